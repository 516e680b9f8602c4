/* louyu cache: a built scene kept on disk, mapped instead of parsed.
 *
 * The first open of a GeoJSON file parses and builds it as always; what was
 * built is then written to one file in $XDG_CACHE_HOME/louyu/scenes/: the
 * district (every array, its strings in one table), the projected points, the
 * mesh chunk by chunk (both levels of detail), the per-building index ranges,
 * the BVH, the ground and the load's warnings. The file's name is a BLAKE2b hash
 * of the source's bytes, the format version and what shapes the build (the
 * chunk size). Later opens of the same bytes map the file (MAP_PRIVATE) and
 * point the arrays straight into the mapping; only the string pointers are
 * written in, so only the pages of records with strings become private copies.
 *
 * Never trusted: a cache is used only when its magic, byte order, format,
 * louyu version and build, record sizes, total size, source hash and size and
 * chunk size all match, every section lies inside the file in order, every
 * section's checksum matches and every index that later code follows is in
 * range. Anything else is logged once (tag CACHE) and the scene is built again.
 * Writing goes to a temporary file beside the cache, renamed over it when whole:
 * readers never see half a file, two writers never mix. A failed write is logged
 * and changes nothing else. docs/data-format.md describes the file.
 *
 * Ownership: ly_cache_open fills the caller's parts with arrays that live in the
 * mapping; ly_cache_close clears exactly those pointers (so ly_district_unload,
 * ly_geo_deinit, ly_mesh_deinit, ly_bvh_deinit and ly_ground_deinit free only
 * what was allocated) and unmaps. Call it before those. No GL, no SDL. */
#ifndef LOUYU_CACHE_H
#define LOUYU_CACHE_H

#include "louyu/bvh.h"
#include "louyu/diag.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/ground.h"
#include "louyu/mesh.h"

#include <stdint.h>

/* What a scene's cache holds: every part must be given, built from one district. */
typedef struct {
    ly_district *district;
    ly_geo *geo;
    ly_mesh *mesh;
    ly_bvh *bvh;
    ly_ground *ground;
} ly_cache_parts;

/* Which cache a source's bytes have, and the source as it was hashed. */
typedef struct {
    char path[1024];   /* the cache file */
    char source[1024]; /* the source file */
    uint8_t source_hash[32];
    uint64_t source_size;
    float chunk_size_m;
    /* the source's identity when hashed: a build that finds it changed is not cached */
    uint64_t dev, ino;
    int64_t mtime_ns, ctime_ns;
    double hash_ms;
} ly_cache_key;

/* Hashes the regular file `source` and names its cache in `dir` (NULL: the XDG cache
 * folder's louyu/scenes). chunk_size_m as in ly_mesh_desc (0: the default). variant:
 * how the file is read when that changes the scene ("skip-bad"), NULL for the usual way;
 * each has its own cache. Returns 0, or -1 when there can be no cache (not a readable
 * regular file, no cache folder): then load without one. */
int ly_cache_key_init(ly_cache_key *key, const char *source, const char *dir, float chunk_size_m,
                      const char *variant);

typedef struct ly_cache ly_cache; /* an open cache: the mapping */

typedef enum {
    LY_CACHE_HIT,      /* the parts point into the mapping; diags has the warnings */
    LY_CACHE_MISSING,  /* no cache for these bytes yet */
    LY_CACHE_REJECTED, /* a cache that must not be used (logged with the reason) */
} ly_cache_status;

/* Opens the cache of `key`. On LY_CACHE_HIT *out is the mapping, the parts are
 * filled (the district's source is `key->source`) and the warnings of the load that
 * built it are added to diags; otherwise *out is NULL and the parts are zeroed. */
ly_cache_status ly_cache_open(ly_cache **out, const ly_cache_key *key, const ly_cache_parts *parts,
                              ly_diag_list *diags);
/* Clears every pointer of the parts that points into the mapping, then unmaps.
 * Accepts NULL. */
void ly_cache_close(ly_cache *c, const ly_cache_parts *parts);

/* Writes the parts and the warnings in diags (which must hold no error) as the
 * cache of `key`, then keeps only the most recently used caches in its folder.
 * Returns 0, or -1 after logging why (a read-only or full disk): nothing else
 * changes. Not when the source changed since it was hashed (returns -1). */
int ly_cache_write(const ly_cache_key *key, const ly_cache_parts *parts, const ly_diag_list *diags);

/* ---- the file (docs/data-format.md, "The scene cache") ------------------------------- */

enum {
    LY_CACHE_FORMAT = 12, /* bump on any change to what is written (2: tiles; 3: 4 far levels;
                            4: faces; 5: cameras' height and stream; 6: features left out;
                            7: the source's system and encoding in the meta; 8: a district
                            across 180° projected about its own centre; 9: a store's history
                            in doubles, with each floor's rent; 10: roads' layer and walk;
                            11: a floor's rent to be agreed, -1; a file's store week;
                            12: a store's report rows left out, its GIS tables' edits) */
    LY_CACHE_ENDIAN = 0x01020304, /* as the writer stores a uint32 */
    LY_CACHE_ALIGN = 64,          /* every section starts at a multiple */
    LY_CACHE_KEEP = 4,            /* caches kept in the folder, most recently used */
};

/* The sections, in file order. */
typedef enum {
    LY_CS_DISTRICT, /* ly_district: pointers 0, the metadata's strings as offsets */
    LY_CS_BUILDINGS,
    LY_CS_FEATURES,
    LY_CS_POINTS,
    LY_CS_RINGS,
    LY_CS_POLYGONS,
    LY_CS_LINES,
    LY_CS_POINT_Z,
    LY_CS_FACES,
    LY_CS_FLOOR_HEIGHTS,
    LY_CS_RECORDS,
    LY_CS_ENTERPRISES,
    LY_CS_ENTERPRISE_FLOORS,
    LY_CS_NAMES,
    LY_CS_ILLUSTRATIVE, /* string offsets */
    LY_CS_WEEKS,
    LY_CS_WEEK_VACANT,
    LY_CS_WEEK_RENT,
    LY_CS_WEEK_RECORD_RENT,
    LY_CS_WEEK_REPORTED,
    LY_CS_GEO, /* ly_geo, xy 0 */
    LY_CS_GEO_XY,
    LY_CS_MESH,   /* ly_mesh, pointers 0 */
    LY_CS_CHUNKS, /* ly_mesh_chunk: its four arrays as element offsets into the next four */
    LY_CS_VERTICES,
    LY_CS_INDICES,
    LY_CS_LOD_VERTICES,
    LY_CS_LOD_INDICES,
    LY_CS_MESH_BUILDINGS,
    LY_CS_BVH, /* ly_bvh, pointers 0 */
    LY_CS_BVH_NODES,
    LY_CS_BVH_ITEMS,
    LY_CS_GROUND, /* ly_ground, pointers 0 */
    LY_CS_GROUND_VERTICES,
    LY_CS_GROUND_INDICES,
    LY_CS_DIAGS,   /* ly_cache_diag */
    LY_CS_STRINGS, /* NUL-terminated strings; offset 0 is NULL; the last byte is NUL */
    LY_CS_COUNT
} ly_cache_section_id;

/* The record sizes the header states, in this order. */
typedef enum {
    LY_CZ_POINTER,
    LY_CZ_DISTRICT,
    LY_CZ_BUILDING,
    LY_CZ_FEATURE,
    LY_CZ_RING,
    LY_CZ_POLYGON,
    LY_CZ_LINE,
    LY_CZ_RECORD,
    LY_CZ_ENTERPRISE,
    LY_CZ_NAME_PAIR,
    LY_CZ_GEO,
    LY_CZ_MESH,
    LY_CZ_CHUNK,
    LY_CZ_VERTEX,
    LY_CZ_MESH_BUILDING,
    LY_CZ_BVH,
    LY_CZ_BVH_NODE,
    LY_CZ_GROUND,
    LY_CZ_GROUND_VERTEX,
    LY_CZ_DIAG,
    LY_CZ_FACE,
    LY_CZ_COUNT,
    LY_CZ_MAX = 24
} ly_cache_size_id;

typedef struct {
    char magic[8];       /* "LOUYUSC\n" */
    uint32_t endian;     /* LY_CACHE_ENDIAN */
    uint32_t format;     /* LY_CACHE_FORMAT */
    uint64_t check;      /* checksum of the header (with this field 0) and the section table */
    uint64_t total_size; /* of the file */
    uint64_t source_size;
    uint8_t source_hash[32]; /* BLAKE2b-256 of the source's bytes */
    char version[16];        /* louyu's version */
    uint64_t build;          /* the louyu build that wrote it (its executable's identity) */
    uint32_t n_sections;     /* LY_CS_COUNT */
    float chunk_size_m;
    uint64_t warnings;         /* the load's warnings, counted (LY_CS_DIAGS stores up to 1,000) */
    uint32_t sizes[LY_CZ_MAX]; /* sizeof each record, ly_cache_size_id; the rest 0 */
    uint8_t reserved[48];
} ly_cache_header; /* 256 bytes, then the section table */

typedef struct {
    uint64_t offset, size; /* bytes from the start of the file */
    uint64_t check;        /* checksum of the section's bytes */
    uint32_t id;           /* ly_cache_section_id: the table is in this order */
    uint32_t reserved;
} ly_cache_section;

typedef struct {
    uint32_t severity; /* LY_DIAG_WARNING */
    int32_t line, col;
    uint32_t reserved;
    uint64_t offset;
    int64_t feature;
    uint64_t message; /* into LY_CS_STRINGS */
} ly_cache_diag;

/* The checksum of the header and the sections: XXH64 with seed 0. */
uint64_t ly_cache_checksum(const void *p, size_t n);
/* The whole pages of [p, p + n) out of resident memory: only for the arrays of a scene
 * mapped from its cache that nothing writes into (meshes, points, the BVH), once they
 * have been read (checked, copied to the GPU); the next read brings the file's bytes. */
void ly_cache_give_back(const void *p, size_t n);
/* p[0, n) of the scene: read from the cache's file into buf (n bytes) when it lies in the
 * mapping (its pages are then not mapped at all), else p itself, its pages read in with
 * one call. */
const void *ly_cache_read(const ly_cache *c, const void *p, size_t n, void *buf);
/* ly_cache_give_back for p[0, n) if it lies in the cache's mapping (else nothing). */
void ly_cache_done(const ly_cache *c, const void *p, size_t n);
/* The section's name as log lines say it ("buildings"). */
const char *ly_cache_section_name(int id);
/* The string fields of a section's records, as byte offsets into each record (for
 * LY_CS_DISTRICT, into ly_district): the pointers the cache stores as offsets into its
 * string table. NULL with *n = 0 for a section whose records hold no strings. */
const uint16_t *ly_cache_string_fields(int id, size_t *n);

#endif
