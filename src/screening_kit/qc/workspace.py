"""Checking a whole workspace: every subtitle file and card text its countries need."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..cache import Cache
from ..config import FilmSpec, Language, Workspace, load_workspace
from ..errors import FontError, SubtitleError
from ..fonts import resolve_font
from ..media import VideoFacts, probe_video
from ..shots import ShotChanges, film_shot_changes
from ..subtitles.model import SubtitleTrack
from ..subtitles.reader import SubtitleEncodingError, read_subtitles
from .findings import Finding, QcReport
from .rules import check_card_glyphs, check_cues
from .shots import check_chaining, check_shot_changes


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
    workspace: Path | str | Workspace,
    *,
    countries: Sequence[str] | None = None,
    cache: Cache | None = None,
    shots: bool = True,
) -> QcReport:
    """Run every subtitle check over what ``countries`` (default: all) need.

    With ``shots`` the cues are also checked against each film's shot changes (its
    own list, else detected once and kept in ``cache``, default the workspace's).
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
    films: dict[str, VideoFacts] = {}
    cuts: dict[str, ShotChanges] = {}
    if shots and cache is None:
        cache = Cache(ws.root / ".screening-kit" / "cache")
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
                films[film_id] = probe_video(ws.root / film.source)
            fps, duration = films[film_id].fps, films[film_id].duration
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
                report.findings.extend(
                    check_chaining(track.cues, fps, path=path, film=film_id, language=code)
                )
                if shots and cache is not None:
                    if film_id not in cuts:
                        cuts[film_id] = film_shot_changes(ws, film, cache, facts=films[film_id])
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


_LEVEL = {"error": 0, "warning": 1, "info": 2}


def _order(f: Finding) -> tuple[str, int, int, int, str]:
    return (str(f.path), f.line or 0, f.cue or 0, _LEVEL[f.severity], f.rule)


# ---------------------------------------------------------------- output
