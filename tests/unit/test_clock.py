"""Every clock and timecode the kit writes, from its one home (`screening_kit.clock`).

The expected strings are what the functions these replaced gave (qc.findings._clock,
fix.srt.srt_time, demo.srt_time, subtitles.srt._clock, subtitles.ass._ts,
qc.shots._tc and shots.store.timecode, masters.clock, package.runsheet.clock,
proof.frames.timecode), edge cases included: 0, rounding up to the next minute,
more than 24 hours, negative times."""

from __future__ import annotations

import ast
from fractions import Fraction
from pathlib import Path

import pytest

from screening_kit import clock
from screening_kit.clock import (
    ass_time,
    frame_timecode,
    millis_clock,
    running_clock,
    srt_clock,
    srt_seconds,
    srt_time,
    tenths_clock,
    whole_seconds_clock,
)

SRC = Path(clock.__file__).parent


@pytest.mark.parametrize(
    ("ms", "signed", "file", "whole"),
    [
        (0, "00:00:00,000", "00:00:00,000", "00:00:00"),
        (59_999, "00:00:59,999", "00:00:59,999", "00:00:59"),
        (60_000, "00:01:00,000", "00:01:00,000", "00:01:00"),
        (3_599_999, "00:59:59,999", "00:59:59,999", "00:59:59"),
        (90_000_123, "25:00:00,123", "25:00:00,123", "25:00:00"),
        (-1500, "-00:00:01,500", "00:00:00,000", None),
        (-1, "-00:00:00,001", "00:00:00,000", None),
    ],
)
def test_srt_clocks(ms: int, signed: str, file: str, whole: str | None) -> None:
    assert srt_clock(ms) == signed  # a finding says a time is before the start
    assert srt_time(ms) == file  # an SRT file has no negative time
    if whole is not None:
        assert whole_seconds_clock(ms) == whole  # drops the milliseconds, never rounds


@pytest.mark.parametrize(
    ("seconds", "srt", "tenths", "running", "millis", "ass"),
    [
        (0, "00:00:00,000", "00:00:00.0", "0:00:00", "0:00:00.000", "0:00:00.00"),
        (59.9995, "00:01:00,000", "00:01:00.0", "0:01:00", "0:01:00.000", "0:01:00.00"),
        (59.9994, "00:00:59,999", "00:01:00.0", "0:01:00", "0:00:59.999", "0:01:00.00"),
        (59.95, "00:00:59,950", "00:01:00.0", "0:01:00", "0:00:59.950", "0:00:59.95"),
        (59.5, "00:00:59,500", "00:00:59.5", "0:01:00", "0:00:59.500", "0:00:59.50"),
        (2.5, "00:00:02,500", "00:00:02.5", "0:00:02", "0:00:02.500", "0:00:02.50"),
        (3.5, "00:00:03,500", "00:00:03.5", "0:00:04", "0:00:03.500", "0:00:03.50"),
        (90000.25, "25:00:00,250", "25:00:00.2", "25:00:00", "25:00:00.250", "25:00:00.25"),
        (86399.9996, "24:00:00,000", "24:00:00.0", "24:00:00", "24:00:00.000", "24:00:00.00"),
    ],
)
def test_clocks_from_seconds(
    seconds: float, srt: str, tenths: str, running: str, millis: str, ass: str
) -> None:
    assert srt_seconds(seconds) == srt  # the demo's and the benchmarks' sample SRT
    assert tenths_clock(seconds) == tenths
    assert running_clock(seconds) == running  # halves to even, as round() does
    assert millis_clock(seconds) == millis
    assert ass_time(Fraction(seconds)) == ass


def test_ass_time_edges() -> None:
    assert ass_time(Fraction(-1)) == "0:00:00.00"  # before the start: 0
    assert ass_time(Fraction(1, 200)) == "0:00:00.00"  # half a centisecond: to even
    assert ass_time(Fraction(3, 200)) == "0:00:00.02"
    assert ass_time(Fraction(2 * 86400)) == "48:00:00.00"  # hours not wrapped at 24


@pytest.mark.parametrize(
    ("frame", "fps", "tc"),
    [
        (0, Fraction(25), "00:00:00:00"),
        (24, Fraction(25), "00:00:00:24"),
        (25, Fraction(25), "00:00:01:00"),
        (86400 * 24 + 23, Fraction(24000, 1001), "24:00:00:23"),  # non-drop at 24
        (90001 * 25, Fraction(25), "25:00:01:00"),
        (1799, Fraction(30000, 1001), "00:00:59:29"),
    ],
)
def test_frame_timecode(frame: int, fps: Fraction, tc: str) -> None:
    assert frame_timecode(frame, fps) == tc


def test_clock_is_a_leaf() -> None:
    """It imports nothing from the package, so any module may use it."""
    tree = ast.parse((SRC / "clock.py").read_text("utf-8"))
    froms = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [n.module for n in froms] == ["__future__", "fractions"]
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import)]
