"""plan.slideshow: what the README says of a cycle's length holds."""

from __future__ import annotations

from screening_kit.plan.slideshow import piece_frames, slide_clips

FULL = (0.0, 0.0, 1.0, 1.0)


def test_8_photos_at_5_s_with_a_1_s_crossfade_loop_in_32_s() -> None:
    fps, per, xf = 25, 5 * 25, 1 * 25
    clips = slide_clips([(FULL, FULL)] * 8, per, xf)
    assert piece_frames(clips, xf) == 32 * fps
    assert piece_frames(slide_clips([(FULL, FULL)] * 8, per, 0), 0) == 40 * fps
