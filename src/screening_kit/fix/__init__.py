"""`screening-kit fix`: repair what can be repaired in subtitle files.

Per file: snap in- and out-times to shot changes, close small gaps to the minimum
gap, extend cues shorter than the minimum duration where the next cue leaves room,
re-break lines that are too long, normalise to NFC and write UTF-8, renumber. Never
changes the words, never moves a time by more than the shot window (half a
second). What it cannot fix stays a finding (``FileFix.remaining``).
"""

from __future__ import annotations

from .core import Change, fix_cues, normalise
from .lines import rebreak
from .srt import write_srt
from .timing import TimingChange, fix_timing
from .workspace import ORIG_SUFFIX, FileFix, fix_workspace, write_fixes

__all__ = [
    "ORIG_SUFFIX",
    "Change",
    "FileFix",
    "TimingChange",
    "fix_cues",
    "fix_timing",
    "fix_workspace",
    "normalise",
    "rebreak",
    "write_fixes",
    "write_srt",
]
