"""The pair script's placement (subtitles.bilingual), read from the ASS it writes."""

from __future__ import annotations

from screening_kit.subtitles.ass import AssStyle
from screening_kit.subtitles.bilingual import (
    SECOND_LAYER,
    Track,
    block_height,
    build_pair_ass,
    second_margins,
)
from screening_kit.subtitles.model import Cue

H = 720
FIRST = AssStyle(font="Noto Sans")
SECOND = AssStyle(font="Noto Sans", em=0.042 * 0.85)


def events(ass: str) -> list[list[str]]:
    return [line.split(",", 9) for line in ass.splitlines() if line.startswith("Dialogue:")]


def test_second_cue_cut_where_the_first_changes_height() -> None:
    first = [Cue(1, 0, 1000, "one"), Cue(2, 1200, 3000, "one\ntwo")]
    second = Cue(1, 500, 2500, "other")
    # over the first's one line, over nothing (held at one line), over two lines
    assert second_margins(first, second) == [(500, 1200, 1), (1200, 2500, 2)]


def test_second_margin_follows_the_first_and_keeps_its_times() -> None:
    first = [Cue(1, 0, 1000, "one"), Cue(2, 1200, 3000, "one\ntwo")]
    ass = build_pair_ass(Track(first, FIRST), Track([Cue(1, 500, 2500, "other")], SECOND), 1280, H)
    second = [e for e in events(ass) if e[3] == "Second"]
    assert [(e[1], e[2]) for e in second] == [("0:00:00.50", "0:00:01.20"),
                                              ("0:00:01.20", "0:00:02.50")]  # fmt: skip
    base = round(FIRST.margin_v * H)
    gap = round(0.008 * H)
    assert [int(e[7]) for e in second] == [
        base + block_height(FIRST, 1, H) + gap,
        base + block_height(FIRST, 2, H) + gap,
    ]
    assert all(e[0] == f"Dialogue: {SECOND_LAYER}" for e in second)
    assert {e[0] for e in events(ass) if e[3] == "Default"} == {"Dialogue: 0"}


def test_top_bottom_second_at_the_top_whatever_the_first() -> None:
    first = [Cue(1, 0, 1000, "one\ntwo")]
    ass = build_pair_ass(
        Track(first, FIRST), Track([Cue(1, 0, 1000, "x")], SECOND), 1280, H, layout="top-bottom"
    )
    style = next(line for line in ass.splitlines() if line.startswith("Style: Second"))
    assert style.split(",")[18] == "8"  # alignment: top centre
    (second,) = [e for e in events(ass) if e[3] == "Second"]
    assert int(second[7]) == round(SECOND.margin_v * H)
