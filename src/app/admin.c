/* The kiosk's admin: a long press in the top-left corner, a PIN pad, and a
 * status panel for whoever looks after the kiosk.
 *
 * The public sees no trace of it: the corner is empty map, nothing shows
 * until the press has been held for a second, and without a PIN hash in the
 * config the press does nothing at all. Wrong PINs lock the pad for a
 * minute after five tries; an open pad or panel left alone closes after a
 * minute, and the kiosk's reset closes it too. */
#include "app.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/proc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CORNER_DP 80.0f    /* the square in the top-left corner that listens */
#define SLOP_DP 24.0f      /* a held press may wander this far */
#define SHOW_AFTER_S 1.0   /* the progress ring appears after this */
#define LOCK_S 60.0        /* the pad's lock after LY_ADMIN_MAX_FAILS wrong PINs */
#define LEAVE_OPEN_S 60.0  /* an untouched pad or panel closes after this */

void ly_admin_setup(ly_app *app, const char *pin_hash, double hold_s)
{
    ly_admin *a = &app->admin;
    snprintf(a->pin_hash, sizeof a->pin_hash, "%s", pin_hash ? pin_hash : "");
    a->hold_s = hold_s > 0 ? hold_s : 5;
    if (!a->started_ms)
        a->started_ms = ly_clock_ms();
}

void ly_admin_open(ly_app *app, int which)
{
    ly_admin *a = &app->admin;
    a->open = which;
    a->pin[0] = '\0';
    a->wrong = false;
    a->touched_t = app->time;
    a->corner_down = false;
    if (which == LY_ADMIN_PAD)
        a->opens++;
    if (app->attract) { /* the tour stops as it does for any touch */
        app->attract = false;
        ly_app_select(app, -1, false);
    }
    app->keyboard = false;
    app->redraw = true;
}

static void close_admin(ly_app *app)
{
    app->admin.open = LY_ADMIN_CLOSED;
    app->admin.pin[0] = '\0';
    app->redraw = true;
}

void ly_admin_frame(ly_app *app, double ms)
{
    ly_admin *a = &app->admin;
    a->frames++;
    a->frame_ms = a->frames == 1 ? ms : a->frame_ms + 0.02 * (ms - a->frame_ms);
    if (ms > a->frame_ms_worst)
        a->frame_ms_worst = ms;
}

static bool in_corner(const ly_app *app, float x, float y)
{
    float c = CORNER_DP * app->ui_scale;
    return x >= 0 && y >= 0 && x < c && y < c;
}

static void pad_key(ly_app *app, char k)
{
    ly_admin *a = &app->admin;
    a->touched_t = app->time;
    if (app->time < a->locked_until)
        return;
    size_t n = strlen(a->pin);
    if (k >= '0' && k <= '9' && n < LY_PIN_MAX) {
        a->pin[n] = k;
        a->pin[n + 1] = '\0';
        a->wrong = false;
    } else if (k == '\b' && n > 0) {
        a->pin[n - 1] = '\0';
    } else if (k == '\r' && n > 0) {
        /* Argon2id takes a moment here, on purpose: it is what makes guessing slow */
        bool ok = ly_pin_verify(a->pin_hash, a->pin);
        memset(a->pin, 0, sizeof a->pin);
        if (ok) {
            LY_INFO("ADMIN", "admin panel opened");
            a->fails = 0;
            a->unlocks++;
            a->open = LY_ADMIN_STATUS;
        } else {
            a->wrong = true;
            if (++a->fails >= LY_ADMIN_MAX_FAILS) {
                LY_WARN("ADMIN", "%d wrong PINs: the pad is locked for %.0f s", a->fails, LOCK_S);
                a->locked_until = app->time + LOCK_S;
                a->fails = 0;
            } else {
                LY_WARN("ADMIN", "wrong PIN (%d of %d)", a->fails, LY_ADMIN_MAX_FAILS);
            }
        }
    }
    app->redraw = true;
}

bool ly_admin_event(ly_app *app, const ly_event *e)
{
    ly_admin *a = &app->admin;
    if (a->open) {
        a->touched_t = app->time;
        if (e->type == LY_EV_TEXT) {
            for (const char *p = e->text; *p; p++)
                pad_key(app, *p);
        } else if (e->type == LY_EV_KEY_DOWN) {
            if (e->key == LY_KEY_BACKSPACE)
                pad_key(app, '\b');
            else if (e->key == LY_KEY_ENTER)
                pad_key(app, '\r');
            else if (e->key == LY_KEY_ESCAPE)
                close_admin(app);
        } else if (app->font) {
            ly_ui_input(&app->ui_ctx, e);
        }
        return true; /* the pad and the panel are modal: nothing reaches the map */
    }
    if (!a->pin_hash[0])
        return false;
    /* the hidden gesture: one pointer held still in the corner */
    switch (e->type) {
    case LY_EV_MOUSE_DOWN:
    case LY_EV_FINGER_DOWN:
        if ((e->type == LY_EV_FINGER_DOWN || e->button == LY_BUTTON_LEFT) &&
            in_corner(app, e->x, e->y) && !a->corner_down) {
            a->corner_down = true;
            a->corner_x = e->x;
            a->corner_y = e->y;
            a->corner_t = app->time;
        } else {
            a->corner_down = false; /* a second finger is another gesture */
        }
        break;
    case LY_EV_MOUSE_MOVE:
    case LY_EV_FINGER_MOVE:
        if (a->corner_down &&
            fabsf(e->x - a->corner_x) + fabsf(e->y - a->corner_y) > SLOP_DP * app->ui_scale)
            a->corner_down = false;
        break;
    case LY_EV_MOUSE_UP:
    case LY_EV_FINGER_UP:
    case LY_EV_LEAVE:
        a->corner_down = false;
        break;
    default:
        break;
    }
    return false;
}

void ly_admin_update(ly_app *app)
{
    ly_admin *a = &app->admin;
    if (a->corner_down) {
        double held = app->time - a->corner_t;
        if (held >= a->hold_s) {
            LY_INFO("ADMIN", "corner held %.0f s: PIN pad", held);
            ly_admin_open(app, LY_ADMIN_PAD);
            /* the press goes on: the map must not take its release as a tap */
            app->drag_button = 0;
            app->cam.dragging = false;
        } else if (held >= SHOW_AFTER_S) {
            app->redraw = true; /* the progress ring fills */
        }
    }
    if (a->open && app->time - a->touched_t > LEAVE_OPEN_S)
        close_admin(app);
    if (a->open == LY_ADMIN_PAD && a->locked_until > app->time)
        app->redraw = true; /* the countdown */
}

/* ---- drawing ------------------------------------------------------------------- */

/* The ring that fills while the corner is held, once it has been held a second. */
static void draw_hold(ly_app *app)
{
    ly_admin *a = &app->admin;
    double held = app->time - a->corner_t;
    if (!a->corner_down || held < SHOW_AFTER_S)
        return;
    float s = app->ui_scale, r = 22 * s;
    float cx = a->corner_x, cy = a->corner_y;
    ly_draw_circle(&app->ui, cx, cy, r + 8 * s, ly_rgba(20, 24, 32, 200));
    ly_draw_ring(&app->ui, cx, cy, r, 3 * s, ly_rgba(255, 255, 255, 70));
    float k = (float)fmin(1.0, (held - SHOW_AFTER_S) / (a->hold_s - SHOW_AFTER_S));
    int segs = (int)ceilf(48 * k);
    for (int i = 0; i < segs; i++) {
        float t0 = (float)i / 48, t1 = fminf((float)(i + 1) / 48, k);
        float a0 = -1.5707963f + 6.2831853f * t0, a1 = -1.5707963f + 6.2831853f * t1;
        ly_draw_line(&app->ui, cx + r * cosf(a0), cy + r * sinf(a0), cx + r * cosf(a1),
                     cy + r * sinf(a1), 4 * s, app->ui_ctx.theme.accent);
    }
}

static void pin_pad(ly_app *app)
{
    ly_admin *a = &app->admin;
    ly_ui *ui = &app->ui_ctx;
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    /* keys 60 dp tall where there is room, smaller on a short screen at kiosk scale */
    float screen_h = app->height / s;
    float key_h = fmaxf(36, fminf(60, (screen_h - 24 - 200) / 4 - 10));
    const float key = 76, gap = 10, w = 3 * key + 2 * gap + 2 * 20;
    float total = 150 + 4 * (key_h + 10); /* title, hint, keys, cancel, padding */
    float x = fmaxf(0, (app->width / s - w) / 2), y = fmaxf(0, (screen_h - total) / 2);
    bool open = true;
    if (ly_ui_panel_begin(ui, "admin-pad", x, y, w, 0, &open)) {
        ly_ui_title(ui, ly_str(LY_S_ADMIN_PIN, app->lang));
        char line[160];
        bool locked = app->time < a->locked_until;
        if (locked) {
            snprintf(line, sizeof line, ly_str(LY_S_ADMIN_LOCKED, app->lang),
                     (int)ceil(a->locked_until - app->time));
            ly_ui_label_colored(ui, line, ly_rgba(190, 50, 40, 255));
        } else if (a->pin[0]) {
            size_t n = strlen(a->pin), used = 0;
            line[0] = '\0';
            for (size_t i = 0; i < n && used + 5 < sizeof line; i++)
                used += (size_t)snprintf(line + used, sizeof line - used, "%s", i ? " ●" : "●");
            ly_ui_label(ui, line);
        } else if (a->wrong) {
            ly_ui_label_colored(ui, ly_str(LY_S_ADMIN_WRONG, app->lang),
                                ly_rgba(190, 50, 40, 255));
        } else {
            ly_ui_label_colored(ui, ly_str(LY_S_ADMIN_PIN_HINT, app->lang),
                                ui->theme.text_secondary);
        }
        ly_ui_space(ui, 4);
        static const char *const keys[12] = {"1", "2", "3", "4", "5", "6",
                                             "7", "8", "9", "←##back", "0", "OK##enter"};
        for (int i = 0; i < 12; i++) {
            if (i % 3)
                ly_ui_same_line(ui);
            const char *label = keys[i];
            char ok[64];
            if (i == 11) {
                snprintf(ok, sizeof ok, "%s##enter", ly_str(LY_S_OK, app->lang));
                label = ok;
            }
            if (ly_ui_button_sized(ui, label, key, key_h, i == 11))
                pad_key(app, i == 9 ? '\b' : i == 11 ? '\r' : keys[i][0]);
        }
        ly_ui_space(ui, 4);
        if (ly_ui_button_sized(ui, ly_str(LY_S_CANCEL, app->lang), 0, 0, false))
            open = false;
    }
    ly_ui_panel_end(ui);
    if (!open)
        close_admin(app);
}

static void status_panel(ly_app *app)
{
    ly_admin *a = &app->admin;
    ly_ui *ui = &app->ui_ctx;
    ly_lang L = app->lang;
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    float w = fminf(600, app->width / s - 40);
    float x = fmaxf(0, (app->width / s - w) / 2), y = fmaxf(0, (app->height / s - 440) / 2);
    bool open = true;
    if (ly_ui_panel_begin(ui, "admin-status", x, y, w, 0, &open)) {
        char v[1200];
        ly_ui_title(ui, ly_str(LY_S_ADMIN_TITLE, L));
        const char *slash = strrchr(a->data_path, '/');
        snprintf(v, sizeof v, "%s · %zu", slash ? slash + 1 : a->data_path,
                 app->scene.district.n_buildings);
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_DATA, L), v);
        if (app->reload_when[0])
            snprintf(v, sizeof v,
                     ly_str(app->reload_ok           ? LY_S_ADMIN_RELOAD_OK
                            : app->reload_count == 1 ? LY_S_ADMIN_RELOAD_BAD_1
                                                     : LY_S_ADMIN_RELOAD_BAD,
                            L),
                     app->reload_when, app->reload_count);
        else
            snprintf(v, sizeof v, "%s", ly_str(LY_S_ADMIN_NONE, L));
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_LAST_RELOAD, L), v);
        for (int i = 0; i < app->n_reload_errors; i++)
            ly_ui_text_wrapped(ui, app->reload_errors[i]);
        double up = (ly_clock_ms() - a->started_ms) / 1000;
        long d = (long)(up / 86400), h = (long)fmod(up / 3600, 24), m = (long)fmod(up / 60, 60),
             sec = (long)fmod(up, 60);
        if (d)
            snprintf(v, sizeof v, "%ld d %02ld:%02ld:%02ld", d, h, m, sec);
        else
            snprintf(v, sizeof v, "%02ld:%02ld:%02ld", h, m, sec);
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_UPTIME, L), v);
        snprintf(v, sizeof v, "%ld · %.1f ms (≤ %.0f ms)", a->frames, a->frame_ms,
                 a->frame_ms_worst);
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_FRAMES, L), v);
        snprintf(v, sizeof v, "%.1f MB", ly_proc_rss_kb() / 1024.0);
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_MEMORY, L), v);
        ly_ui_key_value(ui, ly_str(LY_S_ADMIN_LOG, L), a->log_path[0] ? a->log_path : "stderr");
        ly_ui_space(ui, 8);
        if (ly_ui_button_sized(ui, ly_str(LY_S_ADMIN_RELOAD, L), (w - 40 - 20) / 3, 0, true))
            a->request = LY_ADMIN_REQ_RELOAD;
        ly_ui_same_line(ui);
        if (ly_ui_button_sized(ui, ly_str(LY_S_ADMIN_EXIT, L), (w - 40 - 20) / 3, 0, false))
            a->request = LY_ADMIN_REQ_EXIT;
        ly_ui_same_line(ui);
        if (ly_ui_button_sized(ui, ly_str(LY_S_CLOSE, L), 0, 0, false))
            open = false;
    }
    ly_ui_panel_end(ui);
    if (!open)
        close_admin(app);
}

void ly_admin_overlay(ly_app *app)
{
    if (app->kiosk)
        draw_hold(app);
}

void ly_admin_panels(ly_app *app)
{
    if (!app->kiosk)
        return;
    if (!app->admin.open)
        return;
    /* a veil over everything: the admin's panels are modal */
    ly_draw_rect(&app->ui, 0, 0, (float)app->width, (float)app->height, ly_rgba(12, 16, 24, 140));
    /* and opaque: nothing of the panels under it shows through */
    ly_color panel = app->ui_ctx.theme.panel;
    app->ui_ctx.theme.panel.a = 255;
    if (app->admin.open == LY_ADMIN_PAD)
        pin_pad(app);
    else
        status_panel(app);
    app->ui_ctx.theme.panel = panel;
}
