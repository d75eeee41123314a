#!/usr/bin/env bash
# Refreshes the Qt Linguist files translations/integrator_*.ts from the sources: lupdate extracts every
# tr(), QT_TR_NOOP() and QCoreApplication::translate() string of app/, core/, demo/ and ui/, keeps the
# existing translations, adds new strings as unfinished and drops strings that are gone (-no-obsolete).
# No source locations are written (-locations none), so the files change only when a string does.
# Then it lists what still needs translating.
#
# Usage: update-translations.sh SOURCE_DIR [TS_DIR]
#   TS_DIR defaults to SOURCE_DIR/translations; check-translations.sh points it at temporary copies.
#   LUPDATE=/path/to/lupdate overrides where lupdate is looked for (the CMake target sets it).
# Usually run as: cmake --build build --target update-translations
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: update-translations.sh SOURCE_DIR [TS_DIR]" >&2; exit 2; }
source_dir=$(cd "$1" && pwd)
ts_dir=$(cd "${2:-$source_dir/translations}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
  for candidate in lupdate /usr/lib/qt6/bin/lupdate /usr/lib/qt6/libexec/lupdate; do
    if command -v "$candidate" >/dev/null 2>&1; then lupdate=$candidate; break; fi
  done
fi
[ -n "$lupdate" ] || { echo "update-translations: lupdate not found (Debian: qt6-l10n-tools; or set LUPDATE)" >&2; exit 1; }

shopt -s nullglob
ts_files=("$ts_dir"/integrator_*.ts)
[ ${#ts_files[@]} -gt 0 ] || { echo "update-translations: no integrator_*.ts in $ts_dir" >&2; exit 1; }

# integrator_en.ts holds only English plural forms ("1 message", "2 messages"); the other languages
# hold every string.
languages=()
for ts in "${ts_files[@]}"; do
  [ "$(basename "$ts")" = integrator_en.ts ] || languages+=("$ts")
done

# Relative source paths and a fixed order, so the result does not depend on where it runs.
cd "$source_dir"
"$lupdate" -locations none -no-obsolete -source-language en -extensions cpp,h \
  app core demo ui -ts "${languages[@]}"
if [ -f "$ts_dir/integrator_en.ts" ]; then
  "$lupdate" -locations none -no-obsolete -pluralonly -source-language en -target-language en \
    -extensions cpp,h app core demo ui -ts "$ts_dir/integrator_en.ts"
fi

todo=$(bash "$here/untranslated.sh" "${ts_files[@]}")
if [ -n "$todo" ]; then
  echo "To translate ($(printf '%s\n' "$todo" | wc -l) message(s); open the file in Qt Linguist, or edit the <translation> elements):"
  printf '%s\n' "$todo"
else
  echo "Every message is translated."
fi
