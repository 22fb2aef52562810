"""One error hierarchy. The CLI prints ``str(error)`` and exits with ``error.exit_code``.

Each error names what the user has to look at (file, line, cue) and, where we
know it, what to do about it.
"""

from __future__ import annotations

import errno
from pathlib import Path


class ScreeningKitError(Exception):
    """Base of every error screening-kit raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        cue: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.cue = cue
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            if self.cue is not None:
                where += f" (cue {self.cue})"
            where += ": "
        elif self.cue is not None:
            where = f"cue {self.cue}: "
        text = where + self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        # errors cross process boundaries (a Dask worker's task error reaches the
        # client pickled); the default rebuilds from args alone and loses path, hint,
        # command: restore every attribute instead
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(
    cls: type[ScreeningKitError], args: tuple[object, ...], state: dict[str, object]
) -> ScreeningKitError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConfigError(ScreeningKitError):
    """ceremony.yaml, a playlist or a card file is malformed or inconsistent."""


class InputError(ScreeningKitError):
    """An input file is missing or unreadable."""


class MediaError(ScreeningKitError):
    """A media file cannot be decoded or has no usable stream."""


class SubtitleError(ScreeningKitError):
    """A subtitle file cannot be read or parsed."""


class FontError(ScreeningKitError):
    """No font covers a language, or a glyph is missing."""


class RenderError(ScreeningKitError):
    """An ffmpeg step failed. Carries the exact command line and stderr tail."""

    exit_code = 3

    def __init__(
        self, message: str, *, command: str, stderr_tail: str, path: Path | str | None = None
    ) -> None:
        super().__init__(message, path=path)
        self.command = command
        self.stderr_tail = stderr_tail

    def __str__(self) -> str:
        return (
            f"{super().__str__()}\n  command: {self.command}\n"
            f"  ffmpeg said:\n    " + "\n    ".join(self.stderr_tail.splitlines()[-12:])
        )


class MachineError(ScreeningKitError):
    """The machine, not the input, failed us: disk full, no permission, read-only
    folder. Its own exit code, so scripts can tell "fix the file" from "free the disk"."""

    exit_code = 4


class ClusterError(MachineError):
    """A Dask cluster cannot run this build as asked: unreachable, no workers, a worker
    with other versions or another view of the shared storage."""


class UnsafePathError(ConfigError):
    """A name from the workspace would make us read or write outside our folders."""


# `build --approved-only` left out a country whose language is not signed off: the
# build itself succeeded, so this is no error class, but a script must see it
EXIT_HELD_BACK = 6


class BusyError(ScreeningKitError):
    """Another build holds the cache and we were told not to wait (``--no-wait``).
    Its own exit code: nothing is wrong with the input or the machine, so a script
    can simply try again later."""

    exit_code = 5


_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY = {errno.EROFS}
_NO_PERMISSION = {errno.EACCES, errno.EPERM}


def machine_error(e: OSError) -> MachineError | None:
    """The MachineError for an OSError the machine caused (disk full, read-only,
    no permission), saying what to free or fix; None for any other OSError."""
    name = e.filename if e.filename is not None else None
    if e.errno in _NO_SPACE:
        return MachineError(
            "no space left on the drive while writing",
            path=name,
            hint="free space on that drive (`screening-kit cache prune` removes renders the "
            "workspace no longer uses), or give --out / --cache on a drive with room",
        )
    if e.errno in _READ_ONLY:
        return MachineError(
            "the drive is read-only",
            path=name,
            hint="remount it writable, or give --out / --cache on a writable drive",
        )
    if e.errno in _NO_PERMISSION:
        return MachineError(
            "no permission to use this file or folder",
            path=name,
            hint="fix its permissions or owner (ls -l shows them), or run as a user allowed "
            "to read the inputs and write the output and cache folders",
        )
    return None
