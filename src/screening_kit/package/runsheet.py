"""RUNSHEET.html: the running order a mission prints and keeps beside the player.

One self-contained file (thumbnails are data URIs) that prints on one A4 page for
a typical ceremony: people at a venue have little time and no AV expertise, so it
says what to play, when, and what to do when something does not play.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

CSS = """\
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; color: #000;
       margin: 0 auto; max-width: 190mm; padding: 4mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
.build { float: right; text-align: right; font-size: 8.5pt; color: #222; }
.build b { display: block; font: bold 20pt "DejaVu Sans Mono", monospace; letter-spacing: 1pt; }
h2 { font-size: 11pt; margin: 4mm 0 1mm; }
p.meta { margin: 0 0 3mm; color: #222; }
p.signoff { margin: -2mm 0 3mm; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th { font-size: 8.5pt; text-transform: uppercase; color: #444; }
th, td { border-bottom: 1px solid #999; padding: 1.2mm 1.5mm; text-align: left;
         vertical-align: middle; }
tr { break-inside: avoid; }
td.n { font-size: 15pt; font-weight: bold; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.thumb { width: 34mm; }
img { width: 32mm; height: 18mm; object-fit: contain; background: #000; display: block; }
code { font-size: 9pt; word-break: break-all; }
tfoot td { font-weight: bold; border-bottom: none; }
.warn { border: 1px solid #b00; padding: 1.5mm 2mm; margin: 2mm 0; color: #800; }
ol, ul { margin: 0; padding-left: 5mm; }
li { margin: 0.6mm 0; }
/* on paper: a dozen items still fit one A4 page */
@media print {
  body { padding: 0; font-size: 9.5pt; }
  th, td { padding: 0.8mm 1.5mm; }
  td.thumb { width: 28mm; }
  img { width: 26mm; height: 14.6mm; }
  li { margin: 0.3mm 0; }
}
"""


@dataclass(frozen=True)
class SheetRow:
    position: int
    filename: str
    title: str
    kind: str
    language: str  # shown as is, e.g. "Russian subtitles" or "no speech or text"
    start: float
    duration: float  # one play
    repeat: int
    thumbnail_data_uri: str | None


@dataclass(frozen=True)
class Sheet:
    ceremony: str
    country: str
    language: str
    profile: str
    rows: list[SheetRow]
    date: str | None = None
    play_all: list[tuple[str, float]] = field(default_factory=list)  # file, running time
    warnings: list[str] = field(default_factory=list)
    build_id: str = ""
    signoff: str = ""  # "Arabic: approved by ... on ..." (signoff.status)


def clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def total_seconds(rows: list[SheetRow]) -> float:
    return sum(r.duration * r.repeat for r in rows)


def troubleshooting(sheet: Sheet) -> list[str]:
    first = sheet.rows[0].filename if sheet.rows else "01_..."
    # TV players that ignore playlists play each file once: say what to do about repeats
    repeats = (
        " Such a player plays each file once: for an item with N × under Plays, press "
        "play on it again when it ends, N times in all."
        if any(r.repeat > 1 for r in sheet.rows)
        else ""
    )
    tips = [
        f"On a TV or USB player: open the stick and play {first} first, then the next "
        f"number. The numbers are the running order.{repeats}",
    ]
    if len(sheet.play_all) == 1:
        name, seconds = sheet.play_all[0]
        tips.append(
            f"If the player cannot play files one after another, play {name}: the whole "
            f"ceremony in one file ({clock(seconds)}, repeats included)."
        )
    elif sheet.play_all:
        names = ", then ".join(n for n, _ in sheet.play_all)
        seconds = sum(s for _, s in sheet.play_all)
        tips.append(
            f"If the player cannot play files one after another, play {names}: the whole "
            f"ceremony in {len(sheet.play_all)} files ({clock(seconds)}, repeats included; "
            "split so that each fits a FAT32 stick)."
        )
    tips += [
        "On a laptop: open ceremony.xspf (or ceremony.m3u8) with VLC; it plays the "
        "order and the repeats by itself. Press F for full screen.",
        "If a file does not play on the TV, play it from a laptop with VLC over HDMI. "
        "If it does not play in VLC either, the copy is damaged: copy the package again.",
        "To check a copy before the day, open VERIFY.html (in this folder) in any browser "
        "and choose this folder: it must say OK and show the build id printed above. "
        "Without a browser: on Windows, certutil -hashfile FILE SHA256 for each file, "
        "compared with MANIFEST.sha256; on macOS or Linux, shasum -a 256 -c MANIFEST.sha256 "
        "in this folder; with screening-kit: screening-kit verify <this folder>. "
        "Keep a second copy on another stick.",
    ]
    return tips


def render(sheet: Sheet) -> str:
    e = html.escape
    body = []
    for r in sheet.rows:
        thumb = (
            f'<img src="{r.thumbnail_data_uri}" alt="frame of {e(r.filename)}">'
            if r.thumbnail_data_uri
            else ""
        )
        plays = (
            f"{r.repeat} &times; {clock(r.duration)}<br>= {clock(r.duration * r.repeat)}"
            if r.repeat > 1
            else clock(r.duration)
        )
        body.append(
            f"<tr><td class=n>{r.position:02d}</td><td class=thumb>{thumb}</td>"
            f"<td><b>{e(r.title)}</b><br><code>{e(r.filename)}</code></td>"
            f"<td>{e(r.language)}</td><td class=t>{clock(r.start)}</td>"
            f"<td class=t>{plays}</td></tr>"
        )
    total = total_seconds(sheet.rows)
    tips = "".join(f"<li>{e(t)}</li>" for t in troubleshooting(sheet))
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in sheet.warnings)
    date = f" &middot; {e(sheet.date)}" if sheet.date else ""
    # large enough to read off a printed sheet and compare with VERIFY.html on a stick
    build = (
        f'<div class="build" id="build-id">build<b>{e(sheet.build_id)}</b></div>'
        if sheet.build_id
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Run sheet: {e(sheet.ceremony)} - {e(sheet.country)}</title>
<style>
{CSS}</style></head>
<body>
{build}<h1>{e(sheet.ceremony)}</h1>
<p class="meta"><b>{e(sheet.country)}</b>{date} &middot; language: {e(sheet.language)}
&middot; profile: {e(sheet.profile)} &middot; total running time <b>{clock(total)}</b></p>
{f'<p class="signoff" id="signoff">Sign-off: {e(sheet.signoff)}</p>' if sheet.signoff else ""}
{warnings}<table id="running-order">
<thead><tr><th>#</th><th>Picture</th><th>Item / file</th><th>Language</th><th>Starts</th>
<th>Plays</th></tr></thead>
<tbody>
{"".join(body)}
</tbody>
<tfoot><tr><td></td><td></td><td>End of the ceremony</td><td></td>
<td class=t>{clock(total)}</td><td></td></tr></tfoot></table>
<h2>If something does not play</h2>
<ol>{tips}</ol>
</body></html>
"""
