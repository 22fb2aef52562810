"""Subtitle size, margin and box for the room, and the spacing of two-line subtitles
in fonts with tall lines, measured in rendered frames."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml
from PIL import Image

from screening_kit.config import Language
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import resolve_font
from screening_kit.qc import check_workspace
from screening_kit.subtitles.ass import AssStyle, build_ass
from screening_kit.subtitles.model import Cue

from .test_qc import make_workspace

W, H = 1280, 720


def frame(tmp_path: Path, text: str, lang: str, script: str, **style: object) -> np.ndarray:
    """One 720p frame through the real path: build_ass + ffmpeg's subtitles filter."""
    font = resolve_font(Language(lang, lang, script, None))
    ass_style = AssStyle(font=font.family, line_factor=font.line_factor, **style)  # type: ignore[arg-type]
    ass = build_ass([Cue(1, 0, 2000, text)], ass_style, W, H)
    name = f"{abs(hash((text, tuple(style.items()))))}.ass"
    (tmp_path / name).write_text(ass, "utf-8")
    out = tmp_path / f"{name}.png"
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
         f"color=c=gray:s={W}x{H}:d=1", "-vf", f"subtitles={name}:fontsdir={font.folder}",
         "-frames:v", "1", out.name],
        cwd=tmp_path,
        check=True,
    )  # fmt: skip
    return np.asarray(Image.open(out).convert("L"), dtype=np.int32)


def ink_bands(img: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges [start, end) holding bright text (the white fill, not the outline)."""
    rows = (img > 200).sum(axis=1) > 0
    bands, start = [], None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, len(rows)))
    # join bands split by a few empty rows inside one line (dots, marks)
    merged: list[tuple[int, int]] = []
    for b in bands:
        if merged and b[0] - merged[-1][1] <= 3:
            merged[-1] = (merged[-1][0], b[1])
        else:
            merged.append(b)
    return merged


def gap_and_text(img: np.ndarray) -> tuple[int, int]:
    """The blank rows between two lines of text, and the height of the shorter line."""
    bands = ink_bands(img)
    assert len(bands) == 2, bands
    (a0, a1), (b0, b1) = bands
    return b0 - a1, min(a1 - a0, b1 - b0)


def test_two_line_persian_gap_is_like_latin_not_wider_than_the_text(tmp_path: Path) -> None:
    """Noto Sans Arabic's line height is 2.11 em: lines spaced by it left a gap wider
    than the text at 720p. Now the gap is a fraction of the text's height, as in Latin."""
    fa = "این یک زیرنویس آزمایشی است\nکه در دو سطر نمایش داده می‌شود"
    gap, text = gap_and_text(frame(tmp_path, fa, "fa", "arabic"))
    assert 0 < gap < 0.6 * text, (gap, text)
    en_gap, en_text = gap_and_text(
        frame(tmp_path, "A sample subtitle\nshown on two lines", "en", "latin")
    )
    assert gap / text < 1.4 * en_gap / en_text, (gap, text, en_gap, en_text)
    # italics carry over to the second line, which is its own event now
    one = frame(tmp_path, "<i>" + fa + "</i>", "fa", "arabic")
    assert gap_and_text(one)[0] == gap


def test_size_margin_and_box_change_the_rendered_frame(tmp_path: Path) -> None:
    text = "Welcome to this screening"
    normal = frame(tmp_path, text, "en", "latin")
    large = frame(tmp_path, text, "en", "latin", em=0.054)
    (n0, n1), (l0, l1) = ink_bands(normal)[0], ink_bands(large)[0]
    assert 1.2 < (l1 - l0) / (n1 - n0) < 1.4  # 5.4% against 4.2% of the frame height
    high = frame(tmp_path, text, "en", "latin", margin_v=0.15)
    h1 = ink_bands(high)[0][1]
    assert abs((n1 - h1) - round((0.15 - 0.065) * H)) <= 2  # lifted by the margin's change
    boxed = frame(tmp_path, text, "en", "latin", box=True)
    band = slice(n0, n1)
    cols = np.nonzero((boxed[band] < 70).any(axis=0))[0]
    text_cols = np.nonzero((normal > 200).any(axis=0))[0]
    assert cols[0] < text_cols[0] and cols[-1] > text_cols[-1]  # the box frames the text
    inside = (slice(n0, n1), slice(int(cols[0]), int(cols[-1]) + 1))
    # filled: dark between the letters too, where the outline alone leaves the picture
    assert (boxed[inside] < 70).mean() > 0.6 > (normal[inside] < 70).mean() + 0.1
    assert (boxed[:, : cols[0] - 2] == normal[:, : cols[0] - 2]).all()  # and nothing else


def test_chars_per_line_limit_follows_the_size(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    """40 characters fit a line at the normal size (the Latin limit, 42, applies); at 8%
    of the frame height only 35 do, computed from the font's advance widths."""
    line = "The delegations arrive at the embassy at"  # 40 characters
    srt = f"1\n00:00:00,500 --> 00:00:03,500\n{line}\n\n"
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": srt})
    assert check_workspace(root).findings == []
    cfg = root / "ceremony.yaml"
    cfg.write_text(cfg.read_text("utf-8") + "subtitle_style: {size: 8}\n", "utf-8")
    found = [f for f in check_workspace(root).findings if f.rule == "chars-per-line"]
    assert [(f.value, f.limit) for f in found] == [(40, 35)]
    # a country of its own at the normal size does not lower the others' limit
    ws_cfg = yaml.safe_load(cfg.read_text("utf-8"))
    ws_cfg.pop("subtitle_style")
    ws_cfg["countries"]["GB"]["subtitle_style"] = {"size": "large"}
    cfg.write_text(yaml.safe_dump(ws_cfg), "utf-8")
    assert check_workspace(root).findings == []  # large: 52 fit


def test_split_lines_carry_the_markup_state() -> None:
    style = AssStyle(font="Noto Sans Arabic", line_factor=2.112)
    ass = build_ass([Cue(1, 0, 2000, "{\\an8}<i>یک\nدو</i> سه")], style, W, H)
    events = [ln for ln in ass.splitlines() if ln.startswith("Dialogue:")]
    assert events == [
        "Dialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,47,,{\\an8}{\\i1}یک",
        f"Dialogue: 1,0:00:00.00,0:00:02.00,Default,,0,0,{47 + round(1.4 * 0.042 * H)},,"
        "{\\an8}{\\i1}دو{\\i0} سه",
    ]
