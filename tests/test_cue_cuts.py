"""Films cut at cue edges and shot changes (plan/cuts.py): frame-exact at every cut,
frames without a cue encoded once for every language without one."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from screening_kit.build import build, prepare
from screening_kit.plan import ChunkTask, JoinTask
from screening_kit.progress import RecordingReporter

from .conftest import ffmpeg, write_workspace
from .mediacheck import video_props

EN = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:05,400 --> 00:00:06,400\nBye\n"
FR = "1\n00:00:01,000 --> 00:00:02,000\nBonjour\n\n2\n00:00:06,000 --> 00:00:07,200\nSalut\n"


def shots_source(path: Path) -> None:
    """8 s of testsrc2 at 25 fps in three shots (plain, negated, plain again: hard cuts
    on frames 75 and 130), keyframes every 40 frames and at the cuts."""
    ffmpeg(
        "-f", "lavfi", "-i",
        "testsrc2=s=320x180:r=25:d=8,negate=enable='between(n,75,129)',format=yuv420p",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "40", str(path),
    )  # fmt: skip


def top_rows(path: Path) -> np.ndarray:
    """Every frame's top half (the subtitles are drawn at the bottom), as grey levels."""
    with av.open(str(path)) as c:
        return np.stack(
            [f.to_ndarray(format="gray")[:90].astype(np.int16) for f in c.decode(video=0)]
        )


def test_cuts_at_cues_and_shots_are_frame_exact_and_shared(tmp_path: Path) -> None:
    src = tmp_path / "shots.mp4"
    shots_source(src)
    ws = write_workspace(tmp_path / "ws", src, cues={"en": EN, "fr": FR}, chunk_seconds=2)
    plan = prepare(ws).plan
    chunks = [t for t in plan.tasks.values() if isinstance(t, ChunkTask)]
    starts = {t.start for t in chunks}
    # cut where the first cues end (2.0 s: frame 50), at the second shot change and
    # where the source's keyframes make the seek cheap (one frame after them)
    assert 50 in starts and 130 in starts
    assert all(s in {0, 50, 130} or s % 40 == 1 for s in starts), starts
    # frames 50-134 have no cue in either language: shared by both films
    joins = [t for t in plan.tasks.values() if isinstance(t, JoinTask)]
    en, fr = ({plan.tasks[k].start: k for k in j.deps} for j in joins)  # type: ignore[attr-defined]
    shared = {s for s in en if en[s] == fr.get(s)}
    assert 50 in shared and 0 not in shared
    for t in chunks:
        if t.start in shared:
            assert t.ass is None and "[shared]" in t.label

    build(ws, reporter=RecordingReporter())
    source = top_rows(src)
    for lang in ("en", "fr"):
        out = ws / "dist" / lang.upper() / f"01_film.{lang}.mp4"
        assert video_props(out).frames == len(source) == 200
        got = top_rows(out)
        # each output frame is nearest to the source frame of its own number, on both
        # sides of every cut
        for s in sorted(starts - {0}):
            for i in (s - 1, s):
                err = [np.abs(got[i] - source[j]).mean() for j in (i - 1, i, i + 1)]
                assert int(np.argmin(err)) == 1, (lang, i, err)


def test_a_build_of_one_country_cuts_as_a_build_of_all(tmp_path: Path) -> None:
    # the cuts follow every language's cues, not only those of the countries built:
    # building EN alone, then every country, encodes EN's chunks once
    src = tmp_path / "shots.mp4"
    shots_source(src)
    ws = write_workspace(tmp_path / "ws", src, cues={"en": EN, "fr": FR}, chunk_seconds=2)

    def chunks(countries: list[str] | None) -> set[str]:
        plan = prepare(ws, countries=countries).plan
        return {k for k, t in plan.tasks.items() if isinstance(t, ChunkTask)}

    alone, every = chunks(["EN"]), chunks(None)
    assert alone < every
