/* ly_gisfile: ESRI shapefiles (tests/data/wild/shapefile) and another tool's GeoPackage
 * (tests/data/wild/geopackage) read as districts: the table's encodings, Chinese and
 * upper-case column names, projected coordinates, holes and multipolygons, deleted rows;
 * and damaged or incomplete files told at the record (feature) and field (column) they
 * are about, or as the file's. */
#include "check.h"
#include "louyu/district.h"
#include "louyu/gisfile.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#define SHP_DIR LY_SOURCE_DIR "/tests/data/wild/shapefile/"

static char tmp[64];

static ly_load_result load(ly_district *d, const char *path, ly_diag_list *diags)
{
    ly_diag_list_init(diags, path);
    return ly_district_load(d, path, NULL, diags);
}

static bool read_file(const char *path, unsigned char **p, size_t *n)
{
    *p = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    *p = malloc(*n ? *n : 1);
    bool ok = *p && fread(*p, 1, *n, f) == *n;
    fclose(f);
    return ok;
}

static void write_file(const char *path, const unsigned char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(p, 1, n, f) == n);
    if (f)
        fclose(f);
}

/* The Chinese office's set copied to tmp/x.* with its .ext replaced (NULL: left out),
 * less the files named in `without` (".cpg.prj"). */
static void copy_set(const char *base, const char *without)
{
    static const char *const EXT[] = {"shp", "shx", "dbf", "prj", "cpg"};
    for (int i = 0; i < 5; i++) {
        char from[512], to[128], dot[8];
        snprintf(from, sizeof from, SHP_DIR "%s.%s", base, EXT[i]);
        snprintf(to, sizeof to, "%s/x.%s", tmp, EXT[i]);
        snprintf(dot, sizeof dot, ".%s", EXT[i]);
        unlink(to);
        unsigned char *p;
        size_t n;
        if (without && strstr(without, dot))
            continue;
        CHECK(read_file(from, &p, &n));
        write_file(to, p, n);
        free(p);
    }
}

static const ly_building *find(const ly_district *d, const char *id)
{
    for (size_t i = 0; i < d->n_buildings; i++)
        if (!strcmp(d->buildings[i].id, id))
            return &d->buildings[i];
    return NULL;
}

static void chinese_office(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load(&d, SHP_DIR "zhanshan-cgcs2000.shp", &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 3); /* the deleted third row left out */
    const ly_building *a = find(&d, "hx-01"), *b = find(&d, "hx-02"), *c = find(&d, "hx-04");
    CHECK(a && b && c && !find(&d, "hx-03"));
    if (a && b && c) {
        CHECK_STR(a->name, "海信大厦");
        CHECK_STR(a->address, "香港中路8号");
        CHECK_NEAR(a->height_m, 118.5, 1e-9);
        CHECK_INT(a->floors, 30);
        CHECK_INT(a->year, 2008);
        /* EPSG:4549 back to longitude and latitude: the corners as drawn (to ~1 cm) */
        CHECK_NEAR(a->lon_min, 120.38, 1e-7);
        CHECK_NEAR(a->lat_min, 36.06, 1e-7);
        CHECK_NEAR(a->lon_max, 120.3806, 1e-7);
        CHECK_NEAR(a->lat_max, 36.0605, 1e-7);
        CHECK_INT(d.polygons[b->first_polygon].n_rings, 2); /* the courtyard */
        CHECK_INT(c->n_polygons, 2);                       /* the twin towers */
        CHECK_INT(c->floors, 19);                          /* 层数 empty: 60 m / 3.2 m */
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void osm_extract(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load(&d, SHP_DIR "gis_osm_buildings_a_free_1.dbf", &diags), LY_LOAD_OK); /* its .dbf named */
    CHECK_INT(d.n_buildings, 3);
    const ly_building *m = find(&d, "4711");
    CHECK(m && !strcmp(m->name, "华润中心 Mixc") && !strcmp(m->type, "retail") &&
          d.polygons[m->first_polygon].n_rings == 2);
    CHECK(find(&d, "4712") && !find(&d, "4712")->name);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* Without a .cpg: GBK by the language driver, else by the text not being UTF-8 (a
 * warning); without a .prj: taken for longitude and latitude, which projected metres are
 * not (at the record's shape); no .dbf; a .shp cut short. */
static void incomplete(void)
{
    char shp[128], dbf[128];
    snprintf(shp, sizeof shp, "%s/x.shp", tmp);
    snprintf(dbf, sizeof dbf, "%s/x.dbf", tmp);
    ly_district d;
    ly_diag_list diags;
    copy_set("zhanshan-cgcs2000", ".cpg");
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_OK);
    CHECK(diags.warnings == 1 && strstr(diags.items[0].message, "GB18030"));
    CHECK(d.n_buildings == 3 && !strcmp(d.buildings[0].name, "海信大厦"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* a .cpg as ArcGIS writes it; one that says UTF-8 over a GBK table (said, read as GBK) */
    char cpg[128];
    snprintf(cpg, sizeof cpg, "%s/x.cpg", tmp);
    static const struct {
        const char *says;
        size_t warnings;
    } CPG[] = {{"ANSI 936\r\n", 0}, {"UTF-8", 1}};
    for (int k = 0; k < 2; k++) {
        write_file(cpg, (const unsigned char *)CPG[k].says, strlen(CPG[k].says));
        CHECK_INT(load(&d, shp, &diags), LY_LOAD_OK);
        CHECK(diags.warnings == CPG[k].warnings &&
              (!CPG[k].warnings || strstr(diags.items[0].message, "though its .cpg says so")));
        CHECK(d.n_buildings == 3 && !strcmp(d.buildings[0].name, "海信大厦"));
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    unlink(cpg);

    unsigned char *p;
    size_t n;
    CHECK(read_file(dbf, &p, &n) && n > 32);
    p[29] = 0x4D; /* dBASE's language driver for code page 936 */
    write_file(dbf, p, n);
    free(p);
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK(d.n_buildings == 3 && !strcmp(d.buildings[1].name, "中铁青岛中心"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    copy_set("zhanshan-cgcs2000", ".prj");
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_DATA);
    CHECK(diags.warnings >= 1 && strstr(diags.items[0].message, "no .prj"));
    bool at_shape = false;
    for (size_t i = 0; i < diags.count; i++)
        at_shape |= diags.items[i].line == 1 && diags.items[i].col == 0 &&
                    !strncmp(diags.items[i].message, "record 1, shape: ", 17);
    CHECK(at_shape);
    ly_diag_list_deinit(&diags);

    copy_set("zhanshan-cgcs2000", ".dbf");
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_IO);
    CHECK(diags.errors == 1 && strstr(diags.items[0].message, "table of attributes"));
    ly_diag_list_deinit(&diags);

    /* a damaged record (its part count past its end): refused, or with --skip-bad left out */
    copy_set("zhanshan-cgcs2000", NULL);
    CHECK(read_file(shp, &p, &n) && n > 200);
    p[108 + 36] = 0xFF, p[108 + 37] = 0xFF; /* record 1's number of parts */
    write_file(shp, p, n);
    free(p);
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_DATA);
    CHECK(diags.errors == 1 && diags.skippable == 1 && diags.items[0].line == 1 &&
          strstr(diags.items[0].message, "record 1, shape: its parts and points run past"));
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, shp);
    CHECK_INT(ly_district_load(&d, shp, &(ly_load_desc){.skip_bad = true}, &diags), LY_LOAD_OK);
    CHECK(diags.errors == 0 && diags.warnings == 1 && d.n_buildings == 2 &&
          strstr(diags.items[0].message, "(the record is left out)"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    copy_set("zhanshan-cgcs2000", NULL);
    CHECK(read_file(shp, &p, &n) && n > 200);
    write_file(shp, p, n - 20);
    free(p);
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_DATA);
    CHECK(diags.errors == 1 && strstr(diags.items[0].message, "header says it is ") &&
          strstr(diags.items[0].message, "(it was cut short?)"));
    ly_diag_list_deinit(&diags);
}

/* The district's shapefile copied afresh, its .dbf read, and the field whose name starts
 * with the bytes `name` found: its place (col, from 1), its offset in a record and width. */
typedef struct {
    char shp[128], dbf[128];
    unsigned char *p;
    size_t n, head, row, at, width;
    int col;
} dbf_field;

static bool dbf_find(const char *name, size_t len, dbf_field *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->shp, sizeof f->shp, "%s/x.shp", tmp);
    snprintf(f->dbf, sizeof f->dbf, "%s/x.dbf", tmp);
    copy_set("zhanshan-cgcs2000", NULL);
    if (!read_file(f->dbf, &f->p, &f->n) || f->n <= 32)
        return false;
    f->head = (size_t)f->p[8] | (size_t)f->p[9] << 8;
    f->row = (size_t)f->p[10] | (size_t)f->p[11] << 8;
    f->at = 1;
    for (size_t k = 32; k + 32 <= f->head && f->p[k] != 0x0D; k += 32) {
        f->col++;
        if (!memcmp(f->p + k, name, len)) {
            f->width = f->p[k + 16];
            return f->head + 2 * f->row <= f->n;
        }
        f->at += f->p[k + 16];
    }
    return false;
}

/* A value the loader refuses, at its record and field: the height of record 2. */
static void bad_value(void)
{
    dbf_field f;
    CHECK(dbf_find("\xb8\xdf\xb6\xc8", 4, &f)); /* 高度, as GBK */
    if (f.width >= 2) {
        unsigned char *cell = f.p + f.head + f.row + f.at;
        memset(cell, ' ', f.width);
        memcpy(cell + f.width - 2, "-5", 2); /* record 2's height: minus 5 metres */
        write_file(f.dbf, f.p, f.n);
    }
    free(f.p);
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load(&d, f.shp, &diags), LY_LOAD_DATA);
    CHECK(diags.errors == 1 && diags.items[0].line == 2 && diags.items[0].col == f.col &&
          /* (the table's own name for the column) */
          strstr(diags.items[0].message, "record 2, field 高度: \"hx-02\": ") ==
              diags.items[0].message);
    if (diags.count)
        ly_diag_print(stderr, &diags, &diags.items[0]);
    ly_diag_list_deinit(&diags);
}

/* A shapefile's duplicate id names the other record by its number (it had been the
 * loader's "feature 0"). */
static void duplicate_record(void)
{
    dbf_field f;
    CHECK(dbf_find("ID", 3, &f)); /* (with its NUL: not IDX) */
    if (f.width) { /* record 2's ID: record 1's */
        memcpy(f.p + f.head + f.row + f.at, f.p + f.head + f.at, f.width);
        write_file(f.dbf, f.p, f.n);
    }
    free(f.p);
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load(&d, f.shp, &diags), LY_LOAD_DATA);
    CHECK(diags.errors == 1 && diags.items[0].line == 2 &&
          strstr(diags.items[0].message, ": record 1 already uses it: "));
    if (diags.count)
        ly_diag_print(stderr, &diags, &diags.items[0]);
    ly_diag_list_deinit(&diags);
}

/* Record 2 (a building with a courtyard) wound as GeoJSON winds it, outer ring
 * counter-clockwise: its courtyard stays a hole, said (it had been a second building
 * inside the first, the courtyard filled; sweep 53). */
static void geojson_winding(void)
{
    char shp[160];
    snprintf(shp, sizeof shp, "%s/x.shp", tmp);
    copy_set("zhanshan-cgcs2000", NULL);
    unsigned char *p;
    size_t n;
    CHECK(read_file(shp, &p, &n));
    size_t at = 100; /* records: an 8-byte header (number, length in 16-bit words), content */
    for (int rec = 1; rec < 2 && at + 8 <= n; rec++)
        at += 8 + 2 * ((size_t)p[at + 4] << 24 | (size_t)p[at + 5] << 16 |
                       (size_t)p[at + 6] << 8 | p[at + 7]);
    unsigned char *c = p + at + 8;
    uint32_t np = 0, npts = 0;
    if (at + 8 + 44 <= n) {
        memcpy(&np, c + 36, 4);
        memcpy(&npts, c + 40, 4);
    }
    CHECK(np == 2 && at + 8 + 44 + 4 * (size_t)np + 16 * (size_t)npts <= n);
    for (uint32_t k = 0; np == 2 && k < np; k++) { /* each part's points reversed */
        uint32_t a, b = npts;
        memcpy(&a, c + 44 + 4 * k, 4);
        if (k + 1 < np)
            memcpy(&b, c + 44 + 4 * (k + 1), 4);
        unsigned char *pt = c + 44 + 4 * np;
        for (uint32_t i = a, j = b - 1; i < j; i++, j--) {
            unsigned char t[16];
            memcpy(t, pt + 16 * i, 16);
            memcpy(pt + 16 * i, pt + 16 * j, 16);
            memcpy(pt + 16 * j, t, 16);
        }
    }
    write_file(shp, p, n);
    free(p);
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load(&d, shp, &diags), LY_LOAD_OK);
    const ly_building *b = find(&d, "hx-02");
    CHECK(b && b->n_polygons == 1 && d.polygons[b->first_polygon].n_rings == 2);
    CHECK(diags.warnings == 1 && diags.count &&
          strstr(diags.items[0].message, "record 2, shape: its rings' winding contradicts"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A name cut to its column's width in the middle of a character (GBK's two bytes, the
 * second gone): the rest is read, with or without the .cpg that says GBK (it had been read
 * as Latin-1, and with no .cpg every name of the table with it, sweep 53). */
static void cut_cell(void)
{
    for (int with_cpg = 1; with_cpg >= 0; with_cpg--) {
        dbf_field f;
        CHECK(dbf_find("\xc3\xfb\xb3\xc6", 4, &f)); /* 名称, as GBK */
        if (f.width >= 10) {
            unsigned char *cell = f.p + f.head + f.at; /* record 1's */
            memset(cell, ' ', f.width);
            memcpy(cell + f.width - 9, "\xba\xa3\xd0\xc5\xb4\xf3\xcf\xc3\xb4", 9); /* 海信大厦 + 1 */
            write_file(f.dbf, f.p, f.n);
        }
        free(f.p);
        if (!with_cpg) {
            char cpg[160];
            snprintf(cpg, sizeof cpg, "%s/x.cpg", tmp);
            unlink(cpg);
        }
        ly_district d;
        ly_diag_list diags;
        CHECK_INT(load(&d, f.shp, &diags), LY_LOAD_OK);
        const ly_building *a = find(&d, "hx-01");
        CHECK(a && a->name && !strcmp(a->name, "海信大厦"));
        if (a && a->name && strcmp(a->name, "海信大厦"))
            fprintf(stderr, "  with%s its .cpg, the cut name reads \"%s\"\n",
                    with_cpg ? "" : "out", a->name);
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
}

/* GDAL's GeoPackage of the same buildings: the same names, figures and places (the
 * shapefile's), ids from its ID column; not taken for a louyu store. */
static void geopackage(void)
{
    const char *path = LY_SOURCE_DIR "/tests/data/wild/geopackage/zhanshan-cgcs2000.gpkg";
    CHECK(ly_gpkg_features_is(path) && ly_gisfile_is(path));
    ly_district g, s;
    ly_diag_list diags;
    CHECK_INT(load(&g, path, &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    ly_diag_list_deinit(&diags);
    CHECK_INT(load(&s, SHP_DIR "zhanshan-cgcs2000.shp", &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    CHECK_INT(g.n_buildings, 4); /* (no row deleted here) */
    for (size_t i = 0; i < s.n_buildings; i++) {
        const ly_building *a = &s.buildings[i], *b = find(&g, a->id);
        CHECK(b != NULL);
        if (!b)
            continue;
        CHECK_STR(b->name, a->name);
        CHECK(b->height_m == a->height_m && b->floors == a->floors && b->year == a->year);
        CHECK(b->n_polygons == a->n_polygons);
        CHECK_NEAR(b->lon_min, a->lon_min, 1e-9);
        CHECK_NEAR(b->lat_max, a->lat_max, 1e-9);
    }
    ly_district_unload(&g);
    ly_district_unload(&s);
    /* nor is a file that is not SQLite */
    CHECK(!ly_gpkg_features_is(SHP_DIR "zhanshan-cgcs2000.shp"));
}

/* A GeoPackage's bad rows are said for what is wrong with them: a coordinate that is NaN,
 * an unknown geometry type (both had been "cut short or damaged"), an srs_id that
 * gpkg_spatial_ref_sys does not list (it had been "no organisation 0"). */
static void geopackage_rows(void)
{
    unsigned char *p;
    size_t n;
    CHECK(read_file(LY_SOURCE_DIR "/tests/data/wild/geopackage/zhanshan-cgcs2000.gpkg", &p, &n));
    static const struct {
        const char *sql, *says;
    } CASES[] = {
        {"UPDATE %s SET %s = X'4750000100000000' || X'0101000000' || X'000000000000F87F' || "
         "X'0000000000000000' WHERE rowid = (SELECT min(rowid) FROM %s)",
         "a coordinate is NaN: expected points, lines or polygons of finite"},
        {"UPDATE %s SET %s = X'4750000100000000' || X'01E7030000' WHERE rowid = "
         "(SELECT min(rowid) FROM %s)", "an unknown WKB geometry type 999"},
        {"UPDATE gpkg_geometry_columns SET srs_id = 12345 WHERE table_name = '%s' AND "
         "column_name = '%s' AND '%s' <> ''", "srs_id 12345 is not in gpkg_spatial_ref_sys"},
        /* text that is not UTF-8: the row's fault at its column (it had refused the whole
         * file as a text, even with --skip-bad) */
        {"UPDATE %s SET ID = CAST(X'41FF' AS TEXT) WHERE fid = 2 AND '%s' <> '' AND '%s' <> ''",
         "table buildings, fid 2, column id: invalid UTF-8 (byte 0xFF at byte 2"},
        /* the other row of a duplicate id by its fid (it had been the loader's "feature 0") */
        {"UPDATE %s SET ID = (SELECT ID FROM buildings WHERE fid = 1) WHERE fid = 2 AND "
         "'%s' <> '' AND '%s' <> ''", "table buildings, fid 1 already uses it"},
    };
    for (size_t k = 0; p && k < sizeof CASES / sizeof *CASES; k++) {
        char path[128], sql[600], table[128] = "", geom[128] = "";
        snprintf(path, sizeof path, "%s/rows%zu.gpkg", tmp, k);
        write_file(path, p, n);
        sqlite3 *db;
        CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT table_name, column_name FROM gpkg_geometry_columns",
                               -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
            snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(st, 0));
            snprintf(geom, sizeof geom, "%s", (const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_finalize(st);
        /* (GDAL's spatial index triggers call its own SQL functions: dropped) */
        char drops[4096] = "";
        if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1,
                               &st, NULL) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                snprintf(drops + strlen(drops), sizeof drops - strlen(drops),
                         "DROP TRIGGER \"%s\";", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        CHECK_INT(sqlite3_exec(db, drops, NULL, NULL, NULL), SQLITE_OK);
        snprintf(sql, sizeof sql, CASES[k].sql, table, geom, table);
        CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        ly_district d;
        ly_diag_list diags;
        CHECK_INT(load(&d, path, &diags), LY_LOAD_DATA);
        bool said = false;
        for (size_t i = 0; i < diags.count; i++)
            said |= strstr(diags.items[i].message, CASES[k].says) != NULL;
        CHECK(said);
        if (!said)
            fprintf(stderr, "case %zu: %s\n", k, diags.count ? diags.items[0].message : "none");
        ly_diag_list_deinit(&diags);
        ly_district_unload(&d);
        /* --skip-bad reads the rest: the row is left out, said as a warning (not the
         * table's unknown system: no row of it could be read) */
        if (strstr(CASES[k].says, "srs_id"))
            continue;
        ly_diag_list_init(&diags, path);
        ly_load_desc skip = {.skip_bad = true};
        CHECK_INT(ly_district_load(&d, path, &skip, &diags), LY_LOAD_OK);
        CHECK(diags.errors == 0 && diags.count >= 1 && d.n_buildings > 0);
        ly_diag_list_deinit(&diags);
        ly_district_unload(&d);
    }
    free(p);
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/louyu-shp-XXXXXX");
    CHECK(mkdtemp(tmp) != NULL);
    /* the .shp, or a file beside it picked in its place */
    CHECK(ly_shapefile_is("a/b.SHP") && ly_shapefile_is("b.dbf") && ly_shapefile_is("b.shx") &&
          ly_shapefile_is("b.Prj") && ly_shapefile_is("b.cpg") && !ly_shapefile_is("b.sbn") &&
          !ly_shapefile_is("shp"));
    char sib[64];
    CHECK(ly_shapefile_sibling("a.b/C.SHP", "dbf", sib, sizeof sib) && !strcmp(sib, "a.b/C.DBF"));
    chinese_office();
    osm_extract();
    incomplete();
    bad_value();
    duplicate_record();
    cut_cell();
    geojson_winding();
    geopackage();
    geopackage_rows();
    /* everything the cases wrote goes, so that runs leave nothing in /tmp */
    DIR *dir = opendir(tmp);
    for (struct dirent *e; dir && (e = readdir(dir)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", tmp, e->d_name);
        unlink(p);
    }
    if (dir)
        closedir(dir);
    CHECK(rmdir(tmp) == 0);
    return check_report();
}
