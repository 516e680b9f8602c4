/* The portal's text: escaping for HTML, attributes, CSV (formula injection) and
 * file names; the spaces to let and their runs of adjacent floors; and a district
 * whose names are attacks, which every page, the JSON and the CSV show as text. */
#include "check.h"
#include "louyu/html.h"
#include "louyu/site.h"
#include "louyu/walk.h"

#include <cjson/cJSON.h>

static void escaping(void)
{
    ly_buf b = {0};
    ly_buf_html(&b, "<script>alert(1)</script> & \"q\" 'a'");
    CHECK_STR(b.p, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;");
    ly_buf_free(&b);
    /* a title is clipped as written: entities count whole, a CJK character as one, an
     * emoji (outside the BMP) as two; quotes need no entity in an element's text */
    ly_buf_html_clipped(&b, "abc", 3);
    CHECK_STR(b.p, "abc");
    ly_buf_free(&b);
    ly_buf_html_clipped(&b, "\"abc\"", 10);
    CHECK_STR(b.p, "\"abc\"");
    ly_buf_free(&b);
    ly_buf_html_clipped(&b, "<abc>", 10);
    CHECK_STR(b.p, "&lt;abc\xe2\x80\xa6");
    ly_buf_free(&b);
    ly_buf_html_clipped(&b, "ab\xf0\x9f\x8f\xa2" "cd", 5);
    CHECK_STR(b.p, "ab\xf0\x9f\x8f\xa2\xe2\x80\xa6");
    ly_buf_free(&b);
    ly_buf_html_clipped(&b, "ab\xf0\x9f\x8f\xa2" "cd", 4);
    CHECK_STR(b.p, "ab\xe2\x80\xa6");
    ly_buf_free(&b);
    ly_buf_html_clipped(&b, "\xe6\xb9\x9b\xe5\xb1\xb1\xe8\xa1\x97\xe9\x81\x93", 3);
    CHECK_STR(b.p, "\xe6\xb9\x9b\xe5\xb1\xb1\xe2\x80\xa6");
    ly_buf_free(&b);
    const char *cells[][2] = {
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+1", "\"'+1\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"line\nbreak", "\"line\nbreak\""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        ly_buf_csv(&b, cells[i][0]);
        CHECK_STR(b.p ? b.p : "", cells[i][1]);
        ly_buf_free(&b);
    }
    ly_buf_file_name(&b, "way/322667431");
    CHECK_STR(b.p, "way_2f322667431");
    ly_buf_free(&b);
    ly_buf_file_name(&b, "../etc");
    CHECK_STR(b.p, "_2e._2fetc");
    ly_buf_free(&b);
    ly_buf_file_name(&b, "a_b");
    CHECK_STR(b.p, "a_5fb"); /* no two ids share a file */
    ly_buf_free(&b);
    ly_buf_file_name(&b, "Tower-A"); /* nor where the case of names does not count */
    CHECK_STR(b.p, "_54ower-_41");
    ly_buf_free(&b);
    /* a text cut short at a byte (a fixed buffer's snprintf) leaves out its half character:
     * pages and CSV stay UTF-8 */
    ly_buf_html(&b, "\xe6\xb9\x9b\xe5\xb1");
    CHECK_STR(b.p, "\xe6\xb9\x9b");
    ly_buf_free(&b);
    ly_buf_csv(&b, "a\xe5\xb1");
    CHECK_STR(b.p, "a");
    ly_buf_free(&b);
    /* a long id: cut at an escape's start, told apart by its hash; under 255 bytes */
    char longid[400], other[400];
    memset(longid, 0, sizeof longid);
    for (int i = 0; i < 28; i++)
        strcat(longid, "\xe6\xa5\xbc"); /* 楼 x 28: 252 bytes as _xx */
    snprintf(other, sizeof other, "%s\xe5\xae\x87", longid);
    ly_buf_file_name(&b, longid);
    ly_buf c = {0};
    ly_buf_file_name(&c, other);
    CHECK(b.p && c.p && b.len < 200 && c.len == b.len && strcmp(b.p, c.p) &&
          !strncmp(b.p, "_e6_a5_bc", 9) && strchr(b.p, '~') && strchr(b.p, '~')[-3] == '_');
    ly_buf_free(&b);
    ly_buf_free(&c);
    ly_buf_url(&b, "a b/c");
    CHECK_STR(b.p, "a%20b%2Fc");
    ly_buf_free(&b);
}

/* A district with hostile names, two buildings with records. */
static const char *EVIL =
    "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":"
    "\"<script>alert(1)</script>\",\"name_en\":\"\\\"><img src=x onerror=alert(2)>\"},"
    "\"data_date\":\"2011-04-29\"},\"features\":["
    "{\"type\":\"Feature\",\"id\":\"t1\",\"properties\":{\"kind\":\"building\","
    "\"name\":\"<b>塔</b>\",\"name_en\":\"=cmd|' /C calc'!A0\",\"status\":\"completed\","
    "\"height_m\":40,\"floors\":4,\"rent_cny_m2_day\":3.5,"
    "\"floor_records\":[{\"floor\":1,\"use\":\"office\",\"area_m2\":500,\"vacant_m2\":0},"
    "{\"floor\":2,\"use\":\"office\",\"area_m2\":500,\"vacant_m2\":500},"
    "{\"floor\":3,\"use\":\"office\",\"area_m2\":500,\"vacant_m2\":200},"
    "{\"floor\":4,\"use\":\"office\",\"area_m2\":500,\"vacant_m2\":0}],"
    "\"enterprises\":[{\"name\":\"</td><script>x()</script>\",\"floors\":[1],"
    "\"industry\":\"finance\"}]},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.37,36.06],[120.3703,36.06],"
    "[120.3703,36.0603],[120.37,36.0603],[120.37,36.06]]]}},"
    "{\"type\":\"Feature\",\"id\":\"a\\\"b\",\"properties\":{\"kind\":\"building\","
    "\"name\":\"B\",\"status\":\"completed\",\"height_m\":20,\"floors\":2,"
    "\"floor_records\":[{\"floor\":1,\"use\":\"office\",\"area_m2\":300,\"vacant_m2\":120},"
    "{\"floor\":2,\"use\":\"office\",\"area_m2\":300,\"vacant_m2\":0}]},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.371,36.06],[120.3713,36.06],"
    "[120.3713,36.0603],[120.371,36.0603],[120.371,36.06]]]}}]}";

static bool contains(const ly_buf *b, const char *s)
{
    return b->p && strstr(b->p, s) != NULL;
}

static void site(void)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "evil");
    CHECK_INT(ly_district_load_mem(&d, EVIL, strlen(EVIL), "evil", NULL, &diags), LY_LOAD_OK);
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].severity == LY_DIAG_ERROR)
            fprintf(stderr, "%s\n", diags.items[i].message);
    ly_diag_list_deinit(&diags);
    char avail[8][16] = {"", "now", "2011-05-09", "", "2011-06-01", ""};
    ly_site s;
    CHECK_INT(ly_site_init(&s, &d, (const char(*)[16])avail), 0);
    /* floors 2 and 3 of t1, floor 1 of the second; and the run t1 2-3 */
    CHECK_INT(s.n_spaces, 4);
    if (s.n_spaces == 4) {
        CHECK(!s.spaces[0].run && s.spaces[0].floor_from == 2 && s.spaces[0].area_m2 == 500);
        CHECK_STR(s.spaces[0].available, "now");
        CHECK(s.spaces[3].run && s.spaces[3].floor_from == 2 && s.spaces[3].floor_to == 3);
        CHECK_NEAR(s.spaces[3].area_m2, 700, 1e-9);
        CHECK_STR(s.spaces[3].available, "2011-05-09"); /* the later of the two */
        CHECK(s.spaces[2].rent < 0);                       /* no rent known */
    }
    /* each building's singles found by search: all of them, each of its own */
    size_t found = 0;
    for (uint32_t i = 0; i < d.n_buildings; i++) {
        size_t from, to;
        ly_site_singles(&s, i, &from, &to);
        for (size_t k = from; k < to; k++)
            CHECK(s.spaces[k].building == i && !s.spaces[k].run);
        found += to - from;
    }
    CHECK_INT(found, 3);
    CHECK_INT(s.n_singles, 3);
    const char *attacks[] = {"<script>alert(1)</script>", "<img src=x", "<b>塔</b>",
                             "</td><script>x()</script>", "a\"b"};
    ly_buf b = {0};
    for (int lang = 0; lang < LY_LANG_COUNT; lang++) {
        ly_site_district_page(&s, (ly_lang)lang, &b);
        for (uint32_t i = 0; i < d.n_buildings; i++)
            ly_site_building_page(&s, i, (ly_lang)lang, &b);
    }
    ly_site_root_page(&s, &b);
    CHECK(!b.failed && b.len > 1000);
    /* no format left unfilled: the listing's heading had read "Space to let: %s, %s" and the
     * footer's listings line had lost its links */
    CHECK(!contains(&b, "%s")); /* ("%d" stays in the count's data-format, for site.js) */
    CHECK(contains(&b, "<h2 id=\"spaces-h\">Space to let</h2>"));
    CHECK(contains(&b, "<h2 id=\"spaces-h\">可租空间</h2>"));
    CHECK(contains(&b, "<li>Space to let: <a href=\"../data/listings.json\">JSON</a>, "
                       "<a href=\"../data/listings.csv\">CSV</a></li>"));
    CHECK(contains(&b, "<li>可租空间：<a href=\"../data/listings.json\">JSON</a>、"));
    for (size_t k = 0; k < sizeof attacks / sizeof *attacks; k++)
        CHECK(!contains(&b, attacks[k]));
    CHECK(contains(&b, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(&b, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    CHECK(contains(&b, "data-building=\"a&quot;b\""));
    CHECK(contains(&b, "href=\"b/a_22b.html\""));
    ly_buf_free(&b);
    /* the JSON: a string is a string (cJSON escapes), and it parses back to the names */
    ly_site_listings_json(&s, &b);
    cJSON *arr = cJSON_Parse(b.p ? b.p : "");
    CHECK(cJSON_IsArray(arr) && cJSON_GetArraySize(arr) == 4);
    cJSON *first = cJSON_GetArrayItem(arr, 0);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(first, "building_name")), "<b>塔</b>");
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 2), "rent_cny_m2_day")));
    cJSON_Delete(arr);
    ly_buf_free(&b);
    /* the CSV: the English name that starts with "=" is neutralised */
    ly_site_listings_csv(&s, &b);
    CHECK(contains(&b, "\"'=cmd|' /C calc'!A0\""));
    CHECK(!contains(&b, ",=cmd"));
    ly_buf_free(&b);
    ly_site_free(&s);
    ly_district_unload(&d);
}

/* The floors' asking rents as the store gives them a week: rents[r] > 0 its row's, 0 its
 * row gave none (to be agreed: -1), < 0 no row (the building's: 0). */
static void set_rents(ly_district *d, const double *rents)
{
    for (size_t r = 0; r < d->n_records; r++)
        d->records[r].rent_cny_m2_day = rents[r] > 0 ? rents[r] : rents[r] == 0 ? -1 : 0;
}

/* What the pages say: each space's own rent (to be agreed where its row gave none), the
 * building's range, singular counts, the totals with letting data for only some buildings
 * or none, and a sentence when nothing is to let. */
static void texts(void)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "evil");
    CHECK_INT(ly_district_load_mem(&d, EVIL, strlen(EVIL), "evil", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    double *rents = malloc(d.n_records * sizeof *rents);
    for (size_t r = 0; r < d.n_records; r++)
        rents[r] = 2.5 + (double)r;
    const ly_building *t1 = &d.buildings[0], *b2 = &d.buildings[1];
    rents[b2->first_record] = 0; /* its row gave none */
    ly_site s;
    set_rents(&d, rents);
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    ly_buf b = {0};
    CHECK_INT(s.n_spaces, 4);
    if (s.n_spaces == 4) {
        CHECK_NEAR(s.spaces[0].rent, rents[t1->first_record + 1], 1e-9); /* floor 2's own */
        CHECK_NEAR(s.spaces[1].rent, rents[t1->first_record + 2], 1e-9);
        CHECK(s.spaces[2].to_be_agreed && s.spaces[2].rent < 0);
        CHECK_NEAR(s.spaces[3].rent, s.spaces[1].rent, 1e-9); /* a run: its highest */
    }
    /* a run with a floor to be agreed is to be agreed (it had asked its other floor's rent,
     * and passed a rent filter that floor may not) */
    {
        double kept3 = rents[t1->first_record + 2];
        rents[t1->first_record + 2] = 0;
        ly_site r;
        set_rents(&d, rents);
        CHECK_INT(ly_site_init(&r, &d, NULL), 0);
        CHECK(r.n_spaces == 4 && r.spaces[3].run && r.spaces[3].to_be_agreed &&
              r.spaces[3].rent < 0);
        ly_site_free(&r);
        rents[t1->first_record + 2] = kept3;
        set_rents(&d, rents);
    }
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<p id=\"listing-count\" aria-live=\"polite\" data-format=\"%d spaces\" "
                       "data-format-1=\"%d space\">3 spaces</p>"));
    CHECK(contains(&b, ">to be agreed</td>"));
    CHECK(contains(&b, "1 space, 120 m²")); /* (not "1 spaces") */
    CHECK(contains(&b, "<p class=\"totals\">2 buildings · "));
    CHECK(contains(&b, "step=\"any\"")); /* any area or rent typed is valid */
    CHECK(contains(&b, "aria-labelledby=\"bn0\"") && contains(&b, "id=\"bn0\""));
    ly_buf_free(&b);
    /* data without a date (a CityJSON file, a plain GeoJSON): no "Data:" with nothing after
     * it, on the district page or a building's; a date is said as one, not as a week */
    const char *date = d.meta.data_date;
    d.meta.data_date = NULL;
    ly_site_district_page(&s, LY_LANG_EN, &b);
    ly_site_building_page(&s, 0, LY_LANG_ZH, &b);
    CHECK(!contains(&b, "Data: <") && !contains(&b, "\"meta\"></p>") && !contains(&b, "数据周次"));
    ly_buf_free(&b);
    d.meta.data_date = "2011-04-29";
    ly_site_building_page(&s, 0, LY_LANG_EN, &b);
    CHECK(contains(&b, "<p class=\"meta\">Data: 2011-04-29</p>"));
    ly_buf_free(&b);
    d.meta.data_date = date;
    /* its height to a tenth where it is not whole, as the card gives it (238.3 m and 237.7 m
     * towers had both read "238 m"), and the year a building under construction is due */
    double height = d.buildings[0].height_m;
    ly_building_status status = d.buildings[0].status;
    int year = d.buildings[0].year;
    d.buildings[0].height_m = 238.3, d.buildings[0].status = LY_STATUS_UNDER_CONSTRUCTION;
    d.buildings[0].year = 2027;
    ly_site_building_page(&s, 0, LY_LANG_EN, &b);
    CHECK(contains(&b, "<dd>238.3 m · "));
    CHECK(contains(&b, "<dd>Under construction · due 2027</dd>"));
    ly_buf_free(&b);
    /* in Chinese the metre is 米, as everywhere else on the Chinese pages ("55 m · 3 层") */
    d.buildings[0].height_m = 237.7;
    ly_site_building_page(&s, 0, LY_LANG_ZH, &b);
    CHECK(contains(&b, "<dd>237.7 米 · "));
    ly_buf_free(&b);
    d.buildings[0].height_m = 110; /* (a whole height stays whole: "110 m", not "110.0 m") */
    ly_site_building_page(&s, 0, LY_LANG_EN, &b);
    CHECK(contains(&b, "<dd>110 m · "));
    ly_buf_free(&b);
    d.buildings[0].height_m = height, d.buildings[0].status = status, d.buildings[0].year = year;
    ly_site_building_page(&s, 0, LY_LANG_EN, &b);
    char range[96];
    snprintf(range, sizeof range, "<dd>%.2f–%.2f CNY/m²/day</dd>", rents[t1->first_record + 1],
             rents[t1->first_record + 2]);
    CHECK(contains(&b, range));
    ly_buf_free(&b);
    /* a name with no English one, on an English page, is marked as Chinese */
    const char *was = d.buildings[1].name, *was_en = d.buildings[1].name_en;
    d.buildings[1].name = "\xe7\x94\xb2", d.buildings[1].name_en = NULL;
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<span lang=\"zh-Hans\">\xe7\x94\xb2</span></a></td>"));
    CHECK(contains(&b, "<option value=\"a&quot;b\" lang=\"zh-Hans\">"));
    ly_buf_free(&b);
    d.buildings[1].name = was, d.buildings[1].name_en = was_en;
    /* a city's lists over pages: one space and one building a page */
    CHECK_INT(ly_site_space_pages(&s), 1);
    CHECK_INT(ly_site_space_parts(&s), 0);
    ly_site_paginate(&s, 1);
    CHECK_INT(ly_site_space_pages(&s), 3);
    CHECK_INT(ly_site_building_pages(&s), 2);
    CHECK_INT(ly_site_space_parts(&s), 1); /* (4 spaces: runs too, LY_SITE_PART_PAGES a part) */
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<li><a href=\"spaces-2.html\" rel=\"next\">Next</a></li>"));
    CHECK(contains(&b, "<p>Space 1 of 3</p>") && contains(&b, "<p>Building 1 of 2</p>"));
    CHECK(contains(&b, "<li><span aria-current=\"page\">1</span></li>"));
    /* the parts named by what they hold: another listing, another name */
    char key[sizeof s.parts_key];
    snprintf(key, sizeof key, "%s", s.parts_key);
    CHECK(strlen(key) == 16 && strspn(key, "0123456789abcdef") == 16);
    ly_buf part = {0};
    ly_buf_printf(&part, "data-parts=\"1\" data-part=\"../data/spaces-en-%s-\" data-limit=\"1\"",
                  key);
    CHECK(contains(&b, part.p));
    ly_buf_free(&part);
    s.spaces[0].area_m2 += 1;
    ly_site_paginate(&s, 1);
    CHECK(strcmp(key, s.parts_key) != 0);
    s.spaces[0].area_m2 -= 1;
    ly_site_paginate(&s, 1);
    CHECK_STR(s.parts_key, key);
    ly_site_paginate(&s, 2);
    CHECK(strcmp(key, s.parts_key) != 0);
    ly_site_paginate(&s, 1);
    CHECK(!contains(&b, "data-run=\"1\"")); /* (runs show in a search) */
    ly_buf_free(&b);
    ly_site_spaces_page(&s, LY_LANG_EN, 3, &b);
    CHECK(contains(&b, "(page 3 of 3)</h1>") && contains(&b, "<p>Space 3 of 3</p>"));
    CHECK(contains(&b, "<li><a href=\"spaces-2.html\" rel=\"prev\">Previous</a></li>"));
    CHECK(contains(&b, "<li><a href=\"index.html#spaces-h\">1</a></li>"));
    CHECK(!contains(&b, "rel=\"next\"") && contains(&b, "<tr data-building=\"a&quot;b\""));
    ly_buf_free(&b);
    ly_site_buildings_page(&s, LY_LANG_EN, 2, &b);
    CHECK(contains(&b, "<p>Building 2 of 2</p>") && contains(&b, "href=\"b/a_22b.html\""));
    CHECK(!contains(&b, "href=\"b/t1.html\""));
    ly_buf_free(&b);
    ly_site_spaces_part(&s, LY_LANG_EN, 1, &b);
    CHECK(b.p && !strncmp(b.p, "louyuSpaces(1, ", 15) && b.len > 18 &&
          !strcmp(b.p + b.len - 3, ");\n"));
    if (b.p && b.len > 18) {
        cJSON *rows = cJSON_ParseWithLength(b.p + 15, b.len - 18);
        CHECK_INT(cJSON_GetArraySize(rows), 4);
        cJSON *last = cJSON_GetArrayItem(rows, 3); /* the run, its page's texts (its highest) */
        CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(last, 4)), "2-3");
        CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(last, 8)), "4.50");
        CHECK_INT((int)cJSON_GetNumberValue(cJSON_GetArrayItem(last, 11)), 1);
        cJSON_Delete(rows);
    }
    ly_buf_free(&b);
    /* a city's buildings, found by name over their pages: every building, its keys */
    CHECK_INT(ly_site_building_parts(&s), 1);
    /* an address (in English too) finds its building, and is part of the parts' key */
    char before[sizeof s.parts_key];
    snprintf(before, sizeof before, "%s", s.parts_key);
    d.buildings[0].address_en = "6 Xianggang Middle Road";
    ly_site_paginate(&s, 1);
    CHECK(strcmp(before, s.parts_key) != 0);
    ly_site_buildings_part(&s, LY_LANG_ZH, 1, &b);
    CHECK(contains(&b, "\\n6 Xianggang Middle Road\\n"));
    ly_buf_free(&b);
    d.buildings[0].address_en = NULL;
    ly_site_paginate(&s, 1);
    CHECK_STR(s.parts_key, before);
    ly_site_buildings_part(&s, LY_LANG_EN, 1, &b);
    CHECK(b.p && !strncmp(b.p, "louyuBuildings(1, ", 18) && b.len > 21);
    if (b.p && b.len > 21) {
        cJSON *rows = cJSON_ParseWithLength(b.p + 18, b.len - 21);
        CHECK_INT(cJSON_GetArraySize(rows), 2);
        cJSON *first = cJSON_GetArrayItem(rows, 0);
        CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(first, 0)), "b/t1.html");
        const char *keys = cJSON_GetStringValue(cJSON_GetArrayItem(first, 4));
        CHECK(keys && strstr(keys, "t1\n") && strstr(keys, "<b>塔</b>\n")); /* (JSON, as text) */
        CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(first, 3)), "2 spaces, 700 m² in all");
        cJSON_Delete(rows);
    }
    ly_buf_free(&b);
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<form id=\"find-building\" role=\"search\" hidden data-parts=\"1\""));
    ly_buf_free(&b);
    /* the sitemap: every page once (6 a language: the district's 3 listing pages and 2
     * buildings' pages, 2 buildings), and past its files' limit an index of files */
    s.base_url = "https://x.org/";
    CHECK_INT(ly_site_sitemap_files(&s), 0);
    ly_site_sitemap(&s, 0, &b);
    int urls = 0;
    for (const char *q = b.p; q && (q = strstr(q, "<loc>")); q++)
        urls++;
    CHECK_INT(urls, 12);
    CHECK(contains(&b, "<loc>https://x.org/en/spaces-3.html</loc>") &&
          contains(&b, "<loc>https://x.org/zh/buildings-2.html</loc>") &&
          contains(&b, "<loc>https://x.org/zh/b/a_22b.html</loc>") &&
          !contains(&b, "spaces-4.html") && !contains(&b, "buildings-3.html"));
    ly_buf_free(&b);
    s.sitemap_max = 5;
    CHECK_INT(ly_site_sitemap_files(&s), 3);
    ly_site_sitemap(&s, 0, &b);
    CHECK(contains(&b, "<sitemapindex ") && contains(&b, "<loc>https://x.org/sitemap-3.xml</loc>") &&
          !contains(&b, "sitemap-4.xml") && !contains(&b, "<url>"));
    ly_buf_free(&b);
    ly_site_sitemap(&s, 3, &b);
    CHECK(contains(&b, "<urlset ") && contains(&b, "<loc>https://x.org/en/spaces-3.html</loc>") &&
          contains(&b, "<loc>https://x.org/en/buildings-2.html</loc>") &&
          !contains(&b, "index.html"));
    ly_buf_free(&b);
    s.sitemap_max = 0;
    s.base_url = NULL;
    ly_site_paginate(&s, 0);
    CHECK_INT(ly_site_building_parts(&s), 0);
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(!contains(&b, "find-building"));
    ly_buf_free(&b);
    /* one language: the root page goes to it, no chooser */
    s.n_langs = 1;
    s.langs[0] = LY_LANG_EN;
    ly_site_root_page(&s, &b);
    CHECK(contains(&b, "<meta http-equiv=\"refresh\" content=\"0; url=en/index.html\">"));
    CHECK(!contains(&b, "Choose a language"));
    ly_buf_free(&b);
    ly_site_free(&s);
    /* letting data for one building of two: the share is said to be of that one */
    uint32_t kept = b2->n_records;
    d.buildings[1].n_records = 0;
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    ly_site_district_page(&s, LY_LANG_EN, &b);
    /* (of their floor area: "14.1% of the 27 buildings" had read as a share of buildings) */
    CHECK(contains(&b, "% of the floor area of the 1 building with letting data)"));
    ly_buf_free(&b);
    ly_site_district_page(&s, LY_LANG_ZH, &b);
    CHECK(contains(&b, "以有出租数据的 1 座楼宇的总面积计）"));
    ly_buf_free(&b);
    ly_site_free(&s);
    /* none: no figure (it had said "0 m² vacant (0.0%)") */
    uint32_t kept0 = t1->n_records;
    d.buildings[0].n_records = 0;
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "· No letting data</p>"));
    CHECK(contains(&b, "<p>No space to let at present.</p>"));
    CHECK(!contains(&b, "id=\"filters\"") && !contains(&b, "<table id=\"listing\""));
    ly_buf_free(&b);
    ly_site_free(&s);
    d.buildings[0].n_records = kept0;
    d.buildings[1].n_records = kept;
    free(rents);
    ly_district_unload(&d);
}

/* "Available from" as the listing says it: "now" for a date on or before the data's own
 * (2011-04-29: it had been a date, said after "now"), a later one as the pages write dates
 * in each language (the English had been ISO, "2011-04-30"), and one the report did not
 * give in words ("–" had said nothing). */
static void available(void)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "evil");
    CHECK_INT(ly_district_load_mem(&d, EVIL, strlen(EVIL), "evil", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    char avail[8][16] = {"", "2011-04-29", "2011-04-30", "", "", ""};
    ly_site s;
    CHECK_INT(ly_site_init(&s, &d, (const char(*)[16])avail), 0);
    CHECK(s.n_spaces == 4 && !strcmp(s.spaces[0].available, "now") &&
          !strcmp(s.spaces[1].available, "2011-04-30") && !s.spaces[2].available[0]);
    ly_buf b = {0};
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<td>now</td></tr>") && contains(&b, "<td>30 Apr 2011</td></tr>") &&
          contains(&b, "<td>not said</td></tr>") && !contains(&b, "<td>–</td></tr>") &&
          !contains(&b, "<td>2011-04-30</td>"));
    ly_buf_free(&b);
    ly_site_district_page(&s, LY_LANG_ZH, &b);
    CHECK(contains(&b, "<td>随时</td></tr>") && contains(&b, "<td>2011年4月30日</td></tr>") &&
          contains(&b, "<td>未注明</td></tr>") && !contains(&b, "<td>–</td></tr>"));
    ly_buf_free(&b);
    ly_site_free(&s);
    ly_district_unload(&d);
}

/* The listing's figures add up: a range's 2,000.5 m² shared over three floors had been
 * 666.8 m² a floor (2,000.4) beside the stretch's 2,000.5 in the JSON and the CSV, and
 * 2,000 m² over three floors had read 667 m² each on the building's page beside its 2,000;
 * they are rounded as `louyu export --floors` rounds, so that they add up. And a week after
 * one without reports: the feed and the pages say since which week the space came free (W20's
 * change against W18 had been "space that came free this week"). */
static void totals_and_weeks(void)
{
    static const char *TEXT =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"D\","
        "\"name_en\":\"D\"},\"data_date\":\"2011-04-29\"},\"features\":["
        "{\"type\":\"Feature\",\"id\":\"r\",\"properties\":{\"kind\":\"building\",\"name\":\"R\","
        "\"status\":\"completed\",\"height_m\":30,\"floors\":6,\"rent_cny_m2_day\":3,"
        "\"floor_records\":[{\"floor\":1,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":0},"
        "{\"floor\":2,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.8333},"
        "{\"floor\":3,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.8333},"
        "{\"floor\":4,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.8334},"
        "{\"floor\":5,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":0},"
        "{\"floor\":6,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":10.4}]},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.37,36.06],[120.3703,36.06],"
        "[120.3703,36.0603],[120.37,36.0603],[120.37,36.06]]]}},"
        "{\"type\":\"Feature\",\"id\":\"w\",\"properties\":{\"kind\":\"building\",\"name\":\"W\","
        "\"status\":\"completed\",\"height_m\":30,\"floors\":3,\"rent_cny_m2_day\":3,"
        "\"floor_records\":[{\"floor\":1,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.6667},"
        "{\"floor\":2,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.6667},"
        "{\"floor\":3,\"use\":\"office\",\"area_m2\":1000,\"vacant_m2\":666.6666}]},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.371,36.06],[120.3713,36.06],"
        "[120.3713,36.0603],[120.371,36.0603],[120.371,36.06]]]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "totals");
    CHECK_INT(ly_district_load_mem(&d, TEXT, strlen(TEXT), "totals", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    /* a history of two weeks, W18 and W20 (nothing reported for W19), all floors let in W18 */
    int weeks[2] = {201118, 201120};
    double vacant[2 * 16] = {0};
    CHECK(d.n_records <= 16);
    for (size_t r = 0; r < d.n_records && r < 16; r++)
        vacant[d.n_records + r] = d.records[r].vacant_m2;
    d.weeks = weeks, d.n_weeks = 2, d.week = 1, d.week_vacant = vacant;
    ly_site s;
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    /* r: floors 2, 3, 4, 6 and the stretch 2-4; w: floors 1, 2, 3 and the stretch 1-3 */
    CHECK_INT(s.n_singles, 7);
    CHECK_INT(s.n_spaces, 9);
    if (s.n_spaces == 9) {
        long want[7] = {6668, 6668, 6669, 104, 6667, 6667, 6666};
        for (int k = 0; k < 7; k++)
            CHECK_INT(s.spaces[k].area_tenths, want[k]);
        CHECK_INT(s.spaces[7].area_tenths, 20005);
        CHECK_INT(s.spaces[8].area_tenths, 20000);
        CHECK_INT(s.spaces[0].area_whole + s.spaces[1].area_whole + s.spaces[2].area_whole,
                  s.spaces[7].area_whole);
        CHECK_INT(s.spaces[4].area_whole, 667);
        CHECK_INT(s.spaces[6].area_whole, 666);
        CHECK_INT(s.spaces[8].area_whole, 2000);
    }
    ly_buf b = {0};
    ly_site_listings_json(&s, &b);
    cJSON *arr = cJSON_Parse(b.p);
    double floors = 0, run = 0;
    for (const cJSON *o = arr ? arr->child : NULL; o; o = o->next) {
        const char *id = cJSON_GetObjectItem(o, "building")->valuestring;
        double a = cJSON_GetObjectItem(o, "area_m2")->valuedouble;
        if (!strcmp(id, "r") && cJSON_IsTrue(cJSON_GetObjectItem(o, "run")))
            run = a;
        else if (!strcmp(id, "r") && cJSON_GetObjectItem(o, "floor_from")->valueint <= 4)
            floors += a;
    }
    CHECK_NEAR(floors, 2000.5, 1e-6);
    CHECK_NEAR(run, 2000.5, 1e-9);
    cJSON_Delete(arr);
    ly_buf_free(&b);
    /* the CSV: a byte-order mark (Excel on Chinese Windows reads a file without one as GBK);
     * a row per floor, so that area_m2 adds up to the vacant area (the stretches' rows had
     * counted their floors twice), with the stretch each is part of as figures (a "2-4"
     * cell had been a date in Excel) */
    ly_site_listings_csv(&s, &b);
    CHECK(b.p && !strncmp(b.p, "\xEF\xBB\xBF" "building,", 12));
    CHECK(contains(&b, "\r\nr,R,,3,3,3,666.8,3.00,,2,4,2000.5,zh/b/r.html,en/b/r.html\r\n"));
    CHECK(contains(&b, "\r\nr,R,,6,6,6,10.4,3.00,,6,6,10.4,zh/b/r.html,en/b/r.html\r\n"));
    CHECK(!contains(&b, "2-4"));
    int lines = 0;
    for (const char *c = b.p ? b.p : ""; *c; c++)
        lines += *c == '\n';
    CHECK_INT(lines, 1 + 7);
    ly_buf_free(&b);
    /* the pages: w's floors 667, 667 and 666 m² beside its 2,000 */
    ly_site_building_page(&s, 1, LY_LANG_EN, &b);
    CHECK(contains(&b, "<td class=\"num\">666</td>") && contains(&b, "<td class=\"num\">667</td>"));
    ly_buf_free(&b);
    ly_site_district_page(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "data-area=\"666.6\"") && contains(&b, "data-area=\"2000.0\""));
    CHECK(contains(&b, "3 spaces, 2,000 m²"));
    /* W20 against W18: since week 18, in the footer's link and the feed, in both languages */
    CHECK(contains(&b, "Space that came free since week 18, 2011 (Atom feed)"));
    CHECK(!contains(&b, "this week"));
    ly_buf_free(&b);
    ly_site_feed(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<title>D: space that came free since week 18, 2011</title>"));
    CHECK(contains(&b, "<title>R, floor 6: 10 m² came free since week 18, 2011</title>"));
    CHECK(!contains(&b, "this week"));
    ly_buf_free(&b);
    ly_site_feed(&s, LY_LANG_ZH, &b);
    CHECK(contains(&b, "<title>D：较2011年第18周新空出的空间</title>"));
    CHECK(contains(&b, "<title>R 6 层：较2011年第18周新空出 10 m²</title>"));
    ly_buf_free(&b);
    ly_site_building_page(&s, 0, LY_LANG_ZH, &b);
    CHECK(contains(&b, ">较2011年第18周新空出（Atom 订阅）</a>"));
    ly_buf_free(&b);
    /* the week just before: this week, as it was */
    weeks[0] = 201119;
    ly_site_feed(&s, LY_LANG_EN, &b);
    CHECK(contains(&b, "<title>D: space that came free this week</title>"));
    CHECK(contains(&b, "<title>R, floor 6: 10 m² came free</title>"));
    ly_buf_free(&b);
    ly_site_free(&s);
    d.weeks = NULL, d.n_weeks = 0, d.week = 0, d.week_vacant = NULL; /* (ours, not its) */
    ly_district_unload(&d);
}

/* A building page's Nearby: the nearest place of each kind on foot over the roads from the
 * building's outline, at the minutes and metres `louyu nearby` and the card give (it had
 * measured a straight line from the building's middle, cut off at 1.5 km: a metro station
 * a 2 km walk down the road had been "None within 1.5 km"). */
static void nearby(void)
{
    static const char *TEXT =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":\"D\"},\"data_date\":\"2011-04-29\"},"
        "\"features\":[{\"type\":\"Feature\",\"id\":\"t1\",\"properties\":{\"kind\":"
        "\"building\",\"name\":\"T\",\"status\":\"completed\",\"height_m\":40,\"floors\":4},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.37,36.06],[120.3703,36.06],"
        "[120.3703,36.0603],[120.37,36.0603],[120.37,36.06]]]}},"
        "{\"type\":\"Feature\",\"id\":\"r\",\"properties\":{\"kind\":\"road\",\"class\":"
        "\"primary\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[120.369,36.0598],"
        "[120.395,36.0598]]}},"
        "{\"type\":\"Feature\",\"id\":\"m\",\"properties\":{\"kind\":\"poi\",\"category\":"
        "\"metro\",\"name\":\"M\",\"name_en\":\"Far station\"},\"geometry\":{\"type\":"
        "\"Point\",\"coordinates\":[120.392,36.0597]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "near");
    CHECK_INT(ly_district_load_mem(&d, TEXT, strlen(TEXT), "near", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    /* what `louyu nearby` says */
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_walk *w = ly_walk_create(&d, &geo);
    ly_walk_from *from = ly_walk_search_building(w, &d, &geo, 0, LY_WALK_NEARBY_M);
    ly_walk_nearby nb;
    ly_walk_nearby_pois(w, from, &d, &geo, &nb);
    double m = nb.metres[LY_POI_METRO];
    CHECK(m > 1500 && m < LY_WALK_NEARBY_M);
    char want[160], metres[32];
    ly_format_grouped(m, metres, sizeof metres);
    ly_site s;
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    ly_buf b = {0};
    ly_site_building_page(&s, 0, LY_LANG_EN, &b);
    /* (a number and its unit kept on one line: U+00A0 between them) */
    snprintf(want, sizeof want, "<dt>Metro station</dt><dd>Far station · %d\u00a0min walk · %s\u00a0m</dd>",
             ly_walk_minutes(m), metres);
    CHECK(contains(&b, want));
    CHECK(contains(&b, "On foot over the roads (4.5 km/h) from the building&#39;s outline"));
    CHECK(!contains(&b, "straight line") && !contains(&b, "None within"));
    ly_buf_free(&b);
    ly_site_building_page(&s, 0, LY_LANG_ZH, &b);
    snprintf(want, sizeof want, "<dt>地铁站</dt><dd>M，步行 %d\u00a0分钟 · %s\u00a0米</dd>",
             ly_walk_minutes(m), metres);
    CHECK(contains(&b, want));
    ly_buf_free(&b);
    ly_site_free(&s);
    ly_walk_from_destroy(from);
    ly_walk_destroy(w);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

/* A district outside China gives one name as both `name` and `name_en`: a page says it once
 * (the building page's subtitle and the language chooser's heading had said it again). */
static void same_names(void)
{
    static const char *TEXT =
        "{\"type\":\"FeatureCollection\",\"louyu\":{\"schema\":1,\"district\":{\"name\":"
        "\"Haight-Ashbury\",\"name_en\":\"haight-ashbury \"},\"data_date\":\"2024-03-15\"},"
        "\"features\":[{\"type\":\"Feature\",\"id\":\"ht\",\"properties\":{\"kind\":"
        "\"building\",\"name\":\"Haight Tower\",\"name_en\":\"Haight Tower\",\"height_m\":16,"
        "\"floors\":5},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-122.45,37.77],"
        "[-122.4495,37.77],[-122.4495,37.7704],[-122.45,37.7704],[-122.45,37.77]]]}},"
        "{\"type\":\"Feature\",\"id\":\"two\",\"properties\":{\"kind\":\"building\","
        "\"name\":\"\xe6\xa5\xbc\",\"name_en\":\"Tower Two\",\"height_m\":16,\"floors\":5},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-122.449,37.77],"
        "[-122.4485,37.77],[-122.4485,37.7704],[-122.449,37.7704],[-122.449,37.77]]]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "same");
    CHECK_INT(ly_district_load_mem(&d, TEXT, strlen(TEXT), "same", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_site s;
    CHECK_INT(ly_site_init(&s, &d, NULL), 0);
    ly_buf b = {0};
    for (int lang = 0; lang < 2; lang++) {
        ly_site_building_page(&s, 0, (ly_lang)lang, &b);
        CHECK(contains(&b, "<h1>Haight Tower</h1>") && !contains(&b, "class=\"other\""));
        ly_buf_free(&b);
        /* two names that differ are both said */
        ly_site_building_page(&s, 1, (ly_lang)lang, &b);
        CHECK(contains(&b, "class=\"other\""));
        ly_buf_free(&b);
    }
    ly_site_root_page(&s, &b);
    CHECK(contains(&b, "<h1>Haight-Ashbury</h1>"));
    ly_buf_free(&b);
    ly_site_free(&s);
    ly_district_unload(&d);
}

int main(void)
{
    escaping();
    site();
    texts();
    available();
    nearby();
    totals_and_weeks();
    same_names();
    return check_report();
}
