"""Issue 18, fault 8: a clean check prints nothing during a build (info is not a
warning); a real warning still does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from screening_kit.build import build
from screening_kit.progress import RecordingReporter
from screening_kit.qc import check_workspace

from .conftest import write_workspace

CRLF_SRT = "1\r\n00:00:00,200 --> 00:00:01,400\r\nHello there.\r\n"  # CRLF, no final blank


def test_clean_check_says_nothing_during_build(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = write_workspace(tmp_path / "ws", make_video(seconds=2), cues={"en": CRLF_SRT})
    report = check_workspace(root)
    assert report.infos and not report.warnings and not report.errors
    rep = RecordingReporter()
    build(root, reporter=rep, jobs=1)
    assert not [t for kind, t in rep.events if kind == "warn" and "subtitle checks" in t]


def test_a_warning_is_still_reported(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    short = "1\n00:00:00,200 --> 00:00:00,500\nHi.\n\n"  # 0.3 s: duration-short
    root = write_workspace(tmp_path / "ws", make_video(seconds=2), cues={"en": short})
    rep = RecordingReporter()
    build(root, reporter=rep, jobs=1)
    said = [t for kind, t in rep.events if kind == "warn" and "subtitle checks" in t]
    assert said and said[0].startswith("subtitle checks: 0 errors, 1 warnings")
