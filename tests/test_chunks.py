"""Frame-exact chunked rendering: exact frame counts, audio in sync, incremental rebuilds."""

from __future__ import annotations

import itertools
import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from screening_kit.build import build
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.progress import RecordingReporter

from .conftest import ffmpeg, write_workspace
from .mediacheck import video_props

SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there\n\n2\n00:00:04,200 --> 00:00:05,000\nBye\n"


def sync_source(
    path: Path, rate: str, seconds: float, flash_frames: list[int], gop: int = 250
) -> None:
    """White flashes on the given frames, a 1 kHz beep starting at the same instants,
    a quiet 200 Hz bed underneath (so loudness has something to measure)."""
    fps = Fraction(rate)
    enable = "+".join(f"eq(n,{k})" for k in flash_frames)
    beeps = "+".join(
        f"between(t,{float(k / fps):.6f},{float(k / fps) + 0.06:.6f})" for k in flash_frames
    )
    ffmpeg(
        "-f", "lavfi", "-i",
        f"color=c=black:s=320x180:r={rate}:d={seconds},"
        f"drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='{enable}'",
        "-f", "lavfi", "-i",
        f"aevalsrc='0.05*sin(2*PI*200*t)+if({beeps},0.8*sin(2*PI*1000*t),0)':s=48000:d={seconds}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", str(gop),
        "-c:a", "pcm_s16le", "-shortest", str(path),
    )  # fmt: skip


def flash_times(path: Path) -> list[float]:
    with av.open(str(path)) as c:
        return [
            float(f.time) for f in c.decode(video=0) if f.to_ndarray(format="gray").mean() > 128
        ]


def beep_onsets(path: Path) -> list[float]:
    with av.open(str(path)) as c:
        stream = c.streams.audio[0]
        chunks = [f.to_ndarray().mean(axis=0) for f in c.decode(stream)]
        rate = stream.rate
    x = np.abs(np.concatenate(chunks))
    loud = x > 0.4 * x.max()
    onsets = []
    last = -(10**9)
    for i in np.flatnonzero(loud):
        if i - last > rate * 0.2:
            onsets.append(i / rate)
        last = i
    return onsets


@pytest.mark.parametrize(
    "rate,gop",
    # gop 250: one keyframe, nominal chunks; 25/30: chunks start just after keyframes
    [("25", 250), ("24000/1001", 250), ("30000/1001", 250), ("25", 25), ("30000/1001", 30)],
)
def test_joined_film_is_frame_exact_and_in_sync(tmp_path: Path, rate: str, gop: int) -> None:
    fps = Fraction(rate)
    seconds = 7
    n = int(seconds * fps)
    flashes = [5, n // 2, n - 8]
    src = tmp_path / "sync.mov"
    sync_source(src, rate, seconds, flashes, gop)
    assert video_props(src).frames == n
    ws = write_workspace(
        tmp_path / "ws", src, cues={"en": SRT}, cards={"en": ["Title"]}, chunk_seconds=2
    )
    result = build(ws, reporter=RecordingReporter())
    out = result.out_dir / "EN" / "01_film.en.mp4"
    p = video_props(out)
    card = round(fps)  # 1 s opening card, rounded to whole frames
    assert p.fps == fps
    assert p.frames == n + card
    assert abs(p.duration - float((n + card) / fps)) < float(1 / fps)
    # decodes with no error at all
    err = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(out), "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert err.strip() == ""
    # flashes on exactly the source's frames, shifted by the card; beeps within a frame
    expected = [float((k + card) / fps) for k in flashes]
    got_flash = flash_times(out)
    assert got_flash == pytest.approx(expected, abs=1e-3)
    got_beep = beep_onsets(out)
    assert len(got_beep) == 3
    for f, b in zip(got_flash, got_beep, strict=True):
        assert abs(f - b) <= float(1 / fps), (f, b)


def test_variable_frame_rate_source_is_conformed(tmp_path: Path) -> None:
    src = tmp_path / "vfr.mp4"
    # 25 fps for the first second, then frames 80 ms apart: a variable rate
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=4",
        "-vf", "setpts='if(lt(N,25),N/25,1+(N-25)*0.08)/TB'", "-fps_mode", "vfr",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(src),
    )  # fmt: skip
    ws = write_workspace(tmp_path / "ws", src, cues={"en": SRT})
    rep = RecordingReporter()
    result = build(ws, reporter=rep)
    assert any("conform" in label for label in rep.of("encoded"))
    out = result.out_dir / "EN" / "01_film.en.mp4"
    with av.open(str(out)) as c:
        v = c.streams.video[0]
        pts = sorted(p.pts for p in c.demux(v) if p.size)
        steps = {b - a for a, b in itertools.pairwise(pts)}
        assert len(steps) == 1  # constant rate
        assert Fraction(v.average_rate) == 25
    # 1 s at 25 fps + 75 frames 80 ms apart = 7 s of content
    assert abs(video_props(out).duration - 7.0) <= 0.08


def test_one_cue_edit_reencodes_only_its_chunks(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    src = make_video("film.mp4", seconds=8)
    ws = write_workspace(
        tmp_path / "ws",
        src,
        cues={"en": SRT, "fr": SRT.replace("Hello there", "Bonjour")},
        cards={"en": ["Title"], "fr": ["Titre"]},
        chunk_seconds=2,
    )
    first = RecordingReporter()
    build(ws, reporter=first)
    chunk_encodes = [e for e in first.of("encoded") if "frames" in e]
    # cut at the cues' edges (chunks of 1-2 s). Cue 1 (1.0-2.5 s: frames 25-62) differs
    # by language: its chunk per language. Cue 2 (4.2-5.0 s) reads "Bye" in both, same
    # font: encoded once for both (with 20 frames after it: a chunk is 1 s at least).
    # The frames without a cue: shared.
    assert sorted(chunk_encodes) == sorted(
        [
            "film: frames 0-24 [shared]",
            "film: frames 25-62 [en]", "film: frames 25-62 [fr]",
            "film: frames 63-104 [shared]",
            "film: frames 105-149 [en]",
            "film: frames 150-199 [shared]",
        ]
    )  # fmt: skip

    # nothing changed: nothing encoded
    same = RecordingReporter()
    build(ws, reporter=same)
    assert same.of("encoded") == []

    # edit the second cue's text in English only: one chunk, then join and mux
    srt = ws / "subtitles" / "film" / "en.srt"
    srt.write_text(srt.read_text("utf-8").replace("Bye", "Goodbye"), "utf-8")
    edit = RecordingReporter()
    build(ws, reporter=edit)
    assert edit.of("encoded") == [
        "film: frames 105-149 [en]",
        "film [en]: join 6 pieces",
        "film [en] test",
    ]

    # edit the title card: the card only, then join and mux
    card = ws / "subtitles" / "film" / "cards.fr.yaml"
    card.write_text("title: [Titre nouveau]\n", "utf-8")
    edit = RecordingReporter()
    build(ws, reporter=edit)
    assert edit.of("encoded") == [
        "film: card title [fr]",
        "film [fr]: join 6 pieces",
        "film [fr] test",
    ]


def test_audio_that_starts_after_the_video_stays_in_sync(tmp_path: Path) -> None:
    """A master whose audio track starts 0.2 s after its first frame (a muxing offset):
    flash and beep coincide when played, and must still coincide in our output."""
    fps, seconds, offset = Fraction(25), 6, Fraction(1, 5)
    flashes = [20, 75, 140]
    enable = "+".join(f"eq(n,{k})" for k in flashes)
    # the audio's own clock starts 0.2 s late, so its beeps are 0.2 s earlier on it
    beeps = "+".join(
        f"between(t,{float(k / fps - offset):.6f},{float(k / fps - offset) + 0.06:.6f})"
        for k in flashes
    )
    video, audio, src = tmp_path / "v.mp4", tmp_path / "a.wav", tmp_path / "offset.mp4"
    ffmpeg(
        "-f", "lavfi", "-i",
        f"color=c=black:s=320x180:r=25:d={seconds},"
        f"drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='{enable}'",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(video),
    )  # fmt: skip
    ffmpeg(
        "-f", "lavfi", "-i",
        f"aevalsrc='0.05*sin(2*PI*200*t)+if({beeps},0.8*sin(2*PI*1000*t),0)'"
        f":s=48000:d={float(seconds - offset)}",
        str(audio),
    )  # fmt: skip
    ffmpeg("-i", str(video), "-itsoffset", str(float(offset)), "-i", str(audio),
           "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", str(src))  # fmt: skip
    from screening_kit.media import probe_video

    assert probe_video(src).audio_offset == pytest.approx(float(offset), abs=0.03)
    ws = write_workspace(tmp_path / "ws", src, cues={"en": SRT})
    out = build(ws, reporter=RecordingReporter()).out_dir / "EN" / "01_film.en.mp4"
    got_flash, got_beep = flash_times(out), beep_onsets(out)
    assert got_flash == pytest.approx([float(k / fps) for k in flashes], abs=1e-3)
    assert len(got_beep) == 3
    for f, b in zip(got_flash, got_beep, strict=True):
        assert abs(f - b) <= float(1 / fps), (f, b)
