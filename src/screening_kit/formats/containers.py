"""The containers files are written in: one row per container, read everywhere a
file's extension, muxer or muxer options are needed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Container:
    name: str  # as a profile names it (`container:`)
    extension: str  # with the dot
    muxer: str  # ffmpeg's -f
    # moov atom first (-movflags +faststart): a TV starts playing before reading it all
    faststart: bool
    # the ISO-BMFF track timescale can be set (-video_track_timescale) so every frame
    # lasts whole ticks (render.commands.timescale) and pieces join by stream copy
    track_timescale: bool
    video: bool = True  # holds the picture (delivery files, pieces, joins)


CONTAINERS: dict[str, Container] = {
    "mp4": Container("mp4", ".mp4", "mp4", faststart=True, track_timescale=True),
    "mov": Container("mov", ".mov", "mov", faststart=True, track_timescale=True),
    # intermediates: the loudness-normalised film audio, and the soundtrack in a
    # container that holds AAC and PCM alike
    "flac": Container("flac", ".flac", "flac", False, False, video=False),
    "mka": Container("mka", ".mka", "matroska", False, False, video=False),
    # the index of a file made of parts (play-all, a file split for FAT32): a concat
    # script naming the parts, which are objects of their own (formats: ffconcat)
    "ffconcat": Container("ffconcat", ".ffconcat", "concat", False, False, video=False),
    # a prepared photo (written by Pillow, read by ffmpeg's image2 demuxer)
    "png": Container("png", ".png", "image2", False, False),
}

# a lossless constant-rate copy of a source (ConformTask) is always this
INTERMEDIATE = CONTAINERS["mp4"]


def container(name: str) -> Container:
    return CONTAINERS[name]


def by_extension(ext: str) -> Container:
    """The container of a file named ``*.ext`` (``.mov`` or ``mov``)."""
    ext = ext if ext.startswith(".") else "." + ext
    for c in CONTAINERS.values():
        if c.extension == ext:
            return c
    raise KeyError(f"no container for {ext!r} files")
