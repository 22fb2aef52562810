"""Point 13: control characters in a cue are removed with a warning naming the cue;
the burned-in line keeps the whole visible text (a NUL used to end it there)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from screening_kit.build import prepare
from screening_kit.captions import load_photo_notes
from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError
from screening_kit.plan import ChunkTask
from screening_kit.subtitles.reader import read_subtitles

from ..conftest import write_workspace
from ._helpers import cli, workspace

SRT = (
    "1\n00:00:00,100 --> 00:00:00,500\nBefore\x00after the NUL\n\n"
    "2\n00:00:00,600 --> 00:00:00,900\nTab\there, bell\x07 and C1\x85 too\n\n"
)


def test_reader_strips_controls_and_names_each_cue(tmp_path: Path) -> None:
    path = tmp_path / "en.srt"
    path.write_text(SRT, "utf-8")
    track = read_subtitles(path)
    assert [c.text for c in track.cues] == ["Beforeafter the NUL", "Tab here, bell and C1 too"]
    found = [(n.cue, n.line, n.value) for n in track.notices if n.rule == "control-character"]
    assert found == [(1, 2, "U+0000"), (2, 6, "U+0007, U+0009, U+0085")]


def test_check_warns_and_the_build_plan_burns_the_whole_line(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    ws = workspace(tmp_path / "ws", make_video("film.mp4", seconds=4))
    srt = "1\n00:00:00,500 --> 00:00:02,500\nBefore\x00after the NUL\n\n"
    (ws / "subtitles" / "film" / "en.srt").write_text(srt, "utf-8")
    result = cli("check", str(ws))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "control-character" in line]
    assert len(lines) == 1 and "en.srt:2" in lines[0]
    assert "cue 1: control character U+0000 removed from the text" in lines[0]
    ass = "".join(
        t.ass for t in prepare(ws).plan.tasks.values() if isinstance(t, ChunkTask) and t.ass
    )
    assert "Beforeafter the NUL" in ass
    assert "\x00" not in ass and "\x07" not in ass


def test_control_characters_in_card_lines_and_captions_are_errors(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    """A YAML escape ("\\0") puts a NUL in a card line or caption: refused at load,
    naming the key (line breaks and tabs are spaces to the line breaker: allowed)."""
    ws = write_workspace(
        tmp_path / "ws",
        make_video("film.mp4", seconds=1),
        cues={"en": "1\n00:00:00,100 --> 00:00:00,900\nHi\n\n"},
        cards={"en": ["Title"]},
    )
    cards = ws / "subtitles" / "film" / "cards.en.yaml"
    cards.write_text('title: ["Before\\0after", "two\\nlines\\tok"]\n', "utf-8")
    with pytest.raises(
        ConfigError,
        match=r"cards\.en\.yaml:1: card 'title': lines(\.0|\[0\]): .*U\+0000 in the text",
    ):
        load_workspace(ws)
    cards.write_text('title: ["two\\nlines\\tok"]\n', "utf-8")
    assert load_workspace(ws).cards[("film", "en")]["title"].lines == ["two\nlines\tok"]
    notes = tmp_path / "captions.yaml"
    notes.write_text(yaml.safe_dump({"a.jpg": {"en": "bell\x07"}}), "utf-8")
    with pytest.raises(ConfigError, match=r"a\.jpg \[en\]: control character U\+0007"):
        load_photo_notes(notes, {"a.jpg"})
