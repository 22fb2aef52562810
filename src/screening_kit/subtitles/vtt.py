"""WebVTT read by the W3C parsing algorithm (https://www.w3.org/TR/webvtt1/, "WebVTT
parser algorithm", "collect a WebVTT block", "WebVTT cue text parsing rules").

Blocks are collected as the spec says: a line holding ``-->`` in the first or second
line of a block starts a cue (so cues written without a blank line between them are
two cues); a block whose timing line cannot be read is left out with a ``bad-timing``
warning naming the line; NOTE, STYLE and REGION blocks and anything else without a
cue timing are skipped (after the first cue, a block of text that is no cue is
reported as ``text-outside-cue``: a browser does not show it either).

Cue text is tokenized by the spec's rules and becomes the SRT-style text the rest of
screening-kit reads (``model.Cue``): ``<i>`` ``<b>`` ``<u>`` stay, ``<c.yellow>``
and the other colour classes of the spec's default style sheet become
``<font color>``, voice, language, other classes and timestamp tags are structure
and vanish, ruby text is shown in parentheses after its base (libass has no ruby),
entities become characters and an unknown tag is dropped with a ``markup-dropped``
warning. A cue placed near the top (``line:`` below 50% or a small line number)
becomes a leading ``{\\an8}``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SubtitleError
from .lines import markup_notices, split_lines
from .model import Cue, Notice

_DIGITS = re.compile(r"\d*")
_WS = " \t\n\f\r"
# the spec's default text colour classes (section "Default classes")
_COLOUR_CLASSES = {
    "white": "#ffffff",
    "lime": "#00ff00",
    "cyan": "#00ffff",
    "red": "#ff0000",
    "yellow": "#ffff00",
    "magenta": "#ff00ff",
    "blue": "#0000ff",
    "black": "#000000",
}
_STRUCTURE = frozenset(("c", "v", "lang", "ruby", "rt"))
# a "<" our own markup reader would take for the start of a tag
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/])")


def _timestamp(s: str, pos: int) -> tuple[int, int] | None:
    """The spec's "collect a WebVTT timestamp": (milliseconds, new position) or None."""
    m = _DIGITS.match(s, pos)
    assert m is not None
    if not m.group(0):
        return None
    first, pos = m.group(0), m.end()
    hours_form = len(first) != 2 or int(first) > 59
    if pos >= len(s) or s[pos] != ":":
        return None
    m = _DIGITS.match(s, pos + 1)
    assert m is not None
    if len(m.group(0)) != 2:
        return None
    second, pos = m.group(0), m.end()
    if hours_form or (pos < len(s) and s[pos] == ":"):
        if pos >= len(s) or s[pos] != ":":
            return None
        m = _DIGITS.match(s, pos + 1)
        assert m is not None
        if len(m.group(0)) != 2:
            return None
        h, mi, se, pos = int(first), int(second), int(m.group(0)), m.end()
    else:
        h, mi, se = 0, int(first), int(second)
    if pos >= len(s) or s[pos] != ".":
        return None
    m = _DIGITS.match(s, pos + 1)
    assert m is not None
    if len(m.group(0)) != 3 or mi > 59 or se > 59:
        return None
    return ((h * 60 + mi) * 60 + se) * 1000 + int(m.group(0)), m.end()


def _skip_ws(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] in _WS:
        pos += 1
    return pos


def _timing(line: str) -> tuple[int, int, str] | None:
    """The spec's "collect WebVTT cue timings and settings": (start, end, settings)."""
    got = _timestamp(line, _skip_ws(line, 0))
    if got is None:
        return None
    start, pos = got
    pos = _skip_ws(line, pos)
    if line[pos : pos + 3] != "-->":
        return None
    got = _timestamp(line, _skip_ws(line, pos + 3))
    if got is None:
        return None
    end, pos = got
    return start, end, line[pos:]


def _is_top(settings: str) -> bool:
    """``line:`` near the top: below 50%, or line 0 to 3 counted from the top."""
    for setting in settings.split():
        name, _, value = setting.partition(":")
        if name != "line" or not value:
            continue
        value = value.split(",")[0]
        m = re.fullmatch(r"(-?\d+(?:\.\d+)?)(%?)", value)
        if m is None:
            return False
        number = float(m.group(1))
        return number < 50 if m.group(2) else 0 <= number < 4
    return False


@dataclass
class _Block:
    first: int  # 0-based index of the block's first line
    timing_line: int  # 0-based index of the timing line (-1: none)
    timing: tuple[int, int, str] | None = None
    text: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, text)


def _blocks(lines: list[str]) -> list[_Block]:
    """The spec's block loop over ``lines`` (after the signature line): every block,
    cue or not."""
    i = 1
    out: list[_Block] = []

    def collect(in_header: bool) -> _Block:
        nonlocal i
        block = _Block(i, -1)
        count, previous, seen_arrow = 0, i, False
        while i < len(lines):
            line = lines[i]
            i += 1
            count += 1
            if "-->" in line:
                if not in_header and (count == 1 or (count == 2 and not seen_arrow)):
                    seen_arrow = True
                    previous = i
                    block.timing_line = i - 1
                    block.timing = _timing(line)
                    block.text = []  # the identifier, if any, is not text
                    continue
                i = previous
                break
            if line == "":
                break
            block.text.append((i, line))
            previous = i
        return block

    if i < len(lines) and lines[i] != "":
        collect(True)  # the header: its lines are not cues
    while i < len(lines):
        while i < len(lines) and lines[i] == "":
            i += 1
        if i < len(lines):
            out.append(collect(False))
    return out


@dataclass
class _Node:
    name: str
    close: str  # what our text writes when it closes


def _start_tag(body: str) -> tuple[str, list[str], str]:
    """(name, classes, annotation) of a start tag's text between < and >."""
    m = re.match(r"([^\t\n\f .]*)((?:\.[^\t\n\f .]*)*)(?:[\t\n\f ](.*))?$", body, re.S)
    assert m is not None
    classes = [c for c in m.group(2).split(".") if c]
    annotation = " ".join(html.unescape(m.group(3) or "").split())
    return m.group(1), classes, annotation


def cue_text(text: str) -> tuple[str, list[str]]:
    """WebVTT cue text as SRT-style text, and the unknown tags dropped (as written)."""
    out: list[str] = []
    dropped: list[str] = []
    stack: list[_Node] = []
    pos = 0
    while pos < len(text):
        if text[pos] != "<":
            end = text.find("<", pos)
            end = len(text) if end < 0 else end
            # a "<" written as &lt; stays text: a word joiner keeps it from our tags
            out.append(_TAG_LIKE.sub("<\u2060", html.unescape(text[pos:end])))
            pos = end
            continue
        end = text.find(">", pos + 1)
        end = len(text) if end < 0 else end
        body, raw = text[pos + 1 : end], text[pos : end + 1]
        pos = end + 1
        if body.startswith("/"):
            name = body[1:]
            if stack and stack[-1].name == name:
                out.append(stack.pop().close)
            elif name == "ruby" and stack and stack[-1].name == "rt":
                out.append(stack.pop().close)
                out.append(stack.pop().close)
            elif name not in _STRUCTURE and name not in ("i", "b", "u"):
                dropped.append(raw)
            continue
        if body[:1].isdigit():
            continue  # a timestamp tag (karaoke timing): no place in burned-in text
        name, classes, _ = _start_tag(body)
        if name in ("i", "b", "u"):
            out.append(f"<{name}>")
            stack.append(_Node(name, f"</{name}>"))
        elif name == "c":
            colour = next((_COLOUR_CLASSES[c] for c in classes if c in _COLOUR_CLASSES), None)
            out.append(f'<font color="{colour}">' if colour else "")
            stack.append(_Node(name, "</font>" if colour else ""))
        elif name == "rt":
            if stack and stack[-1].name == "ruby":
                out.append("(")
                stack.append(_Node(name, ")"))
        elif name in ("v", "lang", "ruby"):
            stack.append(_Node(name, ""))
        elif name:
            dropped.append(raw)
    out.extend(node.close for node in reversed(stack))
    return "".join(out), dropped


def parse_vtt(text: str, path: Path) -> tuple[list[Cue], list[Notice]]:
    notices: list[Notice] = []
    lines = split_lines(text.removeprefix("\ufeff"), notices)
    first = lines[0] if lines else ""
    if not first.startswith("WEBVTT") or first[6:7] not in ("", " ", "\t"):
        raise SubtitleError(
            "a .vtt file must start with the line 'WEBVTT'",
            path=path,
            line=1,
            hint="the first line must be WEBVTT alone, or followed by a space or tab",
        )
    blocks = _blocks(lines)
    cues: list[Cue] = []
    bad: list[int] = []
    for block in blocks:
        if block.timing_line < 0:
            head = block.text[0][1] if block.text else ""
            if cues and head.split(" ")[0] not in ("NOTE", "STYLE", "REGION"):
                notices.append(
                    Notice(
                        block.text[0][0],
                        f"text that belongs to no cue, left out (a blank line ends a "
                        f"WebVTT cue): {head.strip()[:40]!r}",
                        "text-outside-cue",
                        0,
                        head.strip()[:40],
                    )
                )
            continue
        if block.timing is None:
            written = lines[block.timing_line]
            bad.append(block.timing_line + 1)
            notices.append(
                Notice(
                    block.timing_line + 1,
                    f"cannot read the timing line {written.strip()[:60]!r} (expected "
                    "'HH:MM:SS.mmm --> HH:MM:SS.mmm'): the cue is left out",
                    "bad-timing",
                    0,
                    written.strip()[:60],
                )
            )
            continue
        start_ms, end_ms, settings = block.timing
        cue_no = len(cues) + 1
        body, dropped = cue_text("\n".join(s for _, s in block.text))
        numbered = list(zip([n for n, _ in block.text], body.split("\n"), strict=False))
        markup_notices(cue_no, numbered, notices)
        for tok in dropped:
            notices.append(
                Notice(
                    block.timing_line + 1,
                    f"cue {cue_no}: tag {tok!r} is not WebVTT, dropped (its text is shown)",
                    "markup-dropped",
                    cue_no,
                    tok,
                )
            )
        body = "\n".join(s.rstrip() for s in body.split("\n"))
        if _is_top(settings) and not body.lstrip().startswith("{\\an8}"):
            body = "{\\an8}" + body
        cues.append(Cue(cue_no, start_ms, end_ms, body, block.timing_line + 1))
    if not cues:
        raise SubtitleError(
            "the file has no cues"
            + (
                f" that can be read (bad timing lines: {', '.join(map(str, bad[:5]))})"
                if bad
                else ""
            ),
            path=path,
            line=bad[0] if bad else None,
        )
    return cues, notices
