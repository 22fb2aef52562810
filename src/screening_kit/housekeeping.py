"""Cache statistics and pruning: which objects the current workspace still uses."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache

# an interrupted build leaves temporaries; one this old is certainly not being written
STALE_TMP_SECONDS = 6 * 3600


@dataclass
class CacheStats:
    objects: int = 0
    bytes: int = 0
    used_objects: int = 0
    used_bytes: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    bytes_by_kind: Counter[str] = field(default_factory=Counter)
    temporaries: int = 0


@dataclass
class PruneResult:
    removed: list[Path] = field(default_factory=list)
    freed_bytes: int = 0
    kept: int = 0


def _key_of(path: Path) -> str | None:
    name = path.name
    if name.startswith("."):
        return None
    return name.split(".", 1)[0]


def _objects(cache: Cache) -> list[Path]:
    if not cache.objects.is_dir():
        return []
    return [p for p in cache.objects.rglob("*") if p.is_file()]


def _kind(cache: Cache, key: str) -> str:
    try:
        return str(cache.meta(key).get("kind", "unknown"))
    except (OSError, ValueError):
        return "unknown"


def cache_stats(cache: Cache, used_keys: set[str]) -> CacheStats:
    stats = CacheStats()
    for p in _objects(cache):
        key = _key_of(p)
        size = p.stat().st_size
        if key is None:
            stats.temporaries += 1
            continue
        stats.bytes += size
        if p.suffix == ".json" or p.name.endswith(".thumb.jpg"):
            continue
        stats.objects += 1
        kind = _kind(cache, key).removesuffix("Task").lower()
        stats.by_kind[kind] += 1
        stats.bytes_by_kind[kind] += size
        if key in used_keys:
            stats.used_objects += 1
            stats.used_bytes += size
    return stats


def prune(cache: Cache, keep: set[str], *, dry_run: bool = False) -> PruneResult:
    """Remove every object (with its metadata and thumbnail) whose key is not in ``keep``,
    and temporaries left by interrupted builds."""
    result = PruneResult()
    now = time.time()
    for p in _objects(cache):
        key = _key_of(p)
        if key is None:
            if now - p.stat().st_mtime < STALE_TMP_SECONDS:
                continue  # may belong to a build running right now
        elif key in keep:
            if p.suffix != ".json" and not p.name.endswith(".thumb.jpg"):
                result.kept += 1
            continue
        result.removed.append(p)
        result.freed_bytes += p.stat().st_size
        if not dry_run:
            p.unlink(missing_ok=True)
    return result
