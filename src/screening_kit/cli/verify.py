"""`screening-kit verify`: check a copied package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import main


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
    from ..verify import verify_package

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
            "copy the files named above again from the original package, and delete "
            "those that are not part of it",
            fg="red",
        )
        sys.exit(1)
