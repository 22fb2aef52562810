"""How much of a film is encoded per language: cue-edge chunks against fixed 10 s chunks.

    python bench/cue_coverage.py                  # the plan only (no encoding): seconds
    python bench/cue_coverage.py --encode 10      # also build a 10 min 320x180 film

The cue tracks are two real ones, copied in tests/data/: pysrt's utf-8.srt (1,332
cues over 97 min, cues on 67 % of the time) and Subtitle Edit's
auto_detect_windows-1250.srt (1,132 cues, 123 min, 38 %), each as 3 languages with
the same timing (texts differ) and as 3 independently timed languages (the track and
two with its cue durations and gaps shuffled). Shots: one every 4 s on average (at
least 1 s); the master's keyframes on every shot and at most 250 frames apart.

Printed per case, side by side: the floor, today's scheme (``chunk_cuts: fixed``)
and the new one (``cues``): frames encoded for a language alone / film frames (the
floor is the coverage); frames shared by languages without a cue / film frames; all
frames encoded / (languages x film frames) (the floor: every frame once per language
with a cue there, once more if any has none); chunks; chunks changed when one cue
(with 2 s free on each side) moves by 0.4 s; frames a text edit of that cue
re-encodes / film frames; planning CPU seconds.

With ``--encode M`` it builds an M-minute 320x180 25 fps film (the ratios above do
not depend on the frame size) with the first track's first minutes in 1 and 3
languages, both schemes, and prints the CPU seconds of every process each build
started (RUSAGE_CHILDREN), the English film's video bit rate, the rebuild after a
one-cue text edit, and one x264 pass over the same frames with the same settings
(the command is printed) as the floor.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import resource
import shutil
import subprocess
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import yaml

from screening_kit.build import build, prepare
from screening_kit.clock import srt_seconds
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.plan import ChunkTask, chunk_bounds
from screening_kit.plan.cuts import cue_bounds, cue_spans
from screening_kit.progress import RecordingReporter
from screening_kit.subtitles.model import Cue
from screening_kit.subtitles.reader import read_subtitles

FPS = Fraction(25)
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TRACKS = {
    "pysrt utf-8.srt": DATA / "pysrt" / "utf-8.srt",
    "SE windows-1250.srt": DATA / "subtitleedit" / "auto_detect_windows-1250.srt",
}


def real_track(path: Path) -> list[Cue]:
    return read_subtitles(path).cues


def reshuffled(cues: list[Cue], rng: random.Random) -> list[Cue]:
    """The same cue durations and gaps in another order: a track with the same
    statistics, timed independently of the first."""
    durs = [c.end_ms - c.start_ms for c in cues]
    gaps = [b.start_ms - a.end_ms for a, b in itertools.pairwise(cues)]
    gaps = [max(80, g) for g in [cues[0].start_ms, *gaps]]
    rng.shuffle(durs)
    rng.shuffle(gaps)
    t, out = 0, []
    for i, (d, g) in enumerate(zip(durs, gaps, strict=True), 1):
        t += g
        out.append(Cue(i, t, t + d, f"line {i}"))
        t += d
    return out


def shots_and_keys(rng: random.Random, frames: int) -> tuple[list[int], list[int]]:
    shots, t = [], 0
    while True:
        t += 25 + round(rng.expovariate(1 / 75))
        if t >= frames:
            break
        shots.append(t)
    keys, last = [0], 0
    for s in [*shots, frames]:
        while s - last > 250:
            last += 250
            keys.append(last)
        if s < frames:
            keys.append(s)
            last = s
    return shots, keys


def own(bounds: list[tuple[int, int]], spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in bounds if any(a < e and b > s for a, b in spans))


def shared(bounds: list[tuple[int, int]], langs: list[list[tuple[int, int]]]) -> int:
    return sum(
        e - s for s, e in bounds if any(not any(a < e and b > s for a, b in sp) for sp in langs)
    )


def plan_figures(seed: int) -> None:
    print(f"{'track':20} {'languages':12} {'scheme':7} {'own/lang':>8} {'shared':>7} "
          f"{'all/(n*N)':>9} {'chunks':>6} {'moved 0.4s':>11} {'1 cue edit':>10} "
          f"{'plan s':>6}")  # fmt: skip
    for name, path in TRACKS.items():
        real = real_track(path)
        for kind in ("same timing", "independent"):
            rng = random.Random(seed)
            tracks = [real] * 3 if kind == "same timing" else [real] + [
                reshuffled(real, rng) for _ in range(2)
            ]  # fmt: skip
            frames = math.ceil(max(t[-1].end_ms for t in tracks) * 25 / 1000) + 250
            shots, keys = shots_and_keys(rng, frames)
            langs = [cue_spans(t, FPS, frames) for t in tracks]
            floor = sum(b - a for sp in langs for a, b in sp) / (3 * frames)
            # every frame: once per language with a cue, once more if any has none
            cover = [0] * (frames + 1)
            for sp in langs:
                for a, b in sp:
                    cover[a] += 1
                    cover[b] -= 1
            on, floor_all = 0, 0
            for f in range(frames):
                on += cover[f]
                floor_all += on + (1 if on < 3 else 0)
            print(f"{name:20} {kind:12} {'floor':7} {floor:8.3f} {'':7} "
                  f"{floor_all / (3 * frames):9.3f}   ({frames} frames)")  # fmt: skip
            moved = list(tracks[0])
            # the first cue past the middle with 2 s free on both sides: it makes cuts
            i = next(
                j for j in range(len(moved) // 2, len(moved) - 1)
                if moved[j].start_ms - moved[j - 1].end_ms >= 2000
                and moved[j + 1].start_ms - moved[j].end_ms >= 2000
            )  # fmt: skip
            moved[i] = Cue(moved[i].index, moved[i].start_ms + 400, moved[i].end_ms + 400, "x")
            moved_langs = [cue_spans(moved, FPS, frames), *langs[1:]]
            for scheme in ("fixed", "cues"):
                t0 = time.process_time()
                if scheme == "fixed":
                    bounds = chunk_bounds(frames, 250, keys)
                    after = bounds
                else:
                    bounds = cue_bounds(frames, langs, fps=FPS, max_frames=250, shots=shots,
                                        keyframes=keys)  # fmt: skip
                    after = cue_bounds(frames, moved_langs, fps=FPS, max_frames=250,
                                       shots=shots, keyframes=keys)  # fmt: skip
                took = (time.process_time() - t0) / (1 if scheme == "fixed" else 2)
                per = sum(own(bounds, sp) for sp in langs) / (3 * frames)
                sh = shared(bounds, langs) / frames
                changed = len(set(after) ^ set(bounds))
                # a text edit of that cue: its language's chunks over it, against the film
                c = tracks[0][i]
                span = cue_spans([c], FPS, frames)
                edit = own(bounds, span) / frames
                print(f"{'':20} {'':12} {scheme:7} {per:8.3f} {sh:7.3f} {per + sh / 3:9.3f} "
                      f"{len(bounds):6} {changed:11} {edit:10.4f} {took:6.2f}")  # fmt: skip


def write_srt(cues: list[Cue], path: Path, minutes: float) -> None:
    blocks = [
        f"{i}\n{srt_seconds(c.start_ms / 1000)} --> {srt_seconds(c.end_ms / 1000)}\n{c.text}\n"
        for i, c in enumerate((c for c in cues if c.end_ms < minutes * 60_000), 1)
    ]
    path.write_text("\n".join(blocks), "utf-8")


def make_film(path: Path, minutes: float, shots: list[int]) -> None:
    """Shots of alternating moving lavfi sources, cut on the given frames."""
    frames = round(minutes * 60 * 25)
    edges = [0, *[s for s in shots if s < frames], frames]
    sources = ["testsrc2", "mandelbrot", "rgbtestsrc", "smptehdbars", "life"]
    parts, labels = [], []
    for i, (a, b) in enumerate(itertools.pairwise(edges)):
        src = sources[i % len(sources)]
        extra = ":mold=10:ratio=0.1" if src == "life" else ""
        parts.append(f"{src}=s=320x180:r=25{extra},trim=end_frame={b - a},setpts=PTS-STARTPTS,"
                     f"hue=h={i * 37 % 360},format=yuv420p[v{i}]")  # fmt: skip
        labels.append(f"[v{i}]")
    graph = ";".join(parts) + ";" + "".join(labels) + f"concat=n={len(labels)}:v=1:a=0[v]"
    script = path.with_suffix(".graph")
    script.write_text(graph, "utf-8")
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-/filter_complex", str(script),
         "-f", "lavfi", "-i", f"sine=f=300:sample_rate=48000:d={minutes * 60}",
         "-map", "[v]", "-map", "0:a", "-c:v", "libx264", "-preset", "ultrafast",
         "-c:a", "pcm_s16le", "-shortest", str(path)],
        check=True,
    )  # fmt: skip


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def video_kbps(path: Path) -> float:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        size = sum(p.size for p in c.demux(s) if p.size)
        return size * 8 / float(s.duration * s.time_base) / 1000


def encode_figures(minutes: float, seed: int, keep: Path | None) -> None:
    work = keep or Path(tempfile.mkdtemp(prefix="cue-coverage-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    frames = round(minutes * 60 * 25)
    shots, _ = shots_and_keys(rng, frames)
    name, path = next(iter(TRACKS.items()))
    base = real_track(path)
    film = work / "film.mov"
    make_film(film, minutes, shots)
    results = {}
    edits: dict[str, float] = {}
    for scheme in ("fixed", "cues"):
        for langs in (["en"], ["en", "fr", "de"]):
            root = work / f"{scheme}-{len(langs)}"
            shutil.rmtree(root, ignore_errors=True)
            (root / "films").mkdir(parents=True)
            (root / "subtitles" / "film").mkdir(parents=True)
            (root / "playlists").mkdir()
            shutil.copy(film, root / "films" / film.name)
            for lang in langs:
                cues = [Cue(c.index, c.start_ms, c.end_ms, f"{lang} {c.text}") for c in base]
                write_srt(cues, root / "subtitles" / "film" / f"{lang}.srt", minutes)
            cfg = {
                "title": "Bench",
                "chunk_cuts": scheme,
                "countries": {g.upper(): {"name": g, "language": g} for g in langs},
                "films": [{"id": "film", "title": "Film", "source": f"films/{film.name}"}],
            }
            (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg), "utf-8")
            (root / "playlists" / "ceremony.yaml").write_text(
                yaml.safe_dump({"items": [{"film": "film"}]}), "utf-8"
            )
            plan = prepare(root).plan  # the check pass detects shots here, not counted
            encoded = sum(t.frames for t in plan.tasks.values() if isinstance(t, ChunkTask))
            cpu0, t0 = children_cpu(), time.monotonic()
            result = build(root, reporter=RecordingReporter())
            cpu, wall = children_cpu() - cpu0, time.monotonic() - t0
            kbps = video_kbps(result.out_dir / "EN" / "01_film.en.mp4")
            results[(scheme, len(langs))] = (cpu, wall, encoded, kbps)
            if len(langs) == 3:
                srt = root / "subtitles" / "film" / "en.srt"
                text = srt.read_text("utf-8")
                middle = text.count("\n\n") // 2
                blocks = text.split("\n\n")
                blocks[middle] = blocks[middle].rstrip() + " (edited)"
                srt.write_text("\n\n".join(blocks), "utf-8")
                cpu0 = children_cpu()
                build(root, reporter=RecordingReporter())
                edits[scheme] = children_cpu() - cpu0
    floor_cmd = [
        ffmpeg_exe(), "-v", "error", "-i", str(film), "-an", "-c:v", "libx264",
        "-preset", "medium", "-crf", "20", "-x264-params", "keyint=50:min-keyint=25",
        "-maxrate", "16000k", "-bufsize", "32000k", "-pix_fmt", "yuv420p",
        "-y", str(work / "floor.mp4"),
    ]  # fmt: skip
    cpu0 = children_cpu()
    subprocess.run(floor_cmd, check=True)
    floor_cpu = children_cpu() - cpu0
    print(f"\n{minutes} min 320x180 25 fps film, template {name!r} (texts differ by language)")
    print("x264 floor (one pass, tv-usb-1080p settings):", " ".join(floor_cmd))
    print(f"  floor: {floor_cpu:.1f} CPU-s, {video_kbps(work / 'floor.mp4'):.0f} kb/s")
    for (scheme, n_lang), (cpu, wall, encoded, kbps) in results.items():
        print(f"  {scheme:5} {n_lang} language(s): {cpu:6.1f} CPU-s ({cpu / floor_cpu:.2f}x floor)"
              f", {wall:5.1f} s wall under load, chunk frames {encoded / frames:.2f} x film, "
              f"EN video {kbps:.0f} kb/s")  # fmt: skip
    for scheme in ("fixed", "cues"):
        one, three = results[(scheme, 1)][0], results[(scheme, 3)][0]
        print(
            f"  {scheme}: 3 languages / (1 language x 3) = {three / (3 * one):.2f}; "
            f"one-cue text edit rebuild / full 1-language build = {edits[scheme] / one:.3f}"
        )
    # with one language no cut pays for itself: the cues scheme makes long chunks there
    b0, b1 = results[("fixed", 3)][3], results[("cues", 3)][3]
    print(f"  EN video bit rate, cues against fixed (3 languages): {100 * (b1 / b0 - 1):+.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--encode", type=float, metavar="MINUTES", help="also build a film")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temp folder)")
    ap.add_argument("--no-plan", action="store_true", help="skip the plan figures")
    args = ap.parse_args()
    if not args.no_plan:
        plan_figures(args.seed)
    if args.encode:
        encode_figures(args.encode, args.seed, args.keep)


if __name__ == "__main__":
    main()
