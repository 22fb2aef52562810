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

import functools
import re
from dataclasses import dataclass

from ..languages import SCRIPTS, dominant_script
from .markup import visible_text

MIN_LINE_SHARE = 0.4  # of the cue lines with letters, in the language's script
WIDE_WEIGHT = 3  # one CJK or Hangul character, counted against Latin letters
MAX_LINES = 3000  # a sample large enough for any film; a long file is not read twice
_NOT_TEXT = re.compile(r"-->|^\s*\d+\s*$|^\ufeff?WEBVTT")
# East Asian Wide letters: Hangul jamo and syllables, kana, CJK, Yi, fullwidth Latin
_WIDE = re.compile(
    "[\u1100-\u115f\u3041-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff21-\uff3a\uff41-\uff5a"
    "\U00020000-\U0003fffd]"
)


@dataclass(frozen=True)
class ScriptJudgement:
    ok: bool
    lines: int  # cue lines with letters
    in_script: int  # of them, in the script
    found: str | None  # the script most of the cue text is in (when not ``ok``)


@functools.cache
def _letters(code: str) -> re.Pattern[str]:
    """Letters and marks of script ``code`` (``languages.SCRIPTS`` ranges)."""
    ranges = SCRIPTS[code].ranges
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]+")


def cue_lines(text: str) -> list[str]:
    """The visible cue text of a decoded SRT or WebVTT file, line by line."""
    out: list[str] = []
    for line in text.splitlines():
        if _NOT_TEXT.search(line):
            continue
        shown = (visible_text(line) if "<" in line or "{" in line else line).strip()
        if shown:
            out.append(shown)
        if len(out) >= MAX_LINES:
            break
    return out


def judge_script(text: str, script: str) -> ScriptJudgement:
    lines = cue_lines(text)
    if script not in SCRIPTS:  # a script we have no letters for accepts any text
        return ScriptJudgement(True, len(lines), len(lines), None)
    pattern = _letters(script)
    counted = ours = 0
    for line in lines:
        letters = sum(map(str.isalpha, line))
        if not letters:
            continue
        counted += 1
        # marks of the script (vowel signs, harakat) count on its side, as letters
        runs = "".join(pattern.findall(line))
        mine = len(runs)
        if _WIDE.search(line):
            letters += (WIDE_WEIGHT - 1) * len(_WIDE.findall(line))
            mine += (WIDE_WEIGHT - 1) * len(_WIDE.findall(runs))
        ours += mine >= 0.5 * letters
    if not counted or ours >= MIN_LINE_SHARE * counted:
        return ScriptJudgement(True, counted, ours, script)
    # only a refusal says which script the text is in
    return ScriptJudgement(False, counted, ours, dominant_script("\n".join(lines)))
