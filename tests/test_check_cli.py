"""`screening-kit check` and the checks `build` runs first: table, JSON, exit codes,
nothing encoded on errors, and --force recording the findings in package.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from screening_kit.cli import main

from .test_qc import EN_SRT, make_workspace

# cue 2 overlaps cue 1 by 500 ms and reads at 21 chars/s; the file has CRLF line ends
BAD_SRT = (
    EN_SRT + "2\n00:00:01,500 --> 00:00:03,500\n" + "x" * 21 + "\n" + "y" * 21 + "\n\n"
).replace("\n", "\r\n")


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_prints_the_table_and_exits_1_on_errors(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": BAD_SRT})
    code, out = cli("check", str(root))
    assert code == 1
    lines = out.splitlines()
    # what was read first: per file its kind, encoding and number of cues
    assert lines[:2] == ["read 1 file:", "  subtitles/doc/en.srt  subtitles  utf-8  2 cues"]
    rows = [line.split() for line in lines[2:]]
    assert rows[0] == ["LEVEL", "FILE", "CUE", "TIME", "RULE", "VALUE", "LIMIT", "DETAILS"]
    assert rows[1] == [
        "info",
        "subtitles/doc/en.srt:1",
        "line-endings",
        "CRLF",
        *["CRLF", "(Windows)", "line", "endings,", "read", "as", "line", "breaks"],
    ]
    assert rows[2][:8] == [
        "error",
        "subtitles/doc/en.srt:6",
        "2",
        "00:00:01,500",
        "overlap",
        "500",
        "ms",
        "0",
    ]
    assert rows[3][:9] == [
        "error",
        "subtitles/doc/en.srt:6",
        "2",
        "00:00:01,500",
        "reading-speed",
        "21",
        "chars/s",
        "20",
        "chars/s",
    ]
    assert lines[-1] == "2 errors, 0 warnings, 1 info in 1 file"
    code, out = cli("check", str(root), "--strict")
    assert out.splitlines()[-1] == "2 errors, 1 warning in 1 file"


def test_check_json(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": BAD_SRT})
    code, out = cli("check", str(root), "--json")
    assert code == 1
    data = json.loads(out)
    assert (data["errors"], data["warnings"], data["info"]) == (2, 0, 1)
    assert data["files"] == [
        {
            "file": "subtitles/doc/en.srt",
            "kind": "subtitles",
            "encoding": "utf-8",
            "cues": 2,
            "film": "doc",
            "language": "en",
        }
    ]
    assert [(f["rule"], f["cue"], f["value"], f["limit"]) for f in data["findings"]] == [
        ("line-endings", None, "CRLF", None),
        ("overlap", 2, 500, 0),
        ("reading-speed", 2, 21, 20),
    ]
    assert data["findings"][1]["file"] == "subtitles/doc/en.srt"
    assert data["findings"][1]["start"] == "00:00:01,500"


def test_check_exits_0_when_clean_and_2_when_the_workspace_is_broken(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": EN_SRT})
    assert cli("check", str(root)) == (
        0,
        "read 1 file:\n  subtitles/doc/en.srt  subtitles  utf-8  1 cue\n"
        "no problems found: 0 errors, 0 warnings\n",
    )
    (root / "ceremony.yaml").write_text("title: x\ncountries: {GB: {name: UK}}\n", "utf-8")
    code, out = cli("check", str(root))
    assert code == 2
    assert "ceremony.yaml" in out and "countries.GB.language" in out


def test_build_stops_before_encoding_with_the_same_table(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": BAD_SRT})
    code, out = cli("build", str(root))
    assert code == 2
    assert "subtitle checks found 2 errors; nothing was encoded" in out
    _, table = cli("check", str(root))
    findings = table[table.index("LEVEL") :]  # check also lists the files it read
    assert findings.strip() in out
    assert not (root / "dist").exists()
    cache = root / ".screening-kit" / "cache"
    assert not cache.exists() or not [p for p in cache.rglob("*.mp4")]


def test_build_force_records_the_findings(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": BAD_SRT})
    code, out = cli("build", str(root), "--force", "--jobs", "2")
    assert code == 0, out
    package = json.loads((root / "dist" / "GB" / "package.json").read_text("utf-8"))
    qc = package["subtitle_qc"]
    assert (qc["forced"], qc["errors"], qc["warnings"], qc["info"]) == (True, 2, 0, 1)
    assert [(f["rule"], f["cue"], f["value"]) for f in qc["findings"]] == [
        ("line-endings", None, "CRLF"),
        ("overlap", 2, 500),
        ("reading-speed", 2, 21),
    ]
