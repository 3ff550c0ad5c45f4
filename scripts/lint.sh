#!/usr/bin/env bash
# Checks formatting (.clang-format) and runs clang-tidy (.clang-tidy) over
# every first-party source. Exit 1 on any finding.
#   scripts/lint.sh            both
#   scripts/lint.sh --format   formatting only (fast; part of the test suite)
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t sources < <(git ls-files -co --exclude-standard 'src/*.cpp' 'src/*.hpp' \
  'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')

clang-format --dry-run -Werror "${sources[@]}"
echo "lint: formatting clean (${#sources[@]} files)"
[[ "${1:-}" == "--format" ]] && exit 0

if [[ ! -f build-lint/compile_commands.json ]]; then
  cmake -S . -B build-lint -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep '\.cpp$')
printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build-lint --quiet
echo "lint: clang-tidy clean (${#units[@]} files)"
