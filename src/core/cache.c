/* The scene cache: a built scene written once and mapped on later opens
 * (cache.h; the file is described in docs/data-format.md). */
#include "cache_private.h"
#include "louyu/clock.h"
#include "louyu/file.h"
#include "louyu/log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef LY_VERSION
#define LY_VERSION "0"
#endif

/* A source larger than the loader takes is not worth hashing. */
#define MAX_SOURCE ((off_t)LY_LOAD_MAX_BYTES)

static const char MAGIC[8] = {'L', 'O', 'U', 'Y', 'U', 'S', 'C', '\n'};

_Static_assert(sizeof(ly_cache_header) == 256, "the header is 256 bytes");
_Static_assert(sizeof(ly_cache_section) == 32, "a section entry is 32 bytes");
_Static_assert(sizeof(ly_cache_diag) == 40, "a stored warning is 40 bytes");
_Static_assert(LY_CZ_COUNT <= LY_CZ_MAX, "the header has room for every record size");

/* The records with pointers, as this file writes them. A new field in one of them
 * must be written here too (a pointer would otherwise be stored as a number and
 * freed later): update the tables below, bump LY_CACHE_FORMAT, then the size. */
#if UINTPTR_MAX == UINT64_MAX
#define FROZEN(T, n) _Static_assert(sizeof(T) == (n), #T " changed: see cache.c's tables")
FROZEN(ly_district, 528);
FROZEN(ly_district_meta, 168);
FROZEN(ly_building, 272);
FROZEN(ly_feature, 152);
FROZEN(ly_enterprise, 56);
FROZEN(ly_name_pair, 16);
FROZEN(ly_geo, 72);
FROZEN(ly_mesh, 120);
FROZEN(ly_mesh_chunk, 1160);
FROZEN(ly_bvh, 40);
FROZEN(ly_ground, 208);
#endif

/* ---- what each record holds ---------------------------------------------------------- */

#define AT(T, f) ((uint16_t)offsetof(T, f))
#define N(a) (sizeof(a) / sizeof *(a))

static const uint16_t META_STR[] = {
    AT(ly_district, meta.name),      AT(ly_district, meta.name_en),
    AT(ly_district, meta.city),      AT(ly_district, meta.city_en),
    AT(ly_district, meta.data_date), AT(ly_district, meta.provenance),
    AT(ly_district, meta.licence),   AT(ly_district, meta.week)};
static const uint16_t BUILDING_STR[] = {AT(ly_building, id),
                                        AT(ly_building, name),
                                        AT(ly_building, name_en),
                                        AT(ly_building, address),
                                        AT(ly_building, address_en),
                                        AT(ly_building, alias),
                                        AT(ly_building, contact.name),
                                        AT(ly_building, contact.name_en),
                                        AT(ly_building, contact.phone),
                                        AT(ly_building, contact.email),
                                        AT(ly_building, services.name),
                                        AT(ly_building, services.name_en),
                                        AT(ly_building, type),
                                        AT(ly_building, extra)};
static const uint16_t FEATURE_STR[] = {AT(ly_feature, id),       AT(ly_feature, name),
                                       AT(ly_feature, name_en),  AT(ly_feature, address),
                                       AT(ly_feature, snapshot), AT(ly_feature, stream),
                                       AT(ly_feature, extra)};
static const uint16_t ENTERPRISE_STR[] = {AT(ly_enterprise, name), AT(ly_enterprise, name_en),
                                          AT(ly_enterprise, industry)};
static const uint16_t NAME_STR[] = {AT(ly_name_pair, name), AT(ly_name_pair, name_en)};
static const uint16_t STRING_STR[] = {0}; /* an array of strings */

static const char *const SECTION_NAMES[LY_CS_COUNT] = {
    [LY_CS_DISTRICT] = "district",
    [LY_CS_BUILDINGS] = "buildings",
    [LY_CS_FEATURES] = "features",
    [LY_CS_POINTS] = "points",
    [LY_CS_RINGS] = "rings",
    [LY_CS_POLYGONS] = "polygons",
    [LY_CS_LINES] = "lines",
    [LY_CS_POINT_Z] = "point heights",
    [LY_CS_FACES] = "faces",
    [LY_CS_FLOOR_HEIGHTS] = "floor heights",
    [LY_CS_RECORDS] = "floor records",
    [LY_CS_ENTERPRISES] = "enterprises",
    [LY_CS_ENTERPRISE_FLOORS] = "enterprise floors",
    [LY_CS_NAMES] = "names",
    [LY_CS_ILLUSTRATIVE] = "illustrative",
    [LY_CS_WEEKS] = "weeks",
    [LY_CS_WEEK_VACANT] = "week vacancy",
    [LY_CS_WEEK_RENT] = "week rent",
    [LY_CS_WEEK_RECORD_RENT] = "week floor rent",
    [LY_CS_WEEK_REPORTED] = "week reported",
    [LY_CS_GEO] = "geo",
    [LY_CS_GEO_XY] = "projected points",
    [LY_CS_MESH] = "mesh",
    [LY_CS_CHUNKS] = "chunks",
    [LY_CS_VERTICES] = "vertices",
    [LY_CS_INDICES] = "indices",
    [LY_CS_LOD_VERTICES] = "far vertices",
    [LY_CS_LOD_INDICES] = "far indices",
    [LY_CS_MESH_BUILDINGS] = "mesh buildings",
    [LY_CS_BVH] = "BVH",
    [LY_CS_BVH_NODES] = "BVH nodes",
    [LY_CS_BVH_ITEMS] = "BVH items",
    [LY_CS_GROUND] = "ground",
    [LY_CS_GROUND_VERTICES] = "ground vertices",
    [LY_CS_GROUND_INDICES] = "ground indices",
    [LY_CS_DIAGS] = "warnings",
    [LY_CS_STRINGS] = "strings",
};

const char *ly_cache_section_name(int id)
{
    return id >= 0 && id < LY_CS_COUNT ? SECTION_NAMES[id] : "?";
}

const uint16_t *ly_cache_string_fields(int id, size_t *n)
{
    static const struct {
        const uint16_t *f;
        size_t n;
    } t[LY_CS_COUNT] = {[LY_CS_DISTRICT] = {META_STR, N(META_STR)},
                        [LY_CS_BUILDINGS] = {BUILDING_STR, N(BUILDING_STR)},
                        [LY_CS_FEATURES] = {FEATURE_STR, N(FEATURE_STR)},
                        [LY_CS_ENTERPRISES] = {ENTERPRISE_STR, N(ENTERPRISE_STR)},
                        [LY_CS_NAMES] = {NAME_STR, N(NAME_STR)},
                        [LY_CS_ILLUSTRATIVE] = {STRING_STR, N(STRING_STR)}};
    bool known = id >= 0 && id < LY_CS_COUNT;
    *n = known ? t[id].n : 0;
    return known ? t[id].f : NULL;
}

typedef enum { K_STRUCT, K_ARRAY, K_CHUNKED, K_DIAGS, K_STRINGS } kind;

/* One section as the parts hold it. */
typedef struct {
    kind k;
    void *obj;           /* K_STRUCT: the struct */
    void *field;         /* K_ARRAY: where the parts keep the array's pointer */
    size_t count, item;  /* K_STRUCT: 1 and its size; K_ARRAY: elements and bytes each */
    const uint16_t *str; /* string fields of each element */
    size_t n_str;
} plan;

static void *get_ptr(const void *field)
{
    void *p;
    memcpy(&p, field, sizeof p);
    return p;
}

static void set_ptr(void *field, const void *p)
{
    memcpy(field, &p, sizeof p);
}

/* count * item, or SIZE_MAX when that overflows (a size no section has). */
static size_t mul(size_t a, size_t b)
{
    size_t r;
    return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

#define STRUCT(p)                                                                                  \
    (plan)                                                                                         \
    {                                                                                              \
        .k = K_STRUCT, .obj = (p), .count = 1, .item = sizeof *(p)                                 \
    }
#define STRUCT_S(p, s)                                                                             \
    (plan)                                                                                         \
    {                                                                                              \
        .k = K_STRUCT, .obj = (p), .count = 1, .item = sizeof *(p), .str = (s), .n_str = N(s)      \
    }
#define ARRAY(f, n)                                                                                \
    (plan)                                                                                         \
    {                                                                                              \
        .k = K_ARRAY, .field = &(f), .count = (n), .item = sizeof *(f)                             \
    }
#define ARRAY_S(f, n, s)                                                                           \
    (plan)                                                                                         \
    {                                                                                              \
        .k = K_ARRAY, .field = &(f), .count = (n), .item = sizeof *(f), .str = (s), .n_str = N(s)  \
    }

/* Every section of the parts, with the counts they state. */
static void plan_of(const ly_cache_parts *p, plan s[LY_CS_COUNT])
{
    ly_district *d = p->district;
    ly_mesh *m = p->mesh;
    s[LY_CS_DISTRICT] = STRUCT_S(d, META_STR);
    s[LY_CS_BUILDINGS] = ARRAY_S(d->buildings, d->n_buildings, BUILDING_STR);
    s[LY_CS_FEATURES] = ARRAY_S(d->features, d->n_features, FEATURE_STR);
    s[LY_CS_POINTS] = ARRAY(d->points, mul(d->n_points, 2));
    s[LY_CS_RINGS] = ARRAY(d->rings, d->n_rings);
    s[LY_CS_POLYGONS] = ARRAY(d->polygons, d->n_polygons);
    s[LY_CS_LINES] = ARRAY(d->lines, d->n_lines);
    s[LY_CS_POINT_Z] = ARRAY(d->point_z, d->n_point_z);
    s[LY_CS_FACES] = ARRAY(d->faces, d->n_faces);
    s[LY_CS_FLOOR_HEIGHTS] = ARRAY(d->floor_heights, d->n_floor_heights);
    s[LY_CS_RECORDS] = ARRAY(d->records, d->n_records);
    s[LY_CS_ENTERPRISES] = ARRAY_S(d->enterprises, d->n_enterprises, ENTERPRISE_STR);
    s[LY_CS_ENTERPRISE_FLOORS] = ARRAY(d->enterprise_floors, d->n_enterprise_floors);
    s[LY_CS_NAMES] = ARRAY_S(d->names, d->n_names, NAME_STR);
    s[LY_CS_ILLUSTRATIVE] = ARRAY_S(d->meta.illustrative, d->meta.n_illustrative, STRING_STR);
    s[LY_CS_WEEKS] = ARRAY(d->weeks, d->n_weeks);
    s[LY_CS_WEEK_VACANT] = ARRAY(d->week_vacant, mul(d->n_weeks, d->n_records));
    s[LY_CS_WEEK_RENT] = ARRAY(d->week_rent, mul(d->n_weeks, d->n_buildings));
    s[LY_CS_WEEK_RECORD_RENT] = ARRAY(d->week_record_rent, mul(d->n_weeks, d->n_records));
    s[LY_CS_WEEK_REPORTED] = ARRAY(d->week_reported, mul(d->n_weeks, d->n_buildings));
    s[LY_CS_GEO] = STRUCT(p->geo);
    s[LY_CS_GEO_XY] = ARRAY(p->geo->xy, mul(p->geo->n_points, 2));
    s[LY_CS_MESH] = STRUCT(m);
    s[LY_CS_CHUNKS] = ARRAY(m->chunks, m->n_chunks);
    for (int i = LY_CS_VERTICES; i <= LY_CS_LOD_INDICES; i++)
        s[i] = (plan){.k = K_CHUNKED};
    s[LY_CS_MESH_BUILDINGS] = ARRAY(m->buildings, m->n_buildings);
    s[LY_CS_BVH] = STRUCT(p->bvh);
    s[LY_CS_BVH_NODES] = ARRAY(p->bvh->nodes, p->bvh->n_nodes);
    s[LY_CS_BVH_ITEMS] = ARRAY(p->bvh->items, p->bvh->n_items);
    s[LY_CS_GROUND] = STRUCT(p->ground);
    s[LY_CS_GROUND_VERTICES] = ARRAY(p->ground->vertices, p->ground->n_vertices);
    s[LY_CS_GROUND_INDICES] = ARRAY(p->ground->indices, p->ground->n_indices);
    s[LY_CS_DIAGS] = (plan){.k = K_DIAGS, .item = sizeof(ly_cache_diag)};
    s[LY_CS_STRINGS] = (plan){.k = K_STRINGS, .item = 1};
}

/* A chunk's four arrays (the sections LY_CS_VERTICES ... LY_CS_LOD_INDICES). */
static void *chunk_field(ly_mesh_chunk *c, int section)
{
    switch (section) {
    case LY_CS_VERTICES:
        return &c->vertices;
    case LY_CS_INDICES:
        return &c->indices;
    case LY_CS_LOD_VERTICES:
        return &c->lod_vertices;
    default:
        return &c->lod_indices;
    }
}

static size_t chunk_count(const ly_mesh_chunk *c, int section)
{
    switch (section) {
    case LY_CS_VERTICES:
        return c->n_vertices;
    case LY_CS_INDICES:
        return c->n_indices;
    case LY_CS_LOD_VERTICES:
        return c->n_lod_vertices;
    default:
        return c->n_lod_indices;
    }
}

static size_t chunk_item(int section)
{
    return section == LY_CS_VERTICES || section == LY_CS_LOD_VERTICES ? sizeof(ly_vertex)
                                                                      : sizeof(uint32_t);
}

static void record_sizes(uint32_t z[LY_CZ_MAX])
{
    memset(z, 0, LY_CZ_MAX * sizeof *z);
    z[LY_CZ_POINTER] = sizeof(void *);
    z[LY_CZ_DISTRICT] = sizeof(ly_district);
    z[LY_CZ_BUILDING] = sizeof(ly_building);
    z[LY_CZ_FEATURE] = sizeof(ly_feature);
    z[LY_CZ_RING] = sizeof(ly_ring);
    z[LY_CZ_POLYGON] = sizeof(ly_polygon);
    z[LY_CZ_LINE] = sizeof(ly_line);
    z[LY_CZ_RECORD] = sizeof(ly_floor_record);
    z[LY_CZ_ENTERPRISE] = sizeof(ly_enterprise);
    z[LY_CZ_NAME_PAIR] = sizeof(ly_name_pair);
    z[LY_CZ_GEO] = sizeof(ly_geo);
    z[LY_CZ_MESH] = sizeof(ly_mesh);
    z[LY_CZ_CHUNK] = sizeof(ly_mesh_chunk);
    z[LY_CZ_VERTEX] = sizeof(ly_vertex);
    z[LY_CZ_MESH_BUILDING] = sizeof(ly_mesh_building);
    z[LY_CZ_BVH] = sizeof(ly_bvh);
    z[LY_CZ_BVH_NODE] = sizeof(ly_bvh_node);
    z[LY_CZ_GROUND] = sizeof(ly_ground);
    z[LY_CZ_GROUND_VERTEX] = sizeof(ly_ground_vertex);
    z[LY_CZ_DIAG] = sizeof(ly_cache_diag);
    z[LY_CZ_FACE] = sizeof(ly_face);
}

/* The louyu build that runs: its executable's identity, so that a rebuilt louyu
 * (whose meshes may differ) never reads an older build's cache. 0 when unknown. */
static uint64_t build_id(void)
{
    struct stat st;
    if (stat("/proc/self/exe", &st))
        return 0;
    uint64_t v[5] = {(uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
                     (uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec};
    return ly_cache_checksum(v, sizeof v);
}

/* ---- the checksum: XXH64 (Yann Collet's xxHash, 64-bit), ~9 GB/s here -------------- */

static const uint64_t P1 = 11400714785074694791ull, P2 = 14029467366897019727ull,
                      P3 = 1609587929392839161ull, P4 = 9650029242287828579ull,
                      P5 = 2870177450012600261ull;

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t xround(uint64_t acc, uint64_t in)
{
    return rotl(acc + in * P2, 31) * P1;
}

static uint64_t xmerge(uint64_t acc, uint64_t v)
{
    return (acc ^ xround(0, v)) * P1 + P4;
}

/* XXH64 over bytes that come in pieces (seed 0). */
typedef struct {
    uint64_t v[4], len;
    unsigned char buf[32];
    size_t n; /* bytes in buf */
} xxh;

static void xxh_init(xxh *s)
{
    *s = (xxh){.v = {P1 + P2, P2, 0, -P1}};
}

static void xxh_stripes(xxh *s, const unsigned char *p, size_t stripes)
{
    uint64_t v1 = s->v[0], v2 = s->v[1], v3 = s->v[2], v4 = s->v[3];
    for (; stripes--; p += 32) {
        v1 = xround(v1, rd64(p));
        v2 = xround(v2, rd64(p + 8));
        v3 = xround(v3, rd64(p + 16));
        v4 = xround(v4, rd64(p + 24));
    }
    s->v[0] = v1, s->v[1] = v2, s->v[2] = v3, s->v[3] = v4;
}

static void xxh_update(xxh *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    if (!len)
        return; /* data may be NULL */
    s->len += len;
    if (s->n) {
        size_t k = len < 32 - s->n ? len : 32 - s->n;
        memcpy(s->buf + s->n, p, k);
        s->n += k, p += k, len -= k;
        if (s->n < 32)
            return;
        xxh_stripes(s, s->buf, 1);
        s->n = 0;
    }
    xxh_stripes(s, p, len / 32);
    memcpy(s->buf, p + len / 32 * 32, len % 32);
    s->n = len % 32;
}

static uint64_t xxh_final(const xxh *s)
{
    uint64_t h = P5;
    if (s->len >= 32) {
        const uint64_t *v = s->v;
        h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
        h = xmerge(xmerge(xmerge(xmerge(h, v[0]), v[1]), v[2]), v[3]);
    }
    h += s->len;
    const unsigned char *p = s->buf, *end = s->buf + s->n;
    for (; end - p >= 8; p += 8)
        h = rotl(h ^ xround(0, rd64(p)), 27) * P1 + P4;
    if (end - p >= 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        h = rotl(h ^ (uint64_t)v * P1, 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl(h ^ *p * P5, 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    return h ^ (h >> 32);
}

void ly_cache_give_back(const void *p, size_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)p + page - 1) / page * page, b = ((uintptr_t)p + n) / page * page;
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
}

void ly_cache_populate(const void *p, size_t n)
{
#ifdef MADV_POPULATE_READ
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = (uintptr_t)p & ~(page - 1), b = ((uintptr_t)p + n) & ~(page - 1);
    if (n && b > a)
        madvise((void *)a, b - a, MADV_POPULATE_READ);
#else
    (void)p;
    (void)n;
#endif
}

/* Whether p[0, n) lies in the mapping base[0, size). */
static bool in_mapping(const unsigned char *base, size_t size, const void *p, size_t n)
{
    const unsigned char *q = p;
    return base && q >= base && n <= size && (size_t)(q - base) <= size - n;
}

const void *ly_cache_view(const ly_cache_source *src, const void *p, size_t n, void *buf)
{
    if (src && src->fd >= 0 && buf && in_mapping(src->base, src->size, p, n) &&
        pread(src->fd, buf, n, (off_t)((const unsigned char *)p - src->base)) == (ssize_t)n)
        return buf;
    ly_cache_populate(p, n);
    return p;
}

uint64_t ly_cache_checksum(const void *data, size_t len)
{
    xxh s;
    xxh_init(&s);
    xxh_update(&s, data, len);
    return xxh_final(&s);
}

/* ---- the key ----------------------------------------------------------------------- */

/* BLAKE2b-256 of an open file's bytes, read in pieces. Returns 0, or -1 when it cannot
 * be read or its size changes under us (cp over it). */
static int hash_file(int fd, const struct stat *st, uint8_t out[32])
{
    /* read, not mapped: as fast here (the hash is the cost), and a file cut short while it
     * is read (cp over it) gives fewer bytes rather than a SIGBUS */
    enum { PIECE = 64 << 10 }; /* below malloc's mmap threshold: freeing it changes nothing */
    unsigned char *buf = malloc(PIECE);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    uint64_t got = 0;
    ssize_t k = -1;
    while (buf && (k = read(fd, buf, PIECE)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            break;
        crypto_generichash_update(&h, buf, (size_t)k);
        got += (uint64_t)k;
    }
    crypto_generichash_final(&h, out, 32);
    free(buf);
    return k != 0 || got != (uint64_t)st->st_size ? -1 : 0;
}

/* A source's identity and the hash of its bytes, remembered so that an unchanged file
 * is not read again: a file with the same device, inode, size, modification and change
 * times (the change time moves with any write or touch, and cannot be set back) has
 * the bytes it had. Kept in stamps/NAME, NAME from the source's absolute path. */
typedef struct {
    uint64_t magic, dev, ino, size;
    int64_t mtime_ns, ctime_ns;
    uint8_t hash[32];
    uint64_t check; /* XXH64 of the fields above */
} stamp;

static const uint64_t STAMP_MAGIC = 0x31504d5453594c; /* "LYSTMP1" */

static void stamp_of(stamp *sp, const struct stat *st)
{
    memset(sp, 0, sizeof *sp);
    sp->magic = STAMP_MAGIC;
    sp->dev = (uint64_t)st->st_dev;
    sp->ino = (uint64_t)st->st_ino;
    sp->size = (uint64_t)st->st_size;
    sp->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    sp->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
}

static void stamp_path(const char *folder, const char *source, char *out, size_t n)
{
    char abs[4096];
    const char *name = realpath(source, abs) ? abs : source;
    uint8_t h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)name, strlen(name), NULL, 0);
    char hex[2 * sizeof h + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(out, n, "%s/stamps/%s", folder, hex);
}

/* The remembered hash, when the stamp is whole and the file is as it was. */
static bool stamp_read(const char *path, const struct stat *st, uint8_t hash[32])
{
    stamp now, kept;
    stamp_of(&now, st);
    FILE *f = ly_fopen_regular(path);
    bool ok = f && fread(&kept, sizeof kept, 1, f) == 1;
    if (f)
        fclose(f);
    ok = ok && kept.check == ly_cache_checksum(&kept, offsetof(stamp, check)) &&
         !memcmp(&kept, &now, offsetof(stamp, hash));
    if (ok)
        memcpy(hash, kept.hash, 32);
    return ok;
}

static void stamp_write(const char *path, const struct stat *st, const uint8_t hash[32])
{
    stamp sp;
    stamp_of(&sp, st);
    memcpy(sp.hash, hash, sizeof sp.hash);
    sp.check = ly_cache_checksum(&sp, offsetof(stamp, check));
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%.1100s.tmp-%ld", path, (long)getpid());
    if (ly_make_parent_dirs(path, 0700))
        return;
    FILE *f = fopen(tmp, "wb");
    bool ok = f && fwrite(&sp, sizeof sp, 1, f) == 1;
    if (f && fclose(f))
        ok = false;
    if (!ok || rename(tmp, path))
        unlink(tmp); /* only a later open that hashes again */
}

int ly_cache_key_init(ly_cache_key *key, const char *source, const char *dir, float chunk_size_m,
                      const char *variant)
{
    memset(key, 0, sizeof *key);
    double t0 = ly_clock_ms();
    char folder[900];
    if (dir)
        snprintf(folder, sizeof folder, "%s", dir);
    else if (ly_xdg_path("XDG_CACHE_HOME", ".cache", "scenes", folder, sizeof folder))
        return -1;
    if (sodium_init() < 0 ||
        snprintf(key->source, sizeof key->source, "%s", source) >= (int)sizeof key->source)
        return -1;
    int fd = open(source, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > MAX_SOURCE) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    char sp[1100];
    stamp_path(folder, source, sp, sizeof sp);
    bool remembered = stamp_read(sp, &st, key->source_hash);
    int rc = remembered ? 0 : hash_file(fd, &st, key->source_hash);
    close(fd);
    if (rc)
        return -1; /* unreadable, or changing under us: load it without a cache */
    if (!remembered)
        stamp_write(sp, &st, key->source_hash);
    key->source_size = (uint64_t)st.st_size;
    key->chunk_size_m = chunk_size_m;
    key->dev = (uint64_t)st.st_dev;
    key->ino = (uint64_t)st.st_ino;
    key->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    /* (a write in place with its time put back, as cp -p and rsync -t do, changes this) */
    key->ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
    /* the name: the source's bytes and what shapes the build */
    uint32_t format = LY_CACHE_FORMAT;
    uint8_t name[16];
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, sizeof name);
    crypto_generichash_update(&h, (const unsigned char *)"louyu scene cache", 17);
    crypto_generichash_update(&h, (const unsigned char *)&format, sizeof format);
    crypto_generichash_update(&h, key->source_hash, sizeof key->source_hash);
    crypto_generichash_update(&h, (const unsigned char *)&key->source_size,
                              sizeof key->source_size);
    crypto_generichash_update(&h, (const unsigned char *)&chunk_size_m, sizeof chunk_size_m);
    if (variant && *variant) /* (none: the names caches have always had) */
        crypto_generichash_update(&h, (const unsigned char *)variant, strlen(variant));
    crypto_generichash_final(&h, name, sizeof name);
    char hex[2 * sizeof name + 1];
    sodium_bin2hex(hex, sizeof hex, name, sizeof name);
    snprintf(key->path, sizeof key->path, "%s/%s.scene", folder, hex);
    key->hash_ms = ly_clock_ms() - t0;
    return 0;
}

/* ---- writing ----------------------------------------------------------------------- */

/* The string table: every string once, offset 0 for NULL. */
typedef struct {
    char *buf;
    size_t len, cap;
    uint64_t *set; /* offsets of the strings in buf, by hash; 0 is empty */
    size_t set_cap, used;
    bool nomem;
} strtab;

static int strtab_grow(strtab *t)
{
    size_t cap = t->set_cap ? 2 * t->set_cap : 4096;
    uint64_t *set = calloc(cap, sizeof *set);
    if (!set)
        return -1;
    for (size_t i = 0; i < t->set_cap; i++) {
        if (!t->set[i])
            continue;
        const char *s = t->buf + t->set[i];
        size_t k = ly_cache_checksum(s, strlen(s)) & (cap - 1);
        while (set[k])
            k = (k + 1) & (cap - 1);
        set[k] = t->set[i];
    }
    free(t->set);
    t->set = set;
    t->set_cap = cap;
    return 0;
}

/* The offset of s in the table, added if new (0 for NULL or when out of memory). */
static uint64_t strtab_put(strtab *t, const char *s)
{
    if (!s || t->nomem)
        return 0;
    if (2 * (t->used + 1) > t->set_cap && strtab_grow(t)) {
        t->nomem = true;
        return 0;
    }
    size_t n = strlen(s);
    size_t k = ly_cache_checksum(s, n) & (t->set_cap - 1);
    for (; t->set[k]; k = (k + 1) & (t->set_cap - 1))
        if (!strcmp(t->buf + t->set[k], s))
            return t->set[k];
    if (ly_array_reserve((void **)&t->buf, &t->cap, t->len + n + 1, 1)) {
        t->nomem = true;
        return 0;
    }
    uint64_t at = t->len;
    memcpy(t->buf + at, s, n + 1);
    t->len += n + 1;
    t->set[k] = at;
    t->used++;
    return at;
}

/* bytes of records rewritten at a time: under malloc's mmap threshold, whose rise after a
 * larger block is freed would keep later loads' memory from going back to the system */
enum { BATCH = 64 << 10 };

typedef struct {
    const ly_cache_parts *parts;
    const ly_diag_list *diags;
    plan s[LY_CS_COUNT];
    strtab st;
    ly_cache_header head;
    ly_cache_section table[LY_CS_COUNT];
    unsigned char *batch; /* BATCH bytes */
    int fd;
    uint64_t at;           /* bytes written */
    xxh sum;               /* of the section being written */
    int err;               /* errno of the first failed write */
    uintptr_t chunk_at[4]; /* the next chunk's first element in each of its arrays */
} writer;

/* The string fields of `count` records: into the table, and (when dst is not NULL) as
 * offsets into the same fields of the copies at dst. */
static void put_strings(strtab *t, const plan *s, const unsigned char *src, size_t count,
                        unsigned char *dst)
{
    for (size_t i = 0; i < count; i++)
        for (size_t f = 0; f < s->n_str; f++) {
            size_t at = i * s->item + s->str[f];
            uintptr_t off = (uintptr_t)strtab_put(t, get_ptr(src + at));
            if (dst)
                memcpy(dst + at, &off, sizeof off);
        }
}

/* Every string into the table before anything is written. */
static void put_all_strings(writer *w)
{
    for (int i = 0; i < LY_CS_COUNT; i++) {
        const plan *s = &w->s[i];
        if (s->n_str)
            put_strings(&w->st, s, s->k == K_STRUCT ? s->obj : get_ptr(s->field), s->count, NULL);
    }
    const ly_diag_list *dl = w->diags;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].severity == LY_DIAG_WARNING)
            strtab_put(&w->st, dl->items[i].message);
}

static uint64_t align_up(uint64_t v)
{
    return (v + LY_CACHE_ALIGN - 1) / LY_CACHE_ALIGN * LY_CACHE_ALIGN;
}

/* Section sizes and offsets, and the file's size. */
static void lay_out(writer *w)
{
    const ly_mesh *m = w->parts->mesh;
    size_t warnings = 0;
    for (size_t i = 0; i < w->diags->count; i++)
        warnings += w->diags->items[i].severity == LY_DIAG_WARNING;
    uint64_t at = align_up(sizeof w->head + sizeof w->table);
    for (int i = 0; i < LY_CS_COUNT; i++) {
        const plan *s = &w->s[i];
        uint64_t n = (uint64_t)s->count * s->item;
        if (s->k == K_CHUNKED) {
            n = 0;
            for (size_t c = 0; c < m->n_chunks; c++)
                n += (uint64_t)chunk_count(&m->chunks[c], i) * chunk_item(i);
        } else if (s->k == K_DIAGS) {
            n = (uint64_t)warnings * s->item;
        } else if (s->k == K_STRINGS) {
            n = w->st.len;
        }
        w->table[i] = (ly_cache_section){.offset = at, .size = n, .id = (uint32_t)i};
        at = align_up(at + n);
    }
    w->head.total_size = w->table[LY_CS_COUNT - 1].offset + w->table[LY_CS_COUNT - 1].size;
}

/* Bytes of the section being written: to the file and its checksum. */
static void emit(writer *w, const void *p, size_t n)
{
    xxh_update(&w->sum, p, n);
    for (const char *c = p; n && !w->err;) {
        ssize_t k = write(w->fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            w->err = k < 0 ? errno : EIO;
            break;
        }
        c += k, n -= (size_t)k, w->at += (uint64_t)k;
    }
}

/* A struct with the pointers the plan knows zeroed and its strings as offsets. */
static void emit_struct(writer *w, int i)
{
    const plan *s = &w->s[i];
    const unsigned char *obj = s->obj;
    unsigned char *dst = w->batch;
    memcpy(dst, obj, s->item);
    for (int k = 0; k < LY_CS_COUNT; k++) {
        const unsigned char *f = w->s[k].field;
        if (w->s[k].k == K_ARRAY && f >= obj && f < obj + s->item)
            set_ptr(dst + (f - obj), NULL);
    }
    if (i == LY_CS_DISTRICT) {
        ly_district *d = (ly_district *)dst;
        d->source = NULL;
        memset(&d->arena, 0, sizeof d->arena);
    } else if (i == LY_CS_BVH) {
        ((ly_bvh *)dst)->mesh = NULL;
    }
    put_strings(&w->st, s, obj, 1, dst);
    emit(w, dst, s->item);
}

/* The chunks, their four arrays' pointers as element offsets into the sections
 * LY_CS_VERTICES ... LY_CS_LOD_INDICES, where they follow one another. */
static void rewrite_chunks(writer *w, ly_mesh_chunk *out, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        for (int i = LY_CS_VERTICES; i <= LY_CS_LOD_INDICES; i++) {
            uintptr_t *at = &w->chunk_at[i - LY_CS_VERTICES];
            memcpy(chunk_field(&out[c], i), at, sizeof *at);
            *at += chunk_count(&out[c], i);
        }
        out[c].cap_vertices = out[c].n_vertices;
        out[c].cap_indices = out[c].n_indices;
    }
}

/* An array, rewritten a batch at a time when it has strings or pointers. */
static void emit_array(writer *w, int i)
{
    const plan *s = &w->s[i];
    const unsigned char *src = get_ptr(s->field);
    if (!s->n_str && i != LY_CS_CHUNKS) {
        emit(w, src, s->count * s->item);
        return;
    }
    size_t per = BATCH / s->item;
    for (size_t first = 0; first < s->count; first += per) {
        size_t n = s->count - first < per ? s->count - first : per;
        memcpy(w->batch, src + first * s->item, n * s->item);
        if (i == LY_CS_CHUNKS)
            rewrite_chunks(w, (ly_mesh_chunk *)w->batch, n);
        put_strings(&w->st, s, src + first * s->item, n, w->batch);
        emit(w, w->batch, n * s->item);
    }
}

static void emit_section(writer *w, int i)
{
    const ly_mesh *m = w->parts->mesh;
    const ly_diag_list *dl = w->diags;
    switch (w->s[i].k) {
    case K_STRUCT:
        emit_struct(w, i);
        break;
    case K_ARRAY:
        emit_array(w, i);
        break;
    case K_CHUNKED:
        for (size_t c = 0; c < m->n_chunks; c++)
            emit(w, get_ptr(chunk_field(&m->chunks[c], i)),
                 chunk_count(&m->chunks[c], i) * chunk_item(i));
        break;
    case K_DIAGS:
        for (size_t k = 0; k < dl->count; k++) {
            const ly_diag *d = &dl->items[k];
            if (d->severity == LY_DIAG_WARNING)
                emit(w,
                     &(ly_cache_diag){.severity = LY_DIAG_WARNING,
                                      .line = d->line,
                                      .col = d->col,
                                      .offset = d->offset,
                                      .feature = d->feature,
                                      .message = strtab_put(&w->st, d->message)},
                     sizeof(ly_cache_diag));
        }
        break;
    case K_STRINGS:
        emit(w, w->st.buf, w->st.len);
        break;
    }
}

static void fill_header(writer *w, const ly_cache_key *key)
{
    ly_cache_header *h = &w->head;
    memcpy(h->magic, MAGIC, sizeof MAGIC);
    h->endian = LY_CACHE_ENDIAN;
    h->format = LY_CACHE_FORMAT;
    h->source_size = key->source_size;
    memcpy(h->source_hash, key->source_hash, sizeof h->source_hash);
    snprintf(h->version, sizeof h->version, "%s", LY_VERSION);
    h->build = build_id();
    h->n_sections = LY_CS_COUNT;
    h->chunk_size_m = key->chunk_size_m;
    h->warnings = w->diags->warnings;
    record_sizes(h->sizes);
    xxh s;
    xxh_init(&s);
    xxh_update(&s, h, sizeof *h);
    xxh_update(&s, w->table, sizeof w->table);
    h->check = xxh_final(&s);
}

/* The sections in order (the header's place left empty), then the header. */
static void write_sections(writer *w, const ly_cache_key *key)
{
    static const unsigned char zeros[LY_CACHE_ALIGN];
    for (int i = 0; i < LY_CS_COUNT && !w->err; i++) {
        ly_cache_section *t = &w->table[i];
        while (w->at < t->offset && !w->err) {
            uint64_t gap = t->offset - w->at;
            emit(w, zeros, gap < sizeof zeros ? gap : sizeof zeros);
        }
        xxh_init(&w->sum);
        emit_section(w, i);
        t->check = xxh_final(&w->sum);
        if (!w->err && w->at != t->offset + t->size)
            w->err = EIO; /* what was written is not what was laid out */
    }
    fill_header(w, key);
    if (!w->err &&
        (pwrite(w->fd, &w->head, sizeof w->head, 0) != (ssize_t)sizeof w->head ||
         pwrite(w->fd, w->table, sizeof w->table, sizeof w->head) != (ssize_t)sizeof w->table))
        w->err = errno ? errno : EIO;
}

/* Writes a temporary file beside the cache, then renames it over the cache. */
static const char *write_file(writer *w, const ly_cache_key *key, char *tmp)
{
    w->fd = mkstemp(tmp);
    if (w->fd < 0) {
        w->err = errno;
        return "cannot create a temporary file for";
    }
    flock(w->fd, LOCK_EX); /* (while it is held, prune knows a writer is at work on it) */
    bool watched = ly_file_watch_temp(tmp); /* a stop signal removes it (kill: prune does) */
    w->at = 0;
    static const unsigned char zeros[sizeof w->head + sizeof w->table];
    emit(w, zeros, sizeof zeros);
    write_sections(w, key);
    const char *why = w->err ? "cannot write" : NULL;
    if (close(w->fd) && !why) {
        w->err = errno;
        why = "cannot write";
    }
    if (!why && rename(tmp, key->path)) {
        w->err = errno;
        why = "cannot put in place";
    }
    if (why)
        unlink(tmp);
    if (watched)
        ly_file_unwatch_temp();
    return why;
}

/* Whether a temporary cache file's writer is still at work: it holds a lock on it. */
static bool writer_alive(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    bool alive = flock(fd, LOCK_EX | LOCK_NB) != 0;
    close(fd);
    return alive;
}

/* Keeps the LY_CACHE_KEEP most recently used caches (the one just written among
 * them) and drops temporary files a crashed or killed writer left: over a minute old and
 * no writer holding their lock (a new one may not have taken it yet), or over an hour. */
static void prune(const char *folder, const char *keep)
{
    DIR *dir = opendir(folder);
    if (!dir)
        return;
    struct {
        char name[80];
        int64_t mtime;
    } seen[64];
    size_t n = 0;
    const struct dirent *e;
    int64_t now = (int64_t)time(NULL);
    while ((e = readdir(dir)) && n < N(seen)) {
        char path[1400];
        struct stat st;
        size_t len = strlen(e->d_name);
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        if (len >= sizeof seen[0].name || stat(path, &st) || !S_ISREG(st.st_mode))
            continue;
        if (strstr(e->d_name, ".scene.tmp-") &&
            (now - (int64_t)st.st_mtime > 3600 ||
             (now - (int64_t)st.st_mtime > 60 && !writer_alive(path))))
            unlink(path);
        if (len > 6 && !strcmp(e->d_name + len - 6, ".scene") && strcmp(path, keep)) {
            memcpy(seen[n].name, e->d_name, len + 1);
            seen[n++].mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        }
    }
    closedir(dir);
    /* the newest first: keep LY_CACHE_KEEP - 1 besides the new one */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && seen[k].mtime > seen[k - 1].mtime; k--) {
            __typeof__(seen[0]) t = seen[k];
            seen[k] = seen[k - 1];
            seen[k - 1] = t;
        }
    for (size_t i = LY_CACHE_KEEP - 1; i < n; i++) {
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", folder, seen[i].name);
        if (!unlink(path))
            LY_DEBUG("CACHE", "dropped %s (the %d most recently used are kept)", path,
                     LY_CACHE_KEEP);
    }
}

/* Whether the source is still the file that was hashed. */
static bool source_unchanged(const ly_cache_key *key)
{
    struct stat st;
    return !stat(key->source, &st) && (uint64_t)st.st_dev == key->dev &&
           (uint64_t)st.st_ino == key->ino && (uint64_t)st.st_size == key->source_size &&
           (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec == key->mtime_ns &&
           (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec == key->ctime_ns;
}

int ly_cache_write(const ly_cache_key *key, const ly_cache_parts *parts, const ly_diag_list *diags)
{
    if (diags->errors)
        return -1; /* only a clean load is cached */
    if (!source_unchanged(key)) {
        LY_INFO("CACHE", "[%s] changed while it was loaded: not cached", key->source);
        return -1;
    }
    double t0 = ly_clock_ms();
    writer w = {.parts = parts, .diags = diags, .fd = -1, .batch = malloc(BATCH)};
    plan_of(parts, w.s);
    w.st.len = 1; /* offset 0: NULL */
    w.st.nomem = !w.batch || ly_array_reserve((void **)&w.st.buf, &w.st.cap, 1, 1);
    if (!w.st.nomem)
        w.st.buf[0] = '\0';
    put_all_strings(&w);
    char folder[1024], tmp[1100];
    snprintf(folder, sizeof folder, "%s", key->path);
    char *slash = strrchr(folder, '/');
    if (slash)
        *slash = '\0';
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", key->path);
    const char *why = NULL;
    if (w.st.nomem) {
        w.err = ENOMEM;
        why = "out of memory for";
    } else if (slash && ly_make_dirs(folder, 0700, NULL, 0)) {
        w.err = errno;
        why = "cannot make the folder of";
    } else {
        lay_out(&w);
        why = write_file(&w, key, tmp);
    }
    free(w.batch);
    free(w.st.buf);
    free(w.st.set);
    if (why) {
        LY_WARN("CACHE", "[%s] not cached: %s %s: %s", key->source, why, key->path,
                strerror(w.err));
        return -1;
    }
    LY_INFO("CACHE", "[%s] cached in %s: %.1f MB in %.0f ms", key->source, key->path,
            (double)w.head.total_size / 1e6, ly_clock_ms() - t0);
    if (slash)
        prune(folder, key->path);
    return 0;
}

/* ---- opening ----------------------------------------------------------------------- */

struct ly_cache {
    unsigned char *base;
    size_t size;
    int fd; /* the file: the checksums and the uploads read it (-1: closed) */
};

/* Why a cache is not used: expected (INFO: another version, another source) or a
 * damaged file (WARN). */
typedef struct {
    char text[200];
    bool damaged;
} reason;

__attribute__((format(printf, 3, 4))) static bool reject(reason *r, bool damaged, const char *fmt,
                                                         ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
    r->damaged = damaged;
    return false;
}

static bool check_header(const unsigned char *m, size_t size, const ly_cache_key *key, reason *r)
{
    const ly_cache_header *h = (const ly_cache_header *)m;
    const size_t head = sizeof *h + LY_CS_COUNT * sizeof(ly_cache_section);
    if (size < 16 || memcmp(h->magic, MAGIC, sizeof MAGIC))
        return reject(r, true, "not a louyu scene cache");
    if (h->endian != LY_CACHE_ENDIAN)
        return reject(r, false, "written on a machine of the other byte order");
    if (h->format != LY_CACHE_FORMAT)
        return reject(r, false, "format %u, this louyu reads %d", h->format, LY_CACHE_FORMAT);
    if (size < head)
        return reject(r, true, "truncated: %zu bytes", size);
    unsigned char head_copy[sizeof(ly_cache_header) + LY_CS_COUNT * sizeof(ly_cache_section)];
    memcpy(head_copy, m, head);
    memset(head_copy + offsetof(ly_cache_header, check), 0, sizeof h->check);
    uint64_t check = ly_cache_checksum(head_copy, head);
    if (check != h->check)
        return reject(r, true, "the header's checksum does not match");
    if (strncmp(h->version, LY_VERSION, sizeof h->version) || h->build != build_id())
        return reject(r, false, "written by another louyu build (%.16s)", h->version);
    uint32_t sizes[LY_CZ_MAX];
    record_sizes(sizes);
    if (memcmp(sizes, h->sizes, sizeof sizes) || h->n_sections != LY_CS_COUNT)
        return reject(r, false, "its records have other sizes");
    if (h->total_size != size)
        return reject(r, true, "truncated or grown: %zu bytes, the header says %llu", size,
                      (unsigned long long)h->total_size);
    if (h->source_size != key->source_size ||
        memcmp(h->source_hash, key->source_hash, sizeof h->source_hash))
        return reject(r, false, "stale: made from other bytes");
    if (memcmp(&h->chunk_size_m, &key->chunk_size_m, sizeof h->chunk_size_m))
        return reject(r, false, "made with another chunk size");
    return true;
}

/* Every section inside the file, aligned, in order, not overlapping, with its checksum. */
/* The big sections nothing writes into (meshes, points, the BVH) leave this process's
 * resident memory as soon as they are checked, and again once everything is: they stay
 * in the page cache, and a page comes back when it is next read (a chunk's upload, a
 * pick). The pages written into (strings, chunk records) are private copies and are never
 * dropped: dropping would bring back the file's bytes. */
static bool read_only(int id)
{
    static const int big[] = {LY_CS_POINTS,       LY_CS_GEO_XY,      LY_CS_VERTICES,
                              LY_CS_INDICES,      LY_CS_LOD_VERTICES, LY_CS_LOD_INDICES,
                              LY_CS_MESH_BUILDINGS, LY_CS_BVH_NODES,  LY_CS_BVH_ITEMS};
    for (size_t i = 0; i < sizeof big / sizeof *big; i++)
        if (big[i] == id)
            return true;
    return false;
}

static void drop_read_only(const unsigned char *base)
{
    const ly_cache_section *t = (const ly_cache_section *)(base + sizeof(ly_cache_header));
    for (int i = 0; i < LY_CS_COUNT; i++)
        if (read_only(i))
            ly_cache_give_back(base + t[i].offset, t[i].size);
}

/* Every section inside the file, aligned, in order, not overlapping. */
static bool check_layout(const unsigned char *m, size_t size, reason *r)
{
    const ly_cache_section *t = (const ly_cache_section *)(m + sizeof(ly_cache_header));
    uint64_t end = sizeof(ly_cache_header) + LY_CS_COUNT * sizeof *t;
    for (int i = 0; i < LY_CS_COUNT; i++) {
        if (t[i].id != (uint32_t)i || t[i].offset % LY_CACHE_ALIGN || t[i].offset < end ||
            t[i].offset > size || t[i].size > size - t[i].offset)
            return reject(r, true, "section %s is out of range", ly_cache_section_name(i));
        end = t[i].offset + t[i].size;
    }
    return true;
}

/* The checksums of the sections that are (big: true) or are not read-only. The
 * others come first, before anything is written into them (unpack, swizzle); the big
 * ones on a thread of their own while the ranges are checked. */
typedef struct {
    const unsigned char *m;
    int fd; /* the file (-1: hash the mapping) */
    bool big;
    int bad; /* the first damaged section, or -1 */
} sums;

/* A section's checksum, read from the file a few megabytes at a time into one buffer:
 * its pages are not mapped for it (under a hypervisor, mapping a page costs more than
 * copying it; the range checks read the mapping, the strings are written into the
 * writable sections' pages, each once). Where the file cannot be
 * read so (no buffer, a short read), the mapping is hashed instead, each block's pages
 * read in with one call and given back once hashed. */
static uint64_t checksum_section(int fd, const unsigned char *base, uint64_t offset, size_t len,
                                 unsigned char *buf)
{
    enum { BLOCK = 4 << 20 };
    xxh x;
    xxh_init(&x);
    for (size_t at = 0; at < len; at += BLOCK) {
        size_t n = len - at < BLOCK ? len - at : BLOCK;
        ssize_t got = buf && fd >= 0 ? pread(fd, buf, n, (off_t)(offset + at)) : -1;
        if (got == (ssize_t)n) {
            xxh_update(&x, buf, n);
            continue;
        }
        const unsigned char *data = base + offset + at;
        ly_cache_populate(data, n);
        xxh_update(&x, data, n);
        ly_cache_give_back(data, n);
    }
    return xxh_final(&x);
}

static void *check_sums(void *arg)
{
    sums *s = arg;
    const ly_cache_section *t = (const ly_cache_section *)(s->m + sizeof(ly_cache_header));
    s->bad = -1;
    unsigned char *buf = malloc(4 << 20);
    for (int i = 0; i < LY_CS_COUNT && s->bad < 0; i++)
        if (read_only(i) == s->big &&
            checksum_section(s->fd, s->m, t[i].offset, t[i].size, buf) != t[i].check)
            s->bad = i;
    free(buf);
    return NULL;
}

/* The structs and arrays of the sections into the parts, each array's size checked
 * against the counts its struct states; the chunks' arrays by their element offsets. */
static bool unpack(const ly_cache *c, const ly_cache_parts *p, reason *r)
{
    const ly_cache_section *t = (const ly_cache_section *)(c->base + sizeof(ly_cache_header));
    plan s[LY_CS_COUNT];
    plan_of(p, s);
    for (int i = 0; i < LY_CS_COUNT; i++) {
        if (s[i].k != K_STRUCT)
            continue;
        if (t[i].size != s[i].item)
            return reject(r, true, "section %s has %llu bytes", ly_cache_section_name(i),
                          (unsigned long long)t[i].size);
        memcpy(s[i].obj, c->base + t[i].offset, s[i].item);
    }
    p->district->source = NULL;
    memset(&p->district->arena, 0, sizeof p->district->arena);
    p->bvh->mesh = p->mesh;
    plan_of(p, s); /* with the counts the structs state */
    for (int i = 0; i < LY_CS_COUNT; i++) {
        if (s[i].k != K_ARRAY)
            continue;
        if (mul(s[i].count, s[i].item) != t[i].size)
            return reject(r, true, "section %s has %llu bytes for %zu records",
                          ly_cache_section_name(i), (unsigned long long)t[i].size, s[i].count);
        set_ptr(s[i].field, s[i].count ? c->base + t[i].offset : NULL);
    }
    for (size_t k = 0; k < p->mesh->n_chunks; k++) {
        ly_mesh_chunk *ch = &p->mesh->chunks[k];
        for (int i = LY_CS_VERTICES; i <= LY_CS_LOD_INDICES; i++) {
            uintptr_t at;
            size_t n = chunk_count(ch, i), item = chunk_item(i);
            memcpy(&at, chunk_field(ch, i), sizeof at);
            if (at > t[i].size / item || n > t[i].size / item - at)
                return reject(r, true, "chunk %zu's %s are out of range", k,
                              ly_cache_section_name(i));
            set_ptr(chunk_field(ch, i), n ? c->base + t[i].offset + at * item : NULL);
        }
        ch->cap_vertices = ch->n_vertices;
        ch->cap_indices = ch->n_indices;
    }
    const ly_cache_section *st = &t[LY_CS_STRINGS];
    if (t[LY_CS_DIAGS].size % sizeof(ly_cache_diag) || !st->size ||
        c->base[st->offset + st->size - 1])
        return reject(r, true, "the warnings or the strings are malformed");
    return true;
}

/* Makes the private copies of the mapped pages of [p, p + n) in one call, before the
 * string pointers are written there: a page fault each costs far more, under a
 * hypervisor most of all (222k buildings' records: 600 ms of faults on one machine).
 * Where the kernel has no MADV_POPULATE_WRITE (before Linux 5.14) the faults come as
 * they did. */
static void populate_writable(const ly_cache *c, unsigned char *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = (uintptr_t)p & ~(page - 1), b = ((uintptr_t)p + n + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)c->base + c->size + page - 1) & ~(page - 1);
    if (n && a >= (uintptr_t)c->base && b <= end)
        madvise((void *)a, b - a, MADV_POPULATE_WRITE);
#else
    (void)c, (void)p, (void)n;
#endif
}

/* String offsets into pointers, in place (the pages with strings become private). */
static bool swizzle(const ly_cache *c, const ly_cache_parts *p, reason *r)
{
    const ly_cache_section *t = (const ly_cache_section *)(c->base + sizeof(ly_cache_header));
    const char *strs = (const char *)c->base + t[LY_CS_STRINGS].offset;
    uint64_t n_strs = t[LY_CS_STRINGS].size;
    plan s[LY_CS_COUNT];
    plan_of(p, s);
    for (int i = 0; i < LY_CS_COUNT; i++) {
        if (!s[i].n_str)
            continue;
        unsigned char *recs = s[i].k == K_STRUCT ? s[i].obj : get_ptr(s[i].field);
        populate_writable(c, recs, s[i].count * s[i].item);
        for (size_t k = 0; k < s[i].count; k++)
            for (size_t f = 0; f < s[i].n_str; f++) {
                unsigned char *at = recs + k * s[i].item + s[i].str[f];
                uintptr_t off;
                memcpy(&off, at, sizeof off);
                if (off >= n_strs)
                    return reject(r, true, "a string of %s %zu is out of range",
                                  ly_cache_section_name(i), k);
                set_ptr(at, off ? strs + off : NULL);
            }
    }
    const ly_cache_diag *dg = (const ly_cache_diag *)(c->base + t[LY_CS_DIAGS].offset);
    for (size_t i = 0; i < t[LY_CS_DIAGS].size / sizeof *dg; i++)
        if (dg[i].severity != LY_DIAG_WARNING || dg[i].message >= n_strs)
            return reject(r, true, "stored warning %zu is malformed", i);
    return true;
}

/* The load's warnings, as it reported them, counted as it counted them. */
static void replay(const ly_cache *c, ly_diag_list *diags)
{
    const ly_cache_header *h = (const ly_cache_header *)c->base;
    const ly_cache_section *t = (const ly_cache_section *)(h + 1);
    const char *strs = (const char *)c->base + t[LY_CS_STRINGS].offset;
    const ly_cache_diag *dg = (const ly_cache_diag *)(c->base + t[LY_CS_DIAGS].offset);
    size_t n = t[LY_CS_DIAGS].size / sizeof *dg, before = diags->warnings;
    for (size_t i = 0; i < n; i++) {
        ly_diag *d = ly_diag_add(diags, LY_DIAG_WARNING, (size_t)dg[i].offset, (long)dg[i].feature,
                                 "%s", strs + dg[i].message);
        if (d) {
            d->line = dg[i].line;
            d->col = dg[i].col;
        }
    }
    if (h->warnings > n)
        diags->warnings = before + (size_t)h->warnings;
}

static bool use(ly_cache *c, const ly_cache_key *key, const ly_cache_parts *p, reason *r)
{
    char why[160];
    double t[4];
    t[0] = ly_clock_ms();
    if (!check_header(c->base, c->size, key, r) || !check_layout(c->base, c->size, r))
        return false;
    sums small = {.m = c->base, .fd = c->fd, .big = false};
    check_sums(&small);
    if (small.bad >= 0)
        return reject(r, true, "section %s is damaged (checksum)",
                      ly_cache_section_name(small.bad));
    if (!unpack(c, p, r))
        return false;
    /* the big sections' checksums on a second core while this one checks the ranges
     * (which only read, bounds first, so damaged bytes cannot lead them astray); a damaged
     * section is reported before any range */
    sums sm = {.m = c->base, .fd = c->fd, .big = true};
    pthread_t th;
    bool threaded = pthread_create(&th, NULL, check_sums, &sm) == 0;
    if (!threaded)
        check_sums(&sm);
    t[1] = ly_clock_ms();
    ly_cache_source src = {c->base, c->size, c->fd};
    bool ranges = ly_cache_check_ranges(p, &src, why, sizeof why);
    if (threaded)
        pthread_join(th, NULL);
    t[2] = ly_clock_ms();
    if (sm.bad >= 0)
        return reject(r, true, "section %s is damaged (checksum)", ly_cache_section_name(sm.bad));
    if (!ranges)
        return reject(r, true, "%s", why);
    if (!swizzle(c, p, r))
        return false;
    t[3] = ly_clock_ms();
    LY_DEBUG("CACHE", "layout %.1f ms, checksums and ranges %.1f ms, strings %.1f ms",
             t[1] - t[0], t[2] - t[1], t[3] - t[2]);
    drop_read_only(c->base);
    p->district->source = strdup(key->source);
    return p->district->source || reject(r, false, "out of memory");
}

static void zero_parts(const ly_cache_parts *p)
{
    memset(p->district, 0, sizeof *p->district);
    memset(p->geo, 0, sizeof *p->geo);
    memset(p->mesh, 0, sizeof *p->mesh);
    memset(p->bvh, 0, sizeof *p->bvh);
    memset(p->ground, 0, sizeof *p->ground);
}

ly_cache_status ly_cache_open(ly_cache **out, const ly_cache_key *key, const ly_cache_parts *p,
                              ly_diag_list *diags)
{
    *out = NULL;
    zero_parts(p);
    double t0 = ly_clock_ms();
    int fd = open(key->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* (a FIFO: no wait) */
    if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
        return LY_CACHE_MISSING;
    ly_cache c = {.fd = -1};
    struct stat st;
    reason r = {.damaged = true};
    if (fd < 0 || fstat(fd, &st)) {
        snprintf(r.text, sizeof r.text, "cannot open it: %s", strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(r.text, sizeof r.text, "it is not a regular file");
    } else if (st.st_size < (off_t)sizeof(ly_cache_header)) {
        snprintf(r.text, sizeof r.text, "truncated: %lld bytes", (long long)st.st_size);
    } else {
        /* mapped read-only, then made writable: only the pages the string pointers go
         * into are copied; read ahead in order, not populated whole (a city's cache is
         * gigabytes: its pages are checked and given back section by section) */
        c.size = (size_t)st.st_size;
        c.base = mmap(NULL, c.size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (c.base != MAP_FAILED)
            madvise(c.base, c.size, MADV_SEQUENTIAL);
        if (c.base == MAP_FAILED || mprotect(c.base, c.size, PROT_READ | PROT_WRITE)) {
            snprintf(r.text, sizeof r.text, "cannot map it: %s", strerror(errno));
            if (c.base != MAP_FAILED)
                munmap(c.base, c.size);
            c.base = NULL;
        }
    }
    LY_DEBUG("CACHE", "mapped %.1f MB in %.1f ms", (double)c.size / 1e6, ly_clock_ms() - t0);
    c.fd = fd; /* the checksums read it, and later the uploads */
    ly_cache *mine = c.base && use(&c, key, p, &r) ? malloc(sizeof *mine) : NULL;
    if (!mine) {
        if (fd >= 0)
            close(fd);
        if (c.base && !r.text[0])
            snprintf(r.text, sizeof r.text, "out of memory");
        ly_log(r.damaged ? LY_LOG_WARN : LY_LOG_INFO, "CACHE", "[%s] %s not used: %s", key->source,
               key->path, r.text);
        free(p->district->source);
        zero_parts(p);
        if (c.base)
            munmap(c.base, c.size);
        return LY_CACHE_REJECTED;
    }
    *mine = c;
    *out = mine;
    replay(mine, diags);
    utimensat(AT_FDCWD, key->path, NULL, 0); /* most recently used: kept longest */
    LY_INFO("CACHE", "[%s] %zu buildings from %s (%.1f MB) in %.0f ms", key->source,
            p->district->n_buildings, key->path, (double)c.size / 1e6, ly_clock_ms() - t0);
    return LY_CACHE_HIT;
}

void ly_cache_close(ly_cache *c, const ly_cache_parts *p)
{
    if (!c)
        return;
    const unsigned char *lo = c->base, *hi = c->base + c->size;
    /* the chunks first: ly_mesh_deinit would walk them */
    const unsigned char *chunks = (const unsigned char *)p->mesh->chunks;
    if (chunks >= lo && chunks < hi) {
        p->mesh->chunks = NULL;
        p->mesh->n_chunks = 0;
    }
    plan s[LY_CS_COUNT];
    plan_of(p, s);
    for (int i = 0; i < LY_CS_COUNT; i++) {
        const unsigned char *a = s[i].k == K_ARRAY ? get_ptr(s[i].field) : NULL;
        if (a >= lo && a < hi)
            set_ptr(s[i].field, NULL);
    }
    munmap(c->base, c->size);
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

void ly_cache_done(const ly_cache *c, const void *p, size_t n)
{
    if (c && in_mapping(c->base, c->size, p, n))
        ly_cache_give_back(p, n);
}

const void *ly_cache_read(const ly_cache *c, const void *p, size_t n, void *buf)
{
    ly_cache_source src = {c ? c->base : NULL, c ? c->size : 0, c ? c->fd : -1};
    return ly_cache_view(&src, p, n, buf);
}
