"""The models of ``ceremony.yaml``, playlists and card texts (pydantic, unknown keys refused)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from string import Formatter
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ..languages import Script
from ..profiles import Profile

CEREMONY_FILE = "ceremony.yaml"
# ids become parts of file and folder names: letters, digits, '-', '_', bounded length
MAX_ID = 64
ID_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_ID - 1}}}$"
ID_RULE = f"1 to {MAX_ID} letters, digits, '-' or '_', starting with a letter or digit"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$|^[a-z]+$"
# text limits: a title is a line on a run sheet or a card, not a document
MAX_TITLE = 200
MAX_NAME = 100
MAX_CARD_LINE = 200


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id (None when it can)."""
    return None if re.match(ID_PATTERN, value) else f"an id is {ID_RULE}"


def _id(value: str) -> str:
    problem = id_problem(value)
    if problem:
        raise ValueError(f"{value[:80]!r}: {problem}")
    return value


Id = Annotated[str, AfterValidator(_id)]
Title = Annotated[str, Field(max_length=MAX_TITLE)]
Name = Annotated[str, Field(max_length=MAX_NAME)]


def _path_template(value: str) -> str:
    """A path with ``{film}`` and ``{lang}`` placeholders; braces must be doubled."""
    try:
        fields = [(f, spec, conv) for _, f, spec, conv in Formatter().parse(value) if f is not None]
    except ValueError as e:
        raise ValueError(f"{value!r}: {e}; write {{{{ and }}}} for a literal brace") from None
    for name, spec, conv in fields:
        if name not in ("film", "lang") or spec or conv:
            raise ValueError(
                f"{value!r}: only {{film}} and {{lang}} may stand in braces "
                "(write {{ and }} for a literal brace)"
            )
    if len(value) > 1024:
        raise ValueError("a path template has at most 1024 characters")
    return value


PathTemplate = Annotated[str, AfterValidator(_path_template)]


def _colour(value: str) -> str:
    from PIL import ImageColor

    try:
        ImageColor.getrgb(value)
    except ValueError:
        raise ValueError(f"unknown colour {value!r}: use #RRGGBB or a CSS name") from None
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CardSpec(_Model):
    """A title card slot; its text per language lives in the film's cards file."""

    id: Id
    duration: float = Field(4.0, gt=0, le=120)
    fade: float = Field(0.5, ge=0, le=5)
    background: str = Field("black", pattern=COLOUR_PATTERN)  # "#RRGGBB" or a CSS name
    # relative to the workspace; scaled to cover the frame and darkened for legibility
    background_image: Path | None = None

    _background_known = field_validator("background")(lambda v: _colour(v))


class FilmSpec(_Model):
    id: Id
    title: Title
    source: Path
    # {film} and {lang} are substituted; relative to the workspace
    subtitles: PathTemplate = "subtitles/{film}/{lang}.srt"
    cards_file: PathTemplate = "subtitles/{film}/cards.{lang}.yaml"
    # the film's own shot changes (EDL or CSV of timecodes), replacing detection
    shot_changes: Path | None = None
    opening_cards: list[CardSpec] = []
    closing_cards: list[CardSpec] = []


class SlideshowSpec(_Model):
    id: Id
    title: Title
    photos: Path
    seconds_per_photo: float = Field(5.0, gt=0, le=600)
    crossfade: float = Field(1.0, ge=0, le=10)
    # Ken Burns pan/zoom: "kenburns" varies the direction photo by photo, a direction
    # applies to every photo; the captions file can set it per photo; "none": still
    motion: Literal["kenburns", "none", "in", "out", "left", "right", "up", "down"] = "kenburns"
    zoom: float = Field(1.12, ge=1.0, le=1.5)  # how far the Ken Burns window zooms
    fill: str = Field("blur", pattern=f"^blur$|{COLOUR_PATTERN}")  # behind portrait photos
    captions: Annotated[str, Field(max_length=255)] | None = (
        None  # YAML or CSV in the photo folder: captions and motion
    )
    music: Path | None = None  # relative to the workspace; loudness-normalised, faded
    loop_minutes: float | None = Field(None, gt=0, le=24 * 60)  # one long file, stream copy

    _fill_known = field_validator("fill")(lambda v: v if v == "blur" else _colour(v))

    @model_validator(mode="after")
    def _crossfade_fits(self) -> SlideshowSpec:
        # the loop point crossfades the last photo into the first: both fades fit in a slot
        if self.crossfade * 2 > self.seconds_per_photo:
            raise ValueError("crossfade must be at most half of seconds_per_photo")
        return self


class LanguageSpec(_Model):
    name: Name | None = None
    script: Script | None = None
    font: Name | None = None  # fontconfig family; default from the script
    # text encoding of this language's subtitle files; default: detected (see subtitles.reader)
    subtitle_encoding: Annotated[str, Field(max_length=40)] | None = None


class CountrySpec(_Model):
    name: Name
    language: str  # checked as a language tag at load (length included)
    profile: Annotated[str, Field(max_length=MAX_ID)] | None = None
    playlist: Annotated[str, Field(max_length=1024)] | None = None


class Ceremony(_Model):
    title: Title
    date: dt.date | None = None
    profile: Annotated[str, Field(max_length=MAX_ID)] = "tv-usb-1080p"
    playlist: Annotated[str, Field(max_length=1024)] = "playlists/ceremony.yaml"
    chunk_seconds: float = Field(10.0, ge=1, le=600)
    # also write 00_play-all.mp4: the running order joined into one file (TV players)
    play_all: bool = False
    # cut files over the profile's warn_size_bytes (4 GiB: FAT32) into parts at keyframes
    split_large_files: bool = False
    languages: dict[str, LanguageSpec] = {}
    countries: dict[str, CountrySpec]
    films: list[FilmSpec] = []
    slideshows: list[SlideshowSpec] = []
    profiles: dict[str, Profile] = {}


class PlaylistItem(_Model):
    film: Annotated[str, Field(max_length=MAX_ID)] | None = None
    slideshow: Annotated[str, Field(max_length=MAX_ID)] | None = None
    repeat: int = Field(1, ge=1, le=1000)

    @model_validator(mode="after")
    def _exactly_one(self) -> PlaylistItem:
        if (self.film is None) == (self.slideshow is None):
            raise ValueError("each item names exactly one of 'film' or 'slideshow'")
        return self


class Playlist(_Model):
    title: Title | None = None
    items: list[PlaylistItem] = Field(min_length=1)


class CardText(_Model):
    """Up to three lines: title, subtitle, date/venue."""

    lines: list[Annotated[str, Field(max_length=MAX_CARD_LINE)]] = Field(min_length=1, max_length=3)
