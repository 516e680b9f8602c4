/* CityJSON geometry into the district: surfaces into faces (rings of lon, lat points
 * with heights), solids and their shells walked alongside their semantics, geometry
 * templates placed, and each building finished: heights from its base, faces turned
 * to face out, its footprint. See docs/data-format.md#cityjson. */
#include "cityjson_private.h"
#include "louyu/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M_PER_DEG_LAT 110574.0
#define M_PER_DEG_LON 111319.49
#define FLAT_M 0.5   /* a model lower than this is a footprint (LoD0) */

static double ring_area_ll(const ly_district *d, size_t first, size_t n);
#define UPRIGHT 0.2  /* |n.z| under this: a wall; over: a roof or an underside */
enum { MAX_POINTS = 40000000 };
/* Instances multiply a small file: 4,000 of a 3,000-triangle template are 0.9 MB and 36
 * million points. Their points together are held to this (a street's 10,000 trees of 200
 * points fit; placing them takes about a second). */
enum { MAX_INSTANCED_POINTS = 2000000 };

/* ---- points in local metres ----------------------------------------------------------- */

typedef struct {
    double lon0, lat0, kx, ky, z0;
} local;

static local local_at(double lon, double lat, double z)
{
    return (local){lon, lat, M_PER_DEG_LON * cos(lat * M_PI / 180), M_PER_DEG_LAT, z};
}

static void to_local(const local *o, const ly_district *d, size_t i, double p[3])
{
    p[0] = (d->points[2 * i] - o->lon0) * o->kx;
    p[1] = (d->points[2 * i + 1] - o->lat0) * o->ky;
    p[2] = d->point_z[i] - o->z0;
}

/* Newell's normal of a ring (not normalised): counter-clockwise seen from where it points. */
static void ring_normal(const local *o, const ly_district *d, const ly_ring *rg, double n[3])
{
    n[0] = n[1] = n[2] = 0;
    for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points; j = i++) {
        double a[3], b[3];
        to_local(o, d, rg->first_point + j, a);
        to_local(o, d, rg->first_point + i, b);
        n[0] += (a[1] - b[1]) * (a[2] + b[2]);
        n[1] += (a[2] - b[2]) * (a[0] + b[0]);
        n[2] += (a[0] - b[0]) * (a[1] + b[1]);
    }
}

static double unit_z(const double n[3])
{
    double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    return len > 0 ? n[2] / len : 0;
}

/* ---- surfaces ------------------------------------------------------------------------- */

typedef struct {
    cj_reader *r;
    const double *src; /* lon, lat, z */
    size_t n_src;
    const cJSON *surfaces; /* semantics.surfaces, or NULL */
    uint16_t part;
    bool as_areas;
    uint32_t first_polygon, n_polygons;
} walker;

static int semantic_type(const char *t)
{
    static const struct {
        const char *name;
        int type;
    } map[] = {{"RoofSurface", LY_FACE_ROOF},           {"WallSurface", LY_FACE_WALL},
               {"ClosureSurface", LY_FACE_WALL},        {"GroundSurface", LY_FACE_GROUND},
               {"OuterFloorSurface", LY_FACE_GROUND},   {"OuterCeilingSurface", LY_FACE_GROUND},
               {"Window", LY_FACE_WINDOW},              {"Door", LY_FACE_DOOR}};
    for (size_t i = 0; t && i < sizeof map / sizeof *map; i++)
        if (!strcmp(t, map[i].name))
            return map[i].type;
    return -1;
}

static bool add_point(cj_reader *r, const double *p)
{
    ly_district *d = r->d;
    size_t n = d->n_points;
    if (n >= MAX_POINTS) { /* a file that names its vertices over and over */
        if (!r->too_many)
            cj_err(r, NULL, "more than %d points in surfaces: expected fewer (a limit that "
                   "protects memory)", MAX_POINTS);
        r->too_many = true;
        return false;
    }
    if (ly_array_reserve((void **)&d->points, &r->cap_points, n + 1, 2 * sizeof(double)) ||
        ly_array_reserve((void **)&d->point_z, &r->cap_z, n + 1, sizeof(float))) {
        r->nomem = true;
        return false;
    }
    d->points[2 * n] = p[0];
    d->points[2 * n + 1] = p[1];
    d->point_z[n] = (float)p[2]; /* absolute until the building is finished */
    d->n_points = n + 1;
    return true;
}

/* One ring's points appended (repeats and the closing point dropped): how many, or -1
 * after an error. */
static long ring_points(walker *w, const cJSON *ring)
{
    cj_reader *r = w->r;
    if (!cJSON_IsArray(ring)) {
        cj_err(r, ring, "a ring is %s: expected an array of vertex indices", cj_kind(ring));
        return -1;
    }
    long prev = -1, head = -1, n = 0;
    for (const cJSON *v = ring->child; v; v = v->next) {
        double x = cJSON_IsNumber(v) ? v->valuedouble : -1;
        if (!(x >= 0 && x < (double)w->n_src && x == floor(x))) {
            char what[48];
            if (cJSON_IsNumber(v))
                snprintf(what, sizeof what, "%g is out of range", v->valuedouble);
            else
                snprintf(what, sizeof what, "is %s", cj_kind(v));
            cj_err(r, v, "vertex index %s: expected a whole number from 0 to %zu (there are %zu "
                   "vertices)", what, w->n_src ? w->n_src - 1 : 0, w->n_src);
            return -1;
        }
        long k = (long)x;
        if (k == prev)
            continue;
        if (head < 0)
            head = k;
        prev = k;
        if (!add_point(r, w->src + 3 * (size_t)k))
            return -1;
        n++;
    }
    if (n > 1 && prev == head) { /* closed as in GeoJSON: drop the repeat */
        r->d->n_points--;
        n--;
    }
    return n;
}

/* Appends a surface (outer ring and holes) as a face, or as an area polygon. */
static void surface(walker *w, const cJSON *surf, const cJSON *value)
{
    cj_reader *r = w->r;
    ly_district *d = r->d;
    if (!cJSON_IsArray(surf) || !surf->child) {
        cj_err(r, surf, "a surface is %s: expected an array of rings (arrays of vertex indices)",
               cj_kind(surf));
        return;
    }
    size_t p0 = d->n_points, r0 = d->n_rings;
    for (const cJSON *ring = surf->child; ring; ring = ring->next) {
        size_t before = d->n_points;
        long n = ring_points(w, ring);
        if (n < 0)
            return;
        if (n < 3) { /* degenerate: a hole is left out, an outline drops the face */
            d->n_points = before;
            if (ring == surf->child)
                break;
            continue;
        }
        ly_ring *rg = cj_grow(r, (void **)&d->rings, &d->n_rings, &r->cap_rings, sizeof *rg);
        if (!rg)
            return;
        *rg = (ly_ring){(uint32_t)before, (uint32_t)n};
    }
    double n[3] = {0, 0, 0};
    if (d->n_rings > r0) {
        const ly_ring *outer = &d->rings[r0];
        local o = local_at(d->points[2 * outer->first_point], d->points[2 * outer->first_point + 1],
                           d->point_z[outer->first_point]);
        ring_normal(&o, d, outer, n);
    }
    double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (d->n_rings == r0 || len < 1e-6 ||
        (w->as_areas && fabs(n[2] / len) < UPRIGHT)) {
        if (!(w->as_areas && len >= 1e-6))
            r->n_degenerate++;
        d->n_points = p0;
        d->n_rings = r0;
        return;
    }
    uint32_t nr = (uint32_t)(d->n_rings - r0);
    if (w->as_areas) {
        ly_polygon *pg = cj_grow(r, (void **)&d->polygons, &d->n_polygons, &r->cap_polygons,
                                 sizeof *pg);
        if (pg)
            *pg = (ly_polygon){(uint32_t)r0, nr, 0, 0};
        w->n_polygons += pg ? 1 : 0;
        return;
    }
    int type = -1;
    if (cJSON_IsNumber(value) && w->surfaces) {
        const cJSON *s = cJSON_GetArrayItem(w->surfaces, value->valueint);
        const cJSON *t = s ? cJSON_GetObjectItemCaseSensitive(s, "type") : NULL;
        if (!s)
            cj_err(r, value, "semantic value %d: expected an index into semantics.surfaces "
                   "(%d of them)", value->valueint, cJSON_GetArraySize(w->surfaces));
        type = semantic_type(cJSON_IsString(t) ? t->valuestring : NULL);
    }
    ly_face *f = cj_grow(r, (void **)&d->faces, &d->n_faces, &r->cap_faces, sizeof *f);
    if (f)
        *f = (ly_face){(uint32_t)r0, nr, w->part, (uint8_t)(type < 0 ? LY_FACE_WALL : type),
                       type >= 0};
}

/* Surfaces `levels` arrays down (MultiSurface 1, Solid 2, MultiSolid 3), each with its
 * semantic value from the same place in `values`. */
static void walk(walker *w, const cJSON *node, const cJSON *values, int levels)
{
    if (levels == 0) {
        surface(w, node, values);
        return;
    }
    if (!cJSON_IsArray(node)) {
        cj_err(w->r, node, "the boundaries here are %s: expected an array of %s",
               cj_kind(node), levels == 1 ? "surfaces" : levels == 2 ? "shells" : "solids");
        return;
    }
    const cJSON *v = cJSON_IsArray(values) ? values->child : NULL;
    for (const cJSON *c = node->child; c && !w->r->nomem; c = c->next) {
        walk(w, c, v, levels - 1);
        v = v ? v->next : NULL;
    }
}

/* How many arrays above a surface the boundaries of a geometry type are, or 0 when louyu
 * does not draw it (points, lines, unknown types). */
static int levels_of(const char *type)
{
    if (!type)
        return 0;
    if (!strcmp(type, "MultiSurface") || !strcmp(type, "CompositeSurface"))
        return 1;
    if (!strcmp(type, "Solid"))
        return 2;
    if (!strcmp(type, "MultiSolid") || !strcmp(type, "CompositeSolid"))
        return 3;
    return 0;
}

static const char *type_of(const cJSON *g)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(g, "type");
    return cJSON_IsString(t) ? t->valuestring : NULL;
}

static const cJSON *template_of(cj_reader *r, const cJSON *g, bool report)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(g, "template");
    int n = cJSON_GetArraySize(r->templates);
    if (cJSON_IsNumber(t) && t->valuedouble >= 0 && t->valuedouble < n &&
        t->valuedouble == floor(t->valuedouble))
        return cJSON_GetArrayItem(r->templates, t->valueint);
    if (report)
        cj_err(r, t ? t : g, "\"template\" is %s: expected the index of one of the %d "
               "geometry-templates", t ? cj_kind(t) : "missing", n);
    return NULL;
}

static float lod_value(const cJSON *g)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(g, "lod");
    if (cJSON_IsString(l))
        return (float)atof(l->valuestring);
    return cJSON_IsNumber(l) ? (float)l->valuedouble : 0;
}

static bool lod_is(const cJSON *g, const char *want)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(g, "lod");
    if (cJSON_IsString(l))
        return !strcmp(l->valuestring, want);
    return cJSON_IsNumber(l) && fabs(l->valuedouble - atof(want)) < 1e-6;
}

static bool known_type(const char *t)
{
    static const char *const TYPES[] = {"MultiPoint", "MultiLineString", "MultiSurface",
                                        "CompositeSurface", "Solid", "MultiSolid",
                                        "CompositeSolid", "GeometryInstance"};
    for (size_t i = 0; t && i < sizeof TYPES / sizeof *TYPES; i++)
        if (!strcmp(t, TYPES[i]))
            return true;
    return false;
}

/* The first vertex index in boundaries b (arrays of arrays of indices) that is not one of
 * n vertices, or NULL. */
static const cJSON *bad_index(const cJSON *b, size_t n, int depth)
{
    if (depth > 6)
        return NULL;
    for (const cJSON *v = cJSON_IsArray(b) ? b->child : NULL; v; v = v->next) {
        if (cJSON_IsArray(v)) {
            const cJSON *bad = bad_index(v, n, depth + 1);
            if (bad)
                return bad;
        } else if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0 && v->valuedouble < (double)n &&
                                           v->valuedouble == floor(v->valuedouble))) {
            return v;
        }
    }
    return NULL;
}

/* The geometries of obj louyu could draw, checked whole: a type CityJSON does not have, and
 * (in the ones not drawn at this level of detail) a vertex index out of range, are errors,
 * so that a file valid at one level of detail is valid at every other. */
static void check_geometries(cj_reader *r, const cJSON *geoms, const cJSON *picked)
{
    if (geoms && !cJSON_IsArray(geoms)) {
        cj_err(r, geoms, "\"geometry\" is %s: expected an array of geometry objects",
               cj_kind(geoms));
        return;
    }
    for (const cJSON *g = geoms ? geoms->child : NULL; g; g = g->next) {
        const char *t = type_of(g);
        if (!cJSON_IsObject(g)) {
            cj_err(r, g, "a geometry is %s: expected an object with a \"type\"", cj_kind(g));
        } else if (!known_type(t)) {
            const cJSON *at = cJSON_GetObjectItemCaseSensitive(g, "type");
            cj_err(r, at ? at : g, "geometry \"type\" is %s%.40s%s: expected one of CityJSON's "
                   "MultiPoint, MultiLineString, MultiSurface, CompositeSurface, Solid, "
                   "MultiSolid, CompositeSolid or GeometryInstance (spelt as they are: the names "
                   "are case-sensitive)", t ? "\"" : "", t ? t : cj_kind(at), t ? "\"" : "");
        } else if (g != picked && levels_of(t)) {
            const cJSON *bad = bad_index(cJSON_GetObjectItemCaseSensitive(g, "boundaries"),
                                         r->n_ll, 0);
            char what[48];
            if (bad && cJSON_IsNumber(bad))
                snprintf(what, sizeof what, "%g is out of range", bad->valuedouble);
            else if (bad)
                snprintf(what, sizeof what, "is %s", cj_kind(bad));
            if (bad)
                cj_err(r, bad, "vertex index %s: expected a whole number from 0 to %zu (there "
                       "are %zu vertices)", what, r->n_ll ? r->n_ll - 1 : 0, r->n_ll);
        }
    }
}

const cJSON *cj_pick_geometry(cj_reader *r, const cJSON *obj, float *lod)
{
    const cJSON *geoms = cJSON_GetObjectItemCaseSensitive(obj, "geometry"), *best = NULL;
    float best_lod = -1;
    for (const cJSON *g = cJSON_IsArray(geoms) ? geoms->child : NULL; g; g = g->next) {
        const cJSON *shape = g;
        if (type_of(g) && !strcmp(type_of(g), "GeometryInstance"))
            shape = template_of(r, g, true);
        if (!shape || !levels_of(type_of(shape)))
            continue;
        if (r->want_lod && lod_is(shape, r->want_lod)) {
            *lod = lod_value(shape);
            check_geometries(r, geoms, g);
            return g;
        }
        if (lod_value(shape) > best_lod) {
            best_lod = lod_value(shape);
            best = g;
        }
    }
    check_geometries(r, geoms, best);
    *lod = best_lod < 0 ? 0 : best_lod;
    if (best && r->want_lod)
        r->n_lod_missing++;
    return best;
}

/* A GeometryInstance's vertices: the template's, times its matrix, plus the reference
 * point, then to lon, lat, z in r->inst. */
/* The template vertices boundaries b use (those in range), into r->used. */
static bool used_vertices(cj_reader *r, const cJSON *b)
{
    for (const cJSON *v = b ? b->child : NULL; v; v = v->next) {
        if (cJSON_IsArray(v)) {
            if (!used_vertices(r, v))
                return false;
        } else if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < (double)r->n_tv) {
            uint32_t *u = cj_grow(r, (void **)&r->used, &r->n_used, &r->cap_used, sizeof *u);
            if (!u)
                return false;
            *u = (uint32_t)v->valuedouble;
        }
    }
    return true;
}

/* Places the template's vertices that `shape` uses (only those: a file may hold many
 * that one template never names) by the instance's matrix at its reference point, as
 * lon, lat, z at their indices in r->inst. */
static bool place_instance(cj_reader *r, const cJSON *g, const cJSON *shape, const double *ref_xyz)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(g, "transformationMatrix");
    double t[16];
    int k = 0;
    for (const cJSON *v = cJSON_IsArray(m) ? m->child : NULL; v && k < 16; v = v->next)
        t[k++] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (k != 16 || cJSON_GetArraySize(m) != 16 || !isfinite(t[0] + t[1] + t[2] + t[3] + t[4] +
                                                            t[5] + t[6] + t[8] + t[9] + t[10] +
                                                            t[7] + t[11])) {
        cj_err(r, m ? m : g, "\"transformationMatrix\" is not 16 numbers: expected a 4x4 matrix "
               "row by row");
        return false;
    }
    /* a matrix whose 3x3 part has no volume (all zeros, a scale of 0) maps the template
     * onto a plane, a line or a point: nothing to draw, and no fault of the template */
    double det = t[0] * (t[5] * t[10] - t[6] * t[9]) - t[1] * (t[4] * t[10] - t[6] * t[8]) +
                 t[2] * (t[4] * t[9] - t[5] * t[8]);
    double most = 0;
    for (int i = 0; i < 11; i++)
        most = i % 4 != 3 && fabs(t[i]) > most ? fabs(t[i]) : most;
    if (fabs(det) <= 1e-12 * most * most * most) {
        r->singular = r->singular ? r->singular : m;
        return false;
    }
    r->n_used = 0;
    if (!used_vertices(r, cJSON_GetObjectItemCaseSensitive(shape, "boundaries")))
        return false;
    if (r->n_used > MAX_INSTANCED_POINTS - r->instanced) {
        cj_err(r, g, "geometry instances place over %d points in all: expected at most that "
               "many (a limit that protects memory)", MAX_INSTANCED_POINTS);
        return false;
    }
    r->instanced += r->n_used;
    size_t n = r->n_used;
    if (ly_array_reserve((void **)&r->inst, &r->cap_inst, 3 * (r->n_tv ? r->n_tv : 1),
                         sizeof *r->inst)) {
        r->nomem = true;
        return false;
    }
    double *xyz = malloc(6 * (n ? n : 1) * sizeof *xyz), *ll = xyz + 3 * (n ? n : 1);
    if (!xyz) {
        r->nomem = true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const double *p = r->tv + 3 * (size_t)r->used[i];
        for (int row = 0; row < 3; row++)
            xyz[3 * i + row] = t[4 * row] * p[0] + t[4 * row + 1] * p[1] + t[4 * row + 2] * p[2] +
                               t[4 * row + 3] + ref_xyz[row];
    }
    int rc = cj_transform(r, xyz, n, ll, g);
    for (size_t i = 0; rc == 0 && i < n; i++)
        memcpy(r->inst + 3 * (size_t)r->used[i], ll + 3 * i, 3 * sizeof *ll);
    free(xyz);
    return rc == 0;
}

bool cj_geometry(cj_reader *r, const cJSON *geom, uint16_t part, bool as_areas,
                 uint32_t *first_polygon, uint32_t *n_polygons)
{
    size_t errors = r->diags->errors;
    walker w = {.r = r, .src = r->ll, .n_src = r->n_ll, .part = part, .as_areas = as_areas,
                .first_polygon = (uint32_t)r->d->n_polygons};
    const cJSON *shape = geom;
    if (type_of(geom) && !strcmp(type_of(geom), "GeometryInstance")) {
        shape = template_of(r, geom, true);
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(geom, "boundaries");
        const cJSON *ref = cJSON_IsArray(b) ? b->child : NULL;
        if (!ref || !cJSON_IsNumber(ref) || ref->next || ref->valuedouble < 0 ||
            ref->valuedouble >= (double)r->n_ll || ref->valuedouble != floor(ref->valuedouble)) {
            cj_err(r, b ? b : geom, "a GeometryInstance's \"boundaries\" must be one vertex "
                   "index (the reference point) from 0 to %zu", r->n_ll ? r->n_ll - 1 : 0);
            return false;
        }
        if (!shape || !place_instance(r, geom, shape, r->xyz + 3 * (size_t)ref->valueint))
            return false;
        w.src = r->inst;
        w.n_src = r->n_tv;
    }
    const cJSON *sem = cJSON_GetObjectItemCaseSensitive(shape, "semantics");
    const cJSON *surfaces = sem ? cJSON_GetObjectItemCaseSensitive(sem, "surfaces") : NULL;
    w.surfaces = cJSON_IsArray(surfaces) ? surfaces : NULL;
    const cJSON *bounds = cJSON_GetObjectItemCaseSensitive(shape, "boundaries");
    if (!bounds)
        cj_err(r, shape, "a %s without \"boundaries\": expected its surfaces", type_of(shape));
    else
        walk(&w, bounds, sem ? cJSON_GetObjectItemCaseSensitive(sem, "values") : NULL,
             levels_of(type_of(shape)));
    if (first_polygon) {
        *first_polygon = w.first_polygon;
        *n_polygons = w.n_polygons;
    }
    return r->diags->errors == errors && !r->nomem;
}

/* ---- finishing a building ------------------------------------------------------------- */

static void reverse_ring(ly_district *d, const ly_ring *rg)
{
    for (uint32_t i = 0, j = rg->n_points - 1; i < j; i++, j--) {
        size_t a = rg->first_point + i, b = rg->first_point + j;
        double lon = d->points[2 * a], lat = d->points[2 * a + 1];
        float z = d->point_z[a];
        d->points[2 * a] = d->points[2 * b];
        d->points[2 * a + 1] = d->points[2 * b + 1];
        d->point_z[a] = d->point_z[b];
        d->points[2 * b] = lon;
        d->points[2 * b + 1] = lat;
        d->point_z[b] = z;
    }
}

static void flip_face(ly_district *d, const ly_face *f)
{
    for (uint32_t k = 0; k < f->n_rings; k++)
        reverse_ring(d, &d->rings[f->first_ring + k]);
}

/* Six times the volume the faces enclose, seen from o (on the base: an open bottom,
 * as LoD2 models without ground surfaces have, adds nothing). */
static double volume6(const local *o, const ly_district *d, size_t f0, size_t f1)
{
    double v = 0;
    for (size_t f = f0; f < f1; f++)
        for (uint32_t k = 0; k < d->faces[f].n_rings; k++) {
            const ly_ring *rg = &d->rings[d->faces[f].first_ring + k];
            double a[3], b[3], c[3];
            to_local(o, d, rg->first_point, a);
            for (uint32_t i = 1; i + 1 < rg->n_points; i++) {
                to_local(o, d, rg->first_point + i, b);
                to_local(o, d, rg->first_point + i + 1, c);
                v += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
                     a[2] * (b[0] * c[1] - b[1] * c[0]);
            }
        }
    return v;
}

/* Every face facing out: all of them turned when the model encloses a negative
 * volume, then roofs that look down and grounds that look up turned on their own;
 * faces without a semantic type typed by where they look. */
static void orient(const local *o, ly_district *d, size_t f0)
{
    bool inside_out = volume6(o, d, f0, d->n_faces) < 0;
    for (size_t f = f0; f < d->n_faces; f++) {
        ly_face *fc = &d->faces[f];
        if (inside_out)
            flip_face(d, fc);
        double n[3];
        ring_normal(o, d, &d->rings[fc->first_ring], n);
        double nz = unit_z(n);
        if (!fc->given) {
            fc->type = nz >= UPRIGHT ? LY_FACE_ROOF : nz <= -UPRIGHT ? LY_FACE_GROUND : LY_FACE_WALL;
        } else if ((fc->type == LY_FACE_ROOF && nz < -UPRIGHT) ||
                   (fc->type == LY_FACE_GROUND && nz > UPRIGHT)) {
            flip_face(d, fc);
        }
    }
}

static double cross2(const double *o, const double *a, const double *b)
{
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int by_xy(const void *pa, const void *pb)
{
    const double *a = pa, *b = pb;
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1];
}

/* The convex hull of the building's points (lon, lat; monotone chain) as its footprint,
 * for a model that has no face on the ground. */
static bool hull_footprint(cj_reader *r, size_t p0, size_t p1)
{
    ly_district *d = r->d;
    size_t n = p1 - p0, k = 0;
    double *pts = malloc(2 * n * sizeof *pts), *h = malloc(2 * (2 * n + 1) * sizeof *h);
    if (!pts || !h) {
        free(pts);
        free(h);
        r->nomem = true;
        return false;
    }
    memcpy(pts, d->points + 2 * p0, 2 * n * sizeof *pts);
    qsort(pts, n, 2 * sizeof *pts, by_xy);
    for (size_t i = 0; i < n; i++) { /* lower hull */
        while (k >= 2 && cross2(h + 2 * (k - 2), h + 2 * (k - 1), pts + 2 * i) <= 0)
            k--;
        memcpy(h + 2 * k++, pts + 2 * i, 2 * sizeof *h);
    }
    for (size_t i = n - 1, t = k + 1; i-- > 0;) { /* upper hull */
        while (k >= t && cross2(h + 2 * (k - 2), h + 2 * (k - 1), pts + 2 * i) <= 0)
            k--;
        memcpy(h + 2 * k++, pts + 2 * i, 2 * sizeof *h);
    }
    free(pts);
    size_t first = d->n_points;
    bool ok = k >= 4; /* three corners and the closing repeat */
    for (size_t i = 0; ok && i + 1 < k; i++)
        ok = add_point(r, (double[3]){h[2 * i], h[2 * i + 1], 0});
    free(h);
    ly_ring *rg = ok ? cj_grow(r, (void **)&d->rings, &d->n_rings, &r->cap_rings, sizeof *rg) : NULL;
    ly_polygon *pg = rg ? cj_grow(r, (void **)&d->polygons, &d->n_polygons, &r->cap_polygons,
                                  sizeof *pg) : NULL;
    if (!pg)
        return false;
    *rg = (ly_ring){(uint32_t)first, (uint32_t)(k - 1)};
    *pg = (ly_polygon){(uint32_t)(d->n_rings - 1), 1, 0, 0};
    return true;
}

/* The faces that lie on the ground as the footprint; the hull when there are none. */
/* The top of each part of the building whose faces start at face `first` (its heights
 * already from its base), into a malloc'd array of n_parts; NULL without memory. */
static float *part_tops(const ly_district *d, size_t first, size_t *n_parts)
{
    size_t n = 1;
    for (size_t f = first; f < d->n_faces; f++)
        n = d->faces[f].part + 1u > n ? d->faces[f].part + 1u : n;
    float *top = calloc(n, sizeof *top);
    for (size_t f = first; top && f < d->n_faces; f++) {
        const ly_face *fc = &d->faces[f];
        for (uint32_t k = 0; k < fc->n_rings; k++) {
            const ly_ring *rg = &d->rings[fc->first_ring + k];
            for (uint32_t i = 0; i < rg->n_points; i++)
                top[fc->part] = fmaxf(top[fc->part], d->point_z[rg->first_point + i]);
        }
    }
    *n_parts = n;
    return top;
}

/* A point inside face fc (lon/lat) into q: the middle of an edge of its outline moved a
 * hair inwards (a ten-thousandth of the edge), the first such point that is inside the
 * face with its holes; false for a face with no area. */
static bool face_inner_point(const ly_district *d, const ly_face *fc, double *q)
{
    const ly_ring *rg = &d->rings[fc->first_ring];
    const double *p = d->points + 2 * (size_t)rg->first_point;
    uint32_t n = rg->n_points;
    double area = 0;
    for (uint32_t i = 0, j = n - 1; i < n; j = i++)
        area += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
    if (n < 3 || area == 0)
        return false;
    const ly_polygon pg = {fc->first_ring, fc->n_rings, 0, 0};
    double side = area > 0 ? 1e-4 : -1e-4; /* the inside is on the left of a ring turning left */
    for (uint32_t i = 0; i < n; i++) {
        const double *u = p + 2 * i, *v = p + 2 * ((i + 1) % n);
        double dx = v[0] - u[0], dy = v[1] - u[1];
        q[0] = 0.5 * (u[0] + v[0]) - dy * side;
        q[1] = 0.5 * (u[1] + v[1]) + dx * side;
        if ((dx != 0 || dy != 0) && ly_polygon_contains(d, d->points, &pg, q[0], q[1]))
            return true;
    }
    return false;
}

typedef struct {
    size_t face;
    float bottom, top;
} ground_face;

static int by_top(const void *pa, const void *pb)
{
    const ground_face *a = pa, *b = pb;
    if (a->top != b->top)
        return a->top < b->top ? -1 : 1;
    return (a->face > b->face) - (a->face < b->face);
}

/* The footprint: each ground face a polygon as high as its own part (a 10 m podium beside
 * a 60 m tower stays 10 m in a GeoJSON export), else the hull of it all. Ground faces are
 * taken from the lowest up. One over ground already taken is left out: the underside of
 * an overhang, not ground; unless it stands on another part, its base no more than a
 * metre over that part's top (a tower on its podium): then it is a polygon from its own
 * base up to its top, so the podium stays as low as it is. A ground face higher than the
 * base with nothing under it stays: the upper half of a split-level house on a slope;
 * from its own base where its part says it is raised (a skybridge in louyu's export). */
static bool footprint(cj_reader *r, ly_building *b, size_t p0)
{
    ly_district *d = r->d;
    b->first_polygon = (uint32_t)d->n_polygons;
    size_t n_parts = 0, n = 0;
    float *tops = part_tops(d, b->first_face, &n_parts);
    size_t cap = d->n_faces - b->first_face + 1;
    ground_face *g = tops ? malloc(cap * sizeof *g) : NULL;
    uint16_t *taken_by = g ? malloc(cap * sizeof *taken_by) : NULL; /* each polygon's part */
    if (!taken_by) {
        free(g);
        free(tops);
        r->nomem = true;
        return false;
    }
    for (size_t f = b->first_face; f < d->n_faces; f++) {
        const ly_face *fc = &d->faces[f];
        if (fc->type != LY_FACE_GROUND || !fc->n_rings)
            continue;
        float top = 0, bottom = INFINITY;
        for (uint32_t k = 0; k < fc->n_rings; k++) {
            const ly_ring *rg = &d->rings[fc->first_ring + k];
            for (uint32_t i = 0; i < rg->n_points; i++) {
                top = fmaxf(top, d->point_z[rg->first_point + i]);
                bottom = fminf(bottom, d->point_z[rg->first_point + i]);
            }
        }
        g[n++] = (ground_face){f, bottom, top};
    }
    qsort(g, n, sizeof *g, by_top);
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        const ly_face *fc = &d->faces[g[k].face];
        double q[2];
        bool over = false, on_other = false;
        bool raised = fc->part < r->n_part_kind && (r->part_kind[fc->part] & CJ_PART_RAISED);
        if (g[k].top > FLAT_M && !raised && face_inner_point(d, fc, q))
            for (size_t i = b->first_polygon; i < d->n_polygons && !over && !on_other; i++)
                if (ly_polygon_contains(d, d->points, &d->polygons[i], q[0], q[1])) {
                    on_other = taken_by[i - b->first_polygon] != fc->part &&
                               g[k].bottom <= d->polygons[i].height_m + 1.0f;
                    over = !on_other;
                }
        if (over)
            continue; /* an underside over its part's own ground (an overhang) */
        ly_polygon *pg = cj_grow(r, (void **)&d->polygons, &d->n_polygons, &r->cap_polygons,
                                 sizeof *pg);
        if (pg) {
            /* a part on another, or raised as its file says: from its own base; else from
             * the building's (above the ground where the file says so: on stilts) */
            float base = on_other || raised ? g[k].bottom
                                            : fminf(g[k].bottom, (float)fmax(b->min_height_m, 0));
            *pg = (ly_polygon){fc->first_ring, fc->n_rings, base, tops[fc->part]};
            taken_by[d->n_polygons - 1 - b->first_polygon] = fc->part;
        }
        ok = pg != NULL;
    }
    free(taken_by);
    free(g);
    free(tops);
    if (!ok || (d->n_polygons == b->first_polygon && !hull_footprint(r, p0, d->n_points)))
        return false;
    b->n_polygons = (uint32_t)(d->n_polygons - b->first_polygon);
    return true;
}

bool cj_finish_building(cj_reader *r, ly_building *b, uint32_t first_point,
                        double default_height_m)
{
    ly_district *d = r->d;
    if (d->n_faces == b->first_face || d->n_points == first_point)
        return false;
    double lo = INFINITY, hi = -INFINITY, sx = 0, sy = 0;
    b->lon_min = b->lat_min = INFINITY;
    b->lon_max = b->lat_max = -INFINITY;
    for (size_t i = first_point; i < d->n_points; i++) {
        lo = fmin(lo, d->point_z[i]);
        hi = fmax(hi, d->point_z[i]);
        sx += d->points[2 * i];
        sy += d->points[2 * i + 1];
        b->lon_min = fmin(b->lon_min, d->points[2 * i]);
        b->lat_min = fmin(b->lat_min, d->points[2 * i + 1]);
        b->lon_max = fmax(b->lon_max, d->points[2 * i]);
        b->lat_max = fmax(b->lat_max, d->points[2 * i + 1]);
    }
    /* the lowest point is the ground (louyu has no terrain), or a base above it that the
     * file says (louyu's own export's min_height_m) */
    double base = b->min_height_m > 0 ? b->min_height_m : 0;
    for (size_t i = first_point; i < d->n_points; i++)
        d->point_z[i] = (float)(d->point_z[i] - lo + base);
    size_t np = d->n_points - first_point;
    local o = local_at(sx / (double)np, sy / (double)np, 0);
    b->n_faces = (uint32_t)(d->n_faces - b->first_face);
    if (hi - lo < FLAT_M) { /* a footprint (LoD0): its faces extruded to the given height */
        /* the faces that cover ground: not the walls of a low solid (no area seen from
         * above), and its ground faces alone where it has them (not its roof as well) */
        bool ground = false, up = false, down = false;
        for (uint32_t f = 0; f < b->n_faces; f++) {
            const ly_face *fc = &d->faces[b->first_face + f];
            const ly_ring *outer = &d->rings[fc->first_ring];
            double a = ring_area_ll(d, outer->first_point, outer->n_points);
            ground |= fc->type == LY_FACE_GROUND && fc->given;
            up |= a > 1e-14; /* (counter-clockwise from above: it looks up) */
            down |= a < -1e-14;
        }
        b->first_polygon = (uint32_t)d->n_polygons;
        for (uint32_t f = 0; f < b->n_faces; f++) {
            const ly_face *fc = &d->faces[b->first_face + f];
            const ly_ring *outer = &d->rings[fc->first_ring];
            double a = ring_area_ll(d, outer->first_point, outer->n_points);
            if (fabs(a) < 1e-14 || (ground && !(fc->type == LY_FACE_GROUND && fc->given)) ||
                (!ground && up && down && a > 0)) /* (a low solid: its underside, once) */
                continue;
            ly_polygon *pg = cj_grow(r, (void **)&d->polygons, &d->n_polygons, &r->cap_polygons,
                                     sizeof *pg);
            if (!pg)
                return false;
            *pg = (ly_polygon){fc->first_ring, fc->n_rings, 0, 0};
        }
        b->n_polygons = (uint32_t)(d->n_polygons - b->first_polygon);
        d->n_faces = b->first_face;
        b->n_faces = 0;
        b->height_m = default_height_m;
    } else {
        orient(&o, d, b->first_face);
        if (!footprint(r, b, first_point))
            return false;
        /* the top of the building and its parts, not of an antenna on its roof (where it
         * has faces of its own) */
        double top = -INFINITY;
        for (uint32_t f = 0; f < b->n_faces; f++) {
            const ly_face *fc = &d->faces[b->first_face + f];
            if (fc->part < r->n_part_kind && (r->part_kind[fc->part] & CJ_PART_INSTALLATION))
                continue;
            for (uint32_t k = 0; k < fc->n_rings; k++) {
                const ly_ring *rg = &d->rings[fc->first_ring + k];
                for (uint32_t i = 0; i < rg->n_points; i++)
                    top = fmax(top, d->point_z[rg->first_point + i]);
            }
        }
        b->height_m = (top > -INFINITY ? top : hi - lo + base);
    }
    for (uint32_t k = 0; k < b->n_polygons; k++) /* (a part's own where footprint() knew it) */
        if (!(d->polygons[b->first_polygon + k].height_m > 0))
            d->polygons[b->first_polygon + k].height_m = (float)b->height_m;
    return true;
}

/* ---- flat areas merged ------------------------------------------------------------------ */

/* A ground layer's object often comes as a triangulated surface: its triangles merged
 * into the polygons they cover (edges that two of them share in opposite directions
 * dropped, the rest chained into rings, holes given to the outline around them), so
 * the water's shore is drawn along the water's edge and not along every triangle. */
typedef struct {
    size_t a, b; /* point indices */
    bool used;
} edge;

/* The edges sorted by where they start (then as they came), to find those leaving a
 * point, and by where they start and end, to find one from a point to another in log n
 * (a fan of 50,000 triangles around one point took 10 s scanning them all); `skip` is,
 * for the first of those leaving a point, where its unused ones may start (chain() uses
 * them up in order). */
typedef struct {
    const ly_district *d;
    edge *e;
    size_t *by_start, *by_ends, *skip, n;
} edge_index;

static _Thread_local const ly_district *sort_d;
static _Thread_local const edge *sort_e;

static int cmp_point(const double *a, const double *b)
{
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1];
}

static int by_start(const void *pa, const void *pb)
{
    size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
    int c = cmp_point(sort_d->points + 2 * sort_e[i].a, sort_d->points + 2 * sort_e[j].a);
    return c ? c : (i > j) - (i < j);
}

static int by_ends(const void *pa, const void *pb)
{
    size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
    int c = cmp_point(sort_d->points + 2 * sort_e[i].a, sort_d->points + 2 * sort_e[j].a);
    c = c ? c : cmp_point(sort_d->points + 2 * sort_e[i].b, sort_d->points + 2 * sort_e[j].b);
    return c ? c : (i > j) - (i < j);
}

/* The first entry of by_ends whose edge runs from point p to point q (n when none). */
static size_t running(const edge_index *x, size_t p, size_t q)
{
    const double *pp = x->d->points + 2 * p, *qq = x->d->points + 2 * q;
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const edge *m = &x->e[x->by_ends[mid]];
        int c = cmp_point(x->d->points + 2 * m->a, pp);
        if (!c)
            c = cmp_point(x->d->points + 2 * m->b, qq);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first entry of by_start whose edge starts at point p (n when none does). */
static size_t leaving(const edge_index *x, size_t p)
{
    const double *q = x->d->points + 2 * p;
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const double *m = x->d->points + 2 * x->e[x->by_start[mid]].a;
        if (m[0] < q[0] || (m[0] == q[0] && m[1] < q[1]))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double ring_area_ll(const ly_district *d, size_t first, size_t n)
{
    double s = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        s += d->points[2 * (first + j)] * d->points[2 * (first + i) + 1] -
             d->points[2 * (first + i)] * d->points[2 * (first + j) + 1];
    return s / 2;
}

static bool same_point(const ly_district *d, size_t a, size_t b)
{
    return d->points[2 * a] == d->points[2 * b] && d->points[2 * a + 1] == d->points[2 * b + 1];
}

/* The outlines' edges, each polygon turned counter-clockwise; false when a polygon has
 * holes (left as it is then). */
static bool collect_edges(const ly_district *d, uint32_t p0, uint32_t np, edge *e, size_t *ne)
{
    *ne = 0;
    for (uint32_t p = p0; p < p0 + np; p++) {
        const ly_polygon *pg = &d->polygons[p];
        if (pg->n_rings != 1)
            return false;
        const ly_ring *rg = &d->rings[pg->first_ring];
        bool ccw = ring_area_ll(d, rg->first_point, rg->n_points) > 0;
        for (uint32_t i = 0; i < rg->n_points; i++) {
            size_t a = rg->first_point + i, b = rg->first_point + (i + 1) % rg->n_points;
            e[(*ne)++] = ccw ? (edge){a, b, false} : (edge){b, a, false};
        }
    }
    return true;
}

/* Marks the edges that another edge runs back along. */
static void drop_shared(const edge_index *x)
{
    const ly_district *d = x->d;
    edge *e = x->e;
    for (size_t i = 0; i < x->n; i++) {
        for (size_t k = running(x, e[i].b, e[i].a); k < x->n && !e[i].used; k++) {
            size_t j = x->by_ends[k];
            if (!same_point(d, e[j].a, e[i].b) || !same_point(d, e[j].b, e[i].a))
                break;
            if (j != i && !e[j].used)
                e[i].used = e[j].used = true;
        }
    }
}

/* The unused edge that starts at point p and turns most to the left after the edge
 * from point `from` to p, or n: the walk hugs one area's interior (on its left), so that
 * two areas meeting at a corner come out as two rings, not one figure-of-eight. */
static size_t next_from(const edge_index *x, size_t from, size_t p)
{
    const ly_district *d = x->d;
    size_t first = leaving(x, p), k = first;
    if (first < x->n && x->skip[first] > k)
        k = x->skip[first]; /* (the used ones before it were passed already) */
    while (k < x->n && same_point(d, x->e[x->by_start[k]].a, p) && x->e[x->by_start[k]].used)
        k++;
    if (first < x->n)
        x->skip[first] = k;
    const double *q = d->points + 2 * p, *o = d->points + 2 * from;
    double ix = q[0] - o[0], iy = q[1] - o[1], best_turn = -INFINITY;
    size_t best = x->n;
    for (; k < x->n; k++) {
        size_t j = x->by_start[k];
        if (!same_point(d, x->e[j].a, p))
            break;
        if (x->e[j].used)
            continue;
        const double *t = d->points + 2 * x->e[j].b;
        double ox = t[0] - q[0], oy = t[1] - q[1];
        double turn = atan2(ix * oy - iy * ox, ix * ox + iy * oy);
        if (best == x->n || turn > best_turn) {
            best = j;
            best_turn = turn;
        }
    }
    return best;
}

/* Whether more than one edge leaves point p: where a boundary touches itself. */
static bool branches(const edge_index *x, size_t p)
{
    size_t k = leaving(x, p);
    return k + 1 < x->n && same_point(x->d, x->e[x->by_start[k + 1]].a, p);
}

/* The walk's points walk[from, to) appended as one ring (none when under three). */
static bool emit_ring(cj_reader *r, const size_t *walk, size_t from, size_t to)
{
    ly_district *d = r->d;
    if (to - from < 3)
        return true;
    /* a sliver (its points on one line, or under 0.01 m², as triangles that overlap by a
     * rounding leave): nothing to draw, and not a ring that a valid polygon may have */
    const double *o = d->points + 2 * walk[from];
    double kx = M_PER_DEG_LON * cos(o[1] * M_PI / 180), area2 = 0;
    for (size_t i = from; i < to; i++) {
        const double *a = d->points + 2 * walk[i];
        const double *b = d->points + 2 * walk[i + 1 < to ? i + 1 : from];
        area2 += (a[0] - o[0]) * kx * (b[1] - o[1]) * M_PER_DEG_LAT -
                 (b[0] - o[0]) * kx * (a[1] - o[1]) * M_PER_DEG_LAT;
    }
    if (fabs(area2) * 0.5 < 0.01)
        return true;
    size_t first = d->n_points;
    for (size_t i = from; i < to; i++) {
        double p[3] = {d->points[2 * walk[i]], d->points[2 * walk[i] + 1], 0};
        if (!add_point(r, p))
            return false;
    }
    ly_ring *rg = cj_grow(r, (void **)&d->rings, &d->n_rings, &r->cap_rings, sizeof *rg);
    if (!rg)
        return false;
    *rg = (ly_ring){(uint32_t)first, (uint32_t)(to - from)};
    return true;
}

/* The boundary chained into rings, appended as points and rings. Where the walk comes
 * back to a point it passed (two areas meeting at a corner, a hole touching the outline),
 * the loop since then is a ring of its own: a ring that touches itself is not a valid
 * polygon's (OGC simple features), and other tools refuse it. */
static bool chain(cj_reader *r, const edge_index *x)
{
    const ly_district *d = r->d;
    edge *e = x->e;
    size_t ne = x->n;
    size_t *walk = malloc(ne * sizeof *walk);
    if (!walk) {
        r->nomem = true;
        return false;
    }
    bool ok = true;
    for (size_t s = 0; s < ne && ok; s++) {
        if (e[s].used)
            continue;
        size_t cur = s, n = 0;
        while (!e[cur].used && ok) {
            e[cur].used = true;
            size_t p = e[cur].a;
            if (n && branches(x, p))
                for (size_t j = n; j-- > 0;)
                    if (same_point(d, walk[j], p)) {
                        ok = emit_ring(r, walk, j, n);
                        n = j;
                        break;
                    }
            walk[n++] = p;
            size_t next = next_from(x, e[cur].a, e[cur].b);
            if (next == ne)
                break;
            cur = next;
        }
        ok = ok && emit_ring(r, walk, 0, n);
    }
    free(walk);
    return ok;
}

static bool inside(const ly_district *d, const ly_ring *rg, double x, double y)
{
    bool in = false;
    for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points; j = i++) {
        const double *a = d->points + 2 * (rg->first_point + i), *b = d->points + 2 * (rg->first_point + j);
        if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

/* The chained rings (rings[r0, n_rings)) as polygons: each outline with the holes inside
 * it, rings copied so that each polygon's are together. */
static bool regroup(cj_reader *r, size_t r0, uint32_t p0)
{
    ly_district *d = r->d;
    size_t r1 = d->n_rings;
    d->n_polygons = p0;
    for (size_t o = r0; o < r1; o++) {
        const ly_ring *outer = &d->rings[o];
        if (ring_area_ll(d, outer->first_point, outer->n_points) <= 0)
            continue;
        size_t first = d->n_rings;
        ly_ring *slot = cj_grow(r, (void **)&d->rings, &d->n_rings, &r->cap_rings, sizeof *slot);
        if (!slot)
            return false;
        *slot = d->rings[o];
        for (size_t h = r0; h < r1; h++) {
            const ly_ring *hole = &d->rings[h];
            /* the middle of its first edge: a hole's corner may touch the outline */
            const double *p = d->points + 2 * hole->first_point, *q = p + 2;
            if (ring_area_ll(d, hole->first_point, hole->n_points) >= 0 ||
                !inside(d, &d->rings[o], 0.5 * (p[0] + q[0]), 0.5 * (p[1] + q[1])))
                continue;
            slot = cj_grow(r, (void **)&d->rings, &d->n_rings, &r->cap_rings, sizeof *slot);
            if (!slot)
                return false;
            *slot = d->rings[h];
        }
        ly_polygon *pg = cj_grow(r, (void **)&d->polygons, &d->n_polygons, &r->cap_polygons,
                                 sizeof *pg);
        if (!pg)
            return false;
        *pg = (ly_polygon){(uint32_t)first, (uint32_t)(d->n_rings - first), 0, 0};
    }
    return true;
}

bool cj_merge_areas(cj_reader *r, uint32_t p0, uint32_t *np)
{
    ly_district *d = r->d;
    size_t ne = 0;
    for (uint32_t p = p0; p < p0 + *np; p++)
        ne += d->rings[d->polygons[p].first_ring].n_points;
    if (*np < 2)
        return true;
    edge *e = malloc(ne * sizeof *e);
    size_t *order = malloc(ne * sizeof *order), *ends = malloc(ne * sizeof *ends);
    size_t *skip = calloc(ne, sizeof *skip);
    if (!e || !order || !ends || !skip) {
        free(e);
        free(order);
        free(ends);
        free(skip);
        r->nomem = true;
        return false;
    }
    size_t r0 = d->n_rings, pts0 = d->n_points;
    bool ok = collect_edges(d, p0, *np, e, &ne);
    if (ok) {
        for (size_t i = 0; i < ne; i++)
            order[i] = ends[i] = i;
        sort_d = d, sort_e = e; /* qsort has no context argument */
        qsort(order, ne, sizeof *order, by_start);
        qsort(ends, ne, sizeof *ends, by_ends);
        edge_index x = {d, e, order, ends, skip, ne};
        drop_shared(&x);
        ok = chain(r, &x) && regroup(r, r0, p0);
    }
    free(e);
    free(order);
    free(ends);
    free(skip);
    if (ok && d->n_polygons > p0) {
        *np = (uint32_t)(d->n_polygons - p0);
        return true;
    }
    if (ok) { /* nothing closed: keep the surfaces as they were */
        d->n_points = pts0;
        d->n_rings = r0;
        d->n_polygons = p0 + *np;
    }
    return !r->nomem;
}
