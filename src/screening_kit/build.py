"""The build: load the workspace, gather facts, plan, execute, package.

This is the library's main entry point; the CLI only parses arguments and calls it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .config import Workspace
from .estimate import DryRun, dry_run, record_speeds
from .facts import gather_facts
from .ffmpeg import ffmpeg_version
from .frontend import default_dirs, open_workspace, output_dir
from .frontend import select_countries as select_countries  # its old home, for callers
from .fsio import symlink_error
from .housekeeping import remove_leftovers
from .lock import cache_lock
from .package import PackageResult, changes, write_package
from .package.index import proof_statuses, write_index
from .package.masters import loudness_misses, master_record, report_masters
from .package.playall import join_running_order
from .package.records import loudness_record, qc_record, technical_notes, thumbnail_times
from .plan import Facts, MuxTask, Plan, make_plan
from .progress import ConsoleReporter, Reporter
from .qc import (
    QcReport,
    SubtitleQcError,
    check_workspace,
)
from .render.execute import ExecutionResult, execute
from .signoff import release


@dataclass
class BuildResult:
    workspace: Path
    out_dir: Path
    cache_dir: Path
    plan: Plan
    execution: ExecutionResult
    packages: list[PackageResult] = field(default_factory=list)
    signoff: dict[str, str] = field(default_factory=dict)  # country -> its language's, in words
    held_back: list[str] = field(default_factory=list)  # countries left out (--approved-only)


def check_package_folders(out_dir: Path, codes: list[str]) -> None:
    """Refuse a package folder that is a symbolic link before anything is encoded."""
    for code in codes:
        folder = out_dir / code
        if folder.is_symlink():
            raise symlink_error(
                folder,
                "a build replaces the package folder with the new package and never "
                "writes through a link",
                hint=f"remove the link (rm '{folder}'); to build elsewhere, use --out",
            )


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
    play_all: bool | None = None,
    split_large_files: bool | None = None,
) -> Prepared:
    """Load, gather facts and plan: everything short of encoding.

    With ``check_subtitles`` the subtitle checks (qc.check_workspace) run first;
    their errors raise ``qc.SubtitleQcError`` (with the findings table) unless ``force``."""
    session = open_workspace(workspace, countries=countries, profile=profile, cache_dir=cache_dir)
    ws, cache, codes = session.ws, session.cache, session.countries
    qc = check_workspace(ws, countries=codes, cache=cache) if check_subtitles else None
    if qc is not None and qc.has_errors and not force:
        raise SubtitleQcError(qc)
    facts = gather_facts(ws, codes, cache)
    plan = make_plan(
        ws,
        facts,
        codes,
        profile_override=profile,
        ffmpeg_version=ffmpeg_version(),
        play_all=play_all,
        split_large_files=split_large_files,
    )
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
    approved_only: bool | None = None,
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

    ``approved_only`` (default: ``release:`` in ceremony.yaml): countries whose language
    is not fully signed off are built but left out of ``dist/`` (``held_back``).

    ``strict``: a master whose decoder reported errors stops the build (MediaError)
    before anything is packaged."""
    root = Path(workspace)
    reporter = reporter or ConsoleReporter()
    if scheduler:
        from .render.cluster import parse_scheduler

        parse_scheduler(scheduler)  # a mistyped address fails before any work
    out_dir = output_dir(root, out_dir)
    cache_root = cache_dir or default_dirs(root)[1]
    with cache_lock(cache_root, wait=wait, say=reporter.warn):
        left = remove_leftovers(Cache(cache_root), out_dir, say=reporter.warn)
        if left:
            reporter.info(
                f"removed {len(left)} leftovers of interrupted builds: "
                + ", ".join(sorted(p.name for p in left))
            )
        return _build(
            root, reporter, out_dir, cache_root,
            countries=countries, profile=profile, jobs=jobs, play_all=play_all,
            force=force, split_large_files=split_large_files, scheduler=scheduler,
            approved_only=approved_only,
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
    approved_only: bool | None = None,
    strict: bool = False,
) -> BuildResult:
    prepared = prepare(
        root,
        countries=countries,
        profile=profile,
        cache_dir=cache_dir,
        check_subtitles=True,
        force=force,
        play_all=play_all,
        split_large_files=split_large_files,
    )
    ws, cache, plan = prepared.ws, prepared.cache, prepared.plan
    check_package_folders(out_dir, [c.code for c in plan.countries])
    qc = prepared.qc
    for note in ws.notes:
        reporter.info(note)
    if qc is not None and (qc.errors or qc.warnings):  # info alone is nothing to warn of
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
    reporter.info(f"encoded {n_enc} pieces, reused {n_reuse} pieces from the cache")

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
    signoffs = release.statuses(ws, prepared.facts)
    if approved_only is None:
        approved_only = ws.ceremony.release == "approved-only"
    for country in plan.countries:
        signoff = release.country_status(ws, country.code, signoffs)
        result.signoff[country.code] = signoff.words()
        if approved_only and signoff.state != "approved":
            removed = release.hold_back(out_dir, country.code)
            result.held_back.append(country.code)
            reporter.warn(
                f"{country.code}: left out of {out_dir} ({signoff.words()})"
                + ("; its earlier package was taken out" if removed else "")
            )
            continue
        # the plan's play-all task made its parts: reused here (or made again if damaged)
        joined = (
            join_running_order(
                country.code, country.items, cache, country.profile.warn_size_bytes,
                country.play_all,
            )
            if country.play_all
            else None
        )  # fmt: skip
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
                "signoff": signoff.record(),
            },
            play_all=joined,
            split_large_files=bool(country.splits),
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
    play_all: bool | None = None,
    split_large_files: bool | None = None,
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
        play_all=play_all,
        split_large_files=split_large_files,
    )
    return prepared, dry_run(prepared.plan, prepared.cache)


def _report_sharing(plan: Plan, reporter: Reporter) -> None:
    for key, users in plan.users().items():
        task = plan.tasks[key]
        if isinstance(task, MuxTask) and len(users) > 1:
            reporter.info(f"{task.label}: one render shared by {', '.join(users)}")
