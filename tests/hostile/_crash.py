"""What the issue-16 tests share: a tiny workspace built once, the CLI run in a
subprocess that is killed (or paused) at a chosen file operation (_killer.py), and
a snapshot of everything outside the folders a run may change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from screening_kit.verify import verify_package

from ..conftest import ffmpeg, write_workspace

KILLER = Path(__file__).with_name("_killer.py")
CUE = "1\n00:00:00,100 --> 00:00:00,900\n{text}\n"


def tiny_workspace(root: Path) -> Path:
    """One second of 160x90 film, one English cue, country GB."""
    root.mkdir(parents=True)
    film = root / "master.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=1",
        "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=1",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest", str(film),
    )  # fmt: skip
    ws = write_workspace(
        root / "ws", film, cues={"en": CUE.format(text="Hello")}, countries={"GB": "en"},
        chunk_seconds=1,
    )  # fmt: skip
    film.unlink()
    return ws


def set_cue(ws: Path, text: str) -> None:
    (ws / "subtitles" / "film" / "en.srt").write_text(CUE.format(text=text), "utf-8")


def env_for(tmp: Path, **extra: str) -> dict[str, str]:
    """The CLI's environment: its own TMPDIR (so a write there is seen), wide lines."""
    tmp.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "COLUMNS": "400", **extra}


def run(
    args: list[str], env: dict[str, str], *, hook: bool = True
) -> subprocess.CompletedProcess[str]:
    """The CLI through the fault-injection hook (or without it), in its own session
    (so a kill at a chosen point takes its ffmpeg children and nothing else)."""
    cli = [str(KILLER)] if hook else ["-m", "screening_kit"]
    return subprocess.run(
        [sys.executable, *cli, *args],
        env=env, capture_output=True, text=True, start_new_session=True,
        stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(KILLER), *args],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip


def state(top: Path, skip: tuple[Path, ...]) -> dict[str, tuple[str, int, bytes]]:
    """Every path under ``top`` but those in ``skip``: kind, size and bytes (links:
    where they point), to compare before and after a run."""
    out: dict[str, tuple[str, int, bytes]] = {}
    for dirpath, dirs, files in os.walk(top):
        here = Path(dirpath)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in dirs + files:
            p = here / name
            if p in skip:
                continue
            rel = str(p.relative_to(top))
            if p.is_symlink():
                out[rel] = ("link", 0, os.readlink(p).encode())
            elif p.is_dir():
                out[rel] = ("dir", 0, b"")
            else:
                out[rel] = ("file", p.stat().st_size, p.read_bytes())
    return out


def verifies(folder: Path) -> bool:
    return verify_package(folder, decode_media=False).ok


def copy_package(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
