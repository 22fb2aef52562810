"""The staff's language: catalogs hold every message the code shows, each shipped
language translates all of them with the same placeholders, and the run sheet,
PLAY.html and VERIFY.html render in each language with its lang/dir and without an
English message where a translation exists. A missing message falls back to
English; ``check`` lists the untranslated ones."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from screening_kit import i18n
from screening_kit.errors import ConfigError
from screening_kit.i18n import SHIPPED, message_ids, staff, untranslated
from screening_kit.package import play_page, runsheet, verify_page
from screening_kit.package.playlists import Entry
from tests._catalogs import messages_in_code

PLACEHOLDER = re.compile(r"\{\w*\}")


def test_english_catalog_holds_every_message_the_code_shows() -> None:
    assert sorted(message_ids()) == sorted(messages_in_code())


@pytest.mark.parametrize("tag", [t for t in SHIPPED if t != "en"])
def test_shipped_catalogs_translate_everything_with_the_same_placeholders(tag: str) -> None:
    assert untranslated(tag) == []
    lang = staff(tag)
    for msgid in message_ids():
        text = lang.t(msgid)
        assert text != msgid, (tag, msgid)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), msgid


def english_phrases(msgid: str) -> list[str]:
    """The literal parts of a message with two words or more: what would betray an
    untranslated message on a page (file names and single words would not)."""
    parts = [p.strip(" .:;,()") for p in PLACEHOLDER.split(msgid)]
    return [p for p in parts if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2]


def sheet(tag: str) -> runsheet.Sheet:
    rows = [
        runsheet.SheetRow(1, "01_photos.mp4", "Photos", "slideshow", "x", 0, 300, 1, None, True),
        runsheet.SheetRow(2, "02_film.ru.mp4", "Film", "film", "x", 300, 3600, 1, None),
        runsheet.SheetRow(3, "03_photos.mp4", "Photos", "slideshow", "x", 3900, 60, 3, None),
    ]
    return runsheet.Sheet(
        "Ceremony",
        "Japan",
        "Japanese (ja)",
        "tv-usb-1080p",
        rows,
        date=staff(tag).date(dt.date(2027, 2, 26)),
        play_all=[("00_play-all_part1.mp4", 2000), ("00_play-all_part2.mp4", 2080)],
        build_id="0123abcd",
        staff_language=tag,
        starts_at=dt.datetime(2027, 2, 26, 18, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
    )


def page_text(html: str) -> str:
    body = re.sub(r"<style>.*?</style>|<script[^>]*>.*?</script>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("tag", SHIPPED)
def test_run_sheet_in_each_shipped_language(tag: str) -> None:
    html = runsheet.render(sheet(tag))
    m = re.match(r'<!DOCTYPE html>\n<html lang="([^"]+)" dir="(ltr|rtl)">', html)
    assert m, html[:80]
    assert m.groups() == (tag, "rtl" if tag == "ar" else "ltr")
    text = page_text(html)
    lang = staff(tag)
    assert lang.t("If something does not play") in text
    assert lang.date(dt.date(2027, 2, 26)) in text
    if tag == "en":
        return
    for msgid in message_ids():
        if lang.t(msgid) == msgid:
            continue
        for phrase in english_phrases(msgid):
            assert phrase not in text, (tag, phrase)


def test_clock_times_in_the_staff_locale() -> None:
    ru = page_text(runsheet.render(sheet("ru")))
    assert "пятница, 26 февраля 2027\u202fг." in ru
    assert "до 18:00" in ru  # the pre-show loop runs until the start
    assert "18:00:00" in ru and "19:00:00" in ru and "19:03:00" in ru
    en = page_text(runsheet.render(sheet("en")))
    assert "Friday, February 26, 2027" in en
    for clock in ("6:00:00\u202fPM", "7:00:00\u202fPM", "7:03:00\u202fPM"):
        assert clock in en, clock


@pytest.mark.parametrize("tag", SHIPPED)
def test_play_and_verify_pages_in_each_shipped_language(tag: str) -> None:
    lang = staff(tag)
    play = play_page.render(
        lang,
        title="Ceremony",
        country="Japan",
        build_id="0123abcd",
        entries=[Entry("01_photos.mp4", "Photos", 5.0, 2)],
    )
    verify = verify_page.render("JP", "Japan", "0123abcd", [], lang)
    direction = "rtl" if tag == "ar" else "ltr"
    for html in (play, verify):
        assert f'<html lang="{tag}" dir="{direction}">' in html
    assert lang.t(play_page.MESSAGES["start"]) in page_text(play)
    assert lang.t(verify_page.MESSAGES["ok"]) in verify  # the page's script says it
    if tag != "en":
        for html, messages in ((play, play_page.MESSAGES), (verify, verify_page.MESSAGES)):
            for msgid in messages.values():
                for phrase in english_phrases(msgid):
                    assert phrase not in unescape(html), (tag, phrase)


def test_a_missing_message_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "screening_kit.po"
    text = shipped.read_text("utf-8")
    gone = 'msgid "Picture"\nmsgstr "Image"\n'
    assert gone in text
    fuzzy = 'msgid "Starts"\nmsgstr "Début"\n'
    catalog = tmp_path / "fr" / "LC_MESSAGES" / "screening_kit.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        text.replace(gone, 'msgid "Picture"\nmsgstr ""\n').replace(fuzzy, "#, fuzzy\n" + fuzzy),
        "utf-8",
    )
    (tmp_path / "en").symlink_to(i18n.LOCALE_DIR / "en")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        fr = staff("fr")
        assert fr.t("Picture") == "Picture" and fr.t("Starts") == "Starts"
        assert fr.t("Plays") == "Passages"
        assert untranslated("fr") == ["Picture", "Starts"]
        assert len(untranslated("de")) == len(message_ids())  # not shipped: all English
        assert staff("de").date(dt.date(2027, 2, 26)) == "Freitag, 26. Februar 2027"
        assert untranslated("fr-CA") == ["Picture", "Starts"]  # the language's catalog
    finally:
        i18n._catalog.cache_clear()


def _workspace(root: Path, make_video: object, **ceremony: object) -> Path:
    from tests.conftest import write_workspace

    film = make_video("film.mp4", seconds=1)  # type: ignore[operator]
    write_workspace(root, film, cues={"ru": "1\n00:00:00,100 --> 00:00:00,900\nПривет\n"})
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg.update(ceremony)
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    return root


def test_check_lists_untranslated_messages(tmp_path: Path, make_video: object) -> None:
    from screening_kit.qc import check_workspace

    root = _workspace(tmp_path / "ws", make_video, staff_language="de")
    report = check_workspace(root, shots=False, staff=True)
    listed = [f for f in report.findings if f.rule == "untranslated"]
    assert len(listed) == len(message_ids())
    assert all(f.severity == "warning" and "staff_language de (RU)" in f.message for f in listed)
    assert not [f for f in check_workspace(root, shots=False).findings if f.rule == "untranslated"]
    # the command line lists them too
    from click.testing import CliRunner

    from screening_kit.cli import main

    out = CliRunner().invoke(main, ["check", "--no-shots", "--json", str(root)]).output
    # 20 shown, like every rule's findings per file, and how many more
    assert out.count('"rule": "untranslated"') == 21
    assert f"and {len(message_ids()) - 20} more like this" in out
    root = _workspace(tmp_path / "ws2", make_video, staff_language="ru")
    report = check_workspace(root, shots=False, staff=True)
    assert not [f for f in report.findings if f.rule == "untranslated"]


def test_unknown_staff_language_is_a_config_error(tmp_path: Path, make_video: object) -> None:
    from screening_kit.config import load_workspace

    root = _workspace(tmp_path / "ws", make_video, staff_language="qq")
    with pytest.raises(ConfigError) as e:
        load_workspace(root)
    assert "staff_language 'qq'" in str(e.value)
