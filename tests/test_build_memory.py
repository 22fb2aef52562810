"""The build's memory bound (issue 16, 9): the local pool starts a task only when its
estimated need fits beside those running, so a build stays under about 1.5 GiB at
any --jobs (docs/scale.md)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from PIL import Image

from screening_kit.photos import Canvas, photo_memory
from screening_kit.progress import RecordingReporter
from screening_kit.render.execute import execute
from screening_kit.render.memory import MEMORY_ENV, MiB

from .conftest import ffmpeg
from .test_slideshow import make_workspace, plan_of

ROOT = Path(__file__).resolve().parent.parent


def prepare_order(root: Path, jobs: int) -> list[tuple[str, str]]:
    plan, cache = plan_of(root)
    reporter = RecordingReporter()
    execute(plan, cache, reporter, jobs=jobs)
    return [(k, t) for k, t in reporter.events if k in ("started", "encoded") and "prepare" in t]


def photos(n: int, size: tuple[int, int]) -> dict[str, Image.Image]:
    return {
        f"{i}.png": Image.linear_gradient("L").resize(size).convert("RGB").rotate(90 * i)
        for i in range(n)
    }


def test_tasks_that_do_not_fit_together_run_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = {"seconds_per_photo": 1, "crossfade": 0.2}
    root = make_workspace(tmp_path / "free", photos(4, (900, 600)), show)
    # within the bound: all four photos start together at -j 4
    order = prepare_order(root, jobs=4)
    assert [k for k, _ in order[:4]] == ["started"] * 4, order

    # a bound this process already fills: each task runs alone, the build still ends
    monkeypatch.setenv(MEMORY_ENV, "1")
    root = make_workspace(tmp_path / "tight", photos(4, (900, 602)), show)
    order = prepare_order(root, jobs=4)
    assert [k for k, _ in order] == ["started", "encoded"] * 4, order


# VmHWM: this process's own peak (ru_maxrss would carry pytest's over the fork)
PEAK = (
    "import re, sys\n"
    "from pathlib import Path\n"
    "from screening_kit.photos import Canvas, prepare_photo\n"
    "if sys.argv[1] != '-':\n"
    "    prepare_photo(Path(sys.argv[1]), Canvas(2304, 1296, 'blur'), Path(sys.argv[2]))\n"
    "status = Path('/proc/self/status').read_text()\n"
    "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)) * 1024)\n"
)


def _measured(path: Path, out: Path) -> int:
    def run(arg: str) -> int:
        argv = [sys.executable, "-c", PEAK, arg, str(out)]
        return int(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)

    return run(str(path)) - run("-")


@pytest.mark.parametrize(("name", "mode"), [("p.png", "RGB"), ("a.png", "RGBA"), ("j.jpg", "RGB")])
def test_photo_memory_estimate_covers_what_preparing_takes(
    tmp_path: Path, name: str, mode: str
) -> None:
    """From the header alone: a PNG is decoded whole, a JPEG at its draft scale; the
    estimate is at least what preparing the photo really takes, and not far above."""
    size = (6000, 4000)
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={size[0]}x{size[1]}", "-frames:v", "1",
           str(tmp_path / "src.png"))  # fmt: skip
    im = Image.open(tmp_path / "src.png").convert(mode)
    if mode == "RGBA":
        im.putalpha(Image.linear_gradient("L").resize(size))
    im.save(tmp_path / name)
    need = photo_memory(tmp_path / name, Canvas(2304, 1296, "blur"))
    took = _measured(tmp_path / name, tmp_path / "out.png")
    assert took <= need <= 1.6 * took + 40 * MiB, (took // MiB, need // MiB)


@pytest.mark.slow
def test_build_with_huge_photos_stays_under_the_bound(tmp_path: Path) -> None:
    """Four 108-megapixel PNGs (Pillow holds 432 MB for each decoded; preparing one
    peaks near 560 MB): at -j 4 they once took 2.3 GB together."""
    root = make_workspace(tmp_path / "ws", {}, {"seconds_per_photo": 1, "crossfade": 0.2})
    for i in range(4):
        ffmpeg(
            "-f", "lavfi", "-i", "testsrc2=s=12000x9000", "-vf", f"hue=h={i * 60}",
            "-frames:v", "1", "-compression_level", "1", str(root / "photos" / f"{i}.png"),
        )  # fmt: skip
    for jobs in (1, 4):
        cache = tmp_path / f"cache{jobs}"
        argv = [sys.executable, "-m", "screening_kit", "build", str(root), "-j", str(jobs)]
        argv += ["--cache", str(cache), "--out", str(tmp_path / f"dist{jobs}")]
        peak, said = _peak_rss(argv)
        assert "Warning" not in said, said
        print(f"-j {jobs}: the build peaked at {peak / MiB:.0f} MiB")
        assert peak < 1.5 * 2**30, f"-j {jobs}: the build peaked at {peak / MiB:.0f} MiB"


def _peak_rss(argv: list[str]) -> tuple[int, str]:
    """The build's peak memory: its process and every child, summed, sampled."""
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    top = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [top, *top.children(recursive=True)]:
                total += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.02)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.returncode == 0, out
    return peak, out
