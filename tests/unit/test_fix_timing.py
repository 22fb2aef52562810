"""fix.timing against qc's gap rules: after fix, neither gap-short nor gap-chain fires,
at every standard rate and for a neighbour anywhere between two frames."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from screening_kit.fix.timing import fix_timing
from screening_kit.languages import rules_for
from screening_kit.qc.rules import check_cues
from screening_kit.qc.shots import check_chaining
from screening_kit.subtitles.model import Cue

P = Path("x.srt")
RATES = ["24000/1001", "24", "25", "30000/1001", "50", "60000/1001"]


def _gap_findings(cues: list[Cue], fps: Fraction) -> list[str]:
    found = check_cues(cues, rules_for("Latn"), path=P, fps=fps, film_duration=Fraction(100))
    found += check_chaining(cues, fps, path=P)
    return [f.rule for f in found if f.rule in ("gap-short", "gap-chain")]


@pytest.mark.parametrize("rate", RATES)
def test_every_gap_within_the_window_is_closed_to_what_check_accepts(rate: str) -> None:
    fps = Fraction(rate)
    for frames in range(0, 16):
        for extra_ms in range(0, 40, 3):
            gap = round(frames * 1000 / fps) + extra_ms
            cues = [Cue(1, 1000, 3000, "One.", 0), Cue(2, 3000 + gap, 6000, "Two.", 0)]
            fixed, _ = fix_timing(cues, fps, [], 10_000)
            assert _gap_findings(fixed, fps) == [], (rate, gap)
            assert fix_timing(fixed, fps, [], 10_000)[1] == []  # a second run: nothing


def test_a_gap_holding_a_shot_change_is_not_one_to_chain() -> None:
    fps = Fraction(25)
    cues = [Cue(1, 1000, 2000, "One.", 0), Cue(2, 2240, 3000, "Two.", 0)]  # 6 frames
    assert [f.rule for f in check_chaining(cues, fps, path=P)] == ["gap-chain"]
    assert check_chaining(cues, fps, path=P, cuts=[53]) == []  # cut inside the gap
    # fix does not chain it either: the out-time goes by the shot change
    reasons = [c.reason for c in fix_timing(cues, fps, [53], 10_000)[1]]
    assert reasons == ["2 frames before shot change 53", "on shot change 53"]
