/* The scene cache's range checks: a file that passed its checksums may still
 * have been written by a broken or hostile writer, so every index that later
 * code follows without checking is checked here, once, before the scene is used. */
#include "cache_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_FLOORS = 300, /* as the loader allows */
    MAX_DEPTH = 64    /* the BVH traversals' stack (bvh.c) holds this deep */
};

__attribute__((format(printf, 3, 4))) static bool fail(char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return false;
}

/* first + count <= total, without overflow. */
static bool fits(uint64_t first, uint64_t count, uint64_t total)
{
    return first <= total && count <= total - first;
}

/* A bool read from a file holds 0 or 1, or reading it is undefined. */
static bool is_bool(const bool *b)
{
    unsigned char v;
    memcpy(&v, b, 1);
    return v <= 1;
}

static bool check_building(const ly_district *d, size_t i, char *why, size_t n)
{
    const ly_building *b = &d->buildings[i];
    if (!is_bool(&b->floor_heights_given) || !is_bool(&b->has_services) ||
        (unsigned)b->status > LY_STATUS_UNDER_CONSTRUCTION)
        return fail(why, n, "building %zu: a flag or status out of range", i);
    if (b->floors < 0 || b->floors > MAX_FLOORS ||
        !fits(b->first_floor_height, (uint64_t)b->floors, d->n_floor_heights))
        return fail(why, n, "building %zu: floors out of range", i);
    if (!fits(b->first_polygon, b->n_polygons, d->n_polygons) ||
        !fits(b->first_face, b->n_faces, d->n_faces) ||
        !fits(b->first_record, b->n_records, d->n_records) ||
        !fits(b->first_enterprise, b->n_enterprises, d->n_enterprises) ||
        !fits(b->services.first_window, b->services.n_windows, d->n_names) ||
        !fits(b->services.first_offering, b->services.n_offerings, d->n_names))
        return fail(why, n, "building %zu: a range out of its array", i);
    for (uint32_t k = 0; k < b->n_records; k++) {
        const ly_floor_record *r = &d->records[b->first_record + k];
        if (r->floor < 1 || r->floor > b->floors || (unsigned)r->use >= LY_USE_COUNT)
            return fail(why, n, "building %zu: floor record %u out of range", i, k);
    }
    for (uint32_t k = 0; k < b->n_enterprises; k++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + k];
        if (!fits(e->first_floor, e->n_floors, d->n_enterprise_floors))
            return fail(why, n, "building %zu: enterprise %u's floors out of range", i, k);
        for (uint32_t f = 0; f < e->n_floors; f++) {
            int fl = d->enterprise_floors[e->first_floor + f];
            if (fl < 1 || fl > b->floors)
                return fail(why, n, "building %zu: enterprise %u on floor %d", i, k, fl);
        }
    }
    return true;
}

static bool check_feature(const ly_district *d, size_t i, char *why, size_t n)
{
    const ly_feature *f = &d->features[i];
    unsigned limit = f->kind == LY_KIND_ROAD    ? LY_ROAD_COUNT
                     : f->kind == LY_KIND_WATER ? LY_WATER_COUNT
                     : f->kind == LY_KIND_POI   ? LY_POI_COUNT
                                                : 1u << 31;
    if ((unsigned)f->kind >= LY_KIND_COUNT || (unsigned)f->subtype >= limit)
        return fail(why, n, "feature %zu: kind %d, subtype %d out of range", i, (int)f->kind,
                    f->subtype);
    if (!fits(f->first_polygon, f->n_polygons, d->n_polygons) ||
        !fits(f->first_line, f->n_lines, d->n_lines))
        return fail(why, n, "feature %zu: a range out of its array", i);
    return true;
}

static bool check_district(const ly_district *d, char *why, size_t n)
{
    if (!is_bool(&d->meta.is_louyu) || !is_bool(&d->meta.cityjson) ||
        !is_bool(&d->meta.projected) || !is_bool(&d->meta.gb18030) ||
        !is_bool(&d->meta.local_crs) || !isfinite(d->meta.local_origin[0]) ||
        !isfinite(d->meta.local_origin[1]) ||
        (d->n_weeks ? d->week >= d->n_weeks : d->week != 0))
        return fail(why, n, "the district's flag or week out of range");
    for (size_t i = 0; i < d->n_buildings; i++)
        if (!check_building(d, i, why, n))
            return false;
    for (size_t i = 0; i < d->n_features; i++)
        if (!check_feature(d, i, why, n))
            return false;
    for (size_t i = 0; i < d->n_polygons; i++)
        if (!fits(d->polygons[i].first_ring, d->polygons[i].n_rings, d->n_rings))
            return fail(why, n, "polygon %zu: rings out of range", i);
    if (d->n_point_z && d->n_point_z != d->n_points)
        return fail(why, n, "%zu point heights for %zu points", d->n_point_z, d->n_points);
    if (d->n_faces && d->n_point_z != d->n_points)
        return fail(why, n, "faces without point heights");
    for (size_t i = 0; i < d->n_faces; i++)
        if (!fits(d->faces[i].first_ring, d->faces[i].n_rings, d->n_rings) ||
            d->faces[i].type >= LY_FACE_COUNT)
            return fail(why, n, "face %zu: rings or type out of range", i);
    for (size_t i = 0; i < d->n_rings; i++)
        if (!fits(d->rings[i].first_point, d->rings[i].n_points, d->n_points))
            return fail(why, n, "ring %zu: points out of range", i);
    for (size_t i = 0; i < d->n_lines; i++)
        if (!fits(d->lines[i].first_point, d->lines[i].n_points, d->n_points))
            return fail(why, n, "line %zu: points out of range", i);
    for (size_t i = 0; i < d->n_enterprises; i++)
        if (!fits(d->enterprises[i].first_floor, d->enterprises[i].n_floors,
                  d->n_enterprise_floors))
            return fail(why, n, "enterprise %zu: floors out of range", i);
    return true;
}

/* A chunk's arrays are read a block at a time (ly_cache_view): BLOCK bytes. */
enum { BLOCK = 1 << 20 };

/* Triangles whose indices are all below n_vertices, on vertices of known buildings.
 * Where the arrays came from a mapped file that was read, their pages stay unmapped;
 * else they leave resident memory once checked, until they are read again. */
static bool check_triangles(const ly_cache_source *src, void *buf, const uint32_t *idx,
                            size_t n_idx, const ly_vertex *v, uint32_t n_v, size_t n_buildings)
{
    if (n_idx % 3)
        return false;
    uint32_t worst = 0;
    for (size_t at = 0; at < n_idx; at += BLOCK / sizeof *idx) {
        size_t k = n_idx - at < BLOCK / sizeof *idx ? n_idx - at : BLOCK / sizeof *idx;
        const uint32_t *b = ly_cache_view(src, idx + at, k * sizeof *idx, buf);
        for (size_t i = 0; i < k; i++)
            worst = b[i] > worst ? b[i] : worst;
        if (b != buf)
            ly_cache_give_back(idx + at, k * sizeof *idx);
    }
    if (n_idx && worst >= n_v)
        return false;
    bool ok = true;
    for (size_t at = 0; at < n_v && ok; at += BLOCK / sizeof *v) {
        size_t k = n_v - at < BLOCK / sizeof *v ? n_v - at : BLOCK / sizeof *v;
        const ly_vertex *b = ly_cache_view(src, v + at, k * sizeof *v, buf);
        for (size_t i = 0; i < k; i++)
            ok &= b[i].building < n_buildings;
        if ((const void *)b != buf)
            ly_cache_give_back(v + at, k * sizeof *v);
    }
    return ok;
}

/* The far levels' and the tiles' index ranges: whole triangles inside their arrays
 * (the opaque buildings' before the sites). */
static bool check_ranges(const ly_mesh_chunk *ch)
{
    for (int k = 0; k < LY_MESH_LODS; k++)
        if (ch->lod_first[k] > ch->lod_first[k + 1] || ch->lod_first[k] % 3)
            return false;
    if (ch->lod_first[LY_MESH_LODS] > ch->n_lod_indices || ch->lod_first[LY_MESH_LODS] % 3)
        return false;
    for (int t = 0; t < LY_MESH_TILES * LY_MESH_TILES; t++) {
        const ly_mesh_tile *tl = &ch->tiles[t];
        if (tl->first % 3 || tl->count % 3 || !fits(tl->first, tl->count, ch->site_first_index))
            return false;
        for (int k = 0; k < LY_MESH_LODS; k++)
            if (tl->lod_first[k] % 3 || tl->lod_count[k] % 3 ||
                !fits(tl->lod_first[k], tl->lod_count[k], ch->n_lod_indices))
                return false;
    }
    return true;
}

static bool check_mesh(const ly_mesh *m, const ly_district *d, const ly_cache_source *src,
                       void *buf, char *why, size_t n)
{
    if (m->n_buildings != d->n_buildings)
        return fail(why, n, "the mesh has %zu buildings, the district %zu", m->n_buildings,
                    d->n_buildings);
    for (size_t c = 0; c < m->n_chunks; c++) {
        const ly_mesh_chunk *ch = &m->chunks[c];
        if (ch->site_first_index > ch->n_indices ||
            !check_triangles(src, buf, ch->indices, ch->n_indices, ch->vertices, ch->n_vertices,
                             d->n_buildings) ||
            !check_triangles(src, buf, ch->lod_indices, ch->n_lod_indices, ch->lod_vertices,
                             ch->n_lod_vertices, d->n_buildings) ||
            !check_ranges(ch))
            return fail(why, n, "chunk %zu: an index out of range", c);
    }
    for (size_t i = 0; i < m->n_buildings; i++) {
        const ly_mesh_building *mb = &m->buildings[i];
        bool none = !mb->n_indices && !m->n_chunks;
        if (!none && (mb->chunk >= m->n_chunks || mb->first_index % 3 || mb->n_indices % 3 ||
                      !fits(mb->first_index, mb->n_indices, m->chunks[mb->chunk].n_indices)))
            return fail(why, n, "the mesh's building %zu: out of range", i);
    }
    return true;
}

/* Children after their parent, each node reached once, leaves inside `items`, no
 * deeper than the traversals' stack. */
static bool check_bvh(const ly_bvh *b, const ly_mesh *m, char *why, size_t n)
{
    for (size_t i = 0; i < b->n_items; i++)
        if (b->items[i] >= m->n_buildings)
            return fail(why, n, "BVH item %zu: building %u out of range", i, b->items[i]);
    if (!b->n_nodes)
        return true;
    unsigned char *depth = calloc(b->n_nodes, 1);
    if (!depth)
        return fail(why, n, "out of memory checking the BVH");
    depth[0] = 1;
    bool ok = true;
    for (size_t i = 0; i < b->n_nodes && ok; i++) {
        const ly_bvh_node *nd = &b->nodes[i];
        if (nd->count) {
            ok = depth[i] && fits(nd->first, nd->count, b->n_items);
        } else {
            ok = depth[i] && depth[i] < MAX_DEPTH && nd->first > i &&
                 (size_t)nd->first + 1 < b->n_nodes && !depth[nd->first] && !depth[nd->first + 1];
            if (ok)
                depth[nd->first] = depth[nd->first + 1] = (unsigned char)(depth[i] + 1);
        }
        if (!ok)
            fail(why, n, "BVH node %zu: out of range", i);
    }
    free(depth);
    return ok;
}

static bool check_ground(const ly_ground *g, char *why, size_t n)
{
    for (int l = 0; l < LY_GROUND_LAYERS; l++)
        if (!fits(g->first[l], g->count[l], g->n_indices))
            return fail(why, n, "ground layer %d: out of range", l);
    for (size_t i = 0; i < g->n_indices; i++)
        if (g->indices[i] >= g->n_vertices)
            return fail(why, n, "ground index %zu: out of range", i);
    for (uint32_t i = 0; i < g->n_vertices; i++)
        if (g->vertices[i].layer >= LY_GROUND_LAYERS)
            return fail(why, n, "ground vertex %u: layer out of range", i);
    return true;
}

bool ly_cache_check_ranges(const ly_cache_parts *p, const ly_cache_source *src, char *why,
                           size_t n)
{
    if (p->geo->n_points != p->district->n_points)
        return fail(why, n, "%zu projected points for %zu points", p->geo->n_points,
                    p->district->n_points);
    void *buf = malloc(BLOCK); /* without it the mapping is read */
    bool ok = check_district(p->district, why, n) &&
              check_mesh(p->mesh, p->district, src, buf, why, n) &&
              check_bvh(p->bvh, p->mesh, why, n) && check_ground(p->ground, why, n);
    free(buf);
    return ok;
}
