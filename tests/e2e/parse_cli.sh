#!/usr/bin/env bash
# dyad parse end to end: raw text, JSON Lines stories and CoNLL-U in,
# well-formed CoNLL-U out (10 columns, ids counting from 1, heads inside the
# sentence, exactly one root per sentence); malformed CoNLL-U input is
# reported as file:line and skipped with exit status 1.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
model=${DYAD_PARSER_MODEL:-$src/models/en_ewt.dyp}
[ -f "$model" ] || { echo "no parser model at $model"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0

check_conllu() {   # file, expected sentence count
  awk -F'\t' -v want="$2" '
    /^#/ { next }
    /^$/ { if (n) { if (roots != 1) { print "sentence " s+1 ": " roots " roots"; bad=1 }
                    for (i = 1; i <= n; i++) if (h[i] > n) { print "sentence " s+1 ": head out of range"; bad=1 }
                    s++ } n = 0; roots = 0; next }
    { if (NF != 10) { print "line " NR ": " NF " columns"; bad=1 }
      n++; if ($1 != n) { print "line " NR ": id " $1 " expected " n; bad=1 }
      h[n] = $7; if ($7 == 0) { roots++; if ($8 != "root") { print "line " NR ": root labelled " $8; bad=1 } }
      else if ($8 == "root") { print "line " NR ": root label on a non-root"; bad=1 } }
    END { if (s != want) { print s " sentences, expected " want; bad=1 } exit bad }' "$1"
}

cat > "$tmp/news.txt" <<'TXT'
German Chancellor Angela Merkel urged Turkey on Tuesday to release the detained journalists. She said the
talks would continue in Berlin next week.

Police in Nairobi arrested 12 protesters after clashes near the parliament, officials said.
TXT
"$DYAD" parse --model "$model" "$tmp/news.txt" > "$tmp/out.conllu" 2> "$tmp/err" || { cat "$tmp/err"; echo "FAIL: parse of text"; fail=1; }
cat "$tmp/out.conllu"
check_conllu "$tmp/out.conllu" 3 || { echo "FAIL: malformed CoNLL-U from text"; fail=1; }
# The main clause of the first sentence: "urged" is the root and "Merkel" part of its subject.
awk -F'\t' '/^# sent_id/ { s++ } s == 1 && $2 == "urged" && $7 == 0 { ok = 1 } END { exit !ok }' "$tmp/out.conllu" \
  || { echo "FAIL: 'urged' is not the root of sentence 1"; fail=1; }

printf '%s\n' '{"id":"s1","date":"2020-01-02","text":"Iran rejected the proposal. Tehran will respond."}' \
  '{"id":"s2","date":"2020-01-03","text":"The United Nations called for calm."}' > "$tmp/stories.jsonl"
"$DYAD" parse --model "$model" "$tmp/stories.jsonl" > "$tmp/out2.conllu" 2> "$tmp/err" || { cat "$tmp/err"; echo "FAIL: parse of JSONL"; fail=1; }
check_conllu "$tmp/out2.conllu" 3 || { echo "FAIL: malformed CoNLL-U from JSONL"; fail=1; }
grep -q '^# sent_id = s2-1' "$tmp/out2.conllu" || { echo "FAIL: story ids not used as sentence ids"; fail=1; }

# --conllu: re-parse our own output; the words must come back unchanged.
"$DYAD" parse --model "$model" --conllu "$tmp/out.conllu" > "$tmp/out3.conllu" 2> "$tmp/err" || { cat "$tmp/err"; echo "FAIL: parse --conllu"; fail=1; }
check_conllu "$tmp/out3.conllu" 3 || { echo "FAIL: malformed CoNLL-U from --conllu"; fail=1; }
cmp <(grep -v '^#' "$tmp/out.conllu" | cut -f2) <(grep -v '^#' "$tmp/out3.conllu" | cut -f2) \
  || { echo "FAIL: --conllu changed the words"; fail=1; }

# A malformed sentence is reported with its line and skipped; the rest is parsed.
printf '1\tTalks\t_\t_\t_\t_\t2\t_\t_\t_\n2\tended\t_\t_\t_\t_\t0\t_\t_\t_\n\n1\tbroken line\n\n1\tPeace\t_\t_\t_\t_\t0\t_\t_\t_\n\n' > "$tmp/bad.conllu"
"$DYAD" parse --model "$model" --conllu "$tmp/bad.conllu" > "$tmp/out4.conllu" 2> "$tmp/err"; rc=$?
cat "$tmp/err"
[ $rc -eq 1 ] || { echo "FAIL: exit status $rc for skipped input, expected 1"; fail=1; }
grep -q "bad.conllu:4: " "$tmp/err" || { echo "FAIL: no file:line report for the bad sentence"; fail=1; }
check_conllu "$tmp/out4.conllu" 2 || { echo "FAIL: good sentences around the bad one not parsed"; fail=1; }

# A missing model is a clear fatal error.
"$DYAD" parse --model "$tmp/none.dyp" "$tmp/news.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "none.dyp" "$tmp/err" || { echo "FAIL: missing model: exit $rc"; cat "$tmp/err"; fail=1; }
exit $fail
