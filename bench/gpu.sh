#!/usr/bin/env bash
# Issue 14's figures at the sizes of a GPU's screens: the bundled district and synthetic
# cities of N buildings (louyu synth), each opened first with an empty scene cache (the
# first open) and then warm at each frame size (default 1920x1080 and 3840x2160; set
# LY_FRAME_SIZES), drawing frames only (`louyu bench --runs 0`: no loading pipeline and no
# picks, which are the CPU's and measured by bench/scale.sh). MSAA is louyu's choice (4x on
# a GPU). Prints, per city and size, a label line and `louyu bench`'s JSON line; with
# LY_SHOTS=DIR it also writes a 1920x1080 picture of each city there.
# Made for a machine with a GPU (the README says how it was run there); runs anywhere.
# Usage: bench/gpu.sh [BUILD_DIR] [N...]   (defaults: build-release; 13896 222336 1000000)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "$@"
[ ${#sizes[@]} -gt 0 ] || sizes=(13896 222336 1000000)
read -r -a frame_sizes <<<"${LY_FRAME_SIZES:-1920x1080 3840x2160}"

frames() { # FILE SIZE: one warm run of frames
  "$build/louyu" bench "$1" --runs 0 --frames 240 --reloads 0 --size "$2" 2>/dev/null | tail -1
}

for s in "${frame_sizes[@]}"; do
  echo "# district $s"
  frames "$root/data/zhanshan.geojson" "$s"
done
for n in "${sizes[@]}"; do
  city="$work/city-$n.geojson"
  "$build/louyu" synth --buildings "$n" --seed 1 --out "$city" >/dev/null
  sync
  rm -rf "$XDG_CACHE_HOME"
  echo "# $n buildings: first open, no cache, ${frame_sizes[0]}"
  "$build/louyu" bench "$city" --runs 0 --frames 1 --reloads 0 --size "${frame_sizes[0]}" \
    2>/dev/null | tail -1
  for s in "${frame_sizes[@]}"; do
    echo "# $n buildings: warm $s"
    frames "$city" "$s"
  done
  if [ -n "${LY_SHOTS:-}" ]; then
    "$build/louyu" shot "$city" --size 1920x1080 --out "$LY_SHOTS/city-$n.png" >/dev/null 2>&1 ||
      echo "# shot of $n buildings failed"
  fi
  rm -f "$city"
done
