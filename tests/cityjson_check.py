"""Checks a CityJSON file from louyu export against the district it came from, beyond
the schema: every building is there (a Building, its parts BuildingParts that name it
as parent), its height and figures are its attributes and its solids reach that height,
every shell is closed and faces outward (each edge used as often one way as the
other; a positive volume), and the coordinates are in the UTM zone they say (a point taken back
to longitude and latitude with PROJ's cs2cs lands on the building).

Usage: cityjson_check.py FILE.city.json INFO.json STOCK.csv
(INFO.json: `louyu info FILE --json`; STOCK.csv: `louyu export FILE --format csv`.)"""
import csv
import json
import subprocess
import sys


def volume(shell, v):
    total = 0.0
    for surface in shell:
        ring = surface[0]
        p0 = v[ring[0]]
        for a, b in zip(ring[1:], ring[2:]):
            p1, p2 = v[a], v[b]
            total += (p0[0] * (p1[1] * p2[2] - p1[2] * p2[1]) - p0[1] * (p1[0] * p2[2] - p1[2] * p2[0])
                      + p0[2] * (p1[0] * p2[1] - p1[1] * p2[0])) / 6
    return total


def closed(shell):
    edges = {}
    for surface in shell:
        for ring in surface:
            for a, b in zip(ring, ring[1:] + ring[:1]):
                edges[(a, b)] = edges.get((a, b), 0) + 1
    # as often one way as the other (a hole that touches its outline at a point, as real
    # footprints have, uses that vertical edge twice each way)
    return all(edges.get((b, a)) == n for (a, b), n in edges.items())


def main():
    doc = json.load(open(sys.argv[1]))
    info = {b["id"]: b for b in json.load(open(sys.argv[2]))}
    stock = {r["id"]: r for r in csv.DictReader(open(sys.argv[3], encoding="utf-8-sig", newline=""))}
    assert doc["type"] == "CityJSON" and doc["version"] == "2.0"
    crs = doc["metadata"]["referenceSystem"]
    epsg = int(crs.rsplit("/", 1)[1])
    assert 32601 <= epsg <= 32760, crs
    s, t = doc["transform"]["scale"], doc["transform"]["translate"]
    v = [[c * s[k] + t[k] for k, c in enumerate(p)] for p in doc["vertices"]]
    objects = doc["CityObjects"]
    buildings = {k: o for k, o in objects.items() if o["type"] == "Building"}
    assert set(buildings) == set(info), (len(buildings), len(info))
    for bid, o in buildings.items():
        solids = [g for g in o.get("geometry", [])]
        for child in o.get("children", []):
            part = objects[child]
            assert part["type"] == "BuildingPart" and part["parents"] == [bid], child
            solids += part["geometry"]
        assert solids, "%s has no geometry" % bid
        top = max(v[i][2] for g in solids for surf in g["boundaries"][0] for ring in surf for i in ring)
        h = info[bid]["height_m"]
        assert abs(top - h) < 0.002, (bid, top, h)
        assert abs(o["attributes"]["measuredHeight"] - h) < 1e-9, bid
        if info[bid].get("floors") and h / info[bid]["floors"] >= 1.5:
            assert o["attributes"]["storeysAboveGround"] == info[bid]["floors"], bid
        else:  # (lower than a storey: no count the reader would count again)
            assert "storeysAboveGround" not in o["attributes"], bid
        for g in solids:
            assert g["type"] == "Solid" and g["lod"] == "1", g["type"]
            shell = g["boundaries"][0]
            assert closed(shell), "%s: a shell is not closed" % bid
            assert volume(shell, v) > 0, "%s: a shell faces inward" % bid
            assert len(g["semantics"]["values"][0]) == len(shell), bid
    # a building's middle, back to longitude and latitude
    bid = next(iter(buildings))
    solids = [g for g in buildings[bid].get("geometry", [])] + [
        g for c in buildings[bid].get("children", []) for g in objects[c]["geometry"]]
    pts = [v[i] for g in solids for surf in g["boundaries"][0] for ring in surf for i in ring]
    x = (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2
    y = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
    out = subprocess.run(["cs2cs", "-f", "%.7f", "EPSG:%d" % epsg, "+to", "+proj=longlat", "+datum=WGS84"],
                         input="%f %f\n" % (x, y), capture_output=True, text=True, check=True)
    lon, lat = (float(c) for c in out.stdout.split()[:2])
    r = stock[bid]
    assert abs(lon - float(r["lon"])) < 2e-4 and abs(lat - float(r["lat"])) < 2e-4, (lon, lat, r["lon"], r["lat"])
    print("ok %d buildings" % len(buildings))


if __name__ == "__main__":
    main()
