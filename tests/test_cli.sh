#!/usr/bin/env bash
# The command line end to end: exit codes, streams and output formats.
# Needs LOUYU (the binary), SRC (the source tree) and STORE (the bundled store).
set -u
. "$(dirname "$0")/lib.sh"
ZS="$SRC/data/zhanshan.geojson"
SF="$SRC/tests/data/sf-buildings/sf-buildings.geojson"
BAD="$SRC/tests/data/bad"

run 0 --version;            expect out '^louyu [0-9]+\.[0-9]+\.[0-9]+$'

# the viewer with no screen to reach says so and stops, rather than run unseen on
# SDL's offscreen fallback; shot (a hidden window) still works without one (SDL's video
# start-up leaves 1 KB of libdbus's behind, not louyu's: no leak check for this one)
mkdir -p "$tmp/xdg"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" SDL_VIDEODRIVER= DISPLAY=:no-such WAYLAND_DISPLAY= \
  XDG_RUNTIME_DIR="$tmp/xdg" run 3 "$ZS"
expect err 'no screen to open a window on .*SDL_VIDEODRIVER=offscreen'
run 0 --help;               expect out '^  validate +check data files'
expect out '^  shot +render what the window would show'
run 2 --bogus;              expect err "unknown option '--bogus'"
run 2 triangulate "$SRC/tests/data/earcut/water.json" --runs 5; expect err "--runs is for --many"
run 2 shot --out "$tmp/w.png" --wheel 1,2;  expect err "^louyu shot: --wheel wants X,Y,N \\(pixels, and notches from -200 to 200\\), not '1,2'$"
run 2 shot --out "$tmp/w.png" --find-near tram; expect err "--find-near wants one of metro\\|bus.*, not 'tram'"
run 2 frobnicate;           expect err "'frobnicate' is neither a command nor a file"
run 2 validate;             expect err 'usage: louyu validate'
run 2 validate "$tmp/none.geojson"
expect err "none.geojson: error: cannot open: No such file"
# a folder or a device as data: said plainly, not as a size
run 2 validate "$tmp";      expect err "^$tmp: error: is a directory: expected a file$"
run 2 validate /dev/null;   expect err "^/dev/null: error: is a device: expected a regular file$"

# "--" ends the options: a file whose name starts with "-"; an empty argument is named
cp "$ZS" "$tmp/-dash.geojson"
cd "$tmp" || exit 1
run 0 validate -- -dash.geojson; expect out '^-dash.geojson: valid: 33 buildings'
# a table's storeys (层数) with no height: 3.2 m each, as OSM's levels (it had been refused
# as 10 m over 10 floors)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"层数":10},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3805,36.06],[120.3805,36.0604],[120.38,36.0604],[120.38,36.06]]]}}]}' >"$tmp/floors.geojson"
run 0 info "$tmp/floors.geojson" --json; expect out '"height_m":.32,'
# other GIS formats louyu does not read: said as what they are, with the way to convert
# (each line: the file's name, its bytes as printf writes them, what the message says)
while IFS=$'\t' read -r name bytes said; do
  printf "$bytes" >"$tmp/$name"
  run 1 validate "$tmp/$name"; expect err "$said"
done <<'FORMATS'
a.kml	<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>\n	a.kml: error: the file is KML, which louyu does not read: .*ogr2ogr -f GeoJSON
a.fgb	fgb\003fgb\001\000\000\000	the file is FlatGeobuf, which louyu does not read
a.dxf	  0\nSECTION\n  2\nHEADER\n  0\nENDSEC\n  0\nEOF\n	the file is DXF \(a CAD drawing\), which louyu does not read
a.mif	Version 300\nCharset "WindowsSimpChinese"\nColumns 1\n  id Char(10)\nData\n	the file is MapInfo's MIF
a.topojson	{"type" : "Topology", "objects": {}, "arcs": []}	the file is TopoJSON
a.json	{"displayFieldName":"","geometryType":"esriGeometryPolygon","features":[]}	the file is Esri's JSON
a.opl	n1 v1 dV c0 t2011-01-01T00:00:00Z i0 u T x120.38 y36.06\nw10 v1 dV c0 t i0 u Tbuilding=yes Nn1,n2,n3,n1\n	the file is OpenStreetMap's OPL text.*osmium cat .*a.opl -o out.osm.pbf
a.o5m	\377\340\004o5m2\377\376	the file is OpenStreetMap's o5m, which louyu does not read
FORMATS
# an .osm whose root comes after a long notice (a licence in a comment, a DOCTYPE with its
# subset): OpenStreetMap's XML all the same (it had been read as JSON: "unexpected '<'")
{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<!-- %0600d -->\n' 0
  printf '<!DOCTYPE osm [ <!ENTITY x "a > b"> <!-- %0600d --> ]>\n' 0
  printf '<osm version="0.6"><node id="1" lat="36.06" lon="120.38"/><node id="2" lat="36.06" lon="120.3803"/>'
  printf '<node id="3" lat="36.0602" lon="120.3803"/><way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/>'
  printf '<nd ref="1"/><tag k="building" v="yes"/></way></osm>\n'; } >"$tmp/late.osm"
run 0 validate "$tmp/late.osm"; expect out 'late.osm: valid: 1 building'
# a way A, B, A ends where it starts but encloses nothing: said so, not "not closed"
printf '<osm version="0.6"><node id="1" lat="36.06" lon="120.38"/><node id="2" lat="36.06" lon="120.3803"/><node id="3" lat="36.0602" lon="120.3803"/><way id="9"><nd ref="1"/><nd ref="2"/><nd ref="1"/><tag k="building" v="yes"/></way><way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/></way></osm>\n' >"$tmp/aba.osm"
run 0 validate "$tmp/aba.osm"; expect err 'way 9.* has 2 distinct nodes: it is left out'
# a name of invisible characters alone (a zero-width space, a direction mark): said, and
# the building shown by its other name (it had drawn an empty label)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"\\u200b\\u200f","name_en":"Tower A","height":20},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3803,36.06],[120.3803,36.0602],[120.38,36.06]]]}}]}' >"$tmp/inv.geojson"
run 0 validate "$tmp/inv.geojson"; expect err 'inv.geojson:1:[0-9]+: warning: feature 0 "a": the Chinese name shows nothing'
run 0 info "$tmp/inv.geojson" a; expect out '^Tower A  \[a\]'
# a name and an address on two lines (a spreadsheet cell's): one line, in info's table too
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"Block A\\nTower\\t2","address":"1 Road\\r\\nQingdao","height":20},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3803,36.06],[120.3803,36.0602],[120.38,36.06]]]}}]}' >"$tmp/nl.geojson"
run 0 info "$tmp/nl.geojson" a; expect out '^Block A Tower 2  \[a\]$'; expect out '^Address +1 Road Qingdao$'
# ...by the file's own members only: a feature's property named so is GeoJSON's (sweep 45)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"type":"Topology","geometryType":"esriGeometryPolygon","spatialReference":1},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3805,36.06],[120.3805,36.0604],[120.38,36.06]]]}}]}' >"$tmp/props.geojson"
run 0 validate "$tmp/props.geojson"; expect out 'props.geojson: valid: 1 building'
mkdir -p "$tmp/a.gdb"
run 1 validate "$tmp/a.gdb"; expect err "the folder is an Esri File Geodatabase.*ogr2ogr -f GPKG"
printf 'WKT,id,height\n"POLYGON ((120 36,120.1 36,120.1 36.1,120 36))",a,30\n' >"$tmp/a.csv"
run 1 validate "$tmp/a.csv"; expect err "the file is a CSV table with WKT shapes, which louyu does not read"
run 2 validate -dash.geojson;    expect err "unknown option '-dash.geojson'"
cd - >/dev/null || exit 1
run 2 convert "$ZS" "";     expect err '^louyu convert: argument 2 is empty: expected FILE.geojson STORE.gpkg$'

# where a command writes is checked before its work, and said plainly
for c in "shot $ZS --out $tmp/no/x.png" "export $ZS --out $tmp/no/x.csv" \
  "synth --buildings 5 --out $tmp/no/x.geojson" "report template wtc --out $tmp/no/x.csv" \
  "convert $ZS $tmp/no/x.gpkg"; do
  run 2 $c; expect err "^louyu [a-z ]+: cannot write $tmp/no/x\.[a-z]+: its folder $tmp/no does not exist$"
done
run 2 publish "$ZS" "$tmp/no/site"
expect err "^louyu publish: cannot write $tmp/no/site: its folder $tmp/no does not exist$"
run 2 publish "$ZS" "$ZS";  expect err "cannot write $ZS: it is a file: expected a folder$"
run 2 convert "$ZS" "$tmp"; expect err "cannot write $tmp: it is a folder: expected a file$"
run 2 report template wtc --out "$tmp/t.xlsx"; expect err 'the template is a CSV file: name it .csv, not .xlsx'
# nor over what is read for it (a store, a district, however named), nor over a store: each
# had been replaced without a word, a store's weeks of reports lost
mkdir -p "$tmp/own/site/data"
cp "$STORE" "$tmp/own/s.gpkg"; cp "$STORE" "$tmp/own/other.gpkg"; cp "$ZS" "$tmp/own/d.geojson"
cp "$ZS" "$tmp/own/site/data/d.geojson"; ln -sf d.geojson "$tmp/own/link.geojson"
sum=$(cat "$tmp/own/s.gpkg" "$tmp/own/other.gpkg" "$tmp/own/d.geojson" | sha256sum)
for c in "export $tmp/own/s.gpkg --out $tmp/own/s.gpkg --format geojson" \
  "export $tmp/own/link.geojson --out $tmp/own/d.geojson" \
  "report template wtc --db $tmp/own/s.gpkg --out $tmp/own/s.gpkg" \
  "shot $tmp/own/d.geojson --out $tmp/own/d.geojson --size 64x48" \
  "synth --from $tmp/own/d.geojson --buildings 5 --out $tmp/own/d.geojson"; do
  run 2 $c; expect err "^louyu [a-z ]+: cannot write $tmp/own/[a-z]+\.[a-z]+: it is the file read \($tmp/own/[a-z]+\.[a-z]+\): expected another file"
done
run 2 export "$ZS" --out "$tmp/own/other.gpkg" --format geojson
expect err "cannot write $tmp/own/other.gpkg: it is a louyu store: expected another file \(louyu never writes over a store"
run 2 publish "$tmp/own/site/data/d.geojson" "$tmp/own/site"
expect err "cannot write $tmp/own/site: it holds the file read \($tmp/own/site/data/d.geojson\), and is replaced whole"
check '[ "$(cat "$tmp/own/s.gpkg" "$tmp/own/other.gpkg" "$tmp/own/d.geojson" | sha256sum)" = "$sum" ] && [ -f "$tmp/own/site/data/d.geojson" ]' \
  "a command written over what it read"
run 2 report history wtc --db "$tmp/none.gpkg"; expect err "^louyu report history: $tmp/none.gpkg: No such file or directory"
# a publish that fails leaves nothing half-made beside its folder
mkdir -p "$tmp/pub" "$tmp/noweb"
# (a publish draws: the GL driver's own allocations are not louyu's, no leak check, as in
# test_publish.sh)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 2 publish "$ZS" "$tmp/pub/site" --web "$tmp/noweb"
expect err 'no louyu.js there'
left=$(ls -A "$tmp/pub")
[ "$left" = ".site.lock" ] || [ -z "$left" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: a failed publish left: $left"; }
# a store is one file: reading it leaves no -wal or -shm beside it
run 0 convert "$ZS" "$tmp/one.gpkg"
run 0 stats "$tmp/one.gpkg"
run 0 report history wtc --db "$tmp/one.gpkg"
left=$(ls "$tmp" | grep '^one\.gpkg')
[ "$left" = "one.gpkg" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: beside a read store: $left"; }
# GeoJSON saved as UTF-16 (Windows Notepad's "Unicode", PowerShell 5's > and Out-File): read
# with a warning that says so (it had been refused as "invalid UTF-8 (byte 0xFF)", or without
# a byte-order mark "NUL byte in the text"); positions the file's lines and characters; a
# store keeps it as UTF-8
python3 - "$tmp" <<'PY'
import sys
t = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"世贸","height":12},\n'
     ' "geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3805,36.06],[120.3805,36.0604],[120.38,36.06]]]}}]}')
for name, enc in (("u16le", "utf-16-le"), ("u16be", "utf-16-be")):
    open(f"{sys.argv[1]}/{name}.geojson", "wb").write(("\ufeff" + t).encode(enc))
    open(f"{sys.argv[1]}/{name}-nobom.geojson", "wb").write(t.encode(enc))
open(f"{sys.argv[1]}/u16bad.geojson", "wb").write(("\ufeff" + t.replace('"height":12', '"height":-12')).encode("utf-16-le"))
open(f"{sys.argv[1]}/u16odd.geojson", "wb").write(("\ufeff" + t).encode("utf-16-le")[:-1])
PY
for f in u16le u16be u16le-nobom u16be-nobom; do
  run 0 validate "$tmp/$f.geojson"; expect out "valid: 1 building"
  case $f in u16le*) end=little ;; *) end=big ;; esac
  expect err "^$tmp/$f.geojson: warning: the file is UTF-16 \\($end-endian; Windows' \"Unicode\"\\), not UTF-8: read as UTF-16; expected UTF-8 \\(RFC 8259: other programs may not read it; save it as UTF-8\\)$"
done
run 1 validate "$tmp/u16bad.geojson"; expect err "u16bad.geojson:1:94: error: feature 0 \"#0\": \"height\" is -12"
run 1 validate "$tmp/u16odd.geojson"; expect err "error: the file is UTF-16 \\(little-endian\\) but does not decode as it \\(an odd number of bytes: was it cut short\\?\\): expected UTF-8"
run 0 convert "$tmp/u16le.geojson" "$tmp/u16.gpkg"
run 0 info "$tmp/u16.gpkg" '#0'; expect out '世贸'
# a base above the height louyu gave a building that has none: said as that (it had been
# "expected a number from 0 to 10 (exclusive)", 10 m being no number the file gave)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"building":"yes","min_height":15},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.3805,36.06],[120.3805,36.0604],[120.38,36.06]]]}}]}' >"$tmp/minh.geojson"
run 1 validate "$tmp/minh.geojson"
expect err "minh.geojson:1:103: error: feature 0 \"#0\": \"min_height\" is 15, but the building has no height: its top, 10 m, is from louyu's default; expected a \"height\" above 15 m \\(the top, in metres\\)$"
# buildings across 180° (a podium with a tower on it, a plain one): in the store's buildings
# layer the small shapes they are, their longitudes unwrapped (179.9998 to 180.0002), and
# the layer's extent that (they had been written from 179.9998 to -179.9998: bands round
# the earth in QGIS and GDAL, the extent the world); GDAL's copies of the layer read back
# as the same buildings (the tower is no shell of its own there)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"height":12},"geometry":{"type":"MultiPolygon","coordinates":[[[[179.9998,36.06],[-179.9998,36.06],[-179.9998,36.0603],[179.9998,36.0603],[179.9998,36.06]]],[[[179.99995,36.0601],[-179.99995,36.0601],[-179.99995,36.0602],[179.99995,36.0602],[179.99995,36.0601]]]]}},\n{"type":"Feature","properties":{"height":12},"geometry":{"type":"Polygon","coordinates":[[[179.9999,36.0605],[-179.9999,36.0605],[-179.9999,36.0607],[179.9999,36.0607],[179.9999,36.0605]]]}}]}' >"$tmp/am.geojson"
run 0 convert "$tmp/am.geojson" "$tmp/am.gpkg"
ogrinfo -ro -q -dialect sqlite -sql "SELECT id, ST_IsValid(geom) AS valid, round(ST_Area(geom) * 1e8) AS area, ST_MaxX(geom) AS east FROM buildings" "$tmp/am.gpkg" >"$tmp/q" 2>&1
check '[ "$(grep -E "valid|area|east" "$tmp/q" | tr -s " \n" " ")" = " valid (Integer) = 1 area (Real) = 12 east (Real) = 180.0002 valid (Integer) = 1 area (Real) = 4 east (Real) = 180.0001 " ]' \
  "the footprints across 180° in the store's layer (expected valid, 12e-8 and 4e-8 square degrees, east to 180.0002 and 180.0001): $(cat "$tmp/q")"
ogrinfo -ro -so "$tmp/am.gpkg" buildings >"$tmp/q" 2>&1
check 'grep -q "Extent: (179.999800, 36.060000) - (180.000200, 36.060700)" "$tmp/q"' "the layer's extent across 180°: $(grep Extent "$tmp/q")"
ogr2ogr -f GPKG "$tmp/am-copy.gpkg" "$tmp/am.gpkg" buildings
ogr2ogr -f GeoJSON "$tmp/am-layer.geojson" "$tmp/am.gpkg" buildings
bbox() { "$LOUYU" info "$1" "$2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bbox"])'; }
for f in am.gpkg am-copy.gpkg am-layer.geojson; do
  check '[ "$(bbox "$tmp/$f" "#1")" = "$(bbox "$tmp/am.geojson" "#1")" ]' "$f across 180°: $(bbox "$tmp/$f" "#1" 2>&1), not $(bbox "$tmp/am.geojson" "#1")"
  [ "$f" = am.gpkg ] ||
    check '[ "$(bbox "$tmp/$f" "#0")" = "[-179.9998, 36.06, 179.9998, 36.0603]" ]' "$f across 180°: the podium $(bbox "$tmp/$f" "#0" 2>&1)"
done

run 0 validate "$ZS";       expect out 'zhanshan.geojson: valid: 33 buildings'; expect_empty err
run 0 validate "$SF";       expect out 'valid: 13896 buildings'
run 0 validate "$SRC/docs/example.geojson"
expect out 'valid: 1 building, 7 other features, 2 enterprises; 0 warnings'
run 0 info "$SRC/docs/example.geojson" tower-1
expect out '^Other properties$'; expect out '^  parking_spaces: 120$'
expect out '^  window +District Commerce Bureau \(区商务局\)$'

# A bad file: one FILE:LINE:COL line per problem, then a count; exit 1.
printf '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature", "properties": {"height": -4},\n   "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]}\n' >"$tmp/neg.geojson"
run 1 validate "$tmp/neg.geojson"
expect err "^$tmp/neg.geojson:3:48: error: feature 0 \"#0\": \"height\" is -4: expected a height in metres"
expect out 'neg.geojson: invalid: 1 error, 0 warnings'
# GeoJSON in a projected system, as GDAL writes it (the 2008 "crs" member): read through
# PROJ into the same places. CGCS2000 / 3-degree Gauss-Kruger (EPSG:4547), which Chinese
# planners' data uses; without the "crs" the metres are said to need it.
WILD="$SRC/tests/data/wild/osm-export.geojson"
ogr2ogr -f GeoJSON -t_srs EPSG:4547 "$tmp/cgcs.geojson" "$WILD" 2>"$tmp/err"
check 'grep -q "EPSG::4547" "$tmp/cgcs.geojson"' "ogr2ogr did not write a projected GeoJSON: $(head -2 "$tmp/err")"
run 0 validate "$tmp/cgcs.geojson"; expect out 'cgcs.geojson: valid: 5 buildings'
# same_places FILE ID...: each building of FILE where it is in the OSM export (1e-8 degrees)
same_places() {
  local file=$1 id
  shift
  for id in "$@"; do
    "$LOUYU" info "$WILD" "$id" --json >"$tmp/a.json" 2>/dev/null
    "$LOUYU" info "$file" "$id" --json >"$tmp/b.json" 2>/dev/null
    check 'python3 -c "import json,sys; a=json.load(open(sys.argv[1]))[\"bbox\"]; b=json.load(open(sys.argv[2]))[\"bbox\"]; assert max(abs(x-y) for x,y in zip(a,b)) < 1e-8" "$tmp/a.json" "$tmp/b.json"' \
      "$id read from $file is not where it is in WGS 84"
  done
}
same_places "$tmp/cgcs.geojson" 1155353760 way/322667431 322667432
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("crs"); json.dump(d,open(sys.argv[2],"w"))' \
  "$tmp/cgcs.geojson" "$tmp/nocrs.geojson"
run 1 validate "$tmp/nocrs.geojson"
expect err "longitude [0-9.]+ is out of range: expected -180 to 180 \\(WGS84 degrees; coordinates in metres need the collection's \"crs\" to name their system"
# said once for the file (and once a feature, not each corner), with no --skip-bad advice
# (which had left no building, "valid")
expect err "nocrs.geojson: error: every position is in metres, not degrees: .*ogr2ogr -s_srs EPSG:NNNN"
check '! grep -q "skip-bad reads the file" "$tmp/err" && [ "$(grep -c "out of range" "$tmp/err")" -le 6 ]' \
  "metres without a crs: skip-bad advice, or an error per position: $(grep -c . "$tmp/err") lines"
run 1 validate --skip-bad "$tmp/nocrs.geojson"; expect err "every position is in metres"
# --skip-bad that leaves out every building is not a valid district
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [f["properties"].update(height=-4) for f in d["features"]]; json.dump(d,open(sys.argv[2],"w"))' \
  "$WILD" "$tmp/allbad.geojson"
run 1 validate --skip-bad "$tmp/allbad.geojson"; expect err "no building is left: --skip-bad left out every one"
sed 's/EPSG::4547/EPSG::999999/' "$tmp/cgcs.geojson" >"$tmp/badcrs.geojson"
run 1 validate "$tmp/badcrs.geojson"
expect err "badcrs.geojson:[0-9]+:[0-9]+: error: \"crs\" is \"urn:ogc:def:crs:EPSG::999999\": PROJ cannot transform it to WGS 84"
# ESRI shapefiles as GDAL writes them: San Francisco's footprints (every building, the same
# heights); the OSM export projected to EPSG:4547 with its table in GBK, in the same places;
# into a store; a bad value at its record and field.
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/sf.shp" "$SF" 2>"$tmp/err"
check '[ -s "$tmp/sf.dbf" ]' "ogr2ogr did not write a shapefile: $(head -2 "$tmp/err")"
run 0 validate "$tmp/sf.shp"; expect out 'sf.shp: valid: 13896 buildings'
# a side file picked in a file dialog is the shapefile it belongs to (the .shx had been
# "NUL byte in the text")
run 0 validate "$tmp/sf.shx"; expect out 'sf.shx: valid: 13896 buildings'
"$LOUYU" export "$SF" --format csv --out "$tmp/sf-a.csv" >/dev/null 2>&1
"$LOUYU" export "$tmp/sf.shp" --format csv --out "$tmp/sf-b.csv" >/dev/null 2>&1
check 'python3 -c "import csv,sys; h=lambda f: sorted(float(r[\"height_m\"]) for r in csv.DictReader(open(f,encoding=\"utf-8-sig\"))); a,b=h(sys.argv[1]),h(sys.argv[2]); assert len(a)==13896 and a==b" "$tmp/sf-a.csv" "$tmp/sf-b.csv"' \
  "San Francisco's heights read from the shapefile are not the GeoJSON's"
ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:4547 -lco ENCODING=CP936 -nlt PROMOTE_TO_MULTI -skipfailures \
  -where "OGR_GEOMETRY LIKE '%POLYGON%'" "$tmp/gbk.shp" "$WILD" 2>"$tmp/err"
run 0 validate "$tmp/gbk.shp"; expect out 'gbk.shp: valid: 5 buildings'
run 0 info "$tmp/gbk.shp" way/322667431; expect out '^Haitian Mall \(海天商场\)  \['
same_places "$tmp/gbk.shp" 322667430 way/322667431
# a Big5 table (Taiwan's, Hong Kong's) with traditional column names: by its .cpg, then by
# its language driver alone (dBASE's 0x78, code page 950)
cat >"$tmp/tw.geojson" <<'EOF2'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ID":"tw-2","名稱":"新光三越","高度":244,"層數":51},"geometry":{"type":"Polygon","coordinates":[[[121.515,25.046],[121.516,25.046],[121.516,25.047],[121.515,25.047],[121.515,25.046]]]}}]}
EOF2
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=CP950 "$tmp/big5.shp" "$tmp/tw.geojson" 2>"$tmp/err"
run 0 info "$tmp/big5.shp"; expect out '^tw-2 +244.0 m +51 .*新光三越$'
rm -f "$tmp/big5.cpg"
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[29]=0x78; open(p,"wb").write(d)' "$tmp/big5.dbf"
run 0 info "$tmp/big5.shp"; expect out '^tw-2 +244.0 m +51 .*新光三越$'; expect_empty err
run 0 convert "$tmp/gbk.shp" "$tmp/gbk.gpkg"; expect out 'a GeoPackage of 5 buildings from'
run 0 info "$tmp/gbk.gpkg" way/322667431; expect out '^Haitian Mall \(海天商场\)  \['
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["features"][2]["properties"]["height"]=-3; json.dump(d,open(sys.argv[2],"w"))' \
  "$WILD" "$tmp/neg3.geojson"
ogr2ogr -f "ESRI Shapefile" -nlt PROMOTE_TO_MULTI -skipfailures -where "OGR_GEOMETRY LIKE '%POLYGON%'" \
  "$tmp/neg3.shp" "$tmp/neg3.geojson" 2>/dev/null
run 1 validate "$tmp/neg3.shp"
expect err "^$tmp/neg3.shp:3:[0-9]+: error: record 3, field height: \"322667430\": \"height\" is \"-3\": expected a height in metres"
# GDAL's UTF-8 tables as they come: a text field 254 wide (its width byte over 127 is not
# text) and Chinese column names cut at dBASE's 10 bytes in the middle of a character
# (建筑高度 as 建筑高 and a byte); OpenStreetMap's keys laundered (building:levels as
# building_l); extensions in another case; a .prj with a byte order mark; a .shp cut short
# at a record's end
cat >"$tmp/u8.geojson" <<'EOF2'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"编号":"hx-9","名称":"海信广场","建筑高度":120,"地上层数":38},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}}]}
EOF2
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -sql 'SELECT "编号" AS id, CAST("名称" AS character(254)) AS "名称", "建筑高度", "地上层数" FROM u8' \
  "$tmp/u8.shp" "$tmp/u8.geojson" 2>/dev/null
run 0 info "$tmp/u8.shp"; expect out '^hx-9 +120.0 m +38 .*海信广场$'; expect_empty err
cat >"$tmp/lv.geojson" <<'EOF2'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"osm_id":"7","building":"office","building:levels":"30","name":"T","addr:street":"香港中路","addr:housenumber":"10"},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}}]}
EOF2
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/lv.shp" "$tmp/lv.geojson" 2>/dev/null
run 0 info "$tmp/lv.shp" 7; expect out '^Height +96.0 m, 30 floors$'; expect out '^Address +香港中路10号$'
# louyu's own names laundered the same way: a building's rent_cny_m2_day as rent_cny_m
cat >"$tmp/rent.geojson" <<'EOF2'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"r1","rent_cny_m2_day":4.5,"height_m":30},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}}]}
EOF2
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/rent.shp" "$tmp/rent.geojson" 2>/dev/null
run 0 info "$tmp/rent.shp" r1; expect out '^Rent +4.50 '
# a rent of 0 (a blank cell saved as 0) is no rent given, said once: info had shown 0.00
# while the portal and the finder took it as unknown
sed 's/"rent_cny_m2_day":4.5/"rent_cny_m2_day":0/' "$tmp/rent.geojson" >"$tmp/rent0.geojson"
run 0 validate "$tmp/rent0.geojson"
expect err '^[^ ]*rent0.geojson:1:[0-9]+: warning: feature 0 "r1": "rent_cny_m2_day" is 0: read as no rent given \(expected the asking rent in CNY per m² per day, above 0; leave it out when there is none\)$'
run 0 info "$tmp/rent0.geojson" r1
check '! grep -q "^Rent" "$tmp/out"' "a rent of 0 is shown: $(grep "^Rent" "$tmp/out")"
# one outside what the weekly reports take (0.1 to 50 a day): said, and kept
sed 's/"rent_cny_m2_day":4.5/"rent_cny_m2_day":120/' "$tmp/rent.geojson" >"$tmp/rent120.geojson"
run 0 validate "$tmp/rent120.geojson"
expect err '"rent_cny_m2_day" is 120: expected the asking rent in CNY per m² per day, from 0.1 to 50 \(is it a month.s or a year.s rent\?\); read as it is$'
mkdir -p "$tmp/case"
for e in shp dbf prj cpg; do cp "$SRC/tests/data/wild/shapefile/zhanshan-cgcs2000.$e" "$tmp/case/x.$e"; done
mv "$tmp/case/x.dbf" "$tmp/case/x.DBF"; mv "$tmp/case/x.prj" "$tmp/case/X.PRJ"
run 0 validate "$tmp/case/x.shp"; expect out 'x.shp: valid: 3 buildings, 0 other features, 0 enterprises; 0 warnings'
{ printf '\357\273\277'; cat "$tmp/case/X.PRJ"; } >"$tmp/case/x.prj" && rm "$tmp/case/X.PRJ"
run 0 validate "$tmp/case/x.shp"; expect out 'x.shp: valid: 3 buildings'
printf '' >"$tmp/case/x.prj"
run 1 validate "$tmp/case/x.shp"; expect err 'x.shp: error: the .prj is empty: expected its reference system as WKT'
python3 -c 'import struct,sys; p=sys.argv[1]; d=open(p,"rb").read(); n=100+8+2*struct.unpack(">i",d[104:108])[0]; open(p,"wb").write(d[:n])' "$tmp/case/x.shp"
run 1 validate "$tmp/case/x.shp"
expect err "x.shp: error: the .shp's header says it is [0-9]+ bytes, but the file is [0-9]+: expected the whole file \(it was cut short\?\)"
# OpenStreetMap as GDAL converts it (ogr2ogr's OSM driver, its multipolygons layer): the
# tags in "other_tags" (heights, levels, English names) read; a park drawn as a park
cat >"$tmp/t.osm" <<'OSM'
<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="louyu tests">
 <node id="1" lat="36.0600" lon="120.3800"/><node id="2" lat="36.0600" lon="120.3805"/>
 <node id="3" lat="36.0604" lon="120.3805"/><node id="4" lat="36.0604" lon="120.3800"/>
 <node id="5" lat="36.0601" lon="120.3801"/><node id="6" lat="36.0601" lon="120.3803"/>
 <node id="7" lat="36.0603" lon="120.3803"/><node id="8" lat="36.0603" lon="120.3801"/>
 <node id="11" lat="36.0620" lon="120.3820"/><node id="12" lat="36.0620" lon="120.3830"/>
 <node id="13" lat="36.0628" lon="120.3830"/><node id="14" lat="36.0628" lon="120.3820"/>
 <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
  <tag k="building" v="office"/><tag k="building:levels" v="30"/><tag k="height" v="120"/>
  <tag k="name" v="海信大厦"/><tag k="name:en" v="Hisense Tower"/></way>
 <way id="101"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
  <tag k="building:part" v="yes"/><tag k="height" v="20"/><tag k="building:levels" v="5"/></way>
 <way id="102"><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="8"/><nd ref="5"/>
  <tag k="building:part" v="yes"/><tag k="height" v="120"/><tag k="min_height" v="20"/></way>
 <way id="200"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/>
  <tag k="leisure" v="park"/><tag k="name" v="湛山公园"/></way>
</osm>
OSM
ogr2ogr -q -f GeoJSON "$tmp/osm-gdal.geojson" "$tmp/t.osm" multipolygons 2>"$tmp/err"
check 'grep -q "other_tags" "$tmp/osm-gdal.geojson"' "ogr2ogr did not write OSM's other_tags: $(head -2 "$tmp/err")"
run 0 validate "$tmp/osm-gdal.geojson"; expect out 'valid: 1 building, 1 other feature'
run 0 info "$tmp/osm-gdal.geojson"; expect out '^100 +120.0 m +30 .*Hisense Tower \(海信大厦\)$'
# its building parts: GDAL's OSM driver writes them (closed ways without an area tag it
# knows) to the lines layer; with both layers, the tower is drawn as its two parts
ogr2ogr -q -f GeoJSON "$tmp/osm-lines.geojson" "$tmp/t.osm" lines 2>"$tmp/err"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); a["features"]+=json.load(open(sys.argv[2]))["features"]; json.dump(a,open(sys.argv[3],"w"))' \
  "$tmp/osm-gdal.geojson" "$tmp/osm-lines.geojson" "$tmp/osm-both.geojson"
run 0 validate "$tmp/osm-both.geojson"; expect out 'valid: 1 building, 1 other feature'
run 0 info "$tmp/osm-both.geojson"; expect out '^100 +120.0 m +30 .*Hisense Tower \(海信大厦\)$'
run 0 pick "$tmp/osm-both.geojson" --view 100 --at 400,300 --size 800x600; expect out '^100$'
# a pixel outside the picture (X and Y swapped, a typo) is refused, not "none"
run 2 pick "$tmp/osm-both.geojson" --at 700,900 --size 800x600; expect err 'outside the 800x600 picture: expected X from 0 to 799 and Y from 0 to 599'
# the same .osm read by louyu itself, ids as OpenStreetMap's ("way/100"); and the wild
# export (tests/data/wild/osm-export.osm) beside GDAL's reading of it: every building at the
# same height, floors and place, less the way JOSM deleted and the one with a node missing
# (GDAL keeps both)
run 0 validate "$tmp/t.osm"; expect out 't.osm: valid: 1 building, 1 other feature'
run 0 info "$tmp/t.osm"; expect out '^way/100 +120.0 m +30 .*Hisense Tower \(海信大厦\)$'
run 0 pick "$tmp/t.osm" --view way/100 --at 400,300 --size 800x600; expect out '^way/100$'
ogr2ogr -q -f GeoJSON "$tmp/export-gdal.geojson" "$SRC/tests/data/wild/osm-export.osm" multipolygons 2>"$tmp/err"
"$LOUYU" export "$tmp/export-gdal.geojson" --format csv >"$tmp/gdal.csv" 2>"$tmp/err"
"$LOUYU" export "$SRC/tests/data/wild/osm-export.osm" --format csv >"$tmp/louyu.csv" 2>"$tmp/err"
check 'python3 - "$tmp/gdal.csv" "$tmp/louyu.csv" <<"PY"
import csv, sys
def rows(path):
    with open(path, encoding="utf-8-sig") as f:
        return {r["id"].split("/")[-1]: (r["height_m"], r["floors"], r["lon"], r["lat"])
                for r in csv.DictReader(f)}
gdal, louyu = rows(sys.argv[1]), rows(sys.argv[2])
sys.exit(not (len(louyu) == 5 and set(gdal) - set(louyu) == {"111", "112"} and
              all(gdal[k] == v for k, v in louyu.items())))
PY' "louyu's reading of osm-export.osm differs from GDAL's: $(cat "$tmp/louyu.csv" "$tmp/gdal.csv")"
# a store made from OpenStreetMap's files (gzipped as well) keeps the GeoJSON they are read
# as, and the portal publishes it: its district.geojson is GeoJSON, not the PBF's bytes
gzip -c "$SRC/tests/data/wild/osm-export.osm" >"$tmp/export.osm.gz"
run 0 convert "$tmp/export.osm.gz" "$tmp/osm-store.gpkg"; expect out 'a GeoPackage of 5 buildings'
# a GeoJSON text sequence and a lone Feature are kept in a store as the collections they
# stand for: its GeoJSON export has every building, and one building is said as one
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[2],"w").write("".join(json.dumps(f,ensure_ascii=False)+"\n" for f in d["features"])); json.dump(d["features"][2],open(sys.argv[3],"w"))' \
  "$WILD" "$tmp/seq.geojsonl" "$tmp/lone.geojson"
run 0 convert "$tmp/seq.geojsonl" "$tmp/seq.gpkg"; expect out 'a GeoPackage of 5 buildings'
run 0 export "$tmp/seq.gpkg" --out "$tmp/seq-out.geojson"
run 0 validate "$tmp/seq-out.geojson"; expect out 'valid: 5 buildings'
run 0 convert "$tmp/lone.geojson" "$tmp/lone.gpkg"; expect out 'a GeoPackage of 1 building from'
run 0 export "$tmp/osm-store.gpkg" --format geojson --out "$tmp/osm-store.geojson"
run 0 validate "$tmp/osm-store.geojson"; expect out 'valid: 5 buildings, 6 other features'
# the same .osm saved in GBK (declared) and in UTF-16 (its byte-order mark) reads the same
iconv -f UTF-8 -t GBK "$SRC/tests/data/wild/osm-export.osm" | sed 's/encoding="UTF-8"/encoding="GBK"/' >"$tmp/gbk.osm"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$SRC/tests/data/wild/osm-export.osm"; } >"$tmp/utf16.osm"
"$LOUYU" export "$SRC/tests/data/wild/osm-export.osm" --format csv --skip-bad >"$tmp/osm-utf8.csv" 2>/dev/null
for enc in gbk utf16; do
  "$LOUYU" export "$tmp/$enc.osm" --format csv --skip-bad >"$tmp/osm-$enc.csv" 2>"$tmp/err"
  check 'cmp -s "$tmp/osm-$enc.csv" "$tmp/osm-utf8.csv" && python3 -c "import sys; sys.exit(not any(0x4e00 <= ord(c) <= 0x9fff for c in open(sys.argv[1], encoding=\"utf-8-sig\").read()))" "$tmp/osm-$enc.csv"' \
    "the .osm in $enc does not read as in UTF-8: $(head -2 "$tmp/err")"
done
sed 's/encoding="GBK"/encoding="NOT-AN-ENCODING"/' "$tmp/gbk.osm" >"$tmp/enc.osm"
run 1 validate "$tmp/enc.osm"; expect err 'enc.osm: error: the file is XML in NOT-AN-ENCODING \(its declaration says so\), which cannot be decoded'
# OpenStreetMap keeps no winding: its areas as GeoJSON go as RFC 7946 asks (its courtyard too)
check 'python3 "$SRC/tests/geojson_winding.py" "$tmp/osm-store.geojson" >"$tmp/py"' \
  "OpenStreetMap as GeoJSON: rings the wrong way round: $(head -3 "$tmp/py")"
# a store of a file whose rings go clockwise exports them as RFC 7946 asks, as an export of
# the file does (the store's export had kept them clockwise)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"cw","properties":{"height":20},"geometry":{"type":"Polygon","coordinates":[[[120.38,36.06],[120.38,36.061],[120.381,36.061],[120.381,36.06],[120.38,36.06]]]}}]}\n' >"$tmp/cw.geojson"
"$LOUYU" convert "$tmp/cw.geojson" "$tmp/cw.gpkg" >/dev/null 2>&1
run 0 export "$tmp/cw.gpkg" --format geojson --out "$tmp/cw-store.geojson"
check 'python3 "$SRC/tests/geojson_winding.py" "$tmp/cw-store.geojson" >"$tmp/py"' \
  "a store's export: rings the wrong way round: $(head -3 "$tmp/py")"
# (its renders make a GL context: Mesa keeps allocations LeakSanitizer cannot name)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 publish "$SRC/tests/data/wild/osm-export.osm.pbf" "$tmp/osm-site"
check 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d[\"type\"] == \"FeatureCollection\" and any(f.get(\"id\") == \"way/100\" for f in d[\"features\"])))" "$tmp/osm-site/data/district.geojson"' \
  "the portal of a PBF did not publish it as GeoJSON: $(head -c 200 "$tmp/osm-site/data/district.geojson")"
# a PBF whose first block header is damaged is said to be one (it had been read as text:
# "NUL byte in the text")
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[6] ^= 0x20; open(sys.argv[2], "wb").write(b)' \
  "$SRC/tests/data/wild/osm-export.osm.pbf" "$tmp/damaged.osm.pbf"
run 1 validate "$tmp/damaged.osm.pbf"
expect err "damaged.osm.pbf: error: it is named .pbf but does not begin as OpenStreetMap's PBF does"
# San Francisco's footprints as OpenStreetMap's XML, Overpass's JSON, and the PBF osmium
# writes from that XML (dense nodes in blocks of 8,000, zlib): the same buildings as the
# GeoJSON they came from, at the same heights and places; and the PBF beside GDAL's
# reading of it
python3 "$SRC/tests/osm_write.py" "$SF" "$tmp/sf.osm"
python3 "$SRC/tests/osm_json.py" "$tmp/sf.osm" "$tmp/sf-overpass.json"
osmium cat -O "$tmp/sf.osm" -o "$tmp/sf.osm.pbf" 2>"$tmp/err"
check '[ -s "$tmp/sf.osm.pbf" ]' "osmium did not write a PBF: $(head -2 "$tmp/err")"
sf_rows() { # FILE's buildings: how many, then each one's height, floors and place, sorted
  "$LOUYU" export "$1" --format csv 2>/dev/null | python3 -c '
import csv, sys
rows = sorted((x["height_m"], x["floors"], x["lon"], x["lat"]) for x in csv.DictReader(sys.stdin))
print(len(rows)); print("\n".join(",".join(r) for r in rows))' >"$tmp/rows-$(basename "$1").txt"
}
for f in "$SF" "$tmp/sf.osm" "$tmp/sf-overpass.json" "$tmp/sf.osm.pbf"; do sf_rows "$f"; done
check 'head -1 "$tmp/rows-$(basename "$SF").txt" | grep -qx 13896' "SF's GeoJSON did not export 13,896 buildings"
for f in sf.osm sf-overpass.json sf.osm.pbf; do
  check 'cmp -s "$tmp/rows-$(basename "$SF").txt" "$tmp/rows-$f.txt"' "$f: not the buildings of the GeoJSON: $(diff "$tmp/rows-$(basename "$SF").txt" "$tmp/rows-$f.txt" | head -4)"
done
ogr2ogr -q -f GeoJSON "$tmp/sf-pbf-gdal.geojson" "$tmp/sf.osm.pbf" multipolygons 2>"$tmp/err"
sf_rows "$tmp/sf-pbf-gdal.geojson"
check 'cmp -s "$tmp/rows-$(basename "$SF").txt" "$tmp/rows-sf-pbf-gdal.geojson.txt"' "GDAL's reading of the PBF differs: $(diff "$tmp/rows-$(basename "$SF").txt" "$tmp/rows-sf-pbf-gdal.geojson.txt" | head -4)"
# GeoPackages as GDAL writes them: OpenStreetMap's layers from the .osm (points, lines,
# multipolygons, ...) read together, the parts in the lines layer joined to their tower; the
# OSM export projected to EPSG:4547 in the same places; into a store and out as CSV; a bad
# value at its table, fid and column
ogr2ogr -q -f GPKG "$tmp/osm.gpkg" "$tmp/t.osm" 2>"$tmp/err"
run 0 validate "$tmp/osm.gpkg"; expect out 'osm.gpkg: valid: 1 building, 1 other feature'
run 0 info "$tmp/osm.gpkg"; expect out '^100 +120.0 m +30 .*Hisense Tower \(海信大厦\)$'
run 0 pick "$tmp/osm.gpkg" --view 100 --at 400,300 --size 800x600; expect out '^100$'
ogr2ogr -f GPKG -t_srs EPSG:4547 -nln buildings "$tmp/cgcs.gpkg" "$tmp/cgcs.geojson" 2>"$tmp/err"
run 0 validate "$tmp/cgcs.gpkg"; expect out 'cgcs.gpkg: valid: 5 buildings'
same_places "$tmp/cgcs.gpkg" 322667430 way/322667431
run 0 convert "$tmp/cgcs.gpkg" "$tmp/cgcs-store.gpkg"; expect out 'a GeoPackage of 5 buildings from'
run 0 info "$tmp/cgcs-store.gpkg" way/322667431; expect out '^Haitian Mall \(海天商场\)  \['
run 0 export "$tmp/cgcs.gpkg" --out "$tmp/cgcs.csv"; expect out 'cgcs.csv: written, 5 buildings'
# GeometryCollections of polygons (ogr2ogr -nlt GEOMETRYCOLLECTION) are the buildings they
# hold; a geometry column named in another case is that column; one not there is an error
ogr2ogr -f GPKG -nlt GEOMETRYCOLLECTION -nln buildings "$tmp/gc.gpkg" "$tmp/cgcs.geojson" 2>/dev/null
run 0 validate "$tmp/gc.gpkg"; expect out 'gc.gpkg: valid: 5 buildings'
cp "$tmp/cgcs.gpkg" "$tmp/case.gpkg"
sqlite3 "$tmp/case.gpkg" "UPDATE gpkg_geometry_columns SET column_name = upper(column_name)" 2>/dev/null ||
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE gpkg_geometry_columns SET column_name = upper(column_name)'); c.commit()" "$tmp/case.gpkg"
run 0 validate "$tmp/case.gpkg"; expect out 'case.gpkg: valid: 5 buildings'
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE gpkg_geometry_columns SET column_name = 'nosuch'\"); c.commit()" "$tmp/case.gpkg"
run 1 validate "$tmp/case.gpkg"; expect err 'its geometry column "nosuch" \(as gpkg_geometry_columns names it\) is not one of its columns'
# louyu's own GeoJSON through ogr2ogr (its arrays as JSON text columns, floor_heights as
# GDAL's list text "(25:6,5,...)") loads whole; a store given to convert is said to be one
"$LOUYU" export "$ZS" --format geojson --out "$tmp/own.geojson" >/dev/null 2>&1
ogr2ogr -f GPKG "$tmp/own.gpkg" "$tmp/own.geojson" 2>/dev/null
run 0 validate "$tmp/own.gpkg"; expect out 'own.gpkg: valid: 33 buildings, [0-9]+ other features, 2096 enterprises; 0 warnings'
run 2 convert "$tmp/one.gpkg" "$tmp/again.gpkg"; expect err 'one.gpkg: error: is a louyu store already'
ogr2ogr -f GPKG -nln buildings "$tmp/neg3.gpkg" "$tmp/neg3.geojson" 2>/dev/null
run 1 validate "$tmp/neg3.gpkg"
expect err "^$tmp/neg3.gpkg:3:[0-9]+: error: table buildings, fid 3, column height: \"322667430\": \"height\" is \"-3\": expected a height in metres"
# the table's own name for a column louyu reads under another (建筑高度 as height)
sqlite3 "$tmp/neg3.gpkg" 'ALTER TABLE buildings RENAME COLUMN height TO "建筑高度"'
run 1 validate "$tmp/neg3.gpkg"; expect err "fid 3, column 建筑高度: "
run 0 validate "$SRC/tests/data/wild/osm-parts.geojson"; expect out 'valid: 4 buildings, 1 other feature'
run 0 validate "$SRC/tests/data/wild/osm-parts.geojsons"; expect out 'valid: 4 buildings, 1 other feature'
# the tower is a hotel too: a place in it, and the others' nearest hotel
run 0 nearby "$SRC/tests/data/wild/osm-parts.geojson" way/10; expect out '^  in this building  Hotel · Haitian Center \[way/10\]$'
# no roads in the file: a straight line, in metres, without minutes
run 0 nearby "$SRC/tests/data/wild/osm-parts.geojson" way/30; expect out '^ +[0-9]+ m  Hotel · Haitian Center \[way/10\]$'
run 0 pick "$SRC/tests/data/wild/osm-parts.geojson" --view way/10 --at 400,300 --size 800x600
expect out '^way/10$'

# GDAL's three OSM layers in one file, as checked in (any GDAL version's output is tested above)
run 0 validate "$SRC/tests/data/wild/gdal-osm.geojson"; expect out 'valid: 2 buildings, 4 other features'
run 0 nearby "$SRC/tests/data/wild/gdal-osm.geojson" 100
expect out 'Bank · China Merchants Bank \[[0-9]+\]$'

# An Overpass export: buildings, streets and places together; the places' walking minutes
python3 - "$tmp/overpass.geojson" <<'PY'
import json, sys
sq = lambda x, y: [[[x, y], [x + 4e-4, y], [x + 4e-4, y + 4e-4], [x, y + 4e-4], [x, y]]]
f = lambda i, p, t, c: {"type": "Feature", "id": i, "properties": p,
                        "geometry": {"type": t, "coordinates": c}}
json.dump({"type": "FeatureCollection", "features": [
    f("way/1", {"building": "office", "name": "海信大厦", "height": "120"}, "Polygon", sq(120.38, 36.06)),
    f("way/3", {"highway": "primary"}, "LineString", [[120.379, 36.0598], [120.383, 36.0598]]),
    f("node/5", {"amenity": "bank", "name:en": "China Merchants Bank"}, "Point", [120.3825, 36.0597]),
    f("node/6", {"highway": "bus_stop", "name": "香港中路站"}, "Point", [120.3795, 36.0597]),
    f("node/7", {"shop": "bakery"}, "Point", [120.3796, 36.0597]),
    f("way/9", {"amenity": "parking"}, "Polygon", sq(120.3815, 36.0599))]},
    open(sys.argv[1], "w"), ensure_ascii=False)
PY
run 0 validate "$tmp/overpass.geojson"; expect out 'valid: 1 building, 4 other features, 0 enterprises, 1 feature skipped'
run 0 nearby "$tmp/overpass.geojson" way/1
expect out '^ +[0-9]+ min +[0-9]+ m +Car park \[way/9\]$'
expect out '^ +[0-9]+ min +[0-9]+ m +Bus stop · 香港中路站 \[node/6\]$'
expect out '^ +[0-9]+ min +[0-9]+ m +Bank · China Merchants Bank \[node/5\]$'

# good and bad together: still 1; missing beats bad: 2
run 1 validate "$ZS" "$tmp/neg.geojson"
run 2 validate "$tmp/neg.geojson" "$tmp/none.geojson"

# An OpenStreetMap export with a broken way: refused with the way out said; --skip-bad
# reads the rest, the left-out feature's error a warning; the viewer's commands too, and
# the scene cache of a --skip-bad read is its own (a plain read still refuses the file).
printf '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature", "id": "way/1", "properties": {"building": "yes", "height": "40 ft", "building:levels": "3;4"},\n   "geometry": {"type": "Polygon", "coordinates": [[[120.38,36.07],[120.3805,36.07],[120.3805,36.0704],[120.38,36.0704],[120.38,36.07]]]}},\n  {"type": "Feature", "id": "way/2", "properties": {"building": "yes"},\n   "geometry": {"type": "Polygon", "coordinates": [[[120.381,36.07],[120.3815,36.0704],[120.3815,36.07],[120.381,36.0704],[120.381,36.07]]]}}]}\n' >"$tmp/osm-bad.geojson"
run 1 validate "$tmp/osm-bad.geojson"
expect err "^$tmp/osm-bad.geojson:6:88: error: feature 1 \"way/2\": ring 0 crosses itself"
expect err "^$tmp/osm-bad.geojson: 1 feature has errors: --skip-bad reads the file without it$"
run 0 validate --skip-bad "$tmp/osm-bad.geojson"
expect out 'osm-bad.geojson: valid: 1 building, 0 other features, 0 enterprises, 1 feature with errors left out; 2 warnings$'
expect err "^$tmp/osm-bad.geojson:6:88: warning: feature 1 \"way/2\": ring 0 crosses itself.* \\(the feature is left out\\)$"
expect err "^$tmp/osm-bad.geojson:3:[0-9]+: warning: feature 0 \"way/1\": \"building:levels\" is \"3;4\": several values; the largest is used \\(4\\)$"
run 1 info "$tmp/osm-bad.geojson"
expect err "1 feature has errors: --skip-bad reads the file without it$"
run 0 info --skip-bad "$tmp/osm-bad.geojson"
expect out '^way/1 +12.2 m +4 '
expect err "osm-bad.geojson: 1 feature with errors left out \\(louyu validate --skip-bad lists why\\)$"
# (a GL context: Mesa keeps allocations LeakSanitizer cannot name, as tests/CMakeLists.txt says)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 shot --skip-bad "$tmp/osm-bad.geojson" \
  --out "$tmp/osm-bad.png" --size 320x200
expect err "osm-bad.geojson: 1 feature with errors left out"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 1 shot "$tmp/osm-bad.geojson" \
  --out "$tmp/osm-bad2.png" --size 320x200
expect err "1 feature has errors: --skip-bad reads the file without it$"
run 0 pick --skip-bad "$tmp/osm-bad.geojson" --each-view --at 640,360;  expect out "^way/1 way/1$"
# a store's week with no reports shows the latest before it, and says so, as export --week
# does (shot had refused it); a week before the first names the weeks there are
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 shot --week 2011-W30 --out "$tmp/w30.png" --size 320x200
expect err "^louyu shot: 2011-W30 has no reports: its figures are those of 2011-W17, each building's latest report before it$"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 2 shot --week 2001-W01 --out "$tmp/w01.png" --size 320x200
expect err "^louyu shot: --week 2001-W01 is before the data's first report: expected a week from 2010-W18 on \\(its reports run to 2011-W17\\)$"
# a week that does not exist is said as report template says it (one parser for --week)
run 2 shot --week 2011-W53 --out "$tmp/w53.png" --size 320x200
expect err "^louyu shot: '2011-W53' does not exist \\(2011 has 52 weeks\\)"
run 2 export "$ZS" --week 2011-W53 --out "$tmp/w53.geojson"
expect err "^louyu export: '2011-W53' does not exist \\(2011 has 52 weeks\\)"

# --export-menu opens the Export… menu in a shot (the README's picture of it); a kiosk has
# no export menu, so there the flag changes nothing
for k in "" --kiosk; do
  # (the GL driver's own allocations are no leak of louyu's, as for the other shots)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 shot "$ZS" $k --size 480x360 \
    --out "$tmp/menu-shut$k.png"
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 shot "$ZS" $k --export-menu \
    --size 480x360 --out "$tmp/menu-open$k.png"
done
check '! cmp -s "$tmp/menu-shut.png" "$tmp/menu-open.png"' "shot --export-menu drew no menu"
check 'cmp -s "$tmp/menu-shut--kiosk.png" "$tmp/menu-open--kiosk.png"' \
  "shot --kiosk --export-menu drew an export menu in a kiosk"

# A scene from a warm cache draws as the first open did: the same picture, places'
# markers included (the projection's constants were once set only by a parse, so a
# process that mapped its scene from the cache put every marker at the origin).
mkdir -p "$tmp/warm"
for k in cold warm; do
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" XDG_CACHE_HOME="$tmp/warm" \
    run 0 shot "$ZS" --out "$tmp/$k.png" --size 480x300 --msaa 1
done
check '[ -d "$tmp/warm/louyu/scenes" ] && cmp -s "$tmp/cold.png" "$tmp/warm.png"' \
  "a shot from the warm scene cache differs from the first open's"

# The cap: many errors, few shown.
{
  printf '{"type":"FeatureCollection","features":[\n'
  for i in $(seq 2 31); do # (-1 is Microsoft's footprints' "not known", not an error)
    printf '{"type":"Feature","properties":{"height":-%d},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},\n' "$i"
  done
  printf '{"type":"Feature","properties":{},"geometry":null}]}\n'
} >"$tmp/many.geojson"
run 1 validate --max-errors 3 "$tmp/many.geojson"
expect err '27 more not shown'
expect out 'invalid: 30 errors'
[ "$(grep -c ': error: ' "$tmp/err")" -eq 3 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: --max-errors 3 did not show exactly 3"; }
run 2 validate --max-errors x "$ZS"
# past the 1,000 a list keeps by default: as many as asked for (1,000 had been shown, and
# the rest said to be a --max-errors away)
{
  printf '{"type":"FeatureCollection","features":[\n'
  for i in $(seq 1 1200); do
    printf '{"type":"Feature","properties":{"height":-5},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},\n'
  done
  printf '{"type":"Feature","properties":{},"geometry":null}]}\n'
} >"$tmp/more.geojson"
run 1 validate --max-errors 5000 "$tmp/more.geojson"
check '[ "$(grep -c ": error: " "$tmp/err")" -eq 1200 ] && ! grep -q "more not shown" "$tmp/err"' \
  "--max-errors 5000 on 1,200 errors showed $(grep -c ": error: " "$tmp/err"): $(tail -1 "$tmp/err")"

run 0 stats "$ZS"
expect out '^Buildings +33 \('
expect out 'of 2,763 registered'
expect out '^Buildings paid ≥ 100 M CNY tax  2: '
run 0 stats "$ZS" --json
expect out '"buildings":[[:space:]]*33,'
expect out '"enterprises_registered":[[:space:]]*2763,'
expect out '"tax_2010_over_100m":[[:space:]]*\["'
run 0 stats "$SF"
expect out '^Buildings +13896'
expect out '^Occupancy +no data'
run 2 stats "$ZS" --bogus
# a district outside China gives one name as both name and name_en: said once, in either
# language (info had written "Haight Tower (Haight Tower)", the address and the contact the
# same way, and stats "Haight-Ashbury Haight-Ashbury"); a name differing only in case or a
# blank after it is the same name
printf '{"type":"FeatureCollection","louyu":{"schema":1,"district":{"name":"Haight-Ashbury","name_en":"Haight-Ashbury"},"data_date":"2024-03-15"},"features":[{"type":"Feature","id":"ht","properties":{"kind":"building","height_m":16,"floors":5,"name":"Haight Tower","name_en":"haight tower ","address":"100 Fell Street","address_en":"100 Fell Street","contact":{"name":"Leasing office","name_en":"Leasing office","phone":"555-0134"}},"geometry":{"type":"Polygon","coordinates":[[[-122.45,37.77],[-122.4495,37.77],[-122.4495,37.7704],[-122.45,37.7704],[-122.45,37.77]]]}}]}\n' >"$tmp/same-names.geojson"
for lang in en zh; do
  run 0 info "$tmp/same-names.geojson" ht --lang $lang
  check '! grep -iq "tower.*tower\|street.*street\|office.*office" "$tmp/out"' \
    "info --lang $lang says a name twice: $(grep -i "tower.*tower\|street.*street\|office.*office" "$tmp/out")"
  run 0 stats "$tmp/same-names.geojson" --lang $lang
  check '! grep -q "Ashbury.*Ashbury" "$tmp/out"' "stats --lang $lang: $(head -1 "$tmp/out")"
done
# a district of footprints (OpenStreetMap's, CityJSON's) has buildings without names: one
# warning counts them (two warnings each had asked for "a Chinese name to show on the map":
# 1,874 for San Francisco's 942 buildings); one name, English or Chinese, is enough
sq() { printf '{"type":"Feature","id":"%s","properties":{"kind":"building","height_m":10,"floors":3%s},"geometry":{"type":"Polygon","coordinates":[[[%s,37.77],[%s5,37.77],[%s5,37.7704],[%s,37.7704],[%s,37.77]]]}}' "$1" "$2" "$3" "$3" "$3" "$3" "$3"; }
{ printf '{"type":"FeatureCollection","louyu":{"schema":1,"district":{"name":"D"},"data_date":"2024-03-15"},"features":[\n'
  sq a '' -122.450; printf ',\n'; sq b '' -122.449; printf ',\n'
  sq en ',"name_en":"Haight Tower"' -122.448; printf ',\n'
  sq zh ',"name":"楼","rent_cny_m2_day":0' -122.447; printf ']}\n'
} >"$tmp/unnamed.geojson"
run 0 validate "$tmp/unnamed.geojson"
expect out 'valid: 4 buildings, .*; 2 warnings$'
expect err "^$tmp/unnamed.geojson: warning: 2 buildings have no \"name\" nor \"name_en\": the map labels them only when selected"
check '! grep -q "Chinese name\|English name\|has no \"name" "$tmp/err"' "validate asks for names: $(grep "name" "$tmp/err" | head -2)"
expect err "^$tmp/unnamed.geojson:5:[0-9]+: warning: feature 3 \"zh\": \"rent_cny_m2_day\" is 0"
# kept in a store, a warning has no line and column: they were in the kept text, not in the
# SQLite file ("unnamed.gpkg:5:115" had named no place an editor could go to)
run 0 convert "$tmp/unnamed.geojson" "$tmp/unnamed.gpkg"
run 0 validate "$tmp/unnamed.gpkg"
expect err "^$tmp/unnamed.gpkg: warning: feature 3 \"zh\": \"rent_cny_m2_day\" is 0"
check '! grep -q "unnamed.gpkg:[0-9]" "$tmp/err"' "a store's warning at a line and column: $(head -1 "$tmp/err")"

run 0 info "$ZS" wtc;            expect out 'World Trade Center'; expect out '^Floor  use'
run 0 info "$ZS" everbright-ifc --json
expect out '"tax_2010_over_100m":[[:space:]]*true'
expect out '"enterprises":[[:space:]]*\['
run 0 info "$ZS" petroleum;       expect out '^  window +'
run 2 info "$ZS" no-such-building; expect err 'has no building "no-such-building": expected a building.s id or exact name \('
# a building named as people name it: its Chinese or English name (any case), and when the
# name is not exact, the buildings whose names match it; a name two buildings share is refused
run 0 info "$ZS" 海信大厦;        expect out '^Hisense Tower \(海信大厦\)  \[hisense\]'
run 0 info "$ZS" " hisense TOWER "; expect out '\[hisense\]'
run 0 info "$ZS" "　Ｈｉｓｅｎｓｅ　Tower"; expect out '\[hisense\]'
run 0 nearby "$ZS" 'Hisense Tower'; expect out '^海信大厦 / Hisense Tower \[hisense\]: on foot'
run 2 info "$ZS" 海信;            expect err 'has no building "海信": .*; names that match: hisense \(海信大厦 · Hisense Tower\)'
run 2 info "$ZS" haixin;          expect err 'names that match: hisense \('
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=[x for x in d['features'] if x.get('id') in ('b2','b3')]; f[1]['properties']['name']=f[0]['properties']['name']; json.dump(d,open(sys.argv[2],'w'),ensure_ascii=False)" "$SRC/tests/data/search/pinyin.geojson" "$tmp/twins.geojson"
run 2 info "$tmp/twins.geojson" 中国银行大厦; expect err 'has no building "中国银行大厦" of its own: that name is shared; expected the id of one of: b2 \(中国银行大厦\), b3 \(中国银行大厦\)'
run 0 info "$tmp/twins.geojson" b3; expect out '\[b3\]'
# an id that is also another building's name: the id is taken, and that is said
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['features'][0]['properties']['name']='b2'; json.dump(d,open(sys.argv[2],'w'),ensure_ascii=False)" "$SRC/tests/data/search/pinyin.geojson" "$tmp/shadow.geojson"
run 0 info "$tmp/shadow.geojson" b2; expect out '\[b2\]'; expect err 'note: "b2" is the id of one building and the name of another, b1; the id is taken'
run 0 info "$SF" '#0';            expect out 'Occupancy +no data'
run 0 info;                 expect out '^wtc +118.0 m +30 +85 %  Qingdao World Trade Center A & B \(青岛世贸中心'

# triangulate: a fixture, a GeoJSON Polygon, and a timed array of polygons
run 0 triangulate "$SRC/tests/data/earcut/fixtures/water.json"
expect out '^triangles 2482 deviation 0\.000[0-9]+$'
printf '{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[2,2]]]}' >"$tmp/p.json"
run 0 triangulate "$tmp/p.json";  expect out '^triangles 6 deviation 0$'
run 2 triangulate "$tmp/none.json"
# bench: every stage and the picking figures; the export is in the fixture format
run 0 bench "$ZS" --runs 1 --no-render --export-polygons "$tmp/polys.json"
for key in parse_ms validate_ms project_ms triangulate_ms extrude_ms index_ms total_ms \
  pick_us_p50 pick_us_p99 vertices triangles mesh_bytes peak_rss_mb; do
  expect out "\"$key\":[0-9.]+"
done
expect out '"buildings":33,'
run 0 triangulate --many "$tmp/polys.json" --runs 2
expect out '"polygons":[0-9]+,"vertices":[0-9]+,"triangles":[0-9]+'
run 2 bench "$ZS" --runs -1
# --runs 0: the frames alone (no loading figures, no picks); with --no-render nothing is left
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 0 bench "$ZS" --runs 0 --frames 4 --reloads 0 --size 320x200
expect out '"whole_frame_ms_p50":[0-9.]+'
check '! grep -q "pick_us_p99" "$tmp/out"' "bench --runs 0 still picks"
run 2 bench "$ZS" --runs 0 --no-render
expect err 'runs 0 measures frames alone'
# a building that is not there, or a file with errors: said as such, not as a missing GL
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 2 bench "$ZS" --runs 0 --select nope --size 320x200
expect err 'there is no building "nope"'
check '! grep -q "OpenGL" "$tmp/err"' "bench --select nope blames the GL"
run 2 bench "$ZS" --runs 0 --stacking
expect err 'stacking needs --select'
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"height":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0.001,0],[0.001,0.001],[0,0]]]}}]}' >"$tmp/badh.geojson"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 1 bench "$tmp/badh.geojson" --runs 0 --size 320x200
expect err 'badh.geojson:1:[0-9]+: error: .*"height" is "x"'
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" run 1 bench "$tmp/badh.geojson" --cameras 1 --size 320x200
expect err 'badh.geojson:1:[0-9]+: error: .*"height" is "x"'
run 2 bench "$ZS" --no-render --select nope
expect err 'not with --no-render'

# info --floors: the whole stack, top floor first; --enterprises: the directory
run 0 info "$ZS" wtc --floors
expect out '^ +30  plant '; expect out '^ +29  office +1,559 +0  leased$'
[ "$(grep -E '^ +[0-9]+  ' "$tmp/out" | head -1 | awk '{print $1}')" = 30 ] &&
  [ "$(grep -E '^ +[0-9]+  ' "$tmp/out" | tail -1 | awk '{print $1}')" = 1 ] &&
  pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: info wtc --floors is not 30 ... 1"; }
expect out '  (partly )?vacant( at [0-9.]+ CNY/m²/day|, rent to be agreed)?$'
missing=0
for f in $(seq 1 30); do grep -Eq "^ +$f  " "$tmp/out" || missing=$((missing + 1)); done
[ "$missing" -eq 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: $missing floors missing from info wtc --floors"; }
run 0 info "$ZS" yuyuan --floors
expect out '^ +18  -  .*no data$'
expect out '^ +1  -  .*no data$'
[ "$(grep -c 'no data$' "$tmp/out")" -eq 18 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: yuyuan --floors: not 18 floors with no data"; }
run 0 info "$ZS" wtc --floors --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a)==30 and a[0]["floor"]==30 and a[-1]["floor"]==1' "$tmp/out" &&
  pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: info wtc --floors --json is not 30 floors"; }
"$LOUYU" info "$ZS" wtc --json >"$tmp/full.json"
want=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["enterprises"]))' "$tmp/full.json")
want_fin=$(python3 -c 'import json,sys; print(sum(e["industry"] == "finance" for e in json.load(open(sys.argv[1]))["enterprises"]))' "$tmp/full.json")
run 0 info "$ZS" wtc --enterprises
expect out "^$want enterprises$"
[ "$(grep -cE '^[0-9]+F' "$tmp/out")" -eq "$want" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: info wtc --enterprises does not list $want enterprises"; }
# sorted by floor by default
grep -E '^[0-9]+F' "$tmp/out" | sed -E 's/^([0-9]+)F.*/\1/' >"$tmp/floors"
sort -n -c "$tmp/floors" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: --enterprises is not sorted by floor"; }
run 0 info "$ZS" wtc --enterprises --json
[ "$(grep -c '"registered_capital_cny":' "$tmp/out")" -eq "$want" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: --enterprises --json does not hold $want enterprises"; }
run 0 info "$ZS" wtc --enterprises --industry finance
expect out "^$want_fin enterprises in industry \"Finance\"$"
[ "$(grep -cE '^[0-9]+F' "$tmp/out")" -eq "$want_fin" ] && [ "$(grep -E '^[0-9]+F' "$tmp/out" | grep -cv ' Finance ')" -eq 0 ] &&
  pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: --industry finance does not filter"; }
# the industry column names it (in --lang's language), not by its keyword
run 0 info "$ZS" wtc --enterprises --industry it; expect out '^[0-9]+F +IT +[0-9-]'
run 0 info "$ZS" wtc --enterprises --industry finance --lang zh; expect out '^[0-9]+ 层 +金融 +[0-9-]'
# the industry as louyu shows it, in either language, in any case: the same enterprises
for name in Finance 金融; do
  run 0 info "$ZS" wtc --enterprises --industry "$name"
  expect out "^$want_fin enterprises in industry \"Finance\"$"
done
run 0 query "$ZS" --industry "Shipping & logistics"; expect out '^1\. '
run 0 query "$ZS" --industry "real estate"; expect out '^1\. '
run 0 info "$ZS" wtc --enterprises --industry no-such-industry
expect out '^No enterprises in industry "no-such-industry"'
run 0 info "$ZS" wtc --enterprises --sort name --lang zh --json
python3 -c 'import json,sys; n=[e["name"] for e in json.load(open(sys.argv[1]))]; assert n==sorted(n,key=lambda s:s.lower().encode("gb18030"))' "$tmp/out" &&
  pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: --sort name does not sort by name (pinyin order)"; }
# by default the names shown first, the English ones, are the ones sorted
run 0 info "$ZS" wtc --enterprises --sort name --json
check 'python3 -c "import json,sys; n=[e[\"name_en\"] for e in json.load(open(sys.argv[1])) if e.get(\"name_en\")]; assert n==sorted(n,key=str.lower)" "$tmp/out"' \
  "--sort name does not sort by the English names by default"
run 2 info "$ZS" wtc --floors --enterprises;   expect err 'usage: louyu info'
run 2 info "$ZS" wtc --floors --industry finance
run 2 info "$ZS" wtc --industry finance
run 2 info "$ZS" wtc --enterprises --sort height; expect err "--sort wants one of floor\\|name\\|industry, not 'height'"
run 2 info "$ZS" wtc --enterprises --sort

# query: the tenant finder (exactly the buildings with a floor of 1,000 m² vacant, as JSON)
run 0 query "$ZS" --min-area 1000 --json; expect out '"id":'
python3 -c '
import json, sys
got = {m["id"] for m in json.load(open(sys.argv[1]))}
want = {f["id"] for f in json.load(open(sys.argv[2]))["features"]
        if f["properties"].get("kind") == "building" and f["properties"].get("status") != "under_construction"
        and any(r["vacant_m2"] >= 1000 for r in f["properties"].get("floor_records", []))}
assert got == want, (got, want)' "$tmp/out" "$ZS" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: query --min-area 1000 lists other buildings"; }
# the Chinese text is Chinese throughout (it had said "score" and "floors: 3 (500 m²)")
run 0 query "$ZS" --min-area 500 --lang zh; expect out '^1\. .*  评分 0\.[0-9]{3}$'
expect out '^   空置：[0-9]+(–[0-9]+)? 层（[0-9,]+ m²）'
check '! grep -q "score\|floors" "$tmp/out"' "English in the Chinese finder: $(head -3 "$tmp/out")"
run 0 query "$ZS" --min-area 500; expect out '^   floors: [0-9]+(–[0-9]+)? \([0-9,]+ m²\)(, [0-9]|$)'
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"solo","properties":{"height":20},"geometry":{"type":"Polygon","coordinates":[[[120.37,36.06],[120.3705,36.06],[120.3705,36.0605],[120.37,36.0605],[120.37,36.06]]]}}]}\n' >"$tmp/solo.geojson"
run 0 nearby "$tmp/solo.geojson" solo --lang zh; expect out '^  步行范围内没有已知的设施（2,400 米）$'
# near by the metres as shown: a station 400.1 m on foot is "400 m", so near at 400
run 0 query "$SRC/tests/data/query/near-400.geojson" --near metro; expect out '\(400 m; station\)'
run 0 nearby "$SRC/tests/data/query/near-400.geojson" tower; expect out ' 400 m  Metro'
run 0 query "$SRC/tests/data/query/near-400.geojson" --near metro --near-m 399; expect err 'no building matches'
# a building with no floor records is no match, and said apart (one: in the singular)
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); [f["properties"].pop("floor_records", None) for f in d["features"]]; json.dump(d, open(sys.argv[2], "w"))' \
  "$SRC/tests/data/query/near-400.geojson" "$tmp/norec.geojson"
run 0 query "$tmp/norec.geojson" --near metro
expect err '^note: 1 more building meets the other criteria but has no floor records: nothing is known of its space, so it is not listed$'
expect err 'no building matches'
run 0 query --min-area 1000;                expect out '^1\. '
# later places count by default, as in the viewer's finder, and are said so; --exclude-later
# leaves them out, and says that too
run 0 query "$ZS" --near metro;             expect out '^1\. '; expect err '^note: Counting 2 metro stations that opened after 2011'
run 0 query "$ZS" --near metro --exclude-later; expect err 'no building matches'; expect err 'left out by --exclude-later'
expect_empty out
run 2 query "$ZS" --near metro --exclude-later --include-later; expect err 'contradict each other' 
# nearby: the walk over the roads, nearest first, the later metro said so; JSON with routes
run 0 nearby "$ZS" wtc; expect out 'Metro station · .*\(opened 2016\)'; expect out '^ +1 min +75 m  Bank'
run 0 nearby wtc --lang zh; expect out '沿道路步行'; expect out '^ +1 分钟 +75 米  银行'
expect out '地铁站 · .* \[[^]]*\]（2016 年开通）$'
# figures as shown add up: stats' leased and vacant make the recorded area; a building with
# 10 m² of 10,000 vacant is 99 %, not 100 % occupied, in info's list (sweep 54)
"$LOUYU" stats >"$tmp/out" 2>&1 # (the bundled store, its latest week)
python3 - "$tmp/out" >"$tmp/py" 2>&1 <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
n = lambda k: int(re.search(k + r" +([0-9,]+) m", t).group(1).replace(",", ""))
print("ok" if n("Recorded floor area") == n("Leased") + n("Vacant") else t)
PY
check 'grep -qx ok "$tmp/py"' "stats' parts do not add up: $(head -c 600 "$tmp/py")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); b=[f for f in d["features"] if f["properties"].get("floor_records")][0]; b["properties"]["floor_records"]=[{"floor":1,"use":"office","area_m2":10000,"vacant_m2":10}]; d["features"]=[b]; json.dump(d,open(sys.argv[2],"w"))' \
  "$ZS" "$tmp/almost.geojson"
run 0 info "$tmp/almost.geojson"; expect out ' 99 %  '
# info names things in one language (--lang, English by default), the other's name in
# parentheses; industries by name, units on figures, other properties as key: value (sweep 93)
cjk_outside() { # lines of $tmp/out with Chinese outside parentheses (none in English output)
  python3 -c 'import re,sys
for l in open(sys.argv[1], encoding="utf-8"):
    while re.search(r"\([^()]*\)", l): l = re.sub(r"\([^()]*\)", "", l)
    if re.search("[\u3000-\u9fff\uff00-\uffef]", l): print(l.rstrip())' "$tmp/out"
}
run 0 info "$ZS"; expect out '^Zhanshan Subdistrict \(湛山街道\): 33 buildings$'
check '[ -z "$(cjk_outside)" ]' "info's list mixes Chinese into English: $(cjk_outside | head -2)"
run 0 info "$ZS" --lang zh; expect out '^湛山街道 \(Zhanshan Subdistrict\)：33 座楼宇$'
expect out '^wtc +118.0 米 +30 +85 %  青岛世贸中心 A/B座 \(Qingdao World Trade Center A & B\)$'
for id in everbright-ifc petroleum; do
  run 0 info "$ZS" $id --lang en
  check '[ -z "$(cjk_outside)" ]' "info $id mixes Chinese into English: $(cjk_outside | head -2)"
done
run 0 info "$ZS" everbright-ifc
expect out '^Everbright International Financial Center \(光大国际金融中心\)  \[everbright-ifc\]$'
expect out '^Tax 2010 +128,600,000 CNY  \(paid ≥ 100 M CNY\)$'
expect out '^Contact +Leasing office \(招商部\)  0532'
expect out '^5F +Manufacturing HQ +38 '
check '! grep -qE "^ *[-0-9–, F]+ +(manufacturing_hq|real_estate|logistics|finance|it) " "$tmp/out"' "info names industries by keyword"
expect out '^ +21 +office +2,069 +1,340  partly vacant at 4\.80 CNY/m²/day$'
expect out '^Other properties$'; expect out '^  note: Real building; '
check '! grep -q "{\"" "$tmp/out"' "info prints other properties as raw JSON"
run 0 info "$ZS" everbright-ifc --lang zh
expect out '^光大国际金融中心 \(Everbright International Financial Center\)  \[everbright-ifc\]$'
expect out '^联系 +招商部 \(Leasing office\)  0532'; expect out '^2010年税收 +128,600,000 元（亿元楼）$'
expect out '^5 层 +制造业总部 +38 .*青岛正安电子有限公司 \(Qingdao Zheng'
run 0 info "$ZS" everbright-ifc --floors --lang zh; expect out '^ +青岛正安电子有限公司 \(Qingdao'
run 0 info "$ZS" everbright-ifc --floors; expect out '^ +Qingdao Zheng.an Electronics Co., Ltd. \(青岛正安电子有限公司\)'
# the directory's columns line up by display width: an en dash, CJK, a long industry (sweep 93)
cols() { # the terminal column where each row's employees end: one value when aligned
  python3 -c 'import re,sys,unicodedata as u
w=lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^(\S+) +(.+?) +(\d+|-|Employees|员工人数) +(\d{4}|-|Since|入驻年份)  ", l)
    if m: print(w(l[:m.end(3)]))' "$tmp/out" | sort -u | wc -l
}
for lang in en zh; do
  run 0 info "$ZS" everbright-ifc --enterprises --lang $lang; expect out '^5–7 ?(F|层) +'
  check '[ "$(cols)" -eq 1 ]' "info --enterprises --lang $lang: columns do not line up"
  run 0 info "$ZS" everbright-ifc --lang $lang
  check '[ "$(cols)" -eq 1 ]' "info's enterprises --lang $lang: columns do not line up"
done
# stats says what it counts, its values in one column, and the ≥ 100 M is tax (sweep 93)
run 0 stats "$ZS"
expect out '^Buildings with service windows +2$'; check '! grep -q "service points" "$tmp/out"' "stats says service points"
check '[ "$(python3 -c "import re,sys
n=set()
for l in open(sys.argv[1], encoding=\"utf-8\"):
    if l.startswith(\"Illustrative\"): break
    m = re.match(r\"^ *\\S.*?\\S  +\", l)
    n.add(len(m.group(0)) if m else -1)
print(len(n))" "$tmp/out")" = 1 ]' "stats' values do not start in one column: $(head -16 "$tmp/out")"
# --lang zh: info (every form) and stats speak Chinese throughout, labels, headings and states
# in the card's words, their columns lined up by terminal columns (a CJK character takes two);
# English and --json are as they were (had: "Address", "Floor  use ...", "leased" in Chinese)
english_left() { # $tmp/out's English words outside names: the data's own text is left out
  python3 -c 'import re,sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.rstrip() in ("其他属性", "示意数据说明："): break
    while re.search(r"\([^()]*\)", l): l = re.sub(r"\([^()]*\)", "", l)
    l = re.sub(r"\[[^]]*\]|^[\w.-]+(?= +[0-9.]+ 米 )|m²|LoD", "", l)
    if re.search("[A-Za-z]{2,}", l): print(l.rstrip())' "$tmp/out"
}
widths() { # the distinct terminal widths of REGEX's first group over $tmp/out's lines
  python3 -c 'import re,sys,unicodedata as u
w=lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
print(sorted({w(m.group(1)) for l in open(sys.argv[1], encoding="utf-8") for m in [re.match(sys.argv[2], l)] if m}))' "${2:-$tmp/out}" "$1"
}
# a CityJSON district's ids of 40 characters: the id column as wide as they are, so that the
# heights stay under their heading (they had been pushed 22 columns past it)
run 0 info "$SRC/tests/data/cityjson/delft.city.json"
check '[ "$(widths "^(\S+ +(\S+ m|Height))( |$)")" = "[46]" ]' \
  "info's list of long ids: the heights do not line up: $(widths "^(\S+ +(\S+ m|Height))( |$)")"
run 0 info wtc --lang zh # (the bundled store: its latest week)
expect out '^地址 +香港中路6号 \(6 Xianggang Middle Road\)$'; expect out '^状态 +2000 年建成$'
expect out '^高度 +118\.0 米 · 30 层 · 3 个部分$'; expect out '^建筑面积 +117,740 m²$'
expect out '^租金 +4\.60 元/m²/天$'; expect out '^出租率 +84\.9 %，可出租面积 97,501 m²，空置 14,720 m²$'
expect out '^数据周次 +2011年第17周$'; expect out '^入驻企业（110 家）$'
expect out '^ 楼层  用途 +面积 m² +空置 m²  状态$'; expect out '^ +30  设备层 +1,559 +0  设备层$'
expect out '^ +28  办公 +2,942 +2,070  部分空置，租金 4\.60 元/m²/天$'; expect out '^ +29  办公 .*  已出租$'
check '[ -z "$(english_left)" ]' "info --lang zh says English: $(english_left | sed 3q)"
sed -n '2,/^$/p' "$tmp/out" >"$tmp/labels" # the rows under the title, each a label and a value
check '[ "$(widths "^(.*?[^ ]  +)[^ ]" "$tmp/labels")" = "[15]" ]' \
  "info --lang zh: the values do not start in one column: $(widths "^(.*?[^ ]  +)[^ ]" "$tmp/labels")"
check '[ "$(widths "^( *(\d+|楼层) +\S+ +([\d,]+|面积 m²) +([\d,]+|空置 m²))  ")" = "[40]" ]' \
  "info --lang zh: the floor table's columns do not line up: $(widths "^( *(\d+|楼层) +\S+ +([\d,]+|面积 m²) +([\d,]+|空置 m²))  ")"
run 0 info "$ZS" petroleum --lang zh; expect out '^服务站点 +红色会所 \(Red Clubhouse\)$'; expect out '^  服务窗口 +区商务局 '
check '[ -z "$(english_left)" ]' "info petroleum --lang zh says English: $(english_left | sed 3q)"
run 0 info "$ZS" agora --lang zh; expect out '^状态 +在建 · 预计 2011 年建成$'; expect out '^出租率 +无数据$'
expect out '^其他属性$'
run 0 info "$ZS" wtc --floors --lang zh; expect out '^ +27  办公 +2,942 +0  已出租$'; expect out '… 等 [0-9]+ 家$'
check '[ -z "$(english_left)" ]' "info --floors --lang zh says English: $(english_left | sed 3q)"
check '[ "$(widths "^( *(\d+|楼层) +\S+ +([\d,]+|面积 m²) +([\d,]+|空置 m²))  ")" = "[40]" ]' "info --floors --lang zh: columns do not line up"
run 0 info "$ZS" agora --floors --lang zh; expect out '^暂无楼层记录：全部 52 层的用途和出租情况未知$'; expect out '^ +52  - .*  无数据$'
run 0 info "$ZS" wtc --enterprises --lang zh; expect out '^110 家企业$'; expect out '^楼层 +行业 +员工人数  入驻年份  名称$'
check '[ -z "$(english_left)" ]' "info --enterprises --lang zh says English: $(english_left | sed 3q)"
run 0 info "$ZS" wtc --enterprises --industry finance --lang zh; expect out '^27 家企业，行业：金融$'
run 0 info "$ZS" wtc --enterprises --industry nothing --lang zh; expect out '^没有“nothing”行业的企业（共记录 110 家）$'
run 0 info "$ZS" agora --enterprises --lang zh; expect out '^暂无企业记录$'
run 0 info "$ZS" --lang zh; expect out '^编号 +高度 +层数 +出租率  名称$'
check '[ -z "$(english_left)" ]' "info's list --lang zh says English: $(english_left | sed 3q)"
check '[ "$(widths "^(\S+ +(\S+ 米|高度) +(\d+|层数) +(\d+ %|-|出租率))  ")" = "[44]" ]' \
  "info's list --lang zh: columns do not line up: $(widths "^(\S+ +(\S+ 米|高度) +(\d+|层数) +(\d+ %|-|出租率))  ")"
run 0 info "$SRC/tests/data/cityjson/delft.city.json" b1105d28c-00ba-11e6-b420-2bdcc4ab5d7f --lang zh
expect out '^状态 +已建成$'; expect out '^模型 +LoD 1，229 个面$'; expect out '^其他属性$'
run 0 stats "$ZS" --lang zh
expect out '^街区 +湛山街道 \(Zhanshan Subdistrict\)，数据日期 2011年4月29日$'
expect out '^楼宇 +33 座（已建成 30 座，在建 3 座）$'; expect out '^空置 +227,332 m²（整层空置 7 层，部分空置 171 层）$'
expect out '^出租率 +85\.5 %$'; expect out '^亿元楼 +2 座：光大国际金融中心、青岛世贸中心 A/B座$'
check '[ -z "$(english_left)" ]' "stats --lang zh says English: $(english_left | sed 3q)"
check '[ "$(widths "^( *\S+  +)\S")" = "[22]" ]' "stats --lang zh: values do not start in one column: $(widths "^( *\S+  +)\S")"
run 2 stats "$ZS" --lang fr; expect err 'zh\|en'
# English stays as scripts read it; --json is the same in both languages
"$LOUYU" stats "$ZS" >"$tmp/a" 2>&1; "$LOUYU" stats "$ZS" --lang en >"$tmp/b" 2>&1
check 'cmp -s "$tmp/a" "$tmp/b"' "stats --lang en differs from stats"
# without --lang the text is in the locale's language, as the viewer's: a Chinese desktop's
# LANG gives Chinese (LC_ALL over LANG, LANGUAGE only beside a locale that is not C), --lang wins
run 0 stats "$ZS" --lang zh; cp "$tmp/out" "$tmp/zh"
LANG=zh_CN.UTF-8 "$LOUYU" stats "$ZS" >"$tmp/c" 2>&1
check 'cmp -s "$tmp/zh" "$tmp/c"' "stats under LANG=zh_CN.UTF-8 is not in Chinese: $(head -1 "$tmp/c")"
LANG=zh_CN.UTF-8 LC_ALL=C.UTF-8 "$LOUYU" stats "$ZS" >"$tmp/c" 2>&1
check 'cmp -s "$tmp/a" "$tmp/c"' "stats under LC_ALL=C.UTF-8 is not in English: $(head -1 "$tmp/c")"
LANG=zh_CN.UTF-8 "$LOUYU" stats "$ZS" --lang en >"$tmp/c" 2>&1
check 'cmp -s "$tmp/a" "$tmp/c"' "stats --lang en under a Chinese LANG is not in English"
for form in "info $ZS wtc" "nearby $ZS wtc" "query $ZS --min-area 2000"; do
  LANG=zh_CN.UTF-8 "$LOUYU" $form >"$tmp/c" 2>&1; "$LOUYU" $form --lang zh >"$tmp/d" 2>&1
  check 'cmp -s "$tmp/c" "$tmp/d"' "$form under LANG=zh_CN.UTF-8 differs from --lang zh"
done
run 0 info "$ZS" wtc; expect out '^Floor  use          area m²   vacant m²  status$'; expect out '^Status +completed \(built 2000\)$'
for form in "stats $ZS" "info $ZS wtc" "info $ZS wtc --floors"; do
  "$LOUYU" $form --json >"$tmp/a" 2>&1; "$LOUYU" $form --json --lang zh >"$tmp/b" 2>&1
  check 'cmp -s "$tmp/a" "$tmp/b"' "$form --json differs in Chinese"
done
# under 1 m² vacant on a floor is let in info as elsewhere; a percentage never reads 100 with
# space to let (sweep 94)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); b=[f for f in d["features"] if f["properties"].get("floor_records")][0]; p=b["properties"]; p["floor_records"]=[{"floor":1,"use":"office","area_m2":1000,"vacant_m2":0.4},{"floor":2,"use":"office","area_m2":99000,"vacant_m2":int(sys.argv[3])}]; p.pop("rent_cny_m2_day",None); d["features"]=[b]; json.dump(d,open(sys.argv[2],"w"))' \
  "$ZS" "$tmp/sub1.geojson" 0
run 0 info "$tmp/sub1.geojson"; expect out ' 100 %  '
run 0 info "$tmp/sub1.geojson" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["features"][0]["id"])' "$tmp/sub1.geojson")"
expect out '^Occupancy +100\.0 % of 100,000 m² leased; 0 m² vacant$'; expect out '^ +1 +office +1,000 +0  leased$'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["features"][0]["properties"]["floor_records"][1]["vacant_m2"]=2; json.dump(d,open(sys.argv[1],"w"))' "$tmp/sub1.geojson"
run 0 info "$tmp/sub1.geojson" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["features"][0]["id"])' "$tmp/sub1.geojson")"
expect out '^Occupancy +99\.9 % of 100,000 m² leased; 2 m² vacant$'
# a plant floor is plant, not leased; areas grouped in both tables; no floors, no figures
run 0 info "$ZS" everbright-ifc;          expect out '^ +25 +plant +2,069 +0  plant$'
run 0 info "$ZS" everbright-ifc --floors; expect out '^ +25 +plant +2,069 +0  plant$'
run 0 info "$ZS" everbright-ifc --floors --json; expect out '"status":[[:space:]]*"plant"'
run 0 info "$SF" '#0' --json
expect out '"recorded_area_m2":[[:space:]]*null'; expect out '"vacant_m2":[[:space:]]*null'
# roads no one walks on (all "walk": false) are no walkable road, as the finder says
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"solo","properties":{"kind":"building","height":20},"geometry":{"type":"Polygon","coordinates":[[[120.37,36.06],[120.3705,36.06],[120.3705,36.0605],[120.37,36.0605],[120.37,36.06]]]}},{"type":"Feature","id":"m","properties":{"kind":"road","class":"primary","walk":false},"geometry":{"type":"LineString","coordinates":[[120.369,36.0598],[120.372,36.0598]]}},{"type":"Feature","id":"b","properties":{"kind":"poi","category":"bank"},"geometry":{"type":"Point","coordinates":[120.371,36.0597]}}]}\n' >"$tmp/nowalk.geojson"
run 0 nearby "$tmp/nowalk.geojson" solo; expect out 'no walkable road in the data: straight-line distances'
run 0 nearby "$ZS" wtc --json
check 'python3 -c "import json,sys,math; d=json.load(open(sys.argv[1])); n=d[\"nearby\"]; assert n and all(len(p[\"route\"])>=2 for p in n); assert [p[\"metres\"] for p in n]==sorted(p[\"metres\"] for p in n); assert all(p[\"minutes\"]==math.ceil(p[\"metres\"]/75) for p in n)" "$tmp/out"' "louyu nearby --json: no routes, not nearest first, or minutes unlike the text's"
# a place whose point is inside the building's outline is in it: 0 m, not a walk out to
# the road and back (Everbright IFC's bank branch), and the finder says so
run 0 nearby "$ZS" everbright-ifc; expect out '^  in this building  Bank · Bank branch B'
run 0 nearby "$ZS" everbright-ifc --json
check 'python3 -c "import json,sys; n=[p for p in json.load(open(sys.argv[1]))[\"nearby\"] if p[\"category\"]==\"bank\"][0]; assert n[\"metres\"]==0 and n[\"minutes\"]==0 and n[\"in_building\"] and len(n[\"route\"])==1, n" "$tmp/out"' "louyu nearby --json: the bank in the building is not 0 m in it"
run 0 query "$ZS" --near bank --near-m 200; expect out 'bank in the building \(Bank branch B'

run 2 nearby "$ZS" no-such-building; expect err 'has no building "no-such-building"'
run 0 query "$ZS" --near metro --include-later; expect out 'metro station [0-9]+ min on foot \([0-9]+ m; '
run 0 query "$ZS" --near metro --include-later --json; expect out 'opened 2016'
run 0 query "$ZS" --near metro --include-later --lang zh; expect out '地铁站：.*，步行 [0-9]+ 分钟（[0-9]+ 米；2016 年开通'; expect err '^注：计入 2 个.*开通的地铁站'
run 0 query "$ZS" --near metro --include-later --json; expect out '"reasons_zh"'
run 2 query "$ZS" --lang fr;                 expect err "--lang wants one of zh\\|en, not 'fr'"
run 2 query "$ZS" --bogus;                  expect err 'usage: louyu query'
run 2 query "$ZS" --min-area;               expect err '--min-area needs a value [(]M2[)]'
run 2 query "$ZS" --min-area -5
run 2 query "$ZS" --near tram;              expect err "--near wants one of metro\\|bus.*, not 'tram'"
# a place by its name in either language, as louyu writes it (a Chinese one without its 站 too)
run 0 query "$ZS" --near 地铁 --include-later --lang zh; expect out '地铁站：.*，步行 [0-9]+ 分钟'
run 0 query "$ZS" --near 地铁站 --include-later; expect out 'metro station [0-9]+ min on foot'
run 0 query "$ZS" --near 'Car Park' --near-m 300; expect out '^1\. '
run 2 query "$ZS" --near 医院;              expect err "--near wants one of metro\\|bus.*, not '医院'"
run 2 query "$ZS" --min-area 2000 --max-area 1000
run 2 query /nonexistent.geojson
run 1 query "$BAD/building-floors-missing.geojson"

# the strict parser: numbers whole and in range, sizes WxH, each command its own
# options; a usage error names the option and exits 2, and writes nothing
run 2 shot "$ZS" --out "$tmp/no.png" --msaa abc;   expect err "--msaa wants one of 0\|1\|2\|4\|8\|16, not 'abc'"
run 2 shot "$ZS" --out "$tmp/no.png" --scale 1.5x; expect err "--scale wants a number from 0.5 to 4, not '1.5x'"
run 2 shot "$ZS" --out "$tmp/no.png" --size 100;   expect err "--size wants WIDTHxHEIGHT in pixels"
run 2 shot "$ZS" --out "$tmp/no.png" --size 100000x5
# whole numbers in digits: not strtod's hex, exponents or blanks; limits printed whole
run 2 synth --buildings 0x10 --out "$tmp/no.geojson"; expect err "--buildings wants a whole number from 1 to 2000000, not '0x10'"
run 2 synth --buildings 1e3 --out "$tmp/no.geojson"
run 2 synth --buildings " 10" --out "$tmp/no.geojson"
run 2 synth --buildings 10 --seed 1.5e1 --out "$tmp/no.geojson"
run 2 pick "$ZS" --at 0x10,5
run 2 shot "$ZS" --out "$tmp/no.png" --scale inf
[ ! -e "$tmp/no.geojson" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: a refused synth wrote its file"; }
[ ! -e "$tmp/no.png" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: a refused shot wrote its PNG"; }
run 2 pick "$ZS" --at 10,10 --out "$tmp/no.png"; expect err '--out is an option of `louyu shot`, .*, not of `louyu pick`'
expect err '^usage: louyu pick'
# every command that takes an option is named, not just the first
run 2 validate "$ZS" --lang zh; expect err -- '--lang is an option of `louyu view`, `louyu stats`, `louyu info`, `louyu nearby`, `louyu query`, .*not of `louyu validate`'
run 2 info "$ZS" --json --json;               expect err -- '--json is given twice'
run 2 stats "$ZS" --size 10x10;               expect err -- '--size is an option of'
# (--db, the report commands' store, to a command that reads a store as its file: how)
run 2 stats --db s.gpkg; expect err -- '--db is the store of the `louyu report` commands; `louyu stats` reads a store as its FILE: louyu stats STORE.gpkg'
run 2 validate --bogus;                       expect err "unknown option '--bogus'"
run 2 shot "$ZS";                             expect err -- '--out'
# --name=value as GNU tools take it (it had been an "unknown option")
run 0 export "$ZS" --out="$tmp/eq.csv";       check '[ -s "$tmp/eq.csv" ]' "--out=FILE wrote nothing"
run 0 query "$ZS" --min-area=300 --json;      expect out '"vacant_m2"'
run 2 stats "$ZS" --json=1;                   expect err -- "--json takes no value, not '1'"
run 2 stats "$ZS" --bogus=1;                  expect err "unknown option '--bogus'"
run 2 stats "$ZS" --size=10x10;               expect err -- '--size is an option of'
run 2 export "$ZS" --out=;                    expect err -- "--out wants FILE, not ''"
# every command's help, from the table: `louyu help CMD` and `louyu CMD --help` agree
for cmd in $("$LOUYU" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 {print $1}'); do
  run 0 help "$cmd"; expect out "^usage: louyu $cmd"
  cp "$tmp/out" "$tmp/help-a"
  run 0 "$cmd" --help
  cmp -s "$tmp/out" "$tmp/help-a" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: louyu $cmd --help differs from louyu help $cmd"; }
done
run 2 help no-such-command;                   expect err 'no-such-command'

# a file from the wild (an OpenStreetMap export): ids exactly as written, names that
# fall back to something useful, info FILE lists the buildings
WILD="$SRC/tests/data/wild/osm-export.geojson"
run 0 info "$WILD";   expect out '^1155353760 +16\.0 m +5 .* Apartments 1155353760$'
expect out '^322667430 +42\.0 m .* Acme$'; expect out '^way/322667431 .*Haitian Mall \(海天商场\)$'
grep -q 'e+0' "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: an id came out in exponent form"; } || pass=$((pass + 1))
run 0 info "$WILD" --json
python3 -c '
import json, sys
ids = [b["id"] for b in json.load(open(sys.argv[1]))]
assert ids[:3] == ["1155353760", "1155353761", "322667430"], ids
assert all(b["title"] for b in json.load(open(sys.argv[1])))' "$tmp/out" &&
  pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: info --json of the OSM export: ids or titles wrong"; }
run 0 info "$WILD" 1155353760;  expect out '^Apartments 1155353760  \[1155353760\]$'; expect out 'roof:shape'
run 0 info "$WILD" 322667430;   expect out '^Acme  \[322667430\]$'
run 2 info "$WILD" 1.1553538e+09
run 0 validate "$WILD";         expect out 'valid: 5 buildings'
# a folder or a device given as data is named as such
run 2 validate "$SRC/tests";    expect err 'is a directory'
run 2 info /dev/null wtc;       expect err '(is a device|empty)'
run 2 info "$SRC/tests";        expect err 'is a directory'

# the kiosk's set-up: the PIN hash, and checking a config
echo 4821 | "$LOUYU" pin-hash >"$tmp/hash" 2>"$tmp/err"
if grep -Eq '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' "$tmp/hash"; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: pin-hash printed: $(cat "$tmp/hash")"; fi
echo 12 | "$LOUYU" pin-hash >"$tmp/out" 2>"$tmp/err"; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: pin-hash took a 2-digit PIN"; }
expect err 'must be 4 to 12 digits'
echo 12a4 | "$LOUYU" pin-hash >"$tmp/out" 2>"$tmp/err"; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: pin-hash took letters"; }
mkdir -p "$tmp/kiosk"
cp "$ZS" "$tmp/kiosk/district.geojson"
printf '{\n  "data": "district.geojson",\n  "language": "en",\n  "admin": {"pin_hash": "%s"},\n  "log": {"path": "logs/kiosk.log", "max_kb": 64, "keep": 2}\n}\n' "$(cat "$tmp/hash")" >"$tmp/kiosk/good.json"
run 0 kiosk-config "$tmp/kiosk/good.json"
expect out "^data +$tmp/kiosk/district.geojson$"
expect out '^admin panel +PIN set$'
expect out "^log +$tmp/kiosk/logs/kiosk.log \(64 KiB, 2 old files kept\)$"
expect out 'config and data are good'
printf '{\n  "data": "district.geojson",\n  "reset_after_s": 3,\n  "attract": {"after": 30}\n}\n' >"$tmp/kiosk/bad.json"
run 2 kiosk-config "$tmp/kiosk/bad.json"
expect err "^$tmp/kiosk/bad.json:3:20: error: \"reset_after_s\" is 3: expected a number from 10 to 86400$"
expect err "^$tmp/kiosk/bad.json:4:15: error: unknown member \"after\" in \"attract\": expected \"enabled\", \"after_s\" or \"per_building_s\"$"
expect err 'bad.json: 2 problems'
# the kiosk refuses a bad config too, before opening anything
run 2 --kiosk --config "$tmp/kiosk/bad.json"; expect err 'louyu will not start with it'
run 2 --config "$tmp/kiosk/good.json";        expect err 'use it with --kiosk'
# refused before any window, with a screen or without one (without, it had been exit 3, a
# supervisor's "start me again")
DISPLAY= WAYLAND_DISPLAY= SDL_VIDEODRIVER= run 2 --kiosk --operations
expect err 'operations is not for the public kiosk'
printf '{"data": "missing.geojson"}\n' >"$tmp/kiosk/nodata.json"
run 2 kiosk-config "$tmp/kiosk/nodata.json";  expect err 'missing.geojson: error: cannot open'
# a log the kiosk could not write, and no font at all: the kiosk would run without its
# log, or not start at all
printf '{"data": "district.geojson", "log": {"path": "district.geojson/kiosk.log"}}\n' >"$tmp/kiosk/nolog.json"
run 2 kiosk-config "$tmp/kiosk/nolog.json"; expect err 'nolog.json:1:46: error: "log.path" is ".*district.geojson/kiosk.log": .*expected a file the kiosk can write'
# (a byte-order mark is no column)
printf '\xef\xbb\xbf{"data": "district.geojson", "log": {"path": "district.geojson/kiosk.log"}}\n' >"$tmp/kiosk/nolog-bom.json"
run 2 kiosk-config "$tmp/kiosk/nolog-bom.json"; expect err 'nolog-bom.json:1:46: error: "log.path"'
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$tmp/kiosk/empty-fonts.conf"
FONTCONFIG_FILE="$tmp/kiosk/empty-fonts.conf" run 2 kiosk-config "$tmp/kiosk/good.json"
expect err 'no font was found through fontconfig: the kiosk cannot start'
# a font without Chinese characters, the only one fontconfig has: the kiosk starts, in English
latin=$(fc-list -f '%{file}\n' ':lang=en:outline=true' | while read -r f; do
  case $f in *.ttf | *.otf) ;; *) continue ;; esac
  fc-query -f '%{lang}\n' "$f" 2>/dev/null | head -1 | grep -q 'zh-cn' || { echo "$f"; break; }
done)
mkdir -p "$tmp/latin"
cp "$latin" "$tmp/latin/" || bad "no font without Chinese characters to test with: '$latin'"
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
  "$tmp/latin" "$tmp/latin-cache" >"$tmp/kiosk/latin-fonts.conf"
FONTCONFIG_FILE="$tmp/kiosk/latin-fonts.conf" run 0 kiosk-config "$tmp/kiosk/good.json"
expect out "^font +$tmp/latin/.* \\(no Chinese characters\\)$"
expect err 'warning: no font with Chinese characters .*: the kiosk starts in English'
run 0 kiosk-config "$tmp/kiosk/good.json"; expect out '^font +/'


# supervision, headless: a lost GL context exits 3 (restart me), SIGTERM 0, and the
# log file says so; SIGHUP reloads the data
# (These processes open a GL context: leak checking off, as for test_render, because
# llvmpipe's allocations outlive its unloading at exit, where LeakSanitizer cannot name them.)
export SDL_VIDEODRIVER=offscreen
saved_asan=${ASAN_OPTIONS-}
export ASAN_OPTIONS=${saved_asan:+$saved_asan:}detect_leaks=0
# a kiosk's preview is of the kiosk's district in its language: the config's "data" (from
# the config's folder) and "language" (it had drawn the bundled district in Chinese, and
# refused --select of the config's own building); a FILE and --lang still win, and a config
# with mistakes is refused as kiosk-config refuses it
mkdir -p "$tmp/kiosk/own"
printf '{"type":"FeatureCollection","features":[{"type":"Feature","id":"tw1","properties":{"name":"Test Tower","height_m":40},"geometry":{"type":"Polygon","coordinates":[[[-122.45,37.77],[-122.4495,37.77],[-122.4495,37.7704],[-122.45,37.7704],[-122.45,37.77]]]}}]}\n' >"$tmp/kiosk/own/d.geojson"
printf '{"data": "d.geojson", "language": "en"}\n' >"$tmp/kiosk/own/k.json"
kshot() { run "$1" shot --kiosk --config "$tmp/kiosk/own/k.json" --size 320x200 "${@:3}" --out "$tmp/kiosk/$2.png"; }
kshot 0 own --select tw1
kshot 0 own-en --select tw1 --lang en
kshot 0 own-zh --select tw1 --lang zh
kshot 0 own-map
run 0 shot --kiosk --size 320x200 --out "$tmp/kiosk/bundled.png"
kshot 2 own-zs "$ZS" --select tw1; expect err 'there is no building "tw1" to select'
check 'cmp -s "$tmp/kiosk/own.png" "$tmp/kiosk/own-en.png"' "shot --config: not in the config's language (en)"
check '! cmp -s "$tmp/kiosk/own.png" "$tmp/kiosk/own-zh.png"' "shot --config --lang zh: not in Chinese"
check '! cmp -s "$tmp/kiosk/own-map.png" "$tmp/kiosk/bundled.png"' "shot --config: drew the bundled district, not the config's"
run 2 shot --kiosk --config "$tmp/kiosk/bad.json" --out "$tmp/kiosk/bad.png"
expect err "^$tmp/kiosk/bad.json:3:20: error: \"reset_after_s\" is 3: expected a number from 10 to 86400$"
expect err 'bad.json: 2 problems'
# a preview of the tour where the config turns it off is refused: that kiosk never shows one
printf '{"data": "d.geojson", "attract": {"enabled": false}}\n' >"$tmp/kiosk/own/quiet.json"
run 2 shot --attract --config "$tmp/kiosk/own/quiet.json" --size 320x200 --out "$tmp/kiosk/quiet.png"
expect err 'attract: .*quiet.json turns the tour off \("attract": \{"enabled": false\}\), so that kiosk never shows it$'
check '[ ! -e "$tmp/kiosk/quiet.png" ]' "a tour drawn where the config turns it off"
# the viewer with only a font without Chinese characters: a picture, in English, and why
# Chinese is not shown; with no font at all, a clear refusal
FONTCONFIG_FILE="$tmp/kiosk/latin-fonts.conf" XDG_CACHE_HOME="$tmp/latin-xdg" \
  run 0 shot "$ZS" --size 320x200 --out "$tmp/latin.png"
expect err 'warning: FONT: no font with Chinese characters .* instead, in English'
if [ -s "$tmp/latin.png" ]; then ok; else bad "no picture with a font without Chinese characters"; fi
FONTCONFIG_FILE="$tmp/kiosk/empty-fonts.conf" XDG_CACHE_HOME="$tmp/latin-xdg" \
  run 2 shot "$ZS" --size 320x200 --out "$tmp/none.png"
expect err 'no font was found through fontconfig \(install fonts-noto-cjk\)'
LOUYU_FAULT=gl-lost@1 timeout 60 "$LOUYU" --kiosk --config "$tmp/kiosk/good.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 3 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: a lost context exited $rc, expected 3"; head -5 "$tmp/err"; fi
cp "$tmp/kiosk/logs/kiosk.log" "$tmp/log"
expect log 'Z error KIOSK: the GL context was lost: exiting with 3 for the supervisor to restart$'
expect log 'Z info KIOSK: stopping \(exit 3\)$'
rm -rf "$tmp/kiosk/logs"
"$LOUYU" --kiosk --config "$tmp/kiosk/good.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q 'APP: ' "$tmp/kiosk/logs/kiosk.log" 2>/dev/null && break; sleep 0.2; done
kill -HUP "$pid"
for _ in $(seq 100); do grep -q 'reloaded ' "$tmp/kiosk/logs/kiosk.log" && break; sleep 0.2; done
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: SIGTERM exited $rc, expected 0"; head -5 "$tmp/err"; fi
cp "$tmp/kiosk/logs/kiosk.log" "$tmp/log"
expect log 'reload asked for \(SIGHUP\)'
expect log "info RELOAD: reloaded $tmp/kiosk/district.geojson: 33 buildings"
expect log 'asked to end \(SIGTERM'
# a kiosk whose data is bad at start waits "out of service" for a good file, then shows it
cp "$BAD/height-negative.geojson" "$tmp/kiosk/weekly.geojson"
printf '{"data": "weekly.geojson", "log": {"path": "logs/oos.log"}}\n' >"$tmp/kiosk/oos.json"
"$LOUYU" --kiosk --config "$tmp/kiosk/oos.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q 'out of service' "$tmp/kiosk/logs/oos.log" 2>/dev/null && break; sleep 0.2; done
cp "$ZS" "$tmp/kiosk/weekly.tmp" && mv "$tmp/kiosk/weekly.tmp" "$tmp/kiosk/weekly.geojson"
for _ in $(seq 100); do grep -q 'reloaded ' "$tmp/kiosk/logs/oos.log" && break; sleep 0.2; done
# the file vanishing is said once, and the district stays; its return is said too
rm "$tmp/kiosk/weekly.geojson"
for _ in $(seq 100); do grep -q 'is gone' "$tmp/kiosk/logs/oos.log" && break; sleep 0.2; done
cp "$ZS" "$tmp/kiosk/weekly.geojson"
for _ in $(seq 100); do grep -q 'info RELOAD: .* is back' "$tmp/kiosk/logs/oos.log" && break; sleep 0.2; done
kill -TERM "$pid"
wait "$pid"
rc=$?
if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: the out-of-service kiosk exited $rc"; head -5 "$tmp/err"; fi
cp "$tmp/kiosk/logs/oos.log" "$tmp/log"
expect log "error LOAD: $tmp/kiosk/weekly.geojson:22:21: feature 0 \"wtc\": \"height_m\" is -5"
expect log 'out of service until it is replaced by a good file'
expect log "info RELOAD: reloaded $tmp/kiosk/weekly.geojson: 33 buildings"
expect log "warning RELOAD: $tmp/kiosk/weekly.geojson is gone; keeping the district on screen until it is back"
expect log "info RELOAD: $tmp/kiosk/weekly.geojson is back"
# a kiosk showing a shapefile reloads when only its table changes (a new .dbf)
mkdir -p "$tmp/kiosk/shp"
for e in shp shx dbf prj cpg; do cp "$SRC/tests/data/wild/shapefile/zhanshan-cgcs2000.$e" "$tmp/kiosk/shp/x.$e"; done
printf '{"data": "shp/x.shp", "log": {"path": "logs/shp.log"}}\n' >"$tmp/kiosk/shp.json"
"$LOUYU" --kiosk --config "$tmp/kiosk/shp.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q 'APP: ' "$tmp/kiosk/logs/shp.log" 2>/dev/null && break; sleep 0.2; done
sleep 1.5 # (the kiosk looks at its files once its loop has started, just after it logs APP)
python3 -c 'import sys; p=sys.argv[1]; d=open(p,"rb").read(); open(p+".new","wb").write(d.replace(b"118.5", b"119.5"))' \
  "$tmp/kiosk/shp/x.dbf"
mv "$tmp/kiosk/shp/x.dbf.new" "$tmp/kiosk/shp/x.dbf"
for _ in $(seq 100); do grep -q 'reloaded ' "$tmp/kiosk/logs/shp.log" && break; sleep 0.2; done
kill -TERM "$pid"
wait "$pid"
cp "$tmp/kiosk/logs/shp.log" "$tmp/log"
expect log "info RELOAD: reloaded $tmp/kiosk/shp/x.shp: 3 buildings"
# wait_err PATTERN: until the viewer's log ($tmp/err) says PATTERN (a grep pattern), 30 s at most
wait_err() { for _ in $(seq 150); do grep -q "$1" "$tmp/err" && break; sleep 0.2; done; }
# stop_viewer: the viewer started in the background ($pid) ended, its log in $tmp/log
stop_viewer() {
  kill -TERM "$pid"
  wait "$pid"
  cp "$tmp/err" "$tmp/log"
}
# drop_on FILE DROPPED UNTIL: the viewer on FILE, DROPPED dropped on its window (the window
# system's drop event) at its second frame, until its log says UNTIL (a grep pattern); the
# log in $tmp/log
drop_on() {
  LOUYU_FAULT="drop@2:$2" timeout 60 "$LOUYU" --verbose view "$1" --size 640x360 >"$tmp/out" 2>"$tmp/err" &
  local pid=$!
  wait_err "$3"
  stop_viewer
}
# a file dropped on the viewer's window opens in place of the one shown, its name in the
# title; a kiosk ignores it
drop_on "$ZS" "$WILD" 'reloaded .*osm-export.geojson'
expect log "RELOAD: $WILD dropped on the window: opening it"
expect log "RELOAD: reloaded $WILD: 5 buildings"
# a dropped file refused only for its features' own errors (an OpenStreetMap export with a
# broken tag) opens without them, as --skip-bad would
sed 's/k="height" v="120"/k="height" v="tall"/' "$SRC/tests/data/wild/osm-export.osm" >"$tmp/broken.osm"
drop_on "$ZS" "$tmp/broken.osm" 'reloaded .*broken.osm'
expect log "RELOAD: reload of $tmp/broken.osm failed: 1 error; showing the previous data"
expect log "RELOAD: $tmp/broken.osm: 1 feature with errors: opening it without them"
expect log "RELOAD: reloaded $tmp/broken.osm: 4 buildings"
# a dropped file that does not load leaves the district, and the file the viewer follows
cp "$ZS" "$tmp/orig.geojson"
printf 'hello\n' >"$tmp/notes.dat"
LOUYU_FAULT="drop@2:$tmp/notes.dat" timeout 60 "$LOUYU" --verbose view "$tmp/orig.geojson" --size 640x360 >"$tmp/out" 2>"$tmp/err" &
pid=$!
wait_err 'reload of .*notes.dat failed'
sleep 1.5
cp "$WILD" "$tmp/orig.tmp" && mv "$tmp/orig.tmp" "$tmp/orig.geojson"
wait_err 'reloaded .*orig.geojson'
stop_viewer
expect log "RELOAD: reload of $tmp/notes.dat failed: 1 error; showing the previous data"
expect log "RELOAD: reloaded $tmp/orig.geojson: 5 buildings"
# a file emptied (a broken export: a FeatureCollection of nothing) is no district to show in
# place of one: the viewer (and a kiosk) keeps what it shows, and loads the next good file
cp "$ZS" "$tmp/emptied.geojson"
timeout 60 "$LOUYU" --verbose view "$tmp/emptied.geojson" --size 640x360 >"$tmp/out" 2>"$tmp/err" &
pid=$!
wait_err 'APP: '
sleep 1.5
printf '{"type":"FeatureCollection","features":[]}\n' >"$tmp/e.tmp" && mv "$tmp/e.tmp" "$tmp/emptied.geojson"
wait_err 'reload of .*emptied.geojson failed'
sleep 1.5
cp "$WILD" "$tmp/e.tmp" && mv "$tmp/e.tmp" "$tmp/emptied.geojson"
wait_err 'reloaded .*emptied.geojson'
stop_viewer
expect log "RELOAD: reload of $tmp/emptied.geojson failed: 1 error; showing the previous data"
expect log "RELOAD: $tmp/emptied.geojson: it has no buildings: expected a district with its buildings"
expect log "RELOAD: reloaded $tmp/emptied.geojson: 5 buildings"
# a file the viewer may not read when it changed is loaded once it may: chmod alone changes
# neither its time nor its size (the viewer kept the old district until Ctrl+R). The viewer
# runs as nobody where the test runs as root, whom a mode of 000 does not stop.
rd=$(mktemp -d) && chmod 755 "$rd"
cp "$ZS" "$rd/w.geojson"
as=()
if [ "$(id -u)" = 0 ]; then chown -R nobody "$rd"; as=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
XDG_CACHE_HOME="$rd/cache" XDG_CONFIG_HOME="$rd/config" timeout 90 "${as[@]}" "$LOUYU" --verbose view "$rd/w.geojson" \
  --size 640x360 >"$tmp/out" 2>"$tmp/err" &
pid=$!
wait_err 'APP: '
sleep 1.5
chmod 000 "$rd/w.geojson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["features"]=[f for f in d["features"] if f["id"]!="wtc"]; open(sys.argv[2],"w").write(json.dumps(d))' \
  "$ZS" "$tmp/less.json"
cat "$tmp/less.json" >"$rd/w.geojson" # (in place: root may write it)
wait_err 'reload of .*w.geojson failed'
chmod 644 "$rd/w.geojson"
wait_err 'reloaded .*w.geojson'
stop_viewer
rm -rf "$rd"
expect log "RELOAD: reload of .*/w.geojson failed: it cannot be read; showing the previous data"
expect log "RELOAD: .*/w.geojson: cannot open: Permission denied"
expect log "RELOAD: reloaded .*/w.geojson: 32 buildings"
# a weekly report dropped on a store is imported into it (whole or not at all) and the store
# shown again with its new week; a bad one changes nothing; one dropped on a plain file says
# where to drop it
"$LOUYU" convert "$ZS" "$tmp/drop.gpkg" >/dev/null
weeks() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) || \" \" || ifnull(MAX(week), \"-\") FROM weekly_reports WHERE replaced_by IS NULL").fetchone()[0])' "$1"; }
before=$(weeks "$tmp/drop.gpkg")
printf 'week,building,floors,vacant_m2\n2011-W20,wtc,2,abc\n' >"$tmp/bad-week.csv"
drop_on "$tmp/drop.gpkg" "$tmp/bad-week.csv" 'not imported'
expect log "warning: IMPORT: $tmp/bad-week.csv not imported: 1 error, the first 2:16: [a-z0-9-]+: \"vacant_m2\" is \"abc\""
check '[ "$(weeks "$tmp/drop.gpkg")" = "$before" ]' "a bad report dropped changed the store"
drop_on "$tmp/drop.gpkg" "$SRC/tests/data/reports-xls/week-libreoffice.xls" 'reloaded .*drop.gpkg'
expect log "IMPORT: $SRC/tests/data/reports-xls/week-libreoffice.xls: imported 2011-W19, 4 rows into $tmp/drop.gpkg"
expect log "RELOAD: reloaded $tmp/drop.gpkg: 33 buildings"
check '[ "$(weeks "$tmp/drop.gpkg")" = "$(( ${before%% *} + 4 )) 2011-W19" ]' "the dropped report is not in the store: $(weeks "$tmp/drop.gpkg")"
drop_on "$ZS" "$tmp/bad-week.csv" 'not imported'
expect log "warning: IMPORT: $tmp/bad-week.csv dropped on the window: not imported \\(the district shown is not a store\\)"
LOUYU_FAULT="drop@2:$WILD" "$LOUYU" --kiosk --config "$tmp/kiosk/shp.json" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 150); do grep -q 'dropped on the window' "$tmp/kiosk/logs/shp.log" && break; sleep 0.2; done
kill -TERM "$pid"
wait "$pid"
cp "$tmp/kiosk/logs/shp.log" "$tmp/log"
expect log "warning KIOSK: $WILD dropped on the window: ignored"
# the OpenStreetMap export in the viewer: its ids pick and select as written
run 0 pick "$WILD" --view 1155353760 --at 640,360; expect out '^1155353760$'
run 0 pick "$WILD" --view 322667430 --at 640,360;  expect out '^322667430$'
run 0 shot "$WILD" --select 322667430 --out "$tmp/wild.png"
[ -s "$tmp/wild.png" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: shot --select 322667430 wrote no picture"; }
run 2 shot "$WILD" --select 3.22667e+08 --out "$tmp/wild.png"; expect err 'no building "3.22667e\+08"'
# as cron runs it (no display, no SDL_VIDEODRIVER, no XDG_RUNTIME_DIR): a picture, and
# nothing on stderr (SDL's tries of X11 and Wayland had printed "error: XDG_RUNTIME_DIR is
# invalid" on a run that succeeded)
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER -u XDG_RUNTIME_DIR \
  "$LOUYU" shot "$ZS" --size 64x48 --out "$tmp/cron.png" >"$tmp/out" 2>"$tmp/err"
rc=$?
check '[ $rc = 0 ] && [ -s "$tmp/cron.png" ] && [ ! -s "$tmp/err" ]' \
  "a shot as cron runs it: $(head -3 "$tmp/err")"
# a district with no buildings says so on screen: a white notice in the middle of the map
printf '{"type": "FeatureCollection", "features": []}\n' >"$tmp/empty.geojson"
run 0 shot "$tmp/empty.geojson" --size 640x360 --out "$tmp/empty.png"
m=$(convert "$tmp/empty.png" -crop 120x3+260+184 -resize 1x1\! -format '%[fx:minima]' info:)
awk "BEGIN { exit !($m > 0.94) }" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: an empty district shows no notice ($m)"; }
# a hovered place's name is a solid box over the buildings' labels it covers (the label of
# Sample Tower 27 had shown through the metro station's, whose box let 4% through)
run 0 shot "$ZS" --hover-place poi-metro-yanan-san --size 1366x768 --lang zh --out "$tmp/hover.png"
m=$(convert "$tmp/hover.png" -crop 85x8+815+378 -format '%[fx:minima.intensity]' info:)
awk "BEGIN { exit !($m > 0.99) }" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: a label shows through the hovered place's name ($m)"; }
# a picture that cannot be written whole is said, and the old one stays as it was
run 0 shot "$ZS" --out "$tmp/keep.png" --size 64x48
before=$(sha256sum <"$tmp/keep.png")
(ulimit -f 4; "$LOUYU" shot "$ZS" --out "$tmp/keep.png" --size 640x480 >/dev/null 2>"$tmp/err")
rc=$?
check '[ $rc = 2 ] && grep -q "cannot write .*keep.png: File too large" "$tmp/err"' \
  "a shot over the file-size limit: rc $rc, $(cat "$tmp/err")"
check '[ "$(sha256sum <"$tmp/keep.png")" = "$before" ] && [ -z "$(ls "$tmp" | grep "keep.png.")" ]' \
  "a shot that failed changed the old picture or left its temporary file"
run 2 shot "$ZS" --out /dev/full --size 64x48; expect err 'cannot write /dev/full: No space left on device'
# a PNG to stdout with --out - (it had been a file named "-"), said once where it fails;
# a picture named as another kind is refused (x.gif had been given PNG bytes)
"$LOUYU" shot "$ZS" --size 64x48 --out - 2>"$tmp/err" | head -c 8 | od -An -c >"$tmp/out"
check 'grep -q "P   N   G" "$tmp/out" && [ ! -e ./- ]' "shot --out - gave no PNG on stdout: $(cat "$tmp/out")"
"$LOUYU" shot "$ZS" --size 64x48 --out - >/dev/full 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "cannot write to the standard output: No space left on device" "$tmp/err"' \
  "shot --out - to a full disk: $(cat "$tmp/err")"
run 2 shot "$ZS" --size 64x48 --out "$tmp/x.gif"
expect err "^louyu shot: --out names the picture: FILE.png, FILE.jpg \(a JPEG\) or - \(a PNG to stdout\), not '$tmp/x.gif'$"
"$LOUYU" synth --buildings 5 --out - >/dev/full 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ]' "synth --out - to a full disk, said once: $(cat "$tmp/err")"
run 2 bench "$ZS" --no-render --runs 1 --export-polygons /dev/full
expect err "^louyu bench: cannot write /dev/full: No space left on device$"

unset SDL_VIDEODRIVER
export ASAN_OPTIONS=$saved_asan

# a pipe (or a device) to write to is written to, never renamed over (as root, synth had
# replaced /dev/full with a file of that name)
mkfifo "$tmp/fifo"
timeout 60 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
run 0 synth --buildings 5 --out "$tmp/fifo"
wait $reader
check '[ -p "$tmp/fifo" ]' "synth replaced the pipe it wrote to"
check 'grep -q FeatureCollection "$tmp/from-fifo"' "synth wrote nothing into the pipe"

# data that does not reach stdout is a failure, said; with --out - the data alone is on
# stdout (what the export says goes to stderr)
"$LOUYU" stats "$ZS" >/dev/full 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && grep -q "cannot write to the standard output: No space left on device" "$tmp/err"' \
  "stats into a full stdout: rc $rc, $(cat "$tmp/err")"
# the cause where a command saw it (a big JSON fails while it is written, not at the end);
# an export that said so itself is not said again
for cmd in "info wtc --json" "query --json"; do
  "$LOUYU" ${cmd%% *} "$ZS" ${cmd#* } >/dev/full 2>"$tmp/err"
  rc=$?
  check '[ $rc = 2 ] && grep -q "No space left on device" "$tmp/err"' \
    "$cmd into a full stdout: rc $rc, $(cat "$tmp/err")"
done
"$LOUYU" export "$ZS" --format csv --out - >/dev/full 2>"$tmp/err"
check '[ "$(grep -c "standard output" "$tmp/err")" = 1 ]' \
  "export into a full stdout said it more than once: $(cat "$tmp/err")"
"$LOUYU" export "$ZS" --format geojson --out - >"$tmp/std.geojson" 2>"$tmp/err"
check 'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/std.geojson" && grep -q "cameras left out" "$tmp/err"' \
  "export --out - is not GeoJSON alone: $(head -c 200 "$tmp/std.geojson")"
"$LOUYU" convert "$ZS" "$tmp/std.gpkg" >/dev/null 2>&1
(cd "$tmp" && "$LOUYU" export std.gpkg --out - >"$tmp/std-week.geojson" 2>/dev/null)
check '[ ! -e "$tmp/-" ] && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/std-week.geojson"' \
  "a store's export --out - wrote a file named - (or no GeoJSON to stdout)"

# a store that cannot be made whole leaves nothing under its name (nor beside it), and
# the message names it
(ulimit -f 100; "$LOUYU" convert "$ZS" "$tmp/half.gpkg" >/dev/null 2>"$tmp/err")
rc=$?
check '[ $rc = 2 ] && grep -q "cannot write $tmp/half.gpkg: " "$tmp/err"' "a convert over the file-size limit: rc $rc, $(cat "$tmp/err")"
check '[ -z "$(ls "$tmp" | grep half)" ]' "a convert that failed left $(ls "$tmp" | grep half | tr '\n' ' ')"

finish
