#!/usr/bin/env bash
# Builds louyu for the browser into build-web/site/ (or the folder given): the page,
# louyu.js + louyu.wasm, the font subset and the bundled district, ready for any static
# server. Needs Debian's emscripten (3.1.6), fonttools and dpkg-dev (installed when
# missing, as root), and Debian's cjson source (apt-get source, with a deb-src line for
# bookworm added when there is none).
#
# Usage: scripts/web.sh [SITE_DIR]
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
export LY_ROOT
# shellcheck source=scripts/setup.sh
source "$LY_ROOT/scripts/setup.sh"
ly_setup web
SITE=${1:-$LY_ROOT/build-web/site}
BUILD=$LY_ROOT/build-web
mkdir -p "$BUILD" "$SITE"
CJSON=$(ly_web_cjson_source "$BUILD/deps") || exit 1

# emcc runs on node and needs Debian's acorn, which a node from elsewhere does not see
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcmake cmake -S "$LY_ROOT" -B "$BUILD/cmake" -DLY_WEB=ON -DLY_CJSON_SRC="$CJSON" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD/cmake" -j"$(nproc)"

python3 "$LY_ROOT/tools/web-site.py" --build "$BUILD/cmake" --src "$LY_ROOT" \
  --data "$LY_ROOT/data/zhanshan.geojson" --out "$SITE"
echo "web: $SITE (serve it as it is: python3 -m http.server -d $SITE)"
