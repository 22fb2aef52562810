"""Put a described package in place: give it its build id, write the files that
carry the id, and swap it in, unless it is identical to the package in place.

Everything is decided before a byte is written: a package whose build id and small
files equal the ones in place is left alone (no copy, no new mtime or inode), so a
rebuild that changes nothing is quick and a stick synced from it stays current.
A package that changed is staged beside its final place and swapped in with
renames (package.swap: never a moment without a package under its final name).
Media come from the cache as checked copies (never hard links to cache
objects: damage to a cache object must not reach a package); a media file the
package in place already holds with the same sha256 and size is linked from it
instead of copied again (the old folder is removed after the swap, so that link is
the file's only one).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import Cache, sha256_file
from ..errors import MediaError
from ..fsio import atomic_write_text, create_new
from ..i18n import Staff, staff
from . import changes, identity, launchers, runsheet, swap, verify_page
from .identity import MANIFEST, PACKAGE_JSON, PLAY_HTML, RUNSHEET, VERIFY_HTML


@dataclass(frozen=True)
class Media:
    name: str
    source: Path  # the cache object
    sha256: str  # recorded when the object was written
    size: int


@dataclass(frozen=True)
class Outcome:
    build_id: str
    previous_id: str | None
    change: dict[str, Any] | None  # this build's history entry; None: unchanged
    copy_bytes: int  # what a copy of the previous build must receive


def media_sha256(cache: Cache, path: Path) -> str:
    return cache.recorded_sha256(path) or sha256_file(path)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def finish(
    cache: Cache,
    final: Path,
    media: list[Media],
    texts: dict[str, str],
    doc: dict[str, Any],
    sheet: runsheet.Sheet,
    *,
    play_page: Callable[[str], str] | None = None,
    lang: Staff | None = None,
) -> Outcome:
    """``texts``: the playlists and launchers (name -> text). ``doc``: package.json
    without its id. ``play_page``: PLAY.html from the build id. ``lang``: the staff's."""
    lang = lang or staff("en")
    sizes = {m.name: m.size for m in media}
    content = {m.name: m.sha256 for m in media}
    for name, text in texts.items():
        content[name] = _sha(text)
        sizes[name] = len(text.encode("utf-8"))
    digest = identity.content_digest(doc, content)
    old = identity.read_package(final)
    old_digest = identity.content_digest(old.doc, old.content) if old else None
    history = old.history if old else []
    entry = None
    if digest != old_digest:
        moved = changes.file_changes(old.content if old else {}, content, sizes)
        entry = changes.change_entry(cache, old.doc if old else None, doc, moved)
        history = [entry, *history][: changes.MAX_HISTORY]
    bid = identity.build_id(digest, history)
    doc = {**doc, "build_id": bid, "changes": history}
    small = dict(texts)
    small[RUNSHEET] = runsheet.render(dataclasses.replace(sheet, build_id=bid))
    small[PACKAGE_JSON] = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if play_page is not None:
        small[PLAY_HTML] = play_page(bid)
    manifest = dict(content)
    for name in (RUNSHEET, PACKAGE_JSON, PLAY_HTML):
        if name not in small:
            continue
        manifest[name] = _sha(small[name])
        sizes[name] = len(small[name].encode("utf-8"))
    listing = [{"name": n, "sha256": h, "size": sizes[n]} for n, h in manifest.items()]
    small[VERIFY_HTML] = verify_page.render(doc["country"], doc["country_name"], bid, listing, lang)
    manifest[VERIFY_HTML] = _sha(small[VERIFY_HTML])
    sizes[VERIFY_HTML] = len(small[VERIFY_HTML].encode("utf-8"))
    # every file a mission needs, the media first: `sha256sum -c` checks them all
    small[MANIFEST] = "".join(f"{h}  {n}\n" for n, h in manifest.items())
    if old is not None and old.build_id == bid and _in_place(final, media, small):
        return Outcome(bid, bid, None, 0)
    was = old.manifest if old else {}
    # the manifest itself is always new when anything is
    copy_bytes = len(small[MANIFEST].encode()) + sum(
        sizes[n] for n, h in manifest.items() if was.get(n) != h
    )
    _stage_and_swap(cache, final, media, small, was)
    return Outcome(bid, old.build_id if old else None, entry, copy_bytes)


def _in_place(final: Path, media: list[Media], small: dict[str, str]) -> bool:
    """The package in place holds exactly these files: the small ones byte for byte,
    the media at their sizes (their hashes are the manifest's, which is equal)."""
    try:
        names = {p.name for p in final.iterdir()}
        if names != {m.name for m in media} | set(small):
            return False
        if any((final / m.name).stat().st_size != m.size for m in media):
            return False
        return all((final / n).read_bytes() == t.encode("utf-8") for n, t in small.items())
    except OSError:
        return False


def _stage_and_swap(
    cache: Cache, final: Path, media: list[Media], small: dict[str, str], was: dict[str, str]
) -> None:
    staging = swap.staging_folder(cache, final)
    try:
        for m in media:
            kept = final / m.name
            if was.get(m.name) == m.sha256 and not kept.is_symlink() and _same_size(kept, m.size):
                try:
                    os.link(kept, staging / m.name)
                    continue
                except OSError:
                    pass  # a file system without links: copy from the cache
            copy_checked(cache, m.source, staging / m.name)
        for name, text in small.items():
            if name != MANIFEST:
                # bytes as given: the hashed bytes (PLAY.bat's CRLF included), on any OS
                with create_new(staging / name) as f:
                    f.write(text.encode("utf-8"))
                    if name in launchers.EXECUTABLE:
                        os.fchmod(f.fileno(), 0o755)
                    os.fsync(f.fileno())
        atomic_write_text(staging / MANIFEST, small[MANIFEST])
        swap.swap_in(cache, staging, final)
    except BaseException:
        swap.discard(cache, staging)
        raise


def _same_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _copy(src: Path, dst: Path) -> None:
    with src.open("rb") as fin, create_new(dst) as fout:
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
        os.fsync(fout.fileno())  # on disk before the swap makes it the package


def copy_checked(cache: Cache, src: Path, dst: Path) -> str:
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
