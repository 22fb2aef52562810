"""Subtitle markup: what a cue's text shows, and the only ASS overrides it may become.

Subtitle files carry a little markup: ``<i>``, ``<b>``, ``<u>``, ``<font color=...>``
and a leading ``{\\an8}`` (top placement). Those become ASS overrides that *we*
write. Other override blocks (``{\\...}``: drawing commands, font or position
changes) and other tags are dropped and reported; they never reach libass as
commands. Braces without a command and backslashes are shown as text.

``tokens`` is the one reading of what in a cue's text is markup: the reader, the
normaliser, ``fix`` and the ASS writer all go through it. A tag whose name is not
one SRT editors write (``<i>`` ``<b>`` ``<u>`` ``<s>`` ``<font>``) is markup only
when it is closed in the same cue (``<some_tag>..</some_tag>``), as VLC and the
SubRip capability tester read it: ``x<y and y>z`` and ``2<3,5>1`` are text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

# an ASS override block (braces around a backslash command) or an HTML-like tag.
# Other braces are text: "{laughs}" is shown as written.
_TOKEN = re.compile(
    r"(?P<override>\{[^{}\n]*\\[^{}\n]*\})"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9_]*)(?:\s[^<>\n]*)?(?P<void>/)?>"
)
_KNOWN_TAGS = frozenset(("i", "b", "u", "s", "font"))
_FONT_ATTR = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SPECIAL = re.compile(r"[{}<\\]")  # anything that needs the tokenizer or escaping
_AN8 = re.compile(r"\\an8", re.I)

TokenKind = Literal["text", "tag", "override"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str  # as written
    start: int  # offset in the cue's text
    name: str = ""  # a tag's name, lower case ("" for text and overrides)
    closing: bool = False  # </name>


def tokens(text: str) -> list[Token]:
    """``text`` cut into text, tags and override blocks (concatenated, ``text``)."""
    if not _SPECIAL.search(text):
        return [Token("text", text, 0)] if text else []
    found = list(_TOKEN.finditer(text))
    # where each name is first opened and last closed: an unknown tag is markup only
    # when the cue closes it after it opens (and a closing tag, when it was opened)
    first_open: dict[str, int] = {}
    last_close: dict[str, int] = {}
    for m in found:
        name = (m.group("name") or "").lower()
        if name and m.group("close"):
            last_close[name] = m.start()
        elif name:
            first_open.setdefault(name, m.start())
    out: list[Token] = []
    pos = 0

    def text_to(end: int) -> None:  # a tag that is not markup stays in this run
        if end > pos:
            out.append(Token("text", text[pos:end], pos))

    for m in found:
        name = (m.group("name") or "").lower()
        closing = m.group("close") is not None
        if name and name not in _KNOWN_TAGS and not m.group("void"):
            if closing and not first_open.get(name, len(text)) < m.start():
                continue
            if not closing and not last_close.get(name, -1) > m.start():
                continue
        text_to(m.start())
        kind: TokenKind = "override" if m.group("override") else "tag"
        out.append(Token(kind, m.group(0), m.start(), name, closing))
        pos = m.end()
    text_to(len(text))
    return out


def outside_markup(text: str, fn: Callable[[str], str]) -> str:
    """``text`` with ``fn`` applied to each run of text between markup."""
    return "".join(fn(t.text) if t.kind == "text" else t.text for t in tokens(text))


NAMED_COLOURS = {
    "white": "FFFFFF",
    "black": "000000",
    "red": "FF0000",
    "green": "008000",
    "lime": "00FF00",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "cyan": "00FFFF",
    "aqua": "00FFFF",
    "magenta": "FF00FF",
    "fuchsia": "FF00FF",
    "orange": "FFA500",
    "gray": "808080",
    "grey": "808080",
    "silver": "C0C0C0",
}


@dataclass(frozen=True)
class Markup:
    """A cue's text converted once: ASS text, the visible text and what was dropped."""

    ass: str  # safe ASS event text (only our overrides), lines joined with \\N
    visible: str  # the characters shown on screen, lines separated by "\n"
    top: bool  # {\\an8}: place at the top
    dropped: tuple[str, ...]  # markup removed from the text, as written


def escape_ass(text: str) -> str:
    """Plain text to ASS text that libass shows as written.

    libass reads ``\\N``, ``\\n``, ``\\h`` as commands: a word joiner (U+2060, not
    drawn) after each backslash keeps them text. ``\\{`` and ``\\}`` are libass's
    escapes for literal braces, so a brace never opens an override block.
    """
    text = text.replace("\\", "\\\u2060")
    return text.replace("{", "\\{").replace("}", "\\}")


def _colour(value: str) -> str | None:
    v = value.strip().lower()
    v = NAMED_COLOURS.get(v, v).lower().lstrip("#")
    if re.fullmatch(r"[0-9a-f]{3}", v):
        v = "".join(c * 2 for c in v)
    if not re.fullmatch(r"[0-9a-f]{6}", v):
        return None
    rr, gg, bb = v[0:2], v[2:4], v[4:6]
    return "&H" + (bb + gg + rr).upper() + "&"


def convert(text: str) -> Markup:
    """Convert one cue's text (SRT-style markup, lines separated by ``\\n``)."""
    if not _SPECIAL.search(text):  # plain text, the common case
        shown = "\n".join(line.strip() for line in text.strip("\n").split("\n"))
        return Markup(text.strip().replace("\n", "\\N"), shown, False, ())
    out: list[str] = []
    visible: list[str] = []
    dropped: list[str] = []
    colours: list[str | None] = []  # open <font> tags: the colour each set (None: none)
    top = False
    lead = len(text) - len(text.lstrip())
    for token in tokens(text):
        tok = token.text
        if token.kind == "text":
            out.append(escape_ass(tok))
            visible.append(tok)
        elif token.kind == "override":
            if token.start == lead and _AN8.search(tok):
                top = True
                rest = _AN8.sub("", tok[1:-1]).strip()
                if rest:
                    dropped.append("{" + rest + "}")
            else:
                dropped.append(tok)
        elif (
            token.name in ("i", "b", "u") and tok.lower() == f"<{'/' * token.closing}{token.name}>"
        ):
            out.append(f"{{\\{token.name}{0 if token.closing else 1}}}")
        elif token.name == "font" and not token.closing:
            colour: str | None = None
            for am in _FONT_ATTR.finditer(tok[5:-1]):
                value = am.group(2) or am.group(3) or am.group(4) or ""
                if am.group(1).lower() == "color" and _colour(value) is not None:
                    colour = _colour(value)
                else:
                    dropped.append(am.group(0))
            colours.append(colour)
            if colour is not None:
                out.append("{\\c" + colour + "}")
        elif token.name == "font" and tok.lower() == "</font>":
            if colours and colours.pop() is not None:
                previous = next((c for c in reversed(colours) if c is not None), None)
                out.append("{\\c" + previous + "}" if previous else "{\\c}")
        else:
            dropped.append(tok)
    shown = "\n".join(line.strip() for line in "".join(visible).strip("\n").split("\n"))
    body = "".join(out).strip().replace("\n", "\\N")
    return Markup(("{\\an8}" if top else "") + body, shown, top, tuple(dropped))


def visible_text(text: str) -> str:
    """The characters a cue shows (markup removed), lines separated by ``\\n``."""
    return convert(text).visible
