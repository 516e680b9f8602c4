/* The kiosk's admin with real frames (headless GL): the PIN pad's keys and
 * the status panel's buttons are tapped where the frame drew them, as a
 * finger on the kiosk would. */
#include "gl_app.h"


/* A frame as the viewer's loop runs one: drawn only when something asked for it (the
 * pad's keys had taken no tap on a kiosk, where nothing else moves: a tap on them asked
 * for no frame, and the key is pressed in a frame) */
static void viewer_frame(double dt)
{
    static bool again = true;
    bool moving = ly_app_update(&g_app, dt);
    if (g_app.st.redraw || moving || again) {
        again = ly_app_render(&g_app);
        ly_renderer_finish(g_app.renderer);
    }
}

/* Taps the widget `label` of panel `panel` where the last frame put it. */
static bool tap(const char *panel, const char *label)
{
    ly_ui_rect r;
    if (!widget_rect(panel, NULL, label, &r)) {
        fprintf(stderr, "  no widget \"%s\" in \"%s\"\n", label, panel);
        return false;
    }
    finger(LY_EV_FINGER_DOWN, r.x + r.w / 2, r.y + r.h / 2);
    viewer_frame(0.05);
    finger(LY_EV_FINGER_UP, r.x + r.w / 2, r.y + r.h / 2);
    viewer_frame(0.05);
    return true;
}

/* Whether the widget `label` of panel `panel` is as wide as its words want. */
static bool whole(const char *panel, const char *label)
{
    ly_ui_rect r;
    if (!widget_rect(panel, NULL, label, &r))
        return false;
    float want = ly_ui_button_width(&g_app.ui, label) * g_app.ui.scale;
    if (r.w + 0.5f < want)
        fprintf(stderr, "  \"%s\": %.0f px wide, its words want %.0f\n", label, r.w, want);
    return r.w + 0.5f >= want;
}

/* The status panel's figures as the Chinese panel writes them, from the run's own figures:
 * no "ms", "d" or "stderr" among the Chinese (they had been "0 · 0.0 ms (≤ 0 ms)" and
 * "stderr"); the English panel as it was. */
static void admin_figures_zh(const ly_run_note *rn)
{
    char v[160];
    snprintf(v, sizeof v, ly_str(LY_S_ADMIN_FRAMES_VALUE, LY_LANG_ZH), rn->frames, 16.66, 33.0);
    char want[160];
    snprintf(want, sizeof want, "%ld 帧 · 平均 16.7 毫秒（最长 33 毫秒）", rn->frames);
    CHECK_STR(v, want);
    snprintf(v, sizeof v, ly_str(LY_S_ADMIN_FRAMES_VALUE, LY_LANG_EN), 12L, 16.66, 33.0);
    CHECK_STR(v, "12 frames · mean 16.7 ms (longest 33 ms)");
    snprintf(v, sizeof v, ly_str(LY_S_ADMIN_UPTIME_DAYS, LY_LANG_ZH), 2L, 3L, 4L, 5L);
    CHECK_STR(v, "2 天 03:04:05");
    CHECK_STR(ly_str(LY_S_ADMIN_LOG_STDERR, LY_LANG_ZH), "标准错误输出（stderr）");
    CHECK_STR(ly_str(LY_S_ADMIN_LOG_STDERR, LY_LANG_EN), "stderr");
    snprintf(v, sizeof v, ly_str(LY_S_CAMERA_FPS, LY_LANG_ZH), "2 秒前的画面", 9.96);
    CHECK_STR(v, "2 秒前的画面 · 10.0 帧/秒");
}

/* "Exit kiosk" ends a kiosk that the unit does not restart (exit 4: the lobby's screen dark
 * until someone comes): one tap asks, and only the question's "End kiosk" ends it (one tap
 * had ended it). Cancel, ten seconds unanswered or a closed panel take the question away. */
static void exit_asks(void)
{
    const char *quit = ly_str(LY_S_ADMIN_EXIT, g_app.st.lang),
               *end = ly_str(LY_S_ADMIN_EXIT_CONFIRM, g_app.st.lang),
               *cancel = ly_str(LY_S_CANCEL, g_app.st.lang);
    ly_ui_rect r;
    CHECK(tap("admin-status", quit));
    viewer_frame(0.05); /* (the panel grows by the question) */
    CHECK_INT(g_app.st.admin.request, LY_ADMIN_REQ_NONE);
    CHECK(g_app.st.admin.exit_asking);
    CHECK(widget_rect("admin-status", NULL, end, &r));
    /* a second tap where the first was asks again, and ends nothing */
    CHECK(tap("admin-status", quit));
    CHECK_INT(g_app.st.admin.request, LY_ADMIN_REQ_NONE);
    CHECK(tap("admin-status", cancel));
    viewer_frame(0.05);
    CHECK(!g_app.st.admin.exit_asking && !widget_rect("admin-status", NULL, end, &r));
    /* unanswered, it lapses */
    CHECK(tap("admin-status", quit));
    for (int i = 0; i < 22; i++)
        viewer_frame(0.5);
    CHECK(!g_app.st.admin.exit_asking && !widget_rect("admin-status", NULL, end, &r));
    /* the red "End kiosk" is left of Close, on a row of its own below it */
    CHECK(tap("admin-status", quit));
    viewer_frame(0.05);
    ly_ui_rect cr;
    CHECK(widget_rect("admin-status", NULL, end, &r) &&
          widget_rect("admin-status", NULL, ly_str(LY_S_CLOSE, g_app.st.lang), &cr));
    CHECK(r.y >= cr.y + cr.h && r.x + r.w < cr.x);
    CHECK(tap("admin-status", end));
    CHECK_INT(g_app.st.admin.request, LY_ADMIN_REQ_EXIT);
    ly_cmd_admin_request(&g_app, LY_ADMIN_REQ_NONE);
    /* a request to end it without the question is refused */
    ly_cmd_admin_ask_exit(&g_app, false);
    ly_cmd_admin_request(&g_app, LY_ADMIN_REQ_EXIT);
    CHECK_INT(g_app.st.admin.request, LY_ADMIN_REQ_NONE);
}

int main(void)
{
    ly_platform *plat;
    int r = gl_app_open(&g_app, &plat);
    if (r)
        return r;
    char hash[LY_PIN_HASH_MAX];
    CHECK_INT(ly_pin_hash("3579", hash, sizeof hash), 0);
    ly_cmd_set_kiosk(&g_app, true, 60, 120, 0);
    ly_cmd_admin_setup(&g_app, hash, 5);
    frame(1);
    CHECK(g_app.ui.theme.touch >= 44); /* a finger's "×" on the kiosk's panels (test_ui) */

    /* the hidden gesture, with frames drawn meanwhile (the ring fills) */
    finger(LY_EV_FINGER_DOWN, 20, 20);
    for (int i = 0; i < 11; i++)
        frame(0.5);
    CHECK_INT(g_app.st.admin.open, LY_ADMIN_PAD);
    finger(LY_EV_FINGER_UP, 20, 20);
    frame(0.05);
    frame(0.05); /* panels take taps from their second frame */

    /* a wrong PIN, then the right one, on the pad's own keys */
    char ok[64];
    snprintf(ok, sizeof ok, "%s##enter", ly_str(LY_S_OK, g_app.st.lang));
    CHECK(tap("admin-pad", "1") && tap("admin-pad", "1") && tap("admin-pad", "1") &&
          tap("admin-pad", "1"));
    CHECK(!strcmp(g_app.st.admin.pin, "1111"));
    CHECK(tap("admin-pad", ok));
    CHECK(g_app.st.admin.wrong);
    CHECK_INT(g_app.st.admin.open, LY_ADMIN_PAD);
    CHECK(tap("admin-pad", "3") && tap("admin-pad", "5") && tap("admin-pad", "8"));
    CHECK(tap("admin-pad", "←##back"));
    CHECK(tap("admin-pad", "7") && tap("admin-pad", "9"));
    CHECK(!strcmp(g_app.st.admin.pin, "3579"));
    CHECK(tap("admin-pad", ok));
    CHECK_INT(g_app.st.admin.open, LY_ADMIN_STATUS);
    frame(0.05); /* the panel's first frame (the tap's own frame built the pad) */
    frame(0.05);

    /* on a phone's width at a kiosk's scale each button's words are whole ("Reload n…" had
     * been cut to a third of the row) */
    const char *btn[] = {ly_str(LY_S_ADMIN_RELOAD, g_app.st.lang),
                         ly_str(LY_S_ADMIN_EXIT, g_app.st.lang), ly_str(LY_S_CLOSE, g_app.st.lang)};
    ly_cmd_set_scale(&g_app, 1.5f);
    ly_cmd_resize(&g_app, 390, 844);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 390, 844), 0);
    frame(0.05);
    frame(0.05);
    for (int i = 0; i < 3; i++)
        CHECK(whole("admin-status", btn[i]));
    /* in Chinese too, with the kiosk called 触摸屏 as the portal calls it ("退出信息亭" had
     * been the one 信息亭 left) */
    ly_cmd_set_language(&g_app, LY_LANG_ZH);
    frame(0.05);
    frame(0.05);
    CHECK_STR(ly_str(LY_S_ADMIN_EXIT, LY_LANG_ZH), "退出触摸屏模式");
    const char *btn_zh[] = {ly_str(LY_S_ADMIN_RELOAD, LY_LANG_ZH),
                            ly_str(LY_S_ADMIN_EXIT, LY_LANG_ZH), ly_str(LY_S_CLOSE, LY_LANG_ZH)};
    for (int i = 0; i < 3; i++)
        CHECK(whole("admin-status", btn_zh[i]));
    admin_figures_zh(&g_app.st.run);
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    ly_cmd_set_scale(&g_app, 1);
    ly_cmd_resize(&g_app, 1280, 720);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1280, 720), 0);
    frame(0.05);
    frame(0.05);

    /* the status panel's buttons ask the viewer to act */
    CHECK(tap("admin-status", ly_str(LY_S_ADMIN_RELOAD, g_app.st.lang)));
    CHECK_INT(g_app.st.admin.request, LY_ADMIN_REQ_RELOAD);
    ly_cmd_admin_request(&g_app, LY_ADMIN_REQ_NONE);
    exit_asks();
    CHECK(tap("admin-status", ly_str(LY_S_CLOSE, g_app.st.lang)));
    CHECK_INT(g_app.st.admin.open, LY_ADMIN_CLOSED);
    /* and the map takes taps again */
    CHECK_INT(g_app.st.selected, -1);

    /* a reload's toast during the attract tour is above its banner (it had been drawn
     * under it, unread) */
    ly_cmd_start_tour(&g_app);
    frame(0.1);
    ly_run_note *rn = &g_app.st.run;
    snprintf(rn->status, sizeof rn->status, "reload of d.geojson failed: 1 error");
    snprintf(rn->name, sizeof rn->name, "zhanshan-weekly-update-2011-W18.geojson");
    rn->count = 1;
    rn->ok = false;
    rn->shown_t = g_app.st.time;
    frame(0.1);
    const ly_box *t = &g_app.layout.toast, *b = &g_app.layout.tour;
    CHECK(t->shown && b->shown);
    CHECK(t->y + t->h <= b->y || t->x >= b->x + b->w || t->x + t->w <= b->x);
    ly_cmd_end_tour(&g_app);

    ly_renderer_target_end(g_app.renderer);
    ly_app_deinit(&g_app);
    ly_platform_destroy(plat);
    return check_report();
}
