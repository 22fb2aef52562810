"""Describe ``dist/<country>/`` from cached renders: its files, playlists, run sheet
and package.json. ``assemble`` gives it its build id and puts it in place (or
leaves the identical package in place untouched).
"""

from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from PIL import Image

from .._version import __version__
from ..cache import Cache
from ..config import Workspace
from ..ffmpeg import ffmpeg_version
from ..fsio import atomic_write_bytes, inside
from ..i18n import Staff, staff
from ..plan import CountryPlan, PackageItem
from . import assemble, changes, launchers, play_page, playlists, runsheet
from .assemble import Media, media_sha256
from .identity import MANIFEST, PACKAGE_JSON, RUNSHEET, VERIFY_HTML
from .names import MAX_NAME_BYTES, file_name, part_name, safe_stem
from .playall import PlayAll
from .split import split_file

__all__ = [
    "MANIFEST",
    "MAX_NAME_BYTES",
    "PACKAGE_JSON",
    "RUNSHEET",
    "VERIFY_HTML",
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
    build_id: str = ""
    previous_id: str | None = None
    change: dict[str, Any] | None = None  # this build's history entry; None: unchanged
    copy_bytes: int = 0  # what a copy of the previous build must receive to catch up

    @property
    def summary(self) -> str:
        if self.change is None:
            return f"build {self.build_id}, unchanged"
        since = f" since build {self.previous_id}" if self.previous_id else ""
        return f"build {self.build_id}{since}: " + changes.summary(self.change, self.copy_bytes)


def thumbnail_data_uri(cache: Cache, item: PackageItem, at: float) -> str | None:
    """A small JPEG of one frame, cached beside the render it shows.

    PyAV seeks to the keyframe before ``at`` and decodes up to it: one frame's work,
    whatever ffmpeg prints (moviepy parsed ffmpeg's banner and failed on a timecode
    track)."""
    thumb = cache.objects / item.key[:2] / f"{item.key}.thumb.jpg"
    if not thumb.is_file():
        img = _frame_at(cache.path(item.key, item.ext), at)
        img.thumbnail((320, 180))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        atomic_write_bytes(thumb, buf.getvalue())
    return "data:image/jpeg;base64," + base64.b64encode(thumb.read_bytes()).decode()


def _frame_at(path: Path, at: float) -> Image.Image:
    """The frame shown at ``at`` seconds (the last one when the file is shorter)."""
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        tb = stream.time_base or Fraction(1, 90000)
        c.seek(int(at / tb), stream=stream, backward=True)
        last = None
        for frame in c.decode(stream):
            last = frame
            if frame.pts is not None and frame.pts * tb >= at:
                break
        if last is None:  # the seek went past the end: the file's first frame
            c.seek(0, stream=stream)
            last = next(c.decode(stream))
        image: Image.Image = last.to_image()  # type: ignore[no-untyped-call]
        return image


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


def _language_label(item: PackageItem, country: CountryPlan, lang: Staff) -> str:
    name = lang.language_name(country.language.code, country.language.name)
    if item.kind == "film" and item.language and item.second and country.second:
        name += " + " + lang.language_name(country.second.code, country.second.name)
        code = f"{item.language}+{item.second}"
        return lang.t("{language} subtitles ({code})", language=name, code=code)
    if item.kind == "film" and item.language:
        return lang.t("{language} subtitles ({code})", language=name, code=item.language)
    if item.captions:
        return lang.t("{language} captions ({code})", language=name, code=item.captions)
    return lang.t("pictures only")


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
    extra = dict(extra or {})
    warnings: list[str] = list(extra.pop("warnings", []))
    media: list[Media] = []
    entries: list[playlists.Entry] = []
    files: list[dict[str, Any]] = []
    rows: list[runsheet.SheetRow] = []
    start = 0.0
    limit = country.profile.warn_size_bytes
    venue = ws.venue_for(country.code)
    lang = staff(venue.staff_language)
    looped = {n for n, i in enumerate(ws.playlist_for(country.code)[1].items, 1) if i.until_start}
    for item in country.items:
        src = cache.path(item.key, item.ext)
        pieces = [(file_name(item), src, float(item.duration))]
        if split_large_files and limit and src.stat().st_size > limit:
            parts = split_file(cache, item.key, item.ext, limit, country.splits.get(item.key))
            pieces = [
                (part_name(file_name(item), k, len(parts)), p.path, float(p.duration))
                for k, p in enumerate(parts)
            ]
        thumb = thumbnail_data_uri(cache, item, thumbnail_times.get(item.key, 1.0))
        for k, (name, path, duration) in enumerate(pieces):
            digest = media_sha256(cache, path)
            media.insert(len(files), Media(name, path, digest, path.stat().st_size))
            files.append(
                {
                    "name": name,
                    "kind": item.kind,
                    "id": item.item_id,
                    "title": item.title,
                    "language": item.language or item.captions,
                    **({"languages": [item.language, item.second]} if item.second else {}),
                    "position": item.position,
                    "start": round(start + sum(d for _, _, d in pieces[:k]), 3),
                    "duration": round(duration, 3),
                    "repeat": item.repeat,
                    "size": path.stat().st_size,
                    "sha256": digest,
                    "render_key": item.key if len(pieces) == 1 else path.stem,
                    # a part names the render it was cut from (proof pages show that)
                    **(
                        {"part": k + 1, "parts": len(pieces), "of": item.key}
                        if len(pieces) > 1
                        else {}
                    ),
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
            loops = item.position in looped
            entries.append(playlists.Entry(name, title, duration, repeat, loops))
            rows.append(
                runsheet.SheetRow(
                    item.position, name, title, item.kind, _language_label(item, country, lang),
                    start, duration, repeat, thumb, loops,
                )
            )  # fmt: skip
            start += duration * repeat
    play_all_entries: list[tuple[str, float]] = []
    if play_all is not None:
        # first in the listing, like on the stick; not in the playlists (it would
        # play the ceremony twice)
        for n, (name, part) in enumerate(zip(play_all.names(), play_all.parts, strict=True)):
            digest = media_sha256(cache, part.path)
            media.insert(n, Media(name, part.path, digest, part.path.stat().st_size))
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
    day = venue.starts_at.date() if venue.starts_at else ws.ceremony.date
    texts = {
        "ceremony.m3u8": playlists.m3u8(title, entries),
        "ceremony.xspf": playlists.xspf(title, entries),
        **launchers.launchers(lang),
    }
    inputs = sorted({p for item in country.items for p in item.inputs})
    # ceremony.yaml as a whole is not an input of one package: what of it this
    # package uses is recorded below (profile settings) or in each file's render key
    inputs += [ws.root / country.playlist]
    doc: dict[str, Any] = {
        "schema": 2,
        "ceremony": ws.ceremony.title,
        "date": date,
        "country": country.code,
        "country_name": country.name,
        "language": country.language.code,
        "language_name": country.language.name,
        # a bilingual country (config.bilingual): both, the first as `language`
        **(
            {
                "languages": [country.language.code, country.second.code],
                "language_names": [country.language.name, country.second.name],
                "layout": ws.ceremony.countries[country.code].layout,
            }
            if country.second
            else {}
        ),
        "staff_language": venue.staff_language,
        **(
            {"starts_at": venue.starts_at.isoformat(), "timezone": venue.timezone}
            if venue.starts_at
            else {}
        ),
        "profile": country.profile.name,
        "profile_settings": country.profile.model_dump(mode="json"),
        "versions": {"screening_kit": __version__, "ffmpeg": ffmpeg_version()},
        "running_time": round(runsheet.total_seconds(rows), 3),
        "files": files,
        "inputs": [input_record(p, ws.root, cache.file_hash(p)) for p in inputs],
        **extra,
        "warnings": warnings,
    }
    sheet = runsheet.Sheet(
        ceremony=ws.ceremony.title,
        country=country.name,
        language=" + ".join(
            f"{lang.language_name(x.code, x.name)} ({x.code})"
            for x in (country.language, country.second)
            if x is not None
        ),
        profile=country.profile.name,
        rows=rows,
        date=lang.date(day) if day else None,
        play_all=play_all_entries,
        warnings=warnings,
        signoff=str((extra.get("signoff") or {}).get("words", "")),
        staff_language=venue.staff_language,
        starts_at=venue.starts_at,
    )

    def play(build_id: str) -> str:
        return play_page.render(
            lang,
            title=ws.ceremony.title,
            country=country.name,
            build_id=build_id,
            entries=entries,
            starts_at=venue.starts_at,
        )

    outcome = assemble.finish(cache, final, media, texts, doc, sheet, play_page=play, lang=lang)
    total = sum(f["size"] for f in files)
    return PackageResult(
        country.code,
        final,
        [f["name"] for f in files],
        total,
        warnings,
        outcome.build_id,
        outcome.previous_id,
        outcome.change,
        outcome.copy_bytes,
    )
