"""Languages from CLDR, scripts, fonts through fontconfig, and `screening-kit languages`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from screening_kit import fonts
from screening_kit.cli import main
from screening_kit.config import Language, load_workspace
from screening_kit.errors import ConfigError, FontError
from screening_kit.fonts import resolve_font
from screening_kit.languages import SCRIPTS, UnknownLanguage, describe, rules_for

from .conftest import write_workspace

# tag -> (likely script, English name, Noto family fontconfig resolves)
EXPECTED = {
    "am": ("Ethi", "Amharic", "Noto Sans Ethiopic"),
    "bo": ("Tibt", "Tibetan", "Noto Serif Tibetan"),
    "he": ("Hebr", "Hebrew", "Noto Sans Hebrew"),
    "el": ("Grek", "Greek", "Noto Sans"),
    "hy": ("Armn", "Armenian", "Noto Sans Armenian"),
    "ka": ("Geor", "Georgian", "Noto Sans Georgian"),
    "th": ("Thai", "Thai", "Noto Sans Thai"),
    "hi": ("Deva", "Hindi", "Noto Sans Devanagari"),
    "bn": ("Beng", "Bangla", "Noto Sans Bengali"),
    "ta": ("Taml", "Tamil", "Noto Sans Tamil"),
    "zh-Hans": ("Hans", "Chinese (Simplified)", "Noto Sans CJK SC"),
    "zh-Hant": ("Hant", "Chinese (Traditional)", "Noto Sans CJK TC"),
    "uz": ("Latn", "Uzbek", "Noto Sans"),
    "uz-Cyrl": ("Cyrl", "Uzbek (Cyrillic)", "Noto Sans"),
    "sr-Latn": ("Latn", "Serbian (Latin)", "Noto Sans"),
    "kk": ("Cyrl", "Kazakh", "Noto Sans"),
    "kk-Latn": ("Latn", "Kazakh (Latin)", "Noto Sans"),
    "tk": ("Latn", "Turkmen", "Noto Sans"),
    "az": ("Latn", "Azerbaijani", "Noto Sans"),
    "ky": ("Cyrl", "Kyrgyz", "Noto Sans"),
    "tg": ("Cyrl", "Tajik", "Noto Sans"),
    "mn": ("Cyrl", "Mongolian", "Noto Sans"),
    "ps": ("Arab", "Pashto", "Noto Sans Arabic"),
    "ur": ("Arab", "Urdu", "Noto Sans Arabic"),
    "ja": ("Jpan", "Japanese", "Noto Sans CJK JP"),
    "ko": ("Kore", "Korean", "Noto Sans CJK KR"),
}


def lang_of(tag: str) -> Language:
    info = describe(tag)
    return Language(tag, "", info.script, None)


@pytest.mark.parametrize("tag", list(EXPECTED))
def test_cldr_names_scripts_and_fonts(tag: str) -> None:
    script, name, family = EXPECTED[tag]
    info = describe(tag)
    assert (info.script, info.english_name) == (script, name)
    font = resolve_font(lang_of(tag))
    assert font.family == family
    assert font.path.is_file()
    # the face fontconfig gave is the one of the asked family (.ttc collections too)
    assert fonts._fc_query(f"{family}:lang={fonts.fontconfig_lang(info)}")[2] == str(font.index)


def test_native_names_come_from_cldr() -> None:
    assert describe("am").native_name == "አማርኛ"
    assert describe("he").native_name == "עברית"
    assert describe("uz").native_name == "o‘zbek"
    assert describe("iw").language == "he"  # deprecated code replaced


def test_direction_from_the_scripts_letters() -> None:
    rtl = {code for code, s in SCRIPTS.items() if s.rtl}
    assert rtl == {"Arab", "Hebr", "Syrc", "Thaa"}
    assert rules_for("Hebr").rtl and not rules_for("Ethi").rtl


def test_unknown_and_malformed_tags() -> None:
    with pytest.raises(UnknownLanguage, match="'xx' names no language"):
        describe("xx")
    with pytest.raises(UnknownLanguage, match="not a BCP 47 language tag"):
        describe("en_US!!")


def _config(root: Path, **languages: object) -> None:
    cfg_path = root / "ceremony.yaml"
    cfg = yaml.safe_load(cfg_path.read_text("utf-8"))
    cfg["languages"] = languages
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")


SRT = "1\n00:00:00,500 --> 00:00:01,500\n{}\n\n"


def test_workspace_languages_and_overrides(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = write_workspace(
        tmp_path / "ws",
        make_video(seconds=2),
        cues={"uz-Cyrl": SRT.format("Хуш келибсиз"), "am": SRT.format("እንኳን ደህና መጡ")},
        countries={"UZ": "uz-Cyrl", "ET": "am"},
    )
    ws = load_workspace(root)
    assert ws.languages["uz-Cyrl"].script == "Cyrl"
    assert ws.languages["am"].name == "Amharic" and ws.languages["am"].native_name == "አማርኛ"
    _config(
        root, am={"name": "Amharic (Ethiopia)", "script": "ethi", "font": "Noto Serif Ethiopic"}
    )
    lang = load_workspace(root).languages["am"]
    assert (lang.name, lang.script, lang.font_family) == (
        "Amharic (Ethiopia)",
        "Ethi",
        "Noto Serif Ethiopic",
    )
    assert resolve_font(lang).family == "Noto Serif Ethiopic"
    _config(root, am={"script": "latin"})  # the old names still work
    assert load_workspace(root).languages["am"].script == "Latn"


def test_workspace_language_errors_name_the_line(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    root = write_workspace(
        tmp_path / "ws", make_video(seconds=2), cues={"xx": SRT.format("x")}, countries={"X": "xx"}
    )
    with pytest.raises(ConfigError) as e:
        load_workspace(root)
    assert e.value.line is not None
    assert e.value.message == (
        "countries.X.language: unknown language 'xx' (names no language in the IANA "
        "language subtag registry)"
    )
    assert "screening-kit languages" in (e.value.hint or "")
    root = write_workspace(
        tmp_path / "ws2", make_video(seconds=2), cues={"am": SRT.format("x")}, countries={"E": "am"}
    )
    _config(root, am={"script": "Klingon"})
    with pytest.raises(ConfigError, match=r"languages\.am\.script: unknown script 'Klingon'"):
        load_workspace(root)


def test_a_script_without_installed_font_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "_fc_match", lambda family, lang=None: None)
    monkeypatch.setattr(fonts, "_fc_match_lang", lambda lang: None)
    with pytest.raises(FontError) as e:
        resolve_font(lang_of("zh-Hant"))
    assert e.value.message.startswith("no installed font for Chinese (Traditional) (zh-Hant")
    assert (
        e.value.hint == "install the Debian package fonts-noto-cjk: apt-get install fonts-noto-cjk"
    )
    with pytest.raises(FontError) as e:
        resolve_font(lang_of("am"))
    assert e.value.hint is not None and "fonts-noto-core" in e.value.hint


def test_font_by_language_when_the_script_has_no_preferred_family(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = fonts._fc_match
    monkeypatch.setattr(fonts, "_fc_match", lambda family, lang=None: None)
    font = resolve_font(lang_of("he"))  # fc-match :lang=he, checked to cover Hebrew
    assert "he" in fonts._fc_query(f"{font.family}")[3].split("|")
    assert real("No Such Family") is None  # fontconfig's substitute is not taken


def test_languages_command(tmp_path: Path, make_video: Callable[..., Path]) -> None:
    root = write_workspace(
        tmp_path / "ws",
        make_video(seconds=2),
        cues={"he": SRT.format("שלום"), "zh-Hant": SRT.format("歡迎")},
        countries={"IL": "he", "TW": "zh-Hant"},
    )
    result = CliRunner().invoke(main, ["languages", str(root), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["tag"]: r for r in json.loads(result.output)}
    assert set(rows) == {"he", "zh-Hant"}
    he = rows["he"]
    assert (he["native_name"], he["script"], he["direction"], he["font"]) == (
        "עברית",
        "Hebr",
        "rtl",
        "Noto Sans Hebrew",
    )
    assert he["font_file"].endswith("NotoSansHebrew-Regular.ttf") and he["installed"]
    assert (rows["zh-Hant"]["chars_per_line"], rows["zh-Hant"]["cps_error"]) == (16, 9)
    table = CliRunner().invoke(main, ["languages", str(root)])
    assert table.exit_code == 0
    assert "Chinese (Traditional)" in table.output and "every font installed" in table.output
    # a font the workspace names that is not installed: listed, and exit 1
    _config(root, he={"font": "No Such Font"})
    result = CliRunner().invoke(main, ["languages", str(root)])
    assert result.exit_code == 1
    assert "he: font 'No Such Font' for Hebrew (he) is not installed" in result.output
    # without a workspace: every language CLDR has data for, in a script we know
    known = CliRunner().invoke(main, ["languages", "--json"])
    tags = {r["tag"] for r in json.loads(known.output)}
    assert {"am", "he", "th", "zh", "uz", "kk", "ka", "hy"} <= tags
