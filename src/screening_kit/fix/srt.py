"""Writing cues as SRT: UTF-8, LF line ends, numbered from 1, a blank line after each."""

from __future__ import annotations

from collections.abc import Sequence

from ..clock import srt_time
from ..subtitles.model import Cue


def write_srt(cues: Sequence[Cue]) -> str:
    """The cues in the order given, renumbered; blank lines inside a cue's text
    (which would end the cue for every reader) are dropped."""
    blocks = []
    for n, cue in enumerate(cues, 1):
        text = "\n".join(line for line in cue.text.split("\n") if line.strip())
        blocks.append(f"{n}\n{srt_time(cue.start_ms)} --> {srt_time(cue.end_ms)}\n{text}\n")
    # a blank line after every cue, the last one too (`check --strict` asks for it)
    return "".join(block + "\n" for block in blocks)
