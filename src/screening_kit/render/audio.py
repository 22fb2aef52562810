"""Pure functions from an audio task to its ffmpeg argv: EBU R128 loudness (measure,
then apply), silence, and the soundtrack placed under a film's cards."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..ffmpeg import base_args
from ..formats.containers import CONTAINERS
from ..formats.encoders import AUDIO_ENCODERS
from ..plan import (
    AUDIO_MIX,
    AudioTask,
    SoundtrackTask,
)
from ..profiles import Profile


def audio_encode_args(profile: Profile) -> dict[str, Any]:
    args: dict[str, Any] = {
        "c:a": profile.audio_codec,
        "ar": profile.audio_rate,
        "ac": profile.audio_channels,
    }
    if AUDIO_ENCODERS[profile.audio_codec].bitrate:
        args["b:a"] = f"{profile.audio_bitrate_kbps}k"
    return args


def _loudnorm(task: AudioTask, extra: str = "") -> str:
    i, tp, lra = task.loudnorm
    return f"loudnorm=I={i}:TP={tp}:LRA={lra}{extra}:print_format=json"


# ITU-R BS.775 / ATSC A/52 Lo/Ro downmix: centre and surrounds at -3 dB, LFE left out
# (a TV's stereo speakers cannot reproduce it and it would only push the peaks).
# swresample applies these to any source layout (5.1, 5.1(side), 7.1...) and leaves
# stereo untouched; no normalising matrix: loudnorm sets the level afterwards. The mix
# is computed in floating point: from a 32-bit integer source (FLAC) swresample
# otherwise mixed in integers and a 7.1 master came out 10 LU quiet.
DOWNMIX_LEVELS = "clev=0.7071:slev=0.7071:lfe_mix_level=0"


def downmix(channels: int) -> str:
    """The filter (with a trailing comma) mixing any source down to what is delivered.

    Loudness must be measured and normalised on the delivered signal: normalising
    six channels and mixing down afterwards delivered a 5.1 film 4-5 LU too quiet."""
    layout = {1: "mono", 2: "stereo"}.get(channels)
    return f"aresample=osf={AUDIO_MIX}:ochl={layout}:{DOWNMIX_LEVELS}," if layout else ""


def loudness_measure_command(task: AudioTask) -> list[str]:
    return [
        *base_args(),
        "-i",
        str(task.source),
        "-map",
        f"0:a:{task.audio_stream}",
        "-vn",
        "-af",
        downmix(task.channels) + _loudnorm(task),
        "-f",
        "null",
        "-",
    ]


def loudness_apply_command(task: AudioTask, measured: dict[str, str], out: Path) -> list[str]:
    m = measured
    ln = _loudnorm(
        task,
        f":measured_I={m['input_i']}:measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}"
        f":measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true",
    )
    n = task.samples
    if task.offset_samples > 0:
        align = f"adelay=delays={task.offset_samples}S:all=1,"
    elif task.offset_samples < 0:
        align = f"atrim=start_sample={-task.offset_samples},asetpts=PTS-STARTPTS,"
    else:
        align = ""
    return [
        *base_args(),
        "-i",
        str(task.source),
        "-map",
        f"0:a:{task.audio_stream}",
        "-vn",
        # align to the video's first frame; loudnorm works at 192 kHz: resample back,
        # then pad/trim to the exact length
        "-af",
        f"{downmix(task.channels)}aresample={task.rate},{align}{ln},aresample={task.rate},"
        # loudnorm hands a film under 3 s over as one frame, larger than FLAC's
        # biggest block (65535 samples): cut it into ordinary frames
        f"apad=whole_len={n},atrim=end_sample={n},asetnsamples=n=4608:p=0",
        "-ar",
        str(task.rate),
        "-ac",
        str(task.channels),
        "-c:a",
        "flac",
        "-sample_fmt",
        "s32",
        "-f",
        CONTAINERS["flac"].muxer,
        str(out),
    ]


def silence_command(task: AudioTask, out: Path) -> list[str]:
    return [
        *base_args(),
        "-f",
        "lavfi",
        "-i",
        f"anullsrc=r={task.rate}:cl=stereo",
        "-af",
        f"atrim=end_sample={task.samples}",
        "-ac",
        str(task.channels),
        "-c:a",
        "flac",
        "-f",
        CONTAINERS["flac"].muxer,
        str(out),
    ]


def parse_loudnorm_json(stderr: str) -> dict[str, str]:
    """loudnorm prints one JSON object at the end of stderr."""
    m = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", stderr, re.S)
    if not m:
        raise RenderError(
            "loudnorm printed no measurement", command="loudnorm", stderr_tail=stderr[-2000:]
        )
    data: dict[str, str] = json.loads(m.group(0))
    return data


def delivered_loudness_command(path: Path) -> list[str]:
    """EBU R128 integrated loudness and true peak of a finished audio file."""
    return [
        *base_args(),
        "-i",
        str(path),
        "-map",
        "0:a:0",
        "-af",
        "ebur128=peak=true:framelog=quiet",
        "-f",
        "null",
        "-",
    ]


def parse_ebur128(stderr: str) -> dict[str, float | None]:
    """The ``I:`` (LUFS) and ``Peak:`` (dBTP) lines of ebur128's summary; None for
    silence (ebur128 prints -70 LUFS and -inf there)."""
    i = re.findall(r"^\s*I:\s+(\S+) LUFS", stderr, re.M)
    peak = re.findall(r"^\s*Peak:\s+(\S+) dBFS", stderr, re.M)
    if not i:
        raise RenderError(
            "ebur128 printed no summary", command="ebur128", stderr_tail=stderr[-2000:]
        )

    def num(text: str) -> float | None:
        try:
            value = float(text)
        except ValueError:
            return None
        return value if value not in (float("inf"), float("-inf")) else None

    return {"I": num(i[-1]), "TP": num(peak[-1]) if peak else None}


def soundtrack_command(task: SoundtrackTask, audio: Path, out: Path) -> list[str]:
    n = task.total_samples
    opts = audio_encode_args(task.profile)
    flat = [str(x) for k, v in opts.items() for x in (f"-{k}", v)]
    chain = f"adelay=delays={task.lead_samples}S:all=1,apad=whole_len={n},atrim=end_sample={n}"
    if task.fade:
        # slideshow music: faded in at the start and out at the loop point
        d = float(task.fade)
        end = float(Fraction(n, task.profile.audio_rate) - task.fade)
        chain += f",afade=t=in:st=0:d={d:.6f},afade=t=out:st={end:.6f}:d={d:.6f}"
    return [
        *base_args(),
        "-i",
        str(audio),
        "-af",
        chain,
        *flat,
        "-f",
        CONTAINERS["mka"].muxer,
        str(out),
    ]
