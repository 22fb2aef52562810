"""One way in and out for the files screening-kit writes.

``inside`` is the only way to turn a name that came from a workspace (a country
code, a language tag, a film id) into a path under an output or cache root: it
refuses anything that would land outside that root. ``atomic_write_*`` write under
a temporary name in the same folder, fsync and rename, so an interrupted write
never leaves a half file under a final name. Every temporary is created by
``create_new`` (``O_CREAT | O_EXCL | O_NOFOLLOW``) under a name no other process
or thread uses (``tmp_name``): a link planted at that name, or another writer, makes
it fail instead of writing through. ``exchange`` swaps two folders in one step.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, UnsafePathError


def inside(root: Path, *parts: str | Path) -> Path:
    """``root / parts``, refused when it would leave ``root`` (``..``, an absolute
    part, or a symlink pointing out)."""
    base = Path(root).absolute()
    path = base.joinpath(*parts)
    if not path.resolve().is_relative_to(base.resolve()):
        link = first_link(base, path)
        if link is not None:
            raise symlink_error(link, f"it leads outside {base}")
        raise UnsafePathError(
            f"refusing to use {path}: it is outside {base}",
            hint="names used in file names (countries, languages, films, slideshows, "
            "cards, profiles) may hold only letters, digits, '-' and '_'",
        )
    return path


def first_link(base: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from ``base`` down to ``path``."""
    here = base
    for part in path.relative_to(base).parts:
        here = here / part
        if here.is_symlink():
            return here
    return None


def symlink_error(link: Path, why: str, hint: str | None = None) -> UnsafePathError:
    """A refused symbolic link, in words: where it points and what to do."""
    try:
        to = os.readlink(link)
    except OSError:
        to = "?"
    return UnsafePathError(
        f"is a symbolic link to {to}; {why}",
        path=link,
        hint=hint
        or "put the file itself there instead of the link (cp --remove-destination "
        f"'{to}' '{link}'), or remove the link (rm '{link}')",
    )


def tmp_name(path: Path, suffix: str = ".tmp") -> Path:
    """A temporary name beside ``path`` that no other process or thread uses:
    ``.<name>.<pid>.<random>`` + suffix (the pid lets the next run tell a leftover
    of a dead process, housekeeping.remove_leftovers)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.randbelow(10**12)}{suffix}")


def create_new(path: Path, mode: int = 0o644) -> BinaryIO:
    """Open a file that does not exist yet for writing. Fails (FileExistsError,
    or ELOOP for a link) when anything, a dangling symbolic link too, is there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    return os.fdopen(os.open(path, flags, mode), "wb")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = tmp_name(path)
    try:
        with create_new(tmp) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit + 1`` bytes of ``path`` (so the caller can tell a file over its
    limit without reading a huge one whole); ``what`` names the file in errors."""
    try:
        with path.open("rb") as f:
            return f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{what} not found", path=path) from None
    except IsADirectoryError:
        raise InputError(f"expected a {what}, found a folder", path=path) from None


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)


def exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``): at no moment does either name stand empty. False when
    the system or the file system cannot (nothing changed then)."""
    if _renameat2 is None:
        return False
    ok = _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if ok == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Some file systems (FAT through some
    drivers) refuse fsync on a directory: that is no reason to fail a copy."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
