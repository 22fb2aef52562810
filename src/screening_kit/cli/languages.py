"""`screening-kit languages`: every language a workspace uses, or every one we know."""

from __future__ import annotations

from pathlib import Path

import click

from .app import main


@main.command()
@click.argument("workspace", type=click.Path(path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the languages as JSON.")
@click.pass_context
def languages(ctx: click.Context, workspace: Path | None, as_json: bool) -> None:
    """List the languages of WORKSPACE (or, without one, every language known).

    For each: BCP 47 tag, English and native name (CLDR), script, direction, the
    subtitle limits in force and the font file it resolves to. With a workspace,
    exits 1 when a language has no installed font.
    """
    from ..frontend import open_workspace
    from ..language_table import (
        language_pairs,
        language_rows,
        languages_json,
        pair_lines,
        render_languages,
    )

    ws = open_workspace(workspace, require_inputs=False).ws if workspace is not None else None
    rows = language_rows(ws)
    pairs = pair_lines(ws) if ws is not None else []
    if as_json:
        click.echo(languages_json(rows, language_pairs(ws) if ws is not None else None))
    else:
        click.echo(render_languages(rows, pairs))
    ctx.exit(1 if ws is not None and not all(r.installed for r in rows) else 0)
