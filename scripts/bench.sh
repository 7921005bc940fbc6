#!/usr/bin/env bash
# make bench: end-to-end coding speed of dyad on real news.
# For the benchmark file (default dictionaries with and without the parser,
# Phoenix dictionaries) and the whole corpus folder, with -j 1 and -j 2:
# stories/s, sentences/s, MB/s,
# events, peak resident memory (median of RUNS runs), and the load time of the
# dictionaries, and the -j 1 / -j 2 speed-up of `dyad ingest` into SQLite.
# Prints a table and writes it to docs/bench.md.
# CPU seconds (user + sys) are given beside wall seconds, and the load average
# before and after: on a shared machine a -j 2 run can be slowed by other
# work, and CPU seconds against wall seconds show how far it ran in parallel.
set -euo pipefail
dyad=${DYAD:-build/dyad}
shared=${DYAD_SHARED:-../shared}
runs=${RUNS:-5}
out=${BENCH_OUT:-docs/bench.md}
corp=$shared/corpora
[ -f "$corp/bench_world_news.jsonl" ] || { echo "bench: $corp/bench_world_news.jsonl not found: nothing to measure"; exit 0; }
pd=$shared/ref/petrarch2/dictionaries
phoenix=(--no-default-dictionaries
  --actors "$pd/Phoenix.Countries.actors.txt" --actors "$pd/Phoenix.International.actors.txt"
  --actors "$pd/Phoenix.MilNonState.actors.txt" --agents "$pd/Phoenix.agents.txt"
  --verbs "$pd/CAMEO.2.0.txt" --discards "$pd/Phoenix.discards.txt" --issues "$pd/Phoenix.IssueCoding.txt")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat "$corp"/*.jsonl > "$tmp/all.jsonl"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one_run DICTS... -- ARGS: prints "seconds maxrss_kb cpu_seconds summary-line"
one_run() {
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$dyad" code -q --date 2020-01-01 "$@" > /dev/null 2> "$tmp/err" || true
  local e m u s
  read -r e m u s < <(tail -n 1 "$tmp/time")
  printf '%s %s %s %s\n' "$e" "$m" "$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')" \
    "$(grep '^dyad: ' "$tmp/err" | tail -n 1)"
}

# pair NAME INPUT DICTSET: the -j 1 and -j 2 rows.  The two runs alternate
# (1, 2, 1, 2, ...) so a slow spell of a shared machine hits both alike, and
# the speed-up is the median of the ratios of each pair, not a ratio of
# medians taken minutes apart.
pair() {
  local name=$1 input=$2 set=$3 dicts=() line="" r ratios=()
  local -A secs=() rss=() cpu=() last=()
  case $set in phoenix) dicts=("${phoenix[@]}") ;; "default, no parser") dicts=(--no-parser) ;; esac
  for _ in $(seq "$runs"); do
    for j in 1 2; do
      line=$(one_run "${dicts[@]}" -j "$j" "$input")
      read -r r _ < <(echo "$line")
      last[$j]=$r; secs[$j]+="$r "; rss[$j]+="$(echo "$line" | cut -d' ' -f2) "; cpu[$j]+="$(echo "$line" | cut -d' ' -f3) "
    done
    ratios+=("$(awk -v a="${last[1]}" -v b="${last[2]}" 'BEGIN {if (b <= 0) b = 0.001; printf "%.2f", a / b}')")
  done
  local stories sents events mb
  stories=$(echo "$line" | sed -n 's/.*dyad: \([0-9]*\) stories read.*/\1/p')
  sents=$(echo "$line" | sed -n 's/.* \([0-9]*\) sentences.*/\1/p')
  events=$(echo "$line" | sed -n 's/.* \([0-9]*\) events.*/\1/p')
  mb=$(awk -v b="$(stat -c %s "$input")" 'BEGIN {printf "%.1f", b / 1048576}')
  for j in 1 2; do
    local s m c
    s=$(tr ' ' '\n' <<< "${secs[$j]}" | grep . | median); m=$(tr ' ' '\n' <<< "${rss[$j]}" | grep . | median)
    c=$(tr ' ' '\n' <<< "${cpu[$j]}" | grep . | median)
    awk -v n="$name" -v set="$set" -v j="$j" -v s="$s" -v c="$c" -v st="$stories" -v se="$sents" -v ev="$events" \
        -v mb="$mb" -v m="$m" 'BEGIN {
          if (s <= 0) s = 0.001
          printf "| %s | %s | %d | %s | %s | %.0f | %.0f | %.1f | %s | %.0f |\n", n, set, j, s, c, st / s, se / s, mb / s, ev, m / 1024 }'
  done
  printf '%s %s: %s (pairs: %s)\n' "$name" "$set" "$(printf '%s\n' "${ratios[@]}" | median)" "${ratios[*]}" >> "$tmp/scaling"
}

# ingest_pair INPUT: `dyad ingest` into a new SQLite file, -j 1 and -j 2
# alternating as in pair(); prints the median seconds of each and the
# median speed-up of the pairs (the store is written by one thread).
ingest_pair() {
  local input=$1 j r ratios=() last=() s1=() s2=()
  for _ in $(seq "$runs"); do
    for j in 1 2; do
      rm -f "$tmp"/ingest.db*
      /usr/bin/time -f "%e" -o "$tmp/time" "$dyad" ingest -q --date 2020-01-01 --db "$tmp/ingest.db" -j "$j" \
        "$input" > /dev/null 2>&1 || true
      r=$(tail -n 1 "$tmp/time"); last[$j]=$r
      if [ "$j" = 1 ]; then s1+=("$r"); else s2+=("$r"); fi
    done
    ratios+=("$(awk -v a="${last[1]}" -v b="${last[2]}" 'BEGIN {if (b <= 0) b = 0.001; printf "%.2f", a / b}')")
  done
  rm -f "$tmp"/ingest.db*
  printf 'ingest into SQLite, bench_world_news: -j 1 %s s, -j 2 %s s, speed-up %s (pairs: %s)\n' \
    "$(printf '%s\n' "${s1[@]}" | median)" "$(printf '%s\n' "${s2[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | median)" "${ratios[*]}"
}

load() { # dictset
  local dicts=(); [ "$1" = phoenix ] && dicts=("${phoenix[@]}")
  local t=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$tmp/time" "$dyad" code -q --date 2020-01-01 "${dicts[@]}" < /dev/null > /dev/null 2>&1 || true
    t+=("$(tail -n 1 "$tmp/time")")
  done
  printf '%s\n' "${t[@]}" | median
}

{
  echo "# dyad benchmark"
  echo
  echo "Measured by \`make bench\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)); median of $runs runs;"
  echo "end to end from raw JSON Lines text to events, written to /dev/null;"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
  echo
  echo "| input | dictionaries | -j | seconds | CPU s | stories/s | sentences/s | MB/s | events | peak MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for set in default "default, no parser" phoenix; do
    pair bench_world_news "$corp/bench_world_news.jsonl" "$set"
  done
  pair "all corpora" "$tmp/all.jsonl" default
  echo
  echo "Speed-up from -j 1 to -j 2 (wall seconds of -j 1 over -j 2 for each pair of"
  echo "back-to-back runs; median of the $runs pairs, then each pair):"
  echo
  sed 's/^/- /' "$tmp/scaling"
  echo "- $(ingest_pair "$corp/bench_world_news.jsonl")"
  echo
  echo "Start-up (loading the CAMEO table and dictionaries, coding nothing): default $(load default) s, Phoenix $(load phoenix) s."
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
} | tee "$out"
