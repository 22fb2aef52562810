"""``check``: messages of the staff's pages that have no translation in their language."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Workspace
from ..i18n import DOMAIN, LOCALE_DIR, untranslated
from .findings import Finding


def staff_language_findings(ws: Workspace, countries: Sequence[str]) -> list[Finding]:
    """One warning per message shown in English to staff who asked for another language."""
    users: dict[str, list[str]] = {}
    for code in countries:
        users.setdefault(ws.venue_for(code).staff_language, []).append(code)
    out = []
    for tag, codes in users.items():
        catalog = LOCALE_DIR / tag / "LC_MESSAGES" / f"{DOMAIN}.po"
        where = catalog if catalog.is_file() else ws.config_path
        for msgid in untranslated(tag):
            out.append(
                Finding(
                    "warning",
                    "untranslated",
                    where,
                    f"staff_language {tag} ({', '.join(codes)}): no translation, shown in "
                    f"English: {msgid!r}",
                    language=tag,
                )
            )
    return out
