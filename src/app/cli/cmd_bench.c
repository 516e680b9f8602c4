/* louyu bench: where the time goes, from file to pickable mesh, to queries and
 * frames; one JSON line (cJSON: the file's path is escaped). */
#include "louyu/walk.h"
#include "louyu/clock.h"
#include "bench.h"
#include "cli.h"
#include "data.h"
#include "window.h"
#include "louyu/bvh.h"
#include "louyu/file.h"
#include "louyu/html.h"
#include "louyu/colorby.h"
#include "louyu/query.h"
#include "louyu/search.h"
#include "louyu/geo.h"
#include "louyu/mesh.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Writes every building polygon, projected to metres, as the earcut fixture
 * format: an array of polygons, each an array of rings of [x, y]. Whole or not at all
 * (a half-written file had been left in the old one's place); why not is said. */
static int export_polygons(const char *out, const ly_district *d, const ly_geo *geo)
{
    ly_buf f = {0};
    ly_buf_put(&f, "[");
    int first = 1;
    for (size_t b = 0; b < d->n_buildings; b++) {
        const ly_building *bd = &d->buildings[b];
        for (uint32_t p = 0; p < bd->n_polygons; p++) {
            const ly_polygon *pg = &d->polygons[bd->first_polygon + p];
            ly_buf_put(&f, first ? "\n[" : ",\n[");
            first = 0;
            for (uint32_t r = 0; r < pg->n_rings; r++) {
                const ly_ring *ring = &d->rings[pg->first_ring + r];
                ly_buf_put(&f, r ? ",[" : "[");
                for (uint32_t i = 0; i < ring->n_points; i++) {
                    const double *xy = geo->xy + 2 * ((size_t)ring->first_point + i);
                    ly_buf_printf(&f, "%s[%.4f,%.4f]", i ? "," : "", xy[0], xy[1]);
                }
                ly_buf_put(&f, "]");
            }
            ly_buf_put(&f, "]");
        }
    }
    ly_buf_put(&f, "\n]\n");
    char err[512] = "out of memory";
    int rc = f.failed ? -1 : ly_file_write_atomic(out, f.p, f.len, err, sizeof err);
    if (rc)
        fprintf(stderr, "louyu bench: %s\n", err);
    ly_buf_free(&f);
    return rc;
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static float frand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (float)((rng_state >> 40) / 16777216.0);
}

/* Adds a figure rounded to `decimals`, as the line shows it. */
static void figure(cJSON *o, const char *key, double v, int decimals)
{
    double k = pow(10, decimals);
    cJSON_AddNumberToObject(o, key, round(v * k) / k);
}

enum { READ, CHECK, PARSE, VALIDATE, LOAD, PROJECT, TRIANGULATE, EXTRUDE, LOD, INDEX, TOTAL,
       STAGES };
static const char *const STAGE_KEYS[STAGES] = {
    "read_ms",        "check_ms",   "parse_ms", "validate_ms", "load_ms", "project_ms",
    "triangulate_ms", "extrude_ms", "lod_ms",   "index_ms",    "total_ms"};

typedef struct {
    ly_district d;
    ly_geo geo;
    ly_mesh mesh;
    ly_bvh bvh;
} built;

static void unbuild(built *b)
{
    ly_bvh_deinit(&b->bvh);
    ly_mesh_deinit(&b->mesh);
    ly_geo_deinit(&b->geo);
    ly_district_unload(&b->d);
}

/* One run from file to pickable mesh, each stage timed into t[stage][run]. */
static int build_once(built *b, const char *path, const char *lod, double *t[STAGES], int run)
{
    unbuild(b);
    ly_load_timing lt;
    ly_mesh_timing mt;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    double t0 = ly_clock_ms();
    ly_load_result res =
        ly_district_load(&b->d, path, &(ly_load_desc){.timing = &lt, .lod = lod}, &diags);
    if (res != LY_LOAD_OK) {
        ly_diag_sort(&diags);
        for (size_t i = 0; i < diags.count && i < 10; i++)
            ly_diag_print(stderr, &diags, &diags.items[i]);
        ly_diag_list_deinit(&diags);
        return res == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
    }
    ly_diag_list_deinit(&diags);
    double t1 = ly_clock_ms();
    int fail = ly_geo_init(&b->geo, &b->d);
    double t2 = ly_clock_ms();
    fail |= ly_mesh_init(&b->mesh, &b->d, &b->geo, &(ly_mesh_desc){.timing = &mt});
    double t3 = ly_clock_ms();
    fail |= ly_bvh_init(&b->bvh, &b->mesh);
    double t4 = ly_clock_ms();
    if (fail) {
        fprintf(stderr, "louyu bench: out of memory\n");
        return LY_EXIT_USAGE;
    }
    double v[STAGES] = {lt.read_ms,     lt.check_ms,       lt.parse_ms,   lt.validate_ms,
                        t1 - t0,        t2 - t1,           mt.triangulate_ms, mt.extrude_ms,
                        mt.lod_ms,      t4 - t3,           t4 - t0};
    for (int k = 0; k < STAGES; k++)
        t[k][run] = v[k];
    return 0;
}

/* Picking, colour-by, the finder and search: each must fit in a frame. */
static void queries(cJSON *o, const built *b)
{
    /* 1,000 random rays, as a user would pick: from up to 300 m above a random place
     * towards a random point of the ground near it */
    enum { PICKS = 1000 };
    double us[PICKS];
    int hits = 0;
    const ly_mesh *mesh = &b->mesh;
    float ext[2] = {mesh->max[0] - mesh->min[0], mesh->max[1] - mesh->min[1]};
    for (int i = 0; i < PICKS; i++) {
        float or[3] = {mesh->min[0] + frand() * ext[0], mesh->min[1] + frand() * ext[1],
                       20 + frand() * 280};
        float dir[3] = {(frand() - 0.5f) * 600, (frand() - 0.5f) * 600, -or[2]};
        ly_hit h;
        double a = ly_clock_ms();
        hits += ly_bvh_ray(&b->bvh, &b->d, or, dir, INFINITY, &h);
        us[i] = (ly_clock_ms() - a) * 1000.0;
    }
    figure(o, "pick_us_p50", ly_bench_quantile(us, PICKS, 0.5), 2);
    figure(o, "pick_us_p99", ly_bench_quantile(us, PICKS, 0.99), 2);
    cJSON_AddNumberToObject(o, "pick_hits", hits);
    double cb_ms = 0;
    for (int m = LY_COLOR_OCCUPANCY; m < LY_COLOR_MODES; m++) {
        ly_colorby cb;
        double a = ly_clock_ms();
        ly_colorby_compute(&cb, &b->d, (ly_color_mode)m, LY_LANG_ZH);
        cb_ms = fmax(cb_ms, ly_clock_ms() - a);
        ly_colorby_deinit(&cb);
    }
    figure(o, "colorby_ms_max", cb_ms, 2);
    /* the tenant finder with every criterion set */
    ly_query_result qr;
    double a = ly_clock_ms();
    ly_query_run(&b->d, &b->geo,
                 &(ly_query_desc){.min_area_m2 = 200, .contiguous = true,
                                  .max_rent_cny_m2_day = 5, .industry = "finance",
                                  .near_poi = true, .near = LY_POI_PARKING,
                                  .include_later_pois = true},
                 &qr);
    figure(o, "query_ms", ly_clock_ms() - a, 2);
    ly_query_result_deinit(&qr);
    ly_search srch;
    a = ly_clock_ms();
    int ok = ly_search_init(&srch, &b->d, LY_LANG_ZH) == 0;
    figure(o, "search_index_ms", ly_clock_ms() - a, 2);
    ly_search_hit found[10];
    a = ly_clock_ms();
    if (ok)
        ly_search_run(&srch, "a", found, 10);
    figure(o, "search_ms", ly_clock_ms() - a, 2);
    /* a word typed in pinyin, letter by letter, as on the kiosk's keyboard: each
     * keystroke's search */
    const char *typed = "zhongxin";
    char q[16];
    double worst = 0;
    for (size_t k = 1; ok && k <= strlen(typed); k++) {
        snprintf(q, sizeof q, "%.*s", (int)k, typed);
        a = ly_clock_ms();
        ly_search_run(&srch, q, found, 10);
        double t = ly_clock_ms() - a;
        worst = t > worst ? t : worst;
    }
    figure(o, "search_pinyin_keystroke_max_ms", worst, 2);
    ly_search_deinit(&srch);
}

/* The Nearby tab's work for a building, as the viewer does it when one is selected with
 * the walking areas on: the search (2.4 km), the nearest place of each kind and the 5,
 * 10 and 15 minute areas; for up to 200 buildings spread over the file, after the walking
 * graph is made (its own figure). */
static void walking(cJSON *o, const built *b)
{
    enum { MAX = 200 };
    double a = ly_clock_ms();
    ly_walk *w = ly_walk_create(&b->d, &b->geo);
    figure(o, "walk_graph_ms", ly_clock_ms() - a, 2);
    if (!w || !b->d.n_buildings) {
        ly_walk_destroy(w);
        return;
    }
    cJSON_AddNumberToObject(o, "walk_edges", (double)ly_walk_edges(w));
    double ms[MAX], lim[3] = {5 * LY_WALK_M_PER_MIN, 10 * LY_WALK_M_PER_MIN, 15 * LY_WALK_M_PER_MIN};
    int n = 0;
    size_t step = b->d.n_buildings > MAX ? b->d.n_buildings / MAX : 1;
    for (size_t i = 0; i < b->d.n_buildings && n < MAX; i += step) {
        a = ly_clock_ms();
        ly_walk_from *s = ly_walk_search_building(w, &b->d, &b->geo, i, LY_WALK_NEARBY_M);
        ly_walk_nearby nb;
        ly_walk_areas areas;
        if (s) {
            ly_walk_nearby_pois(w, s, &b->d, &b->geo, &nb);
            if (!ly_walk_isochrones(w, s, lim, 3, &areas))
                ly_walk_areas_deinit(&areas);
        }
        ms[n++] = ly_clock_ms() - a;
        ly_walk_from_destroy(s);
    }
    figure(o, "nearby_ms_p50", ly_bench_quantile(ms, n, 0.5), 2);
    figure(o, "nearby_ms_max", ly_bench_quantile(ms, n, 1.0), 2);
    ly_walk_destroy(w);
}

static void view_figure(cJSON *o, const char *view, const char *what, double value, int digits)
{
    char key[64];
    snprintf(key, sizeof key, "%s_%s", view, what);
    figure(o, key, value, digits);
}

static void frames_json(cJSON *o, const ly_bench_frames_desc *fd, const ly_bench_frames_result *f)
{
    char size[32];
    snprintf(size, sizeof size, "%dx%d", fd->width, fd->height);
    cJSON_AddStringToObject(o, "frame_size", size);
    cJSON_AddNumberToObject(o, "frames", fd->frames);
    figure(o, "first_frame_ms", f->first_frame_ms, 1);
    figure(o, "detail_ms", f->detail_ms, 1);
    figure(o, "frame_ms_p50", f->p50, 2);
    figure(o, "frame_ms_p95", f->p95, 2);
    figure(o, "fps_p50", f->p50 > 0 ? 1000 / f->p50 : 0, 1);
    cJSON_AddNumberToObject(o, "msaa", f->samples);
    cJSON_AddStringToObject(o, "gl_renderer", f->gl_renderer);
    cJSON_AddBoolToObject(o, "lod", !fd->lod_off);
    const ly_bench_view_result *v[2] = {&f->whole, &f->street};
    static const char *const name[2] = {"whole", "street"};
    for (int k = 0; k < 2; k++) {
        view_figure(o, name[k], "frame_ms_p50", v[k]->p50, 2);
        view_figure(o, name[k], "frame_ms_p95", v[k]->p95, 2);
        view_figure(o, name[k], "chunks_drawn", v[k]->chunks, 1);
        view_figure(o, name[k], "chunks_culled", v[k]->culled, 1);
        view_figure(o, name[k], "tiles_culled", v[k]->tiles_culled, 1);
        view_figure(o, name[k], "tiles_full", v[k]->at_level[0], 1);
        view_figure(o, name[k], "tiles_lod0", v[k]->at_level[1], 1);
        view_figure(o, name[k], "tiles_lod1", v[k]->at_level[2], 1);
        view_figure(o, name[k], "tiles_lod2", v[k]->at_level[3], 1);
        view_figure(o, name[k], "tiles_lod3", v[k]->at_level[4], 1);
        view_figure(o, name[k], "triangles", v[k]->triangles, 0);
        view_figure(o, name[k], "uploads", v[k]->uploads, 2);
        view_figure(o, name[k], "evictions", v[k]->evictions, 2);
        view_figure(o, name[k], "deferred", v[k]->deferred, 2);
        view_figure(o, name[k], "gpu_mesh_mb", v[k]->resident_mb, 1);
        if (v[k]->timed) { /* "whole_gpu_ms": {"clear": ..., "buildings": ..., ...} */
            char key[32];
            snprintf(key, sizeof key, "%s_gpu_ms", name[k]);
            cJSON *parts = cJSON_AddObjectToObject(o, key);
            for (int p = 0; p < LY_PARTS; p++)
                figure(parts, ly_part_names[p], v[k]->part_ms[p], 3);
        }
    }
}

static void weeks_json(cJSON *o, const ly_bench_weeks_result *w)
{
    cJSON_AddNumberToObject(o, "weeks", w->weeks);
    figure(o, "week_change_cpu_ms_p50", w->cpu_p50, 2);
    figure(o, "week_change_cpu_ms_max", w->cpu_max, 2);
    figure(o, "week_change_ms_p50", w->wall_p50, 2);
    figure(o, "week_change_ms_max", w->wall_max, 2);
}

static void reload_json(cJSON *o, int reloads, const ly_bench_reload_result *r)
{
    cJSON_AddNumberToObject(o, "reloads", reloads);
    figure(o, "reload_ms", r->load_ms, 1);
    figure(o, "reload_swap_frame_ms_p50", r->swap_p50, 2);
    figure(o, "reload_swap_frame_ms_max", r->swap_max, 2);
    figure(o, "reload_frame_ms_p50", r->frame_p50, 2);
    figure(o, "reload_frame_ms_max", r->frame_max, 2);
    figure(o, "reload_swap_ms_max", r->poll_max, 2);
    figure(o, "reload_swap_cpu_ms_max", r->poll_cpu_max, 2);
}

/* The figures of the built district, after `runs` runs. */
static void load_json(cJSON *o, const built *b, double *t[STAGES], int runs)
{
    cJSON_AddNumberToObject(o, "buildings", (double)b->d.n_buildings);
    cJSON_AddNumberToObject(o, "points", (double)b->d.n_points);
    cJSON_AddNumberToObject(o, "runs", runs);
    for (int k = 0; k < STAGES; k++)
        figure(o, STAGE_KEYS[k], ly_bench_quantile(t[k], runs, 0.5), 2);
    cJSON_AddNumberToObject(o, "vertices", (double)b->mesh.n_vertices);
    cJSON_AddNumberToObject(o, "triangles", (double)b->mesh.n_triangles);
    cJSON_AddNumberToObject(o, "lod_triangles", (double)b->mesh.n_lod_triangles);
    cJSON_AddNumberToObject(o, "mesh_bytes", (double)b->mesh.bytes);
    figure(o, "mesh_bytes_per_building",
           b->d.n_buildings ? (double)b->mesh.bytes / b->d.n_buildings : 0.0, 0);
    cJSON_AddNumberToObject(o, "chunks", (double)b->mesh.n_chunks);
    cJSON_AddNumberToObject(o, "partial_polygons", (double)b->mesh.partial_polygons);
}

/* louyu bench FILE --cameras S: the cameras' figures alone. */
static int bench_cameras(const ly_bench_frames_desc *fd, double seconds)
{
    ly_bench_cameras_result r;
    int rc = ly_bench_cameras(fd, seconds, &r);
    if (rc == LY_EXIT_DATA || rc == LY_EXIT_USAGE)
        return rc; /* (the file's errors, or why it did not open: said) */
    if (rc == LY_EXIT_GL) {
        fprintf(stderr, "louyu bench: no OpenGL context: the cameras cannot be timed\n");
        return LY_EXIT_GL;
    }
    if (rc) {
        fprintf(stderr, "louyu bench: %s: no camera with a picture source\n", fd->path);
        return LY_EXIT_USAGE;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", fd->path);
    cJSON *c = cJSON_AddObjectToObject(o, "cameras");
    cJSON_AddNumberToObject(c, "open", r.cameras);
    cJSON_AddNumberToObject(c, "seconds", round(r.seconds * 10) / 10);
    cJSON_AddNumberToObject(c, "frames", (double)r.frames);
    cJSON_AddNumberToObject(c, "frame_p50_ms", round(r.p50 * 100) / 100);
    cJSON_AddNumberToObject(c, "frame_p99_ms", round(r.p99 * 100) / 100);
    cJSON_AddNumberToObject(c, "frame_max_ms", round(r.max * 100) / 100);
    cJSON_AddNumberToObject(c, "frames_over_33ms", (double)r.over_33ms);
    cJSON_AddNumberToObject(c, "pictures_per_s", round(r.pictures_per_s * 10) / 10);
    cJSON_AddNumberToObject(c, "rss_start_mb", round(r.rss_start_mb * 10) / 10);
    cJSON_AddNumberToObject(c, "rss_end_mb", round(r.rss_end_mb * 10) / 10);
    cJSON_AddNumberToObject(c, "rss_max_mb", round(r.rss_max_mb * 10) / 10);
    cJSON_AddNumberToObject(c, "rss_slope_mb_per_h", round(r.rss_slope_mb_per_h * 10) / 10);
    cJSON_AddNumberToObject(c, "trims", (double)r.trims);
    cJSON_AddNumberToObject(c, "trim_max_ms", round(r.trim_max_ms * 100) / 100);
    cJSON_AddNumberToObject(c, "machine_stalls", (double)r.stalls);
    cJSON_AddNumberToObject(c, "machine_stall_max_ms", round(r.stall_max_ms * 100) / 100);
    cJSON *slow = cJSON_AddArrayToObject(c, "slow_frames");
    for (int i = 0; i < r.n_slow; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddNumberToObject(f, "at_s", round(r.slow[i].at_s * 10) / 10);
        cJSON_AddNumberToObject(f, "ms", round(r.slow[i].ms * 100) / 100);
        if (r.slow[i].trim_ms >= 0)
            cJSON_AddNumberToObject(f, "trim_ms", round(r.slow[i].trim_ms * 100) / 100);
        if (r.slow[i].stall_ms >= 0)
            cJSON_AddNumberToObject(f, "machine_stall_ms", round(r.slow[i].stall_ms * 100) / 100);
        cJSON_AddNumberToObject(f, "update_ms", round(r.slow[i].update_ms * 100) / 100);
        cJSON_AddNumberToObject(f, "render_ms", round(r.slow[i].render_ms * 100) / 100);
        cJSON_AddNumberToObject(f, "swap_ms", round(r.slow[i].swap_ms * 100) / 100);
        cJSON_AddNumberToObject(f, "finish_ms", round(r.slow[i].finish_ms * 100) / 100);
        cJSON_AddNumberToObject(f, "pictures", r.slow[i].pictures);
        cJSON_AddItemToArray(slow, f);
    }
    if (r.heap_start_mb >= 0) {
        cJSON_AddNumberToObject(c, "heap_start_mb", round(r.heap_start_mb * 10) / 10);
        cJSON_AddNumberToObject(c, "heap_end_mb", round(r.heap_end_mb * 10) / 10);
        cJSON_AddNumberToObject(c, "heap_slope_mb_per_h", round(r.heap_slope_mb_per_h * 10) / 10);
    }
    char *text = cJSON_PrintUnformatted(o);
    if (text)
        puts(text);
    cJSON_free(text);
    cJSON_Delete(o);
    return LY_EXIT_OK;
}

int ly_cli_bench(const ly_args *a)
{
    const char *path = ly_cli_file(a);
    int runs = (int)ly_arg_num(a, "--runs", 5), reloads = (int)ly_arg_num(a, "--reloads", 10);
    double size[3] = {1280, 720, 0};
    ly_arg_values(a, "--size", size);
    bool render = !ly_arg_flag(a, "--no-render");
    const char *lod;
    if (ly_cli_lod(a, true, &lod))
        return LY_EXIT_USAGE;
    bool far_switch = lod && (!strcmp(lod, "on") || !strcmp(lod, "off"));
    /* (where the polygons go, before the minutes of timing) */
    const char *export_path = ly_arg_text(a, "--export-polygons", NULL);
    int out_rc = export_path ? ly_cli_out_check(a->cmd, export_path, false, path) : 0;
    if (out_rc)
        return out_rc;
    if (ly_arg_flag(a, "--stacking") && !ly_arg_given(a, "--select"))
        return ly_cli_usage_error(a->cmd, "--stacking needs --select ID (whose stacking plan)");
    if (!render && (ly_arg_given(a, "--select") || ly_arg_flag(a, "--dashboard")))
        return ly_cli_usage_error(a->cmd, "--select and --dashboard time frames: not with "
                                          "--no-render");
    ly_bench_frames_desc fd = {.path = path, .width = (int)size[0], .height = (int)size[1],
                               .frames = (int)ly_arg_num(a, "--frames", 240),
                               .msaa = (int)ly_arg_num(a, "--msaa", 0),
                               .select = ly_arg_text(a, "--select", NULL),
                               .stacking = ly_arg_flag(a, "--stacking"),
                               .dashboard = ly_arg_flag(a, "--dashboard"),
                               .lod_off = lod && !strcmp(lod, "off"),
                               .model_lod = far_switch ? NULL : lod,
                               .mesh_limit = (size_t)ly_arg_num(a, "--mem-limit", 0) << 20};
    if (ly_arg_given(a, "--cameras"))
        return bench_cameras(&fd, ly_arg_num(a, "--cameras", 60));
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", path);
    /* frames first: the first frame counts from process start, as a user sees it */
    ly_bench_frames_result fr;
    ly_bench_reload_result rr;
    int drawn = render ? ly_bench_frames(&fd, &fr) : -1;
    bool frames = drawn == 0;
    if (render && (drawn == LY_EXIT_DATA || drawn == LY_EXIT_USAGE)) {
        cJSON_Delete(o); /* (the file's errors, or the building that is not there: said) */
        return drawn;
    }
    if (render && drawn == LY_EXIT_GL)
        fprintf(stderr, "louyu bench: no OpenGL context: frame timings skipped\n");
    else if (render && !frames)
        fprintf(stderr, "louyu bench: the frame timings failed (out of memory)\n");
    bool reloaded = frames && reloads > 0 && ly_bench_reload(&fd, reloads, &rr) == 0;
    ly_bench_weeks_result wr;
    bool weeks = frames && ly_bench_weeks(&fd, &wr) == 0 && wr.weeks >= 2;
    if (frames && reloads > 0 && !reloaded)
        fprintf(stderr, "louyu bench: the reload timings failed\n");
    if (runs == 0 && !frames) {
        fprintf(stderr, "louyu bench: --runs 0 measures frames alone, and none were drawn\n");
        cJSON_Delete(o);
        return render ? LY_EXIT_GL : LY_EXIT_USAGE;
    }
    double *t[STAGES];
    for (int k = 0; k < STAGES; k++)
        t[k] = calloc((size_t)runs, sizeof(double));
    built b = {0};
    int rc = LY_EXIT_OK;
    for (int r = 0; r < runs && rc == LY_EXIT_OK; r++)
        rc = build_once(&b, path, fd.model_lod, t, r);
    if (rc == LY_EXIT_OK && export_path && export_polygons(export_path, &b.d, &b.geo))
        rc = LY_EXIT_USAGE;
    if (rc == LY_EXIT_OK) {
        if (runs > 0) { /* --runs 0: the viewer's figures alone (no pipeline, no picks) */
            load_json(o, &b, t, runs);
            queries(o, &b);
            walking(o, &b);
        }
        if (frames)
            frames_json(o, &fd, &fr);
        if (reloaded)
            reload_json(o, reloads, &rr);
        if (weeks)
            weeks_json(o, &wr);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        figure(o, "peak_rss_mb", ru.ru_maxrss / 1024.0, 1);
        char *line = cJSON_PrintUnformatted(o);
        if (line)
            puts(line);
        cJSON_free(line);
    }
    cJSON_Delete(o);
    unbuild(&b);
    for (int k = 0; k < STAGES; k++)
        free(t[k]);
    return rc;
}
