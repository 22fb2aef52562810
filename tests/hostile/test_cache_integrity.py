"""Point 1: a damaged cache object is never shipped. Each object's sha256 is recorded
when it is written and compared before it is reused; a mismatch evicts the object,
says so and encodes it again. Packages hold copies, so damage to a cache object never
reaches a package already built."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from screening_kit.build import BuildResult, build
from screening_kit.cache import Cache
from screening_kit.progress import RecordingReporter
from screening_kit.verify import verify_package

from ..conftest import write_workspace
from ..mediacheck import video_props

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello\n"


@pytest.fixture
def film_ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return write_workspace(tmp_path / "ws", make_video(seconds=3), cues={"en": SRT})


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _objects_of(cache_root: Path, kind: str) -> list[tuple[str, Path]]:
    """(key, path) of every cached object of this task kind, in key order."""
    found = []
    for meta in sorted((cache_root / "objects").rglob("*.json")):
        doc = json.loads(meta.read_text("utf-8"))
        if doc.get("kind") == kind:
            found.append((doc["key"], meta.with_name(doc["key"] + doc["ext"])))
    return found


def _object_of(cache_root: Path, kind: str) -> tuple[str, Path]:
    """(key, path) of the first cached object of this task kind."""
    found = _objects_of(cache_root, kind)
    if not found:
        raise AssertionError(f"no {kind} object")
    return found[0]


def _flip_a_bit(path: Path) -> None:
    os.chmod(path, 0o644)  # objects are read-only; a disk or a stray tool does not care
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def _build(ws: Path) -> tuple[BuildResult, list[str]]:
    rep = RecordingReporter()
    result = build(ws, reporter=rep)
    return result, [t for k, t in rep.events if k == "warn" and t.startswith("cache object")]


def test_damaged_film_is_evicted_reencoded_and_never_reaches_a_package(
    film_ws: Path,
) -> None:
    first, _ = _build(film_ws)
    shipped = first.out_dir / "EN" / "01_film.en.mp4"
    good = _sha(shipped)
    key, obj = _object_of(first.cache_dir, "MuxTask")
    _flip_a_bit(obj)
    # the package already built is a copy: untouched
    assert _sha(shipped) == good
    assert verify_package(shipped.parent).ok
    assert json.loads(obj.with_suffix(".json").read_text("utf-8"))["sha256"] == good

    second, warnings = _build(film_ws)
    assert warnings == [
        f"cache object {obj.name} (film [en] test) differs from the sha256 recorded when "
        "it was written: removed, encoding it again"
    ]
    assert key in second.execution.encoded
    assert _sha(obj) == good  # made again from the intact chunks and soundtrack
    assert _sha(shipped) == good
    manifest = (shipped.parent / "MANIFEST.sha256").read_text("utf-8")
    assert f"{good}  01_film.en.mp4" in manifest.splitlines()
    assert verify_package(shipped.parent).ok


@pytest.mark.parametrize(
    "rate,damaged,label,remade",
    [
        # a chunk is read again when the film is joined again
        ("25", "ChunkTask", "film: frames", ["JoinTask", "MuxTask"]),
        # a conform intermediate (50 fps into 25, one per chunk) when its chunk is
        # encoded again; a write to it changes its mtime, what is checked for this kind
        ("50", "ConformTask", "film: conform frames", ["ChunkTask", "JoinTask", "MuxTask"]),
    ],
)
def test_damaged_input_is_checked_when_it_is_read_again(
    tmp_path: Path,
    make_video: Callable[..., Path],
    rate: str,
    damaged: str,
    label: str,
    remade: list[str],
) -> None:
    ws = write_workspace(tmp_path / "ws", make_video(seconds=3, rate=rate), cues={"en": SRT})
    first, _ = _build(ws)
    frames = video_props(first.out_dir / "EN" / "01_film.en.mp4").frames
    key, obj = _object_of(first.cache_dir, damaged)
    _flip_a_bit(obj)
    cache = Cache(first.cache_dir)
    for kind in remade:  # every object of the kind: the damaged one's reader among them
        for k, path in _objects_of(first.cache_dir, kind):
            cache.evict(k, path.suffix)

    second, warnings = _build(ws)
    assert len(warnings) == 1 and warnings[0].startswith(f"cache object {obj.name} ({label}")
    assert key in second.execution.encoded
    out = second.out_dir / "EN" / "01_film.en.mp4"
    assert video_props(out).frames == frames
    assert verify_package(out.parent).ok


def test_object_without_a_recorded_sha256_is_not_trusted(film_ws: Path) -> None:
    first, _ = _build(film_ws)
    key, obj = _object_of(first.cache_dir, "MuxTask")
    meta = obj.with_suffix(".json")
    doc = json.loads(meta.read_text("utf-8"))
    del doc["sha256"]
    meta.write_text(json.dumps(doc), "utf-8")
    second, warnings = _build(film_ws)
    assert warnings == [
        f"cache object {obj.name} (film [en] test) has no sha256: removed, encoding it again"
    ]
    assert key in second.execution.encoded


@pytest.mark.parametrize("damage", [b'{"key": "ab', b"\xff\xfe", b"[1, 2]", b""])
def test_damaged_metadata_counts_as_missing(film_ws: Path, damage: bytes) -> None:
    first, _ = _build(film_ws)
    key, obj = _object_of(first.cache_dir, "AudioTask")
    obj.with_suffix(".json").write_bytes(damage)
    second, _ = _build(film_ws)
    assert key in second.execution.encoded
    record = json.loads((second.out_dir / "EN" / "package.json").read_text("utf-8"))
    assert record["loudness"]["film"]["normalization_type"] == "dynamic"  # a constant tone
    assert verify_package(second.out_dir / "EN").ok


@pytest.mark.parametrize("damage", [b"[]", b"\xff", b'{"x": 1'])
def test_damaged_input_hash_memo_is_read_again(film_ws: Path, damage: bytes) -> None:
    first, _ = _build(film_ws)
    (first.cache_dir / "file-hashes.json").write_bytes(damage)
    second, _ = _build(film_ws)
    assert not [k for k in second.execution.encoded if second.plan.tasks[k].work]
    memo = json.loads((first.cache_dir / "file-hashes.json").read_text("utf-8"))
    assert isinstance(memo, dict) and memo
