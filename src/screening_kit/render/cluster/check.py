"""The start check: before anything is encoded, every worker reads back a probe file
written into the cache, writes into the cache, sees every input at its path and
runs the same screening-kit and ffmpeg (ffmpeg's version is part of every key)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from ...cache import Cache
from ...errors import ClusterError
from ...fsio import atomic_write_text
from ...progress import Reporter

WORKERS_TIMEOUT = 60.0  # seconds to wait for a first worker to connect


def check_workers(
    client: Any, cache: Cache, inputs: list[Path], ffmpeg: str, reporter: Reporter
) -> dict[str, int]:
    """Raise ClusterError naming each worker that cannot take part and why; return
    x264 threads per task for each machine (host): its cores divided between every
    task slot of the workers on it (LocalCluster workers share one machine)."""
    import screening_kit

    from .worker import describe

    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ClusterError(
            f"no Dask worker connected to the scheduler within {WORKERS_TIMEOUT:.0f} s",
            hint="start workers with `dask worker tcp://HOST:8786` on each render machine",
        ) from None
    cache.root.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    probe = cache.root / f".probe-{token}"
    atomic_write_text(probe, token)
    try:
        sizes = [(str(p), p.stat().st_size) for p in inputs]
        answers: dict[str, Any] = client.run(
            describe, str(probe), token, str(cache.root), sizes, on_error="return"
        )
    finally:
        probe.unlink(missing_ok=True)
    workers = client.scheduler_info(n_workers=-1)["workers"]
    here = {"screening-kit": screening_kit.__version__, "ffmpeg": ffmpeg}
    refused: list[str] = []
    for address, answer in sorted(answers.items()):
        if isinstance(answer, BaseException):
            refused.append(
                f"worker {address}: cannot run the check ({type(answer).__name__}: {answer}); "
                "is screening-kit installed there?"
            )
            continue
        theirs = {"screening-kit": answer["version"], "ffmpeg": answer["ffmpeg"]}
        problems = [
            f"{name} {theirs[name]} (this build: {mine})"
            for name, mine in here.items()
            if theirs[name] != mine
        ] + answer["problems"]
        if problems:
            refused.append(f"worker {address}: " + "; ".join(problems))
    if refused:
        raise ClusterError(
            "workers cannot take part in this build; nothing was encoded:\n  "
            + "\n  ".join(refused),
            hint="every worker needs the same screening-kit and ffmpeg, and the workspace "
            "and the cache on shared storage mounted at the same path (README: Many machines)",
        )
    # the cores of one machine are shared by every task slot of every worker on it
    slots: dict[str, int] = defaultdict(int)
    cores: dict[str, int] = {}
    for address, answer in answers.items():
        host = workers.get(address, {}).get("host", address)
        slots[host] += answer["nthreads"]
        cores[host] = answer["cores"]
    threads = {host: max(1, cores[host] // max(1, slots[host])) for host in cores}
    for host in sorted(cores):
        if slots[host] > cores[host]:
            reporter.warn(
                f"machine {host}: {slots[host]} task slots on {cores[host]} cores: its "
                f"encodes will compete for them (start its workers with --nthreads "
                f"{cores[host]} in all)"
            )
    reporter.info(
        f"cluster: {len(answers)} workers on {len(cores)} machine(s), {sum(cores.values())} "
        f"cores, {sum(slots.values())} tasks at a time; shared cache {cache.root} checked"
    )
    return threads
