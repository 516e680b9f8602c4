#!/usr/bin/env bash
# What start-up keeps between runs, end to end: the programs' binaries and the
# remembered font. A second run takes them and draws the very same picture; a
# damaged, stale or missing binary, or a remembered font that is gone, only means
# doing the work again (same picture, no error) and keeping the new result.
# Needs LOUYU (the binary) and SRC; SDL_VIDEODRIVER=offscreen.
set -u
. "$(dirname "$0")/lib.sh"
export XDG_CACHE_HOME="$tmp/cache"
bins="$XDG_CACHE_HOME/louyu/programs"
memo="$XDG_CACHE_HOME/louyu/font-match"

# shot NAME: a small shot of the bundled district into $tmp/NAME.png, its log in $tmp/NAME.log
shot() {
  "$LOUYU" --verbose shot "$SRC/data/zhanshan.geojson" --size 320x240 --out "$tmp/$1.png" \
    >/dev/null 2>"$tmp/$1.log"
  local rc=$?
  if [ "$rc" -eq 3 ]; then
    echo "SKIP: no OpenGL 3.3 context can be made here"
    exit 77
  fi
  if [ "$rc" -eq 0 ]; then ok; else
    bad "shot $1 exited $rc"
    tail -5 "$tmp/$1.log"
  fi
}
# kept NAME N: the log of shot NAME says N programs came from their kept binaries
kept() {
  local got
  got=$(grep -c 'from its kept binary' "$tmp/$1.log")
  if [ "$got" -eq "$2" ]; then ok; else bad "shot $1: $got programs from kept binaries, expected $2"; fi
}
# same NAME: shot NAME drew the very picture of the first shot
same() {
  if cmp -s "$tmp/first.png" "$tmp/$1.png"; then ok; else bad "shot $1 differs from the first"; fi
}
# remembered NAME yes|no: whether shot NAME took the remembered font (else it
# asked fontconfig)
remembered() {
  local got=yes
  grep -q "FONT: .*fontconfig's answer" "$tmp/$1.log" && got=no
  if [ "$got" = "$2" ]; then ok; else bad "shot $1: font remembered: $got, expected $2"; fi
}

# nothing kept yet: everything is made, then kept
shot first
kept first 0
remembered first no
n=$(ls "$bins"/*.bin 2>/dev/null | wc -l)
if [ "$n" -ge 1 ]; then
  if [ -s "$memo" ]; then ok; else bad "no remembered font in $memo"; fi
  # the second run takes all of it, and draws the same picture
  shot second
  kept second "$n"
  remembered second yes
  same second

  # a damaged binary (its bytes, its length) and one made for other sources
  # (another key) are compiled again, and replaced by good ones
  b=$(ls "$bins"/*.bin | head -1)
  c=$(ls "$bins"/*.bin | sed -n 2p)
  head -c 100 "$b" >"$tmp/cut" && cat "$tmp/cut" >"$b"
  printf 'XXXXXXXX' | dd of="$c" bs=1 seek=8 conv=notrunc 2>/dev/null
  shot damaged
  kept damaged $((n - 2))
  same damaged
  if [ "$(stat -c %s "$b")" -gt 100 ]; then ok; else bad "$b was not replaced"; fi
  shot mended
  kept mended "$n"
  same mended
  # the binary's body spoiled, its header intact: the driver refuses it, and it
  # is compiled again
  size=$(stat -c %s "$b")
  head -c 20 "$b" >"$tmp/spoilt" && head -c $((size - 20)) /dev/zero >>"$tmp/spoilt"
  cat "$tmp/spoilt" >"$b"
  shot spoilt
  kept spoilt $((n - 1))
  same spoilt
else
  echo "(this driver gives no program binaries: only the font is kept)"
  shot second
  remembered second yes
  same second
fi

# a remembered font that has gone: fontconfig is asked again, same picture
sed "s|\t/[^\t]*\$|\t$tmp/gone.ttc|" "$memo" >"$tmp/memo" && cat "$tmp/memo" >"$memo"
grep -q "$tmp/gone.ttc" "$memo" && ok || bad "the memo was not redirected"
shot gone
remembered gone no
same gone
if grep -q "$tmp/gone.ttc" "$memo"; then bad "the memo still names the gone font"; else ok; fi

# a district outside China, its names given as both name and name_en: the selection's label
# is the same picture whether the scene was built from the file or mapped from the scene
# cache (it had said the name twice when built, once when mapped: the cache keeps the two
# equal strings as one, and the labels had compared the names' pointers)
printf '{"type":"FeatureCollection","louyu":{"schema":1,"district":{"name":"Haight","name_en":"Haight"},"data_date":"2024-03-15"},"features":[{"type":"Feature","id":"ht","properties":{"kind":"building","name":"Haight Tower","name_en":"Haight Tower","height_m":16,"floors":5},"geometry":{"type":"Polygon","coordinates":[[[-122.45,37.77],[-122.4495,37.77],[-122.4495,37.7704],[-122.45,37.7704],[-122.45,37.77]]]}}]}\n' >"$tmp/same.geojson"
named() { # named NAME [--no-cache]: the shot of that district, its building selected
  "$LOUYU" shot "$tmp/same.geojson" --size 800x600 --lang en --select ht "${@:2}" \
    --out "$tmp/$1.png" >/dev/null 2>&1 && ok || bad "shot $1 of same.geojson failed"
}
named built --no-cache
named cold
named warm
if cmp -s "$tmp/built.png" "$tmp/warm.png"; then ok; else
  bad "same.geojson: the shot from the scene cache differs from the one built from the file"
fi

finish
