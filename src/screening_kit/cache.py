"""Content-addressed store of rendered pieces.

An object's name is the hash of everything that determines its bytes, so an
unchanged input is never encoded twice and two countries that need the same
piece share one file. Objects are written under a temporary name in the same
folder, fsynced and renamed: an interrupted build leaves no half file under a
final name and the next build resumes from what finished.

Each object's sha256 is recorded in its metadata when it is written; ``intact``
compares it before an object is reused, so a damaged object (a flipped bit, a
truncated copy, an edit) is evicted and encoded again instead of being shipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .fsio import atomic_write_text, create_new

# Bump when a change in how we render alters output bytes for the same inputs.
# 2: colour tags in every video piece, downmix before loudness, measured soundtracks
# 3: keys derived from every task field (plan.keys); .mov pieces for MOV profiles
RENDER_VERSION = 3
KEY_LENGTH = 40  # hex digits of a content key


def content_key(kind: str, parts: dict[str, Any]) -> str:
    blob = json.dumps(
        {"kind": kind, "render_version": RENDER_VERSION, **parts},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:KEY_LENGTH]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root.absolute()  # ffmpeg may run in another folder
        self.objects = self.root / "objects"
        self._hash_memo_path = self.root / "file-hashes.json"
        self._hash_memo: dict[str, Any] | None = None
        self._lock = threading.Lock()
        # objects checked in this process: path -> (size, mtime, inode), so one build
        # reads an object once however many countries use it
        self._intact: dict[Path, tuple[int, int, int]] = {}
        self.evicted: list[str] = []  # what ``intact`` threw out, for the build's warnings

    @property
    def scratch_root(self) -> Path:
        return self.root / "scratch"

    @contextlib.contextmanager
    def scratch(self) -> Iterator[Path]:
        """A private folder for one step's side files (ASS scripts, concat lists),
        removed afterwards. Under the cache, not /tmp: on the same file system as the
        objects, and named ``<pid>-...`` so the next build can remove what a killed
        process left (``housekeeping.remove_leftovers``)."""
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self.scratch_root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def path(self, key: str, ext: str) -> Path:
        return self.objects / key[:2] / f"{key}{ext}"

    def meta_path(self, key: str) -> Path:
        return self.objects / key[:2] / f"{key}.json"

    def has(self, key: str, ext: str) -> bool:
        """Object and readable metadata both present (a half-written or damaged
        metadata file makes the object count as missing: it is encoded again)."""
        if not self.path(key, ext).is_file():
            return False
        try:
            return self.meta(key).get("key") == key
        except (OSError, ValueError):
            return False

    def meta(self, key: str) -> dict[str, Any]:
        data = json.loads(self.meta_path(key).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{self.meta_path(key)} does not hold an object")
        return data

    @contextlib.contextmanager
    def writing(self, key: str, ext: str) -> Iterator[Path]:
        """Yield a temporary path; on success it becomes the object ``key``.

        The caller writes the file (ffmpeg picks the muxer from ``ext``) and then
        calls ``commit``; on an exception the temporary file is removed.
        """
        final = self.path(key, ext)
        final.parent.mkdir(parents=True, exist_ok=True)
        # unique across machines too: on shared storage two workers may share a pid
        tmp = final.with_name(f".tmp-{key}-{os.getpid()}-{uuid.uuid4().hex[:12]}{ext}")
        # created here, never through a link; the writer (ffmpeg -y) fills this file
        create_new(tmp).close()
        try:
            yield tmp
        finally:
            tmp.unlink(missing_ok=True)

    def commit(self, tmp: Path, key: str, ext: str, meta: dict[str, Any]) -> Path:
        final = self.path(key, ext)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        digest = sha256_file(tmp)  # just written: read back from the page cache
        os.chmod(tmp, 0o444)  # an object is never edited in place
        os.replace(tmp, final)
        # metadata last: an object counts as present only once both exist
        st = final.stat()
        record = {"key": key, "ext": ext, **meta, "sha256": digest, "size": st.st_size,
                  "mtime_ns": st.st_mtime_ns}  # fmt: skip
        atomic_write_text(self.meta_path(key), json.dumps(record))
        _fsync_dir(final.parent)
        with self._lock:
            self._intact[final] = _identity(final)
        return final

    def intact(self, key: str, ext: str, *, quick: bool = False) -> bool:
        """The object exists and still has the bytes it was written with.

        A damaged object (or one without a recorded sha256) is evicted, noted in
        ``evicted`` and reported missing, so the caller encodes it again. ``quick``
        trusts an object whose size and mtime are those recorded at writing (any
        write to it changes them), for lossless intermediates of tens of GB that a
        one-cue rebuild would otherwise read whole to re-encode one chunk."""
        if not self.has(key, ext):
            return False
        path = self.path(key, ext)
        ident = _identity(path)
        with self._lock:
            if self._intact.get(path) == ident:
                return True
        try:
            meta = self.meta(key)
        except ValueError:
            meta = {}
        want = meta.get("sha256")
        same = want is not None and ident[0] == meta.get("size")
        if same and quick and ident[1] == meta.get("mtime_ns"):
            return True
        if same and sha256_file(path) == want:
            with self._lock:
                self._intact[path] = ident
            return True
        label = meta.get("label") or key
        why = "differs from the sha256 recorded when it was written" if want else "has no sha256"
        self.evict(key, ext)
        self.evicted.append(f"cache object {path.name} ({label}) {why}: removed, encoding it again")
        return False

    def evict(self, key: str, ext: str) -> None:
        """Remove an object with its metadata and thumbnail."""
        path = self.path(key, ext)
        with self._lock:
            self._intact.pop(path, None)
        for p in (self.meta_path(key), path, path.with_name(f"{key}.thumb.jpg")):
            p.unlink(missing_ok=True)

    def recorded_sha256(self, path: Path) -> str | None:
        """The sha256 recorded for the object at ``path`` when it was written."""
        try:
            value = self.meta(path.name.split(".", 1)[0]).get("sha256")
        except (OSError, ValueError):
            return None
        return value if isinstance(value, str) else None

    # ---- input file hashes, remembered by (size, mtime) so a 10 GB film is read once

    def file_hash(self, path: Path) -> str:
        st = path.stat()
        ident = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
        with self._lock:
            if self._hash_memo is None:
                try:
                    memo = json.loads(self._hash_memo_path.read_text("utf-8"))
                except (FileNotFoundError, ValueError):
                    memo = None
                # a damaged memo only costs reading the inputs again
                self._hash_memo = memo if isinstance(memo, dict) else {}
            hit = self._hash_memo.get(ident)
        if isinstance(hit, str):
            return hit
        digest = sha256_file(path)
        with self._lock:
            assert self._hash_memo is not None
            self._hash_memo[ident] = digest
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self._hash_memo_path, json.dumps(self._hash_memo))
        return digest
