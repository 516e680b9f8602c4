#!/usr/bin/env bash
# louyu export's figures (issue 15's budgets: sf-buildings to .glb <= 1 s and <= 1.2x the
# mesh in memory): each format written RUNS times from the bundled San Francisco
# footprints (or FILE); prints one JSON line per format with the median wall time (the
# whole command: load, mesh, write), the file's size and, for glb, its size over the
# mesh's bytes in memory (full meshes and far levels, as louyu bench reports them).
# Usage: bench/export.sh [BUILD_DIR] [FILE] [RUNS]   (default: build-release, sf, 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
file=${2:-$root/tests/data/sf-buildings/sf-buildings.geojson}
runs=${3:-5}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mesh=$("$build/louyu" bench "$file" --runs 1 --no-render --no-cache 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["mesh_bytes"])')
for fmt in glb csv; do
  ms=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$build/louyu" export "$file" --format "$fmt" --out "$work/out.$fmt" >/dev/null
    ms+=($((($(date +%s%N) - t0) / 1000)))
  done
  python3 - "$fmt" "$(stat -c %s "$work/out.$fmt")" "$mesh" "${ms[@]}" <<'PY'
import json, statistics, sys
fmt, size, mesh = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
us = sorted(int(x) for x in sys.argv[4:])
out = {"format": fmt, "runs": len(us), "ms_p50": round(statistics.median(us) / 1000, 1),
       "bytes": size}
if fmt == "glb":
    out["mesh_bytes"] = mesh
    out["size_over_mesh"] = round(size / mesh, 3)
print(json.dumps(out))
PY
done
