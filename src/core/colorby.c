#include "louyu/colorby.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Viridis at nine even stops (sRGB); lightness rises monotonically. */
static const uint8_t VIRIDIS[9][3] = {
    {68, 1, 84},    {71, 45, 123},  {59, 82, 139},  {44, 114, 142}, {33, 145, 140},
    {39, 173, 129}, {92, 200, 99},  {170, 220, 50}, {253, 231, 37},
};
/* Okabe & Ito's colour-blind-safe categorical palette (black left out). */
static const uint8_t OKABE_ITO[7][3] = {
    {230, 159, 0}, {86, 180, 233}, {0, 158, 115}, {240, 228, 66},
    {0, 114, 178}, {213, 94, 0},   {204, 121, 167},
};
static const uint8_t NO_DATA[3] = {214, 212, 206};

void ly_colorby_ramp(double t, uint8_t rgb[3])
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double x = t * 8;
    int i = (int)x;
    if (i >= 8)
        i = 7;
    double f = x - i;
    for (int k = 0; k < 3; k++)
        rgb[k] = (uint8_t)lround(VIRIDIS[i][k] + f * (VIRIDIS[i + 1][k] - VIRIDIS[i][k]));
}

double ly_color_lightness(const uint8_t rgb[3])
{
    double lin[3];
    for (int k = 0; k < 3; k++) {
        double c = rgb[k] / 255.0;
        lin[k] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
    }
    double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    return y > 216.0 / 24389.0 ? 116 * cbrt(y) - 16 : y * 24389.0 / 27.0;
}

static const char *const KEYS[LY_COLOR_MODES] = {"none",     "occupancy", "vacant", "enterprises",
                                                 "tax",      "industry",  "age",    "height",
                                                 "change"};

int ly_color_mode_parse(const char *s)
{
    for (int i = 0; s && i < LY_COLOR_MODES; i++)
        if (!strcmp(s, KEYS[i]))
            return i;
    return -1;
}

const char *ly_color_mode_key(ly_color_mode m)
{
    return (unsigned)m < LY_COLOR_MODES ? KEYS[m] : "?";
}

const char *ly_color_mode_title(ly_color_mode m, ly_lang lang)
{
    /* the modes' titles are in ly_color_mode order in the string table */
    return (unsigned)m < LY_COLOR_MODES ? ly_str((ly_string_id)(LY_S_COLOR_PLAIN + m), lang) : "?";
}

void ly_colorby_deinit(ly_colorby *cb)
{
    if (!cb)
        return;
    free(cb->class_of);
    free(cb->value);
    memset(cb, 0, sizeof *cb);
}

/* The value of building b for a numeric mode, or NAN. */
static double value_of(const ly_district *d, const ly_building *b, ly_color_mode m)
{
    double area, vacant, occ;
    switch (m) {
    case LY_COLOR_OCCUPANCY:
        occ = ly_building_occupancy(d, b, &area, &vacant);
        return occ >= 0 ? 100 * occ : NAN;
    case LY_COLOR_VACANT_AREA:
        occ = ly_building_occupancy(d, b, &area, &vacant);
        return occ >= 0 ? vacant : NAN;
    case LY_COLOR_ENTERPRISES:
        /* a building with occupancy data or enterprises has a count; else unknown */
        return b->n_enterprises || b->n_records ? (double)b->n_enterprises : NAN;
    case LY_COLOR_TAX:
        return b->tax_2010_cny >= 0 ? b->tax_2010_cny / 1e6 : NAN;
    case LY_COLOR_AGE:
        return b->year > 0 ? b->year : NAN;
    case LY_COLOR_HEIGHT:
        return b->height_m;
    default:
        return NAN;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Rounds a break to 1, 2 or 5 times a power of ten below its magnitude, so
 * legends read "10 000" rather than "9 873.4". */
static double nice(double v)
{
    if (v == 0 || !isfinite(v))
        return v;
    double p = pow(10, floor(log10(fabs(v))) - 1);
    return round(v / p) * p;
}

static void format_value(ly_color_mode m, double v, char *buf, size_t n)
{
    char g[32];
    if (m == LY_COLOR_AGE) {
        snprintf(buf, n, "%.0f", v);
        return;
    }
    if (fabs(v) >= 1000) {
        ly_format_grouped(v, g, sizeof g);
        snprintf(buf, n, "%s", g);
    } else if (fabs(v) >= 10) {
        snprintf(buf, n, "%.0f", v);
    } else {
        snprintf(buf, n, "%.2g", v);
    }
}

static int numeric(ly_colorby *cb, const ly_district *d, ly_color_mode m)
{
    size_t n = d->n_buildings, nv = 0;
    double *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return -1;
    for (size_t i = 0; i < n; i++) {
        cb->value[i] = value_of(d, &d->buildings[i], m);
        if (isfinite(cb->value[i]))
            sorted[nv++] = cb->value[i];
    }
    qsort(sorted, nv, sizeof *sorted, cmp_double);
    /* few distinct values: one class each */
    size_t distinct = nv ? 1 : 0;
    for (size_t i = 1; i < nv; i++)
        distinct += sorted[i] != sorted[i - 1];
    if (distinct && distinct <= 5) {
        cb->n_classes = 0;
        for (size_t i = 0; i < nv; i++) {
            if (i && sorted[i] == sorted[i - 1])
                continue;
            ly_colorby_class *k = &cb->classes[cb->n_classes];
            k->lo = k->hi = sorted[i];
            format_value(m, k->lo, k->label, sizeof k->label);
            cb->n_classes++;
        }
        for (int c = 0; c < cb->n_classes; c++)
            ly_colorby_ramp(cb->n_classes > 1 ? (double)c / (cb->n_classes - 1) : 0.5,
                            cb->classes[c].rgb);
        goto assign;
    }
    /* breaks at the quintiles, rounded, strictly increasing */
    double br[LY_COLORBY_MAX_CLASSES + 1];
    int nb = 0;
    if (nv) {
        br[nb++] = sorted[0];
        for (int q = 1; q < 5; q++) {
            double v = sorted[(size_t)((double)q / 5 * (nv - 1) + 0.5)];
            /* (years as they are: two figures would make 1995 and 2004 both 2000) */
            double b = m == LY_COLOR_AGE ? round(v) : nice(v);
            if (b > br[nb - 1] && b < sorted[nv - 1])
                br[nb++] = b;
        }
        br[nb++] = sorted[nv - 1];
        if (nb == 2 && br[0] == br[1])
            nb = 2; /* one value: a single class */
    }
    cb->n_classes = nv ? nb - 1 : 0;
    if (cb->n_classes < 1 && nv)
        cb->n_classes = 1;
    for (int c = 0; c < cb->n_classes; c++) {
        ly_colorby_class *k = &cb->classes[c];
        k->lo = br[c];
        k->hi = nb > c + 1 ? br[c + 1] : br[c];
        ly_colorby_ramp(cb->n_classes > 1 ? (double)c / (cb->n_classes - 1) : 0.5, k->rgb);
        char a[32], b[32];
        /* a class holds lo up to the next one's lo: in whole years, up to the year before */
        double shown_hi = m == LY_COLOR_AGE && c + 1 < cb->n_classes ? k->hi - 1 : k->hi;
        format_value(m, k->lo, a, sizeof a);
        format_value(m, shown_hi, b, sizeof b);
        if (k->lo >= shown_hi)
            snprintf(k->label, sizeof k->label, "%s", a);
        else
            snprintf(k->label, sizeof k->label, "%s – %s", a, b);
    }
assign:
    for (size_t i = 0; i < n; i++) {
        double v = cb->value[i];
        if (!isfinite(v)) {
            cb->class_of[i] = -1;
            continue;
        }
        int c = 0;
        while (c + 1 < cb->n_classes && v >= cb->classes[c + 1].lo)
            c++;
        cb->class_of[i] = c;
        cb->classes[c].count++;
    }
    free(sorted);
    return 0;
}

/* Vacant m² since the week before: let (blue) on the left, vacated (orange) on the
 * right, little change in the middle; no data without a week before. */
static void change(ly_colorby *cb, const ly_district *d, ly_lang lang)
{
    static const uint8_t RGB[5][3] = {
        {0, 90, 160}, {100, 170, 220}, {236, 236, 230}, {240, 170, 80}, {200, 85, 0}};
    static const double LO[5] = {-INFINITY, -1000, -100, 100, 1000};
    static const double HI[5] = {-1000, -100, 100, 1000, INFINITY};
    cb->n_classes = 5;
    for (int c = 0; c < 5; c++) {
        ly_colorby_class *k = &cb->classes[c];
        memcpy(k->rgb, RGB[c], 3);
        k->lo = LO[c];
        k->hi = HI[c];
        char v[40];
        if (c == 2)
            snprintf(k->label, sizeof k->label, "%s", ly_str(LY_S_CHANGE_LITTLE, lang));
        else {
            snprintf(v, sizeof v, c == 0 || c == 4 ? "\xe2\x89\xa5 1,000" : "100 \xe2\x80\x93 1,000");
            snprintf(k->label, sizeof k->label, ly_str(c < 2 ? LY_S_CHANGE_LET : LY_S_CHANGE_VACATED, lang), v);
        }
    }
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        cb->class_of[i] = -1;
        cb->value[i] = NAN;
        if (!b->n_records || d->week == 0 || d->week >= d->n_weeks)
            continue;
        double v = ly_building_vacant_in_week(d, b, d->week) -
                   ly_building_vacant_in_week(d, b, d->week - 1);
        int c = v < -1000 ? 0 : v <= -100 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : 4;
        cb->value[i] = v;
        cb->class_of[i] = c;
        cb->classes[c].count++;
    }
}

static int categorical(ly_colorby *cb, const ly_district *d, ly_lang lang)
{
    /* the most common industry of each building's enterprises */
    const char *seen[64];
    size_t total[64] = {0};
    int n_seen = 0;
    const char **dom = calloc(d->n_buildings ? d->n_buildings : 1, sizeof *dom);
    if (!dom)
        return -1;
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        const char *best = NULL;
        size_t best_n = 0;
        for (uint32_t e = 0; e < b->n_enterprises; e++) {
            const char *ind = d->enterprises[b->first_enterprise + e].industry;
            if (!ind)
                continue;
            size_t cnt = 0;
            for (uint32_t f = 0; f < b->n_enterprises; f++) {
                const char *o = d->enterprises[b->first_enterprise + f].industry;
                cnt += o && !strcmp(o, ind);
            }
            if (cnt > best_n || (cnt == best_n && best && strcmp(ind, best) < 0)) {
                best = ind;
                best_n = cnt;
            }
        }
        dom[i] = best;
        cb->value[i] = NAN;
        if (!best)
            continue;
        int k = 0;
        while (k < n_seen && strcmp(seen[k], best))
            k++;
        if (k == n_seen && n_seen < 64)
            seen[n_seen++] = best;
        if (k < 64)
            total[k]++;
    }
    /* the largest groups get their own colour; the rest share "other" */
    int order[64];
    for (int k = 0; k < n_seen; k++)
        order[k] = k;
    for (int a = 1; a < n_seen; a++)
        for (int b = a; b > 0 && (total[order[b]] > total[order[b - 1]] ||
                                  (total[order[b]] == total[order[b - 1]] &&
                                   strcmp(seen[order[b]], seen[order[b - 1]]) < 0));
             b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    int own = n_seen <= 7 ? n_seen : 6;
    cb->n_classes = own + (n_seen > own ? 1 : 0);
    for (int c = 0; c < own; c++) {
        memcpy(cb->classes[c].rgb, OKABE_ITO[c], 3);
        snprintf(cb->classes[c].label, sizeof cb->classes[c].label, "%s",
                 ly_industry_name(seen[order[c]], lang));
    }
    if (n_seen > own) {
        static const uint8_t OTHER[3] = {150, 150, 150};
        memcpy(cb->classes[own].rgb, OTHER, 3);
        snprintf(cb->classes[own].label, sizeof cb->classes[own].label, "%s",
                 ly_str(LY_S_OTHER_INDUSTRIES, lang));
    }
    for (size_t i = 0; i < d->n_buildings; i++) {
        cb->class_of[i] = -1;
        if (!dom[i])
            continue;
        int c = own < cb->n_classes ? own : -1;
        for (int k = 0; k < own; k++)
            if (!strcmp(seen[order[k]], dom[i]))
                c = k;
        cb->class_of[i] = c;
        if (c >= 0)
            cb->classes[c].count++;
    }
    free(dom);
    return 0;
}

int ly_colorby_compute(ly_colorby *cb, const ly_district *d, ly_color_mode mode, ly_lang lang)
{
    memset(cb, 0, sizeof *cb);
    cb->mode = mode;
    cb->n = d->n_buildings;
    cb->class_of = malloc((cb->n ? cb->n : 1) * sizeof *cb->class_of);
    cb->value = malloc((cb->n ? cb->n : 1) * sizeof *cb->value);
    if (!cb->class_of || !cb->value) {
        ly_colorby_deinit(cb);
        return -1;
    }
    int rc = 0;
    if (mode == LY_COLOR_INDUSTRY)
        rc = categorical(cb, d, lang);
    else if (mode == LY_COLOR_CHANGE)
        change(cb, d, lang);
    else if (mode != LY_COLOR_NONE)
        rc = numeric(cb, d, mode);
    else
        for (size_t i = 0; i < cb->n; i++) {
            cb->class_of[i] = -1;
            cb->value[i] = NAN;
        }
    if (rc) {
        ly_colorby_deinit(cb);
        return -1;
    }
    memcpy(cb->no_data.rgb, NO_DATA, 3);
    snprintf(cb->no_data.label, sizeof cb->no_data.label, "%s",
             ly_str(LY_S_NO_DATA, lang));
    for (size_t i = 0; i < cb->n && mode != LY_COLOR_NONE; i++)
        cb->no_data.count += cb->class_of[i] < 0;
    return 0;
}
