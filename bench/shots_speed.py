"""Shot detection: speed and accuracy of ffmpeg's scdet (ours) against PySceneDetect.

Generates a 1080p film with shot changes at known frames (tests/cutfilm.py: hard
cuts, a dissolve, stills, a slow pan; x264 veryfast, so it decodes like a real
master), about 5 minutes long, then in one run times:

- a plain ffmpeg decode of the film (the floor: nothing can be faster),
- ``shots.detect_shot_changes`` (scdet on frames scaled to 480 wide),
- PySceneDetect's ContentDetector with its PyAV backend, when it is installed
  (``pip install scenedetect-headless``; not a dependency of screening-kit).

and prints frames per second, the ratio to the plain decode, the seconds a
90-minute film would take at that rate, and for each detector the hard cuts found
within one frame, the cuts missed, false cuts (in stills, pans or elsewhere) and
what it did with each dissolve.

    .venv/bin/python bench/shots_speed.py [--seconds 300] [--size 1920x1080]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cutfilm import CYCLE, CutFilm, make_cut_film

from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.shots.detect import detect_shot_changes

FEATURE_FRAMES = 90 * 60 * 25


def plain_decode(film: CutFilm) -> list[int]:
    subprocess.run(
        [
            ffmpeg_exe(),
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(film.path),
            "-map",
            "0:v:0",
            "-f",
            "null",
            "-",
        ],
        check=True,
    )
    return []


def scdet(film: CutFilm) -> list[int]:
    with tempfile.TemporaryDirectory() as scratch:
        return detect_shot_changes(film.path, Path(scratch))


def pyscenedetect(film: CutFilm) -> list[int]:
    from scenedetect import SceneManager, open_video
    from scenedetect.detectors import ContentDetector

    video = open_video(str(film.path), backend="pyav")
    manager = SceneManager()
    manager.auto_downscale = True
    manager.add_detector(ContentDetector())
    manager.detect_scenes(video)
    return [start.frame_num for start, _ in manager.get_scene_list()][1:]


def accuracy(film: CutFilm, found: list[int]) -> str:
    hits = [c for c in film.hard_cuts if any(abs(f - c) <= 1 for f in found)]
    in_dissolve = [f for f in found if any(a - 1 <= f <= b + 1 for a, b in film.dissolves)]
    false = [
        f
        for f in found
        if f not in in_dissolve and not any(abs(f - c) <= 1 for c in film.hard_cuts)
    ]
    in_still_or_pan = [f for f in false if any(a < f < b for a, b in film.stills + film.pans)]
    return (
        f"hard cuts found {len(hits)}/{len(film.hard_cuts)}, false cuts {len(false)} "
        f"({len(in_still_or_pan)} in stills or pans), dissolves marked "
        f"{len({(a, b) for a, b in film.dissolves for f in in_dissolve if a - 1 <= f <= b + 1})}"
        f"/{len(film.dissolves)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    cycles = max(1, round(args.seconds * 25 / CYCLE))
    with tempfile.TemporaryDirectory(prefix="shots-bench-") as tmp:
        t = time.perf_counter()
        film = make_cut_film(Path(tmp) / "film.mp4", (w, h), cycles, preset="veryfast")
        print(
            f"film: {w}x{h} 25 fps, {film.frames} frames ({film.frames / 25:.0f} s), "
            f"{len(film.hard_cuts)} hard cuts, {len(film.dissolves)} dissolves "
            f"(made in {time.perf_counter() - t:.0f} s)"
        )
        runs: list[tuple[str, Callable[[CutFilm], list[int]]]] = [
            ("plain decode", plain_decode),
            ("scdet (ours)", scdet),
        ]
        try:
            import scenedetect  # noqa: F401

            runs.append(("PySceneDetect", pyscenedetect))
        except ImportError:
            print("PySceneDetect not installed: pip install scenedetect-headless to compare")
        floor = 0.0
        for name, fn in runs:
            t = time.perf_counter()
            found = fn(film)
            took = time.perf_counter() - t
            floor = floor or took
            fps = film.frames / took
            line = (
                f"{name:14s} {took:7.2f} s  {fps:7.0f} fps  x{took / floor:4.2f} of decode  "
                f"90 min: {FEATURE_FRAMES / fps:6.0f} s"
            )
            if fn is not plain_decode:
                line += f"  {accuracy(film, found)}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
