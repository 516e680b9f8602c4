#include "louyu/store.h"
#include "louyu/export.h"
#include "louyu/gisfile.h"

#include "gpkg.h"
#include "louyu/file.h"
#include "louyu/log.h"
#include "louyu/report.h"
#include "louyu/week.h"
#include "store_private.h"

#include <cjson/cJSON.h>
#include <sys/stat.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool ly_store_is(const char *path)
{
    struct stat st; /* (a pipe's open would wait for a writer) */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char head[16];
    bool is = fread(head, 1, 16, f) == 16 && !memcmp(head, "SQLite format 3", 16);
    fclose(f);
    return is;
}

/* ---- opening ----------------------------------------------------------------------- */

/* Whether the SQLite file is in WAL mode (its header's write and read versions are 2). */
static bool wal_mode(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char head[20];
    bool wal = f && fread(head, 1, 20, f) == 20 && head[18] == 2 && head[19] == 2;
    if (f)
        fclose(f);
    return wal;
}

/* The tables and columns louyu reads and writes. A store changed by hand (sqlite3, DB
 * Browser for SQLite: a column renamed or dropped, a table dropped) is refused at its open
 * with what is missing, rather than with SQLite's words at the first statement that meets
 * it, or, worse, an import written into a store whose log can no longer be read. */
static const struct {
    const char *table, *columns;
} SCHEMA[] = {
    {"louyu_document", "fid geojson"},
    {"gpkg_contents", "table_name last_change"},
    {"weekly_reports", "fid week building_id floor_from floor_to vacant_m2 rent_cny_m2_day "
                       "available_from contact note import_id replaced_by"},
    {"import_log", "fid file sha256 imported_at week rows who replaced_by"},
};

/* Whether the table has the column (len bytes of col), or with col NULL any column: is
 * there at all. */
static bool has_column(sqlite3 *db, const char *table, const char *col, size_t len)
{
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE ?2 IS NULL OR"
                           " name = ?2", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        if (col)
            sqlite3_bind_text(st, 2, col, (int)len, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

/* The first table or column of SCHEMA the store lacks, in err; 0 when it has them all. */
static int schema_damaged(sqlite3 *db, char *err, size_t n)
{
    for (size_t t = 0; t < sizeof SCHEMA / sizeof *SCHEMA; t++) {
        const char *table = SCHEMA[t].table;
        char what[160] = "";
        if (!has_column(db, table, NULL, 0))
            snprintf(what, sizeof what, "it has no table %s", table);
        for (const char *c = SCHEMA[t].columns; *c && !what[0];) {
            size_t len = strcspn(c, " ");
            if (!has_column(db, table, c, len))
                snprintf(what, sizeof what, "its table %s has no column %.*s", table, (int)len,
                         c);
            c += len + strspn(c + len, " ");
        }
        if (what[0]) {
            snprintf(err, n, "is damaged: %s (changed by another program: sqlite3, DB Browser "
                     "for SQLite?): expected a store as louyu writes it (restore a copy of the "
                     "store, or convert the district file again)", what);
            return -1;
        }
    }
    return 0;
}

/* Why an SQLite file without louyu's document is not a store, in err. */
static void not_ours(sqlite3 *db, const char *path, char *err, size_t n)
{
    sqlite3_stmt *st;
    bool gpkg = sqlite3_prepare_v2(db, "SELECT 1 FROM gpkg_contents LIMIT 1", -1, &st,
                                   NULL) == SQLITE_OK;
    sqlite3_finalize(st);
    if (has_column(db, "louyu_document", NULL, 0)) /* (there, but not as louyu wrote it) */
        schema_damaged(db, err, n);
    else if (gpkg && has_column(db, "weekly_reports", NULL, 0))
        /* a GDAL or QGIS copy of a store's layers: a store made from it by convert would
         * keep none of its weeks (nor its floors), so that is not what is advised */
        snprintf(err, n, "holds louyu's weekly reports (table weekly_reports) but not the "
                         "district a store keeps (table louyu_document): expected the "
                         "store's file itself (a GDAL or QGIS copy of its layers leaves that "
                         "table out, and `louyu convert` of such a copy keeps none of its "
                         "weeks: copy the original store's file)");
    else if (gpkg)
        snprintf(err, n, "is another tool's GeoPackage, not a louyu store (it has no "
                         "louyu_document table): expected a store made from it by `louyu "
                         "convert %s STORE.gpkg`", path);
    else /* (SpatiaLite's, say: GDAL reads it) */
        snprintf(err, n, "is an SQLite file but neither a louyu store (it has no "
                         "louyu_document table) nor a GeoPackage (no gpkg_contents): expected "
                         "a GeoPackage, as GDAL, QGIS or `louyu convert` write them (a "
                         "SpatiaLite database: `ogr2ogr -f GPKG out.gpkg %s`)", path);
}

int ly_store_open(sqlite3 **db, const char *path, bool write, char *err, size_t n)
{
    int flags = write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", *db ? sqlite3_errmsg(*db) : "out of memory");
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    /* an import holds the write lock for a moment: readers wait for it */
    sqlite3_busy_timeout(*db, 5000);
    /* a store is one file, as a GeoPackage handed to QGIS or a colleague should be: no
     * -wal and -shm beside it after a read (a read-only reader of a WAL file leaves them).
     * A store an older louyu made in WAL mode becomes one at its next import. */
    if (write)
        sqlite3_exec(*db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    sqlite3_stmt *st;
    bool ours = sqlite3_prepare_v2(*db, "SELECT geojson FROM louyu_document LIMIT 1", -1, &st,
                                   NULL) == SQLITE_OK;
    int code = sqlite3_extended_errcode(*db);
    sqlite3_finalize(st);
    if (!ours && !write && code == SQLITE_READONLY_ROLLBACK) {
        /* a change cut short (an import killed at its commit) left its -journal: a
         * reader cannot roll it back, so open it to write once, which does, and read on */
        sqlite3_close(*db);
        *db = NULL;
        sqlite3 *w;
        if (ly_store_open(&w, path, true, err, n) == 0) {
            sqlite3_close(w);
            return ly_store_open(db, path, false, err, n);
        }
        snprintf(err, n, "cannot be read: a change to it was cut short and its -journal beside "
                         "it must be rolled back: expected a store in a folder this user may "
                         "write to, or one opened once by a user who may");
        return -1;
    }
    if (!ours && code != SQLITE_ERROR) { /* (SQLITE_ERROR: no such table, read below) */
        int base = code & 0xFF;
        snprintf(err, n, "cannot be read (%s): %s", sqlite3_errstr(code),
                 base == SQLITE_CORRUPT || base == SQLITE_NOTADB
                     ? "expected a whole GeoPackage (was it copied in full?)"
                 : base == SQLITE_BUSY || base == SQLITE_LOCKED
                     ? "another program held it locked for over 5 s: try again when it is done"
                 : (base == SQLITE_CANTOPEN || base == SQLITE_READONLY) && !write &&
                         wal_mode(path)
                     ? "it is in WAL mode (an older louyu or another tool set it), which SQLite "
                       "reads only where it may write its -wal and -shm files: expected it as "
                       "one file (one louyu report import into it, or sqlite3 STORE 'PRAGMA "
                       "journal_mode=DELETE', where it may be written)"
                 : base == SQLITE_CANTOPEN || base == SQLITE_READONLY || base == SQLITE_PERM
                     ? "expected a store in a folder this user may write to (SQLite writes "
                       "a journal beside it while it changes it)"
                     : "expected a louyu store");
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    if (!ours) {
        not_ours(*db, path, err, n);
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    if (schema_damaged(*db, err, n)) {
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    return 0;
}

int ly_store_check(const char *path, char *err, size_t n)
{
    sqlite3 *db;
    if (ly_store_open(&db, path, false, err, n))
        return -1;
    sqlite3_close(db);
    return 0;
}

/* The rows of a table, or -1 where there is no such table (or it cannot be read). */
static long count_rows(sqlite3 *db, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", table);
    sqlite3_stmt *st;
    long k = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        k = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return k;
}

bool ly_store_layers_copy(const char *path, long *reports, long *imports)
{
    *reports = *imports = -1;
    sqlite3 *db = NULL;
    if (!ly_store_is(path) || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    bool copy = !has_column(db, "louyu_document", NULL, 0);
    if (copy) {
        *reports = count_rows(db, "weekly_reports");
        *imports = count_rows(db, "import_log");
    }
    sqlite3_close(db);
    return copy && (*reports >= 0 || *imports >= 0);
}

/* ---- creating ---------------------------------------------------------------------- */

static const char *const TABLES =
    "CREATE TABLE buildings (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,"
    " id TEXT NOT NULL UNIQUE, name TEXT, name_en TEXT, address TEXT, status TEXT,"
    " year INTEGER, height_m REAL, floors INTEGER, gfa_m2 REAL, rent_cny_m2_day REAL);"
    "CREATE TABLE floors (fid INTEGER PRIMARY KEY AUTOINCREMENT, building_id TEXT NOT NULL,"
    " floor INTEGER NOT NULL, use TEXT, area_m2 REAL, vacant_m2 REAL);"
    "CREATE TABLE enterprises (fid INTEGER PRIMARY KEY AUTOINCREMENT,"
    " building_id TEXT NOT NULL, name TEXT, name_en TEXT, industry TEXT, floors TEXT,"
    " employees INTEGER);"
    "CREATE TABLE weekly_reports (fid INTEGER PRIMARY KEY AUTOINCREMENT, week TEXT NOT NULL,"
    " building_id TEXT NOT NULL, floor_from INTEGER, floor_to INTEGER,"
    " vacant_m2 REAL NOT NULL, rent_cny_m2_day REAL, available_from TEXT, contact TEXT,"
    " note TEXT, import_id INTEGER NOT NULL, replaced_by INTEGER);"
    "CREATE INDEX weekly_reports_week ON weekly_reports (week, building_id);"
    "CREATE INDEX weekly_reports_building ON weekly_reports (building_id, week);"
    "CREATE TABLE import_log (fid INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, week TEXT NOT NULL,"
    " rows INTEGER NOT NULL, who TEXT, replaced_by INTEGER);"
    "CREATE TABLE louyu_document (fid INTEGER PRIMARY KEY, name TEXT, geojson TEXT NOT NULL);";

/* One prepared statement per table, bound and stepped per row. */
static int step_done(sqlite3 *db, sqlite3_stmt *st, char *err, size_t n)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_DONE)
        return 0;
    snprintf(err, n, "%s", sqlite3_errmsg(db));
    return -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void bind_num(sqlite3_stmt *st, int i, double v)
{
    if (v >= 0)
        sqlite3_bind_double(st, i, v);
}

static int put_buildings(sqlite3 *db, const ly_district *d, char *err, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO buildings (geom, id, name, name_en, address, status, year,"
                           " height_m, floors, gfa_m2, rent_cny_m2_day)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        const ly_building *b = &d->buildings[i];
        size_t len;
        unsigned char *geom = ly_gpkg_multipolygon(d, b->first_polygon, b->n_polygons, &len);
        if (geom)
            sqlite3_bind_blob(st, 1, geom, (int)len, free);
        bind_text(st, 2, b->id);
        bind_text(st, 3, b->name);
        bind_text(st, 4, b->name_en);
        bind_text(st, 5, b->address);
        bind_text(st, 6, ly_status_name(b->status));
        if (b->year)
            sqlite3_bind_int(st, 7, b->year);
        sqlite3_bind_double(st, 8, round(b->height_m * 1000) / 1000); /* (mm: not a float's noise) */
        /* floors where they make storeys a GeoJSON reader takes (2 to 12 m each), as an
         * export writes them: a GIS copy of the layer is a district louyu reads (a 1.5 m
         * kiosk of "1 floor" had it refused) */
        if (b->floors > 0 && b->height_m / b->floors >= 2 && b->height_m / b->floors <= 12)
            sqlite3_bind_int(st, 9, b->floors);
        bind_num(st, 10, b->gfa_m2);
        bind_num(st, 11, b->rent_cny_m2_day);
        rc = step_done(db, st, err, n);
    }
    sqlite3_finalize(st);
    return rc;
}

static int put_floors(sqlite3 *db, const ly_district *d, char *err, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO floors (fid, building_id, floor, use, area_m2,"
                           " vacant_m2) VALUES (?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = 0;
    sqlite3_int64 fid = 0; /* (1, 2, ... each time: a week's rows keep their fids in GIS) */
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        const ly_building *b = &d->buildings[i];
        for (uint32_t r = b->first_record; r < b->first_record + b->n_records && !rc; r++) {
            const ly_floor_record *fr = &d->records[r];
            sqlite3_bind_int64(st, 1, ++fid);
            bind_text(st, 2, b->id);
            sqlite3_bind_int(st, 3, fr->floor);
            bind_text(st, 4, ly_floor_use_name(fr->use));
            sqlite3_bind_double(st, 5, fr->area_m2);
            sqlite3_bind_double(st, 6, fr->vacant_m2);
            rc = step_done(db, st, err, n);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int put_enterprises(sqlite3 *db, const ly_district *d, char *err, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO enterprises (building_id, name, name_en, industry, floors,"
                           " employees) VALUES (?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        const ly_building *b = &d->buildings[i];
        for (uint32_t k = b->first_enterprise; k < b->first_enterprise + b->n_enterprises && !rc;
             k++) {
            const ly_enterprise *e = &d->enterprises[k];
            char floors[256] = "";
            for (uint32_t f = 0; f < e->n_floors; f++) {
                size_t at = strlen(floors);
                snprintf(floors + at, sizeof floors - at, "%s%d", f ? "," : "",
                         d->enterprise_floors[e->first_floor + f]);
            }
            bind_text(st, 1, b->id);
            bind_text(st, 2, e->name);
            bind_text(st, 3, e->name_en);
            bind_text(st, 4, e->industry);
            bind_text(st, 5, floors);
            if (e->employees >= 0)
                sqlite3_bind_int(st, 6, e->employees);
            rc = step_done(db, st, err, n);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int put_document(sqlite3 *db, const char *name, const char *text, size_t len, char *err,
                        size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO louyu_document (fid, name, geojson) VALUES (1,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    const char *base = strrchr(name, '/');
    bind_text(st, 1, base ? base + 1 : name);
    sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
    int rc = step_done(db, st, err, n);
    sqlite3_finalize(st);
    return rc;
}

/* What the layers buildings and floors hold, as their gpkg_contents descriptions say it (a
 * GIS user sees it in QGIS's layer properties, ogrinfo's summary): as converted, before any
 * report; else as of a week ("%s": 2011-W18), each building's latest report carried on. */
static const char *const LAYER_WHEN[2][2] = {
    {"the district's buildings, rents as converted (no weekly reports yet)",
     "the district's buildings, rents as of week %s (each building's latest report; louyu "
     "brings them up to the latest week at each import)"},
    {"floor records as converted (no weekly reports yet)",
     "floor records as of week %s (each building's latest report; louyu brings them up to "
     "the latest week at each import)"},
};

/* The layers, registered and filled, in the one transaction of a create. */
static int fill(sqlite3 *db, const ly_district *d, const char *source, const char *text,
                size_t len, char *err, size_t n)
{
    double bounds[4] = {d->lon_min, d->lat_min, d->lon_max, d->lat_max};
    /* a district across 180° spans the world from its least longitude to its greatest:
     * the layer's extent is its buildings' as written, one across 180° east of it
     * (ly_gpkg_multipolygon), so that a GIS tool's "zoom to layer" finds them */
    for (size_t i = 0; d->lon_max - d->lon_min > 180 && i < d->n_buildings; i++) {
        double box[4];
        ly_gpkg_envelope(d, d->buildings[i].first_polygon, d->buildings[i].n_polygons, box);
        bounds[0] = fmin(i ? bounds[0] : INFINITY, box[0]);
        bounds[2] = fmax(i ? bounds[2] : -INFINITY, box[1]);
    }
    if (ly_gpkg_init(db, err, n) || ly_gpkg_exec(db, TABLES, err, n) ||
        ly_gpkg_register(db, "buildings", "buildings", LAYER_WHEN[0][0], "geom",
                         "MULTIPOLYGON", bounds, err, n) ||
        ly_gpkg_register(db, "floors", "floors", LAYER_WHEN[1][0], NULL, NULL, NULL, err, n) ||
        ly_gpkg_register(db, "enterprises", "enterprises", "enterprises in the buildings", NULL,
                         NULL, NULL, err, n) ||
        ly_gpkg_register(db, "weekly_reports", "weekly_reports",
                         "weekly vacancy reports, one row per floor or range of floors", NULL,
                         NULL, NULL, err, n) ||
        ly_gpkg_register(db, "import_log", "import_log", "every report file imported", NULL,
                         NULL, NULL, err, n))
        return -1;
    return put_buildings(db, d, err, n) || put_floors(db, d, err, n) ||
                   put_enterprises(db, d, err, n) || put_document(db, source, text, len, err, n)
               ? -1
               : 0;
}

int ly_store_create(const char *gpkg, const char *source, ly_diag_list *diags, char *err,
                    size_t n)
{
    if (access(gpkg, F_OK) == 0) {
        snprintf(err, n, "%s exists: expected a new file (louyu never overwrites a store)", gpkg);
        return -1;
    }
    char *text = NULL;
    size_t len;
    ly_district d;
    /* kept as the text it is read as: a shapefile's, a GeoPackage's or OpenStreetMap's as
     * GeoJSON in WGS 84, a gzipped file's gunzipped */
    ly_load_result loaded = ly_district_load_text(&d, source, NULL, diags, &text, &len);
    if (loaded == LY_LOAD_IO) { /* (a folder, a device, a file that is not there) */
        snprintf(err, n, "%s cannot be read (said above): no store was made", source);
        return -1;
    }
    if (loaded != LY_LOAD_OK)
        return 1;
    if (d.meta.local_crs) { /* (its placeholder place near 0 N 0 E is no place to claim) */
        snprintf(err, n, "%s names no reference system (its vertices are metres of its own "
                 "plane, with no place on the earth): a store's buildings are longitude and "
                 "latitude; expected a CityJSON file with metadata.referenceSystem", source);
        ly_district_unload(&d);
        free(text);
        return -1;
    }
    /* made under a temporary name beside it and linked into place when whole: a convert
     * stopped on the way (a kill, a full disk) leaves no half store under the name (a
     * stop signal removes the temporary file too) */
    char tmp[4096];
    int fd = -1;
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", gpkg) >= (int)sizeof tmp)
        errno = ENAMETOOLONG;
    else
        fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, n, "cannot write %s: %s", gpkg, strerror(errno));
        ly_district_unload(&d);
        free(text);
        return -1;
    }
    close(fd);
    bool watched = ly_file_watch_temp(tmp);
    sqlite3 *db = NULL;
    int rc = -1;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK)
        snprintf(err, n, "%s: %s", gpkg, db ? sqlite3_errmsg(db) : "out of memory");
    else if (!ly_gpkg_exec(db, "BEGIN", err, n))
        rc = fill(db, &d, source, text, len, err, n) ||
                     ly_gpkg_exec(db, "COMMIT", err, n)
                 ? -1
                 : 0;
    if (rc && db && !strstr(err, gpkg)) { /* name the store in SQLite's "disk I/O error" */
        char why[512];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, n, "cannot write %s: %s", gpkg, why);
    }
    if (sqlite3_close(db) != SQLITE_OK && !rc) {
        snprintf(err, n, "cannot write %s: %s", gpkg, sqlite3_errmsg(db));
        rc = -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (!rc && chmod(tmp, 0666 & ~mask)) {
        snprintf(err, n, "cannot write %s: %s", gpkg, strerror(errno));
        rc = -1;
    }
    /* link: never over a store that appeared meanwhile (rename where links are not
     * made, as on some shared folders) */
    bool placed = rc || link(tmp, gpkg) == 0;
    if (!placed && errno != EEXIST) {
        if (access(gpkg, F_OK) == 0)
            errno = EEXIST;
        else
            placed = rename(tmp, gpkg) == 0;
    }
    if (!placed) {
        snprintf(err, n, errno == EEXIST ? "%s exists: expected a new file (louyu never "
                                           "overwrites a store)"
                                         : "cannot write %s: %s",
                 gpkg, strerror(errno));
        rc = -1;
    }
    unlink(tmp);
    char journal[4200];
    snprintf(journal, sizeof journal, "%s-journal", tmp);
    unlink(journal);
    if (watched)
        ly_file_unwatch_temp();
    ly_district_unload(&d);
    free(text);
    return rc;
}

/* ---- loading with the history ------------------------------------------------------ */

/* A report row as the history needs it. */
typedef struct {
    int week;
    ly_report_row row;
} stored_row;

/* A week louyu wrote ("2026-W05"): such texts sort as their weeks do. */
#define WEEK_TEXT "week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'"

static int add_row(stored_row **out, size_t *n, size_t *cap, int week, ly_report_row r)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 1024;
        stored_row *p = realloc(*out, c * sizeof *p);
        if (!p)
            return -1;
        *out = p;
        *cap = c;
    }
    (*out)[(*n)++] = (stored_row){week, r};
    return 0;
}

/* A row's floors, vacancy and rent from columns `at`.. of a statement. */
static ly_report_row column_row(sqlite3_stmt *st, int at, uint32_t building)
{
    return (ly_report_row){.building = building,
                           .floor_from = sqlite3_column_int(st, at),
                           .floor_to = sqlite3_column_int(st, at + 1),
                           .vacant_m2 = sqlite3_column_double(st, at + 2),
                           .rent = sqlite3_column_type(st, at + 3) == SQLITE_NULL
                                       ? -1
                                       : sqlite3_column_double(st, at + 3)};
}

/* Why a stored row's figures (columns at ... at + 3: floor_from, floor_to, vacant_m2,
 * rent_cny_m2_day) are not as louyu writes them, or NULL: a value of another type (text
 * such as '1,000' that SQL put there, a blob), which would read as another figure; a
 * rent below 0, which would read as "to be agreed" (an empty rent). */
static const char *columns_unfit(sqlite3_stmt *st, int at, char *why, size_t n)
{
    static const char *const NAME[] = {"floor_from", "floor_to", "vacant_m2", "rent_cny_m2_day"};
    /* (no floors, both empty: a building's row that it has no space) */
    bool no_floors = sqlite3_column_type(st, at) == SQLITE_NULL &&
                     sqlite3_column_type(st, at + 1) == SQLITE_NULL;
    for (int k = 0; k < 4; k++) {
        int t = sqlite3_column_type(st, at + k);
        bool ok = t == SQLITE_INTEGER || (k >= 2 && t == SQLITE_FLOAT) ||
                  (t == SQLITE_NULL && (k == 3 || (k < 2 && no_floors)));
        if (!ok) {
            const char *v = t == SQLITE_BLOB   ? "a blob"
                            : t == SQLITE_NULL ? "empty"
                                               : (const char *)sqlite3_column_text(st, at + k);
            snprintf(why, n, "its %s is %s%.40s%s, not a number", NAME[k],
                     t == SQLITE_TEXT ? "the text \"" : "", v ? v : "",
                     t == SQLITE_TEXT ? "\"" : "");
            return why;
        }
    }
    if (sqlite3_column_type(st, at + 3) != SQLITE_NULL && sqlite3_column_double(st, at + 3) < 0) {
        snprintf(why, n, "rent_cny_m2_day is %.15g, not within 0.1 to 50 (to be agreed is an "
                 "empty rent)", sqlite3_column_double(st, at + 3));
        return why;
    }
    return NULL;
}

/* Why a stored row is not one louyu wrote (a store another program changed: a week
 * written otherwise, which would sort out of its order; a building not in the district;
 * floors, areas or a rent an import refuses), or NULL when it is. */
static const char *row_unfit(const ly_district *d, const char *w, const char *id, long b,
                             const ly_report_row *r, char *why, size_t n)
{
    int week;
    char want[16];
    if (!w || !ly_week_parse(w, &week) || strcmp(w, ly_week_format(week, want, sizeof want)))
        snprintf(why, n, "its week \"%.40s\" is not written as louyu writes a week (such as "
                 "\"2026-W05\")", w ? w : "");
    else if (b < 0)
        snprintf(why, n, "its building \"%.80s\" is not in the district", id ? id : "");
    else
        return ly_report_row_fits(d, r, why, n) ? NULL : why;
    return why;
}

/* Every current report row (replaced ones left out), by week and building; a row that
 * louyu did not write is left out with a warning (a reader never acts on it). */
static int read_rows(sqlite3 *db, ly_district *d, stored_row **out, size_t *n,
                     ly_diag_list *diags)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT week, building_id, floor_from, floor_to, vacant_m2,"
                           " rent_cny_m2_day, fid FROM weekly_reports WHERE replaced_by IS NULL"
                           " ORDER BY week, building_id, fid",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    size_t cap = 0, unfit = 0;
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int week = 0;
        const char *w = (const char *)sqlite3_column_text(st, 0);
        const char *id = (const char *)sqlite3_column_text(st, 1);
        long b = ly_district_find(d, id);
        ly_report_row r = column_row(st, 2, b < 0 ? 0 : (uint32_t)b);
        char why[200];
        if (columns_unfit(st, 2, why, sizeof why) || row_unfit(d, w, id, b, &r, why, sizeof why)) {
            if (unfit++ < 5)
                ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                            "weekly_reports row %lld: %s: expected a row as `louyu report "
                            "import` writes it (another program changed the store); it is "
                            "left out", (long long)sqlite3_column_int64(st, 6), why);
            continue;
        }
        ly_week_parse(w, &week);
        rc = add_row(out, n, &cap, week, r);
    }
    if (unfit > 5)
        ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "weekly_reports: %zu more rows left out, as above", unfit - 5);
    d->n_rows_left_out = unfit;
    if (!rc && step != SQLITE_DONE) /* damaged, locked: not "no reports" */
        rc = -1;
    sqlite3_finalize(st);
    return rc;
}

/* The rows of each building's last week before `week`, by building, all as of the
 * district's last week before `week`: its state then, a history of one week, what an
 * import compares with. Where the store has its index by building (a store made before
 * it gets it at its first import), a few lookups a building, however many weeks it
 * holds; else one pass over the earlier rows. */
static int read_rows_before(sqlite3 *db, const ly_district *d, int week, stored_row **out,
                            size_t *n)
{
    char w[16];
    ly_week_format(week, w, sizeof w);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    int prev = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT MAX(week), EXISTS (SELECT 1 FROM sqlite_master WHERE"
                           " name = 'weekly_reports_building') FROM weekly_reports"
                           " WHERE week < ?1 AND replaced_by IS NULL AND " WEEK_TEXT,
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, w, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return -1;
    }
    const char *pw = (const char *)sqlite3_column_text(st, 0);
    bool indexed = sqlite3_column_int(st, 1);
    bool any = pw && ly_week_parse(pw, &prev);
    sqlite3_finalize(st);
    if (!any)
        return 0; /* nothing before `week` */
    const char *sql =
        indexed ? "SELECT building_id, floor_from, floor_to, vacant_m2, rent_cny_m2_day"
                  " FROM weekly_reports WHERE building_id = ?2 AND replaced_by IS NULL AND"
                  " week = (SELECT MAX(week) FROM weekly_reports WHERE building_id = ?2 AND"
                  " week < ?1 AND replaced_by IS NULL AND " WEEK_TEXT ") ORDER BY fid"
                : "WITH last (b, w) AS (SELECT building_id, MAX(week) FROM weekly_reports"
                  " WHERE week < ?1 AND replaced_by IS NULL AND " WEEK_TEXT
                  " GROUP BY building_id) SELECT r.building_id, floor_from, floor_to,"
                  " vacant_m2, rent_cny_m2_day FROM last JOIN weekly_reports r"
                  " ON r.week = last.w AND r.building_id = last.b"
                  " WHERE r.replaced_by IS NULL ORDER BY r.building_id, r.fid";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, w, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc = 0, step = SQLITE_DONE;
    for (size_t b = 0; b < (indexed ? d->n_buildings : 1) && !rc && step == SQLITE_DONE; b++) {
        if (indexed) {
            sqlite3_reset(st);
            sqlite3_bind_text(st, 2, d->buildings[b].id, -1, SQLITE_STATIC);
        }
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            long k = ly_district_find(d, (const char *)sqlite3_column_text(st, 0));
            ly_report_row r = column_row(st, 1, k < 0 ? 0 : (uint32_t)k);
            char why[200]; /* (a row the load left out, with a warning) */
            if (k >= 0 && !columns_unfit(st, 1, why, sizeof why) &&
                ly_report_row_fits(d, &r, why, sizeof why))
                rc = add_row(out, n, &cap, prev, r);
        }
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        rc = -1;
    sqlite3_finalize(st);
    return rc;
}

/* Allocates the history's arrays for n weeks. */
static int alloc_history(ly_district *d, size_t n)
{
    d->weeks = calloc(n, sizeof *d->weeks);
    d->week_vacant = calloc(n * (d->n_records ? d->n_records : 1), sizeof *d->week_vacant);
    d->week_rent = calloc(n * (d->n_buildings ? d->n_buildings : 1), sizeof *d->week_rent);
    d->week_record_rent =
        calloc(n * (d->n_records ? d->n_records : 1), sizeof *d->week_record_rent);
    d->week_reported = calloc(n * (d->n_buildings ? d->n_buildings : 1), 1);
    if (!d->weeks || !d->week_vacant || !d->week_rent || !d->week_reported || !d->week_record_rent)
        return -1;
    d->n_weeks = n;
    return 0;
}

/* The history from the rows: the snapshot as converted, then week by week each
 * building that reported takes its floors from its rows (floors it did not name
 * are let) and its lowest asking rent; the others keep last week's. */
static int build_history(ly_district *d, const stored_row *rows, size_t n)
{
    size_t weeks = 0;
    for (size_t i = 0; i < n; i++)
        weeks += !i || rows[i].week != rows[i - 1].week;
    if (!weeks)
        return 0;
    double *state = malloc((d->n_records + 1) * sizeof *state);
    double *floor_rent = malloc((d->n_records + 1) * sizeof *floor_rent);
    double *rent = malloc((d->n_buildings + 1) * sizeof *rent);
    ly_report_row *group = malloc((n + 1) * sizeof *group);
    int rc = state && floor_rent && rent && group ? alloc_history(d, weeks) : -1;
    for (size_t r = 0; !rc && r < d->n_records; r++) { /* the district as converted */
        state[r] = d->records[r].vacant_m2;
        floor_rent[r] = d->records[r].rent_cny_m2_day;
    }
    for (size_t b = 0; !rc && b < d->n_buildings; b++)
        rent[b] = d->buildings[b].rent_cny_m2_day;
    size_t w = 0;
    for (size_t i = 0; !rc && i < n;) {
        /* the rows of one building in one week */
        size_t j = i, g = 0;
        double low = -1;
        while (j < n && rows[j].week == rows[i].week && rows[j].row.building == rows[i].row.building) {
            group[g++] = rows[j].row;
            if (rows[j].row.rent > 0 && (low < 0 || rows[j].row.rent < low))
                low = rows[j].row.rent;
            j++;
        }
        const ly_building *b = &d->buildings[rows[i].row.building];
        ly_report_floor_vacancy(d, rows[i].row.building, group, g, state + b->first_record);
        ly_report_floor_rents(d, rows[i].row.building, group, g, floor_rent + b->first_record);
        if (low > 0)
            rent[rows[i].row.building] = low;
        d->weeks[w] = rows[i].week;
        d->week_reported[w * d->n_buildings + rows[i].row.building] = 1;
        /* the week is complete when the next row is another week's */
        if (j == n || rows[j].week != rows[i].week) {
            memcpy(d->week_vacant + w * d->n_records, state, d->n_records * sizeof *state);
            memcpy(d->week_record_rent + w * d->n_records, floor_rent,
                   d->n_records * sizeof *floor_rent);
            memcpy(d->week_rent + w * d->n_buildings, rent, d->n_buildings * sizeof *rent);
            w++;
        }
        i = j;
    }
    free(state);
    free(floor_rent);
    free(rent);
    free(group);
    if (!rc)
        ly_district_set_week(d, d->n_weeks - 1);
    return rc;
}

/* The buildings table's rows that differ from the district the store keeps (another program
 * edited the GIS layer: QGIS, ogrinfo -sql): its id, name or height changed, a row deleted or
 * added. louyu reads the kept district, never the layer: the first difference is said, with
 * the count. Returns the count (0 where the table cannot be read: nothing to say). */
static size_t table_edits(sqlite3 *db, const ly_district *d, ly_diag_list *diags)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fid, id, name, height_m FROM buildings ORDER BY fid", -1,
                           &st, NULL) != SQLITE_OK)
        return 0;
    size_t n = 0, rows = 0;
    char first[400] = "";
    while (sqlite3_step(st) == SQLITE_ROW) {
        long long fid = sqlite3_column_int64(st, 0);
        const char *id = (const char *)sqlite3_column_text(st, 1);
        const char *name = (const char *)sqlite3_column_text(st, 2);
        double h = sqlite3_column_double(st, 3);
        rows++;
        const ly_building *b = fid >= 1 && (size_t)fid <= d->n_buildings ? &d->buildings[fid - 1]
                                                                         : NULL;
        char what[300] = "";
        if (!b || !id || strcmp(id, b->id))
            snprintf(what, sizeof what, "column id: \"%.60s\" is not the building the store "
                     "keeps there (%s)", id ? id : "", b ? b->id : "none");
        else if (strcmp(name ? name : "", b->name ? b->name : ""))
            snprintf(what, sizeof what, "column name: \"%.60s\", the store keeps \"%.60s\"",
                     name ? name : "", b->name ? b->name : "");
        else if (fabs(h - b->height_m) > 0.01)
            snprintf(what, sizeof what, "column height_m: %.15g, the store keeps %.15g", h,
                     b->height_m);
        if (what[0] && !n++)
            snprintf(first, sizeof first, "fid %lld, %s", fid, what);
    }
    sqlite3_finalize(st);
    if (rows < d->n_buildings) { /* rows deleted (one added is a row above, without a building) */
        if (!n)
            snprintf(first, sizeof first, "it has %zu rows, the store keeps %zu buildings", rows,
                     d->n_buildings);
        n += d->n_buildings - rows;
    }
    if (n)
        ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "table buildings was changed by another program (%s%s): louyu reads the "
                    "district the store keeps (table louyu_document), not edits to its GIS "
                    "tables; expected the district file changed and converted again (louyu "
                    "convert)", first, n > 1 ? ", and more" : "");
    return n;
}

/* The document and the rows, read in one transaction: one consistent snapshot. */
static ly_load_result read_store(sqlite3 *db, ly_district *out, const char *path,
                                 const ly_load_desc *desc, bool all, ly_diag_list *diags)
{
    sqlite3_stmt *st;
    ly_load_result r = LY_LOAD_IO;
    size_t from = diags->count;
    if (sqlite3_prepare_v2(db, "SELECT geojson FROM louyu_document ORDER BY fid LIMIT 1", -1,
                           &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        int len = sqlite3_column_bytes(st, 0);
        r = text ? ly_district_load_mem(out, text, (size_t)len, path, desc, diags) : LY_LOAD_DATA;
    } else {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "the store has no district: %s",
                    sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    if (r == LY_LOAD_DATA) /* (its positions are in the kept text, not in the SQLite file) */
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the district kept in the store (table louyu_document) is damaged: the "
                    "lines and columns above are in its text, not in this file; expected the "
                    "store as louyu wrote it (convert the district file again, or restore a "
                    "copy of the store)");
    if (r != LY_LOAD_OK)
        return r;
    /* A warning's line and column are in the kept text, which no editor opens: "sf.gpkg:1:444"
     * had read as a place in the SQLite file. Its message names the feature (id and index),
     * which is what finds it in the district file the store was converted from. */
    for (size_t i = from; i < diags->count; i++)
        diags->items[i].line = diags->items[i].col = 0, diags->items[i].offset = SIZE_MAX;
    if (all)
        out->n_table_edits = table_edits(db, out, diags);
    stored_row *rows;
    size_t n;
    int failed = all ? read_rows(db, out, &rows, &n, diags) : (rows = NULL, n = 0, 0);
    if (failed || build_history(out, rows, n)) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "cannot read the weekly reports: %s",
                    sqlite3_errmsg(db));
        r = LY_LOAD_IO;
    }
    free(rows);
    return r;
}

static ly_load_result load(ly_district *out, const char *path, const ly_load_desc *desc,
                           bool all, ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    sqlite3 *db;
    char err[512];
    if (ly_store_open(&db, path, false, err, sizeof err)) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s", err);
        return LY_LOAD_IO;
    }
    ly_load_result r = LY_LOAD_IO;
    if (ly_gpkg_exec(db, "BEGIN", err, sizeof err) == 0) {
        r = read_store(db, out, path, desc, all, diags);
        ly_gpkg_exec(db, "COMMIT", err, sizeof err);
    } else {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s", err);
    }
    sqlite3_close(db);
    if (r != LY_LOAD_OK)
        ly_district_unload(out);
    else
        LY_INFO("LOAD", "[%s] %zu buildings, %zu weeks of reports", path, out->n_buildings,
                out->n_weeks);
    return r;
}

ly_load_result ly_store_load(ly_district *out, const char *path, const ly_load_desc *desc,
                             ly_diag_list *diags)
{
    return load(out, path, desc, true, diags);
}

ly_load_result ly_store_load_converted(ly_district *out, const char *path, ly_diag_list *diags)
{
    return load(out, path, NULL, false, diags);
}

int ly_store_history_before(ly_district *d, const char *path, int week, char *err, size_t n)
{
    sqlite3 *db;
    if (ly_store_open(&db, path, false, err, n))
        return -1;
    stored_row *rows = NULL;
    size_t k = 0;
    int rc = read_rows_before(db, d, week, &rows, &k) || build_history(d, rows, k) ? -1 : 0;
    if (rc)
        snprintf(err, n, "cannot read the weekly reports: %s", sqlite3_errmsg(db));
    free(rows);
    sqlite3_close(db);
    return rc;
}

/* ---- the GIS layers follow the weeks ------------------------------------------------- */

/* The store's latest reported week as db sees it (its rows not replaced), or 0: none. */
static int latest_week(sqlite3 *db)
{
    sqlite3_stmt *st;
    int week = 0;
    if (sqlite3_prepare_v2(db, "SELECT MAX(week) FROM weekly_reports WHERE replaced_by IS NULL"
                           " AND " WEEK_TEXT, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
        !ly_week_parse((const char *)sqlite3_column_text(st, 0), &week))
        week = 0;
    sqlite3_finalize(st);
    return week;
}

/* Each building's rent as the week view has it: the lowest its latest report with a rent
 * asks (a report that gives none keeps the one before; ly_store_history_before reads only
 * the latest report), into d's buildings. */
static int latest_rents(sqlite3 *db, ly_district *d)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT building_id, MIN(rent_cny_m2_day) FROM weekly_reports r"
                           " WHERE replaced_by IS NULL AND rent_cny_m2_day > 0 AND " WEEK_TEXT
                           " AND week = (SELECT MAX(week) FROM weekly_reports WHERE building_id"
                           " = r.building_id AND replaced_by IS NULL AND rent_cny_m2_day > 0"
                           " AND " WEEK_TEXT ") GROUP BY building_id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        long b = ly_district_find(d, (const char *)sqlite3_column_text(st, 0));
        double rent = sqlite3_column_double(st, 1);
        if (b >= 0 && rent >= 0.1 && rent <= 50) /* (a row another program wrote: left out) */
            d->buildings[b].rent_cny_m2_day = rent;
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : -1;
}

/* The layers' figures from d (the store's latest week), and their descriptions saying which
 * week that is. Only the buildings' rents change there: their other columns are what
 * table_edits compares with the kept district. */
static int write_layers(sqlite3 *db, const ly_district *d, int week, char *err, size_t n)
{
    sqlite3_stmt *st;
    if (ly_gpkg_exec(db, "DELETE FROM floors", err, n) || put_floors(db, d, err, n))
        return -1;
    if (sqlite3_prepare_v2(db, "UPDATE buildings SET rent_cny_m2_day = ? WHERE id = ?", -1, &st,
                           NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        bind_num(st, 1, d->buildings[i].rent_cny_m2_day > 0 ? d->buildings[i].rent_cny_m2_day
                                                              : -1);
        bind_text(st, 2, d->buildings[i].id);
        rc = step_done(db, st, err, n);
    }
    sqlite3_finalize(st);
    if (rc || sqlite3_prepare_v2(db, "UPDATE gpkg_contents SET description = ?, last_change ="
                                 " strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                                 -1, &st, NULL) != SQLITE_OK) {
        if (!rc)
            snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    static const char *const TABLE[2] = {"buildings", "floors"};
    for (int t = 0; t < 2 && !rc; t++) {
        char what[400], w[16];
        snprintf(what, sizeof what, LAYER_WHEN[t][week != 0], ly_week_format(week, w, sizeof w));
        bind_text(st, 1, what);
        bind_text(st, 2, TABLE[t]);
        rc = step_done(db, st, err, n);
    }
    sqlite3_finalize(st);
    return rc;
}

int ly_store_layers_update(sqlite3 *db, const char *path, char *err, size_t n)
{
    ly_district d;
    memset(&d, 0, sizeof d);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    /* the kept district as converted, read through db: this connection holds the write
     * lock, and sees the rows of the transaction it is in */
    if (read_store(db, &d, path, NULL, false, &diags) != LY_LOAD_OK) {
        snprintf(err, n, "%s", diags.count ? diags.items[0].message : "cannot be read");
        ly_diag_list_deinit(&diags);
        ly_district_unload(&d);
        return -1;
    }
    ly_diag_list_deinit(&diags);
    int week = latest_week(db), rc = 0;
    stored_row *rows = NULL;
    size_t k = 0;
    /* the latest week is the state before the week after it: each building's latest report
     * (as ly_store_history_before gives an import), its floors not named let */
    if (week && (read_rows_before(db, &d, ly_week_next(week), &rows, &k) ||
                 build_history(&d, rows, k) || latest_rents(db, &d))) {
        snprintf(err, n, "cannot read the weekly reports: %s", sqlite3_errmsg(db));
        rc = -1;
    }
    free(rows);
    if (!rc)
        rc = write_layers(db, &d, d.n_weeks ? week : 0, err, n);
    ly_district_unload(&d);
    return rc;
}

/* ---- exporting a week ------------------------------------------------------------------ */

/* The document's text, malloc'd. */
static char *document_text(const char *gpkg, char *err, size_t n)
{
    sqlite3 *db;
    if (ly_store_open(&db, gpkg, false, err, n))
        return NULL;
    sqlite3_stmt *st;
    char *text = NULL;
    if (sqlite3_prepare_v2(db, "SELECT geojson FROM louyu_document ORDER BY fid LIMIT 1", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        text = t ? strdup(t) : NULL;
    }
    if (!text)
        snprintf(err, n, "the store has no district: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return text;
}

/* Writes week i's floor vacancy and rent into the document's building features (a
 * floor's own asking rent, or that it is to be agreed, as the GeoJSON loader reads them;
 * from when its space is free, its record's available_from), and the week into its
 * metadata (its Friday as the data's date). */
static void apply_week(cJSON *doc, const ly_district *d, size_t i)
{
    cJSON *features = cJSON_GetObjectItemCaseSensitive(doc, "features");
    /* the features by index, once: cJSON_GetArrayItem walks its list from the start, which
     * made a city's export take time in the square of its buildings (35 s for 20,000) */
    int n_features = cJSON_GetArraySize(features);
    cJSON **feature = malloc(((size_t)n_features + 1) * sizeof *feature), *f;
    int k = 0;
    cJSON_ArrayForEach(f, features)
    {
        if (feature && k < n_features)
            feature[k++] = f;
    }
    for (size_t bi = 0; bi < d->n_buildings; bi++) {
        const ly_building *b = &d->buildings[bi];
        cJSON *fe = NULL;
        if (!feature)
            fe = cJSON_GetArrayItem(features, (int)b->feature);
        else if (b->feature < (uint32_t)k)
            fe = feature[b->feature];
        cJSON *props = cJSON_GetObjectItemCaseSensitive(fe, "properties");
        cJSON *recs = cJSON_GetObjectItemCaseSensitive(props, "floor_records");
        cJSON *rec;
        cJSON_ArrayForEach(rec, recs)
        {
            cJSON *floor = cJSON_GetObjectItemCaseSensitive(rec, "floor");
            for (uint32_t r = b->first_record; floor && r < b->first_record + b->n_records; r++) {
                if (d->records[r].floor != floor->valueint)
                    continue;
                cJSON_ReplaceItemInObjectCaseSensitive(
                    rec, "vacant_m2",
                    /* whole: a range's share of each floor (1000 m² over three
                     * floors) rounded would not add up to what was reported */
                    cJSON_CreateNumber(d->week_vacant[i * d->n_records + r]));
                double own = d->week_record_rent[i * d->n_records + r];
                cJSON_DeleteItemFromObjectCaseSensitive(rec, "rent_cny_m2_day");
                cJSON_DeleteItemFromObjectCaseSensitive(rec, "rent_to_be_agreed");
                if (own > 0)
                    cJSON_AddNumberToObject(rec, "rent_cny_m2_day", own);
                else if (own < 0)
                    cJSON_AddTrueToObject(rec, "rent_to_be_agreed");
                cJSON_DeleteItemFromObjectCaseSensitive(rec, "available_from");
                if (d->records[r].available_from[0])
                    cJSON_AddStringToObject(rec, "available_from", d->records[r].available_from);
            }
        }
        double rent = d->week_rent[i * d->n_buildings + bi];
        cJSON *to = rent > 0 ? cJSON_CreateNumber(round(rent * 100) / 100) : NULL;
        if (to && cJSON_GetObjectItemCaseSensitive(props, "rent_cny_m2_day"))
            cJSON_ReplaceItemInObjectCaseSensitive(props, "rent_cny_m2_day", to);
        else if (to && !cJSON_AddItemToObject(props, "rent_cny_m2_day", to))
            cJSON_Delete(to);
    }
    free(feature);
    cJSON *meta = cJSON_GetObjectItemCaseSensitive(doc, "louyu");
    long monday;
    char date[16], week[16];
    if (cJSON_IsObject(meta) && ly_week_monday(d->weeks[i], &monday)) {
        int y, m, dd;
        ly_date_from_days(monday + 4, &y, &m, &dd);
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, dd);
        cJSON_DeleteItemFromObjectCaseSensitive(meta, "data_date");
        cJSON_AddStringToObject(meta, "data_date", date);
        cJSON_DeleteItemFromObjectCaseSensitive(meta, "week");
        cJSON_AddStringToObject(meta, "week", ly_week_format(d->weeks[i], week, sizeof week));
    }
}

/* Writes text and a newline to path atomically (ly_file_write_atomic: a device or a pipe
 * written to as it is), or to stdout for "-". */
static int write_atomically(const char *path, const char *text, char *err, size_t n)
{
    size_t len = strlen(text);
    if (!strcmp(path, "-")) {
        bool ok = fwrite(text, 1, len, stdout) == len && fputc('\n', stdout) != EOF &&
                  fflush(stdout) == 0;
        if (!ok)
            snprintf(err, n, "cannot write to the standard output: %s", strerror(errno));
        return ok ? 0 : -1;
    }
    char *t = malloc(len + 1);
    if (!t) {
        snprintf(err, n, "out of memory");
        return -1;
    }
    memcpy(t, text, len);
    t[len] = '\n';
    int rc = ly_file_write_atomic(path, t, len + 1, err, n);
    free(t);
    return rc;
}

/* Each floor record's available_from as the reports up to the week d shows say it (the
 * export keeps it: a portal or kiosk reading the file lists the same dated spaces as one
 * reading the store). 0, or -1 with err. */
static int week_available(const char *gpkg, ly_district *d, char *err, size_t n)
{
    char(*avail)[16] = calloc(d->n_records + 1, sizeof *avail);
    if (!avail) {
        snprintf(err, n, "out of memory");
        return -1;
    }
    int rc = ly_store_available(gpkg, d, avail, NULL, NULL, err, n);
    for (size_t r = 0; !rc && r < d->n_records; r++)
        snprintf(d->records[r].available_from, sizeof d->records[r].available_from, "%s",
                 avail[r]);
    free(avail);
    return rc;
}

int ly_store_export(const char *gpkg, int week, const char *out_path, int *shown,
                    size_t *left_out, char *err, size_t n)
{
    err[0] = '\0';
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, gpkg);
    if (ly_store_load(&d, gpkg, NULL, &diags) != LY_LOAD_OK) {
        snprintf(err, n, "%s", diags.count ? diags.items[0].message : "cannot be read");
        ly_diag_list_deinit(&diags);
        return -1;
    }
    ly_diag_list_deinit(&diags);
    if (left_out)
        *left_out = d.n_rows_left_out;
    size_t i = d.n_weeks ? d.n_weeks - 1 : 0;
    bool found = !week; /* the latest week, or the district as converted when none */
    for (size_t k = 0; week && k < d.n_weeks && d.weeks[k] <= week; k++) {
        i = k; /* (a week with no reports: the latest before it, as each figure carries on) */
        found = true;
    }
    int rc = -1;
    char *text = NULL, *out = NULL;
    cJSON *doc = NULL;
    if (shown)
        *shown = found && d.n_weeks ? d.weeks[i] : 0;
    if (found && d.n_weeks)
        ly_district_set_week(&d, i);
    if (found && d.n_weeks && week_available(gpkg, &d, err, n)) {
        /* (err says why) */
    } else if (!found) {
        char w[16], a[16], b[16];
        if (d.n_weeks)
            snprintf(err, n, "%s is before the store's first report: expected a week from %s "
                     "to %s", ly_week_format(week, w, sizeof w),
                     ly_week_format(d.weeks[0], a, sizeof a),
                     ly_week_format(d.weeks[d.n_weeks - 1], b, sizeof b));
        else
            snprintf(err, n, "the store has no weekly reports yet (louyu report import adds them)");
    } else if (d.meta.cityjson) { /* CityJSON: the week's district written as GeoJSON */
        ly_buf b = {0};
        size_t refused; /* (footprints GeoJSON refuses) */
        rc = ly_export_geojson(&d, &b, &refused, NULL) ? -1 : write_atomically(out_path, b.p, err, n);
        if (b.failed)
            snprintf(err, n, "out of memory");
        ly_buf_free(&b);
    } else if (!(text = document_text(gpkg, err, n)) || !(doc = cJSON_Parse(text))) {
        if (text)
            snprintf(err, n, "the store's district does not parse");
    } else {
        if (d.n_weeks)
            apply_week(doc, &d, i);
        /* an export is for anyone: the cameras are the operators' alone */
        cJSON *features = cJSON_GetObjectItemCaseSensitive(doc, "features");
        for (cJSON *f = cJSON_IsArray(features) ? features->child : NULL, *next; f; f = next) {
            next = f->next;
            const cJSON *kind = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(f, "properties"), "kind");
            if (cJSON_IsString(kind) && !strcmp(kind->valuestring, "camera"))
                cJSON_Delete(cJSON_DetachItemViaPointer(features, f));
        }
        /* RFC 7946: WGS 84 (a file in a projected system, kept so in the store) */
        if (d.meta.projected && ly_geojson_doc_to_wgs84(doc))
            snprintf(err, n, "the store's district is in a system PROJ cannot transform to "
                     "WGS 84");
        else
            out = cJSON_Print(doc);
        /* RFC 7946's rings, as an export of the file has them: outer counter-clockwise,
         * holes clockwise (the store keeps its file's, often the other way) */
        ly_buf ccw = {0};
        size_t turned = 0;
        bool ok = out && !ly_export_geojson_ccw(out, strlen(out), &ccw, &turned) && !ccw.failed;
        rc = ok ? write_atomically(out_path, turned ? ccw.p : out, err, n) : -1;
        if (!ok && !err[0])
            snprintf(err, n, "out of memory");
        ly_buf_free(&ccw);
    }
    cJSON_free(out);
    cJSON_Delete(doc);
    free(text);
    ly_district_unload(&d);
    return rc;
}

/* ---- from when the space is free ------------------------------------------------------ */

/* *slot as a copy of text (NULL for none or empty); false when out of memory. */
static bool keep_text(char **slot, const char *text)
{
    free(*slot);
    *slot = text && text[0] ? strdup(text) : NULL;
    return !(text && text[0]) || *slot;
}

int ly_store_available(const char *gpkg, const ly_district *d, char (*out)[16], char **contact,
                       char **note, char *err, size_t n)
{
    for (size_t r = 0; r < d->n_records; r++) {
        out[r][0] = '\0';
        if (contact)
            contact[r] = NULL;
        if (note)
            note[r] = NULL;
    }
    if (!d->n_weeks)
        return 0;
    sqlite3 *db;
    if (ly_store_open(&db, gpkg, false, err, n))
        return -1;
    char week[16];
    ly_week_format(d->weeks[d->week], week, sizeof week);
    sqlite3_stmt *st;
    int rc = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT week, building_id, floor_from, floor_to, available_from,"
                           " contact, note FROM weekly_reports WHERE replaced_by IS NULL AND week <= ?"
                           " ORDER BY week, building_id, fid",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, week, -1, SQLITE_STATIC);
        char last_week[16] = "", last_building[256] = "";
        int step;
        bool mem = true;
        while (mem && (step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *w = (const char *)sqlite3_column_text(st, 0);
            const char *id = (const char *)sqlite3_column_text(st, 1);
            long b = ly_district_find(d, id);
            if (!w || b < 0)
                continue;
            const ly_building *bl = &d->buildings[b];
            /* a building's report for a week replaces what it said before */
            if (strcmp(w, last_week) || strcmp(id, last_building))
                for (uint32_t r = bl->first_record; r < bl->first_record + bl->n_records; r++) {
                    out[r][0] = '\0';
                    if (contact)
                        keep_text(&contact[r], NULL);
                    if (note)
                        keep_text(&note[r], NULL);
                }
            snprintf(last_week, sizeof last_week, "%s", w);
            snprintf(last_building, sizeof last_building, "%s", id);
            const char *av = (const char *)sqlite3_column_text(st, 4);
            long days;
            int from = sqlite3_column_int(st, 2), to = sqlite3_column_int(st, 3);
            const char *who = (const char *)sqlite3_column_text(st, 5);
            const char *what = (const char *)sqlite3_column_text(st, 6);
            for (uint32_t r = bl->first_record; r < bl->first_record + bl->n_records; r++)
                if (d->records[r].floor >= from && d->records[r].floor <= to) {
                    mem = mem && (!contact || keep_text(&contact[r], who)) &&
                          (!note || keep_text(&note[r], what));
                    if (!av || !av[0])
                        continue;
                    if (ly_date_parse(av, &days)) {
                        int y, m, dd;
                        ly_date_from_days(days, &y, &m, &dd);
                        snprintf(out[r], 16, "%04d-%02d-%02d", y, m, dd);
                    } else {
                        snprintf(out[r], 16, "now"); /* "now", "立即", ... */
                    }
                }
        }
        rc = mem && step == SQLITE_DONE ? 0 : -1;
        if (rc)
            snprintf(err, n, "%s", mem ? sqlite3_errmsg(db) : "out of memory");
    } else {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
