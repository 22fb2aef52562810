"""``screening-kit init``: a new workspace to fill in, asking nothing.

It writes a commented ``ceremony.yaml`` (its first line points editors to the JSON
Schema written beside it), the folders, a running order and a README with the next
steps. Values the user must supply say ``FILL-ME-IN``; ``check`` lists each one as a
finding with its line, so a half-filled workspace is a to-do list, not a crash.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .config.yamlio import format_loc, load_yaml
from .errors import ConfigError
from .fsio import atomic_write_text
from .reference import SCHEMA_FILE, schema_line, schema_text

PLACEHOLDER = "FILL-ME-IN"

CEREMONY = f"""\
{schema_line(SCHEMA_FILE)}
# Written by `screening-kit init`. Replace every {PLACEHOLDER}, then:
#   screening-kit check .    lists what is still missing or wrong, with line numbers
#   screening-kit build .    writes one package per country into dist/
# Every key, its default and allowed values: `screening-kit schema --docs`.

title: {PLACEHOLDER} name of the ceremony   # on run sheets and playlists
# date: 2026-11-24                          # optional, on run sheets
profile: tv-usb-1080p     # or projector-1080p, web-720p, archive-prores
playlist: playlists/ceremony.yaml           # the running order

# One package per country: its code, its name and the language of its subtitles
# and title cards (en, fr, de, es, ru, uk, kk, ar, fa, ko, ja, ...).
countries:
  {PLACEHOLDER}: {{name: {PLACEHOLDER} country name, language: en}}

# Languages need an entry only to change the defaults (name, font, encoding) or
# for a code screening-kit does not know (then give its `script`).
# languages:
#   kk: {{name: Kazakh}}

films:
  - id: film                  # used by the running order and in file names
    title: {PLACEHOLDER} title of the film
    source: films/film.mp4    # copy the film master here (or change the path)
    # subtitles: one file per language, subtitles/film/<language>.srt (or .vtt)
    # title cards before the film; their texts go in subtitles/film/cards.<language>.yaml
    # opening_cards:
    #   - {{id: title, duration: 5}}

# Photo slideshows, for before and after the film:
# slideshows:
#   - id: photos
#     title: Photographs
#     photos: films/photos           # a folder of JPEG/PNG photos, shown in name order
#     seconds_per_photo: 6
#     captions: captions.yaml        # optional, in the photo folder: a caption per language
"""

PLAYLIST = """\
# The running order: items play top to bottom. `repeat: 3` plays an item three
# times (VLC does; for TVs that ignore playlists see the run sheet).
title: Ceremony
items:
  - film: film
  # - slideshow: photos
  #   repeat: 3
"""

README = f"""\
# Ceremony workspace

Written by `screening-kit init`. To make the packages:

1. Edit `ceremony.yaml`: replace every `{PLACEHOLDER}` (the ceremony's title, each
   country with its language, the film's title).
2. Copy the film master to `films/film.mp4` (or change `source:` in ceremony.yaml).
3. Put one subtitle file per language in `subtitles/film/`, named by language
   code: `subtitles/film/en.srt`, `subtitles/film/ru.srt`, ...
4. Set the running order in `playlists/ceremony.yaml`.
5. Run `screening-kit check .` until it reports no errors: it lists everything
   still missing or wrong, with file and line.
6. Run `screening-kit build .`: one package per country in `dist/`, each with
   `RUNSHEET.html` to print; `dist/index.html` lists them all.

`ceremony.schema.json` lets editors with a YAML language server (VS Code's YAML
extension, for one) complete and check `ceremony.yaml`. Every key is described
by `screening-kit schema --docs`; a complete example: `screening-kit demo DIR`.
"""

FOLDERS = ("films", "films/photos", "subtitles/film", "playlists")


def make_starter(root: Path) -> list[Path]:
    """Write a new workspace into ``root``; refuses to overwrite a ceremony.yaml."""
    root = Path(root)
    if (root / "ceremony.yaml").exists():
        raise ConfigError(
            "this folder already holds a workspace (ceremony.yaml)",
            path=root / "ceremony.yaml",
            hint="choose a new folder; nothing was changed",
        )
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in (
        ("ceremony.yaml", CEREMONY),
        (SCHEMA_FILE, schema_text()),
        ("playlists/ceremony.yaml", PLAYLIST),
        ("README.md", README),
    ):
        path = root / rel
        if rel != "ceremony.yaml" and path.exists():
            continue  # a README or playlist already there is the user's
        atomic_write_text(path, text)
        written.append(path)
    return written


def find_placeholders(path: Path) -> list[tuple[int, str, str]]:
    """(line, key path, text) of every key or value still holding the placeholder."""
    if not path.is_file():
        return []
    _, node = load_yaml(path)
    found: list[tuple[int, str, str]] = []

    def walk(n: yaml.Node | None, loc: tuple[int | str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                here = (*loc, str(k.value))
                if PLACEHOLDER in str(k.value):
                    found.append((k.start_mark.line + 1, format_loc(here), str(k.value)))
                walk(v, here)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, (*loc, i))
        elif isinstance(n, yaml.ScalarNode) and PLACEHOLDER in str(n.value):
            found.append((n.start_mark.line + 1, format_loc(loc), str(n.value)))

    walk(node, ())
    return found
