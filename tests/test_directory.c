/* ly_directory: a building's enterprises filtered by industry and in the one order the
 * viewer and `louyu info --enterprises` share: by floor (none last), by name (pinyin for
 * Chinese, Latin without case, in the asked language), by industry (none last). */
#include "check.h"
#include "louyu/directory.h"

static const char *TEXT =
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"t\","
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120,36],[120.001,36],"
    "[120.001,36.001],[120,36.001],[120,36]]]},"
    "\"properties\":{\"height_m\":40,\"floors\":10,\"enterprises\":["
    /* 0 */ "{\"name\":\"中国银行\",\"name_en\":\"bank of china\",\"industry\":\"finance\",\"floor\":3},"
    /* 1 */ "{\"name\":\"安信律师\",\"name_en\":\"Anxin Law\",\"industry\":\"law\",\"floors\":[7,2]},"
    /* 2 */ "{\"name\":\"百度\",\"industry\":\"it\"},"
    /* 3 */ "{\"name\":\"Zeta Ltd\",\"floor\":3},"
    /* 4 */ "{\"name\":\"alpha gmbh\",\"industry\":\"finance\",\"floor\":9}"
    "]}}]}";

static long list(const ly_district *d, const char *industry, ly_enterprise_order by,
                 ly_lang lang, uint32_t out[8])
{
    uint32_t *rows;
    long n = ly_directory_list(d, &d->buildings[0], industry, by, lang, &rows);
    for (long i = 0; i < n && i < 8; i++)
        out[i] = rows[i] - d->buildings[0].first_enterprise;
    free(rows);
    return n;
}

int main(void)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    CHECK_INT(ly_district_load_mem(&d, TEXT, strlen(TEXT), "t", NULL, &diags), LY_LOAD_OK);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    uint32_t r[8];

    /* by floor: the lowest floor (安信 is on 2 and 7), ties by name, none last */
    CHECK_INT(list(&d, NULL, LY_ORDER_FLOOR, LY_LANG_ZH, r), 5);
    CHECK(r[0] == 1 && r[1] == 3 && r[2] == 0 && r[3] == 4 && r[4] == 2);
    /* by name in Chinese: Latin first without case, then pinyin (an, bai, zhong) */
    CHECK_INT(list(&d, NULL, LY_ORDER_NAME, LY_LANG_ZH, r), 5);
    CHECK(r[0] == 4 && r[1] == 3 && r[2] == 1 && r[3] == 2 && r[4] == 0);
    /* in English the English names sort: alpha, Anxin, bank of china, Zeta, then 百度 */
    CHECK_INT(list(&d, NULL, LY_ORDER_NAME, LY_LANG_EN, r), 5);
    CHECK(r[0] == 4 && r[1] == 1 && r[2] == 0 && r[3] == 3 && r[4] == 2);
    /* by industry: finance (by floor: 3, 9), it, law, then none */
    CHECK_INT(list(&d, NULL, LY_ORDER_INDUSTRY, LY_LANG_ZH, r), 5);
    CHECK(r[0] == 0 && r[1] == 4 && r[2] == 2 && r[3] == 1 && r[4] == 3);
    /* filtered */
    CHECK_INT(list(&d, "finance", LY_ORDER_FLOOR, LY_LANG_ZH, r), 2);
    CHECK(r[0] == 0 && r[1] == 4);
    uint32_t *none = (uint32_t *)1;
    CHECK_INT(ly_directory_list(&d, &d.buildings[0], "mining", LY_ORDER_NAME, LY_LANG_ZH, &none),
              0);
    CHECK(none == NULL);

    /* who is on floor 3: 中国银行 and Zeta, in the data's order; one asked for, two in all */
    uint32_t on3[4];
    CHECK_INT(ly_floor_enterprises(&d, &d.buildings[0], 3, on3, 4), 2);
    CHECK(on3[0] == d.buildings[0].first_enterprise && on3[1] == d.buildings[0].first_enterprise + 3);
    CHECK_INT(ly_floor_enterprises(&d, &d.buildings[0], 3, on3, 1), 2);
    CHECK_INT(ly_floor_enterprises(&d, &d.buildings[0], 5, on3, 4), 0);
    int lo, hi;
    ly_enterprise_floor_span(&d, &d.enterprises[d.buildings[0].first_enterprise + 1], &lo, &hi);
    CHECK(lo == 2 && hi == 7);
    ly_enterprise_floor_span(&d, &d.enterprises[d.buildings[0].first_enterprise + 2], &lo, &hi);
    CHECK(lo == 0 && hi == 0);
    CHECK_INT(ly_enterprise_order_parse("industry"), LY_ORDER_INDUSTRY);
    CHECK_INT(ly_enterprise_order_parse("size"), -1);
    CHECK_STR(ly_enterprise_order_name(LY_ORDER_NAME), "name");
    ly_district_unload(&d);
    return check_report();
}
