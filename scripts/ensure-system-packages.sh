#!/bin/sh
# Debian packages screening-kit needs: fontconfig and the Noto fonts for every
# script we render (Latin, Cyrillic, Arabic in fonts-noto-core; Korean and
# Japanese in fonts-noto-cjk). Installed when missing and we are root;
# otherwise we say exactly what to install.
set -eu
missing=""
for pkg in fontconfig fonts-noto-core fonts-noto-cjk; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "screening-kit needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    exit 1
fi
