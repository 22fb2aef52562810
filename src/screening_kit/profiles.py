"""Playback profiles: what a file must be to play on a given kind of player.

A profile fixes the codec settings of every video piece (cards, film chunks,
slideshows) so that pieces can be joined by stream copy. Anything that changes
the encoded bits belongs in ``video_settings()``, which is part of every key.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .formats.containers import CONTAINERS
from .formats.encoders import AUDIO_ENCODERS, VIDEO_ENCODERS


def _aspect(value: str) -> str:
    if not re.match(r"^[1-9][0-9]{0,3}:[1-9][0-9]{0,3}$", value):
        raise ValueError(
            f"{value[:40]!r}: give the frame aspect as W:H, whole numbers above 0 (16:9)"
        )
    return value


class Profile(BaseModel):
    """A playback profile: what every file of a package is encoded as."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field("", description="Set from the key under `profiles`.")
    description: str = Field("", max_length=200, description="Free text.")
    # the encoders the command builders know; anything else would fail mid-build
    video_codec: Literal["libx264", "prores_ks"] = Field("libx264", description="Video encoder.")
    h264_profile: Literal["baseline", "main", "high"] | None = Field(
        "high", description="H.264 profile."
    )
    level: str | None = Field(
        "4.1", pattern=r"^[1-6](\.[0-2])?$", description="H.264 level the player supports."
    )
    pix_fmt: str = Field(
        "yuv420p", pattern=r"^[a-z0-9]{1,20}$", description="Pixel format; TVs need yuv420p."
    )
    max_width: int = Field(1920, gt=0, le=8192, description="Largest frame width.")
    max_height: int = Field(1080, gt=0, le=8192, description="Largest frame height.")
    aspect: Annotated[str, AfterValidator(_aspect)] = Field(
        "16:9", description="Frame aspect; sources of others are letter- or pillar-boxed."
    )
    max_fps: float = Field(
        30.0, gt=0, le=240, description="Highest frame rate; 50/60 is halved above."
    )
    crf: int = Field(20, ge=0, le=51, description="x264 quality (lower is better, bigger).")
    preset: Literal[
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
        "veryslow", "placebo",
    ] = Field("medium", description="x264 preset (speed against size).")  # fmt: skip
    maxrate_kbps: int | None = Field(16000, gt=0, description="Peak video bit rate.")
    bufsize_kbps: int | None = Field(32000, gt=0, description="Rate-control buffer.")
    gop_seconds: float = Field(2.0, gt=0, le=60, description="Seconds between keyframes.")
    prores_profile: int = Field(3, ge=0, le=5, description="ProRes profile (3 = 422 HQ).")
    audio_codec: Literal["aac", "pcm_s24le"] = Field("aac", description="Audio encoder.")
    audio_bitrate_kbps: int = Field(192, ge=32, le=1024, description="AAC bit rate.")
    audio_rate: int = Field(48000, ge=8000, le=192000, description="Audio sample rate (Hz).")
    audio_channels: int = Field(2, ge=1, le=8, description="Audio channels.")
    # the rows of formats.containers and formats.encoders that deliver video (a test
    # holds these Literals to those tables)
    container: Literal["mp4", "mov"] = Field("mp4", description="mp4 or mov.")
    warn_size_bytes: int | None = Field(
        4 * 1024**3, description="Warn about (or split) files over this size; 4 GiB is FAT32's."
    )

    @property
    def extension(self) -> str:
        return CONTAINERS[self.container].extension

    @model_validator(mode="after")
    def _codecs_fit_container(self) -> Profile:
        # ProRes in MP4 or PCM in MP4 would fail at the first join, minutes into a build
        for kind, enc in (
            ("video", VIDEO_ENCODERS[self.video_codec]),
            ("audio", AUDIO_ENCODERS[self.audio_codec]),
        ):
            if self.container not in enc.containers:
                raise ValueError(
                    f"{kind} codec {enc.name} cannot go in {self.container}: "
                    "use container " + " or ".join(c for c in enc.containers if CONTAINERS[c].video)
                )
        return self

    def frame_aspect(self) -> Fraction:
        w, h = self.aspect.split(":")
        return Fraction(int(w), int(h))

    def video_settings(self) -> dict[str, Any]:
        """Every setting that affects encoded video bits (part of content keys)."""
        d = self.model_dump(
            exclude={
                "name",
                "description",
                "audio_codec",
                "audio_bitrate_kbps",
                "audio_rate",
                "audio_channels",
                "warn_size_bytes",
            }
        )
        return d

    def audio_settings(self) -> dict[str, Any]:
        return {
            "codec": self.audio_codec,
            "bitrate": self.audio_bitrate_kbps,
            "rate": self.audio_rate,
            "channels": self.audio_channels,
        }


BUILTIN_PROFILES: dict[str, Profile] = {
    "tv-usb-1080p": Profile(
        name="tv-usb-1080p",
        description="TV USB players: H.264 High@4.1 <=1080p30, AAC-LC 48 kHz, MP4 faststart",
    ),
    "projector-1080p": Profile(
        name="projector-1080p",
        description="Projector/laptop: H.264 High@4.2 <=1080p60, higher quality",
        level="4.2",
        max_fps=60.0,
        crf=17,
        maxrate_kbps=20000,
        bufsize_kbps=40000,
    ),
    "web-720p": Profile(
        name="web-720p",
        description="Streaming/web: H.264 Main 1280x720",
        h264_profile="main",
        level="3.1",
        max_width=1280,
        max_height=720,
        crf=23,
        maxrate_kbps=5000,
        bufsize_kbps=10000,
        audio_bitrate_kbps=128,
    ),
    "archive-prores": Profile(
        name="archive-prores",
        description="Archive: ProRes 422 HQ, PCM 24-bit, MOV",
        video_codec="prores_ks",
        h264_profile=None,
        level=None,
        pix_fmt="yuv422p10le",
        max_fps=60.0,
        maxrate_kbps=None,
        bufsize_kbps=None,
        audio_codec="pcm_s24le",
        container="mov",
        warn_size_bytes=None,
    ),
}


@dataclass(frozen=True)
class OutputFormat:
    """The concrete frame an output piece is encoded at."""

    width: int
    height: int
    fps: Fraction

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fps"] = str(self.fps)
        return d


def _even(x: float) -> int:
    return max(2, round(x / 2) * 2)


STANDARD_RATES = tuple(
    Fraction(r) for r in ("24000/1001", "24", "25", "30000/1001", "30", "50", "60000/1001", "60")
)


def standard_rate(fps: Fraction) -> Fraction:
    """The standard frame rate nearest to ``fps`` (for conforming variable-rate sources)."""
    return min(STANDARD_RATES, key=lambda r: abs(r - fps) / r)


def output_fps(source_fps: Fraction, max_fps: float) -> Fraction:
    """Keep the source rate when allowed; halve 50/60 (exactly) when over the limit."""
    fps = source_fps
    while fps > Fraction(max_fps).limit_denominator(1001) + Fraction(1, 1000):
        fps = fps / 2
    return fps


def output_format(
    profile: Profile, width: int, height: int, sar: Fraction, fps: Fraction
) -> OutputFormat:
    """Smallest frame of the profile's aspect that holds the (downscaled) source."""
    aspect = profile.frame_aspect()
    disp_w = Fraction(width) * sar
    box_w = max(disp_w, Fraction(height) * aspect)
    box_w = min(box_w, Fraction(profile.max_width), Fraction(profile.max_height) * aspect)
    return OutputFormat(
        width=_even(float(box_w)),
        height=_even(float(box_w / aspect)),
        fps=output_fps(fps, profile.max_fps),
    )


def fit_inside(width: int, height: int, sar: Fraction, box_w: int, box_h: int) -> tuple[int, int]:
    """Display size of the source scaled to fit the box, aspect kept, even numbers."""
    disp_w = Fraction(width) * sar
    scale = min(Fraction(box_w) / disp_w, Fraction(box_h) / Fraction(height))
    return min(box_w, _even(float(disp_w * scale))), min(box_h, _even(float(height * scale)))
