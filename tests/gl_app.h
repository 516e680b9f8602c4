/* The GL tests' app: a hidden window's context, 1280 x 720, the bundled district loaded,
 * drawing into an offscreen target of that size. */
#ifndef LOUYU_TESTS_GL_APP_H
#define LOUYU_TESTS_GL_APP_H

#include "check.h"
#include "commands.h"
#include "window.h"

/* The app the test drives (one per test program). */
static ly_app g_app;

/* One frame: time moves on dt seconds, the frame is drawn and finished. */
static inline void frame(double dt)
{
    ly_app_update(&g_app, dt);
    ly_app_render(&g_app);
    ly_renderer_finish(g_app.renderer);
}

/* A finger (number 7) down, moving or up at x, y. */
static inline void finger(ly_event_type type, float x, float y)
{
    ly_event e = {.type = type, .x = x, .y = y, .finger = 7};
    ly_app_event(&g_app, &e);
}

/* Where the last frame drew the widget `label` of panel `panel` (inside its list `list`, or
 * NULL), into *r; false where it drew none. */
static inline bool widget_rect(const char *panel, const char *list, const char *label,
                               ly_ui_rect *r)
{
    ly_ui *ui = &g_app.ui;
    ly_ui_push_id(ui, panel);
    if (list)
        ly_ui_push_id(ui, list);
    ly_ui_id id = ly_ui_get_id(ui, label);
    if (list)
        ly_ui_pop_id(ui);
    ly_ui_pop_id(ui);
    return ly_ui_find_rect(ui, id, r);
}

/* Returns 0, or what main should return: 77 (skip) where no GL 3.3 context can be made
 * at all (the one reason to skip), 1 when the app would not open. */
static inline int gl_app_open(ly_app *app, ly_platform **plat)
{
    ly_window_opts o = {.width = 64, .height = 64, .scale = 1, .hidden = true};
    int r = ly_cli_open(app, plat, &o);
    if (r == LY_EXIT_GL) {
        fprintf(stderr, "SKIP: no OpenGL 3.3 context can be made here\n");
        return 77;
    }
    if (r) {
        fprintf(stderr, "FAIL: the app would not open (%d)\n", r);
        return 1;
    }
    ly_cmd_resize(app, 1280, 720);
    CHECK_INT(ly_cli_load(app, LY_SOURCE_DIR "/data/zhanshan.geojson", false), 0);
    CHECK_INT(ly_renderer_target_begin(app->renderer, 1280, 720), 0);
    return 0;
}

#endif
