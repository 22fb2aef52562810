"""Point 10: every YAML file goes through one loader with limits (size, alias
expansion, depth, duplicate keys), parsed once; errors name the file and line."""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from screening_kit.captions import load_photo_notes
from screening_kit.config import load_yaml
from screening_kit.errors import ConfigError

from ._helpers import assert_error, cli, workspace

BOMB = "".join(
    f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + BOMB  # 10**9 values expanded


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return workspace(tmp_path / "ws", make_video("film.mp4", seconds=1))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_duplicate_key_names_both_lines(ws: Path) -> None:
    cfg = ws / "ceremony.yaml"
    _write(cfg, cfg.read_text("utf-8") + "title: Second title\n")
    first = next(
        n
        for n, line in enumerate(cfg.read_text("utf-8").splitlines(), 1)
        if line.startswith("title:")
    )
    last = len(cfg.read_text("utf-8").splitlines())
    assert_error(
        cli("build", str(ws)),
        2,
        f"ceremony.yaml:{last}: duplicate key 'title': also on line {first}",
    )


def test_alias_bomb_in_captions_is_refused_quickly(tmp_path: Path) -> None:
    path = _write(tmp_path / "captions.yaml", BOMB)
    with pytest.raises(ConfigError, match=r"captions\.yaml:\d+: its aliases expand to more than"):
        load_photo_notes(path, {"a.jpg"})


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep.yaml", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ConfigError, match=r"deep\.yaml:1: nested more than 64 levels"):
        load_yaml(path)


def test_self_referencing_alias_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "loop.yaml", "a: &x [1, *x]\n")
    with pytest.raises(ConfigError, match="an alias refers to the value that contains it"):
        load_yaml(path)


def test_big_file_is_refused_before_parsing(ws: Path) -> None:
    cfg = ws / "ceremony.yaml"
    _write(cfg, cfg.read_text("utf-8") + "#" + "x" * (3 * 1024 * 1024) + "\n")
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml: file too large")


def test_shared_values_and_merge_keys_still_load(tmp_path: Path) -> None:
    text = "base: &b {crf: 20}\nx: *b\ny:\n  <<: *b\n  preset: fast\n"
    data, _ = load_yaml(_write(tmp_path / "ok.yaml", text))
    assert data == {"base": {"crf": 20}, "x": {"crf": 20}, "y": {"crf": 20, "preset": "fast"}}


def test_impossible_date_is_a_config_error(ws: Path) -> None:
    cfg = ws / "ceremony.yaml"
    _write(cfg, cfg.read_text("utf-8") + "date: 2025-02-30\n")
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml: YAML value refused")


@pytest.mark.slow
def test_large_captions_file_memory_is_bounded(tmp_path: Path) -> None:
    """Just under the size limit: parsed once, in bounded memory (child's peak RSS)."""
    lines = [f"p{i:06d}.jpg: {{en: Arrival number {i}, ru: Прибытие {i}}}\n" for i in range(30_000)]
    path = _write(tmp_path / "captions.yaml", "".join(lines))
    assert 1.5 * 2**20 < path.stat().st_size < 2 * 2**20
    code = "import sys, pathlib; from screening_kit.config import load_yaml; "
    code += "load_yaml(pathlib.Path(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mib < 400, peak_mib


def test_every_yaml_read_goes_through_the_loader() -> None:
    src = Path(__file__).parents[2] / "src" / "screening_kit"
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name != "yamlio.py"
        and any(f"yaml.{fn}(" in p.read_text("utf-8") for fn in ("safe_load", "load", "compose"))
    ]
    assert offenders == []
    assert yaml  # the module is imported here only to state the rule above
