"""The workspace reference and JSON Schema come from the models; the docs never drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.config import Ceremony
from screening_kit.reference import reference_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "workspace.md"


def test_docs_workspace_md_matches_the_models() -> None:
    assert DOCS.read_text("utf-8") == reference_markdown(), (
        "docs/workspace.md differs from the models: run "
        "`screening-kit schema --docs > docs/workspace.md`"
    )


def test_reference_names_every_key_of_every_model() -> None:
    text = reference_markdown()

    def keys(model: type) -> set[str]:
        found = set(model.model_fields)  # type: ignore[attr-defined]
        for f in model.model_fields.values():  # type: ignore[attr-defined]
            for sub in getattr(f.annotation, "__args__", (f.annotation,)):
                if hasattr(sub, "model_fields"):
                    found |= keys(sub)
        return found

    for key in keys(Ceremony):
        assert f"| `{key}` |" in text, key


def test_schema_command_prints_a_schema_that_checks_the_demo(tmp_path: Path) -> None:
    import jsonschema

    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    from screening_kit.demo import CEREMONY_YAML

    demo = yaml.safe_load(CEREMONY_YAML.format(countries="  GB: {name: UK, language: en}\n"))
    demo = json.loads(json.dumps(demo, default=str))  # YAML 1.2 editors read dates as text
    jsonschema.validate(demo, schema)
    demo["countires"] = demo.pop("countries")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(demo, schema)


def test_demo_ceremony_points_to_its_schema() -> None:
    from screening_kit.demo import CEREMONY_YAML

    assert CEREMONY_YAML.splitlines()[0] == "# yaml-language-server: $schema=ceremony.schema.json"
