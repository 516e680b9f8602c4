#!/usr/bin/env bash
# Cameras are for the district's operators: this proves that none of them, and none of
# their picture addresses, reaches what the public gets. A copy of the bundled district
# whose cameras carry unmistakable names and URLs goes through every public output:
# the portal (louyu publish: pages, listings, feed, sitemap, district.geojson), the
# exports (CSV, glTF, CityJSON), map images (louyu shot --map, as the export menu
# draws them), and the public kiosk; each is searched for every camera's id, names and
# URLs, or compared pixel for pixel with the same output of a district without cameras.
# The same searches find the cameras in operations mode and in the operators' own
# store, so they can fail. Needs LOUYU and SRC.
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC")
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen LOUYU_NO_CACHE=1 XDG_CACHE_HOME="$tmp/cache"
# a GL context leaks a little in the driver, as test_render and test_publish know; the
# camera streams' own memory is test_camstream's, with leak checking on
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

# the district with cameras that say what they are, and the same without any
python3 - "$SRC/data/zhanshan.geojson" "$tmp/ops.geojson" "$tmp/none.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = 0
for f in d["features"]:
    p = f["properties"]
    if p.get("kind") == "camera":
        n += 1
        f["id"] = "opscam-%d" % n
        p["name"] = "监控秘密%d" % n
        p["name_en"] = "SecretCam%d" % n
        p["stream"] = "http://10.9.8.%d:8554/secret-stream-%d.mjpg" % (n, n)
        p["snapshot"] = "https://cctv.example.invalid/secret-snap-%d.jpg" % n
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
d["features"] = [f for f in d["features"] if f["properties"].get("kind") != "camera"]
json.dump(d, open(sys.argv[3], "w"), ensure_ascii=False)
assert n >= 3, n
PY
# every trace a camera leaves: ids, names, URLs (hosts and paths)
secrets='opscam-|监控秘密|SecretCam|secret-stream|secret-snap|10\.9\.8\.|cctv\.example'
# leaks DIR|FILE...: the files (binary ones too) that hold a camera's trace
leaks() { grep -rlaE "$secrets" "$@" 2>/dev/null; }

# ---- the searches can fail: the data and operations mode do hold the cameras ----------
check '[ -n "$(leaks "$tmp/ops.geojson")" ]' "the test's own data holds no camera trace"
# (a camera is no place to walk to)
"$LOUYU" nearby "$tmp/ops.geojson" wtc --json >"$tmp/nearby.json" 2>&1
check '[ -z "$(leaks "$tmp/nearby.json")" ]' "louyu nearby lists a camera: $(leaks "$tmp/nearby.json")"

# ---- the portal --------------------------------------------------------------------------
"$LOUYU" publish "$tmp/ops.geojson" "$tmp/site" --lang zh,en >"$tmp/publish.log" 2>&1
rc=$?
check '[ $rc = 0 ]' "publish failed: $(tail -3 "$tmp/publish.log")"
check '[ -s "$tmp/site/data/district.geojson" ]' "the portal has no data/district.geojson"
check '[ -z "$(leaks "$tmp/site")" ]' "camera traces in the portal: $(leaks "$tmp/site" | head -5)"
python3 - "$tmp/site/data/district.geojson" >"$tmp/py" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
kinds = [f["properties"].get("kind") for f in d["features"]]
assert "camera" not in kinds, "a camera feature in the published district"
assert kinds.count("building") == 33 and "poi" in kinds and "road" in kinds, kinds
PY
rc=$?
check '[ $rc = 0 ]' "the published district is not the district without its cameras: $(cat "$tmp/py")"
check 'grep -q "3 cameras left out" "$tmp/publish.log"' "publish does not say it left the cameras out"
# kiosks read the portal's copy: it loads, and it has no cameras to show
run 0 validate "$tmp/site/data/district.geojson"

# ---- exports -----------------------------------------------------------------------------
for fmt in csv glb cityjson geojson; do
  "$LOUYU" export "$tmp/ops.geojson" --format "$fmt" --out "$tmp/export.$fmt" >"$tmp/out" 2>&1
  check '[ -s "$tmp/export.$fmt" ]' "export $fmt wrote nothing: $(cat "$tmp/out")"
  check '[ -z "$(leaks "$tmp/export.$fmt")" ]' "camera traces in the $fmt export"
done
# a store's week as GeoJSON, and the district zipped, exported: no camera either
"$LOUYU" convert "$tmp/ops.geojson" "$tmp/ops.gpkg" >/dev/null 2>&1
"$LOUYU" export "$tmp/ops.gpkg" --out "$tmp/ops-week.geojson" >"$tmp/out" 2>&1
check '[ -s "$tmp/ops-week.geojson" ] && [ -z "$(leaks "$tmp/ops-week.geojson")" ]' "camera traces in a store's week: $(cat "$tmp/out")"
# a store's portal leaves them out too, and says so as for a file
"$LOUYU" publish "$tmp/ops.gpkg" "$tmp/site-store" --lang zh >"$tmp/publish.log" 2>&1
check '[ -z "$(leaks "$tmp/site-store")" ] && grep -q "3 cameras left out" "$tmp/publish.log"' \
  "a store's portal: $(tail -2 "$tmp/publish.log"), traces: $(leaks "$tmp/site-store" | head -3)"
python3 "$SRC/tests/zip_write.py" "$tmp/ops.zip" "ops.geojson=$tmp/ops.geojson"
"$LOUYU" export "$tmp/ops.zip" --out "$tmp/ops-zip.geojson" >"$tmp/out" 2>&1
check '[ -s "$tmp/ops-zip.geojson" ] && [ -z "$(leaks "$tmp/ops-zip.geojson")" ]' "camera traces in a zipped district's export: $(cat "$tmp/out")"
"$LOUYU" export "$tmp/ops.geojson" --format csv --floors --out "$tmp/floors.csv" >/dev/null 2>&1
check '[ -z "$(leaks "$tmp/floors.csv")" ]' "camera traces in the per-floor CSV"

# ---- pictures: a map image never draws cameras; a public kiosk neither -------------------
differ() { compare -metric AE "$1" "$2" null: 2>&1 | cut -d' ' -f1; }
shot() { "$LOUYU" shot "$@" --size 800x500 --lang en >>"$tmp/shots.log" 2>&1; }
shot "$tmp/ops.geojson" --operations --view camera:opscam-2 --out "$tmp/ops-view.png"
shot "$tmp/none.geojson" --view top --out "$tmp/none-view.png"
shot "$tmp/ops.geojson" --operations --view top --out "$tmp/ops-top.png"
shot "$tmp/ops.geojson" --view top --out "$tmp/pub-top.png"
shot "$tmp/ops.geojson" --operations --view top --map --out "$tmp/ops-map.png"
shot "$tmp/none.geojson" --view top --map --out "$tmp/none-map.png"
shot "$tmp/ops.geojson" --kiosk --out "$tmp/kiosk-ops.png"
shot "$tmp/none.geojson" --kiosk --out "$tmp/kiosk-none.png"
# a picture (what tools/camera-snapshots.sh makes a camera's snapshot with) is the 3D scene
# alone: no camera's cone (its own had covered most of its snapshot)
shot "$tmp/ops.geojson" --operations --view top --picture --out "$tmp/ops-picture.png"
shot "$tmp/ops.geojson" --view top --picture --out "$tmp/pub-picture.png"
check '[ -s "$tmp/ops-view.png" ]' "--view camera:ID drew nothing: $(tail -3 "$tmp/shots.log")"
# a camera's view is for operators too: without --operations (or in a kiosk) refused, nothing drawn
for extra in "" "--kiosk"; do
  "$LOUYU" shot "$tmp/ops.geojson" $extra --view camera:opscam-2 --out "$tmp/pub-cam.png" >/dev/null 2>"$tmp/err"
  rc=$?
  check '[ $rc = 2 ] && [ ! -e "$tmp/pub-cam.png" ] && grep -q "is for the district.s operators" "$tmp/err"' \
    "--view camera:ID without --operations $extra: exit $rc, $(cat "$tmp/err")"
done
# pick sees a camera's view as shot draws it (with --operations; refused without)
"$LOUYU" pick "$SRC/data/zhanshan.geojson" --operations --view camera:cam-xianggang-middle \
  --at 500,60 --size 640x400 >"$tmp/out" 2>"$tmp/err"
check '[ "$(cat "$tmp/out")" = sample-26 ]' "pick in a camera's view: $(cat "$tmp/out" "$tmp/err")"
"$LOUYU" pick "$SRC/data/zhanshan.geojson" --view camera:cam-xianggang-middle --at 500,60 \
  >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && grep -q "add --operations" "$tmp/err"' "pick of a camera's view without --operations: $rc"
d=$(differ "$tmp/ops-top.png" "$tmp/pub-top.png")
check '[ "$d" -gt 200 ]' "operations mode draws no cameras (only $d pixels differ from the public view)"
d=$(differ "$tmp/pub-top.png" "$tmp/none-view.png")
check '[ "$d" = 0 ]' "the public view of a district with cameras is not that of one without ($d pixels)"
d=$(differ "$tmp/ops-map.png" "$tmp/none-map.png")
check '[ "$d" = 0 ]' "a map image in operations mode shows cameras ($d pixels differ)"
d=$(differ "$tmp/ops-picture.png" "$tmp/pub-picture.png")
check '[ "$d" = 0 ]' "a picture in operations mode shows cameras ($d pixels differ)"
d=$(differ "$tmp/kiosk-ops.png" "$tmp/kiosk-none.png")
check '[ "$d" = 0 ]' "the public kiosk shows cameras ($d pixels differ)"
# the public kiosk has no operations mode on the command line: only its admin, after the PIN
run 2 shot "$tmp/ops.geojson" --kiosk --operations --out "$tmp/refused.png"
expect err 'not for the public kiosk'
check '[ ! -e "$tmp/refused.png" ]' "a refused kiosk shot wrote a picture"
timeout 60 "$LOUYU" view "$tmp/ops.geojson" --kiosk --operations >"$tmp/out" 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ]' "louyu view --kiosk --operations exited $rc, expected 2"
expect err 'not for the public kiosk'
# cameras' options without operations mode are refused, not ignored
run 2 shot "$tmp/ops.geojson" --camera opscam-1 --out "$tmp/refused.png"
expect err 'need --operations'
finish
