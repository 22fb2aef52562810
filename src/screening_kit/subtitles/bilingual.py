"""One ASS script for two languages on screen at once (a bilingual country).

Each language has its own style (its font, size, direction: libass picks the base
direction per event), so each keeps its own line breaking. The primary sits at its
usual place at the bottom. The secondary either sits at the top of the frame
(``top-bottom``) or above the primary (``stacked``), where its bottom margin is
computed per event from the primary lines on screen during it: a secondary cue
during which the primary goes from one line to two is cut at that boundary into
events with their own margins, so the two never overlap and each keeps its own times.
While the primary shows nothing, the secondary stays where it is above one primary
line: it never drops into the primary's band. The two tracks are on different
layers, so libass's collision handling never moves one because of the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ..clock import ass_time
from ..textfit import Block
from .ass import (
    ASS_HEADER,
    CARD_GAPS,
    OVERRIDE_TAG,
    TALL_LINE,
    TALL_PITCH,
    TITLE_SAFE,
    AssStyle,
    Caption,
    card_body,
    cue_to_ass_text,
    plain_runs,
    style_line,
)
from .markup import escape_ass
from .model import Cue

SECOND_LAYER = 10  # the secondary's lines start on this layer (the primary's on 0)


@dataclass(frozen=True)
class Track:
    """One language's cues, look and font runs (``textfit.FontMetrics.ass_runs``)."""

    cues: list[Cue]
    style: AssStyle
    runs: Callable[[str], str] = plain_runs


def ass_colour(rgb: str) -> str:
    """``#RRGGBB`` as an opaque ASS colour (``&HAABBGGRR``)."""
    r, g, b = rgb[1:3], rgb[3:5], rgb[5:7]
    return f"&H00{b}{g}{r}".upper()


def _size(style: AssStyle, height: int) -> int:
    return round(style.em * style.line_factor * height)


def _pitch(style: AssStyle, height: int) -> int:
    """Distance between two lines' bottoms: the line height, or TALL_PITCH em for fonts
    with tall lines (as ``ass.build_ass`` places them)."""
    if style.line_factor > TALL_LINE:
        return round(TALL_PITCH * style.em * height)
    return _size(style, height)


def block_height(style: AssStyle, lines: int, height: int) -> int:
    """Pixels ``lines`` lines of ``style`` take from the bottom of the lowest line's box
    to the top of the highest one's."""
    return _size(style, height) + (max(1, lines) - 1) * _pitch(style, height)


def line_count(cue: Cue) -> int:
    return cue_to_ass_text(cue.text).count("\\N") + 1


def _is_top(cue: Cue) -> bool:
    return cue_to_ass_text(cue.text).startswith("{\\an8}")


def primary_lines(cues: list[Cue], start_ms: int, end_ms: int) -> int:
    """Lines the primary shows at the bottom during [start_ms, end_ms): libass stacks
    cues that overlap in time, so their lines add up."""
    return sum(
        line_count(c)
        for c in cues
        if c.start_ms < end_ms and c.end_ms > start_ms and not _is_top(c)
    )


def second_margins(primary: list[Cue], cue: Cue) -> list[tuple[int, int, int]]:
    """The secondary ``cue`` cut where the primary's height changes: (start ms, end ms,
    primary lines under it, at least one) per piece, adjacent equal pieces merged."""
    cuts = sorted(
        {cue.start_ms, cue.end_ms}
        | {t for c in primary for t in (c.start_ms, c.end_ms) if cue.start_ms < t < cue.end_ms}
    )
    pieces: list[tuple[int, int, int]] = []
    for a, b in itertools.pairwise(cuts):
        n = max(1, primary_lines(primary, a, b))
        if pieces and pieces[-1][2] == n:
            pieces[-1] = (pieces[-1][0], b, n)
        else:
            pieces.append((a, b, n))
    return pieces


def _events(
    text: str, times: str, style_name: str, margin: int, pitch: int | None, layer: int, top: bool
) -> list[str]:
    """One event, or (tall fonts) one per line ``pitch`` px apart, each on its own layer
    and opening with the overrides in force where it starts (as ``ass._spaced_lines``)."""
    if pitch is None or "\\N" not in text:
        return [f"Dialogue: {layer},{times},{style_name},,0,0,{margin},,{text}\n"]
    parts = text.split("\\N")
    out, state = [], ""
    for k, part in enumerate(parts):
        steps = k if top else len(parts) - 1 - k
        out.append(
            f"Dialogue: {layer + k},{times},{style_name},,0,0,{margin + steps * pitch},,"
            f"{state}{part}\n"
        )
        state += "".join(OVERRIDE_TAG.findall(part))
    return out


def _tall_pitch(style: AssStyle, height: int) -> int | None:
    return _pitch(style, height) if style.line_factor > TALL_LINE else None


def _style(name: str, style: AssStyle, width: int, height: int, align: int) -> str:
    em = style.em
    ml = round(TITLE_SAFE * width + 0.01 * width)
    return style_line(
        name,
        style.font,
        _size(style, height),
        (0.2 * em if style.box else style.outline) * height,
        0 if style.box else style.shadow * height,
        align,
        ml,
        ml,
        round(style.margin_v * height),
        style,
        border=3 if style.box else 1,
    )


def build_pair_ass(
    primary: Track,
    secondary: Track,
    width: int,
    height: int,
    *,
    offset: Fraction = Fraction(0),
    layout: str = "stacked",
    gap: float = 0.008,
    primary_height: Callable[[int], int] | None = None,
) -> str:
    """ASS for two tracks, times shifted by ``-offset`` seconds (the chunk's start).
    ``gap``: space between the primary's top and the secondary's bottom, of frame height.
    ``primary_height``: the primary is drawn as pictures (textraster), not here; the
    pixels its ``n`` lines take, which the secondary keeps clear."""
    top = layout == "top-bottom"
    styles = (
        _style("Default", primary.style, width, height, 2)
        + "\n"
        + _style("Second", secondary.style, width, height, 8 if top else 2)
    )
    lines = [ASS_HEADER.format(w=width, h=height, styles=styles)]
    base = round(primary.style.margin_v * height)
    p_pitch = _tall_pitch(primary.style, height)
    s_pitch = _tall_pitch(secondary.style, height)

    def times(start_ms: int, end_ms: int) -> str | None:
        start = Fraction(start_ms, 1000) - offset
        end = Fraction(end_ms, 1000) - offset
        return None if end <= 0 else f"{ass_time(start)},{ass_time(end)}"

    for cue in primary.cues if primary_height is None else []:
        span = times(cue.start_ms, cue.end_ms)
        if span is not None:
            text = primary.runs(cue_to_ass_text(cue.text))
            lines += _events(text, span, "Default", base, p_pitch, 0, text.startswith("{\\an8}"))
    for cue in secondary.cues:
        text = secondary.runs(cue_to_ass_text(cue.text))
        pieces = [(cue.start_ms, cue.end_ms, 0)] if top else second_margins(primary.cues, cue)
        for a, b, n in pieces:
            span = times(a, b)
            if span is None:
                continue
            if top:
                margin = round(secondary.style.margin_v * height)
            else:
                below = primary_height or (lambda k: block_height(primary.style, k, height))
                margin = base + below(n) + round(gap * height)
            cue_top = top or text.startswith("{\\an8}")
            lines += _events(text, span, "Second", margin, s_pitch, SECOND_LAYER, cue_top)
    return "".join(lines)


# a bilingual card: both texts smaller than a card's own, the first above the second
CARD_PAIR_SCALE = 0.8
CARD_SECOND_SCALE = 0.85  # and the second's a little smaller again
CARD_PAIR_GAP = 0.05  # between the two languages' texts, of frame height


def card_height(blocks: list[Block], height: int) -> int:
    """Pixels a card's texts take (``ass.card_body``: lines and the gaps between texts)."""
    gaps = sum(round(CARD_GAPS[i] * height) for i in range(len(blocks) - 1))
    return sum(b.font_size * len(b.lines) for b in blocks) + gaps


@dataclass(frozen=True)
class CardSide:
    """One language's texts on a card: wrapped blocks (textfit.layout), font, runs."""

    blocks: list[Block]
    font: str
    runs: Callable[[str], str] = plain_runs


def pair_card_ass(
    first: CardSide, second: CardSide, width: int, height: int, duration: Fraction
) -> str:
    """A card with the first language's texts above the second's, the two centred
    together in the frame, each in its own font and event (so each has its own base
    direction: an Arabic title above an English one)."""
    style = AssStyle(font=first.font)
    m_h, m_v = round(TITLE_SAFE * width), round(TITLE_SAFE * height)
    h1, h2 = card_height(first.blocks, height), card_height(second.blocks, height)
    gap = round(CARD_PAIR_GAP * height)
    top = max(m_v, (height - (h1 + gap + h2)) // 2)
    styles = "\n".join(
        style_line(
            name, side.font, side.blocks[0].font_size, 0.002 * height, 0, 8, m_h, m_h, m_v, style
        )
        for name, side in (("Card", first), ("Card2", second))
    )
    span = f"{ass_time(Fraction(0))},{ass_time(duration)}"
    x = width // 2
    return (
        ASS_HEADER.format(w=width, h=height, styles=styles)
        + f"Dialogue: 0,{span},Card,,0,0,0,,{{\\pos({x},{top})}}"
        + card_body(first.blocks, height, first.runs)
        + "\n"
        + f"Dialogue: 1,{span},Card2,,0,0,0,,{{\\pos({x},{top + h1 + gap})}}"
        + card_body(second.blocks, height, second.runs)
        + "\n"
    )


@dataclass(frozen=True)
class CaptionSide:
    """One language's photo captions (``ass.Caption``), font and runs."""

    captions: list[Caption]
    font: str
    line: int  # a caption line's height in pixels (its ASS size)
    runs: Callable[[str], str] = plain_runs
    colour: str = "&H00FFFFFF"


def pair_caption_ass(
    first: CaptionSide,
    second: CaptionSide,
    width: int,
    height: int,
    fade: Fraction,
    gap: float = 0.008,
) -> str:
    """Photo captions in two languages: the first at the bottom of the title-safe box
    (as ``ass.caption_ass``), the second above the first caption shown with it (above
    one line of it when the first has none for that photo)."""
    margin_h = round(TITLE_SAFE * width + 0.01 * width)
    base = round(AssStyle(font=first.font).margin_v * height)
    styles = []
    for name, side in (("Caption", first), ("Caption2", second)):
        size = side.captions[0].block.font_size if side.captions else side.line
        look = AssStyle(font=side.font, primary=side.colour)
        styles.append(style_line(name, side.font, size, 0.003 * height, 0.0015 * height, 2,
                                  margin_h, margin_h, base, look))  # fmt: skip
    ms = round(fade * 1000)
    lines = [ASS_HEADER.format(w=width, h=height, styles="\n".join(styles))]
    for layer, (name, side) in enumerate((("Caption", first), ("Caption2", second))):
        for c in side.captions:
            margin = 0
            if layer:
                under = [f for f in first.captions if f.start < c.end and f.end > c.start]
                below = max([first.line, *(f.block.font_size * len(f.block.lines) for f in under)])
                margin = base + below + round(gap * height)
            text = "\\N".join(side.runs(escape_ass(line)) for line in c.block.lines)
            lines.append(
                f"Dialogue: {layer},{ass_time(c.start)},{ass_time(c.end)},{name},,0,0,{margin},,"
                f"{{\\fs{c.block.font_size}\\fad({ms if c.fade_in else 0},"
                f"{ms if c.fade_out else 0})}}{text}\n"
            )
    return "".join(lines)
