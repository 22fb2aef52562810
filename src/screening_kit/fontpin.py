"""Font files pinned in the cache, so every render uses exactly the file its key names.

A resolved font is copied into ``CACHE/fonts/<hash>/`` (content-addressed, one file
per folder, written atomically). Renders get that folder as libass's ``fontsdir``
and run with a fontconfig configuration that lists only that folder: a worker's own
fonts (another Noto version, a font missing) cannot change a single pixel.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from .cache import Cache
from .fonts import ResolvedFont

FONTS_FOLDER = "fonts"
FONTCONFIG_NAME = "fonts.conf"


def pin_font(font: ResolvedFont, cache: Cache) -> ResolvedFont:
    """The same font, its file now the copy in the cache (made when missing)."""
    digest = cache.file_hash(font.path)
    folder = cache.root / FONTS_FOLDER / digest[:40]
    pinned = folder / font.path.name
    if pinned.is_file() and pinned.stat().st_size == font.path.stat().st_size:
        return dataclasses.replace(font, path=pinned)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{font.path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        with font.path.open("rb") as src, tmp.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, pinned)
    finally:
        tmp.unlink(missing_ok=True)
    return dataclasses.replace(font, path=pinned)


def _fontconfig_cache() -> Path:
    # fontconfig's own scan cache: per machine, never on the shared storage
    return Path(tempfile.gettempdir()) / "screening-kit-fontconfig"


def fontconfig_env(fonts_dir: Path, work: Path) -> dict[str, str]:
    """Environment for an ffmpeg whose libass may see only ``fonts_dir``: a
    fontconfig file in ``work`` listing that folder alone."""
    conf = work / FONTCONFIG_NAME
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(fonts_dir))}</dir>\n"
        f"  <cachedir>{escape(str(_fontconfig_cache()))}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}
