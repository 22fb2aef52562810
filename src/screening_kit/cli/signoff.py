"""`screening-kit signoff import|status`: native speakers' sign-off of each language."""

from __future__ import annotations

from pathlib import Path

import click

from .app import WORKSPACE, main


@main.group()
def signoff() -> None:
    """Record the sign-off files proof pages save, and show where each language stands."""


@signoff.command("import")
@WORKSPACE
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def signoff_import(workspace: Path, files: tuple[Path, ...]) -> None:
    """Check sign-off files (signoff.<lang>.<render>.json) and record them in
    WORKSPACE/signoffs/recorded/. Without FILES: every signoff.*.json saved into
    WORKSPACE/signoffs/. Each file must match this workspace's rows as they are now;
    if any file does not, nothing is recorded."""
    from ..config import load_workspace
    from ..errors import InputError
    from ..signoff import dropped_files, import_signoffs

    ws = load_workspace(workspace, require_inputs=False)
    paths = list(files) or dropped_files(ws.root)
    if not paths:
        raise InputError(
            "no sign-off files given, and none in the workspace's signoffs/ folder",
            path=ws.root / "signoffs",
            hint="give the files the proof pages saved, or save them into that folder",
        )
    for s in import_signoffs(ws, paths):
        for lang, verdicts in s.by_language.items():  # a bilingual page: each language
            approved = sum(1 for v in verdicts if v.verdict == "approved")
            click.echo(
                f"{s.path.name}: {lang}, {s.reviewer} ({s.date}): {approved} approved, "
                f"{len(verdicts) - approved} flagged"
            )


@signoff.command("status")
@WORKSPACE
def signoff_status(workspace: Path) -> None:
    """Per language: approved (every row), partly (counts, flagged rows with their
    comments, rows changed since sign-off) or none."""
    from ..config import load_workspace
    from ..signoff import workspace_status

    ws = load_workspace(workspace, require_inputs=False)
    for lang, st in sorted(workspace_status(ws).items()):
        click.echo(f"{lang}: {st.state}: {st.words()}")
        for r in st.flagged:
            assert r.verdict is not None
            click.echo(f"    flagged {r.row.name} by {r.verdict.reviewer}: {r.verdict.comment}")
        for r in st.stale:
            click.echo(f"    changed since sign-off: {r.row.name}")
