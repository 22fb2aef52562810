"""End to end: the demo workspace (small) in, one playable package per country out."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from screening_kit.build import BuildResult, build
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.progress import RecordingReporter
from screening_kit.render.audio import parse_loudnorm_json

from .mediacheck import top_level_boxes, video_props

COUNTRIES = ["GB", "IE", "KZ", "KG", "KR", "JP", "EG", "JO"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, RecordingReporter]:
    from screening_kit.demo import make_demo

    from .conftest import shrink_workspace

    root = tmp_path_factory.mktemp("e2e") / "ws"
    # 8 s in 2 s chunks: the sample cues leave chunk 4-6 s without subtitles
    make_demo(root, seconds=8, width=320, height=180)
    shrink_workspace(root)
    rep = RecordingReporter()
    # the 8 s film is too short for its sample cues to pass reading-speed checks
    return build(root, reporter=rep, jobs=2, force=True), rep


def test_one_package_per_country_with_every_file(
    built: tuple[BuildResult, RecordingReporter],
) -> None:
    result, _ = built
    assert sorted(p.country for p in result.packages) == sorted(COUNTRIES)
    for code in COUNTRIES:
        d = result.out_dir / code
        names = sorted(p.name for p in d.iterdir())
        lang = {
            "GB": "en",
            "IE": "en",
            "KZ": "ru",
            "KG": "ru",
            "KR": "ko",
            "JP": "ja",
            "EG": "ar",
            "JO": "ar",
        }[code]
        assert names == sorted(
            [
                "01_photos.mp4",
                f"02_documentary.{lang}.mp4",
                "03_photos.mp4",
                "MANIFEST.sha256",
                "PLAY.bat",
                "PLAY.command",
                "PLAY.html",
                "RUNSHEET.html",
                "VERIFY.html",
                "ceremony.m3u8",
                "ceremony.xspf",
                "package.json",
                "play.sh",
            ]
        )
    # no staging or temporary leftovers next to the packages
    assert not [p for p in result.out_dir.iterdir() if p.name.startswith(".")]


def test_film_file_meets_tv_usb_profile(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    for f in [
        result.out_dir / "KR" / "02_documentary.ko.mp4",
        result.out_dir / "KR" / "01_photos.mp4",
    ]:
        p = video_props(f)
        assert p.codec == "h264"
        assert p.profile == "High"
        assert p.level == 41
        assert p.pix_fmt == "yuv420p"
        assert not p.interlaced
        assert p.width <= 1920 and p.height <= 1080
        assert p.sar == 1
        assert p.fps <= 30
        assert p.audio_codec == "aac" and p.audio_profile == "LC"
        assert p.audio_rate == 48000 and p.audio_channels == 2
        boxes = top_level_boxes(f)
        assert boxes.index("moov") < boxes.index("mdat"), boxes


def test_maxrate_is_set_in_the_stream(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    # x264 writes its settings into an SEI message: check the VBV limit really went in
    data = (result.out_dir / "GB" / "02_documentary.en.mp4").read_bytes()
    i = data.index(b"x264 - core")
    settings = data[i : i + 2000].decode("latin-1")
    assert "vbv_maxrate=16000" in settings
    assert "vbv_bufsize=32000" in settings


def test_film_lasts_cards_plus_film_within_one_frame(
    built: tuple[BuildResult, RecordingReporter],
) -> None:
    result, _ = built
    # film 8 s, opening card 1 s, closing card 1 s (shrink_workspace)
    p = video_props(result.out_dir / "JP" / "02_documentary.ja.mp4")
    assert p.fps == 25
    assert p.frames == 10 * 25
    assert abs(p.duration - 10.0) <= 1 / 25
    # audio and video end together
    out = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(result.out_dir / "JP" / "02_documentary.ja.mp4"),
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stderr.strip() == ""


def test_playlist_durations_match_files(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    d = result.out_dir / "EG"
    m3u = (d / "ceremony.m3u8").read_text("utf-8").splitlines()
    assert m3u[0] == "#EXTM3U"
    extinf = [line for line in m3u if line.startswith("#EXTINF:")]
    files = [line for line in m3u if line and not line.startswith("#")]
    # each repeat is an entry of its own: players that ignore #EXTVLCOPT play them too
    assert files == ["01_photos.mp4"] * 3 + ["02_documentary.ar.mp4"] + ["03_photos.mp4"] * 3
    for info, name in zip(extinf, files, strict=True):
        stated = float(info.split(":", 1)[1].split(",", 1)[0])
        assert abs(stated - video_props(d / name).duration) <= 1 / 25 + 0.03, name
    assert not [line for line in m3u if line.startswith("#EXTVLCOPT")]
    pkg = json.loads((d / "package.json").read_text("utf-8"))
    for f in pkg["files"]:
        assert abs(f["duration"] - video_props(d / f["name"]).duration) <= 1 / 25 + 0.03


def test_manifest_is_read_by_sha256sum(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    d = result.out_dir / "GB"
    if shutil.which("sha256sum"):
        out = subprocess.run(
            ["sha256sum", "-c", "MANIFEST.sha256"],
            cwd=d,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 0, out.stdout + out.stderr
    lines = (d / "MANIFEST.sha256").read_text().splitlines()
    assert len(lines) == 12  # every file but the manifest itself
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((d / name).read_bytes()).hexdigest() == digest


def test_package_json_describes_inputs_and_versions(
    built: tuple[BuildResult, RecordingReporter],
) -> None:
    result, _ = built
    pkg = json.loads((result.out_dir / "KZ" / "package.json").read_text("utf-8"))
    assert pkg["country"] == "KZ" and pkg["language"] == "ru" and pkg["profile"] == "test"
    assert pkg["versions"]["ffmpeg"] and pkg["versions"]["screening_kit"]
    paths = {i["path"] for i in pkg["inputs"]}
    assert {
        "films/documentary.mp4",
        "subtitles/documentary/ru.srt",
        "subtitles/documentary/cards.ru.yaml",
        "playlists/ceremony.yaml",
    } <= paths
    # ceremony.yaml as a whole is not one package's input (editing another country's
    # entry must not change this package); what it sets for this one is recorded
    assert "ceremony.yaml" not in paths
    assert pkg["profile_settings"]["max_width"] == 320
    assert any(p.startswith("films/photos/") for p in paths)
    for i in pkg["inputs"]:
        assert len(i["sha256"]) == 64


def test_countries_sharing_a_language_share_one_render(
    built: tuple[BuildResult, RecordingReporter],
) -> None:
    result, rep = built
    gb = result.out_dir / "GB" / "02_documentary.en.mp4"
    ie = result.out_dir / "IE" / "02_documentary.en.mp4"
    # the same cache object, copied into both packages (copies: damage to one of
    # them, or to the cache, never reaches the other)
    assert gb.read_bytes() == ie.read_bytes()
    assert gb.stat().st_ino != ie.stat().st_ino
    finals = [
        t
        for t in result.plan.tasks.values()
        if type(t).__name__ == "MuxTask" and not t.label.startswith("slideshow")
    ]
    assert len(finals) == 5  # five languages, eight countries
    assert any("shared by GB, IE" in m for m in rep.of("info"))
    # film chunks without cues are shared by every language (cut at the cues' edges)
    shared = [label for label in rep.of("encoded") if "[shared]" in label]
    assert shared == ["documentary: frames 44-79 [shared]", "documentary: frames 114-149 [shared]"]


def test_second_build_encodes_nothing(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    rep = RecordingReporter()
    again = build(result.workspace, reporter=rep, force=True)
    assert again.execution.encoded == []
    assert rep.of("encoded") == []
    assert len(rep.of("reused")) > 10


def test_letterboxes_other_aspect_ratios(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    from screening_kit.demo import make_demo

    from .conftest import shrink_workspace

    root = tmp_path / "ws"
    make_demo(root, seconds=4, width=320, height=180)
    shrink_workspace(root)
    # replace the film with a 4:3 one: it must be pillar-boxed into 16:9, not stretched
    make_video("film43.mp4", seconds=4, size="240x180")
    shutil.copy(tmp_path / "film43.mp4", root / "films" / "documentary.mp4")
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["countries"] = {"GB": {"name": "United Kingdom", "language": "en"}}
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    result = build(root, reporter=RecordingReporter(), force=True)
    film = result.out_dir / "GB" / "02_documentary.en.mp4"
    p = video_props(film)
    assert (p.width, p.height) == (320, 180)
    assert p.sar == 1
    from .mediacheck import frame_at

    frame = frame_at(film, 2.0)  # after the 1 s card
    # 40 px bars left and right are black; the picture starts right after them
    assert frame[:, :36].max() < 40
    assert frame[:, 284:].max() < 40
    assert frame[:, 44:276].mean() > 40
    assert Fraction(p.width, p.height) == Fraction(16, 9)


# the sample cues of the 8 s demo film (demo.CUE_SPANS x 8 s), film time in seconds
CUE_MIDPOINTS = [0.52, 1.40, 3.52, 6.32]
NO_CUE_TIMES = [0.96, 2.5, 5.0, 7.5]
CARD = 1.0  # opening card length in the shrunk workspace


@pytest.mark.parametrize(
    "code,lang", [("GB", "en"), ("KZ", "ru"), ("KR", "ko"), ("JP", "ja"), ("EG", "ar")]
)
def test_burned_in_cues_visible_only_during_their_time(
    built: tuple[BuildResult, RecordingReporter], code: str, lang: str
) -> None:
    from .mediacheck import changed_fraction, frame_at

    result, _ = built
    film = result.out_dir / code / f"02_documentary.{lang}.mp4"
    source = result.workspace / "films" / "documentary.mp4"
    # bottom band inside the title-safe width, where bottom-aligned cues sit
    band = (16, 110, 304, 171)
    for t in CUE_MIDPOINTS:
        changed = changed_fraction(frame_at(film, CARD + t), frame_at(source, t), band)
        assert changed > 0.01, (lang, t, changed)
    for t in NO_CUE_TIMES:
        changed = changed_fraction(frame_at(film, CARD + t), frame_at(source, t), band)
        assert changed < 0.002, (lang, t, changed)
    # above the band nothing is ever drawn
    top = (0, 0, 320, 100)
    for t in CUE_MIDPOINTS:
        assert changed_fraction(frame_at(film, CARD + t), frame_at(source, t), top) < 0.002


def test_loudness_is_normalised_and_recorded(built: tuple[BuildResult, RecordingReporter]) -> None:
    result, _ = built
    pkg = json.loads((result.out_dir / "GB" / "package.json").read_text("utf-8"))
    rec = pkg["loudness"]["documentary"]
    assert rec["normalization_type"] == "linear"
    assert abs(float(rec["output_i"]) + 23) <= 1.0
    assert float(rec["output_tp"]) <= -1.0
    # measure the delivered file independently with loudnorm's first pass
    out = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-i",
            str(result.out_dir / "GB" / "02_documentary.en.mp4"),
            "-vn",
            "-af",
            "loudnorm=print_format=json",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    measured = parse_loudnorm_json(out)
    # the 1 s cards are silent and gated out; the film part is at -23 LUFS
    assert abs(float(measured["input_i"]) + 23) <= 1.0
    assert float(measured["input_tp"]) <= -0.9


@pytest.mark.slow
def test_real_demo_at_1080p_meets_the_profile(tmp_path: Path) -> None:
    """The shipped demo (60 s, 1080p25) with the real tv-usb-1080p profile, one country."""
    from screening_kit.demo import make_demo

    root = tmp_path / "demo"
    make_demo(root)
    result = build(root, countries=["JO"], reporter=RecordingReporter())
    film = result.out_dir / "JO" / "02_documentary.ar.mp4"
    p = video_props(film)
    assert (p.codec, p.profile, p.level, p.pix_fmt) == ("h264", "High", 41, "yuv420p")
    assert (p.width, p.height, p.fps, p.sar) == (1920, 1080, 25, 1)
    # opening card 5 s + film 60 s + closing card 3 s
    assert p.frames == (5 + 60 + 3) * 25
    assert (p.audio_codec, p.audio_rate, p.audio_channels) == ("aac", 48000, 2)
    boxes = top_level_boxes(film)
    assert boxes.index("moov") < boxes.index("mdat")
    pkg = json.loads((result.out_dir / "JO" / "package.json").read_text("utf-8"))
    assert pkg["loudness"]["documentary"]["normalization_type"] == "linear"
    # the shipped demo's subtitles and cards pass every check: no error, no warning. Its
    # captions are English and Arabic for two of six photos on purpose (the other
    # languages share one caption-free slideshow), which check reports as warnings.
    qc = pkg["subtitle_qc"]
    assert qc["errors"] == 0
    assert [f for f in qc["findings"] if not f["rule"].startswith("caption-")] == []
    assert {f["rule"] for f in qc["findings"]} == {"caption-missing"}
