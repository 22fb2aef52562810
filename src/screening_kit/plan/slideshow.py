"""Planning a photo slideshow: prepared photos, Ken Burns clips, captions, music, loops."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from ..config import Language, SlideshowSpec
from ..errors import ConfigError
from ..photos import Canvas, Window
from ..profiles import OutputFormat, Profile
from ..subtitles.ass import CAPTION_EM, CAPTION_MAX_LINES, Caption, caption_ass
from ..subtitles.bilingual import CaptionSide, ass_colour, pair_caption_ass
from ..textfit import DoesNotFit, layout
from ..textraster import TextOverlay, caption_overlays, drawn_by_harfbuzz
from .base import LOUDNORM_TARGETS, PlannerBase, samples_for
from .bilingual import refuse_pictures
from .tasks import (
    AudioTask,
    JoinTask,
    LoopTask,
    MuxTask,
    SlideClip,
    SlideshowTask,
    SoundtrackTask,
)

SLIDESHOW_FPS = Fraction(25)  # in a package without films (else the film's rate)
# photos per rendered piece: small graphs and memory, parallel pieces, and a changed
# caption re-renders one piece
PHOTOS_PER_PIECE = 8
CAPTION_FADE = Fraction(1, 5)  # seconds, at least
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


def cut_frame(per: int) -> int | None:
    """Where a photo's slot is cut between two pieces: mid-slot. Crossfades take at
    most half a slot, so both lie wholly on one side; caption fades (0.2 s or half the
    crossfade) too, for slots of half a second or more. None: too short to cut."""
    return per // 2 if per >= 2 else None


def split_pieces(
    clips: tuple[SlideClip, ...], per: int, photos_per_piece: int
) -> list[tuple[SlideClip, ...]]:
    """The cycle's clips in runs of about ``photos_per_piece`` photos. A piece ends
    inside a photo's slot (``cut_frame``), so every crossfade lies within one piece and
    the pieces join by stream copy into exactly the cycle's frames."""
    k = cut_frame(per)
    if k is None:
        return [clips]
    pieces: list[tuple[SlideClip, ...]] = []
    current: list[SlideClip] = []
    whole = 0
    for n, clip in enumerate(clips):
        full = clip.first == 0 and clip.count == per
        if full and whole >= photos_per_piece and n < len(clips) - 1:
            head = SlideClip(clip.photo, 0, k, per, clip.start, clip.end)
            pieces.append((*current, head))
            current, whole = [SlideClip(clip.photo, k, per - k, per, clip.start, clip.end)], 1
            continue
        current.append(clip)
        whole += full
    pieces.append(tuple(current))
    return pieces


def piece_frames(clips: tuple[SlideClip, ...], xf: int) -> int:
    return sum(c.count for c in clips) - xf * (len(clips) - 1)


class SlideshowPlanner(PlannerBase):
    def slideshow(
        self,
        show_id: str,
        profile: Profile,
        lang: Language,
        fmt: OutputFormat,
        second: Language | None = None,
        colour: str = "#FFFFFF",
    ) -> tuple[str, Fraction]:
        """The slideshow's final render (with ``lang``'s captions, if any) and its length,
        at ``fmt``: the package's format, so that it joins the films by stream copy.

        The cycle is rendered in pieces of ``PHOTOS_PER_PIECE`` photos: each ffmpeg
        graph stays small (a 1,000-photo show would not fit in one command line, nor
        its decoded photos in memory), pieces encode in parallel, and a changed caption
        re-renders one piece. Pieces are joined by stream copy, then muxed with the
        music (or silence), encoded once."""
        spec = self.ws.slideshow(show_id)
        photos = self.facts.photos[show_id]
        notes = self.facts.photo_notes.get(show_id, {})
        n = len(photos)
        per = max(1, round(Fraction(spec.seconds_per_photo).limit_denominator(1000) * fmt.fps))
        xf = min(round(Fraction(spec.crossfade).limit_denominator(1000) * fmt.fps), per // 2)
        step = per - xf
        frames = n * step
        zoom = 1.0 if spec.motion == "none" else spec.zoom
        canvas = canvas_size(fmt.width, fmt.height, zoom)

        prepared: list[str] = []
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
            # two identical photos with the same move share one prepared still
            prepared.append(self.photo(photo, c, f"slideshow {show_id}: prepare {photo.name}"))
        clips = slide_clips(paths, per, xf)

        events, fonts_dir, caption_lang = self.captions(spec, photos, lang, fmt, per, xf)
        font = self.font_id(lang.code) if events else None
        # a bilingual country's second captions, above the first (``second``'s ``colour``)
        events2 = self.captions(spec, photos, second, fmt, per, xf)[0] if second else []
        if second is not None and events2:
            refuse_pictures(
                f"slideshow {show_id}", {c: self.facts.fonts[c] for c in (lang.code, second.code)}
            )
            caption_lang = f"{lang.code}+{second.code}"
        label = (
            f"slideshow {show_id} ({n} photo{'s' if n != 1 else ''})"
            + (f" [{caption_lang}]" if caption_lang else "")
            + f" {profile.name}"
        )
        pieces = split_pieces(clips, per, PHOTOS_PER_PIECE)
        piece_keys: list[str] = []
        at = 0  # the piece's first frame in the cycle
        for number, piece in enumerate(pieces, start=1):
            count = piece_frames(piece, xf)
            deps = list(dict.fromkeys(prepared[c.photo] for c in piece))
            local = tuple(replace(c, photo=deps.index(prepared[c.photo])) for c in piece)
            ass = None
            overlays: tuple[TextOverlay, ...] = ()
            piece_dir, piece_font = fonts_dir, font
            if events or events2:
                shown = clip_captions(
                    events, Fraction(at) / fmt.fps, Fraction(at + count) / fmt.fps
                )
                resolved = self.facts.fonts[lang.code]
                fade = max(Fraction(xf // 2) / fmt.fps, CAPTION_FADE)
                if shown and drawn_by_harfbuzz(resolved, lang.name):
                    overlays = caption_overlays(
                        shown, resolved.line_factor, lang.code, fmt.width, fmt.height,
                        fmt.fps, fade,
                    )  # fmt: skip
                elif shown:
                    family = self.facts.fonts[lang.code].family
                    ass = caption_ass(
                        shown,
                        family,
                        fmt.width,
                        fmt.height,
                        fade,
                        runs=self.facts.metrics[lang.code].ass_runs,
                    )
                t0, t1 = Fraction(at) / fmt.fps, Fraction(at + count) / fmt.fps
                shown2 = clip_captions(events2, t0, t1) if events2 else []
                if second is not None and shown2:
                    ass = pair_caption_ass(
                        self.caption_side(shown, lang, "#FFFFFF", fmt.height),
                        self.caption_side(shown2, second, colour, fmt.height),
                        fmt.width,
                        fmt.height,
                        fade,
                    )
                    piece_dir, piece_font = self.facts.pair_fonts[f"{lang.code}+{second.code}"]
            piece_keys.append(
                self.plan.add(
                    SlideshowTask(
                        label=label
                        + (f" part {number} of {len(pieces)}" if len(pieces) > 1 else ""),
                        deps=tuple(deps),
                        work=count,
                        fmt=fmt,
                        profile=profile,
                        frames=count,
                        canvas=canvas,
                        clips=local,
                        xfade_frames=xf,
                        ass=ass,
                        fonts_dir=piece_dir if ass else None,
                        font_id=piece_font if ass or overlays else None,
                        overlays=overlays,
                        text_font=self.facts.fonts[lang.code] if overlays else None,
                    )
                )
            )
            at += count
        assert at == frames
        video = piece_keys[0]
        if len(piece_keys) > 1:
            video = self.plan.add(
                JoinTask(
                    label=f"slideshow {show_id}: join {len(piece_keys)} pieces",
                    deps=tuple(piece_keys),
                    work=0,
                    fps=fmt.fps,
                    frames=frames,
                    container=profile.container,
                )
            )
        sound = self.slideshow_sound(spec, profile, frames, fmt.fps)
        key = self.plan.add(
            MuxTask(
                label=label,
                deps=(video, sound),
                work=0,
                profile=profile,
                duration=Fraction(frames) / fmt.fps,
            )
        )
        if spec.loop_minutes is None:
            return key, Fraction(frames) / fmt.fps
        # whole cycles, at least the configured length
        repeats = max(1, math.ceil(Fraction(spec.loop_minutes * 60) * fmt.fps / frames))
        loop = self.plan.add(
            LoopTask(
                label=f"slideshow {show_id}: {repeats} cycles by stream copy",
                deps=(key,),
                work=0,
                repeats=repeats,
                frames=repeats * frames,
                container=profile.container,
            )
        )
        return loop, Fraction(repeats * frames) / fmt.fps

    def slideshow_sound(
        self, spec: SlideshowSpec, profile: Profile, frames: int, fps: Fraction
    ) -> str:
        """The cycle's sound, encoded once: the music loudness-normalised and faded in
        and out at the loop point, or silence."""
        rate = profile.audio_rate
        samples = samples_for(frames, fps, rate)
        music = self.ws.root / spec.music if spec.music is not None else None
        src = self.facts.file_hashes[music] if music is not None else None
        audio = self.plan.add(
            AudioTask(
                label=f"slideshow {spec.id}: "
                + ("music loudness (EBU R128)" if music else "silence"),
                deps=(),
                work=0,
                source=music or Path(),
                source_id=src,
                has_audio=music is not None,
                samples=samples,
                rate=rate,
                channels=profile.audio_channels,
                loudnorm=LOUDNORM_TARGETS,
            )
        )
        fade = min(MUSIC_FADE, Fraction(frames, 4) / fps) if music is not None else Fraction(0)
        return self.plan.add(
            SoundtrackTask(
                label=f"slideshow {spec.id}: soundtrack",
                deps=(audio,),
                work=0,
                lead_samples=0,
                total_samples=samples,
                profile=profile,
                fade=fade,
            )
        )

    def slideshow_inputs(self, show: SlideshowSpec) -> tuple[Path, ...]:
        extra = []
        if show.captions is not None:
            extra.append(self.ws.root / show.photos / show.captions)
        if show.music is not None:
            extra.append(self.ws.root / show.music)
        return (*self.facts.photos[show.id], *extra)

    def caption_side(
        self, shown: list[Caption], lang: Language, colour: str, height: int
    ) -> CaptionSide:
        font, metrics = self.facts.fonts[lang.code], self.facts.metrics[lang.code]
        line = round(CAPTION_EM * font.line_factor * height)  # as layout sizes a caption
        return CaptionSide(shown, font.family, line, metrics.ass_runs, ass_colour(colour))

    def captions(
        self,
        spec: SlideshowSpec,
        photos: tuple[Path, ...],
        lang: Language,
        fmt: OutputFormat,
        per: int,
        xf: int,
    ) -> tuple[list[Caption], Path | None, str | None]:
        """Caption events for ``lang`` (with the fonts folder and the language), if any
        photo has a caption in it; otherwise the slideshow is shared by every language."""
        notes = self.facts.photo_notes.get(spec.id, {})
        texts: list[tuple[int, Path, str]] = []
        for i, photo in enumerate(photos):
            text = notes[photo.name].captions.get(lang.code) if photo.name in notes else None
            if text:
                texts.append((i, photo, text))
        if not texts:
            return [], None, None
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
                    locale=lang.code,
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
        return events, font.folder, lang.code


def clip_captions(events: list[Caption], start: Fraction, end: Fraction) -> list[Caption]:
    """The captions shown in [start, end), timed from ``start``; a caption cut by the
    piece boundary keeps its fade only on the side inside the piece."""
    out = []
    for c in events:
        if c.end <= start or c.start >= end:
            continue
        out.append(
            replace(
                c,
                start=max(c.start, start) - start,
                end=min(c.end, end) - start,
                fade_in=c.start >= start,
                fade_out=c.end <= end,
            )
        )
    return out
