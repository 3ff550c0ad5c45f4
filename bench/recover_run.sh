#!/usr/bin/env bash
# Whole-run benchmark: `odometer recover` over a generated history of N
# commits (default 5,000), each changing an installs-cache.json of the
# replaced system (generation 4, 16 repositories) — written with
# `git fast-import`, timed with peak memory.
#   bench/recover_run.sh [COMMITS]   (needs a Release build/)
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-5000}
cmake --build build --target odometer >/dev/null
odometer=$(pwd)/build/odometer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git init -q "$work/repo"

cache() {  # the cache at commit $1
  local n=$1 repos="" r
  for r in $(seq 1 16); do
    repos+="${repos:+,}\"repo-$r\":{\"count\":$((n * r)),\"lastSeenDay\":\"2026-04-30\"}"
  done
  printf '{"npm":%d,"pypi":%d,"crates":%d,"clones":%d,"clonesByRepo":{%s},"releases":0,"releasesByRepo":{},"ghPackages":0,"maven":0,"total":%d,"fetchedAt":"2026-05-02T07:44:22Z"}\n' \
    $((n * 3)) $((n * 2)) "$n" $((n * 136)) "$repos" $((n * 6))
}

{
  for n in $(seq 1 "$commits"); do
    body=$(cache "$n")
    echo "commit refs/heads/main"
    echo "committer bench <bench@example.com> $((1700000000 + n * 600)) +0000"
    echo "data <<EOM"
    echo "update $n"
    echo "EOM"
    echo "M 100644 inline installs-cache.json"
    echo "data ${#body}"
    printf '%s\n' "$body"
  done
} | git -C "$work/repo" fast-import --quiet
echo "history: $(git -C "$work/repo" rev-list --count main) commits"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, peak %M KiB" \
    "$odometer" recover --repo "$work/repo" --path installs-cache.json --repo-owner bench \
    -o "$work/out-$run.json" >/dev/null
done
