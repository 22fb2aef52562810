"""`fix` over a workspace: every subtitle file, its corrected copy, a diff, and writing it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import Cache
from ..config import Workspace
from ..errors import ConfigError, MachineError, SubtitleError
from ..fsio import atomic_write_bytes, atomic_write_text
from ..media import probe_video
from ..qc.findings import Finding, shown_path
from ..qc.rules import check_cues
from ..qc.shots import check_chaining, check_shot_changes
from ..qc.workspace import read_workspace_track
from ..shots import film_shot_changes
from .core import Change, fix_cues
from .diff import unified_diff
from .srt import write_srt

ORIG_SUFFIX = ".orig"


@dataclass
class FileFix:
    """One subtitle file: as read, as fixed, what changed and what is left to do."""

    film: str
    language: str
    path: Path
    original: bytes
    before: str  # the decoded text
    after: str  # the fixed SRT
    encoding: str
    changes: list[Change] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why the file was not fixed

    @property
    def changed(self) -> bool:
        return self.skipped is None and self.after.encode("utf-8") != self.original

    def diff(self, root: Path | None = None) -> str:
        name = shown_path(self.path, root)
        lines = unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        if self.changed and self.encoding.lower().replace("_", "-") not in ("utf-8", "ascii"):
            text = f"# {name}: re-encoded from {self.encoding} to UTF-8\n" + text
        return text

    def to_dict(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "file": shown_path(self.path, root),
            "film": self.film,
            "language": self.language,
            "encoding": self.encoding,
            "changed": self.changed,
            "skipped": self.skipped,
            "changes": [c.to_dict() for c in self.changes],
            "remaining": [f.to_dict(root) for f in self.remaining],
            "diff": self.diff(root) if self.changed else "",
        }


def fix_workspace(
    ws: Workspace,
    cache: Cache,
    languages: list[str] | None = None,
    *,
    notify: Callable[[str], None] | None = None,
) -> list[FileFix]:
    """A corrected copy of every subtitle file of every film (in ``languages``, default
    all the workspace knows). Writes nothing."""
    for code in languages or []:
        if code not in ws.languages:
            raise ConfigError(
                f"unknown language {code!r}",
                hint=f"languages of this workspace: {', '.join(sorted(ws.languages))}",
            )
    codes = languages or sorted(ws.languages)
    out: list[FileFix] = []
    for film in ws.ceremony.films:
        paths = [(c, ws.subtitle_path(film, c)) for c in codes]
        paths = [(c, p) for c, p in paths if p.is_file()]
        if not paths:
            continue
        facts = probe_video(ws.root / film.source)
        cuts = film_shot_changes(ws, film, cache, facts=facts, notify=notify)
        for code, path in paths:
            lang = ws.languages[code]
            original = path.read_bytes()
            if path.suffix.lower() != ".srt":
                out.append(FileFix(film.id, code, path, original, "", "", "", skipped="not SRT"))
                continue
            try:
                track = read_workspace_track(ws, film, lang)
            except SubtitleError as e:
                out.append(FileFix(film.id, code, path, original, "", "", "", skipped=e.message))
                continue
            cues, changes = fix_cues(
                track.cues,
                fps=facts.fps,
                shots=cuts.frames,
                film_frames=facts.frames,
                rules=lang.rules,
                language=code,
                script=lang.script,
            )
            # the reader already normalised the text (subtitles.normalise): those are
            # changes the fixed file carries too
            changes = sorted(
                changes
                + [
                    Change(n.cue, "normalised", n.value)
                    for n in track.notices
                    if n.rule == "normalised"
                ],
                key=lambda c: c.cue,
            )
            after = write_srt(cues)
            remaining = check_cues(
                cues,
                lang.rules,
                path=path,
                fps=facts.fps,
                film_duration=facts.duration,
                film=film.id,
                language=code,
            )
            remaining += check_shot_changes(
                cues, cuts.frames, facts.fps, path=path, film=film.id, language=code
            )
            remaining += check_chaining(
                cues, facts.fps, path=path, film=film.id, language=code, cuts=cuts.frames
            )
            remaining.sort(key=lambda f: (f.cue or 0, f.rule))
            before = original.decode(track.encoding, errors="replace").lstrip("\ufeff")
            out.append(
                FileFix(
                    film.id, code, path, original, before, after, track.encoding, changes, remaining
                )
            )
    return out


def write_fixes(fixes: list[FileFix]) -> list[Path]:
    """Write every changed file atomically, keeping the first original as ``<file>.orig``
    (a second run never overwrites it). Returns the files written."""
    written = []
    for f in fixes:
        if not f.changed:
            continue
        orig = f.path.with_name(f.path.name + ORIG_SUFFIX)
        try:
            if not orig.exists():
                atomic_write_bytes(orig, f.original)
            atomic_write_text(f.path, f.after)
        except OSError as e:
            raise MachineError(
                f"cannot write the fixed file ({e.strerror or e})",
                path=f.path,
                hint="check the folder is writable and the disk has room; files written "
                "before this one are complete, this one is unchanged",
            ) from None
        written.append(f.path)
    return written
