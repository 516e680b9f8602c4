#!/usr/bin/env bash
# Triangulation throughput: louyu against the earcut npm package (v3, node), on the same
# polygons, in the same run.
# Usage: bench/earcut-compare.sh [INPUT] [LOUYU_BINARY] [RUNS]
#   INPUT: a .geojson district (default: tests/data/sf-buildings/sf-buildings.geojson),
#   whose building footprints louyu projects to metres and exports with
#   `louyu bench --export-polygons`; or a .json array of polygons, each an array of rings
#   [[x,y],...] (earcut's fixture format). LOUYU_BINARY defaults to build-release/louyu
#   (built if missing). Both sides triangulate exactly the same polygons.
# Prints earcut's JSON line, louyu's JSON line, then "ratio R (louyu A Mvert/s, earcut B
# Mvert/s)"; the ratio is louyu's throughput over earcut's, both from the best run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-$root/tests/data/sf-buildings/sf-buildings.geojson}
if [ ! -f "$input" ]; then
  echo "usage: bench/earcut-compare.sh [INPUT.geojson|POLYGONS.json] [LOUYU_BINARY] [RUNS]" >&2
  exit 2
fi
louyu=${2:-$root/build-release/louyu}
runs=${3:-10}
if [ ! -x "$louyu" ]; then
  build=$(dirname "$louyu")
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
command -v node >/dev/null || { echo "earcut-compare: node is not installed" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case "$input" in
  *.geojson)
    polys="$tmp/polygons.json"
    "$louyu" bench "$input" --runs 1 --export-polygons "$polys" >/dev/null
    ;;
  *) polys=$(cd "$(dirname "$input")" && pwd)/$(basename "$input") ;;
esac
(cd "$tmp" && npm install earcut@3 --no-save --silent >/dev/null) ||
  { echo "earcut-compare: npm install earcut@3 failed" >&2; exit 2; }

cat >"$tmp/bench.mjs" <<'JS'
// earcut 3 is an ES module: the triangulator is its default export, flatten a named one.
import earcut, { flatten } from 'earcut';
import { readFileSync } from 'node:fs';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg) || 10;
const inputs = JSON.parse(readFileSync(file, 'utf8'))
  .map(rings => rings.filter(r => r.length > 0))
  .filter(rings => rings.length > 0)
  .map(rings => flatten(rings));
let vertices = 0;
for (const p of inputs) vertices += p.vertices.length / p.dimensions;

function once() {
  let triangles = 0;
  for (const p of inputs) triangles += earcut(p.vertices, p.holes, p.dimensions).length / 3;
  return triangles;
}
// warm up: let the JIT settle before timing
for (let i = 0; i < 5; i++) once();
const times = [];
let triangles = 0;
for (let r = 0; r < runs; r++) {
  const t0 = process.hrtime.bigint();
  triangles = once();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const best = times[0];
const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
console.log(JSON.stringify({
  polygons: inputs.length, vertices, triangles,
  best_ms: +best.toFixed(3), median_ms: +median.toFixed(3),
  mvertices_per_s: +(vertices / best / 1e3).toFixed(2),
}));
JS

earcut_line=$(cd "$tmp" && node bench.mjs "$polys" "$runs")
# exit 1 only means some polygon triangulated partially: the timing still stands
louyu_rc=0
louyu_line=$("$louyu" triangulate --many "$polys" --runs "$runs") || louyu_rc=$?
if [ "$louyu_rc" -gt 1 ] || [ -z "$louyu_line" ]; then
  echo "earcut-compare: $louyu triangulate failed (exit $louyu_rc)" >&2
  exit 2
fi
echo "earcut $earcut_line"
echo "louyu  $louyu_line"
rate() { sed -n 's/.*"mvertices_per_s":\([0-9.eE+-]*\).*/\1/p' <<<"$1"; }
awk -v l="$(rate "$louyu_line")" -v e="$(rate "$earcut_line")" \
  'BEGIN { printf "ratio %.2f (louyu %.1f Mvert/s, earcut %.1f Mvert/s)\n", (e > 0 ? l / e : 0), l, e }'
