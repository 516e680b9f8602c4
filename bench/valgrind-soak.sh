#!/usr/bin/env bash
# valgrind memcheck over a short soak of the viewer, headless (Mesa llvmpipe on one thread,
# small frames, so it ends in minutes); prints valgrind's leak and error summaries and
# the soak's JSON line. Exits non-zero when valgrind finds an error or a definite leak
# not covered by bench/valgrind.supp (each of its entries says whose leak it is and why).
# Usage: bench/valgrind-soak.sh [FRAMES] [SEED]   (default 2000 frames)
# BUILD picks the build (default build-vg, RelWithDebInfo); LOG keeps valgrind's report.
# (heap_kb in the JSON line reads 0 here: valgrind replaces malloc, and mallinfo2 with it.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build-vg}
log=${LOG:-$(mktemp /tmp/valgrind-soak.XXXXXX)}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
supp=()
[ -f "$root/bench/valgrind.supp" ] && supp=(--suppressions="$root/bench/valgrind.supp")
# --keep-debuginfo: Mesa's driver is unloaded before the leak check; without it its
# frames print as ??? and neither a reader nor a suppression can tell whose leak it is
status=0
SDL_VIDEODRIVER=offscreen LP_NUM_THREADS=0 valgrind --leak-check=full \
  --errors-for-leak-kinds=definite --error-exitcode=99 --keep-debuginfo=yes \
  --num-callers=40 -s "${supp[@]}" --log-file="$log" \
  "$build/louyu" soak "$root/data/zhanshan.geojson" --frames "${1:-2000}" --seed "${2:-1}" \
  --size 160x120 --bad "$root/tests/data/bad/height-negative.geojson" 2>/dev/null || status=$?
# the leak records, the summaries and (-s) which suppressions were used, how often
sed -n '/HEAP SUMMARY/,$p' "$log" | sed -E 's/^(==|--)[0-9]+(==|--) ?//' | grep -v '^$' | uniq
echo "valgrind log: $log (exit $status)"
exit "$status"
