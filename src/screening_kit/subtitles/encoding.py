"""Bytes to text, the way the file's language is written.

An encoding stated in the config wins: when it decodes cleanly it is trusted (a
warning says so if the text does not look like the language's script). Otherwise a
BOM (UTF-8, UTF-32 and UTF-16, either byte order), UTF-16 or UTF-32 without one
(told by where the zero bytes fall), strict UTF-8, the legacy
encodings editors of the file's language use (``languages.encoding_candidates``)
and finally charset detection. A guessed decode is only accepted when its cue text
is in the language's script (``scriptcheck``), so a cp1251 file is never read as
cp1252 mojibake; a legacy decode with C1 control characters is a wrong one.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import SubtitleError
from ..languages import encoding_candidates, script_name
from .model import Notice
from .scriptcheck import ScriptJudgement, judge_script

# UTF-32 LE's BOM starts with UTF-16 LE's: the longer one is tried first
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_C1 = re.compile("[\x80-\x9f]")


class SubtitleEncodingError(SubtitleError):
    """The file's bytes do not decode, or decode to text in the wrong script."""


def _script_name(script: str) -> str:
    try:
        return script_name(script)
    except Exception:  # a script CLDR does not name: its code
        return script


def _what_it_is(j: ScriptJudgement, script: str) -> str:
    """What the cue text is, said so that it never reads "Latin, not Latin"."""
    if j.found is not None and j.found != script:
        return f"its text is {_script_name(j.found)}, not {_script_name(script)}"
    if j.found is None and j.in_script == 0:
        return f"its text is not in a known script, not {_script_name(script)}"
    return f"only {j.in_script} of its {j.lines} cue lines are in {_script_name(script)}"


def decode_bytes(
    data: bytes,
    path: Path,
    encoding: str | None = None,
    *,
    script: str | None = None,
    language: str | None = None,
    notices: list[Notice] | None = None,
) -> tuple[str, str]:
    """Return (text, encoding name). ``encoding`` from the config wins.

    With ``script`` given, a decode whose cue text is not in that script is
    rejected: for a BOM-marked encoding or valid UTF-8 that is an error naming the
    file; for a guessed one the next candidate is tried. A stated encoding that
    decodes is used, with a warning in ``notices`` when the script does not fit.
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
        judged = judge_script(text, script) if script is not None else None
        if judged is not None and not judged.ok and notices is not None:
            notices.append(
                Notice(
                    0,
                    f"decoded as {encoding} (stated in ceremony.yaml), "
                    f"{_what_it_is(judged, script or '')}{lang}: {_sample(text)!r}; "
                    "check the stated encoding",
                    "encoding",
                    0,
                    encoding,
                )
            )
        return text.lstrip("\ufeff"), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as e:
                raise SubtitleEncodingError(
                    f"the file starts with a {name} byte order mark but is not {name}: {e}",
                    path=path,
                ) from None
            judged = judge_script(text, script) if script is not None else None
            if judged is not None and not judged.ok:
                raise SubtitleEncodingError(
                    f"the file is {name}, but {_what_it_is(judged, script or '')}{lang}: "
                    f"{_sample(text)!r}",
                    path=path,
                    hint="is this the right file for this language?",
                )
            return text.lstrip("\ufeff"), name
    unmarked = _utf16_or_32(data)
    if unmarked is not None:
        try:
            text = data.decode(unmarked)
        except UnicodeDecodeError:
            pass
        else:
            judged = judge_script(text, script) if script is not None else None
            if judged is None or judged.ok:
                return text, unmarked
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # bytes that are valid UTF-8 beyond ASCII are UTF-8 (legacy text almost never
        # is), so text in another script is the wrong file, not the wrong encoding
        judged = judge_script(text, script) if script is not None else None
        if judged is None or judged.ok:
            return text, "utf-8"
        raise SubtitleEncodingError(
            f"the file is UTF-8, but {_what_it_is(judged, script or '')}{lang}: {_sample(text)!r}",
            path=path,
            hint="is this the right file for this language? If the language is written "
            "in another script here, set `languages: <code>: script:` in ceremony.yaml",
        )
    candidates: list[str] = []
    if script is not None:
        candidates += encoding_candidates(primary_subtag(language), script)
    tried: list[str] = ["utf-8"]
    for name in candidates:
        tried.append(name)
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _fits(text, script):
            return text, name
    best = from_bytes(data).best()
    if best is not None and best.encoding not in tried:
        tried.append(best.encoding)
        text = str(best)
        if _fits(text, script):
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


def _utf16_or_32(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes fall (subtitle
    files are mostly ASCII: timing lines, digits, spaces). Text files in UTF-8 or a
    legacy code page hold no zero bytes."""
    sample = data[: 4096 - 4096 % 4]
    if b"\x00" not in sample or len(sample) < 16:
        return None
    zeros = [sample[k::4].count(0) / len(sample[k::4]) for k in range(4)]
    if zeros[2] == zeros[3] == 1 and zeros[0] < 0.5:
        return "utf-32-le"
    if zeros[0] == zeros[1] == 1 and zeros[3] < 0.5:
        return "utf-32-be"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _fits(text: str, script: str | None) -> bool:
    """A guessed legacy decode: no C1 controls (the sign of a wrong 8-bit code page)
    and cue text in the script."""
    if _C1.search(text):
        return False
    return script is None or judge_script(text, script).ok


def primary_subtag(language: str | None) -> str:
    """A language tag's first subtag, lower case (``pt-BR`` -> ``pt``; None -> ``''``)."""
    return (language or "").split("-")[0].lower()


def _sample(text: str) -> str:
    """A short piece of the text with letters, to show what the decode produced."""
    for line in text.splitlines():
        if sum(c.isalpha() for c in line) >= 3 and "-->" not in line:
            return line.strip()[:40]
    return text.strip()[:40]
