/* The kiosk's admin: a veil over everything, the PIN pad or the status panel
 * (data file, last reload and its first errors, uptime, frames, memory, log;
 * "reload now", "exit kiosk", "close"), and the ring that fills while the
 * corner is held. */
#include "view.h"
#include "louyu/clock.h"
#include "louyu/proc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The pad's line above the keys: the lock's countdown, the dots typed so far,
 * "wrong PIN", or a hint. */
static void pad_line(const ly_view_ctx *c)
{
    const ly_admin *a = &c->app->st.admin;
    ly_ui *ui = c->ui;
    char line[160];
    if (c->app->st.time < a->locked_until) {
        double left = a->locked_until - c->app->st.time; /* (in minutes past two) */
        if (left > 120)
            snprintf(line, sizeof line, ly_view_str(c, LY_S_ADMIN_LOCKED_MIN), (int)ceil(left / 60));
        else
            snprintf(line, sizeof line, ly_view_str(c, LY_S_ADMIN_LOCKED), (int)ceil(left));
        ly_ui_label_colored(ui, line, ly_rgba(190, 50, 40, 255));
    } else if (a->pin[0]) {
        size_t n = strlen(a->pin), used = 0;
        line[0] = '\0';
        for (size_t i = 0; i < n && used + 5 < sizeof line; i++)
            used += (size_t)snprintf(line + used, sizeof line - used, "%s", i ? " ●" : "●");
        ly_ui_label(ui, line);
    } else if (a->wrong) {
        ly_ui_label_colored(ui, ly_view_str(c, LY_S_ADMIN_WRONG), ly_rgba(190, 50, 40, 255));
    } else {
        snprintf(line, sizeof line, ly_view_str(c, LY_S_ADMIN_PIN_HINT), LY_PIN_MIN, LY_PIN_MAX);
        ly_ui_label_colored(ui, line, ui->theme.text_secondary);
    }
}

static void pin_pad(const ly_view_ctx *c)
{
    ly_ui *ui = c->ui;
    bool open = true;
    if (ly_view_panel(c, "admin-pad", &c->L->admin, &open)) {
        ly_ui_title(ui, ly_view_str(c, LY_S_ADMIN_PIN));
        pad_line(c);
        ly_ui_space(ui, 4);
        float key_h = ly_layout_pad_key_h(c->L);
        static const char *const keys[12] = {"1", "2", "3", "4", "5",      "6",
                                             "7", "8", "9", "←##back", "0", "OK##enter"};
        for (int i = 0; i < 12; i++) {
            if (i % 3)
                ly_ui_same_line(ui);
            const char *label = keys[i];
            char ok[64];
            if (i == 11) {
                snprintf(ok, sizeof ok, "%s##enter", ly_view_str(c, LY_S_OK));
                label = ok;
            }
            if (ly_ui_button_sized(ui, label, 76, key_h, i == 11))
                ly_msg_int(c->out, LY_MSG_ADMIN_KEY, i == 9 ? '\b' : i == 11 ? '\r' : keys[i][0]);
        }
        ly_ui_space(ui, 4);
        if (ly_ui_button_sized(ui, ly_view_str(c, LY_S_CANCEL), 0, 0, false))
            open = false;
    }
    ly_ui_panel_end(ui);
    if (!open)
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_ADMIN_CLOSE});
}

/* The status panel's rows: what a caretaker checks. */
static void status_rows(const ly_view_ctx *c)
{
    const ly_run_note *rn = &c->app->st.run;
    ly_ui *ui = c->ui;
    char v[1200];
    const char *slash = strrchr(rn->data_path, '/');
    size_t nb = c->app->scene.district.n_buildings;
    char count[32];
    ly_format_grouped((double)nb, count, sizeof count);
    snprintf(v, sizeof v, "%s · %s %s", slash ? slash + 1 : rn->data_path, count,
             ly_view_str(c, nb == 1 ? LY_S_BUILDING_1 : LY_S_BUILDINGS));
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_DATA), v);
    /* a URL that fails: since when and why (the log said it once; a caretaker looks here) */
    const ly_source_health *src = &c->app->source;
    if (src->failing) {
        char since[48]; /* (local, with its offset, as the last update's time is) */
        ly_clock_stamp(src->since, false, since, sizeof since);
        snprintf(v, sizeof v, ly_view_str(c, LY_S_ADMIN_SOURCE_FAILING), since, src->reason);
        ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_SOURCE), v);
    }
    /* (with nothing on screen, a failure keeps no old data: the kiosk is out of service) */
    bool none = !c->app->scene.loaded;
    if (rn->when[0])
        snprintf(v, sizeof v,
                 ly_view_str(c, rn->ok             ? LY_S_ADMIN_RELOAD_OK
                                : rn->count == 1 ? (none ? LY_S_ADMIN_LOAD_BAD_1
                                                         : LY_S_ADMIN_RELOAD_BAD_1)
                                                 : (none ? LY_S_ADMIN_LOAD_BAD
                                                         : LY_S_ADMIN_RELOAD_BAD)),
                 rn->when, rn->count);
    else
        snprintf(v, sizeof v, "%s", ly_view_str(c, LY_S_ADMIN_NONE));
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_LAST_RELOAD), v);
    /* each error's place in the panel's language ("第 1 行第 40 列：", "Line 1, column 40: ":
     * a bare "1:40:" read as a time of day beside the panel's times); the message itself is
     * the validator's, as `louyu validate` and the log give it */
    for (int i = 0; i < rn->n_errors; i++) {
        char e[320];
        if (rn->error_at[i][0])
            snprintf(e, sizeof e, ly_view_str(c, LY_S_ADMIN_ERROR_AT), rn->error_at[i][0],
                     rn->error_at[i][1], rn->errors[i]);
        else
            snprintf(e, sizeof e, "%s", rn->errors[i]);
        ly_ui_text_wrapped(ui, e);
    }
    double up = (ly_clock_ms() - rn->started_ms) / 1000;
    long d = (long)(up / 86400), h = (long)fmod(up / 3600, 24), m = (long)fmod(up / 60, 60),
         sec = (long)fmod(up, 60);
    if (d)
        snprintf(v, sizeof v, ly_view_str(c, LY_S_ADMIN_UPTIME_DAYS), d, h, m, sec);
    else
        snprintf(v, sizeof v, "%02ld:%02ld:%02ld", h, m, sec);
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_UPTIME), v);
    snprintf(v, sizeof v, ly_view_str(c, LY_S_ADMIN_FRAMES_VALUE), rn->frames, rn->frame_ms,
             rn->frame_ms_worst);
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_FRAMES), v);
    snprintf(v, sizeof v, "%.1f MB", ly_proc_rss_kb() / 1024.0);
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_MEMORY), v);
    ly_ui_key_value(ui, ly_view_str(c, LY_S_ADMIN_LOG),
                    rn->log_path[0] ? rn->log_path : ly_view_str(c, LY_S_ADMIN_LOG_STDERR));
}

/* "Exit kiosk" asks first: an ended kiosk is not restarted (exit status 4), and its screen
 * stays dark until someone comes. The answer is under the buttons, "End kiosk" in red at
 * the left, away from Close (and from the "×"), so that a second tap in the same place,
 * or a hand reaching for Close, does not end it. */
static void exit_question(const ly_view_ctx *c, float inner)
{
    ly_ui *ui = c->ui;
    ly_ui_space(ui, 8);
    ly_ui_separator(ui);
    ly_ui_text_wrapped(ui, ly_view_str(c, LY_S_ADMIN_EXIT_ASK));
    const char *end = ly_view_str(c, LY_S_ADMIN_EXIT_CONFIRM),
               *cancel = ly_view_str(c, LY_S_CANCEL);
    /* (Cancel takes the rest of the row, up to under Close; each its own row where both
     * do not fit, a phone's) */
    float we = fmaxf(ly_ui_button_width(ui, end), 0.35f * inner);
    bool one_row = we + ui->theme.spacing + ly_ui_button_width(ui, cancel) <= inner;
    ly_color accent = ui->theme.accent;
    ui->theme.accent = ui->theme.danger;
    bool ended = ly_ui_button_sized(ui, end, one_row ? we : 0, 0, true);
    ui->theme.accent = accent;
    if (ended)
        ly_msg_int(c->out, LY_MSG_ADMIN_REQUEST, LY_ADMIN_REQ_EXIT);
    if (one_row)
        ly_ui_same_line(ui);
    if (ly_ui_button_sized(ui, cancel, 0, 0, false))
        ly_msg_on(c->out, LY_MSG_ADMIN_ASK_EXIT, false);
}

static void status_panel(const ly_view_ctx *c)
{
    ly_ui *ui = c->ui;
    bool open = true;
    if (ly_view_panel(c, "admin-status", &c->L->admin, &open)) {
        ly_ui_title(ui, ly_view_str(c, LY_S_ADMIN_TITLE));
        status_rows(c);
        /* operations mode: the cameras, for the district's staff; it ends with the
         * kiosk's next idle reset or tour */
        bool ops = c->app->st.operations;
        if (ly_ui_toggle(ui, ly_view_str(c, LY_S_OPERATIONS_BADGE), &ops))
            ly_msg_on(c->out, LY_MSG_SET_OPERATIONS, ops);
        ly_ui_space(ui, 8);
        /* three buttons in a row, each as wide as its words and the room shared out; where
         * their words do not fit in one row (a phone's width: "Reload n…"), the reload has
         * its own row, and the other two share the next where they fit there */
        const char *reload = ly_view_str(c, LY_S_ADMIN_RELOAD),
                   *quit = ly_view_str(c, LY_S_ADMIN_EXIT);
        float gap = ui->theme.spacing, inner = c->L->admin.w / c->L->s - 2 * ui->theme.padding;
        float wr = ly_ui_button_width(ui, reload), wq = ly_ui_button_width(ui, quit),
              wc = ly_ui_button_width(ui, ly_view_str(c, LY_S_CLOSE));
        bool one_row = wr + wq + wc + 2 * gap <= inner, two = wq + wc + gap <= inner;
        float extra = one_row ? (inner - 2 * gap - wr - wq - wc) / 3
                              : (inner - gap - wq - wc) / 2;
        if (ly_ui_button_sized(ui, reload, one_row ? wr + extra : 0, 0, true))
            ly_msg_int(c->out, LY_MSG_ADMIN_REQUEST, LY_ADMIN_REQ_RELOAD);
        if (one_row)
            ly_ui_same_line(ui);
        if (ly_ui_button_sized(ui, quit, one_row || two ? wq + extra : 0, 0, false))
            ly_msg_on(c->out, LY_MSG_ADMIN_ASK_EXIT, true);
        if (one_row || two)
            ly_ui_same_line(ui);
        if (ly_ui_button_sized(ui, ly_view_str(c, LY_S_CLOSE), 0, 0, false))
            open = false;
        if (c->app->st.admin.exit_asking)
            exit_question(c, inner);
    }
    ly_ui_panel_end(ui);
    if (!open)
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_ADMIN_CLOSE});
}

ly_view_out ly_view_admin(const ly_view_ctx *c)
{
    if (!c->L->admin.shown)
        return (ly_view_out){0};
    /* a veil over everything: the admin's panels are modal */
    ly_draw_rect(c->dl, 0, 0, (float)c->L->width, (float)c->L->height, ly_rgba(12, 16, 24, 140));
    /* and opaque: nothing of the panels under it shows through */
    ly_color panel = c->ui->theme.panel;
    c->ui->theme.panel.a = 255;
    if (c->app->st.admin.open == LY_ADMIN_PAD)
        pin_pad(c);
    else
        status_panel(c);
    c->ui->theme.panel = panel;
    return (ly_view_out){.drew = true};
}

/* Held a second already: the ring appears and fills until the pad opens. */
ly_view_out ly_view_admin_hold(const ly_view_ctx *c)
{
    const ly_admin *a = &c->app->st.admin;
    double held = c->app->st.time - a->corner_t;
    if (!c->app->st.kiosk.on || !a->corner_down || held < 1.0)
        return (ly_view_out){0};
    float s = c->L->s, r = 22 * s, cx = a->corner_x, cy = a->corner_y;
    ly_draw_circle(c->dl, cx, cy, r + 8 * s, ly_rgba(20, 24, 32, 200));
    ly_draw_ring(c->dl, cx, cy, r, 3 * s, ly_rgba(255, 255, 255, 70));
    float k = (float)fmin(1.0, (held - 1.0) / (a->hold_s - 1.0));
    int segs = (int)ceilf(48 * k);
    for (int i = 0; i < segs; i++) {
        float t0 = (float)i / 48, t1 = fminf((float)(i + 1) / 48, k);
        float a0 = -1.5707963f + 6.2831853f * t0, a1 = -1.5707963f + 6.2831853f * t1;
        ly_draw_line(c->dl, cx + r * cosf(a0), cy + r * sinf(a0), cx + r * cosf(a1),
                     cy + r * sinf(a1), 4 * s, c->ui->theme.accent);
    }
    return (ly_view_out){.drew = true};
}
