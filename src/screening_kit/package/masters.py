"""What a build says and records about each master: the streams it took, how it read
the picture (deinterlaced, tone-mapped), what the decoder reported while reading it,
and whether the delivered sound met the loudness target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..cache import Cache
from ..clock import tenths_clock
from ..errors import MediaError
from ..media import VideoFacts
from ..plan import LOUDNORM, ChunkTask, ConformTask, CountryPlan, MuxTask, Plan, SourceReading
from ..progress import Reporter

_ORDERS = {"tff": "top field first", "bff": "bottom field first"}
_TRANSFERS = {"pq": "PQ (SMPTE ST 2084)", "hlg": "HLG (ARIB STD-B67)"}
LOUDNESS_TOLERANCE = 1.0  # LU either side of the target before a build warns


@dataclass(frozen=True)
class Damage:
    """Decode errors the master's decoder logged while [start, end) s of it were read."""

    start: float
    end: float
    errors: int


def _film_pieces(plan: Plan, mux: MuxTask) -> list[ChunkTask | ConformTask]:
    """The tasks that read a film's master, in film order: its chunks, or the
    conformed ranges they read."""
    out: list[ChunkTask | ConformTask] = []
    for key in plan.tasks[mux.deps[0]].deps:
        piece = plan.tasks[key]
        if isinstance(piece, ChunkTask):
            conform = plan.tasks[piece.deps[0]] if piece.source is None else None
            out.append(conform if isinstance(conform, ConformTask) else piece)
    return out


def damage(plan: Plan, cache: Cache, mux: MuxTask) -> list[Damage]:
    """Where reading the master went wrong, from what each piece recorded when it was
    encoded (so a rebuild from the cache says the same), neighbouring ranges merged."""
    found: list[Damage] = []
    for task in _film_pieces(plan, mux):
        n = int(cache.meta(task.key).get("decode_errors") or 0)
        if not n:
            continue
        fps = task.fps if isinstance(task, ConformTask) else task.fmt.fps
        start, end = (
            float(Fraction(task.start) / fps),
            float(Fraction(task.start + task.frames) / fps),
        )
        if found and abs(found[-1].end - start) < 1e-6:
            last = found.pop()
            found.append(Damage(last.start, end, last.errors + n))
        else:
            found.append(Damage(start, end, n))
    return found


def damage_words(film: str, source: str, ranges: list[Damage]) -> str:
    spans = ", ".join(f"{tenths_clock(d.start)}-{tenths_clock(d.end)}" for d in ranges)
    total = sum(d.errors for d in ranges)
    return (
        f"{film} ({source}): {total} decode errors in {spans}: the picture is damaged "
        "there; get a clean copy of the master (build --strict refuses it)"
    )


def _reading(plan: Plan, mux: MuxTask) -> tuple[SourceReading, Fraction] | None:
    for task in _film_pieces(plan, mux):
        if isinstance(task, ConformTask):
            return task.reading, task.fps
        return task.reading, task.fmt.fps
    return None


def reading_notes(film: str, probe: VideoFacts, plan: Plan, mux: MuxTask) -> list[str]:
    """What the build did to read this master right, in words for the build output."""
    notes = []
    if any(not part.endswith("(the only one)") for part in probe.streams_note.split("; ")):
        notes.append(f"{film}: {probe.streams_note}")
    found = _reading(plan, mux)
    if probe.interlace and found is not None:
        notes.append(
            f"{film}: interlaced, {_ORDERS[probe.interlace]} (said by {probe.interlace_from}): "
            f"deinterlaced with bwdif to {float(found[1]):g}p"
        )
    if probe.transfer:
        notes.append(
            f"{film}: HDR, {_TRANSFERS[probe.transfer]}: tone-mapped to SDR BT.709 "
            "(zscale, tonemap=mobius)"
        )
    if probe.timecode:
        notes.append(f"{film}: the master's timecode is not copied into the package")
    return notes


def master_record(
    plan: Plan, cache: Cache, country: CountryPlan, films: Mapping[str, VideoFacts]
) -> dict[str, Any]:
    """package.json's `masters`: per film, the streams taken and why, the reading
    (deinterlace, tone-map) and the decode errors met."""
    out: dict[str, Any] = {}
    for item in country.items:
        mux = plan.tasks[item.key]
        if not isinstance(mux, MuxTask) or item.item_id not in films:
            continue
        probe = films[item.item_id]
        found = _reading(plan, mux)
        rec: dict[str, Any] = {
            "video_stream": probe.video_stream,
            "audio_stream": probe.audio_stream if probe.has_audio else None,
            "streams": probe.streams_note,
            "interlace": None,
            "hdr": None,
            "timecode_dropped": probe.timecode,
            "decode_errors": [
                {"start": round(d.start, 3), "end": round(d.end, 3), "errors": d.errors}
                for d in damage(plan, cache, mux)
            ],
        }
        if probe.interlace and found is not None:
            reading, fps = found
            rec["interlace"] = {
                "field_order": probe.interlace,
                "found_by": probe.interlace_from,
                "deinterlaced": "bwdif, one frame per "
                + ("field" if reading.per_field else "frame"),
                "fps": str(fps),
            }
        if probe.transfer:
            rec["hdr"] = {
                "transfer": probe.transfer,
                "tone_mapped": "zscale + tonemap=mobius, SDR BT.709",
            }
        out[item.item_id] = rec
    return out


def loudness_misses(record: Mapping[str, object]) -> list[str]:
    """Films whose delivered sound misses -23 LUFS by more than 1 LU, or peaks above
    -1 dBTP: measured on what the package plays, so a fault anywhere shows here."""
    out = []
    for film, r in record.items():
        if not isinstance(r, dict) or r.get("output_i") is None:
            continue
        i, tp = float(r["output_i"]), r.get("output_tp")
        if abs(i - LOUDNORM["I"]) > LOUDNESS_TOLERANCE:
            out.append(
                f"{film}: delivered loudness {i:.1f} LUFS, target {LOUDNORM['I']:.0f} LUFS: "
                f"{abs(i - LOUDNORM['I']):.1f} LU {'quiet' if i < LOUDNORM['I'] else 'loud'}"
            )
        if tp is not None and float(tp) > LOUDNORM["TP"] + 0.05:
            out.append(
                f"{film}: delivered true peak {float(tp):.1f} dBTP, above {LOUDNORM['TP']:.0f} dBTP"
            )
    return out


def report_masters(
    plan: Plan,
    cache: Cache,
    films: Mapping[str, VideoFacts],
    sources: Mapping[str, str],
    reporter: Reporter,
    strict: bool,
) -> dict[str, str]:
    """Say once per film how its master was read and where its decoder met errors;
    return film -> what was said about its damage (for the technical notes). With
    ``strict`` a damaged master stops the build before anything is packaged."""
    done: set[str] = set()
    damaged: dict[str, str] = {}
    for country in plan.countries:
        for item in country.items:
            mux = plan.tasks[item.key]
            if not isinstance(mux, MuxTask) or item.item_id not in films or item.item_id in done:
                continue
            done.add(item.item_id)
            for note in reading_notes(item.item_id, films[item.item_id], plan, mux):
                reporter.info(note)
            ranges = damage(plan, cache, mux)
            if ranges:
                damaged[item.item_id] = damage_words(item.item_id, sources[item.item_id], ranges)
                reporter.warn(damaged[item.item_id])
    if strict and damaged:
        raise MediaError(
            "; ".join(damaged.values()),
            hint="--strict refuses damaged masters; without it the build packages them "
            "and records the errors in package.json",
        )
    return damaged
