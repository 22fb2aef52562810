"""A bilingual country's film chunks: the second language's track beside the first's
(subtitles.bilingual), drawn with both fonts from one pinned folder (fontpair)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..config import Language, SubtitleStyle
from ..errors import ConfigError
from ..fonts import ResolvedFont
from ..subtitles.ass import AssStyle, plain_runs
from ..subtitles.bilingual import Track, ass_colour, build_pair_ass
from ..subtitles.model import Cue
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


def refuse_pictures(country: str, fonts: dict[str, ResolvedFont]) -> None:
    """Text libass draws wrong is drawn as pictures (textraster), one language at a
    time; two such tracks placed as a pair are not made yet: say so before planning."""
    for code, font in fonts.items():
        why = libass_wrong(font.family)
        if why is not None:
            raise ConfigError(
                f"country {country}: {code} is drawn as pictures ({font.family}: {why}); "
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
    refuse_pictures(country, fonts)
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
