"""One track's repairs: a cue list in, a cue list out, and what changed.

Pure: the caller reads the file, the film's facts and shot changes. Text is only
ever changed in its line breaks and its Unicode normalisation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..clock import srt_time
from ..languages import ScriptRules, is_spaced
from ..subtitles.model import Cue
from .lines import rebreak
from .timing import fix_timing


@dataclass(frozen=True)
class Change:
    cue: int  # the cue's number in the file as read
    what: str  # "in", "out", "lines", "normalised"
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"cue": self.cue, "what": self.what, "detail": self.detail}


def normalise(text: str, language: str) -> str:
    """The form subtitle text is stored in: NFC (composed characters), which every
    renderer and font handles and which keeps comparisons and lengths stable."""
    return unicodedata.normalize("NFC", text)


def fix_cues(
    cues: Sequence[Cue],
    *,
    fps: Fraction,
    shots: Sequence[int],
    film_frames: int,
    rules: ScriptRules,
    language: str,
    script: str,
) -> tuple[list[Cue], list[Change]]:
    """The repaired cues in file order (renumbered from 1) and the changes made."""
    changes: list[Change] = []
    texts: list[Cue] = []
    for cue in cues:
        text = normalise(cue.text, language)
        if text != cue.text:
            changes.append(Change(cue.index, "normalised", "Unicode NFC"))
        broken = rebreak(text, rules, language, spaced=is_spaced(script))
        if broken is not None and broken != text:
            changes.append(
                Change(
                    cue.index,
                    "lines",
                    f"{text.count(chr(10)) + 1} -> {broken.count(chr(10)) + 1} lines, re-broken",
                )
            )
            text = broken
        texts.append(Cue(cue.index, cue.start_ms, cue.end_ms, text, cue.line))
    timed, moves = fix_timing(texts, fps, shots, film_frames)
    for m in moves:
        changes.append(
            Change(m.cue, m.edge, f"{srt_time(m.before_ms)} -> {srt_time(m.after_ms)}: {m.reason}")
        )
    changes.sort(key=lambda c: c.cue)
    renumbered = [Cue(n, c.start_ms, c.end_ms, c.text, c.line) for n, c in enumerate(timed, 1)]
    return renumbered, changes
