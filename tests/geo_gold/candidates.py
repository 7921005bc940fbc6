#!/usr/bin/env python3
"""Annotation helper for the geolocation gold set (tests/geo_gold/dev.tsv).

Lists candidate place mentions in a sample of stories, independently of dyad:
capitalised word runs after a locative or directional preposition ("in",
"near", "at", "from", "outside") and in the dateline.  Each line: file, story
id, character offset, surface, and 60 characters of context either side, for
a person to read and decide the expected GeoNames id (or ISO3 for a country).
Only ids, offsets and the decision go into the gold files, never the text.

usage: candidates.py CORPUS.jsonl N_STORIES [SEED]
"""
import json, random, re, sys

path, n = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
stories = [json.loads(l) for l in open(path, encoding="utf-8")]
random.Random(seed).shuffle(stories)
PAT = re.compile(r"\b(?:in|near|at|from|outside|of) ((?:the )?(?:[A-Z][\w'’-]+)(?: (?:[A-Z][\w'’-]+|de|al|el)(?= [A-Z]))*(?: [A-Z][\w'’-]+)?)")
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,})[,(]")
for s in stories[:n]:
    t = s.get("text", "")
    seen = set()
    m = DATELINE.match(t)
    hits = [(m.start(1), m.group(1).strip())] if m else []
    for m in PAT.finditer(t):
        surf = re.sub(r"^the\s+", "", m.group(1))
        off = m.start(1) + (len(m.group(1)) - len(surf))
        hits.append((off, surf))
    for off, surf in hits:
        if off in seen:
            continue
        seen.add(off)
        ctx = t[max(0, off - 60):off + len(surf) + 60].replace("\n", " ").replace("\t", " ")
        print(f"{path.split('/')[-1]}\t{s['id']}\t{off}\t{surf}\t{ctx}")
