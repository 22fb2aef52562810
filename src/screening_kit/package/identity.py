"""A package's identity: a short build id derived from its content alone.

Every file of a package is either *content* (media, playlists, launchers) or one of
the files that carry the build id (package.json, RUNSHEET.html, PLAY.html,
VERIFY.html, MANIFEST.sha256), which are written from the content and the id. The id hashes
the content files' manifest lines and package.json without its id, so two packages
with the same id hold the same bytes, and a rebuild that changes nothing keeps its
id and every byte (there is no clock in a package).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "MANIFEST.sha256"
PACKAGE_JSON = "package.json"
RUNSHEET = "RUNSHEET.html"
VERIFY_HTML = "VERIFY.html"
PLAY_HTML = "PLAY.html"
ID_FILES = (RUNSHEET, PACKAGE_JSON, PLAY_HTML, VERIFY_HTML, MANIFEST)  # written from content + id
ID_LENGTH = 8  # hex digits: 4 billion values, still readable off a printed sheet

_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


def content_digest(doc: dict[str, Any], content: dict[str, str]) -> str:
    """What the package holds, apart from its history: package.json without its id
    and history, and the content files' hashes."""
    core = {k: v for k, v in doc.items() if k not in ("build_id", "changes")}
    blob = json.dumps(
        {"package": core, "files": sorted(content.items())},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def build_id(digest: str, history: list[dict[str, Any]]) -> str:
    """The content digest and the history (which package.json carries) together."""
    blob = json.dumps([digest, history], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:ID_LENGTH]


def parse_manifest(text: str) -> dict[str, str]:
    """name -> sha256 of a ``sha256sum`` listing; lines that are not entries are skipped."""
    out = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            out[m.group(2)] = m.group(1).lower()
    return out


@dataclass(frozen=True)
class OnDisk:
    """A package folder as it is: its package.json and its manifest."""

    folder: Path
    doc: dict[str, Any]
    manifest: dict[str, str]

    @property
    def build_id(self) -> str | None:
        bid = self.doc.get("build_id")
        return bid if isinstance(bid, str) else None

    @property
    def country(self) -> str:
        return str(self.doc.get("country", ""))

    @property
    def content(self) -> dict[str, str]:
        return {n: h for n, h in self.manifest.items() if n not in ID_FILES}

    @property
    def history(self) -> list[dict[str, Any]]:
        h = self.doc.get("changes")
        return [e for e in h if isinstance(e, dict)] if isinstance(h, list) else []


def read_package(folder: Path) -> OnDisk | None:
    """The package in ``folder`` (its manifest empty when missing: a copy caught half-way),
    or None when it has no readable package.json."""
    try:
        doc = json.loads((folder / PACKAGE_JSON).read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    try:
        manifest = parse_manifest((folder / MANIFEST).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        manifest = {}
    return OnDisk(folder, doc, manifest) if isinstance(doc, dict) else None


def looks_like_package(folder: Path) -> bool:
    return (folder / PACKAGE_JSON).is_file() or (folder / MANIFEST).is_file()


def package_folders(folder: Path) -> list[Path]:
    """The package folders directly inside ``folder`` (dist/ or a stick), by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and looks_like_package(p))
