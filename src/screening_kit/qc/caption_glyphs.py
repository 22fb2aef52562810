"""Slideshow captions against the caption font: a character the font lacks would be
drawn as an empty box (or stop the build), so `check` reports it with every other
problem (rule ``missing-glyph``, as for cues and cards)."""

from __future__ import annotations

from collections.abc import Sequence

from ..captions import load_photo_notes
from ..config import Workspace
from ..errors import ConfigError, FontError, InputError
from ..fonts import ResolvedFont, missing_glyphs, resolve_font
from ..photos import list_photos
from .findings import Finding


def check_caption_glyphs(
    ws: Workspace, countries: Sequence[str], fonts: dict[str, ResolvedFont]
) -> list[Finding]:
    """One finding per caption and missing character, for the languages ``countries``
    see each slideshow in. ``fonts`` (language -> font) is reused and filled in; a
    language without a font is the ``font`` rule's finding, not this one's."""
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    # a bilingual country's second language too (config.bilingual)
    wanted = [(c, ws.language_of(c)) for c in countries]
    wanted += [(c, second) for c in countries if (second := ws.second_language_of(c))]
    for code, lang in wanted:
        for item in ws.playlist_for(code)[1].items:
            if item.slideshow is None or (item.slideshow, lang.code) in seen:
                continue
            seen.add((item.slideshow, lang.code))
            show = ws.slideshow(item.slideshow)
            folder = ws.root / show.photos
            if show.captions is None or not folder.is_dir():
                continue
            path = folder / show.captions
            try:
                notes = load_photo_notes(path, {p.name for p in list_photos(folder)}, [])
                font = fonts.get(lang.code) or resolve_font(lang)
            except (ConfigError, InputError, FontError):
                continue  # the captions and font rules report these
            fonts[lang.code] = font
            for name, note in notes.items():
                for ch in missing_glyphs(font, note.captions.get(lang.code, "")):
                    out.append(
                        Finding(
                            "error",
                            "missing-glyph",
                            path,
                            f"caption of {name} [{lang.code}]: character {ch!r} "
                            f"(U+{ord(ch):04X}) is not in font {font.family} "
                            f"({font.path.name})",
                            line=note.line,
                            value=f"U+{ord(ch):04X} {ch}",
                            limit=font.family,
                            language=lang.code,
                        )
                    )
    return out
