"""Legacy encodings to try for a subtitle file, by language and script.

Each script's own (Windows code page first, then ISO 8859) are in ``scripts``;
here are the languages whose editors use another one. Sources: docs/subtitle-qc.md.
"""

from __future__ import annotations

from .scripts import SCRIPTS

LANGUAGE_ENCODINGS: dict[str, tuple[str, ...]] = {
    "pl": ("cp1250", "iso-8859-2"),
    "cs": ("cp1250", "iso-8859-2"),
    "sk": ("cp1250", "iso-8859-2"),
    "sl": ("cp1250", "iso-8859-2"),
    "hr": ("cp1250", "iso-8859-2"),
    "bs": ("cp1250", "iso-8859-2"),
    "sr": ("cp1250", "iso-8859-2"),  # Latin Serbian; Cyrillic falls through to cp1251
    "hu": ("iso-8859-2", "cp1250"),
    "ro": ("cp1250", "iso-8859-16"),
    "tr": ("cp1254",),
    "lt": ("cp1257", "iso-8859-13"),
    "lv": ("cp1257", "iso-8859-13"),
    "et": ("cp1257", "iso-8859-15"),
    "vi": ("cp1258",),
    "kk": ("kz1048", "cp1251"),
    "ru": ("cp1251", "koi8-r"),
    "uk": ("cp1251", "koi8-u"),
    "be": ("cp1251",),
    "tg": ("koi8-t", "cp1251"),
}


def encoding_candidates(language: str, script: str) -> tuple[str, ...]:
    """Legacy encodings to try for a subtitle file in ``language`` (a language subtag)
    written in ``script`` (ISO 15924), most likely first. Each candidate is kept only
    when the decoded text is in the script, so a Latin encoding listed for a language
    never reads its Cyrillic files."""
    own = LANGUAGE_ENCODINGS.get(language, ())
    script_own = SCRIPTS[script].encodings if script in SCRIPTS else ()
    return tuple(dict.fromkeys(own + script_own))
