#!/usr/bin/env bash
# City scale (issue 14): synthetic cities of N buildings (louyu synth: San Francisco's
# footprints tiled with jitter), each opened twice in a hidden 1280x720 window: first
# with an empty scene cache (the first open: parse, build, write the cache), then with
# the cache warm. Prints one JSON line per city with the budget table's figures:
#   first_open_ms      launch -> first frame, no cache
#   warm_first_frame_ms launch -> first frame, warm cache
#   whole_frame_ms_p50 the whole city in view; street_frame_ms_p50 400 m from the centre
#   pick_us_p99        a ray pick; peak_rss_mb of the warm viewer (louyu shot)
# Usage: bench/scale.sh [BUILD_DIR] [N...]   (default: build-release; 13896 222336 1000000)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "$@"
[ ${#sizes[@]} -gt 0 ] || sizes=(13896 222336 1000000)

for n in "${sizes[@]}"; do
  city="$work/city-$n.geojson"
  "$build/louyu" synth --buildings "$n" --seed 1 --out "$city" >/dev/null
  sync # the city's pages on disk first: their writeback made the first open 35 -> 53 s
  rm -rf "$XDG_CACHE_HOME"
  # the first open: no cache yet (only the first frame counts; the rest is the warm run's)
  cold=$("$build/louyu" bench "$city" --runs 1 --frames 1 --reloads 0 2>/dev/null | tail -1)
  warm=$("$build/louyu" bench "$city" --runs 1 --frames 48 --reloads 0 2>/dev/null | tail -1)
  # the viewer's peak memory, from a warm cache
  rss=$(/usr/bin/time -f "%M" "$build/louyu" shot "$city" --size 1280x720 --out "$work/shot.png" \
          2>&1 >/dev/null | tail -1)
  python3 - "$n" "$(stat -c %s "$city")" "$cold" "$warm" "$rss" <<'PY'
import json, sys
n, size, cold, warm, rss = sys.argv[1:]
c, w = json.loads(cold), json.loads(warm)
print(json.dumps({"buildings": int(n), "geojson_mb": round(int(size) / 2**20, 1),
                  "first_open_ms": c.get("first_frame_ms"),
                  "warm_first_frame_ms": w.get("first_frame_ms"),
                  "whole_frame_ms_p50": w.get("whole_frame_ms_p50"),
                  "street_frame_ms_p50": w.get("street_frame_ms_p50"),
                  "whole_triangles": w.get("whole_triangles"),
                  "street_triangles": w.get("street_triangles"),
                  "pick_us_p99": w.get("pick_us_p99"),
                  "peak_rss_mb": round(int(rss) / 1024)}))
PY
  rm -f "$city"
done
