#!/usr/bin/env bash
# Whole-run benchmark: `odometer merge` of two generated ledgers of N series
# x 365 days (load both, merge, write one), timed with peak memory.
#   bench/ledger_run.sh [SERIES]   (default 10000; needs a Release build/)
set -euo pipefail
cd "$(dirname "$0")/.."
series=${1:-10000}
cmake --build build --target odometer make_ledger >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/bench/make_ledger "$series" 1 "$work/a.json"
build/bench/make_ledger "$series" 2 "$work/b.json"
echo "ledger files: $(du -h "$work/a.json" | cut -f1) each, $series series x 365 days"
for run in 1 2 3; do
  cp "$work/b.json" "$work/out.json"
  /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, peak %M KiB" \
    build/odometer merge "$work/a.json" -o "$work/out.json" >/dev/null
done
