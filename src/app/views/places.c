/* The places panel: which kinds of place the map shows (each with its pictogram's
 * colour and how many the district has), all or none at once, and whether places
 * opened after the data's date are shown too. */
#include "view.h"
#include "louyu/icons.h"

#include <stdio.h>

ly_view_out ly_view_places(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    const ly_district *d = &c->app->scene.district;
    if (!c->L->places.shown)
        return (ly_view_out){0};
    bool open = true;
    if (ly_view_panel(c, "places", &c->L->places, &open)) {
        ly_ui_title(c->ui, ly_view_str(c, LY_S_PLACES));
        /* how many the map shows, and those it leaves out as opened after the data's date
         * (a row had said "Metro station 2" over a map with no station on it) */
        size_t count[LY_POI_COUNT] = {0}, after[LY_POI_COUNT] = {0};
        int year = ly_district_data_year(d);
        for (size_t i = 0; i < d->n_features; i++) {
            const ly_feature *f = &d->features[i];
            if (f->kind != LY_KIND_POI || f->subtype < 0 || f->subtype >= LY_POI_COUNT)
                continue;
            bool hidden = !st->place_later && !(ly_app_later_kinds(c->app) & (1u << f->subtype)) &&
                          year && f->since > year;
            (hidden ? after : count)[f->subtype]++;
        }
        if (ly_ui_button(c->ui, ly_view_str(c, LY_S_PLACES_ALL)))
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_PLACE_KIND, .i = LY_POI_COUNT, .on = true});
        ly_ui_same_line(c->ui);
        if (ly_ui_button(c->ui, ly_view_str(c, LY_S_PLACES_NONE)))
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_PLACE_KIND, .i = LY_POI_COUNT, .on = false});
        ly_ui_list_begin(c->ui, "kinds", ly_view_list_height(c, 360, 36 + 8) /* (the switch under it) */);
        for (int k = 0; k < LY_POI_COUNT; k++) {
            char label[96], detail[96];
            snprintf(label, sizeof label, "      %s##kind%d", ly_poi_category_title(k, st->lang), k);
            if (after[k])
                snprintf(detail, sizeof detail,
                         ly_view_str(c, ly_str_opened(LY_S_PLACES_COUNT_LATER, k)), count[k],
                         after[k], year);
            else
                snprintf(detail, sizeof detail, "%zu", count[k]);
            bool on = st->place_kinds & (1u << k);
            if (ly_ui_item_toggle(c->ui, label, detail, &on))
                ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_PLACE_KIND, .i = k, .on = on});
            ly_view_row_icon(c, k);
        }
        ly_ui_list_end(c->ui);
        bool later = st->place_later;
        if (ly_ui_toggle(c->ui, ly_view_str(c, LY_S_PLACES_LATER), &later))
            ly_msg_on(c->out, LY_MSG_SET_PLACE_LATER, later);
    }
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_on(c->out, LY_MSG_SET_PLACES_PANEL, false);
    return (ly_view_out){.drew = true};
}
