"""frontend: the default folders are defined once; profile and country checks."""

from __future__ import annotations

import re
from pathlib import Path

import screening_kit
from screening_kit.frontend import CACHE_DIR, DIST_DIR, default_dirs

SRC = Path(screening_kit.__file__).parent


def test_default_dirs() -> None:
    assert default_dirs(Path("/w")) == (Path("/w/dist"), Path("/w/.screening-kit/cache"))
    assert (Path("dist"), Path(".screening-kit/cache")) == (DIST_DIR, CACHE_DIR)


def test_default_folders_are_spelled_only_in_the_front_end() -> None:
    spelled = re.compile(r"""["']\.screening-kit["']|/ ["']dist["']""")
    homes = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if spelled.search(p.read_text("utf-8"))
    ]
    assert homes == ["frontend.py"]
