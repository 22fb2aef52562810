"""render.commands, render.audio, package.split: the argv of every task kind, asserted
as lists (as ffmpeg-python's own tests do), and per profile what the tables decide."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from screening_kit.formats import CONTAINERS, VIDEO_ENCODERS
from screening_kit.package.split import split_command
from screening_kit.plan import CardTask, ChunkTask, SlideshowTask, VideoPiece
from screening_kit.profiles import BUILTIN_PROFILES
from screening_kit.render import audio as acmd
from screening_kit.render import commands as cmd

from .samples import tasks

HEAD = ["ffmpeg", "-nostdin", "-hide_banner", "-y"]
PROGRESS = ["-progress", "pipe:1", "-nostats", "-v", "error"]
X264 = [
    "-bufsize", "32000k", "-c:v", "libx264", "-crf", "20", "-frames:v", "50", "-level:v", "4.1",
    "-map_metadata", "-1", "-maxrate", "16000k", "-pix_fmt", "yuv420p", "-preset", "medium",
    "-profile:v", "high", "-threads", "2", "-video_track_timescale", "12800", "-write_tmcd", "0",
    "-x264-params", "keyint=50:min-keyint=25",
]  # fmt: skip
TAGS = "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv"


def test_chunk_command() -> None:
    argv = cmd.chunk_command(tasks()["chunk"], Path("src.mp4"), Path("out.mp4"), 2)  # type: ignore[arg-type]
    assert argv == [
        *HEAD, *PROGRESS, "-ss", "3.980000", "-i", "src.mp4", "-filter_complex",
        "[0:v:0]scale=1920:1080:flags=bicubic:out_color_matrix=bt709:out_range=tv[s0];"
        "[s0]pad=1920:1080:0:0[s1];[s1]setsar=1[s2];"
        "[s2]subtitles=subs.ass:fontsdir=/cache/fonts/f0[s3];[s3]format=yuv420p[s4];"
        f"[s4]{TAGS}[s5]",
        "-map", "[s5]", "-f", "mp4", "-an", *X264, "out.mp4",
    ]  # fmt: skip


def test_card_command() -> None:
    argv = cmd.card_command(tasks()["card"], None, Path("out.mp4"), 2)  # type: ignore[arg-type]
    x264 = list(X264)
    x264[x264.index("-frames:v") + 1] = "75"
    assert argv == [
        *HEAD, *PROGRESS, "-f", "lavfi", "-i", "color=c=0x000000:s=1920x1080:r=25/1",
        "-filter_complex",
        "[0]subtitles=subs.ass:fontsdir=/cache/fonts/f0[s0];[s0]fade=n=10:s=0:t=in[s1];"
        f"[s1]fade=n=10:s=65:t=out[s2];[s2]format=yuv420p[s3];[s3]{TAGS}[s4]",
        "-map", "[s4]", "-f", "mp4", "-an", *x264, "out.mp4",
    ]  # fmt: skip


def test_conform_command() -> None:
    argv = cmd.conform_command(tasks()["conform"], Path("out.mp4"), 2)  # type: ignore[arg-type]
    assert argv == [
        *HEAD, *PROGRESS, "-copyts", "-ss", "3.040000", "-i", "/ws/films/doc.mp4",
        "-map", "0:v:0", "-vf", "fps=25/1,trim=start_pts=101:end_pts=151,setpts=PTS-STARTPTS",
        "-frames:v", "50", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
        "-threads", "2", "-an", "-map_metadata", "-1", "-write_tmcd", "0", "-f", "mp4", "out.mp4",
    ]  # fmt: skip


def test_slideshow_command_crossfades_and_encodes_like_every_piece() -> None:
    task = tasks()["slideshow"]
    argv = cmd.slideshow_command(task, [Path("p0.png"), Path("p1.png")], Path("o.mp4"), 2)  # type: ignore[arg-type]
    graph = argv[argv.index("-filter_complex") + 1]
    assert graph.count("xfade=duration=0.200000") == 2  # three clips, two crossfades
    assert "offset=0.000000" in graph and "offset=0.800000" in graph
    x264 = list(X264)
    x264[x264.index("-frames:v") + 1] = "45"
    assert argv[argv.index("-map") :] == ["-map", "[s23]", "-f", "mp4", "-an", *x264, "o.mp4"]


def test_join_loop_and_mux_commands() -> None:
    assert cmd.concat_copy_command(
        Path("l.txt"), Path("o.mp4"), "mp4", audio="0:a:0", faststart=True, timescale=12800
    ) == [
        *HEAD, "-v", "error", "-f", "concat", "-safe", "0", "-i", "l.txt", "-map", "0:v:0",
        "-map", "0:a:0", "-c", "copy", "-video_track_timescale", "12800",
        "-movflags", "+faststart", "-f", "mp4", "o.mp4",
    ]  # fmt: skip
    assert cmd.mux_command(Path("v.mov"), Path("a.mka"), Path("o.mov"), "mov") == [
        *HEAD, "-v", "error", "-i", "v.mov", "-i", "a.mka", "-map", "0:v:0", "-map", "1:a:0",
        "-c", "copy", "-movflags", "+faststart", "-f", "mov", "o.mov",
    ]  # fmt: skip


def test_audio_commands() -> None:
    t = tasks()
    assert acmd.loudness_measure_command(t["audio"]) == [  # type: ignore[arg-type]
        *HEAD, "-i", "/ws/films/doc.mp4", "-map", "0:a:0", "-vn", "-af",
        "aresample=osf=fltp:ochl=stereo:clev=0.7071:slev=0.7071:lfe_mix_level=0,"
        "loudnorm=I=-23.0:TP=-1.0:LRA=11.0:print_format=json",
        "-f", "null", "-",
    ]  # fmt: skip
    assert acmd.silence_command(t["audio"], Path("a.flac")) == [  # type: ignore[arg-type]
        *HEAD, "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-af",
        "atrim=end_sample=480000", "-ac", "2", "-c:a", "flac", "-f", "flac", "a.flac",
    ]  # fmt: skip
    assert acmd.soundtrack_command(t["soundtrack"], Path("a.flac"), Path("s.mka")) == [  # type: ignore[arg-type]
        *HEAD, "-i", "a.flac", "-af",
        "adelay=delays=96000S:all=1,apad=whole_len=576000,atrim=end_sample=576000",
        "-c:a", "aac", "-ar", "48000", "-ac", "2", "-b:a", "192k", "-f", "matroska", "s.mka",
    ]  # fmt: skip


def test_split_command() -> None:
    argv = split_command(Path("f.mov"), Path("part%03d.mov"), [Fraction(10)], Fraction(25))
    assert argv == [
        *HEAD, "-v", "error", "-i", "f.mov", "-map", "0", "-c", "copy", "-f", "segment",
        "-segment_times", "9.990000", "-reset_timestamps", "1", "-segment_format", "mov",
        "-segment_format_options", "movflags=+faststart", "part%03d.mov",
    ]  # fmt: skip


def _piece_argv(task: VideoPiece, out: Path) -> list[str]:
    if isinstance(task, ChunkTask):
        return cmd.chunk_command(task, Path("src"), out, 2)
    if isinstance(task, CardTask):
        return cmd.card_command(task, None, out, 2)
    assert isinstance(task, SlideshowTask)
    return cmd.slideshow_command(task, [Path("p0.png"), Path("p1.png")], out, 2)


def _opt(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else None


@pytest.mark.parametrize("profile", sorted(BUILTIN_PROFILES))
@pytest.mark.parametrize("kind", ["chunk", "card", "slideshow"])
def test_every_video_piece_of_every_profile(profile: str, kind: str) -> None:
    p = BUILTIN_PROFILES[profile]
    task = tasks(profile)[kind]
    assert isinstance(task, VideoPiece)
    assert task.ext == p.extension == CONTAINERS[p.container].extension
    argv = _piece_argv(task, Path("out" + task.ext))
    assert argv[-1] == "out" + p.extension
    assert _opt(argv, "-f") in ("lavfi", CONTAINERS[p.container].muxer)
    assert argv[argv.index("-map") + 3] == CONTAINERS[p.container].muxer
    assert _opt(argv, "-c:v") == p.video_codec
    assert _opt(argv, "-pix_fmt") == p.pix_fmt
    assert _opt(argv, "-video_track_timescale") == "12800"
    family = VIDEO_ENCODERS[p.video_codec].family
    assert (_opt(argv, "-profile:v"), _opt(argv, "-level:v")) == (
        (p.h264_profile, p.level) if family == "x264" else (str(p.prores_profile), None)
    )
    assert (_opt(argv, "-vendor") == "apl0") == (family == "prores")
    assert (_opt(argv, "-crf") is not None) == (family == "x264")


@pytest.mark.parametrize("profile", sorted(BUILTIN_PROFILES))
def test_every_join_and_mux_of_every_profile(profile: str) -> None:
    p = BUILTIN_PROFILES[profile]
    t = tasks(profile)
    for kind in ("join", "mux", "loop"):
        assert t[kind].ext == p.extension
    box = CONTAINERS[p.container]
    join = cmd.concat_copy_command(Path("l"), Path("o"), p.container, audio=None, faststart=False)
    assert join[-3:] == ["-f", box.muxer, "o"]
    mux = cmd.mux_command(Path("v"), Path("a"), Path("o"), p.container)
    assert mux[-5:] == ["-movflags", "+faststart", "-f", box.muxer, "o"]
    sound = acmd.soundtrack_command(t["soundtrack"], Path("a.flac"), Path("s.mka"))  # type: ignore[arg-type]
    assert _opt(sound, "-c:a") == p.audio_codec
    assert (_opt(sound, "-b:a") is not None) == (p.audio_codec == "aac")


def test_other_task_objects() -> None:
    t = tasks()
    assert [t[k].ext for k in ("conform", "audio", "soundtrack", "photo", "play-all", "split")] == [
        ".mp4", ".flac", ".mka", ".png", ".ffconcat", ".ffconcat"
    ]  # fmt: skip
