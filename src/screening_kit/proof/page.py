"""The proof page: one row per cue (number, times, the frame, the subtitle enlarged,
the text as written), for a native speaker to tick off."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from PIL import Image

from ..clock import millis_clock
from ..signoff import RowState
from ..signoff.rows import Row
from . import review
from .frames import Shot, jpeg_uri, subtitle_band, text_region

META = "screening-kit-proof"


@dataclass(frozen=True)
class Made:
    """What a proof page was made from: the render it shows (its content key) and
    the build ids of the packages that carry that render. dist/index.html compares
    the key with the packages on disk to mark pages made from an older build."""

    render: str
    builds: dict[str, str] = field(default_factory=dict)  # country -> build id

    def meta(self) -> str:
        blob = json.dumps({"render": self.render, "builds": self.builds}, sort_keys=True)
        return f'<meta name="{META}" content="{html.escape(blob)}">'

    def words(self) -> str:
        ids = ", ".join(f"{c} build {b}" for c, b in sorted(self.builds.items()))
        return f"Made from {ids or 'a render not yet in any package'}."


@dataclass(frozen=True)
class Extra:
    """A row that is not a subtitle cue: a title card or a slideshow caption."""

    label: str  # "card title", "01_arrival.jpg"
    at: Fraction  # seconds into the rendered file
    image: Image.Image
    text: str
    row: Row | None = None  # what the reviewer signs off (signoff.rows)
    enlarged: Image.Image | None = None  # the part with the text; else found here


States = dict[str, RowState]  # row key -> where its sign-off stands


@dataclass(frozen=True)
class Second:
    """A bilingual page's second language: its cards and cues are rows of the page,
    each saying its language, signed off under that language."""

    lang: str
    words: str  # "Russian (ru)"
    rtl: bool
    cards: list[Extra]
    cues: list[Extra]
    states: States


def text_cell(text: str, lang: str, rtl: bool) -> str:
    """The text as written, each of the file's lines on its own line and never wrapped
    (CSS ``white-space: pre``), right-aligned for right-to-left languages."""
    lines = "".join(f"<div class=l>{html.escape(line)}</div>" for line in text.split("\n"))
    return f'<td lang="{html.escape(lang)}" dir="{"rtl" if rtl else "auto"}" class=x>{lines}</td>'


def _zoom(img: Image.Image) -> int:
    """Small renders are enlarged to read them: the smallest card line of a 360p
    render is 4 px tall in the frame (12 CSS px three times over)."""
    return 3 if img.height <= 360 else 2 if img.height <= 720 else 1


def readable(img: Image.Image, cls: str, alt: str, zoom: int) -> str:
    """A part of a frame shown ``zoom`` times its size (at most 960 CSS px wide): its
    text must be read on the page as it is, not as a thumbnail."""
    width = min(img.width * zoom, 960)
    if img.width > width:
        img = img.resize((width, round(width * img.height / img.width)))
    uri = jpeg_uri(img)
    return f'<img class={cls} src="{uri}" alt="{html.escape(alt)}" style="width: {width}px">'


def _small(img: Image.Image) -> Image.Image:
    return img if img.width <= 480 else img.resize((480, round(480 * img.height / img.width)))


def extra_table(
    table_id: str,
    heading: str,
    rows: list[Extra],
    lang: str,
    rtl: bool,
    states: States | None = None,
    *,
    band: bool = False,  # captions: the frame small, the caption's part enlarged
    language: str = "",  # the rows' language in words, on a page with two
) -> str:
    if not rows:
        return ""
    e = html.escape
    body = []
    for r in rows:
        part = r.enlarged or (subtitle_band(r.image, r.text) if band else text_region(r.image))
        shown = f'<img class=frame src="{jpeg_uri(_small(r.image))}" alt="{e(r.label)}">' + (
            readable(part, "band" if band else "card", f"{r.label} enlarged", _zoom(r.image))
        )
        state = (states or {}).get(r.row.key) if r.row is not None else None
        body.append(
            f"<tr{review.row_attrs(r.row, state, lang if language else '')}>"
            f"<td class=n>{e(r.label)}</td>"
            f"<td class=t>{millis_clock(float(r.at))}</td><td class=f>{shown}</td>"
            f"{text_cell(r.text, lang, rtl)}{review.review_cell(r.row, state, language)}</tr>"
        )
    return (
        f'<h2>{e(heading)}</h2>\n<table id="{table_id}">\n<thead><tr><th>Item</th>'
        "<th>In the file at</th><th>As shown</th><th>Text in the file</th><th>Sign-off</th></tr>"
        f"</thead>\n<tbody>\n{''.join(body)}\n</tbody></table>"
    )


def _review_parts(*groups: tuple[list[Row | None], States]) -> tuple[str, str]:
    """The review header and its script, when the page has rows to sign off (rows and
    their states per language)."""
    keys = [(r.key, states) for rows, states in groups for r in rows if r is not None]
    if not keys:
        return "", ""
    fresh = sum(1 for k, st in keys if k not in st or st[k].state != "approved")
    return review.review_header(len(keys), fresh), review.script()


def proof_html(
    title: str,
    lang: str,
    png_name: str,
    shots: list[Shot],
    total: int,
    lead: Fraction,
    notes: dict[int, list[str]] | None = None,
    *,
    rtl: bool = False,
    cards: list[Extra] | None = None,
    made: Made | None = None,
    shot_html: dict[int, str] | None = None,  # from proof.shots.marks_html
    cue_rows: dict[int, Row] | None = None,  # cue position -> its sign-off row
    states: States | None = None,
    language: str = "",  # the first language in words, on a bilingual page
    second: Second | None = None,
) -> str:
    e = html.escape
    states = states or {}
    rows = []
    for s in shots:
        c = s.cue
        frame = _small(s.image)
        band = subtitle_band(s.image, c.text)
        zoom = _zoom(s.image)
        qc = "".join(f"<div class=qc>{e(n)}</div>" for n in (notes or {}).get(c.index, []))
        qc += (shot_html or {}).get(c.index, "")
        row = (cue_rows or {}).get(c.index)
        state = states.get(row.key) if row is not None else None
        rows.append(
            f"<tr{review.row_attrs(row, state, lang if second else '')}><td class=n>{c.index}</td>"
            f"<td class=t>{millis_clock(c.start_ms / 1000)}<br>{millis_clock(c.end_ms / 1000)}"
            f"<br><small>in the file at {millis_clock(float(s.at))}</small>{qc}</td>"
            f'<td class=f><img class=frame src="{jpeg_uri(frame)}" alt="frame of cue {c.index}">'
            f'<img class=band src="{jpeg_uri(band)}" alt="cue {c.index} enlarged" '
            f'style="width: {band.width * zoom}px"></td>'
            f"{text_cell(c.text, lang, rtl)}{review.review_cell(row, state, language)}</tr>"
        )
    reviewed = [*(x.row for x in cards or []), *((cue_rows or {}).get(s.cue.index) for s in shots)]
    more = [] if second is None else [([x.row for x in second.cards + second.cues], second.states)]
    header, script = _review_parts((reviewed, states), *more)
    second_html = (
        ""
        if second is None
        else extra_table(
            "cards-2", f"Title cards in {second.words}", second.cards, second.lang, second.rtl,
            second.states, language=second.words,
        )
        + extra_table(
            "cues-2", f"Subtitles in {second.words}", second.cues, second.lang, second.rtl,
            second.states, band=True, language=second.words,
        )
    )  # fmt: skip
    note = (
        f"All {total} cues are shown."
        if len(shots) == total
        else f"A sample of {len(shots)} of {total} cues is shown: to sign off every cue, "
        f"run screening-kit proof --max-frames {total}."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
{made.meta() if made else ""}
<title>Proof: {e(title)}</title>
<style>
{CSS}{review.CSS}</style></head>
<body data-lang="{e(lang)}">
<h1>Proof sheet: {e(title)}</h1>
<p class=made>{e(made.words()) if made else ""}</p>
{header}
<p>Each row is one subtitle cue: its number and times in the subtitle file, the frame
at the middle of the cue from the finished film with the subtitle burned in (small,
then the subtitle's part of it enlarged), and the text as written in the file. {note}
The film starts {float(lead):.2f} s into the file (after the opening cards).
Contact sheet: <a href="{e(png_name)}">{e(png_name)}</a>.</p>
<p>Check that every subtitle and title card is complete, readable, correctly ordered
(right-to-left for Arabic and Persian), then Approve it, or Flag it and say what is
wrong. When done, Save sign-off and send the file it saves.</p>
{extra_table("cards", "Title cards", cards or [], lang, rtl, states, language=language)}
<h2>Subtitles</h2>
<table id="cues">
<thead><tr><th>#</th><th>Time</th><th>As burned in</th><th>Text in the file</th>
<th>Sign-off</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody></table>
{second_html}
{script}
</body></html>
"""


def captions_html(
    title: str, lang: str, rows: list[Extra], *, rtl: bool, made: Made, states: States | None = None
) -> str:
    """A slideshow's captions in one language, each on the frame it is shown on."""
    e = html.escape
    header, script = _review_parts(([r.row for r in rows], states or {}))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
{made.meta()}
<title>Proof: {e(title)}</title>
<style>
{CSS}{review.CSS}</style></head>
<body data-lang="{e(lang)}">
<h1>Proof sheet: {e(title)}</h1>
<p class=made>{e(made.words())}</p>
{header}
<p>Each row is one photo's caption: the frame of the slideshow that shows it, its
caption enlarged, and the text as written in the captions file. Approve each caption,
or Flag it and say what is wrong; then Save sign-off.</p>
{extra_table("captions", "Slideshow captions", rows, lang, rtl, states, band=True)}
{script}
</body></html>
"""


CSS = """\
body { font-family: "Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", sans-serif;
       margin: 6mm auto; max-width: 320mm; padding: 0 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 2mm; text-align: left;
         vertical-align: middle; }
td[dir="rtl"] { text-align: right; }
tr { break-inside: avoid; }
td.n { font-size: 14pt; font-weight: bold; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.x { font-size: 13pt; white-space: pre; }
td.ok { font-size: 18pt; }
div.qc { color: #a00; font-size: 9pt; max-width: 45mm; white-space: normal; margin-top: 1mm; }
div.shot { color: #05a; font-size: 9pt; max-width: 100mm; white-space: normal; }
div.shot img { display: inline-block; width: 40mm; margin: 1mm 1mm 0 0; }
img { height: auto; display: block; }
img.frame { width: 45mm; margin-bottom: 1mm; }
img.band { max-width: 120mm; }
img.card { max-width: none; }
p.made { color: #444; }
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
