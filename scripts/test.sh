#!/usr/bin/env bash
# Builds a separate test tree with AddressSanitizer, UndefinedBehaviorSanitizer
# and -Werror, and runs the whole suite. The last line is ctest's summary.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

install_packages "${build_packages[@]}" "${test_packages[@]}"

# The test oracles from npm (badge-maker, shields' renderer), pinned by
# tests/oracles/package-lock.json; installed again when the lock changed.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  install_packages nodejs npm
fi
if ! cmp -s tests/oracles/package-lock.json tests/oracles/node_modules/.installed-lock.json; then
  (cd tests/oracles && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/oracles/package-lock.json tests/oracles/node_modules/.installed-lock.json
fi

# ODOMETER_FUZZ: the parsers' libFuzzer targets, built with clang in a
# small tree of their own (build-test/fuzz) and run briefly (ctest -L fuzz).
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DODOMETER_SANITIZE=ON -DODOMETER_WERROR=ON -DODOMETER_BUILD_BENCH=OFF -DODOMETER_FUZZ=ON >/dev/null
cmake --build build-test

# The PostgreSQL store's tests run against Debian's server, in a throwaway
# cluster that scripts/with-postgres.sh starts around ctest and removes
# afterwards. ODOMETER_SKIP_POSTGRES=1 skips those tests instead.
with_postgres=()
if [[ "${ODOMETER_SKIP_POSTGRES:-}" != 1 ]]; then
  install_packages postgresql
  with_postgres=(../scripts/with-postgres.sh)
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-test
set +e
"${with_postgres[@]}" ctest --output-on-failure --parallel "$(nproc)" 2>&1 | tee ctest.log
status=${PIPESTATUS[0]}
set -e
# The dashboard's screenshots (headless Chromium) are kept in build/ for CI.
if [[ -d screenshots ]]; then
  mkdir -p ../build/screenshots
  cp screenshots/*.png ../build/screenshots/ 2>/dev/null || true
fi
# ctest ends with the test time; repeat its summary so it is the last line.
grep -E '^[0-9]+% tests passed' ctest.log | tail -n 1
exit "$status"
