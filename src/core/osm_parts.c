/* OpenStreetMap's building parts (the Simple 3D Buildings scheme): a building mapped in
 * parts has an outline (building=*) with its name, address and levels, and parts
 * (building:part=*) inside it, each with its own height and base (a podium, a tower on
 * it). Drawn beside each other, the outline's block would stand around the parts and
 * hide their shape. Here each part joins the outline that contains it: the outline's
 * building is drawn as its parts (one polygon with its own heights for each part), the
 * parts are no longer buildings of their own, and pointing at any part picks the
 * building. A part inside no outline stays a building. */
#include "load_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_STOREY_MM = 3200 };

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A point inside building b's first polygon: the middle of the widest span of the line
 * across the middle of its outline's box (inside the outline, outside the holes). A part often
 * shares its edges with the outline, so its corners are no test. False when the line
 * meets no span (a degenerate polygon). */
static bool inner_point(const ly_district *d, const ly_building *b, double *xs, size_t cap,
                        double out[2])
{
    const ly_polygon *pg = &d->polygons[b->first_polygon];
    const ly_ring *outer = &d->rings[pg->first_ring];
    double lo = INFINITY, hi = -INFINITY;
    for (uint32_t i = 0; i < outer->n_points; i++) {
        double v = d->points[2 * ((size_t)outer->first_point + i) + 1];
        lo = fmin(lo, v);
        hi = fmax(hi, v);
    }
    double y = 0.5 * (lo + hi);
    size_t n = 0;
    for (uint32_t r = 0; r < pg->n_rings; r++) {
        const ly_ring *rg = &d->rings[pg->first_ring + r];
        const double *p = d->points + 2 * (size_t)rg->first_point;
        for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points && n < cap; j = i++) {
            double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
            if ((yi > y) != (yj > y))
                xs[n++] = xi + (y - yi) * (xj - xi) / (yj - yi);
        }
    }
    qsort(xs, n, sizeof *xs, by_double);
    double best = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        if (xs[i + 1] - xs[i] > best) {
            best = xs[i + 1] - xs[i];
            out[0] = 0.5 * (xs[i] + xs[i + 1]);
            out[1] = y;
        }
    return best > 0;
}

/* The outlines (every building that may take parts) in a grid of
 * cells over their boxes: cell c lists at[first[c] .. first[c + 1]). */
typedef struct {
    double x0, y0, cw, ch;
    int g;
    uint32_t *first, *at;
} grid;

/* Whether a building may take parts: not a part, no 3D model, no storey heights of its
 * own (its storeys may change). */
static bool outline(const ly_building *b, unsigned char part)
{
    return !part && !b->n_faces && !b->floor_heights_given;
}

static void cell_span(const grid *G, const ly_building *b, int c[4])
{
    double v[4] = {(b->lon_min - G->x0) / G->cw, (b->lat_min - G->y0) / G->ch,
                   (b->lon_max - G->x0) / G->cw, (b->lat_max - G->y0) / G->ch};
    for (int k = 0; k < 4; k++)
        c[k] = v[k] < 0 ? 0 : v[k] >= G->g ? G->g - 1 : (int)v[k];
}

static int grid_make(grid *G, const ly_district *d, const unsigned char *part)
{
    size_t n = 0;
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        if (!outline(b, part[i]))
            continue;
        n++;
        box[0] = fmin(box[0], b->lon_min);
        box[1] = fmin(box[1], b->lat_min);
        box[2] = fmax(box[2], b->lon_max);
        box[3] = fmax(box[3], b->lat_max);
    }
    G->g = n ? (int)fmin(1024, ceil(sqrt((double)n))) : 1;
    G->x0 = box[0];
    G->y0 = box[1];
    G->cw = n ? fmax((box[2] - box[0]) / G->g, 1e-9) : 1;
    G->ch = n ? fmax((box[3] - box[1]) / G->g, 1e-9) : 1;
    size_t cells = (size_t)G->g * (size_t)G->g;
    G->first = calloc(cells + 1, sizeof *G->first);
    if (!G->first)
        return -1;
    /* count into first[k + 1]; sum, so that first[k] is where cell k starts; place,
     * moving first[k] on to cell k's end; then shift back */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < d->n_buildings && n; i++) {
            if (!outline(&d->buildings[i], part[i]))
                continue;
            int c[4];
            cell_span(G, &d->buildings[i], c);
            for (int y = c[1]; y <= c[3]; y++)
                for (int x = c[0]; x <= c[2]; x++) {
                    size_t k = (size_t)y * (size_t)G->g + (size_t)x;
                    if (pass)
                        G->at[G->first[k]++] = (uint32_t)i;
                    else
                        G->first[k + 1]++;
                }
        }
        if (pass)
            break;
        for (size_t k = 0; k < cells; k++)
            G->first[k + 1] += G->first[k];
        G->at = malloc((G->first[cells] ? G->first[cells] : 1) * sizeof *G->at);
        if (!G->at)
            return -1;
    }
    for (size_t k = cells; k > 0; k--)
        G->first[k] = G->first[k - 1];
    G->first[0] = 0;
    return 0;
}

/* The outline that holds part b: of those whose polygon contains its inner point, the
 * smallest; -1 for none. */
static long owner(const grid *G, const ly_district *d, const ly_building *b, double *xs,
                  size_t cap)
{
    double p[2] = {0, 0};
    if (!inner_point(d, b, xs, cap, p))
        return -1;
    int cx = (int)((p[0] - G->x0) / G->cw), cy = (int)((p[1] - G->y0) / G->ch);
    if (cx < 0 || cy < 0 || cx >= G->g || cy >= G->g)
        return -1;
    size_t k = (size_t)cy * (size_t)G->g + (size_t)cx;
    long best = -1;
    double best_area = INFINITY;
    for (uint32_t i = G->first[k]; i < G->first[k + 1]; i++) {
        const ly_building *o = &d->buildings[G->at[i]];
        if (p[0] < o->lon_min || p[0] > o->lon_max || p[1] < o->lat_min || p[1] > o->lat_max)
            continue;
        double area = (o->lon_max - o->lon_min) * (o->lat_max - o->lat_min);
        if (area >= best_area)
            continue;
        for (uint32_t q = 0; q < o->n_polygons; q++)
            if (ly_polygon_contains(d, d->points, &d->polygons[o->first_polygon + q], p[0], p[1])) {
                best = (long)G->at[i];
                best_area = area;
                break;
            }
    }
    return best;
}

/* Outline o takes part b's polygons (copied to polygons[at ...]), heights and box. */
static void take_part(ly_district *d, ly_building *o, const ly_building *b, uint32_t at)
{
    for (uint32_t q = 0; q < b->n_polygons; q++) {
        ly_polygon *src = &d->polygons[b->first_polygon + q];
        d->polygons[at + q] = *src;
        o->min_height_m = fmin(o->min_height_m, src->min_height_m);
        src->min_height_m = src->height_m = 0; /* the part's own: no longer drawn */
    }
    if (b->height_m > o->height_m) { /* taller than the outline said: its storeys too */
        o->height_m = b->height_m;
        o->floors = b->floors > o->floors ? b->floors : o->floors;
    }
    o->lon_min = fmin(o->lon_min, b->lon_min);
    o->lat_min = fmin(o->lat_min, b->lat_min);
    o->lon_max = fmax(o->lon_max, b->lon_max);
    o->lat_max = fmax(o->lat_max, b->lat_max);
}

/* An outline drawn as its parts: its own footprint no longer drawn. */
static void become_parts(ly_district *d, ly_building *o, uint32_t first, uint32_t n)
{
    for (uint32_t q = 0; q < o->n_polygons; q++)
        d->polygons[o->first_polygon + q].min_height_m =
            d->polygons[o->first_polygon + q].height_m = 0;
    o->first_polygon = first;
    o->n_polygons = n;
    o->min_height_m = INFINITY;
}

/* Its storeys kept between 2 and 12 m, as the loader keeps a building's. */
static void fit_floors(ly_building *o)
{
    double storey = o->height_m / (o->floors > 0 ? o->floors : 1);
    if (storey > 12.0 || storey < 2.0)
        o->floors = (int)fmax(1, floor(o->height_m * 1000 / DEFAULT_STOREY_MM + 0.5));
    if (o->height_m / o->floors < 2.0)
        o->floors = (int)fmax(1, floor(o->height_m * 1000 / DEFAULT_STOREY_MM));
}

/* An outline's storeys once its parts joined: as many as its floors are now, equal (it had
 * kept the heights of the floors it had: a taller part's floors were read past them, into
 * another building's). -1: out of memory. */
static int refloor(ly_district *d, ly_building *o)
{
    if (o->floors <= 0)
        return 0;
    float *grown = realloc(d->floor_heights,
                           (d->n_floor_heights + (size_t)o->floors) * sizeof *grown);
    if (!grown)
        return -1;
    d->floor_heights = grown;
    o->first_floor_height = (uint32_t)d->n_floor_heights;
    for (int f = 0; f < o->floors; f++)
        d->floor_heights[d->n_floor_heights++] = (float)(o->height_m / o->floors);
    o->floor_heights_given = false;
    return 0;
}

typedef struct {
    unsigned char *part;
    long *own;
    uint32_t *count, *start; /* an outline's parts' polygons, and where they go */
    double *xs;
    grid G;
} join;

static void join_free(join *J)
{
    free(J->part);
    free(J->own);
    free(J->count);
    free(J->start);
    free(J->xs);
    free(J->G.first);
    free(J->G.at);
}

/* Which buildings are parts that may join (no model, no records, no enterprises of their
 * own) and, for them, the outline that holds each; the scratch the search needs. */
static long find_owners(join *J, ly_district *d, const ly_part_ref *parts, size_t n)
{
    size_t nb = d->n_buildings, cap = 0;
    J->part = calloc(nb ? nb : 1, 1);
    J->own = malloc((nb ? nb : 1) * sizeof *J->own);
    if (!J->part || !J->own)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const ly_building *b = nb > parts[i].building ? &d->buildings[parts[i].building] : NULL;
        if (!b || b->feature != parts[i].feature || b->n_faces || b->n_records ||
            b->n_enterprises || !b->n_polygons)
            continue; /* (a feature left out by skip_bad: its row is another's now) */
        J->part[parts[i].building] = 1;
        const ly_polygon *pg = &d->polygons[b->first_polygon];
        size_t pts = 0;
        for (uint32_t r = 0; r < pg->n_rings; r++)
            pts += d->rings[pg->first_ring + r].n_points;
        cap = pts > cap ? pts : cap;
    }
    J->xs = malloc((cap ? cap : 1) * sizeof *J->xs);
    if (!J->xs || grid_make(&J->G, d, J->part))
        return -1;
    long joined = 0;
    for (size_t i = 0; i < nb; i++) {
        J->own[i] = J->part[i] ? owner(&J->G, d, &d->buildings[i], J->xs, cap) : -1;
        joined += J->own[i] >= 0;
    }
    return joined;
}

long ly_osm_join_parts(ly_district *d, const ly_part_ref *parts, size_t n)
{
    join J = {0};
    long joined = n ? find_owners(&J, d, parts, n) : 0;
    size_t nb = d->n_buildings, add = 0;
    if (joined > 0) {
        J.count = calloc(nb, sizeof *J.count);
        J.start = calloc(nb, sizeof *J.start);
        if (!J.count || !J.start)
            joined = -1;
    }
    for (size_t i = 0; i < nb && joined > 0; i++)
        if (J.own[i] >= 0) {
            J.count[J.own[i]] += d->buildings[i].n_polygons;
            add += d->buildings[i].n_polygons;
        }
    ly_polygon *grown = NULL;
    if (joined > 0 && (d->n_polygons + add > UINT32_MAX ||
                       !(grown = realloc(d->polygons, (d->n_polygons + add) * sizeof *grown))))
        joined = -1;
    if (grown)
        d->polygons = grown;
    if (joined <= 0) {
        join_free(&J);
        return joined;
    }
    uint32_t at = (uint32_t)d->n_polygons;
    for (size_t i = 0; i < nb; i++)
        if (J.count[i]) {
            J.start[i] = at;
            become_parts(d, &d->buildings[i], at, J.count[i]);
            at += J.count[i];
            J.count[i] = 0; /* now: how many are in place */
        }
    d->n_polygons = at;
    for (size_t i = 0; i < nb; i++)
        if (J.own[i] >= 0) {
            ly_building *o = &d->buildings[J.own[i]];
            take_part(d, o, &d->buildings[i], J.start[J.own[i]] + J.count[J.own[i]]);
            J.count[J.own[i]] += d->buildings[i].n_polygons;
        }
    size_t k = 0;
    for (size_t i = 0; i < nb; i++) {
        if (J.count[i]) {
            fit_floors(&d->buildings[i]);
            if (refloor(d, &d->buildings[i]))
                joined = -1;
        }
        if (J.own[i] < 0)
            d->buildings[k++] = d->buildings[i];
    }
    d->n_buildings = k;
    join_free(&J);
    return joined;
}
