"""The encoders a profile can name, with what each needs from the command line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VideoEncoder:
    name: str  # ffmpeg's -c:v
    containers: tuple[str, ...]  # containers (formats.containers) that hold it
    # the keyframe interval, rate control, H.264 profile/level (x264 options), or the
    # ProRes profile: which of the profile's settings the encoder reads
    family: str  # "x264" | "prores"


@dataclass(frozen=True)
class AudioEncoder:
    name: str  # ffmpeg's -c:a
    containers: tuple[str, ...]
    bitrate: bool  # takes -b:a (lossless PCM does not)


VIDEO_ENCODERS: dict[str, VideoEncoder] = {
    "libx264": VideoEncoder("libx264", ("mp4", "mov"), "x264"),
    "prores_ks": VideoEncoder("prores_ks", ("mov",), "prores"),
}

AUDIO_ENCODERS: dict[str, AudioEncoder] = {
    "aac": AudioEncoder("aac", ("mp4", "mov", "mka"), bitrate=True),
    "pcm_s24le": AudioEncoder("pcm_s24le", ("mov", "mka"), bitrate=False),
}
