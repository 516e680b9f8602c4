/* What the mouse, touch and keys do: H, F1 or the "?" by the compass (not in a
 * kiosk, whose visitors touch and have no keyboard to open it with). Two
 * columns side by side: pointer and touch; keys. */
#include "view.h"

/* A row: what to do (a key's name as it is on the keyboard, or a string of the
 * table) and what it does; a heading when `text` is 0. */
typedef struct {
    const char *keys;
    ly_string_id keys_id, text;
    bool window; /* a window's alone: not said in a web page (app.h in_page) */
    bool weeks;  /* the week slider's: said only where it shows (a store with weeks) */
} row;

#define HEADING(id) {NULL, id, 0, false, false}
#define KEYS(k, id) {k, 0, id, false, false}
#define ACTION(k, id) {NULL, k, id, false, false}
#define WINDOW_KEYS(k, id) {k, 0, id, true, false}
#define WINDOW_ACTION(k, id) {NULL, k, id, true, false}
#define WEEK_KEYS(k, id) {k, 0, id, false, true}

static const row POINTER[] = {
    HEADING(LY_S_HELP_MOUSE),
    ACTION(LY_S_HELP_DRAG, LY_S_HELP_ORBIT_VIEW),
    ACTION(LY_S_HELP_OTHER_DRAG, LY_S_HELP_PAN),
    ACTION(LY_S_HELP_WHEEL, LY_S_HELP_ZOOM_POINTER),
    ACTION(LY_S_HELP_SHIFT_DRAG, LY_S_HELP_TILT),
    ACTION(LY_S_HELP_CLICK, LY_S_HELP_SELECT_BUILDING),
    ACTION(LY_S_HELP_DOUBLE_CLICK, LY_S_HELP_FLY_TO),
    WINDOW_ACTION(LY_S_HELP_DROP, LY_S_HELP_DROP_OPENS),
    HEADING(LY_S_HELP_TOUCH),
    ACTION(LY_S_HELP_DRAG, LY_S_HELP_ORBIT),
    ACTION(LY_S_HELP_TWO_FINGERS, LY_S_HELP_TWO_FINGERS_DO),
    ACTION(LY_S_HELP_TWO_UP_DOWN, LY_S_HELP_TILT),
    ACTION(LY_S_HELP_TAP, LY_S_HELP_SELECT),
};

static const row KEYBOARD[] = {
    HEADING(LY_S_HELP_KEYS),
    KEYS("H  F1", LY_S_HELP_THESE),
    ACTION(LY_S_HELP_ARROWS, LY_S_HELP_PAN),
    KEYS("+  −", LY_S_HELP_ZOOM),
    KEYS("PgUp  PgDn", LY_S_HELP_TILT),
    KEYS("Q  E", LY_S_HELP_TWIST),
    KEYS("Home  T", LY_S_HELP_HOME_TOP),
    KEYS("C  B  F", LY_S_HELP_PANELS),
    KEYS("P  X", LY_S_HELP_PLAN),
    KEYS("L", LY_S_HELP_LANGUAGE),
    KEYS("Esc", LY_S_HELP_ESCAPE),
    WEEK_KEYS("←  →", LY_S_HELP_WEEKS),
    WINDOW_KEYS("Ctrl+R  F11  Ctrl+Q", LY_S_HELP_WINDOW),
};

static void rows(const ly_view_ctx *c, const row *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((r[i].window && c->app->in_page) || (r[i].weeks && !ly_layout_has_weeks(c->app)))
            continue;
        const char *keys = r[i].keys ? r[i].keys : ly_view_str(c, r[i].keys_id);
        if (!r[i].text) {
            if (i)
                ly_ui_space(c->ui, 6);
            ly_ui_label_colored(c->ui, keys, c->ui->theme.accent);
        } else {
            ly_ui_key_value(c->ui, keys, ly_view_str(c, r[i].text));
        }
    }
}

ly_view_out ly_view_help(const ly_view_ctx *c)
{
    if (!c->L->help.shown)
        return (ly_view_out){0};
    bool open = true;
    if (ly_view_panel(c, "help", &c->L->help, &open)) {
        ly_ui_title(c->ui, ly_view_str(c, LY_S_HELP_TITLE));
        rows(c, POINTER, sizeof POINTER / sizeof *POINTER);
    }
    ly_ui_panel_end(c->ui);
    if (ly_view_panel(c, "help-keys", &c->L->help_keys, NULL))
        rows(c, KEYBOARD, sizeof KEYBOARD / sizeof *KEYBOARD);
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_on(c->out, LY_MSG_SET_HELP, false);
    return (ly_view_out){.drew = true};
}
