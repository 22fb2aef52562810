"""Playlists and the play-all file: what a VLC laptop and a TV's USB player get.

The XSPF is checked by a strict validator written from the XSPF 1 specification
(element names, order, cardinality, value types, the VLC extension); the M3U8 line
by line. Both are checked on unit inputs with hostile titles and on a real build.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import av
import pytest

from screening_kit.package import oversize_warnings
from screening_kit.package.playall import stream_params
from screening_kit.package.playlists import VLC_APP, Entry, m3u8, xspf
from screening_kit.render.commands import concat_list

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]

X = "{http://xspf.org/ns/0/}"
V = "{http://www.videolan.org/vlc/playlist/ns/0/}"
# XSPF 1: playlist children, each at most once except link/meta/extension
PLAYLIST_CHILDREN = [
    "title", "creator", "annotation", "info", "location", "identifier", "image", "date",
    "license", "attribution", "link", "meta", "extension", "trackList",
]  # fmt: skip
TRACK_CHILDREN = [
    "location", "identifier", "title", "creator", "annotation", "info", "image", "album",
    "trackNum", "duration", "link", "meta", "extension",
]  # fmt: skip
REPEATABLE = {"location", "identifier", "link", "meta", "extension"}
URI = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def validate_xspf(text: str) -> list[ET.Element]:
    """Raise AssertionError on anything the XSPF 1 spec (or VLC's extension) forbids;
    return the tracks."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{X}playlist"
    assert root.get("version") == "1"
    assert set(root.attrib) <= {"version"}

    def check_children(el: ET.Element, allowed: list[str]) -> None:
        names = [c.tag.removeprefix(X) for c in el]
        for c in el:
            assert c.tag.startswith(X), f"foreign element {c.tag} in {el.tag}"
        assert all(n in allowed for n in names), names
        positions = [allowed.index(n) for n in names]
        assert positions == sorted(positions), f"wrong order: {names}"
        for n in set(names):
            assert n in REPEATABLE or names.count(n) == 1, f"{n} repeated"

    check_children(root, PLAYLIST_CHILDREN)
    lists = root.findall(f"{X}trackList")
    assert len(lists) == 1
    tracks = list(lists[0])
    ids = []
    for t in tracks:
        assert t.tag == f"{X}track"
        check_children(t, TRACK_CHILDREN)
        for loc in t.findall(f"{X}location"):
            assert loc.text and URI.match(loc.text), loc.text
        dur = t.find(f"{X}duration")
        if dur is not None:
            assert dur.text and dur.text.isdigit()  # xsd:nonNegativeInteger, milliseconds
        for title in t.findall(f"{X}title"):
            assert title.text is not None and "\n" not in title.text
        for ext in t.findall(f"{X}extension"):
            assert ext.get("application"), "extension without application URI"
            if ext.get("application") == VLC_APP:
                for child in ext:
                    assert child.tag in (f"{V}id", f"{V}option"), child.tag
                    if child.tag == f"{V}id":
                        assert child.text and child.text.isdigit()
                        ids.append(int(child.text))
                    else:
                        # VLC takes only "safe" options from a playlist file
                        assert re.fullmatch(
                            r"(input-repeat|start-time|stop-time)=\d+(\.\d+)?", child.text or ""
                        ), child.text
    assert len(ids) == len(set(ids))
    return tracks


def parse_m3u8(text: str) -> list[tuple[float, str, int, str]]:
    """(duration, title, plays, file) per item, a run of one file's entries being its
    plays; raise on any line out of place. Repeats are entries of their own: a
    VLC-only option (#EXTVLCOPT) is refused, mpv and TV players ignore it."""
    lines = text.split("\n")
    assert lines[-1] == "", "must end with a newline"
    lines = lines[:-1]
    assert lines[0] == "#EXTM3U"
    entries = []
    pending: tuple[float, str] | None = None
    for line in lines[1:]:
        assert line == line.strip() and "\r" not in line
        if line.startswith("#PLAYLIST:"):
            assert not entries and pending is None
        elif m := re.fullmatch(r"#EXTINF:(\d+(?:\.\d+)?),(.*)", line):
            assert pending is None, "two #EXTINF for one file"
            pending = (float(m.group(1)), m.group(2))
        elif line.startswith("#"):
            raise AssertionError(f"unexpected directive {line!r}")
        else:
            assert pending is not None, f"file line without #EXTINF: {line!r}"
            m = re.fullmatch(r"(.*) \((\d+)/(\d+)\)", pending[1])
            title, k, n = (
                (m.group(1), int(m.group(2)), int(m.group(3))) if m else (pending[1], 1, 1)
            )
            if k > 1:  # a repeat: the same file right after its previous play
                last = entries[-1]
                assert (last[3], last[2] + 1, last[1]) == (line, k, title), line
                entries[-1] = (last[0], last[1], k, line)
            else:
                entries.append((pending[0], title, 1, line))
            assert k <= n
            pending = None
    assert pending is None, "#EXTINF without a file"
    return entries


HOSTILE = [
    Entry("01_photos.mp4", "Photos\nwith a line break", 19.0, 3),
    Entry("02_film.ru.mp4", 'Фильм: "часть 1" <b>&amp;</b>\x07', 1234.56, 1),
    Entry("03_end ü.mp4", "#EXTINF:0,fake entry", 5.0, 2),
]


def test_m3u8_line_by_line_with_hostile_titles() -> None:
    text = m3u8("Ceremony\r\nTitle", HOSTILE)
    entries = parse_m3u8(text)
    assert [(e[2], e[3]) for e in entries] == [
        (3, "01_photos.mp4"),
        (1, "02_film.ru.mp4"),
        (2, "03_end ü.mp4"),
    ]
    assert [e[0] for e in entries] == [19.0, 1234.56, 5.0]
    # every play its own entry, numbered, and nothing only VLC understands
    files = [line for line in text.splitlines() if not line.startswith("#")]
    assert files == ["01_photos.mp4"] * 3 + ["02_film.ru.mp4"] + ["03_end ü.mp4"] * 2
    assert "#EXTINF:19.000,Photos with a line break (2/3)" in text.splitlines()
    assert "EXTVLCOPT" not in text
    assert entries[1][1].startswith("Фильм")
    text.encode("utf-8")  # the file is written as UTF-8: every character must encode


def test_xspf_is_valid_with_hostile_titles() -> None:
    tracks = validate_xspf(xspf("Ceremony\x01 & <friends>", HOSTILE))
    assert [unquote(t.findtext(f"{X}location") or "") for t in tracks] == [
        e.filename for e in HOSTILE
    ]
    options = [[o.text for o in t.iter(f"{V}option")] for t in tracks]
    assert options == [["input-repeat=2"], [], ["input-repeat=1"]]
    assert [t.findtext(f"{X}duration") for t in tracks] == ["19000", "1234560", "5000"]


def test_concat_script_quotes_and_times() -> None:
    text = concat_list([Path("/a/it's.mp4")], Path("/a/list"), [Fraction(30030, 1000)])
    assert text == "file '../it'\\''s.mp4'\nduration 30.030000\n"


def test_oversize_warning_names_each_file_over_the_limit() -> None:
    files = [("00_play-all.mp4", 5000), ("01_photos.mp4", 4096), ("02_film.mp4", 4097)]
    warnings = oversize_warnings(files, 4096)
    assert len(warnings) == 2
    assert warnings[0].startswith("00_play-all.mp4") and warnings[1].startswith("02_film.mp4")
    assert all("FAT32" in w for w in warnings)
    assert oversize_warnings(files, None) == []


# ------------------------------------------------------------------ on a real build


def test_built_playlists_match_the_files(built: Built) -> None:
    for pkg in built.result.packages:
        doc = built.package_json(pkg.country)
        order = [f for f in doc["files"] if f["kind"] != "play-all"]
        raw = (pkg.path / "ceremony.m3u8").read_bytes()
        entries = parse_m3u8(raw.decode("utf-8"))
        tracks = validate_xspf((pkg.path / "ceremony.xspf").read_text("utf-8"))
        assert [e[3] for e in entries] == [f["name"] for f in order]
        assert [e[2] for e in entries] == [f["repeat"] for f in order]
        assert [urlsplit(t.findtext(f"{X}location") or "").path for t in tracks] == [
            f["name"] for f in order
        ]
        for (seconds, _title, _rep, name), track in zip(entries, tracks, strict=True):
            with av.open(str(pkg.path / name)) as c:
                v = c.streams.video[0]
                real = float(v.frames / v.average_rate)  # type: ignore[operator]
            assert abs(seconds - real) < 0.041, name
            assert abs(int(track.findtext(f"{X}duration") or 0) / 1000 - real) < 0.041
        # the demo plays the slideshow 3 times before and after the film
        assert [e[2] for e in entries] == [3, 1, 3]


def _frames(path: Path) -> int:
    with av.open(str(path)) as c:
        return sum(1 for p in c.demux(c.streams.video[0]) if p.size)


def test_play_all_joins_the_running_order_with_repeats(built: Built) -> None:
    pkg = built.package("KR")
    doc = built.package_json("KR")
    play_all = pkg / "00_play-all.mp4"
    assert play_all.is_file()
    assert not any("play-all" in e[3] for e in parse_m3u8((pkg / "ceremony.m3u8").read_text()))
    order = [f for f in doc["files"] if f["kind"] != "play-all"]
    expected = sum(_frames(pkg / f["name"]) * f["repeat"] for f in order)
    assert expected > sum(_frames(pkg / f["name"]) for f in order)  # repeats counted
    assert _frames(play_all) == expected
    with av.open(str(play_all)) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        seconds = float(c.duration or 0) / 1e6
        assert (v.codec_context.name, v.width, v.height) == ("h264", 320, 180)
        assert a.rate == 48000
        # timestamps stay on the frame grid across the joins (no drift, no gaps)
        pts = sorted(p.pts for p in c.demux(v) if p.size and p.pts is not None)
        steps = {b - a for a, b in itertools.pairwise(pts)}
        assert len(steps) == 1
    # moov before mdat: TV players stream from the start of the file
    head = play_all.read_bytes()[:200_000]
    assert 0 <= head.find(b"moov") < head.find(b"mdat")
    total = sum(f["duration"] * f["repeat"] for f in order)
    assert abs(seconds - total) < 0.05
    assert stream_params(play_all)["size"] == "320x180"
    listed = next(f for f in doc["files"] if f["kind"] == "play-all")
    assert listed["name"] == "00_play-all.mp4" and abs(listed["duration"] - total) < 0.002
    manifest = (pkg / "MANIFEST.sha256").read_text()
    assert "  00_play-all.mp4\n" in manifest


def test_play_all_joins_a_720p_23976_film_and_a_slideshow(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    """Under a 1080p profile a 720p 23.976 film keeps its frame and rate; the slideshow
    follows it, so every file of the package has the same stream parameters and
    play-all joins them by stream copy."""
    import shutil

    import yaml

    from screening_kit.build import build
    from screening_kit.progress import RecordingReporter
    from tests.conftest import ffmpeg, write_workspace

    film = make_video("film.mp4", seconds=3, size="1280x720", rate="24000/1001")
    root = write_workspace(
        tmp_path / "ws",
        film,
        cues={"en": "1\n00:00:00,200 --> 00:00:01,500\nHello.\n\n"},
        profile={"preset": "veryfast"},  # tv-usb-1080p limits: up to 1920x1080, 30 fps
    )
    photos = root / "films" / "photos"
    photos.mkdir()
    for name, colour in (("a.jpg", "red"), ("b.jpg", "blue")):
        ffmpeg(
            "-f", "lavfi", "-i", f"color=c={colour}:s=400x300", "-frames:v", "1", str(photos / name)
        )
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["slideshows"] = [
        {"id": "photos", "title": "Photos", "photos": "films/photos", "seconds_per_photo": 1,
         "crossfade": 0.25, "motion": "none"}
    ]  # fmt: skip
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text(
        "items:\n  - {slideshow: photos, repeat: 2}\n  - film: film\n", "utf-8"
    )
    result = build(root, reporter=RecordingReporter(), play_all=True, jobs=2)
    pkg = result.packages[0].path
    items = sorted(p for p in pkg.glob("0[1-9]_*.mp4"))
    assert [p.name for p in items] == ["01_photos.mp4", "02_film.en.mp4"]
    params = [stream_params(p) for p in items]
    assert params[0] == params[1]
    assert (params[0]["size"], Fraction(params[0]["fps"])) == ("1280x720", Fraction(24000, 1001))
    play_all = pkg / "00_play-all.mp4"
    assert _frames(play_all) == 2 * _frames(items[0]) + _frames(items[1])
    assert stream_params(play_all)["size"] == "1280x720"
    shutil.rmtree(root / ".screening-kit")


def test_play_all_that_cannot_be_joined_is_an_error(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked for and not deliverable: the build fails (exit 3) naming the difference,
    instead of a package without the file and exit 0."""
    from screening_kit.cache import Cache
    from screening_kit.package import playall

    country = next(c for c in built.result.plan.countries if c.code == "GB")
    real = playall.stream_params
    calls = iter(range(100))

    def differing(path: Path) -> dict[str, object]:
        out = real(path)
        if next(calls) == 1:
            out["size"] = "1920x1080"
        return out

    monkeypatch.setattr(playall, "stream_params", differing)
    with pytest.raises(playall.PlayAllError) as e:
        playall.make_play_all(country, Cache(built.result.cache_dir))
    assert e.value.exit_code == 3
    assert "has size 320x180 but" in str(e.value) and "1920x1080" in str(e.value)


def test_size_warning_covers_every_file_including_play_all(built: Built, tmp_path: Path) -> None:
    """The package step applies the profile's limit to each file it writes; with the
    limit lowered below the demo's sizes every media file is named, play-all too."""
    import dataclasses

    from screening_kit.cache import Cache
    from screening_kit.config import load_workspace
    from screening_kit.package import write_package
    from screening_kit.package.playall import make_play_all

    country = next(c for c in built.result.plan.countries if c.code == "JP")
    small = country.profile.model_copy(update={"warn_size_bytes": 1000})
    country = dataclasses.replace(country, profile=small)
    cache = Cache(built.result.cache_dir)
    pkg = write_package(
        load_workspace(built.root),
        country,
        cache,
        tmp_path,
        thumbnail_times={},
        play_all=make_play_all(country, cache),
    )
    media = sorted(p.name for p in pkg.path.iterdir() if p.suffix == ".mp4")
    assert "00_play-all.mp4" in media
    size_warnings = [w for w in pkg.warnings if "FAT32" in w]
    assert sorted(w.split(" ")[0] for w in size_warnings) == media
    import html
    import json

    doc = json.loads((pkg.path / "package.json").read_text("utf-8"))
    assert set(size_warnings) <= set(doc["warnings"])
    sheet = (pkg.path / "RUNSHEET.html").read_text("utf-8")
    assert all(html.escape(w) in sheet for w in size_warnings)


def test_play_all_splits_between_items_to_stay_under_the_limit(
    built: Built, tmp_path: Path
) -> None:
    """With a limit below the whole, play-all comes in parts cut between items, each
    under the limit, together holding every frame of the running order; the package
    lists them in order and they pass verify."""
    from screening_kit.cache import Cache
    from screening_kit.config import load_workspace
    from screening_kit.package import write_package
    from screening_kit.package.playall import make_play_all
    from screening_kit.verify import verify_package

    country = next(c for c in built.result.plan.countries if c.code == "KZ")
    cache = Cache(built.result.cache_dir)
    sizes = [cache.path(i.key, i.ext).stat().st_size for i in country.items]
    limit = max(sizes) * 3 // 2  # room for one play, not two of the largest
    joined = make_play_all(country, cache, limit)
    assert len(joined.parts) >= 3
    order = [i for i in country.items for _ in range(i.repeat)]
    assert sum(_frames(p.path) for p in joined.parts) == sum(
        _frames(cache.path(i.key, i.ext)) for i in order
    )
    for part in joined.parts:
        assert part.path.stat().st_size <= limit + 64 * 1024  # the index is not counted
        assert _frames(part.path) == part.frames
    pkg = write_package(
        load_workspace(built.root), country, cache, tmp_path, thumbnail_times={}, play_all=joined
    )
    names = [f"00_play-all_part{n}.mp4" for n in range(1, len(joined.parts) + 1)]
    assert pkg.files[: len(names)] == names
    sheet = (pkg.path / "RUNSHEET.html").read_text("utf-8")
    assert ", then ".join(names) in sheet
    assert verify_package(pkg.path).ok
