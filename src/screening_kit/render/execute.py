"""Run a plan: every task whose object is missing from the cache, dependencies first,
independent tasks in parallel, each output written atomically into the cache."""

from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import ffmpeg as ff
from ..cache import Cache
from ..errors import RenderError
from ..media import count_video_frames
from ..photos import prepare_photo
from ..plan import (
    AudioTask,
    CardTask,
    ChunkTask,
    ConformTask,
    JoinTask,
    LoopTask,
    MuxTask,
    PhotoTask,
    Plan,
    SlideshowTask,
    SoundtrackTask,
    Task,
)
from ..progress import Reporter
from . import audio as acmd
from . import commands as cmd


@dataclass
class ExecutionResult:
    encoded: list[str] = field(default_factory=list)  # task keys
    reused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


class _Runner:
    def __init__(self, cache: Cache, reporter: Reporter) -> None:
        self.cache = cache
        self.reporter = reporter

    def path_of(self, task: Task) -> Path:
        return self.cache.path(task.key, task.ext)

    def run(self, task: Task, tasks: dict[str, Task], threads: int) -> dict[str, Any]:
        inputs = [self.path_of(tasks[d]) for d in task.deps]
        with self.cache.writing(task.key, task.ext) as tmp, self.cache.scratch() as work:
            meta = self._produce(task, inputs, tmp, work, threads)
            meta.setdefault("label", task.label)
            meta.setdefault("kind", type(task).__name__)
            self.cache.commit(tmp, task.key, task.ext, meta)
        return meta

    def _ff(self, argv: list[str], task: Task, cwd: Path | None = None) -> str:
        last = 0

        def progress(frame: int) -> None:
            nonlocal last
            if frame > last:
                self.reporter.task_progress(task.label, min(frame, task.work) - last)
                last = min(frame, task.work)

        # ASS scripts are referenced by bare name: ffmpeg runs where they were written
        return ff.run(argv, what=task.label, progress=progress, cwd=cwd)

    def _check_frames(self, path: Path, expected: int, task: Task) -> None:
        got = count_video_frames(path)
        if got != expected:
            raise RenderError(
                f"{task.label}: produced {got} frames, expected {expected}",
                command="(frame count check)",
                stderr_tail="",
            )

    def _produce(
        self, task: Task, inputs: list[Path], tmp: Path, work: Path, threads: int
    ) -> dict[str, Any]:
        if isinstance(task, ChunkTask):
            source = task.source if task.source is not None else inputs[0]
            if task.ass is not None:
                (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            self._ff(cmd.chunk_command(task, source, tmp, threads), task, work)
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames}
        if isinstance(task, CardTask):
            (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            background = inputs[0] if inputs else None
            self._ff(cmd.card_command(task, background, tmp, threads), task, work)
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames}
        if isinstance(task, PhotoTask):
            prepare_photo(task.source, task.canvas, tmp)
            return {}
        if isinstance(task, LoopTask):
            listing = work / "cycles.txt"
            listing.write_text(cmd.concat_list(inputs * task.repeats, work), encoding="utf-8")
            ff.run(
                cmd.concat_copy_command(
                    listing, tmp, task.container, audio="0:a:0", faststart=True
                ),
                what=task.label,
            )
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames, "repeats": task.repeats}
        if isinstance(task, ConformTask):
            self._ff(cmd.conform_command(task, tmp, threads), task)
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames}
        if isinstance(task, SlideshowTask):
            if task.ass is not None:
                (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            argv = cmd.slideshow_command(task, inputs, tmp, threads)
            self._ff(argv, task, work)
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames}
        if isinstance(task, AudioTask):
            return self._audio(task, tmp)
        if isinstance(task, JoinTask):
            listing = work / "pieces.txt"
            listing.write_text(cmd.concat_list(inputs, work), encoding="utf-8")
            container = "mov" if tmp.suffix == ".mov" else "mp4"
            ff.run(
                cmd.concat_copy_command(listing, tmp, container, audio=None, faststart=False),
                what=task.label,
            )
            self._check_frames(tmp, task.frames, task)
            return {"frames": task.frames}
        if isinstance(task, SoundtrackTask):
            ff.run(acmd.soundtrack_command(task, inputs[0], tmp), what=task.label)
            # what the package delivers, measured (AAC and the cards' silence included),
            # so package.json records the outcome rather than the target
            said = ff.run(acmd.delivered_loudness_command(tmp), what=f"{task.label} (measure)")
            return {"delivered": acmd.parse_ebur128(said)}
        if isinstance(task, MuxTask):
            ff.run(
                cmd.mux_command(inputs[0], inputs[1], tmp, task.profile.container),
                what=task.label,
            )
            return {"duration": float(task.duration)}
        raise TypeError(f"no runner for {type(task).__name__}")

    def _audio(self, task: AudioTask, tmp: Path) -> dict[str, Any]:
        if not task.has_audio:
            ff.run(acmd.silence_command(task, tmp), what=task.label)
            return {"loudnorm": None}
        measured = acmd.parse_loudnorm_json(
            ff.run(acmd.loudness_measure_command(task), what=f"{task.label} (measure)")
        )
        if measured.get("input_i") in ("-inf", "inf"):
            # digital silence: nothing to normalise
            ff.run(acmd.silence_command(task, tmp), what=task.label)
            return {"loudnorm": {"measured": measured, "normalization_type": "silent"}}
        second = acmd.parse_loudnorm_json(
            ff.run(acmd.loudness_apply_command(task, measured, tmp), what=f"{task.label} (apply)")
        )
        return {
            "loudnorm": {
                "measured": measured,
                "output": second,
                "normalization_type": second.get("normalization_type", "unknown"),
            }
        }


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


def execute(
    plan: Plan, cache: Cache, reporter: Reporter, jobs: int | None = None
) -> ExecutionResult:
    jobs = max(1, jobs or default_jobs())
    cores = os.cpu_count() or 1
    runner = _Runner(cache, reporter)
    result = ExecutionResult()
    tasks = plan.tasks
    missing = to_encode(plan, cache)
    for msg in cache.evicted:
        result.warnings.append(msg)
        reporter.warn(msg)
    cache.evicted.clear()
    todo = [t for t in tasks.values() if t.key in missing]
    for t in tasks.values():
        if t.key not in missing:
            result.reused.append(t.key)
            if t.work:
                reporter.reused(t.label)
    reporter.begin(sum(t.work for t in todo))
    pending = [t.key for t in todo]  # plan order: dependencies come first
    done: set[str] = set(tasks) - set(pending)
    running: dict[Future[dict[str, Any]], tuple[Task, float]] = {}
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            while pending or running:
                ready = [tasks[k] for k in pending if all(d in done for d in tasks[k].deps)]
                # longest first: short cards and audio fill the gaps at the end instead of
                # leaving one long chunk running alone on one core
                starting = sorted(ready, key=lambda t: -t.work)[: jobs - len(running)]
                # divide the cores between the encodes running together: never
                # oversubscribed, and a lone chunk (a one-cue rebuild) gets every core
                threads = max(1, cores // max(1, len(running) + len(starting)))
                for t in starting:
                    pending.remove(t.key)
                    reporter.task_started(t.label)
                    future = pool.submit(runner.run, t, tasks, threads)
                    running[future] = (t, time.monotonic())
                if not running:
                    # only a planner bug can leave tasks whose inputs nothing produces
                    raise RuntimeError(f"tasks with unmet dependencies: {pending}")
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    t, t0 = running.pop(fut)
                    meta = fut.result()  # re-raises the task's error
                    done.add(t.key)
                    result.encoded.append(t.key)
                    reporter.task_done(t.label, time.monotonic() - t0, t.work)
                    ln = meta.get("loudnorm")
                    if isinstance(ln, dict) and ln.get("normalization_type") == "dynamic":
                        msg = (
                            f"{t.label}: loudnorm fell back to dynamic mode: linear gain "
                            "could not meet -23 LUFS / -1 dBTP (or the audio has no "
                            "loudness range); the result is normalised but compressed"
                        )
                        result.warnings.append(msg)
                        reporter.warn(msg)
    finally:
        reporter.end()
    return result
