"""RUNSHEET.html: the running order a mission prints and keeps beside the player."""

from __future__ import annotations

import html
from dataclasses import dataclass

TROUBLESHOOTING = [
    "If the TV does not play the playlist, play the numbered files in order (01, 02, ...).",
    "If a file does not play on the TV, play it from a laptop with VLC "
    "(open ceremony.xspf or ceremony.m3u8).",
    "To check the copy on the stick: screening-kit verify <this folder>, "
    "or `sha256sum -c MANIFEST.sha256` in this folder.",
]

CSS = """\
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans", sans-serif; font-size: 11pt;
       margin: 0 auto; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
p.meta { margin: 0 0 4mm; color: #333; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 1.5mm; text-align: left;
         vertical-align: middle; }
td.n { font-size: 14pt; font-weight: bold; }
img { width: 36mm; height: auto; display: block; }
"""


@dataclass(frozen=True)
class SheetRow:
    position: int
    filename: str
    title: str
    kind: str
    start: float
    duration: float
    repeat: int
    thumbnail_data_uri: str | None


def clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def render(title: str, country: str, language: str, profile: str, rows: list[SheetRow]) -> str:
    e = html.escape
    body = []
    for r in rows:
        thumb = (
            f'<img src="{r.thumbnail_data_uri}" alt="frame of {e(r.filename)}">'
            if r.thumbnail_data_uri
            else ""
        )
        plays = f"{r.repeat} x {clock(r.duration)}" if r.repeat > 1 else clock(r.duration)
        body.append(
            f"<tr><td class=n>{r.position:02d}</td><td>{thumb}</td>"
            f"<td><b>{e(r.title)}</b><br><code>{e(r.filename)}</code></td>"
            f"<td>{e(r.kind)}</td><td>{clock(r.start)}</td><td>{plays}</td></tr>"
        )
    total = rows[-1].start + rows[-1].duration * rows[-1].repeat if rows else 0.0
    tips = "".join(f"<li>{e(t)}</li>" for t in TROUBLESHOOTING)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Run sheet: {e(title)} - {e(country)}</title>
<style>
{CSS}</style></head>
<body>
<h1>{e(title)}</h1>
<p class="meta">{e(country)} &middot; language: {e(language)} &middot; profile: {e(profile)}
&middot; total running time {clock(total)}</p>
<table>
<thead><tr><th>#</th><th></th><th>Item / file</th><th>Type</th><th>Starts</th>
<th>Duration</th></tr></thead>
<tbody>
{"".join(body)}
</tbody></table>
<h2>If something does not play</h2>
<ul>{tips}</ul>
</body></html>
"""
