"""Read SRT files the way editors mean them.

Bytes are decoded first (BOM, strict UTF-8, then charset detection), then the
text is split into cues by their timing lines. pysrt parses each timing line;
we keep the line numbers so every error and notice can name one.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pysrt
from charset_normalizer import from_bytes

from ..errors import InputError, SubtitleError
from .model import Cue, Notice, SubtitleTrack

_TIMING = re.compile(
    r"^\s*\d{1,3}:\d{1,2}:\d{1,2}[,.:]\d{1,3}\s*-->\s*\d{1,3}:\d{1,2}:\d{1,2}[,.:]\d{1,3}"
)
_INDEX = re.compile(r"^\s*\d+\s*$")


def decode_bytes(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). ``encoding`` from the config wins."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise SubtitleError(
                f"cannot decode as {encoding}: {e}",
                path=path,
                hint="fix or remove the encoding given for this file in ceremony.yaml",
            ) from None
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise SubtitleError(
            "cannot tell this file's text encoding",
            path=path,
            hint="save it as UTF-8, or state its encoding in ceremony.yaml",
        )
    return str(best), best.encoding


def _ms(t: pysrt.SubRipTime) -> int:
    return int(t.ordinal)


def parse_srt(text: str, path: Path) -> tuple[list[Cue], list[Notice]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    notices: list[Notice] = []
    starts = [i for i, line in enumerate(lines) if _TIMING.match(line)]
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
    # anything before the first cue other than its index number is not SRT
    head_end = starts[0] - 1 if starts[0] > 0 and _INDEX.match(lines[starts[0] - 1]) else starts[0]
    for i in range(head_end):
        if lines[i].strip().lstrip("\ufeff"):
            raise SubtitleError(
                f"unexpected text before the first cue: {lines[i].strip()[:40]!r}",
                path=path,
                line=i + 1,
            )
    for n, t in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[t + 1 : end]
        # the next cue's index number belongs to the next cue
        if n + 1 < len(starts) and body and _INDEX.match(body[-1]):
            body = body[:-1]
        while body and not body[-1].strip():
            body.pop()
        try:
            start, stop, _pos = pysrt.SubRipItem.split_timestamps(lines[t])
            start_ms = _ms(pysrt.SubRipTime.from_string(start))
            end_ms = _ms(pysrt.SubRipTime.from_string(stop))
        except (pysrt.InvalidItem, pysrt.InvalidTimeString, ValueError) as e:
            raise SubtitleError(
                f"cannot read the timing line {lines[t].strip()!r} ({type(e).__name__})",
                path=path,
                line=t + 1,
                cue=n + 1,
            ) from None
        cues.append(Cue(n + 1, start_ms, end_ms, "\n".join(s.rstrip() for s in body), t + 1))
    return cues, notices


def read_subtitles(path: Path, encoding: str | None = None) -> SubtitleTrack:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("subtitle file not found", path=path) from None
    text, enc = decode_bytes(data, path, encoding)
    if path.suffix.lower() != ".srt":
        raise SubtitleError(
            f"unsupported subtitle format {path.suffix!r}", path=path, hint="use .srt"
        )
    cues, notices = parse_srt(text, path)
    return SubtitleTrack(path, enc, cues, notices)
