#!/usr/bin/env bash
# Runs every test through ctest inside a throw-away D-Bus session with an unlocked gnome-keyring and a
# throw-away HOME, so keychain tests use a real Secret Service and touch nothing of the user's.
#
# Usage: run-tests.sh BUILD [CTEST_BUILD]
# BUILD is the tree clang-tidy and the package check use (CI only); ctest runs in CTEST_BUILD (default
# BUILD). `make test-sanitize` and CI's `make test` pass a sanitizer tree (INTEGRATOR_SANITIZE, see the Makefile) as CTEST_BUILD.
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
ctest_build=${2:-$build}
ctest_build=$(cd "$ctest_build" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${INTEGRATOR_IN_TEST_SESSION:-}" ]; then
  # Prism, the mock of Spree's API (tests/spree-api/), before HOME becomes a throw-away one, so npm's
  # cache is kept. Without it the tests that use it fail and say so; the others still run.
  bash "$source_dir/tools/prism/install.sh" || echo "== Prism could not be installed: the tests using it will fail"
  export INTEGRATOR_IN_TEST_SESSION=1
  exec dbus-run-session -- bash "$0" "$build" "$ctest_build"
fi

home=$(mktemp -d /tmp/integrator-test-home.XXXXXX)
cleanup() {
  # Never "kill 0": with no pid that would signal this whole process group, make included.
  if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
  [ -n "${pgdir:-}" ] && { "${PG_STOP[@]}" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
  rm -rf "$home"
}
trap cleanup EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'integrator-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

# A throw-away PostgreSQL cluster on loopback for the *_postgres tests.
source "$source_dir/tests/start-test-postgres.sh"
start_postgres
echo "== PostgreSQL for the *_postgres tests: $INTEGRATOR_TEST_POSTGRES"

if [ -n "${CI:-}" ] && command -v clang-format >/dev/null; then
  echo "== clang-format check"
  (cd "$source_dir" && find app core demo ui tools tests fuzz -name '*.cpp' -o -name '*.h' | xargs clang-format --dry-run --Werror)
fi

# clang-tidy (.clang-tidy) over the built tree: one line per finding, fails on any. About 4-5 min on
# 2 cores, so CI only; `make tidy` runs it locally. install-deps.sh installs it, so CI requires it.
if [ -n "${CI:-}" ]; then
  echo "== clang-tidy"
  bash "$source_dir/tools/run-clang-tidy.sh" "$build"
fi

sanitize=$(sed -n 's/^INTEGRATOR_SANITIZE:STRING=//p' "$ctest_build/CMakeCache.txt")
if [ -n "$sanitize" ]; then
  # Every process of the run (tests and the `integrator` children they start, which inherit this
  # environment) writes its report to $reports/report.<pid>, not to stderr: tests read a child's stderr
  # themselves. IntegratorProcess fails the test whose child wrote one; below, any report fails the run.
  reports=$home/sanitizer-reports
  mkdir -p "$reports"
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:log_path=$reports/report"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/report"
  export LSAN_OPTIONS="suppressions=$source_dir/tests/lsan.supp:print_suppressions=0"
fi

echo "== ctest in $ctest_build${sanitize:+ (sanitizers: $sanitize)} (keychain: gnome-keyring, HOME=$home)"
# CTEST_ARGS="-R dispatcher" runs a subset (words split on spaces).
read -ra ctest_args <<<"${CTEST_ARGS:-}"
ctest_status=0
(cd "$ctest_build" && ctest --output-on-failure --timeout 900 -j1 "${ctest_args[@]}") || ctest_status=$?
# The quick start builds and runs build/ in the source folder, so a separate ctest tree has no such test.
if [ "$ctest_build" != "$build" ] && [ -z "${CTEST_ARGS:-}" ]; then
  (cd "$build" && ctest --output-on-failure --timeout 900 -R '^readme_quickstart$') || ctest_status=$?
fi
if [ -n "$sanitize" ] && [ -n "$(ls -A "$reports")" ]; then
  for report in "$reports"/*; do
    echo "== sanitizer report $(basename "$report")"
    cat "$report"
  done
  echo "run-tests: the sanitizers reported the errors above; fix them (tests/lsan.supp only for proven false positives)"
  ctest_status=1
fi
[ "$ctest_status" -eq 0 ] || exit "$ctest_status"

# Installing the .deb changes the machine, so it runs where that is the point: CI, or when asked.
if [ -n "${CI:-}" ] || [ "${INTEGRATOR_VERIFY_PACKAGE:-}" = 1 ]; then
  echo "== package: metadata, .deb build, install, --version"
  bash "$source_dir/packaging/verify-package.sh" "$build"
fi
