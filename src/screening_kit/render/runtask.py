"""Run one task into the cache: the one path from a task to its object, shared by the
local pool and by Dask workers (which call ``run_task`` in their own process)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import ffmpeg as ff
from ..cache import Cache
from ..errors import RenderError
from ..fontpin import fontconfig_env
from ..fonts import ResolvedFont
from ..masters import decode_errors
from ..media import count_video_frames
from ..photos import prepare_photo
from ..plan import (
    AudioTask,
    CardTask,
    ChunkTask,
    ConformTask,
    JoinTask,
    LoopTask,
    MuxTask,
    PhotoTask,
    PlayAllTask,
    SlideshowTask,
    SoundtrackTask,
    SplitTask,
    Task,
)
from ..textraster import TextOverlay, write_pictures
from . import audio as acmd
from . import commands as cmd

# frames encoded since the last call (never beyond the task's ``work``)
ProgressSink = Callable[[int], None]


def run_task(
    task: Task, inputs: list[Path], cache: Cache, threads: int, progress: ProgressSink
) -> dict[str, Any]:
    """Produce ``task``'s object from ``inputs`` (its dependencies' objects, in order)
    with ``threads`` encoder threads; write it atomically into ``cache``; return its
    metadata. An exception (or a killed process) leaves no object behind."""
    with cache.writing(task.key, task.ext) as tmp, cache.scratch() as work:
        producer = _Producer(task, progress, cache)
        t0 = time.monotonic()
        meta = producer.produce(inputs, tmp, work, threads)
        meta["seconds"] = round(time.monotonic() - t0, 3)  # speeds for build --dry-run
        producer.report(task.work)  # steps without progress output (audio) count at the end
        meta.setdefault("label", task.label)
        meta.setdefault("kind", type(task).__name__)
        cache.commit(tmp, task.key, task.ext, meta)
    return meta


class _Producer:
    def __init__(self, task: Task, progress: ProgressSink, cache: Cache) -> None:
        self.task = task
        self.cache = cache  # play-all and split parts are objects of their own
        self.sink = progress
        self.done = 0

    def report(self, frame: int) -> None:
        frame = min(frame, self.task.work)
        if frame > self.done:
            self.sink(frame - self.done)
            self.done = frame

    def _ff(self, argv: list[str], cwd: Path | None = None, fonts_dir: Path | None = None) -> str:
        # ASS scripts are referenced by bare name: ffmpeg runs where they were written;
        # libass sees only the pinned font folder (fontpin)
        env = fontconfig_env(fonts_dir, cwd) if fonts_dir is not None and cwd else None
        return ff.run(argv, what=self.task.label, progress=self.report, cwd=cwd, env=env)

    @staticmethod
    def _pictures(overlays: tuple[TextOverlay, ...], font: ResolvedFont | None, work: Path) -> None:
        if overlays:
            assert font is not None
            write_pictures(overlays, font, work)

    def _check_frames(self, path: Path, expected: int, said: str = "") -> None:
        got = count_video_frames(path)
        if got != expected:
            raise RenderError(
                f"{self.task.label}: produced {got} frames, expected {expected}",
                command="(frame count check)",
                stderr_tail=said,  # what ffmpeg said while making them
            )

    def produce(self, inputs: list[Path], tmp: Path, work: Path, threads: int) -> dict[str, Any]:
        task = self.task
        if isinstance(task, ChunkTask):
            source = task.source if task.source is not None else inputs[0]
            if task.ass is not None:
                (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            self._pictures(task.overlays, task.text_font, work)
            said = self._ff(cmd.chunk_command(task, source, tmp, threads), work, task.fonts_dir)
            self._check_frames(tmp, task.frames, said)
            # what the master's decoder said (a conformed range was read by its conform)
            errors = decode_errors(said) if task.source is not None else 0
            return {"frames": task.frames, "decode_errors": errors}
        if isinstance(task, CardTask):
            if task.ass is not None:
                (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            self._pictures(task.overlays, task.text_font, work)
            background = inputs[0] if inputs else None
            self._ff(cmd.card_command(task, background, tmp, threads), work, task.fonts_dir)
            self._check_frames(tmp, task.frames)
            return {"frames": task.frames}
        if isinstance(task, PhotoTask):
            prepare_photo(task.source, task.canvas, tmp)
            return {}
        if isinstance(task, LoopTask):
            listing = work / "cycles.txt"
            listing.write_text(cmd.concat_list(inputs * task.repeats, work), encoding="utf-8")
            ff.run(
                cmd.concat_copy_command(
                    listing, tmp, task.container, audio="0:a:0", faststart=True
                ),
                what=task.label,
            )
            self._check_frames(tmp, task.frames)
            return {"frames": task.frames, "repeats": task.repeats}
        if isinstance(task, ConformTask):
            said = self._ff(cmd.conform_command(task, tmp, threads))
            self._check_frames(tmp, task.frames, said)
            return {"frames": task.frames, "decode_errors": decode_errors(said)}
        if isinstance(task, SlideshowTask):
            if task.ass is not None:
                (work / cmd.ASS_NAME).write_text(task.ass, encoding="utf-8")
            self._pictures(task.overlays, task.text_font, work)
            argv = cmd.slideshow_command(task, inputs, tmp, threads)
            self._ff(argv, work, task.fonts_dir)
            self._check_frames(tmp, task.frames)
            return {"frames": task.frames}
        if isinstance(task, AudioTask):
            return self._audio(task, tmp)
        if isinstance(task, JoinTask):
            listing = work / "pieces.txt"
            listing.write_text(cmd.concat_list(inputs, work), encoding="utf-8")
            ff.run(
                cmd.concat_copy_command(listing, tmp, task.container, audio=None, faststart=False),
                what=task.label,
            )
            self._check_frames(tmp, task.frames)
            return {"frames": task.frames}
        if isinstance(task, SoundtrackTask):
            ff.run(acmd.soundtrack_command(task, inputs[0], tmp), what=task.label)
            # what the package delivers, measured (AAC and the cards' silence included),
            # so package.json records the outcome rather than the target
            said = ff.run(acmd.delivered_loudness_command(tmp), what=f"{task.label} (measure)")
            return {"delivered": acmd.parse_ebur128(said)}
        if isinstance(task, PlayAllTask | SplitTask):
            return self._parts(task, inputs, tmp)
        if isinstance(task, MuxTask):
            ff.run(
                cmd.mux_command(inputs[0], inputs[1], tmp, task.profile.container),
                what=task.label,
            )
            return {"duration": float(task.duration)}
        raise TypeError(f"no runner for {type(task).__name__}")

    def _parts(
        self, task: PlayAllTask | SplitTask, inputs: list[Path], tmp: Path
    ) -> dict[str, Any]:
        """Play-all or a file's FAT32 parts: the parts as objects of their own, and as
        this task's object their index (a concat script naming them)."""
        from ..package.playall import join_running_order
        from ..package.split import split_file

        if isinstance(task, PlayAllTask):
            joined = join_running_order(task.country, task.items, self.cache, task.limit, task.key)
            parts = [(p.path, p.duration, p.frames) for p in joined.parts]
        elif inputs[0].stat().st_size > task.limit:
            src = inputs[0]
            made = split_file(self.cache, src.stem, src.suffix, task.limit, task.key)
            parts = [(p.path, p.duration, p.frames) for p in made]
        else:
            parts = []  # under the limit: the file is delivered whole
        tmp.write_text(
            "ffconcat version 1.0\n" + cmd.concat_list([p for p, _, _ in parts], tmp.parent),
            encoding="utf-8",
        )
        return {"parts": [{"name": p.name, "duration": str(d), "frames": f} for p, d, f in parts]}

    def _audio(self, task: AudioTask, tmp: Path) -> dict[str, Any]:
        if not task.has_audio:
            ff.run(acmd.silence_command(task, tmp), what=task.label)
            return {"loudnorm": None}
        measured = acmd.parse_loudnorm_json(
            ff.run(acmd.loudness_measure_command(task), what=f"{task.label} (measure)")
        )
        if measured.get("input_i") in ("-inf", "inf"):
            # digital silence: nothing to normalise
            ff.run(acmd.silence_command(task, tmp), what=task.label)
            return {"loudnorm": {"measured": measured, "normalization_type": "silent"}}
        second = acmd.parse_loudnorm_json(
            ff.run(acmd.loudness_apply_command(task, measured, tmp), what=f"{task.label} (apply)")
        )
        return {
            "loudnorm": {
                "measured": measured,
                "output": second,
                "normalization_type": second.get("normalization_type", "unknown"),
            }
        }
