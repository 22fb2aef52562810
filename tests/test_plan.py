"""The planner is pure: synthetic facts in, a task graph out; nothing is encoded."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from screening_kit.config import load_workspace
from screening_kit.fonts import ResolvedFont
from screening_kit.media import VideoFacts
from screening_kit.plan import ChunkTask, Facts, MuxTask, Plan, chunk_bounds, make_plan
from screening_kit.profiles import BUILTIN_PROFILES, output_format, output_fps, standard_rate
from screening_kit.subtitles.model import Cue

TV = BUILTIN_PROFILES["tv-usb-1080p"]


@pytest.mark.parametrize(
    "frames,size,expected",
    [
        (250, 250, [(0, 250)]),
        (1000, 250, [(0, 250), (250, 500), (500, 750), (750, 1000)]),
        (1100, 250, [(0, 250), (250, 500), (500, 750), (750, 1100)]),  # short tail joins
        (1130, 250, [(0, 250), (250, 500), (500, 750), (750, 1000), (1000, 1130)]),
        (10, 250, [(0, 10)]),
    ],
)
def test_chunk_bounds_cover_every_frame_once(
    frames: int, size: int, expected: list[tuple[int, int]]
) -> None:
    assert chunk_bounds(frames, size) == expected


def test_chunks_start_just_after_source_keyframes() -> None:
    # keyframes every 10 s: each chunk starts one frame after one, so seeking half a
    # frame early lands on it and decodes one extra frame, not a whole GOP
    assert chunk_bounds(1000, 250, range(0, 1000, 250)) == [
        (0, 251), (251, 501), (501, 751), (751, 1000),
    ]  # fmt: skip
    # every frame a keyframe (intra-only masters): the nominal boundaries
    assert chunk_bounds(1000, 250, range(1000)) == [(0, 250), (250, 500), (500, 750), (750, 1000)]
    # a keyframe more than half a chunk from a boundary is ignored
    assert chunk_bounds(1000, 250, [0, 100]) == [(0, 250), (250, 500), (500, 750), (750, 1000)]


@pytest.mark.parametrize(
    "w,h,sar,out",
    [
        (1920, 1080, Fraction(1), (1920, 1080)),
        (1440, 1080, Fraction(1), (1920, 1080)),  # 4:3 pillar-boxed
        (1920, 800, Fraction(1), (1920, 1080)),  # scope letter-boxed
        (3840, 2160, Fraction(1), (1920, 1080)),  # UHD scaled down
        (640, 360, Fraction(1), (640, 360)),  # small stays small
        (720, 576, Fraction(64, 45), (1024, 576)),  # anamorphic PAL 16:9 -> square pixels
    ],
)
def test_output_frame_is_16_9_and_within_limits(
    w: int, h: int, sar: Fraction, out: tuple[int, int]
) -> None:
    fmt = output_format(TV, w, h, sar, Fraction(25))
    assert (fmt.width, fmt.height) == out


@pytest.mark.parametrize(
    "src,out",
    [
        ("25", "25"),
        ("50", "25"),
        ("60000/1001", "30000/1001"),
        ("24000/1001", "24000/1001"),
        ("30", "30"),
    ],
)
def test_output_rate_never_exceeds_30(src: str, out: str) -> None:
    assert output_fps(Fraction(src), TV.max_fps) == Fraction(out)


def test_standard_rate_for_variable_sources() -> None:
    assert standard_rate(Fraction(2997, 100)) == Fraction(30000, 1001)
    assert standard_rate(Fraction(25)) == 25
    assert standard_rate(Fraction(1250, 87)) == Fraction(24000, 1001)


def cue(i: int, a: float, b: float, text: str) -> Cue:
    return Cue(i, round(a * 1000), round(b * 1000), text)


def plan_for(
    tmp_path: Path,
    cues: dict[str, list[Cue]],
    countries: dict[str, str],
    profile: str | None = None,
    chunk_cuts: str = "fixed",
) -> Plan:
    root = tmp_path / "ws"
    (root / "films").mkdir(parents=True)
    (root / "films" / "f.mp4").write_bytes(b"not read by the planner")
    (root / "subtitles" / "f").mkdir(parents=True)
    for lang in cues:
        (root / "subtitles" / "f" / f"{lang}.srt").write_text("", "utf-8")
    (root / "playlists").mkdir()
    (root / "playlists" / "ceremony.yaml").write_text("items: [{film: f}]\n", "utf-8")
    cfg = {
        "title": "T",
        "countries": {c: {"name": c, "language": lang} for c, lang in countries.items()},
        "films": [{"id": "f", "title": "F", "source": "films/f.mp4"}],
        "chunk_cuts": chunk_cuts,
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    ws = load_workspace(root)
    film = VideoFacts(
        1920,
        1080,
        Fraction(1),
        Fraction(25),
        Fraction(25),
        1500,
        Fraction(60),
        "h264",
        True,
        48000,
        2,
        False,
    )
    font = ResolvedFont("Noto Sans", Path("/fonts/NotoSans.ttf"), 0)
    facts = Facts(
        films={"f": film},
        file_hashes={root / "films" / "f.mp4": "a" * 64, font.path: "b" * 64},
        subtitles={("f", lang): c for lang, c in cues.items()},
        fonts={lang: font for lang in cues},
        photos={},
    )
    return make_plan(ws, facts, list(countries), profile_override=profile, ffmpeg_version="test")


def chunk_keys(plan: Plan) -> dict[tuple[int, str], str]:
    """(start frame, label tag) -> key."""
    out = {}
    for t in plan.tasks.values():
        if isinstance(t, ChunkTask):
            out[(t.start, t.label.rsplit(" ", 1)[1])] = t.key
    return out


EN = [cue(1, 2, 5, "Hello"), cue(2, 31, 35, "Second")]
FR = [cue(1, 2, 5, "Bonjour"), cue(2, 31, 35, "Deuxième")]


def test_countries_sharing_a_language_share_every_task(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, {"en": EN, "fr": FR}, {"GB": "en", "IE": "en", "FR": "fr"})
    finals = [t for t in plan.tasks.values() if isinstance(t, MuxTask)]
    assert len(finals) == 2
    assert plan.users()[plan.countries[0].items[0].key] == ["GB", "IE"]


def test_chunks_without_cues_are_shared_by_every_language(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, {"en": EN, "fr": FR}, {"GB": "en", "FR": "fr"})
    chunks = [t for t in plan.tasks.values() if isinstance(t, ChunkTask)]
    # 6 chunks of 10 s; cues in chunks 0 and 3 differ by language
    assert len(chunks) == 4 + 2 * 2
    shared = [t for t in chunks if t.ass is None]
    assert sorted(t.start for t in shared) == [250, 500, 1000, 1250]
    # a cue is shifted to its chunk's own time
    ch3 = next(t for t in chunks if t.start == 750 and t.ass and "Second" in t.ass)
    assert "Dialogue: 0,0:00:01.00,0:00:05.00," in ch3.ass


def test_editing_one_cue_changes_only_the_chunks_it_overlaps(tmp_path: Path) -> None:
    before = chunk_keys(plan_for(tmp_path / "a", {"en": EN}, {"GB": "en"}))
    edited = [EN[0], cue(2, 31, 35, "Second, fixed")]
    after = chunk_keys(plan_for(tmp_path / "b", {"en": edited}, {"GB": "en"}))
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {(750, "[en]")}


def test_a_cue_across_a_boundary_is_in_both_chunks(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, {"en": [cue(1, 8, 12, "Across")]}, {"GB": "en"})
    with_cue = sorted(
        t.start for t in plan.tasks.values() if isinstance(t, ChunkTask) and t.ass is not None
    )
    assert with_cue == [0, 250]


def test_profile_settings_are_part_of_every_video_key(tmp_path: Path) -> None:
    tv = plan_for(tmp_path / "a", {"en": EN}, {"GB": "en"})
    projector = plan_for(tmp_path / "b", {"en": EN}, {"GB": "en"}, profile="projector-1080p")
    common = set(tv.tasks) & set(projector.tasks)
    # only audio is shared: both profiles use the same AAC settings; every video piece differs
    assert {type(tv.tasks[k]).__name__ for k in common} == {"AudioTask", "SoundtrackTask"}


def test_colour_conversion_only_when_the_source_is_not_bt709() -> None:
    base = VideoFacts(1920, 1080, Fraction(1), Fraction(25), Fraction(25), 1500, Fraction(60),
                      "h264", True, 48000, 2, False)  # fmt: skip
    from dataclasses import replace

    assert base.is_bt709  # untagged HD: BT.709 by convention
    assert replace(base, color_matrix="bt709").is_bt709
    assert not replace(base, color_matrix="bt601").is_bt709
    assert not replace(base, width=720, height=576).is_bt709  # untagged SD: BT.601


def test_cue_cuts_share_every_frame_without_a_cue(tmp_path: Path) -> None:
    en = [cue(1, 2, 5, "Hello"), cue(2, 31, 35, "Second")]
    fr = [cue(1, 2, 5, "Bonjour"), cue(2, 40, 44, "Deuxième")]
    plan = plan_for(tmp_path, {"en": en, "fr": fr}, {"GB": "en", "FR": "fr"}, chunk_cuts="cues")
    chunks = [t for t in plan.tasks.values() if isinstance(t, ChunkTask)]
    bounds = sorted({(t.start, t.start + t.frames) for t in chunks})
    # the chunks cover the film once, whatever the language
    assert bounds[0][0] == 0 and bounds[-1][1] == 1500
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    # cut on each cue's first frame and after its last
    starts = {s for s, _ in bounds}
    assert {50, 125, 775, 875, 1000, 1100} <= starts
    # a range with a cue in one language only is encoded for it and shared by the other
    assert {(t.start, t.label.rsplit(" ", 1)[1]) for t in chunks if t.start in (775, 1000)} == {
        (775, "[en]"), (775, "[shared]"), (1000, "[fr]"), (1000, "[shared]"),
    }  # fmt: skip
    # what is encoded for one language alone: its cues' frames, nothing else
    assert sum(t.frames for t in chunks if t.label.endswith("[en]")) == 75 + 100
    assert sum(t.frames for t in chunks if t.label.endswith("[fr]")) == 75 + 100
