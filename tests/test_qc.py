"""Subtitle QC rules: each rule's exact finding (rule, cue, value), at and past its limit,
and the workspace-level checks (missing files, encodings, cards, the film's frame rate)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from screening_kit.config import Language
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import font_metrics, resolve_font
from screening_kit.languages import rules_for
from screening_kit.qc import Finding, check_cues, check_workspace
from screening_kit.subtitles.ass import AssStyle, build_ass
from screening_kit.subtitles.model import Cue

LATIN = rules_for("Latn")
PATH = Path("x.srt")


def run(
    cues: list[Cue],
    script: str = "Latn",
    fps: Fraction = Fraction(25),
    film: Fraction = Fraction(600),
    font_lang: str | None = None,
) -> list[tuple[str, str, int | None, object]]:
    font = None
    if font_lang is not None:
        font = resolve_font(Language(font_lang, font_lang, script, None))
    found = check_cues(cues, rules_for(script), path=PATH, fps=fps, film_duration=film, font=font)
    return [(f.severity, f.rule, f.cue, f.value) for f in found]


def cue(i: int, start: float, end: float, text: str = "Short line.") -> Cue:
    return Cue(i, round(start * 1000), round(end * 1000), text, line=4 * i - 2)


def test_clean_cues_have_no_findings() -> None:
    assert run([cue(1, 1, 3), cue(2, 3.08, 5), cue(3, 6, 12.9, "<i>Two</i>\nlines.")]) == []


def test_overlap() -> None:
    assert run([cue(1, 1, 3), cue(2, 2.5, 4)]) == [("error", "overlap", 2, 500)]
    # against the cue that ends latest, whatever its position in the file
    assert run([cue(1, 1, 6), cue(2, 2, 3), cue(3, 5, 7)]) == [
        ("error", "overlap", 2, 4000),
        ("error", "overlap", 3, 1000),
    ]


def test_zero_or_negative_duration() -> None:
    assert run([cue(1, 2, 2)]) == [("error", "duration-nonpositive", 1, 0)]
    assert run([cue(1, 2.5, 2)]) == [("error", "duration-nonpositive", 1, -0.5)]


def test_past_the_films_end() -> None:
    film = Fraction(10)
    assert run([cue(1, 8, 10)], film=film) == []
    assert run([cue(1, 8, 10.5)], film=film) == [("error", "past-film-end", 1, 10.5)]
    assert run([cue(1, 10, 11)], film=film) == [("error", "past-film-end", 1, 10)]


def test_duration_limits() -> None:
    # 5/6 s = 833.3 ms; 7 s
    assert run([cue(1, 1, 1.833, "Hi.")]) == [("warning", "duration-short", 1, 0.833)]
    assert run([cue(1, 1, 1.834, "Hi.")]) == []
    assert run([cue(1, 1, 8)]) == []
    assert run([cue(1, 1, 8.001)]) == [("warning", "duration-long", 1, 7.001)]


def test_gap_is_two_frames_at_the_films_rate() -> None:
    cues = [cue(1, 1, 3), cue(2, 3.04, 5)]  # 40 ms apart
    assert run(cues, fps=Fraction(25)) == [("warning", "gap-short", 2, 40)]
    assert run(cues, fps=Fraction(50)) == []  # 2 frames at 50 fps are 40 ms
    assert run([cue(1, 1, 3), cue(2, 3.08, 5)], fps=Fraction(25)) == []
    # back to back is a gap of 0, not an overlap
    assert run([cue(1, 1, 3), cue(2, 3, 5)]) == [("warning", "gap-short", 2, 0)]
    found = check_cues(
        cues, LATIN, path=PATH, fps=Fraction(30000, 1001), film_duration=Fraction(60)
    )
    assert [(f.value, f.limit, f.unit) for f in found] == [(40, 66.73, "ms")]


def test_lines_per_cue() -> None:
    assert run([cue(1, 1, 5, "one\ntwo\nthree")]) == [("error", "lines-per-cue", 1, 3)]
    assert run([cue(1, 1, 5, "one\ntwo")]) == []


def test_chars_per_line_latin() -> None:
    assert run([cue(1, 1, 5, "x" * 42)]) == []
    # markup is not counted
    assert run([cue(1, 1, 5, "<i>" + "x" * 42 + "</i>")]) == []
    assert run([cue(1, 1, 5, "short\n" + "x" * 43)]) == [("error", "chars-per-line", 1, 43)]


def test_chars_per_line_half_width_counts_half() -> None:
    ko = [cue(1, 1, 5, "가" * 15 + "ab")]  # 15 + 2 x 0.5 = 16
    assert run(ko, "hangul") == []
    assert run([cue(1, 1, 5, "가" * 16 + "a")], "hangul") == [("error", "chars-per-line", 1, 16.5)]
    # half-width katakana counts half too; full-width punctuation counts one
    assert run([cue(1, 1, 7, "あ" * 12 + "ｱ")], "japanese") == []  # 12.5
    assert run([cue(1, 1, 5, "あ" * 13 + "！")], "japanese") == [("error", "chars-per-line", 1, 14)]


def test_limits_per_script_family() -> None:
    # Thai: 35 per line, tone marks and vowels above/below (Mn) do not count
    thai = "ที่นี่" * 6  # 6 x (2 letters + 4 marks): 12 counted
    assert run([cue(1, 1, 5, thai + "ก" * 23)], "Thai") == []  # 35
    assert run([cue(1, 1, 5, thai + "ก" * 24)], "Thai") == [("error", "chars-per-line", 1, 36)]
    # Chinese: 16 full-width per line, 9 per second, half-width counts half
    assert run([cue(1, 1, 3, "中" * 16)], "Hans") == []
    assert run([cue(1, 1, 3, "中" * 17)], "Hant") == [("error", "chars-per-line", 1, 17)]
    assert run([cue(1, 1, 2, "中" * 10)], "Hans") == [("error", "reading-speed", 1, 10)]
    # Ethiopic: 34 per line; Hebrew and Devanagari as Latin
    assert run([cue(1, 1, 6, "ሀ" * 35)], "Ethi")[0] == ("error", "chars-per-line", 1, 35)
    assert run([cue(1, 1, 5, "ש" * 42)], "Hebr") == []
    # a spacing vowel sign (Mc) takes room on the line and counts
    assert run([cue(1, 1, 5, "कि" * 21)], "Deva") == []
    assert run([cue(1, 1, 5, "कि" * 21 + "क")], "Deva")[0][1] == "chars-per-line"


def test_a_long_line_without_spaces_needs_a_manual_break() -> None:
    # about 42 em in Noto Sans Thai: wider than the 37 em the title-safe line holds
    thai = "ยินดีต้อนรับทุกท่านสู่พิธีฉายภาพยนตร์สารคดีเรื่องนี้ขอบคุณที่มาร่วมงานในวันนี้และขอให้ทุกท่านมีความสุข"
    found = check_cues(
        [cue(1, 1, 6, thai), cue(2, 7, 12, "ยินดีต้อนรับทุกท่าน\nขอบคุณที่มาร่วมงาน")],
        rules_for("Thai"),
        path=PATH,
        fps=Fraction(25),
        film_duration=Fraction(60),
        metrics=font_metrics(resolve_font(Language("th", "Thai", "Thai", None))),
    )
    manual = [f for f in found if f.rule == "manual-break"]
    assert [(f.severity, f.cue, f.limit) for f in manual] == [("error", 1, 37.25)]
    assert "libass breaks lines only at spaces; break it by hand" in manual[0].message
    # the same width with spaces is libass's to wrap: no manual break
    spaced = " ".join(["ยินดีต้อนรับ", "ทุกท่าน"] * 6)
    found = check_cues(
        [cue(1, 1, 6, spaced)],
        rules_for("Thai"),
        path=PATH,
        fps=Fraction(25),
        film_duration=Fraction(60),
        metrics=font_metrics(resolve_font(Language("th", "Thai", "Thai", None))),
    )
    assert "manual-break" not in {f.rule for f in found}


def test_reading_speed() -> None:
    assert run([cue(1, 1, 3, "x" * 34)]) == []  # 17 chars/s
    assert run([cue(1, 1, 3, "x" * 35)]) == [("warning", "reading-speed", 1, 17.5)]
    assert run([cue(1, 1, 3, "x" * 40)]) == [("warning", "reading-speed", 1, 20)]
    assert run([cue(1, 1, 3, "x" * 21 + "\n" + "y" * 21)]) == [("error", "reading-speed", 1, 21)]
    # Japanese: 4 chars/s
    assert run([cue(1, 1, 3, "あ" * 8)], "japanese") == []
    assert run([cue(1, 1, 3, "あ" * 9)], "japanese") == [("error", "reading-speed", 1, 4.5)]


def test_missing_glyph_names_character_code_point_cue_and_font() -> None:
    cues = [cue(1, 1, 3, "Fine."), cue(2, 4, 6, "Smile 😀 and ア")]
    assert run(cues, font_lang="en") == [
        ("error", "missing-glyph", 2, "U+1F600 😀"),
        ("error", "missing-glyph", 2, "U+30A2 ア"),
    ]
    found = check_cues(
        cues,
        LATIN,
        path=PATH,
        fps=Fraction(25),
        film_duration=Fraction(60),
        font=resolve_font(Language("en", "English", "latin", None)),
    )
    assert found[0].limit == "Noto Sans"
    assert "'😀' (U+1F600) is not in font Noto Sans (NotoSans-Regular.ttf)" in found[0].message
    # the markup around a character is not a character
    assert run([cue(1, 1, 3, "{\\an8}<i>ok</i>")], font_lang="en") == []


# ---------------------------------------------------------------- workspace level

CEREMONY = {
    "title": "QC test",
    "profile": "test",
    "profiles": {
        "test": {"max_width": 320, "max_height": 180, "preset": "ultrafast", "level": "4.1"}
    },
    "chunk_seconds": 2,
    "playlist": "playlists/p.yaml",
    "countries": {"GB": {"name": "United Kingdom", "language": "en"}},
    "films": [{"id": "doc", "title": "Doc", "source": "films/film.mp4"}],
}
EN_SRT = "1\n00:00:00,500 --> 00:00:02,000\nHello there.\n\n"


def make_workspace(
    root: Path,
    make_video: Callable[..., Path],
    subtitles: dict[str, str | bytes],
    *,
    rate: str = "25",
    **config: object,
) -> Path:
    (root / "films").mkdir(parents=True)
    (root / "playlists").mkdir()
    (root / "subtitles" / "doc").mkdir(parents=True)
    film = make_video(f"film{rate}.mp4", seconds=4, size="160x90", rate=rate, audio=True)
    (root / "films" / "film.mp4").write_bytes(film.read_bytes())
    (root / "playlists" / "p.yaml").write_text("items:\n  - film: doc\n", "utf-8")
    cfg = {**CEREMONY, **config}
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    for name, text in subtitles.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (root / "subtitles" / "doc" / name).write_bytes(data)
    return root


def summary(found: list[Finding], root: Path) -> list[tuple[str, str, str, int | None, object]]:
    return [(f.severity, f.rule, str(f.path.relative_to(root)), f.cue, f.value) for f in found]


def test_workspace_missing_language_file(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = make_workspace(
        tmp_path / "ws",
        make_video,
        {"en.srt": EN_SRT},
        countries={
            "GB": {"name": "United Kingdom", "language": "en"},
            "FR": {"name": "France", "language": "fr"},
            "BE": {"name": "Belgium", "language": "fr"},
        },
    )
    report = check_workspace(root)
    assert summary(report.findings, root) == [
        ("error", "missing-subtitles", "subtitles/doc/fr.srt", None, "fr")
    ]
    assert "needed by BE, FR" in report.findings[0].message
    # checking only the countries that have their files is clean
    assert check_workspace(root, countries=["GB"]).findings == []


def test_workspace_frame_rate_comes_from_the_film(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    srt = EN_SRT + "2\n00:00:02,040 --> 00:00:03,500\nAgain.\n\n"  # 40 ms gap
    at25 = make_workspace(tmp_path / "a", make_video, {"en.srt": srt}, rate="25")
    at50 = make_workspace(tmp_path / "b", make_video, {"en.srt": srt}, rate="50")
    assert summary(check_workspace(at25).findings, at25) == [
        ("warning", "gap-short", "subtitles/doc/en.srt", 2, 40)
    ]
    assert check_workspace(at50).findings == []


def test_workspace_past_the_end_of_the_real_film(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    srt = EN_SRT + "2\n00:00:03,000 --> 00:00:04,500\nToo late.\n\n"  # the film is 4 s
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": srt})
    assert summary(check_workspace(root).findings, root) == [
        ("error", "past-film-end", "subtitles/doc/en.srt", 2, 4.5)
    ]


def test_workspace_stated_encoding_and_reader_notices(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    ru = "1\r\n00:00:00.500 --> 00:00:02,000\r\nПривет всем.\r\n\r\n".encode("cp1251")
    root = make_workspace(
        tmp_path / "ws",
        make_video,
        {"ru.srt": ru},
        countries={"KZ": {"name": "Kazakhstan", "language": "ru"}},
        languages={"ru": {"subtitle_encoding": "cp1252"}},
    )
    found = check_workspace(root).findings
    # a stated encoding that decodes is trusted: read, with a warning to check it
    assert [(f.severity, f.rule, f.value) for f in found if f.rule == "encoding"] == [
        ("warning", "encoding", "cp1252")
    ]
    assert not [f for f in found if f.severity == "error"]
    [warning] = [f for f in found if f.rule == "encoding"]
    assert warning.message.startswith(
        "decoded as cp1252 (stated in ceremony.yaml), its text is Latin, not Cyrillic"
    )
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["languages"] = {"ru": {"subtitle_encoding": "cp1251"}}
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    found = check_workspace(root).findings
    # read as meant: info, once per file, not counted as warnings
    assert [(f.severity, f.rule, f.line, f.cue, f.value) for f in found] == [
        ("info", "line-endings", 1, None, "CRLF"),
        ("info", "timestamp-separator", 2, 1, "."),
    ]
    strict = check_workspace(root, strict=True)
    assert [f.severity for f in strict.findings] == ["warning", "warning"]


def test_workspace_reads_webvtt_and_checks_card_glyphs(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    vtt = "WEBVTT\n\n00:00.500 --> 00:02.000\nHello {\\p1}there.\n"
    root = make_workspace(
        tmp_path / "ws",
        make_video,
        {"en.vtt": vtt, "cards.en.yaml": "title: [Our film 😀, second line]\n"},
        films=[
            {
                "id": "doc",
                "title": "Doc",
                "source": "films/film.mp4",
                "opening_cards": [{"id": "title", "duration": 1}],
            }
        ],
    )
    found = check_workspace(root).findings
    assert summary(found, root) == [
        ("error", "missing-glyph", "subtitles/doc/cards.en.yaml", None, "U+1F600 😀"),
        ("warning", "markup-dropped", "subtitles/doc/en.vtt", 1, "{\\p1}"),
    ]
    assert found[0].message.startswith("card 'title': character '😀'")


# ---------------------------------------------------------------- mixed direction on screen


def render(tmp_path: Path, text: str, lang: str, script: str) -> np.ndarray:
    """One frame through the real path: build_ass + ffmpeg's subtitles filter (libass)."""
    font = resolve_font(Language(lang, lang, script, None))
    ass = build_ass([Cue(1, 0, 2000, text)], AssStyle(font=font.family), 1280, 720)
    name = f"{abs(hash(text))}.ass"
    (tmp_path / name).write_text(ass, "utf-8")
    out = tmp_path / f"{name}.png"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=1280x720:d=1",
            "-vf",
            f"subtitles={name}:fontsdir={font.folder}",
            "-frames:v",
            "1",
            out.name,
        ],
        cwd=tmp_path,
        check=True,
    )
    return np.asarray(Image.open(out).convert("L"), dtype=np.int32)


def added_side(with_mark: np.ndarray, without: np.ndarray) -> str:
    """Where the extra mark went. Centred text: adding a mark at the left moves the rest
    of the line right by half the mark's width, and at the right moves it left. Find the
    shift that lays the shorter line's ink profile over the longer one's."""
    a = with_mark.sum(axis=0).astype(np.float64)
    b = without.sum(axis=0).astype(np.float64)
    cols = np.nonzero(b > 0.02 * b.max())[0]
    lo, hi = int(cols[0]), int(cols[-1])
    errors = {
        s: float(np.abs(a[lo + s : hi + 1 + s] - b[lo : hi + 1]).sum()) for s in range(-30, 31)
    }
    shift = min(errors, key=lambda s: errors[s])
    assert shift != 0
    # a clear answer: the best shift fits far better than the mirrored one
    assert errors[shift] < 0.5 * errors[-shift]
    return "left" if shift > 0 else "right"


RTL_LINES = {
    "ar": ("Arab", "شاهدنا فيلم Paris في عام 2026"),
    "fa": ("Arab", "فیلم Paris را در سال ۲۰۲۶ دیدیم"),
    "he": ("Hebr", "ראינו את הסרט Paris בשנת 2026"),
}


@pytest.mark.parametrize("lang", list(RTL_LINES))
@pytest.mark.parametrize("mark", ["!", "."])
def test_arabic_punctuation_at_the_logical_end_is_drawn_at_the_left(
    tmp_path: Path, mark: str, lang: str
) -> None:
    script, line = RTL_LINES[lang]
    assert (
        added_side(
            render(tmp_path, line + mark, lang, script), render(tmp_path, line, lang, script)
        )
        == "left"
    )
    # the measure itself: in a left-to-right line the same mark lands at the right
    latin = "We saw the film Paris in 2026"
    assert (
        added_side(
            render(tmp_path, latin + mark, "en", "latin"), render(tmp_path, latin, "en", "latin")
        )
        == "right"
    )
