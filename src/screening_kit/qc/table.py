"""Findings as people read them: the table (for `check` and a stopped build) and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import ScreeningKitError
from .findings import Finding, Number, QcReport, _clock, _rel, cap_findings


class SubtitleQcError(ScreeningKitError):
    """Subtitle checks found errors; nothing was encoded. ``str()`` holds the table."""

    def __init__(self, report: QcReport) -> None:
        n = len(report.errors)
        super().__init__(
            f"subtitle checks found {n} error{'s' if n != 1 else ''}; nothing was encoded\n"
            + render_table(report.findings, report.root),
            hint="fix the files and run `screening-kit check`, or build with --force "
            "(the findings are then recorded in package.json)",
        )
        self.report = report


def _cell(v: Number | str | None, unit: str = "") -> str:
    if v is None:
        return ""
    return f"{v} {unit}".strip() if unit and not isinstance(v, str) else str(v)


TABLE_COLUMNS = ("level", "file", "cue", "time", "rule", "value", "limit", "details")


def table_rows(findings: Sequence[Finding], root: Path | None = None) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for f in findings:
        where = _rel(f.path, root) + (f":{f.line}" if f.line else "")
        rows.append(
            (
                f.severity,
                where,
                str(f.cue) if f.cue is not None else "",
                _clock(f.start_ms) if f.start_ms is not None else "",
                f.rule,
                _cell(f.value, f.unit),
                _cell(f.limit, f.unit),
                f.message,
            )
        )
    return rows


def render_table(findings: Sequence[Finding], root: Path | None = None) -> str:
    """A plain-text table (the same for `check` and a stopped build) and a summary line."""
    n_err = sum(1 for f in findings if f.is_error)
    n_info = sum(1 for f in findings if f.severity == "info")
    n_warn = len(findings) - n_err - n_info
    files = len({f.path for f in findings})
    summary = (
        f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}"
        + (f", {n_info} info" if n_info else "")
        + (f" in {files} file{'s' if files != 1 else ''}" if findings else "")
    )
    if not findings:
        return "no problems found: " + summary
    shown, omitted = cap_findings(findings)
    rows = [tuple(c.upper() for c in TABLE_COLUMNS), *table_rows(shown, root)]
    level = {(f.path, f.rule): f.severity for f in findings}  # a rule's own level
    rows += [
        (
            "error" if o.errors else level[(o.path, o.rule)],
            _rel(o.path, root),
            "",
            "",
            o.rule,
            "",
            "",
            o.message,
        )
        for o in omitted
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(TABLE_COLUMNS) - 1)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in rows
    ]
    return "\n".join([*lines, summary])


def render_json(report: QcReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
