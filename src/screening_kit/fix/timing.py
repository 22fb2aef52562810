"""Timing repairs on whole frames: snap to shot changes, extend short cues, close gaps.

Each repair moves an in- or out-time by at most the shot window (half a second)
from where the file had it, and only when the neighbours leave room: a cue never
comes closer than the minimum gap to the next, never ends past the film, and is
never made shorter than the minimum duration by a repair. A time no repair moves
keeps its milliseconds exactly as written. Shot changes are compared in frames;
the gap to a neighbour in milliseconds, as `check` measures it, because a
neighbour that no repair moves may sit between two frames.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..qc.registry import MIN_DURATION, MIN_GAP_FRAMES
from ..qc.shots import (
    cut_after_out,
    cut_before_in,
    cuts_crossed,
    gap_frames,
    shot_window,
    to_frame,
)
from ..subtitles.model import Cue

G = MIN_GAP_FRAMES
_CHAIN = f"gap to the next cue closed to {G} frames"


@dataclass
class _Times:
    cue: Cue
    i: int  # in-frame
    o: int  # out-frame
    i_ms: int  # the same as times; as written until a repair moves them
    o_ms: int
    i0: int = 0  # frames as the file had them
    o0: int = 0
    why_i: str = ""
    why_o: str = ""


@dataclass(frozen=True)
class TimingChange:
    cue: int  # the cue's index in the file as read
    edge: str  # "in" or "out"
    before_ms: int
    after_ms: int
    reason: str


_NONE = -(10**12)


class _Fixer:
    def __init__(
        self, cues: Sequence[Cue], fps: Fraction, shots: Sequence[int], film_frames: int
    ) -> None:
        self.fps = fps
        self.cuts = sorted(shots)
        self.window = shot_window(fps)
        self.min_frames = math.ceil(MIN_DURATION * fps)
        self.gap_ms = Fraction(G * 1000) / fps
        self.end = film_frames
        ordered = sorted(cues, key=lambda c: (c.start_ms, c.index))
        self.t = [
            _Times(c, to_frame(c.start_ms, fps), to_frame(c.end_ms, fps), c.start_ms, c.end_ms)
            for c in ordered
        ]
        for t in self.t:
            t.i0, t.o0 = t.i, t.o
        # cues that overlap another are an error for an editor: left where they are.
        # Other cues never move past their neighbours, so the latest end before a cue is
        # its predecessor's or a frozen cue's (which does not move)
        self.frozen = [False] * len(self.t)
        self.frozen_end = [_NONE] * len(self.t)  # latest end (ms) of a frozen cue before k
        latest, holder = _NONE, -1
        for k, t in enumerate(self.t):
            if t.i_ms < latest:
                self.frozen[k] = self.frozen[holder] = True
            if t.o_ms > latest:
                latest, holder = t.o_ms, k
        for k in range(1, len(self.t)):
            prev = self.t[k - 1].o_ms if self.frozen[k - 1] else _NONE
            self.frozen_end[k] = max(self.frozen_end[k - 1], prev)

    def ms(self, frame: int) -> int:
        return round(Fraction(frame * 1000) / self.fps)

    def _prev_out_ms(self, k: int) -> int | None:
        return max(self.t[k - 1].o_ms, self.frozen_end[k]) if k > 0 else None

    def _next(self, k: int) -> _Times | None:
        return self.t[k + 1] if k + 1 < len(self.t) else None

    def _in_clean(self, i: int, o: int) -> bool:
        """No shot rule fires for an in-time at frame ``i`` (cue ending at ``o``)."""
        return (
            cut_before_in(self.cuts, i, self.window) is None
            and cuts_crossed(self.cuts, i, o, self.window)[0] is None
        )

    def _out_clean(self, i: int, o: int) -> bool:
        """No shot rule fires for an out-time at frame ``o`` (cue starting at ``i``)."""
        return (
            cut_after_out(self.cuts, o, self.window) is None
            and cuts_crossed(self.cuts, i, o, self.window)[1] is None
        )

    def _chain_target(self, k: int) -> int | None:
        """The out-frame that leaves the minimum gap to the next cue, when chaining
        applies (a gap of at most the window, no shot change inside it)."""
        t, n = self.t[k], self._next(k)
        if n is None or gap_frames(t.o_ms, n.i_ms, self.fps) > self.window:
            return None
        target = to_frame(self._chain_ms(k), self.fps)
        lo, hi = min(t.o, target), max(t.o, target)
        same = target == t.o and self._chain_ms(k) == t.o_ms
        if same or (target > t.o and self._cut_between(lo - 1, hi + G - 1)):
            return None
        return target

    def _chain_ms(self, k: int) -> int:
        """The latest out-time that leaves the minimum gap to the next cue, in whole ms:
        not on a frame's own time when the next cue's time is between two frames, so
        the gap is neither short nor one to chain as `check` measures both (qc.shots)."""
        return self.t[k + 1].i_ms - math.ceil(self.gap_ms)

    # A move must land where no shot rule fires for that edge and (but for chaining)
    # no gap is left to chain: a second run then finds nothing to do (idempotent), and
    # a cue is never moved from one problem to another.
    def _set_out(self, k: int, o: int, why: str) -> bool:
        t = self.t[k]
        n = self._next(k)
        o_ms = self._chain_ms(k) if why == _CHAIN else self.ms(o)
        if (
            (o == t.o and o_ms == t.o_ms)
            or abs(o - t.o0) > self.window
            or o - t.i < min(self.min_frames, t.o - t.i)
            or o > self.end
            or (n is not None and o > t.o and n.i_ms - o_ms < self.gap_ms)
            or not self._out_clean(t.i, o)
        ):
            return False
        old = t.o, t.o_ms
        t.o, t.o_ms = o, o_ms
        if why != _CHAIN and self._chain_target(k) is not None:
            t.o, t.o_ms = old
            return False
        t.why_o = why
        return True

    def _set_in(self, k: int, i: int, why: str) -> bool:
        t = self.t[k]
        p = self._prev_out_ms(k)
        i_ms = self.ms(i)
        if (
            i == t.i
            or i < 0
            or abs(i - t.i0) > self.window
            or t.o - i < min(self.min_frames, t.o - t.i)
            or (p is not None and i < t.i and i_ms - p < self.gap_ms)
            or not self._in_clean(i, t.o)
        ):
            return False
        t.i, t.i_ms, t.why_i = i, i_ms, why
        return True

    def _cut_between(self, a: int, b: int) -> bool:
        """A shot change strictly after frame a and at or before frame b."""
        k = bisect.bisect_right(self.cuts, a)
        return k < len(self.cuts) and self.cuts[k] <= b

    def snap_outs(self) -> None:
        for k, t in enumerate(self.t):
            if self.frozen[k] or t.o <= t.i:
                continue
            # ends just before a shot change; crosses one and shows briefly after it
            found = (
                cut_after_out(self.cuts, t.o, self.window),
                cuts_crossed(self.cuts, t.i, t.o, self.window)[1],
            )
            options = [s for s in found if s is not None]
            for s in sorted(options, key=lambda s: abs(s - t.o)):
                if s - G != t.o and self._set_out(k, s - G, f"{G} frames before shot change {s}"):
                    break

    def snap_ins(self) -> None:
        for k, t in enumerate(self.t):
            if self.frozen[k] or t.o <= t.i:
                continue
            # starts just after a shot change; shows briefly, then crosses one
            found = (
                cut_before_in(self.cuts, t.i, self.window),
                cuts_crossed(self.cuts, t.i, t.o, self.window)[0],
            )
            options = [s for s in found if s is not None]
            for s in sorted(options, key=lambda s: abs(s - t.i)):
                if self._set_in(k, s, f"on shot change {s}"):
                    break

    def extend_short(self) -> None:
        for k, t in enumerate(self.t):
            if self.frozen[k] or not 0 < t.o - t.i < self.min_frames:
                continue
            target = t.i + self.min_frames
            if self._cut_between(t.o - 1, target - 1):
                continue  # would run over a shot change
            old = t.o, t.o_ms
            t.o, t.o_ms = target, self.ms(target)
            chain = self._chain_target(k)
            t.o, t.o_ms = old
            # the gap left would be one to close: close it now
            if chain is not None and chain >= target and self._set_out(k, chain, _CHAIN):
                continue
            j = bisect.bisect_right(self.cuts, target)
            near = j < len(self.cuts) and self.cuts[j] - target < self.window
            # ending near a shot change: end on its gap instead, when that is allowed
            if near and self._set_out(
                k,
                self.cuts[j] - G,
                f"minimum duration, {G} frames before shot change {self.cuts[j]}",
            ):
                continue
            self._set_out(k, target, "minimum duration")

    def close_gaps(self) -> None:
        for k in range(len(self.t) - 1):
            t = self.t[k]
            target = None if self.frozen[k] else self._chain_target(k)
            if target is None:
                continue
            if target < t.o and t.o - target > t.o - t.i - self.min_frames:
                continue  # shortening would make it too short
            self._set_out(k, target, _CHAIN)

    def result(self) -> tuple[list[Cue], list[TimingChange]]:
        changes: list[TimingChange] = []
        fixed: dict[int, Cue] = {}
        for t in self.t:
            c = t.cue
            if t.i_ms != c.start_ms:
                changes.append(TimingChange(c.index, "in", c.start_ms, t.i_ms, t.why_i))
            if t.o_ms != c.end_ms:
                changes.append(TimingChange(c.index, "out", c.end_ms, t.o_ms, t.why_o))
            fixed[c.index] = Cue(c.index, t.i_ms, t.o_ms, c.text, c.line)
        return [fixed[t.cue.index] for t in sorted(self.t, key=lambda t: t.cue.index)], changes


def fix_timing(
    cues: Sequence[Cue], fps: Fraction, shots: Sequence[int], film_frames: int
) -> tuple[list[Cue], list[TimingChange]]:
    """Cues (in file order) with repaired times, and what changed."""
    fixer = _Fixer(cues, fps, shots, film_frames)
    for _ in range(4):  # one repair can make room for another: repeat until none applies
        before = [(t.i, t.o) for t in fixer.t]
        fixer.snap_outs()
        fixer.snap_ins()
        fixer.extend_short()
        fixer.close_gaps()
        if before == [(t.i, t.o) for t in fixer.t]:
            break
    return fixer.result()
