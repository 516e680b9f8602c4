/* OpenStreetMap's own formats read as the features they map (load_private.h): its XML (.osm: what
 * openstreetmap.org's Export button, JOSM and Overpass's `out xml` write) and its JSON
 * (Overpass's `out json`, the API's map.json), `out geom`'s inline coordinates in both.
 *
 * Both are read into one model: elements (nodes, ways, relations) with their tags, a
 * way's node ids or coordinates, a relation's members. The tagged ones are then written
 * as a GeoJSON FeatureCollection, one Feature a line with the element's tags as its
 * properties and "node/1", "way/2" or "relation/3" as its id: a tagged node is a Point, a
 * way a LineString or, closed and an area by its tags, a Polygon, and a multipolygon
 * relation its rings joined from its members' ways. The GeoJSON loader then reads them as
 * it reads any OpenStreetMap export (their tags say what they are), and each of its
 * messages is moved to the element, and the tag, it is about (`x.osm:120:3: error: way
 * 4567, tag height: ...`). An element the export cut at its edge (a way without some of
 * its nodes, a relation without some of its ways) is left out with a warning. */
#include "feature_text.h"
#include "load_private.h"
#include "osm_private.h"
#include "louyu/csv.h"
#include "louyu/json.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ly_osm_grow(ly_osm_reader *r, void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return true;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = c <= SIZE_MAX / size ? realloc(*p, c * size) : NULL;
    if (!q) {
        r->nomem = true;
        return false;
    }
    *p = q;
    *cap = c;
    return true;
}

uint32_t ly_osm_keep(ly_osm_reader *r, const char *s, size_t n)
{
    if (r->n_str + n + 1 > UINT32_MAX ||
        !ly_osm_grow(r, (void **)&r->str, &r->cap_str, r->n_str + n + 1, 1)) {
        r->nomem = true;
        return 0;
    }
    uint32_t at = (uint32_t)r->n_str;
    memcpy(r->str + at, s, n);
    r->str[at + n] = '\0';
    r->n_str += n + 1;
    return at;
}

static const char *TYPE_NAME[] = {"node", "way", "relation"};

const char *ly_osm_type_name(char t)
{
    return TYPE_NAME[t == 'n' ? 0 : t == 'w' ? 1 : 2];
}

/* An element's fault, at its place in the file: refused (and, with --skip-bad, left out
 * with a warning instead). */
void ly_osm_fault(ly_osm_reader *r, ly_osm_elem *e, const char *fmt, const char *a, const char *b)
{
    char msg[400];
    snprintf(msg, sizeof msg, fmt, a, b);
    if (r->skip_bad)
        ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1, "%s %lld: %s (the %s is left out)",
                    ly_osm_type_name(e->type), (long long)e->id, msg, ly_osm_type_name(e->type));
    else
        ly_diag_add(r->diags, LY_DIAG_ERROR, e->at, -1, "%s %lld: %s", ly_osm_type_name(e->type),
                    (long long)e->id, msg);
    if (!e->refused) r->bad++;
    e->skip = e->refused = true;
}

static bool parse_id(const char *s, int64_t *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s) return false;
    *out = v;
    return true;
}

static bool parse_coord(const char *s, double limit, double *out)
{
    if (!s || !*s) return false;
    char *end;
    double v = strtod(s, &end);
    if (*end || end == s || !isfinite(v) || fabs(v) > limit) return false;
    *out = v;
    return true;
}

bool ly_osm_add_point(ly_osm_reader *r, double lon, double lat)
{
    if (!ly_osm_grow(r, (void **)&r->pts, &r->cap_pts, r->n_pts + 2, sizeof *r->pts)) return false;
    r->pts[r->n_pts++] = lon;
    r->pts[r->n_pts++] = lat;
    return true;
}

/* A new element at byte `at`; NULL when out of memory. */
ly_osm_elem *ly_osm_new_elem(ly_osm_reader *r, char type, size_t at)
{
    if (!LY_OSM_ROOM(r, e, n_e, cap_e)) return NULL;
    ly_osm_elem *e = &r->e[r->n_e++];
    *e = (ly_osm_elem){.type = type,
                       .at = at,
                       .tag0 = (uint32_t)r->n_tags,
                       .ref0 = (uint32_t)(type == 'r' ? r->n_mem : r->n_refs),
                       .pt0 = (uint32_t)(r->n_pts / 2)};
    return e;
}

/* An OpenStreetMap history file (osmium's .osh) holds every version of an element, one
 * after another, oldest first: the version just read of the element read before leaves
 * that one out, so that the map is drawn as it is now. */
void ly_osm_version(ly_osm_reader *r, ly_osm_elem *e, const char *version)
{
    int64_t v;
    if (!version || !parse_id(version, &v) || v < 1) {
        r->last = -1;
        return;
    }
    long p = r->last, at = (long)(e - r->e);
    if (p >= 0 && p != at && (size_t)p < r->n_e && r->e[p].type == e->type &&
        r->e[p].id == e->id && v > r->last_version) {
        r->older += !r->e[p].skip;
        r->e[p].skip = true;
    }
    r->last = at;
    r->last_version = v;
}

bool ly_osm_add_place(ly_osm_reader *r, int64_t id, double lon, double lat)
{
    if (!LY_OSM_ROOM(r, places, n_places, cap_places)) return false;
    r->places[r->n_places++] = (ly_osm_place){id, lon, lat};
    return true;
}

void ly_osm_end_node(ly_osm_reader *r, ly_osm_elem *e)
{
    if (e->refused)
        ly_osm_add_place(r, e->id, NAN, NAN); /* (its ways are left out too) */
    else if (!e->skip && e->npts == 1)
        ly_osm_add_place(r, e->id, r->pts[2 * (size_t)e->pt0], r->pts[2 * (size_t)e->pt0 + 1]);
    if (e->ntags && !e->skip) return;
    r->n_tags = e->tag0; /* taken back: a place is all a way needs of it */
    r->n_pts = 2 * (size_t)e->pt0;
    r->n_e = (size_t)(e - r->e);
}

/* A JSON "lat" or "lon" as the text node_position reads: a number's, a string's own (a
 * writer that quoted it), else what it is ("null", "true", "an object"). */
static void json_coord_text(const cJSON *v, char *out, size_t n)
{
    if (cJSON_IsNumber(v))
        snprintf(out, n, "%.17g", v->valuedouble);
    else if (cJSON_IsString(v))
        snprintf(out, n, "%s", v->valuestring);
    else if (v)
        snprintf(out, n, "%s", cJSON_IsNull(v) ? "null" : cJSON_IsBool(v) ? (cJSON_IsTrue(v) ?
                 "true" : "false") : cJSON_IsArray(v) ? "an array" : "an object");
}

/* A node's position from its text ("lat" and "lon"); a fault when either is missing or
 * not a number in range. */
static void node_position(ly_osm_reader *r, ly_osm_elem *e, const char *lat, const char *lon)
{
    double y, x;
    if (!parse_coord(lat, 90, &y))
        ly_osm_fault(r, e,
                     lat ? "lat is \"%.40s\": expected a latitude in degrees, -90 to 90%s"
                         : "it has no lat%s: expected its latitude in degrees",
                     lat ? lat : "", "");
    else if (!parse_coord(lon, 180, &x))
        ly_osm_fault(r, e,
                     lon ? "lon is \"%.40s\": expected a longitude in degrees, -180 to 180%s"
                         : "it has no lon%s: expected its longitude in degrees",
                     lon ? lon : "", "");
    else if (ly_osm_add_point(r, x, y))
        e->npts = 1;
}

/* A tag of the element being read; a second tag of the same key is left out (OSM keeps
 * one value a key). */
void ly_osm_add_tag(ly_osm_reader *r, ly_osm_elem *e, const char *k, size_t kn, const char *v,
                    size_t vn, size_t at)
{
    for (uint32_t i = e->tag0; i < e->tag0 + e->ntags; i++)
        if (strlen(r->str + r->tags[i].k) == kn && !memcmp(r->str + r->tags[i].k, k, kn)) return;
    if (!LY_OSM_ROOM(r, tags, n_tags, cap_tags)) return;
    r->tags[r->n_tags++] =
        (ly_osm_tag){.k = ly_osm_keep(r, k, kn), .v = ly_osm_keep(r, v, vn), .at = at};
    e->ntags++;
}

/* ---- the XML ------------------------------------------------------------------------- */

static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(atts[i], name)) return atts[i + 1];
    return NULL;
}

static size_t xml_at(ly_osm_reader *r)
{
    XML_Index i = XML_GetCurrentByteIndex(r->xp);
    return i >= 0 && (size_t)i <= r->len ? (size_t)i : SIZE_MAX;
}

static void xml_element(ly_osm_reader *r, char type, const XML_Char **atts)
{
    ly_osm_elem *e = ly_osm_new_elem(r, type, xml_at(r));
    if (!e) return;
    r->cur = (long)(e - r->e);
    const char *id = attr(atts, "id"), *action = attr(atts, "action");
    const char *visible = attr(atts, "visible");
    e->skip = (action && !strcmp(action, "delete")) || (visible && !strcmp(visible, "false"));
    if (!parse_id(id, &e->id)) {
        e->id = 0;
        ly_osm_fault(r, e,
                     id ? "its id is \"%.40s\": expected a whole number%s"
                        : "it has no id%s: expected its id, a whole number",
                     id ? id : "", "");
        return;
    }
    ly_osm_version(r, e, attr(atts, "version"));
    if (type == 'n' && !e->skip)
        node_position(r, e, attr(atts, "lat"), attr(atts, "lon"));
}

/* A way's <nd>, or `out geom`'s coordinates of a relation's member way. */
static void xml_nd(ly_osm_reader *r, ly_osm_elem *e, const XML_Char **atts)
{
    const char *lat = attr(atts, "lat"), *lon = attr(atts, "lon"), *ref = attr(atts, "ref");
    double x = 0, y = 0;
    bool at = parse_coord(lat, 90, &y) && parse_coord(lon, 180, &x);
    if (r->cur_member >= 0) {
        if (at && ly_osm_add_point(r, x, y)) r->mem[r->cur_member].npts++;
        return;
    }
    int64_t id;
    if (!parse_id(ref, &id)) {
        ly_osm_fault(r, e,
                     ref ? "a node of it is \"%.40s\": expected a node's id%s"
                         : "an <nd> of it has no ref%s: expected a node's id",
                     ref ? ref : "", "");
        return;
    }
    if (!LY_OSM_ROOM(r, refs, n_refs, cap_refs)) return;
    r->refs[r->n_refs++] = id;
    e->nrefs++;
    if (at && ly_osm_add_point(r, x, y)) /* Overpass's `out geom` gives each node's place */
        e->npts++;
}

static void xml_member(ly_osm_reader *r, ly_osm_elem *e, const XML_Char **atts)
{
    const char *type = attr(atts, "type"), *ref = attr(atts, "ref"), *role = attr(atts, "role");
    int64_t id;
    if (!type || !parse_id(ref, &id)) {
        ly_osm_fault(r, e,
                     "a member is type \"%.20s\", ref \"%.40s\": expected a type (node, way or "
                     "relation) and an id",
                     type ? type : "", ref ? ref : "");
        return;
    }
    if (!LY_OSM_ROOM(r, mem, n_mem, cap_mem)) return;
    r->cur_member = (long)r->n_mem;
    r->mem[r->n_mem++] =
        (ly_osm_member){.type = type[0],
                        .ref = id,
                        .role = ly_osm_keep(r, role ? role : "", role ? strlen(role) : 0),
                        .pt0 = (uint32_t)(r->n_pts / 2)};
    e->nrefs++;
}

static void XMLCALL xml_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    ly_osm_reader *r = ud;
    if (r->depth++ == 0) {
        if (strcmp(name, "osm")) {
            ly_diag_add(r->diags, LY_DIAG_ERROR, xml_at(r), -1,
                        "the document is <%.40s>: expected OpenStreetMap's <osm>%s", name,
                        !strcmp(name, "osmChange") ? " (an osmChange file holds edits, not a map)"
                                                   : "");
            XML_StopParser(r->xp, XML_FALSE);
        }
        return;
    }
    ly_osm_elem *e = r->cur >= 0 ? &r->e[r->cur] : NULL;
    if (!strcmp(name, "node") || !strcmp(name, "way") || !strcmp(name, "relation"))
        xml_element(r, name[0], atts);
    else if (!strcmp(name, "tag") && e) {
        const char *k = attr(atts, "k"), *v = attr(atts, "v");
        if (k && v && r->cur_member < 0)
            ly_osm_add_tag(r, e, k, strlen(k), v, strlen(v), xml_at(r));
    } else if (!strcmp(name, "nd") && e && e->type != 'n')
        xml_nd(r, e, atts);
    else if (!strcmp(name, "member") && e && e->type == 'r')
        xml_member(r, e, atts);
    else if (!strcmp(name, "remark"))
        r->in_remark = true;
}

static void XMLCALL xml_end(void *ud, const XML_Char *name)
{
    ly_osm_reader *r = ud;
    r->depth--;
    if (!strcmp(name, "node") || !strcmp(name, "way") || !strcmp(name, "relation")) {
        if (name[0] == 'n' && r->cur >= 0) ly_osm_end_node(r, &r->e[r->cur]);
        r->cur = -1;
    } else if (!strcmp(name, "member"))
        r->cur_member = -1;
    else if (!strcmp(name, "remark") && r->in_remark) {
        r->in_remark = false;
        /* Overpass says here when a query ran out of time or memory: a partial answer */
        if (r->remark.len)
            ly_diag_add(r->diags, LY_DIAG_WARNING, xml_at(r), -1,
                        "the file's remark says \"%.200s\": what it holds may be incomplete",
                        r->remark.p);
    }
}

static void XMLCALL xml_text(void *ud, const XML_Char *s, int n)
{
    ly_osm_reader *r = ud;
    if (!r->in_remark) return;
    size_t from = 0;
    while (!r->remark.len && from < (size_t)n && strchr(" \t\r\n", s[from]))
        from++; /* (the text's leading spaces) */
    if (r->remark.len < 400) ly_buf_putn(&r->remark, s + from, (size_t)n - from);
    while (r->remark.len && strchr(" \t\r\n", r->remark.p[r->remark.len - 1]))
        r->remark.p[--r->remark.len] = '\0';
}

static bool read_xml(ly_osm_reader *r)
{
    r->xp = XML_ParserCreate(r->utf8 ? "UTF-8" : NULL); /* (its own declaration overruled) */
    if (!r->xp) {
        r->nomem = true;
        return false;
    }
    XML_SetUserData(r->xp, r);
    XML_SetElementHandler(r->xp, xml_start, xml_end);
    XML_SetCharacterDataHandler(r->xp, xml_text);
    size_t at = 0;
    enum XML_Status st = XML_STATUS_OK;
    do { /* (expat takes an int's worth at a time) */
        size_t n = r->len - at < (1u << 30) ? r->len - at : (1u << 30);
        st = XML_Parse(r->xp, r->text + at, (int)n, at + n == r->len);
        at += n;
    } while (st == XML_STATUS_OK && at < r->len);
    bool ok = st == XML_STATUS_OK;
    if (!ok && XML_GetErrorCode(r->xp) != XML_ERROR_ABORTED)
        ly_diag_add(r->diags, LY_DIAG_ERROR, xml_at(r), -1,
                    "the XML cannot be read: %s: expected OpenStreetMap's XML",
                    XML_ErrorString(XML_GetErrorCode(r->xp)));
    XML_ParserFree(r->xp);
    r->xp = NULL;
    return ok && !r->nomem;
}

/* ---- the JSON ------------------------------------------------------------------------ */

/* Where each value of the top-level "elements" array starts, in order (n of them); NULL
 * when out of memory or the text has no such array. */
static size_t *element_starts(const char *t, size_t len, size_t *n)
{
    size_t *at = NULL, cap = 0;
    *n = 0;
    int depth = 0, in = 0; /* in: the depth inside "elements", 0 before it */
    bool key_elements = false;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '"') {
            size_t s = ++i;
            for (; i < len && t[i] != '"'; i++)
                i += t[i] == '\\';
            key_elements = depth == 1 && !in && i - s == 8 && !memcmp(t + s, "elements", 8);
        } else if (c == '[' && key_elements && depth == 1) {
            in = ++depth;
        } else if (c == '{' || c == '[') {
            if (in && depth == in) {
                if (*n == cap) {
                    size_t *q = realloc(at, (cap = cap ? cap * 2 : 256) * sizeof *at);
                    if (!q) {
                        free(at);
                        return NULL;
                    }
                    at = q;
                }
                at[(*n)++] = i;
            }
            depth++;
        } else if (c == '}' || c == ']') {
            if (in && depth == in) break; /* the end of "elements" */
            depth--;
        } else if (c != ':' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            key_elements = key_elements && c == ':';
        }
    }
    return at;
}

/* The byte of a tag's key in its element's text (from `at` to `end`), else `at`. */
static size_t json_key_at(const ly_osm_reader *r, size_t at, size_t end, const char *key)
{
    size_t kn = strlen(key);
    if (at >= r->len || end > r->len || strpbrk(key, "\"\\")) return at;
    const char *tags = NULL;
    for (const char *p = r->text + at; p + 6 <= r->text + end && !tags; p++)
        tags = memcmp(p, "\"tags\"", 6) ? NULL : p;
    for (const char *p = tags; p && p + kn + 2 <= r->text + end; p++)
        if (*p == '"' && p[kn + 1] == '"' && !memcmp(p + 1, key, kn)) return (size_t)(p - r->text);
    return at;
}

static bool json_id(const cJSON *v, int64_t *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        fabs(v->valuedouble) > 9007199254740992.0)
        return false;
    *out = (int64_t)v->valuedouble;
    return true;
}

/* `out geom`'s coordinates ({"lat", "lon"} each); false (and none kept) when one is
 * missing: the element's place then comes from its nodes. A null is a point outside the
 * box of `out geom(bbox)`: counted in *clipped. */
static bool json_geometry(ly_osm_reader *r, const cJSON *g, uint32_t *npts, uint32_t *clipped)
{
    size_t from = r->n_pts;
    *npts = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, g)
    {
        if (cJSON_IsNull(p)) {
            for (const cJSON *q = p; q; q = q->next)
                *clipped += cJSON_IsNull(q);
        }
        const cJSON *lat = cJSON_GetObjectItemCaseSensitive(p, "lat");
        const cJSON *lon = cJSON_GetObjectItemCaseSensitive(p, "lon");
        if (!cJSON_IsNumber(lat) || !cJSON_IsNumber(lon) || fabs(lat->valuedouble) > 90 ||
            fabs(lon->valuedouble) > 180 ||
            !ly_osm_add_point(r, lon->valuedouble, lat->valuedouble)) {
            r->n_pts = from;
            *npts = 0;
            return false;
        }
        (*npts)++;
    }
    return true;
}

static void json_members(ly_osm_reader *r, ly_osm_elem *e, const cJSON *members)
{
    const cJSON *m;
    cJSON_ArrayForEach(m, members)
    {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(m, "type");
        const cJSON *role = cJSON_GetObjectItemCaseSensitive(m, "role");
        int64_t id;
        if (!cJSON_IsString(type) || !type->valuestring[0] ||
            !json_id(cJSON_GetObjectItemCaseSensitive(m, "ref"), &id)) {
            ly_osm_fault(r, e,
                         "a member has no type or ref%s%s: expected a type (node, way or relation) "
                         "and an id",
                         "", "");
            return;
        }
        if (!LY_OSM_ROOM(r, mem, n_mem, cap_mem)) return;
        const char *rs = cJSON_IsString(role) ? role->valuestring : "";
        ly_osm_member *mb = &r->mem[r->n_mem++];
        *mb = (ly_osm_member){.type = type->valuestring[0],
                              .ref = id,
                              .role = ly_osm_keep(r, rs, strlen(rs)),
                              .pt0 = (uint32_t)(r->n_pts / 2)};
        json_geometry(r, cJSON_GetObjectItemCaseSensitive(m, "geometry"), &mb->npts,
                      &e->clipped);
        e->nrefs++;
    }
}

static void json_way(ly_osm_reader *r, ly_osm_elem *e, const cJSON *o)
{
    const cJSON *nd;
    cJSON_ArrayForEach(nd, cJSON_GetObjectItemCaseSensitive(o, "nodes"))
    {
        int64_t id;
        if (!json_id(nd, &id)) {
            ly_osm_fault(r, e,
                         "a node of it is not an id%s%s: expected a node's id, a whole number", "",
                         "");
            return;
        }
        if (!LY_OSM_ROOM(r, refs, n_refs, cap_refs)) return;
        r->refs[r->n_refs++] = id;
        e->nrefs++;
    }
    json_geometry(r, cJSON_GetObjectItemCaseSensitive(o, "geometry"), &e->npts, &e->clipped);
}

static void json_element(ly_osm_reader *r, const cJSON *o, size_t at, size_t end)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
    const char *t = cJSON_IsString(type) ? type->valuestring : "";
    if (strcmp(t, "node") && strcmp(t, "way") && strcmp(t, "relation"))
        return; /* Overpass's "area", "count" and others: not a map's */
    ly_osm_elem *e = ly_osm_new_elem(r, t[0], at);
    if (!e) return;
    if (!json_id(cJSON_GetObjectItemCaseSensitive(o, "id"), &e->id)) {
        ly_osm_fault(r, e, "its id is missing or not a whole number%s%s: expected its id", "", "");
        if (e->type == 'n') ly_osm_end_node(r, e);
        return;
    }
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(o, "version");
    char vs[32] = "";
    if (cJSON_IsNumber(ver) && ver->valuedouble >= 1 && ver->valuedouble < 1e15)
        snprintf(vs, sizeof vs, "%.0f", ver->valuedouble);
    ly_osm_version(r, e, vs[0] ? vs : NULL);
    if (e->type == 'n') {
        const cJSON *lat = cJSON_GetObjectItemCaseSensitive(o, "lat");
        const cJSON *lon = cJSON_GetObjectItemCaseSensitive(o, "lon");
        char ys[48] = "", xs[48] = "";
        json_coord_text(lat, ys, sizeof ys);
        json_coord_text(lon, xs, sizeof xs);
        node_position(r, e, lat ? ys : NULL, lon ? xs : NULL);
    } else if (e->type == 'w') {
        json_way(r, e, o);
    } else {
        json_members(r, e, cJSON_GetObjectItemCaseSensitive(o, "members"));
    }
    const cJSON *tg;
    cJSON_ArrayForEach(tg, cJSON_GetObjectItemCaseSensitive(o, "tags"))
    {
        char num[32];
        const char *v = cJSON_IsString(tg) ? tg->valuestring : NULL;
        if (!v && cJSON_IsNumber(tg)) snprintf(num, sizeof num, "%.17g", tg->valuedouble), v = num;
        if (v && tg->string)
            ly_osm_add_tag(r, e, tg->string, strlen(tg->string), v, strlen(v),
                           json_key_at(r, at, end, tg->string));
    }
    if (e->type == 'n') ly_osm_end_node(r, e);
}

static bool read_json(ly_osm_reader *r)
{
    ly_json_error jerr;
    if (ly_json_check(r->text, r->len, 64, &jerr)) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, jerr.offset, -1, "%s", jerr.message);
        r->diags->cut_short = jerr.cut_short; /* (a kiosk waits for it while it is young) */
        return false;
    }
    size_t n = 0;
    size_t *at = element_starts(r->text, r->len, &n);
    cJSON *root = cJSON_ParseWithLength(r->text, r->len);
    if (!root) {
        free(at);
        r->nomem = true;
        return false;
    }
    const cJSON *els = cJSON_GetObjectItemCaseSensitive(root, "elements");
    if (!cJSON_IsArray(els)) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "\"elements\" is not an array: expected OpenStreetMap's elements (nodes, "
                    "ways and relations), as Overpass's `[out:json]` writes them");
        cJSON_Delete(root);
        free(at);
        return false;
    }
    const cJSON *remark = cJSON_GetObjectItemCaseSensitive(root, "remark");
    if (cJSON_IsString(remark) && remark->valuestring[0])
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the file's remark says \"%.200s\": what it holds may be incomplete",
                    remark->valuestring);
    size_t i = 0, count = cJSON_IsArray(els) ? (size_t)cJSON_GetArraySize(els) : 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, els)
    {
        bool known = at && i < n && count == n;
        size_t from = known ? at[i] : SIZE_MAX, to = known && i + 1 < n ? at[i + 1] : r->len;
        if (cJSON_IsObject(o)) json_element(r, o, from, to);
        i++;
    }
    cJSON_Delete(root);
    free(at);
    return !r->nomem;
}

/* ---- the features -------------------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
    const ly_osm_index *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id ? 1 : x->e < y->e ? -1 : x->e > y->e;
}

static int by_place(const void *a, const void *b)
{
    const ly_osm_place *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The places and the ways by id (files are sorted by id, so the places mostly are). */
static bool index_ids(ly_osm_reader *r)
{
    bool sorted = true;
    for (size_t i = 1; i < r->n_places && sorted; i++)
        sorted = r->places[i - 1].id <= r->places[i].id;
    if (!sorted) qsort(r->places, r->n_places, sizeof *r->places, by_place);
    r->ways = malloc((r->n_e ? r->n_e : 1) * sizeof *r->ways);
    if (!r->ways) return false;
    for (size_t i = 0; i < r->n_e; i++)
        if (r->e[i].type == 'w' && !r->e[i].skip)
            r->ways[r->n_ways++] = (ly_osm_index){r->e[i].id, (uint32_t)i};
    qsort(r->ways, r->n_ways, sizeof *r->ways, by_id);
    return true;
}

static const ly_osm_elem *find_way(const ly_osm_reader *r, int64_t id)
{
    size_t lo = 0, hi = r->n_ways;
    while (lo < hi) { /* the last of equal ids */
        size_t mid = lo + (hi - lo) / 2;
        if (r->ways[mid].id <= id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && r->ways[lo - 1].id == id ? &r->e[r->ways[lo - 1].e] : NULL;
}

static const ly_osm_place *find_place(const ly_osm_reader *r, int64_t id)
{
    size_t lo = 0, hi = r->n_places;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->places[mid].id <= id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && r->places[lo - 1].id == id ? &r->places[lo - 1] : NULL;
}

/* A way's coordinates (lon, lat pairs) into *xy (malloc'd, n points): its own where it
 * came with them, else its nodes'. Returns how many of its nodes are not in the file or
 * were refused (then *xy is NULL; the first refused into *refused, when not NULL), or -1
 * when out of memory. */
static long way_coords(const ly_osm_reader *r, const ly_osm_elem *w, double **xy, size_t *n,
                       const ly_osm_place **refused)
{
    *xy = NULL;
    *n = w->npts == w->nrefs || !w->nrefs ? w->npts : w->nrefs;
    if (!*n) return 0;
    double *p = malloc(*n * 2 * sizeof *p);
    if (!p) return -1;
    bool own = w->npts == *n;
    long missing = 0;
    for (size_t i = 0; i < *n; i++) {
        const ly_osm_place *pl = own ? NULL : find_place(r, r->refs[w->ref0 + i]);
        if (pl && isnan(pl->lon) && refused && !*refused) *refused = pl;
        if (own) {
            memcpy(p + 2 * i, &r->pts[2 * ((size_t)w->pt0 + i)], 2 * sizeof *p);
        } else if (pl && !isnan(pl->lon)) {
            p[2 * i] = pl->lon;
            p[2 * i + 1] = pl->lat;
        } else {
            missing++;
        }
    }
    if (missing)
        free(p);
    else
        *xy = p;
    return missing;
}

static const char *tag_of(const ly_osm_reader *r, const ly_osm_elem *e, const char *k)
{
    for (uint32_t i = e->tag0; i < e->tag0 + e->ntags; i++)
        if (!strcmp(r->str + r->tags[i].k, k)) return r->str + r->tags[i].v;
    return NULL;
}

/* Whether a closed way is an area: area=yes, or a tag that maps areas (a building, land
 * use, a park, water, a place); a closed highway or barrier is a line unless area=yes. */
static bool is_area(const ly_osm_reader *r, const ly_osm_elem *w)
{
    const char *area = tag_of(r, w, "area");
    if (area) return strcmp(area, "no") != 0;
    static const char *const KEYS[] = {
        "building", "building:part", "landuse",    "leisure",  "amenity",  "shop",
        "tourism",  "water",         "place",      "man_made", "historic", "aeroway",
        "military", "office",        "healthcare", "parking",  "craft",    "public_transport",
        "waterway"};
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (tag_of(r, w, KEYS[i]))
            return strcmp(KEYS[i], "waterway") || !strcmp(tag_of(r, w, "waterway"), "riverbank") ||
                   !strcmp(tag_of(r, w, "waterway"), "dock");
    const char *natural = tag_of(r, w, "natural");
    static const char *const LINES[] = {"coastline", "cliff",  "ridge", "tree_row",
                                        "arete",     "valley", NULL};
    bool line = false;
    for (size_t i = 0; natural && LINES[i]; i++)
        line = line || !strcmp(natural, LINES[i]);
    return natural && !line;
}

/* A way's or ring's positions; turn > 0 writes a ring counter-clockwise, < 0 clockwise (RFC
 * 7946: outer rings counter-clockwise, holes clockwise; OpenStreetMap keeps no order), 0 as
 * it is (a line). */
static void put_ring(ly_buf *out, const double *xy, size_t n, int turn)
{
    double area = 0;
    for (size_t i = 0, j = n ? n - 1 : 0; turn && i < n; j = i++)
        area += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
    bool reverse = (turn > 0 && area < 0) || (turn < 0 && area > 0);
    ly_buf_put(out, "[");
    for (size_t i = 0; i < n; i++) {
        size_t k = reverse ? n - 1 - i : i;
        if (i) ly_buf_put(out, ",");
        ly_ft_put_position(out, NULL, xy[2 * k], xy[2 * k + 1]);
    }
    ly_buf_put(out, "]");
}

/* A feature's opening: its id and the element's tags as its properties ("kind", which
 * would name one of louyu's own kinds, left out). */
static bool begin_feature(ly_osm_reader *r, const ly_osm_elem *e)
{
    if (!LY_OSM_ROOM(r, starts, n_feat, cap_feat) || !LY_OSM_ROOM(r, of, n_feat, cap_of))
        return false; /* (r->nomem) */
    r->starts[r->n_feat] = r->out.len;
    r->of[r->n_feat++] = (uint32_t)(e - r->e);
    ly_buf_printf(&r->out, "%s{\"type\":\"Feature\",\"id\":\"%s/%lld\",\"properties\":{",
                  r->n_feat > 1 ? "," : "", ly_osm_type_name(e->type), (long long)e->id);
    bool first = true;
    for (uint32_t i = e->tag0; i < e->tag0 + e->ntags; i++) {
        const char *k = r->str + r->tags[i].k, *v = r->str + r->tags[i].v;
        if (!strcmp(k, "kind")) continue;
        ly_buf_put(&r->out, first ? "" : ",");
        ly_ft_put_string(&r->out, k, strlen(k));
        ly_buf_put(&r->out, ":");
        ly_ft_put_string(&r->out, v, strlen(v));
        first = false;
    }
    ly_buf_put(&r->out, "},\"geometry\":");
    return true;
}

static void write_node(ly_osm_reader *r, const ly_osm_elem *e)
{
    if (!begin_feature(r, e)) return;
    ly_buf_put(&r->out, "{\"type\":\"Point\",\"coordinates\":");
    ly_ft_put_position(&r->out, NULL, r->pts[2 * (size_t)e->pt0], r->pts[2 * (size_t)e->pt0 + 1]);
    ly_buf_put(&r->out, "}}\n");
}

/* A short name of what an element maps, for a warning: its first tag ("building=yes"). */
static void what(const ly_osm_reader *r, const ly_osm_elem *e, char *out, size_t n)
{
    const char *skip[] = {"type", "name", "source", "created_by", "note", NULL};
    out[0] = '\0';
    for (uint32_t i = e->tag0; i < e->tag0 + e->ntags && !out[0]; i++) {
        bool s = false;
        for (size_t k = 0; skip[k]; k++)
            s = s || !strcmp(r->str + r->tags[i].k, skip[k]);
        if (!s) snprintf(out, n, " (%.40s=%.40s)", r->str + r->tags[i].k, r->str + r->tags[i].v);
    }
}

static void write_way(ly_osm_reader *r, const ly_osm_elem *e)
{
    double *xy;
    size_t n;
    const ly_osm_place *refused = NULL;
    long missing = way_coords(r, e, &xy, &n, &refused);
    char kind[100];
    if (missing < 0) {
        r->nomem = true;
        return;
    }
    if (missing || n < 2) {
        free(xy); /* (a way of one node has its coordinates) */
        what(r, e, kind, sizeof kind);
        if (refused)
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s: its node %lld is left out (above): so is the way",
                        (long long)e->id, kind, (long long)refused->id);
        else if (missing && e->clipped)
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s: %u of its %zu points %s outside the box of Overpass's `out "
                        "geom(bbox);` (given as null): it is left out (`out geom;` gives them "
                        "all)",
                        (long long)e->id, kind, e->clipped, n, e->clipped == 1 ? "is" : "are");
        else if (missing)
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s: %ld of its %zu nodes %s not in the file: it is left out "
                        "(an export cuts ways at its edge; Overpass gives their nodes with "
                        "`(._;>;); out;`)",
                        (long long)e->id, kind, missing, n, missing == 1 ? "is" : "are");
        else if (n == 0)
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s has no nodes in the file: it is left out (Overpass gives "
                        "them with `out geom;` or `out body; >; out skel qt;`, not with `out "
                        "center;`, `out bb;` or `out tags;`)",
                        (long long)e->id, kind);
        else
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s has 1 node: expected at least 2; it is left out",
                        (long long)e->id, kind);
        return;
    }
    bool ends_meet = n >= 2 && xy[0] == xy[2 * n - 2] && xy[1] == xy[2 * n - 1];
    bool closed = n >= 4 && ends_meet;
    const char *b = tag_of(r, e, "building"), *part = tag_of(r, e, "building:part");
    if (!closed && ((b && strcmp(b, "no")) || (part && strcmp(part, "no")))) {
        what(r, e, kind, sizeof kind); /* a building is an area: as a line it draws nothing */
        if (ends_meet) /* (A, B, A: it ends where it starts, but encloses nothing) */
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s has %zu distinct node%s: it is left out (expected a "
                        "building's outline of at least 3 nodes, its last the first again)",
                        (long long)e->id, kind, n - 1, n == 2 ? "" : "s");
        else
            ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                        "way %lld%s is not closed (its last node is not its first): it is left "
                        "out (expected a building's outline to end where it starts)",
                        (long long)e->id, kind);
        free(xy);
        return;
    }
    if (begin_feature(r, e)) {
        bool area = closed && is_area(r, e);
        ly_buf_printf(&r->out,
                      "{\"type\":\"%s\",\"coordinates\":", area ? "Polygon" : "LineString");
        if (area) ly_buf_put(&r->out, "[");
        put_ring(&r->out, xy, n, area ? 1 : 0);
        ly_buf_put(&r->out, area ? "]}}\n" : "}}\n");
    }
    free(xy);
}

/* ---- multipolygons ------------------------------------------------------------------- */

typedef struct {
    double *xy; /* malloc'd */
    size_t n;
    bool inner, used;
    bool unsure; /* a member with an empty role: outer, or inner by where it lies */
} piece;

typedef struct {
    double *xy;
    size_t n, cap;
    bool inner, unsure;
    double box[4]; /* west, south, east, north: set once the ring is joined */
} ring;

static bool same(const double *a, const double *b)
{
    return a[0] == b[0] && a[1] == b[1];
}

/* The member ways of relation e as pieces of its rings (outer, or inner); the number of
 * its ways missing from the file into *missing. */
static piece *relation_pieces(ly_osm_reader *r, const ly_osm_elem *e, size_t *np, size_t *missing)
{
    piece *p = calloc(e->nrefs ? e->nrefs : 1, sizeof *p);
    *np = *missing = 0;
    for (uint32_t i = 0; p && i < e->nrefs; i++) {
        const ly_osm_member *m = &r->mem[e->ref0 + i];
        const char *role = r->str + m->role;
        if (m->type != 'w' || (strcmp(role, "outer") && strcmp(role, "inner") && role[0]))
            continue; /* a label node, a subarea: not an outline */
        piece *q = &p[*np];
        const ly_osm_elem *w = m->npts >= 2 ? NULL : find_way(r, m->ref);
        if (m->npts >= 2 && (q->xy = malloc(2 * m->npts * sizeof *q->xy))) {
            memcpy(q->xy, &r->pts[2 * (size_t)m->pt0], 2 * m->npts * sizeof *q->xy);
            q->n = m->npts;
        } else if (!w || way_coords(r, w, &q->xy, &q->n, NULL) != 0 || q->n < 2) {
            free(q->xy);
            q->xy = NULL;
            (*missing)++;
            continue;
        }
        q->inner = !strcmp(role, "inner");
        q->unsure = !role[0];
        (*np)++;
    }
    return p;
}

static bool ring_add(ring *g, const double *xy, size_t n, bool backwards)
{
    if (g->n + n > g->cap) {
        size_t c = (g->n + n) * 2;
        double *q = realloc(g->xy, c * 2 * sizeof *q);
        if (!q) return false;
        g->xy = q;
        g->cap = c;
    }
    for (size_t i = 0; i < n; i++)
        memcpy(g->xy + 2 * (g->n + i), xy + 2 * (backwards ? n - 1 - i : i), 2 * sizeof *xy);
    g->n += n;
    return true;
}

/* A piece's first or last point, for finding the piece that goes on from a ring's end. */
typedef struct {
    double x, y;
    uint32_t piece;
    bool last;
} piece_end;

static int by_end(const void *a, const void *b)
{
    const piece_end *u = a, *v = b;
    return u->x < v->x ? -1 : u->x > v->x ? 1 : u->y < v->y ? -1 : u->y > v->y;
}

/* The unused piece of the same kind (outer, inner) with an end at q, from the sorted ends
 * (n of them); *fwd when its first point is there. np when there is none. */
static size_t next_piece(const piece_end *ends, size_t n, const piece *p, size_t np,
                         const double *q, bool inner, bool *fwd)
{
    piece_end key = {.x = q[0], .y = q[1]};
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first end not below q */
        size_t mid = lo + (hi - lo) / 2;
        if (by_end(&ends[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && !by_end(&ends[lo], &key); lo++) {
        const piece *c = &p[ends[lo].piece];
        if (!c->used && c->inner == inner) {
            *fwd = !ends[lo].last;
            return ends[lo].piece;
        }
    }
    return np;
}

static void free_rings(ring *g, size_t ng)
{
    for (size_t i = 0; g && i < ng; i++)
        free(g[i].xy);
    free(g);
}

/* Joins the pieces into closed rings, end to end (a way turned round where it runs the
 * other way), each next piece found among the pieces' ends sorted by place (a coastline's
 * thousands of ways join in n log n). Returns the rings (*ng), or NULL with *ng 0 when a
 * ring does not close. */
static ring *join_rings(piece *p, size_t np, size_t *ng)
{
    ring *g = calloc(np ? np : 1, sizeof *g);
    piece_end *ends = malloc((np ? np : 1) * 2 * sizeof *ends);
    *ng = 0;
    for (size_t k = 0; ends && k < np; k++) {
        ends[2 * k] = (piece_end){p[k].xy[0], p[k].xy[1], (uint32_t)k, false};
        ends[2 * k + 1] = (piece_end){p[k].xy[2 * (p[k].n - 1)], p[k].xy[2 * (p[k].n - 1) + 1],
                                      (uint32_t)k, true};
    }
    if (ends) qsort(ends, 2 * np, sizeof *ends, by_end);
    bool ok = g && ends;
    for (size_t s = 0; ok && s < np; s++) {
        if (p[s].used) continue;
        ring *cur = &g[(*ng)++];
        cur->inner = p[s].inner;
        cur->unsure = p[s].unsure;
        p[s].used = true;
        ok = ring_add(cur, p[s].xy, p[s].n, false);
        while (ok && !(cur->n >= 4 && same(cur->xy, cur->xy + 2 * (cur->n - 1)))) {
            bool fwd = false;
            size_t k =
                next_piece(ends, 2 * np, p, np, cur->xy + 2 * (cur->n - 1), cur->inner, &fwd);
            if (k == np) {
                ok = false;
                break;
            }
            p[k].used = true;
            /* the shared node once: skip the piece's first point (or last, turned round) */
            ok = fwd ? ring_add(cur, p[k].xy + 2, p[k].n - 1, false)
                     : ring_add(cur, p[k].xy, p[k].n - 1, true);
        }
    }
    free(ends);
    if (!ok) {
        free_rings(g, *ng);
        *ng = 0;
        return NULL;
    }
    for (size_t i = 0; i < *ng; i++) {
        double *b = g[i].box;
        b[0] = b[2] = g[i].xy[0];
        b[1] = b[3] = g[i].xy[1];
        for (size_t k = 1; k < g[i].n; k++) {
            const double *q = g[i].xy + 2 * k;
            b[0] = fmin(b[0], q[0]), b[1] = fmin(b[1], q[1]);
            b[2] = fmax(b[2], q[0]), b[3] = fmax(b[3], q[1]);
        }
    }
    return g;
}

/* Whether point q is inside ring g's bounding box (kept with the ring). */
static bool in_box(const ring *g, const double *q)
{
    return q[0] >= g->box[0] && q[1] >= g->box[1] && q[0] <= g->box[2] && q[1] <= g->box[3];
}

/* Whether point q is inside ring g (even-odd). */
static bool inside(const ring *g, const double *q)
{
    bool in = false;
    for (size_t i = 0, j = g->n - 1; i < g->n; j = i++) {
        const double *a = g->xy + 2 * i, *b = g->xy + 2 * j;
        if ((a[1] > q[1]) != (b[1] > q[1]) &&
            q[0] < (b[0] - a[0]) * (q[1] - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

/* Whether ring h lies inside ring g: its first corner that is not also one of g's (a
 * courtyard may touch its outline at a shared node, on g's edge and so neither in nor
 * out), else the middle of its first side. */
static bool ring_inside(const ring *g, const ring *h)
{
    for (size_t k = 0; k < h->n; k++) {
        const double *q = h->xy + 2 * k;
        bool shared = false;
        for (size_t i = 0; i < g->n && !shared; i++)
            shared = same(q, g->xy + 2 * i);
        if (!shared)
            return in_box(g, q) && inside(g, q);
    }
    if (h->n < 2)
        return false;
    double m[2] = {0.5 * (h->xy[0] + h->xy[2]), 0.5 * (h->xy[1] + h->xy[3])};
    return in_box(g, m) && inside(g, m);
}

/* The rings as a MultiPolygon: each outer ring with the inner rings inside it. */
static void put_multipolygon(ly_osm_reader *r, const ring *g, size_t ng)
{
    ly_buf_put(&r->out, "{\"type\":\"MultiPolygon\",\"coordinates\":[");
    bool first = true;
    for (size_t o = 0; o < ng; o++) {
        if (g[o].inner) continue;
        ly_buf_put(&r->out, first ? "[" : ",[");
        first = false;
        put_ring(&r->out, g[o].xy, g[o].n, 1);
        for (size_t i = 0; i < ng; i++)
            if (g[i].inner && ring_inside(&g[o], &g[i])) {
                ly_buf_put(&r->out, ",");
                put_ring(&r->out, g[i].xy, g[i].n, -1);
            }
        ly_buf_put(&r->out, "]");
    }
    ly_buf_put(&r->out, "]}}\n");
}

/* A multipolygon relation with tags of its own (one with only its type is an old
 * multipolygon whose outer way carries the tags, and is written as that way). */
static void write_relation(ly_osm_reader *r, const ly_osm_elem *e)
{
    const char *type = tag_of(r, e, "type");
    if (!type || strcmp(type, "multipolygon") || e->ntags < 2) return;
    size_t np, missing, ng = 0;
    piece *p = relation_pieces(r, e, &np, &missing);
    ring *g = p && !missing ? join_rings(p, np, &ng) : NULL;
    /* a ring whose ways have no role is a hole where it lies inside another outer ring
     * (as GDAL reads it), else an outer ring */
    for (size_t i = 0; i < ng; i++)
        for (size_t o = 0; g[i].unsure && o < ng && !g[i].inner; o++)
            g[i].inner = o != i && !g[o].inner && !g[o].unsure && ring_inside(&g[o], &g[i]);
    for (size_t i = 0; i < ng; i++)
        for (size_t o = 0; g[i].unsure && o < ng && !g[i].inner; o++)
            g[i].inner = o != i && !g[o].inner && ring_inside(&g[o], &g[i]);
    size_t outer = 0;
    for (size_t i = 0; i < ng; i++)
        outer += !g[i].inner;
    char kind[100];
    what(r, e, kind, sizeof kind);
    if (!p)
        r->nomem = true;
    else if (missing)
        ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                    "relation %lld%s: %zu of its %u ways %s not in the file: it is left out "
                    "%s",
                    (long long)e->id, kind, missing, (unsigned)(np + missing),
                    missing == 1 ? "is" : "are",
                    e->clipped ? "(some of its points are outside the box of Overpass's `out "
                                 "geom(bbox);`, given as null; `out geom;` gives them all)"
                               : "(an export cuts a relation at its edge)");
    else if (!outer)
        ly_diag_add(r->diags, LY_DIAG_WARNING, e->at, -1,
                    "relation %lld%s: its ways do not join into closed outer rings: expected "
                    "a multipolygon's outline; it is left out",
                    (long long)e->id, kind);
    else if (begin_feature(r, e))
        put_multipolygon(r, g, ng);
    for (size_t i = 0; i < ng; i++)
        free(g[i].xy);
    for (size_t i = 0; p && i < np; i++)
        free(p[i].xy);
    free(g);
    free(p);
}

/* Every tagged element as a Feature, in the file's order. */
static bool write_features(ly_osm_reader *r)
{
    ly_buf_put(&r->out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (size_t i = 0; i < r->n_e && !r->nomem && !r->out.failed; i++) {
        const ly_osm_elem *e = &r->e[i];
        if (e->skip || !e->ntags) continue;
        if (e->type == 'n' && e->npts == 1)
            write_node(r, e);
        else if (e->type == 'w')
            write_way(r, e);
        else if (e->type == 'r')
            write_relation(r, e);
    }
    ly_buf_put(&r->out, "]}\n");
    if (!r->n_feat && !r->nomem) {
        size_t n[3] = {r->n_places, 0, 0}; /* (every node has a place; few an element) */
        for (size_t i = 0; i < r->n_e; i++)
            n[1] += r->e[i].type == 'w', n[2] += r->e[i].type == 'r';
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "none of the file's %zu node%s, %zu way%s and %zu relation%s maps a thing "
                    "louyu draws: expected OpenStreetMap's buildings, streets, parks or places "
                    "(elements with their tags; Overpass gives them with `out body;` or `out "
                    "geom;`, not `out ids;` or `out skel;`)",
                    n[0], n[0] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[2],
                    n[2] == 1 ? "" : "s");
    }
    if (r->out.failed) r->nomem = true;
    return !r->nomem;
}

/* ---- the loader's messages, at their elements ----------------------------------------- */

/* Feature k named as the messages name an element. */
static void element_name(void *ctx, size_t k, char *buf, size_t n)
{
    const ly_osm_reader *r = ctx;
    const ly_osm_elem *e = &r->e[r->of[k]];
    snprintf(buf, n, "%s %lld", ly_osm_type_name(e->type), (long long)e->id);
}

/* The loader's message about feature k moved to its element and tag: "way 12, tag height:
 * ..." at the tag's line (the element's for one about its geometry). */
static void move_diag(void *ctx, ly_diag *d)
{
    ly_osm_reader *r = ctx;
    size_t k;
    int place;
    char key[200] = "", where[300];
    if (!ly_ft_feature_of(d, &r->out, r->starts, r->n_feat, &k, &place, key, sizeof key)) return;
    const ly_osm_elem *e = &r->e[r->of[k]];
    size_t at = e->at;
    for (uint32_t i = e->tag0; place > 0 && i < e->tag0 + e->ntags; i++)
        if (!strcmp(r->str + r->tags[i].k, key)) at = r->tags[i].at;
    snprintf(where, sizeof where, "%s %lld%s%s", ly_osm_type_name(e->type), (long long)e->id,
             place > 0 ? ", tag " : "", place > 0 ? key : "");
    ly_ft_place(d, where, "", 0, 0);
    /* the loader names the feature by its id ("way/12"), which `where` says already */
    char id[400];
    int n = snprintf(id, sizeof id, "%s: \"%s/%lld\": ", where, ly_osm_type_name(e->type),
                     (long long)e->id);
    size_t w = strlen(where) + 2;
    if (n > 0 && (size_t)n < sizeof id && !strncmp(d->message, id, (size_t)n))
        memmove(d->message + w, d->message + n, strlen(d->message + n) + 1);
    ly_ft_name_other(d, r->n_feat, element_name, r);
    d->offset = at;
}

static void reader_free(ly_osm_reader *r)
{
    free(r->e);
    free(r->tags);
    free(r->str);
    free(r->refs);
    free(r->mem);
    free(r->pts);
    free(r->places);
    free(r->ways);
    free(r->starts);
    free(r->of);
    ly_buf_free(&r->out);
    ly_buf_free(&r->remark);
}

/* Whether the text is UTF-16 (its byte-order mark) with "<osm" near its start. */
static bool utf16_osm(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    if (len < 4 || !((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return false;
    int lo = u[0] == 0xFF ? 0 : 1; /* where each ASCII character's byte is */
    for (size_t i = 2; i + 8 <= len && i < 2048; i += 2)
        if (u[i + lo] == '<' && u[i + 2 + lo] == 'o' && u[i + 4 + lo] == 's' &&
            u[i + 6 + lo] == 'm' && !u[i + 1 - lo] && !u[i + 3 - lo])
            return true;
    return false;
}

/* The encoding an XML text is in when it is not UTF-8, as iconv names it, into enc:
 * UTF-16 by its byte-order mark, else its declaration's (<?xml ... encoding="GBK"?>);
 * false for UTF-8 (or US-ASCII, its subset). */
static bool xml_encoding(const char *text, size_t len, char *enc, size_t n)
{
    if (utf16_osm(text, len)) {
        snprintf(enc, n, "UTF-16");
        return true;
    }
    size_t at = ly_json_bom(text, len);
    if (len - at < 5 || memcmp(text + at, "<?xml", 5))
        return false;
    const char *end = memchr(text + at, '>', len - at < 256 ? len - at : 256), *e = NULL;
    for (const char *p = text + at; end && !e && p + 8 <= end; p++)
        e = memcmp(p, "encoding", 8) ? NULL : p;
    if (!e)
        return false;
    e += 8;
    while (e < end && (*e == ' ' || *e == '='))
        e++;
    if (e >= end || (*e != '"' && *e != '\''))
        return false;
    char q = *e++;
    const char *close = memchr(e, q, (size_t)(end - e));
    size_t k = close ? (size_t)(close - e) : 0;
    if (!k || k >= n)
        return false;
    memcpy(enc, e, k);
    enc[k] = '\0';
    return strcasecmp(enc, "UTF-8") && strcasecmp(enc, "UTF8") && strcasecmp(enc, "US-ASCII") &&
           strcasecmp(enc, "ASCII");
}

/* The first `what` (n bytes) in text[0, len), or NULL. */
static const char *find_bytes(const char *text, size_t len, const char *what, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (text[i] == what[0] && !memcmp(text + i, what, n))
            return text + i;
    return NULL;
}

/* Where an XML file's root element starts: past the declaration, processing
 * instructions, comments (a licence's notice may be long) and a DOCTYPE with its internal
 * subset; len when it is not there within the first megabyte. */
static size_t xml_root(const char *text, size_t len, size_t at)
{
    size_t cap = len < ((size_t)1 << 20) ? len : (size_t)1 << 20;
    while (at < cap) {
        if (strchr(" \t\r\n", text[at])) {
            at++;
            continue;
        }
        if (text[at] != '<' || at + 1 >= cap)
            return len;
        const char *close;
        size_t past; /* the closing mark's length */
        if (text[at + 1] == '?') {
            close = find_bytes(text + at, cap - at, "?>", 2), past = 2;
        } else if (at + 4 <= cap && !memcmp(text + at, "<!--", 4)) {
            close = find_bytes(text + at + 4, cap - at - 4, "-->", 3), past = 3;
        } else if (text[at + 1] == '!') { /* a DOCTYPE: its "[...]" subset may hold '>' */
            size_t i = at + 2;
            int depth = 0;
            for (; i < cap && (depth || text[i] != '>'); i++)
                depth += text[i] == '[' ? 1 : text[i] == ']' ? -1 : 0;
            close = i < cap ? text + i : NULL, past = 1;
        } else {
            return at;
        }
        if (!close)
            return len;
        at = (size_t)(close - text) + past;
    }
    return len;
}

ly_osm_form ly_osm_is(const char *text, size_t len)
{
    if (ly_osm_is_pbf(text, len)) return LY_OSM_PBF;
    if (utf16_osm(text, len)) return LY_OSM_XML;
    size_t at = ly_json_bom(text, len);
    while (at < len && strchr(" \t\r\n", text[at]))
        at++;
    if (at < len && text[at] == '<') {
        size_t root = xml_root(text, len, at);
        return root + 4 <= len && !memcmp(text + root, "<osm", 4) ? LY_OSM_XML : LY_OSM_NONE;
    }
    if (at >= len || text[at] != '{') return LY_OSM_NONE;
    /* JSON whose top-level keys reach "elements" before "type" or "features" */
    int depth = 0;
    for (size_t i = at; i < len; i++) {
        char c = text[i];
        if (c == '"') {
            size_t s = ++i;
            for (; i < len && text[i] != '"'; i++)
                i += text[i] == '\\';
            size_t n = i - s;
            if (depth == 1 && ((n == 4 && !memcmp(text + s, "type", 4)) ||
                               (n == 8 && !memcmp(text + s, "features", 8))))
                return LY_OSM_NONE;
            if (depth == 1 && n == 8 && !memcmp(text + s, "elements", 8)) return LY_OSM_JSON;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return LY_OSM_NONE;
}

ly_load_result ly_osm_load(ly_district *out, const char *text, size_t len, const char *name,
                           const ly_load_desc *desc, ly_diag_list *diags)
{
    return ly_osm_load_text(out, text, len, name, desc, diags, NULL, NULL);
}

ly_load_result ly_osm_load_text(ly_district *out, const char *text, size_t len, const char *name,
                                const ly_load_desc *desc, ly_diag_list *diags, char **geojson,
                                size_t *geojson_len)
{
    memset(out, 0, sizeof *out);
    ly_osm_form form = ly_osm_is(text, len);
    if (form == LY_OSM_NONE) return LY_LOAD_DATA;
    /* XML in another encoding (UTF-16, or a GBK that a Chinese editor saved it in): read
     * as the UTF-8 it stands for, positions in that text (lines are the file's, columns
     * count characters) */
    char enc[64], *utf8 = NULL;
    size_t utf8_len = 0;
    if (form == LY_OSM_XML && xml_encoding(text, len, enc, sizeof enc)) {
        if (ly_iconv_to_utf8(enc, text, len, &utf8, &utf8_len)) {
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "the file is XML in %s (its %s), which cannot be decoded as that: "
                        "expected OpenStreetMap's XML in UTF-8, or in the encoding it declares",
                        enc, !strcmp(enc, "UTF-16") && utf16_osm(text, len)
                                 ? "byte-order mark says so"
                                 : "declaration says so");
            return LY_LOAD_DATA;
        }
        text = utf8;
        len = utf8_len;
    }
    ly_osm_reader r = {.text = text,
                       .len = len,
                       .name = name,
                       .diags = diags,
                       .cur = -1,
                       .last = -1,
                       .cur_member = -1,
                       .skip_bad = desc && desc->skip_bad, .utf8 = utf8 != NULL};
    size_t errors = diags->errors, from = diags->count;
    size_t at = form == LY_OSM_PBF ? 0 : ly_json_bom(text, len);
    r.text += at; /* (positions are the file's: moved back below) */
    r.len -= at;
    bool read = form == LY_OSM_JSON  ? read_json(&r)
                : form == LY_OSM_XML ? read_xml(&r)
                                     : ly_osm_read_pbf(&r);
    if (r.older)
        ly_diag_add(diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the file holds the map's history: %zu element%s later versions in it; "
                    "each element is drawn as its latest version (as the map is now)",
                    r.older, r.older == 1 ? " has" : "s have");
    bool ok = read && !(r.bad && !r.skip_bad) && index_ids(&r) && write_features(&r);
    /* the messages need the elements and tags only: the rest goes before the load */
    free(r.places), free(r.refs), free(r.mem), free(r.pts), free(r.ways);
    r.places = NULL, r.refs = NULL, r.mem = NULL, r.pts = NULL, r.ways = NULL;
    for (size_t i = from; i < diags->count; i++)
        if (diags->items[i].offset != SIZE_MAX) diags->items[i].offset += at;
    for (size_t i = 0; i < r.n_e; i++)
        r.e[i].at += r.e[i].at != SIZE_MAX ? at : 0;
    for (size_t i = 0; i < r.n_tags; i++)
        r.tags[i].at += r.tags[i].at != SIZE_MAX ? at : 0;
    if (r.nomem) r.out.failed = true;
    ly_load_result res =
        ly_ft_load(out, &r.out, name, desc, diags, errors, ok && (!r.bad || r.skip_bad), r.bad,
                   move_diag, &r, geojson, geojson_len);
    ly_diag_resolve_lines(diags, text, len);
    reader_free(&r);
    free(utf8);
    return res;
}
