"""SRT as editors write it, split into cues by their timing lines.

We keep the line numbers so every error and notice can name one. What editors'
tools get wrong (no final blank line, blank lines inside a cue, index numbers that
skip or repeat, ``.`` for ``,`` in times, fractions of one or two digits, fields out
of range) is read as meant and reported as a ``Notice``: ``,4`` is 0.4 s and ``,04``
0.04 s, as a decimal fraction reads (and as pysubs2 reads them), and
``00:00:61,000`` is 61 s. A block with an index number but no timing line is left
out with a warning rather than shown as the text of the cue before it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..clock import whole_seconds_clock
from ..errors import SubtitleError
from .lines import final_blank_line, markup_notices, split_lines, too_many_cues
from .model import Cue, Notice

_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}[,.:]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_INDEX = re.compile(r"^\s*(\d+)\s*$")
_BAD_SEPARATOR = re.compile(r"\d{1,3}:\d{1,2}:\d{1,2}([.:])\d{1,3}")
_FIELDS = re.compile(r"(\d{1,3}):(\d{1,2}):(\d{1,2})[,.:](\d{1,3})")
# a line meant as a timing line that is not one: digits and colons, then an arrow
_TIMING_LIKE = re.compile(r"-->|^\s*\d+:\d+:\d+[,.:]\d+\s*(?:->|=>|—>|–>|- ?- ?>)")


def _time(written: str, line: int, cue: int, notices: list[Notice]) -> int:
    """Milliseconds of one timestamp, with a notice for a short fraction or a field
    out of range (both read as meant)."""
    m = _FIELDS.fullmatch(written)
    assert m is not None  # _TIMING matched it
    h, mi, se, frac = m.groups()
    if len(frac) < 3:
        ms = int(frac.ljust(3, "0"))
        notices.append(
            Notice(
                line,
                f"cue {cue}: {written!r} has {len(frac)} digit{'s' * (len(frac) > 1)} after "
                f"the seconds, read as a decimal fraction ({ms} ms)",
                "timestamp-fraction",
                cue,
                written,
            )
        )
    if int(mi) > 59 or int(se) > 59:
        field = "minutes" if int(mi) > 59 else "seconds"
        notices.append(
            Notice(
                line,
                f"cue {cue}: {written!r} has {field} above 59, read as that many "
                f"{field} ({whole_seconds_clock(((int(h) * 60 + int(mi)) * 60 + int(se)) * 1000)})",
                "timestamp-range",
                cue,
                written,
            )
        )
    return ((int(h) * 60 + int(mi)) * 60 + int(se)) * 1000 + int(frac.ljust(3, "0"))


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
        # an index number is fine: the line after it is where the timing should be
        if _INDEX.match(lines[first]) and first + 1 < len(lines) and lines[first + 1].strip():
            first += 1
        raise SubtitleError(
            f"no SRT timing line found (expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'), "
            f"got {lines[first].strip()[:40]!r}",
            path=path,
            line=first + 1,
        )
    # a line that looks like a timing (has "-->") but does not parse would otherwise
    # be read as text of the cue before it: the editor meant a new cue
    for i, line in enumerate(lines):
        if _TIMING_LIKE.search(line) and not _TIMING.match(line):
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
        body = _without_lost_blocks(body, lines, cue_no, notices)
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
        start_ms = _time(timing_match.group(1), t + 1, cue_no, notices)
        end_ms = _time(timing_match.group(2), t + 1, cue_no, notices)
        markup_notices(cue_no, kept, notices)
        cues.append(Cue(cue_no, start_ms, end_ms, "\n".join(s for _, s in kept), t + 1))
    final_blank_line(lines, notices)
    return cues, notices


def _without_lost_blocks(
    body: list[int], lines: list[str], cue: int, notices: list[Notice]
) -> list[int]:
    """``body`` up to a blank line followed by an index number alone on its line: a
    cue whose timing line is missing. It is left out (with a warning naming it), not
    shown as more text of this cue."""
    for k in range(1, len(body)):
        i = body[k]
        if not lines[body[k - 1]].strip() and _INDEX.match(lines[i]):
            notices.append(
                Notice(
                    i + 1,
                    f"cue {cue}: the block after it (index {lines[i].strip()}) has no "
                    "timing line, left out",
                    "bad-timing",
                    cue,
                    lines[i].strip(),
                )
            )
            return body[: k - 1]
    return body
