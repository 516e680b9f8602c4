/* ly_search: pinyin initials, and ranked matches by name, pinyin (full, initials or
 * both), address, enterprise and industry on the bundled district. */
#include "check.h"
#include "bundled.h"

#include <stdlib.h>
#include <string.h>
#include "louyu/search.h"

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Chinese names in pinyin order, Latin ones without case and before them. */
static void test_collate(void)
{
    const char *names[] = {"中晟（青岛）置业", "宝达（青岛）咨询", "banana", "博信投资",
                           "Apple", "阿里", "德润保险", "博峰管理", "海益实业"};
    enum { N = sizeof names / sizeof *names, KEY = 64 };
    char keys[N * KEY];
    ly_collate_keys(names, N, keys, KEY);
    const char *order[N];
    for (int i = 0; i < N; i++)
        order[i] = keys + i * KEY;
    qsort(order, N, sizeof *order, by_key);
    const char *want[N] = {"Apple", "banana", "阿里", "宝达（青岛）咨询", "博峰管理",
                           "博信投资", "德润保险", "海益实业", "中晟（青岛）置业"};
    for (int i = 0; i < N; i++) {
        int k = (int)((order[i] - keys) / KEY);
        CHECK_STR(names[k], want[i]);
    }
    /* a key too small for the name is cut, never overrun */
    char tiny[2 * 5];
    const char *two[2] = {"青岛世贸中心", "ab"};
    ly_collate_keys(two, 2, tiny, 5);
    CHECK(strlen(tiny) <= 4);
    CHECK_STR(tiny + 5, "ab");
}

/* A fixture of the source tree (path from its root), loaded or the test fails. */
static void load(ly_district *d, const char *path)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", LY_SOURCE_DIR, path);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(d, full, NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
}

/* An OpenStreetMap export: its ids as written, and a nameless building found by its
 * id or by what its title says it is. */
static void test_wild(void)
{
    ly_district d;
    load(&d, "/tests/data/wild/osm-export.geojson");
    ly_search s;
    CHECK_INT(ly_search_init(&s, &d, LY_LANG_EN), 0);
    ly_search_hit hits[8];
    size_t n = ly_search_run(&s, "1155353760", hits, 8);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK_STR(d.buildings[hits[0].building].id, "1155353760");
        CHECK_STR(hits[0].text, "1155353760");
    }
    n = ly_search_run(&s, "322667430", hits, 8);
    CHECK(n >= 1 && !strcmp(d.buildings[hits[0].building].id, "322667430"));
    CHECK_INT(ly_search_run(&s, "1.1553538e+09", hits, 8), 0);
    n = ly_search_run(&s, "acme", hits, 8); /* its brand names it */
    CHECK(n >= 1 && !strcmp(d.buildings[hits[0].building].id, "322667430"));
    n = ly_search_run(&s, "main street", hits, 8); /* addr:* made its address */
    CHECK(n >= 1 && hits[0].kind == LY_MATCH_ADDRESS);
    ly_search_deinit(&s);
    ly_district_unload(&d);
}

/* The id of the first building found for query, or "" when none is. */
static const char *first_found(const ly_search *s, const ly_district *d, const char *query)
{
    ly_search_hit hits[8];
    return ly_search_run(s, query, hits, 8) ? d->buildings[hits[0].building].id : "";
}

/* Full pinyin, as people type it without an input method: whole syllables, initials or
 * both, with spaces or apostrophes or none, a character's other readings (行 is hang in
 * 银行, 厦 sha or xia), and v or u for ü. */
static void test_full_pinyin(void)
{
    ly_district d;
    load(&d, "/tests/data/search/pinyin.geojson");
    ly_search s;
    CHECK_INT(ly_search_init(&s, &d, LY_LANG_ZH), 0);
    const struct {
        const char *query, *id;
    } cases[] = {
        {"lvcheng", "b1"},         {"lucheng", "b1"},       {"LV CHENG", "b1"},
        {"lvc", "b1"},             {"chengzhongxin", "b1"}, {"zhongguoyinhang", "b2"},
        {"zgyh", "b2"},            {"yinhang", "b2"},       {"zhongguoyinxing", "b2"},
        {"zhong guo yin hang", "b2"}, {"xi'andasha", "b3"}, {"xiandaxia", "b3"},
        {"xads", "b3"},            {"xadx", "b3"},          {"haiyangguangchang", "b4"},
        {"ocean plaza hai", "b4"},   {"zhonggyh", "b2"},      {"zgyinh", "b2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = first_found(&s, &d, cases[i].query);
        if (strcmp(got, cases[i].id))
            fprintf(stderr, "query \"%s\"\n", cases[i].query);
        CHECK_STR(got, cases[i].id);
    }
    /* a break typed between syllables is one: "xi'an" and "xi an" are 西安, never the
     * beginning of 香 (xiang), which "xian" alone may be */
    ly_search_hit h[8];
    const char *xian[] = {"xi'an", "xi an", "xi'andasha"};
    for (size_t i = 0; i < sizeof xian / sizeof *xian; i++) {
        size_t n = ly_search_run(&s, xian[i], h, 8);
        CHECK_INT(n, 1);
        CHECK_STR(n ? d.buildings[h[0].building].id : "", "b3");
    }
    CHECK_INT(ly_search_run(&s, "xian", h, 8), 2); /* 西安 and 香港 as it is being typed */
    CHECK_STR(first_found(&s, &d, "xiang'gang"), "b5");
    /* only at a syllable's start, in order, every letter used; a syllable whole or by its
     * initial (while the query's last may be any beginning) */
    const char *none[] = {"angcheng", "chenglv", "zhongguoyinhangx", "hangyin", "lvq", "y'gh",
                          "zhonguo", "zhongguyinh", "guoyihang"};
    ly_search_hit hits[8];
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        CHECK_INT(ly_search_run(&s, none[i], hits, 8), 0);
    /* the whole name ranks above its beginning, which ranks above its middle */
    ly_search_hit a, b, c, i;
    CHECK_INT(ly_search_run(&s, "zhongguoyinhangdasha", &a, 1), 1);
    CHECK_INT(ly_search_run(&s, "zhongguo", &b, 1), 1);
    CHECK_INT(ly_search_run(&s, "yinhang", &c, 1), 1);
    CHECK(a.score > b.score && b.score > c.score);
    /* and whole syllables above initials */
    CHECK_INT(ly_search_run(&s, "zgyh", &i, 1), 1);
    CHECK(b.score > i.score);
    CHECK_INT(a.kind, LY_MATCH_NAME);
    CHECK_STR(a.text, "中国银行大厦");
    ly_search_deinit(&s);
    ly_district_unload(&d);
}

int main(void)
{
    test_collate();
    test_wild();
    test_full_pinyin();
    char buf[64];
    ly_pinyin_initials("湛山街道", buf, sizeof buf);
    CHECK_STR(buf, "zsjd");
    ly_pinyin_initials("青岛世贸中心 A/B座", buf, sizeof buf);
    CHECK_STR(buf, "qdsmzxabz");
    ly_pinyin_initials("光大国际金融中心", buf, sizeof buf);
    CHECK_STR(buf, "gdgjjrzx");
    ly_pinyin_initials("石油大厦", buf, sizeof buf); /* 大厦 is dasha (厦门 is xiamen) */
    CHECK_STR(buf, "syds");
    ly_pinyin_initials("湛山寺绿地", buf, sizeof buf); /* beyond GB 2312's first level too */
    CHECK_STR(buf, "zssld");
    ly_pinyin_initials("", buf, sizeof buf);
    CHECK_STR(buf, "");
    ly_pinyin_initials("湛山街道", buf, 3); /* cut to fit */
    CHECK_STR(buf, "zs");
    ly_pinyin_initials("\xE6\xB9", buf, sizeof buf); /* truncated UTF-8 */
    CHECK_STR(buf, "");

    ly_district d;
    load_bundled(&d);
    ly_search s;
    CHECK_INT(ly_search_init(&s, &d, LY_LANG_ZH), 0);
    ly_search_hit hits[40];
    long wtc = ly_district_find(&d, "wtc"), pet = ly_district_find(&d, "petroleum");

    /* Chinese name, English name (any case), pinyin initials: the building first */
    /* (and as a Chinese input method's full-width mode types them: the ideographic
     * space, full-width letters) */
    const char *queries[] = {"世贸", "world trade", "WORLD TRADE", "qdsm", "wtc", "shimao",
                             "qingdaoshimao", "qdshimao",
                             "\u3000世贸\u3000", "ｗｏｒｌｄ　ｔｒａｄｅ", "ＷＴＣ"};
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        size_t n = ly_search_run(&s, queries[i], hits, 40);
        CHECK(n >= 1);
        if (n) {
            CHECK_INT(hits[0].building, wtc);
            CHECK_INT(hits[0].kind, LY_MATCH_NAME);
        }
    }
    /* an address */
    size_t n = ly_search_run(&s, "延安三路", hits, 40);
    CHECK(n >= 1);
    bool has_pet = false;
    for (size_t i = 0; i < n; i++)
        has_pet |= hits[i].building == (uint32_t)pet;
    CHECK(has_pet);
    /* an enterprise: the building it is in, and only that one for a full name */
    const ly_building *b = &d.buildings[pet];
    const char *ename = d.enterprises[b->first_enterprise].name;
    n = ly_search_run(&s, ename, hits, 40);
    CHECK_INT(n, 1);
    CHECK_INT(hits[0].building, pet);
    CHECK_INT(hits[0].kind, LY_MATCH_ENTERPRISE);
    CHECK_STR(hits[0].text, ename);
    /* in English, found by its Chinese name, it is shown by its English one (and the
     * address by its English form) */
    {
        ly_search en;
        CHECK_INT(ly_search_init(&en, &d, LY_LANG_EN), 0);
        const char *ename_en = d.enterprises[b->first_enterprise].name_en;
        CHECK(ename_en && *ename_en);
        CHECK_INT(ly_search_run(&en, ename, hits, 40), 1);
        CHECK_STR(hits[0].text, ename_en);
        CHECK(b->address && b->address_en);
        n = ly_search_run(&en, b->address, hits, 40);
        for (size_t i = 0; i < n; i++)
            if (hits[i].building == (uint32_t)pet && hits[i].kind == LY_MATCH_ADDRESS)
                CHECK_STR(hits[i].text, b->address_en);
        ly_search_deinit(&en);
    }
    /* an industry, in either language: every building with such enterprises */
    size_t expect = 0;
    for (size_t i = 0; i < d.n_buildings; i++) {
        bool any = false;
        for (uint32_t e = 0; e < d.buildings[i].n_enterprises; e++) {
            const char *ind = d.enterprises[d.buildings[i].first_enterprise + e].industry;
            any |= ind && !strcmp(ind, "insurance");
        }
        expect += any;
    }
    CHECK(expect > 0);
    CHECK_INT(ly_search_run(&s, "保险", hits, 40) >= expect, 1);
    /* one result per building, ranked, nothing for nonsense or an empty query */
    n = ly_search_run(&s, "a", hits, 40);
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            CHECK(hits[i].building != hits[k].building);
    for (size_t i = 1; i < n; i++)
        CHECK(hits[i - 1].score >= hits[i].score);
    CHECK_INT(ly_search_run(&s, "zzzzqqqxx", hits, 40), 0);
    CHECK_INT(ly_search_run(&s, "   ", hits, 40), 0);
    CHECK_INT(ly_search_run(&s, "", hits, 40), 0);
    ly_search_deinit(&s);
    ly_district_unload(&d);
    return check_report();
}
