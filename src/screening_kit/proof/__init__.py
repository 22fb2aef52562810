"""Proof sheets: every subtitle cue as it is burned into the rendered film, on one
page per language, so a native speaker can sign a language off without watching
the film (and without a player that can show soft subtitles).

For each cue we show the frame at the cue's midpoint, taken from the finished
render (cards included, so the time offset is the one the audience sees), with
the cue number and its times, beside the cue's text as written in the file. Only
those frames are decoded: each grab seeks to the keyframe before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..build import default_dirs, gather_facts, select_countries
from ..cache import Cache
from ..config import Workspace, load_workspace
from ..errors import InputError
from ..ffmpeg import ffmpeg_version
from ..fsio import atomic_write_text, inside
from ..package import file_name
from ..package.index import write_index
from ..plan import PackageItem, Plan, make_plan
from .frames import Shot, contact_sheet, grab, layout, lead_seconds, sample, subtitle_band
from .page import proof_html, qc_notes

__all__ = [
    "ProofSheet",
    "Shot",
    "layout",
    "make_proofs",
    "qc_notes",
    "sample",
    "subtitle_band",
]

PROOF_DIR = "proof"
MAX_FRAMES = 200  # a feature film has ~1000 cues: beyond this, an even sample


@dataclass(frozen=True)
class ProofSheet:
    film: str
    language: str
    png: Path
    html: Path
    cues_total: int
    cues_shown: int


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
