"""What a file is made of: containers (extension, muxer, options) and encoders.

Each fact about a container or an encoder is written once here and looked up by
the planner (file extensions), the command builders (muxer, faststart, timescale,
encoder options) and packaging (split parts, play-all). A new output format is a
row in ``containers.CONTAINERS`` and, for a new codec, one in ``encoders``."""

from .containers import CONTAINERS, Container, by_extension, container
from .encoders import AUDIO_ENCODERS, VIDEO_ENCODERS, AudioEncoder, VideoEncoder

__all__ = [
    "AUDIO_ENCODERS",
    "CONTAINERS",
    "VIDEO_ENCODERS",
    "AudioEncoder",
    "Container",
    "VideoEncoder",
    "by_extension",
    "container",
]
