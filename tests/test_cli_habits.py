"""CLI habits of the field: help without arguments, -V, whole first lines in --help,
NO_COLOR, -q/-v on every command (-v shows each ffmpeg command), build --dry-run."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import CliRunner, Result

from screening_kit import __version__
from screening_kit.cli import main

from .test_qc import EN_SRT, make_workspace


def run(*args: str, **kwargs: object) -> Result:
    return CliRunner().invoke(main, list(args), **kwargs)  # type: ignore[arg-type]


def all_commands() -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, cmd in main.commands.items():
        if isinstance(cmd, click.Group):
            out += [(name, sub) for sub in cmd.commands]
        else:
            out.append((name,))
    return out


def test_no_arguments_prints_help_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("Usage: screening-kit")
    assert "Commands:" in result.output


def test_version_with_capital_v() -> None:
    result = run("-V")
    assert (result.exit_code, result.output) == (0, f"screening-kit, version {__version__}\n")


def test_help_shows_each_commands_first_line_whole() -> None:
    listed = run("--help").output.split("Commands:")[1]
    assert "..." not in listed
    # compared without white space: the wrapping may break a line at a hyphen
    out = "".join(listed.split())
    for name, cmd in main.commands.items():
        first = " ".join((cmd.help or "").split("\n\n")[0].split())
        assert "".join(first.split(". ")[0].split()) in out, name


def test_every_command_takes_quiet_and_verbose() -> None:
    for path in all_commands():
        out = run(*path, "--help").output
        assert "-q, --quiet" in out and "-v, --verbose" in out, path


def test_no_color_turns_colour_off(tmp_path: Path) -> None:
    args = ("check", str(tmp_path / "nowhere"))
    coloured = run(*args, color=True)
    assert coloured.exit_code == 2 and "\x1b[" in coloured.output
    plain = run(*args, color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 2 and "\x1b[" not in plain.output
    assert plain.output.startswith("error: ")


def test_verbose_prints_each_ffmpeg_command(tmp_path: Path) -> None:
    args = ("demo", str(tmp_path / "d"), "--seconds", "4", "--size", "160x90")
    loud = run(*args, "-v").output
    commands = [line for line in loud.splitlines() if line.startswith("$ ")]
    assert len(commands) >= 3 and all("ffmpeg" in c for c in commands)
    assert not [ln for ln in run(*args).output.splitlines() if ln.startswith("$ ")]


def test_build_dry_run_encodes_nothing_then_estimates_from_earlier_builds(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": EN_SRT})
    first = run("build", str(root), "--dry-run")
    assert first.exit_code == 0, first.output
    assert "  encode  doc: frames 0-49 [en]" in first.output
    assert "nothing was encoded" in first.output
    assert "time: unknown until a first build" in first.output
    cache = root / ".screening-kit" / "cache"
    assert not cache.exists() or not list(cache.rglob("*.mp4"))
    assert not (root / "dist").exists()
    assert run("build", str(root), "-q").exit_code == 0
    # a changed cue: one chunk to encode again, the rest reused, with an estimate
    srt = root / "subtitles" / "doc" / "en.srt"
    srt.write_text(EN_SRT.replace("Hello there.", "Hello again."), "utf-8")
    again = run("build", str(root), "--dry-run")
    assert again.exit_code == 0, again.output
    assert re.search(r"estimated time: \d+ s at the speed of earlier builds", again.output)
    assert "  encode  doc: frames 0-49 [en]" in again.output
    assert "  reuse   doc: audio loudness" in again.output
