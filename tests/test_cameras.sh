#!/usr/bin/env bash
# The cameras' live pictures in the viewer, against a local camera server that serves and
# misbehaves (tests/camera_server.py: MJPEG, a still picture, 404, garbage, a 50 MB frame,
# silence, and a port nobody listens on): `louyu shot --operations --camera ID` waits for
# the first picture or failure and draws the panel; its state badge must be in the colour
# of the state the stream reached (live green, unreachable and bad data red, connecting
# grey), and a live panel must show the picture (the frames are bright orange). The states
# over time (stale, reconnecting, back-off) and bounded memory are test_camstream's.
# Needs LOUYU and SRC; ImageMagick (scripts/setup.sh installs it).
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC")
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen LOUYU_NO_CACHE=1 XDG_CACHE_HOME="$tmp/cache"
# a GL context leaks a little in the driver, as test_render and test_publish know; the
# camera streams' own memory is test_camstream's, with leak checking on
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT

mkdir -p "$tmp/cam"
for i in 1 2 3; do
  convert -size 320x240 "xc:rgb(255,140,0)" -quality 95 "$tmp/cam/frame-$i.jpg"
done
python3 "$SRC/tests/camera_server.py" "$tmp/cam" >"$tmp/server.log" 2>&1 &
srv=$!
for _ in $(seq 100); do [ -s "$tmp/cam/port" ] && break; sleep 0.1; done
check '[ -s "$tmp/cam/port" ]' "the camera server did not start: $(cat "$tmp/server.log")"
port=$(cat "$tmp/cam/port" 2>/dev/null || echo 9)
base="http://127.0.0.1:$port"
python3 - "$SRC/data/zhanshan.geojson" "$tmp/cams.geojson" "$base" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["features"] = [f for f in d["features"] if f["properties"].get("kind") != "camera"]
base = sys.argv[3]
for cid, key, url in [("live", "stream", base + "/mjpeg"), ("still", "snapshot", base + "/snapshot.jpg"),
                      ("missing", "stream", base + "/404"), ("garbage", "stream", base + "/garbage"),
                      ("huge", "stream", base + "/huge"), ("silent", "stream", base + "/silent"),
                      ("nobody", "stream", "http://127.0.0.1:9/mjpeg"),
                      ("tofile", "stream", base + "/redirect?file")]:
    d["features"].append({"type": "Feature", "id": cid,
                          "geometry": {"type": "Point", "coordinates": [120.3700, 36.0630]},
                          "properties": {"kind": "camera", "name": cid, key: url,
                                         "heading_deg": 90, "fov_deg": 60}})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY

# pixels of exactly one colour in a picture
count() { convert "$1" -alpha off -fill black +opaque "$2" -fill white -opaque "$2" \
  -format '%[fx:round(mean*w*h)]' info:; }
green='rgb(46,125,50)' red='rgb(198,40,40)' grey='rgb(96,104,118)' slate='rgb(84,96,120)'
state() { # ID COLOUR WHAT (check evaluates its condition with its own $1: names here)
  local id=$1 colour=$2 n
  "$LOUYU" shot "$tmp/cams.geojson" --operations --camera "$id" --size 1000x700 --lang en \
    --out "$tmp/$id.png" >"$tmp/$id.log" 2>&1
  check '[ -s "$tmp/$id.png" ]' "camera $id: no picture drawn: $(tail -3 "$tmp/$id.log")"
  n=$(count "$tmp/$id.png" "$colour")
  check '[ "$n" -gt 60 ]' "camera $id: no $3 badge ($colour: $n pixels)"
}
state live "$green" "live"
state still "$slate" "snapshot" # (a still picture, no stream: not "Live")
state missing "$red" "unreachable"
state nobody "$red" "unreachable"
state garbage "$red" "bad data"
state huge "$red" "bad data"
state silent "$grey" "connecting"
state tofile "$red" "bad data"
# (a redirect to file:// is refused, and said to be a redirect: the address given is http)
"$LOUYU" --verbose shot "$tmp/cams.geojson" --operations --camera tofile --size 640x400 \
  --out "$tmp/tofile2.png" >"$tmp/out" 2>&1
check 'grep -q "redirected to an address that is not http:// or https://" "$tmp/out"' \
  "a redirect to file:// is not said to be one: $(grep -m1 CAM "$tmp/out")"
# the live panels show the picture; the failed ones none
for id in live still; do
  n=$(convert "$tmp/$id.png" -alpha off -fuzz 6% -fill black +opaque 'rgb(255,140,0)' -fill white \
    -opaque 'rgb(255,140,0)' -format '%[fx:round(mean*w*h)]' info:)
  check '[ "$n" -gt 20000 ]' "camera $id: its picture is not in the panel ($n pixels)"
done
n=$(convert "$tmp/missing.png" -alpha off -fuzz 6% -fill black +opaque 'rgb(255,140,0)' -fill white \
  -opaque 'rgb(255,140,0)' -format '%[fx:round(mean*w*h)]' info:)
check '[ "$n" -lt 500 ]' "camera missing: a picture where there is none ($n pixels)"
# a district that came from a URL: a still picture's relative path is fetched beside it
# (it had been looked for beside the downloaded copy, in the cache: unreachable)
python3 - "$tmp/cams.geojson" "$tmp/cam/rel.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["features"].append({"type": "Feature", "id": "beside", "geometry": {"type": "Point",
                      "coordinates": [120.3701, 36.0631]},
                      "properties": {"kind": "camera", "name": "beside", "snapshot": "frame-2.jpg"}})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$LOUYU" shot "$base/file/rel.geojson" --operations --camera beside --size 1000x700 --lang en \
  --out "$tmp/beside.png" >"$tmp/beside.log" 2>&1
n=$(count "$tmp/beside.png" "$slate")
check '[ "$n" -gt 60 ] && grep -q "GET /file/frame-2.jpg\|/file/frame-2.jpg" "$tmp/cam/requests"' \
  "a relative picture of a district from a URL is not fetched beside it ($n snapshot-badge pixels): $(grep -i beside "$tmp/beside.log" | tail -2)"
# the public view of the same data: no camera, no panel
"$LOUYU" shot "$tmp/cams.geojson" --camera live --size 1000x700 --out "$tmp/refused.png" \
  >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 2 ] && grep -q "need --operations" "$tmp/out"' "a camera's picture outside operations mode"
finish
