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

from ..cache import Cache
from ..config import Workspace
from ..errors import InputError
from ..facts import gather_facts
from ..ffmpeg import ffmpeg_version
from ..frontend import open_workspace
from ..fsio import atomic_write_text, inside
from ..package import file_name
from ..package.identity import read_package
from ..package.index import write_index
from ..plan import Facts, PackageItem, Plan, make_plan
from ..shots import film_shot_changes
from ..signoff import read_recorded, row_state
from ..signoff.rows import Row, caption_row, card_row, cue_row
from .frames import (
    Shot,
    caption_band,
    card_times,
    contact_sheet,
    grab,
    layout,
    lead_seconds,
    photo_times,
    sample,
    slideshow_task,
    subtitle_band,
)
from .page import Extra, Made, Second, States, captions_html, proof_html, qc_notes
from .shots import frame_times, marks_html, shot_marks

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
    film: str  # or slideshow, for captions
    language: str
    png: Path | None  # contact sheet (subtitles only)
    html: Path
    cues_total: int  # cues, or captions
    cues_shown: int
    kind: str = "subtitles"  # subtitles (with the film's title cards) | captions


def _film_items(ws: Workspace, plan: Plan) -> list[tuple[str, PackageItem]]:
    """One (country, item) per (film, language): countries that share a language
    share the render, so it is proofed once."""
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for country in plan.countries:
        for item in country.items:
            # a bilingual render (its second language) is a page of its own
            if item.kind == "film" and (item.item_id, item.language, item.second) not in seen:
                seen.add((item.item_id, item.language, item.second))
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
    session = open_workspace(
        root, countries=countries, profile=profile, cache_dir=cache_dir, out_dir=out_dir
    )
    ws, cache, out_dir, codes = session.ws, session.cache, session.out_dir, session.countries
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
        cuts = film_shot_changes(ws, ws.film(item.item_id), cache)
        marks = shot_marks(shown, cuts)
        around = frame_times(marks, lead, cuts.fps)  # both sides of each shot change
        both = sorted([*times, *around])
        by_time = dict(zip(both, grab(video, both), strict=True))
        shots = [Shot(c, t, by_time[t]) for c, t in zip(shown, times, strict=True)]
        shot_html = marks_html(marks, [by_time[t] for t in around])
        language = ws.languages[lang].name if lang in ws.languages else lang
        pair = f"{lang}+{item.second}" if item.second else lang
        first_words = second = None
        if item.second:  # both on screen: rows of both, each signed off in its language
            first_words = f"{language} ({lang})"
            language += " + " + ws.languages[item.second].name
        title = f"{item.title} - {language} ({pair})"
        stem = f"{item.item_id}.{pair}"
        png = inside(folder, f"{stem}.png")
        font = facts.fonts.get(lang)
        img = contact_sheet(f"{title}: {len(shots)} of {len(cues)} cues", shots, font)
        tmp = png.with_name(f".{png.name}.tmp")
        img.save(tmp, "PNG", optimize=True)
        tmp.replace(png)
        page = inside(folder, f"{stem}.html")
        notes = qc_notes(inside(out_dir, code, "package.json"), item.item_id, lang)
        rtl = lang in ws.languages and ws.languages[lang].rules.rtl
        path = ws.subtitle_path(ws.film(item.item_id), lang)
        cue_rows = {c.index: cue_row(item.item_id, c, path) for c in shown}
        cards = _cards(ws, plan, item, video)
        states = _states(ws, lang, [*cue_rows.values(), *(c.row for c in cards if c.row)])
        if item.second:
            second = _second(ws, facts, code, item, item.second, cards, lead, video, max_frames)
        html = proof_html(
            title, lang, png.name, shots, len(cues), lead, notes,
            rtl=rtl, cards=cards, made=_made(plan, out_dir, item),
            shot_html=shot_html, cue_rows=cue_rows, states=states,
            language=first_words or "", second=second,
        )  # fmt: skip
        atomic_write_text(page, html)
        sheets.append(ProofSheet(item.item_id, lang, png, page, len(cues), len(shots)))
    for item, lang in _captioned_slideshows(ws, plan, facts):
        sheets.append(_captions_sheet(ws, plan, facts, cache, out_dir, item, lang))
    write_index(out_dir, ws)
    return sheets


def _states(ws: Workspace, lang: str, rows: list[Row]) -> States:
    """Where each row's sign-off stands, so the page shows which need a fresh look."""
    recorded = read_recorded(ws.root, lang)
    return {r.key: row_state(r, recorded) for r in rows}


def _second(
    ws: Workspace,
    facts: Facts,
    code: str,
    item: PackageItem,
    lang: str,
    cards: list[Extra],
    lead: Fraction,
    video: Path,
    max_frames: int,
) -> Second:
    """A bilingual page's second language: its card texts on the cards' frames, and
    each of its cues (sampled as the first's) on the frame at its middle."""
    film = ws.film(item.item_id)
    texts = ws.cards.get((film.id, lang), {})
    cards_path = ws.cards_path(film, lang)
    second_cards = [
        Extra(c.label, c.at, c.image, "\n".join(texts[slot].lines),
              card_row(film.id, slot, texts[slot].lines, cards_path))
        for c in cards
        if (slot := c.label.removeprefix("card ")) in texts
    ]  # fmt: skip
    shown = sample(facts.subtitles.get((film.id, lang), []), max_frames)
    times = [lead + Fraction(c.start_ms + c.end_ms, 2000) for c in shown]
    path = ws.subtitle_path(film, lang)
    top = ws.ceremony.countries[code].layout == "top-bottom"
    cues = []
    for c, at, img in zip(shown, times, grab(video, times), strict=True):
        # the second language's band: the frame's lower half (above the first), or
        # its top third when the pair is drawn top and bottom
        w, h = img.size
        part = img.crop((0, 0, w, h // 3) if top else (0, h // 2, w, h))
        cues.append(Extra(f"cue {c.index}", at, img, c.text, cue_row(film.id, c, path), part))
    rtl = lang in ws.languages and ws.languages[lang].rules.rtl
    words = f"{ws.languages[lang].name} ({lang})"
    rows = [r.row for r in second_cards + cues if r.row is not None]
    return Second(lang, words, rtl, second_cards, cues, _states(ws, lang, rows))


def _made(plan: Plan, out_dir: Path, item: PackageItem) -> Made:
    """The render shown and the packages (on disk) that carry it, with their build ids."""
    builds = {}
    for country in plan.countries:
        if any(i.key == item.key for i in country.items):
            pkg = read_package(inside(out_dir, country.code))
            if pkg is not None and pkg.build_id:
                builds[country.code] = pkg.build_id
    return Made(item.key, builds)


def _cards(ws: Workspace, plan: Plan, item: PackageItem, video: Path) -> list[Extra]:
    """Each title card at the middle of its time on screen, beside its text."""
    film = ws.film(item.item_id)
    slots = film.opening_cards + film.closing_cards
    texts = ws.cards.get((item.item_id, item.language or ""), {})
    times = card_times(plan, item)
    if not slots or len(times) != len(slots):
        return []
    mids = [(a + b) / 2 for a, b in times]
    images = grab(video, mids)
    path = ws.cards_path(film, item.language or "")
    return [
        Extra(
            f"card {slot.id}",
            at,
            img,
            "\n".join(texts[slot.id].lines),
            card_row(film.id, slot.id, texts[slot.id].lines, path),
        )
        for slot, at, img in zip(slots, mids, images, strict=True)
        if slot.id in texts
    ]


def _captioned_slideshows(ws: Workspace, plan: Plan, facts: Facts) -> list[tuple[PackageItem, str]]:
    """One (slideshow item, language) per slideshow render and language of its captions
    (a bilingual country's render: both, each its own page)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for country in plan.countries:
        second = [country.second.code] if country.second else []
        for lang in [country.language.code, *second]:
            for item in country.items:
                notes = facts.photo_notes.get(item.item_id, {})
                if item.kind != "slideshow" or (item.key, lang) in seen:
                    continue
                if any(n.captions.get(lang) for n in notes.values()):
                    seen.add((item.key, lang))
                    out.append((item, lang))
    return out


def _captions_sheet(
    ws: Workspace,
    plan: Plan,
    facts: Facts,
    cache: Cache,
    out_dir: Path,
    item: PackageItem,
    lang: str,
) -> ProofSheet:
    video = cache.path(item.key, item.ext)
    task = slideshow_task(plan, item.key)
    if not video.is_file() or task is None:
        raise InputError(
            f"slideshow {item.item_id!r} with {lang!r} captions has not been built yet",
            path=video,
            hint="run `screening-kit build` first",
        )
    notes = facts.photo_notes.get(item.item_id, {})
    photos = facts.photos[item.item_id]
    shown = [
        (p.name, (a + b) / 2, notes[p.name].captions[lang])
        for p, (a, b) in zip(photos, photo_times(task, len(photos)), strict=True)
        if p.name in notes and notes[p.name].captions.get(lang)
    ]
    images = grab(video, [at for _, at, _ in shown])
    path = ws.root / ws.slideshow(item.item_id).photos / str(ws.slideshow(item.item_id).captions)
    rows = [
        Extra(
            n,
            at,
            img,
            text,
            caption_row(item.item_id, n, text, path),
            caption_band(img, text, facts.metrics[lang], lang),
        )
        for (n, at, text), img in zip(shown, images, strict=True)
    ]
    language = ws.languages[lang].name if lang in ws.languages else lang
    title = f"{item.title} - captions in {language} ({lang})"
    page = inside(out_dir, PROOF_DIR, f"{item.item_id}.captions.{lang}.html")
    rtl = lang in ws.languages and ws.languages[lang].rules.rtl
    made = _made(plan, out_dir, item)
    states = _states(ws, lang, [r.row for r in rows if r.row is not None])
    atomic_write_text(page, captions_html(title, lang, rows, rtl=rtl, made=made, states=states))
    return ProofSheet(item.item_id, lang, None, page, len(rows), len(rows), "captions")
