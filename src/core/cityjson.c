/* CityJSON reader: a CityJSON 1.1 / 2.0 document, or a CityJSONSeq (a header value and
 * one CityJSONFeature per line), into a ly_district. City objects become buildings
 * (with their BuildingParts and BuildingInstallations as parts of one 3D model) and
 * ground layers (roads, water, vegetation, land use); the vertices go through the
 * transform and then through PROJ from metadata.referenceSystem to WGS 84.
 * Geometry is in cityjson_geom.c. See docs/data-format.md#cityjson. */
#include "cityjson_private.h"
#include "vocab.h"
#include "louyu/clock.h"
#include "louyu/json.h"
#include "louyu/log.h"
#include "louyu/progress.h"
#include "louyu/proj.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_VERTICES = 20000000, MAX_FLOORS = 300 };
#define DEFAULT_STOREY_M 3.2
#define DEFAULT_HEIGHT_M 10.0

/* ---- reporting and growing ------------------------------------------------------------ */

static void report(cj_reader *r, ly_diag_severity sev, const cJSON *at, const char *fmt,
                   va_list ap)
{
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t before = r->diags->count;
    if (sev == LY_DIAG_ERROR)
        r->bad = true;
    ly_diag *dg = ly_diag_add(r->diags, sev, SIZE_MAX, r->object, "%s%s", r->where, msg);
    if (dg && at && ly_pending_add(r->pend, at, before))
        r->nomem = true;
}

void cj_err(cj_reader *r, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, LY_DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void cj_warn(cj_reader *r, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, LY_DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

void *cj_grow(cj_reader *r, void **arr, size_t *n, size_t *cap, size_t item)
{
    if (ly_array_reserve(arr, cap, *n + 1, item)) {
        r->nomem = true;
        return NULL;
    }
    return (char *)*arr + item * (*n)++;
}

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *keep(cj_reader *r, const char *s)
{
    if (!s || !*s)
        return NULL;
    char *k = ly_arena_strdup(&r->d->arena, s);
    if (!k)
        r->nomem = true;
    else
        ly_text_tame(k);
    return k;
}

/* ---- ids ------------------------------------------------------------------------------ */

/* The slot of key: its value when found, or where it would go. */
static size_t map_slot(const cj_map *m, const char *key)
{
    size_t i = ly_hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static const void *map_get(const cj_map *m, const char *key)
{
    return m->cap ? m->vals[map_slot(m, key)] : NULL;
}

/* Returns 1 when added, 0 when the key was there (its value kept), -1 when out of memory. */
static int map_put(cj_map *m, const char *key, const void *val)
{
    if (2 * (m->count + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        cj_map bigger = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(void *)), cap, 0};
        if (!bigger.keys || !bigger.vals) {
            free(bigger.keys);
            free(bigger.vals);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = map_slot(&bigger, m->keys[i]);
                bigger.keys[j] = m->keys[i];
                bigger.vals[j] = m->vals[i];
            }
        bigger.count = m->count;
        free(m->keys);
        free(m->vals);
        *m = bigger;
    }
    size_t i = map_slot(m, key);
    if (m->keys[i])
        return 0;
    m->keys[i] = key;
    m->vals[i] = val;
    m->count++;
    return 1;
}

static void map_clear(cj_map *m)
{
    if (m->cap) {
        memset(m->keys, 0, m->cap * sizeof *m->keys);
        memset(m->vals, 0, m->cap * sizeof *m->vals);
    }
    m->count = 0;
}

static void map_free(cj_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- the reference system ------------------------------------------------------------- */

/* "https://www.opengis.net/def/crs/EPSG/0/7415", "urn:ogc:def:crs:EPSG::7415" or
 * "EPSG:7415": the code, or 0. */
PJ *ly_crs_to_wgs84(PJ_CONTEXT *ctx, const char *def, bool *geocentric)
{
    /* a PROJ string names a system only with +type=crs (else it is an operation): what
     * GDAL's and QGIS's users paste ("+proj=tmerc +lat_0=0 ...") means the system */
    char with_type[1024];
    if (!strncmp(def, "+proj=", 6) && !strstr(def, "+type=crs") &&
        snprintf(with_type, sizeof with_type, "%s +type=crs", def) < (int)sizeof with_type)
        def = with_type;
    PJ *src = ctx ? proj_create(ctx, def) : NULL, *horiz = NULL, *dst = NULL;
    if (src && proj_get_type(src) == PJ_TYPE_COMPOUND_CRS)
        horiz = proj_crs_get_sub_crs(ctx, src, 0);
    PJ *from = horiz ? horiz : src;
    *geocentric = from && proj_get_type(from) == PJ_TYPE_GEOCENTRIC_CRS;
    if (from)
        dst = proj_create(ctx, *geocentric ? "EPSG:4979" : "EPSG:4326");
    PJ *op = dst ? proj_create_crs_to_crs_from_pj(ctx, from, dst, NULL, NULL) : NULL;
    /* x east (or longitude) and y north (or latitude), whatever order the EPSG
     * definition gives its axes: how CityJSON and GeoJSON files are written */
    PJ *pj = op ? proj_normalize_for_visualization(ctx, op) : NULL;
    proj_destroy(op);
    proj_destroy(dst);
    proj_destroy(horiz);
    proj_destroy(src);
    return pj;
}

/* The transformation from the file's system (its horizontal part for a compound one) to
 * WGS 84; a geocentric system goes to WGS 84 with ellipsoidal heights. */
static bool crs_pipeline(cj_reader *r, const char *def, const cJSON *at)
{
    r->ctx = proj_context_create();
    if (r->ctx)
        proj_log_level(r->ctx, PJ_LOG_NONE); /* its reasons are in our message */
    r->pj = ly_crs_to_wgs84(r->ctx, def, &r->geocentric);
    const char *why = !r->ctx ? "no PROJ"
                              : proj_context_errno_string(r->ctx, proj_context_errno(r->ctx));
    if (!why || !strncmp(why, "Unknown error", 13)) /* (PROJ's words for a code it does not know) */
        why = "a system it does not know";
    if (!r->pj)
        cj_err(r, at, "\"referenceSystem\" %s: PROJ cannot transform it to WGS 84 (%s): expected "
               "a reference system such as https://www.opengis.net/def/crs/EPSG/0/7415", def, why);
    return r->pj != NULL;
}

static void read_crs(cj_reader *r, const cJSON *meta, const cJSON *transform)
{
    const cJSON *rs = member(meta, "referenceSystem");
    if (rs && !cJSON_IsString(rs)) {
        cj_err(r, rs, "\"referenceSystem\" is %s: expected a text such as "
               "\"https://www.opengis.net/def/crs/EPSG/0/7415\"", cj_kind(rs));
        return;
    }
    if (rs) {
        int code = ly_crs_epsg(rs->valuestring);
        char epsg[32];
        snprintf(epsg, sizeof epsg, "EPSG:%d", code);
        const char *def = code ? epsg : rs->valuestring; /* (a PROJ string whole, however long) */
        snprintf(r->crs, sizeof r->crs, "%.60s", def); /* as messages name it */
        crs_pipeline(r, def, rs);
        return;
    }
    /* No system: local metres, placed around the transform's origin (or the extent's
     * centre) at 0° N 0° E, true to scale but nowhere on the earth. */
    const cJSON *tr = member(transform, "translate"), *ext = member(meta, "geographicalExtent");
    if (cJSON_GetArraySize(tr) == 3 && cJSON_IsNumber(tr->child) && cJSON_IsNumber(tr->child->next)) {
        r->local_origin[0] = tr->child->valuedouble;
        r->local_origin[1] = tr->child->next->valuedouble;
    } else if (cJSON_GetArraySize(ext) == 6) {
        const cJSON *a = cJSON_GetArrayItem(ext, 0), *b = cJSON_GetArrayItem(ext, 1);
        const cJSON *c = cJSON_GetArrayItem(ext, 3), *d = cJSON_GetArrayItem(ext, 4);
        if (cJSON_IsNumber(a) && cJSON_IsNumber(b) && cJSON_IsNumber(c) && cJSON_IsNumber(d)) {
            r->local_origin[0] = 0.5 * (a->valuedouble + c->valuedouble);
            r->local_origin[1] = 0.5 * (b->valuedouble + d->valuedouble);
        }
    }
    r->d->meta.local_crs = true;
    r->d->meta.local_origin[0] = r->local_origin[0];
    r->d->meta.local_origin[1] = r->local_origin[1];
    cj_warn(r, meta ? meta : NULL, "no metadata.referenceSystem: the coordinates are taken as "
            "metres in a local system, drawn true to scale around 0° N 0° E (expected an EPSG "
            "code such as https://www.opengis.net/def/crs/EPSG/0/28992 to place them)");
}

int cj_transform(cj_reader *r, const double *xyz, size_t n, double *out, const cJSON *at)
{
    for (size_t i = 0; i < n; i++) /* (no system's metres or feet reach 100,000 km) */
        if (!(fabs(xyz[3 * i]) <= 1e8 && fabs(xyz[3 * i + 1]) <= 1e8 &&
              fabs(xyz[3 * i + 2]) <= 1e8)) {
            cj_err(r, at, "vertex %zu (%.6g, %.6g, %.3f) lies beyond any place on the earth: "
                   "expected coordinates in %s", i, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2],
                   r->pj ? r->crs : "metres");
            return -1;
        }
    if (!r->pj) {
        ly_proj p;
        ly_proj_init(&p, 0, 0);
        for (size_t i = 0; i < n; i++) {
            double x = xyz[3 * i] - r->local_origin[0], y = xyz[3 * i + 1] - r->local_origin[1];
            ly_proj_inverse(&p, x, y, &out[3 * i], &out[3 * i + 1]);
            out[3 * i + 2] = xyz[3 * i + 2];
            /* a place the local plane cannot hold comes back elsewhere (20,000 km away is
             * round the earth): said, not drawn somewhere else */
            double bx, by;
            ly_proj_forward(&p, out[3 * i], out[3 * i + 1], &bx, &by);
            if (!(fabs(bx - x) <= 1 && fabs(by - y) <= 1)) {
                cj_err(r, at, "vertex %zu lies %.0f km from the file's origin: expected metres "
                       "in a local system, a district's or a city's (a file without a reference "
                       "system is placed around 0° N 0° E)", i, hypot(x, y) / 1000);
                return -1;
            }
        }
        return 0;
    }
    if (n)
        memcpy(out, xyz, 3 * n * sizeof *out);
    size_t s = 3 * sizeof *out;
    proj_trans_generic(r->pj, PJ_FWD, out, s, n, out + 1, s, n, r->geocentric ? out + 2 : NULL,
                       r->geocentric ? s : 0, r->geocentric ? n : 0, NULL, 0, 0);
    for (size_t i = 0; i < n; i++) {
        double lon = out[3 * i], lat = out[3 * i + 1];
        if (!(fabs(lat) <= 90 && fabs(lon) <= 540)) {
            double x = xyz[3 * i], y = xyz[3 * i + 1];
            bool swapped = fabs(x) <= 90 && fabs(y) > 90 && fabs(y) <= 180;
            cj_err(r, at, "vertex %zu (%.3f, %.3f, %.3f) cannot be transformed from %s to WGS 84: "
                   "expected coordinates in that system, x east then y north%s", i, x, y,
                   xyz[3 * i + 2], r->crs,
                   swapped ? " (longitude then latitude): the file looks written latitude first"
                           : "");
            return -1;
        }
    }
    return 0;
}

/* ---- vertices and templates ----------------------------------------------------------- */

static bool triple(const cJSON *v, double out[3])
{
    int k = 0;
    for (const cJSON *c = cJSON_IsArray(v) ? v->child : NULL; c; c = c->next, k++)
        if (k >= 3 || !cJSON_IsNumber(c) || !isfinite(c->valuedouble))
            return false;
        else
            out[k] = c->valuedouble;
    return k == 3;
}

static void read_transform(cj_reader *r, const cJSON *tr)
{
    for (int k = 0; k < 3; k++) {
        r->scale[k] = 1;
        r->translate[k] = 0;
    }
    if (!tr)
        return;
    double s[3], t[3];
    const cJSON *sc = member(tr, "scale"), *tl = member(tr, "translate");
    if (!triple(sc, s) || !s[0] || !s[1] || !s[2])
        cj_err(r, sc ? sc : tr, "\"transform\" needs \"scale\": three numbers, none 0");
    else if (!triple(tl, t))
        cj_err(r, tl ? tl : tr, "\"transform\" needs \"translate\": three numbers");
    else
        for (int k = 0; k < 3; k++) {
            r->scale[k] = s[k];
            r->translate[k] = t[k];
        }
}

/* The document's or feature's "vertices", through the transform and the reference system. */
static void read_vertices(cj_reader *r, const cJSON *root, const cJSON *vs)
{
    r->n_ll = 0;
    if (!vs) {
        cj_err(r, root, "the document has no \"vertices\": expected an array of [x, y, z]");
        return;
    }
    if (!cJSON_IsArray(vs)) {
        cj_err(r, vs, "\"vertices\" is %s: expected an array of [x, y, z]", cj_kind(vs));
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(vs);
    if (n > MAX_VERTICES) {
        cj_err(r, vs, "%zu vertices: expected at most %d", n, MAX_VERTICES);
        return;
    }
    if (ly_array_reserve((void **)&r->xyz, &r->cap_xyz, 3 * n + 3, sizeof *r->xyz) ||
        ly_array_reserve((void **)&r->ll, &r->cap_ll, 3 * n + 3, sizeof *r->ll)) {
        r->nomem = true;
        return;
    }
    size_t i = 0;
    for (const cJSON *v = vs->child; v; v = v->next, i++) {
        double p[3];
        if (!triple(v, p)) {
            int k = 0, size = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
            const cJSON *c = size == 3 ? v->child : NULL;
            for (; c && cJSON_IsNumber(c) && isfinite(c->valuedouble); c = c->next)
                k++;
            if (c)
                cj_err(r, c, "vertex %zu's %c is %s: expected [x, y, z], three numbers", i,
                       "xyz"[k], cj_kind(c));
            else if (size >= 0)
                cj_err(r, v, "vertex %zu has %d value%s: expected [x, y, z], three numbers", i,
                       size, size == 1 ? "" : "s");
            else
                cj_err(r, v, "vertex %zu is %s: expected [x, y, z], three numbers", i,
                       cj_kind(v));
            return;
        }
        for (int k = 0; k < 3; k++)
            r->xyz[3 * i + k] = p[k] * r->scale[k] + r->translate[k];
    }
    if (cj_transform(r, r->xyz, n, r->ll, vs) == 0)
        r->n_ll = n;
}

static void read_templates(cj_reader *r, const cJSON *gt)
{
    r->templates = NULL;
    r->n_tv = 0;
    if (!gt)
        return;
    const cJSON *ts = member(gt, "templates"), *tv = member(gt, "vertices-templates");
    if (!cJSON_IsArray(ts) || !cJSON_IsArray(tv)) {
        cj_err(r, gt, "\"geometry-templates\" needs \"templates\" and \"vertices-templates\" "
               "(arrays)");
        return;
    }
    size_t n = (size_t)cJSON_GetArraySize(tv);
    free(r->tv);
    r->tv = malloc((n ? n : 1) * 3 * sizeof *r->tv);
    if (!r->tv) {
        r->nomem = true;
        return;
    }
    size_t i = 0;
    for (const cJSON *v = tv->child; v; v = v->next, i++)
        if (!triple(v, r->tv + 3 * i)) {
            cj_err(r, v, "template vertex %zu is %s: expected [x, y, z]", i, cj_kind(v));
            return;
        }
    r->templates = ts;
    r->n_tv = n;
}

/* ---- attributes ----------------------------------------------------------------------- */

static bool whole_in(const cJSON *v, double lo, double hi)
{
    return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
           v->valuedouble == floor(v->valuedouble);
}

/* "storeysAboveGround": a whole number, or text that holds one, read as the GeoJSON loader
 * reads a building's levels ("6"; "5;6", OpenStreetMap's list: the largest, said); false
 * (said, with the value) for anything else. */
static bool storeys_value(cj_reader *r, const cJSON *m, int *storeys)
{
    double v = cJSON_IsNumber(m) ? m->valuedouble : NAN;
    int how = 0;
    bool text = cJSON_IsString(m) && ly_vocab_number(m->valuestring, false, &v, &how);
    char shown[64];
    if (cJSON_IsString(m))
        snprintf(shown, sizeof shown, "\"%.40s\"", m->valuestring);
    else
        snprintf(shown, sizeof shown, "%.15g", v);
    if ((text || cJSON_IsNumber(m)) && v >= 1 && v <= MAX_FLOORS && v == floor(v)) {
        if (how & LY_NUMBER_SEVERAL)
            cj_warn(r, m, "\"storeysAboveGround\" is %s: several values; the largest is used "
                    "(%g)", shown, v);
        *storeys = (int)v;
        return true;
    }
    cj_warn(r, m, "\"storeysAboveGround\" is %s: expected a whole number from 1 to %d",
            cJSON_IsString(m) || cJSON_IsNumber(m) ? shown : cj_kind(m), MAX_FLOORS);
    return false;
}

/* One attribute louyu knows into the building; false when it is not one (or its value is
 * not what louyu reads: it stays among the other attributes then). */
static bool known_attribute(cj_reader *r, const cJSON *m, ly_building *b, int *storeys)
{
    static const char *const text_keys[] = {"name", "name_en", "address", "address_en"};
    const char **text_slots[] = {&b->name, &b->name_en, &b->address, &b->address_en};
    const char *k = m->string;
    for (int i = 0; i < 4; i++) {
        if (strcmp(k, text_keys[i]))
            continue;
        if (cJSON_IsString(m) && *m->valuestring) {
            *text_slots[i] = keep(r, m->valuestring);
            return true;
        }
        if (!cJSON_IsString(m) && !cJSON_IsNull(m))
            cj_warn(r, m, "\"%s\" is %s: expected a text (kept with the other attributes)", k,
                    cj_kind(m));
    }
    if (!strcmp(k, "min_height_m") && cJSON_IsNumber(m) && m->valuedouble > 0 &&
        m->valuedouble < 1000) { /* (louyu's export: the base above the ground) */
        b->min_height_m = m->valuedouble;
        return true;
    }
    if (!strcmp(k, "type") && cJSON_IsString(m) && *m->valuestring) {
        b->type = keep(r, m->valuestring); /* (the kind of building: the card's title) */
        return true;
    }
    if (!strcmp(k, "yearOfConstruction") && !cJSON_IsNull(m)) {
        if (whole_in(m, 1000, 2200)) {
            b->year = m->valueint;
            return true;
        }
        char v[48];
        if (cJSON_IsNumber(m))
            snprintf(v, sizeof v, "%.15g", m->valuedouble);
        cj_warn(r, m, "\"yearOfConstruction\" is %s: expected a year, a whole number from "
                "1000 to 2200 (kept with the other attributes)", cJSON_IsNumber(m) ? v : cj_kind(m));
    } else if (!strcmp(k, "storeysAboveGround") && !cJSON_IsNull(m)) {
        if (storeys_value(r, m, storeys))
            return true;
    } else if (!strcmp(k, "status") && cJSON_IsString(m) &&
               (!strcmp(m->valuestring, "completed") ||
                !strcmp(m->valuestring, "under_construction"))) {
        b->status = m->valuestring[0] == 'c' ? LY_STATUS_COMPLETED : LY_STATUS_UNDER_CONSTRUCTION;
        return true;
    } else if (!strcmp(k, "rent_cny_m2_day") && !cJSON_IsNull(m)) {
        /* louyu's own rent, as louyu export writes it, doubted as a GeoJSON file's is (and
         * not kept as another property when it is none) */
        bool num = cJSON_IsNumber(m) && isfinite(m->valuedouble) && m->valuedouble >= 0 &&
                   m->valuedouble <= LY_RENT_CAP;
        const char *doubt = num ? ly_rent_doubt(m->valuedouble)
                                : "expected the asking rent in CNY per m² per day, a number "
                                  "above 0 and at most 10000; not read";
        char v[48];
        if (cJSON_IsNumber(m))
            snprintf(v, sizeof v, "%g", m->valuedouble == 0 ? 0.0 : m->valuedouble);
        if (doubt)
            cj_warn(r, m, "\"rent_cny_m2_day\" is %s: %s", cJSON_IsNumber(m) ? v : cj_kind(m),
                    doubt);
        if (num && m->valuedouble > 0)
            b->rent_cny_m2_day = m->valuedouble;
        return true;
    } else if (cJSON_IsNumber(m) && m->valuedouble >= 0 && isfinite(m->valuedouble)) {
        /* louyu's own figures, as louyu export writes them */
        double *slot = !strcmp(k, "tax_2010_cny")                           ? &b->tax_2010_cny
                       : !strcmp(k, "floor_area_m2") && m->valuedouble > 0 ? &b->gfa_m2
                                                                           : NULL;
        if (slot)
            *slot = m->valuedouble;
        return slot != NULL;
    }
    return false;
}

/* Where a building's height comes from without its "measuredHeight". */
#define MEASURED_ELSE "the height is the model's, else its storeys', else 10 m"

/* "measuredHeight" written as text ("12.5", "12.5 m", "41 ft", "12,5": ly_vocab_number);
 * -1 for anything else. */
static double measured_text(const cJSON *m)
{
    double v;
    int how;
    if (!cJSON_IsString(m) || strcmp(m->string, "measuredHeight") ||
        !ly_vocab_number(m->valuestring, true, &v, &how))
        return -1;
    return v;
}

/* The attributes louyu reads, and the rest kept as they are (the card shows them). */
static void read_attributes(cj_reader *r, const cJSON *attrs, ly_building *b, int *storeys,
                            double *measured)
{
    if (!attrs || cJSON_IsNull(attrs))
        return;
    if (!cJSON_IsObject(attrs)) {
        cj_err(r, attrs, "\"attributes\" is %s: expected an object", cj_kind(attrs));
        return;
    }
    cJSON *rest = cJSON_CreateObject();
    if (!rest) {
        r->nomem = true;
        return;
    }
    for (const cJSON *m = attrs->child; m; m = m->next) {
        double text_m = measured_text(m);
        if (!strcmp(m->string, "measuredHeight") && cJSON_IsNumber(m) && m->valuedouble > 0 &&
            m->valuedouble <= 1000)
            *measured = m->valuedouble;
        else if (!strcmp(m->string, "measuredHeight") && text_m > 0 && text_m <= 1000) {
            *measured = text_m; /* "12.5 m": what it says, as GeoJSON's heights are read */
            cj_warn(r, m, "\"measuredHeight\" is the text \"%s\": read as %.12g m; expected a "
                    "number of metres", m->valuestring, text_m);
        } else if (!strcmp(m->string, "measuredHeight") && cJSON_IsNumber(m))
            cj_warn(r, m, "\"measuredHeight\" is %.12g: expected a height in metres > 0 and "
                    "\u2264 1000 (not used: " MEASURED_ELSE ")", m->valuedouble);
        else if (!strcmp(m->string, "measuredHeight") && !cJSON_IsNull(m))
            cj_warn(r, m, "\"measuredHeight\" is %s: expected a number of metres (not used: "
                    MEASURED_ELSE ")", cj_kind(m));
        if (!known_attribute(r, m, b, storeys))
            cJSON_AddItemReferenceToObject(rest, m->string, (cJSON *)m);
    }
    if (rest->child) {
        char *text = cJSON_PrintUnformatted(rest);
        b->extra = keep(r, text);
        if (!text)
            r->nomem = true;
    }
}

static void append(char *buf, size_t n, const char *sep, const cJSON *v)
{
    char num[32];
    const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
    if (cJSON_IsNumber(v)) { /* a house number or postal code as written: 1234567, not 1.23457e+06 */
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        s = num;
    }
    if (!s || !*s)
        return;
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, "%s%s", len ? sep : "", s);
}

/* CityJSON 2.0's "address" (xAL names) as one line: "Oude Delft 36, 2611 CD Delft". */
static void read_address(cj_reader *r, const cJSON *obj, ly_building *b)
{
    const cJSON *a = member(obj, "address");
    const cJSON *first = cJSON_IsArray(a) ? a->child : a;
    if (b->address || !cJSON_IsObject(first))
        return;
    char street[1024] = "", place[1024] = "", line[2100] = "";
    append(street, sizeof street, " ", member(first, "ThoroughfareName"));
    append(street, sizeof street, " ", member(first, "ThoroughfareNumber"));
    append(place, sizeof place, " ", member(first, "PostalCode"));
    append(place, sizeof place, " ", member(first, "LocalityName"));
    snprintf(line, sizeof line, "%s%s%s", street, *street && *place ? ", " : "", place);
    b->address = keep(r, line);
}

/* ---- city objects --------------------------------------------------------------------- */

static const char *type_of(const cJSON *o)
{
    const cJSON *t = member(o, "type");
    return cJSON_IsString(t) ? t->valuestring : NULL;
}

static bool is_part(const char *type)
{
    return type && (!strcmp(type, "BuildingPart") || !strcmp(type, "BuildingInstallation"));
}

static bool has_parts(const char *type)
{
    return type && (!strcmp(type, "Building") || is_part(type));
}

static void add_parts(cj_reader *r, const cJSON *obj, uint16_t *part, int depth);

/* Part `node` (id `id`, named at `at`) of the building being read, and its own parts. */
static void add_part(cj_reader *r, const cJSON *at, const char *id, const cJSON *node,
                     uint16_t *part, int depth)
{
    if (!is_part(type_of(node)))
        return;
    int fresh = map_put(&r->seen, id, node);
    if (fresh < 0)
        r->nomem = true;
    if (fresh <= 0) { /* a cycle, or a part two parents list: read once */
        if (fresh == 0)
            cj_warn(r, at, "child \"%s\" is reached again in this building's parts (a "
                    "cycle, or a part with two parents): read once; expected each part "
                    "listed by one parent", id);
        return;
    }
    /* (its problems named by the part, not the building) */
    char outer[sizeof r->where];
    memcpy(outer, r->where, sizeof outer);
    snprintf(r->where, sizeof r->where, "city object \"%.120s\": ", id);
    float lod;
    const cJSON *g = cj_pick_geometry(r, node, &lod);
    if (g && *part < UINT16_MAX) {
        (*part)++;
        while (r->n_part_kind <= *part) {
            unsigned char *k = cj_grow(r, (void **)&r->part_kind, &r->n_part_kind,
                                       &r->cap_part_kind, 1);
            if (!k)
                break;
            *k = 0;
        }
        const cJSON *base = member(member(node, "attributes"), "min_height_m");
        if (r->n_part_kind > *part)
            r->part_kind[*part] =
                (!strcmp(type_of(node), "BuildingInstallation") ? CJ_PART_INSTALLATION : 0) |
                (cJSON_IsNumber(base) && base->valuedouble > 0 ? CJ_PART_RAISED : 0);
        uint32_t faces = (uint32_t)r->d->n_faces;
        cj_geometry(r, g, *part, false, NULL, NULL);
        r->best_lod = fmaxf(r->best_lod, lod);
        r->part_faces |= r->d->n_faces > faces && !strcmp(type_of(node), "BuildingPart");
    }
    memcpy(r->where, outer, sizeof outer);
    add_parts(r, node, part, depth + 1);
}

static int by_parent(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)((const struct cj_adopted *)pa)->parent,
              b = (uintptr_t)((const struct cj_adopted *)pb)->parent;
    return (a > b) - (a < b);
}

/* The parts of a building (and their parts) as faces of parts 1, 2, ...: those its
 * "children" list, then those that name it in their "parents" alone. */
static void add_parts(cj_reader *r, const cJSON *obj, uint16_t *part, int depth)
{
    if (depth >= 8)
        return;
    const cJSON *ch = member(obj, "children");
    for (const cJSON *c = cJSON_IsArray(ch) ? ch->child : NULL; c; c = c->next) {
        const cJSON *node = cJSON_IsString(c) ? map_get(&r->objects, c->valuestring) : NULL;
        if (!node) {
            cj_err(r, c, "child \"%s\" is not one of the CityObjects: expected the id of one",
                   cJSON_IsString(c) ? c->valuestring : cj_kind(c));
            continue;
        }
        add_part(r, c, c->valuestring, node, part, depth);
    }
    struct cj_adopted key = {obj, NULL};
    const struct cj_adopted *a =
        r->n_adopted ? bsearch(&key, r->adopted, r->n_adopted, sizeof key, by_parent) : NULL;
    while (a && a > r->adopted && a[-1].parent == obj)
        a--;
    for (; a && a < r->adopted + r->n_adopted && a->parent == obj; a++)
        add_part(r, a->child, a->child->string, a->child, part, depth);
}

/* Who reads each part: the building or part whose "children" list it, else the first one
 * its "parents" name (a file that fills in one side only loses no part, and reads none
 * twice, once with a building and once as its own). */
static void relate_parts(cj_reader *r, const cJSON *objs)
{
    map_clear(&r->listed);
    r->n_adopted = 0;
    for (const cJSON *o = objs->child; o && !r->nomem; o = o->next) {
        const cJSON *ch = has_parts(type_of(o)) ? member(o, "children") : NULL;
        for (const cJSON *c = cJSON_IsArray(ch) ? ch->child : NULL; c; c = c->next)
            if (cJSON_IsString(c) && map_get(&r->objects, c->valuestring) &&
                map_put(&r->listed, c->valuestring, o) < 0)
                r->nomem = true;
    }
    size_t adopted = 0;
    for (const cJSON *o = objs->child; o && !r->nomem; o = o->next) {
        const cJSON *ps = is_part(type_of(o)) && o->string ? member(o, "parents") : NULL;
        if (!cJSON_IsArray(ps) || map_get(&r->listed, o->string))
            continue;
        for (const cJSON *p = ps->child; p; p = p->next) {
            const cJSON *parent = cJSON_IsString(p) ? map_get(&r->objects, p->valuestring) : NULL;
            if (!parent || !has_parts(type_of(parent)))
                continue;
            struct cj_adopted *a = cj_grow(r, (void **)&r->adopted, &r->n_adopted,
                                           &r->cap_adopted, sizeof *a);
            if (a)
                *a = (struct cj_adopted){parent, o};
            if (a && map_put(&r->listed, o->string, parent) < 0)
                r->nomem = true;
            adopted++;
            break;
        }
    }
    if (r->n_adopted)
        qsort(r->adopted, r->n_adopted, sizeof *r->adopted, by_parent);
    r->n_adopted_all += adopted;
}

static void building_floors(cj_reader *r, ly_building *b, int storeys, const cJSON *obj)
{
    if (storeys && b->height_m / storeys < 1.5) {
        cj_warn(r, obj, "%d storeys in %.1f m: less than 1.5 m each, so the storeys are counted "
                "from the height", storeys, b->height_m);
        storeys = 0;
    }
    long f = storeys ? storeys : lround(b->height_m / DEFAULT_STOREY_M);
    b->floors = (int)(f < 1 ? 1 : f > MAX_FLOORS ? MAX_FLOORS : f);
    b->first_floor_height = (uint32_t)r->d->n_floor_heights;
    for (int i = 0; i < b->floors; i++) {
        float *h = cj_grow(r, (void **)&r->d->floor_heights, &r->d->n_floor_heights,
                           &r->cap_floor_heights, sizeof *h);
        if (!h)
            return;
        *h = (float)(b->height_m / b->floors);
    }
}

static void read_building(cj_reader *r, const char *id, const cJSON *obj)
{
    ly_district *d = r->d;
    ly_building b = {.id = id, .gfa_m2 = -1, .rent_cny_m2_day = -1, .tax_2010_cny = -1,
                     .feature = (uint32_t)r->object, .first_face = (uint32_t)d->n_faces};
    uint32_t p0 = (uint32_t)d->n_points;
    uint16_t part = 0;
    r->best_lod = 0;
    if (map_put(&r->seen, id, obj) < 0)
        r->nomem = true;
    r->part_faces = false;
    r->singular = NULL;
    r->n_part_kind = 0;
    add_parts(r, obj, &part, 0);
    map_free(&r->seen); /* (sized by this building's parts, not the largest's) */
    if (!r->part_faces) { /* no BuildingParts with surfaces: the building's own (with its
                           * installations, a chimney or a balcony, beside it) */
        float lod;
        const cJSON *g = cj_pick_geometry(r, obj, &lod);
        if (g && cj_geometry(r, g, 0, false, NULL, NULL))
            r->best_lod = lod;
    }
    int storeys = 0;
    double measured = 0;
    read_attributes(r, member(obj, "attributes"), &b, &storeys, &measured);
    read_address(r, obj, &b);
    if (r->bad || r->nomem)
        return;
    double flat_h = measured > 0 ? measured : storeys ? storeys * DEFAULT_STOREY_M : DEFAULT_HEIGHT_M;
    if (!cj_finish_building(r, &b, p0, flat_h)) {
        if (!r->nomem && r->singular)
            cj_warn(r, r->singular, "has no surfaces louyu can draw: its GeometryInstance's "
                    "\"transformationMatrix\" is singular (its determinant is 0), which "
                    "flattens the template into a plane, a line or a point; expected a matrix "
                    "that keeps the template's volume (a rotation, a scale not 0, a "
                    "translation): left out");
        else if (!r->nomem)
            cj_warn(r, obj, "has no surfaces louyu can draw (no geometry, or only points and "
                    "lines): left out");
        d->n_faces = b.first_face;
        r->n_skipped++;
        return;
    }
    b.lod = r->best_lod;
    building_floors(r, &b, storeys, obj);
    ly_building *slot = cj_grow(r, (void **)&d->buildings, &d->n_buildings, &r->cap_buildings,
                                sizeof *slot);
    if (slot)
        *slot = b;
}

static const struct {
    const char *type;
    ly_kind kind;
    int subtype;
} AREAS[] = {
    {"Road", LY_KIND_ROAD, LY_ROAD_RESIDENTIAL},     {"TransportSquare", LY_KIND_ROAD, LY_ROAD_FOOTWAY},
    {"Railway", LY_KIND_ROAD, LY_ROAD_RESIDENTIAL},  {"Bridge", LY_KIND_ROAD, LY_ROAD_RESIDENTIAL},
    {"WaterBody", LY_KIND_WATER, LY_WATER_LAKE},     {"Waterway", LY_KIND_WATER, LY_WATER_RIVER},
    {"PlantCover", LY_KIND_PARK, 0},                 {"SolitaryVegetationObject", LY_KIND_PARK, 0},
    {"LandUse", LY_KIND_LAND_USE, 0},
};

/* A ground layer's city object as flat areas; true when it is one. */
static bool read_area(cj_reader *r, const char *id, const cJSON *obj, const char *type)
{
    size_t i = 0, n = sizeof AREAS / sizeof *AREAS;
    while (i < n && strcmp(AREAS[i].type, type))
        i++;
    if (i == n)
        return false;
    ly_feature f = {.kind = AREAS[i].kind, .subtype = AREAS[i].subtype, .id = id,
                    .feature = (uint32_t)r->object};
    const cJSON *attrs = member(obj, "attributes"), *nm = member(attrs, "name");
    f.name = cJSON_IsString(nm) ? keep(r, nm->valuestring) : NULL;
    float lod;
    const cJSON *g = cj_pick_geometry(r, obj, &lod);
    if (!g || !cj_geometry(r, g, 0, true, &f.first_polygon, &f.n_polygons) || !f.n_polygons ||
        !cj_merge_areas(r, f.first_polygon, &f.n_polygons))
        return true;
    ly_feature *slot = cj_grow(r, (void **)&r->d->features, &r->d->n_features, &r->cap_features,
                               sizeof *slot);
    if (slot)
        *slot = f;
    return true;
}

static void skip_type(cj_reader *r, const char *type)
{
    r->n_skipped++;
    size_t i = 0;
    while (i < r->n_skipped_types && strcmp(r->skipped[i].type, type))
        i++;
    if (i == r->n_skipped_types && i < sizeof r->skipped / sizeof *r->skipped) {
        const char *k = keep(r, type); /* (NULL for "" or out of memory) */
        r->skipped[i].type = k ? k : "";
        r->skipped[i].n = 0;
        r->n_skipped_types++;
    }
    if (i < r->n_skipped_types)
        r->skipped[i].n++;
}

/* Whether obj is read with another object: a part of a building. */
static bool read_with_parent(cj_reader *r, const cJSON *obj, const char *type)
{
    const cJSON *ps = member(obj, "parents");
    if (!is_part(type))
        return false;
    if (!cJSON_IsArray(ps) || !ps->child)
        return map_get(&r->listed, obj->string) != NULL;
    for (const cJSON *p = ps->child; p; p = p->next)
        if (!cJSON_IsString(p) || !map_get(&r->objects, p->valuestring)) {
            cj_err(r, p, "parent \"%s\" is not one of the CityObjects: expected the id of one",
                   cJSON_IsString(p) ? p->valuestring : cj_kind(p));
            return true;
        }
    return map_get(&r->listed, obj->string) != NULL; /* (else a part of no building) */
}

static void read_object(cj_reader *r, const cJSON *o)
{
    if (!cJSON_IsObject(o)) {
        cj_err(r, o, "is %s: expected a city object (an object with a \"type\")", cj_kind(o));
        return;
    }
    if (!o->string || !o->string[0]) {
        cj_err(r, o, "the id is empty: expected each city object's id to be some text");
        return;
    }
    const char *id = keep(r, o->string);
    int fresh = id ? map_put(&r->ids, id, NULL) : -1;
    if (fresh <= 0) {
        if (fresh < 0)
            r->nomem = true;
        else
            cj_err(r, o, "the id is used before: expected each city object's id once");
        return;
    }
    const char *type = type_of(o);
    if (!type) {
        cj_err(r, member(o, "type") ? member(o, "type") : o,
               "has no \"type\" text: expected one such as \"Building\"");
        return;
    }
    if (read_with_parent(r, o, type))
        return;
    if (!strcmp(type, "Building") || is_part(type)) {
        read_building(r, id, o);
        return;
    }
    if (read_area(r, id, o, type))
        return;
    if (cJSON_GetArraySize(member(o, "geometry")) > 0)
        skip_type(r, type);
}

static void read_objects(cj_reader *r, const cJSON *root, const cJSON *objs,
                         ly_progress *progress)
{
    if (!objs) {
        cj_err(r, root, "the document has no \"CityObjects\": expected an object of city objects "
               "by id");
        return;
    }
    if (!cJSON_IsObject(objs)) {
        cj_err(r, objs, "\"CityObjects\" is %s: expected an object of city objects by id",
               cj_kind(objs));
        return;
    }
    map_clear(&r->objects);
    for (const cJSON *o = objs->child; o; o = o->next)
        if (map_put(&r->objects, o->string, o) < 0) {
            r->nomem = true;
            return;
        }
    relate_parts(r, objs);
    size_t i = 0, n = r->objects.count;
    for (const cJSON *o = objs->child; o && !r->nomem; o = o->next, i++) {
        snprintf(r->where, sizeof r->where, "city object \"%.120s\": ", o->string);
        r->bad = false;
        ly_load_mark m = ly_load_mark_now(r->d, r->diags);
        size_t degenerate = r->n_degenerate, lod_missing = r->n_lod_missing;
        read_object(r, o);
        size_t errors = r->diags->errors - m.errors;
        if (errors && !r->nomem && r->skip_bad) {
            ly_load_leave_out(r->d, r->diags, &m, "city object");
            r->n_degenerate = degenerate;
            r->n_lod_missing = lod_missing;
        } else if (errors) {
            r->bad_objects++;
            r->object_errors += errors;
        }
        r->object++;
        if ((i & 255) == 0)
            ly_progress_step(progress, i, n);
    }
    r->where[0] = 0;
}

/* ---- documents ------------------------------------------------------------------------ */

static void read_meta(cj_reader *r, const cJSON *meta)
{
    const cJSON *t = member(meta, "title"), *date = member(meta, "referenceDate");
    if (cJSON_IsString(t))
        r->d->meta.name = keep(r, t->valuestring);
    if (cJSON_IsString(date))
        r->d->meta.data_date = keep(r, date->valuestring);
}

/* What a document or a CityJSONSeq's first line says for all that follows. */
static void read_header(cj_reader *r, const cJSON *root)
{
    const cJSON *v = member(root, "version");
    if (!cJSON_IsString(v) || !(strncmp(v->valuestring, "1.", 2) == 0 ||
                                strncmp(v->valuestring, "2.", 2) == 0)) {
        char shown[48];
        if (cJSON_IsString(v))
            snprintf(shown, sizeof shown, "\"%.40s\"", v->valuestring);
        cj_err(r, v ? v : root, "\"version\" is %s: expected \"2.0\", \"1.1\" or \"1.0\"",
               cJSON_IsString(v) ? shown : v ? cj_kind(v) : "missing");
        return;
    }
    const cJSON *tr = member(root, "transform"), *meta = member(root, "metadata");
    read_transform(r, tr);
    read_crs(r, meta, tr);
    read_meta(r, meta);
    read_templates(r, member(root, "geometry-templates"));
}

/* A document's or a CityJSONFeature's vertices and city objects. A feature whose vertices
 * have an error is one bad city object for --skip-bad: left out whole with it (its
 * objects share the vertices), else counted so that the CLI says --skip-bad would help. */
static void read_body(cj_reader *r, const cJSON *root, bool feature, ly_progress *progress)
{
    ly_load_mark m = ly_load_mark_now(r->d, r->diags);
    read_vertices(r, root, member(root, "vertices"));
    size_t errors = r->diags->errors - m.errors;
    if (!errors && !r->nomem) { /* (else every ring would say so again) */
        read_objects(r, root, member(root, "CityObjects"), progress);
    } else if (errors && !r->nomem && feature && r->skip_bad) {
        ly_load_leave_out(r->d, r->diags, &m, "feature");
    } else if (errors && feature) {
        r->bad_objects++;
        r->object_errors += errors;
    }
}

/* A CityJSONFeature with no CityJSON line before it: no transform, no reference system. */
static void headless(cj_reader *r, const cJSON *root)
{
    cj_warn(r, root, "a CityJSONFeature without the CityJSON line that should come first "
            "(its transform and reference system): read without a transform");
    read_transform(r, NULL);
    read_crs(r, NULL, NULL);
}

static void finish(cj_reader *r)
{
    ly_district *d = r->d;
    if (r->n_skipped_types) {
        char list[600] = "";
        for (size_t i = 0; i < r->n_skipped_types; i++) {
            size_t len = strlen(list);
            const char *t = r->skipped[i].type;
            snprintf(list + len, sizeof list - len, "%s%s %zu", i ? ", " : "", *t ? t : "\"\"",
                     r->skipped[i].n);
        }
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1, "city objects louyu does not draw "
                    "(it draws buildings, roads, water, vegetation and land use): %s", list);
    }
    if (r->n_adopted_all)
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "%zu %s a parent in %s \"parents\" that does not list %s among "
                    "its \"children\": read as its parts; expected each part in its parent's "
                    "\"children\" as well", r->n_adopted_all,
                    r->n_adopted_all == 1 ? "part names" : "parts name",
                    r->n_adopted_all == 1 ? "its" : "their", r->n_adopted_all == 1 ? "it" : "them");
    if (r->n_degenerate)
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1, "%zu %s with fewer than three "
                    "corners or no area %s left out", r->n_degenerate,
                    r->n_degenerate == 1 ? "surface" : "surfaces",
                    r->n_degenerate == 1 ? "was" : "were");
    if (r->n_lod_missing)
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1, "%zu %s no geometry at LoD %s: "
                    "%s best LoD was drawn", r->n_lod_missing,
                    r->n_lod_missing == 1 ? "city object has" : "city objects have", r->want_lod,
                    r->n_lod_missing == 1 ? "its" : "their");
    d->n_skipped = r->n_skipped;
    d->n_point_z = d->point_z ? d->n_points : 0;
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < d->n_buildings; i++) {
        box[0] = fmin(box[0], d->buildings[i].lon_min);
        box[1] = fmin(box[1], d->buildings[i].lat_min);
        box[2] = fmax(box[2], d->buildings[i].lon_max);
        box[3] = fmax(box[3], d->buildings[i].lat_max);
    }
    for (size_t i = 0; !d->n_buildings && i < d->n_points; i++) {
        box[0] = fmin(box[0], d->points[2 * i]);
        box[1] = fmin(box[1], d->points[2 * i + 1]);
        box[2] = fmax(box[2], d->points[2 * i]);
        box[3] = fmax(box[3], d->points[2 * i + 1]);
    }
    d->lon_min = box[0];
    d->lat_min = box[1];
    d->lon_max = box[2];
    d->lat_max = box[3];
}

/* Every error inside city objects: --skip-bad would read the rest (the CLI says so). */
static void skippable(const cj_reader *r, size_t errors_before)
{
    if (r->bad_objects && r->diags->errors - errors_before == r->object_errors)
        r->diags->skippable = r->bad_objects;
}

static void free_reader(cj_reader *r)
{
    proj_destroy(r->pj);
    if (r->ctx)
        proj_context_destroy(r->ctx);
    free(r->xyz);
    free(r->ll);
    free(r->tv);
    free(r->inst);
    free(r->used);
    ly_arena_deinit(&r->header);
    map_free(&r->objects);
    map_free(&r->ids);
    map_free(&r->seen);
    map_free(&r->listed);
    free(r->adopted);
    free(r->part_kind);
}

bool ly_cityjson_is(const cJSON *root)
{
    const char *t = type_of(root);
    return t && (!strcmp(t, "CityJSON") || !strcmp(t, "CityJSONFeature"));
}

/* A district read from CityJSON: said so, and none of louyu's district figures (a GeoJSON
 * district's "louyu.figures") known. */
static void from_cityjson(ly_district *d)
{
    d->meta.cityjson = true;
    ly_district_figures *f = &d->meta.figures;
    f->enterprises_registered = f->enterprise_share_in_buildings_min = -1;
    f->tax_share_buildings_min = f->tax_q1_2011_cny = f->new_enterprises_q1_2011 = -1;
    f->buildings_over_5000m2 = f->area_km2 = -1;
}

bool ly_cityjson_read(ly_district *out, const cJSON *root, const ly_load_desc *desc,
                      ly_diag_list *diags, ly_pending_list *pend)
{
    cj_reader r = {.d = out, .diags = diags, .pend = pend, .want_lod = desc ? desc->lod : NULL,
                   .object = -1, .skip_bad = desc && desc->skip_bad};
    size_t errors_before = diags->errors;
    ly_progress *progress = desc ? desc->progress : NULL;
    from_cityjson(out);
    if (!strcmp(type_of(root), "CityJSON"))
        read_header(&r, root);
    else
        headless(&r, root);
    r.object = 0;
    if (!r.bad && !r.nomem)
        read_body(&r, root, false, progress);
    finish(&r);
    skippable(&r, errors_before);
    free_reader(&r);
    return !r.nomem;
}

/* ---- CityJSONSeq ---------------------------------------------------------------------- */

/* Where the JSON object or array starting at pos ends (one past its last byte), by its
 * brackets outside strings; SIZE_MAX when it does not. */
static size_t value_end(const char *t, size_t len, size_t pos)
{
    int depth = 0;
    bool str = false;
    for (size_t i = pos; i < len; i++) {
        char c = t[i];
        if (str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                str = false;
        } else if (c == '"') {
            str = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return SIZE_MAX;
}

static size_t skip_ws(const char *t, size_t len, size_t pos)
{
    while (pos < len && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n' || t[pos] == '\r'))
        pos++;
    return pos;
}

bool ly_cityjson_is_seq(const char *text, size_t len)
{
    size_t pos = skip_ws(text, len, ly_json_bom(text, len));
    if (pos >= len || text[pos] != '{')
        return false;
    size_t end = value_end(text, len, pos);
    if (end == SIZE_MAX || skip_ws(text, len, end) >= len)
        return false; /* one value: not a sequence */
    /* the first value's "type": "CityJSON..." (the header's or a feature's), wherever in
     * it, and not the words inside some text ("...\"type\": \"CityJSON\"..." is escaped) */
    for (size_t i = pos; i + 6 < end; i++) {
        if (memcmp(text + i, "\"type\"", 6) || (i > pos && text[i - 1] == '\\'))
            continue;
        size_t k = skip_ws(text, end, i + 6);
        if (k < end && text[k] == ':') {
            k = skip_ws(text, end, k + 1);
            if (k + 9 <= end && !memcmp(text + k, "\"CityJSON", 9))
                return true;
        }
    }
    return false;
}

/* One value of a sequence: checked, parsed, read, its problems located. Returns false
 * when the sequence cannot go on. */
static bool seq_value(cj_reader *r, const char *text, size_t pos, size_t n, int max_depth,
                      bool first, ly_progress *progress)
{
    ly_json_error je;
    if (ly_json_check(text + pos, n, max_depth, &je)) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, pos + je.offset, r->object, "%s", je.message);
        return false;
    }
    ly_arena a = {.block_bytes = 1 << 16}; /* a line is small: blocks the heap reuses */
    ly_json_arena_begin(&a);
    cJSON *root = cJSON_ParseWithLength(text + pos, n);
    const char *type = root ? type_of(root) : NULL;
    if (!root) {
        r->nomem = true;
    } else if (first && type && !strcmp(type, "CityJSON")) {
        read_header(r, root);
        r->object = 0;
        const cJSON *objs = member(root, "CityObjects");
        int n_objs = cJSON_IsObject(objs) ? cJSON_GetArraySize(objs) : 0;
        if (n_objs)
            cj_warn(r, objs, "the first line holds %d city object%s, which %s not read: "
                    "expected a CityJSONSeq's first line with empty \"CityObjects\" and its "
                    "city objects in the CityJSONFeature lines after it (or one CityJSON "
                    "document alone)", n_objs, n_objs == 1 ? "" : "s", n_objs == 1 ? "is" : "are");
        if (r->templates) { /* the features' GeometryInstances use them: kept to the end */
            if (r->pend->n)
                ly_pending_locate(r->pend, text + pos, n, pos, root, r->diags);
            ly_json_arena_end();
            r->header = a;
            return !r->nomem && !r->bad;
        }
    } else if (type && !strcmp(type, "CityJSONFeature")) {
        if (first)
            headless(r, root);
        r->object = r->object < 0 ? 0 : r->object;
        read_body(r, root, true, NULL);
    } else {
        cj_err(r, root, "a line of a CityJSONSeq is %s: expected a CityJSONFeature",
               type ? type : cj_kind(root));
    }
    (void)progress;
    if (r->pend->n)
        ly_pending_locate(r->pend, text + pos, n, pos, root, r->diags);
    ly_json_arena_end();
    ly_arena_deinit(&a);
    return !r->nomem && !(first && r->bad);
}

ly_load_result ly_cityjson_load_seq(ly_district *out, const char *text, size_t len,
                                    const char *name, const ly_load_desc *desc,
                                    ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    from_cityjson(out);
    size_t errors_before = diags->errors;
    ly_pending_list pend = {0};
    cj_reader r = {.d = out, .diags = diags, .pend = &pend,
                   .want_lod = desc ? desc->lod : NULL, .object = -1,
                   .skip_bad = desc && desc->skip_bad};
    ly_progress *progress = desc ? desc->progress : NULL;
    int max_depth = desc && desc->max_depth ? desc->max_depth : 64;
    ly_progress_stage(progress, LY_STAGE_VALIDATE);
    bool first = true;
    for (size_t pos = skip_ws(text, len, ly_json_bom(text, len)); pos < len;
         pos = skip_ws(text, len, pos)) {
        size_t end = value_end(text, len, pos);
        size_t n = (end == SIZE_MAX ? len : end) - pos;
        if (!seq_value(&r, text, pos, n, max_depth, first, progress))
            break;
        first = false;
        pos += n;
        ly_progress_step(progress, pos, len);
    }
    finish(&r);
    skippable(&r, errors_before);
    free_reader(&r);
    free(pend.items);
    ly_diag_resolve_lines(diags, text, len);
    return ly_load_conclude(out, r.nomem, errors_before, name, diags);
}
