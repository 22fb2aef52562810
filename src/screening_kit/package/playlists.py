"""Ceremony playlists: M3U8 (UTF-8) and XSPF 1 with VLC's repeat option.

The M3U8 writes each repeat as its own entry: mpv and most TV players ignore
``#EXTVLCOPT:input-repeat`` (a ceremony of 212 s played 117 s in mpv), and every
player that reads M3U plays a listed entry. The XSPF, which only VLC reads, keeps
one track per item with VLC's option: VLC honours only "safe" options from playlist
files; ``input-repeat`` is one. It counts *extra* plays, so an item played 3 times
carries ``input-repeat=2``. Both play the same order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

XSPF_NS = "http://xspf.org/ns/0/"
VLC_NS = "http://www.videolan.org/vlc/playlist/ns/0/"
VLC_APP = "http://www.videolan.org/vlc/playlist/0"


@dataclass(frozen=True)
class Entry:
    filename: str
    title: str
    duration: float  # seconds, one play
    repeat: int  # total plays
    until_start: bool = False  # PLAY.html loops it until the start time


def one_line(text: str) -> str:
    """Text safe inside one M3U line and in XML 1.0: a title with a line break would
    otherwise turn its second half into a bogus file entry, and control characters
    make an XSPF file unparseable."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff]+", " ", text).strip()


def m3u8(title: str, entries: list[Entry]) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{one_line(title)}"]
    for e in entries:
        for k in range(e.repeat):
            shown = f"{e.title} ({k + 1}/{e.repeat})" if e.repeat > 1 else e.title
            lines.append(f"#EXTINF:{e.duration:.3f},{one_line(shown)}")
            lines.append(e.filename)
    return "\n".join(lines) + "\n"


def xspf(title: str, entries: list[Entry]) -> str:
    ET.register_namespace("", XSPF_NS)
    ET.register_namespace("vlc", VLC_NS)
    root = ET.Element(f"{{{XSPF_NS}}}playlist", {"version": "1"})
    ET.SubElement(root, f"{{{XSPF_NS}}}title").text = one_line(title)
    tracks = ET.SubElement(root, f"{{{XSPF_NS}}}trackList")
    for i, e in enumerate(entries):
        t = ET.SubElement(tracks, f"{{{XSPF_NS}}}track")
        ET.SubElement(t, f"{{{XSPF_NS}}}location").text = quote(e.filename)
        ET.SubElement(t, f"{{{XSPF_NS}}}title").text = one_line(e.title)
        ET.SubElement(t, f"{{{XSPF_NS}}}duration").text = str(round(e.duration * 1000))
        ext = ET.SubElement(t, f"{{{XSPF_NS}}}extension", {"application": VLC_APP})
        ET.SubElement(ext, f"{{{VLC_NS}}}id").text = str(i)
        if e.repeat > 1:
            ET.SubElement(ext, f"{{{VLC_NS}}}option").text = f"input-repeat={e.repeat - 1}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
