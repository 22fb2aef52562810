"""The render graph's data: tasks (pure data with a content key) and the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import ClassVar

from ..captions import PhotoNote
from ..config import Language
from ..fonts import ResolvedFont
from ..media import VideoFacts
from ..photos import Canvas, Window
from ..profiles import OutputFormat, Profile
from ..subtitles.model import Cue
from ..textfit import FontMetrics

# ------------------------------------------------------------------ tasks


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
    key: str
    label: str
    deps: tuple[str, ...]
    work: int  # frames this task encodes: the unit of progress
    ext: ClassVar[str] = ".mp4"


@dataclass(frozen=True)
class ConformTask(Task):
    """Frames [start, start + frames) of a source whose rate differs from the profile's
    (or varies) at the constant rate ``fps``: one range per chunk, so a 90-minute
    master is conformed by many tasks in parallel, never by one long task.

    The ranges join into exactly what one ``fps`` filter over the whole source gives:
    the filter's output grid is in units of 1/fps from timestamp 0 (``-copyts``), where
    the source's first frame lands on slot ``grid_offset``."""

    source: Path
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

    ext: ClassVar[str] = ".flac"
    source: Path
    has_audio: bool
    samples: int
    rate: int
    channels: int
    # samples of silence to put first (audio starts after the video), or to drop
    # (negative: audio starts before it), so sound stays in sync with the picture
    offset_samples: int = 0
    audio_stream: int = 0  # the master's film mix: 0:a:N (masters.choose_audio)


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
    turn: int = 0  # clockwise degrees to turn the frames (a `rotate` tag; see media)
    # the film frame the source's first frame is: a conformed range starts at its own
    source_first: int = 0
    reading: SourceReading = SourceReading()


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
    fade: Fraction = Fraction(0)  # seconds faded in at the start and out at the end


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
    fonts_dir: Path | None


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
    # lang -> id of the font folder pinned in the cache (fontpin): renders use its files
    font_ids: Mapping[str, str] = field(default_factory=dict)


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
