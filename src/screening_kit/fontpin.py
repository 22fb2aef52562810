"""Font files pinned in the cache, so every render uses exactly the files its key names.

A resolved font's family, its regular face and the bold and italic faces installed
with it (cards set their title in bold; cues may hold <b> and <i>), and the same
faces of its companion (``fonts.ResolvedFont.companion``), are copied into
``CACHE/fonts/<id>/``, the id a hash of those files' hashes (written atomically).
Renders get that folder as libass's ``fontsdir`` and run with a fontconfig
configuration that lists only that folder: a worker's own fonts (another Noto
version, a face missing) cannot change a single pixel.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from .cache import Cache
from .fonts import ResolvedFont
from .fsio import create_new, tmp_name

FONTS_FOLDER = "fonts"
FONTCONFIG_NAME = "fonts.conf"


STYLES = ("bold", "italic", "bold:italic")


def family_faces(font: ResolvedFont) -> list[Path]:
    """The resolved file, then its family's bold and italic faces where installed."""
    faces = [font.path]
    for style in STYLES:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}\n%{file}\n", f"{font.family}:{style}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        if len(out) < 2:
            continue
        # fontconfig answers with *some* font; only a face of this family counts
        families = {f.strip().casefold() for f in out[0].split(",")}
        face = Path(out[1])
        if font.family.casefold() in families and face.is_file() and face not in faces:
            faces.append(face)
    return faces


def copy_in(src: Path, dest: Path) -> None:
    """Copy a font file into the cache atomically (kept when a copy of its size is there)."""
    if dest.is_file() and dest.stat().st_size == src.stat().st_size:
        return
    tmp = tmp_name(dest)
    try:
        with src.open("rb") as fin, create_new(tmp) as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def pin_font(font: ResolvedFont, cache: Cache) -> tuple[ResolvedFont, str]:
    """The same font with its file now the copy in the cache (copied when missing),
    and the pinned folder's id: a hash over every face's name and content hash,
    for the keys of the renders that draw with it."""
    faces = family_faces(font)
    if font.companion is not None:
        # the companion (Noto Sans beside a script's Noto font) draws in the same renders
        faces += [f for f in family_faces(font.companion) if f not in faces]
    named = sorted((p.name, cache.file_hash(p)) for p in faces)
    font_id = hashlib.sha256(json.dumps(named).encode()).hexdigest()[:40]
    folder = cache.root / FONTS_FOLDER / font_id
    folder.mkdir(parents=True, exist_ok=True)
    for face in faces:
        copy_in(face, folder / face.name)

    def pinned(f: ResolvedFont) -> ResolvedFont:
        bold = folder / f.bold_path.name if f.bold_path is not None else None
        if bold is not None and not bold.is_file():
            bold = None  # not a face fontconfig lists for the family: measured as synthetic
        return dataclasses.replace(f, path=folder / f.path.name, bold_path=bold)

    companion = pinned(font.companion) if font.companion is not None else None
    return dataclasses.replace(pinned(font), companion=companion), font_id


# fontconfig's own scan cache, beside the pinned folders in the render cache: never
# a fixed name in a shared /tmp, where another user could plant a link or a
# poisoned cache for libass to read. Its files are named by the scanned folder's
# path, architecture and fontconfig version and checked against the folder's
# mtime, so machines sharing the cache (a cluster) can share it.
FONTCONFIG_CACHE = ".fontconfig-cache"


def fontconfig_env(fonts_dir: Path, work: Path) -> dict[str, str]:
    """Environment for an ffmpeg whose libass may see only ``fonts_dir``: a
    fontconfig file in ``work`` listing that folder alone."""
    conf = work / FONTCONFIG_NAME
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(fonts_dir))}</dir>\n"
        f"  <cachedir>{escape(str(fonts_dir.parent / FONTCONFIG_CACHE))}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}
