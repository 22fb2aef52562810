"""Every check rule, listed once: its id, severity, what it finds and what `fix` does
about it. `check`, `build` (which runs the same checks first), package.json (the
findings' rules), docs/subtitle-qc.md (its rule table is this table, see
``markdown_table``) and the rule tests read it; a finding whose rule is not here
cannot be made (``findings.Finding``).

Registering a rule is one line in ``RULES``. The thresholds the rules and `fix`
share are here too, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# thresholds (Netflix Timed Text Style Guide: timing, lines; docs/subtitle-qc.md)
MAX_LINES = 2
MIN_DURATION = Fraction(5, 6)  # seconds
MAX_DURATION = Fraction(7)
MIN_GAP_FRAMES = 2  # between cues, counted on the film's frame grid
# two languages on one screen (qc.bilingual): lines of both at once; timings apart
MAX_PAIR_LINES = 4
PAIR_DRIFT_FRAMES = 3


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error | warning | info | warning/error (by how far over)
    finds: str
    fix: str = ""  # what `screening-kit fix` does about it; empty: it does not


# one line per rule: (id, severity, what it finds, what `fix` does)
_ROWS = [
    ("missing-subtitles", "error", "a country needs the film in a language that has no subtitle file"),
    ("encoding", "error", "the bytes do not decode, or decode to the wrong script for the language (a warning when the encoding stated in ceremony.yaml decodes the file: used as stated, check it)"),
    ("unreadable", "error", "the file cannot be parsed as SRT or WebVTT"),
    ("bad-timing", "warning", "a block whose timing line cannot be read: left out, named by its line (W3C WebVTT parsing)"),
    ("text-outside-cue", "warning", "WebVTT text that belongs to no cue (after a blank line inside a cue): left out, named by its line"),
    ("mojibake", "warning", "what a bad earlier conversion left in a cue (U+FFFD, `Ã©`): the file is read, the cue named"),
    ("font", "error", "no installed font for the language (or a font libass draws wrong, such as Nastaliq, when Pillow has no raqm to draw it instead)"),
    ("overlap", "error", "a cue starts before an earlier one ends"),
    ("duration-nonpositive", "error", "the end time is at or before the start time"),
    ("past-film-end", "error", "a cue starts or ends after the film's end"),
    ("duration-short", "warning", "on screen less than 5/6 s", "extends it to 5/6 s where the next cue and shot changes leave room"),
    ("duration-long", "warning", "on screen more than 7 s"),
    ("gap-short", "warning", f"less than {MIN_GAP_FRAMES} frames between cues (on the film's frame grid)", f"shortens the earlier cue to leave {MIN_GAP_FRAMES} frames, unless that makes it too short"),
    ("lines-per-cue", "error", f"more than {MAX_LINES} lines (three cover the picture)", "re-breaks the text into two lines where it fits"),
    ("chars-per-line", "error", "a line longer than the script family's limit (CJK: half-width counts 0.5; marks count 0)", "re-breaks the text where two lines hold it"),
    ("manual-break", "error", "a run without spaces wider than the screen: libass wraps only at spaces"),
    ("reading-speed", "warning/error", "characters per second above the script's lower / upper limit"),
    ("missing-glyph", "error", "the font (and its companion, Noto Sans) has no glyph for a character of a cue, card or caption"),
    ("normalised", "warning", "the text was changed on reading (NFC, Persian yeh/kaf, Uzbek oʻ/gʻ)", "writes the normalised text"),
    ("shot-change-in", "warning", "starts 1 to window-1 frames after a shot change", "moves the in-time onto the shot change"),
    ("shot-change-out", "warning", f"ends 1 to window-1 frames before a shot change, other than the {MIN_GAP_FRAMES}-frame gap (ending on it is accepted too)", f"ends it {MIN_GAP_FRAMES} frames before the shot change"),
    ("shot-change-crossed", "warning", "crosses a shot change and shows fewer than the window's frames on one side (a flash over the cut)", "moves the in- or out-time to the shot change"),
    ("gap-chain", "info", f"a gap above {MIN_GAP_FRAMES} frames and within the shot window, no shot change inside", f"closes it to {MIN_GAP_FRAMES} frames where no shot change is near the new out-time"),
    ("blank-line-in-cue", "warning", "a blank line inside a cue (it would end the cue for other readers)", "drops the blank line"),
    ("markup-dropped", "warning", "markup libass would show as text, removed on reading"),
    ("control-character", "warning", "control characters, removed on reading", "writes the text without them"),
    ("line-endings", "info", "CRLF or CR line ends, read as meant (--strict: warning)", "writes LF"),
    ("final-blank-line", "info", "no blank line after the last cue (--strict: warning)", "writes one"),
    ("index-sequence", "info", "cue numbers out of step (--strict: warning)", "renumbers from 1"),
    ("timestamp-separator", "info", "a timestamp with '.' or ':' before the milliseconds (--strict: warning)", "writes ','"),
    ("timestamp-fraction", "info", "a fraction of one or two digits (`,4`, `,04`), read as a decimal fraction: 400 ms, 40 ms (--strict: warning)", "writes three digits"),
    ("timestamp-range", "info", "a minutes or seconds field above 59, read as written (--strict: warning)", "writes the time in range"),
    ("webvtt-in-srt", "info", "a `.srt` file that holds WebVTT, read as WebVTT (--strict: warning)"),
    ("fill-me-in", "error", "a placeholder `init` wrote is still in ceremony.yaml or a playlist"),
    ("missing-film", "error", "the film file is not there"),
    ("name-form", "info", "a film's file name is in one Unicode form in ceremony.yaml and the other on disk (NFC/NFD, a copy from a Mac): matched by NFC"),
    ("missing-photos", "error", "the slideshow's photo folder is not there or holds no photo"),
    ("photo-unreadable", "error", "a photo or card background that cannot be opened and decoded (named, with the decoder's words)"),
    ("photo-animated", "warning", "an animated GIF: its first frame is shown"),
    ("not-a-photo", "warning", "a file in a photo folder that is not a photo we read: left out (camera raw or layered files: export as JPEG)"),
    ("photo-small", "warning", "a photo enlarged more than 2x on the screen: blurry on a large screen"),
    ("photo-remark", "warning", "a photo read with a remark from its decoder (a damaged EXIF block, a huge size)"),
    ("missing-cards", "error", "a film has title cards and a language has no card texts"),
    ("cards", "error", "a card texts file that cannot be used"),
    ("missing-captions", "error", "the slideshow's captions file is not there"),
    ("captions", "error", "a captions file that cannot be used"),
    ("caption-unknown-photo", "error", "a captions row names a photo not in the folder"),
    ("caption-missing", "warning", "photos without a caption in a language that has captions (one line per language)"),
    ("caption-language", "warning", "a language a country needs has no captions at all"),
    ("unused", "info", "a film or slideshow no running order plays: neither checked nor built"),
    ("signoff-flag", "info", "a native speaker flagged this cue, card or caption on the proof page, with the reviewer's name and comment; gone once the row is edited; a warning with --strict"),
    ("untranslated", "warning", "a message of the staff's pages has no translation in the chosen staff_language: shown in English"),
    ("pair-lines", "error", f"a bilingual country's two languages show more than {MAX_PAIR_LINES} lines at once"),
    ("pair-height", "error", "a bilingual pair (the second language above the first) reaches above the title-safe area, or (top-bottom) the two meet"),
    ("pair-drift", "warning", f"a cue of the second language starts or ends more than {PAIR_DRIFT_FRAMES} frames away from the first language's cue it is shown with"),
    ("pair-pictures", "error", "a bilingual country draws both languages as pictures (Nastaliq), or has cards or captions in a pair with such a language"),
]  # fmt: skip

RULES: dict[str, Rule] = {row[0]: Rule(*row) for row in _ROWS}

# irregularities read as meant: one `info` line per file (`check --strict`: a warning)
INFO_RULES = tuple(r.id for r in RULES.values() if "(--strict: warning)" in r.finds)


def markdown_table() -> str:
    """The rule table of docs/subtitle-qc.md."""
    lines = ["| rule | severity | finds | `fix` |", "| --- | --- | --- | --- |"]
    for r in RULES.values():
        lines.append(f"| `{r.id}` | {r.severity} | {r.finds} | {r.fix or '-'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m screening_kit.qc.registry: the docs' table
    print(markdown_table(), end="")
