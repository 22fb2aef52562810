"""The facts a plan is made from: everything read from disk before planning (probes,
file hashes, cues, fonts, photos, shot changes). Planning itself is pure (plan/)."""

from __future__ import annotations

from pathlib import Path

from .cache import Cache
from .captions import PhotoNote, load_photo_notes
from .config import Workspace
from .errors import InputError, ScreeningKitError
from .fontpair import pin_pair
from .fontpin import pin_font
from .fonts import ResolvedFont, font_metrics, resolve_font
from .media import VideoFacts, probe_video
from .photos import PHOTO_SUFFIXES, list_photos
from .plan import Facts
from .qc import needed_subtitles, read_workspace_track
from .shots import film_shot_changes
from .subtitles.model import Cue
from .textfit import FontMetrics


def gather_facts(ws: Workspace, countries: list[str], cache: Cache) -> Facts:
    """Read everything the planner needs from disk: probes, hashes, cues, fonts, photos."""
    films: dict[str, VideoFacts] = {}
    hashes: dict[Path, str] = {}
    subtitles: dict[tuple[str, str], list[Cue]] = {}
    fonts: dict[str, ResolvedFont] = {}
    photos: dict[str, tuple[Path, ...]] = {}
    notes: dict[str, dict[str, PhotoNote]] = {}
    metrics: dict[str, FontMetrics] = {}
    font_ids: dict[str, str] = {}
    shots: dict[str, tuple[int, ...]] = {}

    def hashed(p: Path) -> None:
        if p not in hashes:
            hashes[p] = cache.file_hash(p)

    for code in countries:
        lang = ws.language_of(code)
        if lang.code not in fonts:
            # renders read the font from the cache: the files its id (in the keys) names
            fonts[lang.code], font_ids[lang.code] = pin_font(resolve_font(lang), cache)
            hashed(fonts[lang.code].path)
            metrics[lang.code] = font_metrics(fonts[lang.code])
        _, playlist = ws.playlist_for(code)
        for item in playlist.items:
            if item.film is not None:
                film = ws.film(item.film)
                src = ws.root / film.source
                if film.id not in films:
                    films[film.id] = probe_video(
                        src, video_stream=film.video_stream, audio_stream=film.audio_stream
                    )
                    hashed(src)
                    # cached by the check pass; the planner cuts chunks at them
                    shots[film.id] = film_shot_changes(ws, film, cache, facts=films[film.id]).frames
                    for slot in film.opening_cards + film.closing_cards:
                        if slot.background_image is not None:
                            hashed(_existing(ws, slot.background_image, f"card {slot.id!r}"))
                if (film.id, lang.code) not in subtitles:
                    # glyph coverage and every other subtitle rule: qc.check_workspace
                    track = read_workspace_track(ws, film, lang)
                    subtitles[(film.id, lang.code)] = track.cues
                    hashed(track.path)
            elif item.slideshow is not None and item.slideshow not in photos:
                show = ws.slideshow(item.slideshow)
                folder = ws.root / show.photos
                found = list_photos(folder)
                if not found:
                    raise InputError(
                        "no photos in this folder",
                        path=folder,
                        hint=f"add {', '.join(sorted(PHOTO_SUFFIXES))} files",
                    )
                for p in found:
                    hashed(p)
                photos[item.slideshow] = found
                if show.captions is not None:
                    names = {p.name for p in found}
                    notes[show.id] = load_photo_notes(folder / show.captions, names)
                if show.music is not None:
                    hashed(_existing(ws, show.music, f"slideshow {show.id!r} music"))
            # caption glyphs, like every other rule: qc (caption_glyphs)
    pairs: dict[str, tuple[Path, str]] = {}
    for code in countries:  # a bilingual country's second language (config.bilingual)
        first, second = ws.language_of(code), ws.second_language_of(code)
        if second is None:
            continue
        if second.code not in fonts:
            fonts[second.code], font_ids[second.code] = pin_font(resolve_font(second), cache)
            hashed(fonts[second.code].path)
            metrics[second.code] = font_metrics(fonts[second.code])
        pair = f"{first.code}+{second.code}"
        pairs[pair] = pin_pair(fonts[first.code].folder, font_ids[first.code],
                               fonts[second.code].folder, font_ids[second.code], cache)  # fmt: skip
        for item in ws.playlist_for(code)[1].items:
            if item.film is not None and (item.film, second.code) not in subtitles:
                track = read_workspace_track(ws, ws.film(item.film), second)
                subtitles[(item.film, second.code)] = track.cues
                hashed(track.path)
    cut_cues = _every_language_cues(ws, set(films), subtitles)
    return Facts(
        films,
        hashes,
        subtitles,
        fonts,
        photos,
        notes,
        metrics,
        font_ids,
        shots=shots,
        cut_cues=cut_cues,
        pair_fonts=pairs,
    )


def _every_language_cues(
    ws: Workspace, films: set[str], read: dict[tuple[str, str], list[Cue]]
) -> dict[str, tuple[list[Cue], ...]]:
    """film id -> the cues of every language any country shows it in, for cutting it
    into chunks. A track that does not read is left out (its own build stops at the
    check)."""
    out: dict[str, list[list[Cue]]] = {}
    for film_id, code in needed_subtitles(ws, ws.ceremony.countries):
        if film_id not in films:
            continue
        cues = read.get((film_id, code))
        if cues is None:
            try:
                cues = read_workspace_track(ws, ws.film(film_id), ws.languages[code]).cues
            except (ScreeningKitError, OSError):
                continue
        out.setdefault(film_id, []).append(cues)
    return {f: tuple(tracks) for f, tracks in out.items()}


def _existing(ws: Workspace, rel: Path, what: str) -> Path:
    path = ws.root / rel
    if not path.is_file():
        raise InputError(f"{what}: file not found: {rel}", path=ws.config_path)
    return path
