"""Subtitle cues as the rest of screening-kit sees them, whatever file they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Cue:
    """One cue. ``text`` keeps SRT-style markup (``<i>``, ``<b>``, ``<u>``,
    ``<font color>``, a leading ``{\\an8}``); lines are separated by ``\\n``."""

    index: int  # 1-based position in the file
    start_ms: int
    end_ms: int
    text: str
    line: int = 0  # line in the source file where the cue starts (0: not from a file)

    def shifted(self, offset_ms: int) -> Cue:
        return Cue(
            self.index, self.start_ms + offset_ms, self.end_ms + offset_ms, self.text, self.line
        )

    def key_fields(self) -> tuple[int, int, str]:
        """What a render depends on (not the file line or the index)."""
        return (self.start_ms, self.end_ms, self.text)


@dataclass(frozen=True)
class Notice:
    """A warning found while reading a file (the file was still read).

    ``rule`` names the irregularity (see ``screening_kit.qc``), ``cue`` the cue it
    belongs to (0: the file as a whole), ``value`` what was found, as written."""

    line: int
    message: str
    rule: str = "read"
    cue: int = 0
    value: str = ""


@dataclass
class SubtitleTrack:
    path: Path
    encoding: str
    cues: list[Cue]
    notices: list[Notice] = field(default_factory=list)
