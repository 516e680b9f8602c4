/* louyu shapefile: ESRI shapefiles read as districts.
 *
 * A shapefile is three or four files side by side: FILE.shp (the shapes), FILE.dbf
 * (one row of attributes per shape), FILE.prj (the reference system, WKT) and FILE.cpg
 * (the attributes' encoding). What surveying offices, QGIS and ArcGIS users and
 * OpenStreetMap extracts (Geofabrik's gis_osm_buildings_a_free_1.shp) hand over.
 *
 * ly_shapefile_load reads them into GeoJSON text, one Feature a record (polygons and
 * multipolygons, lines, points; each record's attributes as its properties, the names
 * louyu knows in any case and a few Chinese column names as louyu's), and loads that as
 * plain GeoJSON, so a shapefile is checked as every file is. A message points at the
 * record and column it is about: "x.shp:12:3: error: record 12, field HEIGHT: ..." (line:
 * the record from 1; column: the field from 1, 0 for the shape). Attributes are decoded
 * by the .cpg, else the .dbf's language driver, else as UTF-8 when they are, else as
 * GB18030 (GBK). Positions are transformed from the .prj's system (WKT, read by PROJ) to
 * WGS 84 as the text is written; without a .prj they are taken for longitude and
 * latitude (a warning). No GL, no SDL. */
#ifndef LOUYU_SHAPEFILE_H
#define LOUYU_SHAPEFILE_H

#include "louyu/district.h"

#include <stdbool.h>

/* Whether `path` names a shapefile: its .shp (or its .dbf), by the name's ending. */
bool ly_shapefile_is(const char *path);

/* The shapefile's district (path: its .shp or .dbf). As ly_district_load. */
ly_load_result ly_shapefile_load(ly_district *out, const char *path, const ly_load_desc *desc,
                                 ly_diag_list *diags);

/* The same, and (when it loads) the GeoJSON text it was read from, in WGS 84, into
 * *text (malloc'd, the caller frees it): what a store keeps and a page is given. */
ly_load_result ly_shapefile_load_text(ly_district *out, const char *path,
                                      const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                      size_t *len);

/* A shapefile's files already read (an archive's members): the .shp's and the .dbf's
 * bytes, the .prj's and the .cpg's text (NULL: not there), and the name messages give
 * the shapefile ("roads.shp"; NULL: none, the file's own). The caller owns them all. */
typedef struct {
    const char *name;
    const unsigned char *shp, *dbf;
    size_t shp_len, dbf_len;
    const char *prj, *cpg;
} ly_shapefile_parts;

/* n shapefiles (the layers of one archive: buildings, roads, places) as one district,
 * `path` the file the messages are about; each message names its layer ("roads.shp,
 * record 12, field name: ..."), and a layer's record with no id column takes "roads/12".
 * As ly_shapefile_load_text. */
ly_load_result ly_shapefile_load_parts(ly_district *out, const ly_shapefile_parts *parts,
                                       size_t n, const char *path, const ly_load_desc *desc,
                                       ly_diag_list *diags, char **text, size_t *len);

/* FILE.ext for the shapefile at `path` (any of its files): false when it does not fit. */
bool ly_shapefile_sibling(const char *path, const char *ext, char *out, size_t n);

#endif
