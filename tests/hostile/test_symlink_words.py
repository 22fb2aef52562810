"""Issue 16, point 6: a symbolic link where a file or a package folder belongs is
refused in words that say it is a link, where it points and what to do, not with
the hint about the characters allowed in names; a dist/GB that is a link is refused
before anything is encoded. (A link among a stick's files: test_sync_safety.py.)"""

from __future__ import annotations

from pathlib import Path

from ._crash import tiny_workspace
from ._helpers import assert_error, cli


def test_a_symlinked_subtitle_file_is_named_as_a_link(tmp_path: Path) -> None:
    ws = tiny_workspace(tmp_path / "top")
    srt = ws / "subtitles" / "film" / "en.srt"
    kept = tmp_path / "elsewhere" / "en.srt"
    kept.parent.mkdir()
    srt.rename(kept)
    srt.symlink_to(kept)
    for command in ("check", "build"):
        result = cli(command, str(ws))
        assert_error(
            result, 2, f"{srt}: is a symbolic link to {kept}; it leads outside ",
            f"hint: put the file itself there instead of the link (cp --remove-destination "
            f"'{kept}' '{srt}'), or remove the link (rm '{srt}')",
        )  # fmt: skip
        assert "letters, digits" not in result.output


def test_a_symlinked_package_folder_is_refused_before_encoding(tmp_path: Path) -> None:
    ws = tiny_workspace(tmp_path / "top")
    real = tmp_path / "elsewhere" / "GB"
    real.mkdir(parents=True)
    (ws / "dist").mkdir()
    (ws / "dist" / "GB").symlink_to(real)
    result = cli("build", str(ws))
    assert_error(
        result, 2, f"{ws / 'dist' / 'GB'}: is a symbolic link to {real}; a build replaces the "
        "package folder", f"hint: remove the link (rm '{ws / 'dist' / 'GB'}')",
    )  # fmt: skip
    assert "letters, digits" not in result.output
    assert "encoded" not in result.output
    # the subtitle checks ran (shot changes detected), not one piece was rendered
    objects = ws / ".screening-kit" / "cache" / "objects"
    assert {p.suffix for p in objects.rglob("*") if p.is_file()} <= {".shots", ".json"}
    assert list(real.iterdir()) == []
