"""A bilingual country's film chunks: the second language's track beside the first's
(subtitles.bilingual), drawn with both fonts from one pinned folder (fontpair)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from ..config import Language, SubtitleStyle, Workspace
from ..errors import ConfigError
from ..fonts import ResolvedFont
from ..profiles import OutputFormat
from ..subtitles.ass import CARD_EMS, CARD_GAPS, TITLE_SAFE, AssStyle, plain_runs
from ..subtitles.bilingual import (
    CARD_PAIR_GAP,
    CARD_PAIR_SCALE,
    CARD_SECOND_SCALE,
    CardSide,
    Track,
    ass_colour,
    block_height,
    build_pair_ass,
    card_height,
    pair_card_ass,
    second_margins,
)
from ..subtitles.model import Cue
from ..textfit import DoesNotFit, FontMetrics, layout
from ..textraster import TextOverlay, libass_wrong, lines_height, subtitle_overlays
from .tasks import Facts


@dataclass(frozen=True)
class Pair:
    """The second track of a bilingual film and where its chunks' fonts are."""

    code: str  # "kk+ru"
    second: Track
    layout: str
    gap: float  # of frame height
    fonts_dir: Path
    font_id: str
    # a track drawn as pictures (textraster): "first" or "second", and the second's
    # font and metrics to draw it with
    drawn: str | None = None
    font: ResolvedFont | None = None
    metrics: FontMetrics | None = None

    def ass(self, first: Track, cues: list[Cue], width: int, height: int, offset: Fraction) -> str:
        """Both tracks, or (the first drawn as pictures) the second alone, its margin
        following the first's pictures."""
        second = Track(cues, self.second.style, self.second.runs)
        below = None
        if self.drawn == "first":
            below = lambda n: lines_height(first.style, n, height)  # noqa: E731
        return build_pair_ass(
            first, second, width, height, offset=offset, layout=self.layout, gap=self.gap,
            primary_height=below,
        )  # fmt: skip

    def overlays(
        self, first: Track, cues: list[Cue], size: tuple[int, int], fps: Fraction, frames: range
    ) -> tuple[TextOverlay, ...]:
        """The second track drawn as pictures (``drawn == "second"``), placed as
        ``build_pair_ass`` places it: above the first's lines on screen (cut where
        their count changes), or at the top of the frame."""
        assert self.metrics is not None
        width, height = size
        style = self.second.style
        top = self.layout == "top-bottom"
        base = round(first.style.margin_v * height)
        out: list[TextOverlay] = []
        for cue in cues:
            pieces = [(cue.start_ms, cue.end_ms, 0)] if top else second_margins(first.cues, cue)
            for a, b, n in pieces:
                margin = style.margin_v * height
                if not top:
                    margin = base + block_height(first.style, n, height) + round(self.gap * height)
                text = "{\\an8}" + cue.text if top else cue.text
                placed = replace(style, margin_v=margin / height)
                out += subtitle_overlays(
                    [Cue(cue.index, a, b, text)], placed, self.metrics, self.language,
                    width, height, fps, frames.start, frames.stop,
                )  # fmt: skip
        return tuple(out)

    @property
    def language(self) -> str:
        return self.code.split("+")[1]


def refuse_pictures(what: str, fonts: dict[str, ResolvedFont], *, one: bool = False) -> None:
    """Text libass draws wrong is drawn as pictures (textraster). A pair's subtitles
    may have one such track (``one``: the other is placed beside its pictures); two,
    and a pair's cards and captions (drawn together by libass), are not made yet: say
    so before planning."""
    wrong = {code: font for code, font in fonts.items() if libass_wrong(font.family)}
    if one and len(wrong) < len(fonts):
        return
    for code, font in wrong.items():
        why = libass_wrong(font.family)
        if why is not None:
            raise ConfigError(
                f"{what}: {code} is drawn as pictures ({font.family}: {why}); two "
                "languages drawn together (a pair's cards and captions, or two picture-drawn "
                "subtitle tracks) are not supported with such a font",
                hint=f"give {code} a font libass draws (`languages: {code}: font:`), or "
                "make the country one language",
            )


def pair_for(
    facts: Facts,
    country: str,
    film_id: str,
    first: Language,
    second: Language,
    look: SubtitleStyle,
    layout: str,
) -> Pair:
    fonts = {first.code: facts.fonts[first.code], second.code: facts.fonts[second.code]}
    refuse_pictures(f"country {country}", fonts, one=True)
    font = fonts[second.code]
    metrics = facts.metrics.get(second.code)
    style = AssStyle(
        font=font.family,
        line_factor=font.line_factor,
        em=look.em * look.secondary.scale,
        margin_v=look.margin / 100,
        box=look.box,
        primary=ass_colour(look.secondary.colour),
    )
    code = f"{first.code}+{second.code}"
    folder, font_id = facts.pair_fonts[code]
    track = Track(
        facts.subtitles[(film_id, second.code)],
        style,
        metrics.ass_runs if metrics is not None else plain_runs,
    )
    drawn = next(
        (side for side, lang in (("first", first), ("second", second))
         if libass_wrong(fonts[lang.code].family)),
        None,
    )  # fmt: skip
    return Pair(
        code, track, layout, look.secondary.gap / 100, folder, font_id, drawn, font, metrics
    )


def pair_card(
    ws: Workspace,
    facts: Facts,
    film_id: str,
    card_id: str,
    first: Language,
    second: Language,
    fmt: OutputFormat,
    duration: Fraction,
) -> tuple[str, Path, str]:
    """A bilingual country's card: both languages' texts (the first above), each laid
    out in its own font at CARD_PAIR_SCALE of a card's sizes, the two within the
    title-safe area; with the pinned folder of both fonts and its id."""
    refuse_pictures(
        f"card {card_id!r} of {film_id}",
        {c: facts.fonts[c] for c in (first.code, second.code)},
    )
    sides = []
    for n, lang in enumerate((first, second)):
        lines = ws.cards[(film_id, lang.code)][card_id].lines
        scale = CARD_PAIR_SCALE * (1 if n == 0 else CARD_SECOND_SCALE)
        try:
            blocks = layout(
                lines,
                [em * scale for em in CARD_EMS[: len(lines)]],
                facts.metrics[lang.code],
                fmt.width,
                fmt.height,
                sum(CARD_GAPS[: len(lines) - 1]),
                bold_first=True,
                locale=lang.code,
            )
        except DoesNotFit as e:
            raise ConfigError(
                f"card {card_id!r} [{lang.code}] does not fit beside the other language: {e}",
                path=ws.cards_path(ws.film(film_id), lang.code),
                hint="shorten the text",
            ) from None
        sides.append(
            CardSide(blocks, facts.fonts[lang.code].family, facts.metrics[lang.code].ass_runs)
        )
    used = sum(card_height(s.blocks, fmt.height) for s in sides) + CARD_PAIR_GAP * fmt.height
    if used > (1 - 2 * TITLE_SAFE) * fmt.height:
        raise ConfigError(
            f"card {card_id!r} in {first.code} and {second.code} needs {used / fmt.height:.0%} "
            "of the frame height; the title-safe area is 90%",
            path=ws.cards_path(ws.film(film_id), second.code),
            hint="shorten the texts or use fewer lines",
        )
    folder, font_id = facts.pair_fonts[f"{first.code}+{second.code}"]
    return pair_card_ass(sides[0], sides[1], fmt.width, fmt.height, duration), folder, font_id
