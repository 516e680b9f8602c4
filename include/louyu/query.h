/* louyu query: the tenant finder. "Where can I rent 1,200-1,500 m², on one
 * floor or on adjacent floors, under 4 CNY/m²/day, near the metro, near other
 * finance firms?" answered as ranked buildings, each with the floors that
 * fit and short reasons saying why it matches.
 *
 * The rules, each applied only when its field is set (a zeroed desc matches
 * every completed building with floor records):
 *  - Buildings under construction never match.
 *  - A building without floor records never matches: nothing is known of its
 *    space (a district of footprints with data on a handful had listed a
 *    thousand buildings, each with no space). Those that meet the criteria
 *    judged without records (rent by the building's, near, industry, name)
 *    are counted apart, in without_records, for the finder and the CLI to say.
 *  - Area (min_area_m2, max_area_m2, contiguous): A floor with vacant_m2 0 never
 *    counts. One floor: every floor with min ≤ vacant ≤ max (max 0: no upper
 *    bound). Contiguous: for each start floor with vacant space, the shortest
 *    run of adjacent floors (consecutive floor numbers, each with vacant > 0;
 *    a leased floor or a floor without a record breaks the run) whose summed
 *    vacant area reaches min; the run is kept when max is 0 or the sum ≤ max.
 *    Runs from different start floors may overlap. With no area criterion the
 *    spaces listed are the building's vacant floors, as information.
 *  - Rent (max_rent_cny_m2_day): each floor's asking rent must be known and ≤ it: its
 *    own (its weekly report row's), none when its row gave none (to be agreed, 面议),
 *    else the building's (a building without floor records, counted apart: the building's).
 *  - Near (near_poi, near, near_m): the nearest POI of that category must be
 *    within near_m (0: 400 m) of the building's footprint on foot: over the
 *    district's roads and footways (walk.h), in a straight line where it has
 *    none (0 when inside). POIs whose `since` year is after the year of the
 *    district's data_date are later additions (e.g. the metro opened in 2016
 *    in a 2011 dataset): they count only with include_later_pois; result
 *    notes say how many were left out or counted.
 *  - Industry (keyword, case-insensitive, or its Chinese display name): the
 *    building has enterprises of that industry, or a building whose footprint
 *    lies within near_m of this one's has (its enterprises count half).
 *  - Name: a case-insensitive (ASCII folding) substring of name, name_en,
 *    address or address_en.
 *
 * Ranking: score = the sum, over the terms that apply, of
 *   space     s / (s + 1000), s = the largest matching space in m² (any vacant
 *             floor or run when there is no area criterion; 0 without records)
 *   rent      1 - rent / max_rent                (when max_rent is set)
 *   near      1 - distance / near_m              (when near is set)
 *   industry  k / (k + 5), k = in-building + half of nearby enterprises
 * higher first; ties by name (bytes), then id. Deterministic.
 *
 * ly_query_run allocates everything in the result; ly_query_result_deinit
 * frees it. Pure computation over a district and its projection; no GL. */
#ifndef LOUYU_QUERY_H
#define LOUYU_QUERY_H

#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/strings.h"

#include <stdbool.h>

#define LY_QUERY_NEAR_M 400.0 /* default distance for near and industry */

typedef struct {
    double min_area_m2, max_area_m2; /* 0: no bound */
    bool contiguous;                 /* the space may span adjacent floors */
    double max_rent_cny_m2_day;      /* 0: any rent */
    const char *industry;            /* NULL or "": any */
    bool near_poi;                   /* use `near` (a zero desc means no POI rule) */
    ly_poi_category near;
    double near_m; /* 0: LY_QUERY_NEAR_M */
    const char *name; /* NULL or "": any */
    bool include_later_pois;
    /* the district's walking graph for the near rule (walk.h), when the caller keeps one;
     * NULL: the query makes its own for the run */
    const struct ly_walk *walk;
} ly_query_desc;

/* Floors first ... last (first == last for one floor) with their vacant area. */
typedef struct {
    int first, last;
    double vacant_m2;
} ly_query_space;

typedef struct {
    uint32_t building;
    double score;
    uint32_t first_space, n_spaces;   /* into ly_query_result.spaces */
    uint32_t first_reason, n_reasons; /* into ly_query_result.reasons */
    /* The figures behind the reasons, language-neutral. */
    double best_space_m2;          /* 0 when none */
    double rent_cny_m2_day;        /* < 0 unknown */
    long poi;                      /* feature index of the nearest POI counted, -1 */
    double poi_m;                  /* its distance, -1 */
    bool poi_later;                /* it is a later addition */
    bool poi_straight;             /* measured in a straight line: the district has no roads */
    int industry_in, industry_near; /* enterprises of the industry: inside, nearby */
} ly_query_match;

typedef struct {
    ly_query_match *matches; /* ranked, best first */
    size_t n_matches;
    ly_query_space *spaces;
    size_t n_spaces;
    char **reasons;    /* short English sentences */
    char **reasons_zh; /* the same sentences in Chinese, index for index */
    size_t n_reasons;
    char **notes; /* about the query as a whole (later POIs, unknown industry) */
    char **notes_zh;
    size_t n_notes;
    size_t later_pois; /* POIs of the near category that are later additions */
    size_t without_records; /* buildings left out for having no floor records (see above) */
} ly_query_result;

/* Runs the query; returns 0, or -1 when out of memory (out is then zeroed).
 * geo must be ly_geo_init'ed from d. */
int ly_query_run(const ly_district *d, const ly_geo *geo, const ly_query_desc *desc,
                 ly_query_result *out);
/* Accepts a zeroed result; leaves it zeroed. */
void ly_query_result_deinit(ly_query_result *r);

/* Reason or note i in a language ("" when out of range). */
const char *ly_query_reason(const ly_query_result *r, size_t i, ly_lang lang);
const char *ly_query_note(const ly_query_result *r, size_t i, ly_lang lang);

/* Rent limits to offer for a district (the finder's chips), from the asking rents of its
 * completed buildings that give one: the marks a quarter, half and three quarters of the
 * way up (nearest rank), each rounded up to a round step, so that each limit takes in at
 * least that share of them. The step is 1, 0.5, 0.2 or 0.1 times the power of ten at or
 * under the median, the coarsest that keeps the three apart (Zhanshan's 2.30-5.50: 3, 4, 5;
 * rents all 0.60: 0.6 alone); equal limits are given once. Writes them, lowest first, into
 * steps; returns how many (0: no building gives a rent, or out of memory). */
size_t ly_query_rent_steps(const ly_district *d, double steps[3]);

/* "metro" -> LY_POI_METRO, and a place the finder takes by its name in either language as
 * louyu writes it ("地铁站", "metro station", "停车场", "car park"; a Chinese one also
 * without its last 站: "地铁", "公交"); returns -1 for an unknown name. */
int ly_query_poi_category(const char *name);

#endif
