"""Issue 18, fault 2: every command that loads a workspace goes through one front end
(frontend.open_workspace): an unknown profile or country is the same clear error,
exit 2, whichever command was given it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit.cli import main


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--profile", "nosuch"],
        ["build", "--dry-run", "--profile", "nosuch"],
        ["proof", "--profile", "nosuch"],
        ["cache", "prune", "--profile", "nosuch"],
    ],
)
def test_unknown_profile_is_one_clear_error(small_workspace: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args[:-2], str(small_workspace), *args[-2:]])
    assert result.exit_code == 2, result.output
    assert "unknown profile 'nosuch'" in result.output
    assert "known profiles: " in result.output and "archive-prores" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["build", "proof", "check"])
def test_unknown_country_is_one_clear_error(small_workspace: Path, command: str) -> None:
    result = CliRunner().invoke(main, [command, str(small_workspace), "--country", "XX"])
    assert result.exit_code == 2, result.output
    assert "unknown country code XX" in result.output
