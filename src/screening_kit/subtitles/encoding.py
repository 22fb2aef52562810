"""Bytes to text, the way the file's language is written.

An encoding stated in the config wins; otherwise a BOM (UTF-8, UTF-16 LE/BE),
strict UTF-8, the legacy encodings editors of the file's language use
(``languages.encoding_candidates``) and finally charset detection. A decode is
only accepted when the text is in the language's script, so a cp1251 file is
never read as cp1252 mojibake.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import SubtitleError
from ..languages import dominant_script, encoding_candidates, looks_like_script, script_name


class SubtitleEncodingError(SubtitleError):
    """The file's bytes do not decode, or decode to text in the wrong script."""


def _script_name(script: str) -> str:
    try:
        return script_name(script)
    except Exception:  # a script CLDR does not name: its code
        return script


def decode_bytes(
    data: bytes,
    path: Path,
    encoding: str | None = None,
    *,
    script: str | None = None,
    language: str | None = None,
) -> tuple[str, str]:
    """Return (text, encoding name). ``encoding`` from the config wins.

    With ``script`` given, a decode whose letters are not mostly in that script
    is rejected: for a stated or BOM-marked encoding that is an error naming the
    file; for a guessed one the next candidate is tried.
    """
    lang = f" for language {language!r}" if language else ""
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise SubtitleEncodingError(
                f"cannot decode as {encoding} (stated in ceremony.yaml): {e}",
                path=path,
                hint="fix or remove the encoding given for this language in ceremony.yaml",
            ) from None
        if script is not None and not looks_like_script(text, script):
            raise SubtitleEncodingError(
                f"decoded as {encoding} (stated in ceremony.yaml) the text is not "
                f"{_script_name(script)}{lang}: {_sample(text)!r}",
                path=path,
                hint="the stated encoding is wrong for this file, or the file is in "
                "another language",
            )
        return text.lstrip("\ufeff"), encoding
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as e:
                raise SubtitleEncodingError(
                    f"the file starts with a {name} byte order mark but is not {name}: {e}",
                    path=path,
                ) from None
            if script is not None and not looks_like_script(text, script):
                raise SubtitleEncodingError(
                    f"the text ({name}) is not {_script_name(script)}{lang}: {_sample(text)!r}",
                    path=path,
                    hint="is this the right file for this language?",
                )
            return text, name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # bytes that are valid UTF-8 beyond ASCII are UTF-8 (legacy text almost never
        # is), so text in another script is the wrong file, not the wrong encoding
        if script is None or looks_like_script(text, script):
            return text, "utf-8"
        found = dominant_script(text)
        raise SubtitleEncodingError(
            f"the file is UTF-8, but its text is "
            f"{_script_name(found) if found else 'not in a known script'}, not "
            f"{_script_name(script)}{lang}: {_sample(text)!r}",
            path=path,
            hint="is this the right file for this language? If the language is written "
            "in another script here, set `languages: <code>: script:` in ceremony.yaml",
        )
    candidates: list[str] = []
    if script is not None:
        candidates += encoding_candidates(_subtag(language), script)
    tried: list[str] = ["utf-8"]
    for name in candidates:
        tried.append(name)
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if script is None or looks_like_script(text, script):
            return text, name
    best = from_bytes(data).best()
    if best is not None and best.encoding not in tried:
        tried.append(best.encoding)
        text = str(best)
        if script is None or looks_like_script(text, script):
            return text, best.encoding
    if script is None:
        raise SubtitleEncodingError(
            "cannot tell this file's text encoding",
            path=path,
            hint="save it as UTF-8, or state its encoding in ceremony.yaml",
        )
    raise SubtitleEncodingError(
        f"cannot read this file as {_script_name(script)} text{lang}; tried {', '.join(tried)}",
        path=path,
        hint="save it as UTF-8, or state its encoding in ceremony.yaml "
        "(languages: <code>: subtitle_encoding: ...)",
    )


def _subtag(language: str | None) -> str:
    return (language or "").split("-")[0].lower()


def _sample(text: str) -> str:
    """A short piece of the text with letters, to show what the decode produced."""
    for line in text.splitlines():
        if sum(c.isalpha() for c in line) >= 3 and "-->" not in line:
            return line.strip()[:40]
    return text.strip()[:40]
