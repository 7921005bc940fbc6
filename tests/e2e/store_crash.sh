#!/usr/bin/env bash
# Crash consistency of the store: a writer storing ~90k synthetic events in
# batches is SIGKILLed at random moments; after each kill the database must be
# intact with no partial story, and a final run must complete it.  SQLite
# always; PostgreSQL too when $DYAD_TEST_PG is set.
set -u
B=${DYAD_BUILD:-build}
prog=$B/store-crash
[ -x "$prog" ] || { echo "note: $prog not built (make $prog)"; exit 77; }
dir=$(mktemp -d /tmp/dyad-crash.XXXXXX); trap 'rm -rf "$dir"' EXIT
"$prog" "$dir/events.db" 10000 8 || { echo "store_crash: SQLite FAILED"; exit 1; }
if [ -n "${DYAD_TEST_PG:-}" ]; then
  psql "$DYAD_TEST_PG" -q -c 'DROP VIEW IF EXISTS events_dedup; DROP TABLE IF EXISTS events, sentences, stories, schema_version' >/dev/null 2>&1 ||
    { echo "note: PostgreSQL at $DYAD_TEST_PG unreachable: PostgreSQL crash test skipped"; exit 0; }
  "$prog" "$DYAD_TEST_PG" 10000 4 || { echo "store_crash: PostgreSQL FAILED"; exit 1; }
else
  echo "note: DYAD_TEST_PG not set: PostgreSQL crash test skipped"
fi
echo "store_crash: ok"
