"""Issue 16, points 3, 5, 6 (a target's files) and 7: sync never writes through a
link on the stick and removes dangling ones; two syncs to one copy take turns (the
second says who holds it, waits, or exits 5 with --no-wait) and every final name
holds an old or a complete new file; a symlink among the target's files is named
as one; verify after an interrupted sync says to run sync again."""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from screening_kit.fsio import create_new

from ._crash import copy_package, env_for, run, set_cue, start, tiny_workspace, verifies
from ._helpers import assert_error, cli

FILM = "01_film.en.mp4"


@dataclass(frozen=True)
class Packages:
    a: Path  # GB, first build
    b: Path  # GB after a cue edit


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    top = tmp_path_factory.mktemp("syncsafety")
    ws = tiny_workspace(top / "base")
    assert cli("build", "-q", str(ws)).exit_code == 0
    a = copy_package(ws / "dist" / "GB", top / "A" / "GB")
    set_cue(ws, "Hello again")
    assert cli("build", "-q", str(ws)).exit_code == 0
    b = copy_package(ws / "dist" / "GB", top / "B" / "GB")
    return Packages(a, b)


def _stick(tmp_path: Path) -> Path:
    """Where a mounted stick's GB folder goes (the stick itself exists)."""
    (tmp_path / "stick").mkdir()
    return tmp_path / "stick" / "GB"


def test_create_new_never_writes_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "outside.txt"
    link = tmp_path / "tmp-name"
    link.symlink_to(victim)  # dangling
    with pytest.raises(OSError):
        create_new(link)
    assert not victim.exists()


def test_a_planted_link_at_a_temporary_name_is_not_followed(
    packages: Packages, tmp_path: Path
) -> None:
    stick = _stick(tmp_path)
    assert cli("sync", "-q", str(packages.a), str(stick)).exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    # the temporary names sync used to use, and a dangling link among the extras
    for name in (*(f".{n}.sk-sync.tmp" for n in (FILM, "package.json")), "junk.mp4"):
        (stick / name).symlink_to(outside / name)
    result = cli("sync", "-q", str(packages.b), str(stick))
    assert result.exit_code == 0, result.output
    assert list(outside.iterdir()) == []  # nothing written where the links point
    assert not any(p.is_symlink() for p in stick.iterdir())  # the links are gone
    assert verifies(stick)


def test_a_symlink_among_the_targets_files_is_named_as_one(
    packages: Packages, tmp_path: Path
) -> None:
    stick = _stick(tmp_path)
    assert cli("sync", "-q", str(packages.a), str(stick)).exit_code == 0
    elsewhere = tmp_path / "elsewhere.mp4"
    elsewhere.write_bytes(b"not the film")
    for to in (elsewhere, stick / "ceremony.m3u8"):  # out of the copy, and inside it
        (stick / FILM).unlink()
        (stick / FILM).symlink_to(to)
        result = cli("sync", "-q", str(packages.b), str(stick))
        assert_error(
            result, 2, f"{stick / FILM}: is a symbolic link to {to}; sync never writes "
            f"through a link on a copy", f"hint: remove the link (rm '{stick / FILM}')",
        )  # fmt: skip
        assert "letters, digits" not in result.output
    assert elsewhere.read_bytes() == b"not the film"


def test_two_syncs_to_one_copy_take_turns(packages: Packages, tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    assert cli("sync", "-q", str(packages.a), str(stick)).exit_code == 0
    env = env_for(tmp_path / "tmp")
    # the first sync stopped right after its first file is in place (package.json)
    first = start(
        ["sync", str(packages.b), str(stick)],
        {**env, "SK_PAUSE_AT": "replace:1", "SK_UNDER": str(stick)},
    )
    assert first.stdout is not None and first.stdout.readline() == "paused\n"
    # every final name: the old file or the complete new one, never a part
    for p in stick.iterdir():
        if not p.name.startswith("."):
            assert p.read_bytes() in (
                (src / p.name).read_bytes() for src in (packages.a, packages.b)
            ), p.name
    busy = run(["sync", "--no-wait", str(packages.a), str(stick)], env)
    assert busy.returncode == 5, busy.stderr
    said = " ".join(busy.stderr.split())
    assert f"another sync (pid {first.pid} on {socket.gethostname()}, started at " in said
    assert "is writing to this copy" in said and "Traceback" not in said
    # verify, meanwhile, says a sync is running, not that the copy is damaged
    during = cli("verify", "--no-decode", str(stick))
    assert f"a sync is writing to this copy now (pid {first.pid} " in during.output

    second = start(["sync", str(packages.a), str(stick)], env)
    assert second.stderr is not None
    waiting = second.stderr.readline()
    assert f"another sync (pid {first.pid} " in waiting and "waiting for it to finish" in waiting
    assert second.poll() is None
    assert first.stdin is not None
    first.stdin.close()
    assert first.wait(timeout=120) == 0
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    check = cli("verify", "-q", "--no-decode", str(stick), "--against", str(packages.a))
    assert check.exit_code == 0 and check.output.startswith("OK: GB build"), check.output
    assert not (stick / ".screening-kit-sync.lock").exists()


def test_verify_after_an_interrupted_sync_says_to_sync_again(
    packages: Packages, tmp_path: Path
) -> None:
    stick = _stick(tmp_path)
    assert cli("sync", "-q", str(packages.a), str(stick)).exit_code == 0
    env = env_for(tmp_path / "tmp", SK_KILL_AT="replace:2", SK_UNDER=str(stick))
    assert run(["sync", str(packages.b), str(stick)], env).returncode == -9
    assert not (stick / "MANIFEST.sha256").exists()
    result = cli("verify", "-q", "--no-decode", str(stick))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "FAULT  MANIFEST.sha256: missing: this copy is incomplete (a sync was interrupted): "
        "run screening-kit sync again",
        f"NOT OK: {stick}: missing: this copy is incomplete (a sync was interrupted): "
        "run screening-kit sync again",
    ]
    assert cli("sync", "-q", str(packages.b), str(stick)).exit_code == 0
    assert verifies(stick)
    assert sorted(os.listdir(stick)) == sorted(os.listdir(packages.b))


def test_a_lock_left_by_a_killed_sync_is_taken_over(packages: Packages, tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    shutil.copytree(packages.a, stick)
    env = env_for(tmp_path / "tmp", SK_KILL_AT="unlink:1", SK_UNDER=str(stick))
    assert run(["sync", str(packages.b), str(stick)], env).returncode == -9
    assert (stick / ".screening-kit-sync.lock").is_file()
    again = run(["sync", "--no-wait", str(packages.b), str(stick)], env_for(tmp_path / "tmp"))
    assert again.returncode == 0, again.stderr
    assert "taking over the lock on" in " ".join(again.stderr.split())
    assert verifies(stick)
