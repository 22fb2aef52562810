"""The models of ``ceremony.yaml``, playlists and card texts (pydantic, unknown keys refused)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from string import Formatter
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..profiles import Profile
from .bilingual import (
    Layout,
    SecondaryStyle,
    languages_field,
    layout_field,
    one_or_two,
    secondary_field,
)
from .streams import stream_field
from .venue import LocalTime, Zone, staff_language_field, starts_at_field, timezone_field

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
MAX_CARD_LINES = 3


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id (None when it can)."""
    return None if re.match(ID_PATTERN, value) else f"an id is {ID_RULE}"


def _id(value: str) -> str:
    problem = id_problem(value)
    if problem:
        raise ValueError(f"{value[:80]!r}: {problem}")
    return value


def no_control_problem(text: str) -> str | None:
    """Why ``text`` cannot be drawn (None when it can): libass ends a line at a NUL,
    other control characters are invisible. Line breaks and tabs are spaces to the
    line breaker (textfit), so they may stay."""
    found = next((c for c in text if unicodedata.category(c) == "Cc" and not c.isspace()), None)
    return f"control character U+{ord(found):04X} in the text" if found else None


def _drawable(value: str) -> str:
    problem = no_control_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Id = Annotated[str, AfterValidator(_id)]
Title = Annotated[str, Field(max_length=MAX_TITLE)]
Name = Annotated[str, Field(max_length=MAX_NAME)]


MAX_PATH = 1024


def _usable_path(value: str | Path) -> str | Path:
    """A path the operating system can open: no NUL, at most 1024 characters and 255
    bytes a name (longer fails every file call with ENAMETOOLONG)."""
    text = str(value)
    if "\0" in text:
        raise ValueError("a path cannot hold a NUL character")
    if len(text) > MAX_PATH:
        raise ValueError(f"a path has at most {MAX_PATH} characters")
    if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in text.split("/")):
        raise ValueError("a file or folder name has at most 255 bytes")
    return value


FilePath = Annotated[Path, AfterValidator(_usable_path)]
PathText = Annotated[str, AfterValidator(_usable_path)]


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


PathTemplate = Annotated[str, AfterValidator(_path_template), AfterValidator(_usable_path)]


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

    id: Id = Field(
        description="Names the card; its text per language is under this id in the cards file.",
        examples=["title"],
    )
    duration: float = Field(4.0, gt=0, le=120, description="Seconds on screen.")
    fade: float = Field(0.5, ge=0, le=5, description="Seconds of fade in and out.")
    background: str = Field(
        "black",
        pattern=COLOUR_PATTERN,
        description="Colour behind the text: #RRGGBB or a CSS colour name.",
        examples=["#101820"],
    )
    background_image: FilePath | None = Field(
        None,
        description="Picture behind the text, relative to the workspace; it covers the "
        "frame and is darkened for legibility.",
        examples=["films/venue.jpg"],
    )

    _background_known = field_validator("background")(lambda v: _colour(v))


class FilmSpec(_Model):
    """A film: its master file, subtitles per language and title cards."""

    id: Id = Field(
        description="Short name used by playlists and in file names (letters, digits, - and _).",
        examples=["documentary"],
    )
    title: Title = Field(description="Shown in playlists and the run sheet.", examples=["Our film"])
    source: FilePath = Field(
        description="The film master, relative to the workspace.",
        examples=["films/documentary.mp4"],
    )
    subtitles: PathTemplate = Field(
        "subtitles/{film}/{lang}.srt",
        description="Where each language's subtitles are; {film} and {lang} are filled in. "
        "A .vtt file stands in for a missing .srt.",
    )
    cards_file: PathTemplate = Field(
        "subtitles/{film}/cards.{lang}.yaml",
        description="Where each language's title-card texts are: card id -> up to 3 lines.",
    )
    shot_changes: Path | None = Field(
        None,
        description="The film's own shot changes (EDL or CSV of timecodes), relative to the "
        "workspace; replaces detection.",
    )
    opening_cards: list[CardSpec] = Field(
        [],
        description="Title cards before the film, in order, inside the film's file: the "
        "film starts after them (a cue at 00:00:01 shows 1 s after the last card).",
    )
    closing_cards: list[CardSpec] = Field([], description="Title cards after the film.")
    video_stream: int | None = stream_field("video")
    audio_stream: int | None = stream_field("audio")


class SlideshowSpec(_Model):
    """A photo slideshow: a folder of photos shown in name order, looping seamlessly."""

    id: Id = Field(
        description="Short name used by playlists and in file names.", examples=["photos"]
    )
    title: Title = Field(description="Shown in playlists and the run sheet.", examples=["Photos"])
    photos: FilePath = Field(
        description="Folder of JPEG/PNG/TIFF/WebP/HEIC/AVIF/GIF photos, relative to the workspace.",
        examples=["films/photos"],
    )
    seconds_per_photo: float = Field(
        5.0,
        gt=0,
        le=600,
        description="Seconds each photo is on screen, its crossfades included. Photos "
        "overlap by the crossfade, so a cycle lasts photos x (seconds_per_photo - "
        "crossfade): 8 photos at 5 s with a 1 s crossfade loop in 32 s, not 40.",
    )
    crossfade: float = Field(
        1.0, ge=0, le=10, description="Seconds of crossfade; at most half of seconds_per_photo."
    )
    motion: Literal["kenburns", "none", "in", "out", "left", "right", "up", "down"] = Field(
        "kenburns",
        description="Ken Burns pan/zoom: kenburns varies the direction photo by photo; a "
        "direction applies to every photo; none keeps them still. The captions file can "
        "set it per photo.",
    )
    zoom: float = Field(1.12, ge=1.0, le=1.5, description="How far the Ken Burns move zooms.")
    fill: str = Field(
        "blur",
        pattern=f"^blur$|{COLOUR_PATTERN}",
        description="Behind portrait and panorama photos: blur (a darkened copy) or a colour.",
        examples=["#101010"],
    )
    captions: Annotated[PathText, Field(max_length=255)] | None = Field(
        None,
        description="Captions file in the photo folder (YAML or CSV): per photo a caption "
        "per language and an optional motion.",
        examples=["captions.yaml"],
    )
    music: FilePath | None = Field(
        None,
        description="Music file relative to the workspace; loudness-normalised and faded "
        "at the loop point.",
        examples=["films/music.flac"],
    )
    loop_minutes: float | None = Field(
        None,
        gt=0,
        le=24 * 60,
        description="Also repeat the cycle into one file of at least this many minutes "
        "(by stream copy), for players that cannot repeat.",
        examples=[60],
    )

    _fill_known = field_validator("fill")(lambda v: v if v == "blur" else _colour(v))

    @model_validator(mode="after")
    def _crossfade_fits(self) -> SlideshowSpec:
        # the loop point crossfades the last photo into the first: both fades fit in a slot
        if self.crossfade * 2 > self.seconds_per_photo:
            raise ValueError("crossfade must be at most half of seconds_per_photo")
        return self


# subtitle size names: the visual em as a share of frame height
SUBTITLE_SIZES = {"small": 0.036, "normal": 0.042, "large": 0.054}


class SubtitleStyle(_Model):
    """How subtitles look in the room: size, height above the bottom edge, a box."""

    size: Literal["small", "normal", "large"] | Annotated[float, Field(ge=2, le=10)] = Field(
        "normal",
        description="small (3.6% of the frame height), normal (4.2%, for TVs), large "
        "(5.4%, for projection in a hall), or a percentage of the frame height (2-10). "
        "A larger size fits fewer characters per line: `check` computes the limit.",
        examples=["large"],
    )
    margin: float = Field(
        6.5,
        ge=5,
        le=40,
        description="Height of the bottom line above the frame's bottom edge, in % of the "
        "frame height (5: the edge of the title-safe area).",
    )
    box: bool = Field(
        False,
        description="A semi-opaque dark box behind each line, for legibility over bright pictures.",
    )
    secondary: SecondaryStyle = secondary_field()

    @property
    def em(self) -> float:
        """Visual size as a share of frame height."""
        return SUBTITLE_SIZES[self.size] if isinstance(self.size, str) else self.size / 100


class LanguageSpec(_Model):
    """A language: any BCP 47 tag (am, he, zh-Hant, uz-Cyrl, ...) needs nothing set."""

    name: Name | None = Field(
        None, description="Name shown on run sheets. Default: the English name from CLDR."
    )
    script: Annotated[str, Field(max_length=20)] | None = Field(
        None,
        description="Writing system, an ISO 15924 code (Latn, Cyrl, Arab, Hebr, Ethi, Hant, "
        "...). Default: the language's likely script from CLDR.",
        examples=["Cyrl"],
    )
    font: Name | None = Field(
        None,
        description="fontconfig family for subtitles and cards. Default: the script's Noto "
        "font, else fontconfig's best font for the language.",
        examples=["Noto Sans"],
    )
    subtitle_encoding: Annotated[str, Field(max_length=40)] | None = Field(
        None,
        description="Text encoding of this language's subtitle files. Default: detected.",
        examples=["cp1251"],
    )


class CountrySpec(_Model):
    """One package: a country, its language and (optionally) its own profile or order."""

    name: Name = Field(description="Shown on the run sheet.", examples=["Kazakhstan"])
    # before `language`, whose check reads it
    languages: list[str] | None = languages_field()
    # checked as a language tag at load (length included)
    language: str = Field(
        "",
        validate_default=True,
        description="Language code of its subtitles and cards (a key of `languages` or a "
        "known code). Two on screen at once: `languages`.",
        examples=["kk"],
    )
    layout: Layout = layout_field()
    profile: Annotated[str, Field(max_length=MAX_ID)] | None = Field(
        None, description="Playback profile for this country. Default: the ceremony's."
    )
    playlist: PathText | None = Field(
        None, description="Running order for this country. Default: the ceremony's."
    )
    subtitle_style: SubtitleStyle | None = Field(
        None,
        description="Subtitle size, margin and box for this country's room. Default: the "
        "ceremony's `subtitle_style` (a country's replaces it whole).",
    )
    starts_at: LocalTime | None = starts_at_field()
    timezone: Zone | None = timezone_field()
    staff_language: str | None = staff_language_field()

    @field_validator("language")
    @classmethod
    def _primary(cls, value: str, info: ValidationInfo) -> str:
        return one_or_two(value, info.data.get("languages"))

    @property
    def second_language(self) -> str | None:
        """A bilingual country's second language (config.bilingual)."""
        return self.languages[1] if self.languages and len(self.languages) == 2 else None


class Ceremony(_Model):
    """ceremony.yaml: the ceremony, its countries, languages, films and slideshows."""

    title: Title = Field(
        description="The ceremony's name, on run sheets and playlists.",
        examples=["Independence Day reception"],
    )
    date: dt.date | None = Field(None, description="YYYY-MM-DD, on run sheets.")
    profile: Annotated[str, Field(max_length=MAX_ID)] = Field(
        "tv-usb-1080p",
        description="Playback profile: tv-usb-1080p, projector-1080p, web-720p, "
        "archive-prores or one under `profiles`.",
    )
    playlist: PathText = Field(
        "playlists/ceremony.yaml", description="Running order, relative to the workspace."
    )
    chunk_seconds: float = Field(
        10.0, ge=1, le=600, description="Longest piece a film is encoded in."
    )
    chunk_cuts: Literal["cues", "fixed"] = Field(
        "cues",
        description="Where a film is cut into pieces: `cues` where the fewest languages "
        "have a subtitle on screen (a piece without one is encoded once for them all), "
        "`fixed` every `chunk_seconds`.",
    )
    play_all: bool = Field(
        False,
        description="Also write 00_play-all.mp4: the running order in one file, for TV "
        "players that ignore playlists.",
    )
    split_large_files: bool = Field(
        False,
        description="Cut files over the profile's size limit (4 GiB: FAT32) into parts at "
        "keyframes.",
    )
    release: Literal["all", "approved-only"] = Field(
        "all",
        description="approved-only: build every country, but leave out of dist/ the "
        "countries whose language is not fully signed off (as `build --approved-only`).",
    )
    subtitle_style: SubtitleStyle = Field(
        SubtitleStyle(), description="Subtitle size, margin and box for every country."
    )
    languages: dict[str, LanguageSpec] = Field(
        {}, description="Languages by code; known codes need no entry."
    )
    countries: dict[str, CountrySpec] = Field(
        description="One package per country, by country code (e.g. KZ)."
    )
    films: list[FilmSpec] = Field([], description="Films.")
    slideshows: list[SlideshowSpec] = Field([], description="Photo slideshows.")
    profiles: dict[str, Profile] = Field({}, description="Your own playback profiles, by name.")
    starts_at: LocalTime | None = starts_at_field()
    timezone: Zone | None = timezone_field()
    staff_language: str | None = staff_language_field()


class PlaylistItem(_Model):
    """One item of the running order: a film or a slideshow."""

    film: Annotated[str, Field(max_length=MAX_ID)] | None = Field(
        None, description="A film id.", examples=["documentary"]
    )
    slideshow: Annotated[str, Field(max_length=MAX_ID)] | None = Field(
        None, description="A slideshow id.", examples=["photos"]
    )
    repeat: int = Field(1, ge=1, le=1000, description="How many times it plays in a row.")
    until_start: bool = Field(
        False,
        description="PLAY.html loops it until `starts_at`; other players play it `repeat` times.",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> PlaylistItem:
        if (self.film is None) == (self.slideshow is None):
            raise ValueError("each item names exactly one of 'film' or 'slideshow'")
        return self


class Playlist(_Model):
    """playlists/<name>.yaml: the running order."""

    title: Title | None = Field(None, description="Name of the running order.")
    items: list[PlaylistItem] = Field(min_length=1, description="The items, in playing order.")


class CardText(_Model):
    """Up to three lines: title, subtitle, date/venue."""

    lines: list[Annotated[str, Field(max_length=MAX_CARD_LINE), AfterValidator(_drawable)]] = Field(
        min_length=1, max_length=MAX_CARD_LINES
    )
