"""Check a copied package before the ceremony, from the package alone.

A mission copies ``dist/<country>/`` to a stick or a laptop and runs
``screening-kit verify``: every file against ``MANIFEST.sha256``, every media file
decoded to its end by ffmpeg (a copy can match its checksum and still be a file
the build got wrong, and a damaged copy should say *what* no longer plays), and
each media file's decoded duration against ``package.json``. No workspace, no
cache: only what is in the folder.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from . import ffmpeg as ff
from .cache import sha256_file
from .errors import InputError, RenderError
from .synclock import SYNC_LOCK, SYNC_TMP, holder_of

MANIFEST = "MANIFEST.sha256"
PACKAGE_JSON = "package.json"
# what the package writes about itself and cannot list in its own manifest
SELF_FILES = frozenset({MANIFEST})
_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


@dataclass(frozen=True)
class Fault:
    file: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


@dataclass
class VerifyReport:
    package: Path
    faults: list[Fault] = field(default_factory=list)
    checksummed: list[str] = field(default_factory=list)  # files that matched the manifest
    hashes: dict[str, str] = field(default_factory=dict)  # name -> sha256 of what is on disk
    decoded: list[str] = field(default_factory=list)  # media files that decoded fully
    seconds: float = 0.0
    country: str = ""
    interrupted: bool = False  # no manifest yet: a sync was stopped (or is running)

    @property
    def ok(self) -> bool:
        return not self.faults


@dataclass(frozen=True)
class DecodeResult:
    frames: int  # video frames decoded
    fps: Fraction
    errors: str  # what ffmpeg reported while decoding; empty when clean


def read_manifest(path: Path) -> tuple[dict[str, str], list[Fault]]:
    """``sha256sum`` format: ``<hex>  <name>`` (or ``<hex> *<name>``)."""
    entries: dict[str, str] = {}
    faults: list[Fault] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            faults.append(Fault(MANIFEST, f"line {n} is not '<sha256>  <file name>'"))
            continue
        name = m.group(2)
        if "/" in name or "\\" in name or name in (".", ".."):
            faults.append(Fault(MANIFEST, f"line {n} names a file outside the package"))
            continue
        entries[name] = m.group(1).lower()
    return entries, faults


def decode(path: Path) -> DecodeResult:
    """Decode every stream to the end with ffmpeg (C speed, all cores); count frames."""
    try:
        with av.open(str(path)) as c:
            v = c.streams.video[0]
            fps = Fraction(v.average_rate or v.guessed_rate or 25)
    except (av.error.FFmpegError, IndexError) as e:
        return DecodeResult(0, Fraction(25), f"cannot be opened as a video ({e})")
    frames = 0

    def progress(n: int) -> None:
        nonlocal frames
        frames = max(frames, n)

    argv = [
        *ff.base_args(),
        "-v",
        "error",
        "-progress",
        "pipe:1",
        "-nostats",
        "-i",
        str(path),
        "-map",
        "0:v:0",
        "-map",
        "0:a?",
        "-f",
        "null",
        "-",
    ]
    try:
        errors = ff.run(argv, what=f"decoding {path.name}", progress=progress)
    except RenderError as e:
        errors = e.stderr_tail or str(e)
    return DecodeResult(frames, fps, errors.strip())


def verify_package(
    folder: Path | str,
    *,
    decode_media: bool = True,
    progress: Callable[[str], None] | None = None,
) -> VerifyReport:
    """Every check in turn; each adds its faults to the report."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("package folder not found", path=folder)
    t0 = time.monotonic()
    say = progress or (lambda _msg: None)
    report = VerifyReport(folder)
    manifest = _check_manifest(folder, report, say)
    if report.interrupted:
        # every other fault (package.json "not in the manifest"...) says only that
        report.seconds = time.monotonic() - t0
        return report
    _check_extra_files(folder, manifest, report)
    doc = _read_package_json(folder, report)
    if doc is not None:
        # a bilingual package names both: "KZ Kazakh + Russian"
        names = doc.get("language_names")
        said = " + ".join(map(str, names)) if isinstance(names, list) and names else None
        report.country = f"{doc.get('country', '')} {said or doc.get('language_name', '')}".strip()
        _check_media(folder, doc, manifest, report, say, decode_media)
    report.seconds = time.monotonic() - t0
    return report


def _check_manifest(
    folder: Path, report: VerifyReport, say: Callable[[str], None]
) -> dict[str, str]:
    """Every manifest entry present and matching its sha256; returns the entries."""
    faults = report.faults
    if not (folder / MANIFEST).is_file():
        faults.append(Fault(MANIFEST, _missing_manifest(folder, report)))
        return {}
    manifest, bad = read_manifest(folder / MANIFEST)
    faults += bad
    for name, want in manifest.items():
        path = folder / name
        if path.is_symlink():
            to = os.readlink(path)
            faults.append(
                Fault(
                    name,
                    f"is a symbolic link to {to}, not a file: remove the link and copy the "
                    "file itself (screening-kit sync does)",
                )
            )
            continue
        if not path.is_file():
            faults.append(Fault(name, "missing: copy it again from the original package"))
            continue
        say(f"checksum {name}")
        report.hashes[name] = got = sha256_file(path)
        if got != want:
            faults.append(Fault(name, "checksum differs from MANIFEST.sha256: the copy is damaged"))
        else:
            report.checksummed.append(name)
    return manifest


def _missing_manifest(folder: Path, report: VerifyReport) -> str:
    """Why a copy has no manifest, when it shows: sync writes package.json first and
    the manifest last, beside its lock and temporary files."""
    holder = holder_of(folder)
    if holder is not None:
        report.interrupted = True
        return (
            f"missing: a sync is writing to this copy now ({holder}): wait for it to finish, "
            "then verify again"
        )
    names = [p.name for p in folder.iterdir()]
    if PACKAGE_JSON in names or any(n == SYNC_LOCK or n.endswith(SYNC_TMP) for n in names):
        report.interrupted = True
        return (
            "missing: this copy is incomplete (a sync was interrupted): run screening-kit "
            "sync again"
        )
    return "missing: cannot check the copy; copy the package again"


# macOS writes these on sticks it touches; some TVs list ._ files as videos that fail
_MAC_METADATA = re.compile(r"^(\._.*|\.DS_Store|\.Spotlight-V100|\.Trashes|\.fseventsd)$")


def _check_extra_files(folder: Path, manifest: dict[str, str], report: VerifyReport) -> None:
    """Anything in the folder the package did not write is a fault: a TV that plays
    every file in name order would play a leftover ``03_surprise.mp4``."""
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name in manifest or name in SELF_FILES:
            continue
        if name == SYNC_LOCK and path.is_file() and not path.is_symlink():
            continue  # left by a sync stopped after its last file: harmless, hidden
        what = "folder" if path.is_dir() and not path.is_symlink() else "file"
        if _MAC_METADATA.match(name):
            why = (
                f"a macOS metadata {what}, not part of the package: delete it (`dot_clean` "
                "on the Mac); some TVs list ._ files as videos that do not play"
            )
        else:
            why = (
                f"a {what} not in MANIFEST.sha256, not part of the package: delete it "
                "(players that play every file in name order would play it)"
            )
        report.faults.append(Fault(name, why))


def _read_package_json(folder: Path, report: VerifyReport) -> dict[str, Any] | None:
    if not (folder / PACKAGE_JSON).is_file():
        report.faults.append(Fault(PACKAGE_JSON, "missing: cannot check durations"))
        return None
    try:
        doc = json.loads((folder / PACKAGE_JSON).read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or not isinstance(doc.get("files"), list):
            raise ValueError("no 'files' list")
    except (ValueError, UnicodeDecodeError) as e:
        report.faults.append(Fault(PACKAGE_JSON, f"unreadable ({e})"))
        return None
    return doc


def plain_name(name: str) -> bool:
    """A file name directly inside the package: no folder part, nothing that climbs out."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\0")


def _check_media(
    folder: Path,
    doc: dict[str, Any],
    manifest: dict[str, str],
    report: VerifyReport,
    say: Callable[[str], None],
    decode_media: bool,
) -> None:
    """Each file package.json lists: in the manifest, present, decoding to its end in
    the duration package.json gives."""
    faults = report.faults
    done: dict[str, tuple[str, DecodeResult]] = {}  # sha256 -> (first file, result)
    for entry in doc["files"]:
        name = str(entry.get("name", "")) if isinstance(entry, dict) else ""
        if not plain_name(name):
            # never followed: a copied package.json must not make us read other files
            faults.append(
                Fault(PACKAGE_JSON, f"names a file outside the package ({name!r}); not read")
            )
            continue
        path = folder / name
        if name not in manifest:
            faults.append(Fault(name, "listed in package.json but not in MANIFEST.sha256"))
        if not path.is_file() or path.is_symlink():
            if name not in manifest:  # else already reported
                faults.append(Fault(name, "missing: copy it again from the original package"))
            continue
        if not decode_media:
            continue
        sha = report.hashes.get(name) or sha256_file(path)
        if sha in done:  # the same bytes (a slideshow played twice): decode once
            result = done[sha][1]
        else:
            say(f"decoding {name}")
            result = decode(path)
            done[sha] = (name, result)
        if result.errors:
            last = result.errors.splitlines()[-1][:200]
            faults.append(Fault(name, f"does not decode cleanly to its end: {last}"))
        expected = float(entry.get("duration", 0))
        played = float(result.frames / result.fps) if result.fps else 0.0
        # package.json rounds to the millisecond; allow one frame either way
        if abs(played - expected) > float(1 / result.fps) + 0.0011:
            faults.append(
                Fault(
                    name,
                    f"plays {played:.3f} s ({result.frames} frames) but package.json says "
                    f"{expected:.3f} s",
                )
            )
        elif not result.errors:
            report.decoded.append(name)
