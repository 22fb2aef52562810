"""Assemble ``dist/<country>/`` from cached renders.

The package is assembled in a temporary folder beside its final place and
swapped in with renames, so a mission never finds a half-written package.
Media files are copies of cache objects (never hard links: damage to a cache
object must not reach a package already built), each checked against the sha256
recorded when the object was written.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..cache import Cache, sha256_file
from ..config import Workspace
from ..errors import MediaError
from ..ffmpeg import ffmpeg_version
from ..fsio import atomic_write_text, inside
from ..plan import CountryPlan, PackageItem
from . import playlists, runsheet
from .names import MAX_NAME_BYTES, file_name, part_name, safe_stem
from .playall import PlayAll
from .split import split_file

MANIFEST = "MANIFEST.sha256"
PACKAGE_JSON = "package.json"
RUNSHEET = "RUNSHEET.html"

__all__ = [
    "MAX_NAME_BYTES",
    "PackageResult",
    "file_name",
    "oversize_warnings",
    "part_name",
    "safe_stem",
    "write_package",
]


@dataclass(frozen=True)
class PackageResult:
    country: str
    path: Path
    files: list[str]
    total_bytes: int
    warnings: list[str] = field(default_factory=list)


def _copy(src: Path, dst: Path) -> None:
    with src.open("rb") as fin, dst.open("wb") as fout:
        # in the kernel: no trip through Python, and a reflink on btrfs/XFS
        left = os.fstat(fin.fileno()).st_size
        try:
            while left > 0:
                n = os.copy_file_range(fin.fileno(), fout.fileno(), left)
                if n == 0:
                    break
                left -= n
        except OSError as e:
            # file systems (or kernels) that cannot do it; a full disk is not one
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
            fin.seek(0)
            fout.seek(0)
            fout.truncate()
            shutil.copyfileobj(fin, fout, 1 << 20)


def _copy_checked(cache: Cache, src: Path, dst: Path) -> str:
    """Copy a cache object into the package; return the copy's sha256 (for the
    manifest) after checking it against the one recorded for the object."""
    try:
        _copy(src, dst)
    except OSError as e:
        if e.filename is not None:
            raise
        # a full or read-only disk: name the file being written (errors.machine_error)
        raise OSError(e.errno, e.strerror, str(dst)) from e
    digest = sha256_file(dst)
    if digest != cache.recorded_sha256(src):
        cache.evict(src.name.split(".", 1)[0], src.suffix)
        raise MediaError(
            f"the cache object for {dst.name} changed since it was checked "
            "(the disk or something else altered it); it has been removed",
            path=src,
            hint="run the build again: the piece is encoded anew",
        )
    return digest


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


def oversize_warnings(files: list[tuple[str, int]], limit: int | None) -> list[str]:
    """Files a FAT32 stick cannot hold (the profile's ``warn_size_bytes``, 4 GiB)."""
    if not limit:
        return []
    return [
        f"{name} is {size / 1024**3:.2f} GiB: a FAT32 USB stick cannot hold files over "
        f"{limit / 1024**3:.2f} GiB; use a stick formatted exFAT or NTFS (check the TV reads "
        "it), or build with --split-large-files (parts cut at keyframes, played in order)"
        for name, size in files
        if size > limit
    ]


def input_record(path: Path, root: Path, sha256: str) -> dict[str, Any]:
    """How package.json names an input: relative to the workspace when inside it,
    else its absolute path (a master on /media/... is a normal case), always with
    its hash, which is what identifies it."""
    norm, base = (Path(os.path.normpath(p.absolute())) for p in (path, root))
    if norm.is_relative_to(base):
        return {"path": norm.relative_to(base).as_posix(), "sha256": sha256}
    return {"path": norm.as_posix(), "sha256": sha256, "outside_workspace": True}


def _language_label(item: PackageItem, country: CountryPlan) -> str:
    if item.kind == "film" and item.language:
        return f"{country.language.name} subtitles ({item.language})"
    return "pictures only"


def write_package(
    ws: Workspace,
    country: CountryPlan,
    cache: Cache,
    out_root: Path,
    *,
    thumbnail_times: dict[str, float],
    extra: dict[str, Any] | None = None,
    play_all: PlayAll | None = None,
    split_large_files: bool = False,
) -> PackageResult:
    final = inside(out_root, country.code)
    staging = inside(out_root, f".{country.code}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    extra = dict(extra or {})
    warnings: list[str] = list(extra.pop("warnings", []))
    try:
        entries: list[playlists.Entry] = []
        files: list[dict[str, Any]] = []
        rows: list[runsheet.SheetRow] = []
        start = 0.0
        limit = country.profile.warn_size_bytes
        for item in country.items:
            src = cache.path(item.key, item.ext)
            pieces = [(file_name(item), src, float(item.duration))]
            if split_large_files and limit and src.stat().st_size > limit:
                parts = split_file(cache, item.key, item.ext, limit)
                pieces = [
                    (part_name(file_name(item), k, len(parts)), p.path, float(p.duration))
                    for k, p in enumerate(parts)
                ]
            thumb = thumbnail_data_uri(cache, item, thumbnail_times.get(item.key, 1.0))
            for k, (name, path, duration) in enumerate(pieces):
                digest = _copy_checked(cache, path, staging / name)
                files.append(
                    {
                        "name": name,
                        "kind": item.kind,
                        "id": item.item_id,
                        "title": item.title,
                        "language": item.language,
                        "position": item.position,
                        "start": round(start + sum(d for _, _, d in pieces[:k]), 3),
                        "duration": round(duration, 3),
                        "repeat": item.repeat,
                        "size": path.stat().st_size,
                        "sha256": digest,
                        "render_key": item.key if len(pieces) == 1 else path.stem,
                        **({"part": k + 1, "parts": len(pieces)} if len(pieces) > 1 else {}),
                    }
                )
            # a split item plays its parts in order, `repeat` times over
            plays = (
                [(p, 1) for _ in range(item.repeat) for p in pieces]
                if len(pieces) > 1
                else [(pieces[0], item.repeat)]
            )
            for (name, _, duration), repeat in plays:
                title = item.title if len(pieces) == 1 else f"{item.title} ({name})"
                entries.append(playlists.Entry(name, title, duration, repeat))
                rows.append(
                    runsheet.SheetRow(
                        item.position, name, title, item.kind, _language_label(item, country),
                        start, duration, repeat, thumb,
                    )
                )  # fmt: skip
                start += duration * repeat
        play_all_entries: list[tuple[str, float]] = []
        if play_all is not None and play_all.warning:
            warnings.append(play_all.warning)
        if play_all is not None:
            # first in the listing, like on the stick; not in the playlists (it would
            # play the ceremony twice)
            for n, (name, part) in enumerate(zip(play_all.names(), play_all.parts, strict=True)):
                digest = _copy_checked(cache, part.path, staging / name)
                play_all_entries.append((name, float(part.duration)))
                files.insert(
                    n,
                    {
                        "name": name,
                        "kind": "play-all",
                        "id": "play-all",
                        "title": "The whole running order in one file"
                        if len(play_all.parts) == 1
                        else f"The running order, part {n + 1} of {len(play_all.parts)}",
                        "language": country.language.code,
                        "position": 0,
                        "start": round(float(sum(d for _, d in play_all_entries[:-1])), 3),
                        "duration": round(float(part.duration), 3),
                        "repeat": 1,
                        "size": part.path.stat().st_size,
                        "sha256": digest,
                        "render_key": part.path.stem,
                    },
                )
        warnings += oversize_warnings(
            [(f["name"], f["size"]) for f in files], country.profile.warn_size_bytes
        )
        title = f"{ws.ceremony.title} - {country.name}"
        date = ws.ceremony.date.isoformat() if ws.ceremony.date else None
        (staging / "ceremony.m3u8").write_text(playlists.m3u8(title, entries), encoding="utf-8")
        (staging / "ceremony.xspf").write_text(playlists.xspf(title, entries), encoding="utf-8")
        sheet = runsheet.Sheet(
            ceremony=ws.ceremony.title,
            country=country.name,
            language=f"{country.language.name} ({country.language.code})",
            profile=country.profile.name,
            rows=rows,
            date=date,
            play_all=play_all_entries,
            warnings=warnings,
        )
        (staging / RUNSHEET).write_text(runsheet.render(sheet), encoding="utf-8")
        inputs = sorted({p for item in country.items for p in item.inputs})
        inputs += [ws.config_path, ws.root / country.playlist]
        doc = {
            "schema": 1,
            "ceremony": ws.ceremony.title,
            "date": date,
            "country": country.code,
            "country_name": country.name,
            "language": country.language.code,
            "language_name": country.language.name,
            "profile": country.profile.name,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "versions": {"screening_kit": __version__, "ffmpeg": ffmpeg_version()},
            "running_time": round(runsheet.total_seconds(rows), 3),
            "files": files,
            "inputs": [input_record(p, ws.root, cache.file_hash(p)) for p in inputs],
            **extra,
            "warnings": warnings,
        }
        (staging / PACKAGE_JSON).write_text(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # every file a mission needs, the media first: `sha256sum -c` checks them all
        manifest_lines = [f"{f['sha256']}  {f['name']}" for f in files]
        for meta_file in ("ceremony.m3u8", "ceremony.xspf", RUNSHEET, PACKAGE_JSON):
            manifest_lines.append(f"{sha256_file(staging / meta_file)}  {meta_file}")
        atomic_write_text(staging / MANIFEST, "\n".join(manifest_lines) + "\n")
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    total = sum(f["size"] for f in files)
    return PackageResult(country.code, final, [f["name"] for f in files], total, warnings)


def _swap_in(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
