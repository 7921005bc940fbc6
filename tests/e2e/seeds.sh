#!/usr/bin/env bash
# The two seed stories in ../shared/samples/seeds, coded with the default
# dictionaries: Russia -> Japan consultation / negotiation / intent to
# cooperate, Japan -> Russia visit or meeting, no conflict between them, and
# no signing event from "have not signed".
set -u
seeds=$DYAD_SHARED/samples/seeds
[ -d "$seeds" ] || { echo "shared seeds not found at $seeds"; exit 77; }
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$DYAD" code "$seeds"/*.txt > "$out" || { echo "dyad code failed"; exit 1; }
cat "$out"
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
pairs=$(while IFS= read -r l; do
  printf '%s %s %s\n' "$(printf '%s' "$l" | field source_country)" \
    "$(printf '%s' "$l" | field target_country)" "$(printf '%s' "$l" | field code)"
done < "$out")
echo "== source_country target_country code"; echo "$pairs"
fail=0
echo "$pairs" | grep -Eq '^RUS JPN 0(3|4)' || { echo "FAIL: no Russia -> Japan 03x/04x event"; fail=1; }
echo "$pairs" | grep -Eq '^JPN RUS 0(36|4[0-6])' || { echo "FAIL: no Japan -> Russia visit/meeting event"; fail=1; }
if echo "$pairs" | grep -Eq '^(RUS JPN|JPN RUS) (09|1[0-9]|20)'; then echo "FAIL: conflict code between Russia and Japan"; fail=1; fi
if echo "$pairs" | grep -Eq '^(RUS JPN|JPN RUS) 057'; then echo "FAIL: signing event coded"; fail=1; fi
exit $fail
