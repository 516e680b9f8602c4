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

/* Terminal columns of a label: its characters (the labels are Latin and "≥", one column
 * each, three bytes for "≥"). */
static size_t label_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* A row: its label, padded so that every value starts in one column, the longest label's
 * and two spaces (values had started where each label happened to end, and "Buildings ≥
 * 100 M CNY 2" ran the label into its value). */
#define LABEL_COLUMNS 32
static void row(const char *label, const char *fmt, ...)
{
    size_t w = label_width(label);
    printf("%s%*s", label, w < LABEL_COLUMNS ? (int)(LABEL_COLUMNS - w) : 1, "");
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

static void stats_text(const ly_district *d, const ly_stats *s)
{
    char a[40], b[40], date[16];
    ly_district_date(d, date, sizeof date); /* the week's Friday for a store's figures */
    if (d->meta.name)
        row("District", "%s%s%s%s%s\n", d->meta.name, d->meta.name_en ? " " : "",
               d->meta.name_en ? d->meta.name_en : "", *date ? ", data of " : "", date);
    row("Buildings", "%zu (%zu completed, %zu under construction)\n", s->buildings,
           s->completed, s->under_construction);
    row("  with occupancy data", "%zu\n", s->with_occupancy);
    if (s->enterprise_share >= 0)
        row("Enterprises", "%s in buildings of %s registered in the district "
               "(%.1f %%)\n",
               ly_thousands((double)s->enterprises_in_buildings, a, sizeof a),
               ly_thousands(s->enterprises_registered, b, sizeof b), 100 * s->enterprise_share);
    else if (s->enterprises_registered > 0)
        row("Enterprises", "%s in buildings (more than the %s the district's figures "
               "say are registered: that figure is not used)\n",
               ly_thousands((double)s->enterprises_in_buildings, a, sizeof a),
               ly_thousands(s->enterprises_registered, b, sizeof b));
    else if (s->enterprises_in_buildings)
        row("Enterprises", "%s in buildings\n",
               ly_thousands((double)s->enterprises_in_buildings, a, sizeof a));
    else /* (a file with no enterprises at all gives none, not "0": a 3D model's, an OSM export's) */
        row("Enterprises", "no data\n");
    if (s->gfa_known && s->gfa_known == s->buildings)
        row("Gross floor area", "%s m²\n", ly_thousands(s->gfa_m2, a, sizeof a));
    else if (s->gfa_known) /* (a sum over some: said so, as the tax is) */
        row("Gross floor area", "%s m² (%zu of the %zu buildings report it)\n",
               ly_thousands(s->gfa_m2, a, sizeof a), s->gfa_known, s->buildings);
    if (s->occupancy_rate >= 0) {
        row("Recorded floor area", "%s m² on %zu floor%s\n",
               ly_thousands(s->recorded_area_m2, a, sizeof a), s->floors_recorded,
               s->floors_recorded == 1 ? "" : "s");
        /* (the parts as shown add up to the whole as shown: leased is what vacancy leaves) */
        row("Leased", "%s m²\n",
               ly_thousands(round(s->recorded_area_m2) - round(s->vacant_m2), a, sizeof a));
        row("Vacant", "%s m² (%zu floor%s fully vacant, %zu partly)\n",
               ly_thousands(s->vacant_m2, a, sizeof a), s->floors_vacant,
               s->floors_vacant == 1 ? "" : "s", s->floors_partly_vacant);
        row("Occupancy rate", "%.1f %%\n", 100 * s->occupancy_rate);
    } else {
        row("Occupancy", "no data\n");
    }
    if (s->tax_2010_known) {
        row("Tax 2010", "%s CNY (%zu building%s report%s it)\n",
               ly_thousands(s->tax_2010_cny, a, sizeof a), s->tax_2010_known,
               s->tax_2010_known == 1 ? "" : "s", s->tax_2010_known == 1 ? "s" : "");
        row("Buildings paid ≥ 100 M CNY tax", "%zu", s->tax_big);
        /* the ten largest by name (a city's thousands in --json) */
        const char *sep = ": ";
        size_t named = 0;
        double below = INFINITY; /* the last named: its tax, its index (ties in file order) */
        long below_i = -1;
        for (; named < 10; named++) {
            long top = -1; /* the largest after the last named (a city's ten: ten passes) */
            for (size_t i = 0; i < d->n_buildings; i++) {
                double t = d->buildings[i].tax_2010_cny;
                bool after = t < below || (t == below && (long)i > below_i);
                if (t >= LY_TAX_BIG_CNY && after &&
                    (top < 0 || t > d->buildings[top].tax_2010_cny))
                    top = (long)i;
            }
            if (top < 0)
                break;
            const ly_building *bd = &d->buildings[top];
            printf("%s%s", sep, bd->name_en ? bd->name_en : bd->name ? bd->name : bd->id);
            sep = ", ";
            below = bd->tax_2010_cny;
            below_i = top;
        }
        if (s->tax_big > named)
            printf(" and %s more (stats --json lists them)",
                   ly_thousands((double)(s->tax_big - named), a, sizeof a));
        printf("\n");
    }
    if (s->tax_q1_2011_cny >= 0)
        row("District tax Q1 2011", "%s CNY\n", ly_thousands(s->tax_q1_2011_cny, a, sizeof a));
    if (s->new_enterprises_q1_2011 >= 0)
        row("New enterprises Q1 2011", "%.0f\n", s->new_enterprises_q1_2011);
    if (s->service_points)
        row("Buildings with service windows", "%zu\n", s->service_points);
    if (d->meta.n_illustrative) {
        printf("Illustrative figures:\n");
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
    else
        stats_text(&d, &s);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

