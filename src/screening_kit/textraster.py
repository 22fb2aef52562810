"""Text that libass draws wrong, drawn by HarfBuzz instead and overlaid by ffmpeg.

libass (the one in the imageio-ffmpeg wheel) garbles Nastaliq: in Noto Nastaliq Urdu
letters are misplaced and words overlap, and its tall-line spacing runs two lines into
each other, while HarfBuzz's own layout (Pillow's raqm, Chromium) draws the font right.
For the families in ``LIBASS_WRONG`` subtitles, title cards and photo captions are
drawn by ``textdraw`` into transparent PNG pictures, one per cue (card, caption), and
ffmpeg's ``overlay`` filter puts each on the frames that show it. Everything else stays
with libass.

The planner describes each picture completely (``TextPicture``: text, style, em, place,
band of the frame it covers), so a render's content key holds what is drawn; the runner
draws the pictures into its scratch folder before ffmpeg runs (``write_pictures``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg
from PIL import Image, features

from . import textdraw
from .errors import FontError
from .fonts import ResolvedFont
from .subtitles.ass import CARD_GAPS, TITLE_SAFE, AssStyle, Caption, cue_to_ass_text
from .subtitles.model import Cue
from .textfit import Block, DoesNotFit, FontMetrics, wrap

RENDERER = "pillow-raqm"
RENDERER_VERSION = 1

# casefolded part of a family name -> why libass cannot draw it
LIBASS_WRONG = {
    "nastaliq": "libass draws Nastaliq with letters out of place and words overlapping, "
    "and its line spacing runs two lines into each other",
    "nastaleeq": "the same Nastaliq style under another spelling (e.g. Nafees Nastaleeq)",
}


def libass_wrong(family: str) -> str | None:
    """Why libass cannot draw ``family``, or None when it draws it right."""
    low = family.casefold()
    return next((why for key, why in LIBASS_WRONG.items() if key in low), None)


def renderer_id() -> str:
    """Our renderer with the library versions that decide its pixels (for keys)."""
    libs = " ".join(f"{n} {features.version(n)}" for n in ("freetype2", "raqm", "harfbuzz"))
    return f"{RENDERER}/{RENDERER_VERSION} {libs}"


def drawn_by_harfbuzz(font: ResolvedFont, language: str) -> bool:
    """Whether ``font``'s text goes through this module; raises FontError when it must
    but this Pillow has no raqm layout."""
    why = libass_wrong(font.family)
    if why is None:
        return False
    if not textdraw.raqm_available():
        raise FontError(
            f"font {font.family!r} for {language}: {why}, so screening-kit draws it with "
            "HarfBuzz layout (Pillow with raqm), and this Pillow has no raqm",
            hint="install Pillow's own wheel, which has raqm (pip install --force-reinstall "
            "pillow), or remove `font:` to use a font libass draws",
        )
    return True


@dataclass(frozen=True)
class TextPicture:
    """One transparent picture: its lines and how they are drawn and placed.

    Lines are tuples of (text, style) spans; ``blocks`` groups them by size (a card's
    title, subtitle and date line). The picture covers rows [y0, y1) of the frame."""

    frame: tuple[int, int]
    band: tuple[int, int]
    blocks: tuple[tuple[float, tuple[tuple[tuple[str, textdraw.Style], ...], ...]], ...]
    gaps: tuple[float, ...]  # px of extra space after each block
    place: str  # bottom | top | middle
    margin: float  # px from the bottom (top) edge of the frame to the lines' box
    look: textdraw.Look
    language: str


@dataclass(frozen=True)
class TextOverlay:
    """A picture shown on frames [first, first + count) of a piece, faded in and out
    over ``fade_in`` / ``fade_out`` of those frames."""

    picture: TextPicture
    first: int
    count: int
    fade_in: int = 0
    fade_out: int = 0


# ---------------------------------------------------------------- our ASS to spans

_ASS = re.compile(r"\{\\([^{}]*)\}|\\N|\\\{|\\\}|\\\u2060|\\h|[^{\\]+|.", re.S)


def spans(ass: str) -> tuple[bool, list[list[tuple[str, textdraw.Style]]]]:
    """The overrides ``subtitles.markup`` writes (``\\i \\b \\u \\c``, a leading
    ``\\an8``, escapes) as styled spans per line; (top placement, lines)."""
    top = False
    style = textdraw.Style()
    lines: list[list[tuple[str, textdraw.Style]]] = [[]]

    def add(text: str) -> None:
        line = lines[-1]
        if line and line[-1][1] == style:
            line[-1] = (line[-1][0] + text, style)
        else:
            line.append((text, style))

    for m in _ASS.finditer(ass):
        tok = m.group(0)
        if m.group(1) is not None:
            for cmd in m.group(1).split("\\"):
                if cmd == "an8":
                    top = True
                elif cmd in ("i0", "i1"):
                    style = replace(style, italic=cmd == "i1")
                elif cmd in ("b0", "b1"):
                    style = replace(style, bold=cmd == "b1")
                elif cmd in ("u0", "u1"):
                    style = replace(style, underline=cmd == "u1")
                elif cmd.startswith("c"):
                    style = replace(style, colour=cmd[1:] or None)
        elif tok == "\\N":
            lines.append([])
        elif tok in ("\\{", "\\}"):
            add(tok[1])
        elif tok == "\\\u2060":
            add("\\")
        elif tok == "\\h":
            add("\u00a0")
        else:
            add(tok)
    return top, [line for line in lines if "".join(t for t, _ in line).strip()]


def _normalise(line: list[tuple[str, textdraw.Style]]) -> list[tuple[str, textdraw.Style]]:
    """Runs of whitespace as one space, none at the ends (as libass shows them)."""
    out: list[tuple[str, textdraw.Style]] = []
    prev_space = True
    for text, style in line:
        kept = ""
        for ch in text:
            if ch.isspace() and ch != "\u00a0":
                if not prev_space:
                    kept += " "
                prev_space = True
            else:
                kept += ch
                prev_space = False
        if kept:
            out.append((kept, style))
    while out and out[-1][0].endswith(" "):
        text, style = out[-1]
        out[-1] = (text.rstrip(" "), style)
        if not out[-1][0]:
            out.pop()
    return out


def wrap_line(
    line: list[tuple[str, textdraw.Style]],
    metrics: FontMetrics,
    em_px: float,
    max_w: float,
    locale: str,
) -> list[list[tuple[str, textdraw.Style]]]:
    """One cue line broken where ICU allows, to fit ``max_w`` (textfit.wrap: HarfBuzz
    widths), keeping each character's style. A line with an unbreakable piece wider
    than the box stays whole: ``check`` reports it (manual-break)."""
    line = _normalise(line)
    text = "".join(t for t, _ in line)
    bold = any(s.bold for _, s in line)  # measured in bold when any of it is
    try:
        pieces = wrap(text, metrics, em_px, max_w, locale=locale, bold=bold)
    except DoesNotFit:
        return [line]
    if len(pieces) <= 1:
        return [line]
    styles = [s for t, s in line for _ in t]
    out: list[list[tuple[str, textdraw.Style]]] = []
    at = 0
    for piece in pieces:
        while at < len(text) and text[at] == " ":
            at += 1
        part: list[tuple[str, textdraw.Style]] = []
        for k in range(at, at + len(piece)):
            if part and part[-1][1] == styles[k]:
                part[-1] = (part[-1][0] + text[k], styles[k])
            else:
                part.append((text[k], styles[k]))
        at += len(piece)
        out.append(part)
    return out


# ---------------------------------------------------------------- what each path shows


def _band(
    height: int, place: str, margin: float, em_lines: Sequence[float], pad: float
) -> tuple[int, int]:
    """Rows a picture needs: each line at most ``line box + gap`` em tall (the font's
    win ascent and descent bound its ink)."""
    need = sum(em_lines) + margin + pad
    if place == "bottom":
        return max(0, math.floor(height - need)), height
    return 0, min(height, math.ceil(need))


def line_pitch(style: AssStyle, height: int) -> float:
    """Pixels a subtitle picture gives each line at most (``subtitle_overlays``): the
    line box and LINE_GAP em, of the em libass would draw."""
    em_px = round(style.em * style.line_factor * height) / style.line_factor
    return (style.line_factor + textdraw.LINE_GAP) * em_px


def lines_height(style: AssStyle, lines: int, height: int) -> int:
    """Pixels ``lines`` lines of a subtitle picture take at most above its margin: what
    a track beside it (subtitles.bilingual) keeps clear."""
    return math.ceil(max(1, lines) * line_pitch(style, height))


def subtitle_overlays(
    cues: Sequence[Cue],
    style: AssStyle,
    metrics: FontMetrics,
    language: str,
    width: int,
    height: int,
    fps: Fraction,
    start: int,
    end: int,
) -> tuple[TextOverlay, ...]:
    """One picture per cue shown in film frames [start, end): a frame at time t shows
    the cues with start <= t < end. Sizes, margins and wrapping as ``build_ass``."""
    size = round(style.em * style.line_factor * height)
    em_px = size / style.line_factor  # the em libass would draw
    outline = (0.2 * style.em if style.box else style.outline) * height
    look = textdraw.Look(
        primary=style.primary,
        outline_colour=style.outline_colour,
        back_colour=style.back_colour,
        outline=0.0 if style.box else outline,
        shadow=0.0 if style.box else style.shadow * height,
        box=style.box,
        box_colour=style.box_colour,
        box_pad=outline,
    )
    side = round(TITLE_SAFE * width + 0.01 * width)
    max_w = width - 2 * side - 2 * outline
    margin = round(style.margin_v * height)
    out: list[TextOverlay] = []
    for cue in cues:
        first = max(start, math.ceil(Fraction(cue.start_ms, 1000) * fps))
        stop = min(end, math.ceil(Fraction(cue.end_ms, 1000) * fps))
        if stop <= first:
            continue
        top, lines = spans(cue_to_ass_text(cue.text))
        wrapped = tuple(
            tuple(part)
            for line in lines
            for part in wrap_line(line, metrics, em_px, max_w, language)
        )
        if not wrapped:
            continue
        place = "top" if top else "bottom"
        per_line = [line_pitch(style, height)] * len(wrapped)
        picture = TextPicture(
            (width, height),
            _band(height, place, margin, per_line, outline + look.shadow + 2),
            ((em_px, wrapped),),
            (),
            place,
            margin,
            look,
            language,
        )
        out.append(TextOverlay(picture, first - start, stop - first))
    return tuple(out)


def card_overlay(
    blocks: Sequence[Block], line_factor: float, language: str, width: int, height: int, frames: int
) -> TextOverlay:
    """A title card's text (already wrapped: textfit.layout), centred in the frame, the
    first text in bold; outline as ``card_ass``."""
    plain = textdraw.Style()
    bold = textdraw.Style(bold=True)
    picture = TextPicture(
        (width, height),
        (0, height),
        tuple(
            (
                b.font_size / line_factor,
                tuple(((line, bold if i == 0 else plain),) for line in b.lines),
            )
            for i, b in enumerate(blocks)
        ),
        tuple(CARD_GAPS[i] * height for i in range(len(blocks) - 1)),
        "middle",
        0.0,
        textdraw.Look(outline=0.002 * height),
        language,
    )
    return TextOverlay(picture, 0, frames)


def caption_overlays(
    captions: Sequence[Caption],
    line_factor: float,
    language: str,
    width: int,
    height: int,
    fps: Fraction,
    fade: Fraction,
) -> tuple[TextOverlay, ...]:
    """Photo captions at the bottom of the title-safe box, fading as ``caption_ass``."""
    look = textdraw.Look(outline=0.003 * height, shadow=0.0015 * height)
    margin = round(AssStyle(font="").margin_v * height)
    fade_frames = round(fade * fps)
    out: list[TextOverlay] = []
    for c in captions:
        first, stop = math.ceil(c.start * fps), math.ceil(c.end * fps)
        if stop <= first:
            continue
        em_px = c.block.font_size / line_factor
        lines = tuple(((line, textdraw.Style()),) for line in c.block.lines)
        per_line = [(line_factor + textdraw.LINE_GAP) * em_px] * len(lines)
        picture = TextPicture(
            (width, height),
            _band(height, "bottom", margin, per_line, look.outline + look.shadow + 2),
            ((em_px, lines),),
            (),
            "bottom",
            margin,
            look,
            language,
        )
        fin = min(fade_frames, (stop - first) // 2) if c.fade_in else 0
        fout = min(fade_frames, (stop - first) // 2) if c.fade_out else 0
        out.append(TextOverlay(picture, first, stop - first, fin, fout))
    return tuple(out)


# ---------------------------------------------------------------- drawing and the graph


def render_picture(picture: TextPicture, font: ResolvedFont) -> Image.Image:
    """The picture as an RGBA image of its band, lines centred, placed as planned."""
    width, height = picture.frame
    lines: list[textdraw.Line] = []
    gaps: list[float] = []
    for b, (em_px, block_lines) in enumerate(picture.blocks):
        for k, spans_ in enumerate(block_lines):
            lines.append(textdraw.lay_out(list(spans_), font, em_px, picture.language))
            last = k == len(block_lines) - 1
            gaps.append(picture.gaps[b] if last and b < len(picture.gaps) else 0.0)
    last_baseline = textdraw.stack(lines, gaps)
    if picture.place == "bottom":
        # the last line's box (its font's descent under the baseline) ends at the margin
        descent = lines[-1].em_px * textdraw.descent(font.path, font.index)
        shift = height - picture.margin - descent - last_baseline
    elif picture.place == "top":
        shift = picture.margin - lines[0].top
    else:
        ink_top = lines[0].top
        ink_bottom = last_baseline + lines[-1].bottom
        shift = (height - (ink_bottom - ink_top)) / 2 - ink_top
    for line in lines:
        line.baseline += shift
        line.left = (width - line.width) / 2
    y0, y1 = picture.band
    return textdraw.draw(lines, (width, y1 - y0), y0, picture.look)


def picture_name(i: int) -> str:
    return f"text-{i:03d}.png"


def write_pictures(overlays: Sequence[TextOverlay], font: ResolvedFont, folder: Path) -> None:
    """Draw each overlay's picture into ``folder`` under ``picture_name``."""
    for i, overlay in enumerate(overlays):
        render_picture(overlay.picture, font).save(folder / picture_name(i))


def overlay_text(stream: Any, overlays: Sequence[TextOverlay], fps: Fraction) -> Any:
    """``stream`` with each picture laid over its frames (ffmpeg-python graph).

    A picture without fades is one frame that the overlay keeps (its last frame is
    repeated) and shows where the frame number ``n`` is in its range: no timestamps
    involved. A fading picture is looped into its frames, faded in alpha and put on the
    frame grid, the main stream too (slideshow pieces already are on it)."""
    tb = f"{fps.denominator}/{fps.numerator}"
    if any(o.fade_in or o.fade_out for o in overlays):
        stream = stream.filter("settb", tb).filter("setpts", "N")
    for i, o in enumerate(overlays):
        pic = ffmpeg.input(picture_name(i)).video
        pic = pic.filter("scale", out_color_matrix="bt709", out_range="tv")
        pic = pic.filter("format", "yuva420p")
        y = o.picture.band[0]
        if o.fade_in or o.fade_out:
            pic = pic.filter("loop", loop=o.count - 1, size=1, start=0)
            if o.fade_in:
                pic = pic.filter("fade", t="in", s=0, n=o.fade_in, alpha=1)
            if o.fade_out:
                pic = pic.filter("fade", t="out", s=o.count - o.fade_out, n=o.fade_out, alpha=1)
            pic = pic.filter("settb", tb).filter("setpts", f"N+{o.first}")
            stream = ffmpeg.overlay(stream, pic, x=0, y=y, eof_action="pass")
        else:
            last = o.first + o.count - 1
            stream = ffmpeg.overlay(
                stream, pic, x=0, y=y, eof_action="repeat", enable=f"between(n,{o.first},{last})"
            )
    return stream


def text_key(overlays: Sequence[TextOverlay]) -> dict[str, object]:
    """What a render's key adds when it draws pictures: them and the renderer. Nothing
    otherwise, so the keys of every render libass draws stay as they were."""
    return {"text": list(overlays), "renderer": renderer_id()} if overlays else {}
