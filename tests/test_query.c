/* ly_query: the tenant finder on a hand-made district (tests/data/query/finder.geojson)
 * whose expectations are worked out here by hand, and on the bundled district.
 *
 * The fixture (data of 2011; footprints 0.0005° squares):
 *   alpha   (120.3700, 36.0600) rent 3.20, floors 1..6 vacant 0, 600, 700, 0, 1000, 400;
 *           3 finance enterprises + 1 it
 *   beta    (120.3800, 36.0600) rent 5.50, floors 1..4 vacant 1500, 2000, 0, 300; 1 retail;
 *           address_en "12 Harbour Road"
 *   gamma   (120.3700, 36.0660) rent 2.00, no floor records; 2 finance
 *   delta   under construction, rent 1.00, 5000 m² vacant on each of 3 floors
 *   epsilon (120.3700, 36.0615) rent unknown, floor 1 vacant 500; 111 m north of alpha
 *   metro "North Metro" (since 2016) 0.003° of latitude north of alpha's north edge (333 m),
 *     0.0015° from epsilon (166 m), 0.0025° from gamma (277 m)
 *   metro "Old Station" (since 2005) 0.001° south of beta (111 m)
 *   parking "Car park P" 0.002° of longitude east of alpha (180 m), 227 m from epsilon */
#include "check.h"
#include "bundled.h"
#include "louyu/query.h"
#include "louyu/stacking.h"
#include "louyu/stats.h"
#include "louyu/walk.h"

#include <stdbool.h>

static ly_district d;
static ly_geo geo;

/* Metres per degree at latitude 36.06° on WGS84 (meridian and parallel). */
#define M_PER_DEG_LAT 110960.0
#define M_PER_DEG_LON 90015.0

static ly_query_result run(ly_query_desc q)
{
    ly_query_result r;
    CHECK_INT(ly_query_run(&d, &geo, &q, &r), 0);
    return r;
}

/* The ids of the matches, in rank order, joined with spaces. */
static const char *ids(const ly_query_result *r)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < r->n_matches; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, d.buildings[r->matches[i].building].id);
    }
    return buf;
}

/* The spaces of match i as "first-last:vacant ...". */
static const char *spaces(const ly_query_result *r, size_t i)
{
    static char buf[256];
    buf[0] = '\0';
    const ly_query_match *m = &r->matches[i];
    for (uint32_t k = 0; k < m->n_spaces; k++) {
        const ly_query_space *s = &r->spaces[m->first_space + k];
        char one[48];
        snprintf(one, sizeof one, "%s%d-%d:%.0f", k ? " " : "", s->first, s->last, s->vacant_m2);
        strcat(buf, one);
    }
    return buf;
}

static const ly_query_match *find(const ly_query_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_matches; i++)
        if (!strcmp(d.buildings[r->matches[i].building].id, id))
            return &r->matches[i];
    return NULL;
}

static bool has_reason(const ly_query_result *r, const ly_query_match *m, const char *text)
{
    for (uint32_t k = 0; m && k < m->n_reasons; k++)
        if (strstr(r->reasons[m->first_reason + k], text))
            return true;
    return false;
}

static bool has_reason_zh(const ly_query_result *r, const ly_query_match *m, const char *text)
{
    for (uint32_t k = 0; m && k < m->n_reasons; k++)
        if (strstr(ly_query_reason(r, m->first_reason + k, LY_LANG_ZH), text))
            return true;
    return false;
}

/* Every reason and note has its Chinese twin, and it is not the English text. */
static void check_twins(const ly_query_result *r)
{
    for (size_t i = 0; i < r->n_reasons; i++) {
        CHECK(r->reasons_zh[i] && r->reasons_zh[i][0]);
        CHECK(strcmp(r->reasons_zh[i], r->reasons[i]) != 0);
        CHECK_STR(ly_query_reason(r, i, LY_LANG_EN), r->reasons[i]);
    }
    for (size_t i = 0; i < r->n_notes; i++) {
        CHECK(r->notes_zh[i] && r->notes_zh[i][0]);
        CHECK(strcmp(r->notes_zh[i], r->notes[i]) != 0);
    }
    CHECK_STR(ly_query_reason(r, r->n_reasons, LY_LANG_ZH), "");
    CHECK_STR(ly_query_note(r, r->n_notes, LY_LANG_EN), "");
}

/* Less than 1 m² vacant (what is left of a range's area shared by its floors) is no space
 * to let: the finder does not offer it (it had offered "floor 1: 0 m² vacant"), and the
 * stacking plan has the floor let, as the portal has. */
static void under_a_metre(void)
{
    long a = ly_district_find(&d, "alpha");
    CHECK(a >= 0);
    ly_floor_record *f1 = &d.records[d.buildings[a].first_record];
    CHECK_INT(f1->floor, 1);
    CHECK(f1->vacant_m2 == 0);
    ly_query_result r = run((ly_query_desc){0});
    const ly_query_match *m = find(&r, "alpha");
    char before[256];
    snprintf(before, sizeof before, "%s", m ? spaces(&r, (size_t)(m - r.matches)) : "-");
    ly_query_result_deinit(&r);
    f1->vacant_m2 = 0.5;
    r = run((ly_query_desc){0});
    m = find(&r, "alpha");
    CHECK_STR(m ? spaces(&r, (size_t)(m - r.matches)) : "-", before);
    ly_query_result_deinit(&r);
    CHECK_INT(ly_floor_state_of(&d, &d.buildings[a], 1, NULL), LY_FLOOR_LEASED);
    f1->vacant_m2 = 1;
    CHECK_INT(ly_floor_state_of(&d, &d.buildings[a], 1, NULL), LY_FLOOR_PARTLY_VACANT);
    f1->vacant_m2 = 0;
}

static void fixture(void)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "finder");
    CHECK_INT(ly_district_load(&d, LY_SOURCE_DIR "/tests/data/query/finder.geojson", NULL, &diags),
              LY_LOAD_OK);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_query_result r;

    /* rent limits from alpha's 3.20, beta's 5.50 and gamma's 2.00 (delta's, under
     * construction, and epsilon's unknown one left out): whole ones, each rounded up */
    double steps[3];
    CHECK_INT(ly_query_rent_steps(&d, steps), 3);
    CHECK(steps[0] == 2 && steps[1] == 4 && steps[2] == 6);

    /* nothing asked: every completed building with floor records; delta (under
     * construction) never; gamma, with none, is counted apart (nothing is known of its
     * space: a district of footprints had listed every one of them) */
    r = run((ly_query_desc){0});
    CHECK_INT(r.n_matches, 3);
    CHECK(!find(&r, "gamma"));
    CHECK_INT(r.without_records, 1);
    CHECK(!find(&r, "delta"));
    CHECK_INT(r.n_notes, 0);
    ly_query_result_deinit(&r);

    /* one floor, min 650: alpha floors 3 (700) and 5 (1000); beta 1 (1500) and 2 (2000);
     * gamma has no records, epsilon only 500, delta is under construction.
     * Scores: beta 2000/3000 = 0.667 before alpha 1000/2000 = 0.5 */
    r = run((ly_query_desc){.min_area_m2 = 650});
    CHECK_STR(ids(&r), "beta alpha");
    CHECK_INT(r.without_records, 1);
    if (r.n_matches == 2) {
        CHECK_STR(spaces(&r, 0), "1-1:1500 2-2:2000");
        CHECK_STR(spaces(&r, 1), "3-3:700 5-5:1000");
        CHECK_NEAR(r.matches[0].score, 2000.0 / 3000, 1e-9);
        CHECK_NEAR(r.matches[1].score, 0.5, 1e-9);
        CHECK(has_reason(&r, &r.matches[1], "floor 5: 1,000 m² vacant"));
        CHECK(has_reason_zh(&r, &r.matches[1], "5 层空置 1,000 m²"));
        CHECK_INT(r.matches[0].n_reasons, 2);
    }
    ly_query_result_deinit(&r);

    /* one floor, 650 to 1,200: beta's floors are too big */
    r = run((ly_query_desc){.min_area_m2 = 650, .max_area_m2 = 1200});
    CHECK_STR(ids(&r), "alpha");
    if (r.n_matches == 1)
        CHECK_STR(spaces(&r, 0), "3-3:700 5-5:1000");
    ly_query_result_deinit(&r);

    /* max only: any vacant floor up to 500 m² (alpha 6: 400, beta 4: 300, epsilon 1: 500) */
    r = run((ly_query_desc){.max_area_m2 = 500});
    CHECK_STR(ids(&r), "epsilon alpha beta");
    ly_query_result_deinit(&r);

    /* contiguous, min 1,200: alpha 2-3 (1300) and 5-6 (1400), not 3-5: floor 4 is
     * fully leased and breaks the run; beta reaches it on floor 1 and on floor 2 alone */
    r = run((ly_query_desc){.min_area_m2 = 1200, .contiguous = true});
    CHECK_STR(ids(&r), "beta alpha");
    if (r.n_matches == 2) {
        CHECK_STR(spaces(&r, 0), "1-1:1500 2-2:2000");
        CHECK_STR(spaces(&r, 1), "2-3:1300 5-6:1400");
        CHECK(has_reason(&r, &r.matches[1], "floors 2–3: 1,300 m² vacant together"));
        CHECK_NEAR(r.matches[1].score, 1400.0 / 2400, 1e-9);
    }
    ly_query_result_deinit(&r);

    /* contiguous, 1,200 to 1,350: only alpha 2-3 */
    r = run((ly_query_desc){.min_area_m2 = 1200, .max_area_m2 = 1350, .contiguous = true});
    CHECK_STR(ids(&r), "alpha");
    if (r.n_matches == 1)
        CHECK_STR(spaces(&r, 0), "2-3:1300");
    ly_query_result_deinit(&r);

    /* contiguous, 1,800: beta's floor 2 (2,000) alone, not also floors 1-2 (3,500) from
     * floor 1, whose 1,500 falls short: the same space had been offered twice */
    r = run((ly_query_desc){.min_area_m2 = 1800, .contiguous = true});
    CHECK_STR(ids(&r), "beta");
    if (r.n_matches == 1)
        CHECK_STR(spaces(&r, 0), "2-2:2000");
    ly_query_result_deinit(&r);

    /* contiguous, with areas of decimals: floors 5-6 of 102.1 + 397.9 make 500 exactly, and
     * floors 4-6 are not offered beside them (500 less floor 4's 45.6 had summed to
     * 499.99999999999994, short of 500) */
    {
        long a = ly_district_find(&d, "alpha");
        ly_floor_record *rec = &d.records[d.buildings[a].first_record];
        double was[6];
        for (int k = 0; k < 6; k++)
            was[k] = rec[k].vacant_m2;
        for (int k = 0; k < 6; k++)
            if (rec[k].floor >= 4 && rec[k].floor <= 6)
                rec[k].vacant_m2 = rec[k].floor == 4 ? 45.6 : rec[k].floor == 5 ? 102.1 : 397.9;
        r = run((ly_query_desc){.min_area_m2 = 500, .contiguous = true});
        const ly_query_match *m = find(&r, "alpha");
        CHECK(m != NULL);
        if (m)
            CHECK_STR(spaces(&r, (size_t)(m - r.matches)), "2-2:600 3-3:700 5-6:500");
        ly_query_result_deinit(&r);
        for (int k = 0; k < 6; k++)
            rec[k].vacant_m2 = was[k];
    }

    /* contiguous, 2,500: alpha's 2,700 over floors 2-6 is cut by floor 4; beta 1-2 = 3,500
     * (from floor 2, the leased floor 3 stops the run at 2,000) */
    r = run((ly_query_desc){.min_area_m2 = 2500, .contiguous = true});
    CHECK_STR(ids(&r), "beta");
    if (r.n_matches == 1)
        CHECK_STR(spaces(&r, 0), "1-2:3500");
    ly_query_result_deinit(&r);

    /* max rent 4: alpha (3.20), and gamma (2.00) counted apart; beta too dear, epsilon's
     * rent unknown, delta (1.00) under construction. alpha 0.5 + 1 - 3.2/4 = 0.7 */
    r = run((ly_query_desc){.max_rent_cny_m2_day = 4});
    CHECK_STR(ids(&r), "alpha");
    CHECK_INT(r.without_records, 1);
    if (r.n_matches == 1) {
        CHECK_NEAR(r.matches[0].score, 0.5 + 0.2, 1e-9);
        CHECK(has_reason(&r, &r.matches[0], "rent 3.20 ≤ 4.00 CNY/m²/day"));
    }
    ly_query_result_deinit(&r);

    /* rent ranks: min 650 and max rent 6: alpha 0.5 + (1 - 3.2/6) = 0.967 before
     * beta 0.667 + (1 - 5.5/6) = 0.75 */
    r = run((ly_query_desc){.min_area_m2 = 650, .max_rent_cny_m2_day = 6});
    CHECK_STR(ids(&r), "alpha beta");
    if (r.n_matches == 2)
        CHECK_NEAR(r.matches[0].score, 0.5 + 1 - 3.2 / 6, 1e-9);
    ly_query_result_deinit(&r);

    /* an industry nobody is in, 200 characters long: its note cut at a whole character,
     * with an ellipsis (it had ended in half a character) */
    {
        char long_ind[601] = "";
        for (int i = 0; i < 200; i++)
            strcat(long_ind, "\u91d1");
        r = run((ly_query_desc){.industry = long_ind});
        CHECK(r.n_notes >= 1);
        for (size_t i = 0; i < r.n_notes; i++) {
            const char *t = r.notes[i], *z = r.notes_zh[i];
            size_t lt = strlen(t), lz = strlen(z);
            CHECK(lt < 512 && lz < 512);
            if (lt >= 500)
                CHECK(!strcmp(t + lt - 3, "\u2026"));
            if (lz >= 500)
                CHECK(!strcmp(z + lz - 3, "\u2026"));
        }
        ly_query_result_deinit(&r);
    }

    /* near metro, data of 2011: North Metro (2016) is a later addition and does not
     * count; Old Station is 111 m from beta */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO});
    CHECK_STR(ids(&r), "beta");
    CHECK_INT(r.later_pois, 1);
    CHECK_INT(r.n_notes, 1);
    if (r.n_notes)
        CHECK(strstr(r.notes[0], "1 metro station opened after 2011") != NULL);
    if (r.n_notes)
        CHECK_STR(ly_query_note(&r, 0, LY_LANG_ZH),
                  "有 1 个地铁站在 2011 年（数据年份）之后开通，未计入（较晚增加，"
                  "--exclude-later 不计入）");
    if (r.n_matches == 1) {
        CHECK_NEAR(r.matches[0].poi_m, 0.001 * M_PER_DEG_LAT, 1.0);
        CHECK(!r.matches[0].poi_later);
        CHECK(has_reason(&r, &r.matches[0], "metro station 111 m in a straight line (Old Station; no walkable road)"));
        CHECK(has_reason_zh(&r, &r.matches[0], "地铁站：Old Station，直线 111 米（无可步行道路）"));
    }
    ly_query_result_deinit(&r);

    /* with later additions: beta 111 m, epsilon 166 m, gamma 277 m, alpha 333 m.
     * Scores: beta 0.667 + 1 - 111/400 = 1.389; epsilon 0.333 + 1 - 166/400 = 0.917;
     * alpha 0.5 + 1 - 333/400 = 0.668; gamma, without records, counted apart */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO, .include_later_pois = true});
    CHECK_STR(ids(&r), "beta epsilon alpha");
    CHECK_INT(r.without_records, 1);
    CHECK_INT(r.n_notes, 1);
    if (r.n_notes)
        CHECK(strstr(r.notes[0], "Counting 1 metro station") != NULL);
    const ly_query_match *m = find(&r, "alpha");
    CHECK(m && m->poi_later);
    if (m) {
        CHECK_NEAR(m->poi_m, 0.003 * M_PER_DEG_LAT, 1.0);
        CHECK_NEAR(m->score, 0.5 + 1 - 0.003 * M_PER_DEG_LAT / 400, 0.01);
        CHECK(has_reason(&r, m, "metro station 333 m in a straight line (North Metro; no walkable road; opened 2016"));
        CHECK(has_reason_zh(&r, m, "地铁站：North Metro，直线 333 米（无可步行道路；2016 年开通，晚于 2011 年的数据）"));
    }
    check_twins(&r);
    if (r.n_notes) {
        CHECK(strstr(ly_query_note(&r, 0, LY_LANG_ZH), "计入 1 个") != NULL);
    }
    m = find(&r, "epsilon");
    CHECK(m && fabs(m->poi_m - 0.0015 * M_PER_DEG_LAT) < 1.0);
    ly_query_result_deinit(&r);

    /* within and beyond the distance: alpha at 333 m is out at 300 m and in at 340 m */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO, .near_m = 300,
                            .include_later_pois = true});
    CHECK_STR(ids(&r), "beta epsilon");
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO, .near_m = 340,
                            .include_later_pois = true});
    CHECK(find(&r, "alpha") != NULL);
    ly_query_result_deinit(&r);

    /* parking: alpha at 180 m (0.002° of longitude), epsilon at 227 m */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_PARKING, .near_m = 200});
    CHECK_STR(ids(&r), "alpha");
    CHECK_INT(r.n_notes, 0);
    if (r.n_matches == 1) {
        CHECK_NEAR(r.matches[0].poi_m, 0.002 * M_PER_DEG_LON, 1.0);
        CHECK(has_reason(&r, &r.matches[0], "car park 180 m in a straight line (Car park P; no walkable road)"));
    }
    ly_query_result_deinit(&r);

    /* industry: alpha (3 inside), gamma (2 inside; no records: counted apart), epsilon
     * (alpha's 3 within 400 m, counted half; gamma is 444 m away). alpha 0.5 + 3/8 = 0.875;
     * epsilon 1/3 + 1.5/6.5 = 0.564 */
    r = run((ly_query_desc){.industry = "finance"});
    CHECK_STR(ids(&r), "alpha epsilon");
    CHECK_INT(r.without_records, 1);
    m = find(&r, "epsilon");
    CHECK(m && m->industry_in == 0 && m->industry_near == 3);
    CHECK(has_reason(&r, m, "3 finance enterprises in buildings within 400 m"));
    m = find(&r, "alpha");
    CHECK(m && m->industry_in == 3 && m->industry_near == 0);
    CHECK(has_reason(&r, m, "3 finance enterprises in the building"));
    if (m)
        CHECK_NEAR(m->score, 0.5 + 3.0 / 8, 1e-9);
    ly_query_result_deinit(&r);
    /* case-insensitive, and by the Chinese display name; a smaller radius drops epsilon */
    r = run((ly_query_desc){.industry = "FINANCE", .near_m = 100});
    CHECK_STR(ids(&r), "alpha");
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.industry = "金融"});
    CHECK_STR(ids(&r), "alpha epsilon");
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.industry = "no-such"});
    CHECK_INT(r.n_matches, 0);
    CHECK_INT(r.n_notes, 1);
    ly_query_result_deinit(&r);

    /* name: English name, address (any case), Chinese; delta never */
    r = run((ly_query_desc){.name = "ALPHA"});
    CHECK_STR(ids(&r), "alpha");
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.name = "harbour"});
    CHECK_STR(ids(&r), "beta");
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.name = "伽马"});
    CHECK_INT(r.n_matches, 0);
    CHECK_INT(r.without_records, 1);
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.name = "delta"});
    CHECK_INT(r.n_matches, 0);
    ly_query_result_deinit(&r);

    /* all together: a floor of 650+, rent ≤ 4, finance: alpha only */
    r = run((ly_query_desc){.min_area_m2 = 650, .max_rent_cny_m2_day = 4, .industry = "finance"});
    CHECK_STR(ids(&r), "alpha");
    if (r.n_matches == 1) {
        CHECK_INT(r.matches[0].n_reasons, 4); /* 2 floors, rent, industry */
        CHECK(has_reason_zh(&r, &r.matches[0], "租金 3.20 ≤ 4.00 元/m²/天"));
        CHECK(has_reason_zh(&r, &r.matches[0], "金融企业"));
    }
    check_twins(&r);
    ly_query_result_deinit(&r);

    ly_query_result_deinit(&r); /* twice is harmless */
    ly_query_result_deinit(NULL);
    CHECK_INT(ly_query_poi_category("metro"), LY_POI_METRO);
    CHECK_INT(ly_query_poi_category("Parking"), LY_POI_PARKING);
    CHECK_INT(ly_query_poi_category("tram"), -1);
    under_a_metre();
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

/* The bundled district: --min-area 1000 finds exactly the completed buildings with a
 * floor of at least 1,000 m² vacant, found here by scanning the records directly. */
static void bundled(void)
{
    load_bundled(&d);
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    /* the finder's chips: the five biggest industries by enterprises, and rent limits from
     * the completed buildings' 28 rents (2.30 .. 5.20: marks 2.7, 3.1, 3.6; whole ones
     * would be 3, 4, 4, so halves) */
    const char *names[5];
    size_t counts[5];
    CHECK_INT(ly_stats_industries(&d, names, counts, 5), 5);
    static const char *const top[5] = {"trade", "logistics", "it", "finance", "consulting"};
    for (int i = 0; i < 5; i++)
        CHECK_STR(names[i], top[i]);
    CHECK(counts[0] >= counts[1] && counts[3] >= counts[4]);
    double steps[3];
    CHECK_INT(ly_query_rent_steps(&d, steps), 3);
    CHECK(steps[0] == 3 && steps[1] == 3.5 && steps[2] == 4);

    ly_query_result r = run((ly_query_desc){.min_area_m2 = 1000});
    size_t want = 0;
    for (size_t i = 0; i < d.n_buildings; i++) {
        const ly_building *b = &d.buildings[i];
        bool big = false;
        for (uint32_t k = 0; k < b->n_records; k++)
            big |= d.records[b->first_record + k].vacant_m2 >= 1000;
        if (b->status == LY_STATUS_UNDER_CONSTRUCTION || !big)
            continue;
        want++;
        CHECK(find(&r, b->id) != NULL);
    }
    CHECK(want > 0);
    CHECK_INT(r.n_matches, want);
    for (size_t i = 0; i + 1 < r.n_matches; i++)
        CHECK(r.matches[i].score >= r.matches[i + 1].score);
    ly_query_result_deinit(&r);

    /* the metro opened in 2016: nothing near it in the data of 2011, unless asked */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO});
    CHECK_INT(r.n_matches, 0);
    CHECK_INT(r.later_pois, 2);
    ly_query_result_deinit(&r);

    /* near, on foot: each match's distance is its walk over the roads (walk.h), never
     * shorter than the straight line from the building's box to the station */
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO, .near_m = 600,
                            .include_later_pois = true});
    CHECK(r.n_matches > 0);
    ly_walk *w = ly_walk_create(&d, &geo);
    CHECK(w && ly_walk_edges(w) > 0);
    for (size_t i = 0; w && i < r.n_matches; i++) {
        const ly_query_match *m = &r.matches[i];
        ly_walk_from *s = ly_walk_search_building(w, &d, &geo, m->building, 600);
        double x, y;
        ly_proj_forward(&geo.proj, d.features[m->poi].lon, d.features[m->poi].lat, &x, &y);
        CHECK_NEAR(m->poi_m, ly_walk_distance(w, s, x, y), 1e-6);
        CHECK(m->poi_m <= 600);
        ly_walk_from_destroy(s);
    }
    ly_walk_destroy(w);
    ly_query_result_deinit(&r);
    r = run((ly_query_desc){.near_poi = true, .near = LY_POI_METRO, .include_later_pois = true});
    CHECK(r.n_matches > 0);
    for (size_t i = 0; i < r.n_matches; i++)
        CHECK(r.matches[i].poi_later && r.matches[i].poi_m <= 400);
    ly_query_result_deinit(&r);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

int main(void)
{
    fixture();
    bundled();
    return check_report();
}
