"""File names in a package must survive a FAT32/exFAT USB stick whatever the titles,
countries and ids are, and sort into running order on players that ignore playlists."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from typing import TYPE_CHECKING

import pytest

from screening_kit.package import MAX_NAME_BYTES, file_name, safe_stem
from screening_kit.plan import PackageItem

if TYPE_CHECKING:
    from tests._mission import Built

pytest_plugins = ["tests._mission"]

RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(10)}


def assert_fat_safe(name: str) -> None:
    """What FAT32/exFAT and Windows refuse, checked independently of the code under test."""
    assert name, "empty name"
    assert not re.search(r'[\x00-\x1f\x7f:?*"<>|\\/]', name), name
    assert not name.endswith((" ", ".")), name
    assert not name.startswith(" "), name
    assert name.split(".")[0].strip().upper() not in RESERVED, name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES, name
    assert len(name.encode("utf-16-le")) // 2 <= 255, name
    assert unicodedata.is_normalized("NFC", name), name


HOSTILE = [
    'Film: "Part 1" <draft>?*|',
    "a/b\\c",
    "CON",
    "nul.txt",
    "com1",
    "LPT9.mp4",
    "trailing dots...",
    "trailing spaces   ",
    "...",
    "   ",
    "",
    "tab\tnew\nline\x00nul\x7fdel",
    "Кыргызстан: документальный фильм " * 10,
    "日本語のタイトル" * 40,
    "e\u0301te\u0301",  # decomposed accents: macOS writes these
    "مرحبا بكم في هذا العرض؟",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_stem_is_fat_safe(text: str) -> None:
    assert_fat_safe(safe_stem(text))


def test_safe_stem_keeps_ordinary_names_and_never_splits_a_character() -> None:
    assert safe_stem("documentary") == "documentary"
    assert safe_stem("Кыргызстан") == "Кыргызстан"
    long = safe_stem("日本" * 100)
    assert len(long.encode()) <= MAX_NAME_BYTES
    assert set(long) <= {"日", "本"}  # a cut multi-byte character would leave U+FFFD or junk
    assert safe_stem("CON") != "CON" and "CON" in safe_stem("CON")


def _item(position: int, item_id: str, language: str | None, ext: str = ".mp4") -> PackageItem:
    return PackageItem(
        position, "film", item_id, item_id, "k" * 40, ext, Fraction(10), 1, language, ()
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_file_name_from_hostile_ids(text: str) -> None:
    name = file_name(_item(7, text, "ru"))
    assert_fat_safe(name)
    assert name.startswith("07_") and name.endswith(".ru.mp4")


def test_file_names_sort_in_running_order_and_are_distinct() -> None:
    items = [_item(i, "x" * 200, "ko") for i in range(1, 13)]
    names = [file_name(i) for i in items]
    assert names == sorted(names)
    assert len(set(names)) == len(names)


def test_hostile_language_and_extension_stay_safe() -> None:
    name = file_name(_item(3, "film", 'k:o/"x"', '.mp4"?'))
    assert_fat_safe(name)
    assert name.startswith("03_film.")


def test_built_package_names_are_safe_and_numbered(built: Built) -> None:
    for pkg in built.result.packages:
        media = sorted(p.name for p in pkg.path.iterdir() if p.suffix == ".mp4")
        for name in media:
            assert_fat_safe(name)
        numbered = [n for n in media if not n.startswith("00_")]
        assert [int(n[:2]) for n in numbered] == list(range(1, len(numbered) + 1))
        # the numbered order is the running order in package.json
        doc = built.package_json(pkg.country)
        order = [f["name"] for f in doc["files"] if f["kind"] != "play-all"]
        assert order == numbered
