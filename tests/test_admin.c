/* The kiosk's admin, driven through the app as the viewer drives it (no
 * window): the hidden corner press, the PIN pad, the lock after wrong PINs,
 * the status panel's requests, and what closes it. */
#include "check.h"
#include "commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static ly_app g_app;
static char g_hash[LY_PIN_HASH_MAX];

static void ev(ly_event_type type, float x, float y)
{
    ly_event e = {.type = type, .x = x, .y = y, .button = LY_BUTTON_LEFT, .finger = 1};
    ly_app_event(&g_app, &e);
}

static void key(ly_key k)
{
    ly_event e = {.type = LY_EV_KEY_DOWN, .key = k};
    ly_app_event(&g_app, &e);
}

static void text(const char *s)
{
    ly_event e = {.type = LY_EV_TEXT};
    snprintf(e.text, sizeof e.text, "%s", s);
    ly_app_event(&g_app, &e);
}

static void wait_s(double s)
{
    for (double t = 0; t < s; t += 0.1)
        ly_app_update(&g_app, 0.1);
}

static void test_gesture(void)
{
    ly_admin *a = &g_app.st.admin;
    /* a finger held 5 s in the top-left corner opens the pad */
    ev(LY_EV_FINGER_DOWN, 12, 14);
    wait_s(4.5);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    wait_s(0.7);
    CHECK_INT(a->open, LY_ADMIN_PAD);
    CHECK_INT(a->opens, 1);
    ev(LY_EV_FINGER_UP, 12, 14);
    CHECK_INT(a->open, LY_ADMIN_PAD); /* the release does not close it, nor select */
    CHECK_INT(g_app.st.selected, -1);
    key(LY_KEY_ESCAPE);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);

    /* the mouse too; but not a press that wanders, nor one outside the corner */
    ev(LY_EV_MOUSE_DOWN, 30, 30);
    wait_s(2);
    ev(LY_EV_MOUSE_MOVE, 90, 90);
    wait_s(4);
    ev(LY_EV_MOUSE_UP, 90, 90);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    ev(LY_EV_MOUSE_DOWN, 400, 300);
    wait_s(6);
    ev(LY_EV_MOUSE_UP, 400, 300);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    ev(LY_EV_MOUSE_DOWN, 30, 30); /* let go before the time */
    wait_s(3);
    ev(LY_EV_MOUSE_UP, 30, 30);
    wait_s(3);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    ev(LY_EV_MOUSE_DOWN, 30, 30);
    wait_s(5.2);
    CHECK_INT(a->open, LY_ADMIN_PAD);
    ev(LY_EV_MOUSE_UP, 30, 30);
}

static void test_pin(void)
{
    ly_admin *a = &g_app.st.admin;
    /* digits as typed text, backspace, enter: a wrong PIN keeps the pad */
    text("24");
    text("6");
    key(LY_KEY_BACKSPACE);
    text("7");
    CHECK(!strcmp(a->pin, "247"));
    text("9");
    key(LY_KEY_ENTER);
    CHECK_INT(a->open, LY_ADMIN_PAD);
    CHECK(a->wrong);
    CHECK(a->pin[0] == '\0'); /* cleared, never kept */
    /* the right one opens the status panel */
    text("2468");
    key(LY_KEY_ENTER);
    CHECK_INT(a->open, LY_ADMIN_STATUS);
    CHECK_INT(a->unlocks, 1);
    /* its uptime and frames go on: a frame a second, with nothing else asking for one (the
     * panel had stood still at the second it opened) */
    int asked = 0;
    for (int i = 0; i < 30; i++) {
        g_app.st.redraw = false;
        ly_app_update(&g_app, 0.1);
        asked += g_app.st.redraw;
    }
    CHECK(asked >= 2 && asked <= 4);
    /* the panel left alone closes after a minute */
    wait_s(30);
    CHECK_INT(a->open, LY_ADMIN_STATUS);
    wait_s(31);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
}

static void test_lock(void)
{
    ly_admin *a = &g_app.st.admin;
    ly_cmd_admin_open(&g_app, LY_ADMIN_PAD);
    for (int i = 0; i < LY_ADMIN_MAX_FAILS; i++) {
        text("0000");
        key(LY_KEY_ENTER);
    }
    CHECK(a->locked_until > g_app.st.time + 50);
    /* locked: even the right PIN is not taken */
    text("2468");
    key(LY_KEY_ENTER);
    CHECK_INT(a->open, LY_ADMIN_PAD);
    CHECK(a->pin[0] == '\0');
    for (int i = 0; i < 7; i++) { /* keep it open through the minute */
        wait_s(9);
        text("1");
        key(LY_KEY_BACKSPACE);
    }
    text("2468");
    key(LY_KEY_ENTER);
    CHECK_INT(a->open, LY_ADMIN_STATUS);
    CHECK_INT(a->unlocks, 2);
    /* locks in a row grow, twice as long each (a flat minute let a 4-digit PIN be guessed
     * at the screen within a day); the right PIN starts them over */
    ly_cmd_admin_open(&g_app, LY_ADMIN_PAD);
    double lock[3];
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < LY_ADMIN_MAX_FAILS; i++) {
            text("0000");
            key(LY_KEY_ENTER);
        }
        lock[k] = a->locked_until - g_app.st.time;
        g_app.st.admin.locked_until = g_app.st.time; /* (as if it had been waited out) */
    }
    CHECK_NEAR(lock[0], 60, 1);
    CHECK_NEAR(lock[1], 120, 1);
    CHECK_NEAR(lock[2], 240, 1);
    text("2468");
    key(LY_KEY_ENTER);
    CHECK_INT(a->open, LY_ADMIN_STATUS);
    CHECK_INT(a->locks, 0);
}

static void test_reset_and_no_pin(void)
{
    ly_admin *a = &g_app.st.admin;
    /* while the admin is open, nothing reaches the map, and no tour starts */
    ev(LY_EV_MOUSE_DOWN, 640, 360);
    ev(LY_EV_MOUSE_UP, 640, 360);
    CHECK_INT(g_app.st.selected, -1);
    a->touched_t = g_app.st.time + 1e9; /* as if someone kept touching it */
    wait_s(70);
    CHECK(!g_app.st.kiosk.touring);
    /* the kiosk's reset closes it */
    wait_s(60);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    /* without a PIN hash there is no way in */
    ly_cmd_admin_setup(&g_app, "", 5);
    long opens = a->opens;
    ev(LY_EV_FINGER_DOWN, 10, 10);
    wait_s(8);
    ev(LY_EV_FINGER_UP, 10, 10);
    CHECK_INT(a->open, LY_ADMIN_CLOSED);
    CHECK_INT(a->opens, opens);
}

/* a stalled frame's lost time still counts for the idle timers */
static void test_idle_lag(void)
{
    ev(LY_EV_MOUSE_MOVE, 500, 300); /* someone was here */
    CHECK(!g_app.st.kiosk.touring);
    ly_cmd_lost_time(&g_app, 65);
    ly_app_update(&g_app, 0.1);
    CHECK(g_app.st.kiosk.touring);
    CHECK_NEAR(g_app.st.kiosk.idle_s, 65.1, 1e-9);
    CHECK_NEAR(g_app.st.kiosk.idle_lag, 0, 0);
}

/* A tap on the touring kiosk ends the tour and shows the whole district: the tap is a
 * move, then a press and a release, and all three are the tour's (the press had stopped
 * the flight home and selected the building under the finger). A press half a second
 * later is a new touch. */
static void test_tap_ends_tour(void)
{
    ly_cmd_start_tour(&g_app);
    wait_s(10); /* at a stop, its building selected */
    CHECK(g_app.st.kiosk.touring);
    CHECK(g_app.st.selected >= 0);
    float sx = -1, sy = -1; /* a building under the finger */
    for (int y = 40; y < g_app.st.height && sx < 0; y += 40)
        for (int x = 40; x < g_app.st.width && sx < 0; x += 40)
            if (ly_app_pick(&g_app, (float)x, (float)y, 0, NULL) >= 0)
                sx = (float)x, sy = (float)y;
    CHECK(sx >= 0);
    ev(LY_EV_MOUSE_MOVE, sx, sy);
    CHECK(!g_app.st.kiosk.touring);
    ev(LY_EV_MOUSE_DOWN, sx, sy);
    ev(LY_EV_MOUSE_UP, sx, sy);
    CHECK_INT(g_app.st.selected, -1);
    CHECK(g_app.st.cam.flying); /* on its way to the whole district */
    wait_s(3);
    CHECK(!g_app.st.cam.flying);
    /* then a tap is the map's again */
    ev(LY_EV_MOUSE_DOWN, 640, 360);
    CHECK(!g_app.st.kiosk.tour_touch);
    ev(LY_EV_MOUSE_UP, 640, 360);
}

/* A kiosk out of service (no data yet) runs no tour: its banner had nothing to show, and
 * stayed empty until its next stop once the data came. */
static void test_no_tour_out_of_service(void)
{
    static ly_app empty;
    char err[256];
    CHECK_INT(ly_app_init(&empty, 1280, 720, 1, false, err, sizeof err), 0);
    ly_cmd_set_kiosk(&empty, true, 60, 120, 0);
    for (int i = 0; i < 700; i++)
        ly_app_update(&empty, 0.1);
    CHECK(!empty.st.kiosk.touring);
    ly_app_deinit(&empty);
}

/* Data without occupancy (plain footprints with heights): the tour still runs,
 * through the tallest finished buildings, highest first. */
static void test_tour_without_occupancy(void)
{
    const char *path = "/tmp/louyu-test-plain.geojson";
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("{\"type\": \"FeatureCollection\", \"features\": [\n", f);
    const double h[3] = {20, 64, 35};
    for (int i = 0; i < 3; i++) {
        double x = 120.38 + 0.001 * i, y = 36.06;
        fprintf(f,
                "%s{\"type\": \"Feature\", \"id\": \"b%d\", \"properties\": "
                "{\"building\": \"yes\", \"height\": %.0f}, \"geometry\": {\"type\": "
                "\"Polygon\", \"coordinates\": [[[%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f], "
                "[%.4f, %.4f], [%.4f, %.4f]]]}}\n",
                i ? "," : "", i, h[i], x, y, x + 0.0003, y, x + 0.0003, y + 0.0003, x,
                y + 0.0003, x, y);
    }
    fputs("]}\n", f);
    fclose(f);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int rc = ly_app_load(&g_app, path, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    CHECK_INT(rc, LY_LOAD_OK);
    if (rc == LY_LOAD_OK) {
        ly_cmd_set_kiosk(&g_app, true, 60, 120, 0);
        ly_cmd_start_tour(&g_app);
        ly_app_update(&g_app, 0.1);
        CHECK(g_app.st.kiosk.touring);
        CHECK_INT(g_app.st.selected, ly_district_find(&g_app.scene.district, "b1")); /* 64 m */
        wait_s(9.2);
        CHECK_INT(g_app.st.selected, ly_district_find(&g_app.scene.district, "b2")); /* 35 m */
    }
    remove(path);
}

/* The controls: H (or F1, or the "?" by the compass) shows them on a desktop;
 * Esc closes them; a kiosk never shows them. */
static void test_controls(void)
{
    ly_cmd_set_kiosk(&g_app, false, 60, 120, 0);
    ly_cmd_admin_close(&g_app);
    CHECK(!g_app.st.help);
    key(LY_KEY_H);
    CHECK(g_app.st.help);
    key(LY_KEY_ESCAPE);
    CHECK(!g_app.st.help);
    key(LY_KEY_F1);
    CHECK(g_app.st.help);
    key(LY_KEY_F1);
    CHECK(!g_app.st.help);
    /* the "?" sits left of the compass, in the top-right corner, where the layout put it */
    ly_app_update(&g_app, 0);
    const ly_box *q = &g_app.layout.help_button;
    CHECK(q->shown);
    CHECK(q->x > g_app.layout.width / 2 && q->y < 100);
    float hx = q->x + 0.5f * q->w, hy = q->y + 0.5f * q->h;
    ev(LY_EV_MOUSE_DOWN, hx, hy);
    ev(LY_EV_MOUSE_UP, hx, hy);
    CHECK(g_app.st.help);
    ev(LY_EV_MOUSE_DOWN, hx, hy);
    ev(LY_EV_MOUSE_UP, hx, hy);
    CHECK(!g_app.st.help);
    ly_cmd_set_kiosk(&g_app, true, 60, 120, 0);
    key(LY_KEY_H);
    CHECK(!g_app.st.help);
    ly_app_update(&g_app, 0);
    CHECK(!g_app.layout.help_button.shown); /* and no "?" */
}

/* A load that failed for the whole file (a server down): its error told without a "0:0:"
 * place it does not have; one at a place keeps it. */
static void test_load_note(void)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "http://127.0.0.1:9/d.geojson");
    ly_diag_add(&diags, LY_DIAG_ERROR, SIZE_MAX, -1, "the server cannot be reached");
    ly_diag *at = ly_diag_add(&diags, LY_DIAG_ERROR, 10, -1, "a bad value");
    if (at) {
        at->line = 3;
        at->col = 7;
    }
    ly_cmd_note_load(&g_app, "http://127.0.0.1:9/d.geojson", LY_LOAD_IO, &diags);
    const ly_run_note *rn = &g_app.st.run;
    CHECK(!rn->ok && rn->unreadable); /* (the toast: "cannot be read", not "has 2 errors") */
    CHECK_INT(rn->n_errors, 2);
    CHECK_STR(rn->errors[0], "the server cannot be reached");
    CHECK_INT(rn->error_at[0][0], 0);
    CHECK_STR(rn->errors[1], "a bad value"); /* (its place is put in the panel's words) */
    CHECK(rn->error_at[1][0] == 3 && rn->error_at[1][1] == 7);
    char said[320];
    snprintf(said, sizeof said, ly_str(LY_S_ADMIN_ERROR_AT, LY_LANG_ZH), 3, 7, rn->errors[1]);
    CHECK_STR(said, "第 3 行第 7 列：a bad value");
    snprintf(said, sizeof said, ly_str(LY_S_ADMIN_ERROR_AT, LY_LANG_EN), 3, 7, rn->errors[1]);
    CHECK_STR(said, "Line 3, column 7: a bad value"); /* ("3:7:" had read as a time of day) */
    ly_diag_list_deinit(&diags);
}

/* The last update's time is local for the caretaker, but says its zone: the log it is
 * read beside stamps the same reload in UTC (21:43Z is 05:43 in Shanghai). */
static void test_load_time_zone(void)
{
    setenv("TZ", "Asia/Shanghai", 1); /* (no daylight saving: always UTC+8) */
    tzset();
    ly_diag_list diags;
    ly_diag_list_init(&diags, "d.geojson");
    time_t before = time(NULL);
    ly_cmd_note_load(&g_app, "d.geojson", LY_LOAD_OK, &diags);
    time_t after = time(NULL);
    ly_diag_list_deinit(&diags);
    const char *when = g_app.st.run.when;
    CHECK(strstr(when, " (UTC+08:00)") != NULL);
    /* its clock is UTC's plus eight hours (either side of the call: an hour may turn) */
    struct tm a, b;
    gmtime_r(&before, &a);
    gmtime_r(&after, &b);
    int h = -1;
    CHECK(sscanf(when, "%*d-%*d-%*d %d:", &h) == 1);
    CHECK(h == (a.tm_hour + 8) % 24 || h == (b.tm_hour + 8) % 24);
    unsetenv("TZ");
    tzset();
}

/* A data file being written in place by a slow copy (it pauses, cut short, for seconds)
 * is waited for: the district stays, with no toast and the panel's last update as it
 * was. One that stays cut short after it has stopped changing is refused as usual. */
static void test_still_written(void)
{
    char dir[] = "/tmp/louyu-writing-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/d.geojson", dir);
    size_t n = 0;
    char *text = check_read_file(LY_SOURCE_DIR "/data/zhanshan.geojson", &n);
    FILE *f = fopen(path, "wb");
    CHECK(text && f && fwrite(text, 1, n / 2, f) == n / 2);
    if (f)
        fclose(f);
    size_t shown = g_app.scene.district.n_buildings;
    char when[sizeof g_app.st.run.when];
    snprintf(when, sizeof when, "%s", g_app.st.run.when);
    g_app.st.run.shown_t = -1;
    CHECK(ly_app_reload_start(&g_app, path));
    CHECK(!ly_app_reload_poll(&g_app, true));
    CHECK_INT(g_app.scene.district.n_buildings, shown);
    CHECK(g_app.st.run.shown_t == -1); /* (no "d.geojson has 1 error" for the visitors) */
    CHECK_STR(g_app.st.run.when, when);

    /* the same bytes a minute old: a copy that gave up, refused and said */
    time_t old = time(NULL) - 60;
    struct timespec times[2] = {{.tv_sec = old}, {.tv_sec = old}};
    CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
    CHECK(ly_app_reload_start(&g_app, path));
    CHECK(!ly_app_reload_poll(&g_app, true));
    CHECK_INT(g_app.scene.district.n_buildings, shown);
    CHECK(!g_app.st.run.ok && g_app.st.run.shown_t >= 0);
    CHECK(strstr(g_app.st.run.status, "failed: 1 error") != NULL);

    /* a time ahead of the clock (a USB stick written in another zone): waited for, but no
     * longer than a file of the right time that stops growing (it had been waited for until
     * the clock caught up, hours) */
    time_t ahead = time(NULL) + 8 * 3600;
    struct timespec later[2] = {{.tv_sec = ahead}, {.tv_sec = ahead}};
    CHECK(utimensat(AT_FDCWD, path, later, 0) == 0);
    g_app.st.run.shown_t = -1;
    CHECK(ly_app_reload_start(&g_app, path));
    CHECK(!ly_app_reload_poll(&g_app, true));
    CHECK(g_app.data_writing && g_app.st.run.shown_t == -1);
    g_app.data_writing_since -= 31000; /* (31 s on, the same size) */
    CHECK(ly_app_reload_start(&g_app, path));
    CHECK(!ly_app_reload_poll(&g_app, true));
    CHECK(!g_app.data_writing && g_app.st.run.shown_t >= 0);
    CHECK(strstr(g_app.st.run.status, "failed: 1 error") != NULL);
    free(text);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    char err[256];
    if (ly_app_init(&g_app, 1280, 720, 1, false, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zhanshan");
    CHECK_INT(ly_app_load(&g_app, LY_SOURCE_DIR "/data/zhanshan.geojson", &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    CHECK_INT(ly_pin_hash("2468", g_hash, sizeof g_hash), 0);
    ly_cmd_set_kiosk(&g_app, true, 60, 120, 0);
    ly_cmd_admin_setup(&g_app, g_hash, 5);
    test_gesture();
    test_pin();
    test_lock();
    test_reset_and_no_pin();
    test_idle_lag();
    test_tap_ends_tour();
    test_no_tour_out_of_service();
    test_tour_without_occupancy();
    test_controls();
    test_load_note();
    test_load_time_zone();
    test_still_written();
    ly_app_deinit(&g_app);
    return check_report();
}
