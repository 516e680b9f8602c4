/* The card's enterprise directory: industry chips, the order (name, floor,
 * industry: ly_directory_list, the same as `louyu info --enterprises`), and a
 * list of two-line rows; a row lights its floors on the stacking plan.
 * Continues the card's panel. */
#include "view.h"
#include "louyu/directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tabs in the order people pick them. */
static const ly_enterprise_order TAB_ORDER[3] = {LY_ORDER_NAME, LY_ORDER_FLOOR, LY_ORDER_INDUSTRY};

/* Chips for the building's industries (sixteen at most); one may filter. */
static void industry_chips(const ly_view_ctx *c, const ly_building *b)
{
    const ly_district *d = &c->app->scene.district;
    const char *filter = c->app->st.industry_filter, *seen[16];
    int n = 0;
    for (uint32_t i = 0; i < b->n_enterprises && n < 16; i++) {
        const char *ind = d->enterprises[b->first_enterprise + i].industry;
        bool dup = !ind;
        for (int k = 0; k < n && !dup; k++)
            dup = !strcmp(seen[k], ind);
        if (!dup)
            seen[n++] = ind;
    }
    for (int k = 0; k < n; k++) {
        bool on = filter[0] && !strcmp(filter, seen[k]);
        char label[96];
        snprintf(label, sizeof label, "%s##ind%s", ly_industry_name(seen[k], c->app->st.lang),
                 seen[k]);
        if (ly_ui_chip(c->ui, label, &on))
            ly_msg_text(c->out, LY_MSG_SET_INDUSTRY, on ? seen[k] : "");
    }
}

static void order_tabs(const ly_view_ctx *c)
{
    const char *names[3] = {ly_view_str(c, LY_S_SORT_NAME), ly_view_str(c, LY_S_SORT_FLOOR),
                            ly_view_str(c, LY_S_SORT_INDUSTRY)};
    int tab = 0;
    while (tab < 2 && TAB_ORDER[tab] != c->app->st.sort)
        tab++;
    int picked = ly_ui_tabs(c->ui, "sort", names, 3, tab);
    if (picked != tab)
        ly_msg_int(c->out, LY_MSG_SET_SORT, TAB_ORDER[picked]);
}

/* One row: the company's name on a line of its own; its floors and industry under it. */
static void entry(const ly_view_ctx *c, uint32_t index)
{
    const ly_district *d = &c->app->scene.district;
    const ly_state *st = &c->app->st;
    const ly_enterprise *e = &d->enterprises[index];
    char label[220], detail[160], floors[80];
    /* (as the card writes them: 26F, 28F, 100–130F; … +N past what fits) */
    ly_format_floors(d->enterprise_floors + e->first_floor, e->n_floors, st->lang, floors,
                     sizeof floors);
    snprintf(label, sizeof label, "%s##e%u", ly_view_pick(c, e->name, e->name_en), index);
    snprintf(detail, sizeof detail, "%s%s%s", floors, floors[0] && e->industry ? "  ·  " : "",
             e->industry ? ly_industry_name(e->industry, st->lang) : "");
    int lo, hi;
    ly_enterprise_floor_span(d, e, &lo, &hi);
    bool sel = lo && st->plan.floor_selected == lo && st->plan.floor_last == hi;
    if (ly_ui_item_toggle(c->ui, label, detail, &sel) && lo) {
        /* where the enterprise is: its floors on the stacking plan */
        if (!st->plan.on)
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_STACKING, .on = true,
                                         .f = st->plan.explode});
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SELECT_FLOORS, .i = sel ? lo : 0,
                                     .j = sel ? hi : 0});
    }
}

ly_view_out ly_view_enterprises(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    const ly_district *d = &c->app->scene.district;
    if (!c->L->card.shown || st->tab != LY_TAB_ENTERPRISES)
        return (ly_view_out){0};
    const ly_building *b = &d->buildings[st->selected];
    if (ly_view_panel(c, "card", &c->L->card, NULL)) {
        if (!b->n_enterprises) {
            ly_ui_label_colored(c->ui, ly_view_str(c, LY_S_NO_ENTERPRISES),
                                c->ui->theme.text_secondary);
        } else {
            industry_chips(c, b);
            order_tabs(c);
            uint32_t *rows;
            long n = ly_directory_list(d, b, st->industry_filter[0] ? st->industry_filter : NULL,
                                       st->sort, st->lang, &rows);
            ly_ui_list_begin(c->ui, "enterprises", ly_view_list_height(c, ly_view_card_list_want(c), 0));
            for (long k = 0; k < n; k++)
                entry(c, rows[k]);
            ly_ui_list_end(c->ui);
            free(rows);
        }
    }
    ly_ui_panel_end(c->ui);
    return (ly_view_out){.drew = true};
}
