"""render.audio's parsers of what ffmpeg prints: loudnorm's JSON and ebur128's summary."""

from __future__ import annotations

import pytest

from screening_kit.errors import RenderError
from screening_kit.render.audio import downmix, parse_ebur128, parse_loudnorm_json

LOUDNORM = """[Parsed_loudnorm_1 @ 0x55d]
{
	"input_i" : "-27.61",
	"input_tp" : "-4.47",
	"input_lra" : "18.06",
	"input_thresh" : "-39.20",
	"target_offset" : "0.58"
}
"""

EBUR128 = """[Parsed_ebur128_0 @ 0x5] Summary:

  Integrated loudness:
    I:         -23.0 LUFS
    Threshold: -33.1 LUFS

  True peak:
    Peak:       -1.2 dBFS
"""


def test_parse_loudnorm_json() -> None:
    assert parse_loudnorm_json("frame=1\n" + LOUDNORM) == {
        "input_i": "-27.61",
        "input_tp": "-4.47",
        "input_lra": "18.06",
        "input_thresh": "-39.20",
        "target_offset": "0.58",
    }
    with pytest.raises(RenderError, match="loudnorm printed no measurement"):
        parse_loudnorm_json("nothing here")


def test_parse_ebur128() -> None:
    assert parse_ebur128(EBUR128) == {"I": -23.0, "TP": -1.2}
    silent = EBUR128.replace("-23.0 LUFS", "-70.0 LUFS").replace("-1.2 dBFS", "-inf dBFS")
    assert parse_ebur128(silent) == {"I": -70.0, "TP": None}
    with pytest.raises(RenderError, match="ebur128 printed no summary"):
        parse_ebur128("")


def test_downmix_to_what_is_delivered() -> None:
    assert downmix(2).startswith("aresample=osf=fltp:ochl=stereo:") and downmix(2).endswith(",")
    assert downmix(1).startswith("aresample=osf=fltp:ochl=mono:")
    assert downmix(6) == ""  # delivered as it is
