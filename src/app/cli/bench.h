/* louyu bench's frame timings (bench_frames.c), for cmd_bench.c. */
#ifndef LOUYU_CLI_BENCH_H
#define LOUYU_CLI_BENCH_H

#include "louyu/mesh.h"
#include "louyu/render.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *path;
    int width, height, frames, msaa;
    const char *select; /* a building selected while the frames are drawn, or NULL */
    bool stacking;      /* with its stacking plan */
    bool dashboard;     /* with the dashboard open */
    bool lod_off;       /* every chunk in full */
    const char *model_lod; /* a CityJSON file's LoD to read (NULL: the best) */
    size_t mesh_limit;  /* bytes of meshes on the GPU at most (0: the default) */
} ly_bench_frames_desc;

/* Frames from one kind of view, turning once around the district. */
typedef struct {
    double p50, p95;
    double chunks, culled, triangles; /* per frame, on average */
    double tiles_culled;              /* tiles of the chunks drawn, culled */
    double at_level[1 + LY_MESH_LODS]; /* tiles per frame in full, at each far level */
    double uploads, evictions;        /* chunks' full meshes per frame */
    double deferred;                  /* chunks per frame drawn at a far level for want of room */
    double resident_mb;               /* chunk meshes on the GPU after the last frame */
    int timed;                        /* frames whose parts the GPU timed (0: none could be) */
    double part_ms[LY_PARTS];         /* the GPU's time for each part, on average */
} ly_bench_view_result;

typedef struct {
    double first_frame_ms; /* from process start */
    double detail_ms;      /* from process start to the first frame with every mesh it wants */
    double p50, p95;       /* per frame along the scripted path */
    int samples;           /* MSAA the frames really used */
    char gl_renderer[128];
    ly_bench_view_result whole;  /* the home view: the whole district or city in view */
    ly_bench_view_result street; /* 400 m from the centre, 15 degrees above the ground */
} ly_bench_frames_result;

typedef struct {
    double swap_max, swap_p50;   /* the frames that swapped a reload in */
    double frame_max, frame_p50; /* every frame meanwhile */
    double load_ms;              /* from a reload's start to its swap, on average */
    double poll_max, poll_cpu_max; /* the swap alone: wall and this thread's CPU time */
} ly_bench_reload_result;

/* A hidden window: the first frame from process start, then `frames` frames along
 * a scripted camera path. Returns 0, or why not: LY_EXIT_GL (no GL context),
 * LY_EXIT_DATA or LY_EXIT_USAGE (the file does not load, no such building: said), or -1
 * (out of memory). ly_bench_open returns the same. */
int ly_bench_frames(const ly_bench_frames_desc *d, ly_bench_frames_result *r);
/* The same window reloading its file `reloads` times as the kiosk does (loader
 * thread, swap between frames) while frames are drawn. Returns 0 or -1. */
int ly_bench_reload(const ly_bench_frames_desc *d, int reloads, ly_bench_reload_result *r);

typedef struct {
    int weeks;                    /* the store's weeks (0: a file without) */
    double cpu_p50, cpu_max;      /* a week change and its frame: this thread's CPU time */
    double wall_p50, wall_max;    /* the same with the GPU's work waited for */
} ly_bench_weeks_result;

/* Every week of a store shown in turn (back through all of them, then forward), with
 * a building's card, its stacking plan and the dashboard open, each with its frame.
 * Returns 0, or -1 (no GL context, the file does not load). */
int ly_bench_weeks(const ly_bench_frames_desc *d, ly_bench_weeks_result *r);

/* A hidden window of the desc's size with its file loaded; 0, or -1 (no GL context,
 * the file does not load). Close it with ly_cli_close. */
struct ly_app;
struct ly_platform;
int ly_bench_open(struct ly_app *app, struct ly_platform **plat, const ly_bench_frames_desc *d);
typedef struct {
    int cameras;               /* live pictures open */
    double seconds;            /* measured (after a warm-up of 3 s) */
    long frames;               /* drawn: the viewer draws when a picture or a state changes */
    double p50, p99, max;      /* ms per frame, the GPU's work waited for */
    long over_33ms;            /* frames slower than 30 frames a second */
    double pictures_per_s;     /* pictures taken from the streams, all cameras */
    double rss_start_mb, rss_end_mb, rss_max_mb;
    double rss_slope_mb_per_h; /* least squares over a sample a second */
    /* glibc's heap in use (mallinfo2), sampled with the RSS; -1 where it cannot be read */
    double heap_start_mb, heap_end_mb, heap_slope_mb_per_h;
    /* the first 16 frames over 33 ms: when (s after the warm-up), how
     * long, the allocator's trim when one ran in that frame (ms; -1: none), and how long
     * an idle thread of the process was held up meanwhile (ms: the machine stopped) */
    struct {
        double at_s, ms, trim_ms, stall_ms;
        /* where its time went: the app's update (input, camera pictures handed over, the
         * overlay laid out), drawing (GL calls, textures sent), the swap, and the wait
         * for the GL to finish (software GL rasterises then); pictures handed over */
        double update_ms, render_ms, swap_ms, finish_ms;
        int pictures;
    } slow[16];
    /* that thread's wake-ups over 5 ms late while measured, and the latest one */
    long stalls;
    double stall_max_ms;
    int n_slow;
    long trims;          /* trims while measured */
    double trim_max_ms;  /* the longest */
} ly_bench_cameras_result;
/* Operations mode with every camera of the file open (up to four), drawn as the viewer
 * draws: a frame whenever a picture or a stream's state changes, for `seconds`.
 * Returns 0, or why not: ly_bench_open's codes (no GL context, the file's errors: said),
 * or -1 (no camera with a picture source, out of memory). */
int ly_bench_cameras(const ly_bench_frames_desc *d, double seconds, ly_bench_cameras_result *r);
/* The q-quantile (0..1) of v[0..n), sorting v. */
double ly_bench_quantile(double *v, int n, double q);

#endif
