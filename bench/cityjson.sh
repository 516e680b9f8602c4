#!/usr/bin/env bash
# CityJSON (issue 15): Delft (tests/data/cityjson/delft.city.json, 1.4 MB, LoD1 with its
# ground) and a CityJSONSeq of N buildings (louyu synth's city written as CityJSON by
# louyu export, then one CityJSONFeature per line), each opened twice in a hidden
# 1280x720 window: with an empty scene cache, then with it warm. One JSON line each:
#   first_open_ms       launch -> first frame, no cache (read, PROJ, mesh, cache written)
#   warm_first_frame_ms launch -> first frame, warm cache
#   load_ms             reading the file alone (median of --runs)
#   whole_frame_ms_p50, street_frame_ms_p50, pick_us_p99, peak_rss_mb (a warm louyu shot)
# Usage: bench/cityjson.sh [BUILD_DIR] [N...]   (default: build-release; 100000)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "$@"
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)

measure() { # FILE NAME
  rm -rf "$XDG_CACHE_HOME"
  local cold warm rss
  cold=$("$build/louyu" bench "$1" --runs 1 --frames 1 --reloads 0 2>/dev/null | tail -1)
  warm=$("$build/louyu" bench "$1" --runs 3 --frames 48 --reloads 0 2>/dev/null | tail -1)
  rss=$(/usr/bin/time -f "%M" "$build/louyu" shot "$1" --size 1280x720 --out "$work/shot.png" \
          2>&1 >/dev/null | tail -1)
  python3 - "$2" "$(stat -c %s "$1")" "$cold" "$warm" "$rss" <<'PY'
import json, sys
name, size, cold, warm, rss = sys.argv[1:]
c, w = json.loads(cold), json.loads(warm)
print(json.dumps({"file": name, "mb": round(int(size) / 2**20, 1), "buildings": w["buildings"],
                  "first_open_ms": c.get("first_frame_ms"),
                  "warm_first_frame_ms": w.get("first_frame_ms"), "load_ms": w.get("load_ms"),
                  "whole_frame_ms_p50": w.get("whole_frame_ms_p50"),
                  "street_frame_ms_p50": w.get("street_frame_ms_p50"),
                  "pick_us_p99": w.get("pick_us_p99"), "peak_rss_mb": round(int(rss) / 1024)}))
PY
}

measure "$root/tests/data/cityjson/delft.city.json" delft.city.json
for n in "${sizes[@]}"; do
  "$build/louyu" synth --buildings "$n" --seed 1 --out "$work/city.geojson" >/dev/null
  "$build/louyu" export "$work/city.geojson" --format cityjson --out "$work/city.city.json" >/dev/null
  python3 "$root/tools/cityjson-seq.py" "$work/city.city.json" "$work/city-$n.city.jsonl"
  rm -f "$work/city.geojson" "$work/city.city.json"
  measure "$work/city-$n.city.jsonl" "synth-$n.city.jsonl"
  rm -f "$work/city-$n.city.jsonl"
done
