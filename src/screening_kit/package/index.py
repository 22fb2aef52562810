"""``dist/index.html``: every country of the ceremony at a glance, for whoever sends
the packages out: which are built, in which language and profile, how big, how
long, with what warnings, and a link to each run sheet.

It is made from what is on disk (each package's package.json), not from the
build that just ran, so a partial rebuild (``--country KR``) still lists all.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clock import running_clock
from ..config import Workspace
from ..fsio import atomic_write_text, inside
from . import changes

INDEX = "index.html"

CSS = """\
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt;
       margin: 6mm auto; max-width: 280mm; padding: 0 4mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 1.5mm 2mm; text-align: left;
         vertical-align: top; }
th { font-size: 9pt; text-transform: uppercase; color: #444; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.built { color: #060; font-weight: bold; }
.incomplete, .failed { color: #b00; font-weight: bold; }
.missing { color: #666; }
li.stale { color: #b00; font-weight: bold; }
small.so { color: #b00; }
small.so.approved { color: #060; }
td.id { font: bold 11pt monospace; }
.start { font-size: 9pt; color: #333; white-space: nowrap; }
td.chg { font-size: 9pt; max-width: 70mm; }
details.w { color: #800; font-size: 9pt; white-space: nowrap; }
details.w summary { cursor: pointer; }
details.w[open] { white-space: normal; }
details.w ul { margin: 0.5mm 0 1mm; padding-left: 4mm; max-width: 110mm; }
"""


@dataclass(frozen=True)
class CountryStatus:
    code: str
    name: str
    status: str  # built | incomplete | failed | not built
    language: str = ""
    profile: str = ""
    size: int = 0
    running_time: float = 0.0
    files: int = 0
    build_id: str = ""
    change: str = ""  # the latest history entry, in words
    warnings: list[str] = field(default_factory=list)
    runsheet: str | None = None  # relative link
    signoff: tuple[str, str] = ("", "")  # (state, words) from package.json
    start: str = ""  # when the show starts, at the venue and on this machine


def country_status(out_dir: Path, code: str, name: str) -> CountryStatus:
    folder = inside(out_dir, code)
    pj = folder / "package.json"
    if not pj.is_file():
        return CountryStatus(code, name, "not built")
    try:
        doc: dict[str, Any] = json.loads(pj.read_text(encoding="utf-8"))
        files = doc["files"]
        missing = [f["name"] for f in files if not (folder / f["name"]).is_file()]
        warnings = [str(w) for w in doc.get("warnings", [])]
        running = float(
            doc.get("running_time")
            or sum(f["duration"] * f["repeat"] for f in files if f["kind"] != "play-all")
        )
    except (ValueError, KeyError, TypeError) as e:
        return CountryStatus(code, name, "failed", warnings=[f"package.json unreadable: {e}"])
    if missing:
        warnings = [f"missing: {', '.join(missing)}", *warnings]
    warnings += [f"technical: {n}" for n in doc.get("technical_notes", [])]
    qc = doc.get("subtitle_qc")
    if isinstance(qc, dict) and (qc.get("errors") or qc.get("warnings")):
        forced = " (built with --force)" if qc.get("forced") else ""
        warnings.append(
            f"subtitle QC: {qc.get('errors', 0)} errors, {qc.get('warnings', 0)} warnings"
            f"{forced}; see package.json and the proof sheets"
        )
    return CountryStatus(
        code,
        str(doc.get("country_name", name)),
        "incomplete" if missing else "built",
        language=f"{doc.get('language_name', '')} ({doc.get('language', '')})",
        profile=str(doc.get("profile", "")),
        size=sum(int(f.get("size", 0)) for f in files),
        running_time=running,
        # every file on the stick: media, playlists, manifest, run sheet, package.json
        files=sum(1 for p in folder.iterdir() if p.is_file()),
        build_id=str(doc.get("build_id", "")),
        change=_latest_change(doc),
        warnings=warnings,
        runsheet=f"{code}/RUNSHEET.html" if (folder / "RUNSHEET.html").is_file() else None,
        signoff=_signoff(doc),
        start=start_words(doc),
    )


def _signoff(doc: dict[str, Any]) -> tuple[str, str]:
    so = doc.get("signoff")
    if not isinstance(so, dict):
        return ("", "")
    return (str(so.get("state", "")), str(so.get("words", "")))


def start_words(doc: dict[str, Any]) -> str:
    """``starts 2027-02-26 18:00 Asia/Tokyo (10:00 CET here)``: the venue's clock and
    this machine's, for whoever calls the venue. Only this page, written on the build
    machine, shows its zone; packages hold the venue's alone."""
    try:
        at = dt.datetime.fromisoformat(str(doc["starts_at"]))
        zone = str(doc.get("timezone") or at.tzname())
    except (KeyError, ValueError):
        return ""
    here = at.astimezone()
    day = "" if here.date() == at.date() else f"{here:%Y-%m-%d} "
    return f"starts {at:%Y-%m-%d %H:%M} {zone} ({day}{here:%H:%M} {here.tzname()} here)"


def _latest_change(doc: dict[str, Any]) -> str:
    history = doc.get("changes")
    if not isinstance(history, list) or not history or not isinstance(history[0], dict):
        return ""
    entry = history[0]
    since = f"since build {entry['previous']}: " if entry.get("previous") else ""
    return since + changes.summary(entry)


@dataclass(frozen=True)
class ProofStatus:
    name: str
    current: bool
    words: str  # what it was made from, or why it is stale


_MADE = re.compile(r'<meta name="screening-kit-proof" content="([^"]*)">')


def proof_status(page: Path, renders: set[str]) -> ProofStatus:
    """Current when the render the page shows is in a package on disk now."""
    try:
        m = _MADE.search(page.read_text("utf-8")[:4096])
        made = json.loads(html.unescape(m.group(1))) if m else None
        key = made.get("render") if isinstance(made, dict) else None
    except (OSError, ValueError, AttributeError):
        key = None
    if not isinstance(key, str):
        return ProofStatus(page.name, False, "STALE: made by an older version; run proof again")
    builds = made.get("builds") if isinstance(made, dict) else None
    ids = ", ".join(f"{c} {b}" for c, b in sorted(builds.items())) if builds else ""
    if key in renders:
        return ProofStatus(page.name, True, f"current (build {ids})" if ids else "current")
    return ProofStatus(
        page.name,
        False,
        f"STALE: made from an older build{f' ({ids})' if ids else ''}; "
        "run screening-kit proof again and sign off again",
    )


def current_renders(out_dir: Path, codes: list[str]) -> set[str]:
    """Render keys of every file of every package on disk."""
    keys: set[str] = set()
    for code in codes:
        try:
            doc = json.loads((out_dir / code / "package.json").read_text("utf-8"))
            for f in doc["files"]:
                keys |= {str(f[k]) for k in ("render_key", "of") if k in f}
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return keys


def warning_kind(text: str) -> str:
    """The kind a warning is listed under: one line per kind keeps the table readable."""
    for prefix, kind in (
        ("missing:", "missing files"),
        ("subtitle QC", "subtitle QC"),
        ("technical:", "technical notes"),
        ("package.json", "unreadable package"),
    ):
        if text.startswith(prefix):
            return kind
    if "FAT32" in text:
        return "file size"
    if "play-all" in text:
        return "play-all"
    return "other"


def _warnings_cell(warnings: list[str]) -> str:
    """One line per kind, ``kind (n)``; the details open on click and show on hover."""
    e = html.escape
    kinds: dict[str, list[str]] = {}
    for w in warnings:
        kinds.setdefault(warning_kind(w), []).append(w)
    return "".join(
        f'<details class="w" title="{e(chr(10).join(texts))}"><summary>{e(kind)}'
        f"{f' ({len(texts)})' if len(texts) > 1 else ''}</summary><ul>"
        + "".join(f"<li>{e(t)}</li>" for t in texts)
        + "</ul></details>"
        for kind, texts in kinds.items()
    )


def _signoff_cell(signoff: tuple[str, str]) -> str:
    state, words = (html.escape(s) for s in signoff)
    return f'<br><small class="so {state}">{words}</small>' if words else ""


def render(title: str, rows: list[CountryStatus], proofs: list[ProofStatus]) -> str:
    e = html.escape
    body = []
    for r in rows:
        link = f'<a href="{e(r.runsheet)}">run sheet</a>' if r.runsheet else ""
        size = f"{r.size / 1e6:,.1f} MB" if r.size else ""
        body.append(
            f"<tr><td><b>{e(r.code)}</b> {e(r.name)}"
            + (f'<br><span class="start">{e(r.start)}</span>' if r.start else "")
            + f'</td><td class="{r.status.split()[0]}">'
            f"{e(r.status)}</td><td>{e(r.language)}{_signoff_cell(r.signoff)}</td>"
            f"<td>{e(r.profile)}</td>"
            f'<td class="num">{r.files or ""}</td><td class="num">{size}</td>'
            f'<td class="num">{running_clock(r.running_time) if r.running_time else ""}</td>'
            f'<td class="id">{e(r.build_id)}</td><td class="chg">{e(r.change)}</td>'
            f"<td>{link}</td><td>{_warnings_cell(r.warnings)}</td></tr>"
        )
    built = sum(1 for r in rows if r.status == "built")
    proof_links = ""
    if proofs:
        items = "".join(
            f'<li class="{"current" if p.current else "stale"}"><a href="proof/{e(p.name)}">'
            f"{e(p.name)}</a> &middot; {e(p.words)}</li>"
            for p in proofs
        )
        proof_links = f'<h2>Proof sheets</h2><ul id="proofs">{items}</ul>'
        stale = sum(1 for p in proofs if not p.current)
        if stale:
            proof_links += (
                f'<p class="incomplete">{stale} proof sheet(s) show an older build: run '
                "screening-kit proof again and have them signed off again.</p>"
            )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Packages: {e(title)}</title>
<style>
{CSS}</style></head>
<body>
<h1>{e(title)}</h1>
<p>{built} of {len(rows)} country packages built.</p>
<table id="countries">
<thead><tr><th>Country</th><th>Status</th><th>Language</th><th>Profile</th><th>Files</th>
<th>Size</th><th>Running time</th><th>Build</th><th>Last change</th><th>Run sheet</th>
<th>Warnings</th></tr></thead>
<tbody>
{"".join(body)}
</tbody></table>
{proof_links}
</body></html>
"""


def proof_statuses(out_dir: Path, ws: Workspace) -> list[ProofStatus]:
    """Every proof page in dist/proof/, current or made from an older build."""
    proof_dir = out_dir / "proof"
    pages = sorted(proof_dir.glob("*.html")) if proof_dir.is_dir() else []
    renders = current_renders(out_dir, list(ws.ceremony.countries))
    return [proof_status(p, renders) for p in pages]


def write_index(out_dir: Path, ws: Workspace) -> Path:
    rows = [country_status(out_dir, code, c.name) for code, c in ws.ceremony.countries.items()]
    proofs = proof_statuses(out_dir, ws)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / INDEX
    page = render(ws.ceremony.title, rows, proofs)
    # rewritten only when it differs: a build that changes nothing touches nothing
    if not path.is_file() or path.read_text("utf-8") != page:
        atomic_write_text(path, page)
    return path
