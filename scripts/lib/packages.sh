# Sourced by setup.sh and test.sh: the Debian packages odometer needs, and
# install_packages PACKAGE..., which installs those that are missing (with
# sudo when not root).

# What building build/odometer needs.
build_packages=(
  build-essential cmake ninja-build pkg-config git
  libsimdjson-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcurl4-openssl-dev libgit2-dev libpq-dev libssl-dev
)

# What only the test suite needs, on top: the test frameworks, local HTTP
# servers (cpp-httplib, zlib for a gzip body), headless Chromium for the
# dashboard, and clang with its runtime (libFuzzer is in libclang-rt-dev,
# which clang itself only recommends) for the fuzz targets.
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev zlib1g-dev
  chromium fonts-dejavu-core python3 clang libclang-rt-dev
)

install_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]} > 0)) || return 0
  echo "${0##*/}: installing ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
