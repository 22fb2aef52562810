"""Split a file too large for a FAT32 stick into parts, by stream copy, at keyframes.

Every chunk boundary of a film (and every GOP start) is an IDR frame, so a part
cut there starts with a picture and plays on its own; nothing is re-encoded.
The audio of each part is cut at the audio packet nearest the cut (within 21 ms).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from .. import ffmpeg as ff
from ..cache import Cache, content_key
from ..errors import RenderError
from ..formats.containers import by_extension
from ..media import count_video_frames

# parts are cut below the limit with this much room for container overhead
HEADROOM = 0.97


@dataclass(frozen=True)
class SplitPart:
    path: Path
    duration: Fraction
    frames: int


def keyframe_sizes(path: Path) -> tuple[list[Fraction], list[int]]:
    """Start times of the file's keyframes and the bytes (video and audio) from each
    keyframe to the next, read by demuxing only (no decode)."""
    times, sizes = [Fraction(0)], [0]
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        tb = Fraction(v.time_base) if v.time_base else Fraction(1, 90000)
        for packet in c.demux():
            if not packet.size:
                continue
            if packet.stream.type == "video" and packet.is_keyframe:
                t = Fraction(packet.pts or 0) * tb
                if t > times[-1]:
                    times.append(t)
                    sizes.append(0)
            sizes[-1] += packet.size
    return times, sizes


def cut_times(times: list[Fraction], sizes: list[int], limit: int) -> list[Fraction]:
    """Keyframe times to cut at so that each part stays under ``limit`` bytes."""
    budget = int(limit * HEADROOM)
    cuts: list[Fraction] = []
    part = 0
    for t, size in zip(times, sizes, strict=True):
        if part and part + size > budget:
            cuts.append(t)
            part = 0
        if size > budget:
            raise RenderError(
                f"one GOP of {size / 1e6:.0f} MB is larger than the split limit",
                command="(split planning)",
                stderr_tail="",
            )
        part += size
    return cuts


def split_command(src: Path, pattern: Path, cuts: list[Fraction], fps: Fraction) -> list[str]:
    # the segment muxer cuts at the first keyframe at or after each time: ask a
    # quarter frame early so rounding can never push a cut to the next GOP
    times = ",".join(f"{float(t - 1 / (4 * fps)):.6f}" for t in cuts)
    box = by_extension(src.suffix)
    return [
        *ff.base_args(), "-v", "error", "-i", str(src), "-map", "0", "-c", "copy",
        "-f", "segment", "-segment_times", times, "-reset_timestamps", "1",
        "-segment_format", box.muxer,
        *(["-segment_format_options", "movflags=+faststart"] if box.faststart else []),
        str(pattern),
    ]  # fmt: skip


def split_file(
    cache: Cache, key: str, ext: str, limit: int, base: str | None = None
) -> list[SplitPart]:
    """The cache object ``key`` in parts under ``limit`` bytes, cached themselves as
    ``base + "000"``... (``base``: the plan's SplitTask for it); parts already there
    intact are reused."""
    src = cache.path(key, ext)
    if src.stat().st_size <= limit:
        raise ValueError("split_file called for a file under the limit")
    base = base or content_key("split", {"of": key, "limit": limit})
    first = f"{base}000"
    if cache.intact(first, ext):
        n = int(cache.meta(first)["parts"])
        keys = [f"{base}{i:03d}" for i in range(n)]
        if all(cache.intact(k, ext) for k in keys):
            return [
                SplitPart(
                    cache.path(k, ext),
                    Fraction(cache.meta(k)["duration"]),
                    int(cache.meta(k)["frames"]),
                )
                for k in keys
            ]

    times, sizes = keyframe_sizes(src)
    cuts = cut_times(times, sizes, limit)
    with av.open(str(src)) as c:
        fps = Fraction(c.streams.video[0].average_rate or 25)
    with cache.scratch() as work:
        pattern = work / f"part%03d{ext}"
        argv = split_command(src, pattern, cuts, fps)
        ff.run(argv, what=f"split {src.name}")
        made = sorted(work.glob(f"part*{ext}"))
        if len(made) != len(cuts) + 1:
            raise RenderError(
                f"splitting made {len(made)} parts, expected {len(cuts) + 1}",
                command=" ".join(argv),
                stderr_tail="",
            )
        parts = []
        for i, tmp in enumerate(made):
            frames = count_video_frames(tmp)
            duration = Fraction(frames) / fps
            if tmp.stat().st_size > limit:
                raise RenderError(
                    f"part {i + 1} is {tmp.stat().st_size} bytes, over the limit {limit}",
                    command=" ".join(argv),
                    stderr_tail="",
                )
            part_key = f"{base}{i:03d}"
            final = cache.path(part_key, ext)
            final.parent.mkdir(parents=True, exist_ok=True)
            staged = final.with_name(f".tmp-{part_key}-{os.getpid()}{ext}")
            shutil.move(tmp, staged)
            meta = {"kind": "SplitPart", "of": key, "duration": str(duration), "frames": frames,
                    "parts": len(made)}  # fmt: skip
            cache.commit(staged, part_key, ext, meta)
            parts.append(SplitPart(final, duration, frames))
    return parts
