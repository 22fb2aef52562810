"""Timing against the picture: cues near or across shot changes, and gaps to chain.

The windows follow the field's timing guidelines (Netflix timed-text timing, the
reference most vendors follow): written for 24 fps as "12 frames, half a second",
scaled to the film's rate (15 at 30 fps, 25 at 50 fps); the minimum gap stays 2
frames at every rate. Times are compared in whole frames: a cue's in-frame is the
frame nearest its start time, its out-frame the frame nearest its end time (the
first frame it is no longer shown).

- ``shot-change-in``: an in-time a few frames after a shot change: the cue should
  start on the shot change. ``shot-change-out``: an out-time a few frames before
  one: the cue should end on it or, better, the 2-frame gap before it.
- ``shot-change-crossed``: the cue crosses a shot change and shows for fewer than
  the window's frames on one side of it (a flash over the cut).
- ``gap-chain`` (info): a gap longer than the minimum but within the window, which
  editors close to the minimum gap ("chaining").
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from ..clock import frame_timecode
from ..subtitles.model import Cue
from .findings import Finding
from .registry import MIN_GAP_FRAMES
from .rules import TrackFindings


def shot_window(fps: Fraction) -> int:
    """Half a second in whole frames: 12 at 23.976, 24 and 25 fps; 15 at 29.97 and 30."""
    return max(1, round(Fraction(fps) / 2))


def _nearest(num: int, den: int) -> int:
    """``round(Fraction(num, den))`` (halves to even) in integers: check calls this for
    every cue of every language, and Fraction arithmetic was a third of its time."""
    q, r = divmod(num, den)
    return q + (2 * r > den or (2 * r == den and q % 2 == 1))


def to_frame(ms: int, fps: Fraction) -> int:
    """The frame nearest a time in milliseconds."""
    return _nearest(ms * fps.numerator, 1000 * fps.denominator)


def gap_frames(end_ms: int, start_ms: int, fps: Fraction) -> int:
    """The gap from one cue's end to the next one's start in whole frames, nearest (as
    `check` and `fix` both measure it for chaining)."""
    return _nearest((start_ms - end_ms) * fps.numerator, 1000 * fps.denominator)


def cut_before_in(cuts: Sequence[int], i: int, window: int) -> int | None:
    """The shot change a cue starting at frame ``i`` starts too soon after
    (shot-change-in), of the sorted first frames of shots ``cuts``."""
    k = bisect.bisect_right(cuts, i) - 1
    return cuts[k] if k >= 0 and 0 < i - cuts[k] < window else None


def cut_after_out(cuts: Sequence[int], o: int, window: int) -> int | None:
    """The shot change a cue ending at frame ``o`` ends too soon before
    (shot-change-out; the minimum gap before it is where it should end)."""
    k = bisect.bisect_left(cuts, o)
    if k < len(cuts) and 0 < cuts[k] - o < window and cuts[k] - o != MIN_GAP_FRAMES:
        return cuts[k]
    return None


def cuts_crossed(cuts: Sequence[int], i: int, o: int, window: int) -> tuple[int | None, int | None]:
    """The shot changes a cue from frame ``i`` to ``o`` crosses too close to its edges
    (shot-change-crossed): the first one inside it when under the window after the
    in-time, the last one when under the window before the out-time."""
    inside = cuts[bisect.bisect_right(cuts, i) : bisect.bisect_left(cuts, o)]
    if not inside:
        return None, None
    return (
        inside[0] if inside[0] - i < window else None,
        inside[-1] if o - inside[-1] < window else None,
    )


def _frames(n: int) -> str:
    return f"{n} frame{'s' if n != 1 else ''}"


def check_shot_changes(
    cues: Sequence[Cue],
    shots: Sequence[int],
    fps: Fraction,
    *,
    path: Path,
    film: str | None = None,
    language: str | None = None,
) -> list[Finding]:
    """In- and out-times near shot changes, and cues that flash across one."""
    found = TrackFindings(path, film, language)
    window = shot_window(fps)
    rate = f"{float(fps):g} fps"
    cuts = sorted(shots)
    for cue in cues:
        i, o = to_frame(cue.start_ms, fps), to_frame(cue.end_ms, fps)
        if o <= i:
            continue  # duration-nonpositive says it
        cut = cut_before_in(cuts, i, window)
        if cut is not None:
            found.add(
                "warning",
                "shot-change-in",
                cue,
                f"starts {_frames(i - cut)} after the shot change at frame {cut} "
                f"({frame_timecode(cut, fps)}); start it on the shot change (window: "
                f"{window} frames at {rate})",
                i - cut,
                window,
                "frames",
            )
        cut = cut_after_out(cuts, o, window)
        if cut is not None:
            found.add(
                "warning",
                "shot-change-out",
                cue,
                f"ends {_frames(cut - o)} before the shot change at frame {cut} "
                f"({frame_timecode(cut, fps)}); end it {MIN_GAP_FRAMES} frames before the shot "
                f"change (window: {window} frames at {rate})",
                cut - o,
                window,
                "frames",
            )
        first, last = cuts_crossed(cuts, i, o, window)
        if first is not None:
            found.add(
                "warning",
                "shot-change-crossed",
                cue,
                f"shows {_frames(first - i)} before the shot change at frame "
                f"{first} ({frame_timecode(first, fps)}), then crosses it; start it on the "
                f"shot change (window: {window} frames at {rate})",
                first - i,
                window,
                "frames",
            )
        if last is not None:
            found.add(
                "warning",
                "shot-change-crossed",
                cue,
                f"crosses the shot change at frame {last} "
                f"({frame_timecode(last, fps)}) "
                f"and shows {_frames(o - last)} after it; end it "
                f"{MIN_GAP_FRAMES} frames before the shot change (window: {window} frames "
                f"at {rate})",
                o - last,
                window,
                "frames",
            )
    return found.out


def check_chaining(
    cues: Sequence[Cue],
    fps: Fraction,
    *,
    path: Path,
    film: str | None = None,
    language: str | None = None,
    cuts: Sequence[int] = (),
) -> list[Finding]:
    """Gaps longer than the minimum but within the window (info). A gap holding a shot
    change (``cuts``, first frames of shots) is not one to chain: the out-time goes
    by the shot change (shot-change-out), and `fix` leaves such gaps alone too."""
    found = TrackFindings(path, film, language)
    window = shot_window(fps)
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.index))
    cuts = sorted(cuts)
    for prev, cue in itertools.pairwise(ordered):
        k = bisect.bisect_left(cuts, to_frame(prev.end_ms, fps))
        if k < len(cuts) and cuts[k] < to_frame(cue.start_ms, fps):
            continue
        # the gap in frames is (ms * n) / (1000 * d)
        num = (cue.start_ms - prev.end_ms) * fps.numerator
        den = 1000 * fps.denominator
        gap = gap_frames(prev.end_ms, cue.start_ms, fps)
        # more than half a frame over the minimum: a time between two frames (as
        # written, or kept by `fix`) does not count as a frame more
        if (2 * MIN_GAP_FRAMES + 1) * den < 2 * num and gap <= window:
            found.add(
                "info",
                "gap-chain",
                cue,
                f"{_frames(gap)} after cue {prev.index}; gaps of up to {window} frames are "
                f"usually closed to {MIN_GAP_FRAMES} frames (chaining)",
                gap,
                window,
                "frames",
            )
    return found.out
