/* The toolbar under the title: the other language, colour-by (each tap the next
 * mode), the dashboard, finder and places switches, in operations mode the cameras',
 * and (not in a kiosk) the export menu. */
#include "view.h"

#include <stdio.h>

/* Export…: under it, while open, what can be written (not in a kiosk: its visitors
 * have no files). */
#ifndef LY_WEB /* the browser build writes no files */
static void export_menu(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    char label[96];
    snprintf(label, sizeof label, "%s##export", ly_view_str(c, LY_S_EXPORT));
    if (ly_ui_button(c->ui, label))
        ly_msg_on(c->out, LY_MSG_SET_EXPORT_MENU, !st->export_menu);
    if (!st->export_menu)
        return;
    static const ly_string_id item[LY_EXPORT_KINDS] = {
        [LY_EXPORT_MAP] = LY_S_EXPORT_MAP,
        [LY_EXPORT_MAP_LARGE] = LY_S_EXPORT_MAP_LARGE,
        [LY_EXPORT_MODEL] = LY_S_EXPORT_MODEL,
        [LY_EXPORT_CITYJSON] = LY_S_EXPORT_CITYJSON,
        [LY_EXPORT_STOCK] = LY_S_EXPORT_STOCK,
        [LY_EXPORT_FLOORS] = LY_S_EXPORT_FLOORS,
    };
    for (int k = 0; k < LY_EXPORT_KINDS; k++) {
        ly_string_id id = item[k];
        if (st->selected >= 0 && k == LY_EXPORT_MODEL)
            id = LY_S_EXPORT_MODEL_SELECTION;
        else if (st->selected >= 0 && k == LY_EXPORT_CITYJSON)
            id = LY_S_EXPORT_CITYJSON_SELECTION;
        snprintf(label, sizeof label, "%s##export%d", ly_view_str(c, id), k);
        if (ly_ui_button(c->ui, label))
            ly_msg_int(c->out, LY_MSG_EXPORT, k);
    }
}
#endif

ly_view_out ly_view_toolbar(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    ly_ui *ui = c->ui;
    if (!c->L->toolbar.shown)
        return (ly_view_out){0};
    if (ly_view_panel(c, "lang", &c->L->toolbar, NULL)) {
        /* (no "中文" where the font has no Chinese characters: it would be blank) */
        bool lang = !(c->app->font_lacks_cjk && st->lang == LY_LANG_EN);
        if (lang && ly_ui_button(ui, ly_view_str(c, LY_S_OTHER_LANGUAGE)))
            ly_msg_int(c->out, LY_MSG_SET_LANGUAGE, st->lang == LY_LANG_ZH ? LY_LANG_EN : LY_LANG_ZH);
        char mode[96];
        snprintf(mode, sizeof mode, "%s →##colour", ly_color_mode_title(st->color_mode, st->lang));
        if (lang && c->L->compact_toolbar &&
            ly_ui_button_width(ui, ly_view_str(c, LY_S_OTHER_LANGUAGE)) + ui->theme.spacing +
                    ly_ui_button_width(ui, mode) <=
                LY_LAYOUT_COLUMN_W - 2 * ui->theme.padding)
            ly_ui_same_line(ui);
        if (ly_ui_button(ui, mode))
            ly_msg_int(c->out, LY_MSG_SET_COLOR_MODE, (st->color_mode + 1) % LY_COLOR_MODES);
        bool board = st->dashboard, find = st->finder;
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_DASHBOARD), &board))
            ly_msg_on(c->out, LY_MSG_SET_DASHBOARD, board);
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_FIND_SPACE), &find))
            ly_msg_on(c->out, LY_MSG_SET_FINDER, find);
        bool places = st->places_panel;
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_PLACES), &places))
            ly_msg_on(c->out, LY_MSG_SET_PLACES_PANEL, places);
        bool cams = st->cameras_panel;
        if (st->operations && ly_ui_toggle(ui, ly_view_str(c, LY_S_CAMERAS), &cams))
            ly_msg_on(c->out, LY_MSG_SET_CAMERAS_PANEL, cams);
#ifndef LY_WEB /* the browser build writes no files */
        if (!st->kiosk.on)
            export_menu(c);
#endif
    }
    ly_ui_panel_end(ui);
    return (ly_view_out){.drew = true};
}
