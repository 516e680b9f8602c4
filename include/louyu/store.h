/* louyu store: a district and every week of its vacancy reports, in one
 * GeoPackage (OGC GeoPackage 1.3: an SQLite file that QGIS and GDAL open).
 *
 * Layers: `buildings` (features: footprints as MultiPolygons in WGS84 with
 * names, status, height, floors, floor area, rent), and the attribute tables
 * `floors` (the snapshot's floor records), `enterprises`, `weekly_reports`
 * (one row per reported floor or range, per week; rows an import replaced stay,
 * marked with the import that replaced them) and `import_log` (file name,
 * SHA-256, time, week, rows, who). The district file it was made from is kept
 * whole in `louyu_document`, so that louyu loads exactly what was converted.
 *
 * Every write is one transaction, and the file is in WAL mode: a viewer that
 * reads while an import writes sees the store before or after the import,
 * never between; a process killed mid-import leaves the store as it was. No GL,
 * no SDL. */
#ifndef LOUYU_STORE_H
#define LOUYU_STORE_H

#include "louyu/district.h"

#include <stdbool.h>
#include <stddef.h>

/* Whether the file at path is an SQLite database (its first 16 bytes). */
bool ly_store_is(const char *path);

/* Whether the SQLite file at path is a louyu store that louyu can read: 0, or -1 with why
 * not in err (another tool's GeoPackage, a GDAL copy of a store's layers, a table or
 * column of the store dropped or renamed by another program, locked, damaged). */
int ly_store_check(const char *path, char *err, size_t n);

/* Whether the GeoPackage at path is a GDAL or QGIS copy of a store's layers: it holds
 * louyu's weekly_reports or import_log but not the district a store keeps (louyu_document),
 * so that a store made from it keeps none of them. *reports and *imports: their rows. */
bool ly_store_layers_copy(const char *path, long *reports, long *imports);

/* Creates a store at `gpkg` (which must not exist) from the district file at
 * `source`. Returns 0; 1 when the district has errors (in diags); -1 with the
 * reason in err. */
int ly_store_create(const char *gpkg, const char *source, ly_diag_list *diags, char *err,
                    size_t n);

/* Loads the district of a store with its weekly history, showing the latest
 * week, read-only and as one consistent snapshot. */
ly_load_result ly_store_load(ly_district *out, const char *path, const ly_load_desc *desc,
                             ly_diag_list *diags);

/* The store's district as converted: no weekly history (what an import compares a week
 * with when none is reported before it). */
ly_load_result ly_store_load_converted(ly_district *out, const char *path, ly_diag_list *diags);

/* What an import changed for one building: m² that became vacant and m² that
 * became let, against the week before (or the district as converted), and what its
 * floors with space to let asked then and ask now (ly_building_rent_span). */
typedef struct {
    unsigned building;
    double newly_vacant, newly_let;
    ly_rent_span rent_was, rent_now;
    bool rent_changed;
} ly_import_change;

typedef struct {
    int week;
    size_t rows;
    bool already;          /* this very file (its SHA-256) is in the store: nothing done */
    char already_at[40];   /* when it was imported */
    size_t replaced;       /* rows of earlier imports marked replaced (--replace) */
    char sha256[65];
    ly_import_change *changes; /* buildings whose floors changed */
    size_t n_changes;
} ly_import_summary;

enum {
    LY_IMPORT_OK = 0,
    LY_IMPORT_BAD = 1,      /* the report has errors (in diags): nothing imported */
    LY_IMPORT_REFUSED = 2,  /* the week already has other reports for a building, or is far
                               after the latest (without LY_IMPORT_GAP): err says */
    LY_IMPORT_FAILED = 3    /* the store could not be read or written: err says */
};

/* What an import may do beyond a new week (flags of ly_store_import). */
enum {
    LY_IMPORT_REPLACE = 1, /* replace the week's earlier reports of the report's buildings */
    LY_IMPORT_GAP = 2      /* take a week more than LY_IMPORT_GAP_WEEKS after the latest */
};

/* A week more than this many weeks after the store's latest report is refused without
 * LY_IMPORT_GAP: most often a typo in the year (2021-W18 for 2011-W18), which would become
 * the week every viewer opens at. */
#define LY_IMPORT_GAP_WEEKS 8

/* Imports one report file into the store, whole or not at all. The store's
 * district, as it was before the import, is what the summary's building indices
 * refer to: with `before` not NULL it is moved there (the caller unloads it). Its
 * history is one week: the store's last week before the report's, the one the report
 * is checked and its changes counted against, as it is while the import holds the store's
 * write lock (read again there when another import committed meanwhile). flags:
 * LY_IMPORT_REPLACE, LY_IMPORT_GAP (true is LY_IMPORT_REPLACE). */
int ly_store_import(const char *gpkg, const char *csv_path, unsigned flags, ly_import_summary *sum,
                    ly_district *before, ly_diag_list *diags, char *err, size_t n);
void ly_import_summary_free(ly_import_summary *s);

/* What withdrawing an import took out. */
typedef struct {
    char file[256], week[16];
    long rows;     /* its rows, deleted */
    long restored; /* rows of earlier reports it had replaced, current again */
} ly_withdrawal;

/* Withdraws import `id` (a report imported by mistake: a week mistyped, the wrong file), in
 * one transaction: its rows are deleted from weekly_reports, the rows it had replaced
 * (--replace) are current again, and the import stays in the log marked withdrawn, when and
 * by whom (import_log.replaced_by is its own id; columns withdrawn_at and withdrawn_by).
 * LY_IMPORT_OK; _REFUSED with err for an id not in the log, already withdrawn, or some of
 * whose rows a later import replaced (withdraw that one first); _FAILED with err. */
int ly_store_withdraw(const char *gpkg, long id, ly_withdrawal *out, char *err, size_t n);

/* One import, as the log keeps it. */
typedef struct {
    long id;
    const char *file, *sha256, *at, *week, *who;
    long rows;
    long replaced_by; /* 0 while some of its rows are current; else the last to replace one */
    /* how many of its rows later imports replaced (0: none), and those imports: "54", "54, 57"
     * (NULL for none) */
    long rows_replaced;
    const char *replacers;
    const char *withdrawn_at, *withdrawn_by; /* withdrawn (ly_store_withdraw): when, who */
} ly_import_entry;

/* Calls fn for every import, oldest first. Returns 0, or -1 with err. */
int ly_store_log(const char *gpkg, void (*fn)(const ly_import_entry *e, void *ctx), void *ctx,
                 char *err, size_t n);

/* What the reports up to the week d shows say of each floor record of d (which must be
 * this store's district) beyond its figures: from when its space is free, "2011-05-09",
 * "now", or "" when they do not say (out: one per floor record); and where contact and
 * note are not NULL (one slot per floor record each), the contact and the note of the
 * row that named the floor (malloc'd, NULL for none: the caller frees each, -1 or not).
 * Returns 0, or -1 with err. */
int ly_store_available(const char *gpkg, const ly_district *d, char (*out)[16], char **contact,
                       char **note, char *err, size_t n);

/* Writes week `week` of the store (0: the latest) as a louyu GeoJSON file at
 * out_path, atomically (a temporary file renamed over it); *shown (may be NULL) is the week
 * whose figures it holds (a week with no reports: the latest before it; 0: the district as
 * converted); *left_out (may be NULL) the report rows another program changed, left out
 * (ly_district.n_rows_left_out). Returns 0, or -1 with err. */
int ly_store_export(const char *gpkg, int week, const char *out_path, int *shown,
                    size_t *left_out, char *err, size_t n);

#endif
