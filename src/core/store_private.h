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

/* Gives d, loaded as converted, the store's state before `week`: each building's floors
 * as of its last report before it, in a history of one week, the district's last week
 * before it (none when there is none). What an import checks a report against, in the
 * same time however many weeks the store holds. 0, or -1 with err. */
int ly_store_history_before(ly_district *d, const char *path, int week, char *err, size_t n);

/* Brings the store's GIS layers (floors; the buildings' rents) up to its latest week as db,
 * inside an import's or a withdrawal's transaction, sees it: each building's latest report
 * carried on, the figures louyu's week view shows; their gpkg_contents descriptions say
 * which week (or "as converted", none). 0, or -1 with err. */
int ly_store_layers_update(sqlite3 *db, const char *path, char *err, size_t n);

#endif
