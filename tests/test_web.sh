#!/usr/bin/env bash
# The browser build end to end: scripts/web.sh builds it (emscripten) into a site folder,
# the download stays within the 3 MB (gzip) for the district, and test_web.py
# drives the site in headless chromium. Env: SRC (the source tree), OUT (a folder for
# the site and the screenshots).
set -euo pipefail
: "${SRC:?}" "${OUT:?}"
site=$OUT/web-site
rm -rf "$site"
bash "$SRC/scripts/web.sh" "$site" >"$OUT/web-build.log" 2>&1 || {
  tail -40 "$OUT/web-build.log"
  echo "FAIL: scripts/web.sh"
  exit 1
}
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
python3 "$SRC/tests/test_web.py" "$site" "$OUT/web-shots"
