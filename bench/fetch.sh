#!/usr/bin/env bash
# Frames while a URL data source polls, downloads and swaps, against the same for a
# file (issue budget: no frame over 33 ms). A local server (tests/fetch_server.py) in
# its "changing" mode gives every poll a new ETag and new bytes, so every reload of
# `louyu bench --reloads N` downloads, checks, builds and swaps a district.
# Usage: bench/fetch.sh [BUILD_DIR] [FILE] [RELOADS]
#   (defaults: build-release, configured as Release; data/zhanshan.geojson; 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
file=${2:-$root/data/zhanshan.geojson}
reloads=${3:-20}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
tmp=$(mktemp -d)
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
export XDG_CACHE_HOME="$tmp/cache"
printf 'changing %s\n' "$file" >"$tmp/mode"
python3 "$root/tests/fetch_server.py" "$tmp" &
srv=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")/$(basename "$file")"

keys='reload_ms|reload_frame_ms_p50|reload_frame_ms_max|reload_swap_frame_ms_p50|reload_swap_frame_ms_max|reload_swap_ms_max|reload_swap_cpu_ms_max|gl_renderer'
for src in "$file" "$url"; do
  out=$("$build/louyu" bench "$src" --runs 1 --reloads "$reloads")
  echo "$out"
  echo "$out" | python3 -c '
import json, re, sys
o = json.loads(sys.stdin.read())
keys = sys.argv[1].split("|")
print("  " + ", ".join(f"{k}={o[k]}" for k in keys if k in o))
' "$keys"
done
echo "downloads served: $(grep -c ' 200 ' "$tmp/requests")"
