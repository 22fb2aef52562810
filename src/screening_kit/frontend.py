"""The one front end of every command that loads a workspace: where its outputs and
cache live by default, which countries and profile it was asked for, each checked
the same way (an unknown country or profile is a ConfigError, exit 2, whichever
command was given it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import Cache
from .config import Workspace, load_workspace
from .errors import ConfigError
from .fsio import symlink_error

# under the workspace, unless --out / --cache say otherwise
DIST_DIR = Path("dist")
CACHE_DIR = Path(".screening-kit") / "cache"


def default_dirs(root: Path) -> tuple[Path, Path]:
    """The packages' folder and the render cache of the workspace at ``root``."""
    return root / DIST_DIR, root / CACHE_DIR


def output_dir(root: Path, out_dir: Path | None) -> Path:
    """``out_dir`` as given, else WORKSPACE/dist, refused when that is a symbolic
    link: a build writes there and removes its leftovers there, so it goes
    elsewhere only when the command line says so (--out)."""
    if out_dir is not None:
        return out_dir
    dist = default_dirs(root)[0]
    if dist.is_symlink():
        raise symlink_error(
            dist,
            "a build writes its packages there and cleans up after itself, so it "
            "follows no link it was not given",
            hint=f"to build there, say so: --out '{dist.resolve()}'; or remove the "
            f"link (rm '{dist}') and build into a real folder",
        )
    return dist


def select_countries(ws: Workspace, wanted: list[str] | None) -> list[str]:
    """The workspace's country codes ``wanted`` (any case) names; all when it is empty."""
    codes = list(ws.ceremony.countries)
    if not wanted:
        return codes
    upper = {c.upper(): c for c in codes}
    unknown = [w for w in wanted if w.upper() not in upper]
    if unknown:
        raise ConfigError(
            f"unknown country code {', '.join(unknown)}",
            path=ws.config_path,
            hint=f"countries in this workspace: {', '.join(codes)}",
        )
    return [upper[w.upper()] for w in wanted]


def check_profile(ws: Workspace, profile: str | None) -> str | None:
    """``profile`` (a --profile override) when the workspace knows it."""
    if profile is not None and profile not in ws.profiles:
        raise ConfigError(
            f"unknown profile {profile!r}",
            path=ws.config_path,
            hint=f"known profiles: {', '.join(sorted(ws.profiles))}",
        )
    return profile


@dataclass(frozen=True)
class Session:
    """A loaded workspace with the choices a command was given, checked."""

    ws: Workspace
    cache: Cache
    countries: list[str]
    profile: str | None
    out_arg: Path | None = None  # --out as given

    @property
    def out_dir(self) -> Path:
        """Where packages go: checked only by the commands that write there, so a
        symlinked dist/ stops no `check` or `cache stats` (and no build given --out)."""
        return output_dir(self.ws.root, self.out_arg)


def open_workspace(
    workspace: Path | str | Workspace,
    *,
    countries: list[str] | None = None,
    profile: str | None = None,
    cache_dir: Path | None = None,
    out_dir: Path | None = None,
    require_inputs: bool = True,
) -> Session:
    """Load the workspace (``require_inputs=False``: missing films and files are left
    to the checks to report) and check the countries and profile asked for."""
    ws = (
        workspace
        if isinstance(workspace, Workspace)
        else load_workspace(Path(workspace), require_inputs=require_inputs)
    )
    default_cache = default_dirs(ws.root)[1]
    return Session(
        ws,
        Cache(cache_dir or default_cache),
        select_countries(ws, countries),
        check_profile(ws, profile),
        out_dir,
    )
