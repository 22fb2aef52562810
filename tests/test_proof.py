"""Proof sheets: the frame of every cue, burned in, at the right time, for sign-off."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageStat

from screening_kit.cli import main
from screening_kit.errors import InputError
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.proof import ProofSheet, layout, make_proofs, sample, subtitle_band
from screening_kit.subtitles.model import Cue
from screening_kit.subtitles.reader import read_subtitles

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]


@pytest.fixture(scope="module")
def all_sheets(built: Built) -> list[ProofSheet]:
    return make_proofs(built.root)


@pytest.fixture(scope="module")
def sheets(all_sheets: list[ProofSheet]) -> dict[str, ProofSheet]:
    return {s.language: s for s in all_sheets if s.kind == "subtitles"}


def source_frame(src: Path, index: int, out: Path) -> Image.Image:
    """Frame number ``index`` of the textless source, picked by ffmpeg's select filter."""
    args = ["-v", "error", "-y", "-i", str(src), "-vf", f"select=eq(n\\,{index})"]
    subprocess.run([ffmpeg_exe(), *args, "-frames:v", "1", str(out)], check=True)
    return Image.open(out).convert("RGB")


def diff(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_one_sheet_per_language_with_every_cue(built: Built, sheets: dict[str, ProofSheet]) -> None:
    assert sorted(sheets) == ["ar", "en", "ja", "ko", "ru"]
    for lang, s in sheets.items():
        cues = read_subtitles(built.root / f"subtitles/documentary/{lang}.srt").cues
        assert s.cues_total == s.cues_shown == len(cues) == 4
        assert s.png == built.dist / "proof" / f"documentary.{lang}.png"
        assert s.html.is_file()
        size, _ = layout(4, (320, 180))
        assert Image.open(s.png).size == size


def row_diffs(a: Image.Image, b: Image.Image) -> list[float]:
    d = ImageChops.difference(a, b).convert("L")
    return [ImageStat.Stat(d.crop((0, y, d.width, y + 1))).mean[0] for y in range(d.height)]


def test_each_frame_is_the_one_at_the_cue_midpoint(
    built: Built, sheets: dict[str, ProofSheet], tmp_path: Path
) -> None:
    """Above the subtitle area each tile matches the textless source frame at the cue's
    midpoint better than the frames 1 and 5 before or after it: the opening cards'
    offset is taken off right, to the frame."""
    src = built.root / "films" / "documentary.mp4"
    cues = read_subtitles(built.root / "subtitles/documentary/en.srt").cues
    sheet = Image.open(sheets["en"].png).convert("RGB")
    _, boxes = layout(len(cues), (320, 180))
    top = (0, 0, 320, 110)  # subtitles sit in the bottom third
    for cue, box in zip(cues, boxes, strict=True):
        tile = sheet.crop(box).resize((320, 180), Image.Resampling.LANCZOS).crop(top)
        # the frame on screen at the midpoint (25 fps source, film starts after the cards)
        on_screen = (cue.start_ms + cue.end_ms) * 25 // 2000
        scores = {}
        for k in (-5, -1, 0, 1, 5):
            ref = source_frame(src, on_screen + k, tmp_path / f"{cue.index}.{k}.png")
            scores[k] = diff(tile, ref.crop(top))
        assert min(scores, key=lambda k: scores[k]) == 0, (cue.index, scores)


def test_subtitles_are_burned_in_and_differ_by_language(sheets: dict[str, ProofSheet]) -> None:
    """The same frames in two languages: identical above the subtitle area, different
    in it. Comparing rows finds the text lines whatever the picture does."""
    _, boxes = layout(4, (320, 180))
    en = Image.open(sheets["en"].png).convert("RGB")
    for other in ("ko", "ar", "ru"):
        sheet = Image.open(sheets[other].png).convert("RGB")
        for box in boxes:
            rows = row_diffs(en.crop(box), sheet.crop(box))
            h = len(rows)
            assert max(rows[: h * 6 // 10]) < 3, (other, box)
            assert max(rows[h * 3 // 4 :]) > 8, (other, box)


def test_proof_page_renders_every_cue_in_chromium(
    built: Built, sheets: dict[str, ProofSheet], tmp_path: Path
) -> None:
    from tests._mission import dump_dom, loaded_images_probe
    from tests.test_runsheet_html import Dom

    page = loaded_images_probe(sheets["ar"].html, tmp_path / "probe.html")
    dom = Dom(dump_dom(tmp_path, page))
    cues = read_subtitles(built.root / "subtitles/documentary/ar.srt").cues
    cards = yaml.safe_load((built.root / "subtitles/documentary/cards.ar.yaml").read_text())
    # the title cards first (a native speaker signs those off too), then every cue
    assert len(dom.rows) == len(cards) + len(cues)
    for row, (card, lines) in zip(dom.rows, cards.items(), strict=False):
        assert row[0] == f"card {card}"
        assert "".join(row[3].split()) == "".join("".join(lines).split())
    # every row: its frame and its text enlarged (cards too, since issue 20)
    n = 2 * (len(cards) + len(cues))
    assert dom.body.get("data-images-loaded") == dom.body.get("data-images") == str(n)
    for row, cue in zip(dom.rows[len(cards) :], cues, strict=True):
        assert row[0] == str(cue.index)
        # the text as written, beside the frame (one element per line of the file)
        assert "".join(cue.text.split()) == "".join(row[3].split())
    assert "documentary.ar.png" in dom.links
    # right-to-left text is right-aligned: every text cell says so
    text = sheets["ar"].html.read_text("utf-8")
    assert text.count('dir="rtl" class=x>') == len(cards) + len(cues)
    assert 'td[dir="rtl"] { text-align: right; }' in text
    assert 'dir="rtl" class=x' not in sheets["ja"].html.read_text("utf-8")


def test_slideshow_captions_have_their_proof_pages(
    built: Built, all_sheets: list[ProofSheet], tmp_path: Path
) -> None:
    from tests._mission import dump_dom, loaded_images_probe
    from tests.test_runsheet_html import Dom

    captions = {s.language: s for s in all_sheets if s.kind == "captions"}
    assert sorted(captions) == ["ar", "en"]  # the demo captions two photos in en and ar
    notes = yaml.safe_load((built.root / "films/photos/captions.yaml").read_text("utf-8"))
    want = {name: n["ar"] for name, n in notes.items() if isinstance(n, dict) and "ar" in n}
    page = loaded_images_probe(captions["ar"].html, tmp_path / "probe.html")
    dom = Dom(dump_dom(tmp_path, page))
    assert {row[0]: row[3] for row in dom.rows} == want
    # each caption: its frame, and its caption enlarged
    assert dom.body.get("data-images-loaded") == dom.body.get("data-images") == str(2 * len(want))
    assert captions["ar"].html.read_text("utf-8").count('dir="rtl" class=x>') == len(want)
    # each frame shows its caption: against the same photo in the English render, the
    # top third is the same picture and the bottom third (the caption) differs
    ar, en = (frames_of(captions[lang].html) for lang in ("ar", "en"))
    assert ar.keys() == en.keys() == want.keys()
    for name in want:
        top = ImageStat.Stat(ImageChops.difference(*(crop(f[name], 0) for f in (ar, en))))
        low = ImageStat.Stat(ImageChops.difference(*(crop(f[name], 2) for f in (ar, en))))
        assert max(low.mean) > max(1.0, 3 * max(top.mean)), (name, top.mean, low.mean)


def frames_of(page: Path) -> dict[str, Image.Image]:
    """The frame of each row of a captions page, by photo name."""
    import base64
    import io
    import re

    text = page.read_text("utf-8")
    found = re.findall(r'<td class=n>([^<]+)</td>.*?src="data:image/jpeg;base64,([^"]+)"', text)
    return {n: Image.open(io.BytesIO(base64.b64decode(b))).convert("L") for n, b in found}


def crop(img: Image.Image, third: int) -> Image.Image:
    w, h = img.size
    return img.crop((0, third * h // 3, w, (third + 1) * h // 3))


def test_index_marks_proof_pages_of_an_older_build_stale(
    built: Built, all_sheets: list[ProofSheet], tmp_path: Path
) -> None:
    from screening_kit.config import load_workspace
    from screening_kit.package.index import write_index

    dist = tmp_path / "dist"
    shutil.copytree(built.dist, dist)
    text = (built.dist / "index.html").read_text("utf-8")
    assert 'class="stale"' not in text and text.count('class="current"') == len(all_sheets)
    page = dist / "proof" / "documentary.ko.html"
    key = built.package_json("KR")["files"][2]["render_key"]
    assert key in page.read_text("utf-8")
    page.write_text(page.read_text("utf-8").replace(key, "0" * len(key)), "utf-8")
    write_index(dist, load_workspace(built.root))
    text = (dist / "index.html").read_text("utf-8")
    assert text.count('class="stale"') == 1
    stale = text.split('<li class="stale">', 1)[1].split("</li>", 1)[0]
    assert "documentary.ko.html" in stale and "STALE: made from an older build (KR " in stale


def test_index_links_the_proof_sheets(built: Built, sheets: dict[str, ProofSheet]) -> None:
    text = (built.dist / "index.html").read_text("utf-8")
    for s in sheets.values():
        assert f'href="proof/{s.html.name}"' in text


def test_long_films_show_an_even_sample() -> None:
    cues = [Cue(i, i * 3000, i * 3000 + 2000, f"cue {i}") for i in range(1, 1001)]
    picked = sample(cues, 200)
    assert len(picked) == 200
    assert picked[0] is cues[0] and picked[-1] is cues[-1]
    idx = [c.index for c in picked]
    assert idx == sorted(set(idx))
    gaps = {b - a for a, b in itertools.pairwise(idx)}
    assert gaps <= {5, 6}  # evenly spread
    assert sample(cues[:10], 200) == cues[:10]


def test_cli_proof_for_one_country(built: Built) -> None:
    result = CliRunner().invoke(main, ["proof", str(built.root), "--country", "JP"])
    assert result.exit_code == 0, result.output
    assert "documentary [ja]: 4 of 4 cues" in result.output


def test_proof_before_build_says_to_build(small_workspace: Path) -> None:
    with pytest.raises(InputError, match="not been built") as e:
        make_proofs(small_workspace, countries=["GB"])
    assert e.value.hint and "screening-kit build" in e.value.hint


def _frame_with_text(y: int) -> Image.Image:
    from PIL import ImageDraw, ImageFont

    img = Image.new("RGB", (640, 360), (40, 90, 160))
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(28)
    style = {"fill": "white", "stroke_width": 3, "stroke_fill": "black"}
    draw.text((200, y), "Subtitle line", font=font, **style)
    return img


def test_subtitle_band_finds_the_text_to_enlarge() -> None:
    band = subtitle_band(_frame_with_text(300), "Subtitle line")
    assert 150 < band.width < 400 and band.height < 100  # the line, not the whole frame
    top = subtitle_band(_frame_with_text(20), "{\\an8}Subtitle line")
    assert top.width < 400
    # no subtitle strokes where the cue should be: the whole third is shown
    assert subtitle_band(_frame_with_text(20), "bottom cue").size == (640, 120)


def test_qc_findings_of_a_forced_build_appear_beside_their_cues(tmp_path: Path) -> None:
    import json

    from screening_kit.proof import qc_notes

    finding = {
        "severity": "error",
        "rule": "reading-speed",
        "cue": 2,
        "message": "16 characters in 1.08 s",
        "limit": 12,
        "film": "documentary",
        "language": "ko",
    }
    other = {**finding, "language": "ja", "cue": 3}
    pj = tmp_path / "package.json"
    pj.write_text(json.dumps({"subtitle_qc": {"findings": [finding, other]}}), "utf-8")
    notes = qc_notes(pj, "documentary", "ko")
    assert notes == {2: ["error reading-speed: 16 characters in 1.08 s (limit 12)"]}
    assert qc_notes(tmp_path / "missing.json", "documentary", "ko") == {}


def test_proof_page_shows_the_recorded_findings(
    built: Built, sheets: dict[str, ProofSheet]
) -> None:
    import html
    import json

    from screening_kit.proof import qc_notes

    notes = qc_notes(built.dist / "KR" / "package.json", "documentary", "ko")
    page = sheets["ko"].html.read_text("utf-8")
    for lines in notes.values():
        for line in lines:
            assert html.escape(line) in page
    recorded = json.loads((built.dist / "KR" / "package.json").read_text("utf-8"))
    if recorded.get("subtitle_qc", {}).get("findings"):  # the build gates on QC
        assert notes and "class=qc" in page
