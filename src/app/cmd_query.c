/* louyu query: the tenant finder on the command line. Text and --json show
 * the same content: the ranked buildings, their matching floors and the
 * reasons; notes about the query go to stderr so that stdout stays data. */
#include "cli.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/query.h"
#include "louyu/strings.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_USAGE                                                                                \
    "usage: louyu query [FILE] [--min-area M2] [--max-area M2] [--contiguous] [--max-rent X]\n"  \
    "                   [--industry NAME] [--near metro|parking|...] [--near-m METRES]\n"         \
    "                   [--include-later] [--name TEXT] [--lang en|zh] [--json]\n"

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "louyu query: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n" QUERY_USAGE);
    return LY_EXIT_USAGE;
}

/* A number ≥ 0 (> 0 when positive) from the option's value. */
static bool parse_number(const char *s, bool positive, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v) || v < 0 || (positive && v == 0))
        return false;
    *out = v;
    return true;
}

static void print_text(const ly_district *d, const ly_query_result *r, ly_lang lang)
{
    for (size_t i = 0; i < r->n_matches; i++) {
        const ly_query_match *m = &r->matches[i];
        const ly_building *b = &d->buildings[m->building];
        printf("%s%zu. %s", i ? "\n" : "", i + 1, b->name ? b->name : b->id);
        if (b->name_en)
            printf(" / %s", b->name_en);
        printf(" [%s]  score %.3f\n", b->id, m->score);
        if (m->n_spaces) {
            printf("   floors:");
            for (uint32_t k = 0; k < m->n_spaces; k++) {
                const ly_query_space *s = &r->spaces[m->first_space + k];
                char area[40];
                ly_format_grouped(s->vacant_m2, area, sizeof area);
                if (s->first == s->last)
                    printf("%s %d (%s m²)", k ? "," : "", s->first, area);
                else
                    printf("%s %d–%d (%s m²)", k ? "," : "", s->first, s->last, area);
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
    char *text = cJSON_Print(arr);
    if (text)
        puts(text);
    cJSON_free(text);
    cJSON_Delete(arr);
}

int ly_cmd_query(int argc, char **argv)
{
    ly_query_desc q = {0};
    const char *path = NULL;
    bool json = false;
    ly_lang lang = LY_LANG_EN;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (!strcmp(a, "--json")) {
            json = true, takes = false;
        } else if (!strcmp(a, "--contiguous")) {
            q.contiguous = true, takes = false;
        } else if (!strcmp(a, "--include-later")) {
            q.include_later_pois = true, takes = false;
        } else if (!strcmp(a, "--min-area") || !strcmp(a, "--max-area") ||
                   !strcmp(a, "--max-rent") || !strcmp(a, "--near-m")) {
            double *dst = !strcmp(a, "--min-area")   ? &q.min_area_m2
                          : !strcmp(a, "--max-area") ? &q.max_area_m2
                          : !strcmp(a, "--max-rent") ? &q.max_rent_cny_m2_day
                                                     : &q.near_m;
            /* a rent or a distance of 0 means nothing; an area of 0 means no bound */
            bool positive = dst == &q.near_m || dst == &q.max_rent_cny_m2_day;
            if (!value || !parse_number(value, positive, dst))
                return usage_error(positive ? "%s needs a number > 0" : "%s needs a number ≥ 0",
                                   a);
        } else if (!strcmp(a, "--industry") || !strcmp(a, "--name")) {
            if (!value || !*value)
                return usage_error("%s needs a text", a);
            *(!strcmp(a, "--industry") ? &q.industry : &q.name) = value;
        } else if (!strcmp(a, "--lang")) {
            if (!value || (strcmp(value, "en") && strcmp(value, "zh")))
                return usage_error("--lang needs en or zh, not '%s'", value ? value : "");
            lang = ly_lang_parse(value);
        } else if (!strcmp(a, "--near")) {
            int c = value ? ly_query_poi_category(value) : -1;
            if (c < 0)
                return usage_error("--near needs a POI category (metro, parking, bus, bank, "
                                   "hotel, restaurant, government, landmark), not '%s'",
                                   value ? value : "");
            q.near_poi = true;
            q.near = (ly_poi_category)c;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (path) {
            return usage_error("one FILE at most ('%s' is another)", a);
        } else {
            path = a, takes = false;
        }
        if (takes)
            i++;
    }
    if (q.near_m > 0 && !q.near_poi && !(q.industry && *q.industry))
        return usage_error("%s applies to --near and --industry", "--near-m");
    if (q.max_area_m2 > 0 && q.min_area_m2 > q.max_area_m2)
        return usage_error("%s: --min-area is larger than --max-area", "areas");
    if (!path)
        path = ly_default_data_path();

    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    ly_load_result lr = ly_district_load(&d, path, NULL, &diags);
    ly_diag_sort(&diags);
    for (size_t i = 0; i < diags.count; i++)
        if (lr != LY_LOAD_OK || diags.items[i].severity == LY_DIAG_ERROR)
            ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (lr != LY_LOAD_OK)
        return lr == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;

    ly_geo geo;
    ly_query_result r;
    if (ly_geo_init(&geo, &d) || ly_query_run(&d, &geo, &q, &r)) {
        fprintf(stderr, "louyu query: out of memory\n");
        ly_geo_deinit(&geo);
        ly_district_unload(&d);
        return LY_EXIT_USAGE;
    }
    for (size_t i = 0; i < r.n_notes; i++)
        fprintf(stderr, "%s%s\n", lang == LY_LANG_ZH ? "注：" : "note: ",
                ly_query_note(&r, i, lang));
    if (json)
        print_json(&d, &r);
    else
        print_text(&d, &r, lang);
    if (!r.n_matches)
        fprintf(stderr, "%s\n", lang == LY_LANG_ZH ? "没有符合条件的楼宇" : "no building matches");
    ly_query_result_deinit(&r);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}
