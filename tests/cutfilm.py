"""A generated film with shot changes at known frames, for shot detection tests and bench.

One cycle of 350 frames: moving test pattern | hard cut | still bars | hard cut |
slow pan over smooth noise, dissolving over 25 frames into | slowly moving gradients |
hard cut | test pattern | hard cut | still noise. Repeating the cycle adds a hard
cut at every cycle boundary.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from screening_kit.ffmpeg import ffmpeg_exe

CYCLE = 350
HARD_CUTS = (50, 100, 250, 300)  # first frame of each new shot, at 25 fps
DISSOLVE = (175, 200)  # frames during which one shot dissolves into the next
STILLS = ((50, 100), (300, 350))
PAN = (100, 175)


@dataclass(frozen=True)
class CutFilm:
    path: Path
    frames: int
    hard_cuts: tuple[int, ...]
    dissolves: tuple[tuple[int, int], ...]
    stills: tuple[tuple[int, int], ...]
    pans: tuple[tuple[int, int], ...]


def _graph(w: int, h: int) -> str:
    def fit(label: str) -> str:
        return f"scale={w}:{h},setsar=1,fps=25,format=yuv420p[{label}]"

    big = f"{w * 2}x{h * 2}"
    return ";".join(
        [
            f"testsrc2=s={w}x{h}:r=25:d=2,{fit('a')}",
            f"smptebars=s={w}x{h}:r=25:d=2,{fit('b')}",
            # a still texture larger than the frame, panned by half a pixel per frame
            f"perlin=s={big}:r=25:octaves=4:persistence=0.6:tscale=0:xscale=0.5:"
            f"yscale=0.5:seed=7,trim=end_frame=100,setpts=N/25/TB,"
            f"crop={w}:{h}:x='n*{w}/640':y={h // 2},eq=contrast=3,{fit('c')}",
            f"gradients=s={w}x{h}:r=25:d=3:speed=0.002:seed=3,{fit('e')}",
            f"[c][e]xfade=transition=fade:duration=1:offset=3,{fit('ce')}",
            f"testsrc=s={w}x{h}:r=25:d=2,hue=h=90,{fit('f')}",
            f"perlin=s={w}x{h}:r=25:tscale=0:seed=99:octaves=3,trim=end_frame=50,"
            f"setpts=N/25/TB,{fit('g')}",
            "[a][b][ce][f][g]concat=n=5:v=1:a=0[out]",
        ]
    )


def make_cut_film(
    path: Path, size: tuple[int, int] = (320, 180), cycles: int = 1, preset: str = "ultrafast"
) -> CutFilm:
    """Write the film (H.264, 25 fps, no audio); ``cycles`` > 1 repeats it by stream copy.
    ``preset`` "veryfast" or slower gives a stream that decodes like a real master
    (CABAC, B-frames)."""
    w, h = size
    one = path.with_name(f"{path.stem}.cycle{path.suffix}") if cycles > 1 else path
    subprocess.run(
        [
            ffmpeg_exe(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-filter_complex",
            _graph(w, h),
            "-map",
            "[out]",
            "-frames:v",
            str(CYCLE),
            "-c:v",
            "libx264",
            "-preset",
            preset,
            "-g",
            "50",
            "-pix_fmt",
            "yuv420p",
            str(one),
        ],
        check=True,
    )
    if cycles > 1:
        listing = path.with_name(f"{path.stem}.txt")
        listing.write_text(f"file '{one.name}'\n" * cycles, "utf-8")
        subprocess.run(
            [
                ffmpeg_exe(),
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                "-c",
                "copy",
                str(path),
            ],
            check=True,
        )
        listing.unlink()
        one.unlink()

    def every(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple((a + k * CYCLE, b + k * CYCLE) for k in range(cycles) for a, b in spans)

    cuts = tuple(c + k * CYCLE for k in range(cycles) for c in HARD_CUTS)
    cuts += tuple(k * CYCLE for k in range(1, cycles))
    return CutFilm(
        path,
        CYCLE * cycles,
        tuple(sorted(cuts)),
        every((DISSOLVE,)),
        every(STILLS),
        every((PAN,)),
    )
