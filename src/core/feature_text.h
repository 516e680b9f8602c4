/* Tables as GeoJSON text (private to the core): what the shapefile and GeoPackage
 * readers share. Each writes its records as a FeatureCollection, one Feature a line,
 * loads it with the GeoJSON loader, and moves the loader's messages to the record and
 * column they are about with ly_ft_message. */
#ifndef LOUYU_CORE_FEATURE_TEXT_H
#define LOUYU_CORE_FEATURE_TEXT_H

#include "louyu/district.h"
#include "louyu/html.h"

#include <proj.h>
#include <stdbool.h>
#include <stddef.h>

/* UTF-8 text as a JSON string. */
void ly_ft_put_string(ly_buf *out, const char *s, size_t n);

/* A position as GeoJSON's [lon,lat], through pj (a system's way to WGS 84; NULL: x, y are
 * that already); "null" for one that is not finite (which the loader then says). False
 * when pj cannot take a finite x, y (a position outside its system). */
bool ly_ft_put_position(ly_buf *out, PJ *pj, double x, double y);

/* Why position x, y is outside the system named `system` (a .prj's, a table's): into buf,
 * with a Gauss-Krüger zone number's hint where x tells of one (an easting of 8 digits is
 * one with the zone in front; of 6 digits, one without, under a zone-numbered system). */
void ly_ft_outside_system(char *buf, size_t n, double x, double y, const char *system);

/* The span of a layer's positions as its file gives them (in its own system). */
typedef struct {
    double lo[2], hi[2];
    size_t n;
} ly_ft_span;
void ly_ft_span_add(ly_ft_span *s, double x, double y);

/* Degrees under a system in metres: when pj (a system's way to WGS 84) starts from a
 * projected system yet every position of s lies within ±180 and ±90, as longitude and
 * latitude do, a warning's text into buf that names `system` (a .prj's, a table's); false
 * otherwise. (The positions then land within metres of the system's origin: a speck near
 * the equator whose rings "enclose no area", which alone says nothing of the cause.) */
bool ly_ft_degrees_hint(PJ_CONTEXT *ctx, PJ *pj, const ly_ft_span *s, const char *system,
                        char *buf, size_t n);


/* A column's name a writer cut short at dBASE's 10 bytes as the property it stood for:
 * OpenStreetMap's keys as GDAL and QGIS write them (building_l: building:levels), and a
 * Chinese name cut in UTF-8 (建筑高度 as 建筑高) as the one louyu reads that it starts (of at
 * least two characters); else as it is. */
void ly_ft_cut_column_key(char *key, size_t n);

/* A column's name of 9 bytes or fewer that GDAL wrote for an OpenStreetMap key, ':' as '_'
 * (name_zh: name:zh), as that key; else as it is. */
void ly_ft_laundered_key(char *key, size_t n);

/* Whether a property of that name gives the loader its ids (id, @id, osm_id, osm_way_id). */
bool ly_ft_id_key(const char *key);

/* The loader's message moved to its record: `where` ("record 12, field height") before
 * it, its own 'feature 11 ' and made-up '"#11": ' left out, its advice to name a system in
 * the collection's "crs" turned into `crs_advice` ("a .prj beside the .shp"); at `line`
 * and `col` (0 when either is not one), no longer at an offset of the text. */
void ly_ft_place(ly_diag *d, const char *where, const char *crs_advice, long line, int col);

/* The loader's "feature K already uses it" (a duplicate id: K the other feature's place in
 * the text) with that feature named as the reader names its records: name(ctx, K, buf, n)
 * writes "table t, fid 20" or "record 7"; a K not below `count` is left as it is. */
void ly_ft_name_other(ly_diag *d, size_t count, void (*name)(void *ctx, size_t k, char *buf,
                                                             size_t n),
                      void *ctx);

/* Which property of a feature's text (its line of the text: from its start, len long)
 * holds byte `at`: its name into key and its place among the properties (from 1); 0 before
 * them (the id), -1 after them (the geometry). */
int ly_ft_property_at(const char *text, size_t len, size_t at, char *key, size_t n);

/* Which feature (k) a message of the loader is about, from each feature's offset in the
 * text (starts, n), and which of its properties (place and key: ly_ft_property_at); false
 * when it is about none (the collection's, before the first): then it is made the file's
 * (no line or column). */
bool ly_ft_feature_of(ly_diag *d, const ly_buf *text, const size_t *starts, size_t n,
                      size_t *k, int *place, char *key, size_t key_n);

/* The reader's text loaded (when `ok`: it wrote every record, and no error was said since
 * errors_before), each of the loader's messages with a position handed to move(ctx, d);
 * on LY_LOAD_OK the text goes to *text_out when that is not NULL (text is then emptied).
 * Not `ok` with `bad` records refused and no other error: --skip-bad would read the rest
 * (diags->skippable). Out of memory (text->failed) is said. */
ly_load_result ly_ft_load(ly_district *out, ly_buf *text, const char *path,
                          const ly_load_desc *desc, ly_diag_list *diags, size_t errors_before,
                          bool ok, size_t bad, void (*move)(void *ctx, ly_diag *d), void *ctx,
                          char **text_out, size_t *len_out);

#endif
