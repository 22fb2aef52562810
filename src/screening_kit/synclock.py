"""One ``sync`` at a time per copy.

Two syncs into one folder (two people updating the same stick, a script run twice)
would write the same files at once. The copy's folder holds a lock file,
``.screening-kit-sync.lock``, locked with ``flock`` (released by the kernel however
its holder exits) and recording who holds it (pid, host, start time), as the
build's cache lock does (lock.py). A second sync says who holds it and waits, or
raises BusyError (``--no-wait``). The file is removed when the sync ends; a waiter
that finds it was removed meanwhile locks the new one instead (so two syncs never
each hold a lock on a different file).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BusyError, MachineError
from .lock import Holder, pid_alive, read_holder, this_process, write_holder

SYNC_LOCK = ".screening-kit-sync.lock"
SYNC_TMP = ".sk-sync.tmp"  # how a sync's temporaries end (fsio.tmp_name)


def _open(path: Path) -> int:
    """The lock file, created when missing (an OSError, such as a read-only stick,
    is the caller's to word)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise MachineError(
                "the sync lock file is a symbolic link; sync never writes through one",
                path=path,
                hint=f"remove it (rm '{path}') and run sync again",
            ) from None
        raise


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


@contextlib.contextmanager
def sync_lock(
    target: Path, *, wait: bool = True, say: Callable[[str], None] = lambda _m: None
) -> Iterator[Holder]:
    """Hold ``target``'s sync lock for the block (``target`` exists)."""
    path = target / SYNC_LOCK
    said = False
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                os.close(fd)
                raise MachineError(f"cannot lock the copy ({e.strerror})", path=path) from None
            holder = read_holder(fd)
            who = f"another sync ({holder})" if holder else "another sync"
            if not wait:
                os.close(fd)
                raise BusyError(
                    f"{who} is writing to this copy",
                    path=target,
                    hint="wait for it to finish, or run without --no-wait to wait for it",
                ) from None
            if not said:
                say(f"{who} is writing to {target}; waiting for it to finish")
                said = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _same_file(fd, path):
            break
        os.close(fd)  # its holder removed it as we waited: lock the current one
    try:
        left = read_holder(fd)
        if left is not None and left.host == socket.gethostname() and not pid_alive(left.pid):
            say(f"taking over the lock on {target} left by a sync that is gone ({left})")
        me = this_process()
        write_holder(fd, me)
        try:
            yield me
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)  # still holding it: a waiter then sees it gone
    finally:
        os.close(fd)


def holder_of(target: Path) -> Holder | None:
    """Who is syncing into ``target`` right now (None when nobody is)."""
    try:
        fd = os.open(target / SYNC_LOCK, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return read_holder(fd) or Holder(0, "?", "?")
        return None
    finally:
        os.close(fd)
