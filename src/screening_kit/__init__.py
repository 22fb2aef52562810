"""screening-kit: one ceremony workspace in, one ready-to-play package per country out."""

__version__ = "0.1.0"

from .build import BuildResult, build
from .config import Workspace, load_workspace
from .errors import ScreeningKitError

__all__ = [
    "BuildResult",
    "ScreeningKitError",
    "Workspace",
    "__version__",
    "build",
    "load_workspace",
]
