"""One reading of cue markup (``subtitles.markup.tokens``) for the reader, the
normaliser, ``fix`` and the ASS writer: on-screen ``<`` and ``>`` stay text."""

from __future__ import annotations

from pathlib import Path

from screening_kit.fix import rebreak
from screening_kit.languages import is_spaced, rules_for
from screening_kit.subtitles import AssStyle, Cue, build_ass, read_subtitles
from screening_kit.subtitles.markup import convert, tokens
from screening_kit.subtitles.normalise import normalise
from screening_kit.subtitles.normalise import rules_for as normalise_rules


def test_comparisons_are_text_for_every_reader() -> None:
    for text in ("x < y and y > z", "x<y and y>z", "2<3,5>1,4<6"):
        assert [t.kind for t in tokens(text)] == ["text"]
        assert convert(text).visible == text and convert(text).dropped == ()


def test_normalisation_reaches_text_between_angle_brackets() -> None:
    # Uzbek o' -> oʻ: the old markup pattern took "< bog'i and y >" for a tag
    text, done = normalise("x < bog'i and y > z", normalise_rules("uz", "Latn"))
    assert text == "x < bog\u02bbi and y > z" and done
    # a real tag's attribute is still left alone
    text, _ = normalise("<font color='x'>bog'i</font>", normalise_rules("uz", "Latn"))
    assert text == "<font color='x'>bog\u02bbi</font>"


def test_fix_breaks_between_angle_brackets() -> None:
    text = "Remember that a < bbbbbbbbbbbbbbbbbbbbbbb and ccccccccccccc > d, always"
    got = rebreak(text, rules_for("Latn"), "en", spaced=is_spaced("Latn"))
    assert got is not None
    top, bottom = got.split("\n")
    assert "<" in top and ">" in bottom  # the break falls between them
    assert got.replace("\n", " ") == text


def test_the_ass_writer_shows_what_the_reader_keeps(tmp_path: Path) -> None:
    path = tmp_path / "en.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nif x<y and y>z\n\n", "utf-8")
    track = read_subtitles(path, script="Latn", language="en")
    assert track.cues[0].text == "if x<y and y>z"
    assert [n.rule for n in track.notices] == []
    event = build_ass(track.cues, AssStyle(font="Noto Sans"), 320, 180).splitlines()[-1]
    assert event.endswith(",,if x<y and y>z")
    assert build_ass([Cue(1, 0, 1000, "<i>a</i>")], AssStyle(font="X"), 320, 180).endswith(
        "{\\i1}a{\\i0}\n"
    )
