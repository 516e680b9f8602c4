/* ly_ground: layer ranges in drawing order, fills with exact areas (holes
 * subtracted), road buffers with caps and joins (areas, no gaps, no spikes),
 * the coast on the land side and not along the edge of the world, the
 * boundary line, degenerate input, and the bundled district and sf-buildings. */
#include "check.h"
#include "district_text.h"
#include "louyu/geo.h"
#include "louyu/ground.h"


static const double PI = 3.14159265358979323846;

/* ---- building districts in memory ------------------------------------------ */


static void road(json_buf *j, const char *cls, double width, const double *xy, int n)
{
    sep(j);
    add(j,
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"road\",\"class\":\"%s\","
        "\"width_m\":%g},\"geometry\":{\"type\":\"LineString\",\"coordinates\":",
        cls, width);
    coords(j, xy, n, false);
    add(j, "}}");
}

/* A polygon feature from rings of n[k] points each. */
static void area(json_buf *j, const char *kind, const double *const *rings, const int *n,
                 int n_rings)
{
    sep(j);
    add(j,
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"%s\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[",
        kind);
    for (int k = 0; k < n_rings; k++) {
        if (k)
            add(j, ",");
        coords(j, rings[k], n[k], true);
    }
    add(j, "]}}");
}

static void building(json_buf *j, double x, double y)
{
    double sq[8] = {x, y, x + 20, y, x + 20, y + 20, x, y + 20};
    sep(j);
    add(j, "{\"type\":\"Feature\",\"properties\":{\"height_m\":30},"
           "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[");
    coords(j, sq, 4, true);
    add(j, "]}}");
}

static int load(ly_district *d, json_buf *j)
{
    add(j, "]}");
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    int r = ly_district_load_mem(d, j->text, j->n, "t", NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    return r;
}

/* ---- measuring the result ---------------------------------------------------- */

static double tri_area(const ly_ground *g, size_t t)
{
    const float *a = g->vertices[g->indices[t]].pos, *b = g->vertices[g->indices[t + 1]].pos,
                *c = g->vertices[g->indices[t + 2]].pos;
    return 0.5 * (((double)b[0] - a[0]) * ((double)c[1] - a[1]) -
                  ((double)c[0] - a[0]) * ((double)b[1] - a[1]));
}

static double layer_area(const ly_ground *g, int layer)
{
    double s = 0;
    for (size_t t = g->first[layer]; t < g->first[layer] + g->count[layer]; t += 3)
        s += fabs(tri_area(g, t));
    return s;
}

static bool covered(const ly_ground *g, int layer, double x, double y)
{
    for (size_t t = g->first[layer]; t < g->first[layer] + g->count[layer]; t += 3) {
        const float *p[3];
        for (int k = 0; k < 3; k++)
            p[k] = g->vertices[g->indices[t + k]].pos;
        int pos = 0, neg = 0;
        for (int k = 0; k < 3; k++) {
            const float *a = p[k], *b = p[(k + 1) % 3];
            double c = ((double)b[0] - a[0]) * (y - a[1]) - ((double)b[1] - a[1]) * (x - a[0]);
            pos += c >= -1e-9;
            neg += c <= 1e-9;
        }
        if (pos == 3 || neg == 3)
            return true;
    }
    return false;
}

/* covered() at (x, y) given in the metres the test data was written in */
static bool covered_at(const ly_ground *g, const ly_geo *geo, int layer, double x, double y)
{
    double px, py;
    ly_proj_forward(&geo->proj, lon_of(x), lat_of(y), &px, &py);
    return covered(g, layer, px, py);
}

static double seg_dist(double x, double y, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

static double line_dist(double x, double y, const double *xy, size_t n)
{
    double best = INFINITY;
    for (size_t i = 0; i + 1 < n; i++)
        best = fmin(best, seg_dist(x, y, xy + 2 * i, xy + 2 * i + 2));
    return best;
}

/* Area and perimeter of ring `r` in projected metres. */
static double ring_area(const ly_geo *geo, const ly_ring *r)
{
    const double *p = geo->xy + 2 * (size_t)r->first_point;
    double a = 0;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        a += 0.5 * (p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1]);
    return fabs(a);
}

static double ring_perimeter(const ly_geo *geo, const ly_ring *r)
{
    const double *p = geo->xy + 2 * (size_t)r->first_point;
    double s = 0;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        s += hypot(p[2 * i] - p[2 * j], p[2 * i + 1] - p[2 * j + 1]);
    return s;
}

static const ly_feature *find_kind(const ly_district *d, ly_kind kind, int nth)
{
    for (size_t f = 0; f < d->n_features; f++)
        if (d->features[f].kind == kind && nth-- == 0)
            return &d->features[f];
    return NULL;
}

/* Invariants of every ground: ranges, indices, layer bytes, finite values,
 * z = 0, counter-clockwise triangles, and the land plane around everything. */
static void sane(const ly_ground *g, const ly_geo *geo)
{
    size_t next = 0;
    for (int l = 0; l < LY_GROUND_LAYERS; l++) {
        CHECK_INT(g->first[l], next);
        CHECK_INT(g->count[l] % 3, 0);
        next = g->first[l] + g->count[l];
    }
    CHECK_INT(next, g->n_indices);
    CHECK_INT(g->count[LY_GROUND_LAND], 6);
    CHECK_INT(sizeof(ly_ground_vertex), 24);
    size_t bad_index = 0, bad_layer = 0, cw = 0;
    for (int l = 0; l < LY_GROUND_LAYERS; l++)
        for (size_t i = g->first[l]; i < g->first[l] + g->count[l]; i++) {
            if (g->indices[i] >= g->n_vertices) {
                bad_index++;
                continue;
            }
            bad_layer += g->vertices[g->indices[i]].layer != l;
            if ((i - g->first[l]) % 3 == 2 && !bad_index && tri_area(g, i - 2) < -1e-6)
                cw++;
        }
    CHECK_INT(bad_index, 0);
    CHECK_INT(bad_layer, 0);
    CHECK_INT(cw, 0);
    size_t not_finite = 0, not_flat = 0, outside = 0;
    for (uint32_t v = 0; v < g->n_vertices; v++) {
        const ly_ground_vertex *p = &g->vertices[v];
        not_finite +=
            !isfinite(p->pos[0]) || !isfinite(p->pos[1]) || !isfinite(p->u) || !isfinite(p->v);
        not_flat += p->pos[2] != 0;
        outside += !(p->pos[0] >= g->min[0] && p->pos[0] <= g->max[0] && p->pos[1] >= g->min[1] &&
                     p->pos[1] <= g->max[1]);
    }
    CHECK_INT(not_finite, 0);
    CHECK_INT(not_flat, 0);
    CHECK_INT(outside, 0);
    /* the land reaches at least 2 km beyond every point of the data */
    size_t near_edge = 0;
    for (size_t i = 0; i < geo->n_points; i++) {
        double x = geo->xy[2 * i], y = geo->xy[2 * i + 1];
        if (isfinite(x) && isfinite(y))
            near_edge += !(x - g->min[0] >= 2000 && g->max[0] - x >= 2000 &&
                           y - g->min[1] >= 2000 && g->max[1] - y >= 2000);
    }
    CHECK_INT(near_edge, 0);
}

static void build(json_buf *j, ly_district *d, ly_geo *geo, ly_ground *g)
{
    CHECK_INT(load(d, j), LY_LOAD_OK);
    CHECK_INT(ly_geo_init(geo, d), 0);
    CHECK_INT(ly_ground_init(g, d, geo), 0);
    sane(g, geo);
}

static void release(ly_district *d, ly_geo *geo, ly_ground *g)
{
    ly_ground_deinit(g);
    ly_geo_deinit(geo);
    ly_district_unload(d);
}

/* ---- roads ------------------------------------------------------------------- */

/* A road given as its area (a Polygon, as CityJSON gives roads): filled in its class's
 * layer, whatever the class (a major road's area had not been drawn at all). */
static void road_areas(void)
{
    static const char *const CLASSES[] = {"primary", "tertiary", "residential", "footway"};
    for (int c = 0; c < 4; c++) {
        double sq[] = {0, 0, 40, 0, 40, 20, 0, 20};
        json_buf *j = malloc(sizeof *j);
        begin(j);
        sep(j);
        add(j, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"road\",\"class\":\"%s\"},"
               "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[", CLASSES[c]);
        coords(j, sq, 4, true);
        add(j, "]}}");
        ly_district d;
        ly_geo geo;
        ly_ground g;
        build(j, &d, &geo, &g);
        free(j);
        bool major = c < 2;
        const ly_ring *rg = &d.rings[d.polygons[d.features[0].first_polygon].first_ring];
        double a = ring_area(&geo, rg);
        CHECK(a > 700);
        CHECK_NEAR(layer_area(&g, major ? LY_GROUND_ROAD_MAJOR : LY_GROUND_ROAD_MINOR), a,
                   1e-6 * a);
        CHECK_INT(g.count[major ? LY_GROUND_ROAD_MINOR : LY_GROUND_ROAD_MAJOR], 0);
        CHECK_INT(g.count[LY_GROUND_ROAD_CASING], 0);
        ly_ground_deinit(&g);
        ly_geo_deinit(&geo);
        ly_district_unload(&d);
    }
}

/* One road: its layer has no gaps (samples along the centreline and at
 * ±0.45 w across it, and around each vertex, are covered) and no spikes
 * (every vertex within w/2 of the centreline, the casing within w/2 + 1.5). */
static void one_road(const char *cls, double width, const double *pts, int n, double *length,
                     double *road_area, double *casing_area)
{
    json_buf *j = malloc(sizeof *j);
    begin(j);
    road(j, cls, width, pts, n);
    ly_district d;
    ly_geo geo;
    ly_ground g;
    build(j, &d, &geo, &g);
    free(j);
    bool major = strcmp(cls, "residential") != 0 && strcmp(cls, "footway") != 0;
    int layer = major ? LY_GROUND_ROAD_MAJOR : LY_GROUND_ROAD_MINOR;
    CHECK(g.count[layer] > 0);
    CHECK_INT(g.count[major ? LY_GROUND_ROAD_MINOR : LY_GROUND_ROAD_MAJOR], 0);
    const ly_line *line = &d.lines[d.features[0].first_line];
    const double *xy = geo.xy + 2 * (size_t)line->first_point;
    size_t np = line->n_points;
    double r = 0.5 * width, len = 0;
    size_t gaps = 0;
    for (size_t i = 0; i + 1 < np; i++) {
        const double *a = xy + 2 * i, *b = xy + 2 * i + 2;
        double dx = b[0] - a[0], dy = b[1] - a[1], l = hypot(dx, dy);
        double nx = -dy / l, ny = dx / l;
        len += l;
        for (double s = 0; s <= l; s += 0.5)
            for (int k = -1; k <= 1; k++) {
                double x = a[0] + dx * s / l + k * 0.45 * width * nx;
                double y = a[1] + dy * s / l + k * 0.45 * width * ny;
                gaps += !covered(&g, layer, x, y);
                gaps += !covered(&g, LY_GROUND_ROAD_CASING, x, y);
            }
    }
    /* a ring of 0.45 w around every vertex: the caps and the outer side of joins */
    for (size_t i = 0; i < np; i++)
        for (int k = 0; k < 64; k++) {
            double x = xy[2 * i] + 0.45 * width * cos(2 * PI * k / 64);
            double y = xy[2 * i + 1] + 0.45 * width * sin(2 * PI * k / 64);
            gaps += !covered(&g, layer, x, y);
        }
    if (gaps)
        fprintf(stderr, "road %s %g m wide, %zu points: %zu gaps\n", cls, width, np, gaps);
    CHECK_INT(gaps, 0);
    size_t spikes = 0, bad_uv = 0;
    for (size_t t = g.first[LY_GROUND_ROAD_CASING]; t < g.first[LY_GROUND_ROAD_MAJOR + 1]; t++) {
        const ly_ground_vertex *v = &g.vertices[g.indices[t]];
        double rr = v->layer == LY_GROUND_ROAD_CASING ? r + 1.5 : r;
        spikes += line_dist(v->pos[0], v->pos[1], xy, np) > rr + 1e-3;
        bad_uv += fabsf(v->v) > rr + 1e-3 || v->u < -rr - 1e-3 || v->u > len + rr + 1e-3;
    }
    CHECK_INT(spikes, 0);
    CHECK_INT(bad_uv, 0);
    *length = len;
    *road_area = layer_area(&g, layer);
    *casing_area = layer_area(&g, LY_GROUND_ROAD_CASING);
    release(&d, &geo, &g);
}

static void roads(void)
{
    double len, a, ca;
    /* straight, 10 m wide, ~100 m long: a rectangle and two round caps */
    double straight[] = {0, 0, 0, 100};
    one_road("residential", 10, straight, 2, &len, &a, &ca);
    CHECK_NEAR(len, 100, 1);
    CHECK_NEAR(a, len * 10 + PI * 25, 0.03 * (len * 10 + PI * 25));
    CHECK_NEAR(ca, len * 13 + PI * 6.5 * 6.5, 0.03 * (len * 13 + PI * 6.5 * 6.5));
    /* an L: two arms, the caps, and a quarter circle outside the corner */
    double ell[] = {0, 0, 80, 0, 80, 80};
    one_road("primary", 10, ell, 3, &len, &a, &ca);
    CHECK_NEAR(a, len * 10 + 1.25 * PI * 25, 0.03 * (len * 10 + 1.25 * PI * 25));
    /* sharp turns either way, a hairpin, a zigzag and a polyline with short segments */
    double left90[] = {0, 0, 60, 0, 60, 60};
    double right90[] = {0, 0, 60, 0, 60, -60};
    double c170 = cos(170 * PI / 180), s170 = sin(170 * PI / 180);
    double turn170[] = {0, 0, 100, 0, 100 + 100 * c170, 100 * s170};
    double turn170r[] = {0, 0, 100, 0, 100 + 100 * c170, -100 * s170};
    double zigzag[] = {0, 0, 30, 5, 0, 10, 30, 15, 0, 20};
    double wiggle[] = {0, 0, 1, 0.2, 2, -0.1, 2.5, 0.8, 3, 0, 40, 30};
    one_road("tertiary", 12, left90, 3, &len, &a, &ca);
    one_road("tertiary", 12, right90, 3, &len, &a, &ca);
    one_road("secondary", 12, turn170, 3, &len, &a, &ca);
    one_road("footway", 4, turn170r, 3, &len, &a, &ca);
    one_road("primary", 24, zigzag, 5, &len, &a, &ca);
    one_road("residential", 8, wiggle, 6, &len, &a, &ca);
}

/* ---- water, coast, park, boundary -------------------------------------------- */

static void areas(void)
{
    /* The sea spans the whole width and the south of the data: its west, south
     * and east sides are where it was cut off, its north side is the shore. */
    double sea[] = {-500, -400, 500, -400, 500, 0, -500, 0};
    double island[] = {-100, -300, -100, -100, 100, -100, 100, -300}; /* clockwise */
    double park[] = {200, 100, 300, 100, 300, 200, 200, 200};
    double bound[] = {-300, 50, 300, 50, 300, 350, -300, 350};
    double rd[] = {-200, 100, -200, 400};
    json_buf *j = malloc(sizeof *j);
    begin(j);
    area(j, "water", (const double *const[]){sea, island}, (const int[]){4, 4}, 2);
    area(j, "park", (const double *const[]){park}, (const int[]){4}, 1);
    area(j, "boundary", (const double *const[]){bound}, (const int[]){4}, 1);
    road(j, "secondary", 16, rd, 2);
    building(j, 0, 100);
    ly_district d;
    ly_geo geo;
    ly_ground g;
    build(j, &d, &geo, &g);
    free(j);

    const ly_feature *fw = find_kind(&d, LY_KIND_WATER, 0);
    const ly_polygon *pw = &d.polygons[fw->first_polygon];
    const ly_ring *outer = &d.rings[pw->first_ring], *hole = outer + 1;
    double water = ring_area(&geo, outer) - ring_area(&geo, hole);
    CHECK(water > 3e5);
    CHECK_NEAR(layer_area(&g, LY_GROUND_WATER), water, 1e-6 * water);

    const ly_feature *fp = find_kind(&d, LY_KIND_PARK, 0);
    double pa = ring_area(&geo, &d.rings[d.polygons[fp->first_polygon].first_ring]);
    CHECK_NEAR(layer_area(&g, LY_GROUND_PARK), pa, 1e-6 * pa);

    const ly_feature *fb = find_kind(&d, LY_KIND_BOUNDARY, 0);
    const ly_ring *br = &d.rings[d.polygons[fb->first_polygon].first_ring];
    double ba = ring_area(&geo, br), bp = ring_perimeter(&geo, br);
    CHECK_NEAR(layer_area(&g, LY_GROUND_BOUNDARY_FILL), ba, 1e-6 * ba);

    /* the boundary line: 4 m wide, u from 0 to the perimeter */
    float umin = INFINITY, umax = -INFINITY, vmax = 0;
    for (size_t i = g.first[LY_GROUND_BOUNDARY_LINE];
         i < g.first[LY_GROUND_BOUNDARY_LINE] + g.count[LY_GROUND_BOUNDARY_LINE]; i++) {
        const ly_ground_vertex *v = &g.vertices[g.indices[i]];
        umin = fminf(umin, v->u);
        umax = fmaxf(umax, v->u);
        vmax = fmaxf(vmax, fabsf(v->v));
    }
    CHECK(g.count[LY_GROUND_BOUNDARY_LINE] > 0);
    CHECK_NEAR(umin, 0, 1e-3);
    CHECK_NEAR(umax, bp, 1e-3);
    CHECK_NEAR(vmax, 2, 1e-4);
    CHECK_NEAR(layer_area(&g, LY_GROUND_BOUNDARY_LINE), bp * 4, 0.01 * bp * 4);
    CHECK(covered_at(&g, &geo, LY_GROUND_BOUNDARY_LINE, 0, 50 + 1.5));
    CHECK(covered_at(&g, &geo, LY_GROUND_BOUNDARY_LINE, 0, 50 - 1.5));
    CHECK(!covered_at(&g, &geo, LY_GROUND_BOUNDARY_LINE, 0, 200));

    /* The coast: along the shore (north side) and around the island, on the
     * land side; nothing along the three cut-off sides. */
    const double *so = geo.xy + 2 * (size_t)outer->first_point;
    /* outer ring points as written: SW, SE, NE, NW */
    double shore = hypot(so[4] - so[6], so[5] - so[7]);
    double island_p = ring_perimeter(&geo, hole), w = 6;
    CHECK_NEAR(layer_area(&g, LY_GROUND_COAST), shore * w + island_p * w - 4 * w * w,
               0.002 * (shore * w + island_p * w));
    const double *ho = geo.xy + 2 * (size_t)hole->first_point;
    double hx0 = INFINITY, hy0 = INFINITY, hx1 = -INFINITY, hy1 = -INFINITY;
    for (uint32_t i = 0; i < hole->n_points; i++) {
        hx0 = fmin(hx0, ho[2 * i]);
        hx1 = fmax(hx1, ho[2 * i]);
        hy0 = fmin(hy0, ho[2 * i + 1]);
        hy1 = fmax(hy1, ho[2 * i + 1]);
    }
    double ny = fmin(so[5], so[7]), nx0 = so[6], nx1 = so[4];
    size_t stray = 0;
    for (size_t i = g.first[LY_GROUND_COAST];
         i < g.first[LY_GROUND_COAST] + g.count[LY_GROUND_COAST]; i++) {
        const ly_ground_vertex *v = &g.vertices[g.indices[i]];
        double x = v->pos[0], y = v->pos[1];
        bool on_island = x >= hx0 - 0.01 && x <= hx1 + 0.01 && y >= hy0 - 0.01 && y <= hy1 + 0.01;
        bool on_shore = x >= nx0 - 0.01 && x <= nx1 + 0.01 && y >= ny - 0.01 && y <= ny + w + 0.1;
        stray += !on_island && !on_shore;
        stray += v->v < 0 || v->v > w + 1e-4;
    }
    CHECK_INT(stray, 0);
    /* the island's band is inside the hole, on the island; the shore's north of it */
    double hx = 0.5 * (hx0 + hx1);
    CHECK(covered(&g, LY_GROUND_COAST, hx, hy1 - 3));
    CHECK(!covered(&g, LY_GROUND_COAST, hx, hy1 + 3));
    CHECK(!covered(&g, LY_GROUND_COAST, hx, 0.5 * (hy0 + hy1)));
    CHECK(covered(&g, LY_GROUND_COAST, hx, ny + 3));
    CHECK(!covered(&g, LY_GROUND_COAST, hx, ny - 3));

    /* roads are there, on top */
    CHECK(g.count[LY_GROUND_ROAD_CASING] > 0 && g.count[LY_GROUND_ROAD_MAJOR] > 0);
    CHECK_INT(g.count[LY_GROUND_ROAD_MINOR], 0);
    release(&d, &geo, &g);

    /* A sea that is all of the data: every side is a cut, so no coast at all. */
    j = malloc(sizeof *j);
    begin(j);
    area(j, "water", (const double *const[]){sea}, (const int[]){4}, 1);
    build(j, &d, &geo, &g);
    free(j);
    CHECK(g.count[LY_GROUND_WATER] > 0);
    CHECK_INT(g.count[LY_GROUND_COAST], 0);
    release(&d, &geo, &g);

    /* A lake within the data: a band all round, outside, with round outer corners. */
    j = malloc(sizeof *j);
    begin(j);
    area(j, "water", (const double *const[]){park}, (const int[]){4}, 1);
    building(j, 0, 0);
    building(j, 400, 400);
    build(j, &d, &geo, &g);
    free(j);
    const ly_ring *lake =
        &d.rings[d.polygons[find_kind(&d, LY_KIND_WATER, 0)->first_polygon].first_ring];
    double lp = ring_perimeter(&geo, lake);
    CHECK_NEAR(layer_area(&g, LY_GROUND_COAST), lp * 6 + PI * 36, 0.01 * (lp * 6 + PI * 36));
    CHECK(covered_at(&g, &geo, LY_GROUND_COAST, 250, 100 - 3));
    CHECK(covered_at(&g, &geo, LY_GROUND_COAST, 300 + 3, 100 - 3)); /* the round corner */
    CHECK(!covered_at(&g, &geo, LY_GROUND_COAST, 250, 100 + 3));
    release(&d, &geo, &g);
}

/* Inside ring r (projected), by the crossing rule. */
static bool inside_ring(const ly_geo *geo, const ly_ring *r, double x, double y)
{
    const double *p = geo->xy + 2 * (size_t)r->first_point;
    bool in = false;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        if ((p[2 * i + 1] > y) != (p[2 * j + 1] > y) &&
            x < p[2 * j] +
                    (p[2 * i] - p[2 * j]) * (y - p[2 * j + 1]) / (p[2 * i + 1] - p[2 * j + 1]))
            in = !in;
    return in;
}

static double ring_dist(const ly_geo *geo, const ly_ring *r, double x, double y)
{
    const double *p = geo->xy + 2 * (size_t)r->first_point;
    double best = INFINITY;
    for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
        best = fmin(best, seg_dist(x, y, p + 2 * j, p + 2 * i));
    return best;
}

/* A sharp headland reaching into a lake: the coast band stays on the land,
 * cut back at the tip instead of spilling over the water. */
static void headland(void)
{
    double lake[] = {0, 0, 300, 0, 300, 300, 180, 300, 150, 100, 120, 300, 0, 300};
    json_buf *j = malloc(sizeof *j);
    begin(j);
    area(j, "water", (const double *const[]){lake}, (const int[]){7}, 1);
    building(j, -100, -100);
    building(j, 400, 400);
    ly_district d;
    ly_geo geo;
    ly_ground g;
    build(j, &d, &geo, &g);
    free(j);
    const ly_ring *r = &d.rings[d.polygons[d.features[0].first_polygon].first_ring];
    size_t spilled = 0;
    for (size_t i = g.first[LY_GROUND_COAST];
         i < g.first[LY_GROUND_COAST] + g.count[LY_GROUND_COAST]; i++) {
        const float *v = g.vertices[g.indices[i]].pos;
        spilled += inside_ring(&geo, r, v[0], v[1]) && ring_dist(&geo, r, v[0], v[1]) > 1e-3;
    }
    CHECK(g.count[LY_GROUND_COAST] > 0);
    CHECK_INT(spilled, 0);
    CHECK(covered_at(&g, &geo, LY_GROUND_COAST, 150, 102)); /* the tip of the headland */
    CHECK(!covered_at(&g, &geo, LY_GROUND_COAST, 150, 98));
    release(&d, &geo, &g);
}

/* ---- degenerate input ---------------------------------------------------------- */

static void degenerate(void)
{
    double rep[] = {0, 0, 0, 0, 0, 50, 0, 50, 30, 50};
    double two[] = {100, 0, 100, 50};
    double nan_road[] = {200, 0, 200, 50, 250, 50};
    double all_nan[] = {300, 0, 300, 50};
    double back[] = {400, 0, 400, 50, 400, 0}; /* a 180° reversal */
    double sea[] = {-500, -400, 500, -400, 500, -10, 0, -20, -500, -10};
    json_buf *j = malloc(sizeof *j);
    begin(j);
    road(j, "primary", 10, rep, 5);
    road(j, "primary", 10, two, 2);
    road(j, "primary", 10, nan_road, 3);
    road(j, "primary", 10, all_nan, 2);
    road(j, "primary", 10, back, 3);
    area(j, "water", (const double *const[]){sea}, (const int[]){5}, 1);
    ly_district d;
    ly_geo geo;
    CHECK_INT(load(&d, j), LY_LOAD_OK);
    free(j);
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    /* one distinct point, a NaN in a road, a road of NaNs, a NaN in the sea */
    double *p1 = geo.xy + 2 * (size_t)d.lines[d.features[1].first_line].first_point;
    p1[2] = p1[0];
    p1[3] = p1[1];
    double *p2 = geo.xy + 2 * (size_t)d.lines[d.features[2].first_line].first_point;
    p2[2] = NAN;
    double *p3 = geo.xy + 2 * (size_t)d.lines[d.features[3].first_line].first_point;
    p3[0] = p3[1] = p3[2] = p3[3] = NAN;
    const ly_feature *fw = find_kind(&d, LY_KIND_WATER, 0);
    double *p4 = geo.xy + 2 * (size_t)d.rings[d.polygons[fw->first_polygon].first_ring].first_point;
    p4[7] = NAN;
    ly_ground g;
    CHECK_INT(ly_ground_init(&g, &d, &geo), 0);
    sane(&g, &geo);
    CHECK(covered_at(&g, &geo, LY_GROUND_ROAD_MAJOR, 15, 50));   /* the repeated-point road */
    CHECK(!covered_at(&g, &geo, LY_GROUND_ROAD_MAJOR, 100, 25)); /* one distinct point: skipped */
    CHECK(covered_at(&g, &geo, LY_GROUND_ROAD_MAJOR, 225, 25));  /* NaN dropped: 200,0 to 250,50 */
    CHECK(covered_at(&g, &geo, LY_GROUND_ROAD_MAJOR, 400, 54));  /* the reversal's cap */
    CHECK(g.count[LY_GROUND_WATER] > 0);
    ly_ground_deinit(&g);
    ly_ground_deinit(&g); /* twice is fine */
    ly_ground_deinit(NULL);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);

    /* a district of buildings only, and an empty one: just the land */
    for (int k = 0; k < 2; k++) {
        j = malloc(sizeof *j);
        begin(j);
        if (!k)
            building(j, 0, 0);
        build(j, &d, &geo, &g);
        free(j);
        CHECK_INT(g.n_indices, 6);
        CHECK_INT(g.n_vertices, 4);
        CHECK(g.min[0] <= -2000 && g.max[0] >= 2000 && g.min[1] <= -2000 && g.max[1] >= 2000);
        release(&d, &geo, &g);
    }
}

/* ---- real data ------------------------------------------------------------------ */

static void real(const char *path, bool expect_features)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(&d, path, NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_ground g;
    CHECK_INT(ly_ground_init(&g, &d, &geo), 0);
    sane(&g, &geo);
    printf("%s: %u vertices, %zu indices;", path, g.n_vertices, g.n_indices);
    for (int l = 0; l < LY_GROUND_LAYERS; l++)
        printf(" %zu", g.count[l] / 3);
    printf(" triangles per layer; land %.0f..%.0f x %.0f..%.0f m\n", g.min[0], g.max[0], g.min[1],
           g.max[1]);
    if (expect_features) {
        for (int l = LY_GROUND_WATER; l < LY_GROUND_LAYERS; l++)
            CHECK(g.count[l] > 0);
        /* the sea's cut-off sides carry no coast: the band is a fraction of its outline */
        const ly_feature *fw = find_kind(&d, LY_KIND_WATER, 0);
        const ly_ring *r = &d.rings[d.polygons[fw->first_polygon].first_ring];
        CHECK(layer_area(&g, LY_GROUND_COAST) < 0.7 * 6 * ring_perimeter(&geo, r));
        const ly_feature *fb = find_kind(&d, LY_KIND_BOUNDARY, 0);
        double bp = ring_perimeter(&geo, &d.rings[d.polygons[fb->first_polygon].first_ring]);
        float umax = 0;
        for (size_t i = g.first[LY_GROUND_BOUNDARY_LINE]; i < g.n_indices; i++)
            umax = fmaxf(umax, g.vertices[g.indices[i]].u);
        CHECK_NEAR(umax, bp, 1e-3 * bp);
    } else {
        CHECK_INT(g.n_indices, 6);
    }
    ly_ground_deinit(&g);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

int main(void)
{
    roads();
    road_areas();
    areas();
    headland();
    degenerate();
    real(LY_SOURCE_DIR "/data/zhanshan.geojson", true);
    real(LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson", false);
    return check_report();
}
