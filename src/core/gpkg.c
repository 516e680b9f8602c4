#include "gpkg.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ly_gpkg_exec(sqlite3 *db, const char *sql, char *err, size_t n)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    snprintf(err, n, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

/* The tables and rows that make an SQLite file a GeoPackage (OGC 12-128r18). */
static const char *const CORE =
    "PRAGMA application_id = 1196444487;" /* "GPKG" */
    "PRAGMA user_version = 10300;"         /* GeoPackage 1.3.0 */
    "CREATE TABLE gpkg_spatial_ref_sys ("
    " srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,"
    " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
    " definition TEXT NOT NULL, description TEXT);"
    "INSERT INTO gpkg_spatial_ref_sys VALUES"
    " ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',"
    "  'undefined cartesian coordinate reference system'),"
    " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',"
    "  'undefined geographic coordinate reference system'),"
    " ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
    "  'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
    "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
    "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\","
    "\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]',"
    "  'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');"
    "CREATE TABLE gpkg_contents ("
    " table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
    " identifier TEXT UNIQUE, description TEXT DEFAULT '',"
    " last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
    " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
    "CREATE TABLE gpkg_geometry_columns ("
    " table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,"
    " srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
    " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
    " CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
    " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
    " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));";

int ly_gpkg_init(sqlite3 *db, char *err, size_t n)
{
    return ly_gpkg_exec(db, CORE, err, n);
}

int ly_gpkg_register(sqlite3 *db, const char *table, const char *identifier,
                     const char *description, const char *geometry, const char *type,
                     const double bounds[4], char *err, size_t n)
{
    sqlite3_stmt *st;
    const char *sql = "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
                      " min_x, min_y, max_x, max_y, srs_id) VALUES (?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, geometry ? "features" : "attributes", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, identifier, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, description, -1, SQLITE_STATIC);
    if (geometry && bounds) {
        for (int k = 0; k < 4; k++)
            sqlite3_bind_double(st, 5 + k, bounds[k]);
        sqlite3_bind_int(st, 9, 4326);
    }
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return -1;
    }
    if (!geometry)
        return 0;
    char q[512];
    snprintf(q, sizeof q,
             "INSERT INTO gpkg_geometry_columns VALUES ('%s', '%s', '%s', 4326, 0, 0)", table,
             geometry, type);
    return ly_gpkg_exec(db, q, err, n);
}

/* ---- geometry blobs ------------------------------------------------------------------ */

typedef struct {
    unsigned char *p;
    size_t len, cap;
    bool failed;
} blob;

static void put(blob *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 64;
        unsigned char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

/* Little-endian on every machine louyu builds for (x86-64, arm64): WKB byte order 1. */
static void put_u32(blob *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(b, x, 4);
}

static void put_f64(blob *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    unsigned char x[8];
    for (int k = 0; k < 8; k++)
        x[k] = (unsigned char)(u >> (8 * k));
    put(b, x, 8);
}

/* Twice the signed area of ring r (lon/lat). */
static double ring_area2(const ly_district *d, const ly_ring *r)
{
    double a = 0;
    const double *p = d->points + 2 * (size_t)r->first_point;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        a += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
    return a;
}

/* Whether (x, y) lies on an edge of polygon q's rings, within about a millimetre. */
static bool on_outline(const ly_district *d, const ly_polygon *q, double x, double y)
{
    const double tol = 1e-8; /* degrees */
    for (uint32_t r = q->first_ring; r < q->first_ring + q->n_rings; r++) {
        const ly_ring *rg = &d->rings[r];
        const double *p = d->points + 2 * (size_t)rg->first_point;
        for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points; j = i++) {
            double ax = p[2 * j], ay = p[2 * j + 1], bx = p[2 * i], by = p[2 * i + 1];
            double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
            double t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double ex = ax + t * dx - x, ey = ay + t * dy - y;
            if (ex * ex + ey * ey <= tol * tol)
                return true;
        }
    }
    return false;
}

/* Whether polygon p's outline lies within polygon q: each corner inside q or on its
 * outline, and p the smaller (of two the same, the later). */
static bool shell_within(const ly_district *d, uint32_t p, uint32_t q)
{
    const ly_polygon *pp = &d->polygons[p], *qq = &d->polygons[q];
    if (!pp->n_rings || !qq->n_rings)
        return false;
    double ap = fabs(ring_area2(d, &d->rings[pp->first_ring]));
    double aq = fabs(ring_area2(d, &d->rings[qq->first_ring]));
    if (ap > aq || (ap == aq && p < q))
        return false;
    const ly_ring *o = &d->rings[pp->first_ring];
    for (uint32_t k = 0; k < o->n_points; k++) {
        const double *pt = d->points + 2 * ((size_t)o->first_point + k);
        if (!ly_polygon_contains(d, d->points, qq, pt[0], pt[1]) && !on_outline(d, qq, pt[0], pt[1]))
            return false;
    }
    return true;
}

/* A copy of polygons first .. first + count of d (as 0 .. count, with their rings and
 * points and nothing else) whose longitudes west of 0 are moved east of 180°
 * (-179.9999 as 180.0001), for a geometry across 180°: its longitudes span more than
 * 180°, the model's own test for a building that lies the short way round. A GIS tool
 * draws an edge from 179.9999 to -179.9999 the long way, round the earth; unwrapped, the
 * ring is the small shape it is, and the loaders take such longitudes back. The copy's
 * arrays are malloc'd: free them with unwrapped_free. -1 when out of memory. */
static int unwrapped(const ly_district *d, uint32_t first, uint32_t count, ly_district *v)
{
    size_t rings = 0, points = 0;
    for (uint32_t p = first; p < first + count; p++)
        for (uint32_t r = 0; r < d->polygons[p].n_rings; r++) {
            rings++;
            points += d->rings[d->polygons[p].first_ring + r].n_points;
        }
    *v = *d;
    v->polygons = malloc(count * sizeof *v->polygons);
    v->rings = malloc((rings ? rings : 1) * sizeof *v->rings);
    v->points = malloc((points ? points : 1) * 2 * sizeof *v->points);
    if (!v->polygons || !v->rings || !v->points)
        return -1;
    v->n_polygons = count, v->n_rings = rings, v->n_points = points;
    size_t at_ring = 0, at_point = 0;
    for (uint32_t p = 0; p < count; p++) {
        const ly_polygon *pg = &d->polygons[first + p];
        v->polygons[p] = *pg;
        v->polygons[p].first_ring = (uint32_t)at_ring;
        for (uint32_t r = pg->first_ring; r < pg->first_ring + pg->n_rings; r++) {
            const ly_ring *rg = &d->rings[r];
            v->rings[at_ring] = *rg;
            v->rings[at_ring++].first_point = (uint32_t)at_point;
            for (uint32_t k = 0; k < rg->n_points; k++, at_point++) {
                const double *pt = d->points + 2 * ((size_t)rg->first_point + k);
                v->points[2 * at_point] = pt[0] < 0 ? pt[0] + 360 : pt[0];
                v->points[2 * at_point + 1] = pt[1];
            }
        }
    }
    return 0;
}

static void unwrapped_free(ly_district *v)
{
    free(v->polygons);
    free(v->rings);
    free(v->points);
}

/* The envelope (min x, max x, min y, max y) of polygons first .. first + count, with
 * longitudes west of 0 plus 360 where unwrap. */
static void envelope(const ly_district *d, uint32_t first, uint32_t count, bool unwrap,
                     double box[4])
{
    box[0] = box[2] = DBL_MAX;
    box[1] = box[3] = -DBL_MAX;
    for (uint32_t p = first; p < first + count; p++)
        for (uint32_t r = d->polygons[p].first_ring; r < d->polygons[p].first_ring + d->polygons[p].n_rings; r++)
            for (uint32_t k = 0; k < d->rings[r].n_points; k++) {
                const double *pt = d->points + 2 * ((size_t)d->rings[r].first_point + k);
                double x = unwrap && pt[0] < 0 ? pt[0] + 360 : pt[0];
                box[0] = x < box[0] ? x : box[0];
                box[1] = x > box[1] ? x : box[1];
                box[2] = pt[1] < box[2] ? pt[1] : box[2];
                box[3] = pt[1] > box[3] ? pt[1] : box[3];
            }
}

void ly_gpkg_envelope(const ly_district *d, uint32_t first, uint32_t count, double box[4])
{
    envelope(d, first, count, false, box);
    if (box[1] - box[0] > 180)
        envelope(d, first, count, true, box);
}

static unsigned char *multipolygon(const ly_district *d, uint32_t first, uint32_t count,
                                   size_t *len)
{
    double box[4];
    envelope(d, first, count, false, box);
    /* the shells of their own: not those within another */
    bool *within = calloc(count ? count : 1, sizeof *within);
    if (!within)
        return NULL;
    uint32_t shells = count;
    for (uint32_t i = 0; i < count && count > 1; i++)
        for (uint32_t j = 0; j < count && !within[i]; j++)
            if (i != j && !within[j] && shell_within(d, first + i, first + j)) {
                within[i] = true;
                shells--;
            }
    blob b = {0};
    /* the GeoPackage header: "GP", version 0, flags (little-endian, an xy envelope), SRS */
    unsigned char head[4] = {'G', 'P', 0, 0x03};
    put(&b, head, 4);
    put_u32(&b, 4326);
    for (int k = 0; k < 4; k++)
        put_f64(&b, box[k]);
    unsigned char le = 1;
    put(&b, &le, 1);
    put_u32(&b, 6); /* MultiPolygon */
    put_u32(&b, shells);
    for (uint32_t p = first; p < first + count; p++) {
        const ly_polygon *pg = &d->polygons[p];
        if (within[p - first])
            continue;
        put(&b, &le, 1);
        put_u32(&b, 3); /* Polygon */
        put_u32(&b, pg->n_rings);
        for (uint32_t r = pg->first_ring; r < pg->first_ring + pg->n_rings; r++) {
            const ly_ring *ring = &d->rings[r];
            put_u32(&b, ring->n_points + 1); /* closed: the first point again */
            for (uint32_t k = 0; k <= ring->n_points; k++) {
                const double *pt = d->points + 2 * (ring->first_point + k % ring->n_points);
                put_f64(&b, pt[0]);
                put_f64(&b, pt[1]);
            }
        }
    }
    free(within);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    *len = b.len;
    return b.p;
}

unsigned char *ly_gpkg_multipolygon(const ly_district *d, uint32_t first, uint32_t count,
                                    size_t *len)
{
    double box[4];
    envelope(d, first, count, false, box);
    if (box[1] - box[0] <= 180)
        return multipolygon(d, first, count, len);
    ly_district v; /* across 180° */
    unsigned char *out = NULL;
    if (unwrapped(d, first, count, &v) == 0)
        out = multipolygon(&v, 0, count, len);
    unwrapped_free(&v);
    return out;
}
