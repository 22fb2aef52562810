"""What runs inside a Dask worker: the start check and one task.

Both are plain functions the client submits; they import nothing from the client's
session. A task goes through the same ``runtask.run_task`` as on the local pool.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any

from distributed import Event, get_worker
from distributed.comm.addressing import get_address_host

from ...cache import Cache
from ...ffmpeg import ffmpeg_version
from ...plan import Task
from ..runtask import run_task

PROGRESS_EVERY = 0.5  # seconds between progress events from one task
CANCEL_CHECK_EVERY = 1.0  # seconds between looks at the build's cancel flag


class Cancelled(Exception):
    """The client cancelled the build (Ctrl-C): stop this task's ffmpeg now."""


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def describe(
    probe: str, token: str, cache_root: str, inputs: list[tuple[str, int]], dask_worker: Any
) -> dict[str, Any]:
    """Run on every worker (``Client.run`` fills ``dask_worker``) before anything is
    encoded: what it is, and what it cannot do (read the client's probe file, write
    the cache, read an input)."""
    import screening_kit  # read at call time: the version this worker really runs

    problems: list[str] = []
    try:
        ffmpeg = ffmpeg_version()
    except OSError as e:
        ffmpeg = "missing"
        problems.append(f"cannot run ffmpeg ({e})")
    try:
        seen = Path(probe).read_text(encoding="utf-8")
    except OSError as e:
        problems.append(
            f"cannot read the probe file {probe} ({e.strerror or e}): the cache "
            f"{cache_root} is not the same shared folder on this worker"
        )
    else:
        if seen != token:
            problems.append(
                f"the probe file {probe} holds something else here: the cache "
                f"{cache_root} is another folder on this worker"
            )
    objects = Path(cache_root) / "objects"
    test = objects / f".write-test-{uuid.uuid4().hex}"
    try:
        objects.mkdir(parents=True, exist_ok=True)
        test.write_bytes(b"")
        test.unlink()
    except OSError as e:
        problems.append(f"cannot write into the cache {objects} ({e.strerror or e})")
    for path, size in inputs:
        try:
            got = os.stat(path).st_size
        except OSError as e:
            problems.append(f"cannot read input {path} ({e.strerror or e})")
            continue
        if got != size:
            problems.append(f"input {path} is {got} bytes here, {size} on the client")
    return {
        "version": screening_kit.__version__,
        "ffmpeg": ffmpeg,
        "cores": usable_cores(),
        "nthreads": dask_worker.state.nthreads,
        "pid": os.getpid(),
        "problems": problems,
    }


class _Events:
    """Progress and start events to the client (Dask's structured event log), batched;
    and the build's cancel flag, looked at now and then."""

    def __init__(self, topic: str, cancel: str, label: str) -> None:
        self.worker = get_worker()
        self.topic = topic
        self.cancel = cancel
        self.label = label
        self.pending = 0
        self.sent = time.monotonic()
        self.checked = 0.0  # look at the flag at the first progress line already

    def send(self, msg: dict[str, Any]) -> None:
        self.worker.log_event(self.topic, msg)

    def check(self) -> None:
        self.checked = time.monotonic()
        if Event(self.cancel).is_set():
            raise Cancelled(f"{self.label}: build cancelled")

    def progress(self, delta: int) -> None:
        self.pending += delta
        now = time.monotonic()
        if now - self.sent >= PROGRESS_EVERY:
            self.flush()
        if now - self.checked >= CANCEL_CHECK_EVERY:
            self.check()

    def flush(self) -> None:
        if self.pending:
            self.send({"event": "progress", "label": self.label, "frames": self.pending})
            self.pending = 0
        self.sent = time.monotonic()


def run_on_worker(
    task: Task,
    inputs: list[Path],
    cache_root: str,
    ffmpeg: str,
    threads_for: dict[str, int],  # host -> x264 threads per task
    topic: str,
    cancel: str,
    *_deps: object,  # the dependencies' results: only there so Dask runs them first
) -> dict[str, Any]:
    """One task into the shared cache; returns its metadata and how long it took."""
    worker = get_worker()
    if ffmpeg_version() != ffmpeg:
        # a worker that joined after the start check; its output would not match the key
        raise RuntimeError(
            f"worker {worker.address} runs ffmpeg {ffmpeg_version()}, the build {ffmpeg}"
        )
    cache = Cache(Path(cache_root))
    if cache.has(task.key, task.ext):
        # an earlier try finished it before its worker was lost
        return {"meta": cache.meta(task.key), "seconds": 0.0, "worker": worker.address}
    # per machine, so a worker restarted after a crash (a new address) gets the same
    threads = threads_for.get(get_address_host(worker.address)) or max(
        1, usable_cores() // worker.state.nthreads
    )
    events = _Events(topic, cancel, task.label)
    events.check()  # a task that starts after Ctrl-C stops before its ffmpeg does
    events.send({"event": "started", "label": task.label, "worker": worker.address})
    t0 = time.monotonic()
    meta = run_task(task, inputs, cache, threads, events.progress)
    events.flush()
    return {"meta": meta, "seconds": time.monotonic() - t0, "worker": worker.address}
