"""The build: load the workspace, gather facts, plan, execute, package.

This is the library's main entry point; the CLI only parses arguments and calls it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .captions import PhotoNote, load_photo_notes
from .config import Workspace, load_workspace
from .errors import ConfigError, FontError, InputError
from .estimate import DryRun, dry_run, record_speeds
from .ffmpeg import ffmpeg_version
from .fontpin import pin_font
from .fonts import ResolvedFont, font_metrics, missing_glyphs, resolve_font
from .housekeeping import remove_leftovers
from .lock import cache_lock
from .media import VideoFacts, probe_video
from .package import PackageResult, changes, write_package
from .package.index import proof_statuses, write_index
from .package.masters import loudness_misses, master_record, report_masters
from .package.playall import make_play_all
from .package.records import loudness_record, qc_record, technical_notes, thumbnail_times
from .photos import PHOTO_SUFFIXES, list_photos
from .plan import Facts, MuxTask, Plan, make_plan
from .progress import ConsoleReporter, Reporter
from .qc import QcReport, SubtitleQcError, check_workspace, read_workspace_track
from .render.execute import ExecutionResult, execute
from .subtitles.model import Cue
from .textfit import FontMetrics


@dataclass
class BuildResult:
    workspace: Path
    out_dir: Path
    cache_dir: Path
    plan: Plan
    execution: ExecutionResult
    packages: list[PackageResult] = field(default_factory=list)


def default_dirs(root: Path) -> tuple[Path, Path]:
    return root / "dist", root / ".screening-kit" / "cache"


def select_countries(ws: Workspace, wanted: list[str] | None) -> list[str]:
    codes = list(ws.ceremony.countries)
    if not wanted:
        return codes
    upper = {c.upper(): c for c in codes}
    unknown = [w for w in wanted if w.upper() not in upper]
    if unknown:
        raise ConfigError(
            f"unknown country code {', '.join(unknown)}",
            path=ws.config_path,
            hint=f"countries in this workspace: {', '.join(codes)}",
        )
    return [upper[w.upper()] for w in wanted]


def gather_facts(ws: Workspace, countries: list[str], cache: Cache) -> Facts:
    """Read everything the planner needs from disk: probes, hashes, cues, fonts, photos."""
    films: dict[str, VideoFacts] = {}
    hashes: dict[Path, str] = {}
    subtitles: dict[tuple[str, str], list[Cue]] = {}
    fonts: dict[str, ResolvedFont] = {}
    photos: dict[str, tuple[Path, ...]] = {}
    notes: dict[str, dict[str, PhotoNote]] = {}
    metrics: dict[str, FontMetrics] = {}
    font_ids: dict[str, str] = {}

    def hashed(p: Path) -> None:
        if p not in hashes:
            hashes[p] = cache.file_hash(p)

    for code in countries:
        lang = ws.language_of(code)
        if lang.code not in fonts:
            # renders read the font from the cache: the files its id (in the keys) names
            fonts[lang.code], font_ids[lang.code] = pin_font(resolve_font(lang), cache)
            hashed(fonts[lang.code].path)
            metrics[lang.code] = font_metrics(fonts[lang.code])
        _, playlist = ws.playlist_for(code)
        for item in playlist.items:
            if item.film is not None:
                film = ws.film(item.film)
                src = ws.root / film.source
                if film.id not in films:
                    films[film.id] = probe_video(
                        src, video_stream=film.video_stream, audio_stream=film.audio_stream
                    )
                    hashed(src)
                    for slot in film.opening_cards + film.closing_cards:
                        if slot.background_image is not None:
                            hashed(_existing(ws, slot.background_image, f"card {slot.id!r}"))
                if (film.id, lang.code) not in subtitles:
                    # glyph coverage and every other subtitle rule: qc.check_workspace
                    track = read_workspace_track(ws, film, lang)
                    subtitles[(film.id, lang.code)] = track.cues
                    hashed(track.path)
            elif item.slideshow is not None and item.slideshow not in photos:
                show = ws.slideshow(item.slideshow)
                folder = ws.root / show.photos
                found = list_photos(folder)
                if not found:
                    raise InputError(
                        "no photos in this folder",
                        path=folder,
                        hint=f"add {', '.join(sorted(PHOTO_SUFFIXES))} files",
                    )
                for p in found:
                    hashed(p)
                photos[item.slideshow] = found
                if show.captions is not None:
                    names = {p.name for p in found}
                    notes[show.id] = load_photo_notes(folder / show.captions, names)
                if show.music is not None:
                    hashed(_existing(ws, show.music, f"slideshow {show.id!r} music"))
            if item.slideshow is not None:
                show = ws.slideshow(item.slideshow)
                for name, note in notes.get(show.id, {}).items():
                    missing = missing_glyphs(fonts[lang.code], note.captions.get(lang.code, ""))
                    if missing:
                        ch = missing[0]
                        raise FontError(
                            f"caption of {name} [{lang.code}]: character {ch!r} "
                            f"(U+{ord(ch):04X}) is not in font {fonts[lang.code].family}",
                            path=ws.root / show.photos / str(show.captions),
                        )
    return Facts(films, hashes, subtitles, fonts, photos, notes, metrics, font_ids)


def _existing(ws: Workspace, rel: Path, what: str) -> Path:
    path = ws.root / rel
    if not path.is_file():
        raise InputError(f"{what}: file not found: {rel}", path=ws.config_path)
    return path


@dataclass
class Prepared:
    ws: Workspace
    cache: Cache
    plan: Plan
    qc: QcReport | None = None  # subtitle check findings (only warnings unless forced)
    facts: Facts | None = None


def prepare(
    workspace: Path | str,
    *,
    countries: list[str] | None = None,
    profile: str | None = None,
    cache_dir: Path | None = None,
    check_subtitles: bool = False,
    force: bool = False,
) -> Prepared:
    """Load, gather facts and plan: everything short of encoding.

    With ``check_subtitles`` the subtitle checks (qc.check_workspace) run first;
    their errors raise ``qc.SubtitleQcError`` (with the findings table) unless ``force``."""
    root = Path(workspace)
    ws = load_workspace(root)
    cache = Cache(cache_dir or default_dirs(root)[1])
    if profile is not None and profile not in ws.profiles:
        raise ConfigError(
            f"unknown profile {profile!r}",
            hint=f"known profiles: {', '.join(sorted(ws.profiles))}",
        )
    codes = select_countries(ws, countries)
    qc = check_workspace(ws, countries=codes, cache=cache) if check_subtitles else None
    if qc is not None and qc.has_errors and not force:
        raise SubtitleQcError(qc)
    facts = gather_facts(ws, codes, cache)
    plan = make_plan(ws, facts, codes, profile_override=profile, ffmpeg_version=ffmpeg_version())
    return Prepared(ws, cache, plan, qc, facts)


def build(
    workspace: Path | str,
    *,
    countries: list[str] | None = None,
    profile: str | None = None,
    jobs: int | None = None,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    reporter: Reporter | None = None,
    play_all: bool | None = None,
    force: bool = False,
    split_large_files: bool | None = None,
    wait: bool = True,
    scheduler: str | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build every package. Subtitle check errors stop the build before any encoding
    (``qc.SubtitleQcError``); ``force`` builds anyway and records the findings in
    each package's ``package.json`` under ``subtitle_qc``.

    One build at a time per cache: a second one waits (or, with ``wait=False``,
    raises BusyError). Holding the lock, it first removes what builds that were
    killed left in ``dist/`` and in the cache.

    ``scheduler``: None runs the local pool (``jobs`` encodes at a time); ``local:N``
    or ``tcp://HOST:PORT`` runs the same tasks on a Dask cluster (render.cluster).
    ``strict``: a master whose decoder reported errors stops the build (MediaError)
    before anything is packaged."""
    root = Path(workspace)
    reporter = reporter or ConsoleReporter()
    if scheduler:
        from .render.cluster import parse_scheduler

        parse_scheduler(scheduler)  # a mistyped address fails before any work
    out_dir = out_dir or default_dirs(root)[0]
    cache_root = cache_dir or default_dirs(root)[1]
    with cache_lock(cache_root, wait=wait, say=reporter.warn):
        left = remove_leftovers(Cache(cache_root), out_dir)
        if left:
            reporter.info(
                f"removed {len(left)} leftovers of interrupted builds: "
                + ", ".join(sorted(p.name for p in left))
            )
        return _build(
            root, reporter, out_dir, cache_root,
            countries=countries, profile=profile, jobs=jobs, play_all=play_all,
            force=force, split_large_files=split_large_files, scheduler=scheduler,
            strict=strict,
        )  # fmt: skip


def _build(
    root: Path,
    reporter: Reporter,
    out_dir: Path,
    cache_dir: Path,
    *,
    countries: list[str] | None,
    profile: str | None,
    jobs: int | None,
    play_all: bool | None,
    force: bool,
    split_large_files: bool | None,
    scheduler: str | None,
    strict: bool = False,
) -> BuildResult:
    prepared = prepare(
        root,
        countries=countries,
        profile=profile,
        cache_dir=cache_dir,
        check_subtitles=True,
        force=force,
    )
    ws, cache, plan = prepared.ws, prepared.cache, prepared.plan
    qc = prepared.qc
    for note in ws.notes:
        reporter.info(note)
    if qc is not None and qc.findings:
        reporter.warn(
            f"subtitle checks: {len(qc.errors)} errors, {len(qc.warnings)} warnings"
            + (" (building anyway: --force)" if qc.has_errors else "")
            + f"; details: screening-kit check {root}"
        )
    _report_sharing(plan, reporter)
    t0 = time.monotonic()
    if scheduler:
        from .render.cluster import execute_on_cluster

        if jobs is not None:
            reporter.warn(
                "--jobs applies to the local pool; on a cluster each worker's --nthreads "
                "sets how many tasks it runs"
            )
        execution = execute_on_cluster(plan, cache, reporter, scheduler)
    else:
        execution = execute(plan, cache, reporter, jobs)
    record_speeds(cache, plan, execution.encoded, time.monotonic() - t0)
    n_enc = sum(1 for k in execution.encoded if plan.tasks[k].work)
    n_reuse = sum(1 for k in execution.reused if plan.tasks[k].work)
    reporter.info(f"encoded {n_enc} pieces, reused {n_reuse} from the cache")

    films = prepared.facts.films if prepared.facts is not None else {}
    damaged = report_masters(
        plan, cache, films, {f: str(ws.film(f).source) for f in films}, reporter, strict
    )
    warned: set[str] = set()
    # each subtitle/card/caption file's parts, kept under its hash for "what changed"
    if prepared.facts is not None:
        changes.remember(cache, changes.input_units(ws, prepared.facts))
    thumb_times = thumbnail_times(plan)
    result = BuildResult(root, out_dir, cache.root, plan, execution)
    want_play_all = ws.ceremony.play_all if play_all is None else play_all
    for country in plan.countries:
        joined = (
            make_play_all(country, cache, country.profile.warn_size_bytes)
            if want_play_all
            else None
        )
        loudness = loudness_record(plan, cache, country)
        misses = loudness_misses(loudness)
        for w in misses:
            if w not in warned:
                warned.add(w)
                reporter.warn(w)
        masters = master_record(plan, cache, country, films)
        pkg = write_package(
            ws,
            country,
            cache,
            out_dir,
            thumbnail_times=thumb_times,
            extra={
                # for the AV team (package.json, dist/index.html), not the run sheet
                "technical_notes": technical_notes(loudness, execution.warnings)
                + misses
                + [damaged[f] for f in masters if f in damaged],
                "loudness": loudness,
                "masters": masters,
                "subtitle_qc": qc_record(qc, ws, country.code, force),
            },
            play_all=joined,
            split_large_files=(
                ws.ceremony.split_large_files if split_large_files is None else split_large_files
            ),
        )
        for w in pkg.warnings:
            if w not in execution.warnings:
                reporter.warn(w)
        for w in cache.evicted:  # a damaged play-all or split part, made again
            reporter.warn(w)
        cache.evicted.clear()
        result.packages.append(pkg)
    write_index(out_dir, ws)
    for proof in proof_statuses(out_dir, ws):
        if not proof.current:
            reporter.warn(f"proof sheet {out_dir / 'proof' / proof.name}: {proof.words}")
    return result


def dry_run_build(
    workspace: Path | str,
    *,
    countries: list[str] | None = None,
    profile: str | None = None,
    cache_dir: Path | None = None,
    force: bool = False,
) -> tuple[Prepared, DryRun]:
    """What ``build`` would encode and reuse, and how long it would take; encodes nothing.
    The subtitle checks run first, as for a build."""
    prepared = prepare(
        workspace,
        countries=countries,
        profile=profile,
        cache_dir=cache_dir,
        check_subtitles=True,
        force=force,
    )
    return prepared, dry_run(prepared.plan, prepared.cache)


def _report_sharing(plan: Plan, reporter: Reporter) -> None:
    for key, users in plan.users().items():
        task = plan.tasks[key]
        if isinstance(task, MuxTask) and len(users) > 1:
            reporter.info(f"{task.label}: one render shared by {', '.join(users)}")
