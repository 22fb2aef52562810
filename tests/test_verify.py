"""`screening-kit verify` on a mission's copy of a package: only the folder, no workspace."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.verify import verify_package

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]


@pytest.fixture
def copy(built: Built, tmp_path: Path) -> Path:
    """KR's package copied to a folder with no workspace around it (a USB stick)."""
    from tests._mission import copy_package

    return copy_package(built.package("KR"), tmp_path / "stick" / "KR")


def run_verify(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["verify", "--quiet", str(folder)])
    return result.exit_code, result.output


def film_name(folder: Path) -> str:
    return next(p.name for p in folder.iterdir() if p.name.startswith("02_"))


def test_intact_copy_is_ok(copy: Path) -> None:
    t0 = time.monotonic()
    code, out = run_verify(copy)
    assert code == 0, out
    assert out.startswith("OK:") and "FAULT" not in out
    report = verify_package(copy)
    assert report.ok
    names = {p.name for p in copy.iterdir()}
    assert set(report.checksummed) == names - {"MANIFEST.sha256"}
    # every media file listed in package.json was decoded (or shares bytes with one that was)
    media = [f["name"] for f in json.loads((copy / "package.json").read_text())["files"]]
    assert sorted(report.decoded) == sorted(media)
    assert "00_play-all.mp4" in media
    assert time.monotonic() - t0 < 60


def test_flipped_byte_is_a_checksum_fault_naming_the_file(copy: Path) -> None:
    victim = copy / film_name(copy)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    code, out = run_verify(copy)
    assert code == 1
    fault_lines = [line for line in out.splitlines() if line.startswith("FAULT")]
    assert any(victim.name in line and "checksum" in line for line in fault_lines), out
    # only the damaged file is blamed
    assert all(victim.name in line for line in fault_lines), out
    assert "NOT OK" in out


def test_truncated_media_file_is_a_fault(copy: Path) -> None:
    victim = copy / film_name(copy)
    size = victim.stat().st_size
    with victim.open("r+b") as f:
        f.truncate(size * 2 // 3)
    report = verify_package(copy)
    assert not report.ok
    problems = [f.problem for f in report.faults if f.file == victim.name]
    assert any("checksum" in p for p in problems)
    # decoding finds it too: it stops early or reports errors, and the duration is short
    assert any("decode" in p or "package.json says" in p for p in problems), problems
    assert run_verify(copy)[0] == 1


def test_missing_file_is_a_fault(copy: Path) -> None:
    (copy / "ceremony.xspf").unlink()
    victim = copy / film_name(copy)
    victim.unlink()
    code, out = run_verify(copy)
    assert code == 1
    assert f"FAULT  {victim.name}: missing" in out
    assert "FAULT  ceremony.xspf: missing" in out


def test_duration_mismatch_with_package_json_is_a_fault(copy: Path) -> None:
    """package.json claims a different duration; the manifest is updated to match so
    that only the duration check can catch it."""
    doc_path = copy / "package.json"
    doc = json.loads(doc_path.read_text("utf-8"))
    entry = next(f for f in doc["files"] if f["kind"] == "film")
    entry["duration"] = round(entry["duration"] + 0.5, 3)
    doc_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "utf-8")
    new_sha = hashlib.sha256(doc_path.read_bytes()).hexdigest()
    manifest = copy / "MANIFEST.sha256"
    lines = [
        f"{new_sha}  package.json" if line.endswith("  package.json") else line
        for line in manifest.read_text().splitlines()
    ]
    manifest.write_text("\n".join(lines) + "\n")
    report = verify_package(copy)
    assert [f.file for f in report.faults] == [entry["name"]]
    assert "package.json says" in report.faults[0].problem
    assert run_verify(copy)[0] == 1


def test_one_frame_off_is_tolerated_but_two_are_not(copy: Path) -> None:
    """The tolerance is one frame: durations in package.json are rounded to the ms."""
    doc_path = copy / "package.json"
    doc = json.loads(doc_path.read_text("utf-8"))
    entry = next(f for f in doc["files"] if f["kind"] == "film")
    entry["duration"] = round(entry["duration"] + 1 / 25, 3)
    doc_path.write_text(json.dumps(doc), "utf-8")
    assert not any(f.file == entry["name"] for f in verify_package(copy).faults)
    entry["duration"] = round(entry["duration"] + 1 / 25, 3)
    doc_path.write_text(json.dumps(doc), "utf-8")
    assert any(f.file == entry["name"] for f in verify_package(copy).faults)


def test_missing_manifest_is_a_fault_and_not_a_crash(copy: Path) -> None:
    (copy / "MANIFEST.sha256").unlink()
    code, out = run_verify(copy)
    assert code == 1
    assert "FAULT  MANIFEST.sha256: missing" in out


def test_not_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["verify", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
