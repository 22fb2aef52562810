"""What the workspace calls things: languages resolved from CLDR with the workspace's
overrides, names that become parts of paths checked, and the language meant by a typo."""

from __future__ import annotations

import locale
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..languages import (
    SCRIPTS,
    ScriptInfo,
    ScriptRules,
    UnknownLanguage,
    describe,
    known_tags,
    language_tag_problem,
    rules_for,
    script_code,
)
from .models import (
    Ceremony,
    LanguageSpec,
    id_problem,
)
from .yamlio import (
    closest,
    format_loc,
)


@dataclass(frozen=True)
class Language:
    code: str  # the BCP 47 tag as written in the workspace
    given_name: str  # the workspace's `name:`; "" for CLDR's English name
    script: str  # ISO 15924 (an old name such as "latin" is accepted and converted)
    font_family: str | None  # explicit choice; None: resolved by language and script

    def __post_init__(self) -> None:
        object.__setattr__(self, "script", script_code(self.script) or self.script)

    @property
    def name(self) -> str:
        if self.given_name:
            return self.given_name
        try:
            return describe(self.code).english_name
        except UnknownLanguage:
            return self.code

    @property
    def native_name(self) -> str:
        """CLDR's name of the language in itself (the English name when CLDR has none)."""
        try:
            return describe(self.code).native_name
        except UnknownLanguage:
            return self.name

    @property
    def rules(self) -> ScriptRules:
        return rules_for(self.script)

    @property
    def script_info(self) -> ScriptInfo | None:
        return SCRIPTS.get(self.script)

    @property
    def rtl(self) -> bool:
        return self.script_info is not None and self.script_info.rtl

    @property
    def subtag(self) -> str:
        """The language subtag (``uz`` of ``uz-Cyrl``; ``he`` of the deprecated ``iw``)."""
        try:
            return describe(self.code).language
        except UnknownLanguage:
            return self.code.split("-")[0].lower()


def resolve_languages(
    c: Ceremony, skip: set[str]
) -> tuple[dict[str, Language], list[tuple[tuple[int | str, ...], str]]]:
    """Every language the workspace names, from CLDR (name, likely script) with the
    workspace's `name:`, `script:` and `font:` on top; and the problems found, each
    with its location. ``skip``: tags already reported as malformed."""
    out: dict[str, Language] = {}
    problems: list[tuple[tuple[int | str, ...], str]] = []
    where: dict[str, tuple[int | str, ...]] = {}
    for country_code, country in c.countries.items():
        where.setdefault(country.language, ("countries", country_code, "language"))
        if country.second_language is not None:
            where.setdefault(country.second_language, ("countries", country_code, "languages", 1))
    for code in c.languages:
        where[code] = ("languages", code)
    for code in sorted(set(where) - skip):
        spec = c.languages.get(code, LanguageSpec())
        try:
            info = describe(code)
        except UnknownLanguage as e:
            near = str(where[code][1]) if where[code][0] == "countries" else ""
            guess = suggest_language(code, near, c.languages)
            problems.append(
                (
                    where[code],
                    f"unknown language {code!r}"
                    + (f": did you mean {guess!r}?" if guess else "")
                    + f" ({e.reason})",
                )
            )
            continue
        script = info.script
        if spec.script is not None:
            found = script_code(spec.script)
            if found is None:
                problems.append(
                    (
                        ("languages", code, "script"),
                        f"unknown script {spec.script!r}: use an ISO 15924 code "
                        f"({', '.join(SCRIPTS)})",
                    )
                )
                continue
            script = found
        elif script not in SCRIPTS:
            problems.append(
                (
                    where[code],
                    f"{info.english_name} is written in script {script!r}, which "
                    f"screening-kit has no fonts or limits for: set `languages: {code}: "
                    f"script:` to one of {', '.join(SCRIPTS)}",
                )
            )
            continue
        out[code] = Language(code, spec.name or "", script, spec.font)
    return out, problems


def check_names(c: Ceremony) -> list[tuple[tuple[int | str, ...], str, str]]:
    """Names that become parts of paths: country codes and profile names are ids,
    language keys are language tags (checked for their shape only). Each problem as
    (location for its line, location shown, message)."""
    out: list[tuple[tuple[int | str, ...], str, str]] = []
    for code in c.countries:
        problem = id_problem(code)
        if problem:
            out.append((("countries", code), "countries", f"country code {code[:80]!r}: {problem}"))
    for name in c.profiles:
        problem = id_problem(name)
        if problem:
            out.append((("profiles", name), "profiles", f"profile name {name[:80]!r}: {problem}"))
    for tag in c.languages:
        problem = language_tag_problem(tag)
        if problem:
            out.append((("languages", tag), "languages", f"{tag[:80]!r}: {problem}"))
    for code, country in c.countries.items():
        named: list[tuple[tuple[int | str, ...], str]] = [
            (("countries", code, "language"), country.language)
        ]
        if country.second_language is not None:
            named.append((("countries", code, "languages", 1), country.second_language))
        for loc, tag in named:
            problem = language_tag_problem(tag)
            if problem:
                guess = suggest_language(tag, code, c.languages)
                out.append(
                    (
                        loc,
                        format_loc(loc),
                        f"{tag[:80]!r}: {problem}"
                        + (f": did you mean {guess!r}?" if guess else ""),
                    )
                )
    return out


def suggest_language(value: str, country: str, known: Iterable[str]) -> str | None:
    """The language meant by ``value``: the workspace's languages and the ones we know,
    by closeness, or the language of the country whose code was written instead
    (``kz`` for Kazakhstan means ``kk``; the C library's locale names tell which)."""
    cldr = known_tags()
    pool = sorted(set(known) | set(cldr))
    spoken = sorted(
        {
            name.split("_")[0]
            for name in locale.locale_alias
            if "_" in name and re.split(r"[._@]", name.split("_", 1)[1])[0] == value.lower()
        }
        & set(pool)
    )
    if len(spoken) == 1:
        return spoken[0]
    if len(value) > 3:  # a language's name written for its code: "english", "Kazakh"
        names = {describe(code).english_name: code for code in cldr}
        by_name = closest(value, names, cutoff=0.75)
        if by_name is not None:
            return names[by_name]
    return closest(value, pool, cutoff=0.75 if len(value) > 3 else 0.5)
