"""Write the ASS scripts that libass renders: subtitles and title cards.

We write ASS ourselves rather than let ffmpeg convert SRT because ffmpeg's
converter forces left-to-right text; ``Encoding=-1`` lets libass detect the base
direction so Arabic and Persian punctuation lands on the correct side. Sizes
are in pixels of the output frame (PlayRes = frame size); margins keep text
inside the EBU R95 title-safe area (5% in from each edge).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from .markup import _escape as _markup_escape
from .markup import convert
from .model import Cue

TITLE_SAFE = 0.05  # EBU R95: 90% title-safe box

_HEADER = """[Script Info]
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
    size: float = 0.055  # of frame height
    outline: float = 0.0035
    shadow: float = 0.0015
    margin_v: float = 0.065  # bottom margin, inside title-safe
    primary: str = "&H00FFFFFF"
    outline_colour: str = "&H00000000"
    back_colour: str = "&H80000000"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _style_line(
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
) -> str:
    # Encoding -1: libass picks the base direction from the text itself
    return (
        f"Style: {name},{font},{size},{style.primary},&H000000FF,{style.outline_colour},"
        f"{style.back_colour},{bold},0,0,0,100,100,0,0,1,{outline:.2f},{shadow:.2f},"
        f"{align},{ml},{mr},{mv},-1"
    )


def _ts(seconds: Fraction) -> str:
    cs = max(0, round(seconds * 100))
    h, rem = divmod(cs, 360000)
    m, rem = divmod(rem, 6000)
    s, c = divmod(rem, 100)
    return f"{h}:{m:02d}:{s:02d}.{c:02d}"


def _escape(text: str) -> str:
    """Plain text (e.g. a card line) to ASS text that libass shows as written."""
    return _markup_escape(text)


def cue_to_ass_text(text: str) -> str:
    """SRT markup to ASS: <i>/<b>/<u>/<font color> and a leading {\\an8} become our
    overrides; every other override or tag is dropped (the reader reports it)."""
    return convert(text).ass


def build_ass(
    cues: list[Cue], style: AssStyle, width: int, height: int, offset: Fraction = Fraction(0)
) -> str:
    """ASS for ``cues``, with times shifted by ``-offset`` seconds (chunk start)."""
    size = round(style.size * height)
    ml = mr = round(TITLE_SAFE * width + 0.01 * width)
    styles = _style_line(
        "Default",
        style.font,
        size,
        style.outline * height,
        style.shadow * height,
        2,
        ml,
        mr,
        round(style.margin_v * height),
        style,
    )
    lines = [_HEADER.format(w=width, h=height, styles=styles)]
    for cue in cues:
        start = Fraction(cue.start_ms, 1000) - offset
        end = Fraction(cue.end_ms, 1000) - offset
        if end <= 0:
            continue
        lines.append(
            f"Dialogue: 0,{_ts(start)},{_ts(end)},Default,,0,0,0,,{cue_to_ass_text(cue.text)}\n"
        )
    return "".join(lines)


# relative sizes of a card's title, subtitle and date/venue line
CARD_LINE_SIZES = (0.075, 0.048, 0.038)


def card_ass(
    lines: list[str],
    font: str,
    width: int,
    height: int,
    duration: Fraction,
    style: AssStyle | None = None,
) -> str:
    """One centered card: up to three lines inside the title-safe box."""
    style = style or AssStyle(font=font)
    m_h = round(TITLE_SAFE * width)
    m_v = round(TITLE_SAFE * height)
    styles = _style_line(
        "Card",
        font,
        round(CARD_LINE_SIZES[0] * height),
        0.002 * height,
        0,
        5,
        m_h,
        m_h,
        m_v,
        style,
    )
    parts = []
    for i, text in enumerate(lines):
        size = round(CARD_LINE_SIZES[min(i, 2)] * height)
        bold = 1 if i == 0 else 0
        parts.append(f"{{\\fs{size}\\b{bold}}}{_escape(text)}")
    # a small empty line between title and the rest
    gap = f"\\N{{\\fs{round(0.02 * height)}}}\\h\\N"
    body = gap.join(parts[:1]) + (gap + "\\N".join(parts[1:]) if len(parts) > 1 else "")
    return (
        _HEADER.format(w=width, h=height, styles=styles)
        + f"Dialogue: 0,{_ts(Fraction(0))},{_ts(duration)},Card,,0,0,0,,{body}\n"
    )
