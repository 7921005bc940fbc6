#!/usr/bin/env bash
# The coder parses a sentence only when it can yield a kept event (two known
# actors that are not one side, or one and a pronoun that story memory can
# resolve to another, and a verb whose reading codes an event), and
# skips the rest of the work for sentences that cannot.  Checks, through
# --explain, that sentences that can give a dyad are parsed and coded (also
# when the codeable verb is not the first verb candidate), that the others
# are not parsed, and that --allow-monadic still parses one-actor sentences.
# Sentences written for this test.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dyad=${DYAD:-$root/build/dyad}
[ -x "$dyad" ] || { echo "note: $dyad not built: parse gate not checked"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0

# explain OPTIONS TEXT: the --explain trace of one story
explain() {
    local text=${*: -1}
    printf 'date 2019-12-19\n%s\n' "$text" > "$tmp/story.txt"
    "$dyad" code --explain --datadir "$root/data" "${@:1:$#-1}" "$tmp/story.txt" 2>&1 >"$tmp/out.jsonl"
}
# expect WHAT(parsed|unparsed) EVENTS OPTIONS... TEXT
expect() {
    local want=$1 nev=$2; shift 2
    local trace got n
    trace=$(explain "$@")
    if grep -q '^  parse ' <<<"$trace"; then got=parsed; else got=unparsed; fi
    n=$(wc -l < "$tmp/out.jsonl")
    if [ "$got" != "$want" ] || [ "$n" -ne "$nev" ]; then
        echo "FAIL: ${*: -1}"
        echo "      want $want and $nev event(s), got $got and $n"
        fail=1
    fi
}

# two known actors and a codeable verb
expect parsed 1 "Russian Foreign Minister Sergey Lavrov held talks with his Japanese counterpart Toshimitsu Motegi in Moscow."
# the first verb candidate ("plans") codes nothing, a later one does
expect parsed 1 "The plans were drafted before Germany criticized Turkey over the arrests."
# one known actor and a pronoun that may stand for another
expect parsed 1 "Japan said it would send a delegation to China next week."
# two known actors and verb candidates, none of which codes an event here
expect unparsed 0 "France and Germany will pay for the new museum in Berlin."
# a codeable verb, but actors whose country is not known
expect unparsed 0 "Students and workers criticized the new budget proposal on Tuesday."
# one known actor and no pronoun: no dyad can come of it
expect unparsed 0 "China criticized the budget proposal of the farmers on Tuesday."
# one known actor and a pronoun with nothing in story memory to stand for:
# the pronoun can only be that actor, so no dyad
expect unparsed 0 "He criticized the budget proposal of China on Tuesday."
# the same pronoun with a person named in the sentence before
expect parsed 1 "Russian President Vladimir Putin spoke on Thursday.
He criticized the budget proposal of China."
# two known actors of one side (a country and its own government): no event
expect unparsed 0 "British officials criticized Britain over the delays on Tuesday."
# with monadic events allowed, the wider test applies
expect parsed 1 --allow-monadic "China criticized the budget proposal of the farmers on Tuesday."

[ "$fail" -eq 0 ] && echo "parse gate: 10 cases ok"
exit "$fail"
