"""Shot changes found by ffmpeg's ``scdet`` filter, in one pass over the film.

The film is decoded by ffmpeg (all cores), scaled down before ``scdet`` compares
frames, and only the frames ``scdet`` marks are printed (``metadata`` filter into a
file beside the command), so a 90-minute film costs one decode and a few hundred
lines of text. ``docs/decisions.md`` says why scdet rather than PySceneDetect.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..ffmpeg import base_args, run

# Bump when detection changes what it finds for the same film (cached lists go stale).
DETECTOR_VERSION = 1
# scdet's own default. Its score is min(frame difference, change of that difference),
# so a cut scores high and a pan or dissolve (steady difference) scores near 0:
# on generated footage cuts scored 22-29, pans and dissolves under 1.
THRESHOLD = 10.0
# frames are compared at this width: the decode dominates, the comparison does not
# need detail, and the score barely changes with size
ANALYSIS_WIDTH = 480
SCORES_FILE = "scdet.txt"

_FRAME = re.compile(r"^frame:(\d+)\s")


def scdet_command(
    source: Path,
    *,
    width: int = ANALYSIS_WIDTH,
    threshold: float = THRESHOLD,
    scores_file: str = SCORES_FILE,
) -> list[str]:
    """ffmpeg argv printing the index of every frame that starts a new shot into
    ``scores_file`` (a bare name: ffmpeg runs in a scratch folder)."""
    graph = (
        f"scale='min({width},iw)':-2:flags=area,scdet=threshold={threshold},"
        f"metadata=mode=print:key=lavfi.scd.time:file={scores_file}"
    )
    return [
        *base_args(),
        "-v",
        "error",
        # deblocking changes no shot boundary and costs a tenth to a quarter of the decode
        "-skip_loop_filter",
        "all",
        "-i",
        str(source),
        "-map",
        "0:v:0",
        "-vf",
        graph,
        # every decoded frame reaches the filter once, so its counter is the frame index
        "-fps_mode",
        "passthrough",
        "-nostats",
        "-f",
        "null",
        "-",
    ]


def parse_scdet(text: str) -> list[int]:
    """Frame indices from the metadata filter's print-out (one ``frame:N pts:...``
    line per marked frame, followed by its keys)."""
    found = {int(m.group(1)) for line in text.splitlines() if (m := _FRAME.match(line))}
    return sorted(f for f in found if f > 0)


def detect_shot_changes(source: Path, scratch: Path) -> list[int]:
    """The first frame of every shot after the first, by frame index. ffmpeg writes its
    list into ``scratch`` (an empty folder of the caller's)."""
    run(scdet_command(source.absolute()), what=f"shot detection of {source.name}", cwd=scratch)
    out = scratch / SCORES_FILE
    return parse_scdet(out.read_text("utf-8", errors="replace")) if out.is_file() else []
