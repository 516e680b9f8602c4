#!/usr/bin/env bash
# Walking distances (issue budget: the Nearby tab's search, nearest places and walking
# areas for a building within 5 ms on the district, 50 ms on a road network of 10,000
# edges). `louyu bench --no-render` times them for up to 200 buildings of a file
# (walk_graph_ms: the graph, made once; nearby_ms_p50/max: a building's search from it
# with its 2.4 km reach, its nearest place of each kind and its 5, 10 and 15 minute
# areas), on the bundled district and on a synthetic city with streets
# (`louyu synth --roads`, 400 buildings: about 13,000 edges).
# Usage: bench/walk.sh [BUILD_DIR]   (default build-release)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "${1:-}"
"$build/louyu" synth --buildings 400 --seed 1 --roads --from "$root/data/zhanshan.geojson" \
  --out "$work/streets.geojson" >/dev/null
keys='walk_graph_ms|walk_edges|nearby_ms_p50|nearby_ms_max|query_ms'
for f in "$root/data/zhanshan.geojson" "$work/streets.geojson"; do
  printf '%s: ' "$(basename "$f")"
  "$build/louyu" bench "$f" --no-render --runs 1 |
    python3 -c "import json,sys,re; d=json.load(sys.stdin); print(', '.join(f'{k} {v}' for k,v in d.items() if re.fullmatch('$keys',k)))"
done
