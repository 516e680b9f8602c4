/* The commands that change what is shown: the district, the selection, the
 * card and the stacking plan, colour-by, the language, the panels, the
 * finder and search; and the dispatch of the views' messages. */
#include "commands.h"
#include "louyu/cache.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/palette.h"
#include "louyu/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The walls' colour when no colour-by mode is on. */
#define WALL ly_palette_wall

/* ---- derived data: the buildings' styles --------------------------------------------- */

static void build_styles(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_derived *dv = &app->dv;
    free(dv->styles);
    dv->styles = calloc(d->n_buildings ? d->n_buildings : 1, sizeof *dv->styles);
    if (!dv->styles)
        return;
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        ly_building_style *st = &dv->styles[i];
        memcpy(&st->r, WALL, sizeof WALL);
        st->a = 1;
        const float *fh = d->floor_heights + b->first_floor_height;
        st->ground_storey_m = b->floors ? fh[0] : 0;
        st->storey_m = b->floors > 1 ? (float)((b->height_m - fh[0]) / (b->floors - 1))
                                     : (float)b->height_m;
        st->top_m = (float)b->height_m;
    }
    dv->styles_dirty = true;
}

/* The colour building i has in the current colour-by mode. */
static void target_color(const ly_app *app, size_t i, float rgb[3])
{
    const ly_colorby *cb = &app->dv.colorby;
    if (app->st.color_mode == LY_COLOR_NONE || i >= cb->n) {
        memcpy(rgb, WALL, sizeof WALL);
        return;
    }
    const uint8_t *c = cb->class_of[i] >= 0 ? cb->classes[cb->class_of[i]].rgb : cb->no_data.rgb;
    for (int k = 0; k < 3; k++)
        rgb[k] = c[k] / 255.0f;
}

/* Style colours at the transition's point (smoothstep between old and new). */
static void apply_colors(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_derived *dv = &app->dv;
    if (!dv->styles)
        return;
    float t = app->st.color_t < 0 ? 0 : app->st.color_t > 1 ? 1 : app->st.color_t;
    t = t * t * (3 - 2 * t);
    for (size_t i = 0; i < d->n_buildings; i++) {
        float to[3], *rgb = &dv->styles[i].r;
        target_color(app, i, to);
        for (int k = 0; k < 3; k++)
            rgb[k] = dv->color_from ? dv->color_from[3 * i + k] +
                                          t * (to[k] - dv->color_from[3 * i + k])
                                    : to[k];
    }
    dv->styles_dirty = true;
}

/* Selection, hover and dimming go into the style flags. */
static void update_flags(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    const ly_state *st = &app->st;
    if (!app->dv.styles)
        return;
    for (size_t i = 0; i < d->n_buildings; i++) {
        int f = 0;
        if (d->buildings[i].status == LY_STATUS_UNDER_CONSTRUCTION)
            f |= LY_BSTATE_SITE;
        if ((long)i == st->selected && st->plan.on)
            f |= LY_BSTATE_HIDDEN; /* its slabs stand in for it */
        if ((long)i == st->selected)
            f |= LY_BSTATE_SELECTED;
        else if ((long)i == st->hovered)
            f |= LY_BSTATE_HOVERED;
        else if (st->selected >= 0)
            f |= LY_BSTATE_DIMMED;
        app->dv.styles[i].flags = (float)f;
    }
    app->dv.styles_dirty = true;
}

/* The finder's matches glow: each matching floor (between them, leased floors do not). */
static void glow(ly_app *app, const ly_query_match *q)
{
    const ly_district *d = &app->scene.district;
    const ly_query_result *r = &app->dv.found;
    const ly_building *b = &d->buildings[q->building];
    int lo = 1 << 30, hi = 0;
    for (uint32_t k = 0; k < q->n_spaces; k++) {
        const ly_query_space *sp = &r->spaces[q->first_space + k];
        lo = sp->first < lo ? sp->first : lo;
        hi = sp->last > hi ? sp->last : hi;
    }
    if (!hi)
        return;
    uint64_t bits = 0;
    for (uint32_t k = 0; k < q->n_spaces; k++) {
        const ly_query_space *sp = &r->spaces[q->first_space + k];
        for (int f = sp->first; f <= sp->last; f++)
            bits |= 1ull << (f - lo < 47 ? f - lo : 47);
    }
    ly_building_style *st = &app->dv.styles[q->building];
    st->glow_lo_m = (float)ly_building_floor_base(d, b, lo);
    st->glow_hi_m = (float)ly_building_floor_base(d, b, hi + 1);
    st->glow_bits_lo = (float)(bits & 0xFFFFFF);
    st->glow_bits_hi = (float)(bits >> 24 & 0xFFFFFF);
}

/* Runs the finder again with the state's criteria and lights the matching floors. */
static void run_finder(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_derived *dv = &app->dv;
    ly_query_result_deinit(&dv->found);
    for (size_t i = 0; dv->styles && i < d->n_buildings; i++)
        dv->styles[i].glow_lo_m = dv->styles[i].glow_hi_m = dv->styles[i].glow_bits_lo =
            dv->styles[i].glow_bits_hi = 0;
    /* the near rule walks on the graph the Nearby tab uses: made once per district */
    ly_query_desc q = app->st.find;
    if (app->st.finder && app->scene.loaded && q.near_poi && !dv->walk)
        dv->walk = ly_walk_create(d, &app->scene.geo);
    q.walk = dv->walk;
    if (app->st.finder && app->scene.loaded &&
        ly_query_run(d, &app->scene.geo, &q, &dv->found) == 0)
        for (size_t m = 0; dv->styles && m < dv->found.n_matches; m++)
            glow(app, &dv->found.matches[m]);
    dv->styles_dirty = true;
    app->st.redraw = true;
}

/* The index is made again for a new district or language, but not before the frame that
 * first needs it (a city's million names take a fifth of a second: not before its first
 * frame). */
static void rebuild_search(ly_app *app)
{
    ly_search_deinit(&app->dv.search);
    app->dv.search_stale = app->scene.loaded;
    app->dv.hits_stale = true;
}

void ly_cmd_index_search(ly_app *app, bool now)
{
    ly_derived *dv = &app->dv;
    if (dv->search_stale && (now || app->st.query[0])) {
        dv->search_stale = false;
        if (ly_search_init(&dv->search, &app->scene.district, app->st.lang))
            LY_WARN("APP", "no search index (out of memory)");
    }
    if (!dv->hits_stale && !strcmp(dv->hits_query, app->st.query))
        return;
    dv->n_hits = dv->search_stale ? 0
                                  : ly_search_run(&dv->search, app->st.query, dv->hits,
                                                  LY_SEARCH_LISTED);
    snprintf(dv->hits_query, sizeof dv->hits_query, "%s", app->st.query);
    dv->hits_stale = dv->search_stale; /* (no index yet: run when there is one) */
}

/* ---- the district ------------------------------------------------------------------ */

/* ---- the week ----------------------------------------------------------------------- */

/* The district's vacant m² week by week, for the slider and the dashboard. */
static void district_trend(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_derived *dv = &app->dv;
    free(dv->week_vacant);
    dv->week_vacant = d->n_weeks ? calloc(d->n_weeks, sizeof *dv->week_vacant) : NULL;
    dv->recorded_m2 = 0; /* (the area to let, as the stats take it: no plant floors) */
    for (size_t r = 0; r < d->n_records; r++)
        if (!ly_floor_is_service(&d->records[r]))
            dv->recorded_m2 += d->records[r].area_m2;
    for (size_t w = 0; dv->week_vacant && w < d->n_weeks; w++)
        for (size_t r = 0; r < d->n_records; r++)
            dv->week_vacant[w] += d->week_vacant[w * d->n_records + r];
}

/* The finder's chips for a new district: its five biggest industries, its rents' steps,
 * and the kinds of place it has (no "Near metro" where there is no station). */
static void finder_chips(ly_app *app)
{
    const ly_district *d = &app->scene.district;
    ly_finder_chips *c = &app->dv.chips;
    memset(c, 0, sizeof *c);
    const char *names[LY_FINDER_INDUSTRIES];
    size_t counts[LY_FINDER_INDUSTRIES];
    size_t n = ly_stats_industries(d, names, counts, LY_FINDER_INDUSTRIES);
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) < sizeof c->industries[0]) /* (a longer one is no chip) */
            strcpy(c->industries[c->n_industries++], names[i]);
    c->n_rents = ly_query_rent_steps(d, c->rents);
    for (size_t f = 0; f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind == LY_KIND_POI && ft->subtype >= 0 && ft->subtype < LY_POI_COUNT)
            c->has_place[ft->subtype] = true;
    }
}

/* Points the district at st->week: the latest for 0, else the last week up to it.
 * True when that changed what the district shows. */
static bool pick_week(ly_app *app)
{
    ly_district *d = &app->scene.district;
    if (!d->n_weeks)
        return false;
    size_t i = d->n_weeks - 1;
    if (app->st.week) {
        i = 0;
        for (size_t k = 0; k < d->n_weeks; k++)
            if (d->weeks[k] <= app->st.week)
                i = k;
    }
    if (i == d->week)
        return false;
    ly_district_set_week(d, i);
    return true;
}

void ly_cmd_set_week(ly_app *app, int week)
{
    const ly_district *d = &app->scene.district;
    if (!d->n_weeks)
        return;
    /* the last week is "the latest": a reload with a new week moves on to it */
    app->st.week = week >= d->weeks[d->n_weeks - 1] ? 0 : week;
    if (!pick_week(app))
        return;
    ly_cmd_set_color_mode(app, app->st.color_mode, true);
    run_finder(app);
    app->dv.stack_dirty = true;
    app->dv.board.made = false;
    update_flags(app);
    app->st.redraw = true;
}

void ly_cmd_step_week(ly_app *app, int delta)
{
    const ly_district *d = &app->scene.district;
    if (!d->n_weeks)
        return;
    long i = (long)d->week + delta;
    i = i < 0 ? 0 : i >= (long)d->n_weeks ? (long)d->n_weeks - 1 : i;
    ly_cmd_set_week(app, d->weeks[i]);
}

void ly_cmd_set_week_focus(ly_app *app, bool on)
{
    app->st.week_focus = on;
}

/* After a swap: the open cameras that the new data still has (by id) keep their
 * pictures; the others close. */
/* What makes an open camera's panel the same after a reload: its id and where its
 * pictures come from. Returns a malloc'd key, or NULL without memory. */
static char *camera_key(const ly_feature *f)
{
    const char *parts[3] = {f->id ? f->id : "", f->stream ? f->stream : "",
                            f->snapshot ? f->snapshot : ""};
    size_t n = strlen(parts[0]) + strlen(parts[1]) + strlen(parts[2]) + 3;
    char *key = malloc(n);
    if (key)
        snprintf(key, n, "%s\n%s\n%s", parts[0], parts[1], parts[2]);
    return key;
}

/* The open camera panels after a reload: each keeps its place when the new data has the
 * same camera (id, stream and snapshot); one whose address changed is opened again on
 * the new one (never the old picture shown as live); one no longer there closes. Frees
 * the keys. */
static void keep_cameras(ly_app *app, char **keys)
{
    ly_state *st = &app->st;
    const ly_district *d = &app->scene.district;
    long reopen[LY_CAMERA_VIEWS];
    int n_reopen = 0;
    for (int i = st->n_camera_views - 1; i >= 0; i--) {
        long found = -1, same_id = -1;
        size_t id_len = keys[i] ? strcspn(keys[i], "\n") : 0;
        for (size_t f = 0; f < d->n_features && keys[i] && found < 0; f++) {
            const ly_feature *c = &d->features[f];
            if (c->kind != LY_KIND_CAMERA || !c->id)
                continue;
            char *key = camera_key(c);
            if (key && !strcmp(key, keys[i]))
                found = (long)f;
            else if (strlen(c->id) == id_len && !strncmp(c->id, keys[i], id_len))
                same_id = (long)f;
            free(key);
        }
        free(keys[i]);
        if (found >= 0) {
            st->camera_views[i] = found;
        } else {
            if (same_id >= 0)
                reopen[n_reopen++] = same_id;
            st->camera_views[i] = -2; /* not in the data as it was: closed here */
            ly_cmd_close_camera(app, -2);
        }
    }
    while (n_reopen > 0)
        ly_cmd_open_camera(app, reopen[--n_reopen]);
}

#ifndef LY_WEB /* the browser build maps no scene cache */
static const void *cache_read(void *cache, const void *p, size_t n, void *buf)
{
    return ly_cache_read(cache, p, n, buf);
}

static void cache_give_back(void *cache, const void *p, size_t n)
{
    ly_cache_done(cache, p, n);
}

/* A scene mapped from its cache: uploads read its file, and give back what they mapped. */
static void mesh_source(ly_app *app, ly_cache *cache)
{
    ly_renderer_set_mesh_source(app->renderer, cache ? &(ly_mesh_source){cache_read,
                                                                        cache_give_back, cache}
                                                     : NULL);
}
#endif

int ly_cmd_swap_scene(ly_app *app, ly_scene *next, ly_diag_list *diags)
{
    /* a scene mapped from its cache gives the pages of each mesh array back once the GPU
     * has its copy: a city's meshes do not stay in resident memory twice */
#ifndef LY_WEB /* the browser build maps no scene cache */
    if (app->renderer)
        mesh_source(app, next->cache);
#endif
    double t0 = ly_clock_ms();
    if (app->renderer && ly_renderer_upload_scene(app->renderer, &next->mesh, &next->ground)) {
        /* put the old district back on the GPU */
#ifndef LY_WEB
        mesh_source(app, app->scene.cache);
#endif
        if (app->scene.loaded)
            ly_renderer_upload_scene(app->renderer, &app->scene.mesh, &app->scene.ground);
        ly_scene_free(next);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "the GPU refused the district's buffers");
        return LY_LOAD_NOMEM;
    }
    double t1 = ly_clock_ms();
    ly_state *st = &app->st;
    bool first = !app->scene.loaded;
    /* (the selection by its whole id, however long) */
    char *keep_id = st->selected >= 0 ? strdup(app->scene.district.buildings[st->selected].id)
                                      : NULL;
    ly_surroundings_reset(app, false); /* its walk graph is the old district's */
    char *keep_cams[LY_CAMERA_VIEWS] = {0};
    for (int i = 0; i < st->n_camera_views; i++)
        keep_cams[i] = camera_key(&app->scene.district.features[st->camera_views[i]]);
    ly_scene_free(&app->scene);
    double t2 = ly_clock_ms();
    ly_scene_move(&app->scene, next);
    keep_cameras(app, keep_cams);
    pick_week(app); /* the week on screen, if the new data has it; else the latest */
    district_trend(app);
    finder_chips(app);
    st->selected = keep_id ? ly_district_find(&app->scene.district, keep_id) : -1;
    free(keep_id);
    st->hovered = -1;
    st->plan.floor_selected = st->plan.floor_hover = 0;
    app->dv.stack_dirty = true;
    app->dv.board.made = false;
    double t3 = ly_clock_ms();
    build_styles(app);
    update_flags(app);
    ly_cmd_set_color_mode(app, st->color_mode, false);
    double t4 = ly_clock_ms();
    rebuild_search(app);
    run_finder(app);
    LY_DEBUG("SWAP", "upload %.1f ms, old scene freed %.1f ms, weeks and cameras %.1f ms, styles "
                     "%.1f ms, search and finder %.1f ms",
             t1 - t0, t2 - t1, t3 - t2, t4 - t3, ly_clock_ms() - t4);
    /* new data, new limits; the first district starts from the home view, a
     * reload keeps the user's view (clamped to the new data) */
    ly_camera_pose keep = st->cam.pose;
    ly_camera_init(&st->cam, app->scene.mesh.min, app->scene.mesh.max);
    st->cam.aspect = (double)st->width / st->height;
    if (first)
        ly_cmd_set_view(app, "home", false);
    else
        ly_camera_set_pose(&st->cam, keep);
    st->redraw = true;
    return LY_LOAD_OK;
}

void ly_cmd_tell(ly_app *app, bool ok, const char *text)
{
    ly_state *st = &app->st;
    if (text != st->exported.text) /* (the same told again: only its time changes) */
        snprintf(st->exported.text, sizeof st->exported.text, "%s", text);
    st->exported.ok = ok;
    st->exported.shown_t = st->time;
    st->redraw = true;
}

void ly_cmd_note_load(ly_app *app, const char *path, int result, const ly_diag_list *diags)
{
    ly_run_note *rn = &app->st.run;
    bool ok = result == LY_LOAD_OK;
    rn->unreadable = result == LY_LOAD_IO; /* (not data with errors: a file not read) */
    /* the date too (months unattended), and the zone: the log it sends a caretaker to
     * is in UTC, and a panel time with no zone cannot be found there */
    ly_clock_stamp(time(NULL), false, rn->when, sizeof rn->when);
    rn->n_errors = 0;
    for (size_t i = 0; i < diags->count && !ok && rn->n_errors < 4; i++)
        if (diags->items[i].severity == LY_DIAG_ERROR) {
            /* (line 0: the whole file's, with no place) */
            rn->error_at[rn->n_errors][0] = diags->items[i].line > 0 ? diags->items[i].line : 0;
            rn->error_at[rn->n_errors][1] = diags->items[i].col;
            snprintf(rn->errors[rn->n_errors++], sizeof rn->errors[0], "%s",
                     diags->items[i].message);
        }
    const char *slash = strrchr(path, '/');
    snprintf(rn->name, sizeof rn->name, "%s", slash ? slash + 1 : path);
    rn->count = ok ? app->scene.district.n_buildings : diags->errors;
    rn->left_out = ok ? app->scene.district.n_left_out : 0;
    rn->skippable = ok ? 0 : diags->skippable;
    rn->ok = ok;
}

/* Whether building b's view point is in the window, by the camera as it is. */
static bool in_view(const ly_app *app, long b)
{
    float sx, sy;
    return b >= 0 && (size_t)b < app->scene.mesh.n_buildings &&
           ly_app_building_point(app, b, &sx, &sy) && sx >= 0 && sy >= 0 &&
           sx <= (float)app->st.width && sy <= (float)app->st.height;
}

void ly_cmd_resize(ly_app *app, int width, int height)
{
    ly_state *st = &app->st;
    width = width > 1 ? width : 1;
    height = height > 1 ? height : 1;
    /* a selection in view stays in view: a phone turned, a window made smaller */
    bool keep = (width != st->width || height != st->height) && st->selected >= 0 &&
                !st->kiosk.touring && in_view(app, st->selected);
    st->width = width;
    st->height = height;
    st->cam.aspect = (double)st->width / st->height;
    st->redraw = true;
    if (st->auto_scale > 0) /* a kiosk's own scale follows its screen */
        ly_cmd_set_scale(app, ly_layout_fit_scale(st->auto_scale, st->width, st->height));
    if (keep && !in_view(app, st->selected))
        ly_cmd_view_building(app, st->selected, true);
    else if (keep) /* and clear of its card as laid out at the new size */
        st->clear_card = 2;
}

void ly_cmd_redraw(ly_app *app)
{
    app->st.redraw = true;
}

void ly_cmd_set_auto_scale(ly_app *app, float want)
{
    app->st.auto_scale = want > 0 ? want : 0;
    if (want > 0)
        ly_cmd_set_scale(app, ly_layout_fit_scale(want, app->st.width, app->st.height));
}

void ly_cmd_set_scale(ly_app *app, float ui_scale)
{
    app->st.ui_scale = ui_scale > 0 ? ui_scale : 1;
    ly_gesture_init(&app->input.gestures, app->st.ui_scale);
    app->st.redraw = true;
}

/* ---- what is shown ------------------------------------------------------------------ */

void ly_cmd_select(ly_app *app, long b, bool fly)
{
    ly_state *st = &app->st;
    if (b >= (long)app->scene.district.n_buildings)
        b = -1;
    if (b != st->selected) {
        st->plan.floor_selected = st->plan.floor_hover = 0;
        app->dv.stack_dirty = true;
    }
    bool changed = b != st->selected;
    st->selected = b;
    update_flags(app);
    if (b >= 0 && fly)
        ly_camera_fly_to(&st->cam, ly_app_building_pose(app, b), 1.2);
    else if (changed)
        ly_cmd_keep_clear_of_card(app, b);
    /* and again once its card is drawn, as tall as it turns out */
    st->clear_card = b >= 0 ? 2 : 0;
    st->redraw = true;
}

void ly_cmd_hover(ly_app *app, long b, bool from_mouse)
{
    app->st.hover_from_mouse = from_mouse;
    if (b == app->st.hovered)
        return;
    app->st.hovered = b;
    update_flags(app);
    app->st.redraw = true;
}

void ly_cmd_set_tab(ly_app *app, ly_card_tab tab)
{
    app->st.tab = (unsigned)tab < LY_TAB_COUNT ? tab : LY_TAB_OVERVIEW;
    app->st.clear_card = app->st.selected >= 0 ? 2 : 0; /* another tab, another height */
    app->st.redraw = true;
}

void ly_cmd_set_sort(ly_app *app, ly_enterprise_order by)
{
    app->st.sort = (unsigned)by < LY_ORDER_COUNT ? by : LY_ORDER_NAME;
    app->st.redraw = true;
}

void ly_cmd_set_industry_filter(ly_app *app, const char *keyword)
{
    const char *k = keyword ? keyword : "";
    if (strlen(k) >= sizeof app->st.industry_filter)
        k = ""; /* no keyword of the data is this long: nothing would match */
    memcpy(app->st.industry_filter, k, strlen(k) + 1);
    app->st.redraw = true;
}

void ly_cmd_set_stacking(ly_app *app, bool on, float explode)
{
    app->st.plan.on = on;
    app->st.plan.explode = explode < 0 ? 0 : explode > 1 ? 1 : explode;
    app->st.clear_card = on && app->st.selected >= 0 ? 2 : app->st.clear_card;
    app->dv.stack_dirty = true;
    update_flags(app);
    app->st.redraw = true;
}

void ly_cmd_select_floor(ly_app *app, int floor)
{
    ly_state *st = &app->st;
    if (st->selected < 0 || floor < 0 ||
        floor > app->scene.district.buildings[st->selected].floors)
        floor = 0;
    st->plan.floor_selected = st->plan.floor_last = floor;
    if (floor) /* its floor card opens beside the building's */
        st->clear_card = 2;
    app->dv.stack_dirty = true;
    st->redraw = true;
}

void ly_cmd_select_floors(ly_app *app, int first, int last)
{
    ly_cmd_select_floor(app, first);
    if (app->st.plan.floor_selected && last > first)
        app->st.plan.floor_last = last;
}

void ly_cmd_hover_floor(ly_app *app, int floor)
{
    if (floor == app->st.plan.floor_hover)
        return;
    app->st.plan.floor_hover = floor;
    app->dv.stack_dirty = true;
    app->st.redraw = true;
}

void ly_cmd_set_color_mode(ly_app *app, ly_color_mode mode, bool animate)
{
    if ((unsigned)mode >= LY_COLOR_MODES)
        mode = LY_COLOR_NONE;
    const ly_district *d = &app->scene.district;
    ly_derived *dv = &app->dv;
    /* the transition starts from what is on screen now */
    free(dv->color_from);
    dv->color_from = animate && dv->styles
                         ? malloc(3 * (d->n_buildings ? d->n_buildings : 1) * sizeof(float))
                         : NULL;
    for (size_t i = 0; dv->color_from && i < d->n_buildings; i++)
        memcpy(&dv->color_from[3 * i], &dv->styles[i].r, 3 * sizeof(float));
    ly_colorby_deinit(&dv->colorby);
    app->st.color_mode = mode;
    if (ly_colorby_compute(&dv->colorby, d, mode, app->st.lang))
        app->st.color_mode = LY_COLOR_NONE;
    app->st.color_t = dv->color_from ? 0 : 1;
    apply_colors(app);
    app->st.redraw = true;
}

bool ly_cmd_animate_colors(ly_app *app, double dt)
{
    if (app->st.color_t >= 1)
        return false;
    app->st.color_t = (float)(app->st.color_t + dt / 0.45 < 1 ? app->st.color_t + dt / 0.45 : 1);
    apply_colors(app);
    app->st.redraw = true;
    return true;
}

void ly_cmd_set_language(ly_app *app, ly_lang lang)
{
    ly_state *st = &app->st;
    if (lang == LY_LANG_ZH && app->font_lacks_cjk) { /* (it would be all boxes or blanks) */
        ly_cmd_tell(app, false, ly_str(LY_S_NO_CJK_FONT, st->lang));
        return;
    }
    st->lang = lang;
    st->redraw = true;
    if (st->color_mode != LY_COLOR_NONE)
        ly_cmd_set_color_mode(app, st->color_mode, false); /* the legend's labels */
    rebuild_search(app); /* industry names in the new language */
    if (!app->settings_path[0])
        return;
    ly_settings set;
    ly_settings_load(&set, app->settings_path, NULL);
    set.language = lang;
    char err[256];
    if (ly_settings_save(&set, app->settings_path, err, sizeof err))
        LY_WARN("SETTINGS", "%s", err);
}

void ly_cmd_set_dashboard(ly_app *app, bool on)
{
    app->st.dashboard = on;
    app->st.redraw = true;
}

void ly_cmd_set_help(ly_app *app, bool on)
{
    app->st.help = on && !app->st.kiosk.on; /* a kiosk has no keyboard to read it with */
    app->st.redraw = true;
}

void ly_cmd_set_keyboard(ly_app *app, bool on)
{
    app->st.keyboard = on;
    app->st.redraw = true;
}

void ly_cmd_set_finder(ly_app *app, bool on)
{
    app->st.finder = on;
    if (on) /* they open in the same place */
        app->st.places_panel = app->st.cameras_panel = false;
    run_finder(app);
}

void ly_cmd_set_find(ly_app *app, const ly_query_desc *find)
{
    ly_state *st = &app->st;
    /* the industry kept in the state's own text (a copy first: it may be that text) */
    char industry[sizeof st->find_industry] = "";
    if (find->industry)
        snprintf(industry, sizeof industry, "%s", find->industry);
    st->find = *find;
    memcpy(st->find_industry, industry, sizeof industry);
    st->find.industry = industry[0] ? st->find_industry : NULL;
    run_finder(app);
}

void ly_cmd_set_query(ly_app *app, const char *text)
{
    char *q = app->st.query;
    snprintf(q, sizeof app->st.query, "%s", text ? text : "");
    /* a text longer than the field is cut at a whole character (cut inside one, it had
     * shown a box and been no UTF-8, which found nothing) */
    size_t n = strlen(q);
    if (text && n < strlen(text)) {
        size_t start = n;
        while (start > 0 && ((unsigned char)q[start - 1] & 0xC0) == 0x80)
            start--;
        unsigned char lead = start > 0 ? (unsigned char)q[start - 1] : 0;
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (start > 0 && lead >= 0xC0 && n - (start - 1) < want)
            q[start - 1] = '\0';
    }
    app->st.redraw = true;
}

/* ---- the views' messages ------------------------------------------------------------ */

void ly_app_dispatch(ly_app *app, const ly_msg *m)
{
    switch (m->type) {
    case LY_MSG_SELECT:
        ly_cmd_select(app, m->id, m->on);
        break;
    case LY_MSG_SET_TAB:
        ly_cmd_set_tab(app, (ly_card_tab)m->i);
        break;
    case LY_MSG_SET_SORT:
        ly_cmd_set_sort(app, (ly_enterprise_order)m->i);
        break;
    case LY_MSG_SET_INDUSTRY:
        ly_cmd_set_industry_filter(app, m->text);
        break;
    case LY_MSG_SET_STACKING:
        ly_cmd_set_stacking(app, m->on, m->f);
        break;
    case LY_MSG_SELECT_FLOORS:
        ly_cmd_select_floors(app, m->i, m->j);
        break;
    case LY_MSG_SET_LANGUAGE:
        ly_cmd_set_language(app, (ly_lang)m->i);
        break;
    case LY_MSG_SET_COLOR_MODE:
        ly_cmd_set_color_mode(app, (ly_color_mode)m->i, true);
        break;
    case LY_MSG_SET_DASHBOARD:
        ly_cmd_set_dashboard(app, m->on);
        break;
    case LY_MSG_SET_FINDER:
        ly_cmd_set_finder(app, m->on);
        break;
    case LY_MSG_SET_HELP:
        ly_cmd_set_help(app, m->on);
        break;
    case LY_MSG_SET_KEYBOARD:
        ly_cmd_set_keyboard(app, m->on);
        break;
    case LY_MSG_SET_FIND:
        ly_cmd_set_find(app, &m->find);
        break;
    case LY_MSG_SET_QUERY:
        ly_cmd_set_query(app, m->text);
        break;
    case LY_MSG_ADMIN_KEY:
        ly_cmd_admin_key(app, (char)m->i);
        break;
    case LY_MSG_ADMIN_CLOSE:
        ly_cmd_admin_close(app);
        break;
    case LY_MSG_ADMIN_REQUEST:
        ly_cmd_admin_request(app, (ly_admin_request)m->i);
        break;
    case LY_MSG_ADMIN_ASK_EXIT:
        ly_cmd_admin_ask_exit(app, m->on);
        break;
    case LY_MSG_SET_WEEK:
        ly_cmd_set_week(app, m->i);
        break;
    case LY_MSG_WEEK_FOCUS:
        ly_cmd_set_week_focus(app, m->on);
        break;
    case LY_MSG_SET_EXPORT_MENU:
        app->st.export_menu = m->on && !app->st.kiosk.on;
        break;
    case LY_MSG_EXPORT:
#ifndef LY_WEB /* the browser build writes no files (its toolbar has no export menu) */
        ly_cmd_queue_export(app, (ly_export_kind)m->i);
#endif
        break;
    default:
        ly_surroundings_dispatch(app, m);
        break;
    }
}
