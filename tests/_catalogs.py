"""The messages the code shows, read from its source (ast): every literal first
argument of ``t(...)``/``w(...)``/``<x>.t(...)``, the values of ``MESSAGES`` dicts
and ``MSG_*`` constants. The English catalog must hold exactly these."""

from __future__ import annotations

import ast
from pathlib import Path

import screening_kit

SRC = Path(screening_kit.__file__).parent
SOURCES = [
    SRC / "package" / "__init__.py",
    SRC / "package" / "runsheet.py",
    SRC / "package" / "verify_page.py",
    SRC / "package" / "play_page.py",
    SRC / "package" / "launchers.py",
    SRC / "package" / "index.py",
]


def messages_in_code() -> list[str]:
    found: list[str] = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                f, arg = node.func, node.args[0]
                name = getattr(f, "id", None) or getattr(f, "attr", "")
                if name in ("t", "w") and isinstance(arg, ast.Constant):
                    found.append(str(arg.value))
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "MESSAGES" and isinstance(node.value, ast.Dict):
                    found += [v.value for v in node.value.values if isinstance(v, ast.Constant)]
                elif target.id.startswith("MSG_") and isinstance(node.value, ast.Constant):
                    found.append(node.value.value)
    return list(dict.fromkeys(found))
