"""Last-day updates, measured side by side in one run on the demo ceremony.

    python bench/last_day.py                              # the demo as `make demo` builds it
    python bench/last_day.py --seconds 20 --width 640 --height 360   # quicker

1. a rebuild that changes nothing vs the full build: time, pieces encoded, files
   rewritten in dist/ (content, mtime or inode changed; the target is none)
2. sticks: `sync dist/ STICK/` after a one-cue edit in Arabic vs the first copy of
   every package: bytes written, files copied
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from screening_kit.build import build
from screening_kit.demo import make_demo
from screening_kit.progress import RecordingReporter
from screening_kit.sync import sync


def snapshot(dist: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for p in dist.rglob("*"):
        if p.is_file():
            st = p.stat()
            out[p.relative_to(dist).as_posix()] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def timed_build(root: Path) -> tuple[float, int]:
    t0 = time.monotonic()
    result = build(root, reporter=RecordingReporter(), force=True)
    encoded = sum(1 for k in result.execution.encoded if result.plan.tasks[k].work)
    return time.monotonic() - t0, encoded


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sk-last-day-") as tmp:
        root = Path(tmp) / "ws"
        make_demo(root, seconds=args.seconds, width=args.width, height=args.height)
        dist = root / "dist"
        t_full, n_full = timed_build(root)
        before = snapshot(dist)
        t_again, n_again = timed_build(root)
        after = snapshot(dist)
        rewritten = sorted(k for k in after if before.get(k) != after[k])
        rewritten += sorted(k for k in before if k not in after)
        print(f"demo: {args.seconds} s film at {args.width}x{args.height}, 8 countries")
        print(f"full build            {t_full:8.2f} s   {n_full} pieces encoded")
        print(
            f"no-change rebuild     {t_again:8.2f} s   {n_again} pieces encoded, "
            f"{len(rewritten)} files rewritten in dist/   ratio {t_again / t_full:.4f}"
        )
        for k in rewritten[:10]:
            print(f"    rewritten: {k}")

        stick = Path(tmp) / "stick"
        stick.mkdir()
        for code in sorted(p.name for p in dist.iterdir() if (p / "package.json").is_file()):
            (stick / code).mkdir()
        first = sync(dist, stick)
        whole = sum(r.bytes_copied for r in first)
        srt = root / "subtitles/documentary/ar.srt"
        text = srt.read_text("utf-8")
        srt.write_text(text.replace("شكراً لكم", "شكراً جزيلاً لكم", 1), "utf-8")
        t_edit, n_edit = timed_build(root)
        update = sync(dist, stick)
        changed = sum(r.bytes_copied for r in update)
        files = sum(len(r.copied) for r in update)
        print(f"one-cue edit rebuild  {t_edit:8.2f} s   {n_edit} pieces encoded")
        print(f"first copy to stick   {whole / 1e6:10.1f} MB  ({len(first)} packages)")
        print(
            f"sync after the edit   {changed / 1e6:10.1f} MB  ({files} files, "
            f"{', '.join(r.country for r in update if r.copied)} changed)   "
            f"ratio {changed / whole:.4f}"
        )
        ok = all(r.check is not None and r.check.ok for r in update)
        print(f"stick verifies as current: {ok}")
        print(f"(load average at the end: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
