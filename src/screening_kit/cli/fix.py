"""`screening-kit fix`: corrected subtitle files, as a diff or written in place."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .app import CACHE_OPTION, WORKSPACE, main, notice


@main.command()
@WORKSPACE
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    metavar="CODE",
    help="Only this language's files (repeatable). Default: every language.",
)
@click.option("--write", is_flag=True, help="Write the fixed files (originals kept as .orig).")
@click.option("--json", "as_json", is_flag=True, help="Print changes, diffs and findings as JSON.")
@CACHE_OPTION
def fix(
    workspace: Path,
    languages: tuple[str, ...],
    write: bool,
    as_json: bool,
    cache_dir: Path | None,
) -> None:
    """Repair what can be repaired in every subtitle file: snap to shot changes,
    close small gaps, extend short cues where there is room, re-break long lines,
    normalise and write UTF-8, renumber. Never changes the words; never moves a time
    by more than half a second.

    Without --write prints a unified diff per file; with --write keeps each original
    once as <file>.orig and replaces the file. What cannot be fixed is listed.
    """
    from ..fix import fix_workspace, write_fixes
    from ..frontend import open_workspace
    from ..qc import render_table

    session = open_workspace(workspace, cache_dir=cache_dir, require_inputs=False)
    ws, cache = session.ws, session.cache
    fixes = fix_workspace(ws, cache, list(languages) or None, notify=notice)
    written = write_fixes(fixes) if write else []
    if as_json:
        doc = {"written": [str(p) for p in written], "files": [f.to_dict(ws.root) for f in fixes]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for f in fixes:
        name = f.path.relative_to(ws.root) if f.path.is_relative_to(ws.root) else f.path
        if f.skipped:
            click.echo(f"{name}: not fixed ({f.skipped})")
            continue
        state = "written" if f.path in written else "would change" if f.changed else "unchanged"
        click.echo(f"{name}: {len(f.changes)} changes, {state}")
        for c in f.changes:
            click.echo(f"  cue {c.cue} {c.what}: {c.detail}")
        if f.changed and not write:
            click.echo(f.diff(ws.root), nl=False)
        if f.remaining:
            click.echo(render_table(f.remaining, ws.root))
