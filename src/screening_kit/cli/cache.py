"""`screening-kit cache stats|prune`: the render cache."""

from __future__ import annotations

from pathlib import Path

import click

from .app import CACHE_OPTION, WORKSPACE, main


@main.group()
def cache() -> None:
    """Inspect and prune the render cache."""


@cache.command("stats")
@WORKSPACE
@CACHE_OPTION
def cache_stats_cmd(workspace: Path, cache_dir: Path | None) -> None:
    """Objects in the cache, by kind, and how many the current workspace uses."""
    from ..build import prepare
    from ..housekeeping import cache_stats
    from ..shots import used_keys

    prepared = prepare(workspace, cache_dir=cache_dir)
    s = cache_stats(
        prepared.cache, set(prepared.plan.tasks) | used_keys(prepared.ws, prepared.cache)
    )
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
    from ..build import prepare
    from ..housekeeping import prune
    from ..shots import used_keys

    prepared = prepare(workspace, cache_dir=cache_dir)
    # shot changes are detected once per film content: keep them with the renders
    keep = set(prepared.plan.tasks) | used_keys(prepared.ws, prepared.cache)
    for name in profiles:
        keep |= set(prepare(workspace, cache_dir=cache_dir, profile=name).plan.tasks)
    result = prune(prepared.cache, keep, dry_run=dry_run, say=lambda m: click.echo(m, err=True))
    verb = "would remove" if dry_run else "removed"
    click.echo(
        f"{verb} {len(result.removed)} files ({result.freed_bytes / 1e6:.1f} MB); "
        f"kept {result.kept} objects in use"
    )
