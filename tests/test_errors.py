"""Bad input: one clear message naming file and line, exit code 2, nothing under a final name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from screening_kit.cache import Cache
from screening_kit.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def final_outputs(root: Path) -> list[Path]:
    """Anything a failed build may not leave: packages or cache objects under final names."""
    found = []
    dist = root / "dist"
    if dist.exists():
        found += list(dist.iterdir())
    objects = root / ".screening-kit" / "cache" / "objects"
    if objects.exists():
        # a shot detection (check runs it before the build stops) is a complete
        # analysis of the film, kept for the next run: not a build output
        shots = {p.name.split(".")[0] for p in objects.rglob("*.shots")}
        found += [
            p for p in objects.rglob("*") if p.is_file() and p.name.split(".")[0] not in shots
        ]
    return found


def assert_clean_failure(result: Result, root: Path, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    for needle in needles:
        assert needle in result.output, (needle, result.output)
    assert final_outputs(root) == []


def test_missing_film_names_the_key_and_line(small_workspace: Path) -> None:
    (small_workspace / "films" / "documentary.mp4").unlink()
    result = run("build", str(small_workspace))
    assert_clean_failure(
        result, small_workspace, "ceremony.yaml:", "films[0].source", "film file not found"
    )


def test_missing_subtitle_file_names_file_and_countries(small_workspace: Path) -> None:
    (small_workspace / "subtitles" / "documentary" / "ko.srt").unlink()
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "ko.srt", "needed by KR")


def test_yaml_syntax_error_gives_the_line(small_workspace: Path) -> None:
    cfg = small_workspace / "ceremony.yaml"
    lines = cfg.read_text("utf-8").splitlines()
    lines.insert(3, "countries: [unclosed")
    cfg.write_text("\n".join(lines) + "\n", "utf-8")
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "ceremony.yaml:5", "YAML syntax error")


def test_unknown_language_key_names_country_and_line(small_workspace: Path) -> None:
    cfg = small_workspace / "ceremony.yaml"
    text = cfg.read_text("utf-8")
    assert "language: ko" in text
    cfg.write_text(text.replace("language: ko", "language: xx"), "utf-8")
    result = run("build", str(small_workspace))
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "language: ko" in s)
    assert_clean_failure(
        result,
        small_workspace,
        f"ceremony.yaml:{line}",
        "countries.KR.language",
        "unknown language 'xx'",
    )


def test_unknown_config_key_is_rejected_with_its_path(small_workspace: Path) -> None:
    cfg = small_workspace / "ceremony.yaml"
    cfg.write_text(cfg.read_text("utf-8") + "colour_grade: warm\n", "utf-8")
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "colour_grade", "unknown key")


def test_unknown_country_on_the_command_line(small_workspace: Path) -> None:
    result = run("build", str(small_workspace), "--country", "ZZ")
    assert_clean_failure(result, small_workspace, "unknown country code ZZ", "GB")


def test_unknown_profile_on_the_command_line(small_workspace: Path) -> None:
    result = run("build", str(small_workspace), "--profile", "vhs")
    assert_clean_failure(result, small_workspace, "unknown profile 'vhs'", "tv-usb-1080p")


def test_unknown_profile_in_the_config(small_workspace: Path) -> None:
    cfg = small_workspace / "ceremony.yaml"
    cfg.write_text(cfg.read_text("utf-8").replace("profile: test", "profile: vhs"), "utf-8")
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "profile: unknown profile 'vhs'")


@pytest.mark.parametrize("content", [b"this is not a video\n" * 100, b""])
def test_film_that_cannot_be_decoded(small_workspace: Path, content: bytes) -> None:
    (small_workspace / "films" / "documentary.mp4").write_bytes(content)
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "documentary.mp4", "cannot decode")


def test_truncated_film_cannot_be_decoded(small_workspace: Path) -> None:
    film = small_workspace / "films" / "documentary.mp4"
    film.write_bytes(film.read_bytes()[:4000])
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "documentary.mp4")


def test_subtitle_that_cannot_be_parsed_names_file_and_line(small_workspace: Path) -> None:
    srt = small_workspace / "subtitles" / "documentary" / "ru.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nПривет\n\n2\n00:00:03,000 --> 00:00:xx,000\nМир\n",
        "utf-8",
    )
    result = run("build", str(small_workspace))
    # line 6 holds the broken timing line of cue 2
    assert_clean_failure(result, small_workspace, "ru.srt:6", "00:00:xx,000")


def test_subtitle_that_is_not_srt_at_all(small_workspace: Path) -> None:
    srt = small_workspace / "subtitles" / "documentary" / "en.srt"
    srt.write_text("Hello, this is a letter, not subtitles.\n", "utf-8")
    result = run("build", str(small_workspace))
    assert_clean_failure(result, small_workspace, "en.srt:1")


def test_debug_shows_the_traceback(small_workspace: Path) -> None:
    result = run("--debug", "build", str(small_workspace), "--country", "ZZ")
    assert result.exit_code != 0
    assert result.exception is not None


def test_failed_write_leaves_no_object_under_its_final_name(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    with pytest.raises(RuntimeError), cache.writing("ab" * 20, ".mp4") as tmp:
        tmp.write_bytes(b"half a file")
        raise RuntimeError("encoder died")
    assert not cache.has("ab" * 20, ".mp4")
    assert list((tmp_path / "cache" / "objects").rglob("*")) == [tmp_path / "cache/objects/ab"]
