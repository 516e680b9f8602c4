#include "window.h"
#include "../commands.h"
#include "data.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/week.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The shaders: next to the installed binary, in the build tree's source, or in
 * the source tree this binary was built from. */
static const char *find_shaders(char *msg, size_t msg_len)
{
    static char found[PATH_MAX];
    char exe[PATH_MAX] = "", tried[2048] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    /* beside the installed binary, in the build tree, or the source tree's */
    const char *base[4] = {exe, exe, exe, LY_SOURCE_DIR};
    const char *rel[4] = {"/../share/louyu/shaders", "/shaders", "/../shaders", "/shaders"};
    for (int i = n > 0 ? 0 : 3; i < 4; i++) {
        char probe[PATH_MAX + 32];
        int k = snprintf(found, sizeof found, "%s%s", base[i], rel[i]);
        if (k < 0 || (size_t)k >= sizeof found ||
            snprintf(probe, sizeof probe, "%s/building.vert", found) >= (int)sizeof probe)
            continue;
        if (access(probe, R_OK) == 0)
            return found;
        strncat(tried, "\n  ", sizeof tried - strlen(tried) - 1);
        strncat(tried, found, sizeof tried - strlen(tried) - 1);
    }
    snprintf(msg, msg_len, "cannot find louyu's shaders; looked in:%s", tried);
    return NULL;
}

/* The renderer's choice by default (4x MSAA, 2x for a 4K window); software rasterisers
 * (llvmpipe) pay a fixed 2.5x for any multisampling, so there it is off unless asked for. */
static void choose_msaa(ly_renderer *r, int asked)
{
    int samples = asked;
    if (samples == 0) {
        ly_render_info info;
        ly_render_query_info(&info);
        bool software = info.renderer && (strstr(info.renderer, "llvmpipe") ||
                                          strstr(info.renderer, "softpipe") ||
                                          strstr(info.renderer, "Software"));
        samples = software ? -1 : 0;
        if (software)
            LY_INFO("RENDER", "%s: MSAA off (louyu --msaa 4 turns it on)", info.renderer);
    }
    ly_renderer_set_msaa(r, samples == 0 ? 0 : samples <= 1 ? -1 : samples);
}

int ly_cli_open(ly_app *app, ly_platform **plat, const ly_window_opts *o)
{
    char err[512];
    char title[64];
    snprintf(title, sizeof title, "%s louyu", ly_str(LY_S_APP_TITLE, LY_LANG_ZH));
    double t0 = ly_clock_ms();
    *plat = ly_platform_create(&(ly_window_desc){.width = o->width, .height = o->height,
                                                 .fullscreen = o->fullscreen, .hidden = o->hidden,
                                                 .display = o->display,
                                                 /* the renderer multisamples the scene */
                                                 .msaa_samples = -1, .title = title},
                               err, sizeof err);
    double t1 = ly_clock_ms();
    if (!*plat) { /* no window or no OpenGL 3.3 context can be made here */
        fprintf(stderr, "louyu: %s\n", err);
        return LY_EXIT_GL;
    }
    int dw, dh;
    ly_platform_drawable_size(*plat, &dw, &dh);
    float density = o->dense && !o->hidden ? ly_platform_density(*plat) : 1;
    float scale = o->scale * density * (o->hidden ? 1.0f : ly_platform_pixel_scale(*plat));
    const char *dir = NULL;
    double t2 = t1;
    if (ly_app_init(app, o->hidden ? o->width : dw, o->hidden ? o->height : dh, scale, true, err,
                    sizeof err) == 0 &&
        (dir = find_shaders(err, sizeof err))) {
        t2 = ly_clock_ms();
        app->renderer = ly_renderer_create(dir, err, sizeof err);
    }
    if (!app->renderer) {
        fprintf(stderr, "louyu: %s\n", err);
        ly_cli_close(app, *plat);
        *plat = NULL;
        return LY_EXIT_USAGE;
    }
    choose_msaa(app->renderer, o->msaa);
    double t3 = ly_clock_ms();
    LY_DEBUG("START", "window and GL context %.1f ms, font %.1f ms, shaders %.1f ms: ready %.1f ms "
                      "after start; interface scale %g (the display's density %g)",
             t1 - t0, t2 - t1, t3 - t2, t3 - ly_process_start_ms, scale, density);
    return 0;
}

int ly_cli_app_lod(const ly_args *a, ly_app *app, bool far_switch)
{
    const char *lod;
    int rc = ly_cli_lod(a, far_switch, &lod);
    if (rc)
        return rc;
    app->lod_off = lod && !strcmp(lod, "off");
    snprintf(app->model_lod, sizeof app->model_lod, "%s", ly_cli_model_lod(lod));
    app->skip_bad = ly_arg_flag(a, "--skip-bad");
    return 0;
}

const char *ly_cli_model_lod(const char *lod)
{
    return lod && strcmp(lod, "on") && strcmp(lod, "off") ? lod : "";
}

void ly_cli_close(ly_app *app, ly_platform *plat)
{
    ly_app_deinit(app);
    ly_platform_destroy(plat);
}

int ly_cli_load(ly_app *app, const char *path, bool to_log)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    double t0 = ly_clock_ms();
    int r = ly_app_load(app, path, &diags);
    LY_DEBUG("START", "%s loaded and uploaded in %.1f ms", path, ly_clock_ms() - t0);
    return ly_cli_loaded(app, path, r, &diags, to_log);
}

int ly_cli_loaded(ly_app *app, const char *path, int r, ly_diag_list *diags, bool to_log)
{
    ly_diag_sort(diags);
    if (to_log)
        ly_cmd_note_load(app, path, r, diags);
    if (r != LY_LOAD_OK) {
        for (size_t i = 0; i < diags->count && i < 20; i++) {
            const ly_diag *d = &diags->items[i];
            if (!to_log)
                ly_diag_print(stderr, diags, d);
            else if (d->severity == LY_DIAG_ERROR && d->line > 0)
                LY_ERROR("LOAD", "%s:%d:%d: %s", path, d->line, d->col, d->message);
            else if (d->severity == LY_DIAG_ERROR)
                LY_ERROR("LOAD", "%s: %s", path, d->message);
        }
        if (diags->errors > 20)
            fprintf(stderr, "%s: %zu errors in all (louyu validate lists them)\n", path,
                    diags->errors);
        ly_cli_say_skippable(path, diags);
    } else {
        ly_cli_say_rows_left_out(path, app->scene.district.n_rows_left_out);
        ly_cli_say_table_edits(path, app->scene.district.n_table_edits);
        ly_cli_say_layers_only(path, &app->scene.district);
    }
    if (r == LY_LOAD_OK && app->scene.district.n_left_out) {
        size_t n = app->scene.district.n_left_out;
        ly_cli_say_left_out(path, n);
        /* and on screen, for a while: what is shown is not the whole file */
        if (!to_log)
            ly_cmd_note_load(app, path, LY_LOAD_OK, diags);
        snprintf(app->st.run.status, sizeof app->st.run.status, "%s: %zu features left out",
                 path, n);
        app->st.run.shown_t = app->st.time;
    }
    ly_diag_list_deinit(diags);
    return r == LY_LOAD_OK ? 0 : r == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
}

const char *ly_cli_file(const ly_args *a)
{
    return ly_arg_pos(a, 0) ? ly_arg_pos(a, 0) : ly_default_data_path();
}

/* The panels: colour-by, search, keyboard, dashboard, controls, the finder. */
static void panels(ly_app *app, const ly_args *a)
{
    const char *color = ly_arg_text(a, "--color-by", NULL);
    if (color)
        ly_cmd_set_color_mode(app, (ly_color_mode)ly_color_mode_parse(color), false);
    ly_cmd_set_query(app, ly_arg_text(a, "--search", ""));
    ly_cmd_set_keyboard(app, ly_arg_flag(a, "--keyboard"));
    ly_cmd_set_dashboard(app, ly_arg_flag(a, "--dashboard"));
    ly_cmd_set_help(app, ly_arg_flag(a, "--controls"));
    ly_app_dispatch(app, &(ly_msg){.type = LY_MSG_SET_EXPORT_MENU,
                                   .on = ly_arg_flag(a, "--export-menu")});
    bool find = ly_arg_flag(a, "--find") || ly_arg_given(a, "--find-area") ||
                ly_arg_given(a, "--find-rent") || ly_arg_given(a, "--find-near") ||
                ly_arg_given(a, "--find-industry");
    if (!find)
        return;
    ly_query_desc q = {.min_area_m2 = ly_arg_num(a, "--find-area", 0),
                       .max_rent_cny_m2_day = ly_arg_num(a, "--find-rent", 0),
                       .industry = ly_arg_text(a, "--find-industry", NULL)};
    const char *near = ly_arg_text(a, "--find-near", NULL);
    if (near) {
        /* as the viewer's chips do: later stations are counted, and said so */
        q.near_poi = true;
        q.near = (ly_poi_category)ly_query_poi_category(near);
        q.include_later_pois = true;
    }
    ly_cmd_set_find(app, &q);
    ly_cmd_set_finder(app, true);
}

/* The stacking plan and the card's tab, after --select. */
static int selection_extras(ly_app *app, const ly_args *a)
{
    const ly_command *c = a->cmd;
    long sel = app->st.selected;
    const char *tab = ly_arg_text(a, "--tab", NULL);
    if (tab && sel < 0)
        return ly_cli_usage_error(c, "--tab needs --select ID");
    if (tab)
        ly_cmd_set_tab(app, !strcmp(tab, "floors")        ? LY_TAB_FLOORS
                            : !strcmp(tab, "enterprises") ? LY_TAB_ENTERPRISES
                            : !strcmp(tab, "nearby")      ? LY_TAB_NEARBY
                                                          : LY_TAB_OVERVIEW);
    bool plan = ly_arg_flag(a, "--stacking") || ly_arg_flag(a, "--explode") ||
                ly_arg_given(a, "--floor");
    if (!plan)
        return 0;
    if (sel < 0)
        return ly_cli_usage_error(c, "--stacking, --explode and --floor need --select ID");
    ly_cmd_set_stacking(app, true, ly_arg_flag(a, "--explode") ? 1 : 0);
    int floor = (int)ly_arg_num(a, "--floor", 0), floors = app->scene.district.buildings[sel].floors;
    if (floor > floors)
        return ly_cli_usage_error(c, "--floor %d: building \"%s\" has floors 1 to %d", floor,
                                  app->scene.district.buildings[sel].id, floors);
    if (floor)
        ly_cmd_select_floor(app, floor);
    return 0;
}

/* A feature by id, of a kind, or -1. */
static long feature_id(const ly_district *d, const char *id, ly_kind kind)
{
    for (size_t i = 0; id && i < d->n_features; i++)
        if (d->features[i].kind == kind && d->features[i].id && !strcmp(d->features[i].id, id))
            return (long)i;
    return -1;
}

/* The kinds of place shown: "all", "none" or a comma list of kinds. */
static int place_kinds(ly_app *app, const ly_args *a)
{
    const char *kinds = ly_arg_text(a, "--places", NULL);
    if (!kinds || !strcmp(kinds, "all"))
        return 0;
    ly_cmd_set_place_kind(app, LY_POI_COUNT, false);
    if (!strcmp(kinds, "none"))
        return 0;
    for (const char *p = kinds; *p;) {
        size_t n = strcspn(p, ",");
        int k = 0;
        while (k < LY_POI_COUNT && (strlen(ly_poi_category_name(k)) != n ||
                                    strncmp(p, ly_poi_category_name(k), n)))
            k++;
        if (k == LY_POI_COUNT)
            return ly_cli_usage_error(a->cmd, "--places: \"%.*s\" is not a kind of place: expected "
                                              "all, none, or a list of %s",
                                      (int)n, p, "metro, bus, bank, hotel, restaurant, parking, "
                                      "government, landmark, hospital, school, park, red_clubhouse");
        ly_cmd_set_place_kind(app, k, true);
        p += n + (p[n] == ',');
    }
    return 0;
}

/* Places, walks and (operations mode) cameras. */
static int surroundings(ly_app *app, const ly_args *a)
{
    const ly_command *c = a->cmd;
    const ly_district *d = &app->scene.district;
    int rc = place_kinds(app, a);
    if (rc)
        return rc;
    ly_cmd_set_place_later(app, ly_arg_flag(a, "--later-places"));
    ly_cmd_set_places_panel(app, ly_arg_flag(a, "--places-panel"));
    if (ly_arg_flag(a, "--operations") && ly_arg_flag(a, "--kiosk"))
        return ly_cli_usage_error(c, "--operations is not for the public kiosk: its admin panel "
                                     "turns operations mode on after the PIN");
    ly_cmd_set_operations(app, ly_arg_flag(a, "--operations"));
    const char *route = ly_arg_text(a, "--route", NULL);
    if ((route || ly_arg_flag(a, "--walk-areas")) && app->st.selected < 0)
        return ly_cli_usage_error(c, "--route and --walk-areas need --select ID");
    for (int k = 0; route && k < LY_POI_COUNT; k++)
        if (!strcmp(route, ly_poi_category_name(k)))
            ly_cmd_set_route(app, k);
    ly_cmd_set_walk_areas(app, ly_arg_flag(a, "--walk-areas"));
    const char *cam = ly_arg_text(a, "--camera", NULL);
    if ((cam || ly_arg_flag(a, "--cameras")) && !app->st.operations)
        return ly_cli_usage_error(c, "--camera and --cameras need --operations");
    ly_cmd_set_cameras_panel(app, ly_arg_flag(a, "--cameras"));
    if (cam && feature_id(d, cam, LY_KIND_CAMERA) < 0)
        return ly_cli_usage_error(c, "there is no camera \"%s\"", cam);
    if (cam)
        ly_cmd_open_camera(app, feature_id(d, cam, LY_KIND_CAMERA));
    const char *hp = ly_arg_text(a, "--hover-place", NULL);
    if (hp) {
        long f = feature_id(d, hp, LY_KIND_POI);
        if (f < 0 && app->st.operations)
            f = feature_id(d, hp, LY_KIND_CAMERA);
        if (f < 0)
            return ly_cli_usage_error(c, "there is no place \"%s\"", hp);
        ly_cmd_choose_place(app, f);
    }
    return 0;
}

int ly_cli_apply_scene(ly_app *app, const ly_args *a)
{
    const ly_command *c = a->cmd;
    const char *lang = ly_arg_text(a, "--lang", NULL);
    if (lang)
        ly_cmd_set_language(app, ly_lang_parse(lang));
    const char *week = ly_arg_text(a, "--week", NULL);
    if (week) { /* a week with no reports as the latest week before it, as export has it */
        const ly_district *d = &app->scene.district;
        int w = 0;
        long at = -1;
        char a1[16], a2[16];
        int rc = ly_cli_week(a, week, &w);
        if (rc)
            return rc;
        if (!d->n_weeks)
            return ly_cli_usage_error(c, "--week %s: the data has no weeks (a store has them)",
                                      week);
        for (size_t i = 0; i < d->n_weeks && d->weeks[i] <= w; i++)
            at = (long)i;
        if (at < 0)
            return ly_cli_usage_error(c, "--week %s is before the data's first report: expected "
                                         "a week from %s on (its reports run to %s)", week,
                                      ly_week_format(d->weeks[0], a1, sizeof a1),
                                      ly_week_format(d->weeks[d->n_weeks - 1], a2, sizeof a2));
        if (d->weeks[at] != w)
            fprintf(stderr, "louyu %s: %s has no reports: its figures are those of %s, each "
                            "building's latest report before it\n",
                    c->name, ly_week_format(w, a1, sizeof a1),
                    ly_week_format(d->weeks[at], a2, sizeof a2));
        ly_cmd_set_week(app, d->weeks[at]);
    }
    panels(app, a);
    /* select first: a building's view leaves room for its card */
    const char *ids[2] = {ly_arg_text(a, "--select", NULL), ly_arg_text(a, "--hover", NULL)};
    for (int k = 0; k < 2; k++) {
        if (!ids[k])
            continue;
        long b = ly_district_find(&app->scene.district, ids[k]);
        if (b < 0)
            return ly_cli_usage_error(c, "there is no building \"%s\" to %s", ids[k],
                                      k ? "hover" : "select");
        if (k == 0)
            ly_cmd_select(app, b, false);
        else
            ly_cmd_hover(app, b, false);
    }
    const char *view = ly_arg_text(a, "--view", NULL);
    if (view && !strncmp(view, "camera:", 7) && !ly_arg_flag(a, "--operations"))
        return ly_cli_usage_error(c, "--view camera:ID is for the district's operators: add "
                                     "--operations (cameras are never shown to the public)");
    if (view && !ly_cmd_set_view(app, view, false))
        return ly_cli_usage_error(c, "--view wants home, top, a building id or camera:ID; "
                                     "there is no %s \"%s\"",
                                  strncmp(view, "camera:", 7) ? "building" : "camera",
                                  strncmp(view, "camera:", 7) ? view : view + 7);
    int rc = selection_extras(app, a);
    return rc ? rc : surroundings(app, a);
}

void ly_cli_settle(ly_app *app, double dt)
{
    ly_app_update(app, dt);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 8; i++) {
            app->last_label_t = app->st.time - 10.0; /* the labels' fades end at once */
            if (!ly_app_render(app))
                break;
            ly_app_update(app, 0);
        }
        /* a move the frames asked for (the selection kept clear of its card, once the
         * card was drawn) ends before the picture */
        if (!app->st.cam.flying)
            break;
        ly_app_update(app, 10.0);
    }
}
