# Sourced by run.sh and test.sh: makes sure the Debian packages louyu needs are
# installed. As root it installs what is missing with apt-get; otherwise it
# prints the exact command to run and stops.
LY_PACKAGES=(
  build-essential cmake pkg-config python3
  libsdl2-dev libepoxy-dev libcglm-dev libcjson-dev libstb-dev libfontconfig-dev
  libsodium-dev libsqlite3-dev libcurl4-openssl-dev libproj-dev
  fonts-noto-cjk
  libgl1-mesa-dri libegl-mesa0
)
# (python3 writes GB 2312's table at build time: tools/gb2312-table.py.)
# What the tests drive and check with, installed by scripts/test.sh only: python3 (the
# structure test and JSON checks), Xvfb, xdotool, xwd (x11-apps), xwininfo (x11-utils),
# xrefresh (x11-xserver-utils), openbox (a window manager to test under), ImageMagick
# (reading the pictures back), gdal-bin (ogrinfo: GDAL reads the store as QGIS would) and
# chromium (the published portal, driven headless).
LY_TEST_PACKAGES=(
  xvfb xdotool x11-apps x11-utils x11-xserver-utils openbox imagemagick gdal-bin proj-bin
  chromium
)

# ly_missing_packages [test]: the packages not installed (with "test", the tests' too)
ly_missing_packages() {
  local p missing=() want=("${LY_PACKAGES[@]}")
  [ "${1:-}" = test ] && want+=("${LY_TEST_PACKAGES[@]}")
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
