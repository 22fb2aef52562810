"""The rows a native speaker signs off, per language: every subtitle cue of the films
its countries play, every title card of those films, every slideshow caption in it.

A row is named by its kind and id (``cue documentary:3``, ``card documentary:title``,
``caption photos:01_arrival.jpg``) and identified by the sha256 of its text as the
proof page shows it (and of its timing, for cues). The proof page carries these
hashes; a sign-off file repeats them; ``import`` and ``status`` compare them with the
workspace now. No text ever leaves the page, only its hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..captions import PhotoNote, load_photo_notes
from ..config import Language, Workspace
from ..errors import ScreeningKitError
from ..photos import list_photos
from ..subtitles.model import Cue

Kind = Literal["cue", "card", "caption"]
KINDS: tuple[Kind, ...] = ("cue", "card", "caption")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def timing_sha256(start_ms: int, end_ms: int) -> str:
    return hashlib.sha256(f"{start_ms} --> {end_ms}".encode()).hexdigest()


@dataclass(frozen=True)
class Row:
    kind: Kind
    id: str  # "<film>:<cue position>", "<film>:<card id>", "<slideshow>:<photo>"
    text_sha256: str
    timing_sha256: str | None  # cues only
    path: Path  # the file that holds it (findings point there)
    cue: int | None = None  # cue position, for findings on that cue
    film: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def name(self) -> str:
        """How messages name it: ``cue 3 of documentary``, ``card title of documentary``."""
        owner, _, part = self.id.partition(":")
        return f"{self.kind} {part} of {owner}"


def cue_row(film: str, cue: Cue, path: Path) -> Row:
    return Row(
        "cue",
        f"{film}:{cue.index}",
        text_sha256(cue.text),
        timing_sha256(cue.start_ms, cue.end_ms),
        path,
        cue.index,
        film,
    )


def card_row(film: str, card_id: str, lines: Iterable[str], path: Path) -> Row:
    # the text as the proof page shows it: the file's lines, one per line
    return Row("card", f"{film}:{card_id}", text_sha256("\n".join(lines)), None, path, film=film)


def caption_row(show: str, photo: str, text: str, path: Path) -> Row:
    return Row("caption", f"{show}:{photo}", text_sha256(text), None, path)


def workspace_rows(
    ws: Workspace,
    *,
    subtitles: Mapping[tuple[str, str], list[Cue]] | None = None,
    notes: Mapping[str, Mapping[str, PhotoNote]] | None = None,
) -> dict[str, list[Row]]:
    """language -> its rows, over every country. ``subtitles`` and ``notes`` as a build
    gathered them (``plan.Facts``); what is not given is read here. A file that cannot
    be read contributes no rows (``check`` reports it)."""
    out: dict[str, list[Row]] = {}
    seen: set[tuple[str, str]] = set()
    for code in ws.ceremony.countries:
        # a bilingual country's second language is signed off as its own: its rows too
        second = ws.second_language_of(code)
        for lang in [ws.language_of(code), *([second] if second else [])]:
            _language_rows(ws, code, lang, out.setdefault(lang.code, []), seen, subtitles, notes)
    return out


def _language_rows(
    ws: Workspace,
    code: str,
    lang: Language,
    rows: list[Row],
    seen: set[tuple[str, str]],
    subtitles: Mapping[tuple[str, str], list[Cue]] | None,
    notes: Mapping[str, Mapping[str, PhotoNote]] | None,
) -> None:
    """Add to ``rows`` the rows of ``lang`` in country ``code``'s playlist not yet seen."""
    from ..qc.workspace import read_workspace_track  # here: qc imports this module

    for item in ws.playlist_for(code)[1].items:
        ref = item.film or item.slideshow
        if ref is None or (ref, lang.code) in seen:
            continue
        seen.add((ref, lang.code))
        if item.film is not None:
            film = ws.film(item.film)
            path = ws.subtitle_path(film, lang.code)
            cues = (subtitles or {}).get((film.id, lang.code))
            if cues is None:
                try:
                    cues = read_workspace_track(ws, film, lang).cues
                except ScreeningKitError:
                    cues = []
            cards = ws.cards.get((film.id, lang.code), {})
            cards_path = ws.cards_path(film, lang.code)
            rows += [
                card_row(film.id, slot.id, cards[slot.id].lines, cards_path)
                for slot in film.opening_cards + film.closing_cards
                if slot.id in cards
            ]
            rows += [cue_row(film.id, c, path) for c in cues]
        elif item.slideshow is not None:
            show = ws.slideshow(item.slideshow)
            if show.captions is None:
                continue
            path = ws.root / show.photos / str(show.captions)
            shown = (notes or {}).get(show.id)
            if shown is None:
                try:
                    names = {p.name for p in list_photos(ws.root / show.photos)}
                    shown = load_photo_notes(path, names)
                except ScreeningKitError:
                    shown = {}
            rows += [
                caption_row(show.id, photo, note.captions[lang.code], path)
                for photo, note in shown.items()
                if note.captions.get(lang.code)
            ]
