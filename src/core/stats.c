#include "louyu/stats.h"

#include <stdint.h>
#include <string.h>

double ly_building_occupancy(const ly_district *d, const ly_building *b, double *area_m2,
                             double *vacant_m2)
{
    return ly_building_occupancy_in_week(d, b, SIZE_MAX, area_m2, vacant_m2);
}

double ly_building_occupancy_in_week(const ly_district *d, const ly_building *b, size_t week,
                                     double *area_m2, double *vacant_m2)
{
    double area = 0, vacant = 0;
    for (uint32_t i = 0; i < b->n_records; i++) {
        /* (a copy with that week's vacant area: whether it is let depends on it) */
        size_t k = b->first_record + i;
        ly_floor_record r = d->records[k];
        if (week < d->n_weeks)
            r.vacant_m2 = d->week_vacant[week * d->n_records + k];
        if (ly_floor_is_service(&r))
            continue;
        area += r.area_m2;
        vacant += ly_floor_vacant(&r);
    }
    if (area_m2)
        *area_m2 = area;
    if (vacant_m2)
        *vacant_m2 = vacant;
    return area > 0 ? (area - vacant) / area : -1.0;
}

void ly_stats_floor_band(const ly_district *d, int lo, int hi, double *area_m2, double *vacant_m2)
{
    double area = 0, vacant = 0;
    for (size_t i = 0; i < d->n_records; i++) {
        const ly_floor_record *r = &d->records[i];
        if (r->floor >= lo && r->floor <= hi && !ly_floor_is_service(r)) {
            area += r->area_m2;
            vacant += ly_floor_vacant(r);
        }
    }
    *area_m2 = area;
    *vacant_m2 = vacant;
}

void ly_stats_compute(const ly_district *d, ly_stats *s)
{
    memset(s, 0, sizeof *s);
    const ly_district_figures *f = &d->meta.figures;
    s->buildings = d->n_buildings;
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
            s->under_construction++;
        else
            s->completed++;
        if (b->n_records)
            s->with_occupancy++;
        s->enterprises_in_buildings += b->n_enterprises;
        if (b->gfa_m2 > 0) {
            s->gfa_m2 += b->gfa_m2;
            s->gfa_known++;
        }
        for (uint32_t k = 0; k < b->n_records; k++) {
            const ly_floor_record *r = &d->records[b->first_record + k];
            if (ly_floor_is_service(r)) { /* (not let: neither leased nor vacant) */
                s->service_m2 += r->area_m2;
                s->floors_service++;
                continue;
            }
            s->recorded_area_m2 += r->area_m2;
            s->vacant_m2 += ly_floor_vacant(r);
            s->floors_recorded++;
            if (ly_floor_has_space(r) && r->vacant_m2 >= r->area_m2)
                s->floors_vacant++;
            else if (ly_floor_has_space(r))
                s->floors_partly_vacant++;
        }
        if (b->tax_2010_cny >= 0) {
            s->tax_2010_cny += b->tax_2010_cny;
            s->tax_2010_known++;
            if (b->tax_2010_cny >= LY_TAX_BIG_CNY)
                s->tax_big++;
        }
        if (b->has_services && b->services.n_windows)
            s->service_points++;
        if (b->height_m > s->max_height_m)
            s->max_height_m = b->height_m;
    }
    s->leased_m2 = s->recorded_area_m2 - s->vacant_m2;
    s->occupancy_rate = s->recorded_area_m2 > 0 ? s->leased_m2 / s->recorded_area_m2 : -1;
    s->enterprises_registered = f->enterprises_registered;
    /* (no share of a count smaller than those the buildings list: the figure is wrong, and
     * 7066.7 % had been shown) */
    s->enterprise_share = f->enterprises_registered > 0 &&
                                  s->enterprises_in_buildings <= f->enterprises_registered
                              ? (double)s->enterprises_in_buildings / f->enterprises_registered
                              : -1;
    s->tax_q1_2011_cny = f->tax_q1_2011_cny;
    s->new_enterprises_q1_2011 = f->new_enterprises_q1_2011;
}

size_t ly_stats_industries(const ly_district *d, const char **names, size_t *counts, size_t max)
{
    return ly_stats_industries_of(d, 0, d->n_enterprises, names, counts, max);
}

size_t ly_stats_industries_of(const ly_district *d, size_t first, size_t count,
                              const char **names, size_t *counts, size_t max)
{
    enum { KINDS = 64 };
    const char *seen[KINDS];
    size_t n[KINDS], k = 0;
    for (size_t i = first; i < first + count && i < d->n_enterprises; i++) {
        const char *ind = d->enterprises[i].industry;
        if (!ind || !*ind)
            continue;
        size_t j = 0;
        while (j < k && strcmp(seen[j], ind))
            j++;
        if (j == k && k < KINDS)
            seen[k] = ind, n[k++] = 0;
        if (j < k)
            n[j]++;
    }
    /* an insertion sort that keeps ties in the order seen (a handful of industries) */
    for (size_t a = 1; a < k; a++)
        for (size_t b = a; b > 0 && n[b] > n[b - 1]; b--) {
            size_t tn = n[b];
            n[b] = n[b - 1], n[b - 1] = tn;
            const char *ts = seen[b];
            seen[b] = seen[b - 1], seen[b - 1] = ts;
        }
    k = k < max ? k : max;
    for (size_t i = 0; i < k; i++)
        names[i] = seen[i], counts[i] = n[i];
    return k;
}
