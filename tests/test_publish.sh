#!/usr/bin/env bash
# louyu publish end to end: the whole site from the bundled store; re-publishing after
# one building changed rewrites only what changed; a publish killed at any moment
# leaves the published folder exactly as it was (or, once done, exactly the new site);
# a folder that is not a published site is never touched; hostile names come out as
# text everywhere; then the site in a real browser (tests/test_portal.py) and
# html-validate. Needs LOUYU, SRC, STORE (the bundled store) and HTML_VALIDATE.
set -u
LOUYU=$(realpath "$LOUYU") SRC=$(realpath "$SRC") STORE=$(realpath "$STORE")
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 # (a GL context, as test_render)

# digest DIR: every file's path and bytes
digest() { (cd "$1" && find . -type f ! -name '.*.tmp' | sort | xargs sha256sum | sha256sum | cut -c1-16); }
# inodes DIR: "path inode" per file
inodes() { (cd "$1" && find . -type f -printf '%p %i\n' | sort); }

# ---- the bundled store, whole --------------------------------------------------------
site=$tmp/site
"$LOUYU" publish "$STORE" "$site" --base-url http://127.0.0.1:8000/portal >"$tmp/out" 2>&1
rc=$?
check '[ $rc = 0 ]' "publish failed: $(cat "$tmp/out")"
for f in index.html zh/index.html en/index.html zh/b/wtc.html en/b/wtc.html assets/site.css \
  assets/site.js assets/icon.svg data/district.geojson data/listings.json data/listings.csv zh/feed.atom \
  en/feed.atom sitemap.xml; do
  check '[ -s "$site/$f" ]' "the site has no $f"
done
# every page names the site's icon (a browser had asked each page for a /favicon.ico that was
# not there), and the icon is an SVG picture
check '[ -z "$(grep -L "<link rel=\"icon\" href=\"[./]*assets/icon.svg\" type=\"image/svg+xml\">" $(find "$site" -name "*.html"))" ]' \
  "pages without the icon: $(grep -L 'rel="icon"' $(find "$site" -name "*.html") | head -3)"
check 'python3 -c "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(d.documentElement.tagName != \"svg\")" "$site/assets/icon.svg"' \
  "assets/icon.svg is not an SVG picture"
# data/listings.csv as a planner's spreadsheet reads it: a byte-order mark, as the export's
# CSV (Excel on Chinese Windows had read it as GBK, every name garbled); one row per floor,
# so that its area_m2 adds up to the district's vacant area (the stretches' rows beside the
# floors' had made 352,415 m² of 227,332), no "6-7" cell Excel makes a date of; each of
# listings.json's stretches in its floors' stretch columns, with its area
"$LOUYU" stats "$STORE" --json >"$tmp/stats.json"
check '[ "$(head -c 3 "$site/data/listings.csv" | od -An -tx1 | tr -d " ")" = efbbbf ]' "data/listings.csv has no UTF-8 byte-order mark"
python3 - "$site/data/listings.csv" "$site/data/listings.json" "$tmp/stats.json" >"$tmp/py" 2>&1 <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
js = json.load(open(sys.argv[2]))
vacant = json.load(open(sys.argv[3]))["vacant_m2"]
assert abs(sum(float(r["area_m2"]) for r in rows) - vacant) < 0.5, (sum(float(r["area_m2"]) for r in rows), vacant)
assert all(r["floors"].isdigit() and r["floors"] == r["floor_from"] == r["floor_to"] for r in rows), \
    [r["floors"] for r in rows if not r["floors"].isdigit()][:5]
singles = [(x["building"], x["floor_from"], x["area_m2"]) for x in js if not x["run"]]
assert singles == [(r["building"], int(r["floor_from"]), float(r["area_m2"])) for r in rows], len(singles)
stretches = {(r["building"], int(r["stretch_from"]), int(r["stretch_to"])): float(r["stretch_area_m2"])
             for r in rows if r["stretch_from"] != r["stretch_to"]}
runs = {(x["building"], x["floor_from"], x["floor_to"]): x["area_m2"] for x in js if x["run"]}
assert runs and stretches == runs, (len(runs), len(stretches))
for r in rows:
    assert int(r["stretch_from"]) <= int(r["floor_from"]) <= int(r["stretch_to"]), r
    if r["stretch_from"] == r["stretch_to"]:
        assert r["stretch_area_m2"] == r["area_m2"], r
print("ok")
PY
check 'grep -qx ok "$tmp/py"' "data/listings.csv in a spreadsheet: $(cat "$tmp/py")"
# with --base-url, the other language's page as a full URL (search engines ignore a relative
# hreflang) and the page's feed announced in its head
check 'grep -q "<link rel=\"alternate\" hreflang=\"en\" href=\"http://127.0.0.1:8000/portal/en/b/wtc.html\">" "$site/zh/b/wtc.html" && grep -q "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"[^\"]*\" href=\"http://127.0.0.1:8000/portal/zh/feed.atom\">" "$site/zh/b/wtc.html"' \
  "zh/b/wtc.html's alternates: $(grep '<link rel="alternate"' "$site/zh/b/wtc.html")"
check '[ "$(ls "$site/zh/b" | wc -l)" = 33 ] && [ "$(ls "$site/en/b" | wc -l)" = 33 ]' "not a page per building in each language"
# (a hero, 3 views per building and a plan per building with floor records: 6 have none)
check '[ "$(ls "$site/img" | wc -l)" = 127 ]' "not 127 renders: $(ls "$site/img" | wc -l)"
check '! grep -q "Stacking plan" "$site/en/b/crcc-center.html"' "a plan for a building without floor records"
check '[ "$(stat -c %s "$site/zh/index.html")" -lt 512000 ]' "the district page is over 500 KB"
# each building's stacking plan whole in the middle of its picture, as its views are (they had
# been slid to the left edge, clear of a card a picture does not have, and aimed at the roof,
# the lowest floors cut off): the columns holding its slabs' colours (saturated: orange vacant,
# blue let) centred within a fifth of the width, and none in the top or bottom row
for b in wtc sample-24 hisense petroleum sample-29; do
  img=$(grep -o 'src="../../img/[^"]*" alt="Stacking plan' "$site/en/b/$b.html" | sed 's|src="../../||;s|" alt.*||')
  got=$(convert "$site/$img" -resize 64x42! txt:- | awk -F'[(,:)]' '
    NR > 1 { r = $4; g = $5; b = $6; hi = r > g ? (r > b ? r : b) : (g > b ? g : b)
             lo = r < g ? (r < b ? r : b) : (g < b ? g : b)
             if (hi - lo > 60) { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1
                                 if (top == "" || $2 < top) top = $2; if ($2 > low) low = $2 } }
    END { printf "%d %d %d", min == "" ? -999 : 100 * (min + max) / 2 / 63, top, low }')
  read -r mid top low <<<"$got"
  check '[ "$mid" -ge 30 ] && [ "$mid" -le 70 ]' "$b's stacking plan is not in the middle: its centre $mid % from the left"
  check '[ "$top" -gt 0 ] && [ "$low" -lt 41 ]' "$b's stacking plan is cut off: its slabs from row $top to $low of 0-41"
done
# the metro station opened after the data's date is there, with its year (it had been left
# out and the page said there was none within 1.5 km, 47 m from it), at the walk `louyu
# nearby` gives (the page had measured a straight line from the building's middle)
# (a number and its unit joined by a no-break space, U+00A0: on a phone "m" had wrapped alone)
nb=$(printf '\302\240')
check 'grep -q "Metro Line 3) · 2${nb}min walk · 122${nb}m (opened 2016)" "$site/en/b/sample-20.html" && "$LOUYU" nearby "$STORE" sample-20 | grep -q "2 min     122 m  Metro station"' \
  "sample-20's page: $(grep -o "Metro station</dt><dd>[^/]*" "$site/en/b/sample-20.html")"
# the Chinese pages in their own words: the same metro station 开通 in 2016; the height in 米;
# the stacking plan 楼层租控图 (it had been 楼层图, and its table 各楼层空置); a space's date
# as the week above the table writes one (2011年5月29日, not 2011-05-29)
check 'grep -q "步行 2${nb}分钟 · 122${nb}米（2016${nb}年开通）" "$site/zh/b/sample-20.html"' \
  "sample-20's Chinese page: $(grep -o "122 [^<]*" "$site/zh/b/sample-20.html")"
check 'grep -q "<dd>110 米 · 28 层</dd>" "$site/zh/b/hisense.html" && grep -q "<dd>110 m · 28 floors</dd>" "$site/en/b/hisense.html"' \
  "hisense's height: $(grep -o "<dd>[0-9]* [^<]*层</dd>" "$site/zh/b/hisense.html")"
# heights to a tenth where not whole, as the card gives them (Qingdao Agora's 238.3 m and the
# China Railway centre's 237.7 m had both read "238 m")
check 'grep -q "<dd>238.3 m · 52 floors</dd>" "$site/en/b/agora.html" && grep -q "<dd>237.7 米 · 56 层</dd>" "$site/zh/b/crcc-center.html"' \
  "the towers' heights: $(grep -ho "<dd>23[0-9.]* [^<]*</dd>" "$site/en/b/agora.html" "$site/zh/b/crcc-center.html" | tr '\n' ' ')"
check 'grep -q "<dd>1998 年建成</dd>" "$site/zh/b/hisense.html" && grep -q "<dd>Completed · 1998</dd>" "$site/en/b/hisense.html"' \
  "hisense's status (as its card says it): $(grep -o "<dd>[^<]*1998[^<]*</dd>" "$site/zh/b/hisense.html")"
check 'grep -q ">楼层租控图</h2>" "$site/zh/b/hisense.html" && grep -q "alt=\"海信大厦的楼层租控图" "$site/zh/b/hisense.html" && grep -q ">各楼层租赁情况<" "$site/zh/b/hisense.html" && ! grep -rqE "楼层图|各楼层空置" "$site/zh"' \
  "the stacking plan's Chinese name: $(grep -o "<h2[^>]*>[^<]*</h2>" "$site/zh/b/hisense.html" | tr '\n' ' ')"
check 'grep -qE "<td>20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日</td>" "$site/zh/index.html" && ! grep -qE "<td>20[0-9]{2}-[0-9]{2}-[0-9]{2}</td>" "$site/zh/index.html" && grep -qE "<td>[0-9]{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20[0-9]{2}</td>" "$site/en/index.html" && ! grep -qE "<td>(20[0-9]{2}-[0-9]{2}-[0-9]{2}|–)</td>" "$site/en/index.html"' \
  "the Chinese listing's dates: $(grep -oE "<td>20[0-9][^<]*</td>" "$site/zh/index.html" | head -2 | tr '\n' ' ')"
check 'grep -q "<loc>http://127.0.0.1:8000/portal/en/b/wtc.html</loc>" "$site/sitemap.xml"' "the sitemap's addresses"
# (but the alternates, which name the pages' own full addresses)
check '! grep -rhE "(src|href)=\"(https?:)?//" "$site" --include=*.html | grep -v "^<link rel=\"alternate\"" | grep -q .' "a page loads something from elsewhere"
# the district file kiosks read: the store's latest week, a valid district
check '"$LOUYU" validate "$site/data/district.geojson" >/dev/null' "data/district.geojson is not a valid district"
check 'diff <("$LOUYU" stats "$site/data/district.geojson" --json) <("$LOUYU" stats "$SRC/data/zhanshan.geojson" --json) >/dev/null' "data/district.geojson is not the latest week"
# the feed: space that came free in 2011-W17 against W16
check 'grep -q "<entry>" "$site/en/feed.atom" && grep -q "came free" "$site/en/feed.atom"' "the feed has no entries"

# ---- the browser, html-validate -------------------------------------------------------
python3 "$SRC/tests/test_portal.py" "$site" >"$tmp/portal" 2>&1
rc=$?
tail -3 "$tmp/portal"
check '[ $rc = 0 ]' "the portal in the browser: $(grep FAIL "$tmp/portal" | head -5)"

# ---- a city's lists over pages (--per-page): 178 single floors, 33 buildings, 15 a page ----
# every page and part written and in the sitemap; in the browser (test_portal.py) the pages
# hold every floor and building once, and the filters and sorting cover all of them
paged=$tmp/paged
"$LOUYU" publish "$STORE" "$paged" --per-page 15 --base-url http://127.0.0.1:8000/portal >"$tmp/out" 2>&1
check '[ $? = 0 ]' "publish --per-page 15 failed: $(cat "$tmp/out")"
for f in en/spaces-2.html en/spaces-12.html zh/spaces-12.html en/buildings-3.html \
  zh/buildings-3.html; do
  check '[ -s "$paged/$f" ]' "the paged site has no $f"
done
for f in en/spaces-13.html en/buildings-4.html; do
  check '[ ! -e "$paged/$f" ]' "the paged site has $f: more pages than its lists fill"
done
# the parts, named by a hash of what they hold (four per language: 219 spaces, 60 a part)
parts=$(ls "$paged/data" | grep -E '^spaces-(en|zh)-[0-9a-f]{16}-[1-4]\.js$' | wc -l)
check '[ "$parts" = 8 ] && [ "$(ls "$paged/data" | grep -c "^spaces-")" = 8 ]' \
  "not four parts a language: $(ls "$paged/data" | grep "^spaces-" | tr '\n' ' ')"
# a page near the ends shows its neighbours rather than a gap of one page ("1 ... 3")
check 'grep -q "href=\"spaces-2.html\">2</a>" "$paged/en/spaces-5.html" && [ "$(grep -c "class=\"gap\"" "$paged/en/spaces-5.html")" = 1 ]' \
  "page 5 of 12 hides page 2 behind a gap: $(grep -o "<li[^>]*>[^<]*<[^>]*>[^<]*" "$paged/en/spaces-5.html" | tr '\n' ' ')"
# published again with other data (one floor's vacancy): the parts get new names (a page
# open meanwhile, or a browser's cached part, never mixes two listings); the same data, the
# same names
keyof() { grep -o 'data-part="../data/spaces-en-[0-9a-f]*-' "$1/en/index.html"; }
python3 - "$SRC/data/zhanshan.geojson" "$tmp/paged.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
wtc = next(f for f in d["features"] if f.get("id") == "wtc")
wtc["properties"]["floor_records"][-1]["vacant_m2"] += 1
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$LOUYU" publish "$SRC/data/zhanshan.geojson" "$tmp/paged1" --per-page 15 >/dev/null 2>&1
"$LOUYU" publish "$SRC/data/zhanshan.geojson" "$tmp/paged1b" --per-page 15 >/dev/null 2>&1
"$LOUYU" publish "$tmp/paged.geojson" "$tmp/paged2" --per-page 15 >/dev/null 2>&1
check '[ -n "$(keyof "$tmp/paged1")" ] && [ "$(keyof "$tmp/paged1")" = "$(keyof "$tmp/paged1b")" ] && [ "$(keyof "$tmp/paged1")" != "$(keyof "$tmp/paged2")" ]' \
  "the parts' names: $(keyof "$tmp/paged1"), the same data again $(keyof "$tmp/paged1b"), one floor changed $(keyof "$tmp/paged2")"
check '[ "$(grep -c "spaces-\|buildings-" "$paged/sitemap.xml")" = 26 ]' \
  "the sitemap does not list the 22 listing and 4 building pages: $(grep -c "spaces-\|buildings-" "$paged/sitemap.xml")"
check '"$LOUYU" publish "$STORE" "$tmp/p0" --per-page 0 2>&1 | grep -q "per-page"' \
  "--per-page 0 is not refused"
python3 "$SRC/tests/test_portal.py" "$paged" >"$tmp/portal" 2>&1
rc=$?
tail -1 "$tmp/portal"
check '[ $rc = 0 ]' "the paged portal in the browser: $(grep FAIL "$tmp/portal" | head -5)"

# ---- re-publishing after one building changed: only what changed --------------------
base=$tmp/base.geojson changed=$tmp/changed.geojson
cp "$SRC/data/zhanshan.geojson" "$base"
python3 - "$base" "$changed" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["features"]:
    if f["properties"].get("kind") == "building" and f.get("id", f["properties"].get("id")) == "wtc":
        for r in f["properties"]["floor_records"]:
            if r["floor"] == 20:
                r["vacant_m2"] = 1500  # floor 20 of wtc comes free
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
site2=$tmp/site2
"$LOUYU" publish "$base" "$site2" >/dev/null 2>&1
before=$(inodes "$site2")
t0=$(date +%s%N)
"$LOUYU" publish "$changed" "$site2" >"$tmp/out" 2>&1
t1=$(date +%s%N)
echo "re-publish after one building changed: $(((t1 - t0) / 1000000)) ms: $(cat "$tmp/out")"
after=$(inodes "$site2")
changed_files=$(comm -13 <(echo "$before") <(echo "$after") | cut -d' ' -f1 | tr '\n' ' ')
n=$(echo "$changed_files" | wc -w)
check 'grep -q "; 1 render drawn, 126 reused" "$tmp/out"' "re-publishing drew more than the changed plan: $(cat "$tmp/out")"
check '[ "$n" -le 10 ]' "re-publishing rewrote $n files: $changed_files"
for f in ./zh/b/wtc.html ./en/b/wtc.html ./zh/index.html ./data/listings.json; do
  check 'echo "$changed_files" | grep -q "$f "' "$f was not rewritten"
done
check '! echo "$changed_files" | grep -q "hisense.html"' "an unchanged building's page was rewritten"

# ---- killed at any moment: the folder as it was, or the new site whole ---------------
old=$(digest "$site2")
"$LOUYU" publish "$base" "$tmp/fresh" >/dev/null 2>&1
new=$(digest "$tmp/fresh")
for t in 0.1 0.3 0.5 0.8 1.2; do
  "$LOUYU" publish "$base" "$site2" >/dev/null 2>&1 &
  sleep "$t"
  kill -9 $! 2>/dev/null
  wait $! 2>/dev/null
  now=$(digest "$site2")
  check '[ "$now" = "$old" ] || [ "$now" = "$new" ]' "a publish killed at ${t}s left a mixture in the folder"
  old=$now
done
check '"$LOUYU" publish "$base" "$site2" >/dev/null 2>&1 && [ "$(digest "$site2")" = "$new" ]' "a publish after the kills does not give the whole site"
check '[ -z "$(ls -a "$tmp" | grep publishing)" ]' "a staging folder is left behind"

# ---- a killed publish's renders are taken again, not drawn again (a city's took hours,
# and a run killed at its job's time limit started from nothing every time) ------------
mkdir -p "$tmp/.resumed.publishing/img"
cp "$tmp/fresh/img/"*.jpg "$tmp/.resumed.publishing/img/"
# (two of them cut short and emptied, as a disk that filled up might leave them: drawn again)
set -- "$tmp/.resumed.publishing/img/"*.jpg
truncate -s 100 "$1"
: >"$2"
"$LOUYU" publish "$base" "$tmp/resumed" >"$tmp/out" 2>"$tmp/err"
check 'grep -q " 2 renders drawn, 125 reused" "$tmp/out" && grep -q "taken again" "$tmp/err"' \
  "a killed publish's renders were not taken again: $(cat "$tmp/out" "$tmp/err")"
check '[ "$(digest "$tmp/resumed")" = "$new" ]' "the site from a killed publish's renders differs"
check '[ -z "$(ls -a "$tmp" | grep -E "publishing|renders")" ]' "a killed publish's renders are left behind"

# ---- a folder that is not a published site is never touched --------------------------
mkdir -p "$tmp/mine" && echo keep >"$tmp/mine/notes.txt"
"$LOUYU" publish "$base" "$tmp/mine" >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && grep -q "is not a site louyu published" "$tmp/err"' "publish into a foreign folder: $(cat "$tmp/err")"
check '[ "$(cat "$tmp/mine/notes.txt")" = keep ] && [ "$(ls "$tmp/mine")" = notes.txt ]' "a foreign folder was changed"
# the current folder (or one holding it) cannot be replaced whole: said first, not after
# the renders as a rename's "Device or resource busy"; nor a --web folder without the map
for o in . site/. .. "$tmp"; do
  (mkdir -p "$tmp/cwd/site" && cd "$tmp/cwd" && "$LOUYU" publish "$base" "$o" >/dev/null 2>"$tmp/err")
  rc=$?
  check '[ $rc = 2 ] && grep -q "is the current folder or holds it" "$tmp/err"' "publish into $o: rc $rc, $(cat "$tmp/err")"
done
"$LOUYU" publish "$base" "$tmp/x" --web "$tmp/nowhere" >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && grep -q "no louyu.js there" "$tmp/err" && [ ! -e "$tmp/x" ]' "--web of a folder without the map: rc $rc, $(cat "$tmp/err")"
"$LOUYU" publish "$base" "$tmp/x" --lang fr >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ] && grep -q "wants zh, en or both" "$tmp/err"' "--lang fr: $(cat "$tmp/err")"
"$LOUYU" publish "$base" "$tmp/x" --base-url ftp://x >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 2 ]' "--base-url ftp://x was taken"
# an address every page's address is made from: a host, and nothing an address cannot hold
for u in 'http://' 'https://x.org/a b' 'https://x.org/"><b>' 'https://x.org/?p=' 'https://ü.org/'; do
  "$LOUYU" publish "$base" "$tmp/x" --base-url "$u" >/dev/null 2>"$tmp/err"
  rc=$?
  check '[ $rc = 2 ] && grep -q "wants the address the site is served at" "$tmp/err" && [ ! -e "$tmp/x" ]' \
    "--base-url '$u' was taken (exit $rc)"
done

# ---- hostile names: text everywhere -------------------------------------------------------
python3 - "$base" "$tmp/evil.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
b = [f for f in d["features"] if f["properties"].get("kind") == "building"]
b[0]["properties"]["name"] = "<script>alert(1)</script>"
b[1]["properties"]["name_en"] = "\"><img src=x onerror=alert(2)>"
b[2]["properties"]["name_en"] = "=HYPERLINK(\"http://evil\",\"x\")"
b[0]["properties"]["enterprises"][0]["name"] = "</td><script>alert(3)</script>"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$LOUYU" publish "$tmp/evil.geojson" "$tmp/evil" >/dev/null 2>&1
check '! grep -rq "<script>alert" "$tmp/evil" --include=*.html' "a name ran as a script"
check '! grep -rq "<img src=x" "$tmp/evil" --include=*.html' "a name became an image"
check 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$tmp/evil/zh/index.html"' "the hostile name is not shown as text"
check 'grep -q "\"'"'"'=HYPERLINK" "$tmp/evil/data/listings.csv"' "the CSV formula is not neutralised"
check 'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/evil/data/listings.json"' "the JSON does not parse"
python3 "$SRC/tests/test_portal.py" "$tmp/evil" >"$tmp/portal" 2>&1
rc=$?
check '[ $rc = 0 ]' "the hostile site in the browser: $(grep FAIL "$tmp/portal" | head -3)"

# ---- a district named only in English: an English site ----------------------------------
# (a San Francisco or Delft district had got Chinese pages first, around English names);
# --lang zh,en still asks for both
python3 - "$SRC/docs/example.geojson" "$tmp/en-only.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def english(p):
    for k in ("name", "address", "city"):
        if k + "_en" in p:
            p[k] = p[k + "_en"]
    for e in p.get("enterprises", []):
        english(e)
english(d["louyu"]["district"])
for f in d["features"]:
    english(f["properties"])
    for k in ("contact", "services"):
        if isinstance(f["properties"].get(k), dict):
            english(f["properties"][k])
text = json.dumps(d, ensure_ascii=False)
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$LOUYU" publish "$tmp/en-only.geojson" "$tmp/en-site" >"$tmp/out" 2>&1
check '[ -s "$tmp/en-site/en/index.html" ] && [ ! -e "$tmp/en-site/zh" ] && grep -q "<html lang=\"en\">" "$tmp/en-site/index.html"' \
  "an English-only district's site: $(ls "$tmp/en-site") $(grep -o '<html lang="[^"]*">' "$tmp/en-site/index.html") $(head -2 "$tmp/out")"
"$LOUYU" publish "$tmp/en-only.geojson" "$tmp/en-site2" --lang zh,en >/dev/null 2>&1
check '[ -s "$tmp/en-site2/zh/index.html" ] && [ -s "$tmp/en-site2/en/index.html" ]' "--lang zh,en for an English district"
check '[ -s "$tmp/evil/zh/index.html" ] && [ -s "$tmp/evil/en/index.html" ]' "a Chinese district's site is not in both languages"

# ---- the portal's district file is what a browser reads: UTF-8, in WGS 84 -----------------
# a district saved in GB18030 keeps all it says, as UTF-8; one in a projected system (a
# "crs") is written in longitude and latitude
iconv -f UTF-8 -t GB18030 "$base" >"$tmp/gbk.geojson"
ogr2ogr -f GeoJSON -t_srs EPSG:4547 "$tmp/proj.geojson" "$SRC/docs/example.geojson" 2>/dev/null
# (and so is `louyu export`'s GeoJSON, RFC 7946's: each keeps the file's own properties)
for src in gbk proj gbk-export proj-export; do
  if [ "${src%-export}" = "$src" ]; then
    "$LOUYU" publish "$tmp/$src.geojson" "$tmp/site-$src" >/dev/null 2>"$tmp/err"
    rc=$?
    out="$tmp/site-$src/data/district.geojson"
  else
    out="$tmp/$src.geojson"
    "$LOUYU" export "$tmp/${src%-export}.geojson" --out "$out" >/dev/null 2>"$tmp/err"
    rc=$?
  fi
  given="$SRC/docs/example.geojson"
  [ "${src#gbk}" = "$src" ] || given="$base"
  python3 - "$out" "${src%-export}" "$given" >"$tmp/v" 2>&1 <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
assert "crs" not in d, "a crs"
given = json.load(open(sys.argv[3], encoding="utf-8"))
props = lambda doc: sorted(json.dumps(f["properties"], sort_keys=True, ensure_ascii=False) for f in doc["features"] if f["properties"].get("kind") != "camera")
assert props(d) == props(given), "the properties changed"
pts = []
def walk(c):
    if isinstance(c, list) and c and isinstance(c[0], (int, float)):
        pts.append(c)
    elif isinstance(c, list):
        for x in c:
            walk(x)
for f in d["features"]:
    if f.get("geometry"):
        walk(f["geometry"]["coordinates"])
assert pts and all(-180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in pts), "not longitude, latitude"
if sys.argv[2] == "gbk":
    assert "louyu" in d and any("湛山" in json.dumps(f, ensure_ascii=False) for f in [d["louyu"]])
PY
  check '[ $rc = 0 ] && [ ! -s "$tmp/v" ]' "$src of a district: its GeoJSON: $(cat "$tmp/v" "$tmp/err" | tail -3)"
done
# a store made from the projected file keeps it so; its week's export is in WGS 84
"$LOUYU" convert "$tmp/proj.geojson" "$tmp/proj.gpkg" >/dev/null 2>&1
"$LOUYU" export "$tmp/proj.gpkg" --out "$tmp/proj-week.geojson" >/dev/null 2>"$tmp/err"
check 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=[f[\"geometry\"][\"coordinates\"][0][0] for f in d[\"features\"] if f[\"geometry\"] and f[\"geometry\"][\"type\"]==\"Polygon\"]; assert \"crs\" not in d and c and all(abs(p[0])<=180 and abs(p[1])<=90 for p in c)" "$tmp/proj-week.geojson"' \
  "a projected store's week is not in WGS 84: $(head -c 300 "$tmp/proj-week.geojson")"
# another tool's GeoPackage (GDAL's) is published as the district it is read as, not taken
# for a store (it had rendered every page, then failed with a sentence with no file name)
ogr2ogr -f GPKG "$tmp/gdal.gpkg" "$SRC/docs/example.geojson" 2>/dev/null
"$LOUYU" publish "$tmp/gdal.gpkg" "$tmp/site-gdal" >/dev/null 2>"$tmp/err"
rc=$?
check '[ $rc = 0 ] && [ -s "$tmp/site-gdal/data/district.geojson" ] && [ -s "$tmp/site-gdal/en/index.html" ]' \
  "another tool's GeoPackage is not published: exit $rc: $(tail -2 "$tmp/err")"

# a site made read-only (chmod a-w, by someone protecting it) is replaced, and its old copy
# removed: it had stayed beside it as .site.publishing, and every later publish failed over
# it. (As a user who owns the site: root may write anything, so the test runs as nobody.)
as_owner=
if [ "$(id -u)" = 0 ]; then as_owner="setpriv --reuid=65534 --regid=65534 --clear-groups"; fi
ro=$(mktemp -d /tmp/louyu-ro-XXXXXX)
chmod 755 "$ro" && mkdir "$ro/p" && cp "$STORE" "$ro/s.gpkg" && chmod a+r "$ro/s.gpkg"
[ -z "$as_owner" ] || chown 65534 "$ro/p"
$as_owner "$LOUYU" publish "$ro/s.gpkg" "$ro/p/site" >/dev/null 2>"$tmp/err"
chmod a-w "$ro/p/site"
$as_owner "$LOUYU" publish "$ro/s.gpkg" "$ro/p/site" >/dev/null 2>>"$tmp/err"
rc1=$?
$as_owner "$LOUYU" publish "$ro/s.gpkg" "$ro/p/site" >/dev/null 2>>"$tmp/err"
rc2=$?
check '[ $rc1 = 0 ] && [ $rc2 = 0 ] && [ ! -e "$ro/p/.site.publishing" ] && [ -s "$ro/p/site/index.html" ]' \
  "a read-only site: exits $rc1, $rc2; left: $(ls -a "$ro/p" | tr '\n' ' '); $(grep -v XDG "$tmp/err" | tail -2)"
chmod -R u+w "$ro" 2>/dev/null
rm -rf "$ro"

# ---- each space asks its own report row's rent ------------------------------------------
# wtc's report: floor 2 at 3.0, floor 4 at 9.5, floor 10 with none (to be agreed); the
# portal lists each at its own (it had put the building's lowest, 3.00, on all three)
cp "$STORE" "$tmp/rents.gpkg"
printf 'week,building,floors,vacant_m2,rent_cny_m2_day,available_from,contact,note\n2011-W18,wtc,2,2220,3.0,,a,\n2011-W18,wtc,4,1140,9.5,,a,\n2011-W18,wtc,10,880,,,a,\n' >"$tmp/w18.csv"
"$LOUYU" report import "$tmp/w18.csv" --db "$tmp/rents.gpkg" >/dev/null 2>"$tmp/err"
"$LOUYU" publish "$tmp/rents.gpkg" "$tmp/rents" >/dev/null 2>>"$tmp/err"
rents=$(grep '^wtc,' "$tmp/rents/data/listings.csv" | cut -d, -f4,8 | tr '\n' ' ')
check '[ "$rents" = "2,3.00 4,9.50 10, " ]' "wtc's spaces do not ask their rows' rents: $rents $(cat "$tmp/err")"
check 'python3 -c "import json,sys; r={x[\"floors\"]:x for x in json.load(open(sys.argv[1])) if x[\"building\"]==\"wtc\"}; assert r[\"10\"][\"rent_to_be_agreed\"] and r[\"10\"][\"rent_cny_m2_day\"] is None and not r[\"4\"][\"rent_to_be_agreed\"]" "$tmp/rents/data/listings.json"' \
  "the JSON does not say floor 10's rent is to be agreed"
check 'grep -q "Rent</dt><dd>3.00–9.50 CNY/m²/day · to be agreed" "$tmp/rents/en/b/wtc.html"' \
  "wtc's page does not give its rents' range: $(grep -o "Rent</dt><dd>[^<]*" "$tmp/rents/en/b/wtc.html")"
# and its floor table gives each floor with space its own (it had no rents)
check 'grep -Eq "<th scope=\"row\">4</th>(<td[^>]*>[^<]*</td>){3}<td class=\"num\">9.50</td>" "$tmp/rents/en/b/wtc.html" && grep -Eq "<th scope=\"row\">10</th>(<td[^>]*>[^<]*</td>){3}<td class=\"num\">to be agreed</td>" "$tmp/rents/en/b/wtc.html"' \
  "wtc's floor table: $(grep -Eo "<th scope=\"row\">(4|10)</th>.*</tr>" "$tmp/rents/en/b/wtc.html")"
# what kiosks read (data/district.geojson) keeps each floor's rent and what is to be agreed:
# a kiosk's finder offers what the store's does (it had offered all three at the building's
# 3.00), and the per-floor CSV asks the same rents
"$LOUYU" query "$tmp/rents.gpkg" --max-rent 5 --name "World Trade" --json >"$tmp/q-store.json" 2>>"$tmp/err"
"$LOUYU" query "$tmp/rents/data/district.geojson" --max-rent 5 --name "World Trade" --json >"$tmp/q-pub.json" 2>>"$tmp/err"
check 'python3 -c "import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); f=lambda m: [s[\"first\"] for s in m[0][\"floors\"]]; assert f(a)==f(b)==[2], (f(a), f(b))" "$tmp/q-store.json" "$tmp/q-pub.json"' \
  "the finder on the published file and on the store: $(head -c 300 "$tmp/q-pub.json") $(tail -2 "$tmp/err")"
"$LOUYU" export "$tmp/rents/data/district.geojson" --floors --out "$tmp/floors.csv" >/dev/null 2>>"$tmp/err"
floors=$(grep '^wtc,' "$tmp/floors.csv" | awk -F, '$3 == 2 || $3 == 4 || $3 == 10 {print $3 ":" $(NF - 1) ":" $NF}' | tr -d '\r' | tr '\n' ' ')
check '[ "$floors" = "2:3.00:0 4:9.50:0 10::1 " ]' "the per-floor CSV's rents (and whether to be agreed): $floors"
# a floor free from a date gone by the week's Monday is free now (a date a manager wrote
# once, carried forward week after week, had stood as "2010-01-04" for space free now)
cp "$STORE" "$tmp/avail.gpkg"
printf 'week,building,floors,vacant_m2,rent_cny_m2_day,available_from,contact,note\n2011-W18,wtc,2,2220,3.0,2010-01-04,a,\n2011-W18,wtc,4,1140,9.5,2011-06-01,a,\n2011-W18,wtc,10,880,,2011-05-02,a,\n' >"$tmp/av.csv"
"$LOUYU" report import "$tmp/av.csv" --db "$tmp/avail.gpkg" >/dev/null 2>"$tmp/err"
"$LOUYU" publish "$tmp/avail.gpkg" "$tmp/avail" >/dev/null 2>>"$tmp/err"
avail=$(python3 -c "import json,sys; print(' '.join(x['floors'] + ':' + str(x['available_from']) for x in json.load(open(sys.argv[1])) if x['building'] == 'wtc' and not x['run']))" "$tmp/avail/data/listings.json")
check '[ "$avail" = "2:now 4:2011-06-01 10:now" ]' "the listing's available dates: $avail $(cat "$tmp/err")"
# and the same dated spaces in a portal published from the store's export, or from the
# portal's own data/district.geojson: their floor records keep available_from (both had
# dropped it: 0 dated spaces listed instead of 90)
"$LOUYU" export "$tmp/avail.gpkg" --out "$tmp/avail.geojson" >/dev/null 2>>"$tmp/err"
for file in "$tmp/avail.geojson" "$tmp/avail/data/district.geojson"; do
  rm -rf "$tmp/avail-file"
  "$LOUYU" publish "$file" "$tmp/avail-file" >/dev/null 2>>"$tmp/err"
  check 'python3 -c "import json,sys; l=[[(x[\"building\"], x[\"floors\"], x[\"available_from\"]) for x in json.load(open(p)) if x[\"available_from\"]] for p in sys.argv[1:]]; assert l[0] == l[1] and len(l[0]) > 80, (len(l[0]), len(l[1]))" "$tmp/avail/data/listings.json" "$tmp/avail-file/data/listings.json"' \
    "a portal published from $(basename "$file") lists other dated spaces than the store's: $(tail -2 "$tmp/err")"
  # and its pages name the store's week, as the store's own pages do (they had given the
  # Friday's date: "Data: 2011-04-29")
  check 'grep -q "Data: Week 18, 2011" "$tmp/avail-file/en/index.html" && grep -q "Data: Week 18, 2011" "$tmp/avail-file/en/b/wtc.html"' \
    "a portal published from $(basename "$file") does not name the store's week: $(grep -o 'class="meta">[^<]*' "$tmp/avail-file/en/index.html" | head -1)"
done

# ---- the feed's links resolve as a reader resolves them: against the feed's address ------
for site_dir in "$tmp/rents" "$site"; do
  python3 - "$site_dir" >"$tmp/v" 2>&1 <<'PY'
import os, sys, urllib.parse, xml.etree.ElementTree as ET
root = os.path.abspath(sys.argv[1])
A = "{http://www.w3.org/2005/Atom}"
for lang in ("zh", "en"):
    feed = os.path.join(root, lang, "feed.atom")
    t = ET.parse(feed).getroot()
    links = [l.get("href") for l in t.iter(A + "link")]
    assert links, f"{lang}: no links"
    for href in links:
        url = urllib.parse.urljoin("http://127.0.0.1:8000/portal/" + lang + "/feed.atom", href)
        path = urllib.parse.urlparse(url).path
        assert path.startswith("/portal/"), f"{href} leaves the site"
        assert os.path.isfile(os.path.join(root, path[len("/portal/"):])), f"{lang}: {href} -> {path}: no such page"
PY
  check '[ ! -s "$tmp/v" ]' "the feed's links in $site_dir: $(tail -1 "$tmp/v")"
done

finish
