#!/usr/bin/env bash
# Installs what is missing on a Debian machine (as root) and builds
# libcitynet into ./build. Safe to run again: it only installs packages that
# are absent and only reconfigures when needed.
#
#   bash tools/bootstrap.sh            # release-style build in ./build
#   BUILD_DIR=b MESON_ARGS=--werror bash tools/bootstrap.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-build}
read -r -a meson_args <<< "${MESON_ARGS:-}"

# Build and test dependencies, all Debian packages.
packages=(
  gcc g++ binutils pkg-config meson ninja-build
  libigraph-dev libglib2.0-dev libcmocka-dev
  python3 python3-dev python3-cffi python3-pytest
  python3-numpy python3-networkx python3-igraph python3-pandas
  # tests: the binding built the standard way (pyproject.toml, pip wheel)
  python3-pip python3-setuptools python3-wheel
  r-base-core r-cran-sna
  # figures: cairo draws, Pango shapes text; fonts for Latin, Greek,
  # Cyrillic (Liberation, DejaVu) and CJK (Droid Sans Fallback)
  libcairo2-dev libpango1.0-dev
  fonts-liberation2 fonts-dejavu-core fonts-droid-fallback
  # tests: the LaTeX tables (booktabs) must compile with pdflatex
  texlive-latex-base texlive-latex-recommended
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing packages: ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
  echo "bootstrap: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$here"
if [ -f "$build_dir/build.ninja" ]; then
  [ ${#meson_args[@]} -eq 0 ] || meson configure "$build_dir" "${meson_args[@]}" >/dev/null
else
  meson setup "$build_dir" "${meson_args[@]}" >/dev/null
fi
ninja -C "$build_dir" >/dev/null
echo "bootstrap: built in $here/$build_dir" >&2
