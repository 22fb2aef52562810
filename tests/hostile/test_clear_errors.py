"""Point 12: what used to end in a traceback is one clear message and an exit code:
2 for the input, 4 (MachineError) for the machine (disk full, read-only, no
permission), saying what to free or fix. (Long ids: test_identifiers.py.)"""

from __future__ import annotations

import errno
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ._helpers import assert_error, cli, edit_config, workspace


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return workspace(tmp_path / "ws", make_video("film.mp4", seconds=1))


def _no_final_outputs(root: Path) -> None:
    dist = root / "dist"
    assert not dist.exists() or [p.name for p in dist.iterdir() if p.name != "index.html"] == []


# ---------------------------------------------------------------- config (exit 2)


@pytest.mark.parametrize(
    ("template", "needle"),
    [
        (
            "subtitles/{film}/{lang.srt",
            "films[0].subtitles: 'subtitles/{film}/{lang.srt'",
        ),
        ("subtitles/{film}/{language}.srt", "only {film} and {lang} may stand in braces"),
        ("subtitles/{film}/{lang!r}.srt", "only {film} and {lang} may stand in braces"),
        ("subtitles/{0}.srt", "only {film} and {lang} may stand in braces"),
    ],
)
def test_brace_in_subtitles_template(ws: Path, template: str, needle: str) -> None:
    edit_config(ws, lambda c: c["films"][0].update(subtitles=template))
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml:", needle)


def test_literal_braces_doubled_are_fine(ws: Path) -> None:
    folder = ws / "subtitles" / "{x}"
    folder.mkdir()
    shutil.copy(ws / "subtitles" / "film" / "en.srt", folder / "film.en.srt")
    edit_config(ws, lambda c: c["films"][0].update(subtitles="subtitles/{{x}}/{film}.{lang}.srt"))
    assert cli("check", str(ws)).exit_code == 0


@pytest.mark.parametrize(
    ("profile", "needle"),
    [
        ({"aspect": "16:0"}, "profiles.test.aspect: '16:0': give the frame aspect"),
        ({"aspect": "wide"}, "profiles.test.aspect"),
        (
            {"video_codec": "libx265"},
            "profiles.test.video_codec: 'libx265' is not one of libx264, prores_ks",
        ),
        ({"container": "avi"}, "profiles.test.container"),
        ({"preset": "instant"}, "profiles.test.preset"),
    ],
)
def test_unusable_profile(ws: Path, profile: dict[str, Any], needle: str) -> None:
    edit_config(ws, lambda c: c["profiles"]["test"].update(profile))
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml:", needle)


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda c: c["films"][0].update(source="films/" + "f" * 300 + ".mp4"),
         "films[0].source: a file or folder name has at most 255 bytes"),
        (lambda c: c["films"][0].update(source="films/a\0b.mp4"),
         "films[0].source: a path cannot hold a NUL character"),
        (lambda c: c.update(playlist="p/" * 600), "playlist: a path has at most 1024 characters"),
    ],
)  # fmt: skip
def test_unusable_paths(ws: Path, change: Callable[[dict[str, Any]], None], needle: str) -> None:
    # an over-long name made every file call fail with ENAMETOOLONG (a traceback)
    edit_config(ws, change)
    assert_error(cli("build", str(ws)), 2, "ceremony.yaml:", needle)


# ---------------------------------------------------------------- photos (exit 2)


def _slideshow(ws: Path) -> Path:
    photos = ws / "films" / "photos"
    photos.mkdir()
    for i, colour in enumerate(("red", "blue")):
        Image.new("RGB", (64, 36), colour).save(photos / f"{i}.jpg")

    def change(c: dict[str, Any]) -> None:
        c["slideshows"] = [
            {"id": "pics", "title": "Pictures", "photos": "films/photos", "seconds_per_photo": 1,
             "crossfade": 0.2, "motion": "none"}
        ]  # fmt: skip

    edit_config(ws, change)
    (ws / "playlists" / "ceremony.yaml").write_text("items: [{slideshow: pics}]\n", "utf-8")
    return photos


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: (p / "x.jpg").mkdir(), "x.jpg: named like a photo but not a file"),
        (
            lambda p: (p / "x.jpg").symlink_to(p / "gone.jpg"),
            "x.jpg: a symbolic link to a file that",
        ),
        (
            lambda p: (p / "x.jpg").symlink_to(p / "x.jpg"),
            "x.jpg: a symbolic link that points back",
        ),
    ],
)
def test_odd_entries_in_a_photo_folder(ws: Path, make: Callable[[Path], None], needle: str) -> None:
    make(_slideshow(ws))
    # the check before the build names the file in its table: its name, then the words
    assert_error(cli("build", str(ws)), 2, *needle.split(": ", 1))
    _no_final_outputs(ws)


def _png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG that claims ``width`` x ``height``: Pillow reads the size from the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_photo(ws: Path) -> None:
    photos = _slideshow(ws)
    _png_header_only(photos / "2_huge.png", 30_000, 30_000)
    assert_error(cli("build", str(ws)), 2, "2_huge.png", "the photo is larger than", "export it at")
    _no_final_outputs(ws)


# ---------------------------------------------------------------- the machine (exit 4)


def test_unreadable_srt(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tests run as root, where chmod 000 does not stop a read: refuse it in-process
    real_open = Path.open

    def refuse(self: Path, *a: Any, **kw: Any) -> Any:
        if self.name == "en.srt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", refuse)
    for command in ("check", "build"):
        assert_error(cli(command, str(ws)), 4, "en.srt: no permission", "fix its permissions")


def test_unreadable_film_is_not_told_to_re_export(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import av

    def refuse(path: str, *a: Any, **kw: Any) -> Any:
        raise av.error.PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr("screening_kit.media.av.open", refuse)
    result = cli("build", str(ws))
    assert_error(result, 4, "film.mp4: no permission to read this film", "fix its permissions")
    assert "re-export" not in result.output


def test_disk_full_while_packaging_in_process(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*a: Any, **kw: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")  # as the kernel says it

    monkeypatch.setattr("screening_kit.package.os.copy_file_range", full)
    result = cli("build", str(ws))
    assert_error(
        result,
        4,
        f"/dist/.GB.staging-{os.getpid()}/01_film.en.mp4: no space left on the drive while writing",
        "free space on that drive",
    )
    _no_final_outputs(ws)


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces")


def _in_namespace(mount: Path, options: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with a tiny tmpfs at ``mount`` (a real full or read-only drive)."""
    mount.mkdir(parents=True, exist_ok=True)
    script = f'mount -t tmpfs -o {options} tmpfs "$0" && exec "$@"'
    cmd = [sys.executable, "-m", "screening_kit", *args]
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(mount), *cmd], capture_output=True, text=True
    )


@needs_mount
def test_dist_on_a_full_drive(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "stick"
    proc = _in_namespace(out, "size=64k", "build", str(ws), "--out", str(out / "dist"))
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "no space left on the drive while writing" in proc.stderr
    assert "free space on that drive" in proc.stderr


@needs_mount
@pytest.mark.parametrize("where", ["--out", "--cache"])
def test_read_only_dist_or_cache(ws: Path, tmp_path: Path, where: str) -> None:
    ro = tmp_path / "ro"
    proc = _in_namespace(ro, "size=64k,ro", "build", str(ws), where, str(ro / "x"))
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "read-only" in proc.stderr.lower() and "hint:" in proc.stderr  # what to fix
