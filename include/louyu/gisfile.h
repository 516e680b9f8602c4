/* louyu gisfile: the GIS files other tools write, read as districts.
 *
 * ESRI shapefiles (shapefile.h) and GeoPackages that GDAL, QGIS or ArcGIS wrote (not a
 * louyu store: store.h), each read into GeoJSON text in WGS 84 and loaded as plain
 * GeoJSON, so that they are checked as every file is; messages point at what they are
 * about in the file's own terms. A GeoPackage: every feature table (data_type
 * 'features' in gpkg_contents) in the order they were made, each row a Feature with its
 * columns as properties (blobs left out; the names louyu reads in any case, as a
 * shapefile's) and its geometry (GeoPackage blobs: ISO WKB points, lines, polygons and
 * their collections, with or without z and m; curves are refused) transformed by PROJ
 * from the table's srs_id. A table with no id column gives its rows their fid as ids
 * ("table/fid" when there are several tables). A message: "x.gpkg:12:3: error: table
 * buildings, fid 12, column height: ..." (line: the fid; column: the property's place, 0
 * for the geometry). No GL, no SDL. */
#ifndef LOUYU_GISFILE_H
#define LOUYU_GISFILE_H

#include "louyu/district.h"
#include "louyu/shapefile.h"

#include <stdbool.h>

/* Whether `path` is a GeoPackage that is not a louyu store (an SQLite file with
 * gpkg_contents and no louyu_document). */
bool ly_gpkg_features_is(const char *path);

/* Its district, and (when it loads and text is not NULL) the GeoJSON text it was read as
 * into *text (malloc'd). As ly_district_load. */
ly_load_result ly_gpkg_features_load_text(ly_district *out, const char *path,
                                          const ly_load_desc *desc, ly_diag_list *diags,
                                          char **text, size_t *len);

/* A ZIP archive of a district's files, as data portals and colleagues hand them out
 * (zip_district.c): its shapefiles (each .shp with its .dbf, .prj and .cpg) read as one
 * district, the layers of one download (buildings, roads, places); an archive with none,
 * its one other district file (GeoJSON, CityJSON, OpenStreetMap's, another tool's
 * GeoPackage; gzipped or not) read as that file, its messages then about
 * "ARCHIVE/MEMBER" (diags->file). Files the archive holds for other tools (a .shx, a
 * .qmd, a README) are passed over; a workbook (.xlsx, .ods) is refused as a report. */
bool ly_zipfile_is(const char *path); /* by its name: FILE.zip */
ly_load_result ly_zip_district_load_text(ly_district *out, const char *bytes, size_t n,
                                         const char *path, const ly_load_desc *desc,
                                         ly_diag_list *diags, char **text, size_t *len);

/* A shapefile, another tool's GeoPackage or a ZIP archive: whether `path` is one, and loading it with
 * its GeoJSON text (what a store keeps and a page is given). */
bool ly_gisfile_is(const char *path);
ly_load_result ly_gisfile_load_text(ly_district *out, const char *path, const ly_load_desc *desc,
                                    ly_diag_list *diags, char **text, size_t *len);

#endif
