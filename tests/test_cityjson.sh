#!/usr/bin/env bash
# CityJSON through the command line, on real data (tests/data/cityjson: Delft at LoD1
# with roads, water and land use; Rotterdam at LoD2; the CityJSON 2.0 conformance cases):
# every file loads or is refused with its reason; a CityJSONSeq made from Delft holds
# the same buildings; broken files are refused at FILE:LINE:COL with the city object's
# id; exports go through the Khronos glTF-Validator and the CityJSON schema (ajv), and
# the CityJSON comes back with every building, height and attribute. Needs LOUYU, SRC,
# GLTF_VALIDATOR and AJV (the npm packages' folders).
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC")
. "$(dirname "$0")/lib.sh"
cj=$SRC/tests/data/cityjson
export XDG_CACHE_HOME=$tmp/cache

# ---- real files ------------------------------------------------------------------------
run 0 validate "$cj/delft.city.json"
expect out "valid: 160 buildings, 356 other features"
expect err "GenericCityObject 54"
run 0 validate "$cj/rotterdam_subset.city.json"
expect out "valid: 16 buildings"
expect err "no metadata.referenceSystem"
run 0 stats "$cj/delft.city.json"
expect out "Buildings +160"
# a 3D model says nothing of enterprises: "no data", not "0 in buildings"
expect out "^Enterprises +no data$"

# ---- the conformance cases: each loads, or is refused with a reason -----------------------
cases=0
for d in "$cj"/conformance/*/; do
  name=$(basename "$d")
  f=$(ls "$d"*.city.json* | head -1)
  "$LOUYU" validate "$f" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  cases=$((cases + 1))
  if [ "$name" = cityjson_fake_complete ]; then
    # its vertices (102, 103) lie 31,500 km west of EPSG:2355's false origin
    check '[ $rc = 1 ] && grep -Eq ":[0-9]+:[0-9]+: error: vertex 0 .* cannot be transformed from EPSG:2355" "$tmp/err"' \
      "$name should be refused with its reason: $(head -3 "$tmp/err")"
  else
    check '[ $rc = 0 ] && grep -q ": valid" "$tmp/out"' "$name: exit $rc: $(head -3 "$tmp/err")"
  fi
done
check '[ $cases = 34 ]' "34 conformance cases expected, found $cases"

# ---- a CityJSONSeq made from Delft: the same buildings, heights and ground -----------------
python3 "$SRC/tools/cityjson-seq.py" "$cj/delft.city.json" "$tmp/delft.city.jsonl"
run 0 validate "$tmp/delft.city.jsonl"
expect out "valid: 160 buildings, 356 other features"
"$LOUYU" info "$cj/delft.city.json" --json >"$tmp/a.json" 2>/dev/null
"$LOUYU" info "$tmp/delft.city.jsonl" --json >"$tmp/b.json" 2>/dev/null
check 'python3 -c "
import json, sys
a = {b[\"id\"]: b[\"height_m\"] for b in json.load(open(sys.argv[1]))}
b = {b[\"id\"]: b[\"height_m\"] for b in json.load(open(sys.argv[2]))}
sys.exit(not (a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-3 for k in a)))" "$tmp/a.json" "$tmp/b.json"' \
  "the CityJSONSeq's buildings differ from the document's"

# ---- broken files: FILE:LINE:COL, the city object, what was expected ------------------------
sed 's/"boundaries": \[/"boundaries": [[[[0, 1, 99999]]], /' "$cj/sample.city.json" >"$tmp/bad.city.json"
run 1 validate "$tmp/bad.city.json"
expect err '^.*bad\.city\.json:[0-9]+:[0-9]+: error: city object "house": vertex index 99999 is out of range: expected a whole number'
printf '{"type":"CityJSON","version":"2.0","CityObjects":{"x":{"type":"Building","geometry":[{"type":"Solid","lod":"1","boundaries":[[[[0,1,2]]]]}]}},"vertices":[[0,0,0],[1,0,0]]' \
  >"$tmp/cut.city.json"
run 1 validate "$tmp/cut.city.json"
expect err 'cut\.city\.json:1:[0-9]+: error: .*expected'
run 2 validate --lod 7 "$cj/sample.city.json"
expect err "--lod 7: expected a CityJSON level of detail"
run 2 shot "$cj/sample.city.json" --lod high --out "$tmp/x.png"
expect err "--lod high: expected on, off or a CityJSON level of detail"
run 0 info "$cj/sample.city.json" house --lod 1
expect out "6.0 m, 2 floors"
run 0 pick "$cj/sample.city.json" --view house --at 640,360 --lod 1
expect out "^house$"
run 2 pick "$cj/sample.city.json" --at 1,1 --lod off
expect err "--lod off: expected a CityJSON level of detail"

# ---- out: glTF through the Khronos validator, CityJSON through the schema and back ----------
"$LOUYU" export "$cj/delft.city.json" --out "$tmp/delft.glb" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ]' "export glb of Delft: $(cat "$tmp/out")"
python3 "$SRC/tests/gltf_check.py" "$GLTF_VALIDATOR" "$tmp/delft.glb" "$tmp/a.json" >"$tmp/py" 2>&1
check 'grep -qx "ok 160 buildings" "$tmp/py"' "Delft's GLB: $(tail -5 "$tmp/py")"
# louyu's own rent, as its export writes it: 0 is none given, a wrong kind is said (they had
# been dropped, or kept as other properties, without a word)
"$LOUYU" export "$SRC/data/zhanshan.geojson" --format cityjson --out "$tmp/zs.city.json" >/dev/null 2>&1
# ... and its tax as GeoJSON writes it back (it had been dropped on the way)
run 0 export "$tmp/zs.city.json" --out "$tmp/zs-back.geojson"
run 0 info "$tmp/zs-back.geojson" wtc; expect out '^Tax 2010 +117,300,000 CNY'
python3 - "$tmp/zs.city.json" "$tmp/rents.city.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["CityObjects"]["wtc"]["attributes"]["rent_cny_m2_day"] = 0
d["CityObjects"]["huayin"]["attributes"]["rent_cny_m2_day"] = "abc"
d["CityObjects"]["petroleum"]["attributes"]["rent_cny_m2_day"] = 120
d["CityObjects"]["everbright-ifc"]["attributes"]["rent_cny_m2_day"] = 1e300
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
run 0 validate "$tmp/rents.city.json"
expect err '^[^ ]*rents.city.json:[0-9]+:[0-9]+: warning: city object "wtc": "rent_cny_m2_day" is 0: read as no rent given'
expect err '^[^ ]*rents.city.json:[0-9]+:[0-9]+: warning: city object "huayin": "rent_cny_m2_day" is a string: expected the asking rent in CNY per m² per day, a number above 0 and at most 10000; not read$'
# (past 10,000 no rent is meant, as the GeoJSON loader has it: 1e300 had been kept)
expect err '^[^ ]*rents.city.json:[0-9]+:[0-9]+: warning: city object "everbright-ifc": "rent_cny_m2_day" is 1e\+300: expected the asking rent in CNY per m² per day, a number above 0 and at most 10000; not read$'
expect err '^[^ ]*rents.city.json:[0-9]+:[0-9]+: warning: city object "petroleum": "rent_cny_m2_day" is 120: expected the asking rent in CNY per m² per day, from 0.1 to 50 \(is it a month.s or a year.s rent\?\); read as it is$'
run 0 info "$tmp/rents.city.json" huayin
check '! grep -q rent_cny_m2_day "$tmp/out"' "a rent of the wrong kind kept as another property: $(grep rent "$tmp/out")"

schema=$cj/cityjson.schema.json
for name in delft rotterdam_subset sample; do
  src=$cj/$name.city.json
  "$LOUYU" export "$src" --format cityjson --out "$tmp/$name.out.city.json" >"$tmp/out" 2>&1
  rc=$?
  check '[ $rc = 0 ]' "export cityjson $name: $(cat "$tmp/out")"
  node "$SRC/tests/cityjson_validate.js" "$AJV" "$schema" "$tmp/$name.out.city.json" >"$tmp/v" 2>&1
  check 'grep -qx valid "$tmp/v"' "$name's CityJSON against the schema: $(head -c 600 "$tmp/v")"
  "$LOUYU" info "$src" --json >"$tmp/$name.in.json" 2>/dev/null
  "$LOUYU" info "$tmp/$name.out.city.json" --json >"$tmp/$name.back.json" 2>/dev/null
  python3 - "$src" "$tmp/$name.out.city.json" "$tmp/$name.in.json" "$tmp/$name.back.json" \
    >"$tmp/py" 2>&1 <<'PY'
import json, sys
src, out = (json.load(open(p))["CityObjects"] for p in sys.argv[1:3])
before, after = ({b["id"]: b for b in json.load(open(p))} for p in sys.argv[3:5])
assert before.keys() == after.keys(), set(before) ^ set(after)
for k, b in before.items():
    assert abs(b["height_m"] - after[k]["height_m"]) < 0.002, (k, b["height_m"], after[k]["height_m"])
    assert b["floors"] == after[k]["floors"], k
    # every attribute of the source comes out with its value (measuredHeight is the model's)
    have = out[k]["attributes"]
    for key, v in src[k].get("attributes", {}).items():
        assert key in have, (k, key)
        assert key == "measuredHeight" or have[key] == v, (k, key, v, have[key])
print("ok", len(before))
PY
  check 'grep -q "^ok " "$tmp/py"' "$name through CityJSON and back: $(tail -3 "$tmp/py")"
done
# a skybridge (a part from 60 to 66 m over nothing between two towers) and a house on stilts
# keep their bases through CityJSON (the bridge had come back as a wall from the ground)
cat >"$tmp/raised.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","id":"twin","geometry":{"type":"MultiPolygon","coordinates":[
 [[[120.3700,36.0620],[120.3702,36.0620],[120.3702,36.0622],[120.3700,36.0622],[120.3700,36.0620]]],
 [[[120.3706,36.0620],[120.3708,36.0620],[120.3708,36.0622],[120.3706,36.0622],[120.3706,36.0620]]],
 [[[120.3702,36.06205],[120.3706,36.06205],[120.3706,36.06215],[120.3702,36.06215],[120.3702,36.06205]]]]},
 "properties":{"height_m":100,"parts":[{"min_height_m":0,"height_m":100},
   {"min_height_m":0,"height_m":100},{"min_height_m":60,"height_m":66}]}},
{"type":"Feature","id":"stilts","geometry":{"type":"Polygon","coordinates":[
 [[120.3710,36.0620],[120.3711,36.0620],[120.3711,36.0621],[120.3710,36.0621],[120.3710,36.0620]]]},
 "properties":{"height_m":16,"min_height_m":4}}]}
JSON
"$LOUYU" export "$tmp/raised.geojson" --format cityjson --out "$tmp/raised.city.json" >/dev/null 2>&1
node "$SRC/tests/cityjson_validate.js" "$AJV" "$schema" "$tmp/raised.city.json" >"$tmp/v" 2>&1
check 'grep -qx valid "$tmp/v"' "raised parts' CityJSON against the schema: $(head -c 600 "$tmp/v")"
for id in twin stilts; do
  "$LOUYU" info "$tmp/raised.geojson" $id --json >"$tmp/$id.in.json" 2>/dev/null
  "$LOUYU" info "$tmp/raised.city.json" $id --json >"$tmp/$id.back.json" 2>/dev/null
done
python3 - "$tmp" >"$tmp/py" 2>&1 <<'PY'
import json, sys
a, b = ({k: json.load(open(f"{sys.argv[1]}/{k}.{end}.json")) for k in ("twin", "stilts")}
        for end in ("in", "back"))
for k in a:
    bases = lambda x: sorted((round(p["min_height_m"], 2), round(p["height_m"], 2)) for p in x.get("parts", []))
    assert bases(a[k]) == bases(b[k]), (k, bases(a[k]), bases(b[k]))
    assert abs(a[k]["min_height_m"] - b[k]["min_height_m"]) < 0.01, k
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "raised parts through CityJSON and back: $(tail -3 "$tmp/py")"
# a file without a reference system is exported without one, in its own metres: no place
# on the earth is claimed (it had been written in UTM zone 31N)
python3 - "$cj/rotterdam_subset.city.json" "$tmp/rotterdam_subset.out.city.json" >"$tmp/py" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert "referenceSystem" not in b["metadata"], b["metadata"]
def box(d):
    t, s = d["transform"]["translate"], d["transform"]["scale"]
    xs = [v[0] * s[0] + t[0] for v in d["vertices"]]
    ys = [v[1] * s[1] + t[1] for v in d["vertices"]]
    return min(xs), min(ys), max(xs), max(ys)
ba, bb = box(a), box(b)
assert all(abs(x - y) < 0.5 for x, y in zip(ba, bb)), (ba, bb)
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "Rotterdam (no reference system) exported: $(tail -3 "$tmp/py")"
# a building on a raised base (over a passage), of a kind, named by its brand: back from
# louyu's own CityJSON as it went (19.2 m from 3 m, an office, "Acme")
cat >"$tmp/raised.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","id":"bridge","properties":{"height":19.2,"min_height":3,"building":"office","brand":"Acme"},
 "geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3805,36.06],[120.3805,36.0605],[120.38,36.0605],[120.38,36.06]]]}},
{"type":"Feature","id":"uni","properties":{"height":12,"building":"university"},
 "geometry":{"type":"Polygon","coordinates":[[[120.381,36.06],[120.3815,36.06],[120.3815,36.0605],[120.381,36.0605],[120.381,36.06]]]}}]}
JSON
run 0 export "$tmp/raised.geojson" --out "$tmp/raised.city.json"
run 0 info "$tmp/raised.city.json" bridge
expect out "19.2 m, .* from 3.0 m"
expect out "Acme"
run 0 info "$tmp/raised.city.json"
expect out "University building uni"
# a 20 m office with a 20 m antenna (a BuildingInstallation) on its roof: 20 m and 6 floors
# (not 40 m and 13), and back from louyu's CityJSON whole, the antenna an installation still
# (written as a BuildingPart it came back as the building, its body dropped)
python3 - "$tmp/antenna.city.json" <<'PY'
import json, sys
def box(x0, y0, w, d, h, base, o):
    v = [[x0, y0, base], [x0 + w, y0, base], [x0 + w, y0 + d, base], [x0, y0 + d, base],
         [x0, y0, base + h], [x0 + w, y0, base + h], [x0 + w, y0 + d, base + h], [x0, y0 + d, base + h]]
    sh = [[[0, 3, 2, 1]], [[4, 5, 6, 7]], [[0, 1, 5, 4]], [[1, 2, 6, 5]], [[2, 3, 7, 6]], [[3, 0, 4, 7]]]
    return v, [[[i + o for i in r] for r in s] for s in sh]
v1, s1 = box(85000, 447000, 20, 15, 20, 0, 0)
v2, s2 = box(85009, 447007, 1, 1, 20, 20, 8)
json.dump({"type": "CityJSON", "version": "2.0",
           "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/7415"},
           "CityObjects": {"b0": {"type": "Building", "children": ["b0-antenna"],
                                  "geometry": [{"type": "Solid", "lod": "2.2", "boundaries": [s1]}]},
                           "b0-antenna": {"type": "BuildingInstallation", "parents": ["b0"],
                                          "geometry": [{"type": "Solid", "lod": "2.2", "boundaries": [s2]}]}},
           "vertices": v1 + v2}, open(sys.argv[1], "w"))
PY
for f in antenna antenna-out; do
  [ $f = antenna ] || run 0 export "$tmp/antenna.city.json" --out "$tmp/$f.city.json"
  run 0 info "$tmp/$f.city.json" b0
  expect out "Height +20.0 m, 6 floors"
  expect out "LoD 2.2, 12 faces"
done
check 'grep -q "\"BuildingInstallation\"" "$tmp/antenna-out.city.json"' "the antenna is not exported as an installation"

# ---- CityJSON as GeoJSON: for other tools, a store's week and the portal's browser map ----
run 0 export "$cj/delft.city.json" --out "$tmp/delft.geojson"
expect out 'delft.geojson: written, 160 buildings \(their footprints, heights, parts and attributes, from CityJSON\)'
# a building's own attributes go with it (BAG's ids and dates, for a planner's GIS), as the card
# shows them
bag=b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f
check 'diff <("$LOUYU" info "$cj/delft.city.json" $bag | sed -n "/^Other properties/,\$p") <("$LOUYU" info "$tmp/delft.geojson" $bag | sed -n "/^Other properties/,\$p") >/dev/null && "$LOUYU" info "$tmp/delft.geojson" $bag | grep -q "^  identificatiebagpnd: "' \
  "a CityJSON building's attributes are lost in GeoJSON: $("$LOUYU" info "$tmp/delft.geojson" $bag | sed -n "/^Other properties/,\$p")"
# every city object louyu draws, roads as their areas, each geometry valid for other tools
# (GEOS, through GDAL: no ring that touches itself where two areas meet at a corner)
run 0 validate "$tmp/delft.geojson"; expect out 'valid: 160 buildings, 356 other features'
check 'python3 -c "import json,sys; f=json.load(open(sys.argv[1]))[\"features\"]; r=[x for x in f if x[\"properties\"].get(\"kind\")==\"road\"]; assert len(r)==146 and all(\"Polygon\" in x[\"geometry\"][\"type\"] and x[\"geometry\"][\"coordinates\"] for x in r)" "$tmp/delft.geojson"' \
  "Delft's roads are not exported as their areas"
ogrinfo -q -dialect sqlite -sql "SELECT count(*) AS bad FROM delft WHERE NOT ST_IsValid(geometry)" \
  "$tmp/delft.geojson" >"$tmp/ogr" 2>/dev/null
check 'grep -q "bad (Integer) = 0" "$tmp/ogr"' "Delft as GeoJSON has invalid geometries: $(grep bad "$tmp/ogr")"
check 'diff <("$LOUYU" stats "$cj/delft.city.json") <("$LOUYU" stats "$tmp/delft.geojson") >/dev/null' \
  "Delft as GeoJSON is not the same district: $(diff <("$LOUYU" stats "$cj/delft.city.json") <("$LOUYU" stats "$tmp/delft.geojson") | head -4)"
# Rotterdam's subset names no reference system: GeoJSON (longitude, latitude) is refused, the
# CSV has no coordinates, the glTF's origin is in the file's own metres; given its system
# (the Dutch one, RD New with NAP heights) it is exported
run 2 export "$cj/rotterdam_subset.city.json" --out "$tmp/rot-local.geojson"
expect err 'names no reference system .*: expected a CityJSON file with metadata.referenceSystem'
check '[ ! -e "$tmp/rot-local.geojson" ]' "a refused GeoJSON export left a file"
# ... and so is a store (its buildings are longitude and latitude): none is made
run 2 convert "$cj/rotterdam_subset.city.json" "$tmp/rot-local.gpkg"
expect err 'names no reference system .*a store.s buildings are longitude and latitude'
check '[ ! -e "$tmp/rot-local.gpkg" ]' "a refused store was left behind"
run 0 export "$cj/rotterdam_subset.city.json" --out "$tmp/rot-local.csv"
check 'python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding=\"utf-8-sig\"))); assert len(r)==16 and all(x[\"lon\"]==\"\" and x[\"lat\"]==\"\" for x in r)" "$tmp/rot-local.csv"' \
  "a CSV of a file with no reference system claims coordinates: $(sed -n 2p "$tmp/rot-local.csv")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.setdefault("metadata",{})["referenceSystem"]="https://www.opengis.net/def/crs/EPSG/0/7415"; json.dump(d,open(sys.argv[2],"w"))' \
  "$cj/rotterdam_subset.city.json" "$tmp/rot.city.json"
run 0 export "$tmp/rot.city.json" --out "$tmp/rot.geojson"
# heights are floats from the model's vertices: JSON gives them to the millimetre (18.29, not
# 18.290000915527344)
run 0 stats "$tmp/rot.city.json" --json; expect out '"max_height_m":	18.29,'
run 0 info "$tmp/rot.city.json" --json
check '! grep -qE "height_m\":[[:space:]]*[0-9.]{9}" "$tmp/out"' "info --json: float noise in heights: $(grep -m1 height_m "$tmp/out")"
# RFC 7946's winding: a ground surface faces down, its ring the other way round from a roof's
run 0 export "$cj/sample.city.json" --out "$tmp/sample.geojson"
check 'python3 "$SRC/tests/geojson_winding.py" "$tmp/sample.geojson" "$tmp/rot.geojson" "$tmp/delft.geojson" >"$tmp/py"' \
  "CityJSON as GeoJSON: rings the wrong way round: $(head -3 "$tmp/py")"
"$LOUYU" export "$tmp/rot.city.json" --format csv --out "$tmp/rot-a.csv" >/dev/null 2>&1
"$LOUYU" export "$tmp/rot.geojson" --format csv --out "$tmp/rot-b.csv" >/dev/null 2>&1
check 'python3 -c "import csv,sys; r=lambda f: sorted((x[\"id\"], x[\"height_m\"], x[\"floors\"]) for x in csv.DictReader(open(f,encoding=\"utf-8-sig\"))); a,b=r(sys.argv[1]),r(sys.argv[2]); assert len(a)==16 and a==b, (a[:2],b[:2])" "$tmp/rot-a.csv" "$tmp/rot-b.csv"' \
  "Rotterdam's heights and floors as GeoJSON are not the CityJSON's"
"$LOUYU" convert "$cj/sample.city.json" "$tmp/cj.gpkg" >/dev/null 2>&1
run 0 export "$tmp/cj.gpkg" --out "$tmp/cj-store.geojson"
run 0 validate "$tmp/cj-store.geojson"; expect out 'valid: 5 buildings'
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" SDL_VIDEODRIVER=offscreen \
  "$LOUYU" publish "$cj/sample.city.json" "$tmp/cj-site" >"$tmp/out" 2>"$tmp/err"
rc=$?
check '[ $rc = 0 ]' "publish of a CityJSON district failed: $(tail -3 "$tmp/err")"
run 0 validate "$tmp/cj-site/data/district.geojson"; expect out 'valid: 5 buildings'

# ---- absurd values: a height of 1e308 is not used, a vertex beyond the earth is refused ---
python3 - "$tmp" <<'PY'
import json, sys
cube = {"type": "Solid", "lod": "1", "boundaries": [[[[0, 3, 2, 1]], [[4, 5, 6, 7]], [[0, 1, 5, 4]],
        [[1, 2, 6, 5]], [[2, 3, 7, 6]], [[3, 0, 4, 7]]]]}
def doc(vertex3, height):
    v = [[0, 0, 0], [1000, 0, 0], [1000, 1000, 0], vertex3, [0, 0, 3000], [1000, 0, 3000],
         [1000, 1000, 3000], [0, 1000, 3000]]
    return {"type": "CityJSON", "version": "2.0",
            "transform": {"scale": [0.01, 0.01, 0.01], "translate": [85000, 446000, 0]},
            "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/7415"},
            "CityObjects": {"b1": {"type": "Building", "attributes": {"measuredHeight": height},
                                   "geometry": [cube]}}, "vertices": v}
json.dump(doc([0, 1000, 0], 1e308), open(sys.argv[1] + "/tall.city.json", "w"))
json.dump(doc([0, 1e300, 0], 30), open(sys.argv[1] + "/far.city.json", "w"))
PY
run 0 validate "$tmp/tall.city.json"
expect err 'city object "b1": "measuredHeight" is 1e\+308: expected a height in metres > 0 and ≤ 1000'
run 0 stats "$tmp/tall.city.json" --json; expect out '"max_height_m":	30,'
run 1 validate "$tmp/far.city.json"
expect err 'far.city.json:1:[0-9]+: error: vertex 3 \(85000, 1e\+298, 0.000\) lies beyond any place on the earth: expected coordinates in EPSG:7415'

finish
