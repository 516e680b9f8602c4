#!/usr/bin/env bash
# The portal's budgets (issue 13): publishing the bundled district (both languages,
# every building page and render) from nothing, and again after one building's figures
# changed; the district page's size; the renders' sizes.
# Usage: bench/publish.sh [BUILD_DIR]   (default: build-release, configured as Release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ms() { date +%s%N | awk '{ printf "%.0f", $1 / 1e6 }'; }
store=$build/data/zhanshan.gpkg
t0=$(ms)
"$build/louyu" publish "$store" "$tmp/site" >/dev/null
t1=$(ms)
echo "{\"publish_from_nothing_ms\": $((t1 - t0))}"
cp "$root/data/zhanshan.geojson" "$tmp/a.geojson"
python3 - "$tmp/a.geojson" "$tmp/b.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["features"]:
    if f.get("id") == "wtc":
        for r in f["properties"]["floor_records"]:
            if r["floor"] == 20:
                r["vacant_m2"] = 1500
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$build/louyu" publish "$tmp/a.geojson" "$tmp/site2" >/dev/null
t0=$(ms)
out=$("$build/louyu" publish "$tmp/b.geojson" "$tmp/site2")
t1=$(ms)
echo "{\"republish_one_building_changed_ms\": $((t1 - t0)), \"said\": \"$out\"}"
page=$(stat -c %s "$tmp/site/zh/index.html")
imgs=$(find "$tmp/site/img" -type f | wc -l)
img_kb=$(du -sk "$tmp/site/img" | cut -f1)
largest=$(find "$tmp/site/img" -type f -printf '%s\n' | sort -n | tail -1)
echo "{\"district_page_kb\": $((page / 1024)), \"renders\": $imgs, \"renders_kb\": $img_kb, \"largest_render_kb\": $((largest / 1024))}"
