"""Point 5: every output is tagged BT.709 (primaries, transfer, matrix) in TV range,
so no TV has to guess. Read back with PyAV from each kind of output."""

from __future__ import annotations

import json
from pathlib import Path

import av
import pytest

from screening_kit.build import build
from screening_kit.demo import make_demo
from screening_kit.progress import RecordingReporter

from ..conftest import shrink_workspace

BT709 = 1  # H.273 code for primaries, transfer and matrix
TV_RANGE = 1  # AVCOL_RANGE_MPEG


def _tags(path: Path) -> tuple[int, int, int, int]:
    with av.open(str(path)) as c:
        frame = next(c.decode(video=0))
        return (
            int(frame.color_primaries),
            int(frame.color_trc),
            int(frame.colorspace),
            int(frame.color_range),
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("colour") / "ws"
    make_demo(root, seconds=4, width=320, height=180)
    shrink_workspace(root)
    build(root, countries=["GB"], reporter=RecordingReporter(), force=True, play_all=True)
    return root


def test_every_kind_of_cached_piece_is_tagged_bt709(built: Path) -> None:
    objects = built / ".screening-kit" / "cache" / "objects"
    kinds: dict[str, Path] = {}
    for meta in objects.rglob("*.json"):
        doc = json.loads(meta.read_text("utf-8"))
        if doc["ext"] in (".mp4", ".mov"):
            kinds.setdefault(doc["kind"], meta.with_name(doc["key"] + doc["ext"]))
    # chunks, cards, slideshows, the joined film, the muxed film and play-all
    assert {"ChunkTask", "CardTask", "SlideshowTask", "JoinTask", "MuxTask", "PlayAllPart"} <= set(
        kinds
    )
    for kind, path in kinds.items():
        assert _tags(path) == (BT709, BT709, BT709, TV_RANGE), kind


def test_every_packaged_file_is_tagged_bt709(built: Path) -> None:
    package = built / "dist" / "GB"
    files = sorted(package.glob("*.mp4"))
    assert [f.name for f in files][:3] == [
        "00_play-all.mp4",
        "01_photos.mp4",
        "02_documentary.en.mp4",
    ]
    for f in files:
        assert _tags(f) == (BT709, BT709, BT709, TV_RANGE), f.name
