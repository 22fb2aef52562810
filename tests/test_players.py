"""What real players play from our playlists, headless: VLC (as an unprivileged
user: it refuses root) and mpv, each logging the files it opens. Both must play
every repeat, i.e. the full running time: mpv and most TV players ignore
``#EXTVLCOPT:input-repeat``, so ceremony.m3u8 lists each repeat as its own entry;
VLC plays ceremony.xspf (one track per item, VLC's repeat option) in the same order."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening_kit.package.playlists import Entry, m3u8, xspf
from tests.conftest import ffmpeg

ORDER = [Entry("01_photos.mp4", "Photos", 0.6, 3), Entry("02_film.ru.mp4", "Film", 0.8, 1)]
PLAYS = ["01_photos.mp4"] * 3 + ["02_film.ru.mp4"]
RUNNING = sum(e.duration * e.repeat for e in ORDER)


@pytest.fixture(scope="module")
def package() -> Iterator[Path]:
    """A package folder an unprivileged user can read (pytest's tmp folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="sk-players-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        for e in ORDER:
            ffmpeg(
                "-f", "lavfi", "-i", f"testsrc2=s=64x36:r=25:d={e.duration}",
                "-f", "lavfi", "-i", f"sine=f=440:sample_rate=48000:d={e.duration}",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", str(folder / e.filename),
            )  # fmt: skip
        (folder / "ceremony.m3u8").write_text(m3u8("Ceremony", ORDER), "utf-8")
        (folder / "ceremony.xspf").write_text(xspf("Ceremony", ORDER), "utf-8")
        for p in folder.iterdir():
            p.chmod(0o644)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _need(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{tool} is required in CI (scripts/ensure-system-packages.sh)")
        pytest.skip(f"{tool} is not installed")
    return exe


def vlc_plays(playlist: Path) -> list[str]:
    """The files VLC plays, in order: each file it opens, and each repeat of it."""
    cvlc = _need("cvlc")
    cmd = [cvlc, "--intf", "dummy", "--vout", "dummy", "--aout", "dummy"]
    cmd += ["--play-and-exit", "--no-one-instance", "-vv", str(playlist)]
    if os.geteuid() == 0:  # VLC refuses to run as root
        cmd = [_need("runuser"), "-u", "nobody", "--", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    plays: list[str] = []
    for line in (out.stdout + out.stderr).splitlines():
        m = re.search(r"`file://(.+?)' successfully opened", line)
        if m and not m.group(1).endswith((".xspf", ".m3u8")):
            plays.append(Path(m.group(1)).name)
        elif "repeating the same input" in line:
            plays.append(plays[-1])
    return plays


def mpv_plays(playlist: Path) -> list[str]:
    mpv = _need("mpv")
    out = subprocess.run(
        [mpv, "--no-config", "--vo=null", "--ao=null", "--msg-level=all=info", str(playlist)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return [Path(p).name for p in re.findall(r"^Playing: (.+)$", out.stdout + out.stderr, re.M)]


def running_time(plays: list[str]) -> float:
    durations = {e.filename: e.duration for e in ORDER}
    return sum(durations[name] for name in plays)


def test_mpv_plays_every_repeat_of_the_m3u8(package: Path) -> None:
    plays = mpv_plays(package / "ceremony.m3u8")
    assert plays == PLAYS
    assert running_time(plays) == pytest.approx(RUNNING)


def test_mpv_ignores_vlc_repeat_options(package: Path) -> None:
    """Why the repeats are entries: the VLC option written the old way plays once in mpv."""
    old = package / "old.m3u8"
    old.write_text(
        "#EXTM3U\n#EXTINF:0.600,Photos\n#EXTVLCOPT:input-repeat=2\n01_photos.mp4\n"
        "#EXTINF:0.800,Film\n02_film.ru.mp4\n",
        "utf-8",
    )
    old.chmod(0o644)
    assert mpv_plays(old) == ["01_photos.mp4", "02_film.ru.mp4"]


def test_vlc_plays_the_same_order_from_both_playlists(package: Path) -> None:
    for name in ("ceremony.xspf", "ceremony.m3u8"):
        plays = vlc_plays(package / name)
        assert plays == PLAYS, name
        assert running_time(plays) == pytest.approx(RUNNING)
