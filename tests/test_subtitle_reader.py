"""Reading subtitle files: every encoding editors send, every irregularity read as meant
and reported with its line, and markup that can never become a libass command."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from screening_kit.errors import SubtitleError
from screening_kit.subtitles.ass import AssStyle, build_ass, cue_to_ass_text
from screening_kit.subtitles.encoding import SubtitleEncodingError
from screening_kit.subtitles.markup import convert
from screening_kit.subtitles.model import Cue, Notice
from screening_kit.subtitles.reader import read_subtitles

# the same two cues in every language; sample lines use only characters the legacy
# encoding of that language can hold
SAMPLES: dict[str, tuple[str, str]] = {
    "en": ("Latn", "Welcome — “quoted” text, naïve café."),
    "ru": ("Cyrl", "Съешь же ещё этих мягких французских булок."),
    "be": ("Cyrl", "Дзякуй вам за ўвагу і цярплівасць, сябры."),
    "kk": ("Cyrl", "Добро пожаловать на наш праздник!"),
    "ar": ("Arab", "مرحباً بكم في هذا العرض، شكراً لكم."),
    "fa": ("Arab", "پدر و مادر چگونه گفتند که ژاله آمد؟"),
    "ko": ("Kore", "상영회에 오신 것을 환영합니다. 감사합니다!"),
    "ja": ("Jpan", "上映会へようこそ。ご覧いただきありがとうございます！"),
    "tr": ("Latn", "Işığı söndür, İstanbul'da çay içiyoruz."),
    "hu": ("Latn", "Árvíztűrő tükörfúrógép és őszi ünnep."),
    "el": ("Grek", "Καλώς ήρθατε στην προβολή της ταινίας."),
    "he": ("Hebr", "ברוכים הבאים להקרנת הסרט, תודה שבאתם!"),
    "th": ("Thai", "ยินดีต้อนรับสู่การฉายภาพยนตร์"),
    "zh-Hans": ("Hans", "欢迎观看今天的放映，感谢各位的光临。"),
    "zh-Hant": ("Hant", "歡迎觀看今天的放映，感謝各位的光臨。"),
}


def srt_text(line: str) -> str:
    return (
        "1\n00:00:01,000 --> 00:00:03,000\n"
        f"{line}\n\n"
        "2\n00:00:04,000 --> 00:00:06,500\n"
        f"<i>{line}</i>\nsecond line\n\n"
    )


# (language, bytes as saved, encoding the reader must report)
CASES: list[tuple[str, str, str]] = [
    ("en", "utf-8", "utf-8"),
    ("en", "utf-8-sig", "utf-8-sig"),
    ("ar", "utf-16-le-bom", "utf-16"),
    ("ko", "utf-16-be-bom", "utf-16"),
    ("ru", "cp1251", "cp1251"),
    ("be", "cp1251", "cp1251"),
    ("kk", "cp1251", "kz1048"),  # KZ-1048 reads plain cp1251 Cyrillic the same
    ("ar", "cp1256", "cp1256"),
    ("fa", "cp1256", "cp1256"),
    ("ko", "cp949", "cp949"),
    ("ko", "euc-kr", "cp949"),  # cp949 is a superset of EUC-KR
    ("ja", "shift_jis", "cp932"),  # cp932 is Shift-JIS as Windows writes it
    ("tr", "iso-8859-9", "cp1254"),
    ("tr", "cp1254", "cp1254"),
    ("hu", "iso-8859-2", "iso-8859-2"),
    ("el", "cp1253", "cp1253"),
    ("el", "iso-8859-7", "cp1253"),  # the same letters at the same bytes
    ("he", "cp1255", "cp1255"),
    ("th", "cp874", "cp874"),
    ("th", "tis-620", "cp874"),  # cp874 is TIS-620 as Windows writes it
    ("zh-Hans", "gb2312", "gb18030"),  # GB18030 reads GB2312 and GBK
    ("zh-Hans", "gb18030", "gb18030"),
    ("zh-Hant", "big5", "cp950"),  # cp950 is Big5 as Windows writes it
]


def encode(text: str, how: str) -> bytes:
    if how == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if how == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(how)


@pytest.mark.parametrize(("lang", "saved", "reported"), CASES)
def test_every_encoding_reads_to_the_same_text(
    tmp_path: Path, lang: str, saved: str, reported: str
) -> None:
    script, line = SAMPLES[lang]
    path = tmp_path / f"{lang}.srt"
    path.write_bytes(encode(srt_text(line), saved))
    if saved not in ("utf-8", "utf-8-sig") and not saved.startswith("utf-16"):
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")  # a real legacy file, not UTF-8 by chance
    track = read_subtitles(path, script=script, language=lang)
    assert track.encoding == reported
    assert [(c.index, c.start_ms, c.end_ms, c.text) for c in track.cues] == [
        (1, 1000, 3000, line),
        (2, 4000, 6500, f"<i>{line}</i>\nsecond line"),
    ]
    assert track.notices == []


def test_kazakh_letters_in_kz1048(tmp_path: Path) -> None:
    line = "Қазақстан халқы бүгін үлкен мереке тойлайды."
    path = tmp_path / "kk.srt"
    path.write_bytes(srt_text(line).encode("kz1048"))
    track = read_subtitles(path, script="Cyrl", language="kk")
    assert (track.encoding, track.cues[0].text) == ("kz1048", line)


def test_cp1251_is_not_taken_for_another_script(tmp_path: Path) -> None:
    path = tmp_path / "ko.srt"
    path.write_bytes(srt_text(SAMPLES["ru"][1]).encode("cp1251"))
    with pytest.raises(SubtitleEncodingError) as e:
        read_subtitles(path, script="Kore", language="ko")
    assert e.value.path == path
    assert "cannot read this file as Korean text for language 'ko'" in e.value.message


def test_utf8_file_in_the_wrong_language_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "ru.srt"
    path.write_text(srt_text("This is English, not Russian."), "utf-8")
    with pytest.raises(SubtitleEncodingError) as e:
        read_subtitles(path, script="Cyrl", language="ru")
    # the file is fine as UTF-8: the advice is about the file or the script, not saving
    assert e.value.message == (
        "the file is UTF-8, but its text is Latin, not Cyrillic for language 'ru': "
        "'This is English, not Russian.'"
    )
    assert e.value.hint is not None and "UTF-8" not in e.value.hint


def test_utf8_text_in_another_script_says_so_not_save_as_utf8(tmp_path: Path) -> None:
    # an Amharic file given to a language read as Latin (the old workaround)
    path = tmp_path / "am.srt"
    path.write_text(srt_text("እንኳን ደህና መጡ፤ ስለመጡ እናመሰግናለን።"), "utf-8")
    with pytest.raises(SubtitleEncodingError) as e:
        read_subtitles(path, script="Latn", language="am")
    assert e.value.message.startswith("the file is UTF-8, but its text is Ethiopic, not Latin")
    assert "save it as UTF-8" not in str(e.value)


def test_stated_encoding_that_fails_to_decode(tmp_path: Path) -> None:
    path = tmp_path / "ru.srt"
    path.write_bytes(srt_text(SAMPLES["ru"][1]).encode("cp1251"))
    with pytest.raises(SubtitleEncodingError) as e:
        read_subtitles(path, "utf-8", script="Cyrl", language="ru")
    assert e.value.path == path
    assert e.value.message.startswith("cannot decode as utf-8 (stated in ceremony.yaml)")


def test_stated_encoding_that_yields_the_wrong_script(tmp_path: Path) -> None:
    path = tmp_path / "ru.srt"
    path.write_bytes(srt_text(SAMPLES["ru"][1]).encode("cp1251"))
    # a stated encoding that decodes is trusted: read, with a warning to check it
    track = read_subtitles(path, "cp1252", script="Cyrl", language="ru")
    assert track.encoding == "cp1252"
    [warning] = [n for n in track.notices if n.rule == "encoding"]
    assert warning.message.startswith(
        "decoded as cp1252 (stated in ceremony.yaml), its text is Latin, not Cyrillic"
    )
    # and the right one reads it
    assert read_subtitles(path, "cp1251", script="Cyrl").cues[0].text == SAMPLES["ru"][1]


# ---------------------------------------------------------------- irregularities


def notices(text: str | bytes, tmp_path: Path, name: str = "x.srt") -> list[Notice]:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_bytes(text.encode("utf-8"))
    else:
        path.write_bytes(text)
    return read_subtitles(path).notices


def cues_of(text: str, tmp_path: Path, name: str = "x.srt") -> list[Cue]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return read_subtitles(path).cues


CLEAN = "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n"


def test_clean_file_has_no_notices(tmp_path: Path) -> None:
    assert notices(CLEAN, tmp_path) == []


def test_crlf_line_endings(tmp_path: Path) -> None:
    found = notices(CLEAN.replace("\n", "\r\n"), tmp_path)
    assert [(n.rule, n.line, n.value) for n in found] == [("line-endings", 1, "CRLF")]
    assert [c.text for c in cues_of(CLEAN.replace("\n", "\r\n"), tmp_path)] == ["One", "Two"]


def test_cr_line_endings(tmp_path: Path) -> None:
    found = notices(CLEAN.replace("\n", "\r"), tmp_path)
    assert [(n.rule, n.line, n.value) for n in found] == [("line-endings", 1, "CR")]
    cues = cues_of(CLEAN.replace("\n", "\r"), tmp_path)
    assert [(c.start_ms, c.text, c.line) for c in cues] == [(1000, "One", 2), (3000, "Two", 6)]


def test_missing_final_blank_line(tmp_path: Path) -> None:
    found = notices(CLEAN.rstrip("\n") + "\n", tmp_path)
    assert [(n.rule, n.line) for n in found] == [("final-blank-line", 7)]
    found = notices(CLEAN.rstrip("\n"), tmp_path)
    assert [(n.rule, n.line) for n in found] == [("final-blank-line", 7)]
    assert "no line break at the end" in found[0].message
    assert cues_of(CLEAN.rstrip("\n"), tmp_path)[-1].text == "Two"


def test_blank_line_inside_a_cue(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nFirst line\n\nsecond line\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n"
    )
    assert [(n.rule, n.line, n.cue) for n in notices(text, tmp_path)] == [
        ("blank-line-in-cue", 4, 1)
    ]
    assert [c.text for c in cues_of(text, tmp_path)] == ["First line\nsecond line", "Two"]


def test_index_numbers_that_skip_repeat_or_are_missing(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nTwo\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nThree\n\n"
        "00:00:07,000 --> 00:00:08,000\nFour\n\n"
    )
    found = [(n.rule, n.line, n.cue, n.value) for n in notices(text, tmp_path)]
    assert found == [
        ("index-sequence", 5, 2, "3"),
        ("index-sequence", 9, 3, "3"),
        ("index-sequence", 13, 4, "missing"),
    ]
    assert "skips" in notices(text, tmp_path)[0].message
    assert "repeats" in notices(text, tmp_path)[1].message
    assert [(c.index, c.text) for c in cues_of(text, tmp_path)] == [
        (1, "One"),
        (2, "Two"),
        (3, "Three"),
        (4, "Four"),
    ]


def test_dot_instead_of_comma_in_timestamps(tmp_path: Path) -> None:
    text = CLEAN.replace("00:00:03,000 --> 00:00:04,000", "00:00:03.250 --> 00:00:04.500")
    assert [(n.rule, n.line, n.cue, n.value) for n in notices(text, tmp_path)] == [
        ("timestamp-separator", 6, 2, ".")
    ]
    assert [(c.start_ms, c.end_ms) for c in cues_of(text, tmp_path)][1] == (3250, 4500)


def test_unreadable_timing_line_names_file_line_and_cue(tmp_path: Path) -> None:
    path = tmp_path / "x.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nOne\n\nnot a cue at all\n", "utf-8")
    # text after a cue is that cue's text (reported as a blank line inside it)
    assert read_subtitles(path).cues[0].text == "One\nnot a cue at all"
    path.write_text("garbage\n00:00:01,000 --> 00:00:02,000\nOne\n\n", "utf-8")
    with pytest.raises(SubtitleError) as e:
        read_subtitles(path)
    assert (e.value.path, e.value.line) == (path, 1)


# ---------------------------------------------------------------- markup and ASS safety


@pytest.mark.parametrize(
    ("text", "ass"),
    [
        ("<i>a</i> <b>b</b> <u>c</u>", "{\\i1}a{\\i0} {\\b1}b{\\b0} {\\u1}c{\\u0}"),
        ('<font color="#FF8000">x</font>', "{\\c&H0080FF&}x{\\c}"),
        ("<font color=yellow>x</font>", "{\\c&H00FFFF&}x{\\c}"),
        ("{\\an8}Top\nline", "{\\an8}Top\\Nline"),
        ("a {\\p1}m 0 0 l 100 0 100 100{\\p0} b", "a m 0 0 l 100 0 100 100 b"),
        ("{\\fnComic Sans\\fs90\\pos(1,1)}x", "x"),
        ("{\\an8\\fs90}x", "{\\an8}x"),
        ("mid {\\an8}x", "mid x"),
        ("back\\Nslash \\h", "back\\\u2060Nslash \\\u2060h"),
        ("lone { brace } {laughs}", "lone \\{ brace \\} \\{laughs\\}"),
        ('<font face="Arial" color="#00FF00">g</font>', "{\\c&H00FF00&}g{\\c}"),
    ],
)
def test_markup_to_ass(text: str, ass: str) -> None:
    assert cue_to_ass_text(text) == ass


def test_nothing_from_the_text_becomes_an_override() -> None:
    nasty = (
        "{\\p1}m 0 0{\\p0}{\\fnX}{\\move(0,0,9,9)}{{\\b1}}}{\\\\N}\\N\\n\\h"
        '<font size="99">x</font><s>y</s><script>z</script>{\\an5}'
    )
    ass = build_ass([Cue(1, 0, 1000, nasty)], AssStyle(font="Noto Sans"), 320, 180)
    event = ass.splitlines()[-1]
    text = event.split(",,0,0,0,,", 1)[1]
    # only our own override block remains; other braces are libass's literal-brace
    # escapes; no other escape sequence libass would act on
    assert text == "m 0 0\\{\\}\\}\\\u2060N\\\u2060n\\\u2060hxyz"
    plain = re.sub(r"\\[{}]", "", text)
    assert "{" not in plain and "}" not in plain
    assert not re.search(r"\\[Nnh]", text)
    assert convert(nasty).visible == "m 0 0{}}\\N\\n\\hxyz"
    assert convert(nasty).dropped == (
        "{\\p1}",
        "{\\p0}",
        "{\\fnX}",
        "{\\move(0,0,9,9)}",
        "{\\b1}",
        "{\\\\N}",
        'size="99"',
        "<s>",
        "</s>",
        "<script>",
        "</script>",
        "{\\an5}",
    )


def test_dropped_markup_is_reported_with_its_line(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Top</i>\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nplain\n{\\p1}m 0 0 l 9 9{\\p0}\n\n"
    )
    found = [(n.rule, n.line, n.cue, n.value) for n in notices(text, tmp_path)]
    assert found == [
        ("markup-dropped", 8, 2, "{\\p1}"),
        ("markup-dropped", 8, 2, "{\\p0}"),
    ]


# ---------------------------------------------------------------- WebVTT


def test_webvtt(tmp_path: Path) -> None:
    text = (
        "WEBVTT - exported\n\n"
        "NOTE made by an editor\n\n"
        "intro\n00:01.000 --> 00:02.500 line:0 align:center\n<v Narrator>Fish &amp; chips</v>\n\n"
        "00:00:03.000 --> 00:00:04.000\n<i>two</i> <c.yellow>lines</c>\nhere<00:00:03.500>\n\n"
        "01:00:00.000 --> 01:00:01.000\nlate\n\nafter a blank line\n"
    )
    path = tmp_path / "x.vtt"
    path.write_text(text, "utf-8")
    track = read_subtitles(path, script="Latn", language="en")
    assert [(c.index, c.start_ms, c.end_ms, c.text, c.line) for c in track.cues] == [
        (1, 1000, 2500, "{\\an8}Fish & chips", 6),
        (2, 3000, 4000, '<i>two</i> <font color="#ffff00">lines</font>\nhere', 9),
        (3, 3_600_000, 3_601_000, "late", 13),
    ]
    # the W3C parser ends a cue at a blank line: what follows belongs to no cue
    assert [(n.rule, n.line, n.cue) for n in track.notices] == [("text-outside-cue", 16, 0)]


def test_webvtt_needs_its_header(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text("00:01.000 --> 00:02.000\nx\n", "utf-8")
    with pytest.raises(SubtitleError, match="WEBVTT") as e:
        read_subtitles(path)
    assert e.value.line == 1


def test_a_drawing_command_in_a_cue_draws_nothing(tmp_path: Path) -> None:
    from .test_qc import render

    # executed, this would paint the whole 1280x720 frame white
    img = render(tmp_path, "{\\p1}m 0 0 l 1280 0 1280 720 l 0 720{\\p0}", "en", "Latn")
    lit = (img > 128).mean()
    assert 0 < lit < 0.01  # only the coordinates, shown as a line of text


# ---------------------------------------------------------------- normalisation


def _read_one(tmp_path: Path, text: str, lang: str, script: str) -> tuple[str, list[Notice]]:
    path = tmp_path / f"{lang}.srt"
    path.write_text(
        f"1\n00:00:01,000 --> 00:00:03,000\nok\n\n2\n00:00:04,000 --> 00:00:06,000\n{text}\n\n",
        "utf-8",
    )
    track = read_subtitles(path, script=script, language=lang)
    assert track.cues[0].text == "ok"
    return track.cues[1].text, track.notices


def test_persian_arabic_yeh_and_kaf_become_persian_with_a_warning(tmp_path: Path) -> None:
    # as a cp1256 editor writes it: Arabic yeh (U+064A) and kaf (U+0643)
    # "az hozur-e shoma motashakkerim" with U+0643 kaf and U+064A yeh
    written = "<i>از حضور شما متشكريم</i>"
    text, notices = _read_one(tmp_path, written, "fa", "Arab")
    assert text == written.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    assert "\u064a" not in text and "\u0643" not in text
    assert notices == [
        Notice(
            6,  # the cue's timing line
            "cue 2: text normalised (Arabic yeh/kaf (U+064A/U+0643) to Persian yeh/keheh)",
            "normalised",
            2,
            "Arabic yeh/kaf (U+064A/U+0643) to Persian yeh/keheh",
        )
    ]
    # Arabic keeps its own letters
    text, notices = _read_one(tmp_path, written, "ar", "Arab")
    assert text == written and notices == []


@pytest.mark.parametrize("mark", ["'", "\u2018", "`"])
def test_uzbek_okina_written_with_apostrophes(tmp_path: Path, mark: str) -> None:
    written = f"<font color='#ffff00'>O{mark}zbekiston</font> bog{mark}i, ma'no"
    text, notices = _read_one(tmp_path, written, "uz", "Latn")
    # only after o and g; the markup's quotes and the tutuq belgisi in ma'no stay
    assert text == "<font color='#ffff00'>O\u02bbzbekiston</font> bog\u02bbi, ma'no"
    assert [(n.rule, n.cue) for n in notices] == [("normalised", 2)]
    # Uzbek in Cyrillic, and other Latin languages, are left alone
    assert _read_one(tmp_path, "Ўзбекистон bog'i", "uz-Cyrl", "Cyrl")[0] == "Ўзбекистон bog'i"
    assert _read_one(tmp_path, "O'Neill", "en", "Latn") == ("O'Neill", [])


def test_nfc_and_direction_marks(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 \u1100\u1161"  # é and 가 as an editor on macOS may save them
    text, notices = _read_one(tmp_path, decomposed, "fr", "Latn")
    assert text == "Café \uac00"
    assert [n.message for n in notices] == ["cue 2: text normalised (Unicode NFC)"]
    # right-to-left marks are invisible but meaningful: kept through reading and into ASS
    marked = "\u200fשלום לכולם וברוכים הבאים, world!\u200f \u2067abc\u2069"
    text, notices = _read_one(tmp_path, marked, "he", "Hebr")
    assert text == marked and notices == []
    assert "\u200f" in cue_to_ass_text(text) and "\u2067" in cue_to_ass_text(text)
