"""RUNSHEET.html: the running order a mission prints and keeps beside the player.

One self-contained file (thumbnails are data URIs) that prints on one A4 page for
a typical ceremony: people at a venue have little time and no AV expertise, so it
says what to play, when, and what to do when something does not play.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from ..clock import running_clock
from ..i18n import Staff, staff

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
code { font-size: 9pt; word-break: break-all; direction: ltr; unicode-bidi: isolate; }
tfoot td { font-weight: bold; border-bottom: none; }
.clock { font-weight: bold; }
html[dir=rtl] th, html[dir=rtl] td { text-align: right; }
html[dir=rtl] .build { float: left; text-align: left; }
html[dir=rtl] ol, html[dir=rtl] ul { padding-left: 0; padding-right: 5mm; }
.warn { border: 1px solid #b00; padding: 1.5mm 2mm; margin: 2mm 0; color: #800; }
ol, ul { margin: 0; padding-left: 5mm; }
li { margin: 0.6mm 0; }
/* on paper: a dozen items still fit one A4 page */
@media print {
  body { padding: 0; font-size: 9.5pt; }
  th, td { padding: 0.6mm 1.5mm; }
  td.thumb { width: 25mm; }
  img { width: 23mm; height: 12.9mm; }
  li { margin: 0.3mm 0; }
  ol { font-size: 8.5pt; }
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
    until_start: bool = False  # PLAY.html loops it until the start time


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
    staff_language: str = "en"
    starts_at: dt.datetime | None = None  # aware, in the venue's zone


def total_seconds(rows: list[SheetRow]) -> float:
    return sum(r.duration * r.repeat for r in rows)


def show_offset(rows: list[SheetRow]) -> float:
    """Where the show proper starts in the running order: after the pre-show loop."""
    return next((r.start + r.duration * r.repeat for r in rows if r.until_start), 0.0)


def troubleshooting(sheet: Sheet) -> list[str]:
    t = staff(sheet.staff_language).t
    first = sheet.rows[0].filename if sheet.rows else "01_..."
    tip = t(
        "On a TV or USB player: open the stick and play {first} first, then the next "
        "number. The numbers are the running order.",
        first=first,
    )
    # TV players that ignore playlists play each file once: say what to do about repeats
    if any(r.repeat > 1 for r in sheet.rows):
        tip += " " + t(
            "Such a player plays each file once: for an item with N × under Plays, press "
            "play on it again when it ends, N times in all."
        )
    tips = [tip]
    if len(sheet.play_all) == 1:
        name, seconds = sheet.play_all[0]
        tips.append(
            t(
                "If the player cannot play files one after another, play {name}: the whole "
                "ceremony in one file ({time}, repeats included).",
                name=name,
                time=running_clock(seconds),
            )
        )
    elif sheet.play_all:
        names = t(", then ").join(n for n, _ in sheet.play_all)
        seconds = sum(s for _, s in sheet.play_all)
        tips.append(
            t(
                "If the player cannot play files one after another, play {names}: the whole "
                "ceremony in {n} files ({time}, repeats included; split so that each fits a "
                "FAT32 stick).",
                names=names,
                n=len(sheet.play_all),
                time=running_clock(seconds),
            )
        )
    tips += [
        t(
            "On a laptop: open ceremony.xspf (or ceremony.m3u8) with VLC; it plays the "
            "order and the repeats by itself. Press F for full screen."
        ),
        t(
            "Or double-click PLAY.bat (Windows), PLAY.command (macOS) or play.sh (Linux): "
            "VLC full screen, else PLAY.html in the browser (press Start). macOS may refuse "
            "PLAY.command on a FAT32 or exFAT stick: right-click it, choose Open."
        ),
    ]
    for r in sheet.rows:
        if r.until_start:
            tips.append(
                t(
                    "{title} loops until the start time only in PLAY.html; VLC and TV players "
                    "play it {n} times ({time}).",
                    title=r.title,
                    n=r.repeat,
                    time=running_clock(r.duration * r.repeat),
                )
            )
    tips += [
        t(
            "If a file does not play on the TV, play it from a laptop with VLC over HDMI. "
            "If it does not play in VLC either, the copy is damaged: copy the package again."
        ),
        t(
            "To check a copy before the day, open VERIFY.html (in this folder) in any browser "
            "and choose this folder: it must say OK and show the build id printed above. "
            "Without a browser: on Windows, certutil -hashfile FILE SHA256 for each file, "
            "compared with MANIFEST.sha256; on macOS or Linux, shasum -a 256 -c "
            "MANIFEST.sha256 in this folder; with screening-kit: screening-kit verify <this "
            "folder>. Keep a second copy on another stick."
        ),
    ]
    return tips


def _local_clock(sheet: Sheet, lang: Staff, r: SheetRow) -> str:
    """The row's clock time at the venue (empty without a start time)."""
    if sheet.starts_at is None:
        return ""
    if r.until_start:
        return lang.t("until {time}", time=lang.time(sheet.starts_at))
    at = sheet.starts_at + dt.timedelta(seconds=round(r.start - show_offset(sheet.rows)))
    return lang.time(at, seconds=True)


# file names and commands inside right-to-left text: isolated, else the bidi algorithm
# turns "01_photos.mp4" into "photos.mp4_01" on the page
_WORD = r"[A-Za-z0-9_./*-]*[A-Za-z][A-Za-z0-9_./*-]*"
_LATIN_RUN = re.compile(rf"{_WORD}(?: (?:{_WORD}|[0-9]+))*")


def _isolate(text: str, lang: Staff) -> str:
    """``text`` as HTML; in a right-to-left page each run of ASCII words in a <bdi>."""
    if lang.dir != "rtl":
        return html.escape(text)
    out, at = [], 0
    for m in _LATIN_RUN.finditer(text):
        run = m.group(0).rstrip(".")  # a sentence's full stop is the sentence's
        out += [html.escape(text[at : m.start()]), f"<bdi>{html.escape(run)}</bdi>"]
        at = m.start() + len(run)
    return "".join([*out, html.escape(text[at:])])


def _beside(local: str) -> str:
    return f'<br><span class="clock">{html.escape(local)}</span>' if local else ""


def render(sheet: Sheet) -> str:
    e = html.escape
    lang = staff(sheet.staff_language)
    t = lang.t
    body = []
    for r in sheet.rows:
        local = _local_clock(sheet, lang, r)
        thumb = (
            f'<img src="{r.thumbnail_data_uri}" alt="{e(t("frame of {file}", file=r.filename))}">'
            if r.thumbnail_data_uri
            else ""
        )
        plays = (
            f"{r.repeat} &times; {running_clock(r.duration)}"
            f"<br>= {running_clock(r.duration * r.repeat)}"
            if r.repeat > 1
            else running_clock(r.duration)
        )
        body.append(
            f"<tr><td class=n>{r.position:02d}</td><td class=thumb>{thumb}</td>"
            f"<td><b>{e(r.title)}</b><br><code>{e(r.filename)}</code></td>"
            f"<td>{e(r.language)}</td><td class=t>{running_clock(r.start)}{_beside(local)}</td>"
            f"<td class=t>{plays}</td></tr>"
        )
    total = total_seconds(sheet.rows)
    tips = "".join(f"<li>{_isolate(tip, lang)}</li>" for tip in troubleshooting(sheet))
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in sheet.warnings)
    date = f" &middot; {e(sheet.date)}" if sheet.date else ""
    if sheet.starts_at is not None:
        when = t("starts at {time} ({zone})", time=lang.time(sheet.starts_at), zone="{zone}")
        date += f" &middot; <b>{e(when).replace('{zone}', e(str(sheet.starts_at.tzinfo)))}</b>"
    end = sheet.starts_at and _local_clock(
        sheet, lang, SheetRow(0, "", "", "", "", total, 0, 1, None)
    )
    # large enough to read off a printed sheet and compare with VERIFY.html on a stick
    build = (
        f'<div class="build" id="build-id">{e(t("build"))}<b>{e(sheet.build_id)}</b></div>'
        if sheet.build_id
        else ""
    )

    def w(msgid: str, **values: object) -> str:
        return e(t(msgid, **values))

    heads = (
        f"<th>{w('Picture')}</th><th>{w('Item / file')}</th><th>{w('Language')}</th>"
        f"<th>{w('Starts')}</th><th>{w('Plays')}</th>"
    )
    title = w("Run sheet: {ceremony} - {country}", ceremony=sheet.ceremony, country=sheet.country)
    meta = (
        f"{w('language: {language}', language=sheet.language)} &middot; "
        f"{w('profile: {profile}', profile=sheet.profile)} &middot; {w('total running time')}"
    )
    signoff = (
        f'<p class="signoff" id="signoff">{w("Sign-off: {words}", words=sheet.signoff)}</p>\n'
        if sheet.signoff
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{e(lang.tag)}" dir="{lang.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{CSS}</style></head>
<body>
{build}<h1>{e(sheet.ceremony)}</h1>
<p class="meta"><b>{e(sheet.country)}</b>{date} &middot; {meta} <b>{running_clock(total)}</b></p>
{signoff}{warnings}<table id="running-order">
<thead><tr><th>#</th>{heads}</tr></thead>
<tbody>
{"".join(body)}
</tbody>
<tfoot><tr><td></td><td></td><td>{w("End of the ceremony")}</td><td></td>
<td class=t>{running_clock(total)}{_beside(end or "")}</td><td></td></tr></tfoot></table>
<h2>{w("If something does not play")}</h2>
<ol>{tips}</ol>
</body></html>
"""
