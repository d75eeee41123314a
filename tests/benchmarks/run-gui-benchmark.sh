#!/usr/bin/env bash
# The Messages view benchmark (open, filter, peak RSS over 1,000,000 messages) of a built tree:
#   bash tests/benchmarks/run-gui-benchmark.sh [build-dir] [messages]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
cmake --build "$build" --target bench_messagesview -j2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home QT_QPA_PLATFORM=offscreen env -u DBUS_SESSION_BUS_ADDRESS \
  "$build/tests/benchmarks/bench_messagesview" "${2:-1000000}"
