/* What the district loaders share (geojson.c reads GeoJSON and dispatches; cityjson.c
 * reads CityJSON): the diagnostics that wait for their positions, the arena cJSON
 * allocates from while a load parses, and the CityJSON entry points. */
#ifndef LOUYU_LOAD_PRIVATE_H
#define LOUYU_LOAD_PRIVATE_H

#include "louyu/district.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#ifndef LY_WEB
#include <proj.h>
#endif

/* A diagnostic (its index in the list) about a node whose position is found later. */
typedef struct {
    const cJSON *node;
    size_t diag;
} ly_pending;

typedef struct {
    ly_pending *items;
    size_t n, cap;
} ly_pending_list;

/* A text from the data made safe to show, in place: control characters (C0 but a line
 * break and a tab, DEL, C1) become spaces, and the bidirectional overrides, embeddings
 * and isolates (U+202A-202E, U+2066-2069) are removed. On a terminal a control character
 * moves the cursor or redraws a line, and an override turns the text after it around on
 * a card, a page or a CSV row ("Trojan Source"). Right-to-left names need none of them. */
void ly_text_tame(char *s);

/* FNV-1a of a string, for the loaders' id tables. */
uint64_t ly_hash_str(const char *s);

/* Returns 0, or -1 when out of memory. */
int ly_pending_add(ly_pending_list *p, const cJSON *node, size_t diag);
/* Gives each pending diagnostic the byte offset of its node's value in text, plus
 * base (where text starts in the whole file), then empties the list. root must have
 * been parsed from exactly this text. */
void ly_pending_locate(ly_pending_list *p, const char *text, size_t len, size_t base,
                       const cJSON *root, ly_diag_list *diags);

/* From begin to end, this thread's cJSON allocations come from the arena, and cJSON's
 * frees do nothing: the tree is dropped with the arena. */
void ly_json_arena_begin(ly_arena *a);
void ly_json_arena_end(void);

/* The end of a load: out unloaded after running out of memory (said in diags) or after
 * errors beyond errors_before; else its source named. */
ly_load_result ly_load_conclude(ly_district *out, bool nomem, size_t errors_before,
                                const char *name, ly_diag_list *diags);

/* What a district holds, counted, before a feature (or city object) is read: with
 * ly_load_desc.skip_bad one with errors is taken back out (its rows dropped, its errors
 * demoted by ly_diag_demote) and counted in n_left_out. */
typedef struct {
    size_t buildings, features, points, point_z, rings, polygons, lines, faces, floor_heights,
        records, enterprises, enterprise_floors, names, diags, errors;
} ly_load_mark;

ly_load_mark ly_load_mark_now(const ly_district *d, const ly_diag_list *diags);
void ly_load_leave_out(ly_district *d, ly_diag_list *diags, const ly_load_mark *m,
                       const char *what);

/* A building that is an OpenStreetMap building part (building:part, no building tag):
 * its row and its feature's index (a row taken back by skip_bad is then another's). */
typedef struct {
    uint32_t building, feature;
} ly_part_ref;

/* Joins each part to the building outline that contains it (osm_parts.c): the outline is
 * drawn as its parts' polygons with their heights, and the parts are no longer buildings.
 * Returns how many joined, or -1 when out of memory (the district as it was). */
long ly_osm_join_parts(ly_district *d, const ly_part_ref *parts, size_t n);

/* A GeoJSON document that is one Feature or one geometry, or a GeoJSON text sequence
 * (RFC 8142, or newline-delimited), as the FeatureCollection it stands for (geojson_wrap.c):
 * text (malloc'd, len bytes) holds the file's bytes at the same places, shift bytes on. */
typedef struct {
    char *text;
    size_t len, shift;
} ly_geojson_wrapped;

/* 1 with *out filled, 0 for any other text (*out empty), -1 when out of memory. */
int ly_geojson_wrap(const char *text, size_t len, ly_geojson_wrapped *out);

/* Whether the GeoJSON loader reads a building's or another feature's property of this name
 * itself (geojson.c's own lists), rather than keeping it among the others. */
bool ly_geojson_reads_key(const char *key);

/* Whether a geometry whose longitudes run from lo to hi lies across 180° written as GIS
 * tools write one (GDAL's copy of a store's buildings layer too): unwrapped past one edge
 * (179.9999 to 180.0001, its edges the short way), less than 10° wide. Its longitudes are
 * read as the meridians they are, within ±180; one past 180 elsewhere stays an error. */
bool ly_lon_unwrapped(double lo, double hi);

/* The EPSG code a reference system's name holds ("EPSG:4547", "urn:ogc:def:crs:EPSG::4547",
 * "https://www.opengis.net/def/crs/EPSG/0/4547"), or 0. */
int ly_crs_epsg(const char *name);
#ifndef LY_WEB
/* PROJ's transformation from a reference system (its name as PROJ reads it) to WGS 84,
 * x east (longitude) and y north (latitude) whatever order the system's axes have; for a
 * compound system its horizontal part; a geocentric one goes to WGS 84 with ellipsoidal
 * heights and sets *geocentric. NULL when PROJ cannot (its reason from
 * proj_context_errno). */
PJ *ly_crs_to_wgs84(PJ_CONTEXT *ctx, const char *def, bool *geocentric);
#endif

#ifndef LY_WEB
/* Whether the bytes are OpenStreetMap's own: its XML (an <osm> document), its JSON (an
 * object with "elements", as Overpass and the API write it) or its PBF. */
typedef enum { LY_OSM_NONE, LY_OSM_XML, LY_OSM_JSON, LY_OSM_PBF } ly_osm_form;
ly_osm_form ly_osm_is(const char *text, size_t len);
/* Reads OpenStreetMap's XML, JSON or PBF as the features its tagged elements map, through the
 * GeoJSON loader, each message at its element (and tag) in the file (osm.c). */
ly_load_result ly_osm_load(ly_district *out, const char *text, size_t len, const char *name,
                           const ly_load_desc *desc, ly_diag_list *diags);
/* Archives inside archives (a gzip or ZIP holding another) are read this deep at most:
 * ly_unpack_enter counts one more level (false, and said, past the limit), ly_unpack_leave
 * one less. Per thread. */
enum { LY_UNPACK_DEPTH = 4 };
bool ly_unpack_enter(ly_diag_list *diags);
void ly_unpack_leave(void);

/* A district file's bytes (raw: malloc'd, taken and freed) loaded as ly_district_load_text
 * loads a file: gunzipped, OpenStreetMap's and an archive's read as GeoJSON. */
ly_load_result ly_district_load_bytes_text(ly_district *out, char *raw, size_t n,
                                           const char *path, const ly_load_desc *desc,
                                           ly_diag_list *diags, char **text, size_t *len);
/* The same, and on LY_LOAD_OK the GeoJSON it was read as into *geojson (malloc'd). */
ly_load_result ly_osm_load_text(ly_district *out, const char *text, size_t len,
                                const char *name, const ly_load_desc *desc, ly_diag_list *diags,
                                char **geojson, size_t *geojson_len);
#endif

/* Whether a parsed document is CityJSON ("type": "CityJSON" or "CityJSONFeature"). */
bool ly_cityjson_is(const cJSON *root);
/* Whether the text is a CityJSONSeq: a CityJSON value followed by more values. */
bool ly_cityjson_is_seq(const char *text, size_t len);
/* Reads a CityJSON document into out (which is zeroed); problems go to diags, with
 * their nodes in pend. Returns false only when out of memory. */
bool ly_cityjson_read(ly_district *out, const cJSON *root, const ly_load_desc *desc,
                      ly_diag_list *diags, ly_pending_list *pend);
/* Checks, parses and reads a CityJSONSeq, value by value. */
ly_load_result ly_cityjson_load_seq(ly_district *out, const char *text, size_t len,
                                    const char *name, const ly_load_desc *desc,
                                    ly_diag_list *diags);

#endif
