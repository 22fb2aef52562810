"""What every part of the planner shares: the plan being built, content keys, photos."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..cache import content_key
from ..config import Workspace
from ..photos import Canvas
from .tasks import Facts, PhotoTask, Plan

LOUDNORM = {"I": -23.0, "TP": -1.0, "LRA": 11.0}
LOUDNORM_TARGETS = (LOUDNORM["I"], LOUDNORM["TP"], LOUDNORM["LRA"])  # as AudioTask holds it
# the sample format the downmix is computed in (render.audio.downmix); in the
# source's integer format swresample left a 7.1 FLAC master 10 LU quiet
AUDIO_MIX = "fltp"


def samples_for(frames: int, fps: Fraction, rate: int) -> int:
    return round(Fraction(frames) / fps * rate)


class PlannerBase:
    def __init__(
        self, ws: Workspace, facts: Facts, profile_override: str | None, ffmpeg_version: str
    ) -> None:
        self.ws = ws
        self.facts = facts
        self.override = profile_override
        self.plan = Plan(tool=ffmpeg_version)
        self.tool = ffmpeg_version
        # film id, rate, frames, longest chunk -> its chunks (film.FilmPlanner.cue_cuts)
        self.cuts: dict[tuple[str, Fraction, int, int], list[tuple[int, int]]] = {}

    def key(self, kind: str, **parts: object) -> str:
        return content_key(kind, {"ffmpeg": self.tool, **parts})

    def font_id(self, lang: str) -> str | None:
        """What a render drawing ``lang``'s text depends on: the pinned font folder
        (every face), else the font file's hash."""
        pinned = self.facts.font_ids.get(lang)
        return pinned or self.facts.file_hashes.get(self.facts.fonts[lang].path)

    def photo(self, source: Path, canvas: Canvas, label: str) -> str:
        return self.plan.add(
            PhotoTask(
                label=label,
                deps=(),
                work=0,
                source=source,
                source_id=self.facts.file_hashes[source],
                canvas=canvas,
            )
        )
