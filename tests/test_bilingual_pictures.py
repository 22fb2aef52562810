"""A bilingual pair with a language drawn as pictures (Nastaliq, textraster): that
track's pictures and the other's ASS lines on one screen, placed as an ASS pair is
(the second above the first, its margin following the first's height). Pixels are
read back from the built films: the first is white, the second deep yellow."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_kit.build import build
from screening_kit.plan import ChunkTask

from .mediacheck import frame_at
from .test_bilingual import H, bands, extent, findings, inks, srt, workspace

UR_ONE = "یہ ایک آزمائشی سطر ہے"
UR_TWO = "یہ ایک آزمائشی سطر ہے\nاور دوسری سطر"
EN_ONE = "A test line"
EN_TWO = "A test line\nand a second one"
NASTALIQ = {"ur": {"font": "Noto Nastaliq Urdu"}}


def _built(tmp_path: Path, subs: dict[str, str], langs: list[str]) -> tuple[Path, object]:
    root = workspace(tmp_path / "ws", subs, {"PK": {"languages": langs}}, seconds=4,
                     languages=NASTALIQ)  # fmt: skip
    assert findings(root, "pair-pictures") == []
    result = build(root, jobs=2)
    (film,) = (result.out_dir / "PK").glob("01_film*.mp4")
    assert film.name == f"01_film.{'+'.join(langs)}.mp4"
    return film, result


def _apart(film: Path, t: float) -> tuple[tuple[int, int], tuple[int, int]]:
    white, yellow = inks(frame_at(film, t))
    p, s = extent(white), extent(yellow)
    assert s[1] < p[0], (s, p)  # the second wholly above the first
    assert s[0] >= 0.05 * H and p[1] <= 0.95 * H
    assert not yellow[p[0] : p[1]].any() and not white[s[0] : s[1]].any()
    return p, s


@pytest.mark.parametrize("first_drawn", [True, False], ids=["ur+en", "en+ur"])
def test_a_picture_drawn_track_and_an_ass_track_share_the_screen(
    tmp_path: Path, first_drawn: bool
) -> None:
    # the first: one line, then two; the second: one line across both
    if first_drawn:
        subs = {"ur": srt((0.2, 1.8, UR_ONE), (2.0, 3.8, UR_TWO)), "en": srt((0.2, 3.8, EN_ONE))}
        langs = ["ur", "en"]
    else:
        subs = {"en": srt((0.2, 1.8, EN_ONE), (2.0, 3.8, EN_TWO)), "ur": srt((0.2, 3.8, UR_ONE))}
        langs = ["en", "ur"]
    film, result = _built(tmp_path, subs, langs)
    chunks = [t for t in result.plan.tasks.values() if isinstance(t, ChunkTask)]  # type: ignore[attr-defined]
    # each chunk with text has the picture-drawn track as pictures and the other in ASS
    for c in chunks:
        if c.overlays or c.ass:
            assert c.overlays and c.ass, c.label
            assert c.text_font is not None and "Nastaliq" in c.text_font.family
    one_p, one_s = _apart(film, 1.0)
    two_p, two_s = _apart(film, 3.0)
    # the second moved up with the first's second line
    assert two_p[0] < one_p[0] - 5 and two_s[1] < one_s[1] - 5, (one_p, two_p, one_s, two_s)
    white, _ = inks(frame_at(film, 3.0))
    if not first_drawn:  # two ASS lines of English
        assert len(bands(white)) == 2
