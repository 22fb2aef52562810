"""``signoff import``: check sign-off files the proof pages saved, then record them.

Every file is checked before anything is recorded: its size and nesting (before
parsing), its shape, a language the workspace has, and every row against a row of
this workspace as it is now (kind, id and hashes). One bad file records nothing; the
error names each bad file and what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Workspace
from ..errors import ConfigError, ScreeningKitError
from ..fsio import read_limited
from .record import FOLDER, Recorded, Verdict, read_recorded, write_recorded
from .rows import KINDS, Row, workspace_rows

MAX_BYTES = 4 * 1024 * 1024  # 200 cues a page make about 60 KB; a whole feature 400 KB
MAX_DEPTH = 4  # {rows: [{...}]} is 3 levels
MAX_ROWS = 20_000  # the subtitle reader's limit per file
MAX_COMMENT = 2_000
MAX_NAME = 100
FIELDS = {"schema", "language", "reviewer", "date", "render", "builds", "rows"}
# "language": a row of a bilingual page in its second language (else the file's)
ROW_FIELDS = {"kind", "id", "language", "text_sha256", "timing_sha256", "verdict", "comment"}
_HEX64 = re.compile(r"[0-9a-f]{64}")
_RENDER = re.compile(r"[0-9a-f]{8,64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SignoffError(ConfigError):
    """A sign-off file that cannot be recorded."""


@dataclass(frozen=True)
class Signoff:
    path: Path
    sha256: str
    language: str
    reviewer: str
    date: str
    render: str
    verdicts: list[Verdict]
    by_language: dict[str, list[Verdict]]  # each row under its own language


def _depth(data: bytes) -> int:
    """The deepest nesting of brackets outside strings, without parsing."""
    depth = deepest = 0
    in_str = esc = False
    for b in data:
        if in_str:
            if esc:
                esc = False
            elif b == 0x5C:
                esc = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif b in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _text(doc: dict[str, Any], key: str, limit: int, where: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or len(value) > limit or _CONTROL.search(value):
        raise ValueError(f"{where}{key!r} must be text of at most {limit} characters")
    return value


def parse(path: Path, data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The file's fields, checked for shape only (not yet against the workspace)."""
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"it is over {MAX_BYTES // 1024 // 1024} MiB, far more than a sign-off holds"
        )
    if _depth(data) > MAX_DEPTH:
        raise ValueError(f"it is nested deeper than a sign-off ({MAX_DEPTH} levels)")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError(f"it is not JSON ({e})") from None
    if not isinstance(doc, dict) or set(doc) != FIELDS:
        keys = ", ".join(sorted(FIELDS))
        raise ValueError(f"it is not a sign-off file (expected the keys {keys})")
    if doc["schema"] != 1:
        raise ValueError(f"schema {doc['schema']!r} is not one this version reads (1)")
    for key in ("language", "render"):
        _text(doc, key, 64, "")
    _text(doc, "reviewer", MAX_NAME, "")
    if not doc["reviewer"].strip():
        raise ValueError("it names no reviewer")
    if not _RENDER.fullmatch(doc["render"]):
        raise ValueError("'render' is not a render id")
    try:
        when = dt.datetime.fromisoformat(_text(doc, "date", 40, ""))
    except ValueError:
        raise ValueError(f"'date' {doc['date']!r} is not an ISO 8601 date and time") from None
    if when.tzinfo is None:
        raise ValueError(f"'date' {doc['date']!r} has no time zone")
    builds = doc["builds"]
    if not isinstance(builds, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 64 and len(v) <= 64
        for k, v in builds.items()
    ):
        raise ValueError("'builds' must map country codes to build ids")
    rows = doc["rows"]
    if not isinstance(rows, list) or len(rows) > MAX_ROWS:
        raise ValueError(f"'rows' must be a list of at most {MAX_ROWS} rows")
    for n, r in enumerate(rows, 1):
        where = f"row {n}: "
        if not isinstance(r, dict) or set(r) - ROW_FIELDS or not {"kind", "id"} <= set(r):
            raise ValueError(f"{where}expected the keys {', '.join(sorted(ROW_FIELDS))}")
        if r["kind"] not in KINDS:
            raise ValueError(f"{where}kind {r['kind']!r} is none of {', '.join(KINDS)}")
        _text(r, "id", 400, where)
        if "language" in r:
            _text(r, "language", 64, where)
        if r.get("verdict") not in ("approved", "flagged"):
            raise ValueError(f"{where}verdict must be 'approved' or 'flagged'")
        if not isinstance(r.get("text_sha256"), str) or not _HEX64.fullmatch(r["text_sha256"]):
            raise ValueError(f"{where}text_sha256 is not a sha256")
        timing = r.get("timing_sha256")
        if (r["kind"] == "cue") != isinstance(timing, str) or (
            isinstance(timing, str) and not _HEX64.fullmatch(timing)
        ):
            raise ValueError(f"{where}timing_sha256 must be a sha256 for cues, absent otherwise")
        comment = r.get("comment", "")
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
            raise ValueError(f"{where}comment must be text of at most {MAX_COMMENT} characters")
        if _CONTROL.search(comment.replace("\n", " ").replace("\t", " ")):
            # it is printed by `check` and `signoff status`: no terminal escapes
            raise ValueError(f"{where}comment holds control characters")
    return doc, rows


def _match(rows: list[dict[str, Any]], lang: str, by_lang: dict[str, list[Row]]) -> list[str]:
    """What does not match this workspace now, row by row (each in its own language)."""
    current = {(code, r.key): r for code, rs in by_lang.items() for r in rs}
    problems = []
    for n, r in enumerate(rows, 1):
        key = f"{r['kind']} {r['id']}"
        row = current.get((r.get("language", lang), key))
        if row is None:
            in_lang = f" in {r['language']!r}" if "language" in r else ""
            problems.append(f"row {n} ({key}{in_lang}) is no row of this workspace")
        elif row.text_sha256 != r["text_sha256"]:
            problems.append(f"row {n} ({row.name}): its text hash is not the text in the file now")
        elif row.timing_sha256 != r.get("timing_sha256"):
            problems.append(f"row {n} ({row.name}): its timing hash is not the timing now")
    return problems


def check_file(path: Path, rows_by_lang: dict[str, list[Row]]) -> Signoff:
    data = read_limited(path, MAX_BYTES, "sign-off file")
    try:
        doc, rows = parse(path, data)
    except ValueError as e:
        raise SignoffError(f"not a usable sign-off file: {e}", path=path) from None
    lang = doc["language"]
    if lang not in rows_by_lang:
        raise SignoffError(
            f"it signs off language {lang!r}, which no country of this workspace uses",
            path=path,
            hint=f"languages here: {', '.join(sorted(rows_by_lang))}",
        )
    problems = _match(rows, lang, rows_by_lang)
    if problems:
        if len(problems) == len(rows):
            head = f"none of its {len(rows)} rows is a row of this workspace as it is now"
        else:
            head = f"{len(problems)} of its {len(rows)} rows do not match this workspace"
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        shown = "; ".join(problems[:5]) + more
        raise SignoffError(
            f"{head}: {shown}",
            path=path,
            hint="a sign-off from another workspace, a file edited by hand, or made from a "
            "proof page older than the texts: run `screening-kit proof` and sign off again",
        )
    reviewer = doc["reviewer"].strip()
    verdicts = [
        Verdict(
            r["kind"], r["id"], r["text_sha256"], r.get("timing_sha256"), r["verdict"],
            r.get("comment", "").strip(), reviewer, doc["date"],
        )
        for r in rows
    ]  # fmt: skip
    by_language: dict[str, list[Verdict]] = {}
    for r, v in zip(rows, verdicts, strict=True):
        by_language.setdefault(r.get("language", lang), []).append(v)
    return Signoff(
        path, hashlib.sha256(data).hexdigest(), lang, reviewer, doc["date"], doc["render"],
        verdicts, by_language,
    )  # fmt: skip


def dropped_files(root: Path) -> list[Path]:
    """Sign-off files saved into ``WORKSPACE/signoffs/``."""
    folder = root / FOLDER
    return sorted(folder.glob("signoff.*.json")) if folder.is_dir() else []


def import_signoffs(ws: Workspace, paths: list[Path]) -> list[Signoff]:
    """Check every file, then record them all; any bad file records nothing (one
    error naming each bad file)."""
    rows_by_lang = workspace_rows(ws)
    good: list[Signoff] = []
    bad: list[str] = []
    for path in paths:
        try:
            good.append(check_file(path, rows_by_lang))
        except ScreeningKitError as e:
            bad.append(str(e))
    if bad:
        raise SignoffError(
            f"{len(bad)} of {len(paths)} sign-off files cannot be recorded; nothing was "
            "recorded:\n  " + "\n  ".join(bad)
        )
    states: dict[str, Recorded] = {}
    for s in good:
        entry = {"file": s.path.name, "sha256": s.sha256, "reviewer": s.reviewer, "date": s.date,
                 "render": s.render}  # fmt: skip
        for lang, verdicts in s.by_language.items():
            state = states.get(lang) or read_recorded(ws.root, lang)
            states[lang] = state
            state.merge(verdicts)
            if entry not in state.imports:
                state.imports.append(entry)
    for state in states.values():
        write_recorded(ws.root, state)
    return good
