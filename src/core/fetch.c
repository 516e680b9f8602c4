/* A district at a URL, kept as a checked local copy (fetch.h says the contract). */
#include "louyu/fetch.h"
#include "louyu/file.h"
#include "louyu/log.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_CONNECT_S 10.0
#define DEFAULT_TIMEOUT_S 120.0
#define META_MAX_BYTES (64 * 1024)

int ly_fetch_cache_dir(char *buf, size_t n)
{
    return ly_xdg_path("XDG_CACHE_HOME", ".cache", "", buf, n);
}

/* The URL's path names a store: the copy keeps its kind in its name (the loader
 * itself tells the two apart by content, so a wrong guess only misnames it). */
static bool names_store(const char *url)
{
    size_t end = strcspn(url, "?#");
    return end >= 5 && !strncasecmp(url + end - 5, ".gpkg", 5);
}

/* DIR/HASH (no extension): the hash is the URL's SHA-256, cut to 128 bits. */
static int copy_stem(const char *url, const char *cache_dir, char *buf, size_t n)
{
    char dir[1024];
    if (cache_dir)
        snprintf(dir, sizeof dir, "%s", cache_dir);
    else if (ly_fetch_cache_dir(dir, sizeof dir))
        return -1;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)url, strlen(url));
    char hex[33];
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    int k = snprintf(buf, n, "%s/%s", dir, hex);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

int ly_fetch_copy_path(const char *url, const char *cache_dir, char *buf, size_t n)
{
    char stem[1100];
    if (copy_stem(url, cache_dir, stem, sizeof stem))
        return -1;
    int k = snprintf(buf, n, "%s%s", stem, names_store(url) ? ".gpkg" : ".geojson");
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

/* ---- one fetch's working state ------------------------------------------------------ */

typedef struct {
    const char *url;
    const ly_fetch_desc *desc;
    ly_fetch_result *res;
    char dir[1024], copy[1100], meta[1200], lock[1200], tmp[1200];
    /* the copy's validators (sent) and the answer's (kept) */
    char etag[256], modified[128], new_etag[256], new_modified[128];
    char status_text[128]; /* the answer's reason phrase */
    FILE *body;
    size_t got, max_bytes;
    bool too_big, write_failed;
} fetch;

static void say(ly_fetch_result *res, ly_fetch_error e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(ly_fetch_result *res, ly_fetch_error e, const char *fmt, ...)
{
    res->error = e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->reason, sizeof res->reason, fmt, ap);
    va_end(ap);
}


/* The copy's validators from HASH.meta, when it is the same URL's. */
static void read_meta(fetch *f)
{
    char *text;
    size_t len;
    ly_diag_list quiet;
    ly_diag_list_init(&quiet, f->meta);
    if (ly_file_read(f->meta, META_MAX_BYTES, true, &text, &len, &quiet) == LY_FILE_OK) {
        cJSON *root = cJSON_ParseWithLength(text, len);
        const cJSON *url = cJSON_GetObjectItemCaseSensitive(root, "url");
        const cJSON *etag = cJSON_GetObjectItemCaseSensitive(root, "etag");
        const cJSON *mod = cJSON_GetObjectItemCaseSensitive(root, "last_modified");
        if (cJSON_IsString(url) && !strcmp(url->valuestring, f->url)) {
            if (cJSON_IsString(etag))
                snprintf(f->etag, sizeof f->etag, "%s", etag->valuestring);
            if (cJSON_IsString(mod))
                snprintf(f->modified, sizeof f->modified, "%s", mod->valuestring);
        }
        cJSON_Delete(root);
        free(text);
    }
    ly_diag_list_deinit(&quiet);
}

/* Writes HASH.meta through a temporary file renamed over it. A meta file that
 * cannot be written only costs the next fetch its 304. */
static void write_meta(const fetch *f)
{
    /* the same validators as on disk: nothing to write (a kiosk polling every minute wrote
     * the file 1,440 times a day, and warned at each poll when the disk was full) */
    if (!strcmp(f->new_etag, f->etag) && !strcmp(f->new_modified, f->modified) &&
        access(f->meta, F_OK) == 0)
        return;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "url", f->url);
    cJSON_AddStringToObject(root, "etag", f->new_etag);
    cJSON_AddStringToObject(root, "last_modified", f->new_modified);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char tmp[1300];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", f->meta, (long)getpid());
    FILE *out = text ? fopen(tmp, "wb") : NULL;
    bool ok = out && fputs(text, out) >= 0;
    ok = out && fclose(out) == 0 && ok;
    if (!ok || rename(tmp, f->meta)) {
        LY_WARN("FETCH", "%s: cannot write the copy's validators: %s", f->meta, strerror(errno));
        unlink(tmp);
    }
    cJSON_free(text);
}

/* "2011-04-29 12:00 UTC": when the copy was taken. */
static void copy_time_text(time_t t, char *buf, size_t n)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%d %H:%M UTC", &tm);
}

static void copy_state(fetch *f)
{
    struct stat st;
    f->res->have_copy = stat(f->copy, &st) == 0 && S_ISREG(st.st_mode);
    f->res->copy_time = f->res->have_copy ? st.st_mtime : 0;
}

/* ---- libcurl ------------------------------------------------------------------------ */

static pthread_once_t g_curl_once = PTHREAD_ONCE_INIT;
static CURLcode g_curl_ready = CURLE_FAILED_INIT;

static void curl_setup(void)
{
    g_curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t len = size * n;
    if (f->got + len > f->max_bytes) {
        f->too_big = true;
        return 0; /* libcurl stops with CURLE_WRITE_ERROR */
    }
    if (fwrite(data, 1, len, f->body) != len) {
        f->write_failed = true;
        return 0;
    }
    f->got += len;
    return len;
}

/* A header line's value, trimmed, into buf, when the line is `name: value`. */
static bool header_value(const char *line, size_t len, const char *name, char *buf, size_t n)
{
    size_t k = strlen(name);
    if (len <= k || strncasecmp(line, name, k) || line[k] != ':')
        return false;
    const char *v = line + k + 1, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    if ((size_t)(end - v) >= n)
        return false; /* a validator too long to keep is one we do not send back */
    memcpy(buf, v, (size_t)(end - v));
    buf[end - v] = '\0';
    return true;
}

static size_t on_header(char *line, size_t size, size_t n, void *user)
{
    fetch *f = user;
    size_t len = size * n;
    if (len > 5 && !strncmp(line, "HTTP/", 5)) {
        /* a new answer (after a redirect): only the last one's headers count */
        f->new_etag[0] = f->new_modified[0] = f->status_text[0] = '\0';
        const char *sp = memchr(line, ' ', len);
        sp = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - line)) : NULL;
        if (sp) {
            size_t k = len - (size_t)(sp + 1 - line);
            while (k && (sp[k] == '\r' || sp[k] == '\n'))
                k--;
            snprintf(f->status_text, sizeof f->status_text, "%.*s", (int)k, sp + 1);
        }
    } else if (!header_value(line, len, "ETag", f->new_etag, sizeof f->new_etag)) {
        header_value(line, len, "Last-Modified", f->new_modified, sizeof f->new_modified);
    }
    return len;
}

static int on_progress(void *user, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const fetch *f = user;
    return f->desc->cancel && atomic_load(f->desc->cancel) ? 1 : 0; /* non-zero aborts */
}

static double timeout_s(const ly_fetch_desc *d)
{
    if (d->timeout_s > 0)
        return d->timeout_s;
    const char *env = getenv("LOUYU_FETCH_TIMEOUT_S");
    double v = env ? strtod(env, NULL) : 0;
    return v > 0 && v <= 86400 ? v : DEFAULT_TIMEOUT_S;
}

/* Sets up the GET; returns the request headers to free after it. */
static struct curl_slist *prepare(CURL *c, fetch *f, char *errbuf)
{
    const ly_fetch_desc *d = f->desc;
    curl_easy_setopt(c, CURLOPT_URL, f->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    /* no signals: libcurl's timeouts must not touch the process's signal handlers
     * from a loader thread */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    double connect = d->connect_timeout_s > 0 ? d->connect_timeout_s : DEFAULT_CONNECT_S;
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(connect * 1000));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(timeout_s(d) * 1000));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "louyu");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* GeoJSON compresses well */
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, f);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, f);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    struct curl_slist *h = NULL;
    char line[400];
    /* validators only with a copy to fall back on: a 304 without one is useless */
    if (f->res->have_copy && f->etag[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", f->etag);
        h = curl_slist_append(h, line);
    }
    if (f->res->have_copy && f->modified[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", f->modified);
        h = curl_slist_append(h, line);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    return h;
}

/* A transfer that did not complete, in words. */
static void transfer_failed(fetch *f, CURL *c, CURLcode rc, const char *errbuf)
{
    ly_fetch_result *res = f->res;
    const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    curl_off_t length = -1;
    curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (f->too_big)
        say(res, LY_FETCH_E_TOO_BIG, "the body is over %zu bytes: expected a district within "
            "the loader's limit", f->max_bytes);
    else if (f->write_failed)
        say(res, LY_FETCH_E_LOCAL, "cannot write the download to %s: %s", f->tmp, strerror(errno));
    else if (rc == CURLE_ABORTED_BY_CALLBACK)
        say(res, LY_FETCH_E_CANCELLED, "the fetch was cancelled");
    else if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY)
        say(res, LY_FETCH_E_CONNECT, "the server's name does not resolve (%s): expected a "
            "known host", why);
    else if (rc == CURLE_COULDNT_CONNECT)
        say(res, LY_FETCH_E_CONNECT, "the server cannot be reached (%s): expected it to accept "
            "connections", why);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        say(res, LY_FETCH_E_TIMEOUT, "no whole answer within the timeout (%s): expected the "
            "district sooner", why);
    else if (rc == CURLE_PARTIAL_FILE)
        say(res, LY_FETCH_E_TRUNCATED, "the download stopped after %zu of %" CURL_FORMAT_CURL_OFF_T
            " bytes: expected the whole district", f->got, length);
    else if (rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING)
        say(res, LY_FETCH_E_TRUNCATED, "the connection broke after %zu bytes (%s): expected the "
            "whole answer", f->got, why);
    else if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
             rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM)
        say(res, LY_FETCH_E_TLS, "the secure connection failed (%s): expected a server with a "
            "trusted certificate", why);
    else
        say(res, LY_FETCH_E_OTHER, "the download failed (%s): expected the district", why);
}

/* The GET itself, into f->tmp. Returns the status code of the answer, or 0 when
 * the transfer failed (res says why). */
static long get(fetch *f)
{
    CURL *c = curl_easy_init();
    if (!c) {
        say(f->res, LY_FETCH_E_OTHER, "libcurl cannot make a handle (out of memory?)");
        return 0;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *h = prepare(c, f, errbuf);
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    f->res->http_code = code;
    if (rc != CURLE_OK) {
        transfer_failed(f, c, rc, errbuf);
        code = 0;
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return code;
}

/* ---- after the answer ----------------------------------------------------------------- */

/* Whether two files have the same bytes. */
static bool same_bytes(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) || stat(b, &sb) || sa.st_size != sb.st_size)
        return false;
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    bool same = fa && fb;
    char x[16384], y[16384];
    while (same) {
        size_t na = fread(x, 1, sizeof x, fa), nb = fread(y, 1, sizeof y, fb);
        same = na == nb && !memcmp(x, y, na);
        if (na < sizeof x)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* A store's SQLite side files (from loading it), which must not outlive it or
 * meet another file under its name. */
static void remove_side_files(const char *path)
{
    char side[1300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* "N errors; the first at L:C: message": a bad body in one line. */
static void first_error(const ly_diag_list *diags, char *buf, size_t n)
{
    const ly_diag *e = NULL;
    for (size_t i = 0; i < diags->count && !e; i++)
        if (diags->items[i].severity == LY_DIAG_ERROR)
            e = &diags->items[i];
    if (!e)
        snprintf(buf, n, "it cannot be read");
    else if (e->line)
        snprintf(buf, n, "%zu error%s, the first at %d:%d: %s", diags->errors,
                 diags->errors == 1 ? "" : "s", e->line, e->col, e->message);
    else
        snprintf(buf, n, "%zu error%s, the first: %s", diags->errors,
                 diags->errors == 1 ? "" : "s", e->message);
}

/* A 200: the same bytes as the copy (unchanged), or checked as a district and
 * renamed over the copy (new), or refused. */
static ly_fetch_status take_body(fetch *f, ly_district *out, ly_diag_list *body_diags)
{
    ly_fetch_result *res = f->res;
    if (res->have_copy && same_bytes(f->tmp, f->copy)) {
        say(res, LY_FETCH_E_NONE, "the server's district is the same as the copy");
        write_meta(f);
        return LY_FETCH_UNCHANGED;
    }
    ly_diag_list own;
    ly_diag_list_init(&own, f->url);
    ly_diag_list *diags = body_diags ? body_diags : &own;
    size_t errors_before = diags->errors;
    ly_district d;
    ly_load_result r = ly_district_load(&d, f->tmp, f->desc->load, diags);
    remove_side_files(f->tmp);
    if (r != LY_LOAD_OK || diags->errors > errors_before) {
        char first[400];
        ly_diag_sort(diags);
        first_error(diags, first, sizeof first);
        say(res, r == LY_LOAD_NOMEM ? LY_FETCH_E_OTHER : LY_FETCH_E_BODY,
            "the server's body (%zu bytes) is not a valid district (%s): expected a louyu "
            "GeoJSON district or store", f->got, first);
        ly_district_unload(&d);
        ly_diag_list_deinit(&own);
        return LY_FETCH_FAILED;
    }
    if (!d.n_buildings) {
        /* (a broken export upstream: it would blank every kiosk, and their copies) */
        say(res, LY_FETCH_E_BODY,
            "the server's body (%zu bytes) is a district with no buildings: expected a louyu "
            "GeoJSON district or store with its buildings", f->got);
        ly_district_unload(&d);
        ly_diag_list_deinit(&own);
        return LY_FETCH_FAILED;
    }
    ly_diag_list_deinit(&own);
    remove_side_files(f->copy);
    if (rename(f->tmp, f->copy)) {
        say(res, LY_FETCH_E_LOCAL, "cannot put the download in place of %s: %s", f->copy,
            strerror(errno));
        ly_district_unload(&d);
        return LY_FETCH_FAILED;
    }
    write_meta(f);
    say(res, LY_FETCH_E_NONE, "a new district: %zu buildings in %zu bytes%s%s", d.n_buildings,
        f->got, f->new_etag[0] ? ", ETag " : "", f->new_etag);
    if (out)
        *out = d;
    else
        ly_district_unload(&d);
    return LY_FETCH_NEW;
}

/* The bodies that fetches of this URL killed midway (SIGKILL, a power cut) left beside
 * the copy: with the URL's lock held, no live fetch is writing one. Without this each
 * such kill kept its part of a download (up to 512 MiB) in the cache for good. */
static void remove_stale_parts(const fetch *f)
{
    const char *slash = strrchr(f->copy, '/');
    const char *base = slash ? slash + 1 : f->copy;
    char prefix[300];
    if (snprintf(prefix, sizeof prefix, "%s.part-", base) >= (int)sizeof prefix)
        return;
    DIR *dh = opendir(f->dir);
    if (!dh)
        return;
    size_t n = strlen(prefix);
    for (struct dirent *e; (e = readdir(dh));)
        if (!strncmp(e->d_name, prefix, n) && unlinkat(dirfd(dh), e->d_name, 0) == 0)
            LY_INFO("FETCH", "removed %s/%s, a download a stopped fetch left", f->dir,
                    e->d_name);
    closedir(dh);
}

/* Opens the temporary file for the body beside the copy (so the rename is atomic). */
static int open_body(fetch *f)
{
    snprintf(f->tmp, sizeof f->tmp, "%s.part-XXXXXX", f->copy);
    int fd = mkstemp(f->tmp);
    f->body = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f->body) {
        say(f->res, LY_FETCH_E_LOCAL, "cannot create a file in the cache folder %s: %s", f->dir,
            strerror(errno));
        if (fd >= 0)
            close(fd);
        f->tmp[0] = '\0';
        return -1;
    }
    return 0;
}

/* The GET and what its answer means, with the URL's lock held. */
static ly_fetch_status fetch_locked(fetch *f, ly_district *out, ly_diag_list *body_diags)
{
    ly_fetch_result *res = f->res;
    read_meta(f);
    if (open_body(f))
        return LY_FETCH_FAILED;
    long code = get(f);
    /* the body must be on disk whole before it is checked or renamed */
    bool written = fflush(f->body) == 0 && fsync(fileno(f->body)) == 0;
    written = fclose(f->body) == 0 && written;
    f->body = NULL;
    if (!code)
        return LY_FETCH_FAILED;
    if (code == 304 && res->have_copy) {
        say(res, LY_FETCH_E_NONE, "not modified (304)");
        if (f->new_etag[0] || f->new_modified[0]) {
            /* a 304 may renew the validators; keep the old ones it does not repeat */
            if (!f->new_etag[0])
                snprintf(f->new_etag, sizeof f->new_etag, "%s", f->etag);
            if (!f->new_modified[0])
                snprintf(f->new_modified, sizeof f->new_modified, "%s", f->modified);
            write_meta(f);
        }
        return LY_FETCH_UNCHANGED;
    }
    if (code != 200) {
        say(res, LY_FETCH_E_HTTP, "the server answered %ld%s%s: expected 200 and the district",
            code, f->status_text[0] ? " " : "", f->status_text);
        return LY_FETCH_FAILED;
    }
    if (!written) {
        say(res, LY_FETCH_E_LOCAL, "cannot write the download to %s: %s", f->tmp, strerror(errno));
        return LY_FETCH_FAILED;
    }
    return take_body(f, out, body_diags);
}

/* The result's message: the URL, what happened, and what is kept. */
static void finish_message(fetch *f, ly_fetch_status st)
{
    ly_fetch_result *res = f->res;
    copy_state(f);
    char when[40] = "";
    if (res->have_copy)
        copy_time_text(res->copy_time, when, sizeof when);
    if (st != LY_FETCH_FAILED)
        snprintf(res->message, sizeof res->message, "%s: %s", f->url, res->reason);
    else if (res->have_copy)
        snprintf(res->message, sizeof res->message, "%s: %s: keeping the copy of %s", f->url,
                 res->reason, when);
    else
        snprintf(res->message, sizeof res->message,
                 "%s: %s: there is no copy on disk to fall back on", f->url, res->reason);
}

static int prepare_paths(fetch *f)
{
    if (copy_stem(f->url, f->desc->cache_dir, f->meta, sizeof f->meta) ||
        ly_fetch_copy_path(f->url, f->desc->cache_dir, f->copy, sizeof f->copy)) {
        say(f->res, LY_FETCH_E_LOCAL, "there is no cache folder for the copy (set "
            "XDG_CACHE_HOME or HOME): expected one to keep the district in");
        return -1;
    }
    if (snprintf(f->lock, sizeof f->lock, "%s.lock", f->meta) >= (int)sizeof f->lock) {
        say(f->res, LY_FETCH_E_LOCAL, "the cache folder's name is too long: expected a "
            "shorter XDG_CACHE_HOME");
        return -1;
    }
    const char *slash = strrchr(f->meta, '/');
    snprintf(f->dir, sizeof f->dir, "%.*s", slash ? (int)(slash - f->meta) : 1,
             slash ? f->meta : ".");
    strncat(f->meta, ".meta", sizeof f->meta - strlen(f->meta) - 1);
    if (ly_make_dirs(f->dir, 0700, NULL, 0)) { /* a cache is the user's own */
        say(f->res, LY_FETCH_E_LOCAL, "cannot create the cache folder %s: %s", f->dir,
            strerror(errno));
        return -1;
    }
    return 0;
}

ly_fetch_status ly_fetch(const char *url, const ly_fetch_desc *desc, ly_fetch_result *res,
                         ly_district *out, ly_diag_list *body_diags)
{
    static const ly_fetch_desc none = {0};
    ly_fetch_result scratch;
    res = res ? res : &scratch;
    memset(res, 0, sizeof *res);
    if (out)
        memset(out, 0, sizeof *out);
    fetch f = {.url = url, .desc = desc ? desc : &none, .res = res};
    f.max_bytes = ly_load_max_bytes(f.desc->load);
    ly_fetch_status st = LY_FETCH_FAILED;
    int lock = -1;
    pthread_once(&g_curl_once, curl_setup);
    if (g_curl_ready != CURLE_OK) {
        say(res, LY_FETCH_E_OTHER, "libcurl cannot start (%s)", curl_easy_strerror(g_curl_ready));
    } else if (!prepare_paths(&f)) {
        snprintf(res->copy_path, sizeof res->copy_path, "%s", f.copy);
        /* one fetch of a URL at a time, across threads and processes: the copy and
         * its validators must describe the same download */
        lock = open(f.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (lock < 0 || flock(lock, LOCK_EX)) {
            say(res, LY_FETCH_E_LOCAL, "cannot lock %s: %s", f.lock, strerror(errno));
        } else {
            copy_state(&f);
            remove_stale_parts(&f);
            st = fetch_locked(&f, out, body_diags);
        }
    }
    if (f.body)
        fclose(f.body);
    if (f.tmp[0] && st != LY_FETCH_NEW)
        unlink(f.tmp);
    if (lock >= 0)
        close(lock); /* and with it the lock */
    res->status = st;
    finish_message(&f, st);
    LY_DEBUG("FETCH", "%s", res->message);
    return st;
}

/* ---- the district at a URL ------------------------------------------------------------ */

/* Adds src's entries to dst at their positions, warnings as warnings and errors
 * as `sev`. */
static void append_diags(ly_diag_list *dst, const ly_diag_list *src, ly_diag_severity sev)
{
    for (size_t i = 0; i < src->count; i++) {
        const ly_diag *s = &src->items[i];
        ly_diag *d = ly_diag_add(dst, s->severity == LY_DIAG_ERROR ? sev : LY_DIAG_WARNING,
                                 SIZE_MAX, s->feature, "%s", s->message);
        if (d) {
            d->line = s->line;
            d->col = s->col;
            d->offset = s->offset;
        }
    }
}

ly_load_result ly_fetch_load(ly_district *out, const char *url, const ly_fetch_desc *desc,
                             ly_fetch_result *res, ly_diag_list *diags)
{
    static const ly_fetch_desc none = {0};
    desc = desc ? desc : &none;
    ly_fetch_result scratch;
    res = res ? res : &scratch;
    ly_diag_list body;
    ly_diag_list_init(&body, url);
    ly_fetch_status st = ly_fetch(url, desc, res, out, &body);
    ly_load_result r = LY_LOAD_OK;
    if (st == LY_FETCH_NEW) {
        append_diags(diags, &body, LY_DIAG_ERROR); /* its warnings */
    } else if (!res->have_copy) {
        /* nothing to show: the body's own errors when it was the problem */
        if (res->error == LY_FETCH_E_BODY && body.errors) {
            append_diags(diags, &body, LY_DIAG_ERROR);
            r = LY_LOAD_DATA;
        } else {
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s: there is no copy on disk to "
                        "fall back on", res->reason);
            r = LY_LOAD_IO;
        }
    } else if (!desc->new_only) {
        r = ly_district_load(out, res->copy_path, desc->load, diags);
        if (r == LY_LOAD_OK && st == LY_FETCH_FAILED) {
            char when[40];
            copy_time_text(res->copy_time, when, sizeof when);
            ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                        "%s; showing the last good copy, of %s (%s)", res->reason, when,
                        res->copy_path);
        }
    }
    ly_diag_list_deinit(&body);
    return r;
}
