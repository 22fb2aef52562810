"""screening-kit: one ceremony workspace in, one ready-to-play package per country out."""

__version__ = "0.1.0"

from .build import BuildResult, build
from .config import Workspace, load_workspace
from .errors import ScreeningKitError
from .qc import QcReport, check_workspace
from .verify import verify_package

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
