#!/usr/bin/env bash
# dyad validate on the field's two suites, from $DYAD_SHARED: TABARI's
# Validate.text and PETRARCH's unit-test records, each with its own
# dictionaries.  The floors sit just under the current pass counts (see
# docs/validation.md) and are raised as the coder improves, so a regression
# fails CI.  Also checks the JUnit report, --min-pass and bad input.
set -u
FLOOR_TABARI=456      # 2026-11-23: 459 of 467 checked pass (docs/validation.md)
FLOOR_PETRARCH=257    # 2026-11-23: 260 of 279 checked pass

SHARED=${DYAD_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}
DYAD=${DYAD:-$(cd "$(dirname "$0")/../.." && pwd)/build/dyad}
TAB=$SHARED/ref/tabari/Validate.text
PET=$SHARED/ref/petrarch2/PETR.UnitTest.records.xml
if [ ! -f "$TAB" ] || [ ! -f "$PET" ]; then
  echo "note: $SHARED/ref (TABARI and PETRARCH suites) not found: skipped"
  exit 77
fi
[ -x "$DYAD" ] || { echo "no dyad binary at $DYAD"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi; }

"$DYAD" validate -q --junit "$tmp/tabari.xml" --min-pass $FLOOR_TABARI "$TAB" >"$tmp/tabari.out" 2>"$tmp/tabari.err"
rc=$?
tail -n 1 "$tmp/tabari.out"
check "TABARI suite passes at least $FLOOR_TABARI records (exit $rc)" '[ $rc -eq 0 ]'
check "TABARI run stops at FINAL-01" 'grep -q "run stops at FINAL-01" "$tmp/tabari.out"'
check "TABARI suite uses its own dictionaries" 'grep -q "TABARI.Demo.verbs" "$tmp/tabari.err"'
check "TABARI JUnit report has one testcase per record" \
  '[ "$(grep -c "<testcase " "$tmp/tabari.xml")" -eq 481 ] && grep -q "</testsuites>" "$tmp/tabari.xml"'

"$DYAD" validate -q --junit "$tmp/petr.xml" --min-pass $FLOOR_PETRARCH "$PET" >"$tmp/petr.out" 2>"$tmp/petr.err"
rc=$?
tail -n 1 "$tmp/petr.out"
check "PETRARCH suite passes at least $FLOOR_PETRARCH records (exit $rc)" '[ $rc -eq 0 ]'
check "PETRARCH: categories not included are skipped (AGENTS 2, COMPOUNDx 1)" \
  'grep -Eq "^AGENTS +0 +0 +2$" "$tmp/petr.out" && grep -Eq "^COMPOUNDx +0 +0 +1$" "$tmp/petr.out"'
check "PETRARCH JUnit report has 284 testcases" '[ "$(grep -c "<testcase " "$tmp/petr.xml")" -eq 284 ]'

# A floor above the pass count must fail the run with exit 1.
"$DYAD" validate -q --min-pass 100000 "$PET" >/dev/null 2>"$tmp/floor.err"
rc=$?
check "--min-pass above the count exits 1 (got $rc)" '[ $rc -eq 1 ] && grep -q "fewer than --min-pass" "$tmp/floor.err"'

# --only with --explain traces the one record.
"$DYAD" validate -q --explain --only DEMO-01 "$PET" >"$tmp/one.out" 2>"$tmp/one.err"
check "--only runs one record" 'grep -Eq "^petrarch: 1 passed of 1 checked|^petrarch: 0 passed of 1 checked" "$tmp/one.out"'

# Not a suite, and a missing file: clear message, exit 2.
printf 'date 2019-01-01\nJust a story.\n' >"$tmp/story.txt"
"$DYAD" validate "$tmp/story.txt" >/dev/null 2>"$tmp/bad.err"; rc=$?
check "a non-suite file is refused with exit 2" '[ $rc -eq 2 ] && grep -q "neither a TABARI" "$tmp/bad.err"'
"$DYAD" validate "$tmp/missing.text" >/dev/null 2>"$tmp/miss.err"; rc=$?
check "a missing file is refused with exit 2" '[ $rc -eq 2 ] && grep -q "cannot read" "$tmp/miss.err"'
# A suite whose dictionaries are not beside it: named in the message.
printf '<Validation><Environment><Verbfile>Nowhere.verbs.txt</Verbfile></Environment><Sentences>\n<Sentence date="19950101" id="X-01" category="X"><EventCoding noevents="True"/><Text>Nothing.</Text></Sentence></Sentences></Validation>\n' >"$tmp/records.xml"
"$DYAD" validate "$tmp/records.xml" >/dev/null 2>"$tmp/nodict.err"; rc=$?
check "missing suite dictionaries are named (exit $rc)" '[ $rc -eq 2 ] && grep -q "Nowhere.verbs.txt" "$tmp/nodict.err"'

exit $fail
