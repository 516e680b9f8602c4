/* The district's buildings as CityJSON 2.0 at LoD1 (see export.h): each building
 * part a closed prism (ground, roof, walls, courtyards kept) in the UTM zone of the
 * district, reprojected by PROJ; vertices shared, as integers under a millimetre
 * transform. */
#include "louyu/export.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <proj.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Vertices as integer millimetres, each once (an open-addressing hash of them). */
typedef struct {
    int64_t (*v)[3];
    size_t n, cap;
    uint32_t *slot; /* index + 1, 0 empty */
    size_t n_slots;
    bool fail;
} verts;

static uint64_t hash3(const int64_t k[3])
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 3; i++)
        h = (h ^ (uint64_t)k[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

static bool verts_grow(verts *vs)
{
    size_t cap = vs->cap ? 2 * vs->cap : 4096;
    int64_t(*v)[3] = realloc(vs->v, cap * sizeof *v);
    uint32_t *slot = calloc(2 * cap, sizeof *slot);
    if (!v || !slot) {
        free(slot);
        if (v)
            vs->v = v;
        return false;
    }
    vs->v = v;
    vs->cap = cap;
    free(vs->slot);
    vs->slot = slot;
    vs->n_slots = 2 * cap;
    for (size_t i = 0; i < vs->n; i++) {
        size_t s = hash3(vs->v[i]) % vs->n_slots;
        while (vs->slot[s])
            s = (s + 1) % vs->n_slots;
        vs->slot[s] = (uint32_t)i + 1;
    }
    return true;
}

static long vertex(verts *vs, const int64_t k[3])
{
    if (vs->n + 1 > vs->cap && !verts_grow(vs)) {
        vs->fail = true;
        return 0;
    }
    size_t s = hash3(k) % vs->n_slots;
    for (; vs->slot[s]; s = (s + 1) % vs->n_slots) {
        const int64_t *o = vs->v[vs->slot[s] - 1];
        if (o[0] == k[0] && o[1] == k[1] && o[2] == k[2])
            return (long)vs->slot[s] - 1;
    }
    memcpy(vs->v[vs->n], k, sizeof vs->v[0]);
    vs->slot[s] = (uint32_t)++vs->n;
    return (long)vs->n - 1;
}

/* ---- the reference system ------------------------------------------------------------- */

/* The district's UTM zone as an EPSG code (WGS 84 / UTM, north or south; with the grid's
 * exceptions for south-west Norway and Svalbard), or beyond UTM's 84° N and 80° S the polar
 * stereographic system (UPS, EPSG:32661 and 32761); 0 for a district in a local system
 * (CityJSON without one): its metres are written back. */
static int utm_epsg(const ly_district *d)
{
    if (d->meta.local_crs)
        return 0;
    /* the mean longitude on the circle: a district across 180° is at 180°, not at 0° */
    double sx = 0, sy = 0, lat = 0, n = 0;
    for (size_t i = 0; i < d->n_buildings; i++) {
        double lon = ly_building_mid_lon(&d->buildings[i]) * M_PI / 180;
        sx += cos(lon), sy += sin(lon);
        lat += 0.5 * (d->buildings[i].lat_min + d->buildings[i].lat_max);
        n++;
    }
    double lon = n ? atan2(sy, sx) * 180 / M_PI : 0;
    lat = n ? lat / n : 0;
    if (lat > 84)
        return 32661;
    if (lat < -80)
        return 32761;
    int zone = (int)floor((lon + 180) / 6) % 60 + 1;
    if (lat >= 56 && lat < 64 && lon >= 3 && lon < 12)
        zone = 32; /* (band V: zone 32 widened over south-west Norway) */
    if (lat >= 72 && lon >= 0 && lon < 42) /* (band X: Svalbard's zones 31, 33, 35, 37) */
        zone = lon < 9 ? 31 : lon < 21 ? 33 : lon < 33 ? 35 : 37;
    return (lat >= 0 ? 32600 : 32700) + zone;
}

/* Every point of the district in the UTM zone (x east, y north; metres) into xy. */
static int to_utm(const ly_district *d, int epsg, double *xy, char *err, size_t n)
{
    if (!epsg) { /* the local system's metres, as the file had them */
        ly_proj lp;
        ly_proj_init(&lp, 0, 0);
        for (size_t i = 0; i < d->n_points; i++) {
            ly_proj_forward(&lp, d->points[2 * i], d->points[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
            xy[2 * i] += d->meta.local_origin[0];
            xy[2 * i + 1] += d->meta.local_origin[1];
        }
        return 0;
    }
    PJ_CONTEXT *ctx = proj_context_create();
    char target[32];
    snprintf(target, sizeof target, "EPSG:%d", epsg);
    PJ *p = ctx ? proj_create_crs_to_crs(ctx, "EPSG:4326", target, NULL) : NULL;
    /* longitude first, whatever the EPSG axis order says */
    PJ *norm = p ? proj_normalize_for_visualization(ctx, p) : NULL;
    int rc = -1;
    if (norm) {
        if (d->n_points)
            memcpy(xy, d->points, d->n_points * 2 * sizeof *xy);
        size_t done = proj_trans_generic(norm, PJ_FWD, xy, 2 * sizeof *xy, d->n_points,
                                         xy + 1, 2 * sizeof *xy, d->n_points, NULL, 0, 0,
                                         NULL, 0, 0);
        rc = done == d->n_points && !proj_errno(norm) ? 0 : -1;
    }
    if (rc)
        snprintf(err, n, "PROJ cannot transform WGS 84 to %s: %s", target,
                 proj_context_errno_string(ctx, proj_context_errno(ctx)));
    proj_destroy(norm);
    proj_destroy(p);
    proj_context_destroy(ctx);
    return rc;
}

/* ---- the solids ----------------------------------------------------------------------- */

typedef struct {
    const ly_district *d;
    const double *xy;  /* the points in UTM */
    double tx, ty;     /* the transform's translation */
    verts vs;
} writer;

/* Ring r's points at height z (or, with zs, each at its own: a 3D model's face), as
 * vertex indices in `out` (millimetres from the translation), in the order that faces
 * outward from above (reverse: from below), with repeated points left out. Returns
 * how many. */
static size_t ring_at(writer *w, const ly_ring *r, bool reverse, double z, const float *zs,
                      long *out)
{
    const double *p = w->xy + 2 * (size_t)r->first_point;
    size_t n = 0;
    for (uint32_t k = 0; k < r->n_points; k++) {
        uint32_t i = reverse ? r->n_points - 1 - k : k;
        double h = zs ? zs[r->first_point + i] : z;
        int64_t key[3] = {llround((p[2 * i] - w->tx) * 1000), llround((p[2 * i + 1] - w->ty) * 1000),
                          llround(h * 1000)};
        long v = vertex(&w->vs, key);
        if (!n || out[n - 1] != v)
            out[n++] = v;
    }
    while (n > 1 && out[n - 1] == out[0])
        n--;
    return n;
}

static double ring_area(const writer *w, const ly_ring *r)
{
    const double *p = w->xy + 2 * (size_t)r->first_point;
    double a = 0;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        a += (p[2 * j] - w->tx) * (p[2 * i + 1] - w->ty) - (p[2 * i] - w->tx) * (p[2 * j + 1] - w->ty);
    return a;
}

static cJSON *index_ring(const long *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber((double)v[i]));
    return a;
}

/* Polygon pg as one closed shell: the ground (facing down), the roof, a wall per edge
 * of every ring; its surfaces' semantics (0 ground, 1 roof, 2 wall) into sem. NULL
 * when it has less than a triangle. */
static cJSON *shell(writer *w, const ly_polygon *pg, cJSON *sem)
{
    const ly_district *d = w->d;
    cJSON *sh = cJSON_CreateArray(), *bottom = cJSON_CreateArray(), *top = cJSON_CreateArray();
    size_t most = 0;
    for (uint32_t k = 0; k < pg->n_rings; k++)
        most = most > d->rings[pg->first_ring + k].n_points ? most
                                                            : d->rings[pg->first_ring + k].n_points;
    long *lo = malloc((most + 1) * sizeof *lo), *hi = malloc((most + 1) * sizeof *hi);
    bool ok = lo && hi;
    cJSON *walls = cJSON_CreateArray();
    for (uint32_t k = 0; ok && k < pg->n_rings; k++) {
        const ly_ring *r = &d->rings[pg->first_ring + k];
        /* the outline counter-clockwise from above, holes clockwise */
        bool ccw = ring_area(w, r) > 0, up = (k == 0) == ccw;
        size_t n = ring_at(w, r, !up, pg->min_height_m, NULL, lo);
        size_t m = ring_at(w, r, !up, pg->height_m, NULL, hi);
        if (n < 3 || m != n) {
            ok = k > 0; /* a degenerate hole is left out; a degenerate outline, the part */
            continue;
        }
        cJSON_AddItemToArray(top, index_ring(hi, m));
        long *rev = malloc(n * sizeof *rev);
        for (size_t i = 0; rev && i < n; i++)
            rev[i] = lo[n - 1 - i];
        cJSON_AddItemToArray(bottom, index_ring(rev ? rev : lo, n));
        free(rev);
        for (size_t i = 0; i < n; i++) {
            long q[4] = {lo[i], lo[(i + 1) % n], hi[(i + 1) % n], hi[i]};
            cJSON *face = cJSON_CreateArray();
            cJSON_AddItemToArray(face, index_ring(q, 4));
            cJSON_AddItemToArray(walls, face);
        }
    }
    free(lo);
    free(hi);
    if (!ok || !cJSON_GetArraySize(top) || pg->height_m <= pg->min_height_m) {
        cJSON_Delete(sh), cJSON_Delete(bottom), cJSON_Delete(top), cJSON_Delete(walls);
        return NULL;
    }
    cJSON_AddItemToArray(sh, bottom);
    cJSON_AddItemToArray(sem, cJSON_CreateNumber(0));
    cJSON_AddItemToArray(sh, top);
    cJSON_AddItemToArray(sem, cJSON_CreateNumber(1));
    while (cJSON_GetArraySize(walls)) {
        cJSON_AddItemToArray(sh, cJSON_DetachItemFromArray(walls, 0));
        cJSON_AddItemToArray(sem, cJSON_CreateNumber(2));
    }
    cJSON_Delete(walls);
    return sh;
}

static cJSON *semantic_surfaces(const char *const *kinds, int n)
{
    cJSON *surfaces = cJSON_CreateArray();
    for (int k = 0; k < n; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", kinds[k]);
        cJSON_AddItemToArray(surfaces, o);
    }
    return surfaces;
}

/* Polygon pg as a LoD1 Solid with its semantics; NULL when nothing of it is left. */
static cJSON *solid(writer *w, const ly_polygon *pg)
{
    cJSON *sem = cJSON_CreateArray();
    cJSON *sh = shell(w, pg, sem);
    if (!sh) {
        cJSON_Delete(sem);
        return NULL;
    }
    cJSON *g = cJSON_CreateObject();
    cJSON_AddStringToObject(g, "type", "Solid");
    cJSON_AddStringToObject(g, "lod", "1");
    cJSON *b = cJSON_AddArrayToObject(g, "boundaries");
    cJSON_AddItemToArray(b, sh);
    cJSON *s = cJSON_AddObjectToObject(g, "semantics");
    static const char *const KIND[3] = {"GroundSurface", "RoofSurface", "WallSurface"};
    cJSON_AddItemToObject(s, "surfaces", semantic_surfaces(KIND, 3));
    cJSON_AddItemToArray(cJSON_AddArrayToObject(s, "values"), sem);
    return g;
}

/* Part `part` of a 3D model (the faces that were read) as a MultiSurface at its LoD,
 * each face with its semantic surface; NULL when none of its faces is left. */
static cJSON *model(writer *w, const ly_building *b, unsigned part)
{
    static const char *const KIND[LY_FACE_COUNT] = {"WallSurface", "RoofSurface", "GroundSurface",
                                                    "Window", "Door"};
    const ly_district *d = w->d;
    cJSON *bounds = cJSON_CreateArray(), *values = cJSON_CreateArray();
    for (uint32_t i = 0; i < b->n_faces; i++) {
        const ly_face *f = &d->faces[b->first_face + i];
        if (f->part != part)
            continue;
        cJSON *surface = cJSON_CreateArray();
        for (uint32_t k = 0; k < f->n_rings; k++) {
            const ly_ring *r = &d->rings[f->first_ring + k];
            long *v = malloc((r->n_points + 1) * sizeof *v);
            size_t n = v ? ring_at(w, r, false, 0, d->point_z, v) : 0;
            if (n >= 3)
                cJSON_AddItemToArray(surface, index_ring(v, n));
            free(v);
            if (n < 3 && k == 0)
                break; /* a degenerate outline: the face is left out */
        }
        if (!cJSON_GetArraySize(surface)) {
            cJSON_Delete(surface);
            continue;
        }
        cJSON_AddItemToArray(bounds, surface);
        cJSON_AddItemToArray(values, cJSON_CreateNumber(f->type < LY_FACE_COUNT ? f->type : 0));
    }
    if (!cJSON_GetArraySize(bounds)) {
        cJSON_Delete(bounds), cJSON_Delete(values);
        return NULL;
    }
    /* as the schema writes a level of detail: a digit and at most one decimal ("2.2"),
     * whatever the source said (2.25, 12 or 1e30 were written as they came) */
    char lod[16];
    double l = b->lod > 0 && isfinite(b->lod) ? fmin(round(b->lod * 10) / 10, 3.3) : 2;
    snprintf(lod, sizeof lod, "%.1f", l);
    if (!strcmp(lod + 1, ".0"))
        lod[1] = '\0';
    cJSON *g = cJSON_CreateObject();
    cJSON_AddStringToObject(g, "type", "MultiSurface");
    cJSON_AddStringToObject(g, "lod", lod);
    cJSON_AddItemToObject(g, "boundaries", bounds);
    cJSON *s = cJSON_AddObjectToObject(g, "semantics");
    cJSON_AddItemToObject(s, "surfaces", semantic_surfaces(KIND, LY_FACE_COUNT));
    cJSON_AddItemToObject(s, "values", values);
    return g;
}

/* The geometry of part k (0 ... parts - 1) of building b: its model's faces, or its
 * footprint polygon k as a LoD1 Solid. */
static cJSON *part_geometry(writer *w, const ly_building *b, uint32_t k)
{
    return b->n_faces ? model(w, b, k) : solid(w, &w->d->polygons[b->first_polygon + k]);
}

/* Building b into objects: one part, its geometry on the Building; several, a
 * BuildingPart (ID-part-K) for each with its geometry, the Building their parent. A model
 * with faces of its own (part 0) was read from a building whose parts had none: its other
 * parts were its BuildingInstallations (an antenna, a chimney), and are written so (as
 * BuildingParts they would be read back as the whole building, its own body dropped). */
static void building(writer *w, const ly_building *b, cJSON *o, cJSON *objects)
{
    cJSON *geoms = cJSON_AddArrayToObject(o, "geometry");
    uint32_t parts = b->n_polygons;
    if (b->n_faces) {
        parts = 0;
        for (uint32_t i = 0; i < b->n_faces; i++)
            parts = parts > w->d->faces[b->first_face + i].part + 1u
                        ? parts
                        : w->d->faces[b->first_face + i].part + 1u;
    }
    if (parts == 1) {
        cJSON *g = part_geometry(w, b, 0);
        if (g)
            cJSON_AddItemToArray(geoms, g);
        return;
    }
    bool own = false;
    for (uint32_t i = 0; i < b->n_faces && !own; i++)
        own = w->d->faces[b->first_face + i].part == 0;
    cJSON *children = cJSON_CreateArray();
    for (uint32_t i = 0; i < parts; i++) {
        cJSON *g = part_geometry(w, b, i);
        if (g && b->n_faces && i == 0) {
            cJSON_AddItemToArray(geoms, g); /* a model's own faces stay on the Building */
            continue;
        }
        if (!g)
            continue;
        /* ID-part-K whole, however long the id; where a building of the district has that
         * id already, ID-part-K-2, -3, ... (the parts' own names never meet: ids are unique) */
        size_t cap = strlen(b->id) + 48;
        char *id = malloc(cap);
        if (!id) {
            cJSON_Delete(g);
            continue;
        }
        unsigned k = b->n_faces ? i : i + 1;
        snprintf(id, cap, "%s-part-%u", b->id, k);
        for (unsigned again = 2; ly_district_find(w->d, id) >= 0; again++)
            snprintf(id, cap, "%s-part-%u-%u", b->id, k, again);
        cJSON *part = cJSON_CreateObject();
        cJSON_AddStringToObject(part, "type", own ? "BuildingInstallation" : "BuildingPart");
        /* a footprint's part raised off the ground (a skybridge): its base, which louyu's
         * reader keeps (else a part over nothing is ground: a house's half on a slope) */
        const ly_polygon *pg = &w->d->polygons[b->first_polygon + i];
        if (!b->n_faces && pg->min_height_m > 0 && pg->min_height_m > b->min_height_m)
            cJSON_AddNumberToObject(cJSON_AddObjectToObject(part, "attributes"), "min_height_m",
                                    round(pg->min_height_m * 1000) / 1000);
        cJSON_AddItemToArray(cJSON_AddArrayToObject(part, "geometry"), g);
        cJSON_AddItemToArray(cJSON_AddArrayToObject(part, "parents"), cJSON_CreateString(b->id));
        cJSON_AddItemToObject(objects, id, part);
        cJSON_AddItemToArray(children, cJSON_CreateString(id));
        free(id);
    }
    if (cJSON_GetArraySize(children))
        cJSON_AddItemToObject(o, "children", children);
    else
        cJSON_Delete(children);
}

static void text_attr(cJSON *a, const char *key, const char *v)
{
    if (v && v[0] && !cJSON_HasObjectItem(a, key))
        cJSON_AddStringToObject(a, key, v);
}

static void num_attr(cJSON *a, const char *key, double v)
{
    if (v >= 0 && isfinite(v) && !cJSON_HasObjectItem(a, key))
        cJSON_AddNumberToObject(a, key, v);
}

/* What louyu knows of the building: CityJSON's usual names where there are such
 * (measuredHeight, storeysAboveGround, yearOfConstruction), louyu's for the rest; an
 * unknown figure is left out. */
static cJSON *attributes(const ly_district *d, const ly_building *b)
{
    ly_export_figures f;
    ly_export_figures_of(d, b, &f);
    /* the attributes the source had of its own (a CityJSON file's) first, as they were;
     * louyu's figures where the source has none of that name */
    cJSON *a = b->extra ? cJSON_Parse(b->extra) : NULL;
    if (!cJSON_IsObject(a)) {
        cJSON_Delete(a);
        a = cJSON_CreateObject();
    }
    num_attr(a, "measuredHeight", round(f.height_m * 1000) / 1000); /* (a float's mm, not its noise) */
    /* (not a count louyu's own reader counts again from the height: a shed of 1.1 m is
     * one storey here, an invented figure there) */
    if (f.floors > 0 && f.height_m / f.floors >= 1.5)
        num_attr(a, "storeysAboveGround", f.floors);
    num_attr(a, "yearOfConstruction", f.year);
    /* a base above the ground (over a passage, on stilts): louyu's reader puts it back there
     * (the solid's lowest point is no ground: CityJSON's z may be a terrain's too) */
    if (b->min_height_m > 0)
        num_attr(a, "min_height_m", round(b->min_height_m * 1000) / 1000);
    /* what kind of building, as the source said it (OpenStreetMap's building=, a table's
     * type), and the name louyu shows where the source had it under another tag (brand) */
    if (b->type && strcmp(b->type, "yes"))
        text_attr(a, "type", b->type);
    text_attr(a, "name", b->name ? b->name : b->name_en ? NULL : b->alias);
    text_attr(a, "name_en", b->name_en);
    text_attr(a, "address", b->address);
    text_attr(a, "address_en", b->address_en);
    text_attr(a, "status", ly_status_name(b->status));
    num_attr(a, "floor_area_m2", f.floor_area_m2);
    num_attr(a, "recorded_area_m2", f.recorded_m2);
    num_attr(a, "vacant_m2", f.vacant_m2);
    num_attr(a, "occupancy", f.occupancy);
    num_attr(a, "rent_cny_m2_day", f.rent_cny_m2_day);
    num_attr(a, "enterprises", f.enterprises);
    num_attr(a, "tax_2010_cny", f.tax_2010_cny);
    ly_buf ind = {0};
    ly_export_industries(d, b, LY_LANG_EN, &ind);
    text_attr(a, "industries", ind.len ? ind.p : NULL);
    ly_buf_free(&ind);
    return a;
}

static void metadata(cJSON *root, const ly_district *d, int epsg, const writer *w)
{
    cJSON *m = cJSON_AddObjectToObject(root, "metadata");
    char crs[80];
    snprintf(crs, sizeof crs, "https://www.opengis.net/def/crs/EPSG/0/%d", epsg);
    if (epsg) /* (none for a local system: no place on the earth is claimed) */
        cJSON_AddStringToObject(m, "referenceSystem", crs);
    /* the district's own name (CityJSON's metadata has room for one title, and none for
     * properties of louyu's own: the English name stays behind) */
    const char *title = d->meta.name ? d->meta.name : d->meta.name_en;
    if (title)
        cJSON_AddStringToObject(m, "title", title);
    int y, mo, dd;
    char tail, date[16]; /* the figures' date: a store's week's Friday */
    if (sscanf(ly_district_date(d, date, sizeof date), "%4d-%2d-%2d%c", &y, &mo, &dd, &tail) == 3)
        cJSON_AddStringToObject(m, "referenceDate", date);
    double ext[6] = {INFINITY, INFINITY, INFINITY, -INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < w->vs.n; i++)
        for (int k = 0; k < 3; k++) {
            double v = (double)w->vs.v[i][k] / 1000 + (k == 0 ? w->tx : k == 1 ? w->ty : 0);
            ext[k] = fmin(ext[k], v);
            ext[k + 3] = fmax(ext[k + 3], v);
        }
    if (w->vs.n)
        cJSON_AddItemToObject(m, "geographicalExtent", cJSON_CreateDoubleArray(ext, 6));
}

/* A cJSON value as its text, appended; false when memory ran out. */
static bool put_json(ly_buf *out, const cJSON *item)
{
    char *t = cJSON_PrintUnformatted(item);
    if (t)
        ly_buf_put(out, t);
    cJSON_free(t);
    return t && !out->failed;
}

/* An object's member as "key":value. */
static bool put_member(ly_buf *out, const char *key, const cJSON *value)
{
    cJSON *k = cJSON_CreateString(key);
    bool ok = k && put_json(out, k);
    cJSON_Delete(k);
    ly_buf_put(out, ":");
    return ok && put_json(out, value);
}

/* The file is written as it is made, a building at a time (each one's objects built as a
 * cJSON tree, printed and freed): a city's tree at once took 13 times the file's size. */
int ly_export_cityjson(const ly_district *d, const long *select, size_t n_select, ly_buf *out,
                       char *err, size_t err_len)
{
    int epsg = utm_epsg(d);
    double *xy = malloc((d->n_points + 1) * 2 * sizeof *xy);
    if (!xy) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    if (to_utm(d, epsg, xy, err, err_len)) {
        free(xy);
        return -1;
    }
    writer w = {.d = d, .xy = xy, .tx = INFINITY, .ty = INFINITY};
    for (size_t i = 0; i < d->n_points; i++)
        w.tx = fmin(w.tx, xy[2 * i]), w.ty = fmin(w.ty, xy[2 * i + 1]);
    w.tx = d->n_points ? floor(w.tx) : 0, w.ty = d->n_points ? floor(w.ty) : 0;
    size_t start = out->len;
    bool ok = true;
    cJSON *tr = cJSON_CreateObject();
    const double scale[3] = {0.001, 0.001, 0.001}, translate[3] = {w.tx, w.ty, 0};
    cJSON_AddItemToObject(tr, "scale", cJSON_CreateDoubleArray(scale, 3));
    cJSON_AddItemToObject(tr, "translate", cJSON_CreateDoubleArray(translate, 3));
    ly_buf_put(out, "{\"type\":\"CityJSON\",\"version\":\"2.0\",");
    ok = put_member(out, "transform", tr);
    cJSON_Delete(tr);
    ly_buf_put(out, ",\"CityObjects\":{");
    size_t n = select ? n_select : d->n_buildings;
    bool first = true;
    for (size_t i = 0; ok && i < n; i++) {
        const ly_building *b = &d->buildings[select ? (size_t)select[i] : i];
        cJSON *objects = cJSON_CreateObject(), *o = cJSON_CreateObject();
        if (!objects || !o) {
            cJSON_Delete(objects);
            cJSON_Delete(o);
            ok = false;
            break;
        }
        cJSON_AddStringToObject(o, "type", "Building");
        cJSON_AddItemToObject(o, "attributes", attributes(d, b));
        cJSON_AddItemToObject(objects, b->id, o);
        building(&w, b, o, objects); /* its parts after it */
        for (const cJSON *m = objects->child; ok && m; m = m->next) {
            if (!first)
                ly_buf_put(out, ",");
            first = false;
            ok = put_member(out, m->string, m);
        }
        cJSON_Delete(objects);
    }
    ly_buf_put(out, "},");
    cJSON *root = cJSON_CreateObject(); /* metadata() adds "metadata" to it */
    if (root)
        metadata(root, d, epsg, &w);
    const cJSON *meta = root ? cJSON_GetObjectItemCaseSensitive(root, "metadata") : NULL;
    ok = ok && meta && !w.vs.fail && put_member(out, "metadata", meta);
    cJSON_Delete(root);
    ly_buf_put(out, ",\"vertices\":[");
    for (size_t i = 0; ok && i < w.vs.n; i++)
        ly_buf_printf(out, "%s[%lld,%lld,%lld]", i ? "," : "", (long long)w.vs.v[i][0],
                      (long long)w.vs.v[i][1], (long long)w.vs.v[i][2]);
    ly_buf_put(out, "]}");
    ok = ok && !out->failed;
    if (!ok) {
        snprintf(err, err_len, "out of memory");
        out->len = start; /* nothing half written is left */
        if (out->p)
            out->p[start] = '\0';
    }
    free(w.vs.v);
    free(w.vs.slot);
    free(xy);
    return ok ? 0 : -1;
}
