"""RUNSHEET.html and dist/index.html, opened in headless Chromium as a person would:
the table and the thumbnails must render, the run sheet must print on one A4 page,
and it must work on its own (copied alone, no network)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from screening_kit.clock import running_clock
from screening_kit.package import runsheet
from screening_kit.package.index import write_index

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]


class Dom(HTMLParser):
    """Just enough of the DOM Chromium dumped: rows, cells, images, links, body attrs."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.section = ""
        self.cell: list[str] | None = None
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.body: dict[str, str | None] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.rows.append([])
        elif tag == "td" and self.section == "tbody":
            self.cell = []
        elif tag == "img":
            self.images.append(dict(attrs))
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "body":
            self.body = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = ""

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_runsheet_renders_table_and_thumbnails(built: Built, tmp_path: Path) -> None:
    from tests._mission import dump_dom, loaded_images_probe

    doc = built.package_json("KZ")
    order = [f for f in doc["files"] if f["kind"] != "play-all"]
    page = loaded_images_probe(built.package("KZ") / "RUNSHEET.html", tmp_path / "probe.html")
    dom = Dom(dump_dom(tmp_path, page))
    assert len(dom.rows) == len(order) == 3
    assert dom.body.get("data-images") == dom.body.get("data-images-loaded") == "3"
    assert all((img.get("src") or "").startswith("data:image/jpeg;base64,") for img in dom.images)
    # number, file, language, start time and plays of every item, in running order
    for row, f in zip(dom.rows, order, strict=True):
        number, _thumb, item, language, starts, plays = row
        assert number == f"{f['position']:02d}"
        assert f["name"] in item
        assert starts == running_clock(f["start"])
        if f["kind"] == "film":
            assert "Russian" in language and "(ru)" in language
        if f["repeat"] > 1:
            assert plays.startswith(f"{f['repeat']} × ")
    assert [r[4] for r in dom.rows] == sorted(r[4] for r in dom.rows)


def test_runsheet_has_what_to_do_when_a_file_does_not_play(built: Built) -> None:
    text = (built.package("KZ") / "RUNSHEET.html").read_text("utf-8")
    assert "If something does not play" in text
    assert "00_play-all.mp4" in text  # this build has one: the sheet points to it
    assert "VLC" in text and "verify" in text
    assert "language: Russian (ru)" in text


def test_runsheet_is_self_contained(built: Built, tmp_path: Path) -> None:
    """Copied alone (emailed, printed elsewhere) it still shows every thumbnail."""
    from tests._mission import dump_dom, loaded_images_probe

    text = (built.package("JP") / "RUNSHEET.html").read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", text)
    assert "<link" not in text and "@import" not in text
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(built.package("JP") / "RUNSHEET.html", alone / "RUNSHEET.html")
    page = loaded_images_probe(alone / "RUNSHEET.html", alone / "probe.html")
    dom = Dom(dump_dom(tmp_path, page))
    assert dom.body.get("data-images-loaded") == "3"


def test_runsheet_screenshot_shows_the_thumbnails(built: Built, tmp_path: Path) -> None:
    from tests._mission import coloured_fraction, screenshot

    page = built.package("EG") / "RUNSHEET.html"
    shot = screenshot(tmp_path, page, (900, 1270))
    # the same page with the images emptied: the difference is what the thumbnails drew
    blank = tmp_path / "no-images.html"
    blank.write_text(re.sub(r'src="data:[^"]+"', 'src=""', page.read_text("utf-8")), "utf-8")
    without = screenshot(tmp_path, blank, (900, 1270))
    # three 32x18 mm test-pattern thumbnails are ~2% of the page, mostly saturated colour
    assert coloured_fraction(shot) > 0.005
    assert coloured_fraction(without) < 0.001
    # and the text rendered: a good share of dark pixels
    grey = shot.convert("L")
    dark = sum(grey.histogram()[:100]) / (shot.width * shot.height)
    assert dark > 0.005


def test_runsheet_prints_on_one_a4_page(built: Built, tmp_path: Path) -> None:
    from tests._mission import pdf_pages

    assert pdf_pages(tmp_path, built.package("KR") / "RUNSHEET.html") == 1


def test_typical_ceremony_of_ten_items_prints_on_one_page(built: Built, tmp_path: Path) -> None:
    """A typical ceremony: 10 items, long titles, with thumbnails and a warning."""
    from tests._mission import pdf_pages

    thumb = re.search(
        r'src="(data:image/jpeg;base64,[^"]+)"',
        (built.package("GB") / "RUNSHEET.html").read_text("utf-8"),
    )
    assert thumb
    rows = [
        runsheet.SheetRow(
            i,
            f"{i:02d}_documentary-part-{i}.en.mp4",
            f"Documentary part {i}: a rather long title for the ceremony",
            "film",
            "English subtitles (en)",
            i * 600.0,
            600.0,
            3 if i % 2 else 1,
            thumb.group(1),
        )
        for i in range(1, 11)
    ]
    sheet = runsheet.Sheet(
        "Commemorative screening",
        "United Kingdom",
        "English (en)",
        "tv-usb-1080p",
        rows,
        date="2026-11-24",
        play_all=[("00_play-all.mp4", 4800.0)],
        warnings=["00_play-all.mp4 is 4.50 GiB: a FAT32 USB stick cannot hold it"],
    )
    page = tmp_path / "RUNSHEET.html"
    page.write_text(runsheet.render(sheet), "utf-8")
    assert pdf_pages(tmp_path, page) == 1


def test_index_lists_every_country_with_links(built: Built, tmp_path: Path) -> None:
    from tests._mission import dump_dom, screenshot

    index = built.dist / "index.html"
    dom = Dom(dump_dom(tmp_path, index))
    countries = list(built.result.plan.countries)
    assert len(dom.rows) == len(countries) == 8
    for row, c in zip(dom.rows, countries, strict=True):
        country, status, language, profile, files, size, running, build, _chg, link, _w = row
        assert build == built.package_json(c.code)["build_id"]
        assert country.startswith(c.code) and status == "built"
        assert f"({c.language.code})" in language and profile == "test"
        # every file on the stick: 3 items, play-all, 2 playlists, manifest, run sheet,
        # VERIFY.html, package.json, PLAY.html and its 3 launchers
        on_disk = [p for p in built.package(c.code).iterdir() if p.is_file()]
        assert int(files) == len(on_disk) == 14
        assert size.endswith("MB") and re.fullmatch(r"\d:\d\d:\d\d", running)
        assert link == "run sheet"
    for href in dom.links:
        assert (built.dist / href).is_file(), href
    assert sum(1 for h in dom.links if h.endswith("/RUNSHEET.html")) == 8
    shot = screenshot(tmp_path, index, (1200, 800))
    assert sum(shot.convert("L").histogram()[:100]) > 2000  # the table's text is drawn


def test_index_shows_countries_not_built(built: Built, tmp_path: Path) -> None:
    """Written from what is on disk: a missing package shows up as not built."""
    from tests._mission import dump_dom

    dist = tmp_path / "dist"
    dist.mkdir()
    shutil.copytree(built.package("GB"), dist / "GB")
    from screening_kit.config import load_workspace

    write_index(dist, load_workspace(built.root))
    dom = Dom(dump_dom(tmp_path, dist / "index.html"))
    status = {row[0].split()[0]: row[1] for row in dom.rows}
    assert status["GB"] == "built"
    assert {s for c, s in status.items() if c != "GB"} == {"not built"}


def test_index_reports_subtitle_qc_of_a_forced_build(built: Built, tmp_path: Path) -> None:
    import json

    from screening_kit.config import load_workspace
    from screening_kit.package.index import country_status

    dist = tmp_path / "dist"
    shutil.copytree(built.package("KR"), dist / "KR")
    pj = dist / "KR" / "package.json"
    pj.chmod(0o644)
    doc = json.loads(pj.read_text("utf-8"))
    doc["subtitle_qc"] = {"forced": True, "errors": 4, "warnings": 1, "findings": []}
    pj.write_text(json.dumps(doc), "utf-8")
    status = country_status(dist, "KR", "Korea")
    assert status.status == "built"
    assert any(
        "subtitle QC: 4 errors, 1 warnings (built with --force)" in w for w in status.warnings
    )
    write_index(dist, load_workspace(built.root))
    assert "subtitle QC: 4 errors" in (dist / "index.html").read_text("utf-8")


def test_captioned_slideshow_is_labelled_with_its_caption_language(built: Built) -> None:
    """The demo's captions are in English and Arabic: GB's slideshow carries English
    captions, KZ's (Russian) none."""
    for code, label, lang in (("GB", "English captions (en)", "en"), ("KZ", "pictures only", None)):
        rows = Dom((built.package(code) / "RUNSHEET.html").read_text("utf-8")).rows
        shows = [r for r in rows if "_photos" in r[2]]
        assert shows and all(r[3] == label for r in shows), (code, shows)
        doc = built.package_json(code)
        assert {f["language"] for f in doc["files"] if f["kind"] == "slideshow"} == {lang}


def test_runsheet_explains_repeats_for_tvs_that_ignore_playlists(built: Built) -> None:
    text = " ".join((built.package("KZ") / "RUNSHEET.html").read_text("utf-8").split())
    assert (
        "Such a player plays each file once: for an item with N × under Plays, press play "
        "on it again when it ends, N times in all." in text
    )
    assert "play 00_play-all.mp4: the whole ceremony in one file" in text
    assert "(0:00:" in text and "repeats included)" in text
    assert "3 &times;" in text  # and the Plays column says how often


def test_technical_notes_go_to_package_json_and_index_not_the_runsheet(
    built: Built, tmp_path: Path
) -> None:
    import json

    from screening_kit.cache import Cache
    from screening_kit.config import load_workspace
    from screening_kit.package import write_package

    note = "documentary: audio loudness (EBU R128): loudnorm fell back to dynamic mode"
    ws = load_workspace(built.root)
    country = next(c for c in built.result.plan.countries if c.code == "JP")
    dist = tmp_path / "dist"
    write_package(
        ws,
        country,
        Cache(built.result.cache_dir),
        dist,
        thumbnail_times={},
        extra={"technical_notes": [note]},
    )
    assert "loudnorm" not in (dist / "JP" / "RUNSHEET.html").read_text("utf-8")
    doc = json.loads((dist / "JP" / "package.json").read_text("utf-8"))
    assert doc["technical_notes"] == [note] and doc["warnings"] == []
    write_index(dist, ws)
    assert "loudnorm fell back" in (dist / "index.html").read_text("utf-8")


def test_index_warnings_are_one_line_per_kind(built: Built, tmp_path: Path) -> None:
    """Nine size warnings and a technical note: two lines in the cell, details on
    click (and in the hover title); the row stays as short as a row without any."""
    import json

    from screening_kit.config import load_workspace
    from tests._mission import dump_dom

    dist = tmp_path / "dist"
    for code in ("GB", "KR"):
        shutil.copytree(built.package(code), dist / code)
    pj = dist / "KR" / "package.json"
    pj.chmod(0o644)
    doc = json.loads(pj.read_text("utf-8"))
    doc["warnings"] = [
        f"0{i}_x.mp4 is 4.{i} GiB: a FAT32 USB stick cannot hold files over 4.00 GiB"
        for i in range(9)
    ]
    doc["technical_notes"] = ["documentary: loudnorm fell back to dynamic mode"]
    pj.write_text(json.dumps(doc), "utf-8")
    write_index(dist, load_workspace(built.root))
    page = dist / "index.html"
    probe = tmp_path / "probe.html"
    script = (
        "<script>window.addEventListener('load', () => {"
        "const rows = [...document.querySelectorAll('#countries tbody tr')];"
        "document.body.setAttribute('data-heights', rows.map(r => r.offsetHeight).join(','));"
        "});</script>"
    )
    probe.write_text(page.read_text("utf-8").replace("</head>", script + "</head>"), "utf-8")
    dom = Dom(dump_dom(tmp_path, probe))
    cells = {row[0].split()[0]: row[-1] for row in dom.rows}
    assert cells["KR"].startswith("file size (9)") and "technical notes" in cells["KR"]
    heights = dict(zip(cells, map(int, str(dom.body["data-heights"]).split(",")), strict=True))
    assert heights["KR"] <= heights["GB"] * 1.6, heights
    html_text = page.read_text("utf-8")
    from screening_kit.package.index import country_status, warning_kind

    kinds = {
        code: {warning_kind(w) for w in country_status(dist, code, code).warnings}
        for code in ("GB", "KR")
    }
    assert {"file size", "technical notes"} <= kinds["KR"]
    assert html_text.count("<summary>") == len(kinds["GB"]) + len(kinds["KR"])  # one per kind
    assert "08_x.mp4 is 4.8 GiB" in html_text  # the details are there, folded


def test_technical_notes_come_from_the_recorded_loudness() -> None:
    """From what the audio render recorded, so a rebuild that reuses it (and so sees
    no fresh warning from the executor) still tells the AV team."""
    from screening_kit.package.records import technical_notes

    loudness = {
        "documentary": {"normalization_type": "dynamic"},
        "interview": {"normalization_type": "linear"},
    }
    notes = technical_notes(loudness, [])
    assert len(notes) == 1 and notes[0].startswith("documentary: loudnorm fell back")
    assert technical_notes({}, ["a disk note"]) == ["a disk note"]
