"""Names of files in a package: what every USB-stick file system accepts, numbered
in running order."""

from __future__ import annotations

import re
import unicodedata

from ..plan import PackageItem

# FAT32/exFAT (and Windows) refuse these in names; control characters too.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f:?*"<>|\\/]+')
# DOS device names are reserved whatever the extension ("CON.mp4" cannot be opened).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))}
_RESERVED |= {f"LPT{i}" for i in range(10)}
MAX_NAME_BYTES = 120  # well under FAT32/exFAT's 255 UTF-16 units, room for copies' suffixes


def safe_stem(text: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``text`` made into a file name part that every USB-stick file system accepts."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    raw = text.encode("utf-8")[:max_bytes]
    text = raw.decode("utf-8", errors="ignore").rstrip(" .")  # never cut a character in half
    return text or "_"


def file_name(item: PackageItem) -> str:
    """``NN_<id>[.<lang>].<ext>``: numbered in running order for players that ignore
    playlists; the number comes first so any sort order plays the ceremony right."""
    # a bilingual film says both: 01_film.kk+ru.mp4
    both = f"{item.language}+{item.second}" if item.language and item.second else item.language
    lang = f".{safe_stem(both, 33)}" if both else ""
    ext = f".{safe_stem(item.ext.lstrip('.'), 8)}" if item.ext.strip(". ") else ""
    budget = MAX_NAME_BYTES - len(lang.encode()) - len(ext.encode()) - 4
    return f"{item.position:02d}_{safe_stem(item.item_id, budget)}{lang}{ext}"


def part_name(name: str, index: int, count: int) -> str:
    """``02_film.en.mp4`` -> ``02_film.en.part1.mp4``: sorts in playing order."""
    stem, dot, ext = name.rpartition(".")
    width = len(str(count))
    return f"{stem}.part{index + 1:0{width}d}{dot}{ext}"
