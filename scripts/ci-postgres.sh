#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for dyad's storage tests and prints
# the line to eval:  export DYAD_TEST_PG=postgresql://...
#
#   eval "$(bash scripts/ci-postgres.sh)"      # .ci/run does this
#   bash scripts/ci-postgres.sh stop           # stops the server it started
#
# Installs Debian's PostgreSQL if missing, creates a cluster in a temporary
# folder owned by the 'postgres' user (or the current user when not root),
# listens on 127.0.0.1 only, port $DYAD_PG_PORT (55432), trust auth on
# loopback, and creates the database dyad_test.  Everything but the export
# line goes to stderr.
set -euo pipefail
PORT=${DYAD_PG_PORT:-55432}
STATE=/tmp/dyad-pg-$PORT.dir
log() { echo "ci-postgres: $*" >&2; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

if [ "${1:-}" = stop ]; then
  [ -f "$STATE" ] || { log "no server started on port $PORT"; exit 0; }
  dir=$(cat "$STATE"); bin=$(find_bin)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
  rm -rf "$dir" "$STATE"
  exit 0
fi

if ! bin=$(find_bin); then
  log "installing postgresql"
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  fi
  bin=$(find_bin) || { log "initdb not found after installing postgresql"; exit 1; }
fi

URI="postgresql://postgres@127.0.0.1:$PORT/dyad_test"
if [ -f "$STATE" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  log "reusing the server on port $PORT"
  echo "export DYAD_TEST_PG=$URI"
  exit 0
fi

dir=$(mktemp -d /tmp/dyad-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $dir -c fsync=off" start >&2 ||
  { cat "$dir/server.log" >&2; exit 1; }
echo "$dir" > "$STATE"
"$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres dyad_test >&2
log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT, data in $dir"
echo "export DYAD_TEST_PG=$URI"
