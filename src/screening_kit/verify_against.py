"""Is a copy the *current* build? ``verify COPY --against PACKAGE_DIR``.

``verify`` alone checks a copy against its own manifest: an intact copy of last
week's build passes. Against the package just built, a copy is one of:

- ``OK``: every file is the current build's (and the copy checks out on its own);
- ``STALE``: an intact copy of an older build; the files that differ are named;
- ``DAMAGED``: the copy fails its own checks (or is half-way through a sync);
- ``WRONG``: the copy is another country's package.

Also: ``verify`` over a folder holding several packages (dist/, or a stick with
one folder per country), one line per package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import sha256_file
from .errors import InputError
from .package.identity import (
    MANIFEST,
    OnDisk,
    looks_like_package,
    package_folders,
    read_package,
)
from .synclock import SYNC_LOCK, SYNC_TMP
from .verify import VerifyReport, verify_package


@dataclass
class Currency:
    copy: Path
    state: str  # OK | STALE | DAMAGED | WRONG
    country: str
    copy_id: str | None
    current_id: str | None
    report: VerifyReport
    differ: list[str] = field(default_factory=list)  # files not as in the current build
    extra: list[str] = field(default_factory=list)  # files the current build does not have
    source: Path | None = None  # the current build's folder
    writes: dict[str, int] = field(default_factory=dict)  # what a sync writes: name -> bytes

    @property
    def ok(self) -> bool:
        return self.state == "OK"

    def line(self) -> str:
        fix = f" — run screening-kit sync {self.source} {self.copy}" if self.source else ""
        build = f"build {self.copy_id}" if self.copy_id else "unknown build"
        if self.state == "OK":
            return f"OK: {self.country} {build}, current ({self.copy})"
        if self.state == "STALE":
            now = f"current is {self.current_id}"
            return f"STALE: {self.country} {build}; {now}; {self._writes()}{fix}"
        if self.state == "WRONG":
            return f"WRONG PACKAGE: {self.copy} holds {self.country} {build}, not {self.source}"
        faults = "; ".join(str(f) for f in self.report.faults[:2])
        n_more = len(self.report.faults) - 2
        more = f" (and {n_more} more problem{'s' if n_more > 1 else ''})" if n_more > 0 else ""
        tail = f"; against build {self.current_id}: {self._writes()}" if self.writes else ""
        return f"DAMAGED: {self.country} {build} in {self.copy}: {faults}{more}{tail}{fix}"

    def _writes(self) -> str:
        """Every file the sync that follows writes, with its bytes; what is not in the
        build (sync removes the files among it)."""
        n, total = len(self.writes), sum(self.writes.values())
        each = ", ".join(f"{name} ({_size(b)})" for name, b in self.writes.items())
        text = f"sync writes {n} file{'s' if n != 1 else ''}, {_size(total)}: {each}"
        if self.extra:
            text += f"; not in the build: {', '.join(self.extra)}"
        return text


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1e3:,.1f} kB" if n < 1e6 else f"{n / 1e6:,.1f} MB"


def current_package(folder: Path) -> OnDisk:
    pkg = read_package(folder)
    if pkg is None:
        raise InputError(
            "not a package: no readable package.json and MANIFEST.sha256",
            path=folder,
            hint="--against takes a built package folder, e.g. WORKSPACE/dist/IR",
        )
    return pkg


def verify_against(
    copy: Path,
    current: OnDisk,
    *,
    decode_media: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Currency:
    report = verify_package(copy, decode_media=decode_media, progress=progress)
    mine = read_package(copy)
    copy_id = mine.build_id if mine else None
    country = (mine.country if mine else "") or current.country
    state = "OK"
    if mine is not None and mine.country and mine.country != current.country:
        return Currency(
            copy, "WRONG", mine.country, copy_id, current.build_id, report, source=current.folder
        )
    matched = set(report.checksummed)
    own = mine.manifest if mine else {}

    def hash_of(name: str) -> str | None:
        if name in matched and name in own:
            return own[name]  # already read and checked by verify_package
        path = copy / name
        return sha256_file(path) if path.is_file() else None

    differ = [n for n, h in current.manifest.items() if hash_of(n) != h]
    listed = set(current.manifest) | {MANIFEST}
    # a sync's own lock and temporaries are not the copy's: the next sync removes them
    extra = sorted(
        n
        for n in (p.name for p in copy.iterdir())
        if n not in listed and n != SYNC_LOCK and not n.endswith(SYNC_TMP)
    )
    if not report.ok:
        state = "DAMAGED"
    elif differ or extra or copy_id != current.build_id:
        state = "STALE"
    # as sync decides: the files that differ, then the manifest whenever anything does
    writes = {n: (current.folder / n).stat().st_size for n in differ}
    manifest = _bytes(current.folder / MANIFEST)
    if writes or extra or _bytes(copy / MANIFEST) != manifest:
        writes[MANIFEST] = len(manifest or b"")
    return Currency(
        copy, state, country, copy_id, current.build_id, report, differ, extra, current.folder,
        writes,
    )  # fmt: skip


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if not path.is_symlink() else None
    except OSError:
        return None


@dataclass
class FolderResult:
    folder: Path
    package: Path
    report: VerifyReport | None = None  # verified on its own
    currency: Currency | None = None  # verified against a build


def verify_folder(
    folder: Path,
    *,
    against: Path | None = None,
    decode_media: bool = True,
    progress: Callable[[str], None] | None = None,
) -> list[FolderResult]:
    """Each package folder inside ``folder``; against the same-named folder of
    ``against`` when that holds several packages, else against ``against`` itself."""
    results = []
    for pkg in package_folders(folder):
        if against is None:
            report = verify_package(pkg, decode_media=decode_media, progress=progress)
            results.append(FolderResult(folder, pkg, report=report))
            continue
        source = against if looks_like_package(against) else against / pkg.name
        if not looks_like_package(source):
            raise InputError(
                f"{against} has no package {pkg.name} to check {pkg} against", path=against
            )
        cur = verify_against(
            pkg, current_package(source), decode_media=decode_media, progress=progress
        )
        results.append(FolderResult(folder, pkg, currency=cur))
    return results
