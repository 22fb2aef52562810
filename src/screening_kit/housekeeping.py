"""Cache statistics and pruning (which objects the current workspace still uses),
and removing what interrupted builds left behind."""

from __future__ import annotations

import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import KEY_LENGTH, Cache
from .lock import cache_lock, pid_alive
from .package import swap

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


def _used(key: str, keys: set[str]) -> bool:
    """A task's key, or a part of a task's (play-all and split parts: the task's key
    and a three-digit number, plan.PlayAllTask)."""
    return key in keys or (len(key) == KEY_LENGTH + 3 and key[:KEY_LENGTH] in keys)


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
        if _used(key, used_keys):
            stats.used_objects += 1
            stats.used_bytes += size
    return stats


def prune(
    cache: Cache,
    keep: set[str],
    *,
    dry_run: bool = False,
    say: Callable[[str], None] = lambda _m: None,
) -> PruneResult:
    """Remove every object (with its metadata and thumbnail) whose key is not in ``keep``,
    and temporaries left by interrupted builds. Holds the cache lock (waiting for a
    build that holds it, with a message through ``say``): a build running meanwhile
    could be about to reuse what we remove."""
    with cache_lock(cache.root, say=say):
        return _prune(cache, keep, dry_run)


def _prune(cache: Cache, keep: set[str], dry_run: bool) -> PruneResult:
    result = PruneResult()
    now = time.time()
    for p in _objects(cache):
        key = _key_of(p)
        if key is None:
            if now - p.stat().st_mtime < STALE_TMP_SECONDS:
                continue  # may belong to a build running right now
        elif _used(key, keep):
            if p.suffix != ".json" and not p.name.endswith(".thumb.jpg"):
                result.kept += 1
            continue
        result.removed.append(p)
        result.freed_bytes += p.stat().st_size
        if not dry_run:
            p.unlink(missing_ok=True)
    return result


# what a process leaves when it is killed, each name carrying its pid (folders
# beside a package are recorded instead: package.swap):
_LEFT_IN_CACHE = (
    re.compile(r"^(\d+)-"),  # scratch folder (Cache.scratch)
    re.compile(r"^\.tmp-[0-9a-f]+-(\d+)[-.]"),  # object being written (Cache.writing)
)
# fsio.tmp_name: .<name>.<pid>.<random>.tmp (the name is matched lazily: the pid is
# the first number that has only the random number, if any, after it)
_ATOMIC_TMP = re.compile(r"^\..+?\.(\d+)(?:\.\d+)?\.tmp$")
# in dist/ only the pages a build writes there (index.html, proof pages)
_PAGE_TMP = re.compile(r"^\..+\.(?:html|png)\.(\d+)\.\d+\.tmp$")


def _pid_of(name: str, patterns: tuple[re.Pattern[str], ...]) -> int | None:
    for pattern in patterns:
        m = pattern.match(name)
        if m:
            return int(m.group(1))
    return None


def remove_leftovers(
    cache: Cache, out_dir: Path, say: Callable[[str], None] = lambda _m: None
) -> list[Path]:
    """Put back a package a killed build left under a temporary name only
    (``say`` tells), then remove the staging folders this cache's builds recorded,
    scratch folders and temporaries in the cache left by processes that are gone
    (``kill -9``, power cut). Run under the cache lock: anything of a live process
    (another workspace's build sharing ``out_dir``, say) is left alone."""
    removed = swap.recover(cache, say)
    found: list[tuple[Path, int | None]] = []
    if out_dir.is_dir() and not out_dir.is_symlink():
        found += [
            (p, _pid_of(p.name, (_PAGE_TMP,)))
            for p in out_dir.iterdir()
            if p.is_file() and not p.is_symlink()
        ]
    if cache.scratch_root.is_dir():
        found += [(p, _pid_of(p.name, _LEFT_IN_CACHE)) for p in cache.scratch_root.iterdir()]
    if cache.root.is_dir():
        found += [(p, _pid_of(p.name, (_ATOMIC_TMP,))) for p in cache.root.iterdir()]
    for p in _objects(cache):
        if p.name.startswith("."):
            found.append((p, _pid_of(p.name, (*_LEFT_IN_CACHE[1:], _ATOMIC_TMP))))
    for path, pid in found:
        if pid is None or pid_alive(pid):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
