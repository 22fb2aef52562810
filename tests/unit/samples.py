"""One task of every kind, with fixed fields: the unit tests' known tasks."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from screening_kit.photos import Canvas
from screening_kit.plan import (
    AudioTask,
    CardTask,
    ChunkTask,
    ConformTask,
    JoinTask,
    LoopTask,
    MuxTask,
    PackageItem,
    PhotoTask,
    PlayAllTask,
    SlideClip,
    SlideshowTask,
    SoundtrackTask,
    SplitTask,
    Task,
)
from screening_kit.profiles import BUILTIN_PROFILES, OutputFormat

TV = BUILTIN_PROFILES["tv-usb-1080p"]
FMT = OutputFormat(1920, 1080, Fraction(25))
A, B, C = "a" * 40, "b" * 40, "c" * 40  # keys of dependencies
FONTS = Path("/cache/fonts/f0")
ASS = "[Script Info]\nPlayResX: 1920\n"


def tasks(profile_name: str = "tv-usb-1080p") -> dict[str, Task]:
    """Every task kind, at ``profile_name``'s settings."""
    p = BUILTIN_PROFILES[profile_name]
    item = PackageItem(1, "film", "doc", "Doc", A, p.extension, Fraction(10), 1, "en", ())
    return {
        "conform": ConformTask(
            label="conform", deps=(), work=50, source=Path("/ws/films/doc.mp4"),
            source_id="f" * 64, fps=Fraction(25), frames=50, start=100, grid_offset=1,
        ),
        "chunk": ChunkTask(
            label="chunk", deps=(), work=50, fmt=FMT, profile=p, frames=50,
            source=Path("/ws/films/doc.mp4"), source_id="f" * 64, start=100,
            src_fps=Fraction(25), scaled=(1920, 1080), ass=ASS, fonts_dir=FONTS, font_id="f0",
        ),
        "card": CardTask(
            label="card", deps=(), work=75, fmt=FMT, profile=p, frames=75, ass=ASS,
            fonts_dir=FONTS, font_id="f0", fade_frames=10, background="black",
        ),
        "slideshow": SlideshowTask(
            label="slides", deps=(A, B), work=45, fmt=FMT, profile=p, frames=45,
            canvas=(2304, 1296),
            clips=(
                SlideClip(1, 20, 5, 25, (0.0, 0.0, 1.0, 1.0), (0.1, 0.1, 0.8, 0.8)),
                SlideClip(0, 0, 25, 25, (0.0, 0.0, 1.0, 1.0), (0.0, 0.0, 1.0, 1.0)),
                SlideClip(1, 0, 20, 25, (0.0, 0.0, 1.0, 1.0), (0.1, 0.1, 0.8, 0.8)),
            ),
            xfade_frames=5, ass=None, fonts_dir=None, font_id=None,
        ),
        "photo": PhotoTask(
            label="photo", deps=(), work=0, source=Path("/ws/photos/1.jpg"),
            source_id="e" * 64, canvas=Canvas(2304, 1296, "blur"),
        ),
        "audio": AudioTask(
            label="audio", deps=(), work=5, source=Path("/ws/films/doc.mp4"),
            source_id="f" * 64, has_audio=True, samples=480000, rate=48000, channels=2,
            loudnorm=(-23.0, -1.0, 11.0),
        ),
        "join": JoinTask(
            label="join", deps=(A, B), work=0, fps=Fraction(25), frames=125,
            container=p.container,
        ),
        "soundtrack": SoundtrackTask(
            label="soundtrack", deps=(C,), work=0, lead_samples=96000,
            total_samples=576000, profile=p,
        ),
        "mux": MuxTask(
            label="mux", deps=(A, C), work=0, profile=p, duration=Fraction(12)
        ),
        "loop": LoopTask(
            label="loop", deps=(A,), work=0, repeats=3, frames=375, container=p.container
        ),
        "play-all": PlayAllTask(
            label="play-all", deps=(A,), work=0, country="GB", items=(item, item),
            limit=p.warn_size_bytes,
        ),
        "split": SplitTask(label="split", deps=(A,), work=0, limit=4 * 1024**3),
    }  # fmt: skip
