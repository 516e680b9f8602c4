#include "louyu/stacking.h"
#include "louyu/bvh.h"
#include "louyu/triangulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Colour-blind-safe and legible on white: vacant (what a tenant looks for)
 * is the strongest, leased recedes, no data is neutral. */
static const uint8_t STATE_RGBA[LY_FLOOR_STATES][4] = {
    {146, 160, 184, 255}, /* leased: quiet blue-grey */
    {242, 173, 58, 255},  /* partly vacant: amber */
    {0, 150, 136, 255},   /* vacant: teal */
    {214, 212, 206, 255}, /* no data: light warm grey */
    {104, 110, 122, 255}, /* plant, parking: dark slate, the building's own machinery */
};

ly_string_id ly_floor_state_name(ly_floor_state s)
{
    static const ly_string_id names[LY_FLOOR_STATES] = {
        LY_S_LEASED, LY_S_PARTLY_VACANT, LY_S_VACANT_FLOOR, LY_S_NO_DATA, LY_S_FLOOR_SERVICE};
    return names[(unsigned)s < LY_FLOOR_STATES ? s : LY_FLOOR_NO_DATA];
}

const uint8_t *ly_floor_state_color(ly_floor_state s)
{
    return STATE_RGBA[(unsigned)s < LY_FLOOR_STATES ? s : LY_FLOOR_NO_DATA];
}

ly_floor_state ly_floor_state_of(const ly_district *d, const ly_building *b, int floor,
                                 const ly_floor_record **record)
{
    /* records are sorted by floor: binary search */
    const ly_floor_record *r = d->records + b->first_record;
    uint32_t lo = 0, hi = b->n_records;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (r[mid].floor < floor)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (record)
        *record = NULL;
    if (lo >= b->n_records || r[lo].floor != floor)
        return LY_FLOOR_NO_DATA;
    if (record)
        *record = &r[lo];
    if (r[lo].vacant_m2 > 0 && r[lo].vacant_m2 >= r[lo].area_m2)
        return LY_FLOOR_VACANT;
    if (ly_floor_has_space(&r[lo]))
        return LY_FLOOR_PARTLY_VACANT;
    /* a plant floor is not let, nor a car park's (a plant floor had read "leased") */
    return ly_floor_is_service(&r[lo]) ? LY_FLOOR_SERVICE : LY_FLOOR_LEASED;
}

void ly_stacking_deinit(ly_stacking *st)
{
    if (!st)
        return;
    free(st->vertices);
    free(st->indices);
    memset(st, 0, sizeof *st);
    st->building = -1;
}

typedef struct {
    ly_stacking *st;
    size_t cap_v, cap_i;
    bool fail;
} builder;

static uint32_t vert(builder *bd, double x, double y, double z, float nx, float ny, float nz,
                     const uint8_t *rgba, int floor, bool hl)
{
    ly_stacking *st = bd->st;
    if (bd->fail || ly_array_reserve((void **)&st->vertices, &bd->cap_v,
                                     (size_t)st->n_vertices + 1, sizeof *st->vertices)) {
        bd->fail = true;
        return 0;
    }
    ly_slab_vertex *v = &st->vertices[st->n_vertices];
    v->pos[0] = (float)x;
    v->pos[1] = (float)y;
    v->pos[2] = (float)z;
    v->normal[0] = (int8_t)lrintf(nx * 127);
    v->normal[1] = (int8_t)lrintf(ny * 127);
    v->normal[2] = (int8_t)lrintf(nz * 127);
    v->highlight = hl;
    memcpy(v->rgba, rgba, 4);
    v->floor = (uint16_t)floor;
    v->pad = 0;
    for (int k = 0; k < 3; k++) {
        st->min[k] = fminf(st->min[k], v->pos[k]);
        st->max[k] = fmaxf(st->max[k], v->pos[k]);
    }
    return st->n_vertices++;
}

static void tri(builder *bd, uint32_t a, uint32_t b, uint32_t c)
{
    ly_stacking *st = bd->st;
    if (bd->fail || ly_array_reserve((void **)&st->indices, &bd->cap_i, st->n_indices + 3,
                                     sizeof *st->indices)) {
        bd->fail = true;
        return;
    }
    st->indices[st->n_indices++] = a;
    st->indices[st->n_indices++] = b;
    st->indices[st->n_indices++] = c;
}

static double ring_area2(const double *p, uint32_t n)
{
    double a = 0;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++)
        a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
    return a;
}

/* One slab of one part: walls, top and bottom. */
static void slab(builder *bd, const ly_district *d, const ly_geo *geo, const ly_polygon *pg,
                 const uint32_t *tris, size_t n_tri_idx, double z0, double z1,
                 const uint8_t *rgba, int floor, bool hl)
{
    for (uint32_t k = 0; k < pg->n_rings; k++) {
        const ly_ring *ring = &d->rings[pg->first_ring + k];
        const double *p = geo->xy + 2 * (size_t)ring->first_point;
        uint32_t n = ring->n_points;
        bool flip = (k == 0) != (ring_area2(p, n) > 0);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t ia = flip ? (n - i) % n : i, ib = flip ? n - 1 - i : (i + 1) % n;
            double ax = p[2 * ia], ay = p[2 * ia + 1], bx = p[2 * ib], by = p[2 * ib + 1];
            double dx = bx - ax, dy = by - ay, len = hypot(dx, dy);
            if (len < 1e-6)
                continue;
            float nx = (float)(dy / len), ny = (float)(-dx / len);
            uint32_t v0 = vert(bd, ax, ay, z0, nx, ny, 0, rgba, floor, hl);
            uint32_t v1 = vert(bd, bx, by, z0, nx, ny, 0, rgba, floor, hl);
            uint32_t v2 = vert(bd, bx, by, z1, nx, ny, 0, rgba, floor, hl);
            uint32_t v3 = vert(bd, ax, ay, z1, nx, ny, 0, rgba, floor, hl);
            tri(bd, v0, v1, v2);
            tri(bd, v0, v2, v3);
        }
    }
    for (int side = 0; side < 2; side++) {
        uint32_t base = bd->st->n_vertices;
        double z = side ? z0 : z1;
        for (uint32_t k = 0; k < pg->n_rings; k++) {
            const ly_ring *ring = &d->rings[pg->first_ring + k];
            const double *p = geo->xy + 2 * (size_t)ring->first_point;
            for (uint32_t i = 0; i < ring->n_points; i++)
                vert(bd, p[2 * i], p[2 * i + 1], z, 0, 0, side ? -1.0f : 1.0f, rgba, floor, hl);
        }
        for (size_t t = 0; t + 2 < n_tri_idx; t += 3) {
            if (side)
                tri(bd, base + tris[t], base + tris[t + 2], base + tris[t + 1]);
            else
                tri(bd, base + tris[t], base + tris[t + 1], base + tris[t + 2]);
        }
    }
}

int ly_stacking_build(ly_stacking *st, const ly_district *d, const ly_geo *geo, long bi,
                      float explode, int highlight_lo, int highlight_hi)
{
    memset(st, 0, sizeof *st);
    st->building = -1;
    for (int k = 0; k < 3; k++) {
        st->min[k] = INFINITY;
        st->max[k] = -INFINITY;
    }
    if (bi < 0 || (size_t)bi >= d->n_buildings)
        return 0;
    const ly_building *b = &d->buildings[bi];
    builder bd = {.st = st};
    ly_triangulator *t = ly_triangulator_create();
    ly_geo_flat flat = {0};
    uint32_t *tris = NULL;
    size_t cap_tris = 0;
    explode = explode < 0 ? 0 : explode > 1 ? 1 : explode;
    int rc = t ? 0 : -1;
    for (uint32_t pi = 0; pi < b->n_polygons && !rc && !bd.fail; pi++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + pi];
        /* the part's footprint, triangulated once for all its floors */
        const uint32_t *idx;
        size_t nt;
        if (ly_geo_flatten(&flat, d, geo, pg) ||
            ly_triangulate(t, &flat.poly, &idx, &nt) == LY_TRI_NOMEM ||
            ly_array_reserve((void **)&tris, &cap_tris, 3 * nt, sizeof *tris)) {
            rc = -1;
            break;
        }
        if (nt) /* (tris may still be NULL) */
            memcpy(tris, idx, 3 * nt * sizeof *tris);
        for (int f = 1; f <= b->floors && !bd.fail; f++) {
            double z0 = ly_building_floor_base(d, b, f), z1 = ly_building_floor_base(d, b, f + 1);
            if (z1 <= pg->min_height_m + 1e-3 || z0 >= pg->height_m - 1e-3)
                continue; /* this part does not reach this floor */
            z0 = fmax(z0, pg->min_height_m);
            z1 = fmin(z1, pg->height_m);
            /* a thin gap between slabs, so floors read as slices */
            double gap = fmin(0.45, 0.15 * (z1 - z0));
            double lift = explode * 2.6 * (f - 1);
            ly_floor_state s = ly_floor_state_of(d, b, f, NULL);
            slab(&bd, d, geo, pg, tris, 3 * nt, z0 + lift, z1 - gap + lift,
                 ly_floor_state_color(s), f,
                 highlight_lo > 0 && f >= highlight_lo && f <= highlight_hi);
        }
    }
    ly_geo_flat_deinit(&flat);
    free(tris);
    ly_triangulator_destroy(t);
    if (rc || bd.fail) {
        ly_stacking_deinit(st);
        return -1;
    }
    st->building = bi;
    return 0;
}

int ly_stacking_pick(const ly_stacking *st, const float o[3], const float dir[3], float *t_out)
{
    float best = INFINITY, nrm[3];
    int floor = 0;
    for (size_t i = 0; i + 2 < st->n_indices; i += 3) {
        float t = ly_ray_triangle(o, dir, st->vertices[st->indices[i]].pos,
                                  st->vertices[st->indices[i + 1]].pos,
                                  st->vertices[st->indices[i + 2]].pos, nrm);
        if (t < best) {
            best = t;
            floor = st->vertices[st->indices[i]].floor;
        }
    }
    if (t_out)
        *t_out = best;
    return floor;
}
