"""Issue 18, fault 3: every rule lives in qc and is listed once (qc.registry): a
caption the font cannot draw is found by `check`, in the same run as everything
else, and `build` stops on it in its checks, before encoding anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_kit.build import build
from screening_kit.progress import RecordingReporter
from screening_kit.qc import SubtitleQcError, check_workspace

PUA = "\ue000"  # a private-use character: no font of the demo has it


def _bad_caption(root: Path) -> Path:
    path = root / "films" / "photos" / "captions.yaml"
    text = path.read_text("utf-8").replace("en: Test pattern, seen whole", f"en: Test {PUA}")
    path.write_text(text, "utf-8")
    return path


def test_check_finds_a_caption_glyph_the_font_lacks(small_workspace: Path) -> None:
    path = _bad_caption(small_workspace)
    report = check_workspace(small_workspace, shots=False)
    found = [f for f in report.errors if f.rule == "missing-glyph" and f.path == path]
    assert len(found) == 1
    assert found[0].language == "en" and "U+E000" in found[0].message
    assert "01_landscape.jpg" in found[0].message and found[0].line == 2


def test_build_stops_in_its_checks(small_workspace: Path) -> None:
    _bad_caption(small_workspace)
    rep = RecordingReporter()
    with pytest.raises(SubtitleQcError) as e:
        build(small_workspace, reporter=rep, countries=["GB"])
    assert any(f.rule == "missing-glyph" for f in e.value.report.errors)
    assert not [k for k, _ in rep.events if k == "encoded"]
