"""Re-breaking a cue whose lines are too long (or too many) into at most two lines.

Only the line breaks change: the words, their order, spaces inside a line and the
markup stay as written. The break goes where the layout is best for a reader:
both lines within the script's limit, after punctuation where there is some,
balanced and, where possible, bottom-heavy (the top line no longer than the
bottom), never after a word that belongs to the next (an article, a one-letter
word) and, in Japanese, only where kinsoku allows. A cue with a dialogue line
(one starting with a dash) is left alone: its lines are its speakers.
"""

from __future__ import annotations

import re

from ..languages import SCRIPTS, ScriptRules, in_script
from ..qc.registry import MAX_LINES
from ..qc.rules import line_length
from ..subtitles.markup import tokens, visible_text
from ..textfit import break_offsets

_DASHES = ("-", "–", "—")
_PUNCT = set(',.;:!?…،؛؟。、，！？；：」』）)»"”')
# words that belong with the word after them, by language (lower case); one-letter
# words count for every language written with spaces
_KEEP_WITH_NEXT: dict[str, str] = {
    "en": "the an to of my your his her its our their",
    "fr": "le la les un une des du de au aux ce mon ma mes son sa ses",
    "de": "der die das den dem des ein eine einen einem einer zu",
    "es": "el la los las un una unos unas del al de mi tu su",
    "it": "il lo la gli le un una uno del della di al",
    "pt": "os as um uma uns umas do da dos das de no na",
    "nl": "de het een",
    "pl": "na do od ze we za",
    "ru": "на по за из от до для не",
    "uk": "на по за із від до для не",
}


def _tags_mask(text: str) -> list[bool]:
    """True at each offset inside markup (``markup.tokens``): no break goes there."""
    inside = [False] * len(text)
    for token in tokens(text):
        if token.kind != "text":
            for k in range(token.start, token.start + len(token.text)):
                inside[k] = True
    return inside


def _dialogue(line: str) -> bool:
    """The line's first visible character is a dash: a speaker's line."""
    return visible_text(line).lstrip()[:1] in _DASHES


_UNSPACED = tuple(code for code, info in SCRIPTS.items() if not info.spaced)


def _unspaced(ch: str) -> bool:
    """A character of a script written without spaces between words (or CJK
    punctuation): lines of it are joined without a space."""
    return any(in_script(ch, code) for code in _UNSPACED) or "\u3000" <= ch <= "\u303f"


def _joined(lines: list[str], spaced: bool) -> str:
    out = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        glue = " "
        if not spaced and out and line and (_unspaced(out[-1]) or _unspaced(line[0])):
            glue = ""
        out += glue + line
    return out


def _breaks(text: str, spaced: bool, language: str) -> list[tuple[int, int]]:
    """(end of the top line, start of the bottom line) at every allowed break."""
    mask = _tags_mask(text)
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"\s+", text):
        if not mask[m.start()] and m.start() > 0 and m.end() < len(text):
            out.append((m.start(), m.end()))
    if not spaced:
        # ICU's break opportunities (dictionary words in Thai, kinsoku in CJK)
        for k in break_offsets(text, language):
            if mask[k] or mask[k - 1] or text[k - 1].isspace() or text[k].isspace():
                continue
            out.append((k, k))
    return out


def _last_word(shown: str) -> str:
    words = shown.split()
    return words[-1].lower() if words else ""


def rebreak(text: str, rules: ScriptRules, language: str, *, spaced: bool = True) -> str | None:
    """``text`` laid out in at most two lines within the limit, or None when it
    already is, or no allowed break makes it so. ``spaced``: words are separated by
    spaces (False for Japanese)."""
    lines = text.split("\n")
    shown = [ln for ln in visible_text(text).split("\n") if ln.strip()]
    limit = rules.max_chars_per_line
    if len(shown) <= MAX_LINES and all(line_length(ln, rules) <= limit for ln in shown):
        return None
    if any(_dialogue(ln) for ln in lines[1:]):
        return None
    joined = _joined([ln for ln in lines if ln.strip()], spaced)
    if line_length(visible_text(joined), rules) <= limit:
        return joined
    keep = set(_KEEP_WITH_NEXT.get(language.split("-")[0].lower(), "").split())
    best: tuple[float, str] | None = None
    for end, start in _breaks(joined, spaced, language):
        top, bottom = joined[:end], joined[start:]
        vt, vb = visible_text(top).strip(), visible_text(bottom).strip()
        lt, lb = line_length(vt, rules), line_length(vb, rules)
        if not vt or not vb or lt > limit or lb > limit:
            continue
        word = _last_word(vt)
        cost = abs(lt - lb) + (2.0 if lt > lb else 0.0)
        # after punctuation is the first choice, unless it leaves one line a stub
        if vt[-1] in _PUNCT and min(lt, lb) >= 0.4 * max(lt, lb):
            cost -= 15.0
        if spaced and (word in keep or (len(word) == 1 and word.isalpha())):
            cost += 100.0
        if vb[0] in _PUNCT:
            cost += 100.0
        if best is None or cost < best[0]:
            best = (cost, f"{top}\n{bottom}")
    return best[1] if best is not None else None
