"""Where a film is cut into chunks: where the fewest languages have a cue on screen.

A chunk with a cue in a language is encoded for that language; a chunk with no cue
in some language is encoded once and shared by every such language. So the cheapest
cuts are at the edges of cues (of every language at once), preferably at shot
changes (x264 puts a keyframe there anyway) and one frame after a source keyframe
(the seek then decodes one extra frame, not a GOP: ``film.chunk_bounds``).

The cuts are the least-cost path over candidate cut frames (dynamic programming),
each chunk costing, for every encode of it, its frames plus a fixed overhead (the
process, the lookahead, the keyframe it starts with) plus the source frames decoded
before its first one. Pure: frames in, frames out."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction

from ..subtitles.model import Cue

# fixed cost of one encode of a chunk, in frames of encoding, measured in
# bench/cue_coverage.py: a chunk's opening keyframe where the picture does not cut
# costs about half a second of frames' bits; at a shot change x264 puts one anyway
OVERHEAD_SECONDS = Fraction(1, 2)
SHOT_OVERHEAD_SECONDS = Fraction(1, 8)
# a source frame decoded and dropped before a chunk's first one, against one encoded
DECODE_WEIGHT = 0.1
MIN_SECONDS = Fraction(1)

Span = tuple[int, int]


def cue_spans(cues: Iterable[Cue], fps: Fraction, frames: int) -> list[Span]:
    """The frames [a, b) each cue is on (a frame shows a cue when their times overlap,
    as ``film.cues_in`` says), merged where they touch."""
    spans = []
    for c in cues:
        a = max(0, math.floor(Fraction(c.start_ms, 1000) * fps))
        b = min(frames, math.ceil(Fraction(c.end_ms, 1000) * fps))
        if a < b:
            spans.append((a, b))
    spans.sort()
    merged: list[Span] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _next_covered(spans: list[Span], starts: list[int], p: int) -> int:
    """The first frame at or after ``p`` that a span covers (a large number if none)."""
    i = bisect.bisect_right(starts, p) - 1
    if i >= 0 and spans[i][1] > p:
        return p
    return spans[i + 1][0] if i + 1 < len(spans) else 1 << 62


def cue_bounds(
    frames: int,
    languages: Sequence[list[Span]],
    *,
    fps: Fraction,
    max_frames: int,
    shots: Sequence[int] = (),
    keyframes: Sequence[int] = (),
    step: int = 1,
) -> list[Span]:
    """[start, end) chunks covering ``frames``, each between ``MIN_SECONDS`` and
    ``max_frames`` long (a shorter film is one chunk), cut where encoding every
    language costs least. ``languages``: each language's ``cue_spans``; ``shots``:
    the first frame of each shot; ``keyframes``: the source's; ``step``: every chunk
    starts on a multiple of it (2 where a source frame gives two output frames)."""
    min_frames = max(1, min(max_frames, round(MIN_SECONDS * fps)))
    if frames <= max(min_frames, 1):
        return [(0, frames)]
    shot_set = {s for s in shots if 0 < s < frames}
    cand: set[int] = {0, frames}
    for spans in languages:
        for a, b in spans:
            cand.update((a, b))
    cand.update(shot_set)
    cand.update(k + 1 for k in keyframes)
    cand.update(s + 1 for s in shot_set)  # a shot starting on a source keyframe
    points = sorted({c - c % step for c in cand if 0 <= c <= frames} | {frames})
    # no stretch longer than half a chunk without a candidate: every path can go on
    half = max(1, max_frames // 2)
    filled = [points[0]]
    for c in points[1:]:
        gap = c - filled[-1]
        if gap > half:
            n = math.ceil(gap / half)
            base = filled[-1]
            filled += sorted({base + (gap * i // n) // step * step for i in range(1, n)} - {base})
        filled.append(c)
    points = filled

    n_lang = len(languages)
    starts = [[a for a, _ in spans] for spans in languages]
    keys = sorted(set(keyframes))
    overhead = float(OVERHEAD_SECONDS * fps)
    shot_overhead = float(SHOT_OVERHEAD_SECONDS * fps)

    def start_cost(p: int) -> float:
        cost = shot_overhead if p in shot_set or p == 0 else overhead
        i = bisect.bisect_left(keys, p) - 1  # the seek lands on the keyframe before p
        if p > 0 and i >= 0:
            cost += DECODE_WEIGHT * (p - keys[i])
        return cost

    # per candidate start: each language's first covered frame from there, sorted, so
    # the languages with a cue in [p, c) are those whose first covered frame is < c
    nexts = [
        sorted(_next_covered(spans, st, p) for spans, st in zip(languages, starts, strict=True))
        for p in points
    ]
    fixed = [start_cost(p) for p in points]
    best = [math.inf] * len(points)
    back = [-1] * len(points)
    best[0] = 0.0
    for j in range(1, len(points)):
        c = points[j]
        lo = bisect.bisect_left(points, c - max_frames)
        hi = bisect.bisect_right(points, c - min_frames)
        for i in range(lo, min(hi, j)):
            if best[i] == math.inf:
                continue
            p = points[i]
            with_cue = bisect.bisect_left(nexts[i], c)
            encodes = with_cue + (1 if with_cue < n_lang or n_lang == 0 else 0)
            total = best[i] + encodes * (c - p + fixed[i])
            if total < best[j]:
                best[j], back[j] = total, i
    if best[-1] == math.inf:  # min and max cannot both hold on these candidates
        return [(0, frames)] if frames <= max_frames else _even(frames, max_frames, step)
    out = []
    j = len(points) - 1
    while j > 0:
        out.append((points[back[j]], points[j]))
        j = back[j]
    return out[::-1]


def _even(frames: int, max_frames: int, step: int) -> list[Span]:
    n = math.ceil(frames / max_frames)
    cuts = [0] + [(frames * i // n) // step * step for i in range(1, n)] + [frames]
    return list(itertools.pairwise(cuts))
