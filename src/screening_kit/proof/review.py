"""Review in the proof page: Approve / Flag and a comment on every row, the reviewer's
name (asked once), progress, keyboard shortcuts and "Save sign-off".

Everything is inline (the page opens from file:// with no network). The page's
state lives in the browser's local storage under the page's render id, so closing
the tab loses nothing. What is saved is ``signoff.<lang>.<render>.json``: the
reviewer, the date and time with zone, the render and build ids, and per decided
row its kind, id, the hashes the page carries (``signoff.rows``), the verdict and
the comment (and ``language``, for a bilingual page's second-language rows, which
are recorded under that language); no text and no picture leaves the page.
"""

from __future__ import annotations

import html

from ..signoff import RowState
from ..signoff.rows import Row

RENDER_ID_LENGTH = 12  # in the saved file's name; the file holds the whole key


def _prior_note(state: RowState | None) -> str:
    """What the recorded sign-off says about this row, if anything."""
    if state is None or state.verdict is None:
        return "new: not signed off yet" if state is not None else ""
    v = state.verdict
    when = f"{v.reviewer}, {v.date[:16].replace('T', ' ')}"
    if state.state == "approved":
        return f"approved earlier ({when})"
    if state.state == "flagged":
        return f"flagged earlier ({when}): {v.comment}"
    return f"changed since the sign-off ({when}): look again"


def row_attrs(row: Row | None, state: RowState | None, lang: str = "") -> str:
    """The attributes of a reviewable row: its kind, id and hashes, its language (on a
    bilingual page, where rows of both are), and whether it needs a fresh look
    (``data-prior``)."""
    if row is None:
        return ""
    e = html.escape
    timing = f' data-timing="{row.timing_sha256}"' if row.timing_sha256 else ""
    prior = state.state if state is not None else "new"
    in_lang = f' data-lang="{e(lang)}"' if lang else ""
    return (
        f' class="r" tabindex="-1" data-kind="{row.kind}" data-id="{e(row.id)}"{in_lang}'
        f' data-text="{row.text_sha256}"{timing} data-prior="{prior}"'
    )


def review_cell(row: Row | None, state: RowState | None, language: str = "") -> str:
    """``language``: the row's language in words, on a page with rows of two."""
    if row is None:
        return "<td class=ok>&#9744;</td>"
    note = _prior_note(state) if state is not None and state.state != "new" else ""
    tag = f"<div class=lang>{html.escape(language)}</div>" if language else ""
    return (
        f"<td class=rv>{tag}<button type=button class=approve>Approve</button> "
        "<button type=button class=flag>Flag</button> <b class=verdict></b>"
        '<textarea class=comment rows=2 placeholder="Comment (what is wrong, what it should say)">'
        f"</textarea>{f'<div class=prior>{html.escape(note)}</div>' if note else ''}</td>"
    )


def review_header(rows: int, fresh: int) -> str:
    return f"""<div id="review">
<div>Reviewer: <b id="reviewer-name"></b> <span id="ask-name"><input id="reviewer"
size="28" placeholder="Your name, as it will be recorded">
<button type=button id="set-name">Set name</button></span>
<button type=button id="change-name" hidden>change</button>
&nbsp; <b id="progress"></b> &nbsp;
<button type=button id="save">Save sign-off</button> <span id="save-note"></span></div>
<div class="keys"><label><input type="checkbox" id="fresh"> Only the {fresh} of {rows} rows that
need a fresh look (new or changed since the last sign-off)</label> &middot; Keys: <kbd>A</kbd>
approve and next, <kbd>F</kbd> flag (then type the comment), <kbd>&uarr;</kbd> <kbd>&darr;</kbd>
move; or click a row.</div>
</div>"""


CSS = """\
#review { position: sticky; top: 0; background: #fff; z-index: 2; padding: 2mm 0;
          border-bottom: 2px solid #333; margin-bottom: 3mm; }
#review .keys { font-size: 10pt; color: #333; margin-top: 1mm; }
kbd { border: 1px solid #888; border-radius: 3px; padding: 0 4px; font-size: 9pt; }
td.rv { min-width: 46mm; }
td.rv textarea { width: 44mm; display: block; margin-top: 1mm; font: inherit; font-size: 10pt; }
tr.r.approved { background: #e6f4e6; }
tr.r.flagged { background: #fbe3e3; }
tr.r.current { outline: 3px solid #05a; outline-offset: -3px; }
tr.r.approved b.verdict { color: #060; }
tr.r.flagged b.verdict { color: #a00; }
div.lang { font-weight: bold; margin-bottom: 1mm; }
div.prior { font-size: 9pt; color: #555; margin-top: 1mm; max-width: 45mm; }
tr.r[data-prior="stale"] div.prior, tr.r[data-prior="flagged"] div.prior { color: #a00; }
@media print { #review button, #review .keys, td.rv button, td.rv textarea { display: none; } }
"""

JS = """\
(() => {
  const meta = JSON.parse(document.querySelector('meta[name="screening-kit-proof"]').content);
  const lang = document.body.dataset.lang;
  const KEY = "screening-kit-signoff:" + meta.render, NAME = "screening-kit-reviewer";
  const rows = [...document.querySelectorAll("tr.r")];
  const $ = (id) => document.getElementById(id);
  let state = {};
  try { state = JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { state = {}; }
  let cur = rows[0] || null;
  // a bilingual page's second-language rows share ids with the first's: keyed apart
  const rowLang = (tr) => tr.dataset.lang || lang;
  const keyOf = (tr) =>
    tr.dataset.kind + " " + tr.dataset.id + (rowLang(tr) !== lang ? " " + rowLang(tr) : "");
  const save = () => localStorage.setItem(KEY, JSON.stringify(state));
  const entry = (tr) => (state[keyOf(tr)] = state[keyOf(tr)] || { comment: "" });
  function paint(tr) {
    const s = state[keyOf(tr)] || {};
    tr.classList.toggle("approved", s.verdict === "approved");
    tr.classList.toggle("flagged", s.verdict === "flagged");
    tr.querySelector("textarea").value = s.comment || "";
    tr.querySelector("b.verdict").textContent =
      s.verdict === "approved" ? "Approved" : s.verdict === "flagged" ? "Flagged" : "";
  }
  function progress() {
    let a = 0, f = 0;
    for (const tr of rows) {
      const v = (state[keyOf(tr)] || {}).verdict;
      if (v === "approved") a++; else if (v === "flagged") f++;
    }
    $("progress").textContent =
      a + " approved \\u00b7 " + f + " flagged \\u00b7 " + (rows.length - a - f) + " left";
  }
  function select(tr) {
    if (!tr) return;
    if (cur) cur.classList.remove("current");
    cur = tr;
    tr.classList.add("current");
    tr.scrollIntoView({ block: "nearest" });
  }
  const shown = () => rows.filter((tr) => !tr.hidden);
  function move(step) {
    const list = shown();
    const i = list.indexOf(cur);
    select(list[Math.max(0, Math.min(list.length - 1, i < 0 ? 0 : i + step))]);
  }
  function verdict(tr, v) {
    entry(tr).verdict = v;
    save(); paint(tr); progress();
  }
  for (const tr of rows) {
    paint(tr);
    tr.addEventListener("click", () => select(tr));
    tr.querySelector("button.approve").addEventListener("click", () => verdict(tr, "approved"));
    tr.querySelector("button.flag").addEventListener("click", () => {
      verdict(tr, "flagged"); tr.querySelector("textarea").focus();
    });
    tr.querySelector("textarea").addEventListener("input", (ev) => {
      entry(tr).comment = ev.target.value; save();
    });
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest && ev.target.closest("textarea, input")) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !cur) return;
    const k = ev.key.toLowerCase();
    if (k === "a") { verdict(cur, "approved"); move(1); }
    else if (k === "f") {
      verdict(cur, "flagged"); ev.preventDefault(); cur.querySelector("textarea").focus();
    }
    else if (k === "arrowdown" || k === "arrowright") { move(1); }
    else if (k === "arrowup" || k === "arrowleft") { move(-1); }
    else return;
    ev.preventDefault();
  });
  function showName() {
    const name = localStorage.getItem(NAME) || "";
    $("reviewer-name").textContent = name;
    $("ask-name").hidden = !!name;
    $("change-name").hidden = !name;
  }
  $("set-name").addEventListener("click", () => {
    const name = $("reviewer").value.trim();
    if (name) { localStorage.setItem(NAME, name); showName(); }
  });
  $("reviewer").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") $("set-name").click();
  });
  $("change-name").addEventListener("click", () => {
    $("reviewer").value = localStorage.getItem(NAME) || "";
    $("ask-name").hidden = false; $("change-name").hidden = true; $("reviewer").focus();
  });
  $("fresh").addEventListener("change", (ev) => {
    for (const tr of rows) tr.hidden = ev.target.checked && tr.dataset.prior === "approved";
    if (cur && cur.hidden) move(1);
  });
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  function now() {
    const d = new Date(), off = -d.getTimezoneOffset();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      (off < 0 ? "-" : "+") + pad(off / 60) + ":" + pad(off % 60);
  }
  $("save").addEventListener("click", () => {
    const reviewer = localStorage.getItem(NAME) || "";
    if (!reviewer) {
      $("save-note").textContent = "Set your name first."; $("reviewer").focus(); return;
    }
    const out = { schema: 1, language: lang, reviewer: reviewer, date: now(),
      render: meta.render, builds: meta.builds || {}, rows: [] };
    for (const tr of rows) {
      const s = state[keyOf(tr)];
      if (!s || !s.verdict) continue;
      const r = { kind: tr.dataset.kind, id: tr.dataset.id, text_sha256: tr.dataset.text };
      if (tr.dataset.timing) r.timing_sha256 = tr.dataset.timing;
      if (rowLang(tr) !== lang) r.language = rowLang(tr);
      r.verdict = s.verdict; r.comment = s.comment || "";
      out.rows.push(r);
    }
    const blob = new Blob([JSON.stringify(out, null, 2) + "\\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "signoff." + lang + "." + meta.render.slice(0, RENDER_ID_LENGTH) + ".json";
    document.body.appendChild(a); a.click(); a.remove();
    $("save-note").textContent = "Saved " + a.download + " (" + out.rows.length +
      " rows): send it to whoever builds the packages.";
  });
  showName(); progress(); select(cur);
})();
""".replace("RENDER_ID_LENGTH", str(RENDER_ID_LENGTH))


def script() -> str:
    return f"<script>\n{JS}</script>"
