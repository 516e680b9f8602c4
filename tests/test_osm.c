/* OpenStreetMap's own formats (src/core/osm.c, osm_pbf.c): its XML as openstreetmap.org's
 * Export writes it, Overpass's JSON (`out body` and `out geom`) and osmium's PBF (dense
 * nodes and zlib, plain nodes uncompressed, locations on ways) of the same elements
 * (tests/data/wild/osm-export.*), read as the same district; broken files refused at
 * their element and tag, or left out with --skip-bad. */
#include "check.h"
#include "check_diag.h"
#include "louyu/district.h"

#include <math.h>
#include <unistd.h>
#include <zlib.h>

static char *read_wild_n(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/wild/%s", LY_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = calloc(1, (size_t)n + 1);
    CHECK(text && fread(text, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return text;
}

static char *read_wild(const char *name)
{
    size_t n;
    return read_wild_n(name, &n);
}

/* text with the first `from` replaced by `to` (malloc'd). */
static char *with(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    CHECK(at != NULL);
    if (!at) return strdup(text);
    size_t a = (size_t)(at - text), n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    snprintf(out, n + 1, "%.*s%s%s", (int)a, text, to, at + strlen(from));
    return out;
}

static ly_load_result load_n(ly_district *d, const char *data, size_t len, const char *name,
                             bool skip_bad, ly_diag_list *diags, char *msgs, size_t n)
{
    ly_diag_list_init(diags, name);
    ly_load_result r = ly_district_load_mem(d, data, len, name,
                                            &(ly_load_desc){.skip_bad = skip_bad}, diags);
    check_diag_text(diags, msgs, n);
    return r;
}

static ly_load_result load(ly_district *d, const char *text, const char *name, bool skip_bad,
                           ly_diag_list *diags, char *msgs, size_t n)
{
    return load_n(d, text, strlen(text), name, skip_bad, diags, msgs, n);
}

static const ly_building *building(const ly_district *d, const char *id)
{
    long i = ly_district_find(d, id);
    CHECK(i >= 0);
    return i >= 0 ? &d->buildings[i] : NULL;
}

/* What the export maps, whichever form it is read from; `deleted`: with the way JOSM
 * marked deleted (a PBF has no such mark: osmium wrote it as any other). */
static void check_export(const ly_district *d, bool deleted)
{
    CHECK_INT(d->n_buildings, deleted ? 6 : 5);
    const ly_building *tower = building(d, "way/100"), *block = building(d, "way/101");
    const ly_building *plaza = building(d, "relation/200"), *podium = building(d, "way/105");
    const ly_building *canopy = building(d, "way/113");
    CHECK((ly_district_find(d, "way/111") >= 0) == deleted); /* JOSM's action="delete" */
    CHECK(ly_district_find(d, "way/112") < 0); /* a node not in the file */
    CHECK(ly_district_find(d, "way/106") < 0 && ly_district_find(d, "way/107") < 0);
    if (!tower || !block || !plaza || !podium || !canopy) return;
    CHECK_STR(tower->name, "测试大厦");
    CHECK_STR(tower->name_en, "Test Tower");
    CHECK_NEAR(tower->height_m, 120, 1e-9);
    CHECK_INT(tower->floors, 30);
    CHECK_NEAR(block->height_m, 6 * 3.2, 1e-9);
    CHECK_STR(block->address, "香港中路10号"); /* 号 after a bare number */
    /* the multipolygon: two outer ways joined (one turned round) around its courtyard */
    CHECK_STR(plaza->name, "Courtyard Plaza");
    CHECK_NEAR(plaza->height_m, 40, 1e-9);
    CHECK_INT(plaza->n_polygons, 1);
    CHECK_INT(d->polygons[plaza->first_polygon].n_rings, 2);
    CHECK_INT(d->rings[d->polygons[plaza->first_polygon].first_ring].n_points, 4);
    /* an outline with its parts: drawn as the parts */
    CHECK_INT(podium->n_polygons, 2);
    CHECK_NEAR(canopy->height_m, 6, 1e-9);
    int roads = 0, parks = 0, places = 0;
    for (size_t i = 0; i < d->n_features; i++) {
        roads += d->features[i].kind == LY_KIND_ROAD;
        parks += d->features[i].kind == LY_KIND_PARK;
        places += d->features[i].kind == LY_KIND_POI;
    }
    CHECK_INT(roads, 2); /* the primary road, the footway's closed loop */
    CHECK_INT(parks, 1);
    CHECK_INT(places, 3); /* the bank, the bus stop, the metro entrance; no signals, bench */
}

static void every_form(void)
{
    static const char *const FILES[] = {"osm-export.osm", "osm-export.json", "osm-export-geom.json",
                                        "osm-export.osm.pbf", "osm-export-plain.osm.pbf",
                                        "osm-export-low.osm.pbf"};
    /* the lines of way 112 (a node missing) and relation 201 (a way missing); none in a PBF */
    static const char *const WHERE[][2] = {
        {":173:2: warning: way 112", ":201:2: warning: relation 201"},
        {":474:1: warning: way 112", ":536:1: warning: relation 201"},
        {":434:1: warning: way 112", ":589:1: warning: relation 201"},
        {".pbf: warning: way 112", ".pbf: warning: relation 201"},
        {".pbf: warning: way 112", ".pbf: warning: relation 201"},
        {".pbf: warning: way 112", ".pbf: warning: relation 201"}};
    for (size_t f = 0; f < sizeof FILES / sizeof *FILES; f++) {
        size_t len;
        char *text = read_wild_n(FILES[f], &len);
        if (!text)
            continue;
        ly_district d;
        ly_diag_list diags;
        char msgs[4096];
        CHECK_INT(load_n(&d, text, len, FILES[f], false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
        CHECK_INT(diags.errors, 0);
        CHECK_INT(diags.warnings, 2);
        CHECK(strstr(msgs, WHERE[f][0]) != NULL);
        CHECK(strstr(msgs, WHERE[f][1]) != NULL);
        CHECK(strstr(msgs, "way 112 (building=yes): ") != NULL);
        CHECK(strstr(msgs, "relation 201 (landuse=forest): 1 of its 2 ways is not in the file") !=
              NULL);
        check_export(&d, f >= 3);
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
        free(text);
    }
}

/* A PBF refused with `what`: cut short, its zlib data damaged, a history file, a bad tag. */
static void pbf_refused(const char *data, size_t len, const char *what)
{
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load_n(&d, data, len, "x.osm.pbf", false, &diags, msgs, sizeof msgs), LY_LOAD_DATA);
    char want[400];
    snprintf(want, sizeof want, "x.osm.pbf: error: %s", what);
    CHECK(strstr(msgs, want) != NULL);
    if (!strstr(msgs, want))
        fprintf(stderr, "expected %s in:\n%s", want, msgs);
    CHECK_INT(d.n_buildings, 0);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void broken_pbf(void)
{
    size_t n, plain_n, history_n;
    char *pbf = read_wild_n("osm-export.osm.pbf", &n);
    char *plain = read_wild_n("osm-export-plain.osm.pbf", &plain_n);
    char *history = read_wild_n("osm-export.osh.pbf", &history_n);
    if (!pbf || !plain || !history)
        return;
    pbf_refused(pbf, 900, "block 3 (at byte 555) is damaged: its data runs past the file (the "
                          "file is cut short?)");
    pbf[700] ^= 0x55;
    pbf_refused(pbf, n, "block 3 (at byte 555) is damaged: its zlib data does not inflate to the "
                        "size it gives");
    pbf_refused(history, history_n, "the file holds the map's history (.osh.pbf)");
    char *v = NULL; /* the string table's "120" */
    for (size_t i = 0; i + 4 <= plain_n && !v; i++)
        v = memcmp(plain + i, "\003120", 4) ? NULL : plain + i;
    CHECK(v != NULL);
    if (v) {
        memcpy(v + 1, "tal", 3);
        pbf_refused(plain, plain_n, "way 100, tag height: \"height\" is \"tal\": expected a "
                                    "height in metres");
    }
    free(pbf);
    free(plain);
    free(history);
}

/* A broken file: refused with its first fault at `where` saying `what`; with --skip-bad
 * `skipped` of its buildings left out (-1: refused all the same). */
static void refused(const char *text, const char *where, const char *what, int skipped)
{
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load(&d, text, "x.osm", false, &diags, msgs, sizeof msgs), LY_LOAD_DATA);
    CHECK(diags.errors >= 1);
    char want[600];
    snprintf(want, sizeof want, "x.osm:%s: error: %s", where, what);
    CHECK(strstr(msgs, want) != NULL);
    if (!strstr(msgs, want)) fprintf(stderr, "expected %s in:\n%s", want, msgs);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    ly_load_result r = load(&d, text, "x.osm", true, &diags, msgs, sizeof msgs);
    CHECK_INT(r, skipped < 0 ? LY_LOAD_DATA : LY_LOAD_OK);
    if (r == LY_LOAD_OK) CHECK_INT(d.n_buildings, 5 - skipped);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void broken(void)
{
    char *osm = read_wild("osm-export.osm"), *json = read_wild("osm-export.json");
    if (!osm || !json) return;
    char *t = with(osm, "k=\"height\" v=\"120\"", "k=\"height\" v=\"tall\"");
    refused(t, "75:3", "way 100, tag height: \"height\" is \"tall\": expected a height in metres",
            1);
    free(t);
    /* a node's place: the node refused, and with --skip-bad the way it is a corner of */
    const char *v = strstr(strstr(osm, "<node id=\"2\""), "lat=\"") + 5;
    size_t n = strlen(osm) + 8;
    t = malloc(n);
    snprintf(t, n, "%.*s96.5%s", (int)(v - osm), osm, strchr(v, '"'));
    refused(t, "5:2", "node 2: lat is \"96.5\": expected a latitude in degrees, -90 to 90", 1);
    free(t);
    t = with(osm, "<node id=\"3\"", "<node id=\"three\"");
    refused(t, "6:2", "node 0: its id is \"three\": expected a whole number", 1);
    free(t);
    /* a file cut short, and one that is not a map */
    t = strdup(osm);
    t[3000] = '\0';
    refused(t, "21:2", "the XML cannot be read: unclosed token: expected OpenStreetMap's XML", -1);
    free(t);
    refused("<?xml version=\"1.0\"?>\n<osmChange version=\"0.6\">\n</osmChange>\n", "2:1",
            "the document is <osmChange>: expected OpenStreetMap's <osm> (an osmChange file "
            "holds edits, not a map)",
            -1);
    /* Overpass's JSON: the tag's own line */
    char *j = with(json, "\"height\": \"120\"", "\"height\": \"-5\"");
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load(&d, j, "x.json", false, &diags, msgs, sizeof msgs), LY_LOAD_DATA);
    CHECK(strstr(msgs, "x.json:330:5: error: way 100, tag height: \"height\" is \"-5\": expected a "
                       "height in metres") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    free(j);
    /* a download cut short: where it ends */
    j = strdup(json);
    j[5000] = '\0';
    CHECK_INT(load(&d, j, "x.json", false, &diags, msgs, sizeof msgs), LY_LOAD_DATA);
    CHECK(strstr(msgs, "x.json:383:12: error: unclosed '[': expected ']' before the end of file") !=
          NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    free(j);
    free(osm);
    free(json);
}

/* A multipolygon whose ways do not close, and Overpass's remark on a query cut short. */
static void partial(void)
{
    char *osm = read_wild("osm-export.osm");
    if (!osm) return;
    char *t = with(osm, "<member type=\"way\" ref=\"103\" role=\"outer\"/>", "");
    char *t2 = with(t, "</osm>",
                    "<remark> runtime error: Query timed out in \"query\" at line 3 "
                    "after 26 seconds. </remark>\n</osm>");
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load(&d, t2, "x.osm", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 4);
    CHECK(strstr(msgs, "relation 200 (building=commercial): its ways do not join into closed "
                       "outer rings") != NULL);
    CHECK(strstr(msgs, "warning: the file's remark says \"runtime error: Query timed out in "
                       "\"query\" at line 3 after 26 seconds.\": what it holds may be "
                       "incomplete") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    free(t);
    free(t2);
    free(osm);
}

/* Overpass's `out center;` gives a way its middle and no nodes: left out, said why. */
static void center_only(void)
{
    const char *text = "{\"version\":0.6,\"elements\":[\n{\"type\":\"way\",\"id\":5,\"center\":"
                       "{\"lat\":36.06,\"lon\":120.38},\"tags\":{\"building\":\"yes\"}}]}";
    ly_district d;
    ly_diag_list diags;
    char msgs[2048];
    CHECK_INT(load(&d, text, "c.json", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 0);
    CHECK(strstr(msgs, "c.json:2:1: warning: way 5 (building=yes) has no nodes in the file: it is "
                       "left out (Overpass gives them with `out geom;`") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* `out geom(bbox);`: a node outside the box is null, and said so */
    text = "{\"version\":0.6,\"elements\":[\n{\"type\":\"way\",\"id\":6,\"nodes\":[1,2,3,4,1],"
           "\"geometry\":[null,{\"lat\":36.06,\"lon\":120.38},{\"lat\":36.061,\"lon\":120.38},"
           "{\"lat\":36.061,\"lon\":120.379},null],\"tags\":{\"building\":\"yes\"}}]}";
    CHECK_INT(load(&d, text, "b.json", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 0);
    CHECK(strstr(msgs, "b.json:2:1: warning: way 6 (building=yes): 2 of its 5 points are "
                       "outside the box of Overpass's `out geom(bbox);` (given as null): it is "
                       "left out") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* and OpenStreetMap's JSON whose elements are not a list */
    CHECK_INT(load(&d, "{\"version\":0.6,\"elements\":5}", "e.json", false, &diags, msgs,
                   sizeof msgs),
              LY_LOAD_DATA);
    CHECK(strstr(msgs, "e.json: error: \"elements\" is not an array") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A building way that does not end where it starts draws nothing: left out, said why. */
static void unclosed(void)
{
    const char *text = "<?xml version=\"1.0\"?><osm version=\"0.6\">\n"
                       "<node id=\"1\" lat=\"36.06\" lon=\"120.38\"/>\n"
                       "<node id=\"2\" lat=\"36.06\" lon=\"120.381\"/>\n"
                       "<node id=\"3\" lat=\"36.061\" lon=\"120.381\"/>\n"
                       "<way id=\"100\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/>"
                       "<tag k=\"building\" v=\"yes\"/></way>\n</osm>\n";
    ly_district d;
    ly_diag_list diags;
    char msgs[2048];
    CHECK_INT(load(&d, text, "u.osm", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 0);
    CHECK(strstr(msgs, "u.osm:5:1: warning: way 100 (building=yes) is not closed (its last node "
                       "is not its first): it is left out") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A gzip file (BBBike's .osm.gz): read as the text it holds; one cut short refused. */
static void gzipped(void)
{
    size_t len;
    char *osm = read_wild_n("osm-export.osm", &len);
    char path[64];
    snprintf(path, sizeof path, "/tmp/louyu-osm-%d.osm.gz", (int)getpid());
    for (int cut = 0; osm && cut < 2; cut++) {
        gzFile g = gzopen(path, "wb");
        CHECK(g && gzwrite(g, osm, (unsigned)len) == (int)len && gzclose(g) == Z_OK);
        if (cut)
            CHECK(truncate(path, 900) == 0);
        ly_district d;
        ly_diag_list diags;
        ly_diag_list_init(&diags, path);
        ly_load_result r = ly_district_load(&d, path, NULL, &diags);
        char msgs[2048];
        check_diag_text(&diags, msgs, sizeof msgs);
        CHECK_INT(r, cut ? LY_LOAD_DATA : LY_LOAD_OK);
        if (!cut)
            check_export(&d, false);
        else
            CHECK(strstr(msgs, "error: the file is gzip-compressed and cannot be read: its gzip data "
                               "stops short (the file is cut short?)") != NULL);
        if (!cut) /* the warnings at their lines in the text it holds */
            CHECK(strstr(msgs, ".osm.gz:173:2: warning: way 112") != NULL);
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    unlink(path);
    free(osm);
}

/* A multipolygon of many ways, shuffled and half of them turned round: an outline of 300
 * ways around a courtyard of 60, joined into its two rings with every corner once. */
static void many_ways(void)
{
    enum { OUTER = 300, INNER = 60 };
    char *text = malloc(200000);
    size_t n = 0;
    n += (size_t)sprintf(text + n, "<osm version=\"0.6\">\n");
    for (int i = 0; i < OUTER + INNER; i++) {
        bool in = i >= OUTER;
        int k = in ? i - OUTER : i, count = in ? INNER : OUTER;
        double a = 6.283185307179586 * k / count, rad = in ? 0.0004 : 0.001;
        n += (size_t)sprintf(text + n, "<node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", i + 1,
                             36.06 + rad * sin(a), 120.38 + rad * cos(a));
    }
    int order[OUTER + INNER];
    for (int i = 0; i < OUTER + INNER; i++)
        order[i] = i;
    unsigned seed = 7;
    for (int i = OUTER + INNER - 1; i > 0; i--) { /* shuffled the same way each run */
        seed = seed * 1103515245u + 12345u;
        int j = (int)((seed >> 8) % (unsigned)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int w = 0; w < OUTER + INNER; w++) {
        int i = order[w];
        bool in = i >= OUTER;
        int base = in ? OUTER : 0, count = in ? INNER : OUTER, k = i - base;
        int a = base + k + 1, b = base + (k + 1) % count + 1;
        if (w % 2)
            a ^= b, b ^= a, a ^= b; /* turned round */
        n += (size_t)sprintf(text + n, "<way id=\"%d\"><nd ref=\"%d\"/><nd ref=\"%d\"/></way>\n",
                             1000 + i, a, b);
    }
    n += (size_t)sprintf(text + n, "<relation id=\"9\">");
    for (int w = 0; w < OUTER + INNER; w++)
        n += (size_t)sprintf(text + n, "<member type=\"way\" ref=\"%d\" role=\"%s\"/>",
                             1000 + order[w], order[w] >= OUTER ? "inner" : "outer");
    sprintf(text + n, "<tag k=\"type\" v=\"multipolygon\"/><tag k=\"building\" v=\"yes\"/>"
                      "</relation>\n</osm>\n");
    ly_district d;
    ly_diag_list diags;
    char msgs[2048];
    CHECK_INT(load(&d, text, "many.osm", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    if (d.n_buildings == 1) {
        const ly_polygon *pg = &d.polygons[d.buildings[0].first_polygon];
        CHECK_INT(pg->n_rings, 2);
        CHECK_INT(d.rings[pg->first_ring].n_points, OUTER);
        CHECK_INT(d.rings[pg->first_ring + 1].n_points, INNER);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    free(text);
}

/* Tagging as mappers write it: areas that are not buildings (building=no, a proposed one,
 * a shop's or a car park's area, a square) are not drawn as 10 m buildings; a roof of
 * building:levels=0 is one storey, not an error; names in name:zh-Hans and name:zh-Hant and
 * an address in addr:full are read; a courtyard that touches its outline at its first node
 * and one whose member has no role are holes; a building way of one node is left out (its
 * coordinates freed: LeakSanitizer watches). */
static void tagging(void)
{
#define SQUARE(id, x, y)                                                                      \
    "<node id=\"" #id "1\" lat=\"36.06\" lon=\"" #x "\"/><node id=\"" #id "2\" lat=\"36.06\" "  \
    "lon=\"" #y "\"/><node id=\"" #id "3\" lat=\"36.0605\" lon=\"" #y "\"/><node id=\"" #id   \
    "4\" lat=\"36.0605\" lon=\"" #x "\"/>\n<way id=\"" #id "\"><nd ref=\"" #id "1\"/><nd ref=\"" \
    #id "2\"/><nd ref=\"" #id "3\"/><nd ref=\"" #id "4\"/><nd ref=\"" #id "1\"/>"
    const char *text =
        "<?xml version=\"1.0\"?><osm version=\"0.6\">\n"
        SQUARE(10, 120.380, 120.3805) "<tag k=\"building\" v=\"no\"/></way>\n"
        SQUARE(11, 120.381, 120.3815) "<tag k=\"building\" v=\"proposed\"/>"
        "<tag k=\"building:levels\" v=\"30\"/></way>\n"
        SQUARE(12, 120.382, 120.3825) "<tag k=\"shop\" v=\"mall\"/><tag k=\"name\" v=\"M\"/></way>\n"
        SQUARE(13, 120.383, 120.3835) "<tag k=\"area\" v=\"yes\"/><tag k=\"name\" v=\"Sq\"/></way>\n"
        SQUARE(14, 120.384, 120.3845) "<tag k=\"building\" v=\"roof\"/>"
        "<tag k=\"building:levels\" v=\"0\"/></way>\n"
        SQUARE(15, 120.385, 120.3855) "<tag k=\"building\" v=\"yes\"/>"
        "<tag k=\"name:zh-Hant\" v=\"青島大廈\"/><tag k=\"addr:full\" v=\"香港中路6号\"/></way>\n"
        "<node id=\"161\" lat=\"36.06\" lon=\"120.386\"/>\n<way id=\"16\"><nd ref=\"161\"/>"
        "<tag k=\"building\" v=\"yes\"/></way>\n"
        /* an outline and two courtyards: one its first node on the outline, one with no role */
        SQUARE(17, 120.387, 120.389) "</way>\n"
        "<node id=\"181\" lat=\"36.06\" lon=\"120.3875\"/><node id=\"182\" lat=\"36.0602\" "
        "lon=\"120.3875\"/><node id=\"183\" lat=\"36.0602\" lon=\"120.3877\"/>\n"
        "<way id=\"18\"><nd ref=\"181\"/><nd ref=\"182\"/><nd ref=\"183\"/><nd ref=\"181\"/></way>\n"
        "<node id=\"191\" lat=\"36.0602\" lon=\"120.3883\"/><node id=\"192\" lat=\"36.0603\" "
        "lon=\"120.3883\"/><node id=\"193\" lat=\"36.0603\" lon=\"120.3885\"/>\n"
        "<way id=\"19\"><nd ref=\"191\"/><nd ref=\"192\"/><nd ref=\"193\"/><nd ref=\"191\"/></way>\n"
        "<relation id=\"20\"><member type=\"way\" ref=\"17\" role=\"outer\"/>"
        "<member type=\"way\" ref=\"18\" role=\"inner\"/><member type=\"way\" ref=\"19\" role=\"\"/>"
        "<tag k=\"type\" v=\"multipolygon\"/><tag k=\"building\" v=\"yes\"/></relation>\n"
        "</osm>\n";
#undef SQUARE
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load(&d, text, "t.osm", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 3);
    const ly_building *roof = building(&d, "way/14"), *named = building(&d, "way/15");
    const ly_building *court = building(&d, "relation/20");
    CHECK(roof && roof->floors == 1 && roof->height_m <= 5.01);
    CHECK(strstr(msgs, "\"building:levels\" is 0 (a roof or a canopy, no storey of its own)") != NULL);
    CHECK(named && named->name && !strcmp(named->name, "青島大廈"));
    CHECK(named && named->address && !strcmp(named->address, "香港中路6号"));
    CHECK(court && court->n_polygons == 1 && d.polygons[court->first_polygon].n_rings == 3);
    CHECK(strstr(msgs, "way 16 (building=yes) has 1 node") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* a file packed with what louyu does not unpack is said to be so */
    CHECK_INT(load_n(&d, "BZh91AY&SY", 10, "x.osm.bz2", false, &diags, msgs, sizeof msgs),
              LY_LOAD_DATA);
    CHECK(strstr(msgs, "x.osm.bz2: error: the file is compressed with bzip2") != NULL);
    ly_diag_list_deinit(&diags);
}

/* An OpenStreetMap history file (osmium's .osh): every version of an element, oldest first;
 * the map is drawn as it is now, each element at its latest version, and that is said. */
static void history(void)
{
#define NODE(id, v, lat, lon)                                                                      \
    "<node id=\"" #id "\" version=\"" #v "\" lat=\"" lat "\" lon=\"" lon "\"/>\n"
#define ND(a, b, c, d) "<nd ref=\"" #a "\"/><nd ref=\"" #b "\"/><nd ref=\"" #c "\"/><nd ref=\"" #d "\"/>"
    const char *text =
        "<?xml version=\"1.0\"?>\n<osm version=\"0.6\" generator=\"osmium/1.16\">\n"
        NODE(1, 1, "36.06", "120.38") NODE(1, 2, "36.0601", "120.38") NODE(2, 1, "36.06", "120.381")
        NODE(3, 1, "36.061", "120.381") NODE(4, 1, "36.061", "120.38")
        NODE(5, 1, "36.062", "120.382") "<node id=\"5\" version=\"2\" visible=\"false\"/>\n"
        "<node id=\"6\" version=\"1\" lat=\"36.05\" lon=\"120.37\"><tag k=\"amenity\" "
        "v=\"cafe\"/></node>\n<node id=\"6\" version=\"2\" lat=\"36.05\" lon=\"120.37\"/>\n"
        "<way id=\"10\" version=\"1\">" ND(1, 2, 3, 1) "<tag k=\"building\" v=\"yes\"/></way>\n"
        "<way id=\"10\" version=\"2\">" ND(1, 2, 3, 4) "<nd ref=\"1\"/><tag k=\"building\" "
        "v=\"office\"/><tag k=\"building:levels\" v=\"5\"/></way>\n"
        "<way id=\"11\" version=\"1\">" ND(2, 3, 5, 2) "<tag k=\"building\" v=\"yes\"/></way>\n"
        "<way id=\"11\" version=\"2\" visible=\"false\"/>\n</osm>\n";
    ly_district d;
    ly_diag_list diags;
    char msgs[4096];
    CHECK_INT(load(&d, text, "h.osh", false, &diags, msgs, sizeof msgs), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 1); /* way 11 is deleted; the cafe lost its tags */
    CHECK_INT((int)d.n_features, 0); /* the cafe lost its tags: not a place */
    if (d.n_buildings == 1) {
        CHECK_STR(d.buildings[0].id, "way/10");
        CHECK_INT(d.buildings[0].floors, 5);
        const ly_polygon *pg = &d.polygons[d.buildings[0].first_polygon];
        CHECK_INT((int)d.rings[pg->first_ring].n_points, 4); /* version 2's outline */
    }
    CHECK(strstr(msgs, "h.osh: warning: the file holds the map's history: 3 elements have later "
                       "versions in it; each element is drawn as its latest version") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
#undef NODE
#undef ND
}

int main(void)
{
    every_form();
    broken();
    broken_pbf();
    partial();
    center_only();
    unclosed();
    gzipped();
    many_ways();
    tagging();
    history();
    return check_report();
}
