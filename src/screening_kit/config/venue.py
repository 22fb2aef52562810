"""What the venue needs beside the media: the start time, its time zone and the
language of the staff who run the show (run sheet, PLAY.html, VERIFY.html, launchers).

Set on the ceremony or per country (a country's value wins). The start time is a
local wall-clock time; the zone says where that wall is, so a package states the
same instant wherever it is built (no build-machine clock or zone goes into it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, Field

from .yamlio import closest


def _local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        raise ValueError(
            "write the local time without an offset (2027-02-26T18:00); "
            "the zone goes in `timezone:`"
        )
    return value


def timezone_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA zone we can use (None when it is)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        near = closest(name, available_timezones())
        hint = f" (did you mean {near}?)" if near else ""
        return f"unknown time zone {name!r}: write an IANA zone such as Asia/Tokyo{hint}"
    return None


def _zone(value: str) -> str:
    problem = timezone_problem(value)
    if problem:
        raise ValueError(problem)
    return value


LocalTime = Annotated[dt.datetime, AfterValidator(_local)]
Zone = Annotated[str, Field(max_length=64), AfterValidator(_zone)]


def starts_at_field() -> Any:
    return Field(
        None,
        description="When the show starts, local time at the venue (YYYY-MM-DDTHH:MM). The "
        "run sheet shows each item's clock time; PLAY.html counts down to it and loops an "
        "`until_start` item until then. Needs `timezone`.",
        examples=["2027-02-26T18:00"],
    )


def timezone_field() -> Any:
    return Field(
        None, description="The venue's IANA time zone, for `starts_at`.", examples=["Asia/Tokyo"]
    )


def staff_language_field() -> Any:
    return Field(
        None,
        max_length=35,
        description="Language of the run sheet, PLAY.html, VERIFY.html and the launchers, "
        "for the staff who run the show (not the audience). Default: en. Shipped: en, ru, "
        "fr, es, ar, az, tr, zh-Hans; other languages get English text and local dates.",
        examples=["ru"],
    )


class VenueFields(Protocol):
    """The ceremony and each country: a country's value wins."""

    starts_at: dt.datetime | None
    timezone: str | None
    staff_language: str | None


DEFAULT_STAFF_LANGUAGE = "en"


@dataclass(frozen=True)
class Venue:
    """One country's resolved venue settings."""

    starts_at: dt.datetime | None  # aware, in ``timezone``
    timezone: str | None
    staff_language: str


def venue_of(ceremony: VenueFields, country: VenueFields) -> Venue:
    zone = country.timezone or ceremony.timezone
    local = country.starts_at or ceremony.starts_at
    start = local.replace(tzinfo=ZoneInfo(zone)) if local and zone else None
    lang = country.staff_language or ceremony.staff_language or DEFAULT_STAFF_LANGUAGE
    return Venue(start, zone, lang)


def venue_problems(
    ceremony: VenueFields,
    countries: Mapping[str, VenueFields],
    until_start: Mapping[str, bool],
) -> list[tuple[tuple[int | str, ...], str]]:
    """(key path, message) for each country whose settings cannot work together.
    ``until_start``: country code -> its playlist has an ``until_start`` item."""
    from ..i18n import locale_problem

    out: list[tuple[tuple[int | str, ...], str]] = []
    for code, c in countries.items():
        local = c.starts_at or ceremony.starts_at
        if local and not (c.timezone or ceremony.timezone):
            out.append(
                (
                    ("countries", code),
                    f"starts_at {local:%Y-%m-%dT%H:%M} needs the venue's time zone: add "
                    "`timezone:` (an IANA zone such as Asia/Tokyo) to the country or the "
                    "ceremony",
                )
            )
        if until_start.get(code) and not local:
            out.append(
                (
                    ("countries", code),
                    "its playlist loops an item `until_start`, but no `starts_at` is set for "
                    "it: add `starts_at:` and `timezone:`, or remove `until_start`",
                )
            )
        for where in (c, ceremony):
            problem = where.staff_language and locale_problem(where.staff_language)
            if problem:
                loc = ("countries", code, "staff_language") if where is c else ("staff_language",)
                out.append((loc, problem))
    return list(dict.fromkeys(out))
