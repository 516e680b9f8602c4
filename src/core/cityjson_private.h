/* The CityJSON reader's state, shared by cityjson.c (documents, city objects,
 * attributes, the reference system) and cityjson_geom.c (geometry into faces and
 * footprints). Private to those two files. */
#ifndef LOUYU_CITYJSON_PRIVATE_H
#define LOUYU_CITYJSON_PRIVATE_H

#include "load_private.h"
#include "louyu/json.h"

#include <proj.h>
#include <stdbool.h>
#include <stdint.h>

/* ids to nodes (a document's city objects) or to nothing (ids already taken) */
typedef struct {
    const char **keys;
    const void **vals;
    size_t cap, count;
} cj_map;

typedef struct {
    ly_district *d;
    ly_diag_list *diags;
    ly_pending_list *pend;
    bool nomem, bad; /* bad: the current city object had an error */
    bool skip_bad;   /* a city object with errors is left out (ly_load_desc.skip_bad) */
    size_t bad_objects, object_errors; /* (without skip_bad) objects with errors, theirs */
    bool too_many;   /* the points' limit was reached (said once) */
    const char *want_lod;
    long object;     /* the city object's index in the file, for diagnostics */
    char where[200]; /* 'city object "id": ' */

    size_t cap_buildings, cap_features, cap_points, cap_z, cap_rings, cap_polygons, cap_faces,
        cap_floor_heights;

    /* the transform and the reference system */
    double scale[3], translate[3];
    PJ_CONTEXT *ctx;
    PJ *pj;          /* to WGS 84 (lon, lat), or to lon, lat, h for a geocentric system */
    bool geocentric; /* the heights come from PROJ */
    char crs[64];    /* as messages name it: "EPSG:7415", or "" for local metres */
    double local_origin[2];

    /* the current document's or feature's vertices: in the file's system (x, y, z
     * after the transform), and as lon, lat, z */
    double *xyz, *ll;
    size_t n_ll, cap_xyz, cap_ll;
    /* geometry templates: their vertices in the file's units (not transformed) */
    const cJSON *templates;
    ly_arena header; /* a CityJSONSeq's first line, kept while its features are read: its
                      * templates are theirs */
    double *tv;
    size_t n_tv;
    double *inst; /* one instance's vertices as lon, lat, z (those its template uses) */
    size_t cap_inst;
    uint32_t *used; /* the template vertices an instance uses, with repeats */
    size_t n_used, cap_used;
    size_t instanced; /* points placed by instances so far (MAX_INSTANCED_POINTS) */

    cj_map objects; /* the current document's city objects by id */
    cj_map ids;     /* every id taken so far */
    cj_map seen;    /* the building being read and its parts so far (a part is read once) */
    cj_map listed;  /* parts by id, to the building or part whose "children" list them */
    /* parts whose "parents" name a building or part that does not list them among its
     * "children": read as its parts all the same (sorted by parent) */
    struct cj_adopted {
        const cJSON *parent, *child;
    } *adopted;
    size_t n_adopted, cap_adopted, n_adopted_all;
    bool part_faces; /* a BuildingPart of the building being read had surfaces */
    /* per part number of the building being read, CJ_PART_* flags: a BuildingInstallation
     * (an antenna, a chimney: drawn, but not what the building's height and storeys are
     * of); a part raised off the ground that its file says so of (louyu's export's
     * "min_height_m" on a BuildingPart: a skybridge) */
    unsigned char *part_kind;
    size_t n_part_kind, cap_part_kind;

    struct {
        const char *type;
        size_t n;
    } skipped[12];
    size_t n_skipped_types, n_skipped, n_degenerate, n_lod_missing;
    float best_lod; /* the best LoD a chosen geometry had */
    /* a GeometryInstance of the building being read whose "transformationMatrix" flattens
     * its template (singular): the first, said instead of "no surfaces"; NULL for none */
    const cJSON *singular;
} cj_reader;

/* What a value is, for messages ("a string", ...; "missing" for none). */
static inline const char *cj_kind(const cJSON *v)
{
    return v ? ly_json_kind(v) : "missing";
}

void cj_err(cj_reader *r, const cJSON *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cj_warn(cj_reader *r, const cJSON *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* An appended slot of the district's array (NULL when out of memory, r->nomem set). */
void *cj_grow(cj_reader *r, void **arr, size_t *n, size_t *cap, size_t item);

/* CRS coordinates (x, y, z; n of them) into lon, lat, z in out. Returns 0, or -1 after
 * reporting at `at` what could not be transformed. */
int cj_transform(cj_reader *r, const double *xyz, size_t n, double *out, const cJSON *at);

/* The geometry of a city object to draw: the one at the LoD asked for, else the best
 * one louyu can draw; NULL when it has none. *lod gets its LoD. */
const cJSON *cj_pick_geometry(cj_reader *r, const cJSON *obj, float *lod);

/* A geometry's surfaces appended as faces of part `part` (as_areas: as flat polygons of
 * a ground layer instead, upright surfaces left out; *first_polygon and *n_polygons get
 * them). Heights in point_z are still absolute. Returns false on an error (reported). */
enum { CJ_PART_INSTALLATION = 1, CJ_PART_RAISED = 2 };

bool cj_geometry(cj_reader *r, const cJSON *geom, uint16_t part, bool as_areas,
                 uint32_t *first_polygon, uint32_t *n_polygons);

/* A ground layer object's polygons (polygons[p0, p0 + *np)) merged where they share
 * edges, so that a triangulated surface becomes the areas it covers; *np updated.
 * Returns false only when out of memory. */
bool cj_merge_areas(cj_reader *r, uint32_t p0, uint32_t *np);

/* A building whose faces are faces[first_face, n_faces) on points[first_point,
 * n_points): heights from its base, faces turned to face out, the footprint, the box.
 * Returns false when it has nothing to draw. default_height_m is for a model that is
 * flat (LoD0): its faces become a footprint of that height. */
bool cj_finish_building(cj_reader *r, ly_building *b, uint32_t first_point,
                        double default_height_m);

#endif
