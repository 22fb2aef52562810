"""Subtitle QC: every rule in DESIGN.md ("Subtitle QC"), run before anything is encoded.

``check_workspace`` reads every subtitle file and title-card text a workspace's
countries need and returns ``Finding`` objects (errors and warnings). The CLI's
``check`` command prints them as a table or JSON; ``build`` runs the same checks
first and stops on errors (``--force`` builds anyway and records them in
``package.json``).

Rules (ids as they appear in the table):

========================  ========  =============================================
rule                      severity  what
========================  ========  =============================================
missing-subtitles         error     a country needs this film in a language that
                                    has no subtitle file
encoding                  error     the bytes do not decode, or decode to the
                                    wrong script for the language
unreadable                error     the file cannot be parsed as SRT/WebVTT
font                      error     no installed font for the language
overlap                   error     a cue starts before an earlier one ends
duration-nonpositive      error     end time at or before start time
past-film-end             error     a cue starts or ends after the film's end
duration-short            warning   shorter than 5/6 s
duration-long             warning   longer than 7 s
gap-short                 warning   less than 2 frames between cues (film fps)
lines-per-cue             error     more than 2 lines
chars-per-line            error     a line longer than the script family's limit
                                    (CJK: half-width counts 0.5; marks count 0)
manual-break              error     a run without spaces wider than the screen:
                                    libass wraps only at spaces
reading-speed             warning / above the script's lower / upper limit
                          error     (characters per second, spaces and
                                    punctuation count, line breaks do not)
missing-glyph             error     neither the resolved font nor its companion
                                    (Noto Sans) has a glyph for a character
normalised                warning   the text was changed on reading (NFC, Persian
                                    yeh/kaf, Uzbek oʻ/gʻ)
shot-change-in            warning   starts a few frames after a shot change
shot-change-out           warning   ends a few frames before a shot change
shot-change-crossed       warning   crosses a shot change, briefly on one side
gap-chain                 info      a gap within the window, not closed to the
                                    minimum (see ``qc.shots``)
blank-line-in-cue,        warning   irregularities that change what is shown
markup-dropped,                     (control characters removed)
control-character
line-endings,             info      irregularities read as meant: once per file,
final-blank-line,                   not counted as warnings (``--strict``: they
index-sequence,                     are warnings)
timestamp-separator
fill-me-in                error     a placeholder ``init`` wrote is still there
missing-film,             error     the film file, photo folder or title-card
missing-photos,                     texts are not there
missing-cards
cards                     error     a cards file that cannot be used
caption-unknown-photo     error     a captions row names a photo not in the folder
caption-missing           warning   photos without a caption in a language that
                                    has captions (one line per language)
caption-language          warning   a language a country needs has no captions
photo-unreadable          error     a photo (or card background) that cannot be
                                    opened and decoded
not-a-photo               warning   a file in a photo folder that is left out
photo-animated            warning   an animated GIF: its first frame is shown
photo-small               warning   a photo enlarged more than 2x on the screen
photo-remark              warning   the decoder's remark (corrupt EXIF data)
unused                    info      a film or slideshow no running order plays
========================  ========  =============================================
"""

from __future__ import annotations

from .findings import FileRead, Finding, Number, QcReport, Severity
from .rules import (
    MAX_DURATION,
    MAX_LINES,
    MIN_DURATION,
    MIN_GAP_FRAMES,
    char_weight,
    check_card_glyphs,
    check_cues,
    line_length,
)
from .table import TABLE_COLUMNS, SubtitleQcError, render_json, render_table, table_rows
from .workspace import check_workspace, needed_subtitles, read_workspace_track

__all__ = [
    "MAX_DURATION",
    "MAX_LINES",
    "MIN_DURATION",
    "MIN_GAP_FRAMES",
    "TABLE_COLUMNS",
    "FileRead",
    "Finding",
    "Number",
    "QcReport",
    "Severity",
    "SubtitleQcError",
    "char_weight",
    "check_card_glyphs",
    "check_cues",
    "check_workspace",
    "line_length",
    "needed_subtitles",
    "read_workspace_track",
    "render_json",
    "render_table",
    "table_rows",
]
