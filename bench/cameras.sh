#!/usr/bin/env bash
# Four live camera panels at 10 pictures a second each (issue budget: no frame of the
# viewer over 33 ms; memory flat over an hour of streaming). A local camera server
# (tests/camera_server.py) streams MJPEG at 10 fps, 640 x 480 JPEG frames (20 different
# ones, made here with ImageMagick); the bundled district gets four cameras whose
# streams are that server's; `louyu bench --cameras S` draws the viewer in operations
# mode with all four open, as its loop does, and reports frame times, pictures taken
# and memory sampled every second, with its slope per hour: the RSS, and glibc's heap in use
# (mallinfo2), whose samples swing with the decodes in flight. Each frame over 33 ms says
# how long an idle thread of the process (it sleeps 1 ms at a time) was held up during it
# (machine_stall_ms): a frame held up as long as that thread was the machine's stall; and
# where its time went (update_ms, render_ms, swap_ms, finish_ms) with the camera pictures
# that arrived meanwhile (pictures).
# Usage: bench/cameras.sh [BUILD_DIR] [SECONDS]   (defaults: build-release; 60)
# LY_CAMERA_FRAMES=DIR takes the 20 pictures (frame-01.jpg ...) from DIR instead of making them.
set -euo pipefail
. "$(dirname "$0")/lib.sh" "${1:-}"
seconds=${2:-60}
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$work"' EXIT
if [ -n "${LY_CAMERA_FRAMES:-}" ]; then # pictures made elsewhere (a machine without ImageMagick)
  cp "$LY_CAMERA_FRAMES"/frame-*.jpg "$work/"
else
  for i in $(seq -w 1 20); do
    convert -size 640x480 -seed "$i" plasma:fractal -blur 0x1 -quality 85 "$work/frame-$i.jpg"
  done
fi
python3 "$root/tests/camera_server.py" "$work" >/dev/null 2>&1 &
srv=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
python3 - "$root/data/zhanshan.geojson" "$work/cams.geojson" "$port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cams = [f for f in d["features"] if f["properties"].get("kind") == "camera"]
extra = json.loads(json.dumps(cams[0]))
extra["id"] = "cam-bench-4"
d["features"].append(extra)
for f in cams + [extra]:
    f["properties"]["stream"] = "http://127.0.0.1:%s/mjpeg" % sys.argv[3]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$build/louyu" bench "$work/cams.geojson" --cameras "$seconds" --size 1280x720
