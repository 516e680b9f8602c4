/* louyu fetch: a district published at an http:// or https:// URL, kept as a
 * local copy so that a kiosk shows it offline too.
 *
 * Wherever louyu accepts a data file it accepts a URL (ly_district_load calls
 * ly_fetch_load). One fetch is one GET through libcurl:
 *  - conditional: the ETag and Last-Modified of the copy are kept beside it and
 *    sent as If-None-Match / If-Modified-Since, so an unchanged district costs a
 *    304 and no download;
 *  - bounded: a connect timeout (10 s) and a total one (120 s; the environment's
 *    LOUYU_FETCH_TIMEOUT_S overrides it), at most 5 redirects, http and https only;
 *  - checked before it replaces anything: the body goes to a temporary file in
 *    the cache folder, is loaded as a district (GeoJSON or a store, told apart
 *    by content) and only then renamed over the copy, atomically.
 * Any failure (no such host, refused, timeout, an answer other than 200 or 304,
 * a body cut short of its Content-Length, a body that is not a valid district)
 * leaves the copy as it was and says why in plain words.
 *
 * The copy lives in the cache folder ($XDG_CACHE_HOME/louyu, else
 * ~/.cache/louyu), named by a hash of the URL: HASH.geojson, or HASH.gpkg when
 * the URL names a .gpkg store; HASH.meta (JSON) holds the URL and its
 * validators; HASH.lock serialises fetches of one URL between threads and
 * processes.
 *
 * Thread-safe: libcurl is set up once (pthread_once) and every fetch has its
 * own handle. Blocks for as long as the network takes: never call it on a
 * render thread. No GL, no SDL. */
#ifndef LOUYU_FETCH_H
#define LOUYU_FETCH_H

#include "louyu/district.h"
#include "louyu/file.h" /* ly_is_url */

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum {
    LY_FETCH_NEW,       /* a new district was downloaded, checked and made the copy */
    LY_FETCH_UNCHANGED, /* the copy is current: a 304, or a 200 with the copy's bytes */
    LY_FETCH_FAILED     /* nothing usable came: the copy (if any) is untouched */
} ly_fetch_status;

/* Why a fetch failed, for callers that say so once per change. */
typedef enum {
    LY_FETCH_E_NONE,
    LY_FETCH_E_CONNECT,   /* the host's name does not resolve, or no connection */
    LY_FETCH_E_TIMEOUT,   /* no whole answer within the timeout */
    LY_FETCH_E_HTTP,      /* an answer other than 200 or 304 (http_code says which) */
    LY_FETCH_E_TRUNCATED, /* the body stopped short of its Content-Length */
    LY_FETCH_E_BODY,      /* the body is not a valid district */
    LY_FETCH_E_TOO_BIG,   /* the body is over the loader's size limit */
    LY_FETCH_E_TLS,       /* the secure connection failed (certificate, handshake) */
    LY_FETCH_E_LOCAL,     /* the cache folder or a file in it cannot be written */
    LY_FETCH_E_CANCELLED, /* *cancel was set */
    LY_FETCH_E_OTHER
} ly_fetch_error;

typedef struct {
    const char *cache_dir;     /* NULL: ly_fetch_cache_dir's */
    double connect_timeout_s;  /* 0: 10 */
    double timeout_s;          /* 0: LOUYU_FETCH_TIMEOUT_S, else 120 */
    const ly_load_desc *load;  /* how the body and the copy are loaded (may be NULL) */
    bool new_only;             /* ly_fetch_load: load only a new download (a poll) */
    const atomic_bool *cancel; /* set from another thread to abandon the fetch (may be NULL) */
} ly_fetch_desc;

typedef struct {
    ly_fetch_status status;
    ly_fetch_error error;
    long http_code;        /* the last answer's status, 0 when none came */
    bool have_copy;        /* a good copy is on disk (after the fetch) */
    char copy_path[1100];
    time_t copy_time;      /* when the copy was taken (its file's time) */
    char reason[512];      /* what happened, without the URL ("the server answered 503
                              Service Unavailable: expected 200 and the district") */
    char message[1800];    /* "URL: reason: keeping the copy of 2011-04-29 12:00 UTC" */
} ly_fetch_result;


/* The cache folder: $XDG_CACHE_HOME/louyu (when absolute), else $HOME/.cache/louyu.
 * Returns 0, or -1 when there is none. */
int ly_fetch_cache_dir(char *buf, size_t n);

/* Where the copy of `url` lives in `cache_dir` (NULL: the default). Returns 0 or -1. */
int ly_fetch_copy_path(const char *url, const char *cache_dir, char *buf, size_t n);

/* One conditional GET of `url` into its copy (above). On LY_FETCH_NEW with `out`
 * not NULL, *out holds the district just checked (the caller unloads it);
 * otherwise *out is zeroed. When the body was checked, its diagnostics go to
 * `body_diags` (may be NULL). desc may be NULL. */
ly_fetch_status ly_fetch(const char *url, const ly_fetch_desc *desc, ly_fetch_result *res,
                         ly_district *out, ly_diag_list *body_diags);

/* A district at a URL, as ly_district_load gives one: fetched, then the new
 * district or, when nothing new came, the copy. A failed fetch with a copy on
 * disk still loads the copy and adds a warning saying it is the last good copy
 * and why; without a copy it is an error (the body's own errors when it was
 * not a valid district: LY_LOAD_DATA; else LY_LOAD_IO).
 * With desc->new_only (a poll) only a new download is loaded: when the fetch
 * finds nothing new, or fails while a copy exists, the result is LY_LOAD_OK
 * with *out zeroed and res->status saying which. `res` may be NULL. */
ly_load_result ly_fetch_load(ly_district *out, const char *url, const ly_fetch_desc *desc,
                             ly_fetch_result *res, ly_diag_list *diags);

#endif
