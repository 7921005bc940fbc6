#!/usr/bin/env bash
# The default agents, discards and issues dictionaries
# (data/dictionaries/default.{agents,discards,issues}):
#  1. dyad loads each of them without a single reported error, and each holds
#     a sane number of entries;
#  2. on news-like sentences written for this test, agents combine with
#     countries (SDNCOP, CHNGOVMED, ---REB), null phrases shadow role words
#     ("military aid", "general election"), discards drop sports, market and
#     entertainment sentences or stories but keep political ones that share
#     words with them ("strike", "race", "World Cup" stays sentence level),
#     and issues are attached to events.
# Coded with the default actors, these three files and the small fixed verb
# dictionary of the golden tests, so the result does not move when the CAMEO
# verb dictionaries change.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dicts=$root/data/dictionaries
dyad=${DYAD:-$root/build/dyad}
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$dyad" ]; then
    echo "note: $dyad not built: default dictionaries not checked"
    exit 77
fi
command -v python3 >/dev/null || { echo "note: python3 missing: default dictionaries not checked"; exit 77; }

run() {   # run FILE.jsonl -> FILE.out (events) FILE.err (stderr)
    "$dyad" code --allow-monadic --no-default-dictionaries --datadir "$root/data" \
        $(for f in "$dicts"/*.actors; do printf -- '--actors %s ' "$f"; done) \
        --agents "$dicts/default.agents" --discards "$dicts/default.discards" \
        --issues "$dicts/default.issues" --verbs "$root/tests/golden/dict/golden.verbs" \
        < "$1" > "${1%.jsonl}.out" 2> "${1%.jsonl}.err"
}

echo "== loading"
echo '{"id":"load","date":"2019-01-01","text":"Russia criticized Japan."}' > "$tmp/load.jsonl"
run "$tmp/load.jsonl"
if grep -E 'default\.(agents|discards|issues):[0-9]+:' "$tmp/load.err"; then
    echo "FAIL: the loader reported errors in the default dictionaries"; fail=1
fi
grep -q '"code":"111"' "$tmp/load.out" || { echo "FAIL: control sentence not coded"; cat "$tmp/load.err"; fail=1; }
# Entry counts: a truncated or emptied file must not pass unnoticed.
count() { grep -cE "$2" "$1"; }
na=$(count "$dicts/default.agents" '^[+]?[A-Z0-9]')
nd=$(count "$dicts/default.discards" '^[+]?[A-Z0-9]')
ni=$(count "$dicts/default.issues" '^[a-z~0-9]')
nc=$(count "$dicts/default.issues" '^<ISSUE ')
echo "agents phrases $na, discard phrases $nd, issue phrases $ni in $nc topics"
[ "$na" -ge 1500 ] || { echo "FAIL: only $na agent phrases"; fail=1; }
[ "$nd" -ge 400 ] || { echo "FAIL: only $nd discard phrases"; fail=1; }
[ "$ni" -ge 500 ] && [ "$nc" -ge 25 ] || { echo "FAIL: only $ni issue phrases in $nc topics"; fail=1; }

echo "== coding"
# id|date|text|expected events (SRC>TGT:CODE space-separated, "-" none)|issues (comma-separated, "-" none)
cat > "$tmp/cases.txt" <<'CASES'
cop-opp|2019-06-03|Sudanese police arrested protesters in Khartoum.|SDNCOP>SDNOPP:173|-
state-media|2019-08-06|Chinese state media criticized the Japanese prime minister.|CHNGOVMED>JPNGOV:111|-
no-country|2019-06-03|Police arrested dozens of militants on Sunday.|---COP>---REB:173|-
ministry|2017-05-12|Kenyan doctors criticized the Kenyan health ministry.|KENHLH>KENGOV:111|HEALTH
of-country|2019-06-03|The foreign minister of Japan met with Russian business leaders.|JPNGOV>RUSBUS:040|-
insurgents|2020-05-04|Afghan soldiers arrested two insurgents in Kandahar.|AFGMIL>AFGINS:173|-
separatists|2014-05-04|Ukrainian troops arrested three separatists in Donetsk.|UKRMIL>UKRSEP:173|-
gunmen|2019-11-20|Nigerian police arrested five gunmen in Kaduna.|NGACOP>NGAUAF:173|-
refugees|2016-03-08|Syrian refugees praised the Turkish government.|SYRREF>TURGOV:051|REFUGEES
clergy|2008-04-02|Iraqi Shiite clerics condemned the American military.|IRQMOSSHI>USAMIL:111|-
null-aid|2022-04-01|Russia criticized American military aid to Ukraine.|RUS>USA:111|MILITARY
null-election|2019-05-01|Indian opposition parties criticized the general election schedule.|INDOPP>:111|ELECTIONS
force-verb|2019-05-01|Japan criticized China and forced talks.|JPN>CHN:111|-
sports-score|2018-06-19|Japan beat Colombia 2-0 in Saransk on Tuesday.|-|-
sports-cup|2018-06-19|Russia criticized Saudi Arabia in a World Cup qualifier.|-|-
sports-story|2019-05-01|Liverpool beat Barcelona in the Champions League. Spain criticized Britain.|-|-
sports-fed-cup|2019-05-01|Spain and the United States will meet in the Fed Cup final. The U.S. team criticized Spain.|-|-
sports-friendly|2019-05-01|The Dutch coach criticized Brazil before the friendly international in Amsterdam.|-|-
sports-cricket-board|2019-05-01|The Test and County Cricket Board said Australia would defend the Ashes against England.|-|-
market|2019-05-01|Japan criticized China as the Nikkei 225 index fell 2 percent in early trade.|-|-
movie|2019-05-01|An Oscar-winning actress criticized France.|-|-
strike-kept|2019-05-01|French unions criticized the French government over the general strike.|FRALAB>FRAGOV:111|PROTEST
cup-story-kept|2022-11-20|Qatar hosted the World Cup. Germany criticized Qatar over migrant workers.|DEU>QAT:111|MIGRATION
peace|2019-12-19|Russia and Japan agreed to speed up talks on a peace treaty.|RUS>JPN:030 JPN>RUS:030|PEACE_TREATY
nuclear-sanctions|2019-05-01|The United States criticized Iran over its nuclear programme and imposed sanctions.|USA>IRN:111|NUCLEAR,SANCTIONS
who-not-health|2019-05-01|Russia criticized Japan, who had expelled two diplomats.|RUS>JPN:111 JPN>---GOV:166|-
terror|2019-05-01|France condemned Syria after the suicide bombing in Damascus.|FRA>SYR:111|TERRORISM
CASES
python3 - "$tmp/cases.txt" > "$tmp/cases.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    cid, date, text, _, _ = line.rstrip("\n").split("|")
    print(json.dumps({"id": cid, "date": date, "text": text}))
PY
run "$tmp/cases.jsonl"
python3 - "$tmp/cases.txt" "$tmp/cases.out" <<'PY' || fail=1
import json, sys
got, issues = {}, {}
for line in open(sys.argv[2]):
    e = json.loads(line)
    got.setdefault(e["story_id"], set()).add("%s>%s:%s" % (e["source"], e["target"], e["code"]))
    issues.setdefault(e["story_id"], set()).update(e.get("issues") or [])
bad = 0
for line in open(sys.argv[1]):
    cid, date, text, want, want_issues = line.rstrip("\n").split("|")
    w = set() if want == "-" else set(want.split())
    wi = set() if want_issues == "-" else set(want_issues.split(","))
    g, gi = got.get(cid, set()), issues.get(cid, set())
    if g != w or gi != wi:
        bad += 1
        print("FAIL %s: %s\n  want %s %s\n  got  %s %s" % (cid, text, sorted(w), sorted(wi), sorted(g), sorted(gi)))
print("%d passed, %d failed" % (sum(1 for _ in open(sys.argv[1])) - bad, bad))
sys.exit(1 if bad else 0)
PY
exit $fail
