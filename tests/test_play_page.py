"""PLAY.html in the real Chromium (Playwright driving the system Chromium): a tiny
package of generated H.264/AAC MP4s plays every item in order with its repeats
(``ended`` counted per file), N/P/R work, a missing file shows its message and the
show goes on, and a pre-show loop ends at a start time a few seconds ahead.

Debian's Chromium decodes H.264 (``canPlayType`` answers "probably"), so the tests
play the MP4s the package holds, not substitutes."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from screening_kit.i18n import staff
from screening_kit.package import play_page
from screening_kit.package.playlists import Entry
from tests.conftest import ffmpeg


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from tests._mission import playwright_browser

    # the show starts its videos without a click on them
    yield from playwright_browser("--autoplay-policy=no-user-gesture-required")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 640, "height": 360})
    context.route("http*://**", lambda route: route.abort())  # no network, ever
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three short H.264 High + AAC files, as the package holds them."""
    folder = tmp_path_factory.mktemp("media")
    for name, seconds, colour in (("a", 0.6, "red"), ("b", 0.6, "green"), ("c", 2.5, "blue")):
        ffmpeg(
            "-f", "lavfi", "-i", f"color=c={colour}:s=64x36:r=25:d={seconds}",
            "-f", "lavfi", "-i", f"sine=f=440:sample_rate=48000:d={seconds}",
            "-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-movflags", "+faststart", "-shortest", str(folder / f"0_{name}.mp4"),
        )  # fmt: skip
    return folder


def package(
    media: Path, folder: Path, entries: list[Entry], starts_at: dt.datetime | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in media.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    page = folder / "PLAY.html"
    text = play_page.render(
        staff("en"),
        title="Test ceremony",
        country="Testland",
        build_id="0123abcd",
        entries=entries,
        starts_at=starts_at,
    )
    page.write_text(text, "utf-8")
    return page


def log(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate("window.playLog"))


def wait_for(page: Any, condition: str, timeout: float = 60_000) -> None:
    page.wait_for_function(condition, timeout=timeout)


def test_chromium_decodes_our_mp4(page: Any, media: Path) -> None:
    page.goto((media / "0_a.mp4").as_uri())
    can = page.evaluate(
        "document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.640029\"')"
    )
    assert can == "probably"


def test_plays_every_item_in_order_with_its_repeats(page: Any, media: Path, tmp_path: Path) -> None:
    entries = [
        Entry("0_a.mp4", "Red", 0.6, 2),
        Entry("0_b.mp4", "Green", 0.6, 1),
        Entry("0_a.mp4", "Red again", 0.6, 3),
    ]
    p = package(media, tmp_path / "pkg", entries)
    html = p.read_text("utf-8")
    assert "src=" not in html and "href=" not in html and "@import" not in html
    page.goto(p.as_uri())
    # the ready screen: title, country, build id, running time, the items, Start
    ready = page.inner_text("#ready")
    for text in ("Test ceremony", "Testland", "0123abcd", "0:00:04", "Red again", "VERIFY.html"):
        assert text in ready, text
    assert [
        li.strip()
        for li in page.eval_on_selector_all("#items li", "l => l.map(e => e.textContent)")
    ] == [
        "Red · 2 × 0:00:01",
        "Green · 0:00:01",
        "Red again · 3 × 0:00:01",
    ]
    page.keyboard.press("Enter")
    wait_for(page, "window.playLog.some(e => e.event === 'end')")
    events = log(page)
    ended = Counter((e["index"], e["file"]) for e in events if e["event"] == "ended")
    assert ended == {(0, "0_a.mp4"): 2, (1, "0_b.mp4"): 1, (2, "0_a.mp4"): 3}
    assert [e["index"] for e in events if e["event"] == "load"] == [0, 1, 2]
    assert not [e for e in events if e["event"] == "error"]
    assert page.is_visible("#end") and page.evaluate("document.body.classList.contains('over')")


def test_next_previous_and_restart_keys(page: Any, media: Path, tmp_path: Path) -> None:
    entries = [
        Entry("0_c.mp4", "One", 2.5, 1),
        Entry("0_c.mp4", "Two", 2.5, 1),
        Entry("0_b.mp4", "Three", 0.6, 1),
    ]
    page.goto(package(media, tmp_path / "pkg", entries).as_uri())
    page.click("#start")
    playing = "document.getElementById('video').currentTime > 0.3"
    wait_for(page, playing)
    page.keyboard.press("n")
    wait_for(page, "window.playLog.filter(e => e.event === 'load').length === 2")
    wait_for(page, playing)
    # the overlay names the item, its place and the time left
    page.mouse.move(100, 100)
    page.mouse.move(120, 110)
    overlay = page.inner_text("#overlay")
    assert overlay.startswith("Item 2 of 3: Two") and "left" in overlay
    page.keyboard.press("p")
    wait_for(page, "window.playLog.filter(e => e.event === 'load').length === 3")
    wait_for(page, playing)
    before = page.evaluate("document.getElementById('video').currentTime")
    page.keyboard.press("r")
    after = page.evaluate("document.getElementById('video').currentTime")
    assert after < before
    page.keyboard.press("n")
    page.keyboard.press("n")
    wait_for(page, "window.playLog.some(e => e.event === 'end')")
    events = log(page)
    loads = [e["index"] for e in events if e["event"] == "load"]
    assert loads == [0, 1, 0, 1, 2]
    keys = [e["event"] for e in events if e["event"] in ("next", "previous", "restart")]
    assert keys == ["next", "previous", "restart", "next", "next"]
    # only the last item ran to its end: the others were left by a key
    assert [e["index"] for e in events if e["event"] == "ended"] == [2]


def test_a_missing_file_is_named_and_the_show_goes_on(
    page: Any, media: Path, tmp_path: Path
) -> None:
    entries = [
        Entry("0_b.mp4", "Green", 0.6, 1),
        Entry("01_gone.mp4", "The film", 0.6, 1),
        Entry("0_a.mp4", "Red", 0.6, 1),
    ]
    page.goto(package(media, tmp_path / "pkg", entries).as_uri() + "#error_wait=3")
    page.click("#start")
    wait_for(page, "document.getElementById('problem').classList.contains('on')")
    text = page.inner_text("#problem")
    assert "01_gone.mp4 cannot be played here." in text
    assert "VLC" in text and "copy the package again" in text
    assert "Next item in" in text
    # held while paused: the wait stops until Space is pressed again
    page.keyboard.press(" ")
    assert "Held" in page.inner_text("#problem")
    time.sleep(4)  # longer than the wait: a running countdown would have gone on
    assert not [e for e in log(page) if e["event"] == "skip-error"]
    page.keyboard.press(" ")
    wait_for(page, "window.playLog.some(e => e.event === 'end')")
    events = log(page)
    assert [e["event"] for e in events if e["index"] == 1][:2] == ["load", "error"]
    assert Counter(e["file"] for e in events if e["event"] == "ended") == {
        "0_b.mp4": 1,
        "0_a.mp4": 1,
    }
    assert not page.is_visible("#problem")


def test_pre_show_loop_repeats_until_the_start_time(page: Any, media: Path, tmp_path: Path) -> None:
    start = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=4)
    entries = [
        Entry("0_a.mp4", "Pre-show photos", 0.6, 1, until_start=True),
        Entry("0_b.mp4", "The film", 0.6, 1),
    ]
    page.goto(package(media, tmp_path / "pkg", entries, starts_at=start).as_uri())
    assert page.inner_text("#countdown").startswith("Starts in 0:00:0")
    assert "loops until the start" in page.inner_text("#items")
    page.click("#start")
    wait_for(page, "window.playLog.some(e => e.event === 'end')")
    events = log(page)
    start_ms = start.timestamp() * 1000
    loops = [e for e in events if e["event"] == "ended" and e["index"] == 0]
    assert len(loops) >= 2  # looped, not played once
    # every replay began before the start; the last play may end on its own just
    # after it, before the clock check cuts it, and then the film follows directly
    assert all(e["at"] < start_ms for e in loops[:-1])
    film = next(e for e in events if e["event"] == "load" and e["index"] == 1)
    assert film["at"] >= start_ms  # the show proper began at the start time
    assert [e["event"] for e in events if e["index"] == 1] == ["load", "ended"]


def test_pre_show_loop_is_skipped_once_the_start_has_passed(
    page: Any, media: Path, tmp_path: Path
) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    entries = [
        Entry("0_a.mp4", "Pre-show photos", 0.6, 1, until_start=True),
        Entry("0_b.mp4", "The film", 0.6, 1),
    ]
    page.goto(package(media, tmp_path / "pkg", entries, starts_at=start).as_uri())
    assert page.inner_text("#countdown").startswith("The start time has passed")
    page.click("#start")
    wait_for(page, "window.playLog.some(e => e.event === 'end')")
    events = log(page)
    assert [(e["event"], e["index"]) for e in events if e["event"] in ("skip", "load")] == [
        ("skip", 0),
        ("load", 1),
    ]


def test_start_instant_is_the_zone_s_wall_clock() -> None:
    """18:00 in Tokyo is 09:00 UTC: the page holds the instant, not the build's zone."""
    from zoneinfo import ZoneInfo

    at = dt.datetime(2027, 2, 26, 18, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    ms = play_page.start_ms(at)
    assert ms == int(dt.datetime(2027, 2, 26, 9, 0, tzinfo=dt.UTC).timestamp() * 1000)
    text = play_page.render(
        staff("en"), title="T", country="C", build_id="x", entries=[], starts_at=at
    )
    data = json.loads(text.split('id="data">', 1)[1].split("</script>", 1)[0])
    assert data["start_ms"] == ms
