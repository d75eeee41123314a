#!/usr/bin/env bash
# Screenshots of every main view, taken of a real X11 window under Xvfb, into docs/screenshots/.
# Usage: tools/take-screenshots.sh [BUILD_DIR] [--large-store-only]   (after `make build`)
# --large-store-only retakes only the mapping canvas of a store with 30 endpoints (mappings-large*.png).
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$source_dir/build}
only=${2:-}
cmake --build "$build" --target integrator_screenshots -j2
mkdir -p "$source_dir/docs/screenshots"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A throw-away HOME keeps remembered window state out of the real one; without a session bus the
# demo's secrets stay in memory, never in a keychain or file.
HOME=$home QT_QPA_PLATFORM=xcb env -u DBUS_SESSION_BUS_ADDRESS xvfb-run -a -s "-screen 0 1920x1200x24" \
  "$build/tools/integrator_screenshots" "$source_dir/docs/screenshots" $only
