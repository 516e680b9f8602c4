# Sourced by run.sh and test.sh: makes sure the Debian packages louyu needs are
# installed. As root it installs what is missing with apt-get; otherwise it
# prints the exact command to run and stops.
LY_PACKAGES=(
  build-essential cmake pkg-config python3
  libsdl2-dev libepoxy-dev libcglm-dev libcjson-dev libstb-dev libfontconfig-dev
  libsodium-dev libsqlite3-dev libcurl4-openssl-dev libproj-dev zlib1g-dev libexpat1-dev
  fonts-noto-cjk unicode-data
  libgl1-mesa-dri libegl-mesa0
)
# (python3 writes GB 2312's table at build time: tools/gb2312-table.py; and the pinyin
# table from unicode-data's Unihan database: tools/pinyin-table.py.)
# What the tests drive and check with, installed by scripts/test.sh only: python3 (the
# structure test and JSON checks), Xvfb, xdotool, xwd (x11-apps), xwininfo (x11-utils),
# xrefresh (x11-xserver-utils), openbox (a window manager to test under), ImageMagick
# (reading the pictures back), gdal-bin (ogrinfo: GDAL reads the store as QGIS would),
# chromium (the published portal, driven headless) and python3-xlwt (writes the Excel
# 97-2003 workbooks, .xls, that report import is tested with: a writer of that format
# that other tools have long used, not one written here to agree with louyu's reader), and
# osmium-tool (OpenStreetMap's own tool for its files: it writes the PBF, .osm.pbf, that the
# tests read San Francisco's footprints from, for the same reason), and fontconfig (fc-list
# and fc-query: the tests find a font without Chinese characters to start louyu with).
LY_TEST_PACKAGES=(
  xvfb xdotool x11-apps x11-utils x11-xserver-utils openbox imagemagick gdal-bin proj-bin
  chromium python3-xlwt osmium-tool fontconfig
)

# What the browser build needs (scripts/web.sh): Debian's emscripten, fonttools
# (pyftsubset makes the font subset), dpkg-dev (apt-get source unpacks cjson's
# source, which is compiled for the browser), and the CJK font it subsets. The tests
# build it too, and drive it in chromium. (unicode-data: the pinyin table, as above.)
LY_WEB_PACKAGES=(emscripten fonttools dpkg-dev fonts-noto-cjk python3 unicode-data)

# ly_missing_packages [test|web]: the packages not installed (with "test", the tests'
# and the browser build's too; with "web", the browser build's)
ly_missing_packages() {
  local p missing=() want=("${LY_PACKAGES[@]}")
  [ "${1:-}" = test ] && want+=("${LY_TEST_PACKAGES[@]}" "${LY_WEB_PACKAGES[@]}")
  [ "${1:-}" = web ] && want=("${LY_WEB_PACKAGES[@]}" cmake)
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm (for html-validate, a test-only checker): Debian's package, unless a node
  # installation already brings its own npm
  [ "${1:-}" = test ] && ! command -v npm >/dev/null && missing+=(npm)
  echo "${missing[@]}"
}

# ly_node_tools: the npm checkers the tests use (html-validate for the portal, the
# Khronos glTF-Validator for louyu export's GLB, ajv for its CityJSON against the
# CityJSON schema), installed once into build-tools/ at
# pinned versions; prints the folder holding their commands
ly_node_tools() {
  local dir=$LY_ROOT/build-tools
  if [ ! -x "$dir/node_modules/.bin/html-validate" ] || [ ! -f "$dir/node_modules/gltf-validator/index.js" ] ||
    [ ! -f "$dir/node_modules/ajv/package.json" ]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error html-validate@8.18.2 \
      gltf-validator@2.0.0-dev.3.10 ajv@8.17.1 >&2 || return 1
  fi
  echo "$dir/node_modules/.bin"
}

# ly_setup [test]: installs what is missing (with "test", what the tests need too)
ly_setup() {
  local missing
  missing=$(ly_missing_packages "${1:-}")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "louyu needs these Debian packages: $missing" >&2
    echo "install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    return 1
  fi
  echo "setup: installing $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || return 1
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >&2 || return 1
}

# ly_build DIR [cmake options...]: configure once, then build.
ly_build() {
  local dir=$1
  shift
  cmake -S "$LY_ROOT" -B "$LY_ROOT/$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null || return 1
  cmake --build "$LY_ROOT/$dir" -j"$(nproc)" || return 1
}

# ly_web_cjson_source DIR: unpacks Debian's cjson source into DIR once (adding a deb-src
# line for bookworm to apt's sources when it has none, as root); prints its folder
ly_web_cjson_source() {
  local dir=$1 src
  src=$(find "$dir" -maxdepth 2 -name cJSON.c -printf '%h\n' 2>/dev/null | head -1)
  if [ -n "$src" ]; then
    echo "$src"
    return 0
  fi
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "web: apt has no deb-src line; as root, add one for bookworm, then run again" >&2
      return 1
    fi
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      >/etc/apt/sources.list.d/louyu-deb-src.sources
    apt-get update -qq >&2 || return 1
  fi
  mkdir -p "$dir"
  (cd "$dir" && apt-get source -qq cjson >&2 2>/dev/null) || {
    echo "web: apt-get source cjson failed" >&2
    return 1
  }
  src=$(find "$dir" -maxdepth 2 -name cJSON.c -printf '%h\n' | head -1)
  [ -n "$src" ] && echo "$src"
}
