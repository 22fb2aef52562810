"""The bytes of a YAML file as text, and YAML's syntax errors in plain words.

Bytes as text: in the encodings YAML allows (YAML 1.2, 5.2):
UTF-8, UTF-16 and UTF-32 in either byte order, told by a byte order mark or, without
one, by where the zero bytes of the first (ASCII) character fall. Anything else is
refused naming the line of the first byte that is not UTF-8 and the encoding the
file looks like, so the user knows what to convert from."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import ConfigError

# longest first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# where several legacy encodings give the same text, name the one most files are in
_COMMON = ("cp1252", "cp1251", "cp1250", "cp1256", "cp1253", "cp1254", "cp1255", "cp1257")
_FRIENDLY = {f"cp125{i}": f"Windows-125{i}" for i in range(9)}


def _sniff(data: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM to skip) by YAML's rules; UTF-8 when nothing says otherwise."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0":
        return "utf-32-be", 0
    if len(head) == 4 and head[1:] == b"\0\0\0":
        return "utf-32-le", 0
    if len(head) >= 2 and head[0] == 0:
        return "utf-16-be", 0
    if len(head) >= 2 and head[1] == 0:
        return "utf-16-le", 0
    return "utf-8", 0


def _looks_like(data: bytes) -> str | None:
    """The legacy encoding charset detection finds, preferring a common one that
    reads the same (a short cp1252 file decodes identically as cp1250)."""
    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    text = str(best)
    for name in _COMMON:
        try:
            if data.decode(name) == text:
                return _FRIENDLY.get(name, name)
        except UnicodeDecodeError:
            continue
    return _FRIENDLY.get(best.encoding, best.encoding)


def decode_yaml(data: bytes, path: Path) -> str:
    name, skip = _sniff(data)
    try:
        return data[skip:].decode(name)
    except UnicodeDecodeError as e:
        at = skip + e.start
        line = data[skip:at].decode(name, errors="replace").count("\n") + 1
        if name != "utf-8":
            raise ConfigError(
                f"the file starts as {name.upper()} but is not {name.upper()} further on "
                f"(byte {at}: {e.reason})",
                path=path,
                line=line,
                hint="save it again as UTF-8",
            ) from None
        looks = _looks_like(data)
        bad = data[at : at + 1].hex().upper()
        raise ConfigError(
            f"not UTF-8 text: this line holds byte 0x{bad}, which is not UTF-8"
            + (f"; the file looks like {looks}" if looks else ""),
            path=path,
            line=line,
            hint="save the file as UTF-8 (in the editor: Save As, encoding UTF-8)"
            + (f", or convert it: iconv -f {looks} -t UTF-8" if looks else ""),
        ) from None


def plain_syntax_error(problem: str | None, text: str, line: int) -> tuple[str, str] | None:
    """(message, hint) for a YAML syntax error a new user meets, in words that say
    what to do; None for the others. ``line`` is 0-based, as in YAML's marks."""
    lines = text.splitlines()
    if problem != "mapping values are not allowed here" or not 0 <= line < len(lines):
        return None
    # `title: Graduation 2025: the film` reads as a key inside a value
    key, sep, value = lines[line].partition(": ")
    if not sep or not value.strip():
        return None
    value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return (
        "a colon followed by a space inside a value: YAML takes it for the start of another key",
        f'put the value in quotes: {key.strip()}: "{value}"',
    )
