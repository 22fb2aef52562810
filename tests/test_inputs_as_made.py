"""Inputs as the world makes them (issue 17, 18-19): ceremony.yaml in every encoding
YAML allows, and plain words where a new user went wrong."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError
from tests.test_config_messages import CEREMONY, workspace

ACCENTED = CEREMONY.replace("title: Test", "title: Cérémonie des Césars, Zürich")


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-16-le", b""),  # YAML tells these by the zero bytes of the first character
        ("utf-32-be", b""),
    ],
)
def test_ceremony_in_utf16_and_utf32_is_read(tmp_path: Path, codec: str, bom: bytes) -> None:
    root = workspace(tmp_path)
    (root / "ceremony.yaml").write_bytes(bom + ACCENTED.encode(codec))
    ws = load_workspace(root, require_inputs=False)
    assert ws.ceremony.title == "Cérémonie des Césars, Zürich"
    assert list(ws.ceremony.countries) == ["GB", "KZ"]


def test_cp1252_ceremony_names_the_line_and_the_encoding(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    text = CEREMONY.replace("name: Kazakhstan", "name: Kazakhstan — Café")
    (root / "ceremony.yaml").write_bytes(text.encode("cp1252"))
    with pytest.raises(ConfigError) as e:
        load_workspace(root, require_inputs=False)
    err = e.value
    assert err.line == 4  # the first byte that is not UTF-8 (the dash) is on line 4
    assert "not UTF-8" in err.message and "Windows-1252" in err.message, err.message
    assert "ceremony.yaml:4" in str(err)
    assert err.hint is not None and "iconv -f Windows-1252 -t UTF-8" in err.hint
