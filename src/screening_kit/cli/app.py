"""The command group, its error handling and the options every command shares:
-q/--quiet, -v/--verbose (each ffmpeg command as it runs), NO_COLOR, -V/--version."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .._version import __version__
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


F = TypeVar("F", bound=Callable[..., Any])


def countries_option(what: str) -> Callable[[F], F]:
    """``--country/-c CODE`` (repeatable) for a command that does ``what`` per country."""
    return click.option(
        "--country",
        "-c",
        "countries",
        multiple=True,
        metavar="CODE",
        help=f"{what} (repeatable). Default: every country.",
    )


OUT_OPTION = click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder. Default: WORKSPACE/dist."
)


def _verbosity_options() -> list[click.Option]:
    return [
        click.Option(
            ["-q", "--quiet"], is_flag=True, help="Print only warnings, errors and the result."
        ),
        click.Option(
            ["-v", "--verbose"], is_flag=True, help="Also print each ffmpeg command as it runs."
        ),
    ]


def quiet(ctx: click.Context) -> bool:
    """-q given to the group or to the command."""
    return bool(ctx.find_root().meta.get("screening_kit.quiet"))


def _apply(ctx: click.Context, is_quiet: bool, verbose: bool) -> None:
    from .. import ffmpeg

    meta = ctx.find_root().meta
    if is_quiet:
        meta["screening_kit.quiet"] = True
    if verbose:
        meta["screening_kit.verbose"] = True
        ffmpeg.echo_commands(lambda line: click.echo(f"$ {line}", err=True))
        ctx.call_on_close(lambda: ffmpeg.echo_commands(None))


class _Command(click.Command):
    """Every command takes -q and -v, and shows its first help line whole in lists."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params += _verbosity_options()

    def invoke(self, ctx: click.Context) -> Any:
        _apply(ctx, ctx.params.pop("quiet", False), ctx.params.pop("verbose", False))
        return super().invoke(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        # click cuts at 45 characters with "..."; our first lines are written to be read
        return super().get_short_help_str(limit=1000)


def notice(message: str) -> None:
    """A note for a person watching (a step that takes minutes); silent in pipes."""
    if sys.stderr.isatty():
        click.secho(message, err=True, dim=True)


def _plain_warning(
    message: Warning | str, category: type[Warning], *_: object, **__: object
) -> None:
    """A library's warning in our words: one line, without its source file and code."""
    click.secho(f"warning: {message}", fg="yellow", err=True)


class _Group(click.Group):
    """Turns our errors into one clear message and an exit code; --debug shows the traceback."""

    command_class = _Command

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=1000)

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


_Group.group_class = _Group  # subgroups (cache) behave the same


@click.group(
    "screening-kit",
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="screening-kit")
@click.option("--debug", is_flag=True, help="Show full tracebacks.")
@click.option("-q", "--quiet", "quiet_", is_flag=True, help="Print only warnings and results.")
@click.option("-v", "--verbose", is_flag=True, help="Print each ffmpeg command as it runs.")
@click.pass_context
def main(ctx: click.Context, debug: bool, quiet_: bool, verbose: bool) -> None:
    """Build ready-to-play screening packages, one per country, from a ceremony workspace.

    A workspace holds ceremony.yaml, films/, subtitles/ and playlists/.
    Start one with `screening-kit init DIR`; see a complete example with
    `screening-kit demo demo-workspace`.
    """
    ctx.obj = {"debug": debug}
    if not debug:
        warnings.showwarning = _plain_warning
    # https://no-color.org: any non-empty value turns colour off
    if os.environ.get("NO_COLOR"):
        ctx.color = False
    _apply(ctx, quiet_, verbose)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)


from . import signoff  # noqa: E402, F401 - registers `signoff` (it imports main from here)
