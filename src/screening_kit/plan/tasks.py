"""The render graph's data: tasks (pure data with a content key) and the plan.

A task's key is derived from its fields (plan.keys): every field is part of it but
``label`` and ``work``, and the fields marked ``NOT_KEYED`` (where to read an input,
whose content is in another field: ``source_id``, ``font_id``). A field that changes
the output can therefore not be left out of the key. Dependencies are keys themselves
(their content), and part of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

from ..captions import PhotoNote
from ..config import Language
from ..fonts import ResolvedFont
from ..formats.containers import CONTAINERS, INTERMEDIATE
from ..media import VideoFacts
from ..photos import Canvas, Window
from ..profiles import OutputFormat, Profile
from ..subtitles.model import Cue
from ..textfit import FontMetrics
from ..textraster import TextOverlay, text_key
from .keys import task_key

# ------------------------------------------------------------------ tasks

# a field that names where to read something whose content another field holds
NOT_KEYED = {"key": False}


def keyed_as(how: Callable[[Any], Any]) -> dict[str, Any]:
    """Field metadata: the part of the value that goes into the key (a profile's video
    settings for a video piece, its audio settings for a soundtrack)."""
    return {"key": how}


# pictures of text libass draws wrong: them and the renderer's version (textraster)
OVERLAYS_KEYED = keyed_as(text_key)


@dataclass(frozen=True)
class SourceReading:
    """How a master's picture is read before it is scaled (see ``masters``): which
    video stream, deinterlaced (``bwdif`` one frame per frame, or per field: 50i ->
    50p) and tone-mapped from HDR. The default reads an ordinary master."""

    video_stream: int = 0  # 0:v:N
    deinterlace: str | None = None  # "tff" / "bff"
    per_field: bool = False  # one output frame per field (double rate)
    tonemap: str | None = None  # "pq" / "hlg" -> SDR BT.709

    def key(self) -> dict[str, object]:
        """What differs from the default, for content keys: an ordinary master's keys
        stay what they were."""
        default = SourceReading()
        return {k: v for k, v in vars(self).items() if getattr(default, k) != v}


@dataclass(frozen=True)
class Task:
    label: str
    deps: tuple[str, ...]
    work: int  # frames this task encodes: the unit of progress
    # the content key, filled in by Plan.add from the other fields (plan.keys)
    key: str = field(default="", kw_only=True, metadata=NOT_KEYED)
    # the object's container (formats.containers): a class's own, or the profile's
    container_name: ClassVar[str] = INTERMEDIATE.name

    @property
    def ext(self) -> str:
        """The cache object's extension: its container's (one table, formats)."""
        return CONTAINERS[self.container_name].extension


@dataclass(frozen=True)
class ConformTask(Task):
    """Frames [start, start + frames) of a source whose rate differs from the profile's
    (or varies) at the constant rate ``fps``: one range per chunk, so a 90-minute
    master is conformed by many tasks in parallel, never by one long task.

    The ranges join into exactly what one ``fps`` filter over the whole source gives:
    the filter's output grid is in units of 1/fps from timestamp 0 (``-copyts``), where
    the source's first frame lands on slot ``grid_offset``."""

    source: Path = field(metadata=NOT_KEYED)
    source_id: str  # the source's sha256
    fps: Fraction
    frames: int
    turn: int = 0  # clockwise degrees to turn the frames (a `rotate` tag; see media)
    start: int = 0
    grid_offset: int = 0
    # seconds read before the range: the frame shown at its first slot may lie up to
    # the source's longest frame gap before it, and seeking in some containers lands late
    lead: Fraction = Fraction(1)
    video_start: Fraction = Fraction(0)  # the source's first timestamp (seeks are relative)
    reading: SourceReading = SourceReading()


@dataclass(frozen=True)
class AudioTask(Task):
    """The film's audio, EBU R128 two-pass loudness-normalised, sample-exact length."""

    container_name: ClassVar[str] = "flac"
    source: Path = field(metadata=NOT_KEYED)
    source_id: str | None  # the source's sha256; None: silence
    has_audio: bool
    samples: int
    rate: int
    channels: int
    # EBU R128 targets: integrated loudness (LUFS), true peak (dBTP), loudness range
    loudnorm: tuple[float, float, float]
    # samples of silence to put first (audio starts after the video), or to drop
    # (negative: audio starts before it), so sound stays in sync with the picture
    offset_samples: int = 0
    audio_stream: int = 0  # the master's film mix: 0:a:N (masters.choose_audio)


@dataclass(frozen=True)
class VideoPiece(Task):
    fmt: OutputFormat
    profile: Profile = field(metadata=keyed_as(Profile.video_settings))
    frames: int

    @property
    def ext(self) -> str:
        return CONTAINERS[self.profile.container].extension


@dataclass(frozen=True)
class ChunkTask(VideoPiece):
    """Frames [start, start+frames) of the film, scaled/padded, subtitles burned in."""

    source: Path | None = field(metadata=NOT_KEYED)  # None: the conform task's (deps[0])
    source_id: str  # the source's sha256, or the conform task's key
    start: int
    src_fps: Fraction
    scaled: tuple[int, int]
    ass: str | None
    fonts_dir: Path | None = field(metadata=NOT_KEYED)
    font_id: str | None  # the pinned font folder (fontpin) the ASS is drawn in
    # convert the source's colour matrix to BT.709 (only when it is not BT.709 already:
    # the conversion is a full pass over every pixel)
    to_bt709: bool = True
    turn: int = 0  # clockwise degrees to turn the frames (a `rotate` tag; see media)
    # the film frame the source's first frame is: a conformed range starts at its own
    source_first: int = 0
    reading: SourceReading = SourceReading()
    # text libass draws wrong, as pictures (textraster), drawn in ``text_font``
    overlays: tuple[TextOverlay, ...] = field(default=(), metadata=OVERLAYS_KEYED)
    text_font: ResolvedFont | None = field(default=None, metadata=NOT_KEYED)  # font_id keys it


@dataclass(frozen=True)
class CardTask(VideoPiece):
    """Card text by libass over a colour, or over a prepared background (deps[0])."""

    ass: str | None  # None: the text is in ``overlays``
    fonts_dir: Path = field(metadata=NOT_KEYED)
    font_id: str | None
    fade_frames: int
    background: str  # colour when there is no background image
    overlays: tuple[TextOverlay, ...] = field(default=(), metadata=OVERLAYS_KEYED)
    text_font: ResolvedFont | None = field(default=None, metadata=NOT_KEYED)  # font_id keys it


@dataclass(frozen=True)
class JoinTask(Task):
    """Video pieces joined by stream copy (concat demuxer)."""

    fps: Fraction
    frames: int
    container: str  # the pieces' (their profile's), formats.containers

    @property
    def ext(self) -> str:
        return CONTAINERS[self.container].extension


@dataclass(frozen=True)
class SoundtrackTask(Task):
    """Film audio placed after the opening cards, silence elsewhere, encoded once."""

    container_name: ClassVar[str] = "mka"  # Matroska holds AAC and PCM alike
    lead_samples: int
    total_samples: int
    profile: Profile = field(metadata=keyed_as(Profile.audio_settings))
    fade: Fraction = Fraction(0)  # seconds faded in at the start and out at the end


@dataclass(frozen=True)
class MuxTask(Task):
    """Joined video + soundtrack -> the final file (moov atom first)."""

    profile: Profile = field(metadata=keyed_as(lambda p: p.container))
    duration: Fraction

    @property
    def ext(self) -> str:
        return CONTAINERS[self.profile.container].extension


@dataclass(frozen=True)
class PhotoTask(Task):
    """One photo prepared once (photos.prepare_photo): upright RGB on its canvas."""

    container_name: ClassVar[str] = "png"
    source: Path = field(metadata=NOT_KEYED)
    source_id: str
    canvas: Canvas


@dataclass(frozen=True)
class SlideClip:
    """Frames [first, first + count) of one photo's motion, which runs over ``frames``."""

    photo: int  # index into the piece's deps (its distinct prepared photos)
    first: int
    count: int
    frames: int
    start: Window  # the part of the canvas shown at the first and last frame
    end: Window


@dataclass(frozen=True)
class SlideshowTask(VideoPiece):
    """A piece of a slideshow cycle (video only): a run of photos crossfaded into one
    another. The pieces of a cycle are joined by stream copy; the cycle opens with the
    crossfade from the last photo into the first, so played again it has no seam."""

    canvas: tuple[int, int]  # size of the prepared photos (room for the zoom)
    clips: tuple[SlideClip, ...]  # joined by crossfades of ``xfade_frames``
    xfade_frames: int
    ass: str | None  # captions, timed from the start of this piece
    fonts_dir: Path | None = field(metadata=NOT_KEYED)
    font_id: str | None
    overlays: tuple[TextOverlay, ...] = field(default=(), metadata=OVERLAYS_KEYED)
    text_font: ResolvedFont | None = field(default=None, metadata=NOT_KEYED)


@dataclass(frozen=True)
class LoopTask(Task):
    """A slideshow cycle repeated by stream copy into one long file (no re-encode)."""

    repeats: int
    frames: int
    container: str

    @property
    def ext(self) -> str:
        return CONTAINERS[self.container].extension


@dataclass(frozen=True)
class PlayAllTask(Task):
    """A country's running order in one file by stream copy, in parts under ``limit``
    bytes cut between items (package.playall). The object is the parts' index; part
    ``n`` is the object ``key + f"{n:03d}"``, so what keeps this key keeps its parts."""

    container_name: ClassVar[str] = "ffconcat"
    country: str = field(metadata=NOT_KEYED)  # for messages
    # what is played, in order (titles and positions change nothing in the file)
    items: tuple[PackageItem, ...] = field(
        metadata=keyed_as(lambda items: [(i.key, i.repeat) for i in items])
    )
    limit: int | None


@dataclass(frozen=True)
class SplitTask(Task):
    """One delivery file cut at keyframes into parts under ``limit`` bytes, by stream
    copy (package.split); none when it is under the limit already. Parts are named as
    for PlayAllTask."""

    container_name: ClassVar[str] = "ffconcat"
    limit: int


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
    # lang -> id of the font folder pinned in the cache (fontpin): renders use its files
    font_ids: Mapping[str, str] = field(default_factory=dict)
    # film id -> the first frame of every shot after the first, at the film's own rate
    shots: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # film id -> the cues of every language the workspace shows it in (its chunks are
    # cut by them all: a build of some countries cuts as a build of all does)
    cut_cues: Mapping[str, tuple[list[Cue], ...]] = field(default_factory=dict)
    # "kk+ru" -> a bilingual country's pinned folder of both fonts and its id (fontpair)
    pair_fonts: Mapping[str, tuple[Path, str]] = field(default_factory=dict)


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
    # a slideshow's caption language (its file name carries none), for labels
    captions: str | None = None
    second: str | None = None  # a bilingual film's second subtitle language


@dataclass(frozen=True)
class CountryPlan:
    code: str
    name: str
    language: Language
    profile: Profile
    playlist: str
    items: tuple[PackageItem, ...]
    play_all: str | None = None  # its PlayAllTask, when play-all is asked for
    splits: Mapping[str, str] = field(default_factory=dict)  # item key -> its SplitTask
    second: Language | None = None  # a bilingual country's second language


@dataclass
class Plan:
    tasks: dict[str, Task] = field(default_factory=dict)  # in dependency order
    countries: list[CountryPlan] = field(default_factory=list)
    tool: str = ""  # the ffmpeg version, part of every key

    def add(self, task: Task) -> str:
        """Add ``task`` (its key derived from its fields) unless an identical one is in."""
        task = replace(task, key=task_key(task, self.tool))
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
