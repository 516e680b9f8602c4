/* ly_colorby: ramps rise in lightness, classes and breaks match the data,
 * no data is its own class, the dominant industry is the most common one. */
#include "check.h"
#include "louyu/colorby.h"
#include "louyu/stats.h"

static void building(char *buf, size_t n, int i, int height, int year, const char *extra)
{
    snprintf(buf, n,
             "{\"type\":\"Feature\",\"id\":\"b%d\",\"properties\":{\"kind\":\"building\","
             "\"name\":\"b%d\",\"name_en\":\"b%d\",\"height_m\":%d,\"floors\":%d%s%s},"
             "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.00%d,36.0],"
             "[120.00%d5,36.0],[120.00%d5,36.0005],[120.00%d,36.0005],[120.00%d,36.0]]]}}",
             i, i, i, height, height / 4, year ? ",\"year\":" : "", extra, i, i, i, i, i);
    (void)year;
}

/* Years built, one every other year from 1991 to 2009: five classes at the quintiles,
 * labelled in whole years that no two classes share (the breaks had been rounded to two
 * figures, 2000, which left two classes: "1991 – 2000", "2000 – 2009"). */
static void years(void)
{
    char text[8192] = "{\"type\":\"FeatureCollection\",\"features\":[";
    for (int i = 0; i < 10; i++) {
        char f[600];
        double x = 120.0 + 0.001 * i;
        snprintf(f, sizeof f,
                 "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"y%d\",\"kind\":"
                 "\"building\",\"height_m\":20,\"year\":%d},\"geometry\":{\"type\":"
                 "\"Polygon\",\"coordinates\":[[[%.4f,36.0],[%.4f,36.0],[%.4f,36.0005],"
                 "[%.4f,36.0005],[%.4f,36.0]]]}}",
                 i ? "," : "", i, 1991 + 2 * i, x, x + 0.0005, x + 0.0005, x, x);
        strcat(text, f);
    }
    strcat(text, "]}");
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "years");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "years", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_colorby cb;
    CHECK_INT(ly_colorby_compute(&cb, &d, LY_COLOR_AGE, LY_LANG_EN), 0);
    CHECK_INT(cb.n_classes, 5);
    static const char *labels[5] = {"1991 – 1994", "1995 – 1998", "1999 – 2000", "2001 – 2004",
                                    "2005 – 2009"};
    static const size_t counts[5] = {2, 2, 1, 2, 3};
    for (int c = 0; c < cb.n_classes && c < 5; c++) {
        CHECK_STR(cb.classes[c].label, labels[c]);
        CHECK_INT(cb.classes[c].count, counts[c]);
    }
    ly_colorby_deinit(&cb);
    ly_district_unload(&d);
}

int main(void)
{
    years();
    /* the ramp: lightness strictly rising along viridis */
    double last = -1;
    int rising = 1;
    for (int i = 0; i <= 20; i++) {
        uint8_t c[3];
        ly_colorby_ramp(i / 20.0, c);
        double l = ly_color_lightness(c);
        rising &= l > last;
        last = l;
    }
    CHECK(rising);
    uint8_t w[3] = {255, 255, 255}, k[3] = {0, 0, 0};
    CHECK_NEAR(ly_color_lightness(w), 100, 1e-6);
    CHECK_NEAR(ly_color_lightness(k), 0, 1e-6);

    /* a hand-made district: heights 20..100, one building with industries */
    char text[16384] = "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,"
                       "\"district\":{\"name\":\"t\"},\"data_date\":\"2011-01-01\"},"
                       "\"features\":[";
    char f[1024];
    const char *extras[5] = {
        "", "",
        ",\"enterprises\":[{\"name\":\"a\",\"industry\":\"law\",\"floor\":1},"
        "{\"name\":\"b\",\"industry\":\"finance\",\"floor\":1},{\"name\":\"c\",\"industry\":"
        "\"finance\",\"floor\":2}]",
        ",\"floor_records\":[{\"floor\":1,\"area_m2\":100,\"vacant_m2\":50}]",
        ",\"floor_records\":[{\"floor\":1,\"area_m2\":100,\"vacant_m2\":0}]"};
    for (int i = 0; i < 5; i++) {
        char ex[600];
        snprintf(ex, sizeof ex, "%s", extras[i]);
        building(f, sizeof f, i + 1, 20 * (i + 1), 0, ex);
        strcat(text, i ? "," : "");
        strcat(text, f);
    }
    strcat(text, "]}");
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    int r = ly_district_load_mem(&d, text, strlen(text), "t", NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    CHECK_INT(r, LY_LOAD_OK);
    if (r)
        return check_report();

    ly_colorby cb;
    CHECK_INT(ly_colorby_compute(&cb, &d, LY_COLOR_HEIGHT, LY_LANG_EN), 0);
    CHECK(cb.n_classes >= 2 && cb.n_classes <= 5);
    CHECK_INT(cb.no_data.count, 0);
    /* every building's value lies in its class's range, classes in order */
    size_t counted = 0;
    for (size_t i = 0; i < d.n_buildings; i++) {
        int c = cb.class_of[i];
        CHECK(c >= 0 && c < cb.n_classes);
        if (c < 0)
            continue;
        CHECK(cb.value[i] >= cb.classes[c].lo - 1e-9 && cb.value[i] <= cb.classes[c].hi + 1e-9);
        if (c + 1 < cb.n_classes)
            CHECK(cb.value[i] < cb.classes[c + 1].lo);
    }
    for (int c = 0; c < cb.n_classes; c++) {
        counted += cb.classes[c].count;
        if (c)
            CHECK(ly_color_lightness(cb.classes[c].rgb) > ly_color_lightness(cb.classes[c - 1].rgb));
    }
    CHECK_INT(counted, 5);
    CHECK_NEAR(cb.classes[0].lo, 20, 1e-9);                 /* the data's minimum */
    CHECK_NEAR(cb.classes[cb.n_classes - 1].hi, 100, 1e-9); /* and maximum */
    ly_colorby_deinit(&cb);

    /* occupancy: only buildings 4 and 5 have records; the others are no data */
    CHECK_INT(ly_colorby_compute(&cb, &d, LY_COLOR_OCCUPANCY, LY_LANG_ZH), 0);
    CHECK_INT(cb.no_data.count, 3);
    CHECK_INT(cb.class_of[0], -1);
    CHECK(cb.class_of[3] >= 0 && cb.class_of[4] >= 0);
    CHECK_NEAR(cb.value[3], 50, 1e-9);
    CHECK_NEAR(cb.value[4], 100, 1e-9);
    CHECK(cb.class_of[4] > cb.class_of[3]);
    /* no data is not on the ramp */
    for (int c = 0; c < cb.n_classes; c++)
        CHECK(memcmp(cb.classes[c].rgb, cb.no_data.rgb, 3) != 0);
    ly_colorby_deinit(&cb);

    /* the dominant industry of building 3 is finance (2 of 3) */
    CHECK_INT(ly_colorby_compute(&cb, &d, LY_COLOR_INDUSTRY, LY_LANG_EN), 0);
    CHECK_INT(cb.n_classes, 1);
    CHECK_STR(cb.classes[0].label, "Finance");
    CHECK_INT(cb.class_of[2], 0);
    CHECK_INT(cb.no_data.count, 4);
    ly_colorby_deinit(&cb);

    CHECK_INT(ly_color_mode_parse("tax"), LY_COLOR_TAX);
    CHECK_INT(ly_color_mode_parse("bogus"), -1);
    CHECK_STR(ly_color_mode_key(LY_COLOR_AGE), "age");

    /* the bundled district: every mode classifies every building or calls it no data */
    ly_district z;
    ly_diag_list_init(&diags, "z");
    CHECK_INT(ly_district_load(&z, LY_SOURCE_DIR "/data/zhanshan.geojson", NULL, &diags),
              LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    for (int m = LY_COLOR_OCCUPANCY; m < LY_COLOR_MODES; m++) {
        CHECK_INT(ly_colorby_compute(&cb, &z, (ly_color_mode)m, LY_LANG_ZH), 0);
        size_t sum = cb.no_data.count;
        for (int c = 0; c < cb.n_classes; c++)
            sum += cb.classes[c].count;
        CHECK_INT(sum, z.n_buildings);
        ly_colorby_deinit(&cb);
    }
    ly_district_unload(&z);
    ly_district_unload(&d);
    return check_report();
}
