#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz tree (cmake -DINTEGRATOR_FUZZ=ON, see fuzz/README.md) for SECONDS
# each, two at a time (the machine has 2 cores), from a copy of its committed corpus in fuzz/corpus/ so
# the repository is never written to. Fails on any crash, sanitizer report, leak or hang, and prints the
# input that caused it in base64 with the command that reproduces it.
#   tools/run-fuzzers.sh BUILD_DIR [SECONDS]   (default 60)
set -euo pipefail
build=$(cd "${1:?usage: tools/run-fuzzers.sh BUILD_DIR [SECONDS]}" && pwd)
seconds=${2:-60}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
parallel=${INTEGRATOR_FUZZ_JOBS:-2}
# CI explores from a fixed seed, so a red run comes from a change, not from luck; elsewhere each run
# explores anew (libFuzzer's seed 0: a random one). INTEGRATOR_FUZZ_SEED picks one.
seed=${INTEGRATOR_FUZZ_SEED:-$([ -n "${CI:-}" ] && echo 1 || echo 0)}

targets=()
for binary in "$build"/fuzz/fuzz_*; do
  [ -f "$binary" ] && [ -x "$binary" ] && targets+=("$(basename "$binary" | sed 's/^fuzz_//')")
done
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $build/fuzz: configure it with -DINTEGRATOR_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ and build it" >&2
  exit 1
fi

work=$(mktemp -d /tmp/integrator-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One target: its own corpus copy, artifacts and log under $work; the exit code is libFuzzer's.
run_target() {
  local target=$1
  local corpus=$work/corpus/$target artifacts=$work/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  cp -r "$source_dir/fuzz/corpus/$target/." "$corpus/"
  local dict=()
  [ -f "$source_dir/fuzz/$target.dict" ] && dict=(-dict="$source_dir/fuzz/$target.dict")
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: well under the machine's memory.
  "$build/fuzz/fuzz_$target" "$corpus" "${dict[@]}" -max_total_time="$seconds" -seed="$seed" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts" -print_final_stats=1 >"$work/$target.log" 2>&1
}

report() {
  local target=$1 status=$2
  if [ "$status" -eq 0 ]; then
    echo "fuzz_$target: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" |
      grep -o '[0-9]*$' || echo '?') runs in ${seconds} s"
    return
  fi
  echo "fuzz_$target: FAILED (exit $status); the end of its log:"
  tail -n 60 "$work/$target.log" | sed 's/^/    /'
  local found=0
  for input in "$work/artifacts/$target"/*; do
    [ -f "$input" ] || continue
    found=1
    local name
    name=$(basename "$input")
    echo "  the input ($name, $(stat -c %s "$input") bytes), base64:"
    base64 -w 76 "$input" | sed 's/^/    /'
    echo "  to reproduce: save it with 'base64 -d > $name' (paste, then Ctrl-D) and run"
    echo "    $build/fuzz/fuzz_$target $name"
    echo "  then fix the code, add a regression test, and commit the input to fuzz/corpus/$target/"
  done
  [ "$found" -eq 1 ] || echo "  (libFuzzer wrote no input: the log above says why)"
}

echo "== fuzzing ${#targets[@]} targets for ${seconds} s each, $parallel at a time"
declare -A pids=()
failed=0
wait_for_one() {
  local pid status=0
  wait -n -p pid || status=$?
  report "${pids[$pid]}" "$status"
  [ "$status" -eq 0 ] || failed=1
  unset "pids[$pid]"
}
for target in "${targets[@]}"; do
  while [ ${#pids[@]} -ge "$parallel" ]; do wait_for_one; done
  run_target "$target" &
  pids[$!]=$target
done
while [ ${#pids[@]} -gt 0 ]; do wait_for_one; done

if [ "$failed" -ne 0 ]; then
  echo "fuzzing found a problem (see above)" >&2
  exit 1
fi
echo "fuzzing: no findings"
