#!/usr/bin/env bash
# The shipped parser model's scores on UD English-EWT test (gold tokenisation)
# must not fall below floors set just under the measured values
# (models/README.md), so a regression in the tagger, parser or model fails CI.
set -u
gold=${DYAD_SHARED:-../shared}/ud/en_ewt/en_ewt-ud-test.conllu
[ -f "$gold" ] || { echo "UD English-EWT not found at $gold"; exit 77; }
src=$(cd "$(dirname "$0")/../.." && pwd)
model=${DYAD_PARSER_MODEL:-$src/models/en_ewt.dyp}
[ -f "$model" ] || { echo "FAIL: no parser model at $model (run make model)"; exit 1; }

# Floors: measured UPOS 95.26 XPOS 94.66 UAS 85.24 LAS 81.81 (models/README.md).
UPOS_MIN=95.1 XPOS_MIN=94.5 UAS_MIN=85.0 LAS_MIN=81.6

out=$("$DYAD" eval-parse --model "$model" "$gold" 2>&1) || { echo "$out"; echo "FAIL: eval-parse failed"; exit 1; }
echo "$out"
score() { printf '%s\n' "$out" | sed -n "s/.* $1 \([0-9.]*\).*/\1/p" | head -n 1; }
fail=0
for pair in "UPOS $UPOS_MIN" "XPOS $XPOS_MIN" "UAS $UAS_MIN" "LAS $LAS_MIN"; do
  set -- $pair
  v=$(score "$1")
  [ -n "$v" ] || { echo "FAIL: no $1 score in the output"; fail=1; continue; }
  if awk -v v="$v" -v m="$2" 'BEGIN { exit !(v < m) }'; then
    echo "FAIL: $1 $v is below the floor $2"; fail=1
  else
    echo "ok: $1 $v >= $2"
  fi
done
exit $fail
