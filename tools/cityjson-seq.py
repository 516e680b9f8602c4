#!/usr/bin/env python3
"""A CityJSON document as a CityJSONSeq: the CityJSON line (type, version, transform,
metadata; no objects, no vertices), then one CityJSONFeature per top-level city object,
with its children and its own vertices (indices renumbered from 0).

Usage: tools/cityjson-seq.py IN.city.json OUT.city.jsonl
(tests/test_cityjson.sh and bench/cityjson.sh make their CityJSONSeq files with it)"""
import json
import sys


def remap(b, seen, verts, out):
    if isinstance(b, list):
        return [remap(x, seen, verts, out) for x in b]
    if b not in seen:
        seen[b] = len(out)
        out.append(verts[b])
    return seen[b]


def main(src, dst):
    doc = json.load(open(src, encoding="utf-8"))
    head = {k: doc[k] for k in ("type", "version", "transform", "metadata") if k in doc}
    objs, verts = doc["CityObjects"], doc["vertices"]
    with open(dst, "w", encoding="utf-8") as out:
        out.write(json.dumps(dict(head, CityObjects={}, vertices=[])) + "\n")
        for oid, o in objs.items():
            if o.get("parents"):
                continue
            seen, own, cos = {}, [], {}
            for cid in [oid] + o.get("children", []):
                c = dict(objs[cid])
                c["geometry"] = [dict(g, boundaries=remap(g["boundaries"], seen, verts, own))
                                 for g in c.get("geometry", [])]
                cos[cid] = c
            feature = {"type": "CityJSONFeature", "id": oid, "CityObjects": cos, "vertices": own}
            out.write(json.dumps(feature, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
