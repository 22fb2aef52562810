"""YAML with lines: load a file keeping its node tree, validate with errors that name
the file, the line and the key path."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import (
    BaseModel,
    ValidationError,
)

from ..errors import ConfigError
from ..fsio import read_limited
from .yamltext import decode_yaml, plain_syntax_error


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (deepest node found)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(part):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
            if node is not None:
                line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


# Every YAML file we read is small: a ceremony, a playlist, card texts, a captions
# file for a few thousand photos. These bounds keep a hostile or broken file from
# taking the machine's memory (alias bombs), its stack (deep nesting) or minutes.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_YAML_DEPTH = 64
MAX_YAML_NODES = 1_000_000  # nodes after expanding every alias


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that we refuse (too deep, a duplicate key), with its hint."""

    def __init__(self, problem: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting and duplicate keys while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise _Refused(
                f"nested more than {MAX_YAML_DEPTH} levels deep",
                mark,
                "no file screening-kit reads needs that much nesting: is this the right file?",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                continue
            first = seen.setdefault((key.tag, key.value), key)
            if first is not key:
                raise _Refused(
                    f"duplicate key {key.value!r}: also on line {first.start_mark.line + 1}",
                    key.start_mark,
                    "keep one of the two (YAML would silently use the last)",
                )
        return node


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the document holds once every alias is expanded, without expanding:
    each node's size is computed once. Refuses past the limit or on a cycle."""
    share = "anchors and aliases (&name, *name) may share a value, not multiply it"
    sizes: dict[int, int] = {}
    active: set[int] = set()
    # iterative post-order walk: the depth limit already holds, but stay off the stack
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if done:
            active.discard(id(node))
            size = 1 + sum(sizes[id(c)] for c in children)
            if size > MAX_YAML_NODES:
                raise _Refused(
                    f"its aliases expand to more than {MAX_YAML_NODES:,} values",
                    node.start_mark,
                    share,
                )
            sizes[id(node)] = size
            continue
        if id(node) in active:
            raise _Refused("an alias refers to the value that contains it", node.start_mark, share)
        active.add(id(node))
        stack.append((node, True))
        for c in children:
            if id(c) in active:
                raise _Refused("an alias refers to the value that contains it", c.start_mark, share)
            stack.append((c, False))
    return sizes[id(root)]


def _read_limited(path: Path) -> bytes:
    data = read_limited(path, MAX_YAML_BYTES, "YAML file")
    if len(data) > MAX_YAML_BYTES:
        raise ConfigError(
            f"file too large for a YAML file here (over {MAX_YAML_BYTES // 2**20} MiB)",
            path=path,
            hint="is this the right file? ceremony, playlist, card and caption files are small",
        )
    return data


def load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The one YAML loader: size, depth, alias-expansion and duplicate-key limits,
    parsed once (composed to nodes, which give line numbers, then constructed)."""
    text = decode_yaml(_read_limited(path), path)
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, None
        _expanded_size(node)
        data = loader.construct_document(node)
    except _Refused as e:
        mark = e.problem_mark
        raise ConfigError(
            str(e.problem), path=path, line=mark.line + 1 if mark else None, hint=e.hint
        ) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        plain = plain_syntax_error(e.problem, text, mark.line) if mark else None
        message, hint = plain or (
            f"YAML syntax error: {e.problem or e}",
            "check indentation and quoting on that line",
        )
        raise ConfigError(
            message, path=path, line=mark.line + 1 if mark else None, hint=hint
        ) from None
    except yaml.YAMLError as e:  # ReaderError: a control character, bad encoding
        raise ConfigError(f"YAML error: {e}", path=path) from None
    except (ValueError, TypeError, OverflowError) as e:
        # a date such as 2025-02-30 fails in construction, after parsing
        raise ConfigError(f"YAML value refused: {e}", path=path) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, node


M = TypeVar("M", bound=BaseModel)


def format_loc(loc: Sequence[int | str]) -> str:
    """A key path written one way everywhere: ``countries.KZ.language``, ``items[1].video``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(top level)"


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate nearest ``word`` (difflib's ratio, case ignored), or None."""
    pool = {c.lower(): c for c in candidates}
    found = difflib.get_close_matches(word.lower(), list(pool), n=1, cutoff=cutoff)
    return pool[found[0]] if found else None


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``; anything else as it is."""
    if get_origin(tp) in (Union, UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def type_at(model: type[BaseModel], loc: Sequence[int | str]) -> Any:
    """The annotation found by following ``loc`` through models, lists and dicts."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(str(part))
            if info is None:
                return None
            tp = info.annotation
        elif get_origin(tp) in (list, tuple) and isinstance(part, int):
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


@dataclass(frozen=True)
class Problem:
    """One validation problem: where (line, key path) and what, suggestion included."""

    line: int | None
    loc: str
    message: str

    def render(self, path: Path) -> str:
        return f"{path}{f':{self.line}' if self.line else ''}: {self.loc}: {self.message}"


def _clean_loc(loc: Sequence[int | str], data: Any) -> tuple[int | str, ...]:
    """The location in the user's data: pydantic adds validator and union-member tags
    ("function-after[...]", "constrained-float") that are no key of the file."""
    out: list[int | str] = []
    cur = data
    for i, part in enumerate(loc):
        found, nxt = _step(cur, part)
        last_missing = i == len(loc) - 1 and isinstance(cur, dict)
        if not found and not (last_missing and not str(part).startswith(("function-", "literal["))):
            continue
        cur = nxt
        out.append(part)
    return tuple(out)


def _step(cur: Any, part: int | str) -> tuple[bool, Any]:
    if isinstance(cur, dict) and part in cur:
        return True, cur[part]
    if isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
        return True, cur[part]
    return False, None


def _literal_values(tp: Any) -> list[str]:
    if get_origin(tp) is Literal:
        return [str(a) for a in get_args(tp)]
    if get_origin(tp) in (Union, UnionType):
        return [v for member in get_args(tp) for v in _literal_values(member)]
    return []


def problems_of(
    model: type[BaseModel], error: ValidationError, node: yaml.Node | None, data: Any = None
) -> list[Problem]:
    """Every error of ``error``, each with its line, a suggestion where one is close,
    the allowed keys of a mapping with an unknown key, and the allowed values."""
    errs = [(e, _clean_loc(e["loc"], data)) for e in error.errors()]
    missing = {loc for e, loc in errs if e["type"] == "missing"}
    out: dict[tuple[int | str, ...], Problem] = {}
    folded: set[tuple[int | str, ...]] = set()
    # a value no member of a union accepts fails once per member: say it once
    literal_locs = {loc for e, loc in errs if e["type"] == "literal_error"}
    for e, loc in errs:
        kind = e["type"]
        msg = str(e["msg"]).removeprefix("Value error, ")
        if loc in literal_locs and kind != "literal_error":
            continue
        if kind == "extra_forbidden" and loc:
            parent = type_at(model, loc[:-1])
            allowed = list(parent.model_fields) if _is_model(parent) else []
            guess = closest(str(loc[-1]), allowed)
            msg = f"unknown key {str(loc[-1])!r}"
            if guess is not None:
                msg += f": did you mean {guess!r}?"
                if (*loc[:-1], guess) in missing:
                    msg += f" ({guess!r} is required)"
                    folded.add((*loc[:-1], guess))
            if allowed:
                msg += f" (allowed keys: {', '.join(allowed)})"
        elif kind == "missing":
            msg = "required key missing"
        elif kind == "literal_error":
            tp = type_at(model, loc)
            allowed_values = _literal_values(tp)
            number = len(get_args(tp)) > 1 and any(
                get_origin(m) is Annotated or m in (int, float) for m in get_args(tp)
            )
            msg = f"{e.get('input')!r} is not one of {', '.join(allowed_values)}"
            msg += " (or a number)" if number else ""
            guess = closest(str(e.get("input")), allowed_values)
            if guess is not None:
                msg += f": did you mean {guess!r}?"
        out.setdefault(loc, Problem(line_of(node, loc), format_loc(loc), msg))
    # a misspelt required key: the unknown key's message already says so
    return [p for loc, p in out.items() if loc not in folded]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def problems_error(path: Path, problems: list[Problem], hint: str | None = None) -> ConfigError:
    """One ConfigError holding every problem, in file order, each on its own line."""
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.loc))
    first, rest = ordered[0], ordered[1:]
    text = f"{first.loc}: {first.message}" + "".join(f"\n{p.render(path)}" for p in rest)
    return ConfigError(text, path=path, line=first.line, hint=hint)


def validate_data(model: type[M], data: Any, node: yaml.Node | None, path: Path) -> M:
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise problems_error(path, problems_of(model, e, node, data)) from None


def node_at(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under ``key`` of a mapping node (None when absent)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v  # type: ignore[no-any-return]
    return None


def wrap_lines(node: yaml.Node | None) -> yaml.Node | None:
    """Present a card's value node as the ``lines`` key for line lookup."""
    if node is None:
        return None
    key = yaml.ScalarNode("tag:yaml.org,2002:str", "lines", node.start_mark, node.end_mark)
    return yaml.MappingNode("tag:yaml.org,2002:map", [(key, node)], node.start_mark, node.end_mark)
