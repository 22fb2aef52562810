#!/bin/sh
# Debian packages screening-kit needs: fontconfig and the Noto fonts for every
# script we render (Latin, Cyrillic, Greek, Armenian, Georgian, Arabic, Hebrew,
# the Indic scripts, Thai, Lao, Khmer, Myanmar, Tibetan, Ethiopic, Mongolian and
# Noto Nastaliq Urdu in fonts-noto-core; Chinese, Japanese and Korean in
# fonts-noto-cjk), and libfribidi0: Pillow's wheel bundles raqm and HarfBuzz but loads
# FriBiDi from the system, and without it the Nastaliq text (textraster) cannot be drawn. The tests also need chromium (they open the run
# sheet, index and proof pages headless) and poppler-utils (pdfinfo counts the
# run sheet's printed pages) and dosfstools (mkfs.vfat: the sync test writes to
# a small FAT32 image through a loop device when it runs as root) and VLC and mpv
# (vlc-bin, vlc-plugin-base, mpv: they play the playlists headless to count what
# a real player plays). Installed when missing and we are root; otherwise
# we say exactly what to install. Missing fonts stop here; missing test tools
# only warn (their tests skip locally; in CI, with CI=true, they fail).
set -eu
missing=""
for pkg in fontconfig fonts-noto-core fonts-noto-cjk libfribidi0 chromium poppler-utils dosfstools \
    vlc-bin vlc-plugin-base mpv; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "screening-kit needs these Debian packages:$missing" >&2
echo "install them with: sudo apt-get install$missing" >&2
case "$missing" in
    *fontconfig* | *fonts-noto* | *libfribidi0*) exit 1 ;;
esac
echo "(chromium, poppler-utils, dosfstools, vlc-bin, vlc-plugin-base and mpv are needed by the tests only)" >&2
