"""Run the screening-kit CLI, stopped at a chosen file operation: the fault-injection
hook of the crash tests (no sleep races).

Environment:
- ``SK_KILL_AT=<op>:<n>``: right after the n-th call of ``op`` (``rename``,
  ``replace``, ``exchange``, ``link``, ``unlink``, ``mkdir``, ``rmdir``, ``fsync``,
  ``copy_file_range``, ``popen``; ``any`` counts them all), SIGKILL this process
  and its children (the process group; the caller starts us in a new session), as a
  ``kill -9`` or a power cut would.
- ``SK_PAUSE_AT=<op>:<n>``: instead, print ``paused`` and wait until stdin closes.
- ``SK_UNDER=<folder>``: count only calls on paths under that folder.
- ``SK_NO_EXCHANGE=1``: as on a system without ``renameat2(RENAME_EXCHANGE)``.
- ``SK_COUNT=<file>``: write how many calls were counted when the run ends.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from screening_kit.cli import main

try:
    from screening_kit.package import swap
except ImportError:  # a screening-kit from before the swap (to see the tests fail there)
    swap = None


def _spec(name: str) -> tuple[str, int] | None:
    value = os.environ.get(name)
    if not value:
        return None
    op, n = value.rsplit(":", 1)
    return op, int(n)


KILL = _spec("SK_KILL_AT")
PAUSE = _spec("SK_PAUSE_AT")
UNDER = os.environ.get("SK_UNDER", "")
seen: dict[str, int] = {}


def _die() -> None:
    if os.getpgid(0) == os.getpid():  # our own group: take ffmpeg children with us
        os.killpg(0, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def _hit(op: str, paths: tuple[Any, ...]) -> None:
    if UNDER and not any(
        isinstance(p, (str, os.PathLike)) and os.fspath(p).startswith(UNDER) for p in paths
    ):
        return
    for key in (op, "any"):
        seen[key] = seen.get(key, 0) + 1
        if (key, seen[key]) == KILL:
            _die()
        if (key, seen[key]) == PAUSE:
            print("paused", flush=True)
            sys.stdin.read()


def _wrap(owner: Any, attr: str, op: str, npaths: int) -> None:
    real: Callable[..., Any] = getattr(owner, attr)

    def wrapped(*args: Any, **kw: Any) -> Any:
        out = real(*args, **kw)
        _hit(op, args[:npaths])
        return out

    setattr(owner, attr, wrapped)


for _attr, _n in (("rename", 2), ("replace", 2), ("link", 2), ("unlink", 1), ("mkdir", 1),
                  ("rmdir", 1), ("fsync", 0), ("copy_file_range", 0)):  # fmt: skip
    _wrap(os, _attr, _attr, _n)
_wrap(subprocess.Popen, "__init__", "popen", 0)  # after the child (ffmpeg) started
if swap is not None and os.environ.get("SK_NO_EXCHANGE"):
    swap.exchange = lambda a, b: False
elif swap is not None:
    _wrap(swap, "exchange", "exchange", 2)

if os.environ.get("SK_COUNT"):
    atexit.register(
        lambda: open(os.environ["SK_COUNT"], "w").write(str(seen.get("any", 0)))  # noqa: SIM115
    )

if __name__ == "__main__":
    main(sys.argv[1:], prog_name="screening-kit")
