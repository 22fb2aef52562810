"""What we know about each script: direction, preferred fonts and subtitle QC limits.

The numbers are the ones in DESIGN.md ("Subtitle QC"). A language in ceremony.yaml
names its script explicitly or takes it from ``KNOWN_LANGUAGES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Script = Literal["latin", "cyrillic", "arabic", "hangul", "japanese"]
SCRIPTS: tuple[Script, ...] = ("latin", "cyrillic", "arabic", "hangul", "japanese")


@dataclass(frozen=True)
class ScriptRules:
    rtl: bool
    # fontconfig family names, first one installed wins
    fonts: tuple[str, ...]
    max_chars_per_line: int
    cps_warn: float
    cps_error: float
    # characters counted as half a character (Japanese: half-width forms)
    half_width_counts_half: bool = False


SCRIPT_RULES: dict[Script, ScriptRules] = {
    "latin": ScriptRules(False, ("Noto Sans", "DejaVu Sans"), 42, 17, 20),
    "cyrillic": ScriptRules(False, ("Noto Sans", "DejaVu Sans"), 42, 17, 20),
    "arabic": ScriptRules(True, ("Noto Sans Arabic", "Noto Naskh Arabic"), 42, 17, 20),
    "hangul": ScriptRules(False, ("Noto Sans CJK KR", "Noto Sans KR"), 16, 12, 12, True),
    "japanese": ScriptRules(False, ("Noto Sans CJK JP", "Noto Sans JP"), 13, 4, 4, True),
}


@dataclass(frozen=True)
class KnownLanguage:
    name: str
    script: Script
    # legacy 8-bit/DBCS encodings editors of this language use, most likely first
    encodings: tuple[str, ...] = ()


# legacy encodings per script, tried after UTF-8 when a subtitle file has no BOM
SCRIPT_ENCODINGS: dict[Script, tuple[str, ...]] = {
    "latin": ("cp1252",),
    "cyrillic": ("cp1251",),
    "arabic": ("cp1256",),
    "hangul": ("cp949",),  # a superset of EUC-KR
    "japanese": ("cp932",),  # Shift-JIS as Windows writes it
}


KNOWN_LANGUAGES: dict[str, KnownLanguage] = {
    "en": KnownLanguage("English", "latin"),
    "fr": KnownLanguage("French", "latin"),
    "de": KnownLanguage("German", "latin"),
    "es": KnownLanguage("Spanish", "latin"),
    "it": KnownLanguage("Italian", "latin"),
    "pt": KnownLanguage("Portuguese", "latin"),
    "nl": KnownLanguage("Dutch", "latin"),
    "pl": KnownLanguage("Polish", "latin", ("cp1250", "iso-8859-2")),
    "cs": KnownLanguage("Czech", "latin", ("cp1250", "iso-8859-2")),
    "hu": KnownLanguage("Hungarian", "latin", ("iso-8859-2", "cp1250")),
    "tr": KnownLanguage("Turkish", "latin", ("cp1254",)),
    "ro": KnownLanguage("Romanian", "latin", ("cp1250", "iso-8859-16")),
    "sv": KnownLanguage("Swedish", "latin"),
    "ru": KnownLanguage("Russian", "cyrillic"),
    "uk": KnownLanguage("Ukrainian", "cyrillic"),
    "be": KnownLanguage("Belarusian", "cyrillic"),
    "kk": KnownLanguage("Kazakh", "cyrillic", ("kz1048", "cp1251")),
    "bg": KnownLanguage("Bulgarian", "cyrillic"),
    "sr": KnownLanguage("Serbian", "cyrillic"),
    "ar": KnownLanguage("Arabic", "arabic"),
    "fa": KnownLanguage("Persian", "arabic", ("cp1256",)),
    "ko": KnownLanguage("Korean", "hangul"),
    "ja": KnownLanguage("Japanese", "japanese"),
}


# A language key becomes part of file names (``02_film.ko.mp4``, proof pages) and of
# subtitle paths, so it is checked at load. Syntax only (BCP 47's shape: a 2-3 letter
# language, then subtags of 1-8 letters/digits); which tags exist is another question.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MAX_LANGUAGE_TAG = 35  # RFC 5646 4.4.1: the longest tag an implementation must keep


def language_tag_problem(tag: str) -> str | None:
    """Why ``tag`` cannot be a language key (None when it can)."""
    if len(tag) > MAX_LANGUAGE_TAG:
        return f"a language tag has at most {MAX_LANGUAGE_TAG} characters"
    if not LANGUAGE_TAG.match(tag):
        return "a language tag is 2-3 letters, optionally followed by -subtags (e.g. en, pt-BR)"
    return None


def encoding_candidates(code: str, script: Script) -> tuple[str, ...]:
    """Legacy encodings to try for a subtitle file in language ``code``, in order."""
    known = KNOWN_LANGUAGES.get(code)
    own = known.encodings if known is not None and known.script == script else ()
    return tuple(dict.fromkeys(own + SCRIPT_ENCODINGS[script]))


# Unicode blocks whose letters belong to each script (for the "wrong script" check)
_SCRIPT_RANGES: dict[Script, tuple[tuple[int, int], ...]] = {
    "latin": ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)),
    "cyrillic": ((0x400, 0x52F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "arabic": ((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF)),
    "japanese": (
        (0x3040, 0x30FF),
        (0x31F0, 0x31FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xFF66, 0xFF9F),
    ),
}


_SCRIPT_CLASS: dict[Script, re.Pattern[str]] = {
    script: re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]")
    for script, ranges in _SCRIPT_RANGES.items()
}
_C1 = re.compile("[\x80-\x9f]")


def in_script(ch: str, script: Script) -> bool:
    return _SCRIPT_CLASS[script].match(ch) is not None


def looks_like_script(text: str, script: Script, min_share: float = 0.5) -> bool:
    """True when at least ``min_share`` of the letters in ``text`` belong to ``script``
    and the text holds no C1 control characters (a sign of a wrong 8-bit decode)."""
    if _C1.search(text):
        return False
    letters = sum(map(str.isalpha, text))
    if not letters:
        return True
    # every character in the script ranges we list is a letter or a mark; marks count too
    ours = len(_SCRIPT_CLASS[script].findall(text))
    return ours >= min_share * letters
