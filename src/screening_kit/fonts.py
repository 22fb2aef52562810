"""Resolve one font file per language through fontconfig; check glyph coverage.

A language's font is, in order: the family the workspace names (``font:``); the
script's preferred Noto family; fontconfig's best font for the language
(``fc-match :lang=...``). fontconfig always answers with *some* font, so each
answer is checked: the family must be the one asked for, and a font found by
language must cover that language's orthography (fontconfig's ``lang`` set).

libass gets the resolved family name and that file's folder as ``fontsdir``,
so the renderer uses the same font we checked, on every machine.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from .config import Language
from .errors import FontError
from .languages import NOTO_CORE, UnknownLanguage, describe, fontconfig_lang
from .textfit import FontMetrics, load_metrics

_FORMAT = "%{family[0]}\n%{file}\n%{index}\n%{lang}\n%{style[0]}\n"


@dataclass(frozen=True)
class ResolvedFont:
    family: str
    path: Path
    index: int  # face index inside a .ttc collection
    # libass sizes a font by its line height (win ascent + descent), not its em:
    # Noto Sans Arabic's line is 2.1 em against 1.36 for Noto Sans, so the same
    # ASS size draws Arabic a third smaller. Sizes are set in em and multiplied by this.
    line_factor: float = 1.362
    # the bold face libass picks for \b1 (card titles), when the family has one
    bold_path: Path | None = None
    bold_index: int = 0
    # draws what the font lacks (Latin, digits, punctuation): Noto Sans beside a
    # script's own Noto font, through explicit \fn runs (textfit.FontMetrics.ass_runs)
    companion: ResolvedFont | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent


@functools.cache
def _fc_query(pattern: str) -> tuple[str, ...]:
    if shutil.which("fc-match") is None:
        raise FontError("fontconfig's fc-match is not installed", hint="apt-get install fontconfig")
    out = subprocess.run(
        ["fc-match", "-f", _FORMAT, pattern], capture_output=True, text=True, check=False
    ).stdout.split("\n")
    return tuple(out[:5]) if len(out) >= 5 else ()


def _families(answer: tuple[str, ...]) -> set[str]:
    return {f.strip().lower() for f in answer[0].split(",")}


def _resolved(family: str, answer: tuple[str, ...], lang: str | None) -> ResolvedFont:
    path, index = Path(answer[1]), int(answer[2] or 0)
    bold = _fc_query(f"{family}:weight=bold" + (f":lang={lang}" if lang else ""))
    bold_path, bold_index = None, 0
    if bold and family.lower() in _families(bold) and "bold" in bold[4].lower():
        bold_path, bold_index = Path(bold[1]), int(bold[2] or 0)
    return ResolvedFont(family, path, index, _line_factor(path, index), bold_path, bold_index)


@functools.cache
def _fc_match(family: str, lang: str | None = None) -> ResolvedFont | None:
    """The font of ``family`` (with ``lang`` to pick the right face of a collection),
    or None when fontconfig answers with another family."""
    answer = _fc_query(family + (f":lang={lang}" if lang else ""))
    if not answer or family.lower() not in _families(answer):
        return None
    if "bold" in answer[4].lower():
        # both faces may claim the regular weight (Debian's Noto Nastaliq Urdu Bold
        # does): fontconfig then answers with the bold file. Ask for the Regular style.
        regular = _fc_query(family + ":style=Regular" + (f":lang={lang}" if lang else ""))
        if regular and family.lower() in _families(regular) and "bold" not in regular[4].lower():
            answer = regular
    return _resolved(family, answer, lang)


@functools.cache
def _fc_match_lang(lang: str) -> ResolvedFont | None:
    """fontconfig's best font for orthography ``lang``, if it covers it."""
    answer = _fc_query(f":lang={lang}")
    if not answer or lang.lower() not in answer[3].lower().split("|"):
        return None
    family = answer[0].split(",")[0].strip()
    return _resolved(family, answer, lang)


def _line_factor(path: Path, index: int) -> float:
    with TTFont(str(path), fontNumber=index, lazy=True) as f:
        os2 = f["OS/2"]
        upm = f["head"].unitsPerEm
        return float(os2.usWinAscent + os2.usWinDescent) / float(upm)


def font_candidates(lang: Language) -> tuple[str, ...]:
    """The families tried for ``lang`` before asking fontconfig by language."""
    if lang.font_family:
        return (lang.font_family,)
    info = lang.script_info
    return info.fonts if info is not None else ()


def debian_package(lang: Language) -> str:
    info = lang.script_info
    return info.package if info is not None else NOTO_CORE


# Noto's script fonts are made to be used with Noto Sans for Latin and common characters
COMPANION_FAMILY = "Noto Sans"


def _with_companion(font: ResolvedFont) -> ResolvedFont:
    if font.family == COMPANION_FAMILY:
        return font
    companion = _fc_match(COMPANION_FAMILY)
    return dataclasses.replace(font, companion=companion) if companion else font


def resolve_font(lang: Language) -> ResolvedFont:
    return _with_companion(_resolve(lang))


def _resolve(lang: Language) -> ResolvedFont:
    try:
        fc_lang: str | None = fontconfig_lang(describe(lang.code))
    except UnknownLanguage:
        fc_lang = None
    families = font_candidates(lang)
    for fam in families:
        font = _fc_match(fam, fc_lang)
        if font is not None:
            return font
    if lang.font_family:
        raise FontError(
            f"font {lang.font_family!r} for {lang.name} ({lang.code}) is not installed",
            hint="install it, or remove `font:` to use the script's Noto font",
        )
    if fc_lang is not None:
        font = _fc_match_lang(fc_lang)
        if font is not None:
            return font
    package = debian_package(lang)
    raise FontError(
        f"no installed font for {lang.name} ({lang.code}, script {lang.script}); "
        f"tried {', '.join(families) or 'none'} and fontconfig's fonts for {fc_lang or lang.code}",
        hint=f"install the Debian package {package}: apt-get install {package}",
    )


@functools.cache
def font_cmap(path: Path, index: int) -> frozenset[int]:
    """The code points a font face has glyphs for."""
    with TTFont(str(path), fontNumber=index, lazy=True) as f:
        return frozenset(f.getBestCmap().keys())


@functools.cache
def _coverage(font: ResolvedFont) -> frozenset[int]:
    cmap = font_cmap(font.path, font.index)
    if font.companion is not None:
        cmap = cmap | font_cmap(font.companion.path, font.companion.index)
    return cmap


# invisible format characters libass handles without a glyph (joiners, direction marks)
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u061c\ufeff\u2066\u2067\u2068\u2069")


def missing_glyphs(font: ResolvedFont, text: str) -> list[str]:
    """Characters of ``text`` neither the font nor its companion has a glyph for
    (whitespace and invisible controls ignored)."""
    cmap = _coverage(font)
    seen: dict[str, None] = {}
    for ch in set(text):
        if ch.isspace() or ord(ch) < 0x20 or ch in _INVISIBLE:
            continue
        if ord(ch) not in cmap:
            seen[ch] = None
    return sorted(seen, key=text.index)


def font_metrics(font: ResolvedFont) -> FontMetrics:
    """HarfBuzz widths in the resolved font and its bold face (card titles)."""
    c = font.companion
    companion = (c.family, c.path, c.index, c.line_factor) if c is not None else None
    return load_metrics(
        font.path,
        font.index,
        font.line_factor,
        font.bold_path,
        font.bold_index,
        font.family,
        companion,
    )
