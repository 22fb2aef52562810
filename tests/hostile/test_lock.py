"""Point 17: one build at a time per cache. A second build waits with a message
naming the first (pid, host, start time), or with --no-wait exits with code 5; a
lock left by a build that is gone is taken over. Real processes throughout."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import write_workspace

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello\n"
CLI = [sys.executable, "-m", "screening_kit"]
HOLD = (
    "import sys; from pathlib import Path; from screening_kit.lock import cache_lock\n"
    "with cache_lock(Path(sys.argv[1])) as me:\n"
    "    print(me.pid, me.started_at, flush=True); sys.stdin.read()\n"
)


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return write_workspace(tmp_path / "ws", make_video(seconds=2), cues={"en": SRT})


@pytest.fixture
def holder(ws: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    """Another process holding the workspace's cache lock until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(ws / ".screening-kit" / "cache")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    pid, started = proc.stdout.readline().split()
    yield proc, int(pid), started
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _build(ws: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "build", str(ws), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip


def test_no_wait_exits_5_naming_the_build_that_holds_the_cache(
    ws: Path, holder: tuple[subprocess.Popen[str], int, str]
) -> None:
    _, pid, started = holder
    proc = _build(ws, "--no-wait")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 5
    host = socket.gethostname()
    assert f"another build (pid {pid} on {host}, started at {started}) is using this cache" in (
        " ".join(err.split())
    )
    assert "Traceback" not in err
    assert not (ws / "dist" / "EN").exists()


def test_second_build_waits_then_builds(
    ws: Path, holder: tuple[subprocess.Popen[str], int, str]
) -> None:
    proc, pid, started = holder
    second = _build(ws)
    assert second.stderr is not None
    first_line = second.stderr.readline()  # the build prints nothing else before the lock
    assert f"pid {pid}" in first_line and started in first_line
    assert "waiting for it to finish" in first_line
    time.sleep(0.5)
    assert second.poll() is None  # still waiting
    assert not (ws / "dist" / "EN").exists()
    proc.stdin.close()  # type: ignore[union-attr]
    proc.wait(timeout=10)
    second.communicate(timeout=120)
    assert second.returncode == 0
    assert (ws / "dist" / "EN" / "01_film.en.mp4").is_file()


def test_two_builds_at_once_encode_everything_once(ws: Path) -> None:
    a, b = _build(ws), _build(ws)
    outs = [p.communicate(timeout=180) for p in (a, b)]
    assert a.returncode == b.returncode == 0
    encoded = sorted(
        int(m.group(1)) for _, err in outs for m in [re.search(r"encoded (\d+) pieces", err)] if m
    )
    assert len(encoded) == 2 and encoded[0] == 0 and encoded[1] > 0, outs


def test_lock_of_a_build_that_is_gone_is_taken_over(ws: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    cache = ws / ".screening-kit" / "cache"
    cache.mkdir(parents=True)
    record = {"pid": gone.pid, "host": socket.gethostname(), "started_at": "2026-11-24T09:00:00"}
    (cache / "lock").write_text(json.dumps(record), "utf-8")
    proc = _build(ws, "--no-wait")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (
        f"taking over the cache lock left by a build that is gone (pid {gone.pid} on "
        f"{socket.gethostname()}, started at 2026-11-24T09:00:00)" in " ".join(err.split())
    )
