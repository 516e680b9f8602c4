/* OpenStreetMap's files as one model of elements (private to the core): osm.c reads its XML
 * and Overpass's JSON into it and writes the features; osm_pbf.c reads its PBF (.osm.pbf)
 * into it. Every element with tags becomes a feature; every node's place is kept for the
 * ways, in the places array. Positions are byte offsets in the file (SIZE_MAX: none, as in a
 * binary file). All arrays are the reader's, freed with it. */
#ifndef LOUYU_CORE_OSM_PRIVATE_H
#define LOUYU_CORE_OSM_PRIVATE_H

#include "louyu/diag.h"
#include "louyu/html.h"

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t k, v; /* offsets in the string pool */
    size_t at;     /* the tag's byte in the file */
} ly_osm_tag;

typedef struct {
    char type;    /* 'n', 'w' or 'r' */
    bool skip;    /* deleted (JOSM's action="delete", visible="false") or refused */
    bool refused; /* for a fault of its own */
    uint32_t clipped; /* points `out geom(bbox)` gave as null: outside its box */
    int64_t id;
    size_t at; /* the element's first byte in the file */
    uint32_t tag0, ntags;
    uint32_t ref0, nrefs; /* a way's node ids; a relation's members */
    uint32_t pt0, npts;   /* coordinates given with it: a node's own, `out geom`'s */
} ly_osm_elem;

typedef struct {
    char type;
    int64_t ref;
    uint32_t role;      /* in the string pool */
    uint32_t pt0, npts; /* `out geom`'s coordinates of a member way */
} ly_osm_member;

typedef struct {
    int64_t id;
    uint32_t e;
} ly_osm_index;

/* A node's place (every node's, tagged or not: ways need them; a node is an element only
 * when it has tags). */
typedef struct {
    int64_t id;
    double lon, lat; /* NaN: the node was refused */
} ly_osm_place;

typedef struct {
    const char *text, *name;
    size_t len;
    ly_diag_list *diags;
    bool skip_bad, nomem;
    bool utf8; /* XML decoded to UTF-8 from another encoding: its declaration not obeyed */
    size_t bad; /* elements refused for their own faults */
    /* a history file's (osmium's .osh): the last element read with a version, and how
     * many elements a later version of them left out */
    long last;
    int64_t last_version;
    size_t older;
    ly_osm_elem *e;
    size_t n_e, cap_e;
    ly_osm_tag *tags;
    size_t n_tags, cap_tags;
    char *str;
    size_t n_str, cap_str;
    int64_t *refs;
    size_t n_refs, cap_refs;
    ly_osm_member *mem;
    size_t n_mem, cap_mem;
    double *pts; /* lon, lat pairs */
    size_t n_pts, cap_pts;
    ly_osm_place *places; /* sorted by id before the features are written */
    size_t n_places, cap_places;
    ly_osm_index *ways; /* sorted by id */
    size_t n_ways;
    /* the GeoJSON written, and each feature's start in it and element */
    ly_buf out;
    size_t *starts;
    uint32_t *of;
    size_t n_feat, cap_feat, cap_of;
    /* XML reading */
    XML_Parser xp;
    long cur;        /* the element being read, or -1 */
    long cur_member; /* the member being read (its nd are its coordinates), or -1 */
    int depth;
    bool in_remark;
    ly_buf remark;
} ly_osm_reader;

/* Room for one more in array `arr` of reader r (n used, cap allocated). */
#define LY_OSM_ROOM(r, arr, n, cap)                                                                \
    ly_osm_grow(r, (void **)&(r)->arr, &(r)->cap, (r)->n + 1, sizeof *(r)->arr)

/* Grows *p (cap elements of size bytes) to hold need; false (r->nomem) when it cannot. */
bool ly_osm_grow(ly_osm_reader *r, void **p, size_t *cap, size_t need, size_t size);
/* n bytes of s kept in the string pool (NUL-terminated); their offset in it. */
uint32_t ly_osm_keep(ly_osm_reader *r, const char *s, size_t n);
/* "node", "way" or "relation". */
const char *ly_osm_type_name(char t);
/* An element's own fault (fmt with two %s, a and b), refused at its place in the file, or
 * with --skip-bad left out with a warning. */
void ly_osm_fault(ly_osm_reader *r, ly_osm_elem *e, const char *fmt, const char *a, const char *b);
bool ly_osm_add_point(ly_osm_reader *r, double lon, double lat);
/* A new element of type 'n', 'w' or 'r' at byte `at`; NULL when out of memory. */
void ly_osm_version(ly_osm_reader *r, ly_osm_elem *e, const char *version);
ly_osm_elem *ly_osm_new_elem(ly_osm_reader *r, char type, size_t at);
/* A tag of element e (a second of the same key left out), at byte `at`. */
void ly_osm_add_tag(ly_osm_reader *r, ly_osm_elem *e, const char *k, size_t kn, const char *v,
                    size_t vn, size_t at);
/* A node's place kept (lon NaN: refused). */
bool ly_osm_add_place(ly_osm_reader *r, int64_t id, double lon, double lat);
/* Node e read whole: its place kept, and e itself only when it has tags (the last element,
 * it is taken back otherwise). */
void ly_osm_end_node(ly_osm_reader *r, ly_osm_elem *e);

/* Whether the bytes are OpenStreetMap's PBF (a file's first block is its OSMHeader). */
bool ly_osm_is_pbf(const char *data, size_t len);
/* Reads the PBF's blocks into r; false when it cannot (said in r->diags). */
bool ly_osm_read_pbf(ly_osm_reader *r);

#endif
