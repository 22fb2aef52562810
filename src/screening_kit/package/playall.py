"""``00_play-all``: the whole running order in one file, for TV players that play one
file and ignore playlists.

It is joined by stream copy (no re-encode, seconds not minutes), which is only
correct when every item was encoded with identical stream parameters: the planner
encodes every file of a package at one format (``plan.package_format``), and a
package whose items still differ fails the build (``PlayAllError``) naming the
difference, rather than arriving without the file that was asked for. Repeats are written
out: an item played 3 times appears 3 times. Where one file would pass the
profile's size limit (4 GiB, FAT32), it is split between items into numbered
parts. The plan's PlayAllTask (plan.delivery) makes the parts, each a cache object
under the task's key and its number, so an unchanged running order is not joined
twice and what keeps the task keeps its parts.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from .. import ffmpeg as ff
from ..cache import Cache
from ..errors import RenderError, ScreeningKitError
from ..formats.containers import by_extension
from ..plan import CountryPlan, PackageItem
from ..plan.delivery import play_all_task
from ..plan.keys import task_key
from ..render.commands import concat_copy_command, concat_list

PLAY_ALL_STEM = "00_play-all"


class PlayAllError(ScreeningKitError):
    """Play-all was asked for and cannot be joined: the build fails rather than deliver
    a package without it (exit 3, like a failed encode)."""

    exit_code = 3


@dataclass(frozen=True)
class Part:
    path: Path
    duration: Fraction
    frames: int


@dataclass(frozen=True)
class PlayAll:
    """The joined file(s) in the cache."""

    parts: tuple[Part, ...]
    duration: Fraction
    frames: int

    def names(self) -> list[str]:
        """``00_play-all.mp4``, or ``00_play-all_part1.mp4``... when split."""
        if len(self.parts) == 1:
            return [PLAY_ALL_STEM + self.parts[0].path.suffix]
        return [f"{PLAY_ALL_STEM}_part{n}{p.path.suffix}" for n, p in enumerate(self.parts, 1)]


def stream_params(path: Path) -> dict[str, Any]:
    """Everything that must match for pieces to be joined by stream copy.

    Extradata (SPS/PPS, AudioSpecificConfig) is compared too: the concat demuxer
    keeps the first file's, so a later file encoded differently would decode wrongly.
    """
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        vc = v.codec_context
        out: dict[str, Any] = {
            "video codec": vc.name,
            "size": f"{v.width}x{v.height}",
            "pix_fmt": v.format.name if v.format else None,
            "fps": str(v.average_rate),
            "timescale": str(v.time_base),
            "video profile": vc.profile,
            "video extradata": bytes(vc.extradata or b"").hex(),
            "audio": None,
        }
        if c.streams.audio:
            a = c.streams.audio[0]
            ac = a.codec_context
            out["audio"] = (
                f"{ac.name} {a.rate} Hz {a.layout.name} {ac.profile} "
                f"tb={a.time_base} cfg={bytes(ac.extradata or b'').hex()}"
            )
    return out


def _mismatch(items: list[PackageItem], params: list[dict[str, Any]]) -> str | None:
    first = params[0]
    for item, p in zip(items[1:], params[1:], strict=True):
        for name, value in p.items():
            if value != first[name]:
                shown = (lambda x: str(x)[:24]) if "extradata" in name else str
                return (
                    f"{items[0].item_id} has {name} {shown(first[name])} but "
                    f"{item.item_id} has {shown(value)}"
                )
    return None


def _count_frames(path: Path) -> tuple[int, float]:
    with av.open(str(path)) as c:
        frames = sum(1 for p in c.demux(c.streams.video[0]) if p.size)
        return frames, float(c.duration or 0) / 1_000_000


def split_points(sizes: list[int], limit: int | None) -> list[list[int]]:
    """Consecutive groups of indexes whose sizes add up to at most ``limit`` (an item
    bigger than the limit is a group of its own: the size warning names it)."""
    groups: list[list[int]] = [[]]
    total = 0
    for i, size in enumerate(sizes):
        if limit and groups[-1] and total + size > limit:
            groups.append([])
            total = 0
        groups[-1].append(i)
        total += size
    return groups


def make_play_all(country: CountryPlan, cache: Cache, limit: int | None = None) -> PlayAll:
    """Join the running order; split between items into parts of at most ``limit``
    bytes (the profile's FAT32 limit) so each part still fits the stick. The parts are
    those of the plan's PlayAllTask for the same running order and limit."""
    task = replace(play_all_task(country), limit=limit)
    return join_running_order(
        country.code, country.items, cache, limit, task_key(task, ff.ffmpeg_version())
    )


def join_running_order(
    code: str, running: tuple[PackageItem, ...], cache: Cache, limit: int | None, key: str
) -> PlayAll:
    """The play-all file's parts, as cache objects ``key + "000"``, ``key + "001"``...
    (a PlayAllTask's); parts already there intact are reused."""
    items = list(running)
    sources = [cache.path(i.key, i.ext) for i in items]
    total = sum((Fraction(i.duration) * i.repeat for i in items), Fraction(0))
    params = [stream_params(p) for p in sources]
    fps = Fraction(params[0]["fps"])
    frames = sum(round(Fraction(i.duration) * fps) * i.repeat for i in items)
    why = _mismatch(items, params)
    if why is not None:
        # the planner encodes every file of a package at one format, so this is a fault
        raise PlayAllError(
            f"{code}: cannot write {PLAY_ALL_STEM}: its items cannot be joined "
            f"without re-encoding ({why})",
            hint="rebuild; if it persists, build without --play-all (play_all: false) "
            "and report it",
        )
    # every play of every item, in order: the unit a part is made of
    plays = [p for p in zip(items, sources, strict=True) for _ in range(p[0].repeat)]
    # stream copy: a part's size is the sum of its pieces (plus a small index)
    groups = split_points([src.stat().st_size for _, src in plays], limit)
    timescale = Fraction(params[0]["timescale"]).denominator
    parts = tuple(
        _join(code, [plays[i] for i in group], cache, fps, timescale, f"{key}{n:03d}")
        for n, group in enumerate(groups)
    )
    return PlayAll(parts, total, frames)


def _join(
    code: str,
    plays: list[tuple[PackageItem, Path]],
    cache: Cache,
    fps: Fraction,
    timescale: int,
    key: str,
) -> Part:
    ext = plays[0][0].ext
    duration = sum((Fraction(i.duration) for i, _ in plays), Fraction(0))
    frames = sum(round(Fraction(i.duration) * fps) for i, _ in plays)
    if cache.intact(key, ext):
        return Part(cache.path(key, ext), duration, frames)
    with cache.writing(key, ext) as tmp, cache.scratch() as work:
        script = work / "parts.txt"
        script.write_text(
            concat_list([src for _, src in plays], work, [Fraction(i.duration) for i, _ in plays]),
            encoding="utf-8",
        )
        cmd = concat_copy_command(
            script, tmp, by_extension(ext).name, audio="0:a?", faststart=True, timescale=timescale
        )
        ff.run(cmd, what=f"{code}: {PLAY_ALL_STEM}")
        got, seconds = _count_frames(tmp)
        # the whole point of the file is that it plays everything: check before keeping it
        if got != frames or abs(seconds - float(duration)) > 1 / float(fps) + 0.05:
            raise RenderError(
                f"{code}: {PLAY_ALL_STEM} has {got} frames / {seconds:.3f} s, "
                f"expected {frames} frames / {float(duration):.3f} s",
                command=shlex.join(cmd),
                stderr_tail="",
            )
        cache.commit(
            tmp, key, ext, {"kind": "PlayAllPart", "label": f"{code} play-all", "frames": frames}
        )
    return Part(cache.path(key, ext), duration, frames)
