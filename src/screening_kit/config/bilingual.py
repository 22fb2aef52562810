"""Two languages on one screen: a country's `languages: [kk, ru]`, where the second
track goes (`layout`) and how it is told apart (`subtitle_style.secondary`).

The primary language is the country's `language` everywhere (cards, checks, sign-off
and every place that names one language); the second is read through
``second_language``. `language: kk` and `languages: [kk]` mean the same."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

LAYOUTS = ("stacked", "top-bottom")
Layout = Literal["stacked", "top-bottom"]


class SecondaryStyle(BaseModel):
    """The second language of a bilingual country: a little smaller and a softer colour,
    so the eye finds its own language at a glance."""

    model_config = ConfigDict(extra="forbid")

    scale: float = Field(
        0.85,
        ge=0.6,
        le=1.0,
        description="Size of the second language's text against the first's (0.6-1).",
    )
    colour: str = Field(
        "#FFE9A0",
        pattern=r"^#[0-9A-Fa-f]{6}$",
        description="Colour of the second language's text, #RRGGBB (default: a pale yellow; "
        "the first is white).",
        examples=["#D0D0D0"],
    )
    gap: float = Field(
        0.8,
        ge=0,
        le=5,
        description="Space between the two tracks, in % of the frame height.",
    )


def secondary_field() -> Any:
    return Field(
        SecondaryStyle(),
        description="How the second language of a bilingual country looks (`languages: [kk, ru]`).",
    )


def languages_field() -> Any:
    return Field(
        None,
        min_length=1,
        max_length=2,
        description="One or two language codes; two put both on screen at once, the "
        "first (primary) nearest the frame's bottom edge. Instead of `language`.",
        examples=[["kk", "ru"]],
    )


def layout_field() -> Any:
    return Field(
        "stacked",
        description="Where a bilingual country's second language goes: stacked (above the "
        "first, following its height) or top-bottom (at the top of the frame).",
    )


def one_or_two(language: str, languages: list[str] | None) -> str:
    """The primary language from `language` or `languages` (exactly one of them)."""
    if languages is None:
        if not language:
            # the type a missing key has: the loader folds it into a misspelt key's message
            raise PydanticCustomError(
                "missing", "name the country's language: `language: kk` or `languages: [kk, ru]`"
            )
        return language
    if language and language != languages[0]:
        raise ValueError("write either `language` or `languages`, not both")
    if len(languages) == 2 and languages[0] == languages[1]:
        raise ValueError(f"`languages` names {languages[0]!r} twice")
    return languages[0]
