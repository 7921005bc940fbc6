#!/usr/bin/env bash
# make demo: codes the bundled sample stories and prints the events and a
# one-screen summary (events by CAMEO root, most frequent dyads).
set -euo pipefail
dyad=${1:-build/dyad}
cd "$(dirname "$0")/.."
out=$(mktemp); trap 'rm -f "$out"' EXIT
echo "== dyad code samples/  (events as TSV; 'dyad code --help' for JSON Lines and options)"
set +e
"$dyad" code --format tsv samples/ > "$out"
rc=$?
set -e
[ $rc -le 1 ] || exit $rc
awk -F'\t' 'NR > 1 { printf "%-28s s%-2s %s  %-9s -> %-9s %-5s %-38.38s | %s\n", $1, $2, $3, $4, ($5 == "" ? "-" : $5), $8, $10, $17 }' "$out"
echo
echo "== summary"
awk -F'\t' 'NR > 1 { n++; q[$11]++ }
  END {
    printf "%d events\n", n
    split("verbal-cooperation material-cooperation verbal-conflict material-conflict", qn, " ")
    for (i = 1; i <= 4; i++) printf "  quad %d %-22s %d\n", i, qn[i], q[i] + 0
  }' "$out"
printf 'by CAMEO root:'
awk -F'\t' 'NR > 1 { print $9 }' "$out" | sort | uniq -c | awk '{ printf " %s:%d", $2, $1 } END { printf "\n" }'
echo "most frequent dyads:"
awk -F'\t' 'NR > 1 { print $4 " -> " ($5 == "" ? "-" : $5) }' "$out" | sort | uniq -c | sort -k1,1nr -k2 | head -n 10
