#!/usr/bin/env bash
# dyad ingest killed with SIGKILL at several moments of a large ingest leaves
# a consistent SQLite database (integrity check; every stored story has all
# its events), and a re-run completes it to exactly what a clean run stores.
set -u
[ -x "${DYAD:-}" ] || { echo "dyad not built"; exit 77; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN { for (i = 0; i < 4000; i++)
  printf "{\"id\":\"k%d\",\"date\":\"2019-%02d-%02d\",\"text\":\"Russia criticized Japan on Monday. China praised South Korea for its restraint.\"}\n", i, i % 12 + 1, i % 28 + 1 }' > "$tmp/s.jsonl"
"$DYAD" ingest -q --no-parser --db "$tmp/clean.db" --batch 50 "$tmp/s.jsonl" 2>/dev/null
want=$(sqlite3 "$tmp/clean.db" "SELECT count(*) FROM events")
[ "$want" -eq 8000 ] || { echo "FAIL: clean ingest stored $want events, expected 8000"; exit 1; }
fail=0
for delay in 0.05 0.2 0.4 0.8; do
  rm -f "$tmp/k.db"*
  "$DYAD" ingest -q --no-parser --db "$tmp/k.db" --batch 50 "$tmp/s.jsonl" 2>/dev/null &
  pid=$!
  sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  [ -f "$tmp/k.db" ] || continue
  ok=$(sqlite3 "$tmp/k.db" "PRAGMA integrity_check" 2>&1)
  [ "$ok" = ok ] || { echo "FAIL after kill at ${delay}s: integrity: $ok"; fail=1; }
  # Killed before the schema migration committed: a database with no tables
  # yet is consistent (the migration is one transaction), and stores nothing.
  tables=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM sqlite_master WHERE name IN ('stories','events')")
  if [ "$tables" != 2 ]; then
    [ "$tables" = 0 ] || { echo "FAIL after kill at ${delay}s: half a schema ($tables of 2 tables)"; fail=1; }
    echo "killed at ${delay}s: before the schema was created, consistent"
  else
    partial=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM (SELECT s.id, count(e.rowid) n FROM stories s LEFT JOIN events e ON e.story_id = s.id GROUP BY s.id) WHERE n <> 2" 2>&1)
    [ "$partial" = 0 ] || { echo "FAIL after kill at ${delay}s: $partial stories stored without all their events"; fail=1; }
    got=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM events")
    echo "killed at ${delay}s: $got events stored, consistent"
  fi
  "$DYAD" ingest -q --no-parser --db "$tmp/k.db" --batch 50 "$tmp/s.jsonl" 2>/dev/null
  again=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM events")
  [ "$again" -eq "$want" ] || { echo "FAIL: re-run after kill at ${delay}s stored $again events, expected $want"; fail=1; }
done
[ $fail -eq 0 ] && echo "ingest kill -9: ok"
exit $fail
