/* louyu shot: what the window would show, rendered headless to a PNG. The same
 * app as the window; time is stepped so that animations and fades have ended
 * and every panel has found its height before the picture is taken. */
#include "../commands.h"
#include "data.h"
#include "louyu/proc.h"
#include "window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <strings.h>
#include <sys/stat.h>

/* A kiosk's config, when given, read by the kiosk's own reader: a preview shows what the
 * kiosk would, so a config the kiosk refuses is refused here, with the same messages. */
static int config(const ly_args *a, ly_kiosk_config *kc)
{
    ly_kiosk_config_defaults(kc);
    const char *path = ly_arg_text(a, "--config", NULL);
    if (!path)
        return 0;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int n = ly_kiosk_config_load(kc, path, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (n > 0)
        fprintf(stderr, "%s: %d problem%s\n", path, n, n == 1 ? "" : "s");
    if (!n && !kc->attract && ly_arg_flag(a, "--attract"))
        return ly_cli_usage_error(a->cmd, "--attract: %s turns the tour off (\"attract\": "
                                          "{\"enabled\": false}), so that kiosk never shows it",
                                  path);
    return n ? LY_EXIT_USAGE : 0;
}

/* The data: a FILE on the command line, else the config's (already taken from the config's
 * folder), else the bundled district; the kiosk's own order. */
static const char *data_file(const ly_args *a, const ly_kiosk_config *kc)
{
    return !ly_arg_pos(a, 0) && kc->data[0] ? kc->data : ly_cli_file(a);
}

/* The kiosk's moments: the tour a few seconds in, S seconds left alone, the admin's
 * panels, a finger held in the admin corner. */
static void kiosk_moments(ly_app *app, const ly_args *a, const ly_kiosk_config *kc,
                          const char *file)
{
    bool kiosk = ly_arg_flag(a, "--kiosk") || ly_arg_flag(a, "--attract") ||
                 ly_arg_given(a, "--idle") || ly_arg_given(a, "--admin") || ly_arg_given(a, "--hold");
    if (!kiosk)
        return;
    ly_cmd_set_kiosk(app, true, kc->attract ? kc->attract_after_s : 1e12, kc->reset_after_s,
                     kc->per_building_s);
    ly_cmd_admin_setup(app, kc->pin_hash, kc->admin_hold_s);
    snprintf(app->st.run.data_path, sizeof app->st.run.data_path, "%s", file);
    if (ly_arg_flag(a, "--attract")) {
        ly_cmd_start_tour(app);
        for (int i = 0; i < 240; i++)
            ly_app_update(app, 1.0 / 60);
    }
    for (double t = 0, idle = ly_arg_num(a, "--idle", 0); t < idle; t += 1.0 / 30)
        ly_app_update(app, 1.0 / 30);
    const char *admin = ly_arg_text(a, "--admin", NULL);
    if (admin)
        ly_cmd_admin_open(app, strcmp(admin, "pad") ? LY_ADMIN_STATUS : LY_ADMIN_PAD);
    if (admin && !strcmp(admin, "exit"))
        ly_cmd_admin_ask_exit(app, true);
    double hold = ly_arg_num(a, "--hold", 0);
    if (hold > 0) {
        float c = 24 * app->st.ui_scale;
        ly_event down = {.type = LY_EV_FINGER_DOWN, .x = c, .y = c, .finger = 1};
        ly_app_event(app, &down);
        for (double t = 0; t + 1e-9 < hold; t += 0.1)
            ly_app_update(app, 0.1);
    }
}

/* What input does: notches of the wheel, a reload, the pointer somewhere. */
static void input(ly_app *app, const ly_args *a)
{
    double w[3];
    if (ly_arg_values(a, "--wheel", w)) {
        for (int k = 0; k < (int)fabs(w[2]); k++) {
            ly_event e = {.type = LY_EV_WHEEL, .x = (float)w[0], .y = (float)w[1],
                          .dy = w[2] > 0 ? 1 : -1};
            ly_app_event(app, &e);
            ly_app_update(app, 1.0 / 60);
        }
        ly_app_update(app, 10.0);
    }
    const char *reload = ly_arg_text(a, "--reload", NULL);
    if (reload && ly_app_reload_start(app, reload)) {
        ly_app_reload_poll(app, true);
        ly_app_update(app, 1.0);
    }
    double p[3];
    if (ly_arg_values(a, "--pointer", p)) {
        /* the frame before lets the UI know which panel is under it */
        ly_cli_settle(app, 0);
        ly_event e = {.type = LY_EV_MOUSE_MOVE, .x = (float)p[0], .y = (float)p[1]};
        ly_app_event(app, &e);
    }
}

/* The picture (drawn in tiles where it is larger than the driver's targets, or than
 * --tile) written as a PNG. */
static int render_png(ly_app *app, const ly_args *a, const char *out, int w, int h)
{
    uint8_t *pixels = malloc((size_t)w * h * 4);
    if (!pixels || ly_app_render_image_tiled(app, w, h, ly_arg_flag(a, "--map"),
                                             (int)ly_arg_num(a, "--tile", 0), pixels)) {
        fprintf(stderr, "louyu shot: cannot draw a %dx%d picture (out of memory?)\n", w, h);
        free(pixels);
        return LY_EXIT_USAGE;
    }
    int rc = LY_EXIT_OK;
    size_t len = strlen(out);
    bool jpeg = len > 4 && (!strcasecmp(out + len - 4, ".jpg") || !strcasecmp(out + len - 5, ".jpeg"));
    char err[1200];
    if (ly_image_write(out, w, h, pixels, jpeg ? 88 : 0, err, sizeof err)) {
        fprintf(stderr, "louyu shot: %s\n", err);
        ly_cli_stdout_said = !strcmp(out, "-"); /* (said: main says no more of it) */
        rc = LY_EXIT_USAGE;
    }
    free(pixels);
    return rc;
}

/* The open cameras' first pictures (or their failures), for at most 5 s: a shot of a
 * live picture shows one, not "connecting". */
static void wait_for_cameras(ly_app *app)
{
    for (int i = 0; i < 100 && app->st.n_camera_views; i++) {
        ly_app_update(app, 0.05);
        bool waiting = false;
        for (int k = 0; k < app->st.n_camera_views; k++)
            waiting |= !app->dv.picture_w[k] &&
                       app->dv.stream_status[k].state == LY_CAM_CONNECTING;
        if (!waiting)
            return;
        ly_platform_sleep(0.05);
    }
}

int ly_cli_shot(const ly_args *a)
{
    const char *out = ly_arg_text(a, "--out", NULL);
    if (!out)
        return ly_cli_usage_error(a->cmd, "--out PNG is required");
    ly_kiosk_config kc;
    int rc = config(a, &kc);
    if (rc)
        return rc;
    const char *file = data_file(a, &kc);
    /* where the picture goes, before it is drawn (a minute's render for a folder that is
     * not there would be lost) */
    if (strcmp(out, "-") && (rc = ly_cli_out_check(a->cmd, out, false, file)))
        return rc;
    /* a picture's name says what it is (x.gif, x.webp or x had been given PNG bytes); a
     * device or a pipe (/dev/stdout) takes a PNG */
    const char *dot = strrchr(out, '.');
    struct stat st;
    bool device = !stat(out, &st) && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode));
    if (strcmp(out, "-") && !device &&
        !(dot && !strchr(dot, '/') &&
          (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))))
        return ly_cli_usage_error(a->cmd, "--out names the picture: FILE.png, FILE.jpg (a "
                                          "JPEG) or - (a PNG to stdout), not '%s'", out);
    double size[3] = {1280, 720, 0};
    ly_arg_values(a, "--size", size);
    int w = (int)size[0], h = (int)size[1];
    /* the scale: --scale, else the kiosk config's, else a kiosk's (LY_KIOSK_SCALE, less on a
     * small screen, as the kiosk has it) or a desktop's 1 */
    float scale = (float)ly_arg_num(a, "--scale", kc.ui_scale > 0             ? kc.ui_scale
                                                  : ly_arg_flag(a, "--kiosk") ? LY_KIOSK_SCALE
                                                                              : 1);
    const char *lod; /* a usage error before any window is made */
    if ((rc = ly_cli_lod(a, true, &lod)))
        return rc;
    ly_app app;
    ly_platform *plat;
    /* a hidden window for the context; the shot renders offscreen at its own size */
    ly_window_opts wo = {.width = 64, .height = 64, .scale = scale, .hidden = true,
                         .msaa = (int)ly_arg_num(a, "--msaa", 0)};
    if ((rc = ly_cli_open(&app, &plat, &wo)))
        return rc;
    if ((rc = ly_cli_app_lod(a, &app, true))) {
        ly_cli_close(&app, plat);
        return rc;
    }
    size_t mesh_mb = (size_t)ly_arg_num(a, "--mem-limit", 0);
    ly_renderer_set_mem_limit(app.renderer, mesh_mb ? mesh_mb << 20 : ly_proc_default_mesh_limit());
    ly_cmd_resize(&app, w, h);
    if (ly_arg_flag(a, "--kiosk") && !ly_arg_given(a, "--scale") && !(kc.ui_scale > 0))
        ly_cmd_set_auto_scale(&app, scale); /* as the kiosk's: less on a small screen */
    /* the config's language, as the kiosk starts in it (--lang, applied with the scene,
     * still wins); before the font's fallback, which turns Chinese without a font to English */
    if (kc.has_language)
        ly_cmd_set_language(&app, kc.language);
    ly_app_font_fallback(&app);
    /* --kiosk with a file that does not load: the kiosk's "out of service" */
    rc = ly_cli_load(&app, file, false);
    if (rc && ly_arg_flag(a, "--kiosk")) {
        ly_cmd_set_kiosk(&app, true, 0, 0, 0);
        rc = 0;
    } else if (!rc && !(rc = ly_cli_apply_scene(&app, a))) {
        ly_cmd_set_picture_only(&app, ly_arg_flag(a, "--picture"));
        wait_for_cameras(&app);
        ly_cli_settle(&app, 10.0);
        kiosk_moments(&app, a, &kc, file);
        input(&app, a);
    }
    if (!rc)
        rc = render_png(&app, a, out, w, h);
    ly_cli_close(&app, plat);
    return rc;
}
