"""Resolve one font file per language through fontconfig; check glyph coverage.

libass gets the resolved family name and that file's folder as ``fontsdir``,
so the renderer uses the same font we checked, on every machine.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from .config import Language
from .errors import FontError

INSTALL_HINT = "install fonts: apt-get install fonts-noto-core fonts-noto-cjk"


@dataclass(frozen=True)
class ResolvedFont:
    family: str
    path: Path
    index: int  # face index inside a .ttc collection
    # libass sizes a font by its line height (win ascent + descent), not its em:
    # Noto Sans Arabic's line is 2.1 em against 1.36 for Noto Sans, so the same
    # ASS size draws Arabic a third smaller. Sizes are set in em and multiplied by this.
    line_factor: float = 1.362

    @property
    def folder(self) -> Path:
        return self.path.parent


@functools.cache
def _fc_match(family: str) -> ResolvedFont | None:
    if shutil.which("fc-match") is None:
        raise FontError("fontconfig's fc-match is not installed", hint="apt-get install fontconfig")
    out = subprocess.run(
        ["fc-match", "-f", "%{family[0]}\n%{file}\n%{index}\n", family],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    if len(out) < 3:
        return None
    # fontconfig always answers with *some* font; only an exact family counts
    found = {f.strip().lower() for f in out[0].split(",")}
    if family.lower() not in found:
        return None
    path, index = Path(out[1]), int(out[2] or 0)
    return ResolvedFont(family, path, index, _line_factor(path, index))


def _line_factor(path: Path, index: int) -> float:
    with TTFont(str(path), fontNumber=index, lazy=True) as f:
        os2 = f["OS/2"]
        upm = f["head"].unitsPerEm
        return float(os2.usWinAscent + os2.usWinDescent) / float(upm)


def resolve_font(lang: Language) -> ResolvedFont:
    families = (lang.font_family,) if lang.font_family else lang.rules.fonts
    for fam in families:
        font = _fc_match(fam)
        if font is not None:
            return font
    raise FontError(
        f"no installed font for {lang.name} ({lang.code}); tried {', '.join(families)}",
        hint=INSTALL_HINT,
    )


@functools.cache
def _cmap(path: Path, index: int) -> frozenset[int]:
    with TTFont(str(path), fontNumber=index, lazy=True) as f:
        return frozenset(f.getBestCmap().keys())


def missing_glyphs(font: ResolvedFont, text: str) -> list[str]:
    """Characters of ``text`` the font has no glyph for (whitespace and controls ignored)."""
    cmap = _cmap(font.path, font.index)
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or ord(ch) < 0x20 or ch in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff":
            continue
        if ord(ch) not in cmap:
            seen[ch] = None
    return list(seen)
