"""Point 4: a 5.1 or 7.1 master is mixed down to stereo *before* loudness is measured
and normalised, so the delivered stereo is at -23 LUFS, and package.json records
what the delivered file measures, not the target."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from screening_kit.build import build
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.progress import RecordingReporter

from ..conftest import ffmpeg, write_workspace

SRT = "1\n00:00:01,000 --> 00:00:02,000\nHi\n"
# dialogue in the centre, music in the fronts, ambience in the surrounds; levels that
# change over time (loudnorm stays linear only with a loudness range)
SURROUND = {
    "5.1": "FL|FR|FC|LFE|BL|BR",
    "7.1": "FL|FR|FC|LFE|BL|BR|SL|SR",
}


def _expr(channel: str) -> str:
    swell = "(0.2+0.8*t/6)"
    return {
        "FC": f"0.3*{swell}*sin(2*PI*440*t)",
        "LFE": "0.3*sin(2*PI*50*t)",
        "FL": "0.1*sin(2*PI*330*t)",
        "FR": "0.1*sin(2*PI*350*t)",
    }.get(channel, f"0.15*{swell}*sin(2*PI*{600 + len(channel) * 37}*t)")


def master(path: Path, layout: str, codec: str) -> Path:
    exprs = "|".join(_expr(c) for c in SURROUND[layout].split("|"))
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=6",
        "-f", "lavfi", "-i", f"aevalsrc=exprs={exprs}:channel_layout={layout}:s=48000:d=6",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", codec, "-shortest", str(path),
    )  # fmt: skip
    return path


def ebur128(path: Path) -> tuple[float, float]:
    said = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-vn",
         "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    i = float(re.findall(r"^\s*I:\s+(\S+) LUFS", said, re.M)[-1])
    tp = float(re.findall(r"^\s*Peak:\s+(\S+) dBFS", said, re.M)[-1])
    return i, tp


@pytest.mark.parametrize(
    "layout,codec,name", [("5.1", "ac3", "m51.mp4"), ("7.1", "aac", "m71.mp4")]
)
def test_surround_master_is_delivered_at_the_target(
    tmp_path: Path, layout: str, codec: str, name: str
) -> None:
    src = master(tmp_path / name, layout, codec)
    ws = write_workspace(tmp_path / "ws", src, cues={"en": SRT})
    result = build(ws, reporter=RecordingReporter())
    delivered = result.out_dir / "EN" / "01_film.en.mp4"
    measured_i, measured_tp = ebur128(delivered)
    assert abs(measured_i + 23) <= 1.0, measured_i
    record = json.loads((result.out_dir / "EN" / "package.json").read_text("utf-8"))
    rec = record["loudness"]["film"]
    assert rec["normalization_type"] == "linear"
    # what package.json says is what the delivered file measures
    assert abs(rec["output_i"] - measured_i) <= 0.1, (rec, measured_i)
    assert abs(rec["output_tp"] - measured_tp) <= 0.1, (rec, measured_tp)
