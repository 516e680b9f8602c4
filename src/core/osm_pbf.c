/* OpenStreetMap's PBF (.osm.pbf: Geofabrik's and BBBike's extracts, what osmium and osmosis
 * write) read into the model of osm_private.h. The file is a run of blocks, each a 4-byte
 * big-endian length, a BlobHeader (its type and size) and a Blob (raw or zlib-deflated);
 * the first is the OSMHeader, whose required features are checked, the rest OSMData. An
 * OSMData block is a PrimitiveBlock: a string table, then groups of nodes (plain, or dense:
 * ids, places and tags delta-coded in parallel arrays), ways (node ids delta-coded) and
 * relations (members delta-coded). Places are integers in units of `granularity`
 * nanodegrees from an offset. Every length and index is checked against what holds it: a
 * damaged block is said, with its number and byte, and never read past. */
#include "osm_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { MAX_HEADER = 64 * 1024, MAX_BLOB = 32 * 1024 * 1024 };

/* A protocol buffer message being read. */
typedef struct {
    const uint8_t *p, *end;
    bool bad;
} pb;

static uint64_t varint(pb *b)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (b->p >= b->end) {
            b->bad = true;
            return 0;
        }
        uint8_t c = *b->p++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) return v;
    }
    b->bad = true;
    return 0;
}

static int64_t zigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* The next field's number and wire type; false at the end (or when damaged). */
static bool field(pb *b, uint32_t *num, uint32_t *wire)
{
    if (b->bad || b->p >= b->end) return false;
    uint64_t key = varint(b);
    *num = (uint32_t)(key >> 3);
    *wire = (uint32_t)(key & 7);
    return !b->bad;
}

/* A length-delimited field's bytes as a message of their own. */
static pb bytes(pb *b)
{
    uint64_t n = varint(b);
    pb sub = {b->p, b->p, b->bad};
    if (b->bad || n > (uint64_t)(b->end - b->p)) {
        b->bad = sub.bad = true;
        return sub;
    }
    sub.end = b->p + n;
    b->p += n;
    return sub;
}

static void skip(pb *b, uint32_t wire)
{
    size_t n = wire == 1 ? 8 : wire == 5 ? 4 : 0;
    if (wire == 0)
        varint(b);
    else if (wire == 2)
        bytes(b);
    else if ((wire == 1 || wire == 5) && (size_t)(b->end - b->p) >= n)
        b->p += n;
    else
        b->bad = true;
}

/* A repeated number field: packed (its bytes) or one value (wire type 0); *out reads them. */
static pb numbers(pb *b, uint32_t wire)
{
    if (wire == 2) return bytes(b);
    pb one = {b->p, b->p, b->bad};
    if (wire == 0) {
        varint(b);
        one.end = b->p;
    } else {
        b->bad = one.bad = true;
    }
    return one;
}

/* ---- a block ------------------------------------------------------------------------- */

typedef struct {
    ly_osm_reader *r;
    const uint8_t **s; /* the string table */
    uint32_t *sn;
    size_t n_s;
    int64_t granularity, lat_offset, lon_offset;
    long block;
    size_t at; /* the block's byte in the file */
    bool bad;
} block;

static void damaged(block *k, const char *what)
{
    if (!k->bad)
        ly_diag_add(k->r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "block %ld (at byte %zu) is damaged: %s: expected OpenStreetMap's PBF",
                    k->block, k->at, what);
    k->bad = true;
}

static bool string_at(block *k, uint64_t i, const char **s, size_t *n)
{
    if (i >= k->n_s) {
        damaged(k, "a tag names a string past the block's string table");
        return false;
    }
    *s = (const char *)k->s[i];
    *n = k->sn[i];
    return true;
}

static double degrees(const block *k, int64_t offset, int64_t v)
{
    return 1e-9 * (double)(offset + k->granularity * v);
}

/* A node's place, refused when out of range; its element when it has tags. */
static ly_osm_elem *node(block *k, int64_t id, double lon, double lat, bool tagged)
{
    ly_osm_reader *r = k->r;
    bool ok = fabs(lat) <= 90 && fabs(lon) <= 180;
    if (ok && !tagged) return ly_osm_add_place(r, id, lon, lat), NULL;
    ly_osm_elem *e = ly_osm_new_elem(r, 'n', SIZE_MAX);
    if (!e) return NULL;
    e->id = id;
    if (!ok) {
        char at[64];
        snprintf(at, sizeof at, "%.7f, %.7f", lat, lon);
        ly_osm_fault(r, e,
                     "its place (%s)%s is not on the earth: expected a latitude -90 to 90 "
                     "and a longitude -180 to 180",
                     at, "");
    } else if (ly_osm_add_point(r, lon, lat)) {
        e->npts = 1;
    }
    return e;
}

/* Tags from parallel key and value index arrays. */
static void tags(block *k, ly_osm_elem *e, pb keys, pb vals)
{
    while (keys.p < keys.end && !keys.bad && !k->bad) {
        uint64_t ki = varint(&keys), vi = varint(&vals);
        const char *ks, *vs;
        size_t kn, vn;
        if (vals.bad) {
            damaged(k, "an element has more keys than values");
            return;
        }
        if (string_at(k, ki, &ks, &kn) && string_at(k, vi, &vs, &vn))
            ly_osm_add_tag(k->r, e, ks, kn, vs, vn, SIZE_MAX);
    }
}

static void plain_node(block *k, pb m)
{
    uint32_t f, w;
    int64_t id = 0, lat = 0, lon = 0;
    pb keys = {0}, vals = {0};
    while (field(&m, &f, &w)) {
        if (f == 1 && w == 0)
            id = zigzag(varint(&m));
        else if (f == 8 && w == 0)
            lat = zigzag(varint(&m));
        else if (f == 9 && w == 0)
            lon = zigzag(varint(&m));
        else if (f == 2)
            keys = numbers(&m, w);
        else if (f == 3)
            vals = numbers(&m, w);
        else
            skip(&m, w);
    }
    if (m.bad || keys.bad || vals.bad) {
        damaged(k, "a node breaks off");
        return;
    }
    ly_osm_elem *e = node(k, id, degrees(k, k->lon_offset, lon), degrees(k, k->lat_offset, lat),
                          keys.p < keys.end);
    if (e) {
        tags(k, e, keys, vals);
        ly_osm_end_node(k->r, e);
    }
}

/* DenseNodes: ids, lats and lons delta-coded; keys_vals each node's key and value indexes,
 * ended by a 0 (the whole array empty when no node has tags). */
static void dense_nodes(block *k, pb m)
{
    pb ids = {0}, lats = {0}, lons = {0}, kv = {0};
    uint32_t f, w;
    while (field(&m, &f, &w)) {
        if (f == 1)
            ids = numbers(&m, w);
        else if (f == 8)
            lats = numbers(&m, w);
        else if (f == 9)
            lons = numbers(&m, w);
        else if (f == 10)
            kv = numbers(&m, w);
        else
            skip(&m, w);
    }
    int64_t id = 0, lat = 0, lon = 0;
    while (!m.bad && ids.p < ids.end && !ids.bad && !k->bad && !k->r->nomem) {
        id += zigzag(varint(&ids));
        lat += zigzag(varint(&lats));
        lon += zigzag(varint(&lons));
        if (lats.bad || lons.bad) break;
        bool tagged = kv.p < kv.end && *kv.p != 0;
        ly_osm_elem *e =
            node(k, id, degrees(k, k->lon_offset, lon), degrees(k, k->lat_offset, lat), tagged);
        for (uint64_t ki; kv.p < kv.end && !kv.bad && (ki = varint(&kv)) != 0;) {
            uint64_t vi = varint(&kv);
            const char *ks, *vs;
            size_t kn, vn;
            if (!kv.bad && e && string_at(k, ki, &ks, &kn) && string_at(k, vi, &vs, &vn))
                ly_osm_add_tag(k->r, e, ks, kn, vs, vn, SIZE_MAX);
        }
        if (e) ly_osm_end_node(k->r, e);
    }
    if (m.bad || ids.bad || lats.bad || lons.bad || kv.bad) damaged(k, "its dense nodes break off");
}

/* A way or a relation as a new element of type 'w' or 'r', from its fields: its id, keys
 * and values, and its arrays 8, 9 and 10 (a way's node ids and their places, lat and lon; a
 * relation's roles, member ids and types). NULL when it breaks off (said) or out of memory. */
static ly_osm_elem *element(block *k, pb m, char type, pb *keys, pb *vals, pb arr[3])
{
    uint64_t id = 0;
    uint32_t f, w;
    while (field(&m, &f, &w)) {
        if (f == 1 && w == 0)
            id = varint(&m);
        else if (f == 2)
            *keys = numbers(&m, w);
        else if (f == 3)
            *vals = numbers(&m, w);
        else if (f >= 8 && f <= 10)
            arr[f - 8] = numbers(&m, w);
        else
            skip(&m, w);
    }
    if (m.bad) {
        damaged(k, type == 'w' ? "a way breaks off" : "a relation breaks off");
        return NULL;
    }
    ly_osm_elem *e = ly_osm_new_elem(k->r, type, SIZE_MAX);
    if (e) e->id = (int64_t)id;
    return e;
}

static void way(block *k, pb m)
{
    pb keys = {0}, vals = {0}, arr[3] = {{0}};
    ly_osm_elem *e = element(k, m, 'w', &keys, &vals, arr);
    if (!e) return;
    /* (LocationsOnWays: each node's place with the way, in 9 and 10) */
    pb refs = arr[0], lats = arr[1], lons = arr[2];
    ly_osm_reader *r = k->r;
    int64_t ref = 0, lat = 0, lon = 0;
    bool places = lats.p < lats.end;
    while (refs.p < refs.end && !refs.bad && LY_OSM_ROOM(r, refs, n_refs, cap_refs)) {
        ref += zigzag(varint(&refs));
        r->refs[r->n_refs++] = ref;
        e->nrefs++;
        if (places) {
            lat += zigzag(varint(&lats));
            lon += zigzag(varint(&lons));
            double x = degrees(k, k->lon_offset, lon), y = degrees(k, k->lat_offset, lat);
            /* (osmium writes a place it did not know as 214.7483647, out of range) */
            places = !lats.bad && !lons.bad && fabs(x) <= 180 && fabs(y) <= 90 &&
                     ly_osm_add_point(r, x, y);
            e->npts += places;
        }
    }
    if (e->npts != e->nrefs) { /* the nodes' places, then, where the file has them */
        r->n_pts = 2 * (size_t)e->pt0;
        e->npts = 0;
    }
    if (refs.bad) damaged(k, "a way's nodes break off");
    tags(k, e, keys, vals);
}

static void relation(block *k, pb m)
{
    pb keys = {0}, vals = {0}, arr[3] = {{0}};
    ly_osm_elem *e = element(k, m, 'r', &keys, &vals, arr);
    if (!e) return;
    pb roles = arr[0], ids = arr[1], types = arr[2];
    ly_osm_reader *r = k->r;
    int64_t ref = 0;
    static const char TYPES[] = {'n', 'w', 'r'};
    while (ids.p < ids.end && !ids.bad && !k->bad && LY_OSM_ROOM(r, mem, n_mem, cap_mem)) {
        ref += zigzag(varint(&ids));
        uint64_t type = varint(&types), role = varint(&roles);
        const char *rs;
        size_t rn;
        if (types.bad || roles.bad || type > 2) {
            damaged(k, "a relation's members break off");
            return;
        }
        if (!string_at(k, role, &rs, &rn)) return;
        r->mem[r->n_mem++] = (ly_osm_member){.type = TYPES[type],
                                             .ref = ref,
                                             .role = ly_osm_keep(r, rs, rn),
                                             .pt0 = (uint32_t)(r->n_pts / 2)};
        e->nrefs++;
    }
    tags(k, e, keys, vals);
}

static void group(block *k, pb m)
{
    uint32_t f, w;
    while (field(&m, &f, &w) && !k->bad && !k->r->nomem) {
        if (w != 2) {
            skip(&m, w);
            continue;
        }
        pb sub = bytes(&m);
        if (f == 1)
            plain_node(k, sub);
        else if (f == 2)
            dense_nodes(k, sub);
        else if (f == 3)
            way(k, sub);
        else if (f == 4)
            relation(k, sub);
    }
    if (m.bad) damaged(k, "a group of elements breaks off");
}

/* The string table's entries (room for as many as its bytes could hold). */
static bool strings(block *k, pb t)
{
    size_t cap = (size_t)(t.end - t.p) / 2 + 1;
    k->s = malloc(cap * sizeof *k->s);
    k->sn = malloc(cap * sizeof *k->sn);
    if (!k->s || !k->sn) {
        k->r->nomem = true;
        return false;
    }
    uint32_t f, w;
    while (field(&t, &f, &w)) {
        if (f != 1 || w != 2) {
            skip(&t, w);
            continue;
        }
        pb s = bytes(&t);
        if (k->n_s < cap && !s.bad) {
            k->s[k->n_s] = s.p;
            k->sn[k->n_s++] = (uint32_t)(s.end - s.p);
        }
    }
    if (t.bad) damaged(k, "its string table breaks off");
    return !t.bad;
}

/* A PrimitiveBlock: its string table and scale first (they may come after the groups),
 * then its groups. */
static void primitive_block(block *k, pb m)
{
    pb table = {0}, scan = m;
    uint32_t f, w;
    k->granularity = 100;
    while (field(&scan, &f, &w)) {
        if (f == 1 && w == 2)
            table = bytes(&scan);
        else if (f == 17 && w == 0)
            k->granularity = (int64_t)varint(&scan);
        else if (f == 19 && w == 0)
            k->lat_offset = (int64_t)varint(&scan);
        else if (f == 20 && w == 0)
            k->lon_offset = (int64_t)varint(&scan);
        else
            skip(&scan, w);
    }
    if (scan.bad) {
        damaged(k, "its fields break off");
        return;
    }
    if (k->granularity <= 0 || k->granularity > 1000000000) {
        damaged(k, "its granularity is out of range");
        return;
    }
    if (!strings(k, table)) return;
    while (field(&m, &f, &w) && !k->bad && !k->r->nomem) {
        if (f == 2 && w == 2)
            group(k, bytes(&m));
        else
            skip(&m, w);
    }
}

/* ---- the file ------------------------------------------------------------------------ */

bool ly_osm_is_pbf(const char *data, size_t len)
{
    const uint8_t *d = (const uint8_t *)data;
    return len >= 15 && d[0] == 0 && d[1] == 0 && d[4] == 0x0a && d[5] == 9 &&
           !memcmp(d + 6, "OSMHeader", 9);
}

/* A Blob's data, raw or inflated (malloc'd into *out, n bytes); false when it cannot be. */
static bool blob_data(block *k, pb m, uint8_t **out, size_t *n)
{
    uint32_t f, w;
    pb raw = {0}, zdata = {0};
    uint64_t raw_size = 0;
    const char *other = NULL;
    while (field(&m, &f, &w)) {
        if (f == 1 && w == 2)
            raw = bytes(&m);
        else if (f == 2 && w == 0)
            raw_size = varint(&m);
        else if (f == 3 && w == 2)
            zdata = bytes(&m);
        else if (f >= 4 && f <= 7 && w == 2) {
            bytes(&m);
            other = f == 4 ? "LZMA" : f == 5 ? "bzip2" : f == 6 ? "LZ4" : "Zstandard";
        } else
            skip(&m, w);
    }
    if (m.bad) {
        damaged(k, "its blob breaks off");
        return false;
    }
    if (raw.p && raw.p < raw.end) {
        *n = (size_t)(raw.end - raw.p);
        *out = malloc(*n);
        if (*out) memcpy(*out, raw.p, *n);
        return *out || (k->r->nomem = true, false);
    }
    if (!zdata.p) {
        char why[160];
        snprintf(why, sizeof why,
                 "it is compressed with %s, which louyu does not read (`osmium "
                 "cat -f pbf,pbf_compression=zlib` rewrites it with zlib)",
                 other ? other : "nothing known");
        damaged(k, why);
        return false;
    }
    if (raw_size == 0 || raw_size > MAX_BLOB) {
        damaged(k, "its size once inflated is 0 or over 32 MiB");
        return false;
    }
    *out = malloc((size_t)raw_size);
    uLongf got = (uLongf)raw_size;
    if (!*out) {
        k->r->nomem = true;
        return false;
    }
    if (uncompress(*out, &got, zdata.p, (uLong)(zdata.end - zdata.p)) != Z_OK || got != raw_size) {
        free(*out);
        *out = NULL;
        damaged(k, "its zlib data does not inflate to the size it gives");
        return false;
    }
    *n = (size_t)got;
    return true;
}

/* The OSMHeader: every feature it requires must be one louyu reads. */
static bool header_block(block *k, pb m)
{
    uint32_t f, w;
    while (field(&m, &f, &w)) {
        if (f != 4 || w != 2) {
            skip(&m, w);
            continue;
        }
        pb s = bytes(&m);
        size_t n = (size_t)(s.end - s.p);
        const char *t = (const char *)s.p;
        if ((n == 14 && !memcmp(t, "OsmSchema-V0.6", 14)) ||
            (n == 10 && !memcmp(t, "DenseNodes", 10)))
            continue;
        if (n == 21 && !memcmp(t, "HistoricalInformation", 21))
            ly_diag_add(k->r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "the file holds the map's history (.osh.pbf): expected the map as it "
                        "is (a planet file or an extract; `osmium time-filter FILE -o "
                        "now.osm.pbf` gives it)");
        else
            ly_diag_add(k->r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "the file requires \"%.*s\", which louyu does not read: expected "
                        "OpenStreetMap's PBF with OsmSchema-V0.6 and DenseNodes",
                        (int)(n < 60 ? n : 60), t);
        return false;
    }
    if (m.bad) damaged(k, "its header breaks off");
    return !m.bad;
}

/* One block at byte `at` of the file: its type and blob read; *next is the byte after it. */
static bool read_block(ly_osm_reader *r, block *k, size_t *next)
{
    const uint8_t *d = (const uint8_t *)r->text;
    size_t at = k->at, left = r->len - at;
    uint32_t hn = left >= 4 ? (uint32_t)d[at] << 24 | (uint32_t)d[at + 1] << 16 |
                                  (uint32_t)d[at + 2] << 8 | d[at + 3]
                            : 0;
    if (left < 4 || hn == 0 || hn > MAX_HEADER || hn > left - 4) {
        damaged(k, "its header's length runs past the file (the file is cut short?)");
        return false;
    }
    pb h = {d + at + 4, d + at + 4 + hn, false}, type = {0};
    uint64_t size = 0;
    uint32_t f, w;
    while (field(&h, &f, &w)) {
        if (f == 1 && w == 2)
            type = bytes(&h);
        else if (f == 3 && w == 0)
            size = varint(&h);
        else
            skip(&h, w);
    }
    if (h.bad || !type.p || size > MAX_BLOB || size > left - 4 - hn) {
        damaged(k, h.bad || !type.p ? "its header breaks off"
                                    : "its data runs past the file (the file is cut short?)");
        return false;
    }
    *next = at + 4 + hn + (size_t)size;
    size_t tn = (size_t)(type.end - type.p);
    bool header = tn == 9 && !memcmp(type.p, "OSMHeader", 9);
    if (!header && !(tn == 7 && !memcmp(type.p, "OSMData", 7)))
        return true; /* a block of another kind: passed over, as the format says */
    uint8_t *data = NULL;
    size_t n = 0;
    if (!blob_data(k, (pb){d + at + 4 + hn, d + *next, false}, &data, &n)) return false;
    pb m = {data, data + n, false};
    bool ok = true;
    if (header)
        ok = header_block(k, m);
    else
        primitive_block(k, m);
    free(data);
    free(k->s);
    free(k->sn);
    k->s = NULL;
    k->sn = NULL;
    k->n_s = 0;
    return ok && !k->bad;
}

bool ly_osm_read_pbf(ly_osm_reader *r)
{
    size_t at = 0;
    for (long n = 1; at < r->len && !r->nomem; n++) {
        block k = {.r = r, .block = n, .at = at};
        if (!read_block(r, &k, &at)) return false;
    }
    return !r->nomem;
}
