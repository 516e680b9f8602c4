# What the benchmark scripts of many sizes share; each sources it after `set -euo pipefail`:
#   . "$(dirname "$0")/lib.sh" "$@"; then "${sizes[@]}" are the sizes asked for (or none).
# It sets $root and $build (the first argument, default build-release, built as Release if
# it has no louyu yet), renders offscreen, and makes $work with XDG_CACHE_HOME in it
# (removed at exit).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-release}
sizes=("${@:2}")
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
