#include "louyu/district.h"
#include "louyu/week.h"
#include "vocab.h"

#include <math.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ly_district_unload(ly_district *d)
{
    if (!d)
        return;
    free(d->source);
    free(d->meta.illustrative);
    free(d->buildings);
    free(d->features);
    free(d->points);
    free(d->point_z);
    free(d->faces);
    free(d->rings);
    free(d->polygons);
    free(d->lines);
    free(d->floor_heights);
    free(d->records);
    free(d->enterprises);
    free(d->enterprise_floors);
    free(d->names);
    free(d->weeks);
    free(d->week_vacant);
    free(d->week_record_rent);
    free(d->week_rent);
    free(d->week_reported);
    ly_arena_deinit(&d->arena);
    memset(d, 0, sizeof *d);
}

void ly_district_set_week(ly_district *d, size_t i)
{
    if (i >= d->n_weeks)
        return;
    d->week = i;
    const double *v = d->week_vacant + i * d->n_records;
    const double *rr = d->week_record_rent + i * d->n_records;
    for (size_t r = 0; r < d->n_records; r++) {
        d->records[r].vacant_m2 = v[r];
        d->records[r].rent_cny_m2_day = rr[r];
    }
    const double *rent = d->week_rent + i * d->n_buildings;
    for (size_t b = 0; b < d->n_buildings; b++)
        d->buildings[b].rent_cny_m2_day = rent[b];
}

const char *ly_district_date(const ly_district *d, char *buf, size_t n)
{
    long monday;
    if (d->n_weeks && d->week < d->n_weeks && ly_week_monday(d->weeks[d->week], &monday)) {
        int y, m, dd;
        ly_date_from_days(monday + 4, &y, &m, &dd);
        snprintf(buf, n, "%04d-%02d-%02d", y, m, dd);
    } else {
        snprintf(buf, n, "%s", d->meta.data_date ? d->meta.data_date : "");
    }
    return buf;
}

int ly_district_data_year(const ly_district *d)
{
    char date[16];
    const char *s = ly_district_date(d, date, sizeof date);
    int y = 0;
    for (int i = 0; s && i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
        y = y * 10 + (s[i] - '0');
    return y >= 1000 ? y : 0;
}

double ly_building_vacant_in_week(const ly_district *d, const ly_building *b, size_t i)
{
    double sum = 0;
    for (uint32_t r = b->first_record; r < b->first_record + b->n_records; r++)
        sum += i < d->n_weeks ? d->week_vacant[i * d->n_records + r] : d->records[r].vacant_m2;
    return sum;
}

const char *ly_height_text(double m, char *buf, size_t n)
{
    double tenths = round(m * 10) / 10; /* (237.96 is "238", not "238.0") */
    snprintf(buf, n, tenths == round(tenths) ? "%.0f" : "%.1f", tenths);
    return buf;
}

int ly_district_week_against(const ly_district *d, size_t i)
{
    if (!i || i >= d->n_weeks)
        return 0;
    int before = d->weeks[i - 1];
    return before == ly_week_prev(d->weeks[i]) ? 0 : before;
}

bool ly_polygon_contains(const ly_district *d, const double *pts, const ly_polygon *pg,
                         double x, double y)
{
    bool in = false;
    for (uint32_t r = 0; r < pg->n_rings; r++) {
        const ly_ring *rg = &d->rings[pg->first_ring + r];
        const double *p = pts + 2 * (size_t)rg->first_point;
        for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points; j = i++) {
            double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
        }
    }
    return in;
}

long ly_district_find(const ly_district *d, const char *id)
{
    if (!id)
        return -1;
    for (size_t i = 0; i < d->n_buildings; i++)
        if (strcmp(d->buildings[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* Whether a name of the data is `key` (full-width forms as ASCII, as key has them). */
static bool same_name(const char *name, const char *key, bool any_case)
{
    if (!name)
        return false;
    char buf[512];
    const char *f = ly_ascii_forms(name, buf, sizeof buf);
    return any_case ? !strcasecmp(f, key) : !strcmp(f, key);
}

/* text as a name is compared: full-width forms as ASCII (what an input method types:
 * Ｈｉｓｅｎｓｅ, the ideographic space), blanks at either end aside; NULL: no memory. */
static char *name_key(const char *text)
{
    size_t len = strlen(text);
    char *key = malloc(len + 1);
    if (!key)
        return NULL;
    if (ly_ascii_forms(text, key, len + 1) == text) /* (the ASCII forms are never longer) */
        memcpy(key, text, len + 1);
    char *k = key;
    while (*k == ' ' || *k == '\t')
        k++;
    size_t n = strlen(k);
    while (n && (k[n - 1] == ' ' || k[n - 1] == '\t'))
        n--;
    memmove(key, k, n);
    key[n] = '\0';
    return key;
}

size_t ly_district_all_named(const ly_district *d, const char *text, long *out, size_t cap)
{
    char *key = text ? name_key(text) : NULL;
    size_t n = 0;
    for (size_t i = 0; key && *key && i < d->n_buildings; i++) {
        const ly_building *x = &d->buildings[i];
        if (same_name(x->name, key, false) || same_name(x->name_en, key, true) ||
            same_name(x->alias, key, false)) {
            if (n < cap)
                out[n] = (long)i;
            n++;
        }
    }
    free(key);
    return n;
}

long ly_district_find_named(const ly_district *d, const char *text)
{
    char *key = text ? name_key(text) : NULL;
    long b = key && *key ? ly_district_find(d, key) : -1;
    free(key);
    if (b >= 0 || !text)
        return b;
    long one;
    size_t n = ly_district_all_named(d, text, &one, 1);
    return n == 1 ? one : n > 1 ? -2 : -1; /* (two of that name: the id tells them apart) */
}

double ly_building_mid_lon(const ly_building *b)
{
    double lon = 0.5 * (b->lon_min + b->lon_max);
    if (b->lon_max - b->lon_min > 180) {
        lon += 180;
        lon = lon > 180 ? lon - 360 : lon;
    }
    return lon;
}

double ly_building_floor_base(const ly_district *d, const ly_building *b, int floor)
{
    if (floor <= 1)
        return 0.0;
    if (floor > b->floors + 1)
        floor = b->floors + 1;
    double z = 0.0;
    const float *h = d->floor_heights + b->first_floor_height;
    for (int i = 0; i < floor - 1; i++)
        z += h[i];
    return z;
}

const char *ly_building_name(const ly_building *b, ly_lang lang)
{
    const char *first = lang == LY_LANG_EN ? b->name_en : b->name;
    const char *other = lang == LY_LANG_EN ? b->name : b->name_en;
    return first ? first : other ? other : b->alias;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

bool ly_names_same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    while (is_blank(*a))
        a++;
    while (is_blank(*b))
        b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && is_blank(a[na - 1]))
        na--;
    while (nb && is_blank(b[nb - 1]))
        nb--;
    return na == nb && strncasecmp(a, b, na) == 0;
}

const char *ly_name_second(const char *first, const char *second)
{
    return second && !ly_names_same(first, second) ? second : NULL;
}

const char *ly_building_other_name(const ly_building *b, ly_lang lang)
{
    const char *first = lang == LY_LANG_EN ? b->name_en : b->name;
    const char *other = lang == LY_LANG_EN ? b->name : b->name_en;
    return first ? ly_name_second(first, other) : NULL;
}

const char *ly_building_title(const ly_building *b, ly_lang lang, char *buf, size_t n)
{
    const char *name = ly_building_name(b, lang);
    if (name)
        return name;
    const char *addr = lang == LY_LANG_EN && b->address_en ? b->address_en : b->address;
    if (addr)
        return addr;
    snprintf(buf, n, "%s %s", ly_building_type_name(b->type, lang), b->id ? b->id : "");
    return buf;
}

double ly_floor_rent(const ly_building *b, const ly_floor_record *r, bool *to_be_agreed)
{
    double own = r->rent_cny_m2_day;
    if (to_be_agreed)
        *to_be_agreed = own < 0;
    return own > 0 ? own : own < 0 || b->rent_cny_m2_day <= 0 ? -1 : b->rent_cny_m2_day;
}

double ly_floor_card_rent(const ly_building *b, const ly_floor_record *record, bool *agreed)
{
    *agreed = false;
    if (!record || !ly_floor_has_space(record))
        return -1;
    return ly_floor_rent(b, record, agreed);
}

ly_rent_span ly_building_rent_span(const ly_building *b, const ly_floor_record *records)
{
    ly_rent_span s = {INFINITY, 0, false};
    bool space = false;
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &records[i];
        bool tba;
        double x = ly_floor_card_rent(b, r, &tba);
        if (!ly_floor_has_space(r))
            continue;
        space = true;
        if (x > 0)
            s.lo = fmin(s.lo, x), s.hi = fmax(s.hi, x);
        s.agreed |= tba;
    }
    /* (not where all its space is to be agreed: its own is then an earlier week's) */
    if (!space && b->rent_cny_m2_day > 0)
        s.lo = s.hi = b->rent_cny_m2_day;
    if (s.hi <= 0)
        s.lo = s.hi = -1;
    return s;
}

ly_rent_span ly_building_rent_span_with(const ly_district *d, const ly_building *b, double own,
                                        const double *vacant, const double *rent)
{
    ly_building at = *b;
    at.rent_cny_m2_day = own;
    ly_floor_record *recs = malloc((b->n_records + 1) * sizeof *recs);
    if (!recs)
        return (ly_rent_span){-1, -1, false};
    for (uint32_t r = 0; r < b->n_records; r++) {
        recs[r] = d->records[b->first_record + r];
        recs[r].vacant_m2 = vacant[r];
        recs[r].rent_cny_m2_day = rent[r];
    }
    ly_rent_span s = ly_building_rent_span(&at, recs);
    free(recs);
    return s;
}

ly_rent_span ly_building_rent_span_in_week(const ly_district *d, const ly_building *b, size_t i)
{
    if (i >= d->n_weeks)
        return ly_building_rent_span(b, d->records + b->first_record);
    size_t first = i * d->n_records + b->first_record;
    return ly_building_rent_span_with(d, b,
                                      d->week_rent[i * d->n_buildings + (size_t)(b - d->buildings)],
                                      d->week_vacant + first, d->week_record_rent + first);
}

double ly_rent_cents(double rent)
{
    char t[64];
    snprintf(t, sizeof t, "%.2f", rent);
    return strtod(t, NULL);
}

bool ly_rent_span_same(ly_rent_span a, ly_rent_span b)
{
    return a.agreed == b.agreed && ly_rent_cents(a.lo) == ly_rent_cents(b.lo) &&
           ly_rent_cents(a.hi) == ly_rent_cents(b.hi);
}

bool ly_rent_span_text(ly_rent_span s, const char *unit, const char *agreed, char *buf, size_t n)
{
    int at = 0;
    buf[0] = '\0';
    if (s.hi > s.lo)
        at = snprintf(buf, n, "%.2f–%.2f %s", s.lo, s.hi, unit);
    else if (s.hi > 0)
        at = snprintf(buf, n, "%.2f %s", s.hi, unit);
    if (s.agreed && at >= 0 && (size_t)at < n)
        snprintf(buf + at, n - (size_t)at, "%s%s", at ? " · " : "", agreed);
    return buf[0] != '\0';
}

bool ly_building_rent_text(const ly_district *d, const ly_building *b, const char *unit,
                           const char *agreed, char *buf, size_t n)
{
    return ly_rent_span_text(ly_building_rent_span(b, d->records + b->first_record), unit,
                             agreed, buf, n);
}

const char *ly_rent_doubt(double rent)
{
    if (rent == 0)
        return "read as no rent given (expected the asking rent in CNY per m² per day, above 0; "
               "leave it out when there is none)";
    if (rent < LY_RENT_MIN || rent > LY_RENT_MAX)
        return "expected the asking rent in CNY per m² per day, from 0.1 to 50 (is it a "
               "month's or a year's rent?); read as it is";
    return NULL;
}

const char *ly_floor_use_name(ly_floor_use use)
{
    static const char *n[LY_USE_COUNT] = {"office", "retail",  "hotel", "residential",
                                          "parking", "plant", "mixed", "other"};
    return (unsigned)use < LY_USE_COUNT ? n[use] : "?";
}

const char *ly_kind_name(ly_kind kind)
{
    static const char *n[LY_KIND_COUNT] = {"building", "road", "park",   "water",
                                           "boundary", "poi",  "camera", "land_use"};
    return (unsigned)kind < LY_KIND_COUNT ? n[kind] : "?";
}

const char *ly_poi_category_name(ly_poi_category c)
{
    static const char *n[LY_POI_COUNT] = {
        "metro",    "bus",      "bank",   "hotel", "restaurant",   "parking",
        "government", "landmark", "hospital", "school", "park", "red_clubhouse"};
    return (unsigned)c < LY_POI_COUNT ? n[c] : "?";
}

const char *ly_road_class_name(ly_road_class c)
{
    static const char *n[LY_ROAD_COUNT] = {"primary", "secondary", "tertiary", "residential",
                                           "footway"};
    return (unsigned)c < LY_ROAD_COUNT ? n[c] : "?";
}

const char *ly_water_type_name(ly_water_type t)
{
    static const char *n[LY_WATER_COUNT] = {"sea", "lake", "river"};
    return (unsigned)t < LY_WATER_COUNT ? n[t] : "?";
}

const char *ly_status_name(ly_building_status s)
{
    return s == LY_STATUS_UNDER_CONSTRUCTION ? "under_construction" : "completed";
}
