"""What the user probably meant when a named file or folder is not there: the folder
whose name is closest (``films/fotos`` -> ``films/photos``), or a subtitle file named
by the language's name or another form of its tag (``hindi.srt``, ``hin.srt``,
``hi_IN.srt`` where ``hi.srt`` is expected)."""

from __future__ import annotations

from pathlib import Path

import langcodes

from .yamlio import closest

SUBTITLE_SUFFIXES = (".srt", ".vtt")


def nearby_folder(root: Path, rel: Path) -> str | None:
    """The existing folder (relative to ``root``, as the user writes it) whose name is
    closest to ``rel``'s, beside where ``rel`` would be."""
    parent = root / rel.parent
    if not parent.is_dir():
        return None
    names = [p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    guess = closest(rel.name, names)
    return None if guess is None else (rel.parent / guess).as_posix()


def _language_of(stem: str) -> str | None:
    """The language a file name stands for: a name in English or its own language
    (CLDR, through langcodes), or a tag in another form (``hin``, ``hi_IN``)."""
    try:
        return str(langcodes.find(stem).language)
    except LookupError:
        pass
    try:
        return langcodes.get(stem.replace("_", "-")).language
    except (LookupError, ValueError):
        return None


def misnamed_subtitle(expected: Path, code: str) -> Path | None:
    """A subtitle file beside ``expected`` that is named for ``code``'s language in
    another way, so the user can rename it."""
    folder = expected.parent
    if not folder.is_dir():
        return None
    want = langcodes.get(code).language
    for p in sorted(folder.iterdir()):
        named = p.suffix.lower() in SUBTITLE_SUFFIXES and p.is_file() and p.stem != code
        if named and _language_of(p.stem) == want:
            return p
    return None


def misnamed_hint(expected: Path, code: str) -> str | None:
    found = misnamed_subtitle(expected, code)
    if found is None:
        return None
    return (
        f"there is {found.name}: subtitle files are named by language tag, "
        f"rename it to {expected.stem}{found.suffix}"
    )
