"""Sign-off by native speakers: the rows of each language (``rows``), what has been
recorded (``record``, in ``WORKSPACE/signoffs/recorded/``), importing the files the
proof pages save (``importing``) and where each language stands (``status``).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..captions import PhotoNote
from ..config import Workspace
from ..subtitles.model import Cue
from .importing import SignoffError, dropped_files, import_signoffs
from .record import Recorded, Verdict, read_recorded
from .rows import Row, workspace_rows
from .status import LanguageStatus, RowState, language_status, row_state

__all__ = [
    "LanguageStatus",
    "Recorded",
    "Row",
    "RowState",
    "SignoffError",
    "Verdict",
    "dropped_files",
    "import_signoffs",
    "read_recorded",
    "row_state",
    "workspace_rows",
    "workspace_status",
]


def workspace_status(
    ws: Workspace,
    *,
    subtitles: Mapping[tuple[str, str], list[Cue]] | None = None,
    notes: Mapping[str, Mapping[str, PhotoNote]] | None = None,
) -> dict[str, LanguageStatus]:
    """language -> where its sign-off stands, for every language a country uses."""
    rows = workspace_rows(ws, subtitles=subtitles, notes=notes)
    return {
        lang: language_status(
            lang,
            ws.languages[lang].name if lang in ws.languages else lang,
            lang_rows,
            read_recorded(ws.root, lang),
        )
        for lang, lang_rows in rows.items()
    }
