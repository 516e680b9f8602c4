#!/usr/bin/env bash
# louyu export: the building stock as CSV (per building and per floor, both header
# languages, a selection), read back with Python's csv module and checked against the
# district's own figures (louyu stats); the district as binary glTF; hostile names come
# out as inert text; bad arguments are refused with a reason and write nothing; a
# store's week as GeoJSON.
# GLB: the Khronos glTF-Validator, then tests/gltf_check.py; CityJSON: the schema with
# ajv, then tests/cityjson_check.py. Needs LOUYU, SRC, GLTF_VALIDATOR and AJV (the npm
# packages' folders).
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC")
. "$(dirname "$0")/lib.sh"
district=$SRC/data/zhanshan.geojson

# ---- per building ---------------------------------------------------------------------
"$LOUYU" export "$district" --format csv --out "$tmp/stock.csv" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ]' "export csv failed: $(cat "$tmp/out")"
check 'grep -q "33 buildings" "$tmp/out"' "export does not say what it wrote: $(cat "$tmp/out")"
check '[ "$(head -c 3 "$tmp/stock.csv" | od -An -tx1 | tr -d " ")" = efbbbf ]' "no UTF-8 byte-order mark"
check 'grep -q $'"'"'\r$'"'"' "$tmp/stock.csv"' "lines do not end with CR LF"
# written over, a file keeps its permissions (a private 0600 CSV stays private)
chmod 600 "$tmp/stock.csv"
"$LOUYU" export "$district" --format csv --out "$tmp/stock.csv" >/dev/null 2>&1
check '[ "$(stat -c %a "$tmp/stock.csv")" = 600 ]' "an export over a 0600 file made it $(stat -c %a "$tmp/stock.csv")"
"$LOUYU" stats "$district" --json >"$tmp/stats.json"
python3 - "$tmp/stock.csv" "$tmp/stats.json" >"$tmp/py" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
stats = json.load(open(sys.argv[2]))
assert len(rows) == stats["buildings"] == 33, len(rows)
wtc = next(r for r in rows if r["id"] == "wtc")
assert wtc["name"] == "青岛世贸中心 A/B座" and wtc["floors"] == "30", wtc
assert float(wtc["height_m"]) == 118.0 and wtc["status"] == "completed", wtc
vacant = sum(float(r["vacant_m2"]) for r in rows if r["vacant_m2"])
assert abs(vacant - stats["vacant_m2"]) < 1, (vacant, stats["vacant_m2"])
ent = sum(int(r["enterprises"]) for r in rows)
assert ent == stats["enterprises_in_buildings"], (ent, stats["enterprises_in_buildings"])
tax = sum(float(r["tax_2010_cny"]) for r in rows if r["tax_2010_cny"])
assert abs(tax - stats["tax_2010_cny"]) < 1, (tax, stats["tax_2010_cny"])
# an unknown figure is an empty cell, never 0 or -1
assert all(not r["rent_cny_m2_day"].startswith("-") for r in rows)
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "the CSV does not match the district: $(cat "$tmp/py")"

# a building whose floors with space ask 3.25, 15.50 and 面议 (its own rent 4.00): the CSV
# gives what its card and the portal say, not its own rent alone (it had said 4.00)
python3 - "$tmp/mixed.geojson" <<'PY'
import json, sys
ring = [[120.37, 36.062], [120.3705, 36.062], [120.3705, 36.0624], [120.37, 36.0624], [120.37, 36.062]]
recs = [{"floor": 1, "area_m2": 2000, "vacant_m2": 250, "rent_cny_m2_day": 3.25},
        {"floor": 2, "area_m2": 2000, "vacant_m2": 500, "rent_to_be_agreed": True},
        {"floor": 3, "area_m2": 2000, "vacant_m2": 250, "rent_cny_m2_day": 15.5},
        {"floor": 4, "area_m2": 2000, "vacant_m2": 0, "rent_cny_m2_day": 1.5}]
f = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
     "properties": {"id": "mixed", "kind": "building", "name": "混合楼", "floors": 4, "height_m": 16,
                    "rent_cny_m2_day": 4.0, "floor_records": recs}}
json.dump({"type": "FeatureCollection", "features": [f]}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
"$LOUYU" export "$tmp/mixed.geojson" --format csv >"$tmp/mixed.csv" 2>"$tmp/err"
"$LOUYU" export "$tmp/mixed.geojson" --format csv --floors >"$tmp/mixed-f.csv" 2>>"$tmp/err"
"$LOUYU" info "$tmp/mixed.geojson" mixed >"$tmp/mixed.txt" 2>>"$tmp/err"
check 'python3 -c "
import csv, sys
b = next(csv.DictReader(open(sys.argv[1], encoding=\"utf-8-sig\")))
assert (b[\"rent_cny_m2_day\"], b[\"rent_max_cny_m2_day\"], b[\"rent_to_be_agreed\"]) == (\"3.25\", \"15.50\", \"1\"), b
f = {r[\"floor\"]: (r[\"rent_cny_m2_day\"], r[\"rent_to_be_agreed\"]) for r in csv.DictReader(open(sys.argv[2], encoding=\"utf-8-sig\"))}
assert f == {\"1\": (\"3.25\", \"0\"), \"2\": (\"\", \"1\"), \"3\": (\"15.50\", \"0\"), \"4\": (\"1.50\", \"0\")}, f
" "$tmp/mixed.csv" "$tmp/mixed-f.csv" && grep -q "^Rent  *3.25–15.50 CNY/m²/day · to be agreed$" "$tmp/mixed.txt"' \
  "the CSV's rents unlike the card's: $(cut -d, -f14-16 "$tmp/mixed.csv") / $(grep ^Rent "$tmp/mixed.txt") $(head -2 "$tmp/err")"

# floors whose figures have more than a tenth of a m² (a week's range shared by area): the
# floor rows, as written, add up to the building's row (each rounded alone, three floors of
# 33.35 m² had given 100.2 m² under a building of 100.1 m²)
python3 - "$tmp/tenths.geojson" <<'PY'
import json, sys
ring = [[120.37, 36.062], [120.3705, 36.062], [120.3705, 36.0624], [120.37, 36.0624], [120.37, 36.062]]
recs = [{"floor": k + 1, "area_m2": 1000.05 + k, "vacant_m2": 33.35} for k in range(3)]
recs.append({"floor": 4, "area_m2": 999.96, "vacant_m2": 0.04})
f = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
     "properties": {"id": "t", "kind": "building", "name": "T", "floors": 4, "height_m": 16,
                    "floor_records": recs}}
json.dump({"type": "FeatureCollection", "features": [f]}, open(sys.argv[1], "w"))
PY
"$LOUYU" export "$tmp/tenths.geojson" --format csv >"$tmp/tenths.csv" 2>"$tmp/err"
"$LOUYU" export "$tmp/tenths.geojson" --format csv --floors >"$tmp/tenths-f.csv" 2>>"$tmp/err"
check 'python3 -c "
import csv, sys
b = next(csv.DictReader(open(sys.argv[1], encoding=\"utf-8-sig\")))
f = list(csv.DictReader(open(sys.argv[2], encoding=\"utf-8-sig\")))
tenths = lambda rows, k: sum(round(float(r[k]) * 10) for r in rows)
assert (b[\"recorded_area_m2\"], b[\"vacant_m2\"]) == (\"4003.1\", \"100.1\"), b
assert tenths(f, \"vacant_m2\") == 1001 and tenths(f, \"area_m2\") == 40031, [(r[\"area_m2\"], r[\"vacant_m2\"]) for r in f]
" "$tmp/tenths.csv" "$tmp/tenths-f.csv"' "the floor rows do not add up to the building row: $(cat "$tmp/tenths-f.csv") $(head -2 "$tmp/err")"

# ---- per floor: plant and parking floors are not let -----------------------------------
# a plant or parking floor with no space to let has no occupancy and no rent, as the stats and
# the card have it (it had been 1.000 let at the building's rent): a sheet's sums over the floors
# with an occupancy give louyu stats' area to let and leased area, and each building's row
"$LOUYU" export "$district" --format csv --floors --out "$tmp/all-f.csv" >/dev/null 2>"$tmp/err"
python3 - "$tmp/all-f.csv" "$tmp/stock.csv" "$tmp/stats.json" >"$tmp/py" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
stock = {r["id"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline=""))}
stats = json.load(open(sys.argv[3]))
plant = [r for r in rows if r["use"] in ("plant", "parking") and float(r["vacant_m2"]) < 1]
assert plant, "the district has no plant floors to check"
bad = [(r["building_id"], r["floor"], r["occupancy"], r["rent_cny_m2_day"], r["rent_to_be_agreed"])
       for r in plant if r["occupancy"] or r["rent_cny_m2_day"] or r["rent_to_be_agreed"] != "0"]
assert not bad, bad
let = [r for r in rows if r["occupancy"]]
area = sum(float(r["area_m2"]) for r in let)
leased = sum(float(r["area_m2"]) - float(r["vacant_m2"]) for r in let)
assert abs(area - stats["recorded_area_m2"]) < 1, (area, stats["recorded_area_m2"])
assert abs(leased - stats["leased_m2"]) < 1, (leased, stats["leased_m2"])
for bid, b in stock.items():
    t = sum(round(float(r["area_m2"]) * 10) for r in let if r["building_id"] == bid)
    assert t == round(float(b["recorded_area_m2"] or 0) * 10), (bid, t, b["recorded_area_m2"])
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "plant floors in the floors CSV: $(cat "$tmp/py" "$tmp/err")"

# ---- per floor, Chinese header, a selection ---------------------------------------------
"$LOUYU" export "$district" --format csv --floors --lang zh --select "wtc, hisense,wtc" \
  >"$tmp/floors.csv" 2>"$tmp/err"
rc=$?
check '[ $rc = 0 ]' "export --floors failed: $(cat "$tmp/err")"
"$LOUYU" info "$district" wtc --json >"$tmp/wtc.json"
"$LOUYU" info "$district" hisense --json >"$tmp/hisense.json"
python3 - "$tmp/floors.csv" "$tmp/wtc.json" "$tmp/hisense.json" >"$tmp/py" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0][:4] == ["楼宇编号", "楼宇名称", "楼层", "用途"], rows[0]
body = rows[1:]
# the use in Chinese under a Chinese header (it had been "office", "retail" there)
uses = {r[3] for r in body}
assert "办公" in uses and uses <= {"办公", "商业", "酒店", "公寓", "停车", "设备层", "综合", "其他"}, uses
ids = [r[0] for r in body]
assert set(ids) == {"wtc", "hisense"} and ids.index("wtc") < ids.index("hisense"), set(ids)
for name in sys.argv[2:]:
    info = json.load(open(name))
    floors = [r for r in body if r[0] == info["id"]]
    assert len(floors) == len(info["floor_records"]), (info["id"], len(floors))
    vac = sum(float(r[5]) for r in floors)
    assert abs(vac - sum(f["vacant_m2"] for f in info["floor_records"])) < 0.5, info["id"]
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "the floor rows do not match louyu info: $(cat "$tmp/py")"

# ---- per building in Chinese: the status in Chinese too; English keeps the data's keys ---
"$LOUYU" export "$district" --format csv --lang zh --select wtc >"$tmp/zh.csv" 2>"$tmp/err"
"$LOUYU" export "$district" --format csv --select wtc >"$tmp/en.csv" 2>>"$tmp/err"
python3 - "$tmp/zh.csv" "$tmp/en.csv" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
zh = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
en = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
col = zh[0].index("状态")
assert zh[1][col] == "已建成", zh[1][col]
assert en[0]["status"] == "completed", en[0]["status"]
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "the status cell in Chinese: $(cat "$tmp/py" "$tmp/err")"

# ---- hostile names: text in every cell, formulas neutralised ------------------------------
python3 - "$district" "$tmp/evil.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
b = [f for f in d["features"] if f["properties"].get("kind", "building") == "building"]
b[0]["properties"]["name"] = "=HYPERLINK(\"http://x\",\"y\")"
b[1]["properties"]["name_en"] = "+1+cmd|' /C calc'!A0"
b[2]["properties"]["name"] = "-2+3"
b[3]["properties"]["name_en"] = "@SUM(1)"
b[4]["properties"]["name"] = "<script>alert(1)</script>,\"quoted\"\nnext line"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$LOUYU" export "$tmp/evil.geojson" --out "$tmp/evil.csv" >/dev/null 2>&1
python3 - "$tmp/evil.csv" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert len(rows) == 33, len(rows)
cells = [c for r in rows for c in r.values()]
bad = [c for c in cells if c and c[0] in "=+@" or (c.startswith("-") and not c[1:2].isdigit())]
assert not bad, bad
names = {c for r in rows for c in (r["name"], r["name_en"])}
assert "'=HYPERLINK(\"http://x\",\"y\")" in names and "'-2+3" in names, names
# (a name is one line: its line break is a space)
assert "<script>alert(1)</script>,\"quoted\" next line" in names, "a name did not round-trip"
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "hostile names: $(cat "$tmp/py")"

# a building astride 180° (Taveuni, Fiji): its lon is the middle of its extent the short
# way round (179.99985), not the long way (0.0002)
python3 - "$tmp/fiji.geojson" <<'PY'
import json, sys
ring = [[179.9996, -16.8], [-179.9999, -16.8], [-179.9999, -16.7996], [179.9996, -16.7996],
        [179.9996, -16.8]]
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "b2",
           "properties": {"height": 12}, "geometry": {"type": "Polygon", "coordinates": [ring]}}]},
          open(sys.argv[1], "w"))
PY
"$LOUYU" export "$tmp/fiji.geojson" --format csv --out "$tmp/fiji.csv" >/dev/null 2>&1
python3 - "$tmp/fiji.csv" >"$tmp/py" 2>&1 <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
lon = float(row["lon"])
print("ok" if abs((lon - 179.99985 + 180) % 360 - 180) < 1e-5 else "lon %s" % lon)
PY
check 'grep -qx ok "$tmp/py"' "a building across 180°: $(cat "$tmp/py")"
# and CityJSON puts it in UTM zone 60 south (EPSG:32760), not in zone 30 by 0° (32730)
"$LOUYU" export "$tmp/fiji.geojson" --format cityjson --out "$tmp/fiji.city.json" >/dev/null 2>&1
check 'grep -q "EPSG/0/32760\"" "$tmp/fiji.city.json"' \
  "a building across 180° in CityJSON: $(grep -o '"referenceSystem":"[^"]*"' "$tmp/fiji.city.json")"

# ---- refused with a reason, nothing written ------------------------------------------------
expect_fail() { # WHAT PATTERN ARGS...
  local what=$1 pat=$2
  shift 2
  rm -f "$tmp/no.csv"
  "$LOUYU" export "$@" >"$tmp/out" 2>&1
  local rc=$?
  check '[ $rc != 0 ] && grep -q "$pat" "$tmp/out" && [ ! -e "$tmp/no.csv" ]' \
    "$what: rc $rc, $(cat "$tmp/out")"
}
expect_fail "an unknown id" "no building has the id or name 'nope'" "$district" --out "$tmp/no.csv" --select wtc,nope
# --select takes a building's name as info and the reports do: the same rows as its id
"$LOUYU" export "$district" --format csv --select wtc,hisense >"$tmp/by-id.csv" 2>/dev/null
"$LOUYU" export "$district" --format csv --select "青岛世贸中心 A/B座, hisense tower" >"$tmp/by-name.csv" 2>"$tmp/err"
check '[ "$(wc -l <"$tmp/by-id.csv")" = 3 ] && cmp -s "$tmp/by-id.csv" "$tmp/by-name.csv"' \
  "--select by name: $(cat "$tmp/err") $(diff "$tmp/by-id.csv" "$tmp/by-name.csv" | head -3)"
expect_fail "no format" "which format" "$district"
# .gltf is glTF's JSON form: binary glTF is not written under that name, asked for or not
for f in "" "--format glb"; do
  # shellcheck disable=SC2086 # (the format's two words, or none)
  expect_fail "a .gltf out $f" "a .gltf file is glTF's JSON form; louyu writes binary glTF: expected an --out ending in .glb" "$district" $f --out "$tmp/m.gltf"
  check '[ ! -e "$tmp/m.gltf" ]' "binary glTF written to m.gltf ($f)"
done
# --lang names the CSV header's language: given to another format it is refused, not ignored
expect_fail "--lang for glb" "and --lang are not for glb" "$district" --out "$tmp/no.csv" --format glb --lang zh
expect_fail "--lang for geojson" "lang is for csv" "$district" --out "$tmp/no.csv" --format geojson --lang zh
expect_fail "an unknown format" "csv|glb|cityjson|geojson" "$district" --format xlsx --out "$tmp/no.csv"
expect_fail "a week for CSV" "week is for GeoJSON" "$district" --out "$tmp/no.csv" --week 2011-W17
# GeoJSON is the whole district: what would cut it is refused, not left unsaid
expect_fail "--select for GeoJSON" "not for geojson" "$district" --format geojson --out "$tmp/no.csv" --select wtc
expect_fail "--floors for GeoJSON" "not for geojson" "$district" --format geojson --out "$tmp/no.csv" --floors
expect_fail "a week of a file not a store" "is not one" "$district" --format geojson --out "$tmp/no.csv" --week 2011-W17
# GeoJSON from a GeoJSON file: its own text (without the operators' cameras); from a
# shapefile: the GeoJSON it is read as
"$LOUYU" export "$SRC/tests/data/wild/osm-export.geojson" --out "$tmp/same.geojson" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ] && cmp -s "$SRC/tests/data/wild/osm-export.geojson" "$tmp/same.geojson"' \
  "GeoJSON from a GeoJSON file is not its text: $(cat "$tmp/out")"
"$LOUYU" export "$district" --out "$tmp/public.geojson" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ] && grep -q "3 cameras left out (for operators only)" "$tmp/out" && ! grep -q "\"camera\"" "$tmp/public.geojson" && "$LOUYU" validate "$tmp/public.geojson" | grep -q "valid: 33 buildings"' \
  "GeoJSON from the district keeps its cameras or its buildings not: $(cat "$tmp/out")"
# a file with its rings the other way (outer clockwise, a hole counter-clockwise, as many
# tools write them): turned as RFC 7946 wants, said, and only the rings changed
python3 - "$tmp/cw.geojson" <<'PY'
import json, sys
outer = [[120.38, 36.06], [120.38, 36.061], [120.381, 36.061], [120.381, 36.06], [120.38, 36.06]]
hole = [[120.3803, 36.0603], [120.3807, 36.0603], [120.3807, 36.0607], [120.3803, 36.0607],
        [120.3803, 36.0603]]
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "cw",
           "properties": {"height": 20, "name": "CW"},
           "geometry": {"type": "Polygon", "coordinates": [outer, hole]}}]}, open(sys.argv[1], "w"))
PY
"$LOUYU" export "$tmp/cw.geojson" --out "$tmp/ccw.geojson" >"$tmp/out" 2>&1
rc=$?
python3 - "$tmp/cw.geojson" "$tmp/ccw.geojson" >"$tmp/py" 2>&1 <<'PY'
import json, sys
def area(r):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(r, r[1:]))
src, out = (json.load(open(p)) for p in sys.argv[1:])
rings = out["features"][0]["geometry"]["coordinates"]
ok = area(rings[0]) > 0 and area(rings[1]) < 0
ok &= [sorted(map(tuple, r)) for r in rings] == \
      [sorted(map(tuple, r)) for r in src["features"][0]["geometry"]["coordinates"]]
ok &= out["features"][0]["properties"] == src["features"][0]["properties"]
print("ok" if ok else "bad: %s" % rings)
PY
check '[ $rc = 0 ] && grep -qx ok "$tmp/py" && grep -q "2 rings turned as RFC 7946 wants" "$tmp/out"' \
  "rings not turned: $(cat "$tmp/out" "$tmp/py")"
for e in shp dbf prj cpg; do cp "$SRC/tests/data/wild/shapefile/zhanshan-cgcs2000.$e" "$tmp/hx.$e"; done
"$LOUYU" export "$tmp/hx.shp" --out "$tmp/hx.geojson" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ] && "$LOUYU" validate "$tmp/hx.geojson" | grep -q "valid: 3 buildings"' "GeoJSON from a shapefile: $(cat "$tmp/out")"
expect_fail "a bad district" "building-height-missing.geojson:[0-9]*:[0-9]*" "$SRC/tests/data/bad/building-height-missing.geojson" --out "$tmp/no.csv"
printf 'old' >"$tmp/keep.csv"
"$LOUYU" export "$district" --out "$tmp/keep.csv" --select nope >/dev/null 2>&1
check '[ "$(cat "$tmp/keep.csv")" = old ]' "a refused export changed the file it would have written"
check '[ -z "$(ls "$tmp" | grep "keep.csv.")" ]' "a refused export left a temporary file"

# ---- glTF: the Khronos validator, then what it cannot check (tests/gltf_check.py) --------
"$LOUYU" info "$district" --json >"$tmp/info.json"
"$LOUYU" export "$district" --out "$tmp/z.glb" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ] && grep -q "33 buildings" "$tmp/out"' "export glb failed: $(cat "$tmp/out")"
python3 "$SRC/tests/gltf_check.py" "$GLTF_VALIDATOR" "$tmp/z.glb" "$tmp/info.json" >"$tmp/py" 2>&1
check 'grep -qx "ok 33 buildings" "$tmp/py"' "the district's GLB: $(tail -5 "$tmp/py")"
"$LOUYU" export "$district" --format glb --out "$tmp/sel.glb" --select hisense,wtc >/dev/null 2>&1
python3 "$SRC/tests/gltf_check.py" "$GLTF_VALIDATOR" "$tmp/sel.glb" "$tmp/info.json" \
  --ids hisense,wtc --no-ground >"$tmp/py" 2>&1
check 'grep -qx "ok 2 buildings" "$tmp/py"' "a selection's GLB: $(tail -5 "$tmp/py")"
# real footprints (San Francisco, with holes and odd outlines), and hostile names
sf=$SRC/tests/data/sf-buildings/sf-buildings.geojson
"$LOUYU" info "$sf" --json >"$tmp/sf.json"
"$LOUYU" export "$sf" --out "$tmp/sf.glb" >"$tmp/out" 2>&1
python3 "$SRC/tests/gltf_check.py" "$GLTF_VALIDATOR" "$tmp/sf.glb" "$tmp/sf.json" >"$tmp/py" 2>&1
check 'grep -qx "ok 13896 buildings" "$tmp/py"' "San Francisco's GLB: $(tail -5 "$tmp/py")"
"$LOUYU" info "$tmp/evil.geojson" --json >"$tmp/evil.json"
"$LOUYU" export "$tmp/evil.geojson" --out "$tmp/evil.glb" >/dev/null 2>&1
python3 "$SRC/tests/gltf_check.py" "$GLTF_VALIDATOR" "$tmp/evil.glb" "$tmp/evil.json" >"$tmp/py" 2>&1
check 'grep -qx "ok 33 buildings" "$tmp/py"' "hostile names in a GLB: $(tail -5 "$tmp/py")"
expect_fail "a GLB to stdout" "FILE.glb is needed" "$district" --format glb
expect_fail "an empty selection" "names no building" "$district" --out "$tmp/no.csv" --select ,

# ---- CityJSON: the CityJSON schema (ajv), then what it cannot check (tests/cityjson_check.py)
schema=$SRC/tests/data/cityjson/cityjson.schema.json
for f in "$district" "$sf"; do
  name=$(basename "$f" .geojson)
  "$LOUYU" export "$f" --out "$tmp/$name.city.json" >"$tmp/out" 2>&1
  rc=$?
  check '[ $rc = 0 ]' "export cityjson $name: $(cat "$tmp/out")"
  node "$SRC/tests/cityjson_validate.js" "$AJV" "$schema" "$tmp/$name.city.json" >"$tmp/v" 2>&1
  check 'grep -qx valid "$tmp/v"' "$name's CityJSON against the schema: $(head -c 600 "$tmp/v")"
  "$LOUYU" info "$f" --json >"$tmp/$name.info.json"
  "$LOUYU" export "$f" --format csv --out "$tmp/$name.stock.csv" >/dev/null 2>&1
  python3 "$SRC/tests/cityjson_check.py" "$tmp/$name.city.json" "$tmp/$name.info.json" \
    "$tmp/$name.stock.csv" >"$tmp/py" 2>&1
  check 'grep -q "^ok " "$tmp/py"' "$name's CityJSON: $(tail -3 "$tmp/py")"
done
# the district's own name comes back (its English one had come back as its only name)
"$LOUYU" stats "$tmp/zhanshan.city.json" >"$tmp/out" 2>&1
check 'grep -q "^District  *湛山街道, data of 2011-04-29" "$tmp/out"' \
  "the CityJSON's district names: $(head -1 "$tmp/out")"
# parts are named ID-part-K, and never as a building already is: the export reads back whole
"$LOUYU" export "$SRC/tests/data/cityjson/part-id-collision.city.json" --out "$tmp/pc.city.json" >/dev/null 2>&1
"$LOUYU" validate "$tmp/pc.city.json" >"$tmp/out" 2>&1
check 'grep -q "valid: 2 buildings" "$tmp/out"' "parts named as a building is: $(cat "$tmp/out")"
# a level of detail the source wrote loosely ("2.25") is written as the schema has it ("2.3")
sed 's/"lod": "2"/"lod": "2.25"/g' "$SRC/tests/data/cityjson/part-id-collision.city.json" >"$tmp/lod.city.json"
"$LOUYU" export "$tmp/lod.city.json" --out "$tmp/lod.out.city.json" >/dev/null 2>&1
node "$SRC/tests/cityjson_validate.js" "$AJV" "$schema" "$tmp/lod.out.city.json" >"$tmp/v" 2>&1
check 'grep -qx valid "$tmp/v" && grep -q "\"lod\":\"2.3\"" "$tmp/lod.out.city.json"' "a loose LoD exported: $(head -c 300 "$tmp/v")"
"$LOUYU" export "$district" --format cityjson --select wtc,hisense --out "$tmp/two.city.json" >/dev/null 2>&1
check 'python3 -c "import json,sys; o=json.load(open(sys.argv[1]))[\"CityObjects\"]; sys.exit(sorted(k for k,v in o.items() if v[\"type\"]==\"Building\") != [\"hisense\",\"wtc\"])" "$tmp/two.city.json"' "--select in CityJSON"
# a shed lower than a storey: no storey count its own reader would count again (a clean
# district exported had warned "1 storeys in 1.1 m" when read back)
python3 -c 'import json,sys; x,y=120.38,36.06; d=0.0002; json.dump({"type":"FeatureCollection","features":[{"type":"Feature","id":"shed","properties":{"height":1.1},"geometry":{"type":"Polygon","coordinates":[[[x,y],[x+d,y],[x+d,y+d],[x,y+d],[x,y]]]}}]},open(sys.argv[1],"w"))' "$tmp/shed.geojson"
"$LOUYU" export "$tmp/shed.geojson" --out "$tmp/shed.city.json" >/dev/null 2>&1
"$LOUYU" validate "$tmp/shed.city.json" >"$tmp/out" 2>&1
check 'grep -q "valid: 1 building, .*; 0 warnings$" "$tmp/out"' \
  "a shed exported to CityJSON and read back: $(cat "$tmp/out")"
# the reference system a CityJSON export is written in: the UTM zone, with the grid's
# exceptions (south-west Norway, Svalbard), and polar stereographic beyond UTM's range
for case in "121.0 36.0 32651" "-70.0 -33.0 32719" "5.3 60.4 32632" "15.6 78.2 32633" \
            "10.0 89.5 32661" "10.0 -85.0 32761"; do
  read -r lon lat epsg <<<"$case"
  python3 -c 'import json,sys; x,y=float(sys.argv[1]),float(sys.argv[2]); d=0.0002; json.dump({"type":"FeatureCollection","features":[{"type":"Feature","id":"b","properties":{"height_m":20},"geometry":{"type":"Polygon","coordinates":[[[x,y],[x+d,y],[x+d,y+d],[x,y+d],[x,y]]]}}]},open(sys.argv[3],"w"))' \
    "$lon" "$lat" "$tmp/at.geojson"
  "$LOUYU" export "$tmp/at.geojson" --out "$tmp/at.city.json" >"$tmp/out" 2>&1
  check 'grep -q "\"referenceSystem\": *\"https://www.opengis.net/def/crs/EPSG/0/$epsg\"" "$tmp/at.city.json"' \
    "a building at $lon, $lat not written in EPSG:$epsg: $(grep -o 'EPSG/0/[0-9]*' "$tmp/at.city.json" | head -1) $(cat "$tmp/out")"
done

# ---- a store: its week as GeoJSON, and as CSV ---------------------------------------------
"$LOUYU" convert "$district" "$tmp/z.gpkg" >/dev/null 2>&1
"$LOUYU" export "$tmp/z.gpkg" --out "$tmp/week.geojson" >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ] && "$LOUYU" validate "$tmp/week.geojson" >/dev/null' "a store's week as GeoJSON: $(cat "$tmp/out")"
# an --out that names another kind of file is asked about, as for any district file (a
# store's week had been written as GeoJSON into copy.gpkg, which nothing then opened)
for o in copy.gpkg map.png; do
  "$LOUYU" export "$tmp/z.gpkg" --out "$tmp/$o" >"$tmp/out" 2>&1
  rc=$?
  check '[ $rc = 2 ] && grep -q "which format" "$tmp/out" && [ ! -e "$tmp/$o" ]' "a store exported to $o: rc $rc, $(cat "$tmp/out")"
done
"$LOUYU" export "$tmp/z.gpkg" --format csv --out "$tmp/store.csv" >/dev/null 2>&1
check 'cmp -s "$tmp/store.csv" "$tmp/stock.csv"' "the store's CSV differs from its district file's"
finish
