"""`screening-kit verify`: check a copied package (or a folder of them)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import main, quiet


@main.command()
@click.argument(
    "package_dir", type=click.Path(path_type=Path, file_okay=False), metavar="PACKAGE_DIR"
)
@click.option(
    "--against",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="BUILT",
    help="The package just built (dist/IR), or dist/ for a folder of copies: say whether "
    "the copy is the current build, an older one (STALE) or damaged.",
)
@click.option(
    "--no-decode",
    is_flag=True,
    help="Check checksums only; skip decoding every media file to its end (faster).",
)
@click.pass_context
def verify(ctx: click.Context, package_dir: Path, against: Path | None, no_decode: bool) -> None:
    """Check a copied package: every file against MANIFEST.sha256, every media file
    decodes to its end, durations match package.json. Needs only the package folder.

    Given a folder of packages (dist/, a stick with one folder per country), checks
    each and prints one line per package.

    Exit code 0 when everything is fine (and current, with --against), 1 otherwise.
    """
    from ..package.identity import looks_like_package, package_folders
    from ..verify import verify_package
    from ..verify_against import current_package, verify_against, verify_folder

    def progress(msg: str) -> None:
        if not quiet(ctx):
            click.echo(f"  {msg}", err=True)

    decode = not no_decode
    if package_dir.is_dir() and not looks_like_package(package_dir):
        if not package_folders(package_dir):
            click.echo(
                f"no package in {package_dir}: a package folder holds MANIFEST.sha256 and "
                "package.json (give the country's folder, e.g. /media/stick/IR)"
            )
            sys.exit(1)
        ok = True
        for res in verify_folder(
            package_dir, against=against, decode_media=decode, progress=progress
        ):
            if res.currency is not None:
                click.secho(res.currency.line(), fg="green" if res.currency.ok else "red")
                ok = ok and res.currency.ok
            elif res.report is not None:
                r = res.report
                faults = "; ".join(str(f) for f in r.faults)
                line = f"OK: {r.country}" if r.ok else f"NOT OK: {r.country}: {faults}"
                click.secho(f"{line} ({res.package})", fg="green" if r.ok else "red")
                ok = ok and r.ok
        if not ok:
            sys.exit(1)
        return
    if against is not None:
        source = against if looks_like_package(against) else against / package_dir.name
        cur = verify_against(
            package_dir, current_package(source), decode_media=decode, progress=progress
        )
        for fault in cur.report.faults:
            click.secho(f"FAULT  {fault}", fg="red")
        click.secho(cur.line(), fg="green" if cur.ok else "red")
        if not cur.ok:
            sys.exit(1)
        return
    report = verify_package(package_dir, decode_media=decode, progress=progress)
    for fault in report.faults:
        click.secho(f"FAULT  {fault}", fg="red")
    if report.ok:
        decoded = "" if no_decode else f", {len(report.decoded)} media files play to the end"
        click.secho(
            f"OK: {package_dir} ({report.country}): {len(report.checksummed)} files match "
            f"MANIFEST.sha256{decoded} ({report.seconds:.1f} s)",
            fg="green",
        )
    elif report.interrupted:
        click.secho(f"NOT OK: {package_dir}: {report.faults[0].problem}", fg="red")
        sys.exit(1)
    else:
        click.secho(
            f"NOT OK: {len(report.faults)} problem(s) in {package_dir}; "
            "copy the files named above again from the original package, and delete "
            "those that are not part of it",
            fg="red",
        )
        sys.exit(1)
