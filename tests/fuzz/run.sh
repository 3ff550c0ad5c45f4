#!/usr/bin/env bash
# run.sh TARGET RUNS WORK SEED_DIR... — runs one fuzz target for a fixed
# number of inputs, starting from the seeds (read, never written: new inputs
# go to WORK), and fails on the first crash, leak or broken property.
set -euo pipefail
target=$1 runs=$2 work=$3
shift 3
mkdir -p "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -seed: the same inputs every run, so a failure in CI reproduces locally.
exec "$target" -runs="$runs" -seed=1 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work" "$@"
