"""Per-photo notes beside a slideshow's photos: a caption per language and the motion.

YAML::

    01_arrival.jpg:
      motion: left            # in | out | left | right | up | down | none
      en: Arrival of the delegations
      ru: Прибытие делегаций

CSV (UTF-8, header row; empty cells mean "no caption")::

    photo,motion,en,ru
    01_arrival.jpg,left,Arrival of the delegations,Прибытие делегаций
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .config import line_of, load_yaml
from .config.models import no_control_problem
from .config.yamlio import closest
from .errors import ConfigError, InputError
from .languages import language_tag_problem

MOTIONS = ("in", "out", "left", "right", "up", "down", "none")
MAX_CAPTION = 500  # characters; a caption is one or two lines under a photo


@dataclass(frozen=True)
class PhotoNote:
    motion: str | None = None
    captions: dict[str, str] = field(default_factory=dict)  # language -> text
    line: int | None = None  # where the photo's entry is in the captions file


class UnknownPhoto(ConfigError):
    """A row names a photo that is not in the folder (renamed or removed)."""


def _note(
    path: Path, line: int | None, photo: str, values: dict[str, object], photos: set[str]
) -> PhotoNote:
    if photo not in photos:
        guess = closest(photo, photos)
        raise UnknownPhoto(
            f"no photo named {photo!r} in this folder"
            + (f": did you mean {guess!r}?" if guess else ""),
            path=path,
            line=line,
            hint=f"photos: {', '.join(sorted(photos))}",
        )
    motion: str | None = None
    captions: dict[str, str] = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        if key == "motion":
            if value not in MOTIONS:
                raise ConfigError(
                    f"{photo}: motion {value!r} is not one of {', '.join(MOTIONS)}",
                    path=path,
                    line=line,
                )
            motion = str(value)
        elif isinstance(key, str) and language_tag_problem(key) is None:
            text = str(value).strip()
            if len(text) > MAX_CAPTION:
                raise ConfigError(
                    f"{photo} [{key}]: a caption has at most {MAX_CAPTION} characters "
                    f"(this one has {len(text):,})",
                    path=path,
                    line=line,
                )
            problem = no_control_problem(text)
            if problem:
                raise ConfigError(f"{photo} [{key}]: {problem}", path=path, line=line)
            captions[key] = text
        else:
            raise ConfigError(
                f"{photo}: unknown key {str(key)[:80]!r}: use `motion` or a language code",
                path=path,
                line=line,
            )
    return PhotoNote(motion, captions, line)


def load_photo_notes(
    path: Path, photos: set[str], unknown: list[UnknownPhoto] | None = None
) -> dict[str, PhotoNote]:
    """Read a captions file (YAML or CSV); errors name the file, line and photo.

    With ``unknown`` given, rows naming a photo that is not in the folder are
    collected there instead of stopping at the first (``check`` lists them all)."""

    def note(line: int | None, photo: str, values: dict[str, object]) -> None:
        try:
            notes[photo] = _note(path, line, photo, values, photos)
        except UnknownPhoto as e:
            if unknown is None:
                raise
            unknown.append(e)

    if not path.is_file():
        raise InputError("captions file not found", path=path)
    notes: dict[str, PhotoNote] = {}
    if path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise ConfigError(f"not UTF-8 text ({e.reason})", path=path) from None
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "photo" not in reader.fieldnames:
            raise ConfigError("the first row must name the columns: photo,motion,en,...", path=path)
        for row in reader:
            if None in row:  # DictReader files cells beyond the header under None
                raise ConfigError("more cells than column names", path=path, line=reader.line_num)
            photo = (row.pop("photo") or "").strip()
            note(reader.line_num, photo, dict(row))
        return notes
    data, node = load_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping of photo file name to captions", path=path, line=1)
    for photo, values in data.items():
        where = line_of(node, (str(photo),))
        if isinstance(values, str):
            raise ConfigError(
                f"{photo}: give captions per language, e.g. `en: {values}`", path=path, line=where
            )
        if not isinstance(values, dict):
            raise ConfigError(f"{photo}: expected language: caption pairs", path=path, line=where)
        note(where, str(photo), values)
    return notes
