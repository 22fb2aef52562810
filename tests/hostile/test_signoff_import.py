"""Hostile sign-off files: another workspace's, a hand-edited hash, 50 MB, a nesting
bomb, a huge flat one, a language the workspace does not have. Each is a clear error
naming the file, and nothing is recorded (not even the good files given with it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.config import load_workspace
from screening_kit.signoff import workspace_rows

SRT = "1\n00:00:00,500 --> 00:00:02,000\n{text}\n\n2\n00:00:02,500 --> 00:00:04,000\nРахмет!\n"


def workspace(root: Path, text: str) -> Path:
    (root / "subtitles" / "film").mkdir(parents=True)
    (root / "playlists").mkdir()
    (root / "subtitles" / "film" / "kk.srt").write_text(SRT.format(text=text), "utf-8")
    (root / "ceremony.yaml").write_text(
        "title: T\ncountries:\n  KZ: {name: Kazakhstan, language: kk}\n"
        "films:\n  - {id: film, title: Film, source: films/film.mp4}\n",
        "utf-8",
    )
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - film: film\n", "utf-8")
    return root


def signoff_of(root: Path) -> dict[str, Any]:
    """What the proof page saves after approving every row of ``root``."""
    rows = workspace_rows(load_workspace(root, require_inputs=False))["kk"]
    return {
        "schema": 1,
        "language": "kk",
        "reviewer": "Aigerim",
        "date": "2026-12-04T19:20:31+05:00",
        "render": "ab" * 32,
        "builds": {"KZ": "3f9a2c1d"},
        "rows": [
            {
                "kind": r.kind,
                "id": r.id,
                "text_sha256": r.text_sha256,
                **({"timing_sha256": r.timing_sha256} if r.timing_sha256 else {}),
                "verdict": "approved",
                "comment": "",
            }
            for r in rows
        ],
    }


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return workspace(tmp_path / "ws", "Қайырлы кеш!")


def run_import(root: Path, *files: Path) -> Any:
    return CliRunner().invoke(main, ["signoff", "import", str(root), *map(str, files)])


def assert_refused(root: Path, bad: Path, words: str) -> None:
    good = bad.with_name("signoff.kk.good.json")
    good.write_text(json.dumps(signoff_of(root)), "utf-8")
    r = run_import(root, good, bad)
    assert r.exit_code == 2, r.output
    assert str(bad) in r.output and words in r.output, r.output
    assert "nothing was recorded" in r.output
    assert str(good) not in r.output  # the good one is not blamed
    assert not (root / "signoffs").exists()  # nothing recorded, not even the good file
    assert "Traceback" not in r.output


def test_a_good_file_is_recorded(ws: Path, tmp_path: Path) -> None:
    f = tmp_path / "signoff.kk.abababababab.json"
    f.write_text(json.dumps(signoff_of(ws)), "utf-8")
    r = run_import(ws, f)
    assert r.exit_code == 0, r.output
    assert (ws / "signoffs" / "recorded" / "kk.json").is_file()
    r = CliRunner().invoke(main, ["signoff", "status", str(ws)])
    assert "kk: approved: Kazakh: approved by Aigerim on 2026-12-04" in r.output, r.output


def test_brackets_inside_a_comment_are_text(ws: Path, tmp_path: Path) -> None:
    doc = signoff_of(ws)
    doc["rows"][0].update(verdict="flagged", comment='[[[[[[[[ {{{{ "quoted [[[" ]]')
    f = tmp_path / "signoff.kk.abababababab.json"
    f.write_text(json.dumps(doc), "utf-8")
    r = run_import(ws, f)
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["signoff", "status", str(ws)])
    assert 'flagged cue 1 of film by Aigerim: [[[[[[[[ {{{{ "quoted [[[" ]]' in r.output


def test_files_dropped_into_signoffs_are_imported(ws: Path) -> None:
    (ws / "signoffs").mkdir()
    (ws / "signoffs" / "signoff.kk.abababababab.json").write_text(json.dumps(signoff_of(ws)))
    r = run_import(ws)
    assert r.exit_code == 0, r.output
    assert "signoff.kk.abababababab.json: kk, Aigerim" in r.output


def test_another_workspaces_file(ws: Path, tmp_path: Path) -> None:
    other = workspace(tmp_path / "other", "Басқа мәтін")
    bad = tmp_path / "signoff.kk.other.json"
    bad.write_text(json.dumps(signoff_of(other)), "utf-8")
    assert_refused(ws, bad, "another workspace")


def test_a_hand_edited_hash(ws: Path, tmp_path: Path) -> None:
    doc = signoff_of(ws)
    h = doc["rows"][0]["text_sha256"]
    doc["rows"][0]["text_sha256"] = ("0" if h[0] != "0" else "1") + h[1:]
    bad = tmp_path / "signoff.kk.edited.json"
    bad.write_text(json.dumps(doc), "utf-8")
    assert_refused(ws, bad, "cue 1 of film): its text hash is not the text in the file now")


def test_fifty_megabytes(ws: Path, tmp_path: Path) -> None:
    doc = signoff_of(ws)
    doc["rows"][0]["comment"] = "x" * (50 * 1024 * 1024)
    bad = tmp_path / "signoff.kk.huge.json"
    bad.write_text(json.dumps(doc), "utf-8")
    assert_refused(ws, bad, "over 4 MiB")


def test_a_nesting_bomb(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "signoff.kk.deep.json"
    bad.write_text("[" * 200_000 + "]" * 200_000, "utf-8")  # json.loads would recurse
    assert_refused(ws, bad, "nested deeper than a sign-off")


def test_a_huge_flat_shape(ws: Path, tmp_path: Path) -> None:
    doc = signoff_of(ws)
    doc["rows"] = [{}] * 1_000_000  # 4 MB of rows, each nothing
    bad = tmp_path / "signoff.kk.flat.json"
    bad.write_text(json.dumps(doc, separators=(",", ":")), "utf-8")
    assert_refused(ws, bad, "'rows' must be a list of at most 20000 rows")


def test_wrong_language(ws: Path, tmp_path: Path) -> None:
    doc = {**signoff_of(ws), "language": "ru"}
    bad = tmp_path / "signoff.ru.x.json"
    bad.write_text(json.dumps(doc), "utf-8")
    assert_refused(ws, bad, "language 'ru', which no country of this workspace uses")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"date": "2026-12-04T19:20:31"}, "has no time zone"),
        ({"reviewer": " "}, "names no reviewer"),
        ({"extra": 1}, "not a sign-off file"),
        ({"rows": [{"kind": "cue", "id": "film:1", "verdict": "maybe"}]}, "verdict must be"),
        (
            {
                "rows": [
                    {
                        "kind": "cue",
                        "id": "film:1",
                        "verdict": "flagged",
                        "comment": "\x1b[2J",
                        "text_sha256": "0" * 64,
                        "timing_sha256": "0" * 64,
                    }
                ]
            },
            "control characters",
        ),
    ],
)
def test_damaged_shapes(ws: Path, tmp_path: Path, change: dict[str, Any], words: str) -> None:
    bad = tmp_path / "signoff.kk.damaged.json"
    bad.write_text(json.dumps({**signoff_of(ws), **change}), "utf-8")
    assert_refused(ws, bad, words)


def test_not_json(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "signoff.kk.cut.json"
    bad.write_text(json.dumps(signoff_of(ws))[:-40], "utf-8")  # a copy cut short
    assert_refused(ws, bad, "it is not JSON")
