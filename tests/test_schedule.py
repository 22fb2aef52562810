"""``starts_at`` and ``timezone`` (per ceremony or country), ``until_start`` in the
playlist: checked at load, shown on the run sheet as clock times at the venue, in
PLAY.html as an instant, in dist/index.html in the venue's zone and the build
machine's; the package's bytes do not depend on the build machine's zone."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening_kit.config import load_workspace
from screening_kit.errors import ConfigError
from tests._mission import build_anyway
from tests.conftest import write_workspace


@pytest.fixture
def workspace(tmp_path: Path, make_video: Any) -> Path:
    film = make_video("film.mp4", seconds=1)
    root = write_workspace(
        tmp_path / "ws",
        film,
        cues={"ru": "1\n00:00:00,100 --> 00:00:00,900\nПривет\n"},
        countries={"KZ": "ru", "JP": "ru"},
    )
    return root


def edit(
    root: Path, ceremony: dict[str, Any], playlist: list[dict[str, Any]] | None = None
) -> None:
    path = root / "ceremony.yaml"
    cfg = yaml.safe_load(path.read_text("utf-8"))
    for key, value in ceremony.items():
        if key in cfg["countries"]:
            cfg["countries"][key].update(value)
        else:
            cfg[key] = value
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    if playlist is not None:
        (root / "playlists" / "ceremony.yaml").write_text(
            yaml.safe_dump({"items": playlist}), "utf-8"
        )


def load_error(root: Path) -> str:
    with pytest.raises(ConfigError) as e:
        load_workspace(root)
    return str(e.value)


def test_starts_at_needs_every_country_s_time_zone(workspace: Path) -> None:
    edit(workspace, {"starts_at": "2027-02-26T18:00", "KZ": {"timezone": "Asia/Almaty"}})
    msg = load_error(workspace)
    assert "countries.JP" in msg and "needs the venue's time zone" in msg
    assert "countries.KZ" not in msg
    edit(workspace, {"timezone": "Asia/Tokyo"})
    ws = load_workspace(workspace)
    kz, jp = ws.venue_for("KZ"), ws.venue_for("JP")
    assert (kz.timezone, jp.timezone) == ("Asia/Almaty", "Asia/Tokyo")
    assert kz.starts_at is not None and jp.starts_at is not None
    # the same wall-clock time in two zones: two instants, 4 hours apart
    assert kz.starts_at - jp.starts_at == dt.timedelta(hours=4)
    assert (kz.staff_language, jp.staff_language) == ("en", "en")


def test_bad_zone_offset_and_loops_are_refused(workspace: Path) -> None:
    edit(workspace, {"starts_at": "2027-02-26T18:00", "timezone": "Asia/Tokio"})
    assert "unknown time zone 'Asia/Tokio'" in load_error(workspace)
    assert "did you mean Asia/Tokyo?" in load_error(workspace)
    edit(workspace, {"starts_at": "2027-02-26T18:00+09:00", "timezone": "Asia/Tokyo"})
    assert "without an offset" in load_error(workspace)
    edit(workspace, {"starts_at": None}, [{"film": "film", "until_start": True}, {"film": "film"}])
    assert "no `starts_at` is set" in load_error(workspace)
    edit(
        workspace,
        {"starts_at": "2027-02-26T18:00"},
        [{"film": "film", "until_start": True}, {"film": "film", "until_start": True}],
    )
    assert "only one item can loop until the start" in load_error(workspace)


@pytest.fixture
def local_zone() -> Iterator[Any]:
    """Set the build machine's zone (TZ) for a while."""
    old = os.environ.get("TZ")

    def use(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield use
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_a_scheduled_package_in_the_staff_language(
    workspace: Path, tmp_path: Path, local_zone: Any
) -> None:
    edit(
        workspace,
        {
            "starts_at": "2027-02-26T18:00",
            "timezone": "Asia/Tokyo",
            "KZ": {"timezone": "Asia/Almaty", "staff_language": "ru"},
        },
        [{"film": "film", "until_start": True, "repeat": 2}, {"film": "film"}],
    )
    local_zone("America/New_York")
    first = build_anyway(workspace, out_dir=tmp_path / "dist-ny").out_dir
    local_zone("Australia/Sydney")
    second = build_anyway(workspace, out_dir=tmp_path / "dist-syd").out_dir
    for code in ("KZ", "JP"):
        a, b = first / code, second / code
        assert sorted(p.name for p in a.iterdir()) == sorted(p.name for p in b.iterdir())
        for p in a.iterdir():
            assert p.read_bytes() == (b / p.name).read_bytes(), (code, p.name)
    kz = first / "KZ"
    doc = json.loads((kz / "package.json").read_text("utf-8"))
    assert doc["starts_at"] == "2027-02-26T18:00:00+05:00"
    assert (doc["timezone"], doc["staff_language"]) == ("Asia/Almaty", "ru")
    sheet = (kz / "RUNSHEET.html").read_text("utf-8")
    assert sheet.startswith('<!DOCTYPE html>\n<html lang="ru" dir="ltr">')
    assert "до 18:00" in sheet and "начало в 18:00" in sheet and "Asia/Almaty" in sheet
    assert "повторяется до времени начала только в PLAY.html" in sheet
    play = (kz / "PLAY.html").read_text("utf-8")
    data = json.loads(play.split('id="data">', 1)[1].split("</script>", 1)[0])
    assert data["start_ms"] == 1803646800000  # 2027-02-26 13:00 UTC
    assert [i["until_start"] for i in data["items"]] == [True, False]
    assert "Старт" in play
    # the index: the venue's clock and the build machine's (the machine's zone: here only)
    ny = (first / "index.html").read_text("utf-8")
    syd = (second / "index.html").read_text("utf-8")
    assert "starts 2027-02-26 18:00 Asia/Almaty (08:00 EST here)" in ny
    assert "starts 2027-02-26 18:00 Asia/Tokyo (04:00 EST here)" in ny
    assert "starts 2027-02-26 18:00 Asia/Tokyo (20:00 AEDT here)" in syd
