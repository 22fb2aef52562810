"""Points 8 and 9: identical photos in one slideshow, and slideshows of hundreds or a
thousand photos. The cycle is rendered in pieces of a few photos (small graphs, small
command lines, bounded memory) joined by stream copy into exactly the cycle's frames."""

from __future__ import annotations

import math
import resource
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image

from screening_kit.build import build
from screening_kit.plan import MuxTask, SlideshowTask
from screening_kit.plan.slideshow import PHOTOS_PER_PIECE, clip_captions
from screening_kit.progress import RecordingReporter
from screening_kit.render import commands as cmd
from screening_kit.subtitles.ass import Caption
from screening_kit.textfit import Block

from ..test_slideshow import luma_frames, make_workspace, plan_of, render
from ._helpers import cli

ARG_MAX_STRLEN = 128 * 1024  # Linux: the longest single argument execve accepts


def _grey(level: int) -> Image.Image:
    return Image.new("RGB", (64, 36), (level, level, level))


@pytest.mark.parametrize("motion", ["none", "left"])
def test_identical_photos_build(tmp_path: Path, motion: str) -> None:
    photos = {"a.png": _grey(200), "b.png": _grey(200), "c.png": _grey(40)}
    show = {"seconds_per_photo": 1, "crossfade": 0.2, "motion": motion}
    root = make_workspace(tmp_path / "ws", photos, show)
    result = cli("build", str(root))
    assert result.exit_code == 0, result.output
    frames = luma_frames(root / "dist" / "GB" / "01_show.mp4")
    assert len(frames) == 3 * (25 - 5)
    # the middle of each photo's slot: a, b (the same picture), c
    levels = [frames[i * 20 + 12].mean() for i in range(3)]
    assert levels[0] == pytest.approx(levels[1], abs=2) and levels[0] > 150 and levels[2] < 80


def test_many_photos_keep_every_command_line_short(tmp_path: Path) -> None:
    n = 250  # about 230 made one graph too long for a command line
    # all different: identical runs of photos would share pieces (content keys)
    photos = {
        f"{i:04d}.png": Image.new("RGB", (16, 9), (i % 256, i // 256 * 60, 0)) for i in range(n)
    }
    root = make_workspace(tmp_path / "ws", photos, {"seconds_per_photo": 1, "crossfade": 0.2})
    plan, _ = plan_of(root)
    pieces = [t for t in plan.tasks.values() if isinstance(t, SlideshowTask)]
    assert len(pieces) == math.ceil(n / PHOTOS_PER_PIECE)
    assert sum(p.frames for p in pieces) == n * (25 - 5)
    for p in pieces:
        assert len(p.deps) <= PHOTOS_PER_PIECE + 2  # a piece opens and ends inside a slot
        argv = cmd.slideshow_command(
            p, [Path(f"/cache/objects/{d[:2]}/{d}.png") for d in p.deps], Path("out.mp4"), 2
        )
        assert max(map(len, argv)) < ARG_MAX_STRLEN // 8
        assert sum(map(len, argv)) < 64 * 1024


def test_pieces_join_into_exactly_the_cycle(tmp_path: Path) -> None:
    n = PHOTOS_PER_PIECE * 2 + 2  # three pieces
    photos = {f"{i:02d}.png": _grey(30 + 8 * i) for i in range(n)}
    cut = PHOTOS_PER_PIECE  # the photo whose slot the first cut falls in
    captions = f"{cut:02d}.png: {{en: Caption across the cut}}\n"
    show = {"seconds_per_photo": 1, "crossfade": 0.24, "motion": "none"}
    root = make_workspace(tmp_path / "ws", photos, show, captions)
    plan, _, out = render(root)
    pieces = [t for t in plan.tasks.values() if isinstance(t, SlideshowTask)]
    assert len(pieces) == 3
    step = 25 - 6
    frames = luma_frames(out["GB"])
    assert len(frames) == n * step
    mux = next(t for t in plan.tasks.values() if isinstance(t, MuxTask))
    assert float(mux.duration) == pytest.approx(n * step / 25)
    # every photo in its place, whichever piece drew it (the caption area aside)
    body = [f[:100].mean() for f in frames]
    for i in range(n):
        assert body[i * step + 12] == pytest.approx(30 + 8 * i, abs=3), i
    # the caption shows on both sides of the cut, with no gap and no jump
    boundary = pieces[0].frames
    assert boundary == cut * step + 12
    band = [f[180 - 40 : 180 - 9, 16:304].max() for f in frames]
    assert min(band[boundary - 3 : boundary + 3]) > 150
    assert band[(cut + 2) * step + 12] < 150  # and not on the next photos


def test_captions_cut_by_a_piece_keep_their_outer_fades() -> None:
    block = Block(("x",), 10)
    caption = Caption(Fraction(1), Fraction(3), block)
    first = clip_captions([caption], Fraction(0), Fraction(2))
    second = clip_captions([caption], Fraction(2), Fraction(5))
    assert [(c.start, c.end, c.fade_in, c.fade_out) for c in first] == [(1, 2, True, False)]
    assert [(c.start, c.end, c.fade_in, c.fade_out) for c in second] == [(0, 1, False, True)]
    assert clip_captions([caption], Fraction(3), Fraction(4)) == []


@pytest.mark.slow
def test_a_thousand_photos_build(tmp_path: Path) -> None:
    n = 1000
    # all different (a grey level, then more blue): no two pieces are the same render
    photos = {
        f"{i:04d}.png": Image.new("RGB", (64, 36), (v, v, (v + i // 200 * 30) % 256))
        for i, v in ((i, i % 200 + 20) for i in range(n))
    }
    show = {"seconds_per_photo": 1, "crossfade": 0.2, "motion": "none"}
    root = make_workspace(tmp_path / "ws", photos, show)
    result = build(root, reporter=RecordingReporter())
    pieces = {
        k for k in result.execution.encoded if isinstance(result.plan.tasks[k], SlideshowTask)
    }
    assert len(pieces) == math.ceil(n / PHOTOS_PER_PIECE)
    with av.open(str(root / "dist" / "GB" / "01_show.mp4")) as c:  # 20,000 frames: stream
        means = [f.to_ndarray(format="gray").mean() for f in c.decode(c.streams.video[0])]
    assert len(means) == n * 20
    assert [means[i * 20 + 10] for i in (0, 1, 150, 199)] == pytest.approx(
        [20, 21, 170, 219], abs=3
    )
    # every ffmpeg child stayed small: no graph held a thousand decoded photos
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024


def test_one_changed_caption_changes_one_piece(tmp_path: Path) -> None:
    n = PHOTOS_PER_PIECE * 3
    photos = {f"{i:03d}.png": _grey(20 + 5 * i) for i in range(n)}
    captions = "".join(f"{i:03d}.png: {{en: Photo {i}}}\n" for i in range(n))
    show = {"seconds_per_photo": 1, "crossfade": 0.2}
    keys = []
    for name, text in (("a", captions), ("b", captions.replace("Photo 20}", "Twenty}"))):
        plan, _ = plan_of(make_workspace(tmp_path / name, photos, show, text))
        keys.append({t.key for t in plan.tasks.values() if isinstance(t, SlideshowTask)})
    assert len(keys[0]) == 3 and len(keys[0] - keys[1]) == 1
