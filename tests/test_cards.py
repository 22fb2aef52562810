"""Title cards: wrapping inside the title-safe area, fit errors, backgrounds, and
pixel checks in Arabic, Persian, Korean, Japanese and Cyrillic."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import yaml
from PIL import Image

from screening_kit import ffmpeg as ff
from screening_kit import textfit
from screening_kit.cache import Cache
from screening_kit.config import Language, load_workspace
from screening_kit.errors import ConfigError
from screening_kit.facts import gather_facts
from screening_kit.fonts import ResolvedFont, font_metrics, resolve_font
from screening_kit.languages import describe
from screening_kit.photos import Canvas, prepare_photo
from screening_kit.plan import CARD_BACKGROUND_DARKEN, CardTask, PhotoTask, make_plan
from screening_kit.profiles import OutputFormat, Profile
from screening_kit.render import commands as cmd
from screening_kit.subtitles.ass import CARD_EMS, CARD_GAPS, card_ass
from screening_kit.textfit import OUTLINE_ALLOWANCE, DoesNotFit, FontMetrics, layout, segments, wrap

from .conftest import TEST_PROFILE

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cards"

CARDS = {
    "ar": [
        "عرض تجريبي للفيلم الوثائقي",
        "فيلم وثائقي عن الذاكرة والمصالحة",
        "24 نوفمبر 2026 — القاهرة",
    ],
    "fa": ["نمایش آزمایشی فیلم مستند", "فیلمی دربارهٔ یادبود و آشتی", "۳ آذر ۱۴۰۵ — تهران"],
    "ko": ["상영 예시", "기억과 화해에 관한 다큐멘터리 영화", "2026년 11월 24일 · 서울"],
    "ja": ["上映のサンプル", "記憶と和解をめぐるドキュメンタリー映画", "2026年11月24日 東京"],
    # long enough that the title wraps onto a second line
    "ru": [
        "Торжественный показ документального фильма о памяти",
        "Документальный фильм",
        "24 ноября 2026 года, Москва",
    ],
}


def font_for(code: str) -> tuple[ResolvedFont, FontMetrics]:
    info = describe(code)
    font = resolve_font(Language(code, info.english_name, info.script, None))
    return font, font_metrics(font)


def render_card(
    tmp: Path,
    code: str,
    lines: list[str],
    size: tuple[int, int] = (640, 360),
    background: str = "black",
    image: Path | None = None,
) -> np.ndarray:
    """Render a one-second card (no fade) and return its middle frame as RGB."""
    font, metrics = font_for(code)
    w, h = size
    gap = sum(CARD_GAPS[: len(lines) - 1])
    blocks = layout(
        lines, list(CARD_EMS[: len(lines)]), metrics, w, h, gap, bold_first=True, locale=code
    )
    fmt = OutputFormat(w, h, Fraction(25))
    task = CardTask(
        key="card",
        label=f"card [{code}]",
        deps=(),
        work=25,
        fmt=fmt,
        profile=Profile(**{**TEST_PROFILE, "max_width": w, "max_height": h, "crf": 12}),
        frames=25,
        ass=card_ass(blocks, font.family, w, h, Fraction(1)),
        fonts_dir=font.folder,
        font_id=None,
        fade_frames=0,
        background=background,
    )
    work = tmp / f"card-{code}"
    work.mkdir(parents=True)
    (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
    out = work / "card.mp4"
    ff.run(cmd.card_command(task, image, out, 2), what=task.label, cwd=work)
    with av.open(str(out)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]
    assert len(frames) == 25
    return frames[12]


def text_mask(frame: np.ndarray, background: np.ndarray | None = None) -> np.ndarray:
    if background is None:
        return frame.max(axis=2) > 90  # white text on a black card
    return np.abs(frame.astype(int) - background.astype(int)).max(axis=2) > 60


def assert_inside_title_safe(mask: np.ndarray) -> None:
    h, w = mask.shape
    y0, y1, x0, x1 = round(0.05 * h), round(0.95 * h), round(0.05 * w), round(0.95 * w)
    assert mask[y0:y1, x0:x1].sum() > 200, "no text drawn"
    outside = mask.copy()
    outside[y0:y1, x0:x1] = False
    assert outside.sum() == 0, "text outside the title-safe area"


# ------------------------------------------------------------------ pure layout


def test_long_text_wraps_inside_the_box() -> None:
    _, metrics = font_for("en")
    text = "The annual commemorative screening of documentary films about memory and peace"
    (block,) = layout([text], [0.055], metrics, 640, 360, 0)
    assert len(block.lines) >= 2
    assert " ".join(block.lines) == text
    em_px = 0.055 * 360
    assert all(metrics.width(line, em_px) <= 0.9 * 640 for line in block.lines)
    # balanced: no short widow line
    widths = [metrics.width(line, em_px) for line in block.lines]
    assert min(widths) > 0.5 * max(widths)


def test_japanese_breaks_between_characters_but_not_before_closing_marks() -> None:
    _, metrics = font_for("ja")
    text = "記憶と和解をめぐるドキュメンタリー映画の上映会へようこそ。ありがとうございました。"
    lines = wrap(text, metrics, 30, 400)
    assert len(lines) >= 2 and "".join(lines) == text
    assert not any(line.startswith(("。", "ー", "ょ")) for line in lines)


def test_unbreakable_or_too_tall_text_does_not_fit() -> None:
    _, metrics = font_for("en")
    with pytest.raises(DoesNotFit, match="cannot be broken"):
        layout(
            ["Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"],
            [0.1],
            metrics,
            640,
            360,
            0,
        )
    with pytest.raises(DoesNotFit, match="frame height"):
        layout(["word " * 200], [0.055], metrics, 640, 360, 0)


def test_card_that_does_not_fit_names_file_card_and_language(small_workspace: Path) -> None:
    cards = small_workspace / "subtitles" / "documentary" / "cards.ko.yaml"
    # no spaces, so no line break: too wide, though within the 200-character limit
    cards.write_text(
        'title: ["' + "기억과화해에관한다큐멘터리영화" * 6 + '"]\nclosing: ["감사합니다"]\n',
        "utf-8",
    )
    ws = load_workspace(small_workspace)
    codes = ["KR"]
    facts = gather_facts(ws, codes, Cache(small_workspace / ".cache"))
    with pytest.raises(ConfigError) as e:
        make_plan(ws, facts, codes, ffmpeg_version="test")
    msg = str(e.value)
    assert str(cards) in msg and "'title'" in msg and "[ko]" in msg


# ------------------------------------------------------------------ pixels


@pytest.mark.parametrize("code", list(CARDS))
def test_card_text_drawn_inside_title_safe_area(tmp_path: Path, code: str) -> None:
    frame = render_card(tmp_path, code, CARDS[code])
    assert_inside_title_safe(text_mask(frame))
    if os.environ.get("SCREENING_KIT_WRITE_DOCS"):
        # docs/cards/<lang>.png: the cards checked by eye (1280x720)
        DOCS.mkdir(parents=True, exist_ok=True)
        big = render_card(tmp_path / "docs", code, CARDS[code], size=(1280, 720))
        Image.fromarray(big).save(DOCS / f"{code}.png")


def test_card_over_colour_and_over_darkened_image(tmp_path: Path) -> None:
    frame = render_card(tmp_path / "c", "en", ["Colour"], background="#204080")
    r, g, b = frame[20, 20].astype(int)
    assert abs(r - 0x20) < 8 and abs(g - 0x40) < 8 and abs(b - 0x80) < 8

    photo = tmp_path / "bright.png"
    Image.new("RGB", (900, 900), (255, 255, 255)).save(photo)  # square: covers the frame
    prepared = tmp_path / "bg.png"
    prepare_photo(
        photo, Canvas(640, 360, "black", cover=True, darken=CARD_BACKGROUND_DARKEN), prepared
    )
    assert Image.open(prepared).size == (640, 360)
    frame = render_card(tmp_path / "i", "en", ["Over a photo", "darkened"], image=prepared)
    grey = frame[20, 20].astype(int)
    assert abs(grey.mean() - 255 * (1 - CARD_BACKGROUND_DARKEN)) < 10
    assert_inside_title_safe(frame.min(axis=2) > 200)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("en", "WWWW MMMM " * 9 + "the widest letters wrap and stay inside the safe area"),
        ("ar", "حفل عرض الفيلم الوثائقي السنوي عن الذاكرة والسلام والمصالحة بين الشعوب " * 2),
    ],
)
def test_wrapped_lines_that_fill_the_box_stay_inside(tmp_path: Path, code: str, title: str) -> None:
    _, metrics = font_for(code)
    (block,) = layout([title], [CARD_EMS[0]], metrics, 640, 360, 0, bold_first=True)
    assert len(block.lines) >= 3
    assert_inside_title_safe(text_mask(render_card(tmp_path, code, [title])))


def test_card_backgrounds_are_planned_and_keyed(small_workspace: Path) -> None:
    cfg_path = small_workspace / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    film = cfg["films"][0]
    film["opening_cards"][0]["background_image"] = "films/photos/01_landscape.jpg"
    film["closing_cards"][0]["background"] = "#203040"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    ws = load_workspace(small_workspace)
    facts = gather_facts(ws, ["GB"], Cache(small_workspace / ".cache"))
    plan = make_plan(ws, facts, ["GB"], ffmpeg_version="test")
    cards = {t.label: t for t in plan.tasks.values() if isinstance(t, CardTask)}
    title, closing = cards["documentary: card title [en]"], cards["documentary: card closing [en]"]
    (bg,) = title.deps
    photo = plan.tasks[bg]
    assert isinstance(photo, PhotoTask) and photo.canvas.cover
    assert photo.canvas.darken == CARD_BACKGROUND_DARKEN
    assert closing.deps == () and closing.background == "#203040"

    film["closing_cards"][0]["background"] = "#203041"
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    ws = load_workspace(small_workspace)
    plan2 = make_plan(ws, facts, ["GB"], ffmpeg_version="test")
    labels = {t.label: k for k, t in plan2.tasks.items()}
    assert labels["documentary: card closing [en]"] != closing.key
    assert labels["documentary: card title [en]"] == title.key


# long titles that wrap: conjuncts (Devanagari), joined forms (Arabic), marks and no
# spaces (Thai), syllables (Ethiopic)
SHAPED = {
    "hi": "वार्षिक स्मृति समारोह में वृत्तचित्र फ़िल्मों का विशेष प्रदर्शन और शांति के लिए प्रार्थना",
    "ar": "حفل عرض الفيلم الوثائقي السنوي عن الذاكرة والسلام والمصالحة بين الشعوب",
    "th": "พิธีฉายภาพยนตร์สารคดีประจำปีเพื่อรำลึกถึงความทรงจำและสันติภาพระหว่างประชาชน",
    "am": "ዓመታዊ የመታሰቢያ ዘጋቢ ፊልም ማሳያ ሥነ ሥርዓት ስለ ሰላምና እርቅ በሕዝቦች መካከል",
    # Latin, digits and punctuation come from the companion (Noto Sans Hebrew has none)
    "he": "הקרנה חגיגית של הסרט Paris, 24 בנובמבר 2026, בתיאטרון העירוני!",
}


@pytest.mark.parametrize("code", list(SHAPED))
def test_shaped_wrapping_fills_the_box_and_matches_what_libass_draws(
    tmp_path: Path, code: str
) -> None:
    text = SHAPED[code]
    _, metrics = font_for(code)
    w, h = 640, 360
    (block,) = layout([text], [CARD_EMS[0]], metrics, w, h, 0, bold_first=True, locale=code)
    assert len(block.lines) >= 2
    assert "".join(block.lines).replace(" ", "") == text.replace(" ", "")
    # no needless early wrap: at the box's full width the text needs as many lines
    em_px = block.font_size / metrics.line_factor
    box = 0.9 * w - 2 * OUTLINE_ALLOWANCE * h
    fewest = textfit._greedy(segments(text, code), metrics, em_px, box, True)
    assert len(fewest) == len(block.lines)
    # what libass draws is what HarfBuzz measured: the widest line's ink spans its width
    mask = text_mask(render_card(tmp_path, code, [text]))
    assert_inside_title_safe(mask)
    cols = np.nonzero(mask.any(axis=0))[0]
    ink = int(cols[-1] - cols[0] + 1)
    predicted = max(metrics.width(line, em_px, bold=True) for line in block.lines)
    assert abs(ink - predicted) <= 0.03 * predicted + 2, (ink, predicted)


def test_thai_and_chinese_titles_break_between_words_not_inside_them() -> None:
    _, metrics = font_for("th")
    lines = wrap("ยินดีต้อนรับสู่พิธีฉายภาพยนตร์สารคดี", metrics, 30, 300, locale="th")
    assert len(lines) >= 2
    # every break falls on a dictionary word boundary (ICU), never inside a syllable
    words = {"ยินดี", "ต้อนรับ", "สู่", "พิธี", "ฉาย", "ภาพยนตร์", "สารคดี"}
    for line in lines:
        rest = line
        while rest:
            word = next(w for w in words if rest.startswith(w))
            rest = rest[len(word) :]


def test_characters_the_font_lacks_are_drawn_by_its_companion_at_the_same_em() -> None:
    font, metrics = font_for("ar")
    assert font.companion is not None and font.companion.family == "Noto Sans"
    scale = round(100 * font.companion.line_factor / font.line_factor)
    assert scale == 64  # Noto Sans Arabic's line is 2.11 em, Noto Sans's 1.36
    ass = card_ass(
        layout(["عرض Paris"], [0.05], metrics, 640, 360, 0, locale="ar"),
        font.family,
        640,
        360,
        Fraction(1),
        runs=metrics.ass_runs,
    )
    # "P" onwards from the companion, scaled to the Arabic em; escapes untouched
    assert "عرض {\\fnNoto Sans\\fscx64\\fscy64}Paris{\\fnNoto Sans Arabic\\fscx100\\fscy100}" in ass
    # escapes pass through; a run is closed at a line break (lines may become events)
    assert metrics.ass_runs("a\\N\\{b\\}") == (
        "{\\fnNoto Sans\\fscx64\\fscy64}a{\\fnNoto Sans Arabic\\fscx100\\fscy100}\\N\\{"
        "{\\fnNoto Sans\\fscx64\\fscy64}b\\}{\\fnNoto Sans Arabic\\fscx100\\fscy100}"
    )
    # a font that has the characters itself gets no runs
    _, latin = font_for("en")
    assert latin.ass_runs("Paris 2026!") == "Paris 2026!"
