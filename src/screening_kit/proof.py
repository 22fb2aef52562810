"""Proof sheets: every subtitle cue as it is burned into the rendered film, on one
page per language, so a native speaker can sign a language off without watching
the film (and without a player that can show soft subtitles).

For each cue we show the frame at the cue's midpoint, taken from the finished
render (cards included, so the time offset is the one the audience sees), with
the cue number and its times, beside the cue's text as written in the file. Only
those frames are decoded: each grab seeks to the keyframe before it.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from .build import default_dirs, gather_facts, select_countries
from .cache import Cache
from .config import Workspace, load_workspace
from .errors import InputError
from .ffmpeg import ffmpeg_version
from .fonts import ResolvedFont, missing_glyphs
from .fsio import atomic_write_text, inside
from .package import file_name
from .package.index import write_index
from .plan import ChunkTask, PackageItem, Plan, VideoPiece, make_plan
from .subtitles.model import Cue

PROOF_DIR = "proof"
MAX_FRAMES = 200  # a feature film has ~1000 cues: beyond this, an even sample

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class ProofSheet:
    film: str
    language: str
    png: Path
    html: Path
    cues_total: int
    cues_shown: int


@dataclass(frozen=True)
class Shot:
    cue: Cue
    at: Fraction  # seconds into the rendered file
    image: Image.Image


def timecode(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


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


def _font(font: ResolvedFont | None, size: int, text: str = "") -> Font:
    """The language's font when it draws all of ``text`` (titles in the language's
    script), else Pillow's own Latin font (Noto Sans Arabic has no Latin letters)."""
    if font is not None and not missing_glyphs(font, text):
        try:
            return ImageFont.truetype(str(font.path), size, index=font.index)
        except OSError:
            pass
    return ImageFont.load_default(size)


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
    draw.text((PAD, 10), title, fill="black", font=_font(font, 22, title))
    label = _font(None, 16)  # labels are digits and ASCII: any font draws them
    for shot, box in zip(shots, boxes, strict=True):
        c = shot.cue
        draw.text(
            (box[0], box[1] - LABEL_H + 4),
            f"#{c.index}   {timecode(c.start_ms / 1000)} - {timecode(c.end_ms / 1000)}",
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
    hsv = band.convert("HSV")
    sat, val = hsv.getchannel("S"), hsv.getchannel("V")
    bright = Image.composite(
        val.point(lambda v: 255 if v > 200 else 0),
        Image.new("L", band.size, 0),
        sat.point(lambda v: 255 if v < 60 else 0),
    )
    outline = val.point(lambda v: 255 if v < 60 else 0).filter(ImageFilter.MaxFilter(5))
    strokes = ImageChops.multiply(bright, outline)
    box = strokes.getbbox()
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


def _jpeg_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def proof_html(
    title: str,
    lang: str,
    png_name: str,
    shots: list[Shot],
    total: int,
    lead: Fraction,
    notes: dict[int, list[str]] | None = None,
) -> str:
    e = html.escape
    rows = []
    for s in shots:
        c = s.cue
        frame = s.image
        if frame.width > 480:
            frame = frame.resize((480, round(480 * frame.height / frame.width)))
        band = subtitle_band(s.image, c.text)
        zoom = 2 if s.image.height <= 720 else 1  # small renders: twice, to read it
        text = "<br>".join(e(line) for line in c.text.split("\n"))
        qc = "".join(f"<div class=qc>{e(n)}</div>" for n in (notes or {}).get(c.index, []))
        rows.append(
            f"<tr><td class=n>{c.index}</td>"
            f"<td class=t>{timecode(c.start_ms / 1000)}<br>{timecode(c.end_ms / 1000)}"
            f"<br><small>in the file at {timecode(float(s.at))}</small>{qc}</td>"
            f'<td class=f><img class=frame src="{_jpeg_uri(frame)}" alt="frame of cue {c.index}">'
            f'<img class=band src="{_jpeg_uri(band)}" alt="cue {c.index} enlarged" '
            f'style="width: {band.width * zoom}px"></td>'
            f'<td lang="{e(lang)}" dir="auto" class=x>{text}</td><td class=ok>&#9744;</td></tr>'
        )
    note = (
        f"All {total} cues are shown."
        if len(shots) == total
        else f"A sample of {len(shots)} of {total} cues is shown."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Proof: {e(title)}</title>
<style>
body {{ font-family: "Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", sans-serif;
       margin: 6mm auto; max-width: 260mm; padding: 0 4mm; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #999; padding: 2mm; text-align: left;
         vertical-align: middle; }}
tr {{ break-inside: avoid; }}
td.n {{ font-size: 14pt; font-weight: bold; }}
td.t {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
td.x {{ font-size: 13pt; }}
td.ok {{ font-size: 18pt; }}
div.qc {{ color: #a00; font-size: 9pt; max-width: 45mm; white-space: normal; margin-top: 1mm; }}
img {{ height: auto; display: block; }}
img.frame {{ width: 45mm; margin-bottom: 1mm; }}
img.band {{ max-width: 140mm; }}
</style></head>
<body>
<h1>Proof sheet: {e(title)}</h1>
<p>Each row is one subtitle cue: its number and times in the subtitle file, the frame
at the middle of the cue from the finished film with the subtitle burned in (small,
then the subtitle's part of it enlarged), and the text as written in the file. {note}
The film starts {float(lead):.2f} s into the file (after the opening cards).
Contact sheet: <a href="{e(png_name)}">{e(png_name)}</a>.</p>
<p>Check that every subtitle is complete, readable, correctly ordered (right-to-left
for Arabic and Persian), and tick the last column.</p>
<table id="cues">
<thead><tr><th>#</th><th>Time</th><th>As burned in</th><th>Text in the file</th>
<th>OK</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody></table>
<p>Signed off by: ______________________ &nbsp; Date: ____________</p>
</body></html>
"""


def qc_notes(package_json: Path, film: str, lang: str) -> dict[int, list[str]]:
    """Subtitle QC findings a forced build recorded for this film and language, by cue,
    so the reviewer sees them beside the frame."""
    try:
        doc = json.loads(package_json.read_text(encoding="utf-8"))
        findings = doc.get("subtitle_qc", {}).get("findings", [])
    except (OSError, ValueError, AttributeError):
        return {}
    notes: dict[int, list[str]] = {}
    for f in findings if isinstance(findings, list) else []:
        if not isinstance(f, dict) or f.get("film") != film or f.get("language") != lang:
            continue
        if isinstance(f.get("cue"), int) and f["cue"] > 0:
            limit = f" (limit {f['limit']})" if f.get("limit") is not None else ""
            notes.setdefault(f["cue"], []).append(
                f"{f.get('severity', '')} {f.get('rule', '')}: {f.get('message', '')}{limit}"
            )
    return notes


def _film_items(ws: Workspace, plan: Plan) -> list[tuple[str, PackageItem]]:
    """One (country, item) per (film, language): countries that share a language
    share the render, so it is proofed once."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for country in plan.countries:
        for item in country.items:
            if item.kind == "film" and (item.item_id, item.language) not in seen:
                seen.add((item.item_id, item.language))
                out.append((country.code, item))
    return out


def make_proofs(
    workspace: Path | str,
    *,
    countries: list[str] | None = None,
    profile: str | None = None,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    max_frames: int = MAX_FRAMES,
) -> list[ProofSheet]:
    root = Path(workspace)
    ws = load_workspace(root)
    default_out, default_cache = default_dirs(root)
    out_dir = out_dir or default_out
    cache = Cache(cache_dir or default_cache)
    codes = select_countries(ws, countries)
    facts = gather_facts(ws, codes, cache)
    plan = make_plan(ws, facts, codes, profile_override=profile, ffmpeg_version=ffmpeg_version())
    folder = inside(out_dir, PROOF_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    sheets = []
    for code, item in _film_items(ws, plan):
        lang = item.language or ""
        video = cache.path(item.key, item.ext)
        if not video.is_file():
            video = inside(out_dir, code, file_name(item))
        if not video.is_file():
            raise InputError(
                f"film {item.item_id!r} in {lang!r} has not been built yet",
                path=inside(out_dir, code),
                hint=f"run `screening-kit build {root} --country {code}` first",
            )
        cues = facts.subtitles[(item.item_id, lang)]
        if not cues:
            continue
        lead, _fps = lead_seconds(plan, item)
        shown = sample(cues, max_frames)
        times = [lead + Fraction(c.start_ms + c.end_ms, 2000) for c in shown]
        images = grab(video, times)
        shots = [Shot(c, t, img) for c, t, img in zip(shown, times, images, strict=True)]
        language = ws.languages[lang].name if lang in ws.languages else lang
        title = f"{item.title} - {language} ({lang})"
        stem = f"{item.item_id}.{lang}"
        png = inside(folder, f"{stem}.png")
        font = facts.fonts.get(lang)
        img = contact_sheet(f"{title}: {len(shots)} of {len(cues)} cues", shots, font)
        tmp = png.with_name(f".{png.name}.tmp")
        img.save(tmp, "PNG", optimize=True)
        tmp.replace(png)
        page = inside(folder, f"{stem}.html")
        notes = qc_notes(inside(out_dir, code, "package.json"), item.item_id, lang)
        atomic_write_text(page, proof_html(title, lang, png.name, shots, len(cues), lead, notes))
        sheets.append(ProofSheet(item.item_id, lang, png, page, len(cues), len(shots)))
    write_index(out_dir, ws)
    return sheets
