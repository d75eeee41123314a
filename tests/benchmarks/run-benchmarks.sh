#!/usr/bin/env bash
# Runs the delivery and fan-out benchmarks of an already built tree (`make benchmark` builds first):
#   bash tests/benchmarks/run-benchmarks.sh [build-dir]
# BENCH_ONLY=delivery or BENCH_ONLY=fanout runs just one of them. BENCH_MESSAGES overrides bench_delivery's
# message count (default 20000). No secrets are involved, so no D-Bus
# session or keychain is needed: without one the engine's credential store only notes it works in memory.
set -euo pipefail
build=${1:-build}
if [ ! -d "$build" ]; then
  echo "run-benchmarks.sh: no build directory '$build'; run 'make build' (or make benchmark) first" >&2
  exit 1
fi
build=$(cd "$build" && pwd)
only=${BENCH_ONLY:-all}
case $only in all | delivery | fanout) ;; *)
  echo "run-benchmarks.sh: BENCH_ONLY is delivery or fanout, not '$only'" >&2
  exit 1
  ;;
esac
for name in bench_delivery bench_fanout; do
  if [ ! -x "$build/tests/benchmarks/$name" ]; then
    echo "run-benchmarks.sh: $build/tests/benchmarks/$name is missing; configure with -DINTEGRATOR_BUILD_BENCHMARKS=ON and build" >&2
    exit 1
  fi
done
binary=$build/tests/benchmarks/bench_delivery

results=$build/benchmark-results
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
table=$results/bench_delivery-$stamp.md
report=$results/bench_delivery-$stamp.txt

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
if [ "$only" != fanout ]; then
  echo "== bench_delivery ($(nproc) cores, ${cpu:-unknown CPU})"
  "$binary" --messages "${BENCH_MESSAGES:-20000}" --output "$table" | tee "$report"
  echo
  echo "Report: $report"
  echo "Markdown table: $table (docs/benchmarks.md shows how to read it)"
fi
if [ "$only" != delivery ]; then
  # Each case in a process of its own, so its peak RSS is its own.
  fanout=$results/bench_fanout-$stamp.txt
  echo "== bench_fanout ($(nproc) cores, ${cpu:-unknown CPU})" | tee "$fanout"
  "$build/tests/benchmarks/bench_fanout" --endpoints 100 --messages 30 --delay-ms 100 --max-in-flight 6 | tee -a "$fanout"
  "$build/tests/benchmarks/bench_fanout" --endpoints 1000 --messages 3 --delay-ms 0 --max-in-flight 6 | tee -a "$fanout"
  echo
  echo "Report: $fanout"
fi
