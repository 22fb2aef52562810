"""Put a staged package under its final name so that a package is always there,
and find it again after a ``kill -9`` or a power cut.

Where the kernel can (Linux, ``renameat2(RENAME_EXCHANGE)`` on ext4, XFS, btrfs,
tmpfs), the staged folder and the package in place swap names in one step, so
``dist/GB`` never stands empty. Elsewhere the old package is first renamed to
``.GB.old-PID``, then the staged one to ``dist/GB``: killed between the two, the
next build finds ``dist/GB`` missing and puts back the folder that verifies
against its own manifest (``recover``), and says so.

Every folder a build creates beside a package is recorded first, in
``CACHE/pending/``: cleanup only ever touches recorded folders (a user's own
``.GB.old-999999`` is not ours, whatever its name) and never removes the only copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..cache import Cache
from ..fsio import atomic_write_text, exchange, fsync_dir
from ..lock import pid_alive

PENDING = "pending"


@dataclass(frozen=True)
class Pending:
    path: Path  # a staging or old folder beside ``final``
    final: Path
    pid: int
    record: Path


def _record_of(cache: Cache, folder: Path) -> Path:
    digest = hashlib.sha256(os.fsencode(folder.absolute())).hexdigest()[:20]
    return cache.root / PENDING / f"{os.getpid()}-{digest}.json"


def _remember(cache: Cache, folder: Path, final: Path) -> None:
    record = _record_of(cache, folder)
    record.parent.mkdir(parents=True, exist_ok=True)
    doc = {"path": str(folder.absolute()), "final": str(final.absolute()), "pid": os.getpid()}
    atomic_write_text(record, json.dumps(doc))


def _forget(cache: Cache, folder: Path) -> None:
    _record_of(cache, folder).unlink(missing_ok=True)


def _new_folder(cache: Cache, final: Path, kind: str, *, create: bool) -> Path:
    """``.<name>.<kind>-<pid>`` beside ``final`` (``-1``, ``-2``... when taken),
    recorded before it exists."""
    n = 0
    while True:
        folder = final.with_name(f".{final.name}.{kind}-{os.getpid()}" + (f"-{n}" if n else ""))
        if not os.path.lexists(folder):
            _remember(cache, folder, final)
            if not create:
                return folder
            try:
                folder.mkdir()
                return folder
            except FileExistsError:
                _forget(cache, folder)
        n += 1


def staging_folder(cache: Cache, final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    return _new_folder(cache, final, "staging", create=True)


def _remove(cache: Cache, folder: Path) -> bool:
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.lexists(folder):
        return False  # kept on record: the next build tries again
    _forget(cache, folder)
    return True


def discard(cache: Cache, staging: Path) -> None:
    """A staging folder that will not be swapped in (the build failed)."""
    _remove(cache, staging)


def swap_in(cache: Cache, staging: Path, final: Path) -> None:
    """``staging`` becomes ``final``; the package that was there is removed."""
    if not os.path.lexists(final):
        os.rename(staging, final)  # nothing to replace: one atomic rename
        fsync_dir(final.parent)
        _forget(cache, staging)
        return
    if exchange(staging, final):
        fsync_dir(final.parent)
        _remove(cache, staging)  # now holds the previous package
        return
    old = _new_folder(cache, final, "old", create=False)
    os.rename(final, old)
    try:
        os.rename(staging, final)
    except BaseException:
        os.rename(old, final)  # put it back now rather than at the next build
        _forget(cache, old)
        raise
    fsync_dir(final.parent)
    _forget(cache, staging)
    _remove(cache, old)


def _pending(cache: Cache) -> list[Pending]:
    folder = cache.root / PENDING
    found = []
    for record in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            doc = json.loads(record.read_text("utf-8"))
            found.append(Pending(Path(doc["path"]), Path(doc["final"]), int(doc["pid"]), record))
        except (OSError, ValueError, KeyError, TypeError):
            record.unlink(missing_ok=True)  # not one of ours, or half a record
    return found


def _verifies(folder: Path) -> bool:
    from ..verify import verify_package  # verify reads av: only on this rare path

    try:
        return verify_package(folder, decode_media=False).ok
    except Exception:
        return False


def recover(cache: Cache, say: Callable[[str], None]) -> list[Path]:
    """After processes that are gone: put back a package whose final name is
    missing (from the staged or the old folder that verifies against its own
    manifest), then remove their other folders. Returns what was removed. Run under
    the cache lock, before anything else of the build."""
    removed: list[Path] = []
    by_final: dict[Path, list[Pending]] = {}
    for p in _pending(cache):
        if p.pid != os.getpid() and pid_alive(p.pid):
            continue  # a live process's (not a build of this cache: it holds the lock)
        by_final.setdefault(p.final, []).append(p)
    for final, group in by_final.items():
        there = [p for p in group if p.path.is_dir() and not p.path.is_symlink()]
        for p in group:
            if p not in there:
                p.record.unlink(missing_ok=True)
        if not os.path.lexists(final) and there:
            # the staged package is the newer one; the old one is what was in place
            order = sorted(there, key=lambda p: ".old-" in p.path.name)
            good = next((p for p in order if _verifies(p.path)), None)
            if good is None:
                if any((p.path / "MANIFEST.sha256").is_file() for p in there):
                    say(
                        f"{final} is missing and {', '.join(p.path.name for p in there)} "
                        "left by an interrupted build do not verify against their "
                        "MANIFEST.sha256: left in place; the build makes the package anew"
                    )
                    continue
            else:
                os.rename(good.path, final)
                fsync_dir(final.parent)
                good.record.unlink(missing_ok=True)
                there.remove(good)
                say(
                    f"restored {final} from {good.path.name}, left by a build that was "
                    "stopped while putting it in place (it verifies against its "
                    "MANIFEST.sha256)"
                )
        for p in there:
            shutil.rmtree(p.path, ignore_errors=True)
            if not os.path.lexists(p.path):
                p.record.unlink(missing_ok=True)
                removed.append(p.path)
    return removed
