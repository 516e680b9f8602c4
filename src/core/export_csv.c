/* The building stock as CSV (see export.h). */
#include "louyu/export.h"
#include "louyu/stats.h"
#include "louyu/strings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the columns: the string table's runs LY_S_CSV_ID ... LY_S_CSV_LAT (a building) and
 * LY_S_CSV_F_BUILDING_ID ... LY_S_CSV_F_RENT_TO_BE_AGREED (a floor) */
enum {
    B_COLS = LY_S_CSV_LAT - LY_S_CSV_ID + 1,
    F_COLS = LY_S_CSV_F_RENT_TO_BE_AGREED - LY_S_CSV_F_BUILDING_ID + 1
};

/* The header's cells: the string table's LY_S_CSV_* entries, in the columns' order. */
static void head(ly_buf *out, ly_string_id first, int n, ly_lang lang)
{
    for (int i = 0; i < n; i++) {
        if (i)
            ly_buf_put(out, ",");
        ly_buf_csv(out, ly_str((ly_string_id)(first + i), lang));
    }
    ly_buf_put(out, "\r\n");
}

/* A figure with `digits` decimals, or an empty cell when it is unknown (< 0, or
 * not finite). Figures are written by louyu and never start a formula. */
static void num(ly_buf *out, double v, int digits)
{
    ly_buf_put(out, ",");
    if (v >= 0 && isfinite(v))
        ly_buf_printf(out, "%.*f", digits, v == 0 ? 0.0 : v); /* (no "-0.00") */
}

static void text(ly_buf *out, const char *s)
{
    ly_buf_put(out, ",");
    ly_buf_csv(out, s);
}

void ly_export_industries(const ly_district *d, const ly_building *b, ly_lang lang, ly_buf *out)
{
    bool any = false;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const char *k = d->enterprises[b->first_enterprise + i].industry;
        bool seen = !k;
        for (uint32_t j = 0; j < i && !seen; j++) {
            const char *o = d->enterprises[b->first_enterprise + j].industry;
            seen = o && !strcmp(o, k);
        }
        if (seen)
            continue;
        if (any)
            ly_buf_put(out, "; ");
        ly_buf_put(out, ly_industry_name(k, lang));
        any = true;
    }
}

void ly_export_figures_of(const ly_district *d, const ly_building *b, ly_export_figures *f)
{
    /* the area to let and its vacancy as the card and the stats count them (plant and
     * parking floors not let, under 1 m² vacant let): an export had given another rate */
    double area = 0, vacant = 0;
    ly_building_occupancy(d, b, &area, &vacant);
    bool recorded = b->n_records > 0 && area > 0;
    *f = (ly_export_figures){
        .year = b->year > 0 ? b->year : -1,
        .floors = b->floors > 0 ? b->floors : -1,
        .enterprises = (int)b->n_enterprises,
        .height_m = b->height_m,
        .floor_area_m2 = b->gfa_m2 > 0 ? b->gfa_m2 : -1,
        .recorded_m2 = recorded ? area : -1,
        .vacant_m2 = recorded ? vacant : -1,
        .occupancy = recorded ? 1 - vacant / area : -1,
        .rent_cny_m2_day = b->rent_cny_m2_day,
        .tax_2010_cny = b->tax_2010_cny,
    };
}

/* A building's status and a floor's use as the header's language names them: the data's
 * own keys in English ("completed", "retail"), as before; in Chinese the words of the
 * card and the portal (已建成, 商业), not English cells under a Chinese header. */
static const char *status_cell(ly_building_status s, ly_lang lang)
{
    if (lang == LY_LANG_EN) return ly_status_name(s);
    return ly_str(s == LY_STATUS_UNDER_CONSTRUCTION ? LY_S_UNDER_CONSTRUCTION : LY_S_COMPLETED,
                  lang);
}

static const char *use_cell(ly_floor_use use, ly_lang lang)
{
    if (lang == LY_LANG_EN) return ly_floor_use_name(use);
    return ly_str((ly_string_id)(LY_S_USE_OFFICE + use), lang);
}

static void building_row(ly_buf *out, const ly_district *d, const ly_building *b, ly_lang lang)
{
    ly_export_figures f;
    ly_export_figures_of(d, b, &f);
    ly_buf_csv(out, b->id);
    text(out, b->name);
    text(out, b->name_en);
    text(out, b->address);
    text(out, b->address_en);
    text(out, status_cell(b->status, lang));
    num(out, f.year, 0);
    num(out, f.height_m, 1);
    num(out, f.floors, 0);
    num(out, f.floor_area_m2, 1);
    num(out, f.recorded_m2, 1);
    num(out, f.vacant_m2, 1);
    num(out, f.occupancy, 3);
    /* what its floors with space to let ask, as its card and the portal say it */
    ly_rent_span rent = ly_building_rent_span(b, d->records + b->first_record);
    num(out, rent.lo, 2);
    num(out, rent.hi, 2);
    ly_buf_put(out, rent.agreed ? ",1" : ",0");
    num(out, f.enterprises, 0);
    num(out, f.tax_2010_cny, 0);
    ly_buf list = {0};
    ly_export_industries(d, b, lang, &list);
    text(out, list.len ? list.p : NULL);
    out->failed |= list.failed;
    ly_buf_free(&list);
    /* the middle of its extent: a coordinate, which may be negative (a number, not text);
     * none for a file with no place on the earth (CityJSON in local metres) */
    double lon = ly_building_mid_lon(b);
    if (d->meta.local_crs)
        ly_buf_put(out, ",,");
    else
        ly_buf_printf(out, ",%.6f,%.6f", lon, 0.5 * (b->lat_min + b->lat_max));
    ly_buf_put(out, "\r\n");
}

/* Enterprises with building b's floor `floor` among theirs. */
static int enterprises_on(const ly_district *d, const ly_building *b, int floor)
{
    int n = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        for (uint32_t k = 0; k < e->n_floors; k++)
            if (d->enterprise_floors[e->first_floor + k] == floor) {
                n++;
                break;
            }
    }
    return n;
}

/* Rounding each figure alone, three floors of 33.35 m² had written 100.2 m² beside a
 * building row of 100.1 m²: each is rounded down, and the units still missing go to those
 * with the largest remainders. */
void ly_round_to_add_up(const double *v, size_t n, double per_unit, long total, long *out)
{
    double sum = 0;
    long floors = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = v[i] >= 0 && isfinite(v[i]) ? (long)floor(v[i] * per_unit) : -1;
        if (out[i] >= 0) {
            sum += v[i];
            floors += out[i];
        }
    }
    for (long missing = (total >= 0 ? total : lround(sum * per_unit)) - floors; missing > 0;
         missing--) {
        size_t best = n;
        double most = -1;
        for (size_t i = 0; i < n; i++) {
            double rest = out[i] >= 0 ? v[i] * per_unit - (double)out[i] : -1;
            /* (one that has taken its unit has a remainder below 0: never again) */
            if (rest > 0 && rest > most) {
                most = rest;
                best = i;
            }
        }
        if (best == n)
            break;
        out[best]++;
    }
}

/* The floors' figures (vacant or area) in tenths of a m², as the CSV writes them, adding
 * up to the building row's. That row leaves the plant and parking floors out of the area to
 * let, so the floors to let are rounded among themselves and those floors apart (`part`:
 * n more longs of room). */
static void tenths_that_add_up(const ly_floor_record *rec, size_t n, bool vacant, double *tmp,
                               long *part, long *out)
{
    for (int service = 0; service < 2; service++) {
        for (size_t i = 0; i < n; i++)
            tmp[i] = ly_floor_is_service(&rec[i]) != service ? -1
                     : vacant                               ? rec[i].vacant_m2
                                                            : rec[i].area_m2;
        ly_round_to_add_up(tmp, n, 10, -1, part);
        for (size_t i = 0; i < n; i++)
            if (ly_floor_is_service(&rec[i]) == service)
                out[i] = part[i];
    }
}

static void floor_rows(ly_buf *out, const ly_district *d, const ly_building *b, ly_lang lang)
{
    char title[160];
    const char *name = ly_building_title(b, lang, title, sizeof title);
    const ly_floor_record *rec = &d->records[b->first_record];
    long *area = malloc((b->n_records ? b->n_records : 1) * 3 * sizeof *area);
    long *vacant = area ? area + b->n_records : NULL;
    double *tmp = malloc((b->n_records ? b->n_records : 1) * sizeof *tmp);
    if (area && tmp) {
        tenths_that_add_up(rec, b->n_records, false, tmp, area + 2 * b->n_records, area);
        tenths_that_add_up(rec, b->n_records, true, tmp, area + 2 * b->n_records, vacant);
    } else { /* (out of memory: each rounded alone) */
        free(area);
        area = vacant = NULL;
    }
    free(tmp);
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        ly_buf_csv(out, b->id);
        text(out, name);
        ly_buf_printf(out, ",%d", r->floor);
        text(out, use_cell(r->use, lang));
        num(out, area ? (double)area[i] / 10 : r->area_m2, 1);
        num(out, vacant ? (double)vacant[i] / 10 : r->vacant_m2, 1);
        /* a plant or parking floor is not let at all: no occupancy and no rent, as the
         * stats, the card and the portal have it (it had been 1.000 let at the building's
         * rent, and a sheet's sum over the floors another occupancy than louyu stats) */
        bool service = ly_floor_is_service(r);
        num(out, r->area_m2 > 0 && !service ? 1 - r->vacant_m2 / r->area_m2 : -1, 3);
        num(out, enterprises_on(d, b, r->floor), 0);
        bool agreed = false;
        /* (empty: to be agreed, or unknown) */
        num(out, service ? -1 : ly_floor_rent(b, r, &agreed), 2);
        ly_buf_put(out, agreed ? ",1" : ",0");
        ly_buf_put(out, "\r\n");
    }
    free(area);
}

void ly_export_csv(const ly_district *d, const ly_export_csv_desc *desc, ly_buf *out)
{
    ly_lang lang = desc->lang < LY_LANG_COUNT ? desc->lang : LY_LANG_EN;
    ly_buf_csv_start(out);
    if (desc->floors)
        head(out, LY_S_CSV_F_BUILDING_ID, F_COLS, lang);
    else
        head(out, LY_S_CSV_ID, B_COLS, lang);
    size_t n = desc->select ? desc->n_select : d->n_buildings;
    for (size_t i = 0; i < n; i++) {
        size_t bi = desc->select ? (size_t)desc->select[i] : i;
        if (bi >= d->n_buildings)
            continue;
        if (desc->floors)
            floor_rows(out, d, &d->buildings[bi], lang);
        else
            building_row(out, d, &d->buildings[bi], lang);
    }
}

int ly_export_select(const ly_district *d, const char *ids, long **out, size_t *n, char *err,
                     size_t err_len)
{
    *out = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *c = ids; *c; c++)
        cap += *c == ',';
    long *sel = malloc(cap * sizeof *sel);
    char *copy = strdup(ids);
    if (!sel || !copy) {
        free(sel);
        free(copy);
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    size_t k = 0;
    for (char *save = NULL, *id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
        while (*id == ' ')
            id++;
        size_t len = strlen(id);
        while (len && id[len - 1] == ' ')
            id[--len] = '\0';
        if (!len)
            continue;
        /* an id, or a name as info and the reports take one */
        long b = ly_district_find_named(d, id);
        if (b < 0) {
            if (b == -2)
                snprintf(err, err_len, "two or more buildings are named '%s': expected their "
                         "ids (louyu info lists them)", id);
            else
                snprintf(err, err_len, "no building has the id or name '%s'", id);
            free(sel);
            free(copy);
            return -1;
        }
        bool dup = false;
        for (size_t j = 0; j < k && !dup; j++)
            dup = sel[j] == b;
        if (!dup)
            sel[k++] = b;
    }
    free(copy);
    *out = sel;
    *n = k;
    return 0;
}
