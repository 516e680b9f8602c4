/* louyu validate | stats | info | gl-info */
#include "cli.h"
#include "louyu/search.h"
#include "louyu/directory.h"
#include "louyu/district.h"
#include "louyu/platform.h"
#include "louyu/render.h"
#include "louyu/stats.h"
#include "louyu/strings.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------------- */

static int file_exists(const char *path)
{
    return access(path, R_OK) == 0;
}

const char *ly_default_data_path(void)
{
    static char found[PATH_MAX];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        const char *rel[] = {"/../share/louyu/zhanshan.geojson", "/data/zhanshan.geojson",
                             "/../data/zhanshan.geojson"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            snprintf(found, sizeof found, "%s%s", exe, rel[i]);
            if (file_exists(found))
                return found;
        }
    }
    snprintf(found, sizeof found, "%s/data/zhanshan.geojson", LY_SOURCE_DIR);
    return found;
}

static const char *thousands(double v, char *buf, size_t n)
{
    ly_format_grouped(v, buf, n);
    return buf;
}

/* Loads a file, printing its diagnostics to stderr. Returns an exit status. */
static int load_or_report(ly_district *d, const char *path)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    ly_load_result r = ly_district_load(d, path, NULL, &diags);
    ly_diag_sort(&diags);
    for (size_t i = 0; i < diags.count; i++)
        if (r != LY_LOAD_OK || diags.items[i].severity == LY_DIAG_ERROR)
            ly_diag_print(stderr, &diags, &diags.items[i]);
    if (r == LY_LOAD_DATA)
        fprintf(stderr, "%s: %zu error%s (run louyu validate for all problems)\n", path,
                diags.errors, diags.errors == 1 ? "" : "s");
    ly_diag_list_deinit(&diags);
    return r == LY_LOAD_OK ? LY_EXIT_OK : r == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
}

static int has_flag(int argc, char **argv, const char *flag)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], flag))
            return 1;
    return 0;
}

/* Positional (non-option) arguments, in order. */
static int positionals(int argc, char **argv, char **out, int max)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        if (n < max)
            out[n] = argv[i];
        n++;
    }
    return n;
}

static int unknown_options(int argc, char **argv, const char *const *known)
{
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' || !argv[i][1])
            continue;
        int ok = 0;
        for (const char *const *k = known; *k; k++)
            ok |= !strcmp(argv[i], *k);
        if (!ok) {
            fprintf(stderr, "louyu %s: unknown option '%s' (try louyu --help)\n", argv[0],
                    argv[i]);
            return 1;
        }
    }
    return 0;
}

/* ---- validate --------------------------------------------------------------- */

int ly_cmd_validate(int argc, char **argv)
{
    long max_errors = 50;
    int files = 0, worst = LY_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--max-errors")) {
            char *end;
            if (i + 1 >= argc || (max_errors = strtol(argv[i + 1], &end, 10)) < 0 || *end) {
                fprintf(stderr, "louyu validate: --max-errors needs a number ≥ 0\n");
                return LY_EXIT_USAGE;
            }
            i++;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "louyu validate: unknown option '%s'\n", argv[i]);
            return LY_EXIT_USAGE;
        }
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--max-errors")) {
            i++;
            continue;
        }
        files++;
        const char *path = argv[i];
        ly_diag_list diags;
        ly_diag_list_init(&diags, path);
        ly_district d;
        ly_load_result r = ly_district_load(&d, path, NULL, &diags);
        ly_diag_sort(&diags);
        long shown = 0;
        for (size_t k = 0; k < diags.count && shown < max_errors; k++, shown++)
            ly_diag_print(stderr, &diags, &diags.items[k]);
        size_t total = diags.errors + diags.warnings;
        if (total > (size_t)shown)
            fprintf(stderr, "%s: %zu more not shown (use --max-errors N)\n", path,
                    total - (size_t)shown);
        if (r == LY_LOAD_OK) {
            printf("%s: valid: %zu building%s, %zu other feature%s, %zu enterprise%s", path,
                   d.n_buildings, d.n_buildings == 1 ? "" : "s", d.n_features,
                   d.n_features == 1 ? "" : "s", d.n_enterprises,
                   d.n_enterprises == 1 ? "" : "s");
            if (d.n_skipped)
                printf(", %zu features skipped", d.n_skipped);
            printf("; %zu warning%s\n", diags.warnings, diags.warnings == 1 ? "" : "s");
        } else if (r == LY_LOAD_DATA) {
            printf("%s: invalid: %zu error%s, %zu warning%s\n", path, diags.errors,
                   diags.errors == 1 ? "" : "s", diags.warnings, diags.warnings == 1 ? "" : "s");
            if (worst == LY_EXIT_OK)
                worst = LY_EXIT_DATA;
        } else {
            worst = LY_EXIT_USAGE;
        }
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
    }
    if (!files) {
        fprintf(stderr, "usage: louyu validate FILE... [--max-errors N]\n");
        return LY_EXIT_USAGE;
    }
    return worst;
}

/* ---- stats ------------------------------------------------------------------ */

static void json_num_or_null(cJSON *o, const char *key, double v)
{
    if (v < 0 || !isfinite(v))
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, v);
}

static void json_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void print_json(cJSON *root)
{
    char *text = cJSON_Print(root);
    if (text)
        puts(text);
    cJSON_free(text);
    cJSON_Delete(root);
}

static void stats_json(const ly_district *d, const ly_stats *s)
{
    cJSON *o = cJSON_CreateObject();
    json_str(o, "district", d->meta.name);
    json_str(o, "district_en", d->meta.name_en);
    json_str(o, "data_date", d->meta.data_date);
    cJSON_AddNumberToObject(o, "buildings", (double)s->buildings);
    cJSON_AddNumberToObject(o, "completed", (double)s->completed);
    cJSON_AddNumberToObject(o, "under_construction", (double)s->under_construction);
    cJSON_AddNumberToObject(o, "buildings_with_occupancy", (double)s->with_occupancy);
    cJSON_AddNumberToObject(o, "enterprises_in_buildings", (double)s->enterprises_in_buildings);
    json_num_or_null(o, "enterprises_registered", s->enterprises_registered);
    json_num_or_null(o, "enterprise_share", s->enterprise_share);
    cJSON_AddNumberToObject(o, "gfa_m2", s->gfa_m2);
    cJSON_AddNumberToObject(o, "recorded_area_m2", s->recorded_area_m2);
    cJSON_AddNumberToObject(o, "leased_m2", s->leased_m2);
    cJSON_AddNumberToObject(o, "vacant_m2", s->vacant_m2);
    json_num_or_null(o, "occupancy_rate", s->occupancy_rate);
    cJSON_AddNumberToObject(o, "floors_recorded", (double)s->floors_recorded);
    cJSON_AddNumberToObject(o, "floors_vacant", (double)s->floors_vacant);
    cJSON_AddNumberToObject(o, "floors_partly_vacant", (double)s->floors_partly_vacant);
    cJSON_AddNumberToObject(o, "tax_2010_cny", s->tax_2010_cny);
    cJSON_AddNumberToObject(o, "tax_2010_buildings", (double)s->tax_2010_known);
    cJSON *big = cJSON_AddArrayToObject(o, "tax_2010_over_100m");
    for (size_t i = 0; i < d->n_buildings; i++)
        if (d->buildings[i].tax_2010_cny >= LY_TAX_BIG_CNY)
            cJSON_AddItemToArray(big, cJSON_CreateString(d->buildings[i].id));
    json_num_or_null(o, "tax_q1_2011_cny", s->tax_q1_2011_cny);
    json_num_or_null(o, "new_enterprises_q1_2011", s->new_enterprises_q1_2011);
    cJSON_AddNumberToObject(o, "service_points", (double)s->service_points);
    cJSON_AddNumberToObject(o, "max_height_m", s->max_height_m);
    cJSON *ill = cJSON_AddArrayToObject(o, "illustrative");
    for (size_t i = 0; i < d->meta.n_illustrative; i++)
        cJSON_AddItemToArray(ill, cJSON_CreateString(d->meta.illustrative[i]));
    print_json(o);
}

static void stats_text(const ly_district *d, const ly_stats *s)
{
    char a[40], b[40];
    if (d->meta.name)
        printf("District              %s %s%s%s\n", d->meta.name,
               d->meta.name_en ? d->meta.name_en : "", d->meta.data_date ? ", data of " : "",
               d->meta.data_date ? d->meta.data_date : "");
    printf("Buildings             %zu (%zu completed, %zu under construction)\n", s->buildings,
           s->completed, s->under_construction);
    printf("  with occupancy data %zu\n", s->with_occupancy);
    if (s->enterprise_share >= 0)
        printf("Enterprises           %s in buildings of %s registered in the district "
               "(%.1f %%)\n",
               thousands((double)s->enterprises_in_buildings, a, sizeof a),
               thousands(s->enterprises_registered, b, sizeof b), 100 * s->enterprise_share);
    else
        printf("Enterprises           %s in buildings\n",
               thousands((double)s->enterprises_in_buildings, a, sizeof a));
    if (s->gfa_m2 > 0)
        printf("Gross floor area      %s m²\n", thousands(s->gfa_m2, a, sizeof a));
    if (s->occupancy_rate >= 0) {
        printf("Recorded floor area   %s m² on %zu floors\n",
               thousands(s->recorded_area_m2, a, sizeof a), s->floors_recorded);
        printf("Leased                %s m²\n", thousands(s->leased_m2, a, sizeof a));
        printf("Vacant                %s m² (%zu floors fully vacant, %zu partly)\n",
               thousands(s->vacant_m2, a, sizeof a), s->floors_vacant, s->floors_partly_vacant);
        printf("Occupancy rate        %.1f %%\n", 100 * s->occupancy_rate);
    } else {
        printf("Occupancy             no data\n");
    }
    if (s->tax_2010_known) {
        printf("Tax 2010              %s CNY (%zu buildings report it)\n",
               thousands(s->tax_2010_cny, a, sizeof a), s->tax_2010_known);
        printf("Buildings ≥ 100 M CNY %zu", s->tax_big);
        const char *sep = ": ";
        for (size_t i = 0; i < d->n_buildings; i++) {
            const ly_building *bd = &d->buildings[i];
            if (bd->tax_2010_cny >= LY_TAX_BIG_CNY) {
                printf("%s%s", sep, bd->name_en ? bd->name_en : bd->name ? bd->name : bd->id);
                sep = ", ";
            }
        }
        printf("\n");
    }
    if (s->tax_q1_2011_cny >= 0)
        printf("District tax Q1 2011  %s CNY\n", thousands(s->tax_q1_2011_cny, a, sizeof a));
    if (s->new_enterprises_q1_2011 >= 0)
        printf("New enterprises Q1 2011  %.0f\n", s->new_enterprises_q1_2011);
    if (s->service_points)
        printf("Government service points  %zu\n", s->service_points);
    if (d->meta.n_illustrative) {
        printf("Illustrative figures:\n");
        for (size_t i = 0; i < d->meta.n_illustrative; i++)
            printf("  - %s\n", d->meta.illustrative[i]);
    }
}

int ly_cmd_stats(int argc, char **argv)
{
    static const char *const known[] = {"--json", NULL};
    char *pos[2];
    int npos = positionals(argc, argv, pos, 2);
    if (unknown_options(argc, argv, known) || npos > 1) {
        fprintf(stderr, "usage: louyu stats [FILE] [--json]\n");
        return LY_EXIT_USAGE;
    }
    const char *path = npos ? pos[0] : ly_default_data_path();
    ly_district d;
    int rc = load_or_report(&d, path);
    if (rc)
        return rc;
    ly_stats s;
    ly_stats_compute(&d, &s);
    if (has_flag(argc, argv, "--json"))
        stats_json(&d, &s);
    else
        stats_text(&d, &s);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

/* ---- info ------------------------------------------------------------------- */

/* employees and since are left out when unknown, as they always were. */
static cJSON *enterprise_json(const ly_district *d, const ly_enterprise *e)
{
    cJSON *j = cJSON_CreateObject();
    json_str(j, "name", e->name);
    json_str(j, "name_en", e->name_en);
    json_str(j, "industry", e->industry);
    cJSON *fl = cJSON_AddArrayToObject(j, "floors");
    for (uint32_t k = 0; k < e->n_floors; k++)
        cJSON_AddItemToArray(fl, cJSON_CreateNumber(d->enterprise_floors[e->first_floor + k]));
    if (e->employees >= 0)
        cJSON_AddNumberToObject(j, "employees", e->employees);
    json_num_or_null(j, "registered_capital_cny", e->registered_capital_cny);
    if (e->since)
        cJSON_AddNumberToObject(j, "since", e->since);
    return j;
}

static cJSON *building_json(const ly_district *d, const ly_building *b)
{
    cJSON *o = cJSON_CreateObject();
    json_str(o, "id", b->id);
    json_str(o, "name", b->name);
    json_str(o, "name_en", b->name_en);
    json_str(o, "address", b->address);
    json_str(o, "address_en", b->address_en);
    cJSON_AddStringToObject(o, "status", ly_status_name(b->status));
    if (b->year)
        cJSON_AddNumberToObject(o, "year", b->year);
    else
        cJSON_AddNullToObject(o, "year");
    cJSON_AddNumberToObject(o, "height_m", b->height_m);
    cJSON_AddNumberToObject(o, "min_height_m", b->min_height_m);
    cJSON_AddNumberToObject(o, "floors", b->floors);
    cJSON *fh = cJSON_AddArrayToObject(o, "floor_heights");
    for (int i = 0; i < b->floors; i++)
        cJSON_AddItemToArray(fh, cJSON_CreateNumber(
                                     round(d->floor_heights[b->first_floor_height + i] * 1000) /
                                     1000));
    cJSON_AddBoolToObject(o, "floor_heights_given", b->floor_heights_given);
    cJSON *parts = cJSON_AddArrayToObject(o, "parts");
    for (uint32_t i = 0; i < b->n_polygons; i++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + i];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "min_height_m", pg->min_height_m);
        cJSON_AddNumberToObject(p, "height_m", pg->height_m);
        cJSON_AddNumberToObject(p, "rings", pg->n_rings);
        cJSON_AddItemToArray(parts, p);
    }
    json_num_or_null(o, "gfa_m2", b->gfa_m2);
    json_num_or_null(o, "rent_cny_m2_day", b->rent_cny_m2_day);
    json_num_or_null(o, "tax_2010_cny", b->tax_2010_cny);
    cJSON_AddBoolToObject(o, "tax_2010_over_100m", b->tax_2010_cny >= LY_TAX_BIG_CNY);
    if (b->contact.name || b->contact.phone || b->contact.email) {
        cJSON *c = cJSON_AddObjectToObject(o, "contact");
        json_str(c, "name", b->contact.name);
        json_str(c, "name_en", b->contact.name_en);
        json_str(c, "phone", b->contact.phone);
        json_str(c, "email", b->contact.email);
    } else {
        cJSON_AddNullToObject(o, "contact");
    }
    if (b->has_services) {
        cJSON *sv = cJSON_AddObjectToObject(o, "services");
        json_str(sv, "name", b->services.name);
        json_str(sv, "name_en", b->services.name_en);
        const char *lists[2] = {"windows", "offerings"};
        uint32_t firsts[2] = {b->services.first_window, b->services.first_offering};
        uint32_t counts[2] = {b->services.n_windows, b->services.n_offerings};
        for (int k = 0; k < 2; k++) {
            cJSON *arr = cJSON_AddArrayToObject(sv, lists[k]);
            for (uint32_t i = 0; i < counts[k]; i++) {
                const ly_name_pair *np = &d->names[firsts[k] + i];
                cJSON *e = cJSON_CreateObject();
                json_str(e, "name", np->name);
                json_str(e, "name_en", np->name_en);
                cJSON_AddItemToArray(arr, e);
            }
        }
    } else {
        cJSON_AddNullToObject(o, "services");
    }
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    cJSON *oc = cJSON_AddObjectToObject(o, "occupancy");
    json_num_or_null(oc, "rate", occ);
    cJSON_AddNumberToObject(oc, "recorded_area_m2", area);
    cJSON_AddNumberToObject(oc, "vacant_m2", vacant);
    cJSON *vf = cJSON_AddArrayToObject(oc, "floors_with_vacancy");
    cJSON *recs = cJSON_AddArrayToObject(o, "floor_records");
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "floor", r->floor);
        cJSON_AddStringToObject(e, "use", ly_floor_use_name(r->use));
        cJSON_AddNumberToObject(e, "area_m2", r->area_m2);
        cJSON_AddNumberToObject(e, "vacant_m2", r->vacant_m2);
        cJSON_AddItemToArray(recs, e);
        if (r->vacant_m2 > 0)
            cJSON_AddItemToArray(vf, cJSON_CreateNumber(r->floor));
    }
    cJSON *ents = cJSON_AddArrayToObject(o, "enterprises");
    for (uint32_t i = 0; i < b->n_enterprises; i++)
        cJSON_AddItemToArray(ents, enterprise_json(d, &d->enterprises[b->first_enterprise + i]));
    json_str(o, "type", b->type);
    cJSON *extra = b->extra ? cJSON_Parse(b->extra) : NULL;
    if (extra)
        cJSON_AddItemToObject(o, "other_properties", extra);
    cJSON *bb = cJSON_AddArrayToObject(o, "bbox");
    double box[4] = {b->lon_min, b->lat_min, b->lon_max, b->lat_max};
    for (int k = 0; k < 4; k++)
        cJSON_AddItemToArray(bb, cJSON_CreateNumber(box[k]));
    return o;
}

static void info_text(const ly_district *d, const ly_building *b)
{
    char a[40], c[40];
    printf("%s%s%s  [%s]\n", b->name ? b->name : b->id, b->name_en ? "  " : "",
           b->name_en ? b->name_en : "", b->id);
    if (b->address || b->address_en)
        printf("Address        %s%s%s\n", b->address ? b->address : "",
               b->address && b->address_en ? " / " : "", b->address_en ? b->address_en : "");
    printf("Status         %s", b->status == LY_STATUS_COMPLETED ? "completed" :
                                                                   "under construction");
    if (b->year)
        printf(" (%s %d)", b->status == LY_STATUS_COMPLETED ? "built" : "due", b->year);
    printf("\n");
    printf("Height         %.1f m, %d floor%s", b->height_m, b->floors, b->floors == 1 ? "" : "s");
    if (b->min_height_m > 0)
        printf(", from %.1f m", b->min_height_m);
    if (b->n_polygons > 1)
        printf(", %u parts", b->n_polygons);
    printf("\n");
    if (b->type)
        printf("Type           %s\n", b->type);
    if (b->gfa_m2 > 0)
        printf("Floor area     %s m²\n", thousands(b->gfa_m2, a, sizeof a));
    if (b->rent_cny_m2_day >= 0)
        printf("Rent           %.2f CNY/m²/day\n", b->rent_cny_m2_day);
    if (b->tax_2010_cny >= 0)
        printf("Tax 2010       %s CNY%s\n", thousands(b->tax_2010_cny, a, sizeof a),
               b->tax_2010_cny >= LY_TAX_BIG_CNY ? "  (亿元楼: over 100 M CNY)" : "");
    if (b->contact.name || b->contact.phone)
        printf("Contact        %s%s%s\n", b->contact.name ? b->contact.name : "",
               b->contact.phone ? "  " : "", b->contact.phone ? b->contact.phone : "");
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    if (occ >= 0)
        printf("Occupancy      %.1f %% of %s m² leased; %s m² vacant\n", 100 * occ,
               thousands(area, a, sizeof a), thousands(vacant, c, sizeof c));
    else
        printf("Occupancy      no data\n");
    if (b->has_services) {
        printf("Services       %s%s%s\n", b->services.name ? b->services.name : "",
               b->services.name_en ? " / " : "", b->services.name_en ? b->services.name_en : "");
        for (uint32_t i = 0; i < b->services.n_windows; i++) {
            const ly_name_pair *np = &d->names[b->services.first_window + i];
            printf("  window       %s%s%s\n", np->name, np->name_en ? " / " : "",
                   np->name_en ? np->name_en : "");
        }
        for (uint32_t i = 0; i < b->services.n_offerings; i++) {
            const ly_name_pair *np = &d->names[b->services.first_offering + i];
            printf("  service      %s%s%s\n", np->name, np->name_en ? " / " : "",
                   np->name_en ? np->name_en : "");
        }
    }
    if (b->n_records) {
        printf("\nFloor  use          area m²   vacant m²\n");
        for (uint32_t i = b->n_records; i-- > 0;) {
            const ly_floor_record *r = &d->records[b->first_record + i];
            printf("%5d  %-11s %9.0f %11.0f%s\n", r->floor, ly_floor_use_name(r->use), r->area_m2,
                   r->vacant_m2,
                   r->vacant_m2 >= r->area_m2 ? "  vacant" : r->vacant_m2 > 0 ? "  partly vacant"
                                                                            : "");
        }
    }
    if (b->n_enterprises) {
        printf("\nEnterprises (%u)\n", b->n_enterprises);
        for (uint32_t i = 0; i < b->n_enterprises; i++) {
            const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
            char floors[64] = "";
            size_t o = 0;
            for (uint32_t k = 0; k < e->n_floors && o + 8 < sizeof floors; k++)
                o += (size_t)snprintf(floors + o, sizeof floors - o, "%s%d", k ? "," : "F",
                                      d->enterprise_floors[e->first_floor + k]);
            printf("  %-6s %-14s %s%s%s\n", floors, e->industry ? e->industry : "", e->name,
                   e->name_en ? " / " : "", e->name_en ? e->name_en : "");
        }
    }
    if (b->extra)
        printf("\nOther properties  %s\n", b->extra);
}

/* ---- info --floors ---------------------------------------------------------- */

/* Lines of `louyu info ID --floors` stay within this many terminal columns, and
 * each floor's enterprises take at most this many lines under it. */
#define INFO_WIDTH 100
#define INFO_NAME_LINES 3
#define INFO_NAME_INDENT 7

static void title_line(const ly_building *b)
{
    printf("%s%s%s  [%s]\n", b->name ? b->name : b->id, b->name_en ? "  " : "",
           b->name_en ? b->name_en : "", b->id);
}

/* The same words as the full info table and ly_stats: a floor with nothing left
 * to lease (vacant ≥ area) is vacant. */
static const char *floor_status(const ly_floor_record *r)
{
    if (!r)
        return "no data";
    return r->vacant_m2 >= r->area_m2 ? "vacant" : r->vacant_m2 > 0 ? "partly vacant" : "leased";
}

/* Records are sorted by floor and at most one per floor (the loader checks). */
static const ly_floor_record *floor_record(const ly_district *d, const ly_building *b, int floor)
{
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        if (r->floor == floor)
            return r;
        if (r->floor > floor)
            break;
    }
    return NULL;
}

static int on_floor(const ly_district *d, const ly_enterprise *e, int floor)
{
    for (uint32_t k = 0; k < e->n_floors; k++)
        if (d->enterprise_floors[e->first_floor + k] == floor)
            return 1;
    return 0;
}

/* Terminal columns of UTF-8 text: CJK and fullwidth forms take two. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p++, cp = c;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more)
            cp = c & (0x3Fu >> more);
        for (; more && (*p & 0xC0) == 0x80; more--)
            cp = cp << 6 | (*p++ & 0x3Fu);
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

/* "中文名 (English name)", or the Chinese name alone. */
static void display_name(const ly_enterprise *e, char *buf, size_t n)
{
    if (e->name_en)
        snprintf(buf, n, "%s (%s)", e->name, e->name_en);
    else
        snprintf(buf, n, "%s", e->name);
}

/* The enterprises on one floor, comma-separated, wrapped under the floor's row;
 * what does not fit in INFO_NAME_LINES lines is counted as "… and N more". */
static void floor_enterprises_text(const ly_district *d, const ly_building *b, int floor)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++)
        total += (uint32_t)on_floor(d, &d->enterprises[b->first_enterprise + i], floor);
    if (!total)
        return;
    int line = 0;
    size_t col = 0; /* 0: nothing on this line yet */
    uint32_t shown = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        if (!on_floor(d, e, floor))
            continue;
        char name[512];
        display_name(e, name, sizeof name);
        size_t w = text_width(name), sep = col ? 2 : 0;
        /* the last line keeps room for ", … and NNN more" */
        size_t reserve = shown + 1 < total && line == INFO_NAME_LINES - 1 ? 16 : 0;
        size_t start = col ? col : INFO_NAME_INDENT;
        if (col && start + sep + w + reserve > INFO_WIDTH) {
            /* a new line, unless none is left or the name would not fit the last one */
            int last = line + 1 == INFO_NAME_LINES - 1;
            size_t room = shown + 1 < total && last ? 16 : 0;
            if (line + 1 >= INFO_NAME_LINES || (last && room && INFO_NAME_INDENT + w + room >
                                                                    INFO_WIDTH))
                break;
            printf(",\n");
            line++;
            col = 0;
            sep = 0;
            start = INFO_NAME_INDENT;
        }
        printf("%s%*s%s", col ? ", " : "", col ? 0 : INFO_NAME_INDENT, "", name);
        col = start + sep + w;
        shown++;
    }
    if (shown < total && col + 16 > INFO_WIDTH)
        printf(",\n%*s… and %u more", INFO_NAME_INDENT, "", total - shown);
    else if (shown < total)
        printf(", … and %u more", total - shown);
    printf("\n");
}

static void floors_text(const ly_district *d, const ly_building *b)
{
    title_line(b);
    if (!b->n_records)
        printf("No floor records: occupancy and use are unknown for all %d floors.\n", b->floors);
    printf("\nFloor  use          area m²   vacant m²  status\n");
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r = floor_record(d, b, f);
        if (r)
            printf("%5d  %-11s %9.0f %11.0f  %s\n", f, ly_floor_use_name(r->use), r->area_m2,
                   r->vacant_m2, floor_status(r));
        else
            printf("%5d  %-11s %9s %11s  %s\n", f, "-", "-", "-", floor_status(NULL));
        floor_enterprises_text(d, b, f);
    }
}

/* Top floor first, like the text. */
static cJSON *floors_json(const ly_district *d, const ly_building *b)
{
    cJSON *arr = cJSON_CreateArray();
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r = floor_record(d, b, f);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "floor", f);
        json_str(o, "use", r ? ly_floor_use_name(r->use) : NULL);
        if (r) {
            cJSON_AddNumberToObject(o, "area_m2", r->area_m2);
            cJSON_AddNumberToObject(o, "vacant_m2", r->vacant_m2);
        } else {
            cJSON_AddNullToObject(o, "area_m2");
            cJSON_AddNullToObject(o, "vacant_m2");
        }
        cJSON_AddStringToObject(o, "status", floor_status(r));
        cJSON *names = cJSON_AddArrayToObject(o, "enterprises");
        for (uint32_t i = 0; i < b->n_enterprises; i++) {
            const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
            if (on_floor(d, e, f))
                cJSON_AddItemToArray(names, cJSON_CreateString(e->name));
        }
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* ---- info --enterprises ----------------------------------------------------- */

static void enterprises_text(const ly_district *d, const ly_building *b, const uint32_t *rows,
                             size_t n, const char *industry)
{
    title_line(b);
    if (!n) {
        if (industry)
            printf("No enterprises in industry \"%s\" (of %u on record).\n", industry,
                   b->n_enterprises);
        else
            printf("No enterprises on record.\n");
        return;
    }
    printf("%zu enterprise%s%s%s%s\n\n", n, n == 1 ? "" : "s", industry ? " in industry \"" : "",
           industry ? industry : "", industry ? "\"" : "");
    printf("Floors  Industry          Employees  Since  Name\n");
    for (size_t i = 0; i < n; i++) {
        const ly_enterprise *e = &d->enterprises[rows[i]];
        char floors[64] = "-", staff[16] = "-", since[16] = "-";
        size_t o = 0;
        for (uint32_t k = 0; k < e->n_floors && o + 8 < sizeof floors; k++)
            o += (size_t)snprintf(floors + o, sizeof floors - o, "%s%d", k ? "," : "F",
                                  d->enterprise_floors[e->first_floor + k]);
        if (e->employees >= 0)
            snprintf(staff, sizeof staff, "%d", e->employees);
        if (e->since)
            snprintf(since, sizeof since, "%d", e->since);
        printf("%-7s %-17s %9s  %5s  %s%s%s\n", floors, e->industry ? e->industry : "-", staff,
               since, e->name, e->name_en ? " / " : "", e->name_en ? e->name_en : "");
    }
}

static cJSON *enterprises_json(const ly_district *d, const uint32_t *rows, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, enterprise_json(d, &d->enterprises[rows[i]]));
    return arr;
}

static void info_usage(void)
{
    fprintf(stderr, "usage: louyu info [FILE] ID [--json]\n"
                    "       louyu info [FILE] ID --floors [--json]\n"
                    "       louyu info [FILE] ID --enterprises [--industry NAME] "
                    "[--sort floor|name|industry] [--json]\n");
}

int ly_cmd_info(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *industry = NULL, *sort = NULL;
    int npos = 0, json = 0, floors = 0, ents = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--floors")) {
            floors = 1;
        } else if (!strcmp(a, "--enterprises")) {
            ents = 1;
        } else if (!strcmp(a, "--industry") || !strcmp(a, "--sort")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "louyu info: %s needs a value\n", a);
                info_usage();
                return LY_EXIT_USAGE;
            }
            *(!strcmp(a, "--sort") ? &sort : &industry) = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "louyu info: unknown option '%s' (try louyu --help)\n", a);
            info_usage();
            return LY_EXIT_USAGE;
        } else {
            if (npos < 2)
                pos[npos] = a;
            npos++;
        }
    }
    const char *problem = NULL;
    if (floors && ents)
        problem = "--floors and --enterprises are separate views: give one";
    else if ((industry || sort) && !ents)
        problem = "--industry and --sort go with --enterprises";
    else if (sort && strcmp(sort, "floor") && strcmp(sort, "name") && strcmp(sort, "industry"))
        problem = "--sort takes floor, name or industry";
    if (problem)
        fprintf(stderr, "louyu info: %s\n", problem);
    if (problem || npos < 1 || npos > 2) {
        info_usage();
        return LY_EXIT_USAGE;
    }
    ly_enterprise_order by = sort ? (ly_enterprise_order)ly_enterprise_order_parse(sort)
                                  : LY_ORDER_FLOOR;
    const char *path = npos == 2 ? pos[0] : ly_default_data_path();
    const char *id = pos[npos - 1];
    ly_district d;
    int rc = load_or_report(&d, path);
    if (rc)
        return rc;
    long i = ly_district_find(&d, id);
    if (i < 0) {
        fprintf(stderr, "louyu info: %s has no building with id \"%s\"", path, id);
        if (d.n_buildings) {
            fprintf(stderr, "; ids include:");
            for (size_t k = 0; k < d.n_buildings && k < 8; k++)
                fprintf(stderr, " %s", d.buildings[k].id);
        }
        fprintf(stderr, "\n");
        ly_district_unload(&d);
        return LY_EXIT_USAGE;
    }
    const ly_building *b = &d.buildings[i];
    if (floors) {
        if (json)
            print_json(floors_json(&d, b));
        else
            floors_text(&d, b);
    } else if (ents) {
        uint32_t *rows;
        long n = ly_directory_list(&d, b, industry, by, LY_LANG_ZH, &rows);
        if (n < 0) {
            fprintf(stderr, "louyu info: out of memory\n");
            ly_district_unload(&d);
            return LY_EXIT_USAGE;
        }
        if (json)
            print_json(enterprises_json(&d, rows, (size_t)n));
        else
            enterprises_text(&d, b, rows, (size_t)n, industry);
        free(rows);
    } else if (json) {
        print_json(building_json(&d, b));
    } else {
        info_text(&d, b);
    }
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

/* ---- gl-info ---------------------------------------------------------------- */

int ly_cmd_gl_info(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: louyu gl-info\n");
        return LY_EXIT_USAGE;
    }
    char err[256];
    ly_platform *p = ly_platform_create(&(ly_window_desc){.width = 64, .height = 64,
                                                          .hidden = true},
                                        err, sizeof err);
    if (!p) {
        fprintf(stderr, "louyu gl-info: %s\n", err);
        return LY_EXIT_USAGE;
    }
    ly_render_info info;
    int ok = ly_render_query_info(&info) == 0;
    printf("video driver  %s\nvendor        %s\nrenderer      %s\nversion       %s\nGLSL          "
           "%s\nMSAA samples  %d\nmax texture   %d\n",
           ly_platform_video_driver(p), info.vendor, info.renderer, info.version, info.glsl,
           ly_platform_msaa_samples(p), info.max_texture_size);
    ly_platform_destroy(p);
    if (!ok) {
        fprintf(stderr, "louyu gl-info: OpenGL %d.%d is older than the 3.3 louyu needs\n",
                info.gl_version / 10, info.gl_version % 10);
        return LY_EXIT_USAGE;
    }
    return LY_EXIT_OK;
}
