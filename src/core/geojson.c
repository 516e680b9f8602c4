/* GeoJSON loader and validator: text -> checked JSON -> cJSON tree -> ly_district.
 *
 * Every check reports the cJSON node it is about; the nodes' byte offsets are
 * found afterwards in one lockstep walk over the text (ly_json_locate), and
 * only when there is something to report. See docs/data-format.md. */
#include "load_private.h"
#include "vocab.h"
#include "louyu/store.h"
#include "louyu/clock.h"
#include "louyu/csv.h"
#include "louyu/district.h"
#include "louyu/fetch.h"
#include "louyu/file.h"
#include "louyu/json.h"
#include "louyu/log.h"
#include "louyu/progress.h"
#include "louyu/gisfile.h"
#include "louyu/week.h"
#include "louyu/zip.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#ifndef LY_WEB
#include <zlib.h>
#include <strings.h>
#include <sys/stat.h>
#endif
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    DEFAULT_MAX_DEPTH = 64,
    MAX_FEATURES = 2000000,
    MAX_RING_POINTS = 1000000,
    MAX_TOTAL_POINTS = 20000000,
    MAX_ENTERPRISES = 100000,
    MAX_STRING_BYTES = 64 * 1024,
    MAX_FLOORS = 300,
};
#define MAX_HEIGHT_M 1000.0
#define DEFAULT_STOREY_M 3.2
#define MAX_ROOF_M 100.0 /* a roof on top of a building's levels (a cathedral's is ~90 m) */

struct textbuf_s {
    char *p;
    size_t len, cap;
    bool fail;
};

struct raw_id {
    const cJSON *node;
    size_t offset;
};

typedef struct {
    ly_district *d;
    ly_diag_list *diags;
    bool nomem;

    ly_pending_list pend;

    long feature;        /* current feature index, -1 outside features */
    const cJSON *standin_props, *standin_for; /* empty properties made for a feature */
    /* GDAL's OpenStreetMap layers keep most tags in one "other_tags" string ("height"=>"45",
     * ...): the feature's, parsed, as an object of strings looked in after its properties */
    cJSON *tags;
    const cJSON *tags_src; /* the "other_tags" member they came from */
    bool tags_nested;      /* tags are the properties' own "tags" object (not parsed here) */
    /* Geofabrik's OpenStreetMap shapefiles: the feature's main tag's value in "fclass" (with
     * a numeric "code"), and the key it stands for */
    const cJSON *fclass;
    const char *fclass_key;
    char where[200];     /* 'feature 12 "wtc": ' */

    /* capacities of the district's arrays */
    size_t cap_buildings, cap_features, cap_points, cap_rings, cap_polygons, cap_lines,
        cap_floor_heights, cap_records, cap_enterprises, cap_enterprise_floors, cap_names;

    /* scratch for ring checks */
    const cJSON **ring_nodes;
    size_t cap_ring_nodes;
    struct seg *segs;
    size_t cap_segs;

    /* id hash: open addressing, values are feature index + 1 */
    struct textbuf_s extra; /* scratch for unknown properties */

    const char **id_keys;
    uint32_t *id_vals;
    const cJSON **id_nodes;
    size_t id_cap, id_count;

    /* numeric ids a double cannot carry exactly (fractions, integers beyond 2^53):
     * their text as written, found in one walk of the text before the features */
    const char *text;
    size_t len;
    struct raw_id *raw_ids;
    size_t n_raw_ids;
    ly_progress *progress; /* may be NULL */
    bool skip_bad;         /* a feature with errors is left out, its errors warnings */
#ifndef LY_WEB
    /* the collection's "crs" when it is not WGS 84: every position goes through PROJ */
    PJ_CONTEXT *ctx;
    PJ *pj;
    char crs[80]; /* as messages name it: "EPSG:4547" */
#endif
    size_t bad_features, feature_errors; /* (without skip_bad) features with errors, theirs */
    /* positions read as degrees, and those far beyond degrees: metres of a system the
     * file does not name (all of them: the whole file's fault, said once) */
    size_t degrees_ok, metres_bad;
    long metres_said; /* the feature whose metres were said (one error a feature), or -2 */
    /* where most of the data is (the median of the features' first positions), and how far
     * from it a feature is a stray (0: no check) */
    double centre[2], stray_km;
    /* OpenStreetMap building parts read as buildings, joined to their outlines at the end */
    ly_part_ref *parts;
    size_t n_parts, cap_parts;
    bool line_area; /* the feature is an area drawn as a closed LineString (GDAL's "lines") */
    bool across;    /* its geometry lies across 180°, unwrapped (ly_lon_unwrapped) */
    /* the building being read: its roof above the storeys (OSM's roof:height or
     * roof:levels; 0 for none), and where its height came from when no height was given
     * (NULL when one was) */
    double roof_m;
    const char *height_from;
    /* louyu's own buildings given neither "name" nor "name_en" (footprints from OSM or
     * CityJSON): said in one warning after the features, not one each */
    size_t unnamed;
} loader;

/* ---- reporting -------------------------------------------------------------- */

static void report(loader *L, ly_diag_severity sev, const cJSON *at, const char *fmt, va_list ap)
{
    if (at && at == L->standin_props)
        at = L->standin_for; /* a feature without properties: point at the feature */
    for (const cJSON *t = L->tags_src ? L->tags->child : NULL; t && at != L->tags_src; t = t->next)
        if (t == at)
            at = L->tags_src; /* a tag of "other_tags": point at that string */
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t before = L->diags->count;
    ly_diag *dg = ly_diag_add(L->diags, sev, SIZE_MAX, L->feature, "%s%s", L->where, msg);
    if (!dg || !at)
        return;
    if (ly_pending_add(&L->pend, at, before))
        L->nomem = true;
}

static void err(loader *L, const cJSON *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(loader *L, const cJSON *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void err(loader *L, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, LY_DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

static void warn(loader *L, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, LY_DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

static const char *type_name(const cJSON *v)
{
    if (!v)
        return "missing";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "invalid";
}

/* A short rendering of a value for messages: numbers and short strings. */
static const char *show(const cJSON *v, char buf[64])
{
    if (cJSON_IsNumber(v))
        snprintf(buf, 64, "%.10g", v->valuedouble);
    else if (cJSON_IsString(v))
        snprintf(buf, 64, "\"%.40s%s\"", v->valuestring, strlen(v->valuestring) > 40 ? "..." : "");
    else
        snprintf(buf, 64, "%s", type_name(v));
    return buf;
}

/* ---- arrays ----------------------------------------------------------------- */

#define GROW(L, arr, count, capname)                                                               \
    (ly_array_reserve((void **)&(L)->d->arr, &(L)->capname, (L)->d->count + 1,                     \
                      sizeof *(L)->d->arr)                                                         \
         ? ((L)->nomem = true, (void *)0)                                                          \
         : (void *)&(L)->d->arr[(L)->d->count++])

static const char *keep_string(loader *L, const char *s)
{
    if (!s)
        return NULL;
    char *p = ly_arena_strdup(&L->d->arena, s);
    if (!p)
        L->nomem = true;
    else
        ly_text_tame(p);
    return p;
}

void ly_text_tame(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    while (*r) {
        if ((*r < 0x20 && *r != '\n' && *r != '\t') || *r == 0x7F) {
            *w++ = ' ', r++;
        } else if (r[0] == 0xC2 && r[1] >= 0x80 && r[1] <= 0x9F) { /* C1: U+0080-009F */
            *w++ = ' ', r += 2;
        } else if (r[0] == 0xE2 && ((r[1] == 0x80 && r[2] >= 0xAA && r[2] <= 0xAE) ||
                                    (r[1] == 0x81 && r[2] >= 0xA6 && r[2] <= 0xA9))) {
            r += 3; /* U+202A-202E, U+2066-2069 */
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* ---- typed member access ---------------------------------------------------- */

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A string member. Returns NULL (and reports) when it has the wrong type. */
static const char *get_string(loader *L, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v)) {
        if (required && v)
            err(L, v, "\"%s\" is null: expected a string", key);
        else if (required)
            err(L, obj, "missing \"%s\": expected a string", key);
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        err(L, v, "\"%s\" is %s: expected a string", key, type_name(v));
        return NULL;
    }
    if (strlen(v->valuestring) > MAX_STRING_BYTES) {
        err(L, v, "\"%s\" is %zu bytes long: expected at most %d (a limit that protects memory)",
            key, strlen(v->valuestring), MAX_STRING_BYTES);
        return NULL;
    }
    if (required && !v->valuestring[0]) {
        err(L, v, "\"%s\" is empty: expected a non-empty string", key);
        return NULL;
    }
    return v->valuestring;
}

typedef struct {
    double lo, hi;
    bool lo_open, hi_open; /* exclusive bounds */
    bool integer;
} range;

static void describe_range(const range *r, char *buf, size_t n)
{
    const char *what = r->integer ? "an integer" : "a number";
    if (isinf(r->hi))
        snprintf(buf, n, "%s %s %.15g", what, r->lo_open ? ">" : "≥", r->lo);
    else
        snprintf(buf, n, "%s from %.15g%s to %.15g%s", what, r->lo, r->lo_open ? " (exclusive)" : "",
                 r->hi, r->hi_open ? " (exclusive)" : "");
}

static bool in_range(const range *r, double x)
{
    if (!isfinite(x))
        return false;
    if (r->lo_open ? !(x > r->lo) : !(x >= r->lo))
        return false;
    if (r->hi_open ? !(x < r->hi) : !(x <= r->hi))
        return false;
    return !r->integer || x == floor(x);
}

/* A number checked against a range; *out keeps its value when absent.
 * Returns true when present and valid. */
static bool check_number(loader *L, const cJSON *v, const char *key, range r, double *out)
{
    char want[96], got[64];
    describe_range(&r, want, sizeof want);
    if (!cJSON_IsNumber(v)) {
        err(L, v, "\"%s\" is %s: expected %s", key, type_name(v), want);
        return false;
    }
    if (!in_range(&r, v->valuedouble)) {
        err(L, v, "\"%s\" is %s: expected %s", key, show(v, got), want);
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool get_number(loader *L, const cJSON *obj, const char *key, bool required, range r,
                       double *out)
{
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v)) {
        if (required) {
            char want[96];
            describe_range(&r, want, sizeof want);
            if (v)
                err(L, v, "\"%s\" is null: expected %s", key, want);
            else
                err(L, obj, "missing \"%s\": expected %s", key, want);
        }
        return false;
    }
    return check_number(L, v, key, r, out);
}

static const range R_NONNEG = {0, INFINITY, false, false, false};
static const range R_POS = {0, INFINITY, true, false, false};
static const range R_YEAR = {1800, 2100, false, false, true};
static const range R_HEIGHT = {0, MAX_HEIGHT_M, true, false, false};
static const range R_FLOORS = {1, MAX_FLOORS, false, false, true};
static const range R_RENT = {0, LY_RENT_CAP, false, false, false};

/* "rent_cny_m2_day" of obj (a building's properties, a floor record): a number in R_RENT;
 * a text that says the rent is to be agreed (面议) is told how to say it. True when present
 * and valid. */
static bool get_rent(loader *L, const cJSON *obj, bool floor, double *out)
{
    const cJSON *v = member(obj, "rent_cny_m2_day");
    bool agreed = false;
    for (const char *const *w = ly_vocab_negotiable; cJSON_IsString(v) && *w && !agreed; w++)
        agreed = strstr(v->valuestring, *w) != NULL;
    if (agreed) {
        err(L, v, "\"rent_cny_m2_day\" is \"%.40s\": expected a number (a rent to be agreed is "
            "%s)", v->valuestring,
            floor ? "\"rent_to_be_agreed\": true, without a rent"
                  : "said floor by floor, \"rent_to_be_agreed\": true in \"floor_records\"");
        return false;
    }
    return get_number(L, obj, "rent_cny_m2_day", false, R_RENT, out);
}

/* Index of s in names[0..n), or -1. */
static int lookup(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static int get_enum(loader *L, const cJSON *obj, const char *key, const char *const *names, int n,
                    int fallback, bool required)
{
    char list[300] = "";
    for (int k = 0; k < n; k++) {
        strncat(list, names[k], sizeof list - strlen(list) - 1);
        if (k + 1 < n)
            strncat(list, k + 2 == n ? " or " : ", ", sizeof list - strlen(list) - 1);
    }
    const cJSON *v = member(obj, key);
    if (!v || cJSON_IsNull(v)) {
        if (required)
            err(L, v ? v : obj, "%s\"%s\"%s: expected %s", v ? "" : "missing ", key,
                v ? " is null" : "", list);
        return fallback;
    }
    const char *s = get_string(L, obj, key, required);
    if (!s)
        return fallback;
    int i = lookup(s, names, n);
    if (i >= 0)
        return i;
    char got[64];
    err(L, v, "\"%s\" is %s: expected %s", key, show(v, got), list);
    return fallback;
}

/* ---- ids -------------------------------------------------------------------- */

uint64_t ly_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Returns the feature index that already used this id, or -1 after adding it. */
static long claim_id(loader *L, const char *id, const cJSON *node, const cJSON **first_node)
{
    if (L->id_count * 2 >= L->id_cap) {
        size_t ncap = L->id_cap ? L->id_cap * 2 : 1024;
        const char **keys = calloc(ncap, sizeof *keys);
        uint32_t *vals = calloc(ncap, sizeof *vals);
        const cJSON **nodes = calloc(ncap, sizeof *nodes);
        if (!keys || !vals || !nodes) {
            free(keys);
            free(vals);
            free(nodes);
            L->nomem = true;
            return -1;
        }
        for (size_t i = 0; i < L->id_cap; i++) {
            if (!L->id_keys[i])
                continue;
            size_t j = ly_hash_str(L->id_keys[i]) & (ncap - 1);
            while (keys[j])
                j = (j + 1) & (ncap - 1);
            keys[j] = L->id_keys[i];
            vals[j] = L->id_vals[i];
            nodes[j] = L->id_nodes[i];
        }
        free(L->id_keys);
        free(L->id_vals);
        free(L->id_nodes);
        L->id_keys = keys;
        L->id_vals = vals;
        L->id_nodes = nodes;
        L->id_cap = ncap;
    }
    size_t j = ly_hash_str(id) & (L->id_cap - 1);
    while (L->id_keys[j]) {
        if (strcmp(L->id_keys[j], id) == 0) {
            *first_node = L->id_nodes[j];
            return (long)L->id_vals[j] - 1;
        }
        j = (j + 1) & (L->id_cap - 1);
    }
    L->id_keys[j] = id;
    L->id_vals[j] = (uint32_t)L->feature + 1;
    L->id_nodes[j] = node;
    L->id_count++;
    return -1;
}

/* ---- geometry --------------------------------------------------------------- */

struct seg {
    double xmin, xmax; /* along the sweep (ring_crosses) */
    double ymin, ymax; /* across it */
    uint32_t i;        /* edge from point i to i+1 (mod n) */
};

static int by_xmin(const void *a, const void *b)
{
    const struct seg *x = a, *y = b;
    return x->xmin < y->xmin ? -1 : x->xmin > y->xmin;
}

static double orient(const double *a, const double *b, const double *c)
{
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

static int sign(double v)
{
    return (v > 0) - (v < 0);
}

/* The direction to sweep a ring's edges along, as a unit vector: the one across which
 * the edges are shortest (the smaller eigenvector of the sum of their d d^T). A comb of
 * long parallel teeth, at any angle, has every tooth overlap every other along the teeth
 * and hardly any across them. */
static void sweep_direction(const double *p, uint32_t n, double u[2])
{
    double sxx = 0, sxy = 0, syy = 0;
    for (uint32_t i = 0; i < n; i++) {
        double dx = p[2 * ((i + 1) % n)] - p[2 * i], dy = p[2 * ((i + 1) % n) + 1] - p[2 * i + 1];
        sxx += dx * dx, sxy += dx * dy, syy += dy * dy;
    }
    double major = 0.5 * atan2(2 * sxy, sxx - syy); /* the edges' main direction */
    u[0] = -sin(major), u[1] = cos(major);
}

/* Does the ring (n distinct-consecutive points, implicitly closed) have two
 * edges that properly cross, or overlap along a line? Touching at a point is
 * allowed. On true, *ea and *eb are the edges' first points. Sweep over edges sorted
 * by their smallest coordinate along sweep_direction, testing the pairs that overlap
 * along and across it, so typical rings cost n log n (and a comb of 40,000 points at
 * any angle 0.1 s, not 14 s). The tests themselves are on the positions as given. */
static bool ring_crosses(loader *L, const double *p, uint32_t n, uint32_t *ea, uint32_t *eb)
{
    if (n < 4)
        return false;
    if (ly_array_reserve((void **)&L->segs, &L->cap_segs, n, sizeof *L->segs)) {
        L->nomem = true;
        return false;
    }
    double u[2], big = 0;
    sweep_direction(p, n, u);
    for (uint32_t i = 0; i < 2 * n; i++)
        big = fmax(big, fabs(p[i]));
    const double slack = big * 1e-9; /* over the turned coordinates' rounding: only more tests */
    for (uint32_t i = 0; i < n; i++) {
        const double *a = p + 2 * i, *b = p + 2 * ((i + 1) % n);
        double x0 = a[0] * u[0] + a[1] * u[1], x1 = b[0] * u[0] + b[1] * u[1];
        double y0 = a[1] * u[0] - a[0] * u[1], y1 = b[1] * u[0] - b[0] * u[1];
        L->segs[i] = (struct seg){fmin(x0, x1) - slack, fmax(x0, x1) + slack,
                                  fmin(y0, y1) - slack, fmax(y0, y1) + slack, i};
    }
    qsort(L->segs, n, sizeof *L->segs, by_xmin);
    for (uint32_t s = 0; s < n; s++) {
        const struct seg *A = &L->segs[s];
        for (uint32_t t = s + 1; t < n && L->segs[t].xmin <= A->xmax; t++) {
            const struct seg *B = &L->segs[t];
            if (B->ymax < A->ymin || B->ymin > A->ymax)
                continue;
            uint32_t i = A->i, j = B->i;
            const double *a0 = p + 2 * i, *a1 = p + 2 * ((i + 1) % n);
            const double *b0 = p + 2 * j, *b1 = p + 2 * ((j + 1) % n);
            bool adjacent = (i + 1) % n == j || (j + 1) % n == i;
            int o1 = sign(orient(a0, a1, b0)), o2 = sign(orient(a0, a1, b1));
            int o3 = sign(orient(b0, b1, a0)), o4 = sign(orient(b0, b1, a1));
            bool crossing = o1 * o2 < 0 && o3 * o4 < 0;
            if (!crossing && o1 == 0 && o2 == 0) {
                /* Collinear: overlapping along a stretch (a spike that folds back). */
                bool use_x = fabs(a1[0] - a0[0]) >= fabs(a1[1] - a0[1]);
                int k = use_x ? 0 : 1;
                double alo = fmin(a0[k], a1[k]), ahi = fmax(a0[k], a1[k]);
                double blo = fmin(b0[k], b1[k]), bhi = fmax(b0[k], b1[k]);
                double overlap = fmin(ahi, bhi) - fmax(alo, blo);
                crossing = overlap > 0 && !(adjacent && overlap <= 0);
                if (adjacent && overlap > 0) {
                    /* Adjacent collinear edges overlap only if the ring turns back 180°. */
                    const double *shared = (i + 1) % n == j ? a1 : b1;
                    const double *pa = (i + 1) % n == j ? a0 : b0;
                    const double *pb = (i + 1) % n == j ? b1 : a1;
                    crossing = (pa[0] - shared[0]) * (pb[0] - shared[0]) +
                                   (pa[1] - shared[1]) * (pb[1] - shared[1]) >
                               0;
                }
            }
            if (crossing) {
                *ea = i < j ? i : j;
                *eb = i < j ? j : i;
                return true;
            }
        }
    }
    return false;
}

static bool read_position(loader *L, const cJSON *pos, double *lon, double *lat)
{
    if (!cJSON_IsArray(pos)) {
        err(L, pos, "position is %s: expected an array [longitude, latitude]", type_name(pos));
        return false;
    }
    const cJSON *x = pos->child, *y = x ? x->next : NULL;
    if (!x || !y) {
        err(L, pos, "position has %d number%s: expected [longitude, latitude]",
            x ? 1 : 0, x ? "" : "s");
        return false;
    }
    if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y)) {
        const cJSON *bad = cJSON_IsNumber(x) ? y : x;
        err(L, bad, "coordinate is %s: expected a number", type_name(bad));
        return false;
    }
    double lo = x->valuedouble, la = y->valuedouble;
#ifndef LY_WEB
    if (L->pj) {
        PJ_COORD c = proj_trans(L->pj, PJ_FWD, proj_coord(lo, la, 0, 0));
        if (!isfinite(c.xy.x) || !isfinite(c.xy.y) || fabs(c.xy.x) > 180 || fabs(c.xy.y) > 90) {
            bool swapped = fabs(lo) <= 90 && fabs(la) > 90 && fabs(la) <= 180;
            err(L, pos, "position (%.10g, %.10g) cannot be transformed from %s to WGS 84: "
                "expected coordinates in that system (the collection's \"crs\"), east then "
                "north%s", lo, la, L->crs,
                swapped ? " (longitude then latitude): the file looks written latitude first" : "");
            return false;
        }
        *lon = c.xy.x;
        *lat = c.xy.y;
        return true;
    }
#endif
    if (L->across && fabs(lo) > 180 && fabs(lo) < 360)
        lo -= copysign(360, lo); /* (the same meridian) */
    /* numbers far beyond degrees are metres of a projected system that was not named */
    const char *hint = (isfinite(lo) && fabs(lo) > 1000) || (isfinite(la) && fabs(la) > 1000)
                           ? "; coordinates in metres need the collection's \"crs\" to name "
                             "their system, such as urn:ogc:def:crs:EPSG::4547"
                           : "";
    if (*hint) {
        L->metres_bad++;
        if (L->metres_said == L->feature && L->feature >= 0)
            return false; /* (its first position said it: not every one of its corners) */
        L->metres_said = L->feature;
    }
    if (!isfinite(lo) || lo < -180 || lo > 180) {
        err(L, x, "longitude %.10g is out of range: expected -180 to 180 (WGS84 degrees%s)", lo,
            hint);
        return false;
    }
    if (!isfinite(la) || la < -90 || la > 90) {
        err(L, y, "latitude %.10g is out of range: expected -90 to 90 (WGS84 degrees%s)", la,
            hint);
        return false;
    }
    L->degrees_ok++;
    *lon = lo;
    *lat = la;
    return true;
}

static bool add_point(loader *L, double lon, double lat)
{
    ly_district *d = L->d;
    if (ly_array_reserve((void **)&d->points, &L->cap_points, d->n_points + 2, sizeof *d->points)) {
        L->nomem = true;
        return false;
    }
    d->points[d->n_points++] = lon;
    d->points[d->n_points++] = lat;
    return true;
}

/* Are all points within 1 mm of the line through the first point and the
 * point farthest from it? (kx, ky scale degrees to metres.) */
static bool on_one_line(const double *p, uint32_t n, double kx, double ky)
{
    uint32_t far = 0;
    double best = 0;
    for (uint32_t i = 1; i < n; i++) {
        double dx = (p[2 * i] - p[0]) * kx, dy = (p[2 * i + 1] - p[1]) * ky;
        if (dx * dx + dy * dy > best) {
            best = dx * dx + dy * dy;
            far = i;
        }
    }
    if (best == 0)
        return true;
    double ux = (p[2 * far] - p[0]) * kx, uy = (p[2 * far + 1] - p[1]) * ky, len = sqrt(best);
    for (uint32_t i = 1; i < n; i++) {
        double dx = (p[2 * i] - p[0]) * kx, dy = (p[2 * i + 1] - p[1]) * ky;
        if (fabs(dx * uy - dy * ux) / len > 1e-3)
            return false;
    }
    return true;
}

/* A ring's array and its size, before any position is read. */
static bool ring_size_ok(loader *L, const cJSON *ring, const char *rn, int *count)
{
    if (!cJSON_IsArray(ring)) {
        err(L, ring, "%s is %s: expected an array of positions", rn, type_name(ring));
        return false;
    }
    *count = cJSON_GetArraySize(ring);
    if (*count > MAX_RING_POINTS) {
        err(L, ring, "%s has %d positions: expected at most %d (a limit that protects memory)",
            rn, *count, MAX_RING_POINTS);
        return false;
    }
    if (*count < 4) {
        err(L, ring, "%s has %d position%s: expected at least 4 (a closed triangle repeats "
            "its first position)", rn, *count, *count == 1 ? "" : "s");
        return false;
    }
    if ((L->d->n_points / 2) + (size_t)*count > MAX_TOTAL_POINTS) {
        err(L, ring, "the file has more than %d positions: expected at most %d (a limit that "
            "protects memory)", MAX_TOTAL_POINTS, MAX_TOTAL_POINTS);
        return false;
    }
    if (ly_array_reserve((void **)&L->ring_nodes, &L->cap_ring_nodes, (size_t)*count,
                         sizeof *L->ring_nodes)) {
        L->nomem = true;
        return false;
    }
    return true;
}

/* Stores a ring's positions (repeats dropped, the closing one checked, not kept);
 * *kept counts them. */
static bool ring_points(loader *L, const cJSON *ring, const char *rn, int count, uint32_t *kept)
{
    bool ok = true;
    double first_lon = 0, first_lat = 0, lon = 0, lat = 0;
    const cJSON *last = NULL;
    int k = 0;
    *kept = 0;
    for (const cJSON *pos = ring->child; pos; pos = pos->next, k++) {
        if (!read_position(L, pos, &lon, &lat)) {
            ok = false;
            continue;
        }
        if (k == 0) {
            first_lon = lon;
            first_lat = lat;
        }
        last = pos;
        if (k == count - 1)
            break; /* the closing position is checked, not stored */
        if (*kept && L->d->points[L->d->n_points - 2] == lon &&
            L->d->points[L->d->n_points - 1] == lat)
            continue; /* repeated consecutive position */
        if (!add_point(L, lon, lat))
            return false;
        L->ring_nodes[(*kept)++] = pos;
    }
    if (ok && (lon != first_lon || lat != first_lat)) {
        err(L, last, "%s is not closed: its last position [%.10g, %.10g] differs from its "
            "first [%.10g, %.10g]: expected the first position repeated at the end",
            rn, lon, lat, first_lon, first_lat);
        return false;
    }
    return ok;
}

/* Reads one linear ring into the point array (without its closing point). */
static bool read_ring(loader *L, const cJSON *ring, const char *rn, ly_ring *out)
{
    int count;
    if (!ring_size_ok(L, ring, rn, &count))
        return false;
    /* points are stored as doubles: n_points counts doubles while loading */
    size_t first = L->d->n_points;
    uint32_t kept;
    if (!ring_points(L, ring, rn, count, &kept))
        return false;
    /* a closing run of duplicates of the first point */
    const double *pts = L->d->points + first;
    while (kept > 1 && pts[2 * (kept - 1)] == pts[0] && pts[2 * (kept - 1) + 1] == pts[1])
        kept--;
    L->d->n_points = first + 2 * (size_t)kept;
    if (kept < 3) {
        err(L, ring, "%s has only %u distinct position%s: expected at least 3 to enclose an "
            "area", rn, kept, kept == 1 ? "" : "s");
        return false;
    }
    /* Area in square metres (equirectangular around the ring's first point). */
    double kx = 111320.0 * cos(pts[1] * M_PI / 180.0), ky = 110574.0;
    double area2 = 0;
    for (uint32_t i = 0; i < kept; i++) {
        uint32_t j = (i + 1) % kept;
        double x0 = (pts[2 * i] - pts[0]) * kx, y0 = (pts[2 * i + 1] - pts[1]) * ky;
        double x1 = (pts[2 * j] - pts[0]) * kx, y1 = (pts[2 * j + 1] - pts[1]) * ky;
        area2 += x0 * y1 - x1 * y0;
    }
    bool no_area = fabs(area2) * 0.5 < 1e-4;
    if (no_area && on_one_line(pts, kept, kx, ky)) {
        err(L, ring, "%s encloses no area (its positions lie on one line): expected a ring "
            "with a non-zero area", rn);
        return false;
    }
    uint32_t ea, eb;
    if (ring_crosses(L, pts, kept, &ea, &eb)) {
        err(L, L->ring_nodes[eb], "%s crosses itself: the edge from this position crosses "
            "the edge that starts at position [%.10g, %.10g]: expected a simple ring whose edges "
            "do not cross", rn, pts[2 * ea], pts[2 * ea + 1]);
        return false;
    }
    if (no_area) {
        err(L, ring, "%s encloses no area: expected a ring with a non-zero area", rn);
        return false;
    }
    out->first_point = (uint32_t)(first / 2);
    out->n_points = kept;
    return true;
}

static void extend_bbox(double *box, const double *pts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double x = pts[2 * i], y = pts[2 * i + 1];
        if (x < box[0])
            box[0] = x;
        if (y < box[1])
            box[1] = y;
        if (x > box[2])
            box[2] = x;
        if (y > box[3])
            box[3] = y;
    }
}

/* Twice the signed area of ring g's points (degrees, as read). */
static double ring_area2(const double *p, uint32_t n)
{
    double a = 0;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++)
        a += (p[2 * j] - p[0]) * (p[2 * i + 1] - p[1]) - (p[2 * i] - p[0]) * (p[2 * j + 1] - p[1]);
    return a;
}

/* Whether point q lies inside the ring (even-odd; a point on an edge may go either way). */
static bool ring_holds(const double *p, uint32_t n, const double *q)
{
    bool in = false;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++)
        if ((p[2 * i + 1] > q[1]) != (p[2 * j + 1] > q[1]) &&
            q[0] < (p[2 * j] - p[2 * i]) * (q[1] - p[2 * i + 1]) / (p[2 * j + 1] - p[2 * i + 1]) +
                       p[2 * i])
            in = !in;
    return in;
}

/* Whether q lies on one of the ring's edges (within about a millimetre). */
static bool ring_touches(const double *p, uint32_t n, const double *q)
{
    for (uint32_t i = 0, j = n - 1; i < n; j = i++) {
        double dx = p[2 * i] - p[2 * j], dy = p[2 * i + 1] - p[2 * j + 1];
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((q[0] - p[2 * j]) * dx + (q[1] - p[2 * j + 1]) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = p[2 * j] + t * dx - q[0], ey = p[2 * j + 1] + t * dy - q[1];
        if (ex * ex + ey * ey < 1e-16)
            return true;
    }
    return false;
}

/* A hole (one of n_holes of a polygon whose outline is `outer`) must lie inside its
 * outline and leave some of it: said at the hole when it does not (some of up to 32 of its
 * positions outside the outline and not on it, fewer for a lake of many islands; as large
 * as the outline or larger). */
static bool hole_inside(loader *L, const cJSON *node, const char *rn, const ly_ring *outer,
                        const ly_ring *hole, size_t n_holes)
{
    const double *o = L->d->points + 2 * (size_t)outer->first_point;
    const double *h = L->d->points + 2 * (size_t)hole->first_point;
    size_t budget = 40000000 / ((size_t)outer->n_points * n_holes + 1);
    uint32_t samples = budget < 1 ? 1 : budget > 32 ? 32 : (uint32_t)budget;
    uint32_t step = hole->n_points > samples ? hole->n_points / samples : 1, tried = 0;
    uint32_t outside = 0;
    for (uint32_t i = 0; i < hole->n_points; i += step, tried++)
        outside += !ring_holds(o, outer->n_points, h + 2 * i) &&
                   !ring_touches(o, outer->n_points, h + 2 * i);
    if (outside) {
        err(L, node, "%s, a hole, lies %s the polygon's outline (ring 0): expected a hole "
            "inside its outline", rn, outside == tried ? "outside" : "partly outside");
        return false;
    }
    if (fabs(ring_area2(h, hole->n_points)) >= fabs(ring_area2(o, outer->n_points)) * (1 - 1e-9)) {
        err(L, node, "%s, a hole, is as large as the polygon's outline: expected a hole inside "
            "its outline (ring 0) that leaves some of it", rn);
        return false;
    }
    return true;
}

/* Do two rings' edges properly cross? Their edges in one sweep along x, a pair tested
 * only when one edge is of each ring and their boxes meet (n + m edges, n log n for
 * typical rings). Touching at a point, or along a shared stretch, is not crossing. */
static bool rings_cross(loader *L, const double *p, uint32_t n, const double *q, uint32_t m)
{
    const uint32_t B = 0x80000000u; /* marks an edge of q */
    if (ly_array_reserve((void **)&L->segs, &L->cap_segs, (size_t)n + m, sizeof *L->segs)) {
        L->nomem = true;
        return false;
    }
    for (uint32_t k = 0; k < n + m; k++) {
        const double *r = k < n ? p : q;
        uint32_t c = k < n ? n : m, i = k < n ? k : k - n;
        const double *a = r + 2 * i, *b = r + 2 * ((i + 1) % c);
        L->segs[k] = (struct seg){fmin(a[0], b[0]), fmax(a[0], b[0]), fmin(a[1], b[1]),
                                  fmax(a[1], b[1]), k < n ? i : i | B};
    }
    qsort(L->segs, (size_t)n + m, sizeof *L->segs, by_xmin);
    for (uint32_t s = 0; s < n + m; s++) {
        const struct seg *A = &L->segs[s];
        for (uint32_t t = s + 1; t < n + m && L->segs[t].xmin <= A->xmax; t++) {
            const struct seg *S = &L->segs[t];
            if ((A->i & B) == (S->i & B) || S->ymax < A->ymin || S->ymin > A->ymax)
                continue;
            uint32_t i = (A->i & B) ? S->i : A->i, j = ((A->i & B) ? A->i : S->i) & ~B;
            const double *a0 = p + 2 * i, *a1 = p + 2 * ((i + 1) % n);
            const double *b0 = q + 2 * j, *b1 = q + 2 * ((j + 1) % m);
            if (sign(orient(a0, a1, b0)) * sign(orient(a0, a1, b1)) < 0 &&
                sign(orient(b0, b1, a0)) * sign(orient(b0, b1, a1)) < 0)
                return true;
        }
    }
    return false;
}

/* Does ring q (m points) lie inside ring p (n points)? Its first position that is not on
 * p says; false when all are on it. Asked only of rings whose edges do not cross. */
static bool ring_within(const double *p, uint32_t n, const double *q, uint32_t m)
{
    for (uint32_t i = 0; i < m; i++)
        if (!ring_touches(p, n, q + 2 * i))
            return ring_holds(p, n, q + 2 * i);
    return false;
}

/* A polygon's holes must not overlap one another, nor lie one inside another (OGC's
 * simple features: holes touch at points at most, so that the polygon's inside is one
 * piece); said at the later hole. Pairs whose boxes meet are tested, up to a budget of
 * edges for a polygon of very many large holes. */
/* A ring's name in messages: "ring 2", or in a MultiPolygon "polygon 1 ring 2". */
static void ring_name(char *rn, size_t n, int poly_index, int r)
{
    if (poly_index >= 0)
        snprintf(rn, n, "polygon %d ring %d", poly_index, r);
    else
        snprintf(rn, n, "ring %d", r);
}

static bool holes_apart(loader *L, const cJSON *coords, int poly_index, uint32_t first_ring)
{
    uint32_t n_holes = (uint32_t)(L->d->n_rings - first_ring - 1);
    if (n_holes < 2)
        return true;
    double *box = malloc(4 * sizeof *box * n_holes);
    if (!box) {
        L->nomem = true;
        return false;
    }
    for (uint32_t h = 0; h < n_holes; h++) {
        const ly_ring *r = &L->d->rings[first_ring + 1 + h];
        double *b = box + 4 * h;
        b[0] = b[1] = INFINITY, b[2] = b[3] = -INFINITY;
        extend_bbox(b, L->d->points + 2 * (size_t)r->first_point, r->n_points);
    }
    size_t budget = 40000000;
    bool ok = true;
    const cJSON *node = coords->child ? coords->child->next : NULL;
    for (uint32_t j = 1; j < n_holes && ok && budget; j++) {
        node = node ? node->next : NULL;
        const ly_ring *rj = &L->d->rings[first_ring + 1 + j];
        const double *pj = L->d->points + 2 * (size_t)rj->first_point, *bj = box + 4 * j;
        for (uint32_t i = 0; i < j && ok; i++) {
            const double *bi = box + 4 * i;
            if (bi[2] < bj[0] || bj[2] < bi[0] || bi[3] < bj[1] || bj[3] < bi[1])
                continue;
            const ly_ring *ri = &L->d->rings[first_ring + 1 + i];
            const double *pi = L->d->points + 2 * (size_t)ri->first_point;
            size_t cost = (size_t)ri->n_points + rj->n_points;
            if (cost > budget) {
                budget = 0;
                break;
            }
            budget -= cost;
            const char *how = rings_cross(L, pi, ri->n_points, pj, rj->n_points) ? "overlaps"
                              : ring_within(pi, ri->n_points, pj, rj->n_points) ? "lies inside"
                              : ring_within(pj, rj->n_points, pi, ri->n_points) ? "holds"
                                                                                   : NULL;
            if (how && !L->nomem) {
                char rn[48];
                ring_name(rn, sizeof rn, poly_index, (int)j + 1);
                err(L, node ? node : coords, "%s, a hole, %s ring %u, another hole: expected "
                    "holes apart, touching at points at most (an island in a courtyard is a "
                    "polygon of its own in a MultiPolygon)", rn, how, i + 1);
                ok = false;
            }
            ok = ok && !L->nomem;
        }
    }
    free(box);
    return ok;
}

/* Reads Polygon coordinates (an array of rings) as one ly_polygon. */
static bool read_polygon(loader *L, const cJSON *coords, int poly_index, double *box)
{
    char pn[32] = "polygon";
    if (poly_index >= 0)
        snprintf(pn, sizeof pn, "polygon %d", poly_index);
    if (!cJSON_IsArray(coords)) {
        err(L, coords, "%s coordinates are %s: expected an array of rings", pn,
            type_name(coords));
        return false;
    }
    if (!coords->child) {
        err(L, coords, "%s has no rings: expected an outline ring (and optional holes)", pn);
        return false;
    }
    uint32_t first_ring = (uint32_t)L->d->n_rings;
    bool ok = true;
    int r = 0;
    for (const cJSON *ring = coords->child; ring; ring = ring->next, r++) {
        ly_ring lr;
        char rn[48];
        ring_name(rn, sizeof rn, poly_index, r);
        if (!read_ring(L, ring, rn, &lr)) {
            ok = false;
            if (L->nomem)
                return false;
            continue;
        }
        ly_ring *slot = GROW(L, rings, n_rings, cap_rings);
        if (!slot)
            return false;
        *slot = lr;
        if (r == 0)
            extend_bbox(box, L->d->points + 2 * (size_t)lr.first_point, lr.n_points);
    }
    r = 0;
    for (const cJSON *ring = coords->child; ok && ring; ring = ring->next, r++) {
        char rn[48];
        ring_name(rn, sizeof rn, poly_index, r);
        ok = !r || hole_inside(L, ring, rn, &L->d->rings[first_ring],
                               &L->d->rings[first_ring + (uint32_t)r],
                               L->d->n_rings - first_ring - 1);
    }
    if (!ok || !holes_apart(L, coords, poly_index, first_ring))
        return false;
    ly_polygon *pg = GROW(L, polygons, n_polygons, cap_polygons);
    if (!pg)
        return false;
    *pg = (ly_polygon){.first_ring = first_ring, .n_rings = (uint32_t)L->d->n_rings - first_ring};
    return true;
}

/* A closed LineString's positions as one polygon's outline: an OpenStreetMap area that
 * GDAL's OSM driver puts in its lines layer (a building part). */
static bool read_line_area(loader *L, const cJSON *coords, double *box)
{
    ly_ring lr;
    if (!read_ring(L, coords, "the closed line", &lr))
        return false;
    ly_ring *slot = GROW(L, rings, n_rings, cap_rings);
    ly_polygon *pg = slot ? GROW(L, polygons, n_polygons, cap_polygons) : NULL;
    if (!pg)
        return false;
    *slot = lr;
    extend_bbox(box, L->d->points + 2 * (size_t)lr.first_point, lr.n_points);
    *pg = (ly_polygon){.first_ring = (uint32_t)L->d->n_rings - 1, .n_rings = 1};
    return true;
}

/* Reads a Polygon or MultiPolygon geometry into consecutive ly_polygons (or, for an
 * area mapped as a closed line, one). */
/* A GeometryCollection of polygons only (Polygon and MultiPolygon members): read as the
 * MultiPolygon it amounts to (what `ogr2ogr -nlt GEOMETRYCOLLECTION` and some tools write
 * for a building). */
static bool polygonal_collection(const cJSON *geom)
{
    const cJSON *t = cJSON_IsObject(geom) ? member(geom, "type") : NULL;
    const cJSON *gs = t ? member(geom, "geometries") : NULL;
    if (!cJSON_IsString(t) || strcmp(t->valuestring, "GeometryCollection") ||
        !cJSON_IsArray(gs) || !gs->child)
        return false;
    for (const cJSON *g = gs->child; g; g = g->next) {
        const cJSON *gt = cJSON_IsObject(g) ? member(g, "type") : NULL;
        if (!cJSON_IsString(gt) ||
            (strcmp(gt->valuestring, "Polygon") && strcmp(gt->valuestring, "MultiPolygon")))
            return false;
    }
    return true;
}

static bool read_areal(loader *L, const cJSON *geom, const char *what, uint32_t *first,
                       uint32_t *count, double *box)
{
    if (polygonal_collection(geom)) { /* its members' polygons, numbered across them */
        *first = (uint32_t)L->d->n_polygons;
        bool ok = true;
        int k = 0;
        for (const cJSON *g = member(geom, "geometries")->child; g && !L->nomem; g = g->next) {
            const cJSON *coords = member(g, "coordinates");
            bool multi = !strcmp(member(g, "type")->valuestring, "MultiPolygon");
            if (!cJSON_IsArray(coords) || !coords->child) {
                err(L, coords ? coords : g, "a member's coordinates are %s: expected a "
                    "non-empty array", coords ? "empty" : "missing");
                ok = false;
                continue;
            }
            if (!multi)
                ok = read_polygon(L, coords, k++, box) && ok;
            for (const cJSON *pg = multi ? coords->child : NULL; pg && !L->nomem; pg = pg->next)
                ok = read_polygon(L, pg, k++, box) && ok;
        }
        *count = (uint32_t)L->d->n_polygons - *first;
        return ok;
    }
    const char *type = cJSON_IsObject(geom) ? get_string(L, geom, "type", true) : NULL;
    if (!cJSON_IsObject(geom)) {
        err(L, geom, "geometry is %s: expected a %s geometry object", type_name(geom), what);
        return false;
    }
    if (!type)
        return false;
    const cJSON *coords = member(geom, "coordinates");
    bool multi = strcmp(type, "MultiPolygon") == 0;
    bool line = L->line_area && !strcmp(type, "LineString");
    if (!multi && !line && strcmp(type, "Polygon") != 0) {
        err(L, member(geom, "type"), "geometry is a %s: expected Polygon or MultiPolygon for %s",
            type, what);
        return false;
    }
    if (!coords) {
        err(L, geom, "missing \"coordinates\": expected an array");
        return false;
    }
    *first = (uint32_t)L->d->n_polygons;
    bool ok = true;
    if (line) {
        ok = read_line_area(L, coords, box);
    } else if (!multi) {
        ok = read_polygon(L, coords, -1, box);
    } else if (!cJSON_IsArray(coords) || !coords->child) {
        err(L, coords, "MultiPolygon coordinates are %s: expected a non-empty array of polygons",
            cJSON_IsArray(coords) ? "empty" : type_name(coords));
        ok = false;
    } else {
        int k = 0;
        for (const cJSON *pg = coords->child; pg && !L->nomem; pg = pg->next, k++)
            ok = read_polygon(L, pg, k, box) && ok;
    }
    *count = (uint32_t)L->d->n_polygons - *first;
    return ok;
}

static bool read_lines(loader *L, const cJSON *geom, uint32_t *first, uint32_t *count)
{
    if (!cJSON_IsObject(geom)) {
        err(L, geom, "geometry is %s: expected a LineString or MultiLineString", type_name(geom));
        return false;
    }
    const char *type = get_string(L, geom, "type", true);
    if (!type)
        return false;
    bool multi = strcmp(type, "MultiLineString") == 0;
    if (!multi && strcmp(type, "LineString") != 0) {
        err(L, member(geom, "type"), "geometry is a %s: expected LineString or MultiLineString "
            "for a road (or Polygon or MultiPolygon for its area)", type);
        return false;
    }
    const cJSON *coords = member(geom, "coordinates");
    if (!cJSON_IsArray(coords)) {
        err(L, coords ? coords : geom, "\"coordinates\" is %s: expected an array",
            type_name(coords));
        return false;
    }
    *first = (uint32_t)L->d->n_lines;
    const cJSON *single[1] = {coords};
    const cJSON *it = multi ? coords->child : single[0];
    bool ok = true;
    for (; it; it = multi ? it->next : NULL) {
        int n = cJSON_GetArraySize(it);
        if ((L->d->n_points / 2) + (size_t)n > MAX_TOTAL_POINTS) {
            err(L, it, "the file has more than %d positions: expected at most %d (a limit that "
                "protects memory)", MAX_TOTAL_POINTS, MAX_TOTAL_POINTS);
            return false;
        }
        if (!cJSON_IsArray(it) || n < 2) {
            err(L, it, "line has %d position%s: expected at least 2", cJSON_IsArray(it) ? n : 0,
                n == 1 ? "" : "s");
            ok = false;
            continue;
        }
        size_t start = L->d->n_points;
        for (const cJSON *pos = it->child; pos; pos = pos->next) {
            double lon, lat;
            if (!read_position(L, pos, &lon, &lat)) {
                ok = false;
                continue;
            }
            if (!add_point(L, lon, lat))
                return false;
        }
        ly_line *ln = GROW(L, lines, n_lines, cap_lines);
        if (!ln)
            return false;
        *ln = (ly_line){(uint32_t)(start / 2), (uint32_t)((L->d->n_points - start) / 2)};
    }
    *count = (uint32_t)L->d->n_lines - *first;
    return ok;
}

static bool read_point(loader *L, const cJSON *geom, double *lon, double *lat)
{
    if (!cJSON_IsObject(geom)) {
        err(L, geom, "geometry is %s: expected a Point", type_name(geom));
        return false;
    }
    const char *type = get_string(L, geom, "type", true);
    if (!type)
        return false;
    if (strcmp(type, "Point") != 0) {
        err(L, member(geom, "type"), "geometry is a %s: expected a Point", type);
        return false;
    }
    const cJSON *coords = member(geom, "coordinates");
    if (!coords) {
        err(L, geom, "missing \"coordinates\": expected [longitude, latitude]");
        return false;
    }
    return read_position(L, coords, lon, lat);
}

/* The middle of an area's outer ring (its positions' mean): where a place mapped as an
 * area (a hospital's grounds) has its marker. False after reporting a bad position. */
static bool read_area_centre(loader *L, const cJSON *geom, double *lon, double *lat)
{
    const cJSON *c = member(geom, "coordinates");
    const char *type = get_string(L, geom, "type", true);
    if (type && !strcmp(type, "MultiPolygon") && cJSON_IsArray(c))
        c = c->child;
    const cJSON *ring = cJSON_IsArray(c) ? c->child : NULL;
    double sx = 0, sy = 0;
    int n = 0;
    for (const cJSON *pos = cJSON_IsArray(ring) ? ring->child : NULL; pos; pos = pos->next) {
        double x, y;
        if (!read_position(L, pos, &x, &y))
            return false;
        if (pos->next) { /* the closing position repeats the first */
            sx += x;
            sy += y;
            n++;
        }
    }
    if (!n) {
        err(L, geom, "the area has no outer ring: expected a Polygon's rings of positions");
        return false;
    }
    *lon = sx / n;
    *lat = sy / n;
    return true;
}

/* ---- unknown properties ----------------------------------------------------- */

/* A growing text buffer in the loader, reused for every feature. */
typedef struct textbuf_s textbuf;

static void put(textbuf *t, const char *s, size_t n)
{
    if (t->fail || ly_array_reserve((void **)&t->p, &t->cap, t->len + n + 1, 1)) {
        t->fail = true;
        return;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void put_string(textbuf *t, const char *s)
{
    put(t, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[8];
        if (*c == '"' || *c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*c;
            put(t, esc, 2);
        } else if (*c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *c);
            put(t, esc, 6);
        } else {
            put(t, (const char *)c, 1);
        }
    }
    put(t, "\"", 1);
}

/* Writes a cJSON value as compact JSON. */
static void put_value(textbuf *t, const cJSON *v)
{
    char num[32];
    if (cJSON_IsString(v)) {
        put_string(t, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        /* the shortest of %.15g and %.17g that reads back exactly */
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        if (strtod(num, NULL) != v->valuedouble)
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
        put(t, num, strlen(num));
    } else if (cJSON_IsBool(v)) {
        put(t, cJSON_IsTrue(v) ? "true" : "false", cJSON_IsTrue(v) ? 4 : 5);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        bool obj = cJSON_IsObject(v);
        put(t, obj ? "{" : "[", 1);
        for (const cJSON *c = v->child; c; c = c->next) {
            if (obj) {
                put_string(t, c->string ? c->string : "");
                put(t, ":", 1);
            }
            put_value(t, c);
            if (c->next)
                put(t, ",", 1);
        }
        put(t, obj ? "}" : "]", 1);
    } else {
        put(t, "null", 4);
    }
}

/* Stores the members of `props` not named in `known` as one JSON object text. */
static const char *keep_extra(loader *L, const cJSON *props, const char *const *known, int n_known)
{
    textbuf *t = &L->extra;
    t->len = 0;
    for (const cJSON *m = props->child; m; m = m->next) {
        /* "other_tags", or the element's nested "tags", as the tags it holds, those louyu
         * did not read; not the element's bookkeeping beside them (its relations, its
         * version and who edited it) */
        bool tags = L->tags && (m == L->tags_src || (L->tags_nested && m == L->tags));
        if (L->tags_nested && m->string &&
            (!strcmp(m->string, "meta") || !strcmp(m->string, "relations")))
            continue;
        for (const cJSON *e = tags ? L->tags->child : m; e; e = tags ? e->next : NULL) {
            if (!e->string || lookup(e->string, known, n_known) >= 0 ||
                (tags && member(props, e->string)))
                continue;
            put(t, t->len ? "," : "{", 1);
            put_string(t, e->string);
            put(t, ":", 1);
            put_value(t, e);
        }
    }
    if (!t->len)
        return NULL;
    put(t, "}", 1);
    if (t->fail) {
        L->nomem = true;
        return NULL;
    }
    return keep_string(L, t->p);
}

/* ---- buildings -------------------------------------------------------------- */

static const char *const USE_NAMES[LY_USE_COUNT] = {"office", "retail", "hotel", "residential",
                                                   "parking", "plant", "mixed", "other"};
static const char *const STATUS_NAMES[] = {"completed", "under_construction"};

static const char *const BUILDING_KEYS[] = {
    "kind", "id", "name", "name_en", "address", "address_en", "status", "year", "height_m",
    "min_height_m", "floors", "floor_heights", "parts", "gfa_m2", "rent_cny_m2_day", "contact",
    "tax_2010_cny", "services", "floor_records", "enterprises",
    /* plain GeoJSON (OpenStreetMap style) */
    "height", "min_height", "levels", "building:levels", "building", "type",
    "building:min_level", "min_level", "name:en", "addr:street", "addr:housenumber",
    /* Overture Maps' buildings */
    "names", "num_floors"};

/* An OSM number: a JSON number, or text as OSM's tags hold it (ly_vocab_number). */
static bool osm_number(const cJSON *v, bool length, double *out, int *how)
{
    *how = 0;
    if (cJSON_IsNumber(v)) {
        *out = v->valuedouble;
        return isfinite(*out);
    }
    return cJSON_IsString(v) && ly_vocab_number(v->valuestring, length, out, how);
}

static const char *one_line(const char *s); /* (with the names, below) */

/* A warning for a value osm_number read in a way that is worth saying. */
static void osm_note(loader *L, const cJSON *v, int how, double got, const char *unit)
{
    char shown[64];
    if (how & LY_NUMBER_SEVERAL)
        warn(L, v, "\"%s\" is %s: several values; the largest is used (%g%s)", v->string,
             show(v, shown), got, unit);
    else if (how & LY_NUMBER_COMMA)
        warn(L, v, "\"%s\" is %s: read with its comma as a decimal point (%g%s); expected a "
             "point, as in \"12.5\"", v->string, show(v, shown), got, unit);
}

static void read_name_pairs(loader *L, const cJSON *arr, const char *key, uint32_t *first,
                            uint32_t *count)
{
    *first = (uint32_t)L->d->n_names;
    *count = 0;
    if (!arr)
        return;
    if (!cJSON_IsArray(arr)) {
        err(L, arr, "\"%s\" is %s: expected an array of {name, name_en}", key, type_name(arr));
        return;
    }
    for (const cJSON *it = arr->child; it; it = it->next) {
        if (!cJSON_IsObject(it)) {
            err(L, it, "an entry of \"%s\" is %s: expected an object {name, name_en}", key,
                type_name(it));
            continue;
        }
        const char *name = get_string(L, it, "name", true);
        const char *name_en = get_string(L, it, "name_en", false);
        if (!name)
            continue;
        ly_name_pair *np = GROW(L, names, n_names, cap_names);
        if (!np)
            return;
        np->name = keep_string(L, name);
        np->name_en = keep_string(L, name_en);
    }
    *count = (uint32_t)L->d->n_names - *first;
}

static void read_services(loader *L, const cJSON *v, ly_building *b)
{
    if (!cJSON_IsObject(v)) {
        err(L, v, "\"services\" is %s: expected an object {name, name_en, windows, offerings}",
            type_name(v));
        return;
    }
    b->has_services = true;
    b->services.name = keep_string(L, get_string(L, v, "name", true));
    b->services.name_en = keep_string(L, get_string(L, v, "name_en", false));
    read_name_pairs(L, member(v, "windows"), "windows", &b->services.first_window,
                    &b->services.n_windows);
    read_name_pairs(L, member(v, "offerings"), "offerings", &b->services.first_offering,
                    &b->services.n_offerings);
}

static void read_contact(loader *L, const cJSON *v, ly_building *b)
{
    if (cJSON_IsString(v)) {
        b->contact.name = keep_string(L, v->valuestring);
        return;
    }
    if (!cJSON_IsObject(v)) {
        err(L, v, "\"contact\" is %s: expected an object {name, name_en, phone, email}",
            type_name(v));
        return;
    }
    b->contact.name = keep_string(L, get_string(L, v, "name", false));
    b->contact.name_en = keep_string(L, get_string(L, v, "name_en", false));
    b->contact.phone = keep_string(L, get_string(L, v, "phone", false));
    b->contact.email = keep_string(L, get_string(L, v, "email", false));
}

static int by_floor(const void *a, const void *b)
{
    const ly_floor_record *x = a, *y = b;
    return (x->floor > y->floor) - (x->floor < y->floor);
}

/* A floor record's "available_from" (v, NULL or null: not said) into out: a calendar date
 * written YYYY-MM-DD, or "now" (free already), as a store's reports keep them and its export
 * writes them; false, said at v, for anything else. */
static bool available_from(loader *L, const cJSON *v, char out[11])
{
    out[0] = '\0';
    if (!v || cJSON_IsNull(v))
        return true;
    const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
    long days;
    int y, m, d;
    char iso[16] = "";
    if (s && strlen(s) == 10 && ly_date_parse(s, &days)) {
        ly_date_from_days(days, &y, &m, &d);
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    }
    if (s && (!strcmp(s, "now") || !strcmp(s, iso))) {
        snprintf(out, 11, "%s", s);
        return true;
    }
    if (s)
        err(L, v, "\"available_from\" is \"%.40s\": expected a date YYYY-MM-DD (2011-05-09), "
            "or \"now\" where the space is free already", s);
    else
        err(L, v, "\"available_from\" is %s: expected a date YYYY-MM-DD (2011-05-09), or "
            "\"now\" where the space is free already", type_name(v));
    return false;
}

static void read_floor_records(loader *L, const cJSON *arr, ly_building *b, bool floors_ok)
{
    b->first_record = (uint32_t)L->d->n_records;
    if (!cJSON_IsArray(arr)) {
        err(L, arr, "\"floor_records\" is %s: expected an array of {floor, use, area_m2, "
            "vacant_m2}", type_name(arr));
        return;
    }
    const cJSON *seen[MAX_FLOORS + 1] = {0};
    for (const cJSON *it = arr->child; it; it = it->next) {
        if (!cJSON_IsObject(it)) {
            err(L, it, "a floor record is %s: expected an object {floor, use, area_m2, "
                "vacant_m2}", type_name(it));
            continue;
        }
        double floor = 0, area = 0, vacant = 0;
        bool ok = get_number(L, it, "floor", true, R_FLOORS, &floor);
        const cJSON *fv = member(it, "floor");
        if (ok && floors_ok && floor > b->floors) {
            err(L, fv, "floor record for floor %g, but the building has %d floor%s: expected a "
                "floor from 1 to %d", floor, b->floors, b->floors == 1 ? "" : "s", b->floors);
            ok = false;
        }
        if (ok && seen[(int)floor]) {
            err(L, fv, "floor %g has a second record: expected at most one record per floor",
                floor);
            ok = false;
        }
        if (ok)
            seen[(int)floor] = fv;
        int use = get_enum(L, it, "use", USE_NAMES, LY_USE_COUNT, LY_USE_OFFICE, false);
        ok = get_number(L, it, "area_m2", true, R_POS, &area) && ok;
        bool vok = get_number(L, it, "vacant_m2", true, R_NONNEG, &vacant);
        if (vok && area > 0 && vacant > area) {
            err(L, member(it, "vacant_m2"), "vacant_m2 %g is larger than the floor's area_m2 %g: "
                "expected at most %g", vacant, area, area);
            vok = false;
        }
        /* its own asking rent (a weekly report row's), or that it is to be agreed (面议) */
        double rent = 0;
        const cJSON *agreed = member(it, "rent_to_be_agreed");
        if (agreed && !cJSON_IsBool(agreed) && !cJSON_IsNull(agreed)) { /* (null: not said) */
            err(L, agreed, "\"rent_to_be_agreed\" is %s: expected true or false",
                type_name(agreed));
            ok = false;
        }
        if (get_rent(L, it, true, &rent)) {
            const char *doubt = ly_rent_doubt(rent);
            if (doubt)
                warn(L, member(it, "rent_cny_m2_day"), "\"rent_cny_m2_day\" is %g: %s", rent,
                     doubt);
            if (rent > 0 && cJSON_IsTrue(agreed)) {
                err(L, agreed, "floor %g gives a rent and says it is to be agreed: expected one "
                    "or the other", floor);
                ok = false;
            }
        } else if (member(it, "rent_cny_m2_day") && !cJSON_IsNull(member(it, "rent_cny_m2_day"))) {
            ok = false; /* (said) */
        }
        char from[11] = "";
        ok = available_from(L, member(it, "available_from"), from) && ok;
        if (!ok || !vok)
            continue;
        ly_floor_record *r = GROW(L, records, n_records, cap_records);
        if (!r)
            return;
        *r = (ly_floor_record){.floor = (int)floor, .use = use, .area_m2 = area,
                               .vacant_m2 = vacant,
                               .rent_cny_m2_day = rent > 0 ? rent : cJSON_IsTrue(agreed) ? -1 : 0};
        memcpy(r->available_from, from, sizeof from);
    }
    b->n_records = (uint32_t)(L->d->n_records - b->first_record);
    if (b->n_records)
        qsort(L->d->records + b->first_record, b->n_records, sizeof *L->d->records, by_floor);
}

static bool enterprise_floor(loader *L, const cJSON *v, const ly_building *b, bool floors_ok,
                             const char *ename)
{
    double f;
    if (!check_number(L, v, "floor", R_FLOORS, &f))
        return false;
    if (floors_ok && f > b->floors) {
        err(L, v, "enterprise \"%s\" is on floor %g, which this building (%d floor%s) does not "
            "have: expected a floor from 1 to %d", ename, f, b->floors, b->floors == 1 ? "" : "s",
            b->floors);
        return false;
    }
    int *slot = GROW(L, enterprise_floors, n_enterprise_floors, cap_enterprise_floors);
    if (!slot)
        return false;
    *slot = (int)f;
    return true;
}

static void read_enterprises(loader *L, const cJSON *arr, ly_building *b, bool floors_ok)
{
    b->first_enterprise = (uint32_t)L->d->n_enterprises;
    if (!cJSON_IsArray(arr)) {
        err(L, arr, "\"enterprises\" is %s: expected an array of {name, industry, floor, ...}",
            type_name(arr));
        return;
    }
    int count = cJSON_GetArraySize(arr);
    if (count > MAX_ENTERPRISES) {
        err(L, arr, "the building lists %d enterprises: expected at most %d (a limit that "
            "protects memory)", count, MAX_ENTERPRISES);
        return;
    }
    for (const cJSON *it = arr->child; it; it = it->next) {
        if (!cJSON_IsObject(it)) {
            err(L, it, "an enterprise is %s: expected an object {name, industry, floor, ...}",
                type_name(it));
            continue;
        }
        const char *name = get_string(L, it, "name", true);
        ly_enterprise e = {.employees = -1, .registered_capital_cny = -1};
        /* (on one line, as a building's name: one on three lines had broken `louyu info`'s
         * table of enterprises) */
        e.name = one_line(keep_string(L, name));
        e.name_en = one_line(keep_string(L, get_string(L, it, "name_en", false)));
        e.industry = one_line(keep_string(L, get_string(L, it, "industry", false)));
        e.first_floor = (uint32_t)L->d->n_enterprise_floors;
        const char *ename = name ? name : "?";
        bool ok = name != NULL;
        const cJSON *fv = member(it, "floor"), *fs = member(it, "floors");
        if (fv && fs) {
            err(L, fs, "enterprise \"%s\" has both \"floor\" and \"floors\": expected one of them",
                ename);
            ok = false;
        } else if (fv) {
            ok = enterprise_floor(L, fv, b, floors_ok, ename) && ok;
        } else if (fs) {
            if (!cJSON_IsArray(fs) || !fs->child) {
                err(L, fs, "\"floors\" is %s: expected a non-empty array of floor numbers",
                    cJSON_IsArray(fs) ? "empty" : type_name(fs));
                ok = false;
            } else {
                for (const cJSON *f = fs->child; f; f = f->next)
                    ok = enterprise_floor(L, f, b, floors_ok, ename) && ok;
            }
        }
        e.n_floors = (uint32_t)(L->d->n_enterprise_floors - e.first_floor);
        double x;
        if (get_number(L, it, "employees", false, (range){0, 1e7, false, false, true}, &x))
            e.employees = (int)x;
        if (get_number(L, it, "registered_capital_cny", false, R_NONNEG, &x))
            e.registered_capital_cny = x;
        if (get_number(L, it, "since", false, R_YEAR, &x))
            e.since = (int)x;
        if (!ok)
            continue;
        /* the same enterprise listed again in this building (a copy-pasted entry) had been
         * counted twice by stats and the dashboard: said, and the copy (same floors) left
         * out; on other floors it stays, as an entry the file may mean */
        const ly_enterprise *same = NULL;
        for (size_t k = b->first_enterprise; k < L->d->n_enterprises && !same; k++)
            if (L->d->enterprises[k].name && e.name && !strcmp(L->d->enterprises[k].name, e.name))
                same = &L->d->enterprises[k];
        bool copy = same && same->n_floors == e.n_floors &&
                    !memcmp(L->d->enterprise_floors + same->first_floor,
                            L->d->enterprise_floors + e.first_floor,
                            e.n_floors * sizeof *L->d->enterprise_floors);
        if (same)
            warn(L, member(it, "name"), "enterprise \"%s\" is listed twice in this building: %s; "
                 "expected each enterprise once, with all its floors in \"floors\"", e.name,
                 copy ? "the second, on the same floors, is left out (counted once)"
                      : "on other floors, it is counted twice");
        if (copy) {
            L->d->n_enterprise_floors = e.first_floor; /* (its floors were the copy's) */
            continue;
        }
        ly_enterprise *slot = GROW(L, enterprises, n_enterprises, cap_enterprises);
        if (!slot)
            return;
        *slot = e;
    }
    b->n_enterprises = (uint32_t)(L->d->n_enterprises - b->first_enterprise);
}

static void read_floor_heights(loader *L, const cJSON *props, ly_building *b, bool floors_ok)
{
    const cJSON *fh = member(props, "floor_heights");
    size_t first = L->d->n_floor_heights;
    b->first_floor_height = (uint32_t)first;
    if (fh && !cJSON_IsNull(fh) && floors_ok) {
        int n = cJSON_GetArraySize(fh);
        if (!cJSON_IsArray(fh)) {
            err(L, fh, "\"floor_heights\" is %s: expected an array of %d numbers", type_name(fh),
                b->floors);
        } else if (n != b->floors) {
            err(L, fh, "\"floor_heights\" has %d entr%s: expected one per floor (%d)", n,
                n == 1 ? "y" : "ies", b->floors);
        } else {
            double sum = 0;
            bool ok = true;
            for (const cJSON *h = fh->child; h; h = h->next) {
                double x;
                if (!check_number(L, h, "floor_heights", (range){0, 100, true, false, false}, &x)) {
                    ok = false;
                    continue;
                }
                sum += x;
                float *slot = GROW(L, floor_heights, n_floor_heights, cap_floor_heights);
                if (!slot)
                    return;
                *slot = (float)x;
            }
            if (ok && sum > b->height_m * 1.01 + 1e-9) {
                err(L, fh, "\"floor_heights\" add up to %.2f m, more than the building's height_m "
                    "%g: expected a sum of at most %.2f m (height_m + 1 %%)", sum, b->height_m,
                    b->height_m * 1.01);
                ok = false;
            }
            if (ok) {
                b->floor_heights_given = true;
                return;
            }
        }
    }
    /* Default: equal storeys, under the roof */
    L->d->n_floor_heights = first;
    for (int i = 0; i < b->floors; i++) {
        float *slot = GROW(L, floor_heights, n_floor_heights, cap_floor_heights);
        if (!slot)
            return;
        *slot = (float)((b->height_m - L->roof_m) / b->floors);
    }
}

static void read_parts(loader *L, const cJSON *parts, ly_building *b)
{
    ly_polygon *pg = L->d->polygons + b->first_polygon;
    for (uint32_t i = 0; i < b->n_polygons; i++) {
        pg[i].min_height_m = (float)b->min_height_m;
        pg[i].height_m = (float)b->height_m;
    }
    if (!parts || cJSON_IsNull(parts))
        return;
    if (!cJSON_IsArray(parts)) {
        err(L, parts, "\"parts\" is %s: expected an array with one {min_height_m, height_m} per "
            "polygon of the geometry (%u)", type_name(parts), b->n_polygons);
        return;
    }
    int n = cJSON_GetArraySize(parts);
    if (n != (int)b->n_polygons) {
        err(L, parts, "\"parts\" has %d entr%s: expected one {min_height_m, height_m} per "
            "polygon of the geometry (%u)", n, n == 1 ? "y" : "ies", b->n_polygons);
        return;
    }
    uint32_t i = 0;
    for (const cJSON *p = parts->child; p; p = p->next, i++) {
        if (!cJSON_IsObject(p)) {
            err(L, p, "a part is %s: expected an object {min_height_m, height_m}", type_name(p));
            continue;
        }
        double lo = b->min_height_m, hi = b->height_m;
        range rh = {0, b->height_m, true, false, false};
        get_number(L, p, "height_m", true, rh, &hi);
        range rl = {0, hi, false, true, false};
        get_number(L, p, "min_height_m", false, rl, &lo);
        pg[i].min_height_m = (float)lo;
        pg[i].height_m = (float)hi;
    }
}

/* A name that is empty or only spaces is no name. */
static const char *text_or_null(const char *s)
{
    if (!s)
        return NULL;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t')
            return s;
    return NULL;
}

/* A string property of plain GeoJSON, or NULL (other types are left in "other properties"). */
static const char *plain_string(const cJSON *props, const char *key)
{
    const cJSON *v = member(props, key);
    return cJSON_IsString(v) ? text_or_null(v->valuestring) : NULL;
}

/* An OSM tag: the property, else the same key in "other_tags" (GDAL's OSM layers), or
 * the key Geofabrik's "fclass" stands for. */
static const cJSON *tag(const loader *L, const cJSON *props, const char *key)
{
    const cJSON *v = member(props, key);
    if (!v && L->tags)
        v = member(L->tags, key);
    if (!v && L->fclass && !strcmp(key, L->fclass_key))
        v = L->fclass;
    /* empty text is no value: what a shapefile's or a spreadsheet's column holds for one
     * not known (QGIS and GDAL write it as it is) */
    return cJSON_IsString(v) && !text_or_null(v->valuestring) ? NULL : v;
}

static const char *plain_tag(const loader *L, const cJSON *props, const char *key)
{
    const cJSON *v = tag(L, props, key);
    return cJSON_IsString(v) ? text_or_null(v->valuestring) : NULL;
}

/* An OpenStreetMap building part: a building:part tag (not "no"), no building tag. */
static bool osm_part(const loader *L, const cJSON *props)
{
    const char *part = plain_tag(L, props, "building:part");
    const char *b = plain_tag(L, props, "building");
    return part && strcmp(part, "no") && (!b || !strcmp(b, "no"));
}

/* GDAL's hstore text, "k"=>"v","k2"=>NULL (backslash escapes in quotes), as an object of
 * strings (NULL values left out); NULL when the text is not in that form. */
static cJSON *parse_hstore(const char *s)
{
    cJSON *o = cJSON_CreateObject();
    char key[256], val[1024];
    for (const char *p = s; o && *p;) {
        char *out[2] = {key, val};
        size_t cap[2] = {sizeof key, sizeof val};
        bool null_value = false;
        for (int k = 0; k < 2; k++) {
            while (*p == ' ' || (k == 0 && *p == ','))
                p++;
            if (k == 0 && !*p)
                return o;
            if (k == 1 && !strncmp(p, "NULL", 4)) {
                p += 4;
                null_value = true;
                break;
            }
            if (*p++ != '"')
                goto bad;
            size_t n = 0;
            for (; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                if (n + 1 < cap[k])
                    out[k][n++] = *p;
            }
            if (*p++ != '"')
                goto bad;
            out[k][n] = '\0';
            while (*p == ' ')
                p++;
            if (k == 0 && strncmp(p, "=>", 2))
                goto bad;
            if (k == 0)
                p += 2;
            while (k == 0 && *p == ' ')
                p++;
        }
        if (!null_value && !member(o, key))
            cJSON_AddStringToObject(o, key, val);
        if (*p && *p != ',')
            goto bad;
    }
    return o;
bad:
    cJSON_Delete(o);
    return NULL;
}

static bool osm_in(const char *v, const char *const *vals);

/* The OSM key a Geofabrik "fclass" stands for (its layers hold one main tag each: buildings,
 * roads, pois, transport, traffic, landuse, natural, water, waterways): for the values louyu
 * reads; any other class is an area of some use, never a building. */
static const char *fclass_key(const char *fclass)
{
    static const struct {
        const char *key, *const values[24];
    } KEYS[] = {
        {"building", {"building", NULL}},
        {"highway", {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified",
                     "residential", "living_street", "service", "pedestrian", "footway", "path",
                     "steps", "cycleway", "track", "bridleway", "motorway_link", "trunk_link",
                     "primary_link", "secondary_link", "tertiary_link", "bus_stop", NULL}},
        {"amenity", {"bank", "restaurant", "fast_food", "cafe", "food_court", "parking",
                     "parking_site", "parking_multistorey", "parking_underground", "town_hall",
                     "courthouse", "hospital", "clinic", "school", "university", "college",
                     "kindergarten", "bus_station", NULL}},
        {"tourism", {"hotel", "hostel", "guest_house", "motel", "attraction", "museum",
                     "viewpoint", NULL}},
        {"leisure", {"park", "garden", "playground", "recreation_ground", "nature_reserve",
                     "common", NULL}},
        {"natural", {"water", "wetland", "wood", "heath", "scrub", "grassland", "bay", NULL}},
        {"waterway", {"riverbank", "river", "canal", "stream", "drain", "dock", NULL}},
        {"railway", {"subway_entrance", NULL}},
    };
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (osm_in(fclass, KEYS[i].values))
            return KEYS[i].key;
    return "landuse";
}

/* Another tool's file: its properties named as a table's columns are (HEIGHT, Name, 名称,
 * 层数: ly_vocab_column_key), read as louyu's own names, where the file does not also have
 * those. What a GeoPackage or shapefile with these columns gives, its GeoJSON (ogr2ogr's)
 * gives too. */
static void column_keys(loader *L, const cJSON *props)
{
    if (L->d->meta.is_louyu || !cJSON_IsObject(props))
        return;
    for (cJSON *v = props->child; v; v = v->next) {
        char key[64];
        if (!v->string || strlen(v->string) >= sizeof key || (v->type & cJSON_StringIsConst))
            continue;
        memcpy(key, v->string, strlen(v->string) + 1);
        ly_vocab_column_key(key, sizeof key);
        /* (what names the feature or its kind stays as the file wrote it: an "ID" or "KIND"
         * column of another tool's is no louyu id or kind) */
        if (!strcmp(key, v->string) || member(props, key) || !strcmp(key, "id") ||
            !strncmp(key, "osm_", 4) || !strcmp(key, "kind") || !strcmp(key, "status"))
            continue;
        char *name = cJSON_malloc(strlen(key) + 1);
        if (!name) {
            L->nomem = true;
            return;
        }
        memcpy(name, key, strlen(key) + 1);
        cJSON_free(v->string);
        v->string = name;
    }
}

/* The feature's "other_tags", parsed into L->tags (a plain file's only); or the tags
 * that osm2geojson and osmtogeojson (by default) nest in the properties, {"type": "way",
 * "id": 123, "tags": {"building": "yes", ...}, "meta": {...}}, looked in as they are. */
static void take_tags(loader *L, const cJSON *props)
{
    L->tags = NULL;
    L->tags_src = NULL;
    L->tags_nested = false;
    const cJSON *fc = cJSON_IsObject(props) ? member(props, "fclass") : NULL;
    L->fclass = !L->d->meta.is_louyu && cJSON_IsString(fc) && cJSON_IsNumber(member(props, "code"))
                    ? fc
                    : NULL;
    L->fclass_key = L->fclass ? fclass_key(fc->valuestring) : NULL;
    const cJSON *ot = L->d->meta.is_louyu || !cJSON_IsObject(props) ? NULL
                                                                      : member(props, "other_tags");
    const cJSON *nested = ot ? NULL : member(props, "tags"), *type = member(props, "type");
    static const char *const OSM_TYPES[] = {"node", "way", "relation", NULL};
    if (!L->d->meta.is_louyu && cJSON_IsObject(nested) && cJSON_IsString(type) &&
        osm_in(type->valuestring, OSM_TYPES)) {
        L->tags = (cJSON *)nested;
        L->tags_nested = true;
        return;
    }
    if (!cJSON_IsString(ot))
        return;
    L->tags = parse_hstore(ot->valuestring);
    if (L->tags)
        L->tags_src = ot;
    else
        warn(L, ot, "\"other_tags\" is not a list of \"key\"=>\"value\" pairs (the form GDAL "
             "writes OpenStreetMap's tags in): its tags are not read");
}

static void drop_tags(loader *L)
{
    L->fclass = NULL;
    if (!L->tags_nested)
        cJSON_Delete(L->tags);
    L->tags_nested = false;
    L->tags = NULL;
    L->tags_src = NULL;
}

/* OpenStreetMap's naming tags, in the order that says most about a building. */
static const char *const ALIAS_KEYS[] = {"official_name", "short_name", "alt_name", "loc_name",
                                         "addr:housename", "brand", "operator", "old_name"};

/* What plain GeoJSON (OpenStreetMap and its kin) calls a building: "name:zh" and
 * "name:en" where "name" and "name_en" are missing, another naming tag as an alias,
 * and "addr:street" with "addr:housenumber" as the address. */
/* OSM's Chinese names, the one a name is taken from first: Simplified, then Traditional. */
static const char *const ZH_NAME_KEYS[] = {"name:zh",      "name:zh-Hans", "name:zh-CN",
                                           "name:zh-Hant", "name:zh-TW",   "name:zh-HK"};

static const char *zh_name(const loader *L, const cJSON *props)
{
    const char *v = NULL;
    for (size_t k = 0; !v && k < sizeof ZH_NAME_KEYS / sizeof *ZH_NAME_KEYS; k++)
        v = plain_tag(L, props, ZH_NAME_KEYS[k]);
    return v;
}

static void plain_names(loader *L, const cJSON *props, ly_building *b)
{
    if (!b->name)
        b->name = keep_string(L, plain_tag(L, props, "name"));
    if (!b->name)
        b->name = keep_string(L, zh_name(L, props));
    if (!b->name_en)
        b->name_en = keep_string(L, plain_tag(L, props, "name:en"));
    /* Overture Maps: "names": {"primary": ..., "common": {"zh": ..., "en": ...}} */
    const cJSON *names = member(props, "names");
    if (cJSON_IsObject(names)) {
        const cJSON *common = member(names, "common");
        if (!b->name && cJSON_IsObject(common))
            b->name = keep_string(L, plain_string(common, "zh"));
        if (!b->name_en && cJSON_IsObject(common))
            b->name_en = keep_string(L, plain_string(common, "en"));
        const char *primary = plain_string(names, "primary");
        bool latin = primary && (unsigned char)primary[0] < 0x80;
        if (!b->name && primary && !(b->name_en && !strcmp(primary, b->name_en)))
            b->name = keep_string(L, primary);
        else if (!b->name_en && latin && strcmp(primary, b->name))
            b->name_en = keep_string(L, primary); /* 海洋大厦 with its primary "Ocean Tower" */
    }
    for (size_t k = 0; !b->alias && k < sizeof ALIAS_KEYS / sizeof *ALIAS_KEYS; k++)
        b->alias = keep_string(L, plain_tag(L, props, ALIAS_KEYS[k]));
    const char *street = plain_tag(L, props, "addr:street");
    const char *number = plain_tag(L, props, "addr:housenumber");
    if (street || number) {
        char buf[512];
        /* "8 Main Street", but 香港中路6号: a Chinese street comes first, and a number
         * written as a number ("6", "6A") takes 号 after it */
        bool cjk = street && (unsigned char)street[0] >= 0xE3;
        size_t nl = number ? strlen(number) : 0;
        bool bare = cjk && nl && (unsigned char)number[nl - 1] < 0x80 && isalnum(number[nl - 1]);
        if (street && number)
            snprintf(buf, sizeof buf, cjk ? "%s%s%s" : "%s %s%s", cjk ? street : number,
                     cjk ? number : street, bare ? ly_vocab_house_number : "");
        else
            snprintf(buf, sizeof buf, "%s", street ? street : number);
        b->address = keep_string(L, buf);
    } else if (!b->address) { /* the whole address in one tag */
        b->address = keep_string(L, plain_tag(L, props, "addr:full"));
    }
}

/* The names and the address (and their warnings in a louyu file). */
/* Whether text has something to show: a character that is not a space or a control, nor
 * one of the invisible format characters the labels do not draw (zero-width space and
 * joiners, direction marks, the byte order mark, a soft hyphen). */
static bool shows(const char *s)
{
    static const char *const BLANK[] = {"\xC2\xA0", "\xC2\xAD", "\xD8\x9C", "\xE3\x80\x80",
                                        "\xEF\xBB\xBF", "\xE2\x80\x8B", "\xE2\x80\x8C",
                                        "\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F",
                                        "\xE2\x81\xA0", "\xE2\x81\xA1", "\xE2\x81\xA2",
                                        "\xE2\x81\xA3", "\xE2\x81\xA4"};
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        if (*p <= 0x20 || *p == 0x7F) {
            p++;
            continue;
        }
        size_t k = 0, n = sizeof BLANK / sizeof *BLANK;
        while (k < n && strncmp((const char *)p, BLANK[k], strlen(BLANK[k])))
            k++;
        if (k == n)
            return true;
        p += strlen(BLANK[k]);
    }
    return false;
}

/* A name that shows nothing (only invisible characters): said, and no name (the map then
 * shows the other language's, or the address). */
static const char *visible_name(loader *L, const cJSON *props, const char *which, const char *s)
{
    if (!s || shows(s))
        return s;
    const cJSON *at = member(props, which[0] == 'C' ? "name" : "name_en");
    warn(L, at ? at : props, "the %s name shows nothing (only spaces or invisible characters): "
         "expected a name to show; the building is shown by its other name or its address",
         which);
    return NULL;
}

/* A name or an address on one line: a line break (CRLF too) or a tab is a space (a name
 * a spreadsheet's cell held on two lines had split `louyu info`'s table rows, and read
 * "Block ATower2" where the tab was dropped). s is the loader's own copy. */
static const char *one_line(const char *s)
{
    char *w = (char *)s, *r = (char *)s;
    while (r && *r) {
        /* (a CRLF's CR is a space already: ly_text_tame) */
        if (*r == '\n' && w > s && w[-1] == ' ') {
            r++;
            continue;
        }
        *w++ = *r == '\n' || *r == '\r' || *r == '\t' ? ' ' : *r;
        r++;
    }
    if (w)
        *w = '\0';
    return s;
}

static void building_names(loader *L, const cJSON *props, ly_building *b)
{
    bool louyu = L->d->meta.is_louyu;
    b->name = keep_string(L, text_or_null(get_string(L, props, "name", false)));
    b->name_en = keep_string(L, text_or_null(get_string(L, props, "name_en", false)));
    if (!louyu)
        plain_names(L, props, b);
    b->name = visible_name(L, props, "Chinese", one_line(b->name));
    b->name_en = visible_name(L, props, "English", one_line(b->name_en));
    /* one name of the two is enough: a district outside China has no Chinese names, and
     * either interface shows the other language's name where its own is missing */
    if (louyu && !member(props, "name") && !member(props, "name_en"))
        L->unnamed++;
    if (!b->address)
        b->address = keep_string(L, text_or_null(get_string(L, props, "address", false)));
    b->address_en = keep_string(L, text_or_null(get_string(L, props, "address_en", false)));
    one_line(b->address);
    one_line(b->address_en);
}

/* A property a plain file gives: in louyu's own format any value (null is an error
 * there), elsewhere not null or blank text, which is how a shapefile's or a spreadsheet's
 * table says a value is not known. */
static const cJSON *given(const loader *L, const cJSON *props, const char *key)
{
    const cJSON *v = member(props, key);
    if (L->d->meta.is_louyu || !v)
        return v;
    return cJSON_IsNull(v) || (cJSON_IsString(v) && !text_or_null(v->valuestring)) ? NULL : v;
}

/* OSM's "levels" or "building:levels", when it is a usable number of storeys (how it
 * was read said when `note`). */
static const cJSON *osm_levels(loader *L, const cJSON *props, double *lv, bool *usable,
                               bool note)
{
    const cJSON *levels = tag(L, props, "levels");
    if (!levels)
        levels = tag(L, props, "building:levels");
    if (!levels || cJSON_IsNull(levels))
        levels = member(props, "num_floors"); /* Overture Maps */
    *lv = 0;
    int how;
    *usable = levels && osm_number(levels, false, lv, &how) && *lv >= 1 && *lv <= MAX_FLOORS;
    if (*usable && note)
        osm_note(L, levels, how, *lv, "");
    return levels;
}

/* OSM's roof:height, or roof:levels in storeys: what a roof adds above the building's
 * levels (a pitched roof, an attic), 0 when neither is usable (said). */
static double roof_height(loader *L, const cJSON *props)
{
    const cJSON *rh = tag(L, props, "roof:height");
    double x;
    int how;
    char got[64];
    if (rh && !cJSON_IsNull(rh)) {
        if (osm_number(rh, true, &x, &how) && x >= 0 && x <= MAX_ROOF_M) {
            osm_note(L, rh, how, x, " m");
            return x;
        }
        warn(L, rh, "\"roof:height\" is %s: expected a height in metres from 0 to %g; the "
             "roof is left out of the height", show(rh, got), MAX_ROOF_M);
        return 0;
    }
    const cJSON *rl = tag(L, props, "roof:levels");
    if (rl && !cJSON_IsNull(rl)) {
        if (osm_number(rl, false, &x, &how) && x >= 0 && x * DEFAULT_STOREY_M <= MAX_ROOF_M) {
            osm_note(L, rl, how, x, "");
            return x * DEFAULT_STOREY_M;
        }
        warn(L, rl, "\"roof:levels\" is %s: expected a number of levels in the roof from 0 to "
             "%d; the roof is left out of the height", show(rl, got),
             (int)(MAX_ROOF_M / DEFAULT_STOREY_M));
    }
    return 0;
}

/* Height: height_m, or OSM's height (or building:height), or levels with the roof on
 * them, or 10 m. */
static bool building_height(loader *L, const cJSON *props, ly_building *b)
{
    double lv, zero = -1;
    bool have_levels;
    int how0;
    const cJSON *levels = osm_levels(L, props, &lv, &have_levels, false);
    if (levels && !have_levels && !osm_number(levels, false, &zero, &how0))
        zero = -1; /* (0: a roof or a carport, one storey high) */
    if (given(L, props, "height_m") || L->d->meta.is_louyu)
        return get_number(L, props, "height_m", true, R_HEIGHT, &b->height_m);
    const cJSON *oh = tag(L, props, "height");
    if (!oh || cJSON_IsNull(oh))
        oh = tag(L, props, "building:height"); /* an older tag, still on some buildings */
    if (cJSON_IsNumber(oh) && oh->valuedouble == -1)
        oh = NULL; /* Microsoft's building footprints write -1 for a height not known */
    double h;
    char got[64];
    int how;
    if (oh && osm_number(oh, true, &h, &how)) {
        if (h > 0 && h < 0.5) {
            /* a wall's or a kerb's, or a unit slipped: flat on the map, so one storey */
            warn(L, oh, "\"%s\" is %g m, under half a metre: drawn as one storey (%g m)",
                 oh->string, h, DEFAULT_STOREY_M);
            b->height_m = DEFAULT_STOREY_M;
            return true;
        }
        if (h > 0 && h <= MAX_HEIGHT_M) {
            osm_note(L, oh, how, h, " m");
            b->height_m = h;
            /* the height is to the roof's top: the storeys are under the roof */
            double roof = roof_height(L, props);
            if (roof >= h - DEFAULT_STOREY_M / 2 && roof > 0)
                warn(L, oh, "the roof (%g m) is not below \"%s\" %g m: expected a roof lower "
                     "than the building; the storeys are counted to the top", roof, oh->string, h);
            else
                L->roof_m = roof;
            return true;
        }
        if (h == 0) {
            /* OSM has flat structures mapped with height 0: draw one storey. */
            warn(L, oh, "\"%s\" is 0: drawn as one storey (%g m)", oh->string,
                 DEFAULT_STOREY_M);
            b->height_m = DEFAULT_STOREY_M;
            return true;
        }
        err(L, oh, "\"%s\" is %s: expected a height in metres > 0 and ≤ %g", oh->string,
            show(oh, got), MAX_HEIGHT_M);
        return false;
    }
    if (oh && !cJSON_IsNull(oh)) {
        err(L, oh, "\"%s\" is %s: expected a height in metres (a number, or text such as "
            "\"12.5\", \"12.5 m\" or \"41 ft\")", oh->string, show(oh, got));
        return false;
    }
    /* a table's storeys with no height (a planning table's 层数 column): 3.2 m each, as
     * OSM's levels (it had been 10 m, and refused as 1 m a floor past five floors) */
    const cJSON *fv = given(L, props, "floors");
    double fl;
    int howf;
    if (!have_levels && fv && osm_number(fv, false, &fl, &howf) && fl == floor(fl) && fl >= 1 &&
        fl <= MAX_FLOORS) {
        L->roof_m = roof_height(L, props);
        b->height_m = fl * DEFAULT_STOREY_M + L->roof_m;
        L->height_from = "its floors (3.2 m each)";
        return true;
    }
    b->height_m = have_levels ? lv * DEFAULT_STOREY_M : zero == 0 ? DEFAULT_STOREY_M : 10.0;
    L->height_from = have_levels ? "its levels (3.2 m each)" : "louyu's default";
    if (have_levels) { /* the levels are under the roof: its height on top */
        L->roof_m = roof_height(L, props);
        b->height_m += L->roof_m;
    }
    return true;
}

/* Floors: "floors", or OSM's levels, or the height in storeys of 3.2 m; then the
 * storey height must make sense. */
static bool building_floors(loader *L, const cJSON *props, ly_building *b, bool height_ok)
{
    bool louyu = L->d->meta.is_louyu, floors_ok = false, have_levels;
    double lv, x;
    int how;
    const cJSON *levels = osm_levels(L, props, &lv, &have_levels, true);
    const cJSON *fv = given(L, props, "floors");
    char got[64];
    if (fv && !louyu && cJSON_IsString(fv) && osm_number(fv, false, &x, &how) &&
        x == floor(x) && x >= 1 && x <= MAX_FLOORS) {
        /* another tool's file: a whole number as text, what a spreadsheet's column becomes
         * through ogr2ogr ("8"), read as levels are */
        osm_note(L, fv, how, x, "");
        b->floors = (int)x;
        floors_ok = true;
    } else if (fv || louyu) {
        floors_ok = get_number(L, props, "floors", true, R_FLOORS, &x);
        if (floors_ok)
            b->floors = (int)x;
    } else if (have_levels) {
        b->floors = (int)lv;
        floors_ok = true;
    } else if (levels && !cJSON_IsNull(levels) && osm_number(levels, false, &x, &how) && x == 0) {
        /* OSM's roofs, carports and canopies: no storey of their own */
        warn(L, levels, "\"%s\" is 0 (a roof or a canopy, no storey of its own): drawn as one "
             "storey", levels->string);
        b->floors = 1;
        floors_ok = true;
    } else if (levels && !cJSON_IsNull(levels)) {
        err(L, levels, "\"%s\" is %s: expected a number of storeys from 1 to %d", levels->string,
            show(levels, got), MAX_FLOORS);
    } else if (height_ok) {
        int f = (int)lround((b->height_m - L->roof_m) / DEFAULT_STOREY_M);
        b->floors = f < 1 ? 1 : f > MAX_FLOORS ? MAX_FLOORS : f;
        floors_ok = true;
    }
    if (!height_ok || !floors_ok)
        return floors_ok;
    double storey = (b->height_m - L->roof_m) / b->floors, whole = b->height_m / b->floors;
    const cJSON *at = fv ? fv : levels ? levels : props;
    if (L->roof_m > 0 && (storey < 2.0 || storey > 12.0) && whole >= 2.0 && whole <= 12.0) {
        /* a roof the storeys do not fit under (roof:levels' is louyu's guess, 3.2 m each):
         * counted to the top, as before roofs were kept out of the storeys */
        warn(L, at, "the roof (%g m) leaves %g m for %d floor%s (%.2f m each): the storeys are "
             "counted to the top, %.2f m each", L->roof_m, b->height_m - L->roof_m, b->floors,
             b->floors == 1 ? "" : "s", storey, whole);
        L->roof_m = 0;
        storey = whole;
    }
    if (storey >= 2.0 && storey <= 12.0)
        return true;
    if (louyu || fv)
        err(L, at, "height_m %g with %d floor%s gives %.2f m per floor: expected 2 to "
            "12 m per floor", b->height_m, b->floors, b->floors == 1 ? "" : "s", storey);
    else if (storey < 2.0) { /* OSM levels above a short height: trust the height */
        int was = b->floors;
        b->floors = (int)fmax(1, floor((b->height_m - L->roof_m) / DEFAULT_STOREY_M));
        if (b->floors != was) /* (one level in a shed of 1.8 m stays one) */
            warn(L, at, "%d levels in a height of %g m (%.2f m each): the storeys are counted "
                 "from the height, %d", was, b->height_m, storey, b->floors);
    }
    return true;
}

/* OSM's building:min_level (the levels a part leaves out below it, as a part over a
 * passage): its base at that many of the building's storeys. */
static void building_min_level(loader *L, const cJSON *props, ly_building *b)
{
    const cJSON *ml = tag(L, props, "building:min_level");
    if (!ml)
        ml = tag(L, props, "min_level");
    double lv;
    int how;
    if (!ml || cJSON_IsNull(ml) || b->floors <= 0)
        return;
    double storey = (b->height_m - L->roof_m) / b->floors;
    if (osm_number(ml, false, &lv, &how) && lv >= 0 && lv < b->floors && lv == floor(lv)) {
        b->min_height_m = lv * storey;
        return;
    }
    char got[64];
    warn(L, ml, "\"%s\" is %s: expected a whole number of levels from 0 to %d (the levels "
         "below this part's %d); its base is left at the ground", ml->string, show(ml, got),
         b->floors - 1, b->floors);
}

static void building_min_height(loader *L, const cJSON *props, ly_building *b)
{
    bool louyu = L->d->meta.is_louyu;
    const cJSON *mh = member(props, "min_height_m");
    const char *mh_key = "min_height_m";
    if (!mh && !louyu) {
        mh = tag(L, props, "min_height");
        mh_key = "min_height";
    }
    if ((!mh || cJSON_IsNull(mh)) && !louyu) {
        building_min_level(L, props, b);
        return;
    }
    if (!mh || cJSON_IsNull(mh))
        return;
    range r = {0, b->height_m, false, true, false};
    double m;
    int how;
    if (!louyu && cJSON_IsString(mh) && osm_number(mh, true, &m, &how) && in_range(&r, m)) {
        osm_note(L, mh, how, m, " m");
        b->min_height_m = m;
    } else if (!louyu && cJSON_IsString(mh) && osm_number(mh, true, &m, &how) &&
               L->height_from && m >= b->height_m) {
        /* the top is no tag's: say where it came from and what is missing */
        err(L, mh, "\"%s\" is \"%.40s\", %g m, but the building has no height: its top, "
            "%g m, is from %s; expected a \"height\" above %g m (the top, in metres)", mh_key,
            mh->valuestring, m, b->height_m, L->height_from, m);
    } else if (!louyu && cJSON_IsString(mh) && osm_number(mh, true, &m, &how)) {
        err(L, mh, "\"%s\" is \"%.40s\", %g m: expected a base from 0 m to below the "
            "building's top, %g m", mh_key, mh->valuestring, m, b->height_m);
    } else if (!louyu && cJSON_IsNumber(mh) && L->height_from && mh->valuedouble >= b->height_m &&
               mh->valuedouble <= MAX_HEIGHT_M) {
        /* (the top it is measured against is no number the file gave) */
        char got[64];
        err(L, mh, "\"%s\" is %s, but the building has no height: its top, %g m, is from %s; "
            "expected a \"height\" above %s m (the top, in metres)", mh_key, show(mh, got),
            b->height_m, L->height_from, got);
    } else if (check_number(L, mh, mh_key, r, &m))
        b->min_height_m = m;
}

/* The figures, the contact and services, the floors' records and the enterprises. */
static void building_records(loader *L, const cJSON *props, ly_building *b, bool floors_ok)
{
    double x;
    const cJSON *v;
    if (get_number(L, props, "gfa_m2", false, R_POS, &x))
        b->gfa_m2 = x;
    if (get_rent(L, props, false, &x)) {
        const char *doubt = ly_rent_doubt(x); /* (0: none, which the card, the portal and
                                               * the finder had each taken otherwise) */
        if (doubt)
            warn(L, member(props, "rent_cny_m2_day"), "\"rent_cny_m2_day\" is %g: %s",
                 x == 0 ? 0.0 : x, doubt);
        if (x > 0)
            b->rent_cny_m2_day = x;
    }
    if (get_number(L, props, "tax_2010_cny", false, R_NONNEG, &x))
        b->tax_2010_cny = x;
    if ((v = member(props, "contact")) && !cJSON_IsNull(v))
        read_contact(L, v, b);
    if ((v = member(props, "services")) && !cJSON_IsNull(v))
        read_services(L, v, b);
    if ((v = member(props, "floor_records")) && !cJSON_IsNull(v))
        read_floor_records(L, v, b, floors_ok);
    else
        b->first_record = (uint32_t)L->d->n_records;
    if ((v = member(props, "enterprises")) && !cJSON_IsNull(v))
        read_enterprises(L, v, b, floors_ok);
    else
        b->first_enterprise = (uint32_t)L->d->n_enterprises;
}

/* OSM's building=roof: a roof on posts (a canopy over a petrol station or a platform),
 * drawn as a slab under its height, 5 m when the tags give none, rather than as a block. */
static void osm_roof(loader *L, const cJSON *props, ly_building *b)
{
    double lv;
    bool levels;
    osm_levels(L, props, &lv, &levels, false);
    if (!tag(L, props, "height") && !levels)
        b->height_m = 5;
    if (!tag(L, props, "min_height") && !tag(L, props, "building:min_level"))
        b->min_height_m = fmax(0, b->height_m - 0.5);
    b->floors = 1;
    L->roof_m = 0; /* (a roof alone: its one storey is all of it) */
}

static void read_building(loader *L, const cJSON *props, const char *id, const cJSON *geom)
{
    bool louyu = L->d->meta.is_louyu;
    ly_building b = {.id = id, .gfa_m2 = -1, .rent_cny_m2_day = -1, .tax_2010_cny = -1,
                     .feature = (uint32_t)L->feature};
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    bool geom_ok = read_areal(L, geom, "a building", &b.first_polygon, &b.n_polygons, box);
    if (L->nomem)
        return;
    building_names(L, props, &b);
    b.status = get_enum(L, props, "status", STATUS_NAMES, 2, LY_STATUS_COMPLETED, false);
    const char *osm_type = louyu ? NULL : plain_tag(L, props, "building");
    double x;
    if (get_number(L, props, "year", false, R_YEAR, &x))
        b.year = (int)x;
    L->roof_m = 0;
    L->height_from = NULL;
    bool height_ok = building_height(L, props, &b);
    bool floors_ok = building_floors(L, props, &b, height_ok);
    if (height_ok)
        building_min_height(L, props, &b);
    if (osm_type && !strcmp(osm_type, "roof") && height_ok && floors_ok)
        osm_roof(L, props, &b);
    if (floors_ok && height_ok)
        read_floor_heights(L, props, &b, floors_ok);
    if (geom_ok && height_ok)
        read_parts(L, member(props, "parts"), &b);
    building_records(L, props, &b, floors_ok);
    const cJSON *t = louyu ? NULL : tag(L, props, "building");
    if (!louyu && (!cJSON_IsString(t) || (L->fclass && t == L->fclass)) && !L->tags_nested)
        t = member(props, "type"); /* (nested: the element's; Geofabrik's: the building tag's) */
    b.type = keep_string(L, cJSON_IsString(t) ? t->valuestring : NULL);
    /* OpenStreetMap's building=construction (or a table's type column, as the map names
     * its type): a building being built (it had been shown as one, and said completed) */
    if (b.type && !strcmp(b.type, "construction") && !member(props, "status"))
        b.status = LY_STATUS_UNDER_CONSTRUCTION;
    b.extra = keep_extra(L, props, BUILDING_KEYS, sizeof BUILDING_KEYS / sizeof *BUILDING_KEYS);
    if (!geom_ok || !height_ok || !floors_ok)
        return;
    b.lon_min = box[0];
    b.lat_min = box[1];
    b.lon_max = box[2];
    b.lat_max = box[3];
    ly_building *slot = GROW(L, buildings, n_buildings, cap_buildings);
    if (slot)
        *slot = b;
    if (slot && !louyu && osm_part(L, props)) {
        if (ly_array_reserve((void **)&L->parts, &L->cap_parts, L->n_parts + 1,
                             sizeof *L->parts))
            L->nomem = true;
        else
            L->parts[L->n_parts++] = (ly_part_ref){(uint32_t)(L->d->n_buildings - 1),
                                                   (uint32_t)L->feature};
    }
}



/* ---- other features --------------------------------------------------------- */

static const char *const KIND_NAMES[LY_KIND_COUNT] = {"building", "road",   "park",
                                                     "water",    "boundary", "poi",
                                                     "camera",   "land_use"};
static const char *const ROAD_NAMES[LY_ROAD_COUNT] = {"primary", "secondary", "tertiary",
                                                     "residential", "footway"};
static const char *const WATER_NAMES[LY_WATER_COUNT] = {"sea", "lake", "river"};
static const char *const POI_NAMES[LY_POI_COUNT] = {
    "metro",    "bus",      "bank",   "hotel", "restaurant", "parking",
    "government", "landmark", "hospital", "school", "park",   "red_clubhouse"};
static const char *const FEATURE_KEYS[] = {"kind",    "id",        "name",   "name_en",
                                           "address", "width_m",   "class",  "water",
                                           "category", "since",    "heading_deg", "fov_deg",
                                           "snapshot", "stream",  "height_m", "layer",
                                           "walk"};
bool ly_geojson_reads_key(const char *key)
{
    return lookup(key, BUILDING_KEYS, (int)(sizeof BUILDING_KEYS / sizeof *BUILDING_KEYS)) >= 0 ||
           lookup(key, FEATURE_KEYS, (int)(sizeof FEATURE_KEYS / sizeof *FEATURE_KEYS)) >= 0;
}

static const double ROAD_DEFAULT_WIDTH[LY_ROAD_COUNT] = {24, 16, 12, 8, 4};

/* Whether a picture's path stays in the data file's folder: relative, with no ".."
 * step, no scheme or drive ("file:", "FILE:", "c:") and no backslash. */
static bool path_inside(const char *s)
{
    if (*s == '/' || strchr(s, '\\') || strcspn(s, ":") < strcspn(s, "/"))
        return false;
    for (const char *seg = s; *seg; seg += strcspn(seg, "/"), seg += *seg == '/')
        if (!strncmp(seg, "..", 2) && (seg[2] == '/' || seg[2] == 0))
            return false;
    return true;
}

/* A camera's picture source: an http:// or https:// URL, or (a still image only) a path
 * relative to the data file; no other scheme, no control characters, no spaces in a URL. */
static const char *camera_source(loader *L, const cJSON *props, const char *key, bool path_ok)
{
    const char *s = get_string(L, props, key, false);
    if (!s)
        return NULL;
    bool url = !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8); /* (any case) */
    bool clean = *s != 0, spaces = false;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        clean &= *c >= ' ' && *c != 0x7f;
        spaces |= *c == ' ';
    }
    if (url && clean && !spaces && strlen(s) > (s[4] == ':' ? 7u : 8u))
        return s;
    if (!url && path_ok && clean && path_inside(s))
        return s; /* (relative: a data file names no picture elsewhere on the machine) */
    err(L, member(props, key), "\"%s\" is \"%.80s\": expected %s", key, s,
        path_ok ? "an http:// or https:// URL of an image, or an image path inside the data "
                  "file's folder (relative, no \"..\")"
                : "an http:// or https:// URL of an MJPEG stream");
    return NULL;
}

/* ---- OpenStreetMap's kinds, in plain files ------------------------------------ */

static bool osm_in(const char *v, const char *const *vals)
{
    for (; v && *vals; vals++)
        if (!strcmp(v, *vals))
            return true;
    return false;
}

/* Whether a plain feature comes from OpenStreetMap, whose tags then say what it is: an
 * OSM id ("osm_id", "osm_way_id", "@id", or an id such as "way/123" or "node/45"), GDAL's
 * "other_tags", or a "building" or "highway" tag. A footprint file without these is all
 * buildings. */
static bool osm_feature(const loader *L, const cJSON *feature, const cJSON *props)
{
    static const char *const MARKS[] = {"osm_id", "osm_way_id", "@id", "other_tags", "building",
                                        "highway"};
    for (size_t i = 0; cJSON_IsObject(props) && i < sizeof MARKS / sizeof *MARKS; i++)
        if (member(props, MARKS[i]))
            return true;
    const cJSON *id = member(feature, "id");
    return L->tags || (cJSON_IsString(id) && (!strncmp(id->valuestring, "way/", 4) ||
                                              !strncmp(id->valuestring, "relation/", 9) ||
                                              !strncmp(id->valuestring, "node/", 5)));
}

/* An OSM area: a building (a "building" tag other than "no"), a park or water (drawn on
 * the ground), another kind of area (-1: land use, a car park, a school's grounds), or,
 * with none of these tags, a building. */
static int osm_area_kind(const loader *L, const cJSON *props)
{
    const char *loc = plain_tag(L, props, "location");
    if (loc && !strcmp(loc, "underground"))
        return -1; /* an underground car park, a station's halls: nothing to see above */
    /* building=no, and buildings not (or no longer) there: proposed, demolished */
    static const char *const NOT_THERE[] = {"no", "proposed", "demolished", "razed",
                                            "destroyed", NULL};
    const char *b = plain_tag(L, props, "building");
    if (b && !osm_in(b, NOT_THERE))
        return LY_KIND_BUILDING;
    static const char *const LEISURE[] = {"park", "garden", "playground", "recreation_ground",
                                          "common", "nature_reserve", NULL};
    static const char *const LANDUSE_GREEN[] = {"grass", "forest", "meadow", "village_green",
                                                "recreation_ground", "park", NULL};
    static const char *const NATURAL_GREEN[] = {"wood", "grassland", "scrub", "heath", NULL};
    static const char *const NATURAL_WATER[] = {"water", "bay", "strait", NULL};
    static const char *const LANDUSE_WATER[] = {"reservoir", "basin", NULL};
    static const char *const WATERWAY_AREA[] = {"riverbank", "dock", NULL};
    const char *landuse = plain_tag(L, props, "landuse"), *natural = plain_tag(L, props, "natural");
    if (osm_in(plain_tag(L, props, "leisure"), LEISURE) || osm_in(landuse, LANDUSE_GREEN) ||
        osm_in(natural, NATURAL_GREEN))
        return LY_KIND_PARK;
    if (osm_in(natural, NATURAL_WATER) || osm_in(landuse, LANDUSE_WATER) ||
        osm_in(plain_tag(L, props, "waterway"), WATERWAY_AREA) || plain_tag(L, props, "water"))
        return LY_KIND_WATER;
    /* what says an area is something else than a building (a shop's or an office's
     * premises inside one, a car park, a square: area=yes), or that it is none (building=no,
     * building:part=no) */
    static const char *const AREA_KEYS[] = {"landuse",  "leisure",   "natural",  "amenity",
                                            "place",    "boundary",  "highway",  "railway",
                                            "aeroway",  "waterway",  "military", "tourism",
                                            "historic", "barrier",   "power",    "man_made",
                                            "shop",     "office",    "craft",    "healthcare",
                                            "parking",  "public_transport",      "golf",
                                            "sport",    "area",      "emergency"};
    for (size_t i = 0; i < sizeof AREA_KEYS / sizeof *AREA_KEYS; i++)
        if (plain_tag(L, props, AREA_KEYS[i]))
            return -1;
    const char *part = plain_tag(L, props, "building:part");
    if (b || (part && !strcmp(part, "no")))
        return -1;
    return LY_KIND_BUILDING;
}

/* An OSM "highway" as louyu's road classes; -1 for what is not a road drawn on the map
 * (a platform, a road being built, a proposal). */
static int osm_road_class(const char *highway)
{
    static const char *const CLASSES[LY_ROAD_COUNT][8] = {
        [LY_ROAD_PRIMARY] = {"motorway", "trunk", "primary", "motorway_link", "trunk_link",
                             "primary_link", NULL},
        [LY_ROAD_SECONDARY] = {"secondary", "secondary_link", NULL},
        [LY_ROAD_TERTIARY] = {"tertiary", "tertiary_link", "unclassified", "road", NULL},
        [LY_ROAD_RESIDENTIAL] = {"residential", "living_street", "service", NULL},
        [LY_ROAD_FOOTWAY] = {"footway", "path", "pedestrian", "steps", "cycleway", "track",
                             "corridor", NULL}};
    for (int c = 0; highway && c < LY_ROAD_COUNT; c++)
        if (osm_in(highway, CLASSES[c]))
            return c;
    return -1;
}

/* An OpenStreetMap way's level: its layer tag, else 1 on a bridge and -1 in a tunnel (a
 * passage through a building is at the ground's); 0 for the ground. Geofabrik's shapefiles
 * give the layer as a number and bridge and tunnel as T or F. */
static int osm_layer(const loader *L, const cJSON *props)
{
    const cJSON *v = tag(L, props, "layer");
    double x = NAN;
    char *end;
    if (cJSON_IsNumber(v))
        x = v->valuedouble;
    else if (cJSON_IsString(v) && (x = strtod(v->valuestring, &end), end == v->valuestring))
        x = NAN; /* ("1;2", a mapper's list: its first) */
    if (isfinite(x))
        return x < -5 ? -5 : x > 5 ? 5 : (int)lround(x);
    static const char *const NOT[] = {"no", "F", "building_passage", NULL};
    const char *bridge = plain_tag(L, props, "bridge"), *tunnel = plain_tag(L, props, "tunnel");
    if (bridge && !osm_in(bridge, NOT))
        return 1;
    if (tunnel && !osm_in(tunnel, NOT))
        return -1;
    return 0;
}

/* Whether people may walk on an OpenStreetMap way: foot=yes (designated, permissive)
 * says so; foot=no (or use_sidepath: the footway beside it) says not, as do a motorway and
 * access=no or private. */
static bool osm_walkable(const loader *L, const cJSON *props, const char *highway)
{
    static const char *const YES[] = {"yes", "designated", "permissive", "official", NULL};
    static const char *const NO[] = {"no", "use_sidepath", "private", NULL};
    static const char *const MOTORWAY[] = {"motorway", "motorway_link", NULL};
    const char *foot = plain_tag(L, props, "foot"), *access = plain_tag(L, props, "access");
    if (foot && osm_in(foot, YES))
        return true;
    if (foot && osm_in(foot, NO))
        return false;
    return !osm_in(highway, MOTORWAY) && !(access && osm_in(access, NO));
}

/* An OSM point's category of place (-1: none louyu shows): a metro station or entrance,
 * a bus stop, a bank, a hotel, a restaurant or café, a car park, a government office, a
 * hospital or clinic, a school, a park, a sight. */
static int osm_poi_category(const loader *L, const cJSON *props)
{
    static const struct {
        const char *key, *const values[8];
        int category;
    } RULES[] = {
        {"railway", {"subway_entrance", NULL}, LY_POI_METRO},
        {"station", {"subway", NULL}, LY_POI_METRO},
        {"highway", {"bus_stop", NULL}, LY_POI_BUS},
        {"amenity", {"bus_station", NULL}, LY_POI_BUS},
        {"amenity", {"bank", NULL}, LY_POI_BANK},
        {"tourism", {"hotel", "hostel", "guest_house", "motel", NULL}, LY_POI_HOTEL},
        {"amenity", {"restaurant", "fast_food", "cafe", "food_court", NULL}, LY_POI_RESTAURANT},
        {"amenity", {"parking", "parking_entrance", "parking_site", "parking_multistorey",
                     "parking_underground", NULL}, LY_POI_PARKING},
        {"amenity", {"townhall", "town_hall", "courthouse", NULL}, LY_POI_GOVERNMENT},
        {"office", {"government", NULL}, LY_POI_GOVERNMENT},
        {"amenity", {"hospital", "clinic", NULL}, LY_POI_HOSPITAL},
        {"amenity", {"school", "university", "college", "kindergarten", NULL}, LY_POI_SCHOOL},
        {"leisure", {"park", "garden", NULL}, LY_POI_PARK},
        {"tourism", {"attraction", "museum", "viewpoint", NULL}, LY_POI_LANDMARK},
    };
    for (size_t i = 0; i < sizeof RULES / sizeof *RULES; i++)
        if (osm_in(plain_tag(L, props, RULES[i].key), RULES[i].values))
            return RULES[i].category;
    return -1;
}

/* OSM's kind of water as louyu's: rivers and canals, the sea, else a lake. */
static int osm_water_type(const loader *L, const cJSON *props)
{
    static const char *const RIVER[] = {"river", "canal", "stream", "oxbow", "riverbank", NULL};
    static const char *const SEA[] = {"sea", "bay", "strait", "lagoon", "ocean", NULL};
    const char *w = plain_tag(L, props, "water"), *n = plain_tag(L, props, "natural");
    if (osm_in(w, RIVER) || osm_in(plain_tag(L, props, "waterway"), RIVER))
        return LY_WATER_RIVER;
    if (osm_in(w, SEA) || osm_in(n, SEA))
        return LY_WATER_SEA;
    return LY_WATER_LAKE;
}

/* A road's layer and whether it is walked: by its OpenStreetMap tags, or louyu's "layer"
 * (-5 to 5) and "walk" (true or false). */
static void road_level(loader *L, const cJSON *props, bool by_tags, ly_feature *f)
{
    double x;
    if (by_tags) {
        f->layer = (int8_t)osm_layer(L, props);
        f->no_walk = !osm_walkable(L, props, plain_tag(L, props, "highway"));
        return;
    }
    if (get_number(L, props, "layer", false, (range){-5, 5, false, false, true}, &x))
        f->layer = (int8_t)x;
    const cJSON *walk = member(props, "walk");
    char got[64];
    if (walk && !cJSON_IsNull(walk) && !cJSON_IsBool(walk))
        err(L, walk, "\"walk\" is %s: expected true (people walk on it, the default) or false "
            "(a motorway, a road closed to people on foot)", show(walk, got));
    f->no_walk = cJSON_IsFalse(walk);
}

static void read_feature(loader *L, ly_kind kind, const cJSON *props, const char *id,
                         const cJSON *geom)
{
    ly_feature f = {.kind = kind, .id = id, .feature = (uint32_t)L->feature};
    /* a plain file's feature without "kind" is what its OpenStreetMap tags say */
    bool by_tags = !L->d->meta.is_louyu && !member(props, "kind");
    f.name = keep_string(L, text_or_null(get_string(L, props, "name", false)));
    f.name_en = keep_string(L, get_string(L, props, "name_en", false));
    if (!L->d->meta.is_louyu && !f.name)
        f.name = keep_string(L, plain_tag(L, props, "name"));
    if (!L->d->meta.is_louyu && !f.name)
        f.name = keep_string(L, zh_name(L, props));
    if (!L->d->meta.is_louyu && !f.name_en)
        f.name_en = keep_string(L, plain_tag(L, props, "name:en"));
    f.address = keep_string(L, get_string(L, props, "address", false));
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    bool ok = true;
    double x;
    switch (kind) {
    case LY_KIND_ROAD:
        /* a road given as its area (as CityJSON gives it, and louyu exports it): filled */
        if (polygonal_collection(geom) ||
            (cJSON_IsObject(geom) && cJSON_IsString(member(geom, "type")) &&
             strstr(member(geom, "type")->valuestring, "Polygon")))
            ok = read_areal(L, geom, "a road's area", &f.first_polygon, &f.n_polygons, box);
        else
            ok = read_lines(L, geom, &f.first_line, &f.n_lines);
        f.subtype = by_tags ? osm_road_class(plain_tag(L, props, "highway"))
                            : get_enum(L, props, "class", ROAD_NAMES, LY_ROAD_COUNT,
                                       LY_ROAD_TERTIARY, false);
        f.subtype = f.subtype >= 0 && f.subtype < LY_ROAD_COUNT ? f.subtype : LY_ROAD_TERTIARY;
        f.width_m = ROAD_DEFAULT_WIDTH[f.subtype];
        if (get_number(L, props, "width_m", false, (range){0, 200, true, false, false}, &x))
            f.width_m = x;
        road_level(L, props, by_tags, &f);
        break;
    case LY_KIND_PARK:
    case LY_KIND_WATER:
    case LY_KIND_BOUNDARY:
    case LY_KIND_LAND_USE:
        ok = read_areal(L, geom, kind == LY_KIND_PARK       ? "a park"
                                 : kind == LY_KIND_WATER    ? "water"
                                 : kind == LY_KIND_LAND_USE ? "land use"
                                                            : "a boundary",
                        &f.first_polygon, &f.n_polygons, box);
        if (kind == LY_KIND_WATER && by_tags)
            f.subtype = osm_water_type(L, props);
        else if (kind == LY_KIND_WATER)
            f.subtype = get_enum(L, props, "water", WATER_NAMES, LY_WATER_COUNT, LY_WATER_SEA,
                                 false);
        break;
    case LY_KIND_POI:
        ok = by_tags && strcmp(get_string(L, geom, "type", true), "Point")
                 ? read_area_centre(L, geom, &f.lon, &f.lat)
                 : read_point(L, geom, &f.lon, &f.lat);
        f.subtype = by_tags ? osm_poi_category(L, props)
                            : get_enum(L, props, "category", POI_NAMES, LY_POI_COUNT,
                                       LY_POI_LANDMARK, true);
        if (get_number(L, props, "since", false, R_YEAR, &x))
            f.since = (int)x;
        break;
    case LY_KIND_CAMERA:
        ok = read_point(L, geom, &f.lon, &f.lat);
        get_number(L, props, "heading_deg", false, (range){0, 360, false, false, false},
                   &f.heading_deg);
        f.fov_deg = 60;
        get_number(L, props, "fov_deg", false, (range){1, 180, false, false, false}, &f.fov_deg);
        f.height_m = 8;
        get_number(L, props, "height_m", false, (range){0, 500, false, false, false}, &f.height_m);
        f.snapshot = keep_string(L, camera_source(L, props, "snapshot", true));
        f.stream = keep_string(L, camera_source(L, props, "stream", false));
        break;
    default:
        break;
    }
    f.extra = keep_extra(L, props, FEATURE_KEYS, sizeof FEATURE_KEYS / sizeof *FEATURE_KEYS);
    if (!ok)
        return;
    ly_feature *slot = GROW(L, features, n_features, cap_features);
    if (slot)
        *slot = f;
}

/* An OpenStreetMap building that is also a place by its tags (a hotel, a bank, a
 * hospital, a multi-storey car park): a place of that category on its roof, in the middle
 * of its outline, with its id and names, so that a building's Nearby tab finds it. */
static void building_place(loader *L, const cJSON *props, const ly_building *b)
{
    int category = osm_poi_category(L, props);
    if (category < 0 || !b->n_polygons)
        return;
    const ly_ring *r = &L->d->rings[L->d->polygons[b->first_polygon].first_ring];
    double sx = 0, sy = 0;
    for (uint32_t i = 0; i < r->n_points; i++) {
        sx += L->d->points[2 * ((size_t)r->first_point + i)];
        sy += L->d->points[2 * ((size_t)r->first_point + i) + 1];
    }
    ly_feature *slot = GROW(L, features, n_features, cap_features);
    if (slot)
        *slot = (ly_feature){.kind = LY_KIND_POI, .id = b->id, .name = b->name,
                             .name_en = b->name_en, .address = b->address,
                             .lon = sx / r->n_points, .lat = sy / r->n_points,
                             .subtype = category, .height_m = b->height_m,
                             .feature = (uint32_t)L->feature};
}

/* ---- features and metadata -------------------------------------------------- */

/* Where a feature's id may be: the Feature's "id" (RFC 7946), else its properties'
 * "id", or the OpenStreetMap id that exports write there ("@id", "osm_id", "osm_way_id"). */
static const char *const ID_KEYS[] = {"id", "@id", "osm_id", "osm_way_id"};

static const cJSON *id_member(const cJSON *feature, const cJSON *props)
{
    const cJSON *v = member(feature, "id");
    for (size_t k = 0; (!v || cJSON_IsNull(v)) && cJSON_IsObject(props) &&
                       k < sizeof ID_KEYS / sizeof *ID_KEYS; k++)
        v = member(props, ID_KEYS[k]);
    return v && !cJSON_IsNull(v) ? v : NULL;
}

/* A whole number below 2^53: any text that reads as it was this very integer. */
static bool exact_integer(double x)
{
    return x == floor(x) && fabs(x) < 9007199254740992.0;
}

static int by_raw_node(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct raw_id *)a)->node;
    uintptr_t y = (uintptr_t)((const struct raw_id *)b)->node;
    return (x > y) - (x < y);
}

/* Finds, in one walk of the text, where every numeric id that is not an exact
 * integer is written, so that it can be kept as written. */
static void find_raw_ids(loader *L, const cJSON *root, const cJSON *features)
{
    size_t n = 0;
    for (const cJSON *ft = features->child; ft; ft = ft->next) {
        const cJSON *v = id_member(ft, member(ft, "properties"));
        n += cJSON_IsNumber(v) && isfinite(v->valuedouble) && !exact_integer(v->valuedouble);
    }
    if (!n || !L->text)
        return;
    const cJSON **nodes = malloc(n * sizeof *nodes);
    size_t *offsets = malloc(n * sizeof *offsets);
    L->raw_ids = malloc(n * sizeof *L->raw_ids);
    if (!nodes || !offsets || !L->raw_ids) {
        free(nodes);
        free(offsets);
        L->nomem = true;
        return;
    }
    size_t k = 0;
    for (const cJSON *ft = features->child; ft; ft = ft->next) {
        const cJSON *v = id_member(ft, member(ft, "properties"));
        if (cJSON_IsNumber(v) && isfinite(v->valuedouble) && !exact_integer(v->valuedouble))
            nodes[k++] = v;
    }
    ly_json_locate(L->text, L->len, root, nodes, offsets, n);
    for (k = 0; k < n; k++)
        L->raw_ids[k] = (struct raw_id){nodes[k], offsets[k]};
    L->n_raw_ids = n;
    qsort(L->raw_ids, n, sizeof *L->raw_ids, by_raw_node);
    free(nodes);
    free(offsets);
}

/* A number's text as written in the file, into buf (false when unknown). */
static bool raw_number(const loader *L, const cJSON *v, char *buf, size_t n)
{
    struct raw_id key = {v, 0};
    const struct raw_id *r =
        L->n_raw_ids ? bsearch(&key, L->raw_ids, L->n_raw_ids, sizeof key, by_raw_node) : NULL;
    if (!r || r->offset >= L->len)
        return false;
    size_t k = 0;
    while (r->offset + k < L->len && k + 1 < n && strchr("+-0123456789.eE", L->text[r->offset + k]))
        k++;
    memcpy(buf, L->text + r->offset, k);
    buf[k] = '\0';
    return k > 0;
}

static const char *feature_id(loader *L, const cJSON *feature, const cJSON *props,
                              const cJSON **id_node)
{
    const cJSON *v = id_member(feature, props);
    *id_node = v;
    if (!v)
        return NULL;
    char buf[64];
    if (cJSON_IsString(v)) {
        if (!v->valuestring[0]) {
            err(L, v, "feature id is empty: expected a non-empty string or a number");
            return NULL;
        }
        return keep_string(L, v->valuestring);
    }
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        /* as written: OSM ids such as 1155353760 stay whole numbers, never 1.15535376e+09 */
        if (exact_integer(v->valuedouble))
            snprintf(buf, sizeof buf, "%.0f", v->valuedouble);
        else if (!raw_number(L, v, buf, sizeof buf))
            snprintf(buf, sizeof buf, "%.17g", v->valuedouble);
        return keep_string(L, buf);
    }
    err(L, v, "feature id is %s: expected a string or a number (RFC 7946)", type_name(v));
    return NULL;
}

static void set_where(loader *L, const char *id)
{
    if (id)
        snprintf(L->where, sizeof L->where, "feature %ld \"%.60s\": ", L->feature, id);
    else
        snprintf(L->where, sizeof L->where, "feature %ld: ", L->feature);
}

/* A LineString whose last position is its first (and has at least four). */
static bool closed_line(const cJSON *geom)
{
    const cJSON *c = member(geom, "coordinates");
    if (!cJSON_IsArray(c) || cJSON_GetArraySize(c) < 4)
        return false;
    const cJSON *a = c->child, *z = a;
    while (z->next)
        z = z->next;
    if (!cJSON_IsArray(a) || !cJSON_IsArray(z) || !a->child || !z->child || !a->child->next ||
        !z->child->next)
        return false;
    return cJSON_IsNumber(a->child) && cJSON_IsNumber(z->child) &&
           cJSON_IsNumber(a->child->next) && cJSON_IsNumber(z->child->next) &&
           a->child->valuedouble == z->child->valuedouble &&
           a->child->next->valuedouble == z->child->next->valuedouble;
}

/* What a feature is: its "kind", or in plain GeoJSON a building when its geometry is
 * a (Multi)Polygon. Returns the kind, or -1 when the feature is skipped or wrong
 * (said in diags). */
/* An empty geometry: RFC 7946 (3.1) allows empty coordinates, and GDAL writes POLYGON EMPTY
 * so (and an empty collection's "geometries"). */
static bool empty_geometry(const cJSON *g)
{
    const cJSON *c = member(g, "coordinates"), *gs = member(g, "geometries");
    return cJSON_IsObject(g) && ((cJSON_IsArray(c) && !c->child) ||
                                 (!c && cJSON_IsArray(gs) && !gs->child));
}

static int feature_kind(loader *L, const cJSON *feature, const cJSON *props, const cJSON **geom)
{
    bool louyu = L->d->meta.is_louyu;
    const cJSON *kind_node = member(props, "kind");
    int kind = -1;
    if (kind_node && !cJSON_IsNull(kind_node)) {
        kind = get_enum(L, props, "kind", KIND_NAMES, LY_KIND_COUNT, -1, false);
        if (kind < 0)
            return -1;
    } else if (louyu) {
        err(L, props, "missing \"kind\": expected one of building, road, park, water, boundary, "
            "poi, camera");
        return -1;
    }
    *geom = member(feature, "geometry");
    if (!*geom) {
        err(L, feature, "missing \"geometry\": expected a geometry object or null");
        return -1;
    }
    /* (another tool's empty one is none, too; in louyu's own file a building with no rings
     * is a mistake, said where it is, and a feature of a kind keeps what it says) */
    if (cJSON_IsNull(*geom) || (!louyu && kind < 0 && empty_geometry(*geom))) {
        if (louyu || kind >= 0)
            warn(L, *geom, "geometry is %s: the feature is skipped",
                 cJSON_IsNull(*geom) ? "null" : "empty");
        L->d->n_skipped++;
        return -1;
    }
    if (kind >= 0)
        return kind;
    /* Plain GeoJSON: polygons are buildings, and OpenStreetMap's other areas and ways
     * what their tags say; everything else is skipped. */
    const char *gt = cJSON_IsObject(*geom) ? get_string(L, *geom, "type", true) : NULL;
    if (!gt) {
        if (!cJSON_IsObject(*geom))
            err(L, *geom, "geometry is %s: expected a geometry object", type_name(*geom));
        return -1;
    }
    static const char *const GEOMETRIES[] = {"Point",      "MultiPoint",   "LineString",
                                             "MultiLineString", "Polygon", "MultiPolygon",
                                             "GeometryCollection"};
    bool known = false;
    for (size_t i = 0; i < sizeof GEOMETRIES / sizeof *GEOMETRIES && !known; i++)
        known = !strcmp(gt, GEOMETRIES[i]);
    if (!known) {
        err(L, member(*geom, "type"), "geometry \"type\" is \"%.40s\": expected one of "
            "GeoJSON's Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or "
            "GeometryCollection (spelt as they are: the names are case-sensitive)", gt);
        return -1;
    }
    bool osm = osm_feature(L, feature, props);
    if (!strcmp(gt, "Polygon") || !strcmp(gt, "MultiPolygon") || polygonal_collection(*geom)) {
        kind = osm ? osm_area_kind(L, props) : LY_KIND_BUILDING;
        if (kind < 0 && osm_poi_category(L, props) >= 0)
            kind = LY_KIND_POI; /* a place mapped as an area: its marker in the middle */
    } else if (osm && !strcmp(gt, "LineString") && osm_part(L, props) && closed_line(*geom)) {
        kind = LY_KIND_BUILDING; /* a part GDAL wrote as a line: its ring */
        L->line_area = true;
    } else if (osm && (!strcmp(gt, "LineString") || !strcmp(gt, "MultiLineString")) &&
             osm_road_class(plain_tag(L, props, "highway")) >= 0)
        kind = LY_KIND_ROAD;
    else if (osm && !strcmp(gt, "Point") && osm_poi_category(L, props) >= 0)
        kind = LY_KIND_POI;
    if (kind < 0)
        L->d->n_skipped++;
    return kind;
}

/* The id of an OpenStreetMap feature whose number another already has, as the kind of
 * element it is ("way/12"): GDAL writes a way's number as "osm_way_id" and a relation's,
 * node's or line's as "osm_id" (its multipolygons, points and lines layers), and a way and a
 * relation, or a node and a way, may have the same number. False for any other feature. */
static bool osm_qualified(const loader *L, const cJSON *feature, const cJSON *id_node,
                          const char *id, char *out, size_t n)
{
    if (L->d->meta.is_louyu || !id_node->string || strchr(id, '/'))
        return false;
    const char *kind = NULL;
    if (!strcmp(id_node->string, "osm_way_id")) {
        kind = "way";
    } else if (!strcmp(id_node->string, "osm_id")) {
        const cJSON *g = member(feature, "geometry");
        const cJSON *t = cJSON_IsObject(g) ? member(g, "type") : NULL;
        const char *gt = cJSON_IsString(t) ? t->valuestring : "";
        kind = strstr(gt, "Point") ? "node" : strstr(gt, "LineString") ? "way"
               : strstr(gt, "Polygon")                                 ? "relation"
                                                                       : NULL;
    }
    return kind && snprintf(out, n, "%s/%s", kind, id) < (int)n;
}

/* The id louyu gave feature `generated` (it has none) is written on this one: the
 * written id wins, and that building is given the next free "#N-K". Returns false when
 * out of memory. */
static bool give_way(loader *L, const char *id, const cJSON *id_node, long generated)
{
    size_t j = ly_hash_str(id) & (L->id_cap - 1);
    while (strcmp(L->id_keys[j], id))
        j = (j + 1) & (L->id_cap - 1);
    const char *old = L->id_keys[j];
    L->id_nodes[j] = id_node;
    L->id_vals[j] = (uint32_t)L->feature + 1;
    long here = L->feature;
    L->feature = generated; /* (the new claim is that feature's) */
    char buf[48];
    const cJSON *first = NULL;
    const char *renamed = NULL;
    for (int k = 2; k < 1 << 20; k++) {
        snprintf(buf, sizeof buf, "#%ld-%d", generated, k);
        if (!(renamed = keep_string(L, buf)) || claim_id(L, renamed, NULL, &first) < 0)
            break;
    }
    L->feature = here;
    for (size_t i = 0; renamed && i < L->d->n_buildings; i++)
        if (L->d->buildings[i].id == old)
            L->d->buildings[i].id = renamed;
    return renamed != NULL;
}

/* A building needs an id: a plain file's gets one from its place in the file. Then
 * every id is unique. Returns the id, or NULL when the feature is refused. */
static const char *unique_id(loader *L, const cJSON *feature, int kind, const char *id,
                             const cJSON *id_node, bool id_bad)
{
    if (kind == LY_KIND_BUILDING && !id) {
        if (id_bad)
            return NULL; /* already reported */
        if (L->d->meta.is_louyu) {
            err(L, feature, "building has no id: expected a unique \"id\" (a string such as "
                "\"wtc\") so it can be selected and linked");
            return NULL;
        }
        /* "#N" from its place, unless a written id took that already: "#N-2", ... */
        char buf[48];
        const cJSON *first = NULL;
        snprintf(buf, sizeof buf, "#%ld", L->feature);
        for (int k = 2; (id = keep_string(L, buf)) && claim_id(L, id, NULL, &first) >= 0; k++)
            snprintf(buf, sizeof buf, "#%ld-%d", L->feature, k);
        if (!id)
            return NULL;
        set_where(L, id);
    }
    if (id && id_node) {
        const cJSON *first = NULL;
        long prev = claim_id(L, id, id_node, &first);
        char qualified[96];
        if (prev >= 0 && osm_qualified(L, feature, id_node, id, qualified, sizeof qualified)) {
            id = keep_string(L, qualified);
            set_where(L, id);
            prev = id ? claim_id(L, id, id_node, &first) : -1;
        }
        if (prev >= 0 && !first) /* the id louyu gave a building that has none */
            prev = give_way(L, id, id_node, prev) ? -1 : prev;
        if (prev >= 0) {
            err(L, id_node, "duplicate id \"%s\": feature %ld already uses it: expected ids "
                "unique within the file", id, prev);
            return NULL;
        }
    }
    return id ? id : "";
}

bool ly_lon_unwrapped(double lo, double hi)
{
    /* (a building, a park or a district's boundary is a few degrees wide at most: a
     * geometry from 120 to 181 is a mistake at 181, not a third of the earth) */
    return hi - lo < 10 && ((lo >= -180 && lo <= 180 && hi > 180) ||
                             (hi >= -180 && hi <= 180 && lo < -180));
}

/* The least and greatest first number of the positions in coordinates c, down to depth
 * arrays deep. */
static void lon_span(const cJSON *c, int depth, double *lo, double *hi)
{
    if (!cJSON_IsArray(c) || depth < 0)
        return;
    if (cJSON_IsNumber(c->child)) {
        *lo = fmin(*lo, c->child->valuedouble);
        *hi = fmax(*hi, c->child->valuedouble);
        return;
    }
    for (const cJSON *k = c->child; k; k = k->next)
        lon_span(k, depth - 1, lo, hi);
}

/* Whether a geometry (or a collection's members) lies across 180° unwrapped. */
static bool geometry_unwrapped(const cJSON *geom)
{
    if (!cJSON_IsObject(geom))
        return false;
    double lo = INFINITY, hi = -INFINITY;
    lon_span(member(geom, "coordinates"), 4, &lo, &hi);
    const cJSON *all = member(geom, "geometries");
    for (const cJSON *g = cJSON_IsArray(all) ? all->child : NULL; g; g = g->next)
        if (cJSON_IsObject(g))
            lon_span(member(g, "coordinates"), 4, &lo, &hi);
    return ly_lon_unwrapped(lo, hi);
}

/* The first position of a geometry (of any type), in lon/lat; false where it has none. */
static bool first_position(const cJSON *geom, double *lon, double *lat)
{
    const cJSON *c = cJSON_IsObject(geom) ? member(geom, "coordinates") : NULL;
    while (cJSON_IsArray(c) && cJSON_IsArray(c->child))
        c = c->child;
    if (!cJSON_IsArray(c) || !cJSON_IsNumber(c->child) || !cJSON_IsNumber(c->child->next))
        return false;
    *lon = c->child->valuedouble;
    *lat = c->child->next->valuedouble;
    return isfinite(*lon) && isfinite(*lat) && fabs(*lon) <= 180 && fabs(*lat) <= 90;
}

/* Kilometres between two lon/lat points (a sphere of the earth's mean radius). */
static double km_between(const double a[2], const double b[2])
{
    double p1 = a[1] * M_PI / 180, p2 = b[1] * M_PI / 180;
    double dp = p2 - p1, dl = (b[0] - a[0]) * M_PI / 180;
    double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * 6371.0088 * asin(fmin(1.0, sqrt(h)));
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Where the data is: the median of the features' first positions; a feature whose first
 * position is over max(2,500 km, 40 times the distance within which half of them lie) from
 * it is a stray (an export's placeholder at 0, 0, say), which would make the map a planet
 * wide. Files in another reference system, or of fewer than 5 features, are not checked. */
static void find_centre(loader *L, const cJSON *features)
{
    L->stray_km = 0;
#ifndef LY_WEB
    if (L->pj)
        return;
#endif
    size_t n = 0, cap = (size_t)cJSON_GetArraySize(features);
    double *v = cap >= 5 ? malloc(3 * cap * sizeof *v) : NULL;
    if (!v)
        return;
    double *lon = v, *lat = v + cap, *dist = v + 2 * cap;
    for (const cJSON *ft = features->child; ft; ft = ft->next)
        if (cJSON_IsObject(ft) && first_position(member(ft, "geometry"), &lon[n], &lat[n]))
            n++;
    if (n >= 5) {
        double *sorted = dist; /* scratch until the distances */
        memcpy(sorted, lon, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, by_value);
        L->centre[0] = sorted[n / 2];
        memcpy(sorted, lat, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, by_value);
        L->centre[1] = sorted[n / 2];
        for (size_t i = 0; i < n; i++)
            dist[i] = km_between(L->centre, (double[2]){lon[i], lat[i]});
        qsort(dist, n, sizeof *dist, by_value);
        L->stray_km = fmax(2500.0, 40 * dist[n / 2]);
    }
    free(v);
}

/* A feature far from the rest of the data (find_centre): an error at its geometry. */
static bool stray(loader *L, const cJSON *geom)
{
    double p[2];
    if (!L->stray_km || !first_position(geom, &p[0], &p[1]))
        return false;
    double km = km_between(L->centre, p);
    if (km <= L->stray_km)
        return false;
    err(L, geom, "the feature is %.0f km from the rest of the data (it starts at %.6g, %.6g; "
        "the rest is around %.4f, %.4f): expected it near the others (an export's stray "
        "feature, such as one at 0, 0, is a common error)", km, p[0], p[1], L->centre[0],
        L->centre[1]);
    return true;
}

/* A member given twice in one object: JSON readers disagree on which counts (louyu reads
 * the first, JavaScript and Python the last), so it is said. Objects of up to 256 members
 * are looked at. */
static void twice(loader *L, const cJSON *obj)
{
    int n = 0;
    for (const cJSON *a = cJSON_IsObject(obj) ? obj->child : NULL; a && n < 256; a = a->next, n++)
        for (const cJSON *b = a->next; b && a->string; b = b->next)
            if (b->string && !strcmp(a->string, b->string)) {
                warn(L, b, "\"%.60s\" is given twice in one object: the first is read "
                     "(expected each member once)", a->string);
                return;
            }
}

static void read_feature_checked(loader *L, const cJSON *feature)
{
    set_where(L, NULL);
    L->line_area = false;
    if (!cJSON_IsObject(feature)) {
        err(L, feature, "feature is %s: expected a GeoJSON Feature object", type_name(feature));
        return;
    }
    const char *type = get_string(L, feature, "type", true);
    if (type && strcmp(type, "Feature") != 0) {
        err(L, member(feature, "type"), "\"type\" is \"%s\": expected \"Feature\"", type);
        return;
    }
    const cJSON *props = member(feature, "properties");
    if (props && !cJSON_IsNull(props) && !cJSON_IsObject(props)) {
        err(L, props, "\"properties\" is %s: expected an object or null", type_name(props));
        return;
    }
    cJSON *tmp = NULL;
    if (!cJSON_IsObject(props)) {
        /* no properties: an empty object stands in, and messages point at the feature */
        if (!(tmp = cJSON_CreateObject())) {
            L->nomem = true;
            return;
        }
        props = L->standin_props = tmp;
        L->standin_for = feature;
    }
    const cJSON *id_node = NULL, *geom = NULL;
    size_t errors_before_id = L->diags->errors;
    const char *id = feature_id(L, feature, props, &id_node);
    bool id_bad = L->diags->errors > errors_before_id;
    set_where(L, id);
    twice(L, feature);
    twice(L, props);
    twice(L, member(feature, "geometry"));
    column_keys(L, props);
    take_tags(L, props);
    int kind = feature_kind(L, feature, props, &geom);
    L->across = kind >= 0 && geometry_unwrapped(geom);
    if (kind >= 0 && stray(L, geom))
        kind = -1;
    const char *uid = kind >= 0 ? unique_id(L, feature, kind, id, id_node, id_bad) : NULL;
    size_t buildings = L->d->n_buildings;
    if (uid && kind == LY_KIND_BUILDING)
        read_building(L, props, uid, geom);
    if (L->d->n_buildings > buildings && !L->d->meta.is_louyu && !member(props, "kind") &&
        osm_feature(L, feature, props))
        building_place(L, props, &L->d->buildings[buildings]);
    else if (uid && kind != LY_KIND_BUILDING)
        read_feature(L, (ly_kind)kind, props, uid[0] ? uid : NULL, geom);
    drop_tags(L);
    L->standin_props = L->standin_for = NULL;
    cJSON_Delete(tmp);
}

ly_load_mark ly_load_mark_now(const ly_district *d, const ly_diag_list *diags)
{
    return (ly_load_mark){.buildings = d->n_buildings, .features = d->n_features,
                          .points = d->n_points, .point_z = d->n_point_z, .rings = d->n_rings,
                          .polygons = d->n_polygons, .lines = d->n_lines, .faces = d->n_faces,
                          .floor_heights = d->n_floor_heights, .records = d->n_records,
                          .enterprises = d->n_enterprises,
                          .enterprise_floors = d->n_enterprise_floors, .names = d->n_names,
                          .diags = diags->count, .errors = diags->errors};
}

void ly_load_leave_out(ly_district *d, ly_diag_list *diags, const ly_load_mark *m,
                       const char *what)
{
    d->n_buildings = m->buildings;
    d->n_features = m->features;
    d->n_points = m->points;
    d->n_point_z = m->point_z;
    d->n_rings = m->rings;
    d->n_polygons = m->polygons;
    d->n_lines = m->lines;
    d->n_faces = m->faces;
    d->n_floor_heights = m->floor_heights;
    d->n_records = m->records;
    d->n_enterprises = m->enterprises;
    d->n_enterprise_floors = m->enterprise_floors;
    d->n_names = m->names;
    char suffix[64];
    snprintf(suffix, sizeof suffix, " (the %s is left out)", what);
    ly_diag_demote(diags, m->diags, m->errors, suffix);
    d->n_left_out++;
}

static void read_one_feature(loader *L, const cJSON *feature)
{
    ly_load_mark m = ly_load_mark_now(L->d, L->diags);
    read_feature_checked(L, feature);
    size_t errors = L->diags->errors - m.errors;
    if (!errors || L->nomem)
        return;
    if (L->skip_bad) {
        ly_load_leave_out(L->d, L->diags, &m, "feature");
    } else {
        L->bad_features++;
        L->feature_errors += errors;
    }
}

/* "YYYY-MM-DD" with a real day of a real month (leap years included). */
static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[mo - 1] + (mo == 2 && leap);
}

static void read_meta(loader *L, const cJSON *meta)
{
    ly_district_meta *m = &L->d->meta;
    snprintf(L->where, sizeof L->where, "louyu: ");
    if (!cJSON_IsObject(meta)) {
        err(L, meta, "the \"louyu\" member is %s: expected an object with schema, district, "
            "data_date", type_name(meta));
        return;
    }
    const cJSON *sv = member(meta, "schema");
    if (!sv)
        err(L, meta, "missing \"schema\": expected 1 (the format version this louyu reads)");
    else if (!cJSON_IsNumber(sv) || sv->valuedouble != 1) {
        char got[64];
        err(L, sv, "\"schema\" is %s: expected 1 (the format version this louyu reads; see "
            "docs/data-format.md)", show(sv, got));
    } else
        m->schema = 1;
    const cJSON *dist = member(meta, "district");
    if (!cJSON_IsObject(dist)) {
        if (dist)
            err(L, dist, "\"district\" is %s: expected an object {name, name_en}",
                type_name(dist));
        else
            err(L, meta, "missing \"district\": expected an object {name, name_en}");
    } else {
        m->name = keep_string(L, get_string(L, dist, "name", true));
        m->name_en = keep_string(L, get_string(L, dist, "name_en", false));
        m->city = keep_string(L, get_string(L, dist, "city", false));
        m->city_en = keep_string(L, get_string(L, dist, "city_en", false));
    }
    const cJSON *dv = member(meta, "data_date");
    if (!dv)
        err(L, meta, "missing \"data_date\": expected the date the data describes, YYYY-MM-DD");
    const char *date = dv ? get_string(L, meta, "data_date", true) : NULL;
    if (date) {
        if (!valid_date(date))
            err(L, dv, "\"data_date\" is \"%.40s\": expected a calendar date YYYY-MM-DD", date);
        else
            m->data_date = keep_string(L, date);
    }
    m->provenance = keep_string(L, get_string(L, meta, "provenance", false));
    m->licence = keep_string(L, get_string(L, meta, "licence", false));
    /* the store's week a store's export is (its title says the week, as the store's does) */
    const cJSON *wv = member(meta, "week");
    int wk;
    char wtext[16];
    if (wv && (!cJSON_IsString(wv) || !ly_week_parse(wv->valuestring, &wk)))
        warn(L, wv, "\"week\" is %s: expected an ISO week such as 2011-W19 (the store's week "
             "this file is); the title gives the data's date", cJSON_IsString(wv) ? "not a week"
                                                                                : type_name(wv));
    else if (wv)
        m->week = keep_string(L, ly_week_format(wk, wtext, sizeof wtext));
    const cJSON *ill = member(meta, "illustrative");
    if (ill && !cJSON_IsArray(ill)) {
        err(L, ill, "\"illustrative\" is %s: expected an array of strings", type_name(ill));
    } else if (ill) {
        int n = cJSON_GetArraySize(ill);
        m->illustrative = calloc(n ? (size_t)n : 1, sizeof *m->illustrative);
        if (!m->illustrative) {
            L->nomem = true;
            return;
        }
        for (const cJSON *s = ill->child; s; s = s->next) {
            if (!cJSON_IsString(s))
                err(L, s, "an \"illustrative\" entry is %s: expected a string", type_name(s));
            else
                m->illustrative[m->n_illustrative++] = keep_string(L, s->valuestring);
        }
    }
    ly_district_figures *f = &m->figures;
    double *slots[] = {&f->enterprises_registered, &f->enterprise_share_in_buildings_min,
                       &f->tax_share_buildings_min, &f->tax_q1_2011_cny,
                       &f->new_enterprises_q1_2011, &f->buildings_over_5000m2, &f->area_km2};
    const char *keys[] = {"enterprises_registered", "enterprise_share_in_buildings_min",
                          "tax_share_buildings_min", "tax_q1_2011_cny",
                          "new_enterprises_q1_2011", "buildings_over_5000m2", "area_km2"};
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        *slots[i] = -1;
    const cJSON *fig = member(meta, "figures");
    if (fig && !cJSON_IsObject(fig)) {
        err(L, fig, "\"figures\" is %s: expected an object of numbers", type_name(fig));
    } else if (fig) {
        snprintf(L->where, sizeof L->where, "louyu.figures: ");
        for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
            range r = strstr(keys[i], "share") ? (range){0, 1, false, false, false} : R_NONNEG;
            get_number(L, fig, keys[i], false, r, slots[i]);
        }
    }
}

/* The code after one "EPSG" at e: ":4547", "::4547", ":9.8.1:4547", "/0/4547", and
 * nothing after it but the end or a compound's next part (",", "&"); 0 otherwise. */
static int epsg_code_at(const char *e)
{
    const char *p = e + 4, sep = *p;
    if (sep != ':' && sep != '/')
        return 0;
    p++;
    const char *next = strchr(p, sep); /* a version between: "::", ":9.8.1:", "/0/" */
    const char *digits = p;
    if (next && (size_t)(next - p) <= 12 && strspn(p, "0123456789.") == (size_t)(next - p))
        digits = next + 1;
    size_t n = strspn(digits, "0123456789");
    if (n == 0 || n > 9 || (digits[n] && digits[n] != ',' && digits[n] != '&'))
        return 0;
    return atoi(digits);
}

int ly_crs_epsg(const char *s)
{
    /* the first EPSG code: a compound system's horizontal one
     * ("urn:ogc:def:crs,crs:EPSG::28992,crs:EPSG::5709") */
    for (const char *e = s; (e = strstr(e, "EPSG")); e += 4) {
        int code = epsg_code_at(e);
        if (code)
            return code;
    }
    return 0;
}

/* Names of WGS 84 in longitude, latitude order: GeoJSON's own system. */
static bool is_wgs84(const char *name)
{
    static const char *const NAMES[] = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
                                        "OGC:CRS84", "CRS84",
                                        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                                        "https://www.opengis.net/def/crs/OGC/1.3/CRS84"};
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (!strcmp(name, NAMES[i]))
            return true;
    return false;
}

/* GeoJSON 2008's "crs", which GDAL and QGIS still write for data not in WGS 84:
 * {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}. A system other
 * than WGS 84 sets up PROJ for every position (EPSG:4326 counts as WGS 84 in longitude,
 * latitude order, as GeoJSON writes it). False after an error. */
static bool read_crs(loader *L, const cJSON *crs)
{
    if (!crs || cJSON_IsNull(crs))
        return true;
    const cJSON *type = member(crs, "type"), *props = cJSON_IsObject(crs) ? member(crs, "properties")
                                                                        : NULL;
    const cJSON *name = cJSON_IsObject(props) ? member(props, "name") : NULL;
    if (!cJSON_IsObject(crs) || !cJSON_IsString(type) || strcmp(type->valuestring, "name") ||
        !cJSON_IsString(name)) {
        err(L, crs, "\"crs\" is not a named reference system: expected {\"type\": \"name\", "
            "\"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::4547\"}}, or no \"crs\" for WGS 84");
        return false;
    }
    const char *n = name->valuestring;
#ifdef LY_WEB
    if (is_wgs84(n) || ly_crs_epsg(n) == 4326)
        return true;
    err(L, name, "\"crs\" is \"%.200s\": the map in the browser reads WGS 84 longitudes and "
        "latitudes (louyu on the desktop transforms other systems; louyu export writes WGS 84)", n);
    return false;
#else
    int code = ly_crs_epsg(n);
    if (is_wgs84(n) || code == 4326)
        return true;
    if (code)
        snprintf(L->crs, sizeof L->crs, "EPSG:%d", code);
    else
        snprintf(L->crs, sizeof L->crs, "%.79s", n);
    L->ctx = proj_context_create();
    if (L->ctx)
        proj_log_level(L->ctx, PJ_LOG_NONE); /* its reasons are in our message */
    bool geocentric = false;
    L->pj = L->ctx ? ly_crs_to_wgs84(L->ctx, L->crs, &geocentric) : NULL;
    L->d->meta.projected = L->pj != NULL;
    if (L->pj && !geocentric)
        return true;
    err(L, name, "\"crs\" is \"%.200s\": PROJ cannot transform it to WGS 84 longitude and "
        "latitude (%s): expected a system such as urn:ogc:def:crs:EPSG::4547", n,
        geocentric ? "a geocentric system"
        : L->ctx   ? proj_context_errno_string(L->ctx, proj_context_errno(L->ctx))
                   : "no PROJ");
    return false;
#endif
}

static int by_feature(const void *key, const void *b)
{
    uint32_t k = *(const uint32_t *)key, f = ((const ly_building *)b)->feature;
    return (k > f) - (k < f);
}

/* OpenStreetMap's building parts joined to their outlines; false when out of memory. */
static bool join_parts(loader *L)
{
    double t0 = ly_clock_ms();
    long joined = L->n_parts ? ly_osm_join_parts(L->d, L->parts, L->n_parts) : 0;
    if (joined != 0) /* (the joined outlines' storeys were added: the array is its size now) */
        L->cap_floor_heights = L->d->n_floor_heights;
    if (joined <= 0)
        return joined == 0;
    LY_INFO("LOAD", "%ld building parts joined to their outlines in %.1f ms", joined,
            ly_clock_ms() - t0);
    /* a place that is a building stands on its roof, which its parts may have raised
     * (the buildings are in their features' order) */
    for (size_t i = 0; i < L->d->n_features; i++) {
        ly_feature *f = &L->d->features[i];
        const ly_building *b = f->kind == LY_KIND_POI && f->height_m > 0
                                   ? bsearch(&f->feature, L->d->buildings, L->d->n_buildings,
                                             sizeof *b, by_feature)
                                   : NULL;
        if (b)
            f->height_m = b->height_m;
    }
    return true;
}

static void read_collection(loader *L, const cJSON *root)
{
    ly_district_figures *f = &L->d->meta.figures;
    f->enterprises_registered = f->enterprise_share_in_buildings_min = -1;
    f->tax_share_buildings_min = f->tax_q1_2011_cny = f->new_enterprises_q1_2011 = -1;
    f->buildings_over_5000m2 = f->area_km2 = -1;
    L->feature = -1;
    L->where[0] = '\0';
    if (!cJSON_IsObject(root)) {
        err(L, root, "the file holds %s: expected a GeoJSON FeatureCollection object",
            type_name(root));
        return;
    }
    const cJSON *type = member(root, "type");
    if (!type && cJSON_IsArray(member(root, "elements"))) {
        err(L, root, "the file is OpenStreetMap's JSON (Overpass's `out json`), not GeoJSON: "
            "expected GeoJSON (Overpass turbo exports it; osmtogeojson converts this file)");
        return;
    }
    if (!cJSON_IsString(type) || strcmp(type->valuestring, "FeatureCollection") != 0) {
        char got[64];
        err(L, type ? type : root, "\"type\" is %s: expected \"FeatureCollection\"",
            type ? show(type, got) : "missing");
        return;
    }
    const cJSON *meta = member(root, "louyu");
    if (meta) {
        L->d->meta.is_louyu = true;
        read_meta(L, meta);
        L->where[0] = '\0';
    }
    if (!read_crs(L, member(root, "crs")))
        return; /* every position would say it again */
    const cJSON *features = member(root, "features");
    if (!cJSON_IsArray(features)) {
        err(L, features ? features : root, "\"features\" is %s: expected an array of Features",
            type_name(features));
        return;
    }
    int count = cJSON_GetArraySize(features);
    if (count > MAX_FEATURES) {
        err(L, features, "the file has %d features: expected at most %d (a limit that protects "
            "memory)", count, MAX_FEATURES);
        return;
    }
    find_raw_ids(L, root, features);
    find_centre(L, features);
    long i = 0;
    for (const cJSON *ft = features->child; ft && !L->nomem; ft = ft->next, i++) {
        L->feature = i;
        read_one_feature(L, ft);
        if ((i & 4095) == 0)
            ly_progress_step(L->progress, (size_t)i, (size_t)count);
    }
    L->feature = -1;
    if (L->unnamed) { /* (a district of footprints: hundreds, said once without a position) */
        bool one = L->unnamed == 1;
        ly_diag_add(L->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "%zu building%s no \"name\" nor \"name_en\": the map labels %s only when "
                    "selected, by %s address or %s kind and id; expected \"name\" (and "
                    "\"name_en\") where a building has one", L->unnamed, one ? " has" : "s have",
                    one ? "it" : "them", one ? "its" : "their", one ? "its" : "their");
    }
    if (!L->nomem && !L->bad_features) /* (a load with errors keeps nothing) */
        L->nomem = !join_parts(L);
}

/* ---- driver ----------------------------------------------------------------- */

/* cJSON allocates one block per node and per string: hundreds of thousands
 * for a city. While a load parses, this thread's cJSON allocations come from
 * an arena that is dropped in one go after the tree has been read; cJSON's
 * frees are no-ops then. Elsewhere (and on other threads) cJSON uses malloc. */
static _Thread_local ly_arena *tl_json_arena;

static _Thread_local bool tl_json_nomem; /* an allocation failed while cJSON parsed */

static void *json_malloc(size_t n)
{
    void *p = tl_json_arena ? ly_arena_alloc(tl_json_arena, n) : malloc(n);
    if (!p)
        tl_json_nomem = true;
    return p;
}

static void json_free(void *p)
{
    if (!tl_json_arena)
        free(p);
}

static void install_hooks(void)
{
    cJSON_InitHooks(&(cJSON_Hooks){.malloc_fn = json_malloc, .free_fn = json_free});
}

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

void ly_json_arena_begin(ly_arena *a)
{
    pthread_once(&hooks_once, install_hooks);
    tl_json_arena = a;
}

void ly_json_arena_end(void)
{
    tl_json_arena = NULL;
}

int ly_pending_add(ly_pending_list *p, const cJSON *node, size_t diag)
{
    if (ly_array_reserve((void **)&p->items, &p->cap, p->n + 1, sizeof *p->items))
        return -1;
    p->items[p->n++] = (ly_pending){.node = node, .diag = diag};
    return 0;
}

void ly_pending_locate(ly_pending_list *p, const char *text, size_t len, size_t base,
                       const cJSON *root, ly_diag_list *diags)
{
    const cJSON **nodes = malloc((p->n ? p->n : 1) * sizeof *nodes);
    size_t *offsets = malloc((p->n ? p->n : 1) * sizeof *offsets);
    if (nodes && offsets) {
        for (size_t i = 0; i < p->n; i++)
            nodes[i] = p->items[i].node;
        ly_json_locate(text, len, root, nodes, offsets, p->n);
        for (size_t i = 0; i < p->n; i++)
            diags->items[p->items[i].diag].offset =
                offsets[i] == SIZE_MAX ? SIZE_MAX : base + offsets[i];
    }
    free(nodes);
    free(offsets);
    p->n = 0;
}

static void finish_points(ly_district *d)
{
    /* While loading, n_points counted doubles; from here on it counts points. */
    d->n_points /= 2;
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        box[0] = fmin(box[0], b->lon_min);
        box[1] = fmin(box[1], b->lat_min);
        box[2] = fmax(box[2], b->lon_max);
        box[3] = fmax(box[3], b->lat_max);
    }
    if (!d->n_buildings)
        extend_bbox(box, d->points, d->n_points);
    d->lon_min = box[0];
    d->lat_min = box[1];
    d->lon_max = box[2];
    d->lat_max = box[3];
}

static void free_loader(loader *L)
{
#ifndef LY_WEB
    proj_destroy(L->pj);
    if (L->ctx)
        proj_context_destroy(L->ctx);
#endif
    free(L->extra.p);
    free(L->pend.items);
    free(L->ring_nodes);
    free(L->segs);
    free(L->id_keys);
    free(L->id_vals);
    free(L->id_nodes);
    free(L->raw_ids);
    free(L->parts);
}

/* JSON is UTF-8, but a script on Chinese Windows writes GB18030 (GBK) unless told
 * otherwise: a file that is not UTF-8 (and has no UTF-8 byte-order mark) but decodes as
 * GB18030 into valid JSON is loaded decoded, with a warning; the positions stay right,
 * since they count characters, which decoding keeps. False when it does not decode. */
static int by_offset(const void *a, const void *b)
{
    size_t x = (*(ly_diag *const *)a)->offset, y = (*(ly_diag *const *)b)->offset;
    return (x > y) - (x < y);
}

/* The offsets of diags from `first` on, which are into the UTF-8 text `utf8`, as offsets
 * into its GB18030 bytes `gb`: one walk of both, a character at a time, in the offsets'
 * order (GB18030's characters are 1, 2 or 4 bytes: a second byte 0x30-0x39 makes 4).
 * SIZE_MAX stays; out of memory, every offset becomes SIZE_MAX (lines and columns stay). */
static void gb18030_offsets(const char *gb, size_t len, const char *utf8, ly_diag_list *diags,
                            size_t first)
{
    size_t n = 0;
    ly_diag **by = malloc((diags->count - first + 1) * sizeof *by);
    for (size_t i = first; i < diags->count; i++)
        if (!by)
            diags->items[i].offset = SIZE_MAX;
        else if (diags->items[i].offset != SIZE_MAX)
            by[n++] = &diags->items[i];
    if (!by)
        return;
    qsort(by, n, sizeof *by, by_offset);
    size_t g = 0, u = 0;
    for (size_t k = 0; k < n; k++) {
        while (u < by[k]->offset && g < len) {
            unsigned char c = (unsigned char)utf8[u], b = (unsigned char)gb[g];
            u += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            g += b < 0x80 ? 1 : g + 1 < len && gb[g + 1] >= 0x30 && gb[g + 1] <= 0x39 ? 4 : 2;
        }
        by[k]->offset = g < len ? g : len;
    }
    free(by);
}

static bool load_gb18030(ly_district *out, const char *text, size_t len, const char *name,
                         const ly_load_desc *desc, int max_depth, ly_diag_list *diags,
                         ly_load_result *r)
{
    char *utf8 = NULL;
    size_t n;
    ly_json_error again;
    /* a file cut inside its last character: the rest read, to say so */
    bool inside = false, decoded = false;
    if (!ly_json_bom(text, len)) {
        decoded = !ly_gb18030_to_utf8(text, len, &utf8, &n);
        /* (GB18030's characters are of up to 4 bytes) */
        for (size_t k = 1; !decoded && k <= 3 && k < len; k++) {
            const unsigned char *t = (const unsigned char *)text + len - k;
            bool prefix = t[0] >= 0x81 && t[0] <= 0xFE &&
                          (k < 2 || (t[1] >= 0x30 && t[1] <= 0x39)) && (k < 3 || t[2] >= 0x81);
            if (prefix)
                decoded = inside = !ly_gb18030_to_utf8(text, len - k, &utf8, &n);
        }
    }
    bool ok = decoded && !inside && !ly_json_check(utf8, n, max_depth, &again);
    /* (the JSON's errors of a text that stops: a string, an array or object not closed, a
     * value missing at the end) */
    bool stops = decoded && !ok && !inside &&
                 (!strncmp(again.message, "unterminated string", 19) ||
                  strstr(again.message, "end of file"));
    if (inside || stops) {
        /* GB18030 text whose JSON stops short: a file cut short, said so (it had been
         * blamed on its first Chinese character as invalid UTF-8) */
        ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the file is not UTF-8: read as GB18030 (GBK), the encoding Chinese "
                    "Windows saves in (expected UTF-8, RFC 8259)");
        size_t first = diags->count;
        if (inside)
            ly_diag_add(diags, LY_DIAG_ERROR, n, -1, "the file ends inside a character: "
                        "expected the whole file (was it cut short, an upload or a copy that "
                        "did not finish?)");
        else
            ly_diag_add(diags, LY_DIAG_ERROR, again.offset, -1, "%s (the file stops short: was "
                        "it cut, an upload or a copy that did not finish?)", again.message);
        ly_diag_resolve_lines(diags, utf8, n); /* (columns in characters, as the file's) */
        gb18030_offsets(text, len, utf8, diags, first); /* into the file, not utf8 */
        free(utf8);
        /* (a kiosk waits for such a file while it is young, as for one in UTF-8) */
        diags->cut_short = inside || again.cut_short;
        *r = LY_LOAD_DATA;
        return true;
    }
    if (ok) {
        ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the file is not UTF-8: read as GB18030 (GBK), the encoding Chinese "
                    "Windows saves in (expected UTF-8, RFC 8259)");
        size_t first = diags->count;
        *r = ly_district_load_mem(out, utf8, n, name, desc, diags);
        gb18030_offsets(text, len, utf8, diags, first); /* into the file, not utf8 */
        if (*r == LY_LOAD_OK)
            out->meta.gb18030 = true;
    }
    free(utf8);
    return ok;
}

#ifndef LY_WEB
static bool is_gzip(const char *text, size_t len)
{
    return len >= 2 && (unsigned char)text[0] == 0x1f && (unsigned char)text[1] == 0x8b;
}

/* The text a gzip file holds (several members one after another as well), malloc'd and
 * NUL-terminated into *out (*n bytes), at most max bytes; false with an error said. */
static bool gunzip(const char *gz, size_t len, size_t max, ly_diag_list *diags, char **out,
                   size_t *n)
{
    size_t cap = len < max / 4 ? len * 4 + 4096 : max + 1;
    char *buf = malloc(cap + 1);
    z_stream z = {.next_in = (Bytef *)gz};
    *out = NULL;
    *n = 0;
    if (!buf || inflateInit2(&z, 15 + 16) != Z_OK) {
        free(buf);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory while loading");
        return false;
    }
    const char *why = NULL;
    size_t in_left = len;
    for (int rc = Z_OK; !why;) {
        if (*n == cap && cap > max) {
            why = "it holds more than the limit that protects memory";
            break;
        }
        if (*n == cap) {
            size_t c = cap * 2 < max + 1 ? cap * 2 : max + 1;
            char *q = realloc(buf, c + 1);
            if (!q) {
                why = "out of memory";
                break;
            }
            buf = q;
            cap = c;
        }
        uInt give = in_left < (1u << 30) ? (uInt)in_left : (1u << 30) - z.avail_in;
        z.avail_in += give;
        in_left -= give;
        z.next_out = (Bytef *)buf + *n;
        z.avail_out = cap - *n < (1u << 30) ? (uInt)(cap - *n) : 1u << 30;
        uInt before = z.avail_out;
        rc = inflate(&z, Z_NO_FLUSH);
        *n += before - z.avail_out;
        if (rc == Z_STREAM_END && z.avail_in + in_left >= 2 && z.next_in[0] == 0x1f &&
            z.next_in[1] == 0x8b)
            rc = inflateReset(&z); /* another member */
        else if (rc == Z_STREAM_END)
            break;
        if (rc == Z_BUF_ERROR && z.avail_in == 0 && in_left == 0)
            why = "its gzip data stops short (the file is cut short?)";
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            why = z.msg ? z.msg : "its gzip data is damaged";
    }
    inflateEnd(&z);
    if (why) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is gzip-compressed and cannot be read: %s: expected a whole "
                    "gzip file of a district", why);
        free(buf);
        *n = 0;
        return false;
    }
    buf[*n] = '\0';
    *out = buf;
    return true;
}

/* How many archives (gzip, ZIP) deep this thread's load is: a file packed inside itself
 * thousands of times would otherwise take the stack, and each level's copy memory. */
static _Thread_local int unpacking;

bool ly_unpack_enter(ly_diag_list *diags)
{
    if (unpacking >= LY_UNPACK_DEPTH) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "a compressed file inside compressed files %d deep: expected a district "
                    "file inside at most %d (a gzip or ZIP archive holding another)",
                    unpacking + 1, LY_UNPACK_DEPTH);
        return false;
    }
    unpacking++;
    return true;
}

void ly_unpack_leave(void)
{
    unpacking--;
}

/* A gzip file (BBBike's .osm.gz, a .geojson.gz): read as the text it holds, its messages
 * at their lines in that text. */
static ly_load_result gzipped(ly_district *out, const char *gz, size_t len, const char *name,
                              const ly_load_desc *desc, ly_diag_list *diags)
{
    size_t max = ly_load_max_bytes(desc);
    char *text;
    size_t n;
    if (!ly_unpack_enter(diags))
        return LY_LOAD_DATA;
    ly_load_result r = LY_LOAD_DATA;
    if (gunzip(gz, len, max, diags, &text, &n)) {
        r = ly_district_load_mem(out, text, n, name, desc, diags);
        free(text);
    }
    ly_unpack_leave();
    return r;
}
#endif

/* Whether the first object of the lower-cased JSON text has the member `key` of its own
 * (not a member of an object inside it: a feature's property named so is not the file's),
 * and its value's first characters (a string's, unquoted) into val; false where the text
 * is cut before it. */
static bool top_member(const char *head, const char *key, char *val, size_t n)
{
    const char *p = strchr(head, '{');
    size_t klen = strlen(key);
    for (int depth = 0; p && *p; p++) {
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0)
                return false;
        } else if (*p == '"') {
            const char *q = p + 1;
            while (*q && *q != '"')
                q += q[0] == '\\' && q[1] ? 2 : 1;
            if (!*q)
                return false;
            const char *r = q + 1 + strspn(q + 1, " \t\r\n");
            if (depth == 1 && *r == ':' && (size_t)(q - p - 1) == klen &&
                !strncmp(p + 1, key, klen)) {
                r += 1 + strspn(r + 1, " \t\r\n");
                r += *r == '"';
                size_t k = 0;
                while (val && r[k] && r[k] != '"' && k + 1 < n)
                    val[k] = r[k], k++;
                if (val && n)
                    val[k] = '\0';
                return true;
            }
            p = q;
        }
    }
    return false;
}

/* The name of another GIS format louyu does not read, by how such a file begins (NULL: none
 * of those): what a planner may have at hand, said as what it is, not as bad JSON. */
static const char *foreign_format(const char *text, size_t len)
{
    if (len >= 4 && !memcmp(text, "fgb\x03", 4))
        return "FlatGeobuf";
    if (len >= 4 && (!memcmp(text, "II*\0", 4) || !memcmp(text, "MM\0*", 4)))
        return "a TIFF image (a raster, not shapes)";
    size_t at = ly_json_bom(text, len);
    while (at < len && strchr(" \t\r\n", text[at]))
        at++;
    size_t n = len - at < 1024 ? len - at : 1024;
    char head[1025];
    for (size_t i = 0; i < n; i++) /* (lower case, for the names as tools spell them) */
        head[i] = (char)((text[at + i] >= 'A' && text[at + i] <= 'Z') ? text[at + i] + 32
                                                                       : text[at + i]);
    head[n] = '\0';
    if (n && head[0] == '<' && !strstr(head, "<osm")) {
        if (strstr(head, "<kml"))
            return "KML";
        if (strstr(head, "<gpx"))
            return "GPX";
        if (strstr(head, "gml") || strstr(head, "<wfs:"))
            return "GML";
        return NULL; /* (OpenStreetMap's XML is read; other XML is said as not JSON) */
    }
    if (!strncmp(head, "!table", 6))
        return "MapInfo's TAB";
    if (!strncmp(head, "version ", 8) && (strstr(head, "\ncolumns ") || strstr(head, "\ndata")))
        return "MapInfo's MIF";
    if (head[0] == '0' && strchr("\r\n", head[1] ? head[1] : ' ') && strstr(head, "section"))
        return "DXF (a CAD drawing)";
    char type[32] = "";
    bool typed = head[0] == '{' && top_member(head, "type", type, sizeof type);
    if (typed && !strcmp(type, "topology"))
        return "TopoJSON";
    if (head[0] == '{' && !typed &&
        (top_member(head, "geometrytype", NULL, 0) || top_member(head, "spatialreference", NULL, 0)))
        return "Esri's JSON (ArcGIS)";
    const char *eol = strpbrk(head, "\r\n");
    size_t first = eol ? (size_t)(eol - head) : n;
    bool cell = (head[0] >= 'a' && head[0] <= 'z') || head[0] == '"' || head[0] == '_';
    if (n && cell && memchr(head, ',', first) &&
        (strstr(head, "wkt") || strstr(head, "polygon (") || strstr(head, "polygon((")))
        return "a CSV table with WKT shapes";
    return NULL;
}

#ifdef LY_WEB
/* What the desktop reads and the browser map does not (its build has GeoJSON alone), by
 * the file's first bytes; NULL for none of them. */
static const char *desktop_only(const char *text, size_t len)
{
    if (len >= 16 && !memcmp(text, "SQLite format 3", 16))
        return "a GeoPackage (or another SQLite database)";
    if (len >= 4 && !memcmp(text, "\0\0\x27\x0a", 4))
        return "a shapefile's .shp";
    if (len >= 4 && !memcmp(text, "PK\x03\x04", 4))
        return "a ZIP archive (or a spreadsheet)";
    if (len >= 2 && !memcmp(text, "\x1f\x8b", 2))
        return "gzipped";
    for (size_t i = 4; i + 9 <= len && i < 24; i++)
        if (!memcmp(text + i, "OSMHeader", 9))
            return "OpenStreetMap's PBF";
    return NULL;
}
#endif

#ifndef LY_WEB
/* OpenStreetMap's forms louyu does not read (osmium converts them to the PBF it does):
 * o5m (osmconvert's), and OPL (osmium's text: a line per object, "n12 v1 … x120.3 y36.0",
 * "w10 v1 … Nn1,n2"). NULL for neither. */
static const char *osm_other(const char *text, size_t len)
{
    if (len >= 5 && !memcmp(text, "\xFF\xE0\x04o5", 5))
        return "OpenStreetMap's o5m";
    size_t i = 0;
    if (i < len && strchr("nwr", text[i]) && text[i])
        i++;
    else
        return NULL;
    i += i < len && text[i] == '-';
    size_t digits = i;
    while (i < len && isdigit((unsigned char)text[i]))
        i++;
    bool opl = i > digits && i + 1 < len && text[i] == ' ' && text[i + 1] &&
               strchr("vdctiuTxyNM", text[i + 1]);
    return opl ? "OpenStreetMap's OPL text" : NULL;
}
#endif

/* Whether the text is UTF-16, and which end first: by its byte-order mark, or without one
 * by the zero byte beside each of its first two characters, ASCII as JSON's are ('{' and a
 * line break). Windows Notepad's "Unicode" and PowerShell 5's `>` and Out-File write it. */
static bool is_utf16(const char *text, size_t len, bool *le)
{
    const unsigned char *u = (const unsigned char *)text;
    if (len < 4)
        return false;
    if ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)) {
        *le = u[0] == 0xFF;
        return true;
    }
    *le = u[1] == 0;
    return *le ? u[0] && u[0] < 0x80 && u[2] && u[2] < 0x80 && !u[3]
               : !u[0] && u[1] < 0x80 && !u[2] && u[3] && u[3] < 0x80;
}

/* UTF-16 text decoded into *utf8 (malloc'd), with a warning: RFC 8259 asks for UTF-8, but
 * what Windows saves as "Unicode" is no less the file its author meant, and louyu reads
 * UTF-16 in reports and OpenStreetMap's XML too. The positions said are the decoded
 * text's: the file's lines, columns counting characters, as an editor shows them. False
 * (said) when it does not decode. */
static bool utf16_decoded(const char *text, size_t len, bool le, ly_diag_list *diags,
                          char **utf8, size_t *n)
{
    const char *end = le ? "little-endian" : "big-endian";
    size_t bom = (unsigned char)text[0] + (unsigned char)text[1] == 0xFF + 0xFE ? 2 : 0;
    if (len % 2 ||
        ly_iconv_to_utf8(le ? "UTF-16LE" : "UTF-16BE", text + bom, len - bom, utf8, n)) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is UTF-16 (%s) but does not decode as it (%s): expected UTF-8 "
                    "text (RFC 8259; save it as UTF-8)", end,
                    len % 2 ? "an odd number of bytes: was it cut short?"
                            : "a half of a character pair alone");
        return false;
    }
    ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                "the file is UTF-16 (%s; Windows' \"Unicode\"), not UTF-8: read as UTF-16; "
                "expected UTF-8 (RFC 8259: other programs may not read it; save it as UTF-8)",
                end);
    return true;
}

/* A file of a kind louyu does not read (another compression, another tool's format; in the
 * browser, what only the desktop reads): said as what it is, with what to do. True when
 * it was one. */
static bool not_read(const char *text, size_t len, const char *name, ly_diag_list *diags)
{
#ifndef LY_WEB
    const char *osm = osm_other(text, len);
    if (osm) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is %s, which louyu does not read: expected OpenStreetMap's XML "
                    "(.osm) or PBF (.osm.pbf) (osmium converts it: `osmium cat %s -o "
                    "out.osm.pbf`)", osm, name && *name ? name : "FILE");
        return true;
    }
#endif
    /* compressions louyu does not unpack (gzip it does): said as such, not as bad text */
    static const struct {
        const char *magic, *name, *tool;
        size_t n;
    } PACKED[] = {{"BZh", "bzip2", "bunzip2", 3},
                  {"\xFD" "7zXZ", "xz", "unxz", 5},
                  {"\x28\xB5\x2F\xFD", "zstd", "unzstd", 4},
                  {"7z\xBC\xAF\x27\x1C", "7-Zip", "7z x", 6}};
    for (size_t i = 0; i < sizeof PACKED / sizeof *PACKED; i++)
        if (len >= PACKED[i].n && !memcmp(text, PACKED[i].magic, PACKED[i].n)) {
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "the file is compressed with %s, which louyu does not unpack: expected "
                        "it unpacked (%s FILE), or gzipped (OpenStreetMap: Geofabrik's .osm.pbf "
                        "of the same region is smaller and quicker)",
                        PACKED[i].name, PACKED[i].tool);
            return true;
        }
    const char *foreign = foreign_format(text, len);
#ifdef LY_WEB
    const char *desktop = foreign ? NULL : desktop_only(text, len);
    if (desktop) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is %s, which the browser map does not read: expected GeoJSON "
                    "(louyu on the desktop converts it: `louyu export %s --format geojson`)",
                    desktop, name && *name ? name : "FILE");
        return true;
    }
    static const char EXPECTED[] = "GeoJSON (the browser map reads GeoJSON alone)";
#else
    static const char EXPECTED[] = "GeoJSON, CityJSON, a shapefile, a GeoPackage or "
                                   "OpenStreetMap's files";
#endif
    if (foreign) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is %s, which louyu does not read: expected %s (GDAL converts it: "
                    "`ogr2ogr -f GeoJSON out.geojson %s`)",
                    foreign, EXPECTED, name && *name ? name : "FILE");
        return true;
    }
    return false;
}

/* A CityJSONSeq; or one Feature, one geometry or a GeoJSON text sequence, read as the
 * FeatureCollection it stands for, the messages' positions moved back into the file.
 * False for a plain document. */
static bool other_form(ly_district *out, const char *text, size_t len, const char *name,
                       const ly_load_desc *desc, ly_diag_list *diags, ly_load_result *r)
{
    if (not_read(text, len, name, diags)) {
        *r = LY_LOAD_DATA;
        return true;
    }
    bool le;
    char *utf8;
    size_t n;
    if (is_utf16(text, len, &le)) {
        *r = LY_LOAD_DATA;
        if (utf16_decoded(text, len, le, diags, &utf8, &n)) {
            *r = ly_district_load_mem(out, utf8, n, name, desc, diags);
            free(utf8);
        }
        return true;
    }
#ifndef LY_WEB /* the browser build reads GeoJSON only (CityJSON's reference systems need PROJ) */
    if (is_gzip(text, len)) {
        *r = gzipped(out, text, len, name, desc, diags);
        return true;
    }
    if (ly_zip_is(text, len)) { /* an archive: its shapefiles, or its one district file */
        *r = ly_zip_district_load_text(out, text, len, name, desc, diags, NULL, NULL);
        return true;
    }
    if (ly_cityjson_is_seq(text, len)) { /* CityJSONSeq: one JSON text per feature */
        *r = ly_cityjson_load_seq(out, text, len, name, desc, diags);
        return true;
    }
    if (ly_osm_is(text, len)) { /* OpenStreetMap's XML, Overpass's JSON, or its PBF */
        *r = ly_osm_load(out, text, len, name, desc, diags);
        return true;
    }
    size_t nl = name ? strlen(name) : 0;
    if (nl > 4 && !strcasecmp(name + nl - 4, ".pbf") && len &&
        (!text[0] || !strchr("{<[ \t\r\n", text[0])) &&
        (unsigned char)text[0] != 0xEF) {
        /* named a PBF, not text, and not as a PBF begins: damaged, not "a NUL in the text" */
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "it is named .pbf but does not begin as OpenStreetMap's PBF does (a block "
                    "header of type OSMHeader): the file is damaged or not a PBF; expected an "
                    ".osm.pbf as Geofabrik, osmium or osmosis write it");
        *r = LY_LOAD_DATA;
        return true;
    }
#else
    size_t at = ly_json_bom(text, len);
    while (at < len && strchr(" \t\r\n", text[at]))
        at++;
    bool osm = false; /* an .osm file: "<osm" near its start */
    for (size_t i = at; i + 4 <= len && i < at + 512 && !osm && text[at] == '<'; i++)
        osm = !memcmp(text + i, "<osm", 4);
    if (osm) {
        ly_diag_add(diags, LY_DIAG_ERROR, at, -1,
                    "the file is OpenStreetMap's XML (.osm), not GeoJSON: expected GeoJSON (an "
                    ".osm file converts with `ogr2ogr -f GeoJSON out.geojson in.osm multipolygons` "
                    "or osmtogeojson)");
        ly_diag_resolve_lines(diags, text, len);
        *r = LY_LOAD_DATA;
        return true;
    }
#endif
    ly_geojson_wrapped w;
    int wrapped = ly_geojson_wrap(text, len, &w);
    if (wrapped <= 0) {
        *r = LY_LOAD_NOMEM;
        if (wrapped < 0)
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory while loading");
        return wrapped < 0;
    }
    size_t from = diags->count;
    *r = ly_district_load_mem(out, w.text, w.len, name, desc, diags);
    static const char ARRAY[] = "expected ',' or ']' after an array element, found ";
    for (size_t i = from; i < diags->count; i++) {
        size_t *o = &diags->items[i].offset;
        if (*o != SIZE_MAX)
            *o = *o < w.shift ? 0 : *o - w.shift >= len ? len : *o - w.shift;
        /* the collection it was read as is not the file's: say it in the file's terms */
        char *m = diags->items[i].message, *said_at = strstr(m, ARRAY);
        size_t k = said_at ? strlen(m) + 120 : 0;
        char *said = said_at ? malloc(k) : NULL;
        if (said) {
            snprintf(said, k, "%.*sfound %s: expected one Feature a record (a line, or after a "
                     "record separator), each a whole GeoJSON text", (int)(said_at - m), m,
                     said_at + sizeof ARRAY - 1);
            free(m);
            diags->items[i].message = said;
        }
    }
    ly_diag_resolve_lines(diags, text, len);
    free(w.text);
    return true;
}

/* After the features: every position in metres is the file's fault (it names no system),
 * which leaving features out cannot mend (--skip-bad had left none, and called that
 * valid); else, every error inside features: --skip-bad would load the rest (the CLI says
 * so). */
static void features_said(loader *L, bool city, size_t errors_before)
{
    ly_diag_list *diags = L->diags;
    bool metres = L->metres_bad && !L->degrees_ok;
    if (metres)
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "every position is in metres, not degrees: the file does not say its "
                    "reference system (GeoJSON: the collection's \"crs\"; a shapefile: its "
                    ".prj); expected it named, or the file converted to longitude and "
                    "latitude: ogr2ogr -s_srs EPSG:NNNN -t_srs EPSG:4326 OUT.geojson FILE");
    if (!city && !metres && L->bad_features &&
        diags->errors - errors_before == L->feature_errors)
        diags->skippable = L->bad_features;
}

ly_load_result ly_district_load_mem(ly_district *out, const char *text, size_t len,
                                    const char *name, const ly_load_desc *desc,
                                    ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    ly_load_timing scratch, *tm = desc && desc->timing ? desc->timing : &scratch;
    double t0 = ly_clock_ms(), t1;
    tm->check_ms = tm->parse_ms = tm->validate_ms = tm->locate_ms = 0;
    int max_depth = desc && desc->max_depth ? desc->max_depth : DEFAULT_MAX_DEPTH;
    size_t max_bytes = ly_load_max_bytes(desc);
    size_t errors_before = diags->errors;
    if (len > max_bytes) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is %zu bytes: expected at most %zu (a limit that protects memory)",
                    len, max_bytes);
        return LY_LOAD_DATA;
    }
    ly_load_result other;
    if (other_form(out, text, len, name, desc, diags, &other))
        return other;
    ly_progress *progress = desc ? desc->progress : NULL;
    ly_progress_stage(progress, LY_STAGE_CHECK);
    ly_json_error jerr;
    if (ly_json_check(text, len, max_depth, &jerr)) {
        ly_load_result r;
        if (!strncmp(jerr.message, "invalid UTF-8", 13) &&
            load_gb18030(out, text, len, name, desc, max_depth, diags, &r))
            return r;
        ly_diag_add(diags, LY_DIAG_ERROR, jerr.offset, -1, "%s", jerr.message);
        ly_diag_resolve_lines(diags, text, len);
        diags->cut_short = jerr.cut_short;
        return LY_LOAD_DATA;
    }
    t1 = ly_clock_ms();
    tm->check_ms = t1 - t0;
    t0 = t1;

    pthread_once(&hooks_once, install_hooks);
    ly_arena json_arena = {.block_bytes = 1 << 20};
    tl_json_arena = &json_arena;
    size_t bom = ly_json_bom(text, len);
    const char *stop = NULL;
    ly_progress_stage(progress, LY_STAGE_PARSE);
    tl_json_nomem = false;
    cJSON *root = cJSON_ParseWithLengthOpts(text + bom, len - bom, &stop, false);
    t1 = ly_clock_ms();
    tm->parse_ms = t1 - t0;
    t0 = t1;
    loader L = {.d = out, .diags = diags, .feature = -1, .text = text, .len = len,
                .progress = progress, .skip_bad = desc && desc->skip_bad, .metres_said = -2};
    ly_progress_stage(progress, LY_STAGE_VALIDATE);
#ifdef LY_WEB
    const cJSON *type = root ? cJSON_GetObjectItemCaseSensitive(root, "type") : NULL;
    bool city = cJSON_IsString(type) && !strcmp(type->valuestring, "CityJSON");
    if (city)
        err(&L, type, "a CityJSON document: the map in the browser reads GeoJSON (louyu on the "
                      "desktop reads CityJSON, and louyu export writes GeoJSON)");
#else
    bool city = root && ly_cityjson_is(root);
    if (city) {
        if (!ly_cityjson_read(out, root, desc, diags, &L.pend))
            L.nomem = true;
    }
#endif
    if (city) {
    } else if (root) {
        read_collection(&L, root);
    } else if (stop && stop >= text + bom && stop < text + len && !tl_json_nomem) {
        /* The grammar check passed but cJSON disagrees: still a data error, at its position. */
        ly_diag_add(diags, LY_DIAG_ERROR, (size_t)(stop - text), -1,
                    "the JSON parser cannot read the text here: expected valid JSON");
        ly_diag_resolve_lines(diags, text, len);
        tl_json_arena = NULL;
        ly_arena_deinit(&json_arena);
        free_loader(&L);
        return LY_LOAD_DATA;
    } else {
        L.nomem = true;
    }
    t1 = ly_clock_ms();
    tm->validate_ms = t1 - t0;
    t0 = t1;
    if (L.pend.n) {
        ly_pending_locate(&L.pend, text, len, 0, root, diags);
        ly_diag_resolve_lines(diags, text, len);
        tm->locate_ms = ly_clock_ms() - t0;
    }
    /* The whole tree lives in the arena: dropping the arena frees it, so
     * there is no cJSON_Delete walk over hundreds of thousands of nodes. */
    tl_json_arena = NULL;
    ly_arena_deinit(&json_arena);
    bool nomem = L.nomem;
    features_said(&L, city, errors_before);
    free_loader(&L);
    if (!city && !nomem)
        finish_points(out);
    return ly_load_conclude(out, nomem, errors_before, name, diags);
}

ly_load_result ly_load_conclude(ly_district *out, bool nomem, size_t errors_before,
                                const char *name, ly_diag_list *diags)
{
    if (nomem) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory while loading");
        ly_district_unload(out);
        return LY_LOAD_NOMEM;
    }
    if (diags->errors == errors_before && out->n_left_out && !out->n_buildings)
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "no building is left: --skip-bad left out every one, each for its errors "
                    "(said above as warnings); expected a file with buildings louyu can read");
    if (diags->errors > errors_before) {
        ly_district_unload(out);
        return LY_LOAD_DATA;
    }
    out->source = strdup(name ? name : "<memory>");
    if (!out->source) {
        ly_district_unload(out);
        return LY_LOAD_NOMEM;
    }
    return LY_LOAD_OK;
}

/* The file's bytes (at most max), or why not as a load's result (said in diags). */
static ly_load_result read_whole(const char *path, size_t max, ly_diag_list *diags, char **text,
                                 size_t *len)
{
    switch (ly_file_read(path, max, false, text, len, diags)) {
    case LY_FILE_OK:
        return LY_LOAD_OK;
    case LY_FILE_TOO_BIG:
        return LY_LOAD_DATA;
    case LY_FILE_NOMEM:
        return LY_LOAD_NOMEM;
    default:
        return LY_LOAD_IO;
    }
}

#ifndef LY_WEB
/* A path its name says is not for louyu's readers: a file named .gpkg that is no SQLite
 * database (an empty or damaged copy), or a folder named .gdb (an Esri File Geodatabase):
 * said, true. */
static bool refused_by_name(const char *path, ly_diag_list *diags)
{
    size_t n = strlen(path);
    struct stat st;
    if (n >= 4 && !strcasecmp(path + n - 4, ".gdb") && !stat(path, &st) && S_ISDIR(st.st_mode)) {
        /* (a folder that ArcGIS calls one file) */
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the folder is an Esri File Geodatabase, which louyu does not read: "
                    "expected GeoJSON, a shapefile or a GeoPackage (GDAL converts it: "
                    "`ogr2ogr -f GPKG out.gpkg %s`)", path);
        return true;
    }
    if (n < 5 || strcasecmp(path + n - 5, ".gpkg") || ly_store_is(path) || stat(path, &st) ||
        !S_ISREG(st.st_mode))
        return false;
    ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                "the file is named .gpkg but is not an SQLite database (%s): expected a "
                "GeoPackage, which starts \"SQLite format 3\" (a damaged copy?)",
                st.st_size ? "it does not start as one" : "it is empty");
    return true;
}
#endif

#ifndef LY_WEB
ly_load_result ly_district_load_bytes_text(ly_district *out, char *raw, size_t n,
                                           const char *path, const ly_load_desc *desc,
                                           ly_diag_list *diags, char **text, size_t *len)
{
    memset(out, 0, sizeof *out);
    *text = NULL;
    *len = 0;
    size_t max = ly_load_max_bytes(desc);
    if (is_gzip(raw, n)) { /* the text it holds */
        if (!ly_unpack_enter(diags)) {
            free(raw);
            return LY_LOAD_DATA;
        }
        char *inner;
        bool ok = gunzip(raw, n, max, diags, &inner, &n);
        free(raw);
        ly_load_result r = LY_LOAD_DATA;
        if (ok)
            r = ly_district_load_bytes_text(out, inner, n, path, desc, diags, text, len);
        ly_unpack_leave();
        return r;
    }
    bool le;
    char *utf8;
    if (is_utf16(raw, n, &le)) { /* kept as the UTF-8 it is read as */
        bool ok = utf16_decoded(raw, n, le, diags, &utf8, &n);
        free(raw);
        return ok ? ly_district_load_bytes_text(out, utf8, n, path, desc, diags, text, len)
                  : LY_LOAD_DATA;
    }
    ly_load_result r;
    if (ly_osm_is(raw, n) || ly_zip_is(raw, n)) { /* the GeoJSON they are read as */
        r = ly_osm_is(raw, n) ? ly_osm_load_text(out, raw, n, path, desc, diags, text, len)
                              : ly_zip_district_load_text(out, raw, n, path, desc, diags, text,
                                                          len);
        free(raw);
        return r;
    }
    r = ly_district_load_mem(out, raw, n, path, desc, diags);
    ly_geojson_wrapped w = {0};
    if (r == LY_LOAD_OK && ly_geojson_wrap(raw, n, &w) == 1) {
        free(raw); /* a Feature, a geometry or a sequence: the collection it stands for */
        raw = w.text;
        n = w.len;
    }
    if (r == LY_LOAD_OK) {
        *text = raw;
        *len = n;
    } else {
        free(raw);
    }
    return r;
}

ly_load_result ly_district_load_text(ly_district *out, const char *path,
                                     const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                     size_t *len)
{
    memset(out, 0, sizeof *out);
    *text = NULL;
    *len = 0;
    if (refused_by_name(path, diags))
        return LY_LOAD_DATA;
    if (ly_gisfile_is(path))
        return ly_gisfile_load_text(out, path, desc, diags, text, len);
    if (ly_store_is(path)) {
        /* an SQLite file that is not another tool's GeoPackage now: a store, or one
         * another program holds locked (said as such, not read as text) */
        ly_load_result r = ly_store_load(out, path, desc, diags);
        if (r != LY_LOAD_OK)
            return r;
        ly_district_unload(out);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "is a louyu store already: expected a district file (louyu export %s "
                    "--out FILE.geojson writes its district as it is now)", path);
        return LY_LOAD_IO;
    }
    size_t max = ly_load_max_bytes(desc);
    char *raw;
    size_t n;
    ly_load_result read = read_whole(path, max, diags, &raw, &n);
    if (read != LY_LOAD_OK)
        return read;
    return ly_district_load_bytes_text(out, raw, n, path, desc, diags, text, len);
}
#endif

ly_load_result ly_district_load(ly_district *out, const char *path, const ly_load_desc *desc,
                                ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
#ifndef LY_WEB /* the page fetches URLs itself; a browser has no SQLite store */
    if (refused_by_name(path, diags))
        return LY_LOAD_DATA;
    if (ly_is_url(path)) /* a district on a web server: fetched into its checked local copy */
        return ly_fetch_load(out, path, &(ly_fetch_desc){.load = desc}, NULL, diags);
    /* an ESRI shapefile, or a GeoPackage another tool wrote: as the GeoJSON it stands for */
    if (ly_gisfile_is(path))
        return ly_gisfile_load_text(out, path, desc, diags, NULL, NULL);
    if (ly_store_is(path)) /* a GeoPackage made by louyu convert: the district and its weeks */
        return ly_store_load(out, path, desc, diags);
#endif
    double t0 = ly_clock_ms();
    size_t max_bytes = ly_load_max_bytes(desc);
    ly_progress_stage(desc ? desc->progress : NULL, LY_STAGE_READ);
    char *text;
    size_t got;
    ly_load_result read = read_whole(path, max_bytes, diags, &text, &got);
    if (read != LY_LOAD_OK)
        return read;
    double read_ms = ly_clock_ms() - t0;
    ly_load_result r = ly_district_load_mem(out, text, got, path, desc, diags);
    free(text);
    if (desc && desc->timing) {
        desc->timing->read_ms = read_ms;
        desc->timing->total_ms = ly_clock_ms() - t0;
    }
    if (r == LY_LOAD_OK)
        LY_INFO("LOAD", "[%s] %zu buildings, %zu other features", path, out->n_buildings,
                out->n_features);
    return r;
}
