"""Write the ASS scripts that libass renders: subtitles and title cards.

We write ASS ourselves rather than let ffmpeg convert SRT because ffmpeg's
converter forces left-to-right text; ``Encoding=-1`` lets libass detect the base
direction so Arabic and Persian punctuation lands on the correct side. Sizes
are in pixels of the output frame (PlayRes = frame size); margins keep text
inside the EBU R95 title-safe area (5% in from each edge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from ..clock import ass_time
from ..textfit import Block
from .markup import convert, escape_ass
from .model import Cue

TITLE_SAFE = 0.05  # EBU R95: 90% title-safe box

# an ASS file up to its events: the frame size and the styles go in with .format
ASS_HEADER = """[Script Info]
ScriptType: v4.00+
PlayResX: {w}
PlayResY: {h}
WrapStyle: 0
ScaledBorderAndShadow: yes
YCbCr Matrix: TV.709

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, \
Alignment, MarginL, MarginR, MarginV, Encoding
{styles}

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


@dataclass(frozen=True)
class AssStyle:
    """Subtitle look, relative to the frame height so it scales with the output."""

    font: str
    em: float = 0.042  # visual size (em) as a share of frame height
    line_factor: float = 1.362  # the font's line height in em (fonts.ResolvedFont)
    outline: float = 0.0035
    shadow: float = 0.0015
    margin_v: float = 0.065  # bottom margin, inside title-safe
    primary: str = "&H00FFFFFF"
    outline_colour: str = "&H00000000"
    back_colour: str = "&H80000000"
    box: bool = False  # a semi-opaque box behind each line instead of the outline
    box_colour: str = "&H50000000"  # black, alpha 0x50: about 70% opaque

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def style_line(
    name: str,
    font: str,
    size: int,
    outline: float,
    shadow: float,
    align: int,
    ml: int,
    mr: int,
    mv: int,
    style: AssStyle,
    bold: int = 0,
    border: int = 1,
) -> str:
    """One ``Style:`` line of an ASS header."""
    # Encoding -1: libass picks the base direction from the text itself. Border style 3
    # draws an opaque box in the outline colour, the outline width as its padding.
    outline_colour = style.box_colour if border == 3 else style.outline_colour
    return (
        f"Style: {name},{font},{size},{style.primary},&H000000FF,{outline_colour},"
        f"{style.back_colour},{bold},0,0,0,100,100,0,0,{border},{outline:.2f},{shadow:.2f},"
        f"{align},{ml},{mr},{mv},-1"
    )


def cue_to_ass_text(text: str) -> str:
    """SRT markup to ASS: <i>/<b>/<u>/<font color> and a leading {\\an8} become our
    overrides; every other override or tag is dropped (the reader reports it)."""
    return convert(text).ass


# libass spaces lines by the font's line height (win ascent + descent): 2.11 em for Noto
# Sans Arabic, where Latin fonts have about 1.36, so two-line Persian subtitles had a
# gap wider than the text. Above TALL_LINE, lines are placed TALL_PITCH em apart.
TALL_LINE = 1.6
TALL_PITCH = 1.4
# one of our override blocks (text braces are escaped as \{ and never match)
OVERRIDE_TAG = re.compile(r"(?<!\\)\{\\[^{}]*\}")


def plain_runs(text: str) -> str:
    """No font runs: everything in the style's font."""
    return text


def build_ass(
    cues: list[Cue],
    style: AssStyle,
    width: int,
    height: int,
    offset: Fraction = Fraction(0),
    runs: Callable[[str], str] = plain_runs,
) -> str:
    """ASS for ``cues``, with times shifted by ``-offset`` seconds (chunk start).

    ``runs`` switches the characters the font lacks to its companion
    (``textfit.FontMetrics.ass_runs``)."""
    size = round(style.em * style.line_factor * height)
    ml = mr = round(TITLE_SAFE * width + 0.01 * width)
    margin_v = round(style.margin_v * height)
    styles = style_line(
        "Default",
        style.font,
        size,
        (0.2 * style.em if style.box else style.outline) * height,
        0 if style.box else style.shadow * height,
        2,
        ml,
        mr,
        margin_v,
        style,
        border=3 if style.box else 1,
    )
    lines = [ASS_HEADER.format(w=width, h=height, styles=styles)]
    pitch = round(TALL_PITCH * style.em * height) if style.line_factor > TALL_LINE else None
    for cue in cues:
        start = Fraction(cue.start_ms, 1000) - offset
        end = Fraction(cue.end_ms, 1000) - offset
        if end <= 0:
            continue
        text = runs(cue_to_ass_text(cue.text))
        times = f"{ass_time(start)},{ass_time(end)}"
        if pitch is None or "\\N" not in text:
            lines.append(f"Dialogue: 0,{times},Default,,0,0,0,,{text}\n")
        else:
            lines += _spaced_lines(text, times, margin_v, pitch)
    return "".join(lines)


def _spaced_lines(text: str, times: str, margin_v: int, pitch: int) -> list[str]:
    """One event per line, ``pitch`` px apart: each on its own layer (libass moves
    overlapping events of one layer apart), each opening with the overrides in force
    where it starts (italics, colour, top placement carry over from the lines above)."""
    parts = text.split("\\N")
    top = text.startswith("{\\an8}")
    events, state = [], ""
    for k, part in enumerate(parts):
        steps = k if top else len(parts) - 1 - k
        events.append(
            f"Dialogue: {k},{times},Default,,0,0,{margin_v + steps * pitch},,{state}{part}\n"
        )
        state += "".join(OVERRIDE_TAG.findall(part))
    return events


# a card's title, subtitle and date/venue line: em as a share of frame height
CARD_EMS = (0.055, 0.035, 0.028)
CARD_GAPS = (0.03, 0.012)  # space after the title and after the subtitle, of frame height
CAPTION_EM = 0.036
CAPTION_MAX_LINES = 2


def card_ass(
    blocks: list[Block],
    font: str,
    width: int,
    height: int,
    duration: Fraction,
    runs: Callable[[str], str] = plain_runs,
) -> str:
    """One card centered in the title-safe box; ``blocks`` are already wrapped to fit
    (textfit.layout), so the explicit breaks are the ones that were measured."""
    style = AssStyle(font=font)
    m_h = round(TITLE_SAFE * width)
    m_v = round(TITLE_SAFE * height)
    styles = style_line(
        "Card", font, blocks[0].font_size, 0.002 * height, 0, 5, m_h, m_h, m_v, style
    )
    body = card_body(blocks, height, runs)
    return (
        ASS_HEADER.format(w=width, h=height, styles=styles)
        + f"Dialogue: 0,{ass_time(Fraction(0))},{ass_time(duration)},Card,,0,0,0,,{body}\n"
    )


def card_body(blocks: list[Block], height: int, runs: Callable[[str], str] = plain_runs) -> str:
    """A card's texts as one event's text: the first in bold, CARD_GAPS between them."""
    body = ""
    for i, block in enumerate(blocks):
        if i:
            # an empty line of the gap's height between two texts
            body += f"\\N{{\\fs{round(CARD_GAPS[i - 1] * height)}}}\\h\\N"
        text = "\\N".join(runs(escape_ass(line)) for line in block.lines)
        body += f"{{\\fs{block.font_size}\\b{1 if i == 0 else 0}}}{text}"
    return body


@dataclass(frozen=True)
class Caption:
    start: Fraction  # seconds from the start of the slideshow cycle
    end: Fraction
    block: Block  # wrapped to fit (textfit.layout)
    # a caption cut at a slideshow piece boundary fades on one side only
    fade_in: bool = True
    fade_out: bool = True


def caption_ass(
    captions: list[Caption],
    font: str,
    width: int,
    height: int,
    fade: Fraction,
    runs: Callable[[str], str] = plain_runs,
) -> str:
    """Photo captions at the bottom of the title-safe box, fading with the photos."""
    style = AssStyle(font=font)
    margin_h = round(TITLE_SAFE * width + 0.01 * width)
    size = captions[0].block.font_size if captions else round(CAPTION_EM * height)
    styles = style_line(
        "Caption",
        font,
        size,
        0.003 * height,
        0.0015 * height,
        2,
        margin_h,
        margin_h,
        round(style.margin_v * height),
        style,
    )
    ms = round(fade * 1000)
    lines = [ASS_HEADER.format(w=width, h=height, styles=styles)]
    for c in captions:
        text = "\\N".join(runs(escape_ass(line)) for line in c.block.lines)
        lines.append(
            f"Dialogue: 0,{ass_time(c.start)},{ass_time(c.end)},Caption,,0,0,0,,"
            f"{{\\fs{c.block.font_size}\\fad({ms if c.fade_in else 0},"
            f"{ms if c.fade_out else 0})}}{text}\n"
        )
    return "".join(lines)
