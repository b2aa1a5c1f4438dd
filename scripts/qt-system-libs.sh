#!/usr/bin/env bash
# Make sure the system libraries Qt needs are present (offscreen tests and the real xcb
# window). On Debian/Ubuntu as root it installs what is missing; otherwise it prints the
# exact command and stops. Usage: scripts/qt-system-libs.sh [--test] PYTHON
# --test also wants xvfb-run (the suite starts the real window once under Xvfb) and
# appstreamcli (the AppStream metainfo is validated).
set -euo pipefail
for_tests=0
if [ "${1:-}" = "--test" ]; then for_tests=1; shift; fi
PY=${1:-python3}
QT=$("$PY" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')
missing=$(for f in "$QT"/lib/libQt6Gui.so.6 "$QT"/lib/libQt6Widgets.so.6 "$QT"/lib/libQt6XcbQpa.so.6 \
               "$QT"/plugins/platforms/libqxcb.so "$QT"/plugins/platforms/libqoffscreen.so \
               "$QT"/lib/libQt6Pdf.so.6 "$QT"/lib/libQt6PrintSupport.so.6; do
             [ -e "$f" ] && LD_LIBRARY_PATH="$QT/lib" ldd "$f" 2>/dev/null | awk '/not found/ {print $1}'
           done | sort -u)
extra=""
# The test suite starts the real (xcb) window once under Xvfb.
if [ "$for_tests" = 1 ] && ! command -v xvfb-run >/dev/null; then extra="xvfb xauth"; fi
# tests/unit/test_packaging.py validates the AppStream metainfo with appstreamcli (~3 MB).
if [ "$for_tests" = 1 ] && ! command -v appstreamcli >/dev/null; then extra="$extra appstream"; fi
# ... and the .desktop entry with desktop-file-validate (desktop-file-utils, ~200 kB).
if [ "$for_tests" = 1 ] && ! command -v desktop-file-validate >/dev/null; then
  extra="$extra desktop-file-utils"
fi
# ... and pdftoppm (poppler-utils) turns letters into images for the page comparisons.
if [ "$for_tests" = 1 ] && ! command -v pdftoppm >/dev/null; then extra="$extra poppler-utils"; fi
# ... and strace kills the real CLI at chosen system calls (tests/security, key changes).
if [ "$for_tests" = 1 ] && ! command -v strace >/dev/null; then extra="$extra strace"; fi
[ -z "$missing" ] && [ -z "$extra" ] && exit 0

declare -A PKG=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libGLX.so.0]=libglx0 [libGLdispatch.so.0]=libglvnd0
  [libOpenGL.so.0]=libopengl0 [libxkbcommon.so.0]=libxkbcommon0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6 [libdbus-1.so.3]=libdbus-1-3
  [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0 [libX11.so.6]=libx11-6
  [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-render.so.0]=libxcb-render0 [libxcb-shape.so.0]=libxcb-shape0 [libxcb-shm.so.0]=libxcb-shm0
  [libxcb-sync.so.1]=libxcb-sync1 [libxcb-util.so.1]=libxcb-util1 [libxcb-xfixes.so.0]=libxcb-xfixes0
  [libxcb-xkb.so.1]=libxcb-xkb1 [libpng16.so.16]=libpng16-16 [libbrotlidec.so.1]=libbrotli1
)
pkgs=""
for so in $missing; do pkgs="$pkgs ${PKG[$so]:-}"; done
pkgs=$(echo "$pkgs $extra" | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "Nodig voor Qt en de tests: $(echo $missing $extra)" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installeren: apt-get install -y $pkgs" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
else
  echo "Voer uit: sudo apt-get update && sudo apt-get install -y $pkgs" >&2
  exit 1
fi
