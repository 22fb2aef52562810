"""SRT files from other projects' test suites, read as those projects expect.

Every SRT file of pysrt, srt, webvtt-py, Subtitle Edit and JuvoPlayer (tests/data)
is compared with two other readers as oracles: srt (the library, times and text as
written) and pysubs2 (times and plain text). ``ORACLE_DISAGREE`` lists where we read
differently on purpose, and why. Encodings are checked against what the files'
own projects assert (JuvoPlayer's TSSubtitleFacade.cs, Subtitle Edit's
LanguageAutoDetectTest.cs); pysubs2 ships no SRT or WebVTT files (its tests hold
their subtitles as strings), so it serves as an oracle only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pysubs2
import pytest
import srt

from screening_kit.errors import SubtitleError
from screening_kit.subtitles import read_subtitles
from screening_kit.subtitles.encoding import SubtitleEncodingError
from screening_kit.subtitles.markup import visible_text

DATA = Path(__file__).parent / "data"
SRT_FILES = sorted(
    p
    for d in ("pysrt", "srt", "webvtt-py", "subtitleedit", "juvoplayer")
    for p in (DATA / d).glob("*.srt")
)


def _oracles(text: str) -> tuple[object, object]:
    """What srt and pysubs2 read from ``text``: [(start, end, text)] or an error name."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    try:
        by_srt: object = [
            (
                round(s.start.total_seconds() * 1000),
                round(s.end.total_seconds() * 1000),
                "\n".join(line.rstrip() for line in s.content.split("\n")),
            )
            for s in srt.parse(text)
        ]
    except srt.SRTParseError as e:
        by_srt = type(e).__name__
    by_pysubs2 = [
        (e.start, e.end, e.plaintext) for e in pysubs2.SSAFile.from_string(text, format_="srt")
    ]
    return by_srt, by_pysubs2


# file -> why we read it differently from the oracles
ORACLE_DISAGREE = {
    "pysrt/invalid.srt": "a timing line without milliseconds is an error naming the line "
    "(srt reads it, pysubs2 finds no cue)",
    "pysrt/capability_tester.srt": "markup: pysubs2's plain text keeps tags an SRT "
    "editor means as markup and shows what we drop; the times and srt's text agree",
    "srt/monsters-bad-newline.srt": "a blank line inside a cue is removed with a "
    "warning (libass would draw an empty line); srt and pysubs2 keep it",
    "webvtt-py/missing_timeframe.srt": "a block with an index number and no timing "
    "line is left out with a warning; srt and pysubs2 show it, index number and all, "
    "as more text of the cue before",
    "webvtt-py/invalid_format4.srt": "text before the first cue is an error naming "
    "the line; pysubs2 skips it",
}


def _ours(path: Path) -> object:
    try:
        track = read_subtitles(path)
    except SubtitleError:
        return "error"
    return [(c.start_ms, c.end_ms, c.text) for c in track.cues]


def _agrees(path: Path) -> bool:
    ours = _ours(path)
    try:
        text = path.read_bytes().decode(read_subtitles(path).encoding)
    except SubtitleError:
        text = path.read_text("utf-8", errors="replace")
    by_srt, by_pysubs2 = _oracles(text)
    if ours == "error":
        return by_srt == "SRTParseError" and by_pysubs2 == []
    assert isinstance(ours, list)
    plain = [(a, b, visible_text(t)) for a, b, t in ours]
    return ours == by_srt and plain == by_pysubs2


def test_every_srt_file_reads_as_srt_and_pysubs2_read_it() -> None:
    assert len(SRT_FILES) == 46
    differ = {f"{p.parent.name}/{p.name}" for p in SRT_FILES if not _agrees(p)}
    assert differ == set(ORACLE_DISAGREE)


def test_the_oracle_disagreements_are_what_we_mean() -> None:
    with pytest.raises(SubtitleError) as e:
        read_subtitles(DATA / "pysrt/invalid.srt")
    assert e.value.line == 2  # "00:00:01 --> 00:00:10", not the index above it
    track = read_subtitles(DATA / "srt/monsters-bad-newline.srt")
    assert [n.rule for n in track.notices].count("blank-line-in-cue") == 3
    track = read_subtitles(DATA / "webvtt-py/missing_timeframe.srt")
    assert track.cues[0].text == "Caption text #1"
    assert [(n.rule, n.line) for n in track.notices if n.rule == "bad-timing"] == [
        ("bad-timing", 5)
    ]
    with pytest.raises(SubtitleError, match="before the first cue") as e:
        read_subtitles(DATA / "webvtt-py/invalid_format4.srt")
    assert e.value.line == 1


def test_an_error_names_the_line_where_the_timing_should_be() -> None:
    # "1" then "some text": the timing line is missing at line 2, not at the index
    with pytest.raises(SubtitleError) as e:
        read_subtitles(DATA / "webvtt-py/invalid_format3.srt")
    assert e.value.line == 2 and "'some text'" in e.value.message


# ---------------------------------------------------------------- point 17


@pytest.mark.parametrize("name", ["bom-utf-32-le.srt", "bom-utf-32-be.srt", "bom-utf-16-le.srt"])
def test_utf32_and_utf16_with_a_bom(name: str) -> None:
    reference = read_subtitles(DATA / "pysrt/bom-utf-8.srt", script="Latn", language="en")
    track = read_subtitles(DATA / "pysrt" / name, script="Latn", language="en")
    assert track.encoding == ("utf-32" if "32" in name else "utf-16")
    assert track.cues == reference.cues and len(track.cues) == 7


def test_tags_with_underscores_hidden_when_closed_shown_when_not() -> None:
    """The SubRip capability tester's own words, cues 7 and 8."""
    cues = read_subtitles(DATA / "pysrt/capability_tester.srt").cues
    assert visible_text(cues[6].text).split("\n") == [
        ">",
        "It would be a good thing to",
        "hide invalid html tags that are closed and show the text in them",
        "<invalid_tag_unclosed>but show un-closed invalid html tags",
        "Show not opened tags</invalid_tag_not_opened>",
        "<",
    ]
    assert visible_text(cues[7].text).split("\n") == [
        "and also",
        "hide invalid html tags with parameters that are closed and show the text in them",
        "<invalid_tag_uc par=5>but show un-closed invalid html tags",
        "This text should be showed underlined without problems also: 2<3,5>1,4<6",
        "This shouldn't be underlined",
    ]


def test_webvtt_in_an_srt_file(tmp_path: Path) -> None:
    source = DATA / "webvtt-py/youtube_dl.vtt"
    path = tmp_path / "en.srt"
    path.write_bytes(source.read_bytes())
    track = read_subtitles(path, script="Latn", language="en")
    assert track.cues == read_subtitles(source, script="Latn", language="en").cues
    [note] = [n for n in track.notices if n.rule == "webvtt-in-srt"]
    assert note.line == 1 and "read as WebVTT" in note.message


# ---------------------------------------------------------------- point 16


def test_short_fractions_are_decimal_as_pysubs2_reads_them(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,04 --> 00:00:02,4\nshort fractions\n\n"
        "2\n00:00:61,000 --> 00:01:62,5\nfields out of range\n\n"
    )
    path = tmp_path / "en.srt"
    path.write_text(text, "utf-8")
    track = read_subtitles(path)
    ours = [(c.start_ms, c.end_ms) for c in track.cues]
    assert ours == [(1040, 2400), (61000, 122500)]
    assert ours == [(e.start, e.end) for e in pysubs2.SSAFile.from_string(text, format_="srt")]
    # srt reads ",04" as 4 ms: there we differ on purpose (",04" is 0.04 s)
    assert [round(s.start.total_seconds() * 1000) for s in srt.parse(text)] == [1004, 61000]
    found = [(n.rule, n.line, n.value) for n in track.notices if n.rule.startswith("timestamp")]
    assert found == [
        ("timestamp-fraction", 2, "00:00:01,04"),
        ("timestamp-fraction", 2, "00:00:02,4"),
        ("timestamp-range", 6, "00:00:61,000"),
        ("timestamp-fraction", 6, "00:01:62,5"),
        ("timestamp-range", 6, "00:01:62,5"),
    ]


# ---------------------------------------------------------------- point 15


@pytest.mark.parametrize("name", ["monsters.srt", "monsters-win.srt", "monsters-bad-order.srt"])
@pytest.mark.parametrize(("language", "script"), [("zh-Hans", "Hans"), ("en", "Latn")])
def test_bilingual_chinese_english_releases(name: str, language: str, script: str) -> None:
    track = read_subtitles(DATA / "srt" / name, script=script, language=language)
    assert len(track.cues) == 3 and "我有个点子" in {c.text.split("\n")[0] for c in track.cues}


# JuvoPlayer's TSSubtitleFacade.cs: (file, encoding, a cue's text) + the language
JUVO = [
    (
        "media_player_subs_windows-1250.srt",
        "windows-1250",
        "[Central Europe] 2.5: Ąą Ćć Ęę Łł Ńń Óó Śś Źź Żż",
        "pl",
        "Latn",
    ),
    (
        "media_player_subs_windows-1251.srt",
        "windows-1251",
        "[Cyrylic] 5.0: Жж Зз Кк Лл Ыы Чч Щщ Ъъ Ыы Юю Яя",
        "ru",
        "Cyrl",
    ),
    (
        "media_player_subs_windows-1252.srt",
        "windows-1252",
        "[Western Europe] 4.5: Àà Áá Ââ Ææ Çç Èè Ïï Ðð Ññ Õõ Øø Ýý Þþ £ €",
        "fr",
        "Latn",
    ),
    (
        "media_player_subs_windows-1253.srt",
        "windows-1253",
        "[Greek] 3.5: Άά Αα Ββ Γγ Δδ Εε Ζζ Ηη Θθ Ιι Κκ Λλ Ξξ Ψψ Ωω ώ",
        "el",
        "Grek",
    ),
    (
        "media_player_subs_windows-1254.srt",
        "windows-1254",
        "[Turkish] 3.5: Çç Ğğ Öö Üü Şş ¡ ¿ § µ ¾",
        "tr",
        "Latn",
    ),
    (
        "media_player_subs_windows-1255.srt",
        "windows-1255",
        "[Herbrew] 3.0: ₪ װױ  אבג דהוז חטיכ ל ר ¡ ¿ § µ ¾ ¥",
        "he",
        "Hebr",
    ),
    (
        "media_player_subs_windows-1256.srt",
        "windows-1256",
        "[Arabic] 3.0: علاء ديه القط، والقط هو علاء",
        "ar",
        "Arab",
    ),
    (
        "media_player_subs_windows-1257.srt",
        "windows-1257",
        "[Baltic] 1.5: Ąą Įį Āā Ćć Čč Ģģ Ķķ Ļļ Ńń Ņņ Õõ Ųų Øø Ææ µ ß",
        "lt",
        "Latn",
    ),
    (
        "media_player_subs_windows-1258.srt",
        "windows-1258",
        "[Vietnamese] 0.5: Àà Áá Ââ Ææ Çç Đđ Èè Ïï Ăă Ññ Ơơ Øø Ưư ₫ £ €",
        "vi",
        "Latn",
    ),
    (
        "media_player_subs_big5.srt",
        "big5",
        "[Chinese Traditional] 3.0: 她有一隻貓。貓有皮毛",
        "zh-Hant",
        "Hant",
    ),
    (
        "media_player_subs_cp-949.srt",
        "euc-kr",
        "[Korean] 3.5: 그녀는 고양이가. 고양이 모피를 가지고",
        "ko",
        "Kore",
    ),
    (
        "media_player_subs_gb2312.srt",
        "gb2312",
        "[Chinese Simplified] 4.5: 她有一只猫.猫的皮毛有",
        "zh-Hans",
        "Hans",
    ),
    (
        "subtitles_de.vtt",
        "utf-8",
        "Stellen Sie beste Streaming Performance zur Verfügung,",
        "de",
        "Latn",
    ),
    ("subtitles_en.vtt", "utf-8", "A dangerous quest for a lone hunter.", "en", "Latn"),
    ("subtitles_es.vtt", "utf-8", "Éstas son tierras de dragones, Sintel.", "es", "Latn"),
    ("subtitles_fr.vtt", "utf-8", "C'est bientôt fini. Chut...", "fr", "Latn"),
]


@pytest.mark.parametrize(("name", "encoding", "text", "language", "script"), JUVO)
def test_juvoplayer_files_stated_and_detected(
    name: str, encoding: str, text: str, language: str, script: str
) -> None:
    path = DATA / "juvoplayer" / name
    stated = read_subtitles(path, encoding, script=script, language=language)
    assert text in {c.text for c in stated.cues}
    assert not [n for n in stated.notices if n.rule == "encoding"]  # trusted, no doubt
    detected = read_subtitles(path, script=script, language=language)
    assert [c.text for c in detected.cues] == [c.text for c in stated.cues]


def test_juvoplayer_utf8_file_of_every_script_without_a_language() -> None:
    track = read_subtitles(DATA / "juvoplayer/media_player_subs_utf8.srt")
    assert "[UTF-8] 3.0: 고양이. Чч Щщ Ъъ. Óó Śś Źź. Ýý Ţţ Ł €. 猫." in {c.text for c in track.cues}


@pytest.mark.parametrize(
    ("name", "encoding", "language", "script"),
    [
        ("auto_detect_windows-1250.srt", "cp1250", "hr", "Latn"),
        ("auto_detect_windows-1251.srt", "cp1251", "sr", "Cyrl"),
        ("auto_detect_Danish.srt", "utf-8-sig", "da", "Latn"),
        ("auto_detect_Russian.srt", "utf-8-sig", "ru", "Cyrl"),
    ],
)
def test_subtitle_edit_encodings(name: str, encoding: str, language: str, script: str) -> None:
    """Subtitle Edit's LanguageAutoDetectTest: code pages 1250 and 1251."""
    track = read_subtitles(DATA / "subtitleedit" / name, script=script, language=language)
    assert track.encoding == encoding and track.notices == []


def test_one_mojibake_character_is_a_warning_naming_the_cue(tmp_path: Path) -> None:
    source = (DATA / "pysrt/utf-8.srt").read_text("utf-8")
    assert "LES NOMS, LIEUX ET ÉVÉNEMENTS" in source
    path = tmp_path / "fr.srt"
    # cue 3 as a bad conversion left it: É as UTF-8 bytes read as cp1252, and a C1
    path.write_text(
        source.replace("LIEUX ET ÉVÉNEMENTS", "LIEUX ET Ã‰VÃ‰NEMENTS\u0092", 1), "utf-8"
    )
    track = read_subtitles(path, script="Latn", language="fr")
    warnings = [
        (n.rule, n.cue) for n in track.notices if n.rule in ("mojibake", "control-character")
    ]
    assert warnings == [("mojibake", 3), ("control-character", 3)]
    assert len(track.cues) == 1332


def test_never_latin_not_latin(tmp_path: Path) -> None:
    # every line a mix where no script has half the letters: the message counts lines
    path = tmp_path / "en.srt"
    path.write_text(
        "".join(f"{k}\n00:00:0{k},000 --> 00:00:0{k},500\nabcd эюя αβγ\n\n" for k in range(1, 4)),
        "utf-8",
    )
    with pytest.raises(SubtitleEncodingError) as e:
        read_subtitles(path, script="Latn", language="en")
    assert "Latin, not Latin" not in e.value.message
    assert re.search(r"only 0 of its 3 cue lines are in Latin", e.value.message)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(("source", "language", "script"), [
    ("pysrt/utf-8.srt", "fr", "Latn"),
    ("srt/monsters.srt", "zh-Hans", "Hans"),
    ("subtitleedit/auto_detect_Russian.srt", "ru", "Cyrl"),
])  # fmt: skip
def test_utf16_and_utf32_without_a_bom(
    tmp_path: Path, encoding: str, source: str, language: str, script: str
) -> None:
    reference = read_subtitles(DATA / source, script=script, language=language)
    text = (DATA / source).read_bytes().decode(reference.encoding)
    path = tmp_path / "x.srt"
    path.write_bytes(text.encode(encoding))
    track = read_subtitles(path, script=script, language=language)
    assert track.encoding == encoding and track.cues == reference.cues
