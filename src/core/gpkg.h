/* GeoPackage plumbing for the store (private to the core): the tables every
 * GeoPackage has, registering a layer, and geometries as GeoPackage blobs. */
#ifndef LOUYU_CORE_GPKG_H
#define LOUYU_CORE_GPKG_H

#include "louyu/district.h"

#include <sqlite3.h>
#include <stddef.h>

/* Runs SQL that returns no rows; on failure the message goes to err. */
int ly_gpkg_exec(sqlite3 *db, const char *sql, char *err, size_t n);
/* Makes an empty database a GeoPackage 1.3: application id, version, the spatial
 * reference systems (WGS84 and the two undefined ones), contents and geometry columns. */
int ly_gpkg_init(sqlite3 *db, char *err, size_t n);
/* Registers a table in gpkg_contents: "features" (with its geometry column, type
 * and bounds in WGS84) or "attributes" (geometry NULL). */
int ly_gpkg_register(sqlite3 *db, const char *table, const char *identifier,
                     const char *description, const char *geometry, const char *type,
                     const double bounds[4], char *err, size_t n);
/* Polygons first .. first + count of d as one GeoPackage MultiPolygon blob (header
 * with its envelope, then little-endian WKB; rings closed), less those whose outline lies
 * within another of them (a tower part on its podium: a shell nested in another would
 * make the MultiPolygon invalid in GIS, and its area counted twice). Polygons across 180°
 * (longitudes spanning more than 180°) are written with those west of 0 plus 360
 * (-179.9999 as 180.0001), the small shape they are, not a band round the earth.
 * malloc'd; NULL on failure. */
unsigned char *ly_gpkg_multipolygon(const ly_district *d, uint32_t first, uint32_t count,
                                    size_t *len);
/* The envelope of polygons first .. first + count (min x, max x, min y, max y) as
 * ly_gpkg_multipolygon writes them: across 180°, east of it. */
void ly_gpkg_envelope(const ly_district *d, uint32_t first, uint32_t count, double box[4]);

#endif
