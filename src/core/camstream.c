/* A camera's live picture on a thread of its own (camstream.h says the contract).
 *
 * The thread loops: one attempt (an HTTP transfer through a libcurl multi handle,
 * or a file read), then a wait (refresh or back-off) on a condition variable. The
 * multi handle is polled 10 times a second and woken by close, so a transfer ends
 * within ~0.1 s of close whatever the network does. A transfer's bytes go through
 * a small parser (a bounded buffer, phases SEEK → HEAD → BODY per part) and each
 * part to be shown is decoded and scaled on this thread, then swapped in under
 * the mutex for poll to hand over. */
#include "louyu/camstream.h"
#include "louyu/clock.h"
#include "louyu/file.h"
#include "louyu/log.h"

#include <assert.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif
#include <time.h>
#include <unistd.h>

/* Implementations live in libstb.so: no STB_IMAGE_IMPLEMENTATION here. */
#include <stb/stb_image.h>

#define DEFAULT_REFRESH_S 3.0
#define DEFAULT_STALE_S 5.0
#define DEFAULT_MAX_FRAME ((size_t)4 << 20)
#define LIMIT_MAX_FRAME ((size_t)1 << 30) /* stb_image takes an int length */
#define DEFAULT_MAX_W 640
#define DEFAULT_MAX_H 480
#define MIN_SIDE 16 /* a smaller fit would overflow the box filter's sums */
#define DEFAULT_MAX_FPS 15.0
#define CONNECT_TIMEOUT_MS 5000L
#define MAX_REDIRECTS 3L
#define HEAD_MAX (16 * 1024)     /* a part's headers */
#define PREAMBLE_MAX (64 * 1024) /* junk before the first part */
#define LINE_SLACK 64            /* a boundary line's dashes and trailing blanks */
#define BOUNDARY_MAX 70          /* RFC 2046 */
#define MAX_SIDE 8192
#define MAX_PIXELS ((long long)7680 * 4320)
#define BACKOFF_CAP_MS 30000.0
#define POLL_MS 100
#define WORKER_NICE 10 /* of 19: a stream yields to the viewer, and still runs on an idle core */
#define FPS_WINDOW_MS 2000.0
#define FPS_RING 64
#define BAD_PARTS_IN_A_ROW 3

typedef enum { SRC_HTTP, SRC_FILE, SRC_UNSUPPORTED } source_kind;

/* A picture buffer: cap bytes at px, holding a w x h RGBA picture. */
typedef struct {
    uint8_t *px;
    size_t cap;
    int w, h;
} picbuf;

struct ly_camstream {
    /* set by open, then read-only */
    char *url;
    char *path; /* SRC_FILE */
    source_kind kind;
    double refresh_ms, stale_ms, drop_ms, interval_ms;
    size_t max_frame;
    int max_w, max_h;
    CURLM *multi; /* SRC_HTTP */
    pthread_t thread;
    atomic_bool stop;
    atomic_size_t bytes;
    /* shared with poll, under mu */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ly_cam_state fail; /* the last attempt's failure; LY_CAM_CONNECTING: none since a picture */
    ly_cam_cause cause; /* and why, in a word */
    long http_code;
    char note[200];    /* the last failure's words, or what is coming while all is well */
    int failures;
    double retry_at_ms;
    double picture_ms; /* when the last picture came; < 0: none yet */
    bool still;        /* the last picture was a still one (refreshed, not streamed) */
    uint64_t frames, serial;
    double times[FPS_RING]; /* when the last pictures came: frames % FPS_RING */
    /* Three picture buffers, reused for the stream's life so that no picture is
     * allocated on one thread and freed on another (glibc's arenas kept the
     * fragments of that): slot[work] is the thread's to decode into, slot[ready]
     * the newest picture (waiting when has_ready), slot[lent] the one poll last
     * handed over. work, ready and lent are always 0, 1 and 2 in some order. */
    picbuf slot[3];
    int ready, lent;
    bool has_ready;
    /* the thread's own */
    int work;
    double next_decode_ms;
    uint64_t rng;
    char logged[200];
};

/* ---- one attempt's working state ------------------------------------------------------ */

typedef enum { MODE_UNKNOWN, MODE_STREAM, MODE_STILL } body_mode;
typedef enum { PART_SEEK, PART_HEAD, PART_BODY, PART_END } part_phase;

typedef struct {
    ly_camstream *c;
    CURL *easy;
    body_mode mode;
    char boundary[BOUNDARY_MAX + 1]; /* without its leading dashes */
    size_t blen;
    char status_text[64]; /* the answer's reason phrase */
    char part_type[64];   /* the part's Content-Type */
    char kind[96];        /* what is coming, in words */
    part_phase phase;
    uint8_t *buf;
    size_t len, cap, cap_max;
    size_t line0, scan;   /* PART_BODY without a length: the line under way, the search */
    size_t part_left;     /* the part's bytes still to come; SIZE_MAX: not announced */
    size_t junk;          /* bytes skipped looking for a boundary */
    size_t head_bytes;    /* the part's headers so far */
    bool long_line;       /* PART_SEEK: the line under way is too long for a boundary */
    bool decode;          /* the part under way is to be shown */
    bool answered;        /* an answer's head came */
    bool took;            /* a still picture came */
    double last_part_ms;  /* when the last part ended (or the attempt began) */
    int parts, pictures, bad_in_row;
    ly_cam_state verdict; /* why the attempt ends; LY_CAM_CONNECTING: not failed */
    ly_cam_cause cause;
    long http_code;
    char why[200];
} conn;

static bool fail(conn *k, ly_cam_state s, ly_cam_cause cause, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records why the attempt fails (the first reason wins); returns false to chain. */
static bool fail(conn *k, ly_cam_state s, ly_cam_cause cause, const char *fmt, ...)
{
    if (k->verdict == LY_CAM_CONNECTING) {
        k->verdict = s;
        k->cause = cause;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->why, sizeof k->why, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* "812 bytes", "37 KB", "4 MB", "4.5 MB". */
static const char *size_words(size_t n, char *buf, size_t len)
{
    if (n >= (size_t)1 << 20) {
        double mb = (double)n / 1048576.0;
        snprintf(buf, len, mb >= 10 || mb == floor(mb) ? "%.0f MB" : "%.1f MB", mb);
    } else if (n >= 1024) {
        snprintf(buf, len, "%zu KB", (n + 512) / 1024);
    } else {
        snprintf(buf, len, "%zu bytes", n);
    }
    return buf;
}

static bool over_limit(conn *k, size_t n, const char *what)
{
    char a[32], b[32];
    size_words(k->c->max_frame, b, sizeof b);
    if (n == SIZE_MAX)
        return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_TOO_BIG, "%s over the %s limit", what, b);
    return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_TOO_BIG, "%s of %s is over the %s limit", what,
                size_words(n, a, sizeof a), b);
}

static bool reserve(conn *k, size_t need)
{
    if (need <= k->cap)
        return true;
    assert(need <= k->cap_max);
    size_t cap = k->cap ? k->cap : 64 * 1024;
    while (cap < need)
        cap *= 2;
    cap = cap > k->cap_max ? k->cap_max : cap;
    uint8_t *p = realloc(k->buf, cap);
    if (!p)
        return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_INTERNAL, "out of memory for a frame of %zu bytes", need);
    k->buf = p;
    k->cap = cap;
    return true;
}

static void consume(conn *k, size_t n)
{
    memmove(k->buf, k->buf + n, k->len - n);
    k->len -= n;
}

/* ---- pictures ------------------------------------------------------------------------- */

/* The largest size within mw x mh with w:h's aspect (never larger than w x h). */
static void fit(int w, int h, int mw, int mh, int *ow, int *oh)
{
    *ow = w;
    *oh = h;
    if (w <= mw && h <= mh)
        return;
    double s = fmin((double)mw / w, (double)mh / h);
    *ow = (int)lround(w * s);
    *oh = (int)lround(h * s);
    *ow = *ow < 1 ? 1 : *ow > mw ? mw : *ow;
    *oh = *oh < 1 ? 1 : *oh > mh ? mh : *oh;
}

/* A box filter into out (ow x oh x 4 bytes): every output pixel is the mean of the
 * source pixels it covers (ow <= w, oh <= h, so every box holds at least one).
 * False when out of memory. */
static bool box_scale(const uint8_t *src, int w, int h, uint8_t *out, int ow, int oh)
{
    uint32_t *acc = malloc((size_t)ow * 4 * sizeof *acc);
    int *x0 = malloc(((size_t)ow + 1) * sizeof *x0);
    if (!acc || !x0) {
        free(acc), free(x0);
        return false;
    }
    for (int i = 0; i <= ow; i++)
        x0[i] = (int)((long long)i * w / ow);
    for (int oy = 0; oy < oh; oy++) {
        int y0 = (int)((long long)oy * h / oh), y1 = (int)((long long)(oy + 1) * h / oh);
        memset(acc, 0, (size_t)ow * 4 * sizeof *acc);
        for (int y = y0; y < y1; y++) {
            const uint8_t *row = src + (size_t)y * (size_t)w * 4;
            for (int ox = 0; ox < ow; ox++) {
                uint32_t *a = acc + (size_t)ox * 4;
                for (int x = x0[ox]; x < x0[ox + 1]; x++) {
                    const uint8_t *p = row + (size_t)x * 4;
                    a[0] += p[0], a[1] += p[1], a[2] += p[2], a[3] += p[3];
                }
            }
        }
        uint8_t *o = out + (size_t)oy * (size_t)ow * 4;
        for (int ox = 0; ox < ow; ox++) {
            uint32_t n = (uint32_t)((x0[ox + 1] - x0[ox]) * (y1 - y0));
            for (int ch = 0; ch < 4; ch++)
                o[ox * 4 + ch] = (uint8_t)((acc[ox * 4 + ch] + n / 2) / n);
        }
    }
    free(acc);
    free(x0);
    return true;
}

/* The thread's buffer made to hold w x h; false when out of memory. A buffer only
 * grows (a camera's size rarely changes), so a stream allocates three times. */
static bool work_fits(ly_camstream *c, int w, int h)
{
    picbuf *b = &c->slot[c->work];
    size_t need = (size_t)w * (size_t)h * 4;
    if (b->cap < need) {
        uint8_t *p = realloc(b->px, need);
        if (!p)
            return false;
        b->px = p;
        b->cap = need;
    }
    b->w = w;
    b->h = h;
    return true;
}

/* The thread's finished picture becomes the newest: its buffer is swapped with the
 * waiting one (a picture nobody took is written over next); a picture resets the
 * failures. */
static void publish(ly_camstream *c, bool still, const char *kind)
{
    double now = ly_clock_ms();
    pthread_mutex_lock(&c->mu);
    int t = c->ready;
    c->ready = c->work;
    c->work = t;
    c->has_ready = true;
    int w = c->slot[c->ready].w, h = c->slot[c->ready].h;
    c->serial++;
    c->frames++;
    c->times[c->frames % FPS_RING] = now;
    c->picture_ms = now;
    c->still = still;
    c->failures = 0;
    c->fail = LY_CAM_CONNECTING;
    c->retry_at_ms = 0;
    snprintf(c->note, sizeof c->note, "%d x %d, %s", w, h, kind);
    pthread_mutex_unlock(&c->mu);
    c->logged[0] = '\0';
}

/* Decodes, scales and publishes one picture: LY_CAM_CAUSE_NONE, or why not (in words in
 * `why`). */
static ly_cam_cause take_picture(ly_camstream *c, const uint8_t *data, size_t n, bool still,
                                 const char *kind, char *why, size_t whyn)
{
    int w, h, comp;
    char sz[32];
    if (!n) {
        snprintf(why, whyn, "an empty frame: not a picture");
        return LY_CAM_CAUSE_NOT_PICTURE;
    }
    /* JPEG and PNG, by their signatures: stb_image also takes TGA, which has none, so
     * that bytes of another kind could pass for one (and show upside down) */
    bool jpeg = n >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
    bool png = n >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8);
    if (!(jpeg || png) || !stbi_info_from_memory(data, (int)n, &w, &h, &comp)) {
        snprintf(why, whyn, "not a picture (%s in neither JPEG nor PNG)",
                 size_words(n, sz, sizeof sz));
        return LY_CAM_CAUSE_NOT_PICTURE;
    }
    if (w > MAX_SIDE || h > MAX_SIDE || (long long)w * h > MAX_PIXELS) {
        snprintf(why, whyn, "a picture of %d x %d is over the limit (%d on a side, 7680 x 4320 "
                 "pixels)", w, h, MAX_SIDE);
        return LY_CAM_CAUSE_TOO_BIG;
    }
    uint8_t *px = stbi_load_from_memory(data, (int)n, &w, &h, &comp, 4);
    if (!px) {
        snprintf(why, whyn, "a picture that cannot be decoded (%s, %s)", stbi_failure_reason(),
                 size_words(n, sz, sizeof sz));
        return LY_CAM_CAUSE_NOT_PICTURE;
    }
    int ow, oh;
    fit(w, h, c->max_w, c->max_h, &ow, &oh);
    bool ok = work_fits(c, ow, oh);
    if (ok && (ow != w || oh != h))
        ok = box_scale(px, w, h, c->slot[c->work].px, ow, oh);
    else if (ok)
        memcpy(c->slot[c->work].px, px, (size_t)w * (size_t)h * 4);
    stbi_image_free(px);
    if (!ok) {
        snprintf(why, whyn, "out of memory for a picture of %d x %d", ow, oh);
        return LY_CAM_CAUSE_INTERNAL;
    }
    publish(c, still, kind);
    return LY_CAM_CAUSE_NONE;
}

/* Whether the part now starting is shown: at most max_fps a second, on average,
 * with half an interval of slack for a camera whose rate is the limit itself. */
static bool want_decode(ly_camstream *c)
{
    double now = ly_clock_ms(), iv = c->interval_ms;
    if (now < c->next_decode_ms - iv / 2)
        return false;
    c->next_decode_ms = (c->next_decode_ms < now - iv ? now : c->next_decode_ms) + iv;
    return true;
}

/* ---- a stream's parts ------------------------------------------------------------------ */

/* 0: not a boundary line; 1: a boundary; 2: the closing one. line[0..n) ends in '\n'.
 * Any number of leading dashes, so that "--b", "b" and "----b" all match a boundary
 * parameter given with or without its "--". */
static int boundary_line(const conn *k, const uint8_t *line, size_t n)
{
    size_t i = 0;
    while (i < n && line[i] == '-')
        i++;
    if (n - i < k->blen || memcmp(line + i, k->boundary, k->blen))
        return 0;
    i += k->blen;
    int kind = 1;
    if (n - i >= 2 && line[i] == '-' && line[i + 1] == '-') {
        kind = 2;
        i += 2;
    }
    while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    return i == n - 1 && line[i] == '\n' ? kind : 0;
}

/* A part ends: shown (when it was to be) or skipped. False when the attempt fails. */
static bool end_part(conn *k, const uint8_t *data, size_t n)
{
    bool decode = k->decode;
    k->phase = PART_SEEK;
    k->part_left = SIZE_MAX;
    k->decode = false;
    k->last_part_ms = ly_clock_ms();
    if (!decode)
        return true;
    char why[160];
    ly_cam_cause cause = take_picture(k->c, data, n, false, k->kind, why, sizeof why);
    if (cause == LY_CAM_CAUSE_NONE) {
        k->pictures++;
        k->bad_in_row = 0;
        return true;
    }
    if (k->part_type[0] && strncasecmp(k->part_type, "image/", 6)) {
        snprintf(why, sizeof why, "a frame that is not a picture (%s)", k->part_type);
        cause = LY_CAM_CAUSE_NOT_PICTURE;
    }
    if (!k->pictures || ++k->bad_in_row >= BAD_PARTS_IN_A_ROW)
        return fail(k, LY_CAM_BAD, cause, "%s", why);
    LY_DEBUG("CAM", "%s: a frame skipped: %s", k->c->url, why);
    return true;
}

/* PART_SEEK: lines up to a boundary line are skipped (a preamble, the CRLF after a
 * part); a line too long to be a boundary is skipped without being kept. */
static bool seek_part(conn *k)
{
    size_t line_max = k->blen + LINE_SLACK;
    for (;;) {
        uint8_t *nl = k->len ? memchr(k->buf, '\n', k->len) : NULL;
        size_t n = nl ? (size_t)(nl - k->buf) + 1 : k->len;
        if (!nl && n <= line_max)
            return false; /* wait for the line's end */
        int is = nl && !k->long_line ? boundary_line(k, k->buf, n) : 0;
        k->long_line = !nl;
        consume(k, n);
        if (is) {
            k->phase = is == 1 ? PART_HEAD : PART_END;
            k->junk = k->head_bytes = 0;
            k->part_type[0] = '\0';
            return true;
        }
        k->junk += n;
        if (k->junk > (k->parts ? k->c->max_frame : PREAMBLE_MAX))
            return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_NOT_PICTURE, "no part boundary (\"--%s\") in %zu bytes: not a stream "
                        "of pictures", k->boundary, k->junk);
        if (!nl)
            return false;
    }
}

/* A part's header line. */
static void part_header(conn *k, const char *line, size_t n)
{
    char value[64];
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return;
    const char *v = colon + 1, *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    size_t name = (size_t)(colon - line), len = (size_t)(end - v);
    snprintf(value, sizeof value, "%.*s", (int)(len < sizeof value ? len : sizeof value - 1), v);
    if (name == 14 && !strncasecmp(line, "Content-Length", 14)) {
        char *stop;
        errno = 0;
        unsigned long long x = strtoull(value, &stop, 10);
        bool ok = len && len < sizeof value && !errno && !*stop && value[0] != '-';
        k->part_left = ok && x < SIZE_MAX ? (size_t)x : SIZE_MAX;
    } else if (name == 12 && !strncasecmp(line, "Content-Type", 12)) {
        snprintf(k->part_type, sizeof k->part_type, "%.*s", (int)strcspn(value, "; "), value);
    }
}

static bool start_part(conn *k)
{
    k->parts++;
    if (k->part_left != SIZE_MAX && k->part_left > k->c->max_frame)
        return over_limit(k, k->part_left, "a frame");
    k->decode = want_decode(k->c);
    k->phase = PART_BODY;
    k->line0 = k->scan = 0;
    return true;
}

/* PART_HEAD: header lines up to a blank one. */
static bool read_head(conn *k)
{
    for (;;) {
        uint8_t *nl = k->len ? memchr(k->buf, '\n', k->len) : NULL;
        size_t n = nl ? (size_t)(nl - k->buf) + 1 : k->len;
        if (k->head_bytes + n > HEAD_MAX)
            return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_NOT_PICTURE, "a part's headers are over %d KB: not a stream of "
                        "pictures", HEAD_MAX / 1024);
        if (!nl)
            return false;
        k->head_bytes += n;
        bool blank = n == 1 || (n == 2 && k->buf[0] == '\r');
        if (!blank)
            part_header(k, (const char *)k->buf, n);
        consume(k, n);
        if (blank)
            return start_part(k);
    }
}

/* PART_BODY with a Content-Length: a part to show is kept whole; one to skip is
 * dropped as it comes. */
static bool read_sized(conn *k)
{
    if (!k->decode) {
        size_t n = k->len < k->part_left ? k->len : k->part_left;
        consume(k, n);
        k->part_left -= n;
        return k->part_left ? false : end_part(k, NULL, 0);
    }
    if (k->len < k->part_left)
        return false;
    size_t n = k->part_left;
    bool ok = end_part(k, k->buf, n);
    consume(k, n);
    return ok;
}

/* PART_BODY without a Content-Length: the part ends at the line break before the
 * next boundary line. */
static bool read_unsized(conn *k)
{
    size_t line_max = k->blen + LINE_SLACK;
    for (;;) {
        uint8_t *nl = memchr(k->buf + k->scan, '\n', k->len - k->scan);
        if (!nl)
            break;
        size_t end = (size_t)(nl - k->buf) + 1, ls = k->line0;
        int is = end - ls <= line_max ? boundary_line(k, k->buf + ls, end - ls) : 0;
        if (is) {
            size_t body = ls;
            if (body && k->buf[body - 1] == '\n')
                body--;
            if (body && k->buf[body - 1] == '\r')
                body--;
            bool ok = end_part(k, k->buf, body);
            consume(k, end);
            k->phase = is == 1 ? PART_HEAD : PART_END;
            k->head_bytes = 0;
            k->part_type[0] = '\0';
            return ok;
        }
        k->line0 = k->scan = end;
    }
    k->scan = k->len;
    /* all but a boundary line in the making (and its line break) is the part's */
    if (k->len > k->c->max_frame + line_max + 2)
        return over_limit(k, SIZE_MAX, "a frame");
    return false;
}

static bool parse(conn *k)
{
    bool more = true;
    while (more && k->verdict == LY_CAM_CONNECTING) {
        switch (k->phase) {
        case PART_SEEK: more = seek_part(k); break;
        case PART_HEAD: more = read_head(k); break;
        case PART_BODY: more = k->part_left != SIZE_MAX ? read_sized(k) : read_unsized(k); break;
        case PART_END: k->len = 0, more = false; break; /* an epilogue */
        }
    }
    return k->verdict == LY_CAM_CONNECTING;
}

/* A stream's bytes, through a buffer of at most cap_max. */
static bool feed_stream(conn *k, const uint8_t *data, size_t len)
{
    while (len) {
        if (k->phase == PART_BODY && !k->decode && k->part_left != SIZE_MAX && k->part_left &&
            !k->len) {
            /* a part to skip, of a known length: not even copied */
            size_t n = len < k->part_left ? len : k->part_left;
            data += n, len -= n, k->part_left -= n;
            if (!k->part_left && !end_part(k, NULL, 0))
                return false;
            continue;
        }
        size_t room = k->cap_max - k->len;
        if (!room) /* unreachable: the phases' own limits come first */
            return over_limit(k, SIZE_MAX, "a frame");
        size_t n = len < room ? len : room;
        if (!reserve(k, k->len + n))
            return false;
        memcpy(k->buf + k->len, data, n);
        k->len += n, data += n, len -= n;
        if (!parse(k))
            return false;
    }
    return true;
}

/* ---- the answer ----------------------------------------------------------------------- */

static bool http_failed(conn *k, long code)
{
    k->http_code = code;
    return fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_HTTP, "the server answered %ld%s%s", code,
                k->status_text[0] ? " " : "", k->status_text);
}

/* The boundary parameter of a multipart Content-Type, without its leading dashes. */
static bool boundary_param(const char *ct, char *out, size_t n)
{
    for (const char *p = ct; (p = strchr(p, ';'));) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "boundary=", 9))
            continue;
        p += 9;
        bool quoted = *p == '"';
        p += quoted;
        size_t len = quoted ? strcspn(p, "\"") : strcspn(p, "; \t\r\n");
        while (len && *p == '-')
            p++, len--;
        if (!len || len >= n)
            return false;
        memcpy(out, p, len);
        out[len] = '\0';
        return true;
    }
    return false;
}

static bool start_still(conn *k)
{
    curl_off_t length = -1;
    curl_easy_getinfo(k->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (length > 0 && (uint64_t)length > k->c->max_frame)
        return over_limit(k, (size_t)length, "a picture");
    k->mode = MODE_STILL;
    k->cap_max = k->c->max_frame;
    snprintf(k->kind, sizeof k->kind, "a still picture every %g s", k->c->refresh_ms / 1000);
    return length > 0 ? reserve(k, (size_t)length) : true;
}

/* The answer's first bytes: what it is, by its status and Content-Type. */
static bool choose_mode(conn *k)
{
    long code = 0;
    char *ct = NULL;
    curl_easy_getinfo(k->easy, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(k->easy, CURLINFO_CONTENT_TYPE, &ct);
    if (code < 200 || code > 299)
        return http_failed(k, code);
    char type[64];
    snprintf(type, sizeof type, "%.*s", ct ? (int)strcspn(ct, "; \t") : 0, ct ? ct : "");
    if (!strncasecmp(type, "multipart/", 10)) {
        if (!boundary_param(ct, k->boundary, sizeof k->boundary))
            return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_NOT_PICTURE, "a multipart answer without a usable boundary (%s): not "
                        "a stream of pictures", ct);
        k->blen = strlen(k->boundary);
        k->mode = MODE_STREAM;
        k->cap_max = k->c->max_frame + HEAD_MAX;
        k->part_left = SIZE_MAX;
        snprintf(k->kind, sizeof k->kind, "a stream (%s)", type);
        return true;
    }
    if (!type[0] || !strncasecmp(type, "image/", 6) ||
        !strcasecmp(type, "application/octet-stream"))
        return start_still(k);
    return fail(k, LY_CAM_BAD, LY_CAM_CAUSE_NOT_PICTURE, "not a picture (%s)", type);
}

static bool take_still(conn *k, const char *data, size_t len)
{
    if (len > k->cap_max - k->len)
        return over_limit(k, SIZE_MAX, "a picture");
    if (!reserve(k, k->len + len))
        return false;
    memcpy(k->buf + k->len, data, len);
    k->len += len;
    return true;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    conn *k = user;
    size_t len = size * n;
    if (atomic_load(&k->c->stop))
        return 0; /* libcurl ends the transfer with CURLE_WRITE_ERROR */
    atomic_fetch_add(&k->c->bytes, len);
    if (k->mode == MODE_UNKNOWN && !choose_mode(k))
        return 0;
    bool ok = k->mode == MODE_STILL ? take_still(k, data, len)
                                    : feed_stream(k, (const uint8_t *)data, len);
    return ok ? len : 0;
}

static size_t on_header(char *line, size_t size, size_t n, void *user)
{
    conn *k = user;
    size_t len = size * n;
    k->answered = true;
    if (len > 5 && !strncmp(line, "HTTP/", 5)) {
        /* a new answer (after a redirect): "HTTP/1.1 404 Not Found" */
        k->status_text[0] = '\0';
        const char *end = line + len, *sp = memchr(line, ' ', len);
        sp = sp ? memchr(sp + 1, ' ', (size_t)(end - sp - 1)) : NULL;
        while (end > line && (end[-1] == '\r' || end[-1] == '\n'))
            end--;
        if (sp && sp + 1 < end)
            snprintf(k->status_text, sizeof k->status_text, "%.*s", (int)(end - sp - 1), sp + 1);
    }
    return len;
}

/* ---- the transfer --------------------------------------------------------------------- */

static pthread_once_t g_curl_once = PTHREAD_ONCE_INIT;
static CURLcode g_curl_ready = CURLE_FAILED_INIT;

static void curl_setup(void)
{
    g_curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void setup(CURL *e, conn *k, char *errbuf)
{
    const ly_camstream *c = k->c;
    curl_easy_setopt(e, CURLOPT_URL, c->url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    /* no signals: libcurl's timeouts must not touch the process's signal handlers */
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
    /* a stall: the stall watch (stalled()) drops it first; this is the backstop */
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)ceil(c->drop_ms / 1000) + 1);
    /* close must not wait for a name that does not resolve */
    curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "louyu");
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, k);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, k);
}

/* The stall watch: no part (or no whole picture) for 2 × stale_s ends the attempt. */
static bool stalled(conn *k)
{
    const ly_camstream *c = k->c;
    if (ly_clock_ms() - k->last_part_ms < c->drop_ms)
        return false;
    double s = c->drop_ms / 1000;
    if (!k->answered)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_TIMEOUT, "no answer for %g s", s);
    else if (k->mode == MODE_STILL)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_NO_PICTURE, "no whole picture within %g s", s);
    else if (k->pictures)
        fail(k, LY_CAM_STALE, LY_CAM_CAUSE_STALLED, "the stream stalled (nothing for %g s), reconnecting", s);
    else
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_NO_PICTURE, "the server sends no picture (nothing for %g s)", s);
    return true;
}

/* Runs the transfer until it ends, stalls or close stops it. */
static CURLcode run(conn *k)
{
    ly_camstream *c = k->c;
    int running = 1;
    while (!atomic_load(&c->stop)) {
        curl_multi_perform(c->multi, &running);
        if (!running || stalled(k))
            break;
        curl_multi_poll(c->multi, NULL, 0, POLL_MS, NULL);
    }
    CURLcode rc = running ? CURLE_ABORTED_BY_CALLBACK : CURLE_OK;
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(c->multi, &left)))
        if (m->msg == CURLMSG_DONE && !running)
            rc = m->data.result;
    return rc;
}

/* A transfer that did not complete, in words. */
static void transfer_failed(conn *k, CURLcode rc, const char *errbuf)
{
    const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    long os = 0;
    curl_easy_getinfo(k->easy, CURLINFO_OS_ERRNO, &os);
    if (rc == CURLE_COULDNT_CONNECT && os == ECONNREFUSED)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_REFUSED,
             "the server cannot be reached: connection refused");
    else if (rc == CURLE_COULDNT_CONNECT)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_UNREACHABLE, "the server cannot be reached (%s)", why);
    else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_NAME, "the server's name does not resolve (%s)", why);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        fail(k, LY_CAM_UNREACHABLE, k->answered ? LY_CAM_CAUSE_BROKE : LY_CAM_CAUSE_TIMEOUT,
             k->answered ? "the server stopped sending (%s)"
                                                : "the server cannot be reached: timed out (%s)",
             why);
    else if (rc == CURLE_TOO_MANY_REDIRECTS)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_ADDRESS, "more than %ld redirects", MAX_REDIRECTS);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL && ly_is_url(k->c->url))
        fail(k, LY_CAM_BAD, LY_CAM_CAUSE_ADDRESS, "redirected to an address that is not http:// or https:// (%s)", why);
    else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
        fail(k, LY_CAM_BAD, LY_CAM_CAUSE_ADDRESS, "not an http:// or https:// address (%s)", why);
    else if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
             rc == CURLE_SEND_ERROR)
        fail(k, k->pictures ? LY_CAM_STALE : LY_CAM_UNREACHABLE, LY_CAM_CAUSE_BROKE,
             "the connection broke after "
             "%d picture%s (%s)", k->pictures, k->pictures == 1 ? "" : "s", why);
    else if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
             rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_TLS, "the secure connection failed (%s)", why);
    else
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_UNREACHABLE, "the transfer failed (%s)", why);
}

/* After the transfer: what it came to, unless a callback already said. */
static void conclude(conn *k, CURLcode rc, const char *errbuf)
{
    if (k->verdict != LY_CAM_CONNECTING)
        return;
    long code = 0;
    curl_easy_getinfo(k->easy, CURLINFO_RESPONSE_CODE, &code);
    if (rc != CURLE_OK) {
        transfer_failed(k, rc, errbuf);
    } else if (code < 200 || code > 299) {
        http_failed(k, code); /* with no body: on_body never saw it */
    } else if (k->mode == MODE_STILL) {
        char why[160];
        ly_cam_cause cause = take_picture(k->c, k->buf, k->len, true, k->kind, why, sizeof why);
        k->took = cause == LY_CAM_CAUSE_NONE;
        if (!k->took)
            fail(k, LY_CAM_BAD, cause, "%s", why);
    } else if (k->mode == MODE_UNKNOWN) {
        fail(k, LY_CAM_BAD, LY_CAM_CAUSE_NOT_PICTURE, "an empty answer: not a picture");
    } else if (k->phase == PART_HEAD || k->phase == PART_BODY) {
        fail(k, k->pictures ? LY_CAM_STALE : LY_CAM_UNREACHABLE, LY_CAM_CAUSE_BROKE,
             "the connection broke mid-frame after %d picture%s", k->pictures, k->pictures == 1 ? "" : "s");
    } else {
        fail(k, k->pictures ? LY_CAM_STALE : LY_CAM_BAD, LY_CAM_CAUSE_ENDED, "the stream ended after %d "
             "picture%s", k->pictures, k->pictures == 1 ? "" : "s");
    }
}

static void transfer(conn *k)
{
    ly_camstream *c = k->c;
    if (g_curl_ready != CURLE_OK) {
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_INTERNAL, "libcurl cannot start (%s)", curl_easy_strerror(g_curl_ready));
        return;
    }
    k->easy = curl_easy_init();
    if (!k->easy) {
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_INTERNAL, "libcurl cannot make a handle (out of memory?)");
        return;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    setup(k->easy, k, errbuf);
    curl_multi_add_handle(c->multi, k->easy);
    CURLcode rc = run(k);
    curl_multi_remove_handle(c->multi, k->easy);
    if (!atomic_load(&c->stop))
        conclude(k, rc, errbuf);
    curl_easy_cleanup(k->easy);
    k->easy = NULL;
}

/* ---- a file --------------------------------------------------------------------------- */

/* A local file's picture: read whole (within max_frame), then decoded. */
static void read_file(conn *k)
{
    const ly_camstream *c = k->c;
    snprintf(k->kind, sizeof k->kind, "a file read every %g s", c->refresh_ms / 1000);
    /* (not blocking: a pipe with no writer would hold the open, and whoever closes the
     * panel would wait on this thread for ever) */
    int fd = open(c->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_FILE, "%s (%s)", errno == ENOENT ? "no such file" :
             "the file cannot be read", errno == ENOENT ? c->path : strerror(errno));
        return;
    }
    struct stat st;
    k->cap_max = c->max_frame;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        fail(k, LY_CAM_BAD, LY_CAM_CAUSE_FILE, "not a file (%s)", c->path);
    } else if ((uint64_t)st.st_size > c->max_frame) {
        over_limit(k, (size_t)st.st_size, "a picture");
    } else if (reserve(k, st.st_size ? (size_t)st.st_size : 1)) {
        ssize_t got;
        while (k->len < k->cap && (got = read(fd, k->buf + k->len, k->cap - k->len)) > 0)
            k->len += (size_t)got;
        atomic_fetch_add(&k->c->bytes, k->len);
        char why[160];
        ly_cam_cause cause = take_picture(k->c, k->buf, k->len, true, k->kind, why, sizeof why);
        k->took = cause == LY_CAM_CAUSE_NONE;
        if (!k->took)
            fail(k, LY_CAM_BAD, cause, "%s", why);
    }
    close(fd);
}

/* "file:///a%20b.jpg" or "file://localhost/a%20b.jpg": "/a b.jpg"; NULL for
 * another host, an encoded NUL, or no memory. */
static char *file_url_path(const char *url)
{
    const char *p = url + 7;
    if (!strncasecmp(p, "localhost/", 10))
        p += 9;
    if (*p != '/')
        return NULL;
    char *out = malloc(strlen(p) + 1), *o = out;
    for (; out && *p; p++) {
        unsigned x = 0;
        if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]) &&
            sscanf(p + 1, "%2x", &x) == 1) {
            if (!x) {
                free(out);
                return NULL;
            }
            *o++ = (char)x;
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    if (out)
        *o = '\0';
    return out;
}

/* ---- the thread ----------------------------------------------------------------------- */

static void attempt(ly_camstream *c, conn *k)
{
    memset(k, 0, sizeof *k);
    k->c = c;
    k->part_left = SIZE_MAX;
    k->verdict = LY_CAM_CONNECTING;
    k->last_part_ms = ly_clock_ms();
    if (c->kind == SRC_HTTP)
        transfer(k);
    else if (c->kind == SRC_FILE)
        read_file(k);
    else
        fail(k, LY_CAM_BAD, LY_CAM_CAUSE_ADDRESS, "not a camera's address (%.*s): expected http://, https://, "
             "file:// or a file's path", (int)strcspn(c->url, ":"), c->url);
    free(k->buf);
    k->buf = NULL;
}

/* The next wait, 1, 2, 4, 8, 16, 30 s by failures in a row, each ±10 %. */
static double backoff_ms(ly_camstream *c, int failures)
{
    double base = failures >= 6 ? BACKOFF_CAP_MS : 1000.0 * (1 << (failures - 1));
    c->rng ^= c->rng << 13, c->rng ^= c->rng >> 7, c->rng ^= c->rng << 17; /* xorshift64 */
    double r = (double)(c->rng >> 11) / 9007199254740992.0;              /* [0, 1) */
    double ms = base * (0.9 + 0.2 * r);
    return ms > BACKOFF_CAP_MS ? BACKOFF_CAP_MS : ms;
}

/* An attempt's end: how long to wait before the next. */
static double after(ly_camstream *c, conn *k)
{
    if (k->took)
        return c->refresh_ms;
    if (k->verdict == LY_CAM_CONNECTING)
        fail(k, LY_CAM_UNREACHABLE, LY_CAM_CAUSE_NO_PICTURE, "the transfer ended without a picture");
    pthread_mutex_lock(&c->mu);
    double ms = backoff_ms(c, ++c->failures);
    c->fail = k->verdict;
    c->cause = k->cause;
    c->http_code = k->http_code;
    c->retry_at_ms = ly_clock_ms() + ms;
    snprintf(c->note, sizeof c->note, "%s", k->why);
    pthread_mutex_unlock(&c->mu);
    /* said once per change; every retry at debug level */
    bool repeat = !strcmp(c->logged, k->why);
    char shown[1024]; /* (never a camera's password in a log) */
    ly_log(repeat ? LY_LOG_DEBUG : LY_LOG_INFO, "CAM", "%s: %s: %s, retrying in %.1f s",
           ly_url_for_log(c->url, shown, sizeof shown), ly_cam_state_name(k->verdict), k->why,
           ms / 1000);
    snprintf(c->logged, sizeof c->logged, "%s", k->why);
    return ms;
}

/* Waits ms, or until close. */
static void wait_for(ly_camstream *c, double ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    long long ns = (long long)until.tv_nsec + (long long)(ms * 1e6);
    until.tv_sec += (time_t)(ns / 1000000000);
    until.tv_nsec = (long)(ns % 1000000000);
    pthread_mutex_lock(&c->mu);
    while (!atomic_load(&c->stop) && pthread_cond_timedwait(&c->cv, &c->mu, &until) != ETIMEDOUT)
        ;
    pthread_mutex_unlock(&c->mu);
}

/* The worker's share of the CPU: below the viewer's. A picture late by a frame is
 * not seen; a frame of the viewer late by a picture's decode is. On Linux a
 * thread's nice value is its own (setpriority(2)); elsewhere this does nothing. */
static void step_back(void)
{
#ifdef __linux__
    errno = 0;
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WORKER_NICE) && errno)
        LY_DEBUG("CAM", "could not lower a stream's priority: %s", strerror(errno));
#endif
}

static void *worker(void *arg)
{
    ly_camstream *c = arg;
    conn k;
    step_back();
    while (!atomic_load(&c->stop)) {
        attempt(c, &k);
        if (atomic_load(&c->stop))
            break;
        wait_for(c, after(c, &k));
    }
    return NULL;
}

/* ---- the interface -------------------------------------------------------------------- */

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The desc's values with the defaults for zeros, within sane bounds. */
static void settings(ly_camstream *c, const ly_camstream_desc *d)
{
    double refresh = d->refresh_s > 0 ? d->refresh_s : DEFAULT_REFRESH_S;
    double stale = d->stale_s > 0 ? d->stale_s : DEFAULT_STALE_S;
    double fps = d->max_fps > 0 ? d->max_fps : DEFAULT_MAX_FPS;
    c->refresh_ms = clamp(refresh, 0.05, 86400) * 1000;
    c->stale_ms = clamp(stale, 0.1, 86400) * 1000;
    c->drop_ms = 2 * c->stale_ms;
    c->interval_ms = 1000 / clamp(fps, 0.01, 1000);
    c->max_frame = d->max_frame_bytes ? d->max_frame_bytes : DEFAULT_MAX_FRAME;
    c->max_frame = c->max_frame > LIMIT_MAX_FRAME ? LIMIT_MAX_FRAME : c->max_frame;
    c->max_w = (int)clamp(d->max_width > 0 ? d->max_width : DEFAULT_MAX_W, MIN_SIDE, MAX_SIDE);
    c->max_h = (int)clamp(d->max_height > 0 ? d->max_height : DEFAULT_MAX_H, MIN_SIDE, MAX_SIDE);
    c->picture_ms = -1;
    c->work = 0, c->ready = 1, c->lent = 2;
    c->fail = LY_CAM_CONNECTING;
    snprintf(c->note, sizeof c->note, "connecting");
    c->rng = ((uint64_t)(uintptr_t)c ^ (uint64_t)(ly_clock_ms() * 1000)) | 1;
}

/* http(s), file:// or a path; anything else with a scheme is unsupported. */
static void classify(ly_camstream *c)
{
    const char *u = c->url;
    size_t scheme = strspn(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    if (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8)) {
        c->kind = SRC_HTTP;
    } else if (!strncasecmp(u, "file://", 7)) {
        c->path = file_url_path(u);
        c->kind = c->path ? SRC_FILE : SRC_UNSUPPORTED;
    } else if (scheme && !strncmp(u + scheme, "://", 3)) {
        c->kind = SRC_UNSUPPORTED;
    } else {
        c->kind = SRC_FILE;
        c->path = strdup(u);
    }
}

static void destroy(ly_camstream *c)
{
    if (c->multi)
        curl_multi_cleanup(c->multi);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    for (int i = 0; i < 3; i++)
        free(c->slot[i].px);
    free(c->path);
    free(c->url);
    free(c);
}

ly_camstream *ly_camstream_open(const ly_camstream_desc *desc)
{
    assert(desc && desc->url);
    if (!desc || !desc->url)
        return NULL;
    pthread_once(&g_curl_once, curl_setup);
    ly_camstream *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    settings(c, desc);
    c->url = strdup(desc->url);
    if (c->url)
        classify(c);
    if (c->url && c->kind == SRC_HTTP && g_curl_ready == CURLE_OK)
        c->multi = curl_multi_init();
    bool ok = c->url && (c->kind != SRC_FILE || c->path) &&
              (c->kind != SRC_HTTP || c->multi || g_curl_ready != CURLE_OK);
    if (!ok || pthread_create(&c->thread, NULL, worker, c)) {
        destroy(c);
        return NULL;
    }
    return c;
}

void ly_camstream_close(ly_camstream *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    atomic_store(&c->stop, true);
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    if (c->multi)
        curl_multi_wakeup(c->multi); /* out of curl_multi_poll at once */
    pthread_join(c->thread, NULL);
    destroy(c);
}

static void fill_status(const ly_camstream *c, double now, ly_camstream_status *st)
{
    memset(st, 0, sizeof *st);
    bool any = c->picture_ms >= 0;
    double age = any ? now - c->picture_ms : -1;
    double stale = c->still ? fmax(c->stale_ms, c->refresh_ms + 1000) : c->stale_ms;
    if (any && age <= stale)
        st->state = LY_CAM_LIVE;
    else if (c->fail == LY_CAM_UNREACHABLE || c->fail == LY_CAM_BAD)
        st->state = c->fail;
    else
        st->state = any ? LY_CAM_STALE : LY_CAM_CONNECTING;
    if (st->state == LY_CAM_STALE)
        snprintf(st->message, sizeof st->message, "no picture for %.0f s%s%.160s", age / 1000,
                 c->fail == LY_CAM_STALE ? ": " : "", c->fail == LY_CAM_STALE ? c->note : "");
    else
        snprintf(st->message, sizeof st->message, "%s", c->note);
    if (st->state != LY_CAM_LIVE && c->fail != LY_CAM_CONNECTING) {
        st->cause = c->cause;
        st->http_code = c->http_code;
    }
    st->age_s = any ? age / 1000 : -1;
    st->retry_in_s = c->retry_at_ms > now ? (c->retry_at_ms - now) / 1000 : 0;
    st->failures = c->failures;
    st->frames = c->frames;
    st->bytes = atomic_load(&c->bytes);
    /* pictures a second over the last 2 s (decaying when they stop) */
    int n = 0;
    double oldest = now;
    for (uint64_t i = 0; i < c->frames && i < FPS_RING; i++) {
        double t = c->times[(c->frames - i) % FPS_RING];
        if (now - t > FPS_WINDOW_MS)
            break;
        n++;
        oldest = t;
    }
    st->fps = n >= 2 && now > oldest ? (n - 1) * 1000.0 / (now - oldest) : 0;
}

bool ly_camstream_poll(ly_camstream *c, ly_camstream_status *st, uint64_t *serial,
                       uint8_t **rgba, int *w, int *h)
{
    assert(c && (!rgba || (serial && w && h)));
    double now = ly_clock_ms();
    bool handed = false;
    pthread_mutex_lock(&c->mu);
    if (st)
        fill_status(c, now, st);
    if (rgba && c->has_ready && c->serial > *serial) {
        int t = c->lent;
        c->lent = c->ready;
        c->ready = t;
        c->has_ready = false;
        *rgba = c->slot[c->lent].px;
        *w = c->slot[c->lent].w;
        *h = c->slot[c->lent].h;
        *serial = c->serial;
        handed = true;
    }
    pthread_mutex_unlock(&c->mu);
    return handed;
}

const char *ly_cam_state_name(ly_cam_state s)
{
    switch (s) {
    case LY_CAM_CONNECTING: return "connecting";
    case LY_CAM_LIVE: return "live";
    case LY_CAM_STALE: return "stale";
    case LY_CAM_UNREACHABLE: return "unreachable";
    case LY_CAM_BAD: return "bad";
    }
    return "?";
}
