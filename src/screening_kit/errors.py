"""One error hierarchy. The CLI prints ``str(error)`` and exits with ``error.exit_code``.

Each error names what the user has to look at (file, line, cue) and, where we
know it, what to do about it.
"""

from __future__ import annotations

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


class UnsafePathError(ConfigError):
    """A name from the workspace would make us read or write outside our folders."""


class BusyError(ScreeningKitError):
    """Another build holds the cache and we were told not to wait (``--no-wait``).
    Its own exit code: nothing is wrong with the input or the machine, so a script
    can simply try again later."""

    exit_code = 5
