"""What a master needs to be read right: which of its streams are the film, whether its
picture is interlaced or HDR, whether the file is whole, and what its decoder said.

``media.probe_video`` calls the probing parts; the planner and the records read what
they found from ``VideoFacts``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from .clock import tenths_clock
from .errors import ConfigError, MediaError

# H.273 transfer characteristics of HDR pictures, as PyAV reports them
HDR_TRANSFERS = {16: "pq", 18: "hlg"}
# AVFieldOrder as PyAV reports it: field coded first, field displayed first
_FIELD_ORDERS = {2: "tff", 3: "bff", 4: "bff", 5: "tff"}
IDET_FRAMES = 60  # frames the interlace check looks at: a few seconds, whatever the length
IDET_WIDTH = 480  # pictures are narrowed to this first: every line (field) kept, 4x less work


def stream_seconds(stream: av.stream.Stream) -> float:
    """How long a stream says it lasts: its duration, Matroska's per-track DURATION
    tag, or frames over rate (0 when it says nothing)."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    tag = {k.lower(): v for k, v in stream.metadata.items()}.get("duration", "")
    m = re.match(r"(\d+):(\d+):(\d+(?:\.\d+)?)", tag)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    rate = getattr(stream, "average_rate", None)
    if stream.frames and rate:
        return float(stream.frames / Fraction(rate))
    return 0.0


@dataclass(frozen=True)
class Choice:
    index: int  # among the streams of its kind: ffmpeg's 0:v:N / 0:a:N
    count: int  # streams of that kind in the file
    why: str

    def words(self, kind: str) -> str:
        return f"{kind} stream {self.index} of {self.count} ({self.why})"


def _pick(
    streams: Sequence[av.stream.Stream], wanted: int | None, kind: str, key: str, path: Path
) -> int | None:
    if wanted is None:
        return None
    if wanted >= len(streams):
        raise ConfigError(
            f"`{key}: {wanted}` but this file has {len(streams)} {kind} stream"
            f"{'s' if len(streams) != 1 else ''} (counted from 0, as ffmpeg's 0:{kind[0]}:N)",
            path=path,
            hint=f"remove `{key}:` or give a number below {len(streams)}",
        )
    return wanted


def choose_video(streams: Sequence[av.stream.Stream], wanted: int | None, path: Path) -> Choice:
    """The longest video stream that is not an attached picture (cover art, a poster)."""
    picked = _pick(streams, wanted, "video", "video_stream", path)
    if picked is not None:
        return Choice(picked, len(streams), "video_stream in ceremony.yaml")
    moving = [
        i for i, s in enumerate(streams) if not s.disposition & av.stream.Disposition.attached_pic
    ]
    if not moving:
        raise MediaError("the only video in this file is an attached picture", path=path)
    best = max(moving, key=lambda i: (stream_seconds(streams[i]), -i))
    if len(streams) == 1:
        return Choice(best, 1, "the only one")
    return Choice(best, len(streams), f"the longest, {stream_seconds(streams[best]):.1f} s")


def choose_audio(
    streams: Sequence[av.audio.stream.AudioStream], wanted: int | None, path: Path
) -> Choice | None:
    """The stream marked default, else the first with the most channels: a commentary
    or audio-description track is never the default mix."""
    if not streams:
        return None
    picked = _pick(streams, wanted, "audio", "audio_stream", path)
    if picked is not None:
        return Choice(picked, len(streams), "audio_stream in ceremony.yaml")
    if len(streams) == 1:
        return Choice(0, 1, "the only one")
    default = [i for i, s in enumerate(streams) if s.disposition & av.stream.Disposition.default]
    if default:
        return Choice(default[0], len(streams), "marked default")
    most = max(range(len(streams)), key=lambda i: (streams[i].channels, -i))
    return Choice(
        most, len(streams), f"none marked default; the first with {streams[most].channels} channels"
    )


def stream_field_order(stream: av.video.stream.VideoStream, first: av.VideoFrame) -> str | None:
    """'tff' or 'bff' when the stream (or its first decoded frame) says interlaced;
    'progressive' when it says so; None when it does not say."""
    code = int(stream.codec_context.field_order or 0)
    if code in _FIELD_ORDERS:
        return _FIELD_ORDERS[code]
    if first.interlaced_frame:
        return "tff"  # frame flags without a field order: top first is the broadcast norm
    return "progressive" if code == 1 else None


def _graph(stream: av.video.stream.VideoStream, filters: list[tuple[str, str]]) -> av.filter.Graph:
    """A PyAV filter graph: decoded frames in, the chain's frames (and metadata) out.
    In-process, so the check writes no file and depends on no ffmpeg text."""
    graph = av.filter.Graph()
    last = graph.add_buffer(template=stream)
    narrow = ("scale", f"{min(stream.width, IDET_WIDTH)}:ih:flags=fast_bilinear")
    for name, args in [narrow, *filters]:
        node = graph.add(name, args)
        last.link_to(node)
        last = node
    last.link_to(graph.add("buffersink"))
    graph.configure()
    return graph


def _field_motion(order: str) -> list[tuple[str, str]]:
    """Fields in time order if the frames were ``order``, each minus the one before:
    even outputs compare the two fields of one frame, odd ones a frame's last field
    with the next frame's first."""
    return [
        ("setfield", order),
        ("separatefields", ""),
        ("tblend", "all_mode=difference"),
        ("signalstats", ""),
    ]


def _idet_says(tff: int, bff: int, prog: int) -> str:
    for order, n, other in (("tff", tff, bff), ("bff", bff, tff)):
        if n >= 20 and n > 2 * other and n > prog:
            return order
    return "progressive"


def field_ratio(yavg: Sequence[float]) -> float:
    """Mean difference between the two fields of a frame over mean difference between
    a frame's last field and the next frame's first. Fields of one moment (progressive)
    differ only in space: well below 1. Fields half a frame apart, in the right order,
    differ as much as the next pair: about 1; in the wrong order, much less."""
    intra, inter = yavg[0::2], yavg[1::2]
    if not intra or not inter or sum(inter) == 0:
        return 0.0
    return (sum(intra) / len(intra)) / (sum(inter) / len(inter))


def interlace_verdict(
    idet: tuple[int, int, int], tff: Sequence[float], bff: Sequence[float]
) -> str:
    """'tff', 'bff' or 'progressive' from idet's multi-frame counts (TFF, BFF,
    progressive) and the fields' differences in each order. idet alone is fooled by
    sharp synthetic pictures (progressive testsrc2 at 160x90: TFF 49, BFF 1), so its
    order must also be the one in which the fields move evenly in time, clearly more
    than in the other order."""
    order = _idet_says(*idet)
    if order == "progressive":
        return order
    mine, other = (field_ratio(tff), field_ratio(bff))[:: 1 if order == "tff" else -1]
    return order if mine >= 0.85 and mine - other >= 0.2 else "progressive"


def detect_interlace(path: Path, index: int, seconds: float) -> str:
    """Look at a bounded run of frames from a third of the way in (openings are often
    black or still, where nothing can be decided): about 1.5 s for a 1080p master.
    A file that cannot be read that far is taken as progressive."""
    idet: dict[str, str] = {}
    diffs: dict[str, list[float]] = {"tff": [], "bff": []}
    start = seconds / 3
    try:
        with av.open(str(path)) as c:
            stream = c.streams.video[index]
            graphs = {"idet": _graph(stream, [("idet", "")])}
            graphs |= {order: _graph(stream, _field_motion(order)) for order in diffs}
            c.seek(int(start / (stream.time_base or Fraction(1, 90000))), stream=stream)
            seen = 0
            for frame in c.decode(stream):
                if frame.time is not None and frame.time < start - 0.001:
                    continue  # decoded from the keyframe before the point sought
                for name, graph in graphs.items():
                    graph.push(frame)
                    for out in _pulled(graph):
                        if name == "idet":
                            idet = dict(out.metadata)
                        else:
                            diffs[name].append(float(out.metadata["lavfi.signalstats.YAVG"]))
                seen += 1
                if seen >= IDET_FRAMES:
                    break
    except (av.error.FFmpegError, KeyError, ValueError):
        return "progressive"
    counts = tuple(
        round(float(idet.get(f"lavfi.idet.multiple.{k}", 0))) for k in ("tff", "bff", "progressive")
    )
    return interlace_verdict((counts[0], counts[1], counts[2]), diffs["tff"], diffs["bff"])


def _pulled(graph: av.filter.Graph) -> list[av.VideoFrame]:
    out: list[av.VideoFrame] = []
    while True:
        try:
            frame = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return out
        assert isinstance(frame, av.VideoFrame)
        out.append(frame)


def check_whole(path: Path, header_seconds: float, read_seconds: float) -> None:
    """A file cut short (a copy that stopped) still has the header of the whole film;
    its packets end early. Said here, before any encoding, as the input fault it is."""
    if header_seconds - read_seconds > max(0.5, 0.02 * header_seconds):
        raise MediaError(
            f"ends at {tenths_clock(read_seconds)}, "
            f"its header says {tenths_clock(header_seconds)}: "
            "the file is cut short; copy it again",
            path=path,
        )


_LOG_LINE = re.compile(r"^\[([^\]@]+?) @ 0x[0-9a-f]+\] ")
# who else logs in a chunk encode: our filters and encoders, the output muxer
_OURS = re.compile(
    r"^(Parsed_|auto_|graph|AVFilterGraph|libx26|prores|out#|mp4$|mov$|swscaler|SWR)"
)


def decode_errors(stderr: str) -> int:
    """Lines the source's demuxer and decoder logged at error level while a chunk
    read it (the encodes run with ``-v error``): concealed macroblocks, broken
    slices, missing references, packets cut short."""
    n = 0
    for line in stderr.splitlines():
        m = _LOG_LINE.match(line)
        if (m and not _OURS.match(m.group(1))) or "Error while decoding" in line:
            n += 1
    return n
