"""`screening-kit check`: the subtitle checks alone."""

from __future__ import annotations

from pathlib import Path

import click

from .app import WORKSPACE, main


@main.command()
@WORKSPACE
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--country",
    "-c",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Check only what this country needs (repeatable). Default: every country.",
)
@click.pass_context
def check(ctx: click.Context, workspace: Path, as_json: bool, countries: tuple[str, ...]) -> None:
    """Check every subtitle file and title-card text without encoding anything.

    Prints each problem (file, cue, time, rule, value, limit); exits 1 when there is
    any error, 0 when there are only warnings or nothing.
    """
    from ..build import select_countries
    from ..config import load_workspace
    from ..qc import check_workspace, render_json, render_table

    ws = load_workspace(workspace, require_subtitles=False)
    report = check_workspace(ws, countries=select_countries(ws, list(countries) or None))
    click.echo(render_json(report) if as_json else render_table(report.findings, report.root))
    ctx.exit(1 if report.has_errors else 0)
