"""The command group, its error handling and the options commands share."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import ScreeningKitError, machine_error

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
        except OSError as e:
            # disk full, read-only drive, no permission: the machine's fault, exit 4
            machine = machine_error(e)
            if machine is None or (ctx.obj and ctx.obj.get("debug")):
                raise
            click.secho(f"error: {machine}", fg="red", err=True)
            sys.exit(machine.exit_code)
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
