"""The fast tier runs no ffmpeg and reads no media: argv lists name ffmpeg plainly, and
running a command is an error here."""

from __future__ import annotations

from typing import Any

import pytest

from screening_kit import ffmpeg


@pytest.fixture(autouse=True)
def _no_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> None:
    # not FFMPEG_PATH: ffmpeg_exe is cached for the process, media tests included
    monkeypatch.setattr(ffmpeg, "ffmpeg_exe", lambda: "ffmpeg")

    def refuse(*_args: Any, **_kwargs: Any) -> str:
        raise AssertionError("a unit test ran ffmpeg: it belongs in the media tests")

    monkeypatch.setattr(ffmpeg, "run", refuse)
