#!/usr/bin/env bash
# `make soak`: runs bench_soak of an already built tree. SOAK_MINUTES (10), SOAK_RATE (20 messages/s) and
# SOAK_SEED (1) change the run. Needs PostgreSQL's server binaries (packaging/install-deps.sh); as root
# the server runs as the postgres user.
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
binary=$build/tests/benchmarks/bench_soak
if [ ! -x "$binary" ]; then
  echo "run-soak.sh: $binary is missing; configure with -DINTEGRATOR_BUILD_BENCHMARKS=ON and build" >&2
  exit 1
fi
exec "$binary" --minutes "${SOAK_MINUTES:-10}" --rate "${SOAK_RATE:-20}" --seed "${SOAK_SEED:-1}"
