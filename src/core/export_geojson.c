/* The district as GeoJSON (export.h): what a district read from another format (CityJSON)
 * is for the tools and pages that read GeoJSON, the portal's browser map among them. */
#include "load_private.h"
#include "louyu/csv.h"
#include "louyu/export.h"
#include "louyu/json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A ring's positions, closed (the model keeps them without the repeated first), turned
 * as RFC 7946 asks: an outline counter-clockwise, a hole clockwise (a CityJSON ground
 * surface, which faces down, comes the other way round). */
static cJSON *ring(const ly_district *d, const ly_ring *r, bool outline)
{
    cJSON *a = cJSON_CreateArray();
    const double *pts = d->points + 2 * (size_t)r->first_point;
    double area = 0;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        area += pts[2 * j] * pts[2 * i + 1] - pts[2 * i] * pts[2 * j + 1];
    bool reverse = outline ? area < 0 : area > 0;
    for (uint32_t k = 0; a && k <= r->n_points; k++) {
        uint32_t i = k % r->n_points;
        const double *p = pts + 2 * (size_t)(reverse ? (r->n_points - i) % r->n_points : i);
        cJSON *pos = cJSON_CreateArray();
        cJSON_AddItemToArray(pos, cJSON_CreateNumber(p[0]));
        cJSON_AddItemToArray(pos, cJSON_CreateNumber(p[1]));
        cJSON_AddItemToArray(a, pos);
    }
    return a;
}

/* Polygons [first, first + n) as one (Multi)Polygon. */
static cJSON *polygons(const ly_district *d, uint32_t first, uint32_t n)
{
    cJSON *g = cJSON_CreateObject(), *coords = cJSON_CreateArray();
    for (uint32_t i = 0; i < n; i++) {
        const ly_polygon *pg = &d->polygons[first + i];
        cJSON *rings = cJSON_CreateArray();
        for (uint32_t r = 0; r < pg->n_rings; r++)
            cJSON_AddItemToArray(rings, ring(d, &d->rings[pg->first_ring + r], r == 0));
        if (n == 1) {
            cJSON_Delete(coords);
            coords = rings;
        } else {
            cJSON_AddItemToArray(coords, rings);
        }
    }
    cJSON_AddStringToObject(g, "type", n == 1 ? "Polygon" : "MultiPolygon");
    cJSON_AddItemToObject(g, "coordinates", coords);
    return g;
}

/* A height kept as a float, to the millimetre it means (15.211, not 15.211000442504883). */
static void text(cJSON *o, const char *key, const char *v)
{
    if (v && *v)
        cJSON_AddStringToObject(o, key, v);
}

/* The OpenStreetMap tags the plain GeoJSON loader looks at besides its own keys
 * (ly_geojson_reads_key): a kept property of any of these names would be read again beside
 * what the export writes (a "roof:height" under the "height_m" it went into), so none is
 * copied. */
static const char *const OSM_TAGS_READ[] = {
    "addr:full", "building:part", "building:height", "roof:levels", "roof:height",
    "other_tags", "tags", "fclass", "code", "highway", "waterway", "natural", "leisure",
    "landuse", "tunnel", "bridge", "location", "foot", "access"};

/* The properties a feature kept as they were (a CityJSON object's own attributes, an
 * OpenStreetMap element's other tags): each one the export has not written and the loader
 * would not read as another figure, so a planner's GIS shows them as the card does. */
static void kept(cJSON *p, const char *extra)
{
    cJSON *o = extra ? cJSON_Parse(extra) : NULL;
    for (cJSON *m = o ? o->child : NULL, *next; m; m = next) {
        next = m->next;
        bool read = cJSON_GetObjectItemCaseSensitive(p, m->string) != NULL ||
                    ly_geojson_reads_key(m->string);
        for (size_t i = 0; !read && i < sizeof OSM_TAGS_READ / sizeof *OSM_TAGS_READ; i++)
            read = !strcmp(m->string, OSM_TAGS_READ[i]);
        if (!read)
            cJSON_AddItemToObject(p, m->string, cJSON_DetachItemViaPointer(o, m));
    }
    cJSON_Delete(o);
}

/* A building's figures as louyu's properties (the plain GeoJSON loader reads them back). */
static cJSON *building_properties(const ly_district *d, const ly_building *b)
{
    cJSON *p = cJSON_CreateObject();
    text(p, "name", b->name);
    text(p, "name_en", b->name_en);
    text(p, "address", b->address);
    text(p, "address_en", b->address_en);
    text(p, "type", b->type);
    cJSON_AddStringToObject(p, "status", ly_status_name(b->status));
    if (b->year > 0)
        cJSON_AddNumberToObject(p, "year", b->year);
    cJSON_AddNumberToObject(p, "height_m", ly_json_metres(b->height_m));
    if (b->min_height_m > 0)
        cJSON_AddNumberToObject(p, "min_height_m", ly_json_metres(b->min_height_m));
    /* floors where they make storeys the loader takes (2 to 12 m each): a model's shed of
     * 0.7 m has its floors estimated when it is read back */
    if (b->floors > 0 && b->height_m / b->floors >= 2 && b->height_m / b->floors <= 12)
        cJSON_AddNumberToObject(p, "floors", b->floors);
    if (b->n_polygons > 1) { /* each part's own heights: a podium and its tower */
        cJSON *parts = cJSON_AddArrayToObject(p, "parts");
        for (uint32_t i = 0; i < b->n_polygons; i++) {
            const ly_polygon *pg = &d->polygons[b->first_polygon + i];
            cJSON *part = cJSON_CreateObject();
            cJSON_AddNumberToObject(part, "min_height_m", ly_json_metres(pg->min_height_m));
            cJSON_AddNumberToObject(part, "height_m", ly_json_metres(pg->height_m));
            cJSON_AddItemToArray(parts, part);
        }
    }
    if (b->gfa_m2 > 0)
        cJSON_AddNumberToObject(p, "gfa_m2", b->gfa_m2);
    if (b->rent_cny_m2_day >= 0)
        cJSON_AddNumberToObject(p, "rent_cny_m2_day", b->rent_cny_m2_day);
    if (b->tax_2010_cny >= 0)
        cJSON_AddNumberToObject(p, "tax_2010_cny", b->tax_2010_cny);
    if (b->contact.name || b->contact.name_en || b->contact.phone || b->contact.email) {
        cJSON *c = cJSON_AddObjectToObject(p, "contact");
        text(c, "name", b->contact.name);
        text(c, "name_en", b->contact.name_en);
        text(c, "phone", b->contact.phone);
        text(c, "email", b->contact.email);
    }
    if (b->n_records) {
        cJSON *recs = cJSON_AddArrayToObject(p, "floor_records");
        for (uint32_t i = 0; i < b->n_records; i++) {
            const ly_floor_record *r = &d->records[b->first_record + i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "floor", r->floor);
            cJSON_AddStringToObject(o, "use", ly_floor_use_name(r->use));
            cJSON_AddNumberToObject(o, "area_m2", r->area_m2);
            cJSON_AddNumberToObject(o, "vacant_m2", r->vacant_m2);
            if (r->rent_cny_m2_day > 0) /* its own asking rent (a weekly report row's) */
                cJSON_AddNumberToObject(o, "rent_cny_m2_day", r->rent_cny_m2_day);
            else if (r->rent_cny_m2_day < 0)
                cJSON_AddTrueToObject(o, "rent_to_be_agreed");
            if (r->available_from[0]) /* (a store's week: from its reports) */
                cJSON_AddStringToObject(o, "available_from", r->available_from);
            cJSON_AddItemToArray(recs, o);
        }
    }
    kept(p, b->extra);
    return p;
}

/* A feature that is not a building, with its "kind"; NULL for a camera (never public). */
static cJSON *other(const ly_district *d, const ly_feature *f)
{
    if (f->kind == LY_KIND_CAMERA)
        return NULL;
    cJSON *p = cJSON_CreateObject(), *g = NULL;
    cJSON_AddStringToObject(p, "kind", ly_kind_name(f->kind));
    text(p, "name", f->name);
    text(p, "name_en", f->name_en);
    if (f->kind == LY_KIND_ROAD) {
        cJSON_AddStringToObject(p, "class", ly_road_class_name((ly_road_class)f->subtype));
        if (f->width_m > 0)
            cJSON_AddNumberToObject(p, "width_m", f->width_m);
        if (f->layer)
            cJSON_AddNumberToObject(p, "layer", f->layer);
        if (f->no_walk)
            cJSON_AddFalseToObject(p, "walk");
    }
    if (f->kind == LY_KIND_ROAD && !f->n_lines && f->n_polygons) {
        g = polygons(d, f->first_polygon, f->n_polygons); /* its area (from CityJSON) */
    } else if (f->kind == LY_KIND_ROAD && f->n_lines) {
        g = cJSON_CreateObject();
        cJSON *lines = cJSON_CreateArray();
        for (uint32_t i = 0; i < f->n_lines; i++) {
            const ly_line *l = &d->lines[f->first_line + i];
            cJSON *pts = cJSON_CreateArray();
            for (uint32_t k = 0; k < l->n_points; k++) {
                const double *q = d->points + 2 * (size_t)(l->first_point + k);
                cJSON *pos = cJSON_CreateArray();
                cJSON_AddItemToArray(pos, cJSON_CreateNumber(q[0]));
                cJSON_AddItemToArray(pos, cJSON_CreateNumber(q[1]));
                cJSON_AddItemToArray(pts, pos);
            }
            cJSON_AddItemToArray(lines, pts);
        }
        cJSON_AddStringToObject(g, "type", "MultiLineString");
        cJSON_AddItemToObject(g, "coordinates", lines);
    } else if (f->kind == LY_KIND_POI) {
        cJSON_AddStringToObject(p, "category", ly_poi_category_name((ly_poi_category)f->subtype));
        text(p, "address", f->address);
        if (f->since > 0)
            cJSON_AddNumberToObject(p, "since", f->since);
        g = cJSON_CreateObject();
        cJSON *pos = cJSON_CreateArray();
        cJSON_AddItemToArray(pos, cJSON_CreateNumber(f->lon));
        cJSON_AddItemToArray(pos, cJSON_CreateNumber(f->lat));
        cJSON_AddStringToObject(g, "type", "Point");
        cJSON_AddItemToObject(g, "coordinates", pos);
    } else if (f->n_polygons) {
        if (f->kind == LY_KIND_WATER)
            cJSON_AddStringToObject(p, "water", ly_water_type_name((ly_water_type)f->subtype));
        g = polygons(d, f->first_polygon, f->n_polygons);
    }
    if (!g) {
        cJSON_Delete(p);
        return NULL;
    }
    kept(p, f->extra);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "Feature");
    text(o, "id", f->id);
    cJSON_AddItemToObject(o, "properties", p);
    cJSON_AddItemToObject(o, "geometry", g);
    return o;
}

/* The collection as text (malloc'd): the buildings with footprints, then the other
 * features but cameras, each the k-th written unless skip[k] is set (skip may be NULL);
 * *n counts them all. NULL when memory ran out. */
static char *collection(const ly_district *d, const unsigned char *skip, size_t *n)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "type", "FeatureCollection");
    cJSON *features = cJSON_AddArrayToObject(doc, "features");
    size_t k = 0;
    for (size_t i = 0; features && i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        if (!b->n_polygons)
            continue;
        bool drop = skip && skip[k];
        k++;
        if (drop)
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", "Feature");
        cJSON_AddStringToObject(o, "id", b->id);
        cJSON_AddItemToObject(o, "properties", building_properties(d, b));
        cJSON_AddItemToObject(o, "geometry", polygons(d, b->first_polygon, b->n_polygons));
        cJSON_AddItemToArray(features, o);
    }
    for (size_t i = 0; features && i < d->n_features; i++) {
        cJSON *o = other(d, &d->features[i]);
        if (o && skip && skip[k])
            cJSON_Delete(o);
        else if (o)
            cJSON_AddItemToArray(features, o);
        k += o != NULL;
    }
    *n = k;
    char *s = features ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    return s;
}

/* Which features the GeoJSON loader would refuse (a footprint a 3D model's surfaces made
 * that crosses itself or has no area): read back, each one left out marked in skip (n
 * features); how many buildings among them. */
static size_t refused(const ly_district *d, const char *text, unsigned char *skip, size_t n,
                      ly_diag_list *why)
{
    ly_district back;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "export.geojson");
    diags.max_items = (size_t)-1;
    size_t buildings = 0, first_other = 0;
    for (size_t i = 0; i < d->n_buildings; i++)
        first_other += d->buildings[i].n_polygons > 0;
    if (ly_district_load_mem(&back, text, strlen(text), "export.geojson",
                             &(ly_load_desc){.skip_bad = true}, &diags) == LY_LOAD_OK)
        for (size_t k = 0; k < diags.count; k++) {
            const ly_diag *g = &diags.items[k];
            if (g->feature >= 0 && (size_t)g->feature < n && !skip[g->feature] &&
                strstr(g->message, "(the feature is left out)")) {
                skip[g->feature] = 1;
                buildings += (size_t)g->feature < first_other;
                if (why) /* (the message, its place in a file never written dropped) */
                    ly_diag_add(why, LY_DIAG_WARNING, SIZE_MAX, g->feature, "%s", g->message);
            }
        }
    ly_district_unload(&back);
    ly_diag_list_deinit(&diags);
    return buildings;
}

int ly_export_geojson(const ly_district *d, ly_buf *out, size_t *left_out, ly_diag_list *why)
{
    *left_out = 0;
    size_t n = 0;
    char *s = collection(d, NULL, &n);
    unsigned char *skip = s ? calloc(n + 1, 1) : NULL;
    if (skip) {
        *left_out = refused(d, s, skip, n, why);
        bool any = false;
        for (size_t k = 0; k < n && !any; k++)
            any = skip[k];
        if (any) {
            free(s);
            s = collection(d, skip, &n);
        }
    }
    free(skip);
    if (!s) {
        out->failed = true;
        return -1;
    }
    ly_buf_put(out, s);
    free(s);
    return out->failed ? -1 : 0;
}

/* ---- a projected GeoJSON's own text in WGS 84 ---------------------------------------- */

/* Every position under v (nested arrays whose innermost hold numbers) transformed. */
static bool to_wgs84(PJ *pj, cJSON *v)
{
    if (!cJSON_IsArray(v))
        return true;
    cJSON *x = v->child, *y = x ? x->next : NULL;
    if (cJSON_IsNumber(x) && cJSON_IsNumber(y)) {
        PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(x->valuedouble, y->valuedouble, 0, 0));
        if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
            return false;
        cJSON_SetNumberValue(x, c.xy.x);
        cJSON_SetNumberValue(y, c.xy.y);
        return true;
    }
    for (cJSON *c = v->child; c; c = c->next)
        if (!to_wgs84(pj, c))
            return false;
    return true;
}

static bool geometry_to_wgs84(PJ *pj, cJSON *g)
{
    if (!cJSON_IsObject(g))
        return true;
    cJSON_DeleteItemFromObjectCaseSensitive(g, "bbox"); /* (in the old system's units) */
    cJSON *gs = cJSON_GetObjectItemCaseSensitive(g, "geometries");
    for (cJSON *c = cJSON_IsArray(gs) ? gs->child : NULL; c; c = c->next)
        if (!geometry_to_wgs84(pj, c))
            return false;
    return to_wgs84(pj, cJSON_GetObjectItemCaseSensitive(g, "coordinates"));
}

int ly_geojson_doc_to_wgs84(void *json)
{
    cJSON *doc = json;
    const cJSON *crs = cJSON_GetObjectItemCaseSensitive(doc, "crs");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(crs, "properties"), "name");
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(doc, "features");
    if (!cJSON_IsString(name) || !cJSON_IsArray(fs))
        return -1;
    char def[96];
    int code = ly_crs_epsg(name->valuestring);
    if (code)
        snprintf(def, sizeof def, "EPSG:%d", code);
    else
        snprintf(def, sizeof def, "%.95s", name->valuestring);
    PJ_CONTEXT *ctx = proj_context_create();
    if (ctx)
        proj_log_level(ctx, PJ_LOG_NONE);
    bool geocentric = false;
    PJ *pj = ctx ? ly_crs_to_wgs84(ctx, def, &geocentric) : NULL;
    bool ok = pj && !geocentric;
    for (cJSON *f = fs->child; ok && f; f = f->next) {
        cJSON_DeleteItemFromObjectCaseSensitive(f, "bbox");
        ok = geometry_to_wgs84(pj, cJSON_GetObjectItemCaseSensitive(f, "geometry"));
    }
    if (ok) {
        cJSON_DeleteItemFromObjectCaseSensitive(doc, "crs");
        cJSON_DeleteItemFromObjectCaseSensitive(doc, "bbox");
    }
    proj_destroy(pj);
    if (ctx)
        proj_context_destroy(ctx);
    return ok ? 0 : -1;
}

int ly_export_geojson_wgs84(const char *text, size_t len, ly_buf *out)
{
    cJSON *doc = cJSON_ParseWithLength(text, len);
    char *s = doc && !ly_geojson_doc_to_wgs84(doc) ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    if (s)
        ly_buf_put(out, s);
    free(s);
    return s && !out->failed ? 0 : -1;
}

/* ---- rings turned as RFC 7946 wants them ----------------------------------------------- */

/* Twice a ring's signed area in its own units (> 0: counter-clockwise), 0 when it is not
 * a ring of positions. */
static double ring_area2(const cJSON *ring)
{
    double a = 0, x0 = 0, y0 = 0, px = 0, py = 0;
    int k = 0;
    for (const cJSON *p = cJSON_IsArray(ring) ? ring->child : NULL; p; p = p->next, k++) {
        const cJSON *x = cJSON_IsArray(p) ? p->child : NULL, *y = x ? x->next : NULL;
        if (!cJSON_IsNumber(x) || !cJSON_IsNumber(y))
            return 0;
        /* (about the first position: fewer digits lost far from 0, 0) */
        double qx = x->valuedouble - x0, qy = y->valuedouble - y0;
        if (!k)
            x0 = x->valuedouble, y0 = y->valuedouble, qx = qy = 0;
        else
            a += px * qy - qx * py;
        px = qx, py = qy;
    }
    return a;
}

static void reverse(cJSON *arr)
{
    cJSON *c = arr->child, *prev = NULL;
    if (!c)
        return;
    cJSON *first = c;
    while (c) { /* (cJSON's list: next forward, prev backward, the head's prev the tail) */
        cJSON *next = c->next;
        c->next = prev;
        c->prev = next;
        prev = c;
        c = next;
    }
    arr->child = prev;
    prev->prev = first; /* the new head's prev: the new tail */
    first->next = NULL;
}

/* A polygon's rings: the first counter-clockwise, the others clockwise. */
static size_t orient_polygon(cJSON *poly)
{
    size_t turned = 0;
    int i = 0;
    for (cJSON *r = cJSON_IsArray(poly) ? poly->child : NULL; r; r = r->next, i++) {
        double a = ring_area2(r);
        if ((i == 0 && a < 0) || (i > 0 && a > 0)) {
            reverse(r);
            turned++;
        }
    }
    return turned;
}

static size_t orient_geometry(cJSON *g)
{
    if (!cJSON_IsObject(g))
        return 0;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(g, "type");
    cJSON *coords = cJSON_GetObjectItemCaseSensitive(g, "coordinates");
    size_t turned = 0;
    if (!cJSON_IsString(type))
        return 0;
    if (!strcmp(type->valuestring, "Polygon")) {
        turned = orient_polygon(coords);
    } else if (!strcmp(type->valuestring, "MultiPolygon")) {
        for (cJSON *p = cJSON_IsArray(coords) ? coords->child : NULL; p; p = p->next)
            turned += orient_polygon(p);
    } else if (!strcmp(type->valuestring, "GeometryCollection")) {
        cJSON *gs = cJSON_GetObjectItemCaseSensitive(g, "geometries");
        for (cJSON *c = cJSON_IsArray(gs) ? gs->child : NULL; c; c = c->next)
            turned += orient_geometry(c);
    }
    return turned;
}

int ly_export_geojson_ccw(const char *text, size_t len, ly_buf *out, size_t *turned)
{
    *turned = 0;
    cJSON *doc = cJSON_ParseWithLength(text, len);
    if (!doc)
        return -1;
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(doc, "features");
    for (const cJSON *f = cJSON_IsArray(fs) ? fs->child : NULL; f; f = f->next)
        *turned += orient_geometry(cJSON_GetObjectItemCaseSensitive(f, "geometry"));
    char *s = *turned ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    if (*turned && !s)
        return -1;
    if (s)
        ly_buf_put(out, s);
    free(s);
    return out->failed ? -1 : 0;
}

int ly_export_geojson_text(const char *text, size_t len, bool gb18030, bool projected,
                           ly_buf *out, const char **why)
{
    char *utf8 = NULL;
    size_t n = 0;
    int rc = 0;
    if (gb18030 && ly_gb18030_to_utf8(text, len, &utf8, &n)) {
        *why = "out of memory";
        rc = -1;
    } else if (projected) {
        rc = ly_export_geojson_wgs84(utf8 ? utf8 : text, utf8 ? n : len, out);
        *why = "its positions cannot be transformed to WGS 84 (or memory ran out)";
    } else {
        ly_buf_putn(out, utf8 ? utf8 : text, utf8 ? n : len);
        rc = out->failed ? -1 : 0;
        *why = "out of memory";
    }
    free(utf8);
    return rc;
}
