"""plan: a pure plan (synthetic facts, no media) holds every file of a package under the
profile's container, and play-all and split parts as tasks (plan.delivery)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from screening_kit.config import load_workspace
from screening_kit.fonts import ResolvedFont
from screening_kit.media import VideoFacts
from screening_kit.plan import (
    AudioTask,
    ConformTask,
    Facts,
    Plan,
    PlayAllTask,
    SoundtrackTask,
    SplitTask,
    make_plan,
)
from screening_kit.profiles import BUILTIN_PROFILES
from screening_kit.subtitles.model import Cue

CUES = [Cue(1, 1000, 3000, "Hello.", 1)]


def _plan(tmp_path: Path, profile: str, **options: bool | None) -> Plan:
    root = tmp_path / "ws"
    (root / "films").mkdir(parents=True)
    (root / "films" / "f.mp4").write_bytes(b"not read by the planner")
    (root / "subtitles" / "f").mkdir(parents=True)
    (root / "subtitles" / "f" / "en.srt").write_text("", "utf-8")
    (root / "playlists").mkdir()
    (root / "playlists" / "ceremony.yaml").write_text(
        "items: [{film: f}, {film: f, repeat: 2}]\n", "utf-8"
    )
    cfg = {
        "title": "T",
        "profile": profile,
        "countries": {"GB": {"name": "GB", "language": "en"}},
        "films": [{"id": "f", "title": "F", "source": "films/f.mp4"}],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    film = VideoFacts(
        1920, 1080, Fraction(1), Fraction(25), Fraction(25), 1500, Fraction(60), "h264",
        True, 48000, 2, False,
    )  # fmt: skip
    font = ResolvedFont("Noto Sans", Path("/fonts/NotoSans.ttf"), 0)
    facts = Facts(
        films={"f": film},
        file_hashes={root / "films" / "f.mp4": "a" * 64, font.path: "b" * 64},
        subtitles={("f", "en"): CUES},
        fonts={"en": font},
        photos={},
    )
    ws = load_workspace(root)
    return make_plan(ws, facts, ["GB"], ffmpeg_version="test", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", sorted(BUILTIN_PROFILES))
def test_every_video_object_is_in_the_profiles_container(tmp_path: Path, profile: str) -> None:
    plan = _plan(tmp_path, profile)
    ext = BUILTIN_PROFILES[profile].extension
    own = (ConformTask, AudioTask, SoundtrackTask, PlayAllTask, SplitTask)
    assert {t.ext for t in plan.tasks.values() if not isinstance(t, own)} == {ext}
    assert {i.ext for c in plan.countries for i in c.items} == {ext}


def test_play_all_and_split_are_tasks_when_asked_for(tmp_path: Path) -> None:
    none = _plan(tmp_path / "a", "tv-usb-1080p")
    assert not [t for t in none.tasks.values() if isinstance(t, PlayAllTask | SplitTask)]
    plan = _plan(tmp_path / "b", "tv-usb-1080p", play_all=True, split_large_files=True)
    (country,) = plan.countries
    joined = plan.tasks[country.play_all or ""]
    assert isinstance(joined, PlayAllTask)
    assert joined.deps == (country.items[0].key,)  # one film, played 1 + 2 times
    assert [(i.key, i.repeat) for i in joined.items] == [(country.items[0].key, 1)] * 1 + [
        (country.items[0].key, 2)
    ]
    assert joined.limit == 4 * 1024**3
    assert set(country.splits) == {country.items[0].key}
    split = plan.tasks[country.splits[country.items[0].key]]
    assert isinstance(split, SplitTask) and split.deps == (country.items[0].key,)
    # after the renders they are made from: the plan is in dependency order
    order = list(plan.tasks)
    assert order.index(joined.key) > order.index(country.items[0].key)


def test_no_split_task_without_a_size_limit(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "archive-prores", split_large_files=True)  # no warn_size_bytes
    assert plan.countries[0].splits == {}
