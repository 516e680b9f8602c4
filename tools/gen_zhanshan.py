#!/usr/bin/env python3
"""Generate data/zhanshan.geojson, louyu's bundled district (schema 1).

Zhanshan Subdistrict (湛山街道), Shinan District, Qingdao, as of April 2011.
The facts and their sources are in docs/zhanshan.md: what is sourced there
(青岛财经日报, 29 April 2011, and public building data) is used as it is; everything
else here is illustrative and the file's `louyu.illustrative` list says so.

Usage: python3 tools/gen_zhanshan.py [OUTPUT]
Default OUTPUT is data/zhanshan.geojson under the repository root.

Standard library only, deterministic (fixed seed, no time- or hash-dependent
output): running it twice gives byte-identical files. Before writing, the
generator parses its own output back and checks every rule of
docs/data-format.md plus the dataset's own promises (counts, shares, no
overlapping buildings, nothing on a road or in the sea); it refuses to write
a file that fails any check.
"""

import json
import math
import random
import re
import sys
from pathlib import Path

SEED = 20110429

# Local tangent plane around the district centre [E].
LAT0 = 36.0625
LON0 = 120.3665
M_PER_DEG_LON = math.cos(math.radians(LAT0)) * 111320.0
M_PER_DEG_LAT = 110574.0


def to_lonlat(x, y):
    """Local metres (east, north) -> [lon, lat], rounded to 7 decimals."""
    return [round(LON0 + x / M_PER_DEG_LON, 7), round(LAT0 + y / M_PER_DEG_LAT, 7)]


def to_xy(pos):
    return ((pos[0] - LON0) * M_PER_DEG_LON, (pos[1] - LAT0) * M_PER_DEG_LAT)


def ring_ll(pts):
    """A closed lon/lat ring from local points (closing position copied after rounding)."""
    r = [to_lonlat(x, y) for x, y in pts]
    r.append(list(r[0]))
    return r


def line_ll(pts):
    return [to_lonlat(x, y) for x, y in pts]


# ---------------------------------------------------------------------------
# Plane geometry in local metres
# ---------------------------------------------------------------------------

def signed_area(pts):
    """Shoelace area of an open or closed point list (positive = counter-clockwise)."""
    a = 0.0
    n = len(pts)
    for i in range(n):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def ccw(pts):
    return pts if signed_area(pts) > 0 else list(reversed(pts))


def cw(pts):
    return pts if signed_area(pts) < 0 else list(reversed(pts))


def orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p1, p2, q1, q2):
    """True when the segments properly cross (touching at an end point is not a crossing)."""
    d1 = orient(q1, q2, p1)
    d2 = orient(q1, q2, p2)
    d3 = orient(p1, p2, q1)
    d4 = orient(p1, p2, q2)
    return ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4))


def point_seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    L2 = dx * dx + dy * dy
    if L2 == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def seg_seg_dist(a, b, c, d):
    if segments_cross(a, b, c, d):
        return 0.0
    return min(point_seg_dist(a, c, d), point_seg_dist(b, c, d),
               point_seg_dist(c, a, b), point_seg_dist(d, a, b))


def point_in_ring(p, ring):
    x, y = p
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xc > x:
                inside = not inside
    return inside


def edges(ring):
    """Edges of a closed ring (last point == first)."""
    return [(ring[i], ring[i + 1]) for i in range(len(ring) - 1)]


def ring_min_dist(r1, r2):
    return min(seg_seg_dist(a, b, c, d) for a, b in edges(r1) for c, d in edges(r2))


# Shapes, all as open counter-clockwise point lists in local metres.

def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def chamfer(x0, y0, x1, y1, c):
    """Rectangle with cut corners (an octagonal tower plan)."""
    return [(x0 + c, y0), (x1 - c, y0), (x1, y0 + c), (x1, y1 - c),
            (x1 - c, y1), (x0 + c, y1), (x0, y1 - c), (x0, y0 + c)]


def l_shape(x0, y0, x1, y1, corner, w, h):
    """Rectangle with a w x h notch cut out of one corner ('ne', 'nw', 'se', 'sw')."""
    if corner == "ne":
        return [(x0, y0), (x1, y0), (x1, y1 - h), (x1 - w, y1 - h), (x1 - w, y1), (x0, y1)]
    if corner == "nw":
        return [(x0, y0), (x1, y0), (x1, y1), (x0 + w, y1), (x0 + w, y1 - h), (x0, y1 - h)]
    if corner == "se":
        return [(x0, y0), (x1 - w, y0), (x1 - w, y0 + h), (x1, y0 + h), (x1, y1), (x0, y1)]
    if corner == "sw":
        return [(x0 + w, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0 + h), (x0 + w, y0 + h)]
    raise ValueError(corner)


def u_shape(x0, y0, x1, y1, opening, w, d):
    """Rectangle with a w-wide, d-deep bay cut into the middle of one side ('n', 's', 'e', 'w')."""
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    if opening == "n":
        return [(x0, y0), (x1, y0), (x1, y1), (cx + w / 2, y1), (cx + w / 2, y1 - d),
                (cx - w / 2, y1 - d), (cx - w / 2, y1), (x0, y1)]
    if opening == "s":
        return [(x0, y0), (cx - w / 2, y0), (cx - w / 2, y0 + d), (cx + w / 2, y0 + d),
                (cx + w / 2, y0), (x1, y0), (x1, y1), (x0, y1)]
    if opening == "e":
        return [(x0, y0), (x1, y0), (x1, cy - w / 2), (x1 - d, cy - w / 2),
                (x1 - d, cy + w / 2), (x1, cy + w / 2), (x1, y1), (x0, y1)]
    if opening == "w":
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, cy + w / 2),
                (x0 + d, cy + w / 2), (x0 + d, cy - w / 2), (x0, cy - w / 2)]
    raise ValueError(opening)


# ---------------------------------------------------------------------------
# Streets, coast, boundary (local metres; positions illustrative [E])
# ---------------------------------------------------------------------------

# Fushan Bay coastline, west (Taipingjiao headland) to east (Shandong Road); sea to the south.
COAST = [(-855, -1030), (-760, -1050), (-640, -990), (-520, -880), (-380, -810),
         (-240, -785), (-100, -745), (40, -700), (180, -650), (320, -610),
         (500, -580), (700, -560), (900, -550)]

# The north edge, east to west: Jiangxi Road, then Zhiquan Road north-west.
JIANGXI = [(900, 1260), (540, 1150), (180, 1000), (-180, 1040)]
ZHIQUAN = [(-230, 385), (-215, 600), (-190, 850), (-180, 1040), (-400, 1360), (-620, 1480),
           (-855, 1500)]

ROADS = [
    # id, name, name_en, class, width_m, points
    ("road-yanan-san", "延安三路", "Yan'an San Road", "primary", 30,
     [(180, 1000), (180, 450), (180, 0), (180, -330), (180, -615)]),
    ("road-xianggang-middle", "香港中路", "Xianggang Middle Road", "primary", 40,
     [(180, 0), (540, 0), (900, 0)]),
    ("road-xianggang-west", "香港西路", "Xianggang West Road", "secondary", 24,
     [(180, 0), (100, -180), (-30, -400), (-160, -560), (-380, -570), (-600, -560), (-855, -565)]),
    ("road-donghai-west", "东海西路", "Donghai West Road", "primary", 30,
     [(180, -332), (540, -332), (900, -332)]),
    ("road-shandong", "山东路", "Shandong Road", "primary", 30,
     [(900, 1260), (900, 560), (900, 0), (900, -332), (900, -520)]),
    ("road-jiangxi", "江西路", "Jiangxi Road", "secondary", 18, JIANGXI),
    ("road-zhiquan", "芝泉路", "Zhiquan Road", "secondary", 16, ZHIQUAN),
    ("road-xiuzhan", "秀湛路", "Xiuzhan Road", "tertiary", 14,
     [(180, 450), (-100, 470), (-400, 620), (-855, 760)]),
    ("road-yancheng", "盐城路", "Yancheng Road", "tertiary", 10,
     [(380, 0), (380, 300), (380, 560), (380, 1085)]),
    ("road-xinzhan", "新湛路", "Xinzhan Road", "tertiary", 12,
     [(180, 560), (380, 560), (900, 560)]),
    ("road-taipingjiao-6", "太平角六路", "Taipingjiao 6th Road", "residential", 8,
     [(-855, -990), (-855, -500), (-855, 0), (-855, 300)]),
    ("road-coastal-walk", "浮山湾滨海步行道", "Fushan Bay coastal walk", "footway", 4,
     [(-60, -712), (40, -672), (180, -625), (320, -585), (500, -555), (700, -535), (880, -525)]),
]


def coast_y(x):
    for (x1, y1), (x2, y2) in zip(COAST, COAST[1:]):
        if x1 <= x <= x2:
            return y1 + (y2 - y1) * (x - x1) / (x2 - x1)
    raise ValueError(x)


def boundary_pts():
    # Counter-clockwise: the coast west to east, Shandong Road north, the north edge west,
    # Taipingjiao 6th Road south.
    return COAST + [(900, 0), (900, 560)] + JIANGXI + ZHIQUAN[4:]


def sea_pts():
    # Fushan Bay and the Yellow Sea beyond it: far past the district, so the
    # sea meets the horizon instead of stopping at a straight edge.
    return ([(-6000, -1200), (-3000, -1150), (-1150, -1000)] + COAST +
            [(1150, -480), (2200, -420), (6000, -600), (6000, -7000), (-6000, -7000)])


def coastal_strip_pts(x0, x1, depth):
    xs = [x0] + [x for x, _ in COAST if x0 < x < x1] + [x1]
    south = [(x, coast_y(x) + 2) for x in xs]
    north = [(x, coast_y(x) + depth) for x in reversed(xs)]
    return south + north


PARKS = [
    ("park-coastal-green", "浮山湾滨海绿带", "Fushan Bay coastal green strip",
     coastal_strip_pts(-60, 880, 48)),
    ("park-zhanshan-temple", "湛山寺绿地", "Zhanshan Temple grounds",
     [(-330, 180), (-150, 170), (-140, 300), (-175, 380), (-330, 385), (-345, 280)]),
    ("park-yancheng-green", "盐城路街心绿地（示例）", "Yancheng Road pocket park (illustrative)",
     rect(400, 600, 470, 660)),
]


# ---------------------------------------------------------------------------
# Buildings
# ---------------------------------------------------------------------------
# Each spec: id, names, address, status, year, height, floors, podium floors,
# geometry (list of polygons; each a list of rings: outline then holes),
# use profile, tier (industry mix), whether floor_heights / floor_records are given.

def podium_tower(podium, towers):
    """MultiPolygon spec: podium polygon first, then tower polygons (inside the podium)."""
    return [[ccw(podium)]] + [[ccw(t)] for t in towers]


def single(outline, holes=()):
    return [[ccw(outline)] + [cw(h) for h in holes]]


REAL = [
    dict(id="everbright-ifc", name="光大国际金融中心", name_en="Everbright International Financial Center",
         year=2004, height=100.0, floors=25, podium=4,
         geom=podium_tower(rect(210, 40, 320, 110), [rect(235, 52, 280, 102)]),
         profile="office", tier="A", tax=128_600_000, rent=4.8,
         note="Real building; position and footprint estimated (position unknown in sources), "
              "height and floors estimated. More than 100 M CNY tax in 2010 [S]."),
    dict(id="wtc", name="青岛世贸中心 A/B座", name_en="Qingdao World Trade Center A & B",
         address="香港中路6号", address_en="6 Xianggang Middle Road",
         year=2000, height=118.0, floors=30, podium=4,
         geom=podium_tower(rect(475, -108, 595, -40),
                           [rect(484, -100, 524, -55), rect(550, -98, 588, -56)]),
         tower_heights=[118.0, 105.0],
         profile="office", tier="A", tax=117_300_000, rent=4.6,
         note="Real building (towers A and B on one podium); address sourced, position, "
              "footprint, height and floors estimated. More than 100 M CNY tax in 2010 [S]."),
    dict(id="petroleum", name="石油大厦", name_en="Petroleum Building",
         address="延安三路", address_en="Yan'an San Road",
         year=1998, height=80.0, floors=20, podium=0,
         geom=single(chamfer(205, 300, 255, 345, 6)),
         profile="office", tier="B", tax=21_400_000, rent=3.2, clubhouse=True,
         note="Real building on Yan'an San Road [S]; first Red Clubhouse [S]. Position, "
              "footprint, height and floors estimated."),
    dict(id="huayin", name="华银大厦", name_en="Huayin Building",
         year=1999, height=80.0, floors=20, podium=0,
         geom=single(rect(725, -105, 775, -57)),
         profile="office", tier="B", tax=18_900_000, rent=3.3, clubhouse=True,
         note="Real building with the second Red Clubhouse [S]; position unknown in sources, "
              "position, footprint, height and floors estimated."),
    dict(id="agora", name="海航万邦中心", name_en="Qingdao Agora (HNA Wanbang Center)",
         address="延安三路234号", address_en="234 Yan'an San Road",
         status="under_construction", year=2011, height=238.3, floors=52, podium=5,
         geom=podium_tower(rect(205, -290, 285, -190), [rect(220, -265, 270, -215)]),
         profile="office", tier="A", tax=0, rent=5.5,
         note="Real building; address, height 238.3 m and 52 floors sourced, completing in 2011 [S]. "
              "Position and footprint estimated."),
    dict(id="crcc-center", name="中铁青岛中心（青岛国际贸易中心）",
         name_en="China Railway Qingdao Center (Qingdao International Trade Center)",
         address="香港中路8号", address_en="8 Xianggang Middle Road",
         status="under_construction", year=2014, height=237.7, floors=56, podium=5,
         geom=podium_tower(rect(620, 35, 800, 150),
                           [rect(632, 92, 678, 140), rect(695, 92, 741, 140), rect(752, 45, 792, 85)]),
         tower_heights=[237.7, 237.7, 188.8],
         profile="office", tier="A", tax=None, rent=None,
         note="Real project under construction in 2011 [S]; towers A/B 237.7 m and C 188.8 m sourced, "
              "modelled as one building with parts. Floors, completion year, position and footprint estimated."),
    dict(id="shangri-la-centre", name="香格里拉中心", name_en="Shangri-La Centre",
         address="香港中路9号", address_en="9 Xianggang Middle Road",
         year=2008, height=125.0, floors=31, podium=3,
         geom=single(rect(548, 225, 588, 264)),
         profile="shangri_centre", tier="A", tax=46_800_000, rent=5.2,
         note="Real building; address, 31 floors, completion 2008 and 22,700 m² of offices sourced. "
              "Height, position and footprint estimated; floors 20-31 modelled as serviced apartments."),
    dict(id="shangri-la-hotel", name="香格里拉大酒店", name_en="Shangri-La Hotel Qingdao, main tower",
         year=1997, height=100.0, floors=25, podium=3,
         geom=single(l_shape(440, 185, 505, 255, "se", 30, 35)),
         profile="hotel", tier="C", tax=24_500_000, rent=None,
         note="Real building; position, height, floors and footprint estimated."),
    dict(id="hisense", name="海信大厦", name_en="Hisense Tower",
         address="东海西路17号", address_en="17 Donghai West Road",
         year=1998, height=110.0, floors=28, podium=4,
         geom=podium_tower(rect(598, -300, 668, -222), [rect(610, -290, 656, -234)]),
         profile="office", tier="H", tax=56_200_000, rent=4.2,
         note="Real building; address sourced. Position (moved ~100 m south, next to Donghai West Road), "
              "footprint, height and floors estimated."),
    dict(id="yuyuan", name="裕源大厦", name_en="Yuyuan Building",
         address="新湛路11号", address_en="11 Xinzhan Road",
         year=1997, height=66.0, floors=18, podium=0,
         geom=single(l_shape(280, 485, 340, 535, "nw", 22, 20)),
         profile="office", tier="B", tax=9_300_000, rent=2.7, no_heights=True, no_records=True,
         note="Real building; address sourced. Position, footprint, height and floors estimated. "
              "No per-floor occupancy data."),
    dict(id="haitian", name="海天大酒店", name_en="Haitian Hotel",
         address="香港西路48号", address_en="48 Xianggang West Road",
         year=1988, height=82.0, floors=21, podium=0,
         geom=single(l_shape(-195, -700, -125, -650, "ne", 30, 25)),
         profile="hotel", tier="C", tax=15_700_000, rent=None, no_heights=True, no_records=True,
         note="Real building (opened 1988, replaced by Haitian Center after 2013); position sourced "
              "(36.0564, 120.3647). Footprint, height and floors estimated. No per-floor occupancy data."),
]

# The 22 illustrative buildings: (number, shape, floors, podium floors, tier, extras).
# Numbers run 12..33 so that names like "示例大厦 12号" never collide with real ones.
SAMPLES = [
    (12, single(rect(210, 160, 268, 210)), 16, 0, "B", {}),
    (13, single(rect(295, 170, 355, 250), [rect(313, 192, 337, 228)]), 12, 0, "C", {}),
    (14, single(l_shape(290, 300, 355, 362, "ne", 28, 30)), 14, 0, "C", {}),
    (15, single(rect(205, 400, 255, 440)), 10, 0, "C", {"no_records": True}),
    (16, single(rect(400, 35, 450, 100)), 24, 0, "B", {}),
    (17, podium_tower(rect(480, 40, 570, 120), [rect(500, 55, 550, 105)]), 34, 4, "A", {}),
    (18, single(chamfer(820, 35, 878, 95, 8)), 28, 0, "B", {}),
    (19, single(u_shape(645, 200, 715, 260, "n", 24, 25)), 11, 0, "C", {}),
    (20, single(rect(815, 170, 880, 300), [rect(835, 195, 860, 275)]), 8, 0, "C", {}),
    (21, single(rect(420, 330, 478, 382)), 22, 0, "B", {}),
    (22, single(l_shape(520, 340, 590, 410, "nw", 32, 30)), 17, 0, "B", {}),
    (23, single(rect(660, 325, 715, 385)), 26, 0, "B", {}),
    (24, podium_tower(rect(785, 365, 865, 450), [rect(800, 380, 845, 430)]), 38, 4, "A", {}),
    (25, single(rect(425, 455, 470, 525)), 15, 0, "C", {}),
    (26, single(rect(330, -100, 390, -45)), 18, 0, "B", {}),
    (27, single(rect(320, -275, 375, -205)), 13, 0, "C", {"no_heights": True}),
    (28, single(rect(425, -290, 510, -205), [rect(450, -265, 485, -230)]), 8, 0, "C", {}),
    (29, single(l_shape(825, -280, 880, -160, "sw", 25, 55)), 16, 0, "B", {}),
    (30, single(u_shape(700, -290, 775, -205, "s", 25, 30)), 12, 0, "C", {}),
    (31, podium_tower(rect(215, 600, 305, 680), [rect(235, 615, 285, 665)]), 32, 4, "A",
     {"status": "under_construction", "year": 2012}),
    (32, single(rect(95, 50, 155, 118)), 15, 0, "C", {}),
    (33, single(rect(0, -175, 62, -100)), 12, 0, "C", {}),
]

SAMPLE_STREETS = {
    # sample number -> (street zh, street en, house number)
    12: ("延安三路", "Yan'an San Road", 221), 13: ("盐城路", "Yancheng Road", 7),
    14: ("盐城路", "Yancheng Road", 15), 15: ("延安三路", "Yan'an San Road", 247),
    16: ("香港中路", "Xianggang Middle Road", 12), 17: ("香港中路", "Xianggang Middle Road", 10),
    18: ("山东路", "Shandong Road", 2), 19: ("香港中路", "Xianggang Middle Road", 11),
    20: ("山东路", "Shandong Road", 6), 21: ("盐城路", "Yancheng Road", 20),
    22: ("盐城路", "Yancheng Road", 26), 23: ("新湛路", "Xinzhan Road", 18),
    24: ("山东路", "Shandong Road", 10), 25: ("新湛路", "Xinzhan Road", 5),
    26: ("香港中路", "Xianggang Middle Road", 2), 27: ("延安三路", "Yan'an San Road", 238),
    28: ("东海西路", "Donghai West Road", 11), 29: ("山东路", "Shandong Road", 1),
    30: ("东海西路", "Donghai West Road", 21), 31: ("江西路", "Jiangxi Road", 9),
    32: ("延安三路", "Yan'an San Road", 216), 33: ("香港西路", "Xianggang West Road", 6),
}

CLUBHOUSE = {
    "name": "红色会所",
    "name_en": "Red Clubhouse",
    "windows": [
        {"name": "区服务发展局", "name_en": "District Service-Development Bureau"},
        {"name": "区商务局", "name_en": "District Commerce Bureau"},
        {"name": "国税局", "name_en": "State Tax Bureau"},
        {"name": "地税局", "name_en": "Local Tax Bureau"},
        {"name": "湛山工商所", "name_en": "Zhanshan Industry & Commerce Office"},
        {"name": "香港西路交警中队", "name_en": "Xianggang West Road Traffic Police Squadron"},
        {"name": "湛山派出所", "name_en": "Zhanshan Police Station"},
    ],
    "offerings": [
        {"name": "企业注册与税务咨询", "name_en": "Company registration and tax advice"},
        {"name": "营业执照年检上门服务", "name_en": "On-site annual business-licence inspection"},
        {"name": "驾驶证换证", "name_en": "Driving-licence renewal"},
        {"name": "法律咨询", "name_en": "Legal advice"},
        {"name": "培训", "name_en": "Training"},
        {"name": "健康体检", "name_en": "Health checks"},
    ],
}

# ---------------------------------------------------------------------------
# Enterprises
# ---------------------------------------------------------------------------

INDUSTRIES = ["finance", "insurance", "trade", "logistics", "it", "consulting", "law",
              "real_estate", "advertising", "manufacturing_hq", "tourism", "education",
              "healthcare", "government_services"]

# Industry mix by building tier: A = big towers (finance and insurance concentrate there),
# B = mid-size office buildings, C = small or older buildings, H = a group headquarters.
TIER_WEIGHTS = {
    "A": [30, 15, 12, 8, 6, 8, 6, 5, 3, 4, 1, 1, 1, 0],
    "B": [9, 7, 18, 14, 12, 10, 5, 7, 6, 4, 3, 2, 2, 1],
    "C": [3, 3, 22, 16, 14, 11, 4, 8, 8, 2, 4, 3, 2, 0],
    "H": [8, 5, 14, 10, 14, 8, 3, 4, 4, 28, 1, 0, 1, 0],
}

INDUSTRY_WORDS = {
    "finance": [("投资管理", "Investment Management"), ("资产管理", "Asset Management"),
                ("融资担保", "Financing Guarantee"), ("股权投资", "Equity Investment"),
                ("创业投资", "Venture Capital"), ("投资咨询", "Investment Consulting")],
    "insurance": [("保险代理", "Insurance Agency"), ("保险经纪", "Insurance Brokerage"),
                  ("保险公估", "Insurance Assessment")],
    "trade": [("国际贸易", "International Trading"), ("进出口", "Import & Export"),
              ("商贸", "Trading"), ("实业发展", "Industrial Development"), ("工贸", "Industry & Trade")],
    "logistics": [("国际物流", "International Logistics"), ("船务", "Shipping"),
                  ("国际货运代理", "International Freight Forwarding"), ("海运", "Marine Shipping"),
                  ("供应链管理", "Supply Chain Management")],
    "it": [("信息技术", "Information Technology"), ("软件", "Software"),
           ("网络科技", "Network Technology"), ("数码科技", "Digital Technology"),
           ("电子商务", "E-Commerce")],
    "consulting": [("企业管理咨询", "Business Management Consulting"),
                   ("财务咨询", "Financial Consulting"), ("人力资源", "Human Resources"),
                   ("工程咨询", "Engineering Consulting"), ("税务师事务所", "Tax Agents")],
    "law": [("法律咨询", "Legal Consulting"), ("知识产权代理", "Intellectual Property Agency"),
            ("商标代理", "Trademark Agency")],
    "real_estate": [("置业", "Property"), ("房地产开发", "Real Estate Development"),
                    ("物业管理", "Property Management"), ("房产经纪", "Real Estate Agency")],
    "advertising": [("广告", "Advertising"), ("文化传媒", "Culture & Media"),
                    ("会展服务", "Exhibition Services"), ("设计", "Design")],
    "manufacturing_hq": [("实业", "Industrial"), ("机械", "Machinery"), ("电子", "Electronics"),
                         ("食品", "Foods"), ("橡胶", "Rubber"), ("纺织", "Textiles"),
                         ("海洋生物", "Marine Biotech")],
    "tourism": [("国际旅行社", "International Travel Service"), ("旅游发展", "Tourism Development"),
                ("酒店管理", "Hotel Management")],
    "education": [("教育咨询", "Education Consulting"), ("职业培训", "Vocational Training"),
                  ("外语培训", "Language Training")],
    "healthcare": [("医疗投资", "Medical Investment"), ("医药", "Pharmaceutical"),
                   ("健康管理", "Health Management")],
    "government_services": [("企业登记代理", "Company Registration Agency"),
                            ("商务秘书服务", "Business Secretarial Services"),
                            ("人才服务", "Talent Services")],
}

SYL1 = [("海", "Hai"), ("华", "Hua"), ("瑞", "Rui"), ("泰", "Tai"), ("鑫", "Xin"), ("宏", "Hong"),
        ("恒", "Heng"), ("嘉", "Jia"), ("金", "Jin"), ("东", "Dong"), ("中", "Zhong"), ("新", "Xin"),
        ("联", "Lian"), ("远", "Yuan"), ("盛", "Sheng"), ("德", "De"), ("永", "Yong"), ("汇", "Hui"),
        ("博", "Bo"), ("蓝", "Lan"), ("润", "Run"), ("天", "Tian"), ("同", "Tong"), ("长", "Chang"),
        ("万", "Wan"), ("正", "Zheng"), ("宝", "Bao"), ("凯", "Kai"), ("浩", "Hao"), ("骏", "Jun")]
SYL2 = [("润", "run"), ("达", "da"), ("通", "tong"), ("丰", "feng"), ("源", "yuan"), ("诚", "cheng"),
        ("安", "an"), ("泰", "tai"), ("和", "he"), ("成", "cheng"), ("信", "xin"), ("恒", "heng"),
        ("晟", "sheng"), ("邦", "bang"), ("越", "yue"), ("辰", "chen"), ("隆", "long"), ("宇", "yu"),
        ("峰", "feng"), ("康", "kang"), ("湾", "wan"), ("岳", "yue"), ("航", "hang"), ("澜", "lan"),
        ("益", "yi"), ("铭", "ming")]
# Pairs that spell well-known company names: never generate them.
AVOID = {"海信", "华润", "中通", "中信", "中泰", "万达", "万通", "华安", "华泰", "华信", "宝安",
         "长安", "天安", "恒丰", "永安", "汇丰", "联通", "德邦", "海通", "东航", "海航", "中航",
         "长航", "宏源", "泰康", "正泰", "中安", "金和", "汇通", "长城", "天和", "新和", "中和",
         "同和", "华达", "宝丰", "万和", "海丰", "中远", "远航", "中成", "博康", "凯越", "永和",
         "东方", "华宇", "金源", "中海", "汇源", "嘉信", "宝信", "海润", "瑞丰", "宏达", "东岳",
         "正通", "长和", "永达", "华丰", "新通", "中润", "万宇", "金峰"}
CITY = [("青岛", "Qingdao"), ("山东", "Shandong")]


def company_name(rng, industry, taken):
    words = INDUSTRY_WORDS[industry]
    for _ in range(1000):
        c1, p1 = rng.choice(SYL1)
        c2, p2 = rng.choice(SYL2)
        if c1 == c2 or c1 + c2 in AVOID:
            continue
        pinyin = p1 + ("'" if p2[0] in "aeo" else "") + p2
        wz, we = rng.choice(words)
        cz, ce = CITY[0] if rng.random() < 0.85 else CITY[1]
        if rng.random() < 0.8:
            zh = f"{cz}{c1}{c2}{wz}有限公司"
            en = f"{ce} {pinyin} {we} Co., Ltd."
        else:
            zh = f"{c1}{c2}（{cz}）{wz}有限公司"
            en = f"{pinyin} ({ce}) {we} Co., Ltd."
        if zh not in taken and en not in taken:
            taken.add(zh)
            taken.add(en)
            return zh, en
    raise RuntimeError("ran out of company names")


# ---------------------------------------------------------------------------
# Building construction
# ---------------------------------------------------------------------------

def floor_heights_for(rng, height, floors, podium, fixed_height):
    """Floor-to-floor heights from the ground up: taller ground and podium floors, then typical."""
    first = [6.0, 5.0] if podium else [5.5, 4.5]
    pod = [4.5 if podium <= 4 else 4.2] * max(0, podium - 2)
    base = first[:floors] + pod
    base = base[:floors]
    rest = floors - len(base)
    if fixed_height:
        crown = 2.0
        t = (height - crown - sum(base)) / rest
        t = max(3.6, min(4.2, math.floor(t * 10) / 10))
    else:
        t = rng.choice([3.6, 3.7, 3.8, 3.9, 4.0, 4.2])
    fh = base + [t] * rest
    return [round(h, 1) for h in fh]


def part_area(poly):
    """Area of a polygon (list of open rings: outline, holes) in m²."""
    return abs(signed_area(poly[0])) - sum(abs(signed_area(h)) for h in poly[1:])


def phone_for(i):
    return f"0532-8000 {i:04d}"


def build_buildings(rng):
    specs = []
    for spec in REAL:
        specs.append(dict(spec, real=True))
    for num, geom, floors, podium, tier, extra in SAMPLES:
        street_zh, street_en, no = SAMPLE_STREETS[num]
        s = dict(id=f"sample-{num}", name=f"示例大厦 {num}号", name_en=f"Sample Tower {num}",
                 address=f"{street_zh}{no}号", address_en=f"{no} {street_en}",
                 floors=floors, podium=podium, geom=geom, profile="office", tier=tier,
                 real=False,
                 note="Illustrative building: name, address, position, footprint and all figures invented.")
        s.update(extra)
        specs.append(s)

    out = []
    for idx, s in enumerate(specs):
        status = s.get("status", "completed")
        floors = s["floors"]
        podium = s["podium"]
        fixed = "height" in s
        if fixed:
            height = s["height"]
            fh = floor_heights_for(rng, height, floors, podium, True)
        else:
            fh = floor_heights_for(rng, 0, floors, podium, False)
            height = round(sum(fh) + rng.choice([1.5, 2.5, 3.0, 4.0, 5.5]), 1)
        if not s["real"]:
            year = s.get("year", rng.randint(1993, 2010))
        else:
            year = s["year"]

        geom = s["geom"]
        multi = len(geom) > 1
        parts = None
        if multi:
            podium_h = round(sum(fh[:podium]), 1)
            tower_h = s.get("tower_heights", [height] * (len(geom) - 1))
            parts = [{"min_height_m": 0, "height_m": podium_h}]
            parts += [{"min_height_m": podium_h, "height_m": th} for th in tower_h]

        # Gross floor plate of each floor: the parts whose height range covers the floor.
        plates = []
        z = 0.0
        use_fh = fh if not s.get("no_heights") else [height / floors] * floors
        for k in range(floors):
            if not multi:
                plate = part_area(geom[0])
            elif k < podium:
                plate = part_area(geom[0])
            else:
                plate = sum(part_area(g) for g, p in zip(geom[1:], parts[1:])
                            if p["min_height_m"] <= z + 0.01 and z + 0.5 < p["height_m"])
            plates.append(plate)
            z += use_fh[k]
        gfa = int(round(sum(plates), -1))

        props = {"kind": "building", "name": s["name"], "name_en": s["name_en"]}
        if "address" in s:
            props["address"] = s["address"]
            props["address_en"] = s["address_en"]
        props["status"] = status
        props["year"] = year
        props["height_m"] = height
        props["floors"] = floors
        if not s.get("no_heights"):
            props["floor_heights"] = fh
        if parts:
            props["parts"] = parts
        props["gfa_m2"] = gfa

        # Rent, contact, tax.
        if s["real"]:
            rent = s.get("rent")
        elif status == "completed":
            base = {"A": 4.3, "B": 3.2, "C": 2.4}[s["tier"]]
            rent = round(base + rng.uniform(-0.3, 0.6) + (0.3 if year >= 2005 else 0.0), 1)
        else:
            rent = 4.5
        if rent is not None:
            props["rent_cny_m2_day"] = rent
        if status == "completed" or rent is not None:
            mgmt = rng.choice([("物业服务中心", "Property management office"),
                               ("招商部", "Leasing office"),
                               ("大厦管理处", "Building management office")])
            if status == "under_construction":
                mgmt = ("招商中心", "Pre-leasing office")
            props["contact"] = {"name": mgmt[0], "name_en": mgmt[1], "phone": phone_for(idx + 1)}
        if s["real"]:
            tax = s.get("tax")
        elif status == "completed":
            tax = int(round(gfa * rng.uniform(150, 700), -4))
            tax = max(2_000_000, min(60_000_000, tax))
        else:
            tax = 0
        if tax is not None:
            props["tax_2010_cny"] = tax
        if s.get("clubhouse"):
            props["services"] = json.loads(json.dumps(CLUBHOUSE))
        props["note"] = s["note"]

        out.append(dict(spec=s, props=props, plates=plates, geom=geom))
    return out


def floor_uses(b):
    s, p = b["spec"], b["props"]
    n = p["floors"]
    prof = s["profile"]
    uses = []
    for f in range(1, n + 1):
        if prof == "hotel":
            u = "retail" if f == 1 else ("plant" if f == n else "hotel")
        elif prof == "shangri_centre":
            u = "retail" if f <= 3 else ("office" if f <= 19 else ("plant" if f == n else "residential"))
        else:
            podium = s["podium"]
            if f == 1:
                u = "retail" if podium or n >= 12 else "mixed"
            elif f <= podium:
                u = "retail" if f == 2 else "mixed"
            elif f == n and n >= 20:
                u = "plant"
            elif n >= 30 and f in (17, 33):
                u = "plant"
            else:
                u = "office"
        uses.append(u)
    return uses


def add_floor_records(rng, b):
    """Per-floor occupancy records (also computed, but not written, for buildings without data)."""
    s, p = b["spec"], b["props"]
    uses = floor_uses(b)
    eff = rng.uniform(0.86, 0.92)
    bvac = rng.uniform(0.05, 0.22) if p["year"] < 2008 else rng.uniform(0.15, 0.30)
    recs = []
    for f in range(1, p["floors"] + 1):
        u = uses[f - 1]
        area = int(round(b["plates"][f - 1] * eff))
        if s["profile"] == "shangri_centre" and u == "office":
            area = 1419 if f <= 17 else 1417  # 14 x 1419 + 2 x 1417 = 22,700 m² of offices [S]
        vac = 0
        r = rng.random()
        if u == "office":
            if r < 0.02:
                vac = area
            elif r < 0.02 + bvac * 2.2:
                vac = int(round(area * rng.uniform(0.1, 0.8), -1))
        elif u in ("retail", "mixed", "residential"):
            if r < 0.3:
                vac = int(round(area * rng.uniform(0.05, 0.4), -1))
        vac = min(vac, area)
        recs.append({"floor": f, "use": u, "area_m2": area, "vacant_m2": vac})
    return recs


def add_enterprises(rng, buildings, taken):
    """Places enterprise records on office floors that are not fully vacant."""
    target = round(2763 * 0.76)
    occupied = []
    for b in buildings:
        if b["props"]["status"] != "completed" or b["spec"]["profile"] == "hotel":
            continue
        for r in b["recs"]:
            if r["use"] == "office" and r["vacant_m2"] < r["area_m2"]:
                occupied.append(r["area_m2"] - r["vacant_m2"])
    avg = sum(occupied) / target  # occupied office m² per enterprise record

    for b in buildings:
        p, s = b["props"], b["spec"]
        if p["status"] != "completed" or s["profile"] == "hotel":
            continue
        recs = {r["floor"]: r for r in b["recs"]}

        def ok(f):
            r = recs.get(f)
            return r is not None and r["use"] == "office" and r["vacant_m2"] < r["area_m2"]

        weights = TIER_WEIGHTS[s["tier"]][:]
        if s.get("clubhouse"):
            weights[INDUSTRIES.index("government_services")] += 3
        ents = []
        for f in range(1, p["floors"] + 1):
            if not ok(f):
                continue
            r = recs[f]
            occ = r["area_m2"] - r["vacant_m2"]
            x = occ / avg
            n = int(x) + (1 if rng.random() < x - int(x) else 0)
            for k in range(n):
                industry = rng.choices(INDUSTRIES, weights)[0]
                fl = [f]
                if k == 0 and rng.random() < 0.07:
                    span = rng.choice([2, 2, 3])
                    cand = list(range(f, f + span))
                    if all(ok(c) for c in cand):
                        fl = cand
                share = occ / max(n, 1) * len(fl)
                employees = max(3, int(share / rng.uniform(7, 16)))
                if industry in ("finance", "insurance"):
                    cap = rng.choice([10, 20, 30, 50, 100, 200, 300, 500]) * 1_000_000
                elif industry == "manufacturing_hq":
                    cap = rng.choice([5, 10, 30, 50, 100, 150]) * 1_000_000
                else:
                    cap = rng.choice([0.5, 1, 1, 2, 3, 5, 5, 10, 20, 30])
                    cap = int(cap * 1_000_000)
                lo = max(1995, p["year"])
                if rng.random() < 0.035:
                    since = 2011  # moved in during Q1 2011
                else:
                    since = rng.choice(list(range(lo, 2011)) + list(range(max(lo, 2006), 2011)))
                zh, en = company_name(rng, industry, taken)
                e = {"name": zh, "name_en": en, "industry": industry}
                if len(fl) == 1:
                    e["floor"] = fl[0]
                else:
                    e["floors"] = fl
                e["employees"] = employees
                e["registered_capital_cny"] = cap
                e["since"] = since
                ents.append(e)
        if ents:
            p["enterprises"] = ents


# ---------------------------------------------------------------------------
# Other features
# ---------------------------------------------------------------------------

POIS = [
    # id, category, name, name_en, (x, y), extras
    ("poi-zhanshan-temple", "landmark", "湛山寺", "Zhanshan Temple", None,
     {"address": "芝泉路2号", "lonlat": (120.3639, 36.0649)}),
    ("poi-shangri-la-hotel", "hotel", "香格里拉大酒店", "Shangri-La Hotel Qingdao", (478, 222), {}),
    ("poi-haitian-hotel", "hotel", "海天大酒店", "Haitian Hotel", None,
     {"address": "香港西路48号", "lonlat": (120.3647, 36.0564)}),
    ("poi-state-tax", "government", "青岛市国家税务局", "Qingdao Municipal State Tax Bureau", (560, 630),
     {"note": "In the Yancheng Road community [S]; position estimated."}),
    ("poi-red-clubhouse-1", "red_clubhouse", "红色会所（石油大厦）", "Red Clubhouse (Petroleum Building)",
     (230, 322), {"address": "延安三路"}),
    ("poi-red-clubhouse-2", "red_clubhouse", "红色会所（华银大厦）", "Red Clubhouse (Huayin Building)",
     (750, -78), {}),
    ("poi-bank-1", "bank", "银行网点（示例）A", "Bank branch A (illustrative)", (530, -30), {}),
    ("poi-bank-2", "bank", "银行网点（示例）B", "Bank branch B (illustrative)", (260, 40), {}),
    ("poi-bank-3", "bank", "银行网点（示例）C", "Bank branch C (illustrative)", (850, 100), {}),
    ("poi-bus-yanan-san", "bus", "延安三路站", "Yan'an San Road bus stop", (200, 150), {}),
    ("poi-bus-xianggang-middle", "bus", "香港中路站", "Xianggang Middle Road bus stop", (600, 18), {}),
    ("poi-bus-zhanshan-temple", "bus", "湛山寺站", "Zhanshan Temple bus stop", (-205, 470), {}),
    ("poi-bus-donghai-west", "bus", "东海西路站", "Donghai West Road bus stop", (450, -314), {}),
    ("poi-bus-shandong", "bus", "山东路站", "Shandong Road bus stop", (888, 350), {}),
    ("poi-parking-1", "parking", "停车场 P1（示例）", "Car park P1 (illustrative)", (560, 170), {}),
    ("poi-parking-2", "parking", "停车场 P2（示例）", "Car park P2 (illustrative)", (330, 420), {}),
    ("poi-parking-3", "parking", "停车场 P3（示例）", "Car park P3 (illustrative)", (600, -170), {}),
    ("poi-parking-4", "parking", "停车场 P4（示例）", "Car park P4 (illustrative)", (100, -280), {}),
    ("poi-restaurant-1", "restaurant", "海韵餐厅（示例）", "Haiyun Restaurant (illustrative)", (400, -150), {}),
    ("poi-restaurant-2", "restaurant", "湛山素食馆（示例）", "Zhanshan Vegetarian House (illustrative)",
     (-120, 400), {}),
    ("poi-restaurant-3", "restaurant", "盐城路小馆（示例）", "Yancheng Road Bistro (illustrative)",
     (395, 250), {}),
    ("poi-hospital-1", "hospital", "社区卫生服务中心（示例）", "Community health centre (illustrative)",
     (700, 520), {}),
    ("poi-hospital-2", "hospital", "门诊部（示例）", "Outpatient clinic (illustrative)", (-60, -240), {}),
    ("poi-school-1", "school", "小学（示例）", "Primary school (illustrative)", (-20, 640), {}),
    ("poi-school-2", "school", "培训学校（示例）", "Training school (illustrative)", (820, -200), {}),
    ("poi-park-temple", "park", "湛山寺绿地", "Zhanshan Temple grounds", (-240, 280), {}),
    ("poi-park-yancheng", "park", "盐城路街心绿地（示例）", "Yancheng Road pocket park (illustrative)",
     (435, 630), {}),
    ("poi-metro-yanan-san", "metro", "延安三路站（地铁3号线）", "Yan'an San Road station (Metro Line 3)",
     None, {"lonlat": (120.3685, 36.0615), "since": 2016}),
    ("poi-metro-may-fourth", "metro", "五四广场站（地铁3号线）", "May Fourth Square station (Metro Line 3)",
     None, {"lonlat": (120.3754, 36.0646), "since": 2016}),
]

# id, name, name_en, (x, y), heading, field of view, height (m), snapshot: the snapshots are
# illustrative pictures of what each would see, rendered by louyu itself from the camera's
# spot (tools/camera-snapshots.sh); the district's cameras have no real stream here
CAMERAS = [
    ("cam-xianggang-middle", "香港中路东望", "Xianggang Middle Road looking east", (185, -22), 80, 60,
     8, "cameras/xianggang-middle.jpg"),
    ("cam-fushan-bay", "浮山湾北望", "Fushan Bay looking north", (480, -555), 355, 75, 12,
     "cameras/fushan-bay.jpg"),
    ("cam-yanan-san", "延安三路南望", "Yan'an San Road looking south", (195, 985), 180, 50, 8,
     "cameras/yanan-san.jpg"),
]

ILLUSTRATIVE = [
    "Sourced [S] (青岛财经日报, 29 April 2011): 33 buildings over 5,000 m²; 2,763 registered "
    "enterprises, more than 70 % of them in these buildings; more than 85 % of the tax from them; "
    "91.95 M CNY tax and 115 new enterprises in Q1 2011; Everbright International Financial Center "
    "and World Trade Center each paid more than 100 M CNY tax in 2010; Red Clubhouses in the "
    "Petroleum and Huayin buildings with their service windows and services.",
    "Building positions are approximate (±100–250 m); the street layout, coastline, parks and "
    "the subdistrict boundary are approximate too.",
    "Building footprints are illustrative; heights and floors are illustrative except Qingdao "
    "Agora (238.3 m, 52 floors), China Railway Qingdao Center (237.7 m and 188.8 m towers) and "
    "Shangri-La Centre (31 floors, 22,700 m² of offices).",
    "22 of the 33 buildings are invented (named \"示例大厦 NN号\" / \"Sample Tower NN\"); their "
    "names, addresses and all their figures are illustrative.",
    "All per-floor occupancy (floor records, vacant space) is illustrative.",
    "All enterprise records are illustrative: company names are invented and any resemblance to "
    "real companies is coincidental; industries, floors, employees, registered capital and years "
    "are invented.",
    "Tax figures are illustrative except that exactly two buildings (Everbright International "
    "Financial Center and World Trade Center) paid more than 100 M CNY in 2010; their exact "
    "amounts are illustrative too.",
    "Completion years are illustrative except Haitian Hotel (1988), Shangri-La Centre (2008) and "
    "Qingdao Agora (completing 2011); gross floor areas are derived from the illustrative footprints.",
    "Rents and contacts (names, telephone numbers) are illustrative.",
    "Bank, parking, restaurant, bus-stop, hospital, school and park points are illustrative; the "
    "metro stations opened in December 2016 and are later additions.",
    "The three cameras are illustrative: their positions, headings and heights are invented and "
    "their snapshots are pictures rendered by louyu from each camera's spot, not video.",
]


def feature(fid, geometry, props):
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": props}


def build_collection():
    rng = random.Random(SEED)
    buildings = build_buildings(rng)
    taken = set()
    for b in buildings:
        p, s = b["props"], b["spec"]
        if p["status"] == "completed":
            recs = add_floor_records(rng, b)
            b["recs"] = recs
            if not s.get("no_records"):
                p["floor_records"] = recs
        else:
            b["recs"] = []
    add_enterprises(rng, buildings, taken)

    feats = []
    bnd = boundary_pts()
    feats.append(feature("boundary", {"type": "Polygon", "coordinates": [ring_ll(ccw(bnd))]},
                         {"kind": "boundary", "name": "湛山街道", "name_en": "Zhanshan Subdistrict",
                          "note": "Approximate outline, about %.1f km² as drawn (3.7 km² officially): "
                                  "Shandong Road (east), Fushan Bay (south), Taipingjiao 6th Road (west), "
                                  "Zhiquan and Jiangxi Roads (north)." % (abs(signed_area(bnd)) / 1e6)}))
    feats.append(feature("sea", {"type": "Polygon", "coordinates": [ring_ll(ccw(sea_pts()))]},
                         {"kind": "water", "name": "浮山湾", "name_en": "Fushan Bay", "water": "sea"}))
    for pid, zh, en, pts in PARKS:
        feats.append(feature(pid, {"type": "Polygon", "coordinates": [ring_ll(ccw(pts))]},
                             {"kind": "park", "name": zh, "name_en": en}))
    for rid, zh, en, cls, w, pts in ROADS:
        feats.append(feature(rid, {"type": "LineString", "coordinates": line_ll(pts)},
                             {"kind": "road", "name": zh, "name_en": en, "class": cls, "width_m": w}))
    for b in buildings:
        geom = b["geom"]
        if len(geom) == 1:
            g = {"type": "Polygon", "coordinates": [ring_ll(r) for r in geom[0]]}
        else:
            g = {"type": "MultiPolygon", "coordinates": [[ring_ll(r) for r in poly] for poly in geom]}
        feats.append(feature(b["spec"]["id"], g, b["props"]))
    for pid, cat, zh, en, xy, extra in POIS:
        if xy is None:
            lon, lat = extra["lonlat"]
            coords = [lon, lat]
        else:
            coords = to_lonlat(*xy)
        props = {"kind": "poi", "category": cat, "name": zh, "name_en": en}
        for k in ("address", "since", "note"):
            if k in extra:
                props[k] = extra[k]
        feats.append(feature(pid, {"type": "Point", "coordinates": coords}, props))
    for cid, zh, en, xy, heading, fov, height, snap in CAMERAS:
        feats.append(feature(cid, {"type": "Point", "coordinates": to_lonlat(*xy)},
                             {"kind": "camera", "name": zh, "name_en": en, "heading_deg": heading,
                              "fov_deg": fov, "height_m": height, "snapshot": snap}))

    louyu = {
        "schema": 1,
        "district": {"name": "湛山街道", "name_en": "Zhanshan Subdistrict",
                     "city": "青岛市市南区", "city_en": "Shinan District, Qingdao"},
        "data_date": "2011-04-29",
        "provenance": "Figures from 青岛财经日报 (Qingdao Financial Daily), 29 April 2011, "
                      "\"市南区部分楼宇企业可在'家门'办政事\"; building heights of Qingdao Agora and "
                      "China Railway Qingdao Center from public building data; footprints, "
                      "occupancy, enterprises and most other per-building figures illustrative "
                      "(generated by tools/gen_zhanshan.py).",
        "licence": "CC0-1.0",
        "illustrative": ILLUSTRATIVE,
        "figures": {
            "enterprises_registered": 2763,
            "enterprise_share_in_buildings_min": 0.70,
            "tax_share_buildings_min": 0.85,
            "tax_q1_2011_cny": 91950000,
            "new_enterprises_q1_2011": 115,
            "buildings_over_5000m2": 33,
            "area_km2": 3.7,
        },
    }
    return {"type": "FeatureCollection", "louyu": louyu, "features": feats}


# ---------------------------------------------------------------------------
# Output: human-readable layout so that line:col positions mean something
# ---------------------------------------------------------------------------

def is_scalar(v):
    return v is None or isinstance(v, (bool, int, float, str))


def num(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite number")
        if v == int(v) and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    raise TypeError(type(v))


def inline(v):
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if v is None:
        return "null"
    if isinstance(v, (bool, int, float)):
        return num(v)
    if isinstance(v, list):
        return "[" + ", ".join(inline(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + inline(x)
                               for k, x in v.items()) + "}"
    raise TypeError(type(v))


def flat(v):
    """A dict or list that goes on one line: only scalars or lists of scalars inside."""
    if isinstance(v, dict):
        return all(is_scalar(x) or (isinstance(x, list) and all(map(is_scalar, x))) for x in v.values())
    if isinstance(v, list):
        return all(is_scalar(x) or (isinstance(x, list) and all(map(is_scalar, x))) for x in v)
    return True


INLINE_KEYS = {"contact", "district"}


def render(v, ind, key=None):
    pad = "  " * ind
    if is_scalar(v):
        return inline(v)
    if isinstance(v, dict):
        if key in INLINE_KEYS:
            return inline(v)
        items = [f"{pad}  {json.dumps(k, ensure_ascii=False)}: {render(x, ind + 1, k)}"
                 for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        # Scalars (floor heights), a position, a ring or a line string: one line.
        if flat(v) and not (all(isinstance(x, str) for x in v) and sum(len(x) for x in v) > 80):
            return inline(v)
        items = []
        for x in v:
            if isinstance(x, dict) and flat(x):
                items.append(pad + "  " + inline(x))
            else:
                items.append(pad + "  " + render(x, ind + 1))
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    raise TypeError(type(v))


def dump(fc):
    return render(fc, 0) + "\n"


# ---------------------------------------------------------------------------
# Independent check of the written text (docs/data-format.md, schema 1)
# ---------------------------------------------------------------------------

KINDS = {"building", "road", "park", "water", "boundary", "poi", "camera"}
USES = {"office", "retail", "hotel", "residential", "parking", "plant", "mixed", "other"}
POI_CATS = {"metro", "bus", "bank", "hotel", "restaurant", "parking", "government", "landmark",
            "hospital", "school", "park", "red_clubhouse"}
ROAD_CLASSES = {"primary", "secondary", "tertiary", "residential", "footway"}


class Invalid(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise Invalid(msg)


def isnum(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def isint(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_position(p, where):
    need(isinstance(p, list) and len(p) in (2, 3) and all(isnum(c) for c in p), f"{where}: bad position {p}")
    need(-180 <= p[0] <= 180 and -90 <= p[1] <= 90, f"{where}: position out of range {p}")


def check_ring(r, where):
    need(isinstance(r, list) and len(r) >= 4, f"{where}: ring needs >= 4 positions")
    for p in r:
        check_position(p, where)
    need(r[0] == r[-1], f"{where}: ring not closed")
    xy = [to_xy(p) for p in r]
    need(abs(signed_area(xy[:-1])) > 1.0, f"{where}: ring has no area")
    es = edges(xy)
    n = len(es)
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            need(not segments_cross(es[i][0], es[i][1], es[j][0], es[j][1]),
                 f"{where}: ring crosses itself (edges {i}, {j})")
    return xy


def check_polygon(poly, where):
    need(isinstance(poly, list) and len(poly) >= 1, f"{where}: empty polygon")
    rings = [check_ring(r, f"{where} ring {i}") for i, r in enumerate(poly)]
    for i, h in enumerate(rings[1:], 1):
        need(all(point_in_ring(p, rings[0]) for p in h[:-1]), f"{where}: hole {i} outside outline")
        need(ring_min_dist(h, rings[0]) > 1.0, f"{where}: hole {i} touches outline")
    return rings


def polygons_of(geom, where):
    t = geom.get("type")
    if t == "Polygon":
        return [check_polygon(geom["coordinates"], where)]
    if t == "MultiPolygon":
        need(len(geom["coordinates"]) >= 1, f"{where}: empty MultiPolygon")
        return [check_polygon(pg, f"{where} polygon {i}") for i, pg in enumerate(geom["coordinates"])]
    raise Invalid(f"{where}: expected Polygon or MultiPolygon, got {t}")


def validate(text):
    need("\\u" not in text, "non-ASCII text must not be escaped")
    fc = json.loads(text)
    need(fc.get("type") == "FeatureCollection", "not a FeatureCollection")
    L = fc["louyu"]
    need(L.get("schema") == 1, "schema must be 1")
    need(isinstance(L["district"].get("name"), str) and L["district"].get("name_en"), "district name")
    need(re.fullmatch(r"\d{4}-\d{2}-\d{2}", L["data_date"]) is not None, "data_date")
    need(L["data_date"] == "2011-04-29" and L["licence"] == "CC0-1.0", "date/licence")
    need(all(isinstance(s, str) and s for s in L["illustrative"]), "illustrative must be strings")
    F = L["figures"]
    expect = {"enterprises_registered": 2763, "enterprise_share_in_buildings_min": 0.70,
              "tax_share_buildings_min": 0.85, "tax_q1_2011_cny": 91950000,
              "new_enterprises_q1_2011": 115, "buildings_over_5000m2": 33, "area_km2": 3.7}
    need(F == expect, f"figures differ: {F}")
    need("青岛财经日报" in L["provenance"] and "家门" in L["provenance"], "provenance")

    ids = set()
    stats = {"buildings": 0, "under_construction": 0, "enterprises": 0, "floor_records": 0,
             "area": 0.0, "vacant": 0.0, "floors_full_vacant": 0, "buildings_no_records": [],
             "big_tax": [], "enterprise_names": 0, "since_2011": 0}
    roads, parks, building_polys, boundary, sea = [], [], [], None, None
    clubhouses = []
    metro = 0
    for i, f in enumerate(fc["features"]):
        need(f.get("type") == "Feature", f"feature {i}: type")
        fid = f.get("id")
        where = f"feature {i} {fid!r}"
        need(isinstance(fid, (str, int)) and not isinstance(fid, bool), f"{where}: id")
        need(str(fid) not in ids, f"{where}: duplicate id")
        ids.add(str(fid))
        p = f["properties"]
        kind = p.get("kind")
        need(kind in KINDS, f"{where}: kind {kind}")
        g = f["geometry"]
        need(g is not None, f"{where}: null geometry")
        for k in ("name", "name_en"):
            need(k not in p or (isinstance(p[k], str) and p[k]), f"{where}: {k}")
        if kind in ("park", "water", "boundary"):
            polys = polygons_of(g, where)
            if kind == "park":
                parks.append(polys)
            elif kind == "water":
                need(p.get("water", "sea") in ("sea", "lake", "river"), f"{where}: water")
                sea = polys
            else:
                boundary = polys
        elif kind == "road":
            need(g["type"] == "LineString", f"{where}: road geometry")
            need(len(g["coordinates"]) >= 2, f"{where}: LineString needs 2 positions")
            for pos in g["coordinates"]:
                check_position(pos, where)
            need(p.get("class", "tertiary") in ROAD_CLASSES, f"{where}: class")
            need(isnum(p["width_m"]) and 0 < p["width_m"] <= 200, f"{where}: width_m")
            roads.append(([to_xy(q) for q in g["coordinates"]], p["width_m"], p["class"]))
        elif kind in ("poi", "camera"):
            need(g["type"] == "Point", f"{where}: point geometry")
            check_position(g["coordinates"], where)
            if kind == "poi":
                need(p.get("category") in POI_CATS, f"{where}: category")
                if p["category"] == "metro":
                    metro += 1
                    need(p.get("since") == 2016, f"{where}: metro since 2016")
                if "since" in p:
                    need(isint(p["since"]), f"{where}: since")
            else:
                need(isnum(p["heading_deg"]) and 0 <= p["heading_deg"] <= 360, f"{where}: heading")
                need(isnum(p["fov_deg"]) and 1 <= p["fov_deg"] <= 180, f"{where}: fov")
                need(isinstance(p["snapshot"], str) and p["snapshot"].startswith("cameras/")
                     and p["snapshot"].endswith(".jpg"), f"{where}: snapshot")
        else:
            polys = polygons_of(g, where)
            building_polys.append((fid, polys))
            stats["buildings"] += 1
            check_building(p, g, polys, where, stats, clubhouses, fid)

    # District-level promises.
    need(stats["buildings"] == 33, f"{stats['buildings']} buildings, expected 33")
    need(2 <= stats["under_construction"] <= 4, "2-4 buildings under construction")
    need(sorted(stats["big_tax"]) == ["everbright-ifc", "wtc"], f"buildings >= 100 M tax: {stats['big_tax']}")
    share = stats["enterprises"] / 2763
    need(0.72 <= share <= 0.80, f"enterprise share {share:.3f} outside 0.72-0.80")
    occ = 1 - stats["vacant"] / stats["area"]
    need(0.80 <= occ <= 0.90, f"occupancy {occ:.3f} outside 0.80-0.90")
    need(stats["floors_full_vacant"] >= 3, "a few floors must be fully vacant")
    need(2 <= len(stats["buildings_no_records"]) <= 3,
         f"completed buildings without floor records: {stats['buildings_no_records']}")
    need(sorted(clubhouses) == ["huayin", "petroleum"], f"Red Clubhouses in {clubhouses}")
    need(metro == 2, "two metro stations")
    need(2 <= len(parks) <= 4, "2-4 parks")
    need(sea is not None and boundary is not None, "sea and boundary")
    bnd_area = part_area([r[:-1] for r in boundary[0]]) / 1e6
    need(3.4 <= bnd_area <= 4.0, f"boundary area {bnd_area:.2f} km²")
    stats["boundary_km2"] = bnd_area

    # Buildings: apart from each other, off the roads, inside the district, out of the sea and parks.
    outlines = [(fid, [pg[0] for pg in polys]) for fid, polys in building_polys]
    for a in range(len(outlines)):
        fa, ra = outlines[a]
        for rr in ra:
            for pt in rr[:-1]:
                need(point_in_ring(pt, boundary[0][0]), f"building {fa} outside the boundary")
                need(not point_in_ring(pt, sea[0][0]), f"building {fa} in the sea")
            for park in parks:
                need(ring_min_dist(rr, park[0][0]) > 3 and not point_in_ring(rr[0], park[0][0])
                     and not point_in_ring(park[0][0][0], rr), f"building {fa} touches a park")
            for pts, w, cls in roads:
                for q1, q2 in zip(pts, pts[1:]):
                    d = min(seg_seg_dist(e1, e2, q1, q2) for e1, e2 in edges(rr))
                    need(d >= w / 2 + 3, f"building {fa} is on a road ({d:.1f} m from its centre line)")
        for b in range(a + 1, len(outlines)):
            fb, rb = outlines[b]
            for r1 in ra:
                for r2 in rb:
                    d = ring_min_dist(r1, r2)
                    need(d >= 8 and not point_in_ring(r1[0], r2) and not point_in_ring(r2[0], r1),
                         f"buildings {fa} and {fb} overlap or touch ({d:.1f} m)")
    return fc, stats


def check_building(p, g, polys, where, stats, clubhouses, fid):
    need(isnum(p.get("height_m")) and 0 < p["height_m"] <= 1000, f"{where}: height_m")
    H = p["height_m"]
    n = p.get("floors")
    need(isint(n) and 1 <= n <= 300, f"{where}: floors")
    need(p.get("status", "completed") in ("completed", "under_construction"), f"{where}: status")
    need("year" not in p or (isint(p["year"]) and 1800 <= p["year"] <= 2100), f"{where}: year")
    need(isinstance(p.get("name"), str) and isinstance(p.get("name_en"), str), f"{where}: names")
    if "min_height_m" in p:
        need(isnum(p["min_height_m"]) and 0 <= p["min_height_m"] < H, f"{where}: min_height_m")
    if "floor_heights" in p:
        fh = p["floor_heights"]
        need(isinstance(fh, list) and len(fh) == n, f"{where}: floor_heights length {len(fh)} != {n}")
        need(all(isnum(h) and h > 0 for h in fh), f"{where}: floor_heights > 0")
        need(sum(fh) <= H * 1.01, f"{where}: floor_heights sum {sum(fh):.1f} > height {H}")
        need(5.0 <= fh[0] <= 6.0, f"{where}: ground floor height")
    if "parts" in p:
        need(g["type"] == "MultiPolygon" and len(p["parts"]) == len(g["coordinates"]),
             f"{where}: parts length must equal the number of polygons")
        for k, part in enumerate(p["parts"]):
            lo, hi = part["min_height_m"], part["height_m"]
            need(isnum(lo) and isnum(hi) and 0 <= lo < hi <= H, f"{where}: part {k} heights")
        need(p["parts"][0]["min_height_m"] == 0 and 18 <= p["parts"][0]["height_m"] <= 24,
             f"{where}: podium height")
        podium = polys[0][0]
        for k, pg in enumerate(polys[1:], 1):
            need(p["parts"][k]["min_height_m"] == p["parts"][0]["height_m"], f"{where}: tower base")
            need(all(point_in_ring(q, podium) for q in pg[0][:-1]) and ring_min_dist(pg[0], podium) > 1,
                 f"{where}: tower {k} not inside the podium")
        need(max(part["height_m"] for part in p["parts"]) == H, f"{where}: tallest part != height")
    elif g["type"] == "MultiPolygon":
        raise Invalid(f"{where}: MultiPolygon building without parts")
    gfa = p.get("gfa_m2")
    need(isnum(gfa) and gfa > 5000, f"{where}: gfa_m2 must exceed 5,000 m²")
    # gfa roughly footprint x floors.
    if len(polys) == 1:
        foot, lo = part_area([r[:-1] for r in polys[0]]), 0.95
    else:
        foot, lo = abs(signed_area(polys[0][0][:-1])), 0.15  # the podium holds the towers
    need(lo * foot * n <= gfa <= 1.01 * foot * n, f"{where}: gfa {gfa} vs footprint {foot:.0f} x {n}")
    if "rent_cny_m2_day" in p:
        need(isnum(p["rent_cny_m2_day"]) and 2.0 <= p["rent_cny_m2_day"] <= 5.5, f"{where}: rent")
    if "contact" in p:
        c = p["contact"]
        need(c.get("name") and c.get("name_en") and re.fullmatch(r"0532-8\d{3} \d{4}", c["phone"]),
             f"{where}: contact")
    tax = p.get("tax_2010_cny")
    uc = p.get("status") == "under_construction"
    if tax is not None:
        need(isnum(tax) and tax >= 0, f"{where}: tax")
        if tax >= 100_000_000:
            stats["big_tax"].append(fid)
        elif uc:
            need(tax == 0, f"{where}: tax while under construction")
        else:
            need(2_000_000 <= tax <= 60_000_000, f"{where}: tax {tax} outside 2-60 M")
    if "services" in p:
        s = p["services"]
        need(s["name"] and s["name_en"] and len(s["windows"]) == 7 and len(s["offerings"]) == 6,
             f"{where}: services")
        need(all(x.get("name") and x.get("name_en") for x in s["windows"] + s["offerings"]),
             f"{where}: services entries")
        clubhouses.append(fid)
    if uc:
        stats["under_construction"] += 1
        need("floor_records" not in p and "enterprises" not in p, f"{where}: data while under construction")
        return

    recs = {}
    if "floor_records" in p:
        for r in p["floor_records"]:
            f = r["floor"]
            need(isint(f) and 1 <= f <= n, f"{where}: floor record {f} outside 1..{n}")
            need(f not in recs, f"{where}: floor {f} recorded twice")
            need(r["use"] in USES, f"{where}: use {r['use']}")
            need(isnum(r["area_m2"]) and r["area_m2"] > 0, f"{where}: area_m2")
            need(isnum(r["vacant_m2"]) and 0 <= r["vacant_m2"] <= r["area_m2"], f"{where}: vacant_m2")
            recs[f] = r
            stats["floor_records"] += 1
            stats["area"] += r["area_m2"]
            stats["vacant"] += r["vacant_m2"]
            if r["vacant_m2"] == r["area_m2"]:
                stats["floors_full_vacant"] += 1
        need(len(recs) == n, f"{where}: a record for every floor")
    else:
        stats["buildings_no_records"].append(fid)

    names = set()
    for e in p.get("enterprises", []):
        need(isinstance(e.get("name"), str) and e["name"], f"{where}: enterprise name")
        need(e["name"] not in names and e["name_en"] not in names, f"{where}: duplicate enterprise {e['name']}")
        names.add(e["name"])
        names.add(e["name_en"])
        need(e["industry"] in INDUSTRIES, f"{where}: industry {e['industry']}")
        need(("floor" in e) != ("floors" in e), f"{where}: floor xor floors")
        fl = [e["floor"]] if "floor" in e else e["floors"]
        need(all(isint(x) and 1 <= x <= n for x in fl), f"{where}: enterprise floor {fl}")
        if "floors" in e:
            need(2 <= len(fl) <= 3 and fl == list(range(fl[0], fl[0] + len(fl))),
                 f"{where}: floors must be 2-3 contiguous")
        if recs:
            need(all(recs[x]["use"] == "office" and recs[x]["vacant_m2"] < recs[x]["area_m2"] for x in fl),
                 f"{where}: enterprise on a non-office or fully vacant floor {fl}")
        need(isint(e["employees"]) and e["employees"] >= 0, f"{where}: employees")
        need(isnum(e["registered_capital_cny"]) and e["registered_capital_cny"] >= 0, f"{where}: capital")
        need(isint(e["since"]) and 1995 <= e["since"] <= 2011, f"{where}: since")
        stats["enterprises"] += 1
        if e["since"] == 2011:
            stats["since_2011"] += 1


def main(argv):
    root = Path(__file__).resolve().parent.parent
    out = Path(argv[1]) if len(argv) > 1 else root / "data" / "zhanshan.geojson"
    text = dump(build_collection())
    if dump(build_collection()) != text:
        sys.exit("gen_zhanshan: output is not deterministic")
    try:
        fc, st = validate(text)
    except Invalid as e:
        sys.exit(f"gen_zhanshan: refusing to write invalid data: {e}")
    size = len(text.encode("utf-8"))
    if size > 2_000_000:
        sys.exit(f"gen_zhanshan: output too large ({size} bytes)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)
    occ = 1 - st["vacant"] / st["area"]
    print(f"wrote {out}: {size} bytes, {len(fc['features'])} features, {st['buildings']} buildings "
          f"({st['under_construction']} under construction), {st['enterprises']} enterprises "
          f"({st['enterprises'] / 2763:.1%} of 2,763; {st['since_2011']} since 2011), "
          f"{st['floor_records']} floor records, area {st['area']:.0f} m², vacant {st['vacant']:.0f} m² "
          f"(occupancy {occ:.1%}, {st['floors_full_vacant']} floors fully vacant), "
          f"no records: {', '.join(st['buildings_no_records'])}; >=100 M tax: {', '.join(st['big_tax'])}; "
          f"boundary {st['boundary_km2']:.2f} km²")


if __name__ == "__main__":
    main(sys.argv)
