"""The rules of two languages on one screen (a bilingual country, config.bilingual):
each language is checked as a country of its own would have it; these rules look at
the two tracks together, as the burn-in places them (subtitles.bilingual)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from ..config import Workspace
from ..fonts import ResolvedFont
from ..subtitles.ass import TITLE_SAFE, AssStyle
from ..subtitles.bilingual import block_height, line_count
from ..subtitles.model import Cue, SubtitleTrack
from ..textraster import libass_wrong
from .findings import Finding
from .registry import MAX_PAIR_LINES, PAIR_DRIFT_FRAMES

# heights are computed on this many rows: fractions of the frame, whatever its size
_ROWS = 10_000


def _active(cues: Sequence[Cue], t: int) -> list[Cue]:
    return [c for c in cues if c.start_ms <= t < c.end_ms]


def _drawn_together(ws: Workspace, code: str, first: str, second: str) -> str:
    """What country ``code`` draws in both languages at once with libass: its films'
    title cards, its slideshows' captions ("" when neither)."""
    out = []
    for item in ws.playlist_for(code)[1].items:
        if item.film is not None and "title cards" not in out:
            film = ws.film(item.film)
            slots = [c.id for c in film.opening_cards + film.closing_cards]
            texts = [ws.cards.get((film.id, lang), {}) for lang in (first, second)]
            if any(all(s in t for t in texts) for s in slots):
                out.append("title cards")
        elif (
            item.slideshow is not None
            and "captions" not in out
            and ws.slideshow(item.slideshow).captions is not None
        ):
            out.append("captions")
    return " and ".join(out)


def check_pairs(
    ws: Workspace,
    countries: Sequence[str],
    tracks: Mapping[tuple[str, str], SubtitleTrack],
    fonts: Mapping[str, ResolvedFont],
    fps: Mapping[str, Fraction],
) -> list[Finding]:
    """Every bilingual country's films: lines on screen at once, the pair's height in
    the title-safe area, the two tracks' timings drifting apart, and fonts the pair
    cannot draw. ``fps``: film id -> frame rate (25 where the film is missing)."""
    out: list[Finding] = []
    seen: set[tuple[str, str, str, str]] = set()
    for code in countries:
        first, second = ws.language_of(code), ws.second_language_of(code)
        if second is None:
            continue
        drawn = {
            lang.code: why
            for lang in (first, second)
            if (font := fonts.get(lang.code)) is not None and (why := libass_wrong(font.family))
        }
        # one track drawn as pictures is placed beside the other; two, or the pair's
        # cards and captions (drawn together by libass), cannot be
        together = _drawn_together(ws, code, first.code, second.code)
        for lang in (first, second) if len(drawn) == 2 or (drawn and together) else ():
            font = fonts.get(lang.code)
            why = drawn.get(lang.code)
            if font is not None and why is not None:
                out.append(
                    Finding(
                        "error",
                        "pair-pictures",
                        ws.config_path,
                        f"country {code}: {lang.code} is drawn as pictures ({font.family}: "
                        f"{why}); {together or 'two picture-drawn subtitle tracks'} in two "
                        f"languages are not supported with such a font (give {lang.code} "
                        f"another `font:`, or make {code} one language)",
                        value=f"{first.code}+{second.code}",
                        language=lang.code,
                    )
                )
        look = ws.subtitle_style_for(code)
        layout = ws.ceremony.countries[code].layout
        for item in ws.playlist_for(code)[1].items:
            film = item.film
            if film is None or (film, first.code, second.code, layout) in seen:
                continue
            seen.add((film, first.code, second.code, layout))
            a, b = tracks.get((film, first.code)), tracks.get((film, second.code))
            fa, fb = fonts.get(first.code), fonts.get(second.code)
            if a is None or b is None:
                continue  # unreadable or missing: the per-language rules said so
            out += _lines_at_once(a, b, film, first.code, second.code)
            if fa is not None and fb is not None:
                p_style = AssStyle(font=fa.family, line_factor=fa.line_factor, em=look.em)
                s_style = AssStyle(
                    font=fb.family, line_factor=fb.line_factor, em=look.em * look.secondary.scale
                )
                out += _height(a, b, p_style, s_style, look.margin / 100,
                               look.secondary.gap / 100, layout, film, second.code)  # fmt: skip
            out += _drift(a, b, fps.get(film, Fraction(25)), film, first.code, second.code)
    return out


def _lines_at_once(
    a: SubtitleTrack, b: SubtitleTrack, film: str, first: str, lang: str
) -> list[Finding]:
    """More than MAX_PAIR_LINES lines of the two on screen at one moment: once per
    secondary cue, at the first such moment."""
    out = []
    for cue in b.cues:
        starts = {c.start_ms for c in a.cues if cue.start_ms < c.start_ms < cue.end_ms}
        times = sorted({cue.start_ms} | starts)
        for t in times:
            n = sum(line_count(c) for c in _active(a.cues, t) + _active(b.cues, t))
            if n > MAX_PAIR_LINES:
                out.append(
                    Finding(
                        "error",
                        "pair-lines",
                        b.path,
                        f"{n} lines of {first} and {lang} on "
                        f"screen at once (at most {MAX_PAIR_LINES}): they cover the picture",
                        cue=cue.index,
                        line=cue.line or None,
                        start_ms=t,
                        value=n,
                        limit=MAX_PAIR_LINES,
                        film=film,
                        language=lang,
                    )
                )
                break
    return out


def _height(
    a: SubtitleTrack,
    b: SubtitleTrack,
    p: AssStyle,
    s: AssStyle,
    margin: float,
    gap: float,
    layout: str,
    film: str,
    lang: str,
) -> list[Finding]:
    """The pair's height: stacked, from the bottom margin to the secondary's top must
    stay inside the title-safe area; top-bottom, the two must not meet."""
    out = []
    for cue in b.cues:
        under = [c for c in a.cues if c.start_ms < cue.end_ms and c.end_ms > cue.start_ms]
        n = max([1, *(line_count(c) for c in under)])
        p_h = block_height(p, n, _ROWS) / _ROWS
        s_h = block_height(s, line_count(cue), _ROWS) / _ROWS
        if layout == "stacked":
            used, room = margin + p_h + gap + s_h, 1 - TITLE_SAFE
        else:
            used, room = margin + p_h + margin + s_h, 1.0
        if used > room:
            out.append(
                Finding(
                    "error",
                    "pair-height",
                    b.path,
                    f"with {n} line(s) of the first language under it, this cue reaches "
                    f"{used:.0%} of the frame height (the title-safe area ends at {room:.0%}): "
                    "shorten a line, or lower `subtitle_style` size or margin",
                    cue=cue.index,
                    start_ms=cue.start_ms,
                    end_ms=cue.end_ms,
                    value=round(used * 100, 1),
                    limit=round(room * 100, 1),
                    unit="%",
                    film=film,
                    language=lang,
                )
            )
    return out


def _drift(
    a: SubtitleTrack, b: SubtitleTrack, fps: Fraction, film: str, first: str, lang: str
) -> list[Finding]:
    """Cues of the two tracks that overlap most and start or end more than
    PAIR_DRIFT_FRAMES frames apart: one template translated twice drifts only by mistake."""
    out = []
    limit_ms = PAIR_DRIFT_FRAMES * 1000 / fps
    for cue in b.cues:
        best, most = None, 0
        for c in a.cues:
            shared = min(c.end_ms, cue.end_ms) - max(c.start_ms, cue.start_ms)
            if shared > most:
                best, most = c, shared
        if best is None:
            continue
        apart = max(abs(best.start_ms - cue.start_ms), abs(best.end_ms - cue.end_ms))
        if apart > limit_ms:
            frames = round(apart * fps / 1000)
            out.append(
                Finding(
                    "warning",
                    "pair-drift",
                    b.path,
                    f"starts or ends {frames} frames away from cue {best.index} of "
                    f"{first}, which it is shown with "
                    f"(more than {PAIR_DRIFT_FRAMES}): check the two files' timings",
                    cue=cue.index,
                    start_ms=cue.start_ms,
                    end_ms=cue.end_ms,
                    value=frames,
                    limit=PAIR_DRIFT_FRAMES,
                    unit="frames",
                    film=film,
                    language=lang,
                )
            )
    return out
