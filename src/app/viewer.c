/* The viewer window, and its headless twins: louyu shot, louyu pick, and the
 * frame timings of louyu bench. All of them drive the same ly_app. */
#include "louyu/clock.h"
#include "app.h"
#include "cli.h"
#include "viewer.h"
#include "louyu/log.h"
#include "louyu/logfile.h"
#include "louyu/platform.h"

#include <limits.h>
#include <signal.h>
#include <math.h>
#include <stb/stb_image_write.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

double ly_process_start_ms;

/* The shaders: next to the installed binary, in the build tree's source, or
 * in the source tree this binary was built from. */
static const char *find_shaders(char *msg, size_t msg_len)
{
    static char found[PATH_MAX];
    char exe[PATH_MAX];
    const char *rel[] = {"/../share/louyu/shaders", "/shaders", "/../shaders"};
    char tried[2048] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            snprintf(found, sizeof found, "%s%s", exe, rel[i]);
            char probe[PATH_MAX + 32];
            snprintf(probe, sizeof probe, "%s/building.vert", found);
            if (access(probe, R_OK) == 0)
                return found;
            strncat(tried, "\n  ", sizeof tried - strlen(tried) - 1);
            strncat(tried, found, sizeof tried - strlen(tried) - 1);
        }
    }
    snprintf(found, sizeof found, "%s/shaders", LY_SOURCE_DIR);
    char probe[PATH_MAX + 32];
    snprintf(probe, sizeof probe, "%s/building.vert", found);
    if (access(probe, R_OK) == 0)
        return found;
    strncat(tried, "\n  ", sizeof tried - strlen(tried) - 1);
    strncat(tried, found, sizeof tried - strlen(tried) - 1);
    snprintf(msg, msg_len, "cannot find louyu's shaders; looked in:%s", tried);
    return NULL;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char x;
    return s && sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 16 &&
           *h >= 16 && *w <= 8192 && *h <= 8192;
}


/* Parses the options shared by view, shot, pick and bench. Returns 0 or prints usage. */
static int parse(int argc, char **argv, int first, options *o, const char *usage)
{
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--out") && v) {
            o->out = v;
            i++;
        } else if (!strcmp(a, "--size") && v) {
            if (!parse_size(v, &o->width, &o->height)) {
                fprintf(stderr, "louyu: --size wants WIDTHxHEIGHT, 16 to 8192 each, not '%s'\n",
                        v);
                return LY_EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--view") && v) {
            o->view = v;
            i++;
        } else if (!strcmp(a, "--select") && v) {
            o->select = v;
            i++;
        } else if (!strcmp(a, "--hover") && v) {
            o->hover = v;
            i++;
        } else if (!strcmp(a, "--lang") && v) {
            o->lang = v;
            i++;
        } else if (!strcmp(a, "--scale") && v) {
            o->scale = strtof(v, NULL);
            i++;
        } else if (!strcmp(a, "--tolerance") && v) {
            o->tolerance = strtof(v, NULL);
            i++;
        } else if (!strcmp(a, "--frames") && v) {
            o->frames = atoi(v);
            i++;
        } else if (!strcmp(a, "--at") && v) {
            if (sscanf(v, "%f,%f", &o->at_x, &o->at_y) != 2) {
                fprintf(stderr, "louyu: --at wants X,Y in pixels, not '%s'\n", v);
                return LY_EXIT_USAGE;
            }
            o->have_at = true;
            i++;
        } else if (!strcmp(a, "--msaa") && v) {
            int n = atoi(v);
            o->msaa = n <= 1 ? -1 : n;
            i++;
        } else if (!strcmp(a, "--floor") && v) {
            o->floor = atoi(v);
            o->stacking = true;
            i++;
        } else if (!strcmp(a, "--search") && v) {
            o->search = v;
            i++;
        } else if (!strcmp(a, "--reload") && v) {
            o->reload = v;
            i++;
        } else if (!strcmp(a, "--kiosk")) {
            o->kiosk = true;
        } else if (!strcmp(a, "--config") && v) {
            o->config = v;
            i++;
        } else if (!strcmp(a, "--admin") && v) {
            if (strcmp(v, "pad") && strcmp(v, "status")) {
                fprintf(stderr, "louyu: --admin wants pad or status, not '%s'\n", v);
                return LY_EXIT_USAGE;
            }
            o->admin = v;
            i++;
        } else if (!strcmp(a, "--wheel") && v) {
            char tail;
            if (sscanf(v, "%f,%f,%f%c", &o->wheel[0], &o->wheel[1], &o->wheel[2], &tail) != 3 ||
                !isfinite(o->wheel[0]) || !isfinite(o->wheel[1]) || !isfinite(o->wheel[2]) ||
                fabsf(o->wheel[2]) > 200) {
                fprintf(stderr, "louyu: --wheel needs X,Y,N (pixels, notches -200 to 200), not "
                                "'%s'\n", v);
                return LY_EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--pointer") && v) {
            char tail;
            if (sscanf(v, "%f,%f%c", &o->pointer[0], &o->pointer[1], &tail) != 2 ||
                !isfinite(o->pointer[0]) || !isfinite(o->pointer[1])) {
                fprintf(stderr, "louyu: --pointer needs X,Y (pixels), not '%s'\n", v);
                return LY_EXIT_USAGE;
            }
            o->has_pointer = true;
            i++;
        } else if (!strcmp(a, "--hold") && v) {
            o->hold = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--attract")) {
            o->attract = true;
        } else if (!strcmp(a, "--idle") && v) {
            o->idle = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--attract-after") && v) {
            o->attract_s = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--reset-after") && v) {
            o->reset_s = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--find")) {
            o->find = true;
        } else if (!strcmp(a, "--find-area") && v) {
            o->find = true;
            o->find_area = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--find-rent") && v) {
            o->find = true;
            o->find_rent = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--find-near") && v) {
            if (ly_query_poi_category(v) < 0) {
                fprintf(stderr, "louyu: --find-near needs a POI category (metro, parking, ...), "
                                "not '%s'\n", v);
                return LY_EXIT_USAGE;
            }
            o->find = true;
            o->find_near = v;
            i++;
        } else if (!strcmp(a, "--find-industry") && v) {
            o->find = true;
            o->find_industry = v;
            i++;
        } else if (!strcmp(a, "--controls")) {
            o->controls = true;
        } else if (!strcmp(a, "--dashboard")) {
            o->dashboard = true;
        } else if (!strcmp(a, "--keyboard")) {
            o->keyboard = true;
        } else if (!strcmp(a, "--color-by") && v) {
            o->color_by = v;
            i++;
        } else if (!strcmp(a, "--tab") && v) {
            o->tab = v;
            i++;
        } else if (!strcmp(a, "--explode")) {
            o->explode = 1;
            o->stacking = true;
        } else if (!strcmp(a, "--stacking")) {
            o->stacking = true;
        } else if (!strcmp(a, "--fullscreen")) {
            o->fullscreen = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "louyu: unknown option '%s'\nusage: %s\n", a, usage);
            return LY_EXIT_USAGE;
        } else if (!o->file) {
            o->file = a;
        } else {
            fprintf(stderr, "louyu: unexpected argument '%s'\nusage: %s\n", a, usage);
            return LY_EXIT_USAGE;
        }
    }
    o->file_given = o->file != NULL;
    o->scale_given = o->scale > 0 && o->scale <= 4;
    ly_kiosk_config_defaults(&o->kc);
    if (o->config) {
        /* the kiosk's config: every problem at once, and no start with any */
        ly_diag_list diags;
        ly_diag_list_init(&diags, o->config);
        int n = ly_kiosk_config_load(&o->kc, o->config, &diags);
        for (size_t i = 0; i < diags.count; i++)
            ly_diag_print(stderr, &diags, &diags.items[i]);
        ly_diag_list_deinit(&diags);
        if (n) {
            if (n > 0)
                fprintf(stderr, "%s: %d problem%s: louyu will not start with it\n", o->config,
                        n, n == 1 ? "" : "s");
            return LY_EXIT_USAGE;
        }
        if (!o->file && o->kc.data[0])
            o->file = o->kc.data;
        if (!o->lang && o->kc.has_language)
            o->lang = ly_lang_code(o->kc.language);
        if (!o->scale_given && o->kc.ui_scale > 0) {
            o->scale = o->kc.ui_scale;
            o->scale_given = true;
        }
    }
    /* the command line wins over the config */
    if (o->attract_s <= 0)
        o->attract_s = o->kc.attract ? o->kc.attract_after_s : 1e12;
    if (o->reset_s <= 0)
        o->reset_s = o->kc.reset_after_s;
    if (!o->scale_given)
        o->scale = o->kiosk ? 1.75f : 1;
    if (!o->file)
        o->file = ly_default_data_path();
    return 0;
}

/* What a kiosk takes from its config besides the options: the tour's pace,
 * the admin PIN and the log file. Call after the app is open. */
static ly_logfile *kiosk_setup(ly_app *app, const options *o)
{
    ly_app_set_kiosk(app, true, o->attract_s, o->reset_s);
    app->attract_per_s = o->kc.per_building_s;
    ly_admin_setup(app, o->kc.pin_hash, o->kc.admin_hold_s);
    snprintf(app->admin.data_path, sizeof app->admin.data_path, "%s", o->file);
    char path[1024], err[1200];
    if (o->kc.log_path[0])
        snprintf(path, sizeof path, "%s", o->kc.log_path);
    else if (ly_kiosk_default_log_path(path, sizeof path))
        path[0] = '\0';
    ly_logfile *lf = NULL;
    if (path[0]) {
        lf = ly_logfile_open(path, o->kc.log_max_kb * 1024, o->kc.log_keep, err, sizeof err);
        if (!lf)
            fprintf(stderr, "louyu: %s; logging to stderr only\n", err);
    }
    if (lf) {
        ly_log_set_sink(ly_logfile_sink, lf);
        snprintf(app->admin.log_path, sizeof app->admin.log_path, "%s", path);
    }
    if (ly_log_get_level() > LY_LOG_INFO)
        ly_log_set_level(LY_LOG_INFO); /* a kiosk's log says what happened, not only what failed */
    LY_INFO("KIOSK", "louyu %s starting: data %s, config %s, attract after %.0f s, reset after "
            "%.0f s", LY_VERSION, o->file, o->config ? o->config : "(none)", o->attract_s,
            o->reset_s);
    if (!o->kc.pin_hash[0])
        LY_WARN("KIOSK", "no admin PIN in the config (\"admin\": {\"pin_hash\": ...}): the "
                         "admin panel is off");
    return lf;
}

int ly_viewer_load(ly_app *app, const char *path, bool to_log)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int r = ly_app_load(app, path, &diags);
    ly_diag_sort(&diags);
    if (to_log)
        ly_app_note_load(app, path, r == LY_LOAD_OK, &diags);
    if (r != LY_LOAD_OK) {
        for (size_t i = 0; i < diags.count && i < 20; i++) {
            const ly_diag *d = &diags.items[i];
            if (!to_log)
                ly_diag_print(stderr, &diags, d);
            else if (d->severity == LY_DIAG_ERROR)
                LY_ERROR("LOAD", "%s:%d:%d: %s", path, d->line, d->col, d->message);
        }
        if (diags.errors > 20)
            fprintf(stderr, "%s: %zu errors in all (louyu validate lists them)\n", path,
                    diags.errors);
    }
    ly_diag_list_deinit(&diags);
    return r == LY_LOAD_OK ? 0 : r == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
}

/* Applies --view, --select, --hover, --lang; returns 0 or a usage error. */
static int apply_view(ly_app *app, const options *o)
{
    if (o->lang)
        app->lang = ly_lang_parse(o->lang);
    if (o->color_by) {
        int m = ly_color_mode_parse(o->color_by);
        if (m < 0) {
            fprintf(stderr, "louyu: --color-by wants occupancy, vacant, enterprises, tax, "
                            "industry, age, height or none, not '%s'\n",
                    o->color_by);
            return LY_EXIT_USAGE;
        }
        ly_app_set_color_mode(app, (ly_color_mode)m, false);
    }
    if (o->search)
        snprintf(app->query, sizeof app->query, "%s", o->search);
    app->keyboard = o->keyboard;
    app->dashboard = o->dashboard;
    app->help = o->controls;
    if (o->find) {
        app->finder = true;
        app->find.min_area_m2 = o->find_area;
        app->find.max_rent_cny_m2_day = o->find_rent > 0 ? o->find_rent : 0;
        app->find.industry = o->find_industry;
        if (o->find_near) {
            /* as the viewer's chips do: later stations are counted, and said so */
            app->find.near_poi = true;
            app->find.near = (ly_poi_category)ly_query_poi_category(o->find_near);
            app->find.include_later_pois = true;
        }
        ly_app_run_finder(app);
    }
    /* select first: a building's view leaves room for its card */
    const char *ids[2] = {o->select, o->hover};
    for (int k = 0; k < 2; k++) {
        if (!ids[k])
            continue;
        long b = ly_district_find(&app->scene.district, ids[k]);
        if (b < 0) {
            fprintf(stderr, "louyu: no building \"%s\" to %s\n", ids[k], k ? "hover" : "select");
            return LY_EXIT_USAGE;
        }
        if (k == 0) {
            ly_app_select(app, b, false);
        } else {
            app->hovered = b;
            app->hover_from_mouse = false;
            ly_app_select(app, app->selected, false); /* refresh the style flags */
        }
    }
    if (o->view && !ly_app_set_view(app, o->view, false)) {
        fprintf(stderr, "louyu: --view wants home, top or a building id; no building \"%s\"\n",
                o->view);
        return LY_EXIT_USAGE;
    }
    if (o->tab) {
        static const char *tabs[3] = {"overview", "floors", "enterprises"};
        int t = -1;
        for (int k = 0; k < 3; k++)
            if (!strcmp(o->tab, tabs[k]))
                t = k;
        if (t < 0 || app->selected < 0) {
            fprintf(stderr, "louyu: --tab wants overview, floors or enterprises, with --select\n");
            return LY_EXIT_USAGE;
        }
        app->card_tab = t;
    }
    if (o->stacking) {
        if (app->selected < 0) {
            fprintf(stderr, "louyu: --stacking and --floor need --select ID\n");
            return LY_EXIT_USAGE;
        }
        ly_app_set_stacking(app, true, o->explode);
        if (o->floor) {
            int floors = app->scene.district.buildings[app->selected].floors;
            if (o->floor < 1 || o->floor > floors) {
                fprintf(stderr, "louyu: --floor %d: building \"%s\" has floors 1 to %d\n",
                        o->floor, app->scene.district.buildings[app->selected].id, floors);
                return LY_EXIT_USAGE;
            }
            ly_app_select_floor(app, o->floor);
        }
    }
    return 0;
}

/* A window (hidden for headless work) with a renderer and the app. */
int ly_viewer_open(ly_app *app, ly_platform **plat, const options *o, bool hidden)
{
    char err[512];
    *plat = ly_platform_create(&(ly_window_desc){.width = o->width, .height = o->height,
                                                 .fullscreen = o->fullscreen, .hidden = hidden,
                                                 .display = o->kc.display,
                                                 /* the renderer multisamples
                                                    the scene itself */
                                                 .msaa_samples = -1,
                                                 .title = "楼宇 louyu"},
                               err, sizeof err);
    if (!*plat) {
        fprintf(stderr, "louyu: %s\n", err);
        return LY_EXIT_USAGE;
    }
    int dw, dh;
    ly_platform_drawable_size(*plat, &dw, &dh);
    float scale = o->scale * (hidden ? 1.0f : ly_platform_pixel_scale(*plat));
    if (ly_app_init(app, hidden ? o->width : dw, hidden ? o->height : dh, scale, true, err,
                    sizeof err)) {
        fprintf(stderr, "louyu: %s\n", err);
        ly_platform_destroy(*plat);
        *plat = NULL;
        return LY_EXIT_USAGE;
    }
    const char *dir = find_shaders(err, sizeof err);
    if (dir)
        app->renderer = ly_renderer_create(dir, err, sizeof err);
    if (app->renderer) {
        /* 4x MSAA by default; software rasterisers (llvmpipe) pay a fixed
         * 2.5x for any multisampling, so there it is off unless asked for */
        int samples = o->msaa;
        if (samples == 0) {
            ly_render_info info;
            ly_render_query_info(&info);
            bool software = info.renderer && (strstr(info.renderer, "llvmpipe") ||
                                               strstr(info.renderer, "softpipe") ||
                                               strstr(info.renderer, "Software"));
            samples = software ? -1 : 4;
            if (software)
                LY_INFO("RENDER", "%s: MSAA off (louyu --msaa 4 turns it on)", info.renderer);
        }
        ly_renderer_set_msaa(app->renderer, samples);
    }
    if (!app->renderer) {
        fprintf(stderr, "louyu: %s\n", err);
        ly_app_deinit(app);
        ly_platform_destroy(*plat);
        *plat = NULL;
        return LY_EXIT_USAGE;
    }
    return 0;
}

/* ---- the window --------------------------------------------------------------- */

/* SIGHUP asks a running viewer to load its data file again now (what
 * `systemctl --user reload louyu-kiosk` sends). */
static volatile sig_atomic_t g_hup;

static void on_hup(int sig)
{
    (void)sig;
    g_hup = 1;
}

/* A test hook: LOUYU_FAULT=gl-lost@N makes the viewer treat its Nth frame as
 * one whose GL context was lost, so the supervision path can be tested
 * without a GPU to break. */
static long fault_frame(void)
{
    const char *f = getenv("LOUYU_FAULT");
    long n;
    return f && sscanf(f, "gl-lost@%ld", &n) == 1 && n > 0 ? n : 0;
}

int ly_cmd_view(int argc, char **argv, int first)
{
    options o = {.width = 1280, .height = 720};
    int rc = parse(argc, argv, first, &o,
                   "louyu [FILE] [--fullscreen] [--size WxH] [--view home|top|ID] [--lang zh|en] "
                   "[--kiosk [--config FILE] [--attract-after S] [--reset-after S]]");
    if (rc)
        return rc;
    if (o.config && !o.kiosk) {
        fprintf(stderr, "louyu: --config is the kiosk's: use it with --kiosk\n");
        return LY_EXIT_USAGE;
    }
    struct sigaction sa = {.sa_handler = on_hup};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    ly_app app;
    ly_platform *plat;
    if ((rc = ly_viewer_open(&app, &plat, &o, false)))
        return rc;
    ly_logfile *log = NULL;
    if (o.kiosk) {
        /* unattended: full screen, no cursor, touch-sized, no way out by keys;
         * the language comes from the config (or zh), not the settings file */
        ly_platform_set_fullscreen(plat, true);
        ly_platform_show_cursor(plat, false);
        log = kiosk_setup(&app, &o);
    } else {
        ly_app_use_settings(&app);
    }
    if (o.kiosk && (rc = ly_viewer_load(&app, o.file, true))) {
        /* a kiosk with no good data says "out of service" and waits for
         * the file to be mended (the watch below loads it), rather than
         * leaving the desktop showing while its supervisor restarts it */
        LY_ERROR("KIOSK", "cannot load %s (its errors are above): out of service until it is "
                          "replaced by a good file", o.file);
        rc = 0;
    } else if ((!o.kiosk && (rc = ly_viewer_load(&app, o.file, false))) ||
               (rc = apply_view(&app, &o))) {
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        ly_log_set_sink(NULL, NULL);
        ly_logfile_close(log);
        return rc;
    }
    if (o.kiosk)
        ly_app_set_kiosk(&app, true, o.attract_s, o.reset_s); /* the language as loaded */
    ly_platform_set_title(plat, app.scene.district.meta.name
                                    ? app.scene.district.meta.name
                                    : "楼宇 louyu");
    long fault = fault_frame(), frames = 0;
    const char *driver = ly_platform_video_driver(plat);
    bool unthrottled = !ly_platform_vsync(plat) || (driver && !strcmp(driver, "offscreen"));
    int gl_failures = 0;
    double last = ly_platform_now();
    bool running = true, moving = true;
    /* the data file is watched: a change (atomic rename or a write in place)
     * that has settled for a second is loaded on a thread and swapped in */
    struct stat seen = {0}, pending = {0};
    stat(o.file, &seen);
    bool changed = false, gone = false;
    double next_check = last + 1.0;
    while (running) {
        double t_now = ly_platform_now();
        if (t_now >= next_check) {
            next_check = t_now + 1.0;
            struct stat cur;
            bool here = stat(o.file, &cur) == 0;
            /* a file that vanishes (an update half done, a mistake) is said once;
             * the district on screen stays until a good file is back */
            if (!here && !gone)
                LY_WARN("RELOAD", "%s is gone; keeping the district on screen until it is back",
                        o.file);
            else if (here && gone)
                LY_INFO("RELOAD", "%s is back", o.file);
            gone = !here;
            if (here) {
                bool differs = cur.st_mtime != seen.st_mtime || cur.st_size != seen.st_size ||
                               cur.st_ino != seen.st_ino;
                bool settled = changed && cur.st_mtime == pending.st_mtime &&
                               cur.st_size == pending.st_size && cur.st_ino == pending.st_ino;
                if (differs && settled && ly_app_reload_start(&app, o.file)) {
                    seen = cur;
                    changed = false;
                } else if (differs) {
                    pending = cur;
                    changed = true;
                }
            }
        }
        if (g_hup || app.admin.request == LY_ADMIN_REQ_RELOAD) {
            if (ly_app_reload_start(&app, o.file)) {
                LY_INFO("RELOAD", "%s: reload asked for (%s)", o.file,
                        g_hup ? "SIGHUP" : "admin panel");
                g_hup = 0;
                app.admin.request = LY_ADMIN_REQ_NONE;
            }
        }
        if (app.admin.request == LY_ADMIN_REQ_EXIT) {
            LY_WARN("KIOSK", "ended from the admin panel (exit %d)", LY_EXIT_ADMIN);
            rc = LY_EXIT_ADMIN;
            break;
        }
        ly_app_reload_poll(&app, false);
        ly_event e;
        while (ly_platform_poll(plat, &e)) {
            if (o.kiosk && (e.type == LY_EV_CLOSE ||
                            (e.type == LY_EV_KEY_DOWN &&
                             (e.key == LY_KEY_F11 || (e.mods & (LY_MOD_CTRL | LY_MOD_ALT)))))) {
                continue; /* a kiosk ignores the window manager's close and shortcut keys */
            } else if (e.type == LY_EV_QUIT || e.type == LY_EV_CLOSE) {
                if (o.kiosk)
                    LY_INFO("KIOSK", "asked to end (SIGTERM or the session's end)");
                running = false; /* a kiosk still ends on SIGTERM */
            } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_R && (e.mods & LY_MOD_CTRL)) {
                ly_app_reload_start(&app, o.file); /* reload now */
            } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_F11) {
                ly_platform_set_fullscreen(plat, !ly_platform_is_fullscreen(plat));
            } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_Q && (e.mods & LY_MOD_CTRL)) {
                running = false;
            } else {
                ly_app_event(&app, &e);
            }
        }
        int dw, dh;
        ly_platform_drawable_size(plat, &dw, &dh);
        if (dw != app.width || dh != app.height)
            ly_app_resize(&app, dw, dh);
        double t = ly_platform_now();
        /* animations take at most 0.1 s a frame (no jumps after a stall);
         * the kiosk's idle timers take the wall time */
        app.idle_lag = fmax(0, t - last - 0.1);
        moving = ly_app_update(&app, fmin(t - last, 0.1));
        last = t;
        if (app.redraw || moving) {
            double t0 = ly_platform_now();
            ly_app_render(&app);
            ly_platform_swap(plat);
            /* Without a display's vsync to hold it (SDL's offscreen driver, a
             * driver that ignores the swap interval) the loop would hand the GL
             * driver frames faster than it draws them, and they queue up: wait
             * for each, and draw no more than 120 a second. */
            if (unthrottled) {
                ly_renderer_finish(app.renderer);
                double spare = 1.0 / 120 - (ly_platform_now() - t0);
                if (spare > 0.001)
                    ly_platform_sleep(spare);
            }
            ly_admin_frame(&app, (ly_platform_now() - t0) * 1000);
            /* supervision: a lost context cannot draw again, and frames that
             * keep failing will not mend; either way the supervisor starts a
             * fresh process, which is back on screen within a second */
            ly_render_health h = ly_renderer_health(app.renderer);
            if (fault && ++frames >= fault)
                h = LY_RENDER_LOST;
            gl_failures = h == LY_RENDER_OK ? 0 : gl_failures + 1;
            if (h == LY_RENDER_LOST || gl_failures >= 3) {
                LY_ERROR("KIOSK", "%s: exiting with %d for the supervisor to restart",
                         h == LY_RENDER_LOST ? "the GL context was lost"
                                             : "3 frames in a row failed (GL out of memory)",
                         LY_EXIT_GL);
                rc = LY_EXIT_GL;
                break;
            }
        } else {
            /* nothing moves: sleep until input instead of spinning. The time
             * asleep still passes for the app (the kiosk's idle timers), given
             * before the input that woke it so its animations start afresh */
            ly_platform_wait(plat, 0.25);
            double now = ly_platform_now();
            ly_app_update(&app, now - last);
            last = now;
        }
    }
    if (o.kiosk)
        LY_INFO("KIOSK", "stopping (exit %d)", rc);
    ly_app_deinit(&app);
    ly_platform_destroy(plat);
    ly_log_set_sink(NULL, NULL);
    ly_logfile_close(log);
    return rc;
}

/* ---- louyu shot ---------------------------------------------------------------- */

int ly_cmd_shot(int argc, char **argv)
{
    options o = {.width = 1280, .height = 720};
    const char *usage = "louyu shot [FILE] --out PNG [--size WxH] [--view home|top|ID] "
                        "[--select ID] [--tab overview|floors|enterprises] [--stacking] [--floor N] "
                        "[--explode] [--hover ID] [--color-by MODE] [--search TEXT] [--keyboard] [--dashboard] "
                        "[--find] [--find-area M2] [--find-rent X] [--find-near metro|parking|...] "
                        "[--find-industry K] [--reload FILE] [--attract] [--idle S] "
                        "[--admin pad|status] [--hold S] [--config FILE] [--wheel X,Y,N] [--pointer X,Y] [--controls] "
                        "[--lang zh|en] [--scale S] [--msaa N]";
    int rc = parse(argc, argv, 1, &o, usage);
    if (rc)
        return rc;
    if (!o.out) {
        fprintf(stderr, "louyu shot: --out PNG is required\nusage: %s\n", usage);
        return LY_EXIT_USAGE;
    }
    ly_app app;
    ly_platform *plat;
    options win = o;
    win.width = win.height = 64; /* the shot renders offscreen at its own size */
    if ((rc = ly_viewer_open(&app, &plat, &win, true)))
        return rc;
    ly_app_resize(&app, o.width, o.height);
    app.ui_scale = o.scale;
    /* --kiosk with a file that does not load: the kiosk's "out of service" screen */
    rc = ly_viewer_load(&app, o.file, false);
    if (rc && o.kiosk) {
        ly_app_set_kiosk(&app, true, o.attract_s, o.reset_s);
        rc = 0;
    } else if (!rc) {
        rc = apply_view(&app, &o);
    }
    if (!rc) {
        uint8_t *pixels = malloc((size_t)o.width * o.height * 4);
        if (!pixels || ly_renderer_target_begin(app.renderer, o.width, o.height)) {
            fprintf(stderr, "louyu shot: cannot make a %dx%d offscreen target\n", o.width,
                    o.height);
            rc = LY_EXIT_USAGE;
        } else {
            /* settle: label fades snap to their final state, and panels that
             * size themselves to their content get their height (one frame) */
            ly_app_update(&app, 10.0);
            /* --attract: the kiosk's idle tour, a few seconds in */
            if (o.attract) {
                ly_app_set_kiosk(&app, true, 0, 0);
                ly_app_start_attract(&app);
                for (int i = 0; i < 240; i++)
                    ly_app_update(&app, 1.0 / 60);
            }
            /* --idle S: S seconds of a kiosk left alone (the tour, the reset) */
            if (o.idle > 0) {
                ly_app_set_kiosk(&app, true, o.attract_s, o.reset_s);
                for (double t = 0; t < o.idle; t += 1.0 / 30)
                    ly_app_update(&app, 1.0 / 30);
            }
            /* --kiosk [--config F] --admin pad|status: the admin's PIN pad or
             * status panel, as the long press in the corner opens them */
            if (o.admin) {
                ly_app_set_kiosk(&app, true, o.attract_s, o.reset_s);
                ly_admin_setup(&app, o.kc.pin_hash, o.kc.admin_hold_s);
                snprintf(app.admin.data_path, sizeof app.admin.data_path, "%s", o.file);
                ly_admin_open(&app, strcmp(o.admin, "pad") ? LY_ADMIN_STATUS : LY_ADMIN_PAD);
            }
            /* --kiosk --config F --hold S: a finger held S seconds in the corner (the
             * ring that fills, or the pad once the config's hold_s has passed) */
            if (o.hold > 0) {
                ly_app_set_kiosk(&app, true, o.attract_s, o.reset_s);
                ly_admin_setup(&app, o.kc.pin_hash, o.kc.admin_hold_s);
                float c = 24 * app.ui_scale;
                ly_event down = {.type = LY_EV_FINGER_DOWN, .x = c, .y = c, .finger = 1};
                ly_app_event(&app, &down);
                for (double t = 0; t + 1e-9 < o.hold; t += 0.1)
                    ly_app_update(&app, 0.1);
            }
            /* --wheel X,Y,N: N notches of the mouse wheel at X,Y (toward the
             * tower under it, or the ground), a frame each */
            for (int k = 0; k < (int)fabsf(o.wheel[2]); k++) {
                ly_event e = {.type = LY_EV_WHEEL, .x = o.wheel[0], .y = o.wheel[1],
                              .dy = o.wheel[2] > 0 ? 1 : -1};
                ly_app_event(&app, &e);
                ly_app_update(&app, 1.0 / 60);
            }
            if (o.wheel[2] != 0)
                ly_app_update(&app, 10.0);
            /* --reload: what the kiosk does when its file changes, on the loader
             * thread, then swapped in (or refused) between frames */
            if (o.reload && ly_app_reload_start(&app, o.reload)) {
                ly_app_reload_poll(&app, true);
                ly_app_update(&app, 1.0); /* labels of a new district settle too */
            }
            /* --pointer X,Y: the mouse moved there (hover, tooltips, read-outs); the
             * frame before lets the UI know which panel is under it */
            if (o.has_pointer) {
                ly_event e = {.type = LY_EV_MOUSE_MOVE, .x = o.pointer[0], .y = o.pointer[1]};
                ly_app_event(&app, &e);
                ly_app_render(&app);
                ly_app_update(&app, 10.0);
            }
            /* the first frame lays out the panels; the second places labels clear of
             * where they really are, their fades settled at once */
            ly_app_render(&app);
            app.last_label_t = app.time - 10.0;
            ly_app_render(&app);
            if (ly_renderer_target_read(app.renderer, pixels) ||
                !stbi_write_png(o.out, o.width, o.height, 4, pixels, o.width * 4)) {
                fprintf(stderr, "louyu shot: cannot write %s\n", o.out);
                rc = LY_EXIT_USAGE;
            }
            ly_renderer_target_end(app.renderer);
        }
        free(pixels);
    }
    ly_app_deinit(&app);
    ly_platform_destroy(plat);
    return rc;
}

/* ---- louyu pick ---------------------------------------------------------------- */

int ly_cmd_pick(int argc, char **argv)
{
    options o = {.width = 1280, .height = 720};
    const char *usage =
        "louyu pick [FILE] --at X,Y [--size WxH] [--view home|top|ID] [--tolerance PX]";
    int rc = parse(argc, argv, 1, &o, usage);
    if (rc)
        return rc;
    if (!o.have_at) {
        fprintf(stderr, "louyu pick: --at X,Y is required\nusage: %s\n", usage);
        return LY_EXIT_USAGE;
    }
    ly_app app;
    char err[256];
    ly_app_init(&app, o.width, o.height, o.scale, false, err, sizeof err);
    if (!(rc = ly_viewer_load(&app, o.file, false)) && !(rc = apply_view(&app, &o))) {
        int floor = 0;
        long b = ly_app_pick(&app, o.at_x, o.at_y, o.tolerance, &floor);
        if (b >= 0)
            printf("%s\n", app.scene.district.buildings[b].id);
        else
            printf("none\n");
    }
    ly_app_deinit(&app);
    return rc;
}

/* ---- frame timings for louyu bench ---------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int ly_bench_frames(const char *path, int width, int height, int frames, int msaa,
                    const char *select, bool stacking, double *first_frame_ms, double *p50,
                    double *p95, int *samples, char *gl_renderer, size_t gl_len)
{
    options o = {.width = width, .height = height, .scale = 1, .file = path, .msaa = msaa,
                 .select = select, .stacking = stacking};
    ly_app app;
    ly_platform *plat;
    if (ly_viewer_open(&app, &plat, &o, true))
        return -1;
    ly_render_info info;
    ly_render_query_info(&info);
    snprintf(gl_renderer, gl_len, "%s", info.renderer ? info.renderer : "?");
    if (ly_viewer_load(&app, path, false)) {
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        return -1;
    }
    ly_app_resize(&app, width, height);
    if (apply_view(&app, &o)) {
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        return -1;
    }
    ly_app_render(&app);
    ly_platform_swap(plat);
    ly_renderer_finish(app.renderer);
    *first_frame_ms = ly_clock_ms() - ly_process_start_ms;
    *samples = ly_renderer_msaa(app.renderer);
    /* the scripted path: one full turn around the district, zooming in to 40 %
     * and back out, tilting between 30 and 60 degrees, hovering the centre */
    ly_camera_pose home = ly_camera_home_pose(&app.cam);
    double *ms = malloc((size_t)frames * sizeof *ms);
    if (!ms) {
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        return -1;
    }
    for (int i = 0; i < frames; i++) {
        double t0 = ly_clock_ms(), u = (double)i / frames;
        ly_camera_pose p = home;
        p.heading = home.heading + 2 * M_PI * u;
        p.distance = home.distance * (0.4 + 0.6 * (0.5 + 0.5 * cos(2 * M_PI * u)));
        p.pitch = (45 + 15 * sin(4 * M_PI * u)) * M_PI / 180;
        ly_camera_set_pose(&app.cam, p);
        app.hovered = ly_app_pick(&app, width / 2.0f, height / 2.0f, 0, NULL);
        ly_app_update(&app, 1.0 / 60);
        app.redraw = true;
        ly_app_render(&app);
        ly_platform_swap(plat);
        ly_renderer_finish(app.renderer);
        ms[i] = ly_clock_ms() - t0;
    }
    qsort(ms, (size_t)frames, sizeof *ms, cmp_double);
    *p50 = ms[(frames - 1) / 2];
    *p95 = ms[(int)ceil(0.95 * frames) - 1];
    free(ms);
    ly_app_deinit(&app);
    ly_platform_destroy(plat);
    return 0;
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int ly_bench_reload(const char *path, int width, int height, int reloads, double *swap_max,
                    double *swap_p50, double *frame_max, double *frame_p50, double *load_ms,
                    double *poll_max, double *poll_cpu_max)
{
    *poll_max = *poll_cpu_max = 0;
    options o = {.width = width, .height = height, .scale = 1, .file = path};
    ly_app app;
    ly_platform *plat;
    if (ly_viewer_open(&app, &plat, &o, true))
        return -1;
    if (ly_viewer_load(&app, path, false)) {
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        return -1;
    }
    ly_app_resize(&app, width, height);
    /* frames while the loader thread works, and the frame that swaps the new
     * district in: what a kiosk visitor would see stutter, if anything */
    size_t cap = 4096, n = 0;
    double *all = malloc(cap * sizeof *all), *swaps = malloc((size_t)reloads * sizeof *swaps);
    double loads = 0;
    int done = 0;
    if (!all || !swaps) {
        free(all);
        free(swaps);
        ly_app_deinit(&app);
        ly_platform_destroy(plat);
        return -1;
    }
    ly_camera_pose home = ly_camera_home_pose(&app.cam);
    /* a kiosk has been on screen long before the weekly update: the first
     * frames of a new context (llvmpipe compiles its shader variants there)
     * are the start-up's cost, not the reload's */
    for (int i = 0; i < 5; i++) {
        ly_app_update(&app, 1.0 / 60);
        app.redraw = true;
        ly_app_render(&app);
        ly_platform_swap(plat);
        ly_renderer_finish(app.renderer);
    }
    for (int r = 0; r < reloads; r++) {
        double started = ly_clock_ms();
        if (!ly_app_reload_start(&app, path))
            break;
        for (bool swapped = false; !swapped;) {
            double t0 = ly_clock_ms(), c0 = thread_cpu_ms();
            swapped = ly_app_reload_poll(&app, false);
            if (swapped) {
                /* the swap itself (GPU upload, styles, search index, finder),
                 * in wall time and in this thread's CPU time, which other
                 * processes on a busy machine do not inflate */
                *poll_max = fmax(*poll_max, ly_clock_ms() - t0);
                *poll_cpu_max = fmax(*poll_cpu_max, thread_cpu_ms() - c0);
            }
            ly_camera_pose p = home; /* the camera keeps turning, as in the tour */
            p.heading += 0.002 * (double)n;
            ly_camera_set_pose(&app.cam, p);
            ly_app_update(&app, 1.0 / 60);
            app.redraw = true;
            ly_app_render(&app);
            ly_platform_swap(plat);
            ly_renderer_finish(app.renderer);
            double ms = ly_clock_ms() - t0;
            if (n < cap)
                all[n++] = ms;
            if (swapped) {
                swaps[done++] = ms;
                loads += ly_clock_ms() - started;
            }
            if (!swapped && !app.reload) /* refused: the data went bad under us */
                break;
        }
    }
    int rc = done == reloads && n ? 0 : -1;
    if (!rc) {
        qsort(all, n, sizeof *all, cmp_double);
        qsort(swaps, (size_t)done, sizeof *swaps, cmp_double);
        *frame_max = all[n - 1];
        *frame_p50 = all[(n - 1) / 2];
        *swap_max = swaps[done - 1];
        *swap_p50 = swaps[(done - 1) / 2];
        *load_ms = loads / done;
    }
    free(all);
    free(swaps);
    ly_app_deinit(&app);
    ly_platform_destroy(plat);
    return rc;
}

/* ---- louyu soak ------------------------------------------------------------------ */
