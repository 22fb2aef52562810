"""Subtitle QC limits per script family; the source of each is in docs/subtitle-qc.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScriptRules:
    family: str
    max_chars_per_line: int
    cps_warn: float
    cps_error: float
    source: str
    # characters counted as half a character (CJK: half-width forms)
    half_width_counts_half: bool = False
    rtl: bool = False


FAMILIES: dict[str, ScriptRules] = {
    r.family: r
    for r in (
        ScriptRules("alphabetic", 42, 17, 20, "Netflix TTSG (42/line, 17 cps adult)"),
        ScriptRules("rtl", 42, 17, 20, "Netflix Arabic TTSG (42/line)", rtl=True),
        ScriptRules("indic", 42, 17, 20, "Netflix Hindi TTSG (42/line); speed as Latin"),
        ScriptRules("unspaced", 35, 17, 20, "Netflix Thai TTSG (35/line); speed as Latin"),
        ScriptRules("ethiopic", 34, 10, 12, "derived: same width and text as Latin (see docs)"),
        ScriptRules("chinese", 16, 9, 9, "Netflix Chinese TTSGs (16/line, 9 cps)", True),
        ScriptRules("hangul", 16, 12, 12, "Netflix Korean TTSG", True),
        ScriptRules("japanese", 13, 4, 4, "Netflix Japanese TTSG", True),
    )
}
