"""WebVTT, as subtitle editors export it, read into the same cues as SRT.

Cue text keeps ``<i>``, ``<b>``, ``<u>``; voice, class, language, ruby and
timestamp tags are WebVTT structure and are removed silently; entities become
characters. A cue placed near the top (``line:`` below 50% or a small line
number) becomes a leading ``{\\an8}``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SubtitleError
from .lines import markup_notices, split_lines
from .model import Cue, Notice

_TS = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(.*)$")
_STRUCTURE = re.compile(
    r"</?(?:c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>", re.I
)
_ENTITIES = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&nbsp;": "\u00a0",
    "&lrm;": "\u200e",
    "&rlm;": "\u200f",
    "&quot;": '"',
    "&apos;": "'",
}
_ENTITY = re.compile("|".join(re.escape(k) for k in _ENTITIES))


def _ms(h: str | None, m: str, s: str, ms: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def _is_top(settings: str) -> bool:
    m = re.search(r"\bline:(-?\d+(?:\.\d+)?)(%?)", settings)
    if m is None:
        return False
    value = float(m.group(1))
    return value < 50 if m.group(2) else 0 <= value < 4


def _cue_text(line: str) -> str:
    line = _STRUCTURE.sub("", line)
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], line)


def parse_vtt(text: str, path: Path) -> tuple[list[Cue], list[Notice]]:
    notices: list[Notice] = []
    lines = split_lines(text.lstrip("\ufeff"), notices)
    if not lines or not lines[0].startswith("WEBVTT"):
        raise SubtitleError("a .vtt file must start with the line 'WEBVTT'", path=path, line=1)
    # blocks of non-blank lines: (first line number 0-based, lines)
    blocks: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    start = 0
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            if not cur:
                start = i
            cur.append(line)
        elif cur:
            blocks.append((start, cur))
            cur = []
    cues: list[Cue] = []
    # (cue number, numbered text lines, start, end, top, timing line)
    pending: list[tuple[int, list[tuple[int, str]], int, int, bool, int]] = []
    for start, block in blocks[1:] if blocks and blocks[0][0] == 0 else blocks:
        head = block[0].split()[0] if block[0].split() else ""
        if head in ("NOTE", "STYLE", "REGION"):
            continue
        t = -1
        if _TIMING.match(block[0]):
            t = 0
        elif len(block) > 1 and _TIMING.match(block[1]):
            t = 1
        if t < 0:
            if pending:
                # text after a blank line inside a cue: the editor meant one cue
                cue_no = pending[-1][0]
                notices.append(
                    Notice(
                        start,
                        f"cue {cue_no}: blank line inside the cue's text, removed",
                        "blank-line-in-cue",
                        cue_no,
                    )
                )
                pending[-1][1].extend((start + 1 + k, s.rstrip()) for k, s in enumerate(block))
                continue
            raise SubtitleError(
                f"not a WebVTT cue: {block[0].strip()[:40]!r}", path=path, line=start + 1
            )
        m = _TIMING.match(block[t])
        assert m is not None
        g = m.groups()
        numbered = [(start + t + 2 + k, s.rstrip()) for k, s in enumerate(block[t + 1 :])]
        pending.append(
            (
                len(pending) + 1,
                numbered,
                _ms(g[0], g[1], g[2], g[3]),
                _ms(g[4], g[5], g[6], g[7]),
                _is_top(g[8]),
                start + t + 1,
            )
        )
    for cue_no, numbered, start_ms, end_ms, top, timing_line in pending:
        cleaned = [(n, _cue_text(s)) for n, s in numbered]
        markup_notices(cue_no, cleaned, notices)
        body = "\n".join(s for _, s in cleaned)
        if top and not body.lstrip().startswith("{\\an8}"):
            body = "{\\an8}" + body
        cues.append(Cue(cue_no, start_ms, end_ms, body, timing_line))
    if not cues:
        raise SubtitleError("the file has no cues", path=path)
    return cues, notices
