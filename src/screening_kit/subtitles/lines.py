"""What the SRT and WebVTT readers share: line ends, the last blank line, dropped
markup and the cue limit, each reported as a ``Notice``."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SubtitleError
from .markup import convert
from .model import Notice

MAX_CUES = 20_000


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


def final_blank_line(lines: list[str], notices: list[Notice]) -> None:
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


def markup_notices(cue: int, numbered: list[tuple[int, str]], notices: list[Notice]) -> None:
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


def too_many_cues(count: int, path: Path) -> None:
    if count > MAX_CUES:
        raise SubtitleError(
            f"more than {MAX_CUES:,} cues ({count:,}); a feature film has about 1,500",
            path=path,
            hint="is this the right file? split a very long programme into several films",
        )
