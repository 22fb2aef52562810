"""The proof page: one row per cue (number, times, the frame, the subtitle enlarged,
the text as written), for a native speaker to tick off."""

from __future__ import annotations

import html
import json
from fractions import Fraction
from pathlib import Path

from .frames import Shot, jpeg_uri, subtitle_band, timecode


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
            f'<td class=f><img class=frame src="{jpeg_uri(frame)}" alt="frame of cue {c.index}">'
            f'<img class=band src="{jpeg_uri(band)}" alt="cue {c.index} enlarged" '
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
