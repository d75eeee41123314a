#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test Integrator.
# Idempotent: skips apt entirely when every package is already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  # tools/run-clang-tidy.sh (CI, make tidy): clang-tidy and its run-clang-tidy driver
  clang-tidy
  # clang: the AddressSanitizer + UBSan tree (make test-sanitize) and fuzz/ (make fuzz, CI), with
  # libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qtkeychain-qt6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # the SVG icon engine and image plugin: the control panel's bundled icons
  libqt6svg6
  # Qt's own translations (qtbase_de.qm, ...): standard dialogs in the control panel's language
  qt6-translations-l10n
  libgl-dev
  dbus dbus-x11 gnome-keyring libsecret-tools
  xvfb xauth
  sqlite3 openssl ca-certificates
  postgresql
  # sealed secrets (XChaCha20-Poly1305), core/secrets
  libsodium-dev
  # tests: promtool and a Prometheus server (metrics), a stub Secret Service (python3-dbusmock)
  prometheus python3-dbusmock
  # packaging/verify-package.sh: metadata validators, and what CPack's DEB generator runs
  # (dpkg-shlibdeps from dpkg-dev, file to find the ELF files)
  appstream desktop-file-utils dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# tests: Prism (tools/prism/install.sh), the mock of Spree's API, needs Node.js >= 18.20.1 and npm.
# Debian 12's nodejs (18.20.4) will do; a node that is already there (a newer one from elsewhere,
# which brings its own npm) is kept rather than replaced.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
