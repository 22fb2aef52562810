"""Check rules against shot changes and chaining: the exact findings, windows scaled
to the film's rate, and `check` running them on a film with detected cuts."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.qc.shots import check_chaining, check_shot_changes, shot_window
from screening_kit.subtitles.reader import parse_srt

from .conftest import write_workspace
from .cutfilm import make_cut_film

# at 25 fps a frame is 40 ms; shot changes at frames 50, 100, 250, 300; window 12
TIMED = """1
00:00:02,120 --> 00:00:03,400
Late in.

2
00:00:03,800 --> 00:00:05,520
Flash in.

3
00:00:09,000 --> 00:00:09,840
Early out.

4
00:00:10,000 --> 00:00:12,200
Flash out.

"""
CUTS = (50, 100, 250, 300)
P = Path("en.srt")


def _rows(findings: list) -> list[tuple[str, str, int | None, object, object, str]]:  # type: ignore[type-arg]
    return [(f.severity, f.rule, f.cue, f.value, f.limit, f.message) for f in findings]


def test_windows_scale_with_the_rate() -> None:
    assert [shot_window(Fraction(r)) for r in (Fraction(24000, 1001), 24, 25, 30, 50, 60)] == [
        12,
        12,
        12,
        15,
        25,
        30,
    ]


def test_each_shot_rule_names_cue_shot_change_and_distance() -> None:
    cues, _ = parse_srt(TIMED, P)
    found = check_shot_changes(cues, CUTS, Fraction(25), path=P, film="f", language="en")
    assert _rows(found) == [
        (
            "warning", "shot-change-in", 1, 3, 12,
            "starts 3 frames after the shot change at frame 50 (00:00:02:00); start it on "
            "the shot change (window: 12 frames at 25 fps)",
        ),
        (
            "warning", "shot-change-crossed", 2, 5, 12,
            "shows 5 frames before the shot change at frame 100 (00:00:04:00), then "
            "crosses it; start it on the shot change (window: 12 frames at 25 fps)",
        ),
        (
            "warning", "shot-change-out", 3, 4, 12,
            "ends 4 frames before the shot change at frame 250 (00:00:10:00); end it 2 "
            "frames before the shot change (window: 12 frames at 25 fps)",
        ),
        (
            "warning", "shot-change-crossed", 4, 5, 12,
            "crosses the shot change at frame 300 (00:00:12:00) and shows 5 frames after "
            "it; end it 2 frames before the shot change (window: 12 frames at 25 fps)",
        ),
    ]  # fmt: skip
    assert all(f.unit == "frames" and f.film == "f" and f.language == "en" for f in found)


def test_on_the_cut_or_two_frames_before_it_is_fine_and_a_long_crossing_too() -> None:
    srt = (
        "1\n00:00:02,000 --> 00:00:03,920\nOn the cut, ends 2 frames before the next.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\nOn the cut.\n\n"
        "3\n00:00:09,000 --> 00:00:11,000\nCrosses with 25 frames on each side.\n\n"
        "4\n00:00:11,500 --> 00:00:12,000\nEnds on the cut.\n\n"
    )
    cues, _ = parse_srt(srt, P)
    assert check_shot_changes(cues, CUTS, Fraction(25), path=P) == []


def test_the_window_at_30_fps_is_15_frames() -> None:
    # cut at frame 90 (3 s); in-time 14 frames later is inside the window, 15 is not
    srt = (
        "1\n00:00:03,467 --> 00:00:05,000\nFourteen.\n\n"
        "2\n00:00:06,500 --> 00:00:08,000\nFar away.\n\n"
    )
    cues, _ = parse_srt(srt, P)
    found = check_shot_changes(cues, (90, 210), Fraction(30), path=P)
    assert [(f.rule, f.cue, f.value, f.limit) for f in found] == [("shot-change-in", 1, 14, 15)]
    later = parse_srt(srt.replace("00:00:03,467", "00:00:03,500"), P)[0]
    assert check_shot_changes(later, (90, 210), Fraction(30), path=P) == []


def test_gaps_below_the_chaining_threshold_are_info() -> None:
    cues, _ = parse_srt(TIMED, P)
    found = check_chaining(cues, Fraction(25), path=P)
    assert _rows(found) == [
        (
            "info", "gap-chain", 2, 10, 12,
            "10 frames after cue 1; gaps of up to 12 frames are usually closed to 2 frames "
            "(chaining)",
        ),
        (
            "info", "gap-chain", 4, 4, 12,
            "4 frames after cue 3; gaps of up to 12 frames are usually closed to 2 frames "
            "(chaining)",
        ),
    ]  # fmt: skip


def test_check_runs_the_shot_rules_on_the_detected_cuts(tmp_path: Path) -> None:
    film = make_cut_film(tmp_path / "cut.mp4")
    root = write_workspace(tmp_path / "ws", film.path, cues={"en": TIMED})
    result = CliRunner().invoke(main, ["check", str(root), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    rules = [(f["rule"], f["cue"], f["value"]) for f in doc["findings"]]
    assert rules == [
        ("shot-change-in", 1, 3),
        ("shot-change-crossed", 2, 5),
        ("gap-chain", 2, 10),
        ("shot-change-out", 3, 4),
        ("shot-change-crossed", 4, 5),
        ("gap-chain", 4, 4),
    ]
    assert doc["warnings"] == 4 and doc["info"] == 2 and doc["errors"] == 0
    table = CliRunner().invoke(main, ["check", str(root)]).output
    assert table.splitlines()[-1] == "0 errors, 4 warnings, 2 info in 1 file"
    skipped = CliRunner().invoke(main, ["check", str(root), "--no-shots", "--json"])
    assert [f["rule"] for f in json.loads(skipped.output)["findings"]] == ["gap-chain"] * 2


def test_a_gap_half_a_frame_over_the_minimum_is_not_one_to_chain() -> None:
    # 100 ms at 25 fps is 2.5 frames: a time between frames, not a gap to close
    srt = "1\n00:00:00,180 --> 00:00:00,680\nOne.\n\n2\n00:00:00,780 --> 00:00:02,000\nTwo.\n\n"
    assert check_chaining(parse_srt(srt, P)[0], Fraction(25), path=P) == []
    later = parse_srt(srt.replace("00:00:00,780", "00:00:00,800"), P)[0]  # 3 frames
    assert [f.value for f in check_chaining(later, Fraction(25), path=P)] == [3]
