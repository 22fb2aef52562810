"""The loaded workspace: languages, profiles, playlists and card texts, cross-checked."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

from ..errors import ConfigError, InputError
from ..fsio import inside
from ..profiles import BUILTIN_PROFILES, Profile
from .languages import Language, check_names, resolve_languages
from .models import (
    CEREMONY_FILE,
    MAX_CARD_LINES,
    CardSpec,
    CardText,
    Ceremony,
    FilmSpec,
    Playlist,
    SlideshowSpec,
    SubtitleStyle,
)
from .nearby import misnamed_hint, nearby_folder
from .venue import Venue, venue_of, venue_problems
from .yamlio import (
    Problem,
    closest,
    format_loc,
    line_of,
    load_yaml,
    node_at,
    problems_error,
    validate_data,
    wrap_lines,
)


@dataclass(frozen=True)
class Gap:
    """An input the workspace still lacks or cannot use (a film file, a photo folder, a
    cards file). ``check`` lists every one as a finding; a build stops at them."""

    rule: str  # missing-film | missing-photos | missing-cards | cards
    path: Path  # the file to look at
    message: str
    line: int | None = None
    film: str | None = None
    language: str | None = None


@dataclass
class Workspace:
    root: Path
    ceremony: Ceremony
    languages: dict[str, Language]
    profiles: dict[str, Profile]
    playlists: dict[str, Playlist]  # by relative path
    # (film id, language) -> card id -> text
    cards: dict[tuple[str, str], dict[str, CardText]] = field(default_factory=dict)
    # with require_inputs=False: what is missing, for `check` to report all at once
    gaps: list[Gap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said by build and check (info)

    @property
    def config_path(self) -> Path:
        return self.root / CEREMONY_FILE

    def film(self, film_id: str) -> FilmSpec:
        return next(f for f in self.ceremony.films if f.id == film_id)

    def slideshow(self, show_id: str) -> SlideshowSpec:
        return next(s for s in self.ceremony.slideshows if s.id == show_id)

    def _from_template(self, template: str, film: FilmSpec, lang: str) -> Path:
        """``template`` with {film} and {lang} filled in. The fixed folder before the
        first placeholder is the user's (absolute or ../ is fine); the names put in
        must stay inside it."""
        literal = next(iter(Formatter().parse(template)), ("", None, None, None))[0]
        head, slash, _ = literal.rpartition("/")
        fixed = head + slash
        filled = template.format(film=film.id, lang=lang)
        return inside(self.root / fixed, filled[len(fixed) :])

    def subtitle_path(self, film: FilmSpec, lang: str) -> Path:
        path = self._from_template(film.subtitles, film, lang)
        # editors export WebVTT too: <lang>.vtt stands in for a missing <lang>.srt
        if path.suffix.lower() == ".srt" and not path.is_file():
            vtt = path.with_suffix(".vtt")
            if vtt.is_file():
                return vtt
        return path

    def cards_path(self, film: FilmSpec, lang: str) -> Path:
        return self._from_template(film.cards_file, film, lang)

    def playlist_for(self, country: str) -> tuple[str, Playlist]:
        rel = self.ceremony.countries[country].playlist or self.ceremony.playlist
        return rel, self.playlists[rel]

    def profile_for(self, country: str, override: str | None = None) -> Profile:
        name = override or self.ceremony.countries[country].profile or self.ceremony.profile
        return self.profiles[name]

    def subtitle_style_for(self, country: str) -> SubtitleStyle:
        return self.ceremony.countries[country].subtitle_style or self.ceremony.subtitle_style

    def venue_for(self, country: str) -> Venue:
        return venue_of(self.ceremony, self.ceremony.countries[country])

    def language_of(self, country: str) -> Language:
        return self.languages[self.ceremony.countries[country].language]

    def second_language_of(self, country: str) -> Language | None:
        """A bilingual country's second language (config.bilingual), else None."""
        second = self.ceremony.countries[country].second_language
        return None if second is None else self.languages[second]


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    """``unknown film 'memorial': did you mean 'memorials'? (known: ...)``"""
    names = sorted(known)
    guess = closest(value, names)
    return (
        f"unknown {kind} {value!r}"
        + (f": did you mean {guess!r}?" if guess else "")
        + f" ({kind}s in ceremony.yaml: {', '.join(names) or 'none'})"
    )


def same_name_on_disk(root: Path, rel: Path) -> Path | None:
    """``rel`` as it is spelled on disk when only its Unicode normalisation differs
    (NFC in ceremony.yaml, NFD from a Mac, or the reverse); None otherwise."""
    path = root / rel
    if path.exists():
        return None
    found = Path(path.anchor)
    for part in path.parts[1:]:
        want = unicodedata.normalize("NFC", part)
        if (found / part).exists():
            found = found / part
            continue
        try:
            match = [p for p in found.iterdir() if unicodedata.normalize("NFC", p.name) == want]
        except OSError:
            return None
        if len(match) != 1:
            return None
        found = match[0]
    return found.relative_to(root) if found.is_relative_to(root) else found


def load_workspace(root: Path | str, *, require_inputs: bool = True) -> Workspace:
    """Load and cross-check a workspace. Raises ConfigError/InputError naming file and line.

    ``require_inputs=False`` lets missing inputs through (subtitle files, film files,
    photo folders, cards files and their texts): ``screening-kit check`` reports each
    among its findings (``Workspace.gaps``) instead of stopping at the first one."""
    # absolute: ffmpeg runs in a scratch folder (beside the ASS script it reads), where
    # a relative film or photo path would not resolve
    root = Path(root).absolute()
    cfg_path = root / CEREMONY_FILE
    start = "run `screening-kit init DIR` to start a workspace, or `screening-kit demo DIR` to "
    start += "see a complete example"
    if root.is_file():
        raise InputError(
            "this is a file: give the workspace folder, not the file",
            path=root,
            hint=f"the folder that holds it: {root.parent}",
        )
    if not root.is_dir():
        raise InputError("workspace folder not found", path=root, hint=start)
    if not cfg_path.is_file():
        raise InputError("no ceremony.yaml in the workspace", path=cfg_path, hint=start)
    data, node = load_yaml(cfg_path)
    ceremony = validate_data(Ceremony, data, node, cfg_path)

    # names that become paths: all reported with the rest, before any is used as a path
    named = check_names(ceremony)
    problems = [Problem(line_of(node, loc), shown, msg) for loc, shown, msg in named]
    bad_languages = {
        ceremony.countries[str(loc[1])].language
        for loc, _, _ in named
        if loc[0] == "countries" and len(loc) == 3
    }

    def problem(loc: tuple[int | str, ...], msg: str) -> None:
        problems.append(Problem(line_of(node, loc), format_loc(loc), msg))

    profiles = dict(BUILTIN_PROFILES)
    for name, p in ceremony.profiles.items():
        profiles[name] = p.model_copy(update={"name": name})
    bad_tags = bad_languages | {str(loc[1]) for loc, _, _ in named if loc[0] == "languages"}
    languages, language_problems = resolve_languages(ceremony, bad_tags)
    for where, msg in language_problems:
        problem(where, msg)
    hint = (
        "write a BCP 47 tag (am, he, zh-Hans, uz-Cyrl, sr-Latn, ...); "
        "`screening-kit languages` lists the ones we know"
        if language_problems
        else None
    )
    for code, country in ceremony.countries.items():
        if country.profile is not None and country.profile not in profiles:
            problem(("countries", code, "profile"), _unknown("profile", country.profile, profiles))
    if ceremony.profile not in profiles:
        problem(("profile",), _unknown("profile", ceremony.profile, profiles))

    ids = [f.id for f in ceremony.films] + [s.id for s in ceremony.slideshows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        problem(("films",), f"film/slideshow id used twice: {', '.join(sorted(dup))}")
    gaps: list[Gap] = []
    notes: list[str] = []
    for i, film in enumerate(ceremony.films):
        same = same_name_on_disk(root, film.source)
        if same is not None:
            ceremony.films[i] = film = film.model_copy(update={"source": same})
            notes.append(f"film {film.id!r}: {film.source} is named in another Unicode form on "
                         "disk than in ceremony.yaml (a macOS copy); matched by NFC")  # fmt: skip
        if not (root / film.source).is_file():
            msg = f"film file not found: {film.source}"
            if (root / film.source).exists():
                what = "a folder" if (root / film.source).is_dir() else "a FIFO, socket or device"
                msg = f"film source is not a regular file ({what}): {film.source}"
            if require_inputs:
                problem(("films", i, "source"), msg)
            else:
                line = line_of(node, ("films", i, "source"))
                msg += " (copy the film master there, or change `source:`)"
                gaps.append(Gap("missing-film", cfg_path, msg, line, film=film.id))
    for i, show in enumerate(ceremony.slideshows):
        if not (root / show.photos).is_dir():
            msg = f"photo folder not found: {show.photos}"
            guess = nearby_folder(root, Path(show.photos))
            msg += f": did you mean {guess}?" if guess else ""
            if require_inputs:
                problem(("slideshows", i, "photos"), msg)
            else:
                line = line_of(node, ("slideshows", i, "photos"))
                gaps.append(Gap("missing-photos", cfg_path, msg, line))
    if problems:
        raise problems_error(cfg_path, problems, hint)

    playlists: dict[str, Playlist] = {}
    film_ids = {f.id: f for f in ceremony.films}
    show_ids = {s.id: s for s in ceremony.slideshows}
    for country in ceremony.countries.values():
        rel = country.playlist or ceremony.playlist
        if rel in playlists:
            continue
        ppath = root / rel
        pdata, pnode = load_yaml(ppath)
        pl = validate_data(Playlist, pdata, pnode, ppath)
        found: list[Problem] = []
        for j, item in enumerate(pl.items):
            for kind, ref, known in (
                ("film", item.film, film_ids),
                ("slideshow", item.slideshow, show_ids),
            ):
                if ref is not None and ref not in known:
                    loc: tuple[int | str, ...] = ("items", j, kind)
                    found.append(
                        Problem(line_of(pnode, loc), format_loc(loc), _unknown(kind, ref, known))
                    )
        looped = [j for j, item in enumerate(pl.items) if item.until_start]
        for j in looped[1:]:
            loc = ("items", j, "until_start")
            found.append(
                Problem(
                    line_of(pnode, loc), format_loc(loc), "only one item can loop until the start"
                )
            )
        if found:
            raise problems_error(ppath, found)
        playlists[rel] = pl
    until_start = {
        code: any(i.until_start for i in playlists[c.playlist or ceremony.playlist].items)
        for code, c in ceremony.countries.items()
    }
    for loc, msg in venue_problems(ceremony, ceremony.countries, until_start):
        problem(loc, msg)
    if problems:
        raise problems_error(cfg_path, problems)

    ws = Workspace(root, ceremony, languages, profiles, playlists, gaps=gaps, notes=notes)
    _load_texts(ws, require_inputs)
    return ws


def _load_texts(ws: Workspace, require_inputs: bool = True) -> None:
    """Check every subtitle file exists and load card texts for each (film, language) used."""
    needed: set[tuple[str, str]] = set()
    for code in ws.ceremony.countries:
        _, pl = ws.playlist_for(code)
        spec = ws.ceremony.countries[code]
        for item in pl.items:
            for lang in filter(None, (spec.language, spec.second_language)):
                if item.film is not None:
                    needed.add((item.film, lang))
    for film_id, lang in sorted(needed):
        film = ws.film(film_id)
        sub = ws.subtitle_path(film, lang)
        if not sub.is_file() and require_inputs:
            users = sorted(
                c
                for c, spec in ws.ceremony.countries.items()
                if lang in (spec.language, spec.second_language)
            )
            raise InputError(
                f"subtitle file for film {film_id!r} in language {lang!r} not found",
                path=sub,
                hint=misnamed_hint(sub, lang)
                or f"needed by {', '.join(users)}; add the file or change their language",
            )
        slots = film.opening_cards + film.closing_cards
        if not slots:
            continue
        cpath = ws.cards_path(film, lang)
        try:
            ws.cards[(film_id, lang)] = _load_cards(cpath, slots)
        except (ConfigError, InputError) as e:
            if require_inputs:
                raise
            missing = isinstance(e, InputError) and not cpath.is_file()
            ws.gaps.append(
                Gap(
                    "missing-cards" if missing else "cards",
                    cpath,
                    f"no title-card texts for film {film_id!r} in {lang!r}; "
                    f"cards: {', '.join(s.id for s in slots)} (write e.g. "
                    f"`{slots[0].id}: [First line, Second line]`)"
                    if missing
                    else e.message,
                    e.line,
                    film=film_id,
                    language=lang,
                )
            )


def _load_cards(cpath: Path, slots: list[CardSpec]) -> dict[str, CardText]:
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
        sub_node = node_at(node, slot.id)
        texts[slot.id] = _card_text(slot.id, raw, sub_node, cpath)
    return texts


def _card_text(card: str, raw: dict[str, Any], node: yaml.Node | None, cpath: Path) -> CardText:
    """One card's lines, with the card named in every problem."""
    lines = raw["lines"]
    line = node.start_mark.line + 1 if node is not None else None
    if isinstance(lines, list) and not 1 <= len(lines) <= MAX_CARD_LINES:
        raise ConfigError(
            f"card {card!r} has {len(lines)} lines: a card holds 1 to {MAX_CARD_LINES} "
            "(title, subtitle, date or venue)",
            path=cpath,
            line=line,
            hint="join or drop lines, or put the rest on another card",
        )
    try:
        return validate_data(CardText, raw, wrap_lines(node), cpath)
    except ConfigError as e:
        raise ConfigError(f"card {card!r}: {e.message}", path=cpath, line=e.line) from None
