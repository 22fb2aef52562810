"""Where each language stands: every current row compared with what was signed off.

A row is *approved* or *flagged* when the recorded verdict was given for its text
(and timing) as they are now; *stale* when it was given for another version (the
row changed after sign-off); *left* when nobody has given a verdict yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .record import Recorded, Verdict
from .rows import Row


@dataclass(frozen=True)
class RowState:
    row: Row
    state: str  # approved | flagged | stale | new
    verdict: Verdict | None  # the recorded one (for stale: on the older version)


def row_state(row: Row, recorded: Recorded) -> RowState:
    v = recorded.rows.get(row.key)
    if v is None:
        return RowState(row, "new", None)
    if v.text_sha256 != row.text_sha256 or v.timing_sha256 != row.timing_sha256:
        return RowState(row, "stale", v)
    return RowState(row, v.verdict, v)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    name: str
    rows: list[RowState] = field(default_factory=list)

    def _of(self, state: str) -> list[RowState]:
        return [r for r in self.rows if r.state == state]

    @property
    def approved(self) -> list[RowState]:
        return self._of("approved")

    @property
    def flagged(self) -> list[RowState]:
        return self._of("flagged")

    @property
    def stale(self) -> list[RowState]:
        return self._of("stale")

    @property
    def left(self) -> list[RowState]:
        return self._of("new")

    @property
    def state(self) -> str:
        """approved (every current row; nothing to sign off counts) | partly | none."""
        if len(self.approved) == len(self.rows):
            return "approved"
        return "partly" if self.approved or self.flagged or self.stale else "none"

    @property
    def reviewers(self) -> list[tuple[str, str]]:
        """(name, latest date) of whoever approved the current rows, by name."""
        latest: dict[str, Verdict] = {}
        for r in self.approved:
            v = r.verdict
            if v is not None and (v.reviewer not in latest or v.when > latest[v.reviewer].when):
                latest[v.reviewer] = v
        return sorted((n, v.date) for n, v in latest.items())

    def words(self) -> str:
        """One line: ``Arabic: approved by Amal on 2026-12-04``, ``Kazakh: 3 rows
        changed since sign-off (cue 2 of documentary, ...)``."""
        head = f"{self.name}: "
        if not self.rows:
            return head + "nothing to sign off"
        if self.state == "approved":
            by = ", ".join(f"{n} on {d[:10]}" for n, d in self.reviewers)
            return head + f"approved by {by}"
        parts = []
        if self.stale:
            kinds = {r.row.kind for r in self.stale}
            what = f"{next(iter(kinds))}s" if len(kinds) == 1 else "rows"
            if len(self.stale) == 1:
                what = what[:-1]
            names = ", ".join(r.row.name for r in self.stale[:5])
            more = f" and {len(self.stale) - 5} more" if len(self.stale) > 5 else ""
            parts.append(f"{len(self.stale)} {what} changed since sign-off ({names}{more})")
        if self.flagged:
            parts.append(f"{len(self.flagged)} flagged")
        if self.state == "none":
            return head + f"not signed off ({_plural(len(self.rows), 'row')})"
        parts.append(f"{len(self.approved)} of {len(self.rows)} approved")
        if self.left:
            parts.append(f"{len(self.left)} not reviewed")
        return head + "; ".join(parts)

    def record(self) -> dict[str, Any]:
        """For package.json: the state, the counts, what is stale or flagged, who."""
        return {
            "language": self.language,
            "state": self.state,
            "rows": len(self.rows),
            "approved": len(self.approved),
            # the rows, not the comments: those are for the editor (`check`), not the stick
            "flagged": [r.row.key for r in self.flagged],
            "stale": [r.row.key for r in self.stale],
            "not_reviewed": len(self.left),
            "reviewers": [{"name": n, "date": d} for n, d in self.reviewers],
            "words": self.words(),
        }


def language_status(
    language: str, name: str, rows: list[Row], recorded: Recorded
) -> LanguageStatus:
    return LanguageStatus(language, name, [row_state(r, recorded) for r in rows])


@dataclass(frozen=True)
class CountryStatus:
    """A country's sign-off: its language's, or both of a bilingual country's. A pair is
    approved only when both languages are; its words say each language."""

    parts: tuple[LanguageStatus, ...]

    @property
    def state(self) -> str:
        states = {p.state for p in self.parts}
        return states.pop() if len(states) == 1 else "partly"

    def words(self) -> str:
        return "; ".join(p.words() for p in self.parts)

    def record(self) -> dict[str, Any]:
        if len(self.parts) == 1:
            return self.parts[0].record()
        return {
            "language": "+".join(p.language for p in self.parts),
            "state": self.state,
            "words": self.words(),
            "languages": [p.record() for p in self.parts],
        }
