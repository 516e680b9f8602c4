#!/usr/bin/env bash
# The reference pictures: a fixed set of `louyu shot` views (the district, each panel, a
# selection with its card and plan, the finder, the dashboard, the kiosk's admin, a portrait
# kiosk, both languages), rendered headless into a folder; or two such folders compared.
#
#   tools/shots.sh record DIR [LOUYU]   render every view into DIR/NAME.png
#   tools/shots.sh compare OLD NEW      ImageMagick `compare -metric AE -fuzz 2%` per view;
#                                       a view differs when over 0.5 % of its pixels do
#
# Use it around a change that should not change what people see: record before, record
# after, compare. Exits 1 when a view differs or is missing.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
zs="$root/data/zhanshan.geojson"

views() {
  # NAME|ARGUMENTS (the file and --out are added)
  cat <<'EOF'
home-zh|--lang zh
home-en|--lang en
top|--view top --lang zh
select-wtc|--select wtc --view wtc --lang zh
select-wtc-en|--select wtc --view wtc --lang en
plan|--select wtc --view wtc --stacking --tab floors --lang en
plan-floor|--select wtc --view wtc --stacking --floor 22 --lang zh
enterprises|--select wtc --view wtc --tab enterprises --lang en
finder|--find-area 1000 --find-near metro --view top --lang zh
dashboard|--dashboard --view top --lang en
dashboard-readout|--dashboard --view top --pointer 400,300 --lang zh
colour-by|--color-by occupancy --view top --lang en
search|--search 世贸 --view top --lang zh
controls|--controls --view top --lang en
admin-pad|--kiosk --config @CONFIG@ --admin pad --view top
admin-status|--kiosk --config @CONFIG@ --admin status --view top --lang en
attract|--attract --lang zh
portrait|--size 1080x1920 --scale 1.75 --select wtc --view wtc --lang zh
portrait-dashboard|--size 1080x1920 --scale 1.75 --dashboard --view top --lang en
EOF
}

record() {
  local dir=$1 louyu=${2:-$root/build/louyu} tmp
  mkdir -p "$dir"
  tmp=$(mktemp -d)
  # a kiosk config with a PIN, so that the admin's panels open
  local hash
  hash=$(printf '2468\n' | "$louyu" pin-hash 2>/dev/null) || { echo "shots: pin-hash failed" >&2; return 1; }
  printf '{"data": "%s", "admin": {"pin_hash": "%s"}}\n' "$zs" "$hash" >"$tmp/kiosk.json"
  local rc=0 name args
  while IFS='|' read -r name args; do
    args=${args//@CONFIG@/$tmp/kiosk.json}
    # shellcheck disable=SC2086
    if ! SDL_VIDEODRIVER=offscreen "$louyu" shot "$zs" --out "$dir/$name.png" $args 2>"$tmp/err"; then
      echo "shots: $name failed: $(head -3 "$tmp/err")" >&2
      rc=1
    fi
  done < <(views)
  rm -rf "$tmp"
  return $rc
}

compare_dirs() {
  local old=$1 new=$2 rc=0 name args
  while IFS='|' read -r name args; do
    if [ ! -f "$old/$name.png" ] || [ ! -f "$new/$name.png" ]; then
      echo "$name: missing"
      rc=1
      continue
    fi
    local total ae pct
    total=$(identify -format '%[fx:w*h]' "$new/$name.png")
    ae=$(compare -metric AE -fuzz 2% "$old/$name.png" "$new/$name.png" null: 2>&1 >/dev/null)
    ae=${ae%% *}
    pct=$(awk -v a="$ae" -v t="$total" 'BEGIN { printf "%.3f", 100 * a / t }')
    if awk -v p="$pct" 'BEGIN { exit !(p > 0.5) }'; then
      echo "$name: $pct % of the pixels differ"
      rc=1
    else
      echo "$name: same ($pct %)"
    fi
  done < <(views)
  return $rc
}

case "${1:-}" in
record) shift; record "$@" ;;
compare) shift; compare_dirs "$@" ;;
*) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
