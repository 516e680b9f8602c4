/* The ground mesh: fills (triangulated polygons), one-sided bands (coast) and
 * two-sided strokes (roads, the boundary line), one layer after another.
 *
 * Strokes are the union of one quad per segment and round fans where the
 * quads leave a gap (the outer side of each turn, and the two ends), so every
 * vertex lies within the half width of the centreline: no miter spikes, even
 * at hairpins. Overlaps on the inner side of turns are harmless because each
 * layer is one opaque colour drawn without depth writes. */
#include "louyu/ground.h"
#include "louyu/triangulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.14159265358979323846;
/* Fan segments per half circle. */
enum { FAN_HALF = 8 };
/* Points closer than this (metres) are one point. */
static const double SAME_M = 1e-6;
static const double COAST_M = 6.0;
static const double CASING_M = 1.5; /* on each side */
static const double BOUNDARY_LINE_M = 4.0;

typedef struct {
    ly_ground *g;
    size_t cap_vertices, cap_indices;
    uint8_t layer;
} builder;

/* A ring or polyline without non-finite or repeated points; src[i] is point
 * i's index in the district, so edges can be traced back to lon/lat. */
typedef struct {
    double *xy;
    uint32_t *src;
    size_t n, cap_xy, cap_src;
} path;

typedef struct {
    const ly_district *d;
    const ly_geo *geo;
    builder b;
    ly_triangulator *tri;
    path p;
    uint32_t *holes;
    size_t cap_holes;
    double *aux; /* per-point scratch for bands */
    size_t cap_aux;
    bool have_world;
    double world[4]; /* lon/lat box of every district point */
} context;

/* Room for nv more vertices and ni more indices, so emitters need no checks. */
static int reserve(builder *b, size_t nv, size_t ni)
{
    ly_ground *g = b->g;
    if (nv > UINT32_MAX - g->n_vertices || ni > SIZE_MAX - g->n_indices)
        return -1;
    if (ly_array_reserve((void **)&g->vertices, &b->cap_vertices, g->n_vertices + nv,
                         sizeof *g->vertices) ||
        ly_array_reserve((void **)&g->indices, &b->cap_indices, g->n_indices + ni,
                         sizeof *g->indices))
        return -1;
    return 0;
}

static uint32_t put(builder *b, double x, double y, double u, double v)
{
    ly_ground_vertex *p = &b->g->vertices[b->g->n_vertices];
    memset(p, 0, sizeof *p);
    p->pos[0] = (float)x;
    p->pos[1] = (float)y;
    p->u = (float)u;
    p->v = (float)v;
    p->layer = b->layer;
    return b->g->n_vertices++;
}

static void tri(builder *b, uint32_t i, uint32_t j, uint32_t k)
{
    uint32_t *o = b->g->indices + b->g->n_indices;
    o[0] = i;
    o[1] = j;
    o[2] = k;
    b->g->n_indices += 3;
}

/* a, b, c, d counter-clockwise */
static void quad(builder *b, uint32_t i, uint32_t j, uint32_t k, uint32_t l)
{
    tri(b, i, j, k);
    tri(b, i, k, l);
}

/* How a fan's rim vertices get their (u, v): projected on the axes (t, n)
 * around the centre's (u, v) for caps, or one constant pair for joins, where
 * the rim continues the quads' outer edge. */
typedef struct {
    double cu, cv;      /* the centre's */
    const double *axes; /* t, n (4 doubles), or NULL: rim gets ru, rv */
    double ru, rv;
} fan_uv;

/* A fan around (cx, cy) of radius r from unit vector e0 turning
 * counter-clockwise by phi (0 < phi <= 2 pi) to unit vector e1. The end rim
 * points are computed from e0 and e1 as the neighbouring quads compute theirs,
 * so they match to the bit and leave no crack. Room: 2 * FAN_HALF + 2
 * vertices, 6 * FAN_HALF indices. */
static void fan(builder *b, double cx, double cy, double r, const double e0[2], const double e1[2],
                double phi, const fan_uv *uv)
{
    int segs = (int)ceil(phi / (PI / FAN_HALF) - 1e-9);
    segs = segs < 1 ? 1 : segs > 2 * FAN_HALF ? 2 * FAN_HALF : segs;
    uint32_t c = put(b, cx, cy, uv->cu, uv->cv), prev = 0;
    for (int k = 0; k <= segs; k++) {
        double e[2];
        if (k == 0 || k == segs) {
            e[0] = k ? e1[0] : e0[0];
            e[1] = k ? e1[1] : e0[1];
        } else {
            double a = phi * k / segs, ca = cos(a), sa = sin(a);
            e[0] = e0[0] * ca - e0[1] * sa;
            e[1] = e0[0] * sa + e0[1] * ca;
        }
        double u = uv->ru, v = uv->rv;
        if (uv->axes) {
            u = uv->cu + r * (e[0] * uv->axes[0] + e[1] * uv->axes[1]);
            v = uv->cv + r * (e[0] * uv->axes[2] + e[1] * uv->axes[3]);
        }
        uint32_t cur = put(b, cx + r * e[0], cy + r * e[1], u, v);
        if (k)
            tri(b, c, prev, cur);
        prev = cur;
    }
}

/* Gathers points [first, first + n) into p, dropping non-finite points and
 * points equal to the one before (and, for a ring, a last point equal to the
 * first). Returns -1 when out of memory. */
static int gather(context *cx, uint32_t first, uint32_t n, bool ring, bool append)
{
    path *p = &cx->p;
    if (!append)
        p->n = 0;
    if ((size_t)first + n > cx->geo->n_points)
        return 0; /* a model that does not match its projection: nothing to draw */
    if (ly_array_reserve((void **)&p->xy, &p->cap_xy, 2 * (p->n + n), sizeof *p->xy) ||
        ly_array_reserve((void **)&p->src, &p->cap_src, p->n + n, sizeof *p->src))
        return -1;
    size_t start = p->n;
    for (uint32_t i = 0; i < n; i++) {
        const double *q = cx->geo->xy + 2 * ((size_t)first + i);
        if (!isfinite(q[0]) || !isfinite(q[1]))
            continue;
        if (p->n > start) {
            const double *last = p->xy + 2 * (p->n - 1);
            if (fabs(q[0] - last[0]) < SAME_M && fabs(q[1] - last[1]) < SAME_M)
                continue;
        }
        p->xy[2 * p->n] = q[0];
        p->xy[2 * p->n + 1] = q[1];
        p->src[p->n++] = first + i;
    }
    while (ring && p->n - start > 1 && fabs(p->xy[2 * start] - p->xy[2 * (p->n - 1)]) < SAME_M &&
           fabs(p->xy[2 * start + 1] - p->xy[2 * (p->n - 1) + 1]) < SAME_M)
        p->n--;
    return 0;
}

static double signed_area(const double *xy, size_t n)
{
    double a = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
    return 0.5 * a;
}

static void reverse(path *p)
{
    for (size_t i = 0, j = p->n - 1; i < j; i++, j--) {
        for (int k = 0; k < 2; k++) {
            double t = p->xy[2 * i + k];
            p->xy[2 * i + k] = p->xy[2 * j + k];
            p->xy[2 * j + k] = t;
        }
        uint32_t s = p->src[i];
        p->src[i] = p->src[j];
        p->src[j] = s;
    }
}

static bool polygon_ok(const ly_district *d, uint32_t pi)
{
    if (pi >= d->n_polygons)
        return false;
    const ly_polygon *pg = &d->polygons[pi];
    return pg->n_rings && (size_t)pg->first_ring + pg->n_rings <= d->n_rings;
}

/* Triangulates polygon pi into the current layer. */
static int fill(context *cx, uint32_t pi)
{
    const ly_district *d = cx->d;
    if (!polygon_ok(d, pi))
        return 0;
    const ly_polygon *pg = &d->polygons[pi];
    if (ly_array_reserve((void **)&cx->holes, &cx->cap_holes, pg->n_rings, sizeof *cx->holes))
        return -1;
    uint32_t n_holes = 0;
    cx->p.n = 0;
    for (uint32_t k = 0; k < pg->n_rings; k++) {
        const ly_ring *r = &d->rings[pg->first_ring + k];
        size_t before = cx->p.n;
        if (gather(cx, r->first_point, r->n_points, true, true))
            return -1;
        if (cx->p.n - before < 3) {
            cx->p.n = before; /* a ring without area */
            if (k == 0)
                return 0;
        } else if (k) {
            cx->holes[n_holes++] = (uint32_t)before;
        }
    }
    if (cx->p.n > UINT32_MAX)
        return 0;
    const uint32_t *idx;
    size_t nt;
    ly_tri_status st = ly_triangulate(cx->tri,
                                      &(ly_tri_polygon){.xy = cx->p.xy,
                                                        .n_points = (uint32_t)cx->p.n,
                                                        .hole_starts = n_holes ? cx->holes : NULL,
                                                        .n_holes = n_holes},
                                      &idx, &nt);
    if (st == LY_TRI_NOMEM)
        return -1;
    if (st == LY_TRI_INVALID || !nt)
        return 0;
    if (nt > SIZE_MAX / 3 || reserve(&cx->b, cx->p.n, 3 * nt))
        return -1;
    uint32_t base = cx->b.g->n_vertices;
    for (size_t i = 0; i < cx->p.n; i++)
        put(&cx->b, cx->p.xy[2 * i], cx->p.xy[2 * i + 1], 0, 0);
    for (size_t t = 0; t < nt; t++)
        tri(&cx->b, base + idx[3 * t], base + idx[3 * t + 1], base + idx[3 * t + 2]);
    return 0;
}

/* Strokes the gathered path with half width r: a quad per segment, round
 * joins on the outer side of each turn, round caps at the ends of an open
 * path. u runs along the path (metres from its start), v across (-r .. r). */
static int stroke(context *cx, bool closed, double r)
{
    const path *p = &cx->p;
    size_t n = p->n;
    if (n < 2 || (closed && n < 3) || !(r > 0) || !isfinite(r))
        return 0;
    if (n > SIZE_MAX / 64)
        return -1;
    builder *b = &cx->b;
    size_t segs = closed ? n : n - 1;
    /* 4 per quad; a centre and up to 2 * FAN_HALF + 1 rim points per join and cap */
    if (reserve(b, 4 * segs + (n + 2) * (2 * FAN_HALF + 2), 6 * segs + (n + 2) * 6 * FAN_HALF))
        return -1;
    const double *xy = p->xy;
    double prev_t[2] = {0, 0}, prev_len = 0;
    if (closed) {
        double dx = xy[0] - xy[2 * (n - 1)], dy = xy[1] - xy[2 * (n - 1) + 1];
        prev_len = hypot(dx, dy);
        prev_t[0] = dx / prev_len;
        prev_t[1] = dy / prev_len;
    }
    double s = 0, t[2] = {0, 0}, nrm[2] = {0, 0};
    for (size_t i = 0; i < segs; i++) {
        const double *a = xy + 2 * i, *c = xy + 2 * ((i + 1) % n);
        double dx = c[0] - a[0], dy = c[1] - a[1], len = hypot(dx, dy);
        t[0] = dx / len;
        t[1] = dy / len;
        nrm[0] = -t[1];
        nrm[1] = t[0];
        if (i == 0 && !closed) {
            double back[2] = {-nrm[0], -nrm[1]}, axes[4] = {t[0], t[1], nrm[0], nrm[1]};
            fan(b, a[0], a[1], r, nrm, back, PI, &(fan_uv){.cu = s, .axes = axes});
        } else {
            /* the gap is on the outer side of the turn: right for a left turn */
            double cross = prev_t[0] * t[1] - prev_t[1] * t[0];
            double phi = atan2(cross, prev_t[0] * t[0] + prev_t[1] * t[1]);
            double pn[2] = {-prev_t[1], prev_t[0]};
            if (fmin(prev_len, len) < r) {
                /* The quads cover the inner side of the vertex's disc only
                 * where they are at least r long: draw the whole disc. */
                fan(b, a[0], a[1], r, pn, pn, 2 * PI,
                    &(fan_uv){.cu = s, .axes = (double[4]){t[0], t[1], nrm[0], nrm[1]}});
            } else if (phi > 1e-12) {
                double e0[2] = {-pn[0], -pn[1]}, e1[2] = {-nrm[0], -nrm[1]};
                fan(b, a[0], a[1], r, e0, e1, phi, &(fan_uv){.cu = s, .ru = s, .rv = -r});
            } else if (phi < -1e-12) {
                fan(b, a[0], a[1], r, nrm, pn, -phi, &(fan_uv){.cu = s, .ru = s, .rv = r});
            }
        }
        uint32_t v0 = put(b, a[0] - r * nrm[0], a[1] - r * nrm[1], s, -r);
        uint32_t v1 = put(b, c[0] - r * nrm[0], c[1] - r * nrm[1], s + len, -r);
        uint32_t v2 = put(b, c[0] + r * nrm[0], c[1] + r * nrm[1], s + len, r);
        uint32_t v3 = put(b, a[0] + r * nrm[0], a[1] + r * nrm[1], s, r);
        quad(b, v0, v1, v2, v3);
        s += len;
        prev_len = len;
        prev_t[0] = t[0];
        prev_t[1] = t[1];
    }
    if (!closed) {
        const double *c = xy + 2 * (n - 1);
        double e0[2] = {-nrm[0], -nrm[1]}, axes[4] = {t[0], t[1], nrm[0], nrm[1]};
        fan(b, c[0], c[1], r, e0, nrm, PI, &(fan_uv){.cu = s, .axes = axes});
    }
    return 0;
}

static void world_box(context *cx)
{
    const ly_district *d = cx->d;
    double *w = cx->world;
    w[0] = w[1] = INFINITY;
    w[2] = w[3] = -INFINITY;
    for (size_t i = 0; i < d->n_points; i++) {
        w[0] = fmin(w[0], d->points[2 * i]);
        w[1] = fmin(w[1], d->points[2 * i + 1]);
        w[2] = fmax(w[2], d->points[2 * i]);
        w[3] = fmax(w[3], d->points[2 * i + 1]);
    }
    cx->have_world = true;
}

/* An edge along a side of the box of all the data: where a sea polygon was
 * cut off, not a shore. */
static bool world_edge(context *cx, uint32_t i, uint32_t j)
{
    if (i >= cx->d->n_points || j >= cx->d->n_points)
        return false;
    if (!cx->have_world)
        world_box(cx);
    const double *a = cx->d->points + 2 * (size_t)i, *c = cx->d->points + 2 * (size_t)j;
    const double eps = 1e-9; /* degrees: 0.1 mm */
    for (int k = 0; k < 2; k++)
        for (int side = 0; side < 2; side++) {
            double edge = cx->world[k + 2 * side];
            if (fabs(a[k] - edge) <= eps && fabs(c[k] - edge) <= eps)
                return true;
        }
    return false;
}

/* A band of width w on the right of the gathered ring (which has the water on
 * its left): per edge a quad, a round fan at the outer side of each turn, and
 * at the inner side each quad cut back to the bisector, so the band does not
 * spill over a sharp headland into the water. v runs from 0 at the water to w. */
static int band(context *cx, double w)
{
    const path *p = &cx->p;
    size_t n = p->n;
    if (n < 3)
        return 0;
    if (n > SIZE_MAX / 64)
        return -1;
    if (ly_array_reserve((void **)&cx->aux, &cx->cap_aux, 4 * n, sizeof *cx->aux) ||
        reserve(&cx->b, n * (4 + FAN_HALF + 2), n * (6 + 3 * FAN_HALF)))
        return -1;
    /* per edge i (point i to i + 1): tx, ty, length (0: skipped); per point: trim */
    double *e = cx->aux, *trim = cx->aux + 3 * n;
    const double *xy = p->xy;
    for (size_t i = 0; i < n; i++) {
        size_t j = (i + 1) % n;
        double dx = xy[2 * j] - xy[2 * i], dy = xy[2 * j + 1] - xy[2 * i + 1];
        double len = hypot(dx, dy);
        e[3 * i] = dx / len;
        e[3 * i + 1] = dy / len;
        e[3 * i + 2] = world_edge(cx, p->src[i], p->src[j]) ? 0 : len;
    }
    builder *b = &cx->b;
    for (size_t i = 0; i < n; i++) {
        const double *e0 = e + 3 * ((i + n - 1) % n), *e1 = e + 3 * i;
        trim[i] = 0;
        if (!e0[2] || !e1[2])
            continue;
        double phi = atan2(e0[0] * e1[1] - e0[1] * e1[0], e0[0] * e1[0] + e0[1] * e1[1]);
        if (phi < 0)
            trim[i] = w * tan(-0.5 * phi);
    }
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        const double *ei = e + 3 * i, *a = xy + 2 * i, *c = xy + 2 * ((i + 1) % n);
        double len = hypot(c[0] - a[0], c[1] - a[1]);
        if (ei[2]) {
            const double *ep = e + 3 * ((i + n - 1) % n);
            double phi = atan2(ep[0] * ei[1] - ep[1] * ei[0], ep[0] * ei[0] + ep[1] * ei[1]);
            double rp[2] = {ep[1], -ep[0]}, ri[2] = {ei[1], -ei[0]};
            if (ep[2] && phi > 1e-12)
                fan(b, a[0], a[1], w, rp, ri, phi, &(fan_uv){.cu = s, .ru = s, .rv = w});
            double t0 = fmin(trim[i], 0.5 * len), t1 = fmin(trim[(i + 1) % n], 0.5 * len);
            uint32_t v0 = put(b, a[0], a[1], s, 0);
            uint32_t v1 =
                put(b, a[0] + w * ri[0] + t0 * ei[0], a[1] + w * ri[1] + t0 * ei[1], s + t0, w);
            uint32_t v2 = put(b, c[0] + w * ri[0] - t1 * ei[0], c[1] + w * ri[1] - t1 * ei[1],
                              s + len - t1, w);
            uint32_t v3 = put(b, c[0], c[1], s + len, 0);
            quad(b, v0, v1, v2, v3);
        }
        s += len;
    }
    return 0;
}

/* The coast of every ring of water polygon pi, on the land side. */
static int coast(context *cx, uint32_t pi)
{
    const ly_district *d = cx->d;
    if (!polygon_ok(d, pi))
        return 0;
    const ly_polygon *pg = &d->polygons[pi];
    for (uint32_t k = 0; k < pg->n_rings; k++) {
        const ly_ring *r = &d->rings[pg->first_ring + k];
        if (gather(cx, r->first_point, r->n_points, true, false))
            return -1;
        if (cx->p.n < 3)
            continue;
        /* water on the left: the outline counter-clockwise, holes clockwise */
        double a = signed_area(cx->p.xy, cx->p.n);
        if (a == 0)
            continue;
        if ((a > 0) != (k == 0))
            reverse(&cx->p);
        if (band(cx, COAST_M))
            return -1;
    }
    return 0;
}

static bool is_major(int subtype)
{
    return subtype != LY_ROAD_RESIDENTIAL && subtype != LY_ROAD_FOOTWAY;
}

static int roads(context *cx, ly_ground_layer layer)
{
    const ly_district *d = cx->d;
    for (size_t f = 0; f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind != LY_KIND_ROAD)
            continue;
        if (layer != LY_GROUND_ROAD_CASING &&
            (layer == LY_GROUND_ROAD_MAJOR) != is_major(ft->subtype))
            continue;
        double r = 0.5 * ft->width_m + (layer == LY_GROUND_ROAD_CASING ? CASING_M : 0);
        /* a road given as its area (CityJSON's, a GeoJSON Polygon) is filled in its class's
         * layer (the casing outlines lines only) */
        for (uint32_t k = 0; layer != LY_GROUND_ROAD_CASING && k < ft->n_polygons; k++)
            if (fill(cx, ft->first_polygon + k))
                return -1;
        for (uint32_t l = 0; l < ft->n_lines; l++) {
            size_t li = (size_t)ft->first_line + l;
            if (li >= d->n_lines)
                break;
            if (gather(cx, d->lines[li].first_point, d->lines[li].n_points, false, false) ||
                stroke(cx, false, r))
                return -1;
        }
    }
    return 0;
}

/* Fills, coast or outline of every polygon of the features of one kind. */
static int areas(context *cx, ly_kind kind, int (*each)(context *, uint32_t))
{
    const ly_district *d = cx->d;
    for (size_t f = 0; f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind != kind)
            continue;
        for (uint32_t k = 0; k < ft->n_polygons; k++)
            if (each(cx, ft->first_polygon + k))
                return -1;
    }
    return 0;
}

static int outline(context *cx, uint32_t pi)
{
    if (!polygon_ok(cx->d, pi))
        return 0;
    const ly_ring *r = &cx->d->rings[cx->d->polygons[pi].first_ring];
    if (gather(cx, r->first_point, r->n_points, true, false))
        return -1;
    return stroke(cx, true, 0.5 * BOUNDARY_LINE_M);
}

/* The land plane: the data's extent grown by three diagonals (at least 2 km)
 * on every side, so the horizon never shows the void. */
static int land(context *cx)
{
    const ly_geo *geo = cx->geo;
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (int k = 0; k < 2; k++)
        if (isfinite(geo->min[k]) && isfinite(geo->max[k])) {
            lo[k] = geo->min[k];
            hi[k] = geo->max[k];
        }
    for (size_t i = 0; i < geo->n_points; i++)
        for (int k = 0; k < 2; k++) {
            double x = geo->xy[2 * i + k];
            if (isfinite(x)) {
                lo[k] = fmin(lo[k], x);
                hi[k] = fmax(hi[k], x);
            }
        }
    for (int k = 0; k < 2; k++)
        if (!(lo[k] <= hi[k]))
            lo[k] = hi[k] = 0;
    double grow = fmax(3 * hypot(hi[0] - lo[0], hi[1] - lo[1]), 2000.0);
    ly_ground *g = cx->b.g;
    for (int k = 0; k < 2; k++) {
        /* rounded outwards, so the float extent still covers the data */
        g->min[k] = nextafterf((float)(lo[k] - grow), -INFINITY);
        g->max[k] = nextafterf((float)(hi[k] + grow), INFINITY);
    }
    if (reserve(&cx->b, 4, 6))
        return -1;
    builder *b = &cx->b;
    uint32_t v0 = put(b, g->min[0], g->min[1], 0, 0), v1 = put(b, g->max[0], g->min[1], 0, 0);
    uint32_t v2 = put(b, g->max[0], g->max[1], 0, 0), v3 = put(b, g->min[0], g->max[1], 0, 0);
    quad(b, v0, v1, v2, v3);
    return 0;
}

static int build_layer(context *cx, ly_ground_layer layer)
{
    switch (layer) {
    case LY_GROUND_LAND:
        return land(cx);
    case LY_GROUND_LAND_USE:
        return areas(cx, LY_KIND_LAND_USE, fill);
    case LY_GROUND_WATER:
        return areas(cx, LY_KIND_WATER, fill);
    case LY_GROUND_COAST:
        return areas(cx, LY_KIND_WATER, coast);
    case LY_GROUND_PARK:
        return areas(cx, LY_KIND_PARK, fill);
    case LY_GROUND_BOUNDARY_FILL:
        return areas(cx, LY_KIND_BOUNDARY, fill);
    case LY_GROUND_ROAD_CASING:
    case LY_GROUND_ROAD_MINOR:
    case LY_GROUND_ROAD_MAJOR:
        return roads(cx, layer);
    case LY_GROUND_BOUNDARY_LINE:
        return areas(cx, LY_KIND_BOUNDARY, outline);
    default:
        return 0;
    }
}

int ly_ground_init(ly_ground *g, const ly_district *d, const ly_geo *geo)
{
    memset(g, 0, sizeof *g);
    context cx = {.d = d, .geo = geo, .b = {.g = g}};
    cx.tri = ly_triangulator_create();
    int rc = cx.tri ? 0 : -1;
    for (int layer = 0; layer < LY_GROUND_LAYERS && !rc; layer++) {
        cx.b.layer = (uint8_t)layer;
        g->first[layer] = g->n_indices;
        rc = build_layer(&cx, (ly_ground_layer)layer);
        g->count[layer] = g->n_indices - g->first[layer];
    }
    ly_triangulator_destroy(cx.tri);
    free(cx.p.xy);
    free(cx.p.src);
    free(cx.holes);
    free(cx.aux);
    if (rc) {
        ly_ground_deinit(g);
        return -1;
    }
    return 0;
}

void ly_ground_deinit(ly_ground *g)
{
    if (!g)
        return;
    free(g->vertices);
    free(g->indices);
    memset(g, 0, sizeof *g);
}
