"""PLAY.bat, PLAY.command and play.sh: their text (a golden file for the batch file,
a small parser for every language), shell syntax (bash -n, sh -n), CRLF in the
.bat, executable bits in a built package, and the shell launchers run against
fake players: VLC full screen with ceremony.xspf when found, else PLAY.html."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from screening_kit.i18n import SHIPPED, staff
from screening_kit.package import launchers

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]

GOLDEN = Path(__file__).parent / "data" / "launchers" / "PLAY.en.bat"


def test_batch_file_matches_the_golden_file() -> None:
    assert launchers.play_bat(staff("en")).encode("utf-8") == GOLDEN.read_bytes()


def parse_batch(text: str) -> list[str]:
    """The lines of a batch file, checked the way cmd.exe would trip over them."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF, every line
    lines = text.split("\r\n")[:-1]
    labels = {line[1:] for line in lines if line.startswith(":")}
    for line in lines:
        for target in re.findall(r"\bgoto (\S+)", line):
            assert target == ":eof" or target in labels, line
        if line.startswith("echo "):
            said = line[5:]
            # cmd's specials are escaped, % doubled: nothing in a message is a command
            assert not re.search(r"(?<!\^)[&|<>]", said), line
            assert not re.search(r"(?<!%)%(?!%)", said.replace("%%", "")), line
        if not line.startswith("echo "):
            assert line.isascii(), line  # only messages may hold other characters
        assert line.count("(") == line.count(")"), line  # no multi-line blocks
    assert lines[0] == "@echo off" and "chcp 65001 >nul" in lines
    return lines


@pytest.mark.parametrize("tag", SHIPPED)
def test_batch_file_in_every_language(tag: str) -> None:
    text = launchers.play_bat(staff(tag))
    lines = parse_batch(text)
    said = [line[5:] for line in lines if line.startswith("echo ")]
    assert said == [
        launchers._bat_echo(staff(tag).t(m))[5:] for m in (launchers.MSG_VLC, launchers.MSG_BROWSER)
    ]
    if tag != "en":
        assert launchers.MSG_BROWSER not in text  # translated
    # VLC's usual places, then PATH, then the page
    assert lines.index('set "VLC=%ProgramFiles%\\VideoLAN\\VLC\\vlc.exe"') < lines.index(
        'for %%X in (vlc.exe) do set "VLC=%%~$PATH:X"'
    )
    assert 'start "" "%VLC%" --fullscreen --no-video-title-show ceremony.xspf' in lines
    assert 'start "" "PLAY.html"' in lines


def test_batch_escapes_what_cmd_would_run() -> None:
    assert launchers._bat_echo("50% & <more> | ^") == "echo 50%% ^& ^<more^> ^| ^^"


@pytest.mark.parametrize("tag", SHIPPED)
@pytest.mark.parametrize("name", [launchers.SH, launchers.COMMAND])
def test_shell_launchers_parse(tag: str, name: str, tmp_path: Path) -> None:
    script = tmp_path / name
    script.write_text(launchers.launchers(staff(tag))[name], "utf-8")
    for shell in ("bash", "sh"):
        if shutil.which(shell):
            out = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
            assert out.returncode == 0, out.stderr
    text = script.read_text("utf-8")
    assert text.startswith("#!/bin/sh\n") and "\r" not in text
    assert staff(tag).t(launchers.MSG_BROWSER).replace("'", "'\\''") in text


def _fake(folder: Path, name: str) -> Path:
    """A stand-in program that records its arguments and working folder."""
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text(f'#!/bin/sh\necho "$PWD" "$@" > "{folder}/{name}.called"\n', "utf-8")
    tool.chmod(0o755)
    return tool


def _package(tmp_path: Path, tag: str) -> Path:
    pkg = tmp_path / "stick" / "KZ"
    pkg.mkdir(parents=True)
    for name, text in launchers.launchers(staff(tag)).items():
        (pkg / name).write_text(text, "utf-8", newline="")
    return pkg


def test_play_sh_starts_vlc_full_screen_with_the_xspf(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "ru")
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "vlc")
    out = subprocess.run(
        ["sh", str(pkg / launchers.SH)],
        cwd=tmp_path,  # the launcher finds its own folder
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == staff("ru").t(launchers.MSG_VLC)
    called = (bin_dir / "vlc.called").read_text().split()
    assert called == [str(pkg), "--fullscreen", "--no-video-title-show", "ceremony.xspf"]


def test_play_command_opens_the_page_without_vlc(tmp_path: Path) -> None:
    pkg = _package(tmp_path, "fr")
    bin_dir = tmp_path / "bin"
    _fake(bin_dir, "open")
    dirname = shutil.which("dirname")
    assert dirname
    os.symlink(dirname, bin_dir / "dirname")
    out = subprocess.run(
        [shutil.which("sh") or "/bin/sh", str(pkg / launchers.COMMAND)],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},  # no VLC anywhere
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == staff("fr").t(launchers.MSG_BROWSER)
    assert (bin_dir / "open.called").read_text().split() == [str(pkg), "PLAY.html"]


def test_built_package_holds_the_launchers_with_their_bits(built: Built) -> None:
    pkg = built.package("KZ")
    for name, text in launchers.launchers(staff("en")).items():
        assert (pkg / name).read_bytes() == text.encode("utf-8")
        mode = stat.S_IMODE((pkg / name).stat().st_mode)
        executable = bool(mode & stat.S_IXUSR)
        assert executable == (name in launchers.EXECUTABLE), (name, oct(mode))
    assert (pkg / launchers.BAT).read_bytes().count(b"\r\n") == len(
        launchers.play_bat(staff("en")).split("\r\n")
    ) - 1
    manifest = (pkg / "MANIFEST.sha256").read_text("utf-8")
    for name in (*launchers.launchers(staff("en")), "PLAY.html"):
        assert f"  {name}\n" in manifest
