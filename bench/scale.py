"""Many machines: what a Dask cluster buys, every ratio taken side by side in one run.

    python bench/scale.py                        # 2 languages, 60 s 1080p film
    python bench/scale.py --seconds 12 --height 360   # a quick check that it runs

1. The chunk phase (every chunk of both languages, x264 1 thread per task) on
   ``local:2`` against ``local:1``: speedup (target >= 1.8 on 2 cores); and on
   ``local:2`` against the local pool running 2 encodes of 1 thread: the cluster's
   overhead (target <= 5 %). Cluster start-up is outside the timings.
2. The rest of the build on ``local:1``, one task at a time with 1 thread, timing
   each: cards, audio loudness, soundtrack, join and mux. Audio, soundtrack, join
   and mux are scaled linearly from this film's length to 90 minutes (said so).
3. From those times, a model of wall time for a 25-country, 15-language, 90-minute
   1080p ceremony on 1, 4, 16 and 64 workers of 16 cores, naming the critical path.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from screening_kit.build import prepare
from screening_kit.cache import Cache
from screening_kit.demo import make_demo
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.plan import (
    AudioTask,
    CardTask,
    ChunkTask,
    JoinTask,
    MuxTask,
    Plan,
    SoundtrackTask,
    Task,
)
from screening_kit.progress import RecordingReporter
from screening_kit.render.cluster import execute_on_cluster, local_cluster
from screening_kit.render.execute import execute
from screening_kit.render.runtask import run_task

LANGUAGES = {"GB": "en", "KZ": "ru"}


class TimingReporter(RecordingReporter):
    def __init__(self) -> None:
        super().__init__()
        self.seconds: dict[str, float] = {}

    def task_done(self, label: str, seconds: float, work: int) -> None:
        self.seconds[label] = seconds
        super().task_done(label, seconds, work)


def make_workspace(root: Path, seconds: int, height: int, chunk_seconds: float) -> None:
    make_demo(root, seconds=seconds, width=height * 16 // 9, height=height)
    cfg_path = root / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    cfg["chunk_seconds"] = chunk_seconds
    cfg["countries"] = {c: {"name": c, "language": lang} for c, lang in LANGUAGES.items()}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text(
        yaml.safe_dump({"items": [{"film": "documentary"}]}), "utf-8"
    )


def chunk_plan(plan: Plan) -> Plan:
    """Only the chunks (of a source at the profile's rate: they depend on nothing)."""
    out = Plan()
    for t in plan.tasks.values():
        if isinstance(t, ChunkTask):
            out.add(t)
    return out


def on_pool(plan: Plan, cache: Path, jobs: int) -> float:
    t0 = time.monotonic()
    execute(plan, Cache(cache), RecordingReporter(), jobs=jobs)
    return time.monotonic() - t0


def on_cluster(plan: Plan, cache: Path, cluster: Any) -> float:
    t0 = time.monotonic()
    execute_on_cluster(
        plan, Cache(cache), RecordingReporter(), cluster.scheduler_address, threads_per_task=1
    )
    return time.monotonic() - t0


def audio_loudness(plan: Plan, work: Path, minutes: float) -> float:
    """Seconds the film's audio task (two loudnorm passes) takes on ``minutes`` of a
    master's stereo AAC track whose level moves (so pass 2 stays linear)."""
    task = next(t for t in plan.tasks.values() if isinstance(t, AudioTask))
    track = work / "long-audio.m4a"
    seconds = round(minutes * 60)
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
         f"anoisesrc=c=pink:r=48000:d={seconds}:a=0.1,"
         "volume='0.5+0.4*sin(2*PI*t/7)':eval=frame,aformat=channel_layouts=stereo",
         "-c:a", "aac", "-b:a", "192k", str(track)],
        check=True,
    )  # fmt: skip
    long = dataclasses.replace(
        task, key="0" * 40, source=track, samples=seconds * task.rate, offset_samples=0
    )
    t0 = time.monotonic()
    run_task(long, [], Cache(work / "audio-cache"), 1, lambda _n: None)
    return time.monotonic() - t0


@dataclass
class Measured:
    chunk: float  # seconds per 10 s chunk with subtitles, 1 thread
    card: float  # seconds per card, 1 thread
    audio_90: float  # audio loudness (two passes) of a 90-minute film
    soundtrack_90: float  # its soundtrack (AAC) for one card layout
    join_90: float  # joining a 90-minute film by stream copy
    mux_90: float  # muxing it with its soundtrack


def measure_tasks(
    plan: Plan,
    cache: Path,
    seconds: int,
    chunk_per_frame: float,
    audio_90: float,
    cluster: Any,
) -> Measured:
    """Every other task of a full build, one at a time with 1 thread (the chunks are
    in ``cache`` already); times as the worker measured them."""
    rep = TimingReporter()
    execute_on_cluster(plan, Cache(cache), rep, cluster.scheduler_address, threads_per_task=1)
    scale = 5400 / seconds

    def each(kind: type[Task]) -> list[float]:
        return [rep.seconds[t.label] for t in plan.tasks.values() if type(t) is kind]

    def per_film(kind: type[Task]) -> float:
        done = each(kind)
        return sum(done) / max(1, len(done)) * scale

    fps = next(t.fmt.fps for t in plan.tasks.values() if isinstance(t, ChunkTask))
    cards = each(CardTask)
    return Measured(
        chunk=chunk_per_frame * 10 * float(fps),
        card=sum(cards) / max(1, len(cards)),
        audio_90=audio_90,
        soundtrack_90=per_film(SoundtrackTask),
        join_90=per_film(JoinTask),
        mux_90=per_film(MuxTask),
    )


def model(m: Measured, workers: int, cores: int = 16) -> tuple[float, str]:
    """Wall time of the ceremony's first build and its critical path.

    15 languages; a 90-minute film at the profile's rate in 10 s chunks whose cues
    touch 90 % of them (the rest shared by every language); 2 opening cards per
    language; every encode one x264 thread, so a worker of 16 cores runs 16 at once.
    25 countries add nothing to encode: countries sharing a language share its render.
    Joins and muxes (one per language, at once) are stream copies: on real shared
    storage its throughput, not the cores, sets their time."""
    languages, minutes, coverage = 15, 90, 0.9
    per_film = minutes * 6
    chunks = math.ceil(per_film * (1 - coverage)) + languages * math.ceil(per_film * coverage)
    cards = 2 * languages
    slots = workers * cores
    # longest first: chunks run in rounds over the slots, the cards fill the gaps
    encode = max(math.ceil(chunks / slots) * m.chunk, (chunks * m.chunk + cards * m.card) / slots)
    video = encode + m.join_90
    sound = m.audio_90 + m.soundtrack_90  # one task per film, beside the encodes
    if video >= sound:
        return video + m.mux_90, "chunk encodes -> join -> mux"
    return sound + m.mux_90, "audio loudness -> soundtrack -> mux"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--chunk-seconds", type=float, default=10)
    ap.add_argument("--audio-minutes", type=float, default=10, help="audio loudness run")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sk-scale-"))
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.1f} at start: the ratios need an idle machine")
    try:
        root = work / "ws"
        make_workspace(root, args.seconds, args.height, args.chunk_seconds)
        prepared = prepare(root, force=True, check_subtitles=False)
        chunks = chunk_plan(prepared.plan)
        frames = sum(t.work for t in chunks.tasks.values() if isinstance(t, ChunkTask))
        print(
            f"chunk phase: {len(chunks.tasks)} chunks, {frames} frames, "
            f"{args.height}p, 2 languages, {args.seconds} s film"
        )
        times: dict[str, float] = {}
        with local_cluster(1) as one:
            times["local:1"] = on_cluster(chunks, work / "c1", one)
        with local_cluster(2) as two:
            times["local:2"] = on_cluster(chunks, work / "c2", two)
        times["pool -j2"] = on_pool(chunks, work / "c3", 2)
        for name, s in times.items():
            print(f"  {name:9} {s:8.1f} s  ({frames / s:.1f} fps)")
        speedup = times["local:1"] / times["local:2"]
        overhead = times["local:2"] / times["pool -j2"] - 1
        print(f"speedup local:2 / local:1: {speedup:.2f}x (target >= 1.8)")
        print(f"cluster overhead vs local pool at 2 x 1 thread: {overhead:+.1%} (target <= 5%)")

        audio = audio_loudness(prepared.plan, work, args.audio_minutes)
        audio_90 = audio * 90 / args.audio_minutes
        print(
            f"audio loudness (2 passes) of {args.audio_minutes:g} min: {audio:.1f} s; "
            f"scaled linearly to 90 min: {audio_90:.0f} s"
        )
        with local_cluster(1) as one:
            m = measure_tasks(
                prepared.plan, work / "c1", args.seconds, times["local:1"] / frames, audio_90, one
            )
        print(
            f"measured, 1 thread: chunk {m.chunk:.1f} s per 10 s, card {m.card:.1f} s; "
            f"scaled linearly from {args.seconds} s to 90 min: soundtrack "
            f"{m.soundtrack_90:.0f} s, join {m.join_90:.0f} s, mux {m.mux_90:.0f} s"
        )
        print("\n| workers (16 cores) | wall time | critical path |\n| --- | --- | --- |")
        for w in (1, 4, 16, 64):
            seconds, path = model(m, w)
            print(f"| {w} | {seconds / 3600:.2f} h ({seconds / 60:.0f} min) | {path} |")
        load = os.getloadavg()[0]
        if load > (os.cpu_count() or 1):
            print(f"warning: load average {load:.1f} at the end: figures taken under load")
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
