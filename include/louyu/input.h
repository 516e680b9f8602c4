/* louyu input: louyu's own input events, and a touch gesture recogniser.
 *
 * The platform layer translates SDL's events into ly_event; everything above
 * it sees only these. Positions are in window pixels (the drawable's pixels,
 * so HiDPI needs no special case), y down. The gesture recogniser turns raw
 * finger events into taps, drags, pans, pinches, twists and tilts. Plain
 * values, no allocation, no SDL. */
#ifndef LOUYU_INPUT_H
#define LOUYU_INPUT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    LY_EV_NONE,
    LY_EV_QUIT,       /* the process was asked to end (SIGTERM, SIGINT, session end) */
    LY_EV_CLOSE,      /* the window manager asked to close the window */
    LY_EV_RESIZE,     /* x, y: new drawable size */
    LY_EV_MOUSE_DOWN, /* button, x, y, clicks (2 for a double click) */
    LY_EV_MOUSE_UP,
    LY_EV_MOUSE_MOVE, /* x, y, dx, dy, buttons (bit 0 left, 1 middle, 2 right) */
    LY_EV_WHEEL,      /* dy (positive: away from the user = zoom in), x, y: cursor */
    LY_EV_KEY_DOWN,   /* key, mods */
    LY_EV_KEY_UP,
    LY_EV_TEXT,        /* text: UTF-8 typed text */
    LY_EV_FINGER_DOWN, /* finger id, x, y */
    LY_EV_FINGER_MOVE,
    LY_EV_FINGER_UP,
    LY_EV_LEAVE, /* the pointer left the window */
    LY_EV_EXPOSE, /* the window must be drawn again (shown, uncovered); x, y: drawable size */
    LY_EV_DROP    /* a file was dropped on the window: its path is the platform's (platform.h) */
} ly_event_type;

typedef enum {
    LY_KEY_NONE,
    LY_KEY_ESCAPE,
    LY_KEY_LEFT,
    LY_KEY_RIGHT,
    LY_KEY_UP,
    LY_KEY_DOWN,
    LY_KEY_PAGE_UP,
    LY_KEY_PAGE_DOWN,
    LY_KEY_HOME,
    LY_KEY_PLUS,
    LY_KEY_MINUS,
    LY_KEY_ENTER,
    LY_KEY_BACKSPACE,
    LY_KEY_TAB,
    LY_KEY_SPACE,
    LY_KEY_F11,
    LY_KEY_F1,
    /* letters, in order: LY_KEY_A + (c - 'a') */
    LY_KEY_A,
    LY_KEY_B,
    LY_KEY_C,
    LY_KEY_D,
    LY_KEY_E,
    LY_KEY_F,
    LY_KEY_G,
    LY_KEY_H,
    LY_KEY_I,
    LY_KEY_J,
    LY_KEY_K,
    LY_KEY_L,
    LY_KEY_M,
    LY_KEY_N,
    LY_KEY_O,
    LY_KEY_P,
    LY_KEY_Q,
    LY_KEY_R,
    LY_KEY_S,
    LY_KEY_T,
    LY_KEY_U,
    LY_KEY_V,
    LY_KEY_W,
    LY_KEY_X,
    LY_KEY_Y,
    LY_KEY_Z,
    LY_KEY_COUNT
} ly_key;

enum { LY_MOD_SHIFT = 1, LY_MOD_CTRL = 2, LY_MOD_ALT = 4 };
enum { LY_BUTTON_LEFT = 1, LY_BUTTON_MIDDLE = 2, LY_BUTTON_RIGHT = 3 };

typedef struct {
    ly_event_type type;
    float x, y, dx, dy;
    int button, clicks, buttons;
    ly_key key;
    int mods;
    int64_t finger;
    char text[32];
} ly_event;

/* ---- touch gestures --------------------------------------------------------- */

typedef enum {
    LY_GESTURE_NONE,
    LY_GESTURE_TAP,      /* x, y; count 1 or 2 (double tap) */
    LY_GESTURE_DRAG,     /* one finger: dx, dy since the last event (orbit) */
    LY_GESTURE_DRAG_END, /* vx, vy: release velocity, pixels/s */
    LY_GESTURE_TWO,      /* two fingers: pan (x0,y0 -> x,y of the centroid),
                            scale (pinch, > 1 apart), rotate (radians, clockwise) */
    LY_GESTURE_TILT,     /* two fingers moving up or down together: dy */
    LY_GESTURE_TWO_END,
    LY_GESTURE_LONG_PRESS /* x, y: a finger held still for `long_press_s` */
} ly_gesture_type;

typedef struct {
    ly_gesture_type type;
    float x, y, x0, y0, dx, dy, vx, vy;
    float scale, rotate;
    int count;
} ly_gesture;

enum { LY_MAX_FINGERS = 5, LY_MAX_GESTURES = 4 };

typedef struct {
    struct {
        int64_t id;
        float x, y, x0, y0;
        double t0;
        bool active;
    } f[LY_MAX_FINGERS];
    int n;
    bool moved;       /* the gesture moved beyond the tap slop */
    bool two_started; /* a two-finger gesture is in progress */
    int two_mode;     /* 0 undecided, 1 pan/pinch/twist, 2 tilt */
    float two_x, two_y, two_dist, two_angle;
    double last_tap_t;
    float last_tap_x, last_tap_y;
    double last_move_t;
    float vx, vy;
    bool long_press_sent;
    float slop_px;       /* movement that still counts as a tap (default 10) */
    double long_press_s; /* default 0.6 */
} ly_gesture_tracker;

void ly_gesture_init(ly_gesture_tracker *g, float scale);
/* Feeds a finger event at time t (seconds); writes up to LY_MAX_GESTURES
 * recognised gestures to out and returns how many. */
int ly_gesture_feed(ly_gesture_tracker *g, const ly_event *e, double t, ly_gesture *out);
/* Lets time pass without events (for long presses). */
int ly_gesture_tick(ly_gesture_tracker *g, double t, ly_gesture *out);

#endif
