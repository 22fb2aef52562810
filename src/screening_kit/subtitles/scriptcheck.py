"""Is a decoded subtitle file written in the language's script? Judged on cue text.

Only lines that are cue text count: not timing lines, index numbers, the WEBVTT
header or markup (``markup.visible_text``). Each such line is in the script when
at least half its letters are, a wide (CJK, Hangul) character weighing as much as
three Latin letters (it carries about a word: "[Chinese Traditional] 她有一隻貓"
is a Chinese line). The file is in the script when 40% of its lines with
letters are: bilingual Chinese/English releases, Big5 files with English labels
and films with English songs pass, a decode into the wrong script does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..languages import SCRIPTS, dominant_script, in_script
from .markup import visible_text

MIN_LINE_SHARE = 0.4  # of the cue lines with letters, in the language's script
WIDE_WEIGHT = 3.0  # one CJK or Hangul character, counted against Latin letters
MAX_LINES = 3000  # a sample large enough for any film; a long file is not read twice
_NOT_TEXT = re.compile(r"-->|^\s*\d+\s*$|^\ufeff?WEBVTT")


@dataclass(frozen=True)
class ScriptJudgement:
    ok: bool
    lines: int  # cue lines with letters
    in_script: int  # of them, in the script
    found: str | None  # the script most of the cue text is in


def _weight(ch: str) -> float:
    return WIDE_WEIGHT if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0


def cue_lines(text: str) -> list[str]:
    """The visible cue text of a decoded SRT or WebVTT file, line by line."""
    out: list[str] = []
    for line in text.splitlines():
        if _NOT_TEXT.search(line):
            continue
        shown = visible_text(line).strip()
        if shown:
            out.append(shown)
        if len(out) >= MAX_LINES:
            break
    return out


def judge_script(text: str, script: str) -> ScriptJudgement:
    lines = cue_lines(text)
    if script not in SCRIPTS:  # a script we have no letters for accepts any text
        return ScriptJudgement(True, len(lines), len(lines), None)
    counted = ours = 0
    for line in lines:
        total = mine = 0.0
        for ch in line:
            if ch.isalpha() or unicodedata.category(ch).startswith("M"):
                w = _weight(ch)
                total += w
                if in_script(ch, script):
                    mine += w
        if total:
            counted += 1
            ours += mine >= 0.5 * total
    ok = not counted or ours >= MIN_LINE_SHARE * counted
    return ScriptJudgement(ok, counted, ours, dominant_script("\n".join(lines)))
