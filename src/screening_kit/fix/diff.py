"""A unified diff fast enough for 25 feature-length subtitle files.

``difflib.unified_diff`` took 2.8 s for one 1,500-cue file with a third of its
times changed (SequenceMatcher looks for the longest match everywhere). A fixed
file keeps almost every line where it was and most lines are unique (cue
numbers, times, texts), so the lines unique in both files and in the same order
(patience diff) anchor the alignment; difflib only runs on the few lines between
two anchors.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

Block = tuple[int, int, int]  # a[i:i+n] == b[j:j+n]


def _anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """(i, j) of lines unique in both, the longest run increasing in both (patience)."""
    ca, cb = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if cb[line] == 1}
    pairs = [(i, where_b[x]) for i, x in enumerate(a) if ca[x] == 1 and x in where_b]
    tails: list[int] = []  # smallest j ending an increasing run of each length
    tail_at: list[int] = []  # index into pairs of that run's end
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        back.append(tail_at[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _blocks(a: Sequence[str], b: Sequence[str], ia: int, jb: int, out: list[Block]) -> None:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    if n:
        out.append((ia, jb, n))
    a, b, ia, jb = a[n:], b[n:], ia + n, jb + n
    m = 0
    while m < len(a) and m < len(b) and a[-1 - m] == b[-1 - m]:
        m += 1
    core_a, core_b = a[: len(a) - m], b[: len(b) - m]
    anchors = _anchors(core_a, core_b) if core_a and core_b else []
    if anchors:
        pi, pj = 0, 0
        for i, j in anchors:
            _blocks(core_a[pi:i], core_b[pj:j], ia + pi, jb + pj, out)
            out.append((ia + i, jb + j, 1))
            pi, pj = i + 1, j + 1
        _blocks(core_a[pi:], core_b[pj:], ia + pi, jb + pj, out)
    elif core_a and core_b:
        for i, j, size in SequenceMatcher(
            None, core_a, core_b, autojunk=False
        ).get_matching_blocks():
            if size:
                out.append((ia + i, jb + j, size))
    if m:
        out.append((ia + len(a) - m, jb + len(b) - m, m))


class _Matcher(SequenceMatcher):  # type: ignore[type-arg]
    """difflib's opcodes and hunk grouping over the patience alignment."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        blocks: list[Block] = []
        _blocks(a, b, 0, 0, blocks)
        merged: list[Block] = []
        for i, j, n in sorted(blocks):
            if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
                merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
            else:
                merged.append((i, j, n))
        self._blocks = [*merged, (len(a), len(b), 0)]

    def get_matching_blocks(self) -> list[Block]:  # type: ignore[override]
        return self._blocks


def _range(start: int, length: int) -> str:
    return f"{start + 1 if length else start},{length}" if length != 1 else f"{start + 1}"


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str) -> Iterator[str]:
    """Like ``difflib.unified_diff`` (3 lines of context) on lines that keep their ends."""
    started = False
    for group in _Matcher(a, b).get_grouped_opcodes(3):
        if not started:
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
            started = True
        first, last = group[0], group[-1]
        yield (
            f"@@ -{_range(first[1], last[2] - first[1])} "
            f"+{_range(first[3], last[4] - first[3])} @@\n"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])
