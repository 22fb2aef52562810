"""What a build does with sign-off: each package records its language's state, and
with ``--approved-only`` (``release: approved-only``) a country whose language is not
fully approved is left out of ``dist/`` (its renders are still made and cached)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..config import Workspace
from ..fsio import inside
from ..plan import Facts
from . import workspace_status
from .status import CountryStatus, LanguageStatus


def statuses(ws: Workspace, facts: Facts | None) -> dict[str, LanguageStatus]:
    if facts is None:
        return workspace_status(ws)
    return workspace_status(ws, subtitles=facts.subtitles, notes=facts.photo_notes)


def country_status(ws: Workspace, code: str, signoffs: dict[str, LanguageStatus]) -> CountryStatus:
    """Country ``code``'s sign-off: both languages of a bilingual country."""
    second = ws.second_language_of(code)
    langs = [ws.language_of(code).code, *([second.code] if second else [])]
    return CountryStatus(tuple(signoffs[lang] for lang in langs))


def hold_back(out_dir: Path, code: str) -> bool:
    """Take an earlier package of ``code`` out of ``dist/`` (renamed away first, so a
    crash leaves either the package or nothing under its name). True if one was there."""
    final = inside(out_dir, code)
    if not final.exists():
        return False
    gone = final.with_name(f".{code}.old-{os.getpid()}")
    os.replace(final, gone)
    shutil.rmtree(gone, ignore_errors=True)
    return True
