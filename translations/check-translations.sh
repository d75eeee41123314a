#!/usr/bin/env bash
# The `translations` test: fails when a committed translations/integrator_*.ts no longer matches the
# sources (a tr() string was added, changed or removed without running the update), or when a message
# is unfinished or has an empty translation. One line per problem, naming the file.
#
# How: copies the committed .ts files to BUILD_DIR/translations-check, runs update-translations.sh
# (the same lupdate command as the update target) on the copies and compares them byte for byte.
#
# Usage: check-translations.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: check-translations.sh SOURCE_DIR BUILD_DIR" >&2; exit 2; }
source_dir=$(cd "$1" && pwd)
mkdir -p "$2"
build_dir=$(cd "$2" && pwd)
here=$source_dir/translations
work=$build_dir/translations-check
update="cmake --build $build_dir --target update-translations"

rm -rf "$work"
mkdir -p "$work"
shopt -s nullglob
committed=("$here"/integrator_*.ts)
[ ${#committed[@]} -gt 0 ] || { echo "translations: no integrator_*.ts in $here"; exit 1; }
cp "${committed[@]}" "$work"/
if ! bash "$here/update-translations.sh" "$source_dir" "$work" >"$work/lupdate.log" 2>&1; then
  echo "translations: lupdate failed: $(tail -n 1 "$work/lupdate.log")"
  exit 1
fi

status=0
for ts in "${committed[@]}"; do
  name=translations/$(basename "$ts")
  if ! cmp -s "$ts" "$work/$(basename "$ts")"; then
    echo "$name does not match the sources (a string was added, changed or removed): run '$update', translate what it lists and commit; fresh copy: $work/$(basename "$ts")"
    status=1
  fi
done
for ts in "${committed[@]}"; do
  name=translations/$(basename "$ts")
  todo=$(bash "$here/untranslated.sh" "$ts")
  if [ -n "$todo" ]; then
    count=$(printf '%s\n' "$todo" | wc -l)
    first=$(printf '%s\n' "$todo" | sed -n '1s/^[^:]*: //p')
    echo "$name has $count unfinished or empty translation(s), first: $first"
    status=1
  fi
done
[ $status -ne 0 ] || echo "translations: ${#committed[@]} file(s) match the sources and are complete"
exit $status
