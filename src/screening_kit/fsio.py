"""One way in and out for the files screening-kit writes.

``inside`` is the only way to turn a name that came from a workspace (a country
code, a language tag, a film id) into a path under an output or cache root: it
refuses anything that would land outside that root. ``atomic_write_*`` write under
a temporary name in the same folder, fsync and rename, so an interrupted write
never leaves a half file under a final name.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .errors import InputError, UnsafePathError


def inside(root: Path, *parts: str | Path) -> Path:
    """``root / parts``, refused when it would leave ``root`` (``..``, an absolute
    part, or a symlink pointing out)."""
    base = Path(root).absolute()
    path = base.joinpath(*parts)
    if not path.resolve().is_relative_to(base.resolve()):
        raise UnsafePathError(
            f"refusing to use {path}: it is outside {base}",
            hint="names used in file names (countries, languages, films, slideshows, "
            "cards, profiles) may hold only letters, digits, '-' and '_'",
        )
    return path


def _tmp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = _tmp_name(path)
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit + 1`` bytes of ``path`` (so the caller can tell a file over its
    limit without reading a huge one whole); ``what`` names the file in errors."""
    try:
        with path.open("rb") as f:
            return f.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{what} not found", path=path) from None
    except IsADirectoryError:
        raise InputError(f"expected a {what}, found a folder", path=path) from None
