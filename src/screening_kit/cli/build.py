"""`screening-kit build`: every package of a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_HELD_BACK
from .app import CACHE_OPTION, OUT_OPTION, WORKSPACE, countries_option, main, quiet


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


@main.command()
@WORKSPACE
@countries_option("Build only this country")
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
    "--strict",
    is_flag=True,
    help="Stop (exit 2) when a film master's decoder reports errors, instead of "
    "warning and recording them in package.json.",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="When another build is using the cache, exit (code 5) instead of waiting for it.",
)
@click.option(
    "--approved-only/--all-countries",
    default=None,
    help="Build every country, but leave out of dist/ the countries whose language is not "
    "fully signed off (`screening-kit signoff status`); exit code 6 when any was left out. "
    "Default: `release:` in ceremony.yaml (all countries, unapproved ones marked).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Say what would be encoded and what reused, and how long it would take "
    "(from the speeds of earlier builds on this machine); encode nothing.",
)
@click.pass_context
def build(
    ctx: click.Context,
    workspace: Path,
    countries: tuple[str, ...],
    profile: str | None,
    jobs: int | None,
    scheduler: str | None,
    out: Path | None,
    cache_dir: Path | None,
    play_all: bool | None,
    split_large_files: bool | None,
    force: bool,
    strict: bool,
    no_wait: bool,
    approved_only: bool | None,
    dry_run: bool,
) -> None:
    """Build packages into WORKSPACE/dist/<country>/.

    The subtitle checks of `screening-kit check` run first; errors stop the build
    before anything is encoded (unless --force). Only pieces whose inputs changed are
    encoded; everything else comes from the cache.
    """
    from ..build import build as run_build
    from ..build import dry_run_build
    from ..progress import ConsoleReporter

    if dry_run:
        _, plan = dry_run_build(
            workspace,
            countries=list(countries) or None,
            profile=profile,
            cache_dir=cache_dir,
            force=force,
            play_all=play_all,
            split_large_files=split_large_files,
        )
        if not quiet(ctx):
            for task in plan.to_encode:
                click.echo(f"  encode  {task.label}")
            for task in plan.reused:
                if task.work:
                    click.echo(f"  reuse   {task.label}")
        pieces = [t for t in plan.to_encode if t.work]
        click.echo(
            f"would run {len(plan.to_encode)} steps ({len(pieces)} encodes, "
            f"{sum(t.work for t in pieces)} frames) and reuse {len(plan.reused)} from the "
            "cache; nothing was encoded"
        )
        if plan.seconds is None:
            click.echo("time: unknown until a first build has measured this machine's speed")
        else:
            unknown = f" (plus {', '.join(plan.unknown_kinds)}: not measured yet)"
            click.echo(
                f"estimated time: {_duration(plan.seconds)} at the speed of earlier builds"
                + (unknown if plan.unknown_kinds else "")
            )
        return
    result = run_build(
        workspace,
        countries=list(countries) or None,
        profile=profile,
        jobs=jobs,
        out_dir=out,
        cache_dir=cache_dir,
        reporter=ConsoleReporter(quiet=quiet(ctx)),
        play_all=play_all,
        force=force,
        split_large_files=split_large_files,
        wait=not no_wait,
        scheduler=scheduler or None,
        approved_only=approved_only,
        strict=strict,
    )
    for p in result.packages:
        n = sum(1 for f in p.path.iterdir() if f.is_file())
        click.echo(
            f"{p.country}: {p.path}  ({n} file{'s' if n != 1 else ''}, "
            f"{p.total_bytes / 1e6:.1f} MB)"
        )
        click.echo(f"    {p.summary}")
        click.echo(f"    sign-off: {result.signoff[p.country]}")
    for code in result.held_back:
        click.echo(f"{code}: NOT in {result.out_dir}: {result.signoff[code]}")
    click.echo(f"packages are in {result.out_dir}")
    if result.held_back:
        ctx.exit(EXIT_HELD_BACK)
