"""What a subtitle check finds: findings, the report, and the error a build stops with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from ..clock import srt_clock
from ..fonts import ResolvedFont
from ..subtitles.model import SubtitleTrack
from .registry import RULES

# info: not counted as a warning: advice (a gap an editor would usually close) and
# irregularities read as meant (CRLF, no final blank line), once per file; `check
# --strict` makes the latter warnings
Severity = Literal["error", "warning", "info"]
Number = int | float


@dataclass(frozen=True)
class Finding:
    """One problem: where (file, line, cue, time), which rule, what value, what limit."""

    severity: Severity
    rule: str
    path: Path
    message: str
    cue: int | None = None
    line: int | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    value: Number | str | None = None
    limit: Number | str | None = None
    unit: str = ""
    film: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES:  # listed once: qc.registry
            raise ValueError(f"rule {self.rule!r} is not in qc.registry.RULES")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "file": shown_path(self.path, root),
            "line": self.line,
            "cue": self.cue,
            "start": srt_clock(self.start_ms) if self.start_ms is not None else None,
            "end": srt_clock(self.end_ms) if self.end_ms is not None else None,
            "value": self.value,
            "limit": self.limit,
            "unit": self.unit,
            "message": self.message,
            "film": self.film,
            "language": self.language,
        }


# a broken file repeats one problem thousands of times: show the first few of each
# rule in each file and count the rest, so the table stays readable and small
MAX_PER_RULE = 20


@dataclass(frozen=True)
class Omitted:
    """Findings of one rule in one file beyond ``MAX_PER_RULE``, counted, not listed."""

    path: Path
    rule: str
    count: int
    errors: int  # how many of them are errors

    @property
    def message(self) -> str:
        return f"and {self.count:,} more like this"

    def to_dict(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "file": shown_path(self.path, root),
            "rule": self.rule,
            "count": self.count,
            "errors": self.errors,
            "message": self.message,
        }


def cap_findings(
    findings: Sequence[Finding], per_rule: int = MAX_PER_RULE
) -> tuple[list[Finding], list[Omitted]]:
    """The first ``per_rule`` findings of each rule in each file, and the rest counted."""
    shown: list[Finding] = []
    seen: dict[tuple[Path, str], int] = {}
    rest: dict[tuple[Path, str], list[int]] = {}
    for f in findings:
        group = (f.path, f.rule)
        seen[group] = seen.get(group, 0) + 1
        if seen[group] <= per_rule:
            shown.append(f)
        else:
            count = rest.setdefault(group, [0, 0])
            count[0] += 1
            count[1] += f.is_error
    return shown, [Omitted(p, r, n, e) for (p, r), (n, e) in rest.items()]


@dataclass(frozen=True)
class FileRead:
    """A file the checks read: what it is, the encoding found and how many cues."""

    path: Path
    kind: str  # subtitles | cards | captions
    encoding: str | None = None
    count: int | None = None  # cues, cards or photo rows
    film: str | None = None
    language: str | None = None

    @property
    def unit(self) -> str:
        return {"subtitles": "cue", "cards": "card", "captions": "photo"}.get(self.kind, "")

    def to_dict(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "file": shown_path(self.path, root),
            "kind": self.kind,
            "encoding": self.encoding,
            "cues" if self.kind == "subtitles" else f"{self.unit}s": self.count,
            "film": self.film,
            "language": self.language,
        }


@dataclass
class QcReport:
    """Everything ``check_workspace`` found, plus what it read (for the build to reuse)."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    files: list[FileRead] = field(default_factory=list)
    tracks: dict[tuple[str, str], SubtitleTrack] = field(default_factory=dict)
    fonts: dict[str, ResolvedFont] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "info"]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def for_language(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.language in (code, None)]

    def to_dict(
        self,
        findings: Sequence[Finding] | None = None,
        language: str | tuple[str, ...] | None = None,
    ) -> dict[str, Any]:
        """The report as JSON; with ``language``, the files read are that language's
        (a package records its own, the same whichever countries were built with it;
        a bilingual package, both languages': a tuple)."""
        chosen = self.findings if findings is None else list(findings)
        langs = (language,) if isinstance(language, str) else language
        shown, omitted = cap_findings(chosen)
        return {
            "workspace": str(self.root),
            "errors": sum(1 for f in chosen if f.is_error),
            "warnings": sum(1 for f in chosen if f.severity == "warning"),
            "info": sum(1 for f in chosen if f.severity == "info"),
            "files": [
                f.to_dict(self.root)
                for f in self.files
                if langs is None or f.language in (*langs, None)
            ],
            "findings": [f.to_dict(self.root) for f in shown],
            "omitted": [o.to_dict(self.root) for o in omitted],
        }


def as_number(x: float, digits: int = 2) -> Number:
    """Rounded, and an int when whole (so 17.0 prints as 17)."""
    r = round(x, digits)
    return int(r) if r == int(r) else r


def as_seconds(ms: int | Fraction) -> Number:
    """Milliseconds as seconds, to the millisecond."""
    return as_number(float(Fraction(ms) / 1000), 3)


def shown_path(path: Path, root: Path | None) -> str:
    """A path as findings show it: relative to the workspace when inside it."""
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)
