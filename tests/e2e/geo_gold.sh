#!/usr/bin/env bash
# Geolocation accuracy on the gold set tests/geo_gold/gold.tsv: 209 place
# mentions in stories of ../shared/corpora, annotated for dyad (ids, character
# offsets and the expected place only; see tests/geo_gold/README.md).
# Prints country accuracy (right ISO3) and exact-place accuracy (right GeoNames
# id, or right country/subdivision for country- and admin1-level mentions,
# over the mentions whose place is in the gazetteer).  A mention dyad does not
# find counts as wrong.  Fails below the floors, set just under measured values.
# Skips (77) without ../shared or without a built gazetteer.
set -u
COUNTRY_FLOOR=${COUNTRY_FLOOR:-0.89}
EXACT_FLOOR=${EXACT_FLOOR:-0.96}
here=$(cd "$(dirname "$0")/../.." && pwd)
gold=$here/tests/geo_gold/gold.tsv
corpora=${DYAD_SHARED:-$here/../shared}/corpora
gaz=${DYAD_GAZETTEER:-$here/gazetteer/gazetteer.bin}
DYAD=${DYAD:-$here/build/dyad}
[ -d "$corpora" ] || { echo "note: $corpora not found: geo gold set skipped"; exit 77; }
[ -f "$gaz" ] || { echo "note: no gazetteer at $gaz (make gazetteer): geo gold set skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

grep -v '^#' "$gold" | cut -f1 | sort -u > "$tmp/corpora"
while read -r c; do
  grep -v '^#' "$gold" | awk -F'\t' -v c="$c" '$1 == c { printf "{\"id\": \"%s\",\n", $2 }' | sort -u > "$tmp/ids"
  grep -F -f "$tmp/ids" "$corpora/$c.jsonl" > "$tmp/$c.jsonl" || true
  "$DYAD" locate -q --gazetteer "$gaz" --stories "$tmp/$c.jsonl" >> "$tmp/found.tsv" ||
    { echo "dyad locate failed on $c"; exit 1; }
done < "$tmp/corpora"

awk -F'\t' -v cf="$COUNTRY_FLOOR" -v ef="$EXACT_FLOOR" '
  FNR == NR { if ($2 != "" && $2 != "start") { k = $1 SUBSEP $2; iso[k] = $6; gid[k] = $8; prec[k] = $9 }; next }
  /^#/ { next }
  {
    n++; k = $2 SUBSEP $3; ok_c = (k in iso) && iso[k] == $4
    nc += ok_c
    if ($5 == "?") { unknown++; if (!(k in iso)) miss++; else if (!ok_c) printf "country wrong: %s %s expected %s got %s\n", $2, $3, $4, iso[k]; next }
    ne++
    if ($5 == "country" || $5 == "admin1") ok_e = ok_c && prec[k] == $5; else ok_e = (k in gid) && gid[k] == $5
    nx += ok_e
    if (!(k in iso)) { miss++; printf "not found: %s %s (%s %s)\n", $2, $3, $4, $5 }
    else if (!ok_e) printf "wrong: %s %s expected %s %s got %s %s %s\n", $2, $3, $4, $5, iso[k], prec[k], gid[k]
  }
  END {
    printf "geo gold: %d mentions (%d not found by dyad)\n", n, miss
    printf "country accuracy: %.1f%% (%d/%d)\n", 100 * nc / n, nc, n
    printf "exact-place accuracy: %.1f%% (%d/%d; %d mentions of places not in the gazetteer left out)\n", 100 * nx / ne, nx, ne, unknown
    bad = 0
    if (nc / n < cf) { printf "FAIL: country accuracy below %.0f%%\n", 100 * cf; bad = 1 }
    if (nx / ne < ef) { printf "FAIL: exact-place accuracy below %.0f%%\n", 100 * ef; bad = 1 }
    exit bad
  }' "$tmp/found.tsv" "$gold"
