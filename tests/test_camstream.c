/* A camera's live picture (camstream.h) against tests/camera_server.py, a local camera
 * (127.0.0.1, a port the OS picks) that this test starts, kills and restarts. The
 * frames are real JPEGs written here (stb_image_write), each with a marker colour in
 * its top-left corner that tells them apart after decoding and scaling.
 *
 * Phase 1, twenty-odd streams at once for 6 s: MJPEG (CRLF and LF, with and without
 * Content-Length, the boundary with and without "--"), max_fps, snapshots, scaling
 * (JPEG and PNG, aspect kept), a redirect, a stall, a dropped connection, garbage, an
 * HTML page, 404, a refused port, a server that never answers, local files (a path,
 * a file:// URL), a missing file, a picture over the size limit, an unsupported
 * scheme, and the back-off between retries. Phase 2: a 50 MB part (announced or not)
 * while the process's RSS is watched. Phase 3: the server killed and restarted on the
 * same port, then sent away and back by its control path. Every close is timed.
 *
 * `test_camstream --bench [SECONDS]` runs four 640 x 480 streams at 10 fps instead and
 * prints the CPU they cost (not a pass/fail check: timing belongs in benches).
 * LY_TEST_VERBOSE=1 prints what every phase-1 stream went through. */
#include "check.h"
#include "louyu/camstream.h"
#include "louyu/clock.h"
#include "louyu/proc.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Implementations live in libstb.so. */
#include <stb/stb_image_write.h>

#define FRAME_W 640
#define FRAME_H 480
#define N_FRAMES 20

static char g_dir[PATH_MAX];
static pid_t g_server = -1;
static int g_port;

static void sleep_ms(double ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(fmod(ms, 1000) * 1e6)};
    nanosleep(&ts, NULL);
}

/* ---- frames ---------------------------------------------------------------------------- */

/* Frame `id`'s marker colour: red steps up, green down. */
static void marker(int id, uint8_t rgb[3])
{
    rgb[0] = (uint8_t)(16 + id * 11);
    rgb[1] = (uint8_t)(240 - id * 11);
    rgb[2] = 128;
}

/* A camera-like picture (gradients, a moving bar, sensor noise) with frame id's marker
 * over its top-left eighth. RGB, caller frees. */
static uint8_t *make_picture(int w, int h, int id)
{
    uint8_t *rgb = malloc((size_t)w * h * 3), mk[3];
    uint32_t seed = 2166136261u ^ (uint32_t)id;
    marker(id, mk);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = rgb + ((size_t)y * w + x) * 3;
            seed = seed * 1664525u + 1013904223u;
            int noise = (int)(seed >> 28) - 8;
            int bar = abs(x - (id * w / N_FRAMES)) < w / 20 ? 90 : 0;
            int v[3] = {x * 200 / w + bar, y * 200 / h + bar, (x + y) * 100 / (w + h) + 60};
            for (int c = 0; c < 3; c++) {
                int q = v[c] + noise;
                p[c] = (uint8_t)(q < 0 ? 0 : q > 255 ? 255 : q);
            }
            if (x < w / 8 && y < h / 8)
                memcpy(p, mk, 3);
        }
    return rgb;
}

static bool write_picture(const char *name, int w, int h, int id)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    uint8_t *rgb = make_picture(w, h, id);
    bool png = strstr(name, ".png") != NULL;
    int ok = png ? stbi_write_png(path, w, h, 3, rgb, w * 3)
                 : stbi_write_jpg(path, w, h, 3, rgb, 80);
    free(rgb);
    return ok != 0;
}

/* A real JPEG whose header then says 10000 x 10000 (its SOF0 patched). */
static bool write_huge_dims(const char *name)
{
    if (!write_picture(name, 64, 64, 1))
        return false;
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    size_t len = 0;
    char *b = check_read_file(path, &len);
    bool ok = false;
    for (size_t i = 0; b && i + 9 < len && !ok; i++)
        if ((uint8_t)b[i] == 0xFF && (uint8_t)b[i + 1] == 0xC0) {
            b[i + 5] = b[i + 7] = (char)(10000 >> 8); /* height, width */
            b[i + 6] = b[i + 8] = (char)(10000 & 0xFF);
            ok = true;
        }
    FILE *f = ok ? fopen(path, "wb") : NULL;
    ok = f && fwrite(b, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    free(b);
    return ok;
}

/* An uncompressed TGA of 4 x 4 grey pixels: stb_image decodes it, but it is neither a JPEG
 * nor a PNG (and has no signature, so other bytes pass for one). */
static bool write_tga(const char *name)
{
    unsigned char b[18 + 48] = {0, 0, 2, [12] = 4, [14] = 4, [16] = 24};
    memset(b + 18, 128, 48);
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(b, 1, sizeof b, f) == sizeof b;
    return f && fclose(f) == 0 && ok;
}

static bool write_frames(void)
{
    char name[64];
    for (int i = 0; i < N_FRAMES; i++) {
        snprintf(name, sizeof name, "frame-%02d.jpg", i);
        if (!write_picture(name, FRAME_W, FRAME_H, i))
            return false;
    }
    return write_picture("big.jpg", 1280, 960, 7) && write_picture("wide.png", 1600, 600, 9) &&
           write_picture("a frame.jpg", FRAME_W, FRAME_H, 5) && write_huge_dims("dims.jpg") && write_tga("grey.tga");
}

/* The frame a decoded picture shows, by its marker; -1 when none matches. */
static int frame_id(const uint8_t *px, int w, int h)
{
    const uint8_t *p = px + ((size_t)(h / 16) * w + (size_t)(w / 16)) * 4;
    int id = (int)lround((p[0] - 16) / 11.0);
    uint8_t mk[3];
    if (id < 0 || id >= N_FRAMES)
        return -1;
    marker(id, mk);
    return abs(p[1] - mk[1]) <= 6 && abs(p[2] - mk[2]) <= 6 ? id : -1;
}

/* ---- the server ------------------------------------------------------------------------ */

static void stop_server(void)
{
    if (g_server > 0) {
        kill(g_server, SIGKILL);
        waitpid(g_server, NULL, 0);
        g_server = -1;
    }
}

/* Starts tests/camera_server.py on `port` (0: any) and waits for it to listen. */
static bool start_server(int port)
{
    char portfile[PATH_MAX + 16], script[PATH_MAX], arg[16];
    snprintf(portfile, sizeof portfile, "%s/port", g_dir);
    snprintf(script, sizeof script, "%s/tests/camera_server.py", LY_SOURCE_DIR);
    snprintf(arg, sizeof arg, "%d", port);
    unlink(portfile);
    pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* no server outlives a crashed test */
        execlp("python3", "python3", script, g_dir, arg, (char *)NULL);
        _exit(127);
    }
    if (pid < 0)
        return false;
    g_server = pid;
    for (double t0 = ly_clock_ms(); ly_clock_ms() - t0 < 15000; sleep_ms(20)) {
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            g_server = -1;
            return false;
        }
        char *text = check_read_file(portfile, NULL);
        int p = text ? atoi(text) : 0;
        free(text);
        if (p > 0) {
            g_port = p;
            return true;
        }
    }
    stop_server();
    return false;
}

/* A port nobody listens on (the OS's pick, given back at once). */
static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = 0;
    if (s >= 0 && !bind(s, (struct sockaddr *)&a, sizeof a) &&
        !getsockname(s, (struct sockaddr *)&a, &len))
        port = ntohs(a.sin_port);
    if (s >= 0)
        close(s);
    return port;
}

/* ---- watching a stream ----------------------------------------------------------------- */

typedef struct {
    const char *name;
    char url[PATH_MAX + 128];
    ly_camstream *cs;
    ly_cam_state seq[64]; /* the states seen, in order, repeats folded */
    int n_seq;
    char msg[5][200];     /* the last message seen in each state */
    ly_camstream_status last;
    uint64_t serial;
    int pictures, w, h, distinct, unknown;
    bool ids[N_FRAMES];
    /* by count of failures in a row: when first and last seen, and the retry's time */
    double first_seen[8], last_seen[8], retry_at[8];
    int max_failures;
    double mark_ms;       /* mark(): when, and the pictures decoded by then */
    uint64_t mark_frames;
    bool recovered;       /* a picture came after a failure */
    double close_ms;
    ly_cam_state closed_in;
    /* the picture poll lent last, and a sample of it: it must not change until the
     * next picture is handed over; and the buffers lent so far (a stream has three) */
    const uint8_t *lent;
    size_t lent_n;
    uint64_t lent_sum;
    int overwritten;
    int every, pass; /* run_for polls it every `every`-th pass (0: every pass) */
    const uint8_t *buffers[8];
    int n_buffers;
} watch;

/* Every 61st byte of a picture, folded (FNV-1a). */
static uint64_t sample_sum(const uint8_t *px, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i += 61)
        h = (h ^ px[i]) * 1099511628211ull;
    return h;
}

static void watch_open(watch *w, const char *name, ly_camstream_desc d, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void watch_open(watch *w, const char *name, ly_camstream_desc d, const char *fmt, ...)
{
    memset(w, 0, sizeof *w);
    w->name = name;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->url, sizeof w->url, fmt, ap);
    va_end(ap);
    d.url = w->url;
    w->last_seen[0] = ly_clock_ms();
    w->cs = ly_camstream_open(&d);
    CHECK(w->cs != NULL);
}

static void watch_poll(watch *w)
{
    ly_camstream_status st;
    uint8_t *px = NULL;
    int pw, ph;
    if (w->lent && sample_sum(w->lent, w->lent_n) != w->lent_sum)
        w->overwritten++;
    if (ly_camstream_poll(w->cs, &st, &w->serial, &px, &pw, &ph)) {
        w->pictures++;
        w->lent = px;
        w->lent_n = (size_t)pw * (size_t)ph * 4;
        w->lent_sum = sample_sum(px, w->lent_n);
        int b = 0;
        while (b < w->n_buffers && w->buffers[b] != px)
            b++;
        if (b == w->n_buffers && b < 8)
            w->buffers[w->n_buffers++] = px;
        w->w = pw, w->h = ph;
        int id = frame_id(px, pw, ph);
        if (id < 0)
            w->unknown++;
        else if (!w->ids[id])
            w->ids[id] = true, w->distinct++;
        if (w->max_failures)
            w->recovered = true;
    }
    if ((!w->n_seq || w->seq[w->n_seq - 1] != st.state) && w->n_seq < 64)
        w->seq[w->n_seq++] = st.state;
    snprintf(w->msg[st.state], sizeof w->msg[st.state], "%s", st.message);
    double now = ly_clock_ms();
    if (st.failures >= 0 && st.failures < 8) {
        if (!w->first_seen[st.failures])
            w->first_seen[st.failures] = now, w->retry_at[st.failures] = now + st.retry_in_s * 1000;
        w->last_seen[st.failures] = now;
    }
    w->max_failures = st.failures > w->max_failures ? st.failures : w->max_failures;
    w->last = st;
}

static void watch_close(watch *w)
{
    watch_poll(w);
    w->closed_in = w->last.state;
    double t0 = ly_clock_ms();
    ly_camstream_close(w->cs);
    w->close_ms = ly_clock_ms() - t0;
    w->cs = NULL;
    w->lent = NULL;
    if (w->close_ms >= 1000)
        fprintf(stderr, "%s: close took %.0f ms (state %s)\n", w->name, w->close_ms,
                ly_cam_state_name(w->closed_in));
    CHECK(w->close_ms < 1000);
}

static void mark(watch *ws, int n)
{
    for (int i = 0; i < n; i++)
        ws[i].mark_ms = ly_clock_ms(), ws[i].mark_frames = ws[i].last.frames;
}

/* Pictures decoded a second since mark(). */
static double rate(const watch *w)
{
    return (double)(w->last.frames - w->mark_frames) * 1000 / (ly_clock_ms() - w->mark_ms);
}

static void run_for(watch *ws, int n, double seconds)
{
    for (double t0 = ly_clock_ms(); ly_clock_ms() - t0 < seconds * 1000; sleep_ms(20))
        for (int i = 0; i < n; i++)
            if (ws[i].every <= 1 || ++ws[i].pass % ws[i].every == 0)
                watch_poll(&ws[i]);
}

/* Polls until the state is `s` and the message holds `needle` (may be NULL). */
static bool run_until(watch *w, double seconds, ly_cam_state s, const char *needle)
{
    for (double t0 = ly_clock_ms(); ly_clock_ms() - t0 < seconds * 1000; sleep_ms(20)) {
        watch_poll(w);
        if (w->last.state == s && (!needle || strstr(w->last.message, needle)))
            return true;
    }
    fprintf(stderr, "%s: not %s%s%s within %g s (%s: %s)\n", w->name, ly_cam_state_name(s),
            needle ? " with " : "", needle ? needle : "", seconds,
            ly_cam_state_name(w->last.state), w->last.message);
    return false;
}

/* Whether the states in `want` (ended by -1) were seen in this order. */
static bool saw(const watch *w, const int *want)
{
    int j = 0;
    for (int i = 0; i < w->n_seq && want[j] >= 0; i++)
        if ((int)w->seq[i] == want[j])
            j++;
    return want[j] < 0;
}

static void print_watch(const watch *w)
{
    fprintf(stderr, "  %s (%s): pictures %d (%d distinct), %d x %d, fps %.1f (%.1f since the "
            "mark), failures %d, close %.0f ms in %s\n    states:", w->name, w->url, w->pictures,
            w->distinct, w->w, w->h, w->last.fps, rate(w), w->max_failures, w->close_ms,
            ly_cam_state_name(w->closed_in));
    for (int i = 0; i < w->n_seq; i++)
        fprintf(stderr, " %s", ly_cam_state_name(w->seq[i]));
    fprintf(stderr, "\n    message: %s\n", w->last.message);
}

/* The states seen include want[] (ended by -1) in order, and the last message in state
 * s holds needle (NULL: any). */
static void expect(const watch *w, ly_cam_state s, const char *needle, const int *want, int line)
{
    bool order = saw(w, want), words = !needle || strstr(w->msg[s], needle);
    CHECK(order);
    CHECK(words);
    if (!order || !words) {
        fprintf(stderr, "test_camstream.c:%d: %s: expected%s%s%s%s%s\n", line, w->name,
                order ? "" : " the states in order", !order && !words ? " and" : "",
                words ? "" : " \"", words ? "" : needle, words ? "" : "\" in the message");
        fprintf(stderr, "  its last %s message: %s\n", ly_cam_state_name(s), w->msg[s]);
        print_watch(w);
    }
}

#define EXPECT(w, s, needle, ...) expect(w, s, needle, (const int[]){__VA_ARGS__, -1}, __LINE__)

/* ---- phase 1: every way a camera answers ---------------------------------------------- */

enum {
    W_MJPEG, W_CAPPED, W_LF, W_NOLEN, W_SNAP, W_BIG, W_BIG_SMALL, W_WIDE, W_REDIRECT, W_STALL,
    W_DROP, W_GARBAGE, W_HTML, W_404, W_REFUSED, W_SILENT, W_FILE, W_FILE_URL, W_MISSING,
    W_DIMS, W_TGA, W_RTSP, W_SLOW, W_COUNT
};

static void open_phase1(watch *ws)
{
    const char *h = "http://127.0.0.1";
    int p = g_port;
    ly_camstream_desc fast = {.stale_s = 1, .refresh_s = 0.3};
    watch_open(&ws[W_MJPEG], "mjpeg", fast, "%s:%d/mjpeg", h, p);
    watch_open(&ws[W_CAPPED], "mjpeg at 4 fps", (ly_camstream_desc){.stale_s = 1, .max_fps = 4},
               "%s:%d/mjpeg", h, p);
    watch_open(&ws[W_LF], "LF, no length, --", fast, "%s:%d/mjpeg?lf&nolength&dashes", h, p);
    watch_open(&ws[W_NOLEN], "no length", fast, "%s:%d/mjpeg?nolength", h, p);
    watch_open(&ws[W_SNAP], "snapshot", fast, "%s:%d/snapshot.jpg", h, p);
    watch_open(&ws[W_BIG], "big", fast, "%s:%d/file/big.jpg", h, p);
    watch_open(&ws[W_BIG_SMALL], "big to 320 x 200",
               (ly_camstream_desc){.refresh_s = 0.5, .max_width = 320, .max_height = 200},
               "%s:%d/file/big.jpg", h, p);
    watch_open(&ws[W_WIDE], "wide png", fast, "%s:%d/file/wide.png", h, p);
    watch_open(&ws[W_REDIRECT], "redirect", fast, "%s:%d/redirect", h, p);
    watch_open(&ws[W_STALL], "stall", fast, "%s:%d/stall", h, p);
    watch_open(&ws[W_DROP], "drop", fast, "%s:%d/drop", h, p);
    watch_open(&ws[W_GARBAGE], "garbage", fast, "%s:%d/garbage", h, p);
    watch_open(&ws[W_HTML], "html", fast, "%s:%d/garbage?html", h, p);
    watch_open(&ws[W_404], "404", fast, "%s:%d/404", h, p);
    watch_open(&ws[W_REFUSED], "refused", fast, "%s:%d/mjpeg", h, free_port());
    watch_open(&ws[W_SILENT], "silent", fast, "%s:%d/silent", h, p);
    watch_open(&ws[W_FILE], "file", fast, "%s/frame-03.jpg", g_dir);
    watch_open(&ws[W_FILE_URL], "file URL", fast, "file://%s/a%%20frame.jpg", g_dir);
    watch_open(&ws[W_MISSING], "missing file", fast, "%s/none.jpg", g_dir);
    watch_open(&ws[W_DIMS], "10000 x 10000", fast, "%s/dims.jpg", g_dir);
    watch_open(&ws[W_TGA], "tga", fast, "%s/grey.tga", g_dir);
    watch_open(&ws[W_RTSP], "rtsp", fast, "rtsp://127.0.0.1:%d/cam", p);
    /* a reader slower than the stream: taken about every 300 ms, so the stream has
     * decoded two or three pictures while one is lent */
    watch_open(&ws[W_SLOW], "slow reader", fast, "%s:%d/mjpeg", h, p);
    ws[W_SLOW].every = 15;
}

static void check_streams(watch *ws)
{
    /* ~10 fps (a camera's pace, on a machine that may be busy), all decoded */
    watch *m = &ws[W_MJPEG];
    EXPECT(m, LY_CAM_LIVE, "stream", LY_CAM_LIVE);
    CHECK(m->seq[m->n_seq - 1] == LY_CAM_LIVE && m->max_failures == 0);
    CHECK(m->distinct >= 8 && m->unknown == 0);
    CHECK(m->w == FRAME_W && m->h == FRAME_H);
    bool ten = rate(m) > 5 && rate(m) < 12 && m->last.fps > 5 && m->last.fps < 12.5;
    CHECK(ten);
    CHECK(m->last.frames >= 25 && m->last.bytes > m->last.frames * 10000);
    /* a lent picture is never written over; the stream reuses its three buffers */
    for (int i = 0; i < W_COUNT; i++) {
        CHECK(ws[i].overwritten == 0 && ws[i].n_buffers <= 3);
        if (ws[i].overwritten || ws[i].n_buffers > 3)
            fprintf(stderr, "%s: %d lent pictures changed, %d buffers lent\n", ws[i].name,
                    ws[i].overwritten, ws[i].n_buffers);
    }
    CHECK(m->n_buffers >= 2);
    CHECK(ws[W_SLOW].pictures >= 10 && ws[W_SLOW].last.frames >= 2 * (uint64_t)ws[W_SLOW].pictures);
    if (!ten || m->distinct < 8)
        print_watch(m);
    /* 10 fps coming, at most 4 decoded */
    watch *c = &ws[W_CAPPED];
    EXPECT(c, LY_CAM_LIVE, NULL, LY_CAM_LIVE);
    bool four = rate(c) > 2.5 && rate(c) < 4.6 && c->last.fps > 2.5 && c->last.fps < 5.2;
    CHECK(four);
    CHECK(c->last.bytes > m->last.bytes / 2); /* every part received, most skipped */
    if (!four)
        print_watch(c);
    for (int i = W_LF; i <= W_NOLEN; i++) {
        EXPECT(&ws[i], LY_CAM_LIVE, NULL, LY_CAM_LIVE);
        CHECK(ws[i].distinct >= 8 && ws[i].unknown == 0 && ws[i].max_failures == 0);
    }
    watch *s = &ws[W_SNAP];
    EXPECT(s, LY_CAM_LIVE, "still picture", LY_CAM_LIVE);
    CHECK(s->distinct >= 5 && s->max_failures == 0 && s->w == FRAME_W && s->h == FRAME_H);
    /* scaled down to fit, the aspect kept, the marker still there */
    CHECK(ws[W_BIG].w == 640 && ws[W_BIG].h == 480 && ws[W_BIG].ids[7]);
    CHECK(ws[W_BIG_SMALL].w == 267 && ws[W_BIG_SMALL].h == 200 && ws[W_BIG_SMALL].ids[7]);
    CHECK(ws[W_WIDE].w == 640 && ws[W_WIDE].h == 240 && ws[W_WIDE].ids[9]);
    EXPECT(&ws[W_WIDE], LY_CAM_LIVE, "640 x 240", LY_CAM_LIVE);
    EXPECT(&ws[W_REDIRECT], LY_CAM_LIVE, NULL, LY_CAM_LIVE);
    CHECK(ws[W_REDIRECT].distinct >= 5);
    /* three frames, stale after 1 s, dropped after 2 s, reconnected */
    watch *st = &ws[W_STALL];
    EXPECT(st, LY_CAM_STALE, "no picture for", LY_CAM_LIVE, LY_CAM_STALE, LY_CAM_LIVE);
    CHECK(st->recovered);
    /* three frames and half of one, then reconnected */
    watch *d = &ws[W_DROP];
    EXPECT(d, LY_CAM_LIVE, NULL, LY_CAM_LIVE);
    CHECK(d->recovered && d->last.frames >= 6 && d->distinct >= 5);
    if (!d->recovered)
        print_watch(d);
}

static void check_failures(watch *ws)
{
    EXPECT(&ws[W_GARBAGE], LY_CAM_BAD, "not a picture", LY_CAM_BAD);
    EXPECT(&ws[W_HTML], LY_CAM_BAD, "not a picture (text/html)", LY_CAM_BAD);
    EXPECT(&ws[W_404], LY_CAM_UNREACHABLE, "the server answered 404 Not Found",
           LY_CAM_UNREACHABLE);
    EXPECT(&ws[W_REFUSED], LY_CAM_UNREACHABLE, "connection refused", LY_CAM_UNREACHABLE);
    EXPECT(&ws[W_SILENT], LY_CAM_UNREACHABLE, "no answer for 2 s", LY_CAM_CONNECTING,
           LY_CAM_UNREACHABLE);
    CHECK(ws[W_SILENT].seq[0] == LY_CAM_CONNECTING);
    EXPECT(&ws[W_FILE], LY_CAM_LIVE, "a file read every 0.3 s", LY_CAM_LIVE);
    CHECK(ws[W_FILE].w == FRAME_W && ws[W_FILE].ids[3] && ws[W_FILE].distinct == 1);
    CHECK(ws[W_FILE].pictures >= 5); /* read again every 0.3 s */
    EXPECT(&ws[W_FILE_URL], LY_CAM_LIVE, NULL, LY_CAM_LIVE);
    CHECK(ws[W_FILE_URL].ids[5]);
    EXPECT(&ws[W_MISSING], LY_CAM_UNREACHABLE, "no such file", LY_CAM_UNREACHABLE);
    EXPECT(&ws[W_DIMS], LY_CAM_BAD, "10000 x 10000 is over the limit", LY_CAM_BAD);
    EXPECT(&ws[W_TGA], LY_CAM_BAD, "in neither JPEG nor PNG", LY_CAM_BAD);
    EXPECT(&ws[W_RTSP], LY_CAM_BAD, "rtsp", LY_CAM_BAD);
    /* and why, in a word a panel can say in Chinese */
    const struct { int w; ly_cam_cause cause; } why[] = {
        {W_GARBAGE, LY_CAM_CAUSE_NOT_PICTURE}, {W_HTML, LY_CAM_CAUSE_NOT_PICTURE},
        {W_404, LY_CAM_CAUSE_HTTP},            {W_REFUSED, LY_CAM_CAUSE_REFUSED},
        {W_SILENT, LY_CAM_CAUSE_TIMEOUT},      {W_MISSING, LY_CAM_CAUSE_FILE},
        {W_DIMS, LY_CAM_CAUSE_TOO_BIG},        {W_TGA, LY_CAM_CAUSE_NOT_PICTURE},
        {W_RTSP, LY_CAM_CAUSE_ADDRESS}};
    for (size_t i = 0; i < sizeof why / sizeof why[0]; i++) {
        const watch *w = &ws[why[i].w];
        CHECK(w->last.cause == why[i].cause);
        if (w->last.cause != why[i].cause)
            fprintf(stderr, "  %s: cause %d, expected %d (%s)\n", w->name, (int)w->last.cause,
                    (int)why[i].cause, w->last.message);
    }
    CHECK(ws[W_404].last.http_code == 404);
    CHECK(ws[W_MJPEG].last.cause == LY_CAM_CAUSE_NONE);
    /* nothing decoded where nothing is a picture */
    for (int i = W_GARBAGE; i <= W_SILENT; i++)
        CHECK(ws[i].pictures == 0 && ws[i].last.frames == 0 && ws[i].last.age_s < 0);
    /* back-off: 1, 2, 4 s (±10 %) after the 1st, 2nd, 3rd failure in 6 s. A failure came
     * between the last poll that did not see it and the first that did. */
    const watch *f = &ws[W_404];
    CHECK(f->max_failures >= 3 && f->max_failures <= 4); /* the 4th comes 6.3 s or more in */
    for (int n = 1; n <= 3; n++) {
        double base = 1000 << (n - 1), at = f->retry_at[n];
        double lo = at - f->first_seen[n], hi = at - f->last_seen[n - 1];
        bool ok = f->first_seen[n] > 0 && lo <= base * 1.1 + 30 && hi >= base * 0.9 - 30;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "  back-off after %d failures: between %.0f and %.0f ms\n", n, lo, hi);
    }
}

static void phase1(bool states_closed[5])
{
    watch ws[W_COUNT];
    open_phase1(ws);
    /* right away: nothing yet */
    watch_poll(&ws[W_SILENT]);
    CHECK(ws[W_SILENT].last.state == LY_CAM_CONNECTING && ws[W_SILENT].last.age_s < 0);
    run_for(ws, W_COUNT, 2.0);
    mark(ws, W_COUNT);
    run_for(ws, W_COUNT, 4.0);
    check_streams(ws);
    check_failures(ws);
    for (int i = 0; i < W_COUNT; i++) {
        watch_close(&ws[i]);
        states_closed[ws[i].closed_in] = true;
        if (getenv("LY_TEST_VERBOSE"))
            print_watch(&ws[i]);
    }
    /* close while still connecting (the server has not answered) */
    watch w;
    watch_open(&w, "connecting", (ly_camstream_desc){0}, "http://127.0.0.1:%d/silent", g_port);
    sleep_ms(300);
    watch_close(&w);
    CHECK(w.closed_in == LY_CAM_CONNECTING);
    states_closed[w.closed_in] = true;
    /* close while stalled (the connection open, nothing coming) */
    watch_open(&w, "stalled", (ly_camstream_desc){.stale_s = 0.5}, "http://127.0.0.1:%d/stall",
               g_port);
    CHECK(run_until(&w, 3, LY_CAM_STALE, "no picture for"));
    watch_close(&w);
    CHECK(w.closed_in == LY_CAM_STALE);
    states_closed[w.closed_in] = true;
}

/* ---- phase 2: a 50 MB part --------------------------------------------------------------- */

/* The process's peak RSS in KB since reset_peak_rss (VmHWM), or -1. */
static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

/* Sets VmHWM back to the RSS now (Linux's clear_refs "5"); false where it cannot. */
static bool reset_peak_rss(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    bool ok = f && fputs("5", f) >= 0;
    return f && fclose(f) == 0 && ok;
}

static void phase2(void)
{
    /* the peak is the kernel's (VmHWM) where it can be reset, else sampled every 10 ms */
    bool hwm = reset_peak_rss();
    long base = ly_proc_rss_kb(), peak = base;
    watch ws[2];
    watch_open(&ws[0], "huge", (ly_camstream_desc){0}, "http://127.0.0.1:%d/huge", g_port);
    watch_open(&ws[1], "huge, no length", (ly_camstream_desc){0},
               "http://127.0.0.1:%d/huge?nolength", g_port);
    /* until both have given up on their first part */
    for (double t0 = ly_clock_ms(); ly_clock_ms() - t0 < 5000; sleep_ms(10)) {
        watch_poll(&ws[0]);
        watch_poll(&ws[1]);
        long rss = ly_proc_rss_kb();
        peak = rss > peak ? rss : peak;
        if (ws[0].last.state == LY_CAM_BAD && ws[1].last.state == LY_CAM_BAD)
            break;
    }
    if (hwm)
        peak = peak_rss_kb();
    EXPECT(&ws[0], LY_CAM_BAD, "a frame of 50 MB is over the 4 MB limit", LY_CAM_BAD);
    EXPECT(&ws[1], LY_CAM_BAD, "a frame over the 4 MB limit", LY_CAM_BAD);
    /* the whole 50 MB is never kept: 4 MB and change */
    fprintf(stderr, "huge frames: RSS %ld KB, at most %ld KB more (%s)\n", base, peak - base,
            hwm ? "VmHWM" : "sampled");
    CHECK(base > 0 && peak - base < 30 * 1024);
    watch_close(&ws[0]);
    watch_close(&ws[1]);
    /* close in the middle of the 50 MB */
    watch w;
    watch_open(&w, "huge, closed mid-transfer", (ly_camstream_desc){.max_frame_bytes = 64 << 20},
               "http://127.0.0.1:%d/huge?nolength", g_port);
    sleep_ms(150);
    watch_close(&w);
}

/* ---- phase 3: the server goes away and comes back ----------------------------------------- */

static size_t discard(char *data, size_t size, size_t n, void *user)
{
    (void)data, (void)user;
    return size * n;
}

/* GET url, the answer thrown away; false when none came. */
static bool get(const char *url)
{
    CURL *e = curl_easy_init();
    if (!e)
        return false;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 5L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
    CURLcode rc = curl_easy_perform(e);
    curl_easy_cleanup(e);
    return rc == CURLE_OK;
}

static void phase3(bool states_closed[5])
{
    watch w;
    watch_open(&w, "server killed", (ly_camstream_desc){.stale_s = 1},
               "http://127.0.0.1:%d/mjpeg", g_port);
    CHECK(run_until(&w, 5, LY_CAM_LIVE, NULL));
    int port = g_port;
    stop_server();
    CHECK(run_until(&w, 5, LY_CAM_UNREACHABLE, "connection refused"));
    const int gone[] = {LY_CAM_LIVE, LY_CAM_UNREACHABLE, -1};
    CHECK(saw(&w, gone));
    uint64_t frames = w.last.frames;
    CHECK(start_server(port) && g_port == port);
    CHECK(run_until(&w, 10, LY_CAM_LIVE, NULL));
    CHECK(w.last.frames > frames && w.last.failures == 0 && w.recovered);
    /* the server's own control: away for 1.5 s, back on the same port */
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/control/away?s=1.5", g_port);
    frames = w.last.frames;
    CHECK(get(url));
    CHECK(run_until(&w, 5, LY_CAM_UNREACHABLE, "refused"));
    CHECK(run_until(&w, 10, LY_CAM_LIVE, NULL));
    CHECK(w.last.frames > frames);
    /* closed while backing off */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/control/away?s=3", g_port);
    CHECK(get(url));
    CHECK(run_until(&w, 5, LY_CAM_UNREACHABLE, "refused"));
    CHECK(w.last.retry_in_s > 0.3);
    watch_close(&w);
    states_closed[w.closed_in] = true;
}

/* ---- the bench ------------------------------------------------------------------------------ */

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

static void bench(double seconds)
{
    enum { N = 4 };
    watch ws[N];
    for (int i = 0; i < N; i++)
        watch_open(&ws[i], "bench", (ly_camstream_desc){0}, "http://127.0.0.1:%d/mjpeg", g_port);
    run_for(ws, N, 2.0); /* connected and steady */
    uint64_t frames0[N];
    for (int i = 0; i < N; i++)
        frames0[i] = ws[i].last.frames;
    double cpu0 = cpu_s(), t0 = ly_clock_ms();
    run_for(ws, N, seconds); /* polled at ~50 Hz, pictures taken and freed like a renderer */
    double cpu = cpu_s() - cpu0, wall = (ly_clock_ms() - t0) / 1000;
    uint64_t frames = 0;
    for (int i = 0; i < N; i++)
        frames += ws[i].last.frames - frames0[i];
    size_t bytes = 0;
    char frame[PATH_MAX + 32];
    snprintf(frame, sizeof frame, "%s/frame-00.jpg", g_dir);
    struct stat sb;
    if (!stat(frame, &sb))
        bytes = (size_t)sb.st_size;
    printf("%d streams of %d x %d JPEG (%zu KB a frame) for %.1f s: %.1f pictures/s decoded in "
           "all, CPU %.1f %% of one core (%.2f ms a picture, polling included)\n",
           N, FRAME_W, FRAME_H, bytes / 1024, wall, (double)frames / wall, 100 * cpu / wall,
           frames ? 1000 * cpu / (double)frames : 0.0);
    for (int i = 0; i < N; i++)
        ly_camstream_close(ws[i].cs);
}

/* The frames' folder (flat: files only) and everything in it. */
static void remove_dir(void)
{
    DIR *d = opendir(g_dir);
    struct dirent *e;
    char path[PATH_MAX + 300];
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", g_dir, e->d_name);
            CHECK(unlink(path) == 0);
        }
    if (d)
        closedir(d);
    CHECK(rmdir(g_dir) == 0);
}

/* Threads of this process whose nice value is `nice` (/proc/self/task/TID/stat, field 19). */
static int threads_at_nice(int nice)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[300], buf[1024];
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        size_t len = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        if (f)
            fclose(f);
        buf[len] = '\0';
        const char *p = strrchr(buf, ')'); /* the name may hold spaces */
        int field = 2, v = 0;
        for (; p && *p && field < 19; p++)
            if (*p == ' ')
                field++;
        if (p && field == 19 && sscanf(p, "%d", &v) == 1 && v == nice)
            n++;
    }
    closedir(d);
    return n;
}

/* A stream's thread steps back: nice 10, so the viewer's frames come first. */
static void test_priority(void)
{
    int before = threads_at_nice(10), now = before;
    CHECK(before >= 0);
    ly_camstream_desc d = {.url = "/nonexistent/louyu-camera.jpg", .refresh_s = 60};
    ly_camstream *cs = ly_camstream_open(&d);
    CHECK(cs != NULL);
    for (double t0 = ly_clock_ms(); now == before && ly_clock_ms() - t0 < 3000;) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
        now = threads_at_nice(10);
    }
    if (now != before + 1)
        fprintf(stderr, "threads at nice 10: %d before a stream opened, %d after\n", before, now);
    CHECK(now == before + 1);
    ly_camstream_close(cs);
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    const char *tmp = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/louyu-camstream-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        return 1;
    }
    atexit(stop_server);
    CHECK(write_frames());
    bool started = start_server(0);
    CHECK(started);
    if (!started) {
        fprintf(stderr, "cannot start %s/tests/camera_server.py with python3\n", LY_SOURCE_DIR);
        remove_dir();
        return check_report();
    }
    if (argc > 1 && !strcmp(argv[1], "--bench")) {
        bench(argc > 2 ? atof(argv[2]) : 20);
        stop_server();
        remove_dir();
        return check_failed;
    }
    CHECK(!strcmp(ly_cam_state_name(LY_CAM_LIVE), "live") &&
          !strcmp(ly_cam_state_name(LY_CAM_UNREACHABLE), "unreachable"));
    ly_camstream_close(NULL);
    test_priority();
    bool closed[5] = {0};
    double t0 = ly_clock_ms();
    phase1(closed);
    phase2();
    phase3(closed);
    for (int s = 0; s < 5; s++) {
        if (!closed[s])
            fprintf(stderr, "never closed in state %s\n", ly_cam_state_name((ly_cam_state)s));
        CHECK(closed[s]);
    }
    printf("camstream: %.1f s\n", (ly_clock_ms() - t0) / 1000);
    stop_server();
    remove_dir();
    return check_report();
}
