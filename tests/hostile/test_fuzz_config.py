"""Property: whatever ceremony.yaml (and a playlist, card texts, captions) holds,
loading the workspace gives a Workspace or a ScreeningKitError, never another
exception; the paths a loaded workspace names for subtitles and cards stay inside
the folders their templates fix."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from screening_kit.captions import load_photo_notes
from screening_kit.config import load_workspace
from screening_kit.errors import ScreeningKitError

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.dates().map(str)
)
ANY = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=30,
)
NAMES = st.sampled_from(["GB", "KR", "../x", "a/b", "", "x" * 300, "en", "{lang}", "CON", "ok-1"])
TAGS = st.sampled_from(["en", "ko", "pt-BR", "../../x", "e" * 40, "zz", "", "1", "en_US"])
TEMPLATES = st.sampled_from(
    ["subtitles/{film}/{lang}.srt", "{lang}.srt", "/tmp/{lang}.srt", "../{film}.{lang}.srt",
     "subtitles/{film}/{lang", "subtitles/{x}.srt", "s/{{x}}/{lang}.srt", "{lang!r}", "{0}",
     "subtitles/{film:>5}.srt", "}"]
)  # fmt: skip


def _mostly(valid: st.SearchStrategy[Any], *others: st.SearchStrategy[Any]) -> Any:
    """``valid`` three times in four: a config must get past its first checks for the
    later ones (paths, templates, cards) to be reached at all."""
    return st.one_of(valid, valid, valid, *others) if others else valid


def _ceremony(draw: st.DrawFn) -> dict[str, Any]:
    profile = st.fixed_dictionaries(
        {},
        optional={
            "aspect": _mostly(st.just("16:9"), st.sampled_from(["16:0", "0:0", "4:3:1"]), ANY),
            "video_codec": _mostly(st.just("libx264"), st.sampled_from(["prores_ks", "h265"])),
            "max_width": _mostly(st.just(320), st.integers(-5, 10**6), ANY),
            "max_fps": _mostly(st.just(25.0), st.floats(), ANY),
            "level": _mostly(st.just("4.1"), st.sampled_from(["9", "x"]), ANY),
        },
    )
    country = st.fixed_dictionaries(
        {"name": st.text(max_size=10), "language": _mostly(st.just("en"), TAGS)}
    )
    return {
        "title": draw(_mostly(st.text(max_size=20), ANY)),
        "profile": draw(_mostly(st.just("test"), NAMES, ANY)),
        "profiles": {draw(_mostly(st.just("test"), NAMES)): draw(_mostly(profile, ANY))},
        "languages": draw(
            _mostly(
                st.just({}),
                st.dictionaries(TAGS, _mostly(st.just({"script": "latin"}), ANY), max_size=3),
            )
        ),
        "countries": draw(
            _mostly(
                st.just({"GB": {"name": "UK", "language": "en"}}),
                st.dictionaries(NAMES, _mostly(country, ANY), max_size=3),
            )
        ),
        "films": [
            {
                "id": draw(_mostly(st.just("f"), NAMES, ANY)),
                "title": "Film",
                "source": draw(
                    _mostly(
                        st.just("films/f.mp4"),
                        st.sampled_from(
                            ["/nonexistent.mp4", "films", "f" * 300, "a\0b", "x/" * 600]
                        ),
                    )
                ),
                "subtitles": draw(_mostly(st.just("subtitles/{film}/{lang}.srt"), TEMPLATES, ANY)),
                "cards_file": draw(
                    _mostly(st.just("subtitles/{film}/cards.{lang}.yaml"), TEMPLATES)
                ),
                "opening_cards": draw(
                    _mostly(st.just([]), st.just([{"id": "title"}]), st.lists(ANY, max_size=2))
                ),
            }
        ],
    }


@st.composite
def ceremonies(draw: st.DrawFn) -> dict[str, Any]:
    return _ceremony(draw)


def _load(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, "utf-8")
        try:
            ws = load_workspace(root)
        except ScreeningKitError:
            return
        for film in ws.ceremony.films:
            for code in ws.languages:
                with contextlib.suppress(ScreeningKitError):
                    ws.subtitle_path(film, code)
                    ws.cards_path(film, code)


BASE = {
    "films/f.mp4": b"",
    "subtitles/f/en.srt": "1\n00:00:01,000 --> 00:00:02,000\nHi\n",
    "subtitles/f/cards.en.yaml": "title: [Hello]\n",
    "playlists/ceremony.yaml": "items: [{film: f}]\n",
}


@given(text=st.text(max_size=400))
def test_arbitrary_yaml_text(text: str) -> None:
    _load({**BASE, "ceremony.yaml": text})


@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _load({**BASE, "ceremony.yaml": data})


@given(doc=ANY, playlist=ANY, cards=ANY)
def test_arbitrary_structures(doc: Any, playlist: Any, cards: Any) -> None:
    _load(
        {
            **BASE,
            "ceremony.yaml": yaml.safe_dump(doc, allow_unicode=True),
            "playlists/ceremony.yaml": yaml.safe_dump(playlist, allow_unicode=True),
            "subtitles/f/cards.en.yaml": yaml.safe_dump(cards, allow_unicode=True),
        }
    )


@given(cfg=ceremonies(), playlist=ANY)
def test_ceremony_shaped_structures(cfg: dict[str, Any], playlist: Any) -> None:
    items = {"items": [{"film": cfg["films"][0]["id"]}]} if playlist is None else playlist
    _load(
        {
            **BASE,
            "ceremony.yaml": yaml.safe_dump(cfg, allow_unicode=True),
            "playlists/ceremony.yaml": yaml.safe_dump(items, allow_unicode=True),
        }
    )


@given(doc=ANY, csv=st.text(max_size=200))
def test_arbitrary_captions(doc: Any, csv: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in (("c.yaml", yaml.safe_dump(doc, allow_unicode=True)), ("c.csv", csv)):
            path = Path(tmp) / name
            path.write_text(text, "utf-8")
            with contextlib.suppress(ScreeningKitError):
                load_photo_notes(path, {"a.jpg", "b.png"})
