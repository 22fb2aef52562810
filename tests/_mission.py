"""Helpers for the mission-side tests: one built demo per test session, and headless
Chromium to open the HTML pages the way a person would.

Import the fixture into a test module with ``from tests._mission import built``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from screening_kit.build import BuildResult, build
from screening_kit.demo import make_demo
from screening_kit.progress import RecordingReporter
from tests.conftest import shrink_workspace

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@dataclass
class Built:
    root: Path
    result: BuildResult
    dist: Path

    def package(self, code: str) -> Path:
        return self.dist / code

    def package_json(self, code: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.dist / code / "package.json").read_text("utf-8"))
        return data


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo at 320x180 (8 countries, 5 languages) built once, with play-all."""
    root = tmp_path_factory.mktemp("mission") / "ws"
    make_demo(root, seconds=6, width=320, height=180)
    shrink_workspace(root, play_all=True)
    result = build_anyway(root)
    return Built(root, result, result.out_dir)


def build_anyway(root: Path, **kwargs: Any) -> BuildResult:
    """Build a shrunken demo: its 6 s film squeezes the cues below the subtitle QC
    minimums, which is beside the point here, so QC findings do not stop it."""
    return build(root, reporter=RecordingReporter(), force=True, **kwargs)


def copy_package(src: Path, dst: Path) -> Path:
    """A writable copy, as a mission's copy on a stick would be (cache objects are 0444)."""
    shutil.copytree(src, dst)
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


# ------------------------------------------------------------------ chromium


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required in CI (scripts/ensure-system-packages.sh)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return exe


# flags for Chromium driven by playwright (the system browser: no download)
PLAYWRIGHT_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def playwright_browser(*extra: str) -> Iterator[Any]:
    """The system Chromium through playwright, for a module-scoped ``browser`` fixture."""
    exe = chromium()  # skips, or fails in CI, when Chromium is missing
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=[*PLAYWRIGHT_ARGS, *extra])
        yield b
        b.close()


def run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"chromium-profile-{len(list(tmp_path.glob('chromium-profile-*')))}"
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def loaded_images_probe(page: Path, out: Path) -> Path:
    """A copy of ``page`` that records in the DOM how many of its images decoded
    (naturalWidth > 0), so ``--dump-dom`` shows whether they really rendered."""
    script = (
        "<script>window.addEventListener('load', () => {"
        "const ok = [...document.images].filter(i => i.complete && i.naturalWidth > 0);"
        "document.body.setAttribute('data-images-loaded', ok.length);"
        "document.body.setAttribute('data-images', document.images.length);});</script>"
    )
    out.write_text(
        page.read_text("utf-8").replace("</head>", script + "</head>", 1), encoding="utf-8"
    )
    return out


def dump_dom(tmp_path: Path, page: Path) -> str:
    return run_chromium(tmp_path, page, "--dump-dom").stdout


def screenshot(tmp_path: Path, page: Path, size: tuple[int, int] = (1000, 1400)) -> Image.Image:
    shot = tmp_path / f"{page.stem}.png"
    run_chromium(tmp_path, page, f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}")
    return Image.open(shot).convert("RGB")


def pdf_pages(tmp_path: Path, page: Path) -> int:
    pdf = tmp_path / f"{page.stem}.pdf"
    run_chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        m = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        assert m, info.stdout
        return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def coloured_fraction(img: Image.Image) -> float:
    """Share of pixels that are strongly coloured (saturation), i.e. not text on paper:
    on our pages that is the thumbnails and frames."""
    hsv = img.convert("HSV")
    s = hsv.getchannel("S").point(lambda v: 255 if v > 120 else 0)
    v = hsv.getchannel("V").point(lambda v: 255 if v > 60 else 0)
    both = Image.composite(s, Image.new("L", img.size, 0), v)
    hist = both.histogram()
    return hist[255] / (img.width * img.height)
