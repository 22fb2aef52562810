"""Pure functions from a task to the ffmpeg argv lists that produce it.

Filter graphs are built with ffmpeg-python; commands without a graph are plain
lists. Nothing here runs anything, so every command line can be unit-tested.
ASS scripts are referred to by a bare file name: the runner starts ffmpeg in
the folder that holds them, so no user path goes through filter escaping.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import ffmpeg
from PIL import ImageColor

from ..ffmpeg import base_args
from ..formats.containers import CONTAINERS, INTERMEDIATE
from ..formats.encoders import VIDEO_ENCODERS
from ..plan import (
    CardTask,
    ChunkTask,
    ConformTask,
    SlideClip,
    SlideshowTask,
    SourceReading,
    VideoPiece,
)
from ..profiles import OutputFormat, Profile
from ..textraster import overlay_text

ASS_NAME = "subs.ass"
PROGRESS = ["-progress", "pipe:1", "-nostats", "-v", "error"]


def _fps(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def timescale(fps: Fraction) -> int:
    """MP4 track timescale in which every frame lasts a whole number of ticks."""
    return fps.numerator * (512 if fps.denominator == 1 else 1)


def video_encode_args(profile: Profile, fmt: OutputFormat, threads: int) -> dict[str, Any]:
    """Encoder options shared by every video piece, so pieces join by stream copy."""
    encoder = VIDEO_ENCODERS[profile.video_codec]
    args: dict[str, Any] = {"c:v": encoder.name, "pix_fmt": profile.pix_fmt, "threads": threads}
    if encoder.family == "x264":
        gop = max(1, round(profile.gop_seconds * fmt.fps))
        args.update(
            {
                "preset": profile.preset,
                "crf": profile.crf,
                "profile:v": profile.h264_profile,
                "level:v": profile.level,
                "x264-params": f"keyint={gop}:min-keyint={min(gop, 25)}",
            }
        )
        if profile.maxrate_kbps:
            args["maxrate"] = f"{profile.maxrate_kbps}k"
            args["bufsize"] = f"{profile.bufsize_kbps or 2 * profile.maxrate_kbps}k"
    elif encoder.family == "prores":
        args.update({"profile:v": profile.prores_profile, "vendor": "apl0"})
    else:
        raise ValueError(f"no options for encoder family {encoder.family}")
    box = CONTAINERS[profile.container]
    if box.track_timescale:
        args["video_track_timescale"] = timescale(fmt.fps)
    args["f"] = box.muxer
    return {k: v for k, v in args.items() if v is not None}


def tag_bt709(stream: Any, pix_fmt: str) -> Any:
    """Convert to the output pixel format and tag every frame BT.709 (primaries,
    transfer, matrix) in TV range. The encoder writes the frames' own tags: since
    ffmpeg 7 they override ``-color_primaries``/``-color_trc`` given as output options,
    so without this an untagged source left primaries and transfer "unknown"."""
    return stream.filter("format", pix_fmt).filter(
        "setparams",
        color_primaries="bt709",
        color_trc="bt709",
        colorspace="bt709",
        range="tv",
    )


def _finish(stream: Any, task: VideoPiece, out: Path, threads: int, **extra: Any) -> list[str]:
    stream = tag_bt709(stream, task.profile.pix_fmt)
    opts = video_encode_args(task.profile, task.fmt, threads)
    opts["frames:v"] = task.frames
    opts.update(clean(opts["f"]))
    opts.update(extra)
    argv: list[str] = ffmpeg.output(stream, str(out), **opts).compile(cmd=[*base_args(), *PROGRESS])
    return argv


# a master's tags stay out of every piece: a `timecode` tag became a tmcd track in
# each one (and the joined film), which thumbnails and players trip over
def clean(muxer: str) -> dict[str, str]:
    """Output options that keep the master's tags and timecode out (``write_tmcd`` is
    the MP4/MOV muxer's own option)."""
    return {"map_metadata": "-1", **({"write_tmcd": "0"} if muxer in ("mp4", "mov") else {})}


def read_filters(reading: SourceReading) -> list[tuple[str, dict[str, str]]]:
    """Filters a master's frames pass first (see ``SourceReading``): ``bwdif`` (motion
    adaptive, both fields' neighbours) and the HDR tone-map, linear light through
    ``zscale``, Mobius (keeps what lies in SDR's range, such as a saturated red, and
    rolls the highlights off), ending in BT.709 at 16 bits so nothing is lost yet."""
    out: list[tuple[str, dict[str, str]]] = []
    if reading.deinterlace:
        mode = "send_field" if reading.per_field else "send_frame"
        out.append(("bwdif", {"mode": mode, "parity": reading.deinterlace, "deint": "all"}))
    if reading.tonemap:
        tin = "smpte2084" if reading.tonemap == "pq" else "arib-std-b67"
        out += [
            ("zscale", {"tin": tin, "pin": "bt2020", "min": "bt2020nc", "t": "linear",
                        "npl": "100"}),
            ("format", {"pix_fmts": "gbrpf32le"}),
            ("zscale", {"p": "bt709"}),
            ("tonemap", {"tonemap": "mobius", "desat": "0"}),
            ("zscale", {"t": "bt709", "m": "bt709", "r": "tv"}),
            ("format", {"pix_fmts": "yuv444p16le"}),
        ]  # fmt: skip
    return out


def _read(stream: Any, reading: SourceReading) -> Any:
    for name, args in read_filters(reading):
        stream = stream.filter(name, **args)
    return stream


def _read_vf(reading: SourceReading) -> list[str]:
    return [f"{n}=" + ":".join(f"{k}={v}" for k, v in a.items()) for n, a in read_filters(reading)]


def _to_frame(stream: Any, sw: int, sh: int, fmt: OutputFormat, to_bt709: bool) -> Any:
    """Scale to (sw, sh), centre on the output frame (letter/pillar-box), square pixels;
    convert to BT.709 only when the source is in another matrix."""
    colour = {"out_color_matrix": "bt709", "out_range": "tv"} if to_bt709 else {}
    return (
        stream.filter("scale", sw, sh, flags="bicubic", **colour)
        .filter("pad", fmt.width, fmt.height, (fmt.width - sw) // 2, (fmt.height - sh) // 2)
        .filter("setsar", 1)
    )


# clockwise degrees -> filters that turn a frame by that much
TURNS: dict[int, list[str]] = {
    90: ["transpose=clock"],
    180: ["hflip", "vflip"],
    270: ["transpose=cclock"],
}


def turned(stream: Any, degrees: int) -> Any:
    for f in TURNS.get(degrees, []):
        name, _, arg = f.partition("=")
        stream = stream.filter(name, arg) if arg else stream.filter(name)
    return stream


def chunk_command(task: ChunkTask, source: Path, out: Path, threads: int) -> list[str]:
    # seek half a frame early: accurate seek then drops every frame before `start`
    # and keeps frame `start` whatever the rounding of the timestamp
    kwargs: dict[str, Any] = {}
    first = task.start - task.source_first
    if first > 0:
        kwargs["ss"] = f"{float((first - Fraction(1, 2)) / task.src_fps):.6f}"
    v = ffmpeg.input(str(source), **kwargs)[f"v:{task.reading.video_stream}"]
    v = turned(_read(v, task.reading), task.turn)
    v = _to_frame(v, task.scaled[0], task.scaled[1], task.fmt, task.to_bt709)
    if task.ass is not None:  # both in a bilingual chunk: one track in ASS, one drawn
        assert task.fonts_dir is not None
        v = v.filter("subtitles", ASS_NAME, fontsdir=str(task.fonts_dir))
    if task.overlays:
        v = overlay_text(v, task.overlays, task.fmt.fps)
    return _finish(v, task, out, threads, an=None)


def _colour_arg(colour: str) -> str:
    r, g, b = ImageColor.getrgb(colour)[:3]
    return f"0x{r:02X}{g:02X}{b:02X}"


def card_command(task: CardTask, background: Path | None, out: Path, threads: int) -> list[str]:
    fmt = task.fmt
    if background is None:
        colour = _colour_arg(task.background)
        v = ffmpeg.input(
            f"color=c={colour}:s={fmt.width}x{fmt.height}:r={_fps(fmt.fps)}", f="lavfi"
        )
    else:
        # the prepared background is already the frame's size, covered and darkened
        v = ffmpeg.input(str(background), loop=1, framerate=_fps(fmt.fps)).video
        v = v.filter("scale", out_color_matrix="bt709", out_range="tv").filter("setsar", 1)
    if task.overlays:
        v = overlay_text(v, task.overlays, fmt.fps)
    else:
        v = v.filter("subtitles", ASS_NAME, fontsdir=str(task.fonts_dir))
    if task.fade_frames:
        v = v.filter("fade", t="in", s=0, n=task.fade_frames)
        v = v.filter("fade", t="out", s=task.frames - task.fade_frames, n=task.fade_frames)
    return _finish(v, task, out, threads, an=None)


def conform_command(task: ConformTask, out: Path, threads: int) -> list[str]:
    """A lossless constant-rate intermediate of output frames [start, start + frames):
    the chunks re-encode from it. ``-copyts`` keeps the source's own timestamps, so
    the ``fps`` filter's grid is the same for every range (slot n at n / fps); the
    range is cut on that grid by ``trim`` in slots, never by rounded seconds."""
    first = task.start + task.grid_offset
    seek = max(Fraction(0), first / task.fps - task.video_start - task.lead)
    grid = (
        f"fps={_fps(task.fps)},trim=start_pts={first}:end_pts={first + task.frames},"
        "setpts=PTS-STARTPTS"
    )
    return [
        *base_args(),
        *PROGRESS,
        "-copyts",
        *(["-ss", f"{float(seek):.6f}"] if seek > 0 else []),
        "-i",
        str(task.source),
        "-map",
        f"0:v:{task.reading.video_stream}",
        "-vf",
        ",".join([*_read_vf(task.reading), *TURNS.get(task.turn, []), grid]),
        "-frames:v",
        str(task.frames),
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-qp",
        "0",
        "-threads",
        str(threads),
        "-an",
        *(x for k, v in clean("mp4").items() for x in (f"-{k}", v)),
        "-f",
        INTERMEDIATE.muxer,
        str(out),
    ]


def _ramp(a: float, b: float, clip: SlideClip) -> str:
    """``a`` -> ``b`` linearly over the photo's whole slot, in canvas pixels; ``in``
    (perspective's input frame count) starts at 0 in each clip, hence the offset."""
    if a == b or clip.frames <= 1:
        return f"{a:.4f}"
    step = (b - a) / (clip.frames - 1)
    return f"{a:.6f}+{step:.9f}*(in+{clip.first})"


def _slide_clip(still: Any, clip: SlideClip, canvas: tuple[int, int], task: SlideshowTask) -> Any:
    cw, ch = canvas
    fmt = task.fmt
    v = still.filter("loop", loop=clip.count - 1, size=1, start=0)
    v = v.filter("setpts", f"N/({_fps(fmt.fps)})/TB")
    if clip.start != clip.end or clip.start != (0.0, 0.0, 1.0, 1.0):
        # perspective samples between pixels (1/256 px steps), so the window glides
        # where crop or zoompan would snap it to whole pixels and judder
        (x0, y0, w0, h0), (x1, y1, w1, h1) = clip.start, clip.end
        left = _ramp(x0 * cw, x1 * cw, clip)
        right = _ramp((x0 + w0) * cw, (x1 + w1) * cw, clip)
        top = _ramp(y0 * ch, y1 * ch, clip)
        bottom = _ramp((y0 + h0) * ch, (y1 + h1) * ch, clip)
        v = v.filter(
            "perspective",
            x0=left,
            y0=top,
            x1=right,
            y1=top,
            x2=left,
            y2=bottom,
            x3=right,
            y3=bottom,
            interpolation="linear",
            eval="frame",
        )
    return v.filter("scale", fmt.width, fmt.height, flags="bicubic").filter("setsar", 1)


def slideshow_command(
    task: SlideshowTask, photos: list[Path], out: Path, threads: int
) -> list[str]:
    """One piece of a slideshow cycle, video only: Ken Burns clips crossfaded, captions
    burned in. ``photos`` are the piece's distinct prepared photos (``clip.photo``
    indexes them): each is one input, split when several clips use it (two inputs of
    one file would be one node with two outgoing edges in ffmpeg-python's graph)."""
    fmt = task.fmt
    stills: dict[int, list[Any]] = {}
    for i, photo in enumerate(photos):
        uses = sum(1 for c in task.clips if c.photo == i)
        if uses == 0:
            continue
        # the still's stream runs at the package's rate (image2 would say 25), so the
        # slideshow's frames carry the film's rate and join it by stream copy
        v = ffmpeg.input(str(photo), framerate=_fps(fmt.fps)).video
        v = v.filter("scale", out_color_matrix="bt709", out_range="tv").filter("format", "yuv420p")
        split = v.split() if uses > 1 else None
        stills[i] = [split[k] for k in range(uses)] if split is not None else [v]
    clips = [_slide_clip(stills[c.photo].pop(), c, task.canvas, task) for c in task.clips]
    xf = task.xfade_frames
    if xf == 0:
        joined = ffmpeg.concat(*clips, v=1, a=0) if len(clips) > 1 else clips[0]
    else:
        joined, length = clips[0], task.clips[0].count
        for spec, clip in zip(task.clips[1:], clips[1:], strict=True):
            joined = ffmpeg.filter(
                [joined, clip],
                "xfade",
                transition="fade",
                duration=f"{float(Fraction(xf) / fmt.fps):.6f}",
                offset=f"{float(Fraction(length - xf) / fmt.fps):.6f}",
            )
            length += spec.count - xf
    if task.overlays:
        joined = overlay_text(joined, task.overlays, fmt.fps)
    elif task.ass is not None:
        assert task.fonts_dir is not None
        joined = joined.filter("subtitles", ASS_NAME, fontsdir=str(task.fonts_dir))
    return _finish(joined, task, out, threads, an=None)


def concat_list(
    paths: Sequence[Path], folder: Path, durations: Sequence[Fraction] | None = None
) -> str:
    """A concat demuxer script to be saved in ``folder``.

    Parts are named relative to that folder (the demuxer resolves them from the
    script's place): scratch folders and objects both live under the cache, so the
    names hold only ``..``, ``objects``, and hex keys, never the workspace's path,
    which may hold a newline (the script is read line by line), quotes or spaces.
    Given ``durations`` pin each part's length, so the next part starts on the
    video's frame grid even when a part's audio runs a few samples longer."""
    lines = []
    for i, p in enumerate(paths):
        name = os.path.relpath(Path(p).absolute(), Path(folder).absolute())
        if any(c in name for c in "\n\r"):
            raise ValueError(f"cannot name {p!s} in a concat script in {folder!s}")
        lines.append("file '" + name.replace("'", "'\\''") + "'\n")
        if durations is not None:
            lines.append(f"duration {float(durations[i]):.6f}\n")
    return "".join(lines)


def concat_copy_command(
    list_file: Path,
    out: Path,
    container: str,
    *,
    audio: str | None,
    faststart: bool,
    timescale: int | None = None,
) -> list[str]:
    """Join the parts in ``list_file`` by stream copy (concat demuxer): no re-encode.

    ``audio``: the audio map ("0:a:0", "0:a?") or None for video only; ``container``
    names a row of formats.containers (muxer, and whether faststart and the track
    timescale apply)."""
    box = CONTAINERS[container]
    maps = ["-map", "0:v:0"] + (["-map", audio] if audio else [])
    timescale = timescale if box.track_timescale else None
    return [
        *base_args(), "-v", "error", "-f", "concat", "-safe", "0", "-i", str(list_file),
        *maps, "-c", "copy",
        *(["-video_track_timescale", str(timescale)] if timescale else []),
        *(["-movflags", "+faststart"] if faststart and box.faststart else []),
        "-f", box.muxer, str(out),
    ]  # fmt: skip


def mux_command(video: Path, audio: Path, out: Path, container: str) -> list[str]:
    box = CONTAINERS[container]
    return [
        *base_args(),
        "-v",
        "error",
        "-i",
        str(video),
        "-i",
        str(audio),
        "-map",
        "0:v:0",
        "-map",
        "1:a:0",
        "-c",
        "copy",
        *(["-movflags", "+faststart"] if box.faststart else []),
        "-f",
        box.muxer,
        str(out),
    ]
