"""Subtitle markup: what a cue's text shows, and the only ASS overrides it may become.

Subtitle files carry a little markup: ``<i>``, ``<b>``, ``<u>``, ``<font color=...>``
and a leading ``{\\an8}`` (top placement). Those become ASS overrides that *we*
write. Other override blocks (``{\\...}``: drawing commands, font or position
changes) and other tags are dropped and reported; they never reach libass as
commands. Braces without a command and backslashes are shown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# one token: an ASS override block (braces around a backslash command) or an HTML-like
# tag. Other braces are text: "{laughs}" is shown as written.
_TOKEN = re.compile(r"\{[^{}\n]*\\[^{}\n]*\}|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")
_FONT_ATTR = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_SPECIAL = re.compile(r"[{}<\\]")  # anything that needs the tokenizer or escaping
_AN8 = re.compile(r"\\an8", re.I)

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


def _escape(text: str) -> str:
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
    pos = 0
    lead = len(text) - len(text.lstrip())
    for m in _TOKEN.finditer(text):
        chunk = text[pos : m.start()]
        out.append(_escape(chunk))
        visible.append(chunk)
        pos = m.end()
        tok = m.group(0)
        low = tok.lower()
        if tok.startswith("{"):
            if m.start() == lead and _AN8.search(tok):
                top = True
                rest = _AN8.sub("", tok[1:-1]).strip()
                if rest:
                    dropped.append("{" + rest + "}")
            else:
                dropped.append(tok)
        elif low in ("<i>", "<b>", "<u>", "</i>", "</b>", "</u>"):
            name = low.strip("</>")
            out.append(f"{{\\{name}{0 if low.startswith('</') else 1}}}")
        elif low.startswith("<font"):
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
        elif low == "</font>":
            if colours and colours.pop() is not None:
                previous = next((c for c in reversed(colours) if c is not None), None)
                out.append("{\\c" + previous + "}" if previous else "{\\c}")
        else:
            dropped.append(tok)
    out.append(_escape(text[pos:]))
    visible.append(text[pos:])
    shown = "\n".join(line.strip() for line in "".join(visible).strip("\n").split("\n"))
    body = "".join(out).strip().replace("\n", "\\N")
    return Markup(("{\\an8}" if top else "") + body, shown, top, tuple(dropped))


def visible_text(text: str) -> str:
    """The characters a cue shows (markup removed), lines separated by ``\\n``."""
    return convert(text).visible
