"""Reading subtitle files and writing the ASS scripts libass renders."""

from .ass import AssStyle, build_ass, card_ass
from .model import Cue, Notice, SubtitleTrack
from .reader import read_subtitles

__all__ = ["AssStyle", "Cue", "Notice", "SubtitleTrack", "build_ass", "card_ass", "read_subtitles"]
