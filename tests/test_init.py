"""`screening-kit init`: a workspace to fill in; `check` lists what is left, never crashes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.config import load_workspace


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_init_writes_a_workspace_whose_placeholders_check_lists(tmp_path: Path) -> None:
    root = tmp_path / "new"
    code, out = cli("init", str(root))
    assert code == 0, out
    cfg = (root / "ceremony.yaml").read_text("utf-8")
    assert cfg.splitlines()[0] == "# yaml-language-server: $schema=ceremony.schema.json"
    assert json.loads((root / "ceremony.schema.json").read_text("utf-8"))["title"]
    assert (root / "films").is_dir() and (root / "subtitles" / "film").is_dir()
    assert "screening-kit check" in (root / "README.md").read_text("utf-8")
    code, out = cli("check", str(root), "--json")
    assert code == 1
    found = {(f["rule"], f["file"], f["line"]) for f in json.loads(out)["findings"]}
    assert found == {
        ("fill-me-in", "ceremony.yaml", 7),  # title
        ("fill-me-in", "ceremony.yaml", 15),  # the country code and its name
        ("fill-me-in", "ceremony.yaml", 24),  # the film's title
        ("missing-film", "ceremony.yaml", 25),
        ("missing-subtitles", "subtitles/film/en.srt", None),
    }
    # a second init never overwrites the work
    code, out = cli("init", str(root))
    assert code == 2 and "already holds a workspace" in out


def test_filled_in_workspace_checks_clean(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = tmp_path / "new"
    cli("init", str(root))
    cfg = root / "ceremony.yaml"
    text = cfg.read_text("utf-8").replace("FILL-ME-IN name of the ceremony", "Reception")
    text = text.replace("FILL-ME-IN: {name: FILL-ME-IN country name", "GB: {name: United Kingdom")
    cfg.write_text(text.replace("FILL-ME-IN title of the film", "Our film"), "utf-8")
    shutil.copy(make_video("film.mp4", seconds=4), root / "films" / "film.mp4")
    (root / "subtitles" / "film" / "en.srt").write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nHello.\n\n", "utf-8"
    )
    code, out = cli("check", str(root))
    assert code == 0, out
    assert out.splitlines()[-1] == "no problems found: 0 errors, 0 warnings"
    assert load_workspace(root).ceremony.title == "Reception"
