"""Issue 18, fault 1: every built-in profile builds the demo-shaped workspace's
packages (at small frames) and they verify; file names, muxers and codecs come
from one table (formats)."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
import yaml

from screening_kit.build import build
from screening_kit.demo import make_demo
from screening_kit.profiles import BUILTIN_PROFILES
from screening_kit.progress import RecordingReporter
from screening_kit.verify import verify_package

from .conftest import shrink_workspace


def _small(name: str) -> dict[str, object]:
    """The built-in profile at 320x180: same codecs, container and rate limits."""
    settings = BUILTIN_PROFILES[name].model_dump(exclude={"name"})
    settings.update(max_width=320, max_height=180)
    if settings["video_codec"] == "libx264":
        settings["preset"] = "veryfast"
    return settings


@pytest.mark.parametrize("name", sorted(BUILTIN_PROFILES))
def test_builtin_profile_builds_and_verifies(tmp_path: Path, name: str) -> None:
    root = tmp_path / "ws"
    make_demo(root, seconds=3, width=320, height=180)
    shrink_workspace(root, play_all=True)
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["profiles"] = {name: _small(name)}
    cfg["profile"] = name
    # two countries in two scripts are enough: every piece kind, every task kind
    cfg["countries"] = {c: cfg["countries"][c] for c in ("GB", "EG")}
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")

    profile = BUILTIN_PROFILES[name]
    ext = profile.extension
    result = build(root, reporter=RecordingReporter(), jobs=2, force=True)
    assert {p.country for p in result.packages} == {"GB", "EG"}
    for pkg in result.packages:
        media = sorted(f for f in pkg.files if not f.endswith((".m3u8", ".xspf")))
        assert media and all(f.endswith(ext) for f in media), media
        assert media[0] == f"00_play-all{ext}"
        with av.open(str(pkg.path / media[0])) as c:
            assert c.streams.video[0].codec_context.name == profile.video_codec.replace(
                "libx264", "h264"
            ).replace("prores_ks", "prores")
            assert c.streams.audio[0].codec_context.name == profile.audio_codec
            assert c.streams.video[0].width <= 320
        report = verify_package(pkg.path)
        assert report.ok, report.faults
