#!/usr/bin/env bash
# Deliveries/s with 1, 2 and 3 `integrator run` workers on one PostgreSQL database, next to one
# process on SQLite, on an already built tree:
#   bash tests/benchmarks/run-worker-benchmark.sh [build-dir]
# Starts its own throw-away PostgreSQL server on loopback. BENCH_MESSAGES sets the count (10000).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
source "$source_dir/tests/start-test-postgres.sh"
trap '[ -n "${pgdir:-}" ] && { "${PG_STOP[@]}" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }' EXIT
start_postgres
mkdir -p "$build/benchmark-results"
table=$build/benchmark-results/bench_workers-$(date +%Y%m%d-%H%M%S).md
"$build/tests/benchmarks/bench_workers" --messages "${BENCH_MESSAGES:-10000}" --output "$table"
echo "Markdown table: $table"
