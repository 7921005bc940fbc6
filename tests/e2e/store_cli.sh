#!/usr/bin/env bash
# dyad ingest / query / export end to end on SQLite: ingest the bundled
# samples twice (no duplicates), then query and export a store of synthetic
# events (built by store-bench) and check every format's shape and totals.
set -u
DYAD=${DYAD:-build/dyad}
B=${DYAD_BUILD:-build}
[ -x "$DYAD" ] || { echo "note: $DYAD not built"; exit 77; }
dir=$(mktemp -d /tmp/dyad-store-cli.XXXXXX); trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
q() { "$DYAD" query --db "$db" "$@"; }

# -- ingest: stories stored once, however often they are ingested
db=$dir/samples.db
"$DYAD" ingest -q --db "$db" --date 2020-01-01 samples/ 2>"$dir/ingest.err"; rc=$?
[ $rc -le 1 ] || { cat "$dir/ingest.err"; fail "ingest exit $rc"; }
grep -q 'stories read' "$dir/ingest.err" || fail "no ingest summary"
n1=$(q --format csv sql "SELECT COUNT(*) AS n FROM stories" | tail -n 1)
e1=$(q --format csv sql "SELECT COUNT(*) AS n FROM events" | tail -n 1)
[ "$n1" -gt 0 ] || fail "no stories stored"
"$DYAD" ingest -q --db "$db" --date 2020-01-01 samples/ 2>/dev/null
n2=$(q --format csv sql "SELECT COUNT(*) AS n FROM stories" | tail -n 1)
e2=$(q --format csv sql "SELECT COUNT(*) AS n FROM events" | tail -n 1)
[ "$n1" = "$n2" ] && [ "$e1" = "$e2" ] || fail "re-ingest changed counts: $n1/$e1 -> $n2/$e2"
bad=$(q --format csv sql "SELECT COUNT(*) FROM stories s WHERE n_events <> (SELECT COUNT(*) FROM events e WHERE e.story_id = s.id)" | tail -n 1)
[ "$bad" = 0 ] || fail "$bad stories with a wrong event count"
echo "ingest: $n1 stories, $e1 events, stable on re-ingest"

# -- usage errors and read-only SQL
"$DYAD" ingest samples/ 2>/dev/null; [ $? -eq 2 ] || fail "ingest without --db should exit 2"
q sql "DELETE FROM stories" 2>"$dir/err"; [ $? -eq 2 ] || fail "DELETE was not refused"
grep -q 'read-only' "$dir/err" || fail "no read-only message: $(cat "$dir/err")"
[ "$(q --format csv sql "SELECT COUNT(*) FROM stories" | tail -n 1)" = "$n1" ] || fail "DELETE went through"
q series RUS USA --by fortnight 2>/dev/null; [ $? -eq 2 ] || fail "bad --by accepted"

# -- a store with synthetic events (feed order: January to mid-March 2015)
[ -x "$B/store-bench" ] || { echo "note: $B/store-bench not built"; exit 77; }
db=$dir/synth.db
"$B/store-bench" "$db" 20000 >/dev/null || fail "store-bench could not build the store"
total=$(q --format csv sql "SELECT COUNT(*) FROM events" | tail -n 1)
[ "$total" = 20000 ] || fail "expected 20000 events, got $total"

# series: yearly counts add up to the SQL count of the same dyad
s=$(q --format csv series RUS USA --by year | awk -F, 'NR > 1 { t += $2 } END { print t }')
w=$(q --format csv sql "SELECT COUNT(*) FROM events WHERE source LIKE 'RUS%' AND target LIKE 'USA%'" | tail -n 1)
[ "$s" = "$w" ] && [ "$s" -gt 0 ] || fail "series RUS USA: $s vs SQL $w"
b=$(q --format csv series RUS USA --by month --both-directions | awk -F, 'NR > 1 { t += $2 } END { print t }')
[ "$b" -gt "$s" ] || fail "--both-directions did not add USA->RUS events"
d=$(q --format csv --dedup series RUS USA --by year | awk -F, 'NR > 1 { t += $2 } END { print t }')
[ "$d" -le "$s" ] && [ "$d" -gt 0 ] || fail "dedup series $d not <= raw $s"
q series RUS USA --by month --measure quad | head -n 1 | grep -q 'q4_material_conflict' || fail "quad header"
q --format json series RUS USA --by year --measure goldstein | grep -q '"goldstein_mean":' || fail "json series"
# weeks are Mondays
wk=$(q --format csv series CHN USA --by week | sed -n 2p | cut -d, -f1)
[ "$(date -u -d "$wk" +%u)" = 1 ] || fail "week $wk is not a Monday"

# top: table is aligned (header, rule, rows), CSV has the limit
q top dyads --limit 5 > "$dir/top.txt"
[ "$(wc -l < "$dir/top.txt")" = 7 ] || fail "top table has $(wc -l < "$dir/top.txt") lines"
sed -n 2p "$dir/top.txt" | grep -q '^------' || fail "no rule under the table header"
[ "$(q --format csv top codes --root 14 | tail -n +2 | cut -d, -f1 | grep -vc '^14')" = 0 ] || fail "--root 14 let other roots through"
q --format csv top actors --from 2015-02-01 --to 2015-02-28 | head -n 1 | grep -q '^actor,events,as_source,as_target$' || fail "top actors header"

# events: the sentences come back; JSON is dyad's event record
q --format csv events --actor SYR --from 2015-01-10 --to 2015-01-31 > "$dir/ev.csv"
[ "$(tail -n +2 "$dir/ev.csv" | wc -l)" -gt 0 ] || fail "no SYR events in January 2015"
tail -n +2 "$dir/ev.csv" | grep -vq 'reported\.' && fail "events without their sentence"
tail -n +2 "$dir/ev.csv" | cut -d, -f2 | awk '$1 < "2015-01-10" || $1 > "2015-01-31" { bad = 1 } END { exit bad }' || fail "date filter"
q --format json --limit 3 events --actor SYR | grep -c '"story_id":' | grep -qx 3 || fail "json events"

# exports: exact column counts on every row
"$DYAD" export --db "$db" --format gdelt -o "$dir/g.tsv" 2>/dev/null || fail "gdelt export"
[ "$(wc -l < "$dir/g.tsv")" = 20000 ] || fail "gdelt rows"
awk -F'\t' 'NF != 61 { bad = 1 } END { exit bad }' "$dir/g.tsv" || fail "gdelt rows without 61 columns"
"$DYAD" export --db "$db" --format phoenix --dedup -o "$dir/p.tsv" 2>/dev/null || fail "phoenix export"
awk -F'\t' 'NF != 26 { bad = 1 } END { exit bad }' "$dir/p.tsv" || fail "phoenix rows without 26 columns"
[ "$(wc -l < "$dir/p.tsv")" -le 20000 ] || fail "dedup made more rows"
"$DYAD" export --db "$db" --format icews --actor IRN -o "$dir/i.tsv" 2>/dev/null || fail "icews export"
head -n 1 "$dir/i.tsv" | grep -q '^Event ID	Event Date	Source Name' || fail "icews header"
awk -F'\t' 'NF != 20 { bad = 1 } END { exit bad }' "$dir/i.tsv" || fail "icews rows without 20 columns"
"$DYAD" export --db "$db" --format plover --from 2015-01-10 --to 2015-01-20 -o "$dir/pl.jsonl" 2>/dev/null || fail "plover export"
grep -vc '^{"id":"[0-9]*","date":"2015-01-[12]' "$dir/pl.jsonl" | grep -qx 0 || fail "plover rows"
grep -q '"event":"CONSULT"' "$dir/pl.jsonl" || fail "no CONSULT in PLOVER"
"$DYAD" export --db "$db" --format jsonl --dedup --actor PRK -o "$dir/j.jsonl" 2>/dev/null || fail "jsonl export"
grep -q '"mentions":' "$dir/j.jsonl" || fail "dedup jsonl without counts"
"$DYAD" export --db "$db" --format csv 2>/dev/null; [ $? -eq 2 ] || fail "unknown format accepted"
echo "store_cli: ok"
