"""Will this text fit? Line breaking and measuring for title cards and photo captions.

We break lines ourselves (explicit ``\\N`` in the ASS) so that what we check is
what libass draws: words break at spaces; Chinese and Japanese may break
between any two characters except before closing or after opening
punctuation. Widths are the font's advance widths at the given size: no
kerning or shaping, so a small safety margin covers joined Arabic forms and
kerning. Everything but ``load_metrics`` is pure.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

# what we measure may be this much narrower than what libass draws
WIDTH_SAFETY = 0.94
BOLD_WIDEN = 1.06  # the bold face (card titles) runs wider than the regular we measure
# Japanese line-breaking rules (kinsoku), simplified
_NO_BREAK_BEFORE = set(
    "、。，．・：；？！ー）」』】〕〉》〙〗〟’”ゝゞヽヾ"
    + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
)
_NO_BREAK_AFTER = set("（「『【〔〈《〘〖〝‘“")


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    advances: dict[int, int]  # code point -> advance in font units
    line_factor: float  # libass line height (win ascent + descent) in em

    def width(self, text: str, em_px: float) -> float:
        fallback = self.units_per_em // 2
        units = sum(
            0 if unicodedata.category(ch) in ("Mn", "Cf") else self.advances.get(ord(ch), fallback)
            for ch in text
        )
        return units * em_px / self.units_per_em


@functools.cache
def load_metrics(path: Path, index: int, line_factor: float) -> FontMetrics:
    with TTFont(str(path), fontNumber=index, lazy=True) as f:
        hmtx = f["hmtx"].metrics
        advances = {cp: hmtx[name][0] for cp, name in f.getBestCmap().items() if name in hmtx}
        return FontMetrics(int(f["head"].unitsPerEm), advances, line_factor)


class DoesNotFit(ValueError):
    """The text cannot be laid out inside the box; the message says why."""


def _breakable_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # kana
        or 0x3400 <= o <= 0x9FFF  # CJK ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x3000 <= o <= 0x303F  # CJK punctuation
    )


def _units(text: str) -> list[tuple[str, bool]]:
    """Split into unbreakable units; the flag says a space precedes the unit."""
    units: list[tuple[str, bool]] = []
    space = False
    current = ""
    for ch in text:
        if ch.isspace():
            if current:
                units.append((current, space))
                current = ""
            space = True
            continue
        starts_new = current and (
            (_breakable_cjk(ch) or _breakable_cjk(current[-1]))
            and ch not in _NO_BREAK_BEFORE
            and current[-1] not in _NO_BREAK_AFTER
        )
        if starts_new:
            units.append((current, space))
            current, space = "", False
        current += ch
    if current:
        units.append((current, space))
    return units


def _greedy(
    units: list[tuple[str, bool]], metrics: FontMetrics, em_px: float, max_w: float
) -> list[str]:
    lines: list[str] = []
    line = ""
    for unit, space in units:
        candidate = line + (" " if space and line else "") + unit
        if line and metrics.width(candidate, em_px) > max_w:
            lines.append(line)
            candidate = unit
        line = candidate
    if line:
        lines.append(line)
    return lines


def wrap(text: str, metrics: FontMetrics, em_px: float, max_w: float) -> list[str]:
    """Lines of ``text`` no wider than ``max_w`` px, balanced like libass's smart wrap.

    Raises DoesNotFit when a single unbreakable unit is wider than ``max_w``.
    """
    limit = max_w * WIDTH_SAFETY
    units = _units(text)
    for unit, _ in units:
        if metrics.width(unit, em_px) > limit:
            raise DoesNotFit(f"{unit!r} is wider than the title-safe area and cannot be broken")
    lines = _greedy(units, metrics, em_px, limit)
    # narrow the width while the line count holds: evenly long lines read better
    lo, hi = 0.0, limit
    for _ in range(12):
        mid = (lo + hi) / 2
        if all(metrics.width(u, em_px) <= mid for u, _ in units) and len(
            _greedy(units, metrics, em_px, mid)
        ) <= len(lines):
            hi = mid
        else:
            lo = mid
    return _greedy(units, metrics, em_px, hi)


@dataclass(frozen=True)
class Block:
    """Lines of one text at one size."""

    lines: tuple[str, ...]
    font_size: int  # ASS font size: libass's line height in pixels


def layout(
    texts: list[str],
    ems: list[float],
    metrics: FontMetrics,
    width: int,
    height: int,
    gap: float,
    max_lines: int | None = None,
    bold_first: bool = False,
) -> list[Block]:
    """Wrap each text at its size (em as a share of frame height) inside the 90% box.

    ``gap`` (share of frame height) is the space between the texts, all together.
    Raises DoesNotFit naming the text when it cannot fit.
    """
    box_w, box_h = 0.9 * width, 0.9 * height
    blocks: list[Block] = []
    for i, (text, em) in enumerate(zip(texts, ems, strict=True)):
        em_px = em * height
        widen = BOLD_WIDEN if bold_first and i == 0 else 1.0
        try:
            lines = wrap(text, metrics, em_px * widen, box_w)
        except DoesNotFit as e:
            raise DoesNotFit(f"line {i + 1}: {e}") from None
        if max_lines is not None and len(lines) > max_lines:
            raise DoesNotFit(f"line {i + 1} needs {len(lines)} lines (at most {max_lines})")
        blocks.append(Block(tuple(lines), round(em_px * metrics.line_factor)))
    total = sum(b.font_size * len(b.lines) for b in blocks) + gap * height
    if total > box_h:
        raise DoesNotFit(
            f"the text needs {total / height:.0%} of the frame height after wrapping; "
            "the title-safe area is 90%"
        )
    return blocks


# what a line of each script is mostly made of: their mean advance is a typical
# character's width (subtitle lines are read, not measured, by the QC's limit)
SCRIPT_SAMPLES = {
    "latin": "abcdefghijklmnopqrstuvwxyz ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوی ",
    "hangul": "가나다라마바사아자차카타파하",
    "japanese": "あいうえおかきくけこ日本語字幕",
}
SUBTITLE_WIDTH = 0.88  # of the frame width: title-safe (90%) less 1% margin each side


def chars_per_line(metrics: FontMetrics, script: str, em: float, aspect: float) -> int:
    """Characters of typical text that fit one subtitle line at ``em`` (visual size as
    a share of frame height) in a frame of ``aspect`` (width / height)."""
    sample = SCRIPT_SAMPLES.get(script, SCRIPT_SAMPLES["latin"])
    per_char = metrics.width(sample, 1.0) / len(sample)  # in em
    return int(SUBTITLE_WIDTH * aspect * WIDTH_SAFETY / (em * per_char))
