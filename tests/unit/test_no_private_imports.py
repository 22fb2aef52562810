"""No module uses another module's ``_private`` names (issue 18, point 10).

A name with a leading underscore is its module's own: what another module needs is
public in its home (one line saying what it is) or moved to where it belongs."""

from __future__ import annotations

import ast
from pathlib import Path

import screening_kit

SRC = Path(screening_kit.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _package_module(path: Path, node: ast.ImportFrom, name: str) -> bool:
    """Whether ``from <node.module> import name`` binds a module of the package."""
    if node.level == 0:
        if not (node.module or "").startswith("screening_kit"):
            return False
        base = SRC.parent.joinpath(*(node.module or "").split("."))
    else:
        base = path.parent
        for _ in range(node.level - 1):
            base = base.parent
        if node.module:
            base = base.joinpath(*node.module.split("."))
    return (base / f"{name}.py").is_file() or (base / name / "__init__.py").is_file()


def private_uses(text: str, path: Path) -> list[str]:
    """Each use, in the source ``text`` of the module at ``path``, of another module's
    private name: imported by name, or read as an attribute of a package module the
    file imported. As ``line: what``."""
    tree = ast.parse(text, str(path))
    found = []
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for a in node.names:
                if _private(a.name):
                    found.append(f"{node.lineno}: imports {a.name}")
                elif _package_module(path, node, a.name):
                    modules.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            modules.update(
                a.asname or a.name for a in node.names if a.name.startswith("screening_kit")
            )
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append(f"{node.lineno}: reads {node.value.id}.{node.attr}")
    return found


def test_no_module_imports_a_private_name() -> None:
    uses = [
        f"{path.relative_to(SRC.parent)}:{use}"
        for path in sorted(SRC.rglob("*.py"))
        for use in private_uses(path.read_text("utf-8"), path)
    ]
    assert uses == []


def test_the_check_sees_both_kinds_of_use() -> None:
    """The walk finds what it is meant to (else an empty list above proves nothing)."""
    text = (
        "from __future__ import annotations\n"
        "from . import findings\n"
        "from .findings import Finding, _hidden\n"
        "from ..plan import keys\n"
        "print(findings._other, findings.Finding, Finding, _hidden, keys._k, x._y)\n"
    )
    # as if it stood in qc/, so its relative imports resolve to the package's modules
    uses = private_uses(text, SRC / "qc" / "example.py")
    assert uses == [
        "3: imports _hidden",
        "5: reads findings._other",
        "5: reads keys._k",
    ]
