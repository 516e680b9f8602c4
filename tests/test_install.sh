#!/usr/bin/env bash
# cmake --install to a prefix of one's own (the README's ~/.local): the installed louyu runs
# from there on the district beside it, and the kiosk's unit and example config name that
# prefix's louyu and district, not /usr/local's. Needs BUILD (the build folder).
set -u
. "$(dirname "$0")/lib.sh"

prefix="$tmp/prefix with space"
cmake --install "$BUILD" --prefix "$prefix" >"$tmp/install.out" 2>&1
check '[ $? = 0 ]' "cmake --install failed: $(tail -3 "$tmp/install.out")"
LOUYU="$prefix/bin/louyu"
share="$prefix/share/louyu"
unit="$share/louyu-kiosk.service"
check 'grep -qxF "ExecStart=$prefix/bin/louyu --kiosk --config %h/.config/louyu/kiosk.json" "$unit"' \
  "the unit does not start the installed louyu: $(grep ExecStart "$unit")"
check '! grep -qE "/usr/local/(bin|share)" "$unit" "$share/kiosk.example.json"' \
  "/usr/local left in the kiosk's files: $(grep -h /usr/local "$unit" "$share/kiosk.example.json")"
run 0 kiosk-config "$share/kiosk.example.json"
expect out "^data +$share/zhanshan.geojson"
expect out 'config and data are good'
# the installed binary finds its shaders and district beside it, from any folder
(cd "$tmp" && "$LOUYU" stats >"$tmp/out" 2>"$tmp/err")
check '[ $? = 0 ]' "the installed louyu stats failed: $(tail -3 "$tmp/err")"
expect out '33'
finish
