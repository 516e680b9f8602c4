/* Walking over the roads (the contract is in walk.h): a grid of segments, the graph
 * (crossings found through the grid, points merged through a hash of 0.5 m cells),
 * joining places, Dijkstra, routes and nearby POIs; then the walking areas: a field of
 * walking metres on a grid, and marching squares. */
#include "louyu/walk.h"
#include "louyu/log.h"
#include "louyu/arena.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
/* A road point that comes within this of another road's interior splits it there. */
#define MERGE_M LY_WALK_MERGE_M
/* A dead end this close to another piece of the network meets it (connectors()). */
#define SNAP_M LY_WALK_SNAP_M
/* Segments at less than this angle's sine (0.6 degree) do not cross: they overlap. */
#define PARALLEL 0.01

/* A uniform grid of segments: cell c's segments are items[start[c] .. start[c + 1]). */
typedef struct {
    double x0, y0, cell;
    uint32_t nx, ny;
    uint32_t *start;
    uint32_t *items;
} walk_grid;

struct ly_walk {
    size_t n_nodes, n_edges;
    double *xy;      /* the nodes' positions, x, y each */
    uint32_t *ends;  /* the edges' nodes, two each */
    double *len;     /* the edges' lengths */
    uint32_t *first; /* n_nodes + 1: node v's neighbours are adj[2 * first[v] ...] */
    uint32_t *adj;   /* the neighbour and the edge, for each end of each edge */
    walk_grid grid;  /* the edges, to join places */
};

/* Where a place meets the network. */
typedef struct {
    uint32_t edge; /* NONE: there is no network */
    double t;      /* along the edge from its first node, 0-1 */
    double x, y;   /* the point on the edge */
    double leg;    /* the straight metres from the place to it */
} walk_join;

/* A building's outlines: ring r's points are xy[2 * start[r] ...] up to start[r + 1]. */
typedef struct {
    double *xy;
    uint32_t *start;
    size_t n_rings, n_pts;
} walk_footprint;

/* Where an origin's walks join the network: the point on the road, and where the walk
 * to it starts (a point: itself; a building: its outline's point nearest the road's). */
typedef struct {
    walk_join at;
    double sx, sy;
} walk_start;

struct ly_walk_from {
    double limit;
    walk_join at;      /* where the origin joins the network nearest (NONE: no network) */
    double sx, sy;     /* where that walk starts (a building: on its outline) */
    walk_footprint fp; /* the building's; none for a point */
    walk_start *starts; /* every join (a point: `at`; a building: walk.h), by edge */
    size_t n_starts;
    double *dist;      /* per node: metres, INFINITY beyond the limit */
    uint32_t *parent;  /* per node: the node before, NONE for a start's edge's ends */
    uint32_t *via;     /* per node: the start its walk came from */
    uint32_t *reached; /* the nodes within the limit, nearest first */
    size_t n_reached;
};

/* ---- a uniform grid of segments -------------------------------------------------- */

static void walk_grid_free(walk_grid *g)
{
    free(g->start);
    free(g->items);
    memset(g, 0, sizeof *g);
}

static long cell_of(double origin, double cell, double v, uint32_t n)
{
    double c = floor((v - origin) / cell);
    return c < 0 ? 0 : c > (double)n - 1 ? (long)n - 1 : (long)c;
}

/* The cells (columns c0..c1, rows r0..r1, clamped to the grid) that the box x0, y0 -
 * x1, y1 touches. */
typedef struct {
    long c0, c1, r0, r1;
} cell_range;

static cell_range cells_of(const walk_grid *g, double x0, double y0, double x1, double y1)
{
    return (cell_range){cell_of(g->x0, g->cell, x0, g->nx), cell_of(g->x0, g->cell, x1, g->nx),
                        cell_of(g->y0, g->cell, y0, g->ny), cell_of(g->y0, g->cell, y1, g->ny)};
}

/* Counts (items NULL) or files segment `id` in every cell that its neighbourhood of
 * `pad` may touch, a column at a time, so a long diagonal costs only the cells it
 * crosses. */
static void grid_cover(const walk_grid *g, const double *s, double pad, uint32_t id,
                       uint32_t *count, uint32_t *items)
{
    double dx = s[2] - s[0], dy = s[3] - s[1];
    long c0 = cell_of(g->x0, g->cell, fmin(s[0], s[2]) - pad, g->nx);
    long c1 = cell_of(g->x0, g->cell, fmax(s[0], s[2]) + pad, g->nx);
    for (long c = c0; c <= c1; c++) {
        double lo = g->x0 + (double)c * g->cell - pad, hi = lo + g->cell + 2 * pad;
        /* the border columns hold all beyond them (cell_of clamps) */
        lo = c == 0 ? -INFINITY : lo;
        hi = c == (long)g->nx - 1 ? INFINITY : hi;
        double ta = 0, tb = 1;
        if (dx != 0) {
            double t0 = (lo - s[0]) / dx, t1 = (hi - s[0]) / dx;
            ta = fmax(ta, fmin(t0, t1));
            tb = fmin(tb, fmax(t0, t1));
            if (ta > tb)
                continue;
        }
        double ya = s[1] + ta * dy, yb = s[1] + tb * dy;
        long r0 = cell_of(g->y0, g->cell, fmin(ya, yb) - pad, g->ny);
        long r1 = cell_of(g->y0, g->cell, fmax(ya, yb) + pad, g->ny);
        for (long r = r0; r <= r1; r++) {
            size_t k = (size_t)r * g->nx + (size_t)c;
            if (items)
                items[count[k]++] = id;
            else
                count[k]++;
        }
    }
}

/* The cells: about two typical (median) segments wide, at most 4n + 64 of them. */
static void grid_shape(walk_grid *g, const double box[4], size_t n, double typical)
{
    double w = box[2] - box[0], h = box[3] - box[1], most = 4.0 * (double)n + 64;
    double cell = fmax(fmax(2 * typical, sqrt(w * h / most)), 1.0);
    while ((floor(w / cell) + 1) * (floor(h / cell) + 1) > most)
        cell *= 1.25;
    g->x0 = box[0];
    g->y0 = box[1];
    g->cell = cell;
    g->nx = (uint32_t)(floor(w / cell) + 1);
    g->ny = (uint32_t)(floor(h / cell) + 1);
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The box the grid covers: where all but the outermost 1% of the n segments' ends lie
 * on each side, widened by that box's size (at least 5 km) where ends lie there. A road
 * left 1,400 km away in an export would otherwise stretch the cells over the district
 * until a few held everything (20,000 edges: 0.16 s became 40 s and 1.4 GB); the margin
 * keeps the district's streets in the grid when most ends crowd in one spot (a GPS track
 * of 4,000 points drawn as a footway). Segments outside are filed in the border cells
 * (cell_of clamps), and a search still finds them: ring r's cells hold nothing nearer
 * than r - 1 cells. */
static int robust_box(const double *seg, size_t n, double box[4])
{
    double *v = malloc(4 * n * sizeof *v), lo[2], hi[2];
    if (!v)
        return -1;
    size_t cut = 2 * n / 100; /* (of the 2n ends) */
    for (int axis = 0; axis < 2; axis++) {
        for (size_t i = 0; i < n; i++) {
            v[2 * i] = seg[4 * i + axis];
            v[2 * i + 1] = seg[4 * i + 2 + axis];
        }
        qsort(v, 2 * n, sizeof *v, by_double);
        box[axis] = v[cut];
        box[2 + axis] = v[2 * n - 1 - cut];
        lo[axis] = v[0];
        hi[axis] = v[2 * n - 1];
    }
    free(v);
    double margin = fmax(fmax(box[2] - box[0], box[3] - box[1]), 5000);
    for (int axis = 0; axis < 2; axis++) {
        box[axis] = fmax(lo[axis], box[axis] - margin);
        box[2 + axis] = fmin(hi[axis], box[2 + axis] + margin);
    }
    return 0;
}

/* The median of the n segments' lengths: a few long ones (a vertex left at 0°, 0° in an
 * export: a segment of 13,000 km) would make a mean cell hold the district. */
static int median_length(const double *seg, size_t n, double *out)
{
    double *v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < n; i++)
        v[i] = hypot(seg[4 * i + 2] - seg[4 * i], seg[4 * i + 3] - seg[4 * i + 1]);
    qsort(v, n, sizeof *v, by_double);
    *out = v[n / 2];
    free(v);
    return 0;
}

/* A grid of n segments (x0, y0, x1, y1 each), each filed within `pad`. */
static int grid_build(walk_grid *g, const double *seg, size_t n, double pad)
{
    memset(g, 0, sizeof *g);
    if (!n)
        return 0;
    double box[4], typical;
    if (robust_box(seg, n, box) || median_length(seg, n, &typical))
        return -1;
    grid_shape(g, box, n, typical);
    size_t cells = (size_t)g->nx * g->ny;
    g->start = calloc(cells + 1, sizeof *g->start);
    uint32_t *pos = calloc(cells + 1, sizeof *pos);
    if (!g->start || !pos)
        goto fail;
    for (size_t i = 0; i < n; i++)
        grid_cover(g, seg + 4 * i, pad, (uint32_t)i, pos, NULL);
    size_t sum = 0;
    for (size_t k = 0; k < cells; k++) {
        g->start[k] = (uint32_t)sum;
        sum += pos[k];
        pos[k] = g->start[k];
        if (sum > UINT32_MAX)
            goto fail;
    }
    g->start[cells] = (uint32_t)sum;
    g->items = malloc((sum ? sum : 1) * sizeof *g->items);
    if (!g->items)
        goto fail;
    for (size_t i = 0; i < n; i++)
        grid_cover(g, seg + 4 * i, pad, (uint32_t)i, pos, g->items);
    free(pos);
    return 0;
fail:
    free(pos);
    walk_grid_free(g);
    return -1;
}

/* ---- the graph: segments, their crossings, nodes --------------------------------- */

typedef struct {
    uint32_t seg;
    double t, x, y; /* where along the segment (0-1) and the point itself */
} split;

typedef struct {
    double *seg; /* x0, y0, x1, y1 per segment */
    int8_t *layer; /* per segment: its road's level (a bridge, a tunnel, the ground) */
    size_t n_seg, cap_seg, cap_layer;
    split *sp;
    size_t n_sp, cap_sp;
} builder;

static int add_seg(builder *b, const double *p, const double *q, int8_t layer)
{
    if (b->n_seg >= UINT32_MAX / 4 ||
        ly_array_reserve((void **)&b->seg, &b->cap_seg, 4 * (b->n_seg + 1), sizeof *b->seg) ||
        ly_array_reserve((void **)&b->layer, &b->cap_layer, b->n_seg + 1, sizeof *b->layer))
        return -1;
    b->layer[b->n_seg] = layer;
    double *s = b->seg + 4 * b->n_seg++;
    s[0] = p[0];
    s[1] = p[1];
    s[2] = q[0];
    s[3] = q[1];
    return 0;
}

/* The most pairs of segments tested for crossing, and crossings joined: per segment, and
 * over that; and the most segments in one cell whose pairs are tested. A city's streets
 * have a few of each a segment, and a cell two streets' segments wide a few dozen. */
enum {
    MAX_PAIRS_PER_SEG = 64,
    MAX_SPLITS_PER_SEG = 8,
    MAX_PAIRS_EXTRA = 1 << 20,
    MAX_SEGS_PER_CELL = 256
};

static int add_split(builder *b, uint32_t seg, double t, double x, double y)
{
    if (b->n_sp >= MAX_SPLITS_PER_SEG * b->n_seg + MAX_PAIRS_EXTRA)
        return 0; /* (crossings() said why) */
    if (ly_array_reserve((void **)&b->sp, &b->cap_sp, b->n_sp + 1, sizeof *b->sp))
        return -1;
    b->sp[b->n_sp++] = (split){seg, t, x, y};
    return 0;
}

/* Every segment of every road line people walk on: non-finite points and repeats
 * skipped. */
static int gather(builder *b, const ly_district *d, const ly_geo *geo)
{
    for (size_t f = 0; f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind != LY_KIND_ROAD || ft->no_walk ||
            (size_t)ft->first_line + ft->n_lines > d->n_lines)
            continue;
        for (uint32_t l = 0; l < ft->n_lines; l++) {
            const ly_line *ln = &d->lines[ft->first_line + l];
            if ((size_t)ln->first_point + ln->n_points > geo->n_points)
                continue;
            const double *prev = NULL;
            for (uint32_t k = 0; k < ln->n_points; k++) {
                const double *p = geo->xy + 2 * ((size_t)ln->first_point + k);
                if (!isfinite(p[0]) || !isfinite(p[1]))
                    continue;
                if (prev && (p[0] != prev[0] || p[1] != prev[1]) &&
                    add_seg(b, prev, p, ft->layer))
                    return -1;
                prev = p;
            }
        }
    }
    return 0;
}

/* Where along segment s the point p is nearest (0-1), and how far it is. */
static double seg_param(const double *s, const double *p, double *dist)
{
    double dx = s[2] - s[0], dy = s[3] - s[1], l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((p[0] - s[0]) * dx + (p[1] - s[1]) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    *dist = hypot(p[0] - s[0] - t * dx, p[1] - s[1] - t * dy);
    return t;
}

/* An end `e` of another segment on the interior of segment `id` (within MERGE_M, away
 * from its ends): split it at e itself, so that both meet at one point. */
static int end_on(builder *b, uint32_t id, const double *e)
{
    const double *s = b->seg + 4 * (size_t)id;
    double dist, t = seg_param(s, e, &dist);
    if (dist > MERGE_M || t <= 0 || t >= 1 || hypot(e[0] - s[0], e[1] - s[1]) <= MERGE_M ||
        hypot(e[0] - s[2], e[1] - s[3]) <= MERGE_M)
        return 0;
    return add_split(b, id, t, e[0], e[1]);
}

/* Segments i and j: an end of one on the other, or a crossing of both interiors
 * (split both at the one point computed once). Roads at two levels (a bridge over a
 * street, a tunnel under it) do not meet where they cross, only where one ends on the other
 * or they share a point (a ramp's end, where it comes down to the street). */
static int cross(builder *b, uint32_t i, uint32_t j)
{
    const double *p = b->seg + 4 * (size_t)i, *q = b->seg + 4 * (size_t)j;
    for (int e = 0; e < 2; e++)
        if (end_on(b, j, p + 2 * e) || end_on(b, i, q + 2 * e))
            return -1;
    if (b->layer[i] != b->layer[j])
        return 0;
    double rx = p[2] - p[0], ry = p[3] - p[1], sx = q[2] - q[0], sy = q[3] - q[1];
    double den = rx * sy - ry * sx;
    /* (nearly) parallel: overlaps are the ends' business. Two pieces of one street drawn
     * over each other cross somewhere along the overlap, at a point that means nothing. */
    if (fabs(den) <= PARALLEL * hypot(rx, ry) * hypot(sx, sy))
        return 0;
    double qx = q[0] - p[0], qy = q[1] - p[1];
    double t = (qx * sy - qy * sx) / den, u = (qx * ry - qy * rx) / den;
    if (!(t > 0 && t < 1 && u > 0 && u < 1))
        return 0;
    double x = p[0] + t * rx, y = p[1] + t * ry;
    return add_split(b, i, t, x, y) || add_split(b, j, u, x, y) ? -1 : 0;
}

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Whether cell c's pairs are tested: it holds at most `most` segments, or it is a border
 * cell and `border` spares those (what lies beyond the grid's box is filed there: a
 * business park 20 km off, its streets together in one cell, is not a scribble). */
static bool cell_tested(const walk_grid *g, size_t c, size_t most, bool border)
{
    size_t i = c % g->nx, j = c / g->nx;
    return g->start[c + 1] - g->start[c] <= most ||
           (border && (i == 0 || j == 0 || i + 1 == g->nx || j + 1 == g->ny));
}

/* The pairs of segments in the cells tested. */
static size_t pairs_within(const walk_grid *g, size_t most, bool border)
{
    size_t cells = (size_t)g->nx * g->ny, n = 0;
    for (size_t c = 0; c < cells; c++) {
        size_t k = g->start[c + 1] - g->start[c];
        n += cell_tested(g, c, most, border) ? k * (k - 1) / 2 : 0;
    }
    return n;
}

/* Every pair of segments that share a cell, once (sorted, repeats dropped), tested. */
static int crossings(builder *b)
{
    walk_grid g;
    if (grid_build(&g, b->seg, b->n_seg, MERGE_M))
        return -1;
    size_t cells = (size_t)g.nx * g.ny;
    /* a street network has a few pairs a segment; a line scribbled over itself (a GPS
     * track drawn as a footway) has them by the square in the few cells it covers: there,
     * crossings without a shared point are not joined, rather than seconds and gigabytes
     * spent on one line; everywhere else they are. The border cells (what lies beyond the
     * grid's box) are spared while the whole fits the budget; past it, the most crowded
     * cells are left until the rest fit. */
    size_t most = MAX_SEGS_PER_CELL, budget = MAX_PAIRS_PER_SEG * b->n_seg + MAX_PAIRS_EXTRA;
    bool border = true;
    size_t n_pairs = pairs_within(&g, most, border);
    while (n_pairs > budget && (border || most > 2)) {
        if (border)
            border = false;
        else
            most /= 2;
        n_pairs = pairs_within(&g, most, border);
    }
    size_t crowded = 0, left = 0;
    for (size_t c = 0; c < cells; c++)
        if (!cell_tested(&g, c, most, border))
            crowded++, left += g.start[c + 1] - g.start[c];
    if (crowded)
        LY_WARN("WALK", "%zu place%s where over %zu road segments crowd (%zu segments in all, "
                "such as a line scribbled over itself): lines that cross there without a "
                "shared point are not joined", crowded, crowded == 1 ? "" : "s", most, left);
    uint64_t *pairs = malloc((n_pairs ? n_pairs : 1) * sizeof *pairs);
    if (!pairs) {
        walk_grid_free(&g);
        return -1;
    }
    size_t n = 0;
    for (size_t c = 0; c < cells; c++)
        for (uint32_t x = g.start[c]; x < g.start[c + 1] && cell_tested(&g, c, most, border); x++)
            for (uint32_t y = x + 1; y < g.start[c + 1]; y++) {
                uint64_t i = g.items[x], j = g.items[y];
                pairs[n++] = i < j ? i << 32 | j : j << 32 | i;
            }
    walk_grid_free(&g);
    qsort(pairs, n, sizeof *pairs, by_u64);
    int r = 0;
    for (size_t k = 0; k < n && !r; k++)
        if (!k || pairs[k] != pairs[k - 1])
            r = cross(b, (uint32_t)(pairs[k] >> 32), (uint32_t)pairs[k]);
    free(pairs);
    return r;
}

static int by_seg_t(const void *a, const void *b)
{
    const split *x = a, *y = b;
    if (x->seg != y->seg)
        return x->seg < y->seg ? -1 : 1;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->x != y->x) /* the same place split twice: one order, whatever qsort does */
        return x->x < y->x ? -1 : 1;
    return (x->y > y->y) - (x->y < y->y);
}

/* ---- merging points into nodes: a hash of MERGE_M cells ---------------------------- */

typedef struct {
    int64_t kx, ky;
    uint32_t head; /* the cell's newest node; NONE: an empty slot */
} slot;

typedef struct {
    slot *slots;
    size_t mask;
    double *xy;     /* the nodes' positions: the first point of each */
    uint32_t *next; /* the node before in the same cell */
    size_t n;
} merger;

static size_t slot_of(const merger *m, int64_t kx, int64_t ky)
{
    uint64_t h = (uint64_t)kx * 0x9e3779b97f4a7c15u ^ (uint64_t)ky * 0xc2b2ae3d27d4eb4fu;
    size_t i = (size_t)(h ^ h >> 29) & m->mask;
    while (m->slots[i].head != NONE && (m->slots[i].kx != kx || m->slots[i].ky != ky))
        i = (i + 1) & m->mask;
    return i;
}

/* Room for `most` nodes. */
static int merger_init(merger *m, size_t most)
{
    memset(m, 0, sizeof *m);
    size_t cap = 16;
    while (cap < 2 * most)
        cap *= 2;
    m->mask = cap - 1;
    m->slots = malloc(cap * sizeof *m->slots);
    m->xy = malloc((most ? most : 1) * 2 * sizeof *m->xy);
    m->next = malloc((most ? most : 1) * sizeof *m->next);
    if (!m->slots || !m->xy || !m->next)
        return -1;
    for (size_t i = 0; i < cap; i++)
        m->slots[i].head = NONE;
    return 0;
}

static void merger_free(merger *m)
{
    free(m->slots);
    free(m->xy);
    free(m->next);
    memset(m, 0, sizeof *m);
}

/* The node within MERGE_M of (x, y) (the nearest, the oldest of equals), or a new
 * one there. Nodes are therefore more than MERGE_M apart. */
static uint32_t node_at(merger *m, double x, double y)
{
    int64_t kx = (int64_t)floor(x / MERGE_M), ky = (int64_t)floor(y / MERGE_M);
    uint32_t best = NONE;
    double best_d = MERGE_M;
    for (int64_t dy = -1; dy <= 1; dy++)
        for (int64_t dx = -1; dx <= 1; dx++) {
            const slot *s = &m->slots[slot_of(m, kx + dx, ky + dy)];
            for (uint32_t v = s->head; v != NONE; v = m->next[v]) {
                double d = hypot(m->xy[2 * v] - x, m->xy[2 * v + 1] - y);
                if (d < best_d || (d == best_d && best != NONE && v < best) ||
                    (d == best_d && best == NONE)) {
                    best = v;
                    best_d = d;
                }
            }
        }
    if (best != NONE)
        return best;
    uint32_t v = (uint32_t)m->n++;
    m->xy[2 * v] = x;
    m->xy[2 * v + 1] = y;
    slot *s = &m->slots[slot_of(m, kx, ky)];
    s->kx = kx;
    s->ky = ky;
    m->next[v] = s->head;
    s->head = v;
    return v;
}

/* ---- the walking graph ------------------------------------------------------------- */

static void add_edge(ly_walk *w, uint32_t a, uint32_t b)
{
    if (a == b)
        return;
    uint32_t e = (uint32_t)w->n_edges++;
    w->ends[2 * e] = a;
    w->ends[2 * e + 1] = b;
    w->len[e] = hypot(w->xy[2 * b] - w->xy[2 * a], w->xy[2 * b + 1] - w->xy[2 * a + 1]);
}

/* Each segment cut at its splits (sorted along it) into edges between merged nodes. */
static int make_edges(ly_walk *w, builder *b)
{
    if (b->n_sp)
        qsort(b->sp, b->n_sp, sizeof *b->sp, by_seg_t);
    size_t most = 2 * b->n_seg + b->n_sp;
    merger m = {0};
    if (most > UINT32_MAX - 1 || merger_init(&m, most)) {
        merger_free(&m);
        return -1;
    }
    size_t most_edges = b->n_seg + b->n_sp ? b->n_seg + b->n_sp : 1;
    w->ends = malloc(most_edges * 2 * sizeof *w->ends);
    w->len = malloc(most_edges * sizeof *w->len);
    if (!w->ends || !w->len) {
        merger_free(&m);
        return -1;
    }
    w->xy = m.xy; /* add_edge reads the positions as they grow */
    size_t k = 0;
    for (uint32_t i = 0; i < b->n_seg; i++) {
        const double *s = b->seg + 4 * (size_t)i;
        uint32_t prev = node_at(&m, s[0], s[1]);
        for (; k < b->n_sp && b->sp[k].seg == i; k++) {
            uint32_t cur = node_at(&m, b->sp[k].x, b->sp[k].y);
            add_edge(w, prev, cur);
            prev = cur;
        }
        add_edge(w, prev, node_at(&m, s[2], s[3]));
    }
    w->n_nodes = m.n;
    m.xy = NULL; /* now the graph's */
    merger_free(&m);
    return 0;
}

/* Each node's neighbours and edges, in one array. */
static int make_adjacency(ly_walk *w)
{
    w->first = calloc(w->n_nodes + 1, sizeof *w->first);
    w->adj = malloc((w->n_edges ? w->n_edges : 1) * 4 * sizeof *w->adj);
    if (!w->first || !w->adj)
        return -1;
    for (size_t e = 0; e < w->n_edges; e++) {
        w->first[w->ends[2 * e] + 1]++;
        w->first[w->ends[2 * e + 1] + 1]++;
    }
    for (size_t v = 0; v < w->n_nodes; v++)
        w->first[v + 1] += w->first[v];
    uint32_t *pos = malloc((w->n_nodes ? w->n_nodes : 1) * sizeof *pos);
    if (!pos)
        return -1;
    memcpy(pos, w->first, w->n_nodes * sizeof *pos);
    for (size_t e = 0; e < w->n_edges; e++)
        for (int k = 0; k < 2; k++) {
            uint32_t a = w->ends[2 * e + k], o = w->ends[2 * e + 1 - k];
            w->adj[2 * pos[a]] = o;
            w->adj[2 * pos[a] + 1] = (uint32_t)e;
            pos[a]++;
        }
    free(pos);
    return 0;
}

/* The edges in a grid, to find the nearest quickly. */
static int index_edges(ly_walk *w)
{
    double *seg = malloc((w->n_edges ? w->n_edges : 1) * 4 * sizeof *seg);
    if (!seg)
        return -1;
    for (size_t e = 0; e < w->n_edges; e++) {
        const double *a = w->xy + 2 * (size_t)w->ends[2 * e];
        const double *b = w->xy + 2 * (size_t)w->ends[2 * e + 1];
        memcpy(seg + 4 * e, a, 2 * sizeof *a);
        memcpy(seg + 4 * e + 2, b, 2 * sizeof *b);
    }
    int r = grid_build(&w->grid, seg, w->n_edges, 1e-3);
    free(seg);
    return r;
}

static void on_edge(const ly_walk *w, uint32_t e, double x, double y, walk_join *j);

static uint32_t root(uint32_t *up, uint32_t v)
{
    while (up[v] != v)
        v = up[v] = up[up[v]];
    return v;
}

/* Pieces the drawing left apart: each dead end (a node of one neighbour) within SNAP_M of an
 * edge of another piece (connected component) gets a connector segment to the nearest
 * point of such an edge. Within one piece nothing is added: a cul-de-sac stays one. */
static int connectors(const ly_walk *w, builder *b)
{
    uint32_t *up = malloc((w->n_nodes ? w->n_nodes : 1) * sizeof *up);
    if (!up)
        return -1;
    for (uint32_t v = 0; v < w->n_nodes; v++)
        up[v] = v;
    for (size_t e = 0; e < w->n_edges; e++)
        up[root(up, w->ends[2 * e])] = root(up, w->ends[2 * e + 1]);
    const walk_grid *g = &w->grid;
    int r = 0;
    for (uint32_t v = 0; v < w->n_nodes && !r; v++) {
        /* a dead end: one neighbour, however many edges lead there (a line drawn twice) */
        bool dead = w->first[v + 1] > w->first[v];
        for (uint32_t k = w->first[v] + 1; k < w->first[v + 1] && dead; k++)
            dead = w->adj[2 * k] == w->adj[2 * w->first[v]];
        if (!dead)
            continue;
        const double *p = w->xy + 2 * (size_t)v;
        walk_join best = {NONE, 0, 0, 0, SNAP_M};
        cell_range cr = cells_of(g, p[0] - SNAP_M, p[1] - SNAP_M, p[0] + SNAP_M, p[1] + SNAP_M);
        for (long j = cr.r0; j <= cr.r1; j++)
            for (long i = cr.c0; i <= cr.c1; i++) {
                size_t c = (size_t)j * g->nx + (size_t)i;
                for (uint32_t k = g->start[c]; k < g->start[c + 1]; k++) {
                    uint32_t e = g->items[k];
                    walk_join o;
                    if (root(up, w->ends[2 * (size_t)e]) == root(up, v))
                        continue;
                    on_edge(w, e, p[0], p[1], &o);
                    if (o.leg < best.leg || (o.leg == best.leg && o.edge < best.edge))
                        best = o;
                }
            }
        double q[2] = {best.x, best.y};
        if (best.edge != NONE) /* (it meets its edge by its end, at any level) */
            r = add_seg(b, p, q, 0);
    }
    free(up);
    return r;
}

static void graph_free(ly_walk *w)
{
    free(w->xy);
    free(w->ends);
    free(w->len);
    free(w->first);
    free(w->adj);
    walk_grid_free(&w->grid);
    memset(w, 0, sizeof *w);
}

/* The graph of b's segments: their crossings, the edges, each node's neighbours, the
 * grid of edges. */
static int build(ly_walk *w, builder *b)
{
    b->n_sp = 0;
    if (crossings(b) || b->n_seg + b->n_sp > UINT32_MAX / 2 - 1 || make_edges(w, b) ||
        make_adjacency(w) || index_edges(w))
        return -1;
    return 0;
}

ly_walk *ly_walk_create(const ly_district *d, const ly_geo *geo)
{
    ly_walk *w = calloc(1, sizeof *w);
    builder b = {0};
    if (!w)
        return NULL;
    int r = gather(&b, d, geo) || build(w, &b);
    size_t n_seg = b.n_seg;
    r = r || connectors(w, &b);
    if (!r && b.n_seg > n_seg) {
        /* again with the connectors, which cross and split like any segment */
        graph_free(w);
        r = build(w, &b);
    }
    free(b.seg);
    free(b.layer);
    free(b.sp);
    if (r) {
        ly_walk_destroy(w);
        return NULL;
    }
    return w;
}

void ly_walk_destroy(ly_walk *w)
{
    if (!w)
        return;
    graph_free(w);
    free(w);
}

size_t ly_walk_nodes(const ly_walk *w)
{
    return w ? w->n_nodes : 0;
}

size_t ly_walk_edges(const ly_walk *w)
{
    return w ? w->n_edges : 0;
}

/* ---- joining places ---------------------------------------------------------------- */

/* The point of edge e nearest (x, y) into j, with its distance as the leg. */
static void on_edge(const ly_walk *w, uint32_t e, double x, double y, walk_join *j)
{
    const double *a = w->xy + 2 * (size_t)w->ends[2 * e];
    const double *b = w->xy + 2 * (size_t)w->ends[2 * e + 1];
    double s[4] = {a[0], a[1], b[0], b[1]}, p[2] = {x, y}, dist;
    double t = seg_param(s, p, &dist);
    *j = (walk_join){e, t, a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), dist};
}

/* Cells of ring r around (cx, cy) (Chebyshev distance r) that lie in the grid: each
 * edge filed there tested against the best so far. */
static void ring_test(const ly_walk *w, long cx, long cy, long r, double x, double y,
                      walk_join *best)
{
    const walk_grid *g = &w->grid;
    long j0 = cy - r < 0 ? 0 : cy - r, j1 = cy + r > (long)g->ny - 1 ? (long)g->ny - 1 : cy + r;
    long i0 = cx - r < 0 ? 0 : cx - r, i1 = cx + r > (long)g->nx - 1 ? (long)g->nx - 1 : cx + r;
    for (long j = j0; j <= j1; j++) {
        bool full = j == cy - r || j == cy + r; /* else only the ring's two sides */
        for (long i = full ? i0 : cx - r; i <= (full ? i1 : cx + r); i += full || !r ? 1 : 2 * r) {
            if (i < i0 || i > i1)
                continue;
            size_t c = (size_t)j * g->nx + (size_t)i;
            for (uint32_t k = g->start[c]; k < g->start[c + 1]; k++) {
                walk_join o;
                on_edge(w, g->items[k], x, y, &o);
                if (o.leg < best->leg || (o.leg == best->leg && o.edge < best->edge))
                    *best = o;
            }
        }
    }
}

static walk_join walk_join_point(const ly_walk *w, double x, double y)
{
    walk_join best = {NONE, 0, x, y, INFINITY};
    if (!w->n_edges || !isfinite(x) || !isfinite(y))
        return best;
    const walk_grid *g = &w->grid;
    double fx = floor((x - g->x0) / g->cell), fy = floor((y - g->y0) / g->cell);
    fx = fmax(fmin(fx, 1e9), -1e9);
    fy = fmax(fmin(fy, 1e9), -1e9);
    long cx = (long)fx, cy = (long)fy;
    /* the first ring that reaches the grid, and the last */
    long dx0 = cx < 0 ? -cx : cx >= (long)g->nx ? cx - (long)g->nx + 1 : 0;
    long dy0 = cy < 0 ? -cy : cy >= (long)g->ny ? cy - (long)g->ny + 1 : 0;
    long first = dx0 > dy0 ? dx0 : dy0;
    long far_x = labs(cx) > labs(cx - (long)g->nx + 1) ? labs(cx) : labs(cx - (long)g->nx + 1);
    long far_y = labs(cy) > labs(cy - (long)g->ny + 1) ? labs(cy) : labs(cy - (long)g->ny + 1);
    long last = far_x > far_y ? far_x : far_y;
    for (long r = first; r <= last; r++) {
        /* every cell of ring r is at least (r - 1) cells away */
        if (best.leg <= (double)(r - 1) * g->cell)
            break;
        ring_test(w, cx, cy, r, x, y, &best);
    }
    return best;
}

/* ---- footprints ---------------------------------------------------------------------- */

static void walk_footprint_free(walk_footprint *f)
{
    free(f->xy);
    free(f->start);
    memset(f, 0, sizeof *f);
}

/* Building b's outlines (each part's rings[0]) in metres. */
static int footprint_make(walk_footprint *f, const ly_district *d, const ly_geo *geo,
                          const ly_building *b)
{
    memset(f, 0, sizeof *f);
    size_t n = 0;
    for (uint32_t p = 0; p < b->n_polygons; p++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + p];
        if (pg->n_rings)
            n += d->rings[pg->first_ring].n_points;
    }
    f->xy = malloc((n ? n : 1) * 2 * sizeof *f->xy);
    f->start = malloc(((size_t)b->n_polygons + 1) * sizeof *f->start);
    if (!f->xy || !f->start)
        return -1;
    f->start[0] = 0;
    for (uint32_t p = 0; p < b->n_polygons; p++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + p];
        const ly_ring *r = pg->n_rings ? &d->rings[pg->first_ring] : NULL;
        if (!r || r->n_points < 3 || (size_t)r->first_point + r->n_points > geo->n_points)
            continue;
        memcpy(f->xy + 2 * f->n_pts, geo->xy + 2 * (size_t)r->first_point,
               2 * r->n_points * sizeof *f->xy);
        f->n_pts += r->n_points;
        f->start[++f->n_rings] = (uint32_t)f->n_pts;
    }
    return 0;
}

static bool ring_inside(const double *p, uint32_t n, double x, double y)
{
    bool in = false;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++) {
        const double *a = p + 2 * i, *b = p + 2 * j;
        if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

/* How far (x, y) is from the footprint (0 inside one of its outlines), and the
 * footprint's point nearest it (itself inside). */
static double walk_footprint_distance(const walk_footprint *f, double x, double y, double *nx,
                                      double *ny)
{
    double best = INFINITY, p[2] = {x, y};
    *nx = x;
    *ny = y;
    for (size_t r = 0; r < f->n_rings; r++) {
        const double *ring = f->xy + 2 * (size_t)f->start[r];
        uint32_t n = f->start[r + 1] - f->start[r];
        if (ring_inside(ring, n, x, y))
            return 0;
        for (uint32_t i = 0, j = n - 1; i < n; j = i++) {
            double s[4] = {ring[2 * j], ring[2 * j + 1], ring[2 * i], ring[2 * i + 1]}, dist;
            double t = seg_param(s, p, &dist);
            if (dist < best) {
                best = dist;
                *nx = s[0] + t * (s[2] - s[0]);
                *ny = s[1] + t * (s[3] - s[1]);
            }
        }
    }
    return best;
}

/* Segments a-b and c-d: whether they cross (the point into x), else nothing. */
static bool seg_cross(const double *a, const double *b, const double *c, const double *d, double *x)
{
    double rx = b[0] - a[0], ry = b[1] - a[1], sx = d[0] - c[0], sy = d[1] - c[1];
    double den = rx * sy - ry * sx;
    if (den == 0)
        return false;
    double qx = c[0] - a[0], qy = c[1] - a[1];
    double t = (qx * sy - qy * sx) / den, u = (qx * ry - qy * rx) / den;
    if (t < 0 || t > 1 || u < 0 || u > 1)
        return false;
    x[0] = a[0] + t * rx;
    x[1] = a[1] + t * ry;
    return true;
}

/* Edge e against the footprint: the edge's point nearest it into o (o->leg its
 * distance, 0 where the edge enters the footprint). */
static void edge_to_footprint(const ly_walk *w, uint32_t e, const walk_footprint *f, walk_join *o)
{
    const double *a = w->xy + 2 * (size_t)w->ends[2 * e];
    const double *b = w->xy + 2 * (size_t)w->ends[2 * e + 1];
    double nx, ny, x[2];
    *o = (walk_join){e, 0, a[0], a[1], walk_footprint_distance(f, a[0], a[1], &nx, &ny)};
    if (o->leg == 0)
        return;
    walk_join ob = {e, 1, b[0], b[1], walk_footprint_distance(f, b[0], b[1], &nx, &ny)};
    if (ob.leg < o->leg)
        *o = ob;
    for (size_t r = 0; r < f->n_rings && o->leg > 0; r++) {
        const double *ring = f->xy + 2 * (size_t)f->start[r];
        uint32_t n = f->start[r + 1] - f->start[r];
        for (uint32_t i = 0, j = n - 1; i < n; j = i++) {
            if (seg_cross(a, b, ring + 2 * j, ring + 2 * i, x)) {
                double t = hypot(x[0] - a[0], x[1] - a[1]) / w->len[e];
                *o = (walk_join){e, fmin(t, 1.0), x[0], x[1], 0};
                return;
            }
            walk_join c;
            on_edge(w, e, ring[2 * i], ring[2 * i + 1], &c);
            if (c.leg < o->leg)
                *o = c;
        }
    }
}

/* Edges filed in the cells within `reach` of the box: the nearest to the footprint
 * into best (pass 0), or (pass 1) a point nearer the footprint's centre than best's,
 * at most TIE_M farther from the footprint than the nearest (the middle of a facade
 * that runs along a street rather than its corner). */
#define TIE_M 1.0

static void scan_edges(const ly_walk *w, const walk_footprint *f, const double *box, double reach,
                       int pass, double nearest, walk_join *best)
{
    const walk_grid *g = &w->grid;
    double cx = 0.5 * (box[0] + box[2]), cy = 0.5 * (box[1] + box[3]), nx, ny;
    double best_c = hypot(best->x - cx, best->y - cy);
    cell_range cr = cells_of(g, box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach);
    for (long r = cr.r0; r <= cr.r1; r++)
        for (long c = cr.c0; c <= cr.c1; c++) {
            size_t k = (size_t)r * g->nx + (size_t)c;
            for (uint32_t i = g->start[k]; i < g->start[k + 1]; i++) {
                walk_join o;
                if (pass == 0) {
                    edge_to_footprint(w, g->items[i], f, &o);
                    if (o.leg < best->leg || (o.leg == best->leg && o.edge < best->edge))
                        *best = o;
                    continue;
                }
                on_edge(w, g->items[i], cx, cy, &o);
                double dc = o.leg;
                o.leg = walk_footprint_distance(f, o.x, o.y, &nx, &ny);
                if (o.leg <= nearest + TIE_M &&
                    (dc < best_c || (dc == best_c && o.edge < best->edge))) {
                    *best = o;
                    best_c = dc;
                }
            }
        }
}

/* The network's point nearest the footprint: an upper bound from each outline
 * vertex's nearest edge, then every edge filed in a cell within that bound; then the
 * tie rule of scan_edges. */
static walk_join join_footprint(const ly_walk *w, const walk_footprint *f)
{
    walk_join best = {NONE, 0, 0, 0, INFINITY};
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < f->n_pts; i++) {
        const double *p = f->xy + 2 * i;
        walk_join j = walk_join_point(w, p[0], p[1]);
        if (j.leg < best.leg)
            best = j;
        box[0] = fmin(box[0], p[0]);
        box[1] = fmin(box[1], p[1]);
        box[2] = fmax(box[2], p[0]);
        box[3] = fmax(box[3], p[1]);
    }
    if (best.edge == NONE)
        return best;
    scan_edges(w, f, box, best.leg, 0, 0, &best);
    scan_edges(w, f, box, best.leg + TIE_M, 1, best.leg, &best);
    return best;
}

static int by_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int start_add(walk_start **v, size_t *n, size_t *cap, walk_join j, const walk_footprint *f)
{
    if (ly_array_reserve((void **)v, cap, *n + 1, sizeof **v))
        return -1;
    walk_start *st = &(*v)[(*n)++];
    st->at = j;
    walk_footprint_distance(f, j.x, j.y, &st->sx, &st->sy);
    return 0;
}

/* Edge e's joins with the footprint, whose nearest point o is: where it enters or leaves
 * an outline (a road through the building: out by either side), or its point nearest the
 * footprint (of those within TIE_M of it, the one nearest the centre c: the middle of a
 * facade along the street, not its corner). */
static int edge_starts(const ly_walk *w, uint32_t e, const walk_footprint *f, walk_join o,
                       const double *c, walk_start **v, size_t *n, size_t *cap)
{
    if (o.leg > 0) {
        walk_join m;
        on_edge(w, e, c[0], c[1], &m);
        double nx, ny;
        m.leg = walk_footprint_distance(f, m.x, m.y, &nx, &ny);
        return start_add(v, n, cap, m.leg <= o.leg + TIE_M ? m : o, f);
    }
    const double *a = w->xy + 2 * (size_t)w->ends[2 * e];
    const double *b = w->xy + 2 * (size_t)w->ends[2 * e + 1];
    int r = 0, k = 0;
    for (int end = 0; end < 2 && !r; end++) { /* an end in the building */
        const double *p = end ? b : a;
        double nx, ny;
        if (walk_footprint_distance(f, p[0], p[1], &nx, &ny) == 0 && ++k)
            r = start_add(v, n, cap, (walk_join){e, end, p[0], p[1], 0}, f);
    }
    for (size_t q = 0; q < f->n_rings && !r && k < 8; q++) {
        const double *ring = f->xy + 2 * (size_t)f->start[q];
        uint32_t m = f->start[q + 1] - f->start[q];
        double x[2];
        for (uint32_t i = 0, j = m - 1; i < m && !r && k < 8; j = i++)
            if (seg_cross(a, b, ring + 2 * j, ring + 2 * i, x) && ++k)
                r = start_add(v, n, cap,
                              (walk_join){e, fmin(hypot(x[0] - a[0], x[1] - a[1]) / w->len[e], 1),
                                          x[0], x[1], 0},
                              f);
    }
    return r || k ? r : start_add(v, n, cap, o, f);
}

/* A building's starts: every edge within LY_WALK_JOIN_M beyond the nearest to its
 * footprint (s->at) joins it (walk.h), each once though the grid files an edge in
 * several cells. */
static int building_starts(const ly_walk *w, ly_walk_from *s)
{
    const walk_footprint *f = &s->fp;
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < f->n_pts; i++) {
        box[0] = fmin(box[0], f->xy[2 * i]);
        box[1] = fmin(box[1], f->xy[2 * i + 1]);
        box[2] = fmax(box[2], f->xy[2 * i]);
        box[3] = fmax(box[3], f->xy[2 * i + 1]);
    }
    double c[2] = {0.5 * (box[0] + box[2]), 0.5 * (box[1] + box[3])};
    double reach = s->at.leg + LY_WALK_JOIN_M;
    const walk_grid *g = &w->grid;
    uint32_t *edges = NULL;
    size_t n = 0, cap = 0, scap = 0;
    cell_range cr = cells_of(g, box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach);
    for (long r = cr.r0; r <= cr.r1; r++)
        for (long k = cr.c0; k <= cr.c1; k++) {
            size_t cell = (size_t)r * g->nx + (size_t)k;
            for (uint32_t i = g->start[cell]; i < g->start[cell + 1]; i++) {
                if (ly_array_reserve((void **)&edges, &cap, n + 1, sizeof *edges)) {
                    free(edges);
                    return -1;
                }
                edges[n++] = g->items[i];
            }
        }
    if (n)
        qsort(edges, n, sizeof *edges, by_u32);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        walk_join o;
        if (i && edges[i] == edges[i - 1])
            continue;
        edge_to_footprint(w, edges[i], f, &o);
        if (o.leg <= reach)
            rc = edge_starts(w, edges[i], f, o, c, &s->starts, &s->n_starts, &scap);
    }
    free(edges);
    return rc;
}

/* The range of starts on edge e: [*first, return). */
static size_t starts_on(const ly_walk_from *s, uint32_t e, size_t *first)
{
    size_t a = 0, z = s->n_starts;
    while (a < z) {
        size_t m = a + (z - a) / 2;
        if (s->starts[m].at.edge < e)
            a = m + 1;
        else
            z = m;
    }
    *first = a;
    while (z < s->n_starts && s->starts[z].at.edge == e)
        z++;
    return z;
}

/* ---- the search ---------------------------------------------------------------------- */

typedef struct {
    double d;
    uint32_t v;
} heap_item;

typedef struct {
    heap_item *a;
    size_t n, cap;
} heap;

static int heap_push(heap *h, double d, uint32_t v)
{
    if (ly_array_reserve((void **)&h->a, &h->cap, h->n + 1, sizeof *h->a))
        return -1;
    size_t i = h->n++;
    while (i > 0 && h->a[(i - 1) / 2].d > d) {
        h->a[i] = h->a[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->a[i] = (heap_item){d, v};
    return 0;
}

static heap_item heap_pop(heap *h)
{
    heap_item top = h->a[0], last = h->a[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->a[c + 1].d < h->a[c].d)
            c++;
        if (h->a[c].d >= last.d)
            break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->n)
        h->a[i] = last;
    return top;
}

/* Offers node v at distance d (from node `from`, NONE for a start's edge, by start `via`). */
static int relax(ly_walk_from *s, heap *h, uint32_t v, double d, uint32_t from, uint32_t via)
{
    if (d > s->limit || d >= s->dist[v])
        return 0;
    s->dist[v] = d;
    s->parent[v] = from;
    s->via[v] = via;
    return heap_push(h, d, v);
}

/* Dijkstra from the origin's starts, settling every node within the limit. */
static int run(const ly_walk *w, ly_walk_from *s)
{
    heap h = {0};
    for (size_t i = 0; i < s->n_starts; i++) {
        const walk_join *o = &s->starts[i].at;
        double l = w->len[o->edge];
        if (relax(s, &h, w->ends[2 * o->edge], o->leg + o->t * l, NONE, (uint32_t)i) ||
            relax(s, &h, w->ends[2 * o->edge + 1], o->leg + (1 - o->t) * l, NONE, (uint32_t)i)) {
            free(h.a);
            return -1;
        }
    }
    while (h.n) {
        heap_item it = heap_pop(&h);
        if (it.d > s->dist[it.v])
            continue; /* a stale entry */
        s->reached[s->n_reached++] = it.v;
        for (uint32_t k = w->first[it.v]; k < w->first[it.v + 1]; k++) {
            uint32_t v = w->adj[2 * k], e = w->adj[2 * k + 1];
            if (relax(s, &h, v, it.d + w->len[e], it.v, s->via[it.v])) {
                free(h.a);
                return -1;
            }
        }
    }
    free(h.a);
    return 0;
}

/* A search with its origin set (s->at, s->sx, s->sy, s->fp; a building's starts): the
 * arrays, the run. */
static ly_walk_from *search(const ly_walk *w, ly_walk_from *s, double limit_m)
{
    size_t n = w->n_nodes ? w->n_nodes : 1;
    s->limit = isnan(limit_m) || limit_m < 0 ? 0 : limit_m;
    s->dist = malloc(n * sizeof *s->dist);
    s->parent = malloc(n * sizeof *s->parent);
    s->via = malloc(n * sizeof *s->via);
    s->reached = malloc(n * sizeof *s->reached);
    if (!s->dist || !s->parent || !s->via || !s->reached)
        goto fail;
    if (!s->n_starts && s->at.edge != NONE) { /* a point: its one join */
        s->starts = malloc(sizeof *s->starts);
        if (!s->starts)
            goto fail;
        s->starts[0] = (walk_start){s->at, s->sx, s->sy};
        s->n_starts = 1;
    }
    for (size_t v = 0; v < w->n_nodes; v++)
        s->dist[v] = INFINITY;
    if (run(w, s))
        goto fail;
    return s;
fail:
    ly_walk_from_destroy(s);
    return NULL;
}

ly_walk_from *ly_walk_search_point(const ly_walk *w, double x, double y, double limit_m)
{
    ly_walk_from *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->at = walk_join_point(w, x, y);
    s->sx = x;
    s->sy = y;
    return search(w, s, limit_m);
}

ly_walk_from *ly_walk_search_building(const ly_walk *w, const ly_district *d, const ly_geo *geo,
                                      size_t building, double limit_m)
{
    if (building >= d->n_buildings)
        return NULL;
    ly_walk_from *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    const ly_building *b = &d->buildings[building];
    if (footprint_make(&s->fp, d, geo, b)) {
        ly_walk_from_destroy(s);
        return NULL;
    }
    if (!s->fp.n_rings) {
        /* no outline (a model without a footprint): its box's centre, as a point */
        walk_footprint_free(&s->fp);
        double x, y;
        ly_proj_forward(&geo->proj, ly_building_mid_lon(b), 0.5 * (b->lat_min + b->lat_max), &x,
                        &y);
        s->at = walk_join_point(w, x, y);
        s->sx = x;
        s->sy = y;
        return search(w, s, limit_m);
    }
    s->at = join_footprint(w, &s->fp);
    if (s->at.edge != NONE)
        walk_footprint_distance(&s->fp, s->at.x, s->at.y, &s->sx, &s->sy);
    else
        s->sx = s->fp.xy[0], s->sy = s->fp.xy[1];
    if (s->at.edge != NONE && building_starts(w, s)) {
        ly_walk_from_destroy(s);
        return NULL;
    }
    return search(w, s, limit_m);
}

void ly_walk_from_destroy(ly_walk_from *s)
{
    if (!s)
        return;
    free(s->dist);
    free(s->parent);
    free(s->reached);
    free(s->via);
    free(s->starts);
    walk_footprint_free(&s->fp);
    free(s);
}

/* ---- distances, routes, nearby ------------------------------------------------------- */

/* With no roads: straight from the origin (a building: from its footprint), and
 * where that walk starts. */
static double straight(const ly_walk_from *s, double x, double y, double *sx, double *sy)
{
    if (s->fp.n_rings)
        return walk_footprint_distance(&s->fp, x, y, sx, sy);
    *sx = s->sx;
    *sy = s->sy;
    return hypot(x - s->sx, y - s->sy);
}

/* The shortest walk to a place joined at j: its metres and how it goes (0, 1: by the
 * edge's first or second node; 2: along the edge of start *st; walk_distance_joined
 * adds 3: in a straight line, 4: in the building's outline). */
static double to_join(const ly_walk *w, const ly_walk_from *s, const walk_join *j, int *how,
                      size_t *st)
{
    double best = INFINITY, l = w->len[j->edge];
    *how = -1;
    size_t i, z = starts_on(s, j->edge, &i);
    for (; i < z; i++) {
        const walk_join *o = &s->starts[i].at;
        double d = o->leg + fabs(j->t - o->t) * l + j->leg;
        if (d < best) {
            best = d;
            *how = 2;
            *st = i;
        }
    }
    double via[2] = {s->dist[w->ends[2 * j->edge]] + j->t * l + j->leg,
                     s->dist[w->ends[2 * j->edge + 1]] + (1 - j->t) * l + j->leg};
    for (int k = 0; k < 2; k++)
        if (via[k] < best) {
            best = via[k];
            *how = k;
        }
    return best;
}

static double walk_distance_joined(const ly_walk *w, const ly_walk_from *s, double x, double y,
                                   walk_join *j, int *how, size_t *st)
{
    double d, sx, sy;
    *how = 3;
    /* a place in the building's outline (its bank, its hotel's point) is in it: no walk
     * out to the road and back */
    if (s->fp.n_rings && walk_footprint_distance(&s->fp, x, y, &sx, &sy) <= LY_WALK_MERGE_M) {
        *how = 4;
        return 0;
    }
    if (!w->n_edges) {
        d = straight(s, x, y, &sx, &sy);
    } else {
        *j = walk_join_point(w, x, y);
        d = s->at.edge == NONE || j->edge == NONE ? INFINITY : to_join(w, s, j, how, st);
    }
    return d <= s->limit ? d : -1;
}

double ly_walk_distance(const ly_walk *w, const ly_walk_from *s, double x, double y)
{
    walk_join j;
    int how;
    size_t st;
    return walk_distance_joined(w, s, x, y, &j, &how, &st);
}

typedef struct {
    double *xy;
    size_t cap, n;
    double last[2];
} route;

/* A route's next point, unless it repeats the last; counted when there is no room. */
static void route_put(route *r, double x, double y)
{
    if (r->n && r->last[0] == x && r->last[1] == y)
        return;
    if (r->n < r->cap) {
        r->xy[2 * r->n] = x;
        r->xy[2 * r->n + 1] = y;
    }
    r->last[0] = x;
    r->last[1] = y;
    r->n++;
}

/* The nodes from the origin's edge to v, in walking order (the caller frees). */
static uint32_t *chain_to(const ly_walk_from *s, uint32_t v, size_t *m)
{
    size_t n = 0;
    for (uint32_t u = v; u != NONE; u = s->parent[u])
        n++;
    uint32_t *c = malloc(n * sizeof *c);
    if (!c)
        return NULL;
    *m = n;
    for (uint32_t u = v; u != NONE; u = s->parent[u])
        c[--n] = u;
    return c;
}

size_t ly_walk_path(const ly_walk *w, const ly_walk_from *s, double x, double y, double *xy,
                    size_t cap)
{
    walk_join j;
    int how;
    size_t st = 0;
    if (walk_distance_joined(w, s, x, y, &j, &how, &st) < 0)
        return 0;
    route r = {xy, xy ? cap : 0, 0, {0, 0}};
    if (how == 4) { /* in the building: the place itself */
        route_put(&r, x, y);
    } else if (how == 3) {
        double sx, sy;
        straight(s, x, y, &sx, &sy);
        route_put(&r, sx, sy);
        route_put(&r, x, y);
    } else {
        size_t m = 0;
        uint32_t *c = NULL;
        if (how < 2) {
            uint32_t v = w->ends[2 * j.edge + how];
            st = s->via[v];
            if (!(c = chain_to(s, v, &m)))
                return 0;
        }
        route_put(&r, s->starts[st].sx, s->starts[st].sy);
        route_put(&r, s->starts[st].at.x, s->starts[st].at.y);
        for (size_t k = 0; k < m; k++)
            route_put(&r, w->xy[2 * (size_t)c[k]], w->xy[2 * (size_t)c[k] + 1]);
        free(c);
        route_put(&r, j.x, j.y);
        route_put(&r, x, y);
    }
    return r.n;
}

void ly_walk_nearby_pois(const ly_walk *w, const ly_walk_from *s, const ly_district *d,
                         const ly_geo *geo, ly_walk_nearby *out)
{
    for (int c = 0; c < LY_POI_COUNT; c++) {
        out->feature[c] = -1;
        out->metres[c] = -1;
    }
    for (size_t f = 0; f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind != LY_KIND_POI || ft->subtype < 0 || ft->subtype >= LY_POI_COUNT)
            continue;
        int c = ft->subtype;
        double x, y;
        ly_proj_forward(&geo->proj, ft->lon, ft->lat, &x, &y);
        /* a walk is never shorter than the straight line from the outline (from the
         * origin's point, where it has none) */
        double nx, ny, bound = s->fp.n_rings ? walk_footprint_distance(&s->fp, x, y, &nx, &ny)
                               : w->n_edges  ? hypot(x - s->sx, y - s->sy)
                                             : 0;
        if (bound > s->limit || (out->feature[c] >= 0 && bound >= out->metres[c]))
            continue;
        double m = ly_walk_distance(w, s, x, y);
        if (m >= 0 && (out->feature[c] < 0 || m < out->metres[c])) {
            out->feature[c] = (long)f;
            out->metres[c] = m;
        }
    }
}

/* ---- walking areas: the field ---------------------------------------------------------- */

/* A piece of the field's sources: from p along the unit vector u for len metres, reached
 * at d0. Along a walk (a road, a leg) each metre costs one; a place (a footprint's edge,
 * the origin's point) is all at d0. */
typedef struct {
    double px, py, ux, uy, len, d0;
    bool along;
} ray;

typedef struct {
    ray *r;
    size_t n, cap;
} rays;

/* From p to q reached at d0; a walk trimmed where it passes `most`. */
static int ray_add(rays *rs, const double *p, const double *q, double d0, double most, bool along)
{
    double dx = q[0] - p[0], dy = q[1] - p[1], len = hypot(dx, dy);
    if (!(d0 <= most) || !isfinite(len) || !isfinite(p[0]) || !isfinite(p[1]))
        return 0;
    double ux = len > 0 ? dx / len : 0, uy = len > 0 ? dy / len : 0;
    if (along && len > most - d0)
        len = most - d0;
    if (ly_array_reserve((void **)&rs->r, &rs->cap, rs->n + 1, sizeof *rs->r))
        return -1;
    rs->r[rs->n++] = (ray){p[0], p[1], ux, uy, len, d0, along};
    return 0;
}

/* The origin (its footprint's edges, or its point), its legs, and every reached road
 * from each of its ends to where the walks from both ends meet. */
static int collect(const ly_walk *w, const ly_walk_from *s, double most, rays *rs)
{
    double o[2] = {s->sx, s->sy};
    int r = 0;
    for (size_t k = 0; k < s->fp.n_rings; k++) {
        const double *ring = s->fp.xy + 2 * (size_t)s->fp.start[k];
        uint32_t n = s->fp.start[k + 1] - s->fp.start[k];
        for (uint32_t i = 0, j = n - 1; i < n && !r; j = i++)
            r = ray_add(rs, ring + 2 * j, ring + 2 * i, 0, most, false);
    }
    if (!s->fp.n_rings)
        r = r || ray_add(rs, o, o, 0, most, false);
    for (size_t i = 0; i < s->n_starts && !r; i++) { /* the legs, and along their edges */
        const walk_join *at = &s->starts[i].at;
        double j[2] = {at->x, at->y}, from[2] = {s->starts[i].sx, s->starts[i].sy};
        r = ray_add(rs, from, j, 0, most, true);
        for (int k = 0; k < 2; k++)
            r = r ||
                ray_add(rs, j, w->xy + 2 * (size_t)w->ends[2 * at->edge + k], at->leg, most, true);
    }
    for (size_t k = 0; k < s->n_reached && !r; k++) {
        uint32_t a = s->reached[k];
        const double *pa = w->xy + 2 * (size_t)a;
        for (uint32_t i = w->first[a]; i < w->first[a + 1] && !r; i++) {
            uint32_t b = w->adj[2 * i], e = w->adj[2 * i + 1];
            double da = s->dist[a], db = s->dist[b], l = w->len[e];
            double m = isfinite(db) ? fmin(fmax(0.5 * (db - da + l), 0), l) : l;
            const double *pb = w->xy + 2 * (size_t)b;
            double q[2] = {pa[0] + (pb[0] - pa[0]) * m / l, pa[1] + (pb[1] - pa[1]) * m / l};
            if (m > 0)
                r = ray_add(rs, pa, q, da, most, true);
        }
    }
    return r;
}

/* A band's field on a grid: vertex (i, j) at (x0 + i cell, y0 + j cell). A vertex is
 * within the band when its value is <= 0 (see excess()). */
typedef struct {
    double x0, y0, cell;
    size_t nx, ny;
    float *v;
} field;

/* Vertices at most: ~700 x 700, so a 15-minute area keeps 10 m cells. */
#define FIELD_MOST (1u << 19)
/* How far from a ray the field is filled: a cell past the cap, so that every vertex
 * next to one within the band has its own value (the field is 1-Lipschitz). */
#define REACH_CELLS 1.01

static int field_make(field *f, const rays *rs, double cap)
{
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t k = 0; k < rs->n; k++) {
        const ray *r = &rs->r[k];
        double ex = r->px + r->ux * r->len, ey = r->py + r->uy * r->len;
        box[0] = fmin(box[0], fmin(r->px, ex));
        box[1] = fmin(box[1], fmin(r->py, ey));
        box[2] = fmax(box[2], fmax(r->px, ex));
        box[3] = fmax(box[3], fmax(r->py, ey));
    }
    memset(f, 0, sizeof *f);
    if (!rs->n)
        return 0;
    f->cell = LY_WALK_CELL_M;
    double w, h;
    for (;;) {
        double pad = cap + (REACH_CELLS + 2) * f->cell;
        w = box[2] - box[0] + 2 * pad;
        h = box[3] - box[1] + 2 * pad;
        f->x0 = box[0] - pad;
        f->y0 = box[1] - pad;
        if ((ceil(w / f->cell) + 1) * (ceil(h / f->cell) + 1) <= FIELD_MOST)
            break;
        f->cell *= 1.25;
    }
    f->nx = (size_t)ceil(w / f->cell) + 1;
    f->ny = (size_t)ceil(h / f->cell) + 1;
    f->v = malloc(f->nx * f->ny * sizeof *f->v);
    return f->v ? 0 : -1;
}

/* The band of `lim`'s field, one ray's part: at each vertex v within reach of the ray,
 * the least of its value and how far v is outside the band by this ray: the least, over
 * the ray's points p, of max(D(p) + |v - p| - lim, |v - p| - cap), D(p) the walk to p
 * (d0, plus the metres along it for a walk). <= 0: within the band. Unlike walking
 * metres with a hard cap, this is continuous (1-Lipschitz: it is |v - p| - min(lim -
 * D(p), cap)), so the outline comes out smooth where the cap decides it as where the
 * limit does. Along a walk the first term grows with p's distance s along the ray and
 * the second falls until the foot of v: the least is at the foot, or where cap metres of
 * budget are left if that comes first; the ray is cut there, so the foot on the cut ray
 * is the answer. In float (metres from the ray's start, good to 0.1 mm), branch-free. */
static void splat(field *f, const ray *r, double cap, double lim)
{
    double len = r->along ? fmin(r->len, fmax(lim - cap - r->d0, 0)) : r->len;
    double reach = cap + REACH_CELLS * f->cell;
    double ex = r->px + r->ux * len, ey = r->py + r->uy * len;
    long i0 = (long)floor((fmin(r->px, ex) - reach - f->x0) / f->cell);
    long i1 = (long)ceil((fmax(r->px, ex) + reach - f->x0) / f->cell);
    long j0 = (long)floor((fmin(r->py, ey) - reach - f->y0) / f->cell);
    long j1 = (long)ceil((fmax(r->py, ey) + reach - f->y0) / f->cell);
    i0 = i0 < 0 ? 0 : i0;
    j0 = j0 < 0 ? 0 : j0;
    i1 = i1 > (long)f->nx - 1 ? (long)f->nx - 1 : i1;
    j1 = j1 > (long)f->ny - 1 ? (long)f->ny - 1 : j1;
    float ux = (float)r->ux, uy = (float)r->uy, fl = (float)len, base = (float)(r->d0 - lim);
    float along = r->along ? 1.0f : 0.0f, fcap = (float)cap, reach2 = (float)(reach * reach);
    float cell = (float)f->cell, rx0 = (float)(f->x0 + (double)i0 * f->cell - r->px);
    for (long j = j0; j <= j1; j++) {
        float ry = (float)(f->y0 + (double)j * f->cell - r->py);
        float *row = f->v + (size_t)j * f->nx;
        for (long i = i0; i <= i1; i++) {
            float rx = rx0 + (float)(i - i0) * cell, sf = rx * ux + ry * uy;
            float s = sf < 0 ? 0 : sf;
            s = s > fl ? fl : s;
            float dx = rx - s * ux, dy = ry - s * uy, d2 = dx * dx + dy * dy, d = sqrtf(d2);
            float a = base + along * s + d, b = d - fcap, v = a > b ? a : b;
            v = d2 > reach2 ? INFINITY : v;
            row[i] = v < row[i] ? v : row[i];
        }
    }
}

/* The band of `lim`: every ray that starts within it. */
static void band_field(field *f, const rays *rs, double cap, double lim)
{
    for (size_t k = 0; k < f->nx * f->ny; k++)
        f->v[k] = INFINITY;
    for (size_t k = 0; k < rs->n; k++)
        if (rs->r[k].d0 <= lim)
            splat(f, &rs->r[k], cap, lim);
}

/* ---- walking areas: marching squares ------------------------------------------------------ */

typedef struct {
    float (*tri)[2];
    size_t n_tri, cap_tri;
    float (*seg)[2];
    size_t n_seg, cap_seg;
} sink;

static void put_tri(sink *k, const double *a, const double *b, const double *c)
{
    float p[3][2] = {
        {(float)a[0], (float)a[1]}, {(float)b[0], (float)b[1]}, {(float)c[0], (float)c[1]}};
    double area = ((double)p[1][0] - p[0][0]) * ((double)p[2][1] - p[0][1]) -
                  ((double)p[2][0] - p[0][0]) * ((double)p[1][1] - p[0][1]);
    if (!(area > 0))
        return; /* a sliver where a crossing fell on a corner (as floats) */
    memcpy(k->tri + k->n_tri, p, sizeof p);
    k->n_tri += 3;
}

static void put_seg(sink *k, const double *a, const double *b)
{
    k->seg[k->n_seg][0] = (float)a[0];
    k->seg[k->n_seg++][1] = (float)a[1];
    k->seg[k->n_seg][0] = (float)b[0];
    k->seg[k->n_seg++][1] = (float)b[1];
}

/* Corners of a cell counter-clockwise from its south-west one. */
static const int CORNER_I[4] = {0, 1, 1, 0}, CORNER_J[4] = {0, 0, 1, 1};

/* Where the band's edge crosses a cell side, from its inside corner `in` (value vi <= 0)
 * towards `out` (vo > 0), by linear interpolation. A corner with no value (beyond every
 * ray's reach: it cannot be next to an inside one, but rounding) counts as one cell. */
static void crossing(const double *in, double vi, const double *out, double vo, double cell,
                     double *x)
{
    double t = isfinite(vo) ? -vi / (vo - vi) : -vi / cell;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    x[0] = in[0] + t * (out[0] - in[0]);
    x[1] = in[1] + t * (out[1] - in[1]);
}

/* One cell of a band (mask: bit k set when corner k is inside): its inside part as
 * triangles (a convex polygon, fanned; a saddle whose centre is outside as two corner
 * triangles) and the outline within it. */
static void march_cell(sink *k, const field *f, size_t i, size_t j, int mask)
{
    double p[4][2], v[4], e[4][2];
    for (int c = 0; c < 4; c++) {
        p[c][0] = f->x0 + (double)(i + (size_t)CORNER_I[c]) * f->cell;
        p[c][1] = f->y0 + (double)(j + (size_t)CORNER_J[c]) * f->cell;
        v[c] = f->v[(j + (size_t)CORNER_J[c]) * f->nx + i + (size_t)CORNER_I[c]];
    }
    for (int c = 0; c < 4; c++) {
        int n = (c + 1) & 3;
        bool a = mask >> c & 1, b = mask >> n & 1;
        if (a && !b)
            crossing(p[c], v[c], p[n], v[n], f->cell, e[c]);
        else if (b && !a)
            crossing(p[n], v[n], p[c], v[c], f->cell, e[c]);
    }
    if (mask == 5 || mask == 10) {
        double mean = 0;
        for (int c = 0; c < 4; c++)
            mean += 0.25 * (isfinite(v[c]) ? v[c] : f->cell);
        if (mean > 0) {
            for (int c = mask == 5 ? 0 : 1; c < 4; c += 2) {
                put_tri(k, p[c], e[c], e[(c + 3) & 3]);
                put_seg(k, e[c], e[(c + 3) & 3]);
            }
            return;
        }
    }
    const double *poly[8];
    bool is_cross[8];
    int n = 0;
    for (int c = 0; c < 4; c++) {
        if (mask >> c & 1) {
            poly[n] = p[c];
            is_cross[n++] = false;
        }
        if ((mask >> c & 1) != (mask >> ((c + 1) & 3) & 1)) {
            poly[n] = e[c];
            is_cross[n++] = true;
        }
    }
    for (int t = 1; t + 1 < n; t++)
        put_tri(k, poly[0], poly[t], poly[t + 1]);
    for (int t = 0; t < n; t++)
        if (is_cross[t] && is_cross[(t + 1) % n])
            put_seg(k, poly[t], poly[(t + 1) % n]);
}

/* Cells i0 .. i1 - 1 of row j, all inside: one rectangle. */
static void full_run(sink *k, const field *f, size_t i0, size_t i1, size_t j)
{
    double a[2] = {f->x0 + (double)i0 * f->cell, f->y0 + (double)j * f->cell};
    double b[2] = {f->x0 + (double)i1 * f->cell, a[1]};
    double c[2] = {b[0], f->y0 + (double)(j + 1) * f->cell}, d[2] = {a[0], c[1]};
    put_tri(k, a, b, c);
    put_tri(k, a, c, d);
}

/* Everything within the band (values <= 0): triangles and outline. Room is made a cell
 * at a time. */
static int march(sink *k, const field *f)
{
    for (size_t j = 0; j + 1 < f->ny; j++) {
        const float *lo = f->v + j * f->nx, *hi = lo + f->nx;
        size_t run = SIZE_MAX;
        for (size_t i = 0; i + 1 < f->nx; i++) {
            int mask =
                (lo[i] <= 0) | (lo[i + 1] <= 0) << 1 | (hi[i + 1] <= 0) << 2 | (hi[i] <= 0) << 3;
            if (ly_array_reserve((void **)&k->tri, &k->cap_tri, k->n_tri + 18, sizeof *k->tri) ||
                ly_array_reserve((void **)&k->seg, &k->cap_seg, k->n_seg + 4, sizeof *k->seg))
                return -1;
            if (mask == 15) {
                run = run == SIZE_MAX ? i : run;
                continue;
            }
            if (run != SIZE_MAX)
                full_run(k, f, run, i, j);
            run = SIZE_MAX;
            if (mask)
                march_cell(k, f, i, j, mask);
        }
        if (run != SIZE_MAX)
            full_run(k, f, run, f->nx - 1, j);
    }
    return 0;
}

int ly_walk_isochrones(const ly_walk *w, const ly_walk_from *s, const double *limits_m, int n,
                       ly_walk_areas *out)
{
    memset(out, 0, sizeof *out);
    assert(n >= 1 && n <= LY_WALK_MAX_BANDS);
    n = n < 1 ? 0 : n > LY_WALK_MAX_BANDS ? LY_WALK_MAX_BANDS : n;
    if (!n)
        return 0;
    double lim[LY_WALK_MAX_BANDS];
    for (int b = 0; b < n; b++) {
        lim[b] = isnan(limits_m[b]) ? 0 : fmin(limits_m[b], s->limit);
        lim[b] = b ? fmax(lim[b], lim[b - 1]) : lim[b];
    }
    double most = lim[n - 1], cap = w->n_edges ? LY_WALK_OFFROAD_M : most;
    rays rs = {0};
    field f = {0};
    sink k = {0};
    if (collect(w, s, most, &rs) || field_make(&f, &rs, cap))
        goto fail;
    for (int b = 0; b < n && f.v; b++) {
        out->first_tri[b] = k.n_tri;
        out->first_seg[b] = k.n_seg;
        band_field(&f, &rs, cap, lim[b]);
        if (march(&k, &f))
            goto fail;
        out->count_tri[b] = k.n_tri - out->first_tri[b];
        out->count_seg[b] = k.n_seg - out->first_seg[b];
    }
    free(rs.r);
    free(f.v);
    out->tri = k.tri;
    out->n_tri = k.n_tri;
    out->seg = k.seg;
    out->n_seg = k.n_seg;
    out->n_bands = n;
    out->cell_m = f.cell;
    return 0;
fail:
    free(rs.r);
    free(f.v);
    free(k.tri);
    free(k.seg);
    memset(out, 0, sizeof *out);
    return -1;
}

void ly_walk_areas_deinit(ly_walk_areas *a)
{
    if (!a)
        return;
    free(a->tri);
    free(a->seg);
    memset(a, 0, sizeof *a);
}

int ly_walk_nearby_order(const ly_walk_nearby *nb, int order[LY_POI_COUNT])
{
    int n = 0;
    for (int k = 0; k < LY_POI_COUNT; k++) {
        if (nb->feature[k] < 0)
            continue;
        /* insertion: at most a dozen categories */
        int i = n++;
        while (i > 0 && nb->metres[order[i - 1]] > nb->metres[k]) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = k;
    }
    return n;
}
