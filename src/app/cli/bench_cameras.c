/* louyu bench --cameras S: the viewer in operations mode with live camera pictures open,
 * drawn as the viewer's loop draws (a frame when a picture or a stream's state changes,
 * else a short sleep), for S seconds: frame times, pictures taken, and memory sampled
 * every second (its slope says whether it grows), with glibc's heap in use beside it, so
 * that growth can be told apart: in use (something kept) or not (the allocator or the driver). What it records has a fixed size and
 * is written over before the run, so its own bookkeeping does not grow the memory it
 * measures (a list of every frame's time added about 0.6 MB over an hour).
 *
 * Beside the viewer, a thread that does nothing but sleep a millisecond at a time notes
 * each wake-up more than STALL_MS late. A slow frame during which that thread was held
 * up as long was the machine stopping the process (a hypervisor's pause, the host's
 * load), not the viewer's work: each slow frame says how long that overlap was. */
#include "bench.h"
#include "../commands.h"
#include "louyu/clock.h"
#include "louyu/proc.h"
#include "window.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The idle thread's late wake-ups: from when it should have woken to when it did (ms). */
enum { STALLS = 4096 };
static const double STALL_MS = 5.0;
typedef struct {
    pthread_t thread;
    atomic_bool stop;
    atomic_int n;
    struct {
        double from, to;
    } at[STALLS];
} probe;

static void *probe_main(void *arg)
{
    probe *p = arg;
    while (!atomic_load(&p->stop)) {
        double t0 = ly_clock_ms();
        nanosleep(&(struct timespec){0, 1000000}, NULL);
        double t1 = ly_clock_ms();
        int k = atomic_load(&p->n);
        if (t1 - t0 > 1 + STALL_MS && k < STALLS) {
            p->at[k].from = t0 + 1;
            p->at[k].to = t1;
            atomic_store(&p->n, k + 1);
        }
    }
    return NULL;
}

/* How much of [from, to) the idle thread spent held up. */
static double stalled(const probe *p, double from, double to)
{
    double s = 0;
    for (int i = 0; i < atomic_load(&p->n); i++) {
        double a = p->at[i].from > from ? p->at[i].from : from;
        double b = p->at[i].to < to ? p->at[i].to : to;
        s += b > a ? b - a : 0;
    }
    return s;
}

/* Least squares slope of y over x. */
static double slope(const double *x, const double *y, int n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int i = 0; i < n; i++)
        sx += x[i], sy += y[i], sxx += x[i] * x[i], sxy += x[i] * y[i];
    double den = n * sxx - sx * sx;
    return n > 1 && den > 0 ? (n * sxy - sx * sy) / den : 0;
}

/* Opens every camera of the district with a picture source, up to four. */
static int open_cameras(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_cmd_set_operations(app, true);
    for (size_t i = 0; i < d->n_features && app->st.n_camera_views < LY_CAMERA_VIEWS; i++)
        if (d->features[i].kind == LY_KIND_CAMERA && (d->features[i].stream || d->features[i].snapshot))
            ly_cmd_open_camera(app, (long)i);
    return app->st.n_camera_views;
}

static uint64_t pictures(const ly_app *app)
{
    uint64_t n = 0;
    for (int k = 0; k < app->st.n_camera_views; k++)
        n += app->dv.stream_status[k].frames;
    return n;
}

/* Frame times in bins of BIN_MS up to BINS * BIN_MS; the last bin takes the rest. */
enum { BINS = 20000 };
static const double BIN_MS = 0.05;

/* The time under which a share q of the n frames in hist took, to a bin. */
static double hist_quantile(const uint32_t *hist, long n, double q)
{
    long want = (long)(q * (double)n), seen = 0;
    for (int b = 0; b < BINS; b++) {
        seen += hist[b];
        if (seen > want)
            return (b + 1) * BIN_MS;
    }
    return BINS * BIN_MS;
}

/* The loop: frames as the viewer draws them; with hist, the times of the frames
 * started from `from` (ms) on are counted. */
static long run(ly_app *app, ly_platform *plat, double until, double from, uint32_t *hist,
                ly_bench_cameras_result *r, double *rx, double *ry, double *rh, int *nr)
{
    long n = 0;
    double last = ly_clock_ms(), next_rss = from;
    while (ly_clock_ms() < until) {
        double t0 = ly_clock_ms(), trim_t = app->dv.trim_t;
        uint64_t pics = hist ? pictures(app) : 0;
        bool moving = ly_app_update(app, (t0 - last) / 1000);
        double t1 = ly_clock_ms();
        bool trimmed = app->dv.trim_t != trim_t;
        if (hist && t0 >= from && trimmed) {
            r->trims++;
            r->trim_max_ms = app->dv.trim_ms > r->trim_max_ms ? app->dv.trim_ms : r->trim_max_ms;
        }
        last = t0;
        if (moving || app->st.redraw) {
            ly_app_render(app);
            double t2 = ly_clock_ms();
            ly_platform_swap(plat);
            double t3 = ly_clock_ms();
            ly_renderer_finish(app->renderer);
            double t4 = ly_clock_ms(), t = t4 - t0;
            if (hist && t0 >= from) {
                long b = (long)(t / BIN_MS);
                hist[b < BINS ? b : BINS - 1]++;
                r->over_33ms += t > 33.0;
                int k = r->n_slow;
                if (t > 33.0 && k < (int)(sizeof r->slow / sizeof *r->slow)) {
                    r->slow[k].at_s = (t0 - from) / 1000;
                    r->slow[k].ms = t;
                    r->slow[k].trim_ms = trimmed ? app->dv.trim_ms : -1;
                    r->slow[k].stall_ms = t0; /* (its start, for now: see ly_bench_cameras) */
                    r->slow[k].update_ms = t1 - t0;
                    r->slow[k].render_ms = t2 - t1;
                    r->slow[k].swap_ms = t3 - t2;
                    r->slow[k].finish_ms = t4 - t3;
                    r->slow[k].pictures = (int)(pictures(app) - pics);
                    r->n_slow++;
                }
                r->max = t > r->max ? t : r->max;
                n++;
            }
        } else {
            ly_platform_sleep(0.002);
        }
        if (t0 >= next_rss && *nr < 86400) {
            double mb = (double)ly_proc_rss_kb() / 1024;
            rx[*nr] = (t0 - from) / 3.6e6; /* hours */
            rh[*nr] = (double)ly_proc_heap_kb() / 1024;
            ry[(*nr)++] = mb;
            r->rss_max_mb = mb > r->rss_max_mb ? mb : r->rss_max_mb;
            next_rss += 1000;
        }
    }
    return n;
}

int ly_bench_cameras(const ly_bench_frames_desc *d, double seconds, ly_bench_cameras_result *r)
{
    *r = (ly_bench_cameras_result){0};
    ly_app app;
    ly_platform *plat;
    int open = ly_bench_open(&app, &plat, d);
    if (open)
        return open; /* (no GL context, or the file's errors: said) */
    r->cameras = open_cameras(&app);
    int samples = (int)seconds + 2;
    uint32_t *hist = malloc(BINS * sizeof *hist);
    double *rx = malloc((size_t)samples * 3 * sizeof *rx);
    if (!r->cameras || !hist || !rx) {
        free(hist);
        free(rx);
        ly_cli_close(&app, plat);
        return -1;
    }
    /* written now, so that their pages are in memory before it is measured */
    memset(hist, 0, BINS * sizeof *hist);
    memset(rx, 0, (size_t)samples * 3 * sizeof *rx);
    double *ry = rx + samples, *rh = ry + samples;
    int nr = 0;
    double start = ly_clock_ms(), from = start + 3000, until = from + seconds * 1000;
    uint64_t pics0 = 0;
    run(&app, plat, from, until + 1, NULL, r, rx, ry, rh, &nr); /* the warm-up */
    pics0 = pictures(&app);
    nr = 0;
    r->rss_max_mb = 0;
    probe *pr = malloc(sizeof *pr);
    if (pr) { /* (its pages written before it is measured) */
        memset(pr, 0, sizeof *pr);
        atomic_init(&pr->stop, false);
        atomic_init(&pr->n, 0);
    }
    bool probing = pr && pthread_create(&pr->thread, NULL, probe_main, pr) == 0;
    r->frames = run(&app, plat, until, from, hist, r, rx, ry, rh, &nr);
    r->seconds = (ly_clock_ms() - from) / 1000;
    if (probing) {
        atomic_store(&pr->stop, true);
        pthread_join(pr->thread, NULL);
        r->stalls = atomic_load(&pr->n);
        for (int i = 0; i < r->stalls; i++) {
            double ms = pr->at[i].to - pr->at[i].from;
            r->stall_max_ms = ms > r->stall_max_ms ? ms : r->stall_max_ms;
        }
    }
    for (int i = 0; i < r->n_slow; i++) {
        double t0 = r->slow[i].stall_ms;
        r->slow[i].stall_ms = probing ? stalled(pr, t0, t0 + r->slow[i].ms) : -1;
    }
    free(pr);
    r->pictures_per_s = (double)(pictures(&app) - pics0) / r->seconds;
    if (r->frames) {
        r->p99 = hist_quantile(hist, r->frames, 0.99);
        r->p50 = hist_quantile(hist, r->frames, 0.50);
    }
    r->rss_start_mb = nr ? ry[0] : 0;
    r->rss_end_mb = nr ? ry[nr - 1] : 0;
    r->rss_slope_mb_per_h = slope(rx, ry, nr);
    r->heap_start_mb = nr ? rh[0] : -1;
    r->heap_end_mb = nr ? rh[nr - 1] : -1;
    r->heap_slope_mb_per_h = nr && rh[0] >= 0 ? slope(rx, rh, nr) : 0;
    free(hist);
    free(rx);
    ly_cli_close(&app, plat);
    return 0;
}
