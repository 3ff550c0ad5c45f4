#!/usr/bin/env bash
# Installs what odometer needs from Debian's packages and builds a Release
# build/odometer. Safe to run again: apt-get skips what is installed and the
# build is incremental.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libsimdjson-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcurl4-openssl-dev libgit2-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  # The dashboard's browser test: headless Chromium driven from Python.
  chromium fonts-dejavu-core python3
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DODOMETER_BUILD_TESTS=OFF
cmake --build build --target odometer
echo "setup: built $(pwd)/build/odometer ($(build/odometer --version))"
