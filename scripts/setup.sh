#!/usr/bin/env bash
# Installs what odometer needs to build from Debian's packages and builds a
# Release build/odometer. Safe to run again: apt-get skips what is installed
# and the build is incremental.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

install_packages "${build_packages[@]}"

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DODOMETER_BUILD_TESTS=OFF
cmake --build build --target odometer

binary=build/odometer
if [[ ! -x $binary ]]; then
  echo "setup: error: the build finished but $(pwd)/$binary is missing" >&2
  exit 1
fi
if ! version=$("$binary" --version 2>&1); then
  echo "setup: error: $(pwd)/$binary does not run: $version" >&2
  exit 1
fi
echo "setup: built $(pwd)/$binary ($version)"
