"""Slideshow captions that would silently do nothing: a row naming a photo that is not
in the folder (error: that caption is lost), a photo with no caption in a language
that has captions, or no caption at all in a language a country needs (warnings:
the photo or the whole slideshow plays without one)."""

from __future__ import annotations

from collections.abc import Sequence

from ..captions import UnknownPhoto, load_photo_notes
from ..config import Workspace
from ..errors import ConfigError, InputError
from ..photos import list_photos
from .findings import FileRead, Finding


def check_captions(ws: Workspace, countries: Sequence[str], files: list[FileRead]) -> list[Finding]:
    out: list[Finding] = []
    # slideshow id -> (language -> the countries that see it in that language)
    users: dict[str, dict[str, list[str]]] = {}
    for code in countries:
        _, playlist = ws.playlist_for(code)
        spec = ws.ceremony.countries[code]
        for item in playlist.items:
            for lang in filter(None, (spec.language, spec.second_language)):  # bilingual
                if item.slideshow is not None:
                    by_lang = users.setdefault(item.slideshow, {})
                    if code not in by_lang.setdefault(lang, []):
                        by_lang[lang].append(code)
    for show_id, by_lang in users.items():
        show = ws.slideshow(show_id)
        folder = ws.root / show.photos
        if show.captions is None or not folder.is_dir():
            continue  # no captions wanted, or the folder's absence is already a finding
        path = folder / show.captions
        unknown: list[UnknownPhoto] = []
        try:
            photos = [p.name for p in list_photos(folder)]
            notes = load_photo_notes(path, set(photos), unknown)
        except (ConfigError, InputError) as e:
            rule = "missing-captions" if not path.is_file() else "captions"
            out.append(Finding("error", rule, e.path or path, e.message, line=e.line))
            continue
        files.append(FileRead(path, "captions", "utf-8", len(notes) + len(unknown)))
        for u in unknown:
            out.append(Finding("error", "caption-unknown-photo", path, u.message, line=u.line))
        for lang, codes in sorted(by_lang.items()):
            captioned = [p for p in photos if p in notes and notes[p].captions.get(lang)]
            if not captioned:
                out.append(
                    Finding(
                        "warning",
                        "caption-language",
                        path,
                        f"slideshow {show_id!r} has no captions in {lang!r} (no column or "
                        f"no text): {', '.join(codes)} will see it without captions",
                        value=lang,
                        language=lang,
                    )
                )
                continue
            lacking = [p for p in photos if p not in captioned]
            if lacking:
                # one line per language, not one per photo: the list says which
                norow = [p for p in lacking if p not in notes]
                out.append(
                    Finding(
                        "warning",
                        "caption-missing",
                        path,
                        f"{len(lacking)} of {len(photos)} photos have no caption in {lang!r}: "
                        f"{', '.join(lacking)}"
                        + (f" ({len(norow)} with no row at all)" if norow else ""),
                        line=min((notes[p].line or 0 for p in lacking if p in notes), default=0)
                        or None,
                        value=lang,
                        language=lang,
                    )
                )
    return out
