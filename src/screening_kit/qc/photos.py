"""Photos as ``check`` sees them: every photo a slideshow or card shows is opened and
decoded (a photo that cannot be read is an error now, not after other encodes), and
what would be shown other than the user expects is said: a file in a photo folder
that is not a photo, an animated GIF (its first frame), a photo enlarged so much it
looks soft, a remark of the decoder (a corrupt EXIF block)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Workspace
from ..errors import InputError, MediaError
from ..photos import MAX_ENLARGEMENT, PHOTO_SUFFIXES, list_photos, probe_photo, shown_scale
from ..profiles import Profile
from .findings import Finding

# what operating systems leave in every folder: not worth a line
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "icon\r"}
_RAW = {".cr2", ".cr3", ".nef", ".arw", ".dng", ".orf", ".raf", ".rw2", ".psd", ".xcf"}


def check_photos(ws: Workspace, countries: Sequence[str]) -> list[Finding]:
    # photo folder or card background -> the frame it is shown on (the largest),
    # the Ken Burns zoom, and whether it always covers the frame
    shows: dict[str, Profile] = {}
    backgrounds: dict[Path, Profile] = {}
    for code in countries:
        profile = ws.profile_for(code)
        for item in ws.playlist_for(code)[1].items:
            if item.slideshow is not None:
                shows[item.slideshow] = _larger(shows.get(item.slideshow), profile)
            if item.film is not None:
                film = ws.film(item.film)
                for slot in film.opening_cards + film.closing_cards:
                    if slot.background_image is not None:
                        image = ws.root / slot.background_image
                        backgrounds[image] = _larger(backgrounds.get(image), profile)
    out: list[Finding] = []
    for show_id, profile in shows.items():
        show = ws.slideshow(show_id)
        folder = ws.root / show.photos
        if not folder.is_dir():
            continue  # already a missing-photos finding
        try:
            photos = list_photos(folder)
        except InputError as e:
            out.append(Finding("error", "photo-unreadable", e.path or folder, e.message))
            continue
        found = _left_out(folder, set(photos), show.captions)
        zoom = 1.0 if show.motion == "none" else show.zoom
        for photo in photos:
            found += _photo(photo, profile, zoom, cover=False)
        out += _folded(folder, found)
    for image, profile in backgrounds.items():
        if image.is_file():  # a missing background is named when the build reads it
            out += _photo(image, profile, 1.0, cover=True)
    return out


# warnings of one rule in one folder past this many are one line listing the photos
FOLD_AFTER = 5


def _folded(folder: Path, found: list[Finding]) -> list[Finding]:
    """A folder of 1,000 small photos gets one photo-small line, not 1,000: each
    warning rule with more than ``FOLD_AFTER`` findings becomes one, on the folder."""
    out = [f for f in found if f.severity == "error"]
    rules = dict.fromkeys(f.rule for f in found if f.severity != "error")
    for rule in rules:
        same = [f for f in found if f.rule == rule and f.severity != "error"]
        if len(same) <= FOLD_AFTER:
            out += same
            continue
        shown = "; ".join(f"{f.path.name}: {f.message}" for f in same[:3])
        out.append(
            Finding(
                "warning",
                rule,
                folder,
                f"{len(same)} files in this folder: {shown}; and {len(same) - 3} more",
                value=len(same),
            )
        )
    return out


def _larger(a: Profile | None, b: Profile) -> Profile:
    if a is None or b.max_width * b.max_height > a.max_width * a.max_height:
        return b
    return a


def _left_out(folder: Path, photos: set[Path], captions: str | None) -> list[Finding]:
    """Every other entry of the folder: the user may expect it on screen."""
    out = []
    for p in sorted(folder.iterdir()):
        if p in photos or p.name.startswith(".") or p.name.lower() in _SYSTEM_FILES:
            continue
        if captions is not None and p.name == captions:
            continue
        if p.is_dir():
            why = "a folder, left out: photos in folders inside the photo folder are not shown"
        elif p.suffix.lower() in _RAW:
            why = (
                "not a photo we read (a camera raw or layered file), left out: "
                "export it as JPEG into the folder"
            )
        else:
            why = (
                "not a photo, left out (photos are "
                f"{', '.join(sorted(s.lstrip('.') for s in PHOTO_SUFFIXES))})"
            )
        out.append(Finding("warning", "not-a-photo", p, why, value=p.name))
    return out


def _photo(path: Path, profile: Profile, zoom: float, cover: bool) -> list[Finding]:
    try:
        facts = probe_photo(path)
    except MediaError as e:
        msg = e.message + (f" ({e.hint})" if e.hint else "")
        return [Finding("error", "photo-unreadable", path, msg, value=path.name)]
    except PermissionError:
        return [
            Finding(
                "error",
                "photo-unreadable",
                path,
                "cannot read this photo: permission denied (fix the file's permissions)",
                value=path.name,
            )
        ]
    out = []
    if facts.frames > 1:
        out.append(
            Finding(
                "warning",
                "photo-animated",
                path,
                f"animated ({facts.frames} frames): only its first frame is shown",
                value=facts.frames,
            )
        )
    for remark in facts.remarks:
        out.append(Finding("warning", "photo-remark", path, f"read, with a remark: {remark}"))
    frame = (profile.max_width, profile.max_height)
    scale = shown_scale((facts.width, facts.height), frame, zoom, cover)
    # a photo that covers the frame is enlarged by the zoom too: less would do
    unzoomed = shown_scale((facts.width, facts.height), frame, 1.0, cover)
    if scale > MAX_ENLARGEMENT:
        out.append(
            Finding(
                "warning",
                "photo-small",
                path,
                f"{facts.width}x{facts.height} is enlarged {scale:.1f}x on a "
                f"{frame[0]}x{frame[1]} screen: blurry on a large screen (use a larger "
                "original" + (", or less zoom" if unzoomed <= MAX_ENLARGEMENT else "") + ")",
                value=f"{facts.width}x{facts.height}",
                limit=MAX_ENLARGEMENT,
                unit="x",
            )
        )
    return out
