"""Point 15: a workspace path with a newline, quotes, spaces and non-ASCII letters
builds end to end: the concat scripts (the film's join, play-all; slideshow loops
use the same function) name their parts relative to the script, never by the
workspace's path."""

from __future__ import annotations

import json
from pathlib import Path

from screening_kit.build import build
from screening_kit.demo import make_demo
from screening_kit.progress import RecordingReporter
from screening_kit.verify import verify_package

from ..conftest import shrink_workspace
from ..mediacheck import video_props


def test_workspace_path_with_newline_and_quotes_builds(tmp_path: Path) -> None:
    root = tmp_path / 'Cérémonie \'du\n"soir"' / "ws"
    make_demo(root, seconds=4, width=320, height=180)
    shrink_workspace(root)

    result = build(root, countries=["GB"], reporter=RecordingReporter(), force=True, play_all=True)

    package = result.out_dir / "GB"
    report = verify_package(package)
    assert report.ok, report.faults
    doc = json.loads((package / "package.json").read_text("utf-8"))
    names = [f["name"] for f in doc["files"]]
    assert names[:3] == ["00_play-all.mp4", "01_photos.mp4", "02_documentary.en.mp4"]
    film = next(f for f in doc["files"] if f["kind"] == "film")
    assert video_props(package / film["name"]).frames == round(film["duration"] * 25)
    played = sum(f["duration"] * f["repeat"] for f in doc["files"] if f["kind"] != "play-all")
    assert abs(video_props(package / "00_play-all.mp4").duration - played) < 0.1
