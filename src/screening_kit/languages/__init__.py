"""Languages and scripts: CLDR through ``langcodes`` (names, likely script), and our
own tables for what CLDR does not know (QC limits per script family, fonts and their
Debian packages, legacy encodings). Normalisation rules: ``subtitles.normalise``.
"""

from __future__ import annotations

from .encodings import LANGUAGE_ENCODINGS, encoding_candidates
from .families import FAMILIES, ScriptRules
from .scripts import (
    ALIASES,
    NOTO_CJK,
    NOTO_CORE,
    SCRIPTS,
    ScriptInfo,
    dominant_script,
    in_script,
    script_code,
)
from .tags import (
    LANGUAGE_TAG,
    MAX_LANGUAGE_TAG,
    TagInfo,
    UnknownLanguage,
    describe,
    fontconfig_lang,
    known_tags,
    language_tag_problem,
)


def rules_for(script: str) -> ScriptRules:
    """The QC limits of a script; a script we have no family for gets the alphabetic."""
    info = SCRIPTS.get(script_code(script) or script)
    return FAMILIES[info.family if info is not None else "alphabetic"]


def is_spaced(script: str) -> bool:
    """Words are separated by spaces (False: Thai, Lao, Khmer, Myanmar, Tibetan,
    Chinese, Japanese), so libass and line breaking can break only there."""
    info = SCRIPTS.get(script_code(script) or script)
    return info.spaced if info is not None else True


def script_name(script: str) -> str:
    """The script's English name from CLDR (``Ethi`` -> ``Ethiopic``)."""
    import langcodes

    name = str(langcodes.Language.get(f"und-{script}").script_name())
    return {"Simplified": "Simplified Chinese", "Traditional": "Traditional Chinese"}.get(
        name, name
    )


__all__ = [
    "ALIASES",
    "FAMILIES",
    "LANGUAGE_ENCODINGS",
    "LANGUAGE_TAG",
    "MAX_LANGUAGE_TAG",
    "NOTO_CJK",
    "NOTO_CORE",
    "SCRIPTS",
    "ScriptInfo",
    "ScriptRules",
    "TagInfo",
    "UnknownLanguage",
    "describe",
    "dominant_script",
    "encoding_candidates",
    "fontconfig_lang",
    "in_script",
    "is_spaced",
    "known_tags",
    "language_tag_problem",
    "rules_for",
    "script_code",
    "script_name",
]
