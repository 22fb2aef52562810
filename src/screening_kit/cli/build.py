"""`screening-kit build`: every package of a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from .app import CACHE_OPTION, OUT_OPTION, WORKSPACE, main


@main.command()
@WORKSPACE
@click.option(
    "--country",
    "-c",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Build only this country (repeatable). Default: every country.",
)
@click.option(
    "--profile",
    "-p",
    metavar="NAME",
    help="Playback profile for every package, e.g. tv-usb-1080p, projector-1080p, "
    "web-720p, archive-prores. Default: as configured per country.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    metavar="N",
    help="Encodes to run in parallel. Default: number of cores.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786|local:N",
    envvar="SCREENING_KIT_SCHEDULER",
    help="Encode on a Dask cluster: the address of a running `dask scheduler`, or "
    "local:N for N worker processes on this machine. Needs the `distributed` extra; "
    "workspace and cache on storage every worker sees at the same path. "
    "Default: $SCREENING_KIT_SCHEDULER, else the local pool (--jobs).",
)
@OUT_OPTION
@CACHE_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and the summary.")
@click.option(
    "--play-all/--no-play-all",
    default=None,
    help="Also write 00_play-all.mp4, the whole running order in one file. "
    "Default: `play_all:` in ceremony.yaml (off).",
)
@click.option(
    "--split-large-files/--no-split-large-files",
    default=None,
    help="Cut files over 4 GiB (too big for FAT32 sticks) into parts at keyframes, by "
    "stream copy, listed in order in the playlists. Default: `split_large_files:` in "
    "ceremony.yaml (off).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Build even when the subtitle checks find errors; the findings are recorded "
    "in each package.json.",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="When another build is using the cache, exit (code 5) instead of waiting for it.",
)
def build(
    workspace: Path,
    countries: tuple[str, ...],
    profile: str | None,
    jobs: int | None,
    scheduler: str | None,
    out: Path | None,
    cache_dir: Path | None,
    quiet: bool,
    play_all: bool | None,
    split_large_files: bool | None,
    force: bool,
    no_wait: bool,
) -> None:
    """Build packages into WORKSPACE/dist/<country>/.

    The subtitle checks of `screening-kit check` run first; errors stop the build
    before anything is encoded (unless --force). Only pieces whose inputs changed are
    encoded; everything else comes from the cache.
    """
    from ..build import build as run_build
    from ..progress import ConsoleReporter

    result = run_build(
        workspace,
        countries=list(countries) or None,
        profile=profile,
        jobs=jobs,
        out_dir=out,
        cache_dir=cache_dir,
        reporter=ConsoleReporter(quiet=quiet),
        play_all=play_all,
        force=force,
        split_large_files=split_large_files,
        wait=not no_wait,
        scheduler=scheduler or None,
    )
    for p in result.packages:
        click.echo(f"{p.country}: {p.path}  ({len(p.files)} files, {p.total_bytes / 1e6:.1f} MB)")
        click.echo(f"    {p.summary}")
    click.echo(f"packages are in {result.out_dir}")
