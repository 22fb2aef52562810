"""_version and the package face: the command line's start loads no stage."""

from __future__ import annotations

import subprocess
import sys

import screening_kit
from screening_kit._version import __version__

HEAVY = ("av", "PIL", "uharfbuzz", "icu4py", "numpy", "screening_kit.build")


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_cli_import_loads_no_stage_and_no_media_library() -> None:
    loaded = _loaded_after("import screening_kit.cli")
    assert not loaded & set(HEAVY)
    ours = {m for m in loaded if m.startswith("screening_kit")}
    assert len(ours) < 25, sorted(ours)  # the command modules, app, errors, _version


def test_face_hands_names_on_lazily() -> None:
    assert screening_kit.__version__ == __version__
    from screening_kit.build import build

    assert screening_kit.build is build
    from screening_kit.verify import verify_package

    assert screening_kit.verify_package is verify_package


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        screening_kit.nosuch  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as e:
        assert "nosuch" in str(e)
    else:
        raise AssertionError("no AttributeError")
