/* A synthetic city: the source's buildings tiled and jittered (see synth.h for the
 * method). Coordinates are integers in units of 1e-7 degree from the template to
 * the text, so the output is exact and formatting needs no printf. */
#include "louyu/synth.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define UNITS 1e7                    /* 1e-7 degree: OpenStreetMap's precision */
#define M_PER_DEG 111319.49079327357 /* a degree on the WGS84 equator, in metres */
#define LAT_LIMIT 85.0               /* the grid must stay below this latitude */
#define WBUF_SIZE (1u << 20)

/* ---- the template: the source's buildings on the 1e-7 degree grid --------------- */

typedef struct {
    uint32_t src;                /* index in the source district */
    uint32_t first_part, n_parts;
    double height_m, min_height_m;
    const char *type;            /* the source's string, or NULL */
    double key;                  /* squared distance from the extent's centre */
} tbuilding;

typedef struct {
    uint32_t first_ring, n_rings;
} tpart;

typedef struct {
    uint32_t first_point, n_points; /* without the closing point */
} tring;

typedef struct {
    tbuilding *b;
    size_t n_b;
    tpart *parts;
    size_t n_parts;
    tring *rings;
    size_t n_rings;
    int64_t *pts; /* lon, lat pairs */
    size_t n_pts;
    int64_t box[4]; /* lon_min, lat_min, lon_max, lat_max */
} tmpl;

static void tmpl_free(tmpl *t)
{
    free(t->b);
    free(t->parts);
    free(t->rings);
    free(t->pts);
    memset(t, 0, sizeof *t);
}

/* One ring onto the grid: repeats dropped (the closing one too). False when fewer
 * than three points are left; the points stay appended only when it is kept. */
static bool add_ring(tmpl *t, const ly_district *d, const ly_ring *r)
{
    size_t first = t->n_pts;
    for (uint32_t k = 0; k < r->n_points; k++) {
        const double *p = d->points + 2 * ((size_t)r->first_point + k);
        int64_t x = llround(p[0] * UNITS), y = llround(p[1] * UNITS);
        if (t->n_pts > first && t->pts[2 * t->n_pts - 2] == x && t->pts[2 * t->n_pts - 1] == y)
            continue;
        t->pts[2 * t->n_pts] = x;
        t->pts[2 * t->n_pts + 1] = y;
        t->n_pts++;
    }
    while (t->n_pts - first > 1 && t->pts[2 * t->n_pts - 2] == t->pts[2 * first] &&
           t->pts[2 * t->n_pts - 1] == t->pts[2 * first + 1])
        t->n_pts--;
    if (t->n_pts - first < 3) {
        t->n_pts = first;
        return false;
    }
    t->rings[t->n_rings++] = (tring){(uint32_t)first, (uint32_t)(t->n_pts - first)};
    return true;
}

/* A source building into the template; false (nothing added) when no polygon
 * keeps its outline. A hole that collapses is left out. */
static bool add_building(tmpl *t, const ly_district *d, uint32_t i)
{
    const ly_building *b = &d->buildings[i];
    size_t first_part = t->n_parts;
    for (uint32_t p = 0; p < b->n_polygons; p++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + p];
        size_t first_ring = t->n_rings;
        for (uint32_t r = 0; r < pg->n_rings; r++) {
            bool kept = add_ring(t, d, &d->rings[pg->first_ring + r]);
            if (!kept && r == 0)
                break; /* no outline: the polygon goes */
        }
        if (t->n_rings == first_ring)
            continue; /* its outline collapsed */
        t->parts[t->n_parts++] = (tpart){(uint32_t)first_ring, (uint32_t)(t->n_rings - first_ring)};
    }
    if (t->n_parts == first_part)
        return false;
    t->b[t->n_b++] = (tbuilding){i, (uint32_t)first_part, (uint32_t)(t->n_parts - first_part),
                                 b->height_m, b->min_height_m, b->type, 0};
    return true;
}

static int by_key(const void *a, const void *b)
{
    const tbuilding *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->src > y->src) - (x->src < y->src);
}

/* The extent, then every building's distance from its centre (metres squared, near
 * enough), and the order: nearest first, ties by the source's order. */
static void tmpl_order(tmpl *t)
{
    int64_t *box = t->box;
    box[0] = box[1] = INT64_MAX;
    box[2] = box[3] = INT64_MIN;
    for (size_t k = 0; k < t->n_pts; k++)
        for (int c = 0; c < 2; c++) {
            int64_t v = t->pts[2 * k + c];
            box[c] = v < box[c] ? v : box[c];
            box[2 + c] = v > box[2 + c] ? v : box[2 + c];
        }
    double cx = 0.5 * ((double)box[0] + (double)box[2]), cy = 0.5 * ((double)box[1] + (double)box[3]);
    double shrink = cos(cy / UNITS * M_PI / 180.0);
    for (size_t i = 0; i < t->n_b; i++) {
        tbuilding *b = &t->b[i];
        const tring *outline = &t->rings[t->parts[b->first_part].first_ring];
        const int64_t *p = t->pts + 2 * (size_t)outline->first_point;
        double dx = ((double)p[0] - cx) * shrink, dy = (double)p[1] - cy;
        b->key = dx * dx + dy * dy;
    }
    qsort(t->b, t->n_b, sizeof *t->b, by_key);
}

static int tmpl_build(tmpl *t, const ly_district *d, size_t *dropped)
{
    memset(t, 0, sizeof *t);
    size_t nb = d->n_buildings ? d->n_buildings : 1, np = d->n_polygons ? d->n_polygons : 1;
    size_t nr = d->n_rings ? d->n_rings : 1, npt = d->n_points ? d->n_points : 1;
    t->b = calloc(nb, sizeof *t->b);
    t->parts = calloc(np, sizeof *t->parts);
    t->rings = calloc(nr, sizeof *t->rings);
    t->pts = calloc(npt, 2 * sizeof *t->pts);
    if (!t->b || !t->parts || !t->rings || !t->pts) {
        tmpl_free(t);
        return -1;
    }
    *dropped = 0;
    for (size_t i = 0; i < d->n_buildings && i <= UINT32_MAX; i++)
        if (!add_building(t, d, (uint32_t)i))
            (*dropped)++;
    if (t->n_b)
        tmpl_order(t);
    return 0;
}

/* ---- the PRNG: splitmix64 -------------------------------------------------------- */

static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* In [0, 1), from the top 53 bits. */
static double next_unit(uint64_t *state)
{
    return (double)(next_u64(state) >> 11) * 0x1p-53;
}

/* Each copy's own stream: the seed's, moved on by the tile and the building, so a
 * copy's jitter does not depend on how many were written before it. */
static uint64_t copy_state(uint64_t seed_mix, size_t tile, uint32_t src)
{
    uint64_t s = seed_mix ^ (((uint64_t)tile << 32) | src);
    next_u64(&s);
    return s;
}

/* ---- the writer: a large buffer and numbers formatted by hand ---------------------- */

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
    uint64_t bytes;
    int error; /* errno of the first failed write */
} writer;

static void w_flush(writer *w)
{
    if (w->len && !w->error && fwrite(w->buf, 1, w->len, w->f) != w->len)
        w->error = errno ? errno : EIO;
    w->bytes += w->len;
    w->len = 0;
}

/* Room for n more bytes (n far below the buffer's size). */
static char *w_room(writer *w, size_t n)
{
    if (w->len + n > WBUF_SIZE)
        w_flush(w);
    return w->buf + w->len;
}

static void w_str(writer *w, const char *s)
{
    for (size_t n = strlen(s); n;) {
        size_t k = n < 4096 ? n : 4096;
        memcpy(w_room(w, k), s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

static void w_char(writer *w, char c)
{
    *w_room(w, 1) = c;
    w->len++;
}

/* v / 10^decimals with exactly `decimals` digits after the point. */
static void w_fixed(writer *w, int64_t v, int decimals)
{
    char tmp[32];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    for (int i = 0; i < decimals; i++, u /= 10)
        tmp[n++] = (char)('0' + u % 10);
    if (decimals)
        tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[n++] = '-';
    char *out = w_room(w, (size_t)n);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    w->len += (size_t)n;
}

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 as it is. */
static void w_json_string(writer *w, const char *s)
{
    w_char(w, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            w_char(w, '\\');
            w_char(w, (char)*p);
        } else if (*p < 0x20) {
            static const char hex[] = "0123456789abcdef";
            char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0};
            w_str(w, esc);
        } else {
            w_char(w, (char)*p);
        }
    }
    w_char(w, '"');
}

/* ---- the city ----------------------------------------------------------------------- */

/* Where a tile's copies go: its offset in units, and the row's metres-to-units for
 * longitude. */
typedef struct {
    int64_t dx, dy;
    double lon_units_per_m;
} tile_place;

typedef struct {
    const tmpl *t;
    size_t columns, rows;
    int64_t step_lat;   /* a row's height with its street */
    int64_t street_lat; /* the street's share */
    double lat_units_per_m;
} grid;

static tile_place place_tile(const grid *g, size_t tile)
{
    const int64_t *box = g->t->box;
    size_t row = tile / g->columns, col = tile % g->columns;
    int64_t dy = (int64_t)row * g->step_lat;
    double lat = ((double)box[1] + (double)dy + 0.5 * (double)(box[3] - box[1])) / UNITS;
    double lon_units_per_m = UNITS / (M_PER_DEG * cos(lat * M_PI / 180.0));
    int64_t street = llround(LY_SYNTH_STREET_M * lon_units_per_m);
    return (tile_place){(int64_t)col * (box[2] - box[0] + street), dy, lon_units_per_m};
}

/* False when the grid would leave the globe's usable range. */
static bool grid_fits(const grid *g)
{
    const int64_t *box = g->t->box;
    int64_t jitter = llround(2 * LY_SYNTH_JITTER_M * g->lat_units_per_m);
    double top = ((double)box[3] + (double)(g->rows - 1) * (double)g->step_lat + (double)jitter);
    if (top / UNITS > LAT_LIMIT || (double)box[1] / UNITS < -LAT_LIMIT)
        return false;
    /* the top row's tiles are the widest in degrees */
    tile_place last = place_tile(g, (g->rows - 1) * g->columns + g->columns - 1);
    double right = (double)box[2] + (double)last.dx + 2 * LY_SYNTH_JITTER_M * last.lon_units_per_m;
    return right / UNITS <= 180.0 && (double)box[0] / UNITS >= -180.0;
}

static void write_ring(writer *w, const tmpl *t, const tring *r, int64_t dx, int64_t dy)
{
    w_char(w, '[');
    for (uint32_t k = 0; k <= r->n_points; k++) { /* the first point again, to close it */
        const int64_t *p = t->pts + 2 * ((size_t)r->first_point + (k % r->n_points));
        w_str(w, k ? ",[" : "[");
        w_fixed(w, p[0] + dx, 7);
        w_char(w, ',');
        w_fixed(w, p[1] + dy, 7);
        w_char(w, ']');
    }
    w_char(w, ']');
}

static void write_geometry(writer *w, const tmpl *t, const tbuilding *b, int64_t dx, int64_t dy)
{
    bool multi = b->n_parts > 1;
    w_str(w, multi ? "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
                   : "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":");
    for (uint32_t p = 0; p < b->n_parts; p++) {
        const tpart *part = &t->parts[b->first_part + p];
        w_str(w, p ? ",[" : "[");
        for (uint32_t r = 0; r < part->n_rings; r++) {
            if (r)
                w_char(w, ',');
            write_ring(w, t, &t->rings[part->first_ring + r], dx, dy);
        }
        w_char(w, ']');
    }
    w_str(w, multi ? "]}" : "}");
}

/* Tenths of a metre: the height scaled, at least 0.1 m and at most 1,000 m; the
 * bottom stays below the top. */
static void scaled_heights(const tbuilding *b, double scale, int64_t *h10, int64_t *m10)
{
    *h10 = llround(b->height_m * scale * 10);
    *h10 = *h10 < 1 ? 1 : *h10 > 10000 ? 10000 : *h10;
    *m10 = llround(b->min_height_m * scale * 10);
    *m10 = *m10 < 0 ? 0 : *m10 >= *h10 ? *h10 - 1 : *m10;
}

static void write_copy(writer *w, const grid *g, const tile_place *tp, size_t tile,
                       const tbuilding *b, uint64_t seed_mix)
{
    uint64_t s = copy_state(seed_mix, tile, b->src);
    double east = (2 * next_unit(&s) - 1) * LY_SYNTH_JITTER_M;
    double north = (2 * next_unit(&s) - 1) * LY_SYNTH_JITTER_M;
    double scale = 0.8 + 0.45 * next_unit(&s);
    int64_t dx = tp->dx + llround(east * tp->lon_units_per_m);
    int64_t dy = tp->dy + llround(north * g->lat_units_per_m);
    int64_t h10, m10;
    scaled_heights(b, scale, &h10, &m10);
    char id[64];
    snprintf(id, sizeof id, "s%zu-%u", tile, (unsigned)b->src);
    w_str(w, "{\"type\":\"Feature\",\"id\":\"");
    w_str(w, id);
    w_str(w, "\",\"properties\":{\"height\":");
    w_fixed(w, h10, 1);
    w_str(w, ",\"min_height\":");
    w_fixed(w, m10, 1);
    if (b->type) {
        w_str(w, ",\"type\":");
        w_json_string(w, b->type);
    }
    w_str(w, "},");
    write_geometry(w, g->t, b, dx, dy);
    w_char(w, '}');
}

/* ---- streets and POIs (desc->roads) ------------------------------------------------- */

/* The street grid in metres east and north of the city's south-west corner. */
typedef struct {
    int64_t lon0, lat0;      /* the corner, units */
    double lon_upm, lat_upm; /* units per metre (longitude's at the city's middle latitude) */
    double w, h;             /* the extent, metres */
    size_t nx, ny;           /* streets running north-south, east-west */
    uint64_t seed_mix;
} streets;

enum { TAG_STREET_X = 1, TAG_STREET_Y, TAG_CROSS_X, TAG_CROSS_Y, TAG_MID, TAG_POI };

/* In [-1, 1), from its own stream: the seed's, moved on by what it is for. */
static double jitter(const streets *s, uint64_t tag, uint64_t i, uint64_t k)
{
    uint64_t st = s->seed_mix ^ (tag << 58 | i << 29 | k);
    next_u64(&st);
    return 2 * next_unit(&st) - 1;
}

/* The corner of the tiles' boxes and their extent, and how many streets fit. */
static streets street_grid(const grid *g, size_t tiles, uint64_t seed_mix)
{
    const int64_t *box = g->t->box;
    int64_t lon1 = box[2], lat1 = box[3] + (int64_t)(g->rows - 1) * g->step_lat;
    for (size_t tile = 0; tile < tiles; tile++) {
        tile_place tp = place_tile(g, tile);
        lon1 = tp.dx + box[2] > lon1 ? tp.dx + box[2] : lon1;
    }
    double mid = 0.5 * ((double)box[1] + (double)lat1) / UNITS;
    streets s = {box[0], box[1], UNITS / (M_PER_DEG * cos(mid * M_PI / 180.0)),
                 g->lat_units_per_m, 0, 0, 0, 0, seed_mix};
    s.w = (double)(lon1 - box[0]) / s.lon_upm;
    s.h = (double)(lat1 - box[1]) / s.lat_upm;
    s.nx = (size_t)(s.w / LY_SYNTH_BLOCK_X_M) + 1;
    s.ny = (size_t)(s.h / LY_SYNTH_BLOCK_Y_M) + 1;
    s.nx = s.nx < 2 ? 2 : s.nx;
    s.ny = s.ny < 2 ? 2 : s.ny;
    return s;
}

/* Where north-south street i crosses east-west street k. */
static void crossing_at(const streets *s, size_t i, size_t k, double *x, double *y)
{
    *x = (double)i * LY_SYNTH_BLOCK_X_M + 8 * jitter(s, TAG_STREET_X, i, 0) +
         2 * jitter(s, TAG_CROSS_X, i, k);
    *y = (double)k * LY_SYNTH_BLOCK_Y_M + 8 * jitter(s, TAG_STREET_Y, k, 0) +
         2 * jitter(s, TAG_CROSS_Y, i, k);
}

/* The middle of the block after crossing (i, k) along a street (ns: north-south
 * street i, else east-west street k), shifted up to 3 m across it. */
static void mid_block(const streets *s, bool ns, size_t i, size_t k, double *x, double *y)
{
    double ax, ay, bx, by, j = 3 * jitter(s, TAG_MID, ns ? 2 * i : 2 * k + 1, ns ? k : i);
    crossing_at(s, i, k, &ax, &ay);
    crossing_at(s, ns ? i : i + 1, ns ? k + 1 : k, &bx, &by);
    *x = 0.5 * (ax + bx) + (ns ? j : 0);
    *y = 0.5 * (ay + by) + (ns ? 0 : j);
}

/* Streets without their crossing points: they cross the others without a shared one. */
static bool unshared(bool ns, size_t n)
{
    return ns ? n % 7 == 3 : n % 9 == 4;
}

static void w_point(writer *w, const streets *s, double x, double y, bool first)
{
    w_str(w, first ? "[" : ",[");
    w_fixed(w, s->lon0 + llround(x * s->lon_upm), 7);
    w_char(w, ',');
    w_fixed(w, s->lat0 + llround(y * s->lat_upm), 7);
    w_char(w, ']');
}

/* Street n (ns: north-south) as a LineString feature: its crossings (unless unshared)
 * and the middle of each block. False when it has fewer than two points. */
static bool write_street(writer *w, const streets *s, bool ns, size_t n)
{
    size_t count = ns ? s->ny : s->nx;
    bool skip = unshared(ns, n);
    if (skip && count < 3)
        return false;
    const char *cls = n % 5 == 0 ? "primary" : n % 6 == 3 ? "footway" : "residential";
    char head[256];
    snprintf(head, sizeof head, ",\n{\"type\":\"Feature\",\"id\":\"street-%s-%zu\",\"properties\":"
             "{\"kind\":\"road\",\"class\":\"%s\"},\"geometry\":{\"type\":\"LineString\","
             "\"coordinates\":[", ns ? "ns" : "ew", n, cls);
    w_str(w, head);
    bool first = true;
    for (size_t m = 0; m < count; m++) {
        double x, y;
        if (!skip) {
            crossing_at(s, ns ? n : m, ns ? m : n, &x, &y);
            w_point(w, s, x, y, first);
            first = false;
        }
        if (m + 1 < count) {
            mid_block(s, ns, ns ? n : m, ns ? m : n, &x, &y);
            w_point(w, s, x, y, first);
            first = false;
        }
    }
    w_str(w, "]}}");
    return true;
}

static const char *const POI_CATEGORIES[] = {"metro", "bus", "parking", "bank", "hotel",
                                             "restaurant", "hospital", "school", "park",
                                             "government", "red_clubhouse"};

/* The streets, then the POIs. */
static void write_roads(writer *w, const streets *s, ly_synth_info *got)
{
    for (int ns = 1; ns >= 0; ns--)
        for (size_t n = 0; n < (ns ? s->nx : s->ny); n++)
            got->roads += write_street(w, s, ns, n);
    size_t each = 2 + s->nx * s->ny / 100;
    for (size_t c = 0; c < sizeof POI_CATEGORIES / sizeof *POI_CATEGORIES; c++)
        for (size_t m = 0; m < each; m++) {
            char head[256];
            snprintf(head, sizeof head, ",\n{\"type\":\"Feature\",\"id\":\"poi-%s-%zu\","
                     "\"properties\":{\"kind\":\"poi\",\"category\":\"%s\"},\"geometry\":"
                     "{\"type\":\"Point\",\"coordinates\":", POI_CATEGORIES[c], m,
                     POI_CATEGORIES[c]);
            w_str(w, head);
            double x = 0.5 * (1 + jitter(s, TAG_POI, 2 * c, m)) * s->w;
            double y = 0.5 * (1 + jitter(s, TAG_POI, 2 * c + 1, m)) * s->h;
            w_point(w, s, x, y, true);
            w_str(w, "}}");
            got->pois++;
        }
}

static void write_header(writer *w, const ly_synth_desc *desc, const grid *g, size_t tiles,
                         const streets *st)
{
    char num[96];
    w_str(w, "{\"type\":\"FeatureCollection\",\"louyu_synth\":{\"generator\":\"louyu synth\","
             "\"method\":\"the source's buildings tiled row by row from the south-west, "
             "nearest its centre first, each copy shifted up to 3 m and its heights scaled "
             "0.8-1.25 by a seeded splitmix64\",\"source\":");
    w_json_string(w, desc->source ? desc->source : "");
    snprintf(num, sizeof num, ",\"seed\":%llu,\"buildings\":%zu,\"tiles\":%zu,\"grid\":[%zu,%zu]",
             (unsigned long long)desc->seed, desc->buildings, tiles, g->columns, g->rows);
    w_str(w, num);
    if (desc->licence) {
        w_str(w, ",\"licence\":");
        w_json_string(w, desc->licence);
    }
    if (st) {
        snprintf(num, sizeof num, ",\"roads\":{\"streets\":[%zu,%zu],\"blocks_m\":[%g,%g]}",
                 st->nx, st->ny, LY_SYNTH_BLOCK_X_M, LY_SYNTH_BLOCK_Y_M);
        w_str(w, num);
    }
    w_str(w, "},\"features\":[\n");
}

static void write_city(writer *w, const tmpl *t, const ly_synth_desc *desc, const grid *g,
                       size_t tiles, ly_synth_info *got)
{
    uint64_t seed_mix = desc->seed;
    seed_mix = next_u64(&seed_mix);
    streets st = {0};
    if (desc->roads)
        st = street_grid(g, tiles, seed_mix);
    write_header(w, desc, g, tiles, desc->roads ? &st : NULL);
    size_t written = 0;
    for (size_t tile = 0; tile < tiles && !w->error; tile++) {
        tile_place tp = place_tile(g, tile);
        for (size_t i = 0; i < t->n_b && written < desc->buildings; i++, written++) {
            if (written)
                w_str(w, ",\n");
            write_copy(w, g, &tp, tile, &t->b[i], seed_mix);
        }
    }
    if (desc->roads)
        write_roads(w, &st, got);
    w_str(w, "\n]}\n");
    w_flush(w);
}

/* The smallest square-ish grid: columns = ceil(sqrt(tiles)). */
static void grid_size(size_t tiles, size_t *columns, size_t *rows)
{
    size_t c = (size_t)ceil(sqrt((double)tiles));
    while (c > 1 && (c - 1) * (c - 1) >= tiles)
        c--;
    while (c * c < tiles)
        c++;
    *columns = c;
    *rows = (tiles + c - 1) / c;
}

int ly_synth_write(FILE *out, const ly_district *src, const ly_synth_desc *desc,
                   ly_synth_info *info, char *err, size_t err_len)
{
    if (info)
        memset(info, 0, sizeof *info);
    tmpl t;
    size_t dropped = 0;
    if (tmpl_build(&t, src, &dropped)) {
        snprintf(err, err_len, "out of memory for the source's %zu buildings", src->n_buildings);
        return -1;
    }
    if (!t.n_b || !desc->buildings) {
        snprintf(err, err_len, "the source has no building to copy (%zu buildings, %zu without "
                 "a ring at 1e-7 degree)", src->n_buildings, dropped);
        tmpl_free(&t);
        return -1;
    }
    size_t tiles = (desc->buildings + t.n_b - 1) / t.n_b;
    grid g = {&t, 0, 0, 0, 0, UNITS / M_PER_DEG};
    grid_size(tiles, &g.columns, &g.rows);
    g.street_lat = llround(LY_SYNTH_STREET_M * g.lat_units_per_m);
    g.step_lat = t.box[3] - t.box[1] + g.street_lat;
    if (!grid_fits(&g)) {
        snprintf(err, err_len, "%zu tiles of the source in a %zux%zu grid would reach beyond "
                 "latitude %g or longitude 180", tiles, g.columns, g.rows, LAT_LIMIT);
        tmpl_free(&t);
        return -1;
    }
    writer w = {out, malloc(WBUF_SIZE), 0, 0, 0};
    if (!w.buf) {
        snprintf(err, err_len, "out of memory");
        tmpl_free(&t);
        return -1;
    }
    ly_synth_info got = {desc->buildings, tiles, g.columns, g.rows, t.n_b, dropped, 0, 0, 0};
    write_city(&w, &t, desc, &g, tiles, &got);
    free(w.buf);
    got.bytes = w.bytes;
    if (info)
        *info = got;
    tmpl_free(&t);
    if (w.error) {
        snprintf(err, err_len, "cannot write: %s", strerror(w.error));
        return -1;
    }
    return 0;
}
