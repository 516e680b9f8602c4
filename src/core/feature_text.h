/* Tables as GeoJSON text (private to the core): what the shapefile and GeoPackage
 * readers share. Each writes its records as a FeatureCollection, one Feature a line,
 * loads it with the GeoJSON loader, and moves the loader's messages to the record and
 * column they are about with ly_ft_message. */
#ifndef LOUYU_CORE_FEATURE_TEXT_H
#define LOUYU_CORE_FEATURE_TEXT_H

#include "louyu/html.h"

#include <stdbool.h>
#include <stddef.h>

/* UTF-8 text as a JSON string. */
void ly_ft_put_string(ly_buf *out, const char *s, size_t n);

/* A column's name as its property: the names louyu reads in lower case however the table
 * writes them (HEIGHT, Name), and a few Chinese column names as louyu's (vocab.c). In
 * place; `n` is the room in `key`. */
void ly_ft_column_key(char *key, size_t n);

/* Whether a property of that name gives the loader its ids (id, @id, osm_id, osm_way_id). */
bool ly_ft_id_key(const char *key);

/* The loader's message moved to its record: `where` ("record 12, field height") before
 * it, its own 'feature 11 ' and made-up '"#11": ' left out, and its advice to name a
 * system in the collection's "crs" turned into `crs_advice` ("a .prj beside the .shp").
 * malloc'd; NULL when out of memory. */
char *ly_ft_message(const char *where, const char *message, const char *crs_advice);

#endif
