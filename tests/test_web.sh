#!/usr/bin/env bash
# The browser build end to end: scripts/web.sh builds it (emscripten) into a site folder,
# the download stays within the issue's 3 MB (gzip) for the district, louyu publish --web
# puts it on the portal (html-validate checks those pages), and test_web.py drives both in
# headless chromium. Env: SRC (the source tree), OUT (a folder for the sites and the
# screenshots), LOUYU, STORE (the bundled store), HTML_VALIDATE.
set -euo pipefail
: "${SRC:?}" "${OUT:?}" "${LOUYU:?}" "${STORE:?}" "${HTML_VALIDATE:?}"
site=$OUT/web-site
rm -rf "$site"
bash "$SRC/scripts/web.sh" "$site" >"$OUT/web-build.log" 2>&1 || {
  tail -40 "$OUT/web-build.log"
  echo "FAIL: scripts/web.sh"
  exit 1
}
# the site is public: the district's cameras (operators' alone) are not in its data
if grep -q '"camera"' "$site/district.geojson"; then
  echo "FAIL: the web site's district.geojson holds the cameras"
  exit 1
fi
grep -q '"kind"' "$site/district.geojson" || { echo "FAIL: the web site's district.geojson has no features"; exit 1; }
total=0
for f in louyu.wasm louyu.js louyu-map.js index.html page.js louyu-map.css font.json \
  louyu-font.otf district.geojson; do
  n=$(gzip -9c "$site/$f" | wc -c)
  printf '  %-20s %9d bytes gzip\n' "$f" "$n"
  total=$((total + n))
done
echo "  the district's download: $total bytes gzip"
if [ "$total" -gt 3000000 ]; then
  echo "FAIL: the download is over 3 MB (gzip)"
  exit 1
fi
# every character the map's own code writes on screen is in the fonts made for it (the
# help's zoom keys, "+  −", had shown a box: U+2212 was in no subset)
# (Debian's python, whose fonttools made the fonts, where another comes first on PATH)
py3=python3
[ -x /usr/bin/python3 ] && py3=/usr/bin/python3
"$py3" - "$SRC" "$site" <<'PY' || { echo "FAIL: characters the map draws are not in its fonts"; exit 1; }
import glob, re, sys
from fontTools.ttLib import TTFont
src, site = sys.argv[1], sys.argv[2]
have = set()
for f in ("louyu-font.otf", "louyu-font-wide.otf"):
    try:
        have |= set(TTFont(f"{site}/{f}").getBestCmap())
    except FileNotFoundError:
        pass
want = {}
for path in glob.glob(f"{src}/src/app/*.c") + glob.glob(f"{src}/src/app/views/*.c"):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", open(path, encoding="utf-8").read(), flags=re.S)
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', code):
        for ch in lit:
            if ord(ch) > 127 and ord(ch) not in have:
                want.setdefault(ch, path)
for ch, path in want.items():
    print(f"  U+{ord(ch):04X} {ch} ({path}) is in no font of the site")
sys.exit(1 if want else 0)
PY
portal=$OUT/web-portal
rm -rf "$portal"
# (publish opens a GL context for its renders: no leak check, as in test_publish.sh: the
# driver's own allocations are not louyu's)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 SDL_VIDEODRIVER=offscreen \
  "$LOUYU" publish "$STORE" "$portal" --web "$site" >/dev/null
for f in embed.js louyu.wasm louyu-font.otf; do
  cmp -s "$site/$f" "$portal/map/$f" || { echo "FAIL: publish --web did not copy $f"; exit 1; }
done
grep -q 'id="louyu-canvas"' "$portal/zh/index.html" || { echo "FAIL: no map on the district page"; exit 1; }
"$HTML_VALIDATE" --config "$SRC/tests/htmlvalidate.json" "$portal"/zh/index.html "$portal"/en/index.html \
  "$portal"/zh/b/*.html "$site/index.html" || { echo "FAIL: html-validate"; exit 1; }
python3 "$SRC/tests/test_web.py" "$site" "$OUT/web-shots" "$portal"
