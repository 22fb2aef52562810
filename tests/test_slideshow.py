"""Slideshows: photo preparation, smooth Ken Burns motion, captions, music, long loops."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
import yaml
from PIL import Image, ImageDraw

from screening_kit.cache import Cache
from screening_kit.captions import load_photo_notes
from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError, ScreeningKitError
from screening_kit.facts import gather_facts
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.photos import Canvas, prepare_photo
from screening_kit.plan import (
    AudioTask,
    LoopTask,
    Plan,
    SlideshowTask,
    make_plan,
    motion_windows,
    slide_clips,
)
from screening_kit.progress import RecordingReporter
from screening_kit.render import commands as cmd
from screening_kit.render.execute import execute

from .conftest import TEST_PROFILE, ffmpeg

FPS = 25


def make_workspace(
    root: Path,
    photos: dict[str, Image.Image],
    show: dict[str, Any],
    captions: str | None = None,
    countries: dict[str, str] | None = None,
    profile: dict[str, Any] | None = None,
) -> Path:
    """A workspace with one slideshow (no film)."""
    (root / "photos").mkdir(parents=True)
    (root / "playlists").mkdir()
    for name, img in photos.items():
        img.save(root / "photos" / name)
    if captions is not None:
        (root / "photos" / "captions.yaml").write_text(captions, "utf-8")
        show = {"captions": "captions.yaml", **show}
    cfg = {
        "title": "Test",
        "profiles": {"test": {**TEST_PROFILE, **(profile or {})}},
        "profile": "test",
        "countries": {
            code: {"name": code, "language": lang}
            for code, lang in (countries or {"GB": "en"}).items()
        },
        "slideshows": [{"id": "show", "title": "Show", "photos": "photos", **show}],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - slideshow: show\n", "utf-8")
    return root


def plan_of(root: Path) -> tuple[Plan, Cache]:
    ws = load_workspace(root)
    cache = Cache(root / ".cache")
    codes = list(ws.ceremony.countries)
    facts = gather_facts(ws, codes, cache)
    return make_plan(ws, facts, codes, ffmpeg_version="test"), cache


def render(root: Path) -> tuple[Plan, Cache, dict[str, Path]]:
    """Plan and execute; country -> the slideshow file."""
    plan, cache = plan_of(root)
    execute(plan, cache, RecordingReporter(), jobs=2)
    out = {}
    for c in plan.countries:
        item = c.items[0]
        out[c.code] = cache.path(item.key, item.ext)
    return plan, cache, out


def luma_frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [
            f.to_ndarray(format="gray").astype(np.float64) for f in c.decode(c.streams.video[0])
        ]


def marker_photo(size: tuple[int, int], dots: list[tuple[float, float]], r: float) -> Image.Image:
    """Dark photo with white discs (centres as fractions of the size)."""
    img = Image.new("RGB", size, (20, 20, 20))
    d = ImageDraw.Draw(img)
    for fx, fy in dots:
        x, y = fx * size[0], fy * size[1]
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255))
    return img


def centroids(frame: np.ndarray, split_x: int | None = None) -> list[tuple[float, float]]:
    """Intensity-weighted centroid of the bright marker(s); sub-pixel by construction."""
    w = np.clip(frame - 60, 0, None)
    parts = [w] if split_x is None else [w[:, :split_x], w[:, split_x:]]
    out = []
    offset = 0
    for part in parts:
        ys, xs = np.indices(part.shape)
        total = part.sum()
        out.append((float((xs * part).sum() / total) + offset, float((ys * part).sum() / total)))
        offset += part.shape[1]
    return out


def coded_slices(packet: bytes) -> list[bytes]:
    """The NAL units of an MP4 (length-prefixed) H.264 packet, without SPS/PPS."""
    out, pos = [], 0
    while pos < len(packet):
        size = int.from_bytes(packet[pos : pos + 4], "big")
        nal = packet[pos + 4 : pos + 4 + size]
        if nal[0] & 0x1F not in (7, 8):
            out.append(nal)
        pos += 4 + size
    return out


def jitter(values: list[float]) -> tuple[float, float]:
    """Mean per-frame step and the largest deviation from it."""
    steps = np.diff(np.array(values))
    return float(steps.mean()), float(np.abs(steps - steps.mean()).max())


# ------------------------------------------------------------------ pure planning


def test_seamless_cycle_layout() -> None:
    paths = [motion_windows(d, 1.2) for d in ("in", "left", "out")]
    clips = slide_clips(paths, per=50, xf=10)
    # the last photo's tail opens the cycle, the last photo's head closes it
    assert [(c.photo, c.first, c.count) for c in clips] == [
        (2, 40, 10),
        (0, 0, 50),
        (1, 0, 50),
        (2, 0, 40),
    ]
    assert sum(c.count for c in clips) - 10 * (len(clips) - 1) == 3 * 40


def test_keys_follow_captions_motion_and_photos(tmp_path: Path) -> None:
    photos = {"a.png": marker_photo((320, 180), [(0.5, 0.5)], 10)}
    base = {"seconds_per_photo": 2, "crossfade": 0.5}
    two = {"GB": "en", "KZ": "ru"}
    root = make_workspace(tmp_path / "a", photos, base, "a.png: {en: Hello}\n", two)
    plan, _ = plan_of(root)
    keys = {c.code: c.items[0].key for c in plan.countries}
    # a caption in English only: English gets its own render, Russian the plain one
    assert keys["GB"] != keys["KZ"]
    labels = sorted(t.label for t in plan.tasks.values() if isinstance(t, SlideshowTask))
    assert labels == ["slideshow show (1 photo) [en] test", "slideshow show (1 photo) test"]

    root_b = make_workspace(tmp_path / "b", photos, base, "a.png: {en: Hello!}\n", two)
    plan_b, _ = plan_of(root_b)
    keys_b = {c.code: c.items[0].key for c in plan_b.countries}
    assert keys_b["GB"] != keys["GB"] and keys_b["KZ"] == keys["KZ"]

    root_c = make_workspace(tmp_path / "c", photos, base, "a.png: {en: Hello, motion: up}\n", two)
    plan_c, _ = plan_of(root_c)
    assert {c.items[0].key for c in plan_c.countries}.isdisjoint(keys.values())


def test_motion_from_config_and_captions_file(tmp_path: Path) -> None:
    photos = {f"{i}.png": marker_photo((320, 180), [], 1) for i in range(3)}
    show = {"seconds_per_photo": 2, "crossfade": 0, "motion": "up"}
    root = make_workspace(tmp_path, photos, show, "1.png: {motion: left}\n")
    plan, _ = plan_of(root)
    (task,) = [t for t in plan.tasks.values() if isinstance(t, SlideshowTask)]
    moves = [(c.start, c.end) for c in task.clips]
    assert moves == [motion_windows(d, 1.12) for d in ("up", "left", "up")]


def test_captions_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "captions.yaml"
    path.write_text("a.jpg: {en: Hi}\nb.jpg: {en: There}\n", "utf-8")
    with pytest.raises(ConfigError) as e:
        load_photo_notes(path, {"a.jpg"})
    assert "b.jpg" in str(e.value) and f"{path}:2" in str(e.value)
    path.write_text("a.jpg: {en: Hi, motion: sideways}\n", "utf-8")
    with pytest.raises(ConfigError, match="sideways"):
        load_photo_notes(path, {"a.jpg"})
    csv = tmp_path / "captions.csv"
    csv.write_text("photo,motion,en,ru\na.jpg,left,Hello,Привет\n", "utf-8")
    note = load_photo_notes(csv, {"a.jpg"})["a.jpg"]
    assert note.motion == "left" and note.captions == {"en": "Hello", "ru": "Привет"}
    csv.write_text("photo,en\na.jpg,Hello,world\n", "utf-8")
    with pytest.raises(ConfigError, match=r"captions.csv:2: more cells"):
        load_photo_notes(csv, {"a.jpg"})


def test_config_rejects_long_crossfade_and_unknown_colour(tmp_path: Path) -> None:
    photos = {"a.png": marker_photo((64, 36), [], 1)}
    root = make_workspace(tmp_path / "a", photos, {"seconds_per_photo": 2, "crossfade": 1.5})
    with pytest.raises(ConfigError, match="crossfade"):
        load_workspace(root)
    root = make_workspace(tmp_path / "b", photos, {"fill": "blurple"})
    with pytest.raises(ConfigError, match="colour"):
        load_workspace(root)


def test_caption_too_long_is_an_error(tmp_path: Path) -> None:
    photos = {"a.png": marker_photo((64, 36), [], 1)}
    long = " ".join(["commemoration"] * 40)
    root = make_workspace(tmp_path, photos, {}, f"a.png: {{en: {long}}}\n")
    with pytest.raises(ConfigError) as e:
        plan_of(root)
    assert "a.png [en]" in str(e.value) and "captions.yaml" in str(e.value)


# ------------------------------------------------------------------ photo preparation


def test_exif_orientation_cmyk_and_alpha(tmp_path: Path) -> None:
    canvas = Canvas(320, 180, "#000000", visible=(0.0, 0.0, 1.0, 1.0))
    # stored landscape, left half red; EXIF 6 says "turn 90 degrees clockwise to view"
    img = Image.new("RGB", (400, 200), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    img.save(tmp_path / "rot.jpg", exif=exif)
    prepare_photo(tmp_path / "rot.jpg", canvas, tmp_path / "rot.png")
    out = np.asarray(Image.open(tmp_path / "rot.png"))
    assert out.shape == (180, 320, 3)
    # shown upright and portrait: the photo is 90 px wide, red on top, blue below
    assert out[40, 160, 0] > 200 and out[40, 160, 2] < 60
    assert out[140, 160, 2] > 200 and out[140, 160, 0] < 60
    assert out[90, 20].max() < 10  # fill colour beside the portrait photo

    Image.new("CMYK", (320, 180), (0, 255, 255, 0)).save(tmp_path / "cmyk.jpg")
    prepare_photo(tmp_path / "cmyk.jpg", canvas, tmp_path / "cmyk.png")
    r, g, b = np.asarray(Image.open(tmp_path / "cmyk.png"))[90, 160]
    assert r > 200 and g < 60 and b < 60

    rgba = Image.new("RGBA", (320, 180), (0, 255, 0, 255))
    rgba.paste((0, 255, 0, 0), (0, 0, 160, 180))
    rgba.save(tmp_path / "alpha.png")
    prepare_photo(tmp_path / "alpha.png", canvas, tmp_path / "flat.png")
    flat = Image.open(tmp_path / "flat.png")
    assert flat.mode == "RGB"
    assert flat.getpixel((40, 90)) == (0, 0, 0) and flat.getpixel((280, 90)) == (0, 255, 0)


def test_huge_photo_memory_stays_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=8000x6000", "-frames:v", "1", "-q:v", "3", str(big))
    out = tmp_path / "big.png"
    prepare = "prepare_photo(Path(sys.argv[1]), Canvas(2150, 1210, 'blur'), Path(sys.argv[2]))\n"

    def peak_mib(work: str) -> float:
        code = (
            "import sys, resource\n"
            "from pathlib import Path\n"
            "from screening_kit.photos import Canvas, prepare_photo\n"
            f"{work}"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        argv = [sys.executable, "-c", code, str(big), str(out)]
        result = subprocess.run(argv, capture_output=True, text=True, check=True)
        return int(result.stdout.strip()) / 1024

    used = peak_mib(prepare) - peak_mib("")
    # Pillow holds 4 bytes a pixel: the full 8000x6000 bitmap alone would be 183 MiB;
    # JPEG draft decoding reads it at half scale
    assert used < 110, f"preparing the photo took {used:.0f} MiB"
    assert Image.open(out).size == (2150, 1210)

    # in a slideshow, ffmpeg only ever decodes the prepared canvas. Each ffmpeg is
    # measured by a small wrapper (FFMPEG_PATH): the build's own RUSAGE_CHILDREN would
    # also count its own size, which a child shares until it execs
    root = make_workspace(tmp_path / "ws", {}, {"seconds_per_photo": 1, "crossfade": 0})
    shutil.copy(big, root / "photos" / "big.jpg")
    log = tmp_path / "ffmpeg-peaks.txt"
    wrapper = tmp_path / "ffmpeg"
    wrapper.write_text(
        f"#!{sys.executable}\n"
        "import resource, subprocess, sys\n"
        f"done = subprocess.run([{ffmpeg_exe()!r}, *sys.argv[1:]])\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=f)\n"
        "sys.exit(done.returncode)\n"
    )
    wrapper.chmod(0o755)
    code = "import sys\nfrom pathlib import Path\nfrom tests.test_slideshow import render\n"
    subprocess.run(
        [sys.executable, "-c", code + "render(Path(sys.argv[1]))\n", str(root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "FFMPEG_PATH": str(wrapper)},
    )
    peaks = [int(n) / 1024 for n in log.read_text().split()]
    assert len(peaks) >= 2  # the slideshow piece and its mux at least
    assert max(peaks) < 120, f"ffmpeg peaked at {max(peaks):.0f} MiB"


# ------------------------------------------------------------------ rendering


@pytest.mark.parametrize("direction", ["right", "in"])
def test_ken_burns_motion_is_smooth(tmp_path: Path, direction: str) -> None:
    # two discs; a pan moves both by the same sub-pixel step each frame, a zoom
    # moves them apart by a steady amount
    photo = marker_photo((1280, 720), [(0.3, 0.5), (0.7, 0.5)], 18)
    show = {"seconds_per_photo": 4, "crossfade": 0, "zoom": 1.1}
    # a high-quality encode: the test measures the motion, not the codec's noise
    note = f"m.png: {{motion: {direction}}}\n"
    root = make_workspace(tmp_path, {"m.png": photo}, show, note, profile={"crf": 8})
    _, _, out = render(root)
    frames = luma_frames(out["GB"])
    assert len(frames) == 4 * FPS
    pts = [centroids(f, split_x=160) for f in frames]
    if direction == "right":
        series = [(a[0] + b[0]) / 2 for a, b in pts]
    else:
        series = [b[0] - a[0] for a, b in pts]
    mean, worst = jitter(series)
    # pan: 10% of 320 px over 99 frames = 0.32 px/frame; whole-pixel stepping would
    # show steps of 0 and 1 px (deviation ~0.6 px, see the zoompan test below)
    assert abs(mean) > 0.1
    assert worst < 0.08, f"mean step {mean:.3f} px, worst deviation {worst:.3f} px"


def test_whole_pixel_stepping_would_fail_the_smoothness_check(tmp_path: Path) -> None:
    """The same pan through zoompan (whole-pixel crop positions) shows the judder the
    check above is there to catch: the measure is sensitive enough."""
    photo = marker_photo((352, 198), [(0.3, 0.5), (0.7, 0.5)], 5)
    photo.save(tmp_path / "m.png")
    out = tmp_path / "zp.mp4"
    ffmpeg(
        "-i",
        str(tmp_path / "m.png"),
        "-vf",
        "zoompan=z=1.1:x='(iw-iw/zoom)*on/99':y='(ih-ih/zoom)/2':d=100:s=320x180:fps=25",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        str(out),
    )
    pts = [centroids(f, split_x=160) for f in luma_frames(out)]
    _, worst = jitter([(a[0] + b[0]) / 2 for a, b in pts])
    assert worst > 0.3


def test_portrait_photo_shown_whole_never_stretched(tmp_path: Path) -> None:
    # a portrait photo of a circle: in a 16:9 frame it must stay a circle
    photo = Image.new("RGB", (600, 1000), (0, 0, 0))
    ImageDraw.Draw(photo).ellipse((50, 250, 550, 750), fill=(255, 255, 255))
    show = {"seconds_per_photo": 1, "crossfade": 0, "motion": "none", "fill": "#000000"}
    root = make_workspace(tmp_path, {"p.png": photo}, show)
    _, _, out = render(root)
    frame = luma_frames(out["GB"])[10]
    ys, xs = np.nonzero(frame > 128)
    w, h = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    assert abs(w / h - 1) < 0.04, (w, h)
    assert h == pytest.approx(180 * 0.5, abs=3)  # the whole photo (1000 px) spans the height


def test_loop_captions_music(tmp_path: Path) -> None:
    """A long loop with captions and music: one cycle encoded, repeated by stream copy;
    the music is loudness-normalised and faded at the loop point."""
    photos = {
        "a.png": marker_photo((640, 360), [(0.5, 0.5)], 40),
        "b.png": marker_photo((360, 640), [(0.5, 0.3)], 40),
    }
    music = tmp_path / "music.flac"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "sine=f=330:sample_rate=44100:d=9",
        "-af",
        "volume='if(lt(mod(t,2),1),0.6,0.2)':eval=frame",
        str(music),
    )
    show = {"seconds_per_photo": 2, "crossfade": 0.5, "loop_minutes": 0.25}
    root = make_workspace(tmp_path / "ws", photos, show, "a.png: {en: First photo}\n")
    (root / "music.flac").write_bytes(music.read_bytes())
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["slideshows"][0]["music"] = "music.flac"
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")

    plan, cache, out = render(root)
    cycle = next(t for t in plan.tasks.values() if isinstance(t, SlideshowTask))
    loop = next(t for t in plan.tasks.values() if isinstance(t, LoopTask))
    audio = next(t for t in plan.tasks.values() if isinstance(t, AudioTask))
    assert cycle.frames == 2 * (50 - 12)  # two photos, 12-frame crossfades
    assert loop.repeats == 5  # whole 3.04 s cycles, at least the 15 s asked for
    assert cache.meta(audio.key)["loudnorm"]["normalization_type"] in ("linear", "dynamic")

    # the loop only copies streams: no encoder, no filter
    argv = cmd.concat_copy_command(
        Path("list.txt"), Path("out.mp4"), "mp4", audio="0:a:0", faststart=True
    )
    assert argv[argv.index("-c") + 1] == "copy"
    assert not {"-vf", "-af", "-filter_complex", "-c:v", "-c:a"} & set(argv)

    with av.open(str(out["GB"])) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        assert (v.codec_context.name, v.format.name) == ("h264", "yuv420p")
        assert (a.codec_context.name, a.rate, a.channels) == ("aac", 48000, 2)
        n = sum(1 for p in c.demux(v) if p.size)
        assert n == 5 * cycle.frames
        assert float(c.duration / 1e6) == pytest.approx(5 * cycle.frames / FPS, abs=0.05)
    # same video bits in every cycle: the cycle was not re-encoded
    cycle_path = cache.path(cycle.key, ".mp4")
    with av.open(str(cycle_path)) as c:
        first = [bytes(p) for p in c.demux(c.streams.video[0]) if p.size]
    with av.open(str(out["GB"])) as c:
        looped = [bytes(p) for p in c.demux(c.streams.video[0]) if p.size]
    # (the concat demuxer repeats the parameter sets in band at keyframes)
    assert [coded_slices(p) for p in looped] == [coded_slices(p) for p in first] * 5

    # seamless: the step across the loop point is no bigger than steps inside the cycle
    frames = luma_frames(cycle_path)
    steps = [np.abs(b - a).mean() for a, b in itertools.pairwise(frames)]
    seam = np.abs(frames[0] - frames[-1]).mean()
    assert seam <= max(steps) * 1.5

    # music: silent at the loop point (faded), audible in the middle (the cycle's
    # video piece is muxed with the music once; the loop copies that file)
    with av.open(str(cache.path(loop.deps[0], ".mp4"))) as c:
        pcm = np.concatenate([f.to_ndarray().mean(axis=0) for f in c.decode(c.streams.audio[0])])
    rate = 48000
    assert np.abs(pcm[: rate // 50]).max() < 0.02
    assert np.abs(pcm[-rate // 20 :]).max() < 0.05
    middle = pcm[len(pcm) // 2 - rate // 4 : len(pcm) // 2 + rate // 4]
    assert np.sqrt((middle**2).mean()) > 0.01

    # the caption is drawn in the bottom part of the title-safe box
    mid_first = frames[38 // 2 + 12]
    assert mid_first[180 - 40 : 180 - 9, 16:304].max() > 120
    assert frames[38 + 25][180 - 40 : 180 - 9, 16:304].max() < 120  # no caption for b.png


def test_unreadable_photo_is_a_clear_error(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a.png": marker_photo((64, 36), [], 1)}, {})
    (root / "photos" / "b.jpg").write_bytes(b"not a jpeg")
    with pytest.raises(ScreeningKitError, match="cannot read this photo"):
        render(root)
