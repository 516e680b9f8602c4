/* The CityJSON reader: the sample (tests/data/cityjson/sample.city.json: a gabled LoD2.2
 * house with an LoD1 as well, a tower of two BuildingParts, a courtyard block written
 * inside out, a template, a footprint-only shed, a road and a canal as triangles),
 * LoD choice, the mesh and exact picks on a sloped roof, CityJSONSeq, and broken
 * files refused at FILE:LINE:COL with the city object's id. */
#include "check.h"
#include "louyu/bvh.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/mesh.h"

#define SAMPLE LY_SOURCE_DIR "/tests/data/cityjson/sample.city.json"

static const ly_building *find(const ly_district *d, const char *id)
{
    long i = ly_district_find(d, id);
    return i < 0 ? NULL : &d->buildings[i];
}

static ly_load_result load_text(ly_district *d, const char *text, const char *lod,
                                ly_diag_list *diags)
{
    return ly_district_load_mem(d, text, strlen(text), "t.city.json",
                                &(ly_load_desc){.lod = lod}, diags);
}

/* The first diagnostic whose message holds `needle`, or NULL. */
static const ly_diag *said(const ly_diag_list *l, const char *needle)
{
    for (size_t i = 0; i < l->count; i++)
        if (strstr(l->items[i].message, needle))
            return &l->items[i];
    return NULL;
}

/* Six times the volume building b's faces enclose (positive when they face out). */
static double volume6(const ly_district *d, const ly_geo *geo, const ly_building *b)
{
    double v = 0;
    for (uint32_t f = 0; f < b->n_faces; f++) {
        const ly_face *fc = &d->faces[b->first_face + f];
        for (uint32_t k = 0; k < fc->n_rings; k++) {
            const ly_ring *r = &d->rings[fc->first_ring + k];
            const double *p = geo->xy;
            size_t a = r->first_point;
            for (uint32_t i = 1; i + 1 < r->n_points; i++) {
                size_t bb = r->first_point + i, c = bb + 1;
                double ax = p[2 * a], ay = p[2 * a + 1], az = d->point_z[a];
                double bx = p[2 * bb], by = p[2 * bb + 1], bz = d->point_z[bb];
                double cx = p[2 * c], cy = p[2 * c + 1], cz = d->point_z[c];
                v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
            }
        }
    }
    return v;
}

static void test_sample(void)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, SAMPLE);
    ly_district d;
    CHECK_INT(ly_district_load(&d, SAMPLE, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 5);
    CHECK_INT(d.n_features, 2);
    CHECK_INT(d.n_point_z, d.n_points);
    CHECK_STR(d.meta.name, "louyu's CityJSON sample");
    CHECK(said(&diags, "CityFurniture 1") != NULL);

    const ly_building *house = find(&d, "house");
    CHECK(house && house->n_faces == 7);
    CHECK(house && fabsf(house->lod - 2.2f) < 1e-6f);
    CHECK_NEAR(house ? house->height_m : 0, 7.0, 1e-3);
    CHECK_INT(house ? house->floors : 0, 2);
    CHECK_INT(house ? house->year : 0, 1931);
    CHECK_STR(house ? house->name : NULL, "Gable House");
    CHECK_STR(house ? house->address : NULL, "Oude Delft 36, 2611 CD Delft");
    CHECK(house && house->extra && strstr(house->extra, "\"roofType\":\"gabled\""));
    /* the footprint is the ground surface: one polygon of four points */
    CHECK_INT(house ? house->n_polygons : 0, 1);
    int roofs = 0;
    for (uint32_t f = 0; house && f < house->n_faces; f++)
        roofs += d.faces[house->first_face + f].type == LY_FACE_ROOF;
    CHECK_INT(roofs, 2);

    const ly_building *tower = find(&d, "tower");
    CHECK_NEAR(tower ? tower->height_m : 0, 40.0, 1e-3);
    int parts = 0;
    for (uint32_t f = 0; tower && f < tower->n_faces; f++)
        parts |= 1 << d.faces[tower->first_face + f].part;
    CHECK_INT(parts, 6); /* parts 1 and 2: the podium and the shaft */
    /* the podium's ground, and the shaft's 5 m up standing on it: a polygon from 5 m to
     * its top (it had been left out as an overhang's underside, and the podium's polygon
     * went up to the shaft's top in a GeoJSON export) */
    CHECK_INT(tower ? tower->n_polygons : 0, 2);
    if (tower && tower->n_polygons == 2) {
        const ly_polygon *pod = &d.polygons[tower->first_polygon], *shaft = pod + 1;
        CHECK_NEAR(pod->min_height_m, 0.0, 1e-3);
        CHECK_NEAR(pod->height_m, 5.0, 1e-3);
        CHECK_NEAR(shaft->min_height_m, 5.0, 1e-3);
        CHECK_NEAR(shaft->height_m, 40.0, 1e-3);
    }

    const ly_building *kiosk = find(&d, "kiosk"), *shed = find(&d, "shed");
    CHECK_NEAR(kiosk ? kiosk->height_m : 0, 3.0, 1e-3);
    CHECK(shed && shed->n_faces == 0 && shed->n_polygons == 1);
    CHECK_NEAR(shed ? shed->height_m : 0, 4.5, 1e-6);
    /* the road's two triangles merged into one quadrilateral */
    CHECK_INT(d.features[0].kind, LY_KIND_ROAD);
    CHECK_INT(d.features[0].n_polygons, 1);
    CHECK_INT(d.rings[d.polygons[d.features[0].first_polygon].first_ring].n_points, 4);
    CHECK_INT(d.features[1].kind, LY_KIND_WATER);

    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    /* the kiosk's template (a 1 x 1 box) scaled by 2: its footprint's sides are 2 m */
    const ly_ring *kr = kiosk ? &d.rings[d.polygons[kiosk->first_polygon].first_ring] : NULL;
    for (uint32_t k = 0; kr && k < kr->n_points; k++) {
        const double *a = geo.xy + 2 * (kr->first_point + k);
        const double *b = geo.xy + 2 * (kr->first_point + (k + 1) % kr->n_points);
        CHECK_NEAR(hypot(b[0] - a[0], b[1] - a[1]), 2.0, 0.002);
    }
    /* every model encloses its volume facing out, the inside-out courtyard block too */
    const char *ids[] = {"house", "tower", "court", "kiosk"};
    double want[] = {10 * 8 * 4 + 10 * 8 * 3 / 2.0, 20 * 20 * 5 + 10 * 10 * 35, (400 - 100) * 9, 4 * 3};
    for (int i = 0; i < 4; i++) {
        const ly_building *b = find(&d, ids[i]);
        CHECK_NEAR(b ? volume6(&d, &geo, b) / 6 : 0, want[i], want[i] * 1e-3);
    }
    ly_mesh m;
    CHECK_INT(ly_mesh_init(&m, &d, &geo, NULL), 0);
    ly_bvh bvh;
    CHECK_INT(ly_bvh_init(&bvh, &m), 0);
    /* straight down onto the house's south slope, halfway from the ridge to the eaves:
     * the roof is 5.5 m high there (the LoD1 box would say 6) */
    const ly_ring *hr = &d.rings[d.polygons[house->first_polygon].first_ring];
    double c[2] = {0, 0}, lo[2][2] = {{0, INFINITY}, {0, INFINITY}};
    for (uint32_t k = 0; k < hr->n_points; k++) {
        const double *p = geo.xy + 2 * (hr->first_point + k);
        c[0] += p[0] / hr->n_points;
        c[1] += p[1] / hr->n_points;
        int slot = p[1] < lo[0][1] ? 0 : p[1] < lo[1][1] ? 1 : -1;
        if (slot == 0)
            memcpy(lo[1], lo[0], sizeof lo[0]);
        if (slot >= 0)
            memcpy(lo[slot], p, sizeof lo[0]);
    }
    double eave[2] = {(lo[0][0] + lo[1][0]) / 2, (lo[0][1] + lo[1][1]) / 2};
    ly_hit hit;
    float o[3] = {(float)((c[0] + eave[0]) / 2), (float)((c[1] + eave[1]) / 2), 100};
    float dir[3] = {0, 0, -1};
    CHECK(ly_bvh_ray(&bvh, &d, o, dir, INFINITY, &hit));
    CHECK_INT(hit.building, house - d.buildings);
    CHECK_NEAR(hit.point[2], 5.5, 0.01);
    ly_bvh_deinit(&bvh);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void test_lod(void)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, SAMPLE);
    ly_district d;
    CHECK_INT(ly_district_load(&d, SAMPLE, &(ly_load_desc){.lod = "1"}, &diags), LY_LOAD_OK);
    const ly_building *house = find(&d, "house");
    CHECK(house && fabsf(house->lod - 1) < 1e-6f && house->n_faces == 6);
    CHECK_NEAR(house ? house->height_m : 0, 6.0, 1e-3);
    CHECK(said(&diags, "have no geometry at LoD 1") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

#define HEAD "{\"type\":\"CityJSON\",\"version\":\"2.0\",\"transform\":{\"scale\":[0.001,0.001,0.001]," \
             "\"translate\":[85000,447000,0]},\"metadata\":{\"referenceSystem\":"                  \
             "\"https://www.opengis.net/def/crs/EPSG/0/28992\"}"
#define BOX "[[[[0,1,2,3]],[[4,7,6,5]],[[0,4,5,1]],[[1,5,6,2]],[[2,6,7,3]],[[3,7,4,0]]]]"
#define VERTS "[[0,0,0],[10000,0,0],[10000,10000,0],[0,10000,0],[0,0,9000],[10000,0,9000]," \
              "[10000,10000,9000],[0,10000,9000]]"

/* A document's text loaded (diags made for it, then the caller's to free), and its
 * building `id` (NULL when it has none). */
static const ly_building *load_one(ly_district *d, const char *text, const char *id,
                                   ly_diag_list *diags)
{
    ly_diag_list_init(diags, "t.city.json");
    CHECK_INT(load_text(d, text, NULL, diags), LY_LOAD_OK);
    return find(d, id);
}

static void test_errors(void)
{
    static const struct {
        const char *text, *message;
        int line, col;
    } cases[] = {
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"Solid\","
              "\"lod\":\"1\",\"boundaries\":[[[[0,1,2,99]]]]}]}},\"vertices\":" VERTS "}",
         "city object \"a\": vertex index 99 is out of range", 1, 284},
        {HEAD ",\"CityObjects\":{\"a\":{\"geometry\":[]}},\"vertices\":[]}",
         "city object \"a\": has no \"type\"", 1, 204},
        {"{\"type\":\"CityJSON\",\"version\":\"3.0\",\"CityObjects\":{},\"vertices\":[]}",
         "\"version\" is \"3.0\": expected \"2.0\"", 1, 30},
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"children\":[\"nope\"]}},\"vertices\":[]}",
         "child \"nope\" is not one of the CityObjects", 1, 235},
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"Solid\","
              "\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":[[0,0,0],[1,2]]}",
         "vertex 1 has 2 values: expected [x, y, z]", 1, 374},
        {"{\"type\":\"CityJSON\",\"version\":\"2.0\",\"metadata\":{\"referenceSystem\":"
         "\"https://www.opengis.net/def/crs/EPSG/0/999999\"},\"CityObjects\":{},\"vertices\":[]}",
         "PROJ cannot transform it", 1, 66},
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":"
              "\"GeometryInstance\",\"template\":3,\"boundaries\":[0],\"transformationMatrix\":"
              "[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]}]}},\"vertices\":[[0,0,0]]}",
         "\"template\" is a number: expected the index of one of the 0 geometry-templates", 1,
         273},
        /* a geometry of a type CityJSON does not have (it had been skipped, the building
         * left out with a warning, the file "valid"), and geometry not an array */
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"solid\","
              "\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}",
         "city object \"a\": geometry \"type\" is \"solid\": expected one of CityJSON's", 1, 243},
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":{\"type\":\"Solid\","
              "\"lod\":\"1\",\"boundaries\":" BOX "}}},\"vertices\":" VERTS "}",
         "city object \"a\": \"geometry\" is an object: expected an array", 1, 234},
        /* no "vertices": said where (it had no position) */
        {"{\"type\":\"CityJSON\",\"version\":\"2.0\",\"CityObjects\":{}}",
         "the document has no \"vertices\": expected an array of [x, y, z]", 1, 1},
        /* EPSG:4326 written latitude first: said to look so */
        {"{\"type\":\"CityJSON\",\"version\":\"2.0\",\"metadata\":{\"referenceSystem\":"
         "\"https://www.opengis.net/def/crs/EPSG/0/4326\"},\"CityObjects\":{\"a\":{\"type\":"
         "\"Building\",\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":\"1\",\"boundaries\":"
         "[[[0,1,2]]]}]}},\"vertices\":[[36.06,120.38,0],[36.07,120.38,0],[36.07,120.39,0]]}",
         "x east then y north (longitude then latitude): the file looks written latitude first", 1,
         236}, /* (at "vertices") */
        /* a bad index in a level of detail not drawn: valid at none */
        {HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"Solid\","
              "\"lod\":\"1\",\"boundaries\":[[[[0,1,2,99]]]]},{\"type\":\"Solid\",\"lod\":\"2\","
              "\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}",
         "city object \"a\": vertex index 99 is out of range", 1, 284},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ly_diag_list diags;
        ly_diag_list_init(&diags, "t.city.json");
        ly_district d;
        CHECK_INT(load_text(&d, cases[i].text, NULL, &diags), LY_LOAD_DATA);
        CHECK_INT(d.n_buildings, 0);
        const ly_diag *dg = said(&diags, cases[i].message);
        if (!dg)
            fprintf(stderr, "case %zu: no \"%s\" in %s\n", i, cases[i].message,
                    diags.count ? diags.items[0].message : "(nothing)");
        CHECK(dg != NULL);
        if (dg && (dg->line != cases[i].line || dg->col != cases[i].col))
            fprintf(stderr, "case %zu at %d:%d\n", i, dg->line, dg->col);
        CHECK(dg && dg->line == cases[i].line && dg->col == cases[i].col);
        ly_diag_list_deinit(&diags);
    }
}

/* City objects of a type louyu does not draw, an empty one among them: left out, named in
 * one warning (an empty type once crashed the count). */
static void test_unknown_types(void)
{
#define POINT "\"geometry\":[{\"type\":\"MultiPoint\",\"lod\":\"1\",\"boundaries\":[0]}]"
    const char *text =
        HEAD ",\"CityObjects\":{\"a\":{\"type\":\"\"," POINT "},\"b\":{\"type\":\"\"," POINT "},"
        "\"c\":{\"type\":\"+Kiosk\"," POINT "},\"h\":{\"type\":\"Building\",\"geometry\":[{\"type\":"
        "\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.city.json");
    ly_district d;
    CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    const ly_diag *w = said(&diags, "(it draws buildings, roads, water, vegetation and land use)");
    CHECK(w && strstr(w->message, ": \"\" 2, +Kiosk 1"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A name's control characters are spaces and its bidirectional overrides are gone, as
 * GeoJSON's (test_district): it is shown on terminals, cards and pages. */
static void test_tame_names(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"h\":{\"type\":\"Building\",\"attributes\":{\"name\":"
        "\"a\\u001b[2Jb\\u009bc\\u202eexe.txt\\u2066d\\ne\"},\"geometry\":[{\"type\":"
        "\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_district d;
    const ly_building *b = load_one(&d, text, "h", &diags);
    CHECK(b && b->name);
    if (b && b->name)
        CHECK_STR(b->name, "a [2Jb cexe.txtd\ne");
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* Reference systems through PROJ: Swiss LV95 (EPSG:2056) at Zürich's main station, and
 * WGS 84 itself in Qingdao, both written x east, y north as CityJSON files are. */
static void test_crs(void)
{
    static const struct {
        const char *crs;
        double x, y, scale;
        int k; /* the box's side in the transform's units (about 10 m) */
        double lon, lat;
    } cases[] = {{"https://www.opengis.net/def/crs/EPSG/0/2056", 2683000, 1248000, 0.001, 10000,
                  8.5375, 47.3760},
                 {"urn:ogc:def:crs:EPSG::4326", 120.38, 36.06, 1e-7, 1000, 120.38, 36.06}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[2048];
        double s = cases[i].scale;
        int k = cases[i].k;
        snprintf(text, sizeof text,
                 "{\"type\":\"CityJSON\",\"version\":\"2.0\",\"transform\":{\"scale\":[%g,%g,0.001],"
                 "\"translate\":[%.7f,%.7f,0]},\"metadata\":{\"referenceSystem\":\"%s\"},"
                 "\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"Solid\","
                 "\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":[[0,0,0],[%d,0,0],[%d,%d,0],"
                 "[0,%d,0],[0,0,9000],[%d,0,9000],[%d,%d,9000],[0,%d,9000]]}",
                 s, s, cases[i].x, cases[i].y, cases[i].crs, k, k, k, k, k, k, k, k);
        ly_diag_list diags;
        ly_diag_list_init(&diags, "t.city.json");
        ly_district d;
        CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_OK);
        if (diags.count)
            fprintf(stderr, "%s: %s\n", cases[i].crs, diags.items[0].message);
        CHECK_NEAR(d.n_buildings ? d.buildings[0].lon_min : 0, cases[i].lon, 0.002);
        CHECK_NEAR(d.n_buildings ? d.buildings[0].lat_min : 0, cases[i].lat, 0.002);
        CHECK_NEAR(d.n_buildings ? d.buildings[0].height_m : 0, 9.0, 1e-3);
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
}

static void test_seq(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{},\"vertices\":[]}\n"
        "{\"type\":\"CityJSONFeature\",\"id\":\"a\",\"CityObjects\":{\"a\":{\"type\":\"Building\","
        "\"attributes\":{\"storeysAboveGround\":3},\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\","
        "\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}\n"
        "{\"type\":\"CityJSONFeature\",\"id\":\"b\",\"CityObjects\":{\"b\":{\"type\":\"Building\","
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":"
        VERTS "}\n";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.city.jsonl");
    ly_district d;
    CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 2);
    CHECK_INT(d.n_buildings ? d.buildings[0].floors : 0, 3);
    CHECK_NEAR(d.n_buildings ? d.buildings[1].height_m : 0, 9.0, 1e-3);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* a bad third line: its own line and column; an id used twice */
    char bad[4096];
    snprintf(bad, sizeof bad, "%s%s", text, "{\"type\":\"CityJSONFeature\",\"CityObjects\":"
             "{\"a\":{\"type\":\"Building\"}},\"vertices\":[]}\n{\"type\":\"CityJSONFeature\",}\n");
    ly_diag_list_init(&diags, "t.city.jsonl");
    CHECK_INT(load_text(&d, bad, NULL, &diags), LY_LOAD_DATA);
    const ly_diag *dup = said(&diags, "city object \"a\": the id is used before");
    CHECK(dup && dup->line == 4 && dup->col == 46);
    const ly_diag *syn = said(&diags, "trailing ','");
    CHECK(syn && syn->line == 5);
    ly_diag_list_deinit(&diags);
}

/* A CityJSONSeq's templates are in its first line and its features use them (that line
 * is kept while they are read); city objects in that line are not read, and said so. */
static void test_seq_templates(void)
{
    const char *text =
        HEAD ",\"geometry-templates\":{\"templates\":[{\"type\":\"Solid\",\"lod\":\"1\","
        "\"boundaries\":" BOX "}],\"vertices-templates\":[[0,0,0],[10,0,0],[10,10,0],[0,10,0],"
        "[0,0,7],[10,0,7],[10,10,7],[0,10,7],[500,500,500]]},\"CityObjects\":{\"h\":{\"type\":"
        "\"Building\",\"geometry\":[]}},\"vertices\":[]}\n"
        "{\"type\":\"CityJSONFeature\",\"id\":\"a\",\"CityObjects\":{\"a\":{\"type\":\"Building\","
        "\"geometry\":[{\"type\":\"GeometryInstance\",\"template\":0,\"boundaries\":[0],"
        "\"transformationMatrix\":[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]}]}},\"vertices\":[[0,0,0]]}\n";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.city.jsonl");
    ly_district d;
    CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    const ly_building *a = find(&d, "a");
    CHECK(a && a->n_faces == 6);
    CHECK_NEAR(a ? a->height_m : 0, 7.0, 1e-3);
    const ly_diag *w = said(&diags, "the first line holds 1 city object, which is not read");
    CHECK(w && w->line == 1);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* Parts that list each other (a cycle), or the building itself, are read once, with a
 * warning: a 500-byte file once made 20^8 visits. */
static void test_part_cycle(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[\"P\"]},"
        "\"P\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"children\":[\"P\",\"P\",\"P\",\"P\","
        "\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\",\"P\"],"
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},"
        "\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_district d;
    const ly_building *a = load_one(&d, text, "A", &diags);
    CHECK(a && a->n_faces == 6); /* the part once */
    CHECK(said(&diags, "child \"P\" is reached again") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A building with its own geometry and an installation (a chimney) is both: the
 * installation does not take the building's place, as it did. */
static void test_installation(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[\"C\"],"
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]},"
        "\"C\":{\"type\":\"BuildingInstallation\",\"parents\":[\"A\"],"
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},"
        "\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_district d;
    const ly_building *a = load_one(&d, text, "A", &diags);
    CHECK(a && a->n_faces == 12); /* its own 6 and the installation's 6 */
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* Two parts side by side, a 10 m podium and a 60 m tower: each footprint polygon is as
 * high as its own part (a GeoJSON export's "parts"), not the building's 60 m. */
static void test_part_heights(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[\"P\",\"T\"]},"
        "\"P\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":\"Solid\","
        "\"lod\":\"1\",\"boundaries\":" BOX ",\"semantics\":{\"surfaces\":[{\"type\":\"GroundSurface\"},"
        "{\"type\":\"RoofSurface\"},{\"type\":\"WallSurface\"}],\"values\":[[0,1,2,2,2,2]]}}]},"
        "\"T\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":\"Solid\","
        "\"lod\":\"1\",\"boundaries\":[[[[8,9,10,11]],[[12,15,14,13]],[[8,12,13,9]],[[9,13,14,10]],"
        "[[10,14,15,11]],[[11,15,12,8]]]],\"semantics\":{\"surfaces\":[{\"type\":\"GroundSurface\"},"
        "{\"type\":\"RoofSurface\"},{\"type\":\"WallSurface\"}],\"values\":[[0,1,2,2,2,2]]}}]}},"
        "\"vertices\":[[0,0,0],[10000,0,0],[10000,10000,0],[0,10000,0],[0,0,10000],[10000,0,10000],"
        "[10000,10000,10000],[0,10000,10000],[20000,0,0],[30000,0,0],[30000,10000,0],[20000,10000,0],"
        "[20000,0,60000],[30000,0,60000],[30000,10000,60000],[20000,10000,60000]]}";
    ly_diag_list diags;
    ly_district d;
    const ly_building *a = load_one(&d, text, "A", &diags);
    CHECK(a && a->n_polygons == 2);
    if (a && a->n_polygons == 2) {
        float h0 = d.polygons[a->first_polygon].height_m, h1 = d.polygons[a->first_polygon + 1].height_m;
        CHECK_NEAR(fminf(h0, h1), 10.0, 1e-3);
        CHECK_NEAR(fmaxf(h0, h1), 60.0, 1e-3);
        CHECK_NEAR(a->height_m, 60.0, 1e-3);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A footprint (LoD0) with its height written as text: "12.5 m" is read as 12.5 m (and
 * "41 ft", "12,5", "１２米" as GeoJSON's heights are), with a warning that says so (it had said "the model's own heights are used" and drawn 10 m);
 * text that is no height says what is used instead. */
static void test_measured_text(void)
{
#define FOOTPRINT(H)                                                                       \
    HEAD ",\"CityObjects\":{\"f\":{\"type\":\"Building\",\"attributes\":{\"measuredHeight\":" H \
    "},\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":\"0\",\"boundaries\":[[[0,1,2,3]]]}]}},"   \
    "\"vertices\":" VERTS "}"
    ly_diag_list diags;
    ly_district d;
    const ly_building *f = load_one(&d, FOOTPRINT("\"12.5 m\""), "f", &diags);
    CHECK_NEAR(f ? f->height_m : 0, 12.5, 1e-9);
    CHECK(said(&diags, "\"measuredHeight\" is the text \"12.5 m\": read as 12.5 m") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* as GeoJSON's heights are read: feet, a decimal comma, full-width digits */
    static const struct {
        const char *text;
        double m;
    } SAME[] = {{"\"41 ft\"", 12.4968}, {"\"12,5\"", 12.5}, {"\"\uff11\uff12\u7c73\"", 12},
                {"\"40'\"", 12.192}};
    for (size_t k = 0; k < sizeof SAME / sizeof *SAME; k++) {
        char text[1024];
        snprintf(text, sizeof text, FOOTPRINT("%s"), SAME[k].text);
        f = load_one(&d, text, "f", &diags);
        CHECK_NEAR(f ? f->height_m : 0, SAME[k].m, 1e-6);
        CHECK(said(&diags, "expected a number of metres") != NULL);
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    f = load_one(&d, FOOTPRINT("\"tall\""), "f", &diags);
    CHECK_NEAR(f ? f->height_m : 0, 10.0, 1e-9);
    CHECK(said(&diags, "not used: the height is the model's, else its storeys', else 10 m") !=
          NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
#undef FOOTPRINT
}

/* A split-level house on a slope: its upper half's ground surface is 3 m above the base,
 * with nothing under it, and is footprint (it was left out as an overhang's underside,
 * and the footprint lost half the house); a slab's underside over the lower half's ground
 * is an overhang, not footprint. */
static void test_split_level(void)
{
#define SEMANTICS                                                                          \
    "\"semantics\":{\"surfaces\":[{\"type\":\"GroundSurface\"},{\"type\":\"RoofSurface\"},"    \
    "{\"type\":\"WallSurface\"}],\"values\":[[0,1,2,2,2,2]]}"
    const char *text =
        HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[\"L\",\"U\",\"O\"]},"
        "\"L\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":"
        "\"Solid\",\"lod\":\"2\",\"boundaries\":"
        "[[[[0,1,2,3]],[[4,7,6,5]],[[0,4,5,1]],[[1,5,6,2]],[[2,6,7,3]],[[3,7,4,0]]]],"
        SEMANTICS "}]},"
        "\"U\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":"
        "\"Solid\",\"lod\":\"2\",\"boundaries\":"
        "[[[[8,9,10,11]],[[12,15,14,13]],[[8,12,13,9]],[[9,13,14,10]],[[10,14,15,11]],[[11,15,12,8]]]],"
        SEMANTICS "}]},"
        "\"O\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":"
        "\"Solid\",\"lod\":\"2\",\"boundaries\":"
        "[[[[16,17,18,19]],[[20,23,22,21]],[[16,20,21,17]],[[17,21,22,18]],[[18,22,23,19]],[[19,23,20,16]]]],"
        SEMANTICS "}]}},"
        "\"vertices\":[[0,0,0],[10000,0,0],[10000,10000,0],[0,10000,0],"
        "[0,0,10000],[10000,0,10000],[10000,10000,10000],[0,10000,10000],"
        "[10000,0,3000],[20000,0,3000],[20000,10000,3000],[10000,10000,3000],"
        "[10000,0,13000],[20000,0,13000],[20000,10000,13000],[10000,10000,13000],"
        "[2000,2000,12000],[8000,2000,12000],[8000,8000,12000],[2000,8000,12000],"
        "[2000,2000,14000],[8000,2000,14000],[8000,8000,14000],[2000,8000,14000]]}";
#undef SEMANTICS
    ly_diag_list diags;
    ly_district d;
    const ly_building *a = load_one(&d, text, "A", &diags);
    CHECK(a && a->n_polygons == 2);
    double area = 0;
    for (uint32_t i = 0; a && i < a->n_polygons; i++) {
        const ly_ring *rg = &d.rings[d.polygons[a->first_polygon + i].first_ring];
        CHECK_INT(rg->n_points, 4);
        const double *p = d.points + 2 * (size_t)rg->first_point, kx = 111320 * cos(p[1] * M_PI / 180);
        for (uint32_t k = 0, j = rg->n_points - 1; k < rg->n_points; j = k++)
            area += 0.5 * kx * 110574 * (p[2 * j] * p[2 * k + 1] - p[2 * k] * p[2 * j + 1]);
    }
    CHECK_NEAR(fabs(area), 200.0, 3.0); /* 10 x 10 m twice, not the slab's 6 x 6 m */
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A file that fills in one side of the hierarchy only: a part that names its building in
 * "parents" while the building's "children" leave it out is read with it (it was lost), and
 * a part a building lists that has no "parents" is read with it once (it was read twice,
 * also as a building of its own). */
static void test_one_sided_parts(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[]},"
        "\"P\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],"
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]},"
        "\"B\":{\"type\":\"Building\",\"children\":[\"Q\"]},"
        "\"Q\":{\"type\":\"BuildingPart\","
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},"
        "\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.city.json");
    ly_district d;
    CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 2);
    const ly_building *a = find(&d, "A"), *b = find(&d, "B");
    CHECK(a && a->n_faces == 6);
    CHECK(b && b->n_faces == 6);
    CHECK(find(&d, "P") == NULL && find(&d, "Q") == NULL);
    CHECK(said(&diags, "1 part names a parent in its \"parents\" that does not list it") !=
          NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A house number and postal code written as numbers stay as written; a name that is not
 * a text is said so. */
static void test_attribute_forms(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"h\":{\"type\":\"Building\",\"attributes\":{\"name\":42},"
        "\"address\":[{\"ThoroughfareName\":\"Kade\",\"ThoroughfareNumber\":1234567,"
        "\"PostalCode\":2611,\"LocalityName\":\"Delft\"}],\"geometry\":[{\"type\":\"Solid\","
        "\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_district d;
    const ly_building *h = load_one(&d, text, "h", &diags);
    CHECK(h && h->address && !strcmp(h->address, "Kade 1234567, 2611 Delft"));
    CHECK(said(&diags, "\"name\" is a number: expected a text") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* newline-delimited GeoJSON that mentions CityJSON in a text is GeoJSON */
    const char *seq = "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{\"name\":\"\\\"type\\\": "
                      "\\\"CityJSON\\\" tower\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[4,52]}}\n"
                      "{\"type\":\"Feature\",\"id\":\"b\",\"properties\":{\"name\":\"CityJSON\"},"
                      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[4,52]}}\n";
    ly_diag_list_init(&diags, "t.geojsonl");
    CHECK_INT(ly_district_load_mem(&d, seq, strlen(seq), "t.geojsonl", NULL, &diags), LY_LOAD_OK);
    CHECK(!d.meta.cityjson);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* What a value louyu cannot read is said with the value: a year not whole or out of range
 * (it had been "is a number: expected a year"); storeys as text read as the GeoJSON loader
 * reads levels ("5;6": the largest, said; they had been "is a string"); a GeometryInstance
 * whose matrix flattens its template said as that, not as "no surfaces". */
static void test_attribute_values(void)
{
    static const struct {
        const char *attr, *said;
        int year, floors;
    } cases[] = {
        {"\"yearOfConstruction\":1800.5", "\"yearOfConstruction\" is 1800.5: expected a year, "
         "a whole number from 1000 to 2200", 0, 3},
        {"\"yearOfConstruction\":-5", "\"yearOfConstruction\" is -5: expected a year", 0, 3},
        {"\"yearOfConstruction\":1e10", "\"yearOfConstruction\" is 10000000000: expected", 0, 3},
        {"\"yearOfConstruction\":1990", NULL, 1990, 3},
        {"\"storeysAboveGround\":\"5;6\"", "\"storeysAboveGround\" is \"5;6\": several "
         "values; the largest is used (6)", 0, 6},
        {"\"storeysAboveGround\":\"3\"", NULL, 0, 3},
        {"\"storeysAboveGround\":\"3.5\"", "\"storeysAboveGround\" is \"3.5\": expected a whole "
         "number from 1 to 300", 0, 3},
        {"\"storeysAboveGround\":\"many\"", "\"storeysAboveGround\" is \"many\": expected", 0, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[2048];
        snprintf(text, sizeof text, HEAD ",\"CityObjects\":{\"h\":{\"type\":\"Building\","
                 "\"attributes\":{%s},\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\","
                 "\"boundaries\":" BOX "}]}},\"vertices\":" VERTS "}", cases[i].attr);
        ly_diag_list diags;
        ly_district d;
        const ly_building *h = load_one(&d, text, "h", &diags);
        CHECK(h && h->year == cases[i].year && h->floors == cases[i].floors);
        CHECK(cases[i].said ? said(&diags, cases[i].said) != NULL : diags.count == 0);
        if (cases[i].said && !said(&diags, cases[i].said))
            fprintf(stderr, "%s: %s\n", cases[i].attr, diags.count ? diags.items[0].message : "");
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    const char *flat =
        HEAD ",\"geometry-templates\":{\"templates\":[{\"type\":\"Solid\",\"lod\":\"1\","
        "\"boundaries\":" BOX "}],\"vertices-templates\":[[0,0,0],[10,0,0],[10,10,0],[0,10,0],"
        "[0,0,7],[10,0,7],[10,10,7],[0,10,7]]},\"CityObjects\":{\"a\":{\"type\":\"Building\","
        "\"geometry\":[{\"type\":\"GeometryInstance\",\"template\":0,\"boundaries\":[0],"
        "\"transformationMatrix\":[1,0,0,0,0,1,0,0,0,0,0,0,0,0,0,1]}]}},\"vertices\":[[0,0,0]]}";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.city.json");
    ly_district d;
    load_text(&d, flat, NULL, &diags);
    CHECK_INT(d.n_buildings, 0);
    const ly_diag *w = said(&diags, "city object \"a\": has no surfaces louyu can draw: its "
                            "GeometryInstance's \"transformationMatrix\" is singular");
    CHECK(w && w->line == 1 && w->col > 300 && !said(&diags, "only points and lines"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A land use drawn as a fan of 2,000 triangles around one point is one area, its outline
 * the fan's rim (the merge once scanned every edge at the centre for each: 50,000
 * triangles took 10 s). */
/* A file of one ground area loaded (diags initialised here, for the caller to deinit):
 * the area, or NULL. */
static const ly_feature *one_area(ly_district *d, ly_diag_list *diags, const char *text)
{
    ly_diag_list_init(diags, "t.city.json");
    CHECK_INT(load_text(d, text, NULL, diags), LY_LOAD_OK);
    CHECK_INT(d->n_features, 1);
    return d->n_features == 1 ? &d->features[0] : NULL;
}

static void test_fan(void)
{
    enum { N = 2000 };
    size_t cap = 64 * N + 1024, n = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    n += (size_t)snprintf(text + n, cap - n, HEAD ",\"CityObjects\":{\"u\":{\"type\":\"LandUse\","
                          "\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":\"1\",\"boundaries\":[");
    for (int i = 1; i <= N; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s[[0,%d,%d]]", i > 1 ? "," : "", i,
                              i % N + 1);
    n += (size_t)snprintf(text + n, cap - n, "]}]}},\"vertices\":[[0,0,0]");
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(text + n, cap - n, ",[%d,%d,0]",
                              (int)lround(100000 * cos(2 * M_PI * i / N)),
                              (int)lround(100000 * sin(2 * M_PI * i / N)));
    n += (size_t)snprintf(text + n, cap - n, "]}");
    CHECK(n < cap);
    ly_diag_list diags;
    ly_district d;
    const ly_feature *f = one_area(&d, &diags, text);
    if (f) {
        CHECK_INT(f->n_polygons, 1);
        if (f->n_polygons == 1)
            CHECK_INT(d.rings[d.polygons[f->first_polygon].first_ring].n_points, N);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    free(text);
}

/* A ground area given as grid cells of two triangles each (cells of 10 m, as `cells` marks
 * them, row 0 at the bottom), merged into polygons: what comes out, and that no ring passes
 * a point twice (a ring that touches itself is not a valid polygon's: other tools refuse
 * it). */
static void merged_cells(const char *cells, int w, int h, int want_polygons, int want_rings)
{
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, HEAD ",\"CityObjects\":{\"u\":{\"type\":"
                                "\"LandUse\",\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":"
                                "\"1\",\"boundaries\":[");
    int first = 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (cells[(h - 1 - y) * w + x] != '#')
                continue;
            int a = y * (w + 1) + x, b = a + 1, c = b + w + 1, e = a + w + 1;
            n += (size_t)snprintf(text + n, sizeof text - n, "%s[[%d,%d,%d]],[[%d,%d,%d]]",
                                  first ? "" : ",", a, b, c, a, c, e);
            first = 0;
        }
    n += (size_t)snprintf(text + n, sizeof text - n, "]}]}},\"vertices\":[");
    for (int y = 0; y <= h; y++)
        for (int x = 0; x <= w; x++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s[%d,%d,0]", x || y ? "," : "",
                                  x * 10000, y * 10000);
    n += (size_t)snprintf(text + n, sizeof text - n, "]}");
    CHECK(n < sizeof text);
    ly_diag_list diags;
    ly_district d;
    const ly_feature *f = one_area(&d, &diags, text);
    if (f) {
        CHECK_INT(f->n_polygons, want_polygons);
        uint32_t rings = 0;
        bool twice = false;
        for (uint32_t p = 0; p < f->n_polygons; p++) {
            const ly_polygon *pg = &d.polygons[f->first_polygon + p];
            rings += pg->n_rings;
            for (uint32_t k = 0; k < pg->n_rings; k++) {
                const ly_ring *r = &d.rings[pg->first_ring + k];
                for (uint32_t i = 0; i < r->n_points; i++)
                    for (uint32_t j = i + 1; j < r->n_points; j++) {
                        const double *a = d.points + 2 * ((size_t)r->first_point + i),
                                     *b = d.points + 2 * ((size_t)r->first_point + j);
                        if (a[0] == b[0] && a[1] == b[1] && !twice) {
                            fprintf(stderr, "%s: polygon %u ring %u passes a point twice\n",
                                    cells, p, k);
                            twice = true;
                        }
                    }
            }
        }
        CHECK(!twice);
        CHECK_INT(rings, (uint32_t)want_rings);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void test_touching_areas(void)
{
    merged_cells(".#"
                 "#.", 2, 2, 2, 2); /* two squares corner to corner: two polygons */
    merged_cells("###"
                 "#.#"
                 "##.", 3, 3, 1, 2); /* a hole touching the notch's corner */
    merged_cells("###"
                 "#.#"
                 "###", 3, 3, 1, 2); /* a courtyard */
    merged_cells("#.#"
                 ".#."
                 "#.#", 3, 3, 5, 5); /* a chequerboard */
}

/* Refused, with what is wrong where: a part's problem names the part, not its building;
 * without a reference system, a vertex 20,000 km from the origin is an error, not a
 * building placed round the earth. */
static void test_refused(void)
{
    static const struct {
        const char *text, *message;
    } cases[] = {
        {HEAD ",\"CityObjects\":{\"A\":{\"type\":\"Building\",\"children\":[\"P\"]},"
              "\"P\":{\"type\":\"BuildingPart\",\"parents\":[\"A\"],\"geometry\":[{\"type\":"
              "\"Solid\",\"lod\":\"1\",\"boundaries\":[[[[0,1,2,99]]]]}]}},\"vertices\":" VERTS "}",
         "city object \"P\": vertex index 99 is out of range"},
        {"{\"type\":\"CityJSON\",\"version\":\"2.0\",\"transform\":{\"scale\":[1,1,1],"
         "\"translate\":[0,0,0]},\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":"
         "[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":"
         "[[20000000,0,0],[20000010,0,0],[20000010,10,0],[20000000,10,0],[20000000,0,9],"
         "[20000010,0,9],[20000010,10,9],[20000000,10,9]]}",
         "lies 20000 km from the file's origin"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ly_diag_list diags;
        ly_diag_list_init(&diags, "t.city.json");
        ly_district d;
        CHECK_INT(load_text(&d, cases[i].text, NULL, &diags), LY_LOAD_DATA);
        CHECK(said(&diags, cases[i].message) != NULL);
        ly_diag_list_deinit(&diags);
    }
}

/* --skip-bad: a city object with errors is left out (its error a warning that says so),
 * the others are read; in a document and in a CityJSONSeq. Without it the load fails and
 * says how many objects it would leave out; a document-level error is never skipped. */
static void test_skip_bad(void)
{
    const char *text =
        HEAD ",\"CityObjects\":{\"a\":{\"type\":\"Building\",\"geometry\":[{\"type\":\"Solid\","
        "\"lod\":\"1\",\"boundaries\":" BOX "}]},\"bad\":{\"type\":\"Building\",\"geometry\":"
        "[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":[[[[0,1,2,99]]]]}]},\"c\":{\"type\":"
        "\"Building\",\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},"
        "\"vertices\":" VERTS "}";
    ly_diag_list diags;
    ly_district d;
    ly_diag_list_init(&diags, "t.city.json");
    CHECK_INT(load_text(&d, text, NULL, &diags), LY_LOAD_DATA);
    CHECK_INT(diags.skippable, 1);
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, "t.city.json");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.city.json",
                                   &(ly_load_desc){.skip_bad = true}, &diags),
              LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 2);
    CHECK_INT(d.n_left_out, 1);
    CHECK(find(&d, "a") && find(&d, "c") && !find(&d, "bad"));
    const ly_diag *dg = said(&diags, "vertex index 99 is out of range");
    CHECK(dg && dg->severity == LY_DIAG_WARNING &&
          strstr(dg->message, "(the city object is left out)") != NULL);
    CHECK_INT(diags.errors, 0);
    /* the two read have the faces they had (the bad one's are gone with it) */
    const ly_building *c = find(&d, "c");
    CHECK(c && c->first_face + c->n_faces == d.n_faces);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    const char *seq =
        HEAD ",\"CityObjects\":{},\"vertices\":[]}\n"
        "{\"type\":\"CityJSONFeature\",\"id\":\"x\",\"CityObjects\":{\"x\":{\"type\":\"Building\","
        "\"children\":[\"nope\"]}},\"vertices\":[]}\n"
        "{\"type\":\"CityJSONFeature\",\"id\":\"b\",\"CityObjects\":{\"b\":{\"type\":\"Building\","
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":"
        VERTS "}\n"
        /* a feature whose vertex is not a number: left out whole, as a bad object is */
        "{\"type\":\"CityJSONFeature\",\"id\":\"v\",\"CityObjects\":{\"v\":{\"type\":\"Building\","
        "\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":" BOX "}]}},\"vertices\":"
        "[[0,0,0],[1,0,0],[1,1,0],[0,1,\"x\"],[0,0,9],[1,0,9],[1,1,9],[0,1,9]]}\n";
    ly_diag_list_init(&diags, "t.city.jsonl");
    CHECK_INT(ly_district_load_mem(&d, seq, strlen(seq), "t.city.jsonl",
                                   &(ly_load_desc){.skip_bad = true}, &diags),
              LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    CHECK_INT(d.n_left_out, 2);
    dg = said(&diags, "vertex 3's z is a string: expected [x, y, z]");
    CHECK(dg && dg->severity == LY_DIAG_WARNING && dg->line == 4 &&
          strstr(dg->message, "(the feature is left out)") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, "t.city.jsonl");
    CHECK_INT(ly_district_load_mem(&d, seq, strlen(seq), "t.city.jsonl", NULL, &diags),
              LY_LOAD_DATA);
    CHECK_INT(diags.skippable, 2);
    ly_diag_list_deinit(&diags);

    const char *doc = "{\"type\":\"CityJSON\",\"version\":\"3.0\",\"CityObjects\":{},\"vertices\":[]}";
    ly_diag_list_init(&diags, "t.city.json");
    CHECK_INT(ly_district_load_mem(&d, doc, strlen(doc), "t.city.json",
                                   &(ly_load_desc){.skip_bad = true}, &diags),
              LY_LOAD_DATA);
    CHECK_INT(diags.skippable, 0);
    ly_diag_list_deinit(&diags);
}

int main(void)
{
    test_sample();
    test_lod();
    test_errors();
    test_unknown_types();
    test_tame_names();
    test_seq_templates();
    test_part_cycle();
    test_installation();
    test_part_heights();
    test_split_level();
    test_measured_text();
    test_one_sided_parts();
    test_attribute_forms();
    test_attribute_values();
    test_refused();
    test_fan();
    test_touching_areas();
    test_crs();
    test_seq();
    test_skip_bad();
    return check_report();
}
