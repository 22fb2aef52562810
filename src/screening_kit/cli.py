"""Command line: parse, call the core, print. No logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ScreeningKitError

WORKSPACE = click.argument(
    "workspace", type=click.Path(path_type=Path), default=".", required=False
)


CACHE_OPTION = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path),
    help="Render cache. Default: WORKSPACE/.screening-kit/cache.",
)
OUT_OPTION = click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder. Default: WORKSPACE/dist."
)


class _Group(click.Group):
    """Turns our errors into one clear message and an exit code; --debug shows the traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ScreeningKitError as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"error: {e}", fg="red", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.secho("interrupted: finished pieces are kept in the cache", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="screening-kit")
@click.option("--debug", is_flag=True, help="Show full tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build ready-to-play screening packages, one per country, from a ceremony workspace.

    A workspace holds ceremony.yaml, films/, subtitles/ and playlists/.
    Try `screening-kit demo demo-workspace` for a complete example.
    """
    ctx.obj = {"debug": debug}


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
def build(
    workspace: Path,
    countries: tuple[str, ...],
    profile: str | None,
    jobs: int | None,
    out: Path | None,
    cache_dir: Path | None,
    quiet: bool,
    play_all: bool | None,
    split_large_files: bool | None,
    force: bool,
) -> None:
    """Build packages into WORKSPACE/dist/<country>/.

    The subtitle checks of `screening-kit check` run first; errors stop the build
    before anything is encoded (unless --force). Only pieces whose inputs changed are
    encoded; everything else comes from the cache.
    """
    from .build import build as run_build
    from .progress import ConsoleReporter

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
    )
    for p in result.packages:
        click.echo(f"{p.country}: {p.path}  ({len(p.files)} files, {p.total_bytes / 1e6:.1f} MB)")
    click.echo(f"packages are in {result.out_dir}")


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
    from .build import select_countries
    from .config import load_workspace
    from .qc import check_workspace, render_json, render_table

    ws = load_workspace(workspace, require_subtitles=False)
    report = check_workspace(ws, countries=select_countries(ws, list(countries) or None))
    click.echo(render_json(report) if as_json else render_table(report.findings, report.root))
    ctx.exit(1 if report.has_errors else 0)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), default="demo-workspace")
@click.option(
    "--seconds",
    type=click.IntRange(4, 3600),
    default=60,
    show_default=True,
    help="Length of the synthetic film.",
)
@click.option("--size", default="1920x1080", show_default=True, help="Frame size of the film.")
def demo(directory: Path, seconds: int, size: str) -> None:
    """Write a demo workspace with synthetic media and sample subtitles in 5 languages."""
    from .demo import make_demo

    w, h = (int(x) for x in size.lower().split("x"))
    make_demo(directory, seconds=seconds, width=w, height=h)
    click.echo(f"demo workspace written to {directory}")
    click.echo(f"build it with: screening-kit build {directory}")


@main.command()
@click.argument(
    "package_dir", type=click.Path(path_type=Path, file_okay=False), metavar="PACKAGE_DIR"
)
@click.option(
    "--no-decode",
    is_flag=True,
    help="Check checksums only; skip decoding every media file to its end (faster).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only faults and the result.")
def verify(package_dir: Path, no_decode: bool, quiet: bool) -> None:
    """Check a copied package: every file against MANIFEST.sha256, every media file
    decodes to its end, durations match package.json. Needs only the package folder.

    Exit code 0 when everything is fine, 1 when anything is wrong.
    """
    from .verify import verify_package

    def progress(msg: str) -> None:
        if not quiet:
            click.echo(f"  {msg}", err=True)

    report = verify_package(package_dir, decode_media=not no_decode, progress=progress)
    for fault in report.faults:
        click.secho(f"FAULT  {fault}", fg="red")
    if report.ok:
        decoded = "" if no_decode else f", {len(report.decoded)} media files play to the end"
        click.secho(
            f"OK: {package_dir} ({report.country}): {len(report.checksummed)} files match "
            f"MANIFEST.sha256{decoded} ({report.seconds:.1f} s)",
            fg="green",
        )
    else:
        click.secho(
            f"NOT OK: {len(report.faults)} problem(s) in {package_dir}; "
            "copy the files named above again from the original package",
            fg="red",
        )
        sys.exit(1)


@main.group()
def cache() -> None:
    """Inspect and prune the render cache."""


@cache.command("stats")
@WORKSPACE
@CACHE_OPTION
def cache_stats_cmd(workspace: Path, cache_dir: Path | None) -> None:
    """Objects in the cache, by kind, and how many the current workspace uses."""
    from .build import prepare
    from .housekeeping import cache_stats

    prepared = prepare(workspace, cache_dir=cache_dir)
    s = cache_stats(prepared.cache, set(prepared.plan.tasks))
    click.echo(f"cache: {prepared.cache.root}")
    click.echo(f"{s.objects} objects, {s.bytes / 1e6:.1f} MB")
    for kind, n in sorted(s.by_kind.items()):
        click.echo(f"  {kind:<12} {n:>6}  {s.bytes_by_kind[kind] / 1e6:>10.1f} MB")
    click.echo(
        f"used by this workspace: {s.used_objects} objects ({s.used_bytes / 1e6:.1f} MB); "
        f"unused: {s.objects - s.used_objects} ({(s.bytes - s.used_bytes) / 1e6:.1f} MB), "
        "removed by `cache prune`"
    )
    if s.temporaries:
        click.echo(f"{s.temporaries} temporary files from interrupted builds")


@cache.command("prune")
@WORKSPACE
@CACHE_OPTION
@click.option(
    "--profile",
    "-p",
    "profiles",
    multiple=True,
    metavar="NAME",
    help="Also keep what a build with this profile uses (repeatable).",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
def cache_prune_cmd(
    workspace: Path, cache_dir: Path | None, profiles: tuple[str, ...], dry_run: bool
) -> None:
    """Remove cache entries the current workspace does not use."""
    from .build import prepare
    from .housekeeping import prune

    prepared = prepare(workspace, cache_dir=cache_dir)
    keep = set(prepared.plan.tasks)
    for name in profiles:
        keep |= set(prepare(workspace, cache_dir=cache_dir, profile=name).plan.tasks)
    result = prune(prepared.cache, keep, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    click.echo(
        f"{verb} {len(result.removed)} files ({result.freed_bytes / 1e6:.1f} MB); "
        f"kept {result.kept} objects in use"
    )


@main.command()
@WORKSPACE
@click.option(
    "--country",
    "-c",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Proof only this country's languages (repeatable). Default: every country.",
)
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
    of every cue with the subtitle burned in, as a PNG contact sheet and an HTML page,
    for a native speaker to sign off. Build first."""
    from .proof import make_proofs

    sheets = make_proofs(
        workspace,
        countries=list(countries) or None,
        profile=profile,
        out_dir=out,
        cache_dir=cache_dir,
        max_frames=max_frames,
    )
    for s in sheets:
        click.echo(f"{s.film} [{s.language}]: {s.cues_shown} of {s.cues_total} cues -> {s.html}")
    if not sheets:
        click.echo("no films with subtitles in this selection")
