"""The countries of a real ceremony: 16 countries in 14 languages, plus one cue each in
ten more scripts (26 countries, 24 languages), on a small 320x180 film.

The default suite checks what decides the result without encoding the film: the
plan, the font resolved for each language, glyph coverage, normalisation, and one
frame per language drawn by libass. The slow test builds every package and looks
at each film: the cue is in its band during its time, and nowhere outside it.
``SCREENING_KIT_WRITE_DOCS=1`` also writes docs/scripts-contact-sheet.png.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
import yaml
from PIL import Image, ImageDraw, ImageFont

from screening_kit.build import build
from screening_kit.cache import Cache
from screening_kit.config import Language, load_workspace
from screening_kit.facts import gather_facts
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import font_metrics, missing_glyphs, resolve_font
from screening_kit.languages import describe
from screening_kit.plan import MuxTask, make_plan
from screening_kit.progress import RecordingReporter
from screening_kit.qc import check_workspace
from screening_kit.subtitles.ass import AssStyle, build_ass
from screening_kit.subtitles.model import Cue

from .conftest import TEST_PROFILE, ffmpeg
from .test_qc import added_side

DOCS = Path(__file__).resolve().parent.parent / "docs"

# one neutral sentence per language ("Welcome to the screening", "thank you for
# coming" or the like). fa is written with Arabic yeh as a cp1256 editor would, uz
# with an apostrophe for oʻ: both are normalised, with a warning.
SAMPLES = {
    "en": "Welcome to the screening.",
    "ko": "상영회에 오신 것을 환영합니다.",
    "be": "Вітаем на паказе фільма.",
    "kk": "Көрсетілімге қош келдіңіздер!",
    "uz": "Filmni ko'rishga xush kelibsiz.",
    "ja": "上映会へようこそ。",
    "de": "Willkommen zur Vorführung.",
    "ar": "مرحباً بكم في العرض!",
    "it": "Benvenuti alla proiezione.",
    "fa": "به نمايش فيلم خوش آمديد!",
    "es": "Bienvenidos a la proyección.",
    "hu": "Üdvözöljük a vetítésen.",
    "tr": "Gösterime hoş geldiniz.",
    "tk": "Görkezilişe hoş geldiňiz.",
    "am": "እንኳን ደህና መጡ።",
    "bo": "བཀྲ་ཤིས་བདེ་ལེགས།",
    "he": "ברוכים הבאים להקרנה!",
    "el": "Καλώς ήρθατε στην προβολή.",
    "hy": "Բարի գալուստ ցուցադրությանը։",
    "ka": "კეთილი იყოს თქვენი მობრძანება!",
    "th": "ยินดีต้อนรับสู่การฉายภาพยนตร์",
    "hi": "प्रदर्शन में आपका स्वागत है।",
    "zh-Hans": "欢迎观看放映。",
    "zh-Hant": "歡迎觀看放映。",
}
NORMALISED = {"fa": "به نمایش فیلم خوش آمدید!", "uz": "Filmni koʻrishga xush kelibsiz."}
COUNTRIES = {
    "GB": "en", "US": "en", "KR": "ko", "BY": "be", "KZ": "kk", "UZ": "uz", "JP": "ja",
    "DE": "de", "EG": "ar", "JO": "ar", "IT": "it", "IR": "fa", "ES": "es", "HU": "hu",
    "TR": "tr", "TM": "tk",
    # one cue each in ten more scripts
    "ET": "am", "XT": "bo", "IL": "he", "GR": "el", "AM": "hy", "GE": "ka", "TH": "th",
    "IN": "hi", "CN": "zh-Hans", "TW": "zh-Hant",
}  # fmt: skip
FONTS = {
    "en": "Noto Sans", "ko": "Noto Sans CJK KR", "be": "Noto Sans", "kk": "Noto Sans",
    "uz": "Noto Sans", "ja": "Noto Sans CJK JP", "de": "Noto Sans", "ar": "Noto Sans Arabic",
    "it": "Noto Sans", "fa": "Noto Sans Arabic", "es": "Noto Sans", "hu": "Noto Sans",
    "tr": "Noto Sans", "tk": "Noto Sans", "am": "Noto Sans Ethiopic",
    "bo": "Noto Serif Tibetan", "he": "Noto Sans Hebrew", "el": "Noto Sans",
    "hy": "Noto Sans Armenian", "ka": "Noto Sans Georgian", "th": "Noto Sans Thai",
    "hi": "Noto Sans Devanagari", "zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC",
}  # fmt: skip
RTL = ("ar", "fa", "he")
W, H, SECONDS = 320, 180, 4
CUE_START, CUE_END = 0.8, 3.2
BACKGROUND = 0x30  # the film is a flat grey: any pixel brighter than this is text


def _write(root: Path) -> Path:
    (root / "films").mkdir(parents=True)
    (root / "playlists").mkdir()
    subs = root / "subtitles" / "film"
    subs.mkdir(parents=True)
    ffmpeg(
        "-f", "lavfi", "-i", f"color=c=0x303030:s={W}x{H}:r=25:d={SECONDS}",
        "-f", "lavfi", "-i", f"sine=f=330:sample_rate=48000:d={SECONDS}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest", str(root / "films" / "film.mp4"),
    )  # fmt: skip
    for lang, text in SAMPLES.items():
        (subs / f"{lang}.srt").write_text(
            f"1\n00:00:00,800 --> 00:00:03,200\n{text}\n\n", encoding="utf-8"
        )
    cfg = {
        "title": "Sixteen countries",
        "profile": "test",
        "profiles": {"test": TEST_PROFILE},
        "chunk_seconds": 10,  # one chunk per language
        "countries": {c: {"name": c, "language": lang} for c, lang in COUNTRIES.items()},
        "films": [{"id": "film", "title": "Film", "source": "films/film.mp4"}],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - film: film\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def ceremony(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("many") / "ws")


def test_check_fonts_glyphs_and_normalisation(ceremony: Path) -> None:
    report = check_workspace(ceremony)
    assert not report.has_errors, [f.message for f in report.findings]
    assert sorted((f.language, f.rule) for f in report.findings) == [
        ("fa", "normalised"),
        ("uz", "normalised"),
    ]
    assert {code: f.family for code, f in report.fonts.items()} == FONTS
    for (_, code), track in report.tracks.items():
        (cue,) = track.cues
        assert cue.text == NORMALISED.get(code, SAMPLES[code])
        assert missing_glyphs(report.fonts[code], cue.text) == []


def test_plan_one_render_per_language(ceremony: Path) -> None:
    ws = load_workspace(ceremony)
    codes = list(COUNTRIES)
    facts = gather_facts(ws, codes, Cache(ceremony / ".screening-kit" / "cache"))
    plan = make_plan(ws, facts, codes, ffmpeg_version="test")
    muxes = [t for t in plan.tasks.values() if isinstance(t, MuxTask)]
    # countries sharing a language (en, ar) share its render
    assert len(muxes) == len(SAMPLES) == 24
    assert len(plan.countries) == 26


def _frame(
    tmp: Path, code: str, text: str, size: tuple[int, int], background: str = "0x303030"
) -> np.ndarray:
    """One frame of the cue drawn by libass (build_ass, ffmpeg's subtitles filter)."""
    font = resolve_font(_lang(code))
    w, h = size
    ass = build_ass(
        [Cue(1, 0, 2000, text)],
        AssStyle(font=font.family, line_factor=font.line_factor),
        w,
        h,
        runs=font_metrics(font).ass_runs,  # as the planner writes it
    )
    name = f"{code}-{w}-{len(text)}.ass"
    (tmp / name).write_text(ass, "utf-8")
    subprocess.run(
        [
            ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            f"color=c={background}:s={w}x{h}:d=1", "-vf",
            f"subtitles={name}:fontsdir={font.folder}", "-frames:v", "1", f"{name}.png",
        ],
        cwd=tmp,
        check=True,
    )  # fmt: skip
    return np.asarray(Image.open(tmp / f"{name}.png").convert("RGB"))


def _ink(frame: np.ndarray) -> np.ndarray:
    return np.abs(frame.astype(np.int32) - BACKGROUND).max(axis=2) > 40


def assert_in_band(mask: np.ndarray) -> None:
    """Text in the bottom band inside title-safe, nothing anywhere else."""
    h, w = mask.shape
    top, bottom = round(0.6 * h), round(0.95 * h)
    left, right = round(0.05 * w), round(0.95 * w)
    assert mask[top:bottom, left:right].sum() > 30, "no text in the subtitle band"
    outside = mask.copy()
    outside[top:bottom, left:right] = False
    assert outside.sum() == 0, "text outside the subtitle band"


def test_one_frame_per_language_and_rtl_punctuation(tmp_path: Path) -> None:
    for code in SAMPLES:
        assert_in_band(_ink(_frame(tmp_path, code, NORMALISED.get(code, SAMPLES[code]), (W, H))))
    # the "!" at the logical end of an Arabic, Persian or Hebrew line is drawn at the left
    # (in Hebrew it comes from the companion font, in its own \\fn run)
    for code in RTL:
        text = NORMALISED.get(code, SAMPLES[code])
        assert text.endswith("!")
        with_mark, without = (
            np.asarray(
                Image.fromarray(_frame(tmp_path, code, t, (1280, 720), "black")).convert("L")
            ).astype(np.int32)
            for t in (text, text[:-1])
        )
        assert added_side(with_mark, without) == "left", code
    if os.environ.get("SCREENING_KIT_WRITE_DOCS"):
        contact_sheet(tmp_path, DOCS / "scripts-contact-sheet.png")


def contact_sheet(tmp: Path, out: Path) -> None:
    """Every language's cue as libass draws it at 640x360 (bottom third), labelled."""
    tiles = []
    label_font = ImageFont.truetype(str(resolve_font(_lang("en")).path), 14)
    for code in SAMPLES:
        frame = _frame(tmp, code, NORMALISED.get(code, SAMPLES[code]), (640, 360))
        tile = Image.fromarray(frame[250:350]).copy()
        ImageDraw.Draw(tile).text((8, 4), f"{code}  {FONTS[code]}", fill="#ffd060", font=label_font)
        tiles.append(tile)
    cols = 2
    rows = (len(tiles) + cols - 1) // cols
    sheet = Image.new("RGB", (640 * cols, 100 * rows), "black")
    for i, tile in enumerate(tiles):
        sheet.paste(tile, ((i % cols) * 640, (i // cols) * 100))
    sheet.save(out)


def _lang(code: str) -> Language:
    info = describe(code)
    return Language(code, info.english_name, info.script, None)


@pytest.mark.slow
def test_every_package_shows_its_cue_in_band_and_time(ceremony: Path) -> None:
    result = build(ceremony, reporter=RecordingReporter(), jobs=2)
    assert sorted(p.country for p in result.packages) == sorted(COUNTRIES)
    for country, code in COUNTRIES.items():
        film = result.out_dir / country / f"01_film.{code}.mp4"
        with av.open(str(film)) as c:
            stream = c.streams.video[0]
            assert (stream.codec_context.width, stream.codec_context.height) == (W, H)
            frames = {
                round(float(f.time), 2): f.to_ndarray(format="rgb24") for f in c.decode(stream)
            }
        assert len(frames) == SECONDS * 25
        for t, frame in frames.items():
            mask = _ink(frame)
            if CUE_START + 0.05 <= t <= CUE_END - 0.05:
                assert_in_band(mask)
            elif t < CUE_START - 0.05 or t > CUE_END + 0.05:
                assert mask.sum() == 0, f"{country} [{code}]: text at {t} s"
