"""Drawing the pictures ``textraster`` plans: HarfBuzz layout through Pillow's raqm.

Each run of a line (one font, one direction, one style) is shaped by raqm as a whole,
so Nastaliq's cursive attachment, its contextual forms and its mark positioning come
out as HarfBuzz lays them out (the shaper Chromium uses too). Runs are ordered by a
compact Unicode bidi algorithm (UAX 9 rules W1-W7, N1-N2, I1-I2 and L2, without explicit
embeddings): the paragraph direction comes from the first strong letter, as libass's
``Encoding=-1`` does. Layers are composited as libass stacks them: shadow, outline,
fill (box style: a box behind each line instead of outline and shadow).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from .fonts import ResolvedFont, font_cmap

OBLIQUE = 0.2126  # FreeType's synthetic slant (FT_GlyphSlot_Oblique), which libass uses
LINE_GAP = 0.12  # em of clear space kept between the ink of two lines
MIN_PITCH = 1.0  # em: lines are never closer than this, baseline to baseline
BOLD_STROKE = 0.02  # em added around the fill of a family without a bold face
UNDERLINE = (0.12, 0.06)  # position below the baseline and thickness, in em


def raqm_available() -> bool:
    """Whether Pillow lays text out with raqm (HarfBuzz + FriBiDi), not its basic layout."""
    return bool(features.check("raqm"))


def colour(ass: str) -> tuple[int, int, int, int]:
    """An ASS colour (``&HAABBGGRR`` or ``&HBBGGRR&``) as RGBA, alpha as opacity."""
    v = ass.strip("&").removeprefix("H").removeprefix("h").strip("&").rjust(8, "0")
    a, b, g, r = (int(v[i : i + 2], 16) for i in range(0, 8, 2))
    return r, g, b, 255 - a


# ---------------------------------------------------------------- bidi


def _strong(t: str) -> str | None:
    return "R" if t in ("R", "EN", "AN") else "L" if t == "L" else None


def bidi_levels(text: str) -> list[int]:
    """Embedding level of each character of one line (no explicit embeddings)."""
    types = [unicodedata.bidirectional(c) or "ON" for c in text]
    base = next((0 if t == "L" else 1 for t in types if t in ("L", "R", "AL")), 0)
    sos = "R" if base else "L"
    out: list[str] = []
    for t in types:  # W1: a mark takes the type of what it sits on
        out.append(out[-1] if t == "NSM" and out else sos if t == "NSM" else t)
    last = sos
    for i, t in enumerate(out):  # W2, W3
        if t in ("L", "R", "AL"):
            last = t
        elif t == "EN" and last == "AL":
            out[i] = "AN"
    out = ["R" if t == "AL" else t for t in out]
    for i in range(1, len(out) - 1):  # W4
        if out[i] == "ES" and out[i - 1] == out[i + 1] == "EN":
            out[i] = "EN"
        elif out[i] == "CS" and out[i - 1] == out[i + 1] and out[i - 1] in ("EN", "AN"):
            out[i] = out[i - 1]
    i = 0
    while i < len(out):  # W5: terminators next to European numbers
        j = i
        while j < len(out) and out[j] == "ET":
            j += 1
        if j > i and ((i > 0 and out[i - 1] == "EN") or (j < len(out) and out[j] == "EN")):
            out[i:j] = ["EN"] * (j - i)
        i = max(j, i + 1)
    out = ["ON" if t in ("ES", "ET", "CS") else t for t in out]  # W6
    last = sos
    for i, t in enumerate(out):  # W7
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            out[i] = "L"
    i = 0
    while i < len(out):  # N1, N2: neutrals between the same direction take it
        if _strong(out[i]) is not None:
            i += 1
            continue
        j = i
        while j < len(out) and _strong(out[j]) is None:
            j += 1
        before = (_strong(out[i - 1]) or sos) if i > 0 else sos
        after = (_strong(out[j]) or sos) if j < len(out) else sos
        out[i:j] = [before if before == after else sos] * (j - i)
        i = j
    if base == 0:  # I1
        return [0 if t == "L" else 1 if t == "R" else 2 for t in out]
    return [1 if t == "R" else 2 for t in out]  # I2


def visual_order(levels: list[int]) -> list[int]:
    """Indices of ``levels``' items in display order, left to right (rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min((lv for lv in levels if lv % 2), default=max(levels) + 1)
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


# ---------------------------------------------------------------- fonts


@functools.lru_cache(maxsize=64)
def _font(path: Path, index: int, em_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), em_px, index=index, layout_engine=ImageFont.Layout.RAQM)


@dataclass(frozen=True)
class Style:
    """How one run is drawn."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    colour: str | None = None  # ASS colour; None: the look's primary


@dataclass(frozen=True)
class _Run:
    text: str
    style: Style
    level: int
    companion: bool


def _runs(spans: list[tuple[str, Style]], font: ResolvedFont) -> list[_Run]:
    """Logical runs: a new one wherever the style, the level or the font changes.
    Spaces stay with the run before them (as textfit measures)."""
    text = "".join(t for t, _ in spans)
    levels = bidi_levels(text)
    main = font_cmap(font.path, font.index)
    comp = font.companion
    other = font_cmap(comp.path, comp.index) if comp is not None else frozenset()
    runs: list[_Run] = []
    at = 0
    for chunk, style in spans:
        for ch in chunk:
            level = levels[at]
            at += 1
            if ch.isspace() and runs and runs[-1].style == style:
                use = runs[-1].companion
            else:
                use = ord(ch) not in main and ord(ch) in other and not ch.isspace()
            last = runs[-1] if runs else None
            if last is not None and (last.style, last.level, last.companion) == (
                style,
                level,
                use,
            ):
                runs[-1] = _Run(last.text + ch, style, level, use)
            else:
                runs.append(_Run(ch, style, level, use))
    return runs


@functools.cache
def descent(path: Path, index: int) -> float:
    """A font's descent in em (FreeType's, from hhea): libass's line box below the
    baseline."""
    return float(_font(path, index, 1000.0).getmetrics()[1]) / 1000


def _face(font: ResolvedFont, run: _Run) -> tuple[Path, int, bool]:
    """(file, face index, synthetic bold) for ``run``."""
    f = font.companion if run.companion and font.companion is not None else font
    if run.style.bold and f.bold_path is not None:
        return f.bold_path, f.bold_index, False
    return f.path, f.index, run.style.bold


# ---------------------------------------------------------------- lines


@dataclass
class _Placed:
    run: _Run
    x: float
    advance: float
    face: ImageFont.FreeTypeFont
    embolden: float


@dataclass
class Line:
    """One laid-out line: runs left to right, its width and ink above/below the baseline."""

    runs: list[_Placed]
    width: float
    top: float  # ink top relative to the baseline (negative: above)
    bottom: float
    em_px: float
    language: str
    baseline: float = 0.0
    left: float = 0.0


def lay_out(
    spans: list[tuple[str, Style]], font: ResolvedFont, em_px: float, language: str
) -> Line:
    logical = _runs(spans, font)
    order = visual_order([r.level for r in logical])
    placed: list[_Placed] = []
    x = 0.0
    top, bottom = 0.0, 0.0
    for i in order:
        run = logical[i]
        path, index, synthetic = _face(font, run)
        face = _font(path, index, em_px)
        direction = "rtl" if run.level % 2 else "ltr"
        lang = None if run.companion else language
        advance = face.getlength(run.text, direction=direction, language=lang)
        if run.text.strip():
            _, t, _, b = face.getbbox(run.text, anchor="ls", direction=direction, language=lang)
            top, bottom = min(top, t), max(bottom, b)
        placed.append(_Placed(run, x, advance, face, BOLD_STROKE * em_px if synthetic else 0.0))
        x += advance
    return Line(placed, x, top, bottom, em_px, language)


def stack(lines: list[Line], gaps: list[float]) -> float:
    """Set the baselines of ``lines`` from 0 down: each line's ink clears the ink of the
    line above by ``LINE_GAP`` em (Nastaliq climbs far above its baseline), and at least
    ``MIN_PITCH`` em apart; ``gaps[i]`` px more after line i. Returns the last baseline."""
    y = 0.0
    for i, line in enumerate(lines):
        if i:
            above = lines[i - 1]
            pitch = max(
                MIN_PITCH * line.em_px,
                above.bottom + LINE_GAP * max(line.em_px, above.em_px) - line.top,
            )
            y += pitch + gaps[i - 1]
        line.baseline = y
    return y


# ---------------------------------------------------------------- drawing


def _run_mask(
    size: tuple[int, int], p: _Placed, line: Line, dy: float, stroke: float
) -> Image.Image:
    mask = Image.new("L", size, 0)
    run = p.run
    if run.text.strip():
        ImageDraw.Draw(mask).text(
            (line.left + p.x, line.baseline - dy),
            run.text,
            font=p.face,
            fill=255,
            anchor="ls",
            direction="rtl" if run.level % 2 else "ltr",
            language=None if run.companion else line.language,
            stroke_width=stroke + p.embolden,
            stroke_fill=255,
        )
    if run.style.underline:
        pos, thick = (v * line.em_px for v in UNDERLINE)
        y0 = line.baseline - dy + pos
        ImageDraw.Draw(mask).rectangle(
            (line.left + p.x - stroke, y0 - stroke, line.left + p.x + p.advance + stroke,
             y0 + max(1.0, thick) + stroke),
            fill=255,
        )  # fmt: skip
    if run.style.italic:
        base = line.baseline - dy
        mask = mask.transform(
            size, Image.Transform.AFFINE, (1, OBLIQUE, -OBLIQUE * base, 0, 1, 0),
            resample=Image.Resampling.BILINEAR,
        )  # fmt: skip
    return mask


@dataclass(frozen=True)
class Look:
    """Colours and widths in pixels of the output frame."""

    primary: str = "&H00FFFFFF"
    outline_colour: str = "&H00000000"
    back_colour: str = "&H80000000"
    outline: float = 0.0
    shadow: float = 0.0
    box: bool = False
    box_colour: str = "&H50000000"
    box_pad: float = 0.0


def _layer(
    size: tuple[int, int], mask: Image.Image, rgba: tuple[int, int, int, int]
) -> Image.Image:
    layer = Image.new("RGBA", size, (*rgba[:3], 0))
    alpha = mask if rgba[3] == 255 else mask.point(lambda v: v * rgba[3] // 255)
    layer.putalpha(alpha)
    return layer


def draw(lines: list[Line], size: tuple[int, int], dy: float, look: Look) -> Image.Image:
    """The lines (placed: ``baseline`` and ``left`` in frame pixels) on a transparent
    picture of ``size`` whose top is frame row ``dy``."""
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    if look.box:
        box = Image.new("L", size, 0)
        pen = ImageDraw.Draw(box)
        for line in lines:
            pad = look.box_pad
            pen.rectangle(
                (line.left - pad, line.baseline + line.top - dy - pad,
                 line.left + line.width + pad, line.baseline + line.bottom - dy + pad),
                fill=255,
            )  # fmt: skip
        out.alpha_composite(_layer(size, box, colour(look.box_colour)))
    outline = Image.new("L", size, 0)
    fills: list[tuple[Image.Image, str | None]] = []
    for line in lines:
        for p in line.runs:
            if look.outline > 0:
                outline = ImageChops.lighter(outline, _run_mask(size, p, line, dy, look.outline))
            fills.append((_run_mask(size, p, line, dy, 0.0), p.run.style.colour))
    if look.shadow > 0:
        shape = outline if look.outline > 0 else _union(size, [m for m, _ in fills])
        s = round(look.shadow)
        moved = Image.new("L", size, 0)
        moved.paste(shape, (s, s))
        out.alpha_composite(_layer(size, moved, colour(look.back_colour)))
    if look.outline > 0:
        out.alpha_composite(_layer(size, outline, colour(look.outline_colour)))
    for mask, c in fills:
        out.alpha_composite(_layer(size, mask, colour(c or look.primary)))
    return out


def _union(size: tuple[int, int], masks: list[Image.Image]) -> Image.Image:
    acc = Image.new("L", size, 0)
    for m in masks:
        acc = ImageChops.lighter(acc, m)
    return acc
