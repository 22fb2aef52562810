"""The workspace reference, generated from the models (one source of truth): the JSON
Schema editors use for completion and checking, and ``docs/workspace.md``."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .config import CardText, Ceremony, Playlist

SCHEMA_FILE = "ceremony.schema.json"
PLAYLIST_SCHEMA_FILE = "playlist.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_line(schema_path: str) -> str:
    """First line of a YAML file that points a YAML language server at its schema."""
    return f"# yaml-language-server: $schema={schema_path}"


def json_schema(model: type[BaseModel] = Ceremony) -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": DRAFT, **model.model_json_schema()}
    if model is Ceremony:
        out["title"] = "screening-kit ceremony.yaml"
    elif model is Playlist:
        out["title"] = "screening-kit running order (playlists/*.yaml)"
    return out


def schema_text(model: type[BaseModel] = Ceremony) -> str:
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- markdown


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(s: dict[str, Any]) -> str:
    if "$ref" in s:
        return f"[{_ref_name(s['$ref'])}](#{_ref_name(s['$ref']).lower()})"
    if "anyOf" in s:
        parts = [_type(a) for a in s["anyOf"] if a.get("type") != "null"]
        nullable = any(a.get("type") == "null" for a in s["anyOf"])
        return " or ".join(parts) + (" or null" if nullable else "")
    if "enum" in s or "const" in s:
        return "text"
    t = s.get("type")
    if t == "array":
        return f"list of {_type(s.get('items', {}))}"
    if t == "object":
        return f"mapping of name to {_type(s.get('additionalProperties', {}))}"
    names = {"string": "text", "number": "number", "integer": "whole number", "boolean": "yes/no"}
    if s.get("format") == "date":
        return "date"
    if s.get("format") == "path":
        return "path"
    return names.get(str(t), str(t))


def _allowed(s: dict[str, Any]) -> str:
    for alt in s.get("anyOf", []):
        if alt.get("type") != "null":
            s = {**alt, **{k: v for k, v in s.items() if k != "anyOf"}}
    if "enum" in s:
        return ", ".join(f"`{v}`" for v in s["enum"])
    bits = []
    for key, sign in (
        ("minimum", ">="),
        ("exclusiveMinimum", ">"),
        ("maximum", "<="),
        ("exclusiveMaximum", "<"),
        ("minItems", "items >="),
        ("maxItems", "items <="),
    ):
        if key in s:
            bits.append(f"{sign} {s[key]}")
    if "pattern" in s:
        bits.append(f"`{s['pattern']}`")
    return ", ".join(bits)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(s: dict[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" not in s:
        return ""
    return f"`{json.dumps(s['default'], ensure_ascii=False)}`"


def _example(s: dict[str, Any]) -> str:
    examples = s.get("examples")
    if not examples:
        return ""
    return f"`{json.dumps(examples[0], ensure_ascii=False)}`"


def _section(name: str, s: dict[str, Any], heading: str) -> list[str]:
    out = [f"{heading} {name}", ""]
    if s.get("description"):
        out += [s["description"], ""]
    out += [
        "| key | type | default | allowed | example | what |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    required = set(s.get("required", []))
    for key, prop in s.get("properties", {}).items():
        cells = (
            f"`{key}`",
            _type(prop),
            _default(prop, key in required),
            _allowed(prop),
            _example(prop),
            prop.get("description", ""),
        )
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return [*out, ""]


HEADER = """\
# Workspace reference

Generated from the models by `screening-kit schema --docs`; do not edit by hand
(a test fails when this file and the models differ).

A workspace is a folder holding `ceremony.yaml`, the running order
(`playlists/ceremony.yaml`), the films, photo folders and `subtitles/`.
`screening-kit init DIR` writes a commented starting point; `screening-kit demo DIR`
a complete example. Unknown keys are refused, with the closest known key
suggested.

Editors with a YAML language server (VS Code's YAML extension, for one) complete
and check `ceremony.yaml` from its JSON Schema: `screening-kit schema >
ceremony.schema.json` writes it, and the file's first line points to it:

```yaml
# yaml-language-server: $schema=ceremony.schema.json
```

Title-card texts (`subtitles/<film>/cards.<lang>.yaml`) map a card id to its
lines (one text, or a list of up to three: title, subtitle, date or venue):

```yaml
title: [Independence Day, A documentary film, 24 November 2026]
closing: Thank you
```
"""


def reference_markdown() -> str:
    """docs/workspace.md: every key of every file, with type, default, allowed values,
    an example and what it does."""
    out = [HEADER]
    for title, model in (
        ("ceremony.yaml", Ceremony),
        ("Running order: playlists/*.yaml", Playlist),
    ):
        schema = model.model_json_schema()
        out.append(f"## {title}\n")
        out += _section(str(schema["title"]), schema, "###")
        for name, sub in schema.get("$defs", {}).items():
            if name == schema["title"] or (model is Playlist and name == "Ceremony"):
                continue
            if model is Playlist or name != "PlaylistItem":
                out += _section(name, sub, "###")
    card = CardText.model_json_schema()
    out.append("## Title-card texts\n")
    out += _section("CardText", card, "###")
    return "\n".join(out).rstrip() + "\n"
