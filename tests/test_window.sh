#!/usr/bin/env bash
# The real viewer in a real X11 window, used as a person uses it: Xvfb for the screen,
# xdotool for the mouse and keys, xwd to read the picture back. Every check is made
# after the viewer's loop has gone idle (it says so in its --verbose log), and each
# picture must be whole: an expose (xrefresh) that makes it draw once more must give
# the very same picture, so the loop never sleeps on a frame that needed another.
# Then the kiosk, without a window manager and with one, must cover the whole screen.
# Needs LOUYU (the binary) and SRC (the source tree); Xvfb, xdotool, xwd, xrefresh,
# xwininfo, ImageMagick and openbox come with scripts/setup.sh.
set -u
SRC=$(cd "$SRC" && pwd)
. "$(dirname "$0")/lib.sh"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  if [ -n "${KEEP:-}" ]; then echo "pictures and logs kept in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

for tool in Xvfb xdotool xwd xrefresh xwininfo convert compare openbox; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/setup.sh installs it)"; exit 1; }
done

# Xvfb picks a free display itself and writes its number once it accepts clients
# (-displayfd): no race with another X server, no guessing when it is ready. -noreset:
# an X server resets when its last client leaves, and a viewer started while it does
# finds no screen (SDL falls back to offscreen), as happened here between two viewers
exec 3>"$tmp/display"
Xvfb -displayfd 3 -noreset -screen 0 1920x1080x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
for _ in $(seq 600); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { echo "FAIL: Xvfb did not start in 60 s"; cat "$tmp/xvfb.log"; exit 1; }
export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"
xwininfo -root >/dev/null 2>&1 || { echo "FAIL: Xvfb on $DISPLAY does not answer"; exit 1; }
export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" LANG=C.UTF-8 LC_ALL= LANGUAGE=
unset SDL_VIDEODRIVER

# start_viewer LOG ARGS...: the viewer in the background, its log (a kiosk's, from its
# config) in LOG; sets $win to its window
start_viewer() {
  local log=$1
  shift
  "$LOUYU" --verbose "$@" >>"$log" 2>&1 &
  pids+=($!)
  win=""
  for _ in $(seq 300); do
    win=$(xdotool search --class louyu 2>/dev/null | tail -1)
    [ -n "$win" ] && grep -q "idle after" "$log" && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "FAIL: no louyu window came up"; cat "$log"; exit 1; }
}

# idle LOG [SIZE]: waits until the viewer's loop has gone idle after what was just done:
# its log has grown past SIZE (its size before the action), its last line says it is
# idle (the loop logs "drawing" when a run of frames starts, so a long silent run, a
# fling, reads as busy), and nothing has been added for a second (a drag made of many
# moves may let the loop rest between two of them: that is not the end)
idle() {
  local log=$1 from=${2:-0} size last="" quiet=0
  for _ in $(seq 400); do
    size=$(wc -c <"$log")
    if [ "$size" -gt "$from" ] && [ "$size" = "$last" ] && tail -1 "$log" | grep -q "idle after"; then
      quiet=$((quiet + 1))
      [ "$quiet" -ge 10 ] && return 0
    else
      quiet=0
    fi
    last=$size
    sleep 0.1
  done
  return 1
}

# shot NAME: the window's picture as $tmp/NAME.png
shot() { xwd -silent -id "$win" | convert xwd:- "$tmp/$1.png"; }
# differ A B: how many pixels differ between two pictures
differ() { compare -metric AE "$tmp/$1.png" "$tmp/$2.png" null: 2>&1 | cut -d' ' -f1; }
# mean R G B (0..1) of a box X,Y,W,H of a picture
mean() { convert "$tmp/$1.png" -crop "$2" -resize 1x1\! -format '%[fx:r] %[fx:g] %[fx:b]' info:; }

# step NAME LOG ACTION...: does the action, waits for idle, takes the picture, and
# checks that an expose gives the same picture (the loop slept on a settled frame)
step() {
  local name=$1 log=$2 size
  shift 2
  size=$(wc -c <"$log")
  "$@"
  if ! idle "$log" "$size"; then bad "$name: the loop never went idle"; return; fi
  shot "$name"
  size=$(wc -c <"$log")
  xrefresh -display "$DISPLAY"
  idle "$log" "$size" || true
  shot "$name-again"
  local d
  d=$(differ "$name" "$name-again")
  check '[ "$d" = 0 ]' "$name: the picture changed after an expose ($d pixels): the loop went idle on an unsettled frame"
}

# ---- the desktop viewer --------------------------------------------------------------
log="$tmp/viewer.log"
start_viewer "$log" --size 1280x720
shot start
sd=$(convert "$tmp/start.png" -format '%[fx:standard_deviation]' info:)
check "awk 'BEGIN { exit !($sd > 0.05) }'" "the first picture is flat (sd $sd)"
# an English desktop (LANG=C.UTF-8) gets an English interface and an "N" compass
check 'grep -q "Zhanshan" <<<"$(xdotool getwindowname "$win")"' "the window's title is not English"

# a building's pixel on the home view, as `louyu pick` (the same app, no window) sees it
target=""
for y in 360 320 400 280 440; do
  for x in 700 760 820 880 640 940 580; do
    id=$("$LOUYU" pick --size 1280x720 --at "$x,$y")
    if [ "$id" != none ]; then target="$x $y"; break 2; fi
  done
done
check '[ -n "$target" ]' "no building under any probed pixel of the home view"
read -r bx by <<<"${target:-640 360}"

click_building() { xdotool mousemove --window "$win" "$bx" "$by" click 1; }
step select "$log" click_building
# the card is on a white panel, its text drawn on it (no label across it)
read -r r g b <<<"$(mean select 40x200+1200+200)"
check "awk 'BEGIN { exit !($r > 0.9 && $g > 0.9 && $b > 0.9) }'" "the card's panel is not behind its text ($r $g $b)"
check '[ "$(differ start select)" -gt 20000 ]' "a click on a building changed little"

drag() {
  xdotool mousemove --window "$win" 640 500 mousedown 1
  for dx in 20 40 60 80 100 120; do xdotool mousemove --window "$win" $((640 + dx)) 500; sleep 0.05; done
  xdotool mouseup 1
}
step drag "$log" drag
check '[ "$(differ select drag)" -gt 20000 ]' "a drag did not turn the map"
# (then the pointer rests on the title: a place or tower that the zoom brought under it
# would show a tooltip that the expose's pointer-leave takes away)
wheel() { xdotool mousemove --window "$win" 640 400 click 4 click 4 click 4 mousemove --window "$win" 150 45; }
step wheel "$log" wheel
check '[ "$(differ drag wheel)" -gt 20000 ]' "the wheel did not zoom"

# the week slider along the bottom (the default data is the bundled store, with its
# weeks): a drag along the track moves the map back through the weeks, then the left
# key steps one more week back (the keys belong to the slider once it was used)
slide() {
  # (inside the track whether or not the card beside it narrows it)
  xdotool mousemove --window "$win" 840 672 mousedown 1
  for x in 780 720 660 600 560; do xdotool mousemove --window "$win" "$x" 672; sleep 0.05; done
  xdotool mouseup 1
}
step slide "$log" slide
check '[ "$(differ wheel slide)" -gt 2000 ]' "a drag along the week slider changed nothing"
key() { xdotool key --window "$win" "$1"; }
step week-back "$log" key Left
# the map stayed where it was: only the title, the slider and some colours change
d=$(differ slide week-back)
check '[ "$d" -gt 100 ] && [ "$d" -lt 60000 ]' "the left key after the slider did not step the week alone ($d pixels)"

# keys: each changes the picture, and the picture settles
prev=week-back
for k in l p c b f Escape; do
  key() { xdotool key --window "$win" "$1"; }
  step "key-$k" "$log" key "$k"
  check '[ "$(differ "$prev" "key-$k")" -gt 500 ]' "the key $k changed nothing"
  prev="key-$k"
done
# a tap on the toolbar's dashboard switch (the panels take the pointer first)
tap() { xdotool mousemove --window "$win" 212 211 click 1; }
step tap "$log" tap
check '[ "$(differ "$prev" tap)" -gt 20000 ]' "a tap on the dashboard's switch did not switch it"

# a resize: the picture follows the window's real size
resize() { xdotool windowsize "$win" 1000 700; }
step resize "$log" resize
size=$(identify -format '%wx%h' "$tmp/resize.png")
check '[ "$size" = 1000x700 ]' "after a resize the window is $size"
# the compass's white disc beside its needle, 42 px in from the new right edge
read -r r g b <<<"$(mean resize 4x4+940+40)"
check "awk 'BEGIN { exit !($r > 0.95 && $g > 0.95 && $b > 0.95) }'" "the compass is not in the resized window's corner ($r $g $b)"
kill "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null

# the view from the top, drawn straight into the window (--msaa 1, what software GL gets):
# the sea, as `louyu shot` draws it. (A window's 32-bit depth buffer had let the land cover
# the roads, the water and the parks: their polygon offsets were under what it told apart.)
log="$tmp/top.log"
start_viewer "$log" --size 1000x700 --lang en --view top --msaa 1
shot top
"$LOUYU" shot --size 1000x700 --lang en --view top --msaa 1 --out "$tmp/top-shot.png" >/dev/null 2>&1
read -r r g b <<<"$(mean top 10x10+595+595)"
read -r sr sg sb <<<"$(mean top-shot 10x10+595+595)"
check "awk 'BEGIN { exit !($b > $r + 0.1 && ($r - $sr)^2 + ($g - $sg)^2 + ($b - $sb)^2 < 0.001) }'" \
  "the top view in a window has no sea where louyu shot has it ($r $g $b, shot $sr $sg $sb)"
kill "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null

# ---- the kiosk: the whole screen, without a window manager and with one -------------
hash=$(printf '2468\n' | "$LOUYU" pin-hash 2>/dev/null)
printf '{"data": "%s", "admin": {"pin_hash": "%s", "hold_s": 3}, "attract": {"after_s": 5}, "log": {"path": "%s"}}\n' \
  "$SRC/data/zhanshan.geojson" "$hash" "$tmp/kiosk-file.log" >"$tmp/kiosk.json"
cover() {
  local geo
  geo=$(xwininfo -id "$win" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF} /Width/ {w=$NF} /Height/ {h=$NF} END {print w "x" h "+" x "+" y}')
  check '[ "$geo" = 1920x1080+0+0 ]' "the window $1 covers $geo, not the screen 1920x1080+0+0"
}
log="$tmp/kiosk-file.log"
start_viewer "$log" --kiosk --config "$tmp/kiosk.json"
cover "(--kiosk) without a window manager"
shot kiosk
check 'grep -q "APP: .* 33 buildings" "$log"' "the kiosk did not load its district"
# the admin's corner, held past hold_s: the PIN pad opens in the middle
hold() { xdotool mousemove --window "$win" 20 20 mousedown 1; sleep 4; xdotool mouseup 1; }
step admin "$log" hold
read -r r g b <<<"$(mean admin 120x60+900+500)"
check "awk 'BEGIN { exit !($r > 0.9 && $g > 0.9 && $b > 0.9) }'" "the PIN pad did not open ($r $g $b)"
# the pad closed and the kiosk left alone: the attract tour, its banner whole on the screen
xdotool key --window "$win" Escape
sleep 9
shot tour
check 'grep -q "tour" "$log"' "the kiosk's log tells of no tour"
for x in 320 960 1600; do # its dark band, across the screen's lower middle
  read -r r g b <<<"$(mean tour 8x8+$x+950)"
  check "awk 'BEGIN { exit !($r < 0.3 && $g < 0.3 && $b < 0.3) }'" "no tour banner at $x,950 ($r $g $b)"
done
kill "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null

# the interface's scale: Xvfb reports no physical size, so 1; a desktop that asks for twice
# the size (GDK_SCALE=2, as GTK and Qt desktops on a 4K X11 screen set) gets 2; --scale wins
check 'grep -q "interface scale 1 (the display.s density 1)" "$tmp/viewer.log"' \
  "the first viewer's interface scale: $(grep -o "interface scale.*" "$tmp/viewer.log")"
for want in "2:" "1:--scale 1"; do
  log="$tmp/dense-${want%%:*}.log"
  # shellcheck disable=SC2086
  GDK_SCALE=2 start_viewer "$log" --size 1280x720 ${want#*:}
  check 'grep -q "interface scale ${want%%:*} " "$log"' \
    "GDK_SCALE=2 ${want#*:}: $(grep -o "interface scale.*" "$log")"
  kill "${pids[-1]}" 2>/dev/null
  wait "${pids[-1]}" 2>/dev/null
done

# started with stderr closed (2>&-, as a careless service file does): the display's
# connection must not take descriptor 2, where messages would go into the X protocol and
# hang the window; it comes up, its stderr is /dev/null, and SIGTERM ends it
"$LOUYU" --verbose --size 640x400 >"$tmp/closed.log" 2>&- &
pids+=($!)
win=""
for _ in $(seq 300); do
  win=$(xdotool search --pid "${pids[-1]}" 2>/dev/null | tail -1)
  [ -n "$win" ] && break
  sleep 0.1
done
check '[ -n "$win" ] && [ "$(readlink "/proc/${pids[-1]}/fd/2")" = /dev/null ]' \
  "the viewer with stderr closed: no window, or descriptor 2 is $(readlink "/proc/${pids[-1]}/fd/2")"
kill -TERM "${pids[-1]}" 2>/dev/null
for _ in $(seq 50); do kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.1; done
check '! kill -0 "${pids[-1]}" 2>/dev/null' "the viewer with stderr closed did not end on SIGTERM"
kill -KILL "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null

# the desktop viewer's full screen, with no window manager either
log="$tmp/full.log"
start_viewer "$log" --fullscreen
cover "(--fullscreen) without a window manager"
kill "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null

openbox --sm-disable >"$tmp/openbox.log" 2>&1 &
pids+=($!)
sleep 1
start_viewer "$log" --kiosk --config "$tmp/kiosk.json"
sleep 1
cover "(--kiosk) under a window manager"
kill "${pids[-1]}" 2>/dev/null
wait "${pids[-1]}" 2>/dev/null
log="$tmp/full-wm.log"
start_viewer "$log" --fullscreen
sleep 1
cover "(--fullscreen) under a window manager"
finish
