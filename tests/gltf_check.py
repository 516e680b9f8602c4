"""Checks a GLB from louyu export against the district it came from.

The Khronos glTF-Validator checks glTF itself (0 errors, 0 warnings; as information
it may say only that it cannot check EXT_mesh_features and EXT_structural_metadata, and
that the property table's buffer views, which it does not know, look unused). What it
cannot check is checked here: the property table decodes, one row per building in the
expected order with the district's ids and heights; every feature id names a row; each
row's triangles reach its building's height (the geometry belongs to the attributes);
normals have unit length and each triangle's are its face's (flat: the viewer's walls share
their corners, the export must not); Y is up; the ground and roads are nodes of their own.

Usage: gltf_check.py VALIDATOR_DIR FILE.glb INFO.json [--ids a,b] [--no-ground]
(INFO.json: `louyu info FILE --json`, the district's buildings.)"""
import json
import math
import struct
import subprocess
import sys
from pathlib import Path

COMPONENTS = {5126: ("f", 4), 5125: ("I", 4), 5123: ("H", 2), 5121: ("B", 1)}
WIDTH = {"SCALAR": 1, "VEC3": 3}


def read_glb(path):
    data = Path(path).read_bytes()
    magic, version, length = struct.unpack_from("<III", data, 0)
    assert magic == 0x46546C67 and version == 2 and length == len(data), "not a GLB 2"
    jlen, jtype = struct.unpack_from("<II", data, 12)
    assert jtype == 0x4E4F534A, "the first chunk is not JSON"
    doc = json.loads(data[20:20 + jlen])
    blen, btype = struct.unpack_from("<II", data, 20 + jlen)
    assert btype == 0x004E4942, "the second chunk is not BIN"
    return doc, data[28 + jlen:28 + jlen + blen]


def accessor(doc, binary, i):
    a = doc["accessors"][i]
    v = doc["bufferViews"][a["bufferView"]]
    fmt, size = COMPONENTS[a["componentType"]]
    n = WIDTH[a["type"]]
    stride = v.get("byteStride", size * n)
    base = v.get("byteOffset", 0) + a.get("byteOffset", 0)
    return [struct.unpack_from("<" + fmt * n, binary, base + k * stride) for k in range(a["count"])]


def view_bytes(doc, binary, i):
    v = doc["bufferViews"][i]
    assert v.get("byteOffset", 0) % 8 == 0, "a property table column is not 8-byte aligned"
    return binary[v.get("byteOffset", 0):v.get("byteOffset", 0) + v["byteLength"]]


def strings(doc, binary, prop, count):
    text = view_bytes(doc, binary, prop["values"])
    offs = struct.unpack_from("<%dI" % (count + 1), view_bytes(doc, binary, prop["stringOffsets"]))
    return [text[offs[k]:offs[k + 1]].decode("utf-8") for k in range(count)]


def numbers(doc, binary, prop, count, fmt):
    return struct.unpack_from("<%d%s" % (count, fmt), view_bytes(doc, binary, prop["values"]))


def main():
    validator, glb, info = sys.argv[1:4]
    ids = None
    ground = "--no-ground" not in sys.argv
    if "--ids" in sys.argv:
        ids = sys.argv[sys.argv.index("--ids") + 1].split(",")
    out = subprocess.run(["node", str(Path(__file__).with_name("gltf_validate.js")), validator,
                          glb], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["errors"] == 0 and report["warnings"] == 0, report["messages"][:10]
    allowed = {"UNSUPPORTED_EXTENSION", "UNUSED_OBJECT"}
    other = [m for m in report["messages"] if m["code"] not in allowed]
    assert not other, other[:10]
    unsupported = {m["message"].split("'")[1] for m in report["messages"]
                   if m["code"] == "UNSUPPORTED_EXTENSION"}
    assert unsupported <= {"EXT_mesh_features", "EXT_structural_metadata"}, unsupported

    doc, binary = read_glb(glb)
    district = {b["id"]: b for b in json.load(open(info))}
    table = doc["extensions"]["EXT_structural_metadata"]["propertyTables"][0]
    count = table["count"]
    props = table["properties"]
    got_ids = strings(doc, binary, props["id"], count)
    want = ids if ids else list(district)
    assert got_ids == want, (got_ids[:5], want[:5])
    heights = numbers(doc, binary, props["height_m"], count, "d")
    for bid, h in zip(got_ids, heights):
        assert abs(h - district[bid]["height_m"]) < 0.01, (bid, h, district[bid]["height_m"])
    floors = numbers(doc, binary, props["floors"], count, "i")
    for bid, f in zip(got_ids, floors):
        assert f == (district[bid].get("floors") or -1), (bid, f)

    top = [-math.inf] * count
    bottom = [math.inf] * count
    seen = set()
    for mesh in doc["meshes"]:
        for prim in mesh["primitives"]:
            at = prim["attributes"]
            if "_FEATURE_ID_0" not in at:
                continue
            fe = prim["extensions"]["EXT_mesh_features"]["featureIds"][0]
            assert fe["featureCount"] == count and fe["propertyTable"] == 0, fe
            pos = accessor(doc, binary, at["POSITION"])
            nrm = accessor(doc, binary, at["NORMAL"])
            fid = accessor(doc, binary, at["_FEATURE_ID_0"])
            for i in set(x[0] for x in accessor(doc, binary, prim["indices"])):
                row = int(fid[i][0])
                assert 0 <= row < count and fid[i][0] == row, fid[i]
                seen.add(row)
                top[row] = max(top[row], pos[i][1])
                bottom[row] = min(bottom[row], pos[i][1])
                assert abs(math.sqrt(sum(c * c for c in nrm[i])) - 1) < 1e-4, nrm[i]
            idx = [x[0] for x in accessor(doc, binary, prim["indices"])]
            for t in range(0, len(idx), 3):
                a, b, c = (pos[k] for k in idx[t:t + 3])
                u = [b[k] - a[k] for k in range(3)]
                w = [c[k] - a[k] for k in range(3)]
                n = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
                size = math.sqrt(sum(x * x for x in n))
                if size < 1e-2:  # slivers under 0.005 m²: float noise at a city's scale
                    continue
                for k in idx[t:t + 3]:
                    cos = sum(n[j] * nrm[k][j] for j in range(3)) / size
                    assert cos > 0.98, ("a normal not its triangle's", pos[k], nrm[k], n)
    assert seen == set(range(count)), "rows without triangles: %s" % sorted(set(range(count)) - seen)[:5]
    for row, bid in enumerate(got_ids):
        assert abs(top[row] - district[bid]["height_m"]) < 0.05, (bid, top[row])
        assert bottom[row] >= -0.01, (bid, bottom[row])
    names = {n.get("name") for n in doc["nodes"]}
    assert ("ground" in names) == ground and ("roads" in names) <= ground, names
    extras = doc["asset"]["extras"]["louyu"]
    assert -180 <= extras["origin_lon"] <= 180 and -90 <= extras["origin_lat"] <= 90, extras
    print("ok %d buildings" % count)


if __name__ == "__main__":
    main()
