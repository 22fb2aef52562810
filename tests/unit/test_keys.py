"""plan.keys: a task's key is derived from its fields. Pinned keys of known tasks (a
change of key is deliberate, with a RENDER_VERSION bump), and every field that goes
into the output changes the key; label, work and where files are read do not."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from screening_kit.cache import RENDER_VERSION
from screening_kit.photos import Canvas
from screening_kit.plan import PackageItem, SlideClip, SourceReading, Task
from screening_kit.plan.keys import key_parts, task_key
from screening_kit.profiles import OutputFormat, Profile

from .samples import tasks

PINNED = {
    "conform": "160e74be180d51513e643f29d7bde75d55515d9b",
    "chunk": "f7c1b2c8daa8d728d2954f1977c38e0122fcb935",
    "card": "2e4296c412b39439d6f2e99f09a95716ef99ca3a",
    "slideshow": "a4a3ba9c61ca9571113ba10949a1c5cd5cd38978",
    "photo": "144ffcea386c7c7b276967ece56373fe0f7e95b4",
    "audio": "0a6211024a8151edf44757153a055b6c467a8990",
    "join": "4424fa60d6f8852db5080f97bfe03ac4d74ee93b",
    "soundtrack": "4b7b81627f57f688a0c2450fecf115bd7c612896",
    "mux": "cad2357aec29fd80011dde443f1f6b8a4d202bc8",
    "loop": "8c753d1136f86dd3df05623f9e07cd15ba9f226a",
    "play-all": "247b28e60f7eefaf41432a4e52e50fbf079f7fe9",
    "split": "4bf5dd371171f345ee0d7ab56009735b01db319d",
}


def test_pinned_keys() -> None:
    """If this fails, the keys of every cached render changed: bump RENDER_VERSION
    (cache.py) on purpose and pin the new keys, or undo the change."""
    assert RENDER_VERSION == 3
    assert {name: task_key(t, "7.1") for name, t in tasks().items()} == PINNED


def _changed(value: Any) -> Any:
    """A value of the same type that differs."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float | Fraction):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, Profile):
        # one change in each part a task may key: video, audio, container
        box = "mov" if value.container == "mp4" else "mp4"
        return value.model_copy(
            update={"crf": value.crf + 1, "audio_rate": 44100, "container": box}
        )
    if isinstance(value, SourceReading):
        return dataclasses.replace(value, deinterlace="tff")
    if isinstance(value, OutputFormat | Canvas):
        return dataclasses.replace(value, width=value.width + 2)
    if isinstance(value, tuple) and value and isinstance(value[0], SlideClip | PackageItem):
        return value[:-1]
    if isinstance(value, tuple):
        return (_changed(value[0]), *value[1:]) if value else ("d" * 40,)
    if value is None:
        return "something"
    raise AssertionError(f"no change for {value!r}")


KEYED = [
    (name, f.name)
    for name, task in tasks().items()
    for f in dataclasses.fields(task)
    if f.name in key_parts(task)
]


@pytest.mark.parametrize(("name", "field"), KEYED)
def test_every_keyed_field_changes_the_key(name: str, field: str) -> None:
    task = tasks()[name]
    other = dataclasses.replace(task, **{field: _changed(getattr(task, field))})  # type: ignore[arg-type]
    assert task_key(other, "7.1") != task_key(task, "7.1")


@pytest.mark.parametrize("name", sorted(PINNED))
def test_label_work_and_paths_do_not(name: str) -> None:
    task: Task = tasks()[name]
    kept = {"label": "another label", "work": 999}
    for f in dataclasses.fields(task):
        if f.metadata.get("key") is False and isinstance(getattr(task, f.name), Path):
            kept[f.name] = Path("/elsewhere/same-content")  # type: ignore[assignment]
    assert task_key(dataclasses.replace(task, **kept), "7.1") == task_key(task, "7.1")  # type: ignore[arg-type]
    assert task_key(task, "7.2") != task_key(task, "7.1")  # the ffmpeg version counts


def test_a_video_piece_keys_only_the_profiles_video_settings() -> None:
    chunk = tasks()["chunk"]
    louder = chunk.profile.model_copy(update={"audio_bitrate_kbps": 256, "name": "other"})  # type: ignore[attr-defined]
    assert task_key(dataclasses.replace(chunk, profile=louder), "7.1") == task_key(chunk, "7.1")
