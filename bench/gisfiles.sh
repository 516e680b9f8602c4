#!/usr/bin/env bash
# The GIS files other tools write, read as districts: San Francisco's 13,896 footprints as
# GeoJSON, then made by GDAL's ogr2ogr into a shapefile and a GeoPackage, each in WGS 84 and
# in UTM zone 10N (EPSG:32610, which louyu transforms with PROJ as it reads), and as
# OpenStreetMap's XML (.osm), Overpass's JSON (tests/osm_write.py, tests/osm_json.py) and its
# PBF (osmium from the .osm); the UTM shapefile zipped (tests/zip_write.py, deflated, as
# a data portal hands it out); and a week's
# report as CSV, .xlsx, .xls and .ods. One JSON line per file: louyu validate's whole process (the
# median of 3) and its peak memory. Needs ogr2ogr (Debian's gdal-bin), osmium (osmium-tool)
# and python3-xlwt.
# Usage: bench/gisfiles.sh [BUILD_DIR]   (default: build-release, configured as Release)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "$@"
command -v ogr2ogr >/dev/null || { echo "bench/gisfiles.sh: needs ogr2ogr (gdal-bin)" >&2; exit 2; }
command -v osmium >/dev/null || { echo "bench/gisfiles.sh: needs osmium (osmium-tool)" >&2; exit 2; }
sf="$root/tests/data/sf-buildings/sf-buildings.geojson"
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$work/sf.shp" "$sf" 2>/dev/null
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -t_srs EPSG:32610 "$work/sf-utm.shp" "$sf" 2>/dev/null
ogr2ogr -f GPKG "$work/sf.gpkg" "$sf"
ogr2ogr -f GPKG -t_srs EPSG:32610 "$work/sf-utm.gpkg" "$sf"
python3 "$root/tests/osm_write.py" "$sf" "$work/sf.osm"
python3 "$root/tests/osm_json.py" "$work/sf.osm" "$work/sf-overpass.json"
osmium cat -O "$work/sf.osm" -o "$work/sf.osm.pbf"
python3 "$root/tests/zip_write.py" "$work/sf-utm.shp.zip" \
  $(for e in shp shx dbf prj cpg; do printf 'sf-utm.%s=%s ' $e "$work/sf-utm.$e"; done)
# the report: the bundled week (GB18030) as UTF-8 CSV, then as the three workbooks
iconv -f GB18030 -t UTF-8 "$root/data/reports/2011-W17.csv" >"$work/week.csv"
python3 "$root/tests/xlsx_write.py" "$work/week.csv" "$work/week.xlsx"
python3 "$root/tests/ods_write.py" "$work/week.csv" "$work/week.ods"
/usr/bin/python3 "$root/tests/xls_write.py" "$work/week.csv" "$work/week.xls"

# median of three runs of a command: "seconds max_rss_kb"
median3() {
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 2p
}
for f in "$sf" "$work/sf.shp" "$work/sf-utm.shp" "$work/sf.gpkg" "$work/sf-utm.gpkg" \
  "$work/sf-utm.shp.zip" "$work/sf.osm" "$work/sf-overpass.json" "$work/sf.osm.pbf"; do
  read -r s kb <<<"$(median3 "$build/louyu" validate "$f")"
  printf '{"file": "%s", "validate_s": %s, "max_rss_mb": %d}\n' "$(basename "$f")" "$s" $((kb / 1024))
done
"$build/louyu" convert "$root/data/zhanshan.geojson" "$work/store.gpkg" >/dev/null
for f in week.csv week.xlsx week.xls week.ods; do
  cp "$work/store.gpkg" "$work/s-$f.gpkg"
  read -r s kb <<<"$( /usr/bin/time -f "%e %M" "$build/louyu" report import --db "$work/s-$f.gpkg" \
    "$work/$f" 2>&1 >/dev/null | tail -1)"
  rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM weekly_reports").fetchone()[0])' "$work/s-$f.gpkg")
  printf '{"file": "%s", "import_s": %s, "max_rss_mb": %d, "rows": %s}\n' "$f" "$s" $((kb / 1024)) "$rows"
done
