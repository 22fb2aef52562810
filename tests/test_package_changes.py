"""Stable packages, build ids and "what changed": a rebuild that changes nothing
touches nothing; a one-cue edit changes exactly the packages of that language."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening_kit.build import BuildResult, build
from screening_kit.package.changes import diff_units
from screening_kit.package.identity import ID_FILES, read_package
from screening_kit.progress import RecordingReporter
from screening_kit.proof import make_proofs


def build_anyway(root: Path, **kwargs: Any) -> BuildResult:
    from tests._mission import build_anyway as build_forced

    return build_forced(root, **kwargs)


def snapshot(dist: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under dist/: (sha256, mtime_ns, inode)."""
    out = {}
    for p in sorted(dist.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[p.relative_to(dist).as_posix()] = (
                hashlib.sha256(p.read_bytes()).hexdigest(),
                st.st_mtime_ns,
                st.st_ino,
            )
    return out


def edit_cue(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    from screening_kit.demo import make_demo
    from tests.conftest import shrink_workspace

    root = tmp_path_factory.mktemp("changes") / "ws"
    make_demo(root, seconds=6, width=320, height=180)
    shrink_workspace(root)
    return root, build_anyway(root)


def test_first_build_gives_every_package_an_id_from_its_content(
    first: tuple[Path, BuildResult],
) -> None:
    _, result = first
    ids = {}
    for pkg in result.packages:
        on_disk = read_package(pkg.path)
        assert on_disk is not None
        assert on_disk.build_id == pkg.build_id and len(pkg.build_id) == 8
        assert pkg.change is not None and pkg.change["causes"] == ["first build"]
        assert f"build {pkg.build_id}" in pkg.summary
        sheet = (pkg.path / "RUNSHEET.html").read_text("utf-8")
        assert f'id="build-id">build<b>{pkg.build_id}</b>' in sheet
        # the run sheet sends the mission to VERIFY.html, with the command-line checks
        for words in ("open VERIFY.html", "certutil -hashfile FILE SHA256",
                      "shasum -a 256 -c MANIFEST.sha256"):  # fmt: skip
            assert words in sheet
        assert pkg.build_id in (pkg.path / "VERIFY.html").read_text("utf-8")
        ids[pkg.country] = pkg.build_id
        assert "built_at" not in on_disk.doc
    # countries that share a language still differ (country name in package.json)
    assert len(set(ids.values())) == len(ids)
    index = (result.out_dir / "index.html").read_text("utf-8")
    assert all(f'<td class="id">{i}</td>' in index for i in ids.values())


def test_rebuild_without_changes_touches_nothing_in_dist(
    first: tuple[Path, BuildResult],
) -> None:
    root, result = first
    before = snapshot(result.out_dir)
    again = build_anyway(root)
    assert snapshot(result.out_dir) == before  # bytes, mtimes and inodes
    assert [p.summary for p in again.packages] == [
        f"build {p.build_id}, unchanged" for p in result.packages
    ]
    assert not [p for p in result.out_dir.iterdir() if p.name.startswith(".")]


def test_one_cue_edit_changes_exactly_that_languages_packages(
    first: tuple[Path, BuildResult],
) -> None:
    root, result = first
    dist = result.out_dir
    ids = {p.country: p.build_id for p in result.packages}
    make_proofs(root, countries=["EG", "KR"])
    index = (dist / "index.html").read_text("utf-8")
    assert 'class="stale"' not in index and 'class="current"' in index
    before = snapshot(dist)
    edit_cue(root / "subtitles/documentary/ar.srt", "شكراً لكم", "شكراً جزيلاً لكم")
    rec = RecordingReporter()
    rebuilt = build(root, reporter=rec, force=True)
    after = snapshot(dist)
    by_country = {p.country: p for p in rebuilt.packages}
    for code in ("GB", "IE", "KZ", "KG", "KR", "JP"):
        files = {k: v for k, v in before.items() if k.startswith(f"{code}/")}
        assert {k: after[k] for k in files} == files, code
        assert by_country[code].change is None and by_country[code].build_id == ids[code]
    for code in ("EG", "JO"):
        pkg = by_country[code]
        assert pkg.build_id != ids[code] and pkg.previous_id == ids[code]
        assert pkg.change is not None
        assert pkg.change["changed"] == ["02_documentary.ar.mp4"]
        assert pkg.change["added"] == pkg.change["removed"] == []
        # a longer cue also changes the reading-speed findings this forced build records
        cause, *also = pkg.change["causes"]
        assert cause == "subtitles/documentary/ar.srt: cue 4 text"
        assert set(also) <= {"subtitle check findings"}
        assert "cue 4 text" in pkg.summary and f"since build {ids[code]}" in pkg.summary
        # only the film and the four small files that carry the build id differ
        differ = sorted(
            k.split("/", 1)[1]
            for k in after
            if k.startswith(f"{code}/") and after[k][0] != before[k][0]
        )
        assert differ == sorted(["02_documentary.ar.mp4", *ID_FILES])
        film = dist / code / "02_documentary.ar.mp4"
        assert pkg.copy_bytes == film.stat().st_size + sum(
            (dist / code / n).stat().st_size for n in ID_FILES
        )
        # history kept in package.json, newest first
        doc = json.loads((dist / code / "package.json").read_text("utf-8"))
        assert [e["causes"][0] for e in doc["changes"]] == [
            "subtitles/documentary/ar.srt: cue 4 text",
            "first build",
        ]
    index = (dist / "index.html").read_text("utf-8")
    assert "ar.srt: cue 4 text" in index
    # the Arabic proof page shows the old text: marked stale, and the build says so;
    # the Korean one is current
    stale = index.split('<li class="stale">')
    assert len(stale) == 2 and "documentary.ar.html" in stale[1].split("</li>")[0]
    assert '<li class="current"><a href="proof/documentary.ko.html">' in index
    warned = [t for kind, t in rec.events if kind == "warn" and "proof sheet" in t]
    assert len(warned) == 1 and "documentary.ar.html: STALE" in warned[0]


def test_card_edit_is_named_by_card(first: tuple[Path, BuildResult]) -> None:
    root, _ = first
    cards = root / "subtitles/documentary/cards.ko.yaml"
    doc = yaml.safe_load(cards.read_text("utf-8"))
    first_card = next(iter(doc))
    doc[first_card] = [*doc[first_card][:1], "두 번째 줄"]
    cards.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    rebuilt = build_anyway(root, countries=["KR"])
    (pkg,) = rebuilt.packages
    assert pkg.change is not None
    assert pkg.change["causes"] == [f"subtitles/documentary/cards.ko.yaml: card {first_card} text"]


def test_causes_name_parts_in_words() -> None:
    old = {
        "cue 1": {"text": "a", "timing": "t1"},
        "cue 2": {"text": "b", "timing": "t2"},
        "cue 3": {"text": "c", "timing": "t3"},
    }
    new = {
        "cue 1": {"text": "a", "timing": "t1"},
        "cue 2": {"text": "B", "timing": "T2"},
        "cue 4": {"text": "d", "timing": "t4"},
    }
    assert diff_units(old, new) == ["cue 2 text, timing", "cue 4 added", "cue 3 removed"]
    caps = {"01_a.jpg caption": {"text (ar)": "x", "text (en)": "y", "motion": "m"}}
    edited = {"01_a.jpg caption": {"text (ar)": "X", "text (en)": "y", "motion": "m"}}
    assert diff_units(caps, edited) == ["01_a.jpg caption text (ar)"]


def test_same_inputs_rendered_anew_is_named(first: tuple[Path, BuildResult]) -> None:
    root, _ = first
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["chunk_seconds"] = 3
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (pkg,) = build_anyway(root, countries=["KR"]).packages
    assert pkg.change is not None
    assert pkg.change["changed"] == ["02_documentary.ko.mp4"]
    assert pkg.change["causes"] == ["rendered anew with the same inputs: 02_documentary.ko.mp4"]


def test_a_hand_edited_previous_package_json_is_replaced(first: tuple[Path, BuildResult]) -> None:
    root, result = first
    pj = result.out_dir / "JP" / "package.json"
    pj.write_text(json.dumps({"build_id": 7, "files": "x", "inputs": 5, "changes": {}}))
    (pkg,) = build_anyway(root, countries=["JP"]).packages
    assert pkg.change is not None and pkg.previous_id is None
    doc = json.loads(pj.read_text("utf-8"))
    assert doc["build_id"] == pkg.build_id and len(doc["changes"]) == 1
    assert read_package(pkg.path) is not None
