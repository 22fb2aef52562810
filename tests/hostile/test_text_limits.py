"""Point 14: every text field of the config has a length limit; a longer text is a
clear error naming the file, line and key, before anything is built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import write_workspace
from ._helpers import assert_error, cli, edit_config, workspace

HUGE = "A" * 100_000  # well past any limit, under the YAML file size limit


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return workspace(tmp_path / "ws", make_video("film.mp4", seconds=1))


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda c: c.update(title=HUGE), "title"),
        (lambda c: c["films"][0].update(title=HUGE), "films[0].title"),
        (lambda c: c["countries"]["GB"].update(name=HUGE), "countries.GB.name"),
        (lambda c: c.update(languages={"en": {"name": HUGE}}), "languages.en.name"),
        (lambda c: c.update(languages={"en": {"font": HUGE}}), "languages.en.font"),
    ],
)
def test_long_config_text_is_refused_naming_the_key(
    ws: Path, change: Callable[[dict[str, Any]], None], key: str
) -> None:
    edit_config(ws, change)
    result = cli("build", str(ws))
    assert_error(result, 2, "ceremony.yaml:", f"{key}: String should have at most")
    assert len(result.output) < 1000  # the text itself is not echoed back
    assert not (ws / "dist").exists()


def test_long_playlist_title_names_the_playlist(ws: Path) -> None:
    (ws / "playlists" / "ceremony.yaml").write_text(
        yaml.safe_dump({"title": "T" * 1000, "items": [{"film": "film"}]}), "utf-8"
    )
    assert_error(cli("build", str(ws)), 2, "playlists/ceremony.yaml:3", "title: String should")


def test_long_card_line_names_the_card_file(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    ws = write_workspace(
        tmp_path / "ws",
        make_video("film.mp4", seconds=1),
        cues={"en": "1\n00:00:00,200 --> 00:00:00,900\nHi\n\n"},
        cards={"en": ["Title", "x" * 10_000]},
    )
    assert_error(cli("build", str(ws)), 2, "cards.en.yaml", "lines[1]: String should have at most")


def test_long_caption_names_the_captions_file(tmp_path: Path) -> None:
    from PIL import Image

    from screening_kit.captions import load_photo_notes
    from screening_kit.errors import ConfigError

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (8, 8)).save(folder / "a.jpg")
    path = folder / "captions.yaml"
    path.write_text(yaml.safe_dump({"a.jpg": {"en": "c" * 5000}}), "utf-8")
    with pytest.raises(ConfigError, match=r"captions\.yaml:1: a\.jpg \[en\]: a caption has"):
        load_photo_notes(path, {"a.jpg"})
    csv = folder / "captions.csv"
    csv.write_text("photo,en\na.jpg," + "c" * 5000 + "\n", "utf-8")
    with pytest.raises(ConfigError, match=r"captions\.csv:2: a\.jpg \[en\]: a caption has"):
        load_photo_notes(csv, {"a.jpg"})
