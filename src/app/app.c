/* The app's lifetime, its data file (load and hot reload), and time. */
#include "app.h"
#include "commands.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/settings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int ly_app_init(ly_app *app, int width, int height, float ui_scale, bool gl, char *err,
                size_t err_len)
{
    memset(app, 0, sizeof *app);
    ly_state *st = &app->st;
    st->width = width > 1 ? width : 1;
    st->height = height > 1 ? height : 1;
    st->ui_scale = ui_scale > 0 ? ui_scale : 1;
    st->selected = st->hovered = -1;
    st->place_kinds = (1u << LY_POI_COUNT) - 1;
    st->place_hovered = st->place_chosen = -1;
    st->route_kind = -1;
    app->dv.walk_for = -1;
    app->dv.overlay_dirty = true;
    st->lang = LY_LANG_ZH;
    st->sort = LY_ORDER_NAME;
    st->run.started_ms = ly_clock_ms();
    ly_gesture_init(&app->input.gestures, st->ui_scale);
    float zero[3] = {0, 0, 0};
    ly_camera_init(&st->cam, zero, zero);
    if (!gl)
        return 0;
#ifdef LY_WEB
    (void)err;
    (void)err_len;
    return 0; /* the page gives the font (ly_app_use_font) */
#else
    char path[1024];
    int face = 0;
    bool remembered = false;
    /* fontconfig's answer from the last run, while nothing it depends on changed */
    if (!ly_font_find_remembered("zh-cn", NULL, path, sizeof path, &face, &remembered)) {
        /* none with Chinese characters: any font, so that the window still opens (a kiosk
         * must not stop over it), in English (ly_app_font_fallback), Chinese not shown */
        if (!ly_font_find_remembered("en", NULL, path, sizeof path, &face, &remembered)) {
            snprintf(err, err_len, "no font was found through fontconfig (install "
                                   "fonts-noto-cjk)");
            return -1;
        }
        app->font_lacks_cjk = true;
        LY_WARN("FONT", "no font with Chinese characters was found through fontconfig: %s "
                        "instead, in English, Chinese text not shown (install "
                        "fonts-noto-cjk)",
                path);
    }
    LY_DEBUG("FONT", "%s (face %d): %s", path, face,
             remembered ? "as remembered" : "fontconfig's answer, remembered for the next start");
    return ly_app_use_font(app, path, face, err, err_len);
#endif
}

int ly_app_use_font(ly_app *app, const char *path, int face, char *err, size_t err_len)
{
    app->font = ly_font_create(path, face, err, err_len);
    if (!app->font)
        return -1;
    ly_draw_init(&app->dl, app->font);
    ly_ui_init(&app->ui, app->font, &app->dl);
    return 0;
}

void ly_app_deinit(ly_app *app)
{
    if (app->reload) {
        /* a fetch waiting on a silent server is abandoned, not sat out */
        ly_reload_cancel(app->reload);
        ly_app_reload_poll(app, true); /* finish the loader thread, then drop its result */
    }
    ly_surroundings_reset(app, true);
    ly_derived *dv = &app->dv;
    ly_stacking_deinit(&dv->stack);
    ly_colorby_deinit(&dv->colorby);
    ly_search_deinit(&dv->search);
    ly_query_result_deinit(&dv->found);
    free(dv->color_from);
    free(dv->week_vacant);
    free(dv->styles);
    ly_cmd_board_free(app);
    ly_scene_free(&app->scene);
    ly_renderer_destroy(app->renderer);
    ly_ui_deinit(&app->ui);
    ly_draw_deinit(&app->dl);
    ly_font_destroy(app->font);
    memset(app, 0, sizeof *app);
}

void ly_app_use_settings(ly_app *app)
{
    app->settings_path[0] = '\0';
    if (ly_settings_path(app->settings_path, sizeof app->settings_path)) {
        app->settings_path[0] = '\0';
        return;
    }
    ly_settings set;
    ly_diag_list diags;
    ly_diag_list_init(&diags, app->settings_path);
    ly_settings_load(&set, app->settings_path, &diags);
    for (size_t i = 0; i < diags.count; i++)
        LY_WARN("SETTINGS", "%s:%d:%d: %s", app->settings_path, diags.items[i].line,
                diags.items[i].col, diags.items[i].message);
    ly_diag_list_deinit(&diags);
    /* the remembered choice, else what the desktop speaks */
    app->st.lang = set.language_set
                       ? set.language
                       : ly_lang_from_locale(getenv("LANGUAGE"), getenv("LC_ALL"),
                                             getenv("LC_MESSAGES"), getenv("LANG"));
}

void ly_app_font_fallback(ly_app *app)
{
    if (!app->font_lacks_cjk)
        return;
    app->st.lang = LY_LANG_EN; /* (not remembered: the user's choice stays theirs) */
    ly_cmd_tell(app, false, ly_str(LY_S_NO_CJK_FONT, app->st.lang));
}

/* ---- a URL source's health ------------------------------------------------------ */

/* Remembers a failure as the one reported, and since when. */
static void source_remember(ly_source_health *h, const ly_fetch_result *f)
{
    if (!h->failing)
        h->since = time(NULL);
    h->failing = true;
    snprintf(h->reason, sizeof h->reason, "%.*s", (int)sizeof h->reason - 1, f->reason);
    h->error = f->error;
    h->http_code = f->http_code;
    /* a bad body's reason is its own: another bad body is news (the other reasons
     * carry timings and byte counts that differ at every poll) */
    h->body[0] = '\0';
    if (f->error == LY_FETCH_E_BODY)
        snprintf(h->body, sizeof h->body, "%.*s", (int)sizeof h->body - 1, f->reason);
}

/* Says in the log what changed about a URL source, once: it began failing, fails
 * in another way, or answers again. A poll that changes nothing says nothing
 * (above debug), so a kiosk's log does not fill with one line a minute. */
static void source_note(ly_app *app, const char *url, const ly_fetch_result *f)
{
    ly_source_health *h = &app->source;
    char since[48]; /* (in UTC, as the line's own stamp and the copy's date are) */
    ly_clock_stamp(h->since, true, since, sizeof since);
    if (f->status != LY_FETCH_FAILED) {
        if (h->failing)
            LY_INFO("FETCH", "%s: back: %s (it had failed since %s)", url, f->reason, since);
        h->failing = false;
        LY_DEBUG("FETCH", "%s", f->message);
        return;
    }
    if (f->error == LY_FETCH_E_CANCELLED)
        return; /* the viewer is ending */
    ly_source_health was = *h;
    source_remember(h, f);
    ly_clock_stamp(h->since, true, since, sizeof since); /* (a new failure's: now) */
    if (was.failing && was.error == h->error && was.http_code == h->http_code &&
        !strcmp(was.body, h->body)) {
        LY_DEBUG("FETCH", "%s (still)", f->message);
        return;
    }
    LY_WARN("FETCH", "%s (failing since %s; %s)", f->message, since,
            app->scene.loaded ? "the district on screen stays"
                              : "out of service until a good district comes");
}

/* ---- the data file ----------------------------------------------------------------- */

/* A first load's result on screen: what the source's fetch did remembered, the scene
 * swapped in (or freed when it did not load). */
static int adopt(ly_app *app, const char *path, int r, ly_scene *next,
                 const ly_fetch_result *fetch, ly_diag_list *diags)
{
    if (ly_is_url(path) && fetch->status == LY_FETCH_FAILED) {
        /* a kiosk that starts while its server is away shows the last good copy */
        source_remember(&app->source, fetch);
        if (r == LY_LOAD_OK)
            LY_WARN("FETCH", "starting offline: %s", fetch->message);
    }
    if (r != LY_LOAD_OK) {
        ly_scene_free(next);
        return r;
    }
    r = ly_cmd_swap_scene(app, next, diags);
    if (r == LY_LOAD_OK) {
        snprintf(app->origin, sizeof app->origin, "%s", path);
        LY_INFO("APP", "[%s] %zu buildings, %zu vertices", path, app->scene.district.n_buildings,
                app->scene.mesh.n_vertices);
    }
    return r;
}

int ly_app_load(ly_app *app, const char *path, ly_diag_list *diags)
{
    ly_scene next;
    ly_fetch_result fetch = {.status = LY_FETCH_NEW};
    const char *lod = app->model_lod[0] ? app->model_lod : NULL;
    int r = ly_scene_load(&next, path,
                          &(ly_scene_desc){.fetch = &fetch, .lod = lod, .skip_bad = app->skip_bad},
                          diags);
    return adopt(app, path, r, &next, &fetch, diags);
}

int ly_app_load_mem(ly_app *app, const char *text, size_t len, const char *name,
                    ly_diag_list *diags)
{
    ly_scene next;
    ly_fetch_result fetch = {.status = LY_FETCH_NEW};
    int r = ly_scene_load_mem(&next, text, len, name, diags);
    return adopt(app, name, r, &next, &fetch, diags);
}

int ly_app_open_finish(ly_app *app, ly_reload *rl, ly_diag_list *diags)
{
    ly_scene next;
    ly_reload_info info;
    int r = ly_reload_finish(rl, &next, diags, &info);
    return adopt(app, info.path, r, &next, &info.fetch, diags);
}

bool ly_app_reload_start(ly_app *app, const char *path)
{
    if (app->reload)
        return false; /* one at a time */
    /* with nothing on screen (a kiosk out of service) any good district will do,
     * the copy included; a file emptied (a broken export) is no district to show in
     * place of one, and the loader refuses it before the scene cache could keep it */
    app->reload = ly_reload_start(path, app->scene.loaded, app->model_lod, app->skip_bad,
                                  app->scene.district.n_buildings > 0);
    return app->reload != NULL;
}

/* The reload's result when it was a poll of a URL that brought nothing to swap. */
static bool poll_without_scene(ly_app *app, const ly_reload_info *info, int r,
                               const ly_scene *next)
{
    if (!info->url)
        return false;
    source_note(app, info->path, &info->fetch);
    return !next->loaded && (r == LY_LOAD_OK || info->fetch.status == LY_FETCH_FAILED);
}

/* A file whose JSON ends early while it is young (modified in the last WRITING_S seconds)
 * is one still being written in place by a slow copy (scp, SMB, curl pause for seconds):
 * said once at info and waited for, with nothing on the public screen and the admin
 * panel's last update as it was. One that stays cut short longer is refused as any bad
 * file is. A store commits atomically, and a URL's body is checked whole by the fetch. */
enum { WRITING_S = 30 };

static bool still_written(ly_app *app, const ly_reload_info *info, int r,
                          const ly_diag_list *diags)
{
    struct stat st;
    bool cut = r == LY_LOAD_DATA && diags->cut_short && !info->url && !stat(info->path, &st);
    double now = ly_clock_ms();
    /* waited for while it grows, and for WRITING_S after it last did: a file whose time is
     * ahead of this clock (a USB stick written in another zone, a server's clock) would
     * otherwise look young for hours */
    if (cut && (!app->data_writing || (long long)st.st_size != app->data_writing_size)) {
        app->data_writing_since = now;
        app->data_writing_size = (long long)st.st_size;
    }
    bool young = cut && difftime(time(NULL), st.st_mtime) < WRITING_S &&
                 now - app->data_writing_since < WRITING_S * 1000.0;
    if (young && !app->data_writing)
        LY_INFO("RELOAD", "%s is still being written (it ends at byte %lld, before its data "
                "does); waiting", info->path, (long long)st.st_size);
    app->data_writing = young;
    return young;
}

bool ly_app_reload_poll(ly_app *app, bool wait)
{
    if (!app->reload || (!wait && !ly_reload_done(app->reload)))
        return false;
    ly_scene next;
    ly_diag_list diags;
    ly_reload_info info;
    int r = ly_reload_finish(app->reload, &next, &diags, &info);
    app->reload = NULL;
    if (poll_without_scene(app, &info, r, &next)) {
        /* 304, the same bytes, or a failed fetch: the district on screen stays */
        ly_scene_free(&next);
        ly_diag_list_deinit(&diags);
        return false;
    }
    if (still_written(app, &info, r, &diags)) {
        ly_scene_free(&next);
        ly_diag_list_deinit(&diags);
        return false;
    }
    const char *path = info.path;
    if (r == LY_LOAD_OK)
        r = ly_cmd_swap_scene(app, &next, &diags);
    ly_run_note *rn = &app->st.run;
    if (r == LY_LOAD_OK) {
        snprintf(app->origin, sizeof app->origin, "%s", path);
        snprintf(rn->status, sizeof rn->status, "reloaded %s: %zu buildings (%.0f ms)", path,
                 app->scene.district.n_buildings, ly_clock_ms() - info.started_ms);
        LY_INFO("RELOAD", "%s", rn->status);
    } else {
        /* bad data never replaces good data: say why, keep what is on screen (or, with
         * nothing on screen, that there is still nothing) */
        const char *kept = app->scene.loaded ? "showing the previous data"
                                             : "nothing to show until a good file comes";
        if (r == LY_LOAD_IO)
            snprintf(rn->status, sizeof rn->status, "reload of %s failed: it cannot be read; %s",
                     path, kept);
        else
            snprintf(rn->status, sizeof rn->status, "reload of %s failed: %zu error%s; %s", path,
                     diags.errors, diags.errors == 1 ? "" : "s", kept);
        LY_WARN("RELOAD", "%s", rn->status);
        for (size_t i = 0; i < diags.count && i < 20; i++)
            if (diags.items[i].severity == LY_DIAG_ERROR && diags.items[i].line > 0)
                LY_WARN("RELOAD", "%s:%d:%d: %s", path, diags.items[i].line,
                        diags.items[i].col, diags.items[i].message);
            else if (diags.items[i].severity == LY_DIAG_ERROR) /* (the file's: no place) */
                LY_WARN("RELOAD", "%s: %s", path, diags.items[i].message);
        ly_scene_free(&next);
    }
    ly_cmd_note_load(app, path, r, &diags);
    rn->shown_t = app->st.time;
    ly_diag_list_deinit(&diags);
    app->st.redraw = true;
    return r == LY_LOAD_OK;
}

/* ---- time -------------------------------------------------------------------------- */

/* Arrow keys and WASD pan while held: applied per frame. */
static bool keys_held(ly_app *app, double dt)
{
    const bool *k = app->input.key_down;
    int dx = (k[LY_KEY_RIGHT] || k[LY_KEY_D]) - (k[LY_KEY_LEFT] || k[LY_KEY_A]);
    int dy = (k[LY_KEY_DOWN] || k[LY_KEY_S]) - (k[LY_KEY_UP] || k[LY_KEY_W]);
    if (!dx && !dy)
        return false;
    float cx = app->st.width / 2.0f, cy = app->st.height / 2.0f;
    float speed = (float)(0.45 * fmin(app->st.width, app->st.height) * dt); /* pixels */
    ly_cmd_pan(app, cx, cy, cx - dx * speed, cy - dy * speed);
    return true;
}

bool ly_app_update(ly_app *app, double dt)
{
    ly_state *st = &app->st;
    st->time += dt;
    if (st->kiosk.on)
        ly_cmd_kiosk_tick(app, dt);
#ifndef LY_WEB /* the browser build writes no files */
    if (st->export_queued && !st->export_wait) {
        int kind = st->export_queued - 1;
        st->export_queued = 0;
        ly_cmd_export(app, (ly_export_kind)kind);
    }
#endif
    bool moving = keys_held(app, dt);
    ly_gesture gs[LY_MAX_GESTURES];
    int n = ly_gesture_tick(&app->input.gestures, st->time, gs);
    for (int i = 0; i < n; i++)
        ly_app_gesture(app, &gs[i]);
    moving |= ly_camera_update(&st->cam, dt);
    moving |= ly_cmd_animate_colors(app, dt);
    moving |= ly_surroundings_update(app);
    if (moving)
        st->redraw = true;
    /* this frame's rectangles, for its views and labels and for the next events; a toast
     * that comes or goes (its 8 s are up) is drawn so, with nothing else moving */
    bool toast = app->layout.toast.shown;
    ly_layout_compute(&app->layout, app);
    if (app->layout.toast.shown != toast)
        st->redraw = true;
    /* the selection kept clear of its card once the card has been drawn (a frame after
     * it opened or changed: then its height is known) */
    if (st->clear_card > 0) {
        if (st->selected < 0 || st->kiosk.touring || !app->layout.card.shown)
            st->clear_card = 0; /* (no card: nothing to keep clear of, no frames asked for) */
        else if (!st->cam.flying && --st->clear_card == 0)
            ly_cmd_keep_clear_of_card(app, st->selected);
        st->redraw = true;
        moving |= st->cam.flying;
    }
    return moving;
}

long ly_app_pick(const ly_app *app, float x, float y, float tol_px, int *floor)
{
    if (!app->scene.loaded)
        return -1;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, app->st.width, app->st.height, &m);
    ly_hit h;
    if (!ly_bvh_pick_screen(&app->scene.bvh, &app->scene.district, m.view_proj, app->st.width,
                            app->st.height, x, y, tol_px, &h))
        return -1;
    if (floor)
        *floor = h.floor;
    return h.building;
}
