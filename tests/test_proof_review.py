"""A proof a reviewer can read: contact-sheet headings in each script's font, card
and caption text readable at the page's own size, the file's lines as they are; and
captions signed off like cues (their rows carry the hashes of their text)."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from screening_kit.captions import load_photo_notes
from screening_kit.config import Language
from screening_kit.fonts import resolve_font
from screening_kit.languages import describe
from screening_kit.proof import ProofSheet, make_proofs
from screening_kit.proof.frames import PAD, Shot, contact_sheet
from screening_kit.subtitles.model import Cue
from tests.conftest import write_workspace

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]


@pytest.mark.parametrize("tag", ["th", "ka", "am", "hi", "ur"])
def test_contact_sheet_heading_is_drawn_in_fonts_that_have_its_letters(tag: str) -> None:
    """These scripts' Noto fonts have no Latin letters: the heading (Latin here) was
    drawn in them as empty boxes. It must look like the same words in Noto Sans."""
    info = describe(tag)
    font = resolve_font(Language(tag, info.english_name, info.script, None))
    assert font.companion is not None
    title = f"Documentary in {info.english_name} {tag} 4 of 4 cues"
    frame = Image.new("RGB", (320, 180), "gray")
    sheet = contact_sheet(title, [Shot(Cue(1, 0, 1000, "x"), Fraction(0), frame)], font)
    head = sheet.crop((0, 0, sheet.width, 40)).convert("L")
    ref = Image.new("L", head.size, 255)
    noto = ImageFont.truetype(str(font.companion.path), 22, index=font.companion.index)
    ImageDraw.Draw(ref).text((PAD, 10), title, fill=0, font=noto)
    # digits and spaces may come from the script font; boxes differ by 20 and more
    assert ImageStat.Stat(ImageChops.difference(head, ref)).mean[0] < 5


LONG = "Бұл деректі фильм біздің халқымыздың тарихы туралы"  # 50 characters, one line
SRT = f"""1
00:00:00,300 --> 00:00:01,800
{LONG}
екінші жол

2
00:00:02,000 --> 00:00:03,500
Рахмет!
"""
CARD = ["Тәуелсіздік күні", "Астана, 2026 жылғы 16 желтоқсан, салтанатты кеш"]


@pytest.fixture(scope="module")
def kk_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests._mission import build_anyway
    from tests.conftest import ffmpeg

    tmp = tmp_path_factory.mktemp("kkpage")
    film = tmp / "film.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4", "-pix_fmt",
           "yuv420p", str(film))  # fmt: skip
    root = write_workspace(tmp / "ws", film, cues={"kk": SRT}, cards={"kk": CARD})
    build_anyway(root)
    (sheet,) = make_proofs(root)
    return sheet.html


VISUAL_LINES = """(td) => {
  const range = document.createRange();
  range.selectNodeContents(td);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                       .map(r => Math.round(r.top)));
  return tops.size;
}"""


def test_text_in_the_file_keeps_the_files_lines(browser: Any, kk_page: Path) -> None:
    """At a narrow window the old column wrapped the 50-character line in two."""
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.goto(kk_page.as_uri())
    cells = page.locator("td.x")
    lines = [cells.nth(i).evaluate(VISUAL_LINES) for i in range(cells.count())]
    assert lines == [2, 2, 1]  # the card, cue 1, cue 2: as many as in the files
    assert LONG in cells.nth(1).inner_text().split("\n")
    page.close()


def test_card_text_is_readable_at_the_pages_size(browser: Any, kk_page: Path) -> None:
    """The card's frame is shown at least twice its size for small renders, so the
    card's smaller line is as tall on the page as readable print (>= 12 CSS px)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(kk_page.as_uri())
    img = page.locator("img.card").first  # the card's text, enlarged
    shown = img.bounding_box()["width"]
    src = img.get_attribute("src")
    frame = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L")
    # the text lines: rows with bright (white text) pixels on the dark card; a gap of
    # a row or two (a descender, a comma) stays in its line
    bright = [sum(1 for v in frame.crop((0, y, frame.width, y + 1)).tobytes() if v > 160)
              for y in range(frame.height)]  # fmt: skip
    runs: list[list[int]] = []
    for y, n in enumerate(bright):
        if n < 2:
            continue
        if runs and y - runs[-1][-1] <= 2:
            runs[-1].append(y)
        else:
            runs.append([y])
    runs = [r for r in runs if r[-1] - r[0] >= 2]
    assert len(runs) >= 2, runs
    smallest = min(r[-1] - r[0] + 1 for r in runs)
    assert smallest * shown / frame.width >= 12, (smallest, shown, frame.width)
    page.close()


@pytest.fixture(scope="module")
def caption_sheets(built: Built) -> list[ProofSheet]:
    return [s for s in make_proofs(built.root) if s.kind == "captions"]


def test_captions_are_signed_off_like_cues(built: Built, caption_sheets: list[ProofSheet]) -> None:
    notes = load_photo_notes(
        built.root / "films" / "photos" / "captions.yaml",
        {p.name for p in (built.root / "films" / "photos").iterdir()},
    )
    assert caption_sheets
    for s in caption_sheets:
        page = s.html.read_text("utf-8")
        assert 'id="save"' in page and "<script>" in page
        rows = re.findall(r'data-kind="caption" data-id="([^"]+)" data-text="([0-9a-f]{64})"', page)
        expected = [
            (f"{s.film}:{photo}", hashlib.sha256(n.captions[s.language].encode()).hexdigest())
            for photo, n in notes.items()
            if n.captions.get(s.language)
        ]
        assert sorted(rows) == sorted(expected) != []
        # each caption enlarged beside its frame (3x: a 180-line render), not only a thumbnail
        bands = re.findall(r'<img class=band src="data:image/jpeg;base64,([^"]+)"[^>]*'
                           r'style="width: (\d+)px"', page)  # fmt: skip
        assert len(bands) == len(expected)
        for data, width in bands:
            natural = Image.open(io.BytesIO(base64.b64decode(data))).width
            assert int(width) == min(3 * natural, 960)


def test_caption_box_holds_the_whole_caption(built: Built) -> None:
    """The enlarged part of a caption row is where the caption's ink is: the pixels
    in which the captioned slideshow differs from the caption-free one (countries
    whose language has no captions) all lie inside it, and it is a small part of the
    frame, not a third of it."""
    from screening_kit.build import prepare
    from screening_kit.proof.frames import caption_box, grab, photo_times, slideshow_task

    prepared = prepare(built.root)
    assert prepared.facts is not None
    items = {
        i.captions: i for c in prepared.plan.countries for i in c.items if i.kind == "slideshow"
    }
    plain, captioned = items[None], items["ar"]
    task = slideshow_task(prepared.plan, captioned.key)
    assert task is not None
    photos = prepared.facts.photos["photos"]
    notes = prepared.facts.photo_notes["photos"]
    times = photo_times(task, len(photos))
    checked = 0
    for photo, (a, b) in zip(photos, times, strict=True):
        text = notes.get(photo.name) and notes[photo.name].captions.get("ar")
        if not text:
            continue
        at = (a + b) / 2
        (with_caption,) = grab(prepared.cache.path(captioned.key, captioned.ext), [at])
        (without,) = grab(prepared.cache.path(plain.key, plain.ext), [at])
        ink = (
            ImageChops.difference(with_caption, without)
            .convert("L")
            .point(lambda v: 255 if v > 40 else 0)
        )
        ink_box = ink.getbbox()
        assert ink_box is not None
        box = caption_box(with_caption.size, text, prepared.facts.metrics["ar"], "ar")
        assert box[0] <= ink_box[0] and box[1] <= ink_box[1], (box, ink_box)
        assert box[2] >= ink_box[2] and box[3] >= ink_box[3], (box, ink_box)
        w, h = with_caption.size
        assert (box[2] - box[0]) * (box[3] - box[1]) < w * h / 8
        checked += 1
    assert checked == 2
