"""The pure planner: workspace + probed facts -> a graph of render tasks.

Nothing here runs ffmpeg or reads media. Every task carries a content key: the
hash of exactly what determines its output bytes. Identical tasks (two countries
sharing a language and profile; film chunks with no cues, shared by every
language) therefore collapse into one node of the graph.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import ClassVar

from .cache import content_key
from .captions import PhotoNote
from .config import CardSpec, Language, SlideshowSpec, Workspace
from .errors import ConfigError
from .fonts import ResolvedFont
from .media import VideoFacts
from .photos import Canvas, Window
from .profiles import OutputFormat, Profile, fit_inside, output_format, standard_rate
from .subtitles.ass import (
    CAPTION_EM,
    CAPTION_MAX_LINES,
    CARD_EMS,
    CARD_GAPS,
    AssStyle,
    Caption,
    build_ass,
    caption_ass,
    card_ass,
)
from .subtitles.model import Cue
from .textfit import DoesNotFit, FontMetrics, layout

LOUDNORM = {"I": -23.0, "TP": -1.0, "LRA": 11.0}
SLIDESHOW_FPS = Fraction(25)
# Ken Burns directions taken in turn by photos the captions file gives none
AUTO_MOTIONS = ("in", "right", "out", "left")
CARD_BACKGROUND_DARKEN = 0.45
MUSIC_FADE = Fraction(2)  # seconds, at most a quarter of the cycle


# ------------------------------------------------------------------ tasks


@dataclass(frozen=True)
class Task:
    key: str
    label: str
    deps: tuple[str, ...]
    work: int  # frames this task encodes: the unit of progress
    ext: ClassVar[str] = ".mp4"


@dataclass(frozen=True)
class ConformTask(Task):
    """A source whose rate differs from the profile's (or varies) -> constant rate."""

    source: Path
    fps: Fraction
    frames: int


@dataclass(frozen=True)
class AudioTask(Task):
    """The film's audio, EBU R128 two-pass loudness-normalised, sample-exact length."""

    ext: ClassVar[str] = ".flac"
    source: Path
    has_audio: bool
    samples: int
    rate: int
    channels: int
    # samples of silence to put first (audio starts after the video), or to drop
    # (negative: audio starts before it), so sound stays in sync with the picture
    offset_samples: int = 0


@dataclass(frozen=True)
class VideoPiece(Task):
    fmt: OutputFormat
    profile: Profile
    frames: int


@dataclass(frozen=True)
class ChunkTask(VideoPiece):
    """Frames [start, start+frames) of the film, scaled/padded, subtitles burned in."""

    source: Path | None  # None: read the output of the conform task (deps[0])
    start: int
    src_fps: Fraction
    scaled: tuple[int, int]
    ass: str | None
    fonts_dir: Path | None
    # convert the source's colour matrix to BT.709 (only when it is not BT.709 already:
    # the conversion is a full pass over every pixel)
    to_bt709: bool = True


@dataclass(frozen=True)
class CardTask(VideoPiece):
    """Card text by libass over a colour, or over a prepared background (deps[0])."""

    ass: str
    fonts_dir: Path
    fade_frames: int
    background: str  # colour when there is no background image


@dataclass(frozen=True)
class JoinTask(Task):
    """Video pieces joined by stream copy (concat demuxer)."""

    fps: Fraction
    frames: int


@dataclass(frozen=True)
class SoundtrackTask(Task):
    """Film audio placed after the opening cards, silence elsewhere, encoded once."""

    ext: ClassVar[str] = ".mka"  # Matroska holds AAC and PCM alike
    lead_samples: int
    total_samples: int
    profile: Profile


@dataclass(frozen=True)
class MuxTask(Task):
    """Joined video + soundtrack -> the final file (moov atom first)."""

    profile: Profile
    duration: Fraction


@dataclass(frozen=True)
class PhotoTask(Task):
    """One photo prepared once (photos.prepare_photo): upright RGB on its canvas."""

    ext: ClassVar[str] = ".png"
    source: Path
    canvas: Canvas


@dataclass(frozen=True)
class SlideClip:
    """Frames [first, first + count) of one photo's motion, which runs over ``frames``."""

    photo: int  # index into the slideshow's deps (prepared photos)
    first: int
    count: int
    frames: int
    start: Window  # the part of the canvas shown at the first and last frame
    end: Window


@dataclass(frozen=True)
class SlideshowTask(VideoPiece):
    """One cycle of a slideshow that loops seamlessly: it opens with the crossfade from
    the last photo into the first, so played again it continues without a seam."""

    canvas: tuple[int, int]  # size of the prepared photos (room for the zoom)
    clips: tuple[SlideClip, ...]  # joined by crossfades of ``xfade_frames``
    xfade_frames: int
    ass: str | None  # captions
    fonts_dir: Path | None
    music: bool  # deps[-1] is the loudness-normalised music (AudioTask)
    music_fade: Fraction  # seconds faded in at the start and out at the loop point


@dataclass(frozen=True)
class LoopTask(Task):
    """A slideshow cycle repeated by stream copy into one long file (no re-encode)."""

    repeats: int
    frames: int
    container: str


# ------------------------------------------------------------------ what the planner needs


@dataclass(frozen=True)
class Facts:
    """Everything the planner needs that comes from disk, gathered by the caller."""

    films: Mapping[str, VideoFacts]  # film id -> probe
    file_hashes: Mapping[Path, str]  # every input file -> sha256
    subtitles: Mapping[tuple[str, str], list[Cue]]  # (film id, lang) -> cues
    fonts: Mapping[str, ResolvedFont]  # lang -> font
    photos: Mapping[str, tuple[Path, ...]]  # slideshow id -> photo files, in order
    # slideshow id -> photo file name -> captions and motion (captions file)
    photo_notes: Mapping[str, Mapping[str, PhotoNote]] = field(default_factory=dict)
    metrics: Mapping[str, FontMetrics] = field(default_factory=dict)  # lang -> font metrics


@dataclass(frozen=True)
class PackageItem:
    position: int
    kind: str  # film | slideshow
    item_id: str
    title: str
    key: str  # final render
    ext: str
    duration: Fraction
    repeat: int
    language: str | None
    inputs: tuple[Path, ...]


@dataclass(frozen=True)
class CountryPlan:
    code: str
    name: str
    language: Language
    profile: Profile
    playlist: str
    items: tuple[PackageItem, ...]


@dataclass
class Plan:
    tasks: dict[str, Task] = field(default_factory=dict)  # in dependency order
    countries: list[CountryPlan] = field(default_factory=list)

    def add(self, task: Task) -> str:
        self.tasks.setdefault(task.key, task)
        return task.key

    def users(self) -> dict[str, list[str]]:
        """Final render key -> countries that use it."""
        out: dict[str, list[str]] = {}
        for c in self.countries:
            for item in c.items:
                if c.code not in out.setdefault(item.key, []):
                    out[item.key].append(c.code)
        return out


# ------------------------------------------------------------------ planning


def chunk_bounds(
    frames: int, chunk_frames: int, keyframes: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """[start, end) ranges of about ``chunk_frames``; a short tail joins the last chunk.

    A chunk is read by seeking half a frame before its first frame, and the demuxer
    starts decoding at the source keyframe before that point. So a chunk starts one
    frame after a source keyframe where one lies within half a chunk of the nominal
    boundary: one extra frame is decoded instead of a whole GOP."""
    after_key = sorted({k + 1 for k in keyframes if 0 < k + 1 < frames})
    bounds = []
    start = 0
    while start < frames:
        target = start + chunk_frames
        lo = bisect.bisect_left(after_key, start + max(1, chunk_frames // 2))
        hi = bisect.bisect_right(after_key, start + chunk_frames + chunk_frames // 2)
        near = after_key[lo:hi]
        end = min(near, key=lambda s: (abs(s - target), s)) if near else target
        end = min(frames, end)
        if frames - end < chunk_frames // 2:
            end = frames
        bounds.append((start, end))
        start = end
    return bounds


def cues_in(cues: list[Cue], start: Fraction, end: Fraction) -> list[Cue]:
    return [
        c for c in cues if Fraction(c.start_ms, 1000) < end and Fraction(c.end_ms, 1000) > start
    ]


def samples_for(frames: int, fps: Fraction, rate: int) -> int:
    return round(Fraction(frames) / fps * rate)


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


class _Planner:
    def __init__(
        self, ws: Workspace, facts: Facts, profile_override: str | None, ffmpeg_version: str
    ) -> None:
        self.ws = ws
        self.facts = facts
        self.override = profile_override
        self.plan = Plan()
        self.tool = ffmpeg_version

    def key(self, kind: str, **parts: object) -> str:
        return content_key(kind, {"ffmpeg": self.tool, **parts})

    def film(self, film_id: str, lang: Language, profile: Profile) -> tuple[str, Fraction]:
        ws, facts = self.ws, self.facts
        spec = ws.film(film_id)
        src = ws.root / spec.source
        probe = facts.films[film_id]
        src_hash = facts.file_hashes[src]
        # a variable-rate source is conformed to the standard rate nearest its declared one
        src_rate = standard_rate(probe.nominal_fps) if probe.variable_rate else probe.fps
        fmt = output_format(profile, probe.width, probe.height, probe.sar, src_rate)
        scaled = fit_inside(probe.width, probe.height, probe.sar, fmt.width, fmt.height)
        vset = profile.video_settings()

        # a source at another rate (or a variable one) is conformed first
        source: Path | None = src
        source_id = src_hash
        frames = probe.frames
        deps: tuple[str, ...] = ()
        if probe.variable_rate or probe.fps != fmt.fps:
            frames = int(probe.duration * fmt.fps)
            ckey = self.plan.add(
                ConformTask(
                    key=self.key("conform", src=src_hash, fps=str(fmt.fps), frames=frames),
                    label=f"{film_id}: conform to {fmt.fps} fps",
                    deps=(),
                    work=frames,
                    source=src,
                    fps=fmt.fps,
                    frames=frames,
                )
            )
            source, source_id, deps = None, ckey, (ckey,)

        font = facts.fonts[lang.code]
        style = AssStyle(font=font.family, line_factor=font.line_factor)
        cues = facts.subtitles[(film_id, lang.code)]
        chunk_frames = max(1, round(ws.ceremony.chunk_seconds * fmt.fps))
        pieces: list[str] = []

        opening, lead_frames = self.cards(spec.opening_cards, film_id, lang, font, fmt, profile)
        pieces += opening
        # the conform intermediate has a keyframe every second (conform_command)
        keyframes = probe.keyframes if source is not None else range(0, frames, round(fmt.fps))
        for start, end in chunk_bounds(frames, chunk_frames, keyframes):
            t0, t1 = Fraction(start) / fmt.fps, Fraction(end) / fmt.fps
            inside = cues_in(cues, t0, t1)
            ass = build_ass(inside, style, fmt.width, fmt.height, offset=t0) if inside else None
            # a chunk without cues depends on no language: every language shares it
            key = self.key(
                "chunk",
                source=source_id,
                start=start,
                end=end,
                fmt=fmt.as_dict(),
                scaled=scaled,
                video=vset,
                to_bt709=not probe.is_bt709,
                ass=ass,
                font=facts.file_hashes.get(font.path) if ass else None,
            )
            pieces.append(
                self.plan.add(
                    ChunkTask(
                        key=key,
                        label=f"{film_id}: frames {start}-{end - 1}"
                        + (f" [{lang.code}]" if ass else " [shared]"),
                        deps=deps,
                        work=end - start,
                        fmt=fmt,
                        profile=profile,
                        frames=end - start,
                        source=source,
                        start=start,
                        src_fps=fmt.fps if source is None else probe.fps,
                        scaled=scaled,
                        ass=ass,
                        fonts_dir=font.folder if ass else None,
                        to_bt709=not probe.is_bt709,
                    )
                )
            )
        closing, tail_frames = self.cards(spec.closing_cards, film_id, lang, font, fmt, profile)
        pieces += closing
        total = lead_frames + frames + tail_frames

        join = self.plan.add(
            JoinTask(
                key=self.key("join", parts=pieces),
                label=f"{film_id} [{lang.code}]: join {len(pieces)} pieces",
                deps=tuple(pieces),
                work=0,
                fps=fmt.fps,
                frames=total,
            )
        )
        rate = profile.audio_rate
        audio = self.plan.add(
            AudioTask(
                key=self.key(
                    "audio",
                    src=src_hash,
                    samples=samples_for(frames, fmt.fps, rate),
                    rate=rate,
                    channels=profile.audio_channels,
                    loudnorm=LOUDNORM,
                    offset=round(probe.audio_offset * rate),
                ),
                label=f"{film_id}: audio loudness (EBU R128)",
                deps=(),
                work=frames // 10,
                source=src,
                has_audio=probe.has_audio,
                samples=samples_for(frames, fmt.fps, rate),
                rate=rate,
                channels=profile.audio_channels,
                offset_samples=round(probe.audio_offset * rate),
            )
        )
        lead = samples_for(lead_frames, fmt.fps, rate)
        track = self.plan.add(
            SoundtrackTask(
                key=self.key(
                    "soundtrack",
                    audio=audio,
                    lead=lead,
                    total=samples_for(total, fmt.fps, rate),
                    settings=profile.audio_settings(),
                ),
                label=f"{film_id}: soundtrack",
                deps=(audio,),
                work=0,
                lead_samples=lead,
                total_samples=samples_for(total, fmt.fps, rate),
                profile=profile,
            )
        )
        final = self.plan.add(
            MuxTask(
                key=self.key("mux", video=join, audio=track, container=profile.container),
                label=f"{film_id} [{lang.code}] {profile.name}",
                deps=(join, track),
                work=0,
                profile=profile,
                duration=Fraction(total) / fmt.fps,
            )
        )
        return final, Fraction(total) / fmt.fps

    def cards(
        self,
        slots: list[CardSpec],
        film_id: str,
        lang: Language,
        font: ResolvedFont,
        fmt: OutputFormat,
        profile: Profile,
    ) -> tuple[list[str], int]:
        keys: list[str] = []
        total = 0
        texts = self.ws.cards.get((film_id, lang.code), {})
        for slot in slots:
            frames = max(1, round(Fraction(slot.duration) * fmt.fps))
            fade = min(round(Fraction(slot.fade) * fmt.fps), frames // 2)
            lines = texts[slot.id].lines
            try:
                ems = list(CARD_EMS[: len(lines)])
                gap = sum(CARD_GAPS[: len(lines) - 1])
                metrics = self.facts.metrics[lang.code]
                blocks = layout(lines, ems, metrics, fmt.width, fmt.height, gap, bold_first=True)
            except DoesNotFit as e:
                raise ConfigError(
                    f"card {slot.id!r} [{lang.code}] does not fit the title-safe area: {e}",
                    path=self.ws.cards_path(self.ws.film(film_id), lang.code),
                    hint="shorten the text or split it over the card's three lines",
                ) from None
            ass = card_ass(blocks, font.family, fmt.width, fmt.height, Fraction(frames) / fmt.fps)
            deps: tuple[str, ...] = ()
            if slot.background_image is not None:
                image = self.ws.root / slot.background_image
                canvas = Canvas(
                    fmt.width, fmt.height, "black", cover=True, darken=CARD_BACKGROUND_DARKEN
                )
                deps = (self.photo(image, canvas, f"{film_id}: card {slot.id} background"),)
            key = self.key(
                "card",
                ass=ass,
                font=self.facts.file_hashes.get(font.path),
                frames=frames,
                fade=fade,
                background=deps[0] if deps else slot.background,
                fmt=fmt.as_dict(),
                video=profile.video_settings(),
            )
            keys.append(
                self.plan.add(
                    CardTask(
                        key=key,
                        label=f"{film_id}: card {slot.id} [{lang.code}]",
                        deps=deps,
                        work=frames,
                        fmt=fmt,
                        profile=profile,
                        frames=frames,
                        ass=ass,
                        fonts_dir=font.folder,
                        fade_frames=fade,
                        background=slot.background,
                    )
                )
            )
            total += frames
        return keys, total

    def photo(self, source: Path, canvas: Canvas, label: str) -> str:
        return self.plan.add(
            PhotoTask(
                key=self.key("photo", src=self.facts.file_hashes[source], canvas=canvas),
                label=label,
                deps=(),
                work=0,
                source=source,
                canvas=canvas,
            )
        )

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

    def country(self, code: str) -> CountryPlan:
        ws = self.ws
        spec = ws.ceremony.countries[code]
        lang = ws.languages[spec.language]
        profile = ws.profile_for(code, self.override)
        rel, playlist = ws.playlist_for(code)
        items: list[PackageItem] = []
        for pos, item in enumerate(playlist.items, start=1):
            if item.film is not None:
                film = ws.film(item.film)
                key, dur = self.film(item.film, lang, profile)
                inputs = [ws.root / film.source, ws.subtitle_path(film, lang.code)]
                if film.opening_cards or film.closing_cards:
                    inputs.append(ws.cards_path(film, lang.code))
                items.append(
                    PackageItem(
                        pos,
                        "film",
                        item.film,
                        film.title,
                        key,
                        profile.extension,
                        dur,
                        item.repeat,
                        lang.code,
                        tuple(inputs),
                    )
                )
            else:
                assert item.slideshow is not None
                show = ws.slideshow(item.slideshow)
                key, dur = self.slideshow(item.slideshow, profile, lang)
                items.append(
                    PackageItem(
                        pos,
                        "slideshow",
                        item.slideshow,
                        show.title,
                        key,
                        profile.extension,
                        dur,
                        item.repeat,
                        None,  # captions or not, a slideshow's file name has no language
                        self.slideshow_inputs(show),
                    )
                )
        return CountryPlan(code, spec.name, lang, profile, rel, tuple(items))


def make_plan(
    ws: Workspace,
    facts: Facts,
    countries: list[str],
    *,
    profile_override: str | None = None,
    ffmpeg_version: str,
) -> Plan:
    planner = _Planner(ws, facts, profile_override, ffmpeg_version)
    for code in countries:
        planner.plan.countries.append(planner.country(code))
    return planner.plan
