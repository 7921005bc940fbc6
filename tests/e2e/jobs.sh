#!/usr/bin/env bash
# jobs.sh — `dyad code -j N` and `dyad ingest -j N` give the same result for
# any N: the same events in the same (input) order, the same warnings on
# stderr in the same order, the same summary counts, the same exit code, and
# for ingest the same database rows.
#
# The input is news-like stories made up for this test, several hundred of
# them (so the pipeline's ring of stories wraps around many times) and of very
# different lengths (so workers finish out of order), mixed with bad input:
# a malformed JSON line, a story with an invalid date, one with no date, one
# with invalid UTF-8, and plain story files in a folder.  When ../shared is
# there, a slice of the benchmark corpus is compared too.
# Env: DYAD = the dyad binary, DYAD_SHARED = the shared reference data.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
DYAD=${DYAD:-$here/build/dyad}
export DYAD_DATADIR=${DYAD_DATADIR:-$here/data}
SHARED=${DYAD_SHARED:-$here/../shared}
[ -x "$DYAD" ] || { echo "FAIL: dyad not built at $DYAD"; exit 1; }
case $DYAD in /*) ;; *) DYAD=$PWD/$DYAD ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# ---- input
sentences=(
  "Russian Foreign Minister Sergey Lavrov held talks with his Japanese counterpart in Moscow on Thursday."
  "China accused the United States of interfering in its internal affairs."
  "Iranian officials said Iran would not negotiate with Washington under pressure."
  "The European Union imposed new sanctions on Russia over the conflict in Ukraine."
  "Pakistani troops clashed with Indian forces along the border in Kashmir, officials said."
  "President Emmanuel Macron of France praised Germany for its support of the agreement."
  "Turkey threatened to expel the ambassador of the Netherlands after the protests."
  "North Korea fired two missiles into the sea, South Korean military officials said."
  "Egypt and Israel signed an agreement on gas exports on Sunday."
  "The United Nations called on Syria to allow aid convoys into the besieged towns."
  "Police in Nigeria arrested dozens of protesters in Lagos on Monday."
  "Japan and South Korea agreed to resume talks on trade next month."
)
ns=${#sentences[@]}
{
  for i in $(seq 1 420); do
    # 1 to 40 sentences: long stories take many times longer to code than short ones
    n=$(( (i * 7) % 13 + 1 )); [ $((i % 50)) -eq 0 ] && n=40
    text=""
    for k in $(seq 1 $n); do text="$text${sentences[$(( (i + k * 5) % ns ))]} "; done
    printf '{"id":"s%03d","date":"2019-%02d-%02d","title":"Story %d","text":"%s"}\n' \
      "$i" $(( i % 12 + 1 )) $(( i % 28 + 1 )) "$i" "$text"
    case $i in
      37)  echo '{"id":"broken","date":"2019-05-05","text":"Russia criticized Japan' ;;
      101) printf '{"id":"bad-date","date":"2019-13-45","text":"%s"}\n' "${sentences[0]}" ;;
      202) printf '{"id":"no-date","text":"%s"}\n' "${sentences[1]}" ;;
      303) printf '{"id":"latin1","date":"2019-06-01","text":"Caf\xe9 owners in Paris: %s"}\n' "${sentences[5]}" ;;
    esac
  done
} > stories.jsonl
mkdir plain
for i in 1 2 3; do
  printf 'date 2019-11-2%d\n\nMOSCOW, November 2%d. /TASS/. %s %s\n' "$i" "$i" \
    "${sentences[$i]}" "${sentences[$((i + 3))]}" > "plain/wire$i.txt"
done

# ---- dyad code: -j 1, 2, 3 and 8, JSON Lines and TSV
for fmt in jsonl tsv; do
  for j in 1 2 3 8; do
    "$DYAD" code --format "$fmt" -j "$j" stories.jsonl plain > "code.$fmt.$j" 2> "err.$fmt.$j"
    echo $? > "rc.$fmt.$j"
  done
  for j in 2 3 8; do
    cmp -s "code.$fmt.1" "code.$fmt.$j" || bad "code --format $fmt: -j $j output differs from -j 1"
    cmp -s "err.$fmt.1" "err.$fmt.$j" || { bad "code --format $fmt: -j $j stderr differs from -j 1";
      diff "err.$fmt.1" "err.$fmt.$j" | head -n 10; }
    cmp -s "rc.$fmt.1" "rc.$fmt.$j" || bad "code --format $fmt: -j $j exit $(cat "rc.$fmt.$j"), -j 1 $(cat "rc.$fmt.1")"
  done
done
summary=$(tail -n 1 err.jsonl.1)
echo "code: $summary"
[ "$(cat rc.jsonl.1)" = 1 ] || bad "exit $(cat rc.jsonl.1), expected 1 (input skipped)"
for c in 'bad-json 1' 'bad-date 1' 'no-date 1' 'repaired 1' '427 stories read' '424 coded'; do
  echo "$summary" | grep -q "$c" || bad "summary lacks '$c': $summary"
done
events=$(wc -l < code.jsonl.1)
[ "$events" -ge 400 ] || bad "only $events events from 424 coded stories"
grep -q 'stories.jsonl:38: malformed JSON' err.jsonl.1 || bad "no file:line message for the malformed line"
# events come out in input order: story ids never go backwards
ids=$(grep -o '"story_id":"s[0-9]*"' code.jsonl.1 | cut -d'"' -f4)
[ "$ids" = "$(echo "$ids" | sort -s)" ] || bad "events are not in input order"
# -o FILE is the same as stdout
"$DYAD" code -q -j 3 -o out.3 stories.jsonl plain 2>/dev/null
cmp -s out.3 code.jsonl.1 || bad "code -j 3 -o FILE differs from stdout"

# ---- dyad ingest: the same rows for -j 1, 2 and 3
rows() {
  "$DYAD" query --db "$1" --format csv sql \
    "SELECT id, date, source, dateline_place, title, url, file, line, n_sentences, n_events FROM stories ORDER BY rowid" &&
  "$DYAD" query --db "$1" --format csv sql "SELECT * FROM sentences ORDER BY rowid" &&
  "$DYAD" query --db "$1" --format csv sql "SELECT * FROM events ORDER BY id"
}
for j in 1 2 3; do
  "$DYAD" ingest --db "ing$j.db" --batch 50 -j "$j" stories.jsonl plain 2> "ierr.$j"
  echo $? > "irc.$j"
  rows "ing$j.db" > "rows.$j" || bad "cannot read ing$j.db"
  # the summary ends with the time taken: compare what comes before it
  sed 's/ in [0-9.]*s ([0-9]* events\/s)//' "ierr.$j" > "ierr.$j.cmp"
done
for j in 2 3; do
  cmp -s rows.1 "rows.$j" || { bad "ingest -j $j stored different rows than -j 1"; diff rows.1 "rows.$j" | head -n 6; }
  cmp -s ierr.1.cmp "ierr.$j.cmp" || { bad "ingest -j $j stderr differs from -j 1"; diff ierr.1.cmp "ierr.$j.cmp" | head; }
  cmp -s irc.1 "irc.$j" || bad "ingest -j $j exit $(cat "irc.$j"), -j 1 $(cat irc.1)"
done
echo "ingest: $(tail -n 1 ierr.1)"
stored=$("$DYAD" query --db ing1.db --format csv sql "SELECT COUNT(*) FROM stories" | tail -n 1)
nev=$("$DYAD" query --db ing1.db --format csv sql "SELECT COUNT(*) FROM events" | tail -n 1)
[ "$stored" = 424 ] || bad "ingest stored $stored stories, expected 424"
[ "$nev" = "$events" ] || bad "ingest stored $nev events, code wrote $events"

# ---- usage
"$DYAD" code -j 0 stories.jsonl > /dev/null 2> err; [ $? -eq 2 ] || bad "code -j 0 not refused"
"$DYAD" ingest --db x.db -j 65 stories.jsonl 2> err; [ $? -eq 2 ] || bad "ingest -j 65 not refused"
grep -q -- '-j' err || bad "ingest -j 65: message does not name -j"
if [ -w /dev/full ]; then
  "$DYAD" code -q -j 2 -o /dev/full stories.jsonl 2> err; rc=$?
  [ $rc -eq 2 ] || bad "code -j 2 -o /dev/full exit $rc, expected 2"
fi

# ---- real news, when the shared corpora are there
if [ -f "$SHARED/corpora/bench_world_news.jsonl" ]; then
  head -n 500 "$SHARED/corpora/bench_world_news.jsonl" > news.jsonl
  for j in 1 3; do "$DYAD" code --date 2020-01-01 -j "$j" news.jsonl > "news.$j" 2> "nerr.$j"; done
  cmp -s news.1 news.3 || bad "bench_world_news (500 stories): -j 3 output differs from -j 1"
  cmp -s nerr.1 nerr.3 || bad "bench_world_news (500 stories): -j 3 stderr differs from -j 1"
  echo "news: $(tail -n 1 nerr.1)"
else
  echo "note: $SHARED/corpora not found: real-news comparison skipped"
fi

[ $fails -eq 0 ] || { echo "jobs: $fails failure(s)"; exit 1; }
echo "jobs: -j 1/2/3/8 identical"
