"""Flags reach the editor: a row a reviewer flagged becomes a finding on that cue
(card, caption) of that file, with the reviewer's name and comment, for as long as
the row is as it was flagged. Once it is edited the flag no longer applies (the
row needs a fresh look on the next proof page instead)."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Workspace
from ..signoff import read_recorded, row_state, workspace_rows
from ..signoff.record import FOLDER, RECORDED
from ..subtitles.model import SubtitleTrack
from .findings import Finding


def flag_findings(
    ws: Workspace,
    countries: Sequence[str],
    tracks: dict[tuple[str, str], SubtitleTrack],
    *,
    strict: bool = False,
) -> list[Finding]:
    """``signoff-flag`` findings: info (warnings with ``strict``)."""
    if not (ws.root / FOLDER / RECORDED).is_dir():
        return []  # nothing signed off yet: no rows to read
    languages = {ws.ceremony.countries[c].language for c in countries}
    rows = workspace_rows(ws, subtitles={k: t.cues for k, t in tracks.items()})
    out = []
    for lang, lang_rows in rows.items():
        if lang not in languages:
            continue
        recorded = read_recorded(ws.root, lang)
        for row in lang_rows:
            state = row_state(row, recorded)
            if state.state != "flagged" or state.verdict is None:
                continue
            v = state.verdict
            out.append(
                Finding(
                    "warning" if strict else "info",
                    "signoff-flag",
                    row.path,
                    f"{row.name} flagged by {v.reviewer} ({v.date[:10]}): "
                    f"{v.comment or '(no comment)'}",
                    cue=row.cue,
                    film=row.film,
                    language=lang,
                    value=v.reviewer,
                )
            )
    return out
