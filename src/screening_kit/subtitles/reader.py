"""Read SRT (and WebVTT) files the way editors mean them.

Bytes are decoded first, in the file's language (``encoding.decode_bytes``), then
parsed by ``srt.parse_srt`` or ``vtt.parse_vtt``. Control characters are removed
and the text normalised, each change reported as a ``Notice``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SubtitleError
from ..fsio import read_limited
from .encoding import decode_bytes, primary_subtag
from .lines import MAX_CUES, too_many_cues
from .model import Cue, Notice, SubtitleTrack
from .normalise import normalise, rules_for
from .srt import parse_srt
from .vtt import parse_vtt

__all__ = ["MAX_CUES", "MAX_SUBTITLE_BYTES", "SUPPORTED_SUFFIXES", "parse_srt", "read_subtitles"]

SUPPORTED_SUFFIXES = (".srt", ".vtt")
# A feature film's subtitles are ~100 KB and ~1,500 cues (UTF-16 doubles the bytes);
# far past that the file is not subtitles, and reading it would cost minutes and GBs.
MAX_SUBTITLE_BYTES = 8 * 1024 * 1024
# control characters (C0 but the line feed, DEL, C1): libass stops a line at NUL
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_WEBVTT = re.compile(r"\ufeff?WEBVTT(?:[ \t\r\n]|$)")
# what a bad decode leaves in text that is valid UTF-8: the replacement character,
# and UTF-8 bytes read as cp1252 or Latin-1 and saved again ("Ã©" for "é", "â€”" or
# "â" and two C1 controls for "—"): a lead byte, then continuation bytes as cp1252
# or Latin-1 shows them
_CONT = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_MOJIBAKE = re.compile(f"\ufffd|[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}")


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
    decoded: list[Notice] = []
    text, enc = decode_bytes(
        data, path, encoding, script=script, language=language, notices=decoded
    )
    del data
    if suffix == ".vtt":
        cues, notices = parse_vtt(text, path)
    elif _WEBVTT.match(text):
        cues, notices = parse_vtt(text, path)
        notices.append(
            Notice(
                1,
                "the file is WebVTT (it starts with WEBVTT), read as WebVTT; rename it to .vtt",
                "webvtt-in-srt",
                0,
                "WEBVTT",
            )
        )
    else:
        cues, notices = parse_srt(text, path)
    notices += decoded
    too_many_cues(len(cues), path)
    _mojibake(cues, notices)
    cues = _strip_controls(cues, notices)
    cues = _normalised(cues, primary_subtag(language), script or "", notices)
    notices.sort(key=lambda n: n.line)
    return SubtitleTrack(path, enc, cues, notices)


def _mojibake(cues: list[Cue], notices: list[Notice]) -> None:
    """A warning naming each cue with what a wrong decode leaves behind: the file is
    still read (one bad character is no reason to refuse a film's subtitles)."""
    for cue in cues:
        found = _MOJIBAKE.findall(cue.text)
        if found:
            shown = ", ".join(repr(f) for f in dict.fromkeys(found))
            notices.append(
                Notice(
                    cue.line,
                    f"cue {cue.index}: {shown} looks like a character lost in an "
                    "earlier conversion of the file (mojibake); check this cue",
                    "mojibake",
                    cue.index,
                    "".join(dict.fromkeys(found)),
                )
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
