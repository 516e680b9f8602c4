#!/usr/bin/env bash
# louyu publish into a site that holds files of the user's (a store put there for kiosks
# to fetch, an operator's notes): a publish again keeps every file it did not write (it
# had deleted them, exit 0), drops only its own that it no longer writes, and refuses,
# naming it, a file of the user's where it writes one of its own. Needs LOUYU, SRC, STORE.
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC") STORE=$(realpath "$STORE")
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 # (a GL context, as test_render)

digest() { (cd "$1" && find . | sort | while read -r f; do
  if [ -f "$f" ]; then echo "$f $(sha256sum <"$f")"; else echo "$f"; fi; done | sha256sum | cut -c1-16); }
src=$SRC/data/zhanshan.geojson site=$tmp/site

run 0 publish "$src" "$site"
check 'grep -qx "index.html" "$site/.louyu-publish" && grep -qx "en/b/wtc.html" "$site/.louyu-publish"' \
  "the marker does not list the files publish wrote: $(head -3 "$site/.louyu-publish")"
# the user's: a store beside the portal, notes, an empty folder, a link
cp "$STORE" "$site/data/zhanshan.gpkg"
echo "kiosk notes" >"$site/README-ops.txt"
mkdir "$site/uploads"
ln -s data/district.geojson "$site/latest.geojson"
run 0 publish "$src" "$site"
check 'cmp -s "$STORE" "$site/data/zhanshan.gpkg"' "the store in the site was not kept"
check '[ "$(cat "$site/README-ops.txt")" = "kiosk notes" ] && [ -d "$site/uploads" ] && [ "$(readlink "$site/latest.geojson")" = data/district.geojson ]' \
  "the user's notes, folder or link were not kept: $(ls -a "$site" | tr '\n' ' ')"
expect out "kept 4 files louyu publish did not write: README-ops.txt, data/zhanshan.gpkg, latest.geojson, uploads/"
check '! grep -q "zhanshan.gpkg\|README-ops" "$site/.louyu-publish"' "the marker lists the user's files as publish's"
# publish's own files that it no longer writes go (English only: no zh/), the user's stay
run 0 publish "$src" "$site" --lang en
check '[ ! -e "$site/zh" ] && [ -s "$site/en/index.html" ] && cmp -s "$STORE" "$site/data/zhanshan.gpkg"' \
  "--lang en: zh/ stayed or the store went: $(ls "$site" | tr '\n' ' ')"
# a file of the user's where publish writes one (a sitemap of their own): refused, named,
# and nothing changed
echo "<urlset/>" >"$site/sitemap.xml"
before=$(digest "$site")
run 2 publish "$src" "$site" --lang en --base-url https://example.org/space/
expect err "did not write where it writes its own.*: sitemap.xml$"
check '[ "$(digest "$site")" = "$before" ] && [ "$(cat "$site/sitemap.xml")" = "<urlset/>" ]' "a refused publish changed the site"
check '[ -z "$(ls -a "$tmp" | grep -E "publishing|renders")" ]' "a refused publish left its stage behind"
rm "$site/sitemap.xml"
# a site an older louyu published (its marker lists no files): publish's files are the
# ones it writes again; every other file is kept
printf 'louyu publish: this folder is a site louyu made and may replace\n' >"$site/.louyu-publish"
run 0 publish "$src" "$site"
check 'cmp -s "$STORE" "$site/data/zhanshan.gpkg" && [ -s "$site/zh/index.html" ] && grep -qx "zh/index.html" "$site/.louyu-publish"' \
  "a site of an older louyu: $(cat "$tmp/out" "$tmp/err")"
finish
