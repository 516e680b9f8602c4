/* ly_district: loading real and hand-made GeoJSON into the model. */
#include "check.h"
#include "louyu/district.h"

#include <math.h>

static ly_load_result load_text(ly_district *d, const char *text, ly_diag_list *diags)
{
    ly_diag_list_init(diags, "t.geojson");
    ly_load_result r = ly_district_load_mem(d, text, strlen(text), "t.geojson", NULL, diags);
    if (r != LY_LOAD_OK)
        for (size_t i = 0; i < diags->count; i++)
            ly_diag_print(stderr, diags, &diags->items[i]);
    return r;
}

/* A file of tests/data/wild loaded, its problems in diags (named as the file). */
static ly_load_result load_wild(ly_district *d, const char *name, ly_diag_list *diags)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/wild/%s", LY_SOURCE_DIR, name);
    ly_diag_list_init(diags, name);
    return ly_district_load(d, path, NULL, diags);
}

#define SQUARE "[[[120.0,36.0],[120.001,36.0],[120.001,36.001],[120.0,36.001],[120.0,36.0]]]"
#define OUTER "[[120.0,36.0],[120.001,36.0],[120.001,36.001],[120.0,36.001],[120.0,36.0]]"
#define HOLE "[[120.0002,36.0002],[120.0002,36.0004],[120.0004,36.0004],[120.0002,36.0002]]"

static void plain_osm(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"height\":\"12.5 m\",\"building\":\"office\","
        "\"name\":\"A\",\"roof:shape\":\"flat\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":42,\"properties\":{\"building:levels\":4,\"min_height\":3},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" OUTER "," HOLE "]}},"
        "{\"type\":\"Feature\",\"properties\":{},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"highway\":\"primary\"},"
        "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120,36],[120.1,36]]}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(diags.warnings, 0);
    CHECK_INT(d.n_buildings, 3);
    CHECK_INT(d.n_skipped, 0);
    /* OSM's highway: a road of its class */
    CHECK_INT(d.n_features, 1);
    CHECK(d.n_features == 1 && d.features[0].kind == LY_KIND_ROAD &&
          d.features[0].subtype == LY_ROAD_PRIMARY);
    CHECK(!d.meta.is_louyu);
    if (d.n_buildings == 3) {
        const ly_building *a = &d.buildings[0], *b = &d.buildings[1], *c = &d.buildings[2];
        CHECK_STR(a->id, "#0");
        CHECK_STR(a->name, "A");
        CHECK_NEAR(a->height_m, 12.5, 1e-9);
        CHECK_INT(a->floors, 4); /* 12.5 / 3.2 rounded */
        CHECK_STR(a->type, "office");
        CHECK_STR(a->extra, "{\"roof:shape\":\"flat\"}");
        CHECK_INT(a->n_records, 0);
        CHECK_STR(b->id, "42");
        CHECK_INT(b->floors, 4);
        CHECK_NEAR(b->height_m, 12.8, 1e-9);
        CHECK_NEAR(b->min_height_m, 3, 1e-9);
        CHECK_INT(d.polygons[b->first_polygon].n_rings, 2);
        CHECK_NEAR(d.polygons[b->first_polygon].min_height_m, 3, 1e-6);
        CHECK_NEAR(c->height_m, 10, 1e-9); /* nothing given: 10 m */
        CHECK_NEAR(ly_building_floor_base(&d, b, 3), 6.4, 1e-5);
        CHECK_NEAR(ly_building_floor_base(&d, b, 5), 12.8, 1e-5);
        /* ring stored without its closing point */
        CHECK_INT(d.rings[d.polygons[a->first_polygon].first_ring].n_points, 4);
    }
    CHECK_NEAR(d.lon_min, 120.0, 1e-12);
    CHECK_NEAR(d.lat_max, 36.001, 1e-12);
    ly_district_unload(&d);
    CHECK(d.buildings == NULL && d.n_buildings == 0);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* GeoJSON as OpenStreetMap exports write it: ids kept exactly as written (whole
 * numbers never in exponent form, so two large ids never collide), the id in the
 * properties where the Feature has none, empty names as no names, and what else
 * names a building when "name" does not. */
static void wild_osm(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":1155353760,\"properties\":{\"building\":\"apartments\","
        "\"name\":\"\",\"building:levels\":\"5\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":1155353761,\"properties\":{\"height\":9},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":322667430,\"building\":\"office\","
        "\"name\":\"  \",\"brand\":\"Acme\",\"addr:street\":\"Main Street\","
        "\"addr:housenumber\":\"8\",\"height\":20},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":9007199254740993,\"properties\":{\"name:en\":\"Tower\","
        "\"name:zh\":\"塔楼\",\"addr:street\":\"香港中路\",\"addr:housenumber\":\"6号\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":2.50,\"properties\":{\"building\":\"sports_hall\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"@id\":\"way/42\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 6);
    if (d.n_buildings == 6) {
        CHECK_STR(d.buildings[0].id, "1155353760");
        CHECK_STR(d.buildings[1].id, "1155353761");
        CHECK_STR(d.buildings[2].id, "322667430");
        CHECK_STR(d.buildings[3].id, "9007199254740993"); /* beyond a double: as written */
        CHECK_STR(d.buildings[4].id, "2.50");
        CHECK_STR(d.buildings[5].id, "way/42");
        CHECK_INT(ly_district_find(&d, "1155353760"), 0);
        CHECK_INT(ly_district_find(&d, "322667430"), 2);
        /* an empty or blank name is none; the title falls back to the kind and id */
        CHECK(d.buildings[0].name == NULL && d.buildings[2].name == NULL);
        CHECK(ly_building_name(&d.buildings[0], LY_LANG_EN) == NULL);
        char buf[128];
        CHECK_STR(ly_building_title(&d.buildings[0], LY_LANG_EN, buf, sizeof buf),
                  "Apartments 1155353760");
        CHECK_STR(ly_building_title(&d.buildings[0], LY_LANG_ZH, buf, sizeof buf),
                  "公寓 1155353760");
        CHECK_STR(ly_building_title(&d.buildings[1], LY_LANG_EN, buf, sizeof buf),
                  "Building 1155353761");
        CHECK_STR(ly_building_title(&d.buildings[4], LY_LANG_EN, buf, sizeof buf),
                  "sports hall 2.50");
        /* another naming tag names it; the address is composed from addr:* */
        CHECK_STR(ly_building_name(&d.buildings[2], LY_LANG_ZH), "Acme");
        CHECK_STR(d.buildings[2].address, "8 Main Street");
        CHECK_STR(d.buildings[3].address, "香港中路6号");
        CHECK_STR(ly_building_name(&d.buildings[3], LY_LANG_ZH), "塔楼");
        CHECK_STR(ly_building_name(&d.buildings[3], LY_LANG_EN), "Tower");
        /* the name in the other language before anything else */
        CHECK_STR(ly_building_title(&d.buildings[3], LY_LANG_EN, buf, sizeof buf), "Tower");
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void louyu_file(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"测试\","
        "\"name_en\":\"Test\"},\"data_date\":\"2011-04-29\",\"illustrative\":[\"all of it\"],"
        "\"figures\":{\"enterprises_registered\":10,\"future_key\":1}},\"features\":["
        "{\"type\":\"Feature\",\"id\":\"t1\",\"geometry\":{\"type\":\"MultiPolygon\","
        "\"coordinates\":[" SQUARE "," SQUARE "]},\"properties\":{\"kind\":\"building\","
        "\"name\":\"一号楼\",\"name_en\":\"Tower 1\",\"height_m\":40,\"floors\":10,"
        "\"floor_heights\":[6,4,4,4,4,4,4,4,3,3],"
        "\"parts\":[{\"height_m\":10},{\"min_height_m\":10,\"height_m\":40}],"
        "\"tax_2010_cny\":5,\"services\":{\"name\":\"红色会所\",\"windows\":[{\"name\":\"国税\"}]},"
        "\"floor_records\":[{\"floor\":3,\"use\":\"office\",\"area_m2\":100,\"vacant_m2\":100},"
        "{\"floor\":1,\"use\":\"retail\",\"area_m2\":80,\"vacant_m2\":0}],"
        "\"enterprises\":[{\"name\":\"甲\",\"floors\":[2,3],\"industry\":\"it\"},"
        "{\"name\":\"乙\",\"floor\":10}],\"wifi\":true}},"
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[120,36]},"
        "\"properties\":{\"kind\":\"poi\",\"category\":\"metro\",\"since\":2016}},"
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
        "[[120,36],[120.01,36],[120.01,36.01]]},\"properties\":{\"kind\":\"road\","
        "\"class\":\"primary\"}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.warnings, 0);
    CHECK(d.meta.is_louyu);
    CHECK_STR(d.meta.name, "测试");
    CHECK_INT(d.meta.n_illustrative, 1);
    CHECK_NEAR(d.meta.figures.enterprises_registered, 10, 0);
    CHECK_NEAR(d.meta.figures.tax_q1_2011_cny, -1, 0);
    CHECK_INT(d.n_buildings, 1);
    CHECK_INT(d.n_features, 2);
    if (d.n_buildings == 1) {
        const ly_building *b = &d.buildings[0];
        CHECK_INT(b->n_polygons, 2);
        CHECK_NEAR(d.polygons[b->first_polygon].height_m, 10, 0);
        CHECK_NEAR(d.polygons[b->first_polygon + 1].min_height_m, 10, 0);
        CHECK(b->floor_heights_given);
        CHECK_NEAR(ly_building_floor_base(&d, b, 2), 6, 1e-6);
        CHECK_NEAR(ly_building_floor_base(&d, b, 11), 40, 1e-5);
        CHECK_INT(b->n_records, 2);
        CHECK_INT(d.records[b->first_record].floor, 1); /* sorted by floor */
        CHECK_INT(b->n_enterprises, 2);
        CHECK_INT(d.enterprises[b->first_enterprise].n_floors, 2);
        CHECK(b->has_services);
        CHECK_INT(b->services.n_windows, 1);
        CHECK_STR(b->extra, "{\"wifi\":true}");
    }
    if (d.n_features == 2) {
        CHECK_INT(d.features[0].kind, LY_KIND_POI);
        CHECK_INT(d.features[0].subtype, LY_POI_METRO);
        CHECK_INT(d.features[0].since, 2016);
        CHECK_INT(d.features[1].kind, LY_KIND_ROAD);
        CHECK_NEAR(d.features[1].width_m, 24, 0);
        CHECK_INT(d.lines[d.features[1].first_line].n_points, 3);
    }
    CHECK_INT(ly_district_find(&d, "t1"), 0);
    CHECK_INT(ly_district_find(&d, "nope"), -1);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void real_files(void)
{
    ly_district d;
    ly_diag_list diags;
    const char *sf = LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson";
    ly_diag_list_init(&diags, sf);
    CHECK_INT(ly_district_load(&d, sf, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 13896);
    CHECK_INT(d.n_enterprises, 0);
    CHECK(d.lon_min > -122.48 && d.lon_max < -122.42 && d.lat_min > 37.75 && d.lat_max < 37.79);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    const char *zs = LY_SOURCE_DIR "/data/zhanshan.geojson";
    ly_diag_list_init(&diags, zs);
    CHECK_INT(ly_district_load(&d, zs, NULL, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(diags.warnings, 0);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    CHECK_INT(d.n_buildings, 33);
    CHECK(d.lon_min > 120.355 && d.lon_max < 120.38 && d.lat_min > 36.05 && d.lat_max < 36.08);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void io_errors(void)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "missing.geojson");
    CHECK_INT(ly_district_load(&d, "/nonexistent/missing.geojson", NULL, &diags), LY_LOAD_IO);
    CHECK_INT(diags.errors, 1);
    CHECK(d.buildings == NULL);
    ly_diag_list_deinit(&diags);
    /* the size limit is checked before reading */
    ly_diag_list_init(&diags, "big");
    ly_load_desc desc = {.max_file_bytes = 10};
    CHECK_INT(ly_district_load(&d, LY_SOURCE_DIR "/data/zhanshan.geojson", &desc, &diags),
              LY_LOAD_DATA);
    CHECK(diags.count == 1 && strstr(diags.items[0].message, "expected at most 10") != NULL);
    ly_diag_list_deinit(&diags);
}

/* OpenStreetMap's ways of writing numbers: units, feet and inches, lists, a decimal comma. */
static void osm_values(void)
{
#define B(id, props)                                                                               \
    "{\"type\":\"Feature\",\"id\":\"" id "\",\"properties\":{" props "},"                          \
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}"
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
        B("ft", "\"height\":\"100 ft\"") "," B("feet", "\"height\":\"40'\"") ","
        B("inches", "\"height\":\"12'6\\\"\"") "," B("metres", "\"height\":\"12 metres\"") ","
        B("list", "\"building:levels\":\"3;4\"") "," B("comma", "\"height\":\"25,5\"") ","
        B("minh", "\"height\":20,\"min_height\":\"3,5\"") ","
        B("caps", "\"height\":\"12 M\"") "," B("mi", "\"height\":\"12米\"") ","
        B("FT", "\"height\":\"10 FT\"") "," B("bh", "\"building:height\":\"15\"") ","
        B("roof", "\"building:levels\":3,\"roof:height\":\"4 m\"") ","
        B("rooflv", "\"building:levels\":2,\"roof:levels\":\"1\"") ","
        B("hroof", "\"height\":20,\"building:levels\":5,\"roof:height\":4") ","
        B("hroof2", "\"height\":20,\"roof:height\":5") ","
        B("nofit", "\"height\":20,\"floors\":8,\"roof:height\":5") ","
        B("tiny", "\"height\":0.001") "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    /* the list, the two commas, a roof the floors do not fit under, a height under 0.5 m */
    CHECK_INT(diags.warnings, 5);
    CHECK_INT(d.n_buildings, 17);
    if (d.n_buildings == 17) {
        CHECK_NEAR(d.buildings[0].height_m, 30.48, 1e-9);
        CHECK_NEAR(d.buildings[1].height_m, 12.192, 1e-9);
        CHECK_NEAR(d.buildings[2].height_m, 3.81, 1e-9);
        CHECK_NEAR(d.buildings[3].height_m, 12, 1e-9);
        CHECK_INT(d.buildings[4].floors, 4); /* the largest of the list */
        CHECK_NEAR(d.buildings[4].height_m, 12.8, 1e-9);
        CHECK_NEAR(d.buildings[5].height_m, 25.5, 1e-9);
        CHECK_NEAR(d.buildings[6].min_height_m, 3.5, 1e-9);
        CHECK_NEAR(d.buildings[7].height_m, 12, 1e-9); /* units in any case, in Chinese */
        CHECK_NEAR(d.buildings[8].height_m, 12, 1e-9);
        CHECK_NEAR(d.buildings[9].height_m, 3.048, 1e-9);
        CHECK_NEAR(d.buildings[10].height_m, 15, 1e-9); /* the older tag */
        /* a roof on the levels: its height on top, the storeys stay the levels */
        CHECK_NEAR(d.buildings[11].height_m, 3 * 3.2 + 4, 1e-9);
        CHECK_INT(d.buildings[11].floors, 3);
        CHECK_NEAR(d.buildings[12].height_m, 3 * 3.2, 1e-9);
        CHECK_INT(d.buildings[12].floors, 2);
        CHECK_NEAR(d.buildings[13].height_m, 20, 1e-9); /* a height has the roof in it */
        /* (Simple 3D Buildings) the storeys are under the roof, not spread over it: the
         * top storey ends at the eaves, and storeys counted from a height leave it out */
        CHECK_NEAR(ly_building_floor_base(&d, &d.buildings[11], 4), 3 * 3.2, 1e-5);
        CHECK_NEAR(ly_building_floor_base(&d, &d.buildings[12], 3), 2 * 3.2, 1e-5);
        CHECK_NEAR(ly_building_floor_base(&d, &d.buildings[13], 6), 16, 1e-5);
        CHECK_INT(d.buildings[14].floors, 5); /* 15 m of walls */
        CHECK_NEAR(ly_building_floor_base(&d, &d.buildings[14], 6), 15, 1e-5);
        /* 8 floors under a roof of 5 m in 20 m are 1.88 m each: counted to the top, said
         * (such a file was valid before roofs were kept out of the storeys) */
        CHECK_INT(d.buildings[15].floors, 8);
        CHECK_NEAR(ly_building_floor_base(&d, &d.buildings[15], 9), 20, 1e-5);
        CHECK_NEAR(d.buildings[16].height_m, 3.2, 1e-9); /* under 0.5 m: one storey, said */
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* what is not a number stays an error: a thousands separator, hexadecimal, inches
     * alone, a unit that is not a length */
    static const char *const BAD[] = {"\"1,200\"", "\"0x20\"", "\"6\\\"\"", "\"12 kg\"",
                                      "\"12'13\\\"\"", "\"3;x\""};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        char buf[600];
        snprintf(buf, sizeof buf,
                 "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                 "\"properties\":{\"height\":%s},\"geometry\":{\"type\":\"Polygon\","
                 "\"coordinates\":" SQUARE "}}]}", BAD[i]);
        ly_diag_list_init(&diags, "t.geojson");
        CHECK_INT(ly_district_load_mem(&d, buf, strlen(buf), "t.geojson", NULL, &diags),
                  LY_LOAD_DATA);
        CHECK_INT(diags.errors, 1);
        CHECK_INT(diags.skippable, 1);
        ly_diag_list_deinit(&diags);
    }
#undef B
}

/* Another tool's GeoJSON: a table's columns as its properties (ogr2ogr's from a
 * GeoPackage or a spreadsheet): Chinese and upper-case names read as louyu's, floors
 * written as text; louyu's own names win where a file has both. */
static void table_columns(void)
{
#define B(id, props)                                                                               \
    "{\"type\":\"Feature\",\"id\":\"" id "\",\"properties\":{" props "},"                          \
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}"
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
        B("zh", "\"名称\":\"一号楼\",\"高度\":30,\"层数\":8") ","
        B("caps", "\"NAME\":\"Two\",\"HEIGHT\":45.5,\"Floors\":\"12\"") ","
        B("both", "\"name\":\"Three\",\"名称\":\"三号楼\",\"height\":20,\"高度\":99") ","
        B("text", "\"height\":\"24\",\"floors\":\"8\"") ","
        B("wide", "\"height\":\"３０\",\"floors\":\"８\"") "]}"; /* (full-width) */
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 5);
    if (d.n_buildings == 5) {
        CHECK(d.buildings[0].name && !strcmp(d.buildings[0].name, "一号楼"));
        CHECK_NEAR(d.buildings[0].height_m, 30, 1e-9);
        CHECK_INT(d.buildings[0].floors, 8);
        CHECK(d.buildings[1].name && !strcmp(d.buildings[1].name, "Two"));
        CHECK_NEAR(d.buildings[1].height_m, 45.5, 1e-9);
        CHECK_INT(d.buildings[1].floors, 12);
        CHECK(d.buildings[2].name && !strcmp(d.buildings[2].name, "Three"));
        CHECK_NEAR(d.buildings[2].height_m, 20, 1e-9);
        CHECK_INT(d.buildings[3].floors, 8);
        CHECK_NEAR(d.buildings[4].height_m, 30, 1e-9);
        CHECK_INT(d.buildings[4].floors, 8);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* an empty geometry (GDAL's POLYGON EMPTY) is none: the feature skipped, as null is */
    const char *empty = "{\"type\":\"FeatureCollection\",\"features\":["
        B("a", "\"height\":10") ","
        "{\"type\":\"Feature\",\"properties\":{\"height\":20},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}},"
        "{\"type\":\"Feature\",\"properties\":{},"
        "\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}]}";
    CHECK_INT(load_text(&d, empty, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 1);
    CHECK_INT(d.n_skipped, 2);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
#undef B
}

/* --skip-bad: a feature with errors is left out whole (its rings, its enterprises), its
 * errors become warnings that say so, and the rest loads; without it the load fails and
 * says how many features it would leave out. An error outside the features (the
 * collection's own) is never skipped. */
static void skip_bad(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"测试\","
        "\"name_en\":\"Test\"},\"data_date\":\"2011-04-29\"},\"features\":["
        "{\"type\":\"Feature\",\"id\":\"good\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        SQUARE "},\"properties\":{\"kind\":\"building\",\"name\":\"好\",\"name_en\":\"Good\","
        "\"height_m\":30,\"floors\":8,\"enterprises\":[{\"name\":\"甲\",\"floor\":2}]}},"
        "{\"type\":\"Feature\",\"id\":\"bad\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        SQUARE "},\"properties\":{\"kind\":\"building\",\"name\":\"坏\",\"name_en\":\"Bad\","
        "\"height_m\":30,\"floors\":8,\"enterprises\":[{\"name\":\"乙\",\"floor\":2},"
        "{\"name\":\"丙\",\"floor\":99}]}},"
        "{\"type\":\"Feature\",\"id\":\"good\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
        "[120,36]},\"properties\":{\"kind\":\"poi\",\"category\":\"metro\"}},"
        "{\"type\":\"Feature\",\"id\":\"crossed\",\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[120,36],[120.001,36.001],[120.001,36],[120,36.001],[120,36]]]},"
        "\"properties\":{\"kind\":\"building\",\"name\":\"叉\",\"name_en\":\"X\",\"height_m\":9,"
        "\"floors\":3}},"
        "{\"type\":\"Feature\",\"id\":\"last\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        SQUARE "},\"properties\":{\"kind\":\"building\",\"name\":\"末\",\"name_en\":\"Last\","
        "\"height_m\":12,\"floors\":4,\"enterprises\":[{\"name\":\"丁\",\"floor\":1}]}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson", NULL, &diags),
              LY_LOAD_DATA);
    CHECK_INT(diags.errors, 3);
    CHECK_INT(diags.skippable, 3);
    ly_diag_list_deinit(&diags);

    ly_diag_list_init(&diags, "t.geojson");
    ly_load_desc desc = {.skip_bad = true};
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson", &desc, &diags),
              LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(diags.warnings, 3);
    CHECK_INT(d.n_left_out, 3);
    CHECK_INT(d.n_buildings, 2);
    CHECK_INT(d.n_features, 0);
    CHECK_INT(d.n_enterprises, 2); /* the bad building's two are gone with it */
    CHECK_INT(d.n_polygons, 2);
    CHECK_INT(d.n_rings, 2);
    CHECK_INT(d.n_points, 8);
    if (d.n_buildings == 2) {
        CHECK_STR(d.buildings[0].id, "good");
        CHECK_STR(d.buildings[1].id, "last");
        CHECK_INT(d.buildings[1].first_enterprise, 1);
        CHECK_STR(d.enterprises[d.buildings[1].first_enterprise].name, "丁");
        CHECK_INT(d.polygons[d.buildings[1].first_polygon].first_ring, 1);
    }
    for (size_t i = 0; i < diags.count; i++) {
        CHECK(diags.items[i].severity == LY_DIAG_WARNING);
        CHECK(strstr(diags.items[i].message, "(the feature is left out)") != NULL);
    }
    CHECK(diags.count == 3 && strstr(diags.items[0].message, "floor 99") != NULL);
    CHECK(diags.count == 3 && diags.items[1].line == 1 &&
          strstr(diags.items[1].message, "duplicate id \"good\"") != NULL);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* the collection's own error: nothing to skip */
    const char *meta = "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":\"x\"},\"features\":["
                       "{\"type\":\"Feature\",\"properties\":{\"height\":-1},\"geometry\":"
                       "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, meta, strlen(meta), "t.geojson", &desc, &diags),
              LY_LOAD_DATA);
    CHECK(diags.errors >= 1);
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, meta, strlen(meta), "t.geojson", NULL, &diags),
              LY_LOAD_DATA);
    CHECK_INT(diags.skippable, 0);
    ly_diag_list_deinit(&diags);
}

/* GeoJSON 2008's "crs": a projected system goes through PROJ (Web Mercator here, whose
 * formula the test knows); WGS 84's names change nothing; one PROJ does not know, or a
 * "crs" that names nothing, is an error at it. */
static void projected(void)
{
    const double R = 6378137.0, lon[2] = {120.38, 120.3812}, lat[2] = {36.07, 36.0711};
    double x[2], y[2];
    for (int i = 0; i < 2; i++) {
        x[i] = R * lon[i] * M_PI / 180;
        y[i] = R * log(tan(M_PI / 4 + lat[i] * M_PI / 360));
    }
    char text[1200];
    snprintf(text, sizeof text,
             "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
             "\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":[{\"type\":\"Feature\",\"id\":\"m\","
             "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],"
             "[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}]}",
             x[0], y[0], x[1], y[0], x[1], y[1], x[0], y[1], x[0], y[0]);
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    if (d.n_buildings == 1) {
        CHECK_NEAR(d.buildings[0].lon_min, lon[0], 1e-8);
        CHECK_NEAR(d.buildings[0].lon_max, lon[1], 1e-8);
        CHECK_NEAR(d.buildings[0].lat_min, lat[0], 1e-8);
        CHECK_NEAR(d.buildings[0].lat_max, lat[1], 1e-8);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    static const struct {
        const char *crs;
        ly_load_result want;
        const char *message;
    } cases[] = {
        {"{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}",
         LY_LOAD_OK, NULL},
        {"{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}}", LY_LOAD_OK, NULL},
        {"null", LY_LOAD_OK, NULL},
        {"{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:999999\"}}", LY_LOAD_DATA,
         "\"crs\" is \"EPSG:999999\": PROJ cannot transform it"},
        {"{\"type\":\"link\",\"properties\":{\"href\":\"x.prj\"}}", LY_LOAD_DATA,
         "\"crs\" is not a named reference system"},
        {"\"EPSG:3857\"", LY_LOAD_DATA, "\"crs\" is not a named reference system"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(text, sizeof text,
                 "{\"type\":\"FeatureCollection\",\"crs\":%s,\"features\":[{\"type\":\"Feature\","
                 "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE
                 "}}]}", cases[i].crs);
        ly_diag_list_init(&diags, "t.geojson");
        CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson", NULL, &diags),
                  cases[i].want);
        if (cases[i].message) {
            CHECK_INT(diags.errors, 1); /* said once, not at every position */
            CHECK(diags.count && strstr(diags.items[0].message, cases[i].message) &&
                  diags.items[0].line == 1 && diags.items[0].col > 30);
        } else if (d.n_buildings == 1) {
            CHECK_NEAR(d.buildings[0].lon_min, 120.0, 1e-12);
        }
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
}

/* A GeoJSON file saved as GB18030 (GBK) by a script on Chinese Windows: read decoded, with
 * a warning; an error's column still counts characters ("青岛" is two, four bytes). Bytes
 * that are neither UTF-8 nor GB18030 stay a UTF-8 error at their position. */
static void gbk_file(void)
{
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
                       "{\"type\":\"Feature\",\"properties\":{\"name\":\"\xc7\xe0\xb5\xba\"},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},\n"
                       "{\"type\":\"Feature\",\"properties\":{\"name\":\"\xc7\xe0\xb5\xba\","
                       "\"height\":\"x\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                       SQUARE "}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson",
                                   &(ly_load_desc){.skip_bad = true}, &diags),
              LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    CHECK_STR(d.n_buildings ? d.buildings[0].name : "", "青岛");
    bool said = false;
    for (size_t i = 0; i < diags.count; i++) {
        const ly_diag *dg = &diags.items[i];
        said |= strstr(dg->message, "read as GB18030") != NULL;
        if (strstr(dg->message, "\"height\" is \"x\"")) {
            CHECK(dg->line == 3 && dg->col == 54);
            /* the offset is the file's byte (GB18030's 2 bytes a character, not UTF-8's 3) */
            CHECK_INT(dg->offset, (size_t)(strstr(text, "\"x\"") - text));
        }
    }
    CHECK(said);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    const char *junk = "{\"type\":\"FeatureCollection\",\"features\":[],\"x\":\"\xff\xff\"}";
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, junk, strlen(junk), "t.geojson", NULL, &diags),
              LY_LOAD_DATA);
    CHECK(diags.count == 1 && strstr(diags.items[0].message, "invalid UTF-8 (byte 0xFF)") &&
          diags.items[0].col == 48);
    ly_diag_list_deinit(&diags);

    /* the GB18030 file cut short, between characters and inside one: said so, where it ends
     * (it had been "invalid UTF-8" at its first Chinese character) */
    for (int inside = 0; inside < 3; inside++) {
        /* (in a string, inside a character, after a comma: "found end of file") */
        size_t cut = (size_t)(strstr(text, "\xb5\xba\",\"height") - text) +
                     (inside == 2 ? 4 : (size_t)inside);
        ly_diag_list_init(&diags, "t.geojson");
        CHECK_INT(ly_district_load_mem(&d, text, cut, "t.geojson", NULL, &diags), LY_LOAD_DATA);
        bool gbk = false, short_ = false;
        for (size_t i = 0; i < diags.count; i++) {
            gbk |= strstr(diags.items[i].message, "read as GB18030") != NULL;
            short_ |= strstr(diags.items[i].message, inside == 1 ? "ends inside a character"
                                                     : inside ? "found end of file"
                                                              : "unterminated string") != NULL &&
                      strstr(diags.items[i].message, "cut") && diags.items[i].line == 3;
        }
        CHECK(gbk && short_);
        CHECK(diags.cut_short); /* (a kiosk waits for it while it is young, as for UTF-8) */
        for (size_t i = 0; !(gbk && short_) && i < diags.count; i++)
            ly_diag_print(stderr, &diags, &diags.items[i]);
        ly_diag_list_deinit(&diags);
    }
}

/* Overpass's JSON cut short (a slow copy in place): cut_short, so that a kiosk waits for it
 * while it is young as for a GeoJSON file (it had been refused at once). */
static void osm_json_cut_short(void)
{
    size_t n = 0;
    char *text = check_read_file(LY_SOURCE_DIR "/tests/data/wild/osm-export.json", &n);
    CHECK(text && n > 200);
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "osm-export.json");
    CHECK_INT(ly_district_load_mem(&d, text, n / 2, "osm-export.json", NULL, &diags), LY_LOAD_DATA);
    CHECK(diags.errors > 0 && diags.cut_short);
    ly_diag_list_deinit(&diags);
    free(text);
}

/* Other open building datasets: Microsoft's footprints ("height": -1 for not known) and
 * Overture Maps ("names" with "primary" and "common", "num_floors"). */
static void open_datasets(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"height\":-1.0,\"confidence\":-1.0},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"o1\",\"names\":{\"primary\":\"Ocean "
        "Tower\",\"common\":{\"zh\":\"海洋大厦\"}},\"height\":45.2,\"num_floors\":12},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"o2\",\"names\":{\"primary\":\"港湾商场\"},"
        "\"height\":null,\"num_floors\":3},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 3);
    if (d.n_buildings == 3) {
        CHECK_NEAR(d.buildings[0].height_m, 10, 1e-9); /* not known: the default */
        CHECK_STR(d.buildings[1].name, "海洋大厦");
        CHECK_STR(d.buildings[1].name_en, "Ocean Tower");
        CHECK_INT(d.buildings[1].floors, 12);
        CHECK_STR(d.buildings[2].name, "港湾商场");
        CHECK(d.buildings[2].name_en == NULL);
        CHECK_INT(d.buildings[2].floors, 3);
        CHECK_NEAR(d.buildings[2].height_m, 9.6, 1e-9);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* What GDAL writes from OpenStreetMap (ogr2ogr, its multipolygons and lines layers):
 * most tags in one "other_tags" string; parks, water and other areas beside buildings. */
static void gdal_osm(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
        "{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"100\",\"name\":\"海信大厦\","
        "\"building\":\"office\",\"other_tags\":\"\\\"building:levels\\\"=>\\\"30\\\","
        "\\\"height\\\"=>\\\"120\\\",\\\"name:en\\\"=>\\\"Hisense \\\\\\\"H\\\\\\\" Tower\\\","
        "\\\"roof:shape\\\"=>\\\"flat\\\",\\\"note\\\"=>NULL\"},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"200\",\"leisure\":\"park\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"300\",\"natural\":\"water\","
        "\"other_tags\":\"\\\"water\\\"=>\\\"river\\\"\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"400\",\"amenity\":\"parking\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"500\",\"highway\":\"footway\"},"
        "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120,36],[120.001,36]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"600\",\"highway\":\"proposed\"},"
        "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120,36],[120.001,36]]}},"
        /* places: GDAL's points layer, and an Overpass export's node; a shop louyu does not show */
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"700\",\"name\":\"招商银行\","
        "\"other_tags\":\"\\\"amenity\\\"=>\\\"bank\\\",\\\"name:en\\\"=>\\\"CMB\\\"\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0005,36.0005]}},"
        "{\"type\":\"Feature\",\"id\":\"node/800\",\"properties\":{\"highway\":\"bus_stop\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0006,36.0005]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"900\",\"shop\":\"bakery\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0007,36.0005]}},"
        /* a hospital mapped as its grounds: a place in their middle */
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"1000\",\"amenity\":\"hospital\"},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "]}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 1);
    if (d.n_buildings == 1) {
        const ly_building *b = &d.buildings[0];
        CHECK_STR(b->id, "100");
        CHECK_NEAR(b->height_m, 120, 1e-9);
        CHECK_INT(b->floors, 30);
        CHECK_STR(b->name_en, "Hisense \"H\" Tower");
        /* the tags not read (the English name is), as properties: no "other_tags" string,
         * no NULL value */
        CHECK_STR(b->extra, "{\"osm_way_id\":\"100\",\"roof:shape\":\"flat\"}");
    }
    /* the park, the river, the car park (mapped as its surface: a place in its middle), the
     * footway, the bank, the bus stop, the hospital (its grounds: likewise) */
    CHECK_INT(d.n_features, 7);
    CHECK_INT(d.n_skipped, 2); /* the proposed road, the bakery */
    if (d.n_features == 7) {
        CHECK_INT(d.features[0].kind, LY_KIND_PARK);
        CHECK(d.features[1].kind == LY_KIND_WATER && d.features[1].subtype == LY_WATER_RIVER);
        CHECK(d.features[2].kind == LY_KIND_POI && d.features[2].subtype == LY_POI_PARKING);
        CHECK(d.features[3].kind == LY_KIND_ROAD && d.features[3].subtype == LY_ROAD_FOOTWAY);
        const ly_feature *bank = &d.features[4], *bus = &d.features[5], *h = &d.features[6];
        CHECK(bank->kind == LY_KIND_POI && bank->subtype == LY_POI_BANK);
        CHECK_STR(bank->name, "招商银行");
        CHECK_STR(bank->name_en, "CMB");
        CHECK_NEAR(bank->lon, 120.0005, 1e-9);
        CHECK(bus->kind == LY_KIND_POI && bus->subtype == LY_POI_BUS);
        CHECK_STR(bus->id, "node/800");
        CHECK(h->kind == LY_KIND_POI && h->subtype == LY_POI_HOSPITAL);
        CHECK_NEAR(h->lon, 120.0005, 1e-9);
        CHECK_NEAR(h->lat, 36.0005, 1e-9);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* a bad value in "other_tags" is reported at that string; one not in the form, warned */
    const char *bad =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"building\":\"yes\",\"other_tags\":"
        "\"\\\"height\\\"=>\\\"tall\\\"\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"building\":\"yes\",\"other_tags\":\"height=9\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, bad, &diags), LY_LOAD_DATA);
    CHECK_INT(diags.errors, 1);
    CHECK_INT(diags.warnings, 1);
    const char *tags_at = strstr(bad, "\"\\\"height");
    for (size_t i = 0; i < diags.count && tags_at; i++) {
        const ly_diag *g = &diags.items[i];
        if (g->severity == LY_DIAG_ERROR) {
            CHECK(strstr(g->message, "\"height\" is \"tall\""));
            CHECK_INT(g->offset, (size_t)(tags_at - bad));
        } else {
            CHECK(strstr(g->message, "\"other_tags\" is not a list of \"key\"=>\"value\" pairs"));
        }
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* OpenStreetMap's building parts (tests/data/wild/osm-parts.geojson): each part joins
 * the outline that holds it, which is then drawn as its parts; a part in no outline stays
 * a building; building:min_level lifts a part's base by the building's storeys. */
static void osm_parts(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_wild(&d, "osm-parts.geojson", &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 4);
    if (d.n_buildings == 4) {
        const ly_building *t = &d.buildings[0], *mall = &d.buildings[1];
        CHECK_STR(t->id, "way/10");
        CHECK_STR(t->name_en, "Haitian Center");
        CHECK_INT(t->n_polygons, 3); /* the podium, the tower, the lifted wing */
        CHECK_NEAR(t->height_m, 180, 1e-9);
        CHECK_NEAR(t->min_height_m, 0, 1e-9);
        CHECK_INT(t->floors, 45);
        const float want[3][2] = {{0, 24}, {24, 180}, {19.2f, 32}};
        for (uint32_t i = 0; i < t->n_polygons && t->n_polygons == 3; i++) {
            const ly_polygon *pg = &d.polygons[t->first_polygon + i];
            CHECK_NEAR(pg->min_height_m, want[i][0], 1e-4);
            CHECK_NEAR(pg->height_m, want[i][1], 1e-4);
        }
        /* the mall beside it shares an edge: its two parts are its own */
        CHECK_STR(mall->id, "way/40");
        CHECK_INT(mall->n_polygons, 2);
        CHECK_NEAR(mall->height_m, 15, 1e-9); /* its outline had no height: its parts' */
        CHECK_STR(d.buildings[2].id, "way/20"); /* a part in no outline */
        CHECK_NEAR(d.buildings[2].height_m, 15, 1e-9);
        CHECK_STR(d.buildings[3].id, "way/30");
        CHECK_INT(d.buildings[3].n_polygons, 1);
        CHECK_INT(ly_district_find(&d, "way/12"), -1); /* a joined part is no building */
    }
    /* the tower is a hotel too (tourism=hotel on its outline): a place on its roof */
    CHECK_INT(d.n_features, 1);
    if (d.n_features == 1) {
        const ly_feature *h = &d.features[0];
        CHECK(h->kind == LY_KIND_POI && h->subtype == LY_POI_HOTEL);
        CHECK_STR(h->id, "way/10");
        CHECK_STR(h->name, "海天中心");
        CHECK_NEAR(h->height_m, 180, 1e-9); /* raised with the outline by its parts */
        CHECK_NEAR(h->lon, 120.3805, 1e-9);
        CHECK_NEAR(h->lat, 36.0604, 1e-9);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* an outline with storey heights of its own takes no parts (its storeys would change) */
    const char *own =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"building\":\"yes\",\"height\":9,\"floors\":3,"
        "\"floor_heights\":[3,3,3]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"building:part\":\"yes\",\"height\":30},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, own, &diags), LY_LOAD_OK);
    CHECK(d.n_buildings == 2 && d.buildings[0].floors == 3 && d.buildings[0].height_m == 9);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* a part taller than its outline: the outline takes its storeys, every one with its
     * height (it had kept its own two, and its tenth floor was read past them) */
    const char *tall =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"building:part\":\"yes\","
        "\"building:levels\":\"10\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"properties\":{\"building\":\"yes\",\"building:levels\":\"2\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, tall, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 1);
    if (d.n_buildings == 1) {
        const ly_building *b = &d.buildings[0];
        CHECK_INT(b->floors, 10);
        CHECK(b->first_floor_height + (size_t)b->floors <= d.n_floor_heights);
        CHECK_NEAR(ly_building_floor_base(&d, b, 11), b->height_m, 1e-4);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    /* a min_level that is not below the part's levels: a warning, the base on the ground */
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"building:part\":\"yes\",\"building:levels\":\"4\","
        "\"building:min_level\":\"4\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.warnings, 1);
    CHECK(diags.count == 1 && strstr(diags.items[0].message, "\"building:min_level\" is \"4\": "
                                     "expected a whole number of levels from 0 to 3"));
    CHECK(d.n_buildings == 1 && d.buildings[0].min_height_m == 0);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* OpenStreetMap's building=construction (a site), building=roof (a canopy: a slab under its
 * height) and location=underground (skipped); empty text as no value. */
static void osm_building_kinds(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":\"way/1\",\"properties\":{\"building\":\"construction\","
        "\"construction\":\"office\",\"height\":\"80\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":\"way/2\",\"properties\":{\"building\":\"roof\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":\"way/3\",\"properties\":{\"building\":\"roof\",\"height\":7},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        "{\"type\":\"Feature\",\"id\":\"way/4\",\"properties\":{\"building\":\"yes\","
        "\"location\":\"underground\",\"parking\":\"underground\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        /* empty text, as a shapefile's column holds for a value not known: no value */
        "{\"type\":\"Feature\",\"id\":\"way/5\",\"properties\":{\"building\":\"yes\",\"height\":\"\","
        "\"building:levels\":\" \",\"min_height\":\"\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
        /* a table's "type" column (San Francisco's footprints) as the building's type: under
         * construction, as its type is shown (it had been said completed) */
        "{\"type\":\"Feature\",\"properties\":{\"type\":\"construction\",\"height\":13},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 5);
    if (d.n_buildings == 5)
        CHECK_INT(d.buildings[4].status, LY_STATUS_UNDER_CONSTRUCTION);
    if (d.n_buildings == 5)
        CHECK(d.buildings[3].height_m == 10 && d.buildings[3].floors == 3);
    CHECK_INT(d.n_skipped, 1);
    if (d.n_buildings == 5) {
        CHECK_INT(d.buildings[0].status, LY_STATUS_UNDER_CONSTRUCTION);
        CHECK_NEAR(d.buildings[1].height_m, 5, 1e-9);
        CHECK_NEAR(d.buildings[1].min_height_m, 4.5, 1e-9);
        CHECK_INT(d.buildings[1].floors, 1);
        CHECK_NEAR(d.buildings[2].height_m, 7, 1e-9);
        CHECK_NEAR(d.buildings[2].min_height_m, 6.5, 1e-9);
        const ly_polygon *pg = &d.polygons[d.buildings[2].first_polygon];
        CHECK_NEAR(pg->min_height_m, 6.5, 1e-6);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* OpenStreetMap's tags nested in a "tags" object (osm2geojson, osmtogeojson's default):
 * read as flat ones, the element's own "type" not taken for the building's, a relation's
 * "type" tag not for anything; a bad tag told where it is inside "tags". */
static void nested_tags(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_wild(&d, "osm-nested-tags.geojson", &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 2);
    CHECK_INT(d.n_features, 3);
    if (d.n_buildings == 2 && d.n_features == 3) {
        const ly_building *t = &d.buildings[0], *r = &d.buildings[1];
        CHECK_STR(t->id, "way/101");
        CHECK_STR(t->name, "海天中心");
        CHECK_STR(t->name_en, "Haitian Center");
        CHECK_STR(t->type, "office");
        CHECK_NEAR(t->height_m, 150, 1e-9);
        CHECK_INT(t->floors, 40);
        /* the tags it did not read are its other properties, as a flat file's are, and not
         * the element's "tags", "relations" and "meta" as they stand */
        CHECK_STR(t->extra, "{\"roof:shape\":\"flat\"}");
        CHECK(r->extra == NULL);
        CHECK_STR(r->type, "yes");
        CHECK_NEAR(r->height_m, 24, 1e-9);
        CHECK_STR(r->address, "香港中路8号");
        CHECK_INT(d.polygons[r->first_polygon].n_rings, 2);
        CHECK(d.features[0].kind == LY_KIND_PARK && !strcmp(d.features[0].name, "小公园"));
        CHECK(d.features[1].kind == LY_KIND_POI && d.features[1].subtype == LY_POI_BANK &&
              !strcmp(d.features[1].name_en, "Bank of China"));
        CHECK(d.features[2].kind == LY_KIND_ROAD && d.features[2].subtype == LY_ROAD_PRIMARY);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    const char *bad =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        "{\"type\":\"way\",\"id\":9,\"tags\":{\"building\":\"yes\",\n\"height\":\"tall\"}},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, bad, &diags), LY_LOAD_DATA);
    CHECK(diags.count == 1 && diags.items[0].line == 2 && diags.items[0].col == 10 &&
          strstr(diags.items[0].message, "\"height\" is \"tall\""));
    ly_diag_list_deinit(&diags);
}

/* Geofabrik's layout (tests/data/wild/geofabrik.geojson): the main tag's value in "fclass"
 * read as the tag it stands for: buildings (their "type" the building's), roads for the
 * walks, banks, a town hall and a bus stop as places, a park and a lake on the ground, a
 * residential area left out (never a building). */
static void geofabrik(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_wild(&d, "geofabrik.geojson", &diags), LY_LOAD_OK);
    CHECK_INT(diags.count, 0);
    CHECK_INT(d.n_buildings, 2);
    CHECK(d.n_buildings == 2 && !strcmp(d.buildings[0].type, "office") &&
          !strcmp(d.buildings[0].name, "海天中心"));
    int kinds[LY_KIND_COUNT] = {0}, bank = 0, town_hall = 0, bus = 0;
    for (size_t i = 0; i < d.n_features; i++) {
        const ly_feature *f = &d.features[i];
        kinds[f->kind]++;
        bank += f->kind == LY_KIND_POI && f->subtype == LY_POI_BANK;
        town_hall += f->kind == LY_KIND_POI && f->subtype == LY_POI_GOVERNMENT;
        bus += f->kind == LY_KIND_POI && f->subtype == LY_POI_BUS;
    }
    CHECK(kinds[LY_KIND_ROAD] == 2 && kinds[LY_KIND_PARK] == 1 && kinds[LY_KIND_WATER] == 1);
    CHECK(bank == 1 && town_hall == 1 && bus == 1);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* GeoJSON that is not one FeatureCollection: a Feature, a geometry, a text sequence (GDAL's
 * GeoJSONSeq, with record separators; newline-delimited), each read as the collection it
 * stands for with every position in the file as it is. */
static void other_forms(void)
{
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_wild(&d, "osm-parts.geojsons", &diags), LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 4); /* as the collection: the parts joined to their outlines */
    CHECK_INT(d.n_features, 1);
    CHECK(d.n_buildings == 4 && d.buildings[0].n_polygons == 3);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);

    static const char *const ONE[] = {
        "\xEF\xBB\xBF{\"type\":\"Feature\",\"properties\":{\"height\":30},\"geometry\":{\"type\":"
        "\"Polygon\",\"coordinates\":" SQUARE "}}",
        "{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}\n"};
    for (int i = 0; i < 2; i++) {
        CHECK_INT(load_text(&d, ONE[i], &diags), LY_LOAD_OK);
        CHECK(d.n_buildings == 1 && d.buildings[0].height_m == (i ? 10 : 30));
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    /* newline-delimited, the second record's height bad: at its line and column */
    const char *seq =
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        SQUARE "}}\n{\"type\":\"Feature\",\"properties\":{\"height\":\"tall\"},\"geometry\":{\"type\":"
        "\"Polygon\",\"coordinates\":" SQUARE "}}\n";
    CHECK_INT(load_text(&d, seq, &diags), LY_LOAD_DATA);
    CHECK(diags.count == 1 && diags.items[0].line == 2 && diags.items[0].col == 42 &&
          diags.items[0].offset == (size_t)(strstr(seq, "\"tall") - seq));
    ly_diag_list_deinit(&diags);
    /* a sequence cut short: where the file ends */
    const char *cut = "\x1e{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}\n\x1e{\"type\":";
    CHECK_INT(load_text(&d, cut, &diags), LY_LOAD_DATA);
    CHECK(diags.count == 1 && diags.items[0].offset == strlen(cut) &&
          strstr(diags.items[0].message, "end of file"));
    ly_diag_list_deinit(&diags);
    /* OpenStreetMap's own formats (test_osm.c) with nothing louyu draws: said so */
    const char *osm = "<?xml version=\"1.0\"?>\n<osm version=\"0.6\"></osm>\n";
    CHECK_INT(load_text(&d, osm, &diags), LY_LOAD_OK);
    CHECK(diags.count == 1 && strstr(diags.items[0].message, "none of the file's 0 nodes, 0 ways "
                                                              "and 0 relations maps a thing"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    const char *overpass = "{\"version\":0.6,\"elements\":[{\"type\":\"node\",\"id\":1,\"lat\":36,"
                           "\"lon\":120}]}";
    CHECK_INT(load_text(&d, overpass, &diags), LY_LOAD_OK);
    CHECK(diags.count == 1 && strstr(diags.items[0].message, "none of the file's 1 node, 0 ways"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* GDAL's OpenStreetMap layers number a relation (osm_id), a closed way (osm_way_id) and a
 * node (osm_id, its points layer) each by its own kind's ids: the same number twice is two
 * elements, named by their kind, not a duplicate. */
static void gdal_same_numbers(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"7\",\"building\":\"yes\"},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"7\",\"building\":\"yes\"},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_id\":\"7\",\"amenity\":\"bank\"},"
        "\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.0005,36.0005]}},"
        "{\"type\":\"Feature\",\"properties\":{\"osm_way_id\":\"8\",\"building\":\"yes\"},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE "]}}"
        "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(d.n_buildings, 3);
    CHECK(ly_district_find(&d, "7") >= 0 && ly_district_find(&d, "way/7") >= 0 &&
          ly_district_find(&d, "8") >= 0); /* qualified only where a number is taken */
    CHECK(d.n_features == 1 && d.features[0].kind == LY_KIND_POI &&
          !strcmp(d.features[0].id, "node/7"));
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A feature far from the rest (an export's placeholder at 0, 0) is an error at its geometry,
 * left out with skip_bad; a second city a few hundred kilometres off is not. */
static void strays(void)
{
    char text[4096];
    int n = snprintf(text, sizeof text, "{\"type\":\"FeatureCollection\",\"features\":[");
    const double at[7][2] = {{120.38, 36.06}, {120.381, 36.061}, {120.382, 36.06}, {120.383, 36.062},
                             {116.40, 39.90}, {116.41, 39.90}, {0, 0}};
    for (int i = 0; i < 7; i++) {
        double x = at[i][0], y = at[i][1];
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "%s{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":"
                      "\"Polygon\",\"coordinates\":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}",
                      i ? "," : "", x, y, x + 1e-3, y, x + 1e-3, y + 1e-3, x, y);
    }
    snprintf(text + n, sizeof text - (size_t)n, "]}");
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson", NULL, &diags),
              LY_LOAD_DATA);
    CHECK_INT(diags.errors, 1); /* 0, 0: Beijing's two, 550 km off, are not strays */
    CHECK(diags.count == 1 &&
          strstr(diags.items[0].message, "feature 6: the feature is 12") &&
          strstr(diags.items[0].message, "km from the rest of the data (it starts at 0, 0;"));
    const char *g = strstr(text, "[[[0,0]"); /* the error is at the stray's geometry */
    while (g > text && strncmp(g, "{\"type\":\"Polygon\"", 17))
        g--;
    CHECK_INT(diags.count ? diags.items[0].offset : 0, (size_t)(g - text));
    CHECK_INT(diags.skippable, 1);
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, "t.geojson");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t.geojson",
                                   &(ly_load_desc){.skip_bad = true}, &diags),
              LY_LOAD_OK);
    CHECK_INT(d.n_buildings, 6);
    CHECK_INT(d.n_left_out, 1);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A building without an id is "#N" from its place; a written id that is the same, before
 * or after it, keeps its id, and the one without is given "#N-2": every id stays unique. */
static void generated_ids(void)
{
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"id\":\"#1\",\"properties\":{},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
                       "{\"type\":\"Feature\",\"properties\":{},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
                       "{\"type\":\"Feature\",\"properties\":{},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}},"
                       "{\"type\":\"Feature\",\"id\":\"#2\",\"properties\":{},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}"
                       "]}";
    ly_district d;
    ly_diag_list diags;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    CHECK_INT(diags.errors + diags.warnings, 0);
    CHECK_INT(d.n_buildings, 4);
    if (d.n_buildings == 4) {
        CHECK_STR(d.buildings[0].id, "#1");
        CHECK_STR(d.buildings[1].id, "#1-2"); /* "#1" was written before it */
        CHECK_STR(d.buildings[2].id, "#2-2"); /* "#2" is written after it */
        CHECK_STR(d.buildings[3].id, "#2");
        CHECK_INT(ly_district_find(&d, "#2"), 3);
        CHECK_INT(ly_district_find(&d, "#2-2"), 2);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* Texts are shown on terminals, cards and pages: control characters (C0 but a line
 * break and a tab, DEL, C1) become spaces, bidirectional overrides and isolates go. */
static void tame_texts(void)
{
    const char *text = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{\"name\":"
                       "\"a\\u001b]0;t\\u0007b\\u007f\\u0085c\\u202dd\\u2069\\te\\u200ff\"},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    ly_diag_list diags;
    ly_district d;
    CHECK_INT(load_text(&d, text, &diags), LY_LOAD_OK);
    /* (U+200F, a mark, changes no order: kept; a name's tab is a space: one line) */
    if (d.n_buildings == 1)
        CHECK_STR(d.buildings[0].name, "a ]0;t b  cd e\u200ff");
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* an enterprise's name and industry on one line too (one on three lines had broken
     * `louyu info`'s table of enterprises) */
    const char *firm = "{\"type\":\"FeatureCollection\",\"features\":["
                       "{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{\"floors\":3,"
                       "\"enterprises\":[{\"name\":\"Line one\\nline two\",\"industry\":"
                       "\"IT\\tservices\"}]},"
                       "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, firm, &diags), LY_LOAD_OK);
    if (d.n_enterprises == 1) {
        CHECK_STR(d.enterprises[0].name, "Line one line two");
        CHECK_STR(d.enterprises[0].industry, "IT services");
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    /* an enterprise listed twice in a building (a copy-paste) is said at the copy, with the
     * building's id, and counted once (stats had counted it twice, without a word); on other
     * floors it is said and kept */
    const char *twice = "{\"type\":\"FeatureCollection\",\"features\":["
                        "{\"type\":\"Feature\",\"id\":\"t1\",\"properties\":{\"floors\":9,"
                        "\"enterprises\":[{\"name\":\"甲\",\"floor\":5},{\"name\":\"乙\","
                        "\"floor\":6},\n{\"name\":\"甲\",\"floor\":5},{\"name\":\"乙\","
                        "\"floors\":[7]}]},"
                        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE "}}]}";
    CHECK_INT(load_text(&d, twice, &diags), LY_LOAD_OK);
    CHECK_INT(d.n_enterprises, 3);
    CHECK_INT(d.n_enterprise_floors, 3);
    CHECK_INT(diags.warnings, 2);
    CHECK(diags.count == 2 && diags.items[0].line == 2 && diags.items[0].col == 9 &&
          !strcmp(diags.items[0].message, "feature 0 \"t1\": enterprise \"甲\" is listed twice "
                                           "in this building: the second, on the same floors, is "
                                           "left out (counted once); expected each enterprise "
                                           "once, with all its floors in \"floors\""));
    CHECK(diags.count == 2 && strstr(diags.items[1].message, "\"乙\" is listed twice in this "
                                                              "building: on other floors, it is "
                                                              "counted twice"));
    if (d.n_enterprises == 3)
        CHECK_INT(d.enterprise_floors[d.enterprises[2].first_floor], 7);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A comb of 40,004 points (long thin teeth), turned 30°: every tooth overlaps every other
 * along the teeth, none across them. Valid as it is; two points swapped make two edges
 * cross, found at their place. (It took 5 s when the check swept along x alone.) */
static void comb_ring(void)
{
    enum { TEETH = 10000 };
    size_t cap = (size_t)TEETH * 4 * 48 + 512, len = 0;
    char *text = malloc(cap);
    double *xy = malloc(sizeof *xy * 2 * (TEETH * 4 + 3));
    CHECK(text && xy);
    if (!text || !xy) {
        free(text);
        free(xy);
        return;
    }
    int n = 0;
    double dy = 0.0008 / (2 * TEETH), y = 0;
    xy[n++] = 0, xy[n++] = 0;
    for (int k = 0; k < TEETH; k++, y += 2 * dy) {
        double t[8] = {0.0008, y, 0.0008, y + dy, 0.000008, y + dy, 0.000008, y + 2 * dy};
        memcpy(xy + n, t, sizeof t);
        n += 8;
    }
    xy[n++] = 0, xy[n++] = y;
    for (int swap = 0; swap < 2; swap++) {
        if (swap) { /* the 5,001st tooth's two outer points change places */
            double t0 = xy[2 * 20001], t1 = xy[2 * 20001 + 1];
            xy[2 * 20001] = xy[2 * 20002], xy[2 * 20001 + 1] = xy[2 * 20002 + 1];
            xy[2 * 20002] = t0, xy[2 * 20002 + 1] = t1;
        }
        len = (size_t)snprintf(text, cap, "{\"type\":\"Feature\",\"id\":\"comb\",\"properties\":"
                               "{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        double c = cos(M_PI / 6), sn = sin(M_PI / 6);
        for (int i = 0; i <= n / 2; i++) {
            int k = i % (n / 2); /* closed */
            double x = xy[2 * k], yy = xy[2 * k + 1];
            len += (size_t)snprintf(text + len, cap - len, "%s[%.12f,%.12f]", i ? "," : "",
                                    120 + x * c - yy * sn, 36 + x * sn + yy * c);
        }
        len += (size_t)snprintf(text + len, cap - len, "]]}}");
        CHECK(len < cap);
        ly_district d;
        ly_diag_list diags;
        ly_diag_list_init(&diags, "t.geojson");
        ly_load_result r = ly_district_load_mem(&d, text, len, "t.geojson", NULL, &diags);
        CHECK_INT(r, swap ? LY_LOAD_DATA : LY_LOAD_OK);
        CHECK(!swap || (diags.count == 1 && strstr(diags.items[0].message, "crosses itself")));
        if (r == LY_LOAD_OK)
            ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    free(text);
    free(xy);
}

/* A camera's address in any case (HTTP:// is http://); a still picture's path relative to
 * the data file, never one elsewhere on the machine (/etc/passwd). */
static void camera_sources(void)
{
    const char *cams[][2] = {{"\"stream\":\"HTTP://127.0.0.1:8080/v.mjpg\"", NULL},
                             {"\"snapshot\":\"cams/a.jpg\"", NULL},
                             {"\"snapshot\":\"/etc/passwd\"", "\"snapshot\" is \"/etc/passwd\""}};
    for (size_t i = 0; i < sizeof cams / sizeof *cams; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"c\","
                 "\"properties\":{\"kind\":\"camera\",%s},\"geometry\":{\"type\":\"Point\","
                 "\"coordinates\":[120,36]}}]}", cams[i][0]);
        ly_district d;
        ly_diag_list diags;
        ly_diag_list_init(&diags, "t.geojson");
        ly_load_result r = ly_district_load_mem(&d, text, strlen(text), "t.geojson", NULL, &diags);
        CHECK_INT(r, cams[i][1] ? LY_LOAD_DATA : LY_LOAD_OK);
        CHECK(!cams[i][1] || (diags.count && strstr(diags.items[0].message, cams[i][1])));
        if (r == LY_LOAD_OK)
            ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
}

/* Rents are compared as they are printed, to the cent: 4.005 and 4.004 both read 4.00 (a
 * change the import had listed as "4.00 -> 4.00"), 4.005 and 4.006 read 4.00 and 4.01 (one
 * it had not listed). */
static void rent_cents(void)
{
    ly_rent_span a = {4.005, 4.005, false}, b = {4.004, 4.004, false}, c = {4.006, 4.006, false};
    char ta[64], tb[64], tc[64];
    ly_rent_span_text(a, "U", "TBA", ta, sizeof ta);
    ly_rent_span_text(b, "U", "TBA", tb, sizeof tb);
    ly_rent_span_text(c, "U", "TBA", tc, sizeof tc);
    CHECK(ly_rent_span_same(a, b) == !strcmp(ta, tb));
    CHECK(ly_rent_span_same(a, c) == !strcmp(ta, tc));
    CHECK(!ly_rent_span_same(a, c));
    CHECK(ly_rent_cents(4.005) == strtod(ta, NULL));
    ly_rent_span d = {4.0, 4.0, true};
    CHECK(!ly_rent_span_same(d, (ly_rent_span){4.0, 4.0, false}));
    CHECK(ly_rent_span_same((ly_rent_span){-1, -1, false}, (ly_rent_span){-1, -1, false}));
}

/* A week's changes are against the week reported before it; where that is not the week just
 * before (W19 without reports), the card and the dashboard name it (W20's change against W18
 * had been called "this week"). Heights to a tenth where not whole (238.3 m and 237.7 m had
 * both read 238 m). */
static void weeks_and_heights(void)
{
    int weeks[] = {201052, 201101, 201118, 201120};
    ly_district d = {.weeks = weeks, .n_weeks = 4};
    CHECK_INT(ly_district_week_against(&d, 0), 0);
    CHECK_INT(ly_district_week_against(&d, 1), 0); /* (over the new year) */
    CHECK_INT(ly_district_week_against(&d, 2), 201101);
    CHECK_INT(ly_district_week_against(&d, 3), 201118);
    CHECK_INT(ly_district_week_against(&d, 4), 0);
    char h[16];
    CHECK_STR(ly_height_text(238.3, h, sizeof h), "238.3");
    CHECK_STR(ly_height_text(237.7, h, sizeof h), "237.7");
    CHECK_STR(ly_height_text(110, h, sizeof h), "110");
    CHECK_STR(ly_height_text(237.96, h, sizeof h), "238");
    char line[96];
    snprintf(line, sizeof line, ly_str(LY_S_SINCE_WEEK, LY_LANG_EN), 2011, 18);
    CHECK_STR(line, "Since week 18, 2011");
    snprintf(line, sizeof line, ly_str(LY_S_NEWLY_VACANT_SINCE, LY_LANG_ZH), 2011, 18, "500");
    CHECK_STR(line, "较2011年第18周空置增加 500 m²");
}

int main(void)
{
    weeks_and_heights();
    rent_cents();
    camera_sources();
    comb_ring();
    tame_texts();
    generated_ids();
    strays();
    osm_parts();
    other_forms();
    osm_building_kinds();
    gdal_osm();
    gdal_same_numbers();
    plain_osm();
    osm_values();
    table_columns();
    skip_bad();
    projected();
    gbk_file();
    open_datasets();
    osm_json_cut_short();
    wild_osm();
    nested_tags();
    geofabrik();
    louyu_file();
    io_errors();
    real_files();
    return check_report();
}
