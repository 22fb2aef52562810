"""Issue 16, points 1 and 2: a package is always under its final name or put back
from a complete copy (killed at each rename of the swap, with and without
RENAME_EXCHANGE), even by a build that then stops on a typo in ceremony.yaml; a
``dist`` that is a symbolic link is refused unless --out names it; cleanup removes
only what this workspace's builds recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screening_kit.package.identity import read_package

from ._crash import env_for, run, set_cue, tiny_workspace, verifies
from ._helpers import assert_error, cli


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tiny_workspace(tmp_path_factory.mktemp("swap") / "base")
    assert cli("build", "-q", str(ws)).exit_code == 0
    return ws


@pytest.fixture
def ws(base: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(base, tmp_path / "ws", symlinks=True))


def _id(folder: Path) -> str | None:
    pkg = read_package(folder)
    return pkg.build_id if pkg else None


def _typo(ws: Path) -> None:
    with (ws / "ceremony.yaml").open("a", encoding="utf-8") as f:
        f.write("countries: [\n")


@pytest.mark.parametrize(
    ("mode", "kill_at", "final_after_kill"),
    [
        ("exchange", "replace:1", "old"),  # the staged manifest written, not swapped yet
        ("exchange", "exchange:1", "new"),  # swapped; the old one not removed yet
        ("fallback", "rename:1", None),  # dist/GB moved aside: the name stands empty
        ("fallback", "rename:2", "new"),  # the new one in place, the old one beside it
    ],
)
def test_a_kill_at_each_step_of_the_swap_loses_no_package(
    ws: Path, tmp_path: Path, mode: str, kill_at: str, final_after_kill: str | None
) -> None:
    dist, gb = ws / "dist", ws / "dist" / "GB"
    old_id = _id(gb)
    set_cue(ws, "Hello again")
    extra = {"SK_KILL_AT": kill_at, "SK_UNDER": str(dist)}
    if mode == "fallback":
        extra["SK_NO_EXCHANGE"] = "1"
    killed = run(["build", "-q", str(ws)], env_for(tmp_path / "tmp", **extra))
    assert killed.returncode == -9, killed.stderr
    staged = sorted(dist.glob(".GB.staging-*"))
    new_id = _id(gb) if final_after_kill == "new" else _id(staged[0])
    assert new_id and new_id != old_id
    if final_after_kill is None:
        assert not gb.exists()
        pid = staged[0].name.rsplit("-", 1)[1]
        assert [p.name for p in dist.glob(".GB.old-*")] == [f".GB.old-{pid}"]
    else:
        assert verifies(gb) and _id(gb) == (old_id if final_after_kill == "old" else new_id)

    # the next build, even one that stops on a typo, puts the package back first
    _typo(ws)
    typo = cli("build", "-q", str(ws))
    assert_error(typo, 2, "ceremony.yaml")
    assert verifies(gb)
    if final_after_kill is None:
        assert _id(gb) == new_id  # the staged package was complete: it is the one
        assert f"restored {gb} from {staged[0].name}, left by a build that was stopped" in (
            " ".join(typo.output.split())
        )
    else:
        assert _id(gb) == (old_id if final_after_kill == "old" else new_id)
    assert sorted(p.name for p in dist.iterdir()) == ["GB", "index.html"]
    assert list((ws / ".screening-kit" / "cache" / "pending").iterdir()) == []


def test_copies_that_do_not_verify_are_never_removed_while_the_package_is_missing(
    ws: Path, tmp_path: Path
) -> None:
    dist = ws / "dist"
    set_cue(ws, "Hello again")
    env = env_for(tmp_path / "tmp", SK_KILL_AT="rename:1", SK_UNDER=str(dist), SK_NO_EXCHANGE="1")
    assert run(["build", "-q", str(ws)], env).returncode == -9
    left = sorted(dist.glob(".GB.*"))
    assert [p.name.split("-")[0] for p in left] == [".GB.old", ".GB.staging"]
    for folder in left:
        film = folder / "01_film.en.mp4"
        data = bytearray(film.read_bytes())
        data[len(data) // 2] ^= 0xFF
        film.write_bytes(bytes(data))
    _typo(ws)
    typo = cli("build", "-q", str(ws))
    assert_error(typo, 2, "ceremony.yaml")
    said = " ".join(typo.output.split())
    assert f"{dist / 'GB'} is missing and " in said and "do not verify" in said, said
    assert "left in place" in said
    assert sorted(dist.glob(".GB.*")) == left  # both still there, untouched


def test_a_symlinked_dist_is_refused_unless_given_with_out(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    sentinel = elsewhere / ".GB.old-999999" / "keep.txt"
    sentinel.parent.mkdir(parents=True)
    sentinel.write_text("a user's file", "utf-8")
    shutil.rmtree(ws / "dist")
    shutil.rmtree(ws / ".screening-kit")
    (ws / "dist").symlink_to(elsewhere)
    refused = cli("build", "-q", str(ws))
    assert_error(
        refused, 2, f"{ws / 'dist'}: is a symbolic link to {elsewhere}",
        f"hint: to build there, say so: --out '{elsewhere}'",
    )  # fmt: skip
    assert sorted(p.name for p in elsewhere.iterdir()) == [".GB.old-999999"]
    assert not (ws / ".screening-kit" / "cache" / "objects").exists()  # nothing encoded

    for out in (elsewhere, ws / "dist"):  # named on the command line: built there
        assert cli("build", "-q", str(ws), "--out", str(out)).exit_code == 0
        assert verifies(elsewhere / "GB")
        assert sentinel.read_text("utf-8") == "a user's file"


def test_cleanup_removes_nothing_this_workspace_did_not_record(ws: Path) -> None:
    dist = ws / "dist"
    mine = dist / ".GB.old-999999"  # named like a leftover of a process that is gone
    mine.mkdir()
    (mine / "keep.txt").write_text("a user's file", "utf-8")
    (dist / ".GB.staging-999998").mkdir()
    set_cue(ws, "Hello again")
    assert cli("build", "-q", str(ws)).exit_code == 0
    assert (mine / "keep.txt").read_text("utf-8") == "a user's file"
    assert (dist / ".GB.staging-999998").is_dir()
    assert verifies(dist / "GB")
    doc = json.loads((dist / "GB" / "package.json").read_text("utf-8"))
    assert doc["build_id"] == _id(dist / "GB")
