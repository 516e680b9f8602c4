/* louyu triangulate: one polygon's triangle count and deviation, or a timing run over
 * many polygons (for bench/earcut-compare.sh). */
#include "louyu/clock.h"
#include "cli.h"
#include "louyu/triangulate.h"
#include "louyu/file.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* All polygons of a file, flattened: points of polygon k start at point first[k], its
 * hole starts (relative to that) at holes[hole_first[k]]. */
typedef struct {
    double *xy;
    size_t n_points, cap_points;
    uint32_t *holes;
    size_t n_holes, cap_holes;
    size_t *first, *hole_first; /* n_polys + 1 entries each */
    size_t n_polys, cap_polys;
} poly_set;

static int reserve(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap) return 1;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * item);
    if (!q) return 0;
    *p = q;
    *cap = n;
    return 1;
}

static void set_free(poly_set *s)
{
    free(s->xy);
    free(s->holes);
    free(s->first);
    free(s->hole_first);
    memset(s, 0, sizeof *s);
}

/* Appends one polygon given as rings ([[x, y], ...] each); empty rings are skipped.
 * Returns NULL or a message. */
static const char *add_polygon(poly_set *s, const cJSON *rings)
{
    if (!cJSON_IsArray(rings)) return "a polygon must be an array of rings";
    size_t cap = s->cap_polys;
    if (!reserve((void **)&s->first, &cap, s->n_polys + 2, sizeof *s->first) ||
        !reserve((void **)&s->hole_first, &s->cap_polys, s->n_polys + 2, sizeof *s->hole_first))
        return "out of memory";
    const size_t start = s->first[s->n_polys] = s->n_points;
    s->hole_first[s->n_polys] = s->n_holes;
    int ring_no = 0;
    const cJSON *ring;
    cJSON_ArrayForEach(ring, rings)
    {
        if (!cJSON_IsArray(ring)) return "a ring must be an array of [x, y] points";
        if (!cJSON_GetArraySize(ring)) continue;
        if (ring_no++) {
            if (!reserve((void **)&s->holes, &s->cap_holes, s->n_holes + 1, sizeof *s->holes))
                return "out of memory";
            s->holes[s->n_holes++] = (uint32_t)(s->n_points - start);
        }
        const cJSON *pt;
        cJSON_ArrayForEach(pt, ring)
        {
            const cJSON *x = cJSON_GetArrayItem(pt, 0), *y = cJSON_GetArrayItem(pt, 1);
            if (!cJSON_IsArray(pt) || !cJSON_IsNumber(x) || !cJSON_IsNumber(y))
                return "a point must be an array of two numbers";
            if (s->n_points - start >= (1u << 30)) return "too many points in one polygon";
            if (!reserve((void **)&s->xy, &s->cap_points, 2 * (s->n_points + 1), sizeof *s->xy))
                return "out of memory";
            s->xy[2 * s->n_points] = x->valuedouble;
            s->xy[2 * s->n_points + 1] = y->valuedouble;
            s->n_points++;
        }
    }
    s->n_polys++;
    s->first[s->n_polys] = s->n_points;
    s->hole_first[s->n_polys] = s->n_holes;
    return NULL;
}

static ly_tri_polygon polygon_at(const poly_set *s, size_t k)
{
    size_t h0 = s->hole_first[k], h1 = s->hole_first[k + 1];
    return (ly_tri_polygon){
        .xy = s->xy + 2 * s->first[k],
        .n_points = (uint32_t)(s->first[k + 1] - s->first[k]),
        .hole_starts = h1 > h0 ? s->holes + h0 : NULL,
        .n_holes = (uint32_t)(h1 - h0),
    };
}

static cJSON *parse_file(const char *path)
{
    /* as every command reads a file: a regular one, at most 512 MiB (not /dev/zero) */
    char *buf = NULL;
    size_t len = 0;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    if (ly_file_read(path, (size_t)512 << 20, false, &buf, &len, &diags) != LY_FILE_OK) {
        for (size_t i = 0; i < diags.count; i++)
            ly_diag_print(stderr, &diags, &diags.items[i]);
        ly_diag_list_deinit(&diags);
        return NULL;
    }
    ly_diag_list_deinit(&diags);
    buf[len] = '\0';
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithOpts(buf, &end, 1);
    if (!json) {
        size_t at = end ? (size_t)(end - buf) : 0;
        fprintf(stderr, "%s: invalid JSON near byte %zu\n", path, at);
    }
    free(buf);
    return json;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_one(const char *path, const cJSON *json)
{
    const cJSON *rings = json;
    if (cJSON_IsObject(json)) {
        const cJSON *geometry = cJSON_GetObjectItemCaseSensitive(json, "geometry");
        if (cJSON_IsObject(geometry)) /* a Feature: look at its geometry */
            json = geometry;
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(json, "type");
        if (!cJSON_IsString(type) || strcmp(type->valuestring, "Polygon")) {
            fprintf(stderr, "%s: expected a ring array or a GeoJSON Polygon\n", path);
            return LY_EXIT_USAGE;
        }
        rings = cJSON_GetObjectItemCaseSensitive(json, "coordinates");
    }
    poly_set s = {0};
    const char *msg = add_polygon(&s, rings);
    if (msg) {
        fprintf(stderr, "%s: %s\n", path, msg);
        set_free(&s);
        return LY_EXIT_USAGE;
    }
    ly_triangulator *t = ly_triangulator_create();
    ly_tri_polygon poly = polygon_at(&s, 0);
    const uint32_t *idx = NULL;
    size_t n_tri = 0;
    ly_tri_status st = t ? ly_triangulate(t, &poly, &idx, &n_tri) : LY_TRI_NOMEM;
    int rc = LY_EXIT_OK;
    if (st == LY_TRI_NOMEM || st == LY_TRI_INVALID) {
        fprintf(stderr, "%s: %s\n", path,
                st == LY_TRI_NOMEM ? "out of memory" : "polygon rejected by the triangulator");
        rc = LY_EXIT_USAGE;
    } else {
        printf("triangles %zu deviation %g\n", n_tri,
               ly_triangulation_deviation(&poly, idx, n_tri));
        if (st == LY_TRI_PARTIAL) {
            fprintf(stderr, "%s: triangulated only partially (degenerate or self-intersecting)\n",
                    path);
            rc = LY_EXIT_DATA;
        }
    }
    ly_triangulator_destroy(t);
    set_free(&s);
    return rc;
}

static int run_many(const char *path, const cJSON *json, int runs)
{
    if (!cJSON_IsArray(json)) {
        fprintf(stderr, "%s: --many expects an array of polygons\n", path);
        return LY_EXIT_USAGE;
    }
    poly_set s = {0};
    int k = 0;
    const cJSON *poly_json;
    cJSON_ArrayForEach(poly_json, json)
    {
        const char *msg = add_polygon(&s, poly_json);
        if (msg) {
            fprintf(stderr, "%s: polygon %d: %s\n", path, k, msg);
            set_free(&s);
            return LY_EXIT_USAGE;
        }
        k++;
    }
    ly_triangulator *t = ly_triangulator_create();
    double *ms = calloc((size_t)runs, sizeof *ms);
    if (!t || !ms) {
        fprintf(stderr, "louyu triangulate: out of memory\n");
        ly_triangulator_destroy(t);
        free(ms);
        set_free(&s);
        return LY_EXIT_USAGE;
    }
    size_t triangles = 0, partial = 0;
    int rc = LY_EXIT_OK;
    /* run 0 warms caches and the triangulator's buffers and is not timed */
    for (int r = 0; r <= runs && rc == LY_EXIT_OK; r++) {
        size_t tri_total = 0, part = 0;
        double t0 = ly_clock_ms();
        for (size_t p = 0; p < s.n_polys; p++) {
            ly_tri_polygon poly = polygon_at(&s, p);
            const uint32_t *idx;
            size_t n_tri;
            ly_tri_status st = ly_triangulate(t, &poly, &idx, &n_tri);
            if (st == LY_TRI_NOMEM || st == LY_TRI_INVALID) {
                fprintf(stderr, "%s: polygon %zu: %s\n", path, p,
                        st == LY_TRI_NOMEM ? "out of memory" : "rejected by the triangulator");
                rc = LY_EXIT_USAGE;
                break;
            }
            part += st == LY_TRI_PARTIAL;
            tri_total += n_tri;
        }
        double t1 = ly_clock_ms();
        if (r) ms[r - 1] = t1 - t0;
        triangles = tri_total;
        partial = part;
    }
    if (rc == LY_EXIT_OK) {
        qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
        double best = ms[0];
        double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
        printf("{\"polygons\":%zu,\"vertices\":%zu,\"triangles\":%zu,\"best_ms\":%.3f,"
               "\"median_ms\":%.3f,\"mvertices_per_s\":%.2f}\n",
               s.n_polys, s.n_points, triangles, best, median,
               best > 0 ? s.n_points / best / 1e3 : 0.0);
        if (partial) {
            fprintf(stderr, "%s: %zu polygon%s triangulated only partially\n", path, partial,
                    partial == 1 ? "" : "s");
            rc = LY_EXIT_DATA;
        }
    }
    ly_triangulator_destroy(t);
    free(ms);
    set_free(&s);
    return rc;
}

int ly_cli_triangulate(const ly_args *a)
{
    const char *path = ly_arg_pos(a, 0);
    if (ly_arg_given(a, "--runs") && !ly_arg_flag(a, "--many"))
        return ly_cli_usage_error(a->cmd, "--runs is for --many (the timing of many polygons)");
    cJSON *json = parse_file(path);
    if (!json)
        return LY_EXIT_USAGE;
    int rc = ly_arg_flag(a, "--many") ? run_many(path, json, (int)ly_arg_num(a, "--runs", 10))
                                      : run_one(path, json);
    cJSON_Delete(json);
    return rc;
}
