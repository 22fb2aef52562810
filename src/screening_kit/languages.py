"""What we know about each script: direction, preferred fonts and subtitle QC limits.

The numbers are the ones in DESIGN.md ("Subtitle QC"). A language in ceremony.yaml
names its script explicitly or takes it from ``KNOWN_LANGUAGES``.
"""

from __future__ import annotations

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


KNOWN_LANGUAGES: dict[str, KnownLanguage] = {
    "en": KnownLanguage("English", "latin"),
    "fr": KnownLanguage("French", "latin"),
    "de": KnownLanguage("German", "latin"),
    "es": KnownLanguage("Spanish", "latin"),
    "it": KnownLanguage("Italian", "latin"),
    "pt": KnownLanguage("Portuguese", "latin"),
    "nl": KnownLanguage("Dutch", "latin"),
    "pl": KnownLanguage("Polish", "latin"),
    "cs": KnownLanguage("Czech", "latin"),
    "hu": KnownLanguage("Hungarian", "latin"),
    "tr": KnownLanguage("Turkish", "latin"),
    "ro": KnownLanguage("Romanian", "latin"),
    "sv": KnownLanguage("Swedish", "latin"),
    "ru": KnownLanguage("Russian", "cyrillic"),
    "uk": KnownLanguage("Ukrainian", "cyrillic"),
    "be": KnownLanguage("Belarusian", "cyrillic"),
    "kk": KnownLanguage("Kazakh", "cyrillic"),
    "bg": KnownLanguage("Bulgarian", "cyrillic"),
    "sr": KnownLanguage("Serbian", "cyrillic"),
    "ar": KnownLanguage("Arabic", "arabic"),
    "fa": KnownLanguage("Persian", "arabic"),
    "ko": KnownLanguage("Korean", "hangul"),
    "ja": KnownLanguage("Japanese", "japanese"),
}
