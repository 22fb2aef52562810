"""The workspace: ``ceremony.yaml``, playlists and card texts, loaded into typed models.

Validation errors name the file, the YAML line and the key path, e.g.
``ceremony.yaml:12: countries.KZ.language: unknown language 'kk'``.
"""

from __future__ import annotations

from .languages import Language
from .models import (
    CEREMONY_FILE,
    COLOUR_PATTERN,
    ID_PATTERN,
    CardSpec,
    CardText,
    Ceremony,
    CountrySpec,
    FilmSpec,
    LanguageSpec,
    Playlist,
    PlaylistItem,
    SlideshowSpec,
    SubtitleStyle,
)
from .workspace import Gap, Workspace, load_workspace
from .yamlio import line_of, load_yaml, validate_data

__all__ = [
    "CEREMONY_FILE",
    "COLOUR_PATTERN",
    "ID_PATTERN",
    "CardSpec",
    "CardText",
    "Ceremony",
    "CountrySpec",
    "FilmSpec",
    "Gap",
    "Language",
    "LanguageSpec",
    "Playlist",
    "PlaylistItem",
    "SlideshowSpec",
    "SubtitleStyle",
    "Workspace",
    "line_of",
    "load_workspace",
    "load_yaml",
    "validate_data",
]
