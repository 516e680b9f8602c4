/* ly_walk: the graph of hand-made districts with known answers (a straight road, an L,
 * crossings and a T without shared points, a cul-de-sac, a disconnected piece, a point
 * on a vertex, zero-length segments, one-point lines), random lattices against
 * Floyd-Warshall, buildings, no roads at all, routes as long as their distances,
 * nearby POIs and walking areas on the bundled district, and timings (printed, never
 * asserted) on it and on a synthetic city of 10,000+ edges. */
#include "check.h"
#include "district_text.h"
#include "louyu/clock.h"
#include "louyu/geo.h"
#include "louyu/overlay.h"
#include "louyu/synth.h"
#include "louyu/walk.h"


/* ---- districts in memory ---------------------------------------------------------- */


static void road(json_buf *j, const char *cls, const double *xy, int n)
{
    sep(j);
    add(j,
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"road\",\"class\":\"%s\"},"
        "\"geometry\":{\"type\":\"LineString\",\"coordinates\":",
        cls);
    coords(j, xy, n, false);
    add(j, "}}");
}

#define ROAD(j, ...)                                                                               \
    do {                                                                                           \
        double xy_[] = {__VA_ARGS__};                                                              \
        road(j, "residential", xy_, (int)(sizeof xy_ / sizeof *xy_ / 2));                          \
    } while (0)

/* A MultiLineString road: parts of n[k] points each, one after another in xy. */
static void multi_road(json_buf *j, const double *xy, const int *n, int parts)
{
    sep(j);
    add(j, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"road\",\"class\":\"footway\"},"
           "\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[");
    for (int k = 0, o = 0; k < parts; o += n[k++]) {
        if (k)
            add(j, ",");
        coords(j, xy + 2 * o, n[k], false);
    }
    add(j, "]}}");
}

static void ring_building(json_buf *j, const char *id, const double *xy, int n)
{
    sep(j);
    add(j,
        "{\"type\":\"Feature\",\"id\":\"%s\",\"properties\":{\"height_m\":30},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[",
        id);
    coords(j, xy, n, true);
    add(j, "]}}");
}

static void box_building(json_buf *j, const char *id, double x0, double y0, double x1, double y1)
{
    double sq[8] = {x0, y0, x1, y0, x1, y1, x0, y1};
    ring_building(j, id, sq, 4);
}

static void poi(json_buf *j, const char *category, double x, double y)
{
    sep(j);
    add(j,
        "{\"type\":\"Feature\",\"properties\":{\"kind\":\"poi\",\"category\":\"%s\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.17g,%.17g]}}",
        category, lon_of(x), lat_of(y));
}

static int load_text(ly_district *d, const char *text, size_t n)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    int r = ly_district_load_mem(d, text, n, "t", NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    return r;
}

/* A loaded district with its projection and graph. */
typedef struct {
    ly_district d;
    ly_geo geo;
    ly_walk *w;
} world;

static bool world_load(world *t, json_buf *j)
{
    add(j, "]}");
    memset(t, 0, sizeof *t);
    if (load_text(&t->d, j->text, j->n) != LY_LOAD_OK || ly_geo_init(&t->geo, &t->d))
        return false;
    t->w = ly_walk_create(&t->d, &t->geo);
    return t->w != NULL;
}

static void world_free(world *t)
{
    ly_walk_destroy(t->w);
    ly_geo_deinit(&t->geo);
    ly_district_unload(&t->d);
}

/* Test metres (x, y) to the projected metres the module works in. */
typedef struct {
    double x, y;
} pt;

static pt P(const world *t, double x, double y)
{
    pt p;
    ly_proj_forward(&t->geo.proj, lon_of(x), lat_of(y), &p.x, &p.y);
    return p;
}

static double dist(pt a, pt b)
{
    return hypot(a.x - b.x, a.y - b.y);
}

/* The walking distance between two points (test metres), no limit. */
static double walk_xy(const world *t, double x0, double y0, double x1, double y1)
{
    pt a = P(t, x0, y0), b = P(t, x1, y1);
    ly_walk_from *s = ly_walk_search_point(t->w, a.x, a.y, 1e9);
    double d = ly_walk_distance(t->w, s, b.x, b.y);
    ly_walk_from_destroy(s);
    return d;
}

static double polyline_length(const double *xy, size_t n)
{
    double s = 0;
    for (size_t i = 1; i < n; i++)
        s += hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
    return s;
}

/* The route to (x, y) (projected): it starts at the origin `o` (when given), ends at
 * the point, and is as long as the distance. */
static void check_route(const ly_walk *w, const ly_walk_from *s, pt target, const pt *o,
                        double expect)
{
    double xy[2 * 4096];
    size_t n = ly_walk_path(w, s, target.x, target.y, xy, 4096);
    if (expect < 0) {
        CHECK_INT(n, 0);
        return;
    }
    CHECK(n >= 1 && n <= 4096);
    if (n < 1 || n > 4096)
        return;
    CHECK_NEAR(polyline_length(xy, n), expect, 1e-6 * (1 + expect));
    CHECK_NEAR(xy[2 * n - 2], target.x, 1e-9);
    CHECK_NEAR(xy[2 * n - 1], target.y, 1e-9);
    if (o) {
        CHECK_NEAR(xy[0], o->x, 1e-9);
        CHECK_NEAR(xy[1], o->y, 1e-9);
    }
    /* a short buffer gets the route's first points and the same count */
    double few[4] = {-1, -1, -1, -1};
    CHECK_INT(ly_walk_path(w, s, target.x, target.y, few, 2), n);
    CHECK(n < 2 || (few[0] == xy[0] && few[3] == xy[3]));
}

/* ---- hand-made districts ------------------------------------------------------------ */

static void test_straight(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, 0, 0, 200, 0);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_nodes(t.w), 2);
    CHECK_INT(ly_walk_edges(t.w), 1);
    pt o = P(&t, 50, 10), a = P(&t, 50, 0), b = P(&t, 150, 0), q = P(&t, 150, -5);
    ly_walk_from *s = ly_walk_search_point(t.w, o.x, o.y, 1000);
    double expect = dist(o, a) + dist(a, b) + dist(b, q); /* along the one edge */
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), expect, 1e-3);
    CHECK_NEAR(expect, 115, 0.5);
    check_route(t.w, s, q, &o, ly_walk_distance(t.w, s, q.x, q.y));
    double xy[8];
    CHECK_INT(ly_walk_path(t.w, s, q.x, q.y, xy, 4), 4); /* o, onto the road, along, off */
    /* the limit: beyond it, nothing */
    ly_walk_from *near = ly_walk_search_point(t.w, o.x, o.y, 100);
    CHECK(ly_walk_distance(t.w, near, q.x, q.y) < 0);
    CHECK_INT(ly_walk_path(t.w, near, q.x, q.y, xy, 4), 0);
    CHECK(ly_walk_distance(t.w, near, b.x - 20, b.y) > 0);
    ly_walk_from_destroy(near);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

static void test_l_and_vertex(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, 0, 0, 100, 0, 100, 100);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_nodes(t.w), 3);
    CHECK_INT(ly_walk_edges(t.w), 2);
    pt a = P(&t, 0, 0), c = P(&t, 100, 0), e = P(&t, 100, 100);
    /* from a vertex exactly, to a vertex exactly: no legs */
    ly_walk_from *s = ly_walk_search_point(t.w, a.x, a.y, 1000);
    CHECK_NEAR(ly_walk_distance(t.w, s, e.x, e.y), dist(a, c) + dist(c, e), 1e-9);
    CHECK_NEAR(ly_walk_distance(t.w, s, c.x, c.y), dist(a, c), 1e-9);
    CHECK_NEAR(ly_walk_distance(t.w, s, a.x, a.y), 0, 1e-9);
    check_route(t.w, s, e, &a, dist(a, c) + dist(c, e));
    double xy[10];
    CHECK_INT(ly_walk_path(t.w, s, e.x, e.y, xy, 5), 3); /* no repeated points */
    /* a point inside the L's corner walks round it, not across */
    pt in = P(&t, 90, 5), foot = P(&t, 90, 0);
    CHECK_NEAR(ly_walk_distance(t.w, s, in.x, in.y), dist(a, foot) + dist(foot, in), 0.01);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

static void test_crossing_without_vertex(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, -100, 0, 100, 0);
    ROAD(j, 0, -100, 0, 100);
    /* a T: a line that ends 0.3 m short of the first road, with no point there */
    ROAD(j, 50, 50, 50, 0.3);
    /* and one that ends 0.2 m past the second road */
    ROAD(j, -50, 60, 0.2, 60);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_nodes(t.w), 2 + 2 + 1 + 2 + 2);
    CHECK_INT(ly_walk_edges(t.w), 4 + 1 + 1 + 1 + 1);
    CHECK_NEAR(walk_xy(&t, -100, 0, 0, 100), 200, 0.5);
    CHECK_NEAR(walk_xy(&t, 50, 50, 100, 0), 100, 0.5);
    CHECK_NEAR(walk_xy(&t, 50, 50, 0, 100), 50 + 50 + 100, 0.5);
    CHECK_NEAR(walk_xy(&t, -50, 60, 0, -100), 50 + 160, 0.5);
    world_free(&t);
    free(j);
}

static void test_cul_de_sac(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, 0, 0, 0, 300, 20, 300, 20, 0);
    CHECK(world_load(&t, j));
    pt a = P(&t, -2, 0), b = P(&t, 22, 0);
    double d = walk_xy(&t, -2, 0, 22, 0);
    CHECK_NEAR(d, 2 + 300 + 20 + 300 + 2, 1.0);
    CHECK(d > 20 * dist(a, b));
    ly_walk_from *s = ly_walk_search_point(t.w, a.x, a.y, 1e9);
    check_route(t.w, s, b, &a, d);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

static void test_disconnected(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, 0, 0, 100, 0);
    ROAD(j, 0, 500, 100, 500);
    poi(j, "bank", 50, 499);
    poi(j, "bus", 90, 2);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_edges(t.w), 2);
    CHECK(walk_xy(&t, 50, 1, 50, 499) < 0);
    CHECK_NEAR(walk_xy(&t, 50, 1, 80, 30), 1 + 30 + 30, 0.5); /* joins its own road */
    pt o = P(&t, 50, 1), far = P(&t, 50, 499);
    ly_walk_from *s = ly_walk_search_point(t.w, o.x, o.y, 1e9);
    check_route(t.w, s, far, &o, -1);
    ly_walk_nearby nb;
    ly_walk_nearby_pois(t.w, s, &t.d, &t.geo, &nb);
    CHECK_INT(nb.feature[LY_POI_BANK], -1);
    CHECK(nb.metres[LY_POI_BANK] < 0);
    CHECK(nb.feature[LY_POI_BUS] >= 0);
    CHECK_NEAR(nb.metres[LY_POI_BUS], 1 + 40 + 2, 0.5);
    CHECK_INT(nb.feature[LY_POI_METRO], -1);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

/* A building between two streets that meet only 300 m away has doors on both: a bank
 * across the far street is 11 + 9 m away, not round the block (it had joined only the
 * nearer street: 10 + 2 x 300 + 51 + 9). A street beyond the reach (30 m past the
 * nearest) is not joined. */
static void test_both_sides(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, -300, 0, 300, 0);
    ROAD(j, -300, 51, 300, 51);
    ROAD(j, -300, 0, -300, 51);
    ROAD(j, -300, 200, 300, 200); /* 160 m off: not joined */
    ROAD(j, 300, 51, 300, 200);
    box_building(j, "between", -10, 10, 10, 40);
    poi(j, "bank", 0, 60);
    poi(j, "bus", 0, 209);
    CHECK(world_load(&t, j));
    ly_walk_from *s = ly_walk_search_building(t.w, &t.d, &t.geo, 0, 1e9);
    pt q = P(&t, 0, 60), door = P(&t, 0, 40);
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 11 + 9, 0.5);
    check_route(t.w, s, q, NULL, ly_walk_distance(t.w, s, q.x, q.y));
    double xy[16];
    ly_walk_path(t.w, s, q.x, q.y, xy, 8);
    CHECK(hypot(xy[0] - door.x, xy[1] - door.y) < 0.01); /* from the north facade */
    q = P(&t, 0, -5); /* and the nearer street as before */
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 10 + 5, 0.5);
    q = P(&t, 0, 209); /* the far street: by the streets, from the north door */
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 11 + 300 + 149 + 300 + 9, 0.5);
    ly_walk_nearby nb;
    ly_walk_nearby_pois(t.w, s, &t.d, &t.geo, &nb);
    CHECK_NEAR(nb.metres[LY_POI_BANK], 20, 0.5);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

/* A street drawn twice (two features, the same points) still meets the street its end
 * stops 5 m short of: its end is a dead end with two edges to one neighbour (it had been
 * taken for a junction, and the bank on it was unreachable). */
static void test_drawn_twice(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, -100, 0, 100, 0);
    ROAD(j, 0, 5, 0, 100);
    ROAD(j, 0, 5, 0, 100);
    CHECK(world_load(&t, j));
    CHECK_NEAR(walk_xy(&t, -50, 0, 0, 100), 50 + 5 + 95, 0.5);
    world_free(&t);
    free(j);
}

/* A street grid with one road left 1,400 km away (an export's stray): the grid's cells
 * are sized from where the roads are, not from that road, and walking still finds both:
 * the street grid's distances, and a place beside the far road joins it. */
static void test_stray_road(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    for (int k = 0; k <= 40; k++) { /* 41 x 41 streets, 25 m apart, 1,000 m square */
        ROAD(j, 0, k * 25.0, 1000, k * 25.0);
        ROAD(j, k * 25.0, 0, k * 25.0, 1000);
    }
    ROAD(j, 1000000, 1000000, 1000050, 1000000);
    CHECK(world_load(&t, j));
    /* (in projected metres: the far road moves the projection's centre) */
    double along = dist(P(&t, 0, 0), P(&t, 1000, 0)) + dist(P(&t, 1000, 0), P(&t, 1000, 1000));
    CHECK_NEAR(walk_xy(&t, 0, 0, 1000, 1000), along, 0.5); /* along the streets */
    double beside = dist(P(&t, 1000010, 1000003), P(&t, 1000010, 1000000)) +
                    dist(P(&t, 1000010, 1000000), P(&t, 1000040, 1000000)) +
                    dist(P(&t, 1000040, 1000000), P(&t, 1000040, 1000003));
    CHECK_NEAR(walk_xy(&t, 1000010, 1000003, 1000040, 1000003), beside, 0.5);
    CHECK(walk_xy(&t, 0, 0, 1000010, 1000003) < 0); /* not connected */
    world_free(&t);
    free(j);
}

/* The same grid, one of its streets with a vertex left 5,800 km off (a point at 0°, 0° in an
 * export): the cells are sized from the typical segment, not the mean one (which that
 * segment made 1.8 km: the grid in one cell, its crossings over the budget, and none joined). */
static void test_stray_vertex(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    double row[82], col[82];
    for (int k = 0; k <= 40; k++) { /* streets of 40 segments (3,280), crossing mid-segment */
        for (int i = 0; i <= 40; i++) {
            row[2 * i] = i * 25.0, row[2 * i + 1] = k * 25.0;
            col[2 * i] = k * 25.0 + 12.5, col[2 * i + 1] = i * 25.0 - 12.5;
        }
        road(j, "residential", row, 41);
        road(j, "residential", col, 41);
    }
    ROAD(j, 1100, 1000, 1100, 0, -5000000, -3000000);
    CHECK(world_load(&t, j));
    double along =
        dist(P(&t, 0, 0), P(&t, 987.5, 0)) + dist(P(&t, 987.5, 0), P(&t, 987.5, 987.5));
    CHECK_NEAR(walk_xy(&t, 0, 0, 987.5, 987.5), along, 0.5); /* across the crossings */
    world_free(&t);
    free(j);
}

/* A footway scribbled over itself (2,000 segments, each crossing most others: 2 million
 * pairs in a few cells): its crossings are not joined, the graph its own segments. */
static void test_scribble(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    double *xy = malloc(sizeof *xy * 2 * 2001);
    unsigned seed = 7;
    for (int k = 0; k <= 2000; k++) {
        seed = seed * 1103515245u + 12345u;
        xy[2 * k] = k % 2 ? 100 : 0;
        xy[2 * k + 1] = (double)(seed >> 16 & 1023) / 10.23;
    }
    road(j, "footway", xy, 2001);
    /* and 2 km away, two streets that cross without a shared point: joined there (the
     * scribble had turned off every crossing; and most ends being its, the grid covered it
     * alone, the streets crowded into its border cells) */
    ROAD(j, 2000, 2300, 2600, 2300);
    ROAD(j, 2300, 2000, 2300, 2600);
    CHECK(world_load(&t, j));
    CHECK(t.w && ly_walk_edges(t.w) <= 2000 + 4); /* not split at its crossings */
    double across = dist(P(&t, 2000, 2300), P(&t, 2300, 2300)) +
                    dist(P(&t, 2300, 2300), P(&t, 2300, 2000));
    CHECK_NEAR(walk_xy(&t, 2000, 2300, 2300, 2000), across, 0.5);
    world_free(&t);
    free(xy);
    free(j);
}

/* A downtown of 32,000 segments and a business park 20 km off, its 320 segments (under
 * 1 % of them: beyond the grid's box, filed in one border cell) crossing without shared
 * points: the park's crossings are joined (sweep 55: a border cell over 256 segments was
 * taken for a scribble, and the park fell apart). */
static void test_far_park(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    double line[2 * 161];
    for (int k = 0; k < 100; k++) { /* 100 x 100 streets of 160 segments, 1.6 km square */
        for (int i = 0; i <= 160; i++)
            line[2 * i] = i * 10.0, line[2 * i + 1] = k * 16.0;
        road(j, "residential", line, 161);
        for (int i = 0; i <= 160; i++)
            line[2 * i] = k * 16.0 + 5, line[2 * i + 1] = i * 10.0 - 3;
        road(j, "residential", line, 161);
    }
    for (int k = 0; k < 4; k++) { /* the park: 4 x 4 streets of 40 segments */
        for (int i = 0; i <= 40; i++)
            line[2 * i] = 20000 + i * 5.0, line[2 * i + 1] = 20000 + k * 50.0 + 25;
        road(j, "residential", line, 41);
        for (int i = 0; i <= 40; i++)
            line[2 * i] = 20000 + k * 50.0 + 25, line[2 * i + 1] = 20000 + i * 5.0 + 2;
        road(j, "residential", line, 41);
    }
    CHECK(world_load(&t, j));
    double across = dist(P(&t, 20000, 20025), P(&t, 20025, 20025)) +
                    dist(P(&t, 20025, 20025), P(&t, 20025, 20177));
    CHECK_NEAR(walk_xy(&t, 20000, 20025, 20025, 20177), across, 0.5);
    world_free(&t);
    free(j);
}

/* A road with other properties than a class (a JSON object's members, after "kind"). */
static void road_with(json_buf *j, const char *props, const double *xy, int n)
{
    sep(j);
    add(j, "{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":{\"type\":\"LineString\","
           "\"coordinates\":", props);
    coords(j, xy, n, false);
    add(j, "}}");
}

/* Two streets 100 m apart, joined 500 m west and east: a viaduct over both (layer 1) and a
 * motorway across them at the ground that people may not walk on join nothing; a walk from
 * one street to the other goes round by the nearer end (sweep 50: "2 min, 120 m" up the
 * viaduct and down). Louyu's properties, then OpenStreetMap's tags. */
static void test_levels(void)
{
    static const char *const KINDS[2][4] = {
        {"\"kind\":\"road\",\"class\":\"residential\"",
         "\"kind\":\"road\",\"class\":\"primary\",\"layer\":1",
         "\"kind\":\"road\",\"class\":\"primary\",\"walk\":false",
         "\"kind\":\"road\",\"class\":\"footway\",\"layer\":-1"},
        {"\"highway\":\"residential\"", "\"highway\":\"primary\",\"bridge\":\"viaduct\"",
         "\"highway\":\"motorway\"", "\"highway\":\"footway\",\"tunnel\":\"yes\""}};
    for (int k = 0; k < 2; k++) {
        json_buf *j = malloc(sizeof *j);
        world t;
        begin(j);
        double south[] = {-500, 0, 500, 0}, north[] = {-500, 100, 500, 100};
        double west[] = {-500, 0, -500, 100}, east[] = {500, 0, 500, 100};
        double viaduct[] = {50, -300, 50, 400}, motorway[] = {-50, -300, -50, 400};
        double subway[] = {150, -300, 150, 400};
        road_with(j, KINDS[k][0], south, 2);
        road_with(j, KINDS[k][0], north, 2);
        road_with(j, KINDS[k][0], west, 2);
        road_with(j, KINDS[k][0], east, 2);
        road_with(j, KINDS[k][1], viaduct, 2);
        road_with(j, KINDS[k][2], motorway, 2);
        road_with(j, KINDS[k][3], subway, 2);
        CHECK(world_load(&t, j));
        double round = dist(P(&t, 0, 0), P(&t, 500, 0)) + dist(P(&t, 500, 0), P(&t, 500, 100)) +
                       dist(P(&t, 500, 100), P(&t, 60, 100));
        CHECK_NEAR(walk_xy(&t, 0, 0, 60, 100), round, 0.5);
        /* on the viaduct, it is walked along (a bridge's own ends meet the street) */
        CHECK_NEAR(walk_xy(&t, 50, -300, 50, 400), dist(P(&t, 50, -300), P(&t, 50, 400)), 0.5);
        world_free(&t);
        free(j);
    }
}

/* Minutes of the metres as shown: 75.4 m is "75 m", 1 min; 75.6 m is "76 m", 2 min. */
static void test_minutes(void)
{
    CHECK_INT(ly_walk_minutes(0.2), 1);
    CHECK_INT(ly_walk_minutes(75.4), 1);
    CHECK_INT(ly_walk_minutes(75.6), 2);
    CHECK_INT(ly_walk_minutes(150.4), 2);
    CHECK_INT(ly_walk_minutes(1000), 14);
}

static void test_degenerate(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    /* repeated points: zero-length segments */
    ROAD(j, 0, 0, 0, 0, 50, 0, 50, 0, 50, 0, 100, 0);
    /* a multi-part line whose parts meet at a point, the second with a repeat */
    double parts[] = {100, 0, 100, 50, 100, 50, 100, 50, 100, 100};
    int n[] = {2, 3};
    multi_road(j, parts, n, 2);
    /* a line that doubles back over itself */
    ROAD(j, 0, 200, 60, 200, 30, 200);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_nodes(t.w), 3 + 2 + 3);
    CHECK_INT(ly_walk_edges(t.w), 2 + 2 + 3);
    CHECK_NEAR(walk_xy(&t, 0, 0, 100, 100), 200, 0.5);
    CHECK_NEAR(walk_xy(&t, 0, 200, 60, 200), 60, 0.5);
    /* a one-point line and a non-finite point: nothing breaks, nothing is added */
    t.d.lines[0].n_points = 1;
    t.geo.xy[2 * t.d.lines[1].first_point] = NAN;
    ly_walk *w = ly_walk_create(&t.d, &t.geo);
    CHECK(w != NULL);
    CHECK_INT(ly_walk_edges(w), 1 + 3);
    ly_walk_destroy(w);
    world_free(&t);
    free(j);
}

/* A building beside a road, one with a road through it, one far from both. */
static void test_buildings(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, -100, 0, 100, 0);
    ROAD(j, 300, -100, 300, 100);
    ROAD(j, 100, 0, 300, 0);
    box_building(j, "beside", 10, 10, 30, 30);
    box_building(j, "across", 290, -10, 310, 10);
    double diamond[8] = {-50, 30, -40, 40, -50, 50, -60, 40};
    ring_building(j, "oblique", diamond, 4);
    CHECK(world_load(&t, j));
    /* beside: the facade runs along the road, so it joins at its middle, 10 m off */
    ly_walk_from *s = ly_walk_search_building(t.w, &t.d, &t.geo, 0, 1e9);
    pt q = P(&t, -50, 0), door = P(&t, 20, 10);
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 10 + 70, 0.5);
    check_route(t.w, s, q, NULL, ly_walk_distance(t.w, s, q.x, q.y));
    double xy[16];
    ly_walk_path(t.w, s, q.x, q.y, xy, 8);
    CHECK(hypot(xy[0] - door.x, xy[1] - door.y) < 0.5); /* starts on the outline */
    ly_walk_from_destroy(s);
    /* across: a road runs through it, no leg; the walk leaves by the side it goes to (it
     * had left by the first crossing found and walked the 20 m inside: 50) */
    s = ly_walk_search_building(t.w, &t.d, &t.geo, 1, 1e9);
    q = P(&t, 300, 50);
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 40, 0.5);
    check_route(t.w, s, q, NULL, ly_walk_distance(t.w, s, q.x, q.y));
    q = P(&t, 300, -50);
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 40, 0.5);
    ly_walk_from_destroy(s);
    /* oblique: its nearest corner, (-50, 30), 30 m off the road */
    s = ly_walk_search_building(t.w, &t.d, &t.geo, 2, 1e9);
    q = P(&t, 100, 0);
    CHECK_NEAR(ly_walk_distance(t.w, s, q.x, q.y), 30 + 150, 0.5);
    CHECK(ly_walk_search_building(t.w, &t.d, &t.geo, 3, 100) == NULL);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

/* No roads: straight lines, from a building's footprint; areas are discs. */
static void test_no_roads(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    box_building(j, "b", 0, 0, 20, 20);
    poi(j, "metro", 120, 10);
    poi(j, "metro", 20, 60);
    poi(j, "bus", 900, 0);
    CHECK(world_load(&t, j));
    CHECK_INT(ly_walk_nodes(t.w), 0);
    CHECK_INT(ly_walk_edges(t.w), 0);
    ly_walk_from *s = ly_walk_search_building(t.w, &t.d, &t.geo, 0, 500);
    pt q = P(&t, 120, 10);
    double d = ly_walk_distance(t.w, s, q.x, q.y);
    CHECK_NEAR(d, 100, 0.5);
    check_route(t.w, s, q, NULL, d);
    double xy[8];
    CHECK_INT(ly_walk_path(t.w, s, q.x, q.y, xy, 4), 2);
    pt in = P(&t, 10, 10);
    CHECK_NEAR(ly_walk_distance(t.w, s, in.x, in.y), 0, 1e-9);
    ly_walk_nearby nb;
    ly_walk_nearby_pois(t.w, s, &t.d, &t.geo, &nb);
    CHECK_INT(nb.feature[LY_POI_METRO], 1); /* the second metro, 40 m from the footprint */
    CHECK_NEAR(nb.metres[LY_POI_METRO], 40, 0.5);
    CHECK_INT(nb.feature[LY_POI_BUS], -1); /* beyond 500 m */
    ly_walk_from_destroy(s);
    /* a point's area: a disc of the limit */
    pt o = P(&t, 500, 500);
    s = ly_walk_search_point(t.w, o.x, o.y, 400);
    ly_walk_areas a;
    double lim[2] = {200, 400};
    CHECK_INT(ly_walk_isochrones(t.w, s, lim, 2, &a), 0);
    for (int b = 0; b < 2; b++) {
        double area = 0;
        for (size_t k = a.first_tri[b]; k < a.first_tri[b] + a.count_tri[b]; k += 3) {
            const float *p0 = a.tri[k], *p1 = a.tri[k + 1], *p2 = a.tri[k + 2];
            area += 0.5 * (((double)p1[0] - p0[0]) * ((double)p2[1] - p0[1]) -
                           ((double)p2[0] - p0[0]) * ((double)p1[1] - p0[1]));
        }
        CHECK_NEAR(area / (M_PI * lim[b] * lim[b]), 1, 0.02);
    }
    ly_walk_areas_deinit(&a);
    ly_walk_from_destroy(s);
    world_free(&t);
    free(j);
}

/* ---- random lattices against Floyd-Warshall -------------------------------------------- */

static uint64_t rng = 88172645463325252u;

static double rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) * 0x1p-53;
}

enum { G = 6, N = G * G };

typedef struct {
    int a, b;
} lattice_edge;

static void floyd(double *fw, const pt *node, const lattice_edge *e, int n_e)
{
    for (int i = 0; i < N * N; i++)
        fw[i] = i % (N + 1) == 0 ? 0 : INFINITY;
    for (int k = 0; k < n_e; k++) {
        double l = dist(node[e[k].a], node[e[k].b]);
        fw[e[k].a * N + e[k].b] = fmin(fw[e[k].a * N + e[k].b], l);
        fw[e[k].b * N + e[k].a] = fmin(fw[e[k].b * N + e[k].a], l);
    }
    for (int k = 0; k < N; k++)
        for (int i = 0; i < N; i++)
            for (int m = 0; m < N; m++)
                fw[i * N + m] = fmin(fw[i * N + m], fw[i * N + k] + fw[k * N + m]);
}

/* A place on edge e at t, `off` metres to its left; returns its position. */
static pt on_lattice(const pt *node, lattice_edge e, double t, double off)
{
    pt a = node[e.a], b = node[e.b];
    double l = dist(a, b);
    return (pt){a.x + t * (b.x - a.x) - off * (b.y - a.y) / l,
                a.y + t * (b.y - a.y) + off * (b.x - a.x) / l};
}

/* Walking metres from a place on edge e (t, off) to every lattice node. */
static void from_place(const double *fw, const pt *node, lattice_edge e, double t, double off,
                       double *to)
{
    double l = dist(node[e.a], node[e.b]);
    for (int v = 0; v < N; v++)
        to[v] = off + fmin(t * l + fw[e.a * N + v], (1 - t) * l + fw[e.b * N + v]);
}

/* One random lattice: jittered nodes, each side kept with p = 0.7, a diagonal in some
 * cells; each edge its own line (some with a repeated point). */
static int random_lattice(json_buf *j, double *xy, lattice_edge *e)
{
    for (int v = 0; v < N; v++) {
        xy[2 * v] = (v % G) * 60.0 + (rnd() - 0.5) * 20;
        xy[2 * v + 1] = (v / G) * 60.0 + (rnd() - 0.5) * 20;
    }
    int n_e = 0;
    begin(j);
    for (int v = 0; v < N; v++) {
        int i = v % G, k = v / G,
            to[3] = {i + 1 < G ? v + 1 : -1, k + 1 < G ? v + G : -1,
                     i + 1 < G && k + 1 < G ? v + G + 1 : -1};
        double keep[3] = {0.7, 0.7, 0.25};
        for (int d = 0; d < 3; d++) {
            if (to[d] < 0 || rnd() >= keep[d])
                continue;
            int a = v, b = to[d];
            if (d == 2 && rnd() < 0.5) /* the other diagonal */
                a = v + 1, b = v + G;
            double line[6] = {xy[2 * a],     xy[2 * a + 1], xy[2 * b],
                              xy[2 * b + 1], xy[2 * b],     xy[2 * b + 1]};
            road(j, "footway", line, rnd() < 0.2 ? 3 : 2);
            e[n_e++] = (lattice_edge){a, b};
        }
    }
    return n_e;
}

static void test_random_lattices(void)
{
    json_buf *j = malloc(sizeof *j);
    double xy[2 * N], *fw = malloc(N * N * sizeof *fw), from[N];
    lattice_edge e[3 * N];
    pt node[N];
    int bad = 0, checked = 0;
    for (int round = 0; round < 12; round++) {
        int n_e = random_lattice(j, xy, e);
        world t;
        CHECK(world_load(&t, j));
        for (int v = 0; v < N; v++)
            node[v] = P(&t, xy[2 * v], xy[2 * v + 1]);
        floyd(fw, node, e, n_e);
        /* node to node (nodes off every edge are off the network: not those) */
        bool on[N] = {false};
        for (int k = 0; k < n_e; k++)
            on[e[k].a] = on[e[k].b] = true;
        for (int q = 0; q < 20; q++) {
            int u = (int)(rnd() * N), v = (int)(rnd() * N);
            if (!on[u] || !on[v])
                continue;
            ly_walk_from *s = ly_walk_search_point(t.w, node[u].x, node[u].y, 1e9);
            double d = ly_walk_distance(t.w, s, node[v].x, node[v].y);
            double want = isfinite(fw[u * N + v]) ? fw[u * N + v] : -1;
            if (fabs(d - want) > 1e-6) {
                bad++;
                printf("lattice %d: node %d to node %d: %.6f, expected %.6f\n", round, u, v, d,
                       want);
            }
            checked++;
            check_route(t.w, s, node[v], &node[u], want);
            ly_walk_from_destroy(s);
        }
        /* a place beside one edge to a place beside another (or the same) */
        for (int q = 0; q < 20 && n_e; q++) {
            lattice_edge e1 = e[(int)(rnd() * n_e)], e2 = rnd() < 0.2 ? e1 : e[(int)(rnd() * n_e)];
            double t1 = 0.2 + 0.6 * rnd(), t2 = 0.2 + 0.6 * rnd(), o1 = rnd() * 2, o2 = rnd() * 2;
            pt a = on_lattice(node, e1, t1, o1), b = on_lattice(node, e2, t2, o2);
            from_place(fw, node, e1, t1, o1, from);
            double l2 = dist(node[e2.a], node[e2.b]);
            double want = o2 + fmin(from[e2.a] + t2 * l2, from[e2.b] + (1 - t2) * l2);
            if (e1.a == e2.a && e1.b == e2.b)
                want = fmin(want, o1 + fabs(t1 - t2) * l2 + o2);
            want = isfinite(want) ? want : -1;
            double limit = q % 2 ? 1e9 : 150; /* half of them under a limit */
            if (want > limit)
                want = -1;
            ly_walk_from *s = ly_walk_search_point(t.w, a.x, a.y, limit);
            double d = ly_walk_distance(t.w, s, b.x, b.y);
            if (fabs(d - want) > 1e-6) {
                bad++;
                printf("lattice %d: beside %d-%d to beside %d-%d: %.6f, expected %.6f\n", round,
                       e1.a, e1.b, e2.a, e2.b, d, want);
            }
            checked++;
            check_route(t.w, s, b, &a, want);
            ly_walk_from_destroy(s);
        }
        world_free(&t);
    }
    CHECK_INT(bad, 0);
    printf("random lattices: %d distances against Floyd-Warshall\n", checked);
    free(fw);
    free(j);
}

/* Lines across a lattice in pieces, crossing without a shared point: the walk between
 * two crossings against Floyd-Warshall over the pieces. */
static void test_random_crossings(void)
{
    json_buf *j = malloc(sizeof *j);
    double *fw = malloc(N * N * sizeof *fw), cx[G], cy[G];
    lattice_edge e[4 * N];
    pt node[N];
    int bad = 0, checked = 0;
    for (int round = 0; round < 8; round++) {
        for (int i = 0; i < G; i++) {
            cx[i] = i * 70.0 + (rnd() - 0.5) * 30;
            cy[i] = i * 70.0 + (rnd() - 0.5) * 30;
        }
        begin(j);
        int n_e = 0;
        for (int dir = 0; dir < 2; dir++)
            for (int k = 0; k < G; k++) {
                /* line k in pieces over the crossings i0 .. i1, each end 3 m beyond */
                for (int i0 = 0; i0 + 1 < G;) {
                    int i1 = i0 + 1 + (int)(rnd() * 3);
                    i1 = i1 >= G ? G - 1 : i1;
                    if (rnd() < 0.75) {
                        double a = (dir ? cy : cx)[i0] - 3, b = (dir ? cy : cx)[i1] + 3;
                        double c = (dir ? cx : cy)[k];
                        double line[4] = {dir ? c : a, dir ? a : c, dir ? c : b, dir ? b : c};
                        road(j, "tertiary", line, 2);
                        for (int i = i0; i < i1; i++)
                            e[n_e++] = dir ? (lattice_edge){i * G + k, (i + 1) * G + k}
                                           : (lattice_edge){k * G + i, k * G + i + 1};
                    }
                    i0 = i1 + (rnd() < 0.3); /* sometimes a gap */
                }
            }
        world t;
        CHECK(world_load(&t, j));
        for (int v = 0; v < N; v++)
            node[v] = P(&t, cx[v % G], cy[v / G]);
        floyd(fw, node, e, n_e);
        /* crossings off every piece are off the network: not those */
        bool on[N] = {false};
        for (int k = 0; k < n_e; k++)
            on[e[k].a] = on[e[k].b] = true;
        for (int q = 0; q < 30; q++) {
            int u = (int)(rnd() * N), v = (int)(rnd() * N);
            if (!on[u] || !on[v])
                continue;
            ly_walk_from *s = ly_walk_search_point(t.w, node[u].x, node[u].y, 1e9);
            double d = ly_walk_distance(t.w, s, node[v].x, node[v].y);
            double want = isfinite(fw[u * N + v]) ? fw[u * N + v] : -1;
            if (fabs(d - want) > 0.05) {
                bad++;
                printf("crossings %d: %d to %d: %.4f, expected %.4f\n", round, u, v, d, want);
            }
            checked++;
            ly_walk_from_destroy(s);
        }
        world_free(&t);
    }
    CHECK_INT(bad, 0);
    printf("random crossings: %d distances against Floyd-Warshall\n", checked);
    free(fw);
    free(j);
}

/* ---- the bundled district ----------------------------------------------------------------- */

static double footprint_distance(const world *t, size_t b, double x, double y)
{
    const ly_building *bd = &t->d.buildings[b];
    double best = INFINITY;
    for (uint32_t p = 0; p < bd->n_polygons; p++) {
        const ly_ring *r = &t->d.rings[t->d.polygons[bd->first_polygon + p].first_ring];
        const double *xy = t->geo.xy + 2 * (size_t)r->first_point;
        bool in = false;
        for (uint32_t i = 0, k = r->n_points - 1; i < r->n_points; k = i++) {
            const double *a = xy + 2 * i, *c = xy + 2 * k;
            if ((a[1] > y) != (c[1] > y) && x < (c[0] - a[0]) * (y - a[1]) / (c[1] - a[1]) + a[0])
                in = !in;
            double dx = c[0] - a[0], dy = c[1] - a[1], l2 = dx * dx + dy * dy;
            double s = l2 > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / l2 : 0;
            s = s < 0 ? 0 : s > 1 ? 1 : s;
            best = fmin(best, hypot(x - a[0] - s * dx, y - a[1] - s * dy));
        }
        if (in)
            return 0;
    }
    return best;
}

static bool load_file(world *t, const char *path)
{
    memset(t, 0, sizeof *t);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int r = ly_district_load(&t->d, path, NULL, &diags);
    ly_diag_list_deinit(&diags);
    if (r != LY_LOAD_OK || ly_geo_init(&t->geo, &t->d))
        return false;
    double t0 = ly_clock_ms();
    t->w = ly_walk_create(&t->d, &t->geo);
    printf("%s: graph of %zu nodes, %zu edges in %.2f ms\n", path, ly_walk_nodes(t->w),
           ly_walk_edges(t->w), ly_clock_ms() - t0);
    return t->w != NULL;
}

static bool covered(const ly_walk_areas *a, int band, double x, double y)
{
    for (size_t k = a->first_tri[band]; k < a->first_tri[band] + a->count_tri[band]; k += 3) {
        int pos = 0;
        for (int c = 0; c < 3; c++) {
            const float *p = a->tri[k + (size_t)c], *q = a->tri[k + (size_t)(c + 1) % 3];
            pos += ((double)q[0] - p[0]) * (y - p[1]) - ((double)q[1] - p[1]) * (x - p[0]) >= -1e-6;
        }
        if (pos == 3)
            return true;
    }
    return false;
}

static double band_area(const ly_walk_areas *a, int b, int *clockwise)
{
    double s = 0;
    for (size_t k = a->first_tri[b]; k < a->first_tri[b] + a->count_tri[b]; k += 3) {
        const float *p0 = a->tri[k], *p1 = a->tri[k + 1], *p2 = a->tri[k + 2];
        double ar = 0.5 * (((double)p1[0] - p0[0]) * ((double)p2[1] - p0[1]) -
                           ((double)p2[0] - p0[0]) * ((double)p1[1] - p0[1]));
        *clockwise += ar <= 0;
        s += ar;
    }
    return s;
}

/* How many triangles of band k hold (x, y) well inside (not on an edge). */
static int inside_count(const ly_walk_areas *a, int k, double x, double y)
{
    int n = 0;
    for (size_t v = a->first_tri[k]; v < a->first_tri[k] + a->count_tri[k]; v += 3) {
        int pos = 0;
        for (int c = 0; c < 3; c++) {
            const float *p = a->tri[v + (size_t)c], *q = a->tri[v + (size_t)(c + 1) % 3];
            double l = hypot((double)q[0] - p[0], (double)q[1] - p[1]);
            pos +=
                ((double)q[0] - p[0]) * (y - p[1]) - ((double)q[1] - p[1]) * (x - p[0]) > 1e-3 * l;
        }
        n += pos == 3;
    }
    return n;
}

/* A building's areas: growing with the limit, counter-clockwise, every vertex within the
 * limit and the cap of the footprint, no triangle over another, nested, and every road
 * point the search finds well within a limit covered. Returns how many checks failed. */
static int check_areas(const world *t, size_t b, const ly_walk_from *s, const ly_walk_areas *a,
                       const double *lim)
{
    int bad = 0, cw = 0;
    double prev = 0;
    for (int k = 0; k < a->n_bands; k++) {
        double area = band_area(a, k, &cw);
        bad += !(area > prev) || a->count_tri[k] % 3 || a->count_seg[k] % 2 || !a->count_seg[k];
        prev = area;
        for (size_t v = a->first_tri[k]; v < a->first_tri[k] + a->count_tri[k]; v++)
            bad +=
                footprint_distance(t, b, a->tri[v][0], a->tri[v][1]) > lim[k] + LY_WALK_OFFROAD_M;
    }
    bad += cw;
    /* overlaps and nesting, on a lattice of points around every third building */
    const ly_ring *r = &t->d.rings[t->d.polygons[t->d.buildings[b].first_polygon].first_ring];
    const double *o = t->geo.xy + 2 * (size_t)r->first_point;
    for (double y = -400; y <= 400 && b % 3 == 0; y += 37)
        for (double x = -400; x <= 400; x += 37) {
            int in[LY_WALK_MAX_BANDS];
            for (int k = 0; k < a->n_bands; k++) {
                in[k] = inside_count(a, k, o[0] + x, o[1] + y);
                bad += in[k] > 1 || (k && in[k - 1] && !covered(a, k, o[0] + x, o[1] + y));
            }
        }
    for (size_t l = 0; l < t->d.n_lines; l++) {
        const ly_line *ln = &t->d.lines[l];
        for (uint32_t i = 0; i + 1 < ln->n_points; i++) {
            const double *p = t->geo.xy + 2 * ((size_t)ln->first_point + i);
            for (double u = 0; u < 1; u += 0.25) {
                double x = p[0] + u * (p[2] - p[0]), y = p[1] + u * (p[3] - p[1]);
                double d = ly_walk_distance(t->w, s, x, y);
                for (int k = 0; k < a->n_bands; k++)
                    bad += d >= 0 && d <= lim[k] - 2 * a->cell_m && !covered(a, k, x, y);
            }
        }
    }
    if (bad)
        printf("building %zu: %d checks of its walking areas failed\n", b, bad);
    return bad;
}

/* The milliseconds of a search from building b within `limit`, its nearby POIs and its
 * three walking areas: the median of three runs. */
static double time_building(const world *t, size_t b, double limit)
{
    double lim[3] = {375, 750, 1125}, ms[3];
    for (int k = 0; k < 3; k++) {
        double t0 = ly_clock_ms();
        ly_walk_from *s = ly_walk_search_building(t->w, &t->d, &t->geo, b, limit);
        ly_walk_nearby nb;
        ly_walk_nearby_pois(t->w, s, &t->d, &t->geo, &nb);
        ly_walk_areas a;
        ly_walk_isochrones(t->w, s, lim, 3, &a);
        ms[k] = ly_clock_ms() - t0;
        ly_walk_areas_deinit(&a);
        ly_walk_from_destroy(s);
    }
    double lo = fmin(ms[0], fmin(ms[1], ms[2])), hi = fmax(ms[0], fmax(ms[1], ms[2]));
    return ms[0] + ms[1] + ms[2] - lo - hi;
}

/* Every building reaches a metro and a bus stop; each nearest POI is of its category, no
 * nearer by walking than in a straight line, and its route is as long. */
static int check_nearby(const world *t, size_t b, const ly_walk_from *s)
{
    ly_walk_nearby nb;
    ly_walk_nearby_pois(t->w, s, &t->d, &t->geo, &nb);
    int bad = nb.feature[LY_POI_METRO] < 0 || nb.feature[LY_POI_BUS] < 0;
    for (int c = 0; c < LY_POI_COUNT; c++) {
        if (nb.feature[c] < 0)
            continue;
        const ly_feature *f = &t->d.features[nb.feature[c]];
        pt q;
        ly_proj_forward(&t->geo.proj, f->lon, f->lat, &q.x, &q.y);
        /* 0 m for a place in the outline, or within half a metre of it */
        double fd = footprint_distance(t, b, q.x, q.y);
        bad += (nb.metres[c] == 0 ? fd > LY_WALK_MERGE_M : nb.metres[c] < fd - 1e-6) ||
               f->subtype != c;
        double xy[2 * 512];
        size_t n = ly_walk_path(t->w, s, q.x, q.y, xy, 512);
        /* a place in the building's outline is there: one point, 0 m */
        bad += n < (nb.metres[c] > 0 ? 2u : 1u) || n > 512 ||
               fabs(polyline_length(xy, n) - nb.metres[c]) > 1e-6;
    }
    if (bad)
        printf("building %zu: %d checks of its nearby POIs failed\n", b, bad);
    return bad;
}

static void test_bundled(void)
{
    world t;
    CHECK(load_file(&t, LY_SOURCE_DIR "/data/zhanshan.geojson"));
    CHECK(ly_walk_edges(t.w) > 12);
    int bad_nearby = 0, bad_areas = 0;
    double lim[3] = {375, 750, 1125}, total = 0, worst = 0;
    for (size_t b = 0; b < t.d.n_buildings; b++) {
        double ms = time_building(&t, b, 1125);
        total += ms;
        worst = fmax(worst, ms);
        ly_walk_from *s = ly_walk_search_building(t.w, &t.d, &t.geo, b, 5000);
        bad_nearby += check_nearby(&t, b, s);
        ly_walk_areas a;
        CHECK_INT(ly_walk_isochrones(t.w, s, lim, 3, &a), 0);
        CHECK_INT(a.n_bands, 3);
        bad_areas += check_areas(&t, b, s, &a, lim);
        ly_walk_areas_deinit(&a);
        ly_walk_areas_deinit(&a); /* twice: it left a zeroed struct */
        ly_walk_from_destroy(s);
    }
    CHECK_INT(bad_nearby, 0);
    CHECK_INT(bad_areas, 0);
    printf("zhanshan: search + nearby + areas (5/10/15 min) per building: %.2f ms mean, %.2f ms "
           "worst\n",
           total / (double)t.d.n_buildings, worst);
    world_free(&t);
}

/* Areas of odd searches: a limit of 0, a point far off the roads, one band. */
static void test_areas_edges(void)
{
    json_buf *j = malloc(sizeof *j);
    world t;
    begin(j);
    ROAD(j, 0, 0, 300, 0);
    CHECK(world_load(&t, j));
    double lim[2] = {0, 100};
    ly_walk_areas a;
    pt o = P(&t, 100, 0), far = P(&t, 100, 500);
    ly_walk_from *s = ly_walk_search_point(t.w, o.x, o.y, 0);
    CHECK_INT(ly_walk_isochrones(t.w, s, lim, 2, &a), 0);
    CHECK_INT(a.n_bands, 2);
    CHECK_INT(a.count_tri[1], a.count_tri[0]); /* beyond the search's limit: nothing more */
    ly_walk_areas_deinit(&a);
    ly_walk_from_destroy(s);
    /* 500 m off the road with a 100 m limit: the origin's own disc of the cap, and the
     * cap either side of the first 40 m of its leg towards the road */
    s = ly_walk_search_point(t.w, far.x, far.y, 100);
    CHECK_INT(ly_walk_isochrones(t.w, s, lim + 1, 1, &a), 0);
    int cw = 0;
    double area = band_area(&a, 0, &cw), cap = LY_WALK_OFFROAD_M;
    CHECK_NEAR(area / (M_PI * cap * cap + (100 - cap) * 2 * cap), 1, 0.02);
    CHECK_INT(cw, 0);
    CHECK(ly_walk_distance(t.w, s, o.x, o.y) < 0);
    ly_walk_areas_deinit(&a);
    ly_walk_from_destroy(s);
    /* the band along the road: 60 m either side, and the ends round */
    s = ly_walk_search_point(t.w, o.x, o.y, 100);
    CHECK_INT(ly_walk_isochrones(t.w, s, lim + 1, 1, &a), 0);
    area = band_area(&a, 0, &cw);
    double along = 2 * (100 - LY_WALK_OFFROAD_M) * 2 * LY_WALK_OFFROAD_M;
    CHECK(area > along && area < along + M_PI * 100 * 100);
    CHECK(covered(&a, 0, o.x + 95, o.y) && covered(&a, 0, o.x, o.y + 55));
    CHECK(!covered(&a, 0, o.x, o.y + 70) && !covered(&a, 0, o.x + 105, o.y));
    ly_walk_areas_deinit(&a);
    ly_walk_from_destroy(s);
    ly_walk_areas_deinit(NULL);
    ly_walk_from_destroy(NULL);
    ly_walk_destroy(NULL);
    CHECK_INT(ly_walk_nodes(NULL), 0);
    world_free(&t);
    free(j);
}

/* ---- a synthetic city of 10,000+ edges ---------------------------------------------------- */

/* A synthetic city from the bundled district, with roads, as text (the caller frees). */
static char *synth_text(size_t buildings, uint64_t seed, size_t *len, ly_synth_info *info)
{
    ly_district src;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zhanshan");
    int r = ly_district_load(&src, LY_SOURCE_DIR "/data/zhanshan.geojson", NULL, &diags);
    ly_diag_list_deinit(&diags);
    if (r != LY_LOAD_OK)
        return NULL;
    char *text = NULL, err[256];
    FILE *f = open_memstream(&text, len);
    ly_synth_desc desc = {
        .buildings = buildings, .seed = seed, .source = "zhanshan", .roads = true};
    r = ly_synth_write(f, &src, &desc, info, err, sizeof err);
    fclose(f);
    ly_district_unload(&src);
    if (r)
        printf("synth: %s\n", err);
    return text;
}

static void test_synthetic(void)
{
    size_t len, len2, len3;
    ly_synth_info info, info2;
    char *text = synth_text(800, 5, &len, &info), *again = synth_text(800, 5, &len2, &info2);
    char *other = synth_text(800, 6, &len3, &info2);
    CHECK(text && again && other);
    if (!text || !again || !other)
        return;
    /* the same seed, the same bytes; another seed, other streets */
    CHECK(len == len2 && !memcmp(text, again, len));
    CHECK(len != len3 || memcmp(text, other, len));
    CHECK(strstr(text, "\"class\":\"footway\"") && strstr(text, "\"class\":\"primary\""));
    CHECK(strstr(text, "\"category\":\"red_clubhouse\"") != NULL);
    free(again);
    free(other);
    world t;
    memset(&t, 0, sizeof t);
    CHECK_INT(load_text(&t.d, text, len), LY_LOAD_OK);
    free(text);
    CHECK_INT(ly_geo_init(&t.geo, &t.d), 0);
    double t0 = ly_clock_ms();
    t.w = ly_walk_create(&t.d, &t.geo);
    double build = ly_clock_ms() - t0;
    CHECK(t.w && ly_walk_edges(t.w) >= 10000);
    printf("synthetic city (800 buildings, %zu streets, %zu POIs, %.1f MB): graph of %zu nodes, "
           "%zu edges in %.1f ms\n",
           info.roads, info.pois, (double)len / 1e6, ly_walk_nodes(t.w), ly_walk_edges(t.w), build);
    double total = 0, worst = 0;
    int n = 0;
    for (size_t b = 0; b < t.d.n_buildings; b += t.d.n_buildings / 20, n++) {
        double ms = time_building(&t, b, 1125);
        total += ms;
        worst = fmax(worst, ms);
    }
    /* a few buildings checked in full */
    int bad = 0;
    double lim[3] = {375, 750, 1125};
    for (size_t b = 0; b < t.d.n_buildings; b += t.d.n_buildings / 4) {
        ly_walk_from *s = ly_walk_search_building(t.w, &t.d, &t.geo, b, 2500);
        bad += check_nearby(&t, b, s);
        ly_walk_areas a;
        bad += ly_walk_isochrones(t.w, s, lim, 3, &a) != 0;
        ly_walk_areas_deinit(&a);
        ly_walk_from_destroy(s);
    }
    CHECK_INT(bad, 0);
    printf("synthetic city: search + nearby + areas (5/10/15 min) per building: %.2f ms mean, "
           "%.2f ms worst (%d buildings)\n",
           total / n, worst, n);
    world_free(&t);
}

/* Whether point (x, y) lies in one of the overlay's triangles. */
static bool overlay_covers(const ly_overlay *o, float x, float y)
{
    for (size_t i = 0; i + 2 < o->n; i += 3) {
        const float *a = o->v[i].pos, *b = o->v[i + 1].pos, *c = o->v[i + 2].pos;
        float d1 = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
        float d2 = (c[0] - b[0]) * (y - b[1]) - (c[1] - b[1]) * (x - b[0]);
        float d3 = (a[0] - c[0]) * (y - c[1]) - (a[1] - c[1]) * (x - c[0]);
        if ((d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0))
            return true;
    }
    return false;
}

/* The walking areas' outline: two triangles a segment, square ends that fill a corner;
 * a large overlay's memory is given back when it is cleared. */
static void test_overlay_segments(void)
{
    ly_overlay o = {0};
    const float p[][2] = {{0, 0}, {10, 0}, {10, 0}, {10, 10}, {3, 3}, {3, 3}};
    ly_overlay_segments(&o, p, 6, 2.0f, 0.5f, (ly_color){1, 2, 3, 4});
    CHECK_INT(o.n, 12); /* the zero-length segment adds nothing */
    CHECK(overlay_covers(&o, 5, 0.9f) && !overlay_covers(&o, 5, 1.1f));   /* 1 m each side */
    CHECK(overlay_covers(&o, 10.9f, -0.9f));                        /* the corner, filled */
    CHECK(overlay_covers(&o, -0.9f, 0) && !overlay_covers(&o, -1.1f, 0)); /* half the width past the end */
    CHECK(!overlay_covers(&o, 5, 5));
    CHECK_NEAR(o.v[0].pos[2], 0.5, 1e-6);
    for (int i = 0; i < 40000; i++)
        ly_overlay_triangle(&o, p[0], p[1], p[3], 0, (ly_color){0, 0, 0, 255});
    CHECK(o.cap * sizeof *o.v > (1u << 20));
    ly_overlay_clear(&o);
    CHECK(o.n == 0 && o.cap == 0 && !o.v);
    ly_overlay_triangle(&o, p[0], p[1], p[3], 0, (ly_color){0, 0, 0, 255});
    CHECK_INT(o.n, 3);
    ly_overlay_clear(&o);
    CHECK(o.n == 0 && o.cap > 0); /* a small one keeps its memory */
    ly_overlay_deinit(&o);
}

int main(void)
{
    test_straight();
    test_l_and_vertex();
    test_crossing_without_vertex();
    test_cul_de_sac();
    test_disconnected();
    test_stray_road();
    test_stray_vertex();
    test_levels();
    test_far_park();
    test_minutes();
    test_scribble();
    test_degenerate();
    test_buildings();
    test_both_sides();
    test_drawn_twice();
    test_no_roads();
    test_random_lattices();
    test_random_crossings();
    test_bundled();
    test_areas_edges();
    test_synthetic();
    test_overlay_segments();
    return check_report();
}
