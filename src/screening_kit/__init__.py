"""screening-kit: one ceremony workspace in, one ready-to-play package per country out.

The face only hands names on, lazily (PEP 562): ``import screening_kit`` (and the
command line, which imports ``screening_kit.cli``) loads no stage, no PyAV, Pillow,
HarfBuzz or ICU until a name that needs them is used."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .build import BuildResult, build
    from .config import Workspace, load_workspace
    from .errors import ScreeningKitError
    from .qc import QcReport, check_workspace
    from .verify import verify_package

# public name -> the module that defines it
_HOMES = {
    "BuildResult": ".build",
    "build": ".build",
    "Workspace": ".config",
    "load_workspace": ".config",
    "ScreeningKitError": ".errors",
    "QcReport": ".qc",
    "check_workspace": ".qc",
    "verify_package": ".verify",
}

__all__ = [
    "BuildResult",
    "QcReport",
    "ScreeningKitError",
    "Workspace",
    "__version__",
    "build",
    "check_workspace",
    "load_workspace",
    "verify_package",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'screening_kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # once: later lookups skip this function
    return value


class _Face(types.ModuleType):
    """``screening_kit.build`` is the function, also once the submodule of that name is
    loaded (the import system would name the module on its parent)."""

    @property
    def build(self) -> Any:
        return importlib.import_module(".build", __name__).build

    @build.setter
    def build(self, value: Any) -> None:
        pass  # the submodule, set by the import system: the face keeps the function


sys.modules[__name__].__class__ = _Face
