"""A slideshow rendered in pieces (what the build does) against the same cycle as one
ffmpeg graph (what it did), side by side in one run: time and the peak memory of the
largest ffmpeg process; then a one-caption edit against the full render.

    python bench/slideshow_pieces.py                  # 48 photos, 2 s each, 720p
    python bench/slideshow_pieces.py --photos 96 --profile tv-usb-1080p --per-piece 8
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from screening_kit.plan.slideshow import PHOTOS_PER_PIECE

# run in a child per variant, so each one's ffmpeg children are measured alone
CHILD = """
import json, resource, sys, time
from pathlib import Path
import screening_kit.plan.slideshow as s
from screening_kit.build import build
from screening_kit.progress import RecordingReporter
root, per_piece = Path(sys.argv[1]), int(sys.argv[2])
s.PHOTOS_PER_PIECE = per_piece
t0 = time.monotonic()
result = build(root, reporter=RecordingReporter())
pieces = sum(1 for t in result.plan.tasks.values() if type(t).__name__ == "SlideshowTask")
print(json.dumps({"seconds": time.monotonic() - t0, "pieces": pieces,
                  "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def make_workspace(root: Path, photos: int, seconds: float, profile: str) -> None:
    folder = root / "photos"
    folder.mkdir(parents=True)
    rnd = random.Random(1)
    for i in range(photos):
        img = Image.new("RGB", (2400, 1600), tuple(rnd.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(img)
        for _ in range(40):  # some detail for the encoder and the Ken Burns moves
            x, y = rnd.randrange(2400), rnd.randrange(1600)
            colour = tuple(rnd.randrange(256) for _ in range(3))
            draw.ellipse((x, y, x + rnd.randrange(50, 400), y + rnd.randrange(50, 400)), colour)
        img.save(folder / f"{i:04d}.jpg", quality=90)
    captions = {f"{i:04d}.jpg": {"en": f"Photo number {i + 1}"} for i in range(photos)}
    (folder / "captions.yaml").write_text(yaml.safe_dump(captions), "utf-8")
    cfg = {
        "title": "Bench",
        "profile": profile,
        "countries": {"GB": {"name": "United Kingdom", "language": "en"}},
        "slideshows": [
            {"id": "show", "title": "Show", "photos": "photos", "captions": "captions.yaml",
             "seconds_per_photo": seconds, "crossfade": seconds / 4}
        ],
    }  # fmt: skip
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
    (root / "playlists").mkdir()
    (root / "playlists" / "ceremony.yaml").write_text("items: [{slideshow: show}]\n", "utf-8")


def run(root: Path, per_piece: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), str(per_piece)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=48)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--profile", default="web-720p")
    ap.add_argument("--per-piece", type=int, default=PHOTOS_PER_PIECE)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-slideshow-") as tmp:
        results = {}
        for name, per_piece in (("one graph", 10**9), ("pieces", args.per_piece)):
            root = Path(tmp) / name.replace(" ", "-")
            make_workspace(root, args.photos, args.seconds, args.profile)
            results[name] = run(root, per_piece)
        # one caption changed: only the piece holding that photo is encoded again
        root = Path(tmp) / "pieces"
        notes = root / "photos" / "captions.yaml"
        notes.write_text(notes.read_text("utf-8").replace("Photo number 5\n", "Photo five\n"))
        t0 = time.monotonic()
        edit = run(root, args.per_piece)
        edit["seconds"] = min(edit["seconds"], time.monotonic() - t0)
    one, pieces = results["one graph"], results["pieces"]
    print(
        f"{args.photos} photos x {args.seconds} s, {args.profile}, captions in English, "
        f"{args.per_piece} photos per piece"
    )
    for name, r in (*results.items(), ("one caption edited", edit)):
        print(f"{name:20} {r['seconds']:8.1f} s   largest ffmpeg {r['peak_mib']:7.0f} MiB")
    print(f"pieces / one graph:  time {pieces['seconds'] / one['seconds']:.2f}   "
          f"peak memory {pieces['peak_mib'] / one['peak_mib']:.2f}")  # fmt: skip
    print(f"caption edit / full pieces render: time {edit['seconds'] / pieces['seconds']:.2f}")


if __name__ == "__main__":
    main()
