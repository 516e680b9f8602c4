#!/usr/bin/env bash
# Installs what is missing, builds louyu, and opens the 3D viewer on the bundled district.
# Usage: scripts/run.sh [FILE] [OPTIONS]   (any louyu arguments: see build/louyu --help)
set -euo pipefail
LY_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$LY_ROOT/scripts/setup.sh"
ly_setup
ly_build build
# The viewer on the bundled district (its store, build/data/zhanshan.gpkg, with its weeks
# of reports and the slider through them), or on the file and options given.
exec "$LY_ROOT/build/louyu" "$@"
