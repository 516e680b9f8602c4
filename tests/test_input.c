/* ly_gesture: fingers become taps, double taps, drags with a release
 * velocity, two-finger pan/pinch/twist, two-finger tilt and long presses. */
#include "check.h"
#include "louyu/input.h"

static ly_event fe(ly_event_type t, int64_t id, float x, float y)
{
    return (ly_event){.type = t, .finger = id, .x = x, .y = y};
}

int main(void)
{
    ly_gesture_tracker g;
    ly_gesture out[LY_MAX_GESTURES];
    ly_gesture_init(&g, 1);

    /* a tap, then a second tap nearby soon after: a double tap */
    ly_event e = fe(LY_EV_FINGER_DOWN, 1, 100, 100);
    CHECK_INT(ly_gesture_feed(&g, &e, 0.0, out), 0);
    e = fe(LY_EV_FINGER_UP, 1, 102, 101);
    CHECK_INT(ly_gesture_feed(&g, &e, 0.1, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_TAP);
    CHECK_INT(out[0].count, 1);
    e = fe(LY_EV_FINGER_DOWN, 2, 104, 100);
    ly_gesture_feed(&g, &e, 0.25, out);
    e = fe(LY_EV_FINGER_UP, 2, 104, 100);
    CHECK_INT(ly_gesture_feed(&g, &e, 0.3, out), 1);
    CHECK_INT(out[0].count, 2);
    /* a third tap is a new single tap */
    e = fe(LY_EV_FINGER_DOWN, 3, 104, 100);
    ly_gesture_feed(&g, &e, 0.4, out);
    e = fe(LY_EV_FINGER_UP, 3, 104, 100);
    ly_gesture_feed(&g, &e, 0.45, out);
    CHECK_INT(out[0].count, 1);

    /* a drag: nothing within the slop, then deltas, then a fling velocity */
    e = fe(LY_EV_FINGER_DOWN, 4, 100, 100);
    ly_gesture_feed(&g, &e, 1.0, out);
    e = fe(LY_EV_FINGER_MOVE, 4, 105, 100);
    CHECK_INT(ly_gesture_feed(&g, &e, 1.01, out), 0);
    float sum = 0;
    for (int i = 1; i <= 10; i++) {
        e = fe(LY_EV_FINGER_MOVE, 4, 105 + 20.0f * i, 100);
        int n = ly_gesture_feed(&g, &e, 1.01 + 0.01 * i, out);
        CHECK_INT(n, 1);
        CHECK_INT(out[0].type, LY_GESTURE_DRAG);
        sum += out[0].dx;
    }
    CHECK_NEAR(sum, 200 + 0, 20.01); /* the first delta includes the slop */
    e = fe(LY_EV_FINGER_UP, 4, 305, 100);
    CHECK_INT(ly_gesture_feed(&g, &e, 1.12, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_DRAG_END);
    CHECK_NEAR(out[0].vx, 2000, 300); /* 20 px per 10 ms */
    CHECK_NEAR(out[0].vy, 0, 1);

    /* two fingers spreading and turning: pan + pinch + twist, never a tap */
    e = fe(LY_EV_FINGER_DOWN, 5, 100, 200);
    ly_gesture_feed(&g, &e, 2.0, out);
    e = fe(LY_EV_FINGER_DOWN, 6, 200, 200);
    CHECK_INT(ly_gesture_feed(&g, &e, 2.01, out), 0);
    e = fe(LY_EV_FINGER_MOVE, 6, 250, 200); /* spread: 100 -> 150 */
    CHECK_INT(ly_gesture_feed(&g, &e, 2.05, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_TWO);
    CHECK_NEAR(out[0].scale, 1.5, 1e-5);
    CHECK_NEAR(out[0].x - out[0].x0, 25, 1e-4); /* the centroid moved right */
    e = fe(LY_EV_FINGER_MOVE, 6, 100 + 150 * cosf(0.3f), 200 + 150 * sinf(0.3f));
    CHECK_INT(ly_gesture_feed(&g, &e, 2.1, out), 1);
    CHECK_NEAR(out[0].rotate, 0.3, 1e-4); /* clockwise on screen */
    CHECK_NEAR(out[0].scale, 1, 1e-4);
    e = fe(LY_EV_FINGER_UP, 6, 0, 0);
    CHECK_INT(ly_gesture_feed(&g, &e, 2.2, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_TWO_END);
    e = fe(LY_EV_FINGER_UP, 5, 100, 200);
    CHECK_INT(ly_gesture_feed(&g, &e, 2.25, out), 0); /* the last finger is no tap */

    /* two fingers side by side moving down together: tilt */
    e = fe(LY_EV_FINGER_DOWN, 7, 100, 200);
    ly_gesture_feed(&g, &e, 3.0, out);
    e = fe(LY_EV_FINGER_DOWN, 8, 200, 202);
    ly_gesture_feed(&g, &e, 3.0, out);
    e = fe(LY_EV_FINGER_MOVE, 7, 100, 230);
    ly_gesture_feed(&g, &e, 3.05, out);
    e = fe(LY_EV_FINGER_MOVE, 8, 200, 232);
    CHECK_INT(ly_gesture_feed(&g, &e, 3.06, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_TILT);
    CHECK(out[0].dy > 0);
    e = fe(LY_EV_FINGER_UP, 7, 0, 0);
    ly_gesture_feed(&g, &e, 3.1, out);
    e = fe(LY_EV_FINGER_UP, 8, 0, 0);
    ly_gesture_feed(&g, &e, 3.1, out);

    /* a long press fires once, and its release is no tap */
    e = fe(LY_EV_FINGER_DOWN, 9, 50, 50);
    ly_gesture_feed(&g, &e, 5.0, out);
    CHECK_INT(ly_gesture_tick(&g, 5.3, out), 0);
    CHECK_INT(ly_gesture_tick(&g, 5.7, out), 1);
    CHECK_INT(out[0].type, LY_GESTURE_LONG_PRESS);
    CHECK_INT(ly_gesture_tick(&g, 6.0, out), 0);
    e = fe(LY_EV_FINGER_UP, 9, 50, 50);
    CHECK_INT(ly_gesture_feed(&g, &e, 6.1, out), 0);

    /* robustness: unknown fingers, NaN, more fingers than tracked */
    e = fe(LY_EV_FINGER_UP, 42, 1, 1);
    CHECK_INT(ly_gesture_feed(&g, &e, 7, out), 0);
    e = fe(LY_EV_FINGER_DOWN, 43, NAN, 1);
    CHECK_INT(ly_gesture_feed(&g, &e, 7, out), 0);
    for (int i = 0; i < 8; i++) {
        e = fe(LY_EV_FINGER_DOWN, 100 + i, 10.0f * i, 10);
        ly_gesture_feed(&g, &e, 8, out);
    }
    CHECK_INT(g.n, LY_MAX_FINGERS);
    for (int i = 0; i < 8; i++) {
        e = fe(LY_EV_FINGER_UP, 100 + i, 10.0f * i, 10);
        ly_gesture_feed(&g, &e, 8.1, out);
    }
    CHECK_INT(g.n, 0);
    return check_report();
}
