"""Shot changes: detection on generated footage with cuts at known frames, the cache,
a film's own list (EDL, CSV) and `screening-kit shots`."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from screening_kit import shots as shots_mod
from screening_kit.cache import Cache
from screening_kit.cli import main
from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError
from screening_kit.shots import (
    detect_shot_changes,
    film_shot_changes,
    read_shot_list,
    timecode_frames,
)
from screening_kit.shots import store as shots_store

from .conftest import write_workspace
from .cutfilm import CutFilm, make_cut_film


@pytest.fixture(scope="module")
def cut_film(tmp_path_factory: pytest.TempPathFactory) -> CutFilm:
    return make_cut_film(tmp_path_factory.mktemp("cut") / "cut.mp4")


def test_detection_finds_every_hard_cut_and_nothing_in_stills_or_pans(
    cut_film: CutFilm, tmp_path: Path
) -> None:
    found = detect_shot_changes(cut_film.path, tmp_path)
    for cut in cut_film.hard_cuts:
        assert any(abs(f - cut) <= 1 for f in found), (cut, found)
    for f in found:
        near_cut = any(abs(f - c) <= 1 for c in cut_film.hard_cuts)
        in_dissolve = any(a - 1 <= f <= b + 1 for a, b in cut_film.dissolves)
        assert near_cut or in_dissolve, f"false cut at frame {f}: {found}"
    for a, b in cut_film.stills + cut_film.pans:
        assert not [f for f in found if a < f < b]
    # a dissolve is marked at most once
    for a, b in cut_film.dissolves:
        assert len([f for f in found if a - 1 <= f <= b + 1]) <= 1


def _workspace(tmp_path: Path, film: CutFilm, srt: str = "") -> Path:
    return write_workspace(tmp_path / "ws", film.path, cues={"en": srt or _ONE_CUE})


_ONE_CUE = "1\n00:00:00,500 --> 00:00:01,500\nHello\n\n"


def test_detection_runs_once_per_film_content(
    tmp_path: Path, cut_film: CutFilm, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _workspace(tmp_path, cut_film)
    ws = load_workspace(root)
    cache = Cache(tmp_path / "cache")
    told: list[str] = []
    first = film_shot_changes(ws, ws.ceremony.films[0], cache, notify=told.append)
    assert first.frames == cut_film.hard_cuts and not first.cached
    assert told == [
        "detecting the shot changes of film 'film' (350 frames): once per film, then cached"
    ]
    assert first.fps == 25

    def boom(*args: object, **kwargs: object) -> list[int]:
        raise AssertionError("detected twice")

    monkeypatch.setattr(shots_store, "detect_shot_changes", boom)
    again = film_shot_changes(ws, ws.ceremony.films[0], cache, notify=told.append)
    assert again.frames == first.frames and again.cached and len(told) == 1
    # the same content under another name in another workspace: still cached
    other = _workspace(tmp_path / "other", cut_film)
    ws2 = load_workspace(other)
    assert film_shot_changes(ws2, ws2.ceremony.films[0], cache).cached
    # `cache prune` keeps it
    key = shots_mod.shots_key(cache.file_hash(root / "films" / "cut.mp4"))
    assert key in shots_mod.used_keys(ws, cache)
    out = CliRunner().invoke(main, ["cache", "prune", str(root), "--cache", str(cache.root)])
    assert out.exit_code == 0, out.output
    assert cache.has(key, shots_store.EXT)


def test_a_damaged_cached_list_is_detected_again(tmp_path: Path, cut_film: CutFilm) -> None:
    root = _workspace(tmp_path, cut_film)
    ws = load_workspace(root)
    cache = Cache(tmp_path / "cache")
    film = ws.ceremony.films[0]
    film_shot_changes(ws, film, cache)
    obj = cache.path(shots_mod.shots_key(cache.file_hash(root / "films" / "cut.mp4")), ".shots")
    obj.chmod(0o644)
    obj.write_text('{"frames": [7]}', "utf-8")  # valid JSON, wrong bytes
    fresh = film_shot_changes(ws, film, Cache(tmp_path / "cache"))
    assert fresh.frames == cut_film.hard_cuts and not fresh.cached
    assert not list((tmp_path / "cache" / "scratch").iterdir())  # scratch folder removed


def test_timecodes_non_drop_and_drop_frame() -> None:
    assert timecode_frames("00:00:02:10", Fraction(25)) == 60
    assert timecode_frames("01:00:00:00", Fraction(24000, 1001)) == 86400
    # drop-frame at 29.97: 00:01:00;02 is the first number of minute 1 (frame 1800)
    assert timecode_frames("00:01:00;02", Fraction(30000, 1001)) == 1800
    assert timecode_frames("00:10:00;00", Fraction(30000, 1001)) == 17982
    assert timecode_frames("00:00:02:25", Fraction(25)) is None


EDL = """TITLE: CEREMONY FILM
FCM: NON-DROP FRAME

001  AX       V     C        00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00
* FROM CLIP NAME: a.mov
002  AX       V     C        00:00:10:00 00:00:12:00 01:00:02:00 01:00:04:00
003  AX       V     C        00:00:20:00 00:00:26:00 01:00:04:00 01:00:10:00
"""


def test_edl_record_ins_become_shot_changes(tmp_path: Path) -> None:
    edl = tmp_path / "cuts.edl"
    edl.write_text(EDL, "utf-8")
    assert read_shot_list(edl, Fraction(25), 350) == [50, 100]


def test_csv_frames_timecodes_and_times(tmp_path: Path) -> None:
    path = tmp_path / "cuts.csv"
    path.write_text(
        "shot change,note\n50,first\n00:00:04:00\n00:00:10.000\n00:00:12,000\n", "utf-8"
    )
    assert read_shot_list(path, Fraction(25), 350) == [50, 100, 250, 300]
    path.write_text("50\nsoon\n", "utf-8")
    with pytest.raises(ConfigError) as e:
        read_shot_list(path, Fraction(25), 350)
    assert e.value.line == 2 and "'soon' is not a frame number" in e.value.message
    path.write_text("50\n400\n", "utf-8")
    with pytest.raises(ConfigError) as e:
        read_shot_list(path, Fraction(25), 350)
    assert e.value.line == 2
    assert e.value.message == (
        "shot change at frame 400 is past the film's end (350 frames at 25 fps)"
    )


def test_a_films_own_list_replaces_detection(
    tmp_path: Path, cut_film: CutFilm, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _workspace(tmp_path, cut_film)
    (root / "films" / "cuts.edl").write_text(EDL, "utf-8")
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["films"][0]["shot_changes"] = "films/cuts.edl"
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")

    def boom(*args: object, **kwargs: object) -> list[int]:
        raise AssertionError("detection ran")

    monkeypatch.setattr(shots_store, "detect_shot_changes", boom)
    ws = load_workspace(root)
    got = film_shot_changes(ws, ws.ceremony.films[0], Cache(tmp_path / "cache"))
    assert got.frames == (50, 100) and got.source == "films/cuts.edl"


def test_shots_command_lists_them(tmp_path: Path, cut_film: CutFilm) -> None:
    root = _workspace(tmp_path, cut_film)
    result = CliRunner().invoke(main, ["shots", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "film: 4 shot changes at 25 fps (detected)",
        "        50  00:00:02:00  00:00:02,000",
        "       100  00:00:04:00  00:00:04,000",
        "       250  00:00:10:00  00:00:10,000",
        "       300  00:00:12:00  00:00:12,000",
    ]
    result = CliRunner().invoke(main, ["shots", str(root), "--json"])
    doc = json.loads(result.output)
    assert doc["films"][0]["source"] == "detected, cached"
    assert [s["frame"] for s in doc["films"][0]["shot_changes"]] == [50, 100, 250, 300]
    result = CliRunner().invoke(main, ["shots", str(root), "--film", "nope"])
    assert result.exit_code == 2 and "unknown film 'nope'" in result.output


def test_a_film_that_is_not_video_is_a_clear_error(tmp_path: Path, cut_film: CutFilm) -> None:
    root = _workspace(tmp_path, cut_film)
    shutil.copy(root / "ceremony.yaml", root / "films" / "cut.mp4")
    result = CliRunner().invoke(main, ["shots", str(root)])
    assert result.exit_code == 2 and "cut.mp4" in result.output
    assert "Traceback" not in result.output


def test_a_missing_or_broken_shot_list_is_a_clear_error(tmp_path: Path, cut_film: CutFilm) -> None:
    root = _workspace(tmp_path, cut_film)
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["films"][0]["shot_changes"] = "films/cuts.csv"
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    for command in ("shots", "check", "fix"):
        out = CliRunner().invoke(main, [command, str(root)])
        assert out.exit_code == 2 and "cuts.csv: shot list not found" in out.output, out.output
    (root / "films" / "cuts.csv").write_text("50\n00:00:04:30\n", "utf-8")
    out = CliRunner().invoke(main, ["shots", str(root)])
    assert out.exit_code == 2 and "cuts.csv:2: '00:00:04:30' is not a frame number" in out.output
    assert "Traceback" not in out.output
