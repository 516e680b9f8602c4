#!/usr/bin/env python3
"""Checks RFC 7946 section 3.1.6 in GeoJSON files: every polygon's outer ring counter-
clockwise, every hole clockwise. Prints each ring the wrong way round; exit 1 if any, or if
a file has no polygon at all (a check of nothing). For louyu's export tests.
Usage: geojson_winding.py FILE.geojson..."""
import json
import sys


def signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def polygons(geometry):
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in polygons(g)]
    return []


bad = 0
for path in sys.argv[1:]:
    seen = 0
    for f in json.load(open(path, encoding="utf-8"))["features"]:
        for p in polygons(f.get("geometry")):
            for k, ring in enumerate(p):
                seen += 1
                a = signed_area(ring)
                if (k == 0 and a < 0) or (k > 0 and a > 0):
                    bad += 1
                    print(f"{path}: {f.get('id')}: ring {k} ({'outer' if k == 0 else 'hole'}) "
                          f"is {'clockwise' if a < 0 else 'counter-clockwise'}")
    if not seen:
        bad += 1
        print(f"{path}: no polygon")
sys.exit(1 if bad else 0)
