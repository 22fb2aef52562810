"""VERIFY.html in headless Chromium (Playwright driving the system Chromium, no
browser download): its JavaScript SHA-256 agrees with hashlib, piece by piece;
an intact package shows OK; a flipped byte and an extra file are named."""

from __future__ import annotations

import base64
import hashlib
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from screening_kit.package.verify_page import SHA256_JS

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.route("http*://**", lambda route: route.abort())  # no network, ever
    pg = context.new_page()
    yield pg
    context.close()


FEED = """([data, piece]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const h = new Sha256();
  for (let off = 0; off < bytes.length; off += piece) h.update(bytes.subarray(off, off + piece));
  return h.hex();
}"""


def test_javascript_sha256_matches_hashlib(page: Any, tmp_path: Path) -> None:
    blank = tmp_path / "sha.html"
    blank.write_text(f"<!DOCTYPE html><script>{SHA256_JS}</script>", "utf-8")
    page.goto(blank.as_uri())
    rng = random.Random(7)
    # block boundaries (55/56/64), pieces that split blocks unevenly, many pieces
    for size in (0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 65_537, 300_001):
        data = rng.randbytes(size)
        for piece in (1, 7, 64, 4096, 1 << 20):
            if piece == 1 and size > 1000:
                continue
            got = page.evaluate(FEED, [base64.b64encode(data).decode(), piece])
            assert got == hashlib.sha256(data).hexdigest(), (size, piece)


@pytest.mark.slow
def test_javascript_sha256_past_512_mib(page: Any, tmp_path: Path) -> None:
    """Past 2^32 bits the length's high word is used: a 600 MiB stream of one pattern."""
    blank = tmp_path / "sha.html"
    blank.write_text(f"<!DOCTYPE html><script>{SHA256_JS}</script>", "utf-8")
    page.goto(blank.as_uri())
    block = bytes(range(256)) * 16384  # 4 MiB
    got = page.evaluate(
        """() => {
      const b = new Uint8Array(4 << 20);
      for (let i = 0; i < b.length; i++) b[i] = i & 255;
      const h = new Sha256();
      for (let i = 0; i < 150; i++) h.update(b);
      return h.hex();
    }"""
    )
    h = hashlib.sha256()
    for _ in range(150):
        h.update(block)
    assert got == h.hexdigest()


def check(page: Any, folder: Path, *, directory: bool = False) -> tuple[str, str, list[Any]]:
    # a small piece size so every media file is hashed in many pieces
    page.goto((folder / "VERIFY.html").as_uri() + "#piece=65536")
    if directory:
        page.set_input_files("#folder", str(folder))
    else:
        page.set_input_files("#files", sorted(str(p) for p in folder.iterdir()))
    page.wait_for_function(
        "['ok', 'not-ok'].includes(document.body.dataset.result)", timeout=60_000
    )
    problems = page.eval_on_selector_all(
        "#problems li", "els => els.map(e => [e.dataset.file, e.dataset.problem])"
    )
    return page.get_attribute("body", "data-result"), page.inner_text("#status"), problems


def test_intact_package_shows_ok(built: Built, page: Any, tmp_path: Path) -> None:
    from tests._mission import copy_package

    copy = copy_package(built.package("JO"), tmp_path / "stick" / "JO")
    bid = built.package_json("JO")["build_id"]
    result, status, problems = check(page, copy)
    assert (result, problems) == ("ok", []), status
    n = len((copy / "MANIFEST.sha256").read_text().splitlines()) - 1  # all but the page
    assert status == f"OK: JO build {bid}: all {n} files match."
    assert page.evaluate("document.getElementById('bar').value") == 1
    # the page needs nothing from outside itself
    html = (copy / "VERIFY.html").read_text("utf-8")
    assert "src=" not in html and "href=" not in html and "@import" not in html
    result, _, problems = check(page, copy, directory=True)
    assert (result, problems) == ("ok", [])


def test_flipped_byte_and_extra_file_are_named(built: Built, page: Any, tmp_path: Path) -> None:
    from tests._mission import copy_package

    copy = copy_package(built.package("JO"), tmp_path / "stick" / "JO")
    film = next(p for p in copy.iterdir() if p.name.startswith("02_"))
    data = bytearray(film.read_bytes())
    data[len(data) // 2] ^= 0x01
    film.write_bytes(bytes(data))
    (copy / "holiday.jpg").write_bytes(os.urandom(100))
    result, status, problems = check(page, copy)
    assert result == "not-ok" and status.startswith("NOT OK: 2 problem(s)")
    assert dict(problems) == {
        film.name: "differs (damaged, or from another build): copy it again",
        "holiday.jpg": "extra file, not part of this package: remove it",
    }
    # a missing file and a manifest from another build are named too
    film.unlink()
    (copy / "holiday.jpg").unlink()
    shutil.copy(built.package("EG") / "MANIFEST.sha256", copy / "MANIFEST.sha256")
    result, _, problems = check(page, copy)
    named = dict(problems)
    assert result == "not-ok"
    assert named[film.name].startswith("missing")
    assert named["MANIFEST.sha256"] == "does not match this page (another build?)"
