#!/usr/bin/env bash
# bad_input.sh — the bad-input catalogue (issue 8): every kind of bad input
# `dyad code` must survive, each a case that checks
#   - the exit code (0 ok, 1 some input skipped, 2 usage or fatal error),
#   - that stderr names the file (and line or story) and the reason,
#   - that the good stories around the bad one are still coded (events),
#   - that the final summary line counts what was skipped.
# Then bounded memory: a 10 MB single-line story, and 2,000 vs 20,000 stories
# (peak RSS under a bound, and not growing with the number of stories).
#
# Stories and dictionaries are written here (news-like sentences made up for
# this test) and coded with --no-default-dictionaries, so the catalogue does
# not move when the default dictionaries grow.  Env: DYAD = the dyad binary.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
DYAD=${DYAD:-$here/build/dyad}
export DYAD_DATADIR=${DYAD_DATADIR:-$here/data}
[ -x "$DYAD" ] || { echo "FAIL: dyad not built at $DYAD"; exit 1; }
case $DYAD in /*) ;; *) DYAD=$PWD/$DYAD ;; esac
# Memory bounds are over a baseline run (one small story): what dyad needs to
# start (CAMEO table, gazetteer, model) is not what a story costs.
RSS_STORY_KB=${RSS_STORY_KB:-102400}       # 100 MB for any one story or any run

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# A sanitizer build spends memory and time of its own: memory is measured
# only in a normal build.
sanitized=0
grep -qa '__asan_init' "$DYAD" && sanitized=1

cat > t.actors <<'EOF'
# Test actors written for bad_input.sh.
RUSSIA_ [RUS]
+RUSSIAN_
+MOSCOW_
JAPAN_ [JPN]
+JAPANESE_
+TOKYO_
CHINA_ [CHN]
+CHINESE_
+BEIJING_
EOF
cat > t.verbs <<'EOF'
# Test verbs written for bad_input.sh.
--- CRITICIZE [111] ---
CRITICIZE_ [111]
{CRITICIZED_ CRITICIZES_}
--- PRAISE [051] ---
PRAISE_ [051]
{PRAISED_}
EOF
DICT=(--no-default-dictionaries --actors t.actors --verbs t.verbs)

printf 'date 2019-11-22\nRussia criticized Japan on Tuesday over the disputed islands.\n' > good1.txt
printf 'date 2019-11-23\n\nBEIJING (Reuters) - China praised Russia on Wednesday for its role in the talks.\n' > good2.txt
RSS_BOUND_KB=0
if [ $sanitized -eq 0 ]; then
  /usr/bin/time -f '%M' -o rss0 "$DYAD" code "${DICT[@]}" good1.txt > /dev/null 2>&1
  base=$(tail -n 1 rss0)
  RSS_BOUND_KB=$((base + RSS_STORY_KB))
  echo "baseline peak RSS $base KB; bound $RSS_BOUND_KB KB"
fi

fails=0 cases=0
current=""
failed_case=0
begin() { current=$1; cases=$((cases + 1)); failed_case=0; echo "== $1"; }
bad() {
  echo "FAIL [$current]: $*"
  if [ $failed_case -eq 0 ]; then echo "---- stderr:"; head -c 3000 err; echo "----"; fi
  failed_case=1; fails=$((fails + 1))
}
# code ARGS...: runs dyad code with the test dictionaries; out, err, rc.
code() { "$DYAD" code "${DICT[@]}" "$@" > out 2> err; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || bad "exit code $rc, expected $1"; }
expect_err() { grep -Eq -- "$1" err || bad "stderr lacks /$1/"; }
summary() { grep -E '^dyad: [0-9]+ stories read' err | tail -n 1; }
expect_summary() { summary | grep -Eq -- "$1" || bad "summary '$(summary)' lacks /$1/"; }
expect_events() { local n; n=$(wc -l < out); [ "$n" -eq "$1" ] || bad "$n events, expected $1"; }
expect_story() { grep -q "\"story_id\":\"$1\"" out || bad "no event from story $1"; }
good_coded() { expect_story good1; expect_story good2; }

# ---------------------------------------------------------------- inputs
begin "empty file"
: > empty.txt
printf '\n   \n\t\n' > blank.txt
code good1.txt empty.txt blank.txt good2.txt
expect_rc 1
expect_err 'empty\.txt: .*empty'
expect_err 'blank\.txt: .*empty'
good_coded; expect_events 2
expect_summary '4 stories read, 2 coded, 0 discarded, 2 skipped \(empty 2\)'

begin "binary file"
head -c 65536 "$DYAD" > prog.bin        # an ELF executable: NUL bytes from the first line
printf 'date 2019-11-22\nRussia criticized\0 Japan.\n' > nul.txt
code good1.txt prog.bin nul.txt good2.txt
expect_rc 1
expect_err 'prog\.bin:[0-9]+: .*(NUL|binary)'
expect_err 'nul\.txt:[0-9]+: .*(NUL|binary)'
good_coded; expect_events 2
expect_summary '2 coded, 0 discarded, 2 skipped \(binary 2\)'

begin "invalid UTF-8"
# stray continuation byte, truncated sequence, overlong '/', 0xFF, a control character
printf 'date 2019-11-24\nRussia \x80criticized \xe2\x80 China \xc0\xaf and \xff Japan\x01 on Monday.\n' > utf8.txt
printf '{"id":"u2","date":"2019-11-24","text":"China praised \xfe Japan."}\n' > utf8.jsonl
code good1.txt utf8.txt utf8.jsonl good2.txt
expect_rc 0
expect_err 'utf8\.txt:1: story utf8: [0-9]+ invalid byte'
expect_err 'utf8\.jsonl:1: story u2: [0-9]+ invalid byte'
good_coded; expect_story utf8; expect_story u2
expect_summary '4 stories read, 4 coded, 0 discarded, 0 skipped \(repaired 2\)'
if command -v iconv > /dev/null; then
  iconv -f UTF-8 -t UTF-8 out > /dev/null 2>&1 || bad "output is not valid UTF-8"
fi
grep -q $'\xef\xbf\xbd' out || bad "invalid bytes not shown as U+FFFD in the output"

begin "10 MB single line (plain story)"
awk 'BEGIN { s = "Russia criticized Japan on Tuesday. "; printf "date 2019-11-22\n";
             for (n = 0; n < 10485760; n += length(s)) printf "%s", s; printf "\n" }' > huge.txt
if [ $sanitized -eq 0 ]; then
  /usr/bin/time -f '%M' -o rss "$DYAD" code "${DICT[@]}" good1.txt huge.txt good2.txt > out 2> err; rc=$?
else
  code good1.txt huge.txt good2.txt; echo 0 > rss
fi
expect_rc 0
expect_err 'huge\.txt:1: .*(longer than|cut|truncat)'
good_coded; expect_story huge
expect_summary '3 stories read, 3 coded, 0 discarded, 0 skipped \(truncated 1\)'
if [ $sanitized -eq 0 ]; then
  kb=$(tail -n 1 rss); echo "peak RSS, 10 MB story: $kb KB"
  [ "$kb" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $kb KB on a 10 MB story (bound $RSS_BOUND_KB KB)"
fi

begin "10 MB single line (JSON Lines)"
{ printf '{"id":"h1","date":"2019-11-22","text":"'
  awk 'BEGIN { s = "Russia criticized Japan on Tuesday. "; for (n = 0; n < 10485760; n += length(s)) printf "%s", s }'
  printf '"}\n{"id":"h2","date":"2019-11-22","text":"China praised Japan."}\n'; } > huge.jsonl
code good1.txt huge.jsonl good2.txt
expect_rc 1
expect_err 'huge\.jsonl:1: .*longer than'
good_coded; expect_story h2
expect_summary '4 stories read, 3 coded, 0 discarded, 1 skipped \(too-long 1\)'

begin "story with no date"
printf 'Russia criticized Japan again on Thursday.\n' > nodate.txt
printf 'date 2019-02-30\nChina praised Japan.\n' > baddate.txt
printf '{"id":"nd","text":"China criticized Russia."}\n' > nodate.jsonl
code good1.txt nodate.txt baddate.txt nodate.jsonl good2.txt
expect_rc 1
expect_err 'nodate\.txt:1: story nodate has no date'
expect_err 'nodate\.jsonl:1: story nd has no date'
expect_err "baddate\\.txt:1: story baddate .*date '2019-02-30'"
good_coded; expect_events 2
expect_summary '5 stories read, 2 coded, 0 discarded, 3 skipped \(.*no-date 2.*\)'
expect_summary 'bad-date 1'
code --date 2019-11-25 nodate.txt good1.txt
expect_rc 0
expect_story nodate
grep -q '"story_id":"nodate".*"date":"2019-11-25"' out || bad "--date not used for the undated story"

begin "malformed JSON lines"
cat > mal.jsonl <<'EOF'
{"id":"j1","date":"2019-11-22","text":"Russia criticized Japan."}
{"id":"j2","date":"2019-11-22","text":"the line ends before the string does
{"id":"j3","date":"2019-11-22","text":"China praised Japan."}
[1, 2, 3]
{"id":"j5","date":"2019-11-22"}
{"id":"j6","date":"2019-11-22","text":42}
{"id":"j7","date":"2019-11-22","text":"Japan criticized China."} trailing garbage

{"id":"j9","date":"2019-11-22","text":"Japan praised Russia."}
EOF
code mal.jsonl
expect_rc 1
expect_err 'mal\.jsonl:2: .*(malformed|JSON)'
expect_err 'mal\.jsonl:4: .*(not a JSON object|JSON)'
expect_err 'mal\.jsonl:5: .*text'
expect_err 'mal\.jsonl:6: .*text'
expect_err 'mal\.jsonl:7: .*(malformed|JSON)'
expect_story j1; expect_story j3; expect_story j9; expect_events 3
expect_summary '3 coded, 0 discarded, 5 skipped \(bad-json 3, no-text 2\)'

begin "dictionary with unbalanced brackets"
cat > unbal.actors <<'EOF'
RUSSIA_ [RUS
+RUSSIAN_
JAPAN_ {JAPANESE_PEOPLE_ [JPN]
CHINA_ [CHN]
+CHINESE_
EOF
cat > unbal.verbs <<'EOF'
--- CRITICIZE [111 ---
CRITICIZE_ [111]
{CRITICIZED_ CRITICIZES_
- * + [111
PRAISE_ [051]
{PRAISED_}
EOF
"$DYAD" code --no-default-dictionaries --actors t.actors --actors unbal.actors \
    --verbs t.verbs --verbs unbal.verbs good1.txt good2.txt > out 2> err; rc=$?
expect_err 'unbal\.actors:1: .*\]'
expect_err 'unbal\.verbs:[0-9]+: .*(\]|\})'
good_coded; expect_events 2
# a skipped dictionary line is skipped input: counted and exit 1
expect_summary 'dictionar'
expect_rc 1

begin "dictionary with bad dates"
cat > dates.actors <<'EOF'
VLADIMIR_PUTIN_
+PUTIN_
	[RUSGOV 20001301-20080507]
	[RUSGOV >2012-05-07]
	[RUSELI 2008050-]
	[RUSGOV >20120507]
EOF
printf 'date 2019-11-22\nPutin criticized Japan on Tuesday.\n' > putin.txt
"$DYAD" code --no-default-dictionaries --actors t.actors --actors dates.actors --verbs t.verbs \
    good1.txt putin.txt good2.txt > out 2> err; rc=$?
expect_err 'dates\.actors:3: .*date'
expect_err 'dates\.actors:4: .*date'
expect_err 'dates\.actors:5: .*date'
good_coded
grep -q '"story_id":"putin".*"source":"RUSGOV"' out || bad "the valid date restriction of the same entry was lost"
expect_summary 'dictionar'
expect_rc 1

begin "duplicate story ids"
cat > dup.jsonl <<'EOF'
{"id":"d1","date":"2019-11-22","text":"Russia criticized Japan."}
{"id":"d1","date":"2019-11-22","text":"China praised Japan."}
EOF
mkdir -p a b
cp good1.txt a/same.txt; cp good2.txt b/same.txt
code dup.jsonl a b
expect_rc 0
expect_err 'dup\.jsonl:2: .*"d1".*seen before'
expect_err 'b/same\.txt:1: .*"same".*seen before'
expect_events 4
expect_summary '4 stories read, 4 coded, 0 discarded, 0 skipped \(duplicate-id 2\)'

begin "unreadable paths"
code good1.txt "$tmp/no/such/story.txt" good2.txt
expect_rc 1
expect_err 'no/such/story\.txt: .*No such file'
good_coded; expect_events 2
expect_summary '3 stories read, 2 coded, 0 discarded, 1 skipped \(unreadable 1\)'
if [ "$(id -u)" -ne 0 ]; then
  cp good1.txt locked.txt; chmod 000 locked.txt
  code locked.txt good2.txt
  expect_rc 1
  expect_err 'locked\.txt: .*Permission denied'
  expect_story good2
  chmod 644 locked.txt
else
  echo "note: running as root, a mode-000 file is readable: permission case not run"
fi
"$DYAD" code --no-default-dictionaries --actors "$tmp/no/such.actors" good1.txt > out 2> err; rc=$?
expect_rc 2
expect_err 'no/such\.actors.*No such file'
code -o "$tmp/no/such/dir/out.jsonl" good1.txt
expect_rc 2
expect_err 'no/such/dir/out\.jsonl'

begin "full disk on output (/dev/full)"
if [ -w /dev/full ]; then
  "$DYAD" code "${DICT[@]}" good1.txt good2.txt > /dev/full 2> err; rc=$?
  expect_rc 2
  expect_err '(stdout|standard output).*No space left'
  code -o /dev/full good1.txt good2.txt
  expect_rc 2
  expect_err '/dev/full.*No space left'
  # many stories: stops at the first failed write instead of coding on
  awk 'BEGIN { for (i = 0; i < 3000; i++)
    printf "{\"id\":\"f%d\",\"date\":\"2019-11-22\",\"text\":\"Russia criticized Japan.\"}\n", i }' > many.jsonl
  "$DYAD" code "${DICT[@]}" many.jsonl > /dev/full 2> err; rc=$?
  expect_rc 2
  expect_err 'No space left'
else
  echo "note: /dev/full not writable here: case not run"
fi

begin "usage errors"
code --format xml good1.txt;        expect_rc 2; expect_err 'format'
code --no-such-option good1.txt;    expect_rc 2; expect_err 'no-such-option'
code --date 2019-13-45 good1.txt;   expect_rc 2; expect_err '2019-13-45'
code -j 0 good1.txt;                expect_rc 2; expect_err '\-j'

begin "everything at once: the summary counts every skip"
code good1.txt empty.txt prog.bin nodate.txt baddate.txt mal.jsonl huge.jsonl \
     "$tmp/no/such/story.txt" dup.jsonl utf8.txt good2.txt
expect_rc 1
good_coded
# skipped: empty 1, binary 1, no-date 1, bad-date 1, bad-json 3, no-text 2, too-long 1, unreadable 1
expect_summary ' 11 skipped \('
for c in 'empty 1' 'binary 1' 'no-date 1' 'bad-date 1' 'bad-json 3' 'no-text 2' 'too-long 1' \
         'unreadable 1' 'repaired 1' 'duplicate-id 1'; do
  expect_summary "$c"
done

# ---------------------------------------------------------------- memory
begin "memory does not grow with the number of stories"
if [ $sanitized -eq 1 ]; then
  echo "note: sanitizer build: memory not measured"
else
  gen() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "{\"id\":\"s%d\",\"date\":\"2019-11-%02d\",\"text\":\"Russia criticized Japan on day %d. China praised Russia for round %d of the talks in Tokyo.\"}\n", i, i % 28 + 1, i, i }'; }
  gen 2000 > s2k.jsonl; gen 20000 > s20k.jsonl
  /usr/bin/time -f '%M' -o rss2k "$DYAD" code "${DICT[@]}" s2k.jsonl > out 2> err; rc=$?
  expect_rc 0; expect_events 4000
  /usr/bin/time -f '%M' -o rss20k "$DYAD" code "${DICT[@]}" s20k.jsonl > out 2> err; rc=$?
  expect_rc 0; expect_events 40000
  a=$(tail -n 1 rss2k); b=$(tail -n 1 rss20k)
  echo "peak RSS: 2,000 stories $a KB, 20,000 stories $b KB"
  [ "$b" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $b KB for 20,000 stories (bound $RSS_BOUND_KB KB)"
  [ $((b * 100)) -le $((a * 120)) ] || bad "RSS grows with story count: $a KB -> $b KB (> +20%)"
  # the same with -j 2 (batches coded by two workers)
  /usr/bin/time -f '%M' -o rssj "$DYAD" code -j 2 "${DICT[@]}" s20k.jsonl > out 2> err; rc=$?
  expect_rc 0; expect_events 40000
  c=$(tail -n 1 rssj); echo "peak RSS: 20,000 stories -j 2: $c KB"
  [ "$c" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $c KB for 20,000 stories with -j 2"
fi

begin "memory per story is capped whatever the text"
if [ $sanitized -eq 1 ]; then
  echo "note: sanitizer build: memory not measured"
else
  # One token per byte is the worst case for the tokeniser's memory: a story
  # of quotation marks, and one of dashes, each cut to the story cap.
  for p in '"' '- '; do
    awk -v p="$p" 'BEGIN { printf "date 2019-11-22\nRussia criticized Japan. ";
                           for (n = 0; n < 3145728; n += length(p)) printf "%s", p; printf "\n" }' > worst.txt
    /usr/bin/time -f '%M' -o rssw "$DYAD" code "${DICT[@]}" good1.txt worst.txt > out 2> err; rc=$?
    expect_rc 0; expect_story good1; expect_err 'worst\.txt:1: .*(cut|truncat)'
    kb=$(tail -n 1 rssw); echo "peak RSS, 3 MB story of '$p': $kb KB"
    [ "$kb" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $kb KB on a story of '$p' (bound $RSS_BOUND_KB KB)"
  done
fi

begin "memory does not grow with stories of growing size"
if [ $sanitized -eq 1 ]; then
  echo "note: sanitizer build: memory not measured"
else
  # 200 stories from 20 KB to 220 KB, no events: per-story scratch memory
  # must be reused, not added to, when each story is a little larger.
  awk 'BEGIN { s = "The weather was mild on Tuesday and markets were calm. ";
               for (i = 0; i < 200; i++) { printf "{\"id\":\"g%d\",\"date\":\"2019-11-22\",\"text\":\"", i;
                 for (n = 0; n < 20000 + i * 1000; n += length(s)) printf "%s", s; printf "\"}\n" } }' > grow.jsonl
  /usr/bin/time -f '%M' -o rssg "$DYAD" code "${DICT[@]}" grow.jsonl > out 2> err; rc=$?
  expect_rc 0
  expect_summary '200 stories read, 200 coded'
  kb=$(tail -n 1 rssg); echo "peak RSS, 200 stories of 20-220 KB: $kb KB"
  [ "$kb" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $kb KB for stories of growing size (bound $RSS_BOUND_KB KB)"
fi

begin "memory does not grow with events held for output"
if [ $sanitized -eq 1 ]; then
  echo "note: sanitizer build: memory not measured"
else
  # 130 stories of 100 KB, each about 2,800 events: output waiting to be
  # written must not pile up for a whole batch of stories.
  awk 'BEGIN { s = "Russia criticized Japan on Tuesday. ";
               for (i = 0; i < 130; i++) { printf "{\"id\":\"e%d\",\"date\":\"2019-11-22\",\"text\":\"", i;
                 for (n = 0; n < 100000; n += length(s)) printf "%s", s; printf "\"}\n" } }' > dense.jsonl
  /usr/bin/time -f '%M' -o rsse "$DYAD" code "${DICT[@]}" dense.jsonl > /dev/null 2> err; rc=$?
  expect_rc 0
  expect_summary '130 stories read, 130 coded'
  kb=$(tail -n 1 rsse); echo "peak RSS, 130 event-dense 100 KB stories: $kb KB"
  [ "$kb" -lt "$RSS_BOUND_KB" ] || bad "peak RSS $kb KB for event-dense stories (bound $RSS_BOUND_KB KB)"
fi

echo "bad_input: $cases cases, $fails failed checks"
[ $fails -eq 0 ]
