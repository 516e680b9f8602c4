#include "app.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/settings.h"
#include "louyu/stats.h"

#include <cglm/cglm.h>
#include <math.h>
#include <time.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sun: south-east, 48 degrees up (a spring afternoon light, from the sea side). */
static const float SUN[3] = {0.47f, -0.47f, 0.745f};
static const float WALL[3] = {0.905f, 0.895f, 0.875f};

static double aspect(const ly_app *app);

/* The width (dp) the building card and its margin take on the right. */
#define CARD_SPACE 360.0f
/* Where the card ends (dp from the top) on a screen too narrow to put the
 * building beside it (a portrait kiosk): its overview tab, with a margin. */
#define CARD_BOTTOM 540.0f

/* ---- scene ------------------------------------------------------------------ */

static void scene_free(ly_scene *s)
{
    ly_labels_deinit(&s->labels);
    ly_ground_deinit(&s->ground);
    ly_bvh_deinit(&s->bvh);
    ly_mesh_deinit(&s->mesh);
    ly_geo_deinit(&s->geo);
    ly_district_unload(&s->district);
    memset(s, 0, sizeof *s);
}

/* Builds everything the viewer needs from a loaded district (which it takes). */
static int scene_build(ly_scene *s)
{
    if (ly_geo_init(&s->geo, &s->district) || ly_mesh_init(&s->mesh, &s->district, &s->geo, NULL) ||
        ly_bvh_init(&s->bvh, &s->mesh) || ly_ground_init(&s->ground, &s->district, &s->geo) ||
        ly_labels_init(&s->labels, s->district.n_buildings))
        return -1;
    for (size_t i = 0; i < s->district.n_buildings && !s->has_sites; i++)
        s->has_sites = s->district.buildings[i].status == LY_STATUS_UNDER_CONSTRUCTION;
    s->loaded = true;
    return 0;
}

static void build_styles(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    free(app->styles);
    app->styles = calloc(d->n_buildings ? d->n_buildings : 1, sizeof *app->styles);
    if (!app->styles)
        return;
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        ly_building_style *st = &app->styles[i];
        st->r = WALL[0];
        st->g = WALL[1];
        st->b = WALL[2];
        st->a = 1;
        const float *fh = d->floor_heights + b->first_floor_height;
        st->ground_storey_m = b->floors ? fh[0] : 0;
        st->storey_m = b->floors > 1 ? (float)((b->height_m - fh[0]) / (b->floors - 1))
                                     : (float)b->height_m;
        st->top_m = (float)b->height_m;
    }
    app->styles_dirty = true;
}

/* The colour building i has in the current colour-by mode. */
static void target_color(const ly_app *app, size_t i, float rgb[3])
{
    const ly_colorby *cb = &app->colorby;
    if (app->color_mode == LY_COLOR_NONE || i >= cb->n) {
        memcpy(rgb, WALL, sizeof WALL);
        return;
    }
    const uint8_t *c = cb->class_of[i] >= 0 ? cb->classes[cb->class_of[i]].rgb : cb->no_data.rgb;
    for (int k = 0; k < 3; k++)
        rgb[k] = c[k] / 255.0f;
}

/* Style colours at the transition's point t (smoothstep between old and new). */
static void apply_colors(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    if (!app->styles)
        return;
    float t = app->color_t < 0 ? 0 : app->color_t > 1 ? 1 : app->color_t;
    t = t * t * (3 - 2 * t);
    for (size_t i = 0; i < d->n_buildings; i++) {
        float to[3];
        target_color(app, i, to);
        float *st = &app->styles[i].r;
        for (int k = 0; k < 3; k++)
            st[k] = app->color_from ? app->color_from[3 * i + k] + t * (to[k] - app->color_from[3 * i + k])
                                    : to[k];
    }
    app->styles_dirty = true;
}

void ly_app_run_finder(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_query_result_deinit(&app->found);
    app->find_dirty = false;
    for (size_t i = 0; app->styles && i < d->n_buildings; i++)
        app->styles[i].glow_lo_m = app->styles[i].glow_hi_m = app->styles[i].glow_bits_lo =
            app->styles[i].glow_bits_hi = 0;
    if (app->finder && app->scene.loaded &&
        ly_query_run(d, &app->scene.geo, &app->find, &app->found) == 0) {
        /* the matching floors glow, each one (between them, leased floors do not) */
        for (size_t m = 0; app->styles && m < app->found.n_matches; m++) {
            const ly_query_match *q = &app->found.matches[m];
            const ly_building *b = &d->buildings[q->building];
            int lo = 1 << 30, hi = 0;
            for (uint32_t k = 0; k < q->n_spaces; k++) {
                const ly_query_space *sp = &app->found.spaces[q->first_space + k];
                lo = sp->first < lo ? sp->first : lo;
                hi = sp->last > hi ? sp->last : hi;
            }
            if (hi) {
                uint64_t bits = 0;
                for (uint32_t k = 0; k < q->n_spaces; k++) {
                    const ly_query_space *sp = &app->found.spaces[q->first_space + k];
                    for (int f = sp->first; f <= sp->last; f++)
                        bits |= 1ull << (f - lo < 47 ? f - lo : 47);
                }
                ly_building_style *st = &app->styles[q->building];
                st->glow_lo_m = (float)ly_building_floor_base(d, b, lo);
                st->glow_hi_m = (float)ly_building_floor_base(d, b, hi + 1);
                st->glow_bits_lo = (float)(bits & 0xFFFFFF);
                st->glow_bits_hi = (float)(bits >> 24 & 0xFFFFFF);
            }
        }
    }
    app->styles_dirty = true;
    app->redraw = true;
}

void ly_app_set_color_mode(ly_app *app, ly_color_mode mode, bool animate)
{
    if ((unsigned)mode >= LY_COLOR_MODES)
        mode = LY_COLOR_NONE;
    const ly_district *d = &app->scene.district;
    /* start from what is on screen now */
    free(app->color_from);
    app->color_from = animate && app->styles ? malloc(3 * (d->n_buildings ? d->n_buildings : 1) *
                                                      sizeof *app->color_from)
                                             : NULL;
    for (size_t i = 0; app->color_from && i < d->n_buildings; i++)
        memcpy(&app->color_from[3 * i], &app->styles[i].r, 3 * sizeof(float));
    ly_colorby_deinit(&app->colorby);
    app->color_mode = mode;
    if (ly_colorby_compute(&app->colorby, d, mode, app->lang))
        app->color_mode = LY_COLOR_NONE;
    app->color_t = app->color_from ? 0 : 1;
    apply_colors(app);
    app->redraw = true;
}

/* Selection, hover and dimming go into the style flags. */
static void update_flags(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    if (!app->styles)
        return;
    for (size_t i = 0; i < d->n_buildings; i++) {
        int f = 0;
        if (d->buildings[i].status == LY_STATUS_UNDER_CONSTRUCTION)
            f |= LY_BSTATE_SITE;
        if ((long)i == app->selected && app->stacking)
            f |= LY_BSTATE_HIDDEN; /* its slabs stand in for it */
        if ((long)i == app->selected)
            f |= LY_BSTATE_SELECTED;
        else if ((long)i == app->hovered)
            f |= LY_BSTATE_HOVERED;
        else if (app->selected >= 0)
            f |= LY_BSTATE_DIMMED;
        app->styles[i].flags = (float)f;
    }
    app->styles_dirty = true;
}

/* Reads and builds a district into `next`: no GL, no app state, so it can
 * run on a loader thread. */
static int scene_load(ly_scene *next, const char *path, ly_diag_list *diags)
{
    memset(next, 0, sizeof *next);
    ly_load_result r = ly_district_load(&next->district, path, NULL, diags);
    if (r != LY_LOAD_OK)
        return r;
    if (scene_build(next)) {
        scene_free(next);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory building the 3D district");
        return LY_LOAD_NOMEM;
    }
    return LY_LOAD_OK;
}

/* Puts a built district on screen in place of the current one (between
 * frames, on the GL thread). The selection survives by building id. */
static int scene_swap(ly_app *app, ly_scene *next, ly_diag_list *diags)
{
    if (app->renderer && ly_renderer_upload_scene(app->renderer, &next->mesh, &next->ground)) {
        /* put the old district back on the GPU */
        if (app->scene.loaded)
            ly_renderer_upload_scene(app->renderer, &app->scene.mesh, &app->scene.ground);
        scene_free(next);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "the GPU refused the district's buffers");
        return LY_LOAD_NOMEM;
    }
    bool first = !app->scene.loaded;
    char keep_id[128] = "";
    if (app->selected >= 0)
        snprintf(keep_id, sizeof keep_id, "%s", app->scene.district.buildings[app->selected].id);
    scene_free(&app->scene);
    app->scene = *next;
    memset(next, 0, sizeof *next);
    /* the BVH points at the mesh it indexes, which just moved into the app */
    app->scene.bvh.mesh = &app->scene.mesh;
    app->selected = keep_id[0] ? ly_district_find(&app->scene.district, keep_id) : -1;
    app->hovered = -1;
    app->floor_selected = app->floor_hover = 0;
    app->stack_dirty = true;
    build_styles(app);
    update_flags(app);
    ly_app_set_color_mode(app, app->color_mode, false);
    ly_search_deinit(&app->search);
    if (ly_search_init(&app->search, &app->scene.district, app->lang))
        LY_WARN("APP", "no search index (out of memory)");
    ly_app_run_finder(app);
    /* New data: new limits; the first load starts from the home view, a
     * reload keeps the user's view (clamped to the new data). */
    ly_camera_pose keep = app->cam.pose;
    ly_camera_init(&app->cam, app->scene.mesh.min, app->scene.mesh.max);
    app->cam.aspect = aspect(app);
    ly_camera_set_pose(&app->cam, first ? ly_camera_home_pose(&app->cam) : keep);
    app->redraw = true;
    return LY_LOAD_OK;
}

int ly_app_load(ly_app *app, const char *path, ly_diag_list *diags)
{
    ly_scene next;
    int r = scene_load(&next, path, diags);
    if (r != LY_LOAD_OK)
        return r;
    r = scene_swap(app, &next, diags);
    if (r == LY_LOAD_OK)
        LY_INFO("APP", "[%s] %zu buildings, %zu vertices", path, app->scene.district.n_buildings,
                app->scene.mesh.n_vertices);
    return r;
}

/* ---- hot reload ------------------------------------------------------------- */

struct ly_reload {
    pthread_t thread;
    atomic_bool done;
    char path[1024];
    ly_scene next;
    ly_diag_list diags;
    int result;
    double started_ms;
};

static void *reload_main(void *arg)
{
    ly_reload *rl = arg;
#ifdef __linux__
    /* the loader yields to the frames: on Linux a thread's nice value is its
     * own, so only this thread drops in priority (a software rasteriser's
     * threads and the render thread keep the cores they need) */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0)
        LY_DEBUG("RELOAD", "loader thread keeps its priority");
#endif
    rl->result = scene_load(&rl->next, rl->path, &rl->diags);
    atomic_store(&rl->done, true);
    return NULL;
}

bool ly_app_reload_start(ly_app *app, const char *path)
{
    if (app->reload)
        return false; /* one at a time */
    ly_reload *rl = calloc(1, sizeof *rl);
    if (!rl)
        return false;
    snprintf(rl->path, sizeof rl->path, "%s", path);
    ly_diag_list_init(&rl->diags, path);
    atomic_init(&rl->done, false);
    rl->started_ms = ly_clock_ms();
    if (pthread_create(&rl->thread, NULL, reload_main, rl)) {
        ly_diag_list_deinit(&rl->diags);
        free(rl);
        return false;
    }
    app->reload = rl;
    return true;
}

void ly_app_note_load(ly_app *app, const char *path, bool ok, const ly_diag_list *diags)
{
    /* what the admin panel shows: when, and the first errors */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(app->reload_when, sizeof app->reload_when, "%H:%M:%S", &tm);
    app->n_reload_errors = 0;
    for (size_t i = 0; i < diags->count && !ok && app->n_reload_errors < 4; i++)
        if (diags->items[i].severity == LY_DIAG_ERROR)
            snprintf(app->reload_errors[app->n_reload_errors++], sizeof app->reload_errors[0],
                     "%d:%d: %s", diags->items[i].line, diags->items[i].col,
                     diags->items[i].message);
    const char *slash = strrchr(path, '/');
    snprintf(app->reload_name, sizeof app->reload_name, "%s", slash ? slash + 1 : path);
    app->reload_count = ok ? app->scene.district.n_buildings : diags->errors;
    app->reload_ok = ok;
}

bool ly_app_reload_poll(ly_app *app, bool wait)
{
    ly_reload *rl = app->reload;
    if (!rl || (!wait && !atomic_load(&rl->done)))
        return false;
    pthread_join(rl->thread, NULL);
    app->reload = NULL;
    bool swapped = false;
    if (rl->result == LY_LOAD_OK)
        rl->result = scene_swap(app, &rl->next, &rl->diags);
    ly_diag_sort(&rl->diags);
    if (rl->result == LY_LOAD_OK) {
        swapped = true;
        snprintf(app->reload_status, sizeof app->reload_status,
                 "reloaded %s: %zu buildings (%.0f ms)", rl->path,
                 app->scene.district.n_buildings, ly_clock_ms() - rl->started_ms);
        LY_INFO("RELOAD", "%s", app->reload_status);
    } else {
        /* bad data never replaces good data: say why, keep what is on screen */
        snprintf(app->reload_status, sizeof app->reload_status,
                 "reload of %s failed: %zu error%s; showing the previous data", rl->path,
                 rl->diags.errors, rl->diags.errors == 1 ? "" : "s");
        LY_WARN("RELOAD", "%s", app->reload_status);
        for (size_t i = 0; i < rl->diags.count && i < 20; i++)
            if (rl->diags.items[i].severity == LY_DIAG_ERROR)
                LY_WARN("RELOAD", "%s:%d:%d: %s", rl->path, rl->diags.items[i].line,
                        rl->diags.items[i].col, rl->diags.items[i].message);
        scene_free(&rl->next);
    }
    ly_app_note_load(app, rl->path, swapped, &rl->diags);
    app->reload_status_t = app->time;
    ly_diag_list_deinit(&rl->diags);
    free(rl);
    app->redraw = true;
    return swapped;
}

/* ---- lifetime --------------------------------------------------------------- */

int ly_app_init(ly_app *app, int width, int height, float ui_scale, bool gl, char *err,
                size_t err_len)
{
    memset(app, 0, sizeof *app);
    app->width = width;
    app->height = height;
    app->ui_scale = ui_scale > 0 ? ui_scale : 1;
    app->selected = app->hovered = -1;
    app->lang = LY_LANG_ZH;
    app->enterprise_sort = LY_ORDER_NAME;
    ly_gesture_init(&app->gestures, app->ui_scale);
    float zero[3] = {0, 0, 0};
    ly_camera_init(&app->cam, zero, zero);
    if (!gl)
        return 0;
    char path[1024];
    int face = 0;
    if (!ly_font_find("zh-cn", path, sizeof path, &face)) {
        snprintf(err, err_len, "no font with Chinese characters was found through fontconfig "
                 "(install fonts-noto-cjk)");
        return -1;
    }
    app->font = ly_font_create(path, face, err, err_len);
    if (!app->font)
        return -1;
    ly_draw_init(&app->ui, app->font);
    ly_ui_init(&app->ui_ctx, app->font, &app->ui);
    return 0;
}

void ly_app_use_settings(ly_app *app)
{
    /* the remembered language */
    if (ly_settings_path(app->settings_path, sizeof app->settings_path) == 0) {
        ly_settings st;
        ly_diag_list diags;
        ly_diag_list_init(&diags, app->settings_path);
        ly_settings_load(&st, app->settings_path, &diags);
        for (size_t i = 0; i < diags.count; i++)
            LY_WARN("SETTINGS", "%s:%d:%d: %s", app->settings_path, diags.items[i].line,
                    diags.items[i].col, diags.items[i].message);
        ly_diag_list_deinit(&diags);
        app->lang = st.language;
    } else {
        app->settings_path[0] = '\0';
    }
}

void ly_app_set_language(ly_app *app, ly_lang lang)
{
    app->lang = lang;
    app->redraw = true;
    if (app->color_mode != LY_COLOR_NONE)
        ly_app_set_color_mode(app, app->color_mode, false); /* legend labels */
    if (app->scene.loaded) {
        ly_search_deinit(&app->search); /* industry names in the new language */
        ly_search_init(&app->search, &app->scene.district, lang);
    }
    if (!app->settings_path[0])
        return;
    ly_settings st;
    char serr[256];
    ly_settings_load(&st, app->settings_path, NULL);
    st.language = lang;
    if (ly_settings_save(&st, app->settings_path, serr, sizeof serr))
        LY_WARN("SETTINGS", "%s", serr);
}

void ly_app_deinit(ly_app *app)
{
    if (app->reload) {
        ly_app_reload_poll(app, true); /* finish the loader thread, then drop its result */
    }
    ly_stacking_deinit(&app->stack);
    ly_colorby_deinit(&app->colorby);
    ly_search_deinit(&app->search);
    ly_query_result_deinit(&app->found);
    free(app->color_from);
    scene_free(&app->scene);
    ly_renderer_destroy(app->renderer);
    ly_ui_deinit(&app->ui_ctx);
    ly_draw_deinit(&app->ui);
    ly_font_destroy(app->font);
    free(app->styles);
    memset(app, 0, sizeof *app);
}

void ly_app_resize(ly_app *app, int width, int height)
{
    app->width = width > 1 ? width : 1;
    app->height = height > 1 ? height : 1;
    app->cam.aspect = (double)app->width / app->height;
    app->redraw = true;
}

/* ---- views and selection ------------------------------------------------------ */

static double aspect(const ly_app *app)
{
    return app->height > 0 ? (double)app->width / app->height : 1.0;
}

/* A point on the building's highest roof: the centre of its highest
 * roof triangle, so the view's centre lands on the building itself (a box
 * centre can fall between two towers or into a courtyard). */
static void roof_point(const ly_app *app, long b, double out[3])
{
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    const ly_mesh_chunk *c = &app->scene.mesh.chunks[mb->chunk];
    double best_z = -1, best_area = 0;
    out[0] = 0.5 * (mb->min[0] + mb->max[0]);
    out[1] = 0.5 * (mb->min[1] + mb->max[1]);
    out[2] = mb->max[2];
    for (uint32_t t = 0; t < mb->n_indices; t += 3) {
        const ly_vertex *v0 = &c->vertices[c->indices[mb->first_index + t]];
        const ly_vertex *v1 = &c->vertices[c->indices[mb->first_index + t + 1]];
        const ly_vertex *v2 = &c->vertices[c->indices[mb->first_index + t + 2]];
        if (v0->surface != LY_SURF_ROOF)
            continue;
        double area = 0.5 * fabs((double)(v1->pos[0] - v0->pos[0]) * (v2->pos[1] - v0->pos[1]) -
                                 (double)(v2->pos[0] - v0->pos[0]) * (v1->pos[1] - v0->pos[1]));
        /* the highest roof; on it, the biggest triangle (the most central) */
        if (v0->pos[2] > best_z + 0.01 || (fabs(v0->pos[2] - best_z) <= 0.01 && area > best_area)) {
            best_z = v0->pos[2];
            best_area = area;
            for (int k = 0; k < 3; k++)
                out[k] = (v0->pos[k] + v1->pos[k] + v2->pos[k]) / 3.0;
        }
    }
}

/* Where world point p is on screen now; false when behind the eye. */
static bool screen_of(const ly_app *app, const double p[3], float *sx, float *sy)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->cam, app->width, app->height, &m);
    const float *v = m.view_proj;
    double c[4];
    for (int r = 0; r < 4; r++)
        c[r] = v[r] * p[0] + v[4 + r] * p[1] + v[8 + r] * p[2] + v[12 + r];
    if (c[3] <= 1e-6)
        return false;
    *sx = (float)((c[0] / c[3] * 0.5 + 0.5) * app->width);
    *sy = (float)((0.5 - c[1] / c[3] * 0.5) * app->height);
    return true;
}

/* A view of one building: its roof in the middle of the screen, the whole
 * building in view, from the first of eight directions (starting from the
 * current heading) in which no other building hides it. */
static ly_camera_pose building_pose(ly_app *app, long b)
{
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    double roof[3];
    roof_point(app, b, roof);
    ly_camera_pose first = {0};
    ly_camera saved = app->cam;
    for (int k = 0; k < 8; k++) {
        double heading = app->cam.pose.heading + k * M_PI / 4;
        ly_camera_pose p =
            ly_camera_frame_pose(&app->cam, mb->min, mb->max, heading, aspect(app));
        /* aim at the roof point; back off a little so the box still fits */
        double shift = hypot(roof[0] - p.target[0], roof[1] - p.target[1]) +
                       fabs(roof[2] - p.target[2]);
        p.distance += 1.2 * shift;
        memcpy(p.target, roof, sizeof roof);
        /* with the building's card open on the right, centre the building in
         * the space left of it; on a narrow screen, in the space below it */
        float sx = app->width / 2.0f, sy = app->height / 2.0f;
        bool card = app->selected == b && !app->attract;
        bool below = card && app->width <= 2 * CARD_SPACE * app->ui_scale &&
                     app->height > app->width;
        float top = fminf(CARD_BOTTOM * app->ui_scale, 0.6f * app->height);
        if (below) /* half the screen or so: stand back to keep it whole */
            p.distance *= 1.0 + 0.8 * top / app->height;
        if (card && app->width > 2 * CARD_SPACE * app->ui_scale) {
            double f[3] = {sin(heading), cos(heading)}, right[2] = {f[1], -f[0]};
            double t = tan(0.5 * app->cam.fov_y) * fmax(1.0, aspect(app));
            double off = p.distance * t * (CARD_SPACE * app->ui_scale / app->width);
            p.target[0] += right[0] * off;
            p.target[1] += right[1] * off;
            sx -= 0.5f * CARD_SPACE * app->ui_scale;
        }
        if (k == 0)
            first = p;
        ly_camera_set_pose(&app->cam, p);
        if (below) {
            /* the roof a little above the middle of the free space: the pan
             * slides the ground, the roof is higher up, so a few rounds */
            float want = top + 0.4f * (app->height - top), rx, ry;
            for (int round = 0; round < 4 && screen_of(app, roof, &rx, &ry); round++)
                ly_camera_pan(&app->cam, app->width, app->height, sx, ry, sx, want);
            sy = screen_of(app, roof, &rx, &ry) ? ry : want;
        }
        long hit = ly_app_pick(app, sx, sy, 0, NULL);
        ly_camera_pose clamped = app->cam.pose;
        app->cam = saved;
        if (hit == b)
            return clamped;
    }
    return first;
}

bool ly_app_set_view(ly_app *app, const char *view, bool animate)
{
    ly_camera_pose pose;
    if (!view || !strcmp(view, "home")) {
        pose = ly_camera_home_pose(&app->cam);
    } else if (!strcmp(view, "top")) {
        pose = ly_camera_top_pose(&app->cam);
    } else {
        long b = ly_district_find(&app->scene.district, view);
        if (b < 0)
            return false;
        pose = building_pose(app, b);
    }
    if (animate)
        ly_camera_fly_to(&app->cam, pose, 1.2);
    else
        ly_camera_set_pose(&app->cam, pose);
    app->redraw = true;
    return true;
}

void ly_app_select(ly_app *app, long b, bool fly)
{
    if (b >= (long)app->scene.district.n_buildings)
        b = -1;
    if (b != app->selected) {
        app->floor_selected = app->floor_hover = 0;
        app->stack_dirty = true;
    }
    app->selected = b;
    update_flags(app);
    if (b >= 0 && fly)
        ly_camera_fly_to(&app->cam, building_pose(app, b), 1.2);
    app->redraw = true;
}

void ly_app_set_stacking(ly_app *app, bool on, float explode)
{
    app->stacking = on;
    app->explode = explode < 0 ? 0 : explode > 1 ? 1 : explode;
    app->stack_dirty = true;
    update_flags(app);
    app->redraw = true;
}

void ly_app_select_floor(ly_app *app, int floor)
{
    if (app->selected < 0 || floor < 0 ||
        floor > app->scene.district.buildings[app->selected].floors)
        floor = 0;
    app->floor_selected = floor;
    app->floor_last = floor;
    app->stack_dirty = true;
    app->redraw = true;
}

void ly_app_select_floors(ly_app *app, int first, int last)
{
    ly_app_select_floor(app, first);
    if (app->floor_selected && last > first)
        app->floor_last = last;
}

/* The floor of the stacking plan under a pixel, 0 for none. */
static int floor_at(const ly_app *app, float x, float y)
{
    if (!app->stacking || app->stack.building < 0)
        return 0;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->cam, app->width, app->height, &m);
    float o[3], d[3];
    if (!ly_screen_ray(m.view_proj, app->width, app->height, x, y, o, d))
        return 0;
    float t;
    int f = ly_stacking_pick(&app->stack, o, d, &t);
    if (!f)
        return 0;
    /* a building in front of the slabs hides them */
    ly_hit h;
    if (ly_bvh_ray(&app->scene.bvh, NULL, o, d, t, &h) && h.building != app->selected)
        return 0;
    return f;
}

static void set_hover(ly_app *app, long b)
{
    if (b == app->hovered)
        return;
    app->hovered = b;
    update_flags(app);
    app->redraw = true;
}

long ly_app_pick(const ly_app *app, float x, float y, float tol_px, int *floor)
{
    if (!app->scene.loaded)
        return -1;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->cam, app->width, app->height, &m);
    ly_hit h;
    if (!ly_bvh_pick_screen(&app->scene.bvh, &app->scene.district, m.view_proj, app->width,
                            app->height, x, y, tol_px, &h))
        return -1;
    if (floor)
        *floor = h.floor;
    return h.building;
}

/* Zoom at a screen point: on a tower, toward the point of its face or roof
 * under the cursor (which stays there); elsewhere about the ground. */
static void zoom_at(ly_app *app, double x, double y, double factor)
{
    ly_camera_matrices m;
    ly_hit h;
    const float *anchor = NULL;
    if (app->scene.loaded) {
        ly_camera_get_matrices(&app->cam, app->width, app->height, &m);
        if (ly_bvh_pick_screen(&app->scene.bvh, &app->scene.district, m.view_proj, app->width,
                               app->height, (float)x, (float)y, 0, &h))
            anchor = h.point;
    }
    ly_camera_zoom_toward(&app->cam, app->width, app->height, x, y, factor, anchor);
}

/* ---- compass ------------------------------------------------------------------ */

static void compass_centre(const ly_app *app, float *cx, float *cy, float *r)
{
    float s = app->ui_scale;
    *r = 22 * s;
    *cx = (float)app->width - 20 * s - *r;
    *cy = 20 * s + *r;
}

static bool on_compass(const ly_app *app, float x, float y)
{
    float cx, cy, r;
    compass_centre(app, &cx, &cy, &r);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r * 1.2f;
}

/* The "?" left of the compass that shows the controls (not in a kiosk). */
static void help_centre(const ly_app *app, float *cx, float *cy, float *r)
{
    compass_centre(app, cx, cy, r);
    *r *= 0.72f;
    *cx -= 22 * app->ui_scale + 12 * app->ui_scale + *r;
}

static bool on_help(const ly_app *app, float x, float y)
{
    float cx, cy, r;
    help_centre(app, &cx, &cy, &r);
    return !app->kiosk && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r * 1.4f;
}

/* ---- input ------------------------------------------------------------------ */

static void click(ly_app *app, float x, float y, int clicks, float tol)
{
    if (on_help(app, x, y)) {
        app->help = !app->help;
        app->redraw = true;
        return;
    }
    if (on_compass(app, x, y)) {
        /* north up, keeping everything else */
        ly_camera_pose p = app->cam.pose;
        p.heading = 0;
        ly_camera_fly_to(&app->cam, p, 0.6);
        return;
    }
    int f = floor_at(app, x, y);
    if (f) {
        ly_app_select_floor(app, f == app->floor_selected ? 0 : f);
        return;
    }
    long b = ly_app_pick(app, x, y, tol, NULL);
    if (clicks >= 2) {
        if (b >= 0)
            ly_app_select(app, b, true);
        else
            ly_camera_zoom_at(&app->cam, app->width, app->height, x, y, 2.0);
        return;
    }
    ly_app_select(app, b, false); /* a click on empty ground deselects */
}

static void key_down(ly_app *app, const ly_event *e)
{
    ly_camera *c = &app->cam;
    double step = 0.1;
    switch (e->key) {
    case LY_KEY_H:
    case LY_KEY_F1:
        app->help = !app->help && !app->kiosk; /* a kiosk has no keyboard to read it with */
        break;
    case LY_KEY_ESCAPE:
        if (app->help)
            app->help = false;
        else if (app->floor_selected)
            ly_app_select_floor(app, 0);
        else
            ly_app_select(app, -1, false);
        break;
    case LY_KEY_HOME:
        ly_app_set_view(app, "home", true);
        break;
    case LY_KEY_PLUS:
        zoom_at(app, app->width / 2.0, app->height / 2.0, 1.4);
        break;
    case LY_KEY_MINUS:
        zoom_at(app, app->width / 2.0, app->height / 2.0, 1 / 1.4);
        break;
    case LY_KEY_PAGE_UP:
        ly_camera_tilt(c, step);
        break;
    case LY_KEY_PAGE_DOWN:
        ly_camera_tilt(c, -step);
        break;
    case LY_KEY_Q:
        ly_camera_twist(c, -step * 2);
        break;
    case LY_KEY_E:
        ly_camera_twist(c, step * 2);
        break;
    case LY_KEY_T:
        ly_app_set_view(app, "top", true);
        break;
    case LY_KEY_L:
        ly_app_set_language(app, app->lang == LY_LANG_ZH ? LY_LANG_EN : LY_LANG_ZH);
        break;
    case LY_KEY_F:
        app->finder = !app->finder;
        ly_app_run_finder(app);
        break;
    case LY_KEY_B:
        app->dashboard = !app->dashboard;
        break;
    case LY_KEY_C:
        ly_app_set_color_mode(app, (ly_color_mode)((app->color_mode + 1) % LY_COLOR_MODES), true);
        break;
    case LY_KEY_P:
        ly_app_set_stacking(app, !app->stacking, app->explode);
        break;
    case LY_KEY_X:
        ly_app_set_stacking(app, app->stacking, app->explode > 0 ? 0 : 1);
        break;
    case LY_KEY_ENTER:
        if (app->selected >= 0)
            ly_app_select(app, app->selected, true);
        break;
    default:
        break;
    }
    app->redraw = true;
}

/* Arrow keys and WASD pan while held, shift+arrows orbit: applied per frame. */
static bool keys_held(ly_app *app, double dt)
{
    int dx = (app->key_down[LY_KEY_RIGHT] || app->key_down[LY_KEY_D]) -
             (app->key_down[LY_KEY_LEFT] || app->key_down[LY_KEY_A]);
    int dy = (app->key_down[LY_KEY_DOWN] || app->key_down[LY_KEY_S]) -
             (app->key_down[LY_KEY_UP] || app->key_down[LY_KEY_W]);
    if (!dx && !dy)
        return false;
    double cx = app->width / 2.0, cy = app->height / 2.0;
    double speed = 0.45 * fmin(app->width, app->height) * dt; /* pixels per frame */
    ly_camera_pan(&app->cam, app->width, app->height, cx, cy, cx - dx * speed, cy - dy * speed);
    return true;
}

static void gesture(ly_app *app, const ly_gesture *g)
{
    ly_camera *c = &app->cam;
    switch (g->type) {
    case LY_GESTURE_TAP:
        /* a fingertip covers ~7 mm: about 40 px at 1x */
        click(app, g->x, g->y, g->count, 20 * app->ui_scale);
        break;
    case LY_GESTURE_DRAG:
        c->dragging = true;
        ly_camera_orbit(c, g->dx, g->dy, app->width, app->height);
        break;
    case LY_GESTURE_DRAG_END:
        c->dragging = false;
        ly_camera_fling(c, g->vx, g->vy, true, app->width, app->height);
        break;
    case LY_GESTURE_TWO:
        c->dragging = true;
        ly_camera_pan(c, app->width, app->height, g->x0, g->y0, g->x, g->y);
        if (g->scale > 0 && fabsf(g->scale - 1) > 1e-4f)
            zoom_at(app, g->x, g->y, g->scale);
        if (fabsf(g->rotate) > 1e-5f)
            ly_camera_twist(c, -g->rotate);
        break;
    case LY_GESTURE_TILT:
        c->dragging = true;
        ly_camera_tilt(c, g->dy / (app->height > 0 ? app->height : 1) * 2.0);
        break;
    case LY_GESTURE_TWO_END:
        c->dragging = false;
        break;
    case LY_GESTURE_LONG_PRESS:
        /* select without flying: the same as a tap, for people who hold */
        click(app, g->x, g->y, 1, 20 * app->ui_scale);
        break;
    default:
        break;
    }
    app->hover_from_mouse = false;
}

void ly_app_set_kiosk(ly_app *app, bool on, double attract_s, double reset_s)
{
    app->kiosk = on;
    app->attract_s = attract_s > 0 ? attract_s : 60;
    app->reset_s = reset_s > 0 ? reset_s : 120;
    app->default_lang = app->lang;
    app->idle_s = 0;
}

/* Buildings with vacant space, most space first: the attract tour's stops. */
static long tour_stop(const ly_app *app, int index)
{
    const ly_district *d = &app->scene.district;
    long best[64];
    double space[64];
    int n = 0;
    /* the buildings with the most space to let; where the data has none, the
     * tallest finished ones, so the tour still shows the district */
    bool any_space = false;
    for (size_t i = 0; i < d->n_buildings && !any_space; i++) {
        double area, vacant;
        any_space = ly_building_occupancy(d, &d->buildings[i], &area, &vacant) >= 0 && vacant > 0;
    }
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        double area, vacant;
        if (any_space) {
            if (ly_building_occupancy(d, b, &area, &vacant) < 0 || vacant <= 0)
                continue;
        } else {
            if (b->status == LY_STATUS_UNDER_CONSTRUCTION || !(b->height_m > 0))
                continue;
            vacant = b->height_m; /* the ranking key */
        }
        int k = n < 64 ? n++ : 63;
        if (k == 63 && vacant <= space[63])
            continue;
        while (k > 0 && space[k - 1] < vacant) {
            best[k] = best[k - 1];
            space[k] = space[k - 1];
            k--;
        }
        best[k] = (long)i;
        space[k] = vacant;
    }
    return n ? best[index % n] : -1;
}

void ly_app_start_attract(ly_app *app)
{
    LY_INFO("kiosk", "idle %.0f s: attract tour", app->idle_s);
    app->attract = true;
    app->attract_index = 0;
    app->attract_next = 0;
    app->selected = -1;
    update_flags(app);
}

/* Back to the start: what the next visitor should see. While the tour runs
 * it owns the selection and the camera; the touch that ends it goes home. */
static void kiosk_reset(ly_app *app)
{
    LY_INFO("kiosk", "idle %.0f s: back to the start", app->idle_s);
    if (!app->attract)
        ly_app_select(app, -1, false);
    app->query[0] = '\0';
    app->keyboard = app->finder = app->dashboard = app->stacking = false;
    app->admin.open = LY_ADMIN_CLOSED;
    app->stack_dirty = true;
    if (app->color_mode != LY_COLOR_NONE)
        ly_app_set_color_mode(app, LY_COLOR_NONE, false);
    if (app->lang != app->default_lang)
        ly_app_set_language(app, app->default_lang);
    ly_app_run_finder(app);
    if (!app->attract)
        ly_app_set_view(app, "home", true);
}

/* In kiosk mode, advance the tour: one building with space every 9 s (or
 * what the config says). */
static void attract_step(ly_app *app, double dt)
{
    app->attract_next -= dt;
    if (app->attract_next > 0)
        return;
    app->attract_next = app->attract_per_s > 0 ? app->attract_per_s : 9.0;
    long b = tour_stop(app, app->attract_index++);
    if (b < 0)
        return;
    app->selected = b;
    update_flags(app);
    ly_camera_pose p = building_pose(app, b);
    p.heading += 0.6; /* a slow turn around it while it is shown */
    ly_camera_fly_to(&app->cam, p, 3.0);
}

void ly_app_event(ly_app *app, const ly_event *e)
{
    if (app->kiosk && e->type != LY_EV_RESIZE && e->type != LY_EV_LEAVE) {
        app->idle_s = 0;
        if (ly_admin_event(app, e))
            return;
        if (app->attract) {
            /* any touch ends the tour and starts from the whole district */
            app->attract = false;
            ly_app_select(app, -1, false);
            ly_app_set_view(app, "home", true);
            app->redraw = true;
            return;
        }
    }
    ly_camera *c = &app->cam;
    const float slop = 4 * app->ui_scale;
    app->redraw = true;
    /* the panels come first: what lands on a card does not also move the map */
    if (app->font && e->type != LY_EV_RESIZE && !app->drag_button &&
        ly_ui_input(&app->ui_ctx, e)) {
        set_hover(app, -1);
        return;
    }
    switch (e->type) {
    case LY_EV_RESIZE:
        ly_app_resize(app, (int)e->x, (int)e->y);
        break;
    case LY_EV_MOUSE_DOWN:
        if (app->drag_button)
            break;
        app->drag_button = e->button;
        app->drag_moved = false;
        app->drag_tilt = e->button == LY_BUTTON_LEFT && (e->mods & LY_MOD_SHIFT);
        app->press_x = e->x;
        app->press_y = e->y;
        app->drag_vx = app->drag_vy = 0;
        app->last_drag_t = app->time;
        ly_camera_stop(c);
        if (e->button == LY_BUTTON_LEFT && e->clicks >= 2) {
            click(app, e->x, e->y, 2, 0);
            app->drag_moved = true; /* no second single click on release */
        }
        break;
    case LY_EV_MOUSE_MOVE: {
        app->mouse_x = e->x;
        app->mouse_y = e->y;
        app->mouse_inside = true;
        if (app->drag_button) {
            if (!app->drag_moved && fabsf(e->x - app->press_x) + fabsf(e->y - app->press_y) > slop)
                app->drag_moved = true;
            if (!app->drag_moved)
                break;
            c->dragging = true;
            double dt = app->time - app->last_drag_t;
            if (dt > 1e-4) {
                float k = (float)fmin(1.0, dt / 0.05);
                app->drag_vx += k * ((float)(e->dx / dt) - app->drag_vx);
                app->drag_vy += k * ((float)(e->dy / dt) - app->drag_vy);
            }
            app->last_drag_t = app->time;
            if (app->drag_button == LY_BUTTON_LEFT && !app->drag_tilt)
                ly_camera_orbit(c, e->dx, e->dy, app->width, app->height);
            else if (app->drag_tilt)
                ly_camera_tilt(c, e->dy / (app->height > 0 ? app->height : 1) * 2.0);
            else
                ly_camera_pan(c, app->width, app->height, e->x - e->dx, e->y - e->dy, e->x,
                              e->y);
        } else {
            app->hover_from_mouse = true;
            int f = floor_at(app, e->x, e->y);
            if (f != app->floor_hover) {
                app->floor_hover = f;
                app->stack_dirty = true;
            }
            set_hover(app, f ? -1 : ly_app_pick(app, e->x, e->y, 0, NULL));
        }
        break;
    }
    case LY_EV_MOUSE_UP:
        if (e->button != app->drag_button)
            break;
        if (!app->drag_moved && e->button == LY_BUTTON_LEFT)
            click(app, e->x, e->y, 1, 0);
        else if (app->drag_moved) {
            c->dragging = false;
            bool recent = app->time - app->last_drag_t < 0.08;
            if (recent && !app->drag_tilt)
                ly_camera_fling(c, app->drag_vx, app->drag_vy, app->drag_button == LY_BUTTON_LEFT,
                                app->width, app->height);
        }
        c->dragging = false;
        app->drag_button = 0;
        break;
    case LY_EV_WHEEL:
        if (e->dy != 0)
            zoom_at(app, e->x, e->y, pow(1.18, e->dy));
        break;
    case LY_EV_KEY_DOWN:
        if ((unsigned)e->key < LY_KEY_COUNT)
            app->key_down[e->key] = true;
        key_down(app, e);
        break;
    case LY_EV_KEY_UP:
        if ((unsigned)e->key < LY_KEY_COUNT)
            app->key_down[e->key] = false;
        break;
    case LY_EV_LEAVE:
        app->mouse_inside = false;
        set_hover(app, -1);
        break;
    case LY_EV_FINGER_DOWN:
    case LY_EV_FINGER_MOVE:
    case LY_EV_FINGER_UP: {
        ly_gesture gs[LY_MAX_GESTURES];
        int n = ly_gesture_feed(&app->gestures, e, app->time, gs);
        for (int i = 0; i < n; i++)
            gesture(app, &gs[i]);
        break;
    }
    default:
        break;
    }
}

bool ly_app_update(ly_app *app, double dt)
{
    app->time += dt;
    if (app->kiosk) {
        double before = app->idle_s;
        app->idle_s += dt + app->idle_lag;
        app->idle_lag = 0;
        if (before < app->reset_s && app->idle_s >= app->reset_s)
            kiosk_reset(app);
        ly_admin_update(app);
        if (!app->attract && !app->admin.open && app->idle_s >= app->attract_s)
            ly_app_start_attract(app);
        if (app->attract) {
            attract_step(app, dt);
            app->redraw = true;
        }
    }
    bool moving = keys_held(app, dt);
    ly_gesture gs[LY_MAX_GESTURES];
    int n = ly_gesture_tick(&app->gestures, app->time, gs);
    for (int i = 0; i < n; i++)
        gesture(app, &gs[i]);
    moving |= ly_camera_update(&app->cam, dt);
    if (app->color_t < 1) {
        app->color_t = (float)fmin(1.0, app->color_t + dt / 0.45);
        apply_colors(app);
        moving = true;
    }
    /* labels fade in and out over ~0.3 s after the camera stops */
    bool fading = false;
    for (size_t i = 0; i < app->scene.labels.n_shown && !fading; i++) {
        float a = app->scene.labels.alpha[app->scene.labels.order[i]];
        fading = a > 0.01f && a < 0.99f;
    }
    if (moving || fading)
        app->redraw = true;
    return moving || fading;
}

/* ---- overlay ------------------------------------------------------------------ */

static void draw_tooltip(ly_app *app, const ly_camera_matrices *m)
{
    if (app->hovered < 0 || app->hovered == app->selected)
        return;
    const ly_district *d = &app->scene.district;
    const ly_building *b = &d->buildings[app->hovered];
    float s = app->ui_scale, x, y;
    if (app->hover_from_mouse && app->mouse_inside) {
        x = app->mouse_x + 16 * s;
        y = app->mouse_y + 20 * s;
    } else {
        /* anchored on the roof (touch, or a headless shot) */
        const ly_mesh_building *mb = &app->scene.mesh.buildings[app->hovered];
        float a[3] = {0.5f * (mb->min[0] + mb->max[0]), 0.5f * (mb->min[1] + mb->max[1]),
                      mb->max[2]};
        const float *vp = m->view_proj;
        float cw = vp[3] * a[0] + vp[7] * a[1] + vp[11] * a[2] + vp[15];
        if (cw <= 0.1f)
            return;
        x = ((vp[0] * a[0] + vp[4] * a[1] + vp[8] * a[2] + vp[12]) / cw * 0.5f + 0.5f) *
                app->width + 14 * s;
        y = (0.5f - (vp[1] * a[0] + vp[5] * a[1] + vp[9] * a[2] + vp[13]) / cw * 0.5f) *
            app->height;
    }
    bool en = app->lang == LY_LANG_EN;
    const char *title = en && b->name_en ? b->name_en : b->name ? b->name
                                                                : b->name_en ? b->name_en : b->id;
    char line[160];
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        snprintf(line, sizeof line, "%s", ly_str(LY_S_UNDER_CONSTRUCTION, app->lang));
    else if (occ >= 0) {
        char grouped[40];
        ly_format_grouped(vacant, grouped, sizeof grouped);
        snprintf(line, sizeof line, "%s %.0f%%  ·  %s %s m²", ly_str(LY_S_OCCUPANCY, app->lang),
                 occ * 100, ly_str(LY_S_VACANT, app->lang), grouped);
    }
    else
        snprintf(line, sizeof line, "%s", ly_str(LY_S_NO_OCCUPANCY_DATA, app->lang));
    ly_app_draw_tip(app, x, y, title, line, occ < 0);
}

void ly_app_draw_tip(ly_app *app, float x, float y, const char *title, const char *line,
                     bool muted)
{
    float s = app->ui_scale;
    float px1 = 15 * s, px2 = 12.5f * s, pad = 10 * s;
    float w = fmaxf(ly_font_measure(app->font, title, px1), ly_font_measure(app->font, line, px2)) +
              2 * pad;
    float h = px1 + px2 + 2.6f * pad;
    /* keep it on screen */
    if (x + w > app->width - 8 * s)
        x = app->width - 8 * s - w;
    if (y + h > app->height - 8 * s)
        y = app->height - 8 * s - h;
    x = fmaxf(x, 8 * s);
    y = fmaxf(y, 8 * s);
    ly_drawlist *dl = &app->ui;
    ly_draw_shadow(dl, x, y + 2 * s, w, h, 8 * s, 8 * s, ly_rgba(20, 30, 50, 70));
    ly_draw_round_rect(dl, x, y, w, h, 8 * s, ly_rgba(32, 38, 50, 238));
    ly_draw_text(dl, floorf(x + pad), floorf(y + pad + px1 * 0.95f), px1,
                 ly_rgba(255, 255, 255, 255), title);
    ly_color c2 = muted ? ly_rgba(170, 178, 190, 255) : ly_rgba(250, 196, 120, 255);
    ly_draw_text(dl, floorf(x + pad), floorf(y + pad + px1 + 0.6f * pad + px2 * 0.95f), px2, c2,
                 line);
}

static void draw_compass(ly_app *app)
{
    float cx, cy, r, s = app->ui_scale;
    compass_centre(app, &cx, &cy, &r);
    ly_drawlist *dl = &app->ui;
    ly_draw_shadow(dl, cx - r, cy - r + 1.5f * s, 2 * r, 2 * r, r, 5 * s, ly_rgba(20, 30, 50, 60));
    ly_draw_circle(dl, cx, cy, r, ly_rgba(255, 255, 255, 240));
    ly_draw_ring(dl, cx, cy, r, 1.2f * s, ly_rgba(200, 205, 214, 255));
    /* the needle points to north on screen: world north turned by the heading */
    double h = app->cam.pose.heading;
    float nx = (float)-sin(h), ny = (float)-cos(h); /* screen direction of north */
    float px = -ny, py = nx;
    float len = r * 0.62f, wid = r * 0.2f;
    ly_draw_triangle(dl, cx + nx * len, cy + ny * len, cx + px * wid, cy + py * wid,
                     cx - px * wid, cy - py * wid, ly_rgba(222, 72, 52, 255));
    ly_draw_triangle(dl, cx - nx * len, cy - ny * len, cx - px * wid, cy - py * wid,
                     cx + px * wid, cy + py * wid, ly_rgba(150, 158, 172, 255));
    const char *n = ly_str(LY_S_NORTH, app->lang);
    float px_n = 10 * s;
    float tw = ly_font_measure(app->font, n, px_n);
    float tx = cx + nx * (r + 9 * s) - tw / 2, ty = cy + ny * (r + 9 * s) + px_n * 0.38f;
    ly_draw_text(dl, floorf(tx), floorf(ty), px_n, ly_rgba(60, 66, 80, 255), n);
}

/* Where the ray through a pixel meets the ground, or false. */
static bool ground_at(const ly_camera_matrices *m, int w, int h, float x, float y, double out[2])
{
    float o[3], d[3];
    if (!ly_screen_ray(m->view_proj, w, h, x, y, o, d) || d[2] >= -1e-6f)
        return false;
    double t = -o[2] / d[2];
    out[0] = o[0] + t * d[0];
    out[1] = o[1] + t * d[1];
    return true;
}

static void draw_scale_bar(ly_app *app, const ly_camera_matrices *m)
{
    float s = app->ui_scale;
    float y = (float)app->height - 24 * s, x = 20 * s;
    double a[2], b[2];
    float cx = app->width / 2.0f, cy = app->height / 2.0f;
    if (!ground_at(m, app->width, app->height, cx - 50 * s, cy, a) ||
        !ground_at(m, app->width, app->height, cx + 50 * s, cy, b))
        return;
    double m_per_px = hypot(b[0] - a[0], b[1] - a[1]) / (100 * s);
    static const double nice[] = {5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    double len = nice[0];
    for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
        if (nice[i] / m_per_px <= 110 * s)
            len = nice[i];
    float px = (float)(len / m_per_px);
    char text[32];
    if (len >= 1000)
        snprintf(text, sizeof text, "%g km", len / 1000);
    else
        snprintf(text, sizeof text, "%g m", len);
    ly_drawlist *dl = &app->ui;
    float tw = ly_font_measure(app->font, text, 11 * s);
    ly_draw_round_rect(dl, x - 8 * s, y - 20 * s, px + tw + 26 * s, 28 * s, 6 * s,
                       ly_rgba(255, 255, 255, 210));
    ly_color ink = ly_rgba(60, 66, 80, 255);
    ly_draw_rect(dl, x, y - 2 * s, px, 2 * s, ink);
    ly_draw_rect(dl, x, y - 8 * s, 1.5f * s, 8 * s, ink);
    ly_draw_rect(dl, x + px - 1.5f * s, y - 8 * s, 1.5f * s, 8 * s, ink);
    ly_draw_text(dl, floorf(x + px + 8 * s), floorf(y), 11 * s, ink, text);
}

/* The title panel's text and box. */
static void title_text(const ly_app *app, const char **name, char *sub, size_t n)
{
    const ly_district_meta *mt = &app->scene.district.meta;
    bool en = app->lang == LY_LANG_EN;
    *name = en && mt->name_en ? mt->name_en : mt->name;
    char count[32];
    ly_format_grouped((double)app->scene.district.n_buildings, count, sizeof count);
    if (*name) {
        snprintf(sub, n, "%s%s%s %s%s%s", mt->data_date ? mt->data_date : "",
                 mt->data_date ? "  ·  " : "", count,
                 ly_str(LY_S_BUILDINGS, app->lang), mt->n_illustrative ? "  ·  " : "",
                 mt->n_illustrative ? ly_str(LY_S_ILLUSTRATIVE_DATA, app->lang) : "");
    } else {
        /* plain GeoJSON: the file name */
        const char *src = app->scene.district.source ? app->scene.district.source : "";
        const char *slash = strrchr(src, '/');
        *name = slash ? slash + 1 : src;
        snprintf(sub, n, "%s %s", count, ly_str(LY_S_BUILDINGS, app->lang));
    }
}

static void title_box(ly_app *app, float box[4])
{
    const char *name;
    char sub[160];
    title_text(app, &name, sub, sizeof sub);
    float s = app->ui_scale, pad = 12 * s;
    float w = fmaxf(ly_font_measure(app->font, name, 18 * s),
                    ly_font_measure(app->font, sub, 11.5f * s)) +
              2 * pad;
    box[0] = 20 * s;
    box[1] = 20 * s;
    box[2] = box[0] + w;
    box[3] = box[1] + 18 * s + 11.5f * s + 2.4f * pad;
}

static void draw_title(ly_app *app)
{
    const char *name;
    char sub[160];
    title_text(app, &name, sub, sizeof sub);
    float b[4];
    title_box(app, b);
    float s = app->ui_scale, px1 = 18 * s, px2 = 11.5f * s, pad = 12 * s;
    float x = b[0], y = b[1], w = b[2] - b[0], h = b[3] - b[1];
    ly_drawlist *dl = &app->ui;
    ly_draw_shadow(dl, x, y + 2 * s, w, h, 10 * s, 8 * s, ly_rgba(20, 30, 50, 50));
    ly_draw_round_rect(dl, x, y, w, h, 10 * s, ly_rgba(255, 255, 255, 236));
    ly_draw_text(dl, floorf(x + pad), floorf(y + pad + px1 * 0.92f), px1, ly_rgba(30, 36, 48, 255),
                 name);
    ly_draw_text(dl, floorf(x + pad), floorf(y + pad + px1 + 0.5f * pad + px2 * 0.92f), px2,
                 ly_rgba(100, 108, 122, 255), sub);
}

static const char *use_name(ly_floor_use u, ly_lang lang)
{
    return ly_str((ly_string_id)(LY_S_USE_OFFICE + ((unsigned)u < LY_USE_COUNT ? u : LY_USE_OTHER)),
                  lang);
}

/* A legend panel at the left whose bottom edge is `bottom`: a title and
 * rows of a colour swatch and a label. Returns the panel's top. */
static float draw_swatches(ly_app *app, float bottom, const char *title, int rows,
                           const uint8_t (*rgb)[3], const char *const *labels)
{
    float s = app->ui_scale, px = 12 * s, pad = 10 * s, row = 20 * s;
    float w = ly_font_measure(app->font, title, 13 * s);
    for (int i = 0; i < rows; i++)
        w = fmaxf(w, 22 * s + ly_font_measure(app->font, labels[i], px));
    w += 2 * pad;
    float h = 2 * pad + 18 * s + (float)rows * row;
    float x = 20 * s, y = bottom - h;
    ly_drawlist *dl = &app->ui;
    ly_draw_shadow(dl, x, y + 2 * s, w, h, 10 * s, 8 * s, ly_rgba(20, 30, 50, 50));
    ly_draw_round_rect(dl, x, y, w, h, 10 * s, ly_rgba(255, 255, 255, 240));
    ly_draw_text(dl, floorf(x + pad), floorf(y + pad + 12 * s), 13 * s, ly_rgba(30, 36, 48, 255),
                 title);
    for (int i = 0; i < rows; i++) {
        float ry = y + pad + 18 * s + (float)i * row;
        ly_draw_round_rect(dl, x + pad, ry + 4 * s, 14 * s, 12 * s, 3 * s,
                           ly_rgba(rgb[i][0], rgb[i][1], rgb[i][2], 255));
        ly_draw_text(dl, floorf(x + pad + 22 * s), floorf(ry + 14.5f * s), px,
                     ly_rgba(60, 66, 80, 255), labels[i]);
    }
    return y;
}

/* The colour-by legend, bottom left (above the scale bar); returns where the
 * next legend's bottom goes. */
static float draw_color_legend(ly_app *app)
{
    float s = app->ui_scale, bottom = app->height - 62 * s;
    const ly_colorby *cb = &app->colorby;
    if (app->color_mode == LY_COLOR_NONE)
        return bottom;
    char text[LY_COLORBY_MAX_CLASSES + 1][120];
    const char *labels[LY_COLORBY_MAX_CLASSES + 1];
    uint8_t rgb[LY_COLORBY_MAX_CLASSES + 1][3];
    int rows = cb->n_classes + (cb->no_data.count ? 1 : 0);
    for (int i = 0; i < rows; i++) {
        const ly_colorby_class *c = i < cb->n_classes ? &cb->classes[i] : &cb->no_data;
        snprintf(text[i], sizeof text[i], "%s  (%zu)", c->label, c->count);
        labels[i] = text[i];
        memcpy(rgb[i], c->rgb, 3);
    }
    return draw_swatches(app, bottom, ly_color_mode_title(app->color_mode, app->lang), rows,
                         (const uint8_t(*)[3])rgb, labels) -
           10 * s;
}

/* The legend of the stacking plan, above the colour legend. */
static void draw_legend(ly_app *app, float bottom)
{
    static const ly_string_id names[LY_FLOOR_STATES] = {LY_S_LEASED, LY_S_PARTLY_VACANT,
                                                       LY_S_VACANT_FLOOR, LY_S_NO_DATA};
    const char *labels[LY_FLOOR_STATES];
    uint8_t rgb[LY_FLOOR_STATES][3];
    for (int i = 0; i < LY_FLOOR_STATES; i++) {
        labels[i] = ly_str(names[i], app->lang);
        memcpy(rgb[i], ly_floor_state_color((ly_floor_state)i), 3);
    }
    draw_swatches(app, bottom, ly_str(LY_S_STACKING_PLAN, app->lang), LY_FLOOR_STATES,
                  (const uint8_t(*)[3])rgb, labels);
}

/* The card of the selected floor: use, area, vacancy and who is there. */
static void draw_floor_card(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    if (app->selected < 0 || !app->floor_selected)
        return;
    const ly_building *b = &d->buildings[app->selected];
    int fl = app->floor_selected;
    const ly_floor_record *rec;
    ly_floor_state st = ly_floor_state_of(d, b, fl, &rec);
    bool en = app->lang == LY_LANG_EN;
    float s = app->ui_scale, pad = 14 * s, px = 13 * s;
    /* to the left of the building card; where that leaves no room (a portrait
     * kiosk), in the left column under the search panel */
    float w = 300 * s, x = app->width - 20 * s - 340 * s - 14 * s - w, y = 84 * s;
    if (x < 270 * s) {
        x = 20 * s;
        y = 420 * s;
        const ly_ui *ui = &app->ui_ctx;
        ly_ui_id search = ly_ui_get_id(ui, "search");
        int last = !ui->cur;
        for (int i = 0; i < ui->n_panels[last] && i < LY_UI_MAX_PANELS; i++)
            if (ui->panel_ids[last][i] == search)
                y = ui->panels[last][i].y + ui->panels[last][i].h + 12 * s;
        /* as wide as the column beside the building card allows */
        w = fminf(w, app->width - 20 * s - 340 * s - 12 * s - x);
    }
    char title[160], line1[200], line2[200];
    const char *bname = en && b->name_en ? b->name_en : b->name ? b->name : b->id;
    if (en)
        snprintf(title, sizeof title, "%s %d", ly_str(LY_S_FLOOR, app->lang), fl);
    else
        snprintf(title, sizeof title, "%d%s", fl, ly_str(LY_S_FLOOR, app->lang));
    static const ly_string_id names[LY_FLOOR_STATES] = {LY_S_LEASED, LY_S_PARTLY_VACANT,
                                                       LY_S_VACANT_FLOOR, LY_S_NO_DATA};
    if (rec) {
        char a[32], v[32];
        ly_format_grouped(rec->area_m2, a, sizeof a);
        ly_format_grouped(rec->vacant_m2, v, sizeof v);
        snprintf(line1, sizeof line1, "%s  ·  %s %s m²", use_name(rec->use, app->lang),
                 ly_str(LY_S_AREA, app->lang), a);
        snprintf(line2, sizeof line2, "%s  ·  %s %s m²", ly_str(names[st], app->lang),
                 ly_str(LY_S_VACANT, app->lang), v);
    } else {
        snprintf(line1, sizeof line1, "%s", ly_str(LY_S_NO_OCCUPANCY_DATA, app->lang));
        line2[0] = '\0';
    }
    /* the enterprises on this floor */
    const char *ents[6];
    int n_ents = 0, total = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        for (uint32_t k = 0; k < e->n_floors; k++) {
            if (d->enterprise_floors[e->first_floor + k] != fl)
                continue;
            if (n_ents < 6)
                ents[n_ents++] = en && e->name_en ? e->name_en : e->name;
            total++;
            break;
        }
    }
    float h = 2 * pad + 18 * s + 2 * 20 * s + 24 * s + (n_ents ? n_ents : 1) * 19 * s +
              (total > n_ents ? 19 * s : 0);
    ly_drawlist *dl = &app->ui;
    app->floor_card[0] = x;
    app->floor_card[1] = y;
    app->floor_card[2] = x + w;
    app->floor_card[3] = y + h;
    ly_draw_shadow(dl, x, y + 2 * s, w, h, 12 * s, 10 * s, ly_rgba(20, 30, 50, 60));
    ly_draw_round_rect(dl, x, y, w, h, 12 * s, ly_rgba(255, 255, 255, 244));
    /* long names stop at the card's edge */
    ly_draw_set_clip(dl, (ly_draw_clip){(int)x, (int)y, (int)(w - pad * 0.5f), (int)h});
    const uint8_t *c = ly_floor_state_color(st);
    ly_draw_round_rect(dl, x, y, 6 * s, h, 3 * s, ly_rgba(c[0], c[1], c[2], 255));
    float ty = y + pad + 14 * s;
    float tw = ly_draw_text(dl, floorf(x + pad), floorf(ty), 17 * s, ly_rgba(30, 36, 48, 255), title);
    char cut[256];
    ly_draw_text(dl, floorf(x + pad + tw + 8 * s), floorf(ty), 12 * s, ly_rgba(100, 108, 122, 255),
                 ly_ui_fit(app->font, bname, 12 * s, w - 2 * pad - tw - 8 * s, cut, sizeof cut));
    ty += 24 * s;
    ly_draw_text(dl, floorf(x + pad), floorf(ty), px, ly_rgba(60, 66, 80, 255), line1);
    ty += 20 * s;
    if (line2[0])
        ly_draw_text(dl, floorf(x + pad), floorf(ty), px, ly_rgba(c[0] / 2, c[1] / 2, c[2] / 2, 255),
                     line2);
    ty += 26 * s;
    ly_draw_text(dl, floorf(x + pad), floorf(ty), 12 * s, ly_rgba(100, 108, 122, 255),
                 ly_str(LY_S_ENTERPRISES, app->lang));
    ty += 4 * s;
    if (!n_ents) {
        ty += 19 * s;
        ly_draw_text(dl, floorf(x + pad), floorf(ty), px, ly_rgba(140, 146, 158, 255),
                     ly_str(LY_S_NO_ENTERPRISES, app->lang));
    }
    for (int i = 0; i < n_ents; i++) {
        ty += 19 * s;
        ly_draw_circle(dl, x + pad + 3 * s, ty - 4.5f * s, 2.2f * s, ly_rgba(236, 125, 46, 255));
        ly_draw_text(dl, floorf(x + pad + 11 * s), floorf(ty), px, ly_rgba(40, 46, 58, 255),
                     ly_ui_fit(app->font, ents[i], px, w - 2 * pad - 11 * s, cut, sizeof cut));
    }
    if (total > n_ents) {
        char more[64];
        snprintf(more, sizeof more, ly_str(LY_S_AND_MORE, app->lang), total - n_ents);
        ty += 19 * s;
        ly_draw_text(dl, floorf(x + pad + 11 * s), floorf(ty), px, ly_rgba(120, 126, 138, 255),
                     more);
    }
    ly_draw_set_clip(dl, (ly_draw_clip){0});
}

/* The attract tour's banner: the building shown, its space, and the invitation. */
static void draw_attract(ly_app *app)
{
    float s = app->ui_scale, w = fminf(760 * s, app->width - 40 * s), h = 112 * s;
    float x = 0.5f * (app->width - w), y = app->height - h - 28 * s;
    ly_drawlist *dl = &app->ui;
    ly_draw_shadow(dl, x, y + 3 * s, w, h, 18 * s, 14 * s, ly_rgba(20, 30, 50, 80));
    ly_draw_round_rect(dl, x, y, w, h, 18 * s, ly_rgba(32, 38, 50, 236));
    if (app->selected >= 0) {
        const ly_building *b = &app->scene.district.buildings[app->selected];
        char line[200], v[32];
        double area, vacant;
        bool space = ly_building_occupancy(&app->scene.district, b, &area, &vacant) >= 0 &&
                     vacant > 0;
        ly_format_grouped(vacant, v, sizeof v);
        snprintf(line, sizeof line, "%s%s%s", b->name ? b->name : b->id, b->name_en ? "  " : "",
                 b->name_en ? b->name_en : "");
        char cut[256];
        ly_draw_text(dl, floorf(x + 28 * s), floorf(y + 40 * s), 24 * s,
                     ly_rgba(255, 255, 255, 255),
                     ly_ui_fit(app->font, line, 24 * s, w - 56 * s, cut, sizeof cut));
        if (space)
            snprintf(line, sizeof line, "空置 %s m²  ·  %s m² vacant", v, v);
        else if (b->floors > 0)
            snprintf(line, sizeof line, "高 %.0f 米，%d 层  ·  %.0f m, %d floors", b->height_m,
                     b->floors, b->height_m, b->floors);
        else
            snprintf(line, sizeof line, "高 %.0f 米  ·  %.0f m tall", b->height_m, b->height_m);
        ly_draw_text(dl, floorf(x + 28 * s), floorf(y + 70 * s), 16 * s,
                     ly_rgba(250, 196, 120, 255), line);
    }
    /* a gently pulsing invitation */
    float pulse = 0.75f + 0.25f * sinf((float)app->time * 3.0f);
    const char *invite = "触摸屏幕开始  ·  Touch to explore";
    float iw = ly_font_measure(app->font, invite, 16 * s);
    ly_draw_text(dl, floorf(x + w - iw - 28 * s), floorf(y + h - 22 * s), 16 * s,
                 ly_color_alpha(ly_rgba(255, 255, 255, 255), pulse), invite);
}

static void build_overlay(ly_app *app, const ly_camera_matrices *m, double dt)
{
    ly_draw_clear(&app->ui);
    if (app->scene.loaded) {
        /* labels keep off the panels drawn over them */
        float s = app->ui_scale, cx, cy, r;
        compass_centre(app, &cx, &cy, &r);
        float reserved[12 + LY_UI_MAX_PANELS][4] = {
            {0, 0, 0, 0},
            {cx - r - 6 * s - 2 * 0.72f * r - 12 * s, cy - r - 22 * s, cx + r + 6 * s,
             cy + r + 6 * s},
            {0, (float)app->height - 52 * s, 260 * s, (float)app->height},
        };
        size_t n_reserved = 3;
        title_box(app, reserved[0]);
        /* every panel the UI drew last frame, where it really was (the card, the
         * finder, the dashboard, search and its results, the keyboard ...) */
        const ly_ui *ui = &app->ui_ctx;
        int last = !ui->cur;
        for (int i = 0; i < ui->n_panels[last] && i < LY_UI_MAX_PANELS; i++) {
            ly_ui_rect p = ui->panels[last][i];
            float pr[4] = {p.x - 4 * s, p.y - 4 * s, p.x + p.w + 4 * s, p.y + p.h + 4 * s};
            memcpy(reserved[n_reserved++], pr, sizeof pr);
        }
        /* before the UI's first frame (a shot's first picture): where they open */
        if (!ui->n_panels[last]) {
            reserved[0][3] += 52 * s; /* the language switch under the title */
            reserved[0][2] = fmaxf(reserved[0][2], 270 * s);
            reserved[0][3] = fmaxf(reserved[0][3], (app->query[0] ? 520.0f : 300.0f) * s);
            if (app->selected >= 0) {
                float card[4] = {(float)app->width - 370 * s, 74 * s, (float)app->width,
                                 (float)app->height};
                memcpy(reserved[n_reserved++], card, sizeof card);
            }
        }
        if (app->color_mode != LY_COLOR_NONE && !(app->stacking && app->selected >= 0)) {
            float legend[4] = {0, (float)app->height - 280 * s, 260 * s, (float)app->height};
            memcpy(reserved[n_reserved++], legend, sizeof legend);
        }
        if (app->stacking && app->selected >= 0) {
            /* the legend (bottom right) and the floor card (right) */
            float w = (float)app->width;
            float legend[4] = {0, (float)app->height - 420 * s, 240 * s, (float)app->height};
            memcpy(reserved[n_reserved++], legend, sizeof legend);
            if (app->floor_selected) {
                float card[4] = {w - 690 * s, 80 * s, w - 350 * s, 400 * s};
                if (app->floor_card[2] > app->floor_card[0]) /* where it was last drawn */
                    memcpy(card, app->floor_card, sizeof card);
                memcpy(reserved[n_reserved++], card, sizeof card);
            }
        }
        if (app->attract) { /* the tour's banner (draw_attract's geometry) */
            float bw = fminf(760 * s, app->width - 40 * s), bh = 112 * s;
            float bx = 0.5f * (app->width - bw), by = app->height - bh - 28 * s;
            float banner[4] = {bx, by, bx + bw, (float)app->height};
            memcpy(reserved[n_reserved++], banner, sizeof banner);
        }
        ly_labels_update(&app->scene.labels, &app->scene.district, &app->scene.bvh, m,
                         &(ly_label_options){.width = app->width,
                                             .height = app->height,
                                             .scale = app->ui_scale,
                                             .english_first = app->lang == LY_LANG_EN,
                                             .selected = app->selected,
                                             .hovered = app->hovered,
                                             .dt = dt,
                                             .reserved = (const float(*)[4])reserved,
                                             .n_reserved = n_reserved},
                         &app->ui);
        draw_title(app);
        draw_scale_bar(app, m);
    } else if (app->kiosk && app->font) {
        /* a kiosk whose data could not be loaded waits for a good file,
         * calmly, instead of showing an error to the public */
        const char *zh = ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_ZH);
        const char *en = ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_EN);
        float s = app->ui_scale, big = 26 * s, small = 16 * s;
        float w = fmaxf(ly_font_measure(app->font, zh, big), ly_font_measure(app->font, en, small)) +
                  64 * s;
        float h = 104 * s, x = 0.5f * (app->width - w), y = 0.5f * (app->height - h);
        ly_draw_shadow(&app->ui, x, y, w, h, 18 * s, 24 * s, ly_rgba(0, 0, 0, 60));
        ly_draw_round_rect(&app->ui, x, y, w, h, 18 * s, ly_rgba(255, 255, 255, 245));
        ly_draw_text(&app->ui, floorf(x + 0.5f * (w - ly_font_measure(app->font, zh, big))),
                     floorf(y + 48 * s), big, ly_rgba(40, 46, 60, 255), zh);
        ly_draw_text(&app->ui, floorf(x + 0.5f * (w - ly_font_measure(app->font, en, small))),
                     floorf(y + 80 * s), small, ly_rgba(100, 108, 122, 255), en);
    }
    if (app->scene.loaded)
        draw_compass(app);
    if (app->scene.loaded && !app->kiosk) {
        float cx, cy, r, s = app->ui_scale;
        help_centre(app, &cx, &cy, &r);
        ly_drawlist *dl = &app->ui;
        ly_draw_shadow(dl, cx - r, cy - r + 1.5f * s, 2 * r, 2 * r, r, 5 * s,
                       ly_rgba(20, 30, 50, 60));
        ly_draw_circle(dl, cx, cy, r, app->help ? ly_rgba(236, 125, 46, 255)
                                                : ly_rgba(255, 255, 255, 240));
        float px = 15 * s, tw = ly_font_measure(app->font, "?", px);
        ly_draw_text(dl, floorf(cx - 0.5f * tw), floorf(cy + 0.36f * px), px,
                     app->help ? ly_rgba(255, 255, 255, 255) : ly_rgba(60, 66, 80, 255), "?");
    }
    if (app->reload_status[0] && app->time - app->reload_status_t < 8.0) {
        char toast[1400];
        snprintf(toast, sizeof toast,
                 ly_str(app->reload_ok           ? LY_S_RELOADED
                        : app->reload_count == 1 ? LY_S_RELOAD_FAILED_1
                                                 : LY_S_RELOAD_FAILED,
                        app->lang),
                 app->reload_name, app->reload_count);
        float s = app->ui_scale, px = 11.5f * s;
        float w = ly_font_measure(app->font, toast, px) + 20 * s;
        float x = fmaxf(app->width - 20 * s - w, 8 * s), y = app->height - 44 * s;
        ly_draw_round_rect(&app->ui, x, y, w, 24 * s, 6 * s,
                           app->reload_ok ? ly_rgba(32, 38, 50, 220) : ly_rgba(170, 40, 30, 230));
        ly_draw_text(&app->ui, floorf(x + 10 * s), floorf(y + 16 * s), px,
                     ly_rgba(255, 255, 255, 255), toast);
    }
    float legend_top = app->scene.loaded ? draw_color_legend(app) : 0;
    if (app->stacking && app->selected >= 0) {
        draw_legend(app, legend_top);
        draw_floor_card(app);
    }
    ly_ui_begin_frame(&app->ui_ctx, app->width, app->height, app->ui_scale, dt);
    app->tip = false;
    ly_app_dashboard(app);
    ly_app_panels(app);
    ly_admin_panels(app);
    ly_ui_end_frame(&app->ui_ctx);
    if (app->find_dirty)
        ly_app_run_finder(app); /* a finder control changed this frame */
    if (!app->admin.open && app->tip)
        ly_app_draw_tip(app, app->tip_x, app->tip_y, app->tip_title, app->tip_line, false);
    else if (!app->admin.open)
        draw_tooltip(app, m);
    if (app->attract)
        draw_attract(app);
    ly_admin_overlay(app);
}

void ly_app_render(ly_app *app)
{
    if (!app->renderer)
        return;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->cam, app->width, app->height, &m);
    if (app->stack_dirty) {
        ly_stacking_deinit(&app->stack);
        if (app->stacking && app->selected >= 0)
            ly_stacking_build(&app->stack, &app->scene.district, &app->scene.geo, app->selected,
                              app->explode,
                              app->floor_selected ? app->floor_selected : app->floor_hover,
                              app->floor_selected ? app->floor_last : app->floor_hover);
        ly_renderer_set_stacking(app->renderer, &app->stack);
        app->stack_dirty = false;
    }
    if (app->styles_dirty && app->styles) {
        ly_renderer_set_building_styles(app->renderer, app->styles, app->scene.district.n_buildings);
        app->styles_dirty = false;
    }
    double dt = app->time - app->last_label_t;
    app->last_label_t = app->time;
    /* If new glyphs make the atlas grow or reset while the list is built, the
     * quads made before it point at old places: build the list again (every
     * glyph is cached by then). */
    const ly_font_atlas *atlas = ly_font_get_atlas(app->font);
    for (int attempt = 0; attempt < 3; attempt++) {
        unsigned generation = atlas->generation;
        build_overlay(app, &m, attempt ? 0 : dt);
        if (atlas->generation == generation)
            break;
    }

    ly_render_frame f = {.width = app->width, .height = app->height};
    memcpy(f.view_proj, m.view_proj, sizeof f.view_proj);
    mat4 inv;
    glm_mat4_inv((vec4 *)m.view_proj, inv);
    memcpy(f.inv_view_proj, inv, sizeof f.inv_view_proj);
    memcpy(f.eye, m.eye, sizeof f.eye);
    memcpy(f.sun, SUN, sizeof f.sun);
    /* fog: clear over the district, softening the land plane's far edge */
    float ext = fmaxf(app->scene.mesh.max[0] - app->scene.mesh.min[0],
                      app->scene.mesh.max[1] - app->scene.mesh.min[1]);
    f.fog_distance = fmaxf(2500.0f, 2.2f * ext) + 1.5f * m.eye[2];
    f.draw_sites = app->scene.has_sites;
    ly_renderer_draw(app->renderer, &f, &app->ui, ly_font_get_atlas(app->font));
    ly_font_atlas_clean(app->font);
    app->redraw = false;
}
