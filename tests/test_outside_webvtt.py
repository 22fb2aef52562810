"""WebVTT files from other projects' test suites, read as those projects expect.

vtt.js (tests/data/vtt.js): every pair of a .vtt and its expected JSON that its
mocha tests compare (264), on cue count, start and end times, the text shown (its
processing-model JSON's ``textContent``) and top placement. webvtt-py
(tests/data/webvtt-py): what its own ``test_webvtt_parser.py`` asserts. Where we
read a file differently on purpose, ``VTTJS_DISAGREE`` and the webvtt-py test say
what we read and why (the W3C parser, https://www.w3.org/TR/webvtt1/, is the
arbiter).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from screening_kit.config import Language
from screening_kit.errors import SubtitleError
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import resolve_font
from screening_kit.subtitles import AssStyle, Cue, build_ass, read_subtitles
from screening_kit.subtitles.ass import cue_to_ass_text
from screening_kit.subtitles.markup import visible_text

DATA = Path(__file__).parent / "data"
VTTJS = DATA / "vtt.js"
WEBVTT_PY = DATA / "webvtt-py"

Read = list[tuple[int, int, str]] | str  # (start ms, end ms, shown text) per cue, or the error


def _pairs() -> list[tuple[str, str]]:
    pairs = []
    for js in sorted(VTTJS.rglob("test*.js")):
        pattern = r'test\.jsonEqual\w*\(\s*"([^"]+\.vtt)",\s*"([^"]+\.json)"'
        pairs += re.findall(pattern, js.read_text("utf-8"))
    return pairs


def _shown(text: str) -> str:
    """Text as shown: lines trimmed (libass and the DOM's pre-line both do)."""
    return "\n".join(line.strip() for line in text.strip("\n").split("\n"))


def _ours(path: Path) -> Read:
    try:
        cues = read_subtitles(path).cues
    except SubtitleError as e:
        return f"error at line {e.line}: {e.message}"
    # a word joiner keeps a "<" written as &lt; from being read as a tag: not shown
    return [
        (c.start_ms, c.end_ms, _shown(visible_text(c.text).replace("\u2060", ""))) for c in cues
    ]


def _expected(vtt: str, js: str) -> Read:
    cues = json.loads((VTTJS / js).read_text("utf-8"))["cues"]
    proc_path = VTTJS / vtt.replace(".vtt", "-proc.json")
    proc = json.loads(proc_path.read_text("utf-8")) if proc_path.exists() else None
    texts = [_shown(p["textContent"]) for p in proc] if proc is not None else None
    out = []
    for k, c in enumerate(cues):
        text = texts[k] if texts is not None and k < len(texts) else None
        out.append((round(c["startTime"] * 1000), round(c["endTime"] * 1000), text))
    return out  # type: ignore[return-value]


def _same(ours: Read, expected: Read) -> bool:
    if isinstance(ours, str):
        return expected == []
    if len(ours) != len(expected):
        return False
    return all(
        o[:2] == e[:2] and (e[2] is None or o[2] == e[2])
        for o, e in zip(ours, expected, strict=True)
    )


_HOURS = "W3C timestamps: a first field that is not two digits is hours, so it needs ':SS'"
_RUBY = "ruby text is shown in parentheses after its base: libass cannot draw ruby"
# file -> (why we read it differently, what we read)
VTTJS_DISAGREE: dict[str, tuple[str, Read]] = {
    "cue-times/min-top-digits.vtt": (
        f"{_HOURS}; vtt.js reads '000:00.000' as minutes",
        "error at line 3: the file has no cues that can be read (bad timing lines: 3)",
    ),
    "cue-times/minimum-spots-over-sixty.vtt": (
        f"{_HOURS}; vtt.js reads '120:00.000' as minutes",
        "error at line 3: the file has no cues that can be read (bad timing lines: 3)",
    ),
    "cuetext/escape-characters/incorrect.vtt": (
        "the spec's character references are HTML's: &nbsp &lt &gt without ';' are "
        "characters, as in HTML; vtt.js keeps them as written",
        [(0, 2000, "&l &g; \u00a0 &am; < > &nbs &nbs; &g; &lr;")],
    ),
    "cuetext/ruby/basic.vtt": (_RUBY, [(0, 2000, "It's a (blue apple tree!)")]),
    "cuetext/ruby/rt-no-end-tag.vtt": (_RUBY, [(0, 2000, "No (way!)")]),
    "cuetext/ruby/ruby-rt-no-end-tag.vtt": (_RUBY, [(0, 2000, "That's (awesome!)")]),
    "cuetext/ruby/with-annotation.vtt": (_RUBY, [(0, 2000, "That's (awesome!)")]),
    "cuetext/ruby/with-closing-span.vtt": (_RUBY, [(0, 2000, "That's (awesome!) Hee!")]),
    "cuetext/ruby/with-subclass.vtt": (_RUBY, [(0, 2000, "That's (awesome!)")]),
    "cuetext/ruby/with-two-subclasses.vtt": (_RUBY, [(0, 2000, "That's (awesome!)")]),
    "file-layout/header-no-new-line.vtt": (
        "W3C: a timing line right after the WEBVTT line ends the header and starts a "
        "cue; vtt.js finds no cue",
        [(11000, 13000, "Test")],
    ),
    "integration/id.vtt": (
        "W3C: after a bad timing line ('-->' alone) the next line holding '-->' starts "
        "a new block, so the cue at 00:04.000 is read; vtt.js drops it",
        [
            (1000, 2000, "This"),
            (2000, 3000, "Is"),
            (3000, 4000, "A"),
            (4000, 5000, "Test"),
            (6000, 7000, "And stuff?"),
        ],
    ),
    "integration/spec-example.vtt": (
        "the file holds the em dash of 'e-mailed—' converted twice (UTF-8 bytes read as "
        "Latin-1: 'â' and two C1 controls); vtt.js keeps it as written, we remove the "
        "controls and name the cue (mojibake and control-character warnings)",
        [],  # checked below: only that one cue differs
    ),
}


def test_vttjs_files_read_as_vttjs_expects() -> None:
    pairs = _pairs()
    assert len(pairs) == 264
    differ = {vtt for vtt, js in pairs if not _same(_ours(VTTJS / vtt), _expected(vtt, js))}
    assert differ == set(VTTJS_DISAGREE)
    assert len(pairs) - len({vtt for vtt, _ in pairs if vtt in differ}) == 251


@pytest.mark.parametrize("vtt", sorted(VTTJS_DISAGREE))
def test_vttjs_disagreements_are_what_we_mean(vtt: str) -> None:
    _why, read = VTTJS_DISAGREE[vtt]
    ours = _ours(VTTJS / vtt)
    if vtt == "integration/spec-example.vtt":
        expected = _expected(vtt, "integration/spec-example.json")
        assert isinstance(ours, list) and len(ours) == len(expected) == 13
        wrong = [(o, e) for o, e in zip(ours, expected, strict=True) if o != e]
        assert wrong == [
            ((30000, 31500, "When we e-mailedâ"), (30000, 31500, "When we e-mailedâ\x80\x94"))
        ]
        rules = {n.rule for n in read_subtitles(VTTJS / vtt).notices if n.cue == 9}
        assert rules == {"mojibake", "control-character"}
    else:
        assert ours == read


def test_vttjs_top_placement() -> None:
    """A cue's ``line:`` near the top becomes a leading {\\an8}, for every cue."""
    checked = 0
    for vtt, js in _pairs():
        try:
            cues = read_subtitles(VTTJS / vtt).cues
        except SubtitleError:
            continue
        expected = json.loads((VTTJS / js).read_text("utf-8"))["cues"]
        if len(cues) != len(expected):
            continue
        for cue, e in zip(cues, expected, strict=True):
            line = e["line"]
            top = line != "auto" and (0 <= line < 4 if e["snapToLines"] else line < 50)
            assert cue.text.startswith("{\\an8}") == top, (vtt, line)
            checked += 1
    assert checked == 237


def test_class_voice_language_and_ruby_spans_are_never_drawn() -> None:
    for vtt in sorted((VTTJS / "cuetext").rglob("*.vtt")):
        for cue in read_subtitles(vtt).cues:
            ass = cue_to_ass_text(cue.text)
            # a "<" written as &lt; is followed by a word joiner; a tag never shows
            assert not re.search(r"</?(?:v|c|lang|ruby|rt|b|i|u)[.\s>]", visible_text(cue.text))
            for tag in ("<v", "<c", "<lang", "<ruby", "<rt", "<b.", "<i.", "<u."):
                assert tag not in ass, (vtt, ass)
    bold = read_subtitles(VTTJS / "cuetext/bold/with-subclass.vtt").cues[0]
    assert cue_to_ass_text(bold.text).startswith("{\\b1}")


def test_a_yellow_class_is_yellow(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Bob><c.yellow>Hee!</c> <lang en>ok</lang>\n",
        "utf-8",
    )
    [cue] = read_subtitles(path).cues
    assert cue_to_ass_text(cue.text) == "{\\c&H00FFFF&}Hee!{\\c} ok"


def test_a_css_fragment_after_a_blank_line_in_a_style_block(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text(
        "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n::cue(b) {\n  color: peachpuff;\n}\n\n"
        "REGION\nid:fred width:40%\n\nNOTE a comment\n\n00:01.000 --> 00:02.000\ntext\n",
        "utf-8",
    )
    track = read_subtitles(path)
    assert [(c.start_ms, c.text) for c in track.cues] == [(1000, "text")]
    assert track.notices == []


# ---------------------------------------------------------------- webvtt-py


def _read(name: str) -> list[tuple[int, int, str]]:
    return [
        (c.start_ms, c.end_ms, visible_text(c.text)) for c in read_subtitles(WEBVTT_PY / name).cues
    ]


def test_webvtt_py_files_as_its_tests_expect() -> None:
    """The expectations of webvtt-py's tests/test_webvtt_parser.py, file by file."""
    for refused in ("invalid.vtt", "empty.vtt", "no_captions.vtt"):
        with pytest.raises(SubtitleError):
            read_subtitles(WEBVTT_PY / refused)
    assert len(_read("sample.vtt")) == 16
    assert _read("sample.vtt")[2][:2] == (11890, 16320)
    assert _read("one_caption.vtt") == [(500, 7000, "Caption text #1")]
    # a second timing line in a cue starts a cue of its own (W3C "collect a block")
    cues = _read("invalid_timeframe_in_cue_text.vtt")
    assert len(cues) == 4 and cues[1] == (7000, 10890, "")
    assert len(_read("missing_caption_text.vtt")) == 5
    assert len(_read("metadata_headers.vtt")) == 2
    assert len(_read("metadata_headers_multiline.vtt")) == 2
    assert len(_read("using_identifiers.vtt")) == 6
    comments = _read("comments.vtt")
    assert len(comments) == 3
    assert comments[0][2] == "- Ta en kopp varmt te.\n- Det är inte varmt."
    assert comments[2][2] == "- Ta en kopp"
    assert len(_read("styles.vtt")) == 1
    tags = _read("cue_tags.vtt")
    assert (tags[1][2], tags[2][2]) == ("Like a big-a pizza pie", "That's amore")
    assert len(_read("captions_with_bom.vtt")) == 4
    netflix = _read("netflix_chicas_del_cable.vtt")
    assert netflix[0][2] == "[Alba] En 1928,"
    assert netflix[-2][2] == "Diez años no son suficientes\npara olvidarte..."
    assert _read("youtube_dl.vtt")[2][2] == "this will happen is I'm telling"


def test_webvtt_py_files_it_refuses_we_read_by_the_spec() -> None:
    """webvtt-py refuses a file with one bad timing line or one cue without a timing;
    the W3C parser skips that block, and we say which line it was."""
    track = read_subtitles(WEBVTT_PY / "invalid_timeframe.vtt")
    assert len(track.cues) == 6
    [bad] = [n for n in track.notices if n.rule == "bad-timing"]
    assert bad.line == 6 and "00:00:07.000 --> 00:00:1d.890" in bad.message
    track = read_subtitles(WEBVTT_PY / "missing_timeframe.vtt")
    assert len(track.cues) == 6
    [lost] = [n for n in track.notices if n.rule == "text-outside-cue"]
    assert lost.line == 6 and "Caption text #2" in lost.message


def test_youtube_dl_cues_without_blank_lines_between_them() -> None:
    cues = _read("youtube_dl.vtt")
    assert [c[:2] for c in cues] == [
        (286070, 286470),
        (286470, 304080),
        (304080, 305069),
        (305069, 305400),
    ]
    assert cues[1][2] == "yeah\nwhat"


@pytest.mark.parametrize("name", ["test", "test2"])
def test_subtitle_edit_webvtt_fixtures_read_as_their_srt_twins(name: str) -> None:
    """Subtitle Edit's seconv fixtures hold the same cues as SRT and as WebVTT."""
    folder = DATA / "subtitleedit"
    vtt = read_subtitles(folder / f"{name}.vtt").cues
    assert [(c.start_ms, c.end_ms, c.text) for c in vtt] == [
        (c.start_ms, c.end_ms, c.text) for c in read_subtitles(folder / f"{name}.srt").cues
    ]


def _frame(tmp_path: Path, cues: list[Cue], name: str) -> np.ndarray:
    """One 640x360 frame of ``cues`` through build_ass and ffmpeg's libass filter."""
    font = resolve_font(Language("en", "en", "Latn", None))
    (tmp_path / f"{name}.ass").write_text(
        build_ass(cues, AssStyle(font=font.family), 640, 360), "utf-8"
    )
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i"]
    cmd += ["color=c=black:s=640x360:d=1", "-vf", f"subtitles={name}.ass:fontsdir={font.folder}"]
    subprocess.run([*cmd, "-frames:v", "1", f"{name}.png"], cwd=tmp_path, check=True)
    return np.asarray(Image.open(tmp_path / f"{name}.png").convert("RGB"), dtype=np.int32)


def test_spans_draw_as_their_srt_markup_not_as_text(tmp_path: Path) -> None:
    """``<v Bob><b.first>Hee!</b> <c.yellow>Hee!</c>`` is drawn exactly as the SRT
    ``<b>Hee!</b> <font color="yellow">Hee!</font>``: bold and yellow, no tag shown."""
    path = tmp_path / "x.vtt"
    path.write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Bob><b.first>Hee!</b> <c.yellow>Hee!</c>\n",
        "utf-8",
    )
    from_vtt = _frame(tmp_path, read_subtitles(path).cues, "vtt")
    srt_cue = Cue(1, 0, 2000, '<b>Hee!</b> <font color="yellow">Hee!</font>')
    assert np.array_equal(from_vtt, _frame(tmp_path, [srt_cue], "srt"))
    r, g, b = from_vtt[..., 0], from_vtt[..., 1], from_vtt[..., 2]
    assert ((r + g) // 2 - b > 80).sum() > 50  # the yellow word
    literal = _frame(tmp_path, [Cue(1, 0, 2000, "<b.first>Hee!")], "literal")
    assert not np.array_equal(from_vtt, literal)
