"""`screening-kit demo`: a complete example workspace."""

from __future__ import annotations

from pathlib import Path

import click

from .app import main


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
    from ..demo import make_demo

    w, h = (int(x) for x in size.lower().split("x"))
    make_demo(directory, seconds=seconds, width=w, height=h)
    click.echo(f"demo workspace written to {directory}")
    click.echo(f"build it with: screening-kit build {directory}")
