"""Issue 16, point 8: every count in a change summary says what it counts and
names all it counts: the first build's "N files added" lists all N; sync's line
counts files; `verify --against`'s STALE line lists every file the sync that
follows writes (the manifest, package.json, run sheet and verify page too), with
their bytes."""

from __future__ import annotations

import re
from pathlib import Path

from screening_kit.package.identity import ID_FILES
from screening_kit.sync import sync
from screening_kit.verify_against import current_package, verify_against

from ._crash import copy_package, set_cue, tiny_workspace
from ._helpers import cli


def test_counts_name_what_they_count_and_list_it_all(tmp_path: Path) -> None:
    ws = tiny_workspace(tmp_path / "top")
    first = cli("build", "-q", str(ws))
    assert first.exit_code == 0, first.output
    gb = ws / "dist" / "GB"
    content = sorted(p.name for p in gb.iterdir() if p.name not in ID_FILES)
    m = re.search(r"build \w+: (\d+) files added \(([^)]*)\); ", first.output)
    assert m, first.output
    # the film, two playlists and the three launchers
    assert int(m.group(1)) == len(content) == 6
    assert sorted(m.group(2).split(", ")) == content

    stick = tmp_path / "stick"
    stick.mkdir()
    old = copy_package(gb, tmp_path / "old" / "GB")
    sync(old, stick / "GB")
    set_cue(ws, "Hello again")
    second = cli("build", "-q", str(ws))
    assert "1 file changed (01_film.en.mp4); a copy of the previous build receives" in (
        second.output
    ), second.output

    stale = cli("verify", "-q", "--no-decode", str(stick / "GB"), "--against", str(gb))
    line = stale.output.strip()
    assert stale.exit_code == 1 and line.startswith("STALE: GB build "), line
    m = re.search(r"sync writes (\d+) files, ([^:]+): (.*) — run screening-kit sync ", line)
    assert m, line
    listed = dict(re.findall(r"([^ ,]+) \(([^)]+)\)", m.group(3)))
    writes = verify_against(stick / "GB", current_package(gb), decode_media=False).writes

    (done,) = sync(gb, stick / "GB")
    assert int(m.group(1)) == len(listed) == len(done.copied) == 1 + len(ID_FILES)
    assert sorted(listed) == sorted(done.copied) == sorted(["01_film.en.mp4", *ID_FILES])
    assert writes == {n: (gb / n).stat().st_size for n in done.copied}
    assert sum(writes.values()) == done.bytes_copied

    again = cli("sync", "-q", str(old), str(stick / "GB"))
    assert re.search(
        rf"GB: copied {1 + len(ID_FILES)} files \([\d.]+ MB\), removed 0 files, "
        rf"{len(content) - 1} files already current",
        again.output,
    ), again.output
