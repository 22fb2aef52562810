"""Files too big for a FAT32 stick: split at keyframes by stream copy, or warned about."""

from __future__ import annotations

import json
from pathlib import Path

import av

from screening_kit.build import build
from screening_kit.package import part_name
from screening_kit.progress import RecordingReporter
from screening_kit.verify import verify_package

from .conftest import TEST_PROFILE, write_workspace
from .mediacheck import video_props

SRT = "1\n00:00:01,000 --> 00:00:03,000\nHello there\n"
LIMIT = 200_000  # bytes: stands in for FAT32's 4 GiB


def make(tmp_path: Path, make_video, split: bool) -> Path:  # type: ignore[no-untyped-def]
    src = make_video("film.mp4", seconds=8)
    ws = write_workspace(
        tmp_path / "ws", src, cues={"en": SRT},
        profile={**TEST_PROFILE, "warn_size_bytes": LIMIT, "crf": 14},
    )  # fmt: skip
    result = build(ws, reporter=RecordingReporter(), split_large_files=split)
    return result.out_dir / "EN"


def test_part_names_sort_in_playing_order() -> None:
    names = [part_name("02_film.en.mp4", k, 12) for k in range(12)]
    assert names[0] == "02_film.en.part01.mp4"
    assert sorted(names) == names
    assert all(n < "03_" for n in names)


def test_large_file_is_split_into_playable_parts(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    pkg = make(tmp_path, make_video, split=True)
    parts = sorted(p for p in pkg.iterdir() if p.suffix == ".mp4")
    assert len(parts) >= 2
    assert [p.name for p in parts] == [
        part_name("01_film.en.mp4", k, len(parts)) for k in range(len(parts))
    ]
    frames = 0
    for p in parts:
        assert p.stat().st_size <= LIMIT
        props = video_props(p)
        assert props.audio_codec == "aac" and props.profile == "High"
        with av.open(str(p)) as c:
            first = next(pk for pk in c.demux(c.streams.video[0]) if pk.size)
            assert first.is_keyframe  # each part starts on a picture of its own
        frames += props.frames
    assert frames == 8 * 25  # every frame, once
    m3u = (pkg / "ceremony.m3u8").read_text("utf-8").splitlines()
    assert [line for line in m3u if line.endswith(".mp4")] == [p.name for p in parts]
    doc = json.loads((pkg / "package.json").read_text("utf-8"))
    assert [f["part"] for f in doc["files"]] == list(range(1, len(parts) + 1))
    assert abs(sum(f["duration"] for f in doc["files"]) - 8.0) <= 0.05
    assert not [w for w in doc["warnings"] if "FAT32" in w]
    report = verify_package(pkg)
    assert report.ok, report


def test_without_splitting_a_large_file_is_warned_about(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    pkg = make(tmp_path, make_video, split=False)
    assert [p.name for p in pkg.iterdir() if p.suffix == ".mp4"] == ["01_film.en.mp4"]
    doc = json.loads((pkg / "package.json").read_text("utf-8"))
    assert any("01_film.en.mp4" in w and "--split-large-files" in w for w in doc["warnings"])
