/* A district at a URL (fetch.h): the copy's name and place, and every answer a
 * server can give, from a small server on a thread of this test (127.0.0.1, a
 * free port) that sends whatever bytes the test sets: 200 with validators, 304
 * to a conditional request, the copy's bytes again, 503, a body cut short, a body
 * that is no district, nothing at all; then ly_fetch_load's copy, warnings and
 * polls, and a cancelled fetch. */
#include "check.h"
#include "louyu/fetch.h"
#include "louyu/file.h"

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[PATH_MAX];
static char *g_district; /* data/zhanshan.geojson */
static size_t g_district_len;

/* ---- the server ------------------------------------------------------------------------ */

static int g_listen = -1, g_port;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static char g_request[4096]; /* the last request's head */
static char *g_answer;       /* what the next connections get (owned) */
static size_t g_answer_len;
static int g_delay_ms;       /* waited before answering */

static void answer(const char *head, const char *body, size_t body_len, size_t claimed_len)
{
    char h[1024];
    int k = snprintf(h, sizeof h, "%sContent-Length: %zu\r\nConnection: close\r\n\r\n", head,
                     claimed_len);
    pthread_mutex_lock(&g_mu);
    free(g_answer);
    g_answer = malloc((size_t)k + body_len);
    memcpy(g_answer, h, (size_t)k);
    memcpy(g_answer + k, body, body_len);
    g_answer_len = (size_t)k + body_len;
    pthread_mutex_unlock(&g_mu);
}

static void *serve(void *arg)
{
    (void)arg;
    for (;;) {
        int c = accept(g_listen, NULL, NULL);
        if (c < 0)
            return NULL; /* the socket was shut down: the test is over */
        char req[4096];
        size_t got = 0;
        while (got < sizeof req - 1) {
            ssize_t n = read(c, req + got, sizeof req - 1 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
            req[got] = '\0';
            if (strstr(req, "\r\n\r\n"))
                break;
        }
        req[got] = '\0';
        pthread_mutex_lock(&g_mu);
        snprintf(g_request, sizeof g_request, "%s", req);
        int delay = g_delay_ms;
        char *out = malloc(g_answer_len);
        size_t len = g_answer_len;
        memcpy(out, g_answer, len);
        pthread_mutex_unlock(&g_mu);
        usleep((useconds_t)delay * 1000);
        for (size_t sent = 0; sent < len;) {
            /* a client that gave up has closed: no SIGPIPE for that */
            ssize_t n = send(c, out + sent, len - sent, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += (size_t)n;
        }
        free(out);
        close(c);
    }
}

static int start_server(pthread_t *t)
{
    g_listen = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (g_listen < 0 || bind(g_listen, (struct sockaddr *)&a, sizeof a) ||
        listen(g_listen, 8) || getsockname(g_listen, (struct sockaddr *)&a, &len))
        return -1;
    g_port = ntohs(a.sin_port);
    answer("HTTP/1.1 404 Not Found\r\n", "", 0, 0);
    return pthread_create(t, NULL, serve, NULL);
}

static bool request_has(const char *s)
{
    pthread_mutex_lock(&g_mu);
    bool has = strstr(g_request, s) != NULL;
    pthread_mutex_unlock(&g_mu);
    return has;
}

/* ---- the tests ------------------------------------------------------------------------- */

static void test_names(void)
{
    CHECK(ly_is_url("http://example.org/d.geojson"));
    CHECK(ly_is_url("HTTPS://example.org/d.gpkg"));
    CHECK(!ly_is_url("ftp://example.org/d.geojson"));
    CHECK(!ly_is_url("/srv/http://x"));
    CHECK(!ly_is_url("data/zhanshan.geojson"));
    CHECK(!ly_is_url(NULL));

    char a[1200], b[1200];
    CHECK_INT(ly_fetch_copy_path("http://example.org/a.geojson", "/c", a, sizeof a), 0);
    CHECK_INT(ly_fetch_copy_path("http://example.org/b.geojson", "/c", b, sizeof b), 0);
    CHECK(strcmp(a, b) != 0); /* one copy per URL */
    CHECK_INT(strlen(a), strlen("/c/") + 32 + strlen(".geojson"));
    CHECK(!strncmp(a, "/c/", 3) && strstr(a, ".geojson"));
    CHECK_INT(ly_fetch_copy_path("https://example.org/s.GPKG?week=3", "/c", a, sizeof a), 0);
    CHECK(strstr(a, ".gpkg") != NULL); /* a store keeps its kind */
    char small[8];
    CHECK_INT(ly_fetch_copy_path("http://example.org/a.geojson", "/c", small, sizeof small), -1);

    /* the cache folder: XDG_CACHE_HOME when absolute, else ~/.cache */
    char dir[1024];
    setenv("XDG_CACHE_HOME", "/var/cache/x", 1);
    CHECK_INT(ly_fetch_cache_dir(dir, sizeof dir), 0);
    CHECK_STR(dir, "/var/cache/x/louyu");
    setenv("XDG_CACHE_HOME", "relative", 1);
    setenv("HOME", "/home/k", 1);
    CHECK_INT(ly_fetch_cache_dir(dir, sizeof dir), 0);
    CHECK_STR(dir, "/home/k/.cache/louyu");
    setenv("XDG_CACHE_HOME", g_dir, 1);
}

static bool copy_is(const char *path, const char *text, size_t len)
{
    char *got = NULL;
    size_t n;
    ly_diag_list d;
    ly_diag_list_init(&d, path);
    bool same = ly_file_read(path, 1 << 24, false, &got, &n, &d) == LY_FILE_OK && n == len &&
                !memcmp(got, text, len);
    free(got);
    ly_diag_list_deinit(&d);
    return same;
}

static void test_answers(const char *url)
{
    ly_fetch_result r;
    ly_district d;
    ly_diag_list body;
    ly_diag_list_init(&body, url);
    const char *ok = "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nLast-Modified: Fri, 29 Apr 2011 12:00:00 "
                     "GMT\r\n";
    answer(ok, g_district, g_district_len, g_district_len);
    CHECK_INT(ly_fetch(url, NULL, &r, &d, &body), LY_FETCH_NEW);
    CHECK_INT(d.n_buildings, 33);
    CHECK(r.have_copy && copy_is(r.copy_path, g_district, g_district_len));
    CHECK_INT(r.http_code, 200);
    CHECK(request_has("GET /d/zhanshan.geojson HTTP/1.1") && !request_has("If-None-Match"));
    ly_district_unload(&d);
    char copy[sizeof r.copy_path];
    snprintf(copy, sizeof copy, "%s", r.copy_path);

    /* the validators go back; a 304 is "unchanged" and loads nothing */
    answer("HTTP/1.1 304 Not Modified\r\n", "", 0, 0);
    CHECK_INT(ly_fetch(url, NULL, &r, &d, NULL), LY_FETCH_UNCHANGED);
    CHECK(request_has("If-None-Match: \"v1\"\r\n"));
    CHECK(request_has("If-Modified-Since: Fri, 29 Apr 2011 12:00:00 GMT\r\n"));
    CHECK_INT(d.n_buildings, 0);
    CHECK_STR(r.reason, "not modified (304)");
    /* the same bytes under a new ETag: unchanged too, and the new ETag is kept */
    answer("HTTP/1.1 200 OK\r\nETag: \"v2\"\r\n", g_district, g_district_len, g_district_len);
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, NULL), LY_FETCH_UNCHANGED);
    CHECK_STR(r.reason, "the server's district is the same as the copy");
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, NULL), LY_FETCH_UNCHANGED);
    CHECK(request_has("If-None-Match: \"v2\"\r\n"));
    /* a 304 that repeats the validators writes nothing (it had rewritten HASH.meta at every
     * poll: a new file each time) */
    char meta[sizeof copy + 8];
    snprintf(meta, sizeof meta, "%.*s.meta", (int)(strrchr(copy, '.') - copy), copy);
    struct stat m0, m1;
    CHECK(stat(meta, &m0) == 0);
    answer("HTTP/1.1 304 Not Modified\r\nETag: \"v2\"\r\n", "", 0, 0);
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, NULL), LY_FETCH_UNCHANGED);
    CHECK(stat(meta, &m1) == 0 && m1.st_ino == m0.st_ino);

    /* failures keep the copy and say why */
    answer("HTTP/1.1 503 Service Unavailable\r\n", "<h1>503</h1>", 12, 12);
    CHECK_INT(ly_fetch(url, NULL, &r, &d, NULL), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_HTTP);
    CHECK_INT(r.http_code, 503);
    CHECK_STR(r.reason, "the server answered 503 Service Unavailable: expected 200 and the "
                        "district");
    CHECK(strstr(r.message, ": keeping the copy of ") && strstr(r.message, " UTC"));
    CHECK(!strncmp(r.message, url, strlen(url)));
    answer(ok, g_district, g_district_len / 2, g_district_len);
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, NULL), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_TRUNCATED);
    CHECK(strstr(r.reason, "the download stopped after ") != NULL);
    answer(ok, "{\"type\": \"FeatureCollection\",}", 30, 30);
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, &body), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_BODY);
    CHECK_INT(body.errors, 1);
    CHECK(body.count && body.items[0].line == 1 && body.items[0].col == 29);
    CHECK(strstr(r.reason, "is not a valid district (1 error, the first at 1:29: ") != NULL);
    CHECK(copy_is(copy, g_district, g_district_len));
    /* a body over the loader's limit is refused as it comes */
    answer(ok, g_district, g_district_len, g_district_len);
    ly_load_desc small = {.max_file_bytes = 1000};
    CHECK_INT(ly_fetch(url, &(ly_fetch_desc){.load = &small}, &r, NULL, NULL), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_TOO_BIG);
    /* too slow */
    g_delay_ms = 1500;
    CHECK_INT(ly_fetch(url, &(ly_fetch_desc){.timeout_s = 0.5}, &r, NULL, NULL), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_TIMEOUT);
    /* cancelled from another thread (here: before it starts) */
    atomic_bool cancel = true;
    CHECK_INT(ly_fetch(url, &(ly_fetch_desc){.cancel = &cancel}, &r, NULL, NULL), LY_FETCH_FAILED);
    CHECK_INT(r.error, LY_FETCH_E_CANCELLED);
    g_delay_ms = 0;
    CHECK(copy_is(copy, g_district, g_district_len));
    /* a download a killed fetch left beside the copy goes at the next fetch of the URL (with
     * its lock held, no live fetch writes one); it had stayed in the cache for good */
    char part[sizeof copy + 16];
    snprintf(part, sizeof part, "%s.part-KILLED", copy);
    FILE *pf = fopen(part, "w");
    CHECK(pf != NULL);
    if (pf) {
        fputs("half a district", pf);
        fclose(pf);
    }
    answer("HTTP/1.1 304 Not Modified\r\n", "", 0, 0);
    CHECK_INT(ly_fetch(url, NULL, &r, NULL, NULL), LY_FETCH_UNCHANGED);
    CHECK(access(part, F_OK) != 0);
    ly_diag_list_deinit(&body);
}

/* ly_fetch_load: the new district, else the copy with a warning, else an error. */
static void test_load(const char *url, const char *gone)
{
    ly_district d;
    ly_fetch_result r;
    ly_diag_list diags;
    ly_diag_list_init(&diags, url);
    answer("HTTP/1.1 500 Internal Server Error\r\n", "", 0, 0);
    CHECK_INT(ly_fetch_load(&d, url, NULL, &r, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 33);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(diags.warnings, 1);
    CHECK(diags.count && strstr(diags.items[0].message, "the server answered 500 Internal Server "
                                "Error: expected 200 and the district; showing the last good "
                                "copy, of "));
    ly_district_unload(&d);
    /* a poll: nothing new, nothing loaded, no warning */
    ly_diag_list_clear(&diags);
    CHECK_INT(ly_fetch_load(&d, url, &(ly_fetch_desc){.new_only = true}, &r, &diags), LY_LOAD_OK);
    CHECK_INT(r.status, LY_FETCH_FAILED);
    CHECK_INT(d.n_buildings, 0);
    CHECK_INT(diags.count, 0);
    /* through ly_district_load, as every command reads its data */
    answer("HTTP/1.1 304 Not Modified\r\n", "", 0, 0);
    CHECK_INT(ly_district_load(&d, url, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 33);
    CHECK_INT(diags.count, 0);
    ly_district_unload(&d);
    /* no copy: an error; the body's own errors when it was the problem */
    CHECK_INT(ly_fetch_load(&d, gone, NULL, &r, &diags), LY_LOAD_IO);
    CHECK(!r.have_copy && diags.errors == 1);
    CHECK(strstr(diags.items[0].message, "the server cannot be reached (") &&
          strstr(diags.items[0].message, ": there is no copy on disk to fall back on"));
    ly_diag_list_clear(&diags);
    char other[200];
    snprintf(other, sizeof other, "http://127.0.0.1:%d/other.geojson", g_port);
    answer("HTTP/1.1 200 OK\r\n", "{\"type\": 1}", 11, 11);
    CHECK_INT(ly_fetch_load(&d, other, NULL, &r, &diags), LY_LOAD_DATA);
    CHECK(diags.errors >= 1 && diags.items[0].line == 1);
    ly_diag_list_deinit(&diags);
}

/* Two threads fetching one URL: the lock keeps the copy and its validators together. */
static void *fetch_thread(void *url)
{
    ly_fetch_result r;
    return (void *)(intptr_t)ly_fetch(url, NULL, &r, NULL, NULL);
}

static void test_threads(const char *url)
{
    /* a new version: the district with two more newlines */
    char *next = malloc(g_district_len + 2);
    memcpy(next, g_district, g_district_len);
    memcpy(next + g_district_len, "\n\n", 2);
    answer("HTTP/1.1 200 OK\r\nETag: \"v3\"\r\n", next, g_district_len + 2, g_district_len + 2);
    free(next);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, fetch_thread, (void *)url);
    int news = 0, same = 0;
    for (int i = 0; i < 4; i++) {
        void *st;
        pthread_join(t[i], &st);
        news += (intptr_t)st == LY_FETCH_NEW;
        same += (intptr_t)st == LY_FETCH_UNCHANGED;
    }
    /* one thread takes the new version; the others, after it, find it the same */
    CHECK_INT(news, 1);
    CHECK_INT(same, 3);
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/louyu-test-fetch-XXXXXX");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        return 1;
    }
    ly_diag_list d;
    ly_diag_list_init(&d, "zhanshan");
    if (ly_file_read(LY_SOURCE_DIR "/data/zhanshan.geojson", 1 << 24, false, &g_district,
                     &g_district_len, &d) != LY_FILE_OK)
        return 1;
    ly_diag_list_deinit(&d);
    pthread_t server;
    if (start_server(&server)) {
        perror("the test server");
        return 1;
    }
    char url[200], gone[200];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/d/zhanshan.geojson", g_port);
    snprintf(gone, sizeof gone, "http://127.0.0.1:1/d/zhanshan.geojson");
    test_names();
    test_answers(url);
    test_load(url, gone);
    test_threads(url);
    shutdown(g_listen, SHUT_RDWR);
    close(g_listen);
    pthread_join(server, NULL);
    free(g_answer);
    free(g_district);
    char cmd[PATH_MAX + 20];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return check_report();
}
