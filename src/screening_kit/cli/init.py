"""`screening-kit init`: a new workspace to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from .app import main, quiet


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.pass_context
def init(ctx: click.Context, directory: Path) -> None:
    """Write a new workspace to fill in: ceremony.yaml with comments, folders, a
    running order and a README with the next steps. Asks nothing.

    Every value to supply says FILL-ME-IN; `screening-kit check DIRECTORY` lists
    what is still to fill in or missing, with the line of each.
    """
    from ..starter import make_starter

    for path in make_starter(directory):
        if not quiet(ctx):
            click.echo(f"  wrote {path}")
    click.echo(f"next: edit {directory / 'ceremony.yaml'}, then `screening-kit check {directory}`")
