"""One-click launchers at the package root: PLAY.bat (Windows), PLAY.command (macOS)
and play.sh (Linux). Each starts VLC full screen with ceremony.xspf where VLC is
installed (its usual install paths, then PATH), else opens PLAY.html in the
default browser, and says which in the staff's language.

They are content (no build id in them). FAT32 and exFAT keep no executable bit, so
on a stick macOS may refuse PLAY.command: the run sheet says to right-click it and
choose Open; on Linux ``sh play.sh`` works without the bit.
"""

from __future__ import annotations

from ..i18n import Staff

BAT = "PLAY.bat"
COMMAND = "PLAY.command"
SH = "play.sh"
EXECUTABLE = frozenset({COMMAND, SH})  # written with mode 0755

MSG_VLC = "Starting VLC full screen with ceremony.xspf ..."
MSG_BROWSER = "VLC was not found: opening PLAY.html in the web browser. Press Start there."
VLC_ARGS = "--fullscreen --no-video-title-show ceremony.xspf"


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _bat_echo(text: str) -> str:
    """``echo`` of literal text in cmd.exe: % doubled, the other specials escaped
    (no delayed expansion, so ! is literal)."""
    out = text.replace("%", "%%")
    for c in "^&|<>":
        out = out.replace(c, "^" + c)
    return "echo " + out


def play_sh(staff: Staff) -> str:
    vlc, browser = _sh_quote(staff.t(MSG_VLC)), _sh_quote(staff.t(MSG_BROWSER))
    return f"""#!/bin/sh
# Plays the ceremony: VLC full screen with ceremony.xspf, else PLAY.html in the browser.
# Without the executable bit (a FAT32 or exFAT stick): sh play.sh
cd "$(dirname "$0")" || exit 1
for vlc in "$(command -v vlc)" /usr/bin/vlc /usr/local/bin/vlc /snap/bin/vlc; do
  if [ -n "$vlc" ] && [ -x "$vlc" ]; then
    echo {vlc}
    exec "$vlc" {VLC_ARGS}
  fi
done
if command -v flatpak >/dev/null 2>&1 && flatpak info org.videolan.VLC >/dev/null 2>&1; then
  echo {vlc}
  exec flatpak run org.videolan.VLC {VLC_ARGS}
fi
echo {browser}
exec xdg-open PLAY.html
"""


def play_command(staff: Staff) -> str:
    vlc, browser = _sh_quote(staff.t(MSG_VLC)), _sh_quote(staff.t(MSG_BROWSER))
    return f"""#!/bin/sh
# Plays the ceremony: VLC full screen with ceremony.xspf, else PLAY.html in the browser.
# From a FAT32 or exFAT stick macOS may refuse to open it: right-click it, choose Open.
cd "$(dirname "$0")" || exit 1
for vlc in /Applications/VLC.app/Contents/MacOS/VLC \\
    "$HOME/Applications/VLC.app/Contents/MacOS/VLC" "$(command -v vlc)"; do
  if [ -n "$vlc" ] && [ -x "$vlc" ]; then
    echo {vlc}
    exec "$vlc" {VLC_ARGS}
  fi
done
echo {browser}
open PLAY.html
"""


def play_bat(staff: Staff) -> str:
    """CRLF line ends; UTF-8 with code page 65001 for the messages. Every line
    of logic comes first and is ASCII; the messages stand at the end, one per label,
    so no jump depends on how cmd.exe counts the bytes of a translated line."""
    lines = [
        "@echo off",
        "rem Plays the ceremony: VLC full screen with ceremony.xspf, else PLAY.html.",
        "chcp 65001 >nul",
        'cd /d "%~dp0"',
        'set "VLC=%ProgramFiles%\\VideoLAN\\VLC\\vlc.exe"',
        'if exist "%VLC%" goto vlc',
        'set "VLC=%ProgramFiles(x86)%\\VideoLAN\\VLC\\vlc.exe"',
        'if exist "%VLC%" goto vlc',
        'set "VLC=%LOCALAPPDATA%\\Programs\\VideoLAN\\VLC\\vlc.exe"',
        'if exist "%VLC%" goto vlc',
        'set "VLC="',
        'for %%X in (vlc.exe) do set "VLC=%%~$PATH:X"',
        "if defined VLC goto vlc",
        "goto browser",
        ":vlc",
        _bat_echo(staff.t(MSG_VLC)),
        f'start "" "%VLC%" {VLC_ARGS}',
        "goto :eof",
        ":browser",
        _bat_echo(staff.t(MSG_BROWSER)),
        'start "" "PLAY.html"',
        "timeout /t 10 >nul",
    ]
    return "\r\n".join(lines) + "\r\n"


def launchers(staff: Staff) -> dict[str, str]:
    return {BAT: play_bat(staff), COMMAND: play_command(staff), SH: play_sh(staff)}
