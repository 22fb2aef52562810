"""Validation messages show every problem with its line, suggest the key or value meant,
list the allowed keys, and write locations one way (``items[1].video``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError

CEREMONY = """\
title: Test
countries:
  GB: {name: United Kingdom, language: en}
  KZ: {name: Kazakhstan, language: ru}
films:
  - id: documentary
    title: Documentary
    source: films/doc.mp4
"""


def workspace(tmp_path: Path, ceremony: str = CEREMONY, playlist: str | None = None) -> Path:
    """Enough of a workspace for loading: no media is decoded."""
    (tmp_path / "films").mkdir()
    (tmp_path / "films" / "doc.mp4").write_bytes(b"")
    (tmp_path / "playlists").mkdir()
    (tmp_path / "playlists" / "ceremony.yaml").write_text(
        playlist or "items:\n  - film: documentary\n", "utf-8"
    )
    (tmp_path / "ceremony.yaml").write_text(ceremony, "utf-8")
    return tmp_path


def load_error(root: Path, *, require_inputs: bool = False) -> str:
    with pytest.raises(ConfigError) as e:
        load_workspace(root, require_inputs=require_inputs)
    return str(e.value)


def test_misspelt_key_is_shown_with_its_line_and_the_key_meant(tmp_path: Path) -> None:
    text = CEREMONY.replace(
        "KZ: {name: Kazakhstan, language: ru}", "KZ:\n    name: Kazakhstan\n    langauge: ru"
    )
    text += "countires:\n  FR: {name: France, language: fr}\n"
    msg = load_error(workspace(tmp_path, text))
    lines = msg.splitlines()
    # both problems, each with its own line; the "missing language" folds into the typo
    assert lines[0].endswith(
        "ceremony.yaml:6: countries.KZ.langauge: unknown key 'langauge': did you mean "
        "'language'? ('language' is required) "
        "(allowed keys: name, languages, language, layout, profile, playlist, subtitle_style, "
        "starts_at, timezone, staff_language)"
    ), msg
    assert (
        "ceremony.yaml:11: countires: unknown key 'countires': did you mean 'countries'?"
        in lines[1]
    )
    assert "more)" not in msg and "Field required" not in msg


def test_country_code_written_as_language_suggests_the_language(tmp_path: Path) -> None:
    msg = load_error(workspace(tmp_path, CEREMONY.replace("language: ru", "language: kz")))
    assert (
        "ceremony.yaml:4: countries.KZ.language: unknown language 'kz': did you mean 'kk'?" in msg
    )


def test_every_cross_check_problem_in_one_message(tmp_path: Path) -> None:
    text = CEREMONY.replace("language: en", "language: englsh").replace(
        "films/doc.mp4", "films/x.mp4"
    )
    text += "profile: tv-usb-1080\n"
    msg = load_error(workspace(tmp_path, text), require_inputs=True)
    # not even the shape of a language tag: said so, with the language meant
    line = next(ln for ln in msg.splitlines() if "countries.GB.language" in ln)
    assert line.endswith(
        "ceremony.yaml:3: countries.GB.language: 'englsh': a language tag is 2-3 letters, "
        "optionally followed by -subtags (e.g. en, pt-BR): did you mean 'en'?"
    ), line
    assert "ceremony.yaml:8: films[0].source: film file not found: films/x.mp4" in msg
    assert "profile: unknown profile 'tv-usb-1080': did you mean 'tv-usb-1080p'?" in msg


def test_playlist_item_with_an_unknown_key_lists_the_allowed_keys(tmp_path: Path) -> None:
    root = workspace(
        tmp_path, playlist="items:\n  - film: documentary\n  - video: memorial\n  - {film: docu}\n"
    )
    msg = load_error(root)
    assert (
        "ceremony.yaml:3: items[1].video: unknown key 'video' "
        "(allowed keys: film, slideshow, repeat, until_start)" in msg
    )


def test_playlist_unknown_film_suggests_the_closest(tmp_path: Path) -> None:
    root = workspace(tmp_path, playlist="items:\n  - film: documentary\n  - film: documentry\n")
    msg = load_error(root)
    assert (
        "ceremony.yaml:3: items[1].film: unknown film 'documentry': did you mean 'documentary'?"
        in msg
    )


def test_literal_value_suggests_the_closest_allowed(tmp_path: Path) -> None:
    text = CEREMONY + "slideshows:\n  - {id: p, title: P, photos: films, motion: kenbruns}\n"
    msg = load_error(workspace(tmp_path, text))
    assert "ceremony.yaml:10: slideshows[0].motion: 'kenbruns' is not one of kenburns, none," in msg
    assert "did you mean 'kenburns'?" in msg


def test_cli_prints_every_problem_and_exits_2(tmp_path: Path) -> None:
    text = CEREMONY.replace("language: en", "langauge: en").replace("language: ru", "language: kz")
    result = CliRunner().invoke(main, ["check", str(workspace(tmp_path, text))])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "countries.GB.langauge: unknown key" in result.output
    # pydantic problems come first; the cross-checks need a valid model
    assert result.output.count("ceremony.yaml:") == 1


def test_union_value_is_one_problem_with_the_allowed_values(tmp_path: Path) -> None:
    msg = load_error(workspace(tmp_path, CEREMONY + "subtitle_style: {size: lage}\n"))
    assert msg.splitlines()[0].endswith(
        "ceremony.yaml:9: subtitle_style.size: 'lage' is not one of small, normal, large "
        "(or a number): did you mean 'large'?"
    ), msg
    assert len(msg.splitlines()) == 1
