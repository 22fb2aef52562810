"""Planning a photo slideshow: prepared photos, Ken Burns clips, captions, music, loops."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

from ..config import Language, SlideshowSpec
from ..errors import ConfigError
from ..photos import Canvas, Window
from ..profiles import OutputFormat, Profile, output_format
from ..subtitles.ass import CAPTION_EM, CAPTION_MAX_LINES, Caption, caption_ass
from ..textfit import DoesNotFit, layout
from .base import LOUDNORM, PlannerBase, samples_for
from .tasks import AudioTask, LoopTask, SlideClip, SlideshowTask

SLIDESHOW_FPS = Fraction(25)
# Ken Burns directions taken in turn by photos the captions file gives none
AUTO_MOTIONS = ("in", "right", "out", "left")
MUSIC_FADE = Fraction(2)  # seconds, at most a quarter of the cycle


def canvas_size(width: int, height: int, zoom: float) -> tuple[int, int]:
    """Prepared photo size: ``zoom`` times the frame, so the most zoomed-in window
    still has a source pixel for every output pixel."""
    cw = max(2, round(width * zoom / 2) * 2)
    return cw, max(2, round(cw * height / width / 2) * 2)


def motion_windows(direction: str, zoom: float) -> tuple[Window, Window]:
    """First and last window (fractions of the canvas) of a Ken Burns move."""
    full: Window = (0.0, 0.0, 1.0, 1.0)
    s = 1 / zoom
    mid = (1 - s) / 2
    moves: dict[str, tuple[Window, Window]] = {
        "none": (full, full),
        "in": (full, (mid, mid, s, s)),
        "out": ((mid, mid, s, s), full),
        "right": ((0.0, mid, s, s), (1 - s, mid, s, s)),
        "left": ((1 - s, mid, s, s), (0.0, mid, s, s)),
        "down": ((mid, 0.0, s, s), (mid, 1 - s, s, s)),
        "up": ((mid, 1 - s, s, s), (mid, 0.0, s, s)),
    }
    return moves[direction]


def intersect(a: Window, b: Window) -> Window:
    """The part of the canvas inside both windows: for a straight move, every frame
    shows it, so a photo placed there is always seen whole."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)


def slide_clips(paths: list[tuple[Window, Window]], per: int, xf: int) -> tuple[SlideClip, ...]:
    """Clips of a seamless cycle, joined by ``xf``-frame crossfades: the last photo's
    final ``xf`` frames open the cycle (blending into the first photo) and the last
    photo is cut there at the end, so the cycle is ``len(paths) * (per - xf)`` frames."""
    n = len(paths)
    if xf == 0:
        return tuple(SlideClip(i, 0, per, per, *paths[i]) for i in range(n))
    step = per - xf
    return (
        SlideClip(n - 1, step, xf, per, *paths[-1]),
        *(SlideClip(i, 0, per, per, *paths[i]) for i in range(n - 1)),
        SlideClip(n - 1, 0, step, per, *paths[-1]),
    )


class SlideshowPlanner(PlannerBase):
    def slideshow(self, show_id: str, profile: Profile, lang: Language) -> tuple[str, Fraction]:
        """The slideshow's final render (with ``lang``'s captions, if any) and its length."""
        spec = self.ws.slideshow(show_id)
        photos = self.facts.photos[show_id]
        notes = self.facts.photo_notes.get(show_id, {})
        fmt = output_format(
            profile, profile.max_width, profile.max_height, Fraction(1), SLIDESHOW_FPS
        )
        n = len(photos)
        per = max(1, round(Fraction(spec.seconds_per_photo).limit_denominator(1000) * fmt.fps))
        xf = min(round(Fraction(spec.crossfade).limit_denominator(1000) * fmt.fps), per // 2)
        step = per - xf
        frames = n * step
        zoom = 1.0 if spec.motion == "none" else spec.zoom
        canvas = canvas_size(fmt.width, fmt.height, zoom)

        deps: list[str] = []
        paths: list[tuple[Window, Window]] = []
        for i, photo in enumerate(photos):
            note = notes.get(photo.name)
            if spec.motion == "none":
                direction = "none"
            elif note is not None and note.motion is not None:
                direction = note.motion
            elif spec.motion == "kenburns":
                direction = AUTO_MOTIONS[i % len(AUTO_MOTIONS)]
            else:
                direction = spec.motion
            start, end = motion_windows(direction, zoom)
            paths.append((start, end))
            c = Canvas(canvas[0], canvas[1], spec.fill, visible=intersect(start, end))
            deps.append(self.photo(photo, c, f"slideshow {show_id}: prepare {photo.name}"))
        clips = slide_clips(paths, per, xf)

        ass, fonts_dir, caption_lang = self.captions(spec, photos, lang, fmt, per, xf)
        music_fade = Fraction(0)
        if spec.music is not None:
            music = self.ws.root / spec.music
            rate = profile.audio_rate
            samples = samples_for(frames, fmt.fps, rate)
            deps.append(
                self.plan.add(
                    AudioTask(
                        key=self.key(
                            "audio",
                            src=self.facts.file_hashes[music],
                            samples=samples,
                            rate=rate,
                            channels=profile.audio_channels,
                            loudnorm=LOUDNORM,
                        ),
                        label=f"slideshow {show_id}: music loudness (EBU R128)",
                        deps=(),
                        work=0,
                        source=music,
                        has_audio=True,
                        samples=samples,
                        rate=rate,
                        channels=profile.audio_channels,
                    )
                )
            )
            music_fade = min(MUSIC_FADE, Fraction(frames, 4) / fmt.fps)
        key = self.key(
            "slideshow",
            deps=deps,
            clips=clips,
            xf=xf,
            canvas=canvas,
            ass=ass,
            font=self.facts.file_hashes.get(self.facts.fonts[lang.code].path) if ass else None,
            music_fade=str(music_fade),
            fmt=fmt.as_dict(),
            video=profile.video_settings(),
            audio=profile.audio_settings(),
            container=profile.container,
        )
        self.plan.add(
            SlideshowTask(
                key=key,
                label=f"slideshow {show_id} ({n} photo{'s' if n != 1 else ''})"
                + (f" [{caption_lang}]" if caption_lang else "")
                + f" {profile.name}",
                deps=tuple(deps),
                work=frames,
                fmt=fmt,
                profile=profile,
                frames=frames,
                canvas=canvas,
                clips=clips,
                xfade_frames=xf,
                ass=ass,
                fonts_dir=fonts_dir,
                music=spec.music is not None,
                music_fade=music_fade,
            )
        )
        if spec.loop_minutes is None:
            return key, Fraction(frames) / fmt.fps
        # whole cycles, at least the configured length
        repeats = max(1, math.ceil(Fraction(spec.loop_minutes * 60) * fmt.fps / frames))
        loop = self.plan.add(
            LoopTask(
                key=self.key("loop", cycle=key, repeats=repeats, container=profile.container),
                label=f"slideshow {show_id}: {repeats} cycles by stream copy",
                deps=(key,),
                work=0,
                repeats=repeats,
                frames=repeats * frames,
                container=profile.container,
            )
        )
        return loop, Fraction(repeats * frames) / fmt.fps

    def slideshow_inputs(self, show: SlideshowSpec) -> tuple[Path, ...]:
        extra = []
        if show.captions is not None:
            extra.append(self.ws.root / show.photos / show.captions)
        if show.music is not None:
            extra.append(self.ws.root / show.music)
        return (*self.facts.photos[show.id], *extra)

    def captions(
        self,
        spec: SlideshowSpec,
        photos: tuple[Path, ...],
        lang: Language,
        fmt: OutputFormat,
        per: int,
        xf: int,
    ) -> tuple[str | None, Path | None, str | None]:
        """Caption ASS for ``lang`` (with the fonts folder and the language), if any photo
        has a caption in it; otherwise the slideshow is shared by every language."""
        notes = self.facts.photo_notes.get(spec.id, {})
        texts: list[tuple[int, Path, str]] = []
        for i, photo in enumerate(photos):
            text = notes[photo.name].captions.get(lang.code) if photo.name in notes else None
            if text:
                texts.append((i, photo, text))
        if not texts:
            return None, None, None
        assert spec.captions is not None
        font = self.facts.fonts[lang.code]
        step = per - xf
        total = len(photos) * step
        events: list[Caption] = []
        for i, photo, text in texts:
            try:
                (block,) = layout(
                    [text],
                    [CAPTION_EM],
                    self.facts.metrics[lang.code],
                    fmt.width,
                    fmt.height,
                    0,
                    max_lines=CAPTION_MAX_LINES,
                )
            except DoesNotFit as e:
                raise ConfigError(
                    f"caption of {photo.name} [{lang.code}] does not fit the title-safe area: {e}",
                    path=self.ws.root / spec.photos / spec.captions,
                    hint="shorten the caption",
                ) from None
            # shown while the photo is, fading with the crossfades
            start = i * step + xf // 2
            end = min(i * step + per - xf // 2, total)
            events.append(Caption(Fraction(start) / fmt.fps, Fraction(end) / fmt.fps, block))
        fade = max(Fraction(xf // 2) / fmt.fps, Fraction(1, 5))
        ass = caption_ass(events, font.family, fmt.width, fmt.height, fade)
        return ass, font.folder, lang.code
