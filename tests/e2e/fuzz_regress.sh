#!/usr/bin/env bash
# fuzz_regress.sh — the fuzz corpus and crash reproducers (tests/fuzz/corpus,
# tests/fuzz/regress) replayed through the dyad binary of this build, so every
# crash a harness ever found stays a test in `make check` (normal and
# sanitizer builds) without needing clang.  `make fuzz-regress` replays them
# through the harnesses themselves.
#
# Each input goes where its harness sent it: story and jsonl inputs to
# `dyad code FILE`, dictionary inputs to `dyad code --<kind> FILE` over two
# good stories, code inputs as a plain story.  dyad must not crash or trip a
# sanitizer, must exit 0 or 1 (2 only for an unreadable dictionary, which
# these are not), and must still code the good stories.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
DYAD=${DYAD:-$here/build/dyad}
export DYAD_DATADIR=${DYAD_DATADIR:-$here/data}
[ -x "$DYAD" ] || { echo "FAIL: dyad not built at $DYAD"; exit 1; }
# sanitizer reports must not look like "some input skipped" (exit 1)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99:print_stacktrace=1
fz=$here/tests/fuzz
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/t.actors" <<'EOF'
RUSSIA_ [RUS]
JAPAN_ [JPN]
EOF
cat > "$tmp/t.verbs" <<'EOF'
--- CRITICIZE [111] ---
CRITICIZE_ [111]
{CRITICIZED_}
EOF
printf 'date 2019-11-22\nRussia criticized Japan on Tuesday.\n' > "$tmp/good1.txt"
printf 'date 2019-11-23\nJapan criticized Russia on Wednesday.\n' > "$tmp/good2.txt"

n=0 fails=0
check() {   # check NAME: looks at $tmp/err and $rc
  n=$((n + 1))
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] || grep -Eq 'runtime error|AddressSanitizer|LeakSanitizer' "$tmp/err"; then
    echo "FAIL: $1 (exit $rc)"; tail -n 20 "$tmp/err"; fails=$((fails + 1))
  fi
}

for h in story jsonl dict_actors dict_agents dict_verbs dict_discards_issues code; do
  for f in "$fz"/corpus/$h/* "$fz"/regress/$h/*; do
    [ -f "$f" ] || continue
    name=${f#"$fz"/}
    case $h in
      story|jsonl)
        "$DYAD" code --date 2019-11-22 "$f" > /dev/null 2> "$tmp/err"; rc=$?
        check "$name" ;;
      dict_*)
        kind=${h#dict_}
        if [ "$kind" = discards_issues ]; then
          first=$(head -c 1 "$f" | od -An -tu1 | tr -d ' ')
          kind=discards; [ $((${first:-0} % 2)) -eq 1 ] && kind=issues
          tail -c +2 "$f" > "$tmp/dict"
        else
          cp "$f" "$tmp/dict"
        fi
        opt=--$kind
        "$DYAD" code --no-default-dictionaries --actors "$tmp/t.actors" --verbs "$tmp/t.verbs" \
            "$opt" "$tmp/dict" "$tmp/good1.txt" "$tmp/good2.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
        check "$name"
        [ "$kind" = discards ] || [ "$(grep -c '"code":"111"' "$tmp/out")" -ge 1 ] ||
          { echo "FAIL: $name: good stories not coded"; fails=$((fails + 1)); } ;;
      code)
        date=2019-11-22; skip=0
        if [ "$(head -c 11 "$f" | tail -c 1 | od -An -tu1 | tr -d ' ')" = 10 ]; then
          date=$(head -c 10 "$f" | tr -d '\n\0'); skip=11
        fi
        { printf 'date %s\n' "$date"; tail -c +$((skip + 1)) "$f"; } > "$tmp/story.txt"
        "$DYAD" code "$tmp/story.txt" > /dev/null 2> "$tmp/err"; rc=$?
        check "$name" ;;
    esac
  done
done
echo "fuzz_regress: $n inputs replayed, $fails failed"
[ $n -gt 0 ] || { echo "FAIL: no fuzz inputs found under $fz"; exit 1; }
[ $fails -eq 0 ]
