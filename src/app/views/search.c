/* Search: a field, live results (those that fit above the scale bar, the rest scrolled
 * to), and the on-screen keyboard for a touch screen. */
#include "view.h"

#include <stdio.h>
#include <string.h>

/* Under a result's name, what matched: the name in the other language, or the
 * address, the enterprise or the industry that did. */
static void detail(const ly_view_ctx *c, const ly_search_hit *hit, char *buf, size_t n)
{
    const ly_building *b = &c->app->scene.district.buildings[hit->building];
    const char *text = hit->text ? hit->text : "";
    switch (hit->kind) {
    case LY_MATCH_NAME: {
        const char *other = ly_building_other_name(b, c->app->st.lang);
        snprintf(buf, n, "%s", other ? other : "");
        break;
    }
    case LY_MATCH_ADDRESS:
        snprintf(buf, n, ly_view_str(c, LY_S_MATCHED_ADDRESS), text);
        break;
    case LY_MATCH_ENTERPRISE:
        snprintf(buf, n, ly_view_str(c, LY_S_MATCHED_ENTERPRISE), text);
        break;
    default:
        snprintf(buf, n, ly_view_str(c, LY_S_MATCHED_INDUSTRY),
                 ly_industry_name(text, c->app->st.lang));
        break;
    }
}

static void results(const ly_view_ctx *c, const char *query, bool kbd_row)
{
    const ly_ui_theme *t = &c->ui->theme;
    /* a window too short for three results under the toolbar: they show while typing,
     * when the search has risen into the toolbar's place (the query stays in the field) */
    if (c->L->search_short && !c->L->search_lifted)
        return;
    float pitch = t->row_h + 10 + t->spacing; /* a result's row (ui.c's item rows) */
    float room = c->L->search_room - 2 * t->padding - (t->row_h + t->spacing) -
                 (kbd_row ? t->row_h + t->spacing : 0);
    int fit = (int)(room / pitch);
    fit = fit < 1 ? 1 : fit > 6 ? 6 : fit;
    /* (the results of the query as the frame began: a key typed now is in the next) */
    const ly_search_hit *hits = c->app->dv.hits;
    size_t n = query[0] ? c->app->dv.n_hits : 0;
    /* more than fit: those that fit, and the rest a scroll away */
    bool list = n > (size_t)fit;
    if (list)
        ly_ui_list_begin(c->ui, "hits", (float)fit * pitch - t->spacing);
    for (size_t i = 0; i < n; i++) {
        const ly_building *b = &c->app->scene.district.buildings[hits[i].building];
        char title[160], label[200], more[240];
        const char *name = ly_building_title(b, c->app->st.lang, title, sizeof title);
        snprintf(label, sizeof label, "%s##hit%u", name, hits[i].building);
        detail(c, &hits[i], more, sizeof more);
        if (ly_ui_item(c->ui, label, more)) {
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SELECT, .id = hits[i].building, .on = true});
            ly_msg_on(c->out, LY_MSG_SET_KEYBOARD, false);
            ly_ui_focus(c->ui, NULL); /* done typing: the search goes back to its place */
        }
    }
    if (list)
        ly_ui_list_end(c->ui);
    if (query[0] && !n && !strcmp(query, c->app->dv.hits_query)) /* (not while it runs) */
        ly_ui_label_colored(c->ui, ly_view_str(c, LY_S_NOTHING_FOUND), t->text_secondary);
}

/* The kiosk's keyboard: wide, at the bottom in the middle, within reach. */
static void keyboard(const ly_view_ctx *c)
{
    if (!c->L->keyboard.shown)
        return;
    if (ly_view_panel(c, "keyboard", &c->L->keyboard, NULL) &&
        ly_ui_keyboard(c->ui, "kbd", ly_view_str(c, LY_S_OK), ly_view_str(c, LY_S_KEY_SPACE)))
        ly_msg_on(c->out, LY_MSG_SET_KEYBOARD, false); /* Enter: done typing */
    ly_ui_panel_end(c->ui);
}

ly_view_out ly_view_search(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    if (!c->L->search.shown)
        return (ly_view_out){0};
    if (ly_view_panel(c, "search", &c->L->search, NULL)) {
        /* the field edits a copy; a change is a message */
        char query[sizeof st->query];
        snprintf(query, sizeof query, "%s", st->query);
        /* the on-screen keyboard types into the field: with it up, the field has the focus
         * (its switch, tapped, had taken it away, and the keys typed into nothing) */
        if (st->keyboard && !ly_ui_wants_keyboard(c->ui))
            ly_ui_focus(c->ui, "##query");
        bool had_focus = ly_ui_wants_keyboard(c->ui);
        if (ly_ui_text_field(c->ui, "##query", query, sizeof query,
                             ly_view_str(c, LY_S_SEARCH_HINT))) {
            ly_msg_text(c->out, LY_MSG_SET_QUERY, query);
            ly_ui_list_top(c->ui, "hits"); /* new results, from the best */
        }
        /* a finger on the field brings the keyboard up (a touch screen has no keys) */
        if (!had_focus && ly_ui_wants_keyboard(c->ui) && c->ui->touch && !st->keyboard)
            ly_msg_on(c->out, LY_MSG_SET_KEYBOARD, true);
        /* the keyboard's switch: on a kiosk or a screen being touched (not on a HiDPI
         * desktop, whose scale is as large as a kiosk's) */
        bool kbd_row = st->kiosk.on || c->ui->touch || st->keyboard;
        results(c, query, kbd_row);
        bool kbd = st->keyboard;
        if (kbd_row && ly_ui_toggle(c->ui, ly_view_str(c, LY_S_KEYBOARD), &kbd))
            ly_msg_on(c->out, LY_MSG_SET_KEYBOARD, kbd);
    }
    ly_ui_panel_end(c->ui);
    keyboard(c);
    return (ly_view_out){.drew = true};
}
