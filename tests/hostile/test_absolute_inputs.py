"""Point 7: films, subtitles, photo folders and playlists outside the workspace (an
absolute path, or ../) are legitimate: the build succeeds and package.json names
each input by its absolute path with its hash."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from ._helpers import cli, edit_config, snapshot, workspace, written_outside


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_inputs_outside_the_workspace_build_and_are_recorded(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    media = tmp_path / "media"  # a mounted drive, next to the workspace
    media.mkdir()
    film = make_video("media/master.mp4", seconds=1)
    ws = workspace(tmp_path / "ws", film)
    (ws / "films" / "master.mp4").unlink()
    subs = media / "subs"
    subs.mkdir()
    shutil.move(ws / "subtitles" / "film" / "en.srt", subs / "film.en.srt")
    photos = tmp_path / "photos"
    photos.mkdir()
    for i, colour in enumerate(("red", "blue")):
        Image.new("RGB", (64, 36), colour).save(photos / f"{i}.jpg")
    playlist = media / "order.yaml"
    playlist.write_text(yaml.safe_dump({"items": [{"slideshow": "pics"}, {"film": "film"}]}))

    def change(c: dict[str, Any]) -> None:
        c["films"][0]["source"] = str(film)  # absolute
        c["films"][0]["subtitles"] = str(subs) + "/{film}.{lang}.srt"
        c["slideshows"] = [
            {"id": "pics", "title": "Pictures", "photos": "../photos", "seconds_per_photo": 1,
             "crossfade": 0.2, "motion": "none"}
        ]  # fmt: skip
        c["playlist"] = str(playlist)

    edit_config(ws, change)
    before = snapshot(tmp_path)
    result = cli("build", str(ws))
    assert result.exit_code == 0, result.output
    assert written_outside(before, tmp_path, ws) == []
    doc = json.loads((ws / "dist" / "GB" / "package.json").read_text("utf-8"))
    inputs = {i["path"]: i for i in doc["inputs"]}
    for outside in (film, subs / "film.en.srt", playlist, photos / "0.jpg", photos / "1.jpg"):
        record = inputs[outside.as_posix()]  # absolute, ../ resolved away
        assert record == {
            "path": outside.as_posix(),
            "sha256": _sha(outside),
            "outside_workspace": True,
        }
    # ceremony.yaml is not one package's input (an edit for another country would
    # change every package); what it sets for this one is in profile_settings
    assert "ceremony.yaml" not in inputs
    assert [f["name"] for f in doc["files"]] == ["01_pics.mp4", "02_film.en.mp4"]
