/* louyu nearby: what the card's Nearby tab shows, on the command line: for a building,
 * the nearest place of each kind on foot over the district's roads, with walking
 * minutes and metres, nearest first; --json adds each route as lon/lat points. */
#include "data.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/places.h"
#include "louyu/strings.h"
#include "louyu/walk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The route to a place as [lon, lat] points. */
static cJSON *route(const ly_walk *w, const ly_walk_from *s, const ly_geo *geo,
                    const ly_feature *f)
{
    double x, y;
    ly_proj_forward(&geo->proj, f->lon, f->lat, &x, &y);
    size_t n = ly_walk_path(w, s, x, y, NULL, 0);
    double *xy = n ? malloc(n * 2 * sizeof *xy) : NULL;
    cJSON *arr = cJSON_CreateArray();
    if (!xy)
        return arr;
    n = ly_walk_path(w, s, x, y, xy, n);
    for (size_t i = 0; i < n; i++) {
        double lon, lat;
        ly_proj_inverse(&geo->proj, xy[2 * i], xy[2 * i + 1], &lon, &lat);
        cJSON *p = cJSON_CreateArray();
        cJSON_AddItemToArray(p, cJSON_CreateNumber(round(lon * 1e7) / 1e7));
        cJSON_AddItemToArray(p, cJSON_CreateNumber(round(lat * 1e7) / 1e7));
        cJSON_AddItemToArray(arr, p);
    }
    free(xy);
    return arr;
}

/* A place that is this building (a hotel mapped on its outline) or is in it (a point
 * inside its outline: 0 m). */
static bool in_building(const ly_feature *f, const ly_building *b, double metres)
{
    return metres == 0 || (f->height_m > 0 && f->id && !strcmp(f->id, b->id));
}

static void print_json(const ly_district *d, const ly_geo *geo, const ly_walk *w,
                       const ly_walk_from *s, const ly_building *b, const int *order, int n,
                       const ly_walk_nearby *nb)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "building", b->id);
    cJSON_AddNumberToObject(o, "metres_per_minute", LY_WALK_M_PER_MIN);
    cJSON_AddNumberToObject(o, "reach_m", LY_WALK_NEARBY_M);
    cJSON_AddNumberToObject(o, "road_edges", (double)ly_walk_edges(w));
    bool roads = ly_walk_edges(w) > 0;
    cJSON *arr = cJSON_AddArrayToObject(o, "nearby");
    int year = ly_district_data_year(d);
    for (int i = 0; i < n; i++) {
        const ly_feature *f = &d->features[nb->feature[order[i]]];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "category", ly_poi_category_name(order[i]));
        ly_json_str(p, "id", f->id);
        ly_json_str(p, "name", f->name);
        ly_json_str(p, "name_en", f->name_en);
        /* the minutes the text and the card show: whole ones, up; none in a straight
         * line; 0 for a place in the building */
        bool in = in_building(f, b, nb->metres[order[i]]);
        cJSON_AddNumberToObject(p, "metres", round(nb->metres[order[i]]));
        if (in || roads)
            cJSON_AddNumberToObject(p, "minutes", in ? 0 : ly_walk_minutes(nb->metres[order[i]]));
        else
            cJSON_AddNullToObject(p, "minutes");
        cJSON_AddBoolToObject(p, "in_building", in);
        cJSON_AddBoolToObject(p, "later", f->since && year && f->since > year);
        cJSON_AddItemToObject(p, "route", route(w, s, geo, f));
        cJSON_AddItemToArray(arr, p);
    }
    ly_json_print(o);
}

static void print_text(const ly_district *d, const ly_building *b, const int *order, int n,
                       const ly_walk_nearby *nb, bool roads, ly_lang lang)
{
    char title[320], reach[32];
    ly_thousands(LY_WALK_NEARBY_M, reach, sizeof reach);
    printf("%s [%s]: %s\n", ly_cli_title(b, lang, " / ", title, sizeof title), b->id,
           ly_str(roads ? LY_S_NEARBY_ON_FOOT : LY_S_NEARBY_STRAIGHT, lang));
    int year = ly_district_data_year(d);
    for (int i = 0; i < n; i++) {
        const ly_feature *f = &d->features[nb->feature[order[i]]];
        const char *name = lang == LY_LANG_EN && f->name_en ? f->name_en : f->name ? f->name : f->name_en;
        char m[32];
        ly_thousands(nb->metres[order[i]], m, sizeof m);
        int minutes = ly_walk_minutes(nb->metres[order[i]]);
        /* a place without a name (a car park from a map export) is its category alone */
        if (in_building(f, b, nb->metres[order[i]]))
            printf("  %s  ", ly_str(LY_S_IN_THIS_BUILDING, lang));
        else if (roads) {
            printf("  ");
            printf(ly_str(LY_S_NEARBY_ROW_WALK, lang), minutes, m);
            printf("  ");
        } else { /* a straight line (the first line says so): no minutes */
            printf("  ");
            printf(ly_str(LY_S_NEARBY_ROW_STRAIGHT, lang), m);
            printf("  ");
        }
        printf("%s%s%s", ly_poi_category_title(order[i], lang), name ? " · " : "",
               name ? name : "");
        if (f->id)
            printf(" [%s]", f->id);
        if (f->since && year && f->since > year) {
            char opened[64];
            snprintf(opened, sizeof opened, ly_str(ly_str_opened(LY_S_OPENED_IN, order[i]), lang),
                     f->since);
            printf(ly_str(LY_S_PAREN, lang), opened);
        }
        printf("\n");
    }
    if (!n) {
        printf("  %s", ly_str(LY_S_NEARBY_NONE, lang));
        printf(ly_str(LY_S_NEARBY_REACH, lang), reach);
        printf("\n");
    }
}

int ly_cli_nearby(const ly_args *a)
{
    const char *path = ly_arg_pos(a, 1) ? ly_arg_pos(a, 0) : ly_default_data_path();
    const char *id = ly_arg_pos(a, 1) ? ly_arg_pos(a, 1) : ly_arg_pos(a, 0);
    if (!id)
        return ly_cli_usage_error(a->cmd, "which building? give its ID");
    ly_lang lang = ly_cli_lang(a);
    ly_district d;
    int rc = ly_cli_load_district(&d, path, a);
    if (rc)
        return rc;
    long bi = ly_cli_building("nearby", path, &d, id);
    if (bi < 0) {
        ly_district_unload(&d);
        return LY_EXIT_USAGE;
    }
    ly_geo geo;
    ly_walk *w = NULL;
    ly_walk_from *s = NULL;
    if (ly_geo_init(&geo, &d) || !(w = ly_walk_create(&d, &geo)) ||
        !(s = ly_walk_search_building(w, &d, &geo, (size_t)bi, LY_WALK_NEARBY_M))) {
        fprintf(stderr, "louyu nearby: out of memory\n");
        rc = LY_EXIT_USAGE;
    } else {
        ly_walk_nearby nb;
        ly_walk_nearby_pois(w, s, &d, &geo, &nb);
        int order[LY_POI_COUNT], n = ly_walk_nearby_order(&nb, order);
        if (ly_arg_flag(a, "--json"))
            print_json(&d, &geo, w, s, &d.buildings[bi], order, n, &nb);
        else
            print_text(&d, &d.buildings[bi], order, n, &nb, ly_walk_edges(w) > 0, lang);
    }
    ly_walk_from_destroy(s);
    ly_walk_destroy(w);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    return rc;
}
