"""Build progress: one bar for the whole build (ETA from encoded frames) and a
line per task. Plain lines, no bar, when stderr is not a terminal."""

from __future__ import annotations

import threading
import time
from typing import Protocol

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class Reporter(Protocol):
    def begin(self, total_work: int) -> None: ...
    def task_started(self, label: str) -> None: ...
    def task_progress(self, label: str, delta: int) -> None: ...
    def task_done(self, label: str, seconds: float, work: int) -> None: ...
    def reused(self, label: str) -> None: ...
    def info(self, message: str) -> None: ...
    def warn(self, message: str) -> None: ...
    def end(self) -> None: ...


class ConsoleReporter:
    def __init__(self, console: Console | None = None, quiet: bool = False) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.quiet = quiet
        self.lock = threading.Lock()
        self.bar: Progress | None = None
        self.bar_task: TaskID | None = None
        self.warnings: list[str] = []
        self._t0 = time.monotonic()

    def begin(self, total_work: int) -> None:
        self._t0 = time.monotonic()
        if total_work and self.console.is_terminal and not self.quiet:
            self.bar = Progress(
                TextColumn("[bold]encoding"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("frames"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.bar_task = self.bar.add_task("build", total=total_work)
            self.bar.start()

    def _line(self, text: str) -> None:
        if not self.quiet:
            # labels hold "[en]" and the like: not rich markup
            self.console.print(text, markup=False)

    def task_started(self, label: str) -> None:
        pass

    def task_progress(self, label: str, delta: int) -> None:
        if self.bar is not None and self.bar_task is not None:
            with self.lock:
                self.bar.advance(self.bar_task, delta)

    def task_done(self, label: str, seconds: float, work: int) -> None:
        speed = f", {work / seconds:.0f} fps" if work and seconds > 0 else ""
        self._line(f"  encoded  {label} ({seconds:.1f} s{speed})")

    def reused(self, label: str) -> None:
        self._line(f"  reused   {label}")

    def info(self, message: str) -> None:
        self._line(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.console.print(f"[yellow]warning:[/] {escape(message)}")

    def end(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class RecordingReporter:
    """Keeps every event; for tests and library callers that print their own way."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def _add(self, kind: str, text: str) -> None:
        with self.lock:
            self.events.append((kind, text))

    def begin(self, total_work: int) -> None:
        self._add("begin", str(total_work))

    def task_started(self, label: str) -> None:
        self._add("started", label)

    def task_progress(self, label: str, delta: int) -> None:
        pass

    def task_done(self, label: str, seconds: float, work: int) -> None:
        self._add("encoded", label)

    def reused(self, label: str) -> None:
        self._add("reused", label)

    def info(self, message: str) -> None:
        self._add("info", message)

    def warn(self, message: str) -> None:
        self._add("warn", message)

    def end(self) -> None:
        self._add("end", "")

    def of(self, kind: str) -> list[str]:
        return [t for k, t in self.events if k == kind]
