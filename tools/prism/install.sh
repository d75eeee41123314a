#!/usr/bin/env bash
# Installs Prism (@stoplight/prism-cli, pinned in package-lock.json), the mock server the tests run
# against Spree's OpenAPI files (tests/spree-api/), into tools/prism/node_modules. Does nothing when
# that version is already there. Needs node and npm (packaging/install-deps.sh installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=5.14.2
prism=$here/node_modules/.bin/prism

if [ -x "$prism" ] && [ "$("$prism" --version 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null || {
  echo "tools/prism/install.sh: npm not found; run packaging/install-deps.sh (it installs nodejs and npm)" >&2
  exit 1
}
echo "Installing Prism $version into $here/node_modules"
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
installed=$("$prism" --version)
[ "$installed" = "$version" ] || {
  echo "tools/prism/install.sh: installed Prism says $installed, expected $version; check package-lock.json" >&2
  exit 1
}
