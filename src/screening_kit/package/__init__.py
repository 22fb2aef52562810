"""Assemble ``dist/<country>/`` from cached renders.

The package is assembled in a temporary folder beside its final place and
swapped in with renames, so a mission never finds a half-written package.
Media files are hard links to cache objects (copies across file systems).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..cache import Cache, atomic_write_text, sha256_file
from ..config import Workspace
from ..ffmpeg import ffmpeg_version
from ..plan import CountryPlan, PackageItem
from . import playlists, runsheet

MANIFEST = "MANIFEST.sha256"
PACKAGE_JSON = "package.json"


@dataclass(frozen=True)
class PackageResult:
    country: str
    path: Path
    files: list[str]
    total_bytes: int


def file_name(item: PackageItem) -> str:
    lang = f".{item.language}" if item.language else ""
    return f"{item.position:02d}_{item.item_id}{lang}{item.ext}"


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def thumbnail_data_uri(cache: Cache, item: PackageItem, at: float) -> str | None:
    """A small JPEG of one frame, cached beside the render it shows.

    moviepy is the convenient tool for grabbing one frame as an array here; the
    full-length paths never go through it.
    """
    thumb = cache.objects / item.key[:2] / f"{item.key}.thumb.jpg"
    if not thumb.is_file():
        from moviepy import VideoFileClip
        from PIL import Image

        with VideoFileClip(str(cache.path(item.key, item.ext)), audio=False) as clip:
            frame = clip.get_frame(min(at, max(0.0, clip.duration - 0.1)))
        img = Image.fromarray(frame)
        img.thumbnail((320, 180))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        tmp = thumb.with_name(f".{thumb.name}.{os.getpid()}.tmp")
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, thumb)
    return "data:image/jpeg;base64," + base64.b64encode(thumb.read_bytes()).decode()


def write_package(
    ws: Workspace,
    country: CountryPlan,
    cache: Cache,
    out_root: Path,
    *,
    thumbnail_times: dict[str, float],
    extra: dict[str, Any] | None = None,
) -> PackageResult:
    final = out_root / country.code
    staging = out_root / f".{country.code}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        entries: list[playlists.Entry] = []
        files: list[dict[str, Any]] = []
        rows: list[runsheet.SheetRow] = []
        start = 0.0
        for item in country.items:
            name = file_name(item)
            src = cache.path(item.key, item.ext)
            _link(src, staging / name)
            duration = float(item.duration)
            sha = cache.file_hash(src)
            title = item.title
            entries.append(playlists.Entry(name, title, duration, item.repeat))
            files.append(
                {
                    "name": name,
                    "kind": item.kind,
                    "id": item.item_id,
                    "title": title,
                    "language": item.language,
                    "duration": round(duration, 3),
                    "repeat": item.repeat,
                    "size": src.stat().st_size,
                    "sha256": sha,
                    "render_key": item.key,
                }
            )
            rows.append(
                runsheet.SheetRow(
                    item.position,
                    name,
                    title,
                    item.kind,
                    start,
                    duration,
                    item.repeat,
                    thumbnail_data_uri(cache, item, thumbnail_times.get(item.key, 1.0)),
                )
            )
            start += duration * item.repeat
        title = f"{ws.ceremony.title} - {country.name}"
        (staging / "ceremony.m3u8").write_text(playlists.m3u8(title, entries), encoding="utf-8")
        (staging / "ceremony.xspf").write_text(playlists.xspf(title, entries), encoding="utf-8")
        (staging / "RUNSHEET.html").write_text(
            runsheet.render(
                ws.ceremony.title, country.name, country.language.name, country.profile.name, rows
            ),
            encoding="utf-8",
        )
        inputs = sorted({p for item in country.items for p in item.inputs})
        inputs += [ws.config_path, ws.root / country.playlist]
        doc = {
            "schema": 1,
            "ceremony": ws.ceremony.title,
            "date": ws.ceremony.date.isoformat() if ws.ceremony.date else None,
            "country": country.code,
            "country_name": country.name,
            "language": country.language.code,
            "language_name": country.language.name,
            "profile": country.profile.name,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "versions": {"screening_kit": __version__, "ffmpeg": ffmpeg_version()},
            "files": files,
            "inputs": [
                {"path": p.relative_to(ws.root).as_posix(), "sha256": cache.file_hash(p)}
                for p in inputs
            ],
            **(extra or {}),
        }
        (staging / PACKAGE_JSON).write_text(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        manifest_lines = [f"{f['sha256']}  {f['name']}" for f in files]
        for meta_file in ("ceremony.m3u8", "ceremony.xspf", "RUNSHEET.html", PACKAGE_JSON):
            manifest_lines.append(f"{sha256_file(staging / meta_file)}  {meta_file}")
        atomic_write_text(staging / MANIFEST, "\n".join(manifest_lines) + "\n")
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    total = sum(f["size"] for f in files)
    return PackageResult(country.code, final, [f["name"] for f in files], total)


def _swap_in(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
