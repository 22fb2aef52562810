"""Read SRT (and WebVTT) files the way editors mean them.

Bytes are decoded first, in the file's language (``encoding.decode_bytes``).

The text is then split into cues by their timing lines. pysrt parses each timing
line; we keep the line numbers so every error and notice can name one. What
editors' tools get wrong (CR/CRLF line ends, no final blank line, blank lines
inside a cue, index numbers that skip or repeat, ``.`` for ``,`` in times, markup
libass must not execute) is read as meant and reported as a ``Notice``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pysrt

from ..errors import SubtitleError
from ..fsio import read_limited
from .encoding import _subtag, decode_bytes
from .markup import convert
from .model import Cue, Notice, SubtitleTrack
from .normalise import normalise, rules_for

_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}[,.:]\d{1,3}"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_INDEX = re.compile(r"^\s*(\d+)\s*$")
_BAD_SEPARATOR = re.compile(r"\d{1,3}:\d{1,2}:\d{1,2}([.:])\d{1,3}")

SUPPORTED_SUFFIXES = (".srt", ".vtt")
# A feature film's subtitles are ~100 KB and ~1,500 cues (UTF-16 doubles the bytes);
# far past that the file is not subtitles, and reading it would cost minutes and GBs.
MAX_SUBTITLE_BYTES = 8 * 1024 * 1024
MAX_CUES = 20_000
# control characters (C0 but the line feed, DEL, C1): libass stops a line at NUL
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _ms(t: pysrt.SubRipTime) -> int:
    return int(t.ordinal)


def split_lines(text: str, notices: list[Notice]) -> list[str]:
    """Split on any line end; report CRLF or CR line ends once, at the first one."""
    crlf = text.find("\r\n")
    lone_cr = re.search(r"\r(?!\n)", text)
    if crlf >= 0:
        notices.append(
            Notice(
                text.count("\n", 0, crlf) + 1,
                "CRLF (Windows) line endings, read as line breaks",
                "line-endings",
                0,
                "CRLF",
            )
        )
    if lone_cr is not None:
        at = lone_cr.start()
        line = text.count("\n", 0, at) + text.count("\r", 0, at) - text.count("\r\n", 0, at) + 1
        notices.append(
            Notice(line, "CR (old Mac) line endings, read as line breaks", "line-endings", 0, "CR")
        )
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _final_blank_line(lines: list[str], notices: list[Notice]) -> None:
    # after the split, a file ending "text\n\n" ends with two empty strings
    last_text = max((i for i, s in enumerate(lines) if s.strip()), default=-1)
    trailing = len(lines) - 1 - last_text
    if last_text >= 0 and trailing < 2:
        notices.append(
            Notice(
                last_text + 1,
                "no blank line after the last cue"
                + ("" if trailing else " (and no line break at the end of the file)"),
                "final-blank-line",
                0,
            )
        )


def _markup_notices(cue: int, numbered: list[tuple[int, str]], notices: list[Notice]) -> None:
    for line_no, text in numbered:
        for tok in convert(text).dropped:
            notices.append(
                Notice(
                    line_no,
                    f"cue {cue}: markup {tok!r} dropped (subtitle text cannot change fonts, "
                    "positions or draw; only <i> <b> <u> <font color> and a leading {\\an8})",
                    "markup-dropped",
                    cue,
                    tok,
                )
            )


def parse_srt(text: str, path: Path) -> tuple[list[Cue], list[Notice]]:
    notices: list[Notice] = []
    lines = split_lines(text, notices)
    cues: list[Cue] = []
    starts = [i for i, line in enumerate(lines) if _TIMING.match(line)]
    _too_many_cues(len(starts), path)
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
        _markup_notices(cue_no, kept, notices)
        cues.append(Cue(cue_no, start_ms, end_ms, "\n".join(s for _, s in kept), t + 1))
    _final_blank_line(lines, notices)
    return cues, notices


def _normalised(cues: list[Cue], language: str, script: str, notices: list[Notice]) -> list[Cue]:
    """Cues in NFC with the language's rules applied; a warning names each cue changed."""
    rules = rules_for(language, script)
    out: list[Cue] = []
    for cue in cues:
        text, done = normalise(cue.text, rules)
        if done:
            notices.append(
                Notice(
                    cue.line,
                    f"cue {cue.index}: text normalised ({'; '.join(done)})",
                    "normalised",
                    cue.index,
                    ", ".join(done),
                )
            )
            cue = Cue(cue.index, cue.start_ms, cue.end_ms, text, cue.line)
        out.append(cue)
    return out


def read_subtitles(
    path: Path,
    encoding: str | None = None,
    *,
    script: str | None = None,
    language: str | None = None,
) -> SubtitleTrack:
    """Read an SRT or WebVTT file.

    ``script`` (and ``language``, a code such as ``"tr"``) guide encoding detection
    and reject a decode in the wrong script; ``encoding`` states it outright.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SubtitleError(
            f"unsupported subtitle format {path.suffix!r}",
            path=path,
            hint="use .srt or .vtt",
        )
    data = read_limited(path, MAX_SUBTITLE_BYTES, "subtitle file")
    if len(data) > MAX_SUBTITLE_BYTES:
        raise SubtitleError(
            f"file too large for subtitles (over {MAX_SUBTITLE_BYTES // 2**20} MiB; a "
            "feature film's subtitles are about 100 KB)",
            path=path,
            hint="is this the right file?",
        )
    text, enc = decode_bytes(data, path, encoding, script=script, language=language)
    del data
    if suffix == ".vtt":
        from .vtt import parse_vtt

        cues, notices = parse_vtt(text, path)
    else:
        cues, notices = parse_srt(text, path)
    _too_many_cues(len(cues), path)
    cues = _strip_controls(cues, notices)
    cues = _normalised(cues, _subtag(language), script or "", notices)
    notices.sort(key=lambda n: n.line)
    return SubtitleTrack(path, enc, cues, notices)


def _too_many_cues(count: int, path: Path) -> None:
    if count > MAX_CUES:
        raise SubtitleError(
            f"more than {MAX_CUES:,} cues ({count:,}); a feature film has about 1,500",
            path=path,
            hint="is this the right file? split a very long programme into several films",
        )


def _strip_controls(cues: list[Cue], notices: list[Notice]) -> list[Cue]:
    """Remove control characters from cue text, with a warning naming the cue: a NUL
    would end the burned-in line there (libass reads C strings) and the rest are
    invisible at best. A tab becomes a space."""
    out = []
    for cue in cues:
        found = _CONTROL.findall(cue.text)
        if found:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            notices.append(
                Notice(
                    cue.line,
                    f"cue {cue.index}: control character{'s' if len(set(found)) > 1 else ''} "
                    f"{names} removed from the text",
                    "control-character",
                    cue.index,
                    names,
                )
            )
            text = _CONTROL.sub("", cue.text.replace("\t", " "))
            cue = Cue(cue.index, cue.start_ms, cue.end_ms, text, cue.line)
        out.append(cue)
    return out
