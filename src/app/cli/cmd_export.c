/* louyu export: the district for other tools. A week of a store as GeoJSON (the
 * district file kiosks read), or any district (a file or a store) as CSV, glTF or
 * CityJSON. */
#include "cli.h"
#include "data.h"
#include "louyu/export.h"
#include "louyu/public.h"
#include "louyu/clock.h"
#include "louyu/file.h"
#include "louyu/gisfile.h"
#include "louyu/store.h"
#include "louyu/week.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

/* The format asked for, else the one --out's extension names, else NULL. */
static const char *export_format(const ly_args *a, const char *out)
{
    if (ly_arg_given(a, "--format"))
        return ly_arg_text(a, "--format", "");
    const char *dot = out ? strrchr(out, '.') : NULL;
    if (!dot)
        return NULL;
    size_t len = strlen(out); /* (any case: MAP.GLB from a Windows share) */
    if (len > 10 && !strcasecmp(out + len - 10, ".city.json"))
        return "cityjson";
    if (!strcasecmp(dot, ".csv"))
        return "csv";
    if (!strcasecmp(dot, ".glb"))
        return "glb";
    if (!strcasecmp(dot, ".geojson") || !strcasecmp(dot, ".json"))
        return "geojson";
    return NULL;
}

static int write_out(const char *out, const ly_buf *b);

/* Where what the export says goes: stdout, or stderr when the data itself goes there. */
static FILE *g_say;

static int by_index(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* A district's GeoJSON text as an export gives it: without its cameras (for operators
 * only) and without the features --skip-bad left out (its diags say which); the text as it
 * is when it has neither. */
static int public_text(const char *path, const char *text, size_t len, const ly_diag_list *diags,
                       ly_buf *b)
{
    long *drop = malloc((diags->count + 1) * sizeof *drop);
    size_t n = 0;
    for (size_t i = 0; drop && i < diags->count; i++)
        if (diags->items[i].feature >= 0 &&
            strstr(diags->items[i].message, "(the feature is left out)") &&
            (!n || drop[n - 1] != diags->items[i].feature))
            drop[n++] = diags->items[i].feature;
    if (drop)
        qsort(drop, n, sizeof *drop, by_index);
    char *pub = NULL;
    size_t pub_len = 0, cams = 0;
    int rc = drop && !ly_public_geojson_except(text, len, drop, n, &pub, &pub_len, &cams)
                 ? LY_EXIT_OK
                 : LY_EXIT_USAGE;
    if (rc)
        fprintf(stderr, "louyu export: %s: not a GeoJSON FeatureCollection once read\n", path);
    else if (!cams && !n)
        ly_buf_putn(b, text, len);
    else
        ly_buf_putn(b, pub, pub_len);
    if (cams)
        fprintf(g_say, "%zu camera%s left out (for operators only)\n", cams, cams == 1 ? "" : "s");
    free(pub);
    free(drop);
    return rc;
}

/* A district file as GeoJSON: the GeoJSON it is read as (a shapefile's, OpenStreetMap's,
 * another tool's GeoPackage's, a zipped one's; GeoJSON's own as it is), or for CityJSON the
 * district written as GeoJSON (its buildings' footprints with their heights, parts, figures
 * and other attributes). */
static int district_geojson(const ly_args *a, const char *path, const char *out)
{
    ly_district d;
    int rc = ly_cli_load_district(&d, path, a);
    if (rc)
        return rc;
    ly_district_unload(&d);
    const char *lod = NULL;
    ly_cli_lod(a, false, &lod);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    char *text = NULL;
    size_t len = 0;
    ly_load_desc desc = {.lod = lod, .skip_bad = ly_arg_flag(a, "--skip-bad")};
    ly_buf b = {0};
    size_t left_out = 0;
    if (ly_district_load_text(&d, path, &desc, &diags, &text, &len) != LY_LOAD_OK) {
        fprintf(stderr, "louyu export: %s changed while it was read: try again\n", path);
        rc = LY_EXIT_USAGE;
    } else if (d.meta.local_crs) {
        fprintf(stderr, "louyu export: %s names no reference system (its vertices are metres "
                "of its own plane, with no place on the earth): expected a CityJSON file with "
                "metadata.referenceSystem for GeoJSON, which is longitude and latitude "
                "(--format cityjson or glb keep its own metres)\n", path);
        rc = LY_EXIT_USAGE;
    } else if (d.meta.cityjson) {
        ly_diag_list why;
        ly_diag_list_init(&why, out);
        ly_export_geojson(&d, &b, &left_out, &why);
        for (size_t i = 0; i < why.count; i++)
            ly_diag_print(stderr, &why, &why.items[i]);
        ly_diag_list_deinit(&why);
    } else {
        /* RFC 7946: UTF-8 (a GB18030 file transcoded), in WGS 84 (a projected one's
         * positions transformed), the file's own properties kept */
        ly_buf t = {0};
        const char *why = NULL;
        if (!d.meta.gb18030 && !d.meta.projected) {
            rc = public_text(path, text, len, &diags, &b);
        } else if (ly_export_geojson_text(text, len, d.meta.gb18030, d.meta.projected, &t, &why)) {
            fprintf(stderr, "louyu export: %s: %s\n", path, why);
            rc = LY_EXIT_USAGE;
        } else {
            rc = public_text(path, t.p, t.len, &diags, &b);
        }
        ly_buf_free(&t);
    }
    /* RFC 7946's rings: outer counter-clockwise, holes clockwise (a file written the other
     * way, as many tools do, turned; one already so stays as it is) */
    size_t turned = 0;
    ly_buf ccw = {0};
    if (!rc && ly_export_geojson_ccw(b.p ? b.p : "", b.len, &ccw, &turned)) {
        fprintf(stderr, "louyu export: %s: out of memory\n", path);
        rc = LY_EXIT_USAGE;
    }
    if (!rc)
        rc = write_out(out, turned ? &ccw : &b);
    ly_buf_free(&ccw);
    if (!rc && turned)
        fprintf(g_say, "%s: %zu ring%s turned as RFC 7946 wants (outer rings counter-clockwise, "
                "holes clockwise)\n", out, turned, turned == 1 ? "" : "s");
    if (!rc)
        fprintf(g_say, "%s: written, %zu building%s%s\n", out, d.n_buildings - left_out,
               d.n_buildings - left_out == 1 ? "" : "s",
               d.meta.cityjson    ? " (their footprints, heights, parts and attributes, from CityJSON)"
               : d.meta.projected ? " (in WGS 84, transformed from the file's \"crs\")"
                                  : "");
    if (!rc && left_out)
        fprintf(g_say, "%s: %zu building%s left out: GeoJSON's checks refuse %s (the warnings above "
               "say why)\n", out, left_out, left_out == 1 ? "" : "s",
               left_out == 1 ? "it" : "them");
    ly_buf_free(&b);
    free(text);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    return rc;
}

/* A week of a store as a GeoJSON district file; any other district file as GeoJSON. */
static int export_geojson(const ly_args *a, const char *db, const char *out)
{
    int week = 0, rc;
    if (ly_arg_given(a, "--week") && (rc = ly_cli_week(a, ly_arg_text(a, "--week", ""), &week)))
        return rc;
    if (!out)
        return ly_cli_usage_error(a->cmd, "--out FILE is needed: the GeoJSON to write");
    /* (the whole district, as the file has it: options that would cut it are refused, not
     * left unsaid) */
    if (ly_arg_given(a, "--select") || ly_arg_given(a, "--floors"))
        return ly_cli_usage_error(a->cmd, "--select and --floors are not for geojson (it is "
                                          "the whole district; --format csv, cityjson or glb "
                                          "take --select)");
    if (ly_arg_given(a, "--lang"))
        return ly_cli_usage_error(a->cmd, "--lang is for csv (its header's and cells' "
                                          "language): geojson keeps both languages' names");
    bool store = ly_store_is(db) && !ly_gpkg_features_is(db);
    if (!store && ly_arg_given(a, "--week"))
        return ly_cli_usage_error(a->cmd, "--week is for GeoJSON from a store: %s is not one",
                                  db);
    if (!store)
        return district_geojson(a, db, out);
    char err[1024], w[16], s[16];
    int shown = 0;
    size_t left_out = 0;
    if (ly_store_export(db, week, out, &shown, &left_out, err, sizeof err)) {
        fprintf(stderr, "louyu export: %s\n", err);
        return LY_EXIT_USAGE;
    }
    ly_cli_say_rows_left_out(db, left_out);
    if (week && shown && shown != week) /* (as report diff says it) */
        fprintf(stderr, "louyu export: %s has no reports: its figures are those of %s, each "
                        "building's latest report before it\n",
                ly_week_format(week, w, sizeof w), ly_week_format(shown, s, sizeof s));
    fprintf(g_say, "%s: written\n", out);
    return LY_EXIT_OK;
}

/* The output: to --out atomically, or to stdout. */
static int write_out(const char *out, const ly_buf *b)
{
    if (b->failed) {
        fprintf(stderr, "louyu export: out of memory\n");
        return LY_EXIT_USAGE;
    }
    if (!out || !strcmp(out, "-")) {
        if (fwrite(b->p, 1, b->len, stdout) == b->len && fflush(stdout) == 0)
            return LY_EXIT_OK;
        fprintf(stderr, "louyu export: cannot write to the standard output: %s\n",
                strerror(errno));
        ly_cli_stdout_said = true;
        return LY_EXIT_USAGE;
    }
    char err[1200];
    if (ly_file_write_atomic(out, b->p, b->len, err, sizeof err)) {
        fprintf(stderr, "louyu export: %s\n", err);
        return LY_EXIT_USAGE;
    }
    return LY_EXIT_OK;
}

/* The selection (--select), or none: *sel NULL. Returns 0 or an exit status. */
static int selection(const ly_args *a, const ly_district *d, const char *path, long **sel,
                     size_t *n)
{
    *sel = NULL;
    *n = 0;
    if (!ly_arg_given(a, "--select"))
        return 0;
    char err[512];
    if (ly_export_select(d, ly_arg_text(a, "--select", ""), sel, n, err, sizeof err)) {
        fprintf(stderr, "louyu export: %s: %s\n", path, err);
        return LY_EXIT_USAGE;
    }
    if (!*n) {
        free(*sel);
        *sel = NULL;
        return ly_cli_usage_error(a->cmd, "--select names no building");
    }
    return 0;
}

/* The district to export and the buildings chosen (sel NULL: all). */
typedef struct {
    ly_district d;
    long *sel;
    size_t n_sel;
} source;

/* Loads the district (its errors printed) and --select. Returns 0 or an exit status
 * (nothing to close then). */
static int open_source(const ly_args *a, const char *path, source *s)
{
    memset(s, 0, sizeof *s);
    int rc = ly_cli_load_district(&s->d, path, a);
    if (!rc && (rc = selection(a, &s->d, path, &s->sel, &s->n_sel)))
        ly_district_unload(&s->d);
    return rc;
}

static void close_source(source *s)
{
    free(s->sel);
    ly_district_unload(&s->d);
}

/* The building stock (or with --floors every floor record) as CSV. */
static int export_csv(const ly_args *a, const char *path, const char *out)
{
    if (ly_arg_given(a, "--week"))
        return ly_cli_usage_error(a->cmd, "--week is for GeoJSON from a store: a CSV is "
                                          "written from the district as it is now");
    source src;
    int rc = open_source(a, path, &src);
    if (rc)
        return rc;
    ly_buf b = {0};
    ly_export_csv(&src.d,
                  &(ly_export_csv_desc){.floors = ly_arg_flag(a, "--floors"),
                                        .lang = ly_lang_parse(ly_arg_text(a, "--lang", "en")),
                                        .select = src.sel, .n_select = src.n_sel},
                  &b);
    rc = write_out(out, &b);
    size_t rows = 0; /* records: line ends outside quotes (a name may hold a line break) */
    bool quoted = false;
    for (size_t i = 0; i < b.len; i++) {
        quoted ^= b.p[i] == '"';
        rows += b.p[i] == '\n' && !quoted;
    }
    rows = rows ? rows - 1 : 0;
    if (rc == LY_EXIT_OK && out && strcmp(out, "-"))
        fprintf(g_say, "%s: written, %zu %s%s\n", out, rows,
               ly_arg_flag(a, "--floors") ? "floor" : "building", rows == 1 ? "" : "s");
    ly_buf_free(&b);
    close_source(&src);
    return rc;
}

/* The buildings (or --select's) as CityJSON 2.0 at LoD1. */
static int export_cityjson(const ly_args *a, const char *path, const char *out)
{
    if (ly_arg_given(a, "--week") || ly_arg_given(a, "--floors") || ly_arg_given(a, "--lang"))
        return ly_cli_usage_error(a->cmd, "--week, --floors and --lang are not for cityjson");
    source src;
    int rc = open_source(a, path, &src);
    if (rc)
        return rc;
    ly_buf b = {0};
    char err[512];
    if (ly_export_cityjson(&src.d, src.sel, src.n_sel, &b, err, sizeof err)) {
        fprintf(stderr, "louyu export: %s: %s\n", path, err);
        rc = LY_EXIT_USAGE;
    }
    if (!rc)
        rc = write_out(out, &b);
    size_t n = src.sel ? src.n_sel : src.d.n_buildings;
    if (!rc && out && strcmp(out, "-"))
        fprintf(g_say, "%s: written, %zu building%s\n", out, n, n == 1 ? "" : "s");
    ly_buf_free(&b);
    close_source(&src);
    return rc;
}

/* The district (or --select's buildings) as binary glTF. */
static int export_glb(const ly_args *a, const char *path, const char *out)
{
    if (!out || (!strcmp(out, "-") && isatty(STDOUT_FILENO)))
        return ly_cli_usage_error(a->cmd, "--out FILE.glb is needed: a GLB is not for a terminal "
                                          "(--out - writes it to a pipe)");
    if (ly_arg_given(a, "--week") || ly_arg_given(a, "--floors") || ly_arg_given(a, "--lang"))
        return ly_cli_usage_error(a->cmd, "--week, --floors and --lang are not for glb");
    double t0 = ly_clock_ms();
    source src;
    int rc = open_source(a, path, &src);
    if (rc)
        return rc;
    const ly_district *d = &src.d;
    ly_geo geo = {0};
    ly_mesh mesh = {0};
    ly_ground ground = {0};
    ly_buf b = {0};
    if (ly_geo_init(&geo, d) || ly_mesh_init(&mesh, d, &geo, NULL) ||
        ly_ground_init(&ground, d, &geo) ||
        ly_export_glb(d, &geo, &mesh,
                      &(ly_export_glb_desc){.select = src.sel, .n_select = src.n_sel,
                                            .ground = &ground},
                      &b)) {
        fprintf(stderr, "louyu export: %s: out of memory, or too big for one glTF buffer\n",
                path);
        rc = LY_EXIT_USAGE;
    }
    if (!rc)
        rc = write_out(out, &b);
    if (!rc)
        fprintf(g_say, "%s: written, %zu building%s, %.1f MB in %.0f ms (the mesh in memory: %.1f MB)\n",
               out, src.sel ? src.n_sel : d->n_buildings,
               (src.sel ? src.n_sel : d->n_buildings) == 1 ? "" : "s", b.len / 1048576.0,
               ly_clock_ms() - t0, mesh.bytes / 1048576.0);
    ly_buf_free(&b);
    ly_ground_deinit(&ground);
    ly_mesh_deinit(&mesh);
    ly_geo_deinit(&geo);
    close_source(&src);
    return rc;
}

int ly_cli_export(const ly_args *a)
{
    const char *path = ly_arg_pos(a, 0);
    const char *out = ly_arg_text(a, "--out", NULL);
    const char *format = export_format(a, out);
    /* a store's week is GeoJSON when --out names no other kind of file (an --out of
     * copy.gpkg or map.png had been given GeoJSON under that name) */
    const char *base = out ? strrchr(out, '/') : NULL;
    base = base ? base + 1 : out;
    if (!format && (!base || !strcmp(out, "-") || !strchr(base, '.')))
        format = ly_store_is(path) && !ly_gpkg_features_is(path) ? "geojson" : NULL;
    /* a .gltf file is glTF's JSON form, which other tools read as JSON: binary glTF
     * under that name would be refused by them, so the name is refused here */
    const char *dot = base ? strrchr(base, '.') : NULL;
    if (dot && !strcasecmp(dot, ".gltf") && (!format || !strcmp(format, "glb")))
        return ly_cli_usage_error(a->cmd, "--out %s: a .gltf file is glTF's JSON form; louyu "
                                          "writes binary glTF: expected an --out ending in .glb",
                                  out);
    if (!format)
        return ly_cli_usage_error(a->cmd, "which format? --format csv, glb, cityjson or geojson (or "
                                          "an --out ending in .csv, .glb, .city.json or "
                                          ".geojson)");
    int out_rc = out && strcmp(out, "-") ? ly_cli_out_check(a->cmd, out, false, path) : 0;
    if (out_rc)
        return out_rc;
    g_say = out && strcmp(out, "-") ? stdout : stderr;
    if (!strcmp(format, "geojson"))
        return export_geojson(a, path, out);
    if (!strcmp(format, "glb"))
        return export_glb(a, path, out);
    if (!strcmp(format, "cityjson"))
        return export_cityjson(a, path, out);
    return export_csv(a, path, out);
}
