#!/usr/bin/env bash
# Installs what is missing, builds louyu, and shows the bundled district.
# Usage: scripts/run.sh [FILE]   (any louyu arguments may follow)
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$LY_ROOT/scripts/setup.sh"
ly_setup
ly_build build
# The 3D viewer arrives with issue 4; until then, show the district's figures.
if [ $# -eq 0 ]; then
  exec "$LY_ROOT/build/louyu" stats "$LY_ROOT/data/zhanshan.geojson"
fi
exec "$LY_ROOT/build/louyu" "$@"
