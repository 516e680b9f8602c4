#!/usr/bin/env bash
# District files in ZIP archives, as data portals and colleagues hand them out: a
# Geofabrik-shaped download of several shapefile layers (made with GDAL), one GeoJSON, a
# GeoPackage, names in GBK, ZIP64; and archives louyu must refuse with why: cut short,
# damaged, encrypted, compressed in a way it does not read, several files, none, a
# workbook. Needs LOUYU (the binary) and SRC (the source tree); GDAL's ogr2ogr.
set -u
. "$(dirname "$0")/lib.sh"
WILD="$SRC/tests/data/wild"
GF="$WILD/geofabrik.geojson"
ZIP="python3 $SRC/tests/zip_write.py"

# Geofabrik's free shapefiles, one layer a kind of feature, each with its .shx, .prj, .cpg
mkdir -p "$tmp/gf"
layer() { # NAME GEOMETRY WHERE COLUMNS
  ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -nlt "$2" -where "$3" -select "$4" \
    "$tmp/gf/$1.shp" "$GF" 2>>"$tmp/ogr-err"
}
layer gis_osm_buildings_a_free_1 POLYGON "fclass='building'" osm_id,code,fclass,name,type
layer gis_osm_roads_free_1 LINESTRING "fclass in ('primary','footway')" osm_id,code,fclass,name,ref,oneway
layer gis_osm_pois_free_1 POINT "fclass in ('bank','town_hall','bus_stop')" osm_id,code,fclass,name
layer gis_osm_landuse_a_free_1 POLYGON "fclass in ('park','residential')" osm_id,code,fclass,name
layer gis_osm_water_a_free_1 POLYGON "fclass='water'" osm_id,code,fclass,name
check '[ -s "$tmp/gf/gis_osm_water_a_free_1.dbf" ]' "ogr2ogr did not write the layers: $(head -2 "$tmp/ogr-err")"
printf 'OpenStreetMap data, ODbL\n' >"$tmp/gf/README"
members() { for f in "$1"/*; do printf '%s=%s\n' "$2$(basename "$f")" "$f"; done; }
$ZIP "$tmp/gf.shp.zip" $(members "$tmp/gf" "")
# the archive is the district its layers are, as the GeoJSON they came from
run 0 validate "$tmp/gf.shp.zip"
expect out 'gf.shp.zip: valid: 2 buildings, 7 other features, 0 enterprises, 1 feature skipped; 0 warnings'
run 0 stats "$tmp/gf.shp.zip"; cp "$tmp/out" "$tmp/stats-zip"
run 0 stats "$GF"
check 'cmp -s "$tmp/out" "$tmp/stats-zip"' "the archive's figures are not the GeoJSON's: $(diff "$tmp/out" "$tmp/stats-zip" | head -4)"
# its roads are walked and its places named, across the layers
run 0 nearby "$tmp/gf.shp.zip" 100
expect out 'Bank · 中国银行 \[300\]'
expect out 'Bus stop · 湛山站 \[302\]'
# in a folder of the archive, and with macOS's resource forks beside it
$ZIP "$tmp/dir.zip" $(members "$tmp/gf" "extract/") "__MACOSX/extract/._gis_osm_roads_free_1.shp=$GF"
run 0 validate "$tmp/dir.zip"; expect out 'valid: 2 buildings, 7 other features'
# ZIP64's records; names in GBK as Chinese Windows zips them (the shapefile's layer named)
$ZIP "$tmp/z64.zip" --zip64 $(members "$tmp/gf" "")
run 0 validate "$tmp/z64.zip"; expect out 'valid: 2 buildings, 7 other features'
for e in shp dbf; do cp "$WILD/shapefile/zhanshan-cgcs2000.$e" "$tmp/hx.$e"; done
$ZIP "$tmp/gbk.zip" --gbk "建筑/楼宇.shp=$tmp/hx.shp" "建筑/楼宇.dbf=$tmp/hx.dbf"
run 1 validate "$tmp/gbk.zip"
expect err '^.*gbk.zip: warning: 建筑/楼宇.shp: no .prj beside it'
expect err '^.*gbk.zip:1:0: error: 建筑/楼宇.shp, record 1, shape: "hx-01": longitude 534236.307 is out of range'
$ZIP "$tmp/gbk.zip" --gbk $(for e in shp dbf prj cpg; do printf '建筑/楼宇.%s=%s ' $e "$WILD/shapefile/zhanshan-cgcs2000.$e"; done)
run 0 validate "$tmp/gbk.zip"; expect out 'valid: 3 buildings'
# a bad value at its layer, record and field; --skip-bad leaves that building out
cat >"$tmp/b.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"osm_id":"100","name":"A","height":30},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}},
{"type":"Feature","properties":{"osm_id":"101","name":"B","height":-5},"geometry":{"type":"Polygon","coordinates":[[[120.402,36.060],[120.403,36.060],[120.403,36.0608],[120.402,36.0608],[120.402,36.060]]]}}]}
JSON
mkdir -p "$tmp/bad" && cp "$tmp/gf"/gis_osm_roads_free_1.* "$tmp/bad/"
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/bad/buildings.shp" "$tmp/b.geojson" 2>/dev/null
$ZIP "$tmp/bad.zip" $(members "$tmp/bad" "")
run 1 validate "$tmp/bad.zip"
expect err "^$tmp/bad.zip:2:3: error: buildings.shp, record 2, field height: \"101\": \"height\" is -5: expected a height in metres"
expect err 'bad.zip: 1 feature has errors: --skip-bad reads the file without it'
run 0 validate --skip-bad "$tmp/bad.zip"; expect out 'valid: 1 building, 2 other features'
# a layer that is not a shapefile: refused, named
printf 'garbage' >"$tmp/bad/buildings.shp"
$ZIP "$tmp/bad2.zip" $(members "$tmp/bad" "")
run 1 validate "$tmp/bad2.zip"
expect err "^$tmp/bad2.zip: error: buildings.shp: the .shp is not a shapefile"
rm "$tmp/bad/buildings.dbf"
$ZIP "$tmp/bad3.zip" $(members "$tmp/bad" "")
run 1 validate "$tmp/bad3.zip"
expect err "archive's buildings.shp has no .dbf beside it: expected the shapefile's table"

# Gauss-Krüger eastings with their zone number in front (zone 40: 40533335) under the .prj (or
# a GeoPackage's system) of that meridian without it: one error a record that names the
# zone, not one "position is null" a vertex (sweep 53)
mkdir -p "$tmp/gk"
ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:4528 -lco ENCODING=UTF-8 "$tmp/gk/z40.shp" "$tmp/b.geojson" 2>/dev/null
ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:4549 -lco ENCODING=UTF-8 "$tmp/gk/cm120.shp" "$tmp/b.geojson" 2>/dev/null
cp "$tmp/gk/cm120.prj" "$tmp/gk/z40.prj"
run 1 validate "$tmp/gk/z40.shp"
expect err "z40.shp:1:0: error: record 1, shape: the position \[405[0-9.]*, [0-9.]*\] is outside what the .prj's system \(CGCS2000 / 3-degree Gauss-Kruger CM 120E\) takes to longitude and latitude: .*its zone number, 40, in front"
expect err '2 features have errors'
ogr2ogr -f GPKG "$tmp/gk/z40.gpkg" "$tmp/gk/z40.shp" -a_srs EPSG:4549 2>/dev/null
run 1 validate "$tmp/gk/z40.gpkg"
expect err "z40.gpkg:1:0: error: table z40, fid 1, geom: the position \[405[0-9.]*, [0-9.]*\] is outside what the table's system \(srs_id 4549, EPSG 4549\) takes .*zone number, 40, in front"
expect err '2 features have errors'
# longitude and latitude under a .prj (or a table's system) in metres: said as such (it had
# been only "ring 0 encloses no area", the positions read as metres from the system's origin)
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/gk/deg.shp" "$tmp/b.geojson" 2>/dev/null
cp "$tmp/gk/cm120.prj" "$tmp/gk/deg.prj"
run 1 validate "$tmp/gk/deg.shp"
expect err "deg.shp: warning: every position lies within ±180 and ±90 \(x 120.* as longitude and latitude in degrees do, but the .prj's system \(CGCS2000 / 3-degree Gauss-Kruger CM 120E\) is a projected one, whose coordinates are metres: if they are degrees, expected a geographic system"
ogr2ogr -f GPKG "$tmp/gk/deg.gpkg" "$tmp/gk/deg.shp" -a_srs EPSG:4549 2>/dev/null
run 1 validate "$tmp/gk/deg.gpkg"
expect err "deg.gpkg: warning: table deg: every position lies within ±180 and ±90 .* but the table's system \(srs_id 4549, EPSG 4549\) is a projected one"
# (and not for metres under a projected system, nor for degrees without a .prj)
run 1 validate "$tmp/gk/cm120.shp"
check '! grep -q "within ±180" "$tmp/err"' "metres under a projected system said as degrees: $(head -2 "$tmp/err")"
rm "$tmp/gk/deg.prj"
run 1 validate "$tmp/gk/deg.shp"
check '! grep -q "within ±180" "$tmp/err" && grep -q "no .prj beside it" "$tmp/err"' "degrees without a .prj: $(head -2 "$tmp/err")"

# UTF-8 (as QGIS and GDAL write) under a .cpg that says GBK: read as UTF-8, said (it had been
# read as GBK: every column's name and every name garbled, the heights lost, sweep 53)
cat >"$tmp/zh.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"光大国际金融中心","高度":100},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}}]}
JSON
mkdir -p "$tmp/u8"
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/u8/b.shp" "$tmp/zh.geojson" 2>/dev/null
printf 'GBK\r\n' >"$tmp/u8/b.cpg"
run 0 info "$tmp/u8/b.shp" 1
expect out '^光大国际金融中心  \[1\]'
expect out '^Height +100.0 m'
run 0 validate "$tmp/u8/b.shp"
expect err "warning: the .dbf's text is UTF-8 though its .cpg says GBK: read as UTF-8"

# GBK whose bytes are UTF-8 too (楼 is C2 A5, UTF-8's ¥): read as the .cpg says, no warning
cat >"$tmp/gbk.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"A楼","height":30},"geometry":{"type":"Polygon","coordinates":[[[120.400,36.060],[120.401,36.060],[120.401,36.0608],[120.400,36.0608],[120.400,36.060]]]}},
{"type":"Feature","properties":{"name":"B楼","height":30},"geometry":{"type":"Polygon","coordinates":[[[120.402,36.060],[120.403,36.060],[120.403,36.0608],[120.402,36.0608],[120.402,36.060]]]}},
{"type":"Feature","properties":{"name":"C楼","height":30},"geometry":{"type":"Polygon","coordinates":[[[120.404,36.060],[120.405,36.060],[120.405,36.0608],[120.404,36.0608],[120.404,36.060]]]}},
{"type":"Feature","properties":{"name":"D楼","height":30},"geometry":{"type":"Polygon","coordinates":[[[120.406,36.060],[120.407,36.060],[120.407,36.0608],[120.406,36.0608],[120.406,36.060]]]}}]}
JSON
mkdir -p "$tmp/gbkshp"
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=GBK "$tmp/gbkshp/c.shp" "$tmp/gbk.geojson" 2>/dev/null
run 0 info "$tmp/gbkshp/c.shp"
expect out ' A楼$'
expect out ' D楼$'
run 0 validate "$tmp/gbkshp/c.shp"; expect out 'valid: 4 buildings.*0 warnings'

# OpenStreetMap's keys as ogr2ogr launders them into a .dbf (name_zh, roof_heigh, roof_level,
# building_h): read as the keys they stand for, as from the GeoJSON (sweep 53)
cat >"$tmp/osmk.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"osm_id":"11","building":"office","name:zh":"海信大厦","height":"20","roof:height":"5"},"geometry":{"type":"Polygon","coordinates":[[[120.37,36.06],[120.3705,36.06],[120.3705,36.0605],[120.37,36.0605],[120.37,36.06]]]}},
{"type":"Feature","properties":{"osm_id":"12","building":"office","building:levels":"4","roof:levels":"2"},"geometry":{"type":"Polygon","coordinates":[[[120.371,36.06],[120.3715,36.06],[120.3715,36.0605],[120.371,36.0605],[120.371,36.06]]]}},
{"type":"Feature","properties":{"osm_id":"13","building":"office","building:height":"30"},"geometry":{"type":"Polygon","coordinates":[[[120.372,36.06],[120.3725,36.06],[120.3725,36.0605],[120.372,36.0605],[120.372,36.06]]]}}]}
JSON
mkdir -p "$tmp/osmk"
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/osmk/b.shp" "$tmp/osmk.geojson" 2>/dev/null
"$LOUYU" info "$tmp/osmk.geojson" 2>/dev/null | tail -3 >"$tmp/osmk.want"
"$LOUYU" info "$tmp/osmk/b.shp" 2>/dev/null | tail -3 >"$tmp/osmk.got"
check 'cmp -s "$tmp/osmk.want" "$tmp/osmk.got" && grep -q "^11 .* 海信大厦" "$tmp/osmk.got"' \
  "laundered OSM keys: $(cat "$tmp/osmk.got") against $(cat "$tmp/osmk.want")"

# one GeoJSON: read as that file, its messages at ARCHIVE/MEMBER:LINE:COL
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["features"][0]["properties"]["height"]="tall"; json.dump(d,open(sys.argv[2],"w"),indent=1)' \
  "$WILD/osm-export.geojson" "$tmp/tall.geojson"
$ZIP "$tmp/one.zip" "data/tall.geojson=$tmp/tall.geojson"
run 1 validate "$tmp/one.zip"
expect err "^$tmp/one.zip/data/tall.geojson:[0-9]+:[0-9]+: error: feature 0 .*\"height\" is \"tall\""
$ZIP "$tmp/one.zip" "x.osm=$WILD/osm-export.osm"
run 0 validate "$tmp/one.zip"; expect out 'valid: '
run 0 validate "$WILD/osm-export.osm"; cp "$tmp/out" "$tmp/osm-direct"
check '[ "$(sed "s/^[^:]*: //" "$tmp/osm-direct")" = "$(sed "s/^[^:]*: //" "$tmp/out")" ]' "the zipped .osm is not the .osm"
# another tool's GeoPackage, through a temporary file
$ZIP "$tmp/gpkg.zip" "zhanshan.gpkg=$WILD/geopackage/zhanshan-cgcs2000.gpkg"
run 0 info "$tmp/gpkg.zip"; expect out '^hx-01 '
# a store from the archive keeps it as GeoJSON, and exports that
run 0 convert "$tmp/gf.shp.zip" "$tmp/s.gpkg"; expect out 'a GeoPackage of 2 buildings from'
run 0 export "$tmp/s.gpkg" --out "$tmp/s.geojson"
check 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"type\"]==\"FeatureCollection\" and len(d[\"features\"])==10" "$tmp/s.geojson"' \
  "the store's GeoJSON is not the archive's ten features"

# refused, with what is wrong and what was expected
$ZIP "$tmp/cut.zip" --cut 900 $(members "$tmp/gf" "")
run 1 validate "$tmp/cut.zip"
expect err "cut.zip: error: the file is a ZIP archive that cannot be read \(no central directory\): expected a whole ZIP archive"
$ZIP "$tmp/dmg.zip" --stored --damage "a.geojson=$WILD/gdal-osm.geojson"
run 1 validate "$tmp/dmg.zip"
expect err "archive's a.geojson cannot be read \(a CRC-32 that does not match: damaged\)"
$ZIP "$tmp/dmg.zip" --damage "a.geojson=$WILD/gdal-osm.geojson"
run 1 validate "$tmp/dmg.zip"
expect err "archive's a.geojson cannot be read \(data that does not inflate to its size: damaged\)"
$ZIP "$tmp/enc.zip" --encrypted "a.geojson=$WILD/gdal-osm.geojson"
run 1 validate "$tmp/enc.zip"; expect err "cannot be read \(encrypted with a password\)"
$ZIP "$tmp/bz.zip" --method 12 "a.geojson=$WILD/gdal-osm.geojson"
run 1 validate "$tmp/bz.zip"; expect err "cannot be read \(compressed with bzip2\): expected a whole, unencrypted archive, its members stored or deflated"
$ZIP "$tmp/two.zip" "a.geojson=$WILD/gdal-osm.geojson" "b.geojson=$WILD/osm-export.geojson"
run 1 validate "$tmp/two.zip"
expect err "the archive holds several district files and no shapefile \(a.geojson, b.geojson\): expected one"
$ZIP "$tmp/none.zip" "README.txt=$WILD/README.md"
run 1 validate "$tmp/none.zip"
expect err "the archive holds no district file \(README.txt\): expected a shapefile"
python3 "$SRC/tests/xlsx_write.py" "$SRC/tests/data/reports-xls/week-libreoffice.csv" "$tmp/week.xlsx" 2>/dev/null
run 1 validate "$tmp/week.xlsx"
expect err "the file is a workbook .*, not a district: a weekly report is imported with louyu report import"
# by its content too, whatever its name
cp "$tmp/gf.shp.zip" "$tmp/download"
run 0 validate "$tmp/download"; expect out 'valid: 2 buildings'

# archives inside archives: at most 4 deep (a zip of a zip ... 6 deep is refused, not
# followed down the stack)
cp "$WILD/osm-export.geojson" "$tmp/n0"
for i in 1 2 3 4 5 6; do $ZIP "$tmp/n$i" --stored "a.json=$tmp/n$((i - 1))"; done
run 0 validate "$tmp/n3"; expect out 'valid: 5 buildings'
run 1 validate "$tmp/n6"
expect err "a compressed file inside compressed files 5 deep: expected a district file inside at most 4"
# layers that say they unpack past the limit are refused before any is inflated
$ZIP "$tmp/claim.zip" --claim 600000000 "b.shp=$tmp/gf/gis_osm_buildings_a_free_1.shp" \
  "b.dbf=$tmp/gf/gis_osm_buildings_a_free_1.dbf" "b.prj=$tmp/gf/gis_osm_buildings_a_free_1.prj"
run 1 validate "$tmp/claim.zip"
expect err "the archive's shapefiles hold 572 MiB unpacked: expected at most 512 MiB in all"
# a download's metadata.json beside its GeoJSON is not a second district; a pipe's "-"
printf '{"title": "buildings", "licence": "ODbL"}' >"$tmp/metadata.json"
$ZIP "$tmp/meta.zip" "buildings.geojson=$WILD/osm-export.geojson" "metadata.json=$tmp/metadata.json"
run 0 validate "$tmp/meta.zip"; expect out 'valid: 5 buildings'
$ZIP "$tmp/pipe.zip" "-=$WILD/osm-export.geojson"
run 0 validate "$tmp/pipe.zip"; expect out 'valid: 5 buildings'
# names in code page 437 (an older Western tool's café.shp), two layers: read, named
$ZIP "$tmp/cp437.zip" --cp437 $(for e in shp dbf prj cpg; do
  printf 'café.%s=%s osm.%s=%s ' $e "$WILD/shapefile/zhanshan-cgcs2000.$e" $e "$WILD/shapefile/gis_osm_buildings_a_free_1.$e"; done)
run 0 validate "$tmp/cp437.zip"; expect out 'valid: 6 buildings'
rm "$tmp/hx.prj" 2>/dev/null; cp "$WILD/shapefile/zhanshan-cgcs2000.dbf" "$tmp/hx.dbf"
$ZIP "$tmp/cp437b.zip" --cp437 "café.shp=$tmp/hx.shp" "café.dbf=$tmp/hx.dbf"
run 1 validate "$tmp/cp437b.zip"; expect err 'cp437b.zip: warning: café.shp: no .prj beside it'

# the same OpenStreetMap way in two or three layers (a school: a building, a place, land
# use): each layer after the first names its copy "LAYER/ID"; none refuses the archive
$ZIP "$tmp/same.zip" $(for l in a b c; do for e in shp dbf prj cpg; do
  printf '%s/gis_osm_buildings_a_free_1.%s=%s ' $l $e "$tmp/gf/gis_osm_buildings_a_free_1.$e"; done; done)
run 0 validate "$tmp/same.zip"; expect out 'valid: 6 buildings'
run 0 info "$tmp/same.zip" "c/gis_osm_buildings_a_free_1/100"; expect out '^海天中心'

# the viewer draws it (a shot of a building and its Nearby tab)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" SDL_VIDEODRIVER=offscreen XDG_CACHE_HOME="$tmp/cache" \
  "$LOUYU" shot "$tmp/gf.shp.zip" --select 100 --tab nearby --out "$tmp/gf.png" >"$tmp/out" 2>"$tmp/err"
check '[ -s "$tmp/gf.png" ]' "no picture of the archive: $(head -3 "$tmp/err")"
finish
