"""Shot changes of each film: detected with ffmpeg's ``scdet`` once per film content
(cached by the film's hash), or read from a list the film ships (EDL or CSV)."""

from __future__ import annotations

from .detect import detect_shot_changes, parse_scdet, scdet_command
from .lists import read_shot_list, timecode_frames
from .store import ShotChanges, film_shot_changes, shots_key, used_keys

__all__ = [
    "ShotChanges",
    "detect_shot_changes",
    "film_shot_changes",
    "parse_scdet",
    "read_shot_list",
    "scdet_command",
    "shots_key",
    "timecode_frames",
    "used_keys",
]
