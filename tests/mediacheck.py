"""Reading real properties back from output files, for assertions in tests."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


@dataclass
class VideoProps:
    codec: str
    profile: str | None
    level: int
    pix_fmt: str
    width: int
    height: int
    sar: Fraction
    fps: Fraction
    frames: int
    duration: float
    interlaced: bool
    audio_codec: str | None
    audio_profile: str | None
    audio_rate: int | None
    audio_channels: int | None


def video_props(path: Path) -> VideoProps:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        frames = sum(1 for p in c.demux(v) if p.size)
        c.seek(0)
        first = next(c.decode(video=0))
        a = c.streams.audio[0] if c.streams.audio else None
        return VideoProps(
            codec=v.codec_context.name,
            profile=v.codec_context.profile,
            level=v.codec_context.level,
            pix_fmt=v.codec_context.pix_fmt or "",
            width=v.width,
            height=v.height,
            sar=Fraction(v.sample_aspect_ratio) if v.sample_aspect_ratio else Fraction(1),
            fps=Fraction(v.average_rate) if v.average_rate else Fraction(0),
            frames=frames,
            duration=float(c.duration or 0) / 1e6,
            interlaced=bool(first.interlaced_frame),
            audio_codec=a.codec_context.name if a else None,
            audio_profile=a.codec_context.profile if a else None,
            audio_rate=a.rate if a else None,
            audio_channels=a.channels if a else None,
        )


def top_level_boxes(path: Path) -> list[str]:
    """MP4/MOV top-level box types in file order."""
    boxes = []
    with path.open("rb") as f:
        while True:
            head = f.read(8)
            if len(head) < 8:
                break
            size, kind = struct.unpack(">I4s", head)
            boxes.append(kind.decode("latin-1"))
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
                f.seek(size - 16, 1)
            elif size == 0:
                break
            else:
                f.seek(size - 8, 1)
    return boxes


def frame_at(path: Path, t: float) -> np.ndarray:
    """The RGB frame shown at time ``t`` (the last frame with pts <= t)."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        best = None
        for frame in c.decode(v):
            if frame.time is not None and frame.time > t + 1e-6:
                break
            best = frame
        assert best is not None
        return best.to_ndarray(format="rgb24")


def changed_fraction(a: np.ndarray, b: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share of pixels in box (x0, y0, x1, y1) that differ strongly between frames."""
    x0, y0, x1, y1 = box
    da = a[y0:y1, x0:x1].astype(int)
    db = b[y0:y1, x0:x1].astype(int)
    return float((np.abs(da - db).max(axis=2) > 60).mean())
