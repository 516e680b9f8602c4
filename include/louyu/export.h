/* louyu export: the district written for other tools.
 *
 * CSV (ly_export_csv): the building stock, one row per building, or (floors) one row
 * per floor record. UTF-8 with a byte-order mark, so that Excel and WPS read Chinese
 * text right; CR LF line ends (RFC 4180); every text cell through ly_buf_csv, so a
 * cell a spreadsheet would take for a formula is neutralised; an unknown figure is an
 * empty cell, never 0 or -1. The header names the columns in `lang`; docs/cli.md
 * lists them. A selection (a list of building indices) limits the rows to those
 * buildings, in the selection's order.
 * Only the core: no GL, no SDL. */
#ifndef LOUYU_EXPORT_H
#define LOUYU_EXPORT_H

#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/ground.h"
#include "louyu/mesh.h"
#include "louyu/html.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    bool floors;            /* one row per floor record instead of per building */
    ly_lang lang;           /* the header's language and the industries' names */
    const long *select;     /* building indices to write (NULL: every building) */
    size_t n_select;
} ly_export_csv_desc;

/* glTF 2.0 (ly_export_glb): the district as one binary glTF. Y up, metres, around the
 * district's origin (the ly_geo origin: +X east, +Y up, -Z north; the origin's
 * longitude and latitude in asset.extras.louyu); one mesh per chunk of the buildings,
 * its triangles in primitives by material (walls, roofs, building sites) that share
 * the chunk's vertices: POSITION, NORMAL and _FEATURE_ID_0, each building's row in
 * the property table (EXT_mesh_features); the buildings' attributes in that table
 * (EXT_structural_metadata, class "building"; an unknown figure is its noData);
 * the ground and the roads as separate nodes, each layer a primitive with the
 * viewer's colour, lifted a few centimetres above the layer under it. A selection
 * limits it to those buildings (rows in the selection's order) and leaves the ground
 * out. */
typedef struct {
    const long *select; /* building indices (NULL: every building) */
    size_t n_select;
    const ly_ground *ground; /* the ground and roads (NULL: none) */
} ly_export_glb_desc;

/* GeoJSON (ly_export_geojson): the district as one FeatureCollection in WGS 84 that the
 * GeoJSON loader reads back as the same district's buildings (each a (Multi)Polygon with
 * louyu's properties: names, address, status, year, height_m, min_height_m, floors, parts
 * with their own heights, floor records, rent, tax, contact, and the properties the
 * district kept as they were: a CityJSON object's other attributes, OpenStreetMap's other
 * tags) and its roads, parks, water, boundaries, land use and places with their "kind"
 * (and kept properties); never cameras (for operators only). What a
 * district read from CityJSON is for tools and pages that read GeoJSON (the portal's map).
 * It is read back as it is written: a feature the GeoJSON loader would refuse (a
 * footprint a model's surfaces made that crosses itself or has no area, a height over
 * 1000 m) is left out, the buildings among them counted in *left_out and the loader's
 * reason for each added to why (as a warning; why may be NULL). Appended to out; returns 0,
 * or -1 when memory ran out (out->failed). */
int ly_export_geojson(const ly_district *d, ly_buf *out, size_t *left_out, ly_diag_list *why);

/* A GeoJSON text in a projected system (GeoJSON 2008's "crs", which GDAL and QGIS still
 * write) as RFC 7946 asks, appended to out: every position transformed to WGS 84 longitude
 * and latitude with PROJ (heights kept), the "crs" and every "bbox" (in the old units)
 * dropped, all else (properties, ids, louyu's member) as it is. 0, or -1 when the text is
 * not such a collection, PROJ cannot transform its system or a position, or memory ran out. */
int ly_export_geojson_wgs84(const char *text, size_t len, ly_buf *out);
/* The GeoJSON text a district file was read as, as RFC 7946 asks, appended to out: UTF-8
 * (a GB18030 text transcoded) and WGS 84 (a projected one's positions transformed, as
 * ly_export_geojson_wgs84), its own properties kept. 0, or -1 with *why saying what failed. */
/* GeoJSON text with its polygons' rings turned as RFC 7946 wants them (outer rings
 * counter-clockwise, holes clockwise) into out, *turned how many were not; out is left
 * empty when none were (the text is right as it is). 0, or -1 (not JSON, out of memory). */
int ly_export_geojson_ccw(const char *text, size_t len, ly_buf *out, size_t *turned);
int ly_export_geojson_text(const char *text, size_t len, bool gb18030, bool projected,
                           ly_buf *out, const char **why);
/* The same on a parsed FeatureCollection (a cJSON *), in place; 0 or -1 (doc then as it
 * was, or with some positions transformed: not to be written). */
int ly_geojson_doc_to_wgs84(void *doc);

/* Figures v[0..n) in whole units of 1 / per_unit (10: tenths) that add up to `total` units
 * (total < 0: their sum rounded), as the floors' rows do to their building's: each rounded
 * down, the units still missing to the largest remainders. An unknown figure (< 0, not
 * finite) is -1 and left out. The portal's listing rounds its floors this way too. */
void ly_round_to_add_up(const double *v, size_t n, double per_unit, long total, long *out);

/* Writes the CSV into out (appended); out->failed says whether memory ran out. */
void ly_export_csv(const ly_district *d, const ly_export_csv_desc *desc, ly_buf *out);

/* Writes the GLB into out (appended; out->failed: out of memory). Returns 0, or -1
 * when the model would be too big for glTF (a buffer over 4 GB). */
int ly_export_glb(const ly_district *d, const ly_geo *geo, const ly_mesh *mesh,
                  const ly_export_glb_desc *desc, ly_buf *out);

/* CityJSON 2.0 (ly_export_cityjson): the buildings (or a selection) at LoD1, each part a
 * closed Solid (a building of several parts: a BuildingPart child each, "ID-part-K")
 * with ground, roof and wall semantics, holes
 * kept; in the UTM zone of the district (WGS 84 / UTM, reprojected by PROJ), heights in
 * metres above the ground; integer vertices under a 1 mm transform; the figures as
 * attributes (measuredHeight, storeysAboveGround, yearOfConstruction and louyu's own
 * names as in the CSV). Returns 0, or -1 with the reason in err. */
int ly_export_cityjson(const ly_district *d, const long *select, size_t n_select, ly_buf *out,
                       char *err, size_t err_len);

/* A building's figures as the exports write them; each < 0 when unknown. */
typedef struct {
    int year, floors, enterprises;
    double height_m, floor_area_m2;
    double recorded_m2, vacant_m2, occupancy; /* over its floor records */
    double rent_cny_m2_day, tax_2010_cny;
} ly_export_figures;

void ly_export_figures_of(const ly_district *d, const ly_building *b, ly_export_figures *f);
/* The building's industries, each once, in its enterprises' order, "; " between
 * (appended to out; nothing when it has none). */
void ly_export_industries(const ly_district *d, const ly_building *b, ly_lang lang, ly_buf *out);

/* The buildings named in `ids` (comma-separated), as indices into *out (malloc'd,
 * *n of them, in the list's order, each once). Returns 0, or -1 with the first id
 * that is not in the district (or "out of memory") in err. */
int ly_export_select(const ly_district *d, const char *ids, long **out, size_t *n, char *err,
                     size_t err_len);

#endif
