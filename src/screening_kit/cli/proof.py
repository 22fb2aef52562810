"""`screening-kit proof`: subtitle proof sheets for sign-off."""

from __future__ import annotations

from pathlib import Path

import click

from .app import CACHE_OPTION, OUT_OPTION, WORKSPACE, countries_option, main


@main.command()
@WORKSPACE
@countries_option("Proof only this country's languages")
@click.option("--profile", "-p", metavar="NAME", help="As given to build, if it was.")
@click.option(
    "--max-frames",
    type=click.IntRange(2, 5000),
    default=200,
    show_default=True,
    help="Cues shown per language; longer films show an even sample.",
)
@OUT_OPTION
@CACHE_OPTION
def proof(
    workspace: Path,
    countries: tuple[str, ...],
    profile: str | None,
    max_frames: int,
    out: Path | None,
    cache_dir: Path | None,
) -> None:
    """Write subtitle proof sheets into WORKSPACE/dist/proof/: per language, the frame
    of every cue with the subtitle burned in, as a PNG contact sheet and an HTML page
    (title cards included), and a page per slideshow's captions, for a native speaker
    to sign off. Build first."""
    from ..proof import make_proofs

    sheets = make_proofs(
        workspace,
        countries=list(countries) or None,
        profile=profile,
        out_dir=out,
        cache_dir=cache_dir,
        max_frames=max_frames,
    )
    for s in sheets:
        what = "cues" if s.kind == "subtitles" else "captions"
        click.echo(f"{s.film} [{s.language}]: {s.cues_shown} of {s.cues_total} {what} -> {s.html}")
    if not sheets:
        click.echo("no films with subtitles in this selection")
    else:
        click.echo(
            "open a page in any browser to review it; Save sign-off there, then "
            f"`screening-kit signoff import {workspace} FILE`"
        )
