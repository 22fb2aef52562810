"""A bilingual country's film chunks: the second language's track beside the first's
(subtitles.bilingual), drawn with both fonts from one pinned folder (fontpair)."""

from __future__ import annotations

from dataclasses import dataclass
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
    build_pair_ass,
    card_height,
    pair_card_ass,
)
from ..subtitles.model import Cue
from ..textfit import DoesNotFit, layout
from ..textraster import libass_wrong
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

    def ass(self, first: Track, cues: list[Cue], width: int, height: int, offset: Fraction) -> str:
        second = Track(cues, self.second.style, self.second.runs)
        return build_pair_ass(
            first, second, width, height, offset=offset, layout=self.layout, gap=self.gap
        )


def refuse_pictures(what: str, fonts: dict[str, ResolvedFont]) -> None:
    """Text libass draws wrong is drawn as pictures (textraster), one language at a
    time; two such tracks placed as a pair are not made yet: say so before planning."""
    for code, font in fonts.items():
        why = libass_wrong(font.family)
        if why is not None:
            raise ConfigError(
                f"{what}: {code} is drawn as pictures ({font.family}: {why}); "
                "bilingual subtitles with a picture-drawn font are not supported",
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
    refuse_pictures(f"country {country}", fonts)
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
    return Pair(code, track, layout, look.secondary.gap / 100, folder, font_id)


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
