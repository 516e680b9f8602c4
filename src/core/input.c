#include "louyu/input.h"

#include <math.h>
#include <string.h>

void ly_gesture_init(ly_gesture_tracker *g, float scale)
{
    memset(g, 0, sizeof *g);
    g->slop_px = 10.0f * (scale > 0 ? scale : 1);
    g->long_press_s = 0.6;
    g->last_tap_t = -1e9;
}

static int find(const ly_gesture_tracker *g, int64_t id)
{
    for (int i = 0; i < LY_MAX_FINGERS; i++)
        if (g->f[i].active && g->f[i].id == id)
            return i;
    return -1;
}

/* The first two active fingers. */
static bool two(const ly_gesture_tracker *g, int *a, int *b)
{
    *a = *b = -1;
    for (int i = 0; i < LY_MAX_FINGERS; i++) {
        if (!g->f[i].active)
            continue;
        if (*a < 0)
            *a = i;
        else if (*b < 0)
            *b = i;
    }
    return *b >= 0;
}

static void two_state(const ly_gesture_tracker *g, float *cx, float *cy, float *dist, float *angle)
{
    int a, b;
    two(g, &a, &b);
    float dx = g->f[b].x - g->f[a].x, dy = g->f[b].y - g->f[a].y;
    *cx = 0.5f * (g->f[a].x + g->f[b].x);
    *cy = 0.5f * (g->f[a].y + g->f[b].y);
    *dist = sqrtf(dx * dx + dy * dy);
    *angle = atan2f(dy, dx);
}

static float wrap_pi(float a)
{
    while (a > (float)M_PI)
        a -= 2 * (float)M_PI;
    while (a < -(float)M_PI)
        a += 2 * (float)M_PI;
    return a;
}

static int finger_down(ly_gesture_tracker *g, const ly_event *e, double t, ly_gesture *out)
{
    int n = 0;
    if (find(g, e->finger) >= 0)
        return 0;
    int slot = -1;
    for (int i = 0; i < LY_MAX_FINGERS && slot < 0; i++)
        if (!g->f[i].active)
            slot = i;
    if (slot < 0)
        return 0; /* more fingers than we track: ignore the extra */
    g->f[slot].active = true;
    g->f[slot].id = e->finger;
    g->f[slot].x = g->f[slot].x0 = e->x;
    g->f[slot].y = g->f[slot].y0 = e->y;
    g->f[slot].t0 = t;
    g->n++;
    if (g->n == 1) {
        g->moved = false;
        g->long_press_sent = false;
        g->vx = g->vy = 0;
        g->last_move_t = t;
    } else if (g->n == 2) {
        if (g->moved && !g->two_started)
            out[n++] = (ly_gesture){.type = LY_GESTURE_DRAG_END, .x = e->x, .y = e->y};
        g->two_started = true;
        g->two_mode = 0;
        two_state(g, &g->two_x, &g->two_y, &g->two_dist, &g->two_angle);
    }
    return n;
}

/* One finger moved from (px, py): a drag once beyond the slop, with a smoothed
 * release velocity. */
static int one_finger(ly_gesture_tracker *g, int i, const ly_event *e, float px, float py,
                      double t, ly_gesture *out)
{
    float mx = e->x - g->f[i].x0, my = e->y - g->f[i].y0;
    if (!g->moved && mx * mx + my * my > g->slop_px * g->slop_px)
        g->moved = true;
    if (!g->moved)
        return 0;
    float dx = e->x - px, dy = e->y - py;
    double dt = t - g->last_move_t;
    if (dt > 1e-4) {
        float k = (float)fmin(1.0, dt / 0.05);
        g->vx += k * ((float)(dx / dt) - g->vx);
        g->vy += k * ((float)(dy / dt) - g->vy);
    }
    g->last_move_t = t;
    out[0] = (ly_gesture){.type = LY_GESTURE_DRAG, .x = e->x, .y = e->y, .dx = dx, .dy = dy};
    return 1;
}

/* Decides from each finger's own travel since it touched down: both fingers
 * moving up or down together, side by side, is the tilt gesture (2); spreading,
 * turning or sliding is pan + pinch + twist (1). Events arrive one finger at a
 * time, so it waits (0) until both have moved, or one has moved far. */
static int two_mode(const ly_gesture_tracker *g, float angle)
{
    int a, b;
    two(g, &a, &b);
    float ax = g->f[a].x - g->f[a].x0, ay = g->f[a].y - g->f[a].y0;
    float bx = g->f[b].x - g->f[b].x0, by = g->f[b].y - g->f[b].y0;
    float ma = sqrtf(ax * ax + ay * ay), mb = sqrtf(bx * bx + by * by);
    float slop = g->slop_px;
    bool level = fabsf(sinf(angle)) < 0.6f;
    bool a_vertical = fabsf(ay) > 2 * fabsf(ax), b_vertical = fabsf(by) > 2 * fabsf(bx);
    if (ma > 0.5f * slop && mb > 0.5f * slop) {
        bool together = (ay > 0) == (by > 0);
        return level && a_vertical && b_vertical && together ? 2 : 1;
    }
    if (ma > 3 * slop || mb > 3 * slop ||
        (ma > slop && !(level && (ma > mb ? a_vertical : b_vertical))))
        return 1; /* one finger alone: a pinch or a twist */
    return 0;
}

static int two_fingers(ly_gesture_tracker *g, ly_gesture *out)
{
    float cx, cy, dist, angle;
    two_state(g, &cx, &cy, &dist, &angle);
    if (g->two_mode == 0 && !(g->two_mode = two_mode(g, angle)))
        return 0;
    if (g->two_mode == 2)
        out[0] = (ly_gesture){.type = LY_GESTURE_TILT, .x = cx, .y = cy, .dy = cy - g->two_y};
    else
        out[0] = (ly_gesture){.type = LY_GESTURE_TWO,
                              .x0 = g->two_x,
                              .y0 = g->two_y,
                              .x = cx,
                              .y = cy,
                              .scale = g->two_dist > 1 ? dist / g->two_dist : 1,
                              .rotate = wrap_pi(angle - g->two_angle)};
    g->two_x = cx;
    g->two_y = cy;
    g->two_dist = dist;
    g->two_angle = angle;
    return 1;
}

static int finger_up(ly_gesture_tracker *g, int i, const ly_event *e, double t, ly_gesture *out)
{
    int n = 0, before = g->n;
    g->f[i].active = false;
    g->n--;
    if (before >= 2 && g->n < 2 && g->two_started)
        out[n++] = (ly_gesture){.type = LY_GESTURE_TWO_END, .x = e->x, .y = e->y};
    if (before != 1)
        return n;
    if (!g->two_started && !g->moved && !g->long_press_sent) {
        float dx = e->x - g->last_tap_x, dy = e->y - g->last_tap_y;
        bool dbl = t - g->last_tap_t < 0.35 && dx * dx + dy * dy < 900 * 1.0f;
        out[n++] = (ly_gesture){.type = LY_GESTURE_TAP, .x = e->x, .y = e->y, .count = dbl ? 2 : 1};
        g->last_tap_t = dbl ? -1e9 : t;
        g->last_tap_x = e->x;
        g->last_tap_y = e->y;
    } else if (!g->two_started && g->moved) {
        bool recent = t - g->last_move_t < 0.08;
        out[n++] = (ly_gesture){.type = LY_GESTURE_DRAG_END, .x = e->x, .y = e->y,
                                .vx = recent ? g->vx : 0, .vy = recent ? g->vy : 0};
    }
    g->two_started = false;
    g->moved = false;
    return n;
}

int ly_gesture_feed(ly_gesture_tracker *g, const ly_event *e, double t, ly_gesture *out)
{
    if (!isfinite(e->x) || !isfinite(e->y))
        return 0;
    if (e->type == LY_EV_FINGER_DOWN)
        return finger_down(g, e, t, out);
    int i = find(g, e->finger);
    if (i < 0)
        return 0;
    if (e->type == LY_EV_FINGER_MOVE) {
        float px = g->f[i].x, py = g->f[i].y;
        g->f[i].x = e->x;
        g->f[i].y = e->y;
        if (g->n == 1 && !g->two_started)
            return one_finger(g, i, e, px, py, t, out);
        return g->n >= 2 ? two_fingers(g, out) : 0;
    }
    return e->type == LY_EV_FINGER_UP ? finger_up(g, i, e, t, out) : 0;
}

int ly_gesture_tick(ly_gesture_tracker *g, double t, ly_gesture *out)
{
    if (g->n != 1 || g->moved || g->two_started || g->long_press_sent)
        return 0;
    for (int i = 0; i < LY_MAX_FINGERS; i++) {
        if (g->f[i].active && t - g->f[i].t0 >= g->long_press_s) {
            g->long_press_sent = true;
            out[0] = (ly_gesture){.type = LY_GESTURE_LONG_PRESS, .x = g->f[i].x, .y = g->f[i].y};
            return 1;
        }
    }
    return 0;
}
