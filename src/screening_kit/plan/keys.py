"""A task's content key, derived from its fields (see plan.tasks): the hash of its kind,
the ffmpeg version and every field but ``label``, ``work`` and those marked not keyed,
each as plain JSON data (a field's ``keyed_as`` picks the part that matters)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..cache import content_key

# progress bookkeeping and names for people: not the output
UNKEYED_FIELDS = ("key", "label", "work")


def plain(value: Any) -> Any:
    """``value`` as JSON data, the same for equal values in every process."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Fraction | Path):
        return str(value)
    return value


def key_parts(task: Any) -> dict[str, Any]:
    """What a task's key is the hash of (its kind aside)."""
    parts: dict[str, Any] = {}
    for f in dataclasses.fields(task):
        how = f.metadata.get("key", True)
        if f.name in UNKEYED_FIELDS or how is False:
            continue
        value = getattr(task, f.name)
        parts[f.name] = plain(how(value) if callable(how) else value)
    return parts


def task_key(task: Any, ffmpeg_version: str) -> str:
    return content_key(type(task).__name__, {"ffmpeg": ffmpeg_version, **key_parts(task)})
