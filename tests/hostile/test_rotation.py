"""Point 3: a phone film recorded sideways (display matrix, or the older `rotate`
tag) is planned at its upright size and pillar-boxed, not squeezed to 16:9."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from screening_kit.build import build
from screening_kit.media import probe_video
from screening_kit.progress import RecordingReporter

from ..conftest import ffmpeg, write_workspace
from ..mediacheck import frame_at, video_props

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHi\n"


def sideways(path: Path, rate: str, how: str) -> Path:
    """A 320x180 coded picture, left half white and right half blue, stored with a
    quarter turn: ``matrix`` (display matrix, 90° counter-clockwise) or ``tag``
    (a Matroska ``rotate=90`` tag, clockwise, which ffmpeg itself ignores)."""
    coded = path.with_name("coded.mp4")
    ffmpeg(
        "-f", "lavfi", "-i", f"color=c=blue:s=320x180:r={rate}:d=3,"
        "drawbox=x=0:y=0:w=160:h=180:color=white:t=fill",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
        str(coded),
    )  # fmt: skip
    if how == "matrix":
        ffmpeg("-display_rotation", "90", "-i", str(coded), "-c", "copy", str(path))
    else:
        ffmpeg("-i", str(coded), "-c", "copy", "-metadata:s:v", "rotate=90", str(path))
    return path


@pytest.mark.parametrize(
    "how,rate,white_on_top",
    [
        # 90° counter-clockwise: the coded left edge ends at the bottom
        ("matrix", "25", False),
        # 90° clockwise: the coded left edge ends on top; 50 fps is conformed to 25 first
        ("tag", "50", True),
    ],
)
def test_sideways_film_is_upright_and_pillarboxed(
    tmp_path: Path, how: str, rate: str, white_on_top: bool
) -> None:
    src = sideways(tmp_path / ("phone.mp4" if how == "matrix" else "phone.mkv"), rate, how)
    facts = probe_video(src)
    assert facts.display_size[:2] == (180, 320)
    # 1 s chunks: the chunks after the first are read through the -ss seek path
    ws = write_workspace(tmp_path / "ws", src, cues={"en": SRT}, chunk_seconds=1)
    result = build(ws, reporter=RecordingReporter())
    out = result.out_dir / "EN" / "01_film.en.mp4"
    props = video_props(out)
    assert (props.width, props.height, props.sar) == (320, 180, 1)
    assert props.frames == 75
    for t in (0.2, 1.2, 2.6):  # first chunk, then chunks read after a seek
        frame = frame_at(out, t).astype(int)
        lit = np.argwhere(frame.max(axis=2) > 40)  # the picture; the bars are black
        (y0, x0), (y1, x1) = lit.min(axis=0), lit.max(axis=0)
        width, height = x1 - x0 + 1, y1 - y0 + 1
        assert height == 180 and 96 <= width <= 106, (t, width, height)  # 180 * 9/16 = 101
        assert abs((x0 + x1) / 2 - 160) <= 2  # centred: pillar-boxed
        top, bottom = frame[5, 160], frame[175, 160]
        white, blue = (top, bottom) if white_on_top else (bottom, top)
        assert white.min() > 200, (t, white)
        assert blue[2] > 150 and blue[0] < 80, (t, blue)
