#!/usr/bin/env bash
# The weekly reports' budgets (issue 12): importing the bundled year (52 files) and one
# week; opening the store against the GeoJSON; a week change with the card, plan and
# dashboard open; ten years of weekly history in memory; a city store exported as GeoJSON.
# Usage: bench/reports.sh [BUILD_DIR]   (default: build-release, configured as Release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-release}
if [ ! -x "$build/louyu" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi
louyu=$build/louyu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ms() { date +%s%N | awk '{ printf "%.0f", $1 / 1e6 }'; }
# best_import STORE FILE N: the fastest of N imports of FILE, each into a fresh copy of STORE
best_import() {
  local best=999999 t0 t1
  for _ in $(seq "$3"); do
    cp "$1" "$tmp/copy.gpkg"
    t0=$(ms)
    "$louyu" report import --db "$tmp/copy.gpkg" "$2" >/dev/null 2>&1
    t1=$(ms)
    [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
  done
  echo "$best"
}

# the bundled year, into a fresh store: all of it, and the last week alone
"$louyu" convert "$root/data/zhanshan.geojson" "$tmp/y.gpkg" >/dev/null
t0=$(ms)
"$louyu" report import --db "$tmp/y.gpkg" "$root"/data/reports/*.csv >/dev/null 2>&1
t1=$(ms)
echo "{\"import_52_weeks_ms\": $((t1 - t0))}"
cp "$tmp/y.gpkg" "$tmp/w.gpkg"
python3 - "$tmp/w.gpkg" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])  # forget the last week, to time importing it
last = db.execute("SELECT MAX(fid) FROM import_log").fetchone()[0]
db.execute("DELETE FROM weekly_reports WHERE import_id = ?", (last,))
db.execute("DELETE FROM import_log WHERE fid = ?", (last,))
db.commit()
PY
echo "{\"import_one_week_ms_best_of_5\": $(best_import "$tmp/w.gpkg" "$root/data/reports/2011-W17.csv" 5)}"

# opening: the store and the GeoJSON, to the first frame (and the week changes)
for f in "$tmp/y.gpkg" "$root/data/zhanshan.geojson"; do
  SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} "$louyu" bench "$f" --runs 9 --frames 60 --reloads 0 |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({k: d.get(k) for k in ("load_ms", "first_frame_ms", "frame_ms_p50", "weeks", "week_change_cpu_ms_p50", "week_change_cpu_ms_max", "week_change_ms_p50")}))'
done

# ten years of weeks: the bundled year's files again and again, relabelled week by week
python3 - "$root/data/reports" "$tmp/ten" <<'PY'
import csv, datetime, io, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
files = sorted(f for f in os.listdir(src) if f.endswith(".csv"))
day = datetime.date(2001, 1, 1)  # a Monday: 2001-W01
for i in range(520):
    name = files[i % len(files)]
    raw = open(os.path.join(src, name), "rb").read()
    text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else raw.decode("utf-8") if b"\r\n" not in raw else raw.decode("gb18030")
    y, w, _ = day.isocalendar()
    week = f"{y}-W{w:02d}"
    rows = list(csv.reader(io.StringIO(text)))
    with open(os.path.join(out, f"{i:03d}-{week}.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(rows[0])
        for r in rows[1:]:
            if r:
                wr.writerow([week] + r[1:])
    day += datetime.timedelta(weeks=1)
PY
"$louyu" convert "$root/data/zhanshan.geojson" "$tmp/ten.gpkg" >/dev/null
t0=$(ms)
"$louyu" report import --db "$tmp/ten.gpkg" "$tmp"/ten/*.csv >/dev/null 2>&1
t1=$(ms)
# one more week into the ten years: an import reads each building's last report before
# its week, not every week, so it takes about what it takes into a store of one year
python3 - "$tmp/ten" "$tmp/next.csv" <<'PY'
import csv, datetime, os, sys
src, out = sys.argv[1], sys.argv[2]
last = sorted(os.listdir(src))[-1]  # "519-2010-W50.csv"
y, w = int(last[4:8]), int(last[10:12])
monday = datetime.date.fromisocalendar(y, w, 1) + datetime.timedelta(weeks=1)
ny, nw, _ = monday.isocalendar()
with open(os.path.join(src, last), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
with open(out, "w", newline="", encoding="utf-8") as f:
    wr = csv.writer(f)
    wr.writerow(rows[0])
    for r in rows[1:]:
        wr.writerow([f"{ny}-W{nw:02d}"] + r[1:])
PY
echo "{\"import_week_521_ms_best_of_3\": $(best_import "$tmp/ten.gpkg" "$tmp/next.csv" 3)}"
/usr/bin/time -f "%M" "$louyu" report history wtc --db "$tmp/ten.gpkg" >/dev/null 2>"$tmp/rss"
hist_kb=$(tail -1 "$tmp/rss")
base_kb=$(/usr/bin/time -f "%M" "$louyu" info "$root/data/zhanshan.geojson" wtc 2>&1 >/dev/null | tail -1)
echo "{\"ten_years_weeks\": 520, \"import_520_weeks_ms\": $((t1 - t0)), \"store_mb\": $(du -m "$tmp/ten.gpkg" | cut -f1), \"history_process_rss_mb\": $((hist_kb / 1024)), \"same_without_history_rss_mb\": $((base_kb / 1024))}"

# a city's store with a week of reports, written out as GeoJSON (what publish writes for
# kiosks too): time in proportion to its buildings (the features had been looked up from the
# start of their list one by one, 35 s for 20,000)
"$louyu" synth --buildings 20000 --seed 1 --out "$tmp/city.geojson" >/dev/null
"$louyu" convert "$tmp/city.geojson" "$tmp/city.gpkg" >/dev/null
id=$("$louyu" info "$tmp/city.gpkg" | sed -n 4p | cut -d' ' -f1)
printf 'week,building,floors,vacant_m2\n2011-W18,%s,,0\n' "$id" >"$tmp/city-week.csv"
"$louyu" report import --db "$tmp/city.gpkg" "$tmp/city-week.csv" >/dev/null
t0=$(ms)
"$louyu" export "$tmp/city.gpkg" --out "$tmp/city-out.geojson" >/dev/null
t1=$(ms)
echo "{\"city_buildings\": 20000, \"store_export_geojson_ms\": $((t1 - t0))}"
