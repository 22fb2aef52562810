"""Facts about media files, read with PyAV (the ffmpeg wheel ships no ffprobe)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from . import masters
from .errors import ConfigError, InputError, MachineError, MediaError


@dataclass(frozen=True)
class VideoFacts:
    width: int
    height: int
    sar: Fraction
    fps: Fraction  # average rate: frames / duration
    nominal_fps: Fraction  # the stream's declared rate (r_frame_rate)
    frames: int
    duration: Fraction  # frames / fps
    codec: str
    has_audio: bool
    audio_rate: int | None
    audio_channels: int | None
    # packet timestamps not on a constant grid (needs conforming first)
    variable_rate: bool
    # audio start minus video start, seconds: masters often carry a muxing offset
    audio_offset: Fraction = Fraction(0)
    keyframes: tuple[int, ...] = ()  # display-order frame indices
    color_matrix: str | None = None  # "bt709", "bt601", "bt2020"...; None: not tagged
    # clockwise degrees (0, 90, 180, 270) the coded picture is turned for display:
    # phones record sideways and store the turn as a display matrix or `rotate` tag
    rotation: int = 0
    # ffmpeg turns frames by the display matrix as it decodes (autorotate); a bare
    # `rotate` tag it ignores, so the film's filter graph turns those itself
    rotation_by_ffmpeg: bool = True

    @property
    def display_size(self) -> tuple[int, int, Fraction]:
        """Width, height and pixel aspect of the picture as it is meant to be seen."""
        if self.rotation in (90, 270):
            return self.height, self.width, 1 / self.sar
        return self.width, self.height, self.sar

    @property
    def turn(self) -> int:
        """Clockwise degrees our filter graph must turn decoded frames (0: none, or
        ffmpeg does it)."""
        return 0 if self.rotation_by_ffmpeg else self.rotation

    video_start: Fraction = Fraction(0)  # first frame's timestamp, seconds
    longest_frame: Fraction = Fraction(0)  # longest gap between two frames, seconds
    # the streams that are the film (0:v:N, 0:a:N) and why (masters.choose_*)
    video_stream: int = 0
    audio_stream: int = 0
    streams_note: str = ""
    interlace: str | None = None  # "tff" / "bff": deinterlaced when read
    interlace_from: str = ""  # "the stream" or "idet" (the stream did not say)
    transfer: str | None = None  # "pq" / "hlg": HDR, tone-mapped to SDR when read
    timecode: bool = False  # a timecode tag or track (never copied into renders)

    @property
    def is_bt709(self) -> bool:
        """Tagged BT.709, or untagged HD (which players, and HD practice, take as BT.709)."""
        if self.color_matrix is None:
            return self.height >= 720
        return self.color_matrix == "bt709"


def _count_packets(
    container: av.container.InputContainer, index: int
) -> tuple[int, bool, tuple[int, ...], int, int]:
    """Demux the video (no decode): frame count, whether the timestamps leave a constant
    grid, the display-order indices of keyframes, the longest step and the span from
    the first frame to the end of the last (time base units)."""
    stream = container.streams.video[index]
    packets: list[tuple[int, bool]] = []
    last = (0, 0)  # the latest packet's timestamp and duration
    for packet in container.demux(stream):
        if packet.pts is not None and packet.size:
            packets.append((packet.pts, bool(packet.is_keyframe)))
            last = max(last, (packet.pts, packet.duration or 0))
    packets.sort()
    pts = [p for p, _ in packets]
    steps = {b - a for a, b in itertools.pairwise(pts)}
    vfr = len(steps) > 1 and (max(steps) - min(steps)) > max(1, min(steps) // 10)
    keyframes = tuple(i for i, (_, key) in enumerate(packets) if key)
    # a last frame held long (screen recordings) counts as long as it is shown
    span = pts[-1] - pts[0] + (last[1] or min(steps, default=0)) if pts else 0
    return len(pts), vfr, keyframes, max(steps, default=0), span


# H.273 matrix coefficients as PyAV reports them; 2 is "unspecified"
_MATRICES: dict[int, str | None] = {
    0: None, 1: "bt709", 2: None, 4: "fcc", 5: "bt601", 6: "bt601", 7: "smpte240m",
    9: "bt2020", 10: "bt2020",
}  # fmt: skip


def _start(stream: av.stream.Stream) -> Fraction | None:
    if stream.start_time is None or stream.time_base is None:
        return None
    return stream.start_time * Fraction(stream.time_base)


def _rotation(stream: av.video.stream.VideoStream, first: av.VideoFrame) -> tuple[int, bool]:
    """(clockwise degrees, whether ffmpeg's autorotate applies it).

    The display matrix (on the decoded frame) counts counter-clockwise; the old
    ``rotate`` tag counts clockwise. Anything not a right angle is rounded to one."""
    ccw = float(first.rotation or 0)
    if ccw:
        return round(-ccw / 90) * 90 % 360, True
    tags = {k.lower(): v for k, v in stream.metadata.items()}
    try:
        return round(float(tags.get("rotate", 0)) / 90) * 90 % 360, False
    except ValueError:
        return 0, True


def not_a_file(path: Path) -> InputError:
    """Why ``path`` cannot be read as a file: missing, or a folder, FIFO or device."""
    if path.exists():
        kind = "a folder" if path.is_dir() else "a FIFO, socket or device"
        return InputError(f"not a regular file ({kind})", path=path, hint="give the film file")
    return InputError("file not found", path=path)


def probe_video(
    path: Path, *, video_stream: int | None = None, audio_stream: int | None = None
) -> VideoFacts:
    """Facts of the master's film streams: ``video_stream``/``audio_stream`` (ffmpeg's
    0:v:N / 0:a:N) when the workspace names them, else as ``masters`` chooses."""
    if not path.is_file():
        raise not_a_file(path)
    try:
        with av.open(str(path)) as c:
            if not c.streams.video:
                raise MediaError("no video stream in this file", path=path)
            vchoice = masters.choose_video(c.streams.video, video_stream, path)
            achoice = masters.choose_audio(c.streams.audio, audio_stream, path)
            vi, ai = vchoice.index, achoice.index if achoice else 0
            v = c.streams.video[vi]
            rate = v.average_rate or v.guessed_rate or v.base_rate
            if not rate or v.width == 0 or v.height == 0:
                raise MediaError("cannot read the video's size or frame rate", path=path)
            fps = Fraction(rate).limit_denominator(1001)
            declared = v.guessed_rate or v.base_rate or rate
            nominal = Fraction(declared).limit_denominator(1001)
            sar = Fraction(v.sample_aspect_ratio) if v.sample_aspect_ratio else Fraction(1)
            a = c.streams.audio[ai] if c.streams.audio else None
            width, height, codec = v.width, v.height, v.codec_context.name
            matrix = _MATRICES.get(int(v.codec_context.colorspace or 2), "other")
            audio_rate = a.rate if a else None
            a_start, v_start = (_start(a) if a else None), _start(v)
            audio_offset = (
                a_start - v_start if a_start is not None and v_start is not None else Fraction(0)
            )
            audio_channels = a.channels if a else None
            trc = int(v.codec_context.color_trc or 2)
            tags = [c.metadata, *(stream.metadata for stream in c.streams)]
            timecode = any(k.lower() == "timecode" for m in tags for k in m)
            header = masters.stream_seconds(v)
            frames, vfr, keyframes, longest, span = _count_packets(c, vi)
            longest_frame = longest * Fraction(v.time_base or 0)
            masters.check_whole(path, header, float(span * Fraction(v.time_base or 0)))
            # decode the first frame: a file that demuxes but cannot decode fails here
            c.seek(0)
            first = next(c.decode(video=vi))
            rotation, by_ffmpeg = _rotation(v, first)
            interlace = masters.stream_field_order(v, first)
    except (MediaError, ConfigError):
        raise
    except PermissionError as e:  # av.error.PermissionError is one too
        raise MachineError(
            "no permission to read this film",
            path=path,
            hint=f"fix its permissions or owner (ls -l shows them) ({e.strerror})",
        ) from None
    except (av.error.FFmpegError, StopIteration, UnicodeDecodeError) as e:
        raise MediaError(
            f"ffmpeg cannot decode this file ({e})",
            path=path,
            hint="re-export the film as H.264/ProRes in MP4/MOV and check it plays",
        ) from None
    if frames == 0:
        raise MediaError("the video stream has no frames", path=path)
    # the stream did not say, or said progressive: idet looks at the picture
    found_by = "the stream" if interlace in ("tff", "bff") else "idet"
    if found_by == "idet":
        interlace = masters.detect_interlace(path, vi, float(Fraction(frames) / fps))
    return VideoFacts(
        width=width,
        height=height,
        sar=sar,
        fps=fps,
        nominal_fps=nominal,
        frames=frames,
        duration=Fraction(frames) / fps,
        codec=codec,
        has_audio=a is not None,
        audio_rate=audio_rate,
        audio_channels=audio_channels,
        audio_offset=audio_offset,
        keyframes=keyframes,
        color_matrix=matrix,
        variable_rate=vfr,
        rotation=rotation,
        rotation_by_ffmpeg=by_ffmpeg,
        video_start=v_start or Fraction(0),
        longest_frame=longest_frame,
        video_stream=vi,
        audio_stream=ai,
        streams_note="; ".join(
            [vchoice.words("video")] + ([achoice.words("audio")] if achoice else [])
        ),
        interlace=interlace if interlace in ("tff", "bff") else None,
        interlace_from=found_by if interlace in ("tff", "bff") else "",
        transfer=masters.HDR_TRANSFERS.get(trc),
        timecode=timecode,
    )


def count_video_frames(path: Path) -> int:
    """Frames in the first video stream, by demuxing (no decode)."""
    with av.open(str(path)) as c:
        return sum(1 for p in c.demux(c.streams.video[0]) if p.size)


def probe_duration(path: Path) -> float:
    """Container duration in seconds, for finished outputs."""
    try:
        with av.open(str(path)) as c:
            return float(c.duration or 0) / 1_000_000
    except av.error.FFmpegError as e:
        raise MediaError(f"cannot read this file ({e})", path=path) from None
