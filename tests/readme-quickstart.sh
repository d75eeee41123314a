#!/usr/bin/env bash
# The README's quick start, word for word: takes the first ```sh block under "## Quick start", runs it
# with bash from the source folder (where the README tells a person to be) in a throw-away HOME, and
# checks that the pushed order was delivered. It must end by itself; ctest's timeout says otherwise.
#
# Usage: readme-quickstart.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
if [ "$build_dir" != "$source_dir/build" ]; then
  # The quick start names build/app/integrator; a build elsewhere is not the one it would run.
  echo "readme-quickstart: needs the build in $source_dir/build (this one is $build_dir)"
  exit 1
fi
block=$(awk '/^## Quick start/{section=1; next} /^## /{section=0}
             section && /^```sh$/{inside=1; next} inside && /^```$/{exit} inside{print}' "$source_dir/README.md")
[ -n "$block" ] || { echo "readme-quickstart: no sh block under '## Quick start' in README.md"; exit 1; }

home=$(mktemp -d /tmp/integrator-quickstart.XXXXXX)
trap 'rm -rf "$home"; rm -f "$source_dir/config.json"' EXIT
[ ! -e "$source_dir/config.json" ] || { echo "readme-quickstart: $source_dir/config.json exists; not overwriting it"; exit 1; }
printf '%s\n' "$block" >"$home/quickstart.sh"
cd "$source_dir"
output=$(HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config \
         bash -e -O expand_aliases "$home/quickstart.sh" 2>&1) || {
  printf '%s\n' "$output"
  echo "readme-quickstart: the quick start failed"
  exit 1
}
printf '%s\n' "$output"
if ! grep -q 'order:new .*order confirmation=delivered' <<<"$output"; then
  echo "readme-quickstart: 'integrator messages' does not show the order delivered"
  exit 1
fi
echo "readme-quickstart: the quick start ran word for word and delivered the order"
