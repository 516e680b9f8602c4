/* The scene cache (cache.h) through ly_scene_load: a scene reopened from its cache
 * is the scene built from the file, array for array and byte for byte (strings as
 * strings), with the same warnings and the same picks; every kind of damage to a
 * cache (truncated, a flipped byte in any section, the other byte order, another
 * format, stale, a section out of range, an index out of range behind correct
 * checksums) is caught, logged once and built again; a cache that cannot be
 * written changes nothing; two writers at once leave a good cache. */
#include "check.h"
#include "app.h"
#include "scene.h"
#include "louyu/cache.h"
#include "louyu/log.h"

#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256]; /* the test's folder */
static int rejected;   /* CACHE lines saying a cache is not used */
static int not_cached; /* CACHE lines saying a cache could not be written */
static int promised;   /* CACHE lines saying a file is (or will be) cached */

static void sink(ly_log_level level, const char *tag, const char *line, void *user)
{
    (void)level, (void)user;
    if (strcmp(tag, "CACHE"))
        return;
    rejected += strstr(line, " not used: ") != NULL;
    if (getenv("TEST_CACHE_VERBOSE"))
        fprintf(stderr, "%s\n", line);
    not_cached += strstr(line, "not cached") != NULL;
    promised += strstr(line, "later opens map") || strstr(line, "cached in");
}

/* ---- files ------------------------------------------------------------------------- */

/* The whole file (check.h's reader, as bytes). */
static unsigned char *slurp(const char *path, size_t *n)
{
    *n = 0;
    return (unsigned char *)check_read_file(path, n);
}

static void spill(const char *path, const void *buf, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(buf, 1, n, f) == n);
    if (f)
        fclose(f);
}

/* ---- comparing scenes -------------------------------------------------------------- */

#define N(a) (sizeof(a) / sizeof *(a))

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* n records of `item` bytes: their strings equal as strings, every other byte equal
 * (a string field the lists above miss would differ as a pointer). */
static bool same_records(const void *a, const void *b, size_t n, size_t item, const uint16_t *strs,
                         size_t n_strs)
{
    unsigned char x[512], y[512];
    for (size_t i = 0; i < n; i++) {
        memcpy(x, (const char *)a + i * item, item);
        memcpy(y, (const char *)b + i * item, item);
        for (size_t k = 0; k < n_strs; k++) {
            const char *s, *t;
            memcpy(&s, x + strs[k], sizeof s);
            memcpy(&t, y + strs[k], sizeof t);
            if (!same_str(s, t))
                return false;
            memset(x + strs[k], 0, sizeof s);
            memset(y + strs[k], 0, sizeof t);
        }
        if (memcmp(x, y, item))
            return false;
    }
    return true;
}

static bool same_bytes(const void *a, const void *b, size_t n)
{
    return n == 0 || (a && b && !memcmp(a, b, n));
}

static void same_district(const ly_district *a, const ly_district *b)
{
    CHECK_INT(a->n_buildings, b->n_buildings);
    CHECK_INT(a->n_features, b->n_features);
    CHECK_INT(a->n_points, b->n_points);
    CHECK_INT(a->n_rings, b->n_rings);
    CHECK_INT(a->n_polygons, b->n_polygons);
    CHECK_INT(a->n_lines, b->n_lines);
    CHECK_INT(a->n_floor_heights, b->n_floor_heights);
    CHECK_INT(a->n_records, b->n_records);
    CHECK_INT(a->n_enterprises, b->n_enterprises);
    CHECK_INT(a->n_enterprise_floors, b->n_enterprise_floors);
    CHECK_INT(a->n_names, b->n_names);
    CHECK_INT(a->n_weeks, b->n_weeks);
    CHECK_INT(a->n_skipped, b->n_skipped);
    CHECK(same_str(a->source, b->source));
    /* the metadata's strings: the cache's list places them in ly_district */
    size_t n;
    const uint16_t *strs = ly_cache_string_fields(LY_CS_DISTRICT, &n);
    uint16_t meta[16];
    for (size_t k = 0; k < n && k < 16; k++)
        meta[k] = (uint16_t)(strs[k] - offsetof(ly_district, meta));
    CHECK(n > 0 && n <= 16);
    ly_district_meta x = a->meta, y = b->meta;
    x.illustrative = y.illustrative = NULL;
    CHECK(same_records(&x, &y, 1, sizeof x, meta, n < 16 ? n : 16) || !"the metadata");
    CHECK_INT(a->meta.n_illustrative, b->meta.n_illustrative);
    for (size_t i = 0; i < a->meta.n_illustrative && i < b->meta.n_illustrative; i++)
        CHECK(same_str(a->meta.illustrative[i], b->meta.illustrative[i]));
    strs = ly_cache_string_fields(LY_CS_BUILDINGS, &n);
    CHECK(same_records(a->buildings, b->buildings, a->n_buildings, sizeof *a->buildings, strs, n));
    strs = ly_cache_string_fields(LY_CS_FEATURES, &n);
    CHECK(same_records(a->features, b->features, a->n_features, sizeof *a->features, strs, n));
    /* field by field: the loader leaves their padding as it finds it */
    bool enterprises = true;
    for (size_t i = 0; i < a->n_enterprises && i < b->n_enterprises; i++) {
        const ly_enterprise *p = &a->enterprises[i], *q = &b->enterprises[i];
        enterprises &= same_str(p->name, q->name) && same_str(p->name_en, q->name_en) &&
                       same_str(p->industry, q->industry) && p->first_floor == q->first_floor &&
                       p->n_floors == q->n_floors && p->employees == q->employees &&
                       p->registered_capital_cny == q->registered_capital_cny &&
                       p->since == q->since;
    }
    CHECK(enterprises);
    strs = ly_cache_string_fields(LY_CS_NAMES, &n);
    CHECK(same_records(a->names, b->names, a->n_names, sizeof *a->names, strs, n));
    CHECK(same_bytes(a->points, b->points, 2 * a->n_points * sizeof *a->points));
    CHECK(same_bytes(a->rings, b->rings, a->n_rings * sizeof *a->rings));
    CHECK(same_bytes(a->polygons, b->polygons, a->n_polygons * sizeof *a->polygons));
    CHECK(same_bytes(a->lines, b->lines, a->n_lines * sizeof *a->lines));
    CHECK_INT(a->n_point_z, b->n_point_z);
    CHECK_INT(a->n_faces, b->n_faces);
    CHECK(same_bytes(a->point_z, b->point_z, a->n_point_z * sizeof *a->point_z));
    CHECK(same_bytes(a->faces, b->faces, a->n_faces * sizeof *a->faces));
    CHECK(same_bytes(a->floor_heights, b->floor_heights,
                     a->n_floor_heights * sizeof *a->floor_heights));
    CHECK(same_bytes(a->records, b->records, a->n_records * sizeof *a->records));
    CHECK(same_bytes(a->enterprise_floors, b->enterprise_floors,
                     a->n_enterprise_floors * sizeof *a->enterprise_floors));
    CHECK(!memcmp(&a->lon_min, &b->lon_min, 4 * sizeof a->lon_min));
}

static void same_mesh(const ly_mesh *a, const ly_mesh *b)
{
    ly_mesh x = *a, y = *b;
    x.chunks = y.chunks = NULL;
    x.buildings = y.buildings = NULL;
    CHECK(!memcmp(&x, &y, sizeof x) || !"the mesh's figures");
    for (size_t c = 0; c < a->n_chunks && c < b->n_chunks; c++) {
        const ly_mesh_chunk *p = &a->chunks[c], *q = &b->chunks[c];
        CHECK(same_bytes(p->vertices, q->vertices, p->n_vertices * sizeof *p->vertices));
        CHECK(same_bytes(p->indices, q->indices, p->n_indices * sizeof *p->indices));
        CHECK(same_bytes(p->lod_vertices, q->lod_vertices,
                         p->n_lod_vertices * sizeof *p->lod_vertices));
        CHECK(
            same_bytes(p->lod_indices, q->lod_indices, p->n_lod_indices * sizeof *p->lod_indices));
        ly_mesh_chunk u = *p, v = *q;
        u.vertices = v.vertices = NULL;
        u.indices = v.indices = NULL;
        u.lod_vertices = v.lod_vertices = NULL;
        u.lod_indices = v.lod_indices = NULL;
        u.cap_vertices = v.cap_vertices = 0;
        u.cap_indices = v.cap_indices = 0;
        CHECK(!memcmp(&u, &v, sizeof u) || !"a chunk's figures");
    }
    CHECK(same_bytes(a->buildings, b->buildings, a->n_buildings * sizeof *a->buildings));
}

static void same_scene(const ly_scene *a, const ly_scene *b)
{
    same_district(&a->district, &b->district);
    ly_geo g = a->geo, h = b->geo;
    g.xy = h.xy = NULL;
    CHECK(!memcmp(&g, &h, sizeof g));
    CHECK(same_bytes(a->geo.xy, b->geo.xy, 2 * a->geo.n_points * sizeof *a->geo.xy));
    same_mesh(&a->mesh, &b->mesh);
    CHECK_INT(a->bvh.n_nodes, b->bvh.n_nodes);
    CHECK_INT(a->bvh.n_items, b->bvh.n_items);
    CHECK(same_bytes(a->bvh.nodes, b->bvh.nodes, a->bvh.n_nodes * sizeof *a->bvh.nodes));
    CHECK(same_bytes(a->bvh.items, b->bvh.items, a->bvh.n_items * sizeof *a->bvh.items));
    CHECK(a->bvh.mesh == &a->mesh && b->bvh.mesh == &b->mesh);
    ly_ground p = a->ground, q = b->ground;
    p.vertices = q.vertices = NULL;
    p.indices = q.indices = NULL;
    CHECK(!memcmp(&p, &q, sizeof p));
    CHECK(same_bytes(a->ground.vertices, b->ground.vertices,
                     a->ground.n_vertices * sizeof *a->ground.vertices));
    CHECK(same_bytes(a->ground.indices, b->ground.indices,
                     a->ground.n_indices * sizeof *a->ground.indices));
    CHECK(a->loaded && b->loaded && a->has_sites == b->has_sites);
    CHECK_INT(a->labels.n, b->labels.n);
}

/* Rays straight down onto a few buildings' box centres: the same hits. */
static void same_picks(const ly_scene *a, const ly_scene *b)
{
    size_t n = a->mesh.n_buildings, hits = 0;
    for (size_t i = 0; i < n; i += n / 7 + 1) {
        const ly_mesh_building *mb = &a->mesh.buildings[i];
        float o[3] = {(mb->min[0] + mb->max[0]) / 2, (mb->min[1] + mb->max[1]) / 2,
                      mb->max[2] + 50};
        float dir[3] = {0.01f, 0.02f, -1};
        ly_hit p, q;
        bool hp = ly_bvh_ray(&a->bvh, &a->district, o, dir, INFINITY, &p);
        bool hq = ly_bvh_ray(&b->bvh, &b->district, o, dir, INFINITY, &q);
        CHECK(hp == hq && p.building == q.building && p.floor == q.floor &&
              p.distance == q.distance);
        hits += hp;
    }
    CHECK(hits > 0);
}

/* ---- loading ----------------------------------------------------------------------- */

static int load(ly_scene *s, const char *path, bool no_cache, ly_diag_list *diags)
{
    ly_diag_list own;
    ly_diag_list_init(&own, path);
    int r = ly_scene_load(s, path, &(ly_scene_desc){.no_cache = no_cache}, diags ? diags : &own);
    ly_diag_list_deinit(&own);
    return r;
}

static void same_diags(const ly_diag_list *a, const ly_diag_list *b)
{
    CHECK_INT(a->count, b->count);
    CHECK_INT(a->warnings, b->warnings);
    CHECK_INT(a->errors, b->errors);
    for (size_t i = 0; i < a->count && i < b->count; i++) {
        const ly_diag *p = &a->items[i], *q = &b->items[i];
        CHECK(p->severity == q->severity && p->line == q->line && p->col == q->col &&
              p->offset == q->offset && p->feature == q->feature);
        CHECK_STR(p->message, q->message);
    }
}

/* A file built, then reopened from its cache: the same scene, warnings and picks. */
static void round_trip(const char *path)
{
    ly_scene plain, built, mapped;
    ly_diag_list dp, db, dm;
    ly_diag_list_init(&dp, path);
    ly_diag_list_init(&db, path);
    ly_diag_list_init(&dm, path);
    CHECK_INT(load(&plain, path, true, &dp), LY_LOAD_OK);
    CHECK(!plain.cache);
    CHECK_INT(load(&built, path, false, &db), LY_LOAD_OK);
    CHECK(!built.cache);
    CHECK_INT(load(&mapped, path, false, &dm), LY_LOAD_OK);
    CHECK(mapped.cache != NULL);
    same_scene(&plain, &built);
    same_scene(&plain, &mapped);
    /* what was written is what is read, padding and all */
    size_t n;
    const uint16_t *strs = ly_cache_string_fields(LY_CS_ENTERPRISES, &n);
    CHECK(same_records(built.district.enterprises, mapped.district.enterprises,
                       built.district.n_enterprises, sizeof *built.district.enterprises, strs, n));
    same_picks(&plain, &mapped);
    /* what the uploads read: a mapped chunk's arrays from the file, the same bytes; an
     * array elsewhere in place, and never given back */
    if (mapped.mesh.n_chunks && plain.mesh.n_chunks) {
        const ly_mesh_chunk *mc = &mapped.mesh.chunks[0], *pc = &plain.mesh.chunks[0];
        size_t vb = mc->n_vertices * sizeof *mc->vertices;
        void *buf = malloc(vb ? vb : 1);
        const void *got = ly_cache_read(mapped.cache, mc->vertices, vb, buf);
        CHECK(got == buf && !memcmp(got, pc->vertices, vb));
        CHECK(ly_cache_read(mapped.cache, pc->vertices, vb, buf) == pc->vertices);
        ly_cache_done(mapped.cache, pc->vertices, vb); /* not the cache's: untouched */
        CHECK(!memcmp(pc->vertices, got, vb));
        free(buf);
    }
    same_diags(&dp, &db);
    same_diags(&dp, &dm);
    /* a moved scene keeps its mapping and its BVH follows its mesh */
    ly_scene moved;
    ly_scene_move(&moved, &mapped);
    CHECK(!mapped.cache && moved.cache && moved.bvh.mesh == &moved.mesh);
    same_picks(&plain, &moved);
    ly_scene_free(&mapped);
    ly_scene_free(&moved);
    ly_scene_free(&built);
    ly_scene_free(&plain);
    ly_diag_list_deinit(&dp);
    ly_diag_list_deinit(&db);
    ly_diag_list_deinit(&dm);
}

/* ---- damage ------------------------------------------------------------------------ */

static ly_cache_header *head(unsigned char *buf)
{
    return (ly_cache_header *)buf;
}

static ly_cache_section *table(unsigned char *buf)
{
    return (ly_cache_section *)(buf + sizeof(ly_cache_header));
}

/* Every checksum made right again (as a careful forger would), of the n bytes. */
static void reseal(unsigned char *buf, size_t n)
{
    ly_cache_section *t = table(buf);
    for (int i = 0; i < LY_CS_COUNT; i++)
        if (t[i].offset <= n && t[i].size <= n - t[i].offset)
            t[i].check = ly_cache_checksum(buf + t[i].offset, t[i].size);
    head(buf)->check = 0;
    head(buf)->check =
        ly_cache_checksum(buf, sizeof(ly_cache_header) + LY_CS_COUNT * sizeof(ly_cache_section));
}

static void *section(unsigned char *buf, int id)
{
    return buf + table(buf)[id].offset;
}

/* The cache holding `bad` (n bytes) is refused with one log line, the scene is built
 * again (and equals `good`), and the cache written then opens. */
static void refused(const char *what, const char *src, const char *cache, const void *bad, size_t n,
                    const ly_scene *good)
{
    spill(cache, bad, n);
    rejected = 0;
    ly_scene s;
    CHECK_INT(load(&s, src, false, NULL), LY_LOAD_OK);
    if (s.cache || rejected != 1)
        fprintf(stderr, "  damage not caught once: %s (rejected %d)\n", what, rejected);
    CHECK(!s.cache);
    CHECK_INT(rejected, 1);
    same_scene(good, &s);
    ly_scene_free(&s);
    CHECK_INT(load(&s, src, false, NULL), LY_LOAD_OK);
    CHECK(s.cache != NULL);
    CHECK_INT(rejected, 1);
    ly_scene_free(&s);
}

/* One forged change to the good bytes, resealed: only a range check can catch it. */
typedef void (*forgery)(unsigned char *buf);

static void bad_index(unsigned char *buf)
{
    uint32_t *idx = section(buf, LY_CS_INDICES);
    const ly_mesh_chunk *ch = section(buf, LY_CS_CHUNKS);
    idx[1] = ch[0].n_vertices;
}
static void bad_far_index(unsigned char *buf)
{
    uint32_t *idx = section(buf, LY_CS_LOD_INDICES);
    idx[0] = 0xffffff;
}
static void bad_tile(unsigned char *buf)
{
    ly_mesh_chunk *ch = section(buf, LY_CS_CHUNKS);
    ch[0].tiles[0].count = ch[0].site_first_index + 3; /* past the opaque buildings */
}
static void bad_tile_far(unsigned char *buf)
{
    ly_mesh_chunk *ch = section(buf, LY_CS_CHUNKS);
    ch[0].tiles[0].lod_first[0] = (uint32_t)ch[0].n_lod_indices;
    ch[0].tiles[0].lod_count[0] = 3;
}
static void bad_level(unsigned char *buf)
{
    ly_mesh_chunk *ch = section(buf, LY_CS_CHUNKS);
    ch[0].lod_first[LY_MESH_LODS] = (uint32_t)ch[0].n_lod_indices + 3;
}
static void bad_vertex_building(unsigned char *buf)
{
    ly_vertex *v = section(buf, LY_CS_VERTICES);
    v[2].building = 1u << 30;
}
static void bad_bvh_child(unsigned char *buf)
{
    ly_bvh_node *nd = section(buf, LY_CS_BVH_NODES);
    nd[0].first = (uint32_t)(table(buf)[LY_CS_BVH_NODES].size / sizeof *nd);
}
static void bvh_cycle(unsigned char *buf)
{
    ly_bvh_node *nd = section(buf, LY_CS_BVH_NODES);
    nd[0].first = 0;
}
static void bad_bvh_item(unsigned char *buf)
{
    uint32_t *it = section(buf, LY_CS_BVH_ITEMS);
    it[0] = 1u << 30;
}
static void bad_leaf(unsigned char *buf)
{
    ly_bvh_node *nd = section(buf, LY_CS_BVH_NODES);
    size_t n = table(buf)[LY_CS_BVH_NODES].size / sizeof *nd;
    for (size_t i = 0; i < n; i++)
        if (nd[i].count) {
            nd[i].first = 1u << 30;
            break;
        }
}
static void bad_ring(unsigned char *buf)
{
    ly_ring *r = section(buf, LY_CS_RINGS);
    r[3].first_point = 1u << 31;
}
static void bad_polygon(unsigned char *buf)
{
    ly_polygon *p = section(buf, LY_CS_POLYGONS);
    p[0].n_rings = 1u << 30;
}
static void bad_building_floors(unsigned char *buf)
{
    ly_building *b = section(buf, LY_CS_BUILDINGS);
    b[1].first_floor_height = 1u << 30;
}
static void bad_record_floor(unsigned char *buf)
{
    ly_floor_record *r = section(buf, LY_CS_RECORDS);
    r[0].floor = 999;
}
static void bad_enterprise_floors(unsigned char *buf)
{
    ly_enterprise *e = section(buf, LY_CS_ENTERPRISES);
    e[0].first_floor = 1u << 30;
}
static void bad_string(unsigned char *buf)
{
    ly_building *b = section(buf, LY_CS_BUILDINGS);
    uintptr_t off = (uintptr_t)table(buf)[LY_CS_STRINGS].size + 7;
    memcpy(&b[2].id, &off, sizeof off);
}
static void bad_mesh_building(unsigned char *buf)
{
    ly_mesh_building *mb = section(buf, LY_CS_MESH_BUILDINGS);
    mb[0].chunk = 4096;
}
static void bad_mesh_range(unsigned char *buf)
{
    ly_mesh_building *mb = section(buf, LY_CS_MESH_BUILDINGS);
    mb[0].n_indices = 3u << 28;
}
static void bad_chunk_offset(unsigned char *buf)
{
    ly_mesh_chunk *ch = section(buf, LY_CS_CHUNKS);
    uintptr_t off = 1u << 30;
    memcpy(&ch[0].vertices, &off, sizeof off);
}
static void bad_count(unsigned char *buf)
{
    ly_district *d = section(buf, LY_CS_DISTRICT);
    d->n_buildings++;
}
static void bad_ground(unsigned char *buf)
{
    uint32_t *idx = section(buf, LY_CS_GROUND_INDICES);
    idx[0] = 1u << 30;
}
static void bad_warning(unsigned char *buf)
{
    ly_cache_diag *d = section(buf, LY_CS_DIAGS);
    d[0].severity = LY_DIAG_ERROR;
}
static void bad_offset(unsigned char *buf)
{
    table(buf)[LY_CS_POINTS].offset = head(buf)->total_size + 64;
}
static void bad_order(unsigned char *buf)
{
    table(buf)[LY_CS_RINGS].offset = table(buf)[LY_CS_BUILDINGS].offset;
}
static void bad_size(unsigned char *buf)
{
    table(buf)[LY_CS_STRINGS].size += 4096;
}
static void misaligned(unsigned char *buf)
{
    table(buf)[LY_CS_STRINGS].offset += 8;
    table(buf)[LY_CS_STRINGS].size -= 8;
}
static void other_endian(unsigned char *buf)
{
    head(buf)->endian = 0x04030201;
}
static void other_format(unsigned char *buf)
{
    head(buf)->format = LY_CACHE_FORMAT + 1;
}
static void other_version(unsigned char *buf)
{
    memcpy(head(buf)->version, "9.9.9", 6);
}
static void other_sizes(unsigned char *buf)
{
    head(buf)->sizes[LY_CZ_BUILDING] += 8;
}
static void stale(unsigned char *buf)
{
    head(buf)->source_hash[5] ^= 1;
}
static void other_chunks(unsigned char *buf)
{
    head(buf)->chunk_size_m = 500;
}

/* The good bytes (n of them) forged by f into bad, resealed, and refused. */
static void forge(const char *what, forgery f, const char *src, const char *cache,
                  const unsigned char *ok, unsigned char *bad, size_t n, const ly_scene *good)
{
    memcpy(bad, ok, n);
    f(bad);
    reseal(bad, n);
    refused(what, src, cache, bad, n, good);
}

static void damage(const char *src, const char *cache, const ly_scene *good)
{
    size_t n;
    unsigned char *ok = slurp(cache, &n), *bad = malloc(n + 64);
    CHECK(ok && bad && n > 4096);
    if (!ok || !bad)
        return;
    static const size_t cuts[] = {0, 100, 300, 5000};
    for (size_t i = 0; i < N(cuts); i++)
        refused("truncated", src, cache, ok, cuts[i], good);
    refused("truncated by one byte", src, cache, ok, n - 1, good);
    memcpy(bad, ok, n);
    memset(bad + n, 0, 64);
    refused("grown", src, cache, bad, n + 64, good);
    /* one flipped byte in each section, in the header and in the table */
    for (int i = 0; i < LY_CS_COUNT; i++) {
        const ly_cache_section *t = table(ok);
        if (!t[i].size)
            continue;
        memcpy(bad, ok, n);
        bad[t[i].offset + t[i].size / 2] ^= 0x10;
        refused(ly_cache_section_name(i), src, cache, bad, n, good);
    }
    memcpy(bad, ok, n);
    bad[offsetof(ly_cache_header, total_size)] ^= 1;
    refused("a flipped header byte", src, cache, bad, n, good);
    memcpy(bad, ok, n);
    bad[sizeof(ly_cache_header) + 3 * sizeof(ly_cache_section) + 1] ^= 1;
    refused("a flipped table byte", src, cache, bad, n, good);
    /* forged: resealed, so a field or range check must catch each */
    static const struct {
        const char *what;
        forgery f;
        int needs; /* the section it changes must not be empty (-1: the header) */
    } forged[] = {{"index", bad_index, LY_CS_INDICES},
                  {"far index", bad_far_index, LY_CS_LOD_INDICES},
                  {"tile range", bad_tile, LY_CS_CHUNKS},
                  {"tile's far range", bad_tile_far, LY_CS_CHUNKS},
                  {"far level range", bad_level, LY_CS_CHUNKS},
                  {"vertex building", bad_vertex_building, LY_CS_VERTICES},
                  {"BVH child", bad_bvh_child, LY_CS_BVH_NODES},
                  {"BVH cycle", bvh_cycle, LY_CS_BVH_NODES},
                  {"BVH item", bad_bvh_item, LY_CS_BVH_ITEMS},
                  {"BVH leaf", bad_leaf, LY_CS_BVH_NODES},
                  {"ring", bad_ring, LY_CS_RINGS},
                  {"polygon", bad_polygon, LY_CS_POLYGONS},
                  {"floor heights", bad_building_floors, LY_CS_BUILDINGS},
                  {"record floor", bad_record_floor, LY_CS_RECORDS},
                  {"enterprise floors", bad_enterprise_floors, LY_CS_ENTERPRISES},
                  {"string", bad_string, LY_CS_BUILDINGS},
                  {"mesh building chunk", bad_mesh_building, LY_CS_MESH_BUILDINGS},
                  {"mesh building range", bad_mesh_range, LY_CS_MESH_BUILDINGS},
                  {"chunk offset", bad_chunk_offset, LY_CS_CHUNKS},
                  {"count", bad_count, LY_CS_BUILDINGS},
                  {"ground index", bad_ground, LY_CS_GROUND_INDICES},
                  {"section offset", bad_offset, LY_CS_POINTS},
                  {"section order", bad_order, LY_CS_RINGS},
                  {"section size", bad_size, -1},
                  {"misaligned", misaligned, LY_CS_STRINGS},
                  {"endianness", other_endian, -1},
                  {"format", other_format, -1},
                  {"version", other_version, -1},
                  {"record sizes", other_sizes, -1},
                  {"stale", stale, -1},
                  {"chunk size", other_chunks, -1}};
    for (size_t i = 0; i < N(forged); i++) {
        if (forged[i].needs >= 0 && table(ok)[forged[i].needs].size < 64) {
            fprintf(stderr, "  %s: the district has no %s to forge\n", forged[i].what,
                    ly_cache_section_name(forged[i].needs));
            CHECK(!"a forgery without its section");
            continue;
        }
        forge(forged[i].what, forged[i].f, src, cache, ok, bad, n, good);
    }
    free(ok);
    free(bad);
}

static void bad_face_rings(unsigned char *buf)
{
    ly_face *f = section(buf, LY_CS_FACES);
    f[0].first_ring = UINT32_MAX - 1;
}
static void bad_face_type(unsigned char *buf)
{
    ly_face *f = section(buf, LY_CS_FACES);
    f[1].type = LY_FACE_COUNT;
}
static void bad_building_faces(unsigned char *buf)
{
    ly_building *b = section(buf, LY_CS_BUILDINGS);
    b[0].n_faces = 1000000;
}
static void bad_point_heights(unsigned char *buf)
{
    ly_district *d = section(buf, LY_CS_DISTRICT);
    d->n_point_z = d->n_points - 1;
}

/* A CityJSON district's 3D models: its faces and point heights damaged or forged. */
static void model_damage(const char *src, const char *cache, const ly_scene *good)
{
    size_t n;
    unsigned char *ok = slurp(cache, &n), *bad = malloc(n);
    CHECK(ok && bad && table(ok)[LY_CS_FACES].size > 0 && table(ok)[LY_CS_POINT_Z].size > 0);
    if (!ok || !bad || !table(ok)[LY_CS_FACES].size) {
        free(ok);
        free(bad);
        return;
    }
    static const int flip[] = {LY_CS_FACES, LY_CS_POINT_Z};
    for (size_t i = 0; i < N(flip); i++) {
        memcpy(bad, ok, n);
        bad[table(ok)[flip[i]].offset + table(ok)[flip[i]].size / 2] ^= 0x10;
        refused(ly_cache_section_name(flip[i]), src, cache, bad, n, good);
    }
    static const struct {
        const char *what;
        forgery f;
    } forged[] = {{"face rings", bad_face_rings},
                  {"face type", bad_face_type},
                  {"building faces", bad_building_faces},
                  {"point heights", bad_point_heights}};
    for (size_t i = 0; i < N(forged); i++)
        forge(forged[i].what, forged[i].f, src, cache, ok, bad, n, good);
    free(ok);
    free(bad);
}

/* A district with a warning, to check stored warnings too. */
static void warning_damage(const char *src, const char *cache, const ly_scene *good)
{
    size_t n;
    unsigned char *buf = slurp(cache, &n);
    CHECK(buf && table(buf)[LY_CS_DIAGS].size >= sizeof(ly_cache_diag));
    if (!buf)
        return;
    bad_warning(buf);
    reseal(buf, n);
    refused("warning", src, cache, buf, n, good);
    free(buf);
}

/* ---- the whole ------------------------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
    size_t n;
    unsigned char *buf = slurp(from, &n);
    CHECK(buf != NULL);
    if (buf)
        spill(to, buf, n);
    free(buf);
}

static void cache_path(const char *src, char *out, size_t n)
{
    ly_cache_key key;
    CHECK_INT(ly_cache_key_init(&key, src, NULL, 0, NULL), 0);
    snprintf(out, n, "%s", key.path);
}

/* Changing the source: another cache, and the scene of the new bytes. */
static void changed_source(const char *src)
{
    char before[1024], after[1024];
    cache_path(src, before, sizeof before);
    ly_scene a, b;
    CHECK_INT(load(&a, src, false, NULL), LY_LOAD_OK);
    size_t n;
    char *text = (char *)slurp(src, &n);
    char *h = text ? strstr(text, "\"height_m\": 100,") : NULL;
    CHECK(h != NULL);
    if (h)
        h[14] = '1'; /* 100 -> 101 */
    spill(src, text, n);
    free(text);
    cache_path(src, after, sizeof after);
    CHECK(strcmp(before, after) != 0);
    CHECK_INT(load(&b, src, false, NULL), LY_LOAD_OK);
    CHECK(!b.cache);
    int changed = 0;
    for (size_t i = 0; i < a.district.n_buildings && i < b.district.n_buildings; i++)
        changed += a.district.buildings[i].height_m != b.district.buildings[i].height_m;
    CHECK_INT(changed, 1);
    ly_scene_free(&a);
    ly_scene_free(&b);
    CHECK_INT(load(&b, src, false, NULL), LY_LOAD_OK);
    CHECK(b.cache != NULL);
    ly_scene_free(&b);
}

/* A cache folder that cannot be made: the scene loads all the same, and says so once. */
static void unwritable(const char *src)
{
    char blocker[300];
    snprintf(blocker, sizeof blocker, "%s/not-a-folder", root);
    spill(blocker, "x", 1);
    setenv("XDG_CACHE_HOME", blocker, 1);
    not_cached = 0;
    ly_scene s;
    CHECK_INT(load(&s, src, false, NULL), LY_LOAD_OK);
    CHECK(s.loaded && !s.cache && s.district.n_buildings > 0);
    CHECK_INT(not_cached, 1);
    ly_scene_free(&s);
}

/* How many scene caches the folder holds. */
static int caches_in(const char *xdg)
{
    char dir[400];
    snprintf(dir, sizeof dir, "%s/louyu/scenes", xdg);
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strstr(e->d_name, ".scene") != NULL;
    if (d)
        closedir(d);
    return n;
}

/* Loads that fail or are refused are not cached, nor said to be: a file cut short (a
 * reload caught mid-write), and a district emptied of its buildings that a reload over
 * a district on screen refuses (it would push a cache in use out of the folder). */
static void refused_loads(const char *xdg, const char *good)
{
    char cut[300], empty[300];
    snprintf(cut, sizeof cut, "%s/cut.geojson", root);
    snprintf(empty, sizeof empty, "%s/empty.geojson", root);
    const char *head = "{\"type\": \"FeatureCollection\", \"features\": [";
    spill(cut, head, strlen(head));
    const char *none = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
    spill(empty, none, strlen(none));
    int before = caches_in(xdg);
    promised = 0;
    ly_scene s;
    CHECK_INT(load(&s, cut, false, NULL), LY_LOAD_DATA);
    CHECK_INT(promised, 0);
    CHECK_INT(caches_in(xdg), before);

    ly_app app;
    char err[256];
    CHECK_INT(ly_app_init(&app, 640, 480, 1, false, err, sizeof err), 0);
    ly_diag_list diags;
    ly_diag_list_init(&diags, good);
    CHECK_INT(ly_app_load(&app, good, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    size_t shown = app.scene.district.n_buildings;
    before = caches_in(xdg);
    promised = 0;
    CHECK(ly_app_reload_start(&app, empty));
    CHECK(!ly_app_reload_poll(&app, true));
    CHECK_INT(app.scene.district.n_buildings, shown);
    CHECK(strstr(app.st.run.status, "1 error") != NULL);
    CHECK_INT(promised, 0);
    CHECK_INT(caches_in(xdg), before);
    ly_app_deinit(&app);
}

/* Two processes writing the same cache over and over: it still opens. */
static void two_writers(const char *src)
{
    ly_scene s;
    CHECK_INT(load(&s, src, true, NULL), LY_LOAD_OK);
    ly_cache_key key;
    CHECK_INT(ly_cache_key_init(&key, src, NULL, 0, NULL), 0);
    ly_diag_list diags;
    ly_diag_list_init(&diags, src);
    ly_cache_parts parts = {&s.district, &s.geo, &s.mesh, &s.bvh, &s.ground};
    pid_t child = fork();
    int fails = 0;
    for (int i = 0; i < 20; i++)
        fails += ly_cache_write(&key, &parts, &diags) != 0;
    if (child == 0)
        _exit(fails ? 1 : 0);
    int status = 1;
    CHECK(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
    CHECK_INT(fails, 0);
    ly_scene m;
    CHECK_INT(load(&m, src, false, NULL), LY_LOAD_OK);
    CHECK(m.cache != NULL);
    same_scene(&s, &m);
    ly_scene_free(&m);
    ly_scene_free(&s);
    ly_diag_list_deinit(&diags);
}

/* The remembered hash of an unchanged source: used while the file is as it was, never
 * after a write (even one that keeps its size and its modification time), and a damaged
 * stamp only means hashing again. */
static void stamps(const char *src)
{
    char dir[400], path[1200];
    snprintf(dir, sizeof dir, "%s/stamped", root);
    ly_cache_key a, b, c;
    CHECK_INT(ly_cache_key_init(&a, src, dir, 0, NULL), 0);
    CHECK_INT(ly_cache_key_init(&b, src, dir, 0, NULL), 0); /* from the stamp */
    CHECK(!memcmp(a.source_hash, b.source_hash, 32) && !strcmp(a.path, b.path));
    /* the same bytes read another way (--skip-bad): a cache of its own */
    CHECK_INT(ly_cache_key_init(&b, src, dir, 0, "skip-bad"), 0);
    CHECK(!memcmp(a.source_hash, b.source_hash, 32) && strcmp(a.path, b.path) != 0);
    /* the same size and modification time, other bytes */
    struct stat st;
    CHECK_INT(stat(src, &st), 0);
    FILE *f = fopen(src, "r+b");
    CHECK(f != NULL);
    int ch = fgetc(f);
    fseek(f, 0, SEEK_SET);
    fputc(ch == ' ' ? '\t' : ' ', f); /* a file's first byte: '{' or whitespace */
    fclose(f);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    utimensat(AT_FDCWD, src, times, 0);
    CHECK_INT(ly_cache_key_init(&c, src, dir, 0, NULL), 0);
    CHECK(memcmp(a.source_hash, c.source_hash, 32) != 0);
    /* a damaged stamp: hashed again, the same answer */
    struct dirent *e;
    snprintf(path, sizeof path, "%s/stamps", dir);
    DIR *d = opendir(path);
    int n = 0;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char one[1500];
        snprintf(one, sizeof one, "%s/%s", path, e->d_name);
        f = fopen(one, "r+b");
        if (f) {
            fseek(f, 20, SEEK_SET);
            fputc(0x5a, f);
            fclose(f);
            n++;
        }
    }
    if (d)
        closedir(d);
    CHECK_INT(n, 1);
    CHECK_INT(ly_cache_key_init(&b, src, dir, 0, NULL), 0);
    CHECK(!memcmp(b.source_hash, c.source_hash, 32));
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/louyu-test-cache-XXXXXX");
    CHECK(mkdtemp(root) != NULL);
    char xdg[300], zs[300], sf[300], cache[1024];
    snprintf(xdg, sizeof xdg, "%s/cache", root);
    setenv("XDG_CACHE_HOME", xdg, 1);
    unsetenv("LOUYU_NO_CACHE");
    ly_log_set_level(LY_LOG_INFO);
    ly_log_set_sink(sink, NULL);
    snprintf(zs, sizeof zs, "%s/zhanshan.geojson", root);
    snprintf(sf, sizeof sf, "%s/sf.geojson", root);
    copy_file(LY_SOURCE_DIR "/data/zhanshan.geojson", zs);
    copy_file(LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson", sf);

    round_trip(zs);
    round_trip(sf);
    /* a CityJSON district: faces and point heights */
    char model[300];
    snprintf(model, sizeof model, "%s/sample.city.json", root);
    copy_file(LY_SOURCE_DIR "/tests/data/cityjson/sample.city.json", model);
    round_trip(model);
    char stamped[320];
    snprintf(stamped, sizeof stamped, "%s/stamped.geojson", root);
    copy_file(LY_SOURCE_DIR "/data/zhanshan.geojson", stamped);
    stamps(stamped);
    ly_scene good;
    CHECK_INT(load(&good, zs, true, NULL), LY_LOAD_OK);
    cache_path(zs, cache, sizeof cache);
    damage(zs, cache, &good);
    ly_scene_free(&good);
    CHECK_INT(load(&good, sf, true, NULL), LY_LOAD_OK);
    cache_path(sf, cache, sizeof cache);
    warning_damage(sf, cache, &good);
    ly_scene_free(&good);
    CHECK_INT(load(&good, model, true, NULL), LY_LOAD_OK);
    cache_path(model, cache, sizeof cache);
    model_damage(model, cache, &good);
    ly_scene_free(&good);

    /* LOUYU_NO_CACHE: built every time, nothing read or written */
    setenv("LOUYU_NO_CACHE", "1", 1);
    ly_scene s;
    char other[300];
    snprintf(other, sizeof other, "%s/other.geojson", root);
    copy_file(zs, other);
    FILE *f = fopen(other, "a");
    CHECK(f && fputs("\n", f) >= 0 && !fclose(f));
    cache_path(other, cache, sizeof cache);
    CHECK_INT(load(&s, other, false, NULL), LY_LOAD_OK);
    CHECK(!s.cache && access(cache, F_OK) != 0);
    ly_scene_free(&s);
    unsetenv("LOUYU_NO_CACHE");

    two_writers(sf);
    refused_loads(xdg, zs);
    changed_source(zs);
    unwritable(zs);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
    return check_report();
}
