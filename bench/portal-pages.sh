#!/usr/bin/env bash
# The portal at city scale: the bundled district tiled COPIES times (default 60: 1,980
# buildings, ~10,700 floors to let), published with the default 500 a page. Prints the
# publish time, the pages and parts and their largest sizes, and in headless Chromium
# (tests/cdp.py) how long the first filter on the district page takes to load every part
# and list its matches, and the first search for a building, over HTTP and from file://.
# Usage: bench/portal-pages.sh [BUILD_DIR] [COPIES]   (default build-release, Release; 60)
set -euo pipefail
. "$(dirname "$0")/lib.sh" "$@"
copies=${sizes[0]:-60}
tmp=$work
ms() { date +%s%N | awk '{ printf "%.0f", $1 / 1e6 }'; }
# the district's buildings again and again, each copy 600 m further east or north, ids
# and names numbered (its streets, parks and points once)
python3 - "$root/data/zhanshan.geojson" "$tmp/city.geojson" "$copies" <<'PY'
import copy, json, math, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[3])
side = math.ceil(math.sqrt(n))
out = [f for f in d["features"] if f["properties"].get("kind") != "building"]
buildings = [f for f in d["features"] if f["properties"].get("kind") == "building"]
def shift(c, dx, dy):
    return [shift(x, dx, dy) for x in c] if isinstance(c[0], list) else [c[0] + dx, c[1] + dy]
for k in range(n):
    dx, dy = (k % side) * 0.0067, (k // side) * 0.0054   # ~600 m at 36° N
    for f in buildings:
        g = copy.deepcopy(f)
        g["id"] = f"{f['id']}-{k + 1}"
        p = g["properties"]
        for key in ("name", "name_en"):
            if p.get(key):
                p[key] = f"{p[key]} {k + 1}"
        g["geometry"]["coordinates"] = shift(g["geometry"]["coordinates"], dx, dy)
        out.append(g)
d["features"] = out
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
t0=$(ms)
said=$("$build/louyu" publish "$tmp/city.geojson" "$tmp/site")
t1=$(ms)
site=$tmp/site
largest() { find "$site" -path "$1" -type f -printf '%s\n' | sort -n | tail -1 | grep . || echo 0; }
echo "{\"copies\": $copies, \"publish_ms\": $((t1 - t0)), \"said\": \"$said\"}"
echo "{\"district_page_kb\": $(( $(stat -c %s "$site/en/index.html") / 1024 )),"\
" \"spaces_pages\": $(ls "$site/en" | grep -c '^spaces-'),"\
" \"largest_spaces_page_kb\": $(( $(largest "$site/en/spaces-*") / 1024 )),"\
" \"buildings_pages\": $(ls "$site/en" | grep -c '^buildings-'),"\
" \"largest_buildings_page_kb\": $(( $(largest "$site/en/buildings-*") / 1024 )),"\
" \"parts\": $(ls "$site/data" | grep -c '^spaces-en-'),"\
" \"largest_part_kb\": $(( $(largest "$site/data/spaces-en-*") / 1024 )),"\
" \"listings_json_kb\": $(( $(stat -c %s "$site/data/listings.json") / 1024 ))}"
PYTHONPATH=$root/tests python3 - "$site" <<'PY'
import http.server, functools, json, pathlib, shutil, sys, tempfile, threading, time
from cdp import Browser, Tab
site = pathlib.Path(sys.argv[1]).resolve()
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=str(site))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"
profile = tempfile.mkdtemp()
browser = Browser(shutil.which("chromium") or "chromium", profile)
tab = Tab(browser, (base, site.as_uri() + "/"))
START = """(() => { const e = document.getElementById('f-area'); e.value = '2000';
  window.t0 = performance.now(); e.dispatchEvent(new Event('input', {bubbles: true}));
  return true; })()"""
DONE = """(() => { const c = document.getElementById('listing-count').textContent;
  return /\\d/.test(c) && !/…/.test(c) ? [performance.now() - window.t0, c,
    document.querySelectorAll('#listing tbody tr').length] : null; })()"""
FIND = """(() => { const e = document.getElementById('f-find'); if (!e) return false;
  e.value = 'world trade';
  window.t0 = performance.now(); e.dispatchEvent(new Event('input', {bubbles: true}));
  return true; })()"""
FOUND = """(() => { const c = document.getElementById('found-count');
  return !c.hidden && /\\d/.test(c.textContent) && !/…/.test(c.textContent) ?
    [performance.now() - window.t0, c.textContent, document.querySelectorAll('#found li').length]
    : null; })()"""


def timed(url, start, done):
    """Loads the page, runs start, and waits for done's answer: [ms, text, rows]."""
    tab.navigate(url)
    if tab.eval(start) is False:   # (a district of one page of buildings has no search)
        return [None, "not on the page", None]
    for _ in range(600):
        got = tab.eval(done)
        if got:
            return got
        time.sleep(0.05)
    return [None, None, None]


for name, url in (("http", base + "en/index.html"), ("file", site.as_uri() + "/en/index.html")):
    for what, start, done, runs in (("first_filter_over_every_part", START, DONE, 3),
                                    ("first_building_search_over_every_part", FIND, FOUND, 1)):
        for run in range(runs):
            ms, said, rows = timed(url, start, done)
            print(json.dumps({what: name, "run": run + 1, "ms": ms and round(ms), "said": said,
                              "rows_listed": rows}, ensure_ascii=False))
browser.close()
server.shutdown()
shutil.rmtree(profile, ignore_errors=True)
PY
