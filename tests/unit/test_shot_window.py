"""The shot-window predicates' one home (qc.shots): `check` finds and `fix` repairs by
the same functions. Exact frames at the window's edges, then every placement of a
cue against two shot changes held to the inline formulas check and fix had before."""

from __future__ import annotations

import bisect
import itertools
from fractions import Fraction
from pathlib import Path

from screening_kit.qc.registry import MIN_GAP_FRAMES as G
from screening_kit.qc.shots import (
    check_shot_changes,
    cut_after_out,
    cut_before_in,
    cuts_crossed,
    shot_window,
    to_frame,
)
from screening_kit.subtitles.model import Cue

W = 12  # shot_window at 24 fps


def test_window_edges() -> None:
    assert shot_window(Fraction(24)) == W
    cuts = [100]
    assert cut_before_in(cuts, 100, W) is None  # on the shot change: right
    assert cut_before_in(cuts, 101, W) == 100
    assert cut_before_in(cuts, 100 + W - 1, W) == 100
    assert cut_before_in(cuts, 100 + W, W) is None  # a whole window after it
    assert cut_after_out(cuts, 100, W) is None  # ends on it (a gap of 0 is gap-short's)
    assert cut_after_out(cuts, 100 - G, W) is None  # the minimum gap before it: right
    assert cut_after_out(cuts, 99, W) == 100
    assert cut_after_out(cuts, 100 - W + 1, W) == 100
    assert cut_after_out(cuts, 100 - W, W) is None
    assert cuts_crossed(cuts, 95, 200, W) == (100, None)  # 5 frames, then crosses it
    assert cuts_crossed(cuts, 0, 105, W) == (None, 100)  # crosses it, 5 frames after
    assert cuts_crossed(cuts, 95, 105, W) == (100, 100)
    assert cuts_crossed(cuts, 0, 200, W) == (None, None)  # far from both edges
    assert cuts_crossed(cuts, 100, 105, W) == (None, None)  # starts on it: not crossed
    assert cuts_crossed([100, 104], 95, 110, W) == (100, 104)  # first and last inside


def _old(cuts: list[int], i: int, o: int, w: int) -> tuple[int | None, ...]:
    """check_shot_changes' and fix.timing's inline formulas before the one home."""
    k = bisect.bisect_right(cuts, i) - 1
    a = cuts[k] if k >= 0 and 0 < i - cuts[k] < w else None
    k = bisect.bisect_left(cuts, o)
    b = cuts[k] if k < len(cuts) and 0 < cuts[k] - o < w and cuts[k] - o != G else None
    inside = cuts[bisect.bisect_right(cuts, i) : bisect.bisect_left(cuts, o)]
    c = inside[0] if inside and inside[0] - i < w else None
    d = inside[-1] if inside and o - inside[-1] < w else None
    # fix: _in_clean and _out_clean
    k = bisect.bisect_right(cuts, i)
    crossed_in = k < len(cuts) and cuts[k] < o and cuts[k] - i < w
    k = bisect.bisect_left(cuts, o)
    crossed_out = k > 0 and i < cuts[k - 1] and o - cuts[k - 1] < w
    assert crossed_in == (c is not None) and crossed_out == (d is not None)
    return a, b, c, d


def test_every_placement_as_before() -> None:
    cuts = [40, 50]
    for i, o in itertools.product(range(20, 75), repeat=2):
        if o > i:
            new = (
                cut_before_in(cuts, i, W),
                cut_after_out(cuts, o, W),
                *cuts_crossed(cuts, i, o, W),
            )
            assert new == _old(cuts, i, o, W), (i, o)


def _ms(frame: int) -> int:
    return round(Fraction(frame * 1000, 24))


def test_check_reports_what_the_predicates_find() -> None:
    fps = Fraction(24)
    ms = _ms
    cues = [Cue(1, ms(42), ms(47), "One.", 0), Cue(2, ms(60), ms(90), "Two.", 0)]
    found = check_shot_changes(cues, [40, 50, 95], fps, path=Path("x.srt"))
    assert [(f.rule, f.cue) for f in found] == [
        ("shot-change-in", 1),  # 2 frames after 40
        ("shot-change-out", 1),  # 3 frames before 50
        ("shot-change-in", 2),  # 10 frames after 50
        ("shot-change-out", 2),  # 5 frames before 95
    ]
    assert to_frame(ms(42), fps) == 42
