"""Issue 16, point 4: libass's fontconfig cache is kept under the render cache, not
at a fixed name in the shared temporary folder, where another user of the machine
could plant a link (or a poisoned cache) for every build to follow."""

from __future__ import annotations

from pathlib import Path

from ._crash import env_for, run, tiny_workspace, verifies


def test_a_link_planted_in_tmp_is_not_followed(tmp_path: Path) -> None:
    ws = tiny_workspace(tmp_path / "top")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (tmp / "screening-kit-fontconfig").symlink_to(victim)
    done = run(["build", "-q", str(ws)], env_for(tmp), hook=False)
    assert done.returncode == 0, done.stderr
    assert verifies(ws / "dist" / "GB")
    assert list(victim.iterdir()) == []
    assert [p.name for p in tmp.iterdir()] == ["screening-kit-fontconfig"]  # nothing new
    # fontconfig scanned the pinned font folder and kept its cache beside it
    kept = ws / ".screening-kit" / "cache" / "fonts" / ".fontconfig-cache"
    assert any(p.name.endswith(tuple(f".cache-{v}" for v in range(5, 20))) for p in kept.iterdir())
