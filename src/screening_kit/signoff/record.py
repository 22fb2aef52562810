"""What has been signed off, kept in the workspace: ``signoffs/recorded/<lang>.json``.

One file per language holds, per row, the latest verdict any imported sign-off gave
it (with the hashes it was given for, the reviewer and the reviewer's date), and the
list of files imported. It is written only by ``signoff import`` and read by
``status``, ``check``, ``proof`` and ``build``: it is an input of the packages (their
sign-off record), and holds no clock of ours, only the reviewers' own dates.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..fsio import atomic_write_text, inside

FOLDER = "signoffs"
RECORDED = "recorded"
SCHEMA = 1


@dataclass(frozen=True)
class Verdict:
    kind: str
    id: str
    text_sha256: str
    timing_sha256: str | None
    verdict: str  # approved | flagged
    comment: str
    reviewer: str
    date: str  # ISO 8601 with the reviewer's zone

    @property
    def key(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.date)


@dataclass
class Recorded:
    language: str
    rows: dict[str, Verdict]  # row key -> latest verdict
    imports: list[dict[str, Any]]

    def merge(self, verdicts: list[Verdict]) -> None:
        """A verdict replaces the recorded one unless that one is newer (by the
        reviewers' clocks; the later import wins a tie)."""
        for v in verdicts:
            old = self.rows.get(v.key)
            if old is None or old.when <= v.when:
                self.rows[v.key] = v

    def to_json(self) -> str:
        doc = {
            "schema": SCHEMA,
            "language": self.language,
            "rows": [asdict(v) for _, v in sorted(self.rows.items())],
            "imports": self.imports,
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def recorded_path(root: Path, language: str) -> Path:
    return inside(root, FOLDER, RECORDED, f"{language}.json")


def read_recorded(root: Path, language: str) -> Recorded:
    """The recorded state of ``language`` (empty when nothing was imported). A file
    that is not ours any more (edited by hand) is an error naming it."""
    path = recorded_path(root, language)
    if not path.is_file():
        return Recorded(language, {}, [])
    try:
        doc = json.loads(path.read_text("utf-8"))
        rows = [Verdict(**r) for r in doc["rows"]]
        imports = list(doc["imports"])
        for v in rows:
            dt.datetime.fromisoformat(v.date)  # a date that does not parse is damage
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigError(
            f"the recorded sign-off state cannot be read: {e}",
            path=path,
            hint="restore it from a backup, or delete it and import the sign-off files again",
        ) from None
    return Recorded(language, {v.key: v for v in rows}, imports)


def write_recorded(root: Path, state: Recorded) -> Path:
    path = recorded_path(root, state.language)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, state.to_json())
    return path
