/* louyu stats: the district's figures, as text or JSON (docs/cli.md lists the keys). */
#include "data.h"
#include "louyu/json.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static void stats_json(const ly_district *d, const ly_stats *s)
{
    cJSON *o = cJSON_CreateObject();
    ly_json_str(o, "district", d->meta.name);
    ly_json_str(o, "district_en", d->meta.name_en);
    char date[16]; /* the week's Friday for a store's figures */
    ly_json_str(o, "data_date", *ly_district_date(d, date, sizeof date) ? date : NULL);
    cJSON_AddNumberToObject(o, "buildings", (double)s->buildings);
    cJSON_AddNumberToObject(o, "completed", (double)s->completed);
    cJSON_AddNumberToObject(o, "under_construction", (double)s->under_construction);
    cJSON_AddNumberToObject(o, "buildings_with_occupancy", (double)s->with_occupancy);
    cJSON_AddNumberToObject(o, "enterprises_in_buildings", (double)s->enterprises_in_buildings);
    ly_json_num_or_null(o, "enterprises_registered", s->enterprises_registered);
    ly_json_num_or_null(o, "enterprise_share", s->enterprise_share);
    ly_json_num_or_null(o, "gfa_m2", s->gfa_known ? s->gfa_m2 : -1);
    cJSON_AddNumberToObject(o, "gfa_buildings", (double)s->gfa_known);
    cJSON_AddNumberToObject(o, "recorded_area_m2", s->recorded_area_m2);
    cJSON_AddNumberToObject(o, "leased_m2", s->leased_m2);
    cJSON_AddNumberToObject(o, "vacant_m2", s->vacant_m2);
    ly_json_num_or_null(o, "occupancy_rate", s->occupancy_rate);
    cJSON_AddNumberToObject(o, "floors_recorded", (double)s->floors_recorded);
    cJSON_AddNumberToObject(o, "floors_vacant", (double)s->floors_vacant);
    cJSON_AddNumberToObject(o, "floors_partly_vacant", (double)s->floors_partly_vacant);
    ly_json_num_or_null(o, "tax_2010_cny", s->tax_2010_known ? s->tax_2010_cny : -1);
    cJSON_AddNumberToObject(o, "tax_2010_buildings", (double)s->tax_2010_known);
    cJSON *big = cJSON_AddArrayToObject(o, "tax_2010_over_100m");
    for (size_t i = 0; i < d->n_buildings; i++)
        if (d->buildings[i].tax_2010_cny >= LY_TAX_BIG_CNY)
            cJSON_AddItemToArray(big, cJSON_CreateString(d->buildings[i].id));
    ly_json_num_or_null(o, "tax_q1_2011_cny", s->tax_q1_2011_cny);
    ly_json_num_or_null(o, "new_enterprises_q1_2011", s->new_enterprises_q1_2011);
    cJSON_AddNumberToObject(o, "service_points", (double)s->service_points);
    ly_json_num_or_null(o, "max_height_m", s->buildings ? ly_json_metres(s->max_height_m) : -1);
    cJSON *ill = cJSON_AddArrayToObject(o, "illustrative");
    for (size_t i = 0; i < d->meta.n_illustrative; i++)
        cJSON_AddItemToArray(ill, cJSON_CreateString(d->meta.illustrative[i]));
    ly_json_print(o);
}

/* A row: its label, padded so that every value starts in one column, the longest label's
 * and two spaces (values had started where each label happened to end, and "Buildings ≥
 * 100 M CNY 2" ran the label into its value); by terminal columns, as a Chinese label's
 * characters take two. */
#define LABEL_COLUMNS 32
#define LABEL_COLUMNS_ZH 22 /* (2011年一季度新增企业 and two) */
static void row(ly_lang lang, const char *label, const char *fmt, ...)
{
    ly_cli_pad(label, lang == LY_LANG_ZH ? -LABEL_COLUMNS_ZH : -LABEL_COLUMNS);
    if (ly_cli_text_width(label) >= (lang == LY_LANG_ZH ? LABEL_COLUMNS_ZH : LABEL_COLUMNS))
        printf(" ");
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

static void enterprises_text(const ly_stats *s, ly_lang lang)
{
    char a[40], b[40];
    const char *label = ly_str(LY_S_ENTERPRISES, lang);
    ly_thousands((double)s->enterprises_in_buildings, a, sizeof a);
    ly_thousands(s->enterprises_registered, b, sizeof b);
    if (s->enterprise_share >= 0)
        row(lang, label, ly_str(LY_S_STATS_ENT_SHARE, lang), a, b, 100 * s->enterprise_share);
    else if (s->enterprises_registered > 0)
        row(lang, label, ly_str(LY_S_STATS_ENT_OVER, lang), a, b);
    else if (s->enterprises_in_buildings)
        row(lang, label, ly_str(LY_S_STATS_ENT_IN, lang), a);
    else /* (a file with no enterprises at all gives none, not "0": a 3D model's, an OSM export's) */
        row(lang, label, "%s", ly_cli_str(LY_S_NO_DATA, lang, "no data"));
    printf("\n");
}

static void area_text(const ly_stats *s, ly_lang lang)
{
    char a[40];
    const char *gfa = ly_cli_str(LY_S_FLOOR_AREA, lang, "Gross floor area");
    if (s->gfa_known && s->gfa_known == s->buildings)
        row(lang, gfa, "%s m²\n", ly_thousands(s->gfa_m2, a, sizeof a));
    else if (s->gfa_known) { /* (a sum over some: said so, as the tax is) */
        row(lang, gfa, ly_str(LY_S_STATS_GFA_SOME, lang), ly_thousands(s->gfa_m2, a, sizeof a),
            s->gfa_known, s->buildings);
        printf("\n");
    }
    if (s->occupancy_rate < 0) {
        row(lang, ly_str(LY_S_OCCUPANCY, lang), "%s\n", ly_cli_str(LY_S_NO_DATA, lang, "no data"));
        return;
    }
    row(lang, ly_str(LY_S_STATS_RECORDED, lang),
        ly_str(s->floors_recorded == 1 ? LY_S_STATS_ON_FLOORS_1 : LY_S_STATS_ON_FLOORS, lang),
        ly_thousands(s->recorded_area_m2, a, sizeof a), s->floors_recorded);
    printf("\n");
    /* (the parts as shown add up to the whole as shown: leased is what vacancy leaves) */
    row(lang, ly_str(LY_S_LEASED, lang), "%s m²\n",
        ly_thousands(round(s->recorded_area_m2) - round(s->vacant_m2), a, sizeof a));
    row(lang, ly_str(LY_S_VACANT_FLOOR, lang),
        ly_str(s->floors_vacant == 1 ? LY_S_STATS_VACANT_1 : LY_S_STATS_VACANT, lang),
        ly_thousands(s->vacant_m2, a, sizeof a), s->floors_vacant, s->floors_partly_vacant);
    printf("\n");
    row(lang, ly_cli_str(LY_S_OCCUPANCY, lang, "Occupancy rate"), "%.1f %%\n",
        100 * s->occupancy_rate);
}

/* The ten largest payers by name (a city's thousands in --json), in lang's name first. */
static void big_tax_text(const ly_district *d, const ly_stats *s, ly_lang lang)
{
    char a[40];
    row(lang, ly_cli_str(LY_S_BIG_TAX, lang, "Buildings paid ≥ 100 M CNY tax"),
        ly_str(LY_S_STATS_N_BUILDINGS, lang), s->tax_big);
    const char *sep = ly_str(LY_S_STATS_COLON, lang);
    size_t named = 0;
    double below = INFINITY; /* the last named: its tax, its index (ties in file order) */
    long below_i = -1;
    for (; named < 10; named++) {
        long top = -1; /* the largest after the last named (a city's ten: ten passes) */
        for (size_t i = 0; i < d->n_buildings; i++) {
            double t = d->buildings[i].tax_2010_cny;
            bool after = t < below || (t == below && (long)i > below_i);
            if (t >= LY_TAX_BIG_CNY && after && (top < 0 || t > d->buildings[top].tax_2010_cny))
                top = (long)i;
        }
        if (top < 0)
            break;
        const ly_building *bd = &d->buildings[top];
        const char *first = lang == LY_LANG_EN ? bd->name_en : bd->name,
                   *other = lang == LY_LANG_EN ? bd->name : bd->name_en;
        printf("%s%s", sep, first ? first : other ? other : bd->id);
        sep = ly_str(LY_S_LIST_SEP, lang);
        below = bd->tax_2010_cny;
        below_i = top;
    }
    if (s->tax_big > named)
        printf(ly_str(LY_S_STATS_AND_MORE, lang),
               ly_thousands((double)(s->tax_big - named), a, sizeof a));
    printf("\n");
}

static void stats_text(const ly_district *d, const ly_stats *s, ly_lang lang)
{
    char a[40], date[16], shown[48];
    ly_district_date(d, date, sizeof date); /* the week's Friday for a store's figures */
    if (d->meta.name) {
        /* (in Chinese the English name in parentheses, as info writes a second name) */
        const char *en = ly_name_second(d->meta.name, d->meta.name_en);
        bool zh = lang == LY_LANG_ZH && en;
        row(lang, ly_str(LY_S_STATS_DISTRICT, lang), "%s%s%s%s", d->meta.name,
            zh ? " (" : en ? " " : "", en ? en : "", zh ? ")" : "");
        if (*date) /* 2011年4月29日 in Chinese, as the viewer writes a date */
            printf(ly_str(LY_S_STATS_DATA_OF, lang),
                   lang == LY_LANG_EN ? date : ly_format_date(date, lang, shown, sizeof shown));
        printf("\n");
    }
    row(lang, ly_str(LY_S_STATS_BUILDINGS, lang), ly_str(LY_S_STATS_BUILDINGS_VALUE, lang),
        s->buildings, s->completed, s->under_construction);
    printf("\n");
    row(lang, ly_str(LY_S_STATS_WITH_OCCUPANCY, lang), ly_str(LY_S_STATS_N_BUILDINGS, lang),
        s->with_occupancy);
    printf("\n");
    enterprises_text(s, lang);
    area_text(s, lang);
    if (s->tax_2010_known) {
        row(lang, ly_str(LY_S_INFO_TAX_2010, lang),
            ly_str(s->tax_2010_known == 1 ? LY_S_STATS_TAX_1 : LY_S_STATS_TAX, lang),
            ly_thousands(s->tax_2010_cny, a, sizeof a), s->tax_2010_known);
        printf("\n");
        big_tax_text(d, s, lang);
    }
    if (s->tax_q1_2011_cny >= 0) {
        row(lang, ly_str(LY_S_STATS_TAX_Q1, lang), ly_str(LY_S_INFO_CNY, lang),
            ly_thousands(s->tax_q1_2011_cny, a, sizeof a));
        printf("\n");
    }
    if (s->new_enterprises_q1_2011 >= 0) {
        row(lang, ly_str(LY_S_STATS_NEW_Q1, lang), ly_str(LY_S_STATS_N_NEW, lang),
            s->new_enterprises_q1_2011);
        printf("\n");
    }
    if (s->service_points) {
        row(lang, ly_str(LY_S_STATS_SERVICE_POINTS, lang), ly_str(LY_S_STATS_N_BUILDINGS, lang),
            s->service_points);
        printf("\n");
    }
    if (d->meta.n_illustrative) { /* (the data's own sentences, as the file gives them) */
        printf("%s\n", ly_str(LY_S_STATS_ILLUSTRATIVE, lang));
        for (size_t i = 0; i < d->meta.n_illustrative; i++)
            printf("  - %s\n", d->meta.illustrative[i]);
    }
}

int ly_cli_stats(const ly_args *a)
{
    const char *path = ly_arg_pos(a, 0) ? ly_arg_pos(a, 0) : ly_default_data_path();
    ly_district d;
    int rc = ly_cli_load_district(&d, path, a);
    if (rc)
        return rc;
    ly_stats s;
    ly_stats_compute(&d, &s);
    if (ly_arg_flag(a, "--json"))
        stats_json(&d, &s);
    else /* (English unless asked, as info's) */
        stats_text(&d, &s, ly_cli_lang(a));
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

