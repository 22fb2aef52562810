"""What a build records in package.json beside the files: loudness measured on the
delivered sound, technical notes for the AV team, subtitle findings, thumbnail times."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..cache import Cache
from ..config import Workspace
from ..plan import LOUDNORM, CountryPlan, MuxTask, Plan
from ..qc import RULES, QcReport


def loudness_warnings(record: dict[str, object]) -> list[str]:
    return [
        f"{film}: loudnorm fell back to dynamic mode: linear gain could not meet -23 LUFS / "
        "-1 dBTP (or the audio has no loudness range); the result is normalised but compressed"
        for film, r in record.items()
        if isinstance(r, dict) and r.get("normalization_type") == "dynamic"
    ]


def technical_notes(loudness: dict[str, Any], warnings: list[str]) -> list[str]:
    """Notes for the AV team: from what the renders recorded (so a rebuild that reuses
    them says the same), plus the executor's warnings about anything else."""
    return loudness_warnings(loudness) + [w for w in warnings if "loudnorm" not in w]


def qc_record(qc: QcReport | None, ws: Workspace, country: str, force: bool) -> dict[str, Any]:
    """The subtitle findings for this country's language, as recorded in package.json."""
    if qc is None:
        return {}
    language = ws.ceremony.countries[country].language
    found = qc.for_language(language)
    second = ws.ceremony.countries[country].second_language
    langs: str | tuple[str, ...] = language
    if second is not None:  # a bilingual country records both languages' findings and files
        found = [f for f in qc.findings if f.language in (language, second, None)]
        langs = (language, second)
    # what each rule id found means, from the one list of rules (qc.registry)
    rules = {f.rule: RULES[f.rule].finds for f in sorted(found, key=lambda f: f.rule)}
    return {"forced": force and qc.has_errors, **qc.to_dict(found, langs), "rules": rules}


def thumbnail_times(plan: Plan) -> dict[str, float]:
    """Films: a moment a little after the opening cards; slideshows: the first photo."""
    out: dict[str, float] = {}
    for c in plan.countries:
        for item in c.items:
            out[item.key] = float(min(Fraction(item.duration) / 3, Fraction(8)))
    return out


def loudness_record(plan: Plan, cache: Cache, country: CountryPlan) -> dict[str, object]:
    """Per film: the source's loudness, whether loudnorm's pass 2 stayed linear, and
    the loudness of the soundtrack the package delivers, measured on it (ebur128)."""
    out: dict[str, object] = {}
    for item in country.items:
        mux = plan.tasks[item.key]
        if not isinstance(mux, MuxTask):
            continue
        soundtrack_key = mux.deps[1]
        audio_key = plan.tasks[soundtrack_key].deps[0]
        ln = cache.meta(audio_key).get("loudnorm")
        if not isinstance(ln, dict):
            out[item.item_id] = {"normalization_type": "no audio (silence)"}
            continue
        delivered = cache.meta(soundtrack_key).get("delivered") or {}
        out[item.item_id] = {
            "target": {"I": LOUDNORM["I"], "TP": LOUDNORM["TP"], "LRA": LOUDNORM["LRA"]},
            "normalization_type": ln.get("normalization_type"),
            "input_i": ln["measured"].get("input_i"),
            "input_tp": ln["measured"].get("input_tp"),
            "output_i": delivered.get("I"),
            "output_tp": delivered.get("TP"),
            "output_measured_on": "the delivered soundtrack (ebur128)",
        }
    return out
