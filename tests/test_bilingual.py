"""Two languages on one screen (issue 21): `languages: [kk, ru]`, both burned into one
picture, each in its own band, the pair's chunks keyed by both cue sets and shared
where neither has a cue. Pixels are read back from the built films: the primary is
white, the secondary yellow (`subtitle_style.secondary.colour`)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from screening_kit.build import build
from screening_kit.cache import Cache
from screening_kit.cli.app import main
from screening_kit.config import Language, SubtitleStyle, load_workspace
from screening_kit.errors import ConfigError
from screening_kit.facts import gather_facts
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import resolve_font
from screening_kit.plan import CardTask, ChunkTask, SlideshowTask, make_plan
from screening_kit.proof import make_proofs
from screening_kit.qc import check_workspace
from screening_kit.subtitles.ass import AssStyle
from screening_kit.subtitles.bilingual import Track, ass_colour, build_pair_ass
from screening_kit.subtitles.model import Cue

from .conftest import TEST_PROFILE, ffmpeg
from .mediacheck import frame_at

W, H = 640, 360
PROFILE = {**TEST_PROFILE, "max_width": W, "max_height": H}


def srt(*cues: tuple[float, float, str]) -> str:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"00:00:{ms // 1000:02d},{ms % 1000:03d}"

    return "\n".join(
        f"{i}\n{ts(a)} --> {ts(b)}\n{text}\n" for i, (a, b, text) in enumerate(cues, 1)
    )


def workspace(
    root: Path,
    subs: dict[str, str],
    countries: dict[str, dict[str, object]],
    seconds: float = 4,
    cards: dict[str, list[str]] | None = None,
    **ceremony: object,
) -> Path:
    """A one-film workspace on a flat grey film (text is the only bright ink); ``cards``:
    an opening card's lines per language."""
    (root / "films").mkdir(parents=True)
    (root / "subtitles" / "film").mkdir(parents=True)
    (root / "playlists").mkdir()
    ffmpeg("-f", "lavfi", "-i", f"color=c=gray:s={W}x{H}:r=25:d={seconds}",
           "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
           str(root / "films" / "film.mp4"))  # fmt: skip
    for lang, text in subs.items():
        (root / "subtitles" / "film" / f"{lang}.srt").write_text(text, "utf-8")
    film: dict[str, object] = {"id": "film", "title": "Film", "source": "films/film.mp4"}
    if cards:
        film["opening_cards"] = [{"id": "title", "duration": 1, "fade": 0}]
        for lang, lines in cards.items():
            (root / "subtitles" / "film" / f"cards.{lang}.yaml").write_text(
                yaml.safe_dump({"title": lines}, allow_unicode=True), "utf-8"
            )
    cfg = {
        "title": "Bilingual",
        "profile": "test",
        "chunk_seconds": 2,
        "profiles": {"test": PROFILE},
        "countries": {c: {"name": c, **spec} for c, spec in countries.items()},
        "films": [film],
        # a deep yellow for the second language: its pixels never pass for white
        "subtitle_style": {"secondary": {"colour": "#FFD200"}},
        **ceremony,
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text(yaml.safe_dump({"items": [{"film": "film"}]}))
    return root


def bands(mask: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges [start, end) where ``mask`` holds ink, ranges a few rows apart joined."""
    rows = np.flatnonzero(mask.sum(axis=1) >= 2)
    out: list[tuple[int, int]] = []
    for y in rows:
        if out and y - out[-1][1] <= 4:
            out[-1] = (out[-1][0], y + 1)
        else:
            out.append((int(y), int(y) + 1))
    return out


def inks(frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """White (the primary's fill) and pale yellow (the secondary's) pixels."""
    r, g, b = (frame[..., i].astype(int) for i in range(3))
    white = (r > 215) & (g > 215) & (b > 215)
    yellow = (r > 200) & (g > 170) & (b < 140)
    return white, yellow


def extent(mask: np.ndarray) -> tuple[int, int]:
    """The rows from the first to the last holding ink (a breve's one pixel counts)."""
    rows = np.flatnonzero(mask.any(axis=1))
    assert rows.size, "no ink"
    return int(rows[0]), int(rows[-1]) + 1


KK_ONE = "Қош келдіңіздер"
KK_TWO = "Бұл қазақша субтитр\nекі жолда жазылған"
RU_ONE = "Добро пожаловать"
RU_TWO = "Это русский субтитр\nтоже в две строки"


def test_languages_key_loads_and_language_still_means_one(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws", {"kk": srt((0.2, 1, KK_ONE)), "ru": srt((0.2, 1, RU_ONE))},
                     {"KZ": {"languages": ["kk", "ru"]}, "RU": {"language": "ru"},
                      "KK": {"languages": ["kk"]}}, seconds=2)  # fmt: skip
    ws = load_workspace(root)
    assert ws.language_of("KZ").code == "kk"
    assert ws.second_language_of("KZ") is not None
    assert ws.second_language_of("KZ").code == "ru"  # type: ignore[union-attr]
    assert ws.second_language_of("RU") is None and ws.second_language_of("KK") is None
    assert ws.ceremony.countries["KZ"].layout == "stacked"


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ({"languages": ["kk", "ru", "en"]}, "at most 2"),
        ({"languages": ["kk", "kk"]}, "names 'kk' twice"),
        ({"language": "en", "languages": ["kk", "ru"]}, "either `language` or `languages`"),
        ({}, "countries.KZ.language: required key missing"),
        ({"languages": ["kk", "russian"]}, "countries.KZ.languages[1]"),
        ({"languages": ["kk", "ru"], "layout": "side"}, "top-bottom"),
    ],
)
def test_languages_key_refusals_name_the_key(
    tmp_path: Path, spec: dict[str, object], says: str
) -> None:
    root = workspace(tmp_path / "ws", {"kk": srt((0.2, 1, KK_ONE)), "ru": srt((0.2, 1, RU_ONE))},
                     {"KZ": spec}, seconds=1)  # fmt: skip
    with pytest.raises(ConfigError) as e:
        load_workspace(root)
    assert says in str(e.value), str(e.value)


def test_second_language_needs_its_subtitle_file(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws", {"kk": srt((0.2, 1, KK_ONE))},
                     {"KZ": {"languages": ["kk", "ru"]}}, seconds=1)  # fmt: skip
    with pytest.raises(Exception, match="language 'ru' not found") as e:
        load_workspace(root)
    assert "needed by KZ" in str(e.value.hint)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """KZ [kk, ru] built once: kk one line, a gap, then two lines; ru one line across
    both, then two lines over kk's two."""
    root = tmp_path_factory.mktemp("bi") / "ws"
    kk = srt((0.2, 1.3, KK_ONE), (1.6, 5.8, KK_TWO))
    ru = srt((0.2, 3.0, RU_ONE), (3.1, 5.8, RU_TWO))
    workspace(root, {"kk": kk, "ru": ru}, {"KZ": {"languages": ["kk", "ru"]}}, seconds=6)
    result = build(root, jobs=2)
    (film,) = (result.out_dir / "KZ").glob("01_film*.mp4")
    return film


def _pair_at(film: Path, t: float) -> tuple[tuple[int, int], tuple[int, int]]:
    white, yellow = inks(frame_at(film, t))
    return extent(white), extent(yellow)


def test_both_languages_in_their_bands_and_the_second_follows_the_first(stacked: Path) -> None:
    one_p, one_s = _pair_at(stacked, 1.0)  # kk one line, ru one line
    gap_s = extent(inks(frame_at(stacked, 1.45))[1])  # kk shows nothing
    two_p, two_s = _pair_at(stacked, 2.5)  # kk two lines, ru one line
    safe_top, safe_bottom = 0.05 * H, 0.95 * H
    for p, s in ((one_p, one_s), (two_p, two_s)):
        assert s[1] < p[0], (s, p)  # the secondary wholly above the primary
        assert p[1] <= safe_bottom and s[0] >= safe_top
    # the second track moved up by about one primary line when kk went to two lines
    line = one_p[1] - one_p[0]
    assert two_s[1] < one_s[1] - 0.6 * line, (one_s, two_s)
    assert two_p[0] < one_p[0] - 0.6 * line
    # while kk shows nothing, ru stays where it was above one kk line
    assert abs(gap_s[1] - one_s[1]) <= 2 and abs(gap_s[0] - one_s[0]) <= 2


def test_two_lines_of_each_at_once_fit_without_overlap(stacked: Path) -> None:
    frame = frame_at(stacked, 4.5)
    white, yellow = inks(frame)
    p, s = extent(white), extent(yellow)
    assert len(bands(white)) == 2 and len(bands(yellow)) == 2, (bands(white), bands(yellow))
    assert s[1] < p[0] and s[0] >= 0.05 * H and p[1] <= 0.95 * H
    # nothing outside the two bands: no yellow among the white rows and the reverse
    assert not yellow[p[0] : p[1]].any() and not white[s[0] : s[1]].any()
    assert not (white | yellow)[: s[0]].any()


def test_secondary_is_smaller(stacked: Path) -> None:
    white, yellow = inks(frame_at(stacked, 4.5))
    (p0, p1), (s0, s1) = bands(white)[0], bands(yellow)[0]
    assert s1 - s0 < p1 - p0


def test_top_bottom_puts_the_second_at_the_top(tmp_path: Path) -> None:
    subs = {"kk": srt((0.1, 2.9, KK_TWO)), "ru": srt((0.1, 2.9, RU_ONE))}
    spec = {"languages": ["kk", "ru"], "layout": "top-bottom"}
    root = workspace(tmp_path / "ws", subs, {"KZ": spec}, seconds=3)
    result = build(root, jobs=2)
    (film,) = (result.out_dir / "KZ").glob("01_film*.mp4")
    p, s = _pair_at(film, 1.0)
    assert s[0] >= 0.05 * H and s[1] < H / 4, s
    assert p[0] > H * 3 / 4 and p[1] <= 0.95 * H, p


def chunk_keys(root: Path, country: str) -> list[str]:
    """The country's film chunks in order (its join's deps)."""
    ws = load_workspace(root)
    facts = gather_facts(ws, [country], Cache(root / "cache"))
    plan = make_plan(ws, facts, [country], ffmpeg_version="test")
    return [k for k, t in plan.tasks.items() if isinstance(t, ChunkTask)]


def test_chunk_keys_cover_both_cue_sets_and_shared_chunks_stay_shared(tmp_path: Path) -> None:
    # 6 s in 2 s chunks: both languages in the first, kk alone in the second, none in the last
    kk = srt((0.2, 1.5, KK_ONE), (2.2, 3.5, KK_ONE))
    ru = srt((0.2, 1.5, RU_ONE))
    countries = {"KZ": {"languages": ["kk", "ru"]}, "KK": {"language": "kk"},
                 "RU": {"language": "ru"}}  # fmt: skip
    # fixed 2 s chunks, so that the three chunks below are the same ranges in every
    # country (cue cuts would cut this film at its cues: tests/test_cue_cuts.py)
    root = workspace(
        tmp_path / "ws", {"kk": kk, "ru": ru}, countries, seconds=6, chunk_cuts="fixed"
    )
    kz, kk_only, ru_only = (chunk_keys(root, c) for c in ("KZ", "KK", "RU"))
    assert len(kz) == len(kk_only) == len(ru_only) == 3
    # the chunk with no cue in either language is everyone's
    assert kz[2] == kk_only[2] == ru_only[2]
    # the chunk with kk's cues alone is the kk country's chunk
    assert kz[1] == kk_only[1]
    assert kz[1] == chunk_keys(root, "KK")[1]
    # the pair's chunk is its own
    assert kz[0] not in (kk_only[0], ru_only[0])
    # and its key follows the second language's text
    (root / "subtitles" / "film" / "ru.srt").write_text(srt((0.2, 1.5, "Здравствуйте")), "utf-8")
    kz2 = chunk_keys(root, "KZ")
    assert kz2[0] != kz[0] and kz2[1:] == kz[1:]


# ---------------------------------------------------------------- check (point 4)


def findings(root: Path, rule: str) -> list[object]:
    report = check_workspace(root, shots=False)
    return [f for f in report.findings if f.rule == rule]


def test_the_second_language_is_checked_as_its_own(tmp_path: Path) -> None:
    ru = srt((0.2, 1.5, RU_ONE), (1.0, 2.5, RU_ONE))  # overlapping cues in ru alone
    root = workspace(tmp_path / "ws", {"kk": srt((0.2, 2.5, KK_ONE)), "ru": ru},
                     {"KZ": {"languages": ["kk", "ru"]}}, seconds=3)  # fmt: skip
    (overlap,) = findings(root, "overlap")
    assert overlap.language == "ru" and overlap.path.name == "ru.srt"  # type: ignore[attr-defined]


def test_more_than_four_lines_at_once(tmp_path: Path) -> None:
    kk = srt((0.2, 2.8, "Бір\nЕкі\nҮш"))
    ru = srt((0.2, 2.8, RU_TWO))
    root = workspace(tmp_path / "ws", {"kk": kk, "ru": ru},
                     {"KZ": {"languages": ["kk", "ru"]}}, seconds=3)  # fmt: skip
    (found,) = findings(root, "pair-lines")
    assert found.value == 5 and found.language == "ru"  # type: ignore[attr-defined]
    # four lines are the most and are fine
    (root / "subtitles" / "film" / "kk.srt").write_text(srt((0.2, 2.8, KK_TWO)), "utf-8")
    assert findings(root, "pair-lines") == []


def test_combined_height_within_the_safe_area(tmp_path: Path) -> None:
    # Arabic's tall lines (Noto Sans Arabic: 2.1 em) under two English lines
    subs = {"ar": srt((0.2, 2.8, "هذا سطر\nوسطر ثان")), "en": srt((0.2, 2.8, "One\nTwo"))}
    spec: dict[str, object] = {"languages": ["ar", "en"]}
    root = workspace(tmp_path / "ws", subs, {"KZ": spec}, seconds=3)
    assert findings(root, "pair-height") == []
    big = {"size": 10, "margin": 40}
    root2 = workspace(tmp_path / "ws2", subs, {"KZ": {**spec, "subtitle_style": big}}, seconds=3)
    (found,) = findings(root2, "pair-height")
    assert found.limit == 95.0 and found.value > 95  # type: ignore[attr-defined]
    # top-bottom: the two must not meet (40 % margins at both edges do)
    assert findings(workspace(tmp_path / "ws3", subs, {"KZ": {**spec, "layout": "top-bottom",
                    "subtitle_style": big}}, seconds=3), "pair-height")  # fmt: skip
    top = {**spec, "subtitle_style": {"size": 10, "margin": 20}, "layout": "top-bottom"}
    assert findings(workspace(tmp_path / "ws4", subs, {"KZ": top}, seconds=3), "pair-height") == []


def test_timings_drifting_apart_are_a_warning(tmp_path: Path) -> None:
    kk = srt((0.2, 1.4, KK_ONE), (1.6, 2.8, KK_ONE))
    ru = srt((0.28, 1.4, RU_ONE), (2.0, 2.8, RU_ONE))  # 2 frames late, then 10
    root = workspace(tmp_path / "ws", {"kk": kk, "ru": ru},
                     {"KZ": {"languages": ["kk", "ru"]}}, seconds=3)  # fmt: skip
    (found,) = findings(root, "pair-drift")
    assert found.severity == "warning" and found.cue == 2 and found.value == 10  # type: ignore[attr-defined]


def test_a_picture_drawn_font_on_a_pairs_cards_is_refused(tmp_path: Path) -> None:
    # a pair's subtitles may have a picture-drawn track (tests/test_bilingual_pictures.py);
    # its cards, drawn by libass in both fonts at once, may not
    subs = {"ur": srt((0.2, 1.8, "یہ ایک آزمائشی سطر ہے")), "en": srt((0.2, 1.8, "A test line"))}
    cards = {"ur": ["یوم آزادی"], "en": ["Independence Day"]}
    root = workspace(tmp_path / "ws", subs, {"PK": {"languages": ["ur", "en"]}}, seconds=2,
                     cards=cards, languages={"ur": {"font": "Noto Nastaliq Urdu"}})  # fmt: skip
    (found,) = findings(root, "pair-pictures")
    assert "ur is drawn as pictures" in found.message  # type: ignore[attr-defined]
    assert "title cards in two languages" in found.message  # type: ignore[attr-defined]
    ws = load_workspace(root)
    facts = gather_facts(ws, ["PK"], Cache(root / "cache"))
    with pytest.raises(ConfigError, match="two languages drawn together"):
        make_plan(ws, facts, ["PK"], ffmpeg_version="test")


# ---------------------------------------------------------------- cards (point 5)


def test_a_card_shows_both_languages_first_above(tmp_path: Path) -> None:
    cards = {"ar": ["عرض الأفلام", "مساء الخير"], "en": ["Film screening", "Good evening"]}
    subs = {"ar": srt((0.2, 1.8, "مرحبا بكم")), "en": srt((0.2, 1.8, "Welcome"))}
    root = workspace(tmp_path / "ws", subs, {"AE": {"languages": ["ar", "en"]}}, seconds=2,
                     cards=cards)  # fmt: skip
    result = build(root, jobs=2)
    (card,) = [t for t in result.plan.tasks.values() if isinstance(t, CardTask)]
    assert card.label.endswith("[ar+en]") and card.ass is not None
    # one event per language, each in its own style: the Arabic font first, then Latin
    styles = [line for line in card.ass.splitlines() if line.startswith("Style:")]
    assert "Arabic" in styles[0] and "Arabic" not in styles[1], styles
    events = [line for line in card.ass.splitlines() if line.startswith("Dialogue:")]
    assert ",Card," in events[0] and "عرض" in events[0]
    assert ",Card2," in events[1] and "Film screening" in events[1]
    (film,) = (result.out_dir / "AE").glob("01_film*.mp4")
    white, _ = inks(frame_at(film, 0.5))
    groups = bands(white)
    # four texts in two languages: the Arabic two above the English two, the whole inside
    # the title-safe area, with the gap between the languages the widest
    assert len(groups) == 4, groups
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(groups)]
    assert gaps.index(max(gaps)) == 1, gaps
    assert groups[0][0] >= 0.05 * H and groups[-1][1] <= 0.95 * H


def test_slideshow_captions_in_both_languages(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "photos").mkdir(parents=True)
    (root / "playlists").mkdir()
    for name in ("a.png", "b.png"):
        Image.new("RGB", (W, H), (90, 90, 90)).save(root / "photos" / name)
    (root / "photos" / "captions.yaml").write_text(
        f"a.png: {{kk: {KK_ONE}, ru: {RU_ONE}}}\nb.png: {{ru: {RU_ONE}}}\n", "utf-8"
    )
    show = {"id": "show", "title": "Show", "photos": "photos", "captions": "captions.yaml",
            "seconds_per_photo": 2, "crossfade": 0.5, "motion": "none"}  # fmt: skip
    cfg = {
        "title": "Bilingual",
        "profile": "test",
        "profiles": {"test": PROFILE},
        "countries": {"KZ": {"name": "KZ", "languages": ["kk", "ru"]}},
        "slideshows": [show],
        "subtitle_style": {"secondary": {"colour": "#FFD200"}},
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - slideshow: show\n", "utf-8")
    result = build(root, jobs=2)
    (piece,) = [t for t in result.plan.tasks.values() if isinstance(t, SlideshowTask)]
    assert "[kk+ru]" in piece.label
    (film,) = (result.out_dir / "KZ").glob("01_show*.mp4")
    white, yellow = inks(frame_at(film, 1.0))
    p, s = extent(white), extent(yellow)
    assert s[1] < p[0] and p[1] <= 0.95 * H, (p, s)
    # photo b has a Russian caption alone: at the place it has above one Kazakh line
    white_b, yellow_b = inks(frame_at(film, 2.5))
    assert not white_b.any()
    assert abs(extent(yellow_b)[1] - s[1]) <= 2


# ---------------------------------------------------------------- what says both (point 6)


def test_names_records_run_sheet_proof_and_languages_say_both(tmp_path: Path) -> None:
    subs = {"kk": srt((0.2, 1.8, KK_ONE)), "ru": srt((0.2, 1.8, RU_ONE))}
    countries = {"KZ": {"languages": ["kk", "ru"]}, "KK": {"language": "kk"}}
    root = workspace(tmp_path / "ws", subs, countries, seconds=2)
    result = build(root, jobs=2)
    assert [p.name for p in (result.out_dir / "KZ").glob("01_*")] == ["01_film.kk+ru.mp4"]
    assert [p.name for p in (result.out_dir / "KK").glob("01_*")] == ["01_film.kk.mp4"]
    doc = json.loads((result.out_dir / "KZ" / "package.json").read_text("utf-8"))
    assert doc["language"] == "kk" and doc["languages"] == ["kk", "ru"]
    assert doc["language_names"] == ["Kazakh", "Russian"] and doc["layout"] == "stacked"
    (film,) = [f for f in doc["files"] if f["kind"] == "film"]
    assert film["languages"] == ["kk", "ru"]
    # both languages' findings are recorded (the cues' final-blank-line notes, here)
    assert {f["language"] for f in doc["subtitle_qc"]["findings"]} >= {"kk", "ru"}
    assert "languages" not in json.loads((result.out_dir / "KK" / "package.json").read_text())
    sheet = (result.out_dir / "KZ" / "RUNSHEET.html").read_text("utf-8")
    assert "Kazakh (kk) + Russian (ru)" in sheet
    assert "Kazakh + Russian subtitles (kk+ru)" in sheet
    # one proof page per pair, apart from the one-language page of the same film
    pages = {s.html.name for s in make_proofs(root)}
    assert pages == {"film.kk+ru.html", "film.kk.html"}
    page = (result.out_dir / "proof" / "film.kk+ru.html").read_text("utf-8")
    assert "Kazakh + Russian (kk+ru)" in page
    shown = CliRunner().invoke(main, ["languages", str(root)])
    assert "KZ: kk + ru on one screen (kk at the bottom, ru above it)" in shown.output


# ---------------------------------------------------------------- docs frames

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAIRS = {
    "kk-ru": (("kk", "Cyrl", KK_TWO), ("ru", "Cyrl", RU_TWO)),
    "ar-en": (("ar", "Arab", "هذا سطر عربي للترجمة\nوسطر ثان تحته"),
              ("en", "Latn", "This is the English line\nand a second one")),
    "ja-en": (("ja", "Jpan", "これは日本語の字幕です\n二行目もあります"),
              ("en", "Latn", "These are Japanese subtitles\nwith a second line")),
}  # fmt: skip


def pair_frame(tmp_path: Path, pair: str, colour: str) -> np.ndarray:
    """One 1280x720 frame of the pair, two lines each, through build_pair_ass and
    ffmpeg's subtitles filter, with the default look and ``colour`` for the second."""
    (a, a_script, a_text), (b, b_script, b_text) = PAIRS[pair]
    fa = resolve_font(Language(a, "", a_script, None))
    fb = resolve_font(Language(b, "", b_script, None))
    look = SubtitleStyle()
    first = Track([Cue(1, 0, 2000, a_text)], AssStyle(font=fa.family, line_factor=fa.line_factor))
    em = look.em * look.secondary.scale
    second_style = AssStyle(
        font=fb.family, line_factor=fb.line_factor, em=em, primary=ass_colour(colour)
    )
    second = Track([Cue(1, 0, 2000, b_text)], second_style)
    name = f"{pair}-{colour[1:]}"
    (tmp_path / f"{name}.ass").write_text(build_pair_ass(first, second, 1280, 720), "utf-8")
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
         "color=c=0x606060:s=1280x720:d=1", "-vf", f"subtitles={name}.ass",
         "-frames:v", "1", f"{name}.png"],
        cwd=tmp_path,
        check=True,
    )  # fmt: skip
    return np.asarray(Image.open(tmp_path / f"{name}.png").convert("RGB"))


@pytest.mark.parametrize("pair", list(PAIRS))
def test_pair_frames_two_lines_each_apart_and_inside_the_safe_area(
    tmp_path: Path, pair: str
) -> None:
    """kk+ru, ar+en, ja+en: with SCREENING_KIT_WRITE_DOCS=1 also docs/bilingual-<pair>.png."""
    white, yellow = inks(pair_frame(tmp_path, pair, "#FFD200"))
    p, s = extent(white), extent(yellow)
    assert s[1] < p[0], (s, p)
    assert s[0] >= 0.05 * 720 and p[1] <= 0.95 * 720
    assert not (white | yellow)[: s[0]].any()
    if os.environ.get("SCREENING_KIT_WRITE_DOCS"):
        img = pair_frame(tmp_path, pair, SubtitleStyle().secondary.colour)
        Image.fromarray(img).save(DOCS / f"bilingual-{pair}.png", optimize=True)


def test_the_second_language_captions_are_checked(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "photos").mkdir(parents=True)
    (root / "playlists").mkdir()
    Image.new("RGB", (W, H), (90, 90, 90)).save(root / "photos" / "a.png")
    (root / "photos" / "captions.yaml").write_text(f"a.png: {{kk: {KK_ONE}}}\n", "utf-8")
    show = {"id": "show", "title": "Show", "photos": "photos", "captions": "captions.yaml"}
    cfg = {"title": "B", "countries": {"KZ": {"name": "KZ", "languages": ["kk", "ru"]}},
           "slideshows": [show]}  # fmt: skip
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - slideshow: show\n", "utf-8")
    (found,) = findings(root, "caption-language")
    assert found.language == "ru"  # type: ignore[attr-defined]
