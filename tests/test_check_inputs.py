"""`check` reports every problem in one run: missing cards files, captions that would
silently do nothing, what it read (encoding, cues), and harmless irregularities once
per file at info level."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.qc import check_workspace

from .conftest import ffmpeg
from .test_qc import EN_SRT, make_workspace, summary


def with_cards_and_slideshow(root: Path, captions: str) -> Path:
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["films"][0]["opening_cards"] = [{"id": "title"}]
    cfg["countries"]["KZ"] = {"name": "Kazakhstan", "language": "ru"}
    cfg["slideshows"] = [
        {"id": "photos", "title": "Photos", "photos": "films/photos", "captions": "cap.yaml"}
    ]
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "p.yaml").write_text(
        "items:\n  - slideshow: photos\n  - film: doc\n", "utf-8"
    )
    photos = root / "films" / "photos"
    photos.mkdir()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=1280x720", "-frames:v", "1", str(photos / name))
    (photos / "cap.yaml").write_text(captions, "utf-8")
    return root


def test_missing_cards_file_and_caption_problems_are_findings_in_one_run(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(
        tmp_path / "ws", make_video, {"en.srt": EN_SRT, "ru.srt": EN_SRT.replace("Hello", "Привет")}
    )
    # captions: a row for a photo that is not there (renamed), b.jpg has no row,
    # and no Russian column at all
    with_cards_and_slideshow(root, "a.jpg: {en: Arrival}\nd.jpg: {en: Departure}\n")
    (root / "subtitles" / "doc" / "cards.en.yaml").write_text("title: [Welcome]\n", "utf-8")
    code_out = CliRunner().invoke(main, ["check", str(root)])
    assert code_out.exit_code == 1, code_out.output
    assert "Traceback" not in code_out.output
    report = check_workspace(root)
    rows = [(f.severity, f.rule, str(f.path.relative_to(root)), f.line) for f in report.findings]
    assert rows == [
        ("warning", "caption-language", "films/photos/cap.yaml", None),
        ("warning", "caption-missing", "films/photos/cap.yaml", None),
        ("error", "caption-unknown-photo", "films/photos/cap.yaml", 2),
        ("error", "missing-cards", "subtitles/doc/cards.ru.yaml", None),
    ]
    by_rule = {f.rule: f.message for f in report.findings}
    assert by_rule["caption-unknown-photo"] == (
        "no photo named 'd.jpg' in this folder: did you mean 'c.jpg'?"
    )
    assert by_rule["caption-missing"] == (
        "2 of 3 photos have no caption in 'en': b.jpg, c.jpg (2 with no row at all)"
    )
    assert "no captions in 'ru'" in by_rule["caption-language"]
    assert "KZ will see it without captions" in by_rule["caption-language"]
    assert "film 'doc' in 'ru'; cards: title" in by_rule["missing-cards"]


def test_check_lists_the_files_it_read_with_encoding_and_cues(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    ru = "1\n00:00:00,500 --> 00:00:02,000\nПривет всем.\n\n"
    ru += "2\n00:00:02,500 --> 00:00:03,900\nЕщё.\n\n"
    root = make_workspace(
        tmp_path / "ws",
        make_video,
        {"ru.srt": ru.encode("cp1251")},
        countries={"KZ": {"name": "Kazakhstan", "language": "ru"}},
    )
    report = check_workspace(root)
    assert [(f.kind, f.encoding, f.count) for f in report.files] == [("subtitles", "cp1251", 2)]
    out = CliRunner().invoke(main, ["check", str(root)]).output
    assert out.splitlines()[:2] == [
        "read 1 file:",
        "  subtitles/doc/ru.srt  subtitles  cp1251  2 cues",
    ]


def test_harmless_irregularities_are_info_once_per_file(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    # CRLF, index numbers out of step three times, no final blank line, and one real warning
    srt = (
        "1\r\n00:00:00,000 --> 00:00:00,400\r\nShort.\r\n\r\n"
        "5\r\n00:00:01,000 --> 00:00:01,900\r\nTwo.\r\n\r\n"
        "9\r\n00:00:02,500 --> 00:00:03,400\r\nThree."
    )
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": srt})
    found = check_workspace(root).findings
    assert [(f.severity, f.rule) for f in found] == [
        ("info", "line-endings"),
        ("warning", "duration-short"),
        ("info", "index-sequence"),
        ("info", "final-blank-line"),
    ]
    assert found[2].message.endswith("(and 1 more like it in this file)")
    assert summary(found, root)[1][0] == "warning"
    out = CliRunner().invoke(main, ["check", str(root)]).output
    assert out.splitlines()[-1] == ("0 errors, 1 warning, 3 info in 1 file")
    strict = CliRunner().invoke(main, ["check", str(root), "--strict"]).output
    assert strict.splitlines()[-1] == "0 errors, 4 warnings in 1 file"


def test_a_slideshow_in_no_running_order_is_reported(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = make_workspace(tmp_path / "ws", make_video, {"en.srt": EN_SRT})
    with_cards_and_slideshow(root, "a.jpg: {en: Arrival}\n")
    (root / "subtitles" / "doc" / "cards.en.yaml").write_text("title: [Welcome]\n", "utf-8")
    (root / "playlists" / "p.yaml").write_text("items:\n  - film: doc\n", "utf-8")
    found = check_workspace(root, countries=["GB"]).findings
    assert [(f.severity, f.rule, f.value) for f in found] == [("info", "unused", "photos")]
    assert "neither checked nor built" in found[0].message
