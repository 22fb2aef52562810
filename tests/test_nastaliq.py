"""Nastaliq (Urdu in Noto Nastaliq Urdu): libass garbles it, so its subtitles, cards and
captions are drawn by HarfBuzz layout (textraster) and overlaid by ffmpeg.

Each rendering is compared with a reference drawn independently by Pillow's raqm (one
``ImageDraw.text`` call per line, the font's Regular file, no outline): the white fill
of each line, cut out by its ink rows, must match the reference's shape (IoU of the ink
masks at the best alignment). libass, given only that same Regular file, fails the
same comparison."""

from __future__ import annotations

import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from screening_kit import textdraw, textraster
from screening_kit.build import build
from screening_kit.cache import Cache
from screening_kit.config import Language, load_workspace
from screening_kit.errors import FontError
from screening_kit.facts import gather_facts
from screening_kit.ffmpeg import ffmpeg_exe
from screening_kit.fonts import resolve_font
from screening_kit.plan import CardTask, ChunkTask, Plan, SlideshowTask, make_plan
from screening_kit.progress import RecordingReporter
from screening_kit.qc import check_workspace
from screening_kit.subtitles.ass import AssStyle, build_ass
from screening_kit.subtitles.model import Cue

from .conftest import ffmpeg, write_workspace
from .test_slideshow import make_workspace

W, H = 1280, 720
PROFILE = {"max_width": W, "max_height": H, "preset": "ultrafast", "level": "4.1"}
LINES = ("اسکریننگ میں خوش آمدید", "آج رات ہم ایک فلم دیکھیں گے")
CARD = ["خوش آمدید", "آج رات کی فلم"]
NASTALIQ = "Noto Nastaliq Urdu"
# likeness (below) of two drawings of the same text, font and size: the same shapes
SAME_SHAPES = 0.9


def urdu() -> Language:
    return Language("ur", "Urdu", "Arab", NASTALIQ)


def em_px(em: float = 0.042) -> float:
    font = resolve_font(urdu())
    return round(em * font.line_factor * H) / font.line_factor


def reference(line: str, size: float, bold: bool = False) -> np.ndarray:
    """HarfBuzz's own layout of ``line`` (Pillow raqm), as a boolean ink mask."""
    font = resolve_font(urdu())
    path = font.bold_path if bold and font.bold_path is not None else font.path
    face = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)
    im = Image.new("L", (W, 300), 0)
    ImageDraw.Draw(im).text((W / 2, 200), line, font=face, fill=255, anchor="ms", direction="rtl")
    return crop(np.asarray(im) > 128)


def crop(mask: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    return mask[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def line_masks(frame: np.ndarray, threshold: int = 170) -> list[np.ndarray]:
    """The frame's white fill, cut into lines at rows without ink."""
    lum = frame.mean(axis=2) if frame.ndim == 3 else frame
    mask = lum > threshold
    rows = mask.any(axis=1)
    out, start = [], None
    for y, on in enumerate([*rows, False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start > 3:  # a speck of noise is no line
                out.append(crop(mask[start:y]))
            start = None
    return out


def _soft(mask: np.ndarray) -> np.ndarray:
    im = Image.fromarray(mask.astype(np.uint8) * 255).filter(ImageFilter.GaussianBlur(1))
    return np.asarray(im, dtype=np.float64)


def likeness(got: np.ndarray, ref: np.ndarray, em: float) -> float:
    """How closely the ink of ``got`` follows ``ref``, word by word: the worst, over
    windows 1.5 em wide along the reference, of the correlation of the two masks
    blurred by 1 px (antialiasing and video coding move edges by a pixel, a misplaced
    letter by several), each window at its best place within 0.3 em."""
    reach = max(3, round(0.3 * em))
    h = max(got.shape[0], ref.shape[0]) + 2 * reach
    w = max(got.shape[1], ref.shape[1]) + 2 * reach
    pa, pb = np.zeros((h, w), bool), np.zeros((h, w), bool)
    pa[reach : reach + got.shape[0], reach : reach + got.shape[1]] = got
    pb[reach : reach + ref.shape[0], reach : reach + ref.shape[1]] = ref
    sa, sb = _soft(pa), _soft(pb)
    win = round(1.5 * em)
    worst = 1.0
    for x in range(reach, reach + ref.shape[1] - win + 1, max(1, win // 2)):
        if pb[:, x : x + win].sum() < 0.02 * win * (h - 2 * reach):
            continue  # a space: nothing to compare
        b = sb[reach : h - reach, x : x + win].ravel()
        best = max(
            float(
                np.corrcoef(sa[reach + dy : h - reach + dy, x + dx : x + dx + win].ravel(), b)[0, 1]
            )
            for dy in range(-reach, reach + 1)
            for dx in range(-reach, reach + 1)
            if x + dx >= 0 and x + dx + win <= w
        )
        worst = min(worst, best)
    return worst


def matches(
    frame: np.ndarray, lines: tuple[str, ...] | list[str], sizes: list[float], bold: list[bool]
) -> list[float]:
    """Likeness of each line of ``frame`` with HarfBuzz's layout of it."""
    got = line_masks(frame)
    assert len(got) == len(lines), f"{len(got)} lines of ink, expected {len(lines)}"
    return [
        likeness(g, reference(t, s, b), s)
        for g, t, s, b in zip(got, lines, sizes, bold, strict=True)
    ]


def film(tmp_path: Path, seconds: int = 3) -> Path:
    out = tmp_path / "film.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", f"color=c=0x405060:s={W}x{H}:r=25:d={seconds}",
        "-f", "lavfi", "-i", f"sine=d={seconds}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest", str(out),
    )  # fmt: skip
    return out


def urdu_workspace(tmp_path: Path, srt: str) -> Path:
    ws = write_workspace(
        tmp_path / "ws", film(tmp_path), cues={"ur": srt}, cards={"ur": CARD}, profile=PROFILE
    )
    cfg = yaml.safe_load((ws / "ceremony.yaml").read_text("utf-8"))
    cfg["languages"] = {"ur": {"font": NASTALIQ}}
    (ws / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    return ws


SRT = f"1\n00:00:00,300 --> 00:00:02,900\n{LINES[0]}\n{LINES[1]}\n\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[np.ndarray]:
    """The Urdu film with its card and a two-line cue, through the whole build path."""
    ws = urdu_workspace(tmp_path_factory.mktemp("ur"), SRT)
    result = build(ws, reporter=RecordingReporter(), jobs=2)
    with av.open(str(result.out_dir / "UR" / "01_film.ur.mp4")) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]


CARD_FRAMES = 25  # the opening card: 1 s at 25 fps


def test_built_subtitle_has_harfbuzz_shapes_on_two_clear_lines(
    built: list[np.ndarray], tmp_path: Path
) -> None:
    frame = built[CARD_FRAMES + 40]
    scores = matches(frame, LINES, [em_px()] * 2, [False, False])
    assert min(scores) > SAME_SHAPES, scores
    # inside the title-safe box, centred
    ink = frame.mean(axis=2) > 170
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    assert rows[-1] < 0.95 * H and cols[0] > 0.05 * W and cols[-1] < 0.95 * W
    assert abs((cols[0] + cols[-1]) / 2 - W / 2) < 4
    if os.environ.get("SCREENING_KIT_WRITE_DOCS"):
        write_docs_image(frame, libass_frame(tmp_path, LINES))


def test_built_subtitle_shows_on_exactly_the_cue_frames(built: list[np.ndarray]) -> None:
    shown = [
        i - CARD_FRAMES
        for i, f in enumerate(built)
        if i >= CARD_FRAMES and (f.mean(axis=2) > 170).any()
    ]
    # 0.3 s to 2.9 s at 25 fps: frames 8 to 72 (a frame shows the cues active at its time)
    assert shown == list(range(8, 73))


def test_built_card_has_harfbuzz_shapes(built: list[np.ndarray]) -> None:
    card = built[CARD_FRAMES // 2]
    sizes = [round(e * 2.5 * H) / 2.5 for e in (0.055, 0.035)]
    scores = matches(card, CARD, sizes, [True, False])
    assert min(scores) > SAME_SHAPES, scores


def libass_frame(tmp_path: Path, lines: tuple[str, ...]) -> np.ndarray:
    """The same cue as the old path drew it: build_ass and ffmpeg's subtitles filter,
    libass given only the Regular file of the same font."""
    font = resolve_font(urdu())
    fonts = tmp_path / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(font.path, fonts / font.path.name)
    style = AssStyle(font=font.family, line_factor=font.line_factor)
    (tmp_path / "subs.ass").write_text(
        build_ass([Cue(1, 0, 2000, "\n".join(lines))], style, W, H), "utf-8"
    )
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>",
        "utf-8",
    )
    subprocess.run(
        [
            ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "lavfi",
            "-i", f"color=c=0x405060:s={W}x{H}:d=1", "-vf", f"subtitles=subs.ass:fontsdir={fonts}",
            "-frames:v", "1", "libass.png",
        ],
        cwd=tmp_path, check=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )  # fmt: skip
    return np.asarray(Image.open(tmp_path / "libass.png").convert("RGB"))


def test_libass_fails_the_same_comparison(tmp_path: Path) -> None:
    """What the comparison says of libass, one line at a time (its two lines run into
    each other: they cannot even be told apart)."""
    for k, line in enumerate(LINES):
        (score,) = matches(libass_frame(tmp_path / str(k), (line,)), (line,), [em_px()], [False])
        assert score < SAME_SHAPES, (line, score)
    assert len(line_masks(libass_frame(tmp_path / "both", LINES))) == 1


def write_docs_image(after: np.ndarray, before: np.ndarray) -> None:
    """docs/nastaliq-urdu.png: the cue as libass drew it, as the build draws it now,
    and HarfBuzz's reference layout of the same lines."""
    rows = slice(H - 200, H - 30)
    ref = Image.new("RGB", (W, H), (0x40, 0x50, 0x60))
    pen = ImageDraw.Draw(ref)
    face = ImageFont.truetype(
        str(resolve_font(urdu()).path), em_px(), layout_engine=ImageFont.Layout.RAQM
    )
    for k, line in enumerate(LINES):
        pen.text(
            (W / 2, H - 120 + 64 * k), line, font=face, fill="white", anchor="ms", direction="rtl"
        )
    parts = [before[rows], after[rows], np.asarray(ref)[rows]]
    labels = [
        "before: libass (ffmpeg's subtitles filter)",
        "after: screening-kit build (HarfBuzz layout, overlaid)",
        "reference: Pillow raqm (HarfBuzz), one call per line",
    ]
    sheet = Image.new("RGB", (W, 3 * (170 + 24)), "white")
    pen = ImageDraw.Draw(sheet)
    label_font = ImageFont.truetype(
        str(resolve_font(Language("en", "English", "Latn", None)).path), 16
    )
    for i, (part, label) in enumerate(zip(parts, labels, strict=True)):
        pen.text((8, i * 194 + 3), label, fill="black", font=label_font)
        sheet.paste(Image.fromarray(part), (0, i * 194 + 24))
    sheet.save(Path(__file__).parents[1] / "docs" / "nastaliq-urdu.png", optimize=True)


def test_caption_in_nastaliq_is_drawn_by_harfbuzz_and_fades(tmp_path: Path) -> None:
    dark = Image.new("RGB", (W, H), (40, 50, 60))
    root = make_workspace(
        tmp_path / "ws",
        {"a.png": dark, "b.png": dark},
        {"seconds_per_photo": 2, "crossfade": 0.5, "motion": "none"},
        f"a.png: {{ur: {CARD[0]}}}\n",
        countries={"PK": "ur"},
        profile=PROFILE,
    )
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["languages"] = {"ur": {"font": NASTALIQ}}
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    plan, _, out = render_show(root)
    piece = next(t for t in plan.tasks.values() if isinstance(t, SlideshowTask))
    assert piece.ass is None and len(piece.overlays) == 1
    (overlay,) = piece.overlays
    with av.open(str(out["PK"])) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]
    middle = frames[overlay.first + overlay.count // 2]
    size = round(0.036 * 2.5 * H) / 2.5
    assert min(matches(middle, CARD[:1], [size], [False])) > SAME_SHAPES
    # fading in: the first frames are fainter than the middle, none brighter
    peak = [float(f[H // 2 :].max(axis=2).max()) for f in frames]
    ramp = peak[overlay.first : overlay.first + overlay.fade_in + 1]
    assert overlay.fade_in > 0 and ramp == sorted(ramp) and ramp[0] < peak[overlay.first + 20]
    assert peak[overlay.first + overlay.count + 5] < 100  # gone: b.png has no caption


def render_show(root: Path) -> tuple[Plan, Cache, dict[str, Path]]:
    from .test_slideshow import render

    return render(root)


def test_check_and_build_refuse_nastaliq_without_raqm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = urdu_workspace(tmp_path, SRT)
    monkeypatch.setattr(textdraw, "raqm_available", lambda: False)
    report = check_workspace(ws, shots=False)
    (finding,) = [f for f in report.findings if f.rule == "font"]
    assert finding.severity == "error"
    assert "Noto Nastaliq Urdu" in finding.message and "no raqm" in finding.message
    workspace = load_workspace(ws)
    with pytest.raises(FontError, match="HarfBuzz layout"):
        make_plan(
            workspace,
            gather_facts(workspace, ["UR"], Cache(tmp_path / "c")),
            ["UR"],
            ffmpeg_version="test",
        )


def test_keys_name_the_renderer_only_where_it_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = urdu_workspace(tmp_path, SRT)
    cfg = yaml.safe_load((ws / "ceremony.yaml").read_text("utf-8"))
    cfg["countries"]["GB"] = {"name": "GB", "language": "en"}
    (ws / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (ws / "subtitles" / "film" / "en.srt").write_text(
        "1\n00:00:00,300 --> 00:00:02,900\nWelcome\n\n"
    )
    (ws / "subtitles" / "film" / "cards.en.yaml").write_text("title: [Welcome]\n", "utf-8")

    def keys() -> dict[str, list[str]]:
        workspace = load_workspace(ws)
        plan = make_plan(
            workspace,
            gather_facts(workspace, ["UR", "GB"], Cache(tmp_path / "c")),
            ["UR", "GB"],
            ffmpeg_version="test",
        )
        out: dict[str, list[str]] = {}
        for t in plan.tasks.values():
            if isinstance(t, ChunkTask | CardTask):
                lang = "ur" if t.overlays else "en" if (t.ass or "").strip() else "shared"
                out.setdefault(lang, []).append(t.key)
        return out

    before = keys()
    assert len(before["ur"]) == len(before["en"]) == 3  # a card and two chunks each
    monkeypatch.setattr(textraster, "RENDERER_VERSION", textraster.RENDERER_VERSION + 1)
    after = keys()
    assert after["en"] == before["en"]
    assert not set(after["ur"]) & set(before["ur"])


def test_regular_face_and_the_libass_table() -> None:
    font = resolve_font(urdu())
    # Debian's bold file claims the regular weight too: fontconfig answered with it
    assert font.path.name == "NotoNastaliqUrdu-Regular.ttf"
    assert font.bold_path is not None and font.bold_path.name == "NotoNastaliqUrdu-Bold.ttf"
    assert textraster.libass_wrong(NASTALIQ) and textraster.libass_wrong("Nafees Nastaleeq")
    assert textraster.libass_wrong("Noto Sans Arabic") is None
    assert textdraw.raqm_available()


def test_bidi_order_of_a_mixed_line() -> None:
    text = "ہم نے Paris 2026 میں دیکھا!"
    levels = textdraw.bidi_levels(text)
    assert {levels[text.index(c)] for c in "Paris"} == {2}
    assert levels[text.index("2")] == 2 and levels[text.index("ہ")] == 1
    assert levels[text.index("!")] == 1  # the paragraph is right to left
    # a number after a Latin word takes its direction (W7): "Paris 2026" reads left to
    # right inside the Urdu; the final "!" is drawn at the left end. Runs left to right
    # (the Latin from Noto Sans, the digits from the Nastaliq font):
    line = textdraw.lay_out([(text, textdraw.Style())], resolve_font(urdu()), 30.0, "ur")
    assert [p.run.text for p in line.runs] == [" میں دیکھا!", "Paris ", "2026", "ہم نے "]
    assert [p.run.companion for p in line.runs] == [False, True, False, False]


def test_spans_from_our_markup() -> None:
    top, lines = textraster.spans("{\\an8}{\\i1}ایک{\\i0} \\{x\\} {\\c&H00FFFF&}فلم{\\c}\\Nدو")
    assert top and [("".join(t for t, _ in line)) for line in lines] == ["ایک {x} فلم", "دو"]
    styles = {t: s for t, s in lines[0]}
    assert styles["ایک"].italic and styles["فلم"].colour == "&H00FFFF&"
    assert textdraw.colour("&H00FFFF&") == (255, 255, 0, 255)


def test_wrapping_keeps_styles_and_fits(tmp_path: Path) -> None:
    font = resolve_font(urdu())
    from screening_kit.fonts import font_metrics

    style = AssStyle(font=font.family, line_factor=font.line_factor)
    long = " ".join([LINES[1]] * 4)
    (overlay,) = textraster.subtitle_overlays(
        [Cue(1, 0, 1000, f"<b>{long}</b>")], style, font_metrics(font), "ur", W, H,
        Fraction(25), 0, 25,
    )  # fmt: skip
    ((_em, lines),) = overlay.picture.blocks
    assert len(lines) == 2 and all(s.bold for line in lines for _, s in line)
    image = textraster.render_picture(overlay.picture, font)
    alpha = np.asarray(image)[:, :, 3] > 0
    cols = np.nonzero(alpha.any(axis=0))[0]
    assert cols[0] > 0.05 * W and cols[-1] < 0.95 * W


def test_top_placement_and_box_style() -> None:
    font = resolve_font(urdu())
    from screening_kit.fonts import font_metrics

    style = AssStyle(font=font.family, line_factor=font.line_factor, box=True)
    top, bottom = textraster.subtitle_overlays(
        [Cue(1, 0, 1000, "{\\an8}" + LINES[0]), Cue(2, 0, 1000, LINES[1])],
        style, font_metrics(font), "ur", W, H, Fraction(25), 0, 25,
    )  # fmt: skip
    margin = round(style.margin_v * H)
    up = np.asarray(textraster.render_picture(top.picture, font))
    assert top.picture.band[0] == 0
    rows = np.nonzero((up[:, :, 3] > 0).any(axis=1))[0]
    # the box (the outline's width around the ink) starts at the top margin
    assert abs(rows[0] - (margin - 0.2 * style.em * H)) <= 2
    down = np.asarray(textraster.render_picture(bottom.picture, font))
    # a box of ASS alpha 0x50 (about 69 % opaque) behind white text
    alphas = set(np.unique(down[:, :, 3]).tolist())
    assert 255 - 0x50 in alphas and 255 in alphas
    assert bottom.picture.band[1] == H
