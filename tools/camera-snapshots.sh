#!/usr/bin/env bash
# The bundled district's camera snapshots (data/cameras/*.jpg): illustrative pictures of
# what each camera would see, rendered by louyu itself from the camera's spot, height and
# heading (`louyu shot --view camera:ID --picture`), 640 x 480 JPEG. The district has no
# real video: these stand in for it, and its `illustrative` list says so.
#
#   tools/camera-snapshots.sh [LOUYU]     (default: build/louyu)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
louyu=${1:-$root/build/louyu}
data="$root/data/zhanshan.geojson"
mkdir -p "$root/data/cameras"
python3 - "$data" <<'PY' | while read -r id snap; do
import json, sys
for f in json.load(open(sys.argv[1]))["features"]:
    p = f["properties"]
    if p.get("kind") == "camera" and p.get("snapshot"):
        print(f["id"], p["snapshot"])
PY
  SDL_VIDEODRIVER=offscreen "$louyu" shot "$data" --operations --view "camera:$id" --picture --size 640x480 \
    --out "$root/data/$snap" --no-cache
  echo "data/$snap"
done
