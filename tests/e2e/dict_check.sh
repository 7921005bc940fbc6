#!/usr/bin/env bash
# The default dictionaries pass make dict-check (scripts/dict-check.sh), and
# the checker does catch a broken file.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "${DYAD:-}" ] || { echo "dyad not built"; exit 77; }
bash "$root/scripts/dict-check.sh" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/bad.verbs" <<'V'
--- MEET [040] ---
MEET_ [040]
- * WITH_ + [9999]
- * WITH_ + [9999]
- * TALKS [040
V
if DICT_DIR=$tmp bash "$root/scripts/dict-check.sh" > "$tmp/out" 2>&1; then
  echo "FAIL: a broken verbs file passed"; cat "$tmp/out"; exit 1
fi
grep -q '9999 is not a CAMEO code' "$tmp/out" || { echo "FAIL: unknown code not reported"; cat "$tmp/out"; exit 1; }
grep -q 'pattern repeated' "$tmp/out" || { echo "FAIL: repeated pattern not reported"; exit 1; }
grep -q 'bad.verbs:5:' "$tmp/out" || { echo "FAIL: malformed line not reported"; cat "$tmp/out"; exit 1; }
echo "dict-check: ok"
