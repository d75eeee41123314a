#!/usr/bin/env bash
# Runs the delivery benchmark of an already built tree (`make benchmark` builds first):
#   bash tests/benchmarks/run-benchmarks.sh [build-dir]
# BENCH_MESSAGES overrides the message count (default 20000). No secrets are involved, so no D-Bus
# session or keychain is needed: without one the engine's credential store only notes it works in memory.
set -euo pipefail
build=${1:-build}
if [ ! -d "$build" ]; then
  echo "run-benchmarks.sh: no build directory '$build'; run 'make build' (or make benchmark) first" >&2
  exit 1
fi
build=$(cd "$build" && pwd)
binary=$build/tests/benchmarks/bench_delivery
if [ ! -x "$binary" ]; then
  echo "run-benchmarks.sh: $binary is missing; configure with -DINTEGRATOR_BUILD_BENCHMARKS=ON and build" >&2
  exit 1
fi

results=$build/benchmark-results
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
table=$results/bench_delivery-$stamp.md
report=$results/bench_delivery-$stamp.txt

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "== bench_delivery ($(nproc) cores, ${cpu:-unknown CPU})"
"$binary" --messages "${BENCH_MESSAGES:-20000}" --output "$table" | tee "$report"
echo
echo "Report: $report"
echo "Markdown table: $table (docs/benchmarks.md shows how to read it)"
