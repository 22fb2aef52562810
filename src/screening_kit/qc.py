"""Subtitle QC: every rule in DESIGN.md ("Subtitle QC"), run before anything is encoded.

``check_workspace`` reads every subtitle file and title-card text a workspace's
countries need and returns ``Finding`` objects (errors and warnings). The CLI's
``check`` command prints them as a table or JSON; ``build`` runs the same checks
first and stops on errors (``--force`` builds anyway and records them in
``package.json``).

Rules (ids as they appear in the table):

========================  ========  =============================================
rule                      severity  what
========================  ========  =============================================
missing-subtitles         error     a country needs this film in a language that
                                    has no subtitle file
encoding                  error     the bytes do not decode, or decode to the
                                    wrong script for the language
unreadable                error     the file cannot be parsed as SRT/WebVTT
font                      error     no installed font for the language
overlap                   error     a cue starts before an earlier one ends
duration-nonpositive      error     end time at or before start time
past-film-end             error     a cue starts or ends after the film's end
duration-short            warning   shorter than 5/6 s
duration-long             warning   longer than 7 s
gap-short                 warning   less than 2 frames between cues (film fps)
lines-per-cue             error     more than 2 lines
chars-per-line            error     a line longer than the script's limit
                                    (Korean/Japanese: half-width counts 0.5)
reading-speed             warning / above the script's lower / upper limit
                          error     (characters per second, spaces and
                                    punctuation count, line breaks do not)
missing-glyph             error     the resolved font has no glyph for a
                                    character (cues and title cards)
line-endings, final-blank-line, blank-line-in-cue, index-sequence,
timestamp-separator, markup-dropped     warning   irregularities read as meant
========================  ========  =============================================
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from .config import FilmSpec, Language, Workspace, load_workspace
from .errors import FontError, ScreeningKitError, SubtitleError
from .fonts import ResolvedFont, missing_glyphs, resolve_font
from .languages import ScriptRules
from .media import probe_video
from .subtitles.markup import visible_text
from .subtitles.model import Cue, SubtitleTrack
from .subtitles.reader import SubtitleEncodingError, read_subtitles

Severity = Literal["error", "warning"]
Number = int | float

MAX_LINES = 2
MIN_DURATION = Fraction(5, 6)  # seconds
MAX_DURATION = Fraction(7)
MIN_GAP_FRAMES = 2


@dataclass(frozen=True)
class Finding:
    """One problem: where (file, line, cue, time), which rule, what value, what limit."""

    severity: Severity
    rule: str
    path: Path
    message: str
    cue: int | None = None
    line: int | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    value: Number | str | None = None
    limit: Number | str | None = None
    unit: str = ""
    film: str | None = None
    language: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self, root: Path | None = None) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "file": _rel(self.path, root),
            "line": self.line,
            "cue": self.cue,
            "start": _clock(self.start_ms) if self.start_ms is not None else None,
            "end": _clock(self.end_ms) if self.end_ms is not None else None,
            "value": self.value,
            "limit": self.limit,
            "unit": self.unit,
            "message": self.message,
            "film": self.film,
            "language": self.language,
        }


@dataclass
class QcReport:
    """Everything ``check_workspace`` found, plus what it read (for the build to reuse)."""

    root: Path
    findings: list[Finding] = field(default_factory=list)
    tracks: dict[tuple[str, str], SubtitleTrack] = field(default_factory=dict)
    fonts: dict[str, ResolvedFont] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def for_language(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.language in (code, None)]

    def to_dict(self, findings: Sequence[Finding] | None = None) -> dict[str, Any]:
        chosen = self.findings if findings is None else list(findings)
        return {
            "workspace": str(self.root),
            "errors": sum(1 for f in chosen if f.is_error),
            "warnings": sum(1 for f in chosen if not f.is_error),
            "findings": [f.to_dict(self.root) for f in chosen],
        }


class SubtitleQcError(ScreeningKitError):
    """Subtitle checks found errors; nothing was encoded. ``str()`` holds the table."""

    def __init__(self, report: QcReport) -> None:
        n = len(report.errors)
        super().__init__(
            f"subtitle checks found {n} error{'s' if n != 1 else ''}; nothing was encoded\n"
            + render_table(report.findings, report.root),
            hint="fix the files and run `screening-kit check`, or build with --force "
            "(the findings are then recorded in package.json)",
        )
        self.report = report


# ---------------------------------------------------------------- counting


def char_weight(ch: str, half_width_counts_half: bool) -> float:
    """Korean/Japanese count half-width (narrow) characters as half a character."""
    if half_width_counts_half and unicodedata.east_asian_width(ch) in ("Na", "H"):
        return 0.5
    return 1.0


def line_length(line: str, rules: ScriptRules) -> float:
    return sum(char_weight(c, rules.half_width_counts_half) for c in line)


def _num(x: float, digits: int = 2) -> Number:
    """Rounded, and an int when whole (so 17.0 prints as 17)."""
    r = round(x, digits)
    return int(r) if r == int(r) else r


def _seconds(ms: int | Fraction) -> Number:
    """Milliseconds as seconds, to the millisecond."""
    return _num(float(Fraction(ms) / 1000), 3)


# ---------------------------------------------------------------- the rules


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
) -> list[Finding]:
    """Timing, layout, reading speed and glyph rules over one track's cues."""
    out: list[Finding] = []

    def add(
        severity: Severity,
        rule: str,
        cue: Cue,
        message: str,
        value: Number | str | None,
        limit: Number | str | None,
        unit: str = "",
    ) -> None:
        out.append(
            Finding(
                severity,
                rule,
                path,
                message,
                cue.index,
                cue.line or None,
                cue.start_ms,
                cue.end_ms,
                value,
                limit,
                unit,
                film,
                language,
            )
        )

    film_ms = film_duration * 1000
    shown_texts = [visible_text(c.text) for c in cues]
    # one cmap lookup per distinct character of the file, not per cue
    absent = set(missing_glyphs(font, "".join(shown_texts))) if font is not None else set()
    min_gap_ms = Fraction(MIN_GAP_FRAMES * 1000) / fps
    # timing against neighbours, in order of start time
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.index))
    last: Cue | None = None  # the cue that ends latest so far
    for cue in ordered:
        if last is not None:
            if cue.start_ms < last.end_ms:
                add(
                    "error",
                    "overlap",
                    cue,
                    f"starts {last.end_ms - cue.start_ms} ms before cue {last.index} ends",
                    last.end_ms - cue.start_ms,
                    0,
                    "ms",
                )
            elif cue.start_ms - last.end_ms < min_gap_ms:
                add(
                    "warning",
                    "gap-short",
                    cue,
                    f"{cue.start_ms - last.end_ms} ms after cue {last.index}; at least "
                    f"{MIN_GAP_FRAMES} frames at {_num(float(fps))} fps",
                    cue.start_ms - last.end_ms,
                    _num(float(min_gap_ms)),
                    "ms",
                )
        if last is None or cue.end_ms > last.end_ms:
            last = cue

    for cue, shown in zip(cues, shown_texts, strict=True):
        duration = cue.end_ms - cue.start_ms
        if duration <= 0:
            add(
                "error",
                "duration-nonpositive",
                cue,
                "ends at or before its start",
                _seconds(duration),
                0,
                "s",
            )
        elif duration < MIN_DURATION * 1000:
            add(
                "warning",
                "duration-short",
                cue,
                "on screen too briefly to read",
                _seconds(duration),
                _num(float(MIN_DURATION), 3),
                "s",
            )
        elif duration > MAX_DURATION * 1000:
            add(
                "warning",
                "duration-long",
                cue,
                "stays on screen too long",
                _seconds(duration),
                _num(float(MAX_DURATION)),
                "s",
            )
        if cue.start_ms >= film_ms:
            add(
                "error",
                "past-film-end",
                cue,
                f"starts after the film ends ({_seconds(film_ms)} s)",
                _seconds(cue.start_ms),
                _seconds(film_ms),
                "s",
            )
        elif cue.end_ms > film_ms:
            add(
                "error",
                "past-film-end",
                cue,
                f"ends after the film ends ({_seconds(film_ms)} s)",
                _seconds(cue.end_ms),
                _seconds(film_ms),
                "s",
            )

        lines = [ln for ln in shown.split("\n") if ln.strip()]
        if len(lines) > MAX_LINES:
            add(
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
            add(
                "error",
                "chars-per-line",
                cue,
                f"line {worst + 1}: {lines[worst][:30]!r}",
                _num(max(lengths)),
                rules.max_chars_per_line,
                "chars",
            )
        if duration > 0:
            count = sum(lengths)
            cps = count * 1000 / duration
            level: Severity | None = (
                "error" if cps > rules.cps_error else "warning" if cps > rules.cps_warn else None
            )
            if level is not None:
                add(
                    level,
                    "reading-speed",
                    cue,
                    f"{_num(count)} characters in {_seconds(duration)} s",
                    _num(cps),
                    _num(rules.cps_error if level == "error" else rules.cps_warn),
                    "chars/s",
                )
        if font is not None and absent and not absent.isdisjoint(shown):
            for ch in missing_glyphs(font, shown):
                add(
                    "error",
                    "missing-glyph",
                    cue,
                    f"character {ch!r} (U+{ord(ch):04X}) is not in font {font.family} "
                    f"({font.path.name})",
                    f"U+{ord(ch):04X} {ch}",
                    font.family,
                )
    return out


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


def read_workspace_track(ws: Workspace, film: FilmSpec, lang: Language) -> SubtitleTrack:
    """Read one film's subtitles in one language with the language's script and the
    encoding stated in ceremony.yaml (``languages.<code>.subtitle_encoding``), if any."""
    spec = ws.ceremony.languages.get(lang.code)
    encoding = spec.subtitle_encoding if spec is not None else None
    return read_subtitles(
        ws.subtitle_path(film, lang.code), encoding, script=lang.script, language=lang.code
    )


def needed_subtitles(ws: Workspace, countries: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """(film id, language) -> the countries whose running order needs it."""
    needed: dict[tuple[str, str], list[str]] = {}
    for code in countries:
        _, playlist = ws.playlist_for(code)
        lang = ws.ceremony.countries[code].language
        for item in playlist.items:
            if item.film is not None:
                users = needed.setdefault((item.film, lang), [])
                if code not in users:
                    users.append(code)
    return dict(sorted(needed.items()))


def check_workspace(
    workspace: Path | str | Workspace, *, countries: Sequence[str] | None = None
) -> QcReport:
    """Run every subtitle check over what ``countries`` (default: all) need.

    Encodes nothing. A malformed workspace (ceremony.yaml, a film that does not
    decode) raises ``ScreeningKitError`` as usual; problems in subtitle files and
    card texts are returned as findings.
    """
    ws = (
        workspace
        if isinstance(workspace, Workspace)
        else load_workspace(workspace, require_subtitles=False)
    )
    report = QcReport(ws.root)
    codes = list(countries) if countries is not None else list(ws.ceremony.countries)
    films: dict[str, tuple[Fraction, Fraction]] = {}  # film id -> (fps, duration)
    font_failed: set[str] = set()
    for (film_id, code), users in needed_subtitles(ws, codes).items():
        film = ws.film(film_id)
        lang = ws.languages[code]
        if code not in report.fonts and code not in font_failed:
            try:
                report.fonts[code] = resolve_font(lang)
            except FontError as e:
                font_failed.add(code)
                report.findings.append(
                    Finding(
                        "error",
                        "font",
                        ws.config_path,
                        e.message,
                        value=lang.font_family or ", ".join(lang.rules.fonts),
                        language=code,
                    )
                )
        font = report.fonts.get(code)
        path = ws.subtitle_path(film, code)
        if not path.is_file():
            report.findings.append(
                Finding(
                    "error",
                    "missing-subtitles",
                    path,
                    f"no subtitle file for film {film_id!r} in {lang.name}; "
                    f"needed by {', '.join(users)}",
                    value=code,
                    film=film_id,
                    language=code,
                )
            )
        else:
            if film_id not in films:
                facts = probe_video(ws.root / film.source)
                films[film_id] = (facts.fps, facts.duration)
            fps, duration = films[film_id]
            try:
                track = read_workspace_track(ws, film, lang)
            except SubtitleError as e:
                rule = "encoding" if isinstance(e, SubtitleEncodingError) else "unreadable"
                report.findings.append(
                    Finding(
                        "error",
                        rule,
                        path,
                        e.message + (f" ({e.hint})" if e.hint else ""),
                        cue=e.cue,
                        line=e.line,
                        film=film_id,
                        language=code,
                    )
                )
            else:
                report.tracks[(film_id, code)] = track
                for n in track.notices:
                    report.findings.append(
                        Finding(
                            "warning",
                            n.rule,
                            path,
                            n.message,
                            cue=n.cue or None,
                            line=n.line,
                            value=n.value or None,
                            film=film_id,
                            language=code,
                        )
                    )
                report.findings.extend(
                    check_cues(
                        track.cues,
                        lang.rules,
                        path=path,
                        fps=fps,
                        film_duration=duration,
                        font=font,
                        film=film_id,
                        language=code,
                    )
                )
        if font is not None:
            for card_id, text in ws.cards.get((film_id, code), {}).items():
                report.findings.extend(
                    check_card_glyphs(
                        ws.cards_path(film, code),
                        card_id,
                        text.lines,
                        font,
                        film=film_id,
                        language=code,
                    )
                )
    report.findings.sort(key=_order)
    return report


def _order(f: Finding) -> tuple[str, int, int, int, str]:
    return (str(f.path), f.line or 0, f.cue or 0, 0 if f.is_error else 1, f.rule)


# ---------------------------------------------------------------- output


def _rel(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


def _clock(ms: int) -> str:
    sign = "-" if ms < 0 else ""
    h, rem = divmod(abs(ms), 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, rem = divmod(rem, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d},{rem:03d}"


def _cell(v: Number | str | None, unit: str = "") -> str:
    if v is None:
        return ""
    return f"{v} {unit}".strip() if unit and not isinstance(v, str) else str(v)


TABLE_COLUMNS = ("level", "file", "cue", "time", "rule", "value", "limit", "details")


def table_rows(findings: Sequence[Finding], root: Path | None = None) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for f in findings:
        where = _rel(f.path, root) + (f":{f.line}" if f.line else "")
        rows.append(
            (
                f.severity,
                where,
                str(f.cue) if f.cue is not None else "",
                _clock(f.start_ms) if f.start_ms is not None else "",
                f.rule,
                _cell(f.value, f.unit),
                _cell(f.limit, f.unit),
                f.message,
            )
        )
    return rows


def render_table(findings: Sequence[Finding], root: Path | None = None) -> str:
    """A plain-text table (the same for `check` and a stopped build) and a summary line."""
    n_err = sum(1 for f in findings if f.is_error)
    n_warn = len(findings) - n_err
    files = len({f.path for f in findings})
    summary = (
        f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}"
        + (f" in {files} file{'s' if files != 1 else ''}" if findings else "")
    )
    if not findings:
        return "no problems found: " + summary
    rows = [tuple(c.upper() for c in TABLE_COLUMNS), *table_rows(findings, root)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(TABLE_COLUMNS) - 1)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in rows
    ]
    return "\n".join([*lines, summary])


def render_json(report: QcReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
