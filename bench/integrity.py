"""What checking the cache costs, every ratio taken side by side in one run.

    python bench/integrity.py                # 30 s 1080p25 demo film, one country
    python bench/integrity.py --seconds 120

1. an unchanged rebuild (every delivered object's sha256 read back, packages copied
   and hashed) against the full build it repeats
2. per delivered file: copying it into a package and hashing the copy (what packaging
   does now) against a hard link (what it did), and against encoding that file
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from screening_kit.build import build
from screening_kit.cache import Cache
from screening_kit.demo import make_demo
from screening_kit.package.assemble import copy_checked
from screening_kit.progress import RecordingReporter


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-integrity-") as tmp:
        root = Path(tmp) / "ws"
        make_demo(root, seconds=args.seconds)
        t0 = time.monotonic()
        first = build(root, countries=["GB"], reporter=RecordingReporter(), force=True)
        full = time.monotonic() - t0
        t0 = time.monotonic()
        again = build(root, countries=["GB"], reporter=RecordingReporter(), force=True)
        rebuild = time.monotonic() - t0
        assert not [k for k in again.execution.encoded if again.plan.tasks[k].work]

        cache = Cache(first.cache_dir)
        items = first.plan.countries[0].items
        objects = [cache.path(i.key, i.ext) for i in items]
        size = sum(p.stat().st_size for p in objects)
        out = Path(tmp) / "out"
        out.mkdir()
        t0 = time.monotonic()
        for n, p in enumerate(objects):
            os.link(p, out / f"link{n}")
        linked = time.monotonic() - t0
        t0 = time.monotonic()
        for n, p in enumerate(objects):
            copy_checked(cache, p, out / f"copy{n}")
        copied = time.monotonic() - t0

    print(f"film {args.seconds} s 1080p25, one country, {size / 1e6:.0f} MB delivered")
    print(f"full build            {full:8.2f} s")
    print(f"unchanged rebuild     {rebuild:8.2f} s   ratio to the full build {rebuild / full:.3f}")
    print(f"hard links            {linked:8.4f} s")
    print(
        f"copies, hashed        {copied:8.4f} s   ratio to the full build {copied / full:.4f}"
        f" ({size / 1e6 / max(copied, 1e-9):.0f} MB/s)"
    )


if __name__ == "__main__":
    main()
