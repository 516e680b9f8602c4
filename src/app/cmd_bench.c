/* louyu bench: where the time goes from file to pickable mesh. */
#include "louyu/clock.h"
#include "cli.h"
#include "louyu/bvh.h"
#include "louyu/colorby.h"
#include "louyu/query.h"
#include "louyu/search.h"
#include "louyu/geo.h"
#include "louyu/mesh.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of v[0..n), sorting v. */
static double quantile(double *v, int n, double q)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)ceil(q * n) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Writes every building polygon, projected to metres, as the earcut fixture
 * format: an array of polygons, each an array of rings of [x, y]. */
static int export_polygons(const char *out, const ly_district *d, const ly_geo *geo)
{
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return -1;
    }
    fputc('[', f);
    int first = 1;
    for (size_t b = 0; b < d->n_buildings; b++) {
        const ly_building *bd = &d->buildings[b];
        for (uint32_t p = 0; p < bd->n_polygons; p++) {
            const ly_polygon *pg = &d->polygons[bd->first_polygon + p];
            fputs(first ? "\n[" : ",\n[", f);
            first = 0;
            for (uint32_t r = 0; r < pg->n_rings; r++) {
                const ly_ring *ring = &d->rings[pg->first_ring + r];
                fputs(r ? ",[" : "[", f);
                for (uint32_t i = 0; i < ring->n_points; i++) {
                    const double *xy = geo->xy + 2 * ((size_t)ring->first_point + i);
                    fprintf(f, "%s[%.4f,%.4f]", i ? "," : "", xy[0], xy[1]);
                }
                fputc(']', f);
            }
            fputc(']', f);
        }
    }
    fputs("\n]\n", f);
    return fclose(f) ? -1 : 0;
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static float frand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (float)((rng_state >> 40) / 16777216.0);
}

int ly_cmd_bench(int argc, char **argv)
{
    int runs = 5, frames = 240, width = 1280, height = 720, msaa = 0, samples = 0, reloads = 10;
    bool render = true, stacking = false;
    const char *path = NULL, *export_path = NULL, *select = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--frames") && i + 1 < argc) {
            frames = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
            char x;
            if (sscanf(argv[++i], "%d%c%d", &width, &x, &height) != 3 || width < 16 ||
                height < 16 || width > 8192 || height > 8192) {
                fprintf(stderr, "louyu bench: --size wants WIDTHxHEIGHT\n");
                return LY_EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--msaa") && i + 1 < argc) {
            msaa = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--select") && i + 1 < argc) {
            select = argv[++i];
        } else if (!strcmp(argv[i], "--stacking")) {
            stacking = true;
        } else if (!strcmp(argv[i], "--reloads") && i + 1 < argc) {
            reloads = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "--no-render")) {
            render = false;
        } else if (!strcmp(argv[i], "--export-polygons") && i + 1 < argc) {
            export_path = argv[++i];
        } else if ((argv[i][0] == '-' && argv[i][1]) || path) {
            fprintf(stderr, "usage: louyu bench [FILE] [--runs N] [--export-polygons OUT.json] "
                            "[--size WxH] [--frames N] [--msaa N] [--select ID [--stacking]] "
                            "[--reloads N] [--no-render]\n");
            return LY_EXIT_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (runs < 1 || runs > 1000 || frames < 1 || frames > 100000 || reloads < 0 ||
        reloads > 1000) {
        fprintf(stderr, "louyu bench: --runs needs 1 to 1000, --frames 1 to 100000, --reloads 0 "
                        "to 1000\n");
        return LY_EXIT_USAGE;
    }
    if (!path)
        path = ly_default_data_path();
    /* Frames first: first_frame_ms counts from process start, as a user sees it. */
    double first_frame = -1, f50 = -1, f95 = -1;
    char gl[128] = "";
    /* --msaa: 0 (default) lets the viewer choose, 1 turns it off */
    if (render && ly_bench_frames(path, width, height, frames, msaa == 1 ? -1 : msaa, select,
                                  stacking, &first_frame, &f50, &f95, &samples, gl, sizeof gl))
        fprintf(stderr, "louyu bench: no OpenGL context: frame timings skipped\n");
    /* the kiosk's weekly update: frames while a reload loads and swaps in */
    double swap_max = -1, swap_p50 = -1, rframe_max = -1, rframe_p50 = -1, reload_ms = -1;
    double poll_max = -1, poll_cpu_max = -1;
    if (render && reloads > 0 && gl[0] &&
        ly_bench_reload(path, width, height, reloads, &swap_max, &swap_p50, &rframe_max,
                        &rframe_p50, &reload_ms, &poll_max, &poll_cpu_max))
        fprintf(stderr, "louyu bench: the reload timings failed\n");
    enum { READ, CHECK, PARSE, VALIDATE, LOAD, PROJECT, TRIANGULATE, EXTRUDE, INDEX, TOTAL, N };
    static const char *names[N] = {"read_ms",        "check_ms",   "parse_ms", "validate_ms",
                                   "load_ms",        "project_ms", "triangulate_ms",
                                   "extrude_ms",     "index_ms",   "total_ms"};
    double *t[N];
    for (int k = 0; k < N; k++)
        t[k] = calloc((size_t)runs, sizeof(double));
    ly_district d = {0};
    ly_geo geo = {0};
    ly_mesh mesh = {0};
    ly_bvh bvh = {0};
    int rc = LY_EXIT_OK;
    for (int r = 0; r < runs && rc == LY_EXIT_OK; r++) {
        ly_bvh_deinit(&bvh);
        ly_mesh_deinit(&mesh);
        ly_geo_deinit(&geo);
        ly_district_unload(&d);
        ly_load_timing lt;
        ly_mesh_timing mt;
        ly_diag_list diags;
        ly_diag_list_init(&diags, path);
        double t0 = ly_clock_ms();
        ly_load_result res = ly_district_load(&d, path, &(ly_load_desc){.timing = &lt}, &diags);
        if (res != LY_LOAD_OK) {
            ly_diag_sort(&diags);
            for (size_t i = 0; i < diags.count && i < 10; i++)
                ly_diag_print(stderr, &diags, &diags.items[i]);
            rc = res == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
            ly_diag_list_deinit(&diags);
            break;
        }
        ly_diag_list_deinit(&diags);
        double t1 = ly_clock_ms();
        int fail = ly_geo_init(&geo, &d);
        double t2 = ly_clock_ms();
        fail |= ly_mesh_init(&mesh, &d, &geo, &(ly_mesh_desc){.timing = &mt});
        double t3 = ly_clock_ms();
        fail |= ly_bvh_init(&bvh, &mesh);
        double t4 = ly_clock_ms();
        if (fail) {
            fprintf(stderr, "louyu bench: out of memory\n");
            rc = LY_EXIT_USAGE;
            break;
        }
        t[READ][r] = lt.read_ms;
        t[CHECK][r] = lt.check_ms;
        t[PARSE][r] = lt.parse_ms;
        t[VALIDATE][r] = lt.validate_ms;
        t[LOAD][r] = t1 - t0;
        t[PROJECT][r] = t2 - t1;
        t[TRIANGULATE][r] = mt.triangulate_ms;
        t[EXTRUDE][r] = mt.extrude_ms;
        t[INDEX][r] = t4 - t3;
        t[TOTAL][r] = t4 - t0;
    }
    if (rc == LY_EXIT_OK && export_path && export_polygons(export_path, &d, &geo))
        rc = LY_EXIT_USAGE;
    if (rc == LY_EXIT_OK) {
        /* 1,000 random rays, as a user would pick: from up to 300 m above a
         * random place towards a random point of the ground near it */
        enum { PICKS = 1000 };
        double us[PICKS];
        int hits = 0;
        float ext[2] = {mesh.max[0] - mesh.min[0], mesh.max[1] - mesh.min[1]};
        for (int i = 0; i < PICKS; i++) {
            float o[3] = {mesh.min[0] + frand() * ext[0], mesh.min[1] + frand() * ext[1],
                          20 + frand() * 280};
            float dir[3] = {(frand() - 0.5f) * 600, (frand() - 0.5f) * 600, -o[2]};
            ly_hit h;
            double a = ly_clock_ms();
            hits += ly_bvh_ray(&bvh, &d, o, dir, INFINITY, &h);
            us[i] = (ly_clock_ms() - a) * 1000.0;
        }
        /* a colour-by change and a search keystroke: each must fit in a frame */
        double cb_ms = 0;
        for (int m = LY_COLOR_OCCUPANCY; m < LY_COLOR_MODES; m++) {
            ly_colorby cb;
            double a = ly_clock_ms();
            ly_colorby_compute(&cb, &d, (ly_color_mode)m, LY_LANG_ZH);
            cb_ms = fmax(cb_ms, ly_clock_ms() - a);
            ly_colorby_deinit(&cb);
        }
        /* the tenant finder with every criterion set */
        ly_query_result qr;
        double q0 = ly_clock_ms();
        ly_query_run(&d, &geo,
                     &(ly_query_desc){.min_area_m2 = 200, .contiguous = true,
                                      .max_rent_cny_m2_day = 5, .industry = "finance",
                                      .near_poi = true, .near = LY_POI_PARKING,
                                      .include_later_pois = true},
                     &qr);
        double query_ms = ly_clock_ms() - q0;
        ly_query_result_deinit(&qr);
        ly_search srch;
        double a0 = ly_clock_ms();
        int srch_ok = ly_search_init(&srch, &d, LY_LANG_ZH) == 0;
        double index_search_ms = ly_clock_ms() - a0;
        ly_search_hit found[10];
        a0 = ly_clock_ms();
        if (srch_ok)
            ly_search_run(&srch, "a", found, 10);
        double search_ms = ly_clock_ms() - a0;
        ly_search_deinit(&srch);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("{\"file\":\"%s\",\"buildings\":%zu,\"points\":%zu,\"runs\":%d", path,
               d.n_buildings, d.n_points, runs);
        for (int k = 0; k < N; k++)
            printf(",\"%s\":%.2f", names[k], quantile(t[k], runs, 0.5));
        printf(",\"pick_us_p50\":%.2f,\"pick_us_p99\":%.2f,\"pick_hits\":%d", quantile(us, PICKS, 0.5),
               quantile(us, PICKS, 0.99), hits);
        printf(",\"vertices\":%zu,\"triangles\":%zu,\"mesh_bytes\":%zu,"
               "\"mesh_bytes_per_building\":%.0f,\"chunks\":%zu,\"partial_polygons\":%zu",
               mesh.n_vertices, mesh.n_triangles, mesh.bytes,
               d.n_buildings ? (double)mesh.bytes / d.n_buildings : 0.0, mesh.n_chunks,
               mesh.partial_polygons);
        printf(",\"colorby_ms_max\":%.2f,\"query_ms\":%.2f,\"search_index_ms\":%.2f,"
               "\"search_ms\":%.2f",
               cb_ms, query_ms, index_search_ms, search_ms);
        if (first_frame >= 0)
            printf(",\"frame_size\":\"%dx%d\",\"frames\":%d,\"first_frame_ms\":%.1f,"
                   "\"frame_ms_p50\":%.2f,\"frame_ms_p95\":%.2f,\"fps_p50\":%.1f,\"msaa\":%d,"
                   "\"gl_renderer\":\"%s\"",
                   width, height, frames, first_frame, f50, f95, f50 > 0 ? 1000 / f50 : 0,
                   samples, gl);
        if (swap_max >= 0)
            printf(",\"reloads\":%d,\"reload_ms\":%.1f,\"reload_swap_frame_ms_p50\":%.2f,"
                   "\"reload_swap_frame_ms_max\":%.2f,\"reload_frame_ms_p50\":%.2f,"
                   "\"reload_frame_ms_max\":%.2f,\"reload_swap_ms_max\":%.2f,"
                   "\"reload_swap_cpu_ms_max\":%.2f",
                   reloads, reload_ms, swap_p50, swap_max, rframe_p50, rframe_max, poll_max,
                   poll_cpu_max);
        printf(",\"peak_rss_mb\":%.1f}\n", ru.ru_maxrss / 1024.0);
    }
    ly_bvh_deinit(&bvh);
    ly_mesh_deinit(&mesh);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    for (int k = 0; k < N; k++)
        free(t[k]);
    return rc;
}
