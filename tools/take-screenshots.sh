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
# A throw-away HOME keeps remembered window state out of the real one. A D-Bus session of its own with
# an unlocked gnome-keyring in that HOME holds the demo's master key, as a desktop's keychain would; it
# goes with the session.
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
QT_QPA_PLATFORM=xcb dbus-run-session -- bash -c '
  eval "$(printf screenshots | gnome-keyring-daemon --unlock --components=secrets)"
  exec xvfb-run -a -s "-screen 0 1920x1200x24" "$@"' take-screenshots \
  "$build/tools/integrator_screenshots" "$source_dir/docs/screenshots" $only
