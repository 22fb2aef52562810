"""`screening-kit sync`: bring a copy (a USB stick) up to date with a package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import main, quiet


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


@main.command()
@click.argument("package_dir", type=click.Path(path_type=Path, file_okay=False))
@click.argument("target_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--force",
    is_flag=True,
    help="Replace a target that holds another country's package or other files.",
)
@click.option(
    "--decode",
    is_flag=True,
    help="After copying, also decode every media file on the target to its end (slow on "
    "a stick). Default: every file is checked against the manifest.",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="When another sync is writing to the same copy, exit (code 5) instead of waiting.",
)
@click.pass_context
def sync(
    ctx: click.Context,
    package_dir: Path,
    target_dir: Path,
    force: bool,
    decode: bool,
    no_wait: bool,
) -> None:
    """Bring TARGET_DIR up to date with PACKAGE_DIR: copy only the files that differ,
    remove the ones no longer in the package, write the manifest last, then verify.

    `sync dist/ /media/stick/` updates every country folder present on the stick.
    Safe to interrupt and run again. One sync at a time per copy: a second one waits
    (or exits with code 5 with --no-wait). Exit code 0 when every target is current.
    """
    from ..sync import sync as run_sync

    def progress(msg: str) -> None:
        if not quiet(ctx):
            click.echo(f"  {msg}", err=True)

    reports = run_sync(
        package_dir, target_dir, force=force, decode_media=decode, progress=progress,
        wait=not no_wait,
    )  # fmt: skip
    ok = True
    for r in reports:
        click.echo(
            f"{r.country}: copied {_files(len(r.copied))} ({r.bytes_copied / 1e6:,.1f} MB), "
            f"removed {_files(len(r.removed))}, {_files(len(r.kept))} already current"
        )
        if r.check is not None:
            click.secho(r.check.line(), fg="green" if r.check.ok else "red")
            ok = ok and r.check.ok
    if not ok:
        sys.exit(1)
