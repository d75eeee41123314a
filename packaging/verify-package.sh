#!/usr/bin/env bash
# Checks the Debian package end to end: validates the desktop file and the AppStream metainfo, builds
# the .deb with CPack from a configured build tree, installs it with apt (so its dependencies are
# pulled in), runs the installed program and checks the files the package holds.
#
#   bash packaging/verify-package.sh BUILD_DIR
#
# Needs root (or sudo) for apt-get; packaging/install-deps.sh installs the tools it uses. Each failure
# prints one line starting with "verify-package: FAIL" and the script exits non-zero. A package that
# was not installed before is removed again at the end (INTEGRATOR_KEEP_PACKAGE=1 keeps it).
set -euo pipefail

app_id=io.github.integrator.Integrator
source_dir=$(cd "$(dirname "$0")/.." && pwd)

fail() {
  echo "verify-package: FAIL: $*" >&2
  exit 1
}
step() { echo "== verify-package: $*"; }

[ $# -eq 1 ] || fail "usage: bash packaging/verify-package.sh BUILD_DIR"
[ -f "$1/CMakeCache.txt" ] || fail "$1 is not a configured build directory (no CMakeCache.txt)"
build=$(cd "$1" && pwd)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "not root and no sudo: apt-get cannot install the package"
  sudo="sudo"
fi

for tool in appstreamcli desktop-file-validate cpack dpkg-shlibdeps dpkg-deb apt-get; do
  command -v "$tool" >/dev/null || fail "$tool is missing (run: bash packaging/install-deps.sh)"
done

step "validating the desktop file and the AppStream metainfo"
desktop-file-validate "$source_dir/packaging/$app_id.desktop" ||
  fail "desktop-file-validate rejects packaging/$app_id.desktop"
appstreamcli validate --no-net "$source_dir/packaging/$app_id.metainfo.xml" ||
  fail "appstreamcli validate rejects packaging/$app_id.metainfo.xml"

step "building the program and the .deb"
cmake --build "$build" --target integrator >/dev/null || fail "the integrator target does not build in $build"
[ -f "$build/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build: reconfigure with cmake"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "cannot read CPACK_PACKAGE_VERSION from $build/CPackConfig.cmake"
deb="$build/integrator_${version}_$(dpkg --print-architecture).deb"
rm -f "$deb"
cpack_log="$build/verify-package-cpack.log"
(cd "$build" && cpack -G DEB) >"$cpack_log" 2>&1 || fail "cpack -G DEB failed; see $cpack_log"
[ -f "$deb" ] || fail "cpack did not produce $deb; see $cpack_log"

step "checking the package's control fields"
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
[ "$(dpkg-deb -f "$deb" Package)" = integrator ] || fail "$deb is not named integrator"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$deb has version $(dpkg-deb -f "$deb" Version), not $version"
for dependency in libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libqt6svg6; do
  grep -Eq "(^|, )$dependency( |,|$)" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done
grep -q gnome-keyring <<<"$recommends" || fail "Recommends lacks gnome-keyring: $recommends"

installed_before=no
dpkg-query -W -f='${Status}' integrator 2>/dev/null | grep -q 'install ok installed' && installed_before=yes

step "installing $deb with apt-get"
apt_log="$build/verify-package-apt.log"
export DEBIAN_FRONTEND=noninteractive
# apt reads a local package as user _apt when it can; a copy in /tmp spares it the build tree's modes.
staged=$(mktemp -d /tmp/integrator-deb.XXXXXX)
trap 'rm -rf "$staged"' EXIT
cp "$deb" "$staged/" && chmod 755 "$staged" && chmod 644 "$staged/$(basename "$deb")"
install_deb() { $sudo apt-get install -y --reinstall "$staged/$(basename "$deb")" >>"$apt_log" 2>&1; }
: >"$apt_log"
# A fresh machine may have no package lists yet: read them once and try again.
install_deb || { $sudo apt-get update -qq >>"$apt_log" 2>&1 && install_deb; } ||
  fail "apt-get install of $(basename "$deb") failed; see $apt_log"

step "checking the installed program and files"
[ -x /usr/bin/integrator ] || fail "/usr/bin/integrator is not installed"
printed=$(/usr/bin/integrator --version 2>&1) || fail "/usr/bin/integrator --version exited non-zero: $printed"
grep -Fq "$version" <<<"$printed" || fail "/usr/bin/integrator --version printed \"$printed\", not version $version"
files=$(dpkg -L integrator)
expected=(
  /usr/bin/integrator
  "/usr/share/applications/$app_id.desktop"
  "/usr/share/metainfo/$app_id.metainfo.xml"
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
)
for size in 16 32 48 64 128 256 512; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
  grep -Fxq "$path" <<<"$files" || fail "dpkg -L integrator does not list $path"
  [ -s "$path" ] || fail "$path is listed by the package but missing or empty on disk"
done
desktop-file-validate "/usr/share/applications/$app_id.desktop" || fail "the installed desktop file does not validate"

if [ "$installed_before" = no ] && [ -z "${INTEGRATOR_KEEP_PACKAGE:-}" ]; then
  $sudo apt-get remove -y integrator >>"$apt_log" 2>&1 || fail "apt-get remove integrator failed; see $apt_log"
  step "removed the package again (it was not installed before)"
fi
echo "verify-package: OK: $(basename "$deb") builds, installs and runs ($printed)"
