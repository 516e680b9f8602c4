/* louyu bench's frame timings: the first frame from process start, frames along a
 * scripted camera path, and frames while the kiosk's reload loads and swaps in.
 * A hidden window with the same app as the viewer. */
#include "bench.h"
#include "../commands.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/proc.h"
#include "window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double ly_bench_quantile(double *v, int n, double q)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)ceil(q * n) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* One frame, waited for, in milliseconds. */
static double frame(ly_app *app, ly_platform *plat)
{
    double t0 = ly_clock_ms();
    ly_app_update(app, 1.0 / 60);
    ly_app_render(app);
    ly_platform_swap(plat);
    ly_renderer_mark_presented(app->renderer);
    ly_renderer_finish(app->renderer);
    return ly_clock_ms() - t0;
}

int ly_bench_open(ly_app *app, ly_platform **plat, const ly_bench_frames_desc *d)
{
    ly_window_opts wo = {.width = d->width, .height = d->height, .scale = 1, .hidden = true,
                         .msaa = d->msaa};
    /* as the viewer: the file loads while the window and its context are made */
    ly_reload *rl = ly_reload_start(d->path, false, d->model_lod, false, false);
    if (ly_cli_open(app, plat, &wo)) {
        if (rl)
            ly_reload_discard(rl);
        return LY_EXIT_GL;
    }
    snprintf(app->model_lod, sizeof app->model_lod, "%s", d->model_lod ? d->model_lod : "");
    int rc;
    if (rl) {
        ly_diag_list diags;
        double t0 = ly_clock_ms();
        rc = ly_app_open_finish(app, rl, &diags);
        LY_DEBUG("START", "%s loaded, then swapped in %.1f ms later", d->path, ly_clock_ms() - t0);
        rc = ly_cli_loaded(app, d->path, rc, &diags, false);
    } else {
        rc = ly_cli_load(app, d->path, false);
    }
    if (rc) {
        ly_cli_close(app, *plat);
        return rc; /* (said: the file's errors, or why it did not open) */
    }
    ly_cmd_resize(app, d->width, d->height);
    app->lod_off = d->lod_off;
    ly_renderer_set_mem_limit(app->renderer,
                              d->mesh_limit ? d->mesh_limit : ly_proc_default_mesh_limit());
    ly_renderer_set_upload_budget(app->renderer, LY_UPLOAD_BUDGET_MS); /* as the viewer */
    return 0;
}

/* n frames of one view turning once around its target, with what they drew. */
static int view_frames(ly_app *app, ly_platform *plat, ly_camera_pose pose, int n,
                       ly_bench_view_result *v)
{
    double *ms = malloc((size_t)n * sizeof *ms);
    if (!ms)
        return -1;
    memset(v, 0, sizeof *v);
    double heading = pose.heading;
    for (int i = 0; i < n; i++) {
        pose.heading = heading + 2 * M_PI * i / n;
        ly_camera_set_pose(&app->st.cam, pose);
        ms[i] = frame(app, plat);
        ly_render_stats st;
        ly_renderer_stats(app->renderer, &st);
        v->chunks += (double)st.chunks / n;
        v->culled += (double)st.culled / n;
        v->tiles_culled += (double)st.tiles_culled / n;
        v->triangles += (double)st.triangles / n;
        for (int k = 0; k <= LY_MESH_LODS; k++)
            v->at_level[k] += (double)st.at_level[k] / n;
        v->uploads += (double)st.uploads / n;
        v->evictions += (double)st.evictions / n;
        v->deferred += (double)st.deferred / n;
        v->resident_mb = (double)st.resident_bytes / (1 << 20);
        double part[LY_PARTS];
        if (ly_renderer_part_ms(app->renderer, part)) {
            v->timed++;
            for (int k = 0; k < LY_PARTS; k++)
                v->part_ms[k] += part[k];
        }
    }
    for (int k = 0; k < LY_PARTS && v->timed; k++)
        v->part_ms[k] /= v->timed;
    v->p50 = ly_bench_quantile(ms, n, 0.5);
    v->p95 = ly_bench_quantile(ms, n, 0.95);
    free(ms);
    return 0;
}

/* The whole district (or city) in view, then a view from street level. */
static int fixed_views(ly_app *app, ly_platform *plat, int frames, ly_bench_frames_result *r)
{
    int n = frames < 24 ? 24 : frames / 2;
    ly_camera_pose home = ly_camera_home_pose(&app->st.cam);
    ly_camera_pose street = home;
    street.distance = 400;
    street.pitch = 15 * M_PI / 180;
    ly_renderer_time_parts(app->renderer, true); /* where the GL can: each part's GPU time */
    int rc = view_frames(app, plat, home, n, &r->whole) ||
             view_frames(app, plat, street, n, &r->street);
    ly_renderer_time_parts(app->renderer, false);
    return rc;
}

int ly_bench_frames(const ly_bench_frames_desc *d, ly_bench_frames_result *r)
{
    ly_app app;
    ly_platform *plat;
    int open = ly_bench_open(&app, &plat, d);
    if (open)
        return open;
    ly_render_info info;
    ly_render_query_info(&info);
    snprintf(r->gl_renderer, sizeof r->gl_renderer, "%s", info.renderer ? info.renderer : "?");
    if (d->select) {
        long b = ly_district_find(&app.scene.district, d->select);
        if (b < 0) {
            fprintf(stderr, "louyu bench: --select: there is no building \"%s\" in %s\n",
                    d->select, d->path);
            ly_cli_close(&app, plat);
            return LY_EXIT_USAGE;
        }
        ly_cmd_select(&app, b, false);
        ly_cmd_set_stacking(&app, d->stacking, 0);
    }
    ly_cmd_set_dashboard(&app, d->dashboard);
    double f0 = ly_clock_ms();
    frame(&app, plat);
    r->first_frame_ms = ly_clock_ms() - ly_process_start_ms;
    ly_render_stats fs;
    ly_renderer_stats(app.renderer, &fs);
    LY_DEBUG("START", "the first frame took %.1f ms: %zu full meshes up, %zu for later frames",
             ly_clock_ms() - f0, fs.uploads, fs.waiting);
    /* the frames that bring the rest of what the view wants, within their time for it */
    int later = 0;
    for (; fs.waiting && later < 10000; later++) {
        frame(&app, plat);
        ly_renderer_stats(app.renderer, &fs);
    }
    r->detail_ms = ly_clock_ms() - ly_process_start_ms;
    LY_DEBUG("START", "%d frames later every mesh is up (%.1f MB)", later,
             (double)fs.resident_bytes / (1 << 20));
    r->samples = ly_renderer_msaa(app.renderer);
    /* the scripted path: one full turn around the district, zooming in to 40 % and
     * back out, tilting between 30 and 60 degrees, hovering the centre */
    ly_camera_pose home = ly_camera_home_pose(&app.st.cam);
    double *ms = malloc((size_t)d->frames * sizeof *ms);
    if (!ms) {
        ly_cli_close(&app, plat);
        return -1;
    }
    for (int i = 0; i < d->frames; i++) {
        double u = (double)i / d->frames;
        ly_camera_pose p = home;
        p.heading = home.heading + 2 * M_PI * u;
        p.distance = home.distance * (0.4 + 0.6 * (0.5 + 0.5 * cos(2 * M_PI * u)));
        p.pitch = (45 + 15 * sin(4 * M_PI * u)) * M_PI / 180;
        ly_camera_set_pose(&app.st.cam, p);
        ly_cmd_hover(&app, ly_app_pick(&app, d->width / 2.0f, d->height / 2.0f, 0, NULL), false);
        ms[i] = frame(&app, plat);
    }
    r->p50 = ly_bench_quantile(ms, d->frames, 0.5);
    r->p95 = ly_bench_quantile(ms, d->frames, 0.95);
    free(ms);
    int rc = fixed_views(&app, plat, d->frames, r);
    ly_cli_close(&app, plat);
    return rc;
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Frames while one reload loads on its thread, and the frame that swaps it in. */
static bool one_reload(ly_app *app, ly_platform *plat, const char *path, double *all, size_t *n,
                       size_t cap, ly_bench_reload_result *r, double *swap_ms, double *load_ms)
{
    double started = ly_clock_ms();
    if (!ly_app_reload_start(app, path))
        return false;
    ly_camera_pose home = ly_camera_home_pose(&app->st.cam);
    for (;;) {
        double t0 = ly_clock_ms(), c0 = thread_cpu_ms();
        bool swapped = ly_app_reload_poll(app, false);
        if (swapped) {
            /* the swap itself (GPU upload, styles, search index, finder), in wall time
             * and in this thread's CPU time, which a busy machine does not inflate */
            r->poll_max = fmax(r->poll_max, ly_clock_ms() - t0);
            r->poll_cpu_max = fmax(r->poll_cpu_max, thread_cpu_ms() - c0);
        }
        ly_camera_pose p = home; /* the camera keeps turning, as in the tour */
        p.heading += 0.002 * (double)*n;
        ly_camera_set_pose(&app->st.cam, p);
        frame(app, plat);
        double ms = ly_clock_ms() - t0; /* the frame, the poll and the swap included */
        if (*n < cap)
            all[(*n)++] = ms;
        if (swapped) {
            *swap_ms = ms;
            *load_ms = ly_clock_ms() - started;
            return true;
        }
        if (!app->reload) /* refused: the data went bad under us */
            return false;
    }
}

int ly_bench_reload(const ly_bench_frames_desc *d, int reloads, ly_bench_reload_result *r)
{
    memset(r, 0, sizeof *r);
    ly_app app;
    ly_platform *plat;
    if (ly_bench_open(&app, &plat, d))
        return -1;
    size_t cap = 4096, n = 0;
    double *all = malloc(cap * sizeof *all), *swaps = malloc((size_t)reloads * sizeof *swaps);
    double loads = 0;
    int done = 0;
    /* a kiosk has been on screen long before the weekly update: the first frames of a
     * new context (llvmpipe compiles its shader variants there) are the start-up's */
    for (int i = 0; i < 5 && all; i++)
        frame(&app, plat);
    for (int k = 0; all && swaps && k < reloads; k++) {
        double load;
        if (!one_reload(&app, plat, d->path, all, &n, cap, r, &swaps[done], &load))
            break;
        loads += load;
        done++;
    }
    int rc = all && swaps && done == reloads && n ? 0 : -1;
    if (!rc) {
        r->frame_p50 = ly_bench_quantile(all, (int)n, 0.5);
        r->frame_max = all[n - 1];
        r->swap_p50 = ly_bench_quantile(swaps, done, 0.5);
        r->swap_max = swaps[done - 1];
        r->load_ms = loads / done;
    }
    free(all);
    free(swaps);
    ly_cli_close(&app, plat);
    return rc;
}

/* The building the week bench selects: --select, else the one with the most floor
 * records. */
static long weeks_building(const ly_app *app, const char *id)
{
    const ly_district *d = &app->scene.district;
    long best = id ? ly_district_find(d, id) : -1;
    for (size_t i = 0; !id && i < d->n_buildings; i++)
        if (best < 0 || d->buildings[i].n_records > d->buildings[best].n_records)
            best = (long)i;
    return best;
}

int ly_bench_weeks(const ly_bench_frames_desc *d, ly_bench_weeks_result *r)
{
    ly_app app;
    ly_platform *plat;
    memset(r, 0, sizeof *r);
    if (ly_bench_open(&app, &plat, d))
        return -1;
    const ly_district *dist = &app.scene.district;
    r->weeks = (int)dist->n_weeks;
    long b = weeks_building(&app, d->select);
    int n = 2 * r->weeks, k = 0;
    double *cpu = malloc((size_t)(n + 1) * sizeof *cpu), *wall = malloc((size_t)(n + 1) * sizeof *wall);
    if (r->weeks >= 2 && b >= 0 && cpu && wall) {
        ly_cmd_select(&app, b, false);
        ly_cmd_set_stacking(&app, true, 0);
        ly_cmd_set_dashboard(&app, true);
        ly_cmd_set_color_mode(&app, LY_COLOR_OCCUPANCY, false);
        frame(&app, plat);
        for (int i = 0; i < n; i++) {
            /* back from the latest to the first, then forward again */
            int w = i < r->weeks ? r->weeks - 1 - i : i - r->weeks;
            double t0 = ly_clock_ms(), c0 = thread_cpu_ms();
            ly_cmd_set_week(&app, dist->weeks[w]);
            ly_app_update(&app, 1.0 / 60);
            ly_app_render(&app);
            cpu[k] = thread_cpu_ms() - c0;
            ly_platform_swap(plat);
            ly_renderer_finish(app.renderer);
            wall[k++] = ly_clock_ms() - t0;
        }
        r->cpu_p50 = ly_bench_quantile(cpu, k, 0.5);
        r->cpu_max = ly_bench_quantile(cpu, k, 1.0);
        r->wall_p50 = ly_bench_quantile(wall, k, 0.5);
        r->wall_max = ly_bench_quantile(wall, k, 1.0);
    }
    free(cpu);
    free(wall);
    ly_cli_close(&app, plat);
    return 0;
}
