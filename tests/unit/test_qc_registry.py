"""qc.registry: every rule listed once, read by the docs, the findings and the checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening_kit.qc import Finding
from screening_kit.qc.registry import INFO_RULES, RULES, markdown_table

DOC = Path(__file__).parents[2] / "docs" / "subtitle-qc.md"


def test_docs_table_is_the_registry() -> None:
    text = DOC.read_text("utf-8")
    assert markdown_table() in text, "run `python -m screening_kit.qc.registry` for the table"


def test_reader_irregularities_are_the_info_rules() -> None:
    assert INFO_RULES == (
        "line-endings",
        "final-blank-line",
        "index-sequence",
        "timestamp-separator",
        "timestamp-fraction",
        "timestamp-range",
        "webvtt-in-srt",
    )


def test_severities_are_known() -> None:
    assert {r.severity for r in RULES.values()} <= {"error", "warning", "info", "warning/error"}


def test_a_finding_of_an_unregistered_rule_cannot_be_made() -> None:
    with pytest.raises(ValueError, match=r"not in qc\.registry\.RULES"):
        Finding("error", "no-such-rule", Path("x.srt"), "message")
    assert Finding("error", "overlap", Path("x.srt"), "m").rule == "overlap"
