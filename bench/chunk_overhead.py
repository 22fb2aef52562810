"""What one more chunk costs: CPU of the extra ffmpeg process, bits of its keyframe.

    python bench/chunk_overhead.py             # 320x180 and 1920x1080, 500 frames

The same frames of a generated film (testsrc2 with a hard cut every 3 s) are encoded
with tv-usb-1080p's x264 settings as one piece and as pieces of 25, 50 and 100
frames (each its own ffmpeg, seeking like a chunk). Printed: CPU seconds of the
processes (RUSAGE_CHILDREN, so the machine's load does not count), the CPU of one
extra piece in frames of encoding, and the size against one piece. plan/cuts.py's
OVERHEAD_SECONDS comes from these figures.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import tempfile
from pathlib import Path

from screening_kit.ffmpeg import ffmpeg_exe

X264 = ["-c:v", "libx264", "-preset", "medium", "-crf", "20", "-maxrate", "16000k",
        "-bufsize", "32000k", "-x264-params", "keyint=50:min-keyint=25",
        "-pix_fmt", "yuv420p"]  # fmt: skip


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(args: list[str]) -> None:
    subprocess.run([ffmpeg_exe(), "-nostdin", "-v", "error", "-y", *args], check=True)


def source(path: Path, size: str, frames: int) -> None:
    # a hard cut every 75 frames (negated picture), keyframes every 50 and at the cuts
    run(["-f", "lavfi", "-i",
         f"testsrc2=s={size}:r=25,negate=enable='mod(floor(n/75),2)',format=yuv420p",
         "-frames:v", str(frames), "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
         str(path)])  # fmt: skip


def pieces(src: Path, work: Path, frames: int, size: int, threads: int) -> tuple[float, int]:
    c0, total = cpu(), 0
    for i, start in enumerate(range(0, frames, size)):
        n = min(size, frames - start)
        out = work / f"p{size}-{i}.mp4"
        seek = ["-ss", f"{(start - 0.5) / 25:.6f}"] if start else []
        run([*seek, "-i", str(src), "-frames:v", str(n), "-an", *X264,
             "-threads", str(threads), str(out)])  # fmt: skip
        total += out.stat().st_size
        out.unlink()
    return cpu() - c0, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--frames", type=int, default=500)
    ap.add_argument("--sizes", default="320x180,1920x1080")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chunk-overhead-"))
    print("x264:", " ".join(X264))
    for size in args.sizes.split(","):
        src = work / f"src-{size}.mp4"
        source(src, size, args.frames)
        whole_cpu, whole = pieces(src, work, args.frames, args.frames, 1)
        per_frame = whole_cpu / args.frames
        print(f"{size}: one piece of {args.frames}: {whole_cpu:.2f} CPU-s, {whole} bytes")
        for piece in (100, 50, 25):
            c, b = pieces(src, work, args.frames, piece, 1)
            extra = args.frames // piece - 1
            per_piece = (c - whole_cpu) / extra
            print(
                f"  pieces of {piece:3}: {c:6.2f} CPU-s, one more piece = "
                f"{per_piece:5.2f} CPU-s = {per_piece / per_frame:5.1f} frames; "
                f"size {100 * (b / whole - 1):+5.1f} % "
                f"({100 * (b / whole - 1) / extra:+.2f} % a piece of {args.frames} frames)"
            )


if __name__ == "__main__":
    main()
