"""Run a plan on a Dask cluster: the same tasks, the same cache, many machines.

``--scheduler tcp://HOST:8786`` uses running ``dask scheduler`` / ``dask worker``
processes; ``--scheduler local:N`` starts a LocalCluster of N worker processes here.
The workspace inputs and the cache must be one shared folder every worker sees at
the same path: the build checks that (and the versions) before encoding anything.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ...cache import Cache
from ...errors import ClusterError, ConfigError, ScreeningKitError
from ...ffmpeg import ffmpeg_version
from ...plan import Plan, Task
from ...progress import Reporter
from ..execute import ExecutionResult, execute, finished, inputs_of, start
from .check import check_workers

# a task whose worker died, or that raised, runs again up to this many times
RETRIES = 2
LOCAL_RE = re.compile(r"local:(\d{1,3})")


def parse_scheduler(spec: str) -> int | str:
    """``local:N`` -> N (worker processes here); ``tcp://HOST:PORT`` -> the address."""
    spec = spec.strip()
    m = LOCAL_RE.fullmatch(spec)
    if m:
        n = int(m.group(1))
        if not 1 <= n <= 256:
            raise ConfigError(f"--scheduler {spec}: N must be between 1 and 256")
        return n
    if re.fullmatch(r"(tcp|tls)://[^\s/]+:\d+", spec):
        return spec
    raise ConfigError(
        f"unknown scheduler {spec!r}",
        hint="use tcp://HOST:8786 (a running `dask scheduler`) or local:N "
        "(N worker processes on this machine)",
    )


def local_cluster(workers: int) -> Any:
    """``local:N``: N worker processes of one task slot each, on loopback only."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        # the scheduler serves HTTP even without a dashboard: on a free port, not on
        # 8787, where a real `dask scheduler` of this machine may listen
        dashboard_address="127.0.0.1:0",
        scheduler_kwargs={"dashboard": False},
        silence_logs=logging.CRITICAL,
    )


@contextmanager
def _client(spec: str) -> Iterator[Any]:
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError(
            f"--scheduler {spec} needs Dask distributed",
            hint="pip install 'screening-kit[distributed]'",
        ) from None
    target = parse_scheduler(spec)
    if isinstance(target, int):
        cluster = local_cluster(target)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(target, timeout="20s")
    except (OSError, TimeoutError) as e:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {target} ({e})",
            hint="start it with `dask scheduler`; check the address and the firewall",
        ) from None
    with client:
        yield client


def _plan_inputs(plan: Plan) -> list[Path]:
    """Files outside the cache that tasks read: every worker must see them too."""
    out: dict[Path, None] = {}
    for t in plan.tasks.values():
        source = getattr(t, "source", None)
        if isinstance(source, Path):
            out[source] = None
        fonts = getattr(t, "fonts_dir", None)
        if isinstance(fonts, Path) and fonts.is_dir():
            out.update((p, None) for p in sorted(fonts.iterdir()) if p.is_file())
    return list(out)


def _failure(task: Task, error: BaseException) -> BaseException:
    """The task's own error (a RenderError with its command...) as it is; anything
    from the cluster itself (all tries' workers died) as a ClusterError naming it."""
    if isinstance(error, ScreeningKitError):
        return error
    return ClusterError(
        f"{task.label}: failed on the cluster ({type(error).__name__}: {error})",
        hint=f"each task is tried {RETRIES + 1} times; see the workers' logs",
    )


def execute_on_cluster(
    plan: Plan,
    cache: Cache,
    reporter: Reporter,
    scheduler: str,
    *,
    threads_per_task: int | None = None,
) -> ExecutionResult:
    """Run ``plan``'s missing tasks on the cluster ``scheduler`` names; same result
    as ``execute.execute``. Ctrl-C (or any error) cancels the cluster's tasks.

    ``threads_per_task``: x264 threads of every encode; default: each machine's
    cores divided between the task slots of its workers."""
    if all(cache.has(t.key, t.ext) for t in plan.tasks.values()):
        # nothing to encode: no need for the cluster (nor for it to be up)
        return execute(plan, cache, reporter)
    with _client(scheduler) as client:
        version = ffmpeg_version()
        threads_for = check_workers(client, cache, _plan_inputs(plan), version, reporter)
        if threads_per_task is not None:
            threads_for = dict.fromkeys(threads_for, threads_per_task)
        return _run(client, plan, cache, reporter, version, threads_for)


def _run(
    client: Any,
    plan: Plan,
    cache: Cache,
    reporter: Reporter,
    version: str,
    threads_for: dict[str, int],
) -> ExecutionResult:
    from distributed import Event, as_completed

    from .worker import run_on_worker

    result = ExecutionResult()
    build_id = uuid.uuid4().hex
    topic, cancel = f"screening-kit-{build_id}", f"screening-kit-cancel-{build_id}"
    tasks = plan.tasks

    def on_event(event: tuple[float, dict[str, Any]]) -> None:
        msg = event[1]
        if msg.get("event") == "progress":
            reporter.task_progress(msg["label"], int(msg["frames"]))
        elif msg.get("event") == "started":
            reporter.task_started(msg["label"])

    futures: dict[str, Any] = {}
    client.subscribe_topic(topic, on_event)
    flag = Event(cancel, client=client)
    try:
        todo = start(plan, cache, reporter, result)
        for t in todo:  # plan order: a task's dependencies are submitted before it
            futures[t.key] = client.submit(
                run_on_worker,
                t,
                inputs_of(t, tasks, cache),
                str(cache.root),
                version,
                threads_for,
                topic,
                cancel,
                *(futures[d] for d in t.deps if d in futures),
                key=f"{type(t).__name__.removesuffix('Task').lower()}-{t.key}",
                # longest first, as on the local pool: short pieces fill the tail
                priority=t.work,
                retries=RETRIES,
                pure=False,
            )
        task_of = {f.key: tasks[k] for k, f in futures.items()}
        for fut in as_completed(list(futures.values())):
            if fut.status != "finished":
                raise _failure(task_of[fut.key], fut.exception())
            out = fut.result()
            finished(task_of[fut.key], out["meta"], out["seconds"], reporter, result)
    except BaseException:
        # Ctrl-C or a failed task: queued tasks never start (cancelled first, so a
        # stopped task is not retried), then running ffmpegs stop (the flag)
        with suppress(Exception):
            client.cancel(list(futures.values()), force=True)
        with suppress(Exception):
            flag.set()
        raise
    finally:
        with suppress(Exception):
            client.unsubscribe_topic(topic)
        reporter.end()
    return result
