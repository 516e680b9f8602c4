/* ly_stats: figures on a hand-made district, and the bundled district against
 * the 2011 report (docs/zhanshan.md). */
#include "check.h"
#include "louyu/stats.h"

static void hand_made(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"x\"},"
        "\"data_date\":\"2011-01-01\",\"figures\":{\"enterprises_registered\":4}},\"features\":["
        "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[0,0],[0.001,0],[0.001,0.001],[0,0]]]},\"properties\":{\"kind\":\"building\","
        "\"name\":\"a\",\"name_en\":\"a\",\"height_m\":30,\"floors\":10,\"gfa_m2\":1000,"
        "\"tax_2010_cny\":100000000,"
        "\"floor_records\":[{\"floor\":1,\"area_m2\":100,\"vacant_m2\":100},"
        "{\"floor\":2,\"area_m2\":100,\"vacant_m2\":25},{\"floor\":3,\"area_m2\":200,"
        "\"vacant_m2\":0}],\"enterprises\":[{\"name\":\"e1\",\"floor\":2},{\"name\":\"e2\","
        "\"floor\":3}]}},"
        "{\"type\":\"Feature\",\"id\":\"b\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[0,0],[0.001,0],[0.001,0.001],[0,0]]]},\"properties\":{\"kind\":\"building\","
        "\"name\":\"b\",\"name_en\":\"b\",\"height_m\":60,\"floors\":15,\"status\":"
        "\"under_construction\",\"tax_2010_cny\":99999999}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "h");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "h", NULL, &diags), LY_LOAD_OK);
    ly_stats s;
    ly_stats_compute(&d, &s);
    CHECK_INT(s.buildings, 2);
    CHECK_INT(s.completed, 1);
    CHECK_INT(s.under_construction, 1);
    CHECK_INT(s.with_occupancy, 1);
    CHECK_INT(s.enterprises_in_buildings, 2);
    CHECK_NEAR(s.enterprise_share, 0.5, 1e-12);
    /* a registered count below those the buildings list gives no share (7066.7 % had been
     * shown) */
    d.meta.figures.enterprises_registered = 1;
    ly_stats bad;
    ly_stats_compute(&d, &bad);
    CHECK(bad.enterprise_share < 0);
    d.meta.figures.enterprises_registered = 4;
    CHECK_NEAR(s.recorded_area_m2, 400, 1e-9);
    CHECK_NEAR(s.vacant_m2, 125, 1e-9);
    CHECK_NEAR(s.leased_m2, 275, 1e-9);
    CHECK_NEAR(s.occupancy_rate, 275.0 / 400.0, 1e-12);
    CHECK_INT(s.floors_vacant, 1);
    CHECK_INT(s.floors_partly_vacant, 1);
    CHECK_INT(s.tax_big, 1); /* exactly 100 M counts; 99,999,999 does not */
    CHECK_NEAR(s.tax_2010_cny, 199999999, 0);
    CHECK_NEAR(s.gfa_m2, 1000, 0);
    CHECK_INT(s.gfa_known, 1); /* (of the buildings: the others give none) */
    CHECK_NEAR(s.max_height_m, 60, 0);
    double area, vacant;
    CHECK_NEAR(ly_building_occupancy(&d, &d.buildings[1], &area, &vacant), -1, 0);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

/* A plant floor and a car park are not let: their area is neither leased nor vacant, and
 * occupancy is a share of the area to let (41,818 m² of the district's plant had counted as
 * leased, the dashboard's floors 31+ read 12 % vacant where 19 % of their space to let was). */
static void plant_floors(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"x\"},"
        "\"data_date\":\"2011-01-01\"},\"features\":["
        "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[0,0],[0.001,0],[0.001,0.001],[0,0]]]},\"properties\":{\"kind\":\"building\","
        "\"name\":\"a\",\"name_en\":\"a\",\"height_m\":130,\"floors\":33,"
        "\"floor_records\":[{\"floor\":2,\"use\":\"parking\",\"area_m2\":500,\"vacant_m2\":0},"
        "{\"floor\":1,\"area_m2\":100,\"vacant_m2\":20},"
        "{\"floor\":31,\"area_m2\":100,\"vacant_m2\":20},"
        "{\"floor\":32,\"use\":\"plant\",\"area_m2\":300,\"vacant_m2\":0},"
        "{\"floor\":33,\"use\":\"plant\",\"area_m2\":100,\"vacant_m2\":50}]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "p");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "p", NULL, &diags), LY_LOAD_OK);
    ly_stats s;
    ly_stats_compute(&d, &s);
    /* the car park and floor 32's plant are out; floor 33 has space to let, so counts */
    CHECK_NEAR(s.recorded_area_m2, 300, 1e-9);
    CHECK_NEAR(s.vacant_m2, 90, 1e-9);
    CHECK_NEAR(s.leased_m2, 210, 1e-9);
    CHECK_NEAR(s.occupancy_rate, 0.7, 1e-12);
    CHECK_INT(s.floors_recorded, 3);
    CHECK_NEAR(s.service_m2, 800, 1e-9);
    CHECK_INT(s.floors_service, 2);
    double area, vacant;
    CHECK_NEAR(ly_building_occupancy(&d, &d.buildings[0], &area, &vacant), 0.7, 1e-12);
    CHECK_NEAR(area, 300, 1e-9);
    CHECK_NEAR(vacant, 90, 1e-9);
    ly_stats_floor_band(&d, 31, 1000, &area, &vacant);
    CHECK_NEAR(area, 200, 1e-9);
    CHECK_NEAR(vacant, 70, 1e-9);
    ly_stats_floor_band(&d, 2, 30, &area, &vacant);
    CHECK_NEAR(area, 0, 0);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

static void bundled(void)
{
    const char *path = LY_SOURCE_DIR "/data/zhanshan.geojson";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(&d, path, NULL, &diags), LY_LOAD_OK);
    ly_stats s;
    ly_stats_compute(&d, &s);
    /* 33 commercial buildings over 5,000 m², some under construction */
    CHECK_INT(s.buildings, 33);
    CHECK(s.under_construction >= 1);
    for (size_t i = 0; i < d.n_buildings; i++)
        CHECK(d.buildings[i].gfa_m2 > 5000);
    /* 2,763 enterprises registered, more than 70 % of them in the buildings */
    CHECK_NEAR(s.enterprises_registered, 2763, 0);
    CHECK(s.enterprise_share > 0.70 && s.enterprise_share <= 1.0);
    CHECK(s.enterprises_in_buildings > 0.70 * 2763);
    /* exactly two buildings paid more than 100 M CNY in 2010: Everbright IFC and the WTC */
    CHECK_INT(s.tax_big, 2);
    long ev = ly_district_find(&d, "everbright-ifc"), wtc = ly_district_find(&d, "wtc");
    CHECK(ev >= 0 && wtc >= 0);
    if (ev >= 0 && wtc >= 0) {
        CHECK(d.buildings[ev].tax_2010_cny > 1e8);
        CHECK(d.buildings[wtc].tax_2010_cny > 1e8);
        CHECK_STR(d.buildings[ev].name, "光大国际金融中心");
    }
    /* Q1 2011: 91.95 M CNY of district-level tax, 115 new enterprises */
    CHECK_NEAR(s.tax_q1_2011_cny, 91950000, 0);
    CHECK_NEAR(s.new_enterprises_q1_2011, 115, 0);
    /* Red Clubhouses: the Petroleum Building and the Huayin Building, nowhere else */
    CHECK_INT(s.service_points, 2);
    long pe = ly_district_find(&d, "petroleum"), hy = ly_district_find(&d, "huayin");
    CHECK(pe >= 0 && hy >= 0);
    if (pe >= 0 && hy >= 0) {
        CHECK(d.buildings[pe].has_services && d.buildings[pe].services.n_windows == 7);
        CHECK(d.buildings[hy].has_services && d.buildings[hy].services.n_windows == 7);
    }
    /* Agora: 238.3 m, 52 floors (sourced) */
    long ag = ly_district_find(&d, "agora");
    CHECK(ag >= 0);
    if (ag >= 0) {
        CHECK_NEAR(d.buildings[ag].height_m, 238.3, 1e-9);
        CHECK_INT(d.buildings[ag].floors, 52);
    }
    /* The data says which figures are illustrative. */
    CHECK(d.meta.n_illustrative > 0);
    CHECK(s.occupancy_rate > 0.5 && s.occupancy_rate < 1.0);
    CHECK(s.with_occupancy < s.buildings); /* some buildings honestly have no data */
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

int main(void)
{
    hand_made();
    plant_floors();
    bundled();
    return check_report();
}
