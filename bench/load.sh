#!/usr/bin/env bash
# Load-and-validate timings and peak memory for the bundled district and the
# San Francisco footprints (issue 2's budget: sf-buildings ≤ 150 ms, ≤ 80 MB).
# Usage: bench/load.sh [BUILD_DIR]   (default: build-release, configured as Release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
sf="$root/tests/data/sf-buildings/sf-buildings.geojson"
for f in "$root/data/zhanshan.geojson" "$sf"; do
  "$build/louyu" bench "$f" --runs 9 --no-render
  # the whole process, as a user runs it
  /usr/bin/time -f "{\"file\":\"$(basename "$f")\",\"validate_process_s\":%e,\"max_rss_kb\":%M}" \
    "$build/louyu" validate "$f" >/dev/null 2>/tmp/louyu-bench-time.$$ || true
  tail -1 /tmp/louyu-bench-time.$$
  rm -f /tmp/louyu-bench-time.$$
done
