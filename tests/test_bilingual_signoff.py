"""Sign-off of a bilingual pair (issue 21): the pair's proof page has rows of both
languages, each saying its language; a reviewer of each signs off their own rows in
the real Chromium; `signoff import` records each row under its language, and a
package of the pair is approved only when both languages are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from PIL import Image

from screening_kit.build import build
from screening_kit.cli.app import main
from screening_kit.proof import make_proofs
from tests.test_bilingual import KK_ONE, PROFILE, RU_ONE, H, W, srt, workspace


def sign_off(browser: Any, page_path: Path, out: Path, name: str, lang: str) -> Path:
    """``name`` approves every row of ``lang`` on the page, then saves; the file."""
    context = browser.new_context(accept_downloads=True)
    context.route("http*://**", lambda route: route.abort())
    page = context.new_page()
    page.goto(page_path.as_uri())
    page.fill("#reviewer", name)
    page.click("#set-name")
    for button in page.locator(f'tr.r[data-lang="{lang}"] button.approve').all():
        button.click()
    with page.expect_download() as info:
        page.click("#save")
    target = out / f"{lang}.{info.value.suggested_filename}"
    info.value.save_as(target)
    context.close()
    return target


def test_both_languages_are_signed_off_each_by_its_own_reviewer(
    browser: Any, tmp_path: Path
) -> None:
    subs = {"kk": srt((0.2, 1.8, KK_ONE), (2.0, 3.6, "Рахмет!")), "ru": srt((0.2, 1.8, RU_ONE))}
    cards = {"kk": ["Тәуелсіздік күні"], "ru": ["День независимости"]}
    root = workspace(tmp_path / "ws", subs, {"KZ": {"languages": ["kk", "ru"]}}, 4, cards)
    build(root, jobs=2)
    (sheet,) = make_proofs(root)
    html = sheet.html.read_text("utf-8")
    # rows of both: the first's card and two cues, the second's card and one cue
    assert html.count('data-lang="kk" data-text') == 3
    assert html.count('data-lang="ru" data-text') == 2
    assert "<div class=lang>Russian (ru)</div>" in html
    assert "<div class=lang>Kazakh (kk)</div>" in html
    saved = tmp_path / "saved"
    saved.mkdir()
    kk_file = sign_off(browser, sheet.html, saved, "Aigerim Nurlanova", "kk")
    ru_file = sign_off(browser, sheet.html, saved, "Ivan Petrov", "ru")
    ru_doc = json.loads(ru_file.read_text("utf-8"))
    assert ru_doc["language"] == "kk"  # the page's; each row says its own
    assert [(r["kind"], r.get("language")) for r in ru_doc["rows"]] == [
        ("card", "ru"),
        ("cue", "ru"),
    ]

    cli = CliRunner()
    done = cli.invoke(main, ["signoff", "import", str(root), str(kk_file)])
    assert done.exit_code == 0, done.output
    assert not (root / "signoffs" / "recorded" / "ru.json").exists()
    result = build(root, jobs=2, approved_only=True)
    assert result.held_back == ["KZ"]  # Russian is not signed off yet
    assert "Kazakh: approved by Aigerim Nurlanova" in result.signoff["KZ"]
    assert "Russian: not signed off (2 rows)" in result.signoff["KZ"]

    done = cli.invoke(main, ["signoff", "import", str(root), str(ru_file)])
    assert done.exit_code == 0, done.output
    assert "ru, Ivan Petrov" in done.output
    recorded = json.loads((root / "signoffs" / "recorded" / "ru.json").read_text("utf-8"))
    assert {r["reviewer"] for r in recorded["rows"]} == {"Ivan Petrov"}
    assert len(recorded["rows"]) == 2
    status = cli.invoke(main, ["signoff", "status", str(root)])
    assert "kk: approved" in status.output and "ru: approved" in status.output
    result = build(root, jobs=2, approved_only=True)
    assert result.held_back == []
    doc = json.loads((result.out_dir / "KZ" / "package.json").read_text("utf-8"))
    so = doc["signoff"]
    assert so["state"] == "approved" and so["language"] == "kk+ru"
    assert [(p["language"], p["state"]) for p in so["languages"]] == [
        ("kk", "approved"),
        ("ru", "approved"),
    ]
    sheet_html = (result.out_dir / "KZ" / "RUNSHEET.html").read_text("utf-8")
    assert "Russian: approved by Ivan Petrov" in sheet_html
    assert "Kazakh: approved by Aigerim Nurlanova" in sheet_html


def test_the_second_languages_captions_have_their_own_page(tmp_path: Path) -> None:
    from screening_kit.config import load_workspace
    from screening_kit.signoff import workspace_status

    root = tmp_path / "ws"
    (root / "photos").mkdir(parents=True)
    (root / "playlists").mkdir()
    for name in ("a.png", "b.png"):
        Image.new("RGB", (W, H), (90, 90, 90)).save(root / "photos" / name)
    (root / "photos" / "captions.yaml").write_text(
        f"a.png: {{kk: {KK_ONE}, ru: {RU_ONE}}}\nb.png: {{ru: {RU_ONE}}}\n", "utf-8"
    )
    show = {"id": "show", "title": "Show", "photos": "photos", "captions": "captions.yaml",
            "seconds_per_photo": 2, "crossfade": 0.5, "motion": "none"}  # fmt: skip
    cfg = {
        "title": "Bilingual",
        "profile": "test",
        "profiles": {"test": PROFILE},
        "countries": {"KZ": {"name": "KZ", "languages": ["kk", "ru"]}},
        "slideshows": [show],
    }
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    (root / "playlists" / "ceremony.yaml").write_text("items:\n  - slideshow: show\n", "utf-8")
    build(root, jobs=2)
    sheets = {s.html.name: s for s in make_proofs(root)}
    assert set(sheets) == {"show.captions.kk.html", "show.captions.ru.html"}
    page = sheets["show.captions.ru.html"].html.read_text("utf-8")
    assert page.count('class="r"') == 2 and 'data-lang="ru"' in page
    # the rows the page offers are the rows Russian's sign-off counts
    status = workspace_status(load_workspace(root))
    assert len(status["ru"].rows) == 2 and len(status["kk"].rows) == 1


def test_records_languages_json_and_verify_say_both(tmp_path: Path) -> None:
    subs = {"kk": srt((0.2, 1.8, KK_ONE)), "ru": srt((0.2, 1.8, RU_ONE))}
    countries = {"KZ": {"languages": ["kk", "ru"]}, "KK": {"language": "kk"}}
    root = workspace(tmp_path / "ws", subs, countries, seconds=2)
    result = build(root, jobs=2)
    doc = json.loads((result.out_dir / "KZ" / "package.json").read_text("utf-8"))
    files = doc["subtitle_qc"]["files"]
    assert sorted((f["file"], f["language"]) for f in files) == [
        ("subtitles/film/kk.srt", "kk"),
        ("subtitles/film/ru.srt", "ru"),
    ]
    one = json.loads((result.out_dir / "KK" / "package.json").read_text("utf-8"))
    assert [f["language"] for f in one["subtitle_qc"]["files"]] == ["kk"]
    cli = CliRunner()
    shown = json.loads(cli.invoke(main, ["languages", str(root), "--json"]).output)
    pairs = {r["tag"]: r["pairs"] for r in shown}
    pair = {"country": "KZ", "languages": ["kk", "ru"], "layout": "stacked"}
    assert pairs == {"kk": [pair], "ru": [pair]}
    checked = cli.invoke(main, ["verify", str(result.out_dir / "KZ")])
    assert checked.exit_code == 0, checked.output
    assert "(KZ Kazakh + Russian)" in checked.output
    checked = cli.invoke(main, ["verify", str(result.out_dir / "KK")])
    assert "(KK Kazakh)" in checked.output
