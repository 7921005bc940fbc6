#!/usr/bin/env bash
# make dict-check: validates every default dictionary in data/dictionaries.
#  - each file loads with no malformed line (dyad's own loader reports them);
#  - actors: scripts/check-actors.sh (duplicates, codes, dates, overlapping
#    offices);
#  - verbs: every event code is a CAMEO code (data/cameo/cameo.tsv) or "---";
#    no pattern is written twice within one verb family;
#  - agents: no phrase is written twice; codes have the "~" connector;
# and prints counts per file.  Exit 1 on any problem.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
dyad=${DYAD:-$root/build/dyad}
dir=${DICT_DIR:-$root/data/dictionaries}
[ -x "$dyad" ] || { echo "dict-check: $dyad not built"; exit 2; }
fail=0
printf '%-24s %8s %8s  %s\n' file lines entries "what"
for f in "$dir"/*; do
  name=$(basename "$f")
  case $name in
    *.actors) kind=--actors ;; *.agents) kind=--agents ;; *.verbs) kind=--verbs ;;
    *.discards) kind=--discards ;; *.issues) kind=--issues ;; *) continue ;;
  esac
  err=$("$dyad" code --no-default-dictionaries "$kind" "$f" --date 2020-01-01 < /dev/null 2>&1 >/dev/null)
  bad=$(printf '%s\n' "$err" | grep -c "^dyad: $f:[0-9]*:")
  if [ "$bad" -ne 0 ]; then printf '%s\n' "$err" | grep "^dyad: $f:" | head -20; fail=1; fi
  case $kind in
    --actors) what="$(grep -c '^[A-Z0-9]' "$f") phrases, $(grep -c '^+' "$f") synonyms, $(grep -c '^[[:space:]]*\[.*[0-9]\{8\}' "$f") dated codes" ;;
    --verbs) what="$(grep -c '^- ' "$f") patterns, $(grep -c '^---' "$f") families, $(grep -c '^&' "$f") synsets" ;;
    --agents) what="$(grep -c '\[.*~.*\]' "$f") agent phrases" ;;
    --discards) what="$(grep -c '^+' "$f") story-level, $(grep -c '^[A-Z0-9]' "$f") sentence-level" ;;
    --issues) what="$(grep -c '<ISSUE' "$f") topics" ;;
  esac
  printf '%-24s %8s %8s  %s\n' "$name" "$(wc -l < "$f")" "$((bad == 0))" "$what" | sed 's/ 1  / ok /; s/ 0  / BAD /'
done

# Actors: duplicates, codes, dates and overlapping offices.
if ls "$dir"/*.actors >/dev/null 2>&1; then
  bash "$root/scripts/check-actors.sh" "$dir"/*.actors > /tmp/dict-check.$$ 2>&1 || { cat /tmp/dict-check.$$; fail=1; }
  tail -n 1 /tmp/dict-check.$$; rm -f /tmp/dict-check.$$
fi

# Verbs: codes exist in CAMEO; no repeated pattern within a family.
awk -F'\t' 'NR == FNR { if ($1 !~ /^#/) ok[$1] = 1; next }
  /^---/ { fam = $0 }
  /^[-A-Z&+{]/ && /\[[^]]*\]/ {
    s = $0; sub(/#.*/, "", s)
    while (match(s, /\[[^]]*\]/)) {
      c = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
      n = split(c, part, ":")
      for (i = 1; i <= n; i++) { p = part[i]; gsub(/[ !?]/, "", p)
        if (p != "" && p != "---" && !(p in ok)) { printf "%s:%d: %s is not a CAMEO code\n", FILENAME, FNR, p; bad = 1 } }
    }
  }
  /^- / { key = fam "|" $0; sub(/#.*/, "", key); gsub(/[ \t]+/, " ", key)
          if (key in seen) { printf "%s:%d: pattern repeated (first at line %d)\n", FILENAME, FNR, seen[key]; bad = 1 }
          else seen[key] = FNR }
  END { exit bad }' "$root/data/cameo/cameo.tsv" "$dir"/*.verbs || fail=1

# Agents: no phrase twice, every code has "~".
awk '/^[A-Z!]/ { p = $1; sub(/#.*/, "", $0)
       if (p in seen) { printf "%s:%d: agent %s repeated (first at line %d)\n", FILENAME, FNR, p, seen[p]; bad = 1 } else seen[p] = FNR
       if (match($0, /\[[^]]*\]/)) { c = substr($0, RSTART, RLENGTH); if (c !~ /~/ && c != "[---]") { printf "%s:%d: agent code %s has no ~\n", FILENAME, FNR, c; bad = 1 } } }
     END { exit bad }' "$dir"/*.agents || fail=1

[ $fail -eq 0 ] && echo "dict-check: all default dictionaries are valid" || echo "dict-check: problems found"
exit $fail
