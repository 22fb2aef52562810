"""`screening-kit shots`: each film's shot changes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .app import CACHE_OPTION, WORKSPACE, main, notice


@main.command()
@WORKSPACE
@click.option("--film", "films", multiple=True, metavar="ID", help="Only this film (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the shot changes as JSON.")
@CACHE_OPTION
def shots(workspace: Path, films: tuple[str, ...], as_json: bool, cache_dir: Path | None) -> None:
    """List each film's shot changes: the first frame of every new shot, with its
    timecode and time. Detected once per film content (a few minutes for a feature,
    then cached), or read from the film's own list (`shot_changes:` in ceremony.yaml)."""
    from ..frontend import open_workspace
    from ..shots.store import shots_report, workspace_shot_changes

    session = open_workspace(workspace, cache_dir=cache_dir, require_inputs=False)
    ws, cache = session.ws, session.cache
    found = workspace_shot_changes(ws, cache, list(films) or None, notify=notice)
    report = shots_report(found)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for film in report["films"]:
        click.echo(
            f"{film['film']}: {len(film['shot_changes'])} shot changes at {film['fps']} fps "
            f"({film['source']})"
        )
        for s in film["shot_changes"]:
            click.echo(f"  {s['frame']:>8}  {s['timecode']}  {s['time']}")
