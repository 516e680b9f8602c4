#include "louyu/clock.h"
#include "louyu/mesh.h"
#include "louyu/progress.h"
#include "louyu/triangulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int ly_building_floor_at(const ly_district *d, const ly_building *b, double z)
{
    const float *h = d->floor_heights + b->first_floor_height;
    double base = 0;
    for (int f = 1; f < b->floors; f++) {
        base += h[f - 1];
        if (z < base - 1e-3)
            return f;
    }
    return b->floors;
}

/* Roof triangles of every polygon, computed before extrusion so the two
 * phases can be timed apart. tris[first[p] .. first[p + 1]) are polygon p's
 * indices into its own ring points (outer ring first, then holes). */
typedef struct {
    uint32_t *tris;
    size_t n, cap;
    size_t *first; /* n_polygons + 1 */
    /* for the faces of 3D models */
    ly_triangulator *tri;
    double *xyz, *uv;
    uint32_t *holes;
    size_t cap_xyz, cap_uv, cap_holes;
} roofs;

/* Which polygons are the footprints of 3D models (drawn from their faces, so never
 * extruded): a flag each, or NULL when the district has no models. */
static unsigned char *model_footprints(const ly_district *d, int *rc)
{
    if (!d->n_faces)
        return NULL;
    unsigned char *skip = calloc(d->n_polygons ? d->n_polygons : 1, 1);
    if (!skip) {
        *rc = -1;
        return NULL;
    }
    for (size_t i = 0; i < d->n_buildings; i++)
        if (d->buildings[i].n_faces)
            memset(skip + d->buildings[i].first_polygon, 1, d->buildings[i].n_polygons);
    return skip;
}

static int triangulate_all(const ly_district *d, const ly_geo *geo, roofs *r, size_t *partial)
{
    r->first = malloc((d->n_polygons + 1) * sizeof *r->first);
    ly_triangulator *t = ly_triangulator_create();
    ly_geo_flat flat = {0};
    int rc = r->first && t ? 0 : -1;
    unsigned char *skip = model_footprints(d, &rc);
    for (size_t p = 0; p < d->n_polygons && !rc; p++) {
        r->first[p] = r->n;
        const ly_polygon *pg = &d->polygons[p];
        if ((pg->height_m <= 0 && pg->min_height_m <= 0) || (skip && skip[p]))
            continue; /* flat areas (parks, water) are not extruded, nor models' footprints */
        if (ly_geo_flatten(&flat, d, geo, pg)) {
            rc = -1;
            break;
        }
        const uint32_t *idx;
        size_t nt;
        ly_tri_status st = ly_triangulate(t, &flat.poly, &idx, &nt);
        if (st == LY_TRI_NOMEM) {
            rc = -1;
            break;
        }
        if (st != LY_TRI_OK)
            (*partial)++;
        if (ly_array_reserve((void **)&r->tris, &r->cap, r->n + 3 * nt, sizeof *r->tris)) {
            rc = -1;
            break;
        }
        if (nt) /* (none: idx may be NULL) */
            memcpy(r->tris + r->n, idx, 3 * nt * sizeof *idx);
        r->n += 3 * nt;
    }
    if (!rc)
        r->first[d->n_polygons] = r->n;
    ly_geo_flat_deinit(&flat);
    ly_triangulator_destroy(t);
    free(skip);
    return rc;
}

typedef struct {
    ly_mesh_chunk *c;
    bool fail;
} emitter;

/* Appends a vertex; room was made by reserve(). */
static uint32_t vert(emitter *e, double x, double y, double z, const float n[3], int surface,
                     uint32_t building, int floor, uint32_t part)
{
    ly_mesh_chunk *c = e->c;
    ly_vertex *v = &c->vertices[c->n_vertices];
    v->pos[0] = (float)x;
    v->pos[1] = (float)y;
    v->pos[2] = (float)z;
    for (int k = 0; k < 3; k++)
        v->normal[k] = (int8_t)lrintf(n[k] * 127.0f);
    v->surface = (uint8_t)surface;
    v->building = building;
    v->floor = (uint16_t)floor;
    v->part = (uint16_t)part;
    for (int k = 0; k < 3; k++) {
        c->min[k] = fminf(c->min[k], v->pos[k]);
        c->max[k] = fmaxf(c->max[k], v->pos[k]);
    }
    return c->n_vertices++;
}

static void tri(emitter *e, uint32_t a, uint32_t b, uint32_t c)
{
    ly_mesh_chunk *ch = e->c;
    ch->indices[ch->n_indices++] = a;
    ch->indices[ch->n_indices++] = b;
    ch->indices[ch->n_indices++] = c;
}

/* Room for `nv` more vertices and `ni` more indices, so the emitters below
 * only check once per polygon. */
static int reserve(emitter *e, size_t nv, size_t ni)
{
    ly_mesh_chunk *c = e->c;
    size_t cap = c->cap_vertices;
    if (c->n_vertices + nv > UINT32_MAX ||
        ly_array_reserve((void **)&c->vertices, &cap, c->n_vertices + nv, sizeof *c->vertices) ||
        ly_array_reserve((void **)&c->indices, &c->cap_indices, c->n_indices + ni,
                         sizeof *c->indices)) {
        e->fail = true;
        return -1;
    }
    c->cap_vertices = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
    return 0;
}

static double ring_area2(const double *xy, const ly_ring *r)
{
    double a = 0;
    const double *p = xy + 2 * (size_t)r->first_point;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
    return a;
}

static void extrude_polygon(emitter *e, const ly_district *d, const ly_geo *geo, uint32_t bi,
                            uint32_t part, const roofs *r, size_t pi)
{
    const ly_building *b = &d->buildings[bi];
    const ly_polygon *pg = &d->polygons[pi];
    double zb = pg->min_height_m, zt = pg->height_m;
    size_t npts = 0;
    for (uint32_t k = 0; k < pg->n_rings; k++)
        npts += d->rings[pg->first_ring + k].n_points;
    size_t ntri = r->first[pi + 1] - r->first[pi];
    if (reserve(e, 6 * npts, 6 * npts + 2 * ntri))
        return;
    int fb = ly_building_floor_at(d, b, zb), ft = ly_building_floor_at(d, b, zt);
    /* walls: walk each ring with the solid on the left (outer CCW, holes CW). A corner's
     * two vertices (foot, head) carry the wall that starts there, and each wall's two
     * triangles end on them: GL takes a flat value from a triangle's last vertex, so the
     * corners are shared by the walls on either side (half a ring's vertices). */
    for (uint32_t k = 0; k < pg->n_rings; k++) {
        const ly_ring *ring = &d->rings[pg->first_ring + k];
        const double *p = geo->xy + 2 * (size_t)ring->first_point;
        bool ccw = ring_area2(geo->xy, ring) > 0;
        bool flip = (k == 0) != ccw;
        uint32_t n = ring->n_points, first = e->c->n_vertices;
        for (uint32_t i = 0; i < n; i++) {
            /* corner i of the walk and the one after it */
            uint32_t ia = flip ? (n - i) % n : i, ib = flip ? n - 1 - i : (i + 1) % n;
            double ax = p[2 * ia], ay = p[2 * ia + 1], bx = p[2 * ib], by = p[2 * ib + 1];
            double dx = bx - ax, dy = by - ay, len = hypot(dx, dy);
            /* a wall of no length is not drawn: its corner's normal is never used */
            float nrm[3] = {len < 1e-6 ? 0 : (float)(dy / len), len < 1e-6 ? 0 : (float)(-dx / len),
                            0};
            vert(e, ax, ay, zb, nrm, LY_SURF_WALL, bi, fb, part);
            vert(e, ax, ay, zt, nrm, LY_SURF_WALL, bi, ft, part);
        }
        for (uint32_t i = 0; i < n; i++) {
            uint32_t ia = flip ? (n - i) % n : i, ib = flip ? n - 1 - i : (i + 1) % n;
            if (hypot(p[2 * ib] - p[2 * ia], p[2 * ib + 1] - p[2 * ia + 1]) < 1e-6)
                continue;
            uint32_t foot = first + 2 * i, head = foot + 1;
            uint32_t next_foot = first + 2 * ((i + 1) % n), next_head = next_foot + 1;
            tri(e, next_foot, head, foot);      /* counter-clockwise seen from outside */
            tri(e, next_foot, next_head, head); /* both end on this wall's corner */
        }
    }
    /* roof and, for a lifted part, bottom: one vertex per ring point */
    size_t t0 = r->first[pi], t1 = r->first[pi + 1];
    if (t0 == t1)
        return;
    for (int side = 0; side < 2; side++) {
        if (side == 1 && zb <= 0)
            break;
        float nrm[3] = {0, 0, side ? -1.0f : 1.0f};
        double z = side ? zb : zt;
        uint32_t base = e->c->n_vertices;
        for (uint32_t k = 0; k < pg->n_rings; k++) {
            const ly_ring *ring = &d->rings[pg->first_ring + k];
            const double *p = geo->xy + 2 * (size_t)ring->first_point;
            for (uint32_t i = 0; i < ring->n_points; i++)
                vert(e, p[2 * i], p[2 * i + 1], z, nrm, side ? LY_SURF_BOTTOM : LY_SURF_ROOF, bi,
                     side ? fb : ft, part);
        }
        for (size_t t = t0; t < t1; t += 3) {
            uint32_t a = base + r->tris[t], b2 = base + r->tris[t + 1], c = base + r->tris[t + 2];
            if (side)
                tri(e, a, c, b2); /* facing down */
            else
                tri(e, a, b2, c);
        }
    }
}

/* Where face f's points are: xyz (metres) and, in uv, the same points in the plane
 * the face lies in (the axis its normal is longest along dropped); n its normal.
 * Returns the number of points, 0 for a degenerate face, -1 out of memory. */
static long face_points(const ly_district *d, const ly_geo *geo, const ly_face *f, roofs *r,
                        double n[3])
{
    size_t np = 0;
    for (uint32_t k = 0; k < f->n_rings; k++)
        np += d->rings[f->first_ring + k].n_points;
    if (ly_array_reserve((void **)&r->xyz, &r->cap_xyz, 3 * np, sizeof *r->xyz) ||
        ly_array_reserve((void **)&r->uv, &r->cap_uv, 2 * np, sizeof *r->uv) ||
        ly_array_reserve((void **)&r->holes, &r->cap_holes, f->n_rings, sizeof *r->holes))
        return -1;
    size_t at = 0;
    for (uint32_t k = 0; k < f->n_rings; k++) {
        const ly_ring *rg = &d->rings[f->first_ring + k];
        if (k)
            r->holes[k - 1] = (uint32_t)at;
        for (uint32_t i = 0; i < rg->n_points; i++, at++) {
            size_t p = rg->first_point + i;
            r->xyz[3 * at] = geo->xy[2 * p];
            r->xyz[3 * at + 1] = geo->xy[2 * p + 1];
            r->xyz[3 * at + 2] = d->point_z[p];
        }
    }
    n[0] = n[1] = n[2] = 0;
    uint32_t no = d->rings[f->first_ring].n_points;
    for (uint32_t i = 0, j = no - 1; i < no; j = i++) { /* Newell, on the outline */
        const double *a = r->xyz + 3 * j, *b = r->xyz + 3 * i;
        n[0] += (a[1] - b[1]) * (a[2] + b[2]);
        n[1] += (a[2] - b[2]) * (a[0] + b[0]);
        n[2] += (a[0] - b[0]) * (a[1] + b[1]);
    }
    double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (len < 1e-9)
        return 0;
    int drop = fabs(n[0]) > fabs(n[1]) ? (fabs(n[0]) > fabs(n[2]) ? 0 : 2)
                                       : (fabs(n[1]) > fabs(n[2]) ? 1 : 2);
    for (size_t i = 0; i < np; i++) {
        r->uv[2 * i] = r->xyz[3 * i + (drop == 0 ? 1 : 0)];
        r->uv[2 * i + 1] = r->xyz[3 * i + (drop == 2 ? 1 : 2)];
    }
    for (int k = 0; k < 3; k++)
        n[k] /= len;
    return (long)np;
}

/* A face of a 3D model: triangulated in its plane, each triangle turned to face the way
 * the face does. Faces on the ground are left out (nobody sees them, and they would
 * fight the ground for depth). */
static void emit_face(emitter *e, const ly_district *d, const ly_geo *geo, uint32_t bi,
                      const ly_face *f, roofs *r)
{
    static const uint8_t SURF[LY_FACE_COUNT] = {LY_SURF_WALL, LY_SURF_ROOF, LY_SURF_BOTTOM,
                                                LY_SURF_WINDOW, LY_SURF_DOOR};
    double n[3];
    long np = face_points(d, geo, f, r, n);
    if (np <= 0) {
        e->fail = np < 0;
        return;
    }
    double top = 0;
    for (long i = 0; i < np; i++)
        top = fmax(top, r->xyz[3 * i + 2]);
    if (f->type == LY_FACE_GROUND && top < 0.05)
        return;
    const uint32_t *idx;
    size_t nt;
    ly_tri_polygon poly = {r->uv, (uint32_t)np, f->n_rings > 1 ? r->holes : NULL, f->n_rings - 1};
    if (ly_triangulate(r->tri, &poly, &idx, &nt) == LY_TRI_NOMEM || reserve(e, (size_t)np, 3 * nt)) {
        e->fail = true;
        return;
    }
    const ly_building *b = &d->buildings[bi];
    float nf[3] = {(float)n[0], (float)n[1], (float)n[2]};
    uint32_t base = e->c->n_vertices;
    for (long i = 0; i < np; i++) {
        const double *p = r->xyz + 3 * i;
        vert(e, p[0], p[1], p[2], nf, SURF[f->type < LY_FACE_COUNT ? f->type : 0], bi,
             ly_building_floor_at(d, b, p[2]), f->part);
    }
    for (size_t t = 0; t < nt; t++) {
        const double *a = r->xyz + 3 * idx[3 * t], *b2 = r->xyz + 3 * idx[3 * t + 1],
                     *c = r->xyz + 3 * idx[3 * t + 2];
        double u[3] = {b2[0] - a[0], b2[1] - a[1], b2[2] - a[2]};
        double v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double dot = n[0] * (u[1] * v[2] - u[2] * v[1]) + n[1] * (u[2] * v[0] - u[0] * v[2]) +
                     n[2] * (u[0] * v[1] - u[1] * v[0]);
        uint32_t i1 = base + idx[3 * t + 1], i2 = base + idx[3 * t + 2];
        tri(e, base + idx[3 * t], dot >= 0 ? i1 : i2, dot >= 0 ? i2 : i1);
    }
}

void ly_mesh_deinit(ly_mesh *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_chunks; i++) {
        free(m->chunks[i].vertices);
        free(m->chunks[i].indices);
        free(m->chunks[i].lod_vertices);
        free(m->chunks[i].lod_indices);
    }
    free(m->chunks);
    free(m->buildings);
    memset(m, 0, sizeof *m);
}

enum { TILES = LY_MESH_TILES * LY_MESH_TILES };

/* Buildings into square chunks of the given size (by the first point of their
 * outline), at most 64 x 64, and each into a tile of its chunk: chunk_of[i] and
 * tile_of[i] for each, and the order they are emitted in: chunk by chunk, tile by
 * tile, the chunk's buildings under construction last (the renderer draws them in
 * their own translucent range). Returns 0 or -1 (out of memory). */
static int chunk_grid(ly_mesh *m, const ly_district *d, const ly_geo *geo, double chunk,
                      uint32_t *order, uint32_t *chunk_of, uint8_t *tile_of)
{
    size_t nb = d->n_buildings;
    int gx = 1, gy = 1;
    double ox = geo->min[0], oy = geo->min[1];
    if (nb) {
        gx = (int)fmin(64, fmax(1, ceil((geo->max[0] - ox) / chunk)));
        gy = (int)fmin(64, fmax(1, ceil((geo->max[1] - oy) / chunk)));
    }
    m->chunks = calloc((size_t)gx * gy, sizeof *m->chunks);
    size_t *count = calloc((size_t)gx * gy * (TILES + 1) + 1, sizeof *count);
    if (!m->chunks || !count) {
        free(count);
        return -1;
    }
    m->n_chunks = (size_t)gx * gy;
    for (size_t i = 0; i < nb; i++) {
        const ly_building *b = &d->buildings[i];
        const ly_ring *outer = &d->rings[d->polygons[b->first_polygon].first_ring];
        const double *p = geo->xy + 2 * (size_t)outer->first_point;
        int cx = (int)((p[0] - ox) / chunk), cy = (int)((p[1] - oy) / chunk);
        cx = cx < 0 ? 0 : cx >= gx ? gx - 1 : cx;
        cy = cy < 0 ? 0 : cy >= gy ? gy - 1 : cy;
        chunk_of[i] = (uint32_t)(cy * gx + cx);
        double t = chunk / LY_MESH_TILES;
        int tx = (int)floor((p[0] - ox - cx * chunk) / t), ty = (int)floor((p[1] - oy - cy * chunk) / t);
        tx = tx < 0 ? 0 : tx >= LY_MESH_TILES ? LY_MESH_TILES - 1 : tx;
        ty = ty < 0 ? 0 : ty >= LY_MESH_TILES ? LY_MESH_TILES - 1 : ty;
        bool site = b->status == LY_STATUS_UNDER_CONSTRUCTION;
        tile_of[i] = (uint8_t)(site ? TILES : ty * LY_MESH_TILES + tx);
        count[chunk_of[i] * (TILES + 1) + tile_of[i] + 1]++;
    }
    size_t buckets = m->n_chunks * (TILES + 1);
    for (size_t k = 0; k < buckets; k++)
        count[k + 1] += count[k];
    for (size_t i = 0; i < nb; i++)
        order[count[chunk_of[i] * (TILES + 1) + tile_of[i]]++] = (uint32_t)i;
    free(count);
    for (size_t c = 0; c < m->n_chunks; c++) {
        ly_mesh_chunk *ch = &m->chunks[c];
        ch->tile_origin[0] = (float)(ox + (double)(c % (size_t)gx) * chunk);
        ch->tile_origin[1] = (float)(oy + (double)(c / (size_t)gx) * chunk);
        ch->tile_size = (float)(chunk / LY_MESH_TILES);
        for (int t = 0; t < TILES; t++)
            for (int k = 0; k < 3; k++) {
                ch->tiles[t].min[k] = INFINITY;
                ch->tiles[t].max[k] = -INFINITY;
            }
        m->chunks[c].site_first_index = UINT32_MAX;
        for (int k = 0; k < 3; k++) {
            m->chunks[c].min[k] = INFINITY;
            m->chunks[c].max[k] = -INFINITY;
        }
    }
    return 0;
}

/* Extrudes building bi into its chunk and records its index range and box. */
static int emit_building(ly_mesh *m, const ly_district *d, const ly_geo *geo, uint32_t bi,
                         uint32_t chunk, roofs *r)
{
    const ly_building *b = &d->buildings[bi];
    emitter e = {.c = &m->chunks[chunk]};
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION && e.c->site_first_index == UINT32_MAX)
        e.c->site_first_index = (uint32_t)e.c->n_indices;
    ly_mesh_building *mb = &m->buildings[bi];
    mb->chunk = chunk;
    mb->first_index = (uint32_t)e.c->n_indices;
    uint32_t first_vertex = e.c->n_vertices;
    for (uint32_t k = 0; k < b->n_faces && !e.fail; k++)
        emit_face(&e, d, geo, bi, &d->faces[b->first_face + k], r);
    for (uint32_t k = 0; k < b->n_polygons && !b->n_faces; k++)
        extrude_polygon(&e, d, geo, bi, k, r, b->first_polygon + k);
    if (e.fail || e.c->n_indices > UINT32_MAX)
        return -1;
    mb->n_indices = (uint32_t)(e.c->n_indices - mb->first_index);
    for (int k = 0; k < 3; k++) {
        mb->min[k] = INFINITY;
        mb->max[k] = -INFINITY;
    }
    for (uint32_t v = first_vertex; v < e.c->n_vertices; v++)
        for (int k = 0; k < 3; k++) {
            mb->min[k] = fminf(mb->min[k], e.c->vertices[v].pos[k]);
            mb->max[k] = fmaxf(mb->max[k], e.c->vertices[v].pos[k]);
        }
    return 0;
}

/* Each tile's index range and box, from its buildings (contiguous, in order). */
static void tile_ranges(ly_mesh *m, const uint32_t *order, const uint8_t *tile_of, size_t nb)
{
    for (size_t o = 0; o < nb; o++) {
        uint32_t bi = order[o];
        if (tile_of[bi] >= TILES)
            continue; /* a building site: the chunk's translucent range */
        const ly_mesh_building *mb = &m->buildings[bi];
        ly_mesh_tile *t = &m->chunks[mb->chunk].tiles[tile_of[bi]];
        if (!t->count)
            t->first = mb->first_index;
        t->count += mb->n_indices;
        for (int k = 0; k < 3; k++) {
            t->min[k] = fminf(t->min[k], mb->min[k]);
            t->max[k] = fmaxf(t->max[k], mb->max[k]);
        }
    }
}

/* The mesh's totals and box, from its chunks. */
static void totals(ly_mesh *m)
{
    for (int k = 0; k < 3; k++) {
        m->min[k] = INFINITY;
        m->max[k] = -INFINITY;
    }
    for (size_t c = 0; c < m->n_chunks; c++) {
        ly_mesh_chunk *ch = &m->chunks[c];
        if (ch->site_first_index == UINT32_MAX)
            ch->site_first_index = (uint32_t)ch->n_indices;
        m->n_vertices += ch->n_vertices;
        m->n_triangles += ch->n_indices / 3;
        m->bytes += ch->n_vertices * sizeof *ch->vertices + ch->n_indices * sizeof *ch->indices;
        if (ch->n_vertices)
            for (int k = 0; k < 3; k++) {
                m->min[k] = fminf(m->min[k], ch->min[k]);
                m->max[k] = fmaxf(m->max[k], ch->max[k]);
            }
    }
}

int ly_mesh_init(ly_mesh *m, const ly_district *d, const ly_geo *geo, const ly_mesh_desc *desc)
{
    memset(m, 0, sizeof *m);
    ly_mesh_timing scratch, *tm = desc && desc->timing ? desc->timing : &scratch;
    double chunk = desc && desc->chunk_size_m > 0 ? desc->chunk_size_m : 1000.0;
    ly_progress *progress = desc ? desc->progress : NULL;
    ly_progress_stage(progress, LY_STAGE_MESH);
    double t0 = ly_clock_ms();
    roofs r = {.tri = d->n_faces ? ly_triangulator_create() : NULL};
    int rc = triangulate_all(d, geo, &r, &m->partial_polygons);
    if (d->n_faces && !r.tri)
        rc = -1;
    double t1 = ly_clock_ms();
    tm->triangulate_ms = t1 - t0;
    size_t nb = d->n_buildings;
    m->buildings = calloc(nb ? nb : 1, sizeof *m->buildings);
    uint32_t *order = malloc((nb ? nb : 1) * sizeof *order);
    uint32_t *chunk_of = malloc((nb ? nb : 1) * sizeof *chunk_of);
    uint8_t *tile_of = malloc(nb ? nb : 1);
    if (rc || !m->buildings || !order || !chunk_of || !tile_of ||
        chunk_grid(m, d, geo, chunk, order, chunk_of, tile_of))
        rc = -1;
    else
        m->n_buildings = nb;
    for (size_t o = 0; o < nb && !rc; o++) {
        rc = emit_building(m, d, geo, order[o], chunk_of[order[o]], &r);
        if ((o & 4095) == 0)
            ly_progress_step(progress, o, nb);
    }
    if (!rc)
        tile_ranges(m, order, tile_of, nb);
    free(order);
    free(chunk_of);
    free(tile_of);
    free(r.tris);
    free(r.first);
    ly_triangulator_destroy(r.tri);
    free(r.xyz);
    free(r.uv);
    free(r.holes);
    if (rc) {
        ly_mesh_deinit(m);
        return -1;
    }
    totals(m);
    double t2 = ly_clock_ms();
    tm->extrude_ms = t2 - t1;
    m->chunk_size_m = (float)chunk;
    ly_progress_stage(progress, LY_STAGE_LOD);
    if (ly_mesh_build_lods(m, d, geo, progress)) {
        ly_mesh_deinit(m);
        return -1;
    }
    tm->lod_ms = ly_clock_ms() - t2;
    return 0;
}
