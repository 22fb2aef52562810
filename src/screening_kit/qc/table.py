"""Findings as people read them: the table (for `check` and a stopped build) and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..clock import srt_clock
from ..errors import ScreeningKitError
from .findings import FileRead, Finding, Number, QcReport, cap_findings, shown_path


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
        where = shown_path(f.path, root) + (f":{f.line}" if f.line else "")
        rows.append(
            (
                f.severity,
                where,
                str(f.cue) if f.cue is not None else "",
                srt_clock(f.start_ms) if f.start_ms is not None else "",
                f.rule,
                _cell(f.value, f.unit),
                _cell(f.limit, f.unit),
                f.message,
            )
        )
    return rows


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def files_table(files: Sequence[FileRead], root: Path | None = None) -> str:
    """What the checks read: per file its kind, the encoding found and the cue count."""
    rows = [
        (
            shown_path(f.path, root),
            f.kind,
            f.encoding or "unreadable",
            _plural(f.count, f.unit) if f.count is not None else "",
        )
        for f in files
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [
        "  " + "  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
        for r in rows
    ]
    return f"read {_plural(len(files), 'file')}:\n" + "\n".join(x.rstrip() for x in lines)


def render_table(
    findings: Sequence[Finding],
    root: Path | None = None,
    files: Sequence[FileRead] = (),
) -> str:
    """A plain-text table (the same for `check` and a stopped build) and a summary line;
    with ``files``, what was read comes first."""
    n_err = sum(1 for f in findings if f.is_error)
    n_warn = sum(1 for f in findings if f.severity == "warning")
    n_info = sum(1 for f in findings if f.severity == "info")
    with_files = len({f.path for f in findings})
    summary = (
        f"{_plural(n_err, 'error')}, {_plural(n_warn, 'warning')}"
        + (f", {n_info} info" if n_info else "")
        + (f" in {_plural(with_files, 'file')}" if findings else "")
    )
    head = [files_table(files, root)] if files else []
    if not n_err and not n_warn:
        summary = "no problems found: " + summary
    if not findings:
        return "\n".join([*head, summary])
    shown, omitted = cap_findings(findings)
    rows = [tuple(c.upper() for c in TABLE_COLUMNS), *table_rows(shown, root)]
    level = {(f.path, f.rule): f.severity for f in findings}  # a rule's own level
    rows += [
        (
            "error" if o.errors else level[(o.path, o.rule)],
            shown_path(o.path, root),
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
    return "\n".join([*head, *lines, summary])


def render_json(report: QcReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
