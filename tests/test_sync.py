"""`sync` and `verify --against`: a stick brought up to date after a one-cue edit
receives only what changed, an interrupted sync never verifies as OK, and a copy
says whether it is the current build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screening_kit.build import BuildResult
from screening_kit.cli import main
from screening_kit.errors import InputError
from screening_kit.package.identity import ID_FILES, read_package
from screening_kit.sync import sync
from screening_kit.verify_against import current_package, verify_against

FILM = "02_documentary.ar.mp4"


@dataclass
class Builds:
    old: Path  # dist/ as it was before the edit (EG, JO)
    new: Path  # dist/ after a one-cue edit in Arabic

    def ids(self, code: str) -> tuple[str, str]:
        a, b = read_package(self.old / code), read_package(self.new / code)
        assert a and b and a.build_id and b.build_id
        return a.build_id, b.build_id


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    from screening_kit.demo import make_demo
    from tests.conftest import shrink_workspace

    base = tmp_path_factory.mktemp("sync")
    root = base / "ws"
    make_demo(root, seconds=6, width=320, height=180)
    shrink_workspace(root)
    result = build_anyway(root, countries=["EG", "JO", "KR"])
    old = base / "old"
    old.mkdir()
    for code in ("EG", "JO", "KR"):
        shutil.copytree(result.out_dir / code, old / code)
    srt = root / "subtitles/documentary/ar.srt"
    srt.write_text(srt.read_text("utf-8").replace("شكراً لكم", "شكراً جزيلاً لكم"), "utf-8")
    build_anyway(root, countries=["EG", "JO"])
    return Builds(old, result.out_dir)


def build_anyway(root: Path, **kwargs: Any) -> BuildResult:
    from tests._mission import build_anyway as build_forced

    return build_forced(root, **kwargs)


def cli(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, [*args])
    return r.exit_code, r.output


def files_state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def check_update_copies_only_the_change(builds: Builds, stick: Path) -> None:
    old_id, new_id = builds.ids("EG")
    (first,) = sync(builds.old / "EG", stick / "EG")
    assert first.check is not None and first.check.ok
    before = files_state(stick / "EG")

    code, out = cli(
        "verify", "-q", "--no-decode", str(stick / "EG"), "--against", str(builds.new / "EG")
    )
    assert code == 1
    line = out.strip()
    assert line.startswith(
        f"STALE: EG build {old_id}; current is {new_id}; sync writes {1 + len(ID_FILES)} files, "
    ), out
    stale = verify_against(stick / "EG", current_package(builds.new / "EG"), decode_media=False)

    (r,) = sync(builds.new / "EG", stick / "EG")
    assert sorted(r.copied) == sorted([FILM, *ID_FILES])
    # the stale line named every file the sync then wrote, with its bytes
    assert stale.writes == {n: (builds.new / "EG" / n).stat().st_size for n in r.copied}
    assert sum(stale.writes.values()) == r.bytes_copied
    for name in r.copied:
        assert f" {name} (" in line, (name, line)
    assert r.removed == []
    changed = sum((builds.new / "EG" / n).stat().st_size for n in r.copied)
    assert r.bytes_copied == changed
    whole = sum(p.stat().st_size for p in (builds.new / "EG").iterdir())
    assert r.bytes_copied < whole
    after = files_state(stick / "EG")
    for name in set(before) - {FILM, *ID_FILES}:
        assert after[name] == before[name], name  # not rewritten
    assert r.check is not None and r.check.ok
    code, out = cli("verify", "-q", str(stick / "EG"), "--against", str(builds.new / "EG"))
    assert code == 0 and out.strip() == f"OK: EG build {new_id}, current ({stick / 'EG'})", out
    for p in (stick / "EG").iterdir():
        assert os.access(p, os.W_OK), p  # no read-only flag carried over from the cache


def test_sync_to_a_folder_copies_only_what_changed(builds: Builds, tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    check_update_copies_only_the_change(builds, tmp_path / "stick")
    # a file system that keeps the executable bit keeps it on the launchers
    from screening_kit.package.launchers import EXECUTABLE

    for name in EXECUTABLE:
        assert os.stat(tmp_path / "stick" / "EG" / name).st_mode & 0o111 == 0o111, name


def test_sync_to_a_fat32_stick_image(builds: Builds, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a FAT32 image through a loop device needs root")
    if not shutil.which("mkfs.vfat"):
        pytest.skip("mkfs.vfat not installed (Debian dosfstools)")
    img, mnt = tmp_path / "stick.img", tmp_path / "mnt"
    mnt.mkdir()
    subprocess.run(["mkfs.vfat", "-F", "32", "-C", str(img), "65536"], check=True,
                   capture_output=True)  # fmt: skip
    mounted = subprocess.run(
        ["mount", "-o", "loop,uid=0,gid=0", str(img), str(mnt)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a loop device here (a container?): {mounted.stderr.strip()}")
    try:
        from screening_kit.sync import filesystem_of

        assert filesystem_of(mnt) == "vfat"
        check_update_copies_only_the_change(builds, mnt)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


SLOW_SYNC = """
import sys, time, hashlib
import screening_kit.sync as s

class Slow:  # a slow stick: every block takes a while to go through
    @staticmethod
    def sha256(*a):
        h = hashlib.sha256(*a)
        class W:
            def update(self, b):
                time.sleep(0.02)
                h.update(b)
            def hexdigest(self):
                return h.hexdigest()
        return W()

s.hashlib = Slow
s.BLOCK = 4096
s.sync(sys.argv[1], sys.argv[2])
"""


def test_interrupted_sync_is_never_ok_and_a_second_sync_finishes(
    builds: Builds, tmp_path: Path
) -> None:
    (tmp_path / "stick").mkdir()
    stick = tmp_path / "stick" / "EG"
    sync(builds.old / "EG", stick)
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SYNC, str(builds.new / "EG"), str(stick)])

    def tmp_of_film() -> Path | None:
        found = [p for p in stick.glob(f".{FILM}.*.sk-sync.tmp") if p.stat().st_size > 8192]
        return found[0] if found else None

    deadline = time.monotonic() + 60
    while (tmp := tmp_of_film()) is None and time.monotonic() < deadline:
        assert proc.poll() is None, "sync finished before it could be interrupted"
        time.sleep(0.005)
    assert tmp is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tmp.is_file()  # killed mid-copy of the film
    code, out = cli("verify", "-q", "--no-decode", str(stick), "--against", str(builds.new / "EG"))
    last = out.strip().splitlines()[-1]
    assert code == 1 and "OK" not in last.split(":")[0]
    assert last.startswith(f"DAMAGED: EG build {builds.ids('EG')[1]}") and (
        "MANIFEST.sha256: missing" in last
    ), out
    # what is still to come: the film and the manifest at least
    assert ": sync writes " in last and f" {FILM} (" in last and "MANIFEST.sha256 (" in last
    (r,) = sync(builds.new / "EG", stick)
    assert r.check is not None and r.check.ok
    assert not tmp.exists()
    assert FILM in r.copied


def test_verify_against_names_damage_and_another_country(builds: Builds, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(builds.new / "EG", stick / "EG")
    film = stick / "EG" / FILM
    data = bytearray(film.read_bytes())
    data[len(data) // 2] ^= 0xFF
    film.write_bytes(bytes(data))
    code, out = cli(
        "verify", "-q", "--no-decode", str(stick / "EG"), "--against", str(builds.new / "EG")
    )
    assert code == 1
    last = out.strip().splitlines()[-1]
    assert last.startswith("DAMAGED: EG build") and "sync writes 2 files, " in last, out
    assert f": {FILM} (" in last and "MANIFEST.sha256 (" in last, out
    code, out = cli(
        "verify", "-q", "--no-decode", str(stick / "EG"), "--against", str(builds.new / "JO")
    )
    assert code == 1 and "WRONG PACKAGE" in out and "holds EG" in out


def test_sync_refuses_another_countrys_copy_and_foreign_folders(
    builds: Builds, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    sync(builds.new / "EG", stick / "EG")
    with pytest.raises(InputError, match="the folder that should hold the copy does not exist"):
        sync(builds.new / "EG", tmp_path / "not-mounted" / "EG")
    assert not (tmp_path / "not-mounted").exists()
    with pytest.raises(InputError, match="holds the package of EG, not JO"):
        sync(builds.new / "JO", stick / "EG")
    holiday = tmp_path / "photos"
    holiday.mkdir()
    (holiday / "beach.jpg").write_bytes(b"x")
    with pytest.raises(InputError, match="no package; sync would remove them"):
        sync(builds.new / "EG", holiday)
    assert (holiday / "beach.jpg").is_file()
    (r,) = sync(builds.new / "JO", stick / "EG", force=True)
    assert r.check is not None and r.check.ok and r.country == "JO"


def test_sync_and_verify_a_folder_of_packages(builds: Builds, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    for code in ("EG", "KR"):
        sync(builds.old / code, stick / code)
    # dist/ to the stick: every country folder present there (EG, KR), not JO
    code, out = cli("verify", "--no-decode", "-q", str(stick), "--against", str(builds.new))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("STALE: EG") and lines[1].startswith("OK: KR"), out
    reports = sync(builds.new, stick)
    assert [r.country for r in reports] == ["EG", "KR"]
    assert reports[1].copied == []
    assert not (stick / "JO").exists()
    code, out = cli("verify", "--no-decode", "-q", str(stick), "--against", str(builds.new))
    assert code == 0 and [ln.split(" build")[0] for ln in out.strip().splitlines()] == [
        "OK: EG",
        "OK: KR",
    ]
    code, out = cli("verify", "--no-decode", "-q", str(stick))
    assert code == 0 and len(out.strip().splitlines()) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = cli("verify", str(empty))
    assert code == 1 and out.startswith("no package in") and "copy" not in out.split(":")[0]
    assert "again" not in out
