/* The card's floors tab: the stacking plan's switches and the floor stack, top
 * floor first, each with its state and vacant area; a floor opens its card on
 * the plan. Continues the card's panel. */
#include "view.h"
#include "louyu/stacking.h"

#include <stdio.h>

static void plan_switches(const ly_view_ctx *c)
{
    const ly_plan_state *p = &c->app->st.plan;
    bool on = p->on, apart = p->explode > 0;
    if (ly_ui_toggle(c->ui, ly_view_str(c, LY_S_STACKING_PLAN), &on))
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_STACKING, .on = on, .f = p->explode});
    if (ly_ui_toggle(c->ui, ly_view_str(c, LY_S_PULL_APART), &apart))
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_STACKING, .on = p->on || apart,
                                     .f = apart ? 1.0f : 0.0f});
}

ly_view_out ly_view_floors(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    const ly_district *d = &c->app->scene.district;
    if (!c->L->card.shown || st->tab != LY_TAB_FLOORS)
        return (ly_view_out){0};
    const ly_building *b = &d->buildings[st->selected];
    if (ly_view_panel(c, "card", &c->L->card, NULL)) {
        plan_switches(c);
        if (!b->n_records) { /* one line, not a chip per floor each saying "No data" */
            char line[200];
            snprintf(line, sizeof line,
                     ly_view_str(c, b->floors == 1 ? LY_S_NO_FLOOR_RECORDS_1 : LY_S_NO_FLOOR_RECORDS),
                     b->floors);
            ly_ui_text_wrapped(c->ui, line);
            ly_ui_panel_end(c->ui);
            return (ly_view_out){.drew = true};
        }
        ly_ui_list_begin(c->ui, "floors", ly_view_list_height(c, ly_view_card_list_want(c), 0));
        for (int f = b->floors; f >= 1; f--) {
            const ly_floor_record *r;
            ly_floor_state s = ly_floor_state_of(d, b, f, &r);
            char label[160], v[32], name[24], state[80];
            snprintf(name, sizeof name, ly_view_str(c, LY_S_FLOOR_SHORT), f);
            /* a floor not of offices says its use: a plant floor is not "Leased" */
            bool other = r && r->use != LY_USE_OFFICE;
            bool space = r && ly_floor_has_space(r);
            if (s == LY_FLOOR_SERVICE) /* ("Plant", more than "Plant, parking") */
                snprintf(state, sizeof state, "%s", ly_view_use_name(c, r->use));
            else
                snprintf(state, sizeof state, "%s%s%s", other ? ly_view_use_name(c, r->use) : "",
                         other ? " · " : "", ly_view_str(c, ly_floor_state_name(s)));
            if (space) {
                ly_format_grouped(r->vacant_m2, v, sizeof v);
                snprintf(label, sizeof label, "%s  %s · %s m²##f%d", name, state, v, f);
            } else {
                snprintf(label, sizeof label, "%s  %s##f%d", name, state, f);
            }
            bool sel = st->plan.floor_selected == f;
            if (ly_ui_chip(c->ui, label, &sel)) {
                if (!st->plan.on)
                    ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_STACKING, .on = true,
                                                 .f = st->plan.explode});
                ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SELECT_FLOORS, .i = sel ? f : 0});
            }
        }
        ly_ui_list_end(c->ui);
    }
    ly_ui_panel_end(c->ui);
    return (ly_view_out){.drew = true};
}
