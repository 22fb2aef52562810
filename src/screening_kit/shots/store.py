"""A film's shot changes: its own list when ceremony.yaml names one, else detected
once per film content and kept in the render cache under a key of the film's hash."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..cache import Cache, content_key
from ..clock import frame_timecode, srt_clock
from ..config import FilmSpec, Workspace
from ..ffmpeg import ffmpeg_version
from ..media import VideoFacts, probe_video
from .detect import ANALYSIS_WIDTH, DETECTOR_VERSION, THRESHOLD, detect_shot_changes
from .lists import read_shot_list

EXT = ".shots"


@dataclass(frozen=True)
class ShotChanges:
    """The first frame of every shot after the first, at the film's frame rate."""

    film: str
    fps: Fraction
    frames: tuple[int, ...]
    source: str  # "detected", or the list's path relative to the workspace
    cached: bool = False  # detected by an earlier run

    def ms(self, frame: int) -> Fraction:
        """When ``frame`` starts, in milliseconds from the film's start."""
        return Fraction(frame * 1000) / self.fps

    def times_ms(self) -> list[Fraction]:
        return [self.ms(f) for f in self.frames]


def shots_key(film_hash: str) -> str:
    return content_key(
        "shots",
        {
            "film": film_hash,
            "detector": DETECTOR_VERSION,
            "threshold": THRESHOLD,
            "width": ANALYSIS_WIDTH,
            "ffmpeg": ffmpeg_version(),
        },
    )


def film_shot_changes(
    ws: Workspace,
    film: FilmSpec,
    cache: Cache,
    *,
    facts: VideoFacts | None = None,
    notify: Callable[[str], None] | None = None,
) -> ShotChanges:
    """The film's own list (``shot_changes`` in its ceremony.yaml entry) when it has
    one, else the cached detection, else a detection now (stored in the cache;
    ``notify`` is told first: it takes minutes for a feature film)."""
    source = ws.root / film.source
    facts = facts or probe_video(source)
    if film.shot_changes is not None:
        frames = read_shot_list(ws.root / film.shot_changes, facts.fps, facts.frames)
        return ShotChanges(film.id, facts.fps, tuple(frames), str(film.shot_changes))
    key = shots_key(cache.file_hash(source))
    if cache.intact(key, EXT):
        try:
            stored = json.loads(cache.path(key, EXT).read_text("utf-8"))
            return ShotChanges(
                film.id, facts.fps, tuple(int(f) for f in stored["frames"]), "detected", True
            )
        except (OSError, ValueError, KeyError, TypeError):
            pass  # unreadable: detect again and overwrite it
    if notify is not None:
        notify(
            f"detecting the shot changes of film {film.id!r} ({facts.frames} frames): "
            "once per film, then cached"
        )
    with cache.scratch() as folder:
        frames = detect_shot_changes(source, folder)
    with cache.writing(key, EXT) as tmp:
        tmp.write_text(json.dumps({"frames": frames}), "utf-8")
        cache.commit(tmp, key, EXT, {"kind": "shots", "film": film.id, "shots": len(frames)})
    return ShotChanges(film.id, facts.fps, tuple(frames), "detected")


def used_keys(ws: Workspace, cache: Cache) -> set[str]:
    """Keys of the detections this workspace's films use (for ``cache prune``)."""
    keys = set()
    for film in ws.ceremony.films:
        path = ws.root / film.source
        if film.shot_changes is None and path.is_file():
            keys.add(shots_key(cache.file_hash(path)))
    return keys


def workspace_shot_changes(
    ws: Workspace,
    cache: Cache,
    films: list[str] | None = None,
    *,
    notify: Callable[[str], None] | None = None,
) -> list[ShotChanges]:
    """Shot changes of ``films`` (default: every film of the workspace), in order."""
    from ..errors import ConfigError

    known = [f.id for f in ws.ceremony.films]
    for wanted in films or []:
        if wanted not in known:
            raise ConfigError(
                f"unknown film {wanted!r}", hint=f"films: {', '.join(known) or 'none'}"
            )
    chosen = [f for f in ws.ceremony.films if not films or f.id in films]
    return [film_shot_changes(ws, f, cache, notify=notify) for f in chosen]


def shots_report(found: list[ShotChanges]) -> dict[str, Any]:
    """What `screening-kit shots` prints, as data (also its --json)."""
    films = []
    for s in found:
        source = s.source + (", cached" if s.cached else "")
        films.append(
            {
                "film": s.film,
                "fps": str(s.fps) if s.fps.denominator != 1 else int(s.fps),
                "source": source,
                "shot_changes": [
                    {
                        "frame": f,
                        "timecode": frame_timecode(f, s.fps),
                        "time": srt_clock(round(s.ms(f))),
                    }
                    for f in s.frames
                ],
            }
        )
    return {"films": films}
