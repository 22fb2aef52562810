"""Where a film is cut (plan/cuts.py): pure frames in, chunk boundaries out."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

from screening_kit.plan import chunk_bounds
from screening_kit.plan.cuts import cue_bounds, cue_spans
from screening_kit.subtitles.model import Cue

FPS = Fraction(25)


def spans(*frames: tuple[int, int]) -> list[tuple[int, int]]:
    return list(frames)


def own_frames(bounds: list[tuple[int, int]], lang: list[tuple[int, int]]) -> int:
    """Frames of the chunks encoded for this language alone (those with one of its cues)."""
    return sum(e - s for s, e in bounds if any(a < e and b > s for a, b in lang))


def check_cover(bounds: list[tuple[int, int]], frames: int, lo: int, hi: int) -> None:
    assert bounds[0][0] == 0 and bounds[-1][1] == frames
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(lo <= e - s <= hi for s, e in bounds)


def test_cue_frames_are_those_its_times_overlap() -> None:
    # 1.00-2.50 s at 25 fps: frames 25..62 (frame 62 starts at 2.48 s)
    assert cue_spans([Cue(1, 1000, 2500, "a")], FPS, 1000) == [(25, 63)]
    # touching cues merge; a cue past the end is clipped
    assert cue_spans([Cue(1, 0, 400, "a"), Cue(2, 400, 800, "b")], FPS, 15) == [(0, 15)]


def test_cuts_fall_on_the_edges_of_every_languages_cues() -> None:
    en = spans((50, 125), (775, 875))
    bounds = cue_bounds(1500, [en, en], fps=FPS, max_frames=250)
    check_cover(bounds, 1500, 25, 250)
    # the cued frames alone are encoded per language; every other frame is shared
    assert own_frames(bounds, en) == 175
    assert {(50, 125), (775, 875)} <= set(bounds)
    # today's 10 s chunks encode 500 frames per language for the same cues
    assert own_frames(chunk_bounds(1500, 250), en) == 500


def test_independently_timed_languages_are_each_cut_at_their_own_gaps() -> None:
    # three languages timed alike, one on its own: frames 125-200 have a cue in fr
    # alone, so the other three share them (cut inside fr's and en's cues: a cue is
    # drawn in both chunks it spans)
    en = spans((50, 125))
    fr = spans((100, 200))
    bounds = cue_bounds(500, [en, en, en, fr], fps=FPS, max_frames=250)
    assert (125, 200) in bounds  # fr's alone: en's three share it
    assert own_frames(bounds, en) == 75
    assert own_frames(bounds, fr) == 150


def test_a_long_stretch_without_cues_is_cut_at_a_shot_change() -> None:
    # 600 frames without a cue need three chunks of at most 250: one cut is on the shot
    bounds = cue_bounds(700, [spans((0, 50), (650, 700))], fps=FPS, max_frames=250, shots=[333])
    check_cover(bounds, 700, 25, 250)
    assert 333 in {s for s, _ in bounds}


def test_a_cut_starts_just_after_a_source_keyframe() -> None:
    # the same stretch, with the source's keyframe on the shot change: seeking to frame
    # 333 would decode from the keyframe before it (frame 0); 334 decodes one extra frame
    bounds = cue_bounds(
        700, [spans((0, 50), (650, 700))], fps=FPS, max_frames=250, shots=[333],
        keyframes=[0, 333],
    )  # fmt: skip
    starts = {s for s, _ in bounds}
    assert 334 in starts and 333 not in starts


def test_two_output_frames_per_source_frame_start_chunks_on_even_frames() -> None:
    cues = spans((51, 125), (601, 877))
    bounds = cue_bounds(1500, [cues], fps=FPS * 2, max_frames=500, step=2)
    assert all(s % 2 == 0 for s, _ in bounds)
    check_cover(bounds, 1500, 50, 500)


def test_random_tracks_are_covered_within_the_lengths_and_beat_fixed_chunks() -> None:
    rng = random.Random(7)
    for _ in range(40):
        frames = rng.randrange(30, 6000)
        langs = []
        for _ in range(rng.randrange(0, 4)):
            t, track = 0, []
            while True:
                t += rng.randrange(1, 120)
                d = rng.randrange(20, 150)
                if t + d > frames:
                    break
                track.append((t, t + d))
                t += d
            langs.append(track)
        keys = sorted(rng.sample(range(frames), min(frames, 20)))
        bounds = cue_bounds(frames, langs, fps=FPS, max_frames=250, keyframes=keys)
        if frames > 25:
            check_cover(bounds, frames, 25, 250)
        fixed = chunk_bounds(frames, 250, keys)
        for track in langs:
            assert own_frames(bounds, track) <= own_frames(fixed, track)


def test_a_film_shorter_than_a_second_is_one_chunk() -> None:
    assert cue_bounds(20, [spans((0, 10))], fps=FPS, max_frames=250) == [(0, 20)]
