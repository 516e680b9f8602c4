#!/usr/bin/env python3
"""Draws louyu's map pictograms (points of interest) and writes them as PNG masks.

Each icon is built here from simple vector shapes (circles, rounded rectangles,
polygons, thick strokes) and written to assets/icons/NAME.png:

  64 x 64 px, PNG colour type 0 (8-bit grey, no alpha, no palette). The grey value is
  coverage: 255 = inside the pictogram, 0 = empty, in between = anti-aliased edge.
  One channel is what the program wants (stb_image loads it with 1 component) and
  it draws the mask in white on a coloured 64 px disc, so the shapes stay inside
  the disc and fill about 70 % of the square, with the parts that carry the shape
  5 px thick or more so that they still read at 16-20 px on screen (finer touches,
  such as the fork's tines or the flagpole, may blur there without harm).

Anti-aliasing is by supersampling: 4 x 4 samples a pixel, each sample in or out.

Deterministic: no time, no randomness, fixed zlib level, no ancillary PNG chunks,
and coordinates computed with trigonometry are snapped to 1/1024 px, so the last-bit
differences between C libraries' sin/cos cannot move a sample: the same bytes on
every run.

Usage: tools/make-icons.py [--out DIR] [--sheet PNG [--zoom N]]
  --out DIR     where the icons go (default: assets/icons beside this script's folder)
  --sheet PNG   also write a contact sheet: every icon white on a coloured disc at
                64 px and at 20 px (and that 20 px one magnified 3x), for checking
                them by eye. The sheet is not part of the sources.
  --zoom N      magnify the sheet N times, pixel for pixel (default 1)
"""
import math
import os
import struct
import sys
import zlib

SIZE = 64      # the icons' side in pixels
SS = 4         # samples a pixel along each axis
ZLEVEL = 9     # fixed, so the compressed bytes are the same on every run


# ---- shapes --------------------------------------------------------------------------
# A shape is (ymin, ymax, spans): spans(y) gives the x intervals covered at height y.
# Filling by horizontal spans keeps the pure-Python rasteriser fast enough.

def snap(v):
    """Rounds to 1/1024 px so that libm differences in sin/cos cannot change a sample."""
    return round(v * 1024) / 1024


def circle(cx, cy, r):
    def spans(y):
        d = r * r - (y - cy) ** 2
        if d <= 0:
            return []
        h = math.sqrt(d)  # correctly rounded by IEEE 754, so it is deterministic
        return [(cx - h, cx + h)]
    return (cy - r, cy + r, spans)


def poly(*contours):
    """Polygon of one or more contours, even-odd rule (an inner contour makes a hole)."""
    edges = []
    for pts in contours:
        pts = [(snap(x), snap(y)) for x, y in pts]
        for a, b in zip(pts, pts[1:] + pts[:1]):
            if a[1] != b[1]:
                edges.append((a, b))
    ys = [y for e in edges for _, y in e]

    def spans(y):
        xs = sorted(x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                    for (x1, y1), (x2, y2) in edges if (y1 <= y < y2) or (y2 <= y < y1))
        return list(zip(xs[0::2], xs[1::2]))
    return (min(ys), max(ys), spans)


def arc_pts(cx, cy, r, a0, a1, steps):
    """Points on a circle from angle a0 to a1 in degrees (0 = +x, 90 = down: y grows down)."""
    return [(cx + r * math.cos(math.radians(a0 + (a1 - a0) * k / steps)),
             cy + r * math.sin(math.radians(a0 + (a1 - a0) * k / steps)))
            for k in range(steps + 1)]


def rrect_pts(x0, y0, x1, y1, r):
    if r <= 0:
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return (arc_pts(x1 - r, y0 + r, r, -90, 0, 8) + arc_pts(x1 - r, y1 - r, r, 0, 90, 8)
            + arc_pts(x0 + r, y1 - r, r, 90, 180, 8) + arc_pts(x0 + r, y0 + r, r, 180, 270, 8))


def rrect(x0, y0, x1, y1, r=0):
    return poly(rrect_pts(x0, y0, x1, y1, r))


def rotate(pts, deg, cx, cy):
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c) for x, y in pts]


def line(p, q, w, cap=True):
    """A stroke of width w from p to q; round caps unless cap is False."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    n = math.hypot(dx, dy)
    ox, oy = -dy / n * w / 2, dx / n * w / 2
    body = poly([(p[0] + ox, p[1] + oy), (q[0] + ox, q[1] + oy),
                 (q[0] - ox, q[1] - oy), (p[0] - ox, p[1] - oy)])
    return [body, circle(*p, w / 2), circle(*q, w / 2)] if cap else [body]


def polyline(pts, w):
    """Round-jointed stroke through pts."""
    return [line(a, b, w) for a, b in zip(pts, pts[1:])]


def star_pts(cx, cy, outer, inner, n=5):
    """An n-pointed star, first point straight up."""
    return [(cx + (outer if k % 2 == 0 else inner) * math.cos(math.radians(-90 + 180 * k / n)),
             cy + (outer if k % 2 == 0 else inner) * math.sin(math.radians(-90 + 180 * k / n)))
            for k in range(2 * n)]


def flat(shapes):
    for s in shapes:
        if isinstance(s, list):
            yield from flat(s)
        else:
            yield s


# ---- the canvas ----------------------------------------------------------------------

class Canvas:
    """A size x size picture held as SS x SS on/off samples a pixel, painted in order."""

    def __init__(self, size=SIZE):
        self.size, self.n = size, size * SS
        self.bits = bytearray(self.n * self.n)

    def _fill(self, shapes, value):
        n = self.n
        for ymin, ymax, spans in flat(shapes):
            # a sample is covered when its centre, (i + 0.5) / SS, is inside the shape
            for i in range(max(0, math.ceil(ymin * SS - 0.5)),
                           min(n - 1, math.floor(ymax * SS - 0.5)) + 1):
                for x0, x1 in spans((i + 0.5) / SS):
                    j0 = max(0, math.ceil(x0 * SS - 0.5))
                    j1 = min(n - 1, math.floor(x1 * SS - 0.5))
                    if j1 >= j0:
                        self.bits[i * n + j0:i * n + j1 + 1] = value * (j1 - j0 + 1)

    def add(self, *shapes):
        self._fill(shapes, b"\x01")

    def cut(self, *shapes):
        """Clears what the shapes cover: windows, gaps that keep parts apart."""
        self._fill(shapes, b"\x00")

    def mask(self):
        """Coverage per pixel, 0..255: the share of its SS x SS samples that are set."""
        n, full = self.n, SS * SS
        out = bytearray(self.size * self.size)
        for y in range(self.size):
            rows = [self.bits[(y * SS + k) * n:(y * SS + k + 1) * n] for k in range(SS)]
            for x in range(self.size):
                c = sum(sum(r[x * SS:(x + 1) * SS]) for r in rows)
                out[y * self.size + x] = (c * 255 + full // 2) // full
        return bytes(out)


# ---- the icons -----------------------------------------------------------------------
# Coordinates are pixels of the 64 px icon, y down. The content keeps to about
# 9..55 (70 % of the square) and inside a radius of 30 round the centre, since
# the program puts each mask on a 64 px disc.

def metro(c):
    # a train's front seen head-on, on a track drawn in perspective: the slanted
    # rails set it apart from the bus's upright box on wheels
    c.add(rrect(17, 8, 47, 44, 9))
    c.cut(rrect(22, 14, 42, 27, 3))           # windscreen
    c.cut(circle(24.5, 36, 3), circle(39.5, 36, 3))  # headlights
    c.add(line((24, 46), (18.5, 53.5), 5), line((40, 46), (45.5, 53.5), 5))


def bus(c):
    c.add(rrect(15, 9, 49, 47, 5))
    c.cut(rrect(19.5, 17, 44.5, 32, 2))       # windscreen
    c.cut(rrect(23, 12, 41, 14.5, 1))         # destination sign
    c.cut(circle(22.5, 40, 3), circle(41.5, 40, 3))  # headlights
    c.add(rrect(17, 45, 25, 55, 2), rrect(39, 45, 47, 55, 2))   # wheels
    c.add(rrect(10, 17, 14, 28, 1.5), rrect(50, 17, 54, 28, 1.5))   # mirrors


def parking(c):
    # a bold "P": stem plus a round bowl with a hole, no font involved
    c.add(rrect(17, 10, 28, 54, 2))
    c.add(rrect(17, 10, 33, 40, 2), circle(33, 25, 15))
    c.cut(rrect(27.5, 19, 33, 31), circle(33, 25, 6))


def bank(c):
    c.add(poly([(32, 8), (55, 21), (55, 25), (9, 25), (9, 21)]))   # pediment
    for x in (16, 26.5, 37.5, 48):                                  # four columns
        c.add(rrect(x - 3.25, 29, x + 3.25, 46, 0))
    c.add(rrect(11, 49, 53, 55, 1))                                 # base


def hotel(c):
    # a bed in profile with someone asleep in it
    c.add(rrect(9, 15, 15, 52, 2))            # headboard
    c.add(rrect(9, 37, 55, 45, 1))            # mattress
    c.add(rrect(49, 37, 55, 52, 2))           # foot leg
    c.add(circle(23, 29, 5.5))                # head on the pillow
    c.add(rrect(31, 24, 55, 35, 5))           # the sleeper under the covers


def restaurant(c):
    # fork: three tines on a rounded head, then the handle
    for x in (15, 22, 29):
        c.add(line((x, 10), (x, 24), 4))
    c.add(poly(arc_pts(22, 24, 9, 0, 180, 16)), rrect(13, 22, 31, 25))
    c.add(line((22, 30), (22, 54), 6))
    # knife: a blade with a rounded back, wider than its handle
    c.add(poly([(38, 38), (38, 19)] + arc_pts(47, 19, 9, 180, 270, 8)
               + [(48, 10), (49, 38)]))
    c.add(line((43.5, 36), (43.5, 54), 6))


def hospital(c):
    c.add(rrect(25, 10, 39, 54, 2), rrect(10, 25, 54, 39, 2))


def school(c):
    # a mortarboard: the flat board over the cap, apart by a thin gap, and a tassel
    cap = [(32 + 14 * math.cos(math.radians(a)), 41 + 7 * math.sin(math.radians(a)))
           for a in range(0, 181, 10)]
    c.add(poly([(18, 29), (46, 29)] + cap))
    c.cut(poly([(32, 10.5), (62, 26), (32, 41.5), (2, 26)]))       # the board, grown by the gap
    c.add(poly([(32, 14), (57, 26), (32, 38), (7, 26)]))
    c.add(line((52, 27), (52, 44), 4), circle(52, 46, 4))


def park(c):
    # a broad-leaved tree: a crown of overlapping circles on a trunk, with two
    # branches set off from the crown by a thin dark line
    fork = [(25, 37), (32, 43), (39, 37)]
    c.add(circle(32, 21, 12), circle(22, 29, 10), circle(42, 29, 10), circle(32, 33, 10))
    c.cut(polyline(fork, 6))
    c.add(polyline(fork, 3.5), rrect(29, 40, 35, 55, 1))


def government(c):
    # a domed hall with a flag on top
    c.add(line((32, 8), (32, 22), 3))                               # flagpole
    c.add(poly([(33, 8), (44, 11), (33, 15)]))                      # flag
    c.add(poly(arc_pts(32, 33, 11, 180, 360, 24)))                  # dome
    c.add(rrect(19, 33, 45, 37))                                    # drum
    c.add(rrect(12, 39, 52, 55, 1))                                 # hall
    for x in (20.5, 28.5, 35.5, 43.5):                              # its columns
        c.cut(rrect(x - 1.5, 42, x + 1.5, 52))


def red_clubhouse(c):
    # a five-pointed star over a small house
    c.add(poly(star_pts(32, 17, 11, 4.4)))
    c.add(poly([(9, 41), (32, 28), (55, 41)]))                      # roof
    c.add(rrect(15, 40, 49, 55))                                    # walls
    c.cut(rrect(28, 45, 36, 55))                                    # door


def roof(cx, y_top, top_half, y_eave, eave_half, lift):
    """A Chinese roof: a ridge, concave slopes and eaves turned up at the tips."""
    left = [(cx - top_half, y_top), (cx - eave_half * 0.55, y_top + (y_eave - y_top) * 0.6),
            (cx - eave_half, y_eave - lift), (cx - eave_half + 5, y_eave)]
    right = [(2 * cx - x, y) for x, y in reversed(left)]
    return poly(left + right)


def landmark(c):
    # a two-storey pagoda: finial, two up-turned roofs, a hall and a base
    c.add(line((32, 6), (32, 13), 3.5))
    c.add(roof(32, 12, 4, 23, 17, 4))
    c.add(rrect(24, 22, 40, 29))
    c.add(roof(32, 28, 8, 40, 25, 5))
    c.add(rrect(17, 39, 47, 51))
    c.cut(rrect(28.5, 43, 35.5, 51))                                # door
    c.add(rrect(12, 50, 52, 55, 1))


def camera(c):
    # a CCTV camera looking down to the left, hung on an arm from a ceiling plate
    c.add(rrect(28, 12, 54, 17, 1.5))                               # plate
    c.add(line((43, 16), (43, 26), 5, cap=False))                   # arm
    body = rotate(rrect_pts(12, 24, 50, 38, 3), -20, 43, 31)
    hood = rotate(rrect_pts(8, 21, 16, 41, 2), -20, 43, 31)
    c.add(poly(body), poly(hood))


def more(c):
    c.add(circle(14, 32, 6.5), circle(32, 32, 6.5), circle(50, 32, 6.5))


ICONS = [metro, bus, parking, bank, hotel, restaurant, hospital, school, park,
         government, red_clubhouse, landmark, camera, more]


# ---- PNG -----------------------------------------------------------------------------

def png(width, height, colour_type, channels, pixels):
    """PNG bytes: 8-bit samples, filter 0 on every row, IHDR + IDAT + IEND only."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    stride = width * channels
    raw = b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, ZLEVEL)) + chunk(b"IEND", b""))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def draw(icon):
    c = Canvas()
    icon(c)
    return c.mask()


# ---- the contact sheet ---------------------------------------------------------------
# Only for looking at: each icon white on its disc at 64 px and at 20 px.

COLOURS = {"metro": (0, 102, 179), "bus": (0, 140, 80), "parking": (40, 90, 200),
           "bank": (190, 140, 20), "hotel": (120, 70, 170), "restaurant": (230, 110, 20),
           "hospital": (210, 30, 40), "school": (0, 140, 150), "park": (60, 150, 40),
           "government": (30, 60, 120), "red_clubhouse": (200, 20, 20),
           "landmark": (150, 80, 40), "camera": (90, 90, 100), "more": (110, 110, 110)}
BACK = (228, 226, 220)


def area_weights(size, to):
    """For each of `to` output pixels, the input pixels it spans and the share of each."""
    scale = size / to
    out = []
    for o in range(to):
        a, b = o * scale, (o + 1) * scale
        spans = [(i, min(b, i + 1) - max(a, i)) for i in range(int(a), min(size, math.ceil(b)))]
        out.append([(i, w / scale) for i, w in spans if w > 0])
    return out


def shrink(mask, size, to):
    """Area-average resampling, about what a mipmapped texture shows at `to` px."""
    weights = area_weights(size, to)
    rows = [[sum(mask[y * size + i] * w for i, w in weights[x]) for x in range(to)]
            for y in range(size)]
    return [round(sum(rows[i][x] * w for i, w in weights[y])) for y in range(to) for x in range(to)]


def badge(mask, size, colour):
    """RGB pixels of the mask in white over a disc of the colour, on the sheet's ground."""
    d = Canvas(size)
    d.add(circle(size / 2, size / 2, size / 2))
    disc = d.mask()
    out = []
    for k in range(size * size):
        a, m = disc[k] / 255, mask[k] / 255
        out.append(tuple(round((BACK[i] * (1 - a) + colour[i] * a) * (1 - m) + 255 * m)
                         for i in range(3)))
    return out


def sheet(path, masks, zoom):
    cols, cell_w, cell_h, gap = 4, 8 + 64 + 8 + 20 + 8 + 60 + 8, 64 + 16, 8
    rows = (len(masks) + cols - 1) // cols
    w, h = cols * cell_w, rows * cell_h
    img = [BACK] * (w * h)

    def put(x0, y0, pixels, size, zoom=1):
        for y in range(size * zoom):
            for x in range(size * zoom):
                img[(y0 + y) * w + x0 + x] = pixels[(y // zoom) * size + x // zoom]

    for k, (name, mask) in enumerate(masks):
        x0, y0 = (k % cols) * cell_w + gap, (k // cols) * cell_h + gap
        put(x0, y0, badge(mask, SIZE, COLOURS[name]), SIZE)
        small = badge(shrink(mask, SIZE, 20), 20, COLOURS[name])
        put(x0 + 64 + gap, y0 + 22, small, 20)
        put(x0 + 64 + 20 + 2 * gap, y0 + 2, small, 20, zoom=3)
    if zoom > 1:   # a closer look at the pixels while drawing
        img = [img[(y // zoom) * w + x // zoom] for y in range(h * zoom) for x in range(w * zoom)]
        w, h = w * zoom, h * zoom
    write(path, png(w, h, 2, 3, bytes(v for p in img for v in p)))


# ---- checks and main -----------------------------------------------------------------

def report(name, mask):
    """Prints how much of the square a pictogram spans; warns if it leaves its disc."""
    xs = [k % SIZE for k in range(SIZE * SIZE) if mask[k] > 0]
    ys = [k // SIZE for k in range(SIZE * SIZE) if mask[k] > 0]
    spill = max((mask[k] for k in range(SIZE * SIZE)
                 if math.hypot(k % SIZE + 0.5 - 32, k // SIZE + 0.5 - 32) > 31), default=0)
    span = max(max(xs) - min(xs), max(ys) - min(ys)) + 1
    note = "" if spill == 0 else f"  WARNING: {spill} outside the disc"
    print(f"{name:14s} x {min(xs)}..{max(xs)} y {min(ys)}..{max(ys)}"
          f" ({span * 100 // SIZE} % of the square){note}")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    opts = {"--out": os.path.join(here, "..", "assets", "icons"), "--sheet": None, "--zoom": "1"}
    args = list(argv)
    while args:
        opt = args.pop(0)
        if opt in opts and args:
            opts[opt] = args.pop(0)
        elif opt in ("-h", "--help"):
            print(__doc__[__doc__.index("Usage:"):], end="")
            return
        else:
            sys.exit(f"make-icons.py: unknown argument {opt!r} (see --help)")
    out = opts["--out"]
    os.makedirs(out, exist_ok=True)
    masks = []
    for icon in ICONS:
        mask = draw(icon)
        report(icon.__name__, mask)
        write(os.path.join(out, icon.__name__ + ".png"), png(SIZE, SIZE, 0, 1, mask))
        masks.append((icon.__name__, mask))
    if opts["--sheet"]:
        sheet(opts["--sheet"], masks, int(opts["--zoom"]))


if __name__ == "__main__":
    main(sys.argv[1:])
