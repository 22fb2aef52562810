"""`screening-kit fix`: the corrected SRT byte for byte for files breaking each rule,
idempotent, every cue's text kept; the diff, --write with .orig, --json."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.fix import fix_cues, rebreak, write_srt
from screening_kit.languages import is_spaced, rules_for
from screening_kit.subtitles.reader import parse_srt

from .conftest import write_workspace
from .cutfilm import CutFilm, make_cut_film
from .test_qc_shots import TIMED

CUTS = (50, 100, 250, 300)  # the cut film's shot changes, 25 fps, 350 frames
LONG = "This line is far too long to be read comfortably on one line"
BROKEN = TIMED.replace("Flash in.", LONG) + (
    "5\n00:00:12,400 --> 00:00:12,800\nCafe\u0301.\n\n"  # late in, short, room after; é decomposed
    "6\n00:00:13,320 --> 00:00:13,960\nEnd.\n\n"  # short, no room before the film ends
)
FIXED = """1
00:00:02,000 --> 00:00:03,400
Late in.

2
00:00:04,000 --> 00:00:05,520
This line is far too long to be
read comfortably on one line

3
00:00:09,000 --> 00:00:09,920
Early out.

4
00:00:10,000 --> 00:00:11,920
Flash out.

5
00:00:12,000 --> 00:00:13,240
Caf\u00e9.

6
00:00:13,320 --> 00:00:13,960
End.

"""


def _fix(srt: str, shots: tuple[int, ...] = CUTS, lang: str = "en", script: str = "latin") -> str:
    cues, _ = parse_srt(srt, Path("x.srt"))
    fixed, _ = fix_cues(
        cues,
        fps=Fraction(25),
        shots=shots,
        film_frames=350,
        rules=rules_for(script),
        language=lang,
        script=script,
    )
    return write_srt(fixed)


def _words(srt: str) -> list[str]:
    """Every cue's text with line breaks as spaces (what fix must keep)."""
    cues, _ = parse_srt(srt, Path("x.srt"))
    return [" ".join(c.text.split()) for c in cues]


def test_fix_gives_the_expected_srt_byte_for_byte() -> None:
    assert _fix(BROKEN) == FIXED


def test_fix_is_idempotent_and_keeps_every_cues_text() -> None:
    once = _fix(BROKEN)
    assert _fix(once) == once
    assert _words(once) == [w.replace("Cafe\u0301", "Caf\u00e9") for w in _words(BROKEN)]


def test_small_gaps_close_to_two_frames() -> None:
    srt = (
        "3\n00:00:01,000 --> 00:00:02,000\nTouching.\n\n"  # numbers as written: renumbered
        "3\n00:00:02,000 --> 00:00:03,000\nChained.\n\n"
        "5\n00:00:03,200 --> 00:00:04,200\nFar.\n\n"  # 5 frames after: closed
        "9\n00:00:05,000 --> 00:00:06,000\nAlone.\n\n"  # 20 frames: left
    )
    assert _fix(srt, shots=()) == (
        "1\n00:00:01,000 --> 00:00:01,920\nTouching.\n\n"
        "2\n00:00:02,000 --> 00:00:03,120\nChained.\n\n"
        "3\n00:00:03,200 --> 00:00:04,200\nFar.\n\n"
        "4\n00:00:05,000 --> 00:00:06,000\nAlone.\n\n"
    )


def test_a_neighbour_between_two_frames_keeps_the_minimum_gap_in_milliseconds() -> None:
    # 0,780 is frame 19.5 at 25 fps: closing the gap to frame 18 (0,720) would leave 60 ms,
    # and to frame 17 (0,680) 2.5 frames; 0,700 leaves exactly the 80 ms of 2 frames
    srt = "1\n00:00:00,180 --> 00:00:00,600\nOne.\n\n2\n00:00:00,780 --> 00:00:02,000\nTwo.\n\n"
    assert _fix(srt, shots=()) == (
        "1\n00:00:00,180 --> 00:00:00,700\nOne.\n\n2\n00:00:00,780 --> 00:00:02,000\nTwo.\n\n"
    )


def test_no_time_moves_more_than_the_window_and_overlaps_are_left() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nOverlaps.\n\n"
        "2\n00:00:01,500 --> 00:00:02,300\nthe next.\n\n"
        "3\n00:00:03,000 --> 00:00:03,200\nShort, and 13 frames short of the minimum.\n\n"
    )
    fixed = _fix(srt, shots=())
    assert fixed == write_srt(parse_srt(srt, Path("x.srt"))[0])


@pytest.mark.parametrize(
    ("lang", "script", "text", "expected"),
    [
        # after the comma rather than the balanced middle
        ("en", "latin", "We went down to the market, and then all the way back home",
         "We went down to the market,\nand then all the way back home"),
        # never "the" at the end of the top line; bottom-heavy when it can be
        ("en", "latin", "Nobody in the village could remember the name of the old man",
         "Nobody in the village could\nremember the name of the old man"),
        # three short lines become one when it fits
        ("fr", "latin", "Nous sommes\nvenus de loin\npour vous voir",
         "Nous sommes venus de loin pour vous voir"),
        ("ru", "cyrillic", "Мы приехали издалека, чтобы увидеть вас и поблагодарить за всё",
         "Мы приехали издалека,\nчтобы увидеть вас и поблагодарить за всё"),
        # markup stays where it was, the break is never inside a tag
        ("en", "latin",
         '<font color="yellow">We went down to the market, and then back home</font>',
         '<font color="yellow">We went down to the market,\nand then back home</font>'),
        # Japanese: between characters, never before 。 (kinsoku)
        ("ja", "japanese", "今日は良い天気ですね。散歩に行きましょうか",
         "今日は良い天気ですね。\n散歩に行きましょうか"),
    ],
)  # fmt: skip
def test_rebreak_at_the_best_point(lang: str, script: str, text: str, expected: str) -> None:
    got = rebreak(text, rules_for(script), lang, spaced=is_spaced(script))
    assert got == expected


def test_rebreak_leaves_dialogue_and_what_fits() -> None:
    rules = rules_for("Latn")
    assert rebreak("- Where were you all this time, tell me now?\n- Here.", rules, "en") is None
    assert rebreak("Short enough\nalready", rules, "en") is None


@pytest.fixture(scope="module")
def cut_film(tmp_path_factory: pytest.TempPathFactory) -> CutFilm:
    return make_cut_film(tmp_path_factory.mktemp("cutfix") / "cut.mp4")


def test_fix_command_diff_write_orig_and_json(tmp_path: Path, cut_film: CutFilm) -> None:
    ru = "1\r\n00:00:02,120 --> 00:00:03,400\r\nПривет.\r\n\r\n"
    root = write_workspace(
        tmp_path / "ws", cut_film.path, cues={"en": BROKEN}, countries={"GB": "en", "RU": "ru"}
    )
    (root / "subtitles" / "film" / "ru.srt").write_bytes(ru.encode("cp1251"))
    en = root / "subtitles" / "film" / "en.srt"
    runner = CliRunner()
    out = runner.invoke(main, ["fix", str(root)])
    assert out.exit_code == 0, out.output
    assert "subtitles/film/en.srt: 8 changes, would change" in out.output
    assert "-00:00:02,120 --> 00:00:03,400\n+00:00:02,000 --> 00:00:03,400\n" in out.output
    assert "  cue 1 in: 00:00:02,120 -> 00:00:02,000: on shot change 50\n" in out.output
    assert "  cue 2 lines: 1 -> 2 lines, re-broken\n" in out.output
    assert "# subtitles/film/ru.srt: re-encoded from cp1251 to UTF-8" in out.output
    # what it cannot fix stays a finding
    assert re.search(r"warning +subtitles/film/en.srt:22 +6 .* duration-short", out.output)
    assert en.read_text("utf-8") == BROKEN  # nothing written without --write

    out = runner.invoke(main, ["fix", str(root), "--write", "--language", "en"])
    assert out.exit_code == 0 and "8 changes, written" in out.output
    assert en.read_text("utf-8") == FIXED
    assert (root / "subtitles/film/en.srt.orig").read_text("utf-8") == BROKEN
    assert not (root / "subtitles/film/ru.srt.orig").exists()

    out = runner.invoke(main, ["fix", str(root), "--write"])
    assert "subtitles/film/en.srt: 0 changes, unchanged" in out.output
    assert (root / "subtitles/film/en.srt.orig").read_text("utf-8") == BROKEN  # kept once
    assert (root / "subtitles/film/ru.srt").read_text("utf-8") == (
        "1\n00:00:02,000 --> 00:00:03,400\nПривет.\n\n"
    )
    assert (root / "subtitles/film/ru.srt.orig").read_bytes() == ru.encode("cp1251")

    doc = json.loads(runner.invoke(main, ["fix", str(root), "--json"]).output)
    assert [(f["file"], f["changed"]) for f in doc["files"]] == [
        ("subtitles/film/en.srt", False),
        ("subtitles/film/ru.srt", False),
    ]
    out = runner.invoke(main, ["fix", str(root), "--language", "xx"])
    assert out.exit_code == 2 and "unknown language 'xx'" in out.output


def _apply(a: list[str], diff: list[str]) -> list[str]:
    """Apply a unified diff (as ``patch`` would, without fuzz)."""
    out: list[str] = []
    pos = 0
    for line in diff[2:]:
        if line.startswith("@@"):
            start = int(re.match(r"@@ -(\d+)(?:,(\d+))?", line).group(1))  # type: ignore[union-attr]
            count = re.match(r"@@ -\d+(?:,(\d+))?", line).group(1)  # type: ignore[union-attr]
            start = start - 1 if count != "0" else start
            out += a[pos:start]
            pos = start
        elif line[0] in " -":
            assert a[pos] == line[1:], (pos, line)
            pos += 1
            if line[0] == " ":
                out.append(line[1:])
        else:
            out.append(line[1:])
    return out + a[pos:]


def test_the_diff_matches_difflib_and_applies() -> None:
    import difflib
    import random

    from screening_kit.fix.diff import unified_diff

    rnd = random.Random(1)
    a = [f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},500\nLine {i}\n\n" for i in range(60)]
    a = "".join(a).splitlines(keepends=True)
    b = [x.replace(",500", ",520") if rnd.random() < 0.3 else x for x in a]
    assert list(unified_diff(a, b, "a", "b")) == list(difflib.unified_diff(a, b, "a", "b"))
    for seed in range(300):
        rnd = random.Random(seed)
        a = [f"{rnd.randint(0, 5)}\n" for _ in range(rnd.randint(0, 30))]
        b = list(a)
        for _ in range(rnd.randint(0, 6)):
            op = rnd.random()
            if op < 0.3 and b:
                del b[rnd.randrange(len(b))]
            elif op < 0.6:
                b.insert(rnd.randint(0, len(b)), f"{rnd.randint(0, 9)}\n")
            elif b:
                b[rnd.randrange(len(b))] = f"x{rnd.randint(0, 9)}\n"
        diff = list(unified_diff(a, b, "a", "b"))
        assert (_apply(a, diff) if diff else a) == b, seed


def test_fix_leaves_files_it_cannot_read_and_says_why_it_cannot_write(
    tmp_path: Path, cut_film: CutFilm, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from screening_kit.fix import workspace as fix_ws

    root = write_workspace(
        tmp_path / "ws", cut_film.path, cues={"en": "just some notes, no cues\n", "fr": BROKEN}
    )
    en = root / "subtitles" / "film" / "en.srt"
    for junk in ("just some notes, no cues\n", "\n\n"):
        en.write_text(junk, "utf-8")
        out = CliRunner().invoke(main, ["fix", str(root), "--write", "-l", "en"])
        assert out.exit_code == 0 and "subtitles/film/en.srt: not fixed (" in out.output
        assert en.read_text("utf-8") == junk and not en.with_name("en.srt.orig").exists()

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fix_ws, "atomic_write_text", full)
    out = CliRunner().invoke(main, ["fix", str(root), "--write", "-l", "fr"])
    assert out.exit_code == 4
    assert "fr.srt: cannot write the fixed file (No space left on device)" in out.output
    assert "Traceback" not in out.output


def test_random_files_keep_text_move_within_the_window_and_fix_once() -> None:
    """2,000 random tracks with dense shot changes at 23.976-50 fps: a second run changes
    nothing, no time moves more than the window, no gap of 2+ frames gets shorter."""
    import random

    from screening_kit.qc.shots import shot_window, to_frame
    from screening_kit.subtitles.model import Cue

    for seed in range(2000):
        rnd = random.Random(seed)
        fps = rnd.choice([Fraction(25), Fraction(24000, 1001), Fraction(30), Fraction(50)])
        t, cues = 0, []
        for i in range(rnd.randint(1, 12)):
            t += rnd.randint(-300, 1500)
            d = rnd.randint(100, 4000)
            cues.append(Cue(i + 1, t, t + d, f"cue {i}"))
            t += d
        frames = int(t * fps / 1000) + rnd.randint(0, 100)
        cuts = sorted({rnd.randint(1, frames) for _ in range(rnd.randint(0, 15))})
        kw = {"fps": fps, "shots": cuts, "film_frames": frames + 1, "language": "en"}
        once, _ = fix_cues(cues, rules=rules_for("Latn"), script="Latn", **kw)
        _, changes = fix_cues(once, rules=rules_for("Latn"), script="Latn", **kw)
        assert changes == [], seed
        window = shot_window(fps)
        for old, new in zip(cues, once, strict=True):
            assert old.text == new.text
            for a, b in ((old.start_ms, new.start_ms), (old.end_ms, new.end_ms)):
                assert abs(to_frame(a, fps) - to_frame(b, fps)) <= window, seed
        for k in range(len(cues) - 1):
            before = to_frame(cues[k + 1].start_ms, fps) - to_frame(cues[k].end_ms, fps)
            after = to_frame(once[k + 1].start_ms, fps) - to_frame(once[k].end_ms, fps)
            assert after >= min(before, 2), seed
            # in milliseconds too, as check measures it (times here fall between frames)
            before_ms = cues[k + 1].start_ms - cues[k].end_ms
            after_ms = once[k + 1].start_ms - once[k].end_ms
            assert after_ms == before_ms or after_ms >= min(before_ms, 2000 / fps), seed
