"""`screening-kit check`: the subtitle checks alone."""

from __future__ import annotations

from pathlib import Path

import click

from .app import CACHE_OPTION, WORKSPACE, countries_option, main, notice, quiet


@main.command()
@WORKSPACE
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@countries_option("Check only what this country needs")
@click.option(
    "--no-shots",
    is_flag=True,
    help="Skip the checks against shot changes (and their detection on a first run).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Count harmless irregularities (CRLF line ends, no final blank line, index "
    "numbers out of step) as warnings instead of info.",
)
@CACHE_OPTION
@click.pass_context
def check(
    ctx: click.Context,
    workspace: Path,
    as_json: bool,
    countries: tuple[str, ...],
    no_shots: bool,
    strict: bool,
    cache_dir: Path | None,
) -> None:
    """Check the workspace without encoding anything: every problem in one run.

    Subtitle files, title-card texts, slideshow captions, placeholders left by
    `init`, missing films and files. Prints what it read (encoding, cues per file)
    and each problem (file, line, cue, time, rule, value, limit); exits 1 when there
    is any error, 0 when there are only warnings or nothing. Cues are also checked
    against each film's shot changes, detected on the first run (a few minutes for a
    feature film) and then taken from the cache.
    """
    from ..frontend import open_workspace
    from ..qc import check_workspace, render_json, render_table

    session = open_workspace(
        workspace, countries=list(countries), cache_dir=cache_dir, require_inputs=False
    )
    report = check_workspace(
        session.ws,
        countries=session.countries,
        cache=session.cache,
        shots=not no_shots,
        notify=notice,
        strict=strict,
        staff=True,
    )
    click.echo(
        render_json(report)
        if as_json
        else render_table(report.findings, report.root, () if quiet(ctx) else report.files)
    )
    ctx.exit(1 if report.has_errors else 0)
