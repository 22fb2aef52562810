"""Point 6 (and the long ids of point 12): every name that becomes part of a path is
checked at load; nothing is read or written outside the workspace's folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError

from ._helpers import assert_error, cli, edit_config, snapshot, workspace, written_outside


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return workspace(tmp_path / "ws", make_video("film.mp4", seconds=1))


def _language(cfg: dict[str, Any], tag: str) -> None:
    cfg["languages"] = {tag: {"script": "latin"}}
    cfg["countries"]["GB"]["language"] = tag


def test_language_key_with_dotdot_is_refused_before_anything_is_read(
    ws: Path, tmp_path: Path
) -> None:
    # the subtitle template would read ../../outside/en.srt; proof would write there
    (tmp_path / "outside").mkdir()
    edit_config(ws, lambda c: _language(c, "../../outside/x"))
    before = snapshot(tmp_path)
    for command in ("build", "proof", "check"):
        result = cli(command, str(ws))
        assert_error(result, 2, "ceremony.yaml:", "languages: '../../outside/x'", "language tag")
    assert written_outside(before, tmp_path, ws) == []


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (lambda c: c["countries"].update({"X" * 300: c["countries"].pop("GB")}),
         ["countries: country code 'XXXX", "1 to 64 letters"]),
        (lambda c: c["countries"].update({"../GB": c["countries"].pop("GB")}),
         ["countries: country code '../GB'"]),
        (lambda c: c["films"][0].update(id="f" * 300), ["films[0].id", "1 to 64 letters"]),
        (lambda c: c["films"][0].update(id="../film"), ["films[0].id", "'../film'"]),
        (lambda c: _language(c, "e" * 300), ["language tag has at most 35"]),
        (lambda c: c["countries"]["GB"].update(language="en/../../x"),
         ["countries.GB.language", "2-3 letters"]),
        (lambda c: c["profiles"].update({"../p": {}}), ["profiles: profile name '../p'"]),
    ],
)  # fmt: skip
def test_bad_identifiers_are_config_errors_naming_the_key(
    ws: Path, change: Callable[[dict[str, Any]], None], needles: list[str]
) -> None:
    edit_config(ws, change)
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml:", *needles)


def test_card_ids_are_checked(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    from ..conftest import write_workspace

    ws = write_workspace(
        tmp_path / "ws", make_video("film.mp4", seconds=1), cues={"en": "x"}, cards={"en": ["T"]}
    )
    edit_config(ws, lambda c: c["films"][0]["opening_cards"][0].update(id="a/b"))
    with pytest.raises(ConfigError, match=r"films\[0\]\.opening_cards\[0\]\.id: .*'a/b'"):
        load_workspace(ws)


def test_language_tags_of_the_usual_shapes_load(ws: Path) -> None:
    for tag in ("pt-BR", "zh-Hant-TW", "sr-Latn", "es-419", "yue"):
        edit_config(ws, lambda c, t=tag: _language(c, t))
        (ws / "subtitles" / "film" / f"{tag}.srt").write_text("", "utf-8")
        assert tag in load_workspace(ws).languages


def test_subtitle_template_cannot_be_left_by_a_substituted_name(ws: Path) -> None:
    # the fixed part of the template is the user's choice; the names put in stay under it
    ws_obj = load_workspace(ws)
    film = ws_obj.ceremony.films[0]
    assert ws_obj.subtitle_path(film, "en") == ws / "subtitles" / "film" / "en.srt"
    from screening_kit.errors import UnsafePathError

    with pytest.raises(UnsafePathError):
        ws_obj.subtitle_path(film, "../../../etc/passwd")
