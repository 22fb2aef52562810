"""The frames of a proof sheet: taken from the finished render at each cue's
midpoint (decoding only from the keyframe before it), laid out on a contact sheet,
and the subtitle's part of each frame found for enlarging."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from ..clock import millis_clock
from ..errors import InputError
from ..fonts import ResolvedFont, font_cmap
from ..plan import CardTask, ChunkTask, PackageItem, Plan, SlideshowTask, VideoPiece
from ..subtitles.ass import CAPTION_EM, CAPTION_MAX_LINES, AssStyle
from ..subtitles.model import Cue
from ..textfit import DoesNotFit, FontMetrics
from ..textfit import layout as text_layout

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Shot:
    cue: Cue
    at: Fraction  # seconds into the rendered file
    image: Image.Image


def lead_seconds(plan: Plan, item: PackageItem) -> tuple[Fraction, Fraction]:
    """(time where the film's first frame plays in the render, frame rate).

    Read from the plan, not recomputed: whatever comes before the first film chunk
    (the opening cards) shifts every cue by its length.
    """
    mux = plan.tasks[item.key]
    join = plan.tasks[mux.deps[0]]
    fps = Fraction(getattr(join, "fps", 25))
    lead = 0
    for dep in join.deps:
        piece = plan.tasks[dep]
        if isinstance(piece, ChunkTask):
            break
        if isinstance(piece, VideoPiece):
            lead += piece.frames
    return Fraction(lead) / fps, fps


def sample(cues: list[Cue], limit: int) -> list[Cue]:
    if len(cues) <= limit:
        return list(cues)
    step = Fraction(len(cues) - 1, limit - 1)
    return [cues[round(i * step)] for i in range(limit)]


def grab(path: Path, times: list[Fraction]) -> list[Image.Image]:
    """The frames showing at ``times`` (sorted), decoding only from the keyframe before
    each one; close targets reuse the running decoder instead of seeking again."""
    out: list[Image.Image] = []
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        stream.thread_type = "AUTO"
        tb = Fraction(stream.time_base or Fraction(1, 90000))
        rate = stream.average_rate
        dur = 1 / Fraction(rate) if rate else Fraction(1, 25)
        frames = None
        last: av.VideoFrame | None = None
        pos = Fraction(-1)
        for t in times:
            if frames is None or t < pos or t - pos > 4:
                c.seek(max(0, int(t / tb)), stream=stream, backward=True)
                frames = c.decode(stream)
                last = None
            chosen = None
            for frame in frames:
                ft = Fraction(frame.pts or 0) * tb
                pos = ft
                last = frame
                if ft + dur > t:  # this frame is on screen at t
                    chosen = frame
                    break
            if chosen is None and last is not None:  # past the end: the last frame
                chosen = last
            if chosen is None:
                raise InputError(f"no video frame at {float(t):.3f} s", path=path)
            out.append(chosen.to_image())  # type: ignore[no-untyped-call]
    return out


def _font(font: ResolvedFont | None, size: int) -> Font:
    if font is not None:
        try:
            return ImageFont.truetype(str(font.path), size, index=font.index)
        except OSError:
            pass
    return ImageFont.load_default(size)


def text_runs(font: ResolvedFont | None, text: str) -> list[tuple[str, ResolvedFont | None]]:
    """``text`` cut into runs, each with the font that has its glyphs: the language's
    font for its script, its companion (Noto Sans) for the Latin letters, digits and
    punctuation a script font lacks (Noto Sans Thai, Georgian, Ethiopic ... have none),
    as the subtitles themselves are drawn."""
    if font is None:
        return [(text, None)]
    main = font_cmap(font.path, font.index)
    other = font.companion
    runs: list[tuple[str, ResolvedFont | None]] = []
    for ch in text:
        use: ResolvedFont | None = font
        missing = not ch.isspace() and ord(ch) not in main
        if missing and other is not None and ord(ch) in font_cmap(other.path, other.index):
            use = other
        if ch.isspace() and runs:
            use = runs[-1][1]  # a space stays in the run it is in
        if runs and runs[-1][1] == use:
            runs[-1] = (runs[-1][0] + ch, use)
        else:
            runs.append((ch, use))
    return runs


def draw_runs(
    draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: ResolvedFont | None, size: int
) -> None:
    """Draw ``text`` run by run in the fonts that have its glyphs (shaped by raqm)."""
    x, y = xy
    for run, face in text_runs(font, text):
        f = _font(face, size)
        draw.text((x, y), run, fill="black", font=f)
        x += round(draw.textlength(run, font=f))


LABEL_H, PAD, HEAD_H = 26, 10, 44


def layout(
    n: int, frame: tuple[int, int], tile_width: int = 640
) -> tuple[tuple[int, int], list[tuple[int, int, int, int]]]:
    """(sheet size, box of each frame as (left, top, right, bottom)); a label line
    sits above each frame."""
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    tile_h = round(tile_width * frame[1] / frame[0])
    rows = -(-n // cols)
    size = (PAD + cols * (tile_width + PAD), HEAD_H + rows * (LABEL_H + tile_h + PAD) + PAD)
    boxes = []
    for i in range(n):
        x = PAD + (i % cols) * (tile_width + PAD)
        y = HEAD_H + (i // cols) * (LABEL_H + tile_h + PAD) + LABEL_H
        boxes.append((x, y, x + tile_width, y + tile_h))
    return size, boxes


def contact_sheet(
    title: str, shots: list[Shot], font: ResolvedFont | None, tile_width: int = 640
) -> Image.Image:
    size, boxes = layout(len(shots), shots[0].image.size, tile_width)
    sheet = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(sheet)
    draw_runs(draw, (PAD, 10), title, font, 22)
    label = _font(None, 16)  # labels are digits and ASCII: any font draws them
    for shot, box in zip(shots, boxes, strict=True):
        c = shot.cue
        draw.text(
            (box[0], box[1] - LABEL_H + 4),
            f"#{c.index}   {millis_clock(c.start_ms / 1000)} - {millis_clock(c.end_ms / 1000)}",
            fill="black",
            font=label,
        )
        tile = shot.image.resize((box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS)
        sheet.paste(tile, box[:2])
    return sheet


def subtitle_band(img: Image.Image, text: str) -> Image.Image:
    """The part of the frame that shows the cue, to enlarge on the page for reading.

    Starts from the third where the cue is drawn (bottom; top or middle for
    ``{\\an8}`` and friends) and narrows it to where white-filled, dark-outlined
    strokes are (our subtitle style); when none are found the whole third is kept.
    """
    m = re.match(r"\s*\{\\an([1-9])\}", text)
    row = {"7": 0, "8": 0, "9": 0, "4": 1, "5": 1, "6": 1}.get(m.group(1) if m else "2", 2)
    w, h = img.size
    band = img.crop((0, row * h // 3, w, (row + 1) * h // 3))
    box = _strokes_box(band)
    if box is None or (box[2] - box[0]) * (box[3] - box[1]) < 0.002 * w * h:
        return band
    pad = max(8, h // 40)
    return band.crop(
        (
            max(0, box[0] - pad),
            max(0, box[1] - pad),
            min(w, box[2] + pad),
            min(band.height, box[3] + pad),
        )
    )


def text_region(img: Image.Image) -> Image.Image:
    """The part of a title card's frame that holds its text (white, unsaturated
    strokes), to enlarge on the page; the whole frame when none is found."""
    hsv = img.convert("HSV")
    sat, val = hsv.getchannel("S"), hsv.getchannel("V")
    # thin strokes of small lines are grey after antialiasing: a lower bar than bands
    bright = Image.composite(
        val.point(lambda v: 255 if v > 140 else 0),
        Image.new("L", img.size, 0),
        sat.point(lambda v: 255 if v < 60 else 0),
    )
    box = bright.getbbox()
    w, h = img.size
    if box is None:
        return img
    pad = max(6, h // 40)
    return img.crop(
        (max(0, box[0] - pad), max(0, box[1] - pad), min(w, box[2] + pad), min(h, box[3] + pad))
    )


def _strokes_box(img: Image.Image) -> tuple[int, int, int, int] | None:
    """Where white-filled, dark-outlined strokes are (our text style)."""
    hsv = img.convert("HSV")
    sat, val = hsv.getchannel("S"), hsv.getchannel("V")
    bright = Image.composite(
        val.point(lambda v: 255 if v > 200 else 0),
        Image.new("L", img.size, 0),
        sat.point(lambda v: 255 if v < 60 else 0),
    )
    outline = val.point(lambda v: 255 if v < 60 else 0).filter(ImageFilter.MaxFilter(5))
    box: tuple[int, int, int, int] | None = ImageChops.multiply(bright, outline).getbbox()
    return box


def caption_box(
    size: tuple[int, int], text: str, metrics: FontMetrics, lang: str
) -> tuple[int, int, int, int]:
    """Where a slideshow caption is drawn in a frame of ``size``, with a margin: its
    lines laid out as the planner lays them out (textfit.layout, then
    subtitles.ass.caption_ass: centred above the bottom margin). Found by place rather
    than by colour: a photo has bright edges of its own."""
    w, h = size
    try:
        (block,) = text_layout(
            [text], [CAPTION_EM], metrics, w, h, 0, max_lines=CAPTION_MAX_LINES, locale=lang
        )
    except DoesNotFit:  # the planner refused it, so no render shows it
        return (0, 2 * h // 3, w, h)
    em_px = block.font_size / metrics.line_factor
    half = max(metrics.width(line, em_px) for line in block.lines) / 2
    pad = block.font_size / 2
    bottom = h - round(AssStyle(font="").margin_v * h)
    top = bottom - len(block.lines) * block.font_size
    return (
        max(0, round(w / 2 - half - pad)),
        max(0, round(top - pad)),
        min(w, round(w / 2 + half + pad)),
        min(h, round(bottom + pad)),
    )


def caption_band(img: Image.Image, text: str, metrics: FontMetrics, lang: str) -> Image.Image:
    """The caption's part of a slideshow frame, to enlarge on the page."""
    return img.crop(caption_box(img.size, text, metrics, lang))


def jpeg_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def card_times(plan: Plan, item: PackageItem) -> list[tuple[Fraction, Fraction]]:
    """(start, end) in seconds of each title card in the render, in order: the opening
    cards before the first film chunk, the closing cards after the last."""
    mux = plan.tasks[item.key]
    join = plan.tasks[mux.deps[0]]
    fps = Fraction(getattr(join, "fps", 25))
    out, at = [], 0
    for dep in join.deps:
        piece = plan.tasks[dep]
        if isinstance(piece, CardTask):
            out.append((Fraction(at) / fps, Fraction(at + piece.frames) / fps))
        if isinstance(piece, VideoPiece):
            at += piece.frames
    return out


def slideshow_task(plan: Plan, key: str) -> SlideshowTask | None:
    """The slideshow cycle a slideshow item's render is made of (its first cycle
    starts the file, whether it is looped or not)."""
    todo, seen = [key], set()
    while todo:
        k = todo.pop()
        task = plan.tasks[k]
        if isinstance(task, SlideshowTask):
            return task
        seen.add(k)
        todo += [d for d in task.deps if d not in seen]
    return None


def photo_times(task: SlideshowTask, n: int) -> list[tuple[Fraction, Fraction]]:
    """(start, end) in seconds while each photo's caption is on screen; the same
    arithmetic as the planner's caption events (each photo `step` frames apart,
    shown between the crossfades)."""
    step = task.frames // n
    xf = task.xfade_frames
    per = step + xf
    fps = task.fmt.fps
    return [
        (
            Fraction(i * step + xf // 2) / fps,
            Fraction(min(i * step + per - xf // 2, task.frames)) / fps,
        )
        for i in range(n)
    ]
