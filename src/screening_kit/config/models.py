"""The models of ``ceremony.yaml``, playlists and card texts (pydantic, unknown keys refused)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ..languages import Script
from ..profiles import Profile

CEREMONY_FILE = "ceremony.yaml"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$|^[a-z]+$"


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

    id: str = Field(pattern=ID_PATTERN)
    duration: float = Field(4.0, gt=0, le=120)
    fade: float = Field(0.5, ge=0, le=5)
    background: str = Field("black", pattern=COLOUR_PATTERN)  # "#RRGGBB" or a CSS name
    # relative to the workspace; scaled to cover the frame and darkened for legibility
    background_image: Path | None = None

    _background_known = field_validator("background")(lambda v: _colour(v))


class FilmSpec(_Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    source: Path
    # {film} and {lang} are substituted; relative to the workspace
    subtitles: str = "subtitles/{film}/{lang}.srt"
    cards_file: str = "subtitles/{film}/cards.{lang}.yaml"
    opening_cards: list[CardSpec] = []
    closing_cards: list[CardSpec] = []


class SlideshowSpec(_Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    photos: Path
    seconds_per_photo: float = Field(5.0, gt=0, le=600)
    crossfade: float = Field(1.0, ge=0, le=10)
    # Ken Burns pan/zoom: "kenburns" varies the direction photo by photo, a direction
    # applies to every photo; the captions file can set it per photo; "none": still
    motion: Literal["kenburns", "none", "in", "out", "left", "right", "up", "down"] = "kenburns"
    zoom: float = Field(1.12, ge=1.0, le=1.5)  # how far the Ken Burns window zooms
    fill: str = Field("blur", pattern=f"^blur$|{COLOUR_PATTERN}")  # behind portrait photos
    captions: str | None = None  # YAML or CSV in the photo folder: captions and motion
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
    name: str | None = None
    script: Script | None = None
    font: str | None = None  # fontconfig family; default from the script
    # text encoding of this language's subtitle files; default: detected (see subtitles.reader)
    subtitle_encoding: str | None = None


class CountrySpec(_Model):
    name: str
    language: str
    profile: str | None = None
    playlist: str | None = None


class Ceremony(_Model):
    title: str
    date: dt.date | None = None
    profile: str = "tv-usb-1080p"
    playlist: str = "playlists/ceremony.yaml"
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
    film: str | None = None
    slideshow: str | None = None
    repeat: int = Field(1, ge=1, le=1000)

    @model_validator(mode="after")
    def _exactly_one(self) -> PlaylistItem:
        if (self.film is None) == (self.slideshow is None):
            raise ValueError("each item names exactly one of 'film' or 'slideshow'")
        return self


class Playlist(_Model):
    title: str | None = None
    items: list[PlaylistItem] = Field(min_length=1)


class CardText(_Model):
    """Up to three lines: title, subtitle, date/venue."""

    lines: list[str] = Field(min_length=1, max_length=3)
