@echo off
rem Plays the ceremony: VLC full screen with ceremony.xspf, else PLAY.html.
chcp 65001 >nul
cd /d "%~dp0"
set "VLC=%ProgramFiles%\VideoLAN\VLC\vlc.exe"
if exist "%VLC%" goto vlc
set "VLC=%ProgramFiles(x86)%\VideoLAN\VLC\vlc.exe"
if exist "%VLC%" goto vlc
set "VLC=%LOCALAPPDATA%\Programs\VideoLAN\VLC\vlc.exe"
if exist "%VLC%" goto vlc
set "VLC="
for %%X in (vlc.exe) do set "VLC=%%~$PATH:X"
if defined VLC goto vlc
goto browser
:vlc
echo Starting VLC full screen with ceremony.xspf ...
start "" "%VLC%" --fullscreen --no-video-title-show ceremony.xspf
goto :eof
:browser
echo VLC was not found: opening PLAY.html in the web browser. Press Start there.
start "" "PLAY.html"
timeout /t 10 >nul
