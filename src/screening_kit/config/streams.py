"""The keys that pick a master's streams (``FilmSpec.video_stream`` / ``audio_stream``):
counted from 0 among the streams of their kind, as ffmpeg's ``0:v:N`` / ``0:a:N``."""

from __future__ import annotations

from typing import Any

from pydantic import Field

_DEFAULTS = {
    "video": "the longest that is not a cover picture",
    "audio": "the one marked default, else the first with the most channels",
}


def stream_field(kind: str) -> Any:
    """A film's `video_stream:` or `audio_stream:` (None: chosen by masters.py)."""
    return Field(
        None,
        ge=0,
        le=99,
        description=f"The master's {kind} stream to use, from 0 as ffmpeg's 0:{kind[0]}:N. "
        f"Default: {_DEFAULTS[kind]}.",
        examples=[1],
    )
