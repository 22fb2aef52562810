"""A BCP 47 language tag to what CLDR knows of it, through ``langcodes``.

langcodes parses any well-formed tag, replaces deprecated subtags (``iw`` -> ``he``)
and fills in the likely script from CLDR's likely-subtags data (``uz`` -> Latin,
``kk`` -> Cyrillic, ``zh-TW`` -> Traditional); ``language_data`` gives the English
and native (CLDR) names. What CLDR does not know (QC limits, fonts, legacy
encodings) is in ``scripts`` and ``families``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import langcodes
from langcodes.tag_parser import LanguageTagError

from .scripts import SCRIPTS

# A language key becomes part of file names (``02_film.ko.mp4``, proof pages) and of
# subtitle paths, so it is checked at load. Syntax only (BCP 47's shape: a 2-3 letter
# language, then subtags of 1-8 letters/digits); which tags exist is ``describe``'s.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MAX_LANGUAGE_TAG = 35  # RFC 5646 4.4.1: the longest tag an implementation must keep


def language_tag_problem(tag: str) -> str | None:
    """Why ``tag`` cannot be a language key (None when it can)."""
    if len(tag) > MAX_LANGUAGE_TAG:
        return f"a language tag has at most {MAX_LANGUAGE_TAG} characters"
    if not LANGUAGE_TAG.match(tag):
        return "a language tag is 2-3 letters, optionally followed by -subtags (e.g. en, pt-BR)"
    return None


class UnknownLanguage(ValueError):
    """The tag is malformed or names no language in the IANA registry."""

    def __init__(self, tag: str, reason: str) -> None:
        super().__init__(f"{tag!r} {reason}")
        self.reason = reason


@dataclass(frozen=True)
class TagInfo:
    tag: str  # as written in the workspace
    language: str  # the language subtag, deprecated codes replaced (iw -> he)
    script: str  # ISO 15924: the tag's own or CLDR's likely script

    # the names load language_data's name tables (about 26 MiB) on first use: only
    # messages and `screening-kit languages` need them, so a build does not pay for them
    @property
    def english_name(self) -> str:
        return _names(self.tag)[0]

    @property
    def native_name(self) -> str:
        return _names(self.tag)[1]


@functools.cache
def describe(tag: str) -> TagInfo:
    """What CLDR says about ``tag``. Raises UnknownLanguage naming what is wrong."""
    lang = _parse(tag)
    likely = lang.maximize()
    script = lang.script or likely.script or "Zyyy"
    return TagInfo(tag, str(lang.language), script)


def _parse(tag: str) -> langcodes.Language:
    try:
        lang = langcodes.Language.get(tag, normalize=True)
    except LanguageTagError as e:
        raise UnknownLanguage(tag, f"is not a BCP 47 language tag ({e})") from None
    if lang.language is None or not lang.is_valid():
        raise UnknownLanguage(tag, "names no language in the IANA language subtag registry")
    return lang


@functools.cache
def _names(tag: str) -> tuple[str, str]:
    lang = _parse(tag)
    english = str(lang.display_name("en"))
    native = str(lang.autonym())
    if native.startswith("Unknown language") or native == english:
        # no CLDR data in the language itself: the English name is what we have
        native = english
    return english, native


def fontconfig_lang(info: TagInfo) -> str:
    """fontconfig's orthography name for the tag: its language, except Chinese,
    where fontconfig tells the written forms apart by region."""
    if info.language == "zh":
        return {"Hant": "zh-tw", "Hans": "zh-cn"}.get(info.script, "zh-cn")
    return info.language


def known_tags() -> list[str]:
    """The languages CLDR has locale data for whose likely script we know."""
    from language_data.language_lists import CLDR_LANGUAGES

    out = []
    for code in sorted(CLDR_LANGUAGES):
        try:
            if describe(code).script in SCRIPTS:
                out.append(code)
        except UnknownLanguage:
            continue
    return out
