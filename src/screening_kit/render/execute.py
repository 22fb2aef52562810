"""Run a plan: every task whose object is missing from the cache, dependencies first,
independent tasks in parallel, each output written atomically into the cache.

The local pool lives here; ``render.cluster`` runs the same tasks on Dask workers.
Both hand each task to ``runtask.run_task`` and share the bookkeeping below."""

from __future__ import annotations

import functools
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import Cache
from ..plan import ConformTask, Plan, Task
from ..progress import Reporter
from .memory import MemoryGate
from .runtask import run_task


@dataclass
class ExecutionResult:
    encoded: list[str] = field(default_factory=list)  # task keys
    reused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def inputs_of(task: Task, tasks: dict[str, Task], cache: Cache) -> list[Path]:
    """The objects ``task`` reads: its dependencies' paths in the cache, in order."""
    return [cache.path(d, tasks[d].ext) for d in task.deps]


def to_encode(plan: Plan, cache: Cache) -> set[str]:
    """Keys to encode: objects missing from the cache, and objects that are used
    (a package item, or an input of something encoded) but damaged.

    Only what is used is checked (its sha256 read back): a chunk whose joined film
    is intact is never read, so an unchanged rebuild reads each delivered file once.
    A conform intermediate (lossless, tens of GB for a feature) is checked by size and
    mtime only: a one-cue rebuild reads one chunk's range of it, not all of it."""
    tasks = plan.tasks
    missing = {k for k, t in tasks.items() if not cache.has(k, t.ext)}
    used = [item.key for c in plan.countries for item in c.items]
    used += [d for k in missing for d in tasks[k].deps]
    checked: set[str] = set()
    while used:
        key = used.pop()
        if key in checked:
            continue
        checked.add(key)
        task = tasks[key]
        if key in missing or not cache.intact(key, task.ext, quick=isinstance(task, ConformTask)):
            missing.add(key)
            used += task.deps  # its inputs are read again: check them too
    return missing


def start(plan: Plan, cache: Cache, reporter: Reporter, result: ExecutionResult) -> list[Task]:
    """Note what the cache holds intact (damaged objects are evicted, with a warning);
    begin the progress bar; return what to run, in plan order (dependencies first)."""
    missing = to_encode(plan, cache)
    for msg in cache.evicted:
        result.warnings.append(msg)
        reporter.warn(msg)
    cache.evicted.clear()
    todo = []
    for t in plan.tasks.values():
        if t.key in missing:
            todo.append(t)
        else:
            result.reused.append(t.key)
            if t.work:
                reporter.reused(t.label)
    reporter.begin(sum(t.work for t in todo))
    return todo


def finished(
    task: Task, meta: dict[str, Any], seconds: float, reporter: Reporter, result: ExecutionResult
) -> None:
    result.encoded.append(task.key)
    reporter.task_done(task.label, seconds, task.work)
    ln = meta.get("loudnorm")
    if isinstance(ln, dict) and ln.get("normalization_type") == "dynamic":
        msg = (
            f"{task.label}: loudnorm fell back to dynamic mode: linear gain "
            "could not meet -23 LUFS / -1 dBTP (or the audio has no "
            "loudness range); the result is normalised but compressed"
        )
        result.warnings.append(msg)
        reporter.warn(msg)


def execute(
    plan: Plan, cache: Cache, reporter: Reporter, jobs: int | None = None
) -> ExecutionResult:
    jobs = max(1, jobs or default_jobs())
    cores = os.cpu_count() or 1
    result = ExecutionResult()
    tasks = plan.tasks
    try:
        todo = start(plan, cache, reporter, result)
        pending = [t.key for t in todo]  # plan order: dependencies come first
        done: set[str] = set(tasks) - set(pending)
        running: dict[Future[dict[str, Any]], tuple[Task, float]] = {}
        gate = MemoryGate()  # the build's memory bound holds at any --jobs
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            while pending or running:
                ready = [tasks[k] for k in pending if all(d in done for d in tasks[k].deps)]
                # longest first: short cards and audio fill the gaps at the end instead of
                # leaving one long chunk running alone on one core
                starting = gate.admit(sorted(ready, key=lambda t: -t.work), jobs - len(running))
                # divide the cores between the encodes running together: never
                # oversubscribed, and a lone chunk (a one-cue rebuild) gets every core
                threads = max(1, cores // max(1, len(running) + len(starting)))
                for t in starting:
                    pending.remove(t.key)
                    reporter.task_started(t.label)
                    future = pool.submit(
                        run_task,
                        t,
                        inputs_of(t, tasks, cache),
                        cache,
                        threads,
                        functools.partial(reporter.task_progress, t.label),
                    )
                    running[future] = (t, time.monotonic())
                if not running:
                    # only a planner bug can leave tasks whose inputs nothing produces
                    raise RuntimeError(f"tasks with unmet dependencies: {pending}")
                completed, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in completed:
                    t, t0 = running.pop(fut)
                    gate.release(t)
                    meta = fut.result()  # re-raises the task's error
                    done.add(t.key)
                    finished(t, meta, time.monotonic() - t0, reporter, result)
    finally:
        reporter.end()
    return result
