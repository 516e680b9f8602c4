#!/usr/bin/env bash
# A district at a URL, end to end, against a local server (tests/fetch_server.py) that
# answers in every way a real one can: 200 with ETag and Last-Modified, 304, 500, 503,
# too slowly, cut short, with an HTML page, with a broken district, with a new version,
# and not at all. Through the command line (validate, info, stats, query) and through
# a real kiosk (offscreen), whose log must say each change once, keep the district,
# take the new version, and start from the copy while the server is down.
# Needs LOUYU (the binary) and SRC (the source tree); STORE (a store file) is optional.
set -u
. "$(dirname "$0")/lib.sh"
srv_pid=
kiosk_pid=
cleanup() {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ZS="$SRC/data/zhanshan.geojson"
BAD="$SRC/tests/data/bad"
export XDG_CACHE_HOME="$tmp/cache"
export LOUYU_FETCH_TIMEOUT_S=2 # the slow answer takes 4 s

# expect_not FILE REGEX: no line matches
expect_not() {
  if ! grep -Eq -- "$2" "$tmp/$1"; then ok; else
    bad "$1 should not match: $2"
    grep -E -- "$2" "$tmp/$1" | head -3
  fi
}
# count FILE REGEX N: exactly N lines match
count() {
  local n
  n=$(grep -Ec -- "$2" "$tmp/$1")
  if [ "$n" -eq "$3" ]; then ok; else bad "$1 has $n lines matching '$2', expected $3"; fi
}

# ---- the server -----------------------------------------------------------------
mkdir -p "$tmp/srv"
mode() { printf '%s\n' "$*" >"$tmp/srv/mode"; }
# start_server [PORT]: a free port the first time, the same one after a kill
start_server() {
  rm -f "$tmp/srv/port"
  python3 "$SRC/tests/fetch_server.py" "$tmp/srv" "${1:-0}" 2>>"$tmp/srv/stderr" &
  srv_pid=$!
  for _ in $(seq 100); do [ -s "$tmp/srv/port" ] && break; sleep 0.1; done
  [ -s "$tmp/srv/port" ] || { echo "FAIL: the test server did not start"; cat "$tmp/srv/stderr"; exit 1; }
}
stop_server() {
  kill "$srv_pid" 2>/dev/null
  wait "$srv_pid" 2>/dev/null
  srv_pid=
}
mode ok "$ZS"
start_server
port=$(cat "$tmp/srv/port")
URL="http://127.0.0.1:$port/weekly/zhanshan.geojson"
# the new version: one building renamed
python3 - "$ZS" "$tmp/new.geojson" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for f in d["features"]:
    if f.get("id") == "wtc" or f["properties"].get("id") == "wtc":
        f["properties"]["name_en"] = "World Trade Center, renamed"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF

# ---- the command line -------------------------------------------------------------
run 0 validate "$URL"
others=$(python3 -c 'import json,sys; print(sum(f["properties"].get("kind") != "building" for f in json.load(open(sys.argv[1]))["features"]))' "$ZS")
expect out "^$URL: valid: 33 buildings, $others other features, 2096 enterprises; 0 warnings$"
copy=$(ls "$tmp/cache/louyu/"*.geojson 2>/dev/null | head -1)
if [ -n "$copy" ] && cmp -s "$copy" "$ZS"; then ok; else bad "no copy of the district in $tmp/cache/louyu"; fi
expect srv/requests "^/weekly/zhanshan.geojson 200 inm=- ims=-$"
# the second time is a conditional GET, answered 304
run 0 info "$URL" wtc
expect out 'Qingdao World Trade Center A & B'
expect srv/requests '^/weekly/zhanshan.geojson 304 inm="[0-9a-f]+" ims=[A-Z][a-z][a-z],_'
run 0 stats "$URL";  expect out '33'
run 0 query "$URL" --min-area 500; expect out '.'

# each failure keeps the copy, says why and from when, and the answer is the copy's
kept="$ZS" # what the copy must be
failure() { # failure WHAT REGEX
  run 0 validate "$URL"
  expect out "^$URL: valid: 33 buildings.*; 1 warning$"
  expect err "^$URL: warning: $2.*; showing the last good copy, of [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC \\($copy\\)$"
  if cmp -s "$copy" "$kept"; then ok; else bad "$1 changed the copy"; fi
}
mode status 500
failure "a 500" "the server answered 500 Internal Server Error: expected 200 and the district"
mode status 503
failure "a 503" "the server answered 503 Service Unavailable: expected 200 and the district"
mode slow 4 "$tmp/new.geojson"
t0=$(date +%s)
failure "a slow answer" "no whole answer within the timeout \(Operation timed out after 2[0-9]{3} milliseconds"
[ $(($(date +%s) - t0)) -le 3 ] && ok || bad "the timeout of 2 s took $(($(date +%s) - t0)) s"
mode truncated "$tmp/new.geojson"
failure "a truncated body" "the download stopped after [0-9]+ of [0-9]+ bytes: expected the whole district"
mode html
failure "an HTML page" "the server's body \(67 bytes\) is not a valid district \(1 error, the first at 1:1: unexpected '<'"
mode ok "$BAD/height-negative.geojson"
failure "a broken district" "the server's body \\(642 bytes\\) is not a valid district \(1 error, the first at 22:21: feature 0 \"wtc\": \"height_m\" is -5"
# info says the copy may be stale, and still answers from it
run 0 info "$URL" wtc
expect err "warning: .*showing the last good copy"
expect out 'Qingdao World Trade Center A & B'
# the new version is taken
mode ok "$tmp/new.geojson"
run 0 info "$URL" wtc
expect out 'World Trade Center, renamed'
if cmp -s "$copy" "$tmp/new.geojson"; then ok; else bad "the new version did not become the copy"; fi
kept="$tmp/new.geojson"
# the server gone: refused, the copy still answers
stop_server
failure "a server that is gone" "the server cannot be reached \(.*\): expected it to accept connections"
run 0 info "$URL" wtc
expect out 'World Trade Center, renamed'

# without a copy a failure is an error: 2 when nothing came, 1 with the body's own errors
export XDG_CACHE_HOME="$tmp/nocache"
run 2 validate "$URL"
expect err "^$URL: error: the server cannot be reached .*: there is no copy on disk to fall back on$"
start_server "$port"
mode status 404
run 2 validate "$URL"
expect err "^$URL: error: the server answered 404 Not Found: expected 200 and the district: there is no copy on disk"
mode ok "$BAD/height-negative.geojson"
run 1 validate "$URL"
expect err "^$URL:22:21: error: feature 0 \"wtc\": \"height_m\" is -5"
[ ! -e "$tmp/nocache/louyu/"*.geojson ] && ok || bad "a broken district became the copy"
# a store at a URL is a store
if [ -n "${STORE:-}" ] && [ -f "$STORE" ]; then
  mode ok "$STORE"
  run 0 validate "http://127.0.0.1:$port/weekly/zhanshan.gpkg"
  expect out 'valid: 33 buildings'
  ls "$tmp/nocache/louyu/"*.gpkg >/dev/null 2>&1 && ok || bad "a store's copy is not named .gpkg"
fi
export XDG_CACHE_HOME="$tmp/cache"

# ---- the kiosk ------------------------------------------------------------------
export SDL_VIDEODRIVER=offscreen
saved_asan=${ASAN_OPTIONS-}
export ASAN_OPTIONS=${saved_asan:+$saved_asan:}detect_leaks=0
"$LOUYU" gl-info >/dev/null 2>&1
if [ $? -eq 3 ]; then
  echo "$pass passed, $fail failed (the kiosk part skipped: no OpenGL 3.3 context here)"
  [ "$fail" -eq 0 ] && exit 77 || exit 1
fi
rm -rf "$tmp/cache"
log="$tmp/kiosk.log"
printf '{"data": "%s", "poll_s": 5, "attract": {"enabled": false},\n "log": {"path": "%s"}}\n' \
  "$URL" "$log" >"$tmp/kiosk.json"
run 0 kiosk-config "$tmp/kiosk.json"
expect out "^poll +every 5 s$"
expect out "^copy +$tmp/cache/louyu/[0-9a-f]{32}\.geojson$"

# wait_log REGEX [SECONDS]: until the kiosk's log has a line matching
wait_log() {
  for _ in $(seq $((${2:-15} * 5))); do
    grep -Eq -- "$1" "$log" 2>/dev/null && { ok; return 0; }
    sleep 0.2
  done
  bad "the kiosk's log never said: $1"
  tail -5 "$log"
  return 1
}
# polls N: until the server has seen N more requests (the kiosk's polls)
polls() {
  local start want
  start=$(wc -l <"$tmp/srv/requests")
  want=$((start + $1))
  for _ in $(seq $(($1 * 40))); do
    [ "$(wc -l <"$tmp/srv/requests")" -ge "$want" ] && { sleep 0.5; ok; return 0; }
    sleep 0.2
  done
  bad "the kiosk did not poll $1 times"
}
alive() {
  if kill -0 "$kiosk_pid" 2>/dev/null; then ok; else bad "the kiosk died ($1)"; fi
}
start_kiosk() {
  "$LOUYU" --kiosk --config "$tmp/kiosk.json" >"$tmp/kiosk.out" 2>"$tmp/kiosk.err" &
  kiosk_pid=$!
}
stop_kiosk() {
  kill -TERM "$kiosk_pid"
  wait "$kiosk_pid"
  local rc=$?
  kiosk_pid=
  [ "$rc" -eq 0 ] && ok || { bad "the kiosk exited $rc after SIGTERM"; tail -5 "$tmp/kiosk.err"; }
}

mode ok "$ZS"
start_kiosk
wait_log "info APP: \[$URL\] 33 buildings"
wait_log "info KIOSK: the data is polled every 5 s"
# unchanged: a 304, no reload, nothing said
polls 1
expect srv/requests '^/weekly/zhanshan.geojson 304 inm="'
# the same bytes under a new ETag: downloaded, found the same, not swapped
mode newetag "$ZS"
polls 1
mode status 503
wait_log "warning FETCH: $URL: the server answered 503 Service Unavailable: expected 200 and the district: keeping the copy of .* \(failing since [0-9-]+ [0-9:]+ UTC; the district on screen stays\)"
polls 2 # still failing: said once
mode status 500
wait_log "warning FETCH: $URL: the server answered 500 Internal Server Error"
mode slow 4 "$ZS"
wait_log "warning FETCH: $URL: no whole answer within the timeout" 20
mode truncated "$tmp/new.geojson"
wait_log "warning FETCH: $URL: the download stopped after [0-9]+ of [0-9]+ bytes"
mode html
wait_log "warning FETCH: $URL: the server's body \(67 bytes\) is not a valid district"
mode ok "$BAD/height-negative.geojson"
wait_log "warning FETCH: $URL: the server's body \(642 bytes\) is not a valid district \(1 error, the first at 22:21"
# a district of no buildings (a broken export upstream) is no new version: the copy stays
printf '{"type":"FeatureCollection","features":[]}\n' >"$tmp/empty.geojson"
mode ok "$tmp/empty.geojson"
wait_log "warning FETCH: $URL: the server's body \([0-9]+ bytes\) is a district with no buildings"
alive "through the failures"
# the new version: back, and taken
mode ok "$tmp/new.geojson"
wait_log "info FETCH: $URL: back: a new district: 33 buildings in [0-9]+ bytes, ETag \"[0-9a-f]+\" \(it had failed since [0-9-]+ [0-9:]+ UTC\)"
wait_log "info RELOAD: reloaded $URL: 33 buildings"
# the server vanishes
stop_server
wait_log "warning FETCH: $URL: the server cannot be reached \(.*\): expected it to accept connections: keeping the copy of"
sleep 11 # two more polls against nothing: said once
alive "with the server gone"
stop_kiosk
cp "$log" "$tmp/run1.log"
count run1.log "warning FETCH: .*503 Service Unavailable" 1
count run1.log "warning FETCH: .*cannot be reached" 1
count run1.log "info RELOAD: reloaded " 1 # only the new version: not the 304s, not the same bytes
expect_not run1.log "out of service|error LOAD|RELOAD: reload of"
if cmp -s "$tmp/cache/louyu/"*.geojson "$tmp/new.geojson"; then ok; else bad "the kiosk's copy is not the new version"; fi

# a kiosk that starts while its server is down starts from the copy, and says so
rm -f "$log"
start_kiosk
wait_log "warning FETCH: starting offline: $URL: the server cannot be reached .*: keeping the copy of [0-9-]+ [0-9:]+ UTC"
wait_log "info APP: \[$URL\] 33 buildings"
start_server "$port"
mode ok "$tmp/new.geojson"
wait_log "info FETCH: $URL: back: not modified \(304\) \(it had failed since [0-9-]+ [0-9:]+ UTC\)"
alive "after starting offline"
stop_kiosk
cp "$log" "$tmp/run2.log"
expect_not run2.log "out of service|error LOAD|RELOAD: re"

# a kiosk told to stop while a poll waits on a silent server stops at once
rm -f "$log"
LOUYU_FETCH_TIMEOUT_S=60 start_kiosk
wait_log "info APP: \[$URL\] 33 buildings"
mode slow 30 "$ZS"
sleep 6.5 # the first poll is under way
t0=$(date +%s)
stop_kiosk
[ $(($(date +%s) - t0)) -le 3 ] && ok || bad "the kiosk took $(($(date +%s) - t0)) s to stop during a poll"

# the desktop viewer told to stop while its first open waits on a silent server ends at
# once (it had gone on running, with no district, until a second signal)
mode slow 30 "$ZS"
LOUYU_FETCH_TIMEOUT_S=60 "$LOUYU" view "$URL" --size 320x240 >/dev/null 2>&1 &
viewer_pid=$!
sleep 1.5
t0=$(date +%s)
kill -TERM "$viewer_pid"
( sleep 10; kill -KILL "$viewer_pid" 2>/dev/null ) &
guard=$!
wait "$viewer_pid"
rc=$?
kill "$guard" 2>/dev/null
[ "$rc" -eq 0 ] && [ $(($(date +%s) - t0)) -le 3 ] && ok ||
  bad "the viewer stopped during its first open with $rc after $(($(date +%s) - t0)) s"

finish
