"""How long a build will take, from the speeds earlier builds measured on this machine.

Each build adds what it encoded (per kind of task: frames, or tasks for those that
encode no frames, and the seconds they took) to ``speeds.json`` in the cache; the
running totals give a rate per kind. ``build --dry-run`` divides the work still to
do by those rates. The figure is rough: the rates include the sharing of cores
between encodes running together, which the same ``--jobs`` reproduces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .cache import Cache
from .fsio import atomic_write_text
from .plan import Plan, Task

SPEEDS = "speeds.json"


def _kind(task: Task) -> str:
    return type(task).__name__


def load_speeds(cache: Cache) -> dict[str, dict[str, float]]:
    path = cache.root / SPEEDS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        str(k): {"work": float(v["work"]), "tasks": float(v["tasks"]), "wall": float(v["wall"])}
        for k, v in data.items()
        if isinstance(v, dict) and {"work", "tasks", "wall"} <= set(v)
    }


def record_speeds(cache: Cache, plan: Plan, encoded: list[str], wall: float) -> None:
    """Add this build's encodes to the totals: ``wall`` seconds of the whole run are
    shared out over the tasks by their measured share of the work."""
    timed = [(plan.tasks[k], cache.meta(k).get("seconds")) for k in encoded if k in plan.tasks]
    timed_ok = [(t, float(s)) for t, s in timed if isinstance(s, int | float) and s > 0]
    busy = sum(s for _, s in timed_ok)
    if not timed_ok or busy <= 0 or wall <= 0:
        return
    speeds = load_speeds(cache)
    for task, seconds in timed_ok:
        entry = speeds.setdefault(_kind(task), {"work": 0.0, "tasks": 0.0, "wall": 0.0})
        entry["work"] += task.work
        entry["tasks"] += 1
        # the run's wall time in proportion to the task's own time: parallel encodes
        # count once, as the user waits for them
        entry["wall"] += wall * seconds / busy
    cache.root.mkdir(parents=True, exist_ok=True)
    atomic_write_text(cache.root / SPEEDS, json.dumps(speeds, indent=1, sort_keys=True))


@dataclass
class DryRun:
    """What a build would do: tasks to encode and to reuse, and a time estimate."""

    to_encode: list[Task] = field(default_factory=list)
    reused: list[Task] = field(default_factory=list)
    seconds: float | None = None  # None: no earlier build measured anything
    unknown_kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "encode": [t.label for t in self.to_encode],
            "reuse": [t.label for t in self.reused],
            "estimated_seconds": self.seconds,
        }


def dry_run(plan: Plan, cache: Cache) -> DryRun:
    out = DryRun()
    for task in plan.tasks.values():
        (out.reused if cache.has(task.key, task.ext) else out.to_encode).append(task)
    speeds = load_speeds(cache)
    total = 0.0
    for task in out.to_encode:
        s = speeds.get(_kind(task))
        if s is None or s["tasks"] <= 0:
            if _kind(task) not in out.unknown_kinds:
                out.unknown_kinds.append(_kind(task))
            continue
        if task.work and s["work"] > 0:
            total += task.work * s["wall"] / s["work"]
        else:
            total += s["wall"] / s["tasks"]
    out.seconds = total if speeds else None
    return out
