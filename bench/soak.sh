#!/usr/bin/env bash
# A long soak of the viewer, headless: random touches, drags, pinches, keys, idle frames,
# selections, language switches and reloads of good and bad data; prints the JSON line of
# `louyu soak` (RSS and GL objects after warm-up and at the end).
# Usage: bench/soak.sh [FRAMES] [SEED]   (default 100000 frames; the kiosk budget is 1,000,000)
# TRACE=N also prints RSS, malloc's live heap and GL objects every N frames (to stderr), to
# tell a leak (a line that keeps climbing) from warm-up (a step that levels off).
# WARM=N counts growth from frame N (default 5000, or half of a shorter run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build-release}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
extra=()
[ -n "${TRACE:-}" ] && extra+=(--trace "$TRACE")
[ -n "${WARM:-}" ] && extra+=(--warm "$WARM")
# the app's own log (reload warnings) is dropped, trace and usage lines kept; the JSON line goes
# to stdout as before (fd 3), and the pipeline keeps louyu's exit status (pipefail)
{ SDL_VIDEODRIVER=offscreen "$build/louyu" soak "$root/data/zhanshan.geojson" \
    --frames "${1:-100000}" --seed "${2:-1}" \
    --bad "$root/tests/data/bad/height-negative.geojson" "${extra[@]}" 2>&1 >&3 |
    { grep --line-buffered -E '^(soak:|louyu soak:|usage:)' || true; } >&2; } 3>&1
