#!/usr/bin/env bash
# The GitHub Action (action.yml at the repository root): builds odometer,
# registers the ledger's merge driver, collects, renders, commits the ledger
# and the rendered files, and pushes, merging what arrived meanwhile.
#
# It runs in the repository that holds the config (the current folder), as
# the runner starts it: inputs in INPUT_* variables, outputs appended to
# $GITHUB_OUTPUT, a job summary to $GITHUB_STEP_SUMMARY, odometer's folder
# to $GITHUB_PATH (so later steps can run `odometer`). Each of the three
# files is optional, so the script runs outside Actions too.
#
#   INPUT_CONFIG          odometer.toml               the config
#   INPUT_TOKEN           (none)                      GITHUB_TOKEN for collect
#   INPUT_REQUIRE         (none)                      sources that must succeed
#   INPUT_COLLECT_ARGS    (none)                      more arguments for collect
#   INPUT_COMMIT          true                        commit the results
#   INPUT_PUSH            true                        push them
#   INPUT_FAIL_ON_PARTIAL true                        exit 3 on a partial collection
#   ODOMETER_BINARY       (build with scripts/setup.sh)  a prebuilt odometer
#   ODOMETER_PUSH_WAIT    5                           seconds between push attempts, times the attempt
#
# Exit code: collect's (0 ok; 3 partial, unless INPUT_FAIL_ON_PARTIAL is
# false; 1 a required source did not succeed), or 1 when a later step fails.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
config=${INPUT_CONFIG:-odometer.toml}
push_attempts=5

log() { echo "odometer action: $*" >&2; }
fail() {
  log "error: $*"
  exit 1
}
is_true() { [[ ${1,,} == true ]]; }
output() { echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }
group() { [[ -n ${GITHUB_ACTIONS:-} ]] && echo "::group::$*" || log "$*"; }
end_group() { [[ -z ${GITHUB_ACTIONS:-} ]] || echo "::endgroup::"; }

[[ -f $config ]] || fail "no config $config in $(pwd) (set the action's config input)"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  fail "$(pwd) is not a git work tree (run actions/checkout first)"

if [[ -n ${ODOMETER_BINARY:-} ]]; then
  odometer=$ODOMETER_BINARY
else
  group "Build odometer"
  "$source_dir/scripts/setup.sh" >&2
  end_group
  odometer=$source_dir/build/odometer
fi
[[ -x $odometer ]] || fail "$odometer is not an executable"
echo "$(cd "$(dirname "$odometer")" && pwd)" >>"${GITHUB_PATH:-/dev/null}"

# What to commit: the ledger, the outputs folder and the site files of the
# config, and .gitattributes with the merge driver's line.
# A ledger in a database ([ledger] store) is not committed: only the
# rendered files are.
ledger=
commit_paths=()
while IFS=$'\t' read -r kind path; do
  case $kind in
    ledger) ledger=$path commit_paths+=(.gitattributes "$path") ;;
    store) ;;
    *) commit_paths+=("$path") ;;
  esac
done < <("$odometer" paths --config "$config")
top=$(git rev-parse --show-toplevel)
ledger_in_repo=
if [[ -n $ledger ]]; then
  ledger_in_repo=$(realpath -m --relative-to="$top" "$ledger")
fi

if [[ -z $(git config user.name || true) ]]; then
  git config user.name "github-actions[bot]"
  git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
fi
# The merge driver makes `git pull` merge the ledger as `odometer merge`
# does; the pre-commit hook refuses a commit that lowers a count.
if [[ -n $ledger_in_repo ]]; then
  "$odometer" git-setup --path "$ledger_in_repo" >&2
fi

collect_args=(--config "$config")
for source in ${INPUT_REQUIRE:-}; do
  collect_args+=(--require "$source")
done
# shellcheck disable=SC2206 # split on spaces on purpose
collect_args+=(${INPUT_COLLECT_ARGS:-})
collect_log=$(mktemp)
trap 'rm -f "$collect_log"' EXIT
if [[ -n ${INPUT_TOKEN:-} ]]; then
  export GITHUB_TOKEN=$INPUT_TOKEN
fi
group "odometer collect"
set +e
"$odometer" collect "${collect_args[@]}" 2>&1 | tee "$collect_log"
code=${PIPESTATUS[0]}
set -e
end_group
case $code in
  0) status=ok ;;
  3) status=partial ;;
  *) status=failed ;;
esac
output exit-code "$code"
output status "$status"

render() { "$odometer" render --config "$config" >&2; }
group "odometer render"
render
end_group
outputs_dir=$("$odometer" paths --config "$config" | sed -n 's/^outputs\t//p')
summary=
if [[ -f $outputs_dir/summary.txt ]]; then
  summary=$(head -n 1 "$outputs_dir/summary.txt")
fi
output summary "$summary"

# Stages what exists of the paths to commit (a site file may not be set up
# yet, an outputs folder may be turned off).
stage() {
  local path existing=()
  for path in "${commit_paths[@]}"; do
    if [[ -e $path ]]; then
      existing+=("$path")
    fi
  done
  if ((${#existing[@]} > 0)); then
    git add -- "${existing[@]}"
  fi
}

committed=false
pushed=false
if is_true "${INPUT_COMMIT:-true}"; then
  stage
  if ! git diff --cached --quiet; then
    git commit -q -m "odometer: counts of $(date -u +%F)"
    committed=true
  fi
fi

if is_true "${INPUT_PUSH:-true}" && [[ $committed == true ]]; then
  branch=$(git symbolic-ref -q --short HEAD) ||
    fail "HEAD is not on a branch, so there is nothing to push to (check out a branch, or set push: false)"
  for ((attempt = 1; attempt <= push_attempts; attempt++)); do
    if git push -q origin "HEAD:$branch" 2>&1; then
      pushed=true
      break
    fi
    log "push refused (attempt $attempt of $push_attempts): merging what arrived meanwhile"
    # The ledger merges through odometer's driver; the rendered files may
    # conflict and are rendered again from the merged ledger. A conflict in
    # the ledger itself means a side that is not a valid ledger.
    if ! git pull -q --no-rebase --no-edit origin "$branch" 2>&1; then
      if [[ -n $ledger_in_repo ]] && git diff --name-only --diff-filter=U | grep -qxF "$ledger_in_repo"; then
        fail "the ledger $ledger_in_repo did not merge; see the merge driver's message above"
      fi
      git rev-parse -q --verify MERGE_HEAD >/dev/null ||
        fail "git pull failed without a merge to finish"
    fi
    render
    stage
    if unmerged=$(git diff --name-only --diff-filter=U) && [[ -n $unmerged ]]; then
      fail "files that odometer does not write are in conflict: $unmerged"
    fi
    if ! git diff --cached --quiet || git rev-parse -q --verify MERGE_HEAD >/dev/null; then
      git commit -q --no-edit -m "odometer: render after merging"
    fi
    if ((attempt < push_attempts)); then
      sleep $((attempt * ${ODOMETER_PUSH_WAIT:-5}))
    fi
  done
  [[ $pushed == true ]] || log "error: could not push after $push_attempts attempts"
fi
output committed "$committed"
output pushed "$pushed"

if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  {
    echo "### odometer"
    echo
    [[ -n $summary ]] && echo "**$summary**" && echo
    echo "collect exited $code ($status); committed: $committed, pushed: $pushed"
    echo
    echo '```'
    cat "$collect_log"
    echo '```'
  } >>"$GITHUB_STEP_SUMMARY"
fi

if is_true "${INPUT_PUSH:-true}" && [[ $committed == true && $pushed != true ]]; then
  exit 1
fi
if ((code == 3)) && ! is_true "${INPUT_FAIL_ON_PARTIAL:-true}"; then
  exit 0
fi
exit "$code"
