/* louyu query: the tenant finder on the command line. Text and --json show
 * the same content: the ranked buildings, their matching floors and the
 * reasons; notes about the query go to stderr so that stdout stays data. */
#include "data.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/query.h"
#include "louyu/strings.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_text(const ly_district *d, const ly_query_result *r, ly_lang lang)
{
    for (size_t i = 0; i < r->n_matches; i++) {
        const ly_query_match *m = &r->matches[i];
        const ly_building *b = &d->buildings[m->building];
        char buf[320];
        printf("%s%zu. %s [%s]  ", i ? "\n" : "", i + 1,
               ly_cli_title(b, lang, " / ", buf, sizeof buf), b->id);
        printf(ly_str(LY_S_CLI_SCORE, lang), m->score);
        printf("\n");
        if (m->n_spaces) {
            printf("   %s", ly_str(LY_S_CLI_FLOORS, lang));
            for (uint32_t k = 0; k < m->n_spaces; k++) {
                const ly_query_space *s = &r->spaces[m->first_space + k];
                char area[40];
                ly_format_grouped(s->vacant_m2, area, sizeof area);
                const char *sep = k ? ly_str(LY_S_LIST_SEP, lang) : lang == LY_LANG_EN ? " " : "";
                /* (in Chinese each with its 层: "3 层（730 m²）", "5–7 层（...）") */
                printf("%s", sep);
                if (lang == LY_LANG_ZH && s->first == s->last)
                    printf(ly_str(LY_S_FLOOR_N, lang), s->first);
                else if (lang == LY_LANG_ZH)
                    printf(ly_str(LY_S_FLOORS_RANGE, lang), s->first, s->last);
                else if (s->first == s->last)
                    printf("%d", s->first);
                else
                    printf("%d–%d", s->first, s->last);
                printf(ly_str(LY_S_CLI_AREA, lang), area);
            }
            printf("\n");
        }
        for (uint32_t k = 0; k < m->n_reasons; k++)
            printf("   - %s\n", ly_query_reason(r, m->first_reason + k, lang));
    }
}

static void print_json(const ly_district *d, const ly_query_result *r)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_matches; i++) {
        const ly_query_match *m = &r->matches[i];
        const ly_building *b = &d->buildings[m->building];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", b->id);
        if (b->name)
            cJSON_AddStringToObject(o, "name", b->name);
        else
            cJSON_AddNullToObject(o, "name");
        if (b->name_en)
            cJSON_AddStringToObject(o, "name_en", b->name_en);
        else
            cJSON_AddNullToObject(o, "name_en");
        /* the score as the text shows it, to 3 decimals */
        cJSON_AddNumberToObject(o, "score", round(m->score * 1000) / 1000);
        cJSON *fl = cJSON_AddArrayToObject(o, "floors");
        for (uint32_t k = 0; k < m->n_spaces; k++) {
            const ly_query_space *s = &r->spaces[m->first_space + k];
            cJSON *f = cJSON_CreateObject();
            cJSON_AddNumberToObject(f, "first", s->first);
            cJSON_AddNumberToObject(f, "last", s->last);
            cJSON_AddNumberToObject(f, "vacant_m2", round(s->vacant_m2));
            cJSON_AddItemToArray(fl, f);
        }
        cJSON *rs = cJSON_AddArrayToObject(o, "reasons");
        for (uint32_t k = 0; k < m->n_reasons; k++)
            cJSON_AddItemToArray(rs, cJSON_CreateString(r->reasons[m->first_reason + k]));
        cJSON *rz = cJSON_AddArrayToObject(o, "reasons_zh");
        for (uint32_t k = 0; k < m->n_reasons; k++)
            cJSON_AddItemToArray(rz, cJSON_CreateString(r->reasons_zh[m->first_reason + k]));
        cJSON_AddItemToArray(arr, o);
    }
    ly_json_print(arr);
}

/* The criteria from the options; 0, or a usage error. */
static int criteria(const ly_args *a, ly_query_desc *q)
{
    *q = (ly_query_desc){.min_area_m2 = ly_arg_num(a, "--min-area", 0),
                         .max_area_m2 = ly_arg_num(a, "--max-area", 0),
                         .contiguous = ly_arg_flag(a, "--contiguous"),
                         .max_rent_cny_m2_day = ly_arg_num(a, "--max-rent", 0),
                         .industry = ly_arg_text(a, "--industry", NULL),
                         .near_m = ly_arg_num(a, "--near-m", 0),
                         /* as the viewer's finder: later places counted, and said so */
                         .include_later_pois = !ly_arg_flag(a, "--exclude-later"),
                         .name = ly_arg_text(a, "--name", NULL)};
    if (ly_arg_flag(a, "--exclude-later") && ly_arg_flag(a, "--include-later"))
        return ly_cli_usage_error(a->cmd, "--exclude-later and --include-later contradict each other");
    const char *near = ly_arg_text(a, "--near", NULL);
    if (near) {
        int c = ly_query_poi_category(near);
        if (c < 0 || c > LY_POI_LANDMARK)
            return ly_cli_usage_error(a->cmd, "--near wants one of " LY_CLI_POI_KINDS
                                      " (or its name in either language, as the finder writes "
                                      "it: metro station, car park ...), not '%s'", near);
        q->near_poi = true;
        q->near = (ly_poi_category)c;
    }
    if (q->near_m > 0 && !q->near_poi && !q->industry)
        return ly_cli_usage_error(a->cmd, "--near-m applies to --near and --industry");
    if (q->max_area_m2 > 0 && q->min_area_m2 > q->max_area_m2)
        return ly_cli_usage_error(a->cmd, "--min-area is larger than --max-area");
    return 0;
}

int ly_cli_query(const ly_args *a)
{
    ly_query_desc q;
    int rc = criteria(a, &q);
    if (rc)
        return rc;
    ly_lang lang = ly_cli_lang(a);
    const char *path = ly_arg_pos(a, 0) ? ly_arg_pos(a, 0) : ly_default_data_path();
    ly_district d;
    if ((rc = ly_cli_load_district(&d, path, a)))
        return rc;
    ly_geo geo;
    ly_query_result r;
    if (ly_geo_init(&geo, &d) || ly_query_run(&d, &geo, &q, &r)) {
        fprintf(stderr, "louyu query: out of memory\n");
        ly_geo_deinit(&geo);
        ly_district_unload(&d);
        return LY_EXIT_USAGE;
    }
    for (size_t i = 0; i < r.n_notes; i++)
        fprintf(stderr, "%s%s\n", ly_str(LY_S_NOTE, lang), ly_query_note(&r, i, lang));
    if (r.without_records) {
        fprintf(stderr, "%s", ly_str(LY_S_NOTE, lang));
        fprintf(stderr, ly_str(r.without_records == 1 ? LY_S_Q_WITHOUT_RECORDS_1
                                                      : LY_S_Q_WITHOUT_RECORDS, lang),
                r.without_records);
        fprintf(stderr, "\n");
    }
    if (ly_arg_flag(a, "--json"))
        print_json(&d, &r);
    else
        print_text(&d, &r, lang);
    if (!r.n_matches)
        fprintf(stderr, "%s\n", ly_str(LY_S_NO_MATCH, lang));
    ly_query_result_deinit(&r);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}
