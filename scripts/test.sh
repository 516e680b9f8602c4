#!/usr/bin/env bash
# Installs what is missing, builds louyu twice (warnings as errors; and with
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs the whole test suite
# on the sanitizer build. Exits non-zero on any failure.
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$LY_ROOT/scripts/setup.sh"
ly_setup

echo "== build (warnings are errors)"
ly_build build -DLY_WERROR=ON -DLY_SANITIZE=OFF
echo "== build with -fsanitize=address,undefined"
ly_build build-asan -DLY_WERROR=ON -DLY_SANITIZE=ON

export SDL_VIDEODRIVER=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== tests (sanitizer build)"
cd "$LY_ROOT/build-asan"
ctest --output-on-failure -j"$(nproc)"
