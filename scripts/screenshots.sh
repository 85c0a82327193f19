#!/usr/bin/env bash
# Renders the desk's main screens in English and 中文 at 1440 × 900 under Xvfb: builds the
# screenshot tool and the server, starts the demo server, and writes queue-, pane-, intake-,
# board- and report-{en,zh_CN}.png (tools/screenshots/screenshots.cpp says what each shows).
#   argument 1: the build directory (default build)
#   argument 2: where the PNGs go (default docs/screenshots)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/screenshots}

command -v xvfb-run >/dev/null || {
    echo "screenshots.sh: xvfb-run is missing (scripts/install-deps.sh installs it)" >&2
    exit 1
}
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] \
    || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target supportdesk-screenshots supportdesk-server

mkdir -p "$out"
# The same look on every machine: the X server at 96 dpi, Qt's own xcb platform and scaling,
# no style or platform theme from the desktop the script was started from.
env -u QT_QPA_PLATFORM -u QT_SCALE_FACTOR -u QT_SCREEN_SCALE_FACTORS -u QT_FONT_DPI \
    -u QT_STYLE_OVERRIDE -u QT_QPA_PLATFORMTHEME -u QT_AUTO_SCREEN_SCALE_FACTOR \
    xvfb-run -a -s "-screen 0 1440x900x24 -dpi 96 -nolisten tcp" \
    "$build/tools/screenshots/supportdesk-screenshots" \
    --server-program "$build/server/supportdesk-server" --out "$out" --size 1440x900
