"""What the hostile tests share: a small workspace, the CLI, and checks on what a
failed run may leave behind."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from screening_kit.cli import main

from ..conftest import write_workspace

SRT = "1\n00:00:00,100 --> 00:00:00,900\nHello there\n\n"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def workspace(root: Path, film: Path) -> Path:
    """A one-film workspace (English, country GB) with ``film`` as its master."""
    return write_workspace(root, film, cues={"en": SRT}, countries={"GB": "en"})


def edit_config(root: Path, change: object) -> None:
    """Apply ``change(cfg)`` to ceremony.yaml."""
    path = root / "ceremony.yaml"
    cfg = yaml.safe_load(path.read_text("utf-8"))
    change(cfg)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")


def snapshot(top: Path) -> set[Path]:
    return {p for p in top.rglob("*")}


def assert_error(result: Result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    # progress lines may come first; the error is one message on its own line
    assert result.output.startswith("error: ") or "\nerror: " in result.output, result.output
    for needle in needles:
        assert needle in result.output, (needle, result.output)


def written_outside(before: set[Path], top: Path, root: Path) -> list[Path]:
    """New paths under ``top`` that are not in the workspace's dist/ or cache."""
    allowed = (root / "dist", root / ".screening-kit")
    return sorted(
        p for p in snapshot(top) - before if not any(p.is_relative_to(a) for a in allowed)
    )
