"""Proof pages: cues near a shot change, with the frames on both sides of it.

A cue whose in- or out-time lies within the shot window of a shot change (or
that crosses one within it) is marked on its row, and the last frame before the
change and the first frame after it are shown, taken from the finished render:
the reviewer sees whether the subtitle flashes across the cut.
"""

from __future__ import annotations

import base64
import bisect
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from PIL import Image

from ..clock import frame_timecode
from ..qc.shots import shot_window, to_frame
from ..shots import ShotChanges
from ..subtitles.model import Cue


@dataclass(frozen=True)
class ShotMark:
    cue: int
    frame: int  # the shot change: first frame of the new shot
    note: str


def _frames(n: int) -> str:
    return f"{n} frame{'s' if n != 1 else ''}"


def shot_marks(cues: Sequence[Cue], shots: ShotChanges) -> list[ShotMark]:
    """Every (cue, shot change) pair within the window of the cue's in- or out-time."""
    window = shot_window(shots.fps)
    cuts = list(shots.frames)
    marks = []
    for cue in cues:
        i, o = to_frame(cue.start_ms, shots.fps), to_frame(cue.end_ms, shots.fps)
        lo = bisect.bisect_left(cuts, i - window + 1)
        hi = bisect.bisect_right(cuts, o + window - 1)
        for s in cuts[lo:hi]:
            if abs(s - i) < window:
                rel = (
                    "on the in-time"
                    if s == i
                    else (f"{_frames(abs(s - i))} {'after' if s > i else 'before'} the in-time")
                )
            elif abs(s - o) < window:
                rel = (
                    "on the out-time"
                    if s == o
                    else (f"{_frames(abs(s - o))} {'after' if s > o else 'before'} the out-time")
                )
            else:
                continue
            marks.append(
                ShotMark(
                    cue.index,
                    s,
                    f"shot change at frame {s} ({frame_timecode(s, shots.fps)}), {rel}",
                )
            )
    return marks


def frame_times(marks: Sequence[ShotMark], lead: Fraction, fps: Fraction) -> list[Fraction]:
    """Two times per mark, in the rendered file: the middle of the last frame before the
    shot change and of the first frame after it."""
    return [
        lead + (Fraction(f) + Fraction(1, 2)) / fps for m in marks for f in (m.frame - 1, m.frame)
    ]


def _jpeg_uri(img: Image.Image, width: int = 240) -> str:
    img = img.convert("RGB").resize((width, round(width * img.height / img.width)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def marks_html(marks: Sequence[ShotMark], images: Sequence[Image.Image]) -> dict[int, str]:
    """HTML per cue: each mark with its two frames (``images`` as ``frame_times``)."""
    out: dict[int, str] = {}
    for k, m in enumerate(marks):
        before, after = images[2 * k], images[2 * k + 1]
        out[m.cue] = out.get(m.cue, "") + (
            f'<div class=shot data-frame="{m.frame}">{html.escape(m.note)}<br>'
            f'<img src="{_jpeg_uri(before)}" alt="frame {m.frame - 1}, before the shot change">'
            f'<img src="{_jpeg_uri(after)}" alt="frame {m.frame}, after the shot change"></div>'
        )
    return out
