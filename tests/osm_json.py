#!/usr/bin/env python3
"""Writes an .osm file's elements as Overpass API writes them with `out json` (`out body`,
each element after its nodes as `(._;>;); out;` gives them) or, with --geom, `out geom`
(each way's and member way's coordinates inline, no separate nodes), in Overpass's own
layout. For louyu's tests and benches: tests/data/wild/osm-export.json and
osm-export-geom.json come from osm-export.osm with it.

Usage: osm_json.py IN.osm OUT.json [--geom]"""
import json
import sys
import xml.etree.ElementTree as ET

HEAD = """{
  "version": 0.6,
  "generator": "Overpass API 0.7.62.1 084b4234",
  "osm3s": {
    "timestamp_osm_base": "2024-05-01T08:00:00Z",
    "copyright": "The data included in this document is from www.openstreetmap.org. The data is made available under ODbL."
  },
  "elements": [
"""


def main():
    src, dst = sys.argv[1], sys.argv[2]
    geom = "--geom" in sys.argv[3:]
    root = ET.parse(src).getroot()
    nodes = {n.get("id"): (float(n.get("lat")), float(n.get("lon"))) for n in root.iter("node")}
    ways = {w.get("id"): [nd.get("ref") for nd in w.iter("nd")] for w in root.iter("way")}
    out = []
    for el in root:
        if el.tag not in ("node", "way", "relation") or el.get("action") == "delete":
            continue
        tags = {t.get("k"): t.get("v") for t in el.iter("tag")}
        if geom and el.tag == "node" and not tags:
            continue
        o = {"type": el.tag, "id": int(el.get("id"))}
        if el.tag == "node":
            o["lat"], o["lon"] = nodes[el.get("id")]
        elif el.tag == "way":
            o["nodes"] = [int(r) for r in ways[el.get("id")]]
            if geom:
                o["geometry"] = [{"lat": nodes[r][0], "lon": nodes[r][1]} if r in nodes else None
                                 for r in ways[el.get("id")]]
        else:
            o["members"] = []
            for m in el.iter("member"):
                mo = {"type": m.get("type"), "ref": int(m.get("ref")), "role": m.get("role")}
                if geom and m.get("type") == "way" and m.get("ref") in ways:
                    mo["geometry"] = [{"lat": nodes[r][0], "lon": nodes[r][1]}
                                      for r in ways[m.get("ref")] if r in nodes]
                elif geom and m.get("type") == "node" and m.get("ref") in nodes:
                    mo["lat"], mo["lon"] = nodes[m.get("ref")]
                o["members"].append(mo)
        if tags:
            o["tags"] = tags
        out.append(json.dumps(o, indent=2, ensure_ascii=False))
    with open(dst, "w", encoding="utf-8") as f:
        f.write(HEAD + ",\n".join(out) + "\n\n  ]\n}\n")


if __name__ == "__main__":
    main()
