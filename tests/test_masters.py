"""Issue 17, masters: files as broadcasters, archives and Macs make them (a timecode,
interlace, HDR, damaged or cut-short files, several streams, 7.1 FLAC, NFD names),
each read right or named. Tiny lavfi masters made in tmp_path."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from screening_kit import ffmpeg as ff
from screening_kit.build import build
from screening_kit.cli import main
from screening_kit.media import probe_video
from screening_kit.progress import RecordingReporter

from .conftest import TEST_PROFILE, ffmpeg, write_workspace

MakeVideo = Callable[..., Path]

SRT = "1\n00:00:00,100 --> 00:00:00,900\nHello\n\n"


def _workspace(
    tmp_path: Path, master: Path, profile: dict[str, object] | None = None, **film: object
) -> Path:
    root = write_workspace(
        tmp_path / "ws", master, cues={"en": SRT}, countries={"GB": "en"}, profile=profile
    )
    if film:
        path = root / "ceremony.yaml"
        cfg = yaml.safe_load(path.read_text("utf-8"))
        cfg["films"][0].update(film)
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    return root


def _delivered(root: Path) -> Path:
    return root / "dist" / "GB" / "01_film.en.mp4"


def _package(root: Path) -> dict[str, Any]:
    return json.loads((root / "dist" / "GB" / "package.json").read_text("utf-8"))


def _warnings(reporter: RecordingReporter) -> list[str]:
    return reporter.of("warn")


def _infos(reporter: RecordingReporter) -> list[str]:
    return reporter.of("info")


# ---------------------------------------------------------------- 1. timecode


@pytest.mark.parametrize("name,codec", [("tc.mp4", "libx264"), ("tc.mxf", "mpeg2video")])
def test_a_master_with_a_timecode_builds_and_no_piece_carries_it(
    tmp_path: Path, name: str, codec: str
) -> None:
    master = tmp_path / name
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=2",
        "-c:v", codec, *(["-preset", "ultrafast"] if codec == "libx264" else ["-b:v", "2M"]),
        "-c:a", "aac" if name.endswith(".mp4") else "pcm_s16le",
        "-timecode", "10:00:00:00", str(master),
    )  # fmt: skip
    with av.open(str(master)) as c:  # the master really carries one
        assert "timecode" in {**c.metadata, **c.streams.video[0].metadata}
    root = _workspace(tmp_path, master)
    reporter = RecordingReporter()
    build(root, reporter=reporter)  # old code: OSError from moviepy, no package
    outputs = [_delivered(root), *(root / ".screening-kit" / "cache" / "objects").rglob("*.mp4")]
    for path in outputs:
        with av.open(str(path)) as c:
            assert not c.streams.data, path
            assert [s.type for s in c.streams] in (["video"], ["video", "audio"]), path
            tags = {**c.metadata, **{k: v for s in c.streams for k, v in s.metadata.items()}}
            assert "timecode" not in tags, path
    sheet = (root / "dist" / "GB" / "RUNSHEET.html").read_text("utf-8")
    assert "data:image/jpeg;base64," in sheet  # the thumbnail, by PyAV
    assert any("timecode is not copied" in t for t in _infos(reporter))


# ---------------------------------------------------------------- 2. interlace


def _combing(path: Path) -> float:
    """How much each line differs from its neighbours (the other field) against how
    much it differs from the lines two away (its own field), averaged over frames:
    about 0.6 for this pattern shot progressive, well above 2 when fields of two
    moments are woven into one frame, lower once deinterlaced."""
    ratios = []
    with av.open(str(path)) as c:
        for frame in c.decode(video=0):
            y = frame.to_ndarray(format="gray").astype(float)
            other = np.abs(y[1:-1:2] - (y[0:-2:2] + y[2::2]) / 2).mean()
            own = np.abs(y[2:-2:2] - (y[0:-4:2] + y[4::2]) / 2).mean()
            ratios.append(other / own)
    return float(np.mean(ratios))


def _interlaced_master(path: Path, tag_progressive: bool = False) -> Path:
    """50 moving pictures a second woven into 25 top-field-first frames (1080i50 in
    small), coded interlaced and tagged so, or coded as if progressive."""
    woven = "tinterlace=interleave_top," + ("setfield=prog" if tag_progressive else "setfield=tff")
    coding = [] if tag_progressive else ["-flags", "+ildct+ilme", "-field_order", "tt"]
    ffmpeg(
        # the whole picture moves: every frame has motion for the fields to disagree on
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=50:d=4,scroll=h=0.01",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=4",
        "-vf", woven, *coding, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path),
    )  # fmt: skip
    return path


def test_an_interlaced_master_is_deinterlaced_to_25p(tmp_path: Path) -> None:
    master = _interlaced_master(tmp_path / "i50.mp4")
    assert _combing(master) > 2  # the master combs
    probe = probe_video(master)
    assert (probe.interlace, probe.interlace_from) == ("tff", "the stream")
    root = _workspace(tmp_path, master)
    reporter = RecordingReporter()
    build(root, reporter=reporter)
    out = _delivered(root)
    assert _combing(out) < 1  # old code: woven, as combed as the master
    with av.open(str(out)) as c:
        assert c.streams.video[0].average_rate == 25
        assert int(c.streams.video[0].codec_context.field_order) in (0, 1)  # progressive
    rec = _package(root)["masters"]["film"]["interlace"]
    assert rec["field_order"] == "tff" and rec["fps"] == "25"
    assert any("deinterlaced with bwdif to 25p" in t for t in _infos(reporter))


def _frames(path: Path) -> list[Any]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="gray").astype(float) for f in c.decode(video=0)]


def test_a_master_tagged_progressive_is_found_interlaced_by_idet_and_made_50p(
    tmp_path: Path,
) -> None:
    master = _interlaced_master(tmp_path / "i50p.mp4", tag_progressive=True)
    with av.open(str(master)) as c:
        assert int(c.streams.video[0].codec_context.field_order) == 1  # says progressive
    # a profile that allows 50 fps: one frame per field
    root = _workspace(tmp_path, master, profile={**TEST_PROFILE, "level": "4.2", "max_fps": 60})
    build(root, reporter=RecordingReporter())
    out = _delivered(root)
    with av.open(str(out)) as c:
        v = c.streams.video[0]
        assert v.average_rate == 50
        frames = sum(1 for p in c.demux(v) if p.size)
    assert frames == 200  # two per source frame (4 s at 25 frames), in two chunks
    assert _combing(out) < 1
    # frame n is the picture bwdif makes of field n over the whole master: no frame
    # lost, doubled or swapped at the chunk seam (frame 100)
    reference = tmp_path / "reference.mp4"
    ffmpeg(
        "-i", str(master), "-vf", "bwdif=mode=send_field:parity=tff:deint=all",
        "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast", "-an", str(reference),
    )  # fmt: skip
    whole, got = _frames(reference), _frames(out)
    diffs = [float(np.abs(a - b).mean()) for a, b in zip(got, whole, strict=True)]
    shifted = [float(np.abs(a - b).mean()) for a, b in zip(got[1:], whole, strict=False)]
    # measured: at most 3.4 (encoding) against at least 9.3 one frame off
    assert max(diffs) < 0.6 * min(shifted), (max(diffs), min(shifted))
    rec = _package(root)["masters"]["film"]["interlace"]
    assert (rec["found_by"], rec["fps"]) == ("idet", "50")


def test_idet_must_agree_with_the_fields_motion() -> None:
    from screening_kit.masters import interlace_verdict

    woven_tff = [1.0, 1.0] * 20  # the fields of a frame differ as much as the next pair
    woven_as_bff = [0.5, 1.0] * 20
    same_moment = [0.55, 1.0] * 20  # progressive: the fields of a frame differ in space only
    assert interlace_verdict((50, 0, 0), woven_tff, woven_as_bff) == "tff"
    assert interlace_verdict((0, 90, 10), woven_as_bff, woven_tff) == "bff"
    # idet on progressive testsrc2 at 160x90 says TFF 49 BFF 1: the fields say no
    assert interlace_verdict((49, 1, 0), same_moment, same_moment) == "progressive"
    assert interlace_verdict((44, 40, 5), woven_tff, woven_as_bff) == "progressive"
    assert interlace_verdict((0, 0, 0), woven_tff, woven_as_bff) == "progressive"


def test_a_small_progressive_test_pattern_is_not_taken_for_interlaced(
    tmp_path: Path,
    make_video: MakeVideo,
) -> None:
    facts = probe_video(make_video("small.mp4", seconds=3, size="160x90"))
    assert facts.interlace is None


# ---------------------------------------------------------------- 3. HDR


@pytest.mark.parametrize("transfer", ["smpte2084", "arib-std-b67"])  # PQ, HLG
def test_an_hdr_master_is_tone_mapped_and_red_stays_red(tmp_path: Path, transfer: str) -> None:
    master = tmp_path / "hdr.mp4"
    # BT.709 red (253, 0, 0) at SDR white level, expressed in BT.2020 with PQ or HLG
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=0xFD0000:s=320x180:r=25:d=1,format=gbrp",
        "-vf", f"zscale=tin=bt709:pin=bt709:min=gbr:t={transfer}:p=bt2020:m=bt2020nc:r=tv:npl=100,"
        "format=yuv420p10le",
        "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10",
        "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc",
        str(master),
    )  # fmt: skip
    root = _workspace(tmp_path, master)
    (root / "subtitles" / "film" / "en.srt").write_text(
        "1\n00:00:00,100 --> 00:00:00,500\nHi\n\n", "utf-8"
    )
    build(root, reporter=RecordingReporter())
    with av.open(str(_delivered(root))) as c:
        frame = next(c.decode(video=0))
        rgb = frame.to_ndarray(format="rgb24")
    r, g, b = (int(x) for x in rgb[60:120, 200:300].reshape(-1, 3).mean(axis=0))
    # old code converted the matrix only: (113, 70, 44), a washed-out brown
    assert r > 180 and g < 40 and b < 40, (r, g, b)
    rec = _package(root)["masters"]["film"]["hdr"]
    assert rec["transfer"] == {"smpte2084": "pq", "arib-std-b67": "hlg"}[transfer]


# ---------------------------------------------------------------- 4. decode errors


def _damaged_master(tmp_path: Path) -> Path:
    master = tmp_path / "clean.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=6",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=6",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart",
        "-shortest", str(master),
    )  # fmt: skip
    data = bytearray(master.read_bytes())
    # flip bytes in the middle of the picture data (the header and first frames intact)
    for i in range(int(len(data) * 0.4), int(len(data) * 0.6), 997):
        data[i] ^= 0xFF
    bad = tmp_path / "damaged.mp4"
    bad.write_bytes(bytes(data))
    return bad


def test_decode_errors_are_counted_named_recorded_and_refused_with_strict(
    tmp_path: Path,
) -> None:
    root = _workspace(tmp_path, _damaged_master(tmp_path))
    reporter = RecordingReporter()
    build(root, reporter=reporter)  # old code: exit 0 without a word
    said = [w for w in _warnings(reporter) if "decode errors" in w]
    assert len(said) == 1 and said[0].startswith("film (films/damaged.mp4): ")
    assert re.search(r"\d+ decode errors in 00:00:\d\d\.\d-00:00:\d\d\.\d", said[0])
    doc = _package(root)
    ranges = doc["masters"]["film"]["decode_errors"]
    assert ranges and all(r["errors"] > 0 and r["end"] > r["start"] for r in ranges)
    assert any("decode errors" in n for n in doc["technical_notes"])
    assert "decode errors" in (root / "dist" / "index.html").read_text("utf-8")
    # from the cache the same is said, and --strict refuses (exit 2, no traceback)
    result = CliRunner().invoke(main, ["build", str(root), "--strict"])
    assert result.exit_code == 2, result.output
    assert "decode errors" in result.output and "Traceback" not in result.output


def test_a_clean_master_has_no_decode_errors(tmp_path: Path, make_video: MakeVideo) -> None:
    root = _workspace(tmp_path, make_video("clean.mp4"))
    build(root, reporter=RecordingReporter(), strict=True)
    assert _package(root)["masters"]["film"]["decode_errors"] == []


# ---------------------------------------------------------------- 5. cut short


def test_a_cut_short_master_is_an_input_error_before_encoding(tmp_path: Path) -> None:
    master = tmp_path / "whole.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=6",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=6",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart",
        "-shortest", str(master),
    )  # fmt: skip
    cut = tmp_path / "x.mp4"
    cut.write_bytes(master.read_bytes()[: int(master.stat().st_size * 0.7)])
    root = _workspace(tmp_path, cut)
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 2, result.output  # old code: exit 3, "produced 73 frames"
    assert re.search(
        r"films/x\.mp4: ends at 00:00:0\d\.\d, its header says 00:00:06\.0: the file is cut "
        r"short; copy it again",
        result.output,
    ), result.output
    assert not (root / ".screening-kit" / "cache" / "objects").exists() or not list(
        (root / ".screening-kit" / "cache" / "objects").rglob("*.mp4")
    )


# ---------------------------------------------------------------- 6. streams


def _peak_hz(path: Path) -> float:
    with av.open(str(path)) as c:
        samples = np.concatenate([f.to_ndarray()[0] for f in c.decode(audio=0)])  # left
    spectrum = np.abs(np.fft.rfft(samples[:48000]))
    return float(np.argmax(spectrum[20:]) + 20)  # 1 s of signal: bins are Hz


def _two_mixes(path: Path) -> Path:
    """A mono commentary (1000 Hz) first, not default; the stereo main mix (440 Hz)
    second, marked default."""
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2",
        "-f", "lavfi", "-i", "sine=f=1000:sample_rate=48000:d=2",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=2",
        "-map", "0:v", "-map", "1:a", "-map", "2:a", "-ac:a:1", "2",
        "-disposition:a:0", "0", "-disposition:a:1", "default",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(path),
    )  # fmt: skip
    return path


def test_the_default_audio_stream_wins_over_a_commentary_placed_first(tmp_path: Path) -> None:
    root = _workspace(tmp_path, _two_mixes(tmp_path / "mixes.mp4"))
    reporter = RecordingReporter()
    build(root, reporter=reporter)
    # the delivered sound is the main mix: old code took 0:a:0, the commentary
    assert abs(_peak_hz(_delivered(root)) - 440) < 5
    rec = _package(root)["masters"]["film"]
    assert rec["audio_stream"] == 1 and "audio stream 1 of 2 (marked default)" in rec["streams"]
    assert any("audio stream 1 of 2 (marked default)" in t for t in _infos(reporter))


def test_audio_stream_in_ceremony_yaml_overrides_the_choice(tmp_path: Path) -> None:
    root = _workspace(tmp_path, _two_mixes(tmp_path / "mixes.mp4"), audio_stream=0)
    build(root, reporter=RecordingReporter())
    assert abs(_peak_hz(_delivered(root)) - 1000) < 5
    assert "audio_stream in ceremony.yaml" in _package(root)["masters"]["film"]["streams"]


def test_a_one_frame_poster_stream_placed_first_is_not_the_film(tmp_path: Path) -> None:
    master = tmp_path / "poster.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=red:s=320x180:r=25:d=0.04",
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=3",
        "-map", "0:v", "-map", "1:v", "-map", "2:a",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(master),
    )  # fmt: skip
    with av.open(str(master)) as c:
        assert [s.frames for s in c.streams.video] == [1, 75]
    root = _workspace(tmp_path, master)
    build(root, reporter=RecordingReporter())
    with av.open(str(_delivered(root))) as c:
        v = c.streams.video[0]
        frames = sum(1 for p in c.demux(v) if p.size)
    assert frames == 75  # old code: a 0.04 s film of one red frame
    rec = _package(root)["masters"]["film"]
    assert rec["video_stream"] == 1 and "the longest, 3.0 s" in rec["streams"]


def test_a_stream_number_past_the_last_is_named(tmp_path: Path, make_video: MakeVideo) -> None:
    root = _workspace(tmp_path, make_video("one.mp4"), video_stream=3)
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 2, result.output
    assert "`video_stream: 3` but this file has 1 video stream" in result.output


# ---------------------------------------------------------------- 7. loudness


def _seven_one_flac(path: Path) -> Path:
    """The same rising tone in all eight channels of a 7.1 FLAC, in Matroska."""
    e = "0.3*(0.2+0.8*t/3)*sin(2*PI*440*t)"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3",
        "-f", "lavfi", "-i", f"aevalsrc=exprs={'|'.join([e] * 8)}:channel_layout=7.1:s=48000:d=3",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "flac", "-shortest", str(path),
    )  # fmt: skip
    return path


def _loudness(path: Path) -> float:
    said = ff.run(
        [*ff.base_args(), "-i", str(path), "-vn", "-af", "ebur128=framelog=quiet", "-f", "null",
         "-"],
        what="ebur128",
    )  # fmt: skip
    return float(re.findall(r"^\s*I:\s+(\S+) LUFS", said, re.M)[-1])


def test_a_7_1_flac_master_in_matroska_is_delivered_at_the_target(tmp_path: Path) -> None:
    master = _seven_one_flac(tmp_path / "m71.mkv")
    with av.open(str(master)) as c:
        a = c.streams.audio[0]
        assert (a.codec_context.name, a.channels, a.format.name) == ("flac", 8, "s32")
    root = _workspace(tmp_path, master)
    reporter = RecordingReporter()
    build(root, reporter=reporter)
    assert abs(_loudness(_delivered(root)) + 23) <= 1.0  # old code: -33
    assert not [w for w in _warnings(reporter) if "delivered loudness" in w]


def test_a_delivered_loudness_off_target_is_warned_and_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening_kit.render import audio

    # the mix as it was before issue 17 (integer, for this source): 10 LU quiet
    monkeypatch.setattr(
        audio,
        "downmix",
        lambda channels: f"aresample=ochl=stereo:{audio.DOWNMIX_LEVELS},",
    )
    root = _workspace(tmp_path, _seven_one_flac(tmp_path / "m71.mkv"))
    reporter = RecordingReporter()
    build(root, reporter=reporter)
    said = [w for w in _warnings(reporter) if "delivered loudness" in w]
    assert len(said) == 1 and said[0].startswith("film: delivered loudness -3"), said
    assert "LU quiet" in said[0]
    index = (root / "dist" / "index.html").read_text("utf-8")
    assert "film: delivered loudness -3" in index
    assert any("delivered loudness" in n for n in _package(root)["technical_notes"])


# ---------------------------------------------------------------- 8. names and kinds


@pytest.mark.parametrize("on_disk,in_yaml", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_film_name_in_another_unicode_form_is_matched(
    tmp_path: Path,
    make_video: MakeVideo,
    on_disk: str,
    in_yaml: str,
) -> None:
    name = "Café Noël.mp4"
    root = _workspace(tmp_path, make_video("plain.mp4"))
    films = root / "films"
    (films / "plain.mp4").rename(films / unicodedata.normalize(on_disk, name))
    cfg = root / "ceremony.yaml"
    wanted = unicodedata.normalize(in_yaml, name)
    assert wanted not in os.listdir(films)
    doc = yaml.safe_load(cfg.read_text("utf-8"))
    doc["films"][0]["source"] = f"films/{wanted}"
    cfg.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    reporter = RecordingReporter()
    build(root, reporter=reporter)  # old code: "film file not found"
    assert _delivered(root).is_file()
    assert any("another Unicode form" in t and "matched by NFC" in t for t in _infos(reporter))
    said = CliRunner().invoke(main, ["check", str(root), "--no-shots"])
    assert said.exit_code == 0 and "name-form" in said.output, said.output


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_given_as_the_film_is_not_a_regular_file(
    tmp_path: Path,
    make_video: MakeVideo,
    kind: str,
) -> None:
    root = _workspace(tmp_path, make_video("film.mp4"))
    film = root / "films" / "film.mp4"
    film.unlink()
    if kind == "folder":
        film.mkdir()
    else:
        os.mkfifo(film)
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output and "not found" not in result.output


def test_probe_names_a_folder_as_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="not a regular file"):
        probe_video(tmp_path)


def test_keys_of_an_ordinary_master_do_not_name_the_reading() -> None:
    from screening_kit.plan import SourceReading

    assert SourceReading().key() == {}
    assert SourceReading(1, "tff", True, None).key() == {
        "video_stream": 1,
        "deinterlace": "tff",
        "per_field": True,
    }


def test_a_conformed_master_is_deinterlaced_and_tone_mapped_in_its_conform_step(
    tmp_path: Path,
) -> None:
    """A master at another rate is read once by its conform ranges: the reading
    (bwdif one frame per frame, the tone-map) happens there, before the fps filter."""
    from screening_kit.plan import ConformTask, SourceReading
    from screening_kit.render.commands import conform_command

    master = tmp_path / "pq30.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "color=c=0xFD0000:s=320x180:r=30:d=1,format=gbrp",
        "-vf", "zscale=tin=bt709:pin=bt709:min=gbr:t=smpte2084:p=bt2020:m=bt2020nc:r=tv:"
        "npl=100,format=yuv420p10le",
        "-c:v", "libx264", "-preset", "ultrafast", "-color_primaries", "bt2020",
        "-color_trc", "smpte2084", "-colorspace", "bt2020nc", str(master),
    )  # fmt: skip
    task = ConformTask(
        key="k", label="conform", deps=(), work=20, source=master, source_id="0" * 64,
        fps=Fraction(25),
        frames=20, reading=SourceReading(0, "tff", False, "pq"),
    )  # fmt: skip
    out = tmp_path / "range.mp4"
    argv = conform_command(task, out, 1)
    vf = argv[argv.index("-vf") + 1]
    assert vf.startswith("bwdif=mode=send_frame:parity=tff:deint=all,zscale=tin=smpte2084")
    assert vf.index("tonemap=") < vf.index("fps=25/1")
    ff.run(argv, what="conform")
    with av.open(str(out)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    assert len(frames) == 20
    rgb = frames[0]
    r, g, b = (int(x) for x in rgb[60:120, 100:200].reshape(-1, 3).mean(axis=0))
    assert r > 180 and g < 40 and b < 40, (r, g, b)
