#!/usr/bin/env bash
# Lists the messages of Qt Linguist .ts files that still need a translator: marked unfinished, or with an
# empty translation or plural form. One line each: FILE: CONTEXT: "SOURCE" (FILE without its folder) (first line of the source).
# Prints nothing when every message is translated.
# Usage: untranslated.sh TS_FILE...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: untranslated.sh TS_FILE..." >&2; exit 2; }
for ts in "$@"; do
  # One record per </message>; the context's <name> precedes its first message in the same record.
  awk -v file="$(basename "$ts")" '
    BEGIN { RS = "</message>" }
    {
      if (match($0, /<name>[^<]*<\/name>/)) context = substr($0, RSTART + 6, RLENGTH - 13)
      if (!match($0, /<source>/)) next
      rest = substr($0, RSTART + 8)
      source = substr(rest, 1, index(rest, "</source>") - 1)
      sub(/\n.*/, " ...", source)
      gsub(/&lt;/, "<", source); gsub(/&gt;/, ">", source); gsub(/&quot;/, "\"", source)
      gsub(/&apos;/, "\047", source); gsub(/&amp;/, "\\&", source)
      if ($0 ~ /type="unfinished"/ || $0 ~ /<translation><\/translation>/ || $0 ~ /<translation\/>/ ||
          $0 ~ /<numerusform><\/numerusform>/ || $0 ~ /<numerusform\/>/)
        printf "%s: %s: \"%s\"\n", file, context, source
    }' "$ts"
done
