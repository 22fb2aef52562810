"""The pure planner: workspace + probed facts -> a graph of render tasks.

Nothing here runs ffmpeg or reads media. Every task carries a content key: the
hash of exactly what determines its output bytes. Identical tasks (two countries
sharing a language and profile; film chunks with no cues, shared by every
language) therefore collapse into one node of the graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import ClassVar

from .cache import content_key
from .config import CardSpec, Language, Workspace
from .fonts import ResolvedFont
from .media import VideoFacts
from .profiles import OutputFormat, Profile, fit_inside, output_format
from .subtitles.ass import AssStyle, build_ass, card_ass
from .subtitles.model import Cue

LOUDNORM = {"I": -23.0, "TP": -1.0, "LRA": 11.0}
SLIDESHOW_FPS = Fraction(25)


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


@dataclass(frozen=True)
class CardTask(VideoPiece):
    ass: str
    fonts_dir: Path
    fade_frames: int


@dataclass(frozen=True)
class JoinTask(Task):
    """Video pieces joined by stream copy (concat demuxer)."""

    fps: Fraction
    frames: int


@dataclass(frozen=True)
class SoundtrackTask(Task):
    """Film audio placed after the opening cards, silence elsewhere, encoded once."""

    ext: ClassVar[str] = ".m4a"
    lead_samples: int
    total_samples: int
    profile: Profile


@dataclass(frozen=True)
class MuxTask(Task):
    """Joined video + soundtrack -> the final file (moov atom first)."""

    profile: Profile
    duration: Fraction


@dataclass(frozen=True)
class SlideshowTask(VideoPiece):
    photos: tuple[Path, ...]
    seconds_per_photo: Fraction
    crossfade: Fraction


# ------------------------------------------------------------------ what the planner needs


@dataclass(frozen=True)
class Facts:
    """Everything the planner needs that comes from disk, gathered by the caller."""

    films: Mapping[str, VideoFacts]  # film id -> probe
    file_hashes: Mapping[Path, str]  # every input file -> sha256
    subtitles: Mapping[tuple[str, str], list[Cue]]  # (film id, lang) -> cues
    fonts: Mapping[str, ResolvedFont]  # lang -> font
    photos: Mapping[str, tuple[Path, ...]]  # slideshow id -> photo files, in order


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


def chunk_bounds(frames: int, chunk_frames: int) -> list[tuple[int, int]]:
    """[start, end) ranges of about ``chunk_frames``; a short tail joins the last chunk."""
    bounds = []
    start = 0
    while start < frames:
        end = min(frames, start + chunk_frames)
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
        fmt = output_format(profile, probe.width, probe.height, probe.sar, probe.fps)
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
        style = AssStyle(font=font.family)
        cues = facts.subtitles[(film_id, lang.code)]
        chunk_frames = max(1, round(ws.ceremony.chunk_seconds * fmt.fps))
        pieces: list[str] = []

        opening, lead_frames = self.cards(spec.opening_cards, film_id, lang, font, fmt, profile)
        pieces += opening
        for start, end in chunk_bounds(frames, chunk_frames):
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
                ),
                label=f"{film_id}: audio loudness (EBU R128)",
                deps=(),
                work=frames // 10,
                source=src,
                has_audio=probe.has_audio,
                samples=samples_for(frames, fmt.fps, rate),
                rate=rate,
                channels=profile.audio_channels,
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
            ass = card_ass(
                texts[slot.id].lines,
                font.family,
                fmt.width,
                fmt.height,
                Fraction(frames) / fmt.fps,
            )
            key = self.key(
                "card",
                ass=ass,
                font=self.facts.file_hashes.get(font.path),
                frames=frames,
                fade=fade,
                fmt=fmt.as_dict(),
                video=profile.video_settings(),
            )
            keys.append(
                self.plan.add(
                    CardTask(
                        key=key,
                        label=f"{film_id}: card {slot.id} [{lang.code}]",
                        deps=(),
                        work=frames,
                        fmt=fmt,
                        profile=profile,
                        frames=frames,
                        ass=ass,
                        fonts_dir=font.folder,
                        fade_frames=fade,
                    )
                )
            )
            total += frames
        return keys, total

    def slideshow(self, show_id: str, profile: Profile) -> tuple[str, Fraction]:
        spec = self.ws.slideshow(show_id)
        photos = self.facts.photos[show_id]
        fmt = output_format(
            profile, profile.max_width, profile.max_height, Fraction(1), SLIDESHOW_FPS
        )
        per = Fraction(spec.seconds_per_photo).limit_denominator(1000)
        xf = Fraction(spec.crossfade).limit_denominator(1000)
        n = len(photos)
        frames = round((per * n - xf * (n - 1)) * fmt.fps)
        key = self.key(
            "slideshow",
            photos=[self.facts.file_hashes[p] for p in photos],
            per=str(per),
            xf=str(xf),
            fmt=fmt.as_dict(),
            video=profile.video_settings(),
            audio=profile.audio_settings(),
            container=profile.container,
        )
        self.plan.add(
            SlideshowTask(
                key=key,
                label=f"slideshow {show_id} ({n} photos) {profile.name}",
                deps=(),
                work=frames,
                fmt=fmt,
                profile=profile,
                frames=frames,
                photos=photos,
                seconds_per_photo=per,
                crossfade=xf,
            )
        )
        return key, Fraction(frames) / fmt.fps

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
                key, dur = self.slideshow(item.slideshow, profile)
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
                        None,
                        self.facts.photos[item.slideshow],
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
