"""Text normalised the way each language writes it, never silently.

Every cue is brought to Unicode NFC (an editor on macOS may save decomposed
accents or Hangul jamo, which fonts and libass treat as separate marks). Then
per-language rules, each with its source in docs/subtitle-qc.md ("Normalisation"):

- Persian (``fa``): Arabic yeh U+064A and Arabic kaf U+0643, what cp1256 editors
  and Arabic keyboards produce, become Persian yeh U+06CC and keheh U+06A9.
- Uzbek in Latin script (``uz``): oʻ and gʻ written with an apostrophe, a left
  single quotation mark or a grave accent take U+02BB MODIFIER LETTER TURNED COMMA.

Markup (tags and ``{\\...}`` overrides, as ``markup.tokens`` reads them) is left
as written. Invisible direction marks (U+200E/U+200F, U+061C, isolates) are kept:
NFC does not touch them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .markup import outside_markup


@dataclass(frozen=True)
class Rule:
    name: str  # what the notice says was done
    apply: Callable[[str], str]


def _persian(text: str) -> str:
    return text.translate({0x064A: 0x06CC, 0x0643: 0x06A9})


_UZ_OKINA = re.compile("(?<=[oOgG])['\u2018`]")


def _uzbek(text: str) -> str:
    return _UZ_OKINA.sub("\u02bb", text)


# (language subtag, script or None for any) -> rules
RULES: dict[tuple[str, str | None], tuple[Rule, ...]] = {
    ("fa", "Arab"): (Rule("Arabic yeh/kaf (U+064A/U+0643) to Persian yeh/keheh", _persian),),
    ("uz", "Latn"): (Rule("oʻ/gʻ written with ' ‘ ` to U+02BB (ʻ)", _uzbek),),
}


def rules_for(language: str, script: str) -> tuple[Rule, ...]:
    return RULES.get((language, script), ()) + RULES.get((language, None), ())


def normalise(text: str, rules: tuple[Rule, ...]) -> tuple[str, list[str]]:
    """``text`` in NFC with ``rules`` applied outside markup, and what changed it."""
    done: list[str] = []
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        done.append("Unicode NFC")
    for rule in rules:
        new = outside_markup(text, rule.apply)
        if new != text:
            text = new
            done.append(rule.name)
    return text, done
