"""The pinned font folder of a bilingual country: both languages' pinned faces in one
folder, since libass renders one script with one ``fontsdir`` and a fontconfig that
lists that folder alone (fontpin)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .cache import Cache
from .fontpin import FONTS_FOLDER, copy_in


def pin_pair(
    first: Path, first_id: str, second: Path, second_id: str, cache: Cache
) -> tuple[Path, str]:
    """A folder holding the faces of the pinned folders ``first`` and ``second``, and its
    id (from theirs: the same two pinned fonts give the same folder)."""
    pair_id = hashlib.sha256(f"{first_id}+{second_id}".encode()).hexdigest()[:40]
    folder = cache.root / FONTS_FOLDER / pair_id
    folder.mkdir(parents=True, exist_ok=True)
    for source in (first, second):
        for face in sorted(source.iterdir()):
            if face.is_file():
                copy_in(face, folder / face.name)
    return folder, pair_id
