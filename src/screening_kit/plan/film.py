"""Planning a film: opening cards, frame-exact chunks with subtitles, audio, join, mux."""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from ..config import CardSpec, Language, SubtitleStyle
from ..errors import ConfigError
from ..fonts import ResolvedFont
from ..media import VideoFacts
from ..photos import Canvas
from ..profiles import OutputFormat, Profile, fit_inside, output_format, standard_rate
from ..subtitles.ass import CARD_EMS, CARD_GAPS, AssStyle, build_ass, card_ass, plain_runs
from ..subtitles.bilingual import Track
from ..subtitles.model import Cue
from ..textfit import DoesNotFit, layout
from ..textraster import card_overlay, drawn_by_harfbuzz, subtitle_overlays
from .base import LOUDNORM_TARGETS, PlannerBase, samples_for
from .bilingual import pair_card, pair_for
from .cuts import cue_bounds, cue_spans
from .tasks import (
    AudioTask,
    CardTask,
    ChunkTask,
    ConformTask,
    JoinTask,
    MuxTask,
    SoundtrackTask,
    SourceReading,
)

CARD_BACKGROUND_DARKEN = 0.45


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


def film_format(probe: VideoFacts, profile: Profile) -> OutputFormat:
    """The frame a film alone would be encoded at under ``profile``."""
    # a variable-rate source is conformed to the standard rate nearest its declared one;
    # an interlaced one offers its field rate (50i -> 50p where the profile allows 50)
    src_rate = standard_rate(probe.nominal_fps) if probe.variable_rate else probe.fps
    if probe.interlace and not probe.variable_rate and 2 * src_rate <= Fraction(profile.max_fps):
        src_rate *= 2
    # a phone film recorded sideways is planned at its upright size
    width, height, sar = probe.display_size
    return output_format(profile, width, height, sar, src_rate)


def package_format(
    films: Sequence[VideoFacts], profile: Profile, default_fps: Fraction
) -> OutputFormat:
    """One frame size and rate for every file of a package, so play-all joins them by
    stream copy: the largest film frame, at the rate of the longest film (converting a
    film's rate costs judder; a slideshow or card renders at any rate as well). A
    package without films takes the profile's largest frame at ``default_fps``."""
    if not films:
        return output_format(
            profile, profile.max_width, profile.max_height, Fraction(1), default_fps
        )
    fmts = [film_format(f, profile) for f in films]
    longest = max(range(len(films)), key=lambda i: films[i].duration)
    return OutputFormat(max(f.width for f in fmts), max(f.height for f in fmts), fmts[longest].fps)


class FilmPlanner(PlannerBase):
    def film(
        self,
        film_id: str,
        lang: Language,
        profile: Profile,
        fmt: OutputFormat,
        look: SubtitleStyle,
        second: Language | None = None,
        country: str = "",
    ) -> tuple[str, Fraction]:
        """The film with ``lang``'s subtitles (drawn as ``look`` says) and cards, encoded
        at ``fmt`` (the package's format: ``package_format``); with ``second``'s too
        for a bilingual ``country`` (plan.bilingual)."""
        ws, facts = self.ws, self.facts
        spec = ws.film(film_id)
        src = ws.root / spec.source
        probe = facts.films[film_id]
        src_hash = facts.file_hashes[src]
        # a phone film recorded sideways is planned at its upright size: a portrait
        # picture is pillar-boxed, not squeezed into the frame
        width, height, sar = probe.display_size
        scaled = fit_inside(width, height, sar, fmt.width, fmt.height)

        # an interlaced master at the package's field rate gives a frame per field
        fields = bool(probe.interlace) and not probe.variable_rate and fmt.fps == 2 * probe.fps
        read_fps = probe.fps * 2 if fields else probe.fps
        reading = SourceReading(probe.video_stream, probe.interlace, fields, probe.transfer)
        # a source at another rate (or a variable one) is conformed first
        conform = probe.variable_rate or read_fps != fmt.fps
        frames = int(probe.duration * fmt.fps) if conform else probe.frames * (2 if fields else 1)
        chunk_frames = max(1, round(ws.ceremony.chunk_seconds * fmt.fps))
        keyframes = probe.keyframes
        if fields:
            # chunks start on a source frame (its first field): even output frames
            chunk_frames += chunk_frames % 2
            keyframes = tuple(2 * k + 1 for k in keyframes)
        # each conformed range is one chunk's frames, read from its first frame: no seek
        if ws.ceremony.chunk_cuts == "fixed":
            bounds = chunk_bounds(frames, chunk_frames, () if conform else keyframes)
        else:
            step = 2 if fields else 1
            bounds = self.cue_cuts(
                film_id, fmt.fps, frames, chunk_frames, () if conform else keyframes, step
            )
        ranges = (
            self.conform_ranges(film_id, src, src_hash, probe, fmt.fps, bounds) if conform else {}
        )

        font = facts.fonts[lang.code]
        style = AssStyle(
            font=font.family,
            line_factor=font.line_factor,
            em=look.em,
            margin_v=look.margin / 100,
            box=look.box,
        )
        # Facts made without font metrics (planning tests) draw in the font alone
        metrics = facts.metrics.get(lang.code)
        runs = metrics.ass_runs if metrics is not None else plain_runs
        cues = facts.subtitles[(film_id, lang.code)]
        raster = drawn_by_harfbuzz(font, lang.name)  # a font libass draws wrong
        pair = None
        if second is not None:
            layout = ws.ceremony.countries[country].layout
            pair = pair_for(facts, country, film_id, lang, second, look, layout)
        pieces: list[str] = []

        opening, lead_frames = self.cards(
            spec.opening_cards, film_id, lang, font, fmt, profile, second
        )
        pieces += opening
        for start, end in bounds:
            # the source, or this chunk's conformed range (read from its first frame)
            source, source_id = (None, ranges[start]) if conform else (src, src_hash)
            turn = 0 if conform else probe.turn  # conformed ranges are upright already
            read = SourceReading() if conform else reading  # and read as the master needs
            # tone-mapping (here or in the conform step) ends in BT.709 already
            to_bt709 = not probe.is_bt709 and not probe.transfer
            t0, t1 = Fraction(start) / fmt.fps, Fraction(end) / fmt.fps
            inside = cues_in(cues, t0, t1)
            ass = (
                build_ass(inside, style, fmt.width, fmt.height, offset=t0, runs=runs)
                if inside and not raster
                else None
            )
            overlays = (
                subtitle_overlays(
                    inside, style, facts.metrics[lang.code], lang.code, fmt.width, fmt.height,
                    fmt.fps, start, end,
                )
                if inside and raster
                else ()
            )  # fmt: skip
            fonts_dir, font_id = font.folder, self.font_id(lang.code)
            # a chunk with the first language's cues alone is the one-language chunk
            inside2 = cues_in(pair.second.cues, t0, t1) if pair is not None else []
            text_font = font
            if pair is not None and inside2:
                first = Track(inside, style, runs)
                if pair.drawn == "second":  # pictures above the first's ASS lines
                    size, frames_at = (fmt.width, fmt.height), range(start, end)
                    overlays = pair.overlays(first, inside2, size, fmt.fps, frames_at)
                    text_font = pair.font or font
                else:  # both in ASS, or the second's ASS above the first's pictures
                    ass = pair.ass(first, inside2, fmt.width, fmt.height, t0)
                fonts_dir, font_id = pair.fonts_dir, pair.font_id
            text = bool(ass or overlays)
            tag = (pair.code if pair and inside2 else lang.code) if text else "shared"
            # a chunk without cues depends on no language: every language shares it
            pieces.append(
                self.plan.add(
                    ChunkTask(
                        label=f"{film_id}: frames {start}-{end - 1} [{tag}]",
                        deps=(source_id,) if conform else (),
                        work=end - start,
                        fmt=fmt,
                        profile=profile,
                        frames=end - start,
                        source=source,
                        source_id=source_id,
                        start=start,
                        src_fps=fmt.fps if source is None else read_fps,
                        scaled=scaled,
                        ass=ass,
                        fonts_dir=fonts_dir if ass else None,
                        font_id=font_id if text else None,
                        to_bt709=to_bt709,
                        turn=turn,
                        source_first=start if conform else 0,
                        overlays=overlays,
                        text_font=text_font if overlays else None,
                        reading=read,
                    )
                )
            )
        closing, tail_frames = self.cards(
            spec.closing_cards, film_id, lang, font, fmt, profile, second
        )
        pieces += closing
        total = lead_frames + frames + tail_frames

        join = self.plan.add(
            JoinTask(
                label=f"{film_id} [{lang.code}]: join {len(pieces)} pieces",
                deps=tuple(pieces),
                work=0,
                fps=fmt.fps,
                frames=total,
                container=profile.container,
            )
        )
        rate = profile.audio_rate
        audio = self.plan.add(
            AudioTask(
                label=f"{film_id}: audio loudness (EBU R128)",
                deps=(),
                work=frames // 10,
                source=src,
                source_id=src_hash,
                has_audio=probe.has_audio,
                samples=samples_for(frames, fmt.fps, rate),
                rate=rate,
                channels=profile.audio_channels,
                loudnorm=LOUDNORM_TARGETS,
                offset_samples=round(probe.audio_offset * rate),
                audio_stream=probe.audio_stream,
            )
        )
        lead = samples_for(lead_frames, fmt.fps, rate)
        track = self.plan.add(
            SoundtrackTask(
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
                label=f"{film_id} [{lang.code}] {profile.name}",
                deps=(join, track),
                work=0,
                profile=profile,
                duration=Fraction(total) / fmt.fps,
            )
        )
        return final, Fraction(total) / fmt.fps

    def cue_cuts(
        self,
        film_id: str,
        fps: Fraction,
        frames: int,
        max_frames: int,
        keyframes: Sequence[int],
        step: int,
    ) -> list[tuple[int, int]]:
        """The film's chunks where every language's cues cost least (``cuts``), the
        same for every language: a range without a cue in some is shared by them."""
        at = (film_id, fps, frames, max_frames)
        if at not in self.cuts:
            probe = self.facts.films[film_id]
            scale = fps / probe.fps  # the shot list is at the source's rate
            shots = [round(s * scale) for s in self.facts.shots.get(film_id, ())]
            tracks = self.facts.cut_cues.get(film_id) or [
                c for (f, _), c in sorted(self.facts.subtitles.items()) if f == film_id
            ]
            self.cuts[at] = cue_bounds(
                frames,
                [cue_spans(c, fps, frames) for c in tracks],
                fps=fps,
                max_frames=max_frames,
                shots=shots,
                keyframes=keyframes,
                step=step,
            )
        return self.cuts[at]

    def conform_ranges(
        self,
        film_id: str,
        src: Path,
        src_hash: str,
        probe: VideoFacts,
        fps: Fraction,
        bounds: list[tuple[int, int]],
    ) -> dict[int, str]:
        """One ConformTask per chunk range (lossless, frame-exact on the fps grid);
        returns each range's first frame -> its key. Shared by every language."""
        # the fps filter puts the first frame on slot round(start * fps), halves away
        # from zero (AV_ROUND_NEAR_INF), counting from timestamp 0
        x = probe.video_start * fps
        offset = math.floor(x + Fraction(1, 2)) if x >= 0 else -math.floor(-x + Fraction(1, 2))
        lead = Fraction(1) + 2 * probe.longest_frame
        # deinterlaced one frame per frame before the fps filter; tone-mapped to SDR
        reading = SourceReading(probe.video_stream, probe.interlace, False, probe.transfer)
        out: dict[int, str] = {}
        for start, end in bounds:
            out[start] = self.plan.add(
                ConformTask(
                    label=f"{film_id}: conform frames {start}-{end - 1} to {fps} fps",
                    deps=(),
                    work=end - start,
                    source=src,
                    source_id=src_hash,
                    fps=fps,
                    frames=end - start,
                    start=start,
                    grid_offset=offset,
                    lead=lead,
                    video_start=probe.video_start,
                    turn=probe.turn,
                    reading=reading,
                )
            )
        return out

    def cards(
        self,
        slots: list[CardSpec],
        film_id: str,
        lang: Language,
        font: ResolvedFont,
        fmt: OutputFormat,
        profile: Profile,
        second: Language | None = None,
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
                blocks = layout(
                    lines,
                    ems,
                    metrics,
                    fmt.width,
                    fmt.height,
                    gap,
                    bold_first=True,
                    locale=lang.code,
                )
            except DoesNotFit as e:
                raise ConfigError(
                    f"card {slot.id!r} [{lang.code}] does not fit the title-safe area: {e}",
                    path=self.ws.cards_path(self.ws.film(film_id), lang.code),
                    hint="shorten the text or split it over the card's three lines",
                ) from None
            raster = drawn_by_harfbuzz(font, lang.name)
            overlays = (
                (card_overlay(blocks, font.line_factor, lang.code, fmt.width, fmt.height, frames),)
                if raster
                else ()
            )
            ass = (
                None
                if raster
                else card_ass(
                    blocks,
                    font.family,
                    fmt.width,
                    fmt.height,
                    Fraction(frames) / fmt.fps,
                    runs=self.facts.metrics[lang.code].ass_runs,
                )
            )
            fonts_dir, font_id, tag = font.folder, self.font_id(lang.code), lang.code
            if second is not None:  # both languages on the card (plan.bilingual)
                duration = Fraction(frames) / fmt.fps
                ass, fonts_dir, font_id = pair_card(
                    self.ws, self.facts, film_id, slot.id, lang, second, fmt, duration
                )
                tag = f"{lang.code}+{second.code}"
            deps: tuple[str, ...] = ()
            if slot.background_image is not None:
                image = self.ws.root / slot.background_image
                canvas = Canvas(
                    fmt.width, fmt.height, "black", cover=True, darken=CARD_BACKGROUND_DARKEN
                )
                deps = (self.photo(image, canvas, f"{film_id}: card {slot.id} background"),)
            keys.append(
                self.plan.add(
                    CardTask(
                        label=f"{film_id}: card {slot.id} [{tag}]",
                        deps=deps,
                        work=frames,
                        fmt=fmt,
                        profile=profile,
                        frames=frames,
                        ass=ass,
                        fonts_dir=fonts_dir,
                        font_id=font_id,
                        fade_frames=fade,
                        background=slot.background,
                        overlays=overlays,
                        text_font=font if overlays else None,
                    )
                )
            )
            total += frames
        return keys, total
