#!/usr/bin/env bash
# Runs one build's tests: every cmocka program in $BUILD/tests, then every
# end-to-end script in tests/e2e (exit 0 pass, 77 skip, anything else fail).
# Prints each failure's output and ends with "tests: N passed, N failed, N skipped".
set -u
BUILD=${BUILD:-build}
export DYAD_SHARED=${DYAD_SHARED:-$(cd "$(dirname "$0")/.." && pwd)/../shared}
export DYAD=$PWD/$BUILD/dyad
export DYAD_BUILD=$PWD/$BUILD
export DYAD_DATADIR=$PWD/data
[ -d "$DYAD_SHARED" ] || echo "note: $DYAD_SHARED not found: suites that need shared/ are skipped"

pass=0 fail=0 skip=0
failed_names=()
log=$(mktemp); trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  "$t" >"$log" 2>&1; rc=$?
  ok=$(grep -c '^\[       OK \]' "$log")
  # cmocka lists a skipped test twice (when run and in the summary)
  sk=$(grep '^\[  SKIPPED \]' "$log" | grep -v 'test(s)' | sort -u | wc -l)
  pass=$((pass + ok)); skip=$((skip + sk))
  if [ $rc -ne 0 ]; then
    n=$rc; [ $n -gt 100 ] && n=1
    fail=$((fail + n)); failed_names+=("$name")
    echo "---- $name failed (exit $rc):"; cat "$log"
  else
    grep '^\[  SKIPPED \]\|^note:' "$log" | grep -v 'test(s)' | sort -u | sed "s/^/$name: /"
  fi
done

for t in tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  bash "$t" >"$log" 2>&1; rc=$?
  case $rc in
    0) pass=$((pass + 1)) ;;
    77) skip=$((skip + 1)); echo "e2e $name skipped: $(tail -n 1 "$log")" ;;
    *) fail=$((fail + 1)); failed_names+=("e2e/$name"); echo "---- e2e $name failed (exit $rc):"; tail -n 60 "$log" ;;
  esac
done

[ ${#failed_names[@]} -eq 0 ] || echo "failed: ${failed_names[*]}"
echo "== $BUILD"
echo "tests: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
