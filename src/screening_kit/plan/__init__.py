"""The pure planner: workspace + probed facts -> a graph of render tasks.

Nothing here runs ffmpeg or reads media. Every task carries a content key: the
hash of exactly what determines its output bytes. Identical tasks (two countries
sharing a language and profile; film chunks with no cues, shared by every
language) therefore collapse into one node of the graph.
"""

from __future__ import annotations

from ..config import Workspace
from .base import AUDIO_MIX, LOUDNORM, samples_for
from .delivery import DeliveryPlanner
from .film import (
    CARD_BACKGROUND_DARKEN,
    FilmPlanner,
    chunk_bounds,
    cues_in,
    film_format,
    package_format,
)
from .slideshow import (
    AUTO_MOTIONS,
    SLIDESHOW_FPS,
    SlideshowPlanner,
    canvas_size,
    intersect,
    motion_windows,
    slide_clips,
)
from .tasks import (
    AudioTask,
    CardTask,
    ChunkTask,
    ConformTask,
    CountryPlan,
    Facts,
    JoinTask,
    LoopTask,
    MuxTask,
    PackageItem,
    PhotoTask,
    Plan,
    PlayAllTask,
    SlideClip,
    SlideshowTask,
    SoundtrackTask,
    SourceReading,
    SplitTask,
    Task,
    VideoPiece,
)

__all__ = [
    "AUDIO_MIX",
    "AUTO_MOTIONS",
    "CARD_BACKGROUND_DARKEN",
    "LOUDNORM",
    "SLIDESHOW_FPS",
    "AudioTask",
    "CardTask",
    "ChunkTask",
    "ConformTask",
    "CountryPlan",
    "Facts",
    "JoinTask",
    "LoopTask",
    "MuxTask",
    "PackageItem",
    "PhotoTask",
    "Plan",
    "PlayAllTask",
    "SlideClip",
    "SlideshowTask",
    "SoundtrackTask",
    "SourceReading",
    "SplitTask",
    "Task",
    "VideoPiece",
    "canvas_size",
    "chunk_bounds",
    "cues_in",
    "film_format",
    "intersect",
    "make_plan",
    "motion_windows",
    "package_format",
    "samples_for",
    "slide_clips",
]


class _Planner(FilmPlanner, SlideshowPlanner, DeliveryPlanner):
    def country(self, code: str) -> CountryPlan:
        ws = self.ws
        spec = ws.ceremony.countries[code]
        lang = ws.languages[spec.language]
        second = ws.second_language_of(code)  # bilingual (config.bilingual)
        profile = ws.profile_for(code, self.override)
        rel, playlist = ws.playlist_for(code)
        films = list(dict.fromkeys(i.film for i in playlist.items if i.film is not None))
        fmt = package_format([self.facts.films[f] for f in films], profile, SLIDESHOW_FPS)
        items: list[PackageItem] = []
        for pos, item in enumerate(playlist.items, start=1):
            if item.film is not None:
                film = ws.film(item.film)
                look = ws.subtitle_style_for(code)
                key, dur = self.film(item.film, lang, profile, fmt, look, second, code)
                inputs = [ws.root / film.source, ws.subtitle_path(film, lang.code)]
                if second is not None:
                    inputs.append(ws.subtitle_path(film, second.code))
                if film.opening_cards or film.closing_cards:
                    inputs.append(ws.cards_path(film, lang.code))
                items.append(
                    PackageItem(
                        pos,
                        "film",
                        item.film,
                        film.title,
                        key,
                        profile.extension,
                        dur,
                        item.repeat,
                        lang.code,
                        tuple(inputs),
                        second=second.code if second is not None else None,
                    )
                )
            else:
                assert item.slideshow is not None
                show = ws.slideshow(item.slideshow)
                colour = ws.subtitle_style_for(code).secondary.colour
                key, dur = self.slideshow(item.slideshow, profile, lang, fmt, second, colour)
                notes = self.facts.photo_notes.get(show.id, {}).values()
                captioned = any(n.captions.get(lang.code) for n in notes)
                items.append(
                    PackageItem(
                        pos,
                        "slideshow",
                        item.slideshow,
                        show.title,
                        key,
                        profile.extension,
                        dur,
                        item.repeat,
                        None,  # captions or not, a slideshow's file name has no language
                        self.slideshow_inputs(show),
                        lang.code if captioned else None,
                    )
                )
        return CountryPlan(code, spec.name, lang, profile, rel, tuple(items), second=second)


def make_plan(
    ws: Workspace,
    facts: Facts,
    countries: list[str],
    *,
    profile_override: str | None = None,
    ffmpeg_version: str,
    play_all: bool | None = None,
    split_large_files: bool | None = None,
) -> Plan:
    """``play_all``, ``split_large_files``: None takes ceremony.yaml's setting."""
    planner = _Planner(ws, facts, profile_override, ffmpeg_version)
    joined = ws.ceremony.play_all if play_all is None else play_all
    split = ws.ceremony.split_large_files if split_large_files is None else split_large_files
    for code in countries:
        planner.plan.countries.append(planner.delivery(planner.country(code), joined, split))
    return planner.plan
