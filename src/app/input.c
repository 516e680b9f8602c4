/* Input: louyu's events in, commands out. The panels see an event first (what
 * lands on a card does not also move the map); then the pointer, the keys and
 * the touch gestures drive the camera, the selection and the stacking plan. */
#include "commands.h"

#include <math.h>

/* A fingertip covers about 7 mm: some 40 px at 1x. */
#define FINGER_DP 20.0f

/* The floor of the stacking plan under a pixel, 0 for none. */
static int floor_at(const ly_app *app, float x, float y)
{
    const ly_state *st = &app->st;
    if (!st->plan.on || app->dv.stack.building < 0)
        return 0;
    ly_camera_matrices m;
    ly_camera_get_matrices(&st->cam, st->width, st->height, &m);
    float o[3], d[3];
    if (!ly_screen_ray(m.view_proj, st->width, st->height, x, y, o, d))
        return 0;
    float t;
    int f = ly_stacking_pick(&app->dv.stack, o, d, &t);
    if (!f)
        return 0;
    /* a building in front of the slabs hides them */
    ly_hit h;
    if (ly_bvh_ray(&app->scene.bvh, NULL, o, d, t, &h) && h.building != st->selected)
        return 0;
    return f;
}

/* Inside a round button (the compass, the "?"), with a little room around it. */
static bool on_circle(const ly_box *b, float x, float y, float grow)
{
    float r = 0.5f * b->w, cx = b->x + r, cy = b->y + r;
    return b->shown && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r * grow;
}

static void click(ly_app *app, float x, float y, int clicks, float tol)
{
    const ly_state *st = &app->st;
    if (on_circle(&app->layout.help_button, x, y, 1.4f)) {
        ly_cmd_set_help(app, !st->help);
        return;
    }
    if (on_circle(&app->layout.compass, x, y, 1.2f)) {
        ly_cmd_north_up(app); /* keeping everything else */
        return;
    }
    /* a tap on the floor's card closes it (it is drawn over the map, not a panel: the
     * building behind it is not picked), back to the building's card */
    const ly_box *fc = &app->layout.floor_card;
    if (fc->shown && x >= fc->x && x < fc->x + fc->w && y >= fc->y && y < fc->y + fc->h) {
        ly_cmd_select_floor(app, 0);
        return;
    }
    int f = floor_at(app, x, y);
    if (f) {
        ly_cmd_select_floor(app, f == st->plan.floor_selected ? 0 : f);
        return;
    }
    /* a place's marker stands over the buildings: it takes the click */
    long place = ly_places_at(&app->scene.places, x, y);
    if (place >= 0) {
        ly_cmd_choose_place(app, place);
        return;
    }
    if (st->place_chosen >= 0)
        ly_cmd_choose_place(app, -1); /* a click elsewhere lets its name go */
    /* a building's label stands over the buildings too: it means its building */
    long b = ly_labels_at(&app->scene.labels, x, y);
    if (b < 0)
        b = ly_app_pick(app, x, y, tol, NULL);
    if (clicks >= 2 && b >= 0)
        ly_cmd_select(app, b, true);
    else if (clicks >= 2)
        ly_camera_zoom_at(&app->st.cam, st->width, st->height, x, y, 2.0);
    else
        ly_cmd_select(app, b, false); /* a click on empty ground deselects */
}

static void key_down(ly_app *app, const ly_event *e)
{
    const ly_state *st = &app->st;
    const double step = 0.1;
    float cx = st->width / 2.0f, cy = st->height / 2.0f;
    switch (e->key) {
    case LY_KEY_H:
    case LY_KEY_F1:
        ly_cmd_set_help(app, !st->help);
        break;
    case LY_KEY_ESCAPE: /* closes what opened last: help, a floor, the card, finder, dashboard */
        if (st->help)
            ly_cmd_set_help(app, false);
        else if (st->plan.floor_selected)
            ly_cmd_select_floor(app, 0);
        else if (st->selected >= 0)
            ly_cmd_select(app, -1, false);
        else if (st->finder)
            ly_cmd_set_finder(app, false);
        else if (st->dashboard)
            ly_cmd_set_dashboard(app, false);
        break;
    case LY_KEY_HOME:
        ly_cmd_set_view(app, "home", true);
        break;
    case LY_KEY_PLUS:
    case LY_KEY_MINUS:
        ly_cmd_zoom_at(app, cx, cy, e->key == LY_KEY_PLUS ? 1.4 : 1 / 1.4);
        break;
    case LY_KEY_PAGE_UP:
    case LY_KEY_PAGE_DOWN:
        ly_cmd_tilt(app, e->key == LY_KEY_PAGE_UP ? step : -step);
        break;
    case LY_KEY_Q:
    case LY_KEY_E:
        ly_cmd_twist(app, e->key == LY_KEY_Q ? -2 * step : 2 * step);
        break;
    case LY_KEY_T:
        ly_cmd_set_view(app, "top", true);
        break;
    case LY_KEY_L:
        ly_cmd_set_language(app, st->lang == LY_LANG_ZH ? LY_LANG_EN : LY_LANG_ZH);
        break;
    case LY_KEY_F:
        ly_cmd_set_finder(app, !st->finder);
        break;
    case LY_KEY_B:
        ly_cmd_set_dashboard(app, !st->dashboard);
        break;
    case LY_KEY_C:
        ly_cmd_set_color_mode(app, (ly_color_mode)((st->color_mode + 1) % LY_COLOR_MODES), true);
        break;
    case LY_KEY_P:
        ly_cmd_set_stacking(app, !st->plan.on, st->plan.explode);
        break;
    case LY_KEY_X:
        ly_cmd_set_stacking(app, st->plan.on, st->plan.explode > 0 ? 0 : 1);
        break;
    case LY_KEY_ENTER:
        if (st->selected >= 0)
            ly_cmd_select(app, st->selected, true);
        break;
    default:
        break;
    }
    ly_cmd_redraw(app);
}

void ly_app_gesture(ly_app *app, const ly_gesture *g)
{
    const ly_state *st = &app->st;
    float tol = FINGER_DP * st->ui_scale;
    switch (g->type) {
    case LY_GESTURE_TAP:
        click(app, g->x, g->y, g->count, tol);
        break;
    case LY_GESTURE_LONG_PRESS: /* select without flying: a tap, for people who hold */
        click(app, g->x, g->y, 1, tol);
        break;
    case LY_GESTURE_DRAG:
        ly_cmd_hold_map(app, true);
        ly_cmd_orbit(app, g->dx, g->dy);
        break;
    case LY_GESTURE_DRAG_END:
        ly_cmd_hold_map(app, false);
        ly_cmd_fling(app, g->vx, g->vy, true);
        break;
    case LY_GESTURE_TWO:
        ly_cmd_hold_map(app, true);
        ly_cmd_pan(app, g->x0, g->y0, g->x, g->y);
        if (g->scale > 0 && fabsf(g->scale - 1) > 1e-4f)
            ly_cmd_zoom_at(app, g->x, g->y, g->scale);
        if (fabsf(g->rotate) > 1e-5f)
            ly_cmd_twist(app, -g->rotate);
        break;
    case LY_GESTURE_TILT:
        ly_cmd_hold_map(app, true);
        ly_cmd_tilt(app, g->dy / (st->height > 0 ? st->height : 1) * 2.0);
        break;
    case LY_GESTURE_TWO_END:
        ly_cmd_hold_map(app, false);
        break;
    default:
        break;
    }
    ly_cmd_hover(app, app->st.hovered, false); /* a tooltip sits on the roof for touch */
}

static void mouse_down(ly_app *app, const ly_event *e)
{
    ly_pointer *p = &app->input;
    if (p->drag_button)
        return;
    ly_cmd_set_week_focus(app, false); /* the map has the keys again */
    p->drag_button = e->button;
    p->drag_moved = false;
    p->drag_tilt = e->button == LY_BUTTON_LEFT && (e->mods & LY_MOD_SHIFT);
    p->press_x = e->x;
    p->press_y = e->y;
    p->drag_vx = p->drag_vy = 0;
    p->last_drag_t = app->st.time;
    ly_cmd_stop_camera(app);
    if (e->button == LY_BUTTON_LEFT && e->clicks >= 2) {
        click(app, e->x, e->y, 2, 0);
        p->drag_moved = true; /* no second single click on release */
    }
}

static void mouse_move(ly_app *app, const ly_event *e)
{
    ly_pointer *p = &app->input;
    if (!p->drag_button) {
        int f = floor_at(app, e->x, e->y);
        long place = f ? -1 : ly_places_at(&app->scene.places, e->x, e->y);
        ly_cmd_hover_floor(app, f);
        ly_cmd_hover_place(app, place >= 0 ? place : app->st.place_chosen);
        long label = f || place >= 0 ? -1 : ly_labels_at(&app->scene.labels, e->x, e->y);
        ly_cmd_hover(app, f || place >= 0 ? -1
                          : label >= 0  ? label
                                        : ly_app_pick(app, e->x, e->y, 0, NULL),
                     true);
        return;
    }
    if (!p->drag_moved && fabsf(e->x - p->press_x) + fabsf(e->y - p->press_y) >
                              4 * app->st.ui_scale)
        p->drag_moved = true;
    if (!p->drag_moved)
        return;
    ly_cmd_hold_map(app, true);
    /* the release velocity, smoothed over the last 50 ms */
    double dt = app->st.time - p->last_drag_t;
    if (dt > 1e-4) {
        float k = (float)fmin(1.0, dt / 0.05);
        p->drag_vx += k * ((float)(e->dx / dt) - p->drag_vx);
        p->drag_vy += k * ((float)(e->dy / dt) - p->drag_vy);
    }
    p->last_drag_t = app->st.time;
    if (p->drag_tilt)
        ly_cmd_tilt(app, e->dy / (app->st.height > 0 ? app->st.height : 1) * 2.0);
    else if (p->drag_button == LY_BUTTON_LEFT)
        ly_cmd_orbit(app, e->dx, e->dy);
    else
        ly_cmd_pan(app, e->x - e->dx, e->y - e->dy, e->x, e->y);
}

static void mouse_up(ly_app *app, const ly_event *e)
{
    ly_pointer *p = &app->input;
    if (e->button != p->drag_button)
        return;
    if (!p->drag_moved && e->button == LY_BUTTON_LEFT) {
        click(app, e->x, e->y, 1, 0);
    } else if (p->drag_moved && !p->drag_tilt && app->st.time - p->last_drag_t < 0.08) {
        ly_cmd_hold_map(app, false);
        ly_cmd_fling(app, p->drag_vx, p->drag_vy, p->drag_button == LY_BUTTON_LEFT);
    }
    ly_cmd_hold_map(app, false);
    p->drag_button = 0;
}

/* A kiosk: any touch restarts its idle timers; the admin may take the event; a
 * touch during the tour ends it. Returns true when the event is used up. */
static bool kiosk_event(ly_app *app, const ly_event *e)
{
    if (!app->st.kiosk.on || e->type == LY_EV_RESIZE || e->type == LY_EV_LEAVE)
        return false;
    ly_cmd_touched(app);
    if (ly_cmd_admin_event(app, e))
        return true;
    ly_kiosk_state *k = &app->st.kiosk;
    if (k->touring) {
        ly_cmd_end_tour(app); /* and the whole district shows */
        k->tour_touch = true;
        k->tour_ended_t = app->st.time;
        return true;
    }
    if (k->tour_touch) {
        bool press = e->type == LY_EV_MOUSE_DOWN || e->type == LY_EV_FINGER_DOWN;
        bool release = e->type == LY_EV_MOUSE_UP || e->type == LY_EV_FINGER_UP;
        bool drag = e->type == LY_EV_FINGER_MOVE || (e->type == LY_EV_MOUSE_MOVE && e->buttons);
        /* a press half a second on is a new touch, on the district now shown */
        if (press && app->st.time - k->tour_ended_t > 0.5)
            k->tour_touch = false;
        else if (press || release || drag) {
            k->tour_touch = !release;
            return true;
        }
    }
    return false;
}

void ly_app_rehover(ly_app *app)
{
    const ly_pointer *p = &app->input;
    /* (inside: a mouse's pointer, not a finger; once the camera has stopped: a pick a frame
     * during a flight or the attract tour would follow whatever passes under it) */
    if (!p->inside || p->drag_button || app->st.kiosk.touring || app->st.cam.flying)
        return;
    if (app->font && ly_ui_wants_pointer(&app->ui, p->x, p->y))
        ly_cmd_hover(app, -1, true);
    else
        mouse_move(app, &(ly_event){.type = LY_EV_MOUSE_MOVE, .x = p->x, .y = p->y});
}

void ly_app_event(ly_app *app, const ly_event *e)
{
    if (kiosk_event(app, e))
        return;
    ly_cmd_redraw(app);
    if (e->type == LY_EV_MOUSE_MOVE) { /* where the pointer is, over a panel or not */
        app->input.x = e->x;
        app->input.y = e->y;
        app->input.inside = true;
    }
    /* the panels come first: what lands on a card does not also move the map. They
     * see every event, a map drag's moves and release too, so that they never
     * believe a button is still held; but while the map is dragged it is the map's. */
    bool ui_took = app->font && e->type != LY_EV_RESIZE && ly_ui_input(&app->ui, e);
    if (ui_took && !app->input.drag_button) {
        ly_cmd_hover(app, -1, app->st.hover_from_mouse);
        return;
    }
    ly_pointer *p = &app->input;
    switch (e->type) {
    case LY_EV_RESIZE:
        ly_cmd_resize(app, (int)e->x, (int)e->y);
        break;
    case LY_EV_MOUSE_DOWN:
        mouse_down(app, e);
        break;
    case LY_EV_MOUSE_MOVE:
        mouse_move(app, e);
        break;
    case LY_EV_MOUSE_UP:
        mouse_up(app, e);
        break;
    case LY_EV_WHEEL:
        if (e->dy != 0)
            ly_cmd_zoom_at(app, e->x, e->y, pow(1.18, e->dy));
        break;
    case LY_EV_KEY_DOWN:
        /* after the slider was used, left and right move the week instead of the map */
        if (app->st.week_focus && (e->key == LY_KEY_LEFT || e->key == LY_KEY_RIGHT)) {
            ly_cmd_step_week(app, e->key == LY_KEY_LEFT ? -1 : 1);
            break;
        }
        if ((unsigned)e->key < LY_KEY_COUNT)
            p->key_down[e->key] = true;
        key_down(app, e);
        break;
    case LY_EV_KEY_UP:
        if ((unsigned)e->key < LY_KEY_COUNT)
            p->key_down[e->key] = false;
        break;
    case LY_EV_LEAVE:
        p->inside = false;
        ly_cmd_hover(app, -1, false);
        break;
    case LY_EV_FINGER_DOWN:
    case LY_EV_FINGER_MOVE:
    case LY_EV_FINGER_UP: {
        ly_gesture gs[LY_MAX_GESTURES];
        int n = ly_gesture_feed(&p->gestures, e, app->st.time, gs);
        for (int i = 0; i < n; i++)
            ly_app_gesture(app, &gs[i]);
        break;
    }
    default:
        break;
    }
}
