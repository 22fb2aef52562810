"""Point 16: scratch folders live under the cache (never /tmp/sk-*), and the next
build removes the staging folders it recorded, scratch folders and temporaries of processes that are
gone (``kill -9``), leaving those of live processes alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from screening_kit import ffmpeg as ff
from screening_kit.build import build
from screening_kit.progress import RecordingReporter

from ..conftest import write_workspace

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello\n"


@pytest.fixture
def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    proc = subprocess.Popen(["sleep", "60"])
    yield proc.pid
    proc.kill()
    proc.wait()


def test_leftovers_of_dead_processes_are_removed(
    tmp_path: Path,
    make_video: Callable[..., Path],
    dead_pid: int,
    live_pid: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = write_workspace(tmp_path / "ws", make_video(seconds=2), cues={"en": SRT})
    dist, cache = ws / "dist", ws / ".screening-kit" / "cache"
    ran: list[tuple[list[str], Path | None]] = []
    real_run = ff.run

    def run(argv: list[str], **kw: Any) -> str:
        ran.append((list(argv), kw.get("cwd")))
        return real_run(argv, **kw)

    monkeypatch.setattr(ff, "run", run)
    build(ws, reporter=RecordingReporter())
    # side files (ASS scripts, concat lists) were written in scratch under the cache
    lists = [Path(a[a.index("concat") + 4]) for a, _ in ran if "concat" in a]
    folders = [cwd for _, cwd in ran if cwd is not None]
    assert lists and folders
    for p in lists + folders:
        assert p.is_relative_to(cache / "scratch"), p
    # what a build killed mid-way leaves behind
    dead = [
        dist / f".EN.staging-{dead_pid}",
        dist / f".EN.old-{dead_pid}",
        cache / "scratch" / f"{dead_pid}-k3j_x9",
    ]
    for folder in dead:
        shutil.copytree(dist / "EN", folder)
    for n, folder in enumerate(dead[:2]):
        # recorded as its build does (package.swap): only recorded folders are removed
        record = cache / "pending" / f"{dead_pid}-{n}.json"
        record.parent.mkdir(exist_ok=True)
        doc = {"path": str(folder), "final": str(dist / "EN"), "pid": dead_pid}
        record.write_text(json.dumps(doc), "utf-8")
    half = cache / "objects" / "ab" / f".tmp-ab{'0' * 38}-{dead_pid}-140011{'7' * 6}.mp4"
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_bytes(b"half an mp4")
    meta_tmp = cache / "objects" / "ab" / f".ab{'0' * 38}.json.{dead_pid}.1400.tmp"
    meta_tmp.write_text("{", "utf-8")
    # a live process's are not ours to remove
    alive = [dist / f".EN.staging-{live_pid}", cache / "scratch" / f"{live_pid}-q1w2e3"]
    for folder in alive:
        folder.mkdir(parents=True)
    mine = tmp_path / "tmp"
    mine.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(mine))

    rep = RecordingReporter()
    build(ws, reporter=rep)

    for p in [*dead, half, meta_tmp]:
        assert not p.exists(), p
    for p in alive:
        assert p.is_dir(), p
    infos = [text for kind, text in rep.events if kind == "info"]
    said = next(t for t in infos if t.startswith("removed 5 leftovers of interrupted builds: "))
    for p in [*dead, half, meta_tmp]:
        assert p.name in said
    # a build's own scratch goes under the cache and away again; nothing in /tmp
    assert list(mine.iterdir()) == []
    assert sorted(p.name for p in (cache / "scratch").iterdir()) == [alive[1].name]
    assert sorted(p.name for p in dist.iterdir()) == [
        ".EN.staging-" + str(live_pid),
        "EN",
        "index.html",
    ]
