"""Issue 16, proof: ``build`` and ``sync`` killed (SIGKILL of the process and its
ffmpeg children) at points drawn by a seeded random schedule from every file
operation they make (renames, the swap, links, removals, fsyncs, folders, ffmpeg
starts). After each kill: every package under its final name verifies (a build
without RENAME_EXCHANGE may leave dist/GB missing only with a complete copy beside
it, which the next build puts back); every file under a final name on the stick is
an old or a complete new one, and a stick with a manifest verifies; nothing outside
dist/, the cache and the stick changed (the workspace's inputs, $TMPDIR, the
packages synced from). The next run is the restart; a last clean run of each ends
in a package that verifies.

The default suite kills 10 times; the slow one 48 more (seeds differ)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from ._crash import copy_package, env_for, run, set_cue, state, tiny_workspace, verifies
from ._helpers import cli


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A built workspace, and two builds of its package (before and after an edit)."""
    top = tmp_path_factory.mktemp("crash")
    ws = tiny_workspace(top / "base")
    assert cli("build", "-q", str(ws)).exit_code == 0
    a = copy_package(ws / "dist" / "GB", top / "a" / "GB")
    set_cue(ws, "another text")
    assert cli("build", "-q", str(ws)).exit_code == 0
    b = copy_package(ws / "dist" / "GB", top / "b" / "GB")
    return ws, a, b


def _events(args: list[str], env: dict[str, str], tmp: Path) -> int:
    """How many operations a complete run makes (the range kills are drawn from)."""
    count = tmp / "count"
    done = run(args, {**env, "SK_COUNT": str(count)})
    assert done.returncode == 0, done.stderr
    return int(count.read_text())


def _recoverable(dist: Path) -> bool:
    return any(verifies(p) for p in dist.glob(".GB.*") if p.is_dir())


def crash_build(ws: Path, top: Path, rng: random.Random, kills: int) -> int:
    dist, gb = ws / "dist", ws / "dist" / "GB"
    skip = (dist, ws / ".screening-kit")
    env = env_for(top / "tmp")
    set_cue(ws, "measured")
    total = _events(["build", "-q", "-j", "1", str(ws)], env, top)
    done = 0
    for attempt in range(3 * kills):
        if done == kills:
            break
        set_cue(ws, f"take {attempt}")  # something to encode and swap in each time
        before = state(top, skip)
        at = rng.randint(1, total)
        fallback = rng.random() < 0.5
        extra = {"SK_KILL_AT": f"any:{at}", **({"SK_NO_EXCHANGE": "1"} if fallback else {})}
        r = run(["build", "-q", "-j", "1", str(ws)], {**env, **extra})
        assert r.returncode in (-9, 0), (at, r.stderr)
        done += r.returncode == -9
        assert state(top, skip) == before, f"kill at {at} changed files outside"
        if gb.exists():
            assert verifies(gb), f"kill at {at}: dist/GB does not verify"
        else:
            assert fallback and _recoverable(dist), f"kill at {at}: dist/GB lost"
    r = run(["build", "-q", str(ws)], env)
    assert r.returncode == 0, r.stderr
    assert verifies(gb)
    assert sorted(p.name for p in dist.iterdir()) == ["GB", "index.html"]
    return done


def crash_sync(pkgs: list[Path], top: Path, rng: random.Random, kills: int) -> int:
    (top / "stick").mkdir()
    stick = top / "stick" / "GB"
    skip = (stick,)
    env = env_for(top / "tmp")
    total = _events(["sync", "-q", str(pkgs[0]), str(stick)], env, top)
    done = 0
    for attempt in range(3 * kills):
        if done == kills:
            break
        src = pkgs[(attempt + 1) % 2]
        before = state(top, skip)
        at = rng.randint(1, total)
        r = run(["sync", "-q", str(src), str(stick)], {**env, "SK_KILL_AT": f"any:{at}"})
        assert r.returncode in (-9, 0), (at, r.stderr)
        done += r.returncode == -9
        assert state(top, skip) == before, f"kill at {at} changed files outside"
        for p in stick.iterdir():
            if not p.name.startswith("."):
                versions = [(pkg / p.name).read_bytes() for pkg in pkgs if (pkg / p.name).exists()]
                assert p.read_bytes() in versions, f"kill at {at}: {p.name} is damaged"
        if (stick / "MANIFEST.sha256").exists():
            assert verifies(stick), f"kill at {at}: a copy with a manifest does not verify"
    r = run(["sync", "-q", str(pkgs[1]), str(stick)], env)
    assert r.returncode == 0, r.stderr
    check = cli("verify", "-q", "--no-decode", str(stick), "--against", str(pkgs[1]))
    assert check.exit_code == 0, check.output
    return done


@pytest.mark.parametrize(
    ("seed", "kills"),
    [
        pytest.param(16, 5, id="default"),
        pytest.param(1616, 24, id="slow", marks=pytest.mark.slow),
    ],
)
def test_kills_at_random_points_lose_and_damage_nothing(
    base: tuple[Path, Path, Path], tmp_path: Path, seed: int, kills: int
) -> None:
    ws, a, b = base
    rng = random.Random(seed)
    assert (
        crash_build(Path(shutil.copytree(ws, tmp_path / "b" / "ws")), tmp_path / "b", rng, kills)
        == kills
    )
    pkgs = [copy_package(p, tmp_path / "s" / "pkgs" / n / "GB") for n, p in (("a", a), ("b", b))]
    assert crash_sync(pkgs, tmp_path / "s", rng, kills) == kills
