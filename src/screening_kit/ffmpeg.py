"""Where ffmpeg is, and the one place that runs it.

Every command is an argv list built by a pure function elsewhere; ``run`` executes
it, feeds ``-progress`` output to a callback, keeps the tail of stderr, and turns
a failure into a RenderError that carries the exact command line.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shlex
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import RenderError, machine_error

ProgressCallback = Callable[[int], None]  # frames (or output ms/40 for audio) done so far
# `-v`: told each command line before it runs (None: silent)
_command_echo: Callable[[str], None] | None = None


def echo_commands(callback: Callable[[str], None] | None) -> None:
    """Have ``callback`` told every ffmpeg command line (``shlex.join``) as it starts."""
    global _command_echo
    _command_echo = callback


@functools.cache
def ffmpeg_exe() -> str:
    """FFMPEG_PATH wins; otherwise the binary shipped in the imageio-ffmpeg wheel."""
    env = os.environ.get("FFMPEG_PATH")
    if env:
        return env
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


@functools.cache
def ffmpeg_version() -> str:
    out = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-version"], capture_output=True, text=True, check=False
    ).stdout
    m = re.match(r"ffmpeg version (\S+)", out)
    return m.group(1) if m else "unknown"


def base_args() -> list[str]:
    return [ffmpeg_exe(), "-nostdin", "-hide_banner", "-y"]


def run(
    argv: Sequence[str],
    *,
    what: str,
    progress: ProgressCallback | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> str:
    """Run one ffmpeg command; return its stderr. ``what`` names the step in errors.

    When ``progress`` is given the command must carry ``-progress pipe:1 -nostats``.
    ``env`` holds variables added to this process's environment.
    """
    tail: deque[str] = deque(maxlen=400)
    if _command_echo is not None:
        _command_echo(shlex.join(argv))
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env={**os.environ, **env} if env else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert proc.stdout is not None and proc.stderr is not None
    stderr = proc.stderr

    def drain() -> None:
        for line in stderr:
            tail.append(line.rstrip("\n"))

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        for line in proc.stdout:
            if progress is not None and line.startswith("frame="):
                with contextlib.suppress(ValueError):
                    progress(int(line.split("=", 1)[1]))
        proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        reader.join(timeout=5)
    text = "\n".join(tail)
    if proc.returncode != 0:
        for errno_, words in ((errno.ENOSPC, "No space left on device"),
                              (errno.EROFS, "Read-only file system")):  # fmt: skip
            if words in text:
                # the machine's fault, not the command's: say what to free or fix
                err = machine_error(OSError(errno_, words, _output_of(argv)))
                assert err is not None
                err.hint = f"{err.hint}\n  (while: {what})"
                raise err
        raise RenderError(
            f"{what} failed (ffmpeg exit code {proc.returncode})",
            command=shlex.join(argv),
            stderr_tail=text,
        )
    return text


def _output_of(argv: Sequence[str]) -> str:
    """The output file of an ffmpeg command: its last argument."""
    return argv[-1] if argv else ""
