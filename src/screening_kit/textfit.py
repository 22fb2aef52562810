"""Will this text fit? Line breaking and measuring for title cards and photo captions.

We break lines ourselves (explicit ``\\N`` in the ASS) so that what we check is
what libass draws. Break opportunities come from ICU's line breaker (UAX 14 with
dictionaries: Thai, Lao, Khmer and Myanmar words, CJK between characters with
kinsoku, Ethiopic and Tibetan separators), through ``icu4py``. Widths come from
shaping each candidate line with HarfBuzz, the engine libass itself uses: Arabic
contextual forms, Indic conjuncts and Thai marks all change widths, so summed
advance widths would be wrong. Everything but ``load_metrics`` is pure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from icu4py.breakers import LineBreaker

# libass shapes with kerning off unless the script says "Kerning: yes" (ours does not)
_FEATURES = {"kern": False}
# the outline libass draws around each glyph reaches past its advance: at most this
# share of the frame height on each side (cards 0.002, captions 0.003, plus antialiasing)
OUTLINE_ALLOWANCE = 0.004
# a title in a family without a bold face is emboldened by libass: about this much wider
SYNTHETIC_BOLD_WIDEN = 1.06


class _Face:
    def __init__(self, path: Path, index: int) -> None:
        blob = hb.Blob.from_file_path(str(path))
        face = hb.Face(blob, index)
        self.upem = int(face.upem)
        self.font = hb.Font(face)

    def advance(self, text: str) -> int:
        """Width of ``text`` shaped as one run, in font units."""
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self.font, buf, _FEATURES)
        return int(sum(p.x_advance for p in buf.glyph_positions))

    def has(self, ch: str) -> bool:
        return self.font.get_nominal_glyph(ord(ch)) is not None


class FontMetrics:
    """Shaped widths in one font (and its bold face for titles).

    Noto's script fonts (Hebrew, Thai, Ethiopic, Georgian, ...) hold no Latin letters,
    digits or common punctuation: they are made to be used with Noto Sans. A
    ``companion`` draws what the font lacks, through explicit ``\\fn`` runs in the
    ASS (``ass_runs``), scaled to the same em, so libass never picks a fallback we
    did not measure."""

    def __init__(
        self,
        path: Path,
        index: int,
        line_factor: float,
        bold: tuple[Path, int] | None = None,
        companion: tuple[str, Path, int, float] | None = None,
    ) -> None:
        self.regular = _Face(path, index)
        self.bold = _Face(*bold) if bold is not None else None
        self.line_factor = line_factor  # libass line height (win ascent + descent) in em
        self.family = ""  # set by fonts.font_metrics: the family libass is given
        self.companion: _Face | None = None
        self.companion_family = ""
        self.companion_scale = 1.0  # glyph scale that gives the companion the same em
        if companion is not None:
            family, cpath, cindex, cfactor = companion
            self.companion = _Face(cpath, cindex)
            self.companion_family = family
            self.companion_scale = cfactor / line_factor

    def _from_companion(self, ch: str) -> bool:
        return (
            self.companion is not None
            and not ch.isspace()
            and not self.regular.has(ch)
            and self.companion.has(ch)
        )

    def runs(self, text: str) -> list[tuple[str, bool]]:
        """``text`` cut into runs, each flagged True when the companion draws it."""
        out: list[tuple[str, bool]] = []
        for ch in text:
            comp = self._from_companion(ch) if not ch.isspace() or not out else out[-1][1]
            if out and out[-1][1] == comp:
                out[-1] = (out[-1][0] + ch, comp)
            else:
                out.append((ch, comp))
        return out

    @functools.lru_cache(maxsize=4096)  # noqa: B019 -- metrics live as long as the process
    def _units(self, text: str, bold: bool) -> float:
        total = 0.0
        for run, comp in self.runs(text):
            if comp and self.companion is not None:
                face, widen = self.companion, SYNTHETIC_BOLD_WIDEN if bold else 1.0
                total += widen * face.advance(run) / face.upem * self.companion_scale
            elif bold and self.bold is not None:
                total += self.bold.advance(run) / self.bold.upem
            else:
                widen = SYNTHETIC_BOLD_WIDEN if bold else 1.0
                total += widen * self.regular.advance(run) / self.regular.upem
        return total

    def width(self, text: str, em_px: float, bold: bool = False) -> float:
        """Width in pixels of ``text`` drawn at ``em_px`` pixels per em."""
        return self._units(text, bold) * em_px

    def ass_runs(self, ass: str) -> str:
        """ASS event text with the companion's runs switched to it by ``\\fn`` (and
        scaled to the same em); override blocks and escapes pass through untouched."""
        if self.companion is None:
            return ass
        scale = round(100 * self.companion_scale)
        on = f"{{\\fn{self.companion_family}" + (
            f"\\fscx{scale}\\fscy{scale}}}" if scale != 100 else "}"
        )
        off = f"{{\\fn{self.family}" + ("\\fscx100\\fscy100}" if scale != 100 else "}")
        out: list[str] = []
        inside = False
        for token in _ASS_TOKEN.findall(ass):
            if token in ("\\N", "\\n") and inside:
                # close the run at a line break: lines may become events of their own
                out.append(off)
                inside = False
            elif len(token) == 1 and not token.isspace():
                comp = self._from_companion(token)
                if comp != inside:
                    out.append(on if comp else off)
                    inside = comp
            out.append(token)
        if inside:
            out.append(off)
        return "".join(out)


# override blocks, escapes (\N \h \{ \} and a backslash kept as text by a word
# joiner) and single characters
_ASS_TOKEN = re.compile(r"\{[^}]*\}|\\[Nnh{}]|\\\u2060|.", re.S)


@functools.cache
def load_metrics(
    path: Path,
    index: int,
    line_factor: float,
    bold_path: Path | None = None,
    bold_index: int = 0,
    family: str = "",
    companion: tuple[str, Path, int, float] | None = None,
) -> FontMetrics:
    bold = (bold_path, bold_index) if bold_path is not None else None
    metrics = FontMetrics(path, index, line_factor, bold, companion)
    metrics.family = family
    return metrics


class DoesNotFit(ValueError):
    """The text cannot be laid out inside the box; the message says why."""


def segments(text: str, locale: str = "") -> list[str]:
    """The text cut at every line-break opportunity (UAX 14 + ICU dictionaries);
    each piece keeps the spaces that follow it."""
    text = " ".join(text.split())  # a line break inside a card line reads as a space
    if not text:
        return []
    # strict: no break before small kana or the prolonged sound mark (subtitle practice)
    pieces = segments_raw(text, locale)
    if locale.split("-")[0].lower() == "ko":
        # Korean is set word by word (CSS word-break: keep-all): breaks only at spaces
        words: list[str] = []
        for piece in pieces:
            if words and not words[-1][-1].isspace():
                words[-1] += piece
            else:
                words.append(piece)
        return words
    return pieces


def break_offsets(text: str, locale: str = "") -> list[int]:
    """Offsets inside ``text`` (0 < k < len) where a line may break, as ICU says
    (strict line breaking, as ``segments``)."""
    offsets: list[int] = []
    at = 0
    for piece in segments_raw(text, locale)[:-1]:
        at += len(piece)
        offsets.append(at)
    return offsets


def segments_raw(text: str, locale: str = "") -> list[str]:
    """ICU's pieces of ``text`` as written (no whitespace folding)."""
    if not text:
        return []
    return list(LineBreaker(text, (locale.replace("-", "_") or "root") + "@lb=strict"))


def _greedy(
    pieces: Sequence[str], metrics: FontMetrics, em_px: float, max_w: float, bold: bool
) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in pieces:
        candidate = line + piece
        if line and metrics.width(candidate.rstrip(), em_px, bold) > max_w:
            lines.append(line.rstrip())
            candidate = piece
        line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap(
    text: str,
    metrics: FontMetrics,
    em_px: float,
    max_w: float,
    *,
    locale: str = "",
    bold: bool = False,
) -> list[str]:
    """Lines of ``text`` no wider than ``max_w`` px, balanced like libass's smart wrap.

    Raises DoesNotFit when a single unbreakable piece is wider than ``max_w``.
    """
    pieces = segments(text, locale)
    for piece in pieces:
        if metrics.width(piece.rstrip(), em_px, bold) > max_w:
            raise DoesNotFit(
                f"{piece.strip()!r} is wider than the title-safe area and cannot be broken"
            )
    lines = _greedy(pieces, metrics, em_px, max_w, bold)
    # narrow the width while the line count holds: evenly long lines read better
    lo, hi = 0.0, max_w
    widest_piece = max((metrics.width(p.rstrip(), em_px, bold) for p in pieces), default=0.0)
    for _ in range(12):
        mid = (lo + hi) / 2
        if widest_piece <= mid and len(_greedy(pieces, metrics, em_px, mid, bold)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return _greedy(pieces, metrics, em_px, hi, bold)


@dataclass(frozen=True)
class Block:
    """Lines of one text at one size."""

    lines: tuple[str, ...]
    font_size: int  # ASS font size: libass's line height in pixels


def layout(
    texts: list[str],
    ems: list[float],
    metrics: FontMetrics,
    width: int,
    height: int,
    gap: float,
    max_lines: int | None = None,
    bold_first: bool = False,
    locale: str = "",
) -> list[Block]:
    """Wrap each text at its size (em as a share of frame height) inside the 90% box.

    ``gap`` (share of frame height) is the space between the texts, all together.
    Raises DoesNotFit naming the text when it cannot fit.
    """
    box_w, box_h = 0.9 * width - 2 * OUTLINE_ALLOWANCE * height, 0.9 * height
    blocks: list[Block] = []
    for i, (text, em) in enumerate(zip(texts, ems, strict=True)):
        # the ASS size is a whole number of pixels of line height: libass draws the em
        # that size gives, so measure at that em, not the one asked for
        size = round(em * height * metrics.line_factor)
        em_px = size / metrics.line_factor
        try:
            lines = wrap(text, metrics, em_px, box_w, locale=locale, bold=bold_first and i == 0)
        except DoesNotFit as e:
            raise DoesNotFit(f"line {i + 1}: {e}") from None
        if max_lines is not None and len(lines) > max_lines:
            raise DoesNotFit(f"line {i + 1} needs {len(lines)} lines (at most {max_lines})")
        blocks.append(Block(tuple(lines), size))
    total = sum(b.font_size * len(b.lines) for b in blocks) + gap * height
    if total > box_h:
        raise DoesNotFit(
            f"the text needs {total / height:.0%} of the frame height after wrapping; "
            "the title-safe area is 90%"
        )
    return blocks


# what a line of each script is mostly made of: their mean advance is a typical
# character's width (subtitle lines are read, not measured, by the QC's limit)
SCRIPT_SAMPLES = {
    "Latn": "abcdefghijklmnopqrstuvwxyz ",
    "Cyrl": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ",
    "Arab": "ابتثجحخدذرزسشصضطظعغفقكلمنهوی ",
    "Kore": "가나다라마바사아자차카타파하",
    "Jpan": "あいうえおかきくけこ日本語字幕",
}
SUBTITLE_WIDTH = 0.88  # of the frame width: title-safe (90%) less 1% margin each side
# real lines run wider than the sample's mean (capitals, wide letters): the estimate
# of characters per line keeps this much in hand
TYPICAL_TEXT_MARGIN = 0.94


def chars_per_line(metrics: FontMetrics, script: str, em: float, aspect: float) -> int:
    """Characters of typical text that fit one subtitle line at ``em`` (visual size as
    a share of frame height) in a frame of ``aspect`` (width / height). A script without
    a sample is left to its family's limit (a very large number is returned)."""
    sample = SCRIPT_SAMPLES.get(script)
    if sample is None:
        return 10**6
    per_char = metrics.width(sample, 1.0) / len(sample)  # in em
    return int(SUBTITLE_WIDTH * aspect * TYPICAL_TEXT_MARGIN / (em * per_char))
