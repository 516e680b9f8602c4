#!/usr/bin/env bash
# louyu's map in the browser, measured in headless Chromium on software WebGL
# (SwiftShader): the bundled district, then San Francisco's 13,896 footprints beside
# deck.gl 9 (GeoJsonLayer, extruded) over the same file (bench/web_bench.py). Builds the
# browser version (scripts/web.sh) and installs deck.gl from npm (pinned) into
# build-tools/deckgl when missing. Also prints the district's download, gzipped.
#
# Usage: bench/web-bench.sh [--no-deck] [--runs N]
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
deck=1
runs=3
while [ $# -gt 0 ]; do
  case $1 in
  --no-deck) deck=0 ;;
  --runs) runs=$2; shift ;;
  *) echo "usage: bench/web-bench.sh [--no-deck] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
site=$LY_ROOT/build-web/bench
bash "$LY_ROOT/scripts/web.sh" "$site" >/dev/null
cp "$LY_ROOT/tests/data/sf-buildings/sf-buildings.geojson" "$site/sf-buildings.geojson"

echo "== the district's download (gzip -9)"
total=0
for f in louyu.wasm louyu.js louyu-map.js index.html page.js louyu-map.css font.json louyu-font.otf \
  district.geojson; do
  n=$(gzip -9c "$site/$f" | wc -c)
  printf '  %-18s %9d bytes\n' "$f" "$n"
  total=$((total + n))
done
printf '  %-18s %9d bytes\n' "in all" "$total"

echo "== the bundled district"
python3 "$LY_ROOT/bench/web_bench.py" "$site" district.geojson --runs "$runs"

echo "== San Francisco (13,896 buildings)"
if [ "$deck" = 1 ]; then
  dir=$LY_ROOT/build-tools/deckgl
  if [ ! -f "$dir/node_modules/deck.gl/dist.min.js" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error deck.gl@9.4.0 >&2
  fi
  cp "$dir/node_modules/deck.gl/dist.min.js" "$site/deck.min.js"
  cp "$LY_ROOT/bench/web/deck.html" "$site/deck.html"
  python3 "$LY_ROOT/bench/web_bench.py" "$site" sf-buildings.geojson --deck --runs "$runs"
else
  python3 "$LY_ROOT/bench/web_bench.py" "$site" sf-buildings.geojson --runs "$runs"
fi
