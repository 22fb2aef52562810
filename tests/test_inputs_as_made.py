"""Inputs as the world makes them (issue 17, 18-19): ceremony.yaml in every encoding
YAML allows, and plain words where a new user went wrong."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError, InputError
from screening_kit.qc import check_workspace
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


# ------------------------------------------------------------ messages (19)


def test_photo_folder_typo_gets_did_you_mean(tmp_path: Path) -> None:
    show = "slideshows:\n  - {id: show, title: Show, photos: films/fotos}\n"
    root = workspace(tmp_path, CEREMONY + show, "items:\n  - slideshow: show\n")
    (root / "films" / "photos").mkdir()
    gap = [g for g in load_workspace(root, require_inputs=False).gaps if g.rule == "missing-photos"]
    assert gap[0].message == "photo folder not found: films/fotos: did you mean films/photos?"
    with pytest.raises(ConfigError, match="did you mean films/photos"):
        load_workspace(root)


@pytest.mark.parametrize("name", ["hindi.srt", "Hindi.srt", "hin.srt", "hi_IN.srt"])
def test_subtitle_named_by_language_name_is_pointed_out(tmp_path: Path, name: str) -> None:
    root = workspace(tmp_path, CEREMONY.replace("language: ru", "language: hi"))
    (root / "subtitles" / "documentary").mkdir(parents=True)
    (root / "subtitles" / "documentary" / "english.srt").write_text("x", "utf-8")
    folder = root / "subtitles" / "documentary"
    (folder / name).write_text("1\n00:00:01,000 --> 00:00:02,000\nनमस्ते\n", "utf-8")
    report = check_workspace(root, shots=False)
    missing = [f for f in report.findings if f.rule == "missing-subtitles"]
    assert [f.language for f in missing] == ["en", "hi"]
    assert "rename it to en.srt" in missing[0].message
    missing = missing[1:]
    assert f"there is {name}: subtitle files are named by language tag, rename it to hi.srt" in (
        missing[0].message
    )
    (folder / "english.srt").rename(folder / "en.srt")
    with pytest.raises(InputError) as e:  # build: the same advice as its hint
        load_workspace(root)
    assert e.value.hint is not None and "rename it to hi.srt" in e.value.hint


def test_card_with_four_lines_is_named_in_our_words(tmp_path: Path) -> None:
    cards = CEREMONY.replace(
        "source: films/doc.mp4", "source: films/doc.mp4\n    opening_cards:\n      - {id: title}"
    )
    root = workspace(tmp_path, cards)
    folder = root / "subtitles" / "documentary"
    folder.mkdir(parents=True)
    (folder / "cards.en.yaml").write_text("# welcome\ntitle: [One, Two, Three, Four]\n", "utf-8")
    gaps = [g for g in load_workspace(root, require_inputs=False).gaps if g.rule == "cards"]
    assert [(g.path.name, g.line) for g in gaps] == [("cards.en.yaml", 2)]
    assert gaps[0].message == (
        "card 'title' has 4 lines: a card holds 1 to 3 (title, subtitle, date or venue)"
    )
    (folder / "cards.en.yaml").write_text("title: [One, 2]\n", "utf-8")
    gaps = [g for g in load_workspace(root, require_inputs=False).gaps if g.rule == "cards"]
    assert gaps[0].message.startswith("card 'title': lines[1]: "), gaps[0].message


def test_colon_in_a_title_is_explained_with_the_fix(tmp_path: Path) -> None:
    root = workspace(
        tmp_path, CEREMONY.replace("    title: Documentary", "    title: Graduation 2025: the film")
    )
    with pytest.raises(ConfigError) as e:
        load_workspace(root, require_inputs=False)
    err = e.value
    assert err.line == 7 and "mapping values" not in str(err)
    assert "colon followed by a space inside a value" in err.message
    assert err.hint == 'put the value in quotes: title: "Graduation 2025: the film"'


def test_the_file_given_for_the_workspace_and_no_workspace(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    result = CliRunner().invoke(main, ["check", str(root / "ceremony.yaml")])
    assert result.exit_code == 2
    assert "give the workspace folder, not the file" in result.output
    assert f"the folder that holds it: {root}" in result.output
    for where in (tmp_path / "films", tmp_path / "nowhere"):  # no ceremony.yaml; no folder
        result = CliRunner().invoke(main, ["check", str(where)])
        assert result.exit_code == 2
        assert "screening-kit init DIR" in result.output, result.output
        assert "screening-kit demo DIR" in result.output
