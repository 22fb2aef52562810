"""Fonts pinned in the cache: renders draw with the very file their key names."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from screening_kit import ffmpeg as ff
from screening_kit.build import prepare
from screening_kit.ffmpeg import ffmpeg_version
from screening_kit.fontpin import fontconfig_env
from screening_kit.fonts import resolve_font
from screening_kit.plan import CardTask, ChunkTask
from screening_kit.plan.keys import task_key
from screening_kit.render import commands as cmd

from .conftest import write_workspace

SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello there\n\n"


def test_renders_use_the_font_file_pinned_in_the_cache(tmp_path: Path, make_video) -> None:  # type: ignore[no-untyped-def]
    film = make_video("film.mp4", seconds=2)
    ws = write_workspace(tmp_path / "ws", film, cues={"en": SRT}, cards={"en": ["Title"]})
    prepared = prepare(ws)
    system = resolve_font(prepared.ws.languages["en"]).path
    pieces = [t for t in prepared.plan.tasks.values() if isinstance(t, CardTask | ChunkTask)]
    dirs = {t.fonts_dir for t in pieces if t.fonts_dir is not None}
    assert len(dirs) == 1
    (folder,) = dirs
    assert folder is not None and folder.parent == prepared.cache.root / "fonts"
    files = {p.name: p for p in folder.iterdir()}
    # the family's faces: cards set their title line in bold
    assert {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"} <= set(files)
    for p in files.values():
        assert p.read_bytes() == (system.parent / p.name).read_bytes()
        assert not p.stat().st_mode & 0o222  # read-only, like every cache object
    # the folder's id is a hash over every face's content hash; keys name that id
    hashes = sorted((n, hashlib.sha256(p.read_bytes()).hexdigest()) for n, p in files.items())
    font_id = hashlib.sha256(json.dumps(hashes).encode()).hexdigest()[:40]
    assert folder.name == font_id
    card = next(t for t in pieces if isinstance(t, CardTask))
    assert card.font_id == font_id
    assert card.key == task_key(card, ffmpeg_version())
    assert card.key != task_key(replace(card, font_id="another font"), ffmpeg_version())

    work = tmp_path / "work"
    work.mkdir()
    (work / cmd.ASS_NAME).write_text(card.ass, encoding="utf-8")
    argv = cmd.card_command(card, None, work / "card.mp4", 1)
    argv[argv.index("error")] = "verbose"  # libass logs which face it selected

    def selected(env: dict[str, str] | None) -> list[str]:
        log = ff.run(argv, what="card", cwd=work, env=env)
        return [line.split(" -> ")[1] for line in log.splitlines() if "fontselect:" in line]

    # as renders run: the pinned folder only (libass names faces it loaded from
    # fontsdir by their name, fontconfig's by path), the bold title from the pinned bold
    chosen = selected(fontconfig_env(folder, work))
    assert chosen
    assert all(c.startswith(f"{folder}/") or "/" not in c for c in chosen), chosen
    assert any("NotoSans-Bold" in c for c in chosen), chosen
