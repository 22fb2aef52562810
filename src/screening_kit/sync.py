"""Bring a copy of a package (a USB stick) up to date with the package.

Only files whose bytes differ are copied, each under a temporary name on the
target, flushed and fsynced, then renamed; files no longer in the package are
removed; the manifest goes last. The old manifest is removed *before* anything
else changes, so a copy caught half-way (a pulled stick, Ctrl-C) never verifies
as OK: it has no manifest until every file is in place. Running sync again
finishes the job. One sync at a time per copy (synclock); temporaries have names
no other run uses and are created, never opened through a link; a symbolic link
under one of the package's names on the target is refused, links among the other
files are removed (never followed). FAT32 and exFAT sticks: no hard links, no permissions or
ownership carried over (files are created writable, so Windows can clean the
stick), and files over 4 GiB refused before a byte is written on FAT32.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import sha256_file
from .errors import InputError, MachineError
from .fsio import create_new, fsync_dir, inside, symlink_error, tmp_name
from .package.identity import (
    MANIFEST,
    PACKAGE_JSON,
    OnDisk,
    looks_like_package,
    package_folders,
    read_package,
)
from .package.launchers import EXECUTABLE
from .synclock import SYNC_LOCK, SYNC_TMP, sync_lock
from .verify_against import Currency, verify_against

TMP_SUFFIX = SYNC_TMP
FAT32_MAX = 4 * 1024**3 - 1
BLOCK = 1 << 20


@dataclass
class SyncReport:
    source: Path
    target: Path
    country: str
    build_id: str
    copied: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already identical on the target
    bytes_copied: int = 0
    check: Currency | None = None  # the target verified against the package afterwards


Progress = Callable[[str], None]


def filesystem_of(path: Path) -> str:
    """The file system type under ``path`` from /proc/mounts ("" when unknown)."""
    best, kind = "", ""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    where = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside_point = where == point or where.startswith(point.rstrip("/") + "/")
        if inside_point and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def _machine(e: OSError, target: Path) -> MachineError:
    if e.errno == errno.ENOSPC:
        return MachineError("the stick is full", path=target, hint="free space or use a bigger one")
    if e.errno == errno.EROFS:
        return MachineError(
            "the stick is read-only", path=target, hint="check its write-protect switch"
        )
    return MachineError(f"cannot write to the stick: {e.strerror}", path=target)


def _writable(path: Path) -> None:
    """Clear a read-only flag (FAT's read-only attribute maps to the write bits)."""
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE | stat.S_IRGRP | stat.S_IROTH)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except PermissionError:
        _writable(path)
        path.unlink()


def copy_file(src: Path, dst: Path, want_sha: str) -> int:
    """Copy to a temporary name beside ``dst``, fsync, check the hash of what was
    read, rename over ``dst``. Returns the bytes written."""
    tmp = tmp_name(dst, TMP_SUFFIX)
    h = hashlib.sha256()
    written = 0
    try:
        with src.open("rb") as fin, create_new(tmp) as fout:
            while block := fin.read(BLOCK):
                h.update(block)
                fout.write(block)
                written += len(block)
            fout.flush()
            os.fsync(fout.fileno())
            # drop the cached pages: the verification that follows reads the stick
            with contextlib.suppress(OSError, AttributeError):
                os.posix_fadvise(fout.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        if h.hexdigest() != want_sha:
            raise InputError(
                f"{src.name} does not match the package's MANIFEST.sha256",
                path=src,
                hint="the package itself is damaged: rebuild it",
            )
        _writable(tmp)
        if dst.name in EXECUTABLE:  # the launchers, where the file system keeps the bit
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o755)
        try:
            os.replace(tmp, dst)
        except PermissionError:
            _writable(dst)
            os.replace(tmp, dst)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return written


def _source(folder: Path) -> OnDisk:
    pkg = read_package(folder)
    if pkg is None or not pkg.manifest:
        raise InputError(
            "not a package: no readable package.json and MANIFEST.sha256",
            path=folder,
            hint="give a built package folder, e.g. WORKSPACE/dist/IR, or dist/ for all",
        )
    return pkg


def _check_target(src: OnDisk, target: Path, force: bool) -> None:
    if not target.exists():
        # never create the stick's folder itself: an unmounted stick would otherwise
        # be "synced" onto the computer's own disk at its mount point
        if not target.parent.is_dir():
            raise InputError(
                "the folder that should hold the copy does not exist",
                path=target.parent,
                hint="is the stick plugged in and mounted? create the folder first if it "
                "is a new one",
            )
        return
    if not target.is_dir():
        raise InputError("the target is not a folder", path=target)
    theirs = read_package(target)
    if theirs is not None and theirs.country and theirs.country != src.country and not force:
        raise InputError(
            f"the target holds the package of {theirs.country}, not {src.country}",
            path=target,
            hint="pick the right folder, or pass --force to replace it",
        )
    others = [p.name for p in target.iterdir() if not _ours(p.name)]
    if others and not looks_like_package(target) and not force:
        raise InputError(
            f"the target holds {len(others)} files but no package; sync would remove them",
            path=target,
            hint="sync into an empty folder (e.g. the stick's IR folder), or pass --force",
        )


def _ours(name: str) -> bool:
    """A sync's own temporary or lock file (not the package's, not the user's)."""
    return name.endswith(TMP_SUFFIX) or name == SYNC_LOCK


def _final_name(target: Path, name: str) -> Path:
    """Where a package file goes on the target; a link there is refused, in words."""
    dst = target / name
    if dst.is_symlink():
        raise symlink_error(
            dst,
            "sync never writes through a link on a copy",
            hint=f"remove the link (rm '{dst}') and run sync again: it copies the file itself",
        )
    return inside(target, name)


def sync_package(
    source: Path,
    target: Path,
    *,
    force: bool = False,
    decode_media: bool = False,
    progress: Progress | None = None,
    wait: bool = True,
) -> SyncReport:
    say = progress or (lambda _m: None)
    src = _source(source)
    _check_target(src, target, force)
    try:
        target.mkdir(exist_ok=True)
    except OSError as e:
        raise _machine(e, target) from e
    try:
        with sync_lock(target, wait=wait, say=say):
            _check_target(src, target, force)  # as it is now that it is ours alone
            return _sync_locked(src, source, target, decode_media, say)
    except OSError as e:  # taking the lock (the body words its own)
        raise _machine(e, target) from e


def _sync_locked(
    src: OnDisk, source: Path, target: Path, decode_media: bool, say: Progress
) -> SyncReport:
    report = SyncReport(source, target, src.country, src.build_id or "")
    sizes = {n: inside(source, n).stat().st_size for n in src.manifest}
    if filesystem_of(target.parent if not target.exists() else target) in ("vfat", "msdos"):
        big = [n for n, s in sizes.items() if s > FAT32_MAX]
        if big:
            raise MachineError(
                f"{', '.join(big)} is over 4 GiB: a FAT32 stick cannot hold it",
                path=target,
                hint="use an exFAT stick, or rebuild with --split-large-files",
            )
    try:
        todo = []
        for name, sha in src.manifest.items():
            dst = _final_name(target, name)
            if dst.is_file() and dst.stat().st_size == sizes[name]:
                say(f"comparing {name}")
                if sha256_file(dst) == sha:
                    report.kept.append(name)
                    continue
            todo.append(name)
        listed = set(src.manifest) | {MANIFEST}
        # links (dangling ones too) are removed as links, never followed; folders stay
        extra = [
            p
            for p in target.iterdir()
            if (p.is_file() or p.is_symlink()) and p.name not in listed and p.name != SYNC_LOCK
        ]
        manifest_now = target / MANIFEST
        new_manifest = (source / MANIFEST).read_bytes()
        if not todo and not extra and _read(manifest_now) == new_manifest:
            report.check = verify_against(target, src, decode_media=decode_media)
            return report
        if manifest_now.exists():
            _remove(manifest_now)  # from here until the end the copy is visibly incomplete
            fsync_dir(target)
        for p in extra:
            say(f"removing {p.name}")
            _remove(p)
            if not _ours(p.name):
                report.removed.append(p.name)
        todo.append(MANIFEST)  # last: only a complete copy has one
        sizes[MANIFEST] = len(new_manifest)
        want = {**src.manifest, MANIFEST: hashlib.sha256(new_manifest).hexdigest()}
        _check_space(target, todo, sizes, report)
        # package.json first: an interrupted copy still says whose it is
        order = sorted(todo, key=lambda n: (n != PACKAGE_JSON, n == MANIFEST))
        for name in order:
            say(f"copying {name}")
            dst = _final_name(target, name)
            report.bytes_copied += copy_file(inside(source, name), dst, want[name])
            report.copied.append(name)
        fsync_dir(target)
    except OSError as e:
        raise _machine(e, target) from e
    say("verifying the copy")
    report.check = verify_against(target, src, decode_media=decode_media)
    return report


def _read(path: Path) -> bytes | None:
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC), "rb") as f:
            return f.read()
    except OSError:
        return None


def _check_space(target: Path, todo: list[str], sizes: dict[str, int], r: SyncReport) -> None:
    """Enough room for the new files, counting what they replace and one file's
    temporary copy beside its old version."""
    old = {n: (target / n).stat().st_size for n in todo if (target / n).is_file()}
    need = sum(sizes[n] for n in todo) - sum(old.values()) + max(old.values(), default=0)
    free = shutil.disk_usage(target).free
    if need > free:
        raise MachineError(
            f"the stick needs {need / 1e6:,.1f} MB more but has {free / 1e6:,.1f} MB free",
            path=target,
            hint="free space on the stick (or use a bigger one), then run sync again",
        )


def sync(
    source: Path | str,
    target: Path | str,
    *,
    force: bool = False,
    decode_media: bool = False,
    progress: Progress | None = None,
    wait: bool = True,
) -> list[SyncReport]:
    """One package into one folder; or, when ``source`` holds package folders
    (dist/), every one of them whose folder is present on ``target``."""
    source, target = Path(source), Path(target)
    if not source.is_dir():
        raise InputError("package folder not found", path=source)
    if looks_like_package(source):
        return [
            sync_package(
                source, target, force=force, decode_media=decode_media, progress=progress, wait=wait
            )
        ]
    packages = {p.name: p for p in package_folders(source)}
    if not packages:
        raise InputError(
            "no package here: neither a package folder nor a folder of packages", path=source
        )
    if not target.is_dir():
        raise InputError("target folder not found", path=target)
    if looks_like_package(target):
        raise InputError(
            "the target is one package's folder but the source holds several",
            path=target,
            hint=f"name the package: screening-kit sync {source}/<COUNTRY> {target}",
        )
    present = [packages[p.name] for p in sorted(target.iterdir()) if p.name in packages]
    if not present:
        raise InputError(
            "no country folder of the source is on the target",
            path=target,
            hint=f"to put one there: screening-kit sync {source}/<COUNTRY> {target}/<COUNTRY>",
        )
    kw: dict[str, Any] = {"force": force, "decode_media": decode_media, "wait": wait}
    return [sync_package(p, target / p.name, progress=progress, **kw) for p in present]
