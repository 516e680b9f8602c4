#!/usr/bin/env python3
"""Writes a GeoJSON FeatureCollection as OpenStreetMap's XML (.osm), as openstreetmap.org's
Export writes it: every node once (features sharing a corner share its node), then the ways,
then the relations. A polygon without a "building" property gets building=yes, as every
building in OpenStreetMap has it. A polygon with one ring is a closed way with the feature's properties as
its tags; one with holes, or a MultiPolygon, is a multipolygon relation of untagged ways; a
LineString is a way and a Point a node. Ids count up from 1 in each kind. For benches and
tests (bench/gisfiles.sh writes San Francisco's footprints with it).

Usage: osm_write.py IN.geojson OUT.osm"""
import json
import sys
from xml.sax.saxutils import quoteattr


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        features = json.load(f)["features"]
    nodes, node_lines, ways, rels = {}, [], [], []

    def node(p, tags=()):
        key = (round(p[0], 7), round(p[1], 7))
        if key in nodes and not tags:
            return nodes[key]
        i = len(node_lines) + 1
        nodes.setdefault(key, i)
        node_lines.append((i, key, tags))
        return i

    def tag_lines(props):
        return ['  <tag k=%s v=%s/>' % (quoteattr(str(k)), quoteattr(str(v)))
                for k, v in props.items() if v is not None and not isinstance(v, (dict, list))]

    def way(coords, props):
        i = len(ways) + 1
        ways.append((i, [node(p) for p in coords], tag_lines(props)))
        return i

    for ft in features:
        g, props = ft.get("geometry"), dict(ft.get("properties") or {})
        if not g:
            continue
        if g["type"] in ("Polygon", "MultiPolygon"):
            props.setdefault("building", "yes")
        if g["type"] == "Point":
            node(g["coordinates"], tag_lines(props))
        elif g["type"] == "LineString":
            way(g["coordinates"], props)
        elif g["type"] == "Polygon" and len(g["coordinates"]) == 1:
            way(g["coordinates"][0], props)
        elif g["type"] in ("Polygon", "MultiPolygon"):
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            members = []
            for poly in polys:
                for k, ring in enumerate(poly):
                    members.append((way(ring, {}), "outer" if k == 0 else "inner"))
            props = {**props, "type": "multipolygon"}  # (a relation is its type)
            rels.append((len(rels) + 1, members, tag_lines(props)))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<osm version="0.6" generator="louyu tests/osm_write.py">']
    for i, (x, y), tags in node_lines:
        if tags:
            out.append(' <node id="%d" lat="%.7f" lon="%.7f">' % (i, y, x))
            out += list(tags) + [' </node>']
        else:
            out.append(' <node id="%d" lat="%.7f" lon="%.7f"/>' % (i, y, x))
    for i, refs, tags in ways:
        out.append(' <way id="%d">' % i)
        out += ['  <nd ref="%d"/>' % r for r in refs] + tags + [' </way>']
    for i, members, tags in rels:
        out.append(' <relation id="%d">' % i)
        out += ['  <member type="way" ref="%d" role="%s"/>' % m for m in members]
        out += tags + [' </relation>']
    out.append('</osm>')
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
