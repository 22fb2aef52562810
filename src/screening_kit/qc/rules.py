"""The subtitle rules over one track's cues, one function per rule family."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..fonts import ResolvedFont, missing_glyphs
from ..languages import ScriptRules
from ..subtitles.ass import TITLE_SAFE, AssStyle
from ..subtitles.markup import visible_text
from ..subtitles.model import Cue
from ..textfit import FontMetrics
from .findings import Finding, Number, Severity, as_number, as_seconds
from .registry import MAX_DURATION, MAX_LINES, MIN_DURATION, MIN_GAP_FRAMES

# a line's width on screen, in em of the subtitle font, that libass can still draw
# inside the title-safe box: the box (less the 1% inner margin each side, ass.build_ass)
# on a 16:9 frame, over the style's em as a share of the frame height
MAX_LINE_EM = (1 - 2 * (TITLE_SAFE + 0.01)) * 16 / 9 / AssStyle.em


def char_weight(ch: str, half_width_counts_half: bool) -> float:
    """Combining marks and invisible format characters do not count (Thai tone marks,
    Indic vowel signs above and below, Arabic harakat); CJK counts half-width
    (narrow) characters as half a character."""
    if ch.isascii():
        return 0.5 if half_width_counts_half else 1.0
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if half_width_counts_half and unicodedata.east_asian_width(ch) in ("Na", "H"):
        return 0.5
    return 1.0


@functools.cache
def _weight(ch: str) -> float:
    return char_weight(ch, False)


@functools.cache
def _weight_half(ch: str) -> float:
    return char_weight(ch, True)


def line_length(line: str, rules: ScriptRules) -> float:
    """The sum of ``char_weight`` over the line (weights memoised per character: this
    runs on every line of every file, 60,000 cues in the check benchmark)."""
    half = rules.half_width_counts_half
    if line.isascii():
        return len(line) * (0.5 if half else 1.0)
    return float(sum(map(_weight_half if half else _weight, line)))


@dataclass
class TrackFindings:
    """Collects one track's findings with the file, film and language they belong to."""

    path: Path
    film: str | None
    language: str | None
    out: list[Finding] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        rule: str,
        cue: Cue,
        message: str,
        value: Number | str | None,
        limit: Number | str | None,
        unit: str = "",
    ) -> None:
        self.out.append(
            Finding(
                severity,
                rule,
                self.path,
                message,
                cue.index,
                cue.line or None,
                cue.start_ms,
                cue.end_ms,
                value,
                limit,
                unit,
                self.film,
                self.language,
            )
        )


def check_cues(
    cues: Sequence[Cue],
    rules: ScriptRules,
    *,
    path: Path,
    fps: Fraction,
    film_duration: Fraction,
    font: ResolvedFont | None = None,
    film: str | None = None,
    language: str | None = None,
    metrics: FontMetrics | None = None,
    max_line_em: float = MAX_LINE_EM,
) -> list[Finding]:
    """Timing, layout, reading speed and glyph rules over one track's cues.

    With ``metrics`` (the resolved font's), a run of text without spaces wider than
    the title-safe box is an error: libass breaks lines at spaces only."""
    found = TrackFindings(path, film, language)
    shown_texts = [visible_text(c.text) for c in cues]
    _check_neighbours(found, cues, fps)
    film_ms = film_duration * 1000
    for cue, shown in zip(cues, shown_texts, strict=True):
        _check_duration(found, cue, film_ms)
        _check_layout(found, cue, shown, rules)
        if metrics is not None:
            _check_unbreakable(found, cue, shown, metrics, max_line_em)
    if font is not None:
        _check_glyphs(found, cues, shown_texts, font)
    return found.out


def _check_neighbours(found: TrackFindings, cues: Sequence[Cue], fps: Fraction) -> None:
    """Overlaps and short gaps, in order of start time."""
    min_gap_ms = Fraction(MIN_GAP_FRAMES * 1000) / fps
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.index))
    last: Cue | None = None  # the cue that ends latest so far
    for cue in ordered:
        if last is not None:
            if cue.start_ms < last.end_ms:
                found.add(
                    "error",
                    "overlap",
                    cue,
                    f"starts {last.end_ms - cue.start_ms} ms before cue {last.index} ends",
                    last.end_ms - cue.start_ms,
                    0,
                    "ms",
                )
            elif cue.start_ms - last.end_ms < min_gap_ms:
                found.add(
                    "warning",
                    "gap-short",
                    cue,
                    f"{cue.start_ms - last.end_ms} ms after cue {last.index}; at least "
                    f"{MIN_GAP_FRAMES} frames at {as_number(float(fps))} fps",
                    cue.start_ms - last.end_ms,
                    as_number(float(min_gap_ms)),
                    "ms",
                )
        if last is None or cue.end_ms > last.end_ms:
            last = cue


_MIN_MS = math.ceil(MIN_DURATION * 1000)  # d < 833.3 ms  <=>  d < 834 for whole ms
_MAX_MS = math.floor(MAX_DURATION * 1000)


@functools.cache
def _bounds(film_ms: Fraction) -> tuple[int, int]:
    return math.ceil(film_ms), math.floor(film_ms)


def _check_duration(found: TrackFindings, cue: Cue, film_ms: Fraction) -> None:
    """A cue's own length, and its place inside the film."""
    # whole milliseconds against whole-millisecond bounds: no Fraction work per cue
    duration = cue.end_ms - cue.start_ms
    film_ceil, film_floor = _bounds(film_ms)
    if duration <= 0:
        found.add(
            "error",
            "duration-nonpositive",
            cue,
            "ends at or before its start",
            as_seconds(duration),
            0,
            "s",
        )
    elif duration < _MIN_MS:
        found.add(
            "warning",
            "duration-short",
            cue,
            "on screen too briefly to read",
            as_seconds(duration),
            as_number(float(MIN_DURATION), 3),
            "s",
        )
    elif duration > _MAX_MS:
        found.add(
            "warning",
            "duration-long",
            cue,
            "stays on screen too long",
            as_seconds(duration),
            as_number(float(MAX_DURATION)),
            "s",
        )
    if cue.start_ms >= film_ceil:
        found.add(
            "error",
            "past-film-end",
            cue,
            f"starts after the film ends ({as_seconds(film_ms)} s)",
            as_seconds(cue.start_ms),
            as_seconds(film_ms),
            "s",
        )
    elif cue.end_ms > film_floor:
        found.add(
            "error",
            "past-film-end",
            cue,
            f"ends after the film ends ({as_seconds(film_ms)} s)",
            as_seconds(cue.end_ms),
            as_seconds(film_ms),
            "s",
        )


def _check_layout(found: TrackFindings, cue: Cue, shown: str, rules: ScriptRules) -> None:
    """Lines per cue, characters per line and reading speed."""
    lines = [ln for ln in shown.split("\n") if ln.strip()]
    if len(lines) > MAX_LINES:
        found.add(
            "error",
            "lines-per-cue",
            cue,
            f"{len(lines)} lines; at most {MAX_LINES}",
            len(lines),
            MAX_LINES,
            "lines",
        )
    lengths = [line_length(ln, rules) for ln in lines]
    if lengths and max(lengths) > rules.max_chars_per_line:
        worst = lengths.index(max(lengths))
        found.add(
            "error",
            "chars-per-line",
            cue,
            f"line {worst + 1}: {lines[worst][:30]!r}",
            as_number(max(lengths)),
            rules.max_chars_per_line,
            "chars",
        )
    duration = cue.end_ms - cue.start_ms
    if duration > 0:
        count = sum(lengths)
        cps = count * 1000 / duration
        level: Severity | None = (
            "error" if cps > rules.cps_error else "warning" if cps > rules.cps_warn else None
        )
        if level is not None:
            found.add(
                level,
                "reading-speed",
                cue,
                f"{as_number(count)} characters in {as_seconds(duration)} s",
                as_number(cps),
                as_number(rules.cps_error if level == "error" else rules.cps_warn),
                "chars/s",
            )


def _check_unbreakable(
    found: TrackFindings, cue: Cue, shown: str, metrics: FontMetrics, max_em: float
) -> None:
    """A run without spaces that libass would draw past the title-safe box (it wraps at
    spaces only: Thai, Chinese, Japanese, Tibetan, Ethiopic with ፡ do not wrap)."""
    for n, line in enumerate(shown.split("\n"), 1):
        for run in line.split(" "):
            if len(run) <= max_em / 1.3:  # no glyph is 1.3 em wide: cannot reach max_em
                continue
            em = metrics.width(run, 1.0)
            if em > max_em:
                found.add(
                    "error",
                    "manual-break",
                    cue,
                    f"line {n}: {run[:20]!r}... is {em / max_em:.0%} of the screen's "
                    "width without a space, and libass breaks lines only at spaces; "
                    "break it by hand (a new line in the file) or shorten it",
                    as_number(em),
                    as_number(max_em),
                    "em",
                )
                return


def _check_glyphs(
    found: TrackFindings, cues: Sequence[Cue], shown_texts: Sequence[str], font: ResolvedFont
) -> None:
    # one cmap lookup per distinct character of the file, not per cue
    absent = set(missing_glyphs(font, "".join(shown_texts)))
    if not absent:
        return
    for cue, shown in zip(cues, shown_texts, strict=True):
        if absent.isdisjoint(shown):
            continue
        for ch in missing_glyphs(font, shown):
            found.add(
                "error",
                "missing-glyph",
                cue,
                f"character {ch!r} (U+{ord(ch):04X}) is not in font {font.family} "
                f"({font.path.name})",
                f"U+{ord(ch):04X} {ch}",
                font.family,
            )


def check_card_glyphs(
    path: Path,
    card_id: str,
    lines: Iterable[str],
    font: ResolvedFont,
    *,
    film: str | None = None,
    language: str | None = None,
) -> list[Finding]:
    return [
        Finding(
            "error",
            "missing-glyph",
            path,
            f"card {card_id!r}: character {ch!r} (U+{ord(ch):04X}) is not in font "
            f"{font.family} ({font.path.name})",
            value=f"U+{ord(ch):04X} {ch}",
            limit=font.family,
            film=film,
            language=language,
        )
        for ch in missing_glyphs(font, "\n".join(lines))
    ]


# ---------------------------------------------------------------- the workspace
