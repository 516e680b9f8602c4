#!/usr/bin/env bash
# A long soak of the viewer, headless: random touches, drags, pinches, keys, idle frames,
# selections, language switches and reloads of good and bad data; prints the JSON line of
# `louyu soak` (RSS and GL objects after warm-up and at the end).
# Usage: bench/soak.sh [FRAMES] [SEED]   (default 100000 frames; the kiosk budget is 1,000,000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build-release}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
SDL_VIDEODRIVER=offscreen "$build/louyu" soak "$root/data/zhanshan.geojson" \
  --frames "${1:-100000}" --seed "${2:-1}" \
  --bad "$root/tests/data/bad/height-negative.geojson" 2>/dev/null
