"""Shot-change lists a film ships instead of detection: an EDL or a CSV of timecodes.

An EDL (CMX 3600, as editing systems export it) gives each event's record-in time
on the programme timeline; the first event's record-in is the programme start
(often 01:00:00:00), so every later event start is a shot change. A CSV gives one
shot change per row in its first column, as a frame number (``1234``), a timecode
(``00:00:51:09``; ``;`` before the frames for drop-frame) or a clock time
(``00:00:51.360`` or ``00:00:51,360``); a header row is allowed.
"""

from __future__ import annotations

import csv
import re
from fractions import Fraction
from pathlib import Path

from ..errors import ConfigError, InputError

MAX_LIST_BYTES = 4 * 1024 * 1024  # a feature has a few thousand shots: a few hundred kB
SUFFIXES = (".edl", ".csv")

_TC = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})([:;.])(\d{2})$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})[.,](\d{1,3})$")
_EVENT = re.compile(
    r"^\s*\d{1,6}\s+.*?(\d{2}:\d{2}:\d{2}[:;.]\d{2})\s+(\d{2}:\d{2}:\d{2}[:;.]\d{2})\s+"
    r"(\d{2}:\d{2}:\d{2}[:;.]\d{2})\s+(\d{2}:\d{2}:\d{2}[:;.]\d{2})\s*$"
)


def timecode_frames(tc: str, fps: Fraction) -> int | None:
    """Frames from the start for ``HH:MM:SS:FF`` at the film's rate (``;`` drop-frame)."""
    m = _TC.match(tc.strip())
    if m is None:
        return None
    h, mi, s, f = (int(m.group(i)) for i in (1, 2, 3, 5))
    base = round(fps)
    if f >= base or mi > 59 or s > 59:
        return None
    frames = ((h * 60 + mi) * 60 + s) * base + f
    if m.group(4) == ";":  # SMPTE drop-frame: 2 (4 at 60) numbers skipped each minute
        drop = round(base / 15)
        minutes = h * 60 + mi
        frames -= drop * (minutes - minutes // 10)
    return frames


def _entry_frames(cell: str, fps: Fraction) -> int | None:
    cell = cell.strip()
    if cell.isdigit():
        return int(cell)
    tc = timecode_frames(cell, fps)
    if tc is not None:
        return tc
    m = _CLOCK.match(cell)
    if m is None:
        return None
    h, mi, s = (int(m.group(i)) for i in (1, 2, 3))
    ms = ((h * 60 + mi) * 60 + s) * 1000 + int(m.group(4).ljust(3, "0"))
    return round(Fraction(ms) * fps / 1000)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_LIST_BYTES:
            raise ConfigError(
                f"shot list is {size} bytes; at most {MAX_LIST_BYTES}",
                path=path,
                hint="a shot list holds one line per shot change",
            )
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("shot list not found", path=path) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"shot list is not UTF-8 text ({e.reason})", path=path) from None


def parse_edl(text: str, fps: Fraction, path: Path) -> list[tuple[int, int]]:
    """(line, frame from the programme start) of each event's record-in."""
    starts: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        m = _EVENT.match(line)
        if m is None:
            continue
        frame = timecode_frames(m.group(3), fps)
        if frame is None:
            raise ConfigError(
                f"record-in timecode {m.group(3)!r} is not valid at {float(fps):g} fps",
                path=path,
                line=number,
            )
        starts.append((number, frame))
    if not starts:
        raise ConfigError(
            "no events found in this EDL",
            path=path,
            hint="expected CMX 3600 event lines ending in four timecodes",
        )
    origin = min(f for _, f in starts)
    return [(n, f - origin) for n, f in starts]


def parse_csv(text: str, fps: Fraction, path: Path) -> list[tuple[int, int]]:
    """(line, frame) of each row's first column."""
    out: list[tuple[int, int]] = []
    for number, row in enumerate(csv.reader(text.splitlines()), 1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        cell = row[0]
        if len(row) > 1 and re.fullmatch(r"\s*\d{1,2}:\d{2}:\d{2}", cell) and row[1].isdigit():
            cell = f"{cell},{row[1]}"  # 00:00:51,360 unquoted: the comma split it
        frame = _entry_frames(cell, fps)
        if frame is None:
            if not out and number == 1 and not any(ch.isdigit() for ch in row[0]):
                continue  # a header
            raise ConfigError(
                f"{row[0].strip()[:40]!r} is not a frame number, timecode (HH:MM:SS:FF) "
                "or time (HH:MM:SS.mmm)",
                path=path,
                line=number,
            )
        out.append((number, frame))
    return out


def read_shot_list(path: Path, fps: Fraction, film_frames: int) -> list[int]:
    """Shot changes (first frame of each new shot) from an EDL or CSV, sorted, without
    the film's first frame; an entry past the film's end is an error naming its line."""
    if path.suffix.lower() not in SUFFIXES:
        raise ConfigError(
            f"unknown shot list format {path.suffix!r}",
            path=path,
            hint="use an EDL (.edl) or a CSV of timecodes (.csv)",
        )
    text = _read_text(path)
    parse = parse_edl if path.suffix.lower() == ".edl" else parse_csv
    entries = parse(text, fps, path)
    for number, frame in entries:
        if frame >= film_frames:
            raise ConfigError(
                f"shot change at frame {frame} is past the film's end ({film_frames} frames "
                f"at {float(fps):g} fps)",
                path=path,
                line=number,
            )
    return sorted({f for _, f in entries if f > 0})
