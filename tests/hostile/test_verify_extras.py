"""Point 2: `verify` faults every file the package did not write (a leftover
``03_surprise.mp4`` plays on every TV that plays files in name order), and never
follows a package.json entry out of the package."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from screening_kit import verify as verify_mod
from screening_kit.build import build
from screening_kit.cli import main
from screening_kit.progress import RecordingReporter
from screening_kit.verify import Fault, verify_package

from ..conftest import write_workspace

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello\n"
NOT_OURS = (
    "a file not in MANIFEST.sha256, not part of the package: delete it "
    "(players that play every file in name order would play it)"
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("verify-extras")
    film = tmp / "film.mp4"
    from ..conftest import ffmpeg

    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-f", "lavfi", "-i",
           "sine=f=440:sample_rate=48000:d=2", "-c:v", "libx264", "-preset", "ultrafast",
           "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(film))  # fmt: skip
    ws = write_workspace(tmp / "ws", film, cues={"en": SRT})
    return build(ws, reporter=RecordingReporter()).out_dir / "EN"


@pytest.fixture
def stick(package: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(package, tmp_path / "stick" / "EN"))


def test_intact_package_has_no_extra_file_faults(stick: Path) -> None:
    report = verify_package(stick)
    assert report.ok, report.faults


def test_leftover_video_is_a_fault_naming_it(stick: Path) -> None:
    shutil.copy(stick / "01_film.en.mp4", stick / "03_surprise.mp4")
    report = verify_package(stick)
    assert report.faults == [Fault("03_surprise.mp4", NOT_OURS)]
    result = CliRunner().invoke(main, ["verify", "-q", str(stick)])
    assert result.exit_code == 1
    assert f"FAULT  03_surprise.mp4: {NOT_OURS}" in result.output


def test_folders_and_mac_metadata_are_faults(stick: Path) -> None:
    (stick / "extra").mkdir()
    (stick / "._01_film.en.mp4").write_bytes(b"\0\5\26\7")
    report = verify_package(stick, decode_media=False)
    assert [f.file for f in report.faults] == ["._01_film.en.mp4", "extra"]
    assert report.faults[0].problem.startswith("a macOS metadata file, not part of the package")
    assert report.faults[1].problem.startswith("a folder not in MANIFEST.sha256")


def _rewrite_package_json(stick: Path, name: str) -> None:
    """Point the first file entry at ``name`` and keep the manifest consistent, as a
    hostile copy would."""
    doc = json.loads((stick / "package.json").read_text("utf-8"))
    doc["files"][0]["name"] = name
    text = json.dumps(doc)
    (stick / "package.json").write_text(text, "utf-8")
    manifest = (stick / "MANIFEST.sha256").read_text("utf-8").splitlines()
    digest = hashlib.sha256(text.encode()).hexdigest()
    fixed = [f"{digest}  package.json" if line.endswith("  package.json") else line
             for line in manifest]  # fmt: skip
    (stick / "MANIFEST.sha256").write_text("\n".join(fixed) + "\n", "utf-8")


@pytest.mark.parametrize("name", ["../outside.mp4", "/tmp/outside.mp4", "sub/../../x.mp4", ".."])
def test_package_json_naming_a_file_outside_is_a_fault_and_never_read(
    stick: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(stick / "01_film.en.mp4", stick.parent / "outside.mp4")
    opened: list[Path] = []
    real: Callable[[Path], verify_mod.DecodeResult] = verify_mod.decode
    monkeypatch.setattr(verify_mod, "decode", lambda p: opened.append(p) or real(p))
    _rewrite_package_json(stick, name)
    report = verify_package(stick)
    assert Fault("package.json", f"names a file outside the package ({name!r}); not read") in (
        report.faults
    )
    assert opened == []  # the film itself is now listed nowhere in package.json
    assert not report.ok
