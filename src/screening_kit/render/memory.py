"""A memory bound for the whole build, whatever ``--jobs`` says.

Each task's need is estimated before it starts (a photo from its header, an encode
from its frame size and x264 preset, as measured on 1080p builds: see
docs/scale.md), and the local pool starts a task only when its need fits in the
budget beside those running. A task that needs more than the budget alone runs
alone: it is never refused, the build just gets no parallelism while it runs."""

from __future__ import annotations

import os
import resource

from ..photos import photo_memory
from ..plan import (
    CardTask,
    ChunkTask,
    ConformTask,
    PhotoTask,
    SlideshowTask,
    Task,
    VideoPiece,
)

MiB = 2**20
# the whole build: this process and every ffmpeg it runs at once
BUILD_MEMORY = 1536 * MiB
MEMORY_ENV = "SCREENING_KIT_MEMORY_MIB"  # another bound, for a bigger or smaller machine

# frames x264 holds ahead (rc-lookahead of each preset, x264's own table)
LOOKAHEAD = {
    "ultrafast": 0, "superfast": 0, "veryfast": 10, "faster": 20, "fast": 30,
    "medium": 40, "slow": 50, "slower": 60, "veryslow": 60, "placebo": 60,
}  # fmt: skip
# x264 keeps per frame in flight about 4 bytes a pixel (planes, half-pel planes,
# the low-resolution lookahead copy): 1080p at medium peaked at 525-560 MiB
X264_BYTES_PER_PIXEL = 4
X264_FRAMES_BESIDE_LOOKAHEAD = 16  # references, B-frames, frame threads
FFMPEG_BASE = 60 * MiB  # a process with its libraries, codecs and buffers
# a slideshow piece's filter graph keeps frames of every clip queued before its
# crossfade: the 1080p demo's 6-photo piece peaked at 760-814 MiB
SLIDE_BYTES_PER_CANVAS_PIXEL = 18  # per clip: the RGB still and ~10 queued yuv420p frames
SMALL_TASK = 100 * MiB  # loudness measures peaked at 84 MiB, stream copies at 46


def build_budget() -> int:
    """The bytes the build's tasks may use together: the build's bound (or the one
    ``SCREENING_KIT_MEMORY_MIB`` sets) less what this process holds already."""
    said = os.environ.get(MEMORY_ENV, "").strip()
    bound = int(said) * MiB if said.isdigit() and int(said) > 0 else BUILD_MEMORY
    return max(0, bound - resident_bytes())


def resident_bytes() -> int:
    """This process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _x264(width: int, height: int, preset: str) -> int:
    frames = LOOKAHEAD.get(preset, 60) + X264_FRAMES_BESIDE_LOOKAHEAD
    return FFMPEG_BASE + width * height * X264_BYTES_PER_PIXEL * frames


def task_memory(task: Task) -> int:
    """Bytes ``task`` holds at its peak (its ffmpeg, or this process for a photo)."""
    if isinstance(task, PhotoTask):
        return photo_memory(task.source, task.canvas)
    if isinstance(task, VideoPiece):
        fmt = task.fmt
        if task.profile.video_codec == "libx264":
            need = _x264(fmt.width, fmt.height, task.profile.preset)
        else:  # ProRes: intra-only, no frames held
            need = FFMPEG_BASE + fmt.width * fmt.height * 8 * 4
        if isinstance(task, SlideshowTask):
            cw, ch = task.canvas
            need += len(task.clips) * cw * ch * SLIDE_BYTES_PER_CANVAS_PIXEL
        elif isinstance(task, ChunkTask | CardTask):
            need += fmt.width * fmt.height * 4 * 8  # the decoder's frames (film, background)
        return need
    if isinstance(task, ConformTask):  # lossless ultrafast: no lookahead, source size
        return 300 * MiB
    return SMALL_TASK  # audio, stream copies, muxes


class MemoryGate:
    """Admits tasks while their needs fit the budget together; the first always."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = build_budget() if budget is None else budget
        self.in_use = 0
        self.held: dict[str, int] = {}

    def admit(self, ready: list[Task], slots: int) -> list[Task]:
        """Of ``ready`` (in order of preference), those to start now, at most ``slots``.
        A task that does not fit waits; smaller ones behind it may start meanwhile."""
        chosen: list[Task] = []
        for task in ready:
            if len(chosen) >= slots:
                break
            need = task_memory(task)
            if (self.held or chosen) and self.in_use + need > self.budget:
                continue
            chosen.append(task)
            self.held[task.key] = need
            self.in_use += need
        return chosen

    def release(self, task: Task) -> None:
        self.in_use -= self.held.pop(task.key, 0)
