"""How long `screening-kit fix` takes on 25 languages x 1,500 cues of a 90-minute film.

The workspace of bench/check_speed.py (a tiny 90-minute film, 25 languages, 1,500
cues each, 10 frames between cues: every gap is one to chain) plus a list of shot
changes (CSV, so no detection is timed) that puts a cut three frames before every
third cue. Times ``fix_workspace`` (read, repair, re-check what is left, diff
ready) and ``write_fixes``, the pure core ``fix_cues`` alone, and our diff against
``difflib.unified_diff`` on the same files.

    .venv/bin/python bench/fix_speed.py
"""

from __future__ import annotations

import difflib
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import yaml

from check_speed import CUES, FILM_SECONDS, make_workspace
from screening_kit.build import default_dirs
from screening_kit.cache import Cache
from screening_kit.config import load_workspace
from screening_kit.fix import fix_cues, fix_workspace, write_fixes
from screening_kit.subtitles.reader import parse_srt


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        n = make_workspace(root)
        step = FILM_SECONDS * 25 // CUES  # frames per cue slot
        cuts = [i * step + 2 for i in range(0, CUES, 3) if i]
        (root / "films" / "cuts.csv").write_text("".join(f"{c}\n" for c in cuts), "utf-8")
        cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
        cfg["films"][0]["shot_changes"] = "films/cuts.csv"
        (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
        ws = load_workspace(root)
        cache = Cache(default_dirs(root)[1])

        t0 = time.perf_counter()
        fixes = fix_workspace(ws, cache)
        t1 = time.perf_counter()
        diffs = sum(len(f.diff(root)) for f in fixes)
        t2 = time.perf_counter()
        written = write_fixes(fixes)
        t3 = time.perf_counter()
        core = 0.0
        for f in fixes:
            cues, _ = parse_srt(f.before, f.path)
            lang = ws.languages[f.language]
            c0 = time.perf_counter()
            fix_cues(
                cues,
                fps=Fraction(25),
                shots=cuts,
                film_frames=FILM_SECONDS * 25,
                rules=lang.rules,
                language=f.language,
                script=lang.script,
            )
            core += time.perf_counter() - c0
        changes = sum(len(f.changes) for f in fixes)
        cues_total = n * CUES
        print(f"{n} languages x {CUES} cues, 90-minute film, {len(cuts)} shot changes")
        rate = cues_total / (t1 - t0)
        print(f"fix_workspace: {t1 - t0:.2f} s ({changes} changes, {rate:.0f} cues/s)")
        print(f"unified diffs: {t2 - t1:.2f} s ({diffs / 1e6:.1f} MB of diff)")
        t = time.perf_counter()
        for f in fixes[:3]:
            a, b = f.before.splitlines(keepends=True), f.after.splitlines(keepends=True)
            list(difflib.unified_diff(a, b))
        per_file = (time.perf_counter() - t) / 3
        print(
            f"difflib.unified_diff instead: {per_file * len(fixes):.2f} s (3 files timed), "
            f"x{per_file * len(fixes) / (t2 - t1):.0f} ours"
        )
        print(f"write_fixes: {t3 - t2:.2f} s ({len(written)} files)")
        print(f"fix_cues alone: {core:.2f} s ({core / (t1 - t0):.0%} of fix_workspace)")


if __name__ == "__main__":
    main()
