#!/usr/bin/env bash
# Wire-agency credits at the start of a story ("Reuters - ", "(Reuters) - ",
# "AFP - ", "NEW YORK (Reuters) - ", "SPACE.com - TORONTO, Canada -- ") are
# dateline metadata: the agency must never become the source of the first
# sentence's event (a GBRMED / FRAMED actor), and the real subject must.
# Stories written for this test, coded with the default dictionaries.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
dyad=${DYAD:-$root/build/dyad}
[ -x "$dyad" ] || { echo "note: $dyad not built: wire prefixes not checked"; exit 77; }
command -v python3 >/dev/null || { echo "note: python3 missing: wire prefixes not checked"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# id|text|expected source of the story's first event
cat > "$tmp/cases.txt" <<'CASES'
reuters-dash|Reuters - Israel arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
reuters-nl|Reuters -\nIsrael arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
paren-reuters|(Reuters) - Israel arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
afp-dash|AFP - Israel arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
ap-dash|AP - Israel arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
place-reuters|JERUSALEM (Reuters) - Israel arrested a senior Hamas commander in the West Bank on Wednesday.|ISR
domain|SPACE.com - TORONTO, Canada -- Israel arrested a senior Hamas commander on Wednesday.|ISR
xinhua|Xinhua - China criticized Japan on Monday over its new defence plan.|CHN
CASES
python3 - "$tmp/cases.txt" > "$tmp/in.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    sid, text, _ = line.rstrip("\n").split("|")
    print(json.dumps({"id": sid, "date": "2004-09-01", "text": text.replace("\\n", "\n")}))
PY
"$dyad" code -q --datadir "$root/data" < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err" ||
    { echo "FAIL: dyad code exited $?"; cat "$tmp/err"; exit 1; }
python3 - "$tmp/cases.txt" "$tmp/out.jsonl" <<'PY'
import json, sys
want = {}
for line in open(sys.argv[1]):
    sid, _, src = line.rstrip("\n").split("|")
    want[sid] = src
got = {}
for line in open(sys.argv[2]):
    e = json.loads(line)
    got.setdefault(e["story_id"], []).append(e)
fail = 0
for sid, src in want.items():
    evs = got.get(sid, [])
    med = [e for e in evs if e["source"].endswith("MED") or e["target"].endswith("MED")]
    if med:
        print(f"FAIL {sid}: agency coded as an actor: {med[0]['source']} -> {med[0]['target']}"); fail = 1
    elif not evs:
        print(f"FAIL {sid}: no event"); fail = 1
    elif evs[0]["source"] != src:
        print(f"FAIL {sid}: source {evs[0]['source']}, want {src}"); fail = 1
    else:
        print(f"ok   {sid}: {evs[0]['source']} -> {evs[0]['target']} {evs[0]['code']}")
sys.exit(fail)
PY
