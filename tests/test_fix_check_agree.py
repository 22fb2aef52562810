"""Issue 18, fault 7: `fix` and `check` agree. A file `fix --write` wrote passes
`check --strict` but for what fix itself lists as left to do, for every subtitle file
of the test suite (each test module's SRT texts) and the demo's."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.demo import make_demo

from .conftest import write_workspace
from .cutfilm import make_cut_film

TESTS = Path(__file__).parent


def _suite_files() -> dict[str, str]:
    """Every SRT text a test module holds at its top level, by module.name."""
    out: dict[str, str] = {}
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS.parent).with_suffix("")
        if "unit" in rel.parts or path.name in ("conftest.py", Path(__file__).name):
            continue
        module = importlib.import_module(".".join(rel.parts))
        for name, value in vars(module).items():
            if isinstance(value, str) and "-->" in value and "\n" in value:
                out[f"{rel.name}.{name}"] = value
    return out


SUITE = _suite_files()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("agree")
    film = make_cut_film(tmp / "cut.mp4")  # 14 s with shot changes: the shot rules fire
    return write_workspace(
        tmp / "ws", film.path, cues={"en": "1\n00:00:01,000 --> 00:00:02,000\nx\n\n"}
    )


Found = set[tuple[str, int | None]]


def _counted(findings: list[dict[str, object]]) -> Found:
    """(rule, cue) of what counts in `check --strict`: errors, warnings, and the
    chaining advice that `fix` acts on."""
    return {
        (str(f["rule"]), f["cue"])  # type: ignore[misc]
        for f in findings
        if f["severity"] != "info" or f["rule"] == "gap-chain"
    }


def _fix_then_check(root: Path, srt: Path) -> tuple[dict[str, object], Found]:
    runner = CliRunner()
    fixed = runner.invoke(main, ["fix", str(root), "--write", "--json"])
    assert fixed.exit_code == 0, fixed.output
    name = srt.relative_to(root).as_posix()
    (doc,) = [f for f in json.loads(fixed.output)["files"] if f["file"] == name]
    checked = runner.invoke(main, ["check", str(root), "--strict", "--json"])
    found = [f for f in json.loads(checked.output)["findings"] if f["file"] == name]
    return doc, _counted(found)


def test_the_suite_has_subtitle_files() -> None:
    assert len(SUITE) > 15 and "test_fix.FIXED" in SUITE


@pytest.mark.parametrize("name", sorted(SUITE))
def test_fix_output_passes_check_strict(workspace: Path, name: str) -> None:
    srt = workspace / "subtitles" / "film" / "en.srt"
    srt.write_text(SUITE[name], "utf-8")
    for orig in srt.parent.glob("*.orig"):
        orig.unlink()
    doc, found = _fix_then_check(workspace, srt)
    if doc["skipped"]:  # a file fix cannot read: check reports why, as its one error
        assert len(found) == 1 and next(iter(found))[0] in ("encoding", "unreadable")
    else:
        assert found == _counted(doc["remaining"])  # type: ignore[arg-type]


def test_demo_files_are_clean_after_fix(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    make_demo(root, width=320, height=180)  # the demo's 60 s: its cues fit their time
    runner = CliRunner()
    assert runner.invoke(main, ["fix", str(root), "--write"]).exit_code == 0
    checked = json.loads(runner.invoke(main, ["check", str(root), "--strict", "--json"]).output)
    on_subtitles = [
        f for f in checked["findings"] if f["file"].endswith(".srt") and f["severity"] != "info"
    ]
    assert on_subtitles == []
