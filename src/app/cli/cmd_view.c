/* louyu [FILE] / louyu view: the viewer window, and the kiosk.
 *
 * The loop draws a frame whenever something changed and as long as the last
 * frame says it needs another one to settle (ly_app_render); only a frame that
 * changed nothing lets it sleep until the next event. Sizes always come from the
 * real drawable, read every frame (start, resize and expose alike). */
#include "../commands.h"
#include "louyu/fetch.h"
#include "louyu/log.h"
#include "louyu/logfile.h"
#include "louyu/proc.h"
#include "louyu/shapefile.h"
#include "louyu/store.h"
#include "data.h"
#include "report_drop.h"
#include "window.h"

#include <math.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* SIGHUP asks a running viewer to load its data file again now (what
 * `systemctl --user reload louyu-kiosk` sends). */
static volatile sig_atomic_t g_hup;

static void on_hup(int sig)
{
    (void)sig;
    g_hup = 1;
}

/* A test hook: LOUYU_FAULT=gl-lost@N makes the viewer treat its Nth frame as one
 * whose GL context was lost, so that supervision can be tested without a GPU to break. */
static long fault_frame(void)
{
    const char *f = getenv("LOUYU_FAULT");
    long n;
    return f && sscanf(f, "gl-lost@%ld", &n) == 1 && n > 0 ? n : 0;
}

/* Another: LOUYU_FAULT=drop@N:PATH drops PATH on the window at frame N, through the
 * window system's event as a file manager's drop comes. */
static void fault_drop(ly_platform *plat, long frame)
{
    const char *f = getenv("LOUYU_FAULT");
    long n;
    int at = 0;
    if (f && sscanf(f, "drop@%ld:%n", &n, &at) == 1 && at && n == frame)
        ly_platform_inject_drop(plat, f + at);
}

typedef struct {
    const char *file;
    char *shown_file;   /* a file dropped on the window that loaded (file points at it) */
    char *dropped_file; /* one dropped, not loaded yet */
    bool drop_pending;  /* it waits for the loader thread */
    bool drop_loading;  /* the loader thread loads it */
    bool drop_skipping; /* it failed on its features' own errors only: loaded without them */
    bool skip_flag;     /* --skip-bad, as given */
    ly_report_drop *report; /* a weekly report dropped on the window, being imported */
    bool retell;            /* its toast is told again once the store is shown again */
    ly_kiosk_config kc;
    bool kiosk;
    double attract_s, reset_s;
    ly_logfile *log;
    /* the data file's watch, or a URL's poll */
    bool url;
    struct stat seen, pending;
    bool changed, gone;
    double next_check;
    double retry_at; /* a file still being written is loaded again from then */
} viewer;

/* Reads --config; a config with any problem refuses to start. */
static int read_config(viewer *v, const ly_args *a)
{
    ly_kiosk_config_defaults(&v->kc);
    const char *path = ly_arg_text(a, "--config", NULL);
    if (!path)
        return 0;
    if (!v->kiosk)
        return ly_cli_usage_error(a->cmd, "--config is the kiosk's: use it with --kiosk");
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int n = ly_kiosk_config_load(&v->kc, path, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (n > 0)
        fprintf(stderr, "%s: %d problem%s: louyu will not start with it\n", path, n,
                n == 1 ? "" : "s");
    return n ? LY_EXIT_USAGE : 0;
}

/* What a kiosk takes from its config besides the options: the tour, the admin, the log. */
static void kiosk_setup(ly_app *app, viewer *v)
{
    ly_cmd_set_kiosk(app, true, v->attract_s, v->reset_s, v->kc.per_building_s);
    ly_cmd_admin_setup(app, v->kc.pin_hash, v->kc.admin_hold_s);
    snprintf(app->st.run.data_path, sizeof app->st.run.data_path, "%s", v->file);
    char path[1024], err[1200];
    if (v->kc.log_path[0])
        snprintf(path, sizeof path, "%s", v->kc.log_path);
    else if (ly_kiosk_default_log_path(path, sizeof path))
        path[0] = '\0';
    if (path[0]) {
        v->log = ly_logfile_open(path, v->kc.log_max_kb * 1024, v->kc.log_keep, err, sizeof err);
        if (!v->log)
            fprintf(stderr, "louyu: %s; logging to stderr only\n", err);
    }
    if (v->log) {
        ly_log_set_sink(ly_logfile_sink, v->log);
        snprintf(app->st.run.log_path, sizeof app->st.run.log_path, "%s", path);
    }
    if (ly_log_get_level() > LY_LOG_INFO)
        ly_log_set_level(LY_LOG_INFO); /* a kiosk's log says what happened, not only what failed */
    LY_INFO("KIOSK", "louyu %s starting: data %s, attract after %.0f s, reset after %.0f s",
            LY_VERSION, v->file, v->attract_s, v->reset_s);
    if (v->url)
        LY_INFO("KIOSK", "the data is polled every %.0f s (its last good copy is kept on disk)",
                v->kc.poll_s);
    if (!v->kc.pin_hash[0])
        LY_WARN("KIOSK", "no admin PIN in the config (\"admin\": {\"pin_hash\": ...}): the "
                         "admin panel is off");
}

/* The data file's state. A GeoPackage in WAL mode (another tool's, or a store an older
 * louyu made) commits into its "-wal" file and folds it into the main file later: its
 * change is either's. A
 * shapefile's is any of its files' (a new table alone, a new .dbf, changes it). */
static bool data_stat(const char *path, struct stat *st)
{
    if (stat(path, st))
        return false;
    char other[4][4096];
    int n = snprintf(other[0], sizeof other[0], "%s-wal", path) < (int)sizeof other[0];
    static const char *const SIBLINGS[] = {"dbf", "prj", "cpg"};
    for (int i = 0; i < 3 && ly_shapefile_is(path); i++)
        n += ly_shapefile_sibling(path, SIBLINGS[i], other[n], sizeof other[n]);
    for (int i = 0; i < n; i++) {
        struct stat w;
        if (stat(other[i], &w))
            continue;
        if (w.st_mtim.tv_sec > st->st_mtim.tv_sec ||
            (w.st_mtim.tv_sec == st->st_mtim.tv_sec && w.st_mtim.tv_nsec > st->st_mtim.tv_nsec))
            st->st_mtim = w.st_mtim;
        st->st_size += w.st_size;
        st->st_ino ^= w.st_ino * (2 * (ino_t)i + 3); /* a file renamed over another */
    }
    return true;
}

/* The same file, as far as the watch can tell: its time, size and inode, and who may read
 * it (a file made readable again after a reload failed on it is loaded: chmod changes
 * none of the others). */
static bool same_stat(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_size == b->st_size && a->st_ino == b->st_ino && a->st_mode == b->st_mode &&
           a->st_uid == b->st_uid && a->st_gid == b->st_gid;
}

/* Once a second: a change of the data file (atomic rename or a write in place)
 * that has settled is loaded on a thread and swapped in; a file that vanishes
 * is said once, and the district on screen stays until a good file is back.
 * Every poll_s seconds for a URL instead (app.c logs what changes). */
static void watch(ly_app *app, viewer *v, double now)
{
    if (now < v->next_check)
        return;
    if (v->url) {
        /* a URL is polled: a conditional GET on the loader thread (a 304 swaps
         * nothing); a poll due while the last one still runs waits for the next */
        v->next_check = now + v->kc.poll_s;
        ly_app_reload_start(app, v->file);
        return;
    }
    v->next_check = now + 1.0;
    struct stat cur;
    bool here = data_stat(v->file, &cur);
    int why = here ? 0 : errno;
    /* (a kiosk that started without it is out of service: no district to keep) */
    const char *keep = app->scene.loaded ? "keeping the district on screen" : "nothing to show";
    if (!here && !v->gone && why == ENOENT)
        LY_WARN("RELOAD", "%s is gone; %s until it is back", v->file, keep);
    else if (!here && !v->gone) /* (a link that loops, a folder it may not enter) */
        LY_WARN("RELOAD", "%s cannot be reached (%s); %s until it can", v->file, strerror(why),
                keep);
    else if (here && v->gone)
        LY_INFO("RELOAD", "%s is back", v->file);
    v->gone = !here;
    if (!here)
        return;
    bool differs = !same_stat(&cur, &v->seen);
    bool settled = v->changed && same_stat(&cur, &v->pending);
    /* a file found still being written (app.c) is tried again every few seconds though
     * it has not changed: a writer that has finished leaves it whole, one that gave up
     * leaves it cut short, refused once it is no longer young */
    bool retry = !differs && app->data_writing && now >= v->retry_at;
    if (((differs && settled) || retry) && ly_app_reload_start(app, v->file)) {
        v->seen = cur;
        v->changed = false;
        v->retry_at = now + 4.0;
    } else if (differs) {
        v->pending = cur;
        v->changed = true;
    }
}

/* A weekly report dropped on the window: imported into the store shown (one at a time),
 * or, when what is shown is not a store, the toast says where to drop it. */
static void report_dropped(ly_app *app, viewer *v, const char *path)
{
    char text[1400];
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    if (v->report || v->url || !ly_store_is(v->file)) {
        snprintf(text, sizeof text, ly_str(v->report ? LY_S_IMPORT_BUSY : LY_S_IMPORT_NO_STORE,
                                           app->st.lang), name);
        LY_WARN("IMPORT", "%s dropped on the window: not imported (%s)", path,
                v->report ? "another report is being imported"
                          : "the district shown is not a store");
        ly_cmd_tell(app, false, text);
        return;
    }
    v->report = ly_report_drop_start(app, path, v->file);
}

/* A dropped report's import has ended: the store, changed, is shown again at once. */
static void report_done(ly_app *app, viewer *v)
{
    if (!v->report || !ly_report_drop_done(v->report))
        return;
    bool changed = ly_report_drop_finish(v->report, app);
    v->report = NULL;
    if (changed && ly_app_reload_start(app, v->file)) {
        data_stat(v->file, &v->seen); /* (the watch need not load it again) */
        v->changed = false;
        v->retell = true;
    }
}

/* A file dropped on the window opens in place of the one shown, loaded on the loader
 * thread as a reload is (requests() starts it). Once it has loaded, the watch follows it
 * and Ctrl+R reloads it; one that does not load leaves the district and its file as they
 * were, and says why. A weekly report is imported instead (report_dropped). A kiosk shows
 * its config's data and ignores drops. */
static void dropped(ly_app *app, ly_platform *plat, viewer *v)
{
    const char *path = ly_platform_dropped(plat);
    if (!path)
        return;
    if (v->kiosk) {
        LY_WARN("KIOSK", "%s dropped on the window: ignored (a kiosk shows its config's data)",
                path);
        return;
    }
    if (ly_report_drop_is_report(path)) {
        report_dropped(app, v, path);
        return;
    }
    char *copy = strdup(path);
    if (!copy)
        return;
    free(v->dropped_file); /* (one dropped before it and not yet started: this instead) */
    v->dropped_file = copy;
    v->drop_pending = !v->drop_loading;
    if (v->drop_pending) { /* read strictly first, as the command line does */
        app->skip_bad = v->skip_flag;
        v->drop_skipping = false;
    }
    LY_INFO("RELOAD", "%s dropped on the window: opening it", copy);
}

/* The dropped file's load has ended: shown (the file the viewer follows from now on), or
 * not (the one before stays). A file someone opens by dropping it, refused only for its
 * features' own errors (an OpenStreetMap export with a broken outline among thousands),
 * is read again without them, as --skip-bad would: the toast says how many were left
 * out, and its later reloads leave them out too. */
static void drop_done(ly_app *app, viewer *v, bool shown)
{
    v->drop_loading = false;
    if (!shown && !v->drop_skipping && !app->skip_bad && app->st.run.skippable) {
        LY_INFO("RELOAD", "%s: %zu feature%s with errors: opening it without them",
                v->dropped_file, app->st.run.skippable, app->st.run.skippable == 1 ? "" : "s");
        v->drop_skipping = app->skip_bad = true;
        v->drop_pending = true;
        return;
    }
    if (!shown) {
        app->skip_bad = v->skip_flag;
        free(v->dropped_file);
        v->dropped_file = NULL;
        return;
    }
    free(v->shown_file);
    v->shown_file = v->dropped_file;
    v->dropped_file = NULL;
    v->file = v->shown_file;
    v->url = ly_is_url(v->file);
    v->changed = v->gone = false;
    if (!v->url)
        data_stat(v->file, &v->seen);
}

/* The window's events: a kiosk ignores the window manager's close and shortcut
 * keys but still ends on SIGTERM. Returns false when the viewer should end. */
static bool events(ly_app *app, ly_platform *plat, viewer *v)
{
    ly_event e;
    bool running = true;
    while (ly_platform_poll(plat, &e)) {
        bool shortcut = e.type == LY_EV_KEY_DOWN && (e.key == LY_KEY_F11 ||
                                                     (e.mods & (LY_MOD_CTRL | LY_MOD_ALT)));
        if (v->kiosk && (e.type == LY_EV_CLOSE || shortcut))
            continue;
        if (e.type == LY_EV_QUIT || e.type == LY_EV_CLOSE) {
            if (v->kiosk)
                LY_INFO("KIOSK", "asked to end (SIGTERM or the session's end)");
            running = false;
        } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_R && (e.mods & LY_MOD_CTRL)) {
            ly_app_reload_start(app, v->file);
        } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_F11) {
            ly_platform_set_fullscreen(plat, !ly_platform_is_fullscreen(plat));
        } else if (e.type == LY_EV_KEY_DOWN && e.key == LY_KEY_Q && (e.mods & LY_MOD_CTRL)) {
            running = false;
        } else if (e.type == LY_EV_EXPOSE) {
            ly_cmd_redraw(app); /* the window shows again: draw it whole */
        } else if (e.type == LY_EV_DROP) {
            dropped(app, plat, v);
        } else {
            ly_app_event(app, &e);
        }
    }
    return running;
}

/* Reloads asked for by SIGHUP or the admin panel, or a dropped file's load that waited. */
static void requests(ly_app *app, viewer *v)
{
    if (v->drop_pending && ly_app_reload_start(app, v->dropped_file)) {
        v->drop_pending = false;
        v->drop_loading = true;
    }
    if (!g_hup && app->st.admin.request != LY_ADMIN_REQ_RELOAD)
        return;
    if (ly_app_reload_start(app, v->file)) {
        LY_INFO("RELOAD", "%s: reload asked for (%s)", v->file, g_hup ? "SIGHUP" : "admin panel");
        g_hup = 0;
        ly_cmd_admin_request(app, LY_ADMIN_REQ_NONE);
    }
}

/* Supervision: a lost context cannot draw again, and frames that keep failing
 * will not mend; either way the supervisor starts a fresh process. */
static int health(ly_app *app, long frames, long fault, int *failures)
{
    ly_render_health h = ly_renderer_health(app->renderer);
    if (fault && frames >= fault)
        h = LY_RENDER_LOST;
    *failures = h == LY_RENDER_OK ? 0 : *failures + 1;
    if (h != LY_RENDER_LOST && *failures < 3)
        return 0;
    LY_ERROR("KIOSK", "%s: exiting with %d for the supervisor to restart",
             h == LY_RENDER_LOST ? "the GL context was lost"
                                 : "3 frames in a row failed (GL out of memory)",
             LY_EXIT_GL);
    return LY_EXIT_GL;
}

/* The window's title: the district's name (a file dropped on it brings another). */
static void set_title(ly_app *app, ly_platform *plat)
{
    const ly_district_meta *meta = &app->scene.district.meta;
    const char *name = app->st.lang == LY_LANG_EN && meta->name_en ? meta->name_en : meta->name;
    char title[256];
    snprintf(title, sizeof title, "%s", name ? name : ly_str(LY_S_APP_TITLE, LY_LANG_ZH));
    ly_platform_set_title(plat, title);
}

static int loop(ly_app *app, ly_platform *plat, viewer *v)
{
    const char *driver = ly_platform_video_driver(plat);
    /* without a display's vsync to hold it (SDL's offscreen driver, a driver that
     * ignores the swap interval) frames would queue in the GL driver: wait for each,
     * and draw no more than 120 a second */
    bool unthrottled = !ly_platform_vsync(plat) || (driver && !strcmp(driver, "offscreen"));
    long fault = fault_frame(), frames = 0, drawn = 0;
    int failures = 0;
    double last = ly_platform_now();
    bool again = true;
    if (!v->url)
        data_stat(v->file, &v->seen);
    v->next_check = last + (v->url ? v->kc.poll_s : 1.0);
    for (;;) {
        watch(app, v, ly_platform_now());
        requests(app, v);
        report_done(app, v);
        if (app->st.admin.request == LY_ADMIN_REQ_EXIT) {
            LY_WARN("KIOSK", "ended from the admin panel (exit %d)", LY_EXIT_ADMIN);
            return LY_EXIT_ADMIN;
        }
        bool swapped = ly_app_reload_poll(app, false);
        if (swapped)
            set_title(app, plat);
        if (v->retell && !app->reload) { /* the import's toast, not the reload's */
            ly_cmd_tell(app, app->st.exported.ok, app->st.exported.text);
            v->retell = false;
        }
        if (v->drop_loading && !app->reload) /* (one load at a time: this was the drop's) */
            drop_done(app, v, swapped);
        if (!events(app, plat, v))
            return LY_EXIT_OK;
        int dw, dh;
        ly_platform_drawable_size(plat, &dw, &dh);
        if (dw != app->st.width || dh != app->st.height)
            ly_cmd_resize(app, dw, dh);
        double t = ly_platform_now();
        /* animations take at most 0.1 s a frame (no jumps after a stall); the
         * kiosk's idle timers take the wall time */
        ly_cmd_lost_time(app, t - last - 0.1);
        bool moving = ly_app_update(app, fmin(t - last, 0.1));
        last = t;
        if (app->st.redraw || moving || again) {
            if (!drawn) /* with "idle after" below: whether the loop is busy or resting */
                LY_DEBUG("LOOP", "drawing");
            double t0 = ly_platform_now();
            again = ly_app_render(app);
            ly_platform_swap(plat);
            if (unthrottled) {
                ly_renderer_finish(app->renderer);
                double spare = 1.0 / 120 - (ly_platform_now() - t0);
                if (spare > 0.001)
                    ly_platform_sleep(spare);
            }
            ly_cmd_note_frame(app, (ly_platform_now() - t0) * 1000);
            drawn++;
            int rc = health(app, ++frames, fault, &failures);
            if (rc)
                return rc;
            fault_drop(plat, frames);
            continue;
        }
        if (drawn)
            LY_DEBUG("LOOP", "idle after %ld frames", drawn);
        drawn = 0;
        /* nothing moves: sleep until input. The time asleep still passes for the
         * app (the kiosk's idle timers), before the input that woke it */
        ly_platform_wait(plat, ly_app_idle_wait(app));
        double now = ly_platform_now();
        ly_app_update(app, now - last);
        last = now;
    }
}

/* The desktop viewer's first open, on the loader thread: meanwhile the window
 * shows the file, the stage and a bar (a city's first open takes seconds), drawn
 * ten times a second so the loader keeps the cores; closing the window gives up.
 * Returns 0 with the district on screen, or an exit status after printing why
 * it did not load, as a synchronous load would. */
static int open_async(ly_app *app, ly_platform *plat, viewer *v, ly_reload *rl, bool *ended)
{
    if (!rl)
        return ly_cli_load(app, v->file, false);
    ly_state *st = &app->st;
    const char *slash = strrchr(v->file, '/');
    snprintf(st->opening.name, sizeof st->opening.name, "%s", slash ? slash + 1 : v->file);
    st->opening.on = true;
    st->opening.started = st->time;
    double last = ly_platform_now();
    bool running = true;
    while (running && !ly_reload_done(rl)) {
        running = events(app, plat, v);
        int dw, dh;
        ly_platform_drawable_size(plat, &dw, &dh);
        if (dw != st->width || dh != st->height)
            ly_cmd_resize(app, dw, dh);
        st->opening.stage = ly_progress_get(ly_reload_progress(rl), &st->opening.fraction);
        ly_cli_progress_line(v->file, ly_reload_progress(rl), st->time - st->opening.started,
                             false);
        double t = ly_platform_now();
        ly_app_update(app, fmin(t - last, 0.1));
        last = t;
        ly_cmd_redraw(app);
        ly_app_render(app);
        ly_platform_swap(plat);
        /* the next frame of the bar in 0.1 s, the district as soon as it is there */
        for (int i = 0; i < 10 && !ly_reload_done(rl); i++)
            if (ly_platform_wait(plat, 0.01))
                break;
    }
    if (!running) {
        /* closed while loading: the process ends now, not when the parse would; the
         * loader thread only reads the file and builds memory the exit takes back */
        ly_reload_cancel(rl);
        LY_INFO("APP", "closed while %s was loading", v->file);
        *ended = true;
        return LY_EXIT_OK;
    }
    ly_cli_progress_line(v->file, ly_reload_progress(rl), st->time - st->opening.started, true);
    ly_diag_list diags;
    int r = ly_app_open_finish(app, rl, &diags);
    st->opening.on = false;
    return ly_cli_loaded(app, v->file, r, &diags, false);
}

int ly_cli_view(const ly_args *a)
{
    viewer v = {.file = ly_cli_file(a), .kiosk = ly_arg_flag(a, "--kiosk"),
                .skip_flag = ly_arg_flag(a, "--skip-bad")};
    if (v.kiosk && ly_arg_flag(a, "--operations")) /* (before a window: refused anywhere) */
        return ly_cli_usage_error(a->cmd, "--operations is not for the public kiosk: its admin "
                                          "panel turns operations mode on after the PIN");
    int rc = read_config(&v, a);
    if (rc)
        return rc;
    if (!ly_arg_pos(a, 0) && v.kc.data[0])
        v.file = v.kc.data;
    v.url = ly_is_url(v.file);
    /* the command line wins over the config */
    v.attract_s = ly_arg_num(a, "--attract-after", v.kc.attract ? v.kc.attract_after_s : 1e12);
    v.reset_s = ly_arg_num(a, "--reset-after", v.kc.reset_after_s);
    float scale = (float)ly_arg_num(a, "--scale", v.kc.ui_scale > 0 ? v.kc.ui_scale
                                                  : v.kiosk         ? LY_KIOSK_SCALE
                                                                    : 1);
    double size[3] = {1280, 720, 0};
    ly_arg_values(a, "--size", size);
    struct sigaction sa = {.sa_handler = on_hup};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    ly_app app;
    ly_platform *plat;
    /* a kiosk covers its whole screen, cursor hidden, touch-sized, no way out by keys */
    ly_window_opts wo = {.width = (int)size[0], .height = (int)size[1], .scale = scale,
                         .dense = !ly_arg_given(a, "--scale") && !(v.kc.ui_scale > 0),
                         .msaa = (int)ly_arg_num(a, "--msaa", 0),
                         .fullscreen = v.kiosk || ly_arg_flag(a, "--fullscreen"),
                         .display = v.kc.display};
    const char *lod;
    if ((rc = ly_cli_lod(a, true, &lod)))
        return rc;
    /* the desktop's file starts loading before the window opens: making a window and
     * its GL context takes about 0.1 s on software GL, and the load runs meanwhile
     * (the kiosk's loads as it logs them, after its log is set up) */
    ly_reload *rl = v.kiosk ? NULL : ly_reload_start(v.file, false, ly_cli_model_lod(lod),
                                                  ly_arg_flag(a, "--skip-bad"), false);
    if ((rc = ly_cli_open(&app, &plat, &wo)) || (rc = ly_cli_app_lod(a, &app, true))) {
        if (rl)
            ly_reload_discard(rl);
        if (plat)
            ly_cli_close(&app, plat);
        return rc;
    }
    size_t mesh_mb = (size_t)ly_arg_num(a, "--mem-limit", 0);
    ly_renderer_set_mem_limit(app.renderer, mesh_mb ? mesh_mb << 20 : ly_proc_default_mesh_limit());
    ly_renderer_set_upload_budget(app.renderer, LY_UPLOAD_BUDGET_MS);
    /* a kiosk's own scale, less on a screen under 1080 px a side: the panels take the share
     * of it that they take of a 1080 px one, the map the rest (ly_layout_fit_scale) */
    if (v.kiosk && wo.dense)
        ly_cmd_set_auto_scale(&app, app.st.ui_scale);
    if (v.kiosk) {
        ly_platform_show_cursor(plat, false);
        kiosk_setup(&app, &v);
        /* the language: --lang, else the config's (zh unless it says) */
        const char *lang = ly_arg_text(a, "--lang", NULL);
        ly_cmd_set_language(&app, lang               ? ly_lang_parse(lang)
                                  : v.kc.has_language ? v.kc.language
                                                      : LY_LANG_ZH);
    } else {
        ly_app_use_settings(&app);
    }
    /* no font with Chinese characters: English, and why on screen */
    ly_app_font_fallback(&app);
    bool ended = false;
    if (v.kiosk && ly_cli_load(&app, v.file, true)) {
        /* a kiosk without good data says "out of service" and waits for the file to
         * be mended (the watch loads it), rather than leaving the desktop showing */
        LY_ERROR("KIOSK", "cannot load %s (its errors are above): out of service until %s",
                 v.file, v.url ? "its server gives a good district"
                               : "it is replaced by a good file");
    } else if ((!v.kiosk && ((rc = open_async(&app, plat, &v, rl, &ended)) || ended)) ||
               (rc = ly_cli_apply_scene(&app, a))) {
        /* (closed, or SIGTERM, while the file loaded: the viewer ends, it had gone on) */
        ly_cli_close(&app, plat);
        return rc;
    }
    if (v.kiosk) /* what a reset returns to: the language as it is now */
        ly_cmd_set_kiosk(&app, true, v.attract_s, v.reset_s, v.kc.per_building_s);
    set_title(&app, plat);
    rc = loop(&app, plat, &v);
    if (v.report) /* (a report being imported is waited for: the log says what came of it) */
        ly_report_drop_finish(v.report, &app);
    free(v.dropped_file);
    free(v.shown_file);
    if (v.kiosk)
        LY_INFO("KIOSK", "stopping (exit %d)", rc);
    ly_cli_close(&app, plat);
    ly_log_set_sink(NULL, NULL);
    ly_logfile_close(v.log);
    return rc;
}
