"""How long `screening-kit check` takes on 40 languages of a 90-minute film.

Generates a workspace in a temp dir: one tiny 90-minute film (32x32, 25 fps, black),
40 countries in 40 languages (every script family), 1,500 cues each (SRT text only),
then times ``qc.check_workspace`` and the `screening-kit check` command end to end.
The target (issue 9): under 3 s.

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
from screening_kit.clock import srt_seconds
from screening_kit.config import load_workspace
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.languages import describe
from screening_kit.qc import check_workspace
from screening_kit.shots import film_shot_changes

FILM_SECONDS = 90 * 60
CUES = 1500
# every other cue has two lines; all within the limits at 3.2 s on screen
LINES = {
    "Latn": ("The film continues after a pause,", "thank you for coming."),
    "Cyrl": ("Фильм продолжится после паузы,", "спасибо, что вы с нами."),
    "Grek": ("Η ταινία συνεχίζεται μετά το διάλειμμα,", "ευχαριστούμε."),
    "Armn": ("Ֆիլմը կշարունակվի դադարից հետո,", "շնորհակալություն։"),
    "Geor": ("ფილმი გაგრძელდება შესვენების შემდეგ,", "გმადლობთ."),
    "Arab": ("يستمر الفيلم بعد هذه الاستراحة،", "شكراً لكم على حضوركم."),
    "Hebr": ("הסרט יימשך אחרי ההפסקה,", "תודה שבאתם."),
    "Deva": ("फ़िल्म विराम के बाद जारी रहेगी,", "धन्यवाद।"),
    "Beng": ("বিরতির পরে ছবিটি চলবে,", "ধন্যবাদ।"),
    "Taml": ("இடைவேளைக்குப் பிறகு படம் தொடரும்,", "நன்றி."),
    "Thai": ("ภาพยนตร์จะฉายต่อหลังพักครู่หนึ่ง", "ขอบคุณที่มาร่วมงาน"),
    "Khmr": ("ខ្សែភាពយន្តនឹងបន្តបន្ទាប់ពីសម្រាក", "សូមអរគុណ"),
    "Ethi": ("ፊልሙ ከእረፍት በኋላ ይቀጥላል፤", "እናመሰግናለን።"),
    "Tibt": ("གློག་བརྙན་མུ་མཐུད་ཡོང་།", "ཐུགས་རྗེ་ཆེ།"),
    "Hans": ("短暂休息后继续放映，", "谢谢大家。"),
    "Hant": ("短暫休息後繼續放映，", "謝謝大家。"),
    "Kore": ("잠시 후 영상이 계속됩니다.", "함께해 주셔서 감사합니다."),
    "Jpan": ("少し休みます。", "続きます。"),
}
LANGUAGES = [
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "pl",
    "cs",
    "hu",
    "tr",
    "ro",
    "uz",
    "tk",
    "az",
    "ru",
    "uk",
    "be",
    "kk",
    "ky",
    "tg",
    "mn",
    "bg",
    "el",
    "hy",
    "ka",
    "ar",
    "fa",
    "ur",
    "he",
    "hi",
    "bn",
    "ta",
    "th",
    "km",
    "am",
    "bo",
    "zh-Hans",
    "zh-Hant",
    "ko",
    "ja",
]


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
    langs = {code: describe(code) for code in LANGUAGES}
    step = FILM_SECONDS / CUES
    for code, info in langs.items():
        a, b = LINES[info.script]
        blocks = []
        for i in range(CUES):
            start = i * step + 0.2
            end = start + min(step - 0.4, 3.2)
            text = f"{a}\n{b}" if i % 2 else a
            blocks.append(f"{i + 1}\n{srt_seconds(start)} --> {srt_seconds(end)}\n{text}\n\n")
        (subs / f"{code}.srt").write_text("".join(blocks), "utf-8")
    countries = {
        f"C{code.upper()}": {"name": info.english_name, "language": code}
        for code, info in langs.items()
    }
    cfg = {
        "title": "Speed",
        "playlist": "playlists/p.yaml",
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
        t0, c0 = time.perf_counter(), time.process_time()
        report = check_workspace(root)
        t1, c1 = time.perf_counter(), time.process_time()
        cmd = [str(Path(sys.executable).with_name("screening-kit")), "check", str(root)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        t2 = time.perf_counter()
        cues = sum(len(t.cues) for t in report.tracks.values())
        print(f"{n} languages, {cues} cues, 90-minute film")
        # CPU time is what a loaded machine distorts least
        print(
            f"check_workspace: {t1 - t0:.2f} s wall, {c1 - c0:.2f} s CPU "
            f"({len(report.findings)} findings)"
        )
        print(f"screening-kit check (new process): {t2 - t1:.2f} s, exit {proc.returncode}")


if __name__ == "__main__":
    main()
