"""Property: whatever bytes a subtitle file holds, reading it (and checking its cues)
gives a result or a ScreeningKitError, never another exception."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from screening_kit.errors import ScreeningKitError
from screening_kit.languages import SCRIPTS, rules_for
from screening_kit.qc import check_cues
from screening_kit.subtitles.reader import read_subtitles

# pieces of real and broken SRT/WebVTT, so generated files get past the first checks
TIMES = st.sampled_from(
    ["00:00:01,000", "00:00:02.500", "0:0:3:5", "99:59:59,999", "00:00:00,000", "00:61:00,000",
     "1:02:03,4", "00:00:-1,000", "", "00:00:01,000,000"]
)  # fmt: skip
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "Cc", "Cf", "So"]),
    max_size=40,
)
LINE = st.one_of(
    st.builds(lambda a, b: f"{a} --> {b}", TIMES, TIMES),
    st.builds(lambda a, b: f"{a} --> {b} align:start", TIMES, TIMES),
    st.integers(-5, 100_000).map(str),
    st.sampled_from(["", " ", "WEBVTT", "NOTE x", "STYLE", "<i>", "</i>", "{\\an8}", "-->",
                     "<font color=red>", "{\\pos(1,2)}", "\ufeff", "\r", "1\r\n", "<b><i>x</b>"]),
    TEXT,
)  # fmt: skip
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "cp1252", "shift_jis"])


def _read(data: bytes, suffix: str, script: str | None, encoding: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        try:
            track = read_subtitles(path, encoding, script=script, language="xx")
        except ScreeningKitError:
            return
        for cue in track.cues:
            assert "\x00" not in cue.text
        check_cues(
            track.cues,
            rules_for(script or "Latn"),
            path=path,
            fps=Fraction(25),
            film_duration=Fraction(60),
        )


@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".srt", ".vtt"]),
    script=st.none() | st.sampled_from(sorted(SCRIPTS)),
)
def test_arbitrary_bytes(data: bytes, suffix: str, script: str | None) -> None:
    _read(data, suffix, script, None)


@given(
    lines=st.lists(LINE, max_size=40),
    end=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=ENCODINGS,
    stated=st.booleans(),
    suffix=st.sampled_from([".srt", ".vtt"]),
    script=st.none() | st.sampled_from(sorted(SCRIPTS)),
)
def test_srt_like_text(
    lines: list[str], end: str, encoding: str, stated: bool, suffix: str, script: str | None
) -> None:
    data = end.join(lines).encode(encoding, errors="replace")
    _read(data, suffix, script, encoding if stated else None)
