"""Cache housekeeping: stats count what the workspace uses; prune removes only the rest."""

from __future__ import annotations

import os
import time
from pathlib import Path

from click.testing import CliRunner

from screening_kit.build import build
from screening_kit.cli import main
from screening_kit.progress import RecordingReporter

from .conftest import write_workspace

SRT = "1\n00:00:00,500 --> 00:00:01,500\nOne\n\n2\n00:00:02,500 --> 00:00:03,500\nTwo\n"


def objects(ws: Path) -> set[str]:
    root = ws / ".screening-kit" / "cache" / "objects"
    return {
        p.name
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(".json") and not p.name.startswith(".")
    }


def test_stats_and_prune_after_an_edit(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    ws = write_workspace(tmp_path / "ws", make_video(seconds=4), cues={"en": SRT})
    build(ws, reporter=RecordingReporter())
    before = objects(ws)
    runner = CliRunner()
    stats = runner.invoke(main, ["cache", "stats", str(ws)])
    assert stats.exit_code == 0, stats.output
    n = len([o for o in before if not o.endswith(".thumb.jpg")])
    assert f"{n} objects" in stats.output
    assert f"used by this workspace: {n} objects" in stats.output

    srt = ws / "subtitles" / "film" / "en.srt"
    srt.write_text(SRT.replace("Two", "Two, fixed"), "utf-8")
    build(ws, reporter=RecordingReporter())
    after = objects(ws)
    new = after - before
    # one chunk, the join and the final file (and its thumbnail) are new
    assert len([o for o in new if not o.endswith(".thumb.jpg")]) == 3

    stats = runner.invoke(main, ["cache", "stats", str(ws)])
    assert "unused: 3 " in stats.output

    stale = ws / ".screening-kit" / "cache" / "objects" / "ab" / ".tmp-abandoned.mp4"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"x")
    old = time.time() - 7 * 3600
    os.utime(stale, (old, old))
    fresh = stale.with_name(".tmp-running.mp4")
    fresh.write_bytes(b"x")

    dry = runner.invoke(main, ["cache", "prune", str(ws), "--dry-run"])
    assert "would remove" in dry.output
    assert objects(ws) == after

    pruned = runner.invoke(main, ["cache", "prune", str(ws)])
    assert pruned.exit_code == 0, pruned.output
    removed = after - objects(ws)
    # the three superseded objects (and the old final file's thumbnail) went; nothing new did
    assert removed <= before
    assert len([o for o in removed if not o.endswith(".thumb.jpg")]) == 3
    assert not stale.exists() and fresh.exists()

    again = RecordingReporter()
    build(ws, reporter=again)
    assert again.of("encoded") == []


def test_build_from_a_relative_workspace_path(
    tmp_path: Path,
    make_video,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """`screening-kit build demo-workspace`, as the README says: ffmpeg runs in a scratch
    folder, so no path handed to it may be relative."""
    write_workspace(tmp_path / "ws", make_video(seconds=4), cues={"en": SRT})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "ws", "--out", "out", "--cache", "cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "EN" / "01_film.en.mp4").is_file()
    assert (tmp_path / "cache" / "objects").is_dir()
