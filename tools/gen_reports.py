#!/usr/bin/env python3
"""Generate illustrative weekly vacancy reports for the bundled district.

Zhanshan Subdistrict's Property Alliance collects, every week, what space is
vacant in each building from the building managers. This script invents a
year of such reports, 2010-W18 to 2011-W17 (52 ISO weeks), one CSV a week
holding the rows of every building of data/zhanshan.geojson that is completed
and has floor records.
The last week, 2011-W17, reproduces the file's snapshot (data_date 2011-04-29)
exactly; the weeks before it are made by walking backwards from the snapshot
with plausible lettings and move-outs, in a market that was recovering during
2010-2011 (a year earlier the district had a few points more vacancy).
Every figure is illustrative; see docs/zhanshan.md and data/reports/README.md.

Usage: python3 tools/gen_reports.py [OUTDIR]
Default OUTDIR is data/reports under the repository root. The snapshot is read
from data/zhanshan.geojson. Existing week files are overwritten.

The files are written as real spreadsheets save them: most in UTF-8 with LF
line ends, every 4th week (index % 4 == 3) as Excel on Chinese Windows saves
CSV (GB18030, CRLF, Chinese header row), a few in UTF-8 with a byte-order
mark, a few with a trailing empty column on some rows.

Python 3.8 or later, standard library only, and deterministic: all
randomness comes from random.Random instances with fixed seeds, nothing
depends on the time, the environment or hash order, so running it twice
writes byte-identical files.
Afterwards it reads every file back, checks it against the format and the
snapshot, prints a one-line summary and exits non-zero if a check fails.
"""

import csv
import datetime
import io
import json
import random
import sys
from pathlib import Path

SEED = 20110429
ROOT = Path(__file__).resolve().parent.parent
GEOJSON = ROOT / "data" / "zhanshan.geojson"

NWEEKS = 52
LAST_WEEK = (2011, 17)  # ISO week of data_date 2011-04-29

HEADER_EN = ["week", "building", "floors", "vacant_m2", "rent_cny_m2_day",
             "available_from", "contact", "note"]
HEADER_ZH = ["周", "楼宇", "楼层", "空置面积(平方米)", "租金(元/平方米/天)",
             "可入驻日期", "联系人", "备注"]

# Week indices (0 = 2010-W18 ... 51 = 2011-W17) and how they are saved.
BOM_WEEKS = (5, 18, 30, 41)          # UTF-8 with BOM (never an index % 4 == 3)
TRAILING_ALL = (10, 45)              # every data row ends with an extra ","
TRAILING_SOME = (26,)                # about a third of the data rows do


def is_excel_week(idx):
    """Saved by Excel on Chinese Windows: GB18030, CRLF, Chinese header."""
    return idx % 4 == 3


def encoding_of(idx):
    if is_excel_week(idx):
        return "gb18030"
    if idx in BOM_WEEKS:
        return "utf-8-sig"
    return "utf-8"


# Floors whose use is not let week by week keep their snapshot vacancy.
STATIC_USES = ("hotel", "plant", "parking")

# Overall district vacancy a year before the snapshot, above the snapshot's,
# as a share of the recorded floor area (the walk aims at it, the check
# accepts 2-5 points).
TARGET_RISE = 0.035

# The dramatic jump: this floor was fully let until the week before
# JUMP_IDX and fully vacant from JUMP_IDX on (2011-W06, after the Spring
# Festival). Vacancies are kept in tenths of m² (integers) throughout.
JUMP = ("sample-22", 4)
JUMP_IDX = 40

NOTES = [
    "可分割出租，最小200平方米",
    "可分割出租,最小300平方米",
    "精装修,可即时入驻",
    "整层出租",
    "含公摊面积",
    "租金面议",
    "海景办公,朝南",
    "已有意向客户,洽谈中",
    "免租期两个月",
    "原租户退租",
    "需办理装修手续\n请提前预约看房",
]
NOTE_MULTILINE = NOTES[-1]
# One Excel week (GB18030, CRLF) where a building's first row carries the
# two-line note, so that a bare LF inside quotes meets CRLF record ends.
MULTILINE_AT = (23, "sample-32")
NOTES_FULL = ["本周满租", "暂无空置"]


# ---------------------------------------------------------------------------
# Snapshot
# ---------------------------------------------------------------------------

class Building:
    def __init__(self, feature):
        p = feature["properties"]
        self.id = feature["id"]
        self.rent = p.get("rent_cny_m2_day")
        c = p.get("contact") or {}
        self.contact_name = c.get("name") or ""
        self.contact_phone = c.get("phone") or ""
        recs = sorted(p["floor_records"], key=lambda r: r["floor"])
        self.floors = [r["floor"] for r in recs]
        self.area = {r["floor"]: r["area_m2"] for r in recs}
        self.use = {r["floor"]: r.get("use", "office") for r in recs}
        # Snapshot vacancy in tenths of m².
        self.snap = {r["floor"]: round(r["vacant_m2"] * 10) for r in recs}

    def area10(self, floor):
        return round(self.area[floor] * 10)


def load_buildings(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for feat in data["features"]:
        p = feat.get("properties") or {}
        if p.get("kind") != "building":
            continue
        if p.get("status", "completed") != "completed" or not p.get("floor_records"):
            continue
        out.append(Building(feat))
    return data["louyu"]["data_date"], out


# ---------------------------------------------------------------------------
# Weeks
# ---------------------------------------------------------------------------

def week_list():
    """[(label, monday)] for the NWEEKS weeks ending with LAST_WEEK."""
    last = datetime.date.fromisocalendar(LAST_WEEK[0], LAST_WEEK[1], 1)
    weeks = []
    for i in range(NWEEKS):
        monday = last - datetime.timedelta(weeks=NWEEKS - 1 - i)
        y, w, _ = monday.isocalendar()
        weeks.append(("%d-W%02d" % (y, w), monday))
    return weeks


# ---------------------------------------------------------------------------
# The walk backwards from the snapshot
# ---------------------------------------------------------------------------

def scripted_floors(bmap):
    """{(building, floor): [vacancy per week index]} for floors whose history
    is written out rather than drawn: the dramatic jump, runs of fully vacant
    adjacent floors (reported as ranges, or not), and a building that was
    fully let for a while (reported with the blank-floors row)."""
    s = {}

    def full(bid, fl):
        return bmap[bid].area10(fl)

    bid, fl = JUMP
    s[JUMP] = [0 if i < JUMP_IDX else full(bid, fl) for i in range(NWEEKS)]

    # sample-32: floor 3 vacant all year; floor 4 let as a whole in 2010-W40
    # (index 22), floor 2 in 2010-W27 (index 9).
    s[("sample-32", 3)] = [full("sample-32", 3)] * NWEEKS
    s[("sample-32", 4)] = [full("sample-32", 4) if i < 22 else 0 for i in range(NWEEKS)]
    s[("sample-32", 2)] = [full("sample-32", 2) if i < 9 else 0 for i in range(NWEEKS)]

    # sample-16: floor 13 vacant all year; floor 14 emptied in 2010-W24
    # (index 6) and let as a whole in 2010-W51 (index 33). Its manager lists
    # a run of vacant floors one by one about every other week.
    s[("sample-16", 13)] = [full("sample-16", 13)] * NWEEKS
    s[("sample-16", 14)] = [13000 if i < 6 else full("sample-16", 14) if i < 33 else 0
                            for i in range(NWEEKS)]

    # sample-28: part of floor 2 vacant at first, let in 2010-W26; the part
    # of floor 8 that is vacant at the snapshot was let from 2010-W32 until
    # its tenant moved out in 2010-W48: fully let from index 14 to 29.
    b = bmap["sample-28"]
    for f in b.floors:
        s[("sample-28", f)] = [b.snap[f]] * NWEEKS
    s[("sample-28", 2)] = [8000 if i < 8 else 0 for i in range(NWEEKS)]
    s[("sample-28", 8)] = [0 if 14 <= i < 30 else b.snap[8] for i in range(NWEEKS)]

    for (bid, fl), hist in s.items():
        assert hist[-1] == bmap[bid].snap[fl], (bid, fl)
    return s


def walk(buildings):
    """Vacancy per week index: list of {(building, floor): tenths of m²}."""
    rng = random.Random(SEED)
    bmap = {b.id: b for b in buildings}
    scripted = scripted_floors(bmap)
    free = [(b.id, f) for b in buildings for f in b.floors
            if (b.id, f) not in scripted and b.use[f] not in STATIC_USES]

    state = {(b.id, f): b.snap[f] for b in buildings for f in b.floors}
    total_area = sum(b.area10(f) for b in buildings for f in b.floors)
    snap_total = sum(state.values())
    rise = TARGET_RISE * total_area

    states = [None] * NWEEKS
    states[NWEEKS - 1] = dict(state)
    for idx in range(NWEEKS - 2, -1, -1):
        # state holds week idx + 1; turn it into week idx.
        after = dict(state)
        for key, hist in scripted.items():
            state[key] = hist[idx]
        steps_back = NWEEKS - 1 - idx
        target = snap_total + rise * steps_back / (NWEEKS - 1)
        for _ in range(rng.randint(3, 7)):
            deficit = target - sum(state.values())
            p_up = min(0.9, max(0.1, 0.5 + deficit / 40000.0))
            if rng.random() < p_up:
                step_more_vacant(rng, bmap, free, state)
            else:
                step_less_vacant(rng, bmap, free, state, after)
        states[idx] = dict(state)
    return states


def step_more_vacant(rng, bmap, free, state):
    """Going backwards, a floor had more vacancy: forwards it was let
    (a whole floor, or a few hundred m² of it)."""
    cands = [k for k in free if state[k] < bmap[k[0]].area10(k[1])]
    if not cands:
        return
    key = rng.choice(cands)
    area = bmap[key[0]].area10(key[1])
    v = state[key]
    if v == 0 and area <= 36000 and rng.random() < 0.2:
        state[key] = area
        return
    delta = rng.randrange(100, 1300, 10) * 10
    if rng.random() < 0.05:
        delta += 5  # the odd half square metre
    state[key] = min(area, v + delta)


def step_less_vacant(rng, bmap, free, state, after):
    """Going backwards, a floor had less vacancy: forwards a tenant moved out
    or gave up part of its space. Never from fully let straight to fully
    vacant (`after` is the week after): that is kept for the scripted jump."""
    cands = [k for k in free if state[k] > 0]
    if not cands:
        return
    key = rng.choice(cands)
    area = bmap[key[0]].area10(key[1])
    v = state[key]
    if v <= 6000 and rng.random() < 0.5:
        nv = 0
    else:
        nv = max(0, v - rng.randrange(100, 900, 10) * 10)
    if nv == 0 and after[key] == area:
        nv = area // 2 // 100 * 100
    state[key] = nv


def rent_factors(buildings):
    """{building: [rent multiplier per week]}; 1.0 in the last week, a few
    steps a year (rents were rising), within 0.9 ... 1.1."""
    rng = random.Random(SEED + 1)
    out = {}
    for b in buildings:
        f = [1.0] * NWEEKS
        changes = set(rng.sample(range(1, NWEEKS), rng.randint(2, 5)))
        cur = 1.0
        for idx in range(NWEEKS - 2, -1, -1):
            if idx + 1 in changes:
                # Forwards the rent went up (mostly) at week idx + 1.
                step = rng.choice([0.01, 0.02, 0.02, 0.03, 0.04, -0.01, -0.02])
                nxt = cur / (1.0 + step)
                if 0.9 <= nxt <= 1.1:
                    cur = nxt
            f[idx] = cur
        out[b.id] = f
    return out


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------

def fmt_tenths(t):
    return str(t // 10) if t % 10 == 0 else "%d.%d" % (t // 10, t % 10)


def fmt_rent(r):
    s = "%.2f" % r
    return s.rstrip("0").rstrip(".")


class Style:
    """How one building's manager fills in the form (fixed for the year)."""

    def __init__(self, rng):
        self.contact = rng.choice(["both", "both", "both", "name", "phone"])
        self.merge = rng.choice([0.0, 0.6, 0.9, 1.0])
        self.date_now = rng.choice(["blank", "blank", "monday"])


def vacancy_starts(states, key):
    """For each week, the last week index <= it where the floor's vacancy
    went up (a move-out), or None."""
    out, last = [], None
    for i, st in enumerate(states):
        if i > 0 and st[key] > states[i - 1][key]:
            last = i
        out.append(last)
    return out


def build_rows(buildings, weeks, states, rents):
    srng = random.Random(SEED + 2)
    styles = {b.id: Style(srng) for b in buildings}
    starts = {(b.id, f): vacancy_starts(states, (b.id, f))
              for b in buildings for f in b.floors}

    def ready_date(key, idx):
        """Date the floor can be moved into, if after this week's Monday."""
        s = starts[key][idx]
        if s is None or idx - s > 10:
            return None
        r = random.Random("%d/%s/%d/%d" % (SEED, key[0], key[1], s))
        if r.random() < 0.5:
            return None
        d = weeks[s][1] + datetime.timedelta(days=r.randrange(21, 80))
        return d if d > weeks[idx][1] else None

    files = []
    for idx, (label, monday) in enumerate(weeks):
        rng = random.Random(SEED * 100 + idx)
        st = states[idx]
        rows = []
        for b in buildings:
            sty = styles[b.id]
            if b.rent is None:
                rent = ""
            elif idx == NWEEKS - 1:
                rent = fmt_rent(b.rent)
            else:
                rent = fmt_rent(round(b.rent * rents[b.id][idx], 2))
            contact = {"both": (b.contact_name + " " + b.contact_phone).strip(),
                       "name": b.contact_name or b.contact_phone,
                       "phone": b.contact_phone or b.contact_name}[sty.contact]
            vac = [f for f in b.floors if st[(b.id, f)] > 0]
            if not vac:
                note = rng.choice(NOTES_FULL) if rng.random() < 0.25 else ""
                rows.append([label, b.id, "", "0", rent, "", contact, note])
                continue
            for group in group_floors(b, st, vac, sty, rng):
                keys = [(b.id, f) for f in group]
                total = sum(st[k] for k in keys)
                dates = [ready_date(k, idx) for k in keys]
                dates = [d for d in dates if d is not None]
                if dates:
                    avail = max(dates).isoformat()
                elif sty.date_now == "monday":
                    avail = monday.isoformat()
                else:
                    avail = ""
                if JUMP in keys and idx == JUMP_IDX:
                    note = "原租户整层退租"
                elif (idx, b.id) == MULTILINE_AT and group[0] == vac[0]:
                    note = NOTE_MULTILINE
                elif rng.random() < 0.1:
                    note = rng.choice(NOTES)
                    # A note written over two lines in one cell is rare.
                    if note == NOTE_MULTILINE and rng.random() < 0.9:
                        note = NOTES[0]
                else:
                    note = ""
                fl = str(group[0]) if len(group) == 1 else "%d-%d" % (group[0], group[-1])
                rows.append([label, b.id, fl, fmt_tenths(total), rent, avail, contact, note])
        files.append(rows)
    return files


def group_floors(b, st, vac, sty, rng):
    """Vacant floors in report rows: runs of adjacent fully vacant floors are
    merged into one range when the manager feels like it."""
    groups = []
    for f in vac:
        full = st[(b.id, f)] == b.area10(f)
        if full and groups and groups[-1][1] and groups[-1][0][-1] == f - 1:
            groups[-1][0].append(f)
        else:
            groups.append(([f], full))
    out = []
    for floors, _ in groups:
        if len(floors) > 1 and rng.random() >= sty.merge:
            out.extend([f] for f in floors)
        else:
            out.append(floors)
    return out


# ---------------------------------------------------------------------------
# Writing and reading back
# ---------------------------------------------------------------------------

def render(idx, rows):
    excel = is_excel_week(idx)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL,
                   lineterminator="\r\n" if excel else "\n")
    w.writerow(HEADER_ZH if excel else HEADER_EN)
    rng = random.Random(SEED * 1000 + idx)
    for row in rows:
        trailing = idx in TRAILING_ALL or (idx in TRAILING_SOME and rng.random() < 0.33)
        w.writerow(row + [""] if trailing else row)
    return buf.getvalue().encode(encoding_of(idx))


class CheckError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckError(msg)


def parse_floors(s, b, where):
    if "-" in s:
        a, _, z = s.partition("-")
        lo, hi = int(a), int(z)
        check(lo < hi, "%s: bad floor range %r" % (where, s))
        floors = list(range(lo, hi + 1))
    else:
        floors = [int(s)]
    for f in floors:
        check(f in b.area, "%s: floor %d has no floor record" % (where, f))
    return floors


def verify(outdir, buildings, weeks):
    """Read every file back and check it. Returns (rows, per-week district
    vacancy in m², recorded area in m², jumps)."""
    bmap = {b.id: b for b in buildings}
    names = sorted(p.name for p in outdir.glob("*.csv"))
    expect = sorted(label + ".csv" for label, _ in weeks)
    check(names == expect, "%s holds %d CSV files, expected the %d weeks" %
          (outdir, len(names), len(expect)))
    check(len(names) == NWEEKS, "expected %d files" % NWEEKS)
    total_area = sum(a for b in buildings for a in b.area.values())
    nrows, vac_by_week, floors_by_week = 0, [], []
    # Things the files are meant to show an importer at least once.
    seen = {"range": 0, "full_run_listed_singly": 0, "full_row": 0, "comma": 0,
            "newline": 0, "newline_in_crlf_file": 0, "trailing": 0}
    for idx, (label, monday) in enumerate(weeks):
        path = outdir / (label + ".csv")
        raw = path.read_bytes()
        enc = encoding_of(idx)
        check(raw.startswith(b"\xef\xbb\xbf") == (enc == "utf-8-sig"),
              "%s: byte-order mark wrong" % path.name)
        text = raw.decode(enc)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        # Newlines inside quoted notes are bare LF in every file, as Excel
        # writes them; only the record ends differ.
        inner = sum(field.count("\n") for row in rows for field in row)
        crlf = text.count("\r\n")
        if is_excel_week(idx):
            check(text.count("\r") == crlf == len(rows) and text.count("\n") == crlf + inner,
                  "%s: expected CRLF line ends" % path.name)
        else:
            check("\r" not in text and text.count("\n") == len(rows) + inner,
                  "%s: expected LF line ends" % path.name)
        header = HEADER_ZH if is_excel_week(idx) else HEADER_EN
        check(rows and rows[0] == header, "%s: wrong header" % path.name)
        per_floor = {}
        singly_full = {}
        reported = set()
        for n, row in enumerate(rows[1:], 2):
            where = "%s:%d" % (path.name, n)
            if len(row) == 9 and row[8] == "":
                seen["trailing"] += 1
                row = row[:8]
            check(len(row) == 8, "%s: %d columns" % (where, len(row)))
            week, bid, fl, vac, rent, avail, contact, note = row
            check(week == label, "%s: week %r" % (where, week))
            check(bid in bmap, "%s: unknown building %r" % (where, bid))
            b = bmap[bid]
            v10 = round(float(vac) * 10)
            check(abs(float(vac) * 10 - v10) < 1e-6, "%s: more than one decimal" % where)
            if rent:
                check(b.rent is not None, "%s: rent for a building without one" % where)
                r = float(rent)
                check(b.rent * 0.9 - 0.005 <= r <= b.rent * 1.1 + 0.005,
                      "%s: rent %s drifts more than 10 %%" % (where, rent))
                if idx == NWEEKS - 1:
                    check(r == b.rent, "%s: last-week rent %s != %s" % (where, rent, b.rent))
            else:
                check(b.rent is None, "%s: rent missing" % where)
            if avail:
                d = datetime.date.fromisoformat(avail)
                check(d >= monday, "%s: available_from before Monday" % where)
            seen["comma"] += "," in note
            seen["newline"] += "\n" in note
            seen["newline_in_crlf_file"] += "\n" in note and is_excel_week(idx)
            if fl == "":
                check(v10 == 0, "%s: blank floors with vacancy" % where)
                check(bid not in reported, "%s: fully-let row after other rows" % where)
                reported.add(bid)
                per_floor.setdefault(bid, {})
                seen["full_row"] += 1
                continue
            check(bid not in per_floor or per_floor[bid], "%s: rows after a fully-let row" % where)
            reported.add(bid)
            floors = parse_floors(fl, b, where)
            check(v10 > 0, "%s: floor row with no vacancy" % where)
            pf = per_floor.setdefault(bid, {})
            for f in floors:
                check(f not in pf, "%s: floor %d reported twice" % (where, f))
            if len(floors) > 1:
                seen["range"] += 1
                areas = [round(b.area[f] * 10) for f in floors]
                check(v10 == sum(areas), "%s: range %s not fully vacant" % (where, fl))
                for f, a in zip(floors, areas):
                    pf[f] = a
            else:
                check(v10 <= round(b.area[floors[0]] * 10),
                      "%s: vacancy exceeds floor area" % where)
                pf[floors[0]] = v10
                if v10 == round(b.area[floors[0]] * 10):
                    singly_full.setdefault(bid, set()).add(floors[0])
        check(reported == set(bmap), "%s: buildings missing: %s" %
              (path.name, ", ".join(sorted(set(bmap) - reported))))
        nrows += len(rows) - 1
        vac_by_week.append(sum(v for pf in per_floor.values() for v in pf.values()) / 10)
        floors_by_week.append(per_floor)
        for bid, floors in singly_full.items():
            seen["full_run_listed_singly"] += sum(f + 1 in floors for f in floors)

    # The last week is the snapshot.
    last = floors_by_week[-1]
    for b in buildings:
        want = {f: v for f, v in b.snap.items() if v > 0}
        check(last[b.id] == want, "last week differs from the snapshot for %s" % b.id)

    for k, v in seen.items():
        check(v > 0, "no file shows a %s" % k.replace("_", " "))

    jumps = []
    for idx in range(1, NWEEKS):
        for b in buildings:
            for f in b.floors:
                before = floors_by_week[idx - 1][b.id].get(f, 0)
                after = floors_by_week[idx][b.id].get(f, 0)
                if before == 0 and after == round(b.area[f] * 10):
                    jumps.append((weeks[idx][0], b.id, f))
    check(jumps, "no floor goes from fully let to fully vacant in one week")

    rise = (vac_by_week[0] - vac_by_week[-1]) / total_area
    check(0.02 <= rise <= 0.05, "vacancy a year earlier is %.1f points above the "
          "snapshot, expected 2-5" % (rise * 100))
    return nrows, vac_by_week, total_area, jumps


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1].startswith("-")):
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    outdir = Path(argv[1]) if len(argv) == 2 else ROOT / "data" / "reports"
    data_date, buildings = load_buildings(GEOJSON)
    weeks = week_list()
    y, w, _ = datetime.date.fromisoformat(data_date).isocalendar()
    if (y, w) != LAST_WEEK:
        print("gen_reports: data_date %s is not in %d-W%02d" % ((data_date,) + LAST_WEEK),
              file=sys.stderr)
        return 1

    states = walk(buildings)
    rents = rent_factors(buildings)
    files = build_rows(buildings, weeks, states, rents)

    outdir.mkdir(parents=True, exist_ok=True)
    for idx, rows in enumerate(files):
        (outdir / (weeks[idx][0] + ".csv")).write_bytes(render(idx, rows))

    try:
        nrows, vac, area, jumps = verify(outdir, buildings, weeks)
    except CheckError as e:
        print("gen_reports: check failed: %s" % e, file=sys.stderr)
        return 1
    print("gen_reports: %d files, %d rows, %d buildings; district vacancy %s %.0f m² "
          "(%.1f %%) -> %s %.0f m² (%.1f %%) of %d m² recorded; jump %s"
          % (len(files), nrows, len(buildings), weeks[0][0], vac[0], 100 * vac[0] / area,
             weeks[-1][0], vac[-1], 100 * vac[-1] / area, area,
             ", ".join("%s %s floor %d" % j for j in jumps)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
