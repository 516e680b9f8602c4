#!/usr/bin/env bash
# Installs what is missing (the tests' tools too), builds louyu twice (warnings as
# errors; and with AddressSanitizer + UndefinedBehaviorSanitizer), runs the fast
# tests and the browser build's on the plain build and the whole suite but the
# browser build's on the sanitizer build. Exits
# non-zero on any failure, and on any test that did not run: a skip is a failure.
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$LY_ROOT/scripts/setup.sh"
ly_setup test

# html-validate, the portal's checker (npm; pinned; into build-tools/)
ly_node_tools >/dev/null

echo "== build (warnings are errors)"
ly_build build -DLY_WERROR=ON -DLY_SANITIZE=OFF
echo "== build with -fsanitize=address,undefined"
ly_build build-asan -DLY_WERROR=ON -DLY_SANITIZE=ON

export SDL_VIDEODRIVER=offscreen
# the tests' scene caches, remembered font and program binaries: their own, not the user's
cache_home=$(mktemp -d)
trap 'rm -rf "$cache_home"' EXIT
export XDG_CACHE_HOME="$cache_home"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run_ctest DIR [ctest options]: the tests, then fails if any was skipped
run_ctest() {
  local dir=$1 log
  shift
  log=$(mktemp)
  local rc=0
  (cd "$LY_ROOT/$dir" && ctest --output-on-failure -j"$(nproc)" "$@") | tee "$log" || rc=$?
  if grep -q "Skipped\|Not Run" "$log"; then
    echo "test.sh: tests were skipped in $dir; every test must run here:" >&2
    grep "Skipped\|Not Run" "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  return "$rc"
}

echo "== fast tests and the browser build (plain build)"
run_ctest build -LE slow
echo "== all tests but the browser build, which the sanitizers do not change (sanitizer build)"
run_ctest build-asan -LE web
