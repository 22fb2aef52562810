"""Proof pages mark cues near a shot change and show the frames on both sides of it."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from fractions import Fraction
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from screening_kit.build import build
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.proof import make_proofs
from screening_kit.proof.shots import shot_marks
from screening_kit.shots import ShotChanges
from screening_kit.subtitles.reader import parse_srt

from .conftest import write_workspace
from .cutfilm import make_cut_film
from .test_qc_shots import TIMED


def test_marks_name_the_shot_change_and_where_it_falls() -> None:
    cues, _ = parse_srt(TIMED, Path("en.srt"))
    marks = shot_marks(cues, ShotChanges("f", Fraction(25), (50, 100, 250, 300), "detected"))
    assert [(m.cue, m.frame, m.note) for m in marks] == [
        (1, 50, "shot change at frame 50 (00:00:02:00), 3 frames before the in-time"),
        (2, 100, "shot change at frame 100 (00:00:04:00), 5 frames after the in-time"),
        (3, 250, "shot change at frame 250 (00:00:10:00), 4 frames after the out-time"),
        (4, 250, "shot change at frame 250 (00:00:10:00), on the in-time"),
        (4, 300, "shot change at frame 300 (00:00:12:00), 5 frames before the out-time"),
    ]


def _source_frame(src: Path, index: int, out: Path) -> Image.Image:
    args = ["-v", "error", "-y", "-i", str(src), "-vf", f"select=eq(n\\,{index})"]
    subprocess.run([ffmpeg_exe(), *args, "-frames:v", "1", str(out)], check=True)
    return Image.open(out).convert("RGB").resize((240, 135))


def _diff(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_proof_page_shows_both_sides_of_the_shot_change(tmp_path: Path) -> None:
    film = make_cut_film(tmp_path / "cut.mp4")
    root = write_workspace(tmp_path / "ws", film.path, cues={"en": TIMED})
    build(root, jobs=2)
    (sheet,) = make_proofs(root)
    page = sheet.html.read_text("utf-8")
    rows = re.findall(r"<tr[^>]*><td class=n>(\d+)</td>(.*?)</tr>", page)
    marked = {int(n): re.findall(r'<div class=shot data-frame="(\d+)">([^<]*)<br>', row)
              for n, row in rows}  # fmt: skip
    assert marked[1] == [
        ("50", "shot change at frame 50 (00:00:02:00), 3 frames before the in-time")
    ]
    assert [f for f, _ in marked[4]] == ["250", "300"]
    # the two frames are the source's last frame before the cut and first after it
    row1 = dict(rows)["1"]
    uris = re.findall(r'<div class=shot.*?<img src="data:image/jpeg;base64,([^"]+)".*?'
                      r'<img src="data:image/jpeg;base64,([^"]+)"', row1)  # fmt: skip
    before, after = (Image.open(io.BytesIO(base64.b64decode(u))).convert("RGB") for u in uris[0])
    src49 = _source_frame(film.path, 49, tmp_path / "49.png")
    src50 = _source_frame(film.path, 50, tmp_path / "50.png")
    assert _diff(before, src49) < 12 < _diff(before, src50)
    assert _diff(after, src50) < 12 < _diff(after, src49)
