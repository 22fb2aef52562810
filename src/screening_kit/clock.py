"""Clocks and timecodes: every time the kit writes, for a file or for a person, in one place.

A leaf (it imports nothing from the package). Each format is the one its readers expect:
SRT and ASS files, editors' frame timecodes, and the shorter clocks of messages and pages.
`tests/unit/test_clock.py` pins every one, edge cases included.
"""

from __future__ import annotations

from fractions import Fraction


def srt_clock(ms: int) -> str:
    """``HH:MM:SS,mmm``; a negative time gets a leading ``-`` (a finding can name a
    time before the film starts, and must say so)."""
    sign = "-" if ms < 0 else ""
    h, rem = divmod(abs(ms), 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, rem = divmod(rem, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d},{rem:03d}"


def srt_time(ms: int) -> str:
    """An SRT file's timestamp: `srt_clock`, with a negative time written as 0 (the
    format has none)."""
    return srt_clock(max(0, ms))


def srt_seconds(seconds: float) -> str:
    """`srt_time` of a time in seconds, to the nearest millisecond."""
    return srt_time(round(seconds * 1000))


def whole_seconds_clock(ms: int) -> str:
    """``HH:MM:SS``, the milliseconds dropped (not rounded): the whole time a written
    SRT timestamp was read as."""
    h, rem = divmod(ms // 1000, 3600)
    return f"{h:02d}:{rem // 60:02d}:{rem % 60:02d}"


def ass_time(seconds: Fraction) -> str:
    """An ASS event time, ``H:MM:SS.cc`` (centiseconds, nearest; a negative time is 0)."""
    cs = max(0, round(seconds * 100))
    h, rem = divmod(cs, 360000)
    m, rem = divmod(rem, 6000)
    s, c = divmod(rem, 100)
    return f"{h}:{m:02d}:{s:02d}.{c:02d}"


def frame_timecode(frame: int, fps: Fraction) -> str:
    """``HH:MM:SS:FF`` (non-drop, at the rate rounded to a whole number), as editors
    name a frame."""
    base = round(fps)
    s, f = divmod(frame, base)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}:{f:02d}"


def tenths_clock(seconds: float) -> str:
    """``00:00:04.2``: the time a message names (tenths: what a player shows)."""
    tenths = round(seconds * 10)
    h, rest = divmod(tenths, 36000)
    m, rest = divmod(rest, 600)
    return f"{h:02d}:{m:02d}:{rest // 10:02d}.{rest % 10}"


def millis_clock(seconds: float) -> str:
    """``H:MM:SS.mmm``: a cue's time on a proof sheet, to the millisecond."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def running_clock(seconds: float) -> str:
    """``H:MM:SS`` to the nearest second: running times and starts on the staff's pages."""
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
