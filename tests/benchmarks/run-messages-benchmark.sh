#!/usr/bin/env bash
# `integrator messages` over 1,000,000 stored messages on SQLite and PostgreSQL (bench_messagescli), and
# database bytes per delivered message before and after `integrator prune` (bench_storagesize), on an
# already built tree:
#   bash tests/benchmarks/run-messages-benchmark.sh [build-dir]
# Starts its own throw-away PostgreSQL server on loopback. BENCH_MESSAGES sets the stored count
# (1000000), BENCH_DELIVERED the messages delivered for the size figures (20000), BENCH_ONLY=cli or
# BENCH_ONLY=size runs one of the two.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
only=${BENCH_ONLY:-all}
source "$source_dir/tests/start-test-postgres.sh"
home=$(mktemp -d)
trap 'rm -rf "$home"; [ -n "${pgdir:-}" ] && { "${PG_STOP[@]}" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }' EXIT
start_postgres
results=$build/benchmark-results
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
# No keychain: the benchmark stores no secrets, and a throw-away HOME keeps the user's settings out.
run() { HOME=$home env -u DBUS_SESSION_BUS_ADDRESS nice "$@"; }
if [ "$only" != size ]; then
  run "$build/tests/benchmarks/bench_messagescli" --messages "${BENCH_MESSAGES:-1000000}" |
    tee "$results/bench_messagescli-$stamp.txt"
fi
if [ "$only" != cli ]; then
  run "$build/tests/benchmarks/bench_storagesize" --messages "${BENCH_DELIVERED:-20000}" |
    tee "$results/bench_storagesize-$stamp.txt"
fi
echo "Reports: $results/*-$stamp.txt"
