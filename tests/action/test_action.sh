#!/usr/bin/env bash
# scripts/action.sh as a GitHub runner runs it: INPUT_* variables, the
# GITHUB_OUTPUT, GITHUB_PATH and GITHUB_STEP_SUMMARY files, a workspace that
# is a clone of a remote (here a local bare repository), and collect
# replaying the example recording. Checks what lands on the remote, the
# outputs, and the push race: another clone pushes first, the action's push
# is refused, it merges (the ledger through odometer's driver), renders
# again and pushes, and the remote's ledger is the CRDT merge of both.
#   tests/action/test_action.sh ODOMETER SOURCE_DIR
set -euo pipefail

odometer=$(realpath "$1")
source_dir=$(realpath "$2")
action=$source_dir/scripts/action.sh
work=$(mktemp -d)
cleanup() {
  if ((failures == 0)); then rm -rf "$work"; else echo "kept $work for a look"; fi
}
failures=0
trap cleanup EXIT

export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global init.defaultBranch main
git config --global advice.detachedHead false
unset GITHUB_ACTIONS GITHUB_TOKEN

check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    failures=$((failures + 1))
  fi
}
output_of() { grep -E "^$2=" "$1" | tail -n 1 | cut -d= -f2-; }

# A remote holding the example config and recording, and a clone of it.
new_remote() {  # new_remote NAME
  git init -q --bare "$work/$1.git"
  git clone -q "$work/$1.git" "$work/$1-seed" 2>/dev/null
  cp "$source_dir/examples/odometer.toml" "$work/$1-seed/"
  cp -r "$source_dir/examples/recording" "$work/$1-seed/recording"
  git -C "$work/$1-seed" add -A
  git -C "$work/$1-seed" commit -q -m "config"
  git -C "$work/$1-seed" push -q origin HEAD:main
}

# Runs the action in a clone: run_action CLONE NAME [VAR=VALUE...]; sets
# $status to its exit code and leaves its files in $work/NAME.*.
run_action() {
  local clone=$1 name=$2
  shift 2
  : >"$work/$name.output" >"$work/$name.path" >"$work/$name.summary"
  set +e
  (cd "$clone" && env GITHUB_WORKSPACE="$clone" GITHUB_OUTPUT="$work/$name.output" \
    GITHUB_PATH="$work/$name.path" GITHUB_STEP_SUMMARY="$work/$name.summary" \
    ODOMETER_BINARY="$odometer" ODOMETER_PUSH_WAIT=0 \
    INPUT_CONFIG=odometer.toml INPUT_COLLECT_ARGS="--replay recording" "$@" \
    "$action") >"$work/$name.log" 2>&1
  status=$?
  set -e
}

ledger_at() { git -C "$1" show "$2:demo/odometer-ledger.json"; }

# --- action.yml stays a thin wrapper of the script ------------------------------
inputs=$(awk '/^inputs:/ { on = 1; next } /^[a-z]/ { on = 0 } on && /^  [a-z-]+:$/ { sub(":", ""); print $1 }' \
  "$source_dir/action.yml")
check "action.yml has inputs" test -n "$inputs"
for input in $inputs; do
  variable=INPUT_$(echo "$input" | tr 'a-z-' 'A-Z_')
  check "input $input reaches the script as $variable" \
    grep -qF "$variable: \${{ inputs.$input }}" "$source_dir/action.yml"
  check "the script reads $variable" grep -qF "\${$variable" "$action"
done
outputs=$(awk '/^outputs:/ { on = 1; next } /^[a-z]/ { on = 0 } on && /^  [a-z-]+:$/ { sub(":", ""); print $1 }' \
  "$source_dir/action.yml")
for name in $outputs; do
  check "output $name is the script's" grep -qF "value: \${{ steps.run.outputs.$name }}" \
    "$source_dir/action.yml"
  check "the script writes output $name" grep -qE "^ *output $name " "$action"
done

# --- a plain run: collect, render, commit, push -------------------------------
new_remote plain
git clone -q "$work/plain.git" "$work/plain"
run_action "$work/plain" plain
check "a full collection exits 0" test "$status" -eq 0
check "exit-code output is 0" test "$(output_of "$work/plain.output" exit-code)" = 0
check "status output is ok" test "$(output_of "$work/plain.output" status)" = ok
check "committed and pushed" test "$(output_of "$work/plain.output" committed)$(output_of "$work/plain.output" pushed)" = truetrue
git clone -q "$work/plain.git" "$work/plain-check"
summary=$(head -n 1 "$work/plain-check/demo/odometer-out/summary.txt")
check "the summary output is the pushed summary.txt" \
  test "$(output_of "$work/plain.output" summary)" = "$summary"
check "the remote has the ledger collect wrote" \
  cmp -s "$work/plain-check/demo/odometer-ledger.json" "$work/plain/demo/odometer-ledger.json"
check "the remote has the dashboard" test -s "$work/plain-check/demo/odometer-out/dashboard.html"
check "the remote has the merge driver's .gitattributes line" \
  grep -qxF "demo/odometer-ledger.json merge=odometer" "$work/plain-check/.gitattributes"
check "nothing per-machine was committed" \
  test -z "$(git -C "$work/plain-check" ls-files | grep -E '\.lock$|\.etags\.json$|last-run\.json$')"
check "the job summary shows the summary line" grep -qF "**$summary**" "$work/plain.summary"
check "the job summary shows the collect table" grep -qE '^SOURCE +ENTITIES' "$work/plain.summary"
check "odometer's folder is added to PATH" grep -qxF "$(dirname "$odometer")" "$work/plain.path"
pushed_sha=$(git -C "$work/plain.git" rev-parse main)
run_action "$work/plain" nocommit INPUT_COMMIT=false
check "with commit false nothing is committed" \
  test "$(output_of "$work/nocommit.output" committed)" = false
check "and the remote is as it was" test "$(git -C "$work/plain.git" rev-parse main)" = "$pushed_sha"

# --- the push race --------------------------------------------------------------
new_remote race
git clone -q "$work/race.git" "$work/race-action"
git clone -q "$work/race.git" "$work/race-other"
# The other clone counts something else and pushes first, rendered files included.
(
  cd "$work/race-other"
  "$odometer" observe --ledger demo/odometer-ledger.json --kind cumulative --at 2026-05-02T10:00:00Z \
    docker:pulls:runcycles/cycles-server 4321 >/dev/null
  "$odometer" observe --ledger demo/odometer-ledger.json --kind daily --day 2026-05-01 \
    github:clones:runcycles/docs 7777 >/dev/null
  "$odometer" render --config odometer.toml >/dev/null
  git add -A demo && git commit -q -m "other" && git push -q origin HEAD:main
)
run_action "$work/race-action" race
check "the raced run exits 0" test "$status" -eq 0
check "it says the push was refused and merged" grep -q "push refused (attempt 1" "$work/race.log"
check "and pushed in the end" test "$(output_of "$work/race.output" pushed)" = true
git clone -q "$work/race.git" "$work/race-check"
# The commits of both sides: the action's own commit is the first parent of
# the merge that reached the remote, the other clone's is its second.
mine=$(git -C "$work/race-check" log --format=%H --grep="odometer: counts of" -n 1)
theirs=$(git -C "$work/race-check" log --format=%H --grep="^other$" -n 1)
ledger_at "$work/race-check" "$mine" >"$work/mine.json"
ledger_at "$work/race-check" "$theirs" >"$work/theirs.json"
"$odometer" merge "$work/mine.json" "$work/theirs.json" -o "$work/expected.json" >/dev/null
check "the remote's ledger is the CRDT merge of both" \
  cmp -s "$work/expected.json" "$work/race-check/demo/odometer-ledger.json"
check "the other clone's count survived" \
  grep -q "docker:pulls:runcycles/cycles-server" "$work/race-check/demo/odometer-ledger.json"
check "no conflict marker in the rendered files" \
  test -z "$(grep -rl '^<<<<<<<' "$work/race-check/demo" || true)"
"$odometer" render --config "$work/race-check/odometer.toml" --out "$work/rerendered" >/dev/null
check "the pushed outputs are rendered from the merged ledger" \
  cmp -s "$work/rerendered/summary.txt" "$work/race-check/demo/odometer-out/summary.txt"

# --- exit codes: a partial collection, a required source ------------------------
# A clone whose recording has no pypistats responses, so PyPI fails.
partial_clone() {  # partial_clone NAME
  new_remote "$1"
  git clone -q "$work/$1.git" "$work/$1"
  grep -l "pypistats.org" "$work/$1/recording"/*.json | grep -v recording.json | xargs rm
  git -C "$work/$1" commit -q -am "drop the PyPI responses"
}
partial_clone partial
run_action "$work/partial" partial
check "a partial collection exits 3" test "$status" -eq 3
check "exit-code output is 3" test "$(output_of "$work/partial.output" exit-code)" = 3
check "status output is partial" test "$(output_of "$work/partial.output" status)" = partial
check "what succeeded is still pushed" test "$(output_of "$work/partial.output" pushed)" = true
partial_clone tolerant
run_action "$work/tolerant" tolerant INPUT_FAIL_ON_PARTIAL=false
check "with fail-on-partial false it exits 0" test "$status" -eq 0
check "and still reports exit-code 3" test "$(output_of "$work/tolerant.output" exit-code)" = 3
partial_clone required
run_action "$work/required" required INPUT_REQUIRE=pypi INPUT_PUSH=false
check "a required source that fails exits 1" test "$status" -eq 1
check "status output is failed" test "$(output_of "$work/required.output" status)" = failed
check "without push nothing reaches the remote" \
  test "$(git -C "$work/required.git" rev-parse main)" = "$(git -C "$work/required" rev-parse origin/main)"

# --- a ledger in PostgreSQL: only the rendered files are committed -------------
# Runs beside the suite's throwaway server (scripts/with-postgres.sh).
if [[ -n ${ODOMETER_TEST_POSTGRES:-} ]]; then
  database=odometer_action_$$
  psql -q "$ODOMETER_TEST_POSTGRES" -c "CREATE DATABASE $database"
  # The config names the server without its password, which comes from
  # PGPASSWORD as a workflow's secret would.
  password=${ODOMETER_TEST_POSTGRES#*://*:}
  password=${password%%@*}
  server=${ODOMETER_TEST_POSTGRES#*@}
  store=postgresql://odometer@${server%/*}/$database
  new_remote store
  git clone -q "$work/store.git" "$work/store"
  sed -i "s|^path = \"demo/odometer-ledger.json\"|store = \"$store\"|" "$work/store/odometer.toml"
  git -C "$work/store" commit -q -am "the ledger in PostgreSQL"
  run_action "$work/store" store PGPASSWORD="$password"
  check "a run with a store exits 0" test "$status" -eq 0
  git clone -q "$work/store.git" "$work/store-check"
  check "the dashboard is pushed" test -s "$work/store-check/demo/odometer-out/dashboard.html"
  check "no ledger file is committed" test ! -e "$work/store-check/demo/odometer-ledger.json"
  check "no merge driver line is committed" test ! -e "$work/store-check/.gitattributes"
  check "the store holds the collected counts" \
    test "$(PGPASSWORD=$password "$odometer" show --ledger "$store" | wc -l)" -gt 10
  check "the password is in no output" \
    test -z "$(grep -rlF "$password" "$work"/store.* "$work/store-check" --exclude-dir=.git || true)"
  psql -q "$ODOMETER_TEST_POSTGRES" -c "DROP DATABASE $database WITH (FORCE)"
else
  echo "skipped: the PostgreSQL store run (no ODOMETER_TEST_POSTGRES; scripts/with-postgres.sh sets it)"
fi

# --- mistakes a user makes --------------------------------------------------------
run_action "$work/required" noconfig INPUT_CONFIG=nope.toml
check "a missing config is an error naming it" grep -q "no config nope.toml" "$work/noconfig.log"
check "and exits 1" test "$status" -eq 1

if ((failures > 0)); then
  echo "$failures check(s) failed; the logs are in $work"
  for log in "$work"/*.log; do
    echo "--- $log"
    cat "$log"
  done
  exit 1
fi
echo "all checks passed"
