/* louyu stats: district-wide figures derived from a loaded district.
 *
 * Pure computation over a ly_district; owns nothing and allocates nothing.
 * Figures that the data cannot give are negative (unknown), never guessed. */
#ifndef LOUYU_STATS_H
#define LOUYU_STATS_H

#include "louyu/district.h"

#include <stdio.h>

#define LY_TAX_BIG_CNY 100000000.0 /* the "亿元楼" threshold: 100 million CNY */

typedef struct {
    size_t buildings, completed, under_construction;
    size_t with_occupancy; /* buildings that have floor records */
    size_t enterprises_in_buildings;
    double enterprises_registered; /* district figure; < 0 unknown */
    double enterprise_share;       /* in buildings / registered; < 0 unknown */
    double gfa_m2;                 /* sum of gfa_m2 where given */
    size_t gfa_known;              /* buildings that give it */
    /* floor area to let covered by floor records, and how many floors: plant and parking
     * floors with no space (ly_floor_is_service) are not let, and are counted apart */
    double recorded_area_m2;
    double leased_m2, vacant_m2;
    double occupancy_rate; /* leased / recorded; < 0 when no records */
    size_t floors_recorded, floors_vacant, floors_partly_vacant;
    double service_m2;     /* plant and parking floors' area, in none of the above */
    size_t floors_service;
    double tax_2010_cny;         /* sum over buildings that give it */
    size_t tax_2010_known;       /* buildings that give it */
    size_t tax_big;              /* buildings with tax_2010 ≥ 100 M CNY */
    double tax_q1_2011_cny;      /* district figure; < 0 unknown */
    double new_enterprises_q1_2011;
    size_t service_points;       /* buildings with government service windows */
    double max_height_m;
} ly_stats;

void ly_stats_compute(const ly_district *d, ly_stats *out);

/* The district's industries by how many enterprises give them, largest first (ties: the one
 * seen first); at most max of them into names (pointing into the district) and counts.
 * Returns how many. Only the first 64 different industries seen are counted. */
size_t ly_stats_industries(const ly_district *d, const char **names, size_t *counts, size_t max);
/* The same of the enterprises [first, first + count): a building's, for its page. */
size_t ly_stats_industries_of(const ly_district *d, size_t first, size_t count,
                              const char **names, size_t *counts, size_t max);

/* Occupancy of one building from its floor records: leased/area, or -1; its plant and
 * parking floors left out (*area_m2 the area to let). */
double ly_building_occupancy(const ly_district *d, const ly_building *b, double *area_m2,
                             double *vacant_m2);
/* The same in week i of the history (i < n_weeks: each floor's vacant area that week, so a
 * plant floor that week's report gave space to let is let space that week; past the history,
 * the records as shown): what report history and diff give, as info gives the week shown. */
double ly_building_occupancy_in_week(const ly_district *d, const ly_building *b, size_t i,
                                     double *area_m2, double *vacant_m2);
/* The area to let and the vacant area of the district's floor records on floors lo..hi
 * (the dashboard's floor bands), plant and parking floors left out. */
void ly_stats_floor_band(const ly_district *d, int lo, int hi, double *area_m2, double *vacant_m2);

#endif
