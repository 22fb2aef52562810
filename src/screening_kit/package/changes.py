"""What changed in a package since its previous build, in words a person understands.

A package's ``package.json`` lists its inputs by path and hash. For the inputs whose
parts matter one by one (subtitle cues, card texts, slideshow captions) the build
keeps a small sidecar in the cache, keyed by the input's hash, with one digest per
part and aspect (``cue 14`` -> text, timing). Comparing the previous build's sidecar
with this one's names the cause: ``subtitles/documentary/fa.srt: cue 14 text``.
Without the previous sidecar (a pruned cache) the file itself is named.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import Cache
from ..config import Workspace
from ..fsio import atomic_write_text
from ..plan import Facts

Units = dict[str, dict[str, str]]  # part ("cue 14") -> aspect ("text") -> digest

MAX_HISTORY = 20  # entries kept in package.json, newest first
MAX_CAUSES = 12  # per input file; the rest are counted


def _digest(value: object) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def input_units(ws: Workspace, facts: Facts) -> dict[Path, Units]:
    """The parts of every subtitle, card and caption file this build read."""
    out: dict[Path, Units] = {}
    for (film_id, lang), cues in facts.subtitles.items():
        path = ws.subtitle_path(ws.film(film_id), lang)
        out[path] = {
            f"cue {c.index}": {
                "text": _digest(c.text),
                "timing": _digest([c.start_ms, c.end_ms]),
            }
            for c in cues
        }
    for (film_id, lang), cards in ws.cards.items():
        path = ws.cards_path(ws.film(film_id), lang)
        out[path] = {f"card {cid}": {"text": _digest(t.model_dump())} for cid, t in cards.items()}
    for show_id, notes in facts.photo_notes.items():
        show = ws.slideshow(show_id)
        path = ws.root / show.photos / str(show.captions)
        out[path] = {
            f"{photo} caption": {
                **{f"text ({lang})": _digest(text) for lang, text in note.captions.items()},
                "motion": _digest(note.motion),
            }
            for photo, note in notes.items()
        }
    return out


def _sidecar(cache: Cache, sha: str) -> Path:
    return cache.root / "inputs" / sha[:2] / f"{sha}.json"


def remember(cache: Cache, units: dict[Path, Units]) -> None:
    """Keep each input's parts under its hash, for the next build to compare with."""
    for path, parts in units.items():
        sha = cache.file_hash(path)  # remembered by size and mtime: not read again
        side = _sidecar(cache, sha)
        if not side.is_file():
            side.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(side, json.dumps(parts, sort_keys=True))


def _recall(cache: Cache, sha: str) -> Units | None:
    try:
        data = json.loads(_sidecar(cache, sha).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def diff_units(old: Units, new: Units) -> list[str]:
    """``cue 14 text``, ``cue 15 added``, ``card title text``..., in the new file's order."""
    causes = []
    for part, aspects in new.items():
        before = old.get(part)
        if before is None:
            causes.append(f"{part} added")
            continue
        changed = [a for a in aspects if before.get(a) != aspects[a]]
        changed += [a for a in before if a not in aspects]
        if changed:
            causes.append(f"{part} {', '.join(changed)}")
    causes += [f"{part} removed" for part in old if part not in new]
    return causes


def _capped(path: str, causes: list[str]) -> list[str]:
    shown = [f"{path}: {c}" for c in causes[:MAX_CAUSES]]
    if len(causes) > MAX_CAUSES:
        shown.append(f"{path}: and {len(causes) - MAX_CAUSES} more changes")
    return shown


def input_causes(cache: Cache, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Which inputs differ between two builds, and which of their parts."""
    before = {str(i.get("path")): str(i.get("sha256")) for i in old if isinstance(i, dict)}
    after = {str(i["path"]): str(i["sha256"]) for i in new}
    causes: list[str] = []
    for path, sha in after.items():
        was = before.get(path)
        if was is None:
            causes.append(f"{path}: new input")
        elif was != sha:
            a, b = _recall(cache, was), _recall(cache, sha)
            parts = diff_units(a, b) if a is not None and b is not None else []
            causes += _capped(path, parts) if parts else [f"{path}: changed"]
    causes += [f"{path}: no longer used" for path in before if path not in after]
    return causes


_SETTINGS = {
    "profile": "profile",
    "profile_settings": "profile settings",
    "versions": "tool versions",
    "ceremony": "ceremony title",
    "date": "ceremony date",
    "country_name": "country name",
    "language": "language",
    "language_name": "language name",
    "warnings": "warnings",
    "loudness": "loudness measurement",
    "subtitle_qc": "subtitle check findings",
    "signoff": "sign-off",
}


@dataclass(frozen=True)
class FileChanges:
    added: list[str]
    changed: list[str]
    removed: list[str]
    copy_bytes: int  # bytes a copy must receive to catch up (added + changed)

    @property
    def names(self) -> list[str]:
        return [*self.added, *self.changed, *self.removed]


def file_changes(old: dict[str, str], new: dict[str, str], sizes: dict[str, int]) -> FileChanges:
    """Between two manifests (name -> sha256)."""
    added = [n for n in new if n not in old]
    changed = [n for n in new if n in old and old[n] != new[n]]
    removed = [n for n in old if n not in new]
    return FileChanges(added, changed, removed, sum(sizes.get(n, 0) for n in added + changed))


def change_entry(
    cache: Cache,
    old_doc: dict[str, Any] | None,
    new_doc: dict[str, Any],
    files: FileChanges,
) -> dict[str, Any]:
    """One history entry: from which build, which files, and why."""
    if old_doc is None:
        return {"previous": None, "causes": ["first build"], **_files(files)}
    causes = input_causes(cache, _list(old_doc.get("inputs")), new_doc["inputs"])
    explained = bool(causes) or any(
        old_doc.get(k) != new_doc.get(k) for k in ("profile", "profile_settings", "versions")
    )
    for key, words in _SETTINGS.items():
        if old_doc.get(key) != new_doc.get(key):
            was, now = old_doc.get(key), new_doc.get(key)
            if isinstance(now, str) and isinstance(was, str):
                causes.append(f"{words}: {was} -> {now}")
            else:
                causes.append(words)
    old_files = [f for f in _list(old_doc.get("files")) if isinstance(f, dict)]
    old_items = [_item(f) for f in old_files]
    new_items = [_item(f) for f in new_doc["files"]]
    if old_items != new_items:
        causes.append("running order")
    # same inputs, same profile, new render keys: how we render changed (an upgrade,
    # a setting in ceremony.yaml such as chunk length or a card's colour)
    before = {f.get("name"): f.get("render_key") for f in old_files}
    rerendered = [
        f["name"]
        for f in new_doc["files"]
        if f["name"] in before and before[f["name"]] != f.get("render_key")
    ]
    if rerendered and not explained:
        causes.append(f"rendered anew with the same inputs: {', '.join(rerendered)}")
    previous = old_doc.get("build_id")
    return {
        "previous": previous if isinstance(previous, str) else None,
        "causes": causes or ["rendering settings"],
        **_files(files),
    }


def _list(value: object) -> list[Any]:
    """A list from a previous package.json, whatever it holds (it may be hand-edited)."""
    return value if isinstance(value, list) else []


def _item(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f.get("position"), f.get("id"), f.get("repeat"))


def _files(files: FileChanges) -> dict[str, Any]:
    return {
        "added": files.added,
        "changed": files.changed,
        "removed": files.removed,
        "copy_bytes": files.copy_bytes,
    }


def summary(entry: dict[str, Any], copy_bytes: int | None = None) -> str:
    """One line for the build output and the index: each count says what it counts
    and names every file it counts. ``copy_bytes``: the exact figure when known (the
    entry's counts the media and playlists, not the small files that carry the
    build id)."""
    parts = []
    for key in ("added", "changed", "removed"):
        names = entry.get(key) or []
        if names:
            n = len(names)
            parts.append(f"{n} file{'s' if n != 1 else ''} {key} ({', '.join(names)})")
    mb = (entry.get("copy_bytes", 0) if copy_bytes is None else copy_bytes) / 1e6
    return (
        f"{'; '.join(parts) or 'no file added, changed or removed'}; a copy of the previous "
        f"build receives {mb:.1f} MB; because: {'; '.join(entry.get('causes', []))}"
    )
