"""Conforming 50/60 fps and variable-rate masters in frame-exact ranges, one per chunk:
the ranges together are bit for bit what one fps conversion of the whole film gives."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from screening_kit.build import build
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.plan import ChunkTask, ConformTask
from screening_kit.progress import RecordingReporter

from .conftest import ffmpeg, write_workspace
from .mediacheck import video_props

SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there\n\n"


def frame_md5s(*args: str) -> list[str]:
    out = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-nostdin", *args, "-pix_fmt", "yuv420p",
         "-f", "framemd5", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.rsplit(",", 1)[1].strip() for line in out.splitlines() if line[:1] != "#"]


def _source(path: Path, kind: str) -> None:
    src = ["-f", "lavfi", "-i"]
    enc = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if kind == "vfr":
        # 25 fps for a second, then frames 80 ms apart
        ffmpeg(*src, "testsrc2=s=320x180:r=25:d=5",
               "-vf", "setpts='if(lt(N,25),N/25,1+(N-25)*0.08)/TB'", "-fps_mode", "vfr",
               *enc, str(path))  # fmt: skip
    elif kind == "offset":
        # 50 fps whose first frame is at 0.3 s, B-frames: a muxing offset
        ffmpeg(*src, "testsrc2=s=320x180:r=50:d=6", *enc, "-bf", "3",
               "-output_ts_offset", "0.3", str(path))  # fmt: skip
    else:
        ffmpeg(*src, f"testsrc2=s=320x180:r={kind}:d=6", *enc, "-g", "50", str(path))


@pytest.mark.parametrize("kind", ["50", "60000/1001", "vfr", "offset"])
def test_conform_ranges_equal_one_whole_conversion(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "master.mp4"
    _source(src, kind)
    ws = write_workspace(tmp_path / "ws", src, cues={"en": SRT}, chunk_seconds=1.5)
    result = build(ws, reporter=RecordingReporter())
    tasks = list(result.plan.tasks.values())
    conforms = [t for t in tasks if isinstance(t, ConformTask)]
    chunks = [t for t in tasks if isinstance(t, ChunkTask)]
    fps = conforms[0].fps
    # one range per chunk, none longer than a chunk: no task dominates the critical path
    assert len(conforms) == len(chunks) >= 3
    assert [(c.start, c.frames) for c in conforms] == [(c.start, c.frames) for c in chunks]
    for chunk, conform in zip(chunks, conforms, strict=True):
        assert chunk.deps == (conform.key,) and chunk.source is None

    # the ranges in order are exactly one fps conversion of the whole master
    whole = frame_md5s("-copyts", "-i", str(src), "-map", "0:v:0", "-vf", f"fps={fps}")
    pieces: list[str] = []
    for c in conforms:
        pieces += frame_md5s("-i", str(result.cache_dir / "objects" / c.key[:2] / f"{c.key}.mp4"))
    total = sum(c.frames for c in conforms)
    assert len(whole) == total
    assert pieces == whole

    # the package: every frame, constant rate, exact duration
    out = result.out_dir / "EN" / "01_film.en.mp4"
    p = video_props(out)
    assert p.fps == fps
    assert p.frames == total
    assert abs(p.duration - float(Fraction(total) / fps)) < float(1 / fps)
