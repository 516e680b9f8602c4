/* What the store's two halves (store.c: create, load, export; store_import.c:
 * import and log) share. Private to the core. */
#ifndef LOUYU_CORE_STORE_PRIVATE_H
#define LOUYU_CORE_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "louyu/district.h"

/* Opens a store (read-only, or read-write) and checks it is one of louyu's;
 * on failure *db is NULL and err says why. */
int ly_store_open(sqlite3 **db, const char *path, bool write, char *err, size_t n);

/* Each floor record's vacant area in the store's district as converted, before any week
 * (a loaded store's records hold its latest week): malloc'd, d's records in order; NULL
 * when it cannot be read or does not match d. */
double *ly_store_converted_vacancy(const char *gpkg, const ly_district *d);

#endif
