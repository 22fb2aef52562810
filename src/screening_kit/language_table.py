"""What `screening-kit languages` shows: each language with its CLDR names, script,
direction, resolved font and QC limits, as a table or JSON."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass

from .config import Language, Workspace
from .errors import FontError
from .fonts import debian_package, resolve_font
from .languages import describe, known_tags, script_name


@dataclass(frozen=True)
class LanguageRow:
    tag: str
    english_name: str
    native_name: str
    script: str  # ISO 15924
    script_name: str
    direction: str  # "rtl" or "ltr"
    family: str  # QC script family
    chars_per_line: int
    cps_warn: float
    cps_error: float
    font: str | None  # resolved family; None: not installed
    font_file: str | None
    debian_package: str
    problem: str | None  # why no font was found

    @property
    def installed(self) -> bool:
        return self.font is not None


def _row(lang: Language) -> LanguageRow:
    rules = lang.rules
    font, problem = None, None
    try:
        font = resolve_font(lang)
    except FontError as e:
        problem = e.message + (f" ({e.hint})" if e.hint else "")
    return LanguageRow(
        lang.code,
        lang.name,
        lang.native_name,
        lang.script,
        script_name(lang.script),
        "rtl" if lang.rtl else "ltr",
        rules.family,
        rules.max_chars_per_line,
        rules.cps_warn,
        rules.cps_error,
        font.family if font else None,
        str(font.path) + (f"#{font.index}" if font and font.index else "") if font else None,
        debian_package(lang),
        problem,
    )


def language_rows(ws: Workspace | None = None) -> list[LanguageRow]:
    """The workspace's languages (with its `name:`, `script:`, `font:`), or without one
    every language CLDR has locale data for in a script we know."""
    if ws is not None:
        return [_row(lang) for lang in ws.languages.values()]
    rows = []
    for tag in known_tags():
        info = describe(tag)
        rows.append(_row(Language(tag, "", info.script, None)))
    return rows


def _width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(
        0
        if unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in text
    )


COLUMNS = ("tag", "name", "native", "script", "dir", "chars/line", "chars/s", "font", "file")


def pair_lines(ws: Workspace) -> list[str]:
    """The workspace's bilingual countries (config.bilingual), one line each."""
    out = []
    for code, spec in ws.ceremony.countries.items():
        if spec.second_language is not None:
            first, second = spec.language, spec.second_language
            where = "at the top" if spec.layout == "top-bottom" else "above it"
            out.append(f"{code}: {first} + {second} on one screen ({first} at the bottom, "
                       f"{second} {where})")  # fmt: skip
    return out


def render_languages(rows: list[LanguageRow], pairs: list[str] | None = None) -> str:
    table = [COLUMNS]
    for r in rows:
        table.append(
            (
                r.tag,
                r.english_name,
                # an isolate keeps a right-to-left name from reordering the columns after it
                f"\u2068{r.native_name}\u2069",
                f"{r.script} ({r.script_name})",
                r.direction,
                str(r.chars_per_line),
                f"{r.cps_warn:g}/{r.cps_error:g}",
                r.font or "NOT INSTALLED",
                r.font_file or f"apt-get install {r.debian_package}",
            )
        )
    widths = [max(_width(row[i]) for row in table) for i in range(len(COLUMNS) - 1)]
    lines = [
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        for row in table
    ]
    missing = [r for r in rows if not r.installed]
    summary = f"{len(rows)} language{'s' if len(rows) != 1 else ''}" + (
        f", {len(missing)} without an installed font" if missing else ", every font installed"
    )
    problems = [f"{r.tag}: {r.problem}" for r in missing]
    return "\n".join([*lines, *problems, *(pairs or []), summary])


def language_pairs(ws: Workspace) -> dict[str, list[dict[str, object]]]:
    """language -> the bilingual countries (config.bilingual) it is one of the pair in."""
    out: dict[str, list[dict[str, object]]] = {}
    for code, spec in ws.ceremony.countries.items():
        if spec.second_language is not None:
            both = [spec.language, spec.second_language]
            pair: dict[str, object] = {"country": code, "languages": both, "layout": spec.layout}
            for lang in (spec.language, spec.second_language):
                out.setdefault(lang, []).append(pair)
    return out


def languages_json(
    rows: list[LanguageRow], pairs: dict[str, list[dict[str, object]]] | None = None
) -> str:
    """The rows as a JSON list; with a workspace, each row's ``pairs``: the bilingual
    countries it is shown in, with the other language."""
    return json.dumps(
        [
            asdict(r)
            | {"installed": r.installed}
            | ({"pairs": pairs.get(r.tag, [])} if pairs is not None else {})
            for r in rows
        ],
        ensure_ascii=False,
        indent=2,
    )
