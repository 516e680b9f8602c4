/* GeoPackages that other tools wrote (gisfile.h): each feature table's rows as GeoJSON
 * text in WGS 84, loaded as plain GeoJSON; the loader's messages then moved to the table,
 * feature id and column they are about. The formats: OGC GeoPackage 1.3's geometry blob
 * (a "GP" header, then ISO WKB; GDAL's extended WKB flags read too). */
#include "louyu/gisfile.h"
#include "feature_text.h"
#include "vocab.h"
#include "louyu/csv.h" /* ly_utf8_invalid_at */
#include "load_private.h"
#include "louyu/store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <proj.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_TABLES = 64, MAX_COLUMNS = 512, MAX_DEPTH = 8 };

typedef struct {
    char name[128], geom[128];
    PJ *pj; /* its system to WGS 84 longitude and latitude; NULL: already that */
    char system[200]; /* its name, for messages */
    ly_ft_span span;  /* its positions as the table gives them */
} table;

typedef struct {
    uint16_t table;
    int64_t fid;
} row_ref;

typedef struct {
    sqlite3 *db;
    ly_diag_list *diags;
    PJ_CONTEXT *ctx;
    table tables[MAX_TABLES];
    int n_tables;
    ly_buf out;
    size_t *starts; /* each feature's offset in out */
    row_ref *rows;
    size_t n, cap;
    bool skip_bad; /* ly_load_desc's: a row whose geometry is not one is left out */
    size_t bad_rows;
} reader;

/* ---- WKB ----------------------------------------------------------------------------- */

typedef struct {
    const unsigned char *p;
    size_t n, at;
    bool le;
    int dims; /* numbers a point: 2, 3 (z or m), 4 */
    PJ *pj;
    ly_ft_span *span; /* (its table's) */
    char bad[96]; /* what is wrong, when it is not that the blob is cut short */
    bool outside; /* a position outside pj's system: the first */
    double ox, oy;
    bool across; /* longitudes across 180° written unwrapped: brought back within ±180 */
} wkb;

static bool u32(wkb *w, uint32_t *v)
{
    if (w->n - w->at < 4)
        return false;
    const unsigned char *b = w->p + w->at;
    *v = w->le ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
               : (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
    w->at += 4;
    return true;
}

static double f64(wkb *w)
{
    uint64_t u = 0;
    const unsigned char *b = w->p + w->at;
    for (int k = 0; k < 8; k++)
        u = u << 8 | b[w->le ? 7 - k : k];
    w->at += 8;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* A count of things at least `each` bytes long that the rest of the blob can hold. */
static bool count(wkb *w, size_t each, uint32_t *n)
{
    return u32(w, n) && *n <= (w->n - w->at) / each;
}

static bool point(ly_buf *out, wkb *w)
{
    if (w->n - w->at < (size_t)w->dims * 8)
        return false;
    double x = f64(w), y = f64(w);
    w->at += (size_t)(w->dims - 2) * 8; /* z, m: not read */
    if (!isfinite(x) || !isfinite(y)) {
        snprintf(w->bad, sizeof w->bad, "a coordinate is %s",
                 isnan(isfinite(x) ? y : x) ? "NaN" : "infinite");
        return false;
    }
    ly_ft_span_add(w->span, x, y);
    if (w->across && fabs(x) > 180)
        x -= copysign(360, x);
    if (!ly_ft_put_position(out, w->pj, x, y) && !w->outside) {
        w->outside = true;
        w->ox = x;
        w->oy = y;
    }
    return true;
}

static bool points(ly_buf *out, wkb *w)
{
    uint32_t n;
    if (!count(w, (size_t)w->dims * 8, &n))
        return false;
    ly_buf_put(out, "[");
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            ly_buf_put(out, ",");
        if (!point(out, w))
            return false;
    }
    ly_buf_put(out, "]");
    return true;
}

static bool rings(ly_buf *out, wkb *w)
{
    uint32_t n;
    if (!count(w, 4, &n))
        return false;
    ly_buf_put(out, "[");
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            ly_buf_put(out, ",");
        if (!points(out, w))
            return false;
    }
    ly_buf_put(out, "]");
    return true;
}

/* A geometry's header: byte order, type (ISO's thousands or GDAL's flags for z and m). */
static bool header(wkb *w, uint32_t *base)
{
    if (w->at >= w->n || w->p[w->at] > 1)
        return false;
    w->le = w->p[w->at++] == 1;
    uint32_t t;
    if (!u32(w, &t))
        return false;
    int extra = (t & 0x80000000u ? 1 : 0) + (t & 0x40000000u ? 1 : 0);
    uint32_t srid;
    if ((t & 0x20000000u) && !u32(w, &srid))
        return false;
    t &= 0x1FFFFFFFu;
    extra += t / 1000 == 3 ? 2 : t / 1000 ? 1 : 0;
    *base = t % 1000;
    w->dims = 2 + extra;
    return t / 1000 <= 3 && extra <= 2;
}

static const char *const TYPES[] = {NULL, "Point", "LineString", "Polygon", "MultiPoint",
                                    "MultiLineString", "MultiPolygon", "GeometryCollection"};

/* ISO's curved and surface types (8 to 17), which louyu does not read. */
static const char *const CURVES[] = {"CircularString", "CompoundCurve",     "CurvePolygon",
                                     "MultiCurve",     "MultiSurface",      "Curve",
                                     "Surface",        "PolyhedralSurface", "TIN",
                                     "Triangle"};

/* One geometry as GeoJSON; false when the blob is not WKB (*curve NULL), or is a curve or
 * surface (*curve its type's name). */
static bool geometry(ly_buf *out, wkb *w, int depth, const char **curve)
{
    uint32_t base;
    bool read = depth <= MAX_DEPTH && header(w, &base);
    if (read && base >= 8 && base <= 17)
        *curve = CURVES[base - 8];
    else if (read && (base < 1 || base > 7))
        snprintf(w->bad, sizeof w->bad, "an unknown WKB geometry type %u", base);
    if (!read || base < 1 || base > 7)
        return false;
    ly_buf_printf(out, "{\"type\":\"%s\",\"%s\":", TYPES[base],
                  base == 7 ? "geometries" : "coordinates");
    bool ok = true;
    if (base == 1) {
        ok = point(out, w);
    } else if (base == 2) {
        ok = points(out, w);
    } else if (base == 3) {
        ok = rings(out, w);
    } else { /* a collection of whole geometries: each part's own header */
        uint32_t n;
        ok = count(w, 5, &n);
        ly_buf_put(out, "[");
        for (uint32_t i = 0; ok && i < n; i++) {
            if (i)
                ly_buf_put(out, ",");
            uint32_t part;
            if (base == 7) {
                ok = geometry(out, w, depth + 1, curve);
                continue;
            }
            ok = header(w, &part) && part == base - 3; /* MultiPoint holds Points, ... */
            ok = ok && (part == 1 ? point(out, w) : part == 2 ? points(out, w) : rings(out, w));
        }
        ly_buf_put(out, "]");
    }
    ly_buf_put(out, "}");
    return ok;
}

/* Whether a blob's envelope says its geometry lies across 180° with its longitudes
 * unwrapped (ly_lon_unwrapped), as a louyu store's buildings layer and GIS tools write one. */
static bool across_180(const unsigned char *p, bool le)
{
    wkb e = {.p = p, .n = 24, .at = 8, .le = le};
    double lo = f64(&e), hi = f64(&e);
    return ly_lon_unwrapped(lo, hi);
}

/* A GeoPackage geometry blob as GeoJSON ("null" for none or an empty one); false when it
 * is not one, with what is wrong and what was expected into why. */
static bool put_blob(ly_buf *out, table *t, const unsigned char *p, size_t n, char *why,
                     size_t why_n)
{
    if (!p) {
        ly_buf_put(out, "null");
        return true;
    }
    static const char EXPECTED[] = "expected a GeoPackage geometry (a \"GP\" header, then WKB of "
                                   "points, lines or polygons)";
    if (n < 8 || p[0] != 'G' || p[1] != 'P') {
        snprintf(why, why_n, "%s: %s", n < 8 ? "a blob too short for a geometry"
                                     : p[0] == 0 || p[0] == 1 ? "WKB without the \"GP\" header"
                                     : "not a GeoPackage geometry (no \"GP\" header)", EXPECTED);
        return false;
    }
    static const size_t ENVELOPE[8] = {0, 32, 48, 48, 64, 0, 0, 0};
    unsigned flags = p[3], env = (flags >> 1) & 7;
    if (env > 4 || n < 8 + ENVELOPE[env]) {
        snprintf(why, why_n, "%s %u: %s", env > 4 ? "an envelope of unknown kind"
                                                  : "a blob shorter than its envelope of kind",
                 env, EXPECTED);
        return false;
    }
    if (flags & 0x10) { /* empty */
        ly_buf_put(out, "null");
        return true;
    }
    wkb w = {.p = p, .n = n, .at = 8 + ENVELOPE[env], .pj = t->pj, .span = &t->span};
    w.across = !t->pj && env && across_180(p, flags & 1);
    const char *curve = NULL;
    if (geometry(out, &w, 0, &curve) && !w.outside)
        return true;
    if (w.outside) {
        ly_ft_outside_system(why, why_n, w.ox, w.oy, t->system);
        return false;
    }
    if (curve)
        snprintf(why, why_n, "a %s, which louyu does not read: expected points, lines or polygons "
                 "(%s)", curve,
                 !strcmp(curve, "PolyhedralSurface") || !strcmp(curve, "TIN") ||
                         !strcmp(curve, "Triangle")
                     ? "ogr2ogr -nlt MULTIPOLYGON turns surfaces into polygons"
                     : "ogr2ogr -nlt CONVERT_TO_LINEAR turns curves into lines");
    else if (w.bad[0])
        snprintf(why, why_n, "%s: expected points, lines or polygons of finite longitude and "
                 "latitude (or x and y)", w.bad);
    else
        snprintf(why, why_n, "its WKB is cut short or damaged: %s", EXPECTED);
    return false;
}

/* ---- the tables ------------------------------------------------------------------------ */

/* A table's system (its geometry column's srs_id in gpkg_spatial_ref_sys) as the
 * transformation to WGS 84; false (said) when PROJ cannot place it. */
static bool table_system(reader *r, table *t, int srs, const char *org, int code,
                         const char *def, bool listed)
{
    if (!listed && srs != -1 && srs != 0) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "table %s's srs_id %d is not in gpkg_spatial_ref_sys: expected a row there "
                    "for each srs_id a geometry column uses", t->name, srs);
        return false;
    }
    bool wgs84 = srs == 4326 || srs == 0 || (org && !strcasecmp(org, "EPSG") && code == 4326);
    if (srs == -1)
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "table %s has no reference system (srs_id -1): its coordinates are taken "
                    "for WGS 84 longitude and latitude", t->name);
    if (wgs84 || srs == -1)
        return true;
    if (!r->ctx && (r->ctx = proj_context_create()))
        proj_log_level(r->ctx, PJ_LOG_NONE);
    char epsg[32];
    snprintf(epsg, sizeof epsg, "EPSG:%d", code);
    snprintf(t->system, sizeof t->system, "the table's system (srs_id %d, %s %d)", srs,
             org ? org : "no organisation", code);
    bool geocentric = false;
    if (r->ctx && org && !strcasecmp(org, "EPSG"))
        t->pj = ly_crs_to_wgs84(r->ctx, epsg, &geocentric);
    if (r->ctx && !t->pj && def && strcasecmp(def, "undefined"))
        t->pj = ly_crs_to_wgs84(r->ctx, def, &geocentric);
    if (t->pj && !geocentric)
        return true;
    ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                "table %s's reference system (srs_id %d, %s %d) is one PROJ cannot transform "
                "to WGS 84: expected a system PROJ knows (or convert the file: ogr2ogr -t_srs "
                "EPSG:4326 out.gpkg in.gpkg)", t->name, srs, org ? org : "no organisation", code);
    return false;
}

/* The feature tables and their geometry columns and systems; false (said) for none. */
static bool find_tables(reader *r)
{
    sqlite3_stmt *st;
    const char *sql =
        "SELECT c.table_name, g.column_name, g.srs_id, s.organization,"
        " s.organization_coordsys_id, s.definition, s.srs_id IS NOT NULL FROM gpkg_contents c"
        " JOIN gpkg_geometry_columns g ON g.table_name = c.table_name"
        " LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
        " WHERE c.data_type = 'features' ORDER BY c.rowid";
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the GeoPackage's tables of contents cannot be read (%s): expected "
                    "gpkg_contents and gpkg_geometry_columns, as GeoPackage 1.x has them",
                    sqlite3_errmsg(r->db));
        return false;
    }
    bool ok = true;
    while (ok && r->n_tables < MAX_TABLES && sqlite3_step(st) == SQLITE_ROW) {
        table *t = &r->tables[r->n_tables++];
        snprintf(t->name, sizeof t->name, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(t->geom, sizeof t->geom, "%s", (const char *)sqlite3_column_text(st, 1));
        ok = table_system(r, t, sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3),
                          sqlite3_column_int(st, 4), (const char *)sqlite3_column_text(st, 5),
                          sqlite3_column_int(st, 6) != 0);
    }
    sqlite3_finalize(st);
    if (ok && !r->n_tables)
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the GeoPackage has no feature tables: expected a layer of buildings "
                    "(gpkg_contents lists none with data_type 'features')");
    return ok && r->n_tables;
}

/* "name" as an SQL identifier. */
static void quoted(char *out, size_t n, const char *name)
{
    size_t k = 0;
    out[k++] = '"';
    for (const char *p = name; *p && k + 3 < n; p++) {
        if (*p == '"')
            out[k++] = '"';
        out[k++] = *p;
    }
    out[k++] = '"';
    out[k] = '\0';
}

/* Column c of the row as a JSON value (a blob: left out, false). */
/* louyu's properties that are arrays or objects: GDAL keeps them as JSON text (a column
 * of subtype JSON), read back as what they are. */
static bool structured_key(const char *key)
{
    static const char *const KEYS[] = {"floor_records", "enterprises", "parts",
                                       "floor_heights", "contact",     "services", "names"};
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (!strcmp(key, KEYS[i]))
            return true;
    return false;
}

/* GDAL's text for a list of numbers (an IntegerList or RealList field, as it writes a
 * GeoJSON array of numbers): "(3:6,5,4.5)", as the JSON array it was; false when s is
 * not one. */
static bool put_number_list(ly_buf *out, const char *s, size_t n)
{
    char *end;
    if (n < 4 || s[0] != '(' || s[n - 1] != ')')
        return false;
    errno = 0;
    long count = strtol(s + 1, &end, 10);
    if (end == s + 1 || *end != ':' || count < 0 || errno)
        return false;
    size_t mark = out->len;
    ly_buf_put(out, "[");
    const char *p = end + 1, *stop = s + n - 1;
    long got = 0;
    while (p < stop) {
        double x = strtod(p, &end);
        if (end == p || end > stop || !isfinite(x) || (*end != ',' && end != stop))
            break;
        ly_buf_printf(out, got ? ",%.17g" : "%.17g", x);
        got++;
        p = end + (end < stop);
    }
    if (p < stop || got != count) {
        out->len = mark; /* not one: the text as it is */
        return false;
    }
    ly_buf_put(out, "]");
    return true;
}

static bool put_column(ly_buf *out, sqlite3_stmt *st, int c, const char *key)
{
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_INTEGER:
        ly_buf_printf(out, "%lld", (long long)sqlite3_column_int64(st, c));
        return true;
    case SQLITE_FLOAT: {
        double x = sqlite3_column_double(st, c);
        if (isfinite(x))
            ly_buf_printf(out, "%.17g", x);
        else
            ly_buf_put(out, "null");
        return true;
    }
    case SQLITE_TEXT: {
        const char *s = (const char *)sqlite3_column_text(st, c);
        int n = sqlite3_column_bytes(st, c);
        const char *nul = s ? memchr(s, '\0', (size_t)n) : NULL;
        if (nul) /* text ends at a NUL, as every C reader of the file takes it */
            n = (int)(nul - s);
        int lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\n' || s[lead] == '\r'))
            lead++;
        const char *end = NULL;
        cJSON *j = lead < n && (s[lead] == '[' || s[lead] == '{') && structured_key(key)
                       ? cJSON_ParseWithLengthOpts(s, (size_t)n, &end, false)
                       : NULL;
        while (j && end < s + n && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
            end++;
        if (j && end == s + n && !memchr(s, '\0', (size_t)n)) /* the array or object it holds */
            ly_buf_putn(out, s, (size_t)n);
        else if (n && structured_key(key) && put_number_list(out, s, (size_t)n))
            ;
        else if (n)
            ly_ft_put_string(out, s, (size_t)n);
        else
            ly_buf_put(out, "null"); /* blank text is no value */
        cJSON_Delete(j);
        return true;
    }
    case SQLITE_NULL:
        ly_buf_put(out, "null");
        return true;
    default:
        return false;
    }
}

/* A row's fault, said at its table and feature id. */
static void row_error(reader *r, const table *t, int64_t fid, const char *what)
{
    ly_diag *d = ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                             "table %s, fid %lld, %s: %s", t->name, (long long)fid, t->geom, what);
    if (d) {
        d->line = fid > 0 && fid < INT32_MAX ? (int)fid : 0;
        d->col = 0;
    }
}

/* The columns' names as properties; which column is the geometry and which the fid. */
typedef struct {
    char keys[MAX_COLUMNS][64];
    int n, geom, fid;
    bool id; /* a column gives the loader its ids */
} columns;

/* A text cell of the row that is not UTF-8 (up to a NUL, where its text ends), said at its
 * table, fid and column (the column's place among the row's properties); false when all
 * are. */
static bool bad_text(reader *r, const table *t, const columns *cols, sqlite3_stmt *st, int64_t fid)
{
    int place = 0;
    for (int i = 0; i < cols->n; i++) {
        if (i == cols->geom || i == cols->fid || sqlite3_column_type(st, i) == SQLITE_BLOB)
            continue;
        place++;
        if (sqlite3_column_type(st, i) != SQLITE_TEXT)
            continue;
        const unsigned char *s = sqlite3_column_text(st, i);
        size_t n = (size_t)sqlite3_column_bytes(st, i);
        const unsigned char *nul = s ? memchr(s, '\0', n) : NULL;
        n = nul ? (size_t)(nul - s) : n;
        size_t at = s ? ly_utf8_invalid_at(s, n) : n;
        if (at == n)
            continue;
        ly_diag *d = ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                                 "table %s, fid %lld, column %s: invalid UTF-8 (byte 0x%02X at "
                                 "byte %zu of the text): expected UTF-8 text, as a GeoPackage "
                                 "holds it",
                                 t->name, (long long)fid, cols->keys[i], s[at], at + 1);
        if (d) {
            d->line = fid > 0 && fid < INT32_MAX ? (int)fid : 0;
            d->col = place;
        }
        return true;
    }
    return false;
}

static void read_columns(reader *r, const table *t, sqlite3_stmt *st, columns *c)
{
    c->n = sqlite3_column_count(st) < MAX_COLUMNS ? sqlite3_column_count(st) : MAX_COLUMNS;
    c->geom = c->fid = -1;
    c->id = false;
    char sql[400], q[300];
    quoted(q, sizeof q, t->name);
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info(%s) WHERE pk = 1", q);
    sqlite3_stmt *pk;
    const char *pk_name = NULL;
    if (sqlite3_prepare_v2(r->db, sql, -1, &pk, NULL) == SQLITE_OK && sqlite3_step(pk) == SQLITE_ROW)
        pk_name = (const char *)sqlite3_column_text(pk, 0);
    for (int i = 0; i < c->n; i++) {
        const char *name = sqlite3_column_name(st, i);
        snprintf(c->keys[i], sizeof c->keys[i], "%s", name ? name : "");
        /* (SQLite's column names are caseless: "GEOM" names the column geom) */
        if (c->geom < 0 && !strcasecmp(c->keys[i], t->geom))
            c->geom = i;
        else if (pk_name && !strcasecmp(c->keys[i], pk_name))
            c->fid = i;
        ly_vocab_column_key(c->keys[i], sizeof c->keys[i]);
        for (int j = 0; j < i; j++) /* a name taken: the column keeps its own */
            if (!strcmp(c->keys[j], c->keys[i]))
                snprintf(c->keys[i], sizeof c->keys[i], "%.50s_%d", c->keys[j], i + 1);
        c->id |= i != c->geom && i != c->fid && ly_ft_id_key(c->keys[i]);
    }
    sqlite3_finalize(pk);
}

/* One table's rows as Features; false when a row's geometry is not one (said). */
static bool write_table(reader *r, int ti)
{
    table *t = &r->tables[ti];
    char sql[400], q[300];
    quoted(q, sizeof q, t->name);
    snprintf(sql, sizeof sql, "SELECT * FROM %s", q);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1, "table %s cannot be read: %s", t->name,
                    sqlite3_errmsg(r->db));
        return false;
    }
    columns *cols = malloc(sizeof *cols); /* (large for a stack) */
    bool ok = cols != NULL;
    if (cols)
        read_columns(r, t, st, cols);
    if (cols && cols->geom < 0) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "table %s: its geometry column \"%s\" (as gpkg_geometry_columns names it) is "
                    "not one of its columns: expected the name of the column that holds its "
                    "geometry", t->name, t->geom);
        ok = false;
    }
    int rc;
    bool read = ok; /* (a bad row is said, and the rest are still checked) */
    while (read && (rc = sqlite3_step(st)) == SQLITE_ROW && !r->out.failed) {
        int64_t fid = cols->fid >= 0 ? sqlite3_column_int64(st, cols->fid) : (int64_t)r->n + 1;
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 1024;
            size_t *s2 = realloc(r->starts, r->cap * sizeof *s2);
            if (s2)
                r->starts = s2;
            row_ref *r2 = s2 ? realloc(r->rows, r->cap * sizeof *r2) : NULL;
            if (!r2) {
                r->out.failed = true; /* (said as out of memory) */
                break;
            }
            r->rows = r2;
        }
        /* text that is not UTF-8 is the row's fault, said at its column: with --skip-bad
         * the row is left out, as one with a broken geometry is */
        size_t diags_from = r->diags->count, errors_from = r->diags->errors;
        if (bad_text(r, t, cols, st, fid)) {
            if (r->skip_bad)
                ly_diag_demote(r->diags, diags_from, errors_from, " (the row is left out)");
            else
                ok = false;
            r->bad_rows++;
            continue;
        }
        size_t start = r->out.len;
        ly_buf_put(&r->out, r->n ? ",{\"type\":\"Feature\"," : "{\"type\":\"Feature\",");
        if (!cols->id && r->n_tables > 1) /* no column for ids: the table's fid */
            ly_buf_printf(&r->out, "\"id\":\"%s/%lld\",", t->name, (long long)fid);
        else if (!cols->id)
            ly_buf_printf(&r->out, "\"id\":%lld,", (long long)fid);
        ly_buf_put(&r->out, "\"properties\":{");
        bool first = true;
        for (int i = 0; i < cols->n; i++) {
            if (i == cols->geom || i == cols->fid || sqlite3_column_type(st, i) == SQLITE_BLOB)
                continue;
            ly_buf_put(&r->out, first ? "" : ",");
            first = false;
            ly_ft_put_string(&r->out, cols->keys[i], strlen(cols->keys[i]));
            ly_buf_put(&r->out, ":");
            put_column(&r->out, st, i, cols->keys[i]);
        }
        ly_buf_put(&r->out, "},\"geometry\":");
        const unsigned char *g = cols->geom >= 0 ? sqlite3_column_blob(st, cols->geom) : NULL;
        int gn = cols->geom >= 0 ? sqlite3_column_bytes(st, cols->geom) : 0;
        char why[600];
        if (!put_blob(&r->out, t, g, (size_t)gn, why, sizeof why)) {
            row_error(r, t, fid, why);
            r->out.len = start;
            if (r->skip_bad) /* left out, as a feature with errors is */
                ly_diag_demote(r->diags, diags_from, errors_from, " (the row is left out)");
            else
                ok = false;
            r->bad_rows++;
            continue;
        }
        ly_buf_put(&r->out, "}\n");
        r->starts[r->n] = start;
        r->rows[r->n++] = (row_ref){(uint16_t)ti, fid};
    }
    sqlite3_finalize(st);
    free(cols);
    char hint[600];
    if (ly_ft_degrees_hint(r->ctx, t->pj, &t->span, t->system, hint, sizeof hint))
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1, "table %s: %s", t->name, hint);
    return ok;
}

/* ---- the district --------------------------------------------------------------------- */

/* Row k named as the messages name it. */
static void row_name(void *ctx, size_t k, char *buf, size_t n)
{
    const reader *r = ctx;
    snprintf(buf, n, "table %s, fid %lld", r->tables[r->rows[k].table].name,
             (long long)r->rows[k].fid);
}

/* The loader's message moved to its table, feature id and column: line the fid, column
 * the property's place (0: the geometry, or the feature as a whole); another row it names
 * by its fid too. */
/* The table's own name for the column louyu reads as `key` (建筑高度 for height), into key;
 * left as it is where none maps to it. */
static void column_shown(reader *r, const table *t, char *key, size_t n)
{
    char sql[400], q[300], k[64];
    quoted(q, sizeof q, t->name);
    snprintf(sql, sizeof sql, "SELECT * FROM %s LIMIT 0", q);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK)
        return;
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        snprintf(k, sizeof k, "%s", name ? name : "");
        ly_vocab_column_key(k, sizeof k);
        if (name && !strcmp(k, key)) {
            snprintf(key, n, "%s", name);
            break;
        }
    }
    sqlite3_finalize(st);
}

static void move_diag(void *ctx, ly_diag *d)
{
    reader *r = ctx;
    size_t k;
    int col;
    char key[80] = "", where[400];
    if (!ly_ft_feature_of(d, &r->out, r->starts, r->n, &k, &col, key, sizeof key))
        return;
    const table *t = &r->tables[r->rows[k].table];
    if (col > 0)
        column_shown(r, t, key, sizeof key);
    snprintf(where, sizeof where, "table %s, fid %lld%s%s", t->name, (long long)r->rows[k].fid,
             col > 0 ? ", column " : col < 0 ? ", " : "", col > 0 ? key : col < 0 ? t->geom : "");
    ly_ft_place(d, where, "the table's reference system (srs_id)", (long)r->rows[k].fid, col);
    ly_ft_name_other(d, r->n, row_name, r);
}

bool ly_gpkg_features_is(const char *path)
{
    if (!ly_store_is(path))
        return false;
    sqlite3 *db = NULL;
    bool is = false;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        bool louyu = sqlite3_prepare_v2(db, "SELECT 1 FROM louyu_document LIMIT 1", -1, &st,
                                        NULL) == SQLITE_OK;
        sqlite3_finalize(st);
        st = NULL;
        is = !louyu && sqlite3_prepare_v2(db, "SELECT 1 FROM gpkg_contents LIMIT 1", -1, &st,
                                          NULL) == SQLITE_OK;
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return is;
}

ly_load_result ly_gpkg_features_load_text(ly_district *out, const char *path,
                                          const ly_load_desc *desc, ly_diag_list *diags,
                                          char **text, size_t *len)
{
    memset(out, 0, sizeof *out);
    if (text)
        *text = NULL;
    reader r = {.diags = diags, .skip_bad = desc && desc->skip_bad};
    size_t errors = diags->errors;
    ly_load_result res = LY_LOAD_DATA;
    if (sqlite3_open_v2(path, &r.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "cannot open the GeoPackage: %s",
                    r.db ? sqlite3_errmsg(r.db) : "out of memory");
        res = LY_LOAD_IO;
    } else if (find_tables(&r)) {
        /* louyu's store without the district it keeps: a GDAL or QGIS copy of its layers
         * (they do not copy louyu_document), or the table dropped; read as another tool's
         * GeoPackage, its weeks are not read: said, not left unsaid */
        sqlite3_stmt *st = NULL;
        bool copy = sqlite3_prepare_v2(r.db, "SELECT 1 FROM weekly_reports LIMIT 1", -1, &st,
                                       NULL) == SQLITE_OK;
        if (copy)
            ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                        "it has louyu's weekly_reports but not the district a store keeps (table "
                        "louyu_document): read as another tool's GeoPackage, from its layers, "
                        "without the weekly reports, floors and enterprises; expected the "
                        "store's file itself (a GDAL or QGIS copy of its layers leaves that "
                        "table out: copy the file)");
        sqlite3_finalize(st);
        ly_buf_put(&r.out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
        bool ok = true;
        for (int i = 0; i < r.n_tables; i++)
            ok &= write_table(&r, i);
        ly_buf_put(&r.out, "]}\n");
        res = ly_ft_load(out, &r.out, path, desc, diags, errors, ok, r.bad_rows, move_diag, &r,
                         text, len);
        out->meta.store_layers_only = copy;
    }
    for (int i = 0; i < r.n_tables; i++)
        proj_destroy(r.tables[i].pj);
    if (r.ctx)
        proj_context_destroy(r.ctx);
    sqlite3_close(r.db);
    free(r.starts);
    free(r.rows);
    ly_buf_free(&r.out);
    return res;
}
