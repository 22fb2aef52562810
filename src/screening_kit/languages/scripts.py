"""What CLDR does not tell us about a script: its QC family, the fonts we prefer,
the Debian package that installs them, its letters and its legacy encodings.

Keys are ISO 15924 codes, as CLDR's likely subtags give them. Direction is not
typed here: it is the Unicode bidi class of the script's letters (``rtl``).
Sources of each column: docs/subtitle-qc.md ("Scripts").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

NOTO_CORE = "fonts-noto-core"
NOTO_CJK = "fonts-noto-cjk"


@dataclass(frozen=True)
class ScriptInfo:
    code: str  # ISO 15924
    family: str  # key of families.FAMILIES: the QC limits
    fonts: tuple[str, ...]  # fontconfig families, preferred first
    package: str  # the Debian package holding those fonts
    # letters (and marks) of the script, for the wrong-script check
    ranges: tuple[tuple[int, int], ...]
    # legacy encodings editors of this script use, most likely first (Python codec names)
    encodings: tuple[str, ...] = ()
    # libass breaks lines at spaces only: text written without them cannot wrap
    spaced: bool = True

    @property
    def rtl(self) -> bool:
        return _rtl(self.ranges)


def _r(*pairs: int) -> tuple[tuple[int, int], ...]:
    return tuple((pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2))


_HAN = (0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2A6DF)
_KANA = (0x3040, 0x30FF, 0x31F0, 0x31FF, 0xFF66, 0xFF9F)
_HANGUL = (0x1100, 0x11FF, 0x3130, 0x318F, 0xA960, 0xA97F, 0xAC00, 0xD7AF)


def _script(
    code: str,
    family: str,
    font: str | tuple[str, ...],
    ranges: tuple[int, ...],
    encodings: tuple[str, ...] = (),
    *,
    package: str = NOTO_CORE,
    spaced: bool = True,
) -> ScriptInfo:
    fonts = (font,) if isinstance(font, str) else font
    return ScriptInfo(code, family, fonts, package, _r(*ranges), encodings, spaced)


SCRIPTS: dict[str, ScriptInfo] = {
    s.code: s
    for s in (
        _script(
            "Latn", "alphabetic", "Noto Sans",
            (0x41, 0x5A, 0x61, 0x7A, 0xC0, 0x24F, 0x1E00, 0x1EFF), ("cp1252",),
        ),
        _script(
            "Cyrl", "alphabetic", "Noto Sans",
            (0x400, 0x52F, 0x1C80, 0x1C8F, 0x2DE0, 0x2DFF, 0xA640, 0xA69F), ("cp1251",),
        ),
        _script("Grek", "alphabetic", "Noto Sans", (0x370, 0x3FF, 0x1F00, 0x1FFF),
                ("cp1253", "iso-8859-7")),
        _script("Armn", "alphabetic", "Noto Sans Armenian", (0x531, 0x58F, 0xFB13, 0xFB17)),
        _script("Geor", "alphabetic", "Noto Sans Georgian",
                (0x10A0, 0x10FF, 0x1C90, 0x1CBF, 0x2D00, 0x2D2F)),
        _script(
            "Arab", "rtl", ("Noto Sans Arabic", "Noto Naskh Arabic"),
            (0x600, 0x6FF, 0x750, 0x77F, 0x8A0, 0x8FF, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF),
            ("cp1256",),
        ),
        _script("Hebr", "rtl", "Noto Sans Hebrew", (0x591, 0x5FF, 0xFB1D, 0xFB4F),
                ("cp1255", "iso-8859-8")),
        _script("Syrc", "rtl", "Noto Sans Syriac", (0x700, 0x74F, 0x860, 0x86F)),
        _script("Thaa", "rtl", "Noto Sans Thaana", (0x780, 0x7BF)),
        _script("Deva", "indic", "Noto Sans Devanagari", (0x900, 0x97F, 0xA8E0, 0xA8FF)),
        _script("Beng", "indic", "Noto Sans Bengali", (0x980, 0x9FF)),
        _script("Guru", "indic", "Noto Sans Gurmukhi", (0xA00, 0xA7F)),
        _script("Gujr", "indic", "Noto Sans Gujarati", (0xA80, 0xAFF)),
        _script("Orya", "indic", "Noto Sans Oriya", (0xB00, 0xB7F)),
        _script("Taml", "indic", "Noto Sans Tamil", (0xB80, 0xBFF)),
        _script("Telu", "indic", "Noto Sans Telugu", (0xC00, 0xC7F)),
        _script("Knda", "indic", "Noto Sans Kannada", (0xC80, 0xCFF)),
        _script("Mlym", "indic", "Noto Sans Malayalam", (0xD00, 0xD7F)),
        _script("Sinh", "indic", "Noto Sans Sinhala", (0xD80, 0xDFF)),
        _script("Thai", "unspaced", "Noto Sans Thai", (0xE01, 0xE7F), ("cp874", "tis-620"),
                spaced=False),
        _script("Laoo", "unspaced", "Noto Sans Lao", (0xE80, 0xEFF), spaced=False),
        _script("Khmr", "unspaced", "Noto Sans Khmer", (0x1780, 0x17FF, 0x19E0, 0x19FF),
                spaced=False),
        _script("Mymr", "unspaced", "Noto Sans Myanmar",
                (0x1000, 0x109F, 0xA9E0, 0xA9FF, 0xAA60, 0xAA7F), spaced=False),
        # syllables are separated by the tsheg (U+0F0B), not by spaces
        _script("Tibt", "unspaced", "Noto Serif Tibetan", (0xF00, 0xFFF), spaced=False),
        _script("Ethi", "ethiopic", "Noto Sans Ethiopic",
                (0x1200, 0x139F, 0x2D80, 0x2DDF, 0xAB00, 0xAB2F)),
        _script("Mong", "alphabetic", "Noto Sans Mongolian", (0x1800, 0x18AF)),
        _script("Hans", "chinese", "Noto Sans CJK SC", _HAN, ("gb18030",), package=NOTO_CJK,
                spaced=False),
        _script("Hant", "chinese", "Noto Sans CJK TC", _HAN, ("cp950", "big5hkscs"),
                package=NOTO_CJK, spaced=False),
        _script("Jpan", "japanese", ("Noto Sans CJK JP", "Noto Sans JP"), _HAN + _KANA,
                ("cp932", "euc_jp"), package=NOTO_CJK, spaced=False),
        _script("Kore", "hangul", ("Noto Sans CJK KR", "Noto Sans KR"), _HANGUL + _HAN,
                ("cp949",), package=NOTO_CJK),
    )
}  # fmt: skip

# the five names `script:` took before ISO 15924 codes; still accepted
ALIASES = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "arabic": "Arab",
    "hangul": "Kore",
    "korean": "Kore",
    "japanese": "Jpan",
    "greek": "Grek",
    "hebrew": "Hebr",
    "armenian": "Armn",
    "georgian": "Geor",
    "thai": "Thai",
    "ethiopic": "Ethi",
    "tibetan": "Tibt",
    "devanagari": "Deva",
}


def script_code(value: str) -> str | None:
    """An ISO 15924 code we know for ``value`` (any case, or a name from ALIASES)."""
    if value.lower() in ALIASES:
        return ALIASES[value.lower()]
    code = value[:1].upper() + value[1:].lower()
    return code if code in SCRIPTS else None


@functools.cache
def _rtl(ranges: tuple[tuple[int, int], ...]) -> bool:
    """Right-to-left when most assigned letters in the ranges have bidi class R or AL."""
    classes = [
        unicodedata.bidirectional(chr(c))
        for a, b in ranges
        for c in range(a, b + 1)
        if unicodedata.category(chr(c)).startswith("L")
    ]
    return sum(c in ("R", "AL") for c in classes) > len(classes) / 2


@functools.cache
def _letter_class(code: str) -> re.Pattern[str]:
    ranges = SCRIPTS[code].ranges
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def in_script(ch: str, code: str) -> bool:
    return _letter_class(code).match(ch) is not None


def dominant_script(text: str) -> str | None:
    """The ISO 15924 code most of the letters of ``text`` belong to (None: no letters,
    or a script we do not know). Han is reported as Hans."""
    best, count = None, 0
    for code in SCRIPTS:
        if code in ("Hant", "Kore", "Jpan"):
            continue  # share Han with Hans; Jpan/Kore are told by kana/hangul below
        n = len(_letter_class(code).findall(text))
        if n > count:
            best, count = code, n
    kana = len(re.findall("[\u3040-\u30ff]", text))
    hangul = len(re.findall("[\uac00-\ud7af\u1100-\u11ff]", text))
    if kana and kana * 4 >= count:
        return "Jpan"
    if hangul and hangul >= count / 2:
        return "Kore"
    return best
