/* The toolbar under the title: the other language, colour-by (each tap the next
 * mode), and the dashboard and finder switches. */
#include "view.h"

#include <stdio.h>

ly_view_out ly_view_toolbar(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    ly_ui *ui = c->ui;
    if (!c->L->toolbar.shown)
        return (ly_view_out){0};
    if (ly_view_panel(c, "lang", &c->L->toolbar, NULL)) {
        if (ly_ui_button(ui, ly_view_str(c, LY_S_OTHER_LANGUAGE)))
            ly_msg_int(c->out, LY_MSG_SET_LANGUAGE, st->lang == LY_LANG_ZH ? LY_LANG_EN : LY_LANG_ZH);
        char mode[96];
        snprintf(mode, sizeof mode, "%s →##colour", ly_color_mode_title(st->color_mode, st->lang));
        if (ly_ui_button(ui, mode))
            ly_msg_int(c->out, LY_MSG_SET_COLOR_MODE, (st->color_mode + 1) % LY_COLOR_MODES);
        bool board = st->dashboard, find = st->finder;
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_DASHBOARD), &board))
            ly_msg_on(c->out, LY_MSG_SET_DASHBOARD, board);
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_FIND_SPACE), &find))
            ly_msg_on(c->out, LY_MSG_SET_FINDER, find);
    }
    ly_ui_panel_end(ui);
    return (ly_view_out){.drew = true};
}
