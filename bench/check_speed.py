"""How long `screening-kit check` takes on 25 languages of a 90-minute film.

Generates a workspace in a temp dir: one tiny 90-minute film (32x32, 25 fps, black),
25 countries in 25 languages, 1,500 cues each (SRT text only), then times
``qc.check_workspace`` and the `screening-kit check` command end to end.

    .venv/bin/python bench/check_speed.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from screening_kit.build import default_dirs
from screening_kit.cache import Cache
from screening_kit.config import load_workspace
from screening_kit.demo import srt_time
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.languages import KNOWN_LANGUAGES
from screening_kit.qc import check_workspace
from screening_kit.shots import film_shot_changes

FILM_SECONDS = 90 * 60
CUES = 1500
# every other cue has two lines; all within the limits at 3.2 s on screen
LINES = {
    "latin": ("The film continues after a pause,", "thank you for coming."),
    "cyrillic": ("Фильм продолжится после паузы,", "спасибо, что вы с нами."),
    "arabic": ("يستمر الفيلم بعد هذه الاستراحة،", "شكراً لكم على حضوركم."),
    "hangul": ("잠시 후 영상이 계속됩니다.", "함께해 주셔서 감사합니다."),
    "japanese": ("少し休みます。", "続きます。"),
}
# 23 known languages and two more with an explicit script
EXTRA = {"uz": ("Uzbek", "latin"), "mn": ("Mongolian", "cyrillic")}


def make_workspace(root: Path) -> int:
    (root / "films").mkdir(parents=True)
    (root / "playlists").mkdir()
    subs = root / "subtitles" / "doc"
    subs.mkdir(parents=True)
    subprocess.run(
        [
            ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            f"color=c=black:s=32x32:r=25:d={FILM_SECONDS}", "-c:v", "libx264",
            "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(root / "films" / "film.mp4"),
        ],
        check=True,
    )  # fmt: skip
    langs = {code: (k.name, k.script) for code, k in KNOWN_LANGUAGES.items()} | EXTRA
    step = FILM_SECONDS / CUES
    for code, (_, script) in langs.items():
        a, b = LINES[script]
        blocks = []
        for i in range(CUES):
            start = i * step + 0.2
            end = start + min(step - 0.4, 3.2)
            text = f"{a}\n{b}" if i % 2 else a
            blocks.append(f"{i + 1}\n{srt_time(start)} --> {srt_time(end)}\n{text}\n\n")
        (subs / f"{code}.srt").write_text("".join(blocks), "utf-8")
    countries = {
        f"C{code.upper()}": {"name": n, "language": code} for code, (n, _) in langs.items()
    }
    cfg = {
        "title": "Speed",
        "playlist": "playlists/p.yaml",
        "languages": {code: {"name": n, "script": s} for code, (n, s) in EXTRA.items()},
        "countries": countries,
        "films": [{"id": "doc", "title": "Doc", "source": "films/film.mp4"}],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "p.yaml").write_text("items:\n  - film: doc\n", "utf-8")
    return len(langs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        n = make_workspace(root)
        # shot changes are detected once per film (bench/shots_speed.py times that);
        # detect them here so what follows times the checks themselves
        t = time.perf_counter()
        ws = load_workspace(root)
        film_shot_changes(ws, ws.ceremony.films[0], Cache(default_dirs(root)[1]))
        print(f"shot detection (once, black 32x32 film): {time.perf_counter() - t:.2f} s")
        t0 = time.perf_counter()
        report = check_workspace(root)
        t1 = time.perf_counter()
        cmd = [str(Path(sys.executable).with_name("screening-kit")), "check", str(root)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        t2 = time.perf_counter()
        cues = sum(len(t.cues) for t in report.tracks.values())
        print(f"{n} languages, {cues} cues, 90-minute film")
        print(f"check_workspace: {t1 - t0:.2f} s ({len(report.findings)} findings)")
        print(f"screening-kit check (new process): {t2 - t1:.2f} s, exit {proc.returncode}")


if __name__ == "__main__":
    main()
