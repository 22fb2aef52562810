"""The same builds on a Dask cluster (loopback only): identical keys and packages,
nothing encoded twice, a killed worker's task run elsewhere, failing tasks and
mismatched workers refused with clear messages, Ctrl-C stopping ffmpeg on workers."""

from __future__ import annotations

import _thread
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

distributed = pytest.importorskip("distributed")

from screening_kit.build import build, prepare  # noqa: E402
from screening_kit.cache import Cache  # noqa: E402
from screening_kit.errors import ClusterError, RenderError  # noqa: E402
from screening_kit.ffmpeg import ffmpeg_exe  # noqa: E402
from screening_kit.media import count_video_frames  # noqa: E402
from screening_kit.progress import RecordingReporter  # noqa: E402
from screening_kit.render.cluster import local_cluster  # noqa: E402
from screening_kit.verify import verify_package  # noqa: E402

from .conftest import TEST_PROFILE, write_workspace  # noqa: E402

SRT_EN = (
    "1\n00:00:00,500 --> 00:00:02,000\nHello there\n\n2\n00:00:03,000 --> 00:00:03,900\nBye\n\n"
)
SRT_FR = SRT_EN.replace("Hello there", "Bonjour").replace("Bye", "Au revoir")


def _workspace(
    root: Path,
    make_video: Callable[..., Path],
    seconds: float = 8,
    profile: dict[str, object] | None = None,
) -> Path:
    """One film, three countries in two languages (two share one), opening cards."""
    size = f"{profile['max_width']}x{profile['max_height']}" if profile else "320x180"
    film = make_video("film.mp4", seconds=seconds, size=size)
    return write_workspace(
        root,
        film,
        cues={"en": SRT_EN, "fr": SRT_FR},
        cards={"en": ["Title"], "fr": ["Titre"]},
        countries={"GB": "en", "IE": "en", "FR": "fr"},
        chunk_seconds=2,
        profile=profile,
    )


def _objects(cache: Path) -> set[str]:
    return {p.name for p in (cache / "objects").rglob("*") if not p.name.startswith(".")}


class CountingReporter(RecordingReporter):
    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.progress = 0

    def begin(self, total_work: int) -> None:
        self.total = total_work
        super().begin(total_work)

    def task_progress(self, label: str, delta: int) -> None:
        with self.lock:
            self.progress += delta


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """Two worker processes of one thread each, restarted by their nannies when killed."""
    with local_cluster(2) as c:
        yield c


def test_cluster_build_equals_local_build(tmp_path: Path, make_video, cluster) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(tmp_path / "ws", make_video)
    rep = CountingReporter()
    result = build(ws, reporter=rep, scheduler="local:2")
    assert sorted(p.country for p in result.packages) == ["FR", "GB", "IE"]
    for pkg in result.packages:
        report = verify_package(pkg.path)
        assert report.ok, report.faults
    # the bar is fed from the workers: every encoded frame arrives (events travel
    # through the scheduler, apart from the results: allow them a moment)
    deadline = time.monotonic() + 5
    while rep.progress < rep.total and time.monotonic() < deadline:
        time.sleep(0.1)
    assert rep.total > 0 and rep.progress == rep.total
    assert any(m.startswith("cluster: 2 workers") for m in rep.of("info"))

    local_cache = tmp_path / "local-cache"
    local = build(ws, reporter=RecordingReporter(), cache_dir=local_cache, out_dir=tmp_path / "d")
    assert sorted(local.execution.encoded) == sorted(result.execution.encoded)
    assert _objects(local_cache) == _objects(result.cache_dir)

    # nothing changed: nothing encoded, and no cluster needed for that
    again = RecordingReporter()
    second = build(ws, reporter=again, scheduler="local:2")
    assert second.execution.encoded == []
    assert again.of("encoded") == [] and again.of("started") == []
    assert not any(m.startswith("cluster:") for m in again.of("info"))

    # one French cue edited: its chunk, then the French join and mux, on the cluster
    srt = ws / "subtitles" / "film" / "fr.srt"
    srt.write_text(srt.read_text("utf-8").replace("Au revoir", "Adieu"), "utf-8")
    edit = RecordingReporter()
    build(ws, reporter=edit, scheduler=cluster.scheduler_address)
    assert (
        sorted(edit.of("started"))
        == sorted(edit.of("encoded"))
        == sorted(["film: frames 75-117 [fr]", "film [fr]: join 6 pieces", "film [fr] test"])
    )


def _pids(address: str) -> dict[str, int]:
    with distributed.Client(address) as client:
        pids: dict[str, int] = client.run(os.getpid)
        return pids


def _executing(dask_worker: object) -> list[str]:
    return [str(ts.key) for ts in dask_worker.state.executing]  # type: ignore[attr-defined]


def test_killed_worker_task_runs_elsewhere(tmp_path: Path, make_video, cluster) -> None:  # type: ignore[no-untyped-def]
    # chunks of about a second each (640x360, x264 medium, one thread)
    profile = {**TEST_PROFILE, "max_width": 640, "max_height": 360, "preset": "medium"}
    ws = _workspace(tmp_path / "ws", make_video, seconds=8, profile=profile)
    killed: list[int] = []
    stop = threading.Event()

    def kill_one_encoding_a_chunk() -> None:
        with distributed.Client(cluster.scheduler_address) as client:
            pids: dict[str, int] = client.run(os.getpid)
            while not stop.is_set() and not killed:
                for address, keys in client.run(_executing).items():
                    if address in pids and any(k.startswith("chunk-") for k in keys):
                        os.kill(pids[address], signal.SIGKILL)
                        killed.append(pids[address])
                        return
                time.sleep(0.05)

    watcher = threading.Thread(target=kill_one_encoding_a_chunk)
    watcher.start()
    rep = RecordingReporter()
    try:
        result = build(ws, reporter=rep, scheduler=cluster.scheduler_address)
    finally:
        stop.set()
        watcher.join()
    assert killed
    victim = killed[0]
    assert not psutil.pid_exists(victim) or psutil.Process(victim).status() == "zombie"
    for pkg in result.packages:
        assert verify_package(pkg.path).ok
    started = rep.of("started")
    # the task the dead worker was running started again on a live one
    assert len(started) > len(set(started)), started
    assert len(set(result.execution.encoded)) == len(result.execution.encoded)
    # no half object under a final name: every video piece has its recorded frames
    cache = Cache(result.cache_dir)
    for key in result.execution.encoded:
        task = result.plan.tasks[key]
        frames = cache.meta(key).get("frames")
        if frames is not None:
            assert count_video_frames(cache.path(key, task.ext)) == frames, task.label


def test_task_failing_on_every_try_fails_the_build(tmp_path: Path, make_video, cluster) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(tmp_path / "ws", make_video, seconds=4)
    prepared = prepare(ws)  # probes the good film; now damage it, keeping its size
    film = ws / "films" / "film.mp4"
    film.chmod(0o644)
    film.write_bytes(b"\0" * film.stat().st_size)
    from screening_kit.render.cluster import RETRIES, execute_on_cluster

    rep = RecordingReporter()
    with pytest.raises(RenderError) as err:
        execute_on_cluster(prepared.plan, prepared.cache, rep, cluster.scheduler_address)
    text = str(err.value)
    assert "command: " + ffmpeg_exe() in text
    assert "ffmpeg said:" in text and err.value.stderr_tail.strip()
    started = rep.of("started")
    # the step named in the error ("<task> failed", "<task> (measure) failed"...)
    failed = max((s for s in started if err.value.message.startswith(s)), key=len)
    assert started.count(failed) == RETRIES + 1


def _worker(
    address: str,
    tmp: Path,
    *,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] | list[str] = (),
    args: tuple[str, ...] | list[str] = (),
) -> subprocess.Popen[bytes]:
    """A `dask worker` process of one thread, as a render machine would start it."""
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "dask", "worker", address, "--nthreads", "1",
         "--no-nanny", "--no-dashboard", "--local-directory", str(tmp), *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _can_unshare() -> bool:
    probe = (
        subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
        if os.geteuid() == 0
        else None
    )
    return probe is not None and probe.returncode == 0


def test_mismatched_workers_are_refused_before_encoding(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    ws = _workspace(tmp_path / "ws", make_video, seconds=4)
    cache = ws / ".screening-kit" / "cache"
    cache.mkdir(parents=True)
    # another screening-kit: a preload that changes the version the worker reports
    other = tmp_path / "other_version.py"
    other.write_text("import screening_kit\nscreening_kit.__version__ = '0.0.9-other'\n")
    # another ffmpeg build: a wrapper that reports another version
    fake = tmp_path / "ffmpeg"
    fake.write_text(
        f'#!/bin/sh\n[ "$2" = "-version" ] && echo "ffmpeg version 5.1.4-other" && exit 0\n'
        f'exec {ffmpeg_exe()} "$@"\n'
    )
    fake.chmod(0o755)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with local_cluster(1) as c:
        address = c.scheduler_address
        procs = [
            _worker(address, tmp_path, args=["--preload", str(other)]),
            _worker(address, tmp_path, env={"FFMPEG_PATH": str(fake)}),
        ]
        expected = 3
        if _can_unshare():
            # a worker whose cache path is another folder (its own mount of that path)
            procs.append(
                _worker(
                    address,
                    tmp_path,
                    prefix=["unshare", "-m", "sh", "-c",
                            f'mount --bind "{elsewhere}" "{cache}" && exec "$0" "$@"'],
                )
            )  # fmt: skip
            expected += 1
        try:
            with distributed.Client(address) as client:
                client.wait_for_workers(expected, timeout=60)
            with pytest.raises(ClusterError) as err:
                build(ws, reporter=RecordingReporter(), scheduler=address)
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=30)
    text = str(err.value)
    assert err.value.exit_code == 4
    assert "nothing was encoded" in text
    assert "screening-kit 0.0.9-other (this build: " in text
    assert "ffmpeg 5.1.4-other (this build: " in text
    if expected == 4:
        assert f"cannot read the probe file {cache}/.probe-" in text
        assert "is not the same shared folder on this worker" in text
    assert text.count("worker tcp://127.0.0.1:") == expected - 1
    # nothing rendered (the subtitle check's shot detection may have cached its findings)
    assert {n for n in _objects(cache) if n.endswith((".mp4", ".mka", ".flac", ".png"))} == set()
    assert not list(cache.glob(".probe-*"))


def test_interrupt_stops_ffmpeg_on_the_workers(tmp_path: Path, make_video, cluster) -> None:  # type: ignore[no-untyped-def]
    # one long chunk per worker: 720p, x264 medium, 16 s each (a minute of work)
    film = make_video("film.mp4", seconds=16, size="1280x720")
    profile = {**TEST_PROFILE, "max_width": 1280, "max_height": 720, "preset": "medium"}
    ws = write_workspace(
        tmp_path / "ws", film, cues={"en": SRT_EN}, chunk_seconds=16, profile=profile
    )
    worker_pids = list(_pids(cluster.scheduler_address).values())

    def encoding() -> list[psutil.Process]:
        return [
            c
            for pid in worker_pids
            if psutil.pid_exists(pid)
            for c in psutil.Process(pid).children(recursive=True)
            if "ffmpeg" in c.name()
        ]

    running: list[psutil.Process] = []

    class Interrupter(RecordingReporter):
        def task_started(self, label: str) -> None:
            super().task_started(label)
            if "frames" in label and not running:
                deadline = time.monotonic() + 10
                while not running and time.monotonic() < deadline:
                    running.extend(encoding())
                    time.sleep(0.05)
                _thread.interrupt_main()  # what Ctrl-C does

    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        build(ws, reporter=Interrupter(), scheduler=cluster.scheduler_address)
    assert running, "no ffmpeg was running on a worker when the build was interrupted"
    _gone, alive = psutil.wait_procs(running, timeout=5)
    assert alive == [], "ffmpeg still encoding on a worker after Ctrl-C"
    # nor does any other start (a queued task, a retry) for longer than a moment
    deadline = time.monotonic() + 5
    while encoding() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert encoding() == []
    assert time.monotonic() - t0 < 20


@pytest.mark.parametrize("how", ["option", "env"])
def test_bad_scheduler_is_a_clear_error(tmp_path: Path, how: str) -> None:
    from click.testing import CliRunner

    from screening_kit.cli import main

    args = ["build", str(tmp_path)] + (["--scheduler", "tcp:/nowhere"] if how == "option" else [])
    env = {"SCREENING_KIT_SCHEDULER": "tcp:/nowhere"} if how == "env" else {}
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 2
    assert "error: unknown scheduler 'tcp:/nowhere'" in result.output
    assert "use tcp://HOST:8786 (a running `dask scheduler`) or local:N" in result.output


class _FakeClient:
    """What check_workers asks of a Dask client, answered for workers on two machines."""

    def __init__(self, answers: dict[str, object], hosts: dict[str, str]) -> None:
        self.answers = answers
        self.hosts = hosts

    def wait_for_workers(self, n: int, timeout: float) -> None:
        pass

    def run(self, fn: object, *args: object, on_error: str) -> dict[str, object]:
        return self.answers

    def scheduler_info(self, n_workers: int) -> dict[str, object]:
        return {"workers": {a: {"host": h} for a, h in self.hosts.items()}}


def _answer(cores: int, nthreads: int, **over: object) -> dict[str, object]:
    import screening_kit
    from screening_kit.ffmpeg import ffmpeg_version

    return {"version": screening_kit.__version__, "ffmpeg": ffmpeg_version(), "cores": cores,
            "nthreads": nthreads, "pid": 1, "problems": [], **over}  # fmt: skip


def test_threads_per_task_divide_each_machines_cores(tmp_path: Path) -> None:
    from screening_kit.ffmpeg import ffmpeg_version
    from screening_kit.render.cluster.check import check_workers

    # machine a: two workers of 2 task slots on 16 cores; machine b: 1 x 32 slots on 8
    client = _FakeClient(
        {"tcp://a:1": _answer(16, 2), "tcp://a:2": _answer(16, 2), "tcp://b:1": _answer(8, 32)},
        {"tcp://a:1": "a", "tcp://a:2": "a", "tcp://b:1": "b"},
    )
    rep = RecordingReporter()
    threads = check_workers(client, Cache(tmp_path / "cache"), [], ffmpeg_version(), rep)
    assert threads == {"a": 4, "b": 1}
    assert rep.of("warn") == [
        "machine b: 32 task slots on 8 cores: its encodes will compete for them "
        "(start its workers with --nthreads 8 in all)"
    ]
    assert rep.of("info") == [
        f"cluster: 3 workers on 2 machine(s), 24 cores, 36 tasks at a time; shared cache "
        f"{tmp_path / 'cache'} checked"
    ]
    assert not list((tmp_path / "cache").glob(".probe-*"))


def test_a_worker_without_screening_kit_is_named(tmp_path: Path) -> None:
    from screening_kit.ffmpeg import ffmpeg_version
    from screening_kit.render.cluster.check import check_workers

    client = _FakeClient(
        {"tcp://a:1": _answer(4, 4), "tcp://c:1": ModuleNotFoundError("No module named 'x'")},
        {"tcp://a:1": "a", "tcp://c:1": "c"},
    )
    with pytest.raises(ClusterError) as err:
        check_workers(client, Cache(tmp_path / "cache"), [], ffmpeg_version(), RecordingReporter())
    assert (
        "worker tcp://c:1: cannot run the check (ModuleNotFoundError: No module named 'x'); "
        "is screening-kit installed there?"
    ) in str(err.value)
    assert "tcp://a:1" not in str(err.value)
