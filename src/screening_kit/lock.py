"""One build at a time per cache.

Two builds of one workspace running together would both encode everything and
race on the same objects, scratch folders and ``dist/``. The cache holds a lock
file; ``flock`` on it is released by the kernel when its holder exits, however it
exits, so a lock left by a killed build is simply free: we take it over and say
so. The file records who holds it (pid, host, start time) for the message a
second build prints while it waits (or the error it gives with ``--no-wait``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BusyError, MachineError

LOCK_NAME = "lock"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started_at: str  # ISO 8601, local time with offset

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.host}, started at {self.started_at}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no such pid at all
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def this_process() -> Holder:
    return Holder(
        os.getpid(),
        socket.gethostname(),
        dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def read_holder(fd: int) -> Holder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        doc = json.loads(raw)
        return Holder(int(doc["pid"]), str(doc["host"]), str(doc["started_at"]))
    except (ValueError, KeyError, TypeError):
        return None


def write_holder(fd: int, holder: Holder) -> None:
    data = json.dumps(
        {"pid": holder.pid, "host": holder.host, "started_at": holder.started_at}
    ).encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)


@contextlib.contextmanager
def cache_lock(
    cache_root: Path, *, wait: bool = True, say: Callable[[str], None] = lambda _m: None
) -> Iterator[Holder]:
    """Hold the cache's lock for the block. Busy: ``say`` who holds it and wait, or
    raise BusyError when ``wait`` is false."""
    path = cache_root / LOCK_NAME
    try:
        cache_root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise MachineError(
            f"cannot create the cache's lock file ({e.strerror})",
            path=path,
            hint="the cache folder must be writable (see --cache)",
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise MachineError(f"cannot lock the cache ({e.strerror})", path=path) from None
            holder = read_holder(fd)
            who = f"another build ({holder})" if holder else "another build"
            if not wait:
                raise BusyError(
                    f"{who} is using this cache",
                    path=cache_root,
                    hint="wait for it to finish, or run without --no-wait to wait for it",
                ) from None
            say(f"{who} is using the cache {cache_root}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            left = read_holder(fd)
            # the kernel freed it when its holder died; the record says who that was
            if left is not None and left.host == socket.gethostname() and not pid_alive(left.pid):
                say(f"taking over the cache lock left by a build that is gone ({left})")
        me = this_process()
        write_holder(fd, me)
        try:
            yield me
        finally:
            os.ftruncate(fd, 0)  # released cleanly: nothing to take over
    finally:
        os.close(fd)  # closing releases the flock
