/* The card's Nearby tab: for each kind of place, the nearest one on foot from the
 * selected building, with its walking minutes and metres (nearest first); choosing one
 * draws its route on the map; a switch shows the 5, 10 and 15 minute walking areas.
 * Continues the card's panel. */
#include "view.h"
#include "louyu/icons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Yan'an San Road station" and under it "6 min walk · 430 m" (and "opened 2016"). */
/* The selected building's id, or NULL. */
static const char *st_building_id(const ly_app *app)
{
    long s = app->st.selected;
    return s >= 0 && (size_t)s < app->scene.district.n_buildings
               ? app->scene.district.buildings[s].id
               : NULL;
}

static void row(const ly_view_ctx *c, int kind, bool roads)
{
    const ly_app *app = c->app;
    const ly_feature *f = &app->scene.district.features[app->dv.nearby.feature[kind]];
    double metres = app->dv.nearby.metres[kind];
    const char *name = ly_view_pick(c, f->name, f->name_en);
    char label[200], detail[160], m[32], opened[48] = "";
    snprintf(label, sizeof label, "      %s##near%d", name ? name : ly_poi_category_title(kind, app->st.lang),
             kind);
    ly_format_grouped(metres, m, sizeof m);
    int year = ly_district_data_year(&app->scene.district);
    if (f->since && year && f->since > year)
        snprintf(opened, sizeof opened, " · %s",
                 ly_view_str(c, ly_str_opened(LY_S_OPENED_IN, kind)));
    char fmt[96];
    if (roads)
        snprintf(fmt, sizeof fmt, "%s%s", ly_view_str(c, LY_S_WALK_MIN), opened);
    else
        snprintf(fmt, sizeof fmt, "%s%s", ly_view_str(c, LY_S_WALK_STRAIGHT), opened);
    int minutes = ly_walk_minutes(metres);
    if (roads && opened[0])
        snprintf(detail, sizeof detail, fmt, minutes < 1 ? 1 : minutes, m, f->since);
    else if (roads)
        snprintf(detail, sizeof detail, fmt, minutes < 1 ? 1 : minutes, m);
    else if (opened[0])
        snprintf(detail, sizeof detail, fmt, m, f->since);
    else
        snprintf(detail, sizeof detail, fmt, m);
    /* a place that is this building (a hotel mapped on its outline) */
    if (metres == 0 ||
        (f->height_m > 0 && f->id && st_building_id(app) && !strcmp(f->id, st_building_id(app))))
        snprintf(detail, sizeof detail, "%s", ly_view_str(c, LY_S_IN_THIS_BUILDING));
    bool on = app->st.route_kind == kind;
    if (ly_ui_item_toggle(c->ui, label, detail, &on))
        ly_msg_int(c->out, LY_MSG_SET_ROUTE, kind);
    ly_view_row_icon(c, kind);
}

ly_view_out ly_view_nearby(const ly_view_ctx *c)
{
    const ly_app *app = c->app;
    const ly_state *st = &app->st;
    if (!c->L->card.shown || st->tab != LY_TAB_NEARBY)
        return (ly_view_out){0};
    if (ly_view_panel(c, "card", &c->L->card, NULL)) {
        bool areas = st->walk_areas;
        if (ly_ui_toggle(c->ui, ly_view_str(c, LY_S_WALK_AREAS), &areas))
            ly_msg_on(c->out, LY_MSG_SET_WALK_AREAS, areas);
        bool ready = app->dv.walk_for == st->selected;
        int order[LY_POI_COUNT], n = ready ? ly_walk_nearby_order(&app->dv.nearby, order) : 0;
        bool roads = app->dv.walk && ly_walk_edges(app->dv.walk) > 0;
        if (n)
            ly_ui_label_colored(c->ui, ly_view_str(c, LY_S_NEARBY_HINT), app->ui.theme.text_secondary);
        else if (ready)
            ly_ui_label(c->ui, ly_view_str(c, LY_S_NEARBY_NONE));
        if (n) {
            ly_ui_list_begin(c->ui, "nearby",
                             ly_view_list_height(c, (float)n * (app->ui.theme.row_h + 14) + 4, 0));
            for (int i = 0; i < n; i++)
                row(c, order[i], roads);
            ly_ui_list_end(c->ui);
        }
    }
    ly_ui_panel_end(c->ui);
    return (ly_view_out){.drew = true};
}
