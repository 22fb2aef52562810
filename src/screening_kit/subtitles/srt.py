"""SRT as editors write it, split into cues by their timing lines.

pysrt parses each timing line; we keep the line numbers so every error and notice
can name one. What editors' tools get wrong (no final blank line, blank lines inside
a cue, index numbers that skip or repeat, ``.`` for ``,`` in times) is read as meant
and reported as a ``Notice``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pysrt

from ..errors import SubtitleError
from .lines import final_blank_line, markup_notices, split_lines, too_many_cues
from .model import Cue, Notice

_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}[,.:]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_INDEX = re.compile(r"^\s*(\d+)\s*$")
_BAD_SEPARATOR = re.compile(r"\d{1,3}:\d{1,2}:\d{1,2}([.:])\d{1,3}")


def _ms(t: pysrt.SubRipTime) -> int:
    return int(t.ordinal)


def parse_srt(text: str, path: Path) -> tuple[list[Cue], list[Notice]]:
    notices: list[Notice] = []
    lines = split_lines(text, notices)
    cues: list[Cue] = []
    starts = [i for i, line in enumerate(lines) if _TIMING.match(line)]
    too_many_cues(len(starts), path)
    if not starts:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise SubtitleError("the file has no cues", path=path)
        raise SubtitleError(
            f"no SRT timing line found (expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'), "
            f"got {lines[first].strip()[:40]!r}",
            path=path,
            line=first + 1,
        )
    # a line that looks like a timing (has "-->") but does not parse would otherwise
    # be read as text of the cue before it: the editor meant a new cue
    for i, line in enumerate(lines):
        if "-->" in line and not _TIMING.match(line):
            raise SubtitleError(
                f"cannot read the timing line {line.strip()[:60]!r} "
                "(expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm')",
                path=path,
                line=i + 1,
            )
    # anything before the first cue other than its index number is not SRT
    head_end = starts[0] - 1 if starts[0] > 0 and _INDEX.match(lines[starts[0] - 1]) else starts[0]
    for i in range(head_end):
        if lines[i].strip().lstrip("\ufeff"):
            raise SubtitleError(
                f"unexpected text before the first cue: {lines[i].strip()[:40]!r}",
                path=path,
                line=i + 1,
            )
    previous_index: int | None = None
    for n, t in enumerate(starts):
        cue_no = n + 1
        # the index number written above the timing line
        idx_match = _INDEX.match(lines[t - 1]) if t > 0 else None
        if idx_match is None:
            notices.append(
                Notice(
                    t + 1,
                    f"cue {cue_no}: no index number above the timing line",
                    "index-sequence",
                    cue_no,
                    "missing",
                )
            )
        else:
            written = int(idx_match.group(1))
            expected = 1 if previous_index is None else previous_index + 1
            if written != expected:
                what = (
                    "repeats"
                    if previous_index is not None and written <= previous_index
                    else "skips"
                )
                notices.append(
                    Notice(
                        t,
                        f"cue {cue_no}: index {written} {what} (expected {expected}); "
                        "cues are numbered by position",
                        "index-sequence",
                        cue_no,
                        str(written),
                    )
                )
            previous_index = written
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = list(range(t + 1, end))
        # the next cue's index number belongs to the next cue
        if n + 1 < len(starts) and body and _INDEX.match(lines[body[-1]]):
            body.pop()
        while body and not lines[body[-1]].strip():
            body.pop()
        kept: list[tuple[int, str]] = []
        for i in body:
            if lines[i].strip():
                kept.append((i + 1, lines[i].rstrip()))
            else:
                notices.append(
                    Notice(
                        i + 1,
                        f"cue {cue_no}: blank line inside the cue's text, removed",
                        "blank-line-in-cue",
                        cue_no,
                    )
                )
        timing = lines[t]
        timing_match = _TIMING.match(timing)
        assert timing_match is not None
        seps = {m.group(1) for m in _BAD_SEPARATOR.finditer(timing_match.group(0))}
        for sep in sorted(seps):
            notices.append(
                Notice(
                    t + 1,
                    f"cue {cue_no}: timestamp uses {sep!r} instead of ',' before the "
                    "milliseconds, read as ','",
                    "timestamp-separator",
                    cue_no,
                    sep,
                )
            )
        try:
            start_s = re.sub(r"[.:](\d{1,3})$", r",\1", timing_match.group(1))
            stop_s = re.sub(r"[.:](\d{1,3})$", r",\1", timing_match.group(2))
            start_ms = _ms(pysrt.SubRipTime.from_string(start_s))
            end_ms = _ms(pysrt.SubRipTime.from_string(stop_s))
        except (pysrt.InvalidItem, pysrt.InvalidTimeString, ValueError) as e:
            raise SubtitleError(
                f"cannot read the timing line {timing.strip()!r} ({type(e).__name__})",
                path=path,
                line=t + 1,
                cue=cue_no,
            ) from None
        markup_notices(cue_no, kept, notices)
        cues.append(Cue(cue_no, start_ms, end_ms, "\n".join(s for _, s in kept), t + 1))
    final_blank_line(lines, notices)
    return cues, notices
