#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server, with
# ODOMETER_TEST_POSTGRES set to a URL of it; the server is stopped and its
# folder removed afterwards, however the command ends.
#   scripts/with-postgres.sh COMMAND [ARG...]
#   scripts/with-postgres.sh bash        # a shell to run test binaries in
#
# The cluster: initdb into a new folder under /tmp, as the current user, or
# as root (initdb refuses root) as Debian's `postgres` user, else as a system
# user `odometer-pg` created for it. It listens on a free port of 127.0.0.1
# with password (SCRAM) authentication, so a wrong password is refused, and
# on a unix socket in its folder. The URL names the superuser `odometer`
# (with a random password) and the database `postgres`; tests create their
# own databases. The server binaries are taken from PG_BINDIR, else from
# initdb on PATH, else from the newest /usr/lib/postgresql/*/bin.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

if [[ -n "${PG_BINDIR:-}" ]]; then
  bindir=$PG_BINDIR
elif command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
else
  bindir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
    sort -V | tail -n 1)
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" || ! -x "$bindir/pg_ctl" ]]; then
  echo "with-postgres: no PostgreSQL server found (initdb, pg_ctl); install Debian's" \
    "postgresql package or set PG_BINDIR" >&2
  exit 1
fi

run_as=()
if [[ $(id -u) -eq 0 ]]; then
  user=postgres
  if ! id -u "$user" >/dev/null 2>&1; then
    user=odometer-pg
    if ! id -u "$user" >/dev/null 2>&1; then
      useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$user"
    fi
  fi
  run_as=(runuser -u "$user" --)
fi

work=$(mktemp -d /tmp/odometer-pg.XXXXXX)
data=$work/data
stop_server() {
  if [[ -f "$data/postmaster.pid" ]]; then
    (cd "$work" && "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1) ||
      (cd "$work" && "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop \
        >/dev/null 2>&1) || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ((${#run_as[@]} > 0)); then
  chown "$user:" "$work"
fi
chmod 700 "$work"

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$work/password"
if ((${#run_as[@]} > 0)); then
  chown "$user:" "$work/password"
fi
chmod 600 "$work/password"

# Runs in the cluster's folder: the server user may not be able to enter
# the caller's.
(cd "$work" && "${run_as[@]}" "$bindir/initdb" -D "$data" -U odometer --pwfile="$work/password" \
  --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$work/initdb.log" \
  2>&1) || {
  cat "$work/initdb.log" >&2
  exit 1
}
cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
EOF

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 40000))
  fi
}

# Another process may take the port between the check and the start: try a few.
started=0
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if (cd "$work" && "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$work/server.log" \
    -o "-p $port" -w -t 60 start >/dev/null 2>&1); then
    started=1
    break
  fi
done
if ((started == 0)); then
  echo "with-postgres: the server did not start:" >&2
  cat "$work/server.log" >&2 || true
  exit 1
fi

export ODOMETER_TEST_POSTGRES="postgresql://odometer:$password@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on" \
  "127.0.0.1:$port (cluster in $work, removed afterwards)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
