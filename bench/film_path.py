"""Film-path benchmarks, every ratio taken side by side in one run.

    python bench/film_path.py                 # 60 s 1080p25 film: ours vs hand-written ffmpeg
    python bench/film_path.py --seconds 300 --all

1. full build of one language vs one hand-written ffmpeg command with the same
   settings (cards, scale/pad, burn-in, loudnorm two-pass, x264, AAC, faststart)
2. (--all) one-cue edit rebuild vs the full build of the same language
3. (--all) three languages whose cues cover half of the chunks vs three independent encodes
4. (--all) six countries sharing three languages vs three countries with those languages
5. peak memory (RSS of this process and every ffmpeg it starts, summed) of the builds
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import yaml

from screening_kit.build import build, prepare
from screening_kit.clock import srt_seconds
from screening_kit.demo import make_demo
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import resolve_font
from screening_kit.plan import LOUDNORM, CardTask, ChunkTask
from screening_kit.progress import RecordingReporter
from screening_kit.render import audio as acmd
from screening_kit.subtitles.ass import AssStyle, build_ass
from screening_kit.subtitles.reader import read_subtitles


class PeakRss:
    """Sum of RSS over this process and its descendants, sampled every 100 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> int:
        me = os.getpid()
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents[int(d)] = int(fields[1])
                rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
        total = 0
        for pid, size in rss.items():
            p = pid
            while p and p != me:
                p = parents.get(p, 0)
            if p == me:
                total += size
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._tree_rss())

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    out = fn(*args, **kw)
    return time.monotonic() - t0, out


def half_covered_srt(root: Path, text: str) -> str:
    """A 4 s cue inside every other chunk the planner makes for this workspace's film
    (chunk boundaries follow the source's keyframes, not multiples of 10 s)."""
    plan = prepare(root).plan
    spans = sorted(
        {(t.start / t.fmt.fps, (t.start + t.frames) / t.fmt.fps)
         for t in plan.tasks.values() if isinstance(t, ChunkTask)}
    )  # fmt: skip
    blocks = []
    for i, (t0, _) in enumerate(spans[::2], 1):
        a = float(t0) + 1
        blocks.append(f"{i}\n{srt_seconds(a)} --> {srt_seconds(a + 4)}\n{text} {i}\n")
    return "\n".join(blocks)


def make_workspace(root: Path, seconds: int, countries: dict[str, str]) -> None:
    make_demo(root, seconds=seconds)
    cfg_path = root / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    cfg["countries"] = {c: {"name": c, "language": lang} for c, lang in countries.items()}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text(
        yaml.safe_dump({"items": [{"film": "documentary"}]}), "utf-8"
    )


def hand_written(root: Path, country: str, out: Path) -> float:
    """What a careful person would type: measure loudness, then one encode command."""
    prep = prepare(root, countries=[country])
    tasks = list(prep.plan.tasks.values())
    cards = [t for t in tasks if isinstance(t, CardTask)]
    chunk = next(t for t in tasks if isinstance(t, ChunkTask))
    film = root / "films" / "documentary.mp4"
    lang = prep.ws.language_of(country)
    work = out.parent
    cues = read_subtitles(prep.ws.subtitle_path(prep.ws.film("documentary"), lang.code)).cues
    rf = resolve_font(lang)
    (work / "film.ass").write_text(
        build_ass(
            cues, AssStyle(rf.family, line_factor=rf.line_factor), chunk.fmt.width, chunk.fmt.height
        ),
        "utf-8",
    )
    for i, c in enumerate(cards):
        (work / f"card{i}.ass").write_text(c.ass, "utf-8")
    t0 = time.monotonic()
    measure = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-nostdin",
            "-i",
            str(film),
            "-vn",
            "-af",
            f"loudnorm=I={LOUDNORM['I']}:TP={LOUDNORM['TP']}:LRA={LOUDNORM['LRA']}:print_format=json",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    m = acmd.parse_loudnorm_json(measure.stderr)
    fmt, p = chunk.fmt, chunk.profile
    fps = f"{fmt.fps.numerator}/{fmt.fps.denominator}"
    sw, sh = chunk.scaled
    graph = []
    inputs: list[str] = ["-i", str(film)]
    for i, c in enumerate(cards):
        inputs += [
            "-f",
            "lavfi",
            "-i",
            f"color=c=black:s={fmt.width}x{fmt.height}:r={fps}:d={c.frames / fmt.fps}",
        ]
        f = c.fade_frames
        graph.append(
            f"[{i + 1}:v]subtitles=card{i}.ass:fontsdir={c.fonts_dir},"
            f"fade=t=in:s=0:n={f},fade=t=out:s={c.frames - f}:n={f},format=yuv420p[c{i}]"
        )
    graph.append(
        f"[0:v]scale={sw}:{sh},pad={fmt.width}:{fmt.height}:{(fmt.width - sw) // 2}:"
        f"{(fmt.height - sh) // 2},setsar=1,subtitles=film.ass:fontsdir={chunk.fonts_dir},"
        "format=yuv420p[f]"
    )
    # opening card(s), film, closing card(s): our demo has one of each
    labels = ["[c0]", "[f]"] + [f"[c{i}]" for i in range(1, len(cards))]
    graph.append("".join(labels) + f"concat=n={len(labels)}:v=1:a=0[v]")
    lead_ms = round(cards[0].frames / fmt.fps * 1000)
    graph.append(
        f"[0:a]loudnorm=I=-23:TP=-1:LRA=11:measured_I={m['input_i']}:measured_TP={m['input_tp']}"
        f":measured_LRA={m['input_lra']}:measured_thresh={m['input_thresh']}"
        f":offset={m['target_offset']}:linear=true,aresample=48000,"
        f"adelay={lead_ms}:all=1,apad[a]"
    )
    gop = round(p.gop_seconds * fmt.fps)
    subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-nostdin",
            "-v",
            "error",
            "-y",
            *inputs,
            "-filter_complex",
            ";".join(graph),
            "-map",
            "[v]",
            "-map",
            "[a]",
            "-shortest",
            "-c:v",
            "libx264",
            "-preset",
            p.preset,
            "-crf",
            str(p.crf),
            "-profile:v",
            "high",
            "-level:v",
            "4.1",
            "-maxrate",
            f"{p.maxrate_kbps}k",
            "-bufsize",
            f"{p.bufsize_kbps}k",
            "-x264-params",
            f"keyint={gop}:min-keyint={min(gop, 25)}",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "192k",
            "-ar",
            "48000",
            "-ac",
            "2",
            "-movflags",
            "+faststart",
            str(out),
        ],
        check=True,
        cwd=work,
    )
    return time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--all", action="store_true", help="also benchmarks 2-4")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temp folder)")
    args = ap.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="sk-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    langs = {"GB": "en", "KZ": "ru", "EG": "ar"}
    root = base / "ws"
    make_workspace(root, args.seconds, {"GB": "en"})
    # cues of real length (4 s; the demo's scale with the film), in every other chunk
    srt = root / "subtitles" / "documentary" / "en.srt"
    srt.write_text(half_covered_srt(root, "Sample"), "utf-8")
    print(f"film: {args.seconds} s 1080p25, x264 {os.cpu_count()} cores, work in {base}")

    hand_dir = base / "hand"
    hand_dir.mkdir(exist_ok=True)
    t_hand = hand_written(root, "GB", hand_dir / "hand.mp4")
    with PeakRss() as mem:
        t_ours, _ = timed(build, root, countries=["GB"], reporter=RecordingReporter())
    print(
        f"1. one language, full build: ours {t_ours:.1f} s, hand-written ffmpeg {t_hand:.1f} s, "
        f"ratio {t_ours / t_hand:.3f} (target <= 1.10)"
    )
    peaks = [mem.peak]
    if not args.all:
        print(f"5. peak memory (process tree): {mem.peak / 2**20:.0f} MiB (target < 1536 MiB)")
        return

    # an editor fixes the text of one cue (cue 2, 23-27 s)
    text = srt.read_text("utf-8")
    srt.write_text(text.replace("Sample 2\n", "Sample 2, corrected\n"), "utf-8")
    rep = RecordingReporter()
    with PeakRss() as mem:
        t_edit, _ = timed(build, root, countries=["GB"], reporter=rep)
    peaks.append(mem.peak)
    chunks = [e for e in rep.of("encoded") if "frames" in e]
    print(
        f"2. one-cue edit: rebuild {t_edit:.1f} s vs full {t_ours:.1f} s, "
        f"ratio {t_edit / t_ours:.3f} (target <= 0.08); re-encoded {chunks}"
    )

    # 3 languages, cues in every other chunk, fresh cache
    root3 = base / "ws3"
    make_workspace(root3, args.seconds, langs)
    for lang in langs.values():
        (root3 / "subtitles" / "documentary" / f"{lang}.srt").write_text(
            half_covered_srt(root3, {"en": "Sample", "ru": "Пример", "ar": "مثال"}[lang]),
            "utf-8",
        )
    with PeakRss() as mem:
        t_three, _ = timed(build, root3, reporter=RecordingReporter())
    peaks.append(mem.peak)
    print(
        f"3. three languages, cues in half the chunks: {t_three:.1f} s vs three independent "
        f"encodes 3 x {t_hand:.1f} s, ratio {t_three / (3 * t_hand):.3f} (target <= 0.70)"
    )

    # 6 countries sharing those 3 languages, fresh cache
    root6 = base / "ws6"
    shutil.copytree(root3, root6, ignore=shutil.ignore_patterns(".screening-kit", "dist"))
    cfg_path = root6 / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    six = {**langs, "IE": "en", "KG": "ru", "JO": "ar"}
    cfg["countries"] = {c: {"name": c, "language": lang} for c, lang in six.items()}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    with PeakRss() as mem:
        t_six, _ = timed(build, root6, reporter=RecordingReporter())
    peaks.append(mem.peak)
    print(
        f"4. six countries / three languages {t_six:.1f} s vs three countries {t_three:.1f} s, "
        f"ratio {t_six / t_three:.3f} (target <= 1.05)"
    )
    print(
        f"5. peak memory (process tree) over the builds: {max(peaks) / 2**20:.0f} MiB "
        "(target < 1536 MiB)"
    )


if __name__ == "__main__":
    main()
