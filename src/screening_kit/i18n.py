"""The staff's language: messages from gettext catalogs, dates and numbers from Babel.

The pages a mission reads at the venue (RUNSHEET.html, PLAY.html, VERIFY.html) and
the launchers' messages are in the ceremony's or country's ``staff_language``. The
English text is the message id (``{name}`` placeholders, str.format); each language
has ``locale/<lang>/LC_MESSAGES/screening_kit.po`` beside this module, read with
Babel at run time (no compile step, nothing to forget in a release). A message a
catalog lacks, or marks fuzzy, is shown in English; ``check`` lists those.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "screening_kit"
SHIPPED = ("en", "ru", "fr", "es", "ar", "az", "tr", "zh-Hans")


def locale_problem(tag: str) -> str | None:
    """Why Babel (CLDR) cannot format dates for ``tag`` (None when it can)."""
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return (
            f"staff_language {tag!r}: no such locale in CLDR; write a language tag such as "
            f"{', '.join(SHIPPED)}"
        )
    return None


@cache
def _catalog(tag: str) -> dict[str, str]:
    """msgid -> translation for a shipped language; {} for others."""
    path = LOCALE_DIR / tag / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        catalog = read_po(f)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def message_ids() -> list[str]:
    """Every message the product shows: the English catalog's ids."""
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        return [str(m.id) for m in read_po(f) if m.id]


def untranslated(tag: str) -> list[str]:
    """Messages shown in English for ``tag`` (all of them for a language we do not ship)."""
    if _base(tag) == "en":
        return []
    have = _catalog(_shipped(tag) or tag)
    return [m for m in message_ids() if m not in have]


def _base(tag: str) -> str:
    return tag.split("-")[0].lower()


def _shipped(tag: str) -> str | None:
    """The shipped catalog for ``tag``: exact, else the language alone (ru-RU -> ru;
    zh and zh-CN -> zh-Hans)."""
    if tag in SHIPPED:
        return tag
    if _base(tag) == "zh" and not tag.lower().endswith(("hant", "tw", "hk", "mo")):
        return "zh-Hans"
    return next((s for s in SHIPPED if s == _base(tag)), None)


@dataclass(frozen=True)
class Staff:
    """Text and formats in one staff language."""

    tag: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.tag, sep="-")

    @property
    def dir(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def t(self, msgid: str, **values: object) -> str:
        """The translation of ``msgid`` (English when there is none), filled in."""
        text = _catalog(_shipped(self.tag) or "en").get(msgid, msgid)
        return text.format(**values) if values else text

    def date(self, day: dt.date) -> str:
        return format_date(day, "full", locale=self.locale)

    def time(self, moment: dt.datetime | dt.time, *, seconds: bool = False) -> str:
        return format_time(moment, "medium" if seconds else "short", locale=self.locale)

    def when(self, moment: dt.datetime) -> str:
        """The full date and the short time, joined the locale's way (CLDR)."""
        pattern = str(self.locale.datetime_formats["full"])
        return pattern.replace("{1}", self.date(moment.date())).replace("{0}", self.time(moment))

    def number(self, value: float, digits: int = 1) -> str:
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, fmt, locale=self.locale)

    def language_name(self, code: str, fallback: str) -> str:
        """A language's name in the staff's language (CLDR), else ``fallback``."""
        if _base(self.tag) == "en":
            return fallback
        try:
            name = Locale.parse(code, sep="-").get_display_name(self.locale)
        except (UnknownLocaleError, ValueError):
            return fallback
        return name or fallback


def staff(tag: str) -> Staff:
    return Staff(tag)
