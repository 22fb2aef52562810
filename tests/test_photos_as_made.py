"""Photos as phones, cameras and the web make them (issue 17, 9-12): HEIC, AVIF and
animated GIF read; every photo opened by `check`; files left out, small photos and
the decoder's remarks said in our words, never as a raw library warning."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import skimage.data
from click.testing import CliRunner
from PIL import Image

from screening_kit.cli import main
from screening_kit.photos import Canvas, list_photos, prepare_photo
from screening_kit.qc import Finding, check_workspace

from .test_slideshow import make_workspace, render

ROOT = Path(__file__).resolve().parent.parent


def photo(name: str) -> Image.Image:
    """One of scikit-image's bundled photos (in its wheel: no download)."""
    return Image.fromarray(getattr(skimage.data, name)())


def findings(root: Path, rule: str) -> list[Finding]:
    return [f for f in check_workspace(root, shots=False).findings if f.rule == rule]


def test_heic_avif_and_animated_gif_are_read(tmp_path: Path) -> None:
    coffee, chelsea = photo("coffee"), photo("chelsea")
    root = make_workspace(tmp_path / "ws", {}, {"seconds_per_photo": 1, "crossfade": 0.2})
    folder = root / "photos"
    coffee.save(folder / "a.heic", quality=90)  # pillow-heif writes real HEVC-in-HEIF
    chelsea.save(folder / "b.avif", quality=90)
    frames = [chelsea, chelsea.rotate(180), chelsea.convert("L").convert("RGB")]
    frames[0].save(folder / "c.gif", save_all=True, append_images=frames[1:], duration=200)
    assert [p.name for p in list_photos(folder)] == ["a.heic", "b.avif", "c.gif"]
    assert Image.open(folder / "a.heic").format == "HEIF"
    assert Image.open(folder / "b.avif").format == "AVIF"

    # each prepared still is the photo itself, not a blank or another frame
    canvas = Canvas(160, 120, "black", cover=True)
    for name, source in (("a.heic", coffee), ("b.avif", chelsea), ("c.gif", chelsea)):
        ours, truth = tmp_path / f"{name}.png", tmp_path / f"{name}.truth.png"
        source.save(tmp_path / "truth.png")
        prepare_photo(folder / name, canvas, ours)
        prepare_photo(tmp_path / "truth.png", canvas, truth)
        a = np.asarray(Image.open(ours), dtype=float)
        b = np.asarray(Image.open(truth), dtype=float)
        assert a.std() > 20 and np.abs(a - b).mean() < 8, name

    animated = findings(root, "photo-animated")
    assert [(f.path.name, f.severity) for f in animated] == [("c.gif", "warning")]
    assert "3 frames" in animated[0].message and "first frame" in animated[0].message

    _, _, out = render(root)  # and the slideshow renders with all three
    assert out["GB"].stat().st_size > 0


def test_files_left_out_of_a_photo_folder_are_named(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a.png": photo("coffee")}, {}, captions="a.png: Coffee\n")
    folder = root / "photos"
    (folder / "notes.txt").write_text("the order of the photos", "utf-8")
    (folder / "IMG_0001.CR2").write_bytes(b"II*\0raw")
    (folder / "more").mkdir()
    (folder / ".DS_Store").write_bytes(b"\0")
    found = {f.path.name: f for f in findings(root, "not-a-photo")}
    assert set(found) == {"notes.txt", "IMG_0001.CR2", "more"}  # not captions.yaml, .DS_Store
    assert "not a photo, left out" in found["notes.txt"].message
    assert "export it as JPEG" in found["IMG_0001.CR2"].message
    assert "folder" in found["more"].message


def _unreadable_tiff(path: Path) -> None:
    """A TIFF whose header Pillow reads but whose compression (zstd, 50000) its
    libtiff cannot decode: opening it works, reading the pixels does not."""
    buf = io.BytesIO()
    photo("chelsea").save(buf, "TIFF")
    data = bytearray(buf.getvalue())
    ifd = int.from_bytes(data[4:8], "little")
    for i in range(int.from_bytes(data[ifd : ifd + 2], "little")):
        at = ifd + 2 + 12 * i
        if int.from_bytes(data[at : at + 2], "little") == 259:  # Compression
            data[at + 8 : at + 10] = (50000).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    assert Image.open(path).format == "TIFF"
    with pytest.raises(OSError):
        Image.open(path).load()


def test_check_opens_every_photo(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a.png": photo("coffee")}, {})
    _unreadable_tiff(root / "photos" / "b.tif")
    good = io.BytesIO()
    photo("rocket").save(good, "JPEG")
    (root / "photos" / "c.jpg").write_bytes(good.getvalue()[:3000])  # cut short
    bad = findings(root, "photo-unreadable")
    assert [(f.path.name, f.severity) for f in bad] == [("b.tif", "error"), ("c.jpg", "error")]
    assert all("cannot read this photo" in f.message for f in bad)
    # libtiff's own words: "ZSTD compression support is not configured" where Pillow's
    # libtiff lacks ZSTD (11.x), "ZSTDDecode: Error in ZSTD_decompressStream()" where it
    # has it (13.x) and the strip is not ZSTD data
    assert re.search(
        r"ZSTD compression support is not configured|ZSTDDecode: Error", bad[0].message
    )

    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code != 0
    assert "b.tif" in result.output and "c.jpg" in result.output


def test_a_photo_enlarged_more_than_twice_is_named(tmp_path: Path) -> None:
    big = Image.fromarray(np.asarray(photo("coffee").resize((1920, 1280))))
    root = make_workspace(
        tmp_path,
        {"astronaut.png": photo("astronaut"), "coffee.jpg": big},
        {"motion": "none"},
        profile={"max_width": 1920, "max_height": 1080},
    )
    small = findings(root, "photo-small")
    assert [f.path.name for f in small] == ["astronaut.png"]  # 512x512 on 1080 lines
    assert small[0].severity == "warning"
    assert "512x512 is enlarged 2.1x on a 1920x1080 screen: blurry on a large screen" in (
        small[0].message
    )


CORRUPT_EXIF = (  # an ImageDescription whose 100 bytes lie past the end of the block
    b"Exif\0\0II*\0\x08\0\0\0\x02\0"
    b"\x12\x01\x03\0\x01\0\0\0\x01\0\0\0"
    b"\x0e\x01\x02\0\x64\0\0\0\x26\0\0\0\0\0\0\0"
)


def test_no_raw_library_warning_reaches_the_user(tmp_path: Path) -> None:
    """A photo past Pillow's warning size (as a 96 MP one is; the limit lowered here
    to keep the test small) and one with a corrupt EXIF block: build prints no
    Python warning; check says the EXIF remark once, naming the photo."""
    root = make_workspace(tmp_path, {}, {"seconds_per_photo": 1, "crossfade": 0.2})
    photo("coffee").resize((240, 150)).save(root / "photos" / "big.jpg")  # 36,000 px
    small = photo("chelsea").resize((160, 100))
    small.save(root / "photos" / "exif.jpg", exif=CORRUPT_EXIF)
    code = (
        "import sys\n"
        "from PIL import Image\n"
        "Image.MAX_IMAGE_PIXELS = 30_000  # warns past 30,000 px, refuses past 60,000\n"
        "from screening_kit.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for command in ("build", "check"):
        run = subprocess.run(
            [sys.executable, "-W", "default", "-c", code, command, str(root)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        said = run.stdout + run.stderr
        assert run.returncode == 0, said
        for raw in ("Warning:", "warnings.warn", "DecompressionBomb", "PIL/"):
            assert raw not in said, f"{command}: {said}"
    remark = findings(root, "photo-remark")
    assert [(f.path.name, f.severity) for f in remark] == [("exif.jpg", "warning")]
    # Pillow's own words for the EXIF block that runs past its end (11.x, 13.x)
    assert re.search(r"Truncated File Read|Tag data larger than file", remark[0].message)


def test_an_enlargement_the_zoom_makes_suggests_less_zoom(tmp_path: Path) -> None:
    wide = photo("coffee").resize((1000, 563))  # covers 1080 lines at 1.92x; zoomed 1.2: 2.3x
    root = make_workspace(
        tmp_path,
        {"wide.png": wide},
        {"motion": "in", "zoom": 1.2},
        profile={"max_width": 1920, "max_height": 1080},
    )
    small = findings(root, "photo-small")
    assert [f.path.name for f in small] == ["wide.png"]
    assert "enlarged 2.3x" in small[0].message and "or less zoom" in small[0].message


def test_many_small_photos_are_one_line(tmp_path: Path) -> None:
    tiny = {f"{i:02d}.png": photo("coffee").resize((64, 36)) for i in range(12)}
    root = make_workspace(tmp_path, tiny, {})
    small = findings(root, "photo-small")
    assert len(small) == 1 and small[0].path == root / "photos", small
    assert small[0].message.startswith("12 files in this folder: 00.png: 64x36 is enlarged")
    assert small[0].message.endswith("; and 9 more")
