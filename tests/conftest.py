"""Shared fixtures: small synthetic media made with ffmpeg lavfi sources in tmp_path."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening_kit.demo import make_demo
from screening_kit.ffmpeg import ffmpeg_exe

# a tiny, fast profile with the same codec constraints as tv-usb-1080p
TEST_PROFILE = {
    "max_width": 320,
    "max_height": 180,
    "preset": "veryfast",  # keeps CABAC and 8x8dct, so the stream really is High
    "level": "4.1",
    "h264_profile": "high",
}


def ffmpeg(*args: str) -> None:
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-hide_banner", "-v", "error", "-y", *args], check=True
    )


@pytest.fixture
def make_video(tmp_path: Path) -> Callable[..., Path]:
    """make_video(name, seconds=2, size="320x180", rate="25", audio=True, extra_vf=None)."""

    def make(
        name: str = "film.mp4",
        seconds: float = 2,
        size: str = "320x180",
        rate: str = "25",
        audio: bool = True,
        extra_vf: str | None = None,
    ) -> Path:
        out = tmp_path / name
        args = ["-f", "lavfi", "-i", f"testsrc2=s={size}:r={rate}:d={seconds}"]
        if audio:
            args += ["-f", "lavfi", "-i", f"sine=f=440:sample_rate=48000:d={seconds}"]
        if extra_vf:
            args += ["-vf", extra_vf]
        args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        args += ["-c:a", "aac"] if audio else []
        ffmpeg(*args, "-shortest", str(out))
        return out

    return make


def shrink_workspace(root: Path, **overrides: object) -> None:
    """Make a demo workspace fast to build: tiny profile, short chunks and slides."""
    cfg_path = root / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    cfg["profiles"] = {"test": TEST_PROFILE}
    cfg["profile"] = "test"
    cfg["chunk_seconds"] = 2
    for show in cfg.get("slideshows", []):
        show["seconds_per_photo"] = 1
        show["crossfade"] = 0.25
    for film in cfg.get("films", []):
        for card in film.get("opening_cards", []) + film.get("closing_cards", []):
            card["duration"] = 1
            card["fade"] = 0.2
    cfg.update(overrides)
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def small_workspace(tmp_path: Path) -> Path:
    """The demo workspace at 320x180, 6 s film, 8 countries in 5 languages."""
    root = tmp_path / "ws"
    make_demo(root, seconds=6, width=320, height=180)
    shrink_workspace(root)
    return root


def write_workspace(
    root: Path,
    film: Path,
    *,
    cues: dict[str, str],
    cards: dict[str, list[str]] | None = None,
    countries: dict[str, str] | None = None,
    chunk_seconds: float = 2,
    profile: dict[str, object] | None = None,
) -> Path:
    """A one-film workspace. ``cues`` maps language -> SRT text; ``countries`` code -> lang."""
    import shutil

    (root / "films").mkdir(parents=True, exist_ok=True)
    (root / "subtitles" / "film").mkdir(parents=True, exist_ok=True)
    (root / "playlists").mkdir(exist_ok=True)
    shutil.copy(film, root / "films" / film.name)
    for lang, srt in cues.items():
        (root / "subtitles" / "film" / f"{lang}.srt").write_text(srt, "utf-8")
    film_cfg: dict[str, object] = {"id": "film", "title": "Film", "source": f"films/{film.name}"}
    if cards:
        film_cfg["opening_cards"] = [{"id": "title", "duration": 1, "fade": 0.2}]
        for lang, lines in cards.items():
            (root / "subtitles" / "film" / f"cards.{lang}.yaml").write_text(
                yaml.safe_dump({"title": lines}, allow_unicode=True), "utf-8"
            )
    countries = countries or {lang.upper(): lang for lang in cues}
    cfg = {
        "title": "Test ceremony",
        "profile": "test",
        "chunk_seconds": chunk_seconds,
        "profiles": {"test": profile or TEST_PROFILE},
        "countries": {c: {"name": c, "language": lang} for c, lang in countries.items()},
        "films": [film_cfg],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text(
        yaml.safe_dump({"items": [{"film": "film"}]}), "utf-8"
    )
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium through playwright, one per test module."""
    from tests._mission import playwright_browser

    yield from playwright_browser()
