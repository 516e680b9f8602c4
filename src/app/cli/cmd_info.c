/* louyu info: a building, everything known about it (or its floors, or its
 * enterprises); with a file alone, the file's buildings. */
#include "info.h"
#include "louyu/json.h"
#include "louyu/week.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* employees and since are left out when unknown, as they always were. */
cJSON *ly_info_enterprise_json(const ly_district *d, const ly_enterprise *e)
{
    cJSON *j = cJSON_CreateObject();
    ly_json_str(j, "name", e->name);
    ly_json_str(j, "name_en", e->name_en);
    ly_json_str(j, "industry", e->industry);
    cJSON *fl = cJSON_AddArrayToObject(j, "floors");
    for (uint32_t k = 0; k < e->n_floors; k++)
        cJSON_AddItemToArray(fl, cJSON_CreateNumber(d->enterprise_floors[e->first_floor + k]));
    if (e->employees >= 0)
        cJSON_AddNumberToObject(j, "employees", e->employees);
    ly_json_num_or_null(j, "registered_capital_cny", e->registered_capital_cny);
    if (e->since)
        cJSON_AddNumberToObject(j, "since", e->since);
    return j;
}

/* A 3D model's level of detail and faces (a building read from CityJSON). */
static void model_json(cJSON *o, const ly_building *b)
{
    if (!b->n_faces)
        return;
    cJSON *m = cJSON_AddObjectToObject(o, "model");
    char lod[16];
    snprintf(lod, sizeof lod, "%g", b->lod);
    cJSON_AddStringToObject(m, "lod", lod);
    cJSON_AddNumberToObject(m, "faces", b->n_faces);
}

/* Its occupancy, its week (a store's), and its floor records with the rents they ask. */
static void occupancy_json(cJSON *o, const ly_district *d, const ly_building *b)
{
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    cJSON *oc = cJSON_AddObjectToObject(o, "occupancy");
    ly_json_num_or_null(oc, "rate", occ);
    /* null where no floor is recorded, as the rate is (0 m² had read as a figure) */
    ly_json_num_or_null(oc, "recorded_area_m2", occ >= 0 ? area : -1);
    ly_json_num_or_null(oc, "vacant_m2", occ >= 0 ? vacant : -1);
    cJSON *vf = cJSON_AddArrayToObject(oc, "floors_with_vacancy");
    char wk[16];
    if (d->n_weeks && d->week < d->n_weeks)
        cJSON_AddStringToObject(o, "week", ly_week_format(d->weeks[d->week], wk, sizeof wk));
    else
        cJSON_AddNullToObject(o, "week");
    cJSON *recs = cJSON_AddArrayToObject(o, "floor_records");
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "floor", r->floor);
        cJSON_AddStringToObject(e, "use", ly_floor_use_name(r->use));
        cJSON_AddNumberToObject(e, "area_m2", r->area_m2);
        cJSON_AddNumberToObject(e, "vacant_m2", r->vacant_m2);
        /* the rent its space asks (ly_floor_rent): null where it has none to let, or the
         * rent is unknown or to be agreed (rent_to_be_agreed) */
        bool agreed;
        double rent = ly_floor_card_rent(b, r, &agreed);
        ly_json_num_or_null(e, "rent_cny_m2_day", rent > 0 ? rent : -1);
        cJSON_AddBoolToObject(e, "rent_to_be_agreed", agreed);
        cJSON_AddItemToArray(recs, e);
        if (ly_floor_has_space(r))
            cJSON_AddItemToArray(vf, cJSON_CreateNumber(r->floor));
    }
}

static cJSON *building_json(const ly_district *d, const ly_building *b)
{
    cJSON *o = cJSON_CreateObject();
    ly_json_str(o, "id", b->id);
    ly_json_str(o, "name", b->name);
    ly_json_str(o, "name_en", b->name_en);
    ly_json_str(o, "address", b->address);
    ly_json_str(o, "address_en", b->address_en);
    cJSON_AddStringToObject(o, "status", ly_status_name(b->status));
    if (b->year)
        cJSON_AddNumberToObject(o, "year", b->year);
    else
        cJSON_AddNullToObject(o, "year");
    cJSON_AddNumberToObject(o, "height_m", ly_json_metres(b->height_m));
    cJSON_AddNumberToObject(o, "min_height_m", ly_json_metres(b->min_height_m));
    cJSON_AddNumberToObject(o, "floors", b->floors);
    cJSON *fh = cJSON_AddArrayToObject(o, "floor_heights");
    for (int i = 0; i < b->floors; i++)
        cJSON_AddItemToArray(fh, cJSON_CreateNumber(
                                     round(d->floor_heights[b->first_floor_height + i] * 1000) /
                                     1000));
    cJSON_AddBoolToObject(o, "floor_heights_given", b->floor_heights_given);
    model_json(o, b);
    cJSON *parts = cJSON_AddArrayToObject(o, "parts");
    for (uint32_t i = 0; i < b->n_polygons; i++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + i];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "min_height_m", ly_json_metres(pg->min_height_m));
        cJSON_AddNumberToObject(p, "height_m", ly_json_metres(pg->height_m));
        cJSON_AddNumberToObject(p, "rings", pg->n_rings);
        cJSON_AddItemToArray(parts, p);
    }
    ly_json_num_or_null(o, "gfa_m2", b->gfa_m2);
    ly_json_num_or_null(o, "rent_cny_m2_day", b->rent_cny_m2_day);
    ly_json_num_or_null(o, "tax_2010_cny", b->tax_2010_cny);
    cJSON_AddBoolToObject(o, "tax_2010_over_100m", b->tax_2010_cny >= LY_TAX_BIG_CNY);
    if (b->contact.name || b->contact.phone || b->contact.email) {
        cJSON *c = cJSON_AddObjectToObject(o, "contact");
        ly_json_str(c, "name", b->contact.name);
        ly_json_str(c, "name_en", b->contact.name_en);
        ly_json_str(c, "phone", b->contact.phone);
        ly_json_str(c, "email", b->contact.email);
    } else {
        cJSON_AddNullToObject(o, "contact");
    }
    if (b->has_services) {
        cJSON *sv = cJSON_AddObjectToObject(o, "services");
        ly_json_str(sv, "name", b->services.name);
        ly_json_str(sv, "name_en", b->services.name_en);
        const char *lists[2] = {"windows", "offerings"};
        uint32_t firsts[2] = {b->services.first_window, b->services.first_offering};
        uint32_t counts[2] = {b->services.n_windows, b->services.n_offerings};
        for (int k = 0; k < 2; k++) {
            cJSON *arr = cJSON_AddArrayToObject(sv, lists[k]);
            for (uint32_t i = 0; i < counts[k]; i++) {
                const ly_name_pair *np = &d->names[firsts[k] + i];
                cJSON *e = cJSON_CreateObject();
                ly_json_str(e, "name", np->name);
                ly_json_str(e, "name_en", np->name_en);
                cJSON_AddItemToArray(arr, e);
            }
        }
    } else {
        cJSON_AddNullToObject(o, "services");
    }
    occupancy_json(o, d, b);
    cJSON *ents = cJSON_AddArrayToObject(o, "enterprises");
    for (uint32_t i = 0; i < b->n_enterprises; i++)
        cJSON_AddItemToArray(ents, ly_info_enterprise_json(d, &d->enterprises[b->first_enterprise + i]));
    ly_json_str(o, "type", b->type);
    ly_json_str(o, "alias", b->alias);
    cJSON *extra = b->extra ? cJSON_Parse(b->extra) : NULL;
    if (extra)
        cJSON_AddItemToObject(o, "other_properties", extra);
    cJSON *bb = cJSON_AddArrayToObject(o, "bbox");
    double box[4] = {b->lon_min, b->lat_min, b->lon_max, b->lat_max};
    for (int k = 0; k < 4; k++)
        cJSON_AddItemToArray(bb, cJSON_CreateNumber(box[k]));
    return o;
}


/* occ as a percentage with `decimals`: never 100 with space to let, nor 0 with some let
 * (10 m² of 10,000 vacant is 99 %, 99.9 %); half up. */
static const char *percent(double occ, int decimals, char *buf, size_t n)
{
    double step = decimals ? 0.1 : 1, shown = floor(100 * occ / step + 0.5) * step;
    if (occ < 1 && shown > 100 - step)
        shown = 100 - step;
    if (occ > 0 && shown < step)
        shown = step;
    snprintf(buf, n, "%.*f %%", decimals, shown);
    return buf;
}

/* A row's label: its value starts in one column, by terminal columns (地址 takes four). */
static void label(const char *text)
{
    ly_cli_pad(text, -15);
}

static void print_names(const char *text, const char *zh, const char *en, ly_lang lang)
{
    char buf[512];
    if (zh || en) {
        label(text);
        printf("%s\n", ly_info_names(zh, en, lang, buf, sizeof buf));
    }
}

/* Completed or not, and the year: in Chinese the card's words (2000 年建成). */
static void status_text(const ly_building *b, ly_lang lang)
{
    bool done = b->status == LY_STATUS_COMPLETED;
    label(ly_str(LY_S_STATUS, lang));
    if (b->year)
        printf(done ? ly_cli_str(LY_S_COMPLETED_IN, lang, "completed (built %d)")
                    : ly_cli_str(LY_S_UNDER_CONSTRUCTION_DUE, lang, "under construction (due %d)"),
               b->year);
    else
        printf("%s", done ? ly_cli_str(LY_S_COMPLETED, lang, "completed")
                          : ly_cli_str(LY_S_UNDER_CONSTRUCTION, lang, "under construction"));
    printf("\n");
}

static void building_text(const ly_building *b, ly_lang lang)
{
    char a[40];
    print_names(ly_str(LY_S_ADDRESS, lang), b->address, b->address_en, lang);
    status_text(b, lang);
    label(ly_str(LY_S_HEIGHT, lang));
    printf(ly_str(b->floors == 1 ? LY_S_INFO_HEIGHT_1 : LY_S_INFO_HEIGHT, lang), b->height_m,
           b->floors);
    if (b->min_height_m > 0)
        printf(ly_str(LY_S_INFO_FROM, lang), b->min_height_m);
    if (b->n_polygons > 1)
        printf(ly_str(LY_S_INFO_PARTS, lang), b->n_polygons);
    printf("\n");
    if (b->n_faces) {
        label(ly_str(LY_S_INFO_MODEL, lang));
        printf(ly_str(LY_S_INFO_MODEL_LOD, lang), b->lod, b->n_faces);
        printf("\n");
    }
    if (b->type) { /* as the card names it (OpenStreetMap's "yes" is a building) */
        label(ly_str(LY_S_TYPE, lang));
        printf("%s\n", ly_building_type_name(b->type, lang));
    }
    if (b->alias) {
        label(ly_str(LY_S_INFO_ALIAS, lang));
        printf("%s\n", b->alias);
    }
    if (b->gfa_m2 > 0) {
        label(ly_str(LY_S_FLOOR_AREA, lang));
        printf("%s m²\n", ly_thousands(b->gfa_m2, a, sizeof a));
    }
}

/* The tax, in Chinese with the district's word for a building that paid 100 M CNY. */
static void tax_text(const ly_building *b, ly_lang lang)
{
    char a[40];
    label(ly_str(LY_S_INFO_TAX_2010, lang));
    ly_thousands(b->tax_2010_cny, a, sizeof a);
    if (b->tax_2010_cny >= LY_TAX_BIG_CNY)
        printf(ly_str(LY_S_INFO_CNY_BIG, lang), a,
               ly_cli_str(LY_S_BIG_TAX, lang, "paid ≥ 100 M CNY"));
    else
        printf(ly_str(LY_S_INFO_CNY, lang), a);
    printf("\n");
}

static void occupancy_text(const ly_district *d, const ly_building *b, ly_lang lang)
{
    char a[40], c[40], pct[16];
    double area, vacant;
    /* (as the card, the stats and the portal count it: under 1 m² vacant on a floor is let,
     * a plant or parking floor not let at all) */
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    label(ly_str(LY_S_OCCUPANCY, lang));
    if (occ >= 0)
        printf(ly_str(LY_S_INFO_OCCUPANCY, lang), percent(occ, 1, pct, sizeof pct),
               ly_thousands(area, a, sizeof a), ly_thousands(vacant, c, sizeof c));
    else
        printf("%s", ly_cli_str(LY_S_NO_DATA, lang, "no data"));
    printf("\n");
    char wk[32];
    if (d->n_weeks && d->week < d->n_weeks) { /* whose figures these are (a store's latest) */
        label(ly_str(LY_S_INFO_WEEK, lang)); /* 2011年第17周, as the viewer says it */
        printf("%s\n", lang == LY_LANG_EN ? ly_week_format(d->weeks[d->week], wk, sizeof wk)
                                          : ly_format_week(d->weeks[d->week], false, lang, wk,
                                                           sizeof wk));
    }
}

static void figures_text(const ly_district *d, const ly_building *b, ly_lang lang)
{
    char rents[160]; /* what its floors with space ask, as the card and the portal say it */
    if (ly_building_rent_text(d, b, ly_str(LY_S_RENT_UNIT, lang),
                              ly_str(LY_S_SITE_TO_BE_AGREED, lang), rents, sizeof rents)) {
        label(ly_str(LY_S_RENT, lang));
        printf("%s\n", rents);
    }
    if (b->tax_2010_cny >= 0)
        tax_text(b, lang);
    if (b->contact.name || b->contact.name_en || b->contact.phone) {
        char who[256];
        ly_info_names(b->contact.name, b->contact.name_en, lang, who, sizeof who);
        label(ly_str(LY_S_CONTACT, lang));
        printf("%s%s%s\n", who, *who && b->contact.phone ? "  " : "",
               b->contact.phone ? b->contact.phone : "");
    }
    occupancy_text(d, b, lang);
    if (b->has_services) {
        print_names(ly_str(LY_S_INFO_SERVICES, lang), b->services.name, b->services.name_en,
                    lang);
        for (uint32_t i = 0; i < b->services.n_windows; i++) {
            const ly_name_pair *np = &d->names[b->services.first_window + i];
            print_names(ly_str(LY_S_INFO_WINDOW, lang), np->name, np->name_en, lang);
        }
        for (uint32_t i = 0; i < b->services.n_offerings; i++) {
            const ly_name_pair *np = &d->names[b->services.first_offering + i];
            print_names(ly_str(LY_S_INFO_SERVICE, lang), np->name, np->name_en, lang);
        }
    }
}

/* The data's other properties as "key: value" lines (a nested value as compact JSON). */
static void extra_text(const char *extra, ly_lang lang)
{
    cJSON *o = cJSON_Parse(extra);
    printf("\n%s\n", ly_str(LY_S_INFO_OTHER_PROPERTIES, lang));
    if (!cJSON_IsObject(o)) {
        printf("  %s\n", extra);
        cJSON_Delete(o);
        return;
    }
    for (const cJSON *it = o->child; it; it = it->next) {
        char *json = NULL;
        if (cJSON_IsString(it)) /* (an empty one without a trailing space) */
            printf("  %s:%s%s\n", it->string, *it->valuestring ? " " : "", it->valuestring);
        else if ((json = cJSON_PrintUnformatted(it)))
            printf("  %s: %s\n", it->string, json);
        free(json);
    }
    cJSON_Delete(o);
}

static int info_text(const ly_district *d, const ly_building *b, ly_lang lang)
{
    ly_info_title_line(b, lang);
    building_text(b, lang);
    figures_text(d, b, lang);
    if (b->n_records) {
        printf("\n");
        ly_info_floor_header(lang);
        for (uint32_t i = b->n_records; i-- > 0;) {
            const ly_floor_record *r = &d->records[b->first_record + i];
            ly_info_floor_row(d, b, r->floor, r, lang);
        }
    }
    if (b->n_enterprises) { /* the directory's table, in its order (by floor) */
        uint32_t *rows;
        long n = ly_directory_list(d, b, NULL, LY_ORDER_FLOOR, lang, &rows);
        if (n < 0)
            return -1;
        printf("\n");
        printf(ly_str(LY_S_INFO_ENTERPRISES_N, lang), b->n_enterprises);
        printf("\n");
        ly_info_enterprise_table(d, rows, (size_t)n, lang);
        free(rows);
    }
    if (b->extra)
        extra_text(b->extra, lang);
    return 0;
}


/* ---- louyu info FILE: the file's buildings ------------------------------------------ */

static void list_text(const ly_district *d, ly_lang lang)
{
    char buf[320], h[32];
    printf(ly_str(d->n_buildings == 1 ? LY_S_INFO_N_BUILDINGS_1 : LY_S_INFO_N_BUILDINGS, lang),
           d->meta.name || d->meta.name_en
               ? ly_info_names(d->meta.name, d->meta.name_en, lang, buf, sizeof buf)
               : d->source,
           d->n_buildings);
    printf("\n\n");
    /* the columns by terminal columns: a Chinese heading, 米 and an id may take two each;
     * the ids' column as wide as the longest id (up to 48: CityJSON's ids are 40 long), so
     * that the figures stay under their headings */
    int idw = 18;
    for (size_t i = 0; i < d->n_buildings; i++) {
        size_t w = d->buildings[i].id ? ly_cli_text_width(d->buildings[i].id) : 0;
        idw = w > (size_t)idw && w <= 48 ? (int)w : idw;
    }
    ly_cli_pad(ly_cli_str(LY_S_CSV_ID, lang, "ID"), -idw);
    printf(" ");
    ly_cli_pad(ly_str(LY_S_HEIGHT, lang), 8);
    printf(" ");
    ly_cli_pad(ly_cli_str(LY_S_CSV_FLOORS, lang, "Floors"), 6);
    printf(" ");
    ly_cli_pad(ly_cli_str(LY_S_OCCUPANCY, lang, "Occupied"), 9);
    printf("  %s\n", ly_cli_str(LY_S_CSV_NAME, lang, "Name"));
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        char pct[16] = "-";
        double occ = ly_building_occupancy(d, b, NULL, NULL);
        if (occ >= 0)
            percent(occ, 0, pct, sizeof pct);
        const char *name = b->name || b->name_en
                               ? ly_info_names(b->name, b->name_en, lang, buf, sizeof buf)
                               : ly_building_title(b, lang, buf, sizeof buf);
        ly_cli_pad(b->id, -idw);
        snprintf(h, sizeof h, ly_str(LY_S_INFO_METRES, lang), b->height_m);
        printf(" ");
        ly_cli_pad(h, 8);
        printf(" %6d %9s  %s\n", b->floors, pct, name);
    }
}

static cJSON *list_json(const ly_district *d)
{
    cJSON *arr = cJSON_CreateArray();
    char buf[160];
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        cJSON *o = cJSON_CreateObject();
        ly_json_str(o, "id", b->id);
        ly_json_str(o, "name", b->name);
        ly_json_str(o, "name_en", b->name_en);
        ly_json_str(o, "title", ly_building_title(b, LY_LANG_EN, buf, sizeof buf));
        ly_json_str(o, "type", b->type);
        cJSON_AddStringToObject(o, "status", ly_status_name(b->status));
        cJSON_AddNumberToObject(o, "height_m", ly_json_metres(b->height_m));
        cJSON_AddNumberToObject(o, "floors", b->floors);
        ly_json_num_or_null(o, "occupancy_rate", ly_building_occupancy(d, b, NULL, NULL));
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* ---- the command ---------------------------------------------------------------------- */

/* FILE and ID from the positionals: one that names a file is the FILE (its buildings
 * are listed); else it is an ID in the bundled district. */
static void file_and_id(const ly_args *a, const char **path, const char **id)
{
    const char *p0 = ly_arg_pos(a, 0), *p1 = ly_arg_pos(a, 1);
    *path = ly_default_data_path();
    *id = NULL;
    if (p1) {
        *path = p0;
        *id = p1;
    } else if (p0 && access(p0, F_OK) == 0) {
        *path = p0;
    } else {
        *id = p0;
    }
}

static int show(const ly_args *a, const ly_district *d, const ly_building *b, ly_lang lang)
{
    bool json = ly_arg_flag(a, "--json");
    if (ly_arg_flag(a, "--floors")) {
        if (json)
            ly_json_print(ly_info_floors_json(d, b));
        else
            ly_info_floors_text(d, b, lang);
    } else if (ly_arg_flag(a, "--enterprises")) {
        /* the keyword, or its name in either language, in any case */
        const char *industry = ly_industry_keyword(ly_arg_text(a, "--industry", NULL));
        const char *sort = ly_arg_text(a, "--sort", "floor");
        uint32_t *rows;
        long n = ly_directory_list(d, b, industry, (ly_enterprise_order)ly_enterprise_order_parse(sort),
                                   lang, &rows);
        if (n < 0) {
            fprintf(stderr, "louyu info: out of memory\n");
            return LY_EXIT_USAGE;
        }
        if (json)
            ly_json_print(ly_info_enterprises_json(d, rows, (size_t)n));
        else
            ly_info_enterprises_text(d, b, rows, (size_t)n, industry, lang);
        free(rows);
    } else if (json) {
        ly_json_print(building_json(d, b));
    } else if (info_text(d, b, lang) < 0) {
        fprintf(stderr, "louyu info: out of memory\n");
        return LY_EXIT_USAGE;
    }
    return LY_EXIT_OK;
}

int ly_cli_info(const ly_args *a)
{
    bool floors = ly_arg_flag(a, "--floors"), ents = ly_arg_flag(a, "--enterprises");
    if (floors && ents)
        return ly_cli_usage_error(a->cmd, "--floors and --enterprises are separate views: give one");
    if ((ly_arg_given(a, "--industry") || ly_arg_given(a, "--sort")) && !ents)
        return ly_cli_usage_error(a->cmd, "--industry and --sort go with --enterprises");
    /* every form's names, English first unless asked (the rest of the CLI is English) */
    ly_lang lang = ly_cli_lang(a);
    const char *path, *id;
    file_and_id(a, &path, &id);
    if (!id && (floors || ents))
        return ly_cli_usage_error(a->cmd, "%s needs a building's ID", floors ? "--floors"
                                                                              : "--enterprises");
    ly_district d;
    int rc = ly_cli_load_district(&d, path, a);
    if (rc)
        return rc;
    if (!id) {
        if (ly_arg_flag(a, "--json"))
            ly_json_print(list_json(&d));
        else
            list_text(&d, lang);
    } else {
        long i = ly_cli_building("info", path, &d, id);
        rc = i < 0 ? LY_EXIT_USAGE : show(a, &d, &d.buildings[i], lang);
    }
    ly_district_unload(&d);
    return rc;
}
