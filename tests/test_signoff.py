"""Sign-off end to end in the real Chromium (Playwright driving the system Chromium):
review on the proof page, save, import, status, flags as findings, stale after an
edit, `build --approved-only`, and approval on a fresh proof page."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from screening_kit.cli import main
from screening_kit.errors import EXIT_HELD_BACK
from screening_kit.proof import make_proofs
from screening_kit.qc import check_workspace
from screening_kit.subtitles.reader import read_subtitles
from tests._mission import build_anyway
from tests.conftest import write_workspace

KK = """1
00:00:00,300 --> 00:00:01,300
Қайырлы кеш, құрметті қонақтар!

2
00:00:01,500 --> 00:00:02,500
Бұл фильм біздің тарихымыз туралы,
ол туралы бәрі білуі керек.

3
00:00:02,700 --> 00:00:03,600
Рахмет!
"""
CARD = ["Тәуелсіздік күні", "Астана, 2026"]
COMMENT = "«туралы» екі рет: екінші жолды қысқарту керек"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def review(
    context: Any, page_path: Path, out: Path, actions: Callable[[Any], None]
) -> dict[str, Any]:
    """Open the proof page, do ``actions``, press Save sign-off; the saved file."""
    page = context.new_page()
    page.goto(page_path.as_uri())
    actions(page)
    with page.expect_download() as info:
        page.click("#save")
    download = info.value
    assert download.suggested_filename.startswith("signoff.kk.")
    target = out / download.suggested_filename
    download.save_as(target)
    page.close()
    data: dict[str, Any] = json.loads(target.read_text("utf-8"))
    data["_path"] = str(target)
    return data


def test_sign_off_from_proof_page_to_release(
    browser: Any, tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    film = make_video("film.mp4", seconds=4)
    root = write_workspace(
        tmp_path / "ws", film, cues={"kk": KK}, cards={"kk": CARD}, countries={"KZ": "kk"}
    )
    srt = root / "subtitles" / "film" / "kk.srt"
    build_anyway(root)
    (sheet,) = [s for s in make_proofs(root) if s.language == "kk"]
    context = browser.new_context(accept_downloads=True)
    context.route("http*://**", lambda route: route.abort())  # no network, ever
    saved = tmp_path / "saved"
    saved.mkdir()

    def first_pass(page: Any) -> None:
        assert page.locator("#ask-name").is_visible()  # asked once
        page.fill("#reviewer", "Aigerim Nurlanova")
        page.click("#set-name")
        assert page.locator("#reviewer-name").inner_text() == "Aigerim Nurlanova"
        rows = page.locator("tr.r")
        assert rows.count() == 4  # the card, then three cues
        assert page.locator("#progress").inner_text() == "0 approved · 0 flagged · 4 left"
        rows.nth(0).click()
        page.keyboard.press("a")  # card: approve and next
        page.keyboard.press("a")  # cue 1
        page.keyboard.press("f")  # cue 2: flag, focus moves to its comment
        page.keyboard.type(COMMENT)
        page.keyboard.press("Escape")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("a")  # cue 3
        assert page.locator("#progress").inner_text() == "3 approved · 1 flagged · 0 left"
        # the state is in local storage: a reload keeps it
        page.reload()
        assert page.locator("#progress").inner_text() == "3 approved · 1 flagged · 0 left"
        assert page.locator("tr.r").nth(2).locator("textarea").input_value() == COMMENT
        assert not page.locator("#ask-name").is_visible()

    data = review(context, sheet.html, saved, first_pass)
    cues = read_subtitles(srt).cues
    meta = json.loads(
        __import__("html")
        .unescape(sheet.html.read_text("utf-8").split('name="screening-kit-proof" content="')[1])
        .split('">')[0]
    )
    assert Path(data.pop("_path")).name == f"signoff.kk.{meta['render'][:12]}.json"
    assert set(data) == {"schema", "language", "reviewer", "date", "render", "builds", "rows"}
    assert data["reviewer"] == "Aigerim Nurlanova" and data["language"] == "kk"
    assert data["render"] == meta["render"] and data["builds"] == meta["builds"] != {}
    assert data["date"][19] in "+-" and data["date"][22] == ":"  # zone: +HH:MM
    expected = [
        {"kind": "card", "id": "film:title", "text_sha256": sha("\n".join(CARD))},
        *(
            {
                "kind": "cue",
                "id": f"film:{c.index}",
                "text_sha256": sha(c.text),
                "timing_sha256": sha(f"{c.start_ms} --> {c.end_ms}"),
            }
            for c in cues
        ),
    ]
    verdicts = [("approved", ""), ("approved", ""), ("flagged", COMMENT), ("approved", "")]
    assert data["rows"] == [
        {**e, "verdict": v, "comment": c} for e, (v, c) in zip(expected, verdicts, strict=True)
    ]

    # import, status: partly, with the flag and its comment
    first = Path(saved / f"signoff.kk.{meta['render'][:12]}.json")
    r = cli("signoff", "import", str(root), str(first))
    assert r.exit_code == 0, r.output
    r = cli("signoff", "status", str(root))
    assert "kk: partly" in r.output and "3 of 4 approved" in r.output, r.output
    assert f"flagged cue 2 of film by Aigerim Nurlanova: {COMMENT}" in r.output

    # the flag is a finding on that cue of that file: info, warning with --strict
    flags = [f for f in check_workspace(root, shots=False).findings if f.rule == "signoff-flag"]
    assert [(f.severity, f.cue, f.path, f.language) for f in flags] == [("info", 2, srt, "kk")]
    assert "Aigerim Nurlanova" in flags[0].message and COMMENT in flags[0].message
    strict = check_workspace(root, shots=False, strict=True).findings
    assert [f.severity for f in strict if f.rule == "signoff-flag"] == ["warning"]

    # the editor fixes cue 2; rebuild: stale names it, the flag's finding is gone
    srt.write_text(KK.replace("Бұл фильм біздің тарихымыз туралы,\nол туралы бәрі білуі керек.",
                              "Бұл фильм біздің тарихымыз туралы."), "utf-8")  # fmt: skip
    result = build_anyway(root)
    so = json.loads((root / "dist" / "KZ" / "package.json").read_text("utf-8"))["signoff"]
    assert so["state"] == "partly" and so["stale"] == ["cue film:2"] and so["approved"] == 3
    assert "1 cue changed since sign-off (cue 2 of film)" in result.signoff["KZ"]
    assert "1 cue changed since sign-off" in (root / "dist" / "KZ" / "RUNSHEET.html").read_text()
    assert "cue 2 of film" in (root / "dist" / "index.html").read_text("utf-8")
    assert not [f for f in check_workspace(root, shots=False).findings if f.rule == "signoff-flag"]
    r = cli("signoff", "status", str(root))
    assert "changed since sign-off: cue 2 of film" in r.output, r.output

    # --approved-only: built, but left out of dist/, with its own exit code
    r = cli("build", str(root), "--force", "--approved-only")
    assert r.exit_code == EXIT_HELD_BACK, r.output
    assert "KZ: NOT in" in r.output and "cue 2 of film" in r.output
    assert not (root / "dist" / "KZ").exists()

    # a fresh proof page: only cue 2 needs a fresh look; approve it
    (sheet,) = [s for s in make_proofs(root) if s.language == "kk"]

    def second_pass(page: Any) -> None:
        assert page.locator("#reviewer-name").inner_text() == "Aigerim Nurlanova"
        prior = page.eval_on_selector_all("tr.r", "rs => rs.map(r => r.dataset.prior)")
        assert prior == ["approved", "approved", "stale", "approved"]
        page.check("#fresh")  # only the rows that need a fresh look
        assert page.locator("tr.r:visible").count() == 1
        page.locator("tr.r:visible").click()
        page.keyboard.press("a")
        assert page.locator("#progress").inner_text() == "1 approved · 0 flagged · 3 left"

    data = review(context, sheet.html, saved, second_pass)
    assert [(r["id"], r["verdict"]) for r in data["rows"]] == [("film:2", "approved")]
    assert data["rows"][0]["text_sha256"] == sha(read_subtitles(srt).cues[1].text)
    r = cli("signoff", "import", str(root), data["_path"])
    assert r.exit_code == 0, r.output
    r = cli("build", str(root), "--force", "--approved-only")
    assert r.exit_code == 0, r.output
    assert "sign-off: Kazakh: approved by Aigerim Nurlanova on" in r.output
    doc = json.loads((root / "dist" / "KZ" / "package.json").read_text("utf-8"))
    assert doc["signoff"]["state"] == "approved"
    assert doc["signoff"]["reviewers"][0]["name"] == "Aigerim Nurlanova"
    assert "approved by Aigerim Nurlanova" in (root / "dist" / "KZ" / "RUNSHEET.html").read_text()
    # the sign-off is an input, not a clock: a rebuild changes nothing
    bid = doc["build_id"]
    assert cli("build", str(root), "--force").exit_code == 0
    again = json.loads((root / "dist" / "KZ" / "package.json").read_text("utf-8"))
    assert again["build_id"] == bid
    context.close()


def test_release_approved_only_in_ceremony_yaml(
    tmp_path: Path, make_video: Callable[..., Path]
) -> None:
    """`release: approved-only` does what --approved-only does; without sign-off the
    country is built (its renders are in the cache) but not put into dist/."""
    import yaml

    film = make_video("film.mp4", seconds=4)
    root = write_workspace(tmp_path / "ws", film, cues={"kk": KK}, countries={"KZ": "kk"})
    build_anyway(root)  # an earlier package, from before the rule
    assert (root / "dist" / "KZ" / "package.json").is_file()
    cfg = yaml.safe_load((root / "ceremony.yaml").read_text("utf-8"))
    cfg["release"] = "approved-only"
    (root / "ceremony.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    result = build_anyway(root)
    assert result.held_back == ["KZ"] and not result.packages
    assert result.signoff["KZ"] == "Kazakh: not signed off (3 rows)"
    assert not (root / "dist" / "KZ").exists()
    r = cli("build", str(root), "--force")
    assert r.exit_code == EXIT_HELD_BACK, r.output
    assert "KZ: NOT in" in r.output and "not signed off" in r.output
    # --all-countries overrides it: built and marked
    r = cli("build", str(root), "--force", "--all-countries")
    assert r.exit_code == 0, r.output
    assert "sign-off: Kazakh: not signed off (3 rows)" in r.output
    index = (root / "dist" / "index.html").read_text("utf-8")
    assert "Kazakh: not signed off (3 rows)" in index


def test_states_words_and_the_newer_verdict_winning() -> None:
    from screening_kit.signoff import Recorded, Row, Verdict
    from screening_kit.signoff.status import language_status

    def row(kind: str, rid: str, text: str) -> Row:
        timing = sha("0 --> 1") if kind == "cue" else None
        return Row(kind, rid, sha(text), timing, Path("x"), 1, "f")  # type: ignore[arg-type]

    rows = [row("card", "f:title", "T"), row("cue", "f:1", "a"), row("cue", "f:2", "b")]
    rec = Recorded("kk", {}, [])
    assert language_status("kk", "Kazakh", rows, rec).state == "none"
    assert language_status("kk", "Kazakh", rows, rec).words() == "Kazakh: not signed off (3 rows)"
    nothing = language_status("kk", "Kazakh", [], rec)
    assert (nothing.state, nothing.words()) == ("approved", "Kazakh: nothing to sign off")

    def v(r: Row, verdict: str, date: str, text: str | None = None, who: str = "A") -> Verdict:
        h = sha(text) if text is not None else r.text_sha256
        return Verdict(r.kind, r.id, h, r.timing_sha256, verdict, "c", who, date)

    rec.merge([v(r, "approved", "2026-12-04T10:00:00+01:00") for r in rows])
    st = language_status("kk", "Kazakh", rows, rec)
    assert st.state == "approved" and st.words() == "Kazakh: approved by A on 2026-12-04"
    # an older verdict (by the reviewers' clocks, zones counted) does not replace it
    rec.merge([v(rows[1], "flagged", "2026-12-04T09:30:00+00:00")])  # 10:00+01:00 is 09:00Z
    assert language_status("kk", "Kazakh", rows, rec).flagged[0].row == rows[1]
    rec.merge([v(rows[1], "approved", "2026-12-04T08:00:00+00:00", who="B")])
    assert language_status("kk", "Kazakh", rows, rec).flagged[0].row == rows[1]
    # cue 2 changed since: stale, named
    rec.merge([v(rows[2], "approved", "2026-12-05T10:00:00+05:00", text="old")])
    st = language_status("kk", "Kazakh", rows, rec)
    assert st.state == "partly"
    assert st.words() == (
        "Kazakh: 1 cue changed since sign-off (cue 2 of f); 1 flagged; 1 of 3 approved"
    )
    assert st.record()["stale"] == ["cue f:2"] and st.record()["flagged"] == ["cue f:1"]
