"""PLAY.html: the package plays itself in any browser, from the stick, offline.

One self-contained page (inline script and style, no network) that plays the running
order from the files beside it, full screen, with repeats and black between items.
A ready screen first (title, country, build id, running time, the items, a large
Start button); during the show a small overlay, keys, a message naming a file that
does not play (and going on after 10 s), and a pre-show loop: an ``until_start``
item repeats until the start time, which the ready screen counts down to.

The start instant is written into the page as milliseconds since the epoch,
computed from ``starts_at`` in its zone: the page compares it with the clock of the
laptop that plays it, and the package holds nothing of the build machine's clock.

``#error_wait=N`` in the page's address shortens the 10 s wait (the tests use it).
"""

from __future__ import annotations

import datetime as dt
import html
import json

from ..clock import running_clock
from ..i18n import Staff
from .playlists import Entry

ERROR_WAIT_SECONDS = 10

# key -> English message (the msgid in the catalogs); {name} placeholders are
# filled in by the page
MESSAGES = {
    "start": "Start",
    "build": "Build {id}",
    "total": "Total running time {time}",
    "starts": "The show starts {when}.",
    "countdown": "Starts in {time}",
    "countdown_days": "Starts in {days} d {time}",
    "passed": "The start time has passed: Start plays from the first item after the pre-show loop.",
    "loops": "loops until the start",
    "verify": "Before the day, check this copy: open VERIFY.html (in this folder) in a browser; "
    "it must say OK and show the build id above.",
    "keys": "Space: pause or go on · N: next item · P: previous item · R: restart the item · "
    "F or double-click: full screen · Esc: leave full screen",
    "item": "Item {n} of {count}: {title}",
    "play": "play {k} of {of}",
    "left": "{time} left",
    "until": "until the start: {time}",
    "paused": "Paused: press Space to go on.",
    "error": "{file} cannot be played here.",
    "error_do": "Play it from VLC (open ceremony.xspf in this folder). If it does not play "
    "there either, the copy is damaged: copy the package again.",
    "error_next": "Next item in {n} s (Space holds).",
    "error_held": "Held: press Space to go on, N for the next item.",
    "end": "End of the ceremony.",
}

CSS = """\
html, body { margin: 0; height: 100%; background: #000; color: #eee;
  font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
#ready { max-width: 60em; margin: 0 auto; padding: 4vh 4vw; }
#ready h1 { font-size: 2.2em; margin: 0 0 0.3em; }
#ready .meta { font-size: 1.2em; color: #ccc; }
#ready .id { font: bold 1.3em "DejaVu Sans Mono", monospace; letter-spacing: 0.1em; color: #fff; }
#ready ol { font-size: 1.1em; line-height: 1.6; }
#ready .t { color: #aaa; font-variant-numeric: tabular-nums; }
#countdown { font-size: 2em; font-weight: bold; color: #fc6; margin: 0.4em 0; }
#start { font-size: 2.4em; padding: 0.4em 2.5em; margin: 0.5em 0; border: 0; border-radius: 0.3em;
  background: #2a7; color: #fff; cursor: pointer; }
#start:focus { outline: 0.15em solid #fff; }
.small { color: #999; font-size: 0.95em; }
#show { position: fixed; inset: 0; background: #000; display: none; }
body.playing #show { display: block; }
body.playing #ready { display: none; }
body.playing.still { cursor: none; }
body:not(.playing) #overlay { display: none; }
video { width: 100%; height: 100%; object-fit: contain; background: #000; display: block; }
#overlay { position: fixed; inset-inline-start: 2vw; bottom: 3vh; padding: 0.5em 0.9em;
  background: rgba(0, 0, 0, 0.7); color: #fff; font-size: 1.1em; border-radius: 0.3em;
  transition: opacity 0.4s; }
body.still #overlay { opacity: 0; }
#problem { position: fixed; inset: 20vh 10vw auto; padding: 1.2em 1.5em; background: #400;
  color: #fff; font-size: 1.4em; border: 0.1em solid #f66; display: none; }
#problem.on { display: block; }
#end { position: fixed; inset: 45vh 0 auto; text-align: center; color: #777; display: none; }
body.over #end { display: block; }
"""

JS = r"""
const D = JSON.parse(document.getElementById("data").textContent);
const $ = (id) => document.getElementById(id);
const T = (k, v) => D.msgs[k].replace(/\{(\w+)\}/g, (_, n) => String((v || {})[n] ?? ""));
const WAIT = Number((location.hash.match(/error_wait=(\d+)/) || [])[1] || D.error_wait);
const video = $("video");
const clock = (s) => {
  s = Math.max(0, Math.round(s));
  const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), x = s % 60;
  return h + ":" + String(m).padStart(2, "0") + ":" + String(x).padStart(2, "0");
};
// what happened, in order: the tests read it, and it helps anyone debugging a venue
window.playLog = [];
const log = (event) => window.playLog.push(
  {event, index: idx, file: D.items[idx] ? D.items[idx].file : null, at: Date.now()});
let idx = -1, play = 0, started = false, paused = false, over = false;
let errorLeft = null, stillTimer = null;
const looping = (i) => D.items[i].until_start && D.start_ms !== null && Date.now() < D.start_ms;

function load(i) {
  hideProblem();
  idx = i; play = 0; paused = false;
  if (i >= D.items.length) return finish();
  // the start time has passed: the pre-show loop has no more to do
  if (D.items[i].until_start && !looping(i)) { log("skip"); return load(i + 1); }
  video.src = encodeURIComponent(D.items[i].file);
  log("load");
  video.play().catch(() => {});  // a file that fails reports it through "error"
  wake();
}
function finish() {
  over = true; log("end");
  video.removeAttribute("src"); video.load();
  document.body.classList.add("over");
}
video.addEventListener("ended", () => {
  log("ended");
  const it = D.items[idx];
  if (it.until_start ? looping(idx) : play + 1 < it.repeat) {
    play++; video.currentTime = 0; video.play().catch(() => {});
  } else load(idx + 1);
});
video.addEventListener("error", () => {
  if (over || !video.getAttribute("src")) return;
  log("error");
  errorLeft = WAIT;
  $("problem-file").textContent = T("error", {file: D.items[idx].file});
  $("problem").classList.add("on");
  tellError();
});
function tellError() {
  $("problem-next").textContent = paused ? T("error_held") : T("error_next", {n: errorLeft});
}
function hideProblem() { errorLeft = null; $("problem").classList.remove("on"); }

function left() {
  if (idx < 0 || idx >= D.items.length) return 0;
  const it = D.items[idx];
  const here = Math.max(0, it.duration - (video.currentTime || 0));
  let s = it.until_start ? Math.max(0, (D.start_ms - Date.now()) / 1000)
    : here + (it.repeat - play - 1) * it.duration;
  for (let j = idx + 1; j < D.items.length; j++)
    if (!D.items[j].until_start) s += D.items[j].duration * D.items[j].repeat;
  return s;
}
function overlay() {
  if (idx < 0 || idx >= D.items.length) return;
  const it = D.items[idx];
  let text = T("item", {n: idx + 1, count: D.items.length, title: it.title});
  if (it.until_start) text += " · " + T("until", {time: clock((D.start_ms - Date.now()) / 1000)});
  else if (it.repeat > 1) text += " · " + T("play", {k: play + 1, of: it.repeat});
  text += " · " + T("left", {time: clock(left())});
  if (paused) text += " · " + T("paused");
  $("overlay").textContent = text;
}
function wake() {  // show the overlay and the pointer; hide them after 2 s
  document.body.classList.remove("still");
  overlay();
  clearTimeout(stillTimer);
  stillTimer = setTimeout(() => document.body.classList.add("still"), 2000);
}

function start() {
  if (started) return;
  started = true; log("start");
  document.body.classList.add("playing");
  fullScreen(true);
  load(0);
}
function fullScreen(on) {
  const el = document.documentElement;
  if (on && !document.fullscreenElement && el.requestFullscreen)
    el.requestFullscreen().catch(() => {});
  if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => {});
}
function pause() {
  if (over) return;
  paused = !paused;
  log(paused ? "pause" : "resume");
  if (errorLeft !== null) tellError();
  else if (paused) video.pause();
  else video.play().catch(() => {});
  wake();
}
document.addEventListener("keydown", (ev) => {
  const k = ev.key.toLowerCase();
  if (!started) {
    if (k === " " || k === "enter") { ev.preventDefault(); start(); }
    return;
  }
  if (k === " ") { ev.preventDefault(); pause(); }
  else if (k === "n") { log("next"); load(idx + 1); }
  else if (k === "p") { log("previous"); load(Math.max(0, idx - 1)); }
  else if (k === "r") {
    log("restart"); video.currentTime = 0;
    if (!paused) video.play().catch(() => {});
    wake();
  }
  else if (k === "f") fullScreen(!document.fullscreenElement);
  else if (k === "escape") fullScreen(false);
});
document.addEventListener("dblclick", () => started && fullScreen(!document.fullscreenElement));
document.addEventListener("mousemove", () => started && wake());
$("start").addEventListener("click", start);

function tick() {
  if (D.start_ms !== null && !started) {
    const s = (D.start_ms - Date.now()) / 1000;
    const days = Math.floor(s / 86400);
    $("countdown").textContent = s <= 0 ? T("passed")
      : days ? T("countdown_days", {days, time: clock(s % 86400)})
      : T("countdown", {time: clock(s)});
  }
  if (started && !over && idx >= 0 && idx < D.items.length) {
    if (D.items[idx].until_start && errorLeft === null && !looping(idx)) {
      log("start-time"); load(idx + 1);
    }
    if (!document.body.classList.contains("still")) overlay();
  }
}
setInterval(tick, 250);
setInterval(() => {
  if (errorLeft === null || paused) return;
  errorLeft -= 1;
  if (errorLeft <= 0) { log("skip-error"); load(idx + 1); } else tellError();
}, 1000);
tick();
$("start").focus();
"""


def start_ms(starts_at: dt.datetime | None) -> int | None:
    """The start instant for the page: an aware datetime as epoch milliseconds."""
    return None if starts_at is None else round(starts_at.timestamp() * 1000)


def render(
    staff: Staff,
    *,
    title: str,
    country: str,
    build_id: str,
    entries: list[Entry],
    starts_at: dt.datetime | None = None,
) -> str:
    e = html.escape
    total = sum(x.duration * x.repeat for x in entries if not x.until_start)
    rows = []
    for x in entries:
        plays = (
            e(staff.t(MESSAGES["loops"]))
            if x.until_start
            else (f"{x.repeat} &times; " if x.repeat > 1 else "") + running_clock(x.duration)
        )
        rows.append(f'<li>{e(x.title)} <span class="t">&middot; {plays}</span></li>')
    starts = ""
    if starts_at is not None:
        when = f"{staff.when(starts_at)} ({starts_at.tzinfo})"
        starts = f'<p class="meta">{e(staff.t(MESSAGES["starts"], when=when))}</p>'
    data = {
        "items": [
            {
                "file": x.filename,
                "title": x.title,
                "duration": x.duration,
                "repeat": x.repeat,
                "until_start": x.until_start,
            }
            for x in entries
        ],
        "start_ms": start_ms(starts_at),
        "error_wait": ERROR_WAIT_SECONDS,
        "msgs": {k: staff.t(v) for k, v in MESSAGES.items()},
    }
    # "</" would end the script element early
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")

    def m(key: str, **values: object) -> str:
        return e(staff.t(MESSAGES[key], **values))

    # the id alone in the large monospace type, whatever the words around it
    build = m("build", id="{id}").replace("{id}", f'<span class="id">{e(build_id)}</span>')
    return f"""<!DOCTYPE html>
<html lang="{e(staff.tag)}" dir="{staff.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - {e(country)}</title>
<style>
{CSS}</style></head>
<body>
<div id="ready">
<h1>{e(title)}</h1>
<p class="meta"><b>{e(country)}</b> &middot; {build}
&middot; {m("total", time=running_clock(total))}</p>
{starts}<div id="countdown"></div>
<ol id="items">{"".join(rows)}</ol>
<button id="start">{m("start")}</button>
<p class="small">{m("keys")}</p>
<p class="small">{m("verify")}</p>
</div>
<div id="show"><video id="video" playsinline></video></div>
<div id="overlay"></div>
<div id="problem"><p id="problem-file"></p><p>{m("error_do")}</p><p id="problem-next"></p>
</div>
<div id="end">{m("end")}</div>
<script type="application/json" id="data">{blob}</script>
<script>{JS}</script>
</body></html>
"""
