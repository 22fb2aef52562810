"""Subtitle QC: every rule of ``qc.registry``, run before anything is encoded.

``check_workspace`` reads every subtitle file and title-card text a workspace's
countries need and returns ``Finding`` objects (errors and warnings). The CLI's
``check`` command prints them as a table or JSON; ``build`` runs the same checks
first and stops on errors (``--force`` builds anyway and records them in
``package.json``).

The rules, their severities and thresholds, and what ``fix`` does about each, are
listed once in ``qc.registry`` (docs/subtitle-qc.md shows the same table).
"""

from __future__ import annotations

from .findings import FileRead, Finding, Number, QcReport, Severity
from .registry import MAX_DURATION, MAX_LINES, MIN_DURATION, MIN_GAP_FRAMES, RULES, Rule
from .rules import (
    char_weight,
    check_card_glyphs,
    check_cues,
    line_length,
)
from .table import TABLE_COLUMNS, SubtitleQcError, render_json, render_table, table_rows
from .workspace import check_workspace, needed_subtitles, read_workspace_track

__all__ = [
    "MAX_DURATION",
    "MAX_LINES",
    "MIN_DURATION",
    "MIN_GAP_FRAMES",
    "RULES",
    "TABLE_COLUMNS",
    "FileRead",
    "Finding",
    "Number",
    "QcReport",
    "Rule",
    "Severity",
    "SubtitleQcError",
    "char_weight",
    "check_card_glyphs",
    "check_cues",
    "check_workspace",
    "line_length",
    "needed_subtitles",
    "read_workspace_track",
    "render_json",
    "render_table",
    "table_rows",
]
