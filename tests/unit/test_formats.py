"""formats: one table of containers and one of encoders, which profiles obey."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from screening_kit.formats import AUDIO_ENCODERS, CONTAINERS, VIDEO_ENCODERS, by_extension
from screening_kit.profiles import BUILTIN_PROFILES, Profile


def test_profile_choices_are_the_tables_rows() -> None:
    fields = Profile.model_fields
    assert set(get_args(fields["video_codec"].annotation)) == set(VIDEO_ENCODERS)
    assert set(get_args(fields["audio_codec"].annotation)) == set(AUDIO_ENCODERS)
    delivery = {name for name, c in CONTAINERS.items() if c.video and c.faststart}
    assert set(get_args(fields["container"].annotation)) == delivery


@pytest.mark.parametrize("name", sorted(BUILTIN_PROFILES))
def test_builtin_profile_extension_is_its_containers(name: str) -> None:
    p = BUILTIN_PROFILES[name]
    assert p.extension == CONTAINERS[p.container].extension
    assert p.container in VIDEO_ENCODERS[p.video_codec].containers
    assert p.container in AUDIO_ENCODERS[p.audio_codec].containers


def test_archive_is_mov() -> None:
    assert BUILTIN_PROFILES["archive-prores"].extension == ".mov"


def test_prores_in_mp4_is_refused_when_the_profile_is_read() -> None:
    with pytest.raises(ValidationError, match="prores_ks cannot go in mp4: use container mov"):
        Profile(video_codec="prores_ks", h264_profile=None, level=None, container="mp4")
    with pytest.raises(ValidationError, match="pcm_s24le cannot go in mp4"):
        Profile(audio_codec="pcm_s24le")


def test_by_extension() -> None:
    assert by_extension(".mov").muxer == "mov"
    assert by_extension("mp4").muxer == "mp4"
    assert by_extension(".mka").muxer == "matroska"
    with pytest.raises(KeyError):
        by_extension(".avi")
