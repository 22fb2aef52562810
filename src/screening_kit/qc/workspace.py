"""Checking a whole workspace: every subtitle file and card text its countries need."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from ..cache import Cache
from ..config import FilmSpec, Language, Workspace, load_workspace
from ..config.nearby import misnamed_hint
from ..errors import FontError, SubtitleError
from ..fonts import ResolvedFont, font_candidates, font_metrics, resolve_font
from ..frontend import default_dirs
from ..languages import ScriptRules
from ..media import VideoFacts, probe_video
from ..shots import ShotChanges, film_shot_changes
from ..starter import find_placeholders
from ..subtitles.encoding import SubtitleEncodingError
from ..subtitles.model import SubtitleTrack
from ..subtitles.reader import read_subtitles
from ..textfit import SUBTITLE_WIDTH, chars_per_line
from ..textraster import drawn_by_harfbuzz
from .bilingual import check_pairs
from .caption_glyphs import check_caption_glyphs
from .captions import check_captions
from .findings import FileRead, Finding, QcReport
from .photos import check_photos
from .registry import INFO_RULES
from .rules import check_card_glyphs, check_cues
from .shots import check_chaining, check_shot_changes
from .signoff import flag_findings
from .staff import staff_language_findings


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
        spec = ws.ceremony.countries[code]
        for item in playlist.items:
            for lang in filter(None, (spec.language, spec.second_language)):  # bilingual
                if item.film is not None:
                    users = needed.setdefault((item.film, lang), [])
                    if code not in users:
                        users.append(code)
    return dict(sorted(needed.items()))


# a film not there yet: its subtitles are still read and checked, timing against this
_NO_FILM = (Fraction(25), Fraction(10**9))


def check_workspace(
    workspace: Path | str | Workspace,
    *,
    countries: Sequence[str] | None = None,
    cache: Cache | None = None,
    shots: bool = True,
    strict: bool = False,
    notify: Callable[[str], None] | None = None,
    staff: bool = False,
) -> QcReport:
    """Run every check over what ``countries`` (default: all) need, in one run.

    With ``shots`` the cues are also checked against each film's shot changes (its
    own list, else detected once and kept in ``cache``, default the workspace's).

    Encodes nothing. A malformed ceremony.yaml or playlist raises
    ``ScreeningKitError`` (with every problem of that file); problems in subtitle
    files, card texts and captions, placeholders still to fill in and missing
    inputs are returned as findings. ``strict`` reports ``info`` findings as warnings.
    ``staff`` adds the messages the staff's pages show untranslated (qc.staff).
    """
    ws = (
        workspace
        if isinstance(workspace, Workspace)
        else load_workspace(workspace, require_inputs=False)
    )
    report = QcReport(ws.root)
    codes = list(countries) if countries is not None else list(ws.ceremony.countries)
    films: dict[str, VideoFacts] = {}
    cuts: dict[str, ShotChanges] = {}
    if shots and cache is None:
        cache = Cache(default_dirs(ws.root)[1])
    report.findings += placeholder_findings(ws)
    if staff:  # for `check`; a package's subtitle record has no place for them
        report.findings += staff_language_findings(ws, codes)
    languages = {ws.ceremony.countries[c].language for c in codes}
    languages |= set(filter(None, (ws.ceremony.countries[c].second_language for c in codes)))
    report.findings += [
        Finding("error", g.rule, g.path, g.message, line=g.line, film=g.film, language=g.language)
        for g in ws.gaps
        if g.language is None or g.language in languages  # --country: only what it needs
    ]
    # a film found under its name in the other Unicode form (config.same_name_on_disk)
    report.findings += [Finding("info", "name-form", ws.config_path, n) for n in ws.notes]
    absent = {g.film for g in ws.gaps if g.rule == "missing-film"}
    font_failed: set[str] = set()
    for (film_id, code), users in needed_subtitles(ws, codes).items():
        film = ws.film(film_id)
        lang = ws.languages[code]
        if code not in report.fonts and code not in font_failed:
            try:
                report.fonts[code] = resolve_font(lang)
                drawn_by_harfbuzz(report.fonts[code], lang.name)  # FontError: cannot be
            except FontError as e:
                font_failed.add(code)
                report.findings.append(
                    Finding(
                        "error",
                        "font",
                        ws.config_path,
                        e.message + (f" ({e.hint})" if e.hint else ""),
                        value=", ".join(font_candidates(lang)) or lang.script,
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
                    f"needed by {', '.join(users)}"
                    + (f" ({hint})" if (hint := misnamed_hint(path, code)) else ""),
                    value=code,
                    film=film_id,
                    language=code,
                )
            )
        else:
            if film_id not in films and film_id not in absent:
                films[film_id] = probe_video(
                    ws.root / film.source,
                    video_stream=film.video_stream,
                    audio_stream=film.audio_stream,
                )
            fps, duration = (
                (films[film_id].fps, films[film_id].duration) if film_id in films else _NO_FILM
            )
            try:
                track = read_workspace_track(ws, film, lang)
            except SubtitleError as e:
                rule = "encoding" if isinstance(e, SubtitleEncodingError) else "unreadable"
                report.files.append(FileRead(path, "subtitles", film=film_id, language=code))
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
                report.files.append(
                    FileRead(path, "subtitles", track.encoding, len(track.cues), film_id, code)
                )
                report.findings += _notice_findings(track, film_id, code)
                report.findings.extend(
                    check_cues(
                        track.cues,
                        _rules_for_size(ws, lang, users, font),
                        path=path,
                        fps=fps,
                        film_duration=duration,
                        font=font,
                        film=film_id,
                        language=code,
                        metrics=font_metrics(font) if font is not None else None,
                        max_line_em=_max_line_em(ws, users),
                    )
                )
                if shots and cache is not None and film_id in films:
                    if film_id not in cuts:
                        cuts[film_id] = film_shot_changes(
                            ws, film, cache, facts=films[film_id], notify=notify
                        )
                    report.findings.extend(
                        check_shot_changes(
                            track.cues,
                            cuts[film_id].frames,
                            fps,
                            path=path,
                            film=film_id,
                            language=code,
                        )
                    )
                report.findings.extend(
                    check_chaining(
                        track.cues,
                        fps,
                        path=path,
                        film=film_id,
                        language=code,
                        cuts=cuts[film_id].frames if film_id in cuts else (),
                    )
                )
        cards = ws.cards.get((film_id, code), {})
        if cards:
            report.files.append(
                FileRead(ws.cards_path(film, code), "cards", "utf-8", len(cards), film_id, code)
            )
        if font is not None:
            for card_id, text in cards.items():
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
    rates = {film: facts.fps for film, facts in films.items()}
    report.findings += check_pairs(ws, codes, report.tracks, report.fonts, rates)
    report.findings += check_captions(ws, codes, report.files)
    report.findings += check_caption_glyphs(ws, codes, report.fonts)
    report.findings += check_photos(ws, codes)
    report.findings += _unused(ws, codes)
    report.findings += flag_findings(ws, codes, report.tracks, strict=strict)
    if strict:  # the reader's irregularities; advice such as gap-chain stays info
        report.findings = [
            replace(f, severity="warning") if f.rule in INFO_RULES else f for f in report.findings
        ]
    report.findings.sort(key=_order)
    return report


def _rules_for_size(
    ws: Workspace, lang: Language, users: list[str], font: ResolvedFont | None
) -> ScriptRules:
    """The language's limits, with characters per line lowered to what fits the
    subtitle width at the largest size (and narrowest frame) its countries use."""
    if font is None:
        return lang.rules
    em = max(ws.subtitle_style_for(c).em for c in users)
    aspect = float(min(ws.profile_for(c).frame_aspect() for c in users))
    fit = chars_per_line(font_metrics(font), lang.script, em, aspect)
    if fit >= lang.rules.max_chars_per_line:
        return lang.rules
    return replace(lang.rules, max_chars_per_line=fit)


def _max_line_em(ws: Workspace, users: list[str]) -> float:
    """The widest line libass can draw inside the subtitle width, in em of the subtitle
    font, at the largest size (and narrowest frame) the language's countries use."""
    em = max(ws.subtitle_style_for(c).em for c in users)
    aspect = float(min(ws.profile_for(c).frame_aspect() for c in users))
    return SUBTITLE_WIDTH * aspect / em


def _unused(ws: Workspace, countries: Sequence[str]) -> list[Finding]:
    """Films and slideshows no running order plays: nothing of them is checked or built."""
    used = {
        ref
        for code in countries
        for item in ws.playlist_for(code)[1].items
        for ref in (item.film, item.slideshow)
        if ref is not None
    }
    out = []
    for kind, specs in (("films", ws.ceremony.films), ("slideshows", ws.ceremony.slideshows)):
        for spec in specs:
            if spec.id not in used:
                out.append(
                    Finding(
                        "info",
                        "unused",
                        ws.config_path,
                        f"{kind[:-1]} {spec.id!r} is in no running order of the countries "
                        "checked: it is neither checked nor built",
                        value=spec.id,
                    )
                )
    return out


def _notice_findings(track: SubtitleTrack, film: str, language: str) -> list[Finding]:
    """What the reader noticed: irregularities read as meant once per file at ``info``
    (with how often), everything else as a warning each."""
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for n in track.notices:
        if n.rule in INFO_RULES:
            seen[n.rule] = seen.get(n.rule, 0) + 1
            if seen[n.rule] > 1:
                continue
        out.append(
            Finding(
                "info" if n.rule in INFO_RULES else "warning",
                n.rule,
                track.path,
                n.message,
                cue=n.cue or None,
                line=n.line,
                value=n.value or None,
                film=film,
                language=language,
            )
        )
    return [
        replace(f, message=f"{f.message} (and {seen[f.rule] - 1} more like it in this file)")
        if f.severity == "info" and seen[f.rule] > 1
        else f
        for f in out
    ]


def placeholder_findings(ws: Workspace) -> list[Finding]:
    """Every ``FILL-ME-IN`` left by ``screening-kit init``, in ceremony.yaml and playlists."""
    out = []
    for path in [ws.config_path, *(ws.root / rel for rel in ws.playlists)]:
        for line, loc, text in find_placeholders(path):
            out.append(
                Finding(
                    "error",
                    "fill-me-in",
                    path,
                    f"{loc}: fill me in (it says {text!r})",
                    line=line,
                )
            )
    return out


_RANK = {"error": 0, "warning": 1, "info": 2}


def _order(f: Finding) -> tuple[str, int, int, int, str]:
    return (str(f.path), f.line or 0, f.cue or 0, _RANK[f.severity], f.rule)


# ---------------------------------------------------------------- output
