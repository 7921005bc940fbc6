#!/usr/bin/env python3
"""Annotation helper: draw stories for a new geolocation gold set.

Draws, with a fixed seed, N stories per corpus of ../shared/corpora that no
existing gold set (tests/geo_gold/*.tsv) uses, 250 to MAXLEN characters, with
at least one capitalised word after "in", "near" or "at" (ag_news_test: World
class only, from 150 characters), and prints each whole story for a person to
read, followed by every capitalised word run with its code-point offset, so
that offsets can be written down without counting.  Nothing printed is meant
to be committed: only ids, offsets and decisions go into the gold files.

usage: sample.py SEED N MAXLEN CORPUS...
"""
import glob, json, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
corpora = os.environ.get("DYAD_SHARED", os.path.join(here, "../../../shared")) + "/corpora"
seed, n, maxlen = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
used = set()
for g in glob.glob(os.path.join(here, "*.tsv")):
    for line in open(g, encoding="utf-8"):
        if not line.startswith("#"):
            used.add(line.split("\t")[1])
LOC = re.compile(r"\b(?:in|near|at) [A-Z]")
CAP = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|de|al|el|the)?\s*[A-Z][\w'’.-]*)*")
for c in sys.argv[4:]:
    stories = [json.loads(l) for l in open(f"{corpora}/{c}.jsonl", encoding="utf-8")]
    rng = random.Random(seed)
    rng.shuffle(stories)
    k = 0
    for s in stories:
        t = s.get("text") or ""
        lo = 150 if c == "ag_news_test" else 250
        if s["id"] in used or not lo <= len(t) <= maxlen or not LOC.search(t):
            continue
        if c == "ag_news_test" and s.get("meta", {}).get("class") != "World":
            continue
        print(f"==== {c}\t{s['id']}\t{len(t)} chars")
        print(t)
        print("---- capitalised runs:")
        print("  ".join(f"{m.start()}:{m.group()}" for m in CAP.finditer(t)))
        k += 1
        if k == n:
            break
