"""The workspace: ``ceremony.yaml``, playlists and card texts, loaded into typed models.

Validation errors name the file, the YAML line and the key path, e.g.
``ceremony.yaml:12: countries.KZ.language: unknown language 'kk'``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import ConfigError, InputError
from .languages import KNOWN_LANGUAGES, SCRIPT_RULES, Script, ScriptRules
from .profiles import BUILTIN_PROFILES, Profile

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


# ---------------------------------------------------------------- YAML with lines


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (deepest node found)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(part):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
            if node is not None:
                line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 text ({e.reason})", path=path) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise ConfigError(
            f"YAML syntax error: {e.problem or e}",
            path=path,
            line=mark.line + 1 if mark else None,
            hint="check indentation and quoting on that line",
        ) from None
    return data, node


M = TypeVar("M", bound=BaseModel)


def validate_data(model: type[M], data: Any, node: yaml.Node | None, path: Path) -> M:
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        key = ".".join(str(p) for p in loc) or "(top level)"
        more = f" (and {len(e.errors()) - 1} more)" if len(e.errors()) > 1 else ""
        raise ConfigError(
            f"{key}: {err['msg']}{more}", path=path, line=_line_of(node, loc)
        ) from None


# ---------------------------------------------------------------- the workspace


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    script: Script
    font_family: str | None  # explicit choice; None means the script's default list

    @property
    def rules(self) -> ScriptRules:
        return SCRIPT_RULES[self.script]


@dataclass
class Workspace:
    root: Path
    ceremony: Ceremony
    languages: dict[str, Language]
    profiles: dict[str, Profile]
    playlists: dict[str, Playlist]  # by relative path
    # (film id, language) -> card id -> text
    cards: dict[tuple[str, str], dict[str, CardText]] = field(default_factory=dict)

    @property
    def config_path(self) -> Path:
        return self.root / CEREMONY_FILE

    def film(self, film_id: str) -> FilmSpec:
        return next(f for f in self.ceremony.films if f.id == film_id)

    def slideshow(self, show_id: str) -> SlideshowSpec:
        return next(s for s in self.ceremony.slideshows if s.id == show_id)

    def subtitle_path(self, film: FilmSpec, lang: str) -> Path:
        path = self.root / film.subtitles.format(film=film.id, lang=lang)
        # editors export WebVTT too: <lang>.vtt stands in for a missing <lang>.srt
        if path.suffix.lower() == ".srt" and not path.is_file():
            vtt = path.with_suffix(".vtt")
            if vtt.is_file():
                return vtt
        return path

    def cards_path(self, film: FilmSpec, lang: str) -> Path:
        return self.root / film.cards_file.format(film=film.id, lang=lang)

    def playlist_for(self, country: str) -> tuple[str, Playlist]:
        rel = self.ceremony.countries[country].playlist or self.ceremony.playlist
        return rel, self.playlists[rel]

    def profile_for(self, country: str, override: str | None = None) -> Profile:
        name = override or self.ceremony.countries[country].profile or self.ceremony.profile
        return self.profiles[name]

    def language_of(self, country: str) -> Language:
        return self.languages[self.ceremony.countries[country].language]


def _resolve_languages(c: Ceremony) -> dict[str, Language]:
    out: dict[str, Language] = {}
    codes = set(c.languages) | {country.language for country in c.countries.values()}
    for code in sorted(codes):
        spec = c.languages.get(code, LanguageSpec())
        known = KNOWN_LANGUAGES.get(code)
        script = spec.script or (known.script if known else None)
        if script is None:
            continue  # reported by _check_references with the country's line
        out[code] = Language(code, spec.name or (known.name if known else code), script, spec.font)
    return out


def load_workspace(root: Path | str, *, require_subtitles: bool = True) -> Workspace:
    """Load and cross-check a workspace. Raises ConfigError/InputError naming file and line.

    ``require_subtitles=False`` lets a missing subtitle file through (``screening-kit
    check`` reports it among its findings instead of stopping at the first one)."""
    # absolute: ffmpeg runs in a scratch folder (beside the ASS script it reads), where
    # a relative film or photo path would not resolve
    root = Path(root).absolute()
    cfg_path = root / CEREMONY_FILE
    if not root.is_dir():
        raise InputError("workspace folder not found", path=root)
    if not cfg_path.is_file():
        raise InputError(
            "no ceremony.yaml in the workspace",
            path=cfg_path,
            hint="run `screening-kit demo DIR` to see a complete example workspace",
        )
    data, node = load_yaml(cfg_path)
    ceremony = validate_data(Ceremony, data, node, cfg_path)

    def fail(msg: str, loc: tuple[int | str, ...], hint: str | None = None) -> ConfigError:
        return ConfigError(msg, path=cfg_path, line=_line_of(node, loc), hint=hint)

    profiles = dict(BUILTIN_PROFILES)
    for name, p in ceremony.profiles.items():
        profiles[name] = p.model_copy(update={"name": name})
    languages = _resolve_languages(ceremony)

    for code, country in ceremony.countries.items():
        if not re.match(ID_PATTERN, code):
            raise fail(
                f"countries.{code}: country code must be letters/digits", ("countries", code)
            )
        if country.language not in languages:
            raise fail(
                f"countries.{code}.language: unknown language {country.language!r}",
                ("countries", code, "language"),
                hint=f"add it under `languages:` with its `script` ({', '.join(SCRIPT_RULES)})",
            )
        if country.profile is not None and country.profile not in profiles:
            raise fail(
                f"countries.{code}.profile: unknown profile {country.profile!r}",
                ("countries", code, "profile"),
                hint=f"known profiles: {', '.join(sorted(profiles))}",
            )
    if ceremony.profile not in profiles:
        raise fail(
            f"profile: unknown profile {ceremony.profile!r}",
            ("profile",),
            hint=f"known profiles: {', '.join(sorted(profiles))}",
        )

    ids = [f.id for f in ceremony.films] + [s.id for s in ceremony.slideshows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise fail(f"film/slideshow id used twice: {', '.join(sorted(dup))}", ("films",))
    for i, film in enumerate(ceremony.films):
        if not (root / film.source).is_file():
            raise InputError(
                f"films[{i}].source: film file not found: {film.source}",
                path=cfg_path,
                line=_line_of(node, ("films", i, "source")),
            )
    for i, show in enumerate(ceremony.slideshows):
        if not (root / show.photos).is_dir():
            raise InputError(
                f"slideshows[{i}].photos: photo folder not found: {show.photos}",
                path=cfg_path,
                line=_line_of(node, ("slideshows", i, "photos")),
            )

    playlists: dict[str, Playlist] = {}
    for country in ceremony.countries.values():
        rel = country.playlist or ceremony.playlist
        if rel in playlists:
            continue
        ppath = root / rel
        pdata, pnode = load_yaml(ppath)
        pl = validate_data(Playlist, pdata, pnode, ppath)
        film_ids = {f.id for f in ceremony.films}
        show_ids = {s.id for s in ceremony.slideshows}
        for j, item in enumerate(pl.items):
            if item.film is not None and item.film not in film_ids:
                raise ConfigError(
                    f"items[{j}].film: unknown film {item.film!r}",
                    path=ppath,
                    line=_line_of(pnode, ("items", j, "film")),
                    hint=f"films in ceremony.yaml: {', '.join(sorted(film_ids)) or 'none'}",
                )
            if item.slideshow is not None and item.slideshow not in show_ids:
                raise ConfigError(
                    f"items[{j}].slideshow: unknown slideshow {item.slideshow!r}",
                    path=ppath,
                    line=_line_of(pnode, ("items", j, "slideshow")),
                    hint=f"slideshows in ceremony.yaml: {', '.join(sorted(show_ids)) or 'none'}",
                )
        playlists[rel] = pl

    ws = Workspace(root, ceremony, languages, profiles, playlists)
    _load_texts(ws, require_subtitles)
    return ws


def _load_texts(ws: Workspace, require_subtitles: bool = True) -> None:
    """Check every subtitle file exists and load card texts for each (film, language) used."""
    needed: set[tuple[str, str]] = set()
    for code in ws.ceremony.countries:
        _, pl = ws.playlist_for(code)
        lang = ws.ceremony.countries[code].language
        for item in pl.items:
            if item.film is not None:
                needed.add((item.film, lang))
    for film_id, lang in sorted(needed):
        film = ws.film(film_id)
        sub = ws.subtitle_path(film, lang)
        if not sub.is_file() and require_subtitles:
            users = sorted(c for c, spec in ws.ceremony.countries.items() if spec.language == lang)
            raise InputError(
                f"subtitle file for film {film_id!r} in language {lang!r} not found",
                path=sub,
                hint=f"needed by {', '.join(users)}; add the file or change their language",
            )
        slots = film.opening_cards + film.closing_cards
        if not slots:
            continue
        cpath = ws.cards_path(film, lang)
        data, node = load_yaml(cpath)
        if not isinstance(data, dict):
            raise ConfigError("expected a mapping of card id to lines", path=cpath, line=1)
        texts: dict[str, CardText] = {}
        for slot in slots:
            if slot.id not in data:
                raise ConfigError(
                    f"no text for card {slot.id!r}",
                    path=cpath,
                    line=1,
                    hint=f"add `{slot.id}: [title, subtitle, date line]`",
                )
            raw = data[slot.id]
            raw = {"lines": [raw] if isinstance(raw, str) else raw}
            sub_node = _node_at(node, slot.id)
            texts[slot.id] = validate_data(CardText, raw, _wrap_lines(sub_node), cpath)
        ws.cards[(film_id, lang)] = texts


def _node_at(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v  # type: ignore[no-any-return]
    return None


def _wrap_lines(node: yaml.Node | None) -> yaml.Node | None:
    """Present a card's value node as the ``lines`` key for line lookup."""
    if node is None:
        return None
    key = yaml.ScalarNode("tag:yaml.org,2002:str", "lines", node.start_mark, node.end_mark)
    return yaml.MappingNode("tag:yaml.org,2002:map", [(key, node)], node.start_mark, node.end_mark)
