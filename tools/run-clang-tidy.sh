#!/usr/bin/env bash
# Runs clang-tidy (checks in .clang-tidy) over the project's own .cpp files of a built tree.
#   tools/run-clang-tidy.sh [BUILD_DIR]      (default: build)
# BUILD_DIR must have been built: compile_commands.json lists the files and their flags, and the
# moc output (*_autogen/) must exist for the sources that include it. Generated files are skipped.
# Prints one line per finding (file:line:col: error: message [check]) and exits non-zero on any,
# or when clang-tidy could not run. The whole output is kept in BUILD_DIR/clang-tidy.log.
# Two jobs by default; TIDY_JOBS overrides.
set -euo pipefail
build=${1:-build}
jobs=${TIDY_JOBS:-2}
source_dir=$(cd "$(dirname "$0")/.." && pwd -P)
[ -d "$build" ] || { echo "run-clang-tidy.sh: no build directory $build (run: make build)" >&2; exit 2; }
build=$(cd "$build" && pwd -P)
[ -f "$build/compile_commands.json" ] || {
  echo "run-clang-tidy.sh: $build/compile_commands.json missing (run: make build)" >&2
  exit 2
}

tidy=$(command -v clang-tidy || command -v clang-tidy-14) || {
  echo "run-clang-tidy.sh: clang-tidy not found (packaging/install-deps.sh installs it)" >&2
  exit 2
}
runner=$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)

# A compilation database holding only the project's own sources: app, core, demo, ui, tools, tests,
# without CMake's generated *_autogen/ (moc) and .rcc/ files. python3 comes with clang-tidy.
db=$(mktemp -d /tmp/integrator-tidy.XXXXXX)
trap 'rm -rf "$db"' EXIT
count=$(python3 - "$build/compile_commands.json" "$source_dir" "$db/compile_commands.json" <<'EOF'
import json, os, re, sys
entries, source_dir, out = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
own = re.compile(re.escape(source_dir) + r'/(app|core|demo|ui|tools|tests)/(?!.*_autogen/).*\.cpp$')
picked, seen = [], set()
for e in entries:
    path = os.path.normpath(os.path.join(e['directory'], e['file']))
    if own.match(path) and path not in seen:
        seen.add(path)
        picked.append(dict(e, file=path))
json.dump(picked, open(out, 'w'), indent=1)
print(len(picked))
EOF
)
[ "$count" -gt 0 ] || { echo "run-clang-tidy.sh: no project sources in $build/compile_commands.json" >&2; exit 2; }

log=$build/clang-tidy.log
echo "clang-tidy ($("$tidy" --version | sed -n 's/.*LLVM version \([0-9.]*\).*/\1/p')) on $count files, $jobs jobs"
start=$SECONDS
status=0
if [ -n "$runner" ]; then
  # run-clang-tidy always asks for colours: strip them from the log.
  "$runner" -quiet -j "$jobs" -clang-tidy-binary "$tidy" -p "$db" 2>&1 | sed -E 's/\x1b\[[0-9;]*m//g' >"$log" ||
    status=$?
else
  python3 -c 'import json,sys; print("\n".join(e["file"] for e in json.load(open(sys.argv[1]))))' \
    "$db/compile_commands.json" |
    xargs -d '\n' -n 1 -P "$jobs" "$tidy" --quiet -p "$db" >"$log" 2>&1 || status=$?
fi

# One line per finding, headers reported by several files once, paths relative to the source tree.
findings=$(grep -E '^[^ :]+:[0-9]+:[0-9]+: (warning|error): ' "$log" | sed "s|^$source_dir/||" | sort -u || true)
elapsed=$((SECONDS - start))
if [ -n "$findings" ]; then
  printf '%s\n' "$findings"
  echo "clang-tidy: $(printf '%s\n' "$findings" | wc -l) finding(s) in ${elapsed}s; details in $log"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  tail -n 30 "$log"
  echo "clang-tidy: failed (exit $status) without a finding; see $log"
  exit 1
fi
echo "clang-tidy: no findings (${elapsed}s)"
