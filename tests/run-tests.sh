#!/usr/bin/env bash
# Runs every test through ctest inside a throw-away D-Bus session with an unlocked gnome-keyring and a
# throw-away HOME, so keychain tests use a real Secret Service and touch nothing of the user's.
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${INTEGRATOR_IN_TEST_SESSION:-}" ]; then
  export INTEGRATOR_IN_TEST_SESSION=1
  exec dbus-run-session -- bash "$0" "$build"
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
  (cd "$source_dir" && find app core demo ui tools tests -name '*.cpp' -o -name '*.h' | xargs clang-format --dry-run --Werror)
fi

# clang-tidy (.clang-tidy) over the built tree: one line per finding, fails on any. About 4-5 min on
# 2 cores, so CI only; `make tidy` runs it locally. install-deps.sh installs it, so CI requires it.
if [ -n "${CI:-}" ]; then
  echo "== clang-tidy"
  bash "$source_dir/tools/run-clang-tidy.sh" "$build"
fi

echo "== ctest (keychain: gnome-keyring, HOME=$home)"
# CTEST_ARGS="-R dispatcher" runs a subset (words split on spaces).
read -ra ctest_args <<<"${CTEST_ARGS:-}"
(cd "$build" && ctest --output-on-failure --timeout 900 -j1 "${ctest_args[@]}")

# Installing the .deb changes the machine, so it runs where that is the point: CI, or when asked.
if [ -n "${CI:-}" ] || [ "${INTEGRATOR_VERIFY_PACKAGE:-}" = 1 ]; then
  echo "== package: metadata, .deb build, install, --version"
  bash "$source_dir/packaging/verify-package.sh" "$build"
fi
