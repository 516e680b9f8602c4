/* The kiosk's commands: the idle timers, the attract tour, the reset, and the
 * admin (the hidden corner press, the PIN pad, the lock after wrong PINs).
 *
 * The public sees no trace of the admin: the corner is empty map, nothing shows
 * until the press has been held for a second, and without a PIN hash in the
 * config the press does nothing at all. Wrong PINs lock the pad for a minute
 * after five tries; an open pad or panel left alone closes after a minute, and
 * the kiosk's reset closes it too. */
#include "commands.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CORNER_DP 80.0f   /* the square in the top-left corner that listens */
#define SLOP_DP 24.0f     /* a held press may wander this far */
#define LOCK_S 60.0       /* the pad's lock after LY_ADMIN_MAX_FAILS wrong PINs, */
#define LOCK_MAX_S 86400.0 /* twice as long each time in a row, up to a day */
#define LEAVE_OPEN_S 60.0 /* an untouched pad or panel closes after this */

/* ---- the kiosk ----------------------------------------------------------------------- */

void ly_cmd_set_kiosk(ly_app *app, bool on, double attract_s, double reset_s,
                      double per_stop_s)
{
    ly_kiosk_state *k = &app->st.kiosk;
    k->on = on;
    k->attract_s = attract_s > 0 ? attract_s : 60;
    k->reset_s = reset_s > 0 ? reset_s : 120;
    k->per_stop_s = per_stop_s > 0 ? per_stop_s : 9;
    k->lang = app->st.lang;
    k->idle_s = 0;
    if (on)
        app->st.help = false;
}

void ly_cmd_lost_time(ly_app *app, double seconds)
{
    app->st.kiosk.idle_lag = seconds > 0 ? seconds : 0;
}

void ly_cmd_touched(ly_app *app)
{
    app->st.kiosk.idle_s = 0;
}

/* The tour's stops: the buildings with the most space to let; where the data has
 * no occupancy, the tallest finished ones, so the tour still shows the district. */
static long tour_stop(const ly_app *app, int index)
{
    const ly_district *d = &app->scene.district;
    long best[64];
    double key[64];
    int n = 0;
    bool any_space = false;
    for (size_t i = 0; i < d->n_buildings && !any_space; i++) {
        double area, vacant;
        any_space = ly_building_occupancy(d, &d->buildings[i], &area, &vacant) >= 0 && vacant > 0;
    }
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        double area, vacant;
        if (any_space) {
            if (ly_building_occupancy(d, b, &area, &vacant) < 0 || vacant <= 0)
                continue;
            /* space that came free this week first (a store's weeks), then the most */
            if (d->week > 0 && ly_building_vacant_in_week(d, b, d->week) >
                                   ly_building_vacant_in_week(d, b, d->week - 1) + 0.5)
                vacant += 1e12;
        } else {
            if (b->status == LY_STATUS_UNDER_CONSTRUCTION || !(b->height_m > 0))
                continue;
            vacant = b->height_m;
        }
        int k = n < 64 ? n++ : 63;
        if (k == 63 && vacant <= key[63])
            continue;
        while (k > 0 && key[k - 1] < vacant) {
            best[k] = best[k - 1];
            key[k] = key[k - 1];
            k--;
        }
        best[k] = (long)i;
        key[k] = vacant;
    }
    return n ? best[index % n] : -1;
}

void ly_cmd_start_tour(ly_app *app)
{
    ly_kiosk_state *k = &app->st.kiosk;
    if (ly_app_out_of_service(app)) /* (nothing to tour: the notice stays alone) */
        return;
    LY_INFO("KIOSK", "idle %.0f s: attract tour", k->idle_s);
    k->touring = true;
    k->stop = 0;
    k->next_stop_s = 0;
    ly_cmd_select(app, -1, false);
    ly_cmd_set_operations(app, false); /* the tour is for the public */
}

void ly_cmd_end_tour(ly_app *app)
{
    app->st.kiosk.touring = false;
    ly_cmd_select(app, -1, false);
    ly_cmd_set_view(app, "home", true);
}

/* One building with space every per_stop_s seconds. */
static void tour_step(ly_app *app, double dt)
{
    ly_kiosk_state *k = &app->st.kiosk;
    k->next_stop_s -= dt;
    app->st.redraw = true;
    if (k->next_stop_s > 0)
        return;
    k->next_stop_s = k->per_stop_s;
    long b = tour_stop(app, k->stop++);
    if (b < 0)
        return;
    ly_cmd_select(app, b, false);
    ly_camera_pose p = ly_app_building_pose(app, b);
    p.heading += 0.6; /* a slow turn around it while it is shown */
    ly_camera_fly_to(&app->st.cam, p, 3.0);
}

void ly_cmd_kiosk_reset(ly_app *app)
{
    ly_state *st = &app->st;
    LY_INFO("KIOSK", "idle %.0f s: back to the start", st->kiosk.idle_s);
    /* while the tour runs it owns the selection and the camera */
    if (!st->kiosk.touring)
        ly_cmd_select(app, -1, false);
    ly_cmd_set_query(app, "");
    ly_cmd_set_keyboard(app, false);
    ly_cmd_set_dashboard(app, false);
    ly_cmd_set_finder(app, false);
    ly_cmd_set_stacking(app, false, st->plan.explode);
    ly_cmd_admin_close(app);
    /* the public's kiosk again: no cameras (an operator who walked away) */
    ly_cmd_set_operations(app, false);
    ly_cmd_set_places_panel(app, false);
    /* the next visitor's card opens at its overview, with no route or walking areas (the
     * areas, heavy to draw on software GL, stayed on for the rest of the run) */
    ly_cmd_set_tab(app, LY_TAB_OVERVIEW);
    ly_cmd_set_route(app, -1);
    ly_cmd_set_walk_areas(app, false);
    if (st->color_mode != LY_COLOR_NONE)
        ly_cmd_set_color_mode(app, LY_COLOR_NONE, false);
    if (st->lang != st->kiosk.lang)
        ly_cmd_set_language(app, st->kiosk.lang);
    ly_cmd_set_week(app, 0); /* the public sees the latest week */
    if (!st->kiosk.touring)
        ly_cmd_set_view(app, "home", true);
}

static void admin_tick(ly_app *app);

void ly_cmd_kiosk_tick(ly_app *app, double dt)
{
    ly_kiosk_state *k = &app->st.kiosk;
    double before = k->idle_s;
    k->idle_s += dt + k->idle_lag;
    k->idle_lag = 0;
    if (before < k->reset_s && k->idle_s >= k->reset_s)
        ly_cmd_kiosk_reset(app);
    admin_tick(app);
    /* (not out of service: an empty banner had waited for the data, then for its next stop) */
    if (!k->touring && !app->st.admin.open && k->idle_s >= k->attract_s &&
        !ly_app_out_of_service(app))
        ly_cmd_start_tour(app);
    if (k->touring)
        tour_step(app, dt);
}

/* ---- the admin ----------------------------------------------------------------------- */

void ly_cmd_admin_setup(ly_app *app, const char *pin_hash, double hold_s)
{
    ly_admin *a = &app->st.admin;
    snprintf(a->pin_hash, sizeof a->pin_hash, "%s", pin_hash ? pin_hash : "");
    a->hold_s = hold_s > 0 ? hold_s : 5;
}

void ly_cmd_admin_open(ly_app *app, ly_admin_panel which)
{
    ly_admin *a = &app->st.admin;
    a->open = which;
    a->exit_asking = false;
    a->pin[0] = '\0';
    a->wrong = false;
    a->touched_t = app->st.time;
    a->corner_down = false;
    if (which == LY_ADMIN_PAD)
        a->opens++;
    if (app->st.kiosk.touring) { /* the tour stops as it does for any touch */
        app->st.kiosk.touring = false;
        ly_cmd_select(app, -1, false);
    }
    ly_cmd_set_keyboard(app, false);
}

void ly_cmd_admin_close(ly_app *app)
{
    app->st.admin.open = LY_ADMIN_CLOSED;
    app->st.admin.exit_asking = false; /* (an admin who comes back is asked again) */
    memset(app->st.admin.pin, 0, sizeof app->st.admin.pin);
    app->st.redraw = true;
}

void ly_cmd_admin_request(ly_app *app, ly_admin_request req)
{
    /* an ended kiosk stays dark until someone comes (the unit does not restart it): only
     * the question's own button ends it, never the first tap */
    if (req == LY_ADMIN_REQ_EXIT && !app->st.admin.exit_asking)
        return;
    app->st.admin.request = req;
}

void ly_cmd_admin_ask_exit(ly_app *app, bool on)
{
    ly_admin *a = &app->st.admin;
    a->exit_asking = on && a->open == LY_ADMIN_STATUS;
    a->exit_asked_t = app->st.time;
    app->st.redraw = true;
}

void ly_cmd_admin_key(ly_app *app, char k)
{
    ly_admin *a = &app->st.admin;
    a->touched_t = app->st.time;
    app->st.redraw = true;
    if (app->st.time < a->locked_until)
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
#ifdef LY_WEB
        bool ok = false; /* the browser build has no kiosk, so no PIN to check (pin.c) */
#else
        bool ok = ly_pin_verify(a->pin_hash, a->pin);
#endif
        memset(a->pin, 0, sizeof a->pin);
        if (ok) {
            LY_INFO("ADMIN", "admin panel opened");
            a->fails = 0;
            a->locks = 0;
            a->unlocks++;
            a->open = LY_ADMIN_STATUS;
        } else if (++a->fails >= LY_ADMIN_MAX_FAILS) {
            /* a 4-digit PIN tried at a flat minute's lock falls within a day: each lock in
             * a row is twice the last, up to a day */
            double lock = fmin(LOCK_S * ldexp(1.0, a->locks < 20 ? a->locks : 20), LOCK_MAX_S);
            a->wrong = true;
            LY_WARN("ADMIN", "%d wrong PINs: the pad is locked for %.0f s", a->fails, lock);
            a->locked_until = app->st.time + lock;
            a->fails = 0;
            a->locks++;
        } else {
            a->wrong = true;
            LY_WARN("ADMIN", "wrong PIN (%d of %d)", a->fails, LY_ADMIN_MAX_FAILS);
        }
    }
}

static bool in_corner(const ly_app *app, float x, float y)
{
    float c = CORNER_DP * app->st.ui_scale;
    return x >= 0 && y >= 0 && x < c && y < c;
}

/* The hidden gesture: one pointer held still in the corner. */
static void corner(ly_app *app, const ly_event *e)
{
    ly_admin *a = &app->st.admin;
    switch (e->type) {
    case LY_EV_MOUSE_DOWN:
    case LY_EV_FINGER_DOWN:
        if ((e->type == LY_EV_FINGER_DOWN || e->button == LY_BUTTON_LEFT) &&
            in_corner(app, e->x, e->y) && !a->corner_down) {
            a->corner_down = true;
            a->corner_x = e->x;
            a->corner_y = e->y;
            a->corner_t = app->st.time;
        } else {
            a->corner_down = false; /* a second finger is another gesture */
        }
        break;
    case LY_EV_MOUSE_MOVE:
    case LY_EV_FINGER_MOVE:
        if (a->corner_down &&
            fabsf(e->x - a->corner_x) + fabsf(e->y - a->corner_y) > SLOP_DP * app->st.ui_scale)
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
}

bool ly_cmd_admin_event(ly_app *app, const ly_event *e)
{
    ly_admin *a = &app->st.admin;
    if (a->open) {
        a->touched_t = app->st.time;
        /* a frame to take it: the pad's keys and the panel's buttons are pressed in one (a
         * tap had asked for none, and on a kiosk nothing else draws one) */
        app->st.redraw = true;
        if (e->type == LY_EV_TEXT) {
            for (const char *p = e->text; *p; p++)
                ly_cmd_admin_key(app, *p);
        } else if (e->type == LY_EV_KEY_DOWN && e->key == LY_KEY_BACKSPACE) {
            ly_cmd_admin_key(app, '\b');
        } else if (e->type == LY_EV_KEY_DOWN && e->key == LY_KEY_ENTER) {
            ly_cmd_admin_key(app, '\r');
        } else if (e->type == LY_EV_KEY_DOWN && e->key == LY_KEY_ESCAPE) {
            ly_cmd_admin_close(app);
        } else if (app->font) {
            ly_ui_input(&app->ui, e);
        }
        return true; /* the pad and the panel are modal: nothing reaches the map */
    }
    if (a->pin_hash[0])
        corner(app, e);
    return false;
}

static void admin_tick(ly_app *app)
{
    ly_admin *a = &app->st.admin;
    if (a->corner_down) {
        double held = app->st.time - a->corner_t;
        if (held >= a->hold_s) {
            LY_INFO("ADMIN", "corner held %.0f s: PIN pad", held);
            ly_cmd_admin_open(app, LY_ADMIN_PAD);
            /* the press goes on: the map must not take its release as a tap */
            app->input.drag_button = 0;
            ly_cmd_hold_map(app, false);
        } else if (held >= 1.0) {
            app->st.redraw = true; /* the ring fills */
        }
    }
    if (a->open && app->st.time - a->touched_t > LEAVE_OPEN_S)
        ly_cmd_admin_close(app);
    /* the question to end the kiosk, unanswered, lapses (a later tap there asks again) */
    if (a->exit_asking && app->st.time - a->exit_asked_t > LY_ADMIN_EXIT_ASK_S)
        ly_cmd_admin_ask_exit(app, false);
    if (a->open == LY_ADMIN_PAD && a->locked_until > app->st.time)
        app->st.redraw = true; /* the countdown */
    /* the status panel's uptime and frames, once a second (it had stood still) */
    if (a->open == LY_ADMIN_STATUS && (long)app->st.time != a->status_second) {
        a->status_second = (long)app->st.time;
        app->st.redraw = true;
    }
}

void ly_cmd_note_frame(ly_app *app, double ms)
{
    ly_run_note *rn = &app->st.run;
    rn->frames++;
    rn->frame_ms = rn->frames == 1 ? ms : rn->frame_ms + 0.02 * (ms - rn->frame_ms);
    if (ms > rn->frame_ms_worst)
        rn->frame_ms_worst = ms;
}
