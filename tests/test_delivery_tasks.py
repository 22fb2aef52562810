"""Issue 18, fault 4: play-all and split parts are tasks of the plan, so `cache prune`
keeps what a fresh package was built from, `build --dry-run` lists them, and a cluster
runs them like every render."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from screening_kit.build import build
from screening_kit.cache import Cache
from screening_kit.cli import main
from screening_kit.demo import make_demo
from screening_kit.plan import PlayAllTask
from screening_kit.progress import RecordingReporter
from screening_kit.verify import verify_package

from .conftest import shrink_workspace


def test_prune_keeps_the_play_all_a_fresh_package_was_built_from(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_demo(root, seconds=3, width=320, height=180)
    shrink_workspace(root, play_all=True)
    result = build(root, reporter=RecordingReporter(), countries=["GB"], jobs=2, force=True)
    (task,) = [t for t in result.plan.tasks.values() if isinstance(t, PlayAllTask)]
    assert task.key in result.execution.encoded
    cache = Cache(result.cache_dir)
    part = cache.path(task.key + "000", ".mp4")
    assert part.is_file() and cache.meta(task.key + "000")["kind"] == "PlayAllPart"

    runner = CliRunner()
    stats = runner.invoke(main, ["cache", "stats", str(root)])
    assert "playallpart" in stats.output and "playall " in stats.output
    dry = runner.invoke(main, ["build", str(root), "--dry-run", "--force", "-c", "GB"])
    assert "reuse   GB: play-all" not in dry.output  # work 0: not listed as an encode
    assert "would run 0 steps" in dry.output, dry.output
    pruned = runner.invoke(main, ["cache", "prune", str(root)])
    assert pruned.exit_code == 0, pruned.output
    assert part.is_file() and cache.path(task.key, ".ffconcat").is_file()
    # a rebuild reuses it: nothing is joined again
    again = build(root, reporter=RecordingReporter(), countries=["GB"], jobs=2, force=True)
    assert task.key in again.execution.reused and not again.execution.encoded
    assert verify_package(again.packages[0].path).ok
    assert (again.packages[0].path / "00_play-all.mp4").is_file()


def test_without_play_all_in_the_plan_prune_removes_it(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_demo(root, seconds=3, width=320, height=180)
    shrink_workspace(root)
    result = build(root, reporter=RecordingReporter(), countries=["GB"], play_all=True, force=True)
    (task,) = [t for t in result.plan.tasks.values() if isinstance(t, PlayAllTask)]
    part = Cache(result.cache_dir).path(task.key + "000", ".mp4")
    assert part.is_file()
    # ceremony.yaml does not ask for play-all: the workspace's build does not use it
    assert CliRunner().invoke(main, ["cache", "prune", str(root)]).exit_code == 0
    assert not part.exists()
