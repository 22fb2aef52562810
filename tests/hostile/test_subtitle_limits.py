"""Point 11: subtitle files have a size and a cue-count limit with a clear error;
repeated findings are capped per rule and file ("and 1,234 more like this") in the
table and the JSON; memory stays bounded whatever the file holds."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from screening_kit.qc.findings import MAX_PER_RULE
from screening_kit.subtitles.reader import MAX_CUES, MAX_SUBTITLE_BYTES

from ._helpers import cli, workspace


def _cues(n: int, text: str = "x") -> str:
    # 100 ms cues: each one too short (a warning) and past the 1 s film (an error)
    return "".join(
        f"{i + 1}\n00:{i // 600 % 60:02d}:{i // 10 % 60:02d},{i % 10 * 100:03d} --> "
        f"00:{i // 600 % 60:02d}:{i // 10 % 60:02d},{i % 10 * 100 + 50:03d}\n{text}\n\n"
        for i in range(n)
    )


@pytest.fixture
def ws(tmp_path: Path, make_video: Callable[..., Path]) -> Path:
    return workspace(tmp_path / "ws", make_video("film.mp4", seconds=1))


def test_repeated_findings_are_capped_in_table_and_json(ws: Path) -> None:
    (ws / "subtitles" / "film" / "en.srt").write_text(_cues(500), "utf-8")
    table = cli("check", str(ws))
    assert table.exit_code == 1
    rows = table.output.splitlines()
    past_end = [r for r in rows if " past-film-end " in r]
    assert len(past_end) == MAX_PER_RULE + 1
    more = 490 - MAX_PER_RULE  # cues 11..500 start after the film's 1 s
    assert past_end[-1].startswith("error") and f"and {more:,} more like this" in past_end[-1]
    doc = json.loads(cli("check", str(ws), "--json").output)
    assert sum(1 for f in doc["findings"] if f["rule"] == "past-film-end") == MAX_PER_RULE
    omitted = {o["rule"]: o for o in doc["omitted"]}
    assert omitted["past-film-end"] == {
        "file": "subtitles/film/en.srt",
        "rule": "past-film-end",
        "count": more,
        "errors": more,
        "message": f"and {more:,} more like this",
    }
    assert doc["errors"] >= 490  # the totals count everything
    assert len(table.output) < 20_000


def test_file_over_the_size_limit_is_a_clear_finding(ws: Path) -> None:
    path = ws / "subtitles" / "film" / "en.srt"
    path.write_bytes(b"1\n00:00:00,100 --> 00:00:00,500\n" + b"x" * MAX_SUBTITLE_BYTES)
    result = cli("check", str(ws))
    assert result.exit_code == 1
    assert "en.srt" in result.output and "file too large for subtitles (over 8 MiB" in result.output
    build = cli("build", str(ws))
    assert build.exit_code == 2 and "file too large for subtitles" in build.output


def test_too_many_cues_is_a_clear_finding(ws: Path) -> None:
    (ws / "subtitles" / "film" / "en.srt").write_text(_cues(MAX_CUES + 1), "utf-8")
    result = cli("check", str(ws))
    assert result.exit_code == 1
    assert f"more than {MAX_CUES:,} cues ({MAX_CUES + 1:,})" in result.output


@pytest.mark.slow
def test_100_mb_srt_checks_in_bounded_memory(ws: Path) -> None:
    path = ws / "subtitles" / "film" / "en.srt"
    block = _cues(1000, "A line of subtitle text").encode()
    with path.open("wb") as f:
        for _ in range(100 * 2**20 // len(block) + 1):
            f.write(block)
    assert path.stat().st_size > 100 * 2**20
    proc = subprocess.run(
        [sys.executable, "-m", "screening_kit", "check", str(ws)], capture_output=True, text=True
    )
    assert proc.returncode == 1 and "file too large for subtitles" in proc.stdout
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KiB: 1 GiB
