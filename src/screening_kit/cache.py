"""Content-addressed store of rendered pieces.

An object's name is the hash of everything that determines its bytes, so an
unchanged input is never encoded twice and two countries that need the same
piece share one file. Objects are written under a temporary name in the same
folder, fsynced and renamed: an interrupted build leaves no half file under a
final name and the next build resumes from what finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .fsio import atomic_write_text

# Bump when a change in how we render alters output bytes for the same inputs.
# 2: colour tags in every video piece, downmix before loudness, measured soundtracks
RENDER_VERSION = 2


def content_key(kind: str, parts: dict[str, Any]) -> str:
    blob = json.dumps(
        {"kind": kind, "render_version": RENDER_VERSION, **parts},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:40]


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


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root.absolute()  # ffmpeg may run in another folder
        self.objects = self.root / "objects"
        self._hash_memo_path = self.root / "file-hashes.json"
        self._hash_memo: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def path(self, key: str, ext: str) -> Path:
        return self.objects / key[:2] / f"{key}{ext}"

    def meta_path(self, key: str) -> Path:
        return self.objects / key[:2] / f"{key}.json"

    def has(self, key: str, ext: str) -> bool:
        return self.path(key, ext).is_file() and self.meta_path(key).is_file()

    def meta(self, key: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.meta_path(key).read_text(encoding="utf-8"))
        return data

    @contextlib.contextmanager
    def writing(self, key: str, ext: str) -> Iterator[Path]:
        """Yield a temporary path; on success it becomes the object ``key``.

        The caller writes the file (ffmpeg picks the muxer from ``ext``) and then
        calls ``commit``; on an exception the temporary file is removed.
        """
        final = self.path(key, ext)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".tmp-{key}-{os.getpid()}-{threading.get_ident()}{ext}")
        try:
            yield tmp
        finally:
            tmp.unlink(missing_ok=True)

    def commit(self, tmp: Path, key: str, ext: str, meta: dict[str, Any]) -> Path:
        final = self.path(key, ext)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o444)  # packages hard-link objects: keep them from being edited
        os.replace(tmp, final)
        # metadata last: an object counts as present only once both exist
        atomic_write_text(self.meta_path(key), json.dumps({"key": key, "ext": ext, **meta}))
        _fsync_dir(final.parent)
        return final

    # ---- input file hashes, remembered by (size, mtime) so a 10 GB film is read once

    def file_hash(self, path: Path) -> str:
        st = path.stat()
        ident = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
        with self._lock:
            if self._hash_memo is None:
                try:
                    self._hash_memo = json.loads(self._hash_memo_path.read_text("utf-8"))
                except (FileNotFoundError, ValueError):
                    self._hash_memo = {}
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
