/* The district as binary glTF 2.0 (see export.h). The JSON goes through cJSON; the
 * binary chunk is built in one ly_buf: per chunk of the city its vertices
 * (interleaved: position, normal, feature id; 28 bytes) and its indices, then the
 * ground's layers, then the property table's columns, each column 8-byte aligned as
 * EXT_structural_metadata asks. */
#include "louyu/export.h"
#include "louyu/palette.h"
#include "louyu/proj.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    GL_FLOAT_ = 5126,
    GL_UNSIGNED_INT_ = 5125,
    GL_ARRAY_BUFFER_ = 34962,
    GL_ELEMENT_ARRAY_BUFFER_ = 34963,
    VERTEX_BYTES = 28,
    MATERIALS = 3 /* walls, roofs, building sites */
};

typedef struct {
    float pos[3], normal[3], feature;
} gvertex; /* VERTEX_BYTES */

/* What is being written: the binary chunk and the JSON's arrays. */
typedef struct {
    ly_buf bin;
    cJSON *root, *views, *accessors, *meshes, *nodes, *materials;
    int ground_material[LY_GROUND_LAYERS];
} glb;

static void pad(ly_buf *b, size_t align, char byte)
{
    while (b->len % align)
        ly_buf_putn(b, &byte, 1);
}

/* A buffer view of the bytes appended since `start` (target 0: none). */
static int add_view(glb *g, size_t start, size_t stride, int target)
{
    cJSON *v = cJSON_CreateObject();
    cJSON_AddNumberToObject(v, "buffer", 0);
    cJSON_AddNumberToObject(v, "byteOffset", (double)start);
    cJSON_AddNumberToObject(v, "byteLength", (double)(g->bin.len - start));
    if (stride)
        cJSON_AddNumberToObject(v, "byteStride", (double)stride);
    if (target)
        cJSON_AddNumberToObject(v, "target", target);
    cJSON_AddItemToArray(g->views, v);
    return cJSON_GetArraySize(g->views) - 1;
}

static int add_accessor(glb *g, int view, size_t offset, int component, size_t count,
                        const char *type, const float *mn, const float *mx)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "bufferView", view);
    if (offset)
        cJSON_AddNumberToObject(a, "byteOffset", (double)offset);
    cJSON_AddNumberToObject(a, "componentType", component);
    cJSON_AddNumberToObject(a, "count", (double)count);
    cJSON_AddStringToObject(a, "type", type);
    if (mn && mx) {
        cJSON_AddItemToObject(a, "min", cJSON_CreateFloatArray(mn, 3));
        cJSON_AddItemToObject(a, "max", cJSON_CreateFloatArray(mx, 3));
    }
    cJSON_AddItemToArray(g->accessors, a);
    return cJSON_GetArraySize(g->accessors) - 1;
}

/* An sRGB colour (as the viewer's shaders take it) in the linear space of glTF's
 * baseColorFactor, so that a glTF viewer shows the same colour. */
static double linear(float c)
{
    return c <= 0.04045f ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static int add_material(glb *g, const char *name, const float rgb[3], float alpha)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "name", name);
    cJSON *pbr = cJSON_AddObjectToObject(m, "pbrMetallicRoughness");
    double c[4] = {linear(rgb[0]), linear(rgb[1]), linear(rgb[2]), alpha};
    cJSON_AddItemToObject(pbr, "baseColorFactor", cJSON_CreateDoubleArray(c, 4));
    cJSON_AddNumberToObject(pbr, "metallicFactor", 0);
    cJSON_AddNumberToObject(pbr, "roughnessFactor", 0.9);
    if (alpha < 1)
        cJSON_AddStringToObject(m, "alphaMode", "BLEND");
    cJSON_AddItemToArray(g->materials, m);
    return cJSON_GetArraySize(g->materials) - 1;
}

/* louyu's metres (east, north, up) as glTF's (X east, Y up, Z south). */
static void to_gltf(const float v[3], float out[3])
{
    out[0] = v[0];
    out[1] = v[2];
    out[2] = -v[1];
}

/* ---- the buildings -------------------------------------------------------------------- */

/* One chunk's exported buildings: their triangles by material, their vertices once. */
typedef struct {
    uint32_t *remap;   /* chunk vertex -> exported vertex (UINT32_MAX: not yet) */
    gvertex *verts;
    size_t n_verts;
    uint32_t *idx[MATERIALS];
    size_t n_idx[MATERIALS];
} chunk_out;

/* Chunk vertex i as an exported vertex with the normal of vertex `flat`, the triangle's
 * last: in louyu's meshes a triangle's flat values are its last vertex's (GL's provoking
 * vertex), and walls share their corners with the walls beside them. A vertex is exported
 * once with its own normal, and again for each triangle that gives it another. */
static int chunk_vertex(chunk_out *o, const ly_vertex *v, uint32_t i, uint32_t flat, float feature)
{
    bool own = !memcmp(v[i].normal, v[flat].normal, sizeof v[i].normal);
    if (own && o->remap[i] != UINT32_MAX)
        return (int)o->remap[i];
    gvertex *g = &o->verts[o->n_verts];
    to_gltf(v[i].pos, g->pos);
    float n[3] = {v[flat].normal[0] / 127.0f, v[flat].normal[1] / 127.0f,
                  v[flat].normal[2] / 127.0f};
    to_gltf(n, g->normal);
    double len = sqrt((double)g->normal[0] * g->normal[0] + (double)g->normal[1] * g->normal[1] +
                      (double)g->normal[2] * g->normal[2]);
    for (int k = 0; k < 3; k++)
        g->normal[k] = len > 0 ? (float)(g->normal[k] / len) : (k == 1);
    g->feature = feature;
    if (own)
        o->remap[i] = (uint32_t)o->n_verts;
    return (int)o->n_verts++;
}

/* The triangles of building b (its row `row`) into o, by material. */
static void gather(chunk_out *o, const ly_district *d, const ly_mesh *m, size_t b, size_t row)
{
    const ly_mesh_building *mb = &m->buildings[b];
    const ly_mesh_chunk *c = &m->chunks[mb->chunk];
    bool site = d->buildings[b].status == LY_STATUS_UNDER_CONSTRUCTION;
    for (uint32_t t = 0; t + 2 < mb->n_indices; t += 3) {
        const uint32_t *tri = c->indices + mb->first_index + t;
        int mat = site ? 2 : c->vertices[tri[2]].surface == LY_SURF_ROOF ? 1 : 0;
        for (int k = 0; k < 3; k++)
            o->idx[mat][o->n_idx[mat]++] =
                (uint32_t)chunk_vertex(o, c->vertices, tri[k], tri[2], (float)row);
    }
}

/* Appends one chunk's vertices and indices, and its mesh with a primitive per material. */
static void write_chunk(glb *g, const chunk_out *o, size_t chunk, const int mats[MATERIALS],
                        size_t rows)
{
    float mn[3] = {INFINITY, INFINITY, INFINITY}, mx[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < o->n_verts; i++)
        for (int k = 0; k < 3; k++) {
            mn[k] = fminf(mn[k], o->verts[i].pos[k]);
            mx[k] = fmaxf(mx[k], o->verts[i].pos[k]);
        }
    size_t start = g->bin.len;
    ly_buf_putn(&g->bin, (const char *)o->verts, o->n_verts * sizeof *o->verts);
    int vv = add_view(g, start, VERTEX_BYTES, GL_ARRAY_BUFFER_);
    int pos = add_accessor(g, vv, 0, GL_FLOAT_, o->n_verts, "VEC3", mn, mx);
    int nrm = add_accessor(g, vv, 12, GL_FLOAT_, o->n_verts, "VEC3", NULL, NULL);
    int fid = add_accessor(g, vv, 24, GL_FLOAT_, o->n_verts, "SCALAR", NULL, NULL);
    start = g->bin.len;
    for (int k = 0; k < MATERIALS; k++)
        ly_buf_putn(&g->bin, (const char *)o->idx[k], o->n_idx[k] * sizeof(uint32_t));
    int iv = add_view(g, start, 0, GL_ELEMENT_ARRAY_BUFFER_);
    cJSON *mesh = cJSON_CreateObject();
    char name[48];
    snprintf(name, sizeof name, "buildings %zu", chunk);
    cJSON_AddStringToObject(mesh, "name", name);
    cJSON *prims = cJSON_AddArrayToObject(mesh, "primitives");
    size_t off = 0;
    for (int k = 0; k < MATERIALS; k++) {
        if (!o->n_idx[k])
            continue;
        cJSON *p = cJSON_CreateObject();
        cJSON *at = cJSON_AddObjectToObject(p, "attributes");
        cJSON_AddNumberToObject(at, "POSITION", pos);
        cJSON_AddNumberToObject(at, "NORMAL", nrm);
        cJSON_AddNumberToObject(at, "_FEATURE_ID_0", fid);
        cJSON_AddNumberToObject(p, "indices",
                                add_accessor(g, iv, off, GL_UNSIGNED_INT_, o->n_idx[k], "SCALAR",
                                             NULL, NULL));
        cJSON_AddNumberToObject(p, "material", mats[k]);
        cJSON *fe = cJSON_AddObjectToObject(cJSON_AddObjectToObject(p, "extensions"),
                                            "EXT_mesh_features");
        cJSON *ids = cJSON_AddArrayToObject(fe, "featureIds");
        cJSON *id = cJSON_CreateObject();
        cJSON_AddNumberToObject(id, "featureCount", (double)rows);
        cJSON_AddNumberToObject(id, "attribute", 0);
        cJSON_AddNumberToObject(id, "propertyTable", 0);
        cJSON_AddItemToArray(ids, id);
        cJSON_AddItemToArray(prims, p);
        off += o->n_idx[k] * sizeof(uint32_t);
    }
    cJSON_AddItemToArray(g->meshes, mesh);
    cJSON *node = cJSON_CreateObject();
    cJSON_AddStringToObject(node, "name", name);
    cJSON_AddNumberToObject(node, "mesh", cJSON_GetArraySize(g->meshes) - 1);
    cJSON_AddItemToArray(g->nodes, node);
}

static void chunk_out_free(chunk_out *o)
{
    free(o->remap);
    free(o->verts);
    for (int k = 0; k < MATERIALS; k++)
        free(o->idx[k]);
}

/* Every chunk with exported buildings: its mesh and node. rows[i] is building i's row
 * (or -1: not exported); order[] the exported buildings, chunk by chunk. Returns 0 or
 * -1 (out of memory). */
static int write_buildings(glb *g, const ly_district *d, const ly_mesh *m, const long *order,
                           size_t n, const long *rows)
{
    int mats[MATERIALS] = {add_material(g, "walls", ly_palette_wall, 1), 0,
                           add_material(g, "building sites", ly_palette_site, ly_palette_site[3])};
    float roof[3];
    for (int k = 0; k < 3; k++)
        roof[k] = ly_palette_wall[k] * ly_palette_roof_tint[k];
    mats[1] = add_material(g, "roofs", roof, 1);
    for (size_t i = 0; i < n;) {
        uint32_t chunk = m->buildings[order[i]].chunk;
        const ly_mesh_chunk *c = &m->chunks[chunk];
        size_t j = i, n_idx = 0;
        for (; j < n && m->buildings[order[j]].chunk == chunk; j++)
            n_idx += m->buildings[order[j]].n_indices;
        chunk_out o = {.remap = malloc((c->n_vertices + 1) * sizeof(uint32_t)),
                       .verts = malloc((n_idx + 1) * sizeof(gvertex))};
        bool ok = o.remap && o.verts;
        for (int k = 0; k < MATERIALS && ok; k++)
            ok = (o.idx[k] = malloc((n_idx + 1) * sizeof(uint32_t))) != NULL;
        if (!ok) {
            chunk_out_free(&o);
            return -1;
        }
        memset(o.remap, 0xFF, c->n_vertices * sizeof(uint32_t));
        for (size_t k = i; k < j; k++)
            gather(&o, d, m, (size_t)order[k], (size_t)rows[order[k]]);
        if (o.n_verts)
            write_chunk(g, &o, chunk, mats, n);
        chunk_out_free(&o);
        i = j;
    }
    return 0;
}

/* ---- the ground ----------------------------------------------------------------------- */

/* Each layer drawn over the one before is lifted this much more (metres): other
 * viewers draw with depth, and flat layers at one height would fight. */
#define GROUND_STEP_M 0.05f

/* One ground layer as a primitive of `mesh`: its own vertices at its height. */
static int ground_layer(glb *g, const ly_ground *gr, int layer, float y, cJSON *prims)
{
    size_t first = gr->first[layer], count = gr->count[layer];
    uint32_t *remap = malloc(((size_t)gr->n_vertices + 1) * sizeof *remap);
    float(*v)[6] = malloc((count + 1) * sizeof *v);
    uint32_t *idx = malloc((count + 1) * sizeof *idx);
    if (!remap || !v || !idx) {
        free(remap);
        free(v);
        free(idx);
        return -1;
    }
    memset(remap, 0xFF, gr->n_vertices * sizeof *remap);
    size_t nv = 0;
    float mn[3] = {INFINITY, y, INFINITY}, mx[3] = {-INFINITY, y, -INFINITY};
    for (size_t i = 0; i < count; i++) {
        uint32_t s = gr->indices[first + i];
        if (remap[s] == UINT32_MAX) {
            const float *p = gr->vertices[s].pos;
            float q[6] = {p[0], y, -p[1], 0, 1, 0};
            memcpy(v[nv], q, sizeof q);
            mn[0] = fminf(mn[0], q[0]), mx[0] = fmaxf(mx[0], q[0]);
            mn[2] = fminf(mn[2], q[2]), mx[2] = fmaxf(mx[2], q[2]);
            remap[s] = (uint32_t)nv++;
        }
        idx[i] = remap[s];
    }
    size_t start = g->bin.len;
    ly_buf_putn(&g->bin, (const char *)v, nv * sizeof *v);
    int vv = add_view(g, start, sizeof *v, GL_ARRAY_BUFFER_);
    start = g->bin.len;
    ly_buf_putn(&g->bin, (const char *)idx, count * sizeof *idx);
    int iv = add_view(g, start, 0, GL_ELEMENT_ARRAY_BUFFER_);
    cJSON *p = cJSON_CreateObject();
    cJSON *at = cJSON_AddObjectToObject(p, "attributes");
    cJSON_AddNumberToObject(at, "POSITION", add_accessor(g, vv, 0, GL_FLOAT_, nv, "VEC3", mn, mx));
    cJSON_AddNumberToObject(at, "NORMAL", add_accessor(g, vv, 12, GL_FLOAT_, nv, "VEC3", NULL, NULL));
    cJSON_AddNumberToObject(p, "indices",
                            add_accessor(g, iv, 0, GL_UNSIGNED_INT_, count, "SCALAR", NULL, NULL));
    cJSON_AddNumberToObject(p, "material", g->ground_material[layer]);
    cJSON_AddItemToArray(prims, p);
    free(remap);
    free(v);
    free(idx);
    return 0;
}

/* The ground (land, water, coast, parks, the boundary line) and the roads as two
 * nodes, each layer a primitive. Returns 0 or -1 (out of memory). */
static int write_ground(glb *g, const ly_ground *gr)
{
    static const char *const NAME[LY_GROUND_LAYERS] = {
        "land", "district", "land use", "water", "coast", "parks", "road kerbs", "minor roads",
        "major roads", "boundary"};
    static const int GROUND[] = {LY_GROUND_LAND, LY_GROUND_LAND_USE, LY_GROUND_WATER, LY_GROUND_COAST,
                                 LY_GROUND_PARK, LY_GROUND_BOUNDARY_LINE, -1};
    static const int ROADS[] = {LY_GROUND_ROAD_CASING, LY_GROUND_ROAD_MINOR,
                                LY_GROUND_ROAD_MAJOR, -1};
    const int *sets[2] = {GROUND, ROADS};
    static const char *const SET_NAME[2] = {"ground", "roads"};
    for (int s = 0; s < 2; s++) {
        cJSON *mesh = cJSON_CreateObject();
        cJSON_AddStringToObject(mesh, "name", SET_NAME[s]);
        cJSON *prims = cJSON_AddArrayToObject(mesh, "primitives");
        for (const int *l = sets[s]; *l >= 0; l++) {
            if (!gr->count[*l])
                continue;
            g->ground_material[*l] = add_material(g, NAME[*l], ly_palette_ground[*l], 1);
            /* drawing order is the layer's number: each above those drawn before it */
            if (ground_layer(g, gr, *l, GROUND_STEP_M * (float)*l, prims))
                return -1;
        }
        if (!cJSON_GetArraySize(prims)) {
            cJSON_Delete(mesh);
            continue;
        }
        cJSON_AddItemToArray(g->meshes, mesh);
        cJSON *node = cJSON_CreateObject();
        cJSON_AddStringToObject(node, "name", SET_NAME[s]);
        cJSON_AddNumberToObject(node, "mesh", cJSON_GetArraySize(g->meshes) - 1);
        cJSON_AddItemToArray(g->nodes, node);
    }
    return 0;
}

/* ---- the property table (EXT_structural_metadata) ------------------------------------ */

enum { S_ID, S_NAME, S_NAME_EN, S_ADDRESS, S_ADDRESS_EN, S_STATUS, S_INDUSTRIES, STRINGS };
static const char *const STRING_KEY[STRINGS] = {"id", "name", "name_en", "address",
                                                "address_en", "status", "industries"};
enum { N_YEAR, N_FLOORS, N_ENTERPRISES, N_HEIGHT, N_AREA, N_RECORDED, N_VACANT, N_OCCUPANCY,
       N_RENT, N_TAX, NUMBERS };
static const char *const NUMBER_KEY[NUMBERS] = {
    "year", "floors", "enterprises", "height_m", "floor_area_m2", "recorded_area_m2",
    "vacant_m2", "occupancy", "rent_cny_m2_day", "tax_2010_cny"};

static const char *string_of(const ly_district *d, const ly_building *b, int k, ly_buf *tmp)
{
    switch (k) {
    case S_ID: return b->id;
    case S_NAME: return b->name;
    case S_NAME_EN: return b->name_en;
    case S_ADDRESS: return b->address;
    case S_ADDRESS_EN: return b->address_en;
    case S_STATUS: return ly_status_name(b->status);
    default:
        tmp->len = 0;
        ly_export_industries(d, b, LY_LANG_EN, tmp);
        return tmp->len ? tmp->p : "";
    }
}

static double number_of(const ly_export_figures *f, int k)
{
    const double v[NUMBERS] = {f->year, f->floors, f->enterprises, f->height_m, f->floor_area_m2,
                               f->recorded_m2, f->vacant_m2, f->occupancy, f->rent_cny_m2_day,
                               f->tax_2010_cny};
    return v[k] >= 0 && isfinite(v[k]) ? v[k] : -1;
}

/* A column's values, 8-byte aligned; returns its buffer view. */
static int column(glb *g, const void *data, size_t bytes)
{
    pad(&g->bin, 8, 0);
    size_t start = g->bin.len;
    /* a buffer view is at least a byte long: an all-empty text column gets one */
    ly_buf_putn(&g->bin, bytes ? data : "", bytes ? bytes : 1);
    return add_view(g, start, 0, 0);
}

/* The string column k: the texts one after another and where each starts. */
static int string_column(glb *g, const ly_district *d, const long *order, size_t n, int k,
                         cJSON *props)
{
    uint32_t *offsets = malloc((n + 1) * sizeof *offsets);
    ly_buf text = {0}, tmp = {0};
    if (!offsets)
        return -1;
    for (size_t i = 0; i < n; i++) {
        offsets[i] = (uint32_t)text.len;
        const char *s = string_of(d, &d->buildings[order[i]], k, &tmp);
        ly_buf_put(&text, s ? s : "");
    }
    offsets[n] = (uint32_t)text.len;
    bool fail = text.failed || tmp.failed || text.len > UINT32_MAX;
    if (!fail) {
        cJSON *p = cJSON_AddObjectToObject(props, STRING_KEY[k]);
        cJSON_AddNumberToObject(p, "values", column(g, text.len ? text.p : "", text.len));
        cJSON_AddNumberToObject(p, "stringOffsets",
                                column(g, offsets, (n + 1) * sizeof *offsets));
    }
    free(offsets);
    ly_buf_free(&text);
    ly_buf_free(&tmp);
    return fail ? -1 : 0;
}

/* The class "building": each column's type, and its noData. */
static void schema(cJSON *ext)
{
    cJSON *sc = cJSON_AddObjectToObject(ext, "schema");
    cJSON_AddStringToObject(sc, "id", "louyu");
    cJSON *cls = cJSON_AddObjectToObject(cJSON_AddObjectToObject(sc, "classes"), "building");
    cJSON_AddStringToObject(cls, "name", "Building");
    cJSON *props = cJSON_AddObjectToObject(cls, "properties");
    for (int k = 0; k < STRINGS; k++) {
        cJSON *p = cJSON_AddObjectToObject(props, STRING_KEY[k]);
        cJSON_AddStringToObject(p, "type", "STRING");
        if (k == S_ID || k == S_STATUS)
            cJSON_AddTrueToObject(p, "required");
        else
            cJSON_AddStringToObject(p, "noData", "");
    }
    for (int k = 0; k < NUMBERS; k++) {
        cJSON *p = cJSON_AddObjectToObject(props, NUMBER_KEY[k]);
        cJSON_AddStringToObject(p, "type", "SCALAR");
        cJSON_AddStringToObject(p, "componentType", k <= N_ENTERPRISES ? "INT32" : "FLOAT64");
        cJSON_AddNumberToObject(p, "noData", -1);
    }
}

/* The root's EXT_structural_metadata: the schema and one row per exported building. */
static int write_table(glb *g, const ly_district *d, const long *order, size_t n)
{
    cJSON *ext = cJSON_AddObjectToObject(cJSON_GetObjectItem(g->root, "extensions"),
                                         "EXT_structural_metadata");
    schema(ext);
    cJSON *t = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(ext, "propertyTables"), t);
    cJSON_AddStringToObject(t, "name", "buildings");
    cJSON_AddStringToObject(t, "class", "building");
    cJSON_AddNumberToObject(t, "count", (double)n);
    cJSON *props = cJSON_AddObjectToObject(t, "properties");
    for (int k = 0; k < STRINGS; k++)
        if (string_column(g, d, order, n, k, props))
            return -1;
    ly_export_figures *f = malloc((n + 1) * sizeof *f);
    double *col = malloc((n + 1) * sizeof *col);
    int32_t *icol = malloc((n + 1) * sizeof *icol);
    if (!f || !col || !icol) {
        free(f), free(col), free(icol);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        ly_export_figures_of(d, &d->buildings[order[i]], &f[i]);
    for (int k = 0; k < NUMBERS; k++) {
        for (size_t i = 0; i < n; i++) {
            col[i] = number_of(&f[i], k);
            icol[i] = (int32_t)col[i];
        }
        bool ints = k <= N_ENTERPRISES;
        cJSON_AddNumberToObject(cJSON_AddObjectToObject(props, NUMBER_KEY[k]), "values",
                                ints ? column(g, icol, n * sizeof *icol)
                                     : column(g, col, n * sizeof *col));
    }
    free(f), free(col), free(icol);
    return 0;
}

/* ---- the file ------------------------------------------------------------------------- */

/* The exported buildings in chunk order (a stable counting sort) and each one's row. */
static int order_by_chunk(const ly_mesh *m, const long *sel, size_t n, long *order, long *rows)
{
    size_t *count = calloc(m->n_chunks + 1, sizeof *count);
    if (!count)
        return -1;
    for (size_t i = 0; i < n; i++) {
        rows[sel[i]] = (long)i;
        count[m->buildings[sel[i]].chunk + 1]++;
    }
    for (size_t c = 0; c < m->n_chunks; c++)
        count[c + 1] += count[c];
    for (size_t i = 0; i < n; i++)
        order[count[m->buildings[sel[i]].chunk]++] = sel[i];
    free(count);
    return 0;
}

static void asset(glb *g, const ly_district *d, const ly_geo *geo)
{
    cJSON *a = cJSON_AddObjectToObject(g->root, "asset");
    cJSON_AddStringToObject(a, "version", "2.0");
    cJSON_AddStringToObject(a, "generator", "louyu export");
    if (d->meta.licence)
        cJSON_AddStringToObject(a, "copyright", d->meta.licence);
    cJSON *l = cJSON_AddObjectToObject(cJSON_AddObjectToObject(a, "extras"), "louyu");
    double lon, lat;
    ly_proj_inverse(&geo->proj, 0, 0, &lon, &lat);
    if (d->meta.local_crs) { /* a file with no place on the earth: its own metres */
        double x, y;
        ly_proj p0; /* (the file's plane was placed as ly_proj at 0° N 0° E) */
        ly_proj_init(&p0, 0, 0);
        ly_proj_forward(&p0, lon, lat, &x, &y);
        cJSON_AddNumberToObject(l, "origin_x", x + d->meta.local_origin[0]);
        cJSON_AddNumberToObject(l, "origin_y", y + d->meta.local_origin[1]);
        cJSON_AddStringToObject(l, "axes", "+X east, +Y up, -Z north; metres from the origin, "
                                           "a point of the file's own plane (it names no "
                                           "reference system)");
    } else {
        cJSON_AddNumberToObject(l, "origin_lon", lon);
        cJSON_AddNumberToObject(l, "origin_lat", lat);
        cJSON_AddStringToObject(l, "axes", "+X east, +Y up, -Z north; metres from the origin "
                                           "(transverse Mercator centred on it, WGS 84)");
    }
    if (d->meta.name)
        cJSON_AddStringToObject(l, "district", d->meta.name);
    if (d->meta.name_en)
        cJSON_AddStringToObject(l, "district_en", d->meta.name_en);
    char date[16]; /* the figures' date: a store's week's Friday */
    if (*ly_district_date(d, date, sizeof date))
        cJSON_AddStringToObject(l, "data_date", date);
}

/* The JSON and binary chunks as a GLB into out. */
static int write_glb(glb *g, ly_buf *out)
{
    pad(&g->bin, 4, 0);
    cJSON *buf = cJSON_CreateObject();
    cJSON_AddNumberToObject(buf, "byteLength", (double)g->bin.len);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(g->root, "buffers"), buf);
    char *json = cJSON_PrintUnformatted(g->root);
    if (!json)
        return -1;
    size_t jlen = strlen(json), jpad = (4 - jlen % 4) % 4;
    uint64_t total = 12 + 8 + jlen + jpad + 8 + g->bin.len;
    if (total > UINT32_MAX) {
        cJSON_free(json);
        return -1;
    }
    uint32_t head[3] = {0x46546C67u, 2, (uint32_t)total}; /* "glTF", version 2 */
    uint32_t jhead[2] = {(uint32_t)(jlen + jpad), 0x4E4F534Au}; /* "JSON" */
    uint32_t bhead[2] = {(uint32_t)g->bin.len, 0x004E4942u}; /* "BIN\0" */
    ly_buf_putn(out, (const char *)head, sizeof head);
    ly_buf_putn(out, (const char *)jhead, sizeof jhead);
    ly_buf_putn(out, json, jlen);
    ly_buf_putn(out, "   ", jpad);
    ly_buf_putn(out, (const char *)bhead, sizeof bhead);
    ly_buf_putn(out, g->bin.p, g->bin.len);
    cJSON_free(json);
    return 0;
}

/* The scene: one root node holding the buildings' chunks, the ground and the roads. */
static void scene(glb *g, size_t n_nodes)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "name", "district");
    cJSON *kids = cJSON_AddArrayToObject(root, "children");
    for (size_t i = 0; i < n_nodes; i++)
        cJSON_AddItemToArray(kids, cJSON_CreateNumber((double)i));
    cJSON_AddItemToArray(g->nodes, root);
    cJSON *sc = cJSON_CreateObject();
    cJSON *nodes = cJSON_AddArrayToObject(sc, "nodes");
    cJSON_AddItemToArray(nodes, cJSON_CreateNumber((double)n_nodes));
    cJSON_AddItemToArray(cJSON_AddArrayToObject(g->root, "scenes"), sc);
    cJSON_AddNumberToObject(g->root, "scene", 0);
}

int ly_export_glb(const ly_district *d, const ly_geo *geo, const ly_mesh *mesh,
                  const ly_export_glb_desc *desc, ly_buf *out)
{
    size_t n = desc->select ? desc->n_select : d->n_buildings;
    long *all = desc->select ? NULL : malloc((n + 1) * sizeof *all);
    long *order = malloc((n + 1) * sizeof *order);
    long *rows = malloc((d->n_buildings + 1) * sizeof *rows);
    glb g = {.root = cJSON_CreateObject()};
    int rc = -1;
    if ((!desc->select && !all) || !order || !rows || !g.root)
        goto done;
    for (size_t i = 0; all && i < n; i++)
        all[i] = (long)i;
    for (size_t i = 0; i < d->n_buildings; i++)
        rows[i] = -1;
    if (order_by_chunk(mesh, desc->select ? desc->select : all, n, order, rows))
        goto done;
    asset(&g, d, geo);
    if (n) { /* (a table of no rows is not one: EXT_structural_metadata asks for a row) */
        cJSON *used = cJSON_AddArrayToObject(g.root, "extensionsUsed");
        cJSON_AddItemToArray(used, cJSON_CreateString("EXT_mesh_features"));
        cJSON_AddItemToArray(used, cJSON_CreateString("EXT_structural_metadata"));
        cJSON_AddObjectToObject(g.root, "extensions");
    }
    g.views = cJSON_AddArrayToObject(g.root, "bufferViews");
    g.accessors = cJSON_AddArrayToObject(g.root, "accessors");
    g.meshes = cJSON_AddArrayToObject(g.root, "meshes");
    g.nodes = cJSON_AddArrayToObject(g.root, "nodes");
    g.materials = cJSON_AddArrayToObject(g.root, "materials");
    if (write_buildings(&g, d, mesh, order, n, rows) ||
        (desc->ground && !desc->select && write_ground(&g, desc->ground)))
        goto done;
    /* the table's rows in the selection's order (the rows the feature ids name) */
    if (n && write_table(&g, d, desc->select ? desc->select : all, n))
        goto done;
    scene(&g, (size_t)cJSON_GetArraySize(g.nodes));
    rc = g.bin.failed ? -1 : write_glb(&g, out);
done:
    cJSON_Delete(g.root);
    ly_buf_free(&g.bin);
    free(all);
    free(order);
    free(rows);
    return rc;
}
