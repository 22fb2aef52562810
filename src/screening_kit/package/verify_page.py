"""VERIFY.html: check a copy in any browser, without screening-kit.

The mission's laptop at the venue has a browser, not Python. The page carries the
package's manifest and a small SHA-256 written in plain JavaScript that hashes each
file incrementally, piece by piece (``File.slice``), because files reach 4 GiB and
``crypto.subtle.digest`` only hashes a whole buffer at once. No network, no
external script or style: the page works from the stick, offline.

The page cannot list its own hash (nor the manifest's, which lists the page): it
checks every other file, and checks that a MANIFEST.sha256 picked with them agrees.
"""

from __future__ import annotations

import html
import json

from ..i18n import Staff, staff
from .identity import MANIFEST, VERIFY_HTML

PIECE_BYTES = 4 << 20  # read 4 MiB at a time: memory stays flat for 4 GiB files

# FIPS 180-4 SHA-256 over a stream of Uint8Array pieces; length kept as a Number
# (exact up to 2^53 bytes), written as two 32-bit words in the padding.
SHA256_JS = r"""
const K = new Uint32Array([
0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
class Sha256 {
  constructor() {
    this.h = new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,
                              0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19]);
    this.w = new Uint32Array(64); this.buf = new Uint8Array(64); this.fill = 0; this.len = 0;
  }
  block(b, o) {
    const w = this.w, h = this.h;
    for (let i = 0; i < 16; i++, o += 4)
      w[i] = (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b2 = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b2) ^ (a & c) ^ (b2 & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b2; b2 = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b2; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  update(data) {
    let i = 0;
    const n = data.length;
    this.len += n;
    if (this.fill) {
      while (i < n && this.fill < 64) this.buf[this.fill++] = data[i++];
      if (this.fill < 64) return;
      this.block(this.buf, 0); this.fill = 0;
    }
    for (; i + 64 <= n; i += 64) this.block(data, i);
    while (i < n) this.buf[this.fill++] = data[i++];
  }
  hex() {
    const bits = this.len * 8, hi = Math.floor(bits / 4294967296), lo = bits >>> 0;
    const pad = new Uint8Array(((this.fill < 56 ? 56 : 120) - this.fill) + 8);
    pad[0] = 0x80;
    const n = pad.length;
    pad[n - 8] = hi >>> 24; pad[n - 7] = hi >>> 16; pad[n - 6] = hi >>> 8; pad[n - 5] = hi;
    pad[n - 4] = lo >>> 24; pad[n - 3] = lo >>> 16; pad[n - 2] = lo >>> 8; pad[n - 1] = lo;
    const len = this.len;
    this.update(pad);
    this.len = len;
    return Array.from(this.h, (x) => x.toString(16).padStart(8, "0")).join("");
  }
}
"""

PAGE_JS = r"""
const DATA = JSON.parse(document.getElementById("manifest").textContent);
const PIECE = Number((location.hash.match(/piece=(\d+)/) || [])[1]) || DATA.piece;
const SELF = new Set([DATA.page, DATA.manifest_name]);
const $ = (id) => document.getElementById(id);
const T = (k, v) => DATA.msgs[k].replace(/\{(\w+)\}/g, (_, n) => String((v || {})[n] ?? ""));
async function hashFile(file, done, total) {
  const h = new Sha256();
  for (let off = 0; off < file.size; off += PIECE) {
    h.update(new Uint8Array(await file.slice(off, off + PIECE).arrayBuffer()));
    const now = done + Math.min(off + PIECE, file.size);
    $("bar").value = total ? now / total : 1;
  }
  return h.hex();
}
function say(list, file, problem) {
  const li = document.createElement("li");
  li.dataset.file = file; li.dataset.problem = problem;
  li.textContent = file + ": " + problem;
  list.appendChild(li);
}
async function check(files) {
  const list = $("problems"); list.textContent = "";
  document.body.dataset.result = "running";
  const picked = new Map();
  for (const f of files) {
    const parts = (f.webkitRelativePath || f.name).split("/");
    picked.set(parts.length > 1 ? parts.slice(1).join("/") : parts[0], f);
  }
  const want = new Map(DATA.files.map((e) => [e.name, e]));
  let total = 0, done = 0, ok = 0;
  for (const [name, e] of want) if (picked.has(name)) total += picked.get(name).size;
  for (const [name, e] of want) {
    const f = picked.get(name);
    $("status").textContent = T("checking", {name});
    if (!f) { say(list, name, T("missing")); continue; }
    if (f.size !== e.size) {
      const n = (x) => x.toLocaleString(document.documentElement.lang);
      say(list, name, T("size", {size: n(f.size), expected: n(e.size)}));
    } else if ((await hashFile(f, done, total)) !== e.sha256) {
      say(list, name, T("differs"));
    } else ok++;
    done += f.size;
  }
  for (const [name, f] of picked) {
    if (want.has(name) || SELF.has(name)) continue;
    say(list, name, T("extra"));
  }
  const m = picked.get(DATA.manifest_name);
  if (m) {
    const lines = new Map();
    for (const line of (await m.text()).split(/\r?\n/)) {
      const x = line.match(/^([0-9a-fA-F]{64}) [ *](.+)$/);
      if (x) lines.set(x[2], x[1].toLowerCase());
    }
    for (const e of DATA.files) {
      if (lines.get(e.name) !== e.sha256) {
        say(list, DATA.manifest_name, T("manifest")); break;
      }
    }
  }
  $("bar").value = 1;
  const bad = list.children.length;
  document.body.dataset.result = bad ? "not-ok" : "ok";
  $("status").textContent = bad ? T("not_ok", {n: bad}) : T("ok", {label: DATA.label, n: ok});
  $("status").className = bad ? "bad" : "good";
}
for (const id of ["folder", "files"])
  $(id).addEventListener("change", (ev) => check(Array.from(ev.target.files)));
"""

CSS = """\
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 8mm auto;
       max-width: 180mm; padding: 0 4mm; font-size: 11pt; }
h1 { font-size: 16pt; } .id { font-size: 20pt; font-weight: bold; letter-spacing: 0.1em; }
label { display: block; margin: 3mm 0; }
progress { width: 100%; height: 6mm; }
#status { font-size: 14pt; font-weight: bold; margin: 3mm 0; }
.good { color: #060; } .bad { color: #b00; }
li { margin: 1mm 0; word-break: break-all; unicode-bidi: plaintext; }
code { direction: ltr; unicode-bidi: isolate; }
"""


# key -> English message (the msgid in the catalogs), filled in by the page
MESSAGES = {
    "checking": "Checking {name} ...",
    "missing": "missing: copy it again from the original package",
    "size": "differs ({size} bytes, expected {expected}): copy it again",
    "differs": "differs (damaged, or from another build): copy it again",
    "extra": "extra file, not part of this package: remove it",
    "manifest": "does not match this page (another build?)",
    "not_ok": "NOT OK: {n} problem(s) below. This copy must not be played as it is.",
    "ok": "OK: {label}: all {n} files match.",
}


def render(
    country: str,
    country_name: str,
    build_id: str,
    files: list[dict[str, object]],
    lang: Staff | None = None,
) -> str:
    """``files``: name, sha256 and size of every file but this page and the manifest."""
    lang = lang or staff("en")
    t = lang.t
    label = t("{country} build {id}", country=country, id=build_id)
    data = {
        "label": label,
        "piece": PIECE_BYTES,
        "page": VERIFY_HTML,
        "manifest_name": MANIFEST,
        "files": files,
        "msgs": {k: t(v) for k, v in MESSAGES.items()},
    }
    # "</" would end the script element early
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    e = html.escape

    def w(msgid: str, **values: object) -> str:
        return e(t(msgid, **values))

    # the commands stay code, whatever the language around them
    without = w(
        "Without a browser: on Windows, {certutil} for each file, compared with "
        "MANIFEST.sha256; on macOS or Linux, in this folder, {shasum}."
    )
    without = without.replace("{certutil}", "<code>certutil -hashfile FILE SHA256</code>")
    without = without.replace("{shasum}", "<code>shasum -a 256 -c MANIFEST.sha256</code>")
    count = w("{n} files", n=lang.number(len(files), 0))
    return f"""<!DOCTYPE html>
<html lang="{e(lang.tag)}" dir="{lang.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{w("Verify: {country} ({label})", country=country_name, label=label)}</title>
<style>
{CSS}</style></head>
<body data-result="">
<h1>{w("Check this copy: {country}", country=country_name)}</h1>
<p>{w("Build")} <span class="id">{e(build_id)}</span> &middot; {count}</p>
<label>{w("Choose the package folder (the folder this page is in):")}
<input type="file" id="folder" webkitdirectory multiple></label>
<label>{w("or select all its files:")} <input type="file" id="files" multiple></label>
<p>{w("Nothing leaves this computer: the files are read by this page only.")}</p>
<progress id="bar" max="1" value="0"></progress>
<div id="status"></div>
<ul id="problems"></ul>
<p>{without}</p>
<script type="application/json" id="manifest">{blob}</script>
<script>{SHA256_JS}{PAGE_JS}</script>
</body></html>
"""
